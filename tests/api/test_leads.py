"""The leads' APIs and pages through the gateway (a real Redis and SQLite; Rasa down): tokens,
areas, the session cookie only on /leads, the review queue, the export and its audit trail."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.main import create_app
from feedback import leads, store
from tests.feedback.seed import seed

TELFORD, SHROPSHIRE = "E06000020", "E06000051"
DEFAULT = "the-default-lead-token-for-tests"


@pytest.fixture
def lead_settings(settings, tmp_path):
    leads_file = tmp_path / "leads.yml"
    return settings.copy(
        update={"service_lead_token": SecretStr(DEFAULT), "leads_file": leads_file}
    )


@pytest.fixture
def telford_token(lead_settings) -> str:
    return leads.add(lead_settings.effective_leads_file, "Telford lead", [TELFORD])


@pytest.fixture
def db(lead_settings):
    engine = store.connect(lead_settings.effective_database_url)
    store.migrate(engine)
    seed(engine, 30, area=TELFORD)
    seed(engine, 15, area=SHROPSHIRE)
    yield engine
    engine.dispose()


@pytest.fixture
def app(lead_settings, telford_token, db, redis_client):
    with TestClient(create_app(lead_settings)) as client:
        yield client


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize("path", ["/api/feedback/themes", "/api/feedback/report",
                                  "/api/feedback/export.csv"])  # fmt: skip
@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"},
                                     {"Authorization": f"Basic {DEFAULT}"}])  # fmt: skip
def test_without_a_lead_s_token_everything_is_401(app, path, headers):
    reply = app.get(path, headers=headers)
    assert reply.status_code == 401 and reply.headers["www-authenticate"] == "Bearer"
    assert "token" in reply.json()["message"]


def test_with_no_lead_configured_every_token_is_refused(settings, redis_client):
    with TestClient(create_app(settings)) as client:
        assert client.get("/api/feedback/themes", headers=_bearer("")).status_code == 401


def test_a_lead_sees_only_their_areas(app, telford_token):
    mine = app.get("/api/feedback/themes", headers=_bearer(telford_token)).json()
    everyone = app.get("/api/feedback/themes", headers=_bearer(DEFAULT)).json()
    assert mine["n"] == "30" and everyone["n"] == "45"
    shropshire = {"area": SHROPSHIRE}
    refused = app.get("/api/feedback/themes", params=shropshire, headers=_bearer(telford_token))
    assert refused.status_code == 403
    only = app.get("/api/feedback/themes", params=shropshire, headers=_bearer(DEFAULT)).json()
    assert only["n"] == "15"


def test_small_numbers_are_hidden_in_the_json_and_a_small_view_shows_nothing(app, telford_token):
    themes = app.get("/api/feedback/themes", headers=_bearer(telford_token)).json()
    for theme in themes["themes"]:
        assert theme["people"] == "<10" or int(theme["people"]) >= 10
        assert theme["percent"] is None or theme["people"] != "<10"
        assert all(m == "<10" or int(m) >= 10 for m in theme["by_month"])
    nothing = app.get("/api/feedback/themes", params={"from": "2027-01"}, headers=_bearer(DEFAULT))
    assert nothing.json() == {"n": "<10", "shown": False, "themes": [], "months": []}


@pytest.mark.parametrize("params", [{"from": "2026-13"}, {"area": "Telford"},
                                    {"from": "2026-09", "to": "2026-01"}])  # fmt: skip
def test_bad_filters_get_a_clear_422(app, params):
    reply = app.get("/api/feedback/themes", params=params, headers=_bearer(DEFAULT))
    assert reply.status_code == 422 and reply.json()["message"]


def test_the_export_and_the_report_are_audited_without_content(app, db, telford_token):
    exported = app.get("/api/feedback/export.csv", headers=_bearer(telford_token))
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(exported.text)))
    assert rows[0] == ["section", "answer", "people", "percent_of_all"]
    assert ["all", "people who gave feedback", "30", ""] in rows
    assert all(r[2] in ("<10", "[c]") or int(r[2]) >= 10 for r in rows[1:])
    report = app.get("/api/feedback/report", headers=_bearer(telford_token))
    assert report.status_code == 200 and "Survivor voice" in report.text
    with db.connect() as connection:
        trail = [tuple(r)[2:] for r in connection.execute(store.lead_actions.select())]
    assert trail == [("Telford lead", "exported", None), ("Telford lead", "exported", None)]


def test_only_the_leads_pages_set_a_cookie_and_it_is_strict(app):
    assert "set-cookie" not in app.get("/").headers
    page = app.get("/leads")
    assert page.status_code == 200 and 'action="/leads/sign-in"' in page.text
    wrong = app.post("/leads/sign-in", data={"token": "nope"}, follow_redirects=False)
    assert wrong.status_code == 401 and "set-cookie" not in wrong.headers
    signed = app.post("/leads/sign-in", data={"token": DEFAULT}, follow_redirects=False)
    assert signed.status_code == 303
    cookie = signed.headers["set-cookie"]
    for part in ("HttpOnly", "SameSite=strict", "Path=/leads", "Max-Age=1800"):
        assert part.lower() in cookie.lower(), cookie
    assert "set-cookie" not in app.get("/api/chat/whatever").headers


def test_a_lead_reviews_a_quote_on_the_dashboard(app, db, telford_token):
    app.post("/leads/sign-in", data={"token": telford_token})
    page = app.get("/leads")
    assert "Signed in as Telford lead" in page.text and "Review queue" in page.text
    assert "<svg" in page.text and "30" in page.text
    queue = store.review_queue(db, frozenset({TELFORD}))
    target = next(r for r in queue if not r["concern"])
    form = {"decision": "approved", "quote_text": target["text"], "severity": "low"}
    done = app.post(f"/leads/review/{target['id']}", data=form, follow_redirects=False)
    assert done.status_code == 303
    after = {r["id"]: r for r in store.all_records(db)}[target["id"]]
    assert after["quote"] == "approved" and after["severity"] == "low"
    assert after["quote_text"] is None  # unchanged words are not an edit
    other = next(r for r in store.review_queue(db, None) if r["area"] == SHROPSHIRE)
    assert (
        app.post(f"/leads/review/{other['id']}", data={"decision": "rejected"}).status_code == 404
    )
    app.post("/leads/sign-out")
    assert 'action="/leads/sign-in"' in app.get("/leads").text
