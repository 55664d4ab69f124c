"""Structured logs that cannot carry what a person wrote.

Only the event name and whitelisted fields are emitted: ids, counts, timings, outcomes. Message
text, phone numbers and IP addresses are never passed to a logger in Lantern; the whitelist
makes sure a stray `extra` cannot add them either.
"""

from __future__ import annotations

import json
import logging
import time

_ALLOWED = {"session", "route", "error", "status", "ms", "messages", "rasa", "component", "down"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.msg if isinstance(record.msg, str) else type(record.msg).__name__,
        }
        entry.update({k: v for k, v in record.__dict__.items() if k in _ALLOWED})
        return json.dumps(entry)


def configure(level: str) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger("lantern")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False
