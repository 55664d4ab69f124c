"""directory/search.py on made-up services: ranking per audience, and the index loses nothing."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from bench.directory import generate
from directory.geo import resolve
from directory.national import load
from directory.nations import BY_NAME
from directory.schema import NEEDS
from directory.search import NEED_AUDIENCE, Index, Query, search

TELFORD = "E06000020"
SHROPSHIRE = "E06000051"


def _svc(sid: str, audiences=("everyone",), needs=("domestic-abuse",), **extra) -> dict:
    # The phone is from Ofcom's freephone drama range: never a real line.
    service = {
        "id": sid, "name": sid, "organization": "o", "scope": "national", "area": "UK",
        "phone": "0808 157 0123", "audiences": list(audiences), "needs": list(needs),
        "summary": "s", "source": "https://x", "verified": dt.date(2026, 11, 1),
    }  # fmt: skip
    service.update(extra)
    return service


SERVICES = {
    s["id"]: s
    for s in [
        _svc("general", open_24_7=True, needs=("helpline", "domestic-abuse")),
        _svc("womens", ("women",), ("helpline", "domestic-abuse"), area="England", open_24_7=True),
        _svc("mens", ("men",), ("helpline", "domestic-abuse")),
        _svc("lgbt", ("lgbt",)),
        _svc("lgbt-by-and-for", ("lgbt",), by_and_for=True),
        _svc("deaf", ("deaf", "hard-of-hearing"), access=["bsl"], by_and_for=True),
        _svc("muslim-women", ("women", "black-minoritised"), by_and_for=True),
        _svc("older", ("older",), ("older", "domestic-abuse")),
        _svc("young", ("young",)),
        _svc("change", ("people-who-harm",), ("behaviour-change",)),
        _svc("wales", area="Wales", needs=("helpline",), open_24_7=True),
        _svc("scotland", area="Scotland", needs=("helpline",), open_24_7=True),
        _svc("telford-local", scope="local", area=None, service_area=[TELFORD]),
        _svc("shropshire-local", scope="local", area=None, service_area=[SHROPSHIRE]),
        _svc("polish", languages=["pl", "en"], needs=("domestic-abuse",)),
        _svc("interpreting", access=["interpreters"], needs=("domestic-abuse",)),
        _svc("hidden-number", unverified=["phone"]),
        _svc("emergency", scope="emergency", needs=("emergency",)),
    ]
}


def _ids(place: str | None = None, audiences=(), **query) -> list[str]:
    where = resolve(place) if place else None
    return [s["id"] for s in search(Query(where, frozenset(audiences), **query), SERVICES)]


@pytest.mark.parametrize(
    ("place", "audiences", "first"),
    [
        ("Telford", ["men"], "mens"),
        ("Shrewsbury", ["lgbt"], "lgbt-by-and-for"),  # by and for above the other LGBT+ one
        ("Leeds", ["women", "black-minoritised"], "muslim-women"),
        ("Cardiff", ["deaf"], "deaf"),
        ("Cardiff", ["hard-of-hearing"], "deaf"),
        ("York", ["older"], "older"),
        ("TF1 1AA", ["young"], "young"),
        ("TF1 1AA", [], "telford-local"),  # local above national, all else equal
    ],
)
def test_their_group_first(place, audiences, first):
    assert _ids(place, audiences)[0] == first


def test_urgent_needs_put_day_and_night_services_first():
    ids = _ids("Cardiff", need="helpline")
    assert ids[:2] == ["general", "wales"]
    assert "womens" not in ids  # an England service, not for Wales


def test_a_man_never_gets_a_womens_only_service_and_a_woman_never_a_mens():
    assert not {"womens", "muslim-women"} & set(_ids("Telford", ["men"]))
    assert "mens" not in _ids("Telford", ["women"])


def test_other_groups_services_come_last_when_browsing():
    ids = _ids("Telford")
    assert ids.index("general") < min(ids.index(s) for s in ("lgbt", "deaf", "older"))


def test_only_their_groups_leaves_out_other_groups():
    listing = set(_ids("Telford", only_their_groups=True))
    assert "general" in listing and not {"lgbt", "deaf", "young", "change"} & listing


def test_asking_about_behaviour_change_is_being_in_that_group():
    assert _ids(need="behaviour-change", only_their_groups=True) == ["change"]


def test_local_services_only_where_they_work():
    assert "telford-local" not in _ids("Shrewsbury")
    assert "shropshire-local" in _ids("SY1 1AA")
    assert _ids("Telford", scope="local") == ["telford-local"]
    assert not {"telford-local", "shropshire-local"} & set(_ids(scope="national"))


def test_language_needs_the_language_or_interpreters():
    assert set(_ids(language="pl")) == {"polish", "interpreting"}


def test_never_unverified_or_emergency_routes():
    ids = set(_ids())
    assert not {"hidden-number", "emergency"} & ids


def test_results_are_copies():
    first = search(Query(), SERVICES)[0]
    first["name"] = "changed"
    assert search(Query(), SERVICES)[0]["name"] != "changed"


# The index (need, district and nation sets) must find exactly what a plain scan finds.
@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated")
    generate(1500, folder, seed=3)
    return load(folder)


def _scan(services: dict, query: Query) -> set[str]:
    found = set()
    for s in services.values():
        if s["scope"] == "emergency" or query.need and query.need not in s["needs"]:
            continue
        if query.place and s["scope"] == "local":
            if not {d.code for d in query.place.districts} & set(s["service_area"]):
                continue
        elif query.place and s["area"] not in BY_NAME[query.place.nation].areas:
            continue
        found.add(s["id"])
    return found


def test_the_index_finds_what_a_scan_finds(generated):
    index, rng = Index(generated), random.Random(5)
    # Needs that name a group also filter by group, which the scan leaves out.
    needs = [None, *sorted(NEEDS - NEED_AUDIENCE.keys())]
    places = [None, "TF1", "Cardiff", "EH1 1AA", "BT7 1NN", "Shropshire", "Leeds"]
    for _ in range(200):
        place = rng.choice(places)
        query = Query(
            resolve(place) if place else None,
            need=rng.choice(needs),
        )
        assert {s["id"] for s in index.search(query)} == _scan(generated, query), query
