"""The real stack, started the way `make run` starts it (`lantern run`), on its own ports.

Embedded redis-server, the Rasa server with the trained model, the action server and the
gateway all run as real processes, under strace so a test can prove that nothing but loopback
is contacted.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import redis
from twilio.request_validator import RequestValidator

from api.sms.pseudonym import sms_sender_id
from harness.background import BackgroundStack, StackFailed
from lantern.settings import Settings

TTL_SECONDS = 3600
# The stack checks SMS signatures with this token; tests sign with it as Twilio would.
TWILIO_TOKEN = "e2e-twilio-token-not-a-secret"


class Stack:
    def __init__(self, background: BackgroundStack) -> None:
        self.background = background
        self.url = background.url
        self.rasa_url = background.rasa_url
        self.strace_log: Path | None = background.strace_log
        password = Settings(var_dir=background.var_dir).secret("redis_password")
        self.redis = redis.Redis(
            port=background.ports["redis"], password=password, decode_responses=True
        )

    def chat(self, session: str, text: str) -> dict:
        reply = httpx.post(
            f"{self.url}/api/chat", json={"session": session, "text": text}, timeout=30
        )
        reply.raise_for_status()
        return reply.json()

    def sms(self, number: str, body: str, **extra: str) -> httpx.Response:
        """A text as Twilio would post it, signed with the twilio library's validator."""
        url = f"{self.url}/sms/twilio"
        params = {"From": number, "To": "+447700900999", "Body": body, **extra}
        signature = RequestValidator(TWILIO_TOKEN).compute_signature(url, params)
        return httpx.post(url, data=params, headers={"X-Twilio-Signature": signature}, timeout=30)

    def sms_sender(self, number: str) -> str:
        """The pseudonym the stack gives `number` (its key was generated into its var/)."""
        key = (self.background.var_dir / "secrets" / "pseudonym_key").read_text().strip()
        return sms_sender_id(number, key)

    def logs(self) -> str:
        return self.background.log.read_text(errors="replace")


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    background = BackgroundStack(
        tmp_path_factory.mktemp("var"),
        tracker_ttl_seconds=TTL_SECONDS,
        trace_connects=True,
        extra_env={"TWILIO_AUTH_TOKEN": TWILIO_TOKEN},
    )
    try:
        background.start()
    except StackFailed as error:
        pytest.fail(str(error))
    stack = Stack(background)
    yield stack
    stack.redis.close()
    background.stop()
