"""Whose story a message tells, and about whom: the rules, on lines written for these tests.

The outcome sets in tests/data/outcome/ measure the whole journey; these pin the behaviour the
rules must keep, including the confusions that would hurt someone.
"""

from __future__ import annotations

import pytest

from reading.whose_story import read_story


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # It happens to the writer.
        ("he takes my wages and gives me twenty quid a week", "self"),
        ("my husband hits me when he's had a drink", "self"),
        ("shes always putting me down in front of the kids", "self"),
        ("im scared of him, he goes mad if im late", "self"),
        # A survivor describing his anger is not someone worried about their own behaviour.
        ("he became more controlling, shouting in my face and gripping his fists", "self"),
        ("he says i'm the abusive one and that i'm the problem", "self"),
        ("i hit him back once to get him off me", "self"),
        # A 15-year-old at home where a parent is hurt is a victim too.
        ("im 15 and my dad screams at my mum every night", "self"),
        # Someone worried about another person.
        ("my friend's boyfriend threatens to out him to his family", "other"),
        ("I'm worried about my sister, her husband won't let her see us", "other"),
        ("what do i say to her, she keeps going back to him", "other"),
        ("my nan is 84 and her carer takes money from her purse", "other"),
        ("I'm a teaching assistant and one of my pupils says daddy hurts mummy", "other"),
        # The writer harms.
        ("I pushed my wife during a row and she's scared of me now", "own"),
        ("i check my girlfriend's phone every night and i know it's wrong", "own"),
        ("I don't want to turn into my dad, I keep shouting at my partner", "own"),
        ("how do i stop being controlling", "own"),
        ("she's told everyone i hit her but i never touched her, she goes for me", "self"),
        ("i'm ashamed to say i'm the one who lashes out when we argue", "own"),
        ("i make her show me every receipt and i keep her bank card", "own"),
        ("i can feel it building and i don't trust myself tonight", "own"),
        ("after a few pints i get really nasty with my wife", "own"),
        ("we both have tempers but i know mine's worse, i snapped her glasses", "own"),
        ("i'm losing my temper with my mum, she has dementia", "own"),
        ("is calling respect confidential? my wife says sort my temper out", "own"),
        # "How do I check if my boyfriend..." is not someone checking a partner's phone.
        ("how do i check if my boyfriend put an app on my phone", "self"),
        # Where she went is not whom the story is about.
        ("i hit my partner last night. she's gone to her parents", "own"),
        # A neighbour, a teacher: someone else's story.
        ("the elderly lady next door, her grandson shouts at her all day", "other"),
        ("teacher here, a year 2 told me mummy cries when daddy shouts", "other"),
        # A friend's "I could strangle him" is frustration: the story is still the friend's.
        ("my sister's husband won't let her see us, honestly i could strangle him", "other"),
        # The writer harms, said plainly and without naming it.
        ("ive been slapping my boyfriend when we row and i cant stop", "own"),
        ("i split her lip last month and i hate myself", "own"),
        ("me and the missus row and i'm the one shouting, i've never touched her", "own"),
        ("i picked up a knife in a row with my husband, i'd never use it", "own"),
        ("the police came after what i did on saturday", "own"),
        ("i'm the one doing the damage, i bit her once", "own"),
        ("how do i stop losing it with my partner", "own"),
        ("i put my hands on my wife again last night and she's gone to her sister's", "own"),
        ("wife says i control the money. she asks me when she needs cash", "own"),
        ("my first husband used to knock me about, i got out in 1998", "self"),
        ("threw a mug at the wall next to my husband yesterday, not the first time", "own"),
        # Her husband's family are her in-laws, not someone else's story.
        ("my husband says i bring shame on his family", "self"),
        ("she's locked herself in the bathroom because of me", "own"),
        ("i did throw stuff and i kept her short of money, i want to be a proper dad", "own"),
        # A survivor who has come to believe what he says is not someone who harms.
        ("he always said i'd be better off dead and i'm starting to think he's right", "self"),
        # A survivor blaming themselves in the words of a confession, and his fear: still theirs.
        ("i feel like i deserve it after what i did", None),
        ("he put his hands round my neck, ive been scared of him ever since", "self"),
        # Told what they are, with nothing done to them: left to the classifier.
        ("my partner says i'm controlling", None),
        # Nothing to go on.
        ("hello", None),
        ("what is coercive control", None),
    ],
)
def test_whose_story_it_is(text: str, speaker: str | None) -> None:
    assert read_story(text).speaker == speaker


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my wife hits me and my mates would laugh", {"gender": "men"}),
        ("I'm a bloke and my boyfriend controls everything", {"gender": "men", "lgbt": True}),
        ("my girlfriend and I are both women and she hits me", {"lgbt": True}),
        ("my friend's boyfriend threatens to out him", {"gender": "men", "lgbt": True}),
        ("my brother's wife takes all his wages", {"gender": "men"}),
        ("my mum is 81 and my brother takes her pension", {"age_group": "older"}),
        ("my niece is 9 and her mum's boyfriend locks her in", {"age_group": "child"}),
        ("I'm 16 and my boyfriend makes me send pics", {"age_group": "young"}),
        ("my carer shouts at me and keeps my bank card", {"relationship": "carer"}),
        ("my ex keeps turning up at my work", {"relationship": "ex"}),
        ("my mate's boyfriend hits him, they're both lads", {"lgbt": True}),
        ("the old lady over the road, her son takes her pension", {"age_group": "older"}),
        # Staying at nana's says where, not who is harmed.
        ("a year 3 told me daddy hit mummy and they sleep at nana's now", {"age_group": "child"}),
    ],
)
def test_about_the_person_harmed(text: str, expected: dict) -> None:
    story = read_story(text)
    for field, value in expected.items():
        assert getattr(story, field) == value, field


@pytest.mark.parametrize(
    ("text", "situation"),
    [
        ("my parents are taking my friend abroad to marry her cousin", "forced-marriage"),
        ("they want me to marry a man I've never met", "forced-marriage"),
        ("he says he'll get me deported if I leave, I'm on a spouse visa", "immigration"),
        ("I'm 20 weeks pregnant and he pushed me", "pregnancy"),
    ],
)
def test_situations_that_choose_a_service(text: str, situation: str) -> None:
    assert situation in read_story(text).situations


def test_a_denied_situation_does_not_count() -> None:
    assert "pregnancy" not in read_story("I'm not pregnant, he just controls my money").situations


def test_a_woman_harmed_by_a_woman_is_not_read_as_a_man() -> None:
    story = read_story("I'm a woman and my wife hits me")
    assert story.gender == "women" and story.lgbt
