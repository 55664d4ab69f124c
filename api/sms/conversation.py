"""One inbound text in, one reply out: the SMS journey around the assistant.

What SMS needs that webchat does not, in the order it is checked:
1. A rate limit per sender (a kind message once, then silence until the window passes).
2. Twilio's own keywords: STOP and its kin end everything here (Twilio confirms and blocks
   further texts); START and UNSTOP are Twilio's to answer.
3. EXIT, DELETE or the person's safe word: delete the conversation, confirm neutrally.
4. The first text from a number asks whether texting is safe before anything else, unless the
   message suggests danger now (then the assistant's 999 reply comes first, design rule 1) or
   is in another language (then the safety message in that language comes first).
5. WITHDRAW and a feedback code deletes that feedback (api/withdrawal.py).
6. Numbered choices map back to the buttons' payloads; MORE sends what did not fit; 0 is the
   menu; WORD sets a safe word; DISCREET ON/OFF.
7. Every reply fits three segments and starts with a neutral line while discreet mode is on,
   because the first line shows on a lock screen.
Words come from bot/domain/sms.yml (api/sms/words.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from redis.asyncio import Redis

from api import conversations
from api.models import BotMessage
from api.rasa_client import RasaClient, RasaUnavailable
from api.sms import state as sms_state
from api.sms.budget import Budget
from api.sms.pseudonym import keyed
from api.sms.state import SmsState
from api.sms.text import MAX_SEGMENTS, fit, lead_with, numbered, plain, segments
from api.sms.words import lead_lines, say, services_heading
from api.withdrawal import Withdrawals
from reading.danger_lexicon import assess
from reading.language import detect

# Twilio's opt-out and opt-in keywords (handled by Twilio for long codes): a message that is
# only one of these is never answered here.
TWILIO_STOP = frozenset("STOP STOPALL UNSUBSCRIBE CANCEL END QUIT REVOKE OPTOUT".split())
TWILIO_START = frozenset("START UNSTOP".split())
EXIT_WORDS = frozenset({"EXIT", "DELETE"})
MAX_BODY = 1000  # longer texts are cut here, with a note: a few SMS' worth is plenty to read
MENU_PAYLOAD = "/show_menu"
# Answers to "is it safe to text you?": the numbers offered, and the words people use anyway.
_YES = frozenset({"1", "YES", "Y", "SAFE", "YES IT IS", "YES ITS SAFE", "YES IT'S SAFE"})
_NO = frozenset({"2", "NO", "N", "NOT SAFE", "NO ITS NOT", "NO IT'S NOT"})
# Words a safe word cannot be, because they already mean something here.
_RESERVED = (
    EXIT_WORDS | TWILIO_STOP | TWILIO_START | {"MORE", "WORD", "DISCREET", "HELP", "WITHDRAW"}
)


@dataclass(frozen=True)
class Inbound:
    sender: str  # the pseudonym, never the number
    body: str
    media: int = 0


@dataclass(frozen=True)
class Limits:
    ttl_seconds: int
    rate_limit: int = 30
    rate_window_seconds: int = 600


def _keyword(body: str) -> str:
    return re.sub(r"\s+", " ", body).strip().upper()


def _is_choice(keyword: str) -> bool:
    # isdecimal, not isdigit: "²" is a digit that int() refuses.
    return keyword.isdecimal() and keyword.isascii()


def _safe_word(body: str) -> str:
    return re.sub(r"\s+", " ", body).strip().lower()


@dataclass(frozen=True)
class Answer:
    """What goes back for one text: words, and the choices numbered under them."""

    text: str = ""
    titles: tuple[str, ...] = ()
    payloads: tuple[str, ...] = ()
    unavailable: bool = False  # the assistant could not answer: this is the safety text

    def stored(self) -> dict:
        """As SmsState.pending keeps it in Redis (JSON)."""
        return {"text": self.text, "titles": list(self.titles), "payloads": list(self.payloads)}

    @classmethod
    def read(cls, stored: dict) -> Answer:
        """From SmsState.pending; anything missing or malformed is left out."""

        def strings(key: str) -> tuple[str, ...]:
            value = stored.get(key)
            return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()

        text, titles, payloads = stored.get("text"), strings("titles"), strings("payloads")
        if len(titles) != len(payloads):  # a choice's number must send its own payload
            titles = payloads = ()
        return cls(text if isinstance(text, str) else "", titles, payloads)


class Conversation:
    def __init__(
        self,
        redis: Redis,
        rasa: RasaClient,
        key: str,
        limits: Limits,
        budget: Budget,
        withdrawals: Withdrawals | None = None,
    ) -> None:
        self.redis, self.rasa, self.key, self.limits = redis, rasa, key, limits
        self.budget, self.withdrawals = budget, withdrawals

    async def reply(self, inbound: Inbound) -> str | None:
        """The text to send back, or None for no reply. Raises RedisError if Redis is down, and
        LockError (a RedisError) if the sender's previous text is still being answered when
        this one's budget allows no more waiting."""
        wait = self.budget.to_wait_for_turn()
        async with sms_state.one_turn_at_a_time(self.redis, inbound.sender, wait):
            return await self._reply(inbound)

    async def _reply(self, inbound: Inbound) -> str | None:
        sender, keyword = inbound.sender, _keyword(inbound.body)
        state = await sms_state.load(self.redis, sender)
        # Ending a conversation always works, however many texts came before.
        if keyword in TWILIO_STOP:
            await sms_state.forget(self.redis, sender)
            return None
        if keyword in TWILIO_START:
            return None
        if keyword in EXIT_WORDS or (
            state.word and keyed(_safe_word(inbound.body), self.key) == state.word
        ):
            await sms_state.forget(self.redis, sender)
            return shaped(state, say("deleted"))
        notes, body = [], inbound.body.strip()
        # Choices, 0 and MORE answer what we sent; only new words count towards the limit.
        if not (_is_choice(keyword) or keyword == "MORE"):
            count = await sms_state.count_message(
                self.redis, sender, self.limits.rate_window_seconds
            )
            if count > self.limits.rate_limit:
                if assess(body) is not None:
                    return shaped(state, say("safety"))  # danger is never silenced
                first_over = count == self.limits.rate_limit + 1
                return shaped(state, say("slow_down")) if first_over else None
        # WITHDRAW <code> deletes feedback; answered here so the code never reaches the
        # assistant. After the limit, so codes cannot be guessed at speed.
        if self.withdrawals is not None:
            withdrawn = await self.withdrawals.answer(body)
            if withdrawn is not None:
                return shaped(state, withdrawn)
        if inbound.media:
            notes.append(say("media"))
        if not body:
            return shaped(state, "\n".join(notes) if notes else say("empty"))
        if len(body) > MAX_BODY:
            body = body[:MAX_BODY]
            notes.append(say("too_long"))
        if keyword == "MORE" and state.more:
            # The rest, with the choices that came with it listed again at its end.
            rest = Answer(state.more, tuple(state.titles), tuple(state.payloads))
            return await self._send(state, sender, rest, notes)
        if state.stage == "new":
            await conversations.start_again(self.redis, sender)
            return await self._first(state, inbound.sender, body, notes)
        if state.stage == "asked":
            return await self._asked(state, sender, keyword, body, notes)
        return await self._talk(state, sender, keyword, body, notes)

    # ----- the stages -----

    async def _first(self, state: SmsState, sender: str, body: str, notes: list[str]) -> str:
        answer = await self._assistant(sender, body)
        state.stage = "asked"
        if assess(body) is not None or answer.unavailable or detect(body):
            # Danger first (design rule 1): the assistant's 999 reply, whole, before anything
            # else; likewise the safety text when it cannot answer, and the safety message in
            # the person's own language. The question about texting follows in the same text
            # only if all of it fits; otherwise it comes after their next text. The reply's
            # choices are left out: "1" and "2" answer the question here.
            urgent = Answer(answer.text)
            asked = Answer(f"{answer.text}\n\n{say('safe_to_text')}")
            fits = segments(self._compose(state, notes, asked.text)) <= MAX_SEGMENTS
            return await self._send(state, sender, asked if fits else urgent, notes)
        state.pending = answer.stored()
        return await self._send(state, sender, Answer(), notes, ask=say("safe_to_text"))

    async def _asked(
        self, state: SmsState, sender: str, keyword: str, body: str, notes: list[str]
    ) -> str:
        if keyword in _YES:
            state.stage = "ok"
            pending, state.pending = Answer.read(state.pending), {}
            if not pending.text:  # they were answered already (danger first): offer the menu
                pending = await self._assistant(sender, MENU_PAYLOAD)
            return await self._send(state, sender, pending, notes, before=say("safe_yes"))
        if keyword in _NO:
            await sms_state.forget(self.redis, sender)
            return shaped(SmsState(), say("safe_no"))
        if assess(body) is not None:
            answer = await self._assistant(sender, body)
            return await self._send(state, sender, answer, notes, ask=say("safe_ask_again"))
        return await self._send(state, sender, Answer(), notes, ask=say("safe_ask_again"))

    async def _talk(
        self, state: SmsState, sender: str, keyword: str, body: str, notes: list[str]
    ) -> str:
        if keyword == "MORE":
            return await self._send(state, sender, Answer(say("nothing_more")), notes)
        if keyword in ("DISCREET ON", "DISCREET OFF"):
            state.discreet = keyword == "DISCREET ON"
            words = say("discreet_on" if state.discreet else "discreet_off")
            return await self._send(state, sender, Answer(), notes, before=words)
        if keyword == "WORD" or keyword.startswith("WORD "):
            word = _safe_word(body)[len("word") :].strip()
            if not word or word.isdigit() or word.upper() in _RESERVED:
                return await self._send(state, sender, Answer(), notes, before=say("word_missing"))
            state.word = keyed(word, self.key)
            return await self._send(state, sender, Answer(), notes, before=say("word_saved"))
        text = body
        if keyword == "0":
            text = MENU_PAYLOAD
        elif _is_choice(keyword) and state.payloads:
            choice = int(keyword)
            if not 1 <= choice <= len(state.payloads):
                again = Answer(say("not_a_choice"), tuple(state.titles), tuple(state.payloads))
                return await self._send(state, sender, again, notes)
            text = state.payloads[choice - 1]
        answer = await self._assistant(sender, text)
        return await self._send(state, sender, answer, notes)

    # ----- talking to the assistant, and shaping what goes back -----

    async def _assistant(self, sender: str, text: str) -> Answer:
        """The assistant's reply as words plus choices; the safety text if it cannot answer."""
        try:
            messages = await self.rasa.turn(
                sender, text, channel="sms", timeout=self.budget.for_assistant()
            )
        except RasaUnavailable:
            return Answer(say("safety"), unavailable=True)
        if await conversations.forget_if_ended(self.redis, sender):
            return Answer(say("deleted"))  # EXIT arrived while this turn was on its way
        return _flatten(messages)

    async def _send(
        self,
        state: SmsState,
        sender: str,
        answer: Answer,
        notes: list[str],
        before: str = "",
        ask: str = "",
    ) -> str:
        """Send `before`, the answer's words and its choices; `ask` (a question that must
        arrive) goes with the choices, which are never cut."""
        titles, payloads, text = list(answer.titles), list(answer.payloads), answer.text
        tail = "\n".join(p for p in (plain(ask), numbered(say("choices"), titles)) if p)
        if segments(self._compose(state, [*notes, before], text) + "\n" + tail) > MAX_SEGMENTS:
            text = lead_with(text, services_heading(), lead_lines())
        body = self._compose(state, [*notes, before], text)
        if body == first_line(state):  # nothing but the question or the choices
            body, tail = "", body + tail
        fitted = fit(body, tail=tail, more_note=say("more"))
        state.payloads, state.titles, state.more = payloads, titles, fitted.rest
        await sms_state.save(self.redis, sender, state, self.limits.ttl_seconds)
        return fitted.text

    def _compose(self, state: SmsState, notes: list[str], text: str) -> str:
        return first_line(state) + plain("\n\n".join(p for p in (*notes, text) if p))


def first_line(state: SmsState) -> str:
    return f"{say('first_line')}\n\n" if state.discreet else ""


def shaped(state: SmsState, text: str) -> str:
    """A short text as it goes out: the neutral first line while discreet mode is on."""
    return fit(first_line(state) + plain(text)).text


def _flatten(messages: list[BotMessage]) -> Answer:
    """Rasa's messages as one text, with every button as a numbered choice."""
    texts = [m.text for m in messages if m.text]
    buttons = [b for m in messages for b in m.buttons]
    return Answer(
        "\n\n".join(texts),
        tuple(b.title for b in buttons),
        tuple(b.payload for b in buttons),
    )
