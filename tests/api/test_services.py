"""`GET /api/services`: the contract in design.md, the issue's people, and clear 422s."""

from __future__ import annotations

import pytest

from directory.national import national_services

CONTRACT = {
    "id", "name", "organization", "scope", "phone", "text", "webchat", "url", "hours",
    "audiences", "needs", "by_and_for", "languages", "area", "source", "verified",
}  # fmt: skip


def _ids(client, **params):
    reply = client.get("/api/services", params=params)
    assert reply.status_code == 200, reply.text
    return [s["id"] for s in reply.json()["services"]]


def test_every_service_has_the_contract_fields_and_nothing_unverified(client):
    body = client.get("/api/services").json()
    assert body["services"] and body["message"] is None
    data = national_services()
    for service in body["services"]:
        assert CONTRACT <= set(service)
        for field in data[service["id"]].get("unverified") or []:
            assert service.get(field) in (None, [], False), (service["id"], field)


def test_national_scope_lists_every_uk_and_nation_wide_service(client):
    ids = set(_ids(client, scope="national", postcode="TF1 1AA"))
    assert {"live-fear-free", "scotland-dafm-helpline", "ni-dsa-helpline"} <= ids
    assert "national-domestic-abuse-helpline" in ids


@pytest.mark.parametrize(
    ("params", "first"),
    [
        ({"postcode": "tf13ab", "audience": "men"}, "mens-advice-line"),
        ({"place": "Shrewsbury", "audience": "lgbt"}, "galop-lgbt-domestic-abuse-helpline"),
        ({"audience": "black-minoritised,women", "place": "Leeds"}, "southall-black-sisters"),
        ({"place": "Cardiff", "audience": "deaf"}, "signhealth-domestic-abuse-service"),
        ({"need": "behaviour-change", "audience": "men"}, "respect-phoneline"),
        ({"need": "helpline", "postcode": "CF10 1AA"}, "live-fear-free"),
        ({"need": "helpline", "postcode": "EH1 1AA"}, "scotland-dafm-helpline"),
        ({"need": "helpline", "postcode": "BT7 1NN"}, "ni-dsa-helpline"),
    ],
)
def test_the_right_service_comes_first(client, params, first):
    assert _ids(client, **params)[0] == first


def test_a_man_is_not_offered_a_womens_only_line(client):
    assert "national-domestic-abuse-helpline" not in _ids(client, audience="men", place="Telford")


def test_a_place_outside_a_nation_does_not_get_its_helpline(client):
    ids = _ids(client, need="helpline", place="Glasgow City")
    assert "live-fear-free" not in ids and "national-domestic-abuse-helpline" not in ids


@pytest.mark.parametrize("postcode", ["ZZ9 9ZZ", "JE2 3AB", "BX1 1LT", "hello"])
def test_a_bad_postcode_gets_a_message_and_the_national_services(client, postcode):
    body = client.get("/api/services", params={"postcode": postcode}).json()
    assert body["message"] and body["place"] is None
    assert "national-domestic-abuse-helpline" in [s["id"] for s in body["services"]]


def test_the_place_is_told_back(client):
    body = client.get("/api/services", params={"postcode": "TF8 7AA"}).json()
    assert body["place"]["kind"] == "postcode"
    assert [d["name"] for d in body["place"]["districts"]] == ["Telford and Wrekin", "Shropshire"]


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"audience": "woman"}, "unknown audience woman"),
        ({"need": "shelter"}, "unknown need shelter"),
        ({"scope": "everywhere"}, "scope must be national or local"),
        ({"language": "english"}, "ISO 639"),
        ({"postcode": "x" * 17}, "postcode"),
    ],
)
def test_bad_parameters_are_a_clear_422(client, params, words):
    reply = client.get("/api/services", params=params)
    assert reply.status_code == 422
    assert words in reply.json()["message"]


# Issue 5's "done when": each of these people gets the right services first.
@pytest.mark.parametrize(
    ("params", "first_ids"),
    [
        ({"place": "Telford", "audience": "men"},
         ["mens-advice-line", "wmwa-telford-wrekin-helpline"]),
        ({"place": "Shrewsbury", "audience": "lgbt"},
         ["galop-lgbt-domestic-abuse-helpline", "wmwa-shropshire-herefordshire-helpline"]),
        ({"place": "Leeds", "audience": "muslim,women"}, ["muslim-womens-network-helpline"]),
        ({"postcode": "NR1 1AA", "audience": "muslim,women"}, ["muslim-womens-network-helpline"]),
        ({"place": "Swansea", "audience": "deaf"}, ["signhealth-domestic-abuse-service"]),
        ({"audience": "men", "need": "behaviour-change", "place": "Telford"},
         ["respect-phoneline"]),
        ({"place": "London", "audience": "jewish,women"}, ["jewish-womens-aid"]),
    ],
)  # fmt: skip
def test_the_people_in_the_issue_get_the_right_services_first(client, params, first_ids):
    assert _ids(client, **params)[: len(first_ids)] == first_ids


def test_local_services_only_for_their_own_area(client):
    telford = _ids(client, postcode="TF3 4NT")
    assert "wmwa-telford-wrekin-helpline" in telford
    assert "wmwa-shropshire-herefordshire-helpline" not in telford
    assert not {"wmwa-telford-wrekin-helpline", "wmwa-refuge"} & set(_ids(client, place="Leeds"))
    assert "axis-counselling" not in _ids(client, place="Telford")  # nothing verified to show
