"""The webchat page. Self-contained: its script and styles come from /static, nothing else."""

from __future__ import annotations

import html
from functools import lru_cache
from pathlib import Path
from string import Template

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from api.deps import SettingsDep

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
router = APIRouter(tags=["pages"])


@lru_cache
def _template(name: str) -> Template:
    return Template((TEMPLATES / name).read_text())


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
async def webchat(settings: SettingsDep) -> HTMLResponse:
    page = _template("index.html").safe_substitute(exit_url=html.escape(settings.exit_url))
    return HTMLResponse(page)
