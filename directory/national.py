"""Load the national services data files, the one source of truth for numbers shown to users.

`directory/data/*.yml` each hold a `services:` list (national.yml: emergency routes and general
helplines; the others: specialist and topic services). Each entry is checked against the
schema (directory/schema.py) when loaded; `lantern directory validate` reports every problem at
once, with warnings, for the people who maintain the data.

Parsing YAML and checking every entry takes seconds for a directory of thousands of services,
and every process (web, action server, CLI) loads it at start. So the checked result is kept as
a JSON snapshot in `var/cache/`, named by a hash of the data files and of the source of the
schema and the nations table it reads: any edit to either makes a new name, so a stale snapshot
is never read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from directory import nations, schema
from directory.schema import Service

DATA_DIR = Path(__file__).resolve().parent / "data"
# libyaml's safe loader when PyYAML was built with it: four times faster on a large directory.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Bump when the snapshot's layout changes.
_SNAPSHOT_FORMAT = "1"


class DirectoryError(ValueError):
    """The data breaks the schema (directory/schema.py) or repeats an id."""


@dataclass(frozen=True)
class DataFile:
    """One data file as written: `services` is its list, unchecked (an item may not even be a
    mapping); `problem` says why there is no list to read."""

    path: Path
    services: list[Any]
    problem: str | None = None


def data_files(data_dir: Path = DATA_DIR) -> list[Path]:
    return sorted(data_dir.glob("*.yml"))


def read(path: Path) -> DataFile:
    """The one reader of a data file, for the loader, `validate` and the spreadsheet."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except yaml.YAMLError as error:
        return DataFile(path, [], f"not valid YAML: {error}")
    services = data.get("services") if isinstance(data, dict) else None
    if not isinstance(services, list):
        return DataFile(path, [], "needs a `services:` list")
    return DataFile(path, services)


def _check(entry: Any, seen: set[str]) -> None:
    if not isinstance(entry, dict):
        raise DirectoryError(f"not a mapping: {type(entry).__name__}")
    try:
        Service.parse_obj(entry)
    except ValidationError as error:
        raise DirectoryError(f"{entry.get('id', '?')}: {error}") from None
    if entry["id"] in seen:
        raise DirectoryError(f"duplicate id {entry['id']}")
    seen.add(entry["id"])


def _parse_and_check(files: list[Path]) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for path in files:
        found = read(path)
        if found.problem:
            raise DirectoryError(f"{path.name}: {found.problem}")
        entries += found.services
    seen: set[str] = set()
    for entry in entries:
        _check(entry, seen)
    return entries


def _snapshot_name(files: list[Path]) -> str:
    digest = hashlib.sha256(_SNAPSHOT_FORMAT.encode())
    for module in (schema, nations):  # the rules the snapshot was checked against
        digest.update(Path(str(module.__file__)).read_bytes())
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return f"directory-{digest.hexdigest()[:32]}.json"


def _read_snapshot(path: Path) -> list[dict[str, Any]] | None:
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # missing or half-written: check the data again
    for entry in entries:
        entry["verified"] = dt.date.fromisoformat(entry["verified"])
    return entries


def _write_snapshot(path: Path, entries: list[dict[str, Any]]) -> None:
    """Best effort: a read-only disk only costs the next process the full check."""
    try:
        for folder in reversed([p for p in (path.parent, *path.parent.parents) if not p.exists()]):
            folder.mkdir(mode=0o700, exist_ok=True)  # var/ and all in it: its owner's only
        for old in path.parent.glob("directory-*.json"):
            old.unlink(missing_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", dir=path.parent, suffix=".tmp", delete=False, encoding="utf-8"
        ) as out:
            json.dump(entries, out, default=dt.date.isoformat, ensure_ascii=False)
        os.replace(out.name, path)  # whole or not at all, for processes starting together
    except OSError:
        pass


def load(data_dir: Path = DATA_DIR, cache_dir: Path | None = None) -> dict[str, dict[str, Any]]:
    """Services by id from every data file in `data_dir`, each checked against the schema.

    With `cache_dir`, a snapshot of an earlier check of exactly these files is used if there
    is one, and written if not.
    """
    files = data_files(data_dir)
    snapshot = cache_dir / _snapshot_name(files) if cache_dir else None
    entries = _read_snapshot(snapshot) if snapshot else None
    if entries is None:
        entries = _parse_and_check(files)
        if snapshot:
            _write_snapshot(snapshot, entries)
    return {entry["id"]: entry for entry in entries}


# Where the checked snapshot is kept: set by the entry points that serve the directory (the
# gateway, the action server) from their settings; tools and tests check the data each time.
_cache_dir: Path | None = None


def use_cache(cache_dir: Path) -> None:
    global _cache_dir
    _cache_dir = cache_dir


@lru_cache
def national_services(data_dir: Path = DATA_DIR) -> dict[str, dict[str, Any]]:
    """The directory this process serves (see `load`), loaded once."""
    return load(data_dir, _cache_dir)


def shown(service: dict[str, Any], field: str) -> Any:
    """A field users may be shown, or None when the data leaves it empty or marks it unverified."""
    if field in (service.get("unverified") or []):
        return None
    return service.get(field) or None


# The ways in that make a service worth offering: one meaning for search (which offers it) and
# validate (which warns when a service has none, so it is never offered).
CONTACT_FIELDS = ("phone", "text", "webchat", "url")


def contactable(service: dict[str, Any]) -> bool:
    return any(shown(service, field) for field in CONTACT_FIELDS)


def verified_field(service_id: str, field: str) -> str:
    """A fact users must be shown (a number in a reply): refuses an unverified or empty field."""
    value = shown(national_services()[service_id], field)
    if value is None:
        raise DirectoryError(f"{service_id}.{field} is not verified and must not be shown")
    return str(value)
