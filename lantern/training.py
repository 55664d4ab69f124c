"""Train the Rasa model only when what it is built from has changed.

Rasa's own `rasa train` fingerprinting still loads TensorFlow and the whole graph before deciding
to skip (tens of seconds); hashing the inputs ourselves makes `make run` and `make test` instant
when nothing changed, and names the model after its inputs so a stale one is never served.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from lantern.settings import PROJECT_ROOT

# Not bot/components: its rule-based components learn nothing (bot/components/rule_based.py
# leaves training data alone) and are loaded from their code when the model runs, so a change to
# a rule needs no new model; config.yml names them, so adding or removing one still retrains.
TRAINING_INPUTS = ("config.yml", "bot/domain", "data")


def _input_files(root: Path) -> list[Path]:
    files: list[Path] = []
    for name in TRAINING_INPUTS:
        path = root / name
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix in (".yml", ".yaml", ".py")
            )
    return files


def content_hash(root: Path = PROJECT_ROOT) -> str:
    digest = hashlib.sha256(f"rasa=={version('rasa')}\n".encode())
    for path in _input_files(root):
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def model_path(models_dir: Path, root: Path = PROJECT_ROOT) -> Path:
    return models_dir / f"lantern-{content_hash(root)}.tar.gz"


def rasa_env() -> dict[str, str]:
    """Environment for every Rasa process: no telemetry, no error reporting, quiet TensorFlow."""
    env = dict(os.environ)
    env.update(
        RASA_TELEMETRY_ENABLED="false",
        TF_CPP_MIN_LOG_LEVEL="2",
        # Rasa reports errors to Sentry only when telemetry is on; make sure no DSN leaks in.
        SENTRY_DSN="",
        # Rasa 3.6's pinned libraries print pages of deprecation warnings on Python 3.11.
        PYTHONWARNINGS="ignore::DeprecationWarning,ignore::PendingDeprecationWarning",
    )
    return env


def train(models_dir: Path, root: Path = PROJECT_ROOT, force: bool = False) -> Path:
    """Return the model for the current inputs, training it first if it does not exist."""
    target = model_path(models_dir, root)
    if target.exists() and not force:
        print(f"lantern: model up to date ({target.name})", flush=True)
        return target
    models_dir.mkdir(parents=True, exist_ok=True)
    print(f"lantern: training {target.name} ...", flush=True)
    command = [
        sys.executable,
        "-m",
        "rasa",
        "train",
        "--config",
        "config.yml",
        "--domain",
        "bot/domain",
        "--data",
        "data",
        "--out",
        str(models_dir),
        "--fixed-model-name",
        target.name.removesuffix(".tar.gz"),
        # `rasa data validate --fail-on-warnings` checks the same data in `make test`
        # (tests/bot/test_rasa_project.py); validating again here cost 26 s of every training.
        "--skip-validation",
    ]
    subprocess.run(command, cwd=root, env=rasa_env(), check=True)
    for old in models_dir.glob("lantern-*.tar.gz"):
        if old != target:
            old.unlink()
    return target
