"""Privacy by default, proved on the running stack: quick exit, logs, and the network."""

from __future__ import annotations

import ipaddress
import json
import re
import secrets
import time

import httpx
import pytest

MARKER = "Zebrafinch Quillon"
PHONE = "07700 900461"  # an Ofcom drama number: never a real person's
CLIENT_IP = "127.0.0.77"
FORWARDED_IP = "203.0.113.77"  # documentation range (RFC 5737)


def test_quick_exit_leaves_nothing_in_redis(stack):
    session = secrets.token_urlsafe(24)
    stack.chat(session, "/greet")
    stack.chat(session, "my partner checks my phone every night")
    assert any(session in key for key in stack.redis.keys("*"))
    assert httpx.delete(f"{stack.url}/api/chat/{session}").status_code == 204
    left = [k for k in stack.redis.keys("*") if session in k and ":ended:" not in k]
    assert left == []


def _everything_in_redis(stack) -> str:
    """Every key and every value of every type, as one text to search."""
    r, out = stack.redis, []
    for key in r.scan_iter("*"):
        kind = r.type(key)
        out.append(key)
        if kind == "string":
            out.append(r.get(key) or "")
        elif kind == "hash":
            out.extend(f"{k}={v}" for k, v in r.hgetall(key).items())
        elif kind in ("list",):
            out.extend(r.lrange(key, 0, -1))
        elif kind in ("set",):
            out.extend(r.smembers(key))
        elif kind == "zset":
            out.extend(r.zrange(key, 0, -1))
    return "\n".join(out)


def _sms(stack, number: str, body: str) -> None:
    assert stack.sms(number, body).status_code == 200


def test_redis_keeps_what_the_conversation_needs_and_none_of_the_words(stack):
    web, crafted, number = secrets.token_urlsafe(24), secrets.token_urlsafe(24), "+447700900461"
    stack.chat(web, f"{MARKER} hits me, I live at SY1 2AB, ring me on {PHONE}")
    stack.chat(web, "where can i get help")
    # A crafted button payload puts words in an entity, and so in a slot.
    stack.chat(crafted, f'/ask_helpline{{"nation": "{MARKER}", "district": "{MARKER}"}}')
    _sms(stack, number, "hi")
    _sms(stack, number, "1")
    _sms(stack, number, f"{MARKER} took my phone and my bank card")
    stored = _everything_in_redis(stack)
    tracker = json.loads(stack.redis.get(f"lantern:tracker:web_{web}"))
    intents = [e["parse_data"]["intent"]["name"] for e in tracker["events"] if e["event"] == "user"]
    slots = {e["name"]: e["value"] for e in tracker["events"] if e["event"] == "slot"}
    # What it needs: the intents read, and the council code, not the postcode.
    assert intents and all(intents) and slots.get("district") == "E06000051"
    assert f"lantern:tracker:{stack.sms_sender(number)}" in stored
    for words in (MARKER, MARKER.lower(), "SY1 2AB", PHONE, PHONE.replace(" ", ""),
                  "hits me", "bank card", "where can i get help"):  # fmt: skip
        assert words not in stored, f"{words!r} is kept in Redis"
    # Quick exit and EXIT leave nothing of either conversation.
    assert httpx.delete(f"{stack.url}/api/chat/{web}").status_code == 204
    _sms(stack, number, "EXIT")
    assert httpx.delete(f"{stack.url}/api/chat/{crafted}").status_code == 204
    for who in (web, crafted, stack.sms_sender(number)):
        keys = [k for k in stack.redis.scan_iter(f"*{who}*")]
        assert [k for k in keys if ":ended:" not in k and ":sms-rate:" not in k] == [], who
    time.sleep(1)
    assert MARKER not in stack.logs()


def test_a_conversation_never_reaches_disk_and_var_is_private(stack):
    session = secrets.token_urlsafe(24)
    stack.chat(session, f"{MARKER} checks my phone every night")
    stack.chat(session, "where can i get help")
    assert httpx.delete(f"{stack.url}/api/chat/{session}").status_code == 204
    time.sleep(1.5)  # longer than Redis's once-a-second append-only sync, were it on
    var = stack.background.var_dir
    files = [p for p in var.rglob("*") if p.is_file() and not p.is_symlink()]
    assert files, "the stack keeps its secrets and Redis's folder in var/"
    for path in files:
        assert MARKER.encode() not in path.read_bytes(), f"the words reached {path}"
        assert session.encode() not in path.read_bytes(), f"the session id reached {path}"
    for path in [var, *var.rglob("*")]:
        assert path.stat().st_mode & 0o077 == 0, f"{path} is open to other users"


