"""Request and response models: the webchat contract of shared/design.md, in OpenAPI."""

from __future__ import annotations

from pydantic import BaseModel, Field, StrictStr, validator

# "(?!\n)": Python's "$" also matches before a final newline, so "id\n" passed; JSON Schema's
# regex dialect has no "\Z", and this form means the same in both.
SESSION_PATTERN = r"^[A-Za-z0-9_-]{16,128}$(?!\n)"
MAX_TEXT = 2000


class ChatRequest(BaseModel):
    session: str = Field(
        ...,
        regex=SESSION_PATTERN,
        description="A random id the client makes: 16-128 characters, letters, digits, - or _.",
    )
    # Strict: a number or true is not what someone wrote, and is refused rather than turned
    # into "123" or "True".
    text: StrictStr = Field(
        ..., min_length=1, max_length=MAX_TEXT, description="What the person wrote, or a payload."
    )

    @validator("text")
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text must not be empty")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            # JSON can carry half of a character ("\ud800"): no one wrote that, and Rasa and
            # Redis would fail on it later, where it would be lost without a word.
            raise ValueError("text must be readable text (it has a broken character)") from None
        return value


class Button(BaseModel):
    title: str
    payload: str


class ServiceCard(BaseModel):
    """One service as the web page shows it: the text says it all, the card adds its ways in as
    links (call, text, web chat, website). Only verified fields reach here (directory/search.py)."""

    id: str
    name: str
    phone: str | None = None
    text: str | None = None
    webchat: str | None = None
    url: str | None = None


class BotMessage(BaseModel):
    text: str = ""
    buttons: list[Button] = []
    card: ServiceCard | None = None


class ChatReply(BaseModel):
    session: str
    messages: list[BotMessage]


class Limited(BaseModel):
    """A 429 for a webchat client sending a great many messages in a short time: a message for
    the developer, and for the person the same messages a reply has, 999 first among them."""

    message: str
    session: str
    messages: list[BotMessage]


class ErrorDetail(BaseModel):
    loc: list[str | int] = Field(..., description="Where in the request, when known.")
    msg: str
    type: str


class ErrorReply(BaseModel):
    """Every 4xx answer (api/errors.py error_body)."""

    message: str = Field(..., description="What was wrong, in a sentence.")
    detail: list[ErrorDetail]


class Health(BaseModel):
    """`GET /healthz`: 200 with status "ok", or 503 with status "down" and what is down."""

    status: str
    checks: dict[str, bool]
    down: list[str]


class Unavailable(BaseModel):
    """A 503 the person can act on (quick exit could not reach Redis: try again)."""

    message: str
