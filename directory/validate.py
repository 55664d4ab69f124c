"""`lantern directory validate`: everything that must be true of the directory data before it is
shown to anyone. Errors fail the command (and `make test`); warnings are for the service lead.

Errors: a file that does not parse, an entry that breaks the schema (directory/schema.py: phone
formats, vocabulary, https sources, dates), a duplicate id, a reference to something that does not
exist (a local authority code; a service or field a reply quotes, lantern/facts.py).
Warnings: fields not verified (never shown), an entry with nothing verified to contact, a check
more than 12 months old.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from directory.national import DATA_DIR, contactable, data_files, read
from directory.schema import Service

STALE_AFTER = dt.timedelta(days=365)


@dataclass(frozen=True)
class Finding:
    level: str  # "error" or "warning"
    where: str  # file, and the entry's id
    message: str

    def __str__(self) -> str:
        return f"{self.level}: {self.where}: {self.message}"


def _schema_errors(error: ValidationError) -> list[str]:
    return [
        f"{'.'.join(str(p) for p in e['loc'] if p != '__root__') or 'entry'}: {e['msg']}"
        .removeprefix("entry: ")
        for e in error.errors()
    ]  # fmt: skip


def _entries(data_dir: Path) -> tuple[list[tuple[str, dict]], list[Finding]]:
    entries: list[tuple[str, dict]] = []
    findings: list[Finding] = []
    for path in data_files(data_dir):
        found = read(path)
        if found.problem:
            findings.append(Finding("error", path.name, found.problem))
            continue
        for number, entry in enumerate(found.services, start=1):
            if not isinstance(entry, dict):
                findings.append(Finding("error", f"{path.name} #{number}", "not a mapping"))
                continue
            entries.append((f"{path.name} {entry.get('id') or f'#{number}'}", entry))
    return entries, findings


def validate(
    data_dir: Path = DATA_DIR,
    today: dt.date | None = None,
    quoted: dict[str, tuple[str, str]] | None = None,
) -> list[Finding]:
    """Findings for the data in `data_dir`. `quoted` is what replies quote from it (slot ->
    (service id, field)): the entry points pass lantern/facts.py's FACTS for the real data, so
    this library never imports the application that imports it."""
    from directory.geo import districts

    quoted = quoted or {}
    today = today or dt.date.today()
    entries, findings = _entries(data_dir)
    seen: dict[str, str] = {}
    valid: dict[str, Service] = {}
    for where, entry in entries:
        try:
            service = Service.parse_obj(entry)
        except ValidationError as error:
            findings += [Finding("error", where, m) for m in _schema_errors(error)]
            continue
        if service.id in seen:
            findings.append(Finding("error", where, f"duplicate id (also in {seen[service.id]})"))
            continue
        seen[service.id] = where
        valid[service.id] = service
        for code in service.service_area or []:
            if code not in districts():
                findings.append(Finding("error", where, f"unknown local authority code {code}"))
        hidden = service.unverified or []
        if hidden:
            findings.append(
                Finding("warning", where, f"not verified, never shown: {', '.join(hidden)}")
            )
        if not contactable(entry):
            findings.append(Finding("warning", where, "nothing verified to contact: never offered"))
        if today - service.verified > STALE_AFTER:
            findings.append(
                Finding("warning", where, f"last checked {service.verified}: check it again")
            )
    for slot, (service_id, field) in quoted.items():
        source = valid.get(service_id)
        if source is None:
            findings.append(
                Finding("error", "lantern/facts.py", f"{slot}: no service {service_id}")
            )
        elif not getattr(source, field, None) or field in (source.unverified or []):
            findings.append(
                Finding(
                    "error", "lantern/facts.py", f"{slot}: {service_id}.{field} is not verified"
                )
            )
    return findings


def main(data_dir: Path = DATA_DIR, quoted: dict[str, tuple[str, str]] | None = None) -> int:
    findings = validate(data_dir, quoted=quoted)
    for finding in sorted(findings, key=lambda f: (f.level != "error", f.where)):
        print(finding)
    errors = sum(f.level == "error" for f in findings)
    warnings = len(findings) - errors
    print(f"directory: {errors} errors, {warnings} warnings")
    return 1 if errors else 0
