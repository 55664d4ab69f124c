"""Language detection: right on held-out messages in other languages, silent on English ones."""

from __future__ import annotations

import yaml

from bot.languages import languages, safety_message
from reading.language import detect
from tests.heldout import CALM, DANGER, DATA

REQUIRED = {
    "cy", "pl", "ur", "pa", "bn", "ar", "ro", "pt", "so", "gu", "lt", "es", "tr", "zh-cn", "zh-tw",
}  # fmt: skip


def _language_heldout() -> list[tuple[str, str]]:
    found, code = [], None
    for raw in (DATA / "language_heldout.txt").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#"):
            header = line.lstrip("#").strip()
            code = header if header in languages() else code
        elif line:
            found.append((code, line))
    return found


def _english_heldout() -> list[str]:
    lines = [line for group in DANGER.values() for line in group] + CALM
    for path in sorted((DATA / "nlu_heldout").glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            if block["intent"] != "speak_other_language":
                lines += [e[2:].strip() for e in block["examples"].splitlines() if e.strip()]
    return lines


def test_every_required_language_has_a_safety_message_marked_for_review() -> None:
    assert REQUIRED <= set(languages())
    for code, entry in languages().items():
        assert entry["review"] in ("needed", "reviewed"), code
        assert entry["review"] == "needed" or entry["reviewed_by"], code


def test_each_safety_message_starts_with_the_emergency_number_and_has_no_typed_number() -> None:
    for code, entry in languages().items():
        assert entry["text"].index("{emergency_phone}") < 80, code
        filled = safety_message(code)
        assert filled and "{" not in filled and "999" in filled, code
        assert not any(ch.isdigit() for ch in entry["text"]), code


def test_held_out_messages_in_other_languages_are_recognised() -> None:
    heldout = _language_heldout()
    right = sum(detect(text) == code for code, text in heldout)
    assert len(heldout) >= 4 * len(REQUIRED)
    assert right / len(heldout) >= 0.9, [(c, detect(t), t) for c, t in heldout if detect(t) != c]


def test_no_english_held_out_message_is_taken_for_another_language() -> None:
    wrong = [(text, detect(text)) for text in _english_heldout() if detect(text)]
    assert len(_english_heldout()) > 500
    assert wrong == []


def test_short_or_ambiguous_messages_are_left_to_the_model() -> None:
    for text in ["hi", "ok", "help me please", "no", "si", "gracias", "coercive control"]:
        assert detect(text) is None, text
