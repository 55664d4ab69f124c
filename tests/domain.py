"""The domain's responses, as the tests read them (one reader: lantern/domain.py)."""

from __future__ import annotations

from lantern.domain import DOMAIN, responses

__all__ = ["DOMAIN", "responses"]
