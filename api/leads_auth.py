"""Who is asking for feedback figures: a service lead, by `Authorization: Bearer <token>` on the
APIs, or by the session cookie the /leads sign-in gives (HttpOnly, SameSite=Strict, sent only
to /leads paths). Sessions live in Redis, memory only, and expire; the cookie holds a random id,
and Redis holds only a hash of it with the lead's name."""

from __future__ import annotations

import hashlib
import secrets
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from redis.asyncio import Redis
from redis.exceptions import RedisError

from feedback.leads import Lead, find
from lantern.settings import REDIS_KEY_PREFIX

COOKIE = "lantern_lead"
COOKIE_PATH = "/leads"
_SESSION = f"{REDIS_KEY_PREFIX}:lead_session:"


def _key(session: str) -> str:
    return _SESSION + hashlib.sha256(session.encode()).hexdigest()


async def start_session(redis: Redis, lead: Lead, minutes: int) -> str:
    session = secrets.token_urlsafe(32)
    await redis.set(_key(session), lead.name, ex=minutes * 60)
    return session


async def end_session(redis: Redis, session: str | None) -> None:
    if session:
        await redis.delete(_key(session))


def _unauthorised() -> HTTPException:
    return HTTPException(
        401,
        "A service lead's token is needed: Authorization: Bearer <token>.",
        headers={"WWW-Authenticate": "Bearer"},
    )


def bearer_lead(request: Request) -> Lead:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    lead = find(request.app.state.leads, token.strip()) if scheme.lower() == "bearer" else None
    if lead is None:
        raise _unauthorised()
    return lead


async def session_lead(request: Request) -> Lead | None:
    """The signed-in lead on a /leads page, or None."""
    session = request.cookies.get(COOKIE)
    if not session:
        return None
    try:
        name = await request.app.state.redis.get(_key(session))
    except RedisError:
        return None  # cannot tell: signed out, and signing in says why it cannot happen now
    return next((lead for lead in request.app.state.leads if lead.name == name), None)


BearerLead = Annotated[Lead, Depends(bearer_lead)]
