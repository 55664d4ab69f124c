"""The SMS gateway's own words, from bot/domain/sms.yml, with the directory's facts filled in."""

from __future__ import annotations

from functools import lru_cache

from lantern import facts
from lantern.domain import responses

PREFIX = "utter_sms_"


@lru_cache
def _all() -> dict[str, str]:
    values = facts.values()
    return {
        name.removeprefix(PREFIX): variants[0]["text"].format(**values)
        for name, variants in responses().items()
        if name.startswith(PREFIX)
    }


@lru_cache
def services_heading() -> str:
    """The line that starts a list of services (utter_services_intro, bot/domain/services.yml)."""
    return responses()["utter_services_intro"][0]["text"]


@lru_cache
def lead_lines() -> tuple[str, ...]:
    """First lines that go in a cut text before the services: the serious-risk note's."""
    variants = responses()["utter_risk_serious"]
    return tuple(v["text"].split("\n")[0] for v in variants if v.get("channel") == "sms")


def say(name: str) -> str:
    """The words for `name` (utter_sms_<name> in bot/domain/sms.yml)."""
    return _all()[name]
