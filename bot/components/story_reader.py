"""Rasa graph component: whose story a message tells, and about whom (whose_story.py).

It adds entities that fill the conversation's slots (bot/domain/profile.yml), so nobody is asked
what they already said and the services fit the person harmed:
- `speaker` (self | other | own) fills `helping`;
- `gender`, `lgbt`, `age_group` of the person harmed: for a friend's message these replace what
  the first-person reader (AboutMeExtractor) found, which described the writer;
- `relationship` (who harms) and `situation` (forced marriage, immigration, pregnancy);
- `need` where the situation decides the service (forced marriage, a child at risk).

It also corrects the classifier where its topic would hurt: a survivor who describes his anger
is never given the reply for people who harm, and someone who harms is never given a survivor's
reply ("it is not your fault"). A disclosure the classifier could not place is answered as a
disclosure, not with "I didn't understand". It runs after FallbackClassifier and before the
danger guard, which still has the last word.
"""

from __future__ import annotations

import logging
import re

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import (
    ENTITIES,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot.components.rule_based import RuleBasedComponent, warm
from reading import speaker_model
from reading.danger_lexicon import assess, not_now, serious
from reading.intent_groups import (
    DANGER_INTENTS,
    OTHER_INTENTS,
    OWN_INTENTS,
    SURVIVOR_INTENTS,
)
from reading.whose_story import STORY_WORDS, Story, read_story, word_count

logger = logging.getLogger(__name__)

# Replies that only make sense to the person harmed themselves.
FIRST_PERSON_ONLY = frozenset({"for_myself", "ask_my_fault", "worry_not_believed"})
MISSES = frozenset({"nlu_fallback", "out_of_scope"})
# What to answer a disclosure the classifier could not place, by whose story it is.
DISCLOSURE_FOR = {
    "self": "ask_is_this_abuse",
    "other": "worried_about_someone",
    "own": "worried_about_own_behaviour",
}
PRACTICAL = frozenset(
    {
        "ask_mental_health", "ask_legal_help", "ask_protection_order", "ask_clares_law",
        "ask_housing", "ask_children_support", "ask_immigration", "ask_safety_plan",
        "ask_helpline", "ask_specialist_service",
    }
)  # fmt: skip
# Replies written for survivors and for friends: for someone who harms, the route to change.
NOT_FOR_OWN = (SURVIVOR_INTENTS | PRACTICAL | OTHER_INTENTS) - {"ask_helpline"}
# What may answer a story the classifier was unsure of, by whose story it is.
ANSWERS_FOR = {
    "self": SURVIVOR_INTENTS | PRACTICAL,
    "other": OTHER_INTENTS | (SURVIVOR_INTENTS - FIRST_PERSON_ONLY) | PRACTICAL,
    "own": OWN_INTENTS | {"ask_helpline"},
}
# The model alone raises an alarm (999 first) only when it is this sure: below it, its alarms
# were mostly goodbyes and thanks read as farewells, and calm stories from someone who harms
# (measured on the held-out outcome sets, 2026-12-01). The danger guard uses the same bar.
MODEL_ALARM_CONFIDENCE = 0.85
# The classifier's guess below the fallback threshold still beats a generic reply above this.
MIN_GUESS = 0.2
# For someone who harms: signs that they may hurt someone now.
_URGENT = re.compile(
    r"\b(?:right now|tonight|at the moment|any minute|can feel it (?:building|coming)|i don't trust"
    r" myself|about to (?:hit|hurt|lose it|lash out|go for)|can't take back|(?:going|want) to hurt"
    r" (?:her|him|them)|(?:scared|afraid|frightened|terrified) of what i(?:'ll|ll| will| might"
    r"| could)? do|(?:^|i'm |im |i am )losing (?:control|it)(?! with)|need help (?:right )?now"
    r"|in the next room)\b",
    re.IGNORECASE,
)
# A story about the writer's home or someone close, not a long question about something else
# (which the classifier calls out_of_scope, and keeps).
_CLOSE = (
    r"(?:he|she|him|his|her|partner|husband|wife|boyfriend|girlfriend|ex|missus|fella|bf|gf|kids"
    r"|children|relationship|marriage|home|house)"
)
_ABOUT_SOMEONE = re.compile(
    rf"\b{_CLOSE}\b[^~]*\b(?:i|me|my|i'm|im)\b|\b(?:i|me|my|i'm|im)\b[^~]*\b{_CLOSE}\b",
    re.IGNORECASE,
)
SITUATION_TOPIC = {"forced-marriage": "ask_honour_abuse", "honour": "ask_honour_abuse"}
DEFINITIONS = frozenset({"ask_what_is_abuse", "ask_abuse_types"})
# Shorter than this is a question or a greeting, not a story: the classifier keeps its say.
_DISCLOSURE_WORDS = 6
# Entities describing a person that the first-person reader adds, and whom they describe.
_PERSON_ENTITIES = ("gender", "lgbt", "age_group", "disability", "community", "immigration")
_EXTRACTOR = "StoryReader"


def _entities(story: Story) -> list[tuple[str, str]]:
    found = []
    if story.speaker:
        found.append(("speaker", story.speaker))
    if story.gender:
        found.append(("gender", story.gender))
    if story.lgbt:
        found.append(("lgbt", "lgbt"))
    if story.age_group in ("young", "older"):
        found.append(("age_group", story.age_group))
    if story.age_group == "child" and story.speaker == "other":
        found.append(("need", "child-at-risk"))
    if story.relationship:
        found.append(("relationship", story.relationship))
    for situation in story.situations:
        found.append(("situation", situation))
        if situation == "immigration" and story.speaker != "own":
            found.append(("immigration", "migrants"))
    if "honour" in story.situations and story.speaker != "own":
        found.append(("need", "honour"))
    if "forced-marriage" in story.situations and story.speaker != "own":
        found.append(("need", "forced-marriage"))
    return found


def _intent_name(message: Message) -> str | None:
    intent = message.get(INTENT)
    return intent.get(INTENT_NAME_KEY) if isinstance(intent, dict) else intent


def confidence(message: Message) -> float:
    intent = message.get(INTENT)
    return float(intent.get(PREDICTED_CONFIDENCE_KEY) or 0.0) if isinstance(intent, dict) else 1.0


def _ranking(message: Message) -> list[dict]:
    return list(message.get(INTENT_RANKING_KEY) or [])


def _best(message: Message, allowed: frozenset[str] | set[str], floor: float = 0.05) -> str | None:
    for ranked in message.get(INTENT_RANKING_KEY) or []:
        if (
            ranked.get(INTENT_NAME_KEY) in allowed
            and ranked.get(PREDICTED_CONFIDENCE_KEY, 0) > floor
        ):
            return ranked[INTENT_NAME_KEY]
    return None


def corrected_intent(intent: str | None, story: Story, message: Message, words: int) -> str | None:
    """The intent to answer instead, or None to keep the classifier's."""
    speaker = story.speaker
    if intent in DANGER_INTENTS:
        return None
    text = message.get(TEXT) or ""
    urgent = _URGENT.search(text)
    unsure = confidence(message) < MODEL_ALARM_CONFIDENCE and assess(text) is None
    if (
        intent == "own_behaviour_urgent"
        and speaker in ("own", None)
        and not urgent
        and (not_now(text) or unsure)
    ):
        # "Last week I grabbed her by the throat", "twice now": serious, and the route to change,
        # not 999 now.
        # An unsure model with no sign of now in the words is an alarm the rules would not raise;
        # where whose story it is is unclear, its next guess may be the survivor's question.
        calmer = (
            OWN_INTENTS if speaker == "own" else {r[INTENT_NAME_KEY] for r in _ranking(message)}
        )
        return (
            _best(message, calmer - DANGER_INTENTS - {"own_behaviour_urgent"}, MIN_GUESS)
            or "worried_about_own_behaviour"
        )
    if intent in MISSES and words >= _DISCLOSURE_WORDS and speaker != "own":
        # A marriage they did not agree to is the honour page, whoever writes (data/INTENTS.md).
        for situation in story.situations:
            if situation in SITUATION_TOPIC:
                return SITUATION_TOPIC[situation]
    if speaker is None:
        if story.accused and (intent in MISSES or intent in SURVIVOR_INTENTS):
            # "She tells everyone I abused her": a survivor of lies and someone who harms write
            # this alike. Neither "it is not your fault" nor the route to change: ask whose help.
            return "ask_helpline"
        if intent == "nlu_fallback" and words >= STORY_WORDS and _ABOUT_SOMEONE.search(text):
            # A story nobody could place, from someone we cannot yet tell apart: thank them and
            # ask whose help it is (actions/recommend_services.py), never "I didn't understand".
            return "ask_helpline"
        return None
    if speaker == "own" and urgent and intent != "own_behaviour_urgent":
        return "own_behaviour_urgent"  # someone who may hurt someone now: step away, 999
    # A guess is not a sign of now: the urgent reply ("call 999, step away") only with one.
    calm = frozenset() if urgent else frozenset({"own_behaviour_urgent"})
    if speaker == "own" and intent in NOT_FOR_OWN:
        return _best(message, OWN_INTENTS - calm) or "worried_about_own_behaviour"
    if speaker in ("self", "other") and intent in OWN_INTENTS:
        # Their next guess that fits whose story it is ("how do I plan to leave" is a survivor's
        # safety plan), or a believing reply to the disclosure.
        fallback = DISCLOSURE_FOR[speaker]
        return _best(message, ANSWERS_FOR[speaker] | {fallback}) or fallback
    if speaker == "other" and intent in FIRST_PERSON_ONLY:
        return "worried_about_someone"
    if intent in DEFINITIONS and speaker in ("self", "other") and words >= STORY_WORDS:
        return DISCLOSURE_FOR[speaker]  # a story is not a question about what abuse means
    if intent in MISSES and speaker == "self" and story.harmed:
        # "he hits me", "my partner hits me": too short for the classifier to place, and said
        # plainly. "Not sure I understood" would read as not being believed.
        return "ask_is_this_abuse"
    if intent in MISSES and words >= _DISCLOSURE_WORDS:
        # Unsure is not lost: the classifier's best guess that fits whose story it is, or a
        # believing reply to the disclosure.
        allowed = (ANSWERS_FOR[speaker] | {DISCLOSURE_FOR[speaker]}) - calm
        return _best(message, allowed, MIN_GUESS) or DISCLOSURE_FOR[speaker]
    return None


def _set_intent(message: Message, name: str) -> None:
    """`name` first in the ranking, keeping the classifier's own confidence in it if it had one,
    so the danger guard and the actions still see how sure the model was of the rest."""
    ranking = [dict(r) for r in message.get(INTENT_RANKING_KEY) or []]
    confidence = next(
        (r.get(PREDICTED_CONFIDENCE_KEY, 0.0) for r in ranking if r.get(INTENT_NAME_KEY) == name),
        0.0,
    )
    verdict = {INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: max(confidence, 0.5)}
    others = [r for r in ranking if r.get(INTENT_NAME_KEY) != name]
    message.set(INTENT, verdict, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [dict(verdict), *others], add_to_output=True)


def recorrect(message: Message, stray: bool = False) -> None:
    """Correct the intent again after another component changed it (the danger guard taking
    back a model's alarm). `stray`: the intent now set is a guess too weak to answer with, so
    the story, if it says enough, chooses instead; if not, the guess stays."""
    text = message.get(TEXT)
    if isinstance(text, str):
        _correct(message, read_story(text), text, stray)


def _correct(message: Message, story: Story, text: str, stray: bool = False) -> bool:
    """Set the corrected intent, if any; True when the story chose a different reply."""
    words = word_count(text)
    intent = "nlu_fallback" if stray else _intent_name(message)
    corrected = corrected_intent(intent, story, message, words)
    if corrected and corrected != intent:
        _set_intent(message, corrected)
    return bool(corrected)


def _add_entities(message: Message, story: Story, text: str) -> None:
    entities = list(message.get(ENTITIES) or [])
    if story.speaker == "other":
        # What the writer said of themselves is not who is harmed.
        entities = [e for e in entities if e.get("entity") not in _PERSON_ENTITIES]
    have = {e.get("entity") for e in entities}
    for entity, value in _entities(story):
        if entity in have and entity in _PERSON_ENTITIES and story.speaker != "other":
            continue  # the first-person reader heard it from them directly
        entities.append(
            {"entity": entity, "value": value, "confidence": 1.0, "extractor": _EXTRACTOR}
        )
    if story.speaker != "own" and "need" not in {e.get("entity") for e in entities}:
        if "stalking" in serious(text):
            # Followed, watched, turning up: the stalking helpline, for them or for a friend.
            entities.append(
                {"entity": "need", "value": "stalking", "confidence": 1.0, "extractor": _EXTRACTOR}
            )
    message.set(ENTITIES, entities, add_to_output=True)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class StoryReader(RuleBasedComponent, EntityExtractorMixin):
    """Adds whose-story entities and corrects intents that would send the wrong reply."""

    @classmethod
    def create(cls, config, model_storage, resource, execution_context) -> StoryReader:  # type: ignore[no-untyped-def]
        warm(speaker_model)
        return cls(config)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str) or text.startswith("/"):
                continue  # button payloads say what they mean
            story = read_story(text)
            if story.said_anything:
                _add_entities(message, story, text)
            corrected = _correct(message, story, text)
            # Kinds only: never the words, never who they are.
            logger.info("story speaker=%s corrected=%s", story.speaker or "-", bool(corrected))
        return messages
