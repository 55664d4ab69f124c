"""Offering, starting and ending the feedback questions (issue 16).

Offered once, at a natural end (goodbye), and never in a conversation where any risk was read
(the `risk` slot: immediate danger, suicide or a serious risk). Someone who asks is let in
unless they were in danger now or at risk of suicide in this conversation: then their safety
comes first, and they can give feedback another time.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.feedback_form import ANSWER_SLOTS
from directory.geo import districts
from feedback.questions import codes

NOT_NOW_RISKS = frozenset({"immediate", "suicide"})


def cleared() -> list[dict[str, Any]]:
    """Every answer slot emptied: one run of the questions leaves nothing for the next."""
    return [SlotSet(slot, None) for slot in ANSWER_SLOTS]


class ActionOfferFeedback(Action):
    def name(self) -> str:
        return "action_offer_feedback"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if (
            tracker.get_slot("feedback_offered")
            or tracker.get_slot("feedback_given")
            or tracker.get_slot("risk")
        ):
            return []
        dispatcher.utter_message(response="utter_feedback_offer")
        return [SlotSet("feedback_offered", True)]


class ActionStartFeedback(Action):
    def name(self) -> str:
        return "action_start_feedback"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if str(tracker.get_slot("risk")) in NOT_NOW_RISKS:
            dispatcher.utter_message(response="utter_feedback_not_now")
            return []
        if tracker.get_slot("feedback_given"):
            dispatcher.utter_message(response="utter_feedback_already_given")
            return []
        helping = tracker.get_slot("helping")
        known = [SlotSet("feedback_writer", helping)] if helping in ("self", "other", "own") else []
        start = [SlotSet("feedback_offered", True), FollowupAction("feedback_form")]
        return [*cleared(), *known, *start]


class ActionAskFeedbackNeeds(Action):
    """The needs, one at a time: all of them first, then "Anything else?" with those not yet
    chosen and "That's all"."""

    def name(self) -> str:
        return "action_ask_feedback_needs_done"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        chosen = set(codes(tracker.get_slot("feedback_needs")))
        first = domain["responses"]["utter_ask_feedback_needs_done"][0]
        if not chosen:
            dispatcher.utter_message(text=first["text"], buttons=first["buttons"])
            return []
        more = domain["responses"]["utter_feedback_needs_more"][0]
        left = [b for b in first["buttons"] if b["payload"] not in chosen | {"skip"}]
        dispatcher.utter_message(text=more["text"], buttons=[*left, *more["buttons"]])
        return []


class ActionAskFeedbackArea(Action):
    def name(self) -> str:
        return "action_ask_feedback_area_ok"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        code = tracker.get_slot("district")
        district = districts().get(code) if isinstance(code, str) else None
        dispatcher.utter_message(
            response="utter_feedback_area_ok", area_name=district.name if district else "your area"
        )
        return []


_ENDINGS = {
    "declined": ("utter_feedback_declined",),
    "failed": ("utter_feedback_not_saved",),
    "stopped_menu": ("utter_feedback_stopped", "utter_menu"),
    # Two answers in a row not understood: never a loop, a person to talk to and the menu.
    "stopped_misses": ("utter_feedback_stopped", "utter_fallback_helplines", "utter_menu"),
}


class ActionFeedbackDone(Action):
    """Says how the questions ended (a saved record has been thanked already) and clears them."""

    def name(self) -> str:
        return "action_feedback_done"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        outcome = tracker.get_slot("feedback_outcome")
        for response in _ENDINGS.get(outcome if isinstance(outcome, str) else "", ()):
            dispatcher.utter_message(response=response)
        return cleared()


def end_questions(tracker: Tracker) -> list[dict[str, Any]]:
    """Stop the questions where they are, keeping nothing (a danger message mid-way)."""
    if tracker.active_loop.get("name") != "feedback_form":
        return []
    return [ActiveLoop(None), SlotSet("requested_slot", None), *cleared()]
