"""The action server's own checks (its routes are tested on the running stack in tests/e2e)."""

from __future__ import annotations

import logging

import pytest
import yaml

from directory import national
from lantern import action_server
from lantern.internal_auth import token_matches


@pytest.fixture(autouse=True)
def _no_lasting_cache(monkeypatch):
    # check_directory() points the directory at var/cache for the whole process, as the action
    # server's start should; here that would outlast the test, so it is put back afterwards.
    monkeypatch.setattr(national, "_cache_dir", national._cache_dir)


def test_broken_directory_data_stops_the_start(tmp_path):
    (tmp_path / "a.yml").write_text(yaml.safe_dump({"services": [{"id": "x", "name": "No phone"}]}))
    with pytest.raises(SystemExit, match="directory has errors"):
        action_server.check_directory(tmp_path)


def test_the_real_directory_starts(tmp_path):
    action_server.check_directory()


def test_no_token_no_start(monkeypatch):
    monkeypatch.delenv(action_server.TOKEN_VARIABLE, raising=False)
    with pytest.raises(SystemExit, match="would be open"):
        action_server.main()


@pytest.mark.parametrize(
    ("given", "expected", "matches"),
    [("abc", "abc", True), ("abd", "abc", False), ("ab", "abc", False), (None, "abc", False),
     ("", "", False), ("abc", None, False), ("é", "é", True)],
)  # fmt: skip
def test_tokens_match_only_in_full(given, expected, matches):
    assert token_matches(given, expected) is matches


def test_the_start_fits_the_themes_with_the_leads_corrections(monkeypatch, tmp_path):
    """Issue 16: a lead's correction is a labelled example for the next training, which is the
    action server's next start (warm_feedback)."""
    from actions import feedback_records
    from feedback import store, themes
    from reading import learned_reader

    engine = store.connect(store.sqlite_url(tmp_path / "feedback.db"))
    store.migrate(engine)
    made_up = "zorblax zorblax came round again"
    saved = store.Feedback(
        channel="web", writer="self", may_count=True, may_quote=True, answers={}, about={},
        area="E06000020", text=made_up,
    )  # fmt: skip
    store.save(engine, saved, b"k" * 32)
    [record] = store.all_records(engine)
    monkeypatch.setattr(feedback_records, "engine", lambda: engine)
    monkeypatch.setattr(learned_reader, "_cache_dir", learned_reader._cache_dir)
    try:
        action_server.warm_feedback()
        assert "money" not in {t.theme for t in themes.themes().read(made_up)}
        assert store.review(engine, record["id"], "lead-a", None, themes=["money"])
        action_server.warm_feedback()  # the next start
        assert "money" in {t.theme for t in themes.themes().read(made_up)}
    finally:
        themes.use_corrections([])
        engine.dispose()


def test_an_unreadable_feedback_database_does_not_stop_the_start(monkeypatch, tmp_path):
    from actions import feedback_records
    from feedback import store, themes
    from reading import learned_reader

    # Its own handler: earlier tests may have set the logger not to propagate to caplog's.
    said: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: said.append(record.getMessage())  # type: ignore[method-assign]
    action_server.log.addHandler(handler)
    monkeypatch.setattr(action_server.log, "disabled", False)
    monkeypatch.setattr(action_server.log, "level", logging.DEBUG)
    monkeypatch.setattr(logging.root.manager, "disable", logging.NOTSET)
    action_server.log.manager._clear_cache()

    unmigrated = store.connect(store.sqlite_url(tmp_path / "empty.db"))  # no tables
    monkeypatch.setattr(feedback_records, "engine", lambda: unmigrated)
    monkeypatch.setattr(learned_reader, "_cache_dir", learned_reader._cache_dir)
    themes.use_corrections([("made up", frozenset({"money"}))])
    try:
        action_server.warm_feedback()
        assert any("without the leads' corrections" in line for line in said)
        assert themes._corrections == (("made up", frozenset({"money"})),)  # left as they were
    finally:
        action_server.log.removeHandler(handler)
        themes.use_corrections([])
        unmigrated.dispose()
