"""What people volunteer about themselves is read from first-person statements only."""

from __future__ import annotations

import pytest

from reading.about_me import only_a_place, read


def _details(text: str) -> set[tuple[str, str]]:
    return {(d.entity, d.value) for d in read(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("im a gay man and my bf hits me", {("gender", "men"), ("lgbt", "lgbt")}),
        ("i am a 34 year old trans woman", {("gender", "women"), ("lgbt", "lgbt")}),
        ("I am 15 and my mums boyfriend scares me", {("age_group", "young")}),
        ("I'm in year 10", {("age_group", "young")}),
        ("im 72 and my son takes my pension", {("age_group", "older")}),
        ("I'm deaf", {("disability", "deaf")}),
        ("I use a wheelchair and my carer shouts at me", {("disability", "disabled")}),
        (
            "as a black woman no one listens",
            {("gender", "women"), ("community", "black-minoritised")},
        ),
        ("im on a spouse visa", {("immigration", "migrants")}),
        ("i am not british and he has my passport", {("immigration", "migrants")}),
        ("is there any help for men", {("gender", "men")}),
        ("i live in cardiff", {("district", "W06000015"), ("nation", "wales")}),
        ("Glasgow", {("district", "S12000049"), ("nation", "scotland")}),
        ("we live near Belfast", {("district", "N09000003"), ("nation", "northern-ireland")}),
        ("I'm based in Telford", {("district", "E06000020"), ("nation", "england")}),
        ("I live in London", {("nation", "england")}),  # no one council: the nation only
        ("i live in shrewsbury with my 2 kids", {("district", "E06000051"), ("nation", "england")}),
        ("my postcode is tf1 3ab", {("district", "E06000020"), ("nation", "england")}),
        ("SY1", {("district", "E06000051"), ("nation", "england")}),
        ("BT7 1NN", {("nation", "northern-ireland")}),
        ("I am a Muslim woman", {("gender", "women"), ("community", "muslim")}),
        ("im jewish", {("community", "jewish")}),
        # Where a text opens, where a friend is, and a Jewish divorce (a get).
        (
            "live in cardiff. he controls the money",
            {("district", "W06000015"), ("nation", "wales")},
        ),
        (
            "in glasgow. is it abuse if he shouts",
            {("district", "S12000049"), ("nation", "scotland")},
        ),
        ("my sister lives near Swansea", {("district", "W06000011"), ("nation", "wales")}),
        # A text that closes with where they are, as a fragment of its own.
        (
            "not violent, just tight w money. who do i ask re house n kids? wrexham",
            {("district", "W06000006"), ("nation", "wales")},
        ),
        (
            "Just after some advice. Belfast.",
            {("district", "N09000003"), ("nation", "northern-ireland")},
        ),
        (
            "can i check my sisters new fella? were in Belfast",
            {("district", "N09000003"), ("nation", "northern-ireland")},
        ),
        ("the rabbi told me to be patient with him", {("community", "jewish")}),
        ("he refuses to give me a get", {("community", "jewish")}),
    ],
)
def test_reads_what_people_say_about_themselves(text: str, expected: set) -> None:
    assert _details(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "my husband hits me",  # says who harms them, not who they are
        "i'm so scared my dad will find out",
        "i'm not gay",
        "I'm not disabled, just tired",
        "i'm 5 minutes from home",
        "i'm 30",
        "my ex moved to scotland",
        "he is from wales",
        "my boyfriend is 17",
    ],
)
def test_guesses_nothing_from_other_people_or_denials(text: str) -> None:
    assert _details(text) == set()


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Telford", True),
        ("in shrewsbury", True),
        ("TF2 9FT", True),
        ("my postcode is SY1 2AB.", True),
        ("i live in telford", False),  # a sentence: the classifier decides its intent
        ("ok", False),
        ("help", False),
        ("danger", False),
    ],
)
def test_a_message_that_is_only_a_place(text: str, place: bool) -> None:
    assert only_a_place(text) is place


@pytest.mark.parametrize(
    "text",
    [
        "im in danger",
        "I am in a refuge",
        "my ex lives in Telford",
        "i'm not in telford any more",
        "he reads my texts. thanks.",
    ],
)
def test_no_place_from_danger_other_people_or_denials(text: str) -> None:
    assert not {e for e, _ in _details(text)} & {"district", "nation"}
