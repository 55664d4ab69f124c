"""StoryReader, the Rasa component: entities for whose story it is, and intents corrected where the
classifier's topic would send the wrong reply."""

from __future__ import annotations

from typing import Any

import pytest
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components.story_reader import StoryReader


@pytest.fixture
def reader() -> StoryReader:
    return StoryReader.create({}, model_storage=None, resource=None, execution_context=None)


def _message(text: str, ranking: list[tuple[str, float]], entities: list | None = None) -> Message:
    data: dict[str, Any] = {
        TEXT: text,
        INTENT: {"name": ranking[0][0], "confidence": ranking[0][1]},
        INTENT_RANKING_KEY: [{"name": n, "confidence": c} for n, c in ranking],
        ENTITIES: entities or [],
    }
    return Message(data=data)


def _entities(message: Message) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for e in message.get(ENTITIES):
        found.setdefault(e["entity"], set()).add(e["value"])
    return found


def _intent(message: Message) -> str:
    return message.get(INTENT)["name"]


def test_a_survivor_describing_his_anger_is_never_given_the_own_behaviour_reply(reader) -> None:
    message = _message(
        "he became more controlling, shouting in my face and gripping his fists at me",
        [("worried_about_own_behaviour", 0.6), ("ask_emotional_abuse", 0.3), ("greet", 0.1)],
    )
    reader.process([message])
    assert _intent(message) == "ask_emotional_abuse"
    assert _entities(message)["speaker"] == {"self"}


def test_someone_who_harms_is_never_given_a_survivors_reply(reader) -> None:
    message = _message(
        "I pushed my wife into the wall last night and she's scared of me now",
        [("ask_physical_abuse", 0.7), ("ask_change_behaviour", 0.2), ("greet", 0.1)],
    )
    reader.process([message])
    assert _intent(message) == "ask_change_behaviour"
    assert _entities(message)["speaker"] == {"own"}


def test_a_friend_is_answered_as_a_friend_about_the_person_harmed(reader) -> None:
    about_the_writer = {"entity": "gender", "value": "women", "extractor": "AboutMeExtractor"}
    message = _message(
        "I'm a woman and my friend's boyfriend threatens to out him to his family",
        [("ask_threats", 0.8), ("worried_about_someone", 0.1)],
        entities=[about_the_writer],
    )
    reader.process([message])
    found = _entities(message)
    assert found["speaker"] == {"other"}
    assert found["gender"] == {"men"}  # her friend, not her
    assert found["lgbt"] == {"lgbt"}
    assert _intent(message) == "ask_threats"  # the topic stays; the reply is worded for a friend


def test_a_story_the_classifier_was_unsure_of_gets_its_best_fitting_guess(reader) -> None:
    message = _message(
        "my girlfriend gets angry if i see my mates without her so ive just stopped going out",
        [("nlu_fallback", 0.5), ("ask_coercive_control", 0.4), ("ask_change_behaviour", 0.05)],
    )
    reader.process([message])
    assert _intent(message) == "ask_coercive_control"


def test_a_story_with_no_fitting_guess_is_answered_as_a_disclosure(reader) -> None:
    message = _message(
        "he goes through everything of mine and tells me nobody else would want me",
        [("nlu_fallback", 0.5), ("greet", 0.1), ("out_of_scope", 0.05)],
    )
    reader.process([message])
    assert _intent(message) == "ask_is_this_abuse"


@pytest.mark.parametrize("text", ["hello", "qwxz vbnm plok", "what's the weather"])
def test_small_talk_and_gibberish_are_left_to_the_classifier(reader, text) -> None:
    message = _message(text, [("nlu_fallback", 0.5), ("greet", 0.3)])
    reader.process([message])
    assert _intent(message) == "nlu_fallback"
    assert "speaker" not in _entities(message)


def test_situations_choose_the_need(reader) -> None:
    message = _message(
        "my friend is 17 and her parents are taking her abroad to marry her cousin",
        [("ask_honour_abuse", 0.9)],
    )
    reader.process([message])
    found = _entities(message)
    assert found["need"] == {"forced-marriage"} and found["age_group"] == {"young"}


def test_button_payloads_are_left_alone(reader) -> None:
    message = _message("/ask_helpline", [("ask_helpline", 1.0)])
    reader.process([message])
    assert message.get(ENTITIES) == []


def test_logs_say_whose_story_never_the_words(reader, caplog) -> None:
    with caplog.at_level("INFO", logger="bot.components.story_reader"):
        reader.process([_message("my husband Gary hits me", [("ask_physical_abuse", 0.9)])])
    assert "speaker=self" in caplog.text
    assert "Gary" not in caplog.text and "hits" not in caplog.text


def test_registered_as_an_untrained_entity_extractor() -> None:
    registered = DefaultV1Recipe._from_registry(StoryReader.__name__)
    assert registered.clazz is StoryReader and not registered.is_trainable