def test_redis_asks_for_a_password_and_refuses_what_could_expose_the_words(stack):
    import redis
    from redis.exceptions import AuthenticationError, NoPermissionError, ResponseError

    port = stack.background.ports["redis"]
    with pytest.raises((AuthenticationError, ResponseError)):
        redis.Redis(port=port).get("anything")  # no password: NOAUTH
    # With the password, the application's user still cannot stream every command (MONITOR),
    # turn persistence back on or move its files (CONFIG), or poke the server (DEBUG).
    for command in (("CONFIG", "GET", "appendonly"), ("CONFIG", "SET", "appendonly", "yes"),
                    ("DEBUG", "SLEEP", "0"), ("MONITOR",)):  # fmt: skip
        with pytest.raises(NoPermissionError):
            stack.redis.execute_command(*command)
    assert stack.redis.ping()


def test_no_secret_is_on_any_process_s_command_line(stack):
    # Any local user can read a command line (ps, /proc/*/cmdline).
    import psutil

    from lantern.settings import Settings

    settings = Settings(var_dir=stack.background.var_dir)
    secrets_ = [settings.secret("rasa_token"), settings.secret("pseudonym_key")]
    processes = [psutil.Process(pid) for pid in stack.background.pids()]
    assert len(processes) >= 5, "the launcher, redis, rasa, actions and the gateway are running"
    for process in processes:
        command = " ".join(process.cmdline())
        for secret in secrets_:
            assert secret not in command, f"a secret is on {process.name()}'s command line"


def test_no_message_text_phone_number_or_ip_in_any_log(stack):
    session = secrets.token_urlsafe(24)
    transport = httpx.HTTPTransport(local_address=CLIENT_IP)
    with httpx.Client(transport=transport, timeout=30) as client:
        for text in (f"{MARKER} said call me on {PHONE}", "hes outside and has a knife"):
            reply = client.post(
                f"{stack.url}/api/chat",
                json={"session": session, "text": text},
                headers={"x-forwarded-for": FORWARDED_IP, "x-real-ip": FORWARDED_IP},
            )
            assert reply.status_code == 200
        client.post(f"{stack.url}/api/chat", json={"session": "bad", "text": MARKER})
    time.sleep(1)  # let every process flush
    logs = stack.logs()
    assert "chat_turn" in logs, "the gateway does log turns (ids and timings only)"
    for secret in (
        MARKER,
        PHONE,
        PHONE.replace(" ", ""),
        "has a knife",
        session,
        CLIENT_IP,
        FORWARDED_IP,
    ):
        assert secret not in logs, f"{secret!r} leaked into the logs"


_ADDRESS = re.compile(r'sin_addr=inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)"')


def test_nothing_but_loopback_is_contacted(stack):
    assert stack.strace_log is not None
    stack.chat(secrets.token_urlsafe(24), "/greet")
    calls = [line for line in stack.strace_log.read_text().splitlines() if "connect(" in line]
    assert calls, "strace saw no connect() at all: the check would prove nothing"
    outside = []
    for line in calls:
        for v4, v6 in _ADDRESS.findall(line):
            address = ipaddress.ip_address(v4 or v6)
            mapped = getattr(address, "ipv4_mapped", None)
            if not (address.is_loopback or (mapped and mapped.is_loopback)):
                outside.append(line)
    assert outside == [], "connections beyond loopback:\n" + "\n".join(outside[:10])
    assert any("127.0.0.1" in line for line in calls)


def _tokens(stack) -> dict[str, str]:
    from lantern.settings import Settings

    settings = Settings(var_dir=stack.background.var_dir)
    return {name: settings.secret(name) for name in ("channel_token", "actions_token")}


