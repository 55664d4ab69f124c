from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.main import create_app
from harness.background import free_port
from lantern.settings import Settings

TWILIO_TOKEN = "test-auth-token-not-a-secret"


@pytest.fixture
def settings(redis_url: str, tmp_path) -> Settings:
    # Rasa and the action server point at closed loopback ports: "down" is real, not mocked.
    return Settings(
        redis_url=redis_url,
        rasa_url=f"http://127.0.0.1:{free_port()}",
        actions_url=f"http://127.0.0.1:{free_port()}",
        var_dir=tmp_path,
        rasa_timeout_seconds=2,
    )


@pytest.fixture
def client(settings: Settings, redis_client) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture
def sms_settings(settings):
    # Signatures cover the public address Twilio was given (PUBLIC_BASE_URL).
    return settings.copy(
        update={
            "twilio_auth_token": SecretStr(TWILIO_TOKEN),
            "sms_rate_limit": 5,
            "public_base_url": "http://testserver",
        }
    )


@pytest.fixture
def sms(sms_settings, redis_client):
    with TestClient(create_app(sms_settings)) as client:
        yield client
