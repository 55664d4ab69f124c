"""DangerGuard, the last NLU component: rules overrule the learned classifier, never the reverse."""

from __future__ import annotations

import copy
import logging
from typing import Any

import pytest
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.danger_guard import DangerGuard


@pytest.fixture
def guard() -> DangerGuard:
    return DangerGuard.create({}, model_storage=None, resource=None, execution_context=None)


def _message(
    text: str | None, intent: str = "greet", confidence: float = 0.8, second: float = 0.25
) -> Message:
    data: dict[str, Any] = {
        INTENT: {"name": intent, "confidence": confidence},
        INTENT_RANKING_KEY: [
            {"name": intent, "confidence": confidence},
            {"name": "ask_is_this_abuse", "confidence": second},
            {"name": "danger_immediate", "confidence": 0.05},
        ],
    }
    if text is not None:
        data[TEXT] = text
    return Message(data=data)


def _ranking(message: Message) -> list[tuple[str, float]]:
    return [(r["name"], r["confidence"]) for r in message.get(INTENT_RANKING_KEY)]


def test_immediate_danger_becomes_the_intent_with_full_confidence(guard: DangerGuard) -> None:
    message = _message("hes outside with a knife")
    assert guard.process([message]) == [message]
    assert message.get(INTENT) == {"name": "danger_immediate", "confidence": 1.0}
    # First, then the classifier's other candidates in their order, without a duplicate.
    assert _ranking(message) == [
        ("danger_immediate", 1.0),
        ("greet", 0.8),
        ("ask_is_this_abuse", 0.25),
    ]


def test_suicide_becomes_the_intent_and_keeps_the_classifier_ranking(guard: DangerGuard) -> None:
    message = _message("i just want to die", intent="nlu_fallback", confidence=0.5)
    guard.process([message])
    assert message.get(INTENT) == {"name": "danger_suicide", "confidence": 1.0}
    assert _ranking(message) == [
        ("danger_suicide", 1.0),
        ("nlu_fallback", 0.5),
        ("ask_is_this_abuse", 0.25),
        ("danger_immediate", 0.05),
    ]


def test_the_verdict_is_part_of_the_parse_output(guard: DangerGuard) -> None:
    message = _message("he's strangling me")
    guard.process([message])
    output = message.as_dict(only_output_properties=True)
    assert output[INTENT]["name"] == "danger_immediate"
    assert output[INTENT_RANKING_KEY][0]["name"] == "danger_immediate"


def test_a_message_with_no_ranking_yet_still_gets_one(guard: DangerGuard) -> None:
    message = Message(data={TEXT: "i'm hiding from him"})
    guard.process([message])
    assert _ranking(message) == [("danger_immediate", 1.0)]


@pytest.mark.parametrize(
    "message",
    [
        _message("/greet"),
        _message('/inform{"postcode": "TF1 1AA"}'),
        _message(None),
        _message("   "),
        _message("what is the silent solution"),
        _message("he hit me years ago but i'm safe now"),
    ],
    ids=["payload", "payload-with-entities", "no-text", "blank", "calm", "past"],
)
def test_payloads_and_calm_messages_are_untouched(guard: DangerGuard, message: Message) -> None:
    before = copy.deepcopy(message.data)
    guard.process([message])
    assert message.data == before


def test_text_typed_after_a_slash_is_still_read(guard: DangerGuard) -> None:
    message = _message("/ he's got a knife")
    guard.process([message])
    assert message.get(INTENT)["name"] == "danger_immediate"


def test_never_downgrades_what_the_classifier_already_said(guard: DangerGuard) -> None:
    # The model's suicide verdict stands where the rules saw words about it, even cleared ones.
    suicide = _message("he's outside, i don't want to die", intent="danger_suicide", confidence=0.7)
    same = _message("he's outside", intent="danger_immediate", confidence=0.7)
    no_verdict = _message("can you help me", intent="danger_immediate", confidence=0.9)
    for message in (suicide, same, no_verdict):
        before = copy.deepcopy(message.data)
        guard.process([message])
        assert message.get(INTENT) == before[INTENT]
        assert message.get(INTENT_RANKING_KEY) == before[INTENT_RANKING_KEY]
    assert _risk(suicide) == "suicide" and _risk(same) == _risk(no_verdict) == "immediate"


