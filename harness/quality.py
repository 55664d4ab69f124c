"""NLU quality on the held-out set (tests/data/nlu_heldout): macro intent F1 and who-it's-for.

Runs `rasa test nlu` on the trained model, so the figures are those of the real pipeline,
including the danger guard, the language router and the fallback. "Who it's for" is scored on
held-out messages whose true intent tells us who Lantern is helping (the `helping` slot's
mappings in bot/domain/profile.yml, the one place that says so): right when the predicted intent
gives the same answer (or, first, the story reader's speaker, as the slot mapping does).
Used by tests/bot/test_nlu_quality.py and `make bench`.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from lantern.domain import slots
from lantern.settings import PROJECT_ROOT
from lantern.training import rasa_env

HELDOUT = PROJECT_ROOT / "tests" / "data" / "nlu_heldout"
# Held-out messages in other languages, one "# <code>" header per language: in the NLU
# evaluation they are all `speak_other_language`.
LANGUAGE_HELDOUT = PROJECT_ROOT / "tests" / "data" / "language_heldout.txt"


@dataclass
class NluQuality:
    macro_f1: float
    role_accuracy: float
    role_examples: int
    examples: int
    f1_by_intent: dict[str, float]
    errors: list[dict]


def role_of_intent() -> dict[str, str]:
    """Which intents say who we are helping, from the `helping` slot's mappings."""
    mappings = slots()["helping"]["mappings"]
    roles: dict[str, str] = {}
    for mapping in mappings:
        if mapping.get("type") != "from_intent":
            continue  # the story reader's `speaker` entity: read from words, not an intent
        intents = mapping["intent"]
        for intent in [intents] if isinstance(intents, str) else intents:
            roles[intent] = mapping["value"]
    return roles


def predicted_role(prediction: dict, roles: dict[str, str]) -> str | None:
    """Who the pipeline would say it is helping: the `helping` slot takes the story reader's
    `speaker` first (bot/domain/profile.yml), then the predicted intent's role."""
    from reading.whose_story import read_story

    speaker = read_story(prediction.get("text") or "").speaker
    return speaker or roles.get((prediction.get("intent_prediction") or {}).get("name"))


def heldout_examples() -> dict[str, list[str]]:
    """The whole held-out set: intent -> messages."""
    found: dict[str, list[str]] = {}
    for path in sorted(HELDOUT.glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            lines = [e[2:].strip() for e in block["examples"].splitlines() if e.strip()]
            found.setdefault(block["intent"], []).extend(lines)
    other = [
        line.strip()
        for line in LANGUAGE_HELDOUT.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    found.setdefault("speak_other_language", []).extend(other)
    return found


def _write_heldout(path: Path) -> None:
    blocks = [
        {"intent": intent, "examples": "".join(f"- {line}\n" for line in lines)}
        for intent, lines in heldout_examples().items()
    ]
    path.write_text(yaml.safe_dump({"version": "3.1", "nlu": blocks}, allow_unicode=True))


def evaluate(model: Path, out: Path) -> NluQuality:
    out.mkdir(parents=True, exist_ok=True)
    heldout = out / "heldout.yml"
    _write_heldout(heldout)
    result = subprocess.run(
        [sys.executable, "-m", "rasa", "test", "nlu", "--model", str(model),
         "--nlu", str(heldout), "--out", str(out), "--successes", "--no-plot"],
        cwd=PROJECT_ROOT, env=rasa_env(), capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    if result.returncode != 0:
        raise RuntimeError(result.stdout[-2000:] + result.stderr[-2000:])
    report = json.loads((out / "intent_report.json").read_text())
    predictions = []
    for name in ("intent_successes.json", "intent_errors.json"):
        path = out / name
        if path.exists():
            predictions += json.loads(path.read_text())
    roles = role_of_intent()
    scored = [p for p in predictions if p["intent"] in roles]
    right = sum(roles[p["intent"]] == predicted_role(p, roles) for p in scored)
    errors = (
        json.loads((out / "intent_errors.json").read_text())
        if (out / "intent_errors.json").exists()
        else []
    )
    return NluQuality(
        macro_f1=report["macro avg"]["f1-score"],
        role_accuracy=right / len(scored) if scored else 0.0,
        role_examples=len(scored),
        examples=len(predictions),
        f1_by_intent={
            k: v["f1-score"]
            for k, v in report.items()
            if isinstance(v, dict)
            and "support" in v
            and k not in ("macro avg", "weighted avg", "micro avg")
        },
        errors=errors,
    )
