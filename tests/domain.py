"""The domain's responses, slots and intents, as the tests read them (lantern/domain.py)."""

from __future__ import annotations

from lantern.domain import DOMAIN, intents, responses, slots

__all__ = ["DOMAIN", "intents", "responses", "slots"]
