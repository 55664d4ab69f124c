"""Feedback charts (feedback/charts.py): inline SVG that parses, says what it shows, fetches
nothing, never draws a withheld count, and is the same bytes for the same input."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor

import pytest

from feedback.charts import PALETTE, bar_chart, line_chart

NS = "{http://www.w3.org/2000/svg}"
NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}
MONTHS = ["2025-11", "2025-12", "2026-01", "2026-02", "2026-03"]
BARS = [
    ("Someone worried about their own behaviour", 37, "37"),
    ("A friend or family member", None, "<10"),
    ("Someone who has been hurt", 120, "120"),
    ("A professional", None, "[c]"),
]
SERIES: dict[str, list[int | None]] = {"Helpful": [12, 15, None, 18, 20], "Not sure": [11] * 5}


def charts() -> list[str]:
    # The fixture below draws these once for the module: a chart takes a tenth of a second.
    return [
        bar_chart("Who got in touch", BARS),
        line_chart("Feedback by month", MONTHS, SERIES),
        bar_chart("Nothing shown", [("Everyone", None, "<10")], width_px=320),
        bar_chart("No rows", []),
        line_chart("No months", [], {}),
    ]


def texts(svg: str) -> str:
    """Every piece of drawn text, in order; a wrapped label's lines are consecutive."""
    return " ".join(t.text or "" for t in ET.fromstring(svg).iter(f"{NS}text"))


@pytest.fixture(scope="module")
def drawn() -> list[str]:
    return charts()


def paths(svg: str, colour: str, attribute: str) -> list[ET.Element]:
    return [
        p
        for p in ET.fromstring(svg).iter(f"{NS}path")
        if p.get(attribute, "").lower() == colour.lower()
    ]


def series_line(svg: str) -> str:
    """The first series' line, clipped to the plot (its legend sample is not)."""
    [line] = [p for p in paths(svg, PALETTE[0], "stroke") if p.get("clip-path")]
    assert line.get("fill") == "none"
    return line.get("d", "")


def markers(svg: str) -> int:
    return sum(u.get("fill") == PALETTE[0].lower() for u in ET.fromstring(svg).iter(f"{NS}use"))


@pytest.mark.parametrize("which", range(5))
def test_each_chart_is_accessible_inline_svg(drawn, which):
    svg = drawn[which]
    assert svg.startswith("<svg ") and svg.rstrip().endswith("</svg>")
    assert "<?xml" not in svg and "<!DOCTYPE" not in svg and "<!--" not in svg
    root = ET.fromstring(svg)
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img" and root.get("aria-label")
    assert root[0].tag == f"{NS}title" and root[0].text == root.get("aria-label")
    # Scales to its container, down to a 320 px phone, keeping its proportions.
    assert root.get("width") == "100%" and root.get("height") is None
    assert re.fullmatch(r"0 0 [\d.]+ [\d.]+", root.get("viewBox", ""))


@pytest.mark.parametrize("which", range(5))
def test_nothing_is_fetched_or_blocked(drawn, which):
    svg = drawn[which]
    assert set(re.findall(r"https?://[^\s\"'<>)]*", svg)) <= NAMESPACES
    assert "@import" not in svg and "url(http" not in svg and "@font-face" not in svg
    root = ET.fromstring(svg)
    hrefs = [v for e in root.iter() for k, v in e.attrib.items() if k.endswith("href")]
    assert all(h.startswith("#") for h in hrefs)
    # The dashboard's CSP (style-src 'self') would drop inline styles, and a <style> in inline
    # SVG would restyle the whole page: everything is presentation attributes instead.
    assert not [e for e in root.iter() if "style" in e.attrib or e.tag == f"{NS}style"]
    assert "Date" not in svg and "matplotlib" not in svg.lower()


def test_bar_chart_shows_its_title_every_label_and_every_value_text():
    drawn = texts(bar_chart("Who got in touch", BARS))
    assert "Who got in touch" in drawn
    for label, _, text in BARS:
        assert label in drawn and text in drawn


