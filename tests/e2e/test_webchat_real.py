"""The webchat page in Debian's chromium against the real stack: talk, then Exit, no trace."""

from __future__ import annotations

import time

from lantern import facts

EXIT_URL = "https://www.bbc.co.uk/weather"


def _trackers(stack) -> set[str]:
    return set(stack.redis.keys("lantern:tracker:web_*"))


def test_talk_then_exit_leaves_no_trace(stack, browser):
    context = browser.new_context()
    page = context.new_page()
    outside: list[str] = []

    def only_this_machine(route) -> None:
        url = route.request.url
        if url.startswith(stack.url):
            route.continue_()
        elif url.startswith(EXIT_URL):  # the neutral site, answered here: no network
            route.fulfill(body="weather", content_type="text/html")
        else:
            outside.append(url)
            route.abort()

    page.route("**/*", only_this_machine)
    before = _trackers(stack)
    page.goto(stack.url + "/")
    log = page.locator("#log")
    log.get_by_text(facts.values()["emergency_phone"], exact=False).first.wait_for(timeout=30000)
    assert "not a person" in log.inner_text().lower()

    page.locator(".choices button").first.click()
    # The reply to a button carries its own choices: a second group of buttons appears.
    page.locator("#log .choices").nth(1).wait_for(timeout=30000)
    mine = _trackers(stack) - before
    assert len(mine) == 1, "the conversation is kept server-side while it goes on"

    page.locator("#exit-button").click()
    page.wait_for_url(EXIT_URL, timeout=10000)
    deadline = time.monotonic() + 5
    while mine & _trackers(stack) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not (mine & _trackers(stack)), "Exit deleted the conversation from Redis"
    assert context.cookies() == []
    assert outside == [], "the page loaded something from elsewhere"
    context.close()
