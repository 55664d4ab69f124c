# syntax=docker/dockerfile:1
# Lantern as one image for every process kind; docs/DEPLOY.md says how to run it.
#   lantern process gateway   (the default) the only one to publish a port
#   lantern process rasa      Rasa with the model trained into this image
#   lantern process actions   the action server
#   lantern feedback purge    a one-off: migrate the feedback database, delete what is too old
# Each runs exactly the argv and environment `lantern run` gives it (lantern/stack.py), so a
# container cannot drift from `make run`.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
# multidict 5.2 (Sanic 21.12 pins it below 6) has no wheel for Python 3.11, so it is compiled
# here; the compiler stays in this stage.
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential \
    && rm -rf /var/lib/apt/lists/*
# The uv that locked uv.lock, from PyPI.
ARG UV_VERSION=0.13.10
RUN pip install --no-cache-dir --root-user-action=ignore "uv==${UV_VERSION}"
ENV UV_PYTHON_DOWNLOADS=never \
    UV_PYTHON=/usr/local/bin/python3.11 \
    UV_LINK_MODE=copy \
    RASA_TELEMETRY_ENABLED=false \
    TF_CPP_MIN_LOG_LEVEL=2
WORKDIR /app
# Dependencies first, in their own layer: a change to the code does not reinstall TensorFlow.
# --frozen installs uv.lock as it is, which already carries pyproject's overrides for Rasa;
# --no-dev leaves out the dev group (pytest, playwright, ruff, mypy); --compile-bytecode because
# the running image cannot write its own .pyc files, and compiling Rasa at every start is slow.
COPY pyproject.toml uv.lock README.md ./
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev --no-install-project --compile-bytecode
COPY . .
# Installed editable (uv's default): lantern.settings finds bot/, data/ and models/ beside its
# own source, as in a checkout.
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev --compile-bytecode
# The model is trained now, so a container needs no network and no minutes to start. `uv run`
# alone would sync the dev group back in. .rasa/ is Rasa's training cache, not needed to serve.
# Lantern's own modules are compiled too: the editable install leaves them outside site-packages.
# Training fits the readers into var/cache; it goes to the runtime user (uid 10001, below), who
# must own everything in var/ (`lantern process` makes it private, as `lantern run` does). The
# rest is made readable whatever umask the checkout had; .venv is left alone, as copying it
# through a chmod would double this layer.
RUN uv run --frozen --no-dev lantern train && rm -rf .rasa \
    && .venv/bin/python -m compileall -q lantern api actions bot directory reading feedback \
    && find . -path ./.venv -prune -o -exec chmod a+rX,go-w {} + \
    && mkdir -p var && chown -R 10001:10001 var

FROM ${PYTHON_IMAGE}
# A fixed uid, so secret files and volumes can be given to it on the host.
RUN useradd --system --uid 10001 --user-group --create-home --home-dir /home/lantern \
        --shell /usr/sbin/nologin lantern
COPY --from=build /app /app
# var/ holds the directory's checked snapshot and the fitted readers and, on a volume, the leads
# file. Never secrets: they come from SECRETS_DIR or the environment, and `lantern process`
# refuses to start rather than generate its own.
RUN install -d -o lantern -g lantern -m 0700 /app/var /app/var/leads
ENV PATH=/app/.venv/bin:$PATH \
    VIRTUAL_ENV=/app/.venv \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    RASA_TELEMETRY_ENABLED=false \
    TF_CPP_MIN_LOG_LEVEL=2 \
    SECRETS_DIR=/run/secrets \
    LEADS_FILE=/app/var/leads/leads.yml
USER lantern
WORKDIR /app
EXPOSE 8000
# The gateway's own check (the default command): 200 only when Rasa with its model, the action
# server and Redis all answer. compose.yaml gives rasa and actions their own.
HEALTHCHECK --interval=30s --timeout=5s --start-period=5m --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), timeout=4)"]
ENTRYPOINT ["lantern"]
CMD ["process", "gateway"]
