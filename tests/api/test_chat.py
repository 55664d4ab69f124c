"""The webchat API contract, with a real Redis and Rasa really down (a closed port)."""

from __future__ import annotations

import pytest

from api.safety import static_message
from lantern import facts
from lantern.settings import LOCK_KEY_PREFIX, TRACKER_KEY_PREFIX

SESSION = "s" * 24


def test_rasa_down_gives_the_static_safety_message(client):
    reply = client.post("/api/chat", json={"session": SESSION, "text": "hello"})
    assert reply.status_code == 200
    body = reply.json()
    assert body["session"] == SESSION
    [message] = body["messages"]
    values = facts.values()
    # Someone in Wales, Scotland or Northern Ireland must not be sent to England's helpline alone.
    for fact in (
        "emergency_phone",
        "silent_solution_code",
        "ndah_phone",
        "live_fear_free_phone",
        "scotland_helpline_phone",
        "ni_helpline_phone",
    ):
        assert values[fact] in message["text"]
    assert message["text"].startswith(static_message().text[:20])


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"session": SESSION, "text": ""}, "text must be 1 to 2000 characters"),
        ({"session": SESSION, "text": "   \n "}, "text must not be empty"),
        ({"session": SESSION, "text": "x" * 2001}, "text must be 1 to 2000 characters"),
        ({"session": "short", "text": "hi"}, "session must be 16 to 128 characters"),
        ({"session": "a" * 129, "text": "hi"}, "session must be 16 to 128 characters"),
        ({"session": "bad id with spaces!!", "text": "hi"}, "session must be 16 to 128"),
        ({"session": SESSION + "\n", "text": "hi"}, "session must be 16 to 128"),
        ({"session": SESSION, "text": 123}, "text must be a string"),
        ({"session": SESSION, "text": True}, "text must be a string"),
        ({"session": SESSION}, "text is missing"),
        ({"text": "hi"}, "session is missing"),
        ([1, 2], "send a JSON object"),
    ],
)
def test_bad_input_is_a_clear_422(client, body, expected):
    reply = client.post("/api/chat", json=body)
    assert reply.status_code == 422
    assert expected in reply.json()["message"]


def test_malformed_json_is_a_clear_422(client):
    reply = client.post(
        "/api/chat", content=b'{"session": ', headers={"content-type": "application/json"}
    )
    assert reply.status_code == 422
    assert "not valid JSON" in reply.json()["message"]


def test_longest_allowed_text_is_accepted(client):
    reply = client.post("/api/chat", json={"session": SESSION, "text": "x" * 2000})
    assert reply.status_code == 200


@pytest.mark.parametrize("route", ["delete", "beacon"])
def test_quick_exit_removes_tracker_and_lock(client, redis_client, route):
    sender = f"web_{SESSION}"
    redis_client.set(TRACKER_KEY_PREFIX + sender, "{}")
    redis_client.set(LOCK_KEY_PREFIX + sender, "{}")
    redis_client.set(TRACKER_KEY_PREFIX + "web_" + "o" * 20, "{}")
    if route == "delete":
        reply = client.delete(f"/api/chat/{SESSION}")
    else:
        reply = client.post(f"/api/chat/{SESSION}/exit", content=b"")
    assert reply.status_code == 204
    assert not redis_client.exists(TRACKER_KEY_PREFIX + sender, LOCK_KEY_PREFIX + sender)
    assert redis_client.exists(TRACKER_KEY_PREFIX + "web_" + "o" * 20), "other people untouched"


def test_a_turn_finishing_after_exit_is_deleted_again(client, redis_client):
    # Exit pressed while a reply was on its way: the tracker Rasa saves afterwards must go too.
    sender = f"web_{SESSION}"
    assert client.delete(f"/api/chat/{SESSION}").status_code == 204
    redis_client.set(TRACKER_KEY_PREFIX + sender, "{}")
    client.post("/api/chat", json={"session": SESSION, "text": "hello"})
    assert not redis_client.exists(TRACKER_KEY_PREFIX + sender)


def test_quick_exit_rejects_a_bad_session_id(client):
    assert client.delete("/api/chat/not-valid!").status_code == 422
    assert client.delete(f"/api/chat/{SESSION}%0A").status_code == 422


def test_no_cookies_and_no_caching(client):
    reply = client.post("/api/chat", json={"session": SESSION, "text": "hello"})
    assert "set-cookie" not in reply.headers
    assert reply.headers["cache-control"] == "no-store"
    assert reply.headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b"hello", "text/plain"),
        (b"session=x&text=y", "application/x-www-form-urlencoded"),
        (b'"just a string"', "application/json"),
        (b"", "application/json"),
    ],
)
def test_a_body_that_is_not_a_json_object_is_a_422(client, content, content_type):
    reply = client.post("/api/chat", content=content, headers={"content-type": content_type})
    assert reply.status_code == 422
    assert reply.json()["message"]


# ---------- Too much from one client (issue 17) ----------


@pytest.fixture
def limited(settings, redis_client):
    from fastapi.testclient import TestClient

    from api.main import create_app

    with TestClient(create_app(settings.copy(update={"chat_rate_limit": 3}))) as client:
        yield client


def test_a_client_past_its_limit_gets_a_kind_429_that_carries_999(limited, redis_client):
    for _ in range(3):
        assert limited.post("/api/chat", json={"session": SESSION, "text": "hi"}).status_code == 200
    # A new session from the same address is the same client: the limit is per address.
    reply = limited.post("/api/chat", json={"session": "t" * 24, "text": "he is here now"})
    assert reply.status_code == 429
    assert int(reply.headers["retry-after"]) == 300
    body = reply.json()
    assert "Too many messages" in body["message"] and body["session"] == "t" * 24
    first, safety = body["messages"]
    assert "a lot of messages in a short time" in first["text"]
    assert facts.values()["emergency_phone"] in first["text"]
    assert safety == static_message().dict(exclude_none=True)
    # Quick exit is never held back.
    assert limited.delete(f"/api/chat/{SESSION}").status_code == 204


def test_the_count_is_kept_under_a_keyed_hash_and_expires(limited, redis_client):
    limited.post("/api/chat", json={"session": SESSION, "text": "hi"})
    [(key, ttl)] = [(k, redis_client.ttl(k)) for k in redis_client.scan_iter(match="*chat-rate*")]
    assert "testclient" not in str(key) and "127.0.0.1" not in str(key)  # the address, hashed
    assert 0 < ttl <= 300


def test_withdrawal_codes_are_counted_too(limited):
    for _ in range(3):
        limited.post("/api/chat", json={"session": SESSION, "text": "WITHDRAW ABCD-2345"})
    reply = limited.post("/api/chat", json={"session": SESSION, "text": "WITHDRAW ABCD-2346"})
    assert reply.status_code == 429
