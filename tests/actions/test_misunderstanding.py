"""action_handle_misunderstanding: one miss asks to rephrase, two in a row offer a person."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.misunderstanding import ActionHandleMisunderstanding, consecutive_misses
from tests.domain import responses

FIXTURES = Path(__file__).parent / "fixtures"


def _tracker(name: str) -> Tracker:
    return Tracker.from_dict(json.loads((FIXTURES / f"{name}.json").read_text()))


def _run(name: str) -> tuple[list[str], list[dict]]:
    dispatcher = CollectingDispatcher()
    events = ActionHandleMisunderstanding().run(dispatcher, _tracker(name), domain={})
    return [message["response"] for message in dispatcher.messages], events


@pytest.mark.parametrize(
    ("fixture", "misses"),
    [
        ("first_miss", 1),
        ("second_miss", 2),
        ("third_miss", 3),
        ("miss_after_understood", 1),
        ("miss_in_new_session", 1),
    ],
)
def test_counts_only_the_latest_misses_in_a_row(fixture: str, misses: int) -> None:
    assert consecutive_misses(_tracker(fixture).events) == misses


@pytest.mark.parametrize("fixture", ["first_miss", "miss_after_understood", "miss_in_new_session"])
def test_first_miss_asks_to_rephrase(fixture: str) -> None:
    responses, events = _run(fixture)
    assert responses == ["utter_fallback_rephrase"]
    assert events == []


@pytest.mark.parametrize("fixture", ["second_miss", "third_miss"])
def test_second_and_later_misses_offer_a_person_and_the_menu(fixture: str) -> None:
    responses, events = _run(fixture)
    assert responses == ["utter_fallback_helplines", "utter_menu"]
    assert events == []


def test_something_lantern_does_not_do_counts_as_a_miss_too() -> None:
    events = _tracker("second_miss").events
    misses = [e for e in events if e.get("event") == "user" and e["text"] != "/greet"]
    misses[0]["parse_data"]["intent"]["name"] = "out_of_scope"
    assert consecutive_misses(events) == 2


def test_no_events_counts_as_no_miss() -> None:
    assert consecutive_misses([]) == 0


def test_name_matches_the_domain() -> None:
    assert ActionHandleMisunderstanding().name() == "action_handle_misunderstanding"


def test_responses_it_sends_exist_in_the_domain() -> None:
    assert {"utter_fallback_rephrase", "utter_fallback_helplines", "utter_menu"} <= set(responses())
