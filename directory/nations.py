"""The four nations of the UK: the one table every other module reads.

Help differs by nation (its own helpline, its own law), so the nation is asked about, read from
a place, held in a slot and matched against each service's `area`. Each of those used to keep its
own table of the nations, and they drifted; they are all derived from this one now.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Nation:
    name: str  # as the directory and the geography data spell it
    value: str  # the conversation's `nation` slot value (bot/domain/profile.yml)
    areas: frozenset[str]  # service `area`s that serve someone in this nation
    helpline: str  # directory id of the nation's own 24-hour domestic abuse helpline


_GB = frozenset({"UK", "Great Britain"})
NATIONS: tuple[Nation, ...] = (
    Nation("England", "england", _GB | {"England and Wales", "England"},
           "national-domestic-abuse-helpline"),
    Nation("Wales", "wales", _GB | {"England and Wales", "Wales"}, "live-fear-free"),
    Nation("Scotland", "scotland", _GB | {"Scotland"}, "scotland-dafm-helpline"),
    Nation("Northern Ireland", "northern-ireland", frozenset({"UK", "Northern Ireland"}),
           "ni-dsa-helpline"),
)  # fmt: skip
NAMES: tuple[str, ...] = tuple(n.name for n in NATIONS)
BY_NAME: dict[str, Nation] = {n.name: n for n in NATIONS}
BY_VALUE: dict[str, Nation] = {n.value: n for n in NATIONS}
# Every `area` a service may name: each is a nation or a union of them.
AREAS: frozenset[str] = frozenset().union(*(n.areas for n in NATIONS))
# With no nation given, most people using an English-language web service are in England.
DEFAULT = BY_VALUE["england"]
