"""Search the directory: by place, audience, need, language and scope, best first.

Ranking, in order: where the need is urgent, services open day and night first; then a
specialist or "by and for" service for the person's group above a general one; then local above
national; then services mainly for the need asked about; then domestic abuse services, and those
open day and night, among equals. Nothing unverified is ever returned:
a field listed in `unverified` comes back empty, and a service with no verified way to contact
it is left out. Emergency routes (999, the Silent Solution) are not in results: every page and
reply shows them anyway.

One function for everyone: `GET /api/services` (api/routers/services.py) calls `search`, and the
bot's short list (directory/recommend.py) is chosen from its results.

Fast because a directory is indexed once (`Index`): by need, by district and by nation, with
everything about a service that does not depend on the question worked out ahead. A search then
looks only at services in the right place with the right need.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from directory.geo import Place
from directory.national import contactable, national_services, shown
from directory.nations import NATIONS

# Needs where someone may be at risk tonight: 24-hour services come first.
URGENT_NEEDS = frozenset({"emergency", "helpline", "domestic-abuse", "refuge", "suicide"})
PUBLIC_FIELDS = (
    "id", "name", "organization", "scope", "area", "service_area", "phone", "text", "email",
    "webchat", "url", "hours", "open_24_7", "audiences", "needs", "by_and_for", "languages",
    "access", "summary", "source", "verified",
)  # fmt: skip
# Words in `audiences` that say who may use a service without making it a specialist one.
_GENERAL = frozenset({"everyone", "women", "men", "professionals"})
_OTHER_GENDER = {"men": "women", "women": "men"}
_GENDERS = frozenset(_OTHER_GENDER)
_NEED_BITS = 6  # room for a service's position in its needs list
_ORDER_BITS = 24  # room for sixteen million services
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
    # False (a directory listing): with no group given, every group's services are listed.
    # True (the bot's short list): a service for a group only for someone who said they are in it.
    only_their_groups: bool = False


def public(service: dict[str, Any]) -> dict[str, Any]:
    """The service as users may see it: unverified fields empty, the date as text."""
    out = {name: shown(service, name) for name in PUBLIC_FIELDS}
    for name in ("id", "name", "organization", "scope", "source"):
        out[name] = service[name]
    out["by_and_for"] = bool(service.get("by_and_for"))
    out["verified"] = service["verified"].isoformat()
    return out


@dataclass(frozen=True, slots=True)
class _Entry:
    """What search needs to know about one service, worked out once."""

    public: dict[str, Any]
    audiences: frozenset[str]
    groups: frozenset[str]  # the specialist groups it is for; empty for a general service
    everyone: bool
    need_rank: dict[str, int]  # position in `needs`: the first is what it is mainly for
    local: bool
    by_and_for: bool
    open_now: bool
    languages: frozenset[str]
    interpreters: bool
    general_first: int  # 0 when mainly a helpline or domestic abuse service
    order: int = 0  # place among all services by the query-independent part of the ranking

    @classmethod
    def of(cls, service: dict[str, Any]) -> _Entry:
        audiences = frozenset(service.get("audiences") or ["everyone"])
        needs = service.get("needs") or []
        return cls(
            public=public(service),
            audiences=audiences,
            groups=frozenset() if "everyone" in audiences else audiences - _GENERAL,
            everyone="everyone" in audiences,
            need_rank={need: i for i, need in reversed(list(enumerate(needs)))},
            local=service["scope"] == "local",
            by_and_for=bool(service.get("by_and_for")),
            open_now=bool(shown(service, "open_24_7")),
            languages=frozenset(shown(service, "languages") or []),
            interpreters="interpreters" in (shown(service, "access") or []),
            general_first=0 if needs[:1] in (["helpline"], ["domestic-abuse"]) else 1,
        )

    def for_them(self, query: Query) -> bool:
        if self.everyone:
            return True
        for own, other in _OTHER_GENDER.items():
            if own in query.audiences and other in self.audiences and own not in self.audiences:
                return False  # a women's service is not offered to a man, nor the other way round
        if not query.audiences and not query.only_their_groups:
            return True  # browsing: every group's services are listed
        return not self.groups or bool(self.groups & query.audiences)

    def rank(self, query: Query, urgent: bool) -> int:
        """Smaller is better. One integer, because sorting thousands of tuples is too slow for
        the benchmark's 2 ms: each test below is one bit, most important first."""
        specialist = bool(self.groups & query.audiences)
        gendered = not self.everyone and bool(self.audiences & query.audiences & _GENDERS)
        if query.need:
            mainly_for = self.need_rank.get(query.need, len(self.need_rank))
        else:
            mainly_for = self.general_first
        bits = (
            (not (urgent and self.open_now)) << 5
            | (not specialist) << 4  # a service for their group (LGBT+, deaf, minoritised...)
            | (not (specialist and self.by_and_for)) << 3
            | (not gendered) << 2  # then one for their gender (the Men's Advice Line for a man)
            | (bool(self.groups) and not specialist) << 1  # another group's service: last
            | (not self.local)
        )
        return ((bits << _NEED_BITS) | mainly_for) << _ORDER_BITS | self.order


