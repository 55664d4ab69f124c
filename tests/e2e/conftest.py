"""The real stack, started the way `make run` starts it: `lantern run` with its own ports.

Embedded redis-server, the Rasa server with the trained model, the action server and the
gateway all run as real processes. When strace is on the machine (`make test` installs it),
the whole stack runs under it, recording every connect() so a test can prove nothing but
loopback was contacted.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import redis

from tests.helpers import free_port

ROOT = Path(__file__).resolve().parents[2]
TTL_SECONDS = 3600
START_TIMEOUT = 240


@dataclass
class Stack:
    url: str
    rasa_url: str
    redis: redis.Redis
    log: Path
    strace_log: Path | None
    var_dir: Path

    def chat(self, session: str, text: str, **kwargs) -> dict:
        reply = httpx.post(
            f"{self.url}/api/chat", json={"session": session, "text": text}, timeout=30, **kwargs
        )
        reply.raise_for_status()
        return reply.json()

    def logs(self) -> str:
        return self.log.read_text(errors="replace")


def _wait_healthy(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"stack exited early:\n{log.read_text()[-4000:]}")
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    pytest.fail(f"stack not healthy after {START_TIMEOUT}s:\n{log.read_text()[-4000:]}")


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    var_dir = tmp_path_factory.mktemp("var")
    ports = {name: free_port() for name in ("gateway", "rasa", "actions", "redis")}
    env = dict(os.environ) | {
        "HOST": "127.0.0.1",
        "PORT": str(ports["gateway"]),
        "RASA_URL": f"http://127.0.0.1:{ports['rasa']}",
        "ACTIONS_URL": f"http://127.0.0.1:{ports['actions']}",
        "EMBEDDED_REDIS_PORT": str(ports["redis"]),
        "VAR_DIR": str(var_dir),
        "TRACKER_TTL_SECONDS": str(TTL_SECONDS),
        "MODELS_DIR": str(ROOT / "models"),
    }
    env.pop("REDIS_URL", None)
    command = [sys.executable, "-m", "lantern.cli", "run"]
    strace_log = None
    if shutil.which("strace"):
        strace_log = var_dir / "connect.strace"
        command = [
            "strace", "-f", "-qq", "--seccomp-bpf", "-e", "trace=connect", "-e", "signal=none",
            "-o", str(strace_log), *command,
        ]
    log = var_dir / "stack.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{ports['gateway']}"
    try:
        _wait_healthy(url, process, log)
        client = redis.Redis(port=ports["redis"], decode_responses=True)
        yield Stack(url, env["RASA_URL"], client, log, strace_log, var_dir)
        client.close()
    finally:
        # Ctrl-C is how people stop `make run`; honcho then stops every process.
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)
