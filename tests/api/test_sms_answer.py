"""The SMS journey's reply type, and the held-back reply it keeps in Redis."""

from __future__ import annotations

import dataclasses

import pytest

from api.sms.conversation import Answer


def test_an_answer_is_frozen_and_round_trips_through_redis_json():
    answer = Answer("words", ("Yes", "No"), ("/affirm", "/deny"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        answer.text = "other"  # type: ignore[misc]
    assert Answer.read(answer.stored()) == answer


@pytest.mark.parametrize(
    "stored",
    [{}, {"text": 5}, {"text": "w", "titles": "Yes"}, {"text": "w", "titles": ["Yes"]},
     {"text": "w", "titles": ["Yes", 3], "payloads": ["/a", "/b"]}],
)  # fmt: skip
def test_a_malformed_held_back_reply_never_sends_the_wrong_choice(stored):
    answer = Answer.read(stored)
    assert isinstance(answer.text, str)
    assert len(answer.titles) == len(answer.payloads)
