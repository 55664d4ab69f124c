"""What a person chose to tell us about themselves, read from their own words.

So that "where can I get help?" gets the right answer without asking again, Lantern remembers a
few facts people volunteer: gender, LGBT+, age group, deafness or disability, a Black or
minoritised community, a migrant status, and which UK nation they are in. Only first-person
statements count ("I'm a gay man", "im 15", "I live in Cardiff"): "my husband" says nothing about
the speaker, so nothing is guessed from who harms them. Rules, not a model: a wrong guess here
would send someone to a service that is not for them, and these phrases are few and regular.

Where someone is becomes a local authority district (directory/geo.py), never kept as they wrote
it: "I live in Telford", "I'm near SY1", a full postcode anywhere in a message, or a message that
is only a place (a reply to "which town?"). The district code finds local services; its nation
the 24-hour helpline.

Pure Python with no Rasa imports, so the SMS channel and tests can use it directly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from directory.geo import Place, PlaceNotFound, resolve
from directory.nations import BY_NAME

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
    # Faith communities with their own services (Muslim Women's Network, Jewish Women's Aid).
    ("community", "muslim"): [
        # Words only Muslims use of themselves: a revert (a convert to Islam), the deen, nikah.
        r"\b(?:i'?m|i am) a revert\b|\bthe deen\b|\bassalamu? ?alaikum\b|\bour nikah\b|\bmy nikah\b",
        _ME + r"(?:muslim|muslimah)\b(?!\s+(?:friend|neighbour|colleague))",
        _FOR + r"(?:muslim|muslims|muslim women)\b",
    ],
    ("community", "jewish"): [
        _ME + r"(?:jewish|a jew|orthodox jewish|frum)\b",
        # A Jewish divorce (a get) is only given in Jewish law: "he refuses to give me a get".
        r"\b(?:from|in|part of) an? (?:orthodox|strictly orthodox|charedi|haredi|jewish) (?:jewish )?community\b"
        r"|\b(?:give|gives|giving|refuses? to give) (?:me )?(?:a|my|the) get\b",
        # Who they turned to: a rabbi, a rebbetzin, "our rav".
        r"\b(?:our|my|the) (?:rabbi|rebbetzin|rav|shul|synagogue)\b",
        _FOR + r"(?:jewish|jews|jewish women)\b",
    ],
    ("community", "black-minoritised"): [
        _ME
        + r"(?:black|asian|south asian|british asian|brown|mixed race|person of colou?r|woman of colou?r|bame|sikh|hindu|pakistani|bangladeshi|indian|somali|nigerian|ghanaian|african|caribbean|arab|kurdish|turkish|chinese|latina|latino|latin american|traveller|gypsy|roma|irish traveller|from an ethnic minority|ethnic minority)\b",
        _FOR
        + r"(?:black|asian|south asian|bame|sikh|hindu|ethnic minorit\w+|minoritised|minority|latin american|migrant women|traveller)\b",
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
# "Live in cardiff" and "in glasgow." open many texts; "she lives near Swansea" and "my pal in
# Glasgow" say where the person they worry about is, which decides the same helpline.
_LEAD = r"(?:\b(?:i live|i'm living|im living|i am living|living|i'm based|im based|i am based|based|i'm|im|i am|we live|we're|we are|we're living|i stay|i'm staying|im staying|i moved|we moved|here)|^|^(?:hi|hello|hiya),?|(?:^|[.!?,] )live|\bmy (?:friend|pal|mate|sister|brother|mum|mom|dad|daughter|son|nan|gran|cousin|auntie|aunt|uncle)(?: lives| is| who lives)?)\s+(?:in|near|outside|just outside|round|around|to)\s+"


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


# A full postcode is unmistakable anywhere in a message; a place name or an outward code counts
# only after a lead-in ("I live in") or as the whole message.
_FULL_POSTCODE = re.compile(r"\b[a-z]{1,2}[0-9][a-z0-9]? ?[0-9][a-z]{2}\b")
_AFTER_LEAD = re.compile(_LEAD + r"([a-z0-9][a-z0-9'&-]*(?: [a-z0-9'&-]+){0,3})")
# A text that opens with where they are: "in glasgow. is it abuse if..."
_OPENING_PLACE = re.compile(r"^(?:(?:in|near) )?([a-z][a-z'&-]*(?: [a-z'&-]+){0,2})(?=[.,!?;:]| -)")
# ...or closes with it, as a fragment of its own: "who do i ask re house n kids? wrexham".
_CLOSING_PLACE = re.compile(
    r"(?:[.!?,;:]|\n) ?(?:(?:we're|were|we are|i'm|im|i am) )?(?:(?:in|near|from|outside) )?"
    r"([a-z][a-z'&-]*(?: [a-z'&-]+){0,2})\s*[.!]?\s*$"
)
_ONLY_A_PLACE = re.compile(
    r"^\s*(?:(?:i'?m |i am )?(?:in|near|from) |(?:my )?post ?code(?: is)?:? )?"
    r"([a-z0-9][a-z0-9 '&-]{1,40}?)\s*[.!]?\s*$"
)


def _resolved(words: str) -> Place | None:
    try:
        return resolve(words)
    except PlaceNotFound:
        return None


def _where(lowered: str) -> tuple[Place, int, int] | None:
    """The place the person says they are in, with where it was said, if any."""
    if match := _FULL_POSTCODE.search(lowered):
        if place := _resolved(match.group(0)):
            return place, match.start(), match.end()
    if match := _ONLY_A_PLACE.fullmatch(lowered):
        if place := _resolved(match.group(1)):
            return place, match.start(1), match.end(1)
    leads = (*_AFTER_LEAD.finditer(lowered), *_OPENING_PLACE.finditer(lowered))
    for match in (*leads, *_CLOSING_PLACE.finditer(lowered)):
        if _NEGATED.search(lowered[max(0, match.start() - 12) : match.end()]):
            continue  # "I'm not in Telford any more"
        words = match.group(1).split()
        for size in range(len(words), 0, -1):  # "telford with my kids" -> "telford"
            if place := _resolved(" ".join(words[:size])):
                return place, match.start(1), match.start(1) + len(" ".join(words[:size]))
    return None


def only_a_place(text: str) -> bool:
    """The whole message is a place ("Telford", "TF1 3AB", "in Shrewsbury"): the person is
    telling us where they are, whatever the intent classifier makes of one word."""
    lowered = text.lower().replace("’", "'")
    match = _ONLY_A_PLACE.fullmatch(lowered)
    return bool(match and _resolved(match.group(1)))


def read(text: str) -> list[Detail]:
    """Details the person volunteered about themselves, one per (entity, value), in text order."""
    lowered = text.lower().replace("’", "'")
    seen: dict[tuple[str, str], Detail] = {}
    if found := _where(lowered):
        place, start, end = found
        if place.districts:
            codes = ",".join(d.code for d in place.districts)
            seen[("district", codes)] = Detail("district", codes, start, end)
        seen[("nation", "place")] = Detail("nation", BY_NAME[place.nation].value, start, end)
    for entity, value, pattern in _RULES:
        if (entity, value) in seen or (entity == "nation" and ("nation", "place") in seen):
            continue
        for match in pattern.finditer(lowered):
            window = lowered[max(0, match.start() - 12) : match.end()]
            # "not british" is itself a key phrase; other matches with a "not" in them are denials.
            if _NEGATED.search(window) and "not " not in pattern.pattern:
                continue
            seen[(entity, value)] = Detail(entity, value, match.start(), match.end())
            break
    return sorted(seen.values(), key=lambda d: d.start)
