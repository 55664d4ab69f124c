"""Fitted readers kept between processes (reading/learned_reader.py): the same fit or none."""

from __future__ import annotations

import stat

import pytest

from reading import learned_reader

EXAMPLES = [
    ("he is outside the door now", "immediate"),
    ("he is at the door with a knife", "immediate"),
    ("i want to end it tonight", "suicide"),
    ("i have the tablets ready", "suicide"),
    ("he checks my phone every day", "none"),
    ("she takes my wages", "none"),
]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setattr(learned_reader, "_cache_dir", tmp_path / "var" / "cache")
    return tmp_path / "var" / "cache"


def _no_fitting(monkeypatch):
    def fit(*args, **kwargs):
        raise AssertionError("fitted again")

    monkeypatch.setattr(learned_reader, "fit", fit)


def test_a_second_process_loads_the_very_same_fit(cache, monkeypatch):
    first = learned_reader.fitted("test", EXAMPLES)
    (kept,) = cache.glob("reader-test-*.pickle")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache.stat().st_mode) == stat.S_IMODE(cache.parent.stat().st_mode) == 0o700
    _no_fitting(monkeypatch)
    again = learned_reader.fitted("test", EXAMPLES)
    for text in ("he's outside", "tablets", "my wages"):
        assert learned_reader.probabilities(again, text) == learned_reader.probabilities(
            first, text
        )


def test_different_lines_or_options_are_a_new_fit_and_the_old_one_goes(cache):
    learned_reader.fitted("test", EXAMPLES)
    (old,) = cache.glob("reader-test-*.pickle")
    learned_reader.fitted("test", [*EXAMPLES, ("he is coming up the stairs now", "immediate")])
    (new,) = cache.glob("reader-test-*.pickle")
    assert new != old
    learned_reader.fitted("test", EXAMPLES, word_ngrams=3)
    assert len(list(cache.glob("reader-test-*.pickle"))) == 1
    assert next(cache.glob("reader-test-*.pickle")) not in (old, new)


def test_a_broken_or_foreign_file_is_fitted_again(cache):
    learned_reader.fitted("test", EXAMPLES)
    (kept,) = cache.glob("reader-test-*.pickle")
    for junk in (b"", b"\x80\x04not a pickle", b"\x80\x04K\x01."):  # the last is the int 1
        kept.write_bytes(junk)
        model = learned_reader.fitted("test", EXAMPLES)
        assert learned_reader.probabilities(model, "he is outside")["immediate"] > 0.3


def test_without_a_cache_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.setattr(learned_reader, "_cache_dir", None)
    monkeypatch.chdir(tmp_path)
    learned_reader.fitted("test", EXAMPLES)
    assert list(tmp_path.iterdir()) == []
