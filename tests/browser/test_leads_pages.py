"""The service leads' pages in Debian's chromium, on the real gateway (uvicorn, a real Redis and
a seeded SQLite; Rasa is down and not needed): sign in, the dashboard, approving a quote, the
printable report, and how they look at 320 px and on a desktop."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
import uvicorn
from playwright.sync_api import Browser, Page
from pydantic import SecretStr

from api.main import create_app
from feedback import store
from harness.background import free_port
from lantern.settings import Settings
from tests.feedback.seed import seed

TOKEN = "browser-test-lead-token"


@pytest.fixture(scope="module")
def gateway(tmp_path_factory, redis_url) -> Iterator[str]:
    var = tmp_path_factory.mktemp("leads-var")
    settings = Settings(
        redis_url=redis_url, var_dir=var, service_lead_token=SecretStr(TOKEN),
        rasa_url=f"http://127.0.0.1:{free_port()}", actions_url=f"http://127.0.0.1:{free_port()}",
    )  # fmt: skip
    engine = store.connect(settings.effective_database_url)
    store.migrate(engine)
    # 13 quotes to review (one with details the anonymiser replaced), 43 people in all.
    seed(engine, 1, month="2026-05", text="my ex Darren Hughes rang me on 07700 900123 again")
    seed(engine, 12, month="2026-06")
    seed(engine, 30, month="2026-07", seed=3, may_quote=False)
    engine.dispose()
    port = free_port()
    # ws="none": Rasa pins an old websockets that uvicorn's websocket support cannot import.
    config = uvicorn.Config(
        create_app(settings), host="127.0.0.1", port=port, log_level="warning", ws="none"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="leads-gateway", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the gateway did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture
def leads_page(browser: Browser, gateway: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    outside: list[str] = []
    problems: list[str] = []

    def only_here(route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_here)
    page = context.new_page()
    # A style or script the policy blocks shows up here as a console error (the 401 a wrong
    # token gets is the page working, not a problem).
    page.on(
        "console",
        lambda m: problems.append(m.text) if m.type == "error" and "401" not in m.text else None,
    )
    page.on("pageerror", lambda e: problems.append(str(e)))
    yield page
    context.close()
    assert outside == [] and problems == []


def _sign_in(page: Page, gateway: str) -> None:
    page.goto(f"{gateway}/leads")
    page.get_by_label("Token").fill(TOKEN)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Signed in as Service lead").wait_for()


def test_a_wrong_token_is_refused_and_the_right_one_signs_in(leads_page, gateway):
    page = leads_page
    page.goto(f"{gateway}/leads")
    page.get_by_label("Token").fill("not it")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("alert").inner_text().startswith("That token is not right")
    _sign_in(page, gateway)
    cookies = page.context.cookies()
    assert [(c["name"], c["httpOnly"], c["sameSite"], c["path"]) for c in cookies] == [
        ("lantern_lead", True, "Strict", "/leads")
    ]


def test_the_dashboard_shows_figures_charts_and_the_queue(leads_page, gateway):
    page = leads_page
    _sign_in(page, gateway)
    assert page.locator("h1").inner_text().startswith("Survivor voice")
    assert page.locator(".headline strong").first.inner_text() == "43"
    assert page.locator("svg[role=img]").count() >= 2
    assert page.get_by_text("Whose voices are missing").count() == 1
    assert page.locator("li.quote").count() > 0
    # Replaced details are marked for the reviewer.
    assert page.locator("li.quote mark", has_text="[phone number]").count() == 1


def test_a_lead_approves_a_quote_and_it_appears_in_the_report(leads_page, gateway):
    page = leads_page
    _sign_in(page, gateway)
    first = page.locator("li.quote").first
    words = first.locator("textarea").input_value()
    before = page.locator("li.quote").count()
    first.get_by_role("button", name="Approve").click()
    page.get_by_text("Signed in as").wait_for()
    assert page.locator("li.quote").count() == before - 1
    assert page.locator("blockquote", has_text=words).count() >= 1  # in the report's quotes
    # The printable report, as a lead's tool would fetch it (the token, not the cookie).
    page.context.set_extra_http_headers({"Authorization": f"Bearer {TOKEN}"})
    page.goto(f"{gateway}/api/feedback/report")
    assert page.get_by_text("How this was made").count() == 1
    assert page.locator("blockquote").count() >= 1


@pytest.mark.parametrize(("width", "height"), [(320, 640), (1280, 800)])
def test_the_pages_fit_a_phone_and_a_desktop(leads_page, gateway, screenshots, width, height):
    page = leads_page
    page.set_viewport_size({"width": width, "height": height})
    _sign_in(page, gateway)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the dashboard is {overflow}px wider than a {width}px screen"
    page.screenshot(path=screenshots / f"leads-{width}x{height}.png", full_page=True)
    page.context.set_extra_http_headers({"Authorization": f"Bearer {TOKEN}"})
    page.goto(f"{gateway}/api/feedback/report")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the report is {overflow}px wider than a {width}px screen"
    page.screenshot(path=screenshots / f"report-{width}x{height}.png", full_page=True)
    page.emulate_media(media="print")
    assert page.locator("form").first.is_hidden() or page.locator("form").count() == 0
    assert (screenshots / f"leads-{width}x{height}.png").stat().st_size > 5000
