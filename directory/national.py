"""Load the national services data files, the one source of truth for numbers shown to users.

`directory/data/*.yml` each hold a `services:` list (national.yml: emergency routes and general
helplines; the others: specialist and topic services). Each entry is checked against the
schema (directory/schema.py) when loaded; `lantern directory validate` reports every problem at
once, with warnings, for the people who maintain the data.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from directory.schema import Service

DATA_DIR = Path(__file__).resolve().parent / "data"
# libyaml's safe loader when PyYAML was built with it: four times faster on a large directory.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DirectoryError(ValueError):
    """The data breaks the schema (directory/schema.py) or repeats an id."""


def _check(entry: dict[str, Any], seen: set[str]) -> None:
    try:
        Service.parse_obj(entry)
    except ValidationError as error:
        raise DirectoryError(f"{entry.get('id', '?')}: {error}") from None
    if entry["id"] in seen:
        raise DirectoryError(f"duplicate id {entry['id']}")
    seen.add(entry["id"])


@lru_cache
def national_services(data_dir: Path = DATA_DIR) -> dict[str, dict[str, Any]]:
    """Services by id from every data file, after checking each has a source and a checked date."""
    entries = [
        entry
        for path in sorted(data_dir.glob("*.yml"))
        for entry in yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)["services"]
    ]
    seen: set[str] = set()
    for entry in entries:
        _check(entry, seen)
    return {entry["id"]: entry for entry in entries}


def shown(service: dict[str, Any], field: str) -> Any:
    """A field users may be shown, or None when the data leaves it empty or marks it unverified."""
    if field in (service.get("unverified") or []):
        return None
    return service.get(field) or None


def verified_field(service_id: str, field: str) -> str:
    """A fact users must be shown (a number in a reply): refuses an unverified or empty field."""
    value = shown(national_services()[service_id], field)
    if value is None:
        raise DirectoryError(f"{service_id}.{field} is not verified and must not be shown")
    return str(value)
