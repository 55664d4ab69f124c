"""What someone told us about, beyond what the reply leads with.

A message can say several things: danger now and what happened before it, "nobody will believe
me" and the story that follows, money and the phone at once. The classifier ranks every intent;
the reply leads with the first (or with 999, set by the danger guard) and these helpers find the
next: the topic to answer after the lead, and one more to mention.

Which responses answer a topic is read from data/rules/ (the rule for that intent), so the
rules stay the one place that says it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

RULES_DIR = Path(__file__).resolve().parent.parent / "data" / "rules"
# Topics a reply can be about: kinds of abuse, practical needs, and the other people we help.
# Not small talk, menus, danger or "is this abuse?" (a question, not a topic).
TOPICS = frozenset(
    {
        "ask_coercive_control", "ask_emotional_abuse", "ask_physical_abuse", "ask_sexual_abuse",
        "ask_economic_abuse", "ask_tech_abuse", "ask_stalking", "ask_threats",
        "ask_honour_abuse", "ask_family_abuse", "ask_child_to_parent_abuse",
        "ask_older_people_abuse", "ask_post_separation_abuse", "ask_mental_health",
        "ask_legal_help", "ask_protection_order", "ask_clares_law", "ask_housing",
        "ask_children_support", "ask_immigration", "ask_safety_plan", "worried_about_someone",
        "ask_how_to_help", "worried_about_child", "worried_about_own_behaviour",
        "ask_change_behaviour", "own_behaviour_urgent",
    }
)  # fmt: skip
# How sure the classifier must be of a topic before we answer it after another lead: a wrong
# page after 999 ("phone" read as tech abuse when he has taken it) helps nobody.
MIN_TOPIC_CONFIDENCE = 0.3
# A second topic is only mentioned (with a button), so it may be less certain.
MIN_MENTION_CONFIDENCE = 0.15
OWN_TOPICS = frozenset(
    {"worried_about_own_behaviour", "ask_change_behaviour", "own_behaviour_urgent"}
)
OTHER_TOPICS = frozenset({"worried_about_someone", "ask_how_to_help", "worried_about_child"})


@lru_cache
def replies(rules_dir: Path = RULES_DIR) -> dict[str, tuple[str, ...]]:
    """intent -> the responses (utter_*) its rule answers with."""
    found: dict[str, tuple[str, ...]] = {}
    for path in sorted(rules_dir.glob("*.yml")):
        for rule in (yaml.safe_load(path.read_text()) or {}).get("rules") or []:
            steps = rule.get("steps") or []
            if not steps or "intent" not in steps[0] or rule.get("condition"):
                continue
            utters = tuple(
                s["action"] for s in steps[1:] if str(s.get("action", "")).startswith("utter_")
            )
            found.setdefault(steps[0]["intent"], utters)
    return found


def _fits(intent: str, helping: str | None) -> bool:
    # Whose story it is decides which topics may answer it (bot/components/story_reader.py).
    if helping == "own":
        return intent in OWN_TOPICS
    if helping in ("self", "other"):
        return intent not in OWN_TOPICS
    return True


def ranked_topics(latest_message: dict[str, Any], helping: str | None) -> list[tuple[str, float]]:
    return [
        (r["name"], float(r.get("confidence") or 0.0))
        for r in latest_message.get("intent_ranking") or []
        if r.get("name") in TOPICS and _fits(r["name"], helping)
    ]


def topic_after_lead(latest_message: dict[str, Any], helping: str | None) -> str | None:
    """The topic to answer after a lead (999, "I believe you"), if the classifier is sure."""
    lead = (latest_message.get("intent") or {}).get("name")
    for name, confidence in ranked_topics(latest_message, helping):
        if name != lead and confidence >= MIN_TOPIC_CONFIDENCE:
            return name
    return None


def also_mentioned(
    latest_message: dict[str, Any], helping: str | None, answered: set[str | None]
) -> str | None:
    """A second topic the message raised, to mention after the answer."""
    for name, confidence in ranked_topics(latest_message, helping):
        if name in answered or confidence < MIN_MENTION_CONFIDENCE:
            continue
        # Another face of the same thing adds nothing ("what do I say" after "I'm worried").
        if {name} | answered <= OTHER_TOPICS or {name} | answered <= OWN_TOPICS:
            continue
        return name
    return None
