"""Lantern as several processes of each kind on this machine, for the fault and scale-out tests.

`lantern run` starts one of each process behind honcho (harness/background.py starts that). A
partnership that outgrows one machine runs replicas instead: gateways behind a load balancer,
Rasa servers sharing Redis's tracker and lock stores, action servers, one Redis, PostgreSQL for
feedback. This starts exactly that from the same process list (`lantern.stack.processes`), with
nothing changed in any of them but addresses, so the tests show the code runs that way as it is.

In front of each Rasa and action server sits a FaultProxy (harness/fault_proxy.py) that a test
can make hang or refuse; with more than one replica of each, nginx (Debian's, a real load
balancer) spreads the work over them.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

import httpx

from harness.background import StackFailed, free_port, tail
from harness.fault_proxy import FaultProxy
from lantern.settings import PROJECT_ROOT, Settings
from lantern.stack import ProcessSpec, processes

# Made once and read by every process from the shared VAR_DIR, before any of them starts: two
# processes generating one at the same moment would each keep a different one.
SHARED_SECRETS = ("rasa_token", "channel_token", "actions_token", "pseudonym_key", "feedback_key")


@dataclass
class Replica:
    kind: str
    index: int
    port: int
    process: subprocess.Popen | None = None

    @property
    def name(self) -> str:
        return f"{self.kind}{self.index}"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Cluster:
    var_dir: Path
    redis_url: str
    database_url: str
    replicas: int = 1  # of each of gateway, rasa and actions
    extra_env: dict[str, str] = field(default_factory=dict)
    start_timeout: float = 300
    members: list[Replica] = field(default_factory=list)
    # In front of each Rasa and action server, in the order of `of(kind)`: a test switches them.
    proxies: dict[str, list[FaultProxy]] = field(default_factory=dict)
    nginx: subprocess.Popen | None = None
    fronts: dict[str, int] = field(default_factory=dict)  # kind -> the port others use

    @property
    def url(self) -> str:
        """Where people's browsers and Twilio reach Lantern."""
        return f"http://127.0.0.1:{self.fronts['gateway']}"

    def of(self, kind: str) -> list[Replica]:
        return [m for m in self.members if m.kind == kind]

    # ----- starting -----

    def start(self) -> Cluster:
        from lantern import training
        from lantern.cli import prepare_feedback

        self.var_dir.mkdir(parents=True, exist_ok=True)
        for kind in ("gateway", "rasa", "actions"):
            for index in range(1, self.replicas + 1):
                self.members.append(Replica(kind, index, free_port()))
        self.proxies = {
            kind: [FaultProxy(member.port) for member in self.of(kind)]
            for kind in ("rasa", "actions")
        }
        if self.replicas == 1:
            self.fronts = {
                "gateway": self.of("gateway")[0].port,
                "rasa": self.proxies["rasa"][0].port,
                "actions": self.proxies["actions"][0].port,
            }
        else:
            self.fronts = {kind: free_port() for kind in ("gateway", "rasa", "actions")}
            self._start_nginx()
        settings = self._settings()
        for name in SHARED_SECRETS:
            settings.secret(name)
        prepare_feedback(settings)  # migrations, once, as `lantern run` does
        model = training.model_path(settings.models_dir)
        if not model.exists():
            raise StackFailed(f"{model.name} is not trained; run `make train` first")
        for member in self.members:
            self._launch(member, model)
        self._wait_ready()
        return self

    def _settings(self, **changes) -> Settings:
        """The settings a process started with `_environment()` reads, with `changes`."""
        with mock.patch.dict(os.environ, self._environment(), clear=True):
            return Settings(**changes)

    def _environment(self) -> dict[str, str]:
        """What every process reads its settings from, as `lantern run`'s environment."""
        return (
            {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
            | {
                "VAR_DIR": str(self.var_dir),
                "CACHE_DIR": str(PROJECT_ROOT / "var" / "cache"),
                "REDIS_URL": self.redis_url,
                "DATABASE_URL": self.database_url,
                "RASA_URL": f"http://127.0.0.1:{self.fronts['rasa']}",
                "ACTIONS_URL": f"http://127.0.0.1:{self.fronts['actions']}",
                "HOST": "127.0.0.1",
                # Twilio signs the address it was given: the load balancer's, not a replica's.
                "PUBLIC_BASE_URL": f"http://127.0.0.1:{self.fronts['gateway']}",
                # All test traffic comes from one loopback address (harness/background.py says why).
                "CHAT_RATE_LIMIT": "1000000",
            }
            | self.extra_env
        )

    def _spec(self, member: Replica, model: Path) -> ProcessSpec:
        # Each process as `lantern run` would start it, told its own port; the others reach it
        # through the front (nginx or a proxy).
        own = {"gateway": "port", "rasa": "rasa_url", "actions": "actions_url"}[member.kind]
        value = member.port if own == "port" else member.url
        (spec,) = [
            s for s in processes(self._settings(**{own: value}), model) if s.name == member.kind
        ]
        return spec

    def _launch(self, member: Replica, model: Path) -> None:
        spec = self._spec(member, model)
        env = spec.env | self._environment()
        if member.kind == "gateway":
            env["PORT"] = str(member.port)
        log = (self.var_dir / f"{member.name}.log").open("ab")
        member.process = subprocess.Popen(
            spec.argv, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip

    def _wait_ready(self) -> None:
        token = self._settings().secret("rasa_token")
        checks = [f"{m.url}/status?token={token}" for m in self.of("rasa")]
        checks += [f"{m.url}/health" for m in self.of("actions")]
        checks += [f"{m.url}/healthz" for m in self.of("gateway")]
        deadline = time.monotonic() + self.start_timeout
        while checks and time.monotonic() < deadline:
            for member in self.members:
                if member.process is not None and member.process.poll() is not None:
                    self.stop()
                    raise StackFailed(f"{member.name} exited early:\n{self.tail(member)}")
            for url in list(checks):
                try:
                    response = httpx.get(url, timeout=2)
                    if response.status_code == 200 and (
                        "/status" not in url or response.json().get("model_id")
                    ):
                        checks.remove(url)
                except httpx.HTTPError:
                    pass
            time.sleep(1)
        if checks:
            self.stop()
            raise StackFailed(f"not ready after {self.start_timeout:.0f}s: {checks}")

    # ----- the load balancer -----

    def _start_nginx(self) -> None:
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(binary).exists():
            raise StackFailed("nginx is not installed (make test installs it)")
        folder = self.var_dir / "nginx"
        folder.mkdir(parents=True, exist_ok=True)
        config = folder / "nginx.conf"
        config.write_text(self._nginx_config(folder))
        self.nginx = subprocess.Popen(
            [binary, "-c", str(config), "-p", str(folder)],
            stdout=subprocess.DEVNULL, stderr=(folder / "error.log").open("ab"),
            start_new_session=True,
        )  # fmt: skip

    def _nginx_config(self, folder: Path) -> str:
        blocks = []
        for kind, port in self.fronts.items():
            ports = (
                [m.port for m in self.of(kind)]
                if kind == "gateway"
                else [proxy.port for proxy in self.proxies[kind]]
            )
            servers = "\n".join(
                # A replica that refuses a connection is left alone for a few seconds; the
                # request goes to the next (never a request already sent: POSTs are not retried).
                f"    server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;"
                for p in ports
            )
            blocks.append(
                f"  upstream {kind}s {{\n{servers}\n    keepalive 32;\n  }}\n"
                f"  server {{\n    listen 127.0.0.1:{port};\n"
                f"    location / {{\n      proxy_pass http://{kind}s;\n"
                '      proxy_http_version 1.1;\n      proxy_set_header Connection "";\n'
                "      proxy_set_header Host $host;\n"
                "      proxy_set_header X-Forwarded-For $remote_addr;\n"
                "      proxy_next_upstream error timeout;\n"
                "      proxy_connect_timeout 1s;\n      proxy_read_timeout 30s;\n"
                "    }\n  }\n"
            )
        user = "user root;\n" if os.geteuid() == 0 else ""
        temp = "\n".join(
            f"  {name}_temp_path {folder / name};"
            for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        return (
            f"{user}daemon off;\nworker_processes 1;\npid {folder / 'nginx.pid'};\n"
            f"error_log {folder / 'error.log'} warn;\nevents {{ worker_connections 1024; }}\n"
            # No access log: it would hold client addresses, which Lantern never keeps.
            f"http {{\n  access_log off;\n{temp}\n" + "".join(blocks) + "}\n"
        )

    # ----- faults -----

    def set(self, kind: str, mode: str) -> None:
        """Every replica of `kind` ("rasa" or "actions") passes, hangs or is down."""
        for proxy in self.proxies[kind]:
            proxy.set(mode)

    def kill(self, member: Replica, sig: int = signal.SIGKILL) -> None:
        if member.process is not None and member.process.poll() is None:
            os.killpg(member.process.pid, sig)
            member.process.wait(30)
        if member.kind in self.proxies:
            # A dead process refuses connections. Its proxy, still listening, would instead
            # accept and then close them, which nginx cannot tell from a request lost mid-way
            # and so may not send to the other replica.
            self.proxies[member.kind][member.index - 1].set("down")

    def tail(self, member: Replica, chars: int = 3000) -> str:
        return tail(self.var_dir / f"{member.name}.log", chars)

    def logs(self) -> str:
        return "\n".join(self.tail(m, 10**9) for m in self.members)

    def stop(self) -> None:
        for member in self.members:
            if member.process is not None and member.process.poll() is None:
                os.killpg(member.process.pid, signal.SIGTERM)
        for member in self.members:
            if member.process is not None:
                try:
                    member.process.wait(20)
                except subprocess.TimeoutExpired:
                    os.killpg(member.process.pid, signal.SIGKILL)
                    member.process.wait(10)
        for proxies in self.proxies.values():
            for proxy in proxies:
                proxy.close()
        self.proxies = {}
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.terminate()
            self.nginx.wait(10)

    def __enter__(self) -> Cluster:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
