"""Small-number suppression (feedback/suppress.py): nothing under k is shown, and no hidden count
can be worked back from what is shown, whether by subtracting along one line, by combining
lines, or by trying every table that fits what is published."""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Mapping
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from feedback import suppress
from feedback.suppress import Cell, Table, TwoWayTable

TOTAL = "(total)"
Key = tuple[str, str]
Lines = list[tuple[list[Key], Key]]

# ---- What a reader can do with a published table ----------------------------------------------


def bounds(cell: Cell, k: int) -> tuple[float, float]:
    """What a published cell tells a reader about its count."""
    if cell.reason is None:
        assert cell.shown is not None and cell.text == str(cell.shown) and not cell.suppressed
        return cell.shown, cell.shown
    assert cell.shown is None and cell.suppressed
    if cell.reason == "primary":
        assert cell.text == f"<{k}"
        return 0, k - 1
    assert cell.text == "[c]"
    return k, math.inf  # "[c]" is withheld though at least k, or it would have been "<k"


def one_way_grid(table: Table) -> tuple[dict[Key, Cell], Lines]:
    assert table.total is not None
    grid = {(name, ""): cell for name, cell in table.cells.items()}
    return grid | {(TOTAL, ""): table.total}, [(list(grid), (TOTAL, ""))]


def two_way_grid(table: TwoWayTable) -> tuple[dict[Key, Cell], Lines]:
    """The table with its margins as one more row and column: every row and every column of it,
    margins included, is a line whose cells add up to its last."""
    rows, cols = list(table.cells), list(table.column_totals)
    grid = {(r, c): cell for r, row in table.cells.items() for c, cell in row.items()}
    grid |= {(r, TOTAL): cell for r, cell in table.row_totals.items()}
    grid |= {(TOTAL, c): cell for c, cell in table.column_totals.items()}
    grid[(TOTAL, TOTAL)] = table.total
    lines = [([(r, c) for c in cols], (r, TOTAL)) for r in [*rows, TOTAL]]
    lines += [([(r, c) for r in rows], (TOTAL, c)) for c in [*cols, TOTAL]]
    return grid, lines


def recovered_in_a_line(grid: dict[Key, Cell], lines: Lines, k: int) -> list[tuple[Key, float]]:
    """Hidden counts one line gives exactly: the shown total less the shown cells, and less what
    the marks say of the other hidden cells (two "<10" beside a hidden sum of 18 are both 9).
    Within one line this is exact: sums of whole-number ranges are whole-number ranges."""
    found = []
    for members, total in lines:
        known = {key: bounds(grid[key], k) for key in [*members, total]}
        for key in [*members, total]:
            if not grid[key].suppressed:
                continue
            others = [m for m in members if m != key]
            low, high = sum(known[m][0] for m in others), sum(known[m][1] for m in others)
            lo, hi = (
                (low, high) if key == total else (known[total][0] - high, known[total][1] - low)
            )
            lo, hi = max(lo, known[key][0]), min(hi, known[key][1])
            if lo == hi:
                found.append((key, lo))
    return found


def recovered_by_combining_lines(grid: dict[Key, Cell]) -> list[Key]:
    """Hidden counts that adding and subtracting lines gives exactly. In the table-with-margins
    each hidden cell joins its row to its column; a hidden cell is given exactly when it is a
    bridge, one that no other path of hidden cells joins (it lies on no cycle, which is what
    lets a cycle's cells move together while every line keeps its sum)."""
    hidden = [key for key, cell in grid.items() if cell.suppressed]

    def joined(start: str, goal: str, edges: list[Key]) -> bool:
        near: dict[str, list[str]] = {}
        for r, c in edges:
            near.setdefault("r" + r, []).append("c" + c)
            near.setdefault("c" + c, []).append("r" + r)
        seen, todo = {start}, deque([start])
        while todo:
            for nxt in near.get(todo.popleft(), []):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return goal in seen

    return [e for e in hidden if not joined("r" + e[0], "c" + e[1], [h for h in hidden if h != e])]


