"""The Lantern gateway: the only part of Lantern a browser or Twilio talks to."""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from redis.asyncio import Redis

from api import errors, logs
from api.body_limit import BodyLimit
from api.models import ErrorReply
from api.rasa_client import RasaClient
from api.routers import chat, feedback, health, leads, pages, services, sms, withdraw
from api.safety import static_message
from api.security import SecurityHeaders
from api.static_files import StaticFilesOr404
from api.withdrawal import Withdrawals
from directory.national import use_cache
from feedback import leads as service_leads
from feedback import store
from lantern.settings import Settings, get_settings

STATIC = Path(__file__).resolve().parent / "static"


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    logs.configure(settings.log_level)
    # The directory's checked snapshot lives in var/ (the library takes the place; it reads no
    # settings of its own).
    use_cache(settings.effective_cache_dir)
    static_message()  # fail at start-up, not during someone's crisis, if it cannot be built
    # A broken leads file stops the start with its reason, rather than locking a lead out later.
    token = settings.service_lead_token
    lead_list = service_leads.with_default(
        service_leads.read(settings.effective_leads_file),
        token.get_secret_value() if token else None,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.settings = settings
        app.state.leads = lead_list
        app.state.redis = Redis.from_url(
            settings.effective_redis_url,
            decode_responses=True,
            socket_timeout=2,
            socket_connect_timeout=2,
        )
        app.state.rasa = RasaClient(
            settings.rasa_url,
            settings.secret("rasa_token"),
            settings.rasa_timeout_seconds,
            channel_token=settings.secret("channel_token"),
        )
        # The feedback database, for WITHDRAW only; `lantern run` migrates it before this starts.
        app.state.withdrawals = Withdrawals(
            store.connect(settings.effective_database_url),
            settings.secret("feedback_key").encode(),
        )
        yield
        app.state.withdrawals.engine.dispose()
        await app.state.rasa.aclose()
        await app.state.redis.close()

    # The interactive docs pages load scripts from a CDN; the OpenAPI JSON stays available.
    # No slash redirects: Starlette builds them from the Host header, which the client chooses.
    app = FastAPI(
        title="Lantern gateway",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        redirect_slashes=False,
        # Documented for every route: the one error shape (api/errors.py).
        responses={
            413: {"model": ErrorReply, "description": "The request body is too large."},
            422: {"model": ErrorReply, "description": "The request is not valid."},
        },
    )
    # Inside the error middleware: a body over its limit is refused before anything parses it.
    app.add_middleware(BodyLimit)
    errors.install(app)
    app.add_middleware(SecurityHeaders)
    app.include_router(pages.router)
    app.include_router(chat.router)
    app.include_router(health.router)
    app.include_router(services.router)
    app.include_router(sms.router)
    app.include_router(withdraw.router)
    app.include_router(feedback.router)
    app.include_router(leads.router)
    app.mount("/static", StaticFilesOr404(directory=STATIC), name="static")
    return app


def __getattr__(name: str):
    # `uvicorn api.main:app` builds the app on first use, so importing this module in tests
    # never reads the environment or the domain files.
    if name == "app":
        return create_app()
    raise AttributeError(name)
