"""Dependencies: clients built once at start-up (in main.lifespan) and handed to routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from redis.asyncio import Redis

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


SettingsDep = Annotated[Settings, Depends(_settings)]
RedisDep = Annotated[Redis, Depends(_redis)]
RasaDep = Annotated[RasaClient, Depends(_rasa)]
WithdrawalsDep = Annotated[Withdrawals, Depends(_withdrawals)]
