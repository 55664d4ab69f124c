"""The anonymiser's recall on labelled feedback written by helpers who never saw its code
(tests/data/anonymise/, see its README): a detail counts as hidden when every letter and digit of
it was replaced, apart from words that identify no one on their own (a title before a name, the
unit of an age: harness.anonymiser_quality.NO_ONE). Issue 16 asks for 0.98 overall and for names,
phones, postcodes and addresses.

Sets A to L are development data now (the rules were tuned on what they missed), so they guard
against going back. Set M is held out: it was played once, before any change it could suggest,
and its figures are the honest estimate (README, "Feedback"); its floors here are that first
play, so a change that makes it worse fails.
"""

from __future__ import annotations

import pytest

from harness import anonymiser_quality
from harness.anonymiser_quality import DATA_DIR, cases, measure

MUST = ("PERSON", "PHONE", "POSTCODE", "ADDRESS")


@pytest.fixture(scope="module")
def development():
    return measure(cases([DATA_DIR / f"set_{name}.yml" for name in "abcdefghijkl"]))


@pytest.fixture(scope="module")
def held_out():
    return measure(cases([DATA_DIR / "set_m.yml"]))


def test_the_sets_are_big_enough_and_cover_every_kind(development, held_out):
    for quality in (development, held_out):
        assert sum(quality.labelled.values()) >= 300
        assert all(quality.labelled[kind] >= 2 for kind in quality.labelled)
        assert len(quality.labelled) == 15


def test_development_sets_meet_the_target(development):
    assert development.recall() >= 0.98
    for kind in MUST:
        assert development.recall(kind) >= 0.98, kind
    assert development.precision >= 0.93


def test_the_held_out_set_is_no_worse_than_its_first_play(held_out):
    # First play, 2026-12-08: 507/519 = 0.977 overall; names 0.971 (167/172), phones 1.000
    # (23/23), postcodes 1.000 (17/17), addresses 1.000 (14/14), places 0.986; precision 0.934.
    # The version at the session's start scored 0.956 on it. Overall and names are below issue
    # 16's 0.98: see the README.
    assert held_out.recall() >= 0.976
    assert held_out.recall("PERSON") >= 0.97
    assert held_out.recall("PHONE") == 1.0
    assert held_out.recall("POSTCODE") == 1.0
    assert held_out.recall("ADDRESS") == 1.0
    assert held_out.precision >= 0.933


def test_words_that_identify_no_one_are_not_counted_but_everything_else_is(monkeypatch):
    labelled = [{"text": "Mrs Okafor, aged 6", "entities": [
        {"type": "PERSON", "text": "Mrs Okafor"}, {"type": "AGE", "text": "aged 6"}]}]  # fmt: skip
    assert measure(labelled).recall() == 1.0
    assert measure(labelled, strict=True).recall() == 0.0
    unhidden = [{"text": "Okafor was kind", "entities": [{"type": "PERSON", "text": "Okafor"}]}]
    monkeypatch.setattr(anonymiser_quality, "find", lambda text: [])
    assert measure(unhidden).recall() == 0.0
