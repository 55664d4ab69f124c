"""Understanding measured on messages the model never saw (tests/data/nlu_heldout).

Issue 4's targets are macro intent F1 >= 0.90 and who-it's-for accuracy >= 0.90, with at least
15 held-out messages per intent. Both are met (0.910 and 0.950 on 2026-11-24; see the README).
Who-it's-for is held to its target. The F1 floor sits a point below its target because training
is not bit-for-bit repeatable across machines (the same data and seed have scored about 0.01
apart), and a clean clone in CI trains its own model; a figure under 0.90 in `make bench` means
the target is no longer met. Quality thresholds, not timings.
"""

from __future__ import annotations

import pytest

from harness.quality import evaluate, heldout_examples, role_of_intent
from lantern.domain import intents
from lantern.settings import get_settings
from lantern.training import model_path

pytestmark = pytest.mark.rasa  # Rasa's own test tool on the trained model

MIN_PER_INTENT = 15
MACRO_F1_FLOOR = 0.89
ROLE_ACCURACY_FLOOR = 0.90


def _domain_intents() -> set[str]:
    return intents()


def test_every_intent_has_enough_held_out_messages() -> None:
    heldout = heldout_examples()
    short = {i: len(heldout.get(i, [])) for i in _domain_intents()}
    assert {i: n for i, n in short.items() if n < MIN_PER_INTENT} == {}
    assert set(heldout) <= _domain_intents()


def test_every_role_intent_is_a_domain_intent() -> None:
    assert set(role_of_intent()) <= _domain_intents()


@pytest.fixture(scope="module")
def quality(tmp_path_factory):
    model = model_path(get_settings().models_dir)
    if not model.exists():
        pytest.fail(f"{model.name} is not trained: run `make test` (it runs `lantern train`)")
    return evaluate(model, tmp_path_factory.mktemp("nlu"))


def test_macro_intent_f1_on_held_out_data(quality) -> None:
    weakest = sorted(quality.f1_by_intent.items(), key=lambda kv: kv[1])[:8]
    assert quality.macro_f1 >= MACRO_F1_FLOOR, f"macro F1 {quality.macro_f1:.3f}; weakest {weakest}"


def test_who_it_is_for_on_held_out_data(quality) -> None:
    assert quality.role_examples >= 100
    assert quality.role_accuracy >= ROLE_ACCURACY_FLOOR, (
        f"who-it's-for accuracy {quality.role_accuracy:.3f}"
    )
