"""Feedback records for tests and benchmarks, written through the store as people's would be."""

from __future__ import annotations

import datetime as dt
import itertools
import random

from feedback import store

KEY = b"k" * 32
WORDS = [
    "the police never believed me, they said it was just a row",
    "i waited 6 months for counselling and nobody rang back",
    "the refuge was full so i slept at my sisters",
    "my idva was brilliant, she listened and helped with the court",
    "i had to tell my story again and again to every new worker",
]


def seed(engine, n: int, area: str | None = "E06000020", month: str = "2026-06", seed: int = 7,
         **fixed) -> None:  # fmt: skip
    """`n` survivors' records: varied answers, groups and words; `fixed` overrides any field."""
    pick = random.Random(seed)
    year, number = (int(p) for p in month.split("-"))
    for i in itertools.islice(itertools.count(), n):
        values = {
            "channel": pick.choice(["web", "sms"]), "writer": "self", "may_count": True,
            "may_quote": True, "area": area,
            "answers": {
                "believed": pick.choice(["yes", "partly", "no"]),
                "hours_24": pick.choice(["yes", "no"]),
                "needs": pick.sample(["housing", "money", "legal", "mental_health"], 2),
            },
            "about": {"gender": pick.choice(["woman"] * 4 + ["man"]),
                      "ethnic": pick.choice(["white"] * 3 + ["black", "asian"])},
            "text": WORDS[i % len(WORDS)],
        } | fixed  # fmt: skip
        store.save(engine, store.Feedback(**values), KEY, today=dt.date(year, number, 1))
