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
SLOW_DOWN = "utter_web_slow_down"


def _message(name: str) -> BotMessage:
    variants = responses().get(name)
    if not variants:
        raise LookupError(f"{name} is missing from {DOMAIN}")
    return BotMessage(text=variants[0]["text"].format(**facts.values()))


@lru_cache
def static_message() -> BotMessage:
    return _message(RESPONSE)


@lru_cache
def slow_down_message() -> BotMessage:
    """What a webchat client that sent too much in a short time is told, before the static
    safety message: 999 stays one step away."""
    return _message(SLOW_DOWN)
