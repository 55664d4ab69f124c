"""The held-out sets measure honestly only if no line of them is in the training data."""

from __future__ import annotations

import re

from harness.quality import heldout_examples
from lantern.settings import PROJECT_ROOT
from reading import risk_model, speaker_model
from tests.heldout import CALM, DANGER


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def _training_examples() -> set[str]:
    # The NLU lines, and the learned readers' own corpora (risk_model.py, speaker_model.py).
    lines = risk_model.nlu_examples(PROJECT_ROOT / "data") + risk_model.corpus_examples()
    return {_key(text) for text, _ in lines + speaker_model.corpus_examples()}


def test_no_heldout_line_is_in_the_training_data():
    training = _training_examples()
    assert len(training) > 100, "the training data was not read"
    heldout = [line for lines in DANGER.values() for line in lines] + CALM
    leaked = [line for line in heldout if len(_key(line).split()) >= 3 and _key(line) in training]
    assert leaked == []


def test_no_nlu_or_language_heldout_line_is_in_the_training_data():
    """One- and two-word replies ("yes", "hello", "main menu") are the words of their intent: a
    held-out set without them would be unrealistic, so only longer lines must be unseen."""
    training = _training_examples()
    heldout = [line for lines in heldout_examples().values() for line in lines]
    assert len(heldout) > 900
    leaked = [line for line in heldout if len(_key(line).split()) >= 3 and _key(line) in training]
    assert leaked == []


def test_no_outcome_case_is_in_the_training_data():
    """The first messages `make evaluate` plays (tests/data/outcome/) measure the outcome only
    while the model has never seen them, whole or in part: no sentence of eight or more words."""
    from harness.evaluate import blind_paths, default_paths, load_cases

    training = _training_examples()
    cases = load_cases(default_paths() + blind_paths())
    assert len(cases) >= 150
    leaked = []
    for case in cases:
        for sentence in re.split(r"(?<=[.!?])\s+", case.text):
            if len(_key(sentence).split()) >= 8 and _key(sentence) in training:
                leaked.append((case.id, sentence))
        if _key(case.text) in training:
            leaked.append((case.id, case.text))
    assert leaked == []
