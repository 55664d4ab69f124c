"""Error paths answer with a clear status and log nothing the client sent."""

from __future__ import annotations

import io
import json
import logging

import pytest

MARKER = "ZebrafinchQuillon"


@pytest.fixture
def logs(client):
    """What Lantern's log handler writes (JSON lines), caught by swapping its stream."""
    handlers = logging.getLogger("lantern").handlers
    assert handlers, "api.logs.configure installs Lantern's handler"
    stream, saved = io.StringIO(), [h.setStream(io.StringIO()) for h in handlers]
    for handler in handlers:
        handler.setStream(stream)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    for handler, old in zip(handlers, saved, strict=True):
        handler.setStream(old)


def test_a_path_no_file_can_have_is_not_found(client, logs):
    for path in (f"/static/%00{MARKER}", f"/static/..%2f{MARKER}", f"/static/a%00{MARKER}.css"):
        answer = client.get(path)
        assert answer.status_code == 404, path
        assert MARKER not in answer.text
    assert MARKER not in json.dumps(logs())


def test_an_unexpected_error_logs_the_route_never_the_path(client, logs):
    @client.app.get("/test-only/boom/{word}")
    async def boom(word: str) -> None:
        raise RuntimeError(word)

    answer = client.get(f"/test-only/boom/{MARKER}")
    assert answer.status_code == 503 and MARKER not in answer.text
    logged = logs()
    assert MARKER not in json.dumps(logged)
    errors = [line for line in logged if line.get("event") == "unexpected_error"]
    assert [(e["route"], e["error"]) for e in errors] == [
        ("/test-only/boom/{word}", "RuntimeError")
    ]
