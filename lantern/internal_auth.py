"""Tokens the parts of Lantern show each other, so that nothing on this machine can skip a part.

Everything listens on loopback only, but any local process (or a request forged through an SSRF)
can reach a loopback port. So Rasa's channel webhooks answer only the gateway, which checks input,
verifies Twilio's signature and pseudonymises senders first (bot/channels.py), and the action
server answers only Rasa (lantern/action_server.py). Each token is generated into var/secrets/
(lantern/settings.py) and handed to the processes in their environment, never on a command line.
"""

from __future__ import annotations

import hmac

# Gateway -> Rasa's channel webhooks.
CHANNEL_TOKEN_VARIABLE = "LANTERN_CHANNEL_TOKEN"
CHANNEL_TOKEN_HEADER = "X-Lantern-Channel-Token"
# Rasa -> the action server (bot/endpoints.yml sends it).
ACTIONS_TOKEN_VARIABLE = "LANTERN_ACTIONS_TOKEN"
ACTIONS_TOKEN_HEADER = "X-Lantern-Actions-Token"


def token_matches(given: str | None, expected: str | None) -> bool:
    """Constant-time, so the time taken says nothing about how much of a guess was right; an
    unset expected token matches nothing."""
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode(), expected.encode())
