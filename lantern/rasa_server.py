"""`rasa run` with its API token taken from the environment, never from the command line.

A command line is readable by every local user (`ps`, /proc/*/cmdline); a process's environment
is readable only by its owner. Rasa takes its token only as `--auth-token`, so this entry point
adds it to the arguments inside the process, where `ps` cannot see it. Hand-written because
Rasa has no setting or variable for the token.
"""

from __future__ import annotations

import logging
import os
import sys

TOKEN_VARIABLE = "LANTERN_RASA_TOKEN"
ACTIONS_TIMEOUT_VARIABLE = "LANTERN_ACTIONS_TIMEOUT"


def waits(turn_seconds: float) -> dict[str, str]:
    """How long Rasa waits, set from how long the gateway waits for a turn (RASA_TIMEOUT_SECONDS).

    - The action server: 7 tenths of the turn, so a hung action server ends the turn while the
      gateway still listens (Rasa's own wait is 5 minutes, and it holds the conversation's lock
      all that time).
    - TICKET_LOCK_LIFETIME, Rasa's own variable: how long a conversation's lock outlives a Rasa
      server that died holding it (default 60 s, which left that conversation answered only with
      the safety text for a minute). Longer than any turn the gateway still waits for.
    """
    return {
        ACTIONS_TIMEOUT_VARIABLE: f"{turn_seconds * 0.7:.1f}",
        "TICKET_LOCK_LIFETIME": str(int(turn_seconds) + 5),
    }


def _wait_for_actions(seconds: float) -> None:
    # Hand-written: Rasa 3.6 reads its action-server timeout from a module constant that no
    # setting or variable reaches; both places that use it are set before the server starts.
    import rasa.core.actions.action as action
    import rasa.utils.endpoints as endpoints

    action.DEFAULT_REQUEST_TIMEOUT = seconds
    endpoints.DEFAULT_REQUEST_TIMEOUT = seconds


def argv_with_token(argv: list[str], environ: dict[str, str]) -> list[str]:
    token = environ.get(TOKEN_VARIABLE)
    if not token:
        raise SystemExit(f"lantern: {TOKEN_VARIABLE} is not set; Rasa's API would be open")
    # One argument with "=": a generated token may start with "-", which argparse would take for
    # an option.
    return [*argv, f"--auth-token={token}"]


# Sent by Rasa, as a custom message, when an action could not run; the gateway then answers
# with the static safety message on both channels (api/rasa_client.py).
ACTIONS_FAILED = "lantern_actions_failed"


def _say_when_actions_fail() -> None:
    """When the action server is down, hung or broken, Rasa logs it and carries on with whatever
    the turn said before the action: half an answer, or nothing (issue 17). Hand-written, as Rasa
    has no hook for a failed action: its RemoteAction.run is wrapped so the turn also carries
    ACTIONS_FAILED. A rejection (a form's validation saying no) is not a failure and goes on."""
    from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
    from rasa.shared.core.events import BotUttered

    run = RemoteAction.run

    async def run_or_say_so(self, output_channel, nlg, tracker, domain):
        try:
            return await run(self, output_channel, nlg, tracker, domain)
        except ActionExecutionRejection:
            raise
        except Exception as error:  # noqa: BLE001 - any failure: the person gets 999 instead
            logging.getLogger("lantern.rasa").error(
                "action_failed", extra={"action": self.name(), "error": type(error).__name__}
            )
            return [BotUttered(data={"custom": {ACTIONS_FAILED: self.name()}})]

    RemoteAction.run = run_or_say_so


def validate_action_replies_with_one_validator() -> None:
    """Rasa checks every action server reply with `jsonschema.validate`, which first checks
    Rasa's fixed reply schema against JSON Schema's own metaschema, every time: about 16% of
    Rasa's CPU under load (py-spy during bench/load.py), 37 to 41 ms a reply here. Hand-written
    because Rasa offers no setting for it: the schema is checked once and its validator kept, and
    each reply is validated exactly as `jsonschema.validate` does, raising the same error with
    Rasa's note added."""
    from jsonschema import exceptions, validators
    from rasa.core.actions.action import DOCS_BASE_URL, RemoteAction

    schema = RemoteAction.action_response_format_spec()
    kind = validators.validator_for(schema)
    kind.check_schema(schema)
    validator = kind(schema)

    def validate(self, result) -> bool:
        error = exceptions.best_match(validator.iter_errors(result))
        if error is None:
            return True
        error.message += (
            ". Failed to validate Action server response from API, make sure your response "
            "from the Action endpoint is valid. For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error

    RemoteAction._validate_action_result = validate


def main() -> None:
    sys.argv = argv_with_token(sys.argv, dict(os.environ))
    os.environ.pop(TOKEN_VARIABLE, None)  # not passed on to anything Rasa starts
    if actions_timeout := os.environ.get(ACTIONS_TIMEOUT_VARIABLE):
        _wait_for_actions(float(actions_timeout))
    _say_when_actions_fail()
    validate_action_replies_with_one_validator()

    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
