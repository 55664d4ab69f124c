"""`rasa run` with its API token taken from the environment, never from the command line.

A command line is readable by every local user (`ps`, /proc/*/cmdline); a process's environment
is readable only by its owner. Rasa takes its token only as `--auth-token`, so this entry point
adds it to the arguments inside the process, where `ps` cannot see it. Hand-written because
Rasa has no setting or variable for the token.
"""

from __future__ import annotations

import os
import sys

TOKEN_VARIABLE = "LANTERN_RASA_TOKEN"


def argv_with_token(argv: list[str], environ: dict[str, str]) -> list[str]:
    token = environ.get(TOKEN_VARIABLE)
    if not token:
        raise SystemExit(f"lantern: {TOKEN_VARIABLE} is not set; Rasa's API would be open")
    # One argument with "=": a generated token may start with "-", which argparse would take for
    # an option.
    return [*argv, f"--auth-token={token}"]


def main() -> None:
    sys.argv = argv_with_token(sys.argv, dict(os.environ))
    os.environ.pop(TOKEN_VARIABLE, None)  # not passed on to anything Rasa starts

    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
