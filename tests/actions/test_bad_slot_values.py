"""Every action survives any slot value and still says something useful.

Slots are filled from entities, and a button payload typed by hand (`/ask_helpline{"nation":
"atlantis"}`) puts anything in an entity: a word no table knows, a number, a list. Each action
runs here through rasa-sdk's own executor, as the action server runs it, with every slot the
domain declares set to each kind of bad value, one slot at a time and all at once.
"""

from __future__ import annotations

import asyncio
import json

import pytest
from rasa_sdk.executor import ActionExecutor

from tests.actions.conftest import tracker

BAD_VALUES = ["atlantis", "", 7, -1.5, True, ["england"], {"nation": "wales"}, "x" * 5000,
              "E06000051,,atlantis", "\x00\ud800"]  # fmt: skip


@pytest.fixture(scope="module")
def executor() -> ActionExecutor:
    executor = ActionExecutor()
    executor.register_package("actions")
    return executor


def _call(executor, domain, action: str, slots: dict, text: str = "where can I get help") -> dict:
    state = tracker("help_for_me").current_state()
    state["slots"] = state["slots"] | slots
    state["latest_message"] = state["latest_message"] | {"text": text}
    call = {"next_action": action, "sender_id": "s", "tracker": state, "domain": domain,
            "version": "3.6.0"}  # fmt: skip
    return asyncio.run(executor.run(call))


def _said(result: dict, domain: dict) -> str:
    """The words sent: texts, and the responses Rasa fills in from the domain (with the facts
    the domain's slots hold)."""
    from lantern.facts import values

    out = []
    for r in result["responses"]:
        out.append(r.get("text") or "")
        out.append((r.get("custom") or {}).get("text") or "")  # a service card (json_message)
        if r.get("response"):
            template = domain["responses"][r["response"]][0]["text"]
            # Values an action fills in (a withdrawal code, an area's name) come with the reply.
            out.append(template.format_map(values() | r))
    return "\n".join(out)


def _actions(executor) -> list[str]:
    return sorted(executor.actions)


def test_the_executor_finds_every_action(executor):
    assert len(_actions(executor)) >= 5


# Actions whose silence is an answer: no offer when one was made (or any risk was read), a
# form's check of an answer, the start of the questions (the form asks the first), the end of
# questions whose saved record was thanked already.
MAY_BE_SILENT = frozenset(
    {
        "action_offer_feedback",
        "validate_feedback_form",
        "action_start_feedback",
        "action_feedback_done",
    }
)


@pytest.mark.parametrize("value", BAD_VALUES, ids=repr)
def test_every_action_answers_whatever_every_slot_holds(executor, domain, value):
    every_slot = {name: value for name in domain["slots"]}
    for action in _actions(executor):
        result = _call(executor, domain, action, every_slot)
        said = _said(result, domain).strip()
        assert said or action in MAY_BE_SILENT, f"{action} said nothing with every slot = {value!r}"
        json.dumps(result)  # what goes back to Rasa is plain JSON


def test_an_unknown_value_still_gets_a_24_hour_helpline(executor, domain):
    from lantern.facts import values

    for slot in domain["slots"]:
        call = _call(executor, domain, "action_recommend_services", {slot: "atlantis"})
        said = _said(call, domain)
        if slot == "helping":  # who the help is for, unknown: they are asked, with buttons
            assert "Who are you looking for help for?" in said
        else:
            assert values()["ndah_phone"] in said, slot
