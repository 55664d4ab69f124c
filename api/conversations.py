"""Where a conversation lives in Redis, and how quick exit forgets it."""

from __future__ import annotations

import hashlib

from redis.asyncio import Redis

from lantern.settings import LOCK_KEY_PREFIX, REDIS_KEY_PREFIX, TRACKER_KEY_PREFIX

# A turn already on its way to Rasa when Exit is pressed would save the tracker again after the
# delete; this marker, kept a little longer than any turn can take, makes the gateway delete it
# again when that turn comes back.
_ENDED_PREFIX = f"{REDIS_KEY_PREFIX}:ended:"
_ENDED_SECONDS = 600


def web_sender_id(session: str) -> str:
    return f"web_{session}"


def log_id(sender_id: str) -> str:
    """A short stable id for logs that cannot be turned back into the session id."""
    return hashlib.sha256(sender_id.encode()).hexdigest()[:12]


async def forget(redis: Redis, sender_id: str, *also: str) -> None:
    """Delete the conversation (and the keys in `also`) in one transaction: all or nothing, so
    a crash half-way can never leave a channel's state gone and the old tracker still there."""
    async with redis.pipeline(transaction=True) as pipe:
        pipe.delete(TRACKER_KEY_PREFIX + sender_id, LOCK_KEY_PREFIX + sender_id, *also)
        pipe.set(_ENDED_PREFIX + sender_id, 1, ex=_ENDED_SECONDS)
        await pipe.execute()


async def forget_if_ended(redis: Redis, sender_id: str) -> bool:
    if await redis.exists(_ENDED_PREFIX + sender_id):
        await redis.delete(TRACKER_KEY_PREFIX + sender_id, LOCK_KEY_PREFIX + sender_id)
        return True
    return False


async def start_again(redis: Redis, sender_id: str) -> None:
    """An SMS sender who ended a chat and texts again starts a new one: the same pseudonym comes
    back, so the marker that deletes late turns must not delete this new conversation."""
    await redis.delete(_ENDED_PREFIX + sender_id)
