"""`lantern` console script: the one entry point that joins the bot, the gateway and the data."""

from __future__ import annotations

import argparse
import sys

from pydantic import ValidationError


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
    return stack.run(settings, model)


def _directory_validate(args: argparse.Namespace) -> int:
    from directory import validate

    return validate.main()


def main(argv: list[str] | None = None) -> int:
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
    directory = commands.add_parser("directory", help="check and maintain the service directory")
    directory_commands = directory.add_subparsers(dest="directory_command", required=True)
    directory_commands.add_parser(
        "validate", help="schema, phone formats, ids, references, unverified and stale entries"
    ).set_defaults(func=_directory_validate)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
