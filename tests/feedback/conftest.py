"""A real PostgreSQL server for the feedback tests, started once per run."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg2
import pytest
from sqlalchemy.engine import make_url

from tests import postgres_server


@pytest.fixture(scope="session")
def postgres() -> Iterator[str]:
    """The server's URL, without a database name. Its folder is outside pytest's private temp
    folder, which the `postgres` user could not enter."""
    folder = Path(tempfile.mkdtemp(prefix="lantern-pg-"))
    os.chmod(folder, 0o711)
    server, url = postgres_server.start(folder / "data")
    try:
        yield url.rsplit("/", 1)[0]
    finally:
        server.terminate()
        server.wait(30)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres: str) -> Iterator[str]:
    """A database of its own for one test."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    server = make_url(f"{postgres}/postgres")
    admin = psycopg2.connect(
        host=server.host, port=server.port, user=server.username, dbname="postgres"
    )
    admin.autocommit = True
    admin.cursor().execute(f"CREATE DATABASE {name}")
    yield f"{postgres}/{name}"
    admin.cursor().execute(f"DROP DATABASE {name} WITH (FORCE)")
    admin.close()
