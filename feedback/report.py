"""What a lead may see of the feedback from their areas and months, with small numbers never
shown (feedback/suppress.py): the same figures feed the dashboard, the APIs, the CSV export and
the printed report, so a number hidden in one is hidden in all.

Every table of answers counts each respondent once (the skips are a row of their own), so its
rows add up to the number of respondents and secondary suppression can see every way a hidden
count could be worked out. Needs and themes can be chosen several at a time: they are never
added up, so only primary suppression applies to them. A view of fewer than k records shows
nothing at all, and a quote appears only in a view of at least k.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import case, select
from sqlalchemy.engine import Engine

from feedback import benchmarks, store
from feedback.questions import ABOUT, ANSWERS, NEEDS, QUESTIONS
from feedback.suppress import DEFAULT_K, Cell, count, one_way, percent, quote_allowed, view_allowed
from feedback.themes import THEMES

# Plain labels for answer codes; the questions' own wording is in bot/domain/feedback.yml.
QUESTION_TITLES = {
    "believed": "Felt believed when they told a service",
    "retold": "Had to tell their story more than once",
    "right_time": "Got the right support at the right time",
    "found": "How they first found help",
    "hours_24": "24-hour access mattered",
    "helped_today": "Lantern helped today",
    "knew_how_to_help": "Friends and family: know more about how to help safely",
    "would_contact": "Worried about own behaviour: would contact a service to change",
}
ANSWER_LABELS = {
    "yes": "Yes", "no": "No", "partly": "Partly", "not_told": "Had not told a service",
    "professional": "A professional told them", "myself": "Found it themselves",
    "friend_family": "A friend or family member", "a_bit": "A bit", "maybe": "Maybe",
}  # fmt: skip
NEED_LABELS = {
    "mental_health": "Mental health", "emotional": "Emotional support", "money": "Money",
    "legal": "Legal help", "protection": "Protection", "housing": "Housing",
    "children": "Children",
}  # fmt: skip
WRITER_LABELS = {
    "self": "Survivors", "other": "Friends and family",
    "own": "Worried about their own behaviour", "unsaid": "Did not say",
}  # fmt: skip
# The founding survey's figures read beside each question, with its own wording.
NATIONAL = {
    "believed": ("not_confident_believed",),
    "right_time": ("received_right_type_of_support", "not_right_support_at_right_time"),
    "found": (
        "how_found_services.referred_by_professional",
        "how_found_services.found_independently",
    ),
    "hours_24": ("twenty_four_hour_important",),
    "would_contact": ("wanted_help_for_person_who_harmed", "person_who_harmed_got_support"),
}  # fmt: skip
NATIONAL_NEEDS = {
    "mental_health": "needs.mental_health", "emotional": "needs.emotional_support",
    "money": "needs.financial", "legal": "needs.legal", "protection": "needs.protection",
    "housing": "needs.housing",
}  # fmt: skip
SKIPPED = "Skipped or not asked"


@dataclass(frozen=True)
class View:
    """Which records: a lead's areas (None: every area), and months "2026-01" to "2026-12"."""

    areas: frozenset[str] | None = None
    first: str | None = None
    last: str | None = None
    k: int = DEFAULT_K


@dataclass(frozen=True)
class Row:
    label: str
    cell: Cell
    percent: int | None  # of every respondent in the view, only when both counts are shown
    national: tuple[benchmarks.Figure, ...] = ()


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    rows: tuple[Row, ...]
    national: tuple[benchmarks.Figure, ...] = ()


@dataclass(frozen=True)
class Voice:
    label: str
    respondents: Cell
    percent: int | None
    estimated_percent: int
    under_represented: bool | None  # None when the count is hidden


@dataclass(frozen=True)
class Report:
    view: View
    n: Cell
    shown: bool  # False: fewer than k records, and nothing else is shown
    months: tuple[str, ...] = ()
    writers: Section | None = None
    questions: tuple[Section, ...] = ()
    needs: Section | None = None
    themes: Section | None = None
    trend: dict[str, list[int | None]] = field(default_factory=dict)  # theme -> by month
    trend_text: dict[str, list[str]] = field(default_factory=dict)
    voices: tuple[Voice, ...] = ()
    voices_source: str = ""
    quotes: tuple[str, ...] = ()
    national_source: str = ""


# What the figures read; never the withdrawal hash, and the words only for approved quotes.
_READ = ("month", "writer", "may_count", "may_quote", "answers", "about", "themes", "quote",
         "concern")  # fmt: skip


def records(engine: Engine, view: View) -> list[dict[str, Any]]:
    """The records in the view, oldest first."""
    columns = [store.records.c[name] for name in _READ]
    quoted = store.records.c.quote == "approved"
    words = [case((quoted, store.records.c.text)).label("text"),
             case((quoted, store.records.c.quote_text)).label("quote_text")]  # fmt: skip
    query = select(*columns, *words).where(store.in_areas(view.areas))
    if view.first:
        query = query.where(store.records.c.month >= view.first)
    if view.last:
        query = query.where(store.records.c.month <= view.last)
    with engine.connect() as connection:
        result = connection.execute(query.order_by(store.records.c.month))
        keys = list(result.keys())  # once: a mapping per row costs more than the counting
        return [dict(zip(keys, row, strict=True)) for row in result]


