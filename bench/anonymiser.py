"""Anonymiser benchmark: texts a second on the labelled feedback (issue 16: at least 200), with
the recall and precision measured on the same run (harness/anonymiser_quality.py)."""

from __future__ import annotations

import statistics
import time

from feedback.anonymise import anonymise
from harness.anonymiser_quality import cases, measure


def run(rounds: int = 5) -> float:
    texts = [case["text"] for case in cases()]
    anonymise("warm up: builds Presidio and the name lists")
    rates = []
    for _ in range(rounds):
        started = time.perf_counter()
        for text in texts:
            anonymise(text)
        rates.append(len(texts) / (time.perf_counter() - started))
    rate = statistics.median(rates)
    quality = measure(cases())
    print(f"Anonymiser               {rate:.0f} texts/s (target >= 200), median of {rounds} passes")
    print(f"  over {len(texts)} labelled texts; recall {quality.recall():.3f}, precision "
          f"{quality.precision:.3f} on every set (held-out figures: README)")  # fmt: skip
    return rate
