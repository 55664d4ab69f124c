"""Load: many conversations at once, through the gateway and to bare Rasa, side by side in one run.

Not a test: it prints medians, p95, turns a second and ratios for people to read and record.
Targets (the load issue): 100 concurrent conversations with 3-8 s of think time between turns
for 60 s (about 12-25 turns a second offered) with 0 errors and p95 under 300 ms through the
gateway, beside the same load sent to bare Rasa on the same model; then a ramp of concurrent
conversations with no think time until p95 passes 1 s, where Lantern's peak turns a second should
be at least 0.9 of bare Rasa's on the same machine. bench/rasa_configs.py measures bare Rasa's
peak in other configurations (Sanic workers, two processes).

The client is asyncio with httpx.AsyncClient, not locust. `uv pip install --dry-run locust` would
co-install (14 new packages, gevent and flask among them, no locked package changed), but it is
not in uv.lock, so `make bench` (`uv sync --frozen` first) would remove it again; httpx is locked
already. One asyncio process is also lighter on a 2-core machine than locust's gevent workers and
its web UI, and the ramp's stopping rule and the side-by-side ratios are ours to write either way.
The client's own CPU per turn is printed beside the stack's, to show it is not what limits.

What is counted, per turn: its latency (from sending the request to the parsed reply), and an
error for a non-2xx answer, a timeout or broken connection, a reply without messages, or, through
the gateway, a reply that is only the static safety message (the gateway's answer when Rasa fails:
a 200 for the person, a failed turn here). Medians and p95 are over every turn, failed ones at the
time they took to fail; turns a second count only turns that succeeded. Each conversation is a
fresh session: "hello", 2 to 6 turns drawn from ordinary questions and longer survivor-style
messages (no danger words: the guard's cost is inside every turn anyway, and danger answers are
measured elsewhere), then "thanks". Both targets play the same scripts (texts and think times from
the same seeds).

The ramp's targets take turns at each level, in slices (4 x 5 s each, after 2 s to settle), so a
shared machine's drifting load falls on both alike. Beside every figure: the CPU each process of
the stack spent a turn, how many cores Rasa and the gateway kept busy, and how much CPU the
machine's other work took meanwhile; "stack CPU a turn" (the stack's processes only) is the figure
least moved by other work on the machine.

`uv run python -m bench.load --quick` runs a short version (10 s and 20 conversations; one slice a
ramp level); the default runs the issue's figures; `--no-configs` leaves out bench/rasa_configs.py.
Both start the real stack (BackgroundStack), which lifts the per-address webchat limit
(CHAT_RATE_LIMIT), since every conversation here comes from one loopback address.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx

# Ordinary turns (as bench/__main__.py's TEXTS), and longer messages of the kind people write.
QUESTIONS = ["what is domestic abuse", "is this abuse", "/ask_helpline"]
LONGER = [
    "my partner checks my phone every night and gets angry if I text my sister",
    "he takes all my wages and I have to ask him for money for the bus",
    "I am not sure if what happens at home is normal, he puts me down in front of the kids",
    "my friend says her boyfriend will not let her see anyone, how can I help her",
    "can I talk to someone in the evening after work, I do not want him to know",
]
MIDDLE = QUESTIONS + LONGER

STEADY_P95_MS = 300.0  # the bar for the steady load
RAMP_P95_MS = 1000.0  # the ramp stops a target at the first level past this
PEAK_RATIO = 0.9  # Lantern's peak over bare Rasa's, at least
LEVELS = (1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128)
TIMEOUT = 30.0  # the client's; the gateway gives up on Rasa after 10 s (RASA_TIMEOUT_SECONDS)
NAMES = {"gateway": "gateway /api/chat", "rasa": "bare Rasa REST"}


# --- what a conversation says -------------------------------------------------------------------


def conversation(rng: random.Random) -> list[str]:
    """One conversation's turns: a greeting, 2 to 6 questions or messages, thanks."""
    return ["hello", *(rng.choice(MIDDLE) for _ in range(rng.randint(2, 6))), "thanks"]


def _session() -> str:
    # Fresh every time, also across runs on the same stack: a tracker is never continued.
    return secrets.token_urlsafe(18)


# --- figures ------------------------------------------------------------------------------------


def p95(values: Sequence[float]) -> float:
    """statistics.quantiles, n=20, exclusive: every p95 `make bench` prints; nan if none."""
    if not values:
        return math.nan
    if len(values) == 1:
        return float(values[0])
    return statistics.quantiles(values, n=20)[-1]


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else math.nan


