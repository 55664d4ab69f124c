"""The soak's arithmetic (bench/soak.py); the soak itself is `make soak`, not a test."""

from __future__ import annotations

import pytest

from bench.soak import slope


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([500.0] * 9, 0.0),
        ([500.0 + 2 * i for i in range(9)], 2.0),
        ([10.0], 0.0),
        ([5.0, 3.0], -2.0),
    ],
)
def test_memory_growth_is_the_least_squares_slope(values, expected):
    assert slope(values) == pytest.approx(expected)
