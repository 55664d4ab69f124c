from __future__ import annotations

import shutil

from lantern import training
from lantern.settings import PROJECT_ROOT


def _copy_inputs(tmp_path):
    for name in training.TRAINING_INPUTS:
        source = PROJECT_ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        elif source.exists():
            shutil.copy(source, tmp_path / name)
    return tmp_path


def test_hash_is_stable_and_changes_with_any_input(tmp_path):
    root = _copy_inputs(tmp_path)
    first = training.content_hash(root)
    assert training.content_hash(root) == first
    (root / "data" / "nlu" / "extra.yml").write_text('version: "3.1"\n')
    assert training.content_hash(root) != first


def test_unrelated_files_do_not_retrain(tmp_path):
    root = _copy_inputs(tmp_path)
    first = training.content_hash(root)
    (root / "data" / "notes.txt").write_text("not training data")
    assert training.content_hash(root) == first


def test_existing_model_is_reused_without_training(tmp_path, capsys):
    (tmp_path / "project").mkdir()
    root = _copy_inputs(tmp_path / "project")
    models = tmp_path / "models"
    models.mkdir()
    target = training.model_path(models, root)
    target.write_bytes(b"model")
    assert training.train(models, root) == target
    assert "up to date" in capsys.readouterr().out