@dataclass(frozen=True)
class Turn:
    start: float  # seconds since its run began
    ms: float
    error: str | None = None  # None: a usable reply

    @property
    def end(self) -> float:
        return self.start + self.ms / 1000


@dataclass
class Run:
    """The turns of one target under one load, over a window of `seconds`."""

    target: str
    conversations: int
    seconds: float
    turns: list[Turn]
    # CPU seconds by process group over `cpu_wall` seconds in which `cpu_turns` turns succeeded
    # (a ramp level's settling time included), and the machine's busy seconds ("machine busy").
    cpu: dict[str, float] = field(default_factory=dict)
    cpu_wall: float = 0.0
    cpu_turns: int = 0

    def cores(self, group: str) -> float:
        """How many cores a process group kept busy on average (CPU seconds over wall time)."""
        return self.cpu.get(group, 0.0) / self.cpu_wall if self.cpu_wall else math.nan

    @property
    def ok(self) -> list[Turn]:
        return [t for t in self.turns if t.error is None]

    @property
    def errors(self) -> Counter[str]:
        return Counter(t.error for t in self.turns if t.error is not None)

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    @property
    def turns_per_second(self) -> float:
        return len(self.ok) / self.seconds if self.seconds > 0 else math.nan

    @property
    def median_ms(self) -> float:
        return median([t.ms for t in self.turns])

    @property
    def p95_ms(self) -> float:
        return p95([t.ms for t in self.turns])

    def window(self, start: float, end: float) -> Run:
        """The turns that ended inside [start, end]: a level's figures without its ramp-up."""
        inside = [t for t in self.turns if start <= t.end <= end]
        return Run(
            self.target, self.conversations, end - start, inside,
            self.cpu, self.cpu_wall, self.cpu_turns,
        )  # fmt: skip


def combine(runs: Sequence[Run]) -> Run:
    """Slices of one level played at different moments, as one run: their turns, windows and
    CPU added up."""
    cpu: Counter[str] = Counter()
    for run in runs:
        cpu.update(run.cpu)
    return Run(
        runs[0].target,
        runs[0].conversations,
        sum(r.seconds for r in runs),
        [t for r in runs for t in r.turns],
        dict(cpu),
        sum(r.cpu_wall for r in runs),
        sum(r.cpu_turns for r in runs),
    )


def stack_cpu_ms(runs: Iterable[Run]) -> dict[str, float]:
    """CPU milliseconds a successful turn by process group, over several runs, the client's and
    the rest of the machine's left out: what a turn costs the stack, whatever else was running."""
    cpu: Counter[str] = Counter()
    turns = 0
    for run in runs:
        cpu.update({k: v for k, v in run.cpu.items() if k not in ("client", "machine busy")})
        turns += run.cpu_turns
    return {k: 1000 * v / turns for k, v in cpu.items()} if turns else {}


def verdict(kind: str, status: int, body: object, fallback: str | None = None) -> str | None:
    """Why a reply counts as a failed turn, or None if it is a usable one."""
    if not 200 <= status < 300:
        return f"http {status}"
    messages = body.get("messages") if kind == "gateway" and isinstance(body, dict) else body
    if not isinstance(messages, list) or not messages:
        return "no messages"
    if kind == "gateway" and fallback is not None:
        texts = [m.get("text") if isinstance(m, dict) else None for m in messages]
        if texts == [fallback]:
            return "static safety message"
    return None


def peak(runs: Iterable[Run], limit_ms: float = RAMP_P95_MS) -> Run | None:
    """The level with the most turns a second among those with p95 within the limit, no errors."""
    fit = [r for r in runs if r.ok and r.error_count == 0 and r.p95_ms <= limit_ms]
    return max(fit, key=lambda r: r.turns_per_second, default=None)


def passed(run: Run, limit_ms: float = RAMP_P95_MS) -> bool:
    """Whether a ramp stops here: p95 past the limit, or more than 1 turn in 100 failed."""
    return not run.turns or run.p95_ms > limit_ms or run.error_count > 0.01 * len(run.turns)


def summary(name: str, run: Run) -> str:
    return (
        f"  {name:<22} median {run.median_ms:7.1f} ms   p95 {run.p95_ms:7.1f} ms   "
        f"n={len(run.turns):<5} {run.turns_per_second:6.1f} turns/s   errors {_errors(run)}"
    )


