"""The action server's own checks (its routes are tested on the running stack in tests/e2e)."""

from __future__ import annotations

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
