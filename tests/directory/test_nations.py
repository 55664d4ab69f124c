"""The one table of the UK's nations (directory/nations.py) agrees with the data and the readers."""

from __future__ import annotations

import pytest

from directory import nations
from directory.geo import districts, resolve
from directory.national import national_services
from directory.recommend import Profile, recommend
from reading import about_me


@pytest.mark.parametrize("nation", nations.NATIONS, ids=lambda n: n.value)
def test_each_nations_helpline_is_in_the_directory_open_all_day_and_serves_it(nation):
    service = national_services()[nation.helpline]
    assert service["open_24_7"] is True
    assert service["area"] in nation.areas


@pytest.mark.parametrize("nation", nations.NATIONS, ids=lambda n: n.value)
def test_a_nation_said_or_read_from_a_place_gives_its_own_helpline(nation):
    assert recommend(Profile(nation=nation.value))[-1]["id"] == nation.helpline
    # The geography data spells the nations as the table does, so a district finds its nation.
    district = next(d for d in districts().values() if d.nation == nation.name)
    assert nations.BY_NAME[district.nation] == nation
    assert resolve(nation.name).nation == nation.name


def test_the_place_words_are_for_the_conversations_nation_values():
    assert set(about_me._PLACES) <= set(nations.BY_VALUE)
    read = about_me.read("I live in Cardiff")
    assert {d.value for d in read if d.entity == "nation"} == {"wales"}


def test_every_area_is_a_nation_or_a_union_of_them():
    assert nations.AREAS == {"UK", "Great Britain", "England and Wales", *nations.NAMES}
    assert nations.DEFAULT in nations.NATIONS
