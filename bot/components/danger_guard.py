"""Rasa graph component that lets the danger lexicon overrule the learned intent classifier.

It runs last in the NLU pipeline (after FallbackClassifier), so a message that suggests immediate
danger or suicide always reaches the policies as a danger intent with confidence 1.0, whatever
DIET or the fallback decided. The learned model can add a danger verdict where the rules saw
no danger cue at all; where the rules saw one and cleared it (an idiom, a negation), they win.
"""

from __future__ import annotations

import logging
import re

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
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

from bot.components.rule_based import RuleBasedComponent, set_intent, warm
from bot.components.story_reader import MIN_GUESS, MODEL_ALARM_CONFIDENCE, confidence, recorrect
from reading import risk_model
from reading.danger_lexicon import (
    Danger,
    assess,
    calm_said,
    considered,
    despair,
    not_now,
    serious,
)
from reading.danger_lexicon import suicide_considered as _suicide_words

logger = logging.getLogger(__name__)

INTENT_FOR = {Danger.IMMEDIATE: "danger_immediate", Danger.SUICIDE: "danger_suicide"}
# Closing a chat is not a goodbye note: the risk model's suicide reading on these needs despair.
_SMALL_TALK = frozenset({"goodbye", "thanks", "greet", "affirm", "deny", "bot_challenge"})
_SMALL_TALK_CONFIDENCE = 0.6
# Serious markers that are someone else's threat: beside them, the model's "suicide" needs despair.
_THREATS = frozenset({"threat_to_kill", "children_threatened"})
# The suicide reply includes 999 as well as Samaritans, so it outranks immediate danger: moving
# from immediate to suicide adds help, moving back would take Samaritans away.
_SEVERITY = {None: 0, "danger_immediate": 1, "danger_suicide": 2}
# A button payload such as /greet or /inform{"x": 1}, which RegexMessageHandler turns into its
# intent. Only this exact shape is skipped: someone typing "/ he's got a knife" is still read.
_PAYLOAD = re.compile(r"^/[\w-]+(?:@[0-9.]+)?(?:\{.*\})?$", re.DOTALL)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class DangerGuard(RuleBasedComponent, IntentClassifier):
    """Sets `danger_immediate` / `danger_suicide` from rules, before any learned policy runs."""

    @classmethod
    def create(cls, config, model_storage, resource, execution_context) -> DangerGuard:  # type: ignore[no-untyped-def]
        warm(risk_model)
        return cls(config)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            self._guard(message)
        return messages

    @staticmethod
    def _guard(message: Message) -> None:
        text = message.get(TEXT)
        if not isinstance(text, str) or not text.strip() or _PAYLOAD.match(text.strip()):
            return
        verdict = assess(text)
        intent = message.get(INTENT)
        current = intent.get(INTENT_NAME_KEY) if isinstance(intent, dict) else intent
        if verdict is None:
            own = _about_own_behaviour(message)
            weighed = considered(text) or not_now(text)
            learned = _learned(text, own, weighed)
            if learned == "danger_immediate" and current == "own_behaviour_urgent":
                # Their own reply already starts with 999; the risk is danger now.
                _add_risk(message, "immediate")
                return
            if (
                learned == "danger_suicide"
                and current in _SMALL_TALK
                and confidence(message) >= _SMALL_TALK_CONFIDENCE
                and not despair(text)
            ):
                # "Goodbye, I'll come back tomorrow when the house is quiet": a farewell, which
                # the risk model reads as a goodbye note unless despair is said with it.
                learned = None
            unsure = confidence(message) < MODEL_ALARM_CONFIDENCE
            if current in INTENT_FOR.values() and not learned and (weighed or own or unsure):
                # not_now: "I've seen him shove her twice" is serious; the model's alarm on it
                # is the word, not the time.
                _demote(message)
                current = None
            if learned and _SEVERITY.get(current, 0) < _SEVERITY[learned]:
                # Danger in words the rules do not know ("sorted my funeral plan today").
                set_intent(message, learned)
                current = learned
                logger.info("danger_guard learned_verdict=%s", learned)
            if current == "danger_suicide":
                _add_risk(message, "suicide")
            elif current == "danger_immediate":
                _add_risk(message, "immediate")
            elif serious(text):
                # Not 999 now: the reply to what they said carries "this is serious".
                _add_risk(message, "serious")
            return
        name = INTENT_FOR[verdict]
        if name == "danger_immediate" and _about_own_behaviour(message):
            current = "own_behaviour_urgent"
            set_intent(message, current)
        if (
            current == "own_behaviour_urgent"
            and name == "danger_immediate"
            and (
                _about_own_behaviour(message)
                or (confidence(message) >= MODEL_ALARM_CONFIDENCE and _first_person(text))
            )
        ):
            # Someone who may hurt someone now: their reply starts with 999 and stepping away.
            _add_risk(message, "immediate")
            return
        unfounded_suicide = current == "danger_suicide" and not _suicide_words(text)
        if _SEVERITY.get(current, 0) < _SEVERITY[name] or unfounded_suicide:
            # Up to the graver verdict; or, where the model said suicide and the rules saw no
            # sign of it ("he's going to kill me tonight"), to the police wording the rules read.
            set_intent(message, name)
        else:
            name = current
        _add_risk(message, "suicide" if name == "danger_suicide" else "immediate")
        # Only the verdict: the text of a message like this must never reach a log.
        logger.info("danger_guard verdict=%s", verdict.value)


