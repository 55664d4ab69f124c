# Lantern: `make run` starts the whole stack, `make test` checks it. Nothing else is needed.
SHELL := /bin/bash
.DEFAULT_GOAL := help
# uv is installed with pip when missing; `python3 -m uv` works even when pip's bin dir is not on PATH.
UV = $(shell command -v uv 2>/dev/null || echo python3 -m uv)
export RASA_TELEMETRY_ENABLED := false
export UV_PYTHON_DOWNLOADS := never
# Rasa's tests and the gateway read this; keep TensorFlow's start-up chatter out of the logs.
export TF_CPP_MIN_LOG_LEVEL := 2
APT := $(shell [ "$$(id -u)" = 0 ] && echo apt-get || echo sudo apt-get)

.PHONY: help setup system-deps train run test lint format bench soak evaluate audit clean

help: ## list the targets
	@set -o pipefail; grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

setup: ## install uv if missing and sync the locked environment
	@command -v uv >/dev/null || python3 -m uv --version >/dev/null 2>&1 \
		|| python3 -m pip install --quiet uv
	@# --compile-bytecode: with PYTHONDONTWRITEBYTECODE set (as on this machine and many CI
	@# images) every process would otherwise compile Rasa and TensorFlow from source at import,
	@# about 18 s each time, and a test run starts dozens. A second sync compiles nothing new.
	@$(UV) sync --frozen --quiet --compile-bytecode

system-deps: ## Debian packages the tests use: chromium (browser), strace (network), postgresql (feedback), nginx (replicas), docker-compose (deploy files)
	@missing=""; lean=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v strace >/dev/null || missing="$$missing strace"; \
	ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v docker-compose >/dev/null || docker compose version >/dev/null 2>&1 \
		|| lean="$$lean docker-compose"; \
	command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || lean="$$lean nginx-light"; \
	if [ -n "$$missing$$lean" ]; then \
		echo "installing$$missing$$lean"; \
		$(APT) update -qq; \
	fi; \
	if [ -n "$$missing" ]; then \
		DEBIAN_FRONTEND=noninteractive $(APT) install -y -qq $$missing >/dev/null; \
	fi; \
	if [ -n "$$lean" ]; then \
		: "no recommends: docker-compose's would bring a Docker engine, which only checking a file does not need"; \
		DEBIAN_FRONTEND=noninteractive $(APT) install -y -qq --no-install-recommends $$lean >/dev/null; \
	fi

train: setup ## train the Rasa model (skipped when its inputs are unchanged)
	@$(UV) run lantern train

run: setup ## run the whole stack on loopback and print where to open the chat
	@$(UV) run lantern run

lint: setup ## ruff lint and format check, and mypy on api, directory, lantern and actions
	@$(UV) run ruff check .
	@$(UV) run ruff format --check .
	@$(UV) run mypy

format: setup ## format the code with ruff
	@$(UV) run ruff format .
	@$(UV) run ruff check --fix .

test: setup system-deps lint train ## everything: unit, data validation, story tests, end-to-end, browser
	@set -o pipefail; $(UV) run lantern directory validate | tail -1
	@$(UV) run pytest

bench: setup train ## benchmarks: latency and memory, printed as medians, p95 and ratios
	@$(UV) run python -m bench

soak: setup train ## the whole stack under steady load for 10 minutes: memory by process each minute, errors
	@$(UV) run python -m bench.soak

evaluate: setup train ## first messages from the held-out outcome sets through the real stack, scored
	@$(UV) run lantern evaluate --out results/evaluation.json

audit: setup ## known vulnerabilities in the locked packages: pip-audit (needs the internet), or offline with ADVISORIES=<a checkout of the PyPA advisory database>
	@if [ -n "$(ADVISORIES)" ]; then \
		$(UV) run python -m harness.advisories uv.lock "$(ADVISORIES)"; \
	else \
		mkdir -p var && $(UV) export --frozen --no-hashes --no-emit-project --quiet > var/audit-requirements.txt \
		&& $(UV) tool run pip-audit --disable-pip --no-deps --requirement var/audit-requirements.txt; \
	fi

clean: ## remove models, runtime data and caches
	rm -rf models var .pytest_cache .ruff_cache results
