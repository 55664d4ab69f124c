"""Never a fallback loop: after two misses in a row, offer a person to talk to.

Counts from the tracker's events rather than a slot, so nothing has to be reset when the
person is understood again: any understood message ends the run of misses.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

# Both are misses: "out of scope" is what the model says of gibberish and of things Lantern
# does not do, and either, twice in a row, leaves the person just as stuck.
MISS_INTENTS = frozenset({"nlu_fallback", "out_of_scope"})
# On this miss in a row, and every later one, stop asking to rephrase.
MISSES_BEFORE_HELPLINES = 2
# Events that start a new conversation: misses before them do not count.
_CONVERSATION_BOUNDARIES = {"session_started", "restart"}


def consecutive_misses(events: Iterable[dict[str, Any]]) -> int:
    """How many of the latest user messages in a row were not understood."""
    misses = 0
    for event in reversed(list(events)):
        kind = event.get("event")
        if kind in _CONVERSATION_BOUNDARIES:
            break
        if kind != "user":
            continue
        intent = (event.get("parse_data") or {}).get("intent") or {}
        if intent.get("name") not in MISS_INTENTS:
            break
        misses += 1
    return misses


class ActionHandleMisunderstanding(Action):
    def name(self) -> str:
        return "action_handle_misunderstanding"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> list[dict[str, Any]]:
        if consecutive_misses(tracker.events) < MISSES_BEFORE_HELPLINES:
            dispatcher.utter_message(response="utter_fallback_rephrase")
        else:
            dispatcher.utter_message(response="utter_fallback_helplines")
            dispatcher.utter_message(response="utter_menu")
        return []
