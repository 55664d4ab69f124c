"""The fast inner loop leaves out every test that starts a stack or a browser."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def _collected(*args: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    ).stdout  # fmt: skip
    return [line for line in out.splitlines() if "::" in line]


def test_the_fast_loop_leaves_out_stacks_and_browsers():
    slow = ["tests/e2e", "tests/browser"]
    assert len(_collected("-m", "e2e or browser", *slow)) > 50
    assert _collected("-m", "not e2e and not browser", *slow) == []
    rasa_tools = ["tests/bot/test_rasa_project.py", "tests/bot/test_nlu_quality.py"]
    assert len(_collected("-m", "rasa", *rasa_tools)) >= 3
