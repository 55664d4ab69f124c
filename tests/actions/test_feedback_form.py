"""The feedback questions, turn by turn, as Rasa's form runs them: the validation action reads
each message, the slots it sets are applied, and the next question is the one it names. A real
SQLite database (migrated) takes what is saved."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import feedback_records
from actions.continue_reply import ActionContinueReply
from actions.feedback_form import ValidateFeedbackForm
from actions.feedback_offer import (
    ActionAskFeedbackNeeds,
    ActionFeedbackDone,
    ActionOfferFeedback,
    ActionStartFeedback,
)
from feedback import store

KEY = b"k" * 32


@pytest.fixture
def db(tmp_path, monkeypatch):
    engine = store.connect(store.sqlite_url(tmp_path / "feedback.db"))
    store.migrate(engine)
    monkeypatch.setattr(feedback_records, "engine", lambda: engine)
    monkeypatch.setattr(feedback_records, "key", lambda: KEY)
    yield engine
    engine.dispose()


def _tracker(slots: dict[str, Any], text: str, intent: str = "nlu_fallback", channel="web"):
    return Tracker.from_dict(
        {
            "sender_id": "t",
            "slots": slots,
            "latest_message": {"text": text, "intent": {"name": intent}, "entities": []},
            "latest_input_channel": channel,
            "events": [],
            "active_loop": {"name": "feedback_form"} if slots.get("requested_slot") else {},
            "latest_action_name": "action_listen",
        }
    )


class Journey:
    """One person answering, as Rasa's form would carry the slots between turns."""

    def __init__(self, domain: dict, slots: dict[str, Any] | None = None, channel="web"):
        self.domain, self.channel = domain, channel
        self.slots: dict[str, Any] = {"requested_slot": None, **(slots or {})}
        self.said: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []

    def turn(self, text: str, intent: str = "nlu_fallback") -> list[dict[str, Any]]:
        dispatcher = CollectingDispatcher()
        tracker = _tracker(self.slots, text, intent, self.channel)
        events = asyncio.run(ValidateFeedbackForm().run(dispatcher, tracker, self.domain))
        self.said += dispatcher.messages
        self.events += events
        for event in events:
            if event["event"] == "slot":
                self.slots[event["name"]] = event["value"]
        return events

    @property
    def asking(self) -> str | None:
        return self.slots.get("requested_slot")


def _start(domain: dict, slots: dict[str, Any] | None = None, channel="web") -> Journey:
    journey = Journey(domain, slots, channel)
    journey.turn("/give_feedback", "give_feedback")  # the activation run
    return journey


def test_consent_comes_first_as_two_separate_choices(domain, db):
    journey = _start(domain)
    assert journey.asking == "feedback_may_count"
    journey.turn("yes")
    assert journey.asking == "feedback_may_quote"
    buttons = domain["responses"]["utter_ask_feedback_may_count"][0]["buttons"]
    assert [b["payload"] for b in buttons] == ["yes", "no"]
    consent = domain["responses"]["utter_ask_feedback_may_count"][0]["text"]
    for must in ("kept by {feedback_keeper}", "anonymous", "skip any question"):
        assert must in consent


def test_no_to_both_keeps_nothing_and_asks_nothing_more(domain, db):
    journey = _start(domain)
    journey.turn("no")
    journey.turn("No, do not quote me")
    assert journey.asking is None
    assert journey.slots["feedback_outcome"] == "declined"
    assert store.all_records(db) == []


