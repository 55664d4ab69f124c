"""Directory benchmark: load and search 10,000 generated services, beside the real directory.

Issue 5's targets: load under 1 s, search p95 under 2 ms, with 10,000 services. The generated
entries are valid (they pass the schema) and spread over every district, audience and need.
"Load" is what each process does at start: read the checked snapshot (directory/national.py);
the first load after an edit parses and checks every entry, and is printed beside it.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import tempfile
import time
from pathlib import Path

import yaml

from directory.geo import districts, resolve
from directory.national import DATA_DIR, load
from directory.schema import AUDIENCES, NEEDS
from directory.search import Index, Query

PHONES = ["0808 2000 247", "0800 1111", "020 7008 0151", "0345 6000 459", "01952 380000"]
PLACES = ["TF1 3AB", "SY1", "Cardiff", "EH1 1AA", "BT7 1NN", "Leeds", "NR1", None]


def generate(count: int, folder: Path, seed: int = 7) -> None:
    rng = random.Random(seed)
    codes = sorted(districts())
    needs, audiences = sorted(NEEDS), sorted(AUDIENCES)
    services = []
    for number in range(count):
        local = rng.random() < 0.8
        url = f"https://example.org/service/{number}"
        services.append({
            "id": f"generated-{number}",
            "name": f"Generated service {number}",
            "organization": f"Organisation {number % 500}",
            "scope": "local" if local else "nation",
            "area": None if local else rng.choice(["England", "Wales", "Scotland", "UK"]),
            "service_area": rng.sample(codes, rng.randint(1, 3)) if local else None,
            "phone": rng.choice(PHONES),
            "url": url,
            "open_24_7": rng.random() < 0.2,
            "audiences": rng.sample(audiences, rng.randint(1, 2)),
            "needs": rng.sample(needs, rng.randint(1, 3)),
            "by_and_for": rng.random() < 0.1,
            "languages": ["en"],
            "summary": "A generated service for the benchmark.",
            "source": url,
            "sources": [{"url": url, "confirms": "generated for the benchmark"}],
            "verified": dt.date(2026, 11, 1),
        })  # fmt: skip
    (folder / "generated.yml").write_text(yaml.safe_dump({"services": services}, sort_keys=False))


def _queries(rng: random.Random, count: int) -> list[Query]:
    places = {p: resolve(p) if p else None for p in PLACES}
    return [
        Query(
            place=places[rng.choice(PLACES)],
            audiences=frozenset(rng.sample(sorted(AUDIENCES), rng.randint(0, 2))),
            need=rng.choice([None, *sorted(NEEDS)]),
        )
        for _ in range(count)
    ]


def _search_times(index: Index, queries: list[Query]) -> list[float]:
    times = []
    for query in queries:
        started = time.perf_counter()
        index.search(query)
        times.append((time.perf_counter() - started) * 1000)
    return times


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


def _timed(work):
    started = time.perf_counter()
    result = work()
    return result, time.perf_counter() - started


def run(count: int = 10_000, rounds: int = 300) -> None:
    with tempfile.TemporaryDirectory() as folder, tempfile.TemporaryDirectory() as cache:
        generate(count, Path(folder))
        _, cold = _timed(lambda: load(Path(folder), Path(cache)))  # parses, checks, snapshots
        big, warm = _timed(lambda: load(Path(folder), Path(cache)))
    with tempfile.TemporaryDirectory() as cache:
        _, real_cold = _timed(lambda: load(DATA_DIR, Path(cache)))
        real, real_warm = _timed(lambda: load(DATA_DIR, Path(cache)))
    big_index, index_time = _timed(lambda: Index(big))
    real_index = Index(real)
    queries = _queries(random.Random(11), rounds)
    _search_times(real_index, queries[:20])  # warm-up
    real_times = _search_times(real_index, queries)
    big_times = _search_times(big_index, queries)
    print(f"Directory load           {warm + index_time:.2f} s for {len(big):,} services from the "
          f"checked snapshot, with indexing  (target < 1 s); first load after an edit "
          f"{cold:.1f} s; real {len(real)}: {real_warm * 1000:.0f} ms, first "
          f"{real_cold * 1000:.0f} ms")  # fmt: skip
    print(
        f"Directory search         {len(big):,} services: median {statistics.median(big_times):.2f}"
        f" ms, p95 {_p95(big_times):.2f} ms  (target p95 < 2 ms); real {len(real)}: median "
        f"{statistics.median(real_times):.3f} ms, p95 {_p95(real_times):.3f} ms; ratio of "
        f"medians {statistics.median(big_times) / statistics.median(real_times):.0f}x"
    )
