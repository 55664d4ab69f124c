"""Lantern as replicas, and parts of it failing under people's conversations (issue 17).

One cluster for the module (harness/cluster.py), started from `lantern.stack.processes` with only
addresses changed: two gateways behind nginx, two Rasa servers sharing Redis's tracker and lock
stores, two action servers, its own redis-server and PostgreSQL for feedback. In front of each
Rasa and action server a proxy that a test makes refuse ("down") or swallow everything
("hang"). Nothing is mocked: the failures are real sockets and real signals.

What must hold, on both channels:
- down: the static safety text (999, 55, the helpline) within a second;
- hung: the same within the turn's timeout (RASA_TIMEOUT_SECONDS here; the SMS budget);
- /healthz names what is down; and everything recovers without a restart;
- Redis killed and started again mid-load: no 5xx, every reply fits what that person sent;
- 20 conversations of 10 turns over the replicas, one Rasa and one gateway killed part-way
  (the last test: it leaves the cluster with one of each).
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import httpx
import pytest
from sqlalchemy.engine import make_url
from twilio.request_validator import RequestValidator

from api.safety import static_message
from feedback import store
from harness.background import StackFailed
from harness.cluster import Cluster
from lantern.facts import values
from tests import postgres_server, redis_server
from tests.e2e.test_feedback import _web_feedback

TWILIO_TOKEN = "faults-twilio-token-not-a-secret"
MARKER = "Quillfeather Orchard"  # words no log line has any other reason to contain
TURN_SECONDS = 4  # RASA_TIMEOUT_SECONDS for this stack: short, so a hung part is quick to test
SMS_SECONDS = 5  # SMS_REPLY_SECONDS
SLACK = 1.5  # a busy 2-core machine's scheduling, beyond each promised time


@dataclass
class Faults:
    """The cluster, and the Redis and PostgreSQL servers under it, which tests kill and start
    again on the same folders and ports."""

    cluster: Cluster
    folder: Path
    redis_process: subprocess.Popen
    redis_url: str
    postgres: subprocess.Popen
    database_url: str

    @property
    def redis_dir(self) -> Path:
        return self.folder / "redis"

    @property
    def postgres_dir(self) -> Path:
        return self.folder / "pg"

    @property
    def redis_port(self) -> int:
        return urlsplit(self.redis_url).port or 6379

    def chat(self, session: str, text: str) -> tuple[float, httpx.Response]:
        started = time.monotonic()
        reply = httpx.post(
            f"{self.cluster.url}/api/chat", json={"session": session, "text": text}, timeout=30
        )
        return time.monotonic() - started, reply

    def sms(self, number: str, body: str) -> tuple[float, str]:
        url = f"{self.cluster.url}/sms/twilio"
        params = {"From": number, "To": "+447700900999", "Body": body}
        signature = RequestValidator(TWILIO_TOKEN).compute_signature(url, params)
        started = time.monotonic()
        reply = httpx.post(url, data=params, headers={"X-Twilio-Signature": signature}, timeout=30)
        took = time.monotonic() - started
        assert reply.status_code == 200, reply.text
        message = ElementTree.fromstring(reply.text).find("Message")
        return took, message.text if message is not None else ""

    def health(self) -> httpx.Response:
        return httpx.get(f"{self.cluster.url}/healthz", timeout=10)


@pytest.fixture(scope="module")
def faults() -> Iterator[Faults]:
    # Outside pytest's private temp folder: PostgreSQL runs as its own user (tests/postgres_server).
    folder = Path(tempfile.mkdtemp(prefix="lantern-replicas-"))
    os.chmod(folder, 0o711)
    (folder / "redis").mkdir()
    redis_process, redis_url = redis_server.start(folder / "redis")
    postgres, database_url = postgres_server.start(folder / "pg")
    cluster = Cluster(
        folder / "var",
        redis_url,
        database_url,
        replicas=2,
        extra_env={
            "TWILIO_AUTH_TOKEN": TWILIO_TOKEN,
            "RASA_TIMEOUT_SECONDS": str(TURN_SECONDS),
            "SMS_REPLY_SECONDS": str(SMS_SECONDS),
        },
    )
    try:
        cluster.start()
    except StackFailed as error:
        redis_process.terminate()
        postgres.terminate()
        pytest.fail(str(error))
    state = Faults(cluster, folder, redis_process, redis_url, postgres, database_url)
    yield state
    cluster.stop()
    state.redis_process.terminate()
    state.postgres.terminate()
    state.postgres.wait(30)
    shutil.rmtree(folder, ignore_errors=True)


def _is_safety_text(text: str) -> bool:
    """The gateway's static safety message (webchat), exactly."""
    return text == static_message().text


