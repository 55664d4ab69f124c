"""Themes in anonymised feedback (issue 16): multi-label, learned from labelled examples in the
repo (feedback/data/), chosen by macro F1 on a held-out set written by other writers.

Two learners are compared side by side (`compare`, printed by `make bench`): TF-IDF with a
linear SVM (scikit-learn), and spaCy's own text classifier (bag of words, on a blank English
pipeline: no model to download). The one in use is `Themes`, the SVM, which scored higher on the
held-out sets (README, "Feedback"); both stay so the comparison can be run again as data grows.
Everyone who labels follows one guide, feedback/data/THEMES.md.

The model in use is fitted from the repo's examples and the corrections service leads made in
this deployment's database (`use_corrections`, read at the action server's start), and kept in
the cache folder under a hash of exactly what it was fitted from, as Rasa keeps its model. A
theme the model is unsure of is marked "to confirm" for a lead's review.
"""

from __future__ import annotations

import hashlib
import json
import platform
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import sklearn
import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import f1_score
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import Pipeline, make_union
from sklearn.preprocessing import MultiLabelBinarizer
from sklearn.svm import LinearSVC

from reading.learned_reader import cached

TRAINING = Path(__file__).resolve().parent / "data"
# The founding research's themes, in the order leads read them.
THEMES: dict[str, str] = {
    "believed": "Believed",
    "not_believed": "Not believed",
    "retelling": "Having to repeat the story",
    "waiting_out_of_hours": "Waiting, and help out of hours",
    "referred": "Referred by a professional",
    "found_alone": "Found help alone",
    "mental_health": "Mental health",
    "housing": "Housing",
    "money": "Money and debt",
    "legal_courts": "Legal help and courts",
    "police": "Police response",
    "children_family_courts": "Children and family courts",
    "specialist_by_and_for": "Specialist and by-and-for services",
    "safety": "Safety",
    "perpetrator_change": "The person who harmed getting help to change",
    "what_helped": "What helped",
}
# An SVM margin below this marks the theme "to confirm" (still counted, shown for review).
SURE_MARGIN = 0.3


@dataclass(frozen=True)
class Theme:
    theme: str
    margin: float

    @property
    def to_confirm(self) -> bool:
        return self.margin < SURE_MARGIN


Example = tuple[str, frozenset[str]]


def examples(paths: Iterable[Path]) -> list[Example]:
    found: list[Example] = []
    for path in paths:
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["examples"]:
            themes = frozenset(item.get("themes") or [])
            unknown = themes - set(THEMES)
            if unknown:
                raise ValueError(f"{path.name}: unknown themes {sorted(unknown)}")
            found.append((str(item["text"]), themes))
    return found


def training_examples() -> list[Example]:
    return examples(sorted(TRAINING.glob("*.yml")))


def _binarizer() -> MultiLabelBinarizer:
    return MultiLabelBinarizer(classes=list(THEMES)).fit([list(THEMES)])


class Themes:
    """TF-IDF over words, word pairs and character runs (typos, text-speak), one linear SVM per
    theme, balanced because most themes are rare."""

    def __init__(self, training: Sequence[Example]) -> None:
        features = make_union(
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2),
        )
        svm = OneVsRestClassifier(LinearSVC(C=0.5, class_weight="balanced"))
        self._model = Pipeline([("features", features), ("svm", svm)])
        self._labels = _binarizer()
        texts = [text for text, _ in training]
        self._model.fit(texts, self._labels.transform([sorted(t) for _, t in training]))

    def read(self, text: str) -> list[Theme]:
        margins = self._model.decision_function([text])[0]
        found = [Theme(t, float(m)) for t, m in zip(THEMES, margins, strict=True) if m > 0]
        return sorted(found, key=lambda theme: -theme.margin)

    def predict(self, texts: Sequence[str]) -> list[frozenset[str]]:
        rows = self._model.decision_function(list(texts))
        return [frozenset(t for t, m in zip(THEMES, row, strict=True) if m > 0) for row in rows]


class SpacyThemes:
    """spaCy's multi-label text classifier (bag of words and word pairs) on a blank English
    pipeline, for the side-by-side comparison."""

    def __init__(self, training: Sequence[Example], epochs: int = 15, seed: int = 7) -> None:
        import spacy
        from spacy.training import Example as SpacyExample
        from spacy.util import fix_random_seed, minibatch

        fix_random_seed(seed)
        self._nlp = spacy.blank("en")
        model = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False,
                 "ngram_size": 2, "no_output_layer": False}  # fmt: skip
        textcat: Any = self._nlp.add_pipe("textcat_multilabel", config={"model": model})
        for theme in THEMES:
            textcat.add_label(theme)
        data = [
            SpacyExample.from_dict(
                self._nlp.make_doc(text), {"cats": {t: float(t in themes) for t in THEMES}}
            )
            for text, themes in training
        ]
        optimizer = self._nlp.initialize(lambda: data)
        rng = random.Random(seed)
        for _ in range(epochs):
            rng.shuffle(data)
            for batch in minibatch(data, size=16):
                self._nlp.update(batch, sgd=optimizer, drop=0.2)

    def predict(self, texts: Sequence[str]) -> list[frozenset[str]]:
        return [
            frozenset(t for t, score in doc.cats.items() if score >= 0.5)
            for doc in self._nlp.pipe(texts)
        ]


@dataclass(frozen=True)
class Scores:
    macro_f1: float
    by_theme: dict[str, tuple[float, int]]  # theme -> (F1, how many held-out examples have it)


def score(predicted: Sequence[frozenset[str]], expected: Sequence[frozenset[str]]) -> Scores:
    labels = _binarizer()
    truth = labels.transform([sorted(t) for t in expected])
    guess = labels.transform([sorted(t) for t in predicted])
    f1s = f1_score(truth, guess, average=None, zero_division=0)
    support = truth.sum(axis=0)
    by_theme = {t: (float(f), int(n)) for t, f, n in zip(THEMES, f1s, support, strict=True)}
    present = [f for f, n in by_theme.values() if n]
    return Scores(sum(present) / len(present), by_theme)


# A lead's corrections in this deployment's database, as labelled examples (store.corrections).
_corrections: tuple[Example, ...] = ()


def use_corrections(corrections: Iterable[Example]) -> None:
    """Fit the model in use with these corrections too, from the next call to `themes` on."""
    global _corrections
    _corrections = tuple(sorted((text, frozenset(t) & set(THEMES)) for text, t in corrections))
    themes.cache_clear()


def fingerprint(training: Sequence[Example]) -> str:
    """Everything that decides the fit: the examples, this file's code, the library versions."""
    digest = hashlib.sha256()
    for part in (
        json.dumps([[text, sorted(t)] for text, t in training], ensure_ascii=False),
        Path(__file__).read_text(encoding="utf-8"),
        sklearn.__version__,
        platform.python_version(),
    ):
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()[:32]


@lru_cache
def themes() -> Themes:
    """The model in use: the repo's examples and the leads' corrections, fitted once for each
    set of them and kept in the cache folder when there is one."""
    training = training_examples() + list(_corrections)
    return cached("themes", fingerprint(training), Themes, lambda: Themes(training))
