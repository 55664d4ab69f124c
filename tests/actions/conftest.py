"""Tracker fixtures from small JSON files, and the real domain's responses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rasa_sdk import Tracker

from tests.domain import responses, slots

FIXTURES = Path(__file__).parent / "fixtures"


def tracker(name: str) -> Tracker:
    return Tracker.from_dict(json.loads((FIXTURES / f"{name}.json").read_text()))


@pytest.fixture(scope="session")
def domain() -> dict:
    """The responses the actions read their words from, as Rasa sends them (send_domain)."""
    return {"responses": responses(), "slots": slots()}
