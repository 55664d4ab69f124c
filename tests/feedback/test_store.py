"""The feedback database (feedback/store.py), on SQLite and on a real PostgreSQL server: only
consented, anonymised records; withdrawal and purge leave nothing readable in SQLite's files; a
saved record survives kill -9."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from sqlalchemy import inspect

from feedback import store
from tests.conftest import ROOT

KEY = b"k" * 32
# Ordinary words the anonymiser keeps, so they reach the file and their removal can be seen.
MARKER = "purple umbrellas and marmalade"


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    if request.param == "sqlite":
        url = store.sqlite_url(tmp_path / "feedback.db")
    else:
        url = request.getfixturevalue("postgres_url")
    engine = store.connect(url)
    store.migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_db(tmp_path):
    engine = store.connect(store.sqlite_url(tmp_path / "feedback.db"))
    store.migrate(engine)
    yield engine
    engine.dispose()


def _feedback(**changes) -> store.Feedback:
    values = {
        "channel": "web", "writer": "self", "may_count": True, "may_quote": True,
        "answers": {"believed": "no", "retold": "3-or-more"}, "about": {"age": "25-34"},
        "area": "E06000020", "text": f"the hub with the {MARKER} helped. ring me 07700 900412",
    } | changes  # fmt: skip
    return store.Feedback(**values)


def test_migrations_reach_head_and_run_again_harmlessly(db):
    store.migrate(db)
    tables = set(inspect(db).get_table_names())
    assert {"feedback_record", "lead_action", "alembic_version"} <= tables
    with db.connect() as connection:
        assert (
            connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "0001"
        )


def test_sqlite_is_durable_and_overwrites_what_it_deletes(sqlite_db):
    with sqlite_db.connect() as connection:
        pragma = connection.exec_driver_sql
        assert pragma("PRAGMA journal_mode").scalar() == "wal"
        assert pragma("PRAGMA synchronous").scalar() == 2  # FULL
        assert pragma("PRAGMA secure_delete").scalar() == 1


def test_a_record_is_anonymised_dated_to_the_month_and_linked_to_nothing(db):
    code = store.save(db, _feedback(text="my idva Priya on 07700 900412 was brilliant"), KEY,
                      today=dt.date(2026, 12, 7))  # fmt: skip
    (record,) = store.all_records(db)
    assert record["text"] == "my idva on [phone number] was brilliant"
    assert record["month"] == "2026-12"
    assert record["quote"] == "pending"
    assert code not in str(record) and len(record["withdrawal"]) == 64  # only a keyed hash
    assert set(record) == {c.name for c in store.records.columns}  # no sender, no session


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"may_count": False, "may_quote": False}, "no consent"),
        ({"channel": "fax"}, "channel"),
        ({"writer": "them"}, "writer"),
        ({"area": "Telford"}, "council district code"),
    ],
)
def test_nothing_is_written_without_consent_or_with_bad_values(db, changes, message):
    with pytest.raises(ValueError, match=message):
        store.save(db, _feedback(**changes), KEY)
    assert store.all_records(db) == []


def test_words_not_to_be_quoted_are_never_queued_for_review(db):
    store.save(db, _feedback(may_quote=False), KEY)
    assert store.all_records(db)[0]["quote"] == "none"


def _files_hold(tmp_path, words: str) -> list[str]:
    return [
        path.name
        for path in tmp_path.iterdir()
        if path.name.startswith("feedback.db") and words.encode() in path.read_bytes()
    ]


@pytest.fixture
def reader(sqlite_db, tmp_path):
    """Another connection held open, as a running service's would be: SQLite then cannot tidy
    the WAL away on the last close, so only the store's own checkpoint can."""
    import sqlite3

    connection = sqlite3.connect(tmp_path / "feedback.db")
    connection.execute("SELECT count(*) FROM feedback_record").fetchall()
    yield connection
    connection.close()


def test_withdrawal_by_code_leaves_nothing_readable_in_the_files(db, tmp_path, request):
    if db.dialect.name == "sqlite":
        request.getfixturevalue("reader")
    code = store.save(db, _feedback(), KEY)
    other = store.save(db, _feedback(text="kept words", answers={"believed": "yes"}), KEY)
    if db.dialect.name == "sqlite":
        assert _files_hold(tmp_path, MARKER)  # the marker really was written
    assert store.withdraw(db, "wrong-code", KEY) is False
    assert store.withdraw(db, f" {code[:4].lower()}-{code[4:]} ", KEY) is True  # as typed
    assert store.withdraw(db, code, KEY) is False  # once
    assert _files_hold(tmp_path, MARKER) == []  # (nothing at all for PostgreSQL's own files)
    assert [r["text"] for r in store.all_records(db)] == ["kept words"]
    assert store.withdraw(db, other, KEY)


def test_purge_deletes_what_is_older_than_the_retention(db, tmp_path, request):
    if db.dialect.name == "sqlite":
        request.getfixturevalue("reader")
    store.save(db, _feedback(), KEY, today=dt.date(2024, 11, 30))
    store.save(db, _feedback(text="recent"), KEY, today=dt.date(2024, 12, 1))
    assert store.purge(db, keep_months=24, today=dt.date(2026, 12, 7)) == 1
    assert [r["text"] for r in store.all_records(db)] == ["recent"]
    assert _files_hold(tmp_path, MARKER) == []


def test_a_record_acknowledged_survives_kill_9_right_after(tmp_path):
    # The person is told "saved" only after save() returns; the process then dies at once.
    path = tmp_path / "feedback.db"
    script = (
        "import os, signal\n"
        "from feedback import store\n"
        f"engine = store.connect(store.sqlite_url(__import__('pathlib').Path({str(path)!r})))\n"
        "store.migrate(engine)\n"
        f"store.save(engine, store.Feedback('sms', 'other', True, False, text='ta'), {KEY!r})\n"
        "print('saved', flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == -9 and out.stdout.strip() == "saved", out.stderr[-2000:]
    engine = store.connect(store.sqlite_url(path))
    assert [(r["channel"], r["writer"]) for r in store.all_records(engine)] == [("sms", "other")]


@pytest.fixture
def umask_kept():
    # The command sets umask 077 for the process, as `lantern run` does for the stack; put the
    # test process's back afterwards.
    import os

    old = os.umask(0o022)
    os.umask(old)
    yield
    os.umask(old)


def test_the_command_migrates_and_purges_as_every_start_does(
    tmp_path, monkeypatch, capsys, umask_kept
):
    from lantern import cli

    monkeypatch.setenv("VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("FEEDBACK_RETENTION_MONTHS", "1")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert cli.main(["feedback", "purge"]) == 0
    engine = store.connect(store.sqlite_url(tmp_path / "var" / "feedback.db"))
    store.save(engine, _feedback(), KEY, today=dt.date(2000, 1, 1))
    assert cli.main(["feedback", "purge"]) == 0
    assert "1 records" in capsys.readouterr().out.splitlines()[-1]
    assert store.all_records(engine) == []
    assert oct((tmp_path / "var" / "feedback.db").stat().st_mode & 0o777) == "0o600"
