"""SMS end to end: signed texts into the real gateway, Rasa, action server and Redis.

Numbers are from Ofcom's drama range (07700 900xxx), never a real person's. Each test uses its
own number, so each is its own conversation.
"""

from __future__ import annotations

import itertools
import re
from concurrent.futures import ThreadPoolExecutor
from xml.etree import ElementTree

import httpx

from api.sms.text import is_gsm7, segments
from api.sms.words import say
from directory.national import national_services

SERVICES = national_services()
_numbers = itertools.count(100)


def _number() -> str:
    return f"+447700900{next(_numbers):03d}"


def _reply(stack, number: str, body: str, **extra: str) -> str:
    response = stack.sms(number, body, **extra)
    assert response.status_code == 200, response.text
    messages = ElementTree.fromstring(response.text).findall("Message")
    text = messages[0].text if messages else ""
    assert segments(text) <= 3, text
    return text


def _choice(text: str, words: str) -> str:
    """The number of the first choice whose title matches `words`."""
    for number, title in re.findall(r"^(\d+) (.+)$", text, re.MULTILINE):
        if re.search(words, title, re.IGNORECASE):
            return number
    raise AssertionError(f"no choice like {words!r} in:\n{text}")


def test_a_friend_gets_safe_useful_help_in_a_few_texts(stack):
    me = _number()
    first = _reply(stack, me, "im worried about my sister, her boyfriend controls her money")
    assert first.startswith("Hi.\n\n") and "safe for you to get texts" in first
    assert "boyfriend" not in first.lower()  # nothing about the situation before they say yes
    help_ = _reply(stack, me, "1")
    assert "Thank you for caring" in help_ or "Your worry matters" in help_
    assert SERVICES["national-domestic-abuse-helpline"]["phone"] in help_
    assert is_gsm7(help_)
    what_to_say = _reply(stack, me, _choice(help_, "help|say"))
    assert "Hi." == what_to_say.splitlines()[0]
    assert "999" in what_to_say or "believe" in what_to_say.lower()


def _until(stack, number: str, text: str, wanted: str, most: int = 2) -> str:
    """`text` and what MORE brings, until `wanted` appears (at most `most` more texts)."""
    seen = text
    for _ in range(most):
        if wanted in seen or say("more") not in text:
            break
        text = _reply(stack, number, "MORE")
        seen += "\n" + text
    return seen


def test_a_survivor_on_a_shared_phone_is_believed_and_helped(stack):
    me = _number()
    first = _reply(stack, me, "he takes all my wages and checks my phone every night")
    assert "wages" not in first.lower() and "safe for you to get texts" in first
    told = _reply(stack, me, "1")
    # Believed, and the number to call, in the first text after saying it is safe.
    assert re.search(r"(?:not|never) your fault", told), told
    assert SERVICES["national-domestic-abuse-helpline"]["phone"] in told, told
    help_ = _reply(stack, me, "who can i talk to")
    if re.search(r"^\d+ For me$", help_, re.MULTILINE):
        help_ = _reply(stack, me, _choice(help_, "^For me$"))
    ndah = SERVICES["national-domestic-abuse-helpline"]["phone"]
    assert ndah in help_ and is_gsm7(help_)


def test_someone_worried_about_their_behaviour_gets_respect_on_sms(stack):
    me = _number()
    _reply(stack, me, "i keep losing my temper and shouting at my wife. i want to stop")
    answer = _reply(stack, me, "1")
    respect = SERVICES["respect-phoneline"]["phone"]
    seen = _until(stack, me, answer, respect)
    if respect not in seen:
        seen = _until(stack, me, _reply(stack, me, _choice(answer, "help|change|talk")), respect)
    assert respect in seen
    assert SERVICES["national-domestic-abuse-helpline"]["phone"] not in seen


def test_rasa_chooses_the_short_sms_wording(stack):
    me = _number()
    _reply(stack, me, "how can i find a space in a refuge")
    housing = _reply(stack, me, "1")
    housing += _reply(stack, me, "MORE")
    assert "A refuge is a safe house with a secret address" in housing, housing
    assert "Its address is kept secret" not in housing  # the web wording


def test_two_texts_at_once_are_answered_one_after_the_other(stack):
    me = _number()
    with ThreadPoolExecutor(2) as pool:
        replies = list(
            pool.map(lambda body: _reply(stack, me, body), ["my partner controls me", "hello?"])
        )
    # Without a lock per sender both would be taken for the first text.
    assert sum("safe for you to get texts" in r for r in replies) == 1, replies
    assert sum(say("safe_ask_again") in r for r in replies) == 1, replies


