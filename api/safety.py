"""The static safety message the gateway gives when the assistant cannot answer.

Its words live with every other reply, in bot/domain (response `utter_safety_summary`), and its
numbers in the directory data, so it is reviewed and verified like the rest.
"""

from __future__ import annotations

from functools import lru_cache

import yaml

from api.models import BotMessage
from lantern import facts
from lantern.settings import PROJECT_ROOT

RESPONSE = "utter_safety_summary"
DOMAIN_DIR = PROJECT_ROOT / "bot" / "domain"


@lru_cache
def static_message() -> BotMessage:
    for path in sorted(DOMAIN_DIR.glob("*.yml")):
        responses = (yaml.safe_load(path.read_text()) or {}).get("responses") or {}
        if RESPONSE in responses:
            text = responses[RESPONSE][0]["text"]
            return BotMessage(text=text.format(**facts.values()))
    raise LookupError(f"{RESPONSE} is missing from {DOMAIN_DIR}")
