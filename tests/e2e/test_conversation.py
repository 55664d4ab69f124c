"""Conversations over HTTP against the real stack: what a person on webchat experiences."""

from __future__ import annotations

import secrets

from lantern import facts
from tests.e2e.conftest import TTL_SECONDS

FACTS = facts.values()


def _session() -> str:
    return secrets.token_urlsafe(24)


def _texts(reply: dict) -> list[str]:
    return [m["text"] for m in reply["messages"]]


def _payloads(reply: dict) -> list[str]:
    return [b["payload"] for m in reply["messages"] for b in m["buttons"]]


def test_greeting_says_what_this_is_and_shows_999(stack):
    reply = stack.chat(_session(), "/greet")
    text = " ".join(_texts(reply)).lower()
    assert "not a person" in text
    assert "emergency" in text
    assert FACTS["emergency_phone"] in text and FACTS["silent_solution_code"] in text
    assert _payloads(reply), "the greeting offers choices as buttons"


def test_typed_hello_greets_too(stack):
    reply = stack.chat(_session(), "hiya")
    assert FACTS["emergency_phone"] in " ".join(_texts(reply))


def test_immediate_danger_mid_conversation_gets_999_first(stack):
    session = _session()
    stack.chat(session, "/greet")
    stack.chat(session, "what is domestic abuse")
    reply = stack.chat(session, "hes outside the door banging and shouting he will kill me")
    first = reply["messages"][0]["text"]
    assert FACTS["emergency_phone"] in first.split(".")[0], first


def test_suicide_gets_999_and_samaritans_first(stack):
    reply = stack.chat(_session(), "i just want to end it all tonight")
    first = reply["messages"][0]["text"]
    assert FACTS["emergency_phone"] in first.split(".")[0], first
    assert FACTS["samaritans_phone"] in first


def test_what_is_domestic_abuse_explains_the_law_and_coercive_control(stack):
    reply = stack.chat(_session(), "what counts as domestic abuse?")
    text = " ".join(_texts(reply)).lower()
    assert "16" in text and "control" in text


def test_is_this_abuse_path_believes_and_reaches_the_helpline(stack):
    session = _session()
    reply = stack.chat(session, "i dont know if what my partner does is abuse")
    text = " ".join(_texts(reply)).lower()
    assert "fault" not in text or "not your fault" in text
    assert _payloads(reply), "the reflective path offers choices"
    # "My partner" told us whose story it is: the helpline, without asking again who it is for.
    helpline = stack.chat(session, "/ask_helpline")
    assert "/for_myself" not in _payloads(helpline)
    assert FACTS["ndah_phone"] in " ".join(_texts(helpline))


def test_with_nothing_said_about_whom_it_asks_who_the_help_is_for_once(stack):
    session = _session()
    asked = stack.chat(session, "/ask_helpline")
    assert "/for_myself" in _payloads(asked), "asks who the help is for"
    helpline = stack.chat(session, "/for_myself")
    assert FACTS["ndah_phone"] in " ".join(_texts(helpline))
    again = stack.chat(session, "/ask_helpline")
    assert "/for_myself" not in _payloads(again), "never twice"


def test_two_misunderstandings_offer_the_helplines_and_the_menu(stack):
    session = _session()
    stack.chat(session, "/greet")
    first = stack.chat(session, "qwxz vbnm plok")
    assert FACTS["ndah_phone"] not in " ".join(_texts(first))
    second = stack.chat(session, "zzkq wvvx jjhg")
    assert FACTS["ndah_phone"] in " ".join(_texts(second))
    assert _payloads(second), "the menu comes back as buttons"


def test_conversation_remembers_across_turns_in_redis(stack):
    session = _session()
    stack.chat(session, "/greet")
    key = f"lantern:tracker:web_{session}"
    assert stack.redis.exists(key)
    ttl = stack.redis.ttl(key)
    assert 0 < ttl <= TTL_SECONDS, "trackers expire after the configured TTL"
