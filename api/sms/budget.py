"""How long one SMS webhook may take, and how that time is shared.

Twilio gives a webhook 15 seconds and Lantern promises an answer within SMS_REPLY_SECONDS
(9 by default, so the reply reaches Twilio inside 10 whatever the network adds). Two waits
could break that: the wait for the same sender's previous text (texts are answered one at a
time, api/sms/state.py) and the assistant's turn. Both come out of this one budget, so a burst
from one sender, a slow assistant, or both, still gets an answer in time: the assistant's words
when they come, the safety text (999, 55, a helpline) when they do not.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

# The share kept for this text's own turn: a text waits for the one before it only as long as
# leaves this much. Under load a turn takes up to about a second (bench/); a hung assistant is
# cut at the end of the budget either way.
OWN_TURN_SHARE = 0.45
# Kept back from the assistant's timeout for what follows it: saving the state in Redis and
# shaping the reply, a few milliseconds each when Redis is well.
AFTER_THE_TURN_SECONDS = 0.5


@dataclass
class Budget:
    seconds: float
    started: float = field(default_factory=time.monotonic)

    def left(self) -> float:
        return max(0.0, self.started + self.seconds - time.monotonic())

    def to_wait_for_turn(self) -> float:
        """How long this text may wait while the sender's previous text is answered."""
        return max(0.0, self.left() - self.seconds * OWN_TURN_SHARE)

    def for_assistant(self) -> float:
        """The longest the assistant may take now (0: no time is left to ask it)."""
        return max(0.0, self.left() - AFTER_THE_TURN_SECONDS)