def readings(grid: dict[Key, Cell], truth: Mapping[str, Mapping[str, int]], k: int):
    """Every value each hidden cell could have, found by trying every table of whole numbers
    that matches what is published. Tries cells up to the largest true count plus k: a narrower
    search than a reader's, so two readings found here are two readings for a reader too."""
    rows, cols = list(truth), list(next(iter(truth.values())))
    cap = max(v for row in truth.values() for v in row.values()) + k
    axes = []
    for r in rows:
        for c in cols:
            cell = grid[(r, c)]
            if not cell.suppressed:
                axes.append(np.array([cell.shown]))
            else:
                ceilings = [grid[key].shown for key in [(r, TOTAL), (TOTAL, c), (TOTAL, TOTAL)]]
                axes.append(np.arange(min([cap, *(x for x in ceilings if x is not None)]) + 1))
    if math.prod(len(a) for a in axes) > 1_500_000:
        return None  # too many tables to try in a fast test
    mesh = np.meshgrid(*axes, indexing="ij", sparse=True)
    value = {
        (r, c): mesh[i * len(cols) + j] for i, r in enumerate(rows) for j, c in enumerate(cols)
    }
    for r in rows:
        value[(r, TOTAL)] = sum(value[(r, c)] for c in cols)
    for c in [*cols, TOTAL]:
        value[(TOTAL, c)] = sum(value[(r, c)] for r in rows)
    fits = np.ones(np.broadcast_shapes(*(a.shape for a in mesh)), dtype=bool)
    for key, cell in grid.items():
        lo, hi = bounds(cell, k)
        fits &= (value[key] >= lo) & (value[key] <= hi)
    assert fits.any(), "the truth itself must fit what is published"
    return {
        key: set(np.unique(np.broadcast_to(value[key], fits.shape)[fits]).tolist())
        for key, cell in grid.items()
        if cell.suppressed
    }


def primary_only(truth: Mapping[str, Mapping[str, int]], k: int = 10) -> TwoWayTable:
    """What a naive report would publish: each count suppressed on its own."""
    rows, cols = list(truth), list(next(iter(truth.values())))
    return TwoWayTable(
        {r: {c: suppress.count(truth[r][c], k) for c in cols} for r in rows},
        {r: suppress.count(sum(truth[r].values()), k) for r in rows},
        {c: suppress.count(sum(truth[r][c] for r in rows), k) for c in cols},
        suppress.count(sum(sum(row.values()) for row in truth.values()), k),
    )


# ---- Strategies -------------------------------------------------------------------------------

ks = st.sampled_from([5, 10, 11])
# Many small counts and counts either side of k, so that suppression has work to do.
counts = st.one_of(
    st.sampled_from([0, 0, 1, 4, 5, 6, 9, 10, 11]), st.integers(0, 12), st.integers(0, 60)
)


@st.composite
def tables(draw, max_rows: int = 4, max_cols: int = 4, values=counts):
    n_rows, n_cols = draw(st.integers(1, max_rows)), draw(st.integers(1, max_cols))
    return {f"r{i}": {f"c{j}": draw(values) for j in range(n_cols)} for i in range(n_rows)}


categories = st.dictionaries(st.sampled_from("abcdefg"), counts, min_size=1, max_size=6)
fast = settings(max_examples=60, deadline=None)

# ---- Primary suppression, k, percentages, views -----------------------------------------------


@pytest.mark.parametrize(
    ("value", "k", "text"),
    [(0, 10, "<10"), (1, 10, "<10"), (9, 10, "<10"), (10, 10, "10"), (37, 10, "37")]
    + [(0, 5, "<5"), (4, 5, "<5"), (5, 5, "5"), (11, 12, "<12")],
)
def test_counts_under_k_are_shown_as_under_k_and_zero_too(value, k, text):
    cell = suppress.count(value, k)
    assert cell.text == text
    assert cell.suppressed == (value < k)
    assert cell.shown == (None if value < k else value)
    assert cell.reason == ("primary" if value < k else None)


