"""Checks on the words users see: no number typed into a reply, every placeholder fillable."""

from __future__ import annotations

import re

from lantern import facts
from tests.domain import responses


def _texts():
    for name, variants in responses().items():
        for variant in variants:
            yield name, variant.get("text", "")
            for button in variant.get("buttons", []):
                yield name, button["title"]


def _looks_like_a_number_to_call(text: str) -> bool:
    # Ages ("16 or over") and years ("the Act of 2021") are fine; 999, 55 or a helpline are not.
    for run in re.findall(r"\d[\d ]*\d|\d", text):
        digits = run.replace(" ", "")
        if len(digits) >= 3 and not re.fullmatch(r"(19|20)\d\d", digits) or digits == "55":
            return True
    return False


def test_no_phone_number_is_typed_into_a_reply():
    # Numbers come from directory/data via slots, so each one has a source and a checked date.
    assert _looks_like_a_number_to_call(f"call {facts.values()['ndah_phone']}")
    assert _looks_like_a_number_to_call("55")
    typed = [(name, text) for name, text in _texts() if _looks_like_a_number_to_call(text)]
    assert typed == []


# The service-card templates (bot/domain/services.yml) are filled by the actions from a
# directory entry's own verified fields, not from slots.
_CARD_FIELDS = {"name", "summary", "phone", "hours", "text", "url"}
# Filled by the feedback actions (a feedback code, an area's name from the geo data) or by a
# slot an organisation sets to its own name (bot/domain/feedback.yml).
_FILLED_BY_ACTIONS = {
    ("utter_feedback_saved", "code"),
    ("utter_feedback_area_ok", "area_name"),
    ("utter_ask_feedback_may_count", "feedback_keeper"),
}


def test_every_placeholder_is_a_known_fact():
    slots = set(facts.FACTS)
    unknown = {
        (name, slot)
        for name, text in _texts()
        for slot in re.findall(r"\{(\w+)\}", text)
        if slot not in slots
        and not (name.startswith("utter_service_line_") and slot in _CARD_FIELDS)
        and (name, slot) not in _FILLED_BY_ACTIONS
    }
    assert unknown == set()


def test_danger_replies_start_with_999():
    merged = responses()
    for name in ("utter_danger_immediate", "utter_danger_suicide"):
        for variant in merged[name]:
            first_sentence = re.split(r"[.!?\n]", variant["text"])[0]
            assert "{emergency_phone}" in first_sentence, name
    for variant in merged["utter_danger_suicide"]:
        assert "{samaritans_phone}" in variant["text"]


def test_greeting_says_what_this_is():
    text = " ".join(v["text"] for name, vs in responses().items() if "greet" in name for v in vs)
    assert "not a person" in text.lower()
    assert "{emergency_phone}" in text and "{silent_solution_code}" in text