def _is_sms_safety_text(text: str) -> bool:
    facts = values()
    return all(facts[name] in text for name in ("emergency_phone", "ndah_phone")) and "55" in text


def _texts(reply: httpx.Response) -> list[str]:
    assert reply.status_code == 200, reply.text  # never a 5xx, whatever is down
    return [message.get("text", "") for message in reply.json()["messages"]]


def _under_way(faults: Faults, number: str) -> None:
    """An SMS conversation past its first question (texting is safe), so the next text is a
    turn of the assistant's, not the question asked of every new number."""
    faults.sms(number, "hello")
    _took, text = faults.sms(number, "1")
    assert not _is_sms_safety_text(text), text


def _recovered(faults: Faults) -> None:
    """Once the part is back: healthy, and a new conversation gets the assistant's own words."""
    deadline = time.monotonic() + 30
    while faults.health().status_code != 200 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert faults.health().json() == {
        "status": "ok",
        "checks": {"rasa": True, "actions": True, "redis": True},
        "down": [],
    }
    _took, reply = faults.chat(secrets.token_urlsafe(18), "hello")
    texts = _texts(reply)
    assert len(texts) > 1 and not _is_safety_text(texts[0]), texts


@pytest.mark.parametrize("part", ["rasa", "actions"])
def test_a_part_that_is_down_gets_the_safety_text_within_a_second(faults, part):
    session, number = secrets.token_urlsafe(18), "+447700900201"
    _took, reply = faults.chat(session, "hello")  # conversations under way on both channels
    assert not _is_safety_text(_texts(reply)[0])
    _under_way(faults, number)
    faults.cluster.set(part, "down")
    try:
        took, reply = faults.chat(session, "where can I get help")
        assert took < 1 + SLACK and _is_safety_text(_texts(reply)[0])
        took, text = faults.sms(number, "where can I get help")
        assert took < 1 + SLACK and _is_sms_safety_text(text)
        health = faults.health()
        assert health.status_code == 503 and health.json()["down"] == [part]
    finally:
        faults.cluster.set(part, "pass")
    _recovered(faults)
    _took, reply = faults.chat(session, "what is domestic abuse")  # the same conversation goes on
    assert not _is_safety_text(_texts(reply)[0])


@pytest.mark.parametrize("part", ["rasa", "actions"])
def test_a_part_that_hangs_gets_the_safety_text_within_the_timeout(faults, part):
    session, number = secrets.token_urlsafe(18), "+447700900202"
    faults.chat(session, "hello")
    _under_way(faults, number)
    faults.cluster.set(part, "hang")
    try:
        took, reply = faults.chat(session, "where can I get help")
        assert took < TURN_SECONDS + SLACK and _is_safety_text(_texts(reply)[0])
        took, text = faults.sms(number, "where can I get help")
        assert took < SMS_SECONDS + SLACK and _is_sms_safety_text(text)
        if part == "rasa":  # a hung action server leaves Rasa's own status answering
            health = faults.health()
            assert health.status_code == 503 and "rasa" in health.json()["down"]
    finally:
        faults.cluster.set(part, "pass")
    _recovered(faults)


