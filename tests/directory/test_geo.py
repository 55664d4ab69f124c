"""Places to districts, offline: postcodes in every shape people type them, towns, districts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from directory.geo import PlaceNotFound, districts, resolve
from directory.nations import NAMES as NATIONS

TELFORD = "E06000020"
SHROPSHIRE = "E06000051"


def _codes(query: str) -> list[str]:
    return [d.code for d in resolve(query).districts]


@pytest.mark.parametrize("query", ["TF1 3AB", "tf1 3ab", "TF13AB", "  tf1   3ab ", "TF1"])
def test_a_telford_postcode_in_any_shape(query):
    assert _codes(query) == [TELFORD]


def test_full_and_outward_codes_are_told_apart():
    # No space: the inward code is always the last three characters, so this is TF13, not TF1.
    assert resolve("TF133AA").kind == "postcode"
    assert _codes("TF133AA") == [SHROPSHIRE]
    assert resolve("tf13").kind == "outcode"


def test_an_outward_code_spanning_districts_gives_each_real_share_main_first():
    assert _codes("TF8") == [TELFORD, SHROPSHIRE]  # 0.82 / 0.18
    # SY4 is 2.3% Telford and Wrekin: too small a sliver to count.
    assert _codes("SY4") == [SHROPSHIRE]


def test_northern_ireland_is_matched_by_nation():
    place = resolve("BT1 5GS")
    assert (place.nation, place.districts) == ("Northern Ireland", ())


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("JE2 3AB", "Channel Islands"),
        ("IM1 1AA", "Isle of Man"),
        ("BX1 1LT", "not linked to an area"),
        ("ZZ9 9ZZ", "couldn't find the postcode ZZ9 9ZZ"),
        ("12345", "couldn't find"),
        ("Atlantis", 'couldn\'t find "Atlantis"'),
        ("   ", "postcode or a town"),
    ],
)
def test_a_place_we_cannot_use_gets_a_clear_message_and_the_national_lines(query, words):
    with pytest.raises(PlaceNotFound) as caught:
        resolve(query)
    assert words in str(caught.value)
    if query.strip():
        assert "national helplines" in str(caught.value)


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Shrewsbury", SHROPSHIRE),
        ("shrewsbury ", SHROPSHIRE),
        ("Telford", TELFORD),
        ("Telford & Wrekin", TELFORD),
        ("telford and wrekin", TELFORD),
        ("Oswestry", SHROPSHIRE),
        ("Hull", "E06000010"),  # district names: plain, official and ONS
        ("Kingston upon Hull, City of", "E06000010"),
        ("Rhondda Cynon Taff", "W06000016"),
        ("Edinburgh", "S12000036"),  # "City of Edinburgh": people say the city's name
        ("Derry", "N09000005"),  # Derry City and Strabane
        ("Londonderry", "N09000005"),
    ],
)
def test_towns_and_district_names(query, code):
    assert _codes(query) == [code]


def test_a_town_name_shared_with_a_district_means_the_district():
    place = resolve("Newport")
    assert place.kind == "district" and place.nation == "Wales"


@pytest.mark.parametrize("nation", NATIONS)
def test_a_nation_name_gives_the_nation(nation):
    place = resolve(nation.lower())
    assert (place.kind, place.nation, place.districts) == ("nation", nation, ())


def test_the_districts_list_is_complete():
    nations = [d.nation for d in districts().values()]
    assert len(nations) == 361
    assert [nations.count(n) for n in NATIONS] == [296, 22, 32, 11]


@given(st.text(max_size=60))
def test_any_text_resolves_or_says_why(text):
    try:
        place = resolve(text)
    except PlaceNotFound as error:
        assert str(error)
    else:
        assert place.nation in NATIONS
