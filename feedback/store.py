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
    true,
)
from sqlalchemy.engine import Engine

from feedback.anonymise import anonymise
from feedback.themes import THEMES, themes
from reading.danger_lexicon import assess, serious, suicide_considered

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
CHANNELS = frozenset({"web", "sms"})
# A survivor, a friend or relative, someone worried about their own behaviour, or not said.
WRITERS = frozenset({"self", "other", "own", "unsaid"})
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
    # Review (migration 0002): themes read from the text, or as a lead corrected them.
    Column("themes", JSON),
    Column("to_confirm", JSON),  # themes read below their confidence floor
    Column("themes_by", String(8)),  # model | lead
    Column("concern", Boolean, nullable=False, default=False),  # safeguarding: never published
    Column("severity", String(8)),  # staff-only marker: low | medium | high
    Column("quote_text", Text),  # the quote as a lead edited it
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
        raise ValueError("channel must be web or sms, writer self, other, own or unsaid")
    if feedback.area is not None and not re.fullmatch(r"[EWSN][0-9]{8}", feedback.area):
        raise ValueError("area must be a council district code")
    code = new_code()
    given = feedback.text if feedback.text and feedback.text.strip() else None
    text = anonymise(given).text if given else None
    read = themes().read(text) if text else []
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
        "themes": [t.theme for t in read] if text else None,
        "to_confirm": [t.theme for t in read if t.to_confirm] if text else None,
        "themes_by": "model" if text else None,
        # Read in the person's own words, in memory: anonymising could hide what matters.
        "concern": bool(given and concern(given)),
    }
    with engine.begin() as connection:
        connection.execute(records.insert().values(**row))
    return code


def concern(text: str) -> bool:
    """Words that suggest a safeguarding concern: danger now, a serious risk or suicide. Such a
    quote is for staff to act on, never to publish."""
    return assess(text) is not None or bool(serious(text)) or suicide_considered(text)


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


DECISIONS = frozenset({"approved", "rejected"})
SEVERITIES = frozenset({"low", "medium", "high"})


def audit(engine: Engine, lead: str, action: str, record: str | None = None) -> None:
    """What a lead did, never what the record said: approved, edited, rejected, exported."""
    month = dt.date.today().strftime("%Y-%m")
    with engine.begin() as connection:
        connection.execute(
            lead_actions.insert().values(month=month, lead=lead, action=action, record=record)
        )


def in_areas(areas: frozenset[str] | None) -> Any:
    """The records a lead may see: those from their areas (None: every area, and none)."""
    return records.c.area.in_(sorted(areas)) if areas is not None else true()


def review_queue(engine: Engine, areas: frozenset[str] | None) -> list[dict[str, Any]]:
    """Quotes waiting for a lead, oldest month first."""
    query = (
        select(records)
        .where(records.c.quote == "pending", in_areas(areas))
        .order_by(records.c.month, records.c.id)
    )
    with engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(query)]


def review(
    engine: Engine,
    record: str,
    lead: str,
    areas: frozenset[str] | None,
    decision: str | None = None,
    quote_text: str | None = None,
    severity: str | None = None,
    themes: list[str] | None = None,
) -> bool:
    """A lead's decision on one record of their areas; False if there is no such record.
    A quote whose words suggest a safeguarding concern is never approved for publication."""
    if decision is not None and decision not in DECISIONS:
        raise ValueError("decision must be approved or rejected")
    if severity is not None and severity not in SEVERITIES:
        raise ValueError("severity must be low, medium or high")
    if themes is not None and not set(themes) <= set(THEMES):
        raise ValueError("unknown theme")
    where = (records.c.id == record, in_areas(areas))
    with engine.begin() as connection:
        row = connection.execute(select(records).where(*where)).first()
        if row is None:
            return False
        if decision == "approved" and (row.concern or not row.may_quote):
            raise ValueError("this quote may not be published")
        changes: dict[str, Any] = {}
        if decision:
            changes["quote"] = decision
        edited = quote_text is not None and quote_text != (row.quote_text or row.text)
        if edited:
            changes["quote_text"] = anonymise(quote_text or "").text  # an edit is anonymised too
        if severity is not None:
            changes["severity"] = severity
        if themes is not None:  # kept as the lead left them: confirmed, or corrected
            changes.update(themes=sorted(themes), to_confirm=[], themes_by="lead")
        if changes:
            connection.execute(records.update().where(*where).values(**changes))
    for action, done in (("edited", edited), (decision, decision is not None)):
        if done and action:
            audit(engine, lead, action, record)
    return True


def corrections(engine: Engine) -> list[tuple[str, frozenset[str]]]:
    """Texts whose themes a lead set: labelled examples for the next training."""
    query = select(records.c.text, records.c.themes).where(records.c.themes_by == "lead")
    with engine.connect() as connection:
        return [(r.text, frozenset(r.themes or ())) for r in connection.execute(query) if r.text]
