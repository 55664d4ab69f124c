"""The one reader of the domain (bot/domain/*.yml) outside Rasa, merged as Rasa merges it.

The gateway's safety message, the SMS words, the outcome evaluation and the tests all read
replies, slots or intents from the domain; each used to parse the files its own way.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import yaml

from lantern.settings import PROJECT_ROOT

DOMAIN = PROJECT_ROOT / "bot" / "domain"


@lru_cache
def _merged() -> dict[str, Any]:
    # Mappings (responses, slots, forms) merge by name, lists (intents, entities) are joined.
    merged: dict[str, Any] = {}
    for path in sorted(DOMAIN.glob("*.yml")):
        for section, value in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            if isinstance(value, dict):
                merged.setdefault(section, {}).update(value)
            elif isinstance(value, list):
                merged.setdefault(section, []).extend(value)
    return merged


def responses() -> dict[str, list[dict[str, Any]]]:
    """Every response by name, each a list of its variations (a fresh copy: callers may edit)."""
    return {name: [dict(v) for v in variants] for name, variants in _merged()["responses"].items()}


def slots() -> dict[str, dict[str, Any]]:
    """Every slot by name, as written (mappings included)."""
    return {name: dict(slot) for name, slot in _merged()["slots"].items()}


def intents() -> set[str]:
    return {i if isinstance(i, str) else next(iter(i)) for i in _merged().get("intents", [])}
