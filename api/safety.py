"""The static safety message the gateway gives when the assistant cannot answer.

Its words live with every other reply, in bot/domain (response `utter_safety_summary`), and its
numbers in the directory data, so it is reviewed and verified like the rest.
"""

from __future__ import annotations

from functools import lru_cache

from api.models import BotMessage
from lantern import facts
from lantern.domain import DOMAIN, responses

RESPONSE = "utter_safety_summary"


@lru_cache
def static_message() -> BotMessage:
    variants = responses().get(RESPONSE)
    if not variants:
        raise LookupError(f"{RESPONSE} is missing from {DOMAIN}")
    return BotMessage(text=variants[0]["text"].format(**facts.values()))
