"""What lantern/rasa_server.py changes in Rasa before it starts, checked on Rasa's own classes."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError

from lantern import rasa_server

GOOD = {"events": [{"event": "slot", "name": "need", "value": "housing"}], "responses": []}
BAD = [{"events": "not a list"}, {"events": [{"no_event_key": 1}]}, {"responses": [3]}]


@pytest.fixture
def remote_action(monkeypatch):
    from rasa.core.actions.action import RemoteAction

    # Kept and put back, so no other test runs on the changed class.
    monkeypatch.setattr(
        RemoteAction, "_validate_action_result", RemoteAction.__dict__["_validate_action_result"]
    )
    return RemoteAction("action_test", None)


@pytest.mark.parametrize("reply", [GOOD, *BAD])
def test_one_validator_judges_every_reply_as_rasa_did(remote_action, reply):
    def verdict() -> str:
        try:
            return str(remote_action._validate_action_result(reply))
        except ValidationError as error:
            return error.message

    before = verdict()
    rasa_server.validate_action_replies_with_one_validator()
    assert verdict() == before
    assert ("Failed to validate Action server response" in before) == (reply is not GOOD)


def test_rasa_waits_less_than_the_gateway_and_a_dead_servers_lock_goes_soon_after():
    waits = rasa_server.waits(10.0)
    assert float(waits[rasa_server.ACTIONS_TIMEOUT_VARIABLE]) < 10
    assert 10 < int(waits["TICKET_LOCK_LIFETIME"]) < 60  # Rasa's own default was 60 s
