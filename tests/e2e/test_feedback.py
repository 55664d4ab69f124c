"""Feedback through the real stack (issue 16): a survivor gives it in a few steps on the webchat
and by text, and withdraws it with the code; nothing personal reaches the database, Redis or
any log; danger mid-way gets 999 first and ends the questions; and a record acknowledged to
the person survives kill -9 of the whole stack right after the reply.
"""

from __future__ import annotations

import os
import re
import secrets
import signal
from collections.abc import Iterator

import psutil
import pytest

from feedback import store
from harness.background import BackgroundStack, StackFailed
from lantern.facts import values
from tests.e2e.conftest import TWILIO_TOKEN, Stack
from tests.e2e.test_privacy import _everything_in_redis
from tests.e2e.test_sms import _choice, _reply

# Words nothing else in the stack has any reason to contain.
NAME, STREET, PHONE = "Quennell Ashdown", "41 Marrowby Lane", "07700 900461"
WORDS = f"my ex {NAME} of {STREET} still rings me on {PHONE}. the idva believed me"
CODE = re.compile(r"WITHDRAW ([0-9A-Z]{4}-[0-9A-Z]{4})")


def _records(stack: Stack) -> list[dict]:
    engine = store.connect(store.sqlite_url(stack.background.var_dir / "feedback.db"))
    try:
        return store.all_records(engine)
    finally:
        engine.dispose()


def _said(reply: dict) -> str:
    return "\n".join(m["text"] for m in reply["messages"])


def _payloads(reply: dict) -> list[str]:
    return [b["payload"] for m in reply["messages"] for b in m.get("buttons", [])]


def _web_feedback(stack: Stack, session: str, words: str = WORDS) -> str:
    """A survivor's whole journey from goodbye to "saved"; the reply with the code."""
    stack.chat(session, "my partner takes all my money and checks my phone")
    offer = stack.chat(session, "thanks, bye")
    assert "/give_feedback" in _payloads(offer)
    consent = stack.chat(session, "/give_feedback")
    assert "anonymous" in _said(consent) and _payloads(consent) == ["yes", "no"]
    quote = stack.chat(session, "yes")
    assert "quote" in _said(quote)
    reply = stack.chat(session, "yes")
    for answer in ["partly", "yes", "no", "myself", "yes", "housing", "money", "done", "yes"]:
        assert answer in _payloads(reply), (answer, _said(reply))
        reply = stack.chat(session, answer)
    assert "5 short questions about you" in _said(reply)
    for answer in ["yes", "25_44", "woman", "skip", "black", "no"]:
        assert answer in _payloads(reply), (answer, _said(reply))
        reply = stack.chat(session, answer)
    assert "What would you like services to know?" in _said(reply)
    return _said(stack.chat(session, words))


def test_a_survivor_gives_feedback_on_the_webchat_and_nothing_personal_is_kept(stack):
    session = secrets.token_urlsafe(24)
    saved = _web_feedback(stack, session)
    assert "saved" in saved
    code = CODE.search(saved).group(1)
    [record] = [r for r in _records(stack) if r["text"] and "idva believed me" in r["text"]]
    assert record["answers"]["needs"] == ["housing", "money"]
    assert record["about"] == {
        "age": "25_44",
        "gender": "woman",
        "ethnic": "black",
        "disabled": "no",
    }
    assert (
        record["writer"] == "self" and record["channel"] == "web" and record["quote"] == "pending"
    )
    for detail in (NAME, "Quennell", "Marrowby", "900461"):
        assert detail not in record["text"]
    # The words and the code are nowhere else: not in Redis, not in any log.
    kept = _everything_in_redis(stack) + stack.logs()
    for detail in ("Quennell", "Marrowby", "900461", "idva believed", code, code.replace("-", "")):
        assert detail not in kept, detail
    # The code deletes it, and only it.
    gone = stack.chat(session, f"WITHDRAW {code}")
    assert "deleted" in _said(gone)
    assert all(r["id"] != record["id"] for r in _records(stack))


