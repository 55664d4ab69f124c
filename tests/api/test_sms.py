"""`POST /sms/twilio` through the gateway with a real Redis and Rasa down (a closed port).

Signatures are made with the twilio library's own validator, as Twilio's cloud would make them;
nothing of Twilio is mocked because nothing of Twilio is called. The journeys with the real
assistant are in tests/e2e/test_sms.py.
"""

from __future__ import annotations

import asyncio
import json
from urllib.parse import urlencode
from xml.etree import ElementTree

import pytest
from fastapi.testclient import TestClient
from redis.asyncio import Redis
from twilio.request_validator import RequestValidator

from api.main import create_app
from api.sms import state as sms_state
from api.sms.text import segments
from api.sms.words import say
from harness.background import free_port
from lantern import facts
from lantern.settings import REDIS_KEY_PREFIX
from tests.api.conftest import TWILIO_TOKEN as TOKEN

NUMBER = "+447700900123"  # Ofcom's drama range: never a real person's phone


def _post(client, params: dict, url: str = "http://testserver/sms/twilio", sign: bool = True):
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if sign:
        headers["X-Twilio-Signature"] = RequestValidator(TOKEN).compute_signature(url, params)
    return client.post("/sms/twilio", content=urlencode(params), headers=headers)


def _text(client, body: str = "hello", number: str = NUMBER, **extra) -> str:
    reply = _post(client, {"From": number, "To": "+447700900999", "Body": body, **extra})
    assert reply.status_code == 200, reply.text
    assert reply.headers["content-type"].startswith("application/xml")
    messages = ElementTree.fromstring(reply.text).findall("Message")
    return messages[0].text if messages else ""


def test_without_a_token_everything_is_refused(client):
    reply = client.post("/sms/twilio", content="From=%2B447700900123&Body=hi")
    assert reply.status_code == 403 and "TWILIO_AUTH_TOKEN" in reply.json()["message"]


@pytest.mark.parametrize("signature", [None, "", "bm90IGEgc2lnbmF0dXJl"])
def test_unsigned_or_forged_requests_are_refused(sms, signature):
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if signature is not None:
        headers["X-Twilio-Signature"] = signature
    reply = sms.post(
        "/sms/twilio", content=urlencode({"From": NUMBER, "Body": "hi"}), headers=headers
    )
    assert reply.status_code == 403


def test_a_signature_for_other_words_is_refused(sms):
    params = {"From": NUMBER, "Body": "hi"}
    signature = RequestValidator(TOKEN).compute_signature("http://testserver/sms/twilio", params)
    tampered = urlencode({"From": NUMBER, "Body": "changed"})
    headers = {
        "X-Twilio-Signature": signature,
        "Content-Type": "application/x-www-form-urlencoded",
    }
    reply = sms.post("/sms/twilio", content=tampered, headers=headers)
    assert reply.status_code == 403


def test_behind_a_tls_proxy_the_public_address_is_what_is_signed(sms_settings, redis_client):
    public = sms_settings.copy(update={"public_base_url": "https://lantern.example.org"})
    with TestClient(create_app(public)) as client:
        params = {"From": NUMBER, "Body": "hello"}
        assert _post(client, params).status_code == 403  # signed for the inside address
        signed = _post(client, params, url="https://lantern.example.org/sms/twilio")
        assert signed.status_code == 200


def test_a_signed_request_without_a_sender_is_a_clear_400(sms):
    reply = _post(sms, {"Body": "hi"})
    assert reply.status_code == 400 and "From" in reply.json()["message"]


def test_with_the_assistant_down_the_first_reply_is_the_safety_text(sms):
    text = _text(sms, "hello")
    assert text.startswith(say("first_line") + "\n\n")  # neutral on a lock screen
    assert "999" in text and facts.values()["ndah_phone"] in text
    assert segments(text) <= 3
    # The question about texting did not fit beside it, so it follows their next text.
    assert _text(sms, "are you there") == f"{say('first_line')}\n\n{say('safe_ask_again')}"


def test_the_number_is_never_stored(sms, redis_client):
    _text(sms, "hello")
    _text(sms, "1")
    stored = " ".join(
        f"{key} {redis_client.dump(key)!r}" for key in redis_client.scan_iter("*")
    )  # fmt: skip
    assert stored and "7700900123" not in stored and NUMBER not in stored


def test_replying_2_deletes_everything_and_confirms(sms, redis_client):
    _text(sms, "hello")
    assert list(redis_client.scan_iter("lantern:sms:*"))
    text = _text(sms, "2")
    assert "deleted" in text
    assert not list(redis_client.scan_iter("lantern:sms:*"))


def test_exit_and_delete_end_the_chat_neutrally(sms, redis_client):
    for word in ("EXIT", " delete "):
        _text(sms, "hello")
        text = _text(sms, word)
        assert text == f"{say('first_line')}\n\n{say('deleted')}"
        assert not list(redis_client.scan_iter("lantern:sms:*"))


def test_stop_is_twilios_it_deletes_and_says_nothing(sms, redis_client):
    _text(sms, "hello")
    assert _text(sms, "STOP") == ""
    assert not list(redis_client.scan_iter("lantern:sms:*"))
    assert _text(sms, "start") == ""


def test_empty_and_media_messages_get_a_clear_answer(sms):
    assert say("empty") in _text(sms, "")
    assert say("media") in _text(sms, "", NumMedia="1", MediaUrl0="https://example.org/x.jpg")


def test_an_over_long_text_is_cut_with_a_note(sms):
    _text(sms, "hello")
    _text(sms, "1")
    assert say("too_long") in _text(sms, "word " * 400)


