"""`POST /sms/twilio`: Twilio's webhook for inbound texts, answered at once with TwiML.

Fail closed: with no TWILIO_AUTH_TOKEN every request is refused, and a request whose
X-Twilio-Signature does not match (checked by the twilio library against PUBLIC_BASE_URL, so it
works behind a TLS proxy) gets 403. The sender's number is turned into a keyed pseudonym here and
goes no further. Once a request is known to be Twilio's, the answer is always 200 with TwiML:
if Redis or the assistant is down, the short safety text.
"""

from __future__ import annotations

import asyncio
import logging
import time
from urllib.parse import parse_qsl

from fastapi import APIRouter, HTTPException, Request, Response
from redis.exceptions import LockError, RedisError
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

from api import conversations
from api.deps import RasaDep, RedisDep, SettingsDep, WithdrawalsDep
from api.models import ErrorReply
from api.sms.budget import Budget
from api.sms.conversation import Conversation, Inbound, Limits, shaped
from api.sms.pseudonym import sms_sender_id
from api.sms.state import SmsState
from api.sms.words import say

log = logging.getLogger("lantern.gateway.sms")
router = APIRouter(tags=["sms"])
PATH = "/sms/twilio"
MAX_REQUEST_BYTES = 64 * 1024  # Twilio's form for one text is a few kilobytes


def twiml(text: str | None) -> Response:
    reply = MessagingResponse()
    if text:
        reply.message(text)
    return Response(str(reply), media_type="application/xml")


def _media_count(value: str) -> int:
    # Twilio sends 0 to 10. "²" passes isdigit() and int() refuses it; a few thousand digits
    # are more than int() will read: neither may turn a signed request into an error.
    value = value.strip()
    if not (value.isascii() and value.isdecimal()):
        return 0
    return min(int(value), 10) if len(value) <= 3 else 10


def _safety_text() -> str:
    # When nothing can be read (Redis down, a failure), a new number's state is assumed:
    # discreet, because the first line shows on a lock screen.
    return shaped(SmsState(), say("safety"))


@router.post(
    PATH,
    response_class=Response,
    responses={
        200: {"content": {"application/xml": {}}, "description": "TwiML: the reply, if any."},
        403: {"model": ErrorReply, "description": "Not signed by Twilio (or SMS is off)."},
    },
)
async def twilio_webhook(
    request: Request,
    settings: SettingsDep,
    redis: RedisDep,
    rasa: RasaDep,
    withdrawals: WithdrawalsDep,
) -> Response:
    budget = Budget(settings.sms_reply_seconds)
    if settings.twilio_auth_token is None:
        raise HTTPException(403, "SMS is switched off: TWILIO_AUTH_TOKEN is not set.")
    raw = await request.body()
    if len(raw) > MAX_REQUEST_BYTES:
        raise HTTPException(413, "The request is too large for one text message.")
    try:
        # A flat form of single values (stdlib parsing: python-multipart is not needed for it).
        params = dict(parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
    except (UnicodeDecodeError, ValueError):
        raise HTTPException(400, "The body must be a URL-encoded form.") from None
    validator = RequestValidator(settings.twilio_auth_token.get_secret_value())
    url = settings.effective_public_base_url + PATH
    if not validator.validate(url, params, request.headers.get("X-Twilio-Signature", "")):
        raise HTTPException(403, "The request is not signed by Twilio for this address.")
    number = params.get("From", "").strip()
    if not number:
        raise HTTPException(400, "From is missing.")
    sender = sms_sender_id(number, settings.secret("pseudonym_key"))
    inbound = Inbound(sender, params.get("Body", ""), _media_count(params.get("NumMedia", "")))
    limits = Limits(
        settings.tracker_ttl_seconds, settings.sms_rate_limit, settings.sms_rate_window_seconds
    )
    started = time.perf_counter()
    try:
        conversation = Conversation(
            redis, rasa, settings.secret("pseudonym_key"), limits, budget, withdrawals
        )
        # The assistant's share ends before this does; this catches a Redis that answers
        # slowly rather than not at all, so Twilio still hears back in time.
        async with asyncio.timeout(budget.left()):
            text = await conversation.reply(inbound)
        outcome = "ok"
    except LockError:
        # The sender's previous text is still being answered and this one's time is up.
        text, outcome = _safety_text(), "busy"
    except TimeoutError:
        text, outcome = _safety_text(), "late"
    except RedisError:
        # Nothing can be remembered or checked: the safety text, and nothing else.
        text, outcome = _safety_text(), "redis-down"
    except Exception as error:  # noqa: BLE001 - never a 5xx to Twilio: the person gets 999
        log.error("sms_failed", extra={"error": type(error).__name__})
        text, outcome = _safety_text(), "failed"
    log.info(
        "sms_turn",
        extra={
            "session": conversations.log_id(sender),
            "rasa": outcome,
            "messages": int(text is not None),
            "ms": round((time.perf_counter() - started) * 1000, 1),
        },
    )
    return twiml(text)