def test_rasa_s_channels_and_the_action_server_answer_only_lantern(stack):
    from lantern.internal_auth import ACTIONS_TOKEN_HEADER, CHANNEL_TOKEN_HEADER

    tokens = _tokens(stack)
    actions = f"http://127.0.0.1:{stack.background.ports['actions']}"
    turn = {"sender": secrets.token_urlsafe(12), "message": "hello"}
    for channel in ("rest", "sms"):
        url = f"{stack.rasa_url}/webhooks/{channel}/webhook"
        for headers in ({}, {CHANNEL_TOKEN_HEADER: "guess"},
                        {CHANNEL_TOKEN_HEADER: tokens["channel_token"][:-1]}):  # fmt: skip
            assert httpx.post(url, json=turn, headers=headers, timeout=30).status_code == 403
        # The gateway's own token still gets a turn.
        ok = httpx.post(url, json=turn, headers={CHANNEL_TOKEN_HEADER: tokens["channel_token"]},
                        timeout=30)  # fmt: skip
        assert ok.status_code == 200 and ok.json()
    call = {"next_action": "action_recommend_services", "tracker": {"sender_id": "x"},
            "domain": {}, "version": "3.6.2"}  # fmt: skip
    for path in ("/webhook", "/actions"):
        assert httpx.post(f"{actions}{path}", json=call, timeout=10).status_code in (403, 405)
        wrong = {ACTIONS_TOKEN_HEADER: tokens["channel_token"]}
        assert httpx.post(f"{actions}{path}", json=call, headers=wrong, timeout=10).status_code in (
            403,
            405,
        )
    assert httpx.get(f"{actions}/actions", timeout=10).status_code == 403
    listed = httpx.get(
        f"{actions}/actions", headers={ACTIONS_TOKEN_HEADER: tokens["actions_token"]}, timeout=10
    )
    assert listed.status_code == 200 and {"name": "action_recommend_services"} in listed.json()


def test_no_error_path_logs_or_echoes_what_was_sent(stack):
    from lantern.internal_auth import ACTIONS_TOKEN_HEADER, CHANNEL_TOKEN_HEADER

    tokens = _tokens(stack)
    actions = f"http://127.0.0.1:{stack.background.ports['actions']}"
    to_rasa = {CHANNEL_TOKEN_HEADER: tokens["channel_token"]}
    to_actions = {ACTIONS_TOKEN_HEADER: tokens["actions_token"]}
    word = MARKER.replace(" ", "")
    payload = f'/ask_helpline{{"nation": "{word}", "district": ["{word}"]}}'
    unusable_call = {
        "next_action": "action_recommend_services",
        "sender_id": word,
        "tracker": {"sender_id": word, "slots": word},
        "domain": word,
        "version": "3.6.2",
    }
    requests = [
        # The gateway: raw paths, bad JSON, a crafted button payload.
        ("GET", f"{stack.url}/static/%00{word}", {}),
        ("GET", f"{stack.url}/static/..%2f{word}", {}),
        ("GET", f"{stack.url}/{word}%0a{word}", {}),
        ("POST", f"{stack.url}/api/chat", {"content": f'{{"text": "{word}'}),
        ("POST", f"{stack.url}/api/chat",
         {"json": {"session": secrets.token_urlsafe(24), "text": payload}}),
        # Rasa, with the gateway's token: bad JSON, a message that is not text.
        ("POST", f"{stack.rasa_url}/webhooks/rest/webhook",
         {"content": f'{{"message": "{word}', "headers": to_rasa}),
        ("POST", f"{stack.rasa_url}/webhooks/rest/webhook",
         {"json": {"sender": word, "message": ["not", word]}, "headers": to_rasa}),
        # The action server, with Rasa's token: a tracker it cannot use, and bad JSON.
        ("POST", f"{actions}/webhook", {"json": unusable_call, "headers": to_actions}),
        ("POST", f"{actions}/webhook", {"content": f'{{"tracker": "{word}', "headers": to_actions}),
    ]  # fmt: skip
    for method, url, options in requests:
        if "content" in options:
            options["headers"] = options.get("headers", {}) | {"content-type": "application/json"}
        answer = httpx.request(method, url, timeout=30, **options)
        if url.startswith(stack.url):
            assert answer.status_code < 500, f"{method} {url}: {answer.status_code}"
        assert word not in answer.text, f"{url} echoed what it was sent"
    time.sleep(1)
    assert word not in stack.logs()
