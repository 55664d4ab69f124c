"""Where someone is, as local authority districts: from a postcode, an outward code, a town or a
district's name, offline (directory/data/geo, with its attribution).

Everything here answers one question for the directory's search: which districts' local
services fit this person? A place we cannot resolve raises `PlaceNotFound` with a message that
can be shown as it is; the national services are still shown by the caller.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from directory.nations import NAMES as NATION_NAMES

GEO_DIR = Path(__file__).resolve().parent / "data" / "geo"
# An outward code spanning districts counts for each district holding at least this share of its
# postcodes (and always for its main one): a 2% sliver of a neighbouring council is noise.
MIN_SHARE = 0.05

# The UK postcode *format* (outward: area letters, district digit, optional digit or letter;
# inward: a digit and two letters). Hand-written because it is a few characters of regex, while
# the PyPI postcode packages are unmaintained or call web APIs; whether a code *exists* is decided
# by the OS/ONS table, not by this pattern.
_OUTWARD = r"[A-Z]{1,2}[0-9][A-Z0-9]?"
_FULL = re.compile(rf"({_OUTWARD})([0-9][A-Z]{{2}})")
_OUTWARD_ONLY = re.compile(_OUTWARD)
# Areas the table does not hold, by why: said plainly to the person.
_CROWN_DEPENDENCIES = ("GY", "JE", "IM")
_NON_GEOGRAPHIC = ("BX", "XM", "BF", "GIR")


class PlaceNotFound(ValueError):
    """A place we cannot match to a district; str() is a message for the person."""


@dataclass(frozen=True)
class District:
    code: str
    name: str
    nation: str


@dataclass(frozen=True)
class Place:
    """A resolved place: `districts` may be empty when only the nation is known (Northern Ireland
    postcodes, or a nation's name)."""

    query: str
    kind: str  # "postcode", "outcode", "town", "district" or "nation"
    nation: str
    districts: tuple[District, ...] = ()


@lru_cache
def districts() -> dict[str, District]:
    with (GEO_DIR / "local_authority_districts_uk_2025.csv").open(encoding="utf-8") as f:
        return {
            row["lad_code"]: District(row["lad_code"], row["lad_name_nice"], row["nation"])
            for row in csv.DictReader(f)
        }


@lru_cache
def _outcodes() -> dict[str, tuple[District, ...]]:
    found: dict[str, list[tuple[int, District]]] = {}
    by_code = districts()
    with (GEO_DIR / "outcode_to_lad_gb.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            rank = int(row["rank"])
            if rank == 1 or float(row["share"]) >= MIN_SHARE:
                found.setdefault(row["outcode"], []).append((rank, by_code[row["lad_code"]]))
    return {code: tuple(d for _, d in sorted(rows)) for code, rows in found.items()}


_CITY_OF = re.compile(r"^(?:City and County of|City of|County of)\s+", re.IGNORECASE)
_COUNCIL_TITLE = re.compile(
    r"\s+((Metropolitan |Royal )?(County )?(Borough |District |City )?Council)$", re.IGNORECASE
)


def _name_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower().replace("&", " and ")).strip()


@lru_cache
def _names() -> dict[str, tuple[str, tuple[District, ...]]]:
    """Name key -> (kind, districts), for districts' several names, towns and nations."""
    names: dict[str, tuple[str, tuple[District, ...]]] = {}
    by_code = districts()
    with (GEO_DIR / "towns.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            names[_name_key(row["town"])] = ("town", (by_code[row["lad_code"]],))
    # District names win over towns: they are the official names.
    with (GEO_DIR / "local_authority_districts_uk_2025.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            district = (by_code[row["lad_code"]],)
            for column in ("lad_name", "lad_name_nice", "official_name", "ons_name_may22"):
                if row[column]:
                    names[_name_key(row[column])] = ("district", district)
            # "Hull City Council" is how people say Hull: the council's name without the title.
            short = _COUNCIL_TITLE.sub("", row["official_name"])
            if short:
                names.setdefault(_name_key(short), ("district", district))
                # "City of Edinburgh Council" is how the council is named; people say Edinburgh.
                plain = _CITY_OF.sub("", short)
                if plain != short:
                    names.setdefault(_name_key(plain), ("district", district))
    return names


@lru_cache
def council_area_names() -> frozenset[str]:
    """Every name a council area is known by, lower case ("telford and wrekin", "cardiff"),
    with the towns councils are named after ("telford")."""
    finer = {_name_key(t) for t in towns_within_districts()}
    return frozenset(key for key in _names() if key not in finer)


@lru_cache
def outward_codes() -> frozenset[str]:
    """Every Great Britain postcode district (outward code) the table knows, upper case."""
    return frozenset(_outcodes())


@lru_cache
def towns_within_districts() -> tuple[str, ...]:
    """Names of towns finer than their council area ("Shrewsbury" in Shropshire), which
    anonymised text must not keep; a town the council is named after ("Telford" in Telford and
    Wrekin) says no more than the area."""
    by_code = districts()
    with (GEO_DIR / "towns.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return tuple(
        row["town"]
        for row in rows
        if not _name_key(by_code[row["lad_code"]].name).startswith(_name_key(row["town"]))
    )


def _postcode(query: str, compact: str) -> Place | None:
    full = _FULL.fullmatch(compact)
    outward = full.group(1) if full else compact
    if not full and not _OUTWARD_ONLY.fullmatch(compact):
        return None
    kind = "postcode" if full else "outcode"
    if outward.startswith("BT"):
        return Place(query, kind, "Northern Ireland")
    found = _outcodes().get(outward)
    if found:
        return Place(query, kind, found[0].nation, found)
    area = re.sub(r"[0-9].*", "", outward)  # the letters before the first digit
    if area in _CROWN_DEPENDENCIES:
        raise PlaceNotFound(
            "That postcode is in the Channel Islands or the Isle of Man. We only list UK services, "
            "but the national helplines below can still help."
        )
    if area in _NON_GEOGRAPHIC or outward.startswith("GIR"):
        raise PlaceNotFound(
            "That postcode is not linked to an area. Try a home postcode or a town. "
            "The national helplines below can help wherever you are."
        )
    raise PlaceNotFound(
        f"We couldn't find the postcode {query.strip().upper()}. Check it, or try a town. "
        "The national helplines below can help wherever you are."
    )


def resolve(query: str) -> Place:
    """The districts for a postcode ("TF1 3AB", "tf13ab"), an outward code ("TF1"), a town
    ("Shrewsbury"), a district ("Telford and Wrekin") or a nation ("Wales")."""
    cleaned = query.strip()
    if not cleaned:
        raise PlaceNotFound("Tell us a postcode or a town, or leave it blank for national help.")
    compact = re.sub(r"\s+", "", cleaned).upper()
    place = _postcode(cleaned, compact)
    if place:
        return place
    key = _name_key(cleaned)
    for nation in NATION_NAMES:
        if key == _name_key(nation):
            return Place(cleaned, "nation", nation)
    found = _names().get(key)
    if found:
        kind, where = found
        return Place(cleaned, kind, where[0].nation, where)
    raise PlaceNotFound(
        f'We couldn\'t find "{cleaned[:40]}". Try a postcode, or the name of a town or council. '
        "The national helplines below can help wherever you are."
    )
