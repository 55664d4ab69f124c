"""Text shaped for SMS: GSM-7 where possible, at most three segments, choices as numbers.

Hand-written because no maintained Python library does this job: the `twilio` package builds
TwiML and checks signatures but does not count segments, and the GSM 03.38 tables are short and
fixed. A message that fits GSM-7 costs 160 characters for one segment and 153 per segment when
split (7 bytes go on the split header); one character outside it (a curly quote, an emoji)
turns the whole message into UCS-2, at 70 and 67. So typographic characters are replaced with
their plain forms first, and only text that truly needs other letters (a reply in Polish or Urdu)
is sent as UCS-2.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

MAX_SEGMENTS = 3
_LONG_LINE = 153  # a line longer than one segment is cut between words, not left whole

# GSM 03.38 basic character set, and the extension table (each costs two septets).
_GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENSION = set("^{}\\[~]|€\f")
# Typographic characters people and templates use, as the plain characters GSM-7 has.
_PLAIN = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
        "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
        "\u2026": "...", "\u2022": "-", "\u00b7": "-",
        "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u200b": "",
    }
)  # fmt: skip


def plain(text: str) -> str:
    """Typographic characters made plain, emoji and other pictographs dropped."""
    text = text.translate(_PLAIN)
    # Emoji and symbols (So) cost a UCS-2 message and say nothing a word does not.
    text = "".join(c for c in text if unicodedata.category(c) != "So" and c != "\ufe0f")
    return re.sub(r"[ \t]+\n", "\n", text)


def is_gsm7(text: str) -> bool:
    return all(c in _GSM_BASIC or c in _GSM_EXTENSION for c in text)


def segments(text: str) -> int:
    """How many SMS segments `text` takes (0 for an empty message)."""
    if not text:
        return 0
    if is_gsm7(text):
        units = sum(2 if c in _GSM_EXTENSION else 1 for c in text)
        single, multi = 160, 153
    else:
        units = len(text.encode("utf-16-le")) // 2
        single, multi = 70, 67
    return 1 if units <= single else math.ceil(units / multi)


@dataclass(frozen=True)
class Fitted:
    text: str
    rest: str  # what did not fit, for MORE; empty when everything was sent


def fit(body: str, tail: str = "", more_note: str = "", limit: int = MAX_SEGMENTS) -> Fitted:
    """`body` then `tail` (the choices, which must always arrive) in at most `limit` segments.

    What does not fit is cut at a line break, or inside a long paragraph at a word break, the
    `more_note` is added, and the rest comes back for the person to ask for with MORE."""
    whole = "\n".join(p for p in (body, tail) if p)
    if segments(whole) <= limit:
        return Fitted(whole, "")

    def fits(kept: str) -> bool:
        return segments("\n".join(p for p in (kept.rstrip(), more_note, tail) if p)) <= limit

    lines = body.split("\n")
    kept: list[str] = []
    for index, line in enumerate(lines):
        if fits("\n".join([*kept, line])):
            kept.append(line)
            continue
        rest_lines = lines[index + 1 :]
        if len(line) > _LONG_LINE:  # a long paragraph: fill the space word by word
            words = line.split(" ")
            taken: list[str] = []
            for count, word in enumerate(words):
                if not fits("\n".join([*kept, " ".join([*taken, word])])):
                    kept.append(" ".join(taken))
                    rest_lines = [" ".join(words[count:]), *rest_lines]
                    break
                taken.append(word)
        else:
            rest_lines = [line, *rest_lines]
        while kept and kept[-1].rstrip().endswith(":"):
            # A heading ("These services can help:") goes with what it introduces.
            rest_lines.insert(0, kept.pop())
        text = "\n".join(p for p in ("\n".join(kept).rstrip(), more_note, tail) if p)
        return Fitted(text, "\n".join(rest_lines).strip())
    return Fitted(whole, "")  # only the choices were too long: a menu is never cut


def numbered(intro: str, titles: list[str]) -> str:
    """Choices as lines people answer with a number: "Reply with a number:\\n1 Yes\\n2 No"."""
    if not titles:
        return ""
    return "\n".join([intro, *(f"{i} {plain(title)}" for i, title in enumerate(titles, 1))])


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_BELIEF = re.compile(r"\b(?:not|never) (?:your|their) fault\b|\bI believe you\b")
# The crisis line said with 999 ("You can also call Samaritans free on 116 123") is the help
# for suicide: it stays in the first text with the call, never behind MORE.
_CRISIS = re.compile(r"\bSamaritans\b")


def lead_with(text: str, heading: str, leads: tuple[str, ...] = ()) -> str:
    """The reply reordered so that, if it must be cut, the first text still carries what matters.

    Kept first: the reply's first line (999, or what happened named), then the first line of any
    paragraph that starts with one of `leads` ("What you told me is serious."), then the
    paragraph that starts with `heading`: the numbers to call. The rest follows in its order
    and comes with MORE. Without this, a survivor's first text could end on "These services can
    help:" with the number only after MORE.
    """
    paragraphs = text.split("\n\n")
    found = [i for i, p in enumerate(paragraphs) if p.startswith(heading)]
    if not found or found[0] == 0:
        return text
    block = paragraphs.pop(found[0])
    lifted = []
    for i, paragraph in enumerate(paragraphs):
        if i and paragraph.startswith(leads or ("\0",)):
            line, _, rest = paragraph.partition("\n")
            lifted.append(line)
            paragraphs[i] = rest
    # The first sentence (what happened, named), and belief: "It is not your fault" is what
    # people fear not hearing. A heading ("It can be:") stays with its list.
    if segments(paragraphs[0]) == 1:
        # Short enough to stay whole: the 999 reply keeps the Silent Solution with the call.
        ordered = (paragraphs[0], *lifted, block, *paragraphs[1:])
        return "\n\n".join(p for p in ordered if p)
    lines = paragraphs[0].split("\n")
    sentences = _SENTENCE_END.split(lines[0])
    first = sentences[0] if not sentences[0].endswith(":") else ""
    believing = [s for s in sentences if (_BELIEF.search(s) or _CRISIS.search(s)) and s != first]
    later = [" ".join(s for s in sentences[1 if first else 0 :] if s not in believing)]
    for line in lines[1:]:
        (believing if _BELIEF.search(line) else later).append(line)
    lead = " ".join(p for p in [first, *believing] if p)
    rest = "\n".join(p for p in later if p)
    ordered = (lead, *lifted, block, rest, *paragraphs[1:])
    return "\n\n".join(p for p in ordered if p)
