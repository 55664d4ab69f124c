"""Rasa graph component: a message in another language gets the safety message in that language.

Runs after the fallback classifier and before the danger guard: the model cannot read Polish or
Urdu, so its guess for such a message means nothing, and the translated safety message starts with
999 anyway. The danger guard still runs last, for English danger words in a mixed message.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import (
    ENTITIES,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.language import detect

logger = logging.getLogger(__name__)

INTENT_NAME = "speak_other_language"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class LanguageRouter(GraphComponent, IntentClassifier):
    """Sets `speak_other_language` and a `language` entity for a reliably non-English message."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {}

    def __init__(self, config: dict[str, Any]) -> None:
        self.component_config = config

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageRouter:
        return cls(config)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str) or text.startswith("/"):
                continue
            code = detect(text)
            if code is None:
                continue
            verdict = {INTENT_NAME_KEY: INTENT_NAME, PREDICTED_CONFIDENCE_KEY: 1.0}
            others = [
                dict(r)
                for r in message.get(INTENT_RANKING_KEY) or []
                if r.get(INTENT_NAME_KEY) != INTENT_NAME
            ]
            message.set(INTENT, verdict, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [dict(verdict), *others], add_to_output=True)
            entity = {"entity": "language", "value": code, "start": 0, "end": len(text),
                      "confidence": 1.0, "extractor": self.__class__.__name__}  # fmt: skip
            message.set(ENTITIES, message.get(ENTITIES, []) + [entity], add_to_output=True)
            logger.info("language_router language=%s", code)
        return messages
