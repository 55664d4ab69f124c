"""Feedback charts as inline SVG for the service leads' dashboard and printable report: drawn on
the server with matplotlib's object API (no pyplot state, no display), with nothing fetched from
anywhere. A count withheld by suppression (feedback/suppress.py) arrives as None and is never
drawn to scale. `width_px` is the width a chart is laid out for; it scales to its container."""

from __future__ import annotations

import hashlib
import html
import io
import math
import re
import textwrap
import threading
from typing import Any

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

# Okabe-Ito colours, told apart with any colour vision, keeping those with 3:1 contrast on white
# (WCAG 1.4.11). Lines also differ by marker and dash, so colour is never the only cue.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000")
MARKERS = ("o", "s", "^", "D", "v")
DASHES: tuple[Any, ...] = ("-", "--", "-.", ":", (0, (6, 2, 1, 2, 1, 2)))
# rcParams are process-wide: two charts drawn at once could each restore the other's settings.
_LOCK = threading.Lock()
# The "font" shorthand as matplotlib writes it for the fonts set here: [weight] size family.
_FONT = re.compile(r"(?:(?P<font_weight>\d+) )?(?P<font_size>\S+) (?P<font_family>.+)")


def _settings(*key: object) -> dict[str, Any]:
    return {
        "svg.fonttype": "none",  # real text: selectable, searchable, read aloud, small
        # Ids hashed from the input: the same bytes each time, no clash between charts in a page.
        "svg.hashsalt": hashlib.sha256(repr(key).encode()).hexdigest(),
        "font.family": "sans-serif",
        "font.sans-serif": ["DejaVu Sans"],  # ships with matplotlib; falls back to sans-serif
        "text.parse_math": False,  # "$5 or $10" in a label is text, not mathtext
    }


def _wrap(text: str, width: int) -> str:  # wrapped, never truncated: every word stays readable
    return "\n".join(textwrap.wrap(text, max(width, 8))) or text


def _attributes(style: str) -> str:
    """Matplotlib styles every element inline, which the dashboard's CSP (style-src 'self',
    api/security.py) blocks; presentation attributes draw the same and are not styles."""
    attrs: dict[str, str | None] = {}
    for part in style.split(";"):
        name, _, value = (s.strip() for s in part.partition(":"))
        font = _FONT.fullmatch(value) if name == "font" else None
        if font:
            attrs.update((k.replace("_", "-"), v) for k, v in font.groupdict().items())
        elif name:
            attrs[name] = value
    return "".join(f' {k}="{html.escape(v)}"' for k, v in attrs.items() if v)


def _svg(fig: Figure, title: str, desc: str) -> str:
    out = io.StringIO()
    fig.savefig(out, format="svg", metadata={"Date": None}, bbox_inches="tight", pad_inches=0.1)
    svg = out.getvalue()
    svg = svg[svg.index("<svg") :]  # no XML declaration or DOCTYPE inside HTML
    # The metadata names matplotlib's and Dublin Core's web addresses; a <style> in inline SVG
    # would apply to the whole page (its rule is set on the root below instead).
    svg = re.sub(r"<!--.*?-->|<metadata>.*?</metadata>|<style.*?</style>", "", svg, flags=re.S)
    # Ids like "figure_1" repeat in every chart, so would clash in a page of several.
    used = set(re.findall(r'(?:url\(#|href="#)([^)"]+)', svg))

    def tidy(tag: re.Match[str]) -> str:  # tags only: a label reading 'id="x"' stays as it is
        styled = re.sub(r' style="([^"]*)"', lambda m: _attributes(m[1]), tag[0])
        return re.sub(r' id="([^"]*)"', lambda m: m[0] if m[1] in used else "", styled)

    svg = re.sub(r"<[^>]+>", tidy, svg)  # text is escaped, so "<" only ever opens a tag
    root, body = svg.split(">", 1)
    box = re.findall(r'viewBox="[^"]*"', root)[0]
    name = html.escape(title)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
        f' version="1.1" width="100%" {box} role="img" aria-label="{name}"'
        f' stroke-linejoin="round" stroke-linecap="butt"><title>{name}</title>'
        f"<desc>{html.escape(desc)}</desc>{body}"
    )


