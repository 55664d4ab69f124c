"""WITHDRAW <code>: delete a feedback record, from the webchat, by text or on the /withdraw page.

The gateway answers it itself, before the assistant: the code would otherwise be a message in
the conversation, linking the conversation to the record it deletes. Only a keyed hash of the
code is stored (feedback.store), so the code alone finds the record and nothing else does.
Words come from bot/domain/feedback.yml.
"""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from feedback import store
from lantern.domain import responses

log = logging.getLogger("lantern.gateway.withdraw")
# "WITHDRAW ABCD-2345", "withdraw abcd2345", "Withdraw: ABCD 2345"
_ASKED = re.compile(r"\s*withdraw\b[\s:#-]*(.*?)\s*", re.IGNORECASE | re.DOTALL)
_CODE = re.compile(r"[A-Za-z0-9]{4}[\s-]?[A-Za-z0-9]{4}")


@lru_cache
def words(name: str) -> str:
    return responses()[f"utter_withdraw_{name}"][0]["text"]


def asked(text: str) -> bool:
    return _ASKED.fullmatch(text) is not None


@dataclass(frozen=True)
class Withdrawals:
    engine: Engine
    key: bytes

    async def answer(self, text: str) -> str | None:
        """The reply to a WITHDRAW message, or None if the message is not one."""
        found = _ASKED.fullmatch(text)
        if found is None:
            return None
        code = found.group(1)
        if not _CODE.fullmatch(code):
            return words("how")
        try:
            gone = await asyncio.to_thread(store.withdraw, self.engine, code, self.key)
        except SQLAlchemyError as error:
            log.error("withdraw_failed", extra={"error": type(error).__name__})
            return words("unavailable")
        log.info("withdraw", extra={"found": gone})
        return words("done" if gone else "not_found")
