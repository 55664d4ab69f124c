"""The SMS gateway's own words, from bot/domain/sms.yml, with the directory's facts filled in."""

from __future__ import annotations

from functools import lru_cache

import yaml

from lantern import facts
from lantern.settings import PROJECT_ROOT

WORDS_FILE = PROJECT_ROOT / "bot" / "domain" / "sms.yml"


@lru_cache
def _all() -> dict[str, str]:
    responses = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))["responses"]
    values = facts.values()
    return {
        name.removeprefix("utter_sms_"): variants[0]["text"].format(**values)
        for name, variants in responses.items()
    }


def say(name: str) -> str:
    """The words for `name` (utter_sms_<name> in bot/domain/sms.yml)."""
    return _all()[name]