def _errors(run: Run) -> str:
    if not run.error_count:
        return "0"
    kinds = ", ".join(f"{k} {n}" for k, n in run.errors.most_common())
    return f"{run.error_count} ({kinds})"


# --- where turns go -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """Where a turn goes: the gateway's /api/chat, or Rasa's REST channel on one or more Rasa
    servers (a conversation stays on one of them, as a session would behind a balancer)."""

    name: str
    kind: str  # "gateway" or "rasa"
    urls: tuple[str, ...]
    headers: dict[str, str] = field(default_factory=dict)
    fallback: str | None = None  # the gateway's static safety message

    def request(self, conversation: int, session: str, text: str) -> tuple[str, dict]:
        base = self.urls[conversation % len(self.urls)]
        if self.kind == "gateway":
            return f"{base}/api/chat", {"session": session, "text": text}
        return f"{base}/webhooks/rest/webhook", {"sender": f"bench_{session}", "message": text}


def channel_headers(var_dir: Path) -> dict[str, str]:
    """Rasa's channel answers only the gateway's token (lantern/internal_auth.py)."""
    from lantern.internal_auth import CHANNEL_TOKEN_HEADER
    from lantern.settings import Settings

    return {CHANNEL_TOKEN_HEADER: Settings(var_dir=var_dir).secret("channel_token")}


def target(stack, kind: str) -> Target:
    """The gateway or bare Rasa of a started BackgroundStack."""
    if kind == "gateway":
        from api.safety import static_message

        return Target(NAMES[kind], kind, (stack.url,), fallback=static_message().text)
    if kind == "rasa":
        return Target(NAMES[kind], kind, (stack.rasa_url,), channel_headers(stack.var_dir))
    raise ValueError(f"target is 'gateway' or 'rasa', not {kind!r}")


def rasa_target(name: str, urls: Sequence[str], var_dir: Path) -> Target:
    return Target(name, "rasa", tuple(urls), channel_headers(var_dir))


# --- where the CPU goes -------------------------------------------------------------------------


def process_kind(cmdline: Sequence[str]) -> str | None:
    line = " ".join(cmdline)
    for needle, group in (
        ("uvicorn", "gateway"),
        ("rasa_server", "rasa"),
        ("action_server", "actions"),
        ("redis", "redis"),
        ("lantern.cli", "launcher"),
    ):
        if needle in line:
            return group
    return None


class CpuMeter:
    """CPU seconds by process group (gateway, rasa, actions, redis, launcher, client) and for the
    whole machine: where a turn's CPU goes, and how busy the shared machine was besides."""

    def __init__(self, roots: Callable[[], Iterable[int]]) -> None:
        self.roots = roots

    def read(self) -> dict[str, float]:
        import psutil

        procs: dict[int, psutil.Process] = {}
        for root in self.roots():
            try:
                proc = psutil.Process(root)
                for p in [proc, *proc.children(recursive=True)]:
                    procs.setdefault(p.pid, p)
            except psutil.NoSuchProcess:
                continue
        named: dict[int, str | None] = {}
        parents: dict[int, int] = {}
        totals: Counter[str] = Counter()
        cpu: dict[int, float] = {}
        for pid, proc in procs.items():
            try:
                named[pid] = process_kind(proc.cmdline())
                parents[pid] = proc.ppid()
                times = proc.cpu_times()
                cpu[pid] = times.user + times.system
            except psutil.NoSuchProcess:
                continue
        for pid, seconds in cpu.items():
            # A worker forked or spawned by a named process counts as its parent's.
            at = pid
            while named.get(at) is None and at in parents:
                at = parents[at]
            totals[named.get(at) or "other"] += seconds
        me = psutil.Process().cpu_times()
        totals["client"] += me.user + me.system
        machine = psutil.cpu_times()
        busy = ("user", "nice", "system", "irq", "softirq", "steal")  # guest is inside user
        totals["machine busy"] = sum(getattr(machine, name, 0.0) for name in busy)
        return dict(totals)

    def quiet(self, cores: float = 0.15, timeout: float = 180.0) -> float:
        """Wait until the stack is idle (its processes together under `cores` for a second):
        a run that overloaded Rasa leaves turns queued there after the client or the gateway
        gave up on them, and they must not fall on the next run. The seconds waited."""
        started = time.monotonic()
        before = self.read()
        while time.monotonic() - started < timeout:
            time.sleep(1.0)
            after = self.read()
            busy = sum(
                v
                for k, v in self.since(before, after).items()
                if k not in ("client", "machine busy")
            )
            if busy < cores:
                break
            before = after
        return time.monotonic() - started

    @staticmethod
    def since(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
        return {k: after[k] - before.get(k, 0.0) for k in after}


def cpu_line(run: Run) -> str:
    """CPU milliseconds per successful turn by process, and the machine's other load."""
    if not run.cpu or not run.cpu_turns or not run.cpu_wall:
        return ""
    ours = {k: v for k, v in run.cpu.items() if k != "machine busy"}
    per_turn = ", ".join(
        f"{k} {1000 * v / run.cpu_turns:.1f}"
        for k, v in sorted(ours.items(), key=lambda kv: -kv[1])
    )
    cores = os.cpu_count() or 1
    other = max(run.cpu.get("machine busy", 0.0) - sum(ours.values()), 0.0)
    return (
        f"    CPU ms a turn: {per_turn}; other work on the machine "
        f"{100 * other / (run.cpu_wall * cores):.0f}% of {cores} cores"
    )


# --- the load -----------------------------------------------------------------------------------


def _client(connections: int) -> httpx.AsyncClient:
    # A connection per conversation, as browsers would have. Idle connections are dropped after
    # 2 s, before uvicorn's and Sanic's 5 s keep-alive ends: a request sent on a connection the
    # server is closing fails, and that would be the client's error, not the stack's.
    limits = httpx.Limits(
        max_connections=connections + 10,
        max_keepalive_connections=connections + 10,
        keepalive_expiry=2.0,
    )
    return httpx.AsyncClient(timeout=TIMEOUT, limits=limits)


async def _turn(
    client: httpx.AsyncClient, target: Target, index: int, session: str, text: str, t0: float
) -> Turn:
    url, body = target.request(index, session, text)
    started = time.perf_counter()
    try:
        response = await client.post(url, json=body, headers=target.headers)
        try:
            payload = response.json()
        except ValueError:
            payload = None
        error = verdict(target.kind, response.status_code, payload, target.fallback)
    except httpx.TimeoutException:
        error = "timeout"
    except httpx.HTTPError as exc:
        error = type(exc).__name__
    return Turn(started - t0, (time.perf_counter() - started) * 1000, error)


async def _play(
    target: Target,
    conversations: int,
    seconds: float,
    think: tuple[float, float] | None,
    seed: int,
) -> list[Turn]:
    """`conversations` at once, each a string of fresh sessions, until `seconds` have passed
    (turns under way then are awaited and kept). With think time, each starts at a random moment
    within the first think time, so they do not all arrive at once."""
    turns: list[Turn] = []
    async with _client(conversations) as client:
        t0 = time.perf_counter()
        deadline = t0 + seconds

        async def pause(rng: random.Random, low: float, high: float) -> None:
            await asyncio.sleep(
                max(0.0, min(rng.uniform(low, high), deadline - time.perf_counter()))
            )

        async def one(index: int) -> None:
            rng = random.Random(f"{seed}-{index}")  # the same script for every target
            if think:
                await pause(rng, 0.0, think[1])
            while time.perf_counter() < deadline:
                session = _session()
                for text in conversation(rng):
                    if time.perf_counter() >= deadline:
                        return
                    turns.append(await _turn(client, target, index, session, text, t0))
                    if think:
                        await pause(rng, *think)

        await asyncio.gather(*(one(i) for i in range(conversations)))
    return turns


def _measured(
    target: Target,
    conversations: int,
    seconds: float,
    think: tuple[float, float] | None,
    seed: int,
    meter: CpuMeter | None,
) -> Run:
    if meter:
        meter.quiet()
    before = meter.read() if meter else {}
    started = time.perf_counter()
    turns = asyncio.run(_play(target, conversations, seconds, think, seed))
    run = Run(target.name, conversations, seconds, turns)
    if meter:
        run.cpu = CpuMeter.since(before, meter.read())
        run.cpu_wall = time.perf_counter() - started
        run.cpu_turns = len(run.ok)
    return run


def steady(
    target: Target,
    conversations: int = 100,
    think: tuple[float, float] = (3.0, 8.0),
    seconds: float = 60.0,
    seed: int = 1,
    meter: CpuMeter | None = None,
) -> Run:
    """The issue's steady load on one target: every turn started in `seconds`."""
    return _measured(target, conversations, seconds, think, seed, meter)


def level(
    target: Target,
    conversations: int,
    seconds: float = 20.0,
    settle: float = 3.0,
    seed: int = 1,
    meter: CpuMeter | None = None,
) -> Run:
    """`conversations` at once with no think time (each sends its next turn when the last is
    answered); figures from the turns that ended in the `seconds` after `settle`."""
    run = _measured(target, conversations, settle + seconds, None, seed, meter)
    return run.window(settle, settle + seconds)


def ramp(
    targets: Target | Sequence[Target],
    levels: Sequence[int] = LEVELS,
    seconds: float = 20.0,
    settle: float = 3.0,
    limit_ms: float = RAMP_P95_MS,
    seed: int = 1,
    meter: CpuMeter | None = None,
    show: bool = True,
    slices: int = 1,
) -> dict[str, list[Run]]:
    """More conversations at once, level by level, until each target's p95 passes `limit_ms`.
    Several targets take turns at each level, in `slices` turns of `seconds` each (each after
    `settle` seconds), the first to go changing every time, so drift in a shared machine's load
    falls on all of them alike."""
    targets = [targets] if isinstance(targets, Target) else list(targets)
    runs: dict[str, list[Run]] = {t.name: [] for t in targets}
    going = list(targets)
    width = 42
    if show:
        print("  " + "conversations".ljust(15) + "".join(f"{t.name:>{width}}" for t in targets))
        if meter:
            print(
                f"  (rasa, gw: cores the Rasa server(s) and the gateway kept busy, of "
                f"{os.cpu_count()})"
            )
    for step, n in enumerate(levels):
        if not going:
            break
        played: dict[str, list[Run]] = {t.name: [] for t in going}
        for k in range(slices):
            shift = (step * slices + k) % len(going)
            for t in going[shift:] + going[:shift]:
                played[t.name].append(level(t, n, seconds, settle, seed * 1000 + k, meter))
        for name, parts in played.items():
            runs[name].append(combine(parts))
        if show:
            cells = []
            for t in targets:
                run = next((r for r in runs[t.name] if r.conversations == n), None)
                cells.append(_cell(run) if run else "")
            print(f"  {n:<15}" + "".join(f"{c:>{width}}" for c in cells), flush=True)
        going = [t for t in going if not passed(runs[t.name][-1], limit_ms)]
    return runs


def _cell(run: Run) -> str:
    cell = f"{run.turns_per_second:6.1f}/s p95 {run.p95_ms:6.0f} ms"
    if run.cpu:
        cell += f" rasa {run.cores('rasa'):.2f} gw {run.cores('gateway'):.2f}"
    return cell + (f" e{run.error_count}" if run.error_count else "")


# --- the report ---------------------------------------------------------------------------------


def warm_up(targets: Sequence[Target]) -> None:
    """A few conversations each first: the first turns load lazy parts of Rasa's graph."""
    for t in targets:
        asyncio.run(_play(t, conversations=2, seconds=3.0, think=None, seed=99))


def report_steady(gateway: Run, rasa: Run, think: tuple[float, float]) -> dict[str, float]:
    offered = gateway.conversations / (sum(think) / 2)
    print(
        f"Steady load: {gateway.conversations} conversations, think time {think[0]:g}-{think[1]:g}"
        f" s (about {offered:.0f} turns/s offered), {gateway.seconds:.0f} s each: the gateway,"
        f" then bare Rasa, in one run"
    )
    for run in (gateway, rasa):
        print(summary(run.target, run))
        if line := cpu_line(run):
            print(line)
    ratio = gateway.median_ms / rasa.median_ms
    print(
        f"  ratio of medians       {ratio:.2f};  of p95s {gateway.p95_ms / rasa.p95_ms:.2f};  "
        f"of turns/s {gateway.turns_per_second / rasa.turns_per_second:.2f}"
    )
    through, bare = stack_cpu_ms([gateway]), stack_cpu_ms([rasa])
    if through and bare:
        print(
            f"  stack CPU a turn       through the gateway {sum(through.values()):.0f} ms (Rasa "
            f"{through.get('rasa', 0):.0f}, gateway {through.get('gateway', 0):.1f}), bare "
            f"{sum(bare.values()):.0f} ms (Rasa {bare.get('rasa', 0):.0f})"
        )
    met = gateway.p95_ms < STEADY_P95_MS and gateway.error_count == 0
    print(
        f"  gateway p95            {gateway.p95_ms:.1f} ms, errors {gateway.error_count}  "
        f"(target: p95 < {STEADY_P95_MS:.0f} ms, 0 errors): {'met' if met else 'NOT met'}"
    )
    return {
        "steady_gateway_p95": gateway.p95_ms,
        "steady_gateway_median": gateway.median_ms,
        "steady_gateway_errors": gateway.error_count,
        "steady_gateway_turns_per_second": gateway.turns_per_second,
        "steady_rasa_p95": rasa.p95_ms,
        "steady_rasa_median": rasa.median_ms,
        "steady_rasa_errors": rasa.error_count,
        "steady_rasa_turns_per_second": rasa.turns_per_second,
    }


def report_peaks(runs: dict[str, list[Run]], limit_ms: float = RAMP_P95_MS) -> dict[str, float]:
    peaks: dict[str, float] = {}
    for name, levels in runs.items():
        best = peak(levels, limit_ms)
        most = max((r.turns_per_second for r in levels), default=math.nan)
        if best is None:
            print(f"  peak {name:<22} none within p95 {limit_ms:.0f} ms (most {most:.1f} turns/s)")
            peaks[name] = math.nan
            continue
        peaks[name] = best.turns_per_second
        print(
            f"  peak {name:<22} {best.turns_per_second:6.1f} turns/s at {best.conversations} "
            f"conversations (p95 {best.p95_ms:.0f} ms; most at any level {most:.1f})"
        )
        if line := cpu_line(best):
            print(line)
    return peaks


def run(stack, quick: bool = False, configs: bool = True) -> dict[str, float]:
    """Everything, on a started BackgroundStack (for bench/__main__.py and main below)."""
    meter = CpuMeter(stack.pids)
    gateway, rasa = target(stack, "gateway"), target(stack, "rasa")
    warm_up([gateway, rasa])
    print(
        f"Load (bench/load.py) on {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} "
        f"at the start; each figure shows the CPU the machine's other work took meanwhile"
    )
    conversations, seconds = (20, 10.0) if quick else (100, 60.0)
    think = (3.0, 8.0)
    figures = report_steady(
        steady(gateway, conversations, think, seconds, meter=meter),
        steady(rasa, conversations, think, seconds, meter=meter),
        think,
    )
    level_seconds, settle, slices = (5.0, 2.0, 1) if quick else (5.0, 2.0, 4)
    print(
        f"Ramp: conversations at once with no think time, until p95 passes {RAMP_P95_MS:.0f} ms;"
        f" at each level the targets take turns, {slices} x {level_seconds:.0f} s each (each "
        f"after {settle:.0f} s to settle)"
    )
    runs = ramp([gateway, rasa], seconds=level_seconds, settle=settle, meter=meter, slices=slices)
    peaks = report_peaks(runs)
    ratio = peaks[gateway.name] / peaks[rasa.name]
    verdict_ = "met" if ratio >= PEAK_RATIO else "NOT met"
    print(f"  ratio of peaks         {ratio:.2f}  (target >= {PEAK_RATIO}): {verdict_}")
    through, bare = stack_cpu_ms(runs[gateway.name]), stack_cpu_ms(runs[rasa.name])
    if through and bare:
        print(
            f"  stack CPU a turn, every ramp level: through the gateway {sum(through.values()):.0f}"
            f" ms (Rasa {through.get('rasa', 0):.0f}, gateway {through.get('gateway', 0):.1f}),"
            f" bare {sum(bare.values()):.0f} ms (Rasa {bare.get('rasa', 0):.0f}); "
            f"bare / through {sum(bare.values()) / sum(through.values()):.2f}"
        )
    figures |= {
        "peak_gateway": peaks[gateway.name],
        "peak_rasa": peaks[rasa.name],
        "peak_ratio": ratio,
    }
    if configs:
        from bench import rasa_configs

        figures |= rasa_configs.run(
            stack, runs[rasa.name], seconds=level_seconds, settle=settle, slices=slices
        )
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help="10 s, 20 conversations, one 5 s slice a level"
    )
    parser.add_argument(
        "--no-configs", action="store_true", help="skip bare Rasa's other configurations"
    )
    args = parser.parse_args()
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    from harness.background import BackgroundStack

    with tempfile.TemporaryDirectory() as var_dir:
        with BackgroundStack(Path(var_dir)) as stack:
            run(stack, quick=args.quick, configs=not args.no_configs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
