"""Offer the services that fit this person and what they asked about (directory/recommend.py).

A plain "where can I get help?" from someone we know nothing about gets one question first, who
the help is for, because the answer changes everything (survivor, friend, or someone who harms).
Once answered, it is never asked again in the conversation. Questions about one topic (housing,
the law) are answered for a survivor straight away: asking first would only delay help.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.service_cards import channel_of, profile_from, utter_services
from directory.recommend import recommend

# What to offer after the services, by who we are helping.
NEXT_STEPS = {"own": "utter_own_behaviour_next", "other": "utter_someone_next"}


class ActionRecommendServices(Action):
    def name(self) -> str:
        return "action_recommend_services"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        profile = profile_from(tracker)
        if profile.helping is None and profile.need == "helpline" and not profile.audiences:
            dispatcher.utter_message(response="utter_about_you_ask_helping")
            return []
        services, channel = recommend(profile), channel_of(tracker)
        utter_services(dispatcher, services, domain, channel)
        if profile.district is None:
            sms = channel == "sms"
            dispatcher.utter_message(
                response="utter_services_place_hint_sms" if sms else "utter_services_place_hint"
            )
        elif not any(s["scope"] == "local" for s in services):
            dispatcher.utter_message(response="utter_services_no_local")
        dispatcher.utter_message(response=NEXT_STEPS.get(profile.helping, "utter_help_next"))
        return []
