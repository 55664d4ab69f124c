"""Rasa graph component: a message in another language gets the safety message in that language.

Runs after the fallback classifier and before the danger guard: the model cannot read Polish or
Urdu, so its guess for such a message means nothing, and the translated safety message starts with
999 anyway. The danger guard still runs last, for English danger words in a mixed message.
"""

from __future__ import annotations

import logging

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components.rule_based import RuleBasedComponent, set_intent
from reading.language import detect

logger = logging.getLogger(__name__)

INTENT_NAME = "speak_other_language"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class LanguageRouter(RuleBasedComponent, IntentClassifier):
    """Sets `speak_other_language` and a `language` entity for a reliably non-English message."""

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str) or text.startswith("/"):
                continue
            code = detect(text)
            if code is None:
                continue
            set_intent(message, INTENT_NAME)
            entity = {"entity": "language", "value": code, "start": 0, "end": len(text),
                      "confidence": 1.0, "extractor": self.__class__.__name__}  # fmt: skip
            message.set(ENTITIES, message.get(ENTITIES, []) + [entity], add_to_output=True)
            logger.info("language_router language=%s", code)
        return messages
