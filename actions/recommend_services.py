"""Offer the services that fit this person and what they asked about (directory/recommend.py).

A plain "where can I get help?" from someone we know nothing about gets one question first, who
the help is for, because the answer changes everything (survivor, friend, or someone who harms).
Once answered, or once their own words told us (bot/components/story_reader.py), it is never
asked again in the conversation. Questions about one topic (housing, the law) are answered for a
survivor straight away: asking first would only delay help.

Before the services: if the message named markers of serious harm (the danger guard's `risk`
entity), say plainly that it is serious; if it raised a second topic, offer it. After them: the
next steps for who we are helping.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.service_cards import channel_of, profile_from, utter_services
from actions.topics import also_mentioned
from directory.recommend import recommend
from reading.whose_story import STORY_WORDS, word_count

# What to offer after the services, by who we are helping.
NEXT_STEPS = {"own": "utter_own_behaviour_next", "other": "utter_someone_next"}
# Needs that say little about which service fits: a topic found after the lead says more. A
# need the person's words set (forced marriage, a child at risk) is never replaced.
_BROAD_NEEDS = frozenset({None, "helpline", "domestic-abuse", "friends-and-family"})
# Intents whose rules follow the services with a next step of their own.
OWN_NEXT_STEP = frozenset({"ask_is_this_abuse", "danger_immediate", "danger_suicide"})


def latest_risk(tracker: Tracker) -> str | None:
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == "risk":
            return entity.get("value")
    return None


def need_of(domain: dict[str, Any], intents: set[str | None]) -> str | None:
    """The need a topic sets, from the `need` slot's mappings (bot/domain/profile.yml)."""
    for mapping in (domain.get("slots") or {}).get("need", {}).get("mappings") or []:
        named = mapping.get("intent")
        named = [named] if isinstance(named, str) else named or []
        if mapping.get("type") == "from_intent" and set(named) & intents:
            return mapping.get("value")
    return None


def _mention(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    domain: dict[str, Any],
    answered: set[str | None],
) -> None:
    topic = also_mentioned(tracker.latest_message, tracker.get_slot("helping"), answered)
    if topic is None:
        return
    template = domain["responses"]["utter_also_mentioned"][0]
    buttons = [b for b in template.get("buttons") or [] if b["payload"] == f"/{topic}"]
    if buttons:
        dispatcher.utter_message(text=template["text"], buttons=buttons)


def offer_services(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    domain: dict[str, Any],
    answered: set[str | None],
    next_step: bool = True,
) -> None:
    """Serious-risk note, a second topic, the services, a place hint, then the next steps."""
    profile = profile_from(tracker)
    topic_need = need_of(domain, answered)
    if topic_need and profile.need in _BROAD_NEEDS:
        # "Nobody will believe me" about money: the money services, though the lead set no need.
        profile = replace(profile, need=topic_need)
    channel = channel_of(tracker)
    if latest_risk(tracker) == "serious":
        dispatcher.utter_message(response="utter_risk_serious")
    _mention(dispatcher, tracker, domain, answered)
    services = recommend(profile)
    utter_services(dispatcher, services, domain, channel)
    if profile.district is None:
        sms = channel == "sms"
        dispatcher.utter_message(
            response="utter_services_place_hint_sms" if sms else "utter_services_place_hint"
        )
    elif not any(s["scope"] == "local" for s in services):
        dispatcher.utter_message(response="utter_services_no_local")
    if next_step:
        dispatcher.utter_message(response=NEXT_STEPS.get(profile.helping or "", "utter_help_next"))


class ActionRecommendServices(Action):
    def name(self) -> str:
        return "action_recommend_services"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        profile = profile_from(tracker)
        if profile.helping is None and profile.need == "helpline" and not profile.audiences:
            text = tracker.latest_message.get("text") or ""
            if not text.startswith("/") and word_count(text) >= STORY_WORDS:
                dispatcher.utter_message(response="utter_about_you_story_thanks")
            dispatcher.utter_message(response="utter_about_you_ask_helping")
            return []
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        offer_services(
            dispatcher, tracker, domain, answered={intent}, next_step=intent not in OWN_NEXT_STEP
        )
        return []
