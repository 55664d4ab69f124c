"""Browser tests for the webchat page: a small stand-in gateway and Debian's chromium.

The stand-in serves the real template and static files with the real page's CSP, and a fake chat
API that records what the page sent. The real gateway is tested end to end elsewhere.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

import pytest
import uvicorn
from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from playwright.sync_api import Browser, BrowserContext, Page

from api.routers.pages import render_webchat
from api.security import HEADERS
from harness.background import free_port

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "api" / "static"
SCREENSHOTS = ROOT / "var" / "screenshots"

EXIT_URL = "https://www.bbc.co.uk/weather"
CSP = HEADERS["content-security-policy"]  # the real gateway's policy
GREETING = (
    "Hello. I'm Lantern. I'm here to listen and help you find support.\n"
    "If you are in danger now, call 999. If you can't speak, call 999 then press 55.\n"
    "What would you like to do?"
)
GREETING_BUTTONS = [
    {"title": "Find support near me", "payload": "/find_support"},
    {"title": "I just want to talk", "payload": "/just_talk"},
]
FAIL_TEXT = "please fail"  # the stand-in answers 500 to this
SLOW_TEXT = "please be slow"  # the stand-in waits before answering this
CARD_TEXT = "show me a card"
# A card as the gateway passes it on (api/models.py ServiceCard), with one address the page must
# refuse to make a link of.
CARD = {
    "text": "Example line\nCall 0808 000 0000.",
    "buttons": [],
    "card": {
        "id": "example",
        "name": "Example line",
        "phone": "0808 000 0000",
        "text": "60000",
        "webchat": "javascript:alert(1)",
        "url": "https://example.org/help",
    },
}


@dataclass
class StandInGateway:
    """Records what the page asked for; `reset()` between tests."""

    EXIT_URL: ClassVar[str] = EXIT_URL
    GREETING: ClassVar[str] = GREETING
    FAIL_TEXT: ClassVar[str] = FAIL_TEXT
    SLOW_TEXT: ClassVar[str] = SLOW_TEXT

    base_url: str = ""
    chats: list[tuple[str, str]] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    exited: list[str] = field(default_factory=list)
    slow_release: threading.Event = field(default_factory=threading.Event)

    def reset(self) -> None:
        self.chats.clear()
        self.deleted.clear()
        self.exited.clear()
        self.slow_release = threading.Event()

    def texts(self) -> list[str]:
        return [text for _, text in self.chats]

    def wait_for(self, what: list, timeout: float = 5.0) -> list:
        deadline = time.monotonic() + timeout
        while not what and time.monotonic() < deadline:
            time.sleep(0.02)
        return what


def _stand_in_app(gateway: StandInGateway) -> FastAPI:
    app = FastAPI()
    page = render_webchat(EXIT_URL)  # the real gateway's page

    @app.middleware("http")
    async def _headers(request: Request, call_next):
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["Cache-Control"] = "no-store"
        return response

    @app.get("/", response_class=HTMLResponse)
    async def index() -> str:
        return page

    @app.post("/api/chat")
    async def chat(request: Request) -> JSONResponse:
        body = await request.json()
        session, text = body.get("session"), body.get("text")
        if not isinstance(session, str) or not isinstance(text, str) or not text.strip():
            return JSONResponse({"detail": "bad input"}, status_code=422)
        gateway.chats.append((session, text))
        if text == FAIL_TEXT:
            return JSONResponse({"detail": "broken on purpose"}, status_code=500)
        if text == SLOW_TEXT:
            await asyncio.get_running_loop().run_in_executor(None, gateway.slow_release.wait, 10)
        if text == "/greet":
            messages = [{"text": GREETING, "buttons": GREETING_BUTTONS}]
        elif text == CARD_TEXT:
            messages = [CARD]
        else:
            messages = [{"text": f"You sent: {text}", "buttons": []}]
        return JSONResponse({"session": session, "messages": messages})

    @app.delete("/api/chat/{session}")
    async def forget(session: str) -> Response:
        gateway.deleted.append(session)
        return Response(status_code=204)

    @app.post("/api/chat/{session}/exit")
    async def forget_by_beacon(session: str) -> Response:
        gateway.exited.append(session)
        return Response(status_code=204)

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


@pytest.fixture(scope="session")
def stand_in_gateway() -> Iterator[StandInGateway]:
    gateway = StandInGateway()
    port = free_port()
    # ws="none": Rasa pins an old websockets that uvicorn's websocket support cannot import.
    config = uvicorn.Config(
        _stand_in_app(gateway),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="off",
        ws="none",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="stand-in-gateway", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the stand-in gateway did not start")
        time.sleep(0.02)
    gateway.base_url = f"http://127.0.0.1:{port}"
    yield gateway
    gateway.slow_release.set()
    server.should_exit = True
    thread.join(10)


@dataclass
class Visit:
    """One browser context on the stand-in, with every request to elsewhere blocked and noted."""

    page: Page
    context: BrowserContext
    gateway: StandInGateway
    blocked: list[str]
    problems: list[str]

    @property
    def url(self) -> str:
        return self.gateway.base_url + "/"

    def open(self, width: int = 1280, height: int = 800) -> Page:
        self.page.set_viewport_size({"width": width, "height": height})
        self.page.goto(self.url)
        self.page.locator("#log .msg--bot").first.wait_for()
        return self.page


@pytest.fixture
def visit(browser: Browser, stand_in_gateway: StandInGateway) -> Iterator[Visit]:
    stand_in_gateway.reset()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    blocked: list[str] = []
    problems: list[str] = []

    def only_this_machine(route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    # Playwright tries the newest route first: the exit site is answered here, all else is blocked.
    context.route("**/*", only_this_machine)
    context.route(
        "https://www.bbc.co.uk/**",
        lambda route: route.fulfill(body="<title>Weather</title>weather", content_type="text/html"),
    )
    page = context.new_page()
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on(
        "console",
        lambda message: (
            problems.append(f"console {message.type}: {message.text}")
            if message.type == "error"
            else None
        ),
    )
    yield Visit(page, context, stand_in_gateway, blocked, problems)
    stand_in_gateway.slow_release.set()
    context.close()
    assert blocked == [], f"the page asked for something outside this machine: {blocked}"


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
