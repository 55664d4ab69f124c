"""A learned second reader of whose story a message tells: self, other or own.

The rules in whose_story.py are sure where the words are plain ("he hits me", "I hit her", "my
friend's husband"). Where they are not, they guessed "self" from a partner named beside "me",
and blind outcome set K (README, Outcomes) showed what that costs: four of ten people worried
about their own behaviour, who wrote "I go through my girlfriend's phone" or "she says she
feels trapped", were told "it is not your fault". This model reads the whole message for the
direction of what is done and to whom, from examples; whose_story.py asks it only where the rules
had no plain cue, and keeps the rules' guess where it is unsure.

Fitted when the story reader starts (learned_reader.py), from the NLU lines of the intents whose
speaker is plain (a survivor's questions, a friend's, someone who harms) and from bot/speaker/:
whole first messages written for it, full of the contrasts that matter ("my wife goes through my
phone" v "I go through my wife's phone"). Nothing here ever sees the outcome sets.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from sklearn.pipeline import Pipeline

from reading import learned_reader
from reading.danger_lexicon import normalise
from reading.intent_groups import (
    DANGER_INTENTS,
    OTHER_INTENTS,
    OWN_INTENTS,
    SURVIVOR_INTENTS,
)
from reading.learned_reader import NLU_DIR, ROOT

CORPUS_DIR = ROOT / "bot" / "speaker"
LABELS = ("self", "other", "own")
_LABEL_OF_INTENT = {
    **dict.fromkeys(OWN_INTENTS, "own"),
    **dict.fromkeys(OTHER_INTENTS, "other"),
    # A survivor's questions and stories, and danger, whose lines are mostly the writer's own.
    **dict.fromkeys(SURVIVOR_INTENTS | DANGER_INTENTS, "self"),
}
# The whole stories written for this reader count three times a short NLU line: they carry the
# contrasts (measured on the development outcome sets: 0.89 of speakers right, against 0.86).
CORPUS_WEIGHT = 3.0


# Whose story it is lies in who does what to whom, never in anyone's gender: most lines about
# people who harm are men about women, so a model shown "wife" and "she" learned that a man
# writing about his wife's knife confessed. Every gendered word is read as a neutral one.
_NEUTRAL = {
    "he": "they", "she": "they", "him": "them", "his": "their", "hers": "theirs",
    "he's": "they're", "she's": "they're", "hes": "theyre", "shes": "theyre",
    "he'd": "they'd", "she'd": "they'd", "he'll": "they'll", "she'll": "they'll",
    "himself": "themself", "herself": "themself",
    "husband": "partner", "wife": "partner", "boyfriend": "partner", "girlfriend": "partner",
    "hubby": "partner", "missus": "partner", "misses": "partner", "wifey": "partner",
    "fiance": "partner", "fiancee": "partner", "fella": "partner", "bf": "partner",
    "gf": "partner", "man": "person", "woman": "person", "bloke": "person", "guy": "person",
    "lad": "person", "girl": "person", "lady": "person", "men": "people", "women": "people",
    "mum": "parent", "dad": "parent", "mother": "parent", "father": "parent",
    "son": "child", "daughter": "child", "brother": "sibling", "sister": "sibling",
}  # fmt: skip
# Longest first, so "she's" is read whole and not as "she" and "'s".
_WORDS = sorted(map(re.escape, _NEUTRAL), key=len, reverse=True)
_GENDERED = re.compile(r"\b(?:" + "|".join(_WORDS) + r")\b")


def neutral(text: str) -> str:
    return _GENDERED.sub(lambda m: _NEUTRAL[m.group(0)], normalise(text))


@dataclass(frozen=True)
class Reading:
    self: float
    other: float
    own: float

    def sure(self, at: float) -> str | None:
        best = max(LABELS, key=lambda label: getattr(self, label))
        return best if getattr(self, best) >= at else None


def nlu_examples(nlu_dir: Path = NLU_DIR) -> list[tuple[str, str]]:
    return learned_reader.nlu_examples(_LABEL_OF_INTENT, None, nlu_dir)


def corpus_examples(corpus_dir: Path = CORPUS_DIR) -> list[tuple[str, str]]:
    return learned_reader.corpus_examples(corpus_dir, LABELS)


@functools.cache
def _fitted() -> Pipeline:
    # Runs of three words: the direction is in "i check my" against "checks my phone".
    nlu, corpus = nlu_examples(), corpus_examples()
    weights = [1.0] * len(nlu) + [CORPUS_WEIGHT] * len(corpus)
    return learned_reader.fitted(
        "speaker", nlu + corpus, word_ngrams=3, weights=weights, preprocessor=neutral
    )


def read(text: str, model: Pipeline | None = None) -> Reading:
    return Reading(**learned_reader.probabilities(model or _fitted(), text))


def warm() -> None:
    """Fit now (at start-up) rather than on someone's first message."""
    _fitted()