def test_danger_comes_first_even_before_the_safety_question(stack):
    me = _number()
    text = _reply(stack, me, "he is outside with a knife and says he will kill me")
    assert text.split("\n\n", 1)[1].startswith("Call 999") or text.index("999") < 60, text
    later = _reply(stack, me, "ok")
    assert "safe" in later and "999" in later  # the question about texting comes next


def test_another_language_gets_its_safety_message_first(stack):
    me = _number()
    text = _reply(stack, me, "Mój mąż mnie bije i boję się wrócić do domu")
    assert "999" in text and "ę" in text  # Polish words, sent as UCS-2 within three segments
    assert say("more") in text  # three UCS-2 segments hold 201 characters: the rest waits
    assert "ę" in _reply(stack, me, "MORE")


def _keys_of(stack, number: str) -> list[str]:
    return list(stack.redis.scan_iter(f"lantern:*{stack.sms_sender(number)}*"))


def test_saying_texts_are_not_safe_deletes_the_chat(stack):
    me = _number()
    _reply(stack, me, "my husband hits me")
    assert any(k.startswith("lantern:tracker:") for k in _keys_of(stack, me))
    assert "deleted" in _reply(stack, me, "2")
    left = [k for k in _keys_of(stack, me) if not k.startswith(("lantern:sms-rate:",
                                                                 "lantern:ended:"))]  # fmt: skip
    assert left == []


def test_a_safe_word_ends_and_deletes_the_conversation(stack):
    me = _number()
    _reply(stack, me, "hello")
    _reply(stack, me, "1")
    saved = _reply(stack, me, "WORD bluebird")
    assert say("word_saved") in saved and "bluebird" not in saved.lower()
    keys_before = set(stack.redis.scan_iter("lantern:*"))
    assert _reply(stack, me, "Bluebird ") == f"Hi.\n\n{say('deleted')}"
    gone = keys_before - set(stack.redis.scan_iter("lantern:*"))
    assert any(k.startswith("lantern:sms:sms_") for k in gone)
    assert any(k.startswith("lantern:tracker:sms_") for k in gone)
    again = _reply(stack, me, "hello")
    assert "safe for you to get texts" in again  # a new conversation starts from the top


def test_numbered_choices_and_more(stack):
    me = _number()
    _reply(stack, me, "hi")
    menu = _reply(stack, me, "1")
    assert re.search(r"^1 ", menu, re.MULTILINE), menu
    wrong = _reply(stack, me, "97")
    assert say("not_a_choice") in wrong and re.search(r"^1 ", wrong, re.MULTILINE)
    assert "Reply with a number" in _reply(stack, me, "0")


def test_discreet_mode_can_be_turned_off_and_on(stack):
    me = _number()
    _reply(stack, me, "hi")
    _reply(stack, me, "1")
    off = _reply(stack, me, "discreet off")
    assert off.startswith(say("discreet_off"))
    assert not _reply(stack, me, "0").startswith("Hi.")
    assert _reply(stack, me, "DISCREET ON").startswith("Hi.\n\n")


def test_pictures_are_not_read(stack):
    text = _reply(stack, _number(), "", NumMedia="1", MediaUrl0="https://example.org/a.jpg")
    assert say("media") in text


def test_forged_texts_are_refused(stack):
    forged = httpx.post(
        f"{stack.url}/sms/twilio",
        data={"From": "+447700900998", "Body": "hello"},
        headers={"X-Twilio-Signature": "Zm9yZ2Vk"},
        timeout=10,
    )
    assert forged.status_code == 403


def test_no_phone_number_in_redis_and_no_text_or_number_in_logs(stack):
    me = "+447700900777"
    words = "my ex keeps turning up at the school gates"
    _reply(stack, me, words)
    _reply(stack, me, "1")
    assert _keys_of(stack, me)  # the conversation is there, under its pseudonym
    stored = []
    for key in stack.redis.scan_iter("*"):
        stored.append(key)
        if stack.redis.type(key) == "string":
            stored.append(stack.redis.get(key) or "")
    everything, logs = "\n".join(stored), stack.logs()
    for needle in ("7700900777", "7700 900777"):
        assert needle not in everything and needle not in logs
    assert words not in logs
