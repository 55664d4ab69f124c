"""bench/load.py's accounting: what counts as a failed turn, p95, turns a second and peaks.

No stack and no clock: turns are made by hand, and one fake server answers through httpx's
MockTransport.
"""

from __future__ import annotations

import asyncio
import math
import random

import httpx
import pytest

from bench import load
from bench.load import Run, Target, Turn

FALLBACK = "If you are in danger now, call 999."


def _run(*turns: Turn, seconds: float = 10.0, conversations: int = 1) -> Run:
    return Run("t", conversations, seconds, list(turns))


def test_p95_is_bench_mains_quantile():
    values = [float(v) for v in range(1, 101)]
    # statistics.quantiles(n=20), exclusive: the point at 0.95 * (n + 1) = 95.95.
    assert load.p95(values) == pytest.approx(95.95)
    assert load.p95(list(reversed(values))) == pytest.approx(95.95)
    assert load.p95([42.0]) == 42.0
    assert math.isnan(load.p95([]))


def test_a_slow_tail_shows_in_p95_not_in_the_median():
    run = _run(*[Turn(0, 100.0)] * 90, *[Turn(0, 2000.0)] * 10)
    assert run.median_ms == 100.0
    assert run.p95_ms == 2000.0


@pytest.mark.parametrize(
    ("kind", "status", "body", "expected"),
    [
        ("gateway", 200, {"session": "s", "messages": [{"text": "Hello"}]}, None),
        ("rasa", 200, [{"recipient_id": "x", "text": "Hello"}], None),
        ("gateway", 503, {"message": "Something went wrong"}, "http 503"),
        ("gateway", 429, {"messages": [{"text": "slow down"}, {"text": FALLBACK}]}, "http 429"),
        ("rasa", 500, None, "http 500"),
        ("gateway", 200, {"session": "s", "messages": []}, "no messages"),
        ("gateway", 200, {"session": "s"}, "no messages"),
        ("rasa", 200, [], "no messages"),
        ("rasa", 200, {"error": "x"}, "no messages"),
        ("gateway", 200, None, "no messages"),  # not JSON
        # Rasa did not answer: the gateway's static safety message is a 200 for the person,
        # and a failed turn here.
        (
            "gateway",
            200,
            {"session": "s", "messages": [{"text": FALLBACK}]},
            "static safety message",
        ),
    ],
)
def test_verdict(kind, status, body, expected):
    assert load.verdict(kind, status, body, FALLBACK) == expected


def test_the_safety_message_among_others_is_an_answer():
    body = {"messages": [{"text": "Here is what I found"}, {"text": FALLBACK}]}
    assert load.verdict("gateway", 200, body, FALLBACK) is None


def test_failed_turns_are_errors_and_not_throughput():
    run = _run(
        Turn(0, 50.0), Turn(1, 60.0), Turn(2, 30000.0, "timeout"), Turn(3, 5.0, "http 503"),
        Turn(4, 5.0, "http 503"), seconds=2.0,
    )  # fmt: skip
    assert run.error_count == 3
    assert run.errors == {"http 503": 2, "timeout": 1}
    assert len(run.ok) == 2
    assert run.turns_per_second == 1.0  # successful turns only
    # Latency over every turn, a failure at the time it took to fail.
    assert run.median_ms == 50.0
    assert "3 (http 503 2, timeout 1)" in load.summary("gateway", run)


def test_a_window_keeps_the_turns_that_ended_inside_it():
    run = _run(Turn(0.5, 1000.0), Turn(1.9, 200.0), Turn(2.5, 100.0), Turn(11.9, 200.0))
    inside = run.window(2.0, 12.0)
    assert inside.seconds == 10.0
    assert [t.start for t in inside.turns] == [1.9, 2.5]
    assert inside.turns_per_second == pytest.approx(0.2)


def _level(n: int, per_second: float, p95_ms: float, errors: int = 0) -> Run:
    turns = [Turn(0, p95_ms)] * int(per_second * 10) + [Turn(0, 1.0, "timeout")] * errors
    return _run(*turns, seconds=10.0, conversations=n)


def test_peak_is_the_best_level_within_the_limit():
    levels = [_level(1, 10, 100), _level(4, 30, 400), _level(8, 32, 1500), _level(6, 35, 900, 1)]
    best = load.peak(levels, limit_ms=1000)
    assert best is not None and best.conversations == 4  # 8 is past 1 s; 6 had an error
    assert load.peak([_level(8, 32, 1500)], limit_ms=1000) is None


def test_the_ramp_stops_past_the_limit_or_with_errors():
    assert not load.passed(_level(1, 10, 999), 1000)
    assert load.passed(_level(1, 10, 1001), 1000)
    assert load.passed(_level(1, 10, 100, errors=2), 1000)  # 2 in 102: over 1 in 100
    assert load.passed(_run(), 1000)  # nothing answered at all


