"""Shared by the actions that offer services: the person's profile, and one card per service.

The card's words are the domain's `utter_service_line_*` templates (so reviewers read every
sentence in bot/domain), filled from the directory data; lines are joined into one message so a
service's name, number and hours stay together on a small screen.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from directory.national import shown as _shown
from directory.recommend import Profile

_PROFILE_SLOTS = (
    "helping", "need", "gender", "lgbt", "age_group", "disability", "community",
    "immigration", "nation",
)  # fmt: skip


def profile_from(tracker: Tracker) -> Profile:
    return Profile(**{name: tracker.get_slot(name) for name in _PROFILE_SLOTS})


def _template(domain: dict[str, Any], name: str) -> str:
    return domain["responses"][name][0]["text"]


def card(service: dict[str, Any], domain: dict[str, Any]) -> str:
    lines = [_template(domain, "utter_service_line_name").format(name=service["name"])]
    if _shown(service, "summary"):
        lines.append(_template(domain, "utter_service_line_summary").format(**service))
    phone, hours = _shown(service, "phone"), _shown(service, "hours")
    if phone and hours:
        lines.append(_template(domain, "utter_service_line_phone_hours").format(**service))
    elif phone:
        lines.append(_template(domain, "utter_service_line_phone").format(**service))
    if _shown(service, "text"):
        lines.append(_template(domain, "utter_service_line_text").format(**service))
    if _shown(service, "url"):
        lines.append(_template(domain, "utter_service_line_web").format(**service))
    if service.get("by_and_for"):
        lines.append(_template(domain, "utter_service_line_by_and_for"))
    return "\n".join(lines)


def utter_services(
    dispatcher: CollectingDispatcher, services: list[dict[str, Any]], domain: dict[str, Any]
) -> None:
    if not services:
        dispatcher.utter_message(response="utter_services_none")
        return
    dispatcher.utter_message(response="utter_services_intro")
    for service in services:
        dispatcher.utter_message(text=card(service, domain))
