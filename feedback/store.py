"""Feedback records in SQL: only what a person consented to, anonymised before it is written,
never linked to a conversation, dates to the month (issue 16).

SQLite in var/ by default, PostgreSQL by URL; the schema is Alembic's (feedback/migrations/).
On SQLite every connection runs in WAL mode with synchronous FULL, so a record is on disk when
`save` returns and the person may be told "saved"; and with secure_delete, so a withdrawn or
purged record is overwritten, and the WAL is checkpointed and truncated after each delete, so
nothing of it stays readable in the files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    select,
)
from sqlalchemy.engine import Engine

from feedback.anonymise import anonymise

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
CHANNELS = frozenset({"web", "sms"})
WRITERS = frozenset({"self", "other", "own"})  # a survivor, a friend or relative, own behaviour
# Withdrawal codes: Crockford's base 32 without look-alikes, read out or typed on a phone.
_CODE_LETTERS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CODE_LENGTH = 8

metadata = MetaData()
records = Table(
    "feedback_record",
    metadata,
    Column("id", String(32), primary_key=True),  # random: derived from nothing about anyone
    Column("month", String(7), nullable=False, index=True),  # "2026-12"
    Column("channel", String(8), nullable=False),
    Column("writer", String(8), nullable=False),
    Column("area", String(9)),  # a council district code, only with permission
    Column("may_count", Boolean, nullable=False),
    Column("may_quote", Boolean, nullable=False),
    Column("withdrawal", String(64), nullable=False, unique=True),  # keyed hash of the code
    Column("answers", JSON, nullable=False),  # question -> answer code
    Column("about", JSON, nullable=False),  # optional groups the person chose to say
    Column("text", Text),  # the free text, anonymised
    Column("quote", String(10), nullable=False),  # none | pending | approved | rejected
)
lead_actions = Table(
    "lead_action",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("month", String(7), nullable=False),
    Column("lead", String(64), nullable=False),
    Column("action", String(16), nullable=False),  # approved | edited | rejected | exported
    Column("record", String(32)),  # which record, never what it said
)


@dataclass(frozen=True)
class Feedback:
    """What a person chose to give. `text` is their words as typed: `save` anonymises them."""

    channel: str
    writer: str
    may_count: bool
    may_quote: bool
    answers: dict[str, str] = field(default_factory=dict)
    about: dict[str, str] = field(default_factory=dict)
    area: str | None = None
    text: str | None = None


def connect(url: str) -> Engine:
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_settings)
    return engine


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _sqlite_settings(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "secure_delete=ON", "foreign_keys=ON"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def migrate(engine: Engine) -> None:
    """Bring the schema to Alembic's head (at every start: a no-op when it is there)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def new_code() -> str:
    return "".join(secrets.choice(_CODE_LETTERS) for _ in range(_CODE_LENGTH))


def _code_hash(code: str, key: bytes) -> str:
    typed = re.sub(r"[\s-]", "", code).upper().replace("O", "0").replace("I", "1").replace("L", "1")
    return hmac.new(key, typed.encode(), hashlib.sha256).hexdigest()


def save(engine: Engine, feedback: Feedback, key: bytes, today: dt.date | None = None) -> str:
    """Write the record and return its withdrawal code, only once it is committed."""
    if not (feedback.may_count or feedback.may_quote):
        raise ValueError("no consent to keep anything")
    if feedback.channel not in CHANNELS or feedback.writer not in WRITERS:
        raise ValueError("channel must be web or sms, writer self, other or own")
    if feedback.area is not None and not re.fullmatch(r"[EWSN][0-9]{8}", feedback.area):
        raise ValueError("area must be a council district code")
    code = new_code()
    text = anonymise(feedback.text).text if feedback.text and feedback.text.strip() else None
    row = {
        "id": uuid.uuid4().hex,
        "month": (today or dt.date.today()).strftime("%Y-%m"),
        "channel": feedback.channel,
        "writer": feedback.writer,
        "area": feedback.area,
        "may_count": feedback.may_count,
        "may_quote": feedback.may_quote,
        "withdrawal": _code_hash(code, key),
        "answers": dict(feedback.answers),
        "about": dict(feedback.about),
        "text": text,
        "quote": "pending" if text and feedback.may_quote else "none",
    }
    with engine.begin() as connection:
        connection.execute(records.insert().values(**row))
    return code


def withdraw(engine: Engine, code: str, key: bytes) -> bool:
    """Delete the record this code was given for; True if there was one."""
    with engine.begin() as connection:
        gone = connection.execute(
            delete(records).where(records.c.withdrawal == _code_hash(code, key))
        ).rowcount
    _forget_deleted(engine)
    return bool(gone)


def purge(engine: Engine, keep_months: int, today: dt.date | None = None) -> int:
    """Delete records older than `keep_months` whole months; how many went."""
    today = today or dt.date.today()
    month_index = today.year * 12 + today.month - 1 - keep_months
    cutoff = f"{month_index // 12:04d}-{month_index % 12 + 1:02d}"
    with engine.begin() as connection:
        gone = connection.execute(delete(records).where(records.c.month < cutoff)).rowcount
    _forget_deleted(engine)
    return gone


def _forget_deleted(engine: Engine) -> None:
    """SQLite keeps a deleted row's old page in the WAL until a checkpoint: copy it back (where
    secure_delete has zeroed it) and truncate the WAL."""
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def all_records(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(select(records))]
