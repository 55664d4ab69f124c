"""What the two learned readers (risk_model.py, speaker_model.py) share: their training lines
and one way of fitting them.

Each reader is fitted when the component that uses it starts (a few seconds, deterministic),
from two sources, so there is no model file to ship or keep in step with the data:
- the NLU training lines in data/nlu/, labelled by what their intent means to that reader;
- a corpus of whole first messages written for it (bot/risk/, bot/speaker/) by helpers who never
  saw the outcome or held-out sets (tests/data/), which measure it.

A process that is given a cache folder (`use_cache`, by the Rasa components from the settings)
keeps the fitted reader there, named by a hash of everything that decides the fit, and the next
process with the same inputs loads it instead of fitting again (about 7 s each, in every Rasa
process: the server, training, `rasa test`).
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import pickle
import platform
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TypeVar

import sklearn
import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_union

from reading.danger_lexicon import normalise

T = TypeVar("T")
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


# Where fitted readers are kept between processes; None: every process fits its own.
_cache_dir: Path | None = None


def use_cache(cache_dir: Path | None) -> None:
    global _cache_dir
    _cache_dir = cache_dir


def _fingerprint(name: str, examples: list[tuple[str, str]], options: dict) -> str:
    """Everything that decides the fit: the lines, the options, this file and the module that
    holds the preprocessor (their code shapes the features), and the library versions."""
    preprocessor = options["preprocessor"]
    digest = hashlib.sha256()
    for part in (
        name,
        json.dumps([examples, options["word_ngrams"], options["weights"]], ensure_ascii=False),
        f"{preprocessor.__module__}.{preprocessor.__qualname__}",
        Path(__file__).read_text(encoding="utf-8"),
        inspect.getsource(sys.modules[preprocessor.__module__]),
        sklearn.__version__,
        platform.python_version(),
    ):
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()[:32]


def fitted(
    name: str,
    examples: list[tuple[str, str]],
    word_ngrams: int = 2,
    weights: list[float] | None = None,
    preprocessor: Callable[[str], str] = normalise,
) -> Pipeline:
    """`fit`, or the very same fit kept by an earlier process (see the module's note)."""
    options = {"word_ngrams": word_ngrams, "weights": weights, "preprocessor": preprocessor}
    return cached(
        f"reader-{name}", _fingerprint(name, examples, options), Pipeline,
        lambda: fit(examples, **options),
    )  # fmt: skip


def cached(prefix: str, fingerprint: str, kind: type[T], build: Callable[[], T]) -> T:
    """The object an earlier process built from exactly the same inputs (`fingerprint`), or a
    new one, kept for the next process. Without a cache folder, always a new one."""
    if _cache_dir is None:
        return build()
    path = _cache_dir / f"{prefix}-{fingerprint}.pickle"
    try:
        # Only this service writes here (var/ is 0700, its own user's): whoever could plant a
        # pickle could as well change the code it runs.
        with path.open("rb") as f:
            model = pickle.load(f)
        if isinstance(model, kind):
            return model
    except Exception:  # missing, half-written or from another version: build again
        pass
    model = build()
    _keep(path, model)
    return model


def _keep(path: Path, model: object) -> None:
    """Best effort, whole or not at all; an older fit of the same reader is removed."""
    try:
        for folder in reversed([p for p in (path.parent, *path.parent.parents) if not p.exists()]):
            folder.mkdir(mode=0o700, exist_ok=True)  # var/ and all in it: its owner's only
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, suffix=".tmp", delete=False) as f:
            pickle.dump(model, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(f.name, path)
        prefix = path.name.rsplit("-", 1)[0]
        for old in path.parent.glob(f"{prefix}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only disk only costs the next process the fit


def probabilities(pipeline: Pipeline, text: str) -> dict[str, float]:
    return {
        str(label): float(p)
        for label, p in zip(pipeline.classes_, pipeline.predict_proba([text])[0], strict=True)
    }
