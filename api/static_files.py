"""Starlette's StaticFiles, with two of its answers mended.

- A NUL byte (`/static/%00...`) makes the path lookup raise ValueError, which Starlette does not
  catch, so the request became a 503 and an error log. A name no file can have is not found: 404.
- Several ranges in one request (`Range: bytes=0-9,20-29`) get a multipart answer that no client
  can read (the boundary in Content-Range instead of Content-Type, bare newlines instead of
  CRLF). The standard lets a server ignore Range, so such a request gets the whole file (200).
  One range is served as Starlette serves it (206, or 416 past the end).
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send


class StaticFilesOr404(StaticFiles):
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = scope.get("headers") or []
        if any(name == b"range" and b"," in value for name, value in headers):
            scope = dict(scope, headers=[(n, v) for n, v in headers if n != b"range"])
        await super().__call__(scope, receive, send)

    async def get_response(self, path: str, scope: Scope) -> Response:
        if "\x00" in path:
            raise HTTPException(status_code=404)
        return await super().get_response(path, scope)
