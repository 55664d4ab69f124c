"""Where the action server keeps feedback: the one database the settings name, and the key that
hashes withdrawal codes. The form's answers become a feedback.store.Feedback here."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy.engine import Engine

from feedback import store
from feedback.questions import ABOUT, QUESTIONS, SKIP, WRITERS_UNSAID
from lantern.settings import get_settings


@lru_cache
def engine() -> Engine:
    return store.connect(get_settings().effective_database_url)


def key() -> bytes:
    return get_settings().secret("feedback_key").encode()


def as_feedback(channel: str, answers: dict[str, Any], area: str | None, text: str | None):
    """The record for these answers: only the questions this writer was asked, skips left out,
    and the questions about the person only under `about`."""
    writer = answers.get("writer")
    writer = writer if writer in QUESTIONS else WRITERS_UNSAID
    may_count = answers.get("may_count") == "yes"
    asked: dict[str, Any] = {}
    if may_count:
        for question in QUESTIONS.get(writer, ("helped_today",)):
            if question == "needs":
                chosen = [n for n in (answers.get("chosen_needs") or "").split(",") if n]
                if answers.get("needs") != SKIP and chosen:
                    asked["needs"] = chosen
            elif answers.get(question) not in (None, SKIP):
                asked[question] = answers[question]
    about = {q: answers[q] for q in ABOUT if may_count and answers.get(q) not in (None, SKIP)}
    return store.Feedback(
        channel=channel,
        writer=writer,
        may_count=may_count,
        may_quote=answers.get("may_quote") == "yes",
        answers=asked,
        about=about,
        area=area if may_count else None,
        text=text,
    )


def save_feedback(channel: str, answers: dict[str, Any], area: str | None, text: str | None) -> str:
    """Anonymise, write and commit; the withdrawal code, only once it is on disk, in two halves
    (ABCD-2345) to read and type."""
    code = store.save(engine(), as_feedback(channel, answers, area, text), key())
    return f"{code[:4]}-{code[4:]}"
