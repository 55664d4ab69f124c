"""`lantern` console script: the one entry point that joins the bot, the gateway and the data."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import SecretStr, ValidationError

if TYPE_CHECKING:
    from lantern.settings import Settings
    from lantern.stack import ProcessSpec


def _settings():
    from lantern.settings import Settings

    try:
        return Settings()
    except ValidationError as error:
        # Fail fast with the setting's name and the reason; never echo secret values.
        sys.exit(f"lantern: bad setting\n{error}")


def _train(args: argparse.Namespace) -> int:
    from lantern import facts, training

    settings = _settings()
    facts.write_domain()
    training.train(settings.models_dir, force=args.force)
    return 0


def _run(args: argparse.Namespace) -> int:
    from lantern import facts, stack, training

    settings = _settings()
    facts.write_domain()
    if args.no_train:
        model = training.model_path(settings.models_dir)
        if not model.exists():
            sys.exit(f"lantern: {model.name} is not trained; run `lantern train` first")
    else:
        model = training.train(settings.models_dir)
    # `lantern feedback purge`, in a process of its own: the feedback store brings the
    # anonymiser and the themes' model with it, about 0.7 GiB the launcher would otherwise hold
    # for as long as it runs, only to watch the others (seen in `make soak`).
    if subprocess.run([sys.executable, "-m", "lantern.cli", "feedback", "purge"]).returncode:
        sys.exit("lantern: the feedback database could not be prepared (see above)")
    return stack.run(settings, model)


# The kinds `lantern process` runs: lantern.stack.processes names them (tests/deploy checks);
# its embedded Redis is not one, as a container uses a Redis of its own.
PROCESS_KINDS = ("rasa", "actions", "gateway")

# Given to every container, never made inside one: a secret generated into one container's var/
# would differ from the next one's (tokens refused, pseudonyms and withdrawal codes that do not
# match), and an embedded Redis or a SQLite file would split state between replicas.
SHARED_IN_CONTAINERS = (
    "redis_url", "database_url", "rasa_token", "channel_token", "actions_token",
    "pseudonym_key", "feedback_key",
)  # fmt: skip


def secret_files_into_environment(directory: Path) -> None:
    """A file in `directory` named after a setting (rasa_token, redis_url...) sets it unless the
    environment already does, as pydantic's secrets_dir would; put in os.environ because the
    processes started from here read their settings from the environment. Docker puts secrets in
    files (/run/secrets), which keeps them out of `docker inspect`. An empty file counts as unset:
    an empty TWILIO_AUTH_TOKEN would let anyone sign a text."""
    from lantern.settings import Settings

    if not directory.is_dir():
        return
    given = {name.lower() for name in os.environ}
    for name in Settings.__fields__:
        path = directory / name
        if name in given or not path.is_file():
            continue
        value = path.read_text().strip()
        if value:
            os.environ[name.upper()] = value


def listening_on(spec: ProcessSpec, bind: str) -> tuple[list[str], dict[str, str]]:
    """`spec`'s argv and environment with its listening address set to `bind`. `lantern run` takes
    each address from the process's URL, loopback; in a container that host is the service's
    name, which resolves to every replica, so each listens on `bind` and the container network,
    not the address, keeps it private."""
    argv = list(spec.argv)
    for option in ("--interface", "--host"):  # Rasa's, uvicorn's
        if option in argv:
            argv[argv.index(option) + 1] = bind
    env = dict(spec.env)
    if "SANIC_HOST" in env:  # the action server's
        env["SANIC_HOST"] = bind
    return argv, env


def _is_set(value: object) -> bool:
    return bool(value.get_secret_value() if isinstance(value, SecretStr) else value)


def _process(args: argparse.Namespace) -> int:
    """One process of `lantern run`, in the foreground, as a container runs it: the argv and
    environment lantern.stack.processes gives it, so a container cannot drift from `make run`."""
    from lantern import stack, training
    from lantern.settings import PROJECT_ROOT

    settings = _settings()
    missing = [
        name.upper() for name in SHARED_IN_CONTAINERS if not _is_set(getattr(settings, name))
    ]
    if missing:
        sys.exit(
            f"lantern process: set {', '.join(missing)} (or their files in SECRETS_DIR): every "
            "container must share them; see docs/DEPLOY.md"
        )
    # Never trained here: a container starts from its image, with no network and no time to spare.
    model = training.model_path(settings.models_dir)
    if not model.exists():
        sys.exit(f"lantern process: {model.name} is not trained; the image is built with it")
    stack.make_private(settings.var_dir)  # and umask 077, as `lantern run` sets
    spec = next(spec for spec in stack.processes(settings, model) if spec.name == args.kind)
    argv, env = listening_on(spec, args.bind)
    os.chdir(PROJECT_ROOT)  # where `lantern run` starts each process: the argv has relative paths
    os.execve(argv[0], argv, env)  # replaces this process: signals reach the real one


def prepare_feedback(settings: Settings) -> int:
    """Bring the feedback database to its schema and delete what is past its retention; the
    number deleted. Run by `lantern feedback purge` and at every start."""
    from feedback import store
    from lantern.stack import make_private

    make_private(settings.var_dir)  # the database file is created its owner's only
    engine = store.connect(settings.effective_database_url)
    try:
        store.migrate(engine)
        return store.purge(engine, settings.feedback_retention_months)
    finally:
        engine.dispose()


def _feedback_purge(args: argparse.Namespace) -> int:
    gone = prepare_feedback(_settings())
    print(f"lantern feedback purge: {gone} records older than the retention deleted")
    return 0


def _month(value: str) -> str:
    if not re.fullmatch(r"20[0-9]{2}-(0[1-9]|1[0-2])", value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a month like 2026-01")
    return value


def _area(value: str) -> str:
    if not re.fullmatch(r"[EWSN][0-9]{8}", value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a council district code like E06000020")
    return value


def _report(args: argparse.Namespace) -> int:
    """The survivor voice chapter for one area and period, as one HTML file to share."""
    from feedback import report, report_html, store

    settings = _settings()
    if args.first and args.last and args.first > args.last:
        sys.exit("lantern report: --from must not be after --to")
    engine = store.connect(settings.effective_database_url)
    try:
        store.migrate(engine)
        view = report.View(
            frozenset({args.area}), args.first, args.last, settings.feedback_min_count
        )
        found = report.build(engine, view)
        store.audit(engine, "command line", "exported")
    finally:
        engine.dispose()
    html = report_html.document(found, report_html.TITLE)
    out = (
        args.out or f"survivor-voice-{args.area}-{args.first or 'start'}-{args.last or 'now'}.html"
    )
    with open(out, "w", encoding="utf-8") as f:
        f.write(html)
    print(f"lantern report: {found.n.text} responses; written to {out}")
    return 0


def _leads_add(args: argparse.Namespace) -> int:
    from feedback import leads

    settings = _settings()
    areas = [a.strip() for a in args.areas.split(",")] if args.areas else None
    try:
        token = leads.add(settings.effective_leads_file, args.name, areas)
    except ValueError as error:
        sys.exit(f"lantern leads add: {error}")
    print(f"Token for {args.name} (shown once, kept nowhere; give it to them safely):\n{token}")
    return 0


def _directory_validate(args: argparse.Namespace) -> int:
    from directory import validate
    from lantern.facts import FACTS

    return validate.main(quoted=FACTS)


def _directory_export(args: argparse.Namespace) -> int:
    from directory import spreadsheet

    text = spreadsheet.export_csv()
    if args.out:
        with open(args.out, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


def _directory_import(args: argparse.Namespace) -> int:
    from directory import spreadsheet
    from lantern.facts import FACTS

    try:
        with open(args.csv, encoding="utf-8-sig", newline="") as f:  # -sig: Excel's BOM
            text = f.read()
    except (OSError, UnicodeDecodeError) as error:
        sys.exit(f"lantern: cannot read {args.csv}: {error}")
    try:
        if args.check:
            checked = spreadsheet.check_import(text, quoted=FACTS)
            files = {name: count for name, (count, _) in checked.items()}
        else:
            files = spreadsheet.import_csv(text, quoted=FACTS)
    except spreadsheet.ImportRejected as rejected:
        for problem in rejected.problems:
            print(problem, file=sys.stderr)
        print(f"lantern: {rejected}", file=sys.stderr)
        return 1
    verb = "would write" if args.check else "wrote"
    for name, count in files.items():
        print(f"{verb} {count} services to directory/data/{name}")
    return 0


def _anonymise(args: argparse.Namespace) -> int:
    from feedback.anonymise import anonymise

    sys.stdout.write(anonymise(sys.stdin.read()).text)
    return 0


def _evaluate(argv: list[str]) -> int:
    # The outcome evaluation is harness code (harness/evaluate.py: a whole stack in the
    # background, the held-out cases in tests/data), so it is not in the wheel; the command
    # stays, as the design names it, and works from a checkout.
    try:
        from harness.evaluate import cli
    except ImportError:
        print("lantern evaluate: run it from a checkout of the project", file=sys.stderr)
        return 2
    return cli(argv)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if os.environ.get("SECRETS_DIR"):
        secret_files_into_environment(Path(os.environ["SECRETS_DIR"]))
    if argv[:1] == ["evaluate"]:
        return _evaluate(argv[1:])
    parser = argparse.ArgumentParser(prog="lantern", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    train = commands.add_parser("train", help="train the Rasa model if its inputs changed")
    train.add_argument("--force", action="store_true", help="train even if a model exists")
    train.set_defaults(func=_train)
    run = commands.add_parser("run", help="run the whole stack (Redis, Rasa, actions, gateway)")
    run.add_argument(
        "--no-train", action="store_true", help="fail instead of training if the model is stale"
    )
    run.set_defaults(func=_run)
    process = commands.add_parser(
        "process", help="run one process of the stack in the foreground, as a container does"
    )
    process.add_argument("kind", choices=PROCESS_KINDS)
    process.add_argument(
        "--bind", default="0.0.0.0", help="address to listen on (default: every interface)"
    )
    process.set_defaults(func=_process)
    directory = commands.add_parser("directory", help="check and maintain the service directory")
    directory_commands = directory.add_subparsers(dest="directory_command", required=True)
    directory_commands.add_parser(
        "validate", help="schema, phone formats, ids, references, unverified and stale entries"
    ).set_defaults(func=_directory_validate)
    export = directory_commands.add_parser("export", help="write the directory as one CSV")
    export.add_argument("--out", help="file to write (default: standard output)")
    export.set_defaults(func=_directory_export)
    load = directory_commands.add_parser("import", help="read the CSV back into the data files")
    load.add_argument("csv", help="the CSV file, as exported and edited")
    load.add_argument("--check", action="store_true", help="check every row, write nothing")
    load.set_defaults(func=_directory_import)
    commands.add_parser(
        "anonymise", help="read text on stdin, write it anonymised (feedback/anonymise.py)"
    ).set_defaults(func=_anonymise)
    feedback = commands.add_parser("feedback", help="the feedback database")
    feedback_commands = feedback.add_subparsers(dest="feedback_command", required=True)
    feedback_commands.add_parser(
        "purge", help="delete feedback older than FEEDBACK_RETENTION_MONTHS (also done at start)"
    ).set_defaults(func=_feedback_purge)
    report_command = commands.add_parser(
        "report", help="write the survivor voice report for one area as an HTML file"
    )
    report_command.add_argument("--area", type=_area, required=True, help="district code")
    report_command.add_argument("--from", dest="first", type=_month, help="first month")
    report_command.add_argument("--to", dest="last", type=_month, help="last month")
    report_command.add_argument("--out", help="file to write (default: named after the view)")
    report_command.set_defaults(func=_report)
    leads_command = commands.add_parser("leads", help="service leads who may see feedback")
    leads_commands = leads_command.add_subparsers(dest="leads_command", required=True)
    add = leads_commands.add_parser("add", help="add a lead; prints their token once")
    add.add_argument("--name", required=True)
    add.add_argument("--areas", help="district codes, comma-separated (default: every area)")
    add.set_defaults(func=_leads_add)
    # Listed for --help; its arguments are the evaluation's own (see _evaluate).
    commands.add_parser(
        "evaluate", help="play held-out first messages through the real stack and score them"
    )
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
