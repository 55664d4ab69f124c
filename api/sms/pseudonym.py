"""SMS senders as keyed hashes: the same phone always maps to the same conversation, and the
number itself is never stored, logged or sent to Rasa.

HMAC-SHA256 with PSEUDONYM_KEY (generated once into var/ if not given): without the key, the
hash of a phone number cannot be reversed by trying every number, as a plain hash could be.
"""

from __future__ import annotations

import hashlib
import hmac
import re


def normalised_number(number: str) -> str:
    """The same phone however Twilio writes it: "+44 7700 900123" and "+447700900123" agree."""
    return re.sub(r"[^\d+]", "", number)


def sms_sender_id(number: str, key: str) -> str:
    digest = hmac.new(key.encode(), normalised_number(number).encode(), hashlib.sha256)
    return f"sms_{digest.hexdigest()}"


def keyed(text: str, key: str) -> str:
    """A keyed hash of a short secret (a safe word), so it can be checked but not read back."""
    return hmac.new(key.encode(), text.encode(), hashlib.sha256).hexdigest()