def _table(key: str, title: str, counts: Counter[str], n: int, k: int, labels: dict[str, str],
           national: tuple[benchmarks.Figure, ...] = ()) -> Section:  # fmt: skip
    order = [c for c in labels if c in counts or c in ANSWERS.get(key, ())]
    values = {labels[c]: counts.get(c, 0) for c in order}
    if key != "writer":  # who wrote is always known ("did not say" is an answer): no skip row
        values[SKIPPED] = n - sum(counts.values())
    table = one_way(values, n, k)
    whole = table.total or count(n, k)
    rows = tuple(Row(label, cell, percent(cell, whole)) for label, cell in table.cells.items())
    return Section(key, title, rows, national)


def build(engine: Engine, view: View, today: dt.date | None = None) -> Report:
    every = records(engine, view)
    counted = [r for r in every if r["may_count"]]
    n, k = len(counted), view.k
    n_cell = count(n, k)
    if not view_allowed(n, k):
        return Report(view, n_cell, shown=False)
    survey = benchmarks.national()

    def figures(keys: tuple[str, ...]) -> tuple[benchmarks.Figure, ...]:
        return tuple(survey.figure(key) for key in keys)

    writers = _table("writer", "Who gave feedback", Counter(r["writer"] for r in counted), n, k,
                     WRITER_LABELS)  # fmt: skip
    questions = []
    for question in dict.fromkeys(q for qs in QUESTIONS.values() for q in qs if q != "needs"):
        answers = Counter(r["answers"].get(question) for r in counted)
        answers.pop(None, None)
        labels = {c: ANSWER_LABELS.get(c, c) for c in ANSWERS[question]}
        questions.append(_table(question, QUESTION_TITLES[question], answers, n, k, labels,
                                figures(NATIONAL.get(question, ()))))  # fmt: skip
    # Several needs each: never added up, so each is a count of its own, of all respondents.
    need_counts = Counter(need for r in counted for need in r["answers"].get("needs") or ())
    needs_table = one_way({NEED_LABELS[c]: need_counts[c] for c in NEEDS}, n, k, additive=False)
    needs = Section("needs", "What they needed help with (several each)", tuple(
        Row(NEED_LABELS[c], needs_table.cells[NEED_LABELS[c]],
            percent(needs_table.cells[NEED_LABELS[c]], n_cell),
            figures((NATIONAL_NEEDS[c],)) if c in NATIONAL_NEEDS else ())
        for c in NEEDS
    ))  # fmt: skip
    # Themes, from the words of everyone whose words were counted.
    themed = [r for r in counted if r["themes"]]
    theme_counts = Counter(t for r in themed for t in r["themes"])
    theme_table = one_way({THEMES[t]: theme_counts[t] for t in THEMES}, n, k, additive=False)
    themes = Section("themes", "Themes in their own words (several each)", tuple(
        Row(label, cell, percent(cell, n_cell)) for label, cell in theme_table.cells.items()
    ))  # fmt: skip
    months = tuple(sorted({r["month"] for r in counted}))
    by_month = Counter((r["month"], t) for r in themed for t in r["themes"])
    trend: dict[str, list[int | None]] = {}
    trend_text: dict[str, list[str]] = {}
    for theme, label in THEMES.items():
        cells = [count(by_month[(m, theme)], k) for m in months]
        trend[label] = [c.shown for c in cells]
        trend_text[label] = [c.text for c in cells]
    voices, voices_source = _voices(counted, view, n, k)
    quotes = tuple(
        r["quote_text"] or r["text"]
        for r in every
        if r["quote"] == "approved" and r["may_quote"] and not r["concern"] and r["text"]
    ) if quote_allowed(n, k) else ()  # fmt: skip
    return Report(
        view, n_cell, True, months, writers, tuple(questions), needs, themes, trend, trend_text,
        voices, voices_source, quotes,
        f"{survey.source}: {survey.survey}, n={survey.n}. {survey.note}",
    )  # fmt: skip


def _voices(
    counted: list[dict[str, Any]], view: View, n: int, k: int
) -> tuple[tuple[Voice, ...], str]:
    """Respondents by group beside the area's estimates, where the view is one area that has
    them. Each group's count is a row of its question's table, so secondary suppression holds."""
    estimates = benchmarks.local_estimates()
    if view.areas is None or len(view.areas) != 1 or next(iter(view.areas)) not in estimates:
        return (), ""
    area = estimates[next(iter(view.areas))]
    abouts = [r["about"] for r in counted]
    # One table per question, with each group's answers as one row (the ethnic groups other
    # than White together): the rows add up, so secondary suppression sees every subtraction.
    tables = {}
    for question in ABOUT:
        merged = {c: g for g, rule in benchmarks.GROUPS.items() if rule.question == question
                  for c in rule.codes}  # fmt: skip
        answers = Counter(merged.get(a[question], a[question]) for a in abouts
                          if a.get(question) in ANSWERS[question])  # fmt: skip
        values = {row: answers.get(row, 0) for row in dict.fromkeys(
            merged.get(c, c) for c in ANSWERS[question])}  # fmt: skip
        values[SKIPPED] = n - sum(values.values())
        tables[question] = one_way(values, n, k)
    out = []
    whole = count(n, k)
    for share in benchmarks.missing_voices(abouts, area):
        question = benchmarks.GROUPS[share.group].question
        cell = tables[question].cells[share.group]
        out.append(Voice(
            share.label, cell, percent(cell, whole), round(share.estimated_share * 100),
            None if cell.suppressed else share.under_represented,
        ))  # fmt: skip
    return tuple(out), f"{area.source} ({area.period})"
