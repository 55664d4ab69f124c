"""The figures leads see (feedback/report.py, feedback/report_html.py): only their areas and
months, counts under k never shown in any output, secondary suppression in every table that
adds up, nothing at all for a view of fewer than k, quotes only when approved, never a
safeguarding concern, and only in a view of at least k."""

from __future__ import annotations

import re

import pytest

from feedback import report, report_html, store
from feedback.suppress import Cell, Table
from tests.feedback.seed import seed
from tests.feedback.test_suppress import one_way_grid, recovered_in_a_line

TELFORD, SHROPSHIRE = "E06000020", "E06000051"


@pytest.fixture
def db(tmp_path):
    engine = store.connect(store.sqlite_url(tmp_path / "feedback.db"))
    store.migrate(engine)
    yield engine
    engine.dispose()


def _every_cell(found: report.Report) -> list[Cell]:
    sections = [found.writers, *found.questions, found.needs, found.themes]
    return [r.cell for s in sections if s for r in s.rows] + [v.respondents for v in found.voices]


def test_a_view_of_fewer_than_k_people_shows_nothing(db):
    seed(db, 9)
    found = report.build(db, report.View(frozenset({TELFORD})))
    assert not found.shown and found.n.text == "<10"
    html = report_html.document(found, "t")
    assert "nothing is shown" in html and "%" not in re.sub(
        r"<style>.*</style>", "", html, flags=re.S
    )


def test_counts_under_k_never_appear_and_every_shown_count_is_at_least_k(db):
    seed(db, 40)
    found = report.build(db, report.View(frozenset({TELFORD})))
    assert found.shown and found.n.text == "40"
    cells = _every_cell(found)
    assert any(c.suppressed for c in cells) and any(not c.suppressed for c in cells)
    for cell in cells:
        assert cell.suppressed or cell.shown >= 10
        assert cell.text in ("<10", "[c]") if cell.suppressed else cell.text == str(cell.shown)


def test_no_hidden_count_can_be_worked_out_from_a_total(db):
    seed(db, 40)
    found = report.build(db, report.View(frozenset({TELFORD})))
    for section in [found.writers, *found.questions]:
        table = Table({r.label: r.cell for r in section.rows}, found.n)
        grid, lines = one_way_grid(table)
        assert recovered_in_a_line(grid, lines, 10) == [], section.title


def test_k_is_configurable_but_never_under_5(db):
    seed(db, 7)
    assert report.build(db, report.View(frozenset({TELFORD}), k=5)).shown
    with pytest.raises(ValueError):
        report.build(db, report.View(frozenset({TELFORD}), k=4))


def test_a_lead_sees_only_their_areas_and_months(db):
    seed(db, 30, area=TELFORD)
    seed(db, 20, area=SHROPSHIRE, month="2026-09")
    assert report.build(db, report.View(frozenset({TELFORD}))).n.text == "30"
    assert report.build(db, report.View(frozenset({SHROPSHIRE}))).n.text == "20"
    assert report.build(db, report.View(None)).n.text == "50"
    june = report.View(None, first="2026-06", last="2026-06")
    assert report.build(db, june).n.text == "30"


def test_quotes_only_approved_never_a_concern_and_only_in_a_view_of_k(db):
    seed(db, 12)
    seed(db, 1, text="he says he will kill me and he has a knife")
    for record in [r for r in store.review_queue(db, None) if not r["concern"]][:2]:
        store.review(db, record["id"], "lead", None, decision="approved")
    concern = next(r for r in store.review_queue(db, None) if r["concern"])
    with pytest.raises(ValueError):
        store.review(db, concern["id"], "lead", None, decision="approved")
    found = report.build(db, report.View(frozenset({TELFORD})))
    assert len(found.quotes) == 2 and not any("knife" in q for q in found.quotes)
    small = report.build(db, report.View(frozenset({TELFORD}), first="2026-07"))
    assert small.quotes == ()


def test_whose_voices_are_missing_beside_the_area_estimates(db):
    seed(db, 30, about={"gender": "woman", "ethnic": "white"})
    seed(db, 12, about={"gender": "man", "ethnic": "black"})
    seed(db, 5, about={"gender": "other"})
    found = report.build(db, report.View(frozenset({TELFORD})))
    voices = {v.label: v for v in found.voices}
    assert voices["Women"].respondents.text == "30" and voices["Women"].estimated_percent == 68
    assert voices["Men"].respondents.text == "12" and voices["Men"].percent == 26
    assert voices["Aged 60 and over"].respondents.text == "<10"
    assert voices["Aged 60 and over"].under_represented is None  # hidden: no flag to read from
    assert "Telford" in found.voices_source
    # No estimates set for a view of several areas: said, not invented.
    assert report.build(db, report.View(None)).voices == ()


def test_the_printed_report_has_its_sections_charts_and_notes(db):
    seed(db, 30)
    html = report_html.document(report.build(db, report.View(frozenset({TELFORD}))), "Voice")
    parts = (
        "people gave feedback",
        "What they needed",
        "Themes in their own words",
        "Whose voices are missing",
        "How this was made",
        "SafeLives",
        "<svg",
        "@media print",
    )
    for part in parts:
        assert part in html, part
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "").replace(
        "http://www.w3.org/1999/xlink", ""
    )