@pytest.mark.parametrize("k", [4, 1, 0, -10])
def test_k_below_five_is_refused(k):
    with pytest.raises(ValueError, match="never below 5"):
        suppress.count(20, k)
    with pytest.raises(ValueError, match="never below 5"):
        suppress.one_way({"a": 20}, 20, k=k)
    with pytest.raises(ValueError, match="never below 5"):
        suppress.two_way({"r": {"c": 20}}, k=k)
    with pytest.raises(ValueError, match="never below 5"):
        suppress.view_allowed(20, k)
    with pytest.raises(ValueError, match="never below 5"):
        suppress.quote_allowed(20, k)


def test_k_of_five_works():
    table = suppress.one_way({"a": 4, "b": 5, "c": 6}, 15, k=5)
    assert [c.text for c in table.cells.values()] == ["<5", "[c]", "6"]
    assert table.total == Cell(15, "15", False, None)


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="negative"):
        suppress.one_way({"a": -1, "b": 20}, 19)
    with pytest.raises(ValueError, match="add up to 50, not 60"):
        suppress.one_way({"a": 20, "b": 30}, 60)
    with pytest.raises(ValueError, match="same columns"):
        suppress.two_way({"r1": {"x": 20, "y": 30}, "r2": {"x": 20}})


def test_percentages_are_whole_numbers_rounded_half_up():
    assert suppress.percent(suppress.count(10), suppress.count(80)) == 13  # 12.5
    assert suppress.percent(suppress.count(50), suppress.count(400)) == 13  # round() gives 12
    assert suppress.percent(suppress.count(20), suppress.count(30)) == 67
    assert suppress.percent(suppress.count(30), suppress.count(30)) == 100


@given(categories, ks)
@fast
def test_percentages_never_appear_beside_a_hidden_count(counts, k):
    table = suppress.one_way(counts, sum(counts.values()), k)
    assert table.total is not None
    for name, cell in table.cells.items():
        shown = suppress.percent(cell, table.total)
        if cell.suppressed or table.total.suppressed:
            assert shown is None
        else:
            exact = Fraction(100 * counts[name], sum(counts.values()))
            assert shown == math.floor(exact + Fraction(1, 2))


@pytest.mark.parametrize(("base", "k", "allowed"), [(0, 10, False), (9, 10, False), (10, 10, True)])
def test_a_view_or_quote_needs_k_records(base, k, allowed):
    assert suppress.view_allowed(base, k) is allowed
    assert suppress.quote_allowed(base, k) is allowed


def test_a_view_follows_the_k_it_is_given():
    assert suppress.view_allowed(5, 5) and not suppress.quote_allowed(4, 5)
    assert suppress.view_allowed(12) and not suppress.view_allowed(12, k=13)


# ---- Secondary suppression: examples a naive report would give away --------------------------


def test_one_hidden_count_beside_a_total_is_given_away_unless_another_is_hidden():
    naive = Table(
        {n: suppress.count(v) for n, v in {"a": 3, "b": 20, "c": 30}.items()}, suppress.count(53)
    )
    assert recovered_in_a_line(*one_way_grid(naive), 10) == [(("a", ""), 3)]  # 53 - 20 - 30

    table = suppress.one_way({"a": 3, "b": 20, "c": 30}, 53)
    assert [c.text for c in table.cells.values()] == ["<10", "[c]", "30"]
    assert [c.reason for c in table.cells.values()] == ["primary", "secondary", None]
    assert table.total == Cell(53, "53", False, None)
    assert recovered_in_a_line(*one_way_grid(table), 10) == []


