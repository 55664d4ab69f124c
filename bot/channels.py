"""The SMS channel as Rasa sees it: the REST channel under the name "sms".

Why a channel of our own: Rasa picks a response's `channel: sms` variation by the name of the
output channel, and its REST channel always answers through one named "collector". Giving SMS
turns their own name lets bot/domain hold short SMS wordings beside the web ones, chosen by Rasa
itself, and lets the actions ask the tracker which channel a message came from. The gateway
(api/) is still the only client: it checks Twilio's signature and pseudonymises the sender
before a turn reaches /webhooks/sms/webhook.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

SMS = "sms"
log = logging.getLogger(__name__)


class SmsOutput(CollectingOutputChannel):
    @classmethod
    def name(cls) -> str:
        return SMS


class SmsInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return SMS

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        webhook = Blueprint("lantern_sms_webhook", __name__)

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            collector = SmsOutput()
            message = UserMessage(
                self._extract_message(request),
                collector,
                await self._extract_sender(request),
                input_channel=SMS,
                metadata=self.get_metadata(request),
            )
            try:
                await on_new_message(message)
            except Exception as error:  # noqa: BLE001 - the gateway sends the safety text
                # Only the kind of failure: Rasa's own REST channel would log the message text.
                log.error("sms turn failed: %s", type(error).__name__)
                return response.json({"error": "The turn failed."}, status=500)
            return response.json(collector.messages)

        return webhook
