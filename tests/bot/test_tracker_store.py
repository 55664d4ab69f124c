"""The tracker store saves no words: Rasa's own events through the real store on a real Redis."""

from __future__ import annotations

import asyncio
from urllib.parse import urlparse

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered

from bot.tracker_store import WordlessRedisTrackerStore

MARKER = "Zebrafinch Quillon"


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load("bot/domain")


@pytest.fixture
def store(redis_url: str, redis_client, domain: Domain) -> WordlessRedisTrackerStore:
    url = urlparse(redis_url)
    return WordlessRedisTrackerStore(
        domain=domain,
        host=url.hostname,
        port=url.port,
        db=int(url.path.strip("/") or 0),
        password=url.password,
        record_exp=60,
        key_prefix="lantern",
    )


def _told(text: str, **entities: str) -> UserUttered:
    return UserUttered(
        text,
        intent={"name": "for_myself", "confidence": 0.93},
        entities=[
            {"entity": name, "value": value, "start": 0, "end": len(text), "confidence": 1.0}
            for name, value in entities.items()
        ],
        parse_data={
            "text": text,
            "intent": {"name": "for_myself", "confidence": 0.93},
            "intent_ranking": [{"name": "for_myself", "confidence": 0.93}],
            "entities": [{"entity": n, "value": v} for n, v in entities.items()],
            "message_id": "m1",
            "story": {"said": text},  # anything a component adds is dropped
        },
        metadata={"model_id": "abc", "from": MARKER},
        input_channel="rest",
    )


def _save_and_read(store, domain, events) -> tuple[str, object]:
    tracker = store.init_tracker("someone")
    for event in events:
        tracker.update(event, domain)
    asyncio.run(store.save(tracker))
    raw = store.red.get(store.key_prefix + "someone")
    return raw, asyncio.run(store.retrieve("someone"))


def test_no_words_entity_values_or_channel_metadata_are_saved(store, domain):
    events = [
        ActionExecuted("action_listen"),
        _told(f"{MARKER} at SY1 2AB hits me", district="E06000051", situation="pregnancy"),
        SlotSet("district", "E06000051"),
        BotUttered("What you have told me is serious."),
        ActionExecuted("action_listen"),
    ]
    raw, tracker = _save_and_read(store, domain, events)
    assert MARKER not in raw and "SY1" not in raw and "pregnancy" not in raw
    assert '"from"' not in raw and '"story"' not in raw
    user = [e for e in tracker.events if isinstance(e, UserUttered)][0]
    # What the conversation needs is all there.
    assert user.text is None
    assert user.intent == {"name": "for_myself", "confidence": 0.93}
    assert [e["entity"] for e in user.entities] == ["district", "situation"]
    assert all("value" not in e for e in user.entities)
    assert tracker.get_slot("district") == "E06000051"
    assert user.metadata == {"model_id": "abc"}
    assert any(isinstance(e, BotUttered) and "serious" in e.text for e in tracker.events)


def test_a_crafted_payload_cannot_keep_words_in_a_slot(store, domain):
    events = [
        ActionExecuted("action_listen"),
        _told('/ask_helpline{"nation": "my address is 4 Quillon Road"}'),
        SlotSet("nation", "my address is 4 Quillon Road"),
        SlotSet("helping", "self"),
        SlotSet("district", "E06000051,W06000001"),
        SlotSet("gender", ["a", "list"]),
    ]
    raw, tracker = _save_and_read(store, domain, events)
    assert "Quillon" not in raw
    assert tracker.get_slot("nation") is None
    assert tracker.get_slot("gender") is None
    assert tracker.get_slot("helping") == "self"
    assert tracker.get_slot("district") == "E06000051,W06000001"


def test_a_saved_conversation_is_saved_again_whole(store, domain):
    # Rasa merges what it saves with what is stored: a wordless copy read back and saved with a
    # new turn must not duplicate or lose events.
    first = [ActionExecuted("action_listen"), _told(f"{MARKER} one"), ActionExecuted("utter_x")]
    _, tracker = _save_and_read(store, domain, first)
    tracker.update(_told(f"{MARKER} two"), domain)
    asyncio.run(store.save(tracker))
    again = asyncio.run(store.retrieve("someone"))
    users = [e for e in again.events if isinstance(e, UserUttered)]
    assert len(users) == 2 and len(again.events) == 4
    assert MARKER not in store.red.get(store.key_prefix + "someone")


def test_the_feedback_withdrawal_code_is_never_saved(store, domain):
    """The code links the conversation to the feedback record: only the person keeps it."""
    events = [
        ActionExecuted("action_listen"),
        BotUttered(
            "Your feedback is saved. WITHDRAW QZ7K-4MPX",
            metadata={"utter_action": "utter_feedback_saved", "code": "QZ7K-4MPX"},
        ),
        BotUttered("Anything else?", metadata={"utter_action": "utter_feedback_needs_more"}),
    ]
    raw, tracker = _save_and_read(store, domain, events)
    assert "QZ7K" not in raw and "4MPX" not in raw
    assert "Anything else?" in raw  # Lantern's other words stay