def test_redis_killed_mid_load_and_restarted(faults):
    """Conversations running when Redis dies: no 5xx, each reply fits what that person sent (or
    is the safety text, or the greeting of a fresh start), and they carry on after Redis comes
    back, with nobody given another person's reply."""
    # What each message is answered with when all is well: the first words of the reply's first
    # message, from fresh and running conversations.
    cycle = ["hello", "what is domestic abuse", "/ask_helpline", "thanks"]
    expected: dict[str, set[str]] = {text: set() for text in cycle}
    for _ in range(2):
        session = secrets.token_urlsafe(18)
        for text in cycle:
            expected[text].add(_texts(faults.chat(session, text)[1])[0][:30])
    greeting = expected["hello"]
    problems: list[str] = []
    stop = threading.Event()
    answered = {"before": 0, "safety": 0, "after": 0}
    phase = {"now": "before"}

    def talk(worker: int) -> None:
        session = secrets.token_urlsafe(18)
        turn = worker  # each starts at a different point of the cycle
        while not stop.is_set():
            text = cycle[turn % len(cycle)]
            turn += 1
            try:
                _took, reply = faults.chat(session, text)
            except httpx.HTTPError as error:
                problems.append(f"{type(error).__name__} on {text!r}")
                continue
            if reply.status_code != 200:
                problems.append(f"{reply.status_code} on {text!r}")
                continue
            first = reply.json()["messages"][0]["text"]
            if _is_safety_text(first):
                answered["safety"] += 1
            elif first[:30] in expected[text] | greeting:
                answered[phase["now"]] += 1
            else:
                problems.append(f"{text!r} was answered {first[:60]!r}")
            time.sleep(0.2)

    workers = [threading.Thread(target=talk, args=(i,)) for i in range(8)]
    for worker in workers:
        worker.start()
    time.sleep(4)
    faults.redis_process.send_signal(signal.SIGKILL)
    faults.redis_process.wait(10)
    # While it is down: a new person on each channel still gets 999, and their words reach no
    # process's log, though every process fails on their message.
    emergency = values()["emergency_phone"]
    _took, web = faults.chat(secrets.token_urlsafe(18), f"my husband {MARKER} hits me")
    assert emergency in _texts(web)[0]
    _took, text = faults.sms("+447700900555", f"my husband {MARKER} hits me")
    assert emergency in text
    time.sleep(2)  # conversations go on writing to a dead Redis
    faults.redis_process, _url = redis_server.start(faults.redis_dir, port=faults.redis_port)
    phase["now"] = "after"
    deadline = time.monotonic() + 40
    while answered["after"] < 16 and time.monotonic() < deadline:
        time.sleep(0.5)
    stop.set()
    for worker in workers:
        worker.join(60)
    assert problems == []
    assert answered["before"] > 0 and answered["safety"] > 0
    assert answered["after"] >= 16, answered  # the conversations carried on
    _recovered(faults)
    time.sleep(1)  # let every process flush
    logs = faults.cluster.logs()
    assert "rest turn failed" in logs, "the outage is logged: its kind, not the words"
    assert MARKER not in logs
    assert "7700900555" not in logs


class _Chat:
    """The cluster as tests/e2e/test_feedback.py's journey talks to a stack."""

    def __init__(self, faults: Faults) -> None:
        self.faults = faults

    def chat(self, session: str, text: str) -> dict:
        _took, reply = self.faults.chat(session, text)
        assert reply.status_code == 200, reply.text
        return reply.json()


def test_feedback_acknowledged_survives_the_database_killed_right_after(faults):
    """PostgreSQL SIGKILLed the moment "saved" is shown, then started again on its files: the
    record is there. "Saved" is said only after the commit (feedback/store.py)."""
    words = "the refuge worker believed me straight away"
    saved = _web_feedback(_Chat(faults), secrets.token_urlsafe(24), words)
    postgres_server.kill(faults.postgres)
    assert "saved" in saved
    port = make_url(faults.database_url).port
    faults.postgres, _url = postgres_server.start(faults.postgres_dir, port=port)
    engine = store.connect(faults.database_url)
    try:
        assert words in [record["text"] for record in store.all_records(engine)]
    finally:
        engine.dispose()


SESSIONS, TURNS = 20, 10
# Messages whose replies differ from each other, so a reply given to the wrong conversation or
# out of order shows: each session sends them in its own rotation.
SCRIPT = ["hello", "what is domestic abuse", "/ask_helpline", "thanks", "/show_menu"]


def _first_words(reply: httpx.Response) -> str:
    return reply.json()["messages"][0]["text"][:40]


