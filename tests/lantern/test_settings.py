from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest
import yaml
from pydantic import ValidationError

from lantern.settings import PROJECT_ROOT as ROOT_FILES
from lantern.settings import REDIS_KEY_PREFIX, Settings


def test_safe_defaults(tmp_path):
    settings = Settings(_env_file=None, var_dir=tmp_path)
    assert settings.host == "127.0.0.1"
    assert settings.redis_url is None
    embedded = urlsplit(settings.effective_redis_url)
    assert embedded.hostname == "127.0.0.1" and embedded.password  # loopback, with a password
    assert settings.twilio_auth_token is None and settings.service_lead_token is None
    assert settings.tracker_ttl_seconds == 24 * 3600


@pytest.mark.parametrize(
    ("name", "value"),
    [("rasa_url", "ftp://x"), ("redis_url", "http://x"), ("port", "0"), ("log_level", "loud")],
)
def test_bad_values_fail_fast_naming_the_setting(monkeypatch, name, value):
    monkeypatch.setenv(name.upper(), value)
    with pytest.raises(ValidationError, match=name):
        Settings()


def test_secrets_are_never_printed(monkeypatch):
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", "very-secret-token")
    assert "very-secret-token" not in repr(Settings())


def test_generated_secret_is_kept_and_private(tmp_path):
    settings = Settings(var_dir=tmp_path)
    first = settings.secret("pseudonym_key")
    assert first == Settings(var_dir=tmp_path).secret("pseudonym_key")
    assert (tmp_path / "secrets" / "pseudonym_key").stat().st_mode & 0o077 == 0


def test_an_empty_secret_left_by_a_crash_is_never_used(tmp_path):
    # Before writes were atomic, a crash between creating the file and writing it left it empty
    # for good, and an empty pseudonym key makes every phone number guessable.
    path = tmp_path / "secrets" / "pseudonym_key"
    path.parent.mkdir(mode=0o700)
    path.write_text("\n")
    value = Settings(var_dir=tmp_path).secret("pseudonym_key")
    assert len(value) >= 32
    assert path.read_text() == value
    assert path.stat().st_mode & 0o077 == 0


def test_a_crash_before_the_secret_is_in_place_leaves_no_name_behind(tmp_path, monkeypatch):
    def crash(*_args):
        raise OSError("power cut")

    monkeypatch.setattr(os, "link", crash)
    with pytest.raises(OSError, match="power cut"):
        Settings(var_dir=tmp_path).secret("pseudonym_key")
    monkeypatch.undo()
    secrets_dir = tmp_path / "secrets"
    assert list(secrets_dir.iterdir()) == []  # no half-written key, no temporary file
    assert len(Settings(var_dir=tmp_path).secret("pseudonym_key")) >= 32


def test_processes_starting_at_once_agree_on_one_secret(tmp_path):
    barrier = threading.Barrier(8)

    def create() -> str:
        barrier.wait()
        return Settings(var_dir=tmp_path).secret("rasa_token")

    with ThreadPoolExecutor(8) as pool:
        values = set(pool.map(lambda _: create(), range(8)))
    assert values == {(tmp_path / "secrets" / "rasa_token").read_text()}


def test_rasa_redis_stores_use_the_prefix_quick_exit_deletes():
    endpoints = yaml.safe_load((ROOT_FILES / "bot" / "endpoints.yml").read_text())
    assert endpoints["tracker_store"]["key_prefix"] == REDIS_KEY_PREFIX
    assert endpoints["lock_store"]["key_prefix"] == REDIS_KEY_PREFIX
