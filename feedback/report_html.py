"""The "survivor voice" chapter as HTML: for a partnership board or a Domestic Abuse Act Part 4
needs assessment. Headline figures with their n, charts (SVG, drawn here), each answer beside
the founding survey, whose voices are missing, approved quotes, and how it was made.

Built from a feedback.report.Report, whose counts are already suppressed: nothing here can
show a number the report hid. Escaped with html.escape throughout; no template engine is
needed for one document. Served by the gateway with its stylesheet linked (the pages' security
policy forbids inline styles); written by `lantern report` with it inlined, as one file.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape
from pathlib import Path

from feedback.charts import bar_chart, line_chart
from feedback.report import Report, Section
from feedback.suppress import SECONDARY_TEXT

STYLESHEET = Path(__file__).resolve().parent / "templates" / "report.css"
TITLE = "Survivor voice: what people told us about help"
TREND_THEMES = 5  # the most often raised themes drawn by month


# Drawing a chart takes a tenth of a second or more; the same figures give the same SVG, so a
# dashboard reloaded after a review (its needs and themes unchanged) draws nothing again.
@lru_cache(maxsize=64)
def _bars(title: str, bars: tuple[tuple[str, int | None, str], ...]) -> str:
    return bar_chart(title, list(bars))


@lru_cache(maxsize=16)
def _lines(title: str, months: tuple[str, ...], series: tuple[tuple[str, tuple], ...]) -> str:
    return line_chart(title, list(months), {name: list(values) for name, values in series})


def _percent(value: int | None) -> str:
    return "" if value is None else f"{value}%"


def _table(section: Section, chart: bool = False) -> str:
    rows = "".join(
        f"<tr><td>{escape(r.label)}</td><td class=num>{escape(r.cell.text)}</td>"
        f"<td class=num>{_percent(r.percent)}</td></tr>"
        for r in section.rows
    )
    national = "".join(
        f'<p class="national">National survey: {f.percent}% {escape(f.wording)} '
        f"(base: {escape(f.base)}).</p>"
        for f in (*section.national, *(f for r in section.rows for f in r.national))
    )
    drawn = ""
    if chart:
        bars = tuple((r.label, r.cell.shown, r.cell.text) for r in section.rows)
        drawn = f'<div class="chart">{_bars(section.title, bars)}</div>'
    return (
        f"<h3>{escape(section.title)}</h3>{drawn}<table><thead><tr><th>Answer</th>"
        f"<th class=num>People</th><th class=num>Of all</th></tr></thead><tbody>{rows}"
        f"</tbody></table>{national}"
    )


def body(report: Report, title: str) -> str:
    """The report's content, to place in a page (the dashboard) or a document."""
    view, k = report.view, report.view.k
    period = f"from {view.first or 'the start'} to {view.last or 'now'}"
    areas = ", ".join(sorted(view.areas)) if view.areas is not None else "Every area"
    head = f"<h1>{escape(title)}</h1><p>{escape(areas)}, {escape(period)}.</p>"
    if not report.shown:
        return head + (
            f'<p class="nothing">Fewer than {k} people gave feedback in this view, so nothing '
            "is shown: with so few, someone could be recognised.</p>"
        )
    parts = [
        head,
        '<ul class="headline">',
        f"<li><strong>{escape(report.n.text)}</strong>people gave feedback</li>",
        f"<li><strong>{len(report.months)}</strong>months with feedback</li>",
        "</ul>",
    ]
    if report.writers:
        parts.append(_table(report.writers))
    parts.append("<h2>What they told us about services</h2>")
    parts += [_table(s) for s in report.questions]
    if report.needs:
        parts += ["<h2>What they needed</h2>", _table(report.needs, chart=True)]
    if report.themes:
        parts += ["<h2>Themes in their own words</h2>", _table(report.themes, chart=True)]
        top = sorted(report.themes.rows, key=lambda r: -(r.cell.shown or 0))[:TREND_THEMES]
        series = tuple((r.label, tuple(report.trend[r.label])) for r in top if r.cell.shown)
        if series and len(report.months) > 1:
            chart = _lines("The most raised themes by month", report.months, series)
            parts.append(f'<div class="chart">{chart}</div>')
    parts.append(_voices(report))
    parts.append("<h2>In their words</h2>")
    if report.quotes:
        parts += [f"<blockquote>{escape(q)}</blockquote>" for q in report.quotes]
    else:
        parts.append("<p>No quotes have been approved for this view yet.</p>")
    parts.append(_method(report))
    return "".join(parts)


def _voices(report: Report) -> str:
    if not report.voices:
        return (
            "<h2>Whose voices are missing</h2><p>No estimates of who is affected are set for this "
            "view. A partnership adds its area's figures to feedback/data/benchmarks/.</p>"
        )
    rows = []
    for v in report.voices:
        if v.under_represented is None:
            note = "Too few to show: a voice we are not hearing enough"
        else:
            note = "Under-represented" if v.under_represented else ""
        rows.append(
            f"<tr><td>{escape(v.label)}</td><td class=num>{escape(v.respondents.text)}</td>"
            f"<td class=num>{_percent(v.percent)}</td><td class=num>{v.estimated_percent}%</td>"
            f'<td class="flag">{escape(note)}</td></tr>'
        )
    return (
        "<h2>Whose voices are missing</h2><table><thead><tr><th>Group</th><th class=num>People"
        "</th><th class=num>Of all</th><th class=num>Area estimate</th><th></th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
        f'<p class="national">Area estimates: {escape(report.voices_source)}.</p>'
    )


def _method(report: Report) -> str:
    k = report.view.k
    return (
        '<h2>How this was made</h2><div class="notes">'
        "<p>People chose to give this feedback at the end of a conversation with Lantern, on the "
        "webchat or by text, after being told who keeps it and why. Each chose separately whether "
        "their answers may be counted and whether their words may be quoted. Any question could "
        "be skipped. Nothing links a record to a person or a conversation; dates are kept to the "
        "month. Names, places, numbers and other details are removed from their words before they "
        "are stored, and a person reads every quote before it is approved. Quotes that suggest "
        "someone may be at risk are never published.</p>"
        f"<p>Small numbers: any count under {k} is shown as &lt;{k}. Where a hidden count could "
        f"be worked out from a total, another count is hidden too, shown as "
        f"{escape(SECONDARY_TEXT)}. A percentage is shown only when both its counts are. "
        f"A view with fewer than {k} people shows nothing, and quotes appear only in views of at "
        f"least {k}. Needs and themes may be several per person, so they do not add up.</p>"
        "<p>Themes are read from people's words by a model trained on labelled examples; its "
        "agreement with people who labelled unseen examples is in the project's README, and "
        "leads confirm unsure themes in the review queue.</p>"
        f"<p>National figures: {escape(report.national_source)}</p></div>"
    )


def document(report: Report, title: str, stylesheet_url: str | None = None) -> str:
    """A whole HTML page: the stylesheet linked (served) or inlined (a file to share)."""
    if stylesheet_url:
        style = f'<link rel="stylesheet" href="{escape(stylesheet_url)}">'
    else:
        style = f"<style>{STYLESHEET.read_text()}</style>"
    return (
        '<!doctype html><html lang="en-GB"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="referrer" content="no-referrer"><title>{escape(title)}</title>{style}'
        f'</head><body><main class="report">{body(report, title)}</main></body></html>'
    )