def test_replicas_share_the_work_and_survive_losing_one_of_each(faults):
    cluster = faults.cluster
    safety = static_message().text[:40]
    with httpx.Client(timeout=30) as client:
        # What each message gets when all is well, from a fresh conversation and a running one.
        expected: dict[str, set[str]] = {text: set() for text in SCRIPT}
        for _ in range(2):
            session = secrets.token_urlsafe(18)
            for text in SCRIPT:
                reply = client.post(
                    f"{cluster.url}/api/chat", json={"session": session, "text": text}
                )
                expected[text].add(_first_words(reply))
        distinct = {text: words - set().union(*(expected[o] for o in SCRIPT if o != text))
                    for text, words in expected.items()}  # fmt: skip
        assert all(distinct.values()), f"the script's replies must differ: {expected}"

    problems: list[str] = []
    answered = {"assistant": 0, "safety": 0}
    done_turns = [0]
    lock = threading.Lock()

    outcomes: dict[int, list[str]] = {n: [] for n in range(SESSIONS)}

    def converse(number: int) -> None:
        session = secrets.token_urlsafe(18)
        with httpx.Client(timeout=30) as client:
            for turn in range(TURNS):
                text = SCRIPT[(number + turn) % len(SCRIPT)]
                try:
                    reply = client.post(
                        f"{cluster.url}/api/chat", json={"session": session, "text": text}
                    )
                except httpx.HTTPError as error:
                    problems.append(f"session {number} turn {turn}: {type(error).__name__}")
                    outcomes[number].append("lost")
                    continue
                with lock:
                    done_turns[0] += 1
                if reply.status_code != 200:
                    problems.append(f"session {number} turn {turn}: {reply.status_code}")
                    outcomes[number].append("lost")
                    continue
                first = _first_words(reply)
                if first == safety:
                    answered["safety"] += 1
                    outcomes[number].append("safety")
                elif first in expected[text]:
                    answered["assistant"] += 1
                    outcomes[number].append("assistant")
                else:
                    problems.append(f"session {number} turn {turn}: {text!r} got {first!r}")
                # A second between messages: 20 people typing fast. Without it the test offers
                # more turns a second than one Rasa on a busy 2-core machine answers within the
                # turn timeout once the other is killed, and measures that instead.
                time.sleep(1.0)

    threads = [threading.Thread(target=converse, args=(n,)) for n in range(SESSIONS)]
    for thread in threads:
        thread.start()
    while done_turns[0] < SESSIONS * TURNS // 3:
        time.sleep(0.2)
    rasa, gateway = cluster.of("rasa")[0], cluster.of("gateway")[0]
    cluster.kill(rasa)
    cluster.kill(gateway)
    for thread in threads:
        thread.join(180)
    # A turn inside the gateway as it died is lost with it: nginx does not send a POST twice,
    # which could say one thing to Rasa twice. The page then shows its "could not send" words,
    # with 999, and a button to send the message again (api/static/chat.js). Each conversation
    # loses at most that one turn, and its next message is answered.
    lost = [p for p in problems if p.endswith(("502", "RemoteProtocolError", "ReadError"))]
    assert [p for p in problems if p not in lost] == []
    sessions_hit = [p.split(" turn ")[0] for p in lost]
    assert len(sessions_hit) == len(set(sessions_hit)), lost
    total = answered["assistant"] + answered["safety"]
    assert total + len(lost) == SESSIONS * TURNS
    # A turn caught in the dead Rasa gets the safety message, and so may the next two of that
    # conversation while its lock outlives the server (TICKET_LOCK_LIFETIME, the turn's timeout
    # + 5 s); then the assistant answers again. Every conversation ends answered by it.
    seen = "\n".join(f"{n:2}: {' '.join(s[0] for s in said)}" for n, said in outcomes.items())
    for said in outcomes.values():
        assert said.count("safety") <= 4 and said[-1] == "assistant", seen
    assert answered["assistant"] >= SESSIONS * TURNS * 0.75, seen
    # Both survivors carried the load after the kills, and both replicas carried it before.
    logs = {m.name: cluster.tail(m, 10**9) for m in cluster.members}
    for name in ("gateway1", "gateway2"):
        assert logs[name].count('"chat_turn"') > 0, f"{name} served no turns"
