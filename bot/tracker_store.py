"""Rasa's Redis tracker store, keeping what a conversation needs and none of the person's words.

Rasa stores every user event whole: the message (`text` and `parse_data.text`), each entity's
value and where it was found, and the message's metadata. Lantern needs none of that after the
turn that read it: the policies predict from intents and entity names, the actions read the
latest message while it is still in memory, and whatever the conversation keeps (who it is
helping, a district code, the gravest risk read) is a slot, set by its own SlotSet event. So the
saved copy of each user event keeps its intent, ranking, entity names and message id, and
nothing else; the tracker in memory during a turn is untouched.

Slot values are kept, as the conversation chose them, except that a slot filled from an entity
keeps its value only when it is one of the short codes Lantern's readers set (a crafted button
payload, `/ask_helpline{"nation": "..."}`, can put any words in an entity and so in a slot):
anything else is saved as unset. Bot events keep their text (Lantern's own words), except the
reply that carries a feedback withdrawal code.

A subclass rather than a store of our own: Rasa's merging, expiry (`record_exp`) and key layout
(quick exit deletes `lantern:...` keys) stay exactly Rasa's. Configured in bot/endpoints.yml.
"""

from __future__ import annotations

import json
import re
from typing import Any

from rasa.core.tracker_store import RedisTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

# What a saved user event keeps of its parse data, and of each entity.
_PARSE_KEPT = ("intent", "intent_ranking", "message_id")
_ENTITY_KEPT = ("entity", "role", "group", "extractor")
# Rasa's own metadata on a user event (which model answered); the channel's metadata is dropped.
_METADATA_KEPT = ("model_id", "assistant_id")
# Replies whose words are never stored: the feedback withdrawal code would link this
# conversation to the record it deletes (issue 16: no link between them).
UNKEPT_REPLIES = frozenset({"utter_feedback_saved"})
# Every slot value the conversation sets is a short code: "self", "forced-marriage",
# "E06000051,E06000020", "immediate"; never a sentence.
_SLOT_VALUE = re.compile(r"[A-Za-z0-9][A-Za-z0-9,_-]{0,119}\Z")


def _code_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and _SLOT_VALUE.match(value) else None


def wordless_event(event: dict[str, Any], coded_slots: frozenset[str]) -> dict[str, Any]:
    """The saved form of one serialised event (`Event.as_dict()`); `coded_slots` are the slots
    whose values must be codes."""
    kind = event.get("event")
    if kind == "user":
        parse = event.get("parse_data") or {}
        kept = {key: parse[key] for key in _PARSE_KEPT if key in parse}
        kept["entities"] = [
            {key: e[key] for key in _ENTITY_KEPT if key in e}
            for e in parse.get("entities") or []
            if isinstance(e, dict) and "entity" in e
        ]
        kept["text"] = None
        metadata = event.get("metadata") or {}
        return event | {
            "text": None,
            "parse_data": kept,
            "metadata": {key: metadata[key] for key in _METADATA_KEPT if key in metadata},
        }
    metadata = event.get("metadata") or {}
    if kind == "bot" and metadata.get("utter_action") in UNKEPT_REPLIES:
        # The values the reply was filled with (the code) ride in its metadata too.
        kept = {key: metadata[key] for key in (*_METADATA_KEPT, "utter_action") if key in metadata}
        return event | {"text": None, "metadata": kept}
    if kind == "slot" and event.get("name") in coded_slots:
        return event | {"value": _code_or_none(event.get("value"))}
    if kind == "entities":  # EntitiesAdded: the names are enough, as for user events
        return event | {
            "entities": [
                {key: e[key] for key in _ENTITY_KEPT if key in e}
                for e in event.get("entities") or []
                if isinstance(e, dict)
            ]
        }
    return event


class WordlessRedisTrackerStore(RedisTrackerStore):
    """Rasa's RedisTrackerStore, saving each tracker through `wordless_event`."""

    def serialise_tracker(self, tracker: DialogueStateTracker) -> str:  # type: ignore[override]
        # An instance method (Rasa's is static, and called on the instance) to read the domain.
        coded = frozenset(
            slot.name
            for slot in self.domain.slots
            if any(m.get("type") == "from_entity" for m in slot.mappings)
        )
        dialogue = tracker.as_dialogue().as_dict()
        dialogue["events"] = [wordless_event(e, coded) for e in dialogue.get("events") or []]
        return json.dumps(dialogue)
