"""The domain's responses, read from bot/domain/*.yml as Rasa merges them (one dict by name)."""

from __future__ import annotations

from functools import lru_cache

import yaml

from lantern.settings import PROJECT_ROOT

DOMAIN = PROJECT_ROOT / "bot" / "domain"


@lru_cache
def _merged() -> dict[str, list[dict]]:
    merged: dict[str, list[dict]] = {}
    for path in sorted(DOMAIN.glob("*.yml")):
        merged.update((yaml.safe_load(path.read_text()) or {}).get("responses") or {})
    return merged


def responses() -> dict[str, list[dict]]:
    """Every response by name, each a list of its variations (a fresh copy: callers may edit)."""
    return {name: [dict(v) for v in variants] for name, variants in _merged().items()}
