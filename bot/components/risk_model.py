"""A learned second reader of risk, for danger said in words the rules have never seen.

The rules in danger_lexicon.py are exact about what they know and blind to the rest: each
blind outcome set, written by someone who never saw them, found new ways of saying "he is
outside" or "I won't be here tomorrow" (README, Outcomes). This model reads every message for
the same three verdicts (immediate, suicide, none) from examples, so it can widen recall where
the rules saw nothing; the danger guard decides what it may overrule (never a cue the rules
weighed and cleared, never a story told as the past).

Why scikit-learn and not a second DIET: one small, fast, deterministic model with its own
balanced classes, fitted from two sources when the guard is created (a few seconds, no file
to ship or keep in step with the data):
- the NLU training lines in data/nlu/, labelled by their intent (the danger intents are
  positive, every other intent is a calm example);
- bot/risk/*.yml: whole first messages written for this model, in the registers people use,
  with calm look-alikes that share danger's words.
Nothing here ever sees the outcome sets (tests/data/outcome*): they measure it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_union

from bot.components.danger_lexicon import normalise

_ROOT = Path(__file__).resolve().parents[2]
NLU_DIR = _ROOT / "data" / "nlu"
CORPUS_DIR = _ROOT / "bot" / "risk"
LABELS = ("immediate", "suicide", "none")
# The danger intents' lines teach the model what danger sounds like; the rest, calm.
_LABEL_OF_INTENT = {
    "danger_immediate": "immediate",
    "own_behaviour_urgent": "immediate",
    "danger_suicide": "suicide",
}
# Rasa's inline annotations: "[Telford](place)", "[text]{...}".
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


# Where its alarm is taken, chosen on the development outcome sets (tests/data/outcome/, which
# it never trains on), 2026-12-02: alone, at 0.85 and 0.6, it caught 151 of sets A to I's 182
# danger messages; with the guard's vetoes it raised 999 on 1 of 396 calm ones. 0.8 also
# alarmed on a calm story in set J (an older mother's pension taken). For someone who harms,
# only a surer suicide reading counts: "she'd end up in a home without me" is control.
DANGER_AT = 0.85
SUICIDE_AT = 0.6
SUICIDE_AT_OWN = 0.8


@dataclass(frozen=True)
class Reading:
    immediate: float
    suicide: float

    @property
    def danger(self) -> float:
        return self.immediate + self.suicide

    def verdict(self, own: bool) -> str | None:
        """ "suicide", "immediate" or None. Someone who harms gets no "immediate" from the model:
        on their long, troubled stories its alarms were noise (the rules read their danger)."""
        if self.suicide >= (SUICIDE_AT_OWN if own else SUICIDE_AT):
            return "suicide"
        if self.danger >= DANGER_AT and not own:
            return "immediate"
        return None


def nlu_examples(nlu_dir: Path = NLU_DIR) -> list[tuple[str, str]]:
    """The NLU training lines, annotations removed, each labelled by what its intent means."""
    examples = []
    for path in sorted(nlu_dir.rglob("*.yml")):
        for item in (yaml.safe_load(path.read_text()) or {}).get("nlu") or []:
            intent = item.get("intent")
            if not intent:
                continue
            label = _LABEL_OF_INTENT.get(intent, "none")
            for line in str(item.get("examples") or "").splitlines():
                text = _ANNOTATION.sub(r"\1", re.sub(r"^\s*-\s*", "", line)).strip()
                if text:
                    examples.append((text, label))
    return examples


def corpus_examples(corpus_dir: Path = CORPUS_DIR) -> list[tuple[str, str]]:
    examples = []
    for path in sorted(corpus_dir.glob("*.yml")):
        for item in (yaml.safe_load(path.read_text()) or {}).get("examples") or []:
            if item.get("label") not in LABELS:
                raise ValueError(f"{path.name}: label must be one of {LABELS}")
            examples.append((str(item["text"]), item["label"]))
    return examples


def fit(examples: list[tuple[str, str]]) -> Pipeline:
    features = make_union(
        # Words and pairs ("outside now", "without me"), and character runs for typos and
        # text-speak ("fone", "2nite"), both on the rules' own spelling fold.
        TfidfVectorizer(preprocessor=normalise, ngram_range=(1, 2), sublinear_tf=True),
        TfidfVectorizer(
            preprocessor=normalise, analyzer="char_wb", ngram_range=(2, 5), min_df=2,
            sublinear_tf=True,
        ),
    )  # fmt: skip
    # Balanced: danger is a few hundred lines among thousands, and a miss costs more.
    model = LogisticRegression(C=4.0, class_weight="balanced", max_iter=3000)
    pipeline = Pipeline([("features", features), ("model", model)])
    texts, labels = zip(*examples, strict=True)
    pipeline.fit(list(texts), list(labels))
    return pipeline


@functools.cache
def _fitted() -> Pipeline:
    return fit(nlu_examples() + corpus_examples())


def read(text: str, model: Pipeline | None = None) -> Reading:
    """How likely this message means danger now and suicide, by the learned model."""
    pipeline = model or _fitted()
    probabilities = dict(zip(pipeline.classes_, pipeline.predict_proba([text])[0], strict=True))
    return Reading(float(probabilities["immediate"]), float(probabilities["suicide"]))


def warm() -> None:
    """Fit now (at start-up) rather than on someone's first message."""
    _fitted()
