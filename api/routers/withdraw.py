"""`/withdraw`: the page that deletes feedback by its code, for anyone who would rather not type
WITHDRAW in a chat. A plain form: it works without JavaScript."""

from __future__ import annotations

import html
from urllib.parse import parse_qsl

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from api.deps import OverLimitDep, WithdrawalsDep
from api.routers.pages import template
from api.safety import slow_down_message
from api.withdrawal import words

router = APIRouter(tags=["feedback"])
MAX_FORM_BYTES = 1024


def _page(message: str = "", status: int = 200) -> HTMLResponse:
    shown = f'<p class="notice" role="status">{html.escape(message)}</p>' if message else ""
    return HTMLResponse(template("withdraw.html").safe_substitute(message=shown), status)


# Pages, like the webchat page: not part of the JSON API's schema.
@router.get("/withdraw", response_class=HTMLResponse, include_in_schema=False)
async def withdraw_page() -> HTMLResponse:
    """The form."""
    return _page()


@router.post("/withdraw", response_class=HTMLResponse, include_in_schema=False)
async def withdraw(
    request: Request, withdrawals: WithdrawalsDep, over_limit: OverLimitDep
) -> HTMLResponse:
    """Delete the feedback this code was given for; the page says whether there was any. Tries
    count towards the same limit as webchat messages, so codes cannot be guessed at speed."""
    if over_limit:
        return _page(slow_down_message().text, 429)
    raw = await request.body()
    if len(raw) > MAX_FORM_BYTES:
        raise HTTPException(413, "The form is too large.")
    try:
        code = dict(parse_qsl(raw.decode("utf-8"), errors="strict")).get("code", "")
    except (UnicodeDecodeError, ValueError):
        raise HTTPException(400, "The body must be a URL-encoded form.") from None
    answer = await withdrawals.answer(f"WITHDRAW {code}")
    unavailable = answer == words("unavailable")
    return _page(answer or words("how"), 503 if unavailable else 200)
