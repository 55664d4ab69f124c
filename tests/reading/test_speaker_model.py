"""The learned reader of whose story a message tells, and what whose_story.py lets it decide."""

from __future__ import annotations

import pytest

from reading import speaker_model, whose_story
from reading.speaker_model import Reading, corpus_examples, neutral
from reading.whose_story import read_story


def test_its_corpus_has_every_speaker_in_numbers_that_can_teach() -> None:
    labels = [label for _, label in corpus_examples()]
    assert min(labels.count(label) for label in speaker_model.LABELS) >= 100


def test_a_bad_label_stops_the_start_with_the_file_named(tmp_path) -> None:
    (tmp_path / "bad.yml").write_text('examples:\n  - text: "hi"\n    label: friend\n')
    with pytest.raises(ValueError, match="bad.yml"):
        corpus_examples(tmp_path)


def test_gender_never_decides_whose_story_it_is() -> None:
    assert neutral("My WIFE says she's scared, he's my husband") == (
        "my partner says they're scared, they're my partner"
    )


def test_readings_are_probabilities_and_the_same_every_time() -> None:
    text = "my partner reads all my messages and i'm not allowed out"
    first, second = speaker_model.read(text), speaker_model.read(text)
    assert first == second
    assert first.self + first.other + first.own == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # Which way the act goes, in the model's own reading (no rule decides these).
        ("my wife goes through my phone when im asleep", "self"),
        ("is it bad that i dont let my partner go out with her mates without me", "own"),
        ("my sister says her husband took her bank card and she feels trapped", "other"),
    ],
)
def test_the_model_reads_the_direction_of_what_is_done(text: str, speaker: str) -> None:
    assert speaker_model.read(text).sure(0.6) == speaker


def _reading(own: float, self_: float = 0.0) -> Reading:
    return Reading(self=self_, other=1.0 - own - self_, own=own)


@pytest.mark.parametrize(
    ("text", "reading", "speaker"),
    [
        # Harm done to the writer is never overruled, however sure the model is.
        ("my husband hits me and checks my phone", _reading(own=0.99), "self"),
        # A partner named beside "me" is a guess: a sure reading overrules it...
        ("me and my boyfriend argue about money a lot", _reading(own=0.0, self_=0.1), "other"),
        # ...but reading a survivor as someone who harms needs a surer one.
        ("me and my boyfriend argue about money a lot", _reading(own=0.8), "self"),
        ("me and my boyfriend argue about money a lot", _reading(own=0.9), "own"),
        # A friend's worry read by the rules becomes someone who harms only near certainty.
        ("my friend's husband shouts at her", _reading(own=0.9), "other"),
        ("my friend's husband shouts at her", _reading(own=0.97), "own"),
        # Told what they are, with nothing done to them: left undecided on purpose.
        ("my partner says i'm controlling", _reading(own=0.99), None),
        # No one's story to read; a question after a story must not change whose it was.
        ("hello there", _reading(own=0.99), None),
        ("Where can I get help?", _reading(own=0.99), None),
    ],
)
def test_what_the_model_may_decide(monkeypatch, text: str, reading: Reading, speaker) -> None:
    monkeypatch.setattr(speaker_model, "read", lambda _text: reading)
    assert whose_story.read_story(text).speaker == speaker


@pytest.mark.parametrize(
    "text",
    [
        # People worried about their own behaviour who never say "I hit her": read by their
        # partner's fear or by what they do, so nobody tells them "it is not your fault".
        "i keep tabs on where my girlfriend is all day, she says it feels suffocating",
        "she says it scares her when i shout, i dont mean anything by it",
        "he keeps saying he feels like a prisoner since i took over the money",
    ],
)
def test_someone_who_harms_in_their_own_words_is_not_read_as_a_survivor(text: str) -> None:
    assert read_story(text).speaker == "own"


def test_a_friend_reporting_her_fear_is_still_a_friend() -> None:
    assert read_story("my sister is with a horrible man, she says she feels trapped").speaker == (
        "other"
    )
