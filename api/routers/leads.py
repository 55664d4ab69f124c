"""`/leads`: the service leads' pages. Sign in with a token (exchanged for a short-lived session
cookie sent only to /leads paths), then the dashboard: the report for their areas and months,
and the review queue, where each quote is shown as anonymised with what was replaced marked,
and can be approved, edited or rejected, given a staff-only severity, or have its themes set.

Plain forms that work without JavaScript, posting back to this path; the cookie is HttpOnly
and SameSite=Strict, so another site cannot post them.
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import parse_qsl

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from redis.exceptions import RedisError

from api.deps import FeedbackDbDep, RedisDep, SettingsDep
from api.leads_auth import COOKIE, COOKIE_PATH, end_session, session_lead, start_session
from api.routers.feedback import AREA, MONTH, view_for
from feedback import report_html, store
from feedback.leads import Lead, find
from feedback.report import build
from feedback.themes import THEMES

router = APIRouter(prefix="/leads", include_in_schema=False)
MAX_FORM_BYTES = 16 * 1024
# What the anonymiser put in place of a detail: "[name]", "[phone number]", "the officer".
_REPLACED = re.compile(r"\[[a-z ]+\]")


def _page(title: str, content: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(
        '<!doctype html><html lang="en-GB"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer"><link rel="icon" href="data:,">'
        f'<title>{escape(title)}</title><link rel="stylesheet" href="/leads/report.css">'
        f'</head><body><main class="report">{content}</main></body></html>',
        status,
    )


async def _form(request: Request) -> dict[str, list[str]]:
    raw = await request.body()
    if len(raw) > MAX_FORM_BYTES:
        raise HTTPException(413, "The form is too large.")
    try:
        pairs = parse_qsl(raw.decode("utf-8"), errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise HTTPException(400, "The body must be a URL-encoded form.") from None
    form: dict[str, list[str]] = {}
    for key, value in pairs:
        form.setdefault(key, []).append(value)
    return form


def _sign_in(message: str = "", status: int = 200) -> HTMLResponse:
    notice = f'<p class="flag" role="alert">{escape(message)}</p>' if message else ""
    return _page(
        "Service leads: sign in",
        "<h1>Service leads</h1><p>Sign in with the token you were given.</p>"
        f'{notice}<form method="post" action="/leads/sign-in"><label for="token">Token</label> '
        '<input id="token" name="token" type="password" autocomplete="off" required> '
        '<button type="submit">Sign in</button></form>',
        status,
    )


@router.get("/report.css")
async def stylesheet() -> FileResponse:
    return FileResponse(report_html.STYLESHEET, media_type="text/css")


@router.post("/sign-in")
async def sign_in(request: Request, redis: RedisDep, settings: SettingsDep) -> Response:
    form = await _form(request)
    lead = find(request.app.state.leads, (form.get("token") or [""])[0].strip())
    if lead is None:
        return _sign_in("That token is not right. Check it and try again.", 401)
    try:
        session = await start_session(redis, lead, settings.lead_session_minutes)
    except RedisError:
        return _sign_in("Signing in is not possible just now. Please try again soon.", 503)
    response = RedirectResponse("/leads", status_code=303)
    response.set_cookie(
        COOKIE, session, max_age=settings.lead_session_minutes * 60, path=COOKIE_PATH,
        httponly=True, samesite="strict", secure=request.url.scheme == "https",
    )  # fmt: skip
    return response


@router.post("/sign-out")
async def sign_out(request: Request, redis: RedisDep) -> Response:
    await end_session(redis, request.cookies.get(COOKIE))
    response = RedirectResponse("/leads", status_code=303)
    response.delete_cookie(COOKIE, path=COOKIE_PATH)
    return response


def _filters(lead: Lead, first: str | None, last: str | None, area: str | None) -> str:
    options = "".join(
        f'<option value="{a}"{" selected" if a == area else ""}>{a}</option>'
        for a in sorted(lead.areas or ())
    )
    area_field = (
        f'<label for="area">Area</label> <select id="area" name="area">'
        f'<option value="">All my areas</option>{options}</select> '
        if lead.areas and len(lead.areas) > 1
        else ""
    )
    return (
        '<form method="get" action="/leads" class="no-print"><label for="from">From</label> '
        f'<input id="from" name="from" type="month" value="{escape(first or "")}"> '
        f'<label for="to">To</label> <input id="to" name="to" type="month" '
        f'value="{escape(last or "")}"> {area_field}<button type="submit">Show</button></form>'
    )


def _marked(text: str) -> str:
    """The anonymised words, escaped, with each replaced detail marked for the reviewer."""
    parts, last = [], 0
    for found in _REPLACED.finditer(text):
        parts += [escape(text[last : found.start()]), f"<mark>{escape(found.group())}</mark>"]
        last = found.end()
    return "".join([*parts, escape(text[last:])])


QUEUE_PAGE = 20  # the oldest first; the rest follow as these are reviewed


def _queue(records: list[dict]) -> str:
    if not records:
        return "<h2>Review queue</h2><p>No quotes are waiting.</p>"
    items = []
    waiting = f"<p>{len(records)} quotes are waiting; the oldest {QUEUE_PAGE} are here.</p>"
    for r in records[:QUEUE_PAGE]:
        unsure = ", ".join(THEMES[t] for t in r["to_confirm"] or ())
        boxes = "".join(
            f'<label><input type="checkbox" name="themes" value="{t}"'
            f"{' checked' if t in (r['themes'] or ()) else ''}> {escape(label)}</label> "
            for t, label in THEMES.items()
        )
        concern = (
            '<p class="flag">Safeguarding concern: never published. Follow your safeguarding '
            "procedure.</p>"
            if r["concern"]
            else ""
        )
        approve = "" if r["concern"] else (
            '<button name="decision" value="approved">Approve</button> '
        )  # fmt: skip
        items.append(
            f'<li class="quote" id="q-{r["id"]}"><blockquote>{_marked(r["text"])}</blockquote>'
            f"{concern}<p>Themes to confirm: {escape(unsure) or 'none'}</p>"
            f'<form method="post" action="/leads/review/{r["id"]}">'
            f'<label for="e-{r["id"]}">Edit the quote</label>'
            f'<textarea id="e-{r["id"]}" name="quote_text" rows="3">'
            f"{escape(r['quote_text'] or r['text'])}</textarea>"
            f"<fieldset><legend>Themes</legend>{boxes}</fieldset>"
            f'<label for="s-{r["id"]}">Severity (staff only)</label> <select id="s-{r["id"]}" '
            f'name="severity"><option value="">Not set</option>'
            + "".join(
                f'<option value="{s}"{" selected" if r["severity"] == s else ""}>{s}</option>'
                for s in ("low", "medium", "high")
            )
            + f"</select> {approve}"
            '<button name="decision" value="rejected">Reject</button> '
            '<button name="decision" value="">Save</button></form></li>'
        )
    more = waiting if len(records) > QUEUE_PAGE else ""
    return f'<h2>Review queue</h2>{more}<ol class="queue">{"".join(items)}</ol>'


@router.get("")
async def dashboard(request: Request, settings: SettingsDep, engine: FeedbackDbDep) -> Response:
    lead = await session_lead(request)
    if lead is None:
        return _sign_in()
    query = request.query_params
    first, last = query.get("from") or None, query.get("to") or None
    area = query.get("area") or None
    for value, pattern in ((first, MONTH), (last, MONTH), (area, AREA)):
        if value is not None and not re.match(pattern, value):
            return _page("Service leads", "<p>That filter is not valid.</p>", 422)
    view = view_for(lead, area, first, last, settings.feedback_min_count)
    found = await run_in_threadpool(build, engine, view)
    queue = await run_in_threadpool(store.review_queue, engine, lead.areas)
    header = (
        f'<nav><p>Signed in as {escape(lead.name)}. <form method="post" action="/leads/sign-out" '
        'class="no-print inline"><button type="submit">Sign out</button></form>'
        "</p></nav>"
    )
    body = report_html.body(found, report_html.TITLE)
    return _page("Service leads", header + _filters(lead, first, last, area) + body + _queue(queue))


@router.post("/review/{record}")
async def review(request: Request, record: str, engine: FeedbackDbDep) -> Response:
    lead = await session_lead(request)
    if lead is None:
        raise HTTPException(401, "Sign in first.")
    if not re.fullmatch(r"[0-9a-f]{32}", record):
        raise HTTPException(404, "No such quote.")
    form = await _form(request)
    decision = (form.get("decision") or [""])[0] or None
    severity = (form.get("severity") or [""])[0] or None
    text = (form.get("quote_text") or [""])[0].strip() or None
    try:
        done = await run_in_threadpool(
            store.review, engine, record, lead.name, lead.areas,
            decision, text, severity, form.get("themes", []),
        )  # fmt: skip
    except ValueError as error:
        raise HTTPException(422, str(error)) from None
    if not done:
        raise HTTPException(404, "No such quote in your areas.")
    return RedirectResponse("/leads", status_code=303)
