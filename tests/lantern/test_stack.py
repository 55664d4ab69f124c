from __future__ import annotations

import os
from pathlib import Path

import pytest
from pydantic import SecretStr

from lantern import rasa_server, stack
from lantern.settings import Settings


def _specs(**overrides):
    settings = Settings(var_dir=overrides.pop("var_dir"), **overrides)
    return {spec.name: spec for spec in stack.processes(settings, Path("models/m.tar.gz"))}


def test_everything_listens_on_loopback_with_privacy_switches(tmp_path):
    specs = _specs(var_dir=tmp_path)
    assert set(specs) == {"redis", "rasa", "actions", "gateway"}
    config = Path(specs["redis"].argv[-1])
    lines = config.read_text().splitlines()
    assert "bind 127.0.0.1" in lines
    # Memory only: no append-only file, no snapshots.
    assert "appendonly no" in lines and 'save ""' in lines
    assert f'dir "{tmp_path / "redis"}"' in lines
    rasa = specs["rasa"].argv
    assert rasa[rasa.index("--interface") + 1] == "127.0.0.1"
    assert specs["actions"].env["SANIC_HOST"] == "127.0.0.1"
    assert "--no-access-log" in specs["gateway"].argv
    for name in ("rasa", "actions", "gateway"):
        assert specs[name].env["RASA_TELEMETRY_ENABLED"] == "false"
        assert specs[name].env["SENTRY_DSN"] == ""
        assert specs[name].command.startswith("exec ")


def test_an_external_redis_replaces_the_embedded_one(tmp_path):
    specs = _specs(var_dir=tmp_path, redis_url="redis://:pw@10.0.0.5:6380/2")
    assert "redis" not in specs
    expected = {
        "REDIS_HOST": "10.0.0.5",
        "REDIS_PORT": "6380",
        "REDIS_DB": "2",
        "REDIS_PASSWORD": "pw",
    }
    assert specs["rasa"].env.items() >= expected.items()


def test_tracker_ttl_reaches_rasa(tmp_path):
    specs = _specs(var_dir=tmp_path, tracker_ttl_seconds=600)
    assert specs["rasa"].env["TRACKER_TTL_SECONDS"] == "600"


def test_a_token_that_starts_with_a_dash_reaches_rasa_whole(tmp_path):
    # token_urlsafe makes one such token in 64; as its own argument, `rasa run` refused it.
    from rasa.__main__ import create_argument_parser

    specs = _specs(var_dir=tmp_path, rasa_token=SecretStr("-starts-with-a-dash"))
    spec = specs["rasa"]
    argv = rasa_server.argv_with_token(spec.argv, spec.env)
    args = create_argument_parser().parse_args(argv[argv.index("lantern.rasa_server") + 1 :])
    assert args.auth_token == "-starts-with-a-dash"


def test_rasa_s_token_is_never_on_a_command_line(tmp_path):
    # Every local user can read a command line (ps); only the owner can read the environment.
    specs = _specs(var_dir=tmp_path, rasa_token=SecretStr("tok-en-that-ps-must-not-show"))
    for spec in specs.values():
        assert "tok-en-that-ps-must-not-show" not in spec.command
    assert specs["rasa"].env[rasa_server.TOKEN_VARIABLE] == "tok-en-that-ps-must-not-show"


def test_rasa_will_not_start_with_its_api_open():
    with pytest.raises(SystemExit, match="LANTERN_RASA_TOKEN"):
        rasa_server.argv_with_token(["rasa", "run"], {})


def test_the_embedded_redis_has_a_password_kept_off_the_command_line(tmp_path):
    specs = _specs(var_dir=tmp_path)
    settings = Settings(var_dir=tmp_path)
    password = settings.secret("redis_password")
    assert password not in specs["redis"].command
    config = Path(specs["redis"].argv[-1])
    assert config.stat().st_mode & 0o077 == 0
    (user,) = [line for line in config.read_text().splitlines() if line.startswith("user ")]
    assert f">{password}" in user
    for command in ("config", "monitor", "debug"):
        assert f" -{command}" in user
    # Everything that talks to it is given the password, never on a command line.
    assert specs["rasa"].env["REDIS_PASSWORD"] == password
    assert password in settings.effective_redis_url


def test_files_earlier_versions_kept_on_disk_are_removed(tmp_path):
    data = tmp_path / "redis"
    (data / "appendonlydir").mkdir(parents=True)
    (data / "appendonlydir" / "appendonly.aof.1.incr.aof").write_text("SET tracker words")
    (data / "appendonly.aof").write_text("SET tracker words")
    (data / "dump.rdb").write_bytes(b"REDIS0009")
    _specs(var_dir=tmp_path)
    assert [p.name for p in data.iterdir()] == ["redis.conf"]
    assert data.stat().st_mode & 0o777 == 0o700


def test_everything_under_var_is_private_now_and_later(tmp_path):
    (tmp_path / "cache").mkdir(mode=0o755)
    (tmp_path / "cache" / "old").write_text("x")
    (tmp_path / "cache" / "old").chmod(0o644)
    before = os.umask(0o022)
    try:
        stack.make_private(tmp_path)
        (tmp_path / "new").write_text("made by a child process later")
        (tmp_path / "newdir").mkdir()
    finally:
        os.umask(before)
    for path in [tmp_path, *tmp_path.rglob("*")]:
        assert path.stat().st_mode & 0o077 == 0, path


def test_no_make_recipe_loses_a_failure_in_a_pipe():
    # `validate | tail -1` passed even when validate failed: the pipe's status was tail's.
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    recipes = [line for line in makefile.splitlines() if line.startswith("\t")]
    piped = [line for line in recipes if " | " in line]
    assert piped, "the Makefile has piped recipes to check"
    assert [line for line in piped if "pipefail" not in line] == []
