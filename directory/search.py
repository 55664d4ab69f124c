"""Search the directory: by place, audience, need, language and scope, best first.

Ranking, in order: where the need is urgent, services open day and night first; then a
specialist or "by and for" service for the person's group above a general one; then local above
national; then services mainly for the need asked about; then domestic abuse services, and those
open day and night, among equals. Nothing unverified is ever returned:
a field listed in `unverified` comes back empty, and a service with no verified way to contact
it is left out. Emergency routes (999, the Silent Solution) are not in results: every page and
reply shows them anyway.

Served by `GET /api/services` (api/routers/services.py). The bot's `directory/recommend.py`
still chooses its own short list; moving it onto this function is the next step (see the issue
notes).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from directory.geo import Place
from directory.national import national_services, shown

# Needs where someone may be at risk tonight: 24-hour services come first.
URGENT_NEEDS = frozenset({"emergency", "helpline", "domestic-abuse", "refuge", "suicide"})
PUBLIC_FIELDS = (
    "id", "name", "organization", "scope", "area", "service_area", "phone", "text", "email",
    "webchat", "url", "hours", "open_24_7", "audiences", "needs", "by_and_for", "languages",
    "access", "summary", "source", "verified",
)  # fmt: skip
AREAS_FOR_NATION = {
    "England": {"UK", "Great Britain", "England and Wales", "England"},
    "Wales": {"UK", "Great Britain", "England and Wales", "Wales"},
    "Scotland": {"UK", "Great Britain", "Scotland"},
    "Northern Ireland": {"UK", "Northern Ireland"},
}
# Words in `audiences` that say who may use a service without making it a specialist one.
_GENERAL = {"everyone", "women", "men", "professionals"}
_OTHER_GENDER = {"men": "women", "women": "men"}
# Asking about these needs is being in (or asking for) the group a service is for.
NEED_AUDIENCE = {
    "behaviour-change": "people-who-harm",
    "friends-and-family": "friends-and-family",
    "child-at-risk": "friends-and-family",
    "older": "older",
    "child-to-parent": "parents",
    "immigration": "migrants",
}


@dataclass(frozen=True)
class Query:
    place: Place | None = None
    audiences: frozenset[str] = field(default_factory=frozenset)
    need: str | None = None
    language: str | None = None
    scope: str | None = None  # "national" (UK- and nation-wide), "local", or None for both


def public(service: dict[str, Any]) -> dict[str, Any]:
    """The service as users may see it: unverified fields empty, the date as text."""
    out = {name: shown(service, name) for name in PUBLIC_FIELDS}
    for name in ("id", "name", "organization", "scope", "source"):
        out[name] = service[name]
    out["by_and_for"] = bool(service.get("by_and_for"))
    out["verified"] = service["verified"].isoformat()
    return out


def _contactable(service: dict[str, Any]) -> bool:
    return service["scope"] != "emergency" and any(
        shown(service, f) for f in ("phone", "text", "webchat", "url")
    )


def _in_scope(service: dict[str, Any], query: Query) -> bool:
    if query.scope == "national":
        return service["scope"] in ("national", "nation")  # every one, wherever the person is
    if query.scope == "local" and service["scope"] != "local":
        return False
    place = query.place
    if place is None:
        return True
    if service["scope"] == "local":
        wanted = {d.code for d in place.districts}
        return bool(wanted & set(service.get("service_area") or []))
    return service.get("area") in AREAS_FOR_NATION[place.nation]


def _for_them(service: dict[str, Any], query: Query) -> bool:
    audiences = set(service.get("audiences") or ["everyone"])
    if "everyone" in audiences:
        return True
    for own, other in _OTHER_GENDER.items():
        if own in query.audiences and other in audiences and own not in audiences:
            return False  # a women's service is not offered to a man, nor the other way round
    if not query.audiences:
        return True  # browsing: every group's services are listed
    groups = audiences - _GENERAL
    return not groups or bool(groups & query.audiences)


def _matches(service: dict[str, Any], query: Query) -> bool:
    if query.need and query.need not in (service.get("needs") or []):
        return False
    if query.language:
        languages = shown(service, "languages") or []
        access = shown(service, "access") or []
        if query.language not in languages and "interpreters" not in access:
            return False
    return True


def _rank(service: dict[str, Any], query: Query) -> tuple:
    urgent = query.need in URGENT_NEEDS
    open_now = bool(shown(service, "open_24_7"))
    audiences = set(service.get("audiences") or ["everyone"])
    specialist = "everyone" not in audiences and bool((audiences - _GENERAL) & query.audiences)
    gendered = "everyone" not in audiences and bool(audiences & query.audiences & {"men", "women"})
    needs = service.get("needs") or []
    if query.need:
        mainly_for = needs.index(query.need) if query.need in needs else len(needs)
    else:
        mainly_for = 0 if needs[:1] in (["helpline"], ["domestic-abuse"]) else 1
    return (
        not (urgent and open_now),
        not specialist,  # a service for their group (LGBT+, deaf, Black and minoritised...)
        not (specialist and service.get("by_and_for")),
        not gendered,  # then one for their gender (the Men's Advice Line for a man)
        "everyone" not in audiences and bool(audiences - _GENERAL) and not specialist,
        service["scope"] != "local",
        mainly_for,
        "domestic-abuse" not in needs,
        not open_now,
        service["name"],
    )


def search(query: Query, services: dict[str, dict[str, Any]] | None = None) -> list[dict]:
    """Matching services, best first, as users may see them."""
    services = national_services() if services is None else services
    if query.need in NEED_AUDIENCE:
        query = replace(query, audiences=query.audiences | {NEED_AUDIENCE[query.need]})
    found = [
        s
        for s in services.values()
        if _contactable(s) and _in_scope(s, query) and _for_them(s, query) and _matches(s, query)
    ]
    return [public(s) for s in sorted(found, key=lambda s: _rank(s, query))]