def test_a_threat_to_kill_gets_the_police_wording_not_the_suicide_one(guard: DangerGuard) -> None:
    # The model reads "kill" as suicide; the rules read who threatens whom.
    message = _message("he said hes going to kill me tonight", intent="danger_suicide")
    guard.process([message])
    assert message.get(INTENT)["name"] == "danger_immediate"


def _risk(message: Message) -> str | None:
    found = [e["value"] for e in message.get(ENTITIES) or [] if e["entity"] == "risk"]
    assert len(found) <= 1
    return found[0] if found else None


@pytest.mark.parametrize(
    ("text", "risk"),
    [
        ("hes outside with a knife", "immediate"),
        ("i want to end it all tonight", "suicide"),
        # Past markers of serious harm (DASH): not 999 now, but the reply must say it is serious.
        ("he strangled me last year and I still think about it", "serious"),
        ("once she came at me with a knife", "serious"),
        ("he shoved me last night and I'm 6 months pregnant", "serious"),
        ("it's getting worse every week", "serious"),
        ("he checks my phone and tells me what to wear", None),
        ("hello", None),
    ],
)
def test_the_risk_read_is_an_entity_whatever_the_intent(guard: DangerGuard, text, risk) -> None:
    message = _message(text, intent="ask_physical_abuse", confidence=0.7)
    guard.process([message])
    assert _risk(message) == risk
    if risk == "serious":
        assert message.get(INTENT)["name"] == "ask_physical_abuse"  # it adds, never replaces


def test_upgrades_immediate_to_suicide_because_that_reply_adds_samaritans(
    guard: DangerGuard,
) -> None:
    message = _message("i want to kill myself", intent="danger_immediate", confidence=0.9)
    guard.process([message])
    assert message.get(INTENT) == {"name": "danger_suicide", "confidence": 1.0}
    assert _ranking(message)[:2] == [("danger_suicide", 1.0), ("danger_immediate", 0.9)]


def test_each_message_in_a_batch_is_judged_on_its_own(guard: DangerGuard) -> None:
    calm, danger = _message("hello"), _message("he is going to kill me")
    guard.process([calm, danger])
    assert calm.get(INTENT)["name"] == "greet"
    assert danger.get(INTENT)["name"] == "danger_immediate"


def test_logs_carry_the_verdict_and_never_the_text(
    guard: DangerGuard, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="bot.components.danger_guard"):
        guard.process([_message("my husband Gary has a knife at 12 Elm Road")])
    assert "immediate" in caplog.text
    for secret in ("Gary", "knife", "Elm", "husband"):
        assert secret not in caplog.text


def test_training_data_passes_through_unchanged(guard: DangerGuard) -> None:
    training_data = TrainingData([Message(data={TEXT: "he's got a knife", INTENT: "greet"})])
    assert guard.process_training_data(training_data) is training_data
    assert training_data.training_examples[0].get(INTENT) == "greet"


def test_registered_as_an_untrained_intent_classifier() -> None:
    registered = DefaultV1Recipe._from_registry(DangerGuard.__name__)
    assert registered.clazz is DangerGuard
    assert not registered.is_trainable
    assert DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER in registered.types


@pytest.mark.parametrize(
    "text", ["this job is killing me", "i don't want to die, i want advice", "he's dead to me"]
)
def test_a_model_alarm_on_a_cue_the_rules_cleared_is_demoted(guard: DangerGuard, text) -> None:
    message = _message(text, intent="danger_immediate", confidence=0.9)
    guard.process([message])
    assert message.get(INTENT)["name"] == "ask_is_this_abuse"
    assert all(not name.startswith("danger_") for name, _ in _ranking(message))


