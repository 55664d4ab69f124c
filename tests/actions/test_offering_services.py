"""The actions that offer services and answer in other languages, on tracker fixtures."""

from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.recommend_services import ActionRecommendServices
from actions.reply_in_language import ActionReplyInLanguage
from actions.specialist_services import ActionOfferSpecialistServices
from bot.languages import safety_message
from directory.national import national_services
from tests.actions.conftest import tracker

SERVICES = national_services()


def _run(action, fixture: str, domain: dict) -> CollectingDispatcher:
    dispatcher = CollectingDispatcher()
    assert action.run(dispatcher, tracker(fixture), domain) == []
    return dispatcher


def _responses(dispatcher: CollectingDispatcher) -> list[str]:
    return [m["response"] for m in dispatcher.messages if m.get("response")]


def _card_texts(dispatcher: CollectingDispatcher) -> list[str]:
    return [m["custom"]["text"] for m in dispatcher.messages if m.get("custom")]


def _cards(dispatcher: CollectingDispatcher) -> str:
    return "\n".join(_card_texts(dispatcher))


def test_plain_where_can_i_get_help_asks_who_it_is_for_first(domain) -> None:
    sent = _run(ActionRecommendServices(), "help_unknown_person", domain)
    assert _responses(sent) == ["utter_about_you_ask_helping"]


def test_a_story_nobody_could_place_is_thanked_before_the_question(domain) -> None:
    sent = _run(ActionRecommendServices(), "story_unknown_person", domain)
    assert _responses(sent) == ["utter_about_you_story_thanks", "utter_about_you_ask_helping"]


def test_once_known_it_never_asks_again_and_offers_the_helpline(domain) -> None:
    sent = _run(ActionRecommendServices(), "help_for_me", domain)
    assert "utter_about_you_ask_helping" not in _responses(sent)
    ndah = SERVICES["national-domestic-abuse-helpline"]
    assert ndah["name"] in _cards(sent) and ndah["phone"] in _cards(sent)
    assert _responses(sent) == [
        "utter_services_intro",
        "utter_services_place_hint",
        "utter_help_next",
    ]


def test_what_someone_told_us_is_enough_to_skip_the_question(domain) -> None:
    sent = _run(ActionRecommendServices(), "help_man", domain)
    assert SERVICES["mens-advice-line"]["name"] in _cards(sent)
    assert SERVICES["national-domestic-abuse-helpline"]["name"] not in _cards(sent)


def test_known_nation_gets_its_own_helpline(domain) -> None:
    sent = _run(ActionRecommendServices(), "help_man_in_wales", domain)
    assert SERVICES["live-fear-free"]["name"] in _cards(sent)
    assert "utter_services_place_hint" in _responses(sent)  # still no town: local is optional


def test_a_man_in_telford_gets_the_mens_line_then_the_local_one(domain) -> None:
    sent = _run(ActionRecommendServices(), "help_man_in_telford", domain)
    cards = _card_texts(sent)
    assert cards[0].startswith(SERVICES["mens-advice-line"]["name"])
    assert cards[1].startswith(SERVICES["wmwa-telford-wrekin-helpline"]["name"])
    assert "0800 840 3747" in cards[1]
    assert not {"utter_services_place_hint", "utter_services_no_local"} & set(_responses(sent))


def test_a_place_with_no_local_service_says_so(domain) -> None:
    sent = _run(ActionRecommendServices(), "help_in_leeds", domain)
    assert "utter_services_no_local" in _responses(sent)
    assert SERVICES["national-domestic-abuse-helpline"]["name"] in _cards(sent)


def test_own_behaviour_gets_respect_and_its_own_next_steps(domain) -> None:
    sent = _run(ActionRecommendServices(), "help_own_behaviour", domain)
    assert SERVICES["respect-phoneline"]["name"] in _cards(sent)
    assert SERVICES["national-domestic-abuse-helpline"]["name"] not in _cards(sent)
    assert _responses(sent)[-1] == "utter_own_behaviour_next"