def test_conversations_greet_ask_and_thank():
    a, b = random.Random("1-3"), random.Random("1-3")
    for _ in range(50):
        turns = load.conversation(a)
        assert turns == load.conversation(b)  # the same script for every target
        assert turns[0] == "hello" and turns[-1] == "thanks" and 4 <= len(turns) <= 8
        assert set(turns[1:-1]) <= set(load.MIDDLE)


def test_long_messages_have_no_danger_words():
    from reading.danger_lexicon import assess, serious

    assert [t for t in load.MIDDLE if assess(t) is not None or serious(t)] == []


def test_targets_send_what_each_server_expects():
    gateway = Target("g", "gateway", ("http://g",))
    assert gateway.request(3, "abc", "hi") == (
        "http://g/api/chat",
        {"session": "abc", "text": "hi"},
    )
    rasa = Target("r", "rasa", ("http://a", "http://b"), {"X-Token": "t"})
    # A conversation stays on one server; conversations alternate between them.
    assert rasa.request(0, "abc", "hi") == (
        "http://a/webhooks/rest/webhook",
        {"sender": "bench_abc", "message": "hi"},
    )
    assert rasa.request(1, "abc", "hi")[0] == "http://b/webhooks/rest/webhook"


def test_a_turn_through_a_failing_server_is_an_error(monkeypatch):
    calls = []

    def answer(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        if len(calls) == 1:
            return httpx.Response(200, json={"session": "s", "messages": [{"text": "Hi"}]})
        if len(calls) == 2:
            return httpx.Response(200, json={"session": "s", "messages": [{"text": FALLBACK}]})
        if len(calls) == 3:
            raise httpx.ReadTimeout("slow", request=request)
        if len(calls) == 4:
            raise httpx.ConnectError("refused", request=request)
        return httpx.Response(500, text="oops")

    target = Target("g", "gateway", ("http://g",), fallback=FALLBACK)

    async def play() -> list[Turn]:
        async with httpx.AsyncClient(transport=httpx.MockTransport(answer)) as client:
            return [await load._turn(client, target, 0, "abc", "hi", 0.0) for _ in range(5)]

    turns = asyncio.run(play())
    assert [t.error for t in turns] == [
        None,
        "static safety message",
        "timeout",
        "ConnectError",
        "http 500",
    ]
    assert all(t.ms >= 0 for t in turns)


def test_a_load_run_plays_whole_conversations_and_counts_failures(monkeypatch):
    """A short run against a fake server: every session starts with a greeting, each
    conversation gets fresh sessions, and the server's failures are the run's errors."""
    seen: list[dict] = []

    def answer(request: httpx.Request) -> httpx.Response:
        import json

        body = json.loads(request.content)
        seen.append(body)
        if len(seen) % 3 == 0:
            return httpx.Response(503, json={"message": "busy"})
        return httpx.Response(200, json=[{"recipient_id": body["sender"], "text": "ok"}])

    monkeypatch.setattr(
        load, "_client", lambda n: httpx.AsyncClient(transport=httpx.MockTransport(answer))
    )
    target = Target("r", "rasa", ("http://a",))
    run = load.steady(target, conversations=3, think=(0.0, 0.001), seconds=0.2)
    assert len(run.turns) == len(seen) > 3
    assert run.error_count == len(seen) // 3
    assert set(run.errors) == {"http 503"}
    by_session: dict[str, list[str]] = {}
    for body in seen:
        by_session.setdefault(body["sender"], []).append(body["message"])
    assert all(turns[0] == "hello" for turns in by_session.values())
    assert all(turns.count("hello") == 1 for turns in by_session.values())


def test_slices_of_a_level_add_up():
    a = Run("t", 4, 5.0, [Turn(0, 100.0), Turn(1, 200.0, "timeout")], {"rasa": 0.5}, 7.0, 1)
    b = Run("t", 4, 5.0, [Turn(0, 300.0)] * 3, {"rasa": 1.5, "gateway": 0.1}, 7.0, 3)
    both = load.combine([a, b])
    assert both.seconds == 10.0 and len(both.turns) == 5 and both.error_count == 1
    assert both.turns_per_second == pytest.approx(0.4)
    assert both.cpu == {"rasa": 2.0, "gateway": 0.1}
    assert both.cpu_wall == 14.0 and both.cpu_turns == 4
    assert both.cores("rasa") == pytest.approx(2.0 / 14.0)


def test_stack_cpu_leaves_out_the_client_and_the_rest_of_the_machine():
    runs = [
        Run("t", 1, 5, [], {"rasa": 1.0, "client": 5.0, "machine busy": 9.0}, 5, 10),
        Run("t", 2, 5, [], {"rasa": 3.0, "gateway": 0.4}, 5, 30),
    ]
    assert load.stack_cpu_ms(runs) == {"rasa": pytest.approx(100.0), "gateway": pytest.approx(10.0)}
    assert load.stack_cpu_ms([]) == {}
