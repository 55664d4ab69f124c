"""Dependencies: clients built once at start-up (in main.lifespan) and handed to routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.engine import Engine

from api import rate
from api.rasa_client import RasaClient
from api.withdrawal import Withdrawals
from lantern.settings import REDIS_KEY_PREFIX, Settings

_CLIENT_RATE = f"{REDIS_KEY_PREFIX}:chat-rate:"


def _settings(request: Request) -> Settings:
    return request.app.state.settings


def _redis(request: Request) -> Redis:
    return request.app.state.redis


def _rasa(request: Request) -> RasaClient:
    return request.app.state.rasa


def _withdrawals(request: Request) -> Withdrawals:
    return request.app.state.withdrawals


def _feedback_db(request: Request) -> Engine:
    """The feedback database (the one WITHDRAW deletes from, and the leads read)."""
    return request.app.state.withdrawals.engine


SettingsDep = Annotated[Settings, Depends(_settings)]
RedisDep = Annotated[Redis, Depends(_redis)]
RasaDep = Annotated[RasaClient, Depends(_rasa)]
WithdrawalsDep = Annotated[Withdrawals, Depends(_withdrawals)]
FeedbackDbDep = Annotated[Engine, Depends(_feedback_db)]


async def _over_limit(request: Request, settings: SettingsDep, redis: RedisDep) -> bool:
    """Whether this client address has sent more than its share in the current window (webchat
    turns and /withdraw tries together). Counted before WITHDRAW, so codes cannot be guessed at
    speed. Without Redis nothing can be counted, and nothing is held back: Rasa cannot answer
    then either, so the person gets the static safety message."""
    address = request.client.host if request.client else "unknown"
    client = rate.client_id(address, settings.secret("pseudonym_key"))
    try:
        sent = await rate.count(redis, _CLIENT_RATE + client, settings.chat_rate_window_seconds)
    except RedisError:
        return False
    return sent > settings.chat_rate_limit


OverLimitDep = Annotated[bool, Depends(_over_limit)]