def test_a_model_alarm_where_the_rules_saw_nothing_stands(guard: DangerGuard) -> None:
    # The model may know wording the rules do not: it can widen recall, never narrow it.
    message = _message(
        "i am so terrified of what comes next", intent="danger_immediate", confidence=0.9
    )
    guard.process([message])
    assert message.get(INTENT)["name"] == "danger_immediate"


def test_an_unsure_model_alarm_with_no_rule_behind_it_is_demoted(guard: DangerGuard) -> None:
    # "Bye for now, the kids are waking up" read as a farewell: not 999.
    message = _message(
        "bye for now, the kids are waking up", intent="danger_suicide", confidence=0.7
    )
    guard.process([message])
    assert message.get(INTENT)["name"] == "ask_is_this_abuse"


def test_someone_who_may_hurt_someone_now_keeps_their_own_reply(guard: DangerGuard) -> None:
    message = _message("im going to hurt her", intent="own_behaviour_urgent", confidence=0.8)
    # As the story reader, which runs first in the pipeline, reads it.
    message.set(ENTITIES, [{"entity": "speaker", "value": "own"}])
    guard.process([message])
    assert message.get(INTENT)["name"] == "own_behaviour_urgent"
    assert _risk(message) == "immediate"


def test_a_demoted_alarm_with_only_a_stray_guess_left_is_read_as_the_story(
    guard: DangerGuard,
) -> None:
    # The next guess at 0.04 was the own-behaviour reply: a survivor must never get it.
    text = (
        "twelve years with him and everyone says i'm the problem. he's never laid a finger on me"
        " but i feel like i'm disappearing"
    )
    message = _message(text, intent="danger_suicide", confidence=0.6, second=0.04)
    ranking = message.get(INTENT_RANKING_KEY)
    ranking[1]["name"] = "own_behaviour_urgent"
    guard.process([message])
    # The believing reply to a disclosure (story_reader.DISCLOSURE_FOR["self"]).
    assert message.get(INTENT)["name"] == "ask_is_this_abuse"


def test_a_model_alarm_on_a_story_told_as_past_or_habit_is_demoted(guard: DangerGuard) -> None:
    message = _message(
        "i've watched the lad upstairs shove his mum on the landing twice",
        intent="danger_immediate",
        confidence=0.95,
    )
    guard.process([message])
    assert message.get(INTENT)["name"] == "ask_is_this_abuse"


def test_danger_now_from_someone_who_may_harm_gets_their_own_reply(guard: DangerGuard) -> None:
    # Their reply starts with 999 and stepping away, never "it is not your fault".
    message = _message("i think i'm going to hit her, i can feel it building", intent="greet")
    message.set(ENTITIES, [{"entity": "speaker", "value": "own"}])
    guard.process([message])
    assert message.get(INTENT)["name"] == "own_behaviour_urgent"
    assert _risk(message) == "immediate"


@pytest.mark.parametrize("text", ["she says shes gonna hurt the kids", "he's going to hurt us"])
def test_a_survivors_danger_is_never_answered_as_someone_who_harms(guard, text) -> None:
    # The model's unsure "own_behaviour_urgent" on a survivor's words: 999 for the survivor.
    message = _message(text, intent="own_behaviour_urgent", confidence=0.61)
    guard.process([message])
    assert message.get(INTENT)["name"] == "danger_immediate"


@pytest.mark.parametrize("text", ["she says shes gonna hurt the kids", "he said he'll hurt us all"])
def test_a_confident_model_cannot_make_someone_else_s_threat_the_writer_s(guard, text) -> None:
    # No "I" in it: the threat is another person's, reported by the one at risk.
    message = _message(text, intent="own_behaviour_urgent", confidence=0.94)
    guard.process([message])
    assert message.get(INTENT)["name"] == "danger_immediate"


@pytest.mark.parametrize("text", ["im going to hurt her", "I'm going to hurt her"])
def test_a_confident_model_keeps_the_writer_s_own_danger_as_theirs(guard, text) -> None:
    message = _message(text, intent="own_behaviour_urgent", confidence=0.94)
    guard.process([message])
    assert message.get(INTENT)["name"] == "own_behaviour_urgent"
    assert _risk(message) == "immediate"