@pytest.mark.parametrize(
    ("counts", "withheld", "texts"),
    [
        # Two "<10" hiding 18 between them: both are 9.
        ({"a": 9, "b": 9, "c": 50}, [], ["<10", "<10", "[c]"]),
        # Two "<10" hiding 0 between them: both are 0.
        ({"a": 0, "b": 0, "c": 25, "d": 40}, [], ["<10", "<10", "[c]", "40"]),
        # "<10" and "[c]" hiding 10: the "[c]" is at least 10, so they are 0 and 10.
        ({"a": 0, "b": 10, "c": 25}, ["b"], ["<10", "[c]", "[c]"]),
    ],
)
def test_two_hidden_counts_can_still_be_given_away_by_what_their_marks_say(counts, withheld, texts):
    total = sum(counts.values())
    naive = {n: suppress.count(v) for n, v in counts.items()}
    naive |= {n: Cell(None, "[c]", True, "secondary") for n in withheld}
    # Each line hides two or more, so subtraction alone would pass it; the marks give it away.
    assert sum(c.suppressed for c in naive.values()) >= 2
    assert recovered_in_a_line(*one_way_grid(Table(naive, suppress.count(total))), 10)

    table = suppress.one_way(counts, total)
    assert [c.text for c in table.cells.values()] == texts
    assert recovered_in_a_line(*one_way_grid(table), 10) == []


def test_equal_counts_are_withheld_in_table_order_and_totals_last():
    table = suppress.one_way({"a": 2, "b": 15, "c": 15, "d": 40}, 72)
    assert [c.text for c in table.cells.values()] == ["<10", "[c]", "15", "40"]
    # Both categories hidden, the total still gives them ("[c]" is at least 10, so 10 = 0 + 10):
    # the total goes too.
    table = suppress.one_way({"a": 0, "b": 10}, 10)
    assert [c.text for c in [*table.cells.values(), table.total]] == ["<10", "[c]", "[c]"]


def test_a_two_way_table_hides_a_rectangle_not_a_single_cell():
    truth = {"A": {"x": 3, "y": 20, "z": 30}, "B": {"x": 15, "y": 25, "z": 40}}
    naive = primary_only(truth)
    assert recovered_in_a_line(*two_way_grid(naive), 10) == [(("A", "x"), 3), (("A", "x"), 3)]

    table = suppress.two_way(truth)
    # (A,x) alone would be 53-20-30; hiding (B,x) exposes row B, hiding (A,y) exposes column y:
    # it settles once the four corners of a rectangle are hidden.
    assert {r: [c.text for c in row.values()] for r, row in table.cells.items()} == {
        "A": ["<10", "[c]", "30"],
        "B": ["[c]", "[c]", "40"],
    }
    assert [c.text for c in table.row_totals.values()] == ["53", "80"]
    assert [c.text for c in table.column_totals.values()] == ["18", "45", "70"]
    assert table.total.text == "133"
    grid, lines = two_way_grid(table)
    assert recovered_in_a_line(grid, lines, 10) == []
    assert recovered_by_combining_lines(grid) == []
    assert all(len(v) > 1 for v in readings(grid, truth, 10).values())


def test_a_total_under_k_is_hidden():
    table = suppress.one_way({"a": 3, "b": 4}, 7)
    assert [c.text for c in [*table.cells.values(), table.total]] == ["<10", "<10", "<10"]
    table = suppress.two_way({"A": {"x": 2, "y": 3}, "B": {"x": 1, "y": 0}})
    assert table.total.reason == "primary"
    assert all(c.text == "<10" for c in [*table.row_totals.values(), *table.column_totals.values()])


def test_multi_select_categories_get_primary_suppression_only():
    needs = {"housing": 30, "money": 25, "legal": 4, "children": 12}
    table = suppress.one_way(needs, 40, additive=False)  # one person may pick several needs
    assert [c.text for c in table.cells.values()] == ["30", "25", "<10", "12"]
    assert table.total == Cell(40, "40", False, None)
    assert suppress.one_way({"a": 4, "b": 30}, None).cells["b"].text == "30"  # no total shown


# ---- Properties over random tables ------------------------------------------------------------


def check_cells(cells: list[tuple[int, Cell]], k: int) -> None:
    for value, cell in cells:
        bounds(cell, k)  # the text matches the mark
        if cell.suppressed:
            # "<k" only for counts under k; "[c]" only for counts of k or more
            assert (value < k) == (cell.reason == "primary")
        else:
            assert cell.shown == value >= k