def test_too_many_texts_get_one_kind_message_then_silence(sms):
    for _ in range(5):
        _text(sms, "hello")
    assert _text(sms, "hello") == f"{say('first_line')}\n\n{say('slow_down')}"  # discreet too
    assert _text(sms, "hello") == ""


def test_danger_is_never_silenced_by_the_limit(sms):
    for _ in range(6):
        _text(sms, "hello")
    assert _text(sms, "hello") == ""  # limited
    text = _text(sms, "he is here and going to kill me")
    assert text.startswith(say("first_line")) and "999" in text


def test_choices_and_more_do_not_count_towards_the_limit(sms):
    for _ in range(5):
        _text(sms, "hello")
    for choice in ("1", "0", "MORE", "2"):
        assert _text(sms, choice) != "", choice
    assert say("slow_down") in _text(sms, "hello")  # the sixth text of words


def test_a_rate_counter_always_expires(sms_settings, redis_client):
    # Two calls (INCR, then EXPIRE) could leave a counter with no expiry if the second failed,
    # silencing a number for good; a counter left that way by an earlier version is mended.
    async def count() -> int:
        redis = Redis.from_url(sms_settings.effective_redis_url)
        try:
            return await sms_state.count_message(redis, "sms_abc", 600)
        finally:
            await redis.close()

    key = f"{REDIS_KEY_PREFIX}:sms-rate:sms_abc"
    redis_client.set(key, 40)  # no TTL: what the crash left
    assert asyncio.run(count()) == 41
    assert 0 < redis_client.ttl(key) <= 600
    redis_client.delete(key)
    assert asyncio.run(count()) == 1 and 0 < redis_client.ttl(key) <= 600


def test_a_digit_int_cannot_read_is_an_answer_not_an_error(sms, redis_client):
    _text(sms, "hello")
    _text(sms, "yes")
    # Choices on offer, as after any reply from the assistant (which is down here).
    (key,) = redis_client.scan_iter(f"{REDIS_KEY_PREFIX}:sms:sms_*")
    state = json.loads(redis_client.get(key))
    state.update(payloads=["/show_menu"], titles=["Main menu"])
    redis_client.set(key, json.dumps(state))
    text = _text(sms, "\u00b2")  # "²": isdigit() but not a number int() reads
    assert text.startswith(say("first_line"))


def test_with_redis_down_the_safety_text_still_goes(sms_settings):
    down = sms_settings.copy(update={"redis_url": f"redis://127.0.0.1:{free_port()}/0"})
    with TestClient(create_app(down)) as client:
        text = _text(client, "hello")
    assert "999" in text and facts.values()["ndah_phone"] in text
    # Nothing can be read, so discreet mode (every number's default) is assumed.
    assert text.startswith(say("first_line") + "\n\n")


@pytest.mark.parametrize(
    "media", ["\u00b2", "9" * 5000, "-1", " 3 "], ids=["superscript", "huge", "negative", "spaced"]
)
def test_any_media_count_from_a_signed_request_gets_an_answer(sms, media):
    assert _text(sms, "hello", NumMedia=media) != ""


def test_forgetting_is_all_or_nothing(sms_settings, redis_client, monkeypatch):
    from redis.asyncio.client import Pipeline
    from redis.exceptions import ConnectionError as RedisConnectionError

    sender = "sms_" + "a" * 64
    state_key = f"{REDIS_KEY_PREFIX}:sms:{sender}"
    tracker_key = f"{REDIS_KEY_PREFIX}:tracker:{sender}"
    redis_client.set(state_key, "{}")
    redis_client.set(tracker_key, "{}")

    async def crash(self, *args, **kwargs):
        raise RedisConnectionError("the connection dropped")

    monkeypatch.setattr(Pipeline, "execute", crash)

    async def forget() -> None:
        redis = Redis.from_url(sms_settings.effective_redis_url)
        try:
            await sms_state.forget(redis, sender)
        finally:
            await redis.close()

    with pytest.raises(RedisConnectionError):
        asyncio.run(forget())
    # Half-done would be worse than not done: the next text would start a new chat on the SMS
    # side while Rasa carried on the old conversation.
    assert redis_client.exists(state_key) and redis_client.exists(tracker_key)


def test_each_sender_is_a_separate_pseudonymous_conversation(sms, redis_client):
    _text(sms, "hello", number="+447700900001")
    _text(sms, "hello", number="+447700900002")
    states = sorted(k for k in redis_client.scan_iter("lantern:sms:sms_*"))
    assert len(states) == 2
    assert all(len(k.rsplit("sms_", 1)[1]) == 64 for k in states)


def test_ending_the_chat_works_even_after_too_many_texts(sms, redis_client):
    for _ in range(7):
        _text(sms, "hello")
    assert say("deleted") in _text(sms, "EXIT")
    assert not list(redis_client.scan_iter("lantern:sms:*"))


def test_a_safe_word_is_kept_only_as_a_keyed_hash(sms, redis_client):
    _text(sms, "hello")
    _text(sms, "yes")  # words work as well as the number
    assert say("word_saved") in _text(sms, "WORD Bluebird")
    stored = " ".join(redis_client.get(k) or "" for k in redis_client.scan_iter("lantern:sms:*"))
    assert "bluebird" not in stored.lower()
    assert say("word_missing") in _text(sms, "WORD 1")  # numbers already pick choices
    assert _text(sms, " BLUEBIRD") == f"{say('first_line')}\n\n{say('deleted')}"
