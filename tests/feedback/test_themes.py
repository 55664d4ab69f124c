"""Feedback themes (feedback/themes.py): learned from the repo's labelled examples, measured on
held-out feedback written by a helper who never saw them (tests/data/feedback_themes/)."""

from __future__ import annotations

from collections import Counter

import pytest

from feedback import themes
from harness.themes_quality import HELDOUT

# Issue 16's bar is 0.75. The first play of the held-out set (2026-12-07) gave 0.636 for the
# SVM (spaCy's bag of words: 0.276); with a second writer's 500 examples, 0.713 (spaCy 0.405).
# This floor keeps it from getting worse (README).
MIN_MACRO_F1 = 0.70


@pytest.fixture(scope="module")
def heldout():
    return themes.examples([HELDOUT])


def test_every_theme_is_taught_and_measured(heldout):
    taught = Counter(t for _, labels in themes.training_examples() for t in labels)
    measured = Counter(t for _, labels in heldout for t in labels)
    assert all(taught[t] >= 40 for t in themes.THEMES), taught
    assert all(measured[t] >= 20 for t in themes.THEMES), measured


def test_no_held_out_text_is_in_the_training_examples(heldout):
    taught = {" ".join(text.lower().split()) for text, _ in themes.training_examples()}
    # A one- or two-word remark ("ok") may be written by anyone; a sentence may not.
    copied = [t for t, _ in heldout if len(t.split()) > 2 and " ".join(t.lower().split()) in taught]
    assert copied == []


def test_the_model_in_use_is_no_worse_on_held_out_feedback(heldout):
    model = themes.themes()
    scores = themes.score(model.predict([t for t, _ in heldout]), [labels for _, labels in heldout])
    assert scores.macro_f1 >= MIN_MACRO_F1, scores


def test_a_reading_is_ordered_and_unsure_themes_are_marked(heldout):
    found = themes.themes().read("the police never came and i waited 9 months for counselling")
    assert {"police", "waiting_out_of_hours"} <= {t.theme for t in found}
    assert [t.margin for t in found] == sorted((t.margin for t in found), reverse=True)
    assert all(t.to_confirm == (t.margin < themes.SURE_MARGIN) for t in found)


def test_an_unknown_theme_in_the_data_is_refused(tmp_path):
    path = tmp_path / "bad.yml"
    path.write_text("examples:\n  - {text: hello, themes: [believd]}\n")
    with pytest.raises(ValueError, match="believd"):
        themes.examples([path])
