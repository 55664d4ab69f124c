"""The action server: rasa-sdk's app, answering only Rasa, never echoing what it was sent.

rasa-sdk's own server (`python -m rasa_sdk`) answers anyone who can reach its port, and when an
action raises it logs the request and answers 500 with the whole request body, which is the
tracker: every message of the conversation and the sender id. Rasa then logs that answer. So this
entry point builds rasa-sdk's app (`create_app`, the same routes and executor) and adds three
things rasa-sdk has no setting for:

- every route but /health needs the header Rasa sends (bot/endpoints.yml, `headers:`) with a
  token shared through the environment, compared in constant time; others get 403;
- an action that raises is logged by the kind of error only, and answered with a fixed 500;
- the directory is loaded and checked before the server listens, so broken data stops the start
  instead of someone's conversation.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from lantern.internal_auth import ACTIONS_TOKEN_HEADER as TOKEN_HEADER
from lantern.internal_auth import ACTIONS_TOKEN_VARIABLE as TOKEN_VARIABLE
from lantern.internal_auth import token_matches

OPEN_PATHS = frozenset({"/health"})

log = logging.getLogger("lantern.actions")


def check_directory(data_dir: Path | None = None) -> None:
    """Load the directory the actions serve and stop if it has errors (as `validate` reports)."""
    from directory.national import use_cache
    from directory.search import _served
    from directory.validate import DATA_DIR, validate
    from lantern.facts import FACTS
    from lantern.settings import get_settings

    use_cache(get_settings().effective_cache_dir)
    errors = [f for f in validate(data_dir or DATA_DIR, quoted=FACTS) if f.level == "error"]
    if errors:
        raise SystemExit(
            "lantern actions: the directory has errors; run `lantern directory validate`"
            f" ({len(errors)} errors)"
        )
    _served()  # the index every search uses, built now rather than in the first conversation


def warm_feedback() -> None:
    """Build the anonymiser and fit the themes now: the first person to give feedback should not
    wait seconds for them after their last answer. The fit learns from the leads' corrections in
    the database too (issue 16: a correction is a labelled example for the next training)."""
    from sqlalchemy.exc import SQLAlchemyError

    from actions.feedback_records import engine
    from feedback import store, themes
    from feedback.anonymise import anonymise
    from lantern.settings import get_settings
    from reading import learned_reader

    learned_reader.use_cache(get_settings().effective_cache_dir)
    try:
        themes.use_corrections(store.corrections(engine()))
    except SQLAlchemyError:
        # Conversations, danger replies first, matter more than a lead's corrections: start
        # without them (the repo's examples still teach every theme) and say so.
        log.warning(
            "lantern actions: the feedback database could not be read; themes fitted without "
            "the leads' corrections"
        )
    themes.themes().read(anonymise("warming up: the anonymiser and the themes").text)


def create_app(token: str):
    from rasa_sdk.endpoint import create_app as sdk_app
    from sanic import response

    app = sdk_app("actions", cors_origins=[])

    @app.on_request
    async def _only_rasa(request):
        if request.path in OPEN_PATHS:
            return None
        if not token_matches(request.headers.get(TOKEN_HEADER), token):
            return response.json({"error": "This server answers only Lantern's Rasa."}, 403)
        return None

    async def _failed(request, exception: Exception):
        # The kind of failure only: the request is a tracker, and an error's message can quote a
        # slot value (a KeyError on what someone typed). Sanic's own errors (404, bad JSON) keep
        # their status.
        status = getattr(exception, "status_code", 500)
        if status >= 500:
            log.error("action failed: %s", type(exception).__name__)
        return response.json({"error": "The action failed."}, status=status)

    app.error_handler.add(Exception, _failed)
    return app


def main() -> None:
    token = os.environ.pop(TOKEN_VARIABLE, "")
    if not token:
        raise SystemExit(f"lantern: {TOKEN_VARIABLE} is not set; the action server would be open")
    from rasa_sdk import utils

    utils.configure_colored_logging(os.environ.get("LOG_LEVEL", "INFO"))
    utils.update_sanic_log_level()
    check_directory()
    warm_feedback()
    host = os.environ.get("SANIC_HOST", "127.0.0.1")
    port = int(os.environ.get("ACTIONS_PORT", "5055"))
    app = create_app(token)
    # One worker, no access log (it would carry paths and client addresses).
    app.run(host, port, workers=1, access_log=False)


if __name__ == "__main__":
    main()