def test_friend_gets_friends_next_steps(domain) -> None:
    sent = _run(ActionRecommendServices(), "help_friend", domain)
    assert _responses(sent)[-1] == "utter_someone_next"


def test_topic_question_answers_straight_away(domain) -> None:
    sent = _run(ActionRecommendServices(), "housing_question", domain)
    assert "utter_about_you_ask_helping" not in _responses(sent)
    assert SERVICES["shelter-housing-advice"]["name"] in _cards(sent)


def test_each_card_carries_its_verified_links_for_the_web_page(domain) -> None:
    sent = _run(ActionRecommendServices(), "help_man_in_telford", domain)
    cards = [m["custom"] for m in sent.messages if m.get("custom")]
    first = cards[0]["service"]
    mal = SERVICES["mens-advice-line"]
    assert first == {
        "id": "mens-advice-line",
        "name": mal["name"],
        "phone": mal["phone"],
        "text": None,
        "webchat": None,  # not verified, so never a link
        "url": mal["url"],
    }
    assert cards[0]["text"].startswith(mal["name"])


def test_cards_show_no_unverified_field(domain) -> None:
    sent = _run(ActionRecommendServices(), "housing_question", domain)
    text = _cards(sent)
    for service in SERVICES.values():
        if service["name"] not in text:
            continue
        shown_on_cards = {"phone", "hours", "text", "url"}
        for field in set(service.get("unverified") or []) & shown_on_cards:
            value = service.get(field)
            if isinstance(value, str) and value:
                assert value not in text, (service["id"], field)


def test_specialist_question_from_someone_we_know_nothing_about_offers_choices(domain) -> None:
    sent = _run(ActionOfferSpecialistServices(), "specialist_unknown", domain)
    assert _responses(sent) == ["utter_about_you_specialist_intro"]


def test_specialist_services_follow_a_plain_word_that_it_is_serious(domain) -> None:
    sent = _run(ActionOfferSpecialistServices(), "specialist_lgbt_serious", domain)
    assert _responses(sent)[0] == "utter_risk_serious"
    assert SERVICES["galop-lgbt-domestic-abuse-helpline"]["name"] in _cards(sent)


def test_specialist_question_from_someone_lgbt_offers_galop(domain) -> None:
    sent = _run(ActionOfferSpecialistServices(), "specialist_lgbt", domain)
    assert SERVICES["galop-lgbt-domestic-abuse-helpline"]["name"] in _cards(sent)


def test_reply_in_the_language_detected_then_english(domain) -> None:
    for fixture in ("polish_message", "polish_remembered"):
        sent = _run(ActionReplyInLanguage(), fixture, domain)
        assert dispatcher_text(sent) == safety_message("pl")
        assert _responses(sent) == ["utter_safety_summary"]


def dispatcher_text(dispatcher: CollectingDispatcher) -> str:
    return next(m["text"] for m in dispatcher.messages if m.get("text"))


def test_on_sms_the_services_are_a_few_short_lines_in_one_message(domain) -> None:
    sent = _run(ActionRecommendServices(), "help_man_in_telford_sms", domain)
    assert not [m for m in sent.messages if m.get("custom")]
    (services,) = [m["text"] for m in sent.messages if m.get("text")]
    lines = services.splitlines()
    mens = SERVICES["mens-advice-line"]
    assert lines[1] == f"{mens['name']}: call {mens['phone']}"
    assert lines[2].endswith(": call 0800 840 3747")


def test_on_sms_even_a_full_list_fits_in_three_segments(domain) -> None:
    sent = _run(ActionRecommendServices(), "help_crowded_sms", domain)
    (services,) = [m["text"] for m in sent.messages if m.get("text")]
    assert len(services.splitlines()) == 5  # the intro and four services
    assert len(services) <= 3 * 153  # three concatenated GSM-7 segments
    assert "utter_services_place_hint_sms" in _responses(sent)  # the short one
