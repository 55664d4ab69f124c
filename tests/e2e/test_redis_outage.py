"""Redis goes away under a running stack: every channel still answers with the safety message,
and no process writes the person's words to its log while it fails.

Its own stack with its own redis-server (REDIS_URL), so the server can be stopped without
touching the shared stack the other end-to-end tests use.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator
from xml.etree import ElementTree

import pytest

from harness.background import BackgroundStack, StackFailed
from lantern.facts import values
from tests import redis_server
from tests.e2e.conftest import TWILIO_TOKEN, Stack

MARKER = "Quillfeather Orchard"  # words no log line has any other reason to contain


@pytest.fixture(scope="module")
def stack_without_redis(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    server, url = redis_server.start(tmp_path_factory.mktemp("outage-redis"))
    background = BackgroundStack(
        tmp_path_factory.mktemp("outage-var"),
        extra_env={"TWILIO_AUTH_TOKEN": TWILIO_TOKEN, "REDIS_URL": url},
    )
    try:
        background.start()
    except StackFailed as error:
        server.terminate()
        pytest.fail(str(error))
    stack = Stack(background)
    assert stack.chat(secrets.token_urlsafe(24), "hello")["messages"]  # working before
    server.terminate()
    server.wait(10)
    yield stack
    background.stop()


def test_webchat_and_sms_give_the_safety_message_and_log_no_words(stack_without_redis):
    stack = stack_without_redis
    emergency = values()["emergency_phone"]
    web = stack.chat(secrets.token_urlsafe(24), f"my husband {MARKER} hits me")
    assert emergency in web["messages"][0]["text"]
    sms = stack.sms("+447700900555", f"my husband {MARKER} hits me")
    assert sms.status_code == 200
    assert emergency in ElementTree.fromstring(sms.text).find("Message").text
    time.sleep(1)  # let every process flush
    logs = stack.logs()
    assert "rest turn failed" in logs, "the outage is logged: its kind, not the words"
    assert MARKER not in logs
    assert "7700900555" not in logs
