"""`/api/feedback/*`: the feedback figures for a service lead's areas, never a count under k.

`themes` (JSON), `report` (the HTML chapter) and `export.csv` take the same filters: `from`
and `to` as months ("2026-01"), and `area`, which must be one of the lead's. Each export is
written to the audit trail (who, what kind, never what it held).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.engine import Engine

from api.deps import FeedbackDbDep, SettingsDep
from api.leads_auth import BearerLead
from api.models import ErrorReply
from feedback import report_html, store
from feedback.leads import Lead
from feedback.report import Report, View, build

router = APIRouter(prefix="/api/feedback", tags=["feedback"])
MONTH = r"^20[0-9]{2}-(0[1-9]|1[0-2])$"
AREA = r"^[EWSN][0-9]{8}$"
_REFUSED: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorReply, "description": "No token, or not a lead's token."},
    403: {"model": ErrorReply, "description": "That area is not one of this lead's."},
}
FromQuery = Query(None, alias="from", pattern=MONTH, description='First month, like "2026-01".')
ToQuery = Query(None, alias="to", pattern=MONTH, description="Last month.")
AreaQuery = Query(None, pattern=AREA, description="One of the lead's council district codes.")


@dataclass(frozen=True)
class Asked:
    """Who asks, and which records they may see: the same for every figure route."""

    lead: Lead
    view: View


def view_for(lead: Lead, area: str | None, first: str | None, last: str | None, k: int) -> View:
    if area is not None and lead.areas is not None and area not in lead.areas:
        raise HTTPException(403, "That area is not one of yours.")
    if first and last and first > last:
        raise HTTPException(422, "from must not be after to.")
    areas = frozenset({area}) if area else lead.areas
    return View(areas=areas, first=first, last=last, k=k)


def _asked(
    lead: BearerLead,
    settings: SettingsDep,
    first: str | None = FromQuery,
    last: str | None = ToQuery,
    area: str | None = AreaQuery,
) -> Asked:
    return Asked(lead, view_for(lead, area, first, last, settings.feedback_min_count))


AskedDep = Annotated[Asked, Depends(_asked)]


async def _report(engine: Engine, view: View) -> Report:
    return await run_in_threadpool(build, engine, view)


@router.get("/themes", responses=_REFUSED)
async def themes(asked: AskedDep, engine: FeedbackDbDep) -> dict[str, Any]:
    """How many people raised each theme, overall and by month, with small counts hidden."""
    found = await _report(engine, asked.view)
    if not found.shown or found.themes is None:
        return {"n": found.n.text, "shown": False, "themes": [], "months": []}
    return {
        "n": found.n.text,
        "shown": True,
        "months": list(found.months),
        "themes": [
            {"theme": row.label, "people": row.cell.text, "percent": row.percent,
             "by_month": found.trend_text[row.label]}
            for row in found.themes.rows
        ],
    }  # fmt: skip


@router.get(
    "/report",
    response_class=Response,
    responses={**_REFUSED, 200: {"content": {"text/html": {}}, "description": "The chapter."}},
)
async def report(asked: AskedDep, engine: FeedbackDbDep) -> Response:
    """The survivor voice chapter, ready to print."""
    found = await _report(engine, asked.view)
    await run_in_threadpool(store.audit, engine, asked.lead.name, "exported")
    return HTMLResponse(report_html.document(found, report_html.TITLE, "/leads/report.css"))


@router.get(
    "/export.csv",
    response_class=Response,
    responses={**_REFUSED, 200: {"content": {"text/csv": {}}, "description": "The figures."}},
)
async def export(asked: AskedDep, engine: FeedbackDbDep) -> Response:
    """Every figure of the report as rows: section, answer, people, percent."""
    found = await _report(engine, asked.view)
    await run_in_threadpool(store.audit, engine, asked.lead.name, "exported")
    return Response(
        as_csv(found),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="feedback.csv"'},
    )


def as_csv(found: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "answer", "people", "percent_of_all"])
    writer.writerow(["all", "people who gave feedback", found.n.text, ""])
    if found.shown:
        sections = [found.writers, *found.questions, found.needs, found.themes]
        for section in (s for s in sections if s is not None):
            for row in section.rows:
                writer.writerow([section.title, row.label, row.cell.text, row.percent or ""])
        for voice in found.voices:
            writer.writerow(["Whose voices are missing", voice.label, voice.respondents.text,
                             voice.percent or ""])  # fmt: skip
    return out.getvalue()
