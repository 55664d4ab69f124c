"""Danger recall and false alarms of the whole NLU pipeline (model + guard) on held-out sets.

The lexicon's own figures are in tests/bot; this measures what users get: the trained model
may add alarms of its own, and the guard must still catch every danger message.
"""

from __future__ import annotations

import httpx

from lantern.settings import Settings
from tests.heldout import CALM, DANGER

MAX_FALSE_ALARM_RATE = 0.05
DANGER_INTENTS = {"danger_immediate", "danger_suicide"}


def _intents(stack, texts: list[str]) -> list[str]:
    token = Settings(var_dir=stack.background.var_dir).secret("rasa_token")
    with httpx.Client(base_url=stack.rasa_url, timeout=30) as client:
        return [
            client.post("/model/parse", params={"token": token}, json={"text": text}).json()[
                "intent"
            ]["name"]
            for text in texts
        ]


def test_every_heldout_danger_message_is_caught_by_the_pipeline(stack):
    for section, expected in (("immediate", "danger_immediate"), ("suicide", "danger_suicide")):
        texts = DANGER[section]
        missed = [t for t, i in zip(texts, _intents(stack, texts), strict=True) if i != expected]
        assert missed == [], f"{section}: {len(missed)}/{len(texts)} missed"


def test_pipeline_false_alarms_on_heldout_calm_messages(stack):
    alarms = [t for t, i in zip(CALM, _intents(stack, CALM), strict=True) if i in DANGER_INTENTS]
    rate = len(alarms) / len(CALM)
    print(f"pipeline calm false-alarm rate {rate:.1%} ({len(alarms)}/{len(CALM)})")
    assert rate <= MAX_FALSE_ALARM_RATE, f"{rate:.1%}:\n" + "\n".join(alarms)
