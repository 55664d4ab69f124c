"""Every reply as it would go by SMS: within three segments, in GSM-7, choices included.

A reply is checked the way the gateway sends it (api/sms/conversation.py): the neutral first
line, the SMS wording if the domain has one (`channel: sms`), then its buttons as numbered
choices. What does not fit would be cut and wait for MORE, so a reply that does not fit alone
is a defect. Whole turns (a reply plus the services after it) are checked end to end in
tests/e2e/test_sms.py.
"""

from __future__ import annotations

import re

import pytest

from api.sms.text import MAX_SEGMENTS, is_gsm7, numbered, plain, segments
from api.sms.words import say
from lantern import facts
from tests.domain import responses, slots

RESPONSES = responses()
# Web-only: the service-card templates (SMS uses the utter_service_line_sms_* ones, checked with
# real services in tests/actions), and the gateway's own words, which are checked below.
SENT_BY_RASA = sorted(
    name
    for name in RESPONSES
    if not name.startswith("utter_sms_")
    and not (name.startswith("utter_service_line_") and "_sms_" not in name)
)


# Sent with the one button that fits the message (actions/recommend_services.py), not all.
ONE_BUTTON = {"utter_also_mentioned"}


def sms_variants(name: str) -> list[dict]:
    """What SMS can get: for each condition (or none), its SMS wording, else its plain one."""
    by_condition: dict[str, dict] = {}
    for variant in RESPONSES[name]:
        if variant.get("channel") not in (None, "sms"):
            continue
        key = repr(variant.get("condition"))
        if key not in by_condition or variant.get("channel") == "sms":
            by_condition[key] = variant
    return list(by_condition.values())


def as_sms(name: str, variant: dict | None = None) -> str:
    chosen = variant or sms_variants(name)[0]
    # Card fields (a service's name, phone...) are filled with long stand-ins.
    values = facts.values() | {f: "X" * 24 for f in ("name", "phone", "hours", "text", "url")}
    # What the feedback replies are filled with: who keeps it, an area's name, the code.
    keeper = slots()["feedback_keeper"]["initial_value"]
    values |= {"feedback_keeper": keeper, "area_name": "X" * 30, "code": "ABCD-2345"}
    text = plain(chosen.get("text", "").format(**values))
    titles = [b["title"] for b in chosen.get("buttons", [])]
    if name in ONE_BUTTON:
        titles = [max(titles, key=len)]
    choices = numbered(say("choices"), titles)
    return "\n".join(p for p in (f"{say('first_line')}\n\n{text}", choices) if p)


def test_the_check_can_fail():
    assert segments(as_sms("utter_needs_housing").replace("\n", " ") * 2) > MAX_SEGMENTS
    assert not is_gsm7("It\u2019s")


@pytest.mark.parametrize("name", SENT_BY_RASA)
def test_each_reply_fits_a_text(name):
    for variant in sms_variants(name):
        text = as_sms(name, variant)
        where = f"{name} ({variant.get('condition') or 'no condition'})"
        assert segments(text) <= MAX_SEGMENTS, f"{where} needs a shorter `channel: sms` wording"
        assert is_gsm7(text), f"{where} has characters that would make the text UCS-2"


@pytest.mark.parametrize("name", sorted(n for n in RESPONSES if n.startswith("utter_sms_")))
def test_the_gateways_own_words_fit_a_text(name):
    words = plain(say(name.removeprefix("utter_sms_")))
    assert is_gsm7(words)
    assert segments(f"{say('first_line')}\n\n{words}") <= MAX_SEGMENTS


def test_the_notes_on_a_first_text_leave_room_for_the_safety_question():
    # A first text may be a picture, or too long: the note and the question go together.
    notes = "\n\n".join(say(n) for n in ("media", "too_long"))
    assert segments(f"{say('first_line')}\n\n{notes}\n{say('safe_to_text')}") <= MAX_SEGMENTS


def test_an_sms_wording_is_no_longer_than_the_web_one():
    # A `channel: sms` variation exists to save space, or to swap words that only fit the page.
    for name, variants in RESPONSES.items():
        web = next((v["text"] for v in variants if not v.get("channel")), "")
        for variant in variants:
            if variant.get("channel") == "sms":
                assert len(variant["text"]) <= len(web), name


# Things a text message does not have.
_PAGE_ONLY = re.compile(r"press Exit|\bEsc\b|this page|\bbuttons?\b|\bclick", re.IGNORECASE)


def test_the_check_for_page_words_can_fail():
    assert _PAGE_ONLY.search("To leave this page quickly, press Exit or Esc")


@pytest.mark.parametrize("name", SENT_BY_RASA)
def test_no_text_talks_about_the_page(name):
    assert not _PAGE_ONLY.search(as_sms(name)), f"{name} needs a `channel: sms` wording"
