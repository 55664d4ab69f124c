""" "Is there help for people like me?": services for what they told us, or ask (never assume)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.recommend_services import latest_risk
from actions.service_cards import channel_of, profile_from, utter_services
from directory.recommend import recommend


class ActionOfferSpecialistServices(Action):
    def name(self) -> str:
        return "action_offer_specialist_services"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        profile = profile_from(tracker)
        if not profile.audiences:
            dispatcher.utter_message(response="utter_about_you_specialist_intro")
            return []
        if latest_risk(tracker) == "serious":
            # "A knife to my stomach last month": said plainly, whichever services answer it.
            dispatcher.utter_message(response="utter_risk_serious")
        utter_services(dispatcher, recommend(profile), domain, channel_of(tracker))
        dispatcher.utter_message(response="utter_about_you_general_too")
        return []
