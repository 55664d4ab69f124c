"""How the gateway's turns reach Rasa: Rasa's REST channel, as `rest` for webchat (the same
address, /webhooks/rest/webhook, and the same replies as Rasa's own) and as `sms` for SMS.

Why channels of our own rather than Rasa's `rest`:
- Rasa picks a response's `channel: sms` variation by the name of the output channel, and its
  REST channel always answers through one named "collector". Naming the output channels lets
  bot/domain hold short SMS wordings beside the web ones, chosen by Rasa itself, and lets the
  actions ask the tracker which channel a message came from.
- When a turn fails (Redis gone, say), Rasa's REST channel logs the person's message, and its
  stack frames' locals, at error level. These log only the kind of failure: nothing that could
  identify a person goes in a log (design rule 3). tests/e2e/test_redis_outage.py proves it.
- Rasa's REST channel answers anyone who can reach its port. The gateway (api/) must be the only
  client: it checks input (and Twilio's signature, and pseudonymises SMS senders) before a turn
  reaches /webhooks/<channel>/webhook. So these answer only requests that carry the token shared
  with the gateway (lantern/internal_auth.py), and refuse others with 403 before reading them.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Awaitable, Callable

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from lantern.internal_auth import CHANNEL_TOKEN_HEADER, CHANNEL_TOKEN_VARIABLE, token_matches

log = logging.getLogger(__name__)


class _Collector(CollectingOutputChannel):
    """Collects the replies, as Rasa's REST channel does, under the input channel's name."""

    def __init__(self, channel: str) -> None:
        super().__init__()
        self.channel = channel

    def name(self) -> str:  # type: ignore[override]  # Rasa asks the instance
        return self.channel


class QuietRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        channel = self.name()
        webhook = Blueprint(f"lantern_{channel}_webhook", __name__)

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            # Read at each request, not at start-up: an unset token refuses everything.
            expected = os.environ.get(CHANNEL_TOKEN_VARIABLE)
            if not token_matches(request.headers.get(CHANNEL_TOKEN_HEADER), expected):
                return response.json({"error": "This channel answers only Lantern's gateway."}, 403)
            collector = _Collector(channel)
            message = UserMessage(
                self._extract_message(request),
                collector,
                await self._extract_sender(request),
                input_channel=channel,
                metadata=self.get_metadata(request),
            )
            try:
                await on_new_message(message)
            except Exception as error:  # noqa: BLE001 - the gateway sends the safety message
                log.error("%s turn failed: %s", channel, type(error).__name__)
                return response.json({"error": "The turn failed."}, status=500)
            return response.json(collector.messages)

        return webhook


class SmsInput(QuietRestInput):
    @classmethod
    def name(cls) -> str:
        return "sms"
