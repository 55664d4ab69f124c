"""Anonymise a person's words before anything keeps them: `anonymise(text)`.

Presidio finds what could identify someone (feedback/recognisers.py); this replaces each with
what it was, in brackets ("[name]", "[phone number]"), or, for a member of staff, with their role
("PC Jones" -> "the officer", "my IDVA Priya" -> "my IDVA"), so what they did still reads.

Offline by construction: Presidio runs on `spacy.blank("en")` (no model to download, none is on
the package index here) and only Lantern's recognisers are registered, so nothing reaches for
tldextract's public suffix list. A blank pipeline leaves every lemma empty, which would make
Presidio's context words ("nhs", "sort code") never count; `_lemmas` fills them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import spacy
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry, RecognizerResult
from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine
from spacy.language import Language
from spacy.tokens import Doc

from feedback import recognisers

LABELS = {
    "PERSON": "[name]",
    "PHONE": "[phone number]",
    "POSTCODE": "[postcode]",
    "EMAIL": "[email]",
    "URL": "[web address]",
    "HANDLE": "[social media name]",
    "ADDRESS": "[address]",
    "PLACE": "[place]",
    "DATE": "[date]",
    "AGE": "[age]",
    "NHS_NUMBER": "[NHS number]",
    "NI_NUMBER": "[NI number]",
    "VEHICLE_REG": "[number plate]",
    "BANK": "[bank details]",
    "REFERENCE": "[reference]",
    "NUMBER": "[number]",
}
# Below this Presidio score a finding is not replaced (a bare ten-digit run with no "nhs" near
# it is 0.4 and still replaced: see LongNumberRecogniser).
MIN_SCORE = 0.35
# A member of staff named after their title: the title says what they did, the name who.
_STAFF_TITLE = {
    "pc": "the officer", "wpc": "the officer", "dc": "the officer", "ds": "the officer",
    "di": "the officer", "dci": "the officer", "sgt": "the officer", "sergeant": "the officer",
    "constable": "the officer", "officer": "the officer", "dr": "the doctor",
    "doctor": "the doctor", "judge": "the judge", "nurse": "the nurse", "cllr": "the councillor",
    "councillor": "the councillor",
}  # fmt: skip
_TITLE_BEFORE = re.compile(r"\b(" + "|".join(_STAFF_TITLE) + r")\.?\s*,?\s*$", re.IGNORECASE)
# "my IDVA Priya", "the social worker, Grace": the role stays and the name goes.
_ROLE_BEFORE = re.compile(
    r"\b(?:my|our|the|his|her|their)\s+(?:idva|isva|ida|support worker|key ?worker|case ?worker"
    r"|social worker|solicitor|lawyer|barrister|advocate|counsell?or|therapist|gp|health visitor"
    r"|midwife|teacher|officer|detective|worker|mentor|advisor|adviser|housing officer)\s*,?\s*$",
    re.IGNORECASE,
)


_VAGUE = {"PHONE": 0.2, "NUMBER": 0.3}


@dataclass(frozen=True)
class Found:
    kind: str  # a key of LABELS
    start: int
    end: int


@dataclass(frozen=True)
class Anonymised:
    text: str
    found: tuple[Found, ...]  # what was replaced, by position in the original


@Language.component("lantern_lemmas")
def _lemmas(doc: Doc) -> Doc:
    for token in doc:
        token.lemma_ = token.lower_
    return doc


class _BlankEnglish(SpacyNlpEngine):
    def __init__(self) -> None:
        # No NER model, so nothing to map; said outright, or Presidio warns at every start.
        empty = NerModelConfiguration(
            model_to_presidio_entity_mapping={}, low_score_entity_names=[], labels_to_ignore=[]
        )
        super().__init__(
            models=[{"lang_code": "en", "model_name": "blank"}], ner_model_configuration=empty
        )

    def load(self) -> None:
        nlp = spacy.blank("en")
        nlp.add_pipe("lantern_lemmas")
        self.nlp = {"en": nlp}  # type: ignore[assignment]  # Presidio types it as None


@lru_cache
def analyser() -> AnalyzerEngine:
    registry = RecognizerRegistry(supported_languages=["en"])
    for recogniser in (
        *recognisers.pattern_recognisers(),
        *recognisers.cued_recognisers(),
        recognisers.UkPhoneRecogniser(),
        recognisers.LongNumberRecogniser(),
        recognisers.SpokenNumberRecogniser(),
        recognisers.NamedPlaceRecogniser(),
        recognisers.OutwardCodeRecogniser(),
        recognisers.TownRecogniser(),
        recognisers.LocalPlaceRecogniser(),
        recognisers.NameRecogniser(),
    ):
        registry.add_recognizer(recogniser)
    return AnalyzerEngine(registry=registry, nlp_engine=_BlankEnglish(), supported_languages=["en"])


_AGE_LIST = re.compile(r"(?:\s*(?:,|and|&)\s*)(\d{1,2})\b(?!\s*(?:%|:|am|pm|years? (?:ago|later)))")


def _more_ages(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Ages listed after one that was found: "my kids are 11, 8 and 4"."""
    more = []
    for result in results:
        if result.entity_type != "AGE":
            continue
        end = result.end
        while match := _AGE_LIST.match(text, end):
            more.append(RecognizerResult("AGE", match.start(1), match.end(1), result.score))
            end = match.end(1)
    return more