@given(categories, ks, st.booleans())
@fast
def test_one_way_tables_show_nothing_under_k_and_give_nothing_away(counts, k, additive):
    total = sum(counts.values()) + (0 if additive else 7)
    table = suppress.one_way(counts, total, k, additive)
    assert table.total is not None
    check_cells([(counts[n], c) for n, c in table.cells.items()] + [(total, table.total)], k)
    if additive:
        assert recovered_in_a_line(*one_way_grid(table), k) == []
    else:
        assert all(c.reason != "secondary" for c in [*table.cells.values(), table.total])


@given(tables(), ks)
@fast
def test_two_way_tables_show_nothing_under_k_and_give_nothing_away(truth, k):
    table = suppress.two_way(truth, k)
    rows, cols = list(truth), list(truth["r0"])
    check_cells([(truth[r][c], table.cells[r][c]) for r in rows for c in cols], k)
    check_cells([(sum(truth[r].values()), table.row_totals[r]) for r in rows], k)
    check_cells([(sum(truth[r][c] for r in rows), table.column_totals[c]) for c in cols], k)
    check_cells([(sum(sum(row.values()) for row in truth.values()), table.total)], k)
    grid, lines = two_way_grid(table)
    assert recovered_in_a_line(grid, lines, k) == []
    assert recovered_by_combining_lines(grid) == []


@given(tables(max_rows=2, max_cols=3, values=st.integers(0, 14)), st.sampled_from([5, 6]))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
def test_no_table_that_fits_what_is_published_pins_a_hidden_count(truth, k):
    grid, _ = two_way_grid(suppress.two_way(truth, k))
    found = readings(grid, truth, k)
    assume(found is not None)
    for key, values in found.items():
        assert len(values) > 1, (key, values)


def test_the_checks_catch_what_a_naive_report_gives_away():
    truth = {"A": {"x": 3, "y": 20}, "B": {"x": 15, "y": 25}}
    grid, lines = two_way_grid(primary_only(truth))
    assert recovered_in_a_line(grid, lines, 10)
    assert recovered_by_combining_lines(grid) == [("A", "x")]
    assert readings(grid, truth, 10)[("A", "x")] == {3}
    # Two blocks of hidden cells joined by one: each line hides two, yet the joint is given by
    # adding rows A and B and taking away columns x and y.
    truth = {r: {c: 20 for c in "wxyz"} for r in "ABCD"}
    hidden = {("A", "x"), ("A", "w"), ("B", "x"), ("B", "w"), ("C", "y"), ("C", "z")}
    hidden |= {("D", "y"), ("D", "z"), ("A", "y")}
    cut = TwoWayTable(
        {
            r: {
                c: Cell(None, "[c]", True, "secondary") if (r, c) in hidden else suppress.count(20)
                for c in "wxyz"
            }
            for r in "ABCD"
        },
        {r: suppress.count(80) for r in "ABCD"},
        {c: suppress.count(80) for c in "wxyz"},
        suppress.count(320),
    )
    grid, lines = two_way_grid(cut)
    assert recovered_in_a_line(grid, lines, 10) == []
    assert recovered_by_combining_lines(grid) == [("A", "y")]


def test_a_cell_joining_two_hidden_blocks_is_hidden_too(monkeypatch):
    """Found by a random search: suppressing line by line leaves (r1, c0) joining two closed
    blocks of hidden cells, given exactly by combining lines though every line hides two."""
    truth = {
        "r0": {"c0": 11, "c1": 7, "c2": 44, "c3": 13},
        "r1": {"c0": 12, "c1": 38, "c2": 2, "c3": 3},
        "r2": {"c0": 16, "c1": 63, "c2": 1, "c3": 12},
        "r3": {"c0": 12, "c1": 2, "c2": 12, "c3": 74},
    }
    grid, lines = two_way_grid(suppress.two_way(truth, k=5))
    assert recovered_in_a_line(grid, lines, 5) == []
    assert recovered_by_combining_lines(grid) == []

    monkeypatch.setattr(suppress, "_determined", lambda reasons, lines: set())
    grid, lines = two_way_grid(suppress.two_way(truth, k=5))
    assert recovered_in_a_line(grid, lines, 5) == []
    assert recovered_by_combining_lines(grid) == [("r1", "c0")]
