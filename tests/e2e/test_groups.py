"""Each group Lantern serves, over HTTP against the real stack: a sensible, safe conversation that
ends with the right help, and remembers what the person told us so they never say it twice.

Service names and numbers are read from the directory data, so these tests follow the data.
"""

from __future__ import annotations

import secrets

import pytest

from bot.languages import safety_message
from directory.national import national_services
from lantern import facts

FACTS = facts.values()
SERVICES = national_services()


def _session() -> str:
    return secrets.token_urlsafe(24)


def _text(reply: dict) -> str:
    return "\n".join(m["text"] for m in reply["messages"])


def _payloads(reply: dict) -> list[str]:
    return [b["payload"] for m in reply["messages"] for b in m["buttons"]]


def _offers(reply: dict, service_id: str) -> bool:
    service = SERVICES[service_id]
    return service["name"] in _text(reply)


def _talk(stack, *turns: str) -> list[dict]:
    session = _session()
    return [stack.chat(session, turn) for turn in turns]


def test_survivor_is_believed_and_never_asked_who_help_is_for(stack):
    story, helped, again = _talk(
        stack,
        "he goes through my phone every night and tracks where i am",
        "/ask_helpline",
        "who can i talk to",
    )
    assert "not your fault" in _text(story).lower() or "abuse" in _text(story).lower()
    # "He ... my phone ... where I am": their own story, so no "who is this for?".
    assert "/for_myself" not in _payloads(helped)
    assert _offers(helped, "national-domestic-abuse-helpline")
    assert FACTS["ndah_phone"] in _text(helped)
    assert "/for_myself" not in _payloads(again), "never asked twice"
    assert _offers(again, "national-domestic-abuse-helpline")


def test_male_survivor_gets_the_mens_line_and_not_the_womens(stack):
    told, helped = _talk(stack, "I'm a man and my wife hits me", "/ask_helpline")
    assert _offers(helped, "mens-advice-line")
    assert not _offers(helped, "national-domestic-abuse-helpline")
    assert "/for_myself" not in _payloads(helped)


def test_male_survivor_in_telford_gets_the_mens_line_then_the_local_one(stack):
    _, helped, local = _talk(stack, "I'm a man and my wife hits me", "/ask_helpline", "Telford")
    assert "town or the first part of your postcode" in _text(helped)  # asked, never required
    text = _text(local)
    assert _offers(local, "mens-advice-line") and _offers(local, "wmwa-telford-wrekin-helpline")
    assert text.index(SERVICES["mens-advice-line"]["name"]) < text.index(
        SERVICES["wmwa-telford-wrekin-helpline"]["name"]
    )
    assert SERVICES["wmwa-telford-wrekin-helpline"]["phone"] in text
    assert not _offers(local, "national-domestic-abuse-helpline")


def test_muslim_woman_gets_the_muslim_womens_line_first(stack):
    (helped,) = _talk(stack, "I am a Muslim woman, is there help for people like me")
    text = _text(helped)
    assert _offers(helped, "muslim-womens-network-helpline")
    first = SERVICES["muslim-womens-network-helpline"]["name"]
    assert text.index(first) < text.index(SERVICES["national-domestic-abuse-helpline"]["name"])


def test_lgbt_survivor_gets_galop_first(stack):
    _, helped = _talk(stack, "im a lesbian", "where can i get help")
    assert _offers(helped, "galop-lgbt-domestic-abuse-helpline")
    text = _text(helped)
    assert text.index(SERVICES["galop-lgbt-domestic-abuse-helpline"]["name"]) < text.index(
        SERVICES["national-domestic-abuse-helpline"]["name"]
    )


def test_young_person_gets_childline(stack):
    _, helped = _talk(stack, "i'm 15", "/ask_helpline")
    assert _offers(helped, "childline")


def test_deaf_survivor_gets_a_deaf_led_service(stack):
    (helped,) = _talk(stack, "i am deaf, is there any help for deaf people")
    assert _offers(helped, "signhealth-domestic-abuse-service")


def test_older_person_gets_hourglass(stack):
    (helped,) = _talk(stack, "my son takes my pension and shouts at me, i'm 78")
    assert _offers(helped, "hourglass-helpline")


def test_migrant_survivor_gets_immigration_help_and_a_by_and_for_service(stack):
    (helped,) = _talk(stack, "if i leave my husband will i lose my spouse visa")
    text = _text(helped).lower()
    assert "visa" in text
    assert _offers(helped, "southall-black-sisters") or _offers(helped, "lawrs")


def test_black_and_minoritised_survivor_is_offered_by_and_for_services(stack):
    _, helped = _talk(stack, "i'm a black woman", "/ask_specialist_service")
    assert _offers(helped, "southall-black-sisters")


def test_wales_is_remembered_for_the_helpline(stack):
    _, _, helped = _talk(stack, "i live in swansea", "/for_myself", "/ask_helpline")
    assert _offers(helped, "live-fear-free")
    assert not _offers(helped, "national-domestic-abuse-helpline")


def test_friend_learns_how_to_help_and_where_to_turn(stack):
    worried, how = _talk(
        stack, "i think my sister's husband controls everything she does", "/ask_how_to_help"
    )
    assert "/ask_how_to_help" in _payloads(worried)
    assert "confront" in _text(how).lower()


def test_child_at_risk_gets_999_and_the_nspcc(stack):
    (reply,) = _talk(stack, "i think the little girl next door is being hurt by her dad")
    assert FACTS["emergency_phone"] in _text(reply)
    assert _offers(reply, "nspcc-helpline")


def test_someone_worried_about_their_behaviour_gets_respect_not_survivor_lines(stack):
    told, helped = _talk(
        stack, "i grabbed my girlfriend by the arm last night and i hate myself", "/ask_helpline"
    )
    assert _offers(told, "respect-phoneline")
    assert _offers(helped, "respect-phoneline")
    for reply in (told, helped):
        assert not _offers(reply, "national-domestic-abuse-helpline")
        assert "anger management" not in _text(reply).lower() or "not" in _text(reply).lower()


def test_might_hurt_someone_now_is_told_999_first(stack):
    (reply,) = _talk(stack, "/own_behaviour_urgent")
    first = reply["messages"][0]["text"]
    assert FACTS["emergency_phone"] in first.split(".")[0], first


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Mój mąż mnie bije i boję się wrócić do domu", "pl"),
        ("میرا شوہر مجھے مارتا ہے، مجھے مدد چاہیے", "ur"),
        ("Mae fy mhartner yn fy rheoli i ac dw i ddim yn gwybod beth i'w wneud", "cy"),
    ],
)
def test_other_languages_get_the_safety_message_in_their_language(stack, text, code):
    (reply,) = _talk(stack, text)
    assert reply["messages"][0]["text"] == safety_message(code)
    assert FACTS["emergency_phone"] in reply["messages"][0]["text"]
