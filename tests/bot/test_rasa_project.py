"""Rasa's own checks on the project: data validation and the conversation test stories.

Both run Rasa as a subprocess on the model `make test` trained (`lantern train` names the model
after its inputs, so this is always the model for the current data).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from lantern.settings import PROJECT_ROOT, get_settings
from lantern.training import model_path, rasa_env


def _rasa(*args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "rasa", *args],
        cwd=PROJECT_ROOT, env=rasa_env(), capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip


@pytest.mark.rasa
def test_rasa_data_validate_has_no_warnings():
    result = _rasa(
        "data", "validate", "--domain", "bot/domain", "--data", "data",
        "--config", "config.yml", "--fail-on-warnings",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


@pytest.mark.rasa
def test_every_test_story_passes(tmp_path):
    model = model_path(get_settings().models_dir)
    if not model.exists():
        pytest.fail(f"{model.name} is not trained: run `make test` (it runs `lantern train`)")
    result = _rasa(
        "test", "core", "--model", str(model), "--stories", "tests/stories",
        "--fail-on-prediction-errors", "--out", str(tmp_path),
    )  # fmt: skip
    failed = tmp_path / "failed_test_stories.yml"
    detail = failed.read_text() if failed.exists() else result.stdout[-3000:]
    assert result.returncode == 0, detail + result.stderr[-2000:]
