"""After a lead that is not the whole answer, answer what they told us.

Danger now gets 999 first, suicide 999 and Samaritans, "nobody will believe me" gets "I believe
you", "is it my fault?" gets "no": each is said first by its rule. What follows is the reply to
the rest of the message (the kind of abuse, the friend's question, the housing worry), then the
services that fit, then the next steps. Risk adds to the reply; it never replaces it. Danger in
the middle of the feedback questions ends them, keeping nothing.

On SMS, after 999, the explanation of the topic is left out: the first text has room for 999,
one line of belief and the numbers to call, and the rest can come when they ask.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.feedback_offer import end_questions
from actions.recommend_services import offer_services
from actions.service_cards import channel_of
from actions.topics import replies, topic_after_lead

DANGER_FOLLOWUP = {
    "danger_immediate": "utter_danger_followup",
    "danger_suicide": "utter_danger_suicide_followup",
}
# The one line of belief after 999, by who is writing (none for someone who may harm now:
# their reply is to step away, from the own-behaviour rule's words).
BELIEVE_AFTER_DANGER = {"self": "utter_danger_believe", "other": "utter_danger_other"}


class ActionContinueReply(Action):
    def name(self) -> str:
        return "action_continue_reply"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        lead = (tracker.latest_message.get("intent") or {}).get("name") or ""
        helping = tracker.get_slot("helping")
        danger = lead in DANGER_FOLLOWUP
        topic = topic_after_lead(tracker.latest_message, helping)
        if danger and topic in ("worried_about_own_behaviour", "ask_change_behaviour"):
            topic = "own_behaviour_urgent"  # someone who may harm now: step away first
        if danger and helping != "own" and topic != "own_behaviour_urgent":
            dispatcher.utter_message(response=BELIEVE_AFTER_DANGER.get(helping or "self"))
        if topic and not (danger and channel_of(tracker) == "sms"):
            for response in replies().get(topic, ()):
                dispatcher.utter_message(response=response)
        offer_services(dispatcher, tracker, domain, answered={lead, topic}, next_step=not danger)
        if danger:
            dispatcher.utter_message(response=DANGER_FOLLOWUP[lead])
            return end_questions(tracker)  # feedback is never asked for after danger
        return []
