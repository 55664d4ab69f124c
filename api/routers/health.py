"""`GET /healthz`: 200 only when Rasa (model loaded), the action server and Redis answer."""

from __future__ import annotations

import asyncio
import logging

import httpx
from fastapi import APIRouter
from fastapi.responses import JSONResponse
from redis.exceptions import RedisError

from api.deps import RasaDep, RedisDep, SettingsDep
from api.models import Health

log = logging.getLogger("lantern.gateway.health")
router = APIRouter(tags=["health"])


async def _redis_up(redis) -> bool:
    try:
        return bool(await asyncio.wait_for(redis.ping(), timeout=2))
    except (TimeoutError, RedisError, OSError):
        return False


async def _actions_up(url: str) -> bool:
    try:
        async with httpx.AsyncClient(timeout=2) as client:
            return (await client.get(f"{url}/health")).status_code == 200
    except httpx.HTTPError:
        return False


@router.get(
    "/healthz",
    response_model=Health,
    responses={503: {"model": Health, "description": "Something Lantern needs is down."}},
)
async def healthz(settings: SettingsDep, rasa: RasaDep, redis: RedisDep) -> JSONResponse:
    rasa_ok, actions_ok, redis_ok = await asyncio.gather(
        rasa.model_loaded(), _actions_up(settings.actions_url), _redis_up(redis)
    )
    checks = {"rasa": rasa_ok, "actions": actions_ok, "redis": redis_ok}
    down = [name for name, ok in checks.items() if not ok]
    if down:
        log.warning("unhealthy", extra={"down": down})
    return JSONResponse(
        status_code=503 if down else 200,
        content={"status": "down" if down else "ok", "checks": checks, "down": down},
    )
