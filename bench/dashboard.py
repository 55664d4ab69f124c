"""The leads' dashboard and APIs with 10,000 feedback records (issue 16): p95 of GET /leads, the
report and the themes API through the real gateway app (in process, real SQLite and Redis),
and the report's figures on their own beside them, in one run.

Records are written straight into the table, as the store would have written them after
anonymising and reading themes, because 10,000 runs of the anonymiser would time the anonymiser
(bench/anonymiser.py does that).
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from fastapi.testclient import TestClient
from pydantic import SecretStr

from bench.load import p95
from feedback import store
from feedback.questions import ANSWERS, NEEDS
from feedback.report import View, build
from feedback.themes import THEMES
from harness.background import free_port
from tests import redis_server

RECORDS = 10_000
TOKEN = "bench-lead-token"
AREAS = ["E06000020", "E06000051", "E08000025", "E09000033"]
ASKED = ("believed", "retold", "right_time", "found", "hours_24", "helped_today")
ABOUT = ("age", "gender", "lgbt", "ethnic", "disabled")


def _rows(n: int) -> list[dict]:
    pick = random.Random(16)
    rows = []
    for _ in range(n):
        themes = pick.sample(list(THEMES), pick.randint(0, 3))
        rows.append({
            "id": uuid.uuid4().hex, "month": f"2026-{pick.randint(1, 12):02d}",
            "channel": pick.choice(["web", "sms"]),
            "writer": pick.choice(["self"] * 6 + ["other", "own"]),
            "area": pick.choice(AREAS), "may_count": True, "may_quote": pick.random() < 0.5,
            "withdrawal": uuid.uuid4().hex + uuid.uuid4().hex,
            "answers": {q: pick.choice(ANSWERS[q]) for q in ASKED}
            | {"needs": pick.sample(NEEDS, 2)},
            "about": {q: pick.choice(ANSWERS[q]) for q in ABOUT},
            "text": "words as anonymised", "quote": pick.choice(["none", "pending", "approved"]),
            "themes": themes, "to_confirm": [], "themes_by": "model", "concern": False,
        })  # fmt: skip
    return rows


def run(rounds: int = 40) -> float:
    from api.main import create_app
    from lantern.settings import Settings

    with tempfile.TemporaryDirectory() as var:
        (Path(var) / "redis").mkdir()
        server, url = redis_server.start(Path(var) / "redis")
        try:
            settings = Settings(
                var_dir=Path(var), redis_url=url, service_lead_token=SecretStr(TOKEN),
                rasa_url=f"http://127.0.0.1:{free_port()}", actions_url=f"http://127.0.0.1:{free_port()}",
            )  # fmt: skip
            engine = store.connect(settings.effective_database_url)
            store.migrate(engine)
            with engine.begin() as connection:
                connection.execute(store.records.insert(), _rows(RECORDS))
            times: dict[str, list[float]] = {"build": [], "/leads": [], "report": [], "themes": []}
            bearer = {"Authorization": f"Bearer {TOKEN}"}
            with TestClient(create_app(settings)) as client:
                signed = client.post("/leads/sign-in", data={"token": TOKEN})
                assert signed.status_code == 200 and "Signed in" in signed.text, signed.text
                for i in range(rounds + 3):
                    for kind in ("build", "/leads", "report", "themes"):
                        started = time.perf_counter()
                        if kind == "build":
                            build(engine, View(None))
                        elif kind == "/leads":
                            assert client.get("/leads").status_code == 200
                        elif kind == "report":
                            client.get("/api/feedback/report", headers=bearer).raise_for_status()
                        else:
                            client.get("/api/feedback/themes", headers=bearer).raise_for_status()
                        if i >= 3:  # the first rounds warm caches
                            times[kind].append((time.perf_counter() - started) * 1000)
            engine.dispose()
        finally:
            server.terminate()
            server.wait(10)
    print(f"Leads' pages with {RECORDS:,} records (every area, sequential, in process)")
    for kind, values in times.items():
        print(
            f"  {kind:<22} median {statistics.median(values):7.1f} ms   p95 {p95(values):7.1f} ms"
        )
    ratio = statistics.median(times["/leads"]) / statistics.median(times["build"])
    print(f"  dashboard / figures    {ratio:.2f}  (the page's own cost beyond the counting)")
    return p95(times["/leads"])


if __name__ == "__main__":
    run()
