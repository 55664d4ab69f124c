"""`lantern directory export|import`: the directory as one CSV, so a service lead can keep it in a
spreadsheet.

One row per service, in the order of the data files; the `file` column says which data file the
row lives in. Lists are written "a; b"; yes/no for true/false; `sources` (and `how_it_works` when
it differs by kind of phone) as JSON, because a source's evidence is free text. Import checks
every row against the schema (directory/schema.py) and reports each bad row by number with its
reasons; if any row is bad, nothing is written, so a mistake in the spreadsheet loses nothing.
Each data file keeps its header comment.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from directory.national import DATA_DIR, data_files, read
from directory.schema import Service

COLUMNS = ["file", *Service.__fields__]
_LISTS = {"service_area", "audiences", "needs", "languages", "access", "unverified"}
_FLAGS = {"open_24_7", "by_and_for"}
_JSON = {"sources", "how_it_works"}
_FILE_NAME = re.compile(r"[a-z0-9_]+\.yml")
_DEFAULT_HEADER = (
    "# Services imported from the directory spreadsheet (`lantern directory import`).\n"
)


class ImportRejected(ValueError):
    """Rows that cannot be imported; `problems` lists each as "row N: reason"."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} problems; nothing was written")
        self.problems = problems


def _files(data_dir: Path) -> dict[str, list[dict[str, Any]]]:
    return {path.name: read(path).services for path in data_files(data_dir)}


def _cell(name: str, value: Any) -> str:
    if value is None:
        return ""
    if name in _JSON and not isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if name in _LISTS:
        return "; ".join(value)
    if name in _FLAGS:
        return "yes" if value else "no"
    return str(value)


def export_csv(data_dir: Path = DATA_DIR) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for file_name, services in _files(data_dir).items():
        for service in services:
            writer.writerow(
                {"file": file_name} | {k: _cell(k, service.get(k)) for k in COLUMNS[1:]}
            )
    return out.getvalue()


def _value(name: str, cell: str) -> Any:
    cell = cell.strip()
    if cell == "":
        return [] if name in ("sources", "needs") else None
    if name in _JSON:
        if name == "how_it_works" and not cell.startswith("{"):
            return cell
        try:
            return json.loads(cell)
        except json.JSONDecodeError as error:
            raise ValueError(f"{name}: not valid JSON ({error.msg})") from None
    if name in _LISTS:
        return [part.strip() for part in cell.split(";") if part.strip()]
    if name in _FLAGS:
        if cell.lower() not in ("yes", "no"):
            raise ValueError(f"{name}: write yes or no, not {cell!r}")
        return cell.lower() == "yes"
    if name == "verified":
        try:
            return dt.date.fromisoformat(cell)
        except ValueError:
            raise ValueError(f"verified: write the date as YYYY-MM-DD, not {cell!r}") from None
    return cell


def _entry(row: dict[str, str]) -> dict[str, Any]:
    entry = {name: _value(name, row.get(name) or "") for name in COLUMNS[1:]}
    # Keep the data files free of optional fields nobody filled in.
    optional = ("service_area", "access", "code", "how_it_works", "unverified", "note")
    return {k: v for k, v in entry.items() if not (k in optional and v is None)}


def parse_csv(text: str) -> dict[str, list[dict[str, Any]]]:
    """Rows grouped by data file, every one checked; raises ImportRejected listing bad rows."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ImportRejected([f"header: missing column {', '.join(missing)}"])
    unknown = [c for c in reader.fieldnames or [] if c not in COLUMNS]
    problems = [f"header: unknown column {c}" for c in unknown]
    files: dict[str, list[dict[str, Any]]] = {}
    seen: dict[str, int] = {}
    for number, row in enumerate(reader, start=2):  # row 1 is the header, as a spreadsheet shows
        where = f"row {number}"
        if None in row:
            problems.append(f"{where}: more cells than columns")
            continue
        file_name = (row.get("file") or "").strip()
        if not _FILE_NAME.fullmatch(file_name):
            problems.append(f"{where}: file must be a data file name like national.yml")
            continue
        try:
            entry = _entry(row)
        except ValueError as error:
            problems.append(f"{where}: {error}")
            continue
        try:
            Service.parse_obj(entry)
        except ValidationError as error:
            for e in error.errors():
                field = ".".join(str(p) for p in e["loc"] if p != "__root__")
                problems.append(
                    f"{where} ({entry.get('id')}): {field + ': ' if field else ''}{e['msg']}"
                )
            continue
        if entry["id"] in seen:
            problems.append(f"{where}: id {entry['id']} is also in row {seen[entry['id']]}")
            continue
        seen[entry["id"]] = number
        files.setdefault(file_name, []).append(entry)
    if problems:
        raise ImportRejected(problems)
    return files


class _Dumper(yaml.SafeDumper):
    """Lists of words in flow style (`needs: [helpline, legal]`), as the files are hand-written."""


def _list(dumper: yaml.SafeDumper, value: list) -> yaml.Node:
    flow = all(isinstance(item, str) and len(item) < 40 for item in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(list, _list)


def _header(path: Path) -> str:
    if not path.exists():
        return _DEFAULT_HEADER
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(line for line in lines[: next(
        (i for i, line in enumerate(lines) if line.startswith("services:")), len(lines)
    )])  # fmt: skip


def _rendered(files: dict[str, list[dict[str, Any]]], data_dir: Path) -> dict[str, str]:
    """Each data file as the import would write it (its hand-written header kept)."""
    return {
        name: _header(data_dir / name)
        + yaml.dump(
            {"services": services}, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100
        )
        for name, services in files.items()
    }


def check_import(
    text: str, data_dir: Path = DATA_DIR, quoted: dict[str, tuple[str, str]] | None = None
) -> dict[str, tuple[int, str]]:
    """The files the spreadsheet would write, checked as `lantern directory validate` checks
    the data (unknown district codes, an id also in a file the sheet leaves alone, a number a
    reply quotes no longer verified): the rows and the files they leave alone, together, in a
    scratch copy. Returns each file's number of services and text; raises ImportRejected with
    every error."""
    from directory.validate import validate

    files = parse_csv(text)
    rendered = _rendered(files, data_dir)
    with tempfile.TemporaryDirectory() as scratch:
        for path in data_dir.glob("*.yml"):
            shutil.copy(path, scratch)
        for name, content in rendered.items():
            (Path(scratch) / name).write_text(content, encoding="utf-8")
        # `quoted`: the numbers replies quote, which must stay verified (validate's argument).
        findings = validate(Path(scratch), quoted=quoted)
    errors = [str(f) for f in findings if f.level == "error"]
    if errors:
        raise ImportRejected(errors)
    return {name: (len(files[name]), content) for name, content in rendered.items()}


def import_csv(
    text: str, data_dir: Path = DATA_DIR, quoted: dict[str, tuple[str, str]] | None = None
) -> dict[str, int]:
    """Writes the spreadsheet back into the data files; returns services per file written.

    Files the spreadsheet does not mention are left as they are. Nothing is written unless the
    whole result passes `check_import`.
    """
    checked = check_import(text, data_dir, quoted)
    # Every file is written aside first, then moved into place: a failure half way leaves the
    # old data whole.
    staged = []
    for file_name, (_, content) in checked.items():
        path = data_dir / file_name
        aside = path.with_suffix(".yml.importing")
        aside.write_text(content, encoding="utf-8")
        staged.append((aside, path))
    for aside, path in staged:
        os.replace(aside, path)
    return {name: count for name, (count, _) in checked.items()}
