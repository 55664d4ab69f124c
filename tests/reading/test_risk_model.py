"""The learned risk reader, and what the danger guard lets it decide."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components.danger_guard import DangerGuard
from reading import risk_model
from reading.danger_lexicon import assess
from reading.risk_model import Reading, corpus_examples


def test_its_corpus_has_every_label_in_numbers_that_can_teach() -> None:
    labels = [label for _, label in corpus_examples()]
    assert labels.count("immediate") >= 100 and labels.count("suicide") >= 100
    assert labels.count("none") >= 200  # calm look-alikes, so it learns what is not danger


def test_a_bad_label_stops_the_start_with_the_file_named(tmp_path) -> None:
    (tmp_path / "bad.yml").write_text('examples:\n  - text: "hi"\n    label: maybe\n')
    with pytest.raises(ValueError, match="bad.yml"):
        corpus_examples(tmp_path)


def test_readings_are_probabilities_and_the_same_every_time() -> None:
    text = "what time does the helpline open"
    first, second = risk_model.read(text), risk_model.read(text)
    assert first == second
    assert 0.0 <= first.immediate <= 1.0 and 0.0 <= first.suicide <= 1.0
    assert first.danger < 0.2  # a plain question is calm


@pytest.mark.parametrize(
    ("reading", "own", "verdict"),
    [
        (Reading(immediate=0.1, suicide=0.7), False, "suicide"),
        (Reading(immediate=0.1, suicide=0.7), True, None),  # someone who harms: surer, or nothing
        (Reading(immediate=0.05, suicide=0.9), True, "suicide"),
        (Reading(immediate=0.85, suicide=0.0), False, "immediate"),
        (Reading(immediate=0.85, suicide=0.0), True, None),  # their danger now is the rules'
        (Reading(immediate=0.5, suicide=0.2), False, None),
    ],
)
def test_verdict_thresholds(reading: Reading, own: bool, verdict: str | None) -> None:
    assert reading.verdict(own) == verdict


def _guard(text: str, intent: str = "ask_is_this_abuse") -> Message:
    message = Message({TEXT: text})
    message.set(INTENT, {"name": intent, "confidence": 0.9})
    DangerGuard({}).process([message])
    return message


def _guarded(text: str, intent: str = "ask_is_this_abuse") -> str:
    return _guard(text, intent).get(INTENT)["name"]


def test_suicide_in_words_the_rules_do_not_know_gets_the_suicide_reply() -> None:
    text = "paid off my funeral plan today, all organised now, nothing left to sort"
    assert assess(text) is None  # the rules see nothing here
    assert _guarded(text) == "danger_suicide"


@pytest.mark.parametrize(
    "text",
    [
        # Someone else's threat, with no despair: serious, not a goodbye.
        "he told my sister he'll make sure nobody sees the kids again",
        # Calm, said plainly.
        "planning to leave at easter, no rush, he's not violent, what should I pack",
        # A suicide cue the rules weighed and cleared.
        "i don't want to die, i want to know my options",
    ],
)
def test_the_models_alarm_is_not_taken_where_the_rules_weighed_it(monkeypatch, text) -> None:
    monkeypatch.setattr(risk_model, "read", lambda _text: Reading(immediate=0.0, suicide=0.95))
    assert _guarded(text) == "ask_is_this_abuse"


def test_a_suicide_reading_survives_a_story_told_in_the_past(monkeypatch) -> None:
    # "I hit her last night ... the rope's in the garage": the past does not clear suicide.
    monkeypatch.setattr(risk_model, "read", lambda _text: Reading(immediate=0.0, suicide=0.95))
    assert _guarded("i hit her last night. i can't be that man any more") == "danger_suicide"


def test_a_farewell_is_not_read_as_a_goodbye_note(monkeypatch) -> None:
    monkeypatch.setattr(risk_model, "read", lambda _text: Reading(immediate=0.0, suicide=0.9))
    farewell = "going to close this now and come back tomorrow. goodbye"
    assert _guarded(farewell, "goodbye") == "goodbye"


def test_someone_who_may_hurt_someone_now_keeps_their_own_reply_with_the_risk(monkeypatch) -> None:
    monkeypatch.setattr(risk_model, "read", lambda _text: Reading(immediate=0.95, suicide=0.0))
    message = _guard("seconds from lashing out", "own_behaviour_urgent")
    assert message.get(INTENT)["name"] == "own_behaviour_urgent"
    assert {"entity": "risk", "value": "immediate"}.items() <= message.get("entities")[0].items()