class Index:
    """A directory ready to search: services by need, by district and by nation."""

    def __init__(self, services: dict[str, dict[str, Any]]) -> None:
        offered = [s for s in services.values() if s["scope"] != "emergency" and contactable(s)]
        entries = [_Entry.of(s) for s in offered]
        # Among equals: domestic abuse services, then those open day and night, then by name.
        static = sorted(
            range(len(entries)),
            key=lambda i: (
                "domestic-abuse" not in offered[i]["needs"],
                not entries[i].open_now,
                offered[i]["name"],
            ),
        )
        for order, i in enumerate(static):
            entries[i] = replace(entries[i], order=order)
        self.entries = entries
        self.by_need: dict[str, set[int]] = {}
        self.national: set[int] = set()
        self.local: set[int] = set()
        self.by_nation: dict[str, set[int]] = {n.name: set() for n in NATIONS}
        self.by_district: dict[str, set[int]] = {}
        for i, service in enumerate(offered):
            for need in service["needs"]:
                self.by_need.setdefault(need, set()).add(i)
            if service["scope"] == "local":
                self.local.add(i)
                for code in service["service_area"]:
                    self.by_district.setdefault(code, set()).add(i)
            else:
                self.national.add(i)
                for nation in NATIONS:
                    if service.get("area") in nation.areas:
                        self.by_nation[nation.name].add(i)

    def _in_place(self, query: Query) -> set[int] | None:
        """Positions of the services in scope for the query's place; None means every one."""
        if query.scope == "national":
            return self.national  # every one, wherever the person is
        place = query.place
        if place is None:
            return self.local if query.scope == "local" else None
        found: set[int] = set()
        for district in place.districts:
            found |= self.by_district.get(district.code, set())
        if query.scope != "local":
            found |= self.by_nation[place.nation]
        return found

    def search(self, query: Query) -> list[dict[str, Any]]:
        if query.need in NEED_AUDIENCE:
            query = replace(query, audiences=query.audiences | {NEED_AUDIENCE[query.need]})
        candidates = self._in_place(query)
        if query.need:
            with_need = self.by_need.get(query.need, set())
            candidates = with_need if candidates is None else candidates & with_need
        positions = range(len(self.entries)) if candidates is None else candidates
        urgent = query.need in URGENT_NEEDS
        ranked = []
        for i in positions:
            entry = self.entries[i]
            if not entry.for_them(query):
                continue
            if query.language and not (query.language in entry.languages or entry.interpreters):
                continue
            ranked.append(entry)
        ranked.sort(key=lambda entry: entry.rank(query, urgent))
        # Copies: a caller that adds to a result must not change the index.
        return [dict(entry.public) for entry in ranked]


@lru_cache
def _served() -> Index:
    return Index(national_services())


def search(query: Query, services: dict[str, dict[str, Any]] | None = None) -> list[dict]:
    """Matching services, best first, as users may see them.

    Without `services`, searches the directory this process serves (indexed once); with it,
    indexes those (tests and tools with their own data).
    """
    return (_served() if services is None else Index(services)).search(query)