def test_a_survivor_answers_everything_and_gets_a_code_only_after_the_commit(domain, db):
    journey = _start(domain, {"feedback_writer": "self", "district": "E06000020"})
    asked = []
    answers = {
        "feedback_may_count": "yes",
        "feedback_may_quote": "yes",
        "feedback_believed": "partly",
        "feedback_retold": "Yes",
        "feedback_right_time": "no",
        "feedback_found": "I found it myself",
        "feedback_hours_24": "yes",
        "feedback_helped_today": "a_bit",
        "feedback_about_ok": "yes",
        "feedback_age": "25_44",
        "feedback_gender": "woman",
        "feedback_lgbt": "skip",
        "feedback_ethnic": "black",
        "feedback_disabled": "no",
        "feedback_area_ok": "yes",
    }
    needs = iter(["housing", "money", "done"])
    while journey.asking and journey.asking != "feedback_words":
        asked.append(journey.asking)
        if journey.asking == "feedback_needs_done":
            journey.turn(next(needs))
        else:
            journey.turn(answers[journey.asking])
    assert asked[:2] == ["feedback_may_count", "feedback_may_quote"]
    assert "feedback_writer" not in asked  # known from the conversation
    assert asked.count("feedback_needs_done") == 3  # one need at a time, then "That's all"
    words = "my ex Darren Hughes still rings me on 07700 900123, the IDVA was kind"
    journey.turn(words)
    assert journey.asking is None
    [record] = store.all_records(db)
    assert record["answers"] == {
        "believed": "partly",
        "retold": "yes",
        "right_time": "no",
        "found": "myself",
        "hours_24": "yes",
        "needs": ["housing", "money"],
        "helped_today": "a_bit",
    }
    assert record["about"] == {
        "age": "25_44",
        "gender": "woman",
        "ethnic": "black",
        "disabled": "no",
    }
    assert (
        record["area"] == "E06000020" and record["writer"] == "self" and record["channel"] == "web"
    )
    assert "Darren" not in record["text"] and "900123" not in record["text"]
    assert "IDVA was kind" in record["text"] and record["quote"] == "pending"
    [saved] = [m for m in journey.said if m.get("response") == "utter_feedback_saved"]
    code = saved["code"]
    assert store.withdraw(db, code, KEY)  # the code given is the one that deletes it
    # The words never became a slot value, and nothing of them is in any event.
    assert journey.slots["feedback_words"] == "saved"
    assert not any("Darren" in str(e) or "900123" in str(e) for e in journey.events)


def test_answers_not_counted_are_not_kept_only_the_words_to_quote(domain, db):
    journey = _start(domain, {"feedback_writer": "self"})
    journey.turn("no")
    journey.turn("yes")
    assert journey.asking == "feedback_words"
    journey.turn("the refuge staff were lovely")
    [record] = store.all_records(db)
    assert record["answers"] == {} and record["about"] == {} and not record["may_count"]
    assert record["may_quote"] and record["text"] == "the refuge staff were lovely"


@pytest.mark.parametrize(
    ("writer", "questions"),
    [
        ("other", ["feedback_knew_how_to_help", "feedback_helped_today"]),
        ("own", ["feedback_would_contact", "feedback_helped_today"]),
        (None, ["feedback_writer", "feedback_helped_today"]),
    ],
)
def test_friends_family_and_people_worried_about_themselves_get_a_short_version(
    domain, db, writer, questions
):
    journey = _start(domain, {"feedback_writer": writer} if writer else {})
    journey.turn("yes")
    journey.turn("no")
    asked = []
    while journey.asking != "feedback_words":
        asked.append(journey.asking)
        journey.turn("skip")
    assert asked == questions
    journey.turn("skip")
    [record] = store.all_records(db)
    assert record["writer"] == (writer or "unsaid") and record["text"] is None
    assert record["answers"] == {}


def test_typed_needs_and_numbers_are_understood(domain, db):
    journey = _start(domain, {"feedback_writer": "self"})
    for _ in range(7):  # consent and the questions before needs
        if journey.asking == "feedback_needs_done":
            break
        journey.turn("yes" if journey.asking in ("feedback_may_count",) else "skip")
    assert journey.asking == "feedback_needs_done"
    journey.turn("somewhere to live and a solicitor")
    assert journey.slots["feedback_needs"] == "legal,housing"
    assert journey.slots["feedback_needs_done"] == "done"


