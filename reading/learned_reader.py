"""What the two learned readers (risk_model.py, speaker_model.py) share: their training lines
and one way of fitting them.

Each reader is fitted when the component that uses it starts (a few seconds, deterministic),
from two sources, so there is no model file to ship or keep in step with the data:
- the NLU training lines in data/nlu/, labelled by what their intent means to that reader;
- a corpus of whole first messages written for it (bot/risk/, bot/speaker/) by helpers who never
  saw the outcome or held-out sets (tests/data/), which measure it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_union

from reading.danger_lexicon import normalise

ROOT = Path(__file__).resolve().parents[1]
NLU_DIR = ROOT / "data" / "nlu"
# Rasa's inline annotations: "[Telford](place)", "[text]{...}".
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


def nlu_examples(
    label_of_intent: Mapping[str, str], default: str | None, nlu_dir: Path = NLU_DIR
) -> list[tuple[str, str]]:
    """The NLU training lines, annotations removed, labelled by their intent; intents with no
    label and no default are left out."""
    examples = []
    for path in sorted(nlu_dir.rglob("*.yml")):
        for item in (yaml.safe_load(path.read_text()) or {}).get("nlu") or []:
            label = label_of_intent.get(item.get("intent"), default)
            if not item.get("intent") or label is None:
                continue
            for line in str(item.get("examples") or "").splitlines():
                text = _ANNOTATION.sub(r"\1", re.sub(r"^\s*-\s*", "", line)).strip()
                if text:
                    examples.append((text, label))
    return examples


def corpus_examples(corpus_dir: Path, labels: Iterable[str]) -> list[tuple[str, str]]:
    allowed = tuple(labels)
    examples = []
    for path in sorted(corpus_dir.glob("*.yml")):
        for item in (yaml.safe_load(path.read_text()) or {}).get("examples") or []:
            if item.get("label") not in allowed:
                raise ValueError(f"{path.name}: label must be one of {allowed}")
            examples.append((str(item["text"]), item["label"]))
    return examples


def fit(
    examples: list[tuple[str, str]],
    word_ngrams: int = 2,
    weights: list[float] | None = None,
    preprocessor: Callable[[str], str] = normalise,
) -> Pipeline:
    features = make_union(
        # Words and runs of words ("outside now", "i check my"), and character runs for typos
        # and text-speak ("fone", "2nite"), both on the danger rules' own spelling fold.
        TfidfVectorizer(
            preprocessor=preprocessor, ngram_range=(1, word_ngrams), sublinear_tf=True
        ),
        TfidfVectorizer(
            preprocessor=preprocessor, analyzer="char_wb", ngram_range=(2, 5), min_df=2,
            sublinear_tf=True,
        ),
    )  # fmt: skip
    # Balanced: the label that matters most is the rarest in the data, and a miss costs more.
    model = LogisticRegression(C=4.0, class_weight="balanced", max_iter=3000)
    pipeline = Pipeline([("features", features), ("model", model)])
    texts, labels = zip(*examples, strict=True)
    pipeline.fit(list(texts), list(labels), model__sample_weight=weights)
    return pipeline


def probabilities(pipeline: Pipeline, text: str) -> dict[str, float]:
    return {
        str(label): float(p)
        for label, p in zip(pipeline.classes_, pipeline.predict_proba([text])[0], strict=True)
    }