def test_a_withheld_count_has_no_bar():
    svg = bar_chart("Contacts", [("a", 50, "50"), ("b", None, "<10")])
    assert len(paths(svg, PALETTE[0], "fill")) == 1
    assert "<pattern" not in svg  # not even a placeholder of some length
    assert "<10" in texts(svg)
    # The withheld bar's text sits where a zero's would: its place says nothing of the count.
    zero = bar_chart("Contacts", [("a", 50, "50"), ("b", 0, "<10")])
    spot = re.compile(r"<text [^>]*>&lt;10</text>")
    assert spot.findall(svg) == spot.findall(zero)
    assert len(paths(bar_chart("All hidden", [("a", None, "<10")]), PALETTE[0], "fill")) == 0


def test_the_same_input_gives_the_same_bytes_and_different_charts_different_ids(drawn):
    assert charts() == drawn
    # Several charts inline in one page must not point at each other's clip paths or markers.
    ids = [set(re.findall(r' id="([^"]+)"', svg)) for svg in drawn[:2]]
    assert ids[0] and ids[1] and not ids[0] & ids[1]


def test_charts_drawn_at_once_on_threads_are_the_same_as_drawn_alone(drawn):
    with ThreadPoolExecutor(2) as pool:
        together = list(pool.map(lambda _: charts()[:2], range(2)))
    assert all(run == drawn[:2] for run in together)


def test_a_withheld_month_is_a_gap_in_the_line_not_a_zero():
    svg = line_chart("Contacts", MONTHS, {"Contacts": [3, 4, None, 6, 7]})
    # The pen lifts at the gap: two runs of two months, nothing drawn from 4 to 6 or down to 0.
    assert re.findall(r"[A-Za-z]", series_line(svg)) == ["M", "L", "M", "L"]
    assert markers(svg) == 4 + 1  # four months and the legend's sample


def test_a_month_alone_between_gaps_is_a_marker_not_a_line():
    svg = line_chart("Contacts", MONTHS, {"Contacts": [3, None, 5, None, 7]})
    assert re.findall(r"[A-Za-z]", series_line(svg)) == ["M", "M", "M"]
    assert markers(svg) == 3 + 1


def test_line_chart_shows_its_title_and_every_series():
    drawn = texts(line_chart("Feedback by month", MONTHS, SERIES))
    assert "Feedback by month" in drawn and all(name in drawn for name in SERIES)
    assert MONTHS[0] in drawn and MONTHS[-1] in drawn


def test_a_series_of_the_wrong_length_is_refused():
    with pytest.raises(ValueError):
        line_chart("Contacts", MONTHS, {"Contacts": [1, 2]})


def test_markup_in_titles_and_labels_is_escaped_text():
    nasty = "Tom & Jerry <script>go(\"x\")</script> 'quoted' $5 and $10"
    for svg in (
        bar_chart(nasty, [(nasty, 12, "12"), ("b", None, "<10")]),
        line_chart(nasty, MONTHS, {nasty: [1, 2, 3, 4, 5]}),
    ):
        assert "<script" not in svg and "&lt;script&gt;" in svg
        root = ET.fromstring(svg)
        assert root.get("aria-label") == nasty and root[0].text == nasty
        # Every character drawn as given (the label wrapped over lines), dollars included: not
        # taken for mathtext.
        assert texts(svg).count(nasty) == 2


def test_a_label_that_looks_like_markup_attributes_is_drawn_as_written():
    label = 'id="x" style="fill: red"'
    svg = bar_chart("T", [(label, 1, "1")])
    assert label in texts(svg) and ET.fromstring(svg).find(f".//{NS}text[@fill='red']") is None


def test_long_labels_wrap_to_fit_a_narrow_chart_without_losing_words():
    label = "Someone worried about their own behaviour towards a partner or ex-partner"
    svg = bar_chart("T", [(label, 5, "5")], width_px=320)
    drawn = [t.text or "" for t in ET.fromstring(svg).iter(f"{NS}text")]
    assert max(len(line) for line in drawn) < len(label) / 2
    # Wrapped at spaces and after hyphens ("ex-" / "partner"), every character there in order.
    assert "".join(label.split()) in "".join("".join(drawn).split())
