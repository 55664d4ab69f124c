"""Service leads: who may see feedback, and for which areas.

A leads file (YAML) names each lead, their areas as council district codes ("*" for every
area) and the SHA-256 of their token. Tokens are long random strings made by `lantern leads
add`, not passwords people choose, so one fast hash is enough: there is nothing to guess from
it. A token is checked against every lead's hash with hmac.compare_digest, so how long the check
takes says nothing about how close a guess was.

With SERVICE_LEAD_TOKEN set, that token is one more lead who sees every area: the simple
default for a service with one lead.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

import yaml

_AREA = re.compile(r"[EWSN][0-9]{8}")


@dataclass(frozen=True)
class Lead:
    name: str
    areas: frozenset[str] | None  # None: every area
    token_hash: str


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def read(path: Path) -> list[Lead]:
    """The leads in the file; none if there is no file. A bad entry stops the start, with why."""
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text()) or {}
    leads = []
    for entry in data.get("leads") or []:
        name, areas, hashed = entry.get("name"), entry.get("areas"), entry.get("token_sha256")
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"{path}: a lead without a name")
        if not (isinstance(hashed, str) and re.fullmatch(r"[0-9a-f]{64}", hashed)):
            raise ValueError(f"{path}: {name}: token_sha256 must be 64 hex characters")
        if areas == "*":
            leads.append(Lead(name, None, hashed))
            continue
        if not (isinstance(areas, list) and areas and all(_AREA.fullmatch(str(a)) for a in areas)):
            raise ValueError(f"{path}: {name}: areas must be district codes like E06000020, or *")
        leads.append(Lead(name, frozenset(map(str, areas)), hashed))
    return leads


def with_default(leads: list[Lead], default_token: str | None) -> list[Lead]:
    if not default_token:
        return leads
    return [*leads, Lead("Service lead", None, token_hash(default_token))]


def find(leads: list[Lead], token: str | None) -> Lead | None:
    """The lead this token belongs to, or None. Every lead is compared, every time."""
    if not token:
        return None
    offered, found = token_hash(token), None
    for lead in leads:
        if hmac.compare_digest(offered, lead.token_hash):
            found = lead
    return found


def add(path: Path, name: str, areas: list[str] | None) -> str:
    """Add a lead to the file and return their token, which is shown once and kept nowhere."""
    if areas is not None and not all(_AREA.fullmatch(a) for a in areas):
        raise ValueError("areas must be district codes like E06000020")
    data = yaml.safe_load(path.read_text()) if path.exists() else None
    data = data or {"leads": []}
    token = new_token()
    data["leads"].append(
        {"name": name, "areas": areas if areas else "*", "token_sha256": token_hash(token)}
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    path.chmod(0o600)
    return token
