"""What a person chose to tell us about themselves, read from their own words.

So that "where can I get help?" gets the right answer without asking again, Lantern remembers a
few facts people volunteer: gender, LGBT+, age group, deafness or disability, a Black or
minoritised community, a migrant status, and which UK nation they are in. Only first-person
statements count ("I'm a gay man", "im 15", "I live in Cardiff"): "my husband" says nothing about
the speaker, so nothing is guessed from who harms them. Rules, not a model: a wrong guess here
would send someone to a service that is not for them, and these phrases are few and regular.

Pure Python with no Rasa imports, so the SMS channel and tests can use it directly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A first-person lead-in: "i'm", "im", "i am", "as a", "me, a". Up to three words may come between
# it and the key word ("i'm a 34 year old gay man").
# Only a few kinds of word may come between the lead-in and the key word ("i'm a 34 year old gay
# man"): any word at all would read "i'm so scared my dad..." as a man speaking.
_FILLER = (
    r"(?:an?|the|just|only|also|still|currently|\d+|years?|yrs?|old|young|single|married|british"
    r"|white|black|brown|asian|mixed|gay|lesbian|bi|trans|deaf|disabled|blind|muslim|sikh|hindu"
    r"|older|elderly|proud|working|retired|partially|hard|of|hearing)"
)
_ME = (
    r"\b(?:i'?m|i am|i was born|as an?|being an?|i identify as|me being)\b(?:\s+"
    + _FILLER
    + r",?){0,6}\s+"
)
_HAVE = r"\b(?:i have|i've got|ive got|i've|ive|i use|i need|i rely on)\b(?:\s+\w+){0,2}\s+"
_FOR = r"\b(?:for|support|help|services?|anyone|anything|charity|charities|helplines?)\s+(?:for|to help)?\s*"

# (entity, value) -> patterns matched against the lower-cased message.
_PATTERNS: dict[tuple[str, str], list[str]] = {
    ("gender", "men"): [
        _ME + r"(?:man|male|guy|bloke|lad|dad|father|husband|boyfriend|fella)\b",
        _FOR + r"(?:men|males|guys|blokes|male victims|dads|fathers)\b",
        r"\b(?:men|males|guys) (?:get|can be|are) (?:abused|victims|hit|beaten)\b",
    ],
    ("gender", "women"): [
        _ME + r"(?:woman|female|girl|lady|mum|mother|wife|girlfriend)\b",
        _FOR + r"(?:women|females|ladies|mums|mothers)\b",
    ],
    ("lgbt", "lgbt"): [
        _ME
        + r"(?:gay|lesbian|bi|bisexual|pan|pansexual|trans|transgender|non-?binary|enby|queer|lgbt\w*|gender ?fluid|intersex)\b",
        _FOR + r"(?:lgbt\w*\+?|gay|lesbian|bi|trans|queer|same[- ]sex)",
        r"\b(?:same[- ]sex|gay|lesbian) (?:relationship|couple|partner|marriage)\b",
        r"\bmy (?:same[- ]sex )?(?:partner|wife|girlfriend|husband|boyfriend) and i are (?:gay|lesbian|both (?:men|women))\b",
    ],
    ("age_group", "young"): [
        _ME
        + r"(?:1[0-7]|[0-9])(?: ?(?:years? old|yrs?|yo|y/o))?\b(?!\s*(?:weeks?|months?|days?|hours?|hrs?|minutes?|mins?|miles?|stone|kg|times?|%))",
        _ME
        + r"(?:teen|teenager|kid|child|minor|in year (?:[7-9]|1[0-3])|at school|still at school|under ?18|under age|underage)\b",
        r"\bi'?m only (?:1[0-7]|[0-9])\b",
        r"\bi'?m in year (?:[7-9]|1[0-3])\b",
        _FOR + r"(?:young people|teenagers|teens|kids|children|under ?18s?|students at school)\b",
    ],
    ("age_group", "older"): [
        _ME + r"(?:[6-9][0-9]|1[01][0-9])(?: ?(?:years? old|yrs?|yo|y/o))?\b",
        _ME
        + r"(?:pensioner|oap|elderly|older person|older woman|older man|retired|in my (?:sixties|seventies|eighties|nineties|60s|70s|80s|90s))\b",
        r"\bin my (?:sixties|seventies|eighties|nineties|60s|70s|80s|90s)\b",
        _FOR + r"(?:older people|the elderly|elderly people|pensioners|older women|older men)\b",
    ],
    ("disability", "deaf"): [
        _ME + r"(?:deaf|hard of hearing|bsl user|hearing impaired)\b",
        _HAVE + r"(?:hearing aids?|bsl|british sign language|sign language)\b",
        _FOR + r"(?:deaf|hard of hearing|bsl)\b",
        r"\b(?:in|use) (?:bsl|british sign language|sign language)\b",
    ],
    ("disability", "disabled"): [
        _ME
        + r"(?:disabled|blind|partially sighted|autistic|wheelchair user|in a wheelchair|housebound)\b",
        _HAVE
        + r"(?:a disability|disabilities|a learning disability|a wheelchair|a carer|ms|cerebral palsy|autism)\b",
        _FOR + r"(?:disabled|people with disabilities|people with a disability|blind|autistic)\b",
        r"\bi (?:use|am in) a wheelchair\b",
    ],
    ("community", "black-minoritised"): [
        _ME
        + r"(?:black|asian|south asian|british asian|brown|mixed race|person of colou?r|woman of colou?r|bame|muslim|sikh|hindu|jewish|pakistani|bangladeshi|indian|somali|nigerian|ghanaian|african|caribbean|arab|kurdish|turkish|chinese|latina|latino|latin american|traveller|gypsy|roma|irish traveller|from an ethnic minority|ethnic minority)\b",
        _FOR
        + r"(?:black|asian|south asian|bame|muslim|sikh|hindu|ethnic minorit\w+|minoritised|minority|latin american|migrant women|traveller)\b",
    ],
    ("immigration", "migrants"): [
        r"\b(?:spouse|partner|family|marriage|student|work|dependant|dependent) visa\b",
        r"\bmy (?:visa|papers|immigration status|leave to remain|brp|residence permit)\b",
        r"\b(?:no recourse to public funds|nrpf|asylum seeker|seeking asylum|claimed asylum|undocumented|no papers|refugee status|overstay\w*)\b",
        _ME
        + r"(?:migrant|immigrant|refugee|asylum seeker|not british|not from (?:here|the uk)|new to the uk|on a visa)\b",
        _FOR + r"(?:migrants|immigrants|refugees|asylum seekers|people without papers)\b",
    ],
}

# Which UK nation someone is in decides the 24-hour helpline. A few places by name, only with a
# lead-in that says the person is there ("I live in Cardiff"), or the bare name as a whole message
# (a reply to "where are you?"). Postcode search is the directory's job.
_PLACES: dict[str, list[str]] = {
    "wales": [
        "wales",
        "cymru",
        "cardiff",
        "swansea",
        "newport",
        "wrexham",
        "bangor",
        "aberystwyth",
        "carmarthen",
        "bridgend",
        "merthyr",
        "llanelli",
        "rhyl",
        "caerphilly",
        "pontypridd",
        "barry",
    ],
    "scotland": [
        "scotland",
        "glasgow",
        "edinburgh",
        "aberdeen",
        "dundee",
        "inverness",
        "stirling",
        "perth",
        "paisley",
        "fife",
        "ayr",
        "kilmarnock",
        "falkirk",
        "livingston",
        "highlands",
    ],
    "northern-ireland": [
        "northern ireland",
        "n ireland",
        "ni",
        "belfast",
        "derry",
        "londonderry",
        "newry",
        "lisburn",
        "armagh",
        "omagh",
        "enniskillen",
        "ballymena",
        "coleraine",
        "bangor county down",
        "co down",
        "co antrim",
        "county antrim",
        "county down",
        "county tyrone",
        "fermanagh",
    ],
    "england": [
        "england",
        "london",
        "birmingham",
        "manchester",
        "leeds",
        "liverpool",
        "sheffield",
        "bristol",
        "newcastle",
        "nottingham",
        "leicester",
        "coventry",
        "bradford",
        "telford",
        "shropshire",
        "shrewsbury",
        "wolverhampton",
        "stoke",
        "derby",
        "southampton",
        "portsmouth",
        "brighton",
        "plymouth",
        "hull",
        "york",
        "norwich",
        "cornwall",
        "devon",
        "kent",
        "essex",
        "yorkshire",
        "lancashire",
        "cumbria",
        "oxford",
        "cambridge",
        "reading",
        "luton",
        "milton keynes",
        "sunderland",
        "middlesbrough",
        "blackpool",
        "preston",
        "exeter",
        "worcester",
        "hereford",
    ],
}
_LEAD = r"\b(?:i live|i'm living|im living|i am living|living|i'm based|im based|i am based|based|i'm|im|i am|we live|we're|we are|we're living|i stay|i'm staying|im staying|i moved|we moved|here)\s+(?:in|near|outside|just outside|round|around|to)\s+"


@dataclass(frozen=True)
class Detail:
    entity: str
    value: str
    start: int
    end: int


def _compiled() -> list[tuple[str, str, re.Pattern[str]]]:
    found = [
        (entity, value, re.compile(pattern))
        for (entity, value), patterns in _PATTERNS.items()
        for pattern in patterns
    ]
    for nation, places in _PLACES.items():
        names = "|".join(re.escape(p) for p in sorted(places, key=len, reverse=True))
        found.append(("nation", nation, re.compile(_LEAD + rf"(?:the )?(?:{names})\b")))
        found.append(("nation", nation, re.compile(rf"^\s*(?:in )?(?:{names})\s*[.!]?\s*$")))
    return found


_RULES = _compiled()
# Statements that say the opposite ("I'm not gay", "I'm not disabled") must not set anything.
_NEGATED = re.compile(r"\b(?:not|never|no longer|isn't|aren't|wasn't|ex-)\b")


def read(text: str) -> list[Detail]:
    """Details the person volunteered about themselves, one per (entity, value), in text order."""
    lowered = text.lower().replace("’", "'")
    seen: dict[tuple[str, str], Detail] = {}
    for entity, value, pattern in _RULES:
        if (entity, value) in seen:
            continue
        for match in pattern.finditer(lowered):
            window = lowered[max(0, match.start() - 12) : match.end()]
            # "not british" is itself a key phrase; other matches with a "not" in them are denials.
            if _NEGATED.search(window) and "not " not in pattern.pattern:
                continue
            seen[(entity, value)] = Detail(entity, value, match.start(), match.end())
            break
    return sorted(seen.values(), key=lambda d: d.start)
