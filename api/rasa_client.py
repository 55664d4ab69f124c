"""The gateway's client for the Rasa server: turns (bot/channels.py) and the model-loaded check."""

from __future__ import annotations

import httpx
from pydantic import ValidationError

from api.models import BotMessage, Button, ServiceCard
from lantern.internal_auth import CHANNEL_TOKEN_HEADER
from lantern.rasa_server import ACTIONS_FAILED


class RasaUnavailable(Exception):
    """Rasa did not answer a turn usably (down, timed out, or an unexpected reply)."""


def _actions_failed(custom: object) -> bool:
    return isinstance(custom, dict) and ACTIONS_FAILED in custom


def _card(custom: object) -> tuple[str, ServiceCard | None]:
    """A service card sent by the actions as custom JSON: its text, and the card if well formed."""
    if not isinstance(custom, dict) or not isinstance(custom.get("service"), dict):
        return "", None
    said = custom.get("text")
    text = said if isinstance(said, str) else ""
    try:
        return text, ServiceCard.parse_obj(custom["service"])
    except ValidationError:
        return text, None  # the words still go out; only the links are lost


def _to_message(item: dict) -> BotMessage | None:
    if "custom" in item:
        text, card = _card(item["custom"])
        return BotMessage(text=text, card=card) if text else None
    text = item.get("text") or ""
    buttons = [
        Button(title=str(b["title"]), payload=str(b["payload"]))
        for b in item.get("buttons") or []
        if isinstance(b, dict) and "title" in b and "payload" in b
    ]
    if not text and not buttons:
        return None
    return BotMessage(text=text, buttons=buttons)


class RasaClient:
    def __init__(self, base_url: str, token: str, timeout: float, channel_token: str) -> None:
        self._token = token
        self._timeout = timeout
        self._http = httpx.AsyncClient(base_url=base_url, timeout=timeout)
        # Rasa's channels answer only the gateway (bot/channels.py).
        self._turn_headers = {CHANNEL_TOKEN_HEADER: channel_token}

    async def turn(
        self, sender_id: str, text: str, channel: str | None = None, timeout: float | None = None
    ) -> list[BotMessage]:
        """One turn, through Rasa's "rest" or "sms" channel (bot/channels.py), so Rasa picks
        the domain's SMS wordings and the actions know where the message came from. `timeout`
        shortens the client's own when a caller has less time left (an SMS webhook's budget)."""
        body: dict = {"sender": sender_id, "message": text}
        webhook = "sms" if channel == "sms" else "rest"
        limit = self._timeout if timeout is None else min(timeout, self._timeout)
        if limit <= 0:
            raise RasaUnavailable("no time left")
        try:
            response = await self._http.post(
                f"/webhooks/{webhook}/webhook", json=body, headers=self._turn_headers, timeout=limit
            )
            response.raise_for_status()
            items = response.json()
        except (httpx.HTTPError, ValueError) as error:
            raise RasaUnavailable(type(error).__name__) from error
        if not isinstance(items, list):
            raise RasaUnavailable("unexpected reply")
        if any(isinstance(i, dict) and _actions_failed(i.get("custom")) for i in items):
            # Half an answer is worse than the safety message (lantern/rasa_server.py).
            raise RasaUnavailable("actions failed")
        messages = [m for m in map(_to_message, items) if m is not None]
        if not messages:
            raise RasaUnavailable("empty reply")
        return messages

    async def model_loaded(self) -> bool:
        try:
            response = await self._http.get("/status", params={"token": self._token}, timeout=2)
            return response.status_code == 200 and bool(response.json().get("model_id"))
        except (httpx.HTTPError, ValueError):
            return False

    async def aclose(self) -> None:
        await self._http.aclose()
