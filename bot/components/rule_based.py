"""What Lantern's rule-based NLU components share: no settings, nothing to train, nothing saved.

The danger guard, the language router and the about-me extractor decide by rules at prediction
time. They leave training data alone: training examples carry their true intents, and
overruling them would teach the model wrong labels.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData


class RuleBasedComponent(GraphComponent):
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
    ) -> RuleBasedComponent:
        return cls(config)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data


def warm(reader: ModuleType) -> None:
    """Fit a learned reader (reading/risk_model.py, reading/speaker_model.py) as the component
    starts, not on someone's first message; kept in the settings' cache folder, so the next Rasa
    process with the same data loads it instead (the components are where Rasa hands Lantern a
    process, so this is where the settings are read)."""
    from lantern.settings import get_settings
    from reading import learned_reader

    learned_reader.use_cache(get_settings().effective_cache_dir)
    reader.warm()


def set_intent(message: Message, name: str) -> None:
    """Make `name` the message's intent with full confidence, first in the ranking."""
    verdict = {INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: 1.0}
    others = [
        dict(r) for r in message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY) != name
    ]
    message.set(INTENT, verdict, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [dict(verdict), *others], add_to_output=True)
