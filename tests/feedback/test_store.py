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
            connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "0002"
        )
    # The table has every column the code reads: the migrations and the code agree.
    columns = {c["name"] for c in inspect(db).get_columns("feedback_record")}
    assert columns == set(store.records.c.keys())


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


def test_themes_are_read_and_a_safeguarding_concern_is_marked_at_save(db):
    store.save(db, _feedback(text="the police never believed me, they said it was just a row"), KEY)
    store.save(db, _feedback(text="he said he will kill me if i leave and he has a knife"), KEY)
    calm, worrying = sorted(store.all_records(db), key=lambda r: r["concern"])
    assert "police" in calm["themes"] and calm["themes_by"] == "model" and not calm["concern"]
    assert set(calm["to_confirm"]) <= set(calm["themes"])
    assert worrying["concern"]


def test_a_lead_reviews_only_their_areas_and_a_concern_is_never_published(db):
    store.save(db, _feedback(text=f"the {MARKER} group helped"), KEY)
    store.save(db, _feedback(area="E06000051", text="he will kill me, he has a knife"), KEY)
    telford = frozenset({"E06000020"})
    [mine] = store.review_queue(db, telford)
    assert MARKER in mine["text"]
    [concern] = [r for r in store.review_queue(db, None) if r["concern"]]
    assert not store.review(db, concern["id"], "lead-a", telford, decision="rejected")
    with pytest.raises(ValueError, match="may not be published"):
        store.review(db, concern["id"], "lead-b", None, decision="approved")
    assert store.review(db, concern["id"], "lead-b", None, severity="high")
    edited = f"the {MARKER} group, run by Priya Shah, helped"
    assert store.review(db, mine["id"], "lead-a", telford, decision="approved", quote_text=edited)
    assert store.review(db, mine["id"], "lead-a", telford, themes=["what_helped"])
    after = {r["id"]: r for r in store.all_records(db)}
    assert after[mine["id"]]["quote"] == "approved"
    assert "Priya" not in after[mine["id"]]["quote_text"]  # an edit is anonymised too
    assert (
        after[mine["id"]]["themes"] == ["what_helped"] and after[mine["id"]]["themes_by"] == "lead"
    )
    assert after[concern["id"]]["quote"] == "pending" and after[concern["id"]]["severity"] == "high"
    assert store.corrections(db) == [(after[mine["id"]]["text"], frozenset({"what_helped"}))]
    with db.connect() as connection:
        trail = [tuple(r) for r in connection.execute(store.lead_actions.select())]
    assert [(r[2], r[3]) for r in trail] == [("lead-a", "edited"), ("lead-a", "approved")]
    assert MARKER not in str(trail)  # what was done, never what it said
    with pytest.raises(ValueError):
        store.review(db, mine["id"], "lead-a", telford, decision="published")
