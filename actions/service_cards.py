"""Shared by the actions that offer services: the person's profile, and the services shaped for
the channel.

The words are the domain's `utter_service_line_*` and `utter_service_sms_*` templates (so
reviewers read every sentence in bot/domain), filled from the directory data. On the web each
service is one message (name, number and hours together on a small screen) with its links for
the page's buttons. On SMS, where every character counts and the screen may be seen by others,
all the services are one message of short lines: name and one way in each. SMS turns come
through Rasa's "sms" channel (bot/channels.py), so the tracker knows the channel.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from directory.national import shown as _shown
from directory.recommend import Profile

_PROFILE_SLOTS = (
    "helping", "need", "gender", "lgbt", "age_group", "disability", "community",
    "immigration", "nation", "district", "relationship", "situation", "risk",
)  # fmt: skip


def profile_from(tracker: Tracker) -> Profile:
    return Profile(**{name: tracker.get_slot(name) for name in _PROFILE_SLOTS})


def channel_of(tracker: Tracker) -> str:
    return "sms" if tracker.get_latest_input_channel() == "sms" else "web"


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


def links(service: dict[str, Any]) -> dict[str, Any]:
    """The ways into a service the web page turns into buttons (api/models.py ServiceCard)."""
    out = {"id": service["id"], "name": service["name"]}
    out.update({f: _shown(service, f) for f in ("phone", "text", "webchat", "url")})
    return out


def sms_line(service: dict[str, Any], domain: dict[str, Any]) -> str:
    """One short line: the name and the first way in of call, text, website."""
    for field, kind in (("phone", "call"), ("text", "text"), ("url", "web")):
        value = _shown(service, field)
        if value:
            if field == "url":  # the shortest address that still works when typed
                value = value.removeprefix("https://").removeprefix("www.").rstrip("/")
            return _template(domain, f"utter_service_line_sms_{kind}").format(
                name=service["name"], **{field: value}
            )
    return service["name"]


def utter_services(
    dispatcher: CollectingDispatcher,
    services: list[dict[str, Any]],
    domain: dict[str, Any],
    channel: str = "web",
) -> None:
    """The services for the channel (see the module's docstring)."""
    if not services:
        dispatcher.utter_message(response="utter_services_none")
        return
    if channel == "sms":
        lines = [_template(domain, "utter_services_intro")]
        lines += [sms_line(service, domain) for service in services]
        dispatcher.utter_message(text="\n".join(lines))
        return
    dispatcher.utter_message(response="utter_services_intro")
    for service in services:
        dispatcher.utter_message(
            json_message={"text": card(service, domain), "service": links(service)}
        )
