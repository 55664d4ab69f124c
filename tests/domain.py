"""The domain's responses, read from bot/domain/*.yml as Rasa merges them (one dict by name)."""

from __future__ import annotations

import yaml

from lantern.settings import PROJECT_ROOT

DOMAIN = PROJECT_ROOT / "bot" / "domain"


def responses() -> dict[str, list[dict]]:
    merged: dict[str, list[dict]] = {}
    for path in sorted(DOMAIN.glob("*.yml")):
        merged.update((yaml.safe_load(path.read_text()) or {}).get("responses") or {})
    return merged