@lru_cache
def _public_numbers() -> frozenset[str]:
    """The digits of every national service's number in the directory: "i rang 0808 2000 247 at
    3am" names a helpline, not a person, and is worth keeping for the lead who reads it."""
    from directory.national import national_services

    return frozenset(
        digits
        for service in national_services().values()
        for field in ("phone", "text")
        if (digits := re.sub(r"\D", "", str(service.get(field) or ""))) and len(digits) >= 7
    )


def _private(text: str, result: RecognizerResult) -> bool:
    found = text[result.start : result.end]
    if result.entity_type in ("PERSON", "PLACE"):
        return not recognisers.points_to_no_one(found)
    if result.entity_type not in ("PHONE", "NUMBER"):
        return True
    return re.sub(r"\D", "", found) not in _public_numbers()


def find(text: str) -> list[Found]:
    """What could identify someone, merged so that no two findings overlap (the longer wins)."""
    results = analyser().analyze(text=text, language="en", score_threshold=MIN_SCORE)
    results = [r for r in results if _private(text, r)]
    results += _more_ages(text, results)
    # On the same span the kind its context words confirm wins ("nhs" before ten digits),
    # over what any number of that shape could be.
    ordered = sorted(
        results,
        key=lambda r: (r.start, -(r.end - r.start), -(r.score - _VAGUE.get(r.entity_type, 0))),
    )
    merged: list[Found] = []
    for result in ordered:
        if merged and result.start < merged[-1].end:
            last = merged[-1]
            if result.end > last.end:
                merged[-1] = Found(last.kind, last.start, result.end)
            continue
        merged.append(Found(result.entity_type, result.start, result.end))
    return merged


def anonymise(text: str) -> Anonymised:
    found = find(text)
    out: list[str] = []
    position = 0
    for item in found:
        before = text[position : item.start]
        replacement = LABELS[item.kind]
        if item.kind == "PERSON":
            if title := _TITLE_BEFORE.search(before):
                before = before[: title.start()]
                replacement = _STAFF_TITLE[title.group(1).lower()]
            elif _ROLE_BEFORE.search(before):
                before, replacement = before.rstrip(" ,"), ""
                if text.startswith(",", item.end):  # "the social worker, Grace, kept..."
                    out += [before, replacement]
                    position = item.end + 1
                    continue
        out += [before, replacement]
        position = item.end
    out.append(text[position:])
    return Anonymised("".join(out), tuple(found))
