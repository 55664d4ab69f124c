"""The webchat page. Self-contained: its script and styles come from /static, nothing else."""

from __future__ import annotations

import html
from functools import lru_cache
from pathlib import Path
from string import Template

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from api.deps import SettingsDep
from lantern import facts

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
router = APIRouter(tags=["pages"])


@lru_cache
def template(name: str) -> Template:
    return Template((TEMPLATES / name).read_text())


def render_webchat(exit_url: str) -> str:
    # The page quotes 999 only when the gateway cannot be reached; even then it comes from the
    # verified data, like every other number.
    values = {"exit_url": exit_url, "emergency_phone": facts.values()["emergency_phone"]}
    return template("index.html").safe_substitute(
        {key: html.escape(value, quote=True) for key, value in values.items()}
    )


@router.api_route(
    "/", methods=["GET", "HEAD"], response_class=HTMLResponse, include_in_schema=False
)
async def webchat(settings: SettingsDep) -> HTMLResponse:
    return HTMLResponse(render_webchat(settings.exit_url))
