"""The anonymiser's recall on labelled feedback written by helpers who never saw its code
(tests/data/anonymise/, see its README): a detail counts as hidden when every letter and digit of
it was replaced. Issue 16 asks for 0.98 overall and for names, phones, postcodes and addresses.

Sets A to D are development data now (the rules were tuned on what they missed), so they
guard against going back. Set E is held out: it was played once, before any change it could
suggest, and its figures are the honest estimate (README, "Feedback"); its floors here are that
first play, so a change that makes it worse fails.
"""

from __future__ import annotations

import pytest

from harness.anonymiser_quality import DATA_DIR, cases, measure

MUST = ("PERSON", "PHONE", "POSTCODE", "ADDRESS")


@pytest.fixture(scope="module")
def development():
    return measure(cases([DATA_DIR / f"set_{name}.yml" for name in "abcd"]))


@pytest.fixture(scope="module")
def held_out():
    return measure(cases([DATA_DIR / "set_e.yml"]))


def test_the_sets_are_big_enough_and_cover_every_kind(development, held_out):
    for quality in (development, held_out):
        assert sum(quality.labelled.values()) >= 300
        assert all(quality.labelled[kind] >= 5 for kind in quality.labelled)
        assert len(quality.labelled) == 15


def test_development_sets_meet_the_target(development):
    assert development.recall() >= 0.98
    for kind in MUST:
        assert development.recall(kind) >= 0.98, kind
    assert development.precision >= 0.9


def test_the_held_out_set_is_no_worse_than_its_first_play(held_out):
    # First play, 2026-12-07: 599/658 = 0.910 overall; names 0.940, phones 0.971 (33/34),
    # postcodes 0.969 (31/32), addresses 0.872; precision 0.930. Played again after small
    # changes made from set D alone (E's misses unread): 0.915, names 0.950. Below issue 16's
    # 0.98: see the README.
    assert held_out.recall() >= 0.91
    assert held_out.recall("PERSON") >= 0.95
    assert held_out.recall("PHONE") >= 0.97
    assert held_out.recall("POSTCODE") >= 0.96
    assert held_out.recall("ADDRESS") >= 0.87
    assert held_out.precision >= 0.92
