"""The shape of one directory entry, checked when the data is loaded.

Open Referral (HSDS) concepts, flattened to one record per service because a service lead edits
these files (and their CSV) by hand: organisation (`organization`), service (`name`, `summary`),
phones and other channels (`phone`, `text`, `email`, `webchat`, `url`), schedule (`hours`,
`open_24_7`), eligibility (`audiences`), languages and access, service area (`scope`, `area`,
`service_area` as local authority codes) and a taxonomy of needs (`needs`). Every entry says
where its facts come from (`source`, `sources`) and when they were checked (`verified`); a field
listed in `unverified` is never shown to users.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

import phonenumbers
from phonenumbers import shortnumberinfo

# pydantic v1: Rasa pins pydantic < 1.10.10 (see lantern/settings.py).
from pydantic import BaseModel, Extra, Field, root_validator, validator

from directory.nations import AREAS

# Who a service is for (eligibility). A misspelt word would silently hide a service from the
# people it is for, so only these are accepted.
AUDIENCES = frozenset(
    "everyone women men lgbt deaf hard-of-hearing speech-impaired disabled older young"
    " black-minoritised muslim jewish migrants friends-and-family people-who-harm parents"
    " professionals".split()
)
# The taxonomy of needs (issue 5 names the first fourteen groups; the rest are the topics the
# conversation asks about).
NEEDS = frozenset(
    "emergency helpline domestic-abuse refuge idva-outreach behaviour-change children"
    " sexual-violence stalking honour forced-marriage fgm money tech housing legal protection"
    " clares-law mental-health pets child-to-parent older immigration friends-and-family"
    " child-at-risk suicide emotional-support".split()
)
# Ways in that do not depend on hearing or English: shown to deaf people and to people who
# need an interpreter.
ACCESS = frozenset({"bsl", "relay-uk", "text-relay", "interpreters", "video-relay"})
FIELDS_USERS_SEE = (
    "phone", "text", "email", "webchat", "url", "hours", "open_24_7", "audiences", "area",
    "languages", "access", "code", "how_it_works",
)  # fmt: skip
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_LANGUAGE = re.compile(r"[a-z]{2,3}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", re.IGNORECASE)


def _no_scheme(url: str) -> str:
    return re.sub(r"^https?://", "", url)


def uk_phone_problem(number: str) -> str | None:
    """Why `number` is not a UK number someone could dial or text, or None if it is.

    Uses Google's libphonenumber metadata (the `phonenumbers` package): full numbers must be
    valid, and short ones (999, 101, 116 123, text short codes) valid short numbers in the UK.
    """
    if not re.fullmatch(r"[0-9 ]+", number):
        return "only digits and spaces"
    parsed = phonenumbers.parse(number, "GB")
    if phonenumbers.is_valid_number(parsed):
        return None
    if shortnumberinfo.is_valid_short_number_for_region(parsed, "GB"):
        return None
    return "not a valid UK phone number"


class Source(BaseModel):
    class Config:
        extra = Extra.forbid

    url: str
    confirms: str = Field(min_length=10)

    @validator("url")
    def _https(cls, url: str) -> str:
        if not re.fullmatch(r"https?://\S+", url):
            raise ValueError("must be a web address")
        return url


class Service(BaseModel):
    class Config:
        extra = Extra.forbid

    id: str
    name: str = Field(min_length=2)
    organization: str = Field(min_length=2)
    scope: Literal["emergency", "national", "nation", "local"]
    area: str | None = None
    service_area: list[str] | None = None  # local authority district codes, for local services
    phone: str | None = None
    text: str | None = None
    email: str | None = None
    webchat: str | None = None
    url: str | None = None
    hours: str | None = None
    open_24_7: bool | None = None
    audiences: list[str] | None = None
    needs: list[str] = Field(min_items=1)
    by_and_for: bool = False
    languages: list[str] | None = None
    access: list[str] | None = None
    summary: str = Field(min_length=10)
    code: str | None = None
    how_it_works: dict[str, str] | str | None = None  # by kind of phone, when it differs
    unverified: list[str] | None = None
    note: str | None = None
    source: str
    sources: list[Source] = Field(min_items=1)
    verified: dt.date

    @validator("id")
    def _slug(cls, value: str) -> str:
        if not _SLUG.fullmatch(value):
            raise ValueError("must be lower-case words joined by hyphens, like mens-advice-line")
        return value

    @validator("phone", "text")
    def _phone(cls, value: str | None) -> str | None:
        if value is not None and (problem := uk_phone_problem(value)):
            raise ValueError(f"{value!r}: {problem}")
        return value

    @validator("email")
    def _email(cls, value: str | None) -> str | None:
        if value is not None and not _EMAIL.fullmatch(value):
            raise ValueError(f"{value!r} is not an email address")
        return value

    @validator("url", "webchat", "source")
    def _https(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"https://\S+", value):
            raise ValueError("must start with https://")
        return value

    @validator("area")
    def _area(cls, value: str | None) -> str | None:
        if value is not None and value not in AREAS:
            raise ValueError(f"{value!r}: use one of {', '.join(sorted(AREAS))}")
        return value

    @validator("audiences")
    def _audiences(cls, value: list[str] | None) -> list[str] | None:
        unknown = sorted(set(value or []) - AUDIENCES)
        if unknown:
            raise ValueError(f"unknown audience {', '.join(unknown)} (see directory/schema.py)")
        return value

    @validator("needs")
    def _needs(cls, value: list[str]) -> list[str]:
        unknown = sorted(set(value) - NEEDS)
        if unknown:
            raise ValueError(f"unknown need {', '.join(unknown)} (see directory/schema.py)")
        return value

    @validator("languages")
    def _languages(cls, value: list[str] | None) -> list[str] | None:
        bad = [code for code in value or [] if not _LANGUAGE.fullmatch(code)]
        if bad:
            raise ValueError(f"{', '.join(bad)}: use ISO 639 codes such as en, cy, pl, bfi")
        return value

    @validator("access")
    def _access(cls, value: list[str] | None) -> list[str] | None:
        unknown = sorted(set(value or []) - ACCESS)
        if unknown:
            raise ValueError(
                f"unknown access {', '.join(unknown)}: use {', '.join(sorted(ACCESS))}"
            )
        return value

    @validator("verified")
    def _not_in_future(cls, value: dt.date) -> dt.date:
        if value > dt.date.today():
            raise ValueError("a check cannot be dated in the future")
        return value

    @root_validator(skip_on_failure=True)
    def _consistent(cls, values: dict) -> dict:
        unknown = sorted(set(values.get("unverified") or []) - set(FIELDS_USERS_SEE))
        if unknown:
            raise ValueError(f"unverified lists {', '.join(unknown)}, which users are never shown")
        if values["scope"] == "local" and not values.get("service_area"):
            raise ValueError("a local service needs service_area (local authority codes)")
        if values["scope"] in ("national", "nation") and values.get("area") is None:
            raise ValueError(f"a {values['scope']} service needs area")
        # The stored copies were often read over http; the scheme is not part of the evidence.
        if _no_scheme(values["source"]) not in {_no_scheme(s.url) for s in values["sources"]}:
            raise ValueError("source must be one of the sources' urls")
        return values
