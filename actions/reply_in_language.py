"""Answer a message in another language with the safety message in that language.

The translation comes from bot/languages/safety_messages.yml, filled with the same verified
numbers as the English replies. Its review status is the data file's business: an unreviewed
translation is still far safer than English to someone who cannot read English.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.languages import safety_message


class ActionReplyInLanguage(Action):
    def name(self) -> str:
        return "action_reply_in_language"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        code = next(tracker.get_latest_entity_values("language"), None) or tracker.get_slot(
            "language"
        )
        text = safety_message(code) if code else None
        if text:
            dispatcher.utter_message(text=text)
        dispatcher.utter_message(response="utter_safety_summary")
        return []
