"""Safety messages in other languages (safety_messages.yml): loading and filling them in.

Numbers are never typed into a translation: `{emergency_phone}` and the like are filled from the
same verified facts as the English replies (lantern/facts.py).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA_FILE = Path(__file__).resolve().parent / "safety_messages.yml"


@lru_cache
def languages() -> dict[str, dict[str, Any]]:
    """Entries by langdetect code."""
    data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    return {entry["code"]: entry for entry in data["languages"]}


@lru_cache
def supported_codes() -> frozenset[str]:
    return frozenset(languages())


def safety_message(code: str) -> str | None:
    """The filled-in safety message for a language, or None if we have none."""
    from lantern.facts import values  # late: lantern imports the directory, not needed to detect

    # A slot or entity can hold anything a hand-typed button payload put there.
    entry = languages().get(code) if isinstance(code, str) else None
    return entry["text"].format(**values()) if entry else None
