"""`GET /api/services`: the directory search (directory/search.py) over HTTP."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Query

from directory.geo import PlaceNotFound, resolve
from directory.schema import AUDIENCES, NEEDS
from directory.search import Query as Search
from directory.search import search

router = APIRouter(prefix="/api/services", tags=["services"])
_SCOPES = ("national", "local")


def _words(value: str | None) -> list[str]:
    return [w.strip().lower() for w in (value or "").split(",") if w.strip()]


@router.get("")
def services(
    postcode: str | None = Query(None, max_length=16),
    place: str | None = Query(None, max_length=80),
    audience: str | None = Query(None, max_length=200, description="comma-separated"),
    need: str | None = Query(None, max_length=40),
    language: str | None = Query(None, max_length=8),
    scope: str | None = Query(None, max_length=16),
) -> dict:
    audiences = _words(audience)
    unknown = sorted(set(audiences) - AUDIENCES)
    if unknown:
        raise HTTPException(
            422, f"unknown audience {', '.join(unknown)}: use {', '.join(sorted(AUDIENCES))}"
        )
    need = (need or "").strip().lower() or None
    if need and need not in NEEDS:
        raise HTTPException(422, f"unknown need {need}: use {', '.join(sorted(NEEDS))}")
    scope = (scope or "").strip().lower() or None
    if scope and scope not in _SCOPES:
        raise HTTPException(422, "scope must be national or local")
    language = (language or "").strip().lower() or None
    if language and not (language.isalpha() and 2 <= len(language) <= 3):
        raise HTTPException(422, "language must be an ISO 639 code such as en, cy or pl")
    where, message = None, None
    asked = postcode if postcode and postcode.strip() else place
    if asked and asked.strip():
        try:
            where = resolve(asked)
        except PlaceNotFound as error:
            message = str(error)  # the national services are still listed below it
            scope = "national"
    query = Search(where, frozenset(audiences), need, language, scope)
    found = search(query)
    if where and not found and scope != "national":
        message = "Nothing matched there. These national services can help wherever you are."
        found = search(Search(None, frozenset(audiences), need, language, "national"))
    return {
        "services": found,
        "place": None
        if where is None
        else {
            "query": where.query,
            "kind": where.kind,
            "nation": where.nation,
            "districts": [{"code": d.code, "name": d.name} for d in where.districts],
        },
        "message": message,
    }
