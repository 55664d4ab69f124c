"""The feedback questions (issue 16): consent, the questions that apply, and the person's own
words, saved at once.

One validation action runs every turn of `feedback_form` and decides everything: what the
message answers, what to ask next, when to stop. Rasa's form only asks and loops. Answers are
codes (feedback/questions.py). The free text is read from the message in memory, anonymised
and written by feedback.store in this same turn; the slot keeps only "saved", because a slot's
old value stays in the tracker's events even after it is cleared. The withdrawal code goes to
the person in a reply whose stored copy is blanked (bot/tracker_store.py).

A danger message at any point is not an answer: the action returns nothing, Rasa's form
rejects the turn, and the danger rule answers first (and ends the questions, see
actions/continue_reply.py).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.feedback_records import save_feedback
from actions.service_cards import channel_of
from feedback.questions import (
    ANSWERS,
    CONSENT,
    NEEDS,
    SKIP,
    answer_code,
    codes,
    needs_in,
    questions_for,
)

log = logging.getLogger("lantern.actions.feedback")

DANGER_INTENTS = frozenset({"danger_immediate", "danger_suicide"})
SLOT = "feedback_{}".format
# Questions whose slot is not named after the question: "needs" is answered when the person
# says they are done; the needs chosen so far are kept in feedback_needs.
_SLOT_OF = {"needs": "feedback_needs_done", "chosen_needs": "feedback_needs"}
# A second miss on one question ends the questions (never a loop of "please choose").
MISSES_BEFORE_STOPPING = 2
_STOP_WORDS = frozenset({"stop", "cancel", "quit", "no more", "end", "menu", "0"})


def slot_of(question: str) -> str:
    return _SLOT_OF.get(question, SLOT(question))


def question_of(slot: str) -> str:
    reverse = {v: k for k, v in _SLOT_OF.items()}
    return reverse.get(slot, slot.removeprefix("feedback_"))


def _single_district(tracker: Tracker) -> str | None:
    district = tracker.get_slot("district")
    return district if isinstance(district, str) and "," not in district else None


def next_question(slots: dict[str, Any], district: str | None) -> str | None:
    """The next question to ask given the answers so far (question names, not slots), or None
    when there is nothing more to ask."""
    for consent in ("may_count", "may_quote"):
        if slots.get(consent) is None:
            return consent
    may_count, may_quote = slots["may_count"] == "yes", slots["may_quote"] == "yes"
    if not (may_count or may_quote):
        return None
    asked = questions_for(slots.get("writer"), may_count, slots.get("about_ok") == "yes")
    if slots.get("writer") == SKIP:
        asked = ["writer", "helped_today"]
    if may_count and district and slots.get("writer") == "self":
        asked.append("area_ok")
    asked.append("words")
    return next((q for q in asked if slots.get(q) is None), None)


def _titles(domain: dict[str, Any], slot: str) -> dict[str, str]:
    variants = domain.get("responses", {}).get(f"utter_ask_{slot}") or [{}]
    return {b["payload"]: b["title"] for b in variants[0].get("buttons") or []}


def _answers(tracker: Tracker) -> dict[str, Any]:
    """The answers so far, by question name."""
    found = {q: tracker.get_slot(slot_of(q)) for q in (*ANSWERS, "needs")}
    found["words"] = tracker.get_slot("feedback_words")
    found["chosen_needs"] = tracker.get_slot(slot_of("chosen_needs"))
    return found


class ValidateFeedbackForm(Action):
    def name(self) -> str:
        return "validate_feedback_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        message = tracker.latest_message or {}
        intent = (message.get("intent") or {}).get("name")
        if intent in DANGER_INTENTS:
            return []  # not an answer: the form rejects the turn and the danger rule speaks
        requested = tracker.get_slot("requested_slot")
        if not isinstance(requested, str) or not requested.startswith("feedback_"):
            requested = None  # not one of these questions: nothing to read as an answer
        events: list[dict[str, Any]] = []
        answers = _answers(tracker)
        if requested:
            text = (message.get("text") or "").strip()
            question = question_of(requested)
            if text.startswith("/") or text.lower() in _STOP_WORDS:
                return _stop(tracker, "menu")
            if question == "words":
                events += await self._words(dispatcher, tracker, answers, text)
                return [*events, SlotSet("requested_slot", None)]
            if question == "needs":
                got = self._needs(tracker, text)
            else:
                got = _consent_or_answer(question, text, _titles(domain, requested))
            if got is None:
                before = tracker.get_slot("feedback_misses")
                misses = (int(before) if isinstance(before, (int, float)) else 0) + 1
                if misses >= MISSES_BEFORE_STOPPING:
                    return _stop(tracker, "misses")
                dispatcher.utter_message(response="utter_feedback_pick_one")
                return [SlotSet("feedback_misses", misses), SlotSet("requested_slot", requested)]
            events += [SlotSet(slot, value) for slot, value in got.items()]
            events.append(SlotSet("feedback_misses", None))
            for slot, value in got.items():
                answers[question_of(slot)] = value
        following = next_question(answers, _single_district(tracker))
        if following is None and answers.get("may_count") is not None:
            events.append(SlotSet("feedback_outcome", "declined"))
        return [*events, SlotSet("requested_slot", slot_of(following) if following else None)]

    @staticmethod
    def _needs(tracker: Tracker, text: str) -> dict[str, Any] | None:
        """One need tapped (ask again for more), several typed (done), done or skip."""
        chosen = codes(tracker.get_slot("feedback_needs"))
        said = text.strip().lower()
        if said in ("done", "that's all", "thats all", "none", "no", "nothing else"):
            return {"feedback_needs_done": "done"}
        if said == SKIP:
            return {"feedback_needs_done": SKIP if not chosen else "done"}
        offered = tuple(n for n in NEEDS if n not in chosen)
        found = [n for n in needs_in(text, offered) if n not in chosen]
        if not found:
            return None
        both = ",".join(chosen + found)
        one_tapped = len(found) == 1 and said in NEEDS
        left = [n for n in NEEDS if n not in chosen + found]
        if one_tapped and left:
            return {"feedback_needs": both}
        return {"feedback_needs": both, "feedback_needs_done": "done"}

    @staticmethod
    async def _words(
        dispatcher: CollectingDispatcher, tracker: Tracker, answers: dict[str, Any], text: str
    ) -> list[dict[str, Any]]:
        words = None if text.lower() in (SKIP, "no", "nothing", "no thanks") else text
        district = _single_district(tracker)
        try:
            code = await asyncio.to_thread(
                save_feedback,
                channel=channel_of(tracker),
                answers=answers,
                area=district if answers.get("area_ok") == "yes" else None,
                text=words,
            )
        except Exception as error:  # the person is told; nothing of theirs is logged
            log.error("feedback_not_saved", extra={"error": type(error).__name__})
            return [SlotSet("feedback_words", "failed"), SlotSet("feedback_outcome", "failed")]
        dispatcher.utter_message(response="utter_feedback_saved", code=code)
        return [
            SlotSet("feedback_words", "saved"),
            SlotSet("feedback_outcome", "saved"),
            SlotSet("feedback_given", True),
        ]


def _consent_or_answer(question: str, text: str, titles: dict[str, str]) -> dict[str, Any] | None:
    code = answer_code(question, text, titles)
    if code == SKIP and question in CONSENT:
        code = "no"  # consent is never assumed
    return None if code is None else {slot_of(question): code}


def _stop(tracker: Tracker, why: str) -> list[dict[str, Any]]:
    return [
        SlotSet("feedback_outcome", f"stopped_{why}"),
        SlotSet("feedback_misses", None),
        SlotSet("requested_slot", None),
    ]


# Every slot one run of the questions sets, cleared when it ends however it ends.
ANSWER_SLOTS = (
    *(slot_of(q) for q in (*ANSWERS, "needs")),
    "feedback_needs",
    "feedback_words",
    "feedback_misses",
    "feedback_outcome",
)
