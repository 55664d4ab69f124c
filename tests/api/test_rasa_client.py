"""How the gateway reads Rasa's REST replies: text, buttons, and service cards (custom JSON)."""

from __future__ import annotations

from api.rasa_client import _to_message
from directory.national import national_services

# The number comes from the directory, its one source, as the replies take it.
PHONE = national_services()["mens-advice-line"]["phone"]
SERVICE = {
    "id": "mens-advice-line",
    "name": "Men's Advice Line",
    "phone": PHONE,
    "text": None,
    "webchat": None,
    "url": "https://mensadviceline.org.uk/",
}


def test_a_service_card_keeps_its_words_and_gains_links():
    message = _to_message(
        {"custom": {"text": f"Men's Advice Line\nCall {PHONE}.", "service": SERVICE}}
    )
    assert message.text.startswith("Men's Advice Line")
    assert message.card.phone == PHONE and message.card.webchat is None


def test_a_malformed_card_still_sends_its_words():
    message = _to_message({"custom": {"text": "Some service", "service": {"name": 3}}})
    assert message.text == "Some service" and message.card is None


def test_custom_json_without_words_is_dropped():
    assert _to_message({"custom": {"service": SERVICE}}) is None
    assert _to_message({"custom": "nonsense"}) is None


def test_plain_text_and_buttons_are_unchanged():
    message = _to_message({"text": "Hi", "buttons": [{"title": "Menu", "payload": "/show_menu"}]})
    assert message.text == "Hi" and message.buttons[0].payload == "/show_menu"
    assert message.card is None