def test_two_answers_not_understood_end_the_questions_with_a_way_on(domain, db):
    journey = _start(domain, {"feedback_writer": "self"})
    journey.turn("yes")
    journey.turn("yes")
    asking = journey.asking
    journey.turn("what do you mean")
    assert journey.asking == asking
    assert journey.said[-1]["response"] == "utter_feedback_pick_one"
    journey.turn("purple")
    assert journey.asking is None and journey.slots["feedback_outcome"] == "stopped_misses"
    done = CollectingDispatcher()
    events = ActionFeedbackDone().run(done, _tracker(journey.slots, "purple"), domain)
    assert [m["response"] for m in done.messages] == [
        "utter_feedback_stopped",
        "utter_fallback_helplines",
        "utter_menu",
    ]
    assert all(e["value"] is None for e in events)  # every answer cleared
    assert store.all_records(db) == []


def test_the_menu_or_stop_ends_the_questions_keeping_nothing(domain, db):
    journey = _start(domain)
    journey.turn("yes")
    journey.turn("/show_menu", "show_menu")
    assert journey.asking is None and journey.slots["feedback_outcome"] == "stopped_menu"
    assert store.all_records(db) == []


@pytest.mark.parametrize("intent", ["danger_immediate", "danger_suicide"])
def test_danger_at_any_step_is_not_an_answer_and_ends_the_questions(domain, db, intent):
    journey = _start(domain, {"feedback_writer": "self"})
    journey.turn("yes")
    journey.turn("yes")
    while journey.asking != "feedback_words":
        journey.turn("skip")
    # Returning nothing makes Rasa's form reject the turn, so the danger rule answers first.
    assert journey.turn("he is here now and has a knife", intent) == []
    assert store.all_records(db) == []
    slots = {**journey.slots, "helping": "self"}
    tracker = _tracker(slots, "he is here now", intent)
    events = ActionContinueReply().run(CollectingDispatcher(), tracker, domain)
    ended = [(e["event"], e.get("name"), e.get("value")) for e in events]
    assert ("active_loop", None, None) in ended
    assert ("slot", "requested_slot", None) in ended


def test_offered_once_at_the_end_and_never_after_any_risk(domain):
    def offer(slots):
        dispatcher = CollectingDispatcher()
        events = ActionOfferFeedback().run(dispatcher, _tracker(slots, "bye"), domain)
        return [m["response"] for m in dispatcher.messages], events

    assert offer({}) == (["utter_feedback_offer"], [
        {"event": "slot", "timestamp": None, "name": "feedback_offered", "value": True}
    ])  # fmt: skip
    assert offer({"feedback_offered": True}) == ([], [])
    assert offer({"feedback_given": True}) == ([], [])
    for risk in ("immediate", "suicide", "serious"):
        assert offer({"risk": risk}) == ([], [])


@pytest.mark.parametrize(
    ("slots", "said"),
    [
        ({"risk": "immediate"}, "utter_feedback_not_now"),
        ({"risk": "suicide"}, "utter_feedback_not_now"),
        ({"feedback_given": True}, "utter_feedback_already_given"),
    ],
)
def test_asking_after_danger_or_twice_is_answered_kindly_and_starts_nothing(domain, slots, said):
    dispatcher = CollectingDispatcher()
    events = ActionStartFeedback().run(dispatcher, _tracker(slots, "feedback"), domain)
    assert [m["response"] for m in dispatcher.messages] == [said] and events == []


def test_asking_starts_the_form_with_who_is_writing_already_known(domain):
    events = ActionStartFeedback().run(
        CollectingDispatcher(), _tracker({"helping": "other"}, "feedback"), domain
    )
    assert {"event": "followup", "timestamp": None, "name": "feedback_form"} in events
    writer = [e for e in events if e.get("name") == "feedback_writer" and e["value"]]
    assert writer[0]["value"] == "other"


def test_the_needs_question_offers_only_what_is_left(domain):
    dispatcher = CollectingDispatcher()
    ActionAskFeedbackNeeds().run(dispatcher, _tracker({"feedback_needs": "housing"}, "x"), domain)
    [message] = dispatcher.messages
    payloads = [b["payload"] for b in message["buttons"]]
    assert "housing" not in payloads and "skip" not in payloads and payloads[-1] == "done"
    assert message["text"] == "Anything else?"
