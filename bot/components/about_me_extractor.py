"""Rasa graph component: turns what people say about themselves into entities.

The entities (gender, lgbt, age_group, disability, community, immigration, nation, district)
fill slots of the same names, so the details outlive the message and shape every later answer
about help. A message that is only a place ("Telford", "SY1 2AB") is the person telling us where
they are, so it gets the share_about_me intent: the classifier has no way to know one word is a
town.
"""

from __future__ import annotations

import logging

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components.rule_based import RuleBasedComponent, set_intent
from reading.about_me import only_a_place, read

INTENT_NAME = "share_about_me"

logger = logging.getLogger(__name__)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class AboutMeExtractor(RuleBasedComponent, EntityExtractorMixin):
    """Adds an entity for each detail a person volunteered about themselves."""

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str) or text.startswith("/"):
                continue  # button payloads carry their own entities
            details = read(text)
            if not details:
                continue
            found = [
                {
                    "entity": d.entity,
                    "value": d.value,
                    "start": d.start,
                    "end": d.end,
                    "confidence": 1.0,
                    "extractor": self.__class__.__name__,
                }
                for d in details
            ]
            message.set(ENTITIES, message.get(ENTITIES, []) + found, add_to_output=True)
            if only_a_place(text):
                set_intent(message, INTENT_NAME)
            # Which kinds of detail, never their values or the text: these describe a person.
            logger.info("about_me details=%d", len(found))
        return messages