def _learned(text: str, own: bool, weighed: bool) -> str | None:
    """The learned risk reader's alarm, where the rules did not already weigh the same thing.

    Danger now: only where the rules saw no cue at all and nothing tells it as the past. Suicide:
    unless the rules saw a suicide cue and cleared it ("I don't want to die"); a story told in
    the past never clears it ("I hit her last night... the rope's in the garage").
    """
    verdict = risk_model.read(text).verdict(own)
    if verdict is None or calm_said(text):
        return None
    if verdict == "immediate" and weighed:
        return None
    if verdict == "suicide" and (
        _suicide_words(text) or (_THREATS & set(serious(text)) and not despair(text))
    ):
        # "He'll make sure nobody sees the kids again": a threat to someone else, not a goodbye.
        return None
    return INTENT_FOR[Danger(verdict)]


# The writer as the subject: "I", "I'm", "im", "I'll", "I'd", "I've".
_I = re.compile(r"\b(?:i|i'm|im|i'll|i'd|i've|ive)\b", re.IGNORECASE)


def _first_person(text: str) -> bool:
    """Whether the writer speaks of themselves at all. However sure the model is that a danger
    is the writer's own ("she says she's gonna hurt the kids"), with no "I" in it the threat is
    someone else's, reported by the person at risk: 999 for them, never the reply to someone
    who may harm."""
    return _I.search(text.replace("\u2019", "'")) is not None


def _about_own_behaviour(message: Message) -> bool:
    """The story reader found the writer is the one who harms (bot/components/story_reader.py).

    Their danger now is someone else's ("I might hurt her"): the rules read that, and the
    own-behaviour reply starts with 999 anyway. The model's alarm on their long, troubled
    stories ("I get so jealous I sulk until he cancels") is noise that would greet them with
    Samaritans instead of the route to change.
    """
    return any(
        e.get("entity") == "speaker" and e.get("value") == "own"
        for e in message.get(ENTITIES) or []
    )


def _add_risk(message: Message, level: str) -> None:
    """The `risk` entity (slot `risk`): what the reply adds, whatever the topic."""
    entities = [e for e in message.get(ENTITIES) or [] if e.get("entity") != "risk"]
    entities.append(
        {"entity": "risk", "value": level, "confidence": 1.0, "extractor": "DangerGuard"}
    )
    message.set(ENTITIES, entities, add_to_output=True)


def _demote(message: Message) -> None:
    """The model said danger where the rules saw a cue and cleared it: take the next intent.

    The learned classifier reacts to words like "kill" or "die"; the rules know "this job is
    killing me" and "I don't want to die". Without this, the model's alarms on such messages
    (about 1 in 14 calm held-out messages) would greet calm people with 999.
    """
    ranking = [
        r for r in message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY) not in _SEVERITY
    ]
    fallback = {INTENT_NAME_KEY: "nlu_fallback", PREDICTED_CONFIDENCE_KEY: 1.0}
    # The next guess is often a stray one (0.04 for "own_behaviour_urgent" on a survivor's
    # story): below the story reader's floor for a guess it is no answer, and the story
    # reader chooses (a believing reply to a disclosure, or "not sure I understood").
    stray = not ranking or ranking[0].get(PREDICTED_CONFIDENCE_KEY, 0.0) < MIN_GUESS
    message.set(INTENT, dict(ranking[0]) if ranking else fallback, add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
    recorrect(message, stray=stray)
    logger.info("danger_guard demoted_model_alarm")
