"""Start the whole stack in the background on free loopback ports, as `lantern run` does.

Used by the end-to-end tests and the benchmarks, so both measure exactly what `make run` starts.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from lantern.settings import PROJECT_ROOT


class StackFailed(RuntimeError):
    """The stack exited or did not become healthy in time."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def process_tree(pid: int) -> list[int]:
    """A process and every process below it."""
    import psutil

    root = psutil.Process(pid)
    return [root.pid] + [child.pid for child in root.children(recursive=True)]


def stop_group(process: subprocess.Popen | None, first: int = signal.SIGINT) -> None:
    """Ask a process started with start_new_session to stop (its whole group), then SIGKILL
    the group if it has not stopped within 30 s."""
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, first)
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)


def tail(path: Path, chars: int) -> str:
    return path.read_text(errors="replace")[-chars:] if path.exists() else ""


@dataclass
class BackgroundStack:
    var_dir: Path
    tracker_ttl_seconds: int = 3600
    trace_connects: bool = False
    start_timeout: float = 240
    extra_env: dict[str, str] = field(default_factory=dict)  # e.g. TWILIO_AUTH_TOKEN for tests
    # Shared by every stack a run starts, and with `make train`: the directory's checked snapshot
    # and the fitted readers, named by hashes of what made them, so no stack redoes that work.
    cache_dir: Path = PROJECT_ROOT / "var" / "cache"
    ports: dict[str, int] = field(default_factory=dict)
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.ports['gateway']}"

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.ports['rasa']}"

    @property
    def log(self) -> Path:
        return self.var_dir / "stack.log"

    @property
    def strace_log(self) -> Path | None:
        return self.var_dir / "connect.strace" if self.trace_connects else None

    def start(self) -> BackgroundStack:
        self.var_dir.mkdir(parents=True, exist_ok=True)
        self.ports = {name: free_port() for name in ("gateway", "rasa", "actions", "redis")}
        env = (
            {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
            | {
                "HOST": "127.0.0.1",
                "PORT": str(self.ports["gateway"]),
                "RASA_URL": self.rasa_url,
                "ACTIONS_URL": f"http://127.0.0.1:{self.ports['actions']}",
                "EMBEDDED_REDIS_PORT": str(self.ports["redis"]),
                "VAR_DIR": str(self.var_dir),
                "CACHE_DIR": str(self.cache_dir),
                "TRACKER_TTL_SECONDS": str(self.tracker_ttl_seconds),
                # Every conversation the tests and `make evaluate` play comes from one loopback
                # address: hundreds of messages in minutes, which the per-address webchat limit
                # (issue 17) would hold back. The limit is tested on its own (tests/api).
                "CHAT_RATE_LIMIT": "1000000",
            }
            | self.extra_env
        )
        # Training belongs before the stack starts (`make test` trains first), not under strace
        # and a start-up deadline.
        command = [sys.executable, "-m", "lantern.cli", "run", "--no-train"]
        if self.trace_connects:
            if not shutil.which("strace"):
                raise StackFailed("strace is not installed (make test installs it)")
            command = [
                "strace", "-f", "-qq", "--seccomp-bpf", "-e", "trace=connect",
                "-e", "signal=none", "-o", str(self.strace_log), *command,
            ]  # fmt: skip
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                command, cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        self._wait_healthy()
        return self

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise StackFailed(f"stack exited early:\n{self.tail()}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(1)
        self.stop()
        raise StackFailed(f"stack not healthy after {self.start_timeout:.0f}s:\n{self.tail()}")

    def tail(self, chars: int = 4000) -> str:
        return tail(self.log, chars)

    def pids(self) -> list[int]:
        """The launcher and every process below it (for memory figures)."""
        return process_tree(self.process.pid)

    def stop(self) -> None:
        # Ctrl-C is how people stop `make run`; honcho then stops every process it started.
        stop_group(self.process)

    def __enter__(self) -> BackgroundStack:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
