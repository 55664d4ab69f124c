"""The rule-based danger guard: held-out recall and false alarms, plus focused behaviour."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from reading.danger_lexicon import Danger, assess, normalise, serious
from tests.heldout import CALM, DANGER

MAX_FALSE_ALARM_RATE = 0.05


def test_heldout_sets_are_big_enough_to_mean_something() -> None:
    assert len(DANGER["immediate"]) >= 55
    assert len(DANGER["suicide"]) >= 25
    assert len(CALM) >= 120


@pytest.mark.parametrize("section", ["immediate", "suicide"])
def test_every_heldout_danger_message_gets_its_verdict(section: str) -> None:
    expected = Danger(section)
    wrong = [(line, assess(line)) for line in DANGER[section] if assess(line) != expected]
    recall = 1 - len(wrong) / len(DANGER[section])
    assert not wrong, f"{section} recall {recall:.1%}; wrong verdicts:\n" + "\n".join(
        f"  {got!s:>20}  {line}" for line, got in wrong
    )


def test_false_alarms_on_heldout_calm_messages_stay_at_or_below_five_percent() -> None:
    alarms = [(line, assess(line)) for line in CALM if assess(line) is not None]
    rate = len(alarms) / len(CALM)
    print(f"calm false-alarm rate {rate:.1%} ({len(alarms)}/{len(CALM)})")
    assert rate <= MAX_FALSE_ALARM_RATE, (
        f"false-alarm rate {rate:.1%} ({len(alarms)}/{len(CALM)}):\n"
        + "\n".join(f"  {got!s:>20}  {line}" for line, got in alarms)
    )


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Im SCARED", "i'm scared"),
        ("he\u2019s   outside\n\tnow", "he's outside now"),
        ("hes gonna kil me rn", "he's going to kill me right now"),
        ("u cant help me pls", "you can't help me please"),
        ("theyre here and i wont open the door", "they're here and i won't open the door"),
        ("i wanna be ded", "i want to be dead"),
        ("heeelp meee plzzz", "help me please"),
        ("i want 2 die", "i want to die"),
        ("kms", "kill myself"),
        ("my kid is odd", "my kid is odd"),  # no "kid" -> "killed", no "odd" -> "overdosed"
    ],
)
def test_normalise_folds_text_speak_typos_and_quotes(raw: str, folded: str) -> None:
    assert normalise(raw) == folded


@pytest.mark.parametrize(
    "text",
    [
        "I\u2019m not in danger, I just want advice",
        "i don't want to die, i just want it to stop",
        "no he's not here",
        "i would never kill myself",
        "he's not hitting me, he just shouts",
        "i havent self harmed in years",
        "is it abuse if he never hits me",
    ],
)
def test_negated_cues_do_not_fire(text: str) -> None:
    assert assess(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "he hit me years ago but i'm safe now",
        "he used to threaten to kill me, he's in prison now",
        "my ex used to strangle me when we were together",
        "he said he'd kill me. that was years ago and i'm safe now",
        "what should i do if he turns up at my door",
        "i keep having nightmares about him strangling me",
        "he grabbed me by the throat the other night, is that serious",
        "my boyfriend has hit me before",
        "last month she threw a plate at me",
        "one time he pushed me and said sorry after",
        "the night he locked me out i slept in the car",
    ],
)
def test_past_and_hypothetical_danger_does_not_fire(text: str) -> None:
    assert assess(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "i left him last year but now he's outside",
        "i'm safe now but he's outside with a knife",
        "he tried to strangle me last night and now he's back",
        "i'm not sure, but i think he's going to kill me",
        "he hit me before, he's doing it again now",
        "he grabbed me by the throat",
        "he threw a plate at me",
        "he's locked me in the bedroom",
    ],
)
def test_present_danger_wins_over_a_past_or_safe_remark(text: str) -> None:
    assert assess(text) is Danger.IMMEDIATE


@pytest.mark.parametrize(
    "text",
    [
        "this job is killing me",
        "i'm dying to know what happens next",
        "i'd kill for a coffee",
        "we killed it at karaoke",
        "going to hit the gym",
        "my phone's nearly dead",
        "i nearly died laughing",
        "the cost of living has hit us hard",
        "he's dead to me",
    ],
)
def test_idioms_do_not_fire(text: str) -> None:
    assert assess(text) is None


def test_an_idiom_does_not_hide_a_real_cue_in_the_same_message() -> None:
    assert assess("this job is killing me and now he's got a knife") is Danger.IMMEDIATE


def test_suicide_wins_when_both_apply_because_its_reply_includes_999() -> None:
    assert assess("he's got a knife and i just want to die") is Danger.SUICIDE
    assert assess("he's going to kill me anyway so i might as well kill myself") is Danger.SUICIDE


def test_a_friend_who_self_harms_is_not_the_writers_emergency_but_an_overdose_is() -> None:
    assert assess("how do i help a friend who self harms?") is None
    assert assess("my daughter has been self harming") is None
    assert assess("i've been self harming again") is Danger.SUICIDE
    assert assess("he makes me self harm") is Danger.SUICIDE
    assert assess("my friend has taken an overdose") is Danger.SUICIDE


@pytest.mark.parametrize("text", ["", " ", "\n\t  \r\n", "\u00a0\u2003"])
def test_empty_or_whitespace_text_has_no_verdict(text: str) -> None:
    assert assess(text) is None


def test_very_long_text_is_read_quickly_and_danger_inside_it_still_counts() -> None:
    calm = "he checks my phone every night and i walk on eggshells around him. " * 250
    started = time.perf_counter()
    assert assess(calm * 10) is None
    assert assess(calm + "he is outside with a knife") is Danger.IMMEDIATE
    assert assess("i want to die. " + calm * 10) is Danger.SUICIDE
    assert time.perf_counter() - started < 2.0


def test_verdicts_are_plain_strings_for_the_gateway() -> None:
    assert Danger.SUICIDE == "suicide" and Danger.IMMEDIATE == "immediate"


def test_lexicon_imports_without_rasa_so_the_gateway_can_use_it() -> None:
    code = "import sys, reading.danger_lexicon; print('rasa' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    "text",
    [
        # A story told in the past, with nothing that brings it to now: serious, not 999 now.
        "he strangled me in the spring and i left him in june",
        "she held a knife to me last month during a row, it hasn't happened since",
        "he said he'd kill me if i ever left, a few months ago. he's been nice since",
        # How often, or later: stalking to take seriously, not 999 this minute.
        "my ex waits outside my building most nights",
        "he gets out of prison next month and told his cousin he's going to kill me when he's out",
        # Things that sound like danger and are not.
        "he's outside mowing the lawn so i've got a bit of time",
        "he's on his way round tonight for dinner, is it normal he checks my phone",
        "i could murder a cup of tea honestly",
        "i keep waking up feeling like i can't breathe since i left",
        # A threat tied to leaving, with nothing now: serious (DASH), not 999 this minute.
        "his boyfriend says he'll kill him if he ever walks out, my mate laughs it off",
        # A weekday, "twice", "every weekend": told as the past or a habit.
        "he slapped me saturday because dinner was late, i'm at my sister's",
        "i've heard him threaten to batter her twice over the summer",
        "when he's had a drink he says he'll kill me, it's every weekend now",
        # A barricade that is how someone sleeps, told with the past.
        "since she went for me last spring i sleep with a chair against the door",
        # Parked across the road, told as a habit since the break-up: stalking, serious.
        "since we split he turns up everywhere, sat in his car across the road from my work",
        # Idioms of dying and murder; minutes later; a son who punches doors (a habit).
        "i'd rather die than leave my dog with him",
        "my wife would murder me if she saw this lol",
        "my throat was sore two weeks after he had his hands round my neck",
        "my son punches doors when he drinks",
        # Despair or a means alone, a despair that is denied, or someone else's letter.
        "i give up trying to explain it to him, he hides my tablets",
        "i'm not giving up. i wrote a letter to my mp about the refuge",
        "he wrote me a letter from prison and i feel like he's won",
        # Planning to leave is not a suicide plan.
        "i've thought about how i'd do it, leaving while he's on nights",
    ],
)
def test_past_habitual_and_everyday_wording_is_not_danger_now(text: str) -> None:
    assert assess(text) is None


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # Danger now said indirectly: the words a practitioner hears as 999.
        ("hes took my fone n locked the door", Danger.IMMEDIATE),
        ("my sister rang me screaming and then the line went dead", Danger.IMMEDIATE),
        ("his car just pulled up, he wasn't due back till sunday", Danger.IMMEDIATE),
        ("some1s following me in a car, im walking home now", Danger.IMMEDIATE),
        ("he rang and said when he gets home tonight im dead", Danger.IMMEDIATE),
        ("she's just texted me our code word and isn't answering", Danger.IMMEDIATE),
        # The past brought to now.
        ("he hit me last week and he's on his way back tonight", Danger.IMMEDIATE),
        # Suicide said indirectly.
        ("got all my tablets lined up, sorry for wasting ur time", Danger.SUICIDE),
        ("honestly everyone would be better off, the tablets are out on the side", Danger.SUICIDE),
        ("wont be here tmrw so it doesnt matter", Danger.SUICIDE),
        ("i've written letters to the kids, i just wanted someone to know", Danger.SUICIDE),
        ("been counting what's in the medicine drawer and if it's enough", Danger.SUICIDE),
        ("life would be easier if i just wasn't around. i know how i'd do it", Danger.SUICIDE),
        (
            "my cousin asked me to feed her dog if anything happens, now she's not picking up",
            Danger.SUICIDE,
        ),
        ("every night on the motorway i think how easy it'd be to turn the wheel", Danger.SUICIDE),
        # A child writes without "my"; a barricade, a door broken, a knife put out.
        ("dad is hitting mum right now i'm under my bed", Danger.IMMEDIATE),
        ("mums boyfriend is hurting her downstairs", Danger.IMMEDIATE),
        ("she's got the carving knife out and told me not to move", Danger.IMMEDIATE),
        ("he broke door, i am lock in the bathroom", Danger.IMMEDIATE),
        ("i've pushed the wardrobe against the door, he's raging tonight", Danger.IMMEDIATE),
        ("there's screaming and smashing next door and it's been going on ages", Danger.IMMEDIATE),
        ("my daughter just messaged 'come now please' and nothing since", Danger.IMMEDIATE),
        ("our signal is a text about bread, she just sent it, phone's off", Danger.IMMEDIATE),
        ("heard her say please stop and a crash, then the call cut off", Danger.IMMEDIATE),
        ("ex outside my house banging, bail says he can't come here", Danger.IMMEDIATE),
        ("he gave me all his games and says he won't need them any more", Danger.SUICIDE),
        ("i've been holding back my tablets for a while now", Danger.SUICIDE),
        ("easier for everybody if i went to sleep and didn't wake up", Danger.SUICIDE),
        ("most nights i end up driving to the bridge and sitting there", Danger.SUICIDE),
        ("i stand on the platform edge and think how quiet it would be", Danger.SUICIDE),
        # Despair beside a means, a place or a goodbye, in any order.
        ("picked up two packets of paracetamol today. he's won, i give up", Danger.SUICIDE),
        (
            "they'd all have an easier time without me. i cross the railway bridge daily",
            Danger.SUICIDE,
        ),
        ("left a letter for each of the kids on the side. no other way out", Danger.SUICIDE),
        ("sorted who gets my stuff. i'm done", Danger.SUICIDE),
        # Followed now, without the grammar; a crash then silence; a coded text.
        ("he follow me from the station now, he still behind", Danger.IMMEDIATE),
        ("shouting upstairs then a bang and now total silence", Danger.IMMEDIATE),
        ("my mate texted 'he's back don't call' and her phone's off", Danger.IMMEDIATE),
        ("took my phone and the front door's locked. said wait til tonight", Danger.IMMEDIATE),
        # The writer who may hurt someone now.
        ("i can feel it building, she's in the next room", Danger.IMMEDIATE),
        # Back early, barred in, a text and then nothing, a call cut, a crash then quiet.
        ("he's back early. car on the drive. can't talk", Danger.IMMEDIATE),
        ("she's stood in front of the front door and i'm in the bathroom", Danger.IMMEDIATE),
        ("my friend text me 'he knows' and nothing since", Danger.IMMEDIATE),
        ("there was a huge bang upstairs and now it's dead quiet", Danger.IMMEDIATE),
        ("we were on facetime, the call cut and she's not answering", Danger.IMMEDIATE),
        ("he's shouting that he's coming up", Danger.IMMEDIATE),
        ("our flight's at 6am and my uncle has my passport", Danger.IMMEDIATE),
        ("my brothers have took my passport and say we fly out tomorrow", Danger.IMMEDIATE),
        ("years ago he took my passport before we flew home, now im settled", None),
        ("he's coming up the stairs to bed now so i'll keep this short lol", None),
        ("he's gonna kill me when he sees the bank statement lol. not literally", None),
        ("she's been going to the river at night thinking about not coming back", Danger.SUICIDE),
        ("he choked me and went to the shop, he'll be back in ten mins", Danger.IMMEDIATE),
        # Means, places, times and goodbyes, said indirectly.
        ("sat in the garage with the engine running", Danger.SUICIDE),
        ("the rope's in the shed already. i can't be that man", Danger.SUICIDE),
        ("he gave me his watch and said look after it for me", Danger.SUICIDE),
        ("she keeps asking which bridge is the highest", Danger.SUICIDE),
        ("he's away from tonight, there'll be nobody to stop me", Danger.SUICIDE),
        ("sorted my life insurance so the kids will be ok", Danger.SUICIDE),
        ("going for a long drive tonight and not coming back", Danger.SUICIDE),
        ("how many paracetamol would it take", Danger.SUICIDE),
        ("can't keep doing this. i walk to the bridge and think how high it is", Danger.SUICIDE),
        # A threat tied to telling or reporting, with the child taken: still now.
        ("he's taken the baby and says he'll hurt her if i call the police", Danger.IMMEDIATE),
    ],
)
def test_danger_said_indirectly(text: str, verdict: Danger) -> None:
    assert assess(text) == verdict


@pytest.mark.parametrize(
    ("text", "markers"),
    [
        ("he put his hands round my neck in march", {"strangulation"}),
        ("i'm six months pregnant and he pushed me", {"pregnancy", "violence"}),
        ("it's every week now and getting worse", {"escalation"}),
        ("my ex keeps turning up at my work since i left him", {"stalking", "separation"}),
        ("they're taking her abroad to marry her cousin", {"forced_marriage"}),
        ("her parents are taking her 'home' to meet someone this summer", {"forced_marriage"}),
        ("he's parked outside her office every day since she left", {"stalking"}),
        ("my ex turns up wherever i go and sends me pictures of my own house", {"stalking"}),
        ("my uncle said i won't live to see my twenties if i shame them", {"threat_to_kill"}),
        ("a pupil told me daddy pushed mummy into the door", {"violence"}),
        ("i've seen her son shove her on the path", {"violence"}),
        ("he makes me have sex when i've said no", {"sexual_violence"}),
        ("she went for him with a broken bottle at new year", {"weapon"}),
        ("he said none of us would see another christmas", {"threat_to_kill"}),
        ("it started with shoving, now it's punches", {"escalation"}),
        ("it used to be once a year, now its most weekends", {"escalation"}),
        ("he punched the wall right next to my head", {"violence"}),
        ("left on sunday with the kids, staying at my mums", {"separation"}),
        ("he's rung me about 80 times since", {"stalking"}),
        ("my husband forces himself on me when i say no", {"sexual_violence"}),
        ("my brothers said i'll be married by the end of the month", {"forced_marriage"}),
        ("he said none of them would be around to see christmas", {"threat_to_kill"}),
    ],
)
def test_serious_past_markers(text: str, markers: set[str]) -> None:
    assert markers <= set(serious(text))


@pytest.mark.parametrize(
    "text",
    [
        "is forced marriage illegal",
        "does a threat to kill count as a crime",
        "it was years ago, he died in 2015, i'm fine now",
        "he has never hit me, no weapons, nothing like that",
    ],
)
def test_questions_history_and_denials_are_not_serious_markers(text: str) -> None:
    assert serious(text) == ()


def test_saying_no_is_sexual_violence_only_where_sex_is_spoken_of() -> None:
    text = "when i said no to him he put his hand round my neck"
    assert "sexual_violence" not in serious(text)
    assert "strangulation" in serious(text)
