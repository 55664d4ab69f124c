from __future__ import annotations


def test_health_names_what_is_down(client):
    reply = client.get("/healthz")
    assert reply.status_code == 503
    body = reply.json()
    assert body["checks"] == {"rasa": False, "actions": False, "redis": True}
    assert body["down"] == ["rasa", "actions"]


def test_health_reports_redis_down(settings, tmp_path):
    from fastapi.testclient import TestClient

    from api.main import create_app
    from harness.background import free_port

    closed = settings.copy(update={"redis_url": f"redis://127.0.0.1:{free_port()}/0"})
    with TestClient(create_app(closed)) as client:
        reply = client.get("/healthz")
        assert reply.status_code == 503
        assert "redis" in reply.json()["down"]
        # Quick exit cannot delete without Redis: it says so, as a 503 with a message.
        exit_reply = client.delete("/api/chat/" + "s" * 20)
        assert exit_reply.status_code == 503
        assert "expire" in exit_reply.json()["message"]
