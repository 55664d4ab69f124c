"""A real PostgreSQL server (Debian's package, which `make test` installs) in a temporary folder
on a free loopback port, for tests. PostgreSQL refuses to run as root, so as root it runs as the
package's `postgres` user."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import time
from pathlib import Path

import psycopg2

from harness.background import free_port, process_tree


def binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"))
    return Path(found[-1]).parent if found else None


def _as_owner(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def start(data_dir: Path, port: int | None = None) -> tuple[subprocess.Popen, str]:
    """The server process and a SQLAlchemy URL for it, once it accepts connections. Given a
    folder it ran in before and its port, it starts again on what it left there."""
    bin_dir = binaries()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL is not installed (make test installs it)")
    data_dir.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(data_dir, "postgres", "postgres")
    if not (data_dir / "db").exists():
        subprocess.run(
            _as_owner([str(bin_dir / "initdb"), "-D", str(data_dir / "db"), "-U", "lantern",
                       "--auth=trust", "--no-sync", "-E", "UTF8"]),
            check=True, capture_output=True,
        )  # fmt: skip
    port = port or free_port()
    server = subprocess.Popen(
        _as_owner([str(bin_dir / "postgres"), "-D", str(data_dir / "db"), "-p", str(port),
                   "-h", "127.0.0.1", "-k", str(data_dir), "-c", "fsync=on"]),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(600):  # after a crash it first replays its log
        try:
            psycopg2.connect(host="127.0.0.1", port=port, user="lantern", dbname="postgres").close()
            break
        except psycopg2.OperationalError:
            time.sleep(0.05)
    return server, f"postgresql+psycopg2://lantern@127.0.0.1:{port}/postgres"


def kill(server: subprocess.Popen) -> None:
    """SIGKILL the server and every process of it at once (runuser starts it as a child), as a
    power cut or the kernel's OOM killer would: nothing is flushed or closed."""
    import psutil

    processes = [psutil.Process(pid) for pid in process_tree(server.pid)]
    for process in processes:
        process.kill()
    psutil.wait_procs(processes, timeout=10)
