"""Errors mapped to HTTP answers in one place: clear 4xx for bad input, never a bare 500."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("lantern.gateway")

_FRIENDLY = {
    "session": "session must be 16 to 128 characters: letters, digits, '-' or '_'",
    "text": "text must be 1 to 2000 characters",
}


def _message(error: dict) -> str:
    location = [str(part) for part in error.get("loc", ()) if part not in ("body", "path")]
    field = location[-1] if location else ""
    if error.get("type") in ("value_error.jsondecode", "json_invalid"):
        return "the body is not valid JSON"
    if error.get("type") == "value_error.missing":
        return f"{field or 'a field'} is missing"
    if error.get("type") == "type_error.dict" or not field:
        return 'send a JSON object like {"session": "...", "text": "..."}'
    if field == "text" and str(error.get("msg", "")).startswith("text must"):
        return str(error["msg"])  # our own validator's words
    if field == "text" and str(error.get("type", "")).startswith("type_error"):
        return "text must be a string (what the person wrote)"
    return _FRIENDLY.get(field, f"{field}: {error.get('msg', 'is not valid')}")


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)  # registered for this type only (install)
    # The input is echoed back to no one and logged nowhere: it may be a survivor's words.
    errors = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors()]
    message = "; ".join(dict.fromkeys(_message(e) for e in errors))
    return JSONResponse(status_code=422, content=error_body(message, errors))


# FastAPI answers JSON it could not parse at all (nested thousands deep, a number of thousands of
# digits) with this 400; the contract says bad input is a 422 with a message, like other bad JSON.
_UNPARSED = "There was an error parsing the body"


def error_body(message: str, errors: list[dict] | None = None) -> dict:
    """The one shape of every 4xx answer (api/models.py ErrorReply): a sentence for people and
    the details for programs, always a list."""
    return {"message": message, "detail": errors or [{"loc": [], "msg": message, "type": "http"}]}


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)  # registered for this type only (install)
    status, message = exc.status_code, str(exc.detail)
    if status == 400 and message == _UNPARSED:
        status, message = 422, "the body is not valid JSON (too deeply nested or a number too long)"
    return JSONResponse(
        status_code=status,
        content=error_body(message),
        headers=getattr(exc, "headers", None),
    )


class ContainErrors:
    """ASGI middleware: an unexpected error becomes a 503 with a message, never a bare 500.

    Starlette's own handler for Exception re-raises after answering, so the server would log a
    traceback whose text can quote user input; this stops the error here and logs only its type.
    """

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        started = False

        async def _send(message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, _send)
        except Exception as exc:
            # The route's template, never the path itself: a path is whatever the client sent.
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            log.error("unexpected_error", extra={"route": route, "error": type(exc).__name__})
            if started or scope["type"] != "http":
                return
            response = JSONResponse(
                status_code=503,
                content={"message": "Something went wrong on our side. Please try again."},
            )
            await response(scope, receive, send)


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_middleware(ContainErrors)
