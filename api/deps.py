"""Dependencies: clients built once at start-up (in main.lifespan) and handed to routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from redis.asyncio import Redis
from sqlalchemy.engine import Engine

from api.rasa_client import RasaClient
from api.withdrawal import Withdrawals
from lantern.settings import Settings


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
