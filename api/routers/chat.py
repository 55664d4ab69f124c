"""Webchat turns and quick exit."""

from __future__ import annotations

import logging
import time
from typing import Any

from fastapi import APIRouter, Path, Response
from fastapi.responses import JSONResponse
from redis.exceptions import RedisError

from api import conversations
from api.deps import OverLimitDep, RasaDep, RedisDep, SettingsDep, WithdrawalsDep
from api.models import SESSION_PATTERN, BotMessage, ChatReply, ChatRequest, Limited, Unavailable
from api.rasa_client import RasaUnavailable
from api.safety import slow_down_message, static_message

log = logging.getLogger("lantern.gateway.chat")
router = APIRouter(prefix="/api/chat", tags=["chat"])
SessionPath = Path(..., pattern=SESSION_PATTERN, description="The session id the client made.")


# A message without a card leaves "card" out, as the published schema describes it.
@router.post(
    "",
    response_model=ChatReply,
    response_model_exclude_none=True,
    responses={429: {"model": Limited, "description": "Too many messages from this client."}},
)
async def chat(
    request: ChatRequest,
    rasa: RasaDep,
    redis: RedisDep,
    withdrawals: WithdrawalsDep,
    settings: SettingsDep,
    over_limit: OverLimitDep,
) -> Any:
    sender_id = conversations.web_sender_id(request.session)
    if over_limit:
        log.info("chat_limited", extra={"session": conversations.log_id(sender_id)})
        limited = Limited(
            message="Too many messages from this client in a short time; try again in a few "
            "minutes.",
            session=request.session,
            messages=[slow_down_message(), static_message()],
        )
        return JSONResponse(
            status_code=429,
            content=limited.dict(exclude_none=True),
            headers={"Retry-After": str(settings.chat_rate_window_seconds)},
        )
    # WITHDRAW <code> is answered here: the code must never become part of the conversation.
    withdrawn = await withdrawals.answer(request.text)
    if withdrawn is not None:
        return ChatReply(session=request.session, messages=[BotMessage(text=withdrawn)])
    started = time.perf_counter()
    try:
        messages = await rasa.turn(sender_id, request.text)
        outcome = "ok"
    except RasaUnavailable as error:
        # The person still gets 999, the Silent Solution and a helpline, never an error page.
        messages = [static_message()]
        outcome = f"unavailable:{error}"
    try:
        if await conversations.forget_if_ended(redis, sender_id):
            outcome = "ended"
    except RedisError:
        pass  # Rasa could not have saved the turn without Redis either.
    log.info(
        "chat_turn",
        extra={
            "session": conversations.log_id(sender_id),
            "rasa": outcome,
            "messages": len(messages),
            "ms": round((time.perf_counter() - started) * 1000, 1),
        },
    )
    return ChatReply(session=request.session, messages=messages)


async def _end(session: str, redis: RedisDep) -> Response:
    sender_id = conversations.web_sender_id(session)
    try:
        await conversations.forget(redis, sender_id)
    except RedisError:
        log.error("quick_exit_failed", extra={"session": conversations.log_id(sender_id)})
        return JSONResponse(
            status_code=503,
            content={
                "message": "Could not delete the conversation right now. "
                "Try again; it will also expire on its own."
            },
        )
    log.info("quick_exit", extra={"session": conversations.log_id(sender_id)})
    return Response(status_code=204)


_NOT_NOW: dict[int | str, dict[str, Any]] = {
    503: {"model": Unavailable, "description": "Redis is down: try again."}
}


@router.delete("/{session}", status_code=204, response_class=Response, responses=_NOT_NOW)
async def end_conversation(redis: RedisDep, session: str = SessionPath) -> Response:
    """Quick exit: forget the conversation (tracker and lock) at once."""
    return await _end(session, redis)


@router.post("/{session}/exit", status_code=204, response_class=Response, responses=_NOT_NOW)
async def end_conversation_beacon(redis: RedisDep, session: str = SessionPath) -> Response:
    """Quick exit for `navigator.sendBeacon`, which can only POST: the same as DELETE."""
    return await _end(session, redis)
