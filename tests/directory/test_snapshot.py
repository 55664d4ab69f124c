"""The checked snapshot (directory/national.py): used when the data is unchanged, never when not."""

from __future__ import annotations

import shutil

import pytest

from directory import national


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    for path in national.DATA_DIR.glob("*.yml"):
        shutil.copy(path, folder)
    return folder


def test_the_snapshot_gives_back_exactly_what_the_check_gave(data, tmp_path):
    checked = national.load(data)
    first = national.load(data, tmp_path / "cache")
    again = national.load(data, tmp_path / "cache")
    assert checked == first == again
    assert len(list((tmp_path / "cache").glob("directory-*.json"))) == 1


def test_an_unchanged_directory_is_not_parsed_again(data, tmp_path, monkeypatch):
    national.load(data, tmp_path / "cache")

    def parse(files):
        raise AssertionError("parsed again")

    monkeypatch.setattr(national, "_parse_and_check", parse)
    assert national.load(data, tmp_path / "cache")


def test_an_edit_is_checked_even_with_an_old_snapshot(data, tmp_path):
    national.load(data, tmp_path / "cache")
    path = data / "national.yml"
    path.write_text(path.read_text().replace("verified: 20", "verified: 30", 1))
    with pytest.raises(national.DirectoryError, match="future"):
        national.load(data, tmp_path / "cache")


def test_a_broken_snapshot_means_checking_again(data, tmp_path):
    national.load(data, tmp_path / "cache")
    (snapshot,) = (tmp_path / "cache").glob("directory-*.json")
    snapshot.write_text('[{"id": ')
    assert national.load(data, tmp_path / "cache") == national.load(data)


def test_a_read_only_cache_only_costs_time(data, tmp_path):
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the folder would be")
    assert national.load(data, blocked) == national.load(data)


def test_the_folders_it_makes_are_its_owners_only(data, tmp_path):
    import stat

    national.load(data, tmp_path / "var" / "cache")
    (snapshot,) = (tmp_path / "var" / "cache").glob("directory-*.json")
    assert stat.S_IMODE(snapshot.stat().st_mode) == 0o600
    for folder in (snapshot.parent, snapshot.parent.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