def bar_chart(title: str, bars: list[tuple[str, int | None, str]], *, width_px: int = 640) -> str:
    """Horizontal bars, first on top, each with its text (a count, "<10" or "[c]") at its end."""
    labels = [_wrap(label, width_px // 20) for label, _, _ in bars]
    lines = max((label.count("\n") + 1 for label in labels), default=1)
    with _LOCK, matplotlib.rc_context(_settings("bar", title, bars, width_px)):
        fig = Figure(figsize=(width_px / 100, 0.9 + len(bars) * (0.17 * lines + 0.15)), dpi=100)
        ax = fig.add_subplot()
        # A withheld count gets no bar at all: a bar of any length would hint at its size.
        shown = [(y, value) for y, (_, value, _) in enumerate(bars) if value is not None]
        ax.barh([y for y, _ in shown], [v for _, v in shown], height=0.6, color=PALETTE[0])
        top = max((v for _, v in shown), default=0) or 1
        for y, (_, value, text) in enumerate(bars):
            ax.text((value or 0) + top * 0.01, y, text, va="center")
        ax.set_xlim(0, top * 1.15)  # room for the longest bar's text
        ax.set_ylim(max(len(bars), 1) - 0.5, -0.5)  # first bar on top
        ax.set_yticks(range(len(bars)), labels)
        ax.tick_params(axis="y", length=0)
        # Every bar carries its own figure, so a scale would only repeat them.
        ax.xaxis.set_visible(False)
        ax.spines[["top", "right", "bottom"]].set_visible(False)
        ax.set_title(_wrap(title, width_px // 9), loc="left", fontweight="bold")
        return _svg(fig, title, "; ".join(f"{label}: {text}" for label, _, text in bars))


def line_chart(
    title: str, months: list[str], series: dict[str, list[int | None]], *, width_px: int = 640
) -> str:
    """One line per series over the months ("2026-01", ...); a None is a gap in its line."""
    # Read aloud with the chart; strict, so a series longer or shorter than months is an error.
    told = {
        n: [f"{m} {'not shown' if v is None else v}" for m, v in zip(months, vs, strict=True)]
        for n, vs in series.items()
    }
    with _LOCK, matplotlib.rc_context(_settings("line", title, months, series, width_px)):
        fig = Figure(figsize=(width_px / 100, 3.6), dpi=100, layout="constrained")
        ax = fig.add_subplot()
        xs = list(range(len(months)))
        for i, (name, values) in enumerate(series.items()):
            # NaN, not zero: matplotlib lifts the pen there, so a withheld month is a gap with
            # nothing joined across it. Markers show a month that has no neighbours.
            ys = [math.nan if v is None else v for v in values]
            style = {"color": PALETTE[i % 5], "marker": MARKERS[i % 5], "ls": DASHES[i % 5]}
            ax.plot(xs, ys, label=_wrap(name, 32), linewidth=2, **style)
        # "2026-01" needs about 60 px: label every nth month so none overlap on a narrow chart.
        step = max(1, math.ceil(len(months) * 60 / max(width_px - 100, 60)))
        ax.set_xticks(xs[::step], months[::step])
        ax.set_xticks(xs, minor=True)
        top = max((v for values in series.values() for v in values if v is not None), default=0)
        # From zero, so a small change does not look large; a zero month's marker shows whole.
        ax.set_ylim(-0.05 * max(top, 1), max(top, 1) * 1.1)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.spines[["top", "right"]].set_visible(False)
        ax.grid(axis="y", color="#D9D9D9")
        ax.set_title(_wrap(title, width_px // 9), loc="left", fontweight="bold")
        if series:
            columns = min(len(series), max(1, width_px // 220))
            fig.legend(loc="outside lower center", ncols=columns, frameon=False)
        return _svg(fig, title, "; ".join(f"{n}: {', '.join(p)}" for n, p in told.items()))
