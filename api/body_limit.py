"""A request body limit, checked before anything parses the body.

Starlette and uvicorn read a body of any size into memory before FastAPI validates it, so a
megabyte of text was parsed only to be refused for being over 2000 characters. This refuses a
body over its path's limit with 413 and a message: at once when Content-Length says so, or as
soon as a streamed (chunked) body passes it. Hand-written: Starlette has no body limit of its
own, and uvicorn's limits are on headers, not bodies.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_body

KIB = 1024
# Chat text is at most 2000 characters (up to 4 bytes each in UTF-8, plus JSON escapes); a Twilio
# webhook carries one text (1600 characters at most) and a few dozen short fields.
LIMITS = {"/api/chat": 16 * KIB, "/sms/twilio": 64 * KIB}
DEFAULT_LIMIT = 16 * KIB


def limit_for(path: str) -> int:
    for prefix, limit in LIMITS.items():
        if path == prefix or path.startswith(prefix + "/"):
            return limit
    return DEFAULT_LIMIT


def _message(limit: int) -> str:
    return f"the request is too large: at most {limit // KIB} KiB"


class _TooLarge(HTTPException):
    """Raised while the body is read. An HTTPException, because FastAPI turns any other error
    while reading a body into a 400; this one its error handler answers as the 413 it is."""

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=_message(limit))


class BodyLimit:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = limit_for(scope.get("path", ""))
        declared = dict(scope.get("headers") or []).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            await self._refuse(limit, scope, receive, send)
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise _TooLarge(limit)
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except _TooLarge:
            if not started:
                await self._refuse(limit, scope, receive, send)

    @staticmethod
    async def _refuse(limit: int, scope: Scope, receive: Receive, send: Send) -> None:
        from starlette.responses import JSONResponse

        response = JSONResponse(status_code=413, content=error_body(_message(limit)))
        await response(scope, receive, send)
