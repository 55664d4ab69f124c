"""Feedback themes (feedback/themes.py): learned from the repo's labelled examples, measured on
held-out feedback written by helpers who never saw them (tests/data/feedback_themes/)."""

from __future__ import annotations

import pickle
from collections import Counter

import pytest

from feedback import themes
from harness.themes_quality import HELDOUT_SETS
from reading import learned_reader

# Issue 16's bar is 0.75. Set 1's first play (2026-12-07): 0.636 for the SVM (spaCy's bag of
# words 0.276); with a second writer's 500 examples, 0.713. Set 2 (written to the labelling guide,
# feedback/data/THEMES.md) first played against that model: 0.689. After both training files
# were relabelled to the guide and a third writer's 650 examples added: set 1 0.772, set 2 0.793
# (set 2 played once, after the model was chosen on set 1). README, "Feedback".
MIN_MACRO_F1 = 0.75


@pytest.fixture(scope="module", params=sorted(HELDOUT_SETS))
def heldout(request):
    return themes.examples([HELDOUT_SETS[request.param]])


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


def test_the_model_in_use_meets_the_bar_on_held_out_feedback(heldout):
    model = themes.themes()
    scores = themes.score(model.predict([t for t, _ in heldout]), [labels for _, labels in heldout])
    assert scores.macro_f1 >= MIN_MACRO_F1, scores


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """The model in use fitted anew, with a cache folder of the test's own."""
    monkeypatch.setattr(learned_reader, "_cache_dir", tmp_path)
    themes.use_corrections([])
    yield tmp_path
    themes.use_corrections([])


def test_a_leads_correction_is_learned_at_the_next_fit(fresh):
    made_up = "zorblax zorblax came round again"
    assert "money" not in {t.theme for t in themes.themes().read(made_up)}
    themes.use_corrections([(made_up, frozenset({"money"}))])
    assert "money" in {t.theme for t in themes.themes().read(made_up)}


def test_the_fit_is_kept_under_the_hash_of_what_it_learned_from(fresh, monkeypatch):
    first = themes.themes()
    kept = list(fresh.glob("themes-*.pickle"))
    expected = f"themes-{themes.fingerprint(themes.training_examples())}.pickle"
    assert [p.name for p in kept] == [expected]
    # Another process with the same examples loads it rather than fitting.
    themes.themes.cache_clear()
    monkeypatch.setattr(themes.Themes, "__init__", lambda *a: pytest.fail("fitted again"))
    again = themes.themes()
    assert again is not first and isinstance(again, themes.Themes)
    text = "the police never came and i waited 9 months for counselling"
    assert again.read(text) == first.read(text)
    monkeypatch.undo()
    monkeypatch.setattr(learned_reader, "_cache_dir", fresh)
    # New examples: a new fit under a new hash, and the old one goes.
    themes.use_corrections([("he took every penny", frozenset({"money"}))])
    themes.themes()
    assert [p.name for p in fresh.glob("themes-*.pickle")] != [p.name for p in kept]
    assert len(list(fresh.glob("themes-*.pickle"))) == 1
    assert isinstance(pickle.loads(next(fresh.glob("themes-*.pickle")).read_bytes()), themes.Themes)


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
