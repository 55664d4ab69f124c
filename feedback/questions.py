"""The feedback questions as codes: which are asked of whom, in what order, and what each
answer may be. The words people see are in bot/domain/feedback.yml; this module is what the
conversation, the store and the reports agree on.

The questions follow the founding survivor survey (SafeLives 2023, n=173) so a local result can
be read beside its national figure: believed, telling the story more than once, the right
support at the right time, how help was found, 24-hour access, needs. Friends and family and
people worried about their own behaviour get a short version.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

SKIP = "skip"
# Who wrote it, when they chose not to say.
WRITERS_UNSAID = "unsaid"

# Each question's answers, in the order they are offered; every question can be skipped.
ANSWERS: dict[str, tuple[str, ...]] = {
    # Consent, each its own step; never assumed (a skip is a no).
    "may_count": ("yes", "no"),
    "may_quote": ("yes", "no"),
    "writer": ("self", "other", "own"),
    "believed": ("yes", "partly", "no", "not_told"),
    "retold": ("yes", "no"),
    "right_time": ("yes", "partly", "no"),
    "found": ("professional", "myself", "friend_family"),
    "hours_24": ("yes", "no"),
    "helped_today": ("yes", "a_bit", "no"),
    "knew_how_to_help": ("yes", "partly", "no"),
    "would_contact": ("yes", "maybe", "no"),
    "age": ("16_24", "25_44", "45_59", "60_plus"),
    "gender": ("woman", "man", "other"),
    "lgbt": ("yes", "no"),
    "ethnic": ("asian", "black", "mixed", "white", "other"),  # ONS's high-level groups
    "disabled": ("yes", "no"),
    # "A few questions about you?" and "may we record your area?"
    "about_ok": ("yes", "no"),
    "area_ok": ("yes", "no"),
}
CONSENT = ("may_count", "may_quote", "area_ok")
# Multi-choice: the founding survey's needs (its "financial" is "money" here).
NEEDS: tuple[str, ...] = (
    "mental_health",
    "emotional",
    "money",
    "legal",
    "protection",
    "housing",
    "children",
)
# Words that name a need when someone types rather than taps.
NEED_WORDS: dict[str, str] = {
    "mental": "mental_health",
    "anxiety": "mental_health",
    "depress": "mental_health",
    "counsel": "mental_health",
    "emotion": "emotional",
    "someone to talk": "emotional",
    "money": "money",
    "financ": "money",
    "debt": "money",
    "benefit": "money",
    "legal": "legal",
    "law": "legal",
    "solicitor": "legal",
    "court": "legal",
    "protect": "protection",
    "safe": "protection",
    "hous": "housing",
    "home": "housing",
    "refuge": "housing",
    "to live": "housing",
    "child": "children",
    "kid": "children",
}

# By who is writing: the questions about services, then "did Lantern help today?".
QUESTIONS: dict[str, tuple[str, ...]] = {
    "self": ("believed", "retold", "right_time", "found", "hours_24", "needs", "helped_today"),
    "other": ("knew_how_to_help", "helped_today"),
    "own": ("would_contact", "helped_today"),
}
# Asked only of survivors, and only if they agree to the step: whose voices are missing.
ABOUT: tuple[str, ...] = ("age", "gender", "lgbt", "ethnic", "disabled")


def normalised(text: str) -> str:
    return re.sub(r"[^a-z0-9+]+", " ", text.lower()).strip()


def answer_code(question: str, text: str, titles: Mapping[str, str] | None = None) -> str | None:
    """The answer a message gives to `question`: a code, SKIP, or None when it gives none.
    Buttons send the code itself; typed words may match a code or a button's title."""
    said = normalised(text)
    if said in (SKIP, "skip this", "pass", "prefer not to say", "rather not say"):
        return SKIP
    codes = ANSWERS[question]
    for code in codes:
        if said == normalised(code.replace("_", " ")) or said == code:
            return code
    for code, title in (titles or {}).items():
        if code in codes and said == normalised(title):
            return code
    yes_no = {"y": "yes", "yeah": "yes", "yep": "yes", "n": "no", "nope": "no", "nah": "no"}
    if said in yes_no and yes_no[said] in codes:
        return yes_no[said]
    return None


def needs_in(text: str, offered: tuple[str, ...]) -> list[str]:
    """The needs a message names: codes, numbers of the choices offered ("1 3"), or words."""
    said = normalised(text)
    found: list[str] = []
    numbers = said.split()
    if numbers and all(n.isdecimal() for n in numbers):
        found = [offered[int(n) - 1] for n in numbers if 1 <= int(n) <= len(offered)]
    else:
        found = [code for code in NEEDS if code in said.replace(" ", "_")]
        found += [need for word, need in NEED_WORDS.items() if word in said]
    return list(dict.fromkeys(found))


def questions_for(writer: str | None, may_count: bool, with_about: bool | None) -> list[str]:
    """The questions still to ask, in order, given what is known so far. `with_about` is the
    survivor's answer to "a few questions about you?" (None until asked)."""
    if not may_count:
        return []
    if writer not in QUESTIONS:
        return ["writer"]
    asked = ["writer", *QUESTIONS[writer]]
    if writer == "self":
        asked.append("about_ok")
        if with_about:
            asked.extend(ABOUT)
    return asked


def codes(value: object) -> list[str]:
    """A comma-separated slot of codes as a list; anything else (a crafted value) as none."""
    return [c for c in value.split(",") if c] if isinstance(value, str) else []
