"""Which services to offer one person, from what they chose to tell us: a short list chosen from
the directory search's results (directory/search.py), so the bot and the HTTP API agree.

Order matters more than completeness: someone in crisis reads the first name and calls it. So a
specialist or "by and for" service that fits the person comes first (survivors told the research
that male, LGBT+ and by-and-for services were the hardest to find), then the service for what they
asked about, local before national, then the general 24-hour helpline for their nation, so a
person is always offered one.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from directory import nations
from directory.geo import Place, districts
from directory.search import Index, Query, search

MAX_SERVICES = 4
_MAX_LOCAL = 2  # so the national specialist and 24-hour lines still fit

# Profile slot values -> the audience words the data files use.
_AUDIENCE_OF = {
    ("gender", "men"): "men",
    ("gender", "women"): "women",
    ("lgbt", "lgbt"): "lgbt",
    ("age_group", "young"): "young",
    ("age_group", "older"): "older",
    ("disability", "deaf"): "deaf",
    ("disability", "disabled"): "disabled",
    ("community", "black-minoritised"): "black-minoritised",
    ("community", "muslim"): "muslim",
    ("community", "jewish"): "jewish",
    ("immigration", "migrants"): "migrants",
}
_ROLE_NEED = {"own": "behaviour-change", "other": "friends-and-family"}
# Needs whose own services come first, before a group's general service: the Forced Marriage
# Unit for someone about to be taken abroad, a suicide line for someone at risk.
_FIRST_NEEDS = frozenset({"forced-marriage", "suicide"})
_CRISIS_NEEDS = frozenset({"suicide"})
_ROLE_AUDIENCES = {"own": {"people-who-harm"}, "other": {"friends-and-family"}}
# Needs so broad that matching them says nothing about fit.
_GENERIC_NEEDS = {"helpline", "domestic-abuse", "emergency"}


@dataclass(frozen=True)
class Profile:
    """What the person chose to tell us; every field may be unknown (None)."""

    helping: str | None = None  # self | other | own
    need: str | None = None
    gender: str | None = None
    lgbt: str | None = None
    age_group: str | None = None
    disability: str | None = None
    community: str | None = None
    immigration: str | None = None
    nation: str | None = None
    # Local authority district codes, comma-separated (an outward code can span several); never
    # the place as they typed it.
    district: str | None = None
    # Who harms them and their situation, in fixed words (reading/whose_story.py).
    relationship: str | None = None
    situation: str | None = None
    risk: str | None = None

    def __post_init__(self) -> None:
        # Slots come from entities, and a hand-typed button payload can put anything in one (a
        # number, a list, a nation no table knows). A value this cannot use is unknown, so the
        # person is still offered the general helpline rather than an error.
        for field in fields(self):
            value = getattr(self, field.name)
            if not isinstance(value, str) or not value.isprintable() or len(value) > 200:
                object.__setattr__(self, field.name, None)
        if self.nation not in nations.BY_VALUE:
            object.__setattr__(self, "nation", None)
        if self.helping not in ("self", "other", "own"):
            object.__setattr__(self, "helping", None)

    @property
    def audiences(self) -> set[str]:
        return {
            audience
            for (field, value), audience in _AUDIENCE_OF.items()
            if getattr(self, field) == value
        }

    @property
    def place(self) -> Place:
        known = districts()
        found = tuple(known[c] for c in (self.district or "").split(",") if c in known)
        if found:
            return Place(found[0].name, "district", found[0].nation, found)
        nation = nations.BY_VALUE.get(self.nation or "", nations.DEFAULT).name
        return Place(nation, "nation", nation)


def recommend(profile: Profile, services: dict[str, dict[str, Any]] | None = None) -> list[dict]:
    """Up to MAX_SERVICES services for this person, best first."""
    index = Index(services) if services is not None else None

    def found(need: str | None = None, audiences: set[str] | None = None) -> list[dict]:
        wanted = profile.audiences | _ROLE_AUDIENCES.get(profile.helping or "", set())
        query = Query(
            place=profile.place,
            audiences=frozenset(wanted if audiences is None else audiences),
            need=need,
            only_their_groups=True,  # a service for a group only for someone who said so
        )
        results = index.search(query) if index else search(query)
        # A crisis line (a young people's suicide line) is for that crisis, not for everyone
        # in its group or everyone worried about someone.
        return [
            s
            for s in results
            if (s["needs"] or [None])[0] not in _CRISIS_NEEDS or profile.need in _CRISIS_NEEDS
        ]

    def for_groups(groups: set[str]) -> list[dict]:
        return [s for s in found() if groups & set(s["audiences"] or [])] if groups else []

    chosen: list[dict] = []
    role_need = _ROLE_NEED.get(profile.helping or "")
    if profile.helping == "own":
        # Survivors' helplines are not the route for someone worried about their own behaviour:
        # only the people-who-harm group, whatever else they told us.
        if profile.need in _CRISIS_NEEDS:
            # Their own life at risk: the crisis lines first, as for anyone.
            chosen += found(profile.need)[:2]
        chosen += found(role_need, {"people-who-harm"} | (profile.audiences & {"men", "women"}))
        if profile.age_group == "young":
            chosen += for_groups({"young"})
    else:
        specific = profile.need if profile.need not in _GENERIC_NEEDS else None
        if specific in _FIRST_NEEDS:
            # Forced marriage or a suicide risk: the service for that comes before all others.
            chosen += found(specific)[:2]
        chosen += for_groups(profile.audiences - {"women"})
        # Then a service where they live, for what they asked or for domestic abuse: people
        # asked for help nearby, and local services can see them in person.
        local = [s for s in found(specific or "domestic-abuse") if s["scope"] == "local"]
        chosen += local[:_MAX_LOCAL]
        if specific:
            chosen += found(specific)
        if role_need:
            chosen += found(role_need)
        # The nation's 24-hour line (search already keeps men from the England line, for women).
        helpline = nations.BY_NAME[profile.place.nation].helpline
        chosen += [s for s in found() if s["id"] == helpline]
    first: dict[str, dict] = {}
    for service in chosen:
        first.setdefault(service["id"], service)  # each keeps the place it was first offered
    return list(first.values())[:MAX_SERVICES]
