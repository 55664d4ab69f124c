"""Privacy by default, proved on the running stack: quick exit, logs, and the network."""

from __future__ import annotations

import ipaddress
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