def test_a_survivor_gives_feedback_by_text_with_numbered_replies_and_withdraws_it(stack):
    number = "+447700900462"
    first = _reply(stack, number, "can i give some feedback")
    assert "safe for you to get texts" in first
    consent = _reply(stack, number, "1")
    assert "anonymous" in consent and "count your answers" in consent
    reply = _reply(stack, number, _choice(consent, "^Yes"))
    reply = _reply(stack, number, _choice(reply, "^No"))  # count, but do not quote
    reply = _reply(stack, number, _choice(reply, "happened to"))
    for title in ["^Yes", "^No", "^Partly", "professional", "^Yes"]:
        reply = _reply(stack, number, _choice(reply, title))
    assert "needed help with" in reply
    reply = _reply(stack, number, "1 6")  # several needs typed as numbers at once
    assert "help you today" in reply
    reply = _reply(stack, number, _choice(reply, "^A bit"))
    reply = _reply(stack, number, _choice(reply, "Skip these"))
    assert "services to know" in reply
    saved = _reply(stack, number, f"call me on {PHONE} - the helpline lady was lovely")
    code = CODE.search(saved).group(1)
    [record] = [r for r in _records(stack) if r["channel"] == "sms"]
    assert record["answers"]["needs"] == ["mental_health", "housing"]
    assert record["answers"]["found"] == "professional" and record["about"] == {}
    assert record["quote"] == "none" and "900461" not in record["text"]
    assert "deleted" in _reply(stack, number, f"withdraw {code.lower()}")
    assert [r for r in _records(stack) if r["channel"] == "sms"] == []


def test_danger_in_the_middle_gets_999_first_and_ends_the_questions(stack):
    session = secrets.token_urlsafe(24)
    stack.chat(session, "i'd like to leave feedback")
    stack.chat(session, "yes")
    danger = stack.chat(session, "he's outside the door with a knife")
    assert danger["messages"][0]["text"].startswith(f"Call {values()['emergency_phone']}")
    after = stack.chat(session, "yes")
    assert "services to know" not in _said(after) and "believed" not in _said(after)
    # Asked again in the same conversation: not today.
    assert "your safety matters most" in _said(stack.chat(session, "can i give feedback"))


def test_the_offer_comes_once_and_never_after_danger(stack):
    session = secrets.token_urlsafe(24)
    stack.chat(session, "/greet")
    assert "/give_feedback" in _payloads(stack.chat(session, "bye"))
    assert "/give_feedback" not in _payloads(stack.chat(session, "bye"))
    danger = secrets.token_urlsafe(24)
    stack.chat(danger, "i want to kill myself")
    assert "/give_feedback" not in _payloads(stack.chat(danger, "bye"))


@pytest.fixture(scope="module")
def own_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """A stack of its own, because this test kills it."""
    background = BackgroundStack(
        tmp_path_factory.mktemp("feedback-var"), extra_env={"TWILIO_AUTH_TOKEN": TWILIO_TOKEN}
    )
    try:
        background.start()
    except StackFailed as error:
        pytest.fail(str(error))
    stack = Stack(background)
    yield stack
    stack.redis.close()
    background.stop()


def test_a_record_acknowledged_survives_kill_9_of_the_stack_right_after_the_reply(own_stack):
    saved = _web_feedback(own_stack, secrets.token_urlsafe(24), "the refuge saved my life")
    # Every process of the stack at once (each runs in its own process group under honcho), so
    # none can flush or close anything.
    processes = [psutil.Process(pid) for pid in own_stack.background.pids()]
    for process in processes:
        os.kill(process.pid, signal.SIGKILL)
    gone, alive = psutil.wait_procs(processes, timeout=10)
    assert alive == [] and len(gone) >= 5  # the launcher, Redis, Rasa, the actions, the gateway
    assert "saved" in saved
    assert [r["text"] for r in _records(own_stack)] == ["the refuge saved my life"]
