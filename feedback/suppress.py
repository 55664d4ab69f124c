"""Small-number suppression for feedback reports, so nobody can be recognised from a count.

Follows ONS, NHS Digital and GP Patient Survey practice: a count under k (10 unless set, never
under 5) is shown as "<k" (primary suppression); where a hidden count could still be worked out
from a published total, more cells are withheld (secondary suppression) and marked "[c]", the
Government Statistical Service's symbol for "confidential" ("<k" would be untrue of them: they
are k or more). Pure functions on plain numbers: no web layer, no database.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

DEFAULT_K = 10
MIN_K = 5
SECONDARY_TEXT = "[c]"
Reason = Literal["primary", "secondary"]
# An equation a reader can use: the member cells (by position) add up to the total cell.
_Line = tuple[tuple[int, ...], int]


@dataclass(frozen=True)
class Cell:
    shown: int | None
    text: str
    suppressed: bool
    reason: Reason | None


@dataclass(frozen=True)
class Table:
    cells: dict[str, Cell]
    total: Cell | None


@dataclass(frozen=True)
class TwoWayTable:
    cells: dict[str, dict[str, Cell]]
    row_totals: dict[str, Cell]
    column_totals: dict[str, Cell]
    total: Cell


def _check(k: int, values: Sequence[int] = ()) -> None:
    if k < MIN_K:
        raise ValueError(f"k={k}: the threshold is never below {MIN_K}")
    if any(v < 0 for v in values):
        raise ValueError(f"counts of people cannot be negative: {list(values)}")


def _reason(value: int, k: int) -> Reason | None:
    # 0 is hidden like 1..k-1. These are true counts of people, never structural zeros, and a
    # shown 0 discloses about a group: beside a total it says everyone counted is in the other
    # groups ("none of the 12 women from this area is over 60"). Showing 0 would also make "<k"
    # mean "1 to k-1", telling a reader that someone is there.
    return "primary" if value < k else None


def _cell(value: int, reason: Reason | None, k: int) -> Cell:
    if reason is None:
        return Cell(value, str(value), False, None)
    return Cell(None, f"<{k}" if reason == "primary" else SECONDARY_TEXT, True, reason)


def count(value: int, k: int = DEFAULT_K) -> Cell:
    """One count on its own, such as a headline figure: primary suppression only."""
    _check(k, [value])
    return _cell(value, _reason(value, k), k)


def one_way(
    counts: Mapping[str, int], total: int | None, k: int = DEFAULT_K, additive: bool = True
) -> Table:
    """Categories and their total. Pass the total whenever it is published anywhere beside the
    table (a base "n = 57" is one). With additive=False (multi-select: a person may be in several
    categories) the categories do not add up to the total, so only primary suppression applies."""
    names = list(counts)
    values = [counts[n] for n in names] + ([] if total is None else [total])
    _check(k, values)
    lines: list[_Line] = []
    if additive and total is not None:
        if sum(counts.values()) != total:
            raise ValueError(
                f"the categories add up to {sum(counts.values())}, not {total}: add the missing"
                " category (such as 'not stated') or pass additive=False"
            )
        lines.append((tuple(range(len(names))), len(names)))
    reasons = _protect(values, lines, len(names), k)
    cells = [_cell(v, r, k) for v, r in zip(values, reasons, strict=True)]
    return Table(dict(zip(names, cells, strict=False)), None if total is None else cells[-1])


def two_way(rows: Mapping[str, Mapping[str, int]], k: int = DEFAULT_K) -> TwoWayTable:
    """Rows by columns of distinct people (each in one cell), published with row totals, column
    totals and a grand total, all worked out here."""
    row_names = list(rows)
    col_names = list(next(iter(rows.values()), {}))
    if any(set(row) != set(col_names) for row in rows.values()):
        raise ValueError("every row needs a count for the same columns")
    n_rows, n_cols = len(row_names), len(col_names)
    inner = [rows[r][c] for r in row_names for c in col_names]
    _check(k, inner)
    row_sums = [sum(inner[i * n_cols : (i + 1) * n_cols]) for i in range(n_rows)]
    col_sums = [sum(inner[j::n_cols]) for j in range(n_cols)]
    values = inner + row_sums + col_sums + [sum(inner)]
    rt, ct, grand = n_rows * n_cols, n_rows * n_cols + n_rows, len(values) - 1
    lines: list[_Line] = [
        (tuple(i * n_cols + j for j in range(n_cols)), rt + i) for i in range(n_rows)
    ]
    lines += [(tuple(i * n_cols + j for i in range(n_rows)), ct + j) for j in range(n_cols)]
    lines += [(tuple(range(rt, ct)), grand), (tuple(range(ct, grand)), grand)]
    reasons = _protect(values, lines, rt, k)
    cells = [_cell(v, r, k) for v, r in zip(values, reasons, strict=True)]
    return TwoWayTable(
        {
            r: {c: cells[i * n_cols + j] for j, c in enumerate(col_names)}
            for i, r in enumerate(row_names)
        },
        dict(zip(row_names, cells[rt:ct], strict=True)),
        dict(zip(col_names, cells[ct:grand], strict=True)),
        cells[grand],
    )


def percent(part: Cell, whole: Cell) -> int | None:
    """A whole-number percentage, only when both counts are shown: a percentage beside a hidden
    count, or of a hidden base, would give the count back."""
    if part.shown is None or whole.shown is None or whole.shown == 0:
        return None
    # Half up, as published tables round (round() would go to even).
    return (200 * part.shown + whole.shown) // (2 * whole.shown)


def view_allowed(base: int, k: int = DEFAULT_K) -> bool:
    """Whether a filtered view (area x month x group...) of `base` records may be shown at all:
    under k it shows nothing, since every figure in it would be about fewer than k people."""
    _check(k, [base])
    return base >= k


def quote_allowed(base: int, k: int = DEFAULT_K) -> bool:
    """A quote may appear only in a view of at least k records: in a smaller one, its words could
    be matched to the few people who gave feedback there."""
    return view_allowed(base, k)


def _protect(
    values: Sequence[int], lines: Sequence[_Line], first_total: int, k: int
) -> list[Reason | None]:
    reasons = [_reason(v, k) for v in values]
    # Until no hidden cell can be worked out, withhold the smallest shown cell sharing a line
    # with one that can: smallest loses least; inner cells go before totals, which readers need
    # most; equal values go in table order, so a report looks the same every time it is made.
    while exposed := _pinned(values, reasons, lines, k) | _determined(reasons, lines):
        near = [j for m, t in lines if exposed & {*m, t} for j in (*m, t) if reasons[j] is None]
        if not near:  # everything beside them is hidden already
            break
        reasons[min(near, key=lambda j: (j >= first_total, values[j], j))] = "secondary"
    return reasons


def _pinned(
    values: Sequence[int], reasons: Sequence[Reason | None], lines: Sequence[_Line], k: int
) -> set[int]:
    """Hidden cells a reader can narrow to one value, using what each mark says (a "<10" is 0-9,
    a "[c]" at least 10), one line at a time, until nothing narrows further. Two cells of 9
    shown as "<10" beside a hidden sum of 18 are both 9; "<10" and "[c]" hiding 10 are 0 and 10."""
    # Nothing exceeds the largest count: more than a reader knows if the grand total is hidden,
    # which errs towards hiding. Bounds only narrow and always hold the true value, so this ends.
    top = max(values, default=0)
    known = [
        (v, v) if r is None else (0, k - 1) if r == "primary" else (k, top)
        for v, r in zip(values, reasons, strict=True)
    ]
    lo, hi = [a for a, _ in known], [b for _, b in known]
    changed = True
    while changed:
        changed = False
        for members, total in lines:
            low, high = sum(lo[m] for m in members), sum(hi[m] for m in members)
            bounds = {m: (lo[total] - high + hi[m], hi[total] - low + lo[m]) for m in members}
            bounds[total] = (low, high)
            for i, (a, b) in bounds.items():
                if a > lo[i] or b < hi[i]:
                    lo[i], hi[i], changed = max(lo[i], a), min(hi[i], b), True
    return {i for i, r in enumerate(reasons) if r and lo[i] == hi[i]}


def _determined(reasons: Sequence[Reason | None], lines: Sequence[_Line]) -> set[int]:
    """Hidden cells that adding and subtracting whole lines gives exactly, where no single line
    does: in a two-way table, a cell joining two otherwise closed blocks of hidden cells."""
    hidden = [i for i, r in enumerate(reasons) if r]
    matrix = [[Fraction((i in members) - (i == total)) for i in hidden] for members, total in lines]
    rank = 0  # Gauss-Jordan elimination, exact in fractions
    for j in range(len(hidden)):
        pivot = next((p for p in range(rank, len(matrix)) if matrix[p][j]), None)
        if pivot is None:
            continue
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        matrix[rank] = [x / matrix[rank][j] for x in matrix[rank]]
        for p, row in enumerate(matrix):
            if p != rank and row[j]:
                matrix[p] = [a - row[j] * b for a, b in zip(row, matrix[rank], strict=True)]
        rank += 1
    # A cell is given exactly when some combination of lines mentions it alone (its pivot, 1).
    return {
        hidden[row.index(Fraction(1))] for row in matrix[:rank] if sum(x != 0 for x in row) == 1
    }
