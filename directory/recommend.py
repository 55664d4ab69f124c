"""Which services to offer one person, from what they chose to tell us.

Order matters more than completeness: someone in crisis reads the first name and calls it. So a
specialist or "by and for" service that fits the person comes first (survivors told the research
that male, LGBT+ and by-and-for services were the hardest to find), then the service for what they
asked about, then the general 24-hour helpline for their nation, so a person is always offered.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from directory.national import national_services, shown
from directory.search import AREAS_FOR_NATION, NEED_AUDIENCE

MAX_SERVICES = 4

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
    ("immigration", "migrants"): "migrants",
}
_GENERAL_HELPLINE = {
    "england": "national-domestic-abuse-helpline",
    "wales": "live-fear-free",
    "scotland": "scotland-dafm-helpline",
    "northern-ireland": "ni-dsa-helpline",
}
# Profile slot values -> the nation names the directory uses.
_NATION = {
    "england": "England",
    "wales": "Wales",
    "scotland": "Scotland",
    "northern-ireland": "Northern Ireland",
}
# With no nation given, most people using an English-language web service are in England.
_DEFAULT_NATION = "england"
_ROLE_NEED = {"own": "behaviour-change", "other": "friends-and-family"}
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

    @property
    def audiences(self) -> set[str]:
        return {
            audience
            for (field, value), audience in _AUDIENCE_OF.items()
            if getattr(self, field) == value
        }


def _contactable(service: dict[str, Any]) -> bool:
    return service.get("scope") != "emergency" and any(
        shown(service, field) for field in ("phone", "url")
    )


def _fits(service: dict[str, Any], profile: Profile) -> bool:
    """Offer a service only to people it is for, in the nation it covers."""
    audiences = set(service.get("audiences") or ["everyone"])
    for own, other in (("women", "men"), ("men", "women")):
        if own in audiences and other not in audiences and profile.gender == other:
            return False
    # A service for a group (LGBT+, deaf, young, friends and family...) is offered only to someone
    # in it, or someone asking about that group (abuse of an older person; a child at risk).
    restricted = audiences - {"everyone", "women", "men", "professionals"}
    wanted = (
        profile.audiences
        | _ROLE_AUDIENCES.get(profile.helping, set())
        | {NEED_AUDIENCE.get(profile.need, "")}
    )
    if "everyone" not in audiences and restricted and not restricted & wanted:
        return False
    nation = profile.nation or _DEFAULT_NATION
    area = service.get("area")
    return area is None or area in AREAS_FOR_NATION[_NATION[nation]]


def recommend(profile: Profile, services: dict[str, dict[str, Any]] | None = None) -> list[dict]:
    """Up to MAX_SERVICES services for this person, best first."""
    services = national_services() if services is None else services
    usable = {sid: s for sid, s in services.items() if _contactable(s) and _fits(s, profile)}

    def with_audience(wanted: Iterable[str]) -> list[str]:
        wanted = set(wanted)
        found = [sid for sid, s in usable.items() if wanted & set(s.get("audiences") or [])]
        # "By and for" first: run by the community it serves.
        return sorted(found, key=lambda sid: not usable[sid].get("by_and_for"))

    def with_need(need: str | None) -> list[str]:
        if not need or need in _GENERIC_NEEDS:
            return []
        found = [sid for sid, s in usable.items() if need in (s.get("needs") or [])]
        # A service's first listed need is what it is mainly for.
        return sorted(found, key=lambda sid: usable[sid]["needs"].index(need))

    chosen: list[str] = []
    role_need = _ROLE_NEED.get(profile.helping)
    if profile.helping == "own":
        # Survivors' helplines are not the route for someone worried about their own behaviour.
        chosen += with_need(role_need)
        if profile.age_group == "young":
            chosen += with_audience({"young"})
    else:
        chosen += with_audience(profile.audiences - {"women"})
        chosen += with_need(profile.need)
        chosen += with_need(role_need)
        # The nation's 24-hour line (_fits already keeps men from the England line, for women).
        chosen.append(_GENERAL_HELPLINE[profile.nation or _DEFAULT_NATION])
    unique = list(dict.fromkeys(chosen))
    return [usable[sid] for sid in unique if sid in usable][:MAX_SERVICES]
