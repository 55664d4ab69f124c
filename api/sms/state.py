"""What the SMS gateway remembers about one conversation, in Redis beside Rasa's tracker.

Keyed by the sender's pseudonym (api/sms/pseudonym.py), never the phone number. It holds only what
SMS needs and Rasa cannot: whether the person said texting is safe, discreet mode, the keyed hash
of their safe word, the choices last offered (so "2" can be mapped back), and the assistant's
words not yet sent (MORE, or the reply held back while asking whether texting is safe). It lives
exactly as long as the tracker, and quick exit deletes both.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from redis.asyncio import Redis
from redis.asyncio.lock import Lock

from api import conversations, rate
from lantern.settings import REDIS_KEY_PREFIX

_STATE = f"{REDIS_KEY_PREFIX}:sms:"
_RATE = f"{REDIS_KEY_PREFIX}:sms-rate:"
_TURN = f"{REDIS_KEY_PREFIX}:sms-turn:"
# A turn that died still frees the number after this. How long a text waits for the one before
# it comes from its budget (api/sms/budget.py).
TURN_HOLD_SECONDS = 30


@dataclass
class SmsState:
    stage: str = "new"  # new -> asked (is texting safe?) -> ok
    discreet: bool = True
    word: str = ""  # keyed hash of the safe word
    payloads: list[str] = field(default_factory=list)  # the numbered choices last offered
    titles: list[str] = field(default_factory=list)
    more: str = ""  # the assistant's words that did not fit
    pending: dict = field(default_factory=dict)  # a reply held back until texting is safe


def one_turn_at_a_time(redis: Redis, sender: str, wait_seconds: float) -> Lock:
    """A lock per sender, held for one whole turn.

    Two texts sent quickly arrive as two webhooks at once; each reads this state, and without
    the lock both would be treated as the first text (two safety questions, the first turn's
    tracker deleted by the second) or one's choices would overwrite the other's. Waiting too
    longer than `wait_seconds` raises LockError: the person gets the safety text. The key holds
    nothing but the pseudonym and a random token, and goes when the turn ends."""
    return redis.lock(_TURN + sender, timeout=TURN_HOLD_SECONDS, blocking_timeout=wait_seconds)


async def load(redis: Redis, sender: str) -> SmsState:
    raw = await redis.get(_STATE + sender)
    if not raw:
        return SmsState()
    try:
        return SmsState(**json.loads(raw))
    except (TypeError, ValueError):
        return SmsState()  # unreadable: start again, safely, with the safety question


async def save(redis: Redis, sender: str, state: SmsState, ttl_seconds: int) -> None:
    await redis.set(_STATE + sender, json.dumps(asdict(state)), ex=ttl_seconds)


async def forget(redis: Redis, sender: str) -> None:
    """Quick exit for SMS: the tracker, its lock and everything here, in one step."""
    await conversations.forget(redis, sender, _STATE + sender)


async def count_message(redis: Redis, sender: str, window_seconds: int) -> int:
    """How many messages this sender has sent in the current window, this one included."""
    return await rate.count(redis, _RATE + sender, window_seconds)
