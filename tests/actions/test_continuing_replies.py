"""Risk adds to the reply, never replaces it: what follows 999, "I believe you" and "this is
serious", on tracker fixtures with the real domain and directory."""

from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.continue_reply import ActionContinueReply
from actions.recommend_services import ActionRecommendServices
from actions.topics import replies, topic_after_lead
from directory.national import national_services
from tests.actions.conftest import tracker

SERVICES = national_services()


def _run(action, fixture: str, domain: dict) -> CollectingDispatcher:
    dispatcher = CollectingDispatcher()
    assert action.run(dispatcher, tracker(fixture), domain) == []
    return dispatcher


def _responses(dispatcher: CollectingDispatcher) -> list[str]:
    return [m["response"] for m in dispatcher.messages if m.get("response")]


def _words(dispatcher: CollectingDispatcher) -> str:
    return "\n".join(
        (m.get("text") or "") + ((m.get("custom") or {}).get("text") or "")
        for m in dispatcher.messages
    )


def test_the_rules_are_the_one_place_that_says_which_reply_answers_a_topic() -> None:
    found = replies()
    assert found["ask_physical_abuse"] == ("utter_abuse_type_physical",)
    assert found["worried_about_someone"] == ("utter_someone_intro",)
    assert found["ask_helpline"] == ()


def test_after_999_the_reply_names_what_happened_believes_and_offers_the_helpline(domain) -> None:
    sent = _run(ActionContinueReply(), "danger_after_story", domain)
    said = _responses(sent)
    assert said[:2] == ["utter_danger_believe", "utter_abuse_type_physical"]
    assert said[-1] == "utter_danger_followup"  # the danger buttons, not the everyday ones
    assert SERVICES["national-domestic-abuse-helpline"]["phone"] in _words(sent)
    # "phone" was only a weak second guess: no tech-abuse page after 999.
    assert "utter_abuse_type_tech" not in said


def test_on_sms_after_999_the_numbers_come_before_any_explanation(domain) -> None:
    sent = _run(ActionContinueReply(), "danger_after_story_sms", domain)
    assert "utter_abuse_type_physical" not in _responses(sent)
    assert SERVICES["national-domestic-abuse-helpline"]["phone"] in _words(sent)


def test_a_friend_reporting_danger_is_thanked_not_told_it_is_not_their_fault(domain) -> None:
    sent = _run(ActionContinueReply(), "danger_friend", domain)
    said = _responses(sent)
    assert "utter_danger_other" in said and "utter_danger_believe" not in said
    assert "utter_someone_intro" in said


def test_danger_with_nothing_else_said_still_gets_belief_and_a_helpline(domain) -> None:
    sent = _run(ActionContinueReply(), "danger_no_topic", domain)
    said = _responses(sent)
    assert said[0] == "utter_danger_believe"
    assert not any(r.startswith("utter_abuse_type") for r in said)
    assert SERVICES["national-domestic-abuse-helpline"]["phone"] in _words(sent)


def test_suicide_risk_offers_the_crisis_lines_for_a_young_person(domain) -> None:
    sent = _run(ActionContinueReply(), "suicide_young", domain)
    words = _words(sent)
    assert SERVICES["papyrus-hopeline247"]["phone"] in words
    assert _responses(sent)[-1] == "utter_danger_suicide_followup"


def test_not_believed_gets_a_reply_to_what_they_said_too(domain) -> None:
    sent = _run(ActionContinueReply(), "not_believed_about_money", domain)
    assert _responses(sent)[0] == "utter_abuse_type_economic"
    assert SERVICES["financial-support-line"]["name"] in _words(sent)


def test_serious_past_markers_are_named_before_the_services(domain) -> None:
    sent = _run(ActionRecommendServices(), "serious_physical", domain)
    said = _responses(sent)
    assert said[0] == "utter_risk_serious"
    assert said.index("utter_risk_serious") < said.index("utter_services_intro")


def test_a_second_topic_is_mentioned_with_its_button(domain) -> None:
    sent = _run(ActionRecommendServices(), "money_and_phone", domain)
    mentions = [m for m in sent.messages if m.get("buttons") and "else" in (m.get("text") or "")]
    assert [b["payload"] for b in mentions[0]["buttons"]] == ["/ask_tech_abuse"]


def test_a_friend_of_someone_facing_forced_marriage_gets_the_forced_marriage_services(
    domain,
) -> None:
    sent = _run(ActionContinueReply(), "friend_forced_marriage", domain)
    cards = [m["custom"]["service"]["id"] for m in sent.messages if m.get("custom")]
    assert cards[:2] == ["forced-marriage-unit", "karma-nirvana-helpline"]


def test_a_topic_is_only_taken_when_the_classifier_is_sure_enough() -> None:
    message = {
        "intent": {"name": "danger_immediate"},
        "intent_ranking": [
            {"name": "danger_immediate", "confidence": 1.0},
            {"name": "ask_tech_abuse", "confidence": 0.2},
        ],
    }
    assert topic_after_lead(message, "self") is None
    message["intent_ranking"][1]["confidence"] = 0.6
    assert topic_after_lead(message, "self") == "ask_tech_abuse"
    # Whose story it is rules out topics: no own-behaviour page for a survivor.
    message["intent_ranking"][1]["name"] = "worried_about_own_behaviour"
    assert topic_after_lead(message, "self") is None
