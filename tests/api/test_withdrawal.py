"""WITHDRAW <code> on the webchat, by text and on the /withdraw page: the gateway answers it
itself (the assistant is down here, a closed port, so an answer proves it never went there),
against a real SQLite database."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.withdrawal import words
from feedback import store
from tests.api.test_sms import _text


@pytest.fixture
def feedback_db(settings):
    engine = store.connect(settings.effective_database_url)
    store.migrate(engine)
    yield engine
    engine.dispose()


def _give(engine, settings) -> str:
    feedback = store.Feedback(channel="web", writer="self", may_count=True, may_quote=False)
    return store.save(engine, feedback, settings.secret("feedback_key").encode())


def _chat(client, text: str) -> str:
    reply = client.post("/api/chat", json={"session": "s" * 20, "text": text})
    assert reply.status_code == 200, reply.text
    return reply.json()["messages"][0]["text"]


@pytest.mark.parametrize("typed", ["WITHDRAW {a}-{b}", "withdraw {a}{b}", " Withdraw: {a} {b} "])
def test_withdraw_in_the_webchat_deletes_the_record_however_the_code_is_typed(
    client, settings, feedback_db, typed
):
    code = _give(feedback_db, settings)
    said = _chat(client, typed.format(a=code[:4].lower(), b=code[4:]))
    assert said == words("done")
    assert store.all_records(feedback_db) == []
    assert _chat(client, f"WITHDRAW {code}") == words("not_found")


def test_withdraw_without_a_code_says_how_and_a_wrong_code_deletes_nothing(
    client, settings, feedback_db
):
    _give(feedback_db, settings)
    assert _chat(client, "withdraw") == words("how")
    assert _chat(client, "WITHDRAW ABCD-2345") == words("not_found")
    assert len(store.all_records(feedback_db)) == 1


def test_with_the_database_unreachable_the_person_is_told_to_try_later(settings, redis_client):
    broken = settings.copy(update={"database_url": "sqlite:////nonexistent/dir/feedback.db"})
    with TestClient(create_app(broken)) as client:
        assert _chat(client, "WITHDRAW ABCD-2345") == words("unavailable")


def test_withdraw_by_text(sms, sms_settings, feedback_db):
    code = _give(feedback_db, sms_settings)
    assert words("done") in _text(sms, f"WITHDRAW {code}")
    assert store.all_records(feedback_db) == []


def test_the_withdraw_page_works_without_javascript(client, settings, feedback_db):
    page = client.get("/withdraw")
    assert page.status_code == 200 and '<form method="post" action="/withdraw">' in page.text
    assert "<script" not in page.text
    code = _give(feedback_db, settings)
    done = client.post(
        "/withdraw",
        content=f"code={code[:4]}-{code[4:]}",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert done.status_code == 200 and words("done") in done.text
    assert store.all_records(feedback_db) == []
    again = client.post(
        "/withdraw",
        content=f"code={code}",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert words("not_found") in again.text


@pytest.mark.parametrize(
    ("body", "status"), [(b"code=%FF%FE", 400), (b"code=" + b"A" * 2000, 413), (b"", 200)]
)
def test_a_bad_withdraw_form_gets_a_clear_answer(client, feedback_db, body, status):
    reply = client.post(
        "/withdraw", content=body, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert reply.status_code == status
    if status == 200:
        assert words("how") in reply.text


def test_guessing_codes_on_the_page_is_held_back_with_999(settings, redis_client, feedback_db):
    code = _give(feedback_db, settings)
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    with TestClient(create_app(settings.copy(update={"chat_rate_limit": 3}))) as client:
        for guess in ("AAAA-AAAA", "AAAA-AAAB", "AAAA-AAAC"):
            assert (
                client.post("/withdraw", content=f"code={guess}", headers=form).status_code == 200
            )
        held = client.post("/withdraw", content=f"code={code}", headers=form)
        assert held.status_code == 429 and "999" in held.text
        assert len(store.all_records(feedback_db)) == 1  # the right code, too late: not tried
        # The page and the webchat share one count for the address.
        assert client.post("/api/chat", json={"session": "s" * 20, "text": "hi"}).status_code == 429
