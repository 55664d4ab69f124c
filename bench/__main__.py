"""`make bench`: latency, memory and training time, measured side by side in one run.

Not a test: it prints medians, p95 and ratios for people to read and record in the README.
Targets (issue 3): gateway/Rasa ratio <= 1.5, gateway p95 <= 150 ms for sequential turns,
stack resident memory < 2 GB, training < 5 minutes. Issue 4: macro intent F1 and who-it's-for
accuracy >= 0.90 on the held-out set (tests/data/nlu_heldout). Issue 5: the directory with
10,000 services loads in under 1 s and searches with p95 under 2 ms (bench/directory.py).
Issue 6: the SMS webhook answers with p95 under 300 ms end to end, beside the webchat figures.
Issue 16: the anonymiser's texts a second, the themes' held-out F1, the leads' dashboard with
10,000 records (bench/dashboard.py). Issue 17: load through the gateway beside bare Rasa, steady and
ramped, and bare Rasa's other configurations (bench/load.py, bench/rasa_configs.py).
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from twilio.request_validator import RequestValidator

from bench.load import p95
from harness.background import BackgroundStack
from lantern.internal_auth import CHANNEL_TOKEN_HEADER
from lantern.settings import PROJECT_ROOT, Settings
from lantern.training import rasa_env

# Ordinary turns of the kinds people send; danger turns are left out so the numbers show the
# common path (the guard's cost is inside every turn anyway).
TEXTS = ["hello", "what is domestic abuse", "is this abuse", "/ask_helpline", "thanks"]
# The stack under measurement checks SMS signatures with this; the bench signs as Twilio would.
TWILIO_TOKEN = "bench-token-not-a-secret"


def _summary(name: str, values: list[float]) -> str:
    return (
        f"  {name:<22} median {statistics.median(values):7.1f} ms   "
        f"p95 {p95(values):7.1f} ms   n={len(values)}"
    )


def _sms(client: httpx.Client, stack: BackgroundStack, number: str, body: str) -> None:
    url = f"{stack.url}/sms/twilio"
    params = {"From": number, "To": "+447700900999", "Body": body}
    signature = RequestValidator(TWILIO_TOKEN).compute_signature(url, params)
    client.post(url, data=params, headers={"X-Twilio-Signature": signature}).raise_for_status()


def _measure(stack: BackgroundStack, rounds: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"gateway": [], "rasa": [], "sms": []}
    kinds = ("gateway", "rasa", "sms")
    # Rasa's channel answers only the gateway's token (lantern/internal_auth.py).
    channel = {CHANNEL_TOKEN_HEADER: Settings(var_dir=stack.var_dir).secret("channel_token")}
    with httpx.Client(timeout=30) as client:
        for i in range(rounds):
            text = TEXTS[i % len(TEXTS)]
            session = secrets.token_urlsafe(18)
            number = f"+4477009{i % 100000:05d}"  # Ofcom's drama range
            # Rotate which goes first so none gains from a warm cache.
            for kind in kinds[i % 3 :] + kinds[: i % 3]:
                started = time.perf_counter()
                if kind == "gateway":
                    client.post(
                        f"{stack.url}/api/chat", json={"session": session, "text": text}
                    ).raise_for_status()
                elif kind == "rasa":
                    client.post(
                        f"{stack.rasa_url}/webhooks/rest/webhook",
                        json={"sender": f"bench_{session}", "message": text},
                        headers=channel,
                    ).raise_for_status()
                else:
                    # A number's first text: a full assistant turn, then the safety question.
                    _sms(client, stack, number, text)
                times[kind].append((time.perf_counter() - started) * 1000)
    return times


def latency(stack: BackgroundStack, rounds: int) -> dict[str, float]:
    times = _measure(stack, rounds)
    gateway, rasa, sms = times["gateway"], times["rasa"], times["sms"]
    print("Turn latency (sequential, rotated in one run)")
    print(_summary("gateway /api/chat", gateway))
    print(_summary("bare Rasa REST", rasa))
    print(_summary("SMS /sms/twilio", sms))
    ratio = statistics.median(gateway) / statistics.median(rasa)
    print(f"  ratio of medians       {ratio:.2f}  (target <= 1.5)")
    print(f"  gateway p95            {p95(gateway):.1f} ms  (target <= 150 ms)")
    print(
        f"  SMS p95                {p95(sms):.1f} ms  (target <= 300 ms); SMS / webchat "
        f"medians {statistics.median(sms) / statistics.median(gateway):.2f}"
    )
    return {"ratio": ratio, "gateway_p95": p95(gateway), "sms_p95": p95(sms)}


def memory(stack: BackgroundStack) -> float:
    import psutil

    total = 0
    for pid in stack.pids():
        try:
            total += psutil.Process(pid).memory_info().rss
        except psutil.NoSuchProcess:
            pass
    gib = total / 2**30
    print(f"Stack resident memory    {gib:.2f} GiB  (target < 2 GB)")
    return gib


def training_time() -> float:
    with tempfile.TemporaryDirectory() as out:
        # An empty cache: Rasa would otherwise reuse every unchanged component and time nothing.
        env = rasa_env() | {"RASA_CACHE_DIRECTORY": str(Path(out) / "cache")}
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "rasa", "train", "--config", "config.yml",
             "--domain", "bot/domain", "--data", "data", "--out", out, "--quiet"],
            cwd=PROJECT_ROOT, env=env, check=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        seconds = time.perf_counter() - started
    print(f"Model training, no cache {seconds:.0f} s  (target < 300 s)")
    return seconds


def nlu_quality() -> None:
    from harness.quality import evaluate
    from lantern.settings import get_settings
    from lantern.training import model_path

    with tempfile.TemporaryDirectory() as out:
        quality = evaluate(model_path(get_settings().models_dir), Path(out))
    print(f"NLU on held-out data     macro intent F1 {quality.macro_f1:.3f}  (target >= 0.90)")
    print(
        f"  who it's for           accuracy {quality.role_accuracy:.3f} on "
        f"{quality.role_examples} messages  (target >= 0.90)"
    )
    weakest = sorted(quality.f1_by_intent.items(), key=lambda kv: kv[1])[:5]
    print("  weakest intents        " + ", ".join(f"{k} {v:.2f}" for k, v in weakest))
    print(f"  held-out messages      {quality.examples}")


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--skip-training", action="store_true", help="skip the training timing")
    parser.add_argument("--only-nlu", action="store_true", help="only the held-out NLU figures")
    parser.add_argument("--only-directory", action="store_true", help="only the directory")
    parser.add_argument(
        "--only-anonymiser",
        action="store_true",
        help="only the feedback figures: the anonymiser, the themes and the leads' dashboard",
    )
    parser.add_argument(
        "--load",
        choices=("full", "quick", "none"),
        default="full",
        help="the load runs (bench/load.py): the issue's figures (about 23 min), a short version, "
        "or none",
    )
    parser.add_argument("--only-load", action="store_true", help="only the load runs")
    args = parser.parse_args()
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    from bench import anonymiser, dashboard, directory, load

    if args.only_load:
        with tempfile.TemporaryDirectory() as var_dir, BackgroundStack(Path(var_dir)) as stack:
            load.run(stack, quick=args.load == "quick")
        return 0

    anonymiser.run()
    from harness.themes_quality import HELDOUT_SETS, compare, report

    for label, path in HELDOUT_SETS.items():
        print(f"Feedback themes on held-out {label} (macro F1 target >= 0.75)")
        print(report(compare(path)))
    dashboard.run()
    if args.only_anonymiser:
        return 0
    directory.run()
    if args.only_directory:
        return 0
    nlu_quality()
    if args.only_nlu:
        return 0
    with tempfile.TemporaryDirectory() as var_dir:
        with BackgroundStack(Path(var_dir), extra_env={"TWILIO_AUTH_TOKEN": TWILIO_TOKEN}) as stack:
            _measure(stack, rounds=10)  # warm-up: first turns load lazy parts of the graph
            latency(stack, args.rounds)
            memory(stack)
            if args.load != "none":
                load.run(stack, quick=args.load == "quick")
    if not args.skip_training:
        training_time()
    return 0


if __name__ == "__main__":
    sys.exit(main())
