"""Headers that keep the pages self-contained and leave as little trace as a browser allows."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADERS = {
    # Nothing loads from anywhere but this server; no framing (clickjacking).
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    ),
    # No copy of a page or a reply in the browser's cache for someone else to find.
    "cache-control": "no-store",
    # Leaving through Exit must not tell the neutral site where the person came from.
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        # Only the leads' pages may set a cookie (their sign-in); the rest of the site stays
        # cookie-free, so nothing of a visit is left in the browser.
        keep_cookie = scope["path"] == "/leads" or scope["path"].startswith("/leads/")

        async def _send(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k != b"set-cookie" or keep_cookie
                ]
                headers += [(k.encode(), v.encode()) for k, v in HEADERS.items()]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, _send)
