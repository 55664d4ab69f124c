"""The deployment files, checked without a Docker engine (none runs here or in CI): compose.yaml
as the compose tool resolves it, the Dockerfile and .dockerignore as text, and `lantern process`,
which every container runs, against the process list `lantern run` starts."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tomllib
from collections.abc import Iterator
from fnmatch import fnmatchcase
from pathlib import Path

import pytest
import yaml
from pydantic import SecretStr

from lantern import cli, internal_auth, rasa_server, stack, training
from lantern.settings import PROJECT_ROOT, Settings
from tests.conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
PACKAGES = PYPROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"]
# Variables compose.yaml reads from the shell or a .env file; unset, so its defaults are checked.
COMPOSE_VARIABLES = (
    "LANTERN_IMAGE", "LANTERN_PUBLISH", "LANTERN_SECRETS", "PUBLIC_BASE_URL",
    "FORWARDED_ALLOW_IPS",
)  # fmt: skip
DEFAULT_SECRETS = "/etc/lantern/secrets"
SERVERS = {"redis", "postgres"}


def _compose_tool() -> list[str]:
    docker = shutil.which("docker")
    if (
        docker
        and subprocess.run([docker, "compose", "version"], capture_output=True).returncode == 0
    ):
        return [docker, "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    pytest.fail(
        "no compose tool: neither `docker compose` nor `docker-compose` is installed "
        "(`make system-deps` installs Debian's docker-compose)"
    )


@pytest.fixture(scope="module")
def compose(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """compose.yaml as the compose tool resolves it (anchors merged, variables filled in), which
    also validates it against the tool's schema."""
    empty = tmp_path_factory.mktemp("compose") / "empty.env"
    empty.write_text("")
    env = {k: v for k, v in os.environ.items() if k not in COMPOSE_VARIABLES}
    result = subprocess.run(
        [*_compose_tool(), "--env-file", str(empty), "--file", "compose.yaml", "config"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, f"compose.yaml is not valid:\n{result.stderr}"
    # Some versions print `$$` (compose's escape for a literal `$`) as written.
    return yaml.safe_load(result.stdout.replace("$$", "$"))


def _lantern_services(compose: dict) -> dict[str, dict]:
    image = compose["services"]["gateway"]["image"]
    return {n: s for n, s in compose["services"].items() if s.get("image") == image}


def _secrets_of(service: dict) -> set[str]:
    return {s if isinstance(s, str) else s["source"] for s in service.get("secrets", [])}


def _published(service: dict) -> list[tuple[str, str]]:
    """(host address, port) for each published port, short form (docker-compose) or long."""
    found = []
    for port in service.get("ports", []):
        if isinstance(port, dict):
            if port.get("published"):
                found.append((port.get("host_ip", ""), str(port["published"])))
            continue
        parts = str(port).split("/")[0].rsplit(":", 2)
        if len(parts) > 1:
            found.append((parts[0] if len(parts) == 3 else "", parts[-2]))
        else:
            found.append(("", "(a random port)"))
    return found


def test_the_compose_file_is_valid(compose):
    assert set(compose["services"]) == {"gateway", "rasa", "actions", "migrate"} | SERVERS


def test_only_the_gateway_publishes_a_port_and_only_on_loopback(compose):
    published = {name: _published(s) for name, s in compose["services"].items()}
    assert {name for name, ports in published.items() if ports} == {"gateway"}
    # For a proxy on the same host; LANTERN_PUBLISH changes it on purpose.
    assert published["gateway"] == [("127.0.0.1", "8000")]
    for name, service in compose["services"].items():
        assert "network_mode" not in service, f"{name} must not share the host's network"
        networks = set(service.get("networks", {}))
        assert networks, f"{name} must be on the stack's own networks"
        if name != "gateway":
            assert networks == {"internal"}, name
    # No route out for Rasa, actions, Redis or PostgreSQL, and none of their ports reachable.
    assert compose["networks"]["internal"]["internal"] is True


def test_redis_keeps_nothing_on_disk_and_asks_for_a_password(compose):
    redis = compose["services"]["redis"]
    assert redis["image"].startswith("redis:")
    command = " ".join(redis["command"]) if isinstance(redis["command"], list) else redis["command"]
    assert '--save ""' in command and "--appendonly no" in command
    # Its working folder in memory: even a snapshot asked for by hand could not reach a disk.
    assert "volumes" not in redis
    assert "/data" in redis["tmpfs"] and redis["read_only"] is True
    assert "/run/secrets/redis_password" in command and "--requirepass" not in command
    acl = re.search(r"user default on >%s (.*?)\\n", command)
    assert acl, "the password is set in the config file, not on redis-server's command line"
    assert {f"-{denied}" for denied in stack.DENIED_COMMANDS} <= set(acl.group(1).split())
    assert _secrets_of(redis) == {"redis_password"}


def test_postgresql_keeps_feedback_on_a_named_volume_with_a_password_from_a_secret(compose):
    postgres = compose["services"]["postgres"]
    assert postgres["environment"]["POSTGRES_PASSWORD_FILE"] == "/run/secrets/postgres_password"
    assert "POSTGRES_PASSWORD" not in postgres["environment"]
    sources = [v["source"] if isinstance(v, dict) else v.split(":")[0] for v in postgres["volumes"]]
    assert "feedback" in sources
    assert "feedback" in compose["volumes"]


def _secret_names() -> set[str]:
    """Every setting that is a secret, and every variable a secret is handed over in."""
    secret = {name for name, f in Settings.__fields__.items() if f.type_ is SecretStr}
    return {n.upper() for n in secret | {"redis_url", "database_url"}} | {
        "POSTGRES_PASSWORD", "REDIS_PASSWORD", "REDISCLI_AUTH", rasa_server.TOKEN_VARIABLE,
        internal_auth.ACTIONS_TOKEN_VARIABLE, internal_auth.CHANNEL_TOKEN_VARIABLE,
    }  # fmt: skip


def test_no_secret_has_a_literal_value(compose):
    names = _secret_names()
    for name, service in compose["services"].items():
        environment = service.get("environment") or {}
        if isinstance(environment, list):
            environment = dict(item.partition("=")[::2] for item in environment)
        assert not names & {key.upper() for key in environment}, f"{name}: a secret in the file"
        for key, value in environment.items():
            assert not re.search(r"://[^/@\s]*:[^/@\s]+@", str(value)), f"{name}: {key}"
    for name, secret in compose["secrets"].items():
        assert set(secret) == {"file"}, f"{name}: only from a file"
        assert secret["file"] == f"{DEFAULT_SECRETS}/{name}", "outside the checkout, by name"
    text = (ROOT / "compose.yaml").read_text()
    assert not re.search(r"[A-Za-z0-9_\-]{32,}", text), "something like a key in compose.yaml"


def test_every_secret_setting_reaches_the_containers_that_share_it(compose):
    secrets = {n for n, f in Settings.__fields__.items() if f.type_ is SecretStr}
    # REDIS_PASSWORD is the embedded Redis's; a container's Redis takes it in REDIS_URL.
    wanted = secrets - {"redis_password"} | {"redis_url", "database_url"}
    assert _secrets_of(compose["services"]["gateway"]) == wanted
    for kind in cli.PROCESS_KINDS:
        assert set(cli.SHARED_IN_CONTAINERS) <= _secrets_of(compose["services"][kind]), kind
    assert _secrets_of(compose["services"]["migrate"]) == {"database_url"}


def test_every_process_kind_has_a_service_from_the_one_image(compose, tmp_path):
    settings = Settings(var_dir=tmp_path, redis_url="redis://:pw@redis:6379/0")
    kinds = {spec.name for spec in stack.processes(settings, Path("m.tar.gz"))}
    assert kinds == set(cli.PROCESS_KINDS)
    services = _lantern_services(compose)
    for kind in kinds:
        assert services[kind]["command"] == ["process", kind]
        assert services[kind]["init"] is True
    assert services["migrate"]["command"] == ["feedback", "purge"]


def test_health_checks_and_start_order(compose):
    services = compose["services"]
    for name in ("rasa", "actions", "redis", "postgres"):
        assert services[name]["healthcheck"]["test"][0] in ("CMD", "CMD-SHELL"), name
    assert services["gateway"]["depends_on"]["migrate"]["condition"] == (
        "service_completed_successfully"
    )
    assert services["gateway"]["depends_on"]["redis"]["condition"] == "service_healthy"
    assert services["rasa"]["depends_on"]["redis"]["condition"] == "service_healthy"
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    for kind in cli.PROCESS_KINDS:
        assert services[kind]["deploy"]["replicas"] >= 1
    assert "replicas" in (ROOT / "compose.yaml").read_text().split("services:")[0]


# The Dockerfile


def _instructions(stage: str) -> list[tuple[str, str]]:
    text = re.sub(r"\\\n", " ", stage)
    lines = [line.strip() for line in text.splitlines()]
    return [
        (line.split(None, 1)[0].upper(), line.split(None, 1)[1] if " " in line else "")
        for line in lines
        if line and not line.startswith("#")
    ]


@pytest.fixture(scope="module")
def stages() -> list[list[tuple[str, str]]]:
    found: list[list[tuple[str, str]]] = []
    for instruction in _instructions((ROOT / "Dockerfile").read_text()):
        if instruction[0] == "FROM":
            found.append([])
        if found:
            found[-1].append(instruction)
    return found


def _one(stage: list[tuple[str, str]], keyword: str) -> str:
    values = [value for key, value in stage if key == keyword]
    assert len(values) == 1, f"one {keyword} in the image's last stage"
    return values[0]


def test_the_image_builds_the_locked_environment_and_trains_its_model(stages):
    text = (ROOT / "Dockerfile").read_text()
    assert "ARG PYTHON_IMAGE=python:3.11-slim-bookworm" in text
    build = " ".join(value for key, value in stages[0] if key == "RUN")
    assert re.search(r"pip install [^&]*\buv==", build)
    assert "uv sync --frozen --no-dev --compile-bytecode" in build
    assert "uv run --frozen --no-dev lantern train" in build
    # --no-dev leaves out every group uv would install by default only if dev is all there is.
    assert set(PYPROJECT["dependency-groups"]) == {"dev"}
    assert "default-groups" not in PYPROJECT["tool"]["uv"]
    compiled = re.search(r"compileall -q ([a-z ]+)", build)
    assert compiled and compiled.group(1).split() == PACKAGES


def test_the_running_image_is_not_root_and_has_no_network_to_need(stages):
    final = stages[-1]
    user = [value for key, value in final if key == "USER"][-1]
    assert user not in ("root", "0") and not user.startswith("0:")
    environment = " ".join(value for key, value in final if key == "ENV")
    assert "RASA_TELEMETRY_ENABLED=false" in environment
    assert "SECRETS_DIR=/run/secrets" in environment
    assert "HEALTHCHECK" in {key for key, _ in final}
    # Run from the venv, never `uv run`, which may sync (and so download) at start.
    for key in ("ENTRYPOINT", "CMD"):
        assert "uv" not in json.loads(_one(final, key))


def test_the_entry_points_name_commands_the_cli_has(stages, compose, capsys):
    final = stages[-1]
    entrypoint = json.loads(_one(final, "ENTRYPOINT"))
    assert entrypoint == ["lantern"]
    assert PYPROJECT["project"]["scripts"]["lantern"] == "lantern.cli:main"
    commands = [json.loads(_one(final, "CMD"))]
    commands += [s["command"] for s in _lantern_services(compose).values()]
    for command in commands:
        with pytest.raises(SystemExit) as exited:
            cli.main([*command, "--help"])
        assert exited.value.code == 0, f"`lantern {' '.join(command)}` is not a command"
    capsys.readouterr()


def _ignored(path: str, patterns: list[str]) -> bool:
    """Docker's rule: the last pattern that matches the path or a folder above it wins."""
    parts = path.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    ignored = False
    for pattern in patterns:
        keep = pattern.startswith("!")
        pattern = pattern.lstrip("!").strip("/")
        variants = {pattern, pattern.removeprefix("**/")}
        if any(fnmatchcase(prefix, p) for prefix in prefixes for p in variants):
            ignored = not keep
    return ignored


def test_the_build_context_carries_no_secrets_and_everything_the_image_needs():
    lines = (ROOT / ".dockerignore").read_text().splitlines()
    patterns = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    for path in (
        "var/secrets/rasa_token", "var/feedback.db", "var/redis/redis.conf", "var/leads.yml",
        "models/lantern-0.tar.gz", ".venv/bin/python", ".env", "deploy.env", "secrets/redis_url",
        "api/secrets/x", "results/evaluation.json", "tests/conftest.py", "harness/evaluate.py",
        ".git/config", "lantern/__pycache__/cli.cpython-311.pyc",
    ):  # fmt: skip
        assert _ignored(path, patterns), f"{path} would be sent to the image build"
    needed = ["pyproject.toml", "uv.lock", "README.md"]
    needed += [str(p.relative_to(ROOT)) for p in training._input_files(ROOT)]
    for package in PACKAGES:
        needed += [str(p.relative_to(ROOT)) for p in (ROOT / package).rglob("*.py")][:5]
        assert (ROOT / package / "__init__.py").exists()
    for path in needed:
        assert not _ignored(path, patterns), f"{path} is needed in the image but left out"


def test_make_system_deps_installs_the_compose_tool():
    makefile = (ROOT / "Makefile").read_text()
    target = makefile.split("\nsystem-deps:")[1].split("\n\n")[0]
    assert "docker-compose" in target


def test_the_guide_makes_every_secret_and_says_what_never_to_expose(compose):
    guide = (ROOT / "docs" / "DEPLOY.md").read_text()
    for name in compose["secrets"]:
        assert name in guide, f"docs/DEPLOY.md does not say how to make {name}"
    for words in ("--forwarded-allow-ips", "FORWARDED_ALLOW_IPS", "HSTS", "Sentinel", "Helm"):
        assert words in guide, words


# `lantern process`: what each container runs


@pytest.fixture
def environment(tmp_path: Path) -> Iterator[Path]:
    """A container's settings in os.environ, put back afterwards with the umask."""
    saved, umask = dict(os.environ), os.umask(0o022)
    os.umask(umask)
    for key in list(os.environ):
        if key.lower() in Settings.__fields__ or key == "SECRETS_DIR":
            del os.environ[key]
    os.environ.update(
        VAR_DIR=str(tmp_path / "var"),
        MODELS_DIR=str(tmp_path / "models"),
        RASA_URL="http://rasa:5005",
        ACTIONS_URL="http://actions:5055",
        REDIS_URL="redis://:redis-pw@redis:6379/0",
        DATABASE_URL="postgresql://lantern:pg-pw@postgres:5432/lantern",
        RASA_TOKEN="rasa-token",
        CHANNEL_TOKEN="channel-token",
        ACTIONS_TOKEN="actions-token",
        PSEUDONYM_KEY="pseudonym-key",
        FEEDBACK_KEY="feedback-key",
    )
    model = training.model_path(tmp_path / "models")
    model.parent.mkdir()
    model.write_bytes(b"")
    yield tmp_path
    os.environ.clear()
    os.environ.update(saved)
    os.umask(umask)


class Exec(Exception):
    pass


@pytest.fixture
def execs(monkeypatch: pytest.MonkeyPatch) -> list:
    calls: list = []

    def execve(path, argv, env):
        calls.append((path, argv, env))
        raise Exec

    monkeypatch.setattr(os, "execve", execve)
    monkeypatch.setattr(os, "chdir", lambda path: calls.append(("chdir", path)))
    return calls


@pytest.mark.parametrize("kind", cli.PROCESS_KINDS)
def test_each_container_runs_what_lantern_run_runs_but_on_every_interface(kind, environment, execs):
    with pytest.raises(Exec):
        cli.main(["process", kind])
    expected = {
        s.name: s for s in stack.processes(Settings(), training.model_path(Settings().models_dir))
    }
    spec = expected[kind]
    assert execs[0] == ("chdir", PROJECT_ROOT)
    path, argv, env = execs[1]
    assert path == argv[0] == spec.argv[0]
    changed = [i for i, (got, want) in enumerate(zip(argv, spec.argv, strict=True)) if got != want]
    if kind == "actions":
        assert changed == []
        assert env.pop("SANIC_HOST") == "0.0.0.0" and spec.env.pop("SANIC_HOST") == "actions"
    else:
        assert len(changed) == 1 and argv[changed[0] - 1] in ("--interface", "--host")
        assert argv[changed[0]] == "0.0.0.0"
    assert env == spec.env
    assert not (environment / "var" / "secrets").exists(), "a secret was made in the container"
    assert os.umask(0o077) == 0o077, "umask 077, as under `lantern run`"


def test_rasa_listens_on_the_port_of_its_url(environment, execs):
    with pytest.raises(Exec):
        cli.main(["process", "rasa", "--bind", "::"])
    argv = execs[1][1]
    assert argv[argv.index("--port") + 1] == "5005" and argv[argv.index("--interface") + 1] == "::"


def test_a_container_will_not_make_its_own_secrets(environment, execs):
    del os.environ["FEEDBACK_KEY"], os.environ["REDIS_URL"]
    with pytest.raises(SystemExit, match="REDIS_URL, FEEDBACK_KEY"):
        cli.main(["process", "gateway"])
    assert execs == []
    assert not (environment / "var" / "secrets").exists()


def test_secret_files_become_settings_the_environment_wins_and_empty_is_unset(environment):
    secrets = environment / "secrets"
    secrets.mkdir()
    (secrets / "service_lead_token").write_text("from-a-file\n")
    (secrets / "twilio_auth_token").write_text("")
    (secrets / "redis_url").write_text("redis://:other@elsewhere:6379/0")
    (secrets / "postgres_password").write_text("not a setting")
    cli.secret_files_into_environment(secrets)
    assert os.environ["SERVICE_LEAD_TOKEN"] == "from-a-file"
    assert "TWILIO_AUTH_TOKEN" not in os.environ
    assert os.environ["REDIS_URL"] == "redis://:redis-pw@redis:6379/0"
    assert "POSTGRES_PASSWORD" not in os.environ
    settings = Settings()
    assert settings.service_lead_token == SecretStr("from-a-file")
    assert settings.twilio_auth_token is None


def test_secrets_dir_is_read_before_any_command(environment, execs):
    secrets = environment / "secrets"
    secrets.mkdir()
    del os.environ["FEEDBACK_KEY"]
    (secrets / "feedback_key").write_text("feedback-key-from-a-file")
    os.environ["SECRETS_DIR"] = str(secrets)
    with pytest.raises(Exec):
        cli.main(["process", "gateway"])
    assert execs[1][2]["FEEDBACK_KEY"] == "feedback-key-from-a-file"
