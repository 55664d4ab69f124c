"""Bad input from the probe of issue 15: each gets a clear 4xx in one shape, never a 5xx."""

from __future__ import annotations

import json

import pytest

from api.body_limit import LIMITS

SESSION = "s" * 24
JSON = {"content-type": "application/json"}


def _refused(answer, status: int) -> str:
    assert answer.status_code == status, (answer.status_code, ascii(answer.text[:200]))
    body = answer.json()
    # One shape for every 4xx: a sentence, and the details as a list.
    assert isinstance(body["message"], str) and body["message"]
    assert isinstance(body["detail"], list) and body["detail"]
    assert all({"loc", "msg", "type"} <= set(d) for d in body["detail"])
    return body["message"]


def test_half_a_character_is_refused_with_a_message(client):
    body = b'{"session": "' + SESSION.encode() + b'", "text": "hi \\ud800"}'
    message = _refused(client.post("/api/chat", content=body, headers=JSON), 422)
    assert "broken character" in message


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 5000 + b"]" * 5000,  # deeper than Python's JSON parser goes
        b'{"session": "' + SESSION.encode() + b'", "text": ' + b"9" * 5000 + b"}",  # > 4300 digits
        b'{"session": "' + SESSION.encode() + b'", "text": "unfinished',
    ],
    ids=["deep", "huge-int", "malformed"],
)
def test_json_that_cannot_be_read_is_a_422(client, body):
    assert len(body) < LIMITS["/api/chat"]
    assert "JSON" in _refused(client.post("/api/chat", content=body, headers=JSON), 422)


def test_a_body_over_the_limit_is_refused_before_it_is_read(client):
    text = json.dumps({"session": SESSION, "text": "x" * 20_000}).encode()
    assert "too large" in _refused(client.post("/api/chat", content=text, headers=JSON), 413)

    def chunks():  # no Content-Length: counted as it streams
        yield b'{"session": "' + SESSION.encode() + b'", "text": "'
        for _ in range(40):
            yield b"y" * 1024
        yield b'"}'

    assert "too large" in _refused(client.post("/api/chat", content=chunks(), headers=JSON), 413)
    big_sms = {"From": "+447700900123", "Body": "z" * 70_000}
    _refused(client.post("/sms/twilio", data=big_sms), 413)


def test_a_body_just_under_the_limit_is_read(client):
    text = json.dumps({"session": SESSION, "text": "é" * 2000}).encode()
    assert LIMITS["/api/chat"] // 2 < len(text) < LIMITS["/api/chat"]
    assert client.post("/api/chat", content=text, headers=JSON).status_code == 200


def test_other_errors_have_the_same_shape(client):
    _refused(client.get("/api/services", params={"scope": "banana"}), 422)
    _refused(client.post("/api/chat", json={"session": "short", "text": "hi"}), 422)
    _refused(client.get("/no-such-page"), 404)
    _refused(client.put("/api/chat"), 405)


def test_no_redirect_is_built_from_the_host_header(client):
    for method, path in (("GET", "/api/services/"), ("POST", "/api/chat/")):
        answer = client.request(
            method, path, headers={"host": "evil.example"}, follow_redirects=False
        )
        assert answer.status_code == 404
        assert "evil.example" not in answer.headers.get("location", "")


def test_head_of_the_page_works(client):
    answer = client.head("/")
    assert answer.status_code == 200 and answer.content == b""


def test_a_reply_without_a_card_leaves_card_out(client):
    # The published ChatReply schema has no null card: an absent card is left out.
    [message] = client.post("/api/chat", json={"session": SESSION, "text": "hi"}).json()["messages"]
    assert "card" not in message


def test_ranges_of_a_static_file_are_served_correctly_or_the_whole_file(client):
    whole = client.get("/static/chat.js").content
    one = client.get("/static/chat.js", headers={"range": "bytes=20-29"})
    assert one.status_code == 206 and one.content == whole[20:30]
    # Starlette's multipart answer to several ranges is unreadable: the whole file instead.
    several = client.get("/static/chat.js", headers={"range": "bytes=0-9,20-29"})
    assert several.status_code == 200 and several.content == whole
    past_the_end = client.get("/static/chat.js", headers={"range": f"bytes={len(whole) + 5}-"})
    assert past_the_end.status_code == 416


def test_the_openapi_documents_the_error_shape_for_every_route(client):
    spec = client.get("/openapi.json").json()
    assert spec["components"]["schemas"]["ErrorReply"]["required"] == ["message", "detail"]
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            for status in ("413", "422"):
                schema = operation["responses"][status]["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/ErrorReply"}, (path, method)
    card = spec["components"]["schemas"]["BotMessage"]["properties"]["card"]
    assert "null" not in json.dumps(card)  # so an absent card is left out, never null
