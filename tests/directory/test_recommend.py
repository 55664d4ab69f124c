"""Which services a person is offered: the right specialist first, never one not meant for them."""

from __future__ import annotations

import datetime as dt

import pytest

from directory.national import national_services
from directory.recommend import MAX_SERVICES, Profile, recommend
from directory.schema import AUDIENCES, NEEDS


def _svc(sid: str, audiences: list[str], needs: list[str], area: str = "UK", **extra) -> dict:
    return {"id": sid, "name": sid, "organization": "o", "phone": "0", "audiences": audiences,
            "needs": needs, "area": area, "scope": "national", "summary": "s",
            "source": "https://x", "verified": dt.date(2026, 11, 1), **extra}  # fmt: skip


# The general helplines keep their real ids: recommend() knows them as each nation's 24-hour line.
SERVICES = {
    s["id"]: s
    for s in [
        _svc(
            "national-domestic-abuse-helpline", ["women"], ["helpline", "domestic-abuse"], "England"
        ),
        _svc("live-fear-free", ["everyone", "friends-and-family"], ["helpline"], "Wales"),
        _svc("men-line", ["men"], ["helpline", "domestic-abuse"]),
        _svc("lgbt-line", ["lgbt"], ["domestic-abuse"]),
        _svc("by-and-for", ["women", "black-minoritised"], ["domestic-abuse"], by_and_for=True),
        _svc("other-minoritised", ["black-minoritised"], ["domestic-abuse"]),
        _svc("change-line", ["people-who-harm"], ["behaviour-change"]),
        _svc("money-line", ["everyone"], ["money"]),
        _svc("child-line", ["young"], ["domestic-abuse"]),
        _svc("child-at-risk", ["friends-and-family", "parents"], ["child-at-risk"]),
        _svc("older-line", ["older"], ["older"]),
        _svc("unreachable", ["everyone"], ["money"], phone=None),
        _svc("no-number", ["everyone"], ["money"], unverified=["phone"]),
        _svc("emergency", ["everyone"], ["money"], scope="emergency"),
        _svc(
            "telford-da",
            ["everyone"],
            ["domestic-abuse"],
            None,
            scope="local",
            service_area=["E06000020"],
        ),  # fmt: skip
        _svc(
            "telford-money",
            ["everyone"],
            ["money"],
            None,
            scope="local",
            service_area=["E06000020"],
        ),  # fmt: skip
    ]
}


def _ids(**profile) -> list[str]:
    return [s["id"] for s in recommend(Profile(**profile), SERVICES)]


@pytest.mark.parametrize(
    ("profile", "expected"),
    [
        ({}, ["national-domestic-abuse-helpline"]),
        ({"nation": "wales"}, ["live-fear-free"]),
        ({"gender": "men"}, ["men-line"]),  # the England line is for women
        ({"gender": "men", "nation": "wales"}, ["men-line", "live-fear-free"]),
        ({"lgbt": "lgbt"}, ["lgbt-line", "national-domestic-abuse-helpline"]),
        (
            {"community": "black-minoritised"},
            ["by-and-for", "other-minoritised", "national-domestic-abuse-helpline"],
        ),
        ({"need": "money"}, ["money-line", "national-domestic-abuse-helpline"]),
        ({"age_group": "young"}, ["child-line", "national-domestic-abuse-helpline"]),
        ({"need": "older"}, ["older-line", "national-domestic-abuse-helpline"]),
        (
            {"helping": "other", "need": "child-at-risk"},
            ["child-at-risk", "national-domestic-abuse-helpline"],
        ),
        ({"helping": "own", "need": "behaviour-change"}, ["change-line"]),
    ],
)
def test_specialist_then_topic_then_the_general_helpline(profile: dict, expected: list) -> None:
    assert _ids(**profile) == expected


@pytest.mark.parametrize(
    ("profile", "expected"),
    [
        ({"district": "E06000020"}, ["telford-da", "national-domestic-abuse-helpline"]),
        ({"district": "E06000020", "need": "money"},
         ["telford-money", "money-line", "national-domestic-abuse-helpline"]),
        ({"district": "E06000020", "gender": "men"}, ["men-line", "telford-da"]),
        ({"district": "E06000051"}, ["national-domestic-abuse-helpline"]),  # Shropshire
        ({"district": "W06000015"}, ["live-fear-free"]),  # Cardiff: the nation from the place
    ],
)  # fmt: skip
def test_local_services_where_they_live(profile: dict, expected: list) -> None:
    assert _ids(**profile) == expected


def test_someone_who_harms_is_never_sent_to_survivors_services() -> None:
    assert _ids(helping="own", gender="men", lgbt="lgbt", need="behaviour-change") == [
        "change-line"
    ]


def test_a_service_for_a_group_is_not_offered_outside_it() -> None:
    everyone = {sid for sid in _ids(need="domestic-abuse")}
    assert everyone.isdisjoint({"men-line", "lgbt-line", "child-line", "by-and-for"})
    assert "by-and-for" not in _ids(gender="men", community="black-minoritised")
    assert "child-line" not in _ids(age_group="older")


def test_unverified_or_emergency_entries_are_never_cards() -> None:
    shown = set(_ids(need="money"))
    assert shown.isdisjoint({"unreachable", "no-number", "emergency"})


def test_never_more_than_the_maximum() -> None:
    crowded = _ids(gender="women", lgbt="lgbt", age_group="young", community="black-minoritised")
    assert len(crowded) == MAX_SERVICES


# The real data files: the routes issue 4 names must exist and be reachable.
@pytest.mark.parametrize(
    ("profile", "first"),
    [
        ({}, "national-domestic-abuse-helpline"),
        ({"gender": "men"}, "mens-advice-line"),
        ({"lgbt": "lgbt"}, "galop-lgbt-domestic-abuse-helpline"),
        ({"age_group": "young"}, "childline"),
        ({"disability": "deaf"}, "signhealth-domestic-abuse-service"),
        ({"nation": "wales"}, "live-fear-free"),
        ({"nation": "scotland"}, "scotland-dafm-helpline"),
        ({"nation": "northern-ireland"}, "ni-dsa-helpline"),
        ({"helping": "own", "need": "behaviour-change"}, "respect-phoneline"),
        # Someone who harms whose own life is at risk: the crisis line first, as for anyone.
        ({"helping": "own", "need": "suicide"}, "shout-85258"),
        ({"helping": "other", "need": "child-at-risk"}, "nspcc-helpline"),
        ({"need": "honour"}, "karma-nirvana-helpline"),
        ({"need": "stalking"}, "national-stalking-helpline"),
        ({"need": "older"}, "hourglass-helpline"),
        ({"need": "clares-law"}, "police-101-clares-law"),
    ],
)
def test_real_directory_routes(profile: dict, first: str) -> None:
    assert recommend(Profile(**profile), national_services())[0]["id"] == first


def test_every_entry_uses_the_matchers_words() -> None:
    areas = {"UK", "England", "England and Wales", "Wales", "Scotland", "Northern Ireland"}
    for sid, service in national_services().items():
        assert set(service.get("audiences") or []) <= AUDIENCES, sid
        assert set(service.get("needs") or []) <= NEEDS, sid
        if service["scope"] == "local":
            assert service.get("service_area"), sid
        else:
            assert service.get("area") in areas, sid
