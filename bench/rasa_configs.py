"""Bare Rasa's peak turns a second in the configurations it could run in, beside a started stack.

Which configuration should Lantern run by default? Measured here on bare Rasa (its REST channel,
with the gateway's channel token), each with the same ramp as bench/load.py:
- one process: the stack's own Rasa, as `lantern run` starts it;
- one process with 2 Sanic workers: `rasa run` with SANIC_WORKERS=2, which Rasa allows only with
  a lock store shared between processes (bot/endpoints.yml's Redis lock store is one);
- two processes: the stack's Rasa and a second one on another port, each conversation kept on one
  of them (as a balancer with sticky sessions would); both share the stack's Redis (trackers and
  locks) and action server.
The extra Rasa servers are started from lantern/stack.py's own process list (the same command,
endpoints and environment as the stack's Rasa, on another port) and stopped at the end. All three
configurations are ramped together, taking turns at each level, so a shared machine's drifting
load falls on each alike.
"""

from __future__ import annotations

import math
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bench.load import (
    NAMES,
    CpuMeter,
    Run,
    channel_headers,
    peak,
    ramp,
    rasa_target,
    report_peaks,
)
from harness.background import free_port, process_tree, stop_group, tail
from lantern.settings import PROJECT_ROOT, Settings

READY = "Rasa server is up and running"


def _settings(stack, port: int) -> Settings:
    """The stack's settings (as BackgroundStack gives them to `lantern run`), Rasa on `port`.
    An explicit Redis URL (the stack's embedded one), so lantern.stack leaves that Redis's files
    alone."""
    embedded = Settings(var_dir=stack.var_dir, embedded_redis_port=stack.ports["redis"])
    return Settings(
        var_dir=stack.var_dir,
        cache_dir=stack.cache_dir,
        redis_url=embedded.effective_redis_url,
        rasa_url=f"http://127.0.0.1:{port}",
        actions_url=f"http://127.0.0.1:{stack.ports['actions']}",
        tracker_ttl_seconds=stack.tracker_ttl_seconds,
    )


@dataclass
class ExtraRasa:
    """One more Rasa server beside a started BackgroundStack, with `workers` Sanic workers."""

    stack: object
    workers: int = 1
    start_timeout: float = 300
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log(self) -> Path:
        return self.stack.var_dir / f"rasa-{self.port}.log"

    def start(self) -> ExtraRasa:
        from lantern.stack import processes
        from lantern.training import model_path

        settings = _settings(self.stack, self.port)
        (spec,) = [
            s for s in processes(settings, model_path(settings.models_dir)) if s.name == "rasa"
        ]
        env = spec.env | {"SANIC_WORKERS": str(self.workers)}
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                spec.argv, cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        """Every worker has loaded the model (each logs READY), and a turn is answered."""
        headers = channel_headers(self.stack.var_dir)
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Rasa on {self.port} exited:\n{self.tail()}")
            if self.tail(10**7).count(READY) >= self.workers:
                try:
                    answer = httpx.post(
                        f"{self.url}/webhooks/rest/webhook",
                        json={"sender": f"ready_{self.port}", "message": "hello"},
                        headers=headers,
                        timeout=30,
                    )
                    if answer.status_code == 200 and answer.json():
                        return
                except (httpx.HTTPError, ValueError):
                    pass
            time.sleep(1)
        self.stop()
        raise RuntimeError(f"Rasa on {self.port} not ready in {self.start_timeout:.0f} s")

    def tail(self, chars: int = 3000) -> str:
        return tail(self.log, chars)

    def pids(self) -> list[int]:
        if self.process is None or self.process.poll() is not None:
            return []
        return process_tree(self.process.pid)

    def stop(self) -> None:
        stop_group(self.process)


def _rss_gib(pids: Sequence[int]) -> float:
    import psutil

    total = 0
    for pid in pids:
        try:
            total += psutil.Process(pid).memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total / 2**30


def _rasa_pids(stack) -> list[int]:
    """The stack's own Rasa process (and any children it has)."""
    import psutil

    found = []
    for pid in stack.pids():
        try:
            if "rasa_server" in " ".join(psutil.Process(pid).cmdline()):
                found.append(pid)
        except psutil.NoSuchProcess:
            pass
    return found


def run(
    stack,
    one_process: list[Run] | None = None,
    seconds: float = 20.0,
    settle: float = 3.0,
    slices: int = 1,
) -> dict[str, float]:
    """Start the extra servers, ramp the three configurations together, print their peaks.
    `one_process`: the stack's Rasa's ramp from bench/load.py, printed beside for comparison."""
    workers = ExtraRasa(stack, workers=2)
    second = ExtraRasa(stack, workers=1)
    try:
        started = time.monotonic()
        # One at a time: two loading at once on 2 cores would only take longer each.
        workers.start()
        second.start()
        print(
            f"Bare Rasa configurations (extra servers ready in {time.monotonic() - started:.0f} s;"
            f" ramped together, taking turns at each level, {slices} x {seconds:.0f} s each)"
        )
        configs = {
            "1 process": rasa_target("1 process", [stack.rasa_url], stack.var_dir),
            "2 Sanic workers": rasa_target("2 Sanic workers", [workers.url], stack.var_dir),
            "2 processes": rasa_target("2 processes", [stack.rasa_url, second.url], stack.var_dir),
        }
        memory = {
            "1 process": _rss_gib(_rasa_pids(stack)),
            "2 Sanic workers": _rss_gib(workers.pids()),
            "2 processes": _rss_gib(_rasa_pids(stack)) + _rss_gib(second.pids()),
        }
        both = CpuMeter(lambda: [*stack.pids(), *workers.pids(), *second.pids()])
        runs = ramp(
            list(configs.values()), seconds=seconds, settle=settle, meter=both, slices=slices
        )
        peaks = report_peaks(runs)
        if one_process:
            earlier = peak(one_process)
            if earlier:
                print(
                    f"  ({NAMES['rasa']} in the ramp above, the same one process: "
                    f"{earlier.turns_per_second:.1f} turns/s)"
                )
        base = peaks["1 process"]
        for name, value in peaks.items():
            print(
                f"  {name:<22} {value:6.1f} turns/s, {value / base:.2f} times one process; "
                f"Rasa resident memory {memory[name]:.2f} GiB"
            )
        fit = {k: v for k, v in peaks.items() if not math.isnan(v)}
        if fit:
            best = max(fit, key=fit.__getitem__)
            print(f"  best here              {best} ({fit[best]:.1f} turns/s)")
        return {f"rasa_peak_{k.replace(' ', '_')}": v for k, v in peaks.items()} | {
            f"rasa_memory_{k.replace(' ', '_')}": v for k, v in memory.items()
        }
    finally:
        workers.stop()
        second.stop()
