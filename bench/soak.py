"""`make soak`: the whole stack under a steady load for 10 minutes; memory should stay flat and
no turn should fail (issue 17). Not in CI: it takes the time it measures.

The load is bench/load.py's steady conversations through the gateway (fresh sessions, 3 to 8 s
between turns), in one-minute rounds back to back. After each round it prints the round's turns,
errors and p95, and the resident memory of each kind of process. At the end: memory at the end
beside memory after the first round (the first round loads the lazy parts of Rasa's graph and
the readers' caches), and the least-squares slope over the remaining rounds in MiB a minute.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from bench import load
from harness.background import BackgroundStack


def resident_mib(stack: BackgroundStack) -> dict[str, float]:
    """Resident memory by kind of process (bench/load.py's kinds: rasa, gateway, actions...)."""
    import psutil

    kinds: dict[str, float] = {}
    for pid in stack.pids():
        try:
            process = psutil.Process(pid)
            kind = load.process_kind(process.cmdline()) or "other"
            kinds[kind] = kinds.get(kind, 0.0) + process.memory_info().rss / 2**20
        except psutil.NoSuchProcess:
            continue
    return kinds


def slope(values: list[float]) -> float:
    """Least-squares change per step."""
    if len(values) < 2:
        return 0.0
    return statistics.linear_regression(range(len(values)), values).slope


def soak(stack: BackgroundStack, minutes: int, conversations: int) -> bool:
    gateway = load.target(stack, "gateway")
    load.warm_up([gateway])
    totals: list[float] = []
    errors = 0
    print(f"Soak: {conversations} conversations, 3-8 s between turns, {minutes} one-minute rounds")
    for minute in range(1, minutes + 1):
        run = load.steady(gateway, conversations, (3.0, 8.0), 60.0, seed=minute)
        memory = resident_mib(stack)
        totals.append(sum(memory.values()))
        errors += run.error_count
        kinds = "  ".join(f"{k} {v:.0f}" for k, v in sorted(memory.items()))
        print(
            f"  minute {minute:2}: {len(run.turns):4} turns, {run.error_count} errors, p95 "
            f"{run.p95_ms:6.0f} ms; MiB {kinds}; total {totals[-1]:.0f}"
        )
    growth = totals[-1] - totals[0]
    per_minute = slope(totals[1:])
    print(
        f"  memory after minute 1 {totals[0]:.0f} MiB, at the end {totals[-1]:.0f} MiB "
        f"({growth:+.0f} MiB); slope after minute 1 {per_minute:+.1f} MiB a minute"
    )
    print(f"  errors {errors}")
    return errors == 0


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__)
    parser.add_argument("--minutes", type=int, default=10)
    parser.add_argument("--conversations", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as var_dir, BackgroundStack(Path(var_dir)) as stack:
        return 0 if soak(stack, args.minutes, args.conversations) else 1


if __name__ == "__main__":
    sys.exit(main())
