"""The themes classifiers side by side on each held-out set (tests/data/feedback_themes/),
written by helpers who never saw the training examples: macro F1, and each theme's F1 beside
how many held-out examples have it.

    uv run python -m harness.themes_quality
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from feedback.themes import THEMES, Scores, SpacyThemes, Themes, examples, score, training_examples

HELDOUT_DIR = Path(__file__).resolve().parents[1] / "tests" / "data" / "feedback_themes"
# Set 1 by a writer with no guide; set 2 by one who read only feedback/data/THEMES.md.
HELDOUT_SETS = {"set 1": HELDOUT_DIR / "heldout.yml", "set 2": HELDOUT_DIR / "heldout_2.yml"}


def compare(heldout_set: Path) -> dict[str, tuple[Scores, float]]:
    """Each learner's scores on one held-out set, and its training time in seconds."""
    training, heldout = training_examples(), examples([heldout_set])
    texts, expected = [t for t, _ in heldout], [themes for _, themes in heldout]
    results = {}
    for name, learner in (("TF-IDF + linear SVM", Themes), ("spaCy textcat (BOW)", SpacyThemes)):
        started = time.perf_counter()
        model = learner(training)
        seconds = time.perf_counter() - started
        results[name] = (score(model.predict(texts), expected), seconds)
    return results


def report(results: dict[str, tuple[Scores, float]]) -> str:
    names = list(results)
    lines = [f"{'theme':<24} {'n':>4} " + " ".join(f"{n[:18]:>18}" for n in names)]
    for theme in THEMES:
        count = results[names[0]][0].by_theme[theme][1]
        cells = " ".join(f"{results[n][0].by_theme[theme][0]:>18.2f}" for n in names)
        lines.append(f"{theme:<24} {count:>4} {cells}")
    lines.append(f"{'macro F1':<29} " + " ".join(f"{results[n][0].macro_f1:>18.3f}" for n in names))
    lines.append(f"{'training s':<29} " + " ".join(f"{results[n][1]:>18.1f}" for n in names))
    return "\n".join(lines)


if __name__ == "__main__":
    for label, path in HELDOUT_SETS.items():
        print(f"held-out {label} ({path.name})")
        print(report(compare(path)))
    sys.exit(0)
