"""The UK recognisers the anonymiser runs in Presidio (feedback/anonymise.py).

Presidio's own recognisers are American or need a trained NER model, which this machine cannot
download; these are written for how people in the UK write feedback on a phone: lower case,
typos, numbers in any format. Hand-written patterns because no maintained package knows UK
postcodes, NI numbers, number plates or crime references; phone numbers are phonenumbers'
(Google's libphonenumber) and first names and surnames are Faker's lists for many countries.

Recall matters more than precision here: a word wrongly hidden costs a little meaning, a name
left in can identify someone. So a number long enough to be anyone's identifier is hidden even
when nothing says what it is.
"""

from __future__ import annotations

import csv
import importlib
import pkgutil
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import phonenumbers
import regex
from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult
from spacy.lang.en.stop_words import STOP_WORDS
from wordfreq import zipf_frequency

from directory import geo

_I = re.IGNORECASE

# --- numbers ---------------------------------------------------------------------------------

_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:(?:19|20)\d\d|'?\d\d)"


def pattern_recognisers() -> list[PatternRecognizer]:
    """Formats that say what they are on their own, with the words that make them surer."""

    def recogniser(entity: str, patterns: list[tuple[str, float]], context=()) -> PatternRecognizer:
        return PatternRecognizer(
            supported_entity=entity,
            name=f"lantern_{entity.lower()}",
            patterns=[Pattern(f"{entity} {i}", p, s) for i, (p, s) in enumerate(patterns)],
            context=list(context),
        )

    return [
        recogniser("POSTCODE", [(r"\b[A-Z]{1,2}[0-9][A-Z0-9]?[\s-]*[0-9][A-Z]{2}\b", 0.9)]),
        recogniser(
            "EMAIL",
            [
                (r"\b[\w.+'-]+@[\w-]+(?:\.[\w-]+)+\b", 0.95),
                (
                    r"\b[\w.+'-]+\s+at\s+[\w-]+(?:\s+dot\s+[a-z]+)+\b",
                    0.9,
                ),  # said aloud: "littlemissy92 at example dot com"
                # Written so that robots miss it: "r.okonkwo [at] example.org".
                (
                    r"\b[\w.+'-]+\s*[\[(]\s*at\s*[\])]\s*[\w-]+(?:\s*(?:\.|[\[(]\s*dot\s*[\])])\s*[\w-]+)+\b",
                    0.9,
                ),
            ],
        ),
        recogniser(
            "URL",
            [
                (r"\b(?:https?://|www\.)[^\s<>\"]+", 0.9),
                (
                    r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|co\.uk|org\.uk|uk|io|me|info|biz|tv|ly|app)"
                    r"(?:/[^\s<>\"]*)?(?![\w@])",
                    0.6,
                ),
            ],
        ),
        recogniser(
            "HANDLE",
            [
                (r"(?<![\w.@])@[A-Za-z0-9_][A-Za-z0-9_.]{1,29}(?<!\.)", 0.9),
                (r"(?<![\w.@#])[A-Za-z0-9_.]{2,32}#\d{4}\b", 0.85),  # Discord: "shadowwolf#4471"
                # What only a user name looks like, said anywhere: "lil_dee99", "jaybee88".
                (r"(?<![\w.@])[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_.]*[A-Za-z0-9](?![\w@])", 0.7),
                (r"(?<![\w.@])[A-Za-z]{2,}\d{2,}(?![\w@])", 0.5),
                # A dotted name that is not a web address: "kevwood.roofing", "kayz.xoxo".
                (
                    r"(?<![\w.@/])(?!(?:e\.g|i\.e|a\.m|p\.m|etc)\b)[a-z][a-z0-9_]{2,}\.[a-z][a-z0-9_.]{2,}(?<!\.)(?![\w@/])",
                    0.5,
                ),
            ],
        ),
        recogniser(
            "NI_NUMBER",
            [(r"\b[A-Z]{2}[\s-]?\d{2}[\s-]?\d{2}[\s-]?\d{2}[\s-]?[A-D]\b", 0.8)],
            ["ni", "insurance"],
        ),
        recogniser(
            "NHS_NUMBER",
            [(r"\b\d{3}[\s-]?\d{3}[\s-]?\d{4}\b", 0.4)],
            ["nhs", "number", "no", "hospital", "gp"],
        ),
        recogniser("BANK", [(r"\b\d{2}[-\s]\d{2}[-\s]\d{2}\b", 0.5)], ["sort", "code", "bank"]),
        recogniser(
            "DATE",
            [
                (r"\b[0-3]?\d[/.-][01]?\d[/.-](?:19|20)?\d\d\b", 0.85),
                (rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\.?(?:,?\s+{_YEAR})?\b", 0.7),
                (
                    rf"\b{_MONTH}\.?\s+{_DAY}(?:,?\s+{_YEAR})?\b(?!\s*(?:times|days|weeks|hours))",
                    0.6,
                ),
                (r"(?<=\bon\s(?:the\s)?)[0-3]?\d/[01]?\d\b(?!/)", 0.6),
                # A day of the month on its own: "on the 14th", "till the 21st".
                (
                    r"(?<=\b(?:on|till|until|til|by|from|since|before|after) the )[0-3]?\d(?:st|nd|rd|th)\b"
                    r"(?!\s+(?:time|floor|century|week|month|year|birthday|anniversary|place|attempt|of\s+(?:the|every|each)\b))",
                    0.6,
                ),
                (r"(?<=\bborn )(?:in )?(?:19|20)\d\d\b", 0.7),
                # The weekday with it: "Friday 8th March".
                (
                    rf"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\s+{_DAY}\s+(?:of\s+)?{_MONTH}\b",
                    0.7,
                ),
                (
                    r"\b(?:christmas(?: day| eve)?|new year'?s(?: day| eve)?|boxing day|easter(?: sunday)?"
                    r"|bonfire night|valentine'?s(?: day)?|halloween|mother'?s day|father'?s day)\s+(?:19|20)\d\d\b",
                    0.7,
                ),
                # Said in words: "the twenty first of april".
                (
                    r"\b(?:(?:twenty|thirty)[\s-]?)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth"
                    rf"|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth"
                    rf"|eighteenth|nineteenth|twentieth|thirtieth)\s+of\s+{_MONTH}\b",
                    0.7,
                ),
            ],
            ["born", "dob", "birthday", "date"],
        ),
        recogniser(
            "REFERENCE",
            [
                (r"\b[A-Z]{1,4}\s?/\s?\d{2,}(?:\s?/\s?\d{2,})*\b", 0.8),
                (r"(?-i:\b[A-Z]{1,4}-\d{2,}(?:-\d+)+\b)", 0.8),  # "VS-118-2047", "HN-2024-88172"
            ],
            ["crime", "reference", "ref", "case", "incident", "number"],
        ),
    ]


class _Recogniser(EntityRecognizer):
    """One of Lantern's recognisers: one kind of detail each, and nothing to load."""

    entity = ""

    def __init__(self) -> None:
        super().__init__(supported_entities=[self.entity], name=f"lantern_{type(self).__name__}")

    def load(self) -> None:
        pass


class _Cued(_Recogniser):
    """A value found by what comes before it ("crime ref 4521", "snap is kezza.x"): the
    `value` group of each pattern is the entity, the rest only says where it is."""

    def __init__(
        self, entity: str, patterns: list[str], score: float = 0.85, keep_areas: bool = False
    ) -> None:
        self._patterns = [re.compile(p, _I) for p in patterns]
        self._score = score
        self._keep_areas = keep_areas  # a council area or a country found here stays
        EntityRecognizer.__init__(
            self, supported_entities=[entity], name=f"lantern_cued_{entity.lower()}"
        )

    def analyze(self, text, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        return [
            RecognizerResult(
                self.supported_entities[0], m.start("value"), m.end("value"), self._score
            )
            for pattern in self._patterns
            for m in pattern.finditer(text)
            if not (self._keep_areas and m.group("value").lower() in _areas())
        ]


_STREET = (
    r"(?:road|rd|street|st|lane|ln|avenue|ave|close|cl|drive|dr|way|court|ct|crescent|cres"
    r"|grove|gr|place|pl|gardens|gdns|terrace|tce|walk|hill|row|square|sq|mews|park|view|rise"
    r"|green|parade|meadows?|fields?|vale|croft|chase|wharf|quay|brow|gate|lea|dene|yard"
    r"|heights|house|towers?|buildings|estate|cottages?|lodge|point|mansions|flats|villas|bank"
    r"|side|end|brook|dale|wood|field|moor|ridge|mount|copse|garth|fold|nook|crescent|circus"
    r"|approach|parkway|boulevard|broadway|causeway|promenade|esplanade)"
)
# Words that never start a street's name: "3 times a day", "2 kids and the park".
_NOT_A_NAME = (
    r"(?!(?:a|an|the|and|or|of|to|in|on|at|for|my|his|her|our|their|times?|days?|weeks?|months?"
    r"|years?|hours?|mins?|minutes?|kids?|children|people|miles?|of|more|or)\b)"
)
_NAME_WORD = rf"{_NOT_A_NAME}[a-z][a-z'-]*"
# A place said in lower case after "in the": not "the car park" or "the same road".
_PLACE_WORD = (
    r"(?!(?:car|play|skate|retail|same|local|next|other|that|this|big|little|main|high|back"
    r"|front|his|her|my|our|their|a|an|the|new|old)\b)[a-z][a-z'-]*"
)
_SMALL = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TENS_AND_TEENS = (
    rf"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]{_SMALL})?"
    r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
)
_NUMBER_WORD = rf"(?:{_TENS_AND_TEENS}|{_SMALL})"
_INSTITUTION = (
    r"(?i:bakery|mosque|masjid|academy|primary|infants|juniors|nursery|children's centre"
    r"|childrens centre|day centre|family centre|community centre|care home|nursing home"
    r"|police station|station|café|cafe|sixth form|surgery|gp surgery|medical centre|health centre"
    r"|rc high|high school|school|college|church hall|church|chapel|temple|gurdwara|library|leisure centre"
    r"|gym|hotel|salon|garage|plumbing|builders|takeaway|chippy|pub|arms|inn|tavern"
    r"|youth club|social club|working men's club|boxing club|football club|village hall|rest home|retirement home|clinic|uni|university|nightclub|club"
    r"|parish|estate|mini mart|mart|shop|stores|newsagents?|supermarket|high|grammar)"
)
_FLAT = r"(?:(?:flat|apt|apartment|unit|room)\s*\d+[a-z]?\s*,?\s*)"
_HOUSE_NAME = r"(?:(?:the\s+)?[a-z][a-z'-]+(?:\s+[a-z][a-z'-]+){0,2}\s*,\s*)"
_WELSH_STREET = r"(?:heol|ffordd|stryd|lon|rhodfa|maes|bryn|cae|llys|pant|cwrt)"
# What a number before them counts, when it is not someone's age.
_NOT_AN_AGE = (
    r"times|days?|weeks?|months?|years? (?:ago|on|later|in|of|now|before)|hours?|hrs?|mins?"
    r"|minutes?|seconds?|miles?|%|pounds|quid|k\b|grand|ft|foot|feet|stone|kg|am\b|pm\b"
    r"|years? (?:free|clean|sober|out|away|since|together|married)"
    r"|o'?clock|:|\.\d|/|kids|children|people|of\b|or\b|calls|texts|messages|nights"
    r"|weekends?|police|officers|cars|houses|doors|pages|bags|bottles|cans|pints|drinks|out of"
)


def cued_recognisers() -> list[EntityRecognizer]:
    return [
        _Cued(
            "ADDRESS",
            [
                # "flat 12, Cedar Point, 140 Hill Street", "apartment 9, The Wharf, 2 Canal St".
                rf"(?P<value>\b{_FLAT}(?:{_HOUSE_NAME})?\d{{1,4}}[a-z]?,?\s+(?:{_NAME_WORD}\s+){{1,3}}{_STREET})\b",
                rf"(?P<value>\b{_FLAT}(?:(?:on|off)\s+(?:the\s+)?)?(?:{_NAME_WORD}\s+){{0,3}}{_STREET}(?:\s+(?:on|off)\s+(?:{_NAME_WORD}\s+){{1,3}}{_STREET})?)\b",
                # "3 The Paddocks": a house number and a Capitalised name after "The".
                r"(?P<value>\b\d{1,4}[a-z]?,?\s+(?-i:The\s+[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?))",
                rf"(?P<value>\b(?:no\.?\s*|number\s+)?(?:\d+/\d+,?\s+)?\d{{1,4}}[a-z]?,?\s+(?:the\s+)?(?:{_NAME_WORD}\s+){{0,3}}{_STREET}(?:\s*,\s*(?:flat|apt|apartment|unit|room)\s*\d+[a-z]?)?)\b",
                # A named building on a street: "Cedar House on Park Road".
                rf"(?P<value>\b(?:{_NAME_WORD}\s+){{1,2}}(?:house|court|lodge|towers?|point|block|hall|mansions|heights)\s+(?:on|off)\s+(?:{_NAME_WORD}\s+){{1,3}}{_STREET})\b",
                # A named block and a room: "Kingfisher Hall, room 214".
                rf"(?P<value>\b(?:{_NAME_WORD}\s+){{1,2}}(?:hall|house|court|lodge|towers?|point|block)s?\s*,?\s*(?:flat|room|apt|apartment|unit)\s*\d+[a-z]?)\b",
                # "number 22 on Albion Street", "19-21 Canal Side", "7/2 Harlaw Row".
                rf"(?P<value>\bnumber\s+\d{{1,4}}[a-z]?\s+(?:on|in|at)\s+(?:the\s+)?(?:{_NAME_WORD}\s+){{1,3}}{_STREET})\b",
                rf"(?P<value>\b(?:\d{{1,4}}\s?[-–]\s?\d{{1,4}}|\d{{1,3}}/\d{{1,3}})[a-z]?,?\s+(?:the\s+)?(?:{_NAME_WORD}\s+){{0,3}}{_STREET})\b",
                # A house number in words before a Capitalised street: "forty one Ashby Lane".
                rf"(?P<value>\b(?:number\s+)?{_NUMBER_WORD}(?:[\s-]{_SMALL})?\s+(?-i:(?:[A-Z][a-z'-]+\s+){{1,3}}){_STREET})\b",
                r"(?-i:(?P<value>\bThe\s+Old\s+(?:Forge|Rectory|Vicarage|Mill|Bakery|Post Office|School|School House|Barn|Chapel|Smithy|Dairy|Stables|Granary|Coach House|Station|Manse|Schoolhouse|Police House)))\b",
                # The house names most given in Britain: "The Gables", "The Laurels".
                r"(?-i:(?P<value>\bThe\s+(?:Gables|Laurels|Beeches|Willows|Firs|Elms|Pines|Limes|Hollies|Cedars"
                r"|Oaks|Maples|Poplars|Grange|Orchard|Paddocks?|Larches|Rowans|Birches|Chestnuts|Sycamores"
                r"|Hawthorns|Spinney|Coppice|Homestead|Bungalow|Cottage|Coach House|Nook|Haven|Retreat)))\b",
                # One word for the street: "22 Kingsway, Rhyl", "4 Eastgate".
                r"(?-i:(?P<value>\b\d{1,4}[a-z]?\s+[A-Z][a-z]{2,}(?:way|gate|side|field|fields|bank|croft|dale|wynd|row|lands|moor|brook))\b)",
                # A flat number and its block on an estate: "31 Tangmere on Broadwater Farm".
                r"(?P<value>\b\d{1,4}[a-z]?\s+(?-i:[A-Z][a-z'-]+))(?=\s+(?:on|off)\s+(?:the\s+)?(?-i:[A-Z]))",
                # A house name and its street: "The Old Forge, Back Lane".
                rf"(?P<value>(?-i:\bThe\s+[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?)\s*,\s*(?-i:(?:[A-Z][a-z'-]+\s+){{1,2}}){_STREET})\b",
                # Welsh names put the kind of street first: "31 Heol y Felin".
                rf"(?P<value>\b\d{{1,4}}[a-z]?,?\s+{_WELSH_STREET}(?:\s+[a-z'-]+){{1,3}})\b",
            ],
        ),
        _Cued(
            "PLACE",
            [
                # The town after an address: "62 Bryn Road, Pontypridd".
                rf"\b{_STREET}\s*,\s*(?P<value>(?-i:[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?))"
                r"(?=\s*(?:,|\.|$|\band\b|[A-Z]{1,2}\d))",
                r"\b(?P<value>ward\s+\d+[a-z]?)\b",
                # "the Leith office", "the Bangor office": where a service's office is says where.
                r"\b(?P<value>(?-i:[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?))\s+(?:office|branch|hub|surgery|library)\b",
                r"(?P<value>\bst\.?\s+[a-z]+(?:'s|s)?(?:\s+(?:rc|ce|c of e|catholic))?(?:\s+(?:primary|school|church|high|academy|infants|juniors|college))?)\b",
                # A saint with two names: "St Oliver Plunkett's".
                r"(?-i:(?P<value>\bSt\.?\s+[A-Z][a-z]+\s+[A-Z][a-z]+['’]s))",
                # Pubs: "the Dog and Duck", "the Rose and Crown".
                r"(?-i:\b(?:the|The)\s+(?P<value>[A-Z][a-z]+\s+(?:and|&)\s+[A-Z][a-z]+))\b",
                r"(?-i:\b(?P<value>(?:Heol|Ffordd|Stryd|Lôn|Lon|Rhodfa|Maes|Cwrt|Llys)\s+(?:y\s+|yr\s+)?[A-Z][a-z]+))",
                # Welsh schools, chapels, churches and centres: "Ysgol y Berllan".
                r"(?P<value>\b(?:ysgol|capel|eglwys|canolfan|meddygfa)(?:\s+(?:y|yr|[^\W\d_][\w'-]*)){1,3})",
            ],
            score=0.75,
            keep_areas=True,
        ),
        _Cued(
            "PLACE",
            [
                # A named street, estate, school, ward or place of worship on its own.
                r"(?-i:(?P<value>\b(?:[A-Z][a-z'-]+\s+){1,3}(?:Road|Street|Lane|Avenue|Close|Drive|Way"
                r"|Court|Crescent|Grove|Gardens|Terrace|Walk|Hill|Row|Square|Mews|Park|Estate|Primary"
                r"|Academy|School|College|Surgery|Hospital|Ward|ward|Church|Mosque|Temple|Gurdwara"
                r"|Synagogue|Centre|Arms|Inn|Tavern|Infirmary|Clinic|Barracks))\b)",
                rf"\b(?:on|in|at|near|off|from|outside|round|onto)\s+(?:the\s+)?(?P<value>(?:{_PLACE_WORD}\s+){{1,2}}(?:road|street|lane|avenue|close|drive|estate|primary|academy|school|surgery|ward|church|mosque|gurdwara|temple|park|arms|infirmary))\b",
                r"(?P<value>\b(?:st|saint)\.?\s+[a-z]+(?:'s|s)\s+(?:primary|school|church|hospital|ward|academy|college))\b",
                r"(?-i:(?P<value>\b(?:[A-Z][a-z'-]+\s+){1,3}(?:C of E|CofE|C\.E\.|CE|RC|R\.C\.)\s+(?:Primary|School|Academy|High|Infants|Juniors|Junior|First|Middle)))\b",
                r"\b(?:the)\s+(?P<value>(?:royal|princess|queen|king|queens|kings|prince)\s+[a-z]+(?:\s+hospital)?)\b",
                r"(?-i:(?P<value>\b(?:HMP|HMYOI|HMS|RAF|HMNB)\s+[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?))",
                # "school is Holy Family", "our GP is Cromwell Road".
                r"\b(?:school|nursery|college|surgery|gp|doctors|church|mosque|work|works|job)\s+(?:is|was|called|:)\s+"
                r"(?P<value>(?-i:[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+){0,3}))",
            ],
            score=0.7,
        ),
        _Cued(
            "HANDLE",
            [
                r"\b(?:insta(?:gram)?|ig|snap(?:chat)?|sc|tik\s?tok|tt|twitter|x|fb|facebook|threads"
                r"|handle|username|user name|xbox|psn|playstation|steam|discord|gamertag|gaming tag|tag)"
                r"(?:\s+(?:name|handle|account|tag))?"
                r"(?:\s+(?:is|was|as)|:)\s+(?P<value>@?[a-z0-9_][a-z0-9_.]{2,29}[a-z0-9_])\b",
                # Without "is": only what cannot be a word ("on snap kezza.x", "insta jay_b").
                r"\b(?:insta(?:gram)?|ig|snap(?:chat)?|sc|tik\s?tok|twitter|fb|facebook)\s+"
                r"(?:(?:on|at|from|as)\s+)?(?P<value>(?=[a-z0-9_.]*[a-z])@?[a-z0-9_]*[._\d][a-z0-9_.]*[a-z0-9_])\b",
            ],
        ),
        _Cued(
            "REFERENCE",
            [
                r"\b(?:crime|incident|case|ref|reference|log|occurrence|court|claim|file|job|housing|benefit|tenancy|urn|application|app)"
                r"(?:\s+(?:ref(?:erence)?|number|no\.?|num|#))?(?:\s+(?:is|was|of))?\s*[:#]?\s*"
                r"(?P<value>[a-z0-9][a-z0-9/*-]*\d[a-z0-9/*-]*)",
                r"(?P<value>\b(?:crn|urn|cad|crime ref)\s*[:#]?\s*\d[\d/-]*\d)",
                # Letters and six digits or more in one run: "20CT1234523", "HA-002781".
                r"(?<![\w-])(?P<value>(?=[a-z0-9*/-]*\d{6})(?=[a-z0-9*/-]*[a-z*])[a-z0-9][a-z0-9*/-]{5,}[a-z0-9])(?![\w-])",
            ],
        ),
        _Cued(
            "BANK",
            [
                r"\b(?:card|account|acc)\s+(?:ending|ends|ending in|ends in|ending with|number ending)\s*:?\s*(?P<value>\d{3,4})\b",
                r"\b(?:sort\s*code|account(?:\s+(?:number|no\.?))?|acc(?:ount)?\s*no\.?|a/c)"
                r"(?:\s+(?:is|was))?\s*[:#]?\s*(?P<value>\d[\d\s-]{4,12}\d)\b",
            ],
        ),
        _Cued(
            "VEHICLE_REG",
            [
                r"(?-i:\b(?P<value>[A-Z]{2}[0-9]{2}\s?[A-Z]{3}|[A-Z][0-9]{1,3}\s?[A-Z]{3}|[A-Z]{3}\s?[0-9]{1,3}[A-Z])\b)",
                # Northern Ireland's: three letters and up to four digits ("KFZ 4821").
                r"(?-i:\b(?P<value>[A-Z]{3}\s?[0-9]{1,4})\b)",
                r"\b(?:reg|plate|numberplate|registration|car|van|motorbike|bike)\W+(?:\w+\W+){0,5}?"
                r"(?P<value>[a-z]{2}\d{2}\s?[a-z]{3}|[a-z]\d{1,3}\s?[a-z]{3})\b",
                # In lower case, which no word is: "ab12cde", "ma66 kzo".
                r"(?<![\w-])(?P<value>[a-z]{2}\d{2}\s?[a-z]{3})(?![\w-])",
                # Spelt out letter by letter: "L M 21 X Z P".
                r"(?-i:\b(?P<value>[A-Z]\s[A-Z]\s\d\s?\d\s[A-Z]\s[A-Z]\s[A-Z])\b)",
            ],
        ),
        _Cued(
            "AGE",
            [
                r"\b(?:i'?m|i am|im|he'?s|she'?s|he is|she is|they'?re|they are|hes|shes|aged?|was|turned|turning)\s+"
                rf"(?P<value>\d{{1,3}})\b(?!\s*(?:{_NOT_AN_AGE}))",
                # In brackets after a name: "Callum McLeod (38)".
                r"(?<=[a-z])\s*\((?P<value>\d{1,2})\)",
                # After a name or a person, between commas: "I am Noor, 19.", "Hunter, 16, is".
                r"(?:(?-i:\b[A-Z][a-z'-]+)|\b(?:man|woman|lady|boy|girl|lad|lass|me|myself|mum|dad)),\s*"
                r"(?P<value>\d{1,2})(?=\s*(?:[.,!;)]|$|\s+and\b))",
                # Between commas, or before "now": "Tyler (he/him), 18, trans lad", "born 1958, 66 now".
                r",\s*(?P<value>\d{1,2})\s*(?=,|\.|$|\s+now\b)",
                r"\b(?:both|all|aged|age)\s+(?P<value>\d{1,2})\b(?!\s*(?:%|of|times|days|weeks|months|years? (?:ago|later)))",
                rf"\b(?:he'?s|she'?s|they'?re|hes|shes|is|are|i'?m|im)\s+(?:like|about|around|nearly|almost|over|under|only|just)\s+(?P<value>\d{{1,3}}|{_NUMBER_WORD}(?:-{_SMALL})?)\b(?!\s*(?:{_NOT_AN_AGE}))",
                rf"\bwho(?:'?s| is)\s+(?P<value>\d{{1,2}}|{_NUMBER_WORD})\b(?!\s*(?:{_NOT_AN_AGE}))",
                # "me ma's 70", "Joy 12 she signs".
                r"\b(?:ma|mum|mam|da|dad|nan|gran|son|daughter|wean|kid|bairn|lad|lass|boy|girl|boyfriend"
                r"|girlfriend|bf|gf|partner|husband|wife|brother|sister|(?-i:[A-Z][a-z]+))(?:'s|s)?\s+"
                rf"(?P<value>\d{{1,2}})\b(?!\s*(?:{_NOT_AN_AGE}|[a-z]+\s+(?:road|street|lane|close|way|drive|avenue)))",
                r"(?P<value>\b\d{1,3}[\s-]*(?:yo|y/o|y\.o\.?|yrs? old|years? old|year-old|years-old|yr-old|year old))\b",
                rf"(?P<value>\b{_NUMBER_WORD}(?:[\s-]{_SMALL})?[\s-]+(?:years?|yrs?)[\s-]old)\b",
                r"(?P<value>\b\d{1,2}[\s-]*(?:weeks?|wks?|months?|mths?)[\s-]old)\b",  # "our 3 month old"
                r"\b(?:is|was|are|r|aged?)\s+(?P<value>\d{1,2}\s*(?:yrs?|yo))\b",  # "my lad is 4yrs"
                # "a woman of seventy-two", "a man of 60".
                rf"\b(?:man|woman|lady|gent|gentleman|person|girl|boy|lad|lass|boyfriend|girlfriend|partner|husband|wife)\s+of\s+(?P<value>\d{{1,3}}|{_NUMBER_WORD}(?:[\s-]{_SMALL})?)\b(?!\s*(?:{_NOT_AN_AGE}|years?))",
                # A baby's age: "she's 4 weeks", "baby is 8 wks old", "Zion - 10 months".
                r"(?:\b(?:(?:she|he|who|baby|son|daughter|youngest|eldest|kid|child|boy|girl|grandson|granddaughter|they)(?:\s*['’]?s|\s+(?:is|was|were|are|r|turned))|aged?|babies)|[-–:(])\s*(?P<value>\d{1,2}\s*(?:weeks?|wks?|months?|mths?|mnths?)(?:\s+old)?)\b"
                r"(?!\s+(?:ago|later|pregnant|gone|in|on|of|now|since|away|left|to go|before|after|out|clean|sober|free))",
                r"\b(?P<value>\d{1,3})\s+(?:years?|yrs?)\s+of\s+age\b",  # "I am 78 years of age"
                # "31 when i finally left", "by 21 i had two kids", "am 27 now".
                r"\b(?P<value>\d{1,2})\s+when\s+(?:i|he|she|we|they)\b",
                r"\bby\s+(?P<value>\d{1,2})\s+(?:i|he|she|we|they)\b",
                r"(?<![\d\s]\s)(?<!\d)\bam\s+(?P<value>\d{1,2})\b(?!\s*(?:[:.]\d|am|pm|times|{_NOT_AN_AGE}))".replace(
                    "{_NOT_AN_AGE}", _NOT_AN_AGE
                ),
                r"\b(?:(?:married|pregnant|engaged|left|left home|left school|moved out|split up|separated|divorced|met (?:him|her|them))\s+at|at the age of)"
                rf"\s+(?P<value>\d{{1,2}})\b(?!\s*(?:am|pm|o'?clock|:|\.\d|years?|yrs?|{_NOT_AN_AGE}))",
                rf"\b(?:i'?m|i am|am|he'?s|she'?s|is|was)\s+(?:now|still|only|nearly|almost|just|over|under)\s+(?P<value>{_TENS_AND_TEENS}(?:[\s-]{_SMALL})?)\b(?!\s*(?:{_NOT_AN_AGE}))",
                # "Zainab, 31 years,", "Age: about 30".
                r",\s*(?P<value>\d{1,2}\s*(?:years?|yrs?))\s*(?=,|\.|$)",
                r"\bage\s*[:=-]?\s*(?:about|around|approx\.?|roughly|maybe|like|abt)\s+(?P<value>\d{1,3})\b",
                # A list of children: "Amara - 11", "Josiah: 8".
                r"(?-i:\b[A-Z][a-z'-]+)\s*[-–:]\s*(?P<value>\d{1,2})\b(?=\s*(?:$|\n|,|;|\.(?!\d)))",
                # "my nan is 88", "she was only 17", "my kids are 9 and 11".
                r"\b(?:is|are|r|was|were|only|just)\s+(?:only\s+|just\s+)?(?P<value>\d{1,3}(?:\s*(?:,|and|&)\s*\d{1,3})*)\b"
                rf"(?!\s*(?:{_NOT_AN_AGE}))",
                rf"\b(?:aged?|i'?m|i am|am|he'?s|she'?s|hes|shes|is|turned|was|were)\s+(?P<value>{_TENS_AND_TEENS})\b"
                rf"(?!\s*(?:{_NOT_AN_AGE}))",
                # A small number said as a word only where it can only be an age: "my kids are
                # four and six.", "my son Yusuf ten years".
                rf"\b(?:is|are|aged?|he'?s|she'?s|hes|shes|they'?re)\s+(?P<value>{_NUMBER_WORD}(?:\s+and\s+{_NUMBER_WORD})?)"
                r"\s*(?=[.!,;]|$|\s+and\s+(?:they|he|she|we|it)\b|\s+(?:they|he|she|but|so)\b)",
                rf"\b(?:son|daughter|child|kid|boy|girl|baby|brother|sister|(?-i:[A-Z][a-z]+))\s+(?P<value>{_NUMBER_WORD})\s+(?:years?|yrs?)(?:\s+old)?\b"
                r"(?!\s+(?:ago|later|on|in|of|now|before|free|together|married|since|away|clean))",
            ],
        ),
    ]


class UkPhoneRecogniser(_Recogniser):
    """Phone numbers as libphonenumber reads them for the UK, in any spacing or punctuation."""

    entity = "PHONE"

    def analyze(self, text, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        # POSSIBLE, not VALID: Ofcom's drama numbers and new ranges are not "valid" in
        # libphonenumber's data but are numbers all the same. A UK number has ten digits or more;
        # shorter matches are scores ("10/10"), years and sort codes.
        return [
            RecognizerResult("PHONE", match.start, match.end, 0.9)
            for match in phonenumbers.PhoneNumberMatcher(
                text, "GB", leniency=phonenumbers.Leniency.POSSIBLE
            )
            if sum(c.isdigit() for c in match.raw_string) >= 10
        ]


class NamedPlaceRecogniser(_Recogniser):
    """A place named with its kind: "Hendy's bakery", "Al-Noor mosque", "Brookfield children's
    centre", "oakfield academy", "Rosebank police station". The name is the one or two words
    before the kind that are not everyday words ("my daughters school", "told the school" are
    not places anyone could be found at)."""

    entity = "PLACE"
    _KIND = re.compile(rf"\b{_INSTITUTION}\b", _I)
    # Kinds of place that are also everyday words: only after a name ("Ali's shop", "moorside
    # high"), never after a word for what is sold there ("the kebab shop").
    _WEAK = re.compile(r"shop|stores|mart|club|high|uni|university|estate|parish|clinic", _I)
    _WORD = re.compile(r"([^\W\d_][\w'’&.-]*)\s+$")

    def analyze(self, text, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        found = []
        for kind in self._KIND.finditer(text):
            start, names = kind.start(), 0
            for _ in range(3):
                word = self._WORD.search(text, 0, start)
                if not word:
                    break
                w = word.group(1)
                lower = w.lower().strip("'’")
                capitalised = w[0].isupper() and not (w.isupper() and len(w) <= 3)
                rare_below = 2.5 if self._WEAK.fullmatch(kind.group(0)) else 4.0
                if (
                    lower in STOP_WORDS
                    or lower in NOT_NAMES
                    or not (capitalised or zipf_frequency(lower, "en") < rare_below)
                ):
                    break
                start, names = word.start(1), names + 1
            if names:
                found.append(RecognizerResult("PLACE", start, kind.end(), 0.75))
        return found


_REPEATS = {"double": 2, "treble": 3, "triple": 3}


class SpokenNumberRecogniser(_Recogniser):
    """A number said in words, as voice-to-text writes it: "zero seven seven zero zero nine
    double oh four five two". Seven digits or more, like LongNumberRecogniser."""

    entity = "PHONE"
    # Digits typed among the words count too: "07700 nine double oh 314"; "hundred" is two
    # noughts, as "oh seven seven hundred" is said.
    _DIGIT = r"(?:zero|oh|o|nought|one|two|three|four|five|six|seven|eight|nine|hundred|\d+)"
    _RUN = re.compile(
        rf"\b(?:(?:double|treble|triple)\s+)?{_DIGIT}(?:[\s,-]+(?:(?:double|treble|triple)\s+)?{_DIGIT})+\b",
        _I,
    )

    def analyze(self, text, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        found = []
        for match in self._RUN.finditer(text):
            digits, repeat, said = 0, 1, False
            for word in re.findall(r"[a-z]+|\d+", match.group(0).lower()):
                if word in _REPEATS:
                    repeat = _REPEATS[word]  # "double oh" is two digits
                elif word.isdigit():
                    digits, repeat = digits + len(word), 1
                else:
                    said = True
                    digits, repeat = digits + (2 if word == "hundred" else repeat), 1
            if digits >= 7 and said:
                found.append(RecognizerResult("PHONE", match.start(), match.end(), 0.8))
        return found


_OH_DIGITS = re.compile(r"(?<![\w])[0-9oO]*\d[0-9oO]*(?![\w])")


def _noughts(text: str) -> str:
    """The letter o typed for a nought in a run of digits ("o77oo 9oo 5o1") as the digit; the
    same length, so what is found keeps its place in the text."""
    return _OH_DIGITS.sub(lambda m: m.group(0).replace("o", "0").replace("O", "0"), text)


class LongNumberRecogniser(_Recogniser):
    """Any run of seven or more digits (spaces, dots, dashes and brackets allowed inside): a
    phone, account, NHS or reference number whatever the words around it say."""

    entity = "NUMBER"

    _RUN = re.compile(r"(?<![\w£$€])\+?\(?\d[\d\s().-]{5,}\d(?![\d%])")

    def analyze(self, text, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        found = []
        for match in self._RUN.finditer(_noughts(text)):
            span = match.group(0).rstrip(" .-(")
            if sum(c.isdigit() for c in span) >= 7:
                found.append(
                    RecognizerResult("NUMBER", match.start(), match.start() + len(span), 0.6)
                )
        return found


class OutwardCodeRecogniser(_Recogniser):
    """A postcode district on its own ("TF1", "cf10"): only codes that exist."""

    entity = "POSTCODE"

    _CODE = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?)\b", _I)

    def analyze(self, text, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        known = geo.outward_codes()
        return [
            RecognizerResult("POSTCODE", m.start(1), m.end(1), 0.7)
            for m in self._CODE.finditer(text)
            if m.group(1).upper() in known or re.fullmatch(r"BT\d{1,2}", m.group(1), _I)
        ]


class TownRecogniser(_Recogniser):
    """Towns and villages finer than a council area, in any case: the directory's towns and the
    UK's populated places (feedback/data/places_gb.csv, GeoNames). Looked up word by word in a
    set, since a regular expression of 3,000 names would be slow on every message."""

    entity = "PLACE"
    _WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")

    def analyze(self, text, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        places, longest = _place_names()
        words = list(self._WORD.finditer(text))
        found = []
        index = 0
        while index < len(words):
            for size in range(min(longest, len(words) - index), 0, -1):
                start, end = words[index].start(), words[index + size - 1].end()
                if " ".join(text[start:end].lower().split()) in places:
                    found.append(RecognizerResult("PLACE", start, end, 0.7))
                    index += size - 1
                    break
            index += 1
        return found


# "Clacton-on-Sea" is "Clacton", "Newcastle-under-Lyme" is "Newcastle-under-Lyme" too.
_SHORT_FORM = re.compile(r"[- ](?:on|upon|under|in|le|by)[- ].*$", _I)


@lru_cache
def _places_file() -> tuple[dict[str, str], ...]:
    with (Path(__file__).resolve().parent / "data" / "places_gb.csv").open(encoding="utf-8") as f:
        return tuple(csv.DictReader(f))


@lru_cache
def _everyday_places() -> frozenset[str]:
    """Places named with an everyday word ("Sale", "Mold", "Deal"): a place only when
    Capitalised after "in", "at", "near" (LocalPlaceRecogniser)."""
    return frozenset(row["place"] for row in _places_file() if row["everyday_word"] == "yes") - {
        n.capitalize() for n in NOT_NAMES
    }


@lru_cache
def _place_names() -> tuple[frozenset[str], int]:
    """Lower-case place names (and their short forms when those are not everyday words), and
    the most words any of them has."""
    names = {row["place"].lower() for row in _places_file() if row["everyday_word"] == "no"}
    names |= {t.lower() for t in geo.towns_within_districts()}
    short = {_SHORT_FORM.sub("", n) for n in names}
    names |= {n for n in short if " " in n or zipf_frequency(n, "en") < 3.5}
    names = {" ".join(n.replace("’", "'").split()) for n in names} - _areas() - NOT_NAMES
    return frozenset(names), max(len(n.split()) for n in names)


# --- names -------------------------------------------------------------------------------------


@lru_cache
def name_list() -> frozenset[str]:
    """First names and surnames, lower case, from every Faker locale (in any script: a name
    typed in Latin letters only matches Latin entries)."""
    import faker.providers.person as person

    names: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = getattr(
            importlib.import_module(f"{person.__name__}.{module.name}"), "Provider", None
        )
        for attribute in ("first_names", "last_names", "first_names_male", "first_names_female"):
            for klass in getattr(provider, "__mro__", ()):
                value = klass.__dict__.get(attribute)
                if value is not None:
                    break
            if isinstance(value, dict | list | tuple):
                names.update(
                    n.lower()
                    for n in value
                    if isinstance(n, str) and re.fullmatch(r"[^\W\d_][^\W\d_'-]+", n)
                )
    return frozenset(names - _NEVER_NAMES)


# Words people use for each other and for services, which Faker also lists as someone's name.
_NEVER_NAMES = frozenset(
    """nan nana mate lad lass pal bro sis mum mam dad papa mama baby babe love hun hunny
    doctor nurse judge officer police court council guard boss chief major general sister
    mother father brother son daughter uncle aunt aunty auntie cousin friend man woman lady
    girl boy guy fella bloke kid kids child queen king prince princess lord saint god allah
    help the and but van de der den la le el al mol imam""".split()
)

# Whose name may follow: a title, a role or a relation ("PC Jones", "my idva priya").
_TITLE = r"(?:mr|mrs|ms|miss|mx|dr|doctor|pc|wpc|dc|ds|di|dci|dsg|sgt|sergeant|constable|officer|judge|prof|nurse|rev|reverend|imam|rabbi|father|councillor|cllr|pan|pani|sri|shri|sheikh|pastor|detective|inspector|lady)"
_ROLE = (
    r"(?:idva|isva|ida|iswa|ywo|support worker|key ?worker|case ?worker|social worker|sw"
    r"|solicitor|lawyer|barrister|advocate|counsell?or|therapist|gp|doctor|health visitor"
    r"|midwife|nurse|teacher|officer|detective|worker|mentor|advisor|adviser|housing officer"
    r"|ex|ex-partner|ex partner|ex husband|ex-husband|ex wife|ex-wife|partner|husband|wife"
    r"|boyfriend|girlfriend|bf|gf|fiance|fiancee|son|daughter|mum|mam|mom|mother|dad|father"
    r"|brother|sister|nan|nana|gran|granny|grandad|grandma|grandpa|uncle|aunt|auntie|aunty"
    r"|cousin|friend|mate|best mate|bestie|neighbour|boss|manager|landlord|landlady|kid|baby"
    r"|stepdad|step dad|stepmum|step mum|step-dad|step-mum|brother in law|sister in law"
    r"|mother in law|father in law|carer|child|youngest|eldest|oldest|sibling|niece|nephew"
    r"|grandson|granddaughter|grandchild|stepson|stepdaughter|step son|step daughter|godson"
    r"|goddaughter|godmother|headteacher|head teacher|caretaker|receptionist|childminder"
    r"|little girl|little boy|girl|boy|lad|lass|little one|wee one|police officer|policeman"
    r"|policewoman|copper|cop)"
)
# Naming someone outright: any word after these is a name, unless it is a word for no one.
_NAMING = r"(?:name is|name's|names|named|known as|aka|goes by|went by|nickname is|nickname was|nicknamed)"
_INTRO = r"(?:called|calls himself|calls herself|ask for|speak to|spoke to|talk to|talked to|thanks to|thank you to|thank u to|thank you|thank u|thanks|thankyou|ty|cheers|shout out to|shoutout to|big up|me and|me n|me an|kind regards|regards|best wishes|many thanks|yours sincerely|yours faithfully|sincerely|faithfully|love from)"
# Saying who they are: "it's Jen", "I'm Noor" (never "it's summer", "i'm gay").
_SELF = r"(?:it's|its|this is|i am|i'm|im|my name is|my name's|me name)"
# Titles only ever put before a name, so any word after them is one ("mrs brown", "mr woods").
_HONORIFIC = r"(?:mr|mrs|ms|mx|dr|pc|wpc|dc|ds|sgt|cllr|prof)"
# Doing something with someone: "tell gene", "call shaz", "i met Jordan Brown".
_VERB = r"(?:tell|told|call|ring|text|message|msg|ask|asked|met|meet|meeting)"
# Nicknames: "big mick", "our kel", "wee jamie".
_NICKNAME = r"(?:big|wee|lil|little|our|young|old)"
# Letters in any alphabet's Latin form ("Siân", "Paweł", "Wiśniewska", "O'Neill", "Price-Lewis").
_NAME_TOKEN = r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))+"


class NameRecogniser(_Recogniser):
    """People's names: after a title, a role or "called"; Capitalised mid-sentence; words that
    are names and rarely anything else ("priya", "okafor"), in any case; and a name at the start
    of a sentence doing something ("ryan did this", "hope from the outreach team")."""

    entity = "PERSON"
    # The determiner is optional: "husband Omar hit me", "Husband Rafiqul Islam".
    _cue = regex.compile(
        rf"\b(?:(?P<hon>{_HONORIFIC})\.?|{_TITLE}\.?|(?:(?:my|our|his|her|their|the|a|your|ur|me|ma|mi)\s+)?(?:{_ROLE})(?P<is>\s+(?:is|was)|\s*:)?"
        rf"|{_NICKNAME}|(?P<self>{_SELF})|(?P<naming>{_NAMING})|(?P<intro>{_INTRO})|(?P<verb>{_VERB}))"
        rf"\s*[,(]?\s*['\"‘“]?(?<=[\s(,'\"‘“])(?P<value>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,2}})",
        regex.IGNORECASE,
    )
    _token = re.compile(_NAME_TOKEN)

    def analyze(self, text, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        spans = [(s, e, 0.85) for s, e in self._after_cues(text)]
        spans += list(self._by_word(text))
        spans += [(m.start("value"), m.end("value"), 0.8) for m in _INITIALS.finditer(text)]
        spans += [
            (m.start("value"), m.end("value"), 0.75)
            for m in _DOTTED.finditer(text)
            if m.group("value").replace(".", "").lower() not in _NOT_INITIALS
        ]
        spans += list(_named_before(text))
        spans += [
            (m.start("value"), m.end("value"), 0.75)
            for m in _HERE.finditer(text)
            if not not_a_name(m.group("value").lower())
            and (_listed(m.group("value").lower()) or zipf_frequency(m.group("value"), "en") < 3.5)
        ]
        spans += [
            (m.start("value"), m.end("value"), 0.8)
            for m in _SIGN_OFF.finditer(text)
            if not not_a_name(m.group("value").lower())
            and (
                m.group("value")[0].isupper()
                or _listed(m.group("value").lower())
                or zipf_frequency(m.group("value"), "en") < 3.5
            )
        ]
        spans += list(_signed(text))
        spans += [
            (m.start("value"), m.end("value"), 0.8)
            for m in _BEFORE_ROLE.finditer(text)
            if not not_a_name(m.group("value").lower())
            and (m.group("value")[0].isupper() or _listed(m.group("value").lower()))
        ]
        spans += [
            (m.start("value"), m.end("value"), 0.75)
            for m in _FROM_INITIALS.finditer(text)
            if m.group("value").lower() not in NOT_NAMES | _NOT_INITIALS
        ]
        spans += self._spread(text, spans)
        # An initial after any name found: "Lucy R", "Kacper W.".
        spans = [
            (s, initial.end() if (initial := _INITIAL_AFTER.match(text, e)) else e, score)
            for s, e, score in spans
        ]
        return [RecognizerResult("PERSON", s, e, score) for s, e, score in spans]

    def _spread(
        self, text: str, spans: list[tuple[int, int, float]]
    ) -> list[tuple[int, int, float]]:
        """A name found once is a name everywhere in the message ("Grace ... thank you Grace"),
        and so is a Capitalised word listed beside it ("Lisa, Kath, Mo and Precious")."""
        known = {text[s:e].lower() for s, e, _ in spans}
        known = {w for name in known for w in name.split() if w not in NOT_NAMES and len(w) > 1}
        covered = [(s, e) for s, e, _ in spans]
        added: list[tuple[int, int, float]] = []
        # "and", "n", "or" stand between names rather than being one: "Lou and Becca".
        tokens = [t for t in self._token.finditer(text) if t.group(0).lower() not in _JOINERS]
        changed = True
        while changed:
            changed = False
            for index, token in enumerate(tokens):
                start, end = token.span()
                if any(s <= start < e for s, e in covered):
                    continue
                word = token.group(0)
                neighbours = tokens[max(index - 1, 0) : index] + tokens[index + 1 : index + 2]
                beside = any(
                    _LISTED_WITH.fullmatch(text, min(end, other.end()), max(start, other.start()))
                    and any(s <= other.start() < e for s, e in covered)
                    for other in neighbours
                )
                lower = word.lower()
                if lower in known or (
                    beside
                    and not (word.isupper() and len(word) <= 4)
                    and (
                        word[0].isupper() or (_listed(lower) and zipf_frequency(lower, "en") < 5.0)
                    )
                    and not not_a_name(lower)
                ):
                    added.append((start, end, 0.7))
                    covered.append((start, end))
                    changed = True
        return added

    def _after_cues(self, text: str) -> Iterator[tuple[int, int]]:
        names = name_list()
        # Overlapping: "a nurse called faith" is a title, then "called", then the name.
        shouting = _shouting(text)
        for match in self._cue.finditer(text, overlapped=True):
            start = match.start("value")
            # After "thank u" or "called" a name may be an everyday word ("thank u hope"); after
            # a role it may be the verb ("my partner beat me").
            listed_below = 5.8 if match.group("intro") else 4.0 if match.group("self") else 5.0
            first = self._token.match(text, match.start("value"))
            capital_below = 5.5
            if first and _ACTS.match(text, first.end()) and not match.group("self"):
                # "my mate mark told me", "my mate Will told me": the name is doing something.
                listed_below, capital_below = 5.8, 6.5
            # After "my partner is" or "tell", a lower-case word must be a listed name.
            guarded = bool(match.group("is") or match.group("verb"))
            taken = None
            for i, word in enumerate(self._token.finditer(match.group("value"))):
                w = word.group(0).lower() if shouting else word.group(0)
                lower, frequency = w.lower(), zipf_frequency(w, "en")
                if i == 0 and match.group("hon"):
                    sure = lower not in STOP_WORDS and lower not in NOT_NAMES
                elif i == 0 and match.group("naming"):
                    # "his name is will": a listed name even if it is a common word.
                    sure = lower not in NOT_NAMES and (
                        lower in names or (lower not in STOP_WORDS and frequency < 5.8)
                    )
                else:
                    # Not not_a_name(): after "my boyfriend", Jordan is a person, not the country.
                    sure = (
                        lower not in NOT_NAMES
                        and lower not in _institution_words()
                        and (
                            (
                                w[0].isupper()
                                and frequency < (4.5 if match.group("self") else capital_below)
                            )
                            or (
                                lower in names
                                and frequency < listed_below
                                and (listed_below < 5.8 or lower not in STOP_WORDS)
                            )
                            or (
                                frequency < 3.5
                                and not (
                                    guarded
                                    and i == 0
                                    and lower not in names
                                    and not nickname(lower)
                                )
                            )
                        )
                    )
                # A surname after a first name may be any listed word ("Tanya King", "Frank Wood").
                later = (
                    i > 0
                    and lower not in STOP_WORDS
                    and (w[0].isupper() or lower in names or (shouting and frequency < 5.5))
                )
                if not (sure if i == 0 else later):
                    break
                taken = start + word.end()
            if taken and (initial := _INITIAL_AFTER.match(text, taken)):
                taken = initial.end()  # "the worker Hannah J was nice"
            if taken:
                yield start, taken

    def _by_word(self, text: str) -> Iterator[tuple[int, int, float]]:
        shouting = _shouting(text)
        tokens = list(self._token.finditer(text))
        for index, match in enumerate(tokens):
            word = re.sub(r"['’]s$", "", match.group(0))
            lower = word.lower()
            end = match.start() + len(word)
            if _listed(lower) and lower not in NOT_NAMES and _ADDRESSED.match(text, end):
                # Spoken to, so a person: "Jordan if you read this", "CALLUM!!! if u find this".
                yield match.start(), end, 0.7
                continue
            if (word.isupper() and not shouting) or len(word) < 2:
                continue  # acronyms (ABE, NHS), unless the whole message is in capitals
            if not_a_name(lower):
                continue  # NOT_NAMES ("Tuesdays" too), council areas, countries, services
            frequency = zipf_frequency(lower, "en")
            before = text[: match.start()].rstrip()
            starts_sentence = not before or before[-1] in ".!?\n"
            starts_clause = starts_sentence or before[-1] in ',;:-("“'
            capitalised = word[0].isupper() and not shouting
            listed = _listed(lower)
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            pair = (
                following is not None
                and text[end : following.start()].strip() == ""
                and following.group(0)[0].isupper()
                and not shouting
                and not not_a_name(following.group(0).lower())
                and f"{lower} {following.group(0).lower()}" not in _areas()
                # One of the two must look like a name: not "Very Helpful".
                and any(
                    _listed(w) or zipf_frequency(w, "en") < 3.5
                    for w in (lower, following.group(0).lower())
                )
            )
            if capitalised and pair and (not starts_sentence or listed):
                yield match.start(), end, 0.65  # two Capitalised words: a name or a place
            elif capitalised and index and _pair_end(tokens, index, text) and not starts_sentence:
                yield match.start(), end, 0.65
            elif listed and match.group(0).lower().endswith(("'s", "’s")) and frequency < 5.0:
                yield match.start(), end, 0.7  # "kyle's mum"
            elif listed and capitalised and not starts_sentence and frequency < 5.5:
                yield match.start(), end, 0.7
            elif listed and frequency < (4.5 if shouting else 4.0):
                yield match.start(), end, 0.7
            elif capitalised and frequency < 3.0:
                yield match.start(), end, 0.6  # a rare Capitalised word: a name or a place
            elif (listed or capitalised) and _ADDRESSED.match(text, end):
                yield match.start(), end, 0.7  # "frank if u read this", "Mo if ur reading"
            elif starts_clause and (listed or nickname(lower)) and _ACTS.match(text, end):
                yield match.start(), end, 0.7  # "ryan did this", "hope from the outreach team"
            elif listed and _AGED.match(text, end):
                yield match.start(), end, 0.7  # "Ryan, 28, turned up"
            elif listed and (initial := _INITIAL_AFTER.match(text, end)):
                yield match.start(), initial.end(), 0.7  # "Lisa G from housing", "Kacper W."


_TAIL = regex.compile(
    r"(?:^|[.!?\n:]|\s[-–—]|,)\s*[-–—]?\s*"
    r"(?P<value>(?:[A-Z]\.){1,3}|[^\s.!?\n,:]+(?:\s+[^\s.!?\n,:]+){0,2})\s*[.!x]*\s*$"
)


def _signed(text: str) -> Iterator[tuple[int, int, float]]:
    """A name signing off a message on its own: "- Will", "Prefer email. Julia", "That is all. R",
    "- J.P."."""
    match = _TAIL.search(text.rstrip())
    if not match:
        return
    for word in match.group("value").split():
        bare = word.strip("()'\"")
        lower = bare.lower()
        initials = re.fullmatch(r"(?:[A-Z]\.?){1,3}", bare) is not None
        name_like = bare[:1].isupper() and (_listed(lower) or zipf_frequency(lower, "en") < 3.5)
        # A lone capital after a dash signs off ("- A"); "a" is a word only in lower case.
        if not (initials or name_like) or (not_a_name(lower) and len(bare.strip(".")) > 1):
            return
    yield match.start("value"), match.end("value"), 0.75


@lru_cache
def _name_starts() -> frozenset[str]:
    """The first two to six letters of every listed name: what nicknames are made from."""
    return frozenset(n[:k] for n in name_list() for k in range(2, min(len(n), 6) + 1))


_NICK_ENDINGS = ("zza", "zz", "z", "no", "o", "y", "ie", "sy", "s")


def nickname(lower: str) -> bool:
    """A rare word made the British way from a listed name: "gaz" (Gary), "shaz" (Sharon),
    "jonno", "kev", "tiff", "jord". Only where something else says a person is meant."""
    if not 3 <= len(lower) <= 7 or lower in NOT_NAMES or zipf_frequency(lower, "en") >= 3.3:
        return False
    starts = _name_starts()
    stems = {lower} | {
        lower[: -len(e)] for e in _NICK_ENDINGS if lower.endswith(e) and len(lower) - len(e) >= 2
    }
    return any(stem in starts for stem in stems)


def _named_before(text: str) -> Iterator[tuple[int, int, float]]:
    """The words before "is my name" or "was his nickname" that are not everyday words: "KC was
    my abusers nickname", "victoria ogunleye-pratt is my name"."""
    for match in _NICKNAMED.finditer(text, overlapped=True):
        start = match.start("value")
        for word in re.finditer(r"\S+", match.group("value")):
            lower = word.group(0).lower()
            if lower in STOP_WORDS or not_a_name(lower):
                start = match.start("value") + word.end()  # "and that is his name": not a name
        if start < match.end("value"):
            start += len(text[start : match.end("value")]) - len(
                text[start : match.end("value")].lstrip()
            )
            yield start, match.end("value"), 0.75


def _pair_end(tokens: list, index: int, text: str) -> bool:
    """The second of two Capitalised words ("Bridgewater Logistics")."""
    previous = tokens[index - 1]
    word = previous.group(0)
    return (
        text[previous.end() : tokens[index].start()].strip() == ""
        and word[0].isupper()
        and not not_a_name(word.lower())
        and f"{word.lower()} {tokens[index].group(0).lower()}" not in _areas()
        and any(
            _listed(w) or zipf_frequency(w, "en") < 3.5
            for w in (word.lower(), tokens[index].group(0).lower())
        )
    )


def _listed(lower: str) -> bool:
    """In the name lists, whole or each part of it ("maria-josé", "price-lewis")."""
    names = name_list()
    return lower in names or ("-" in lower and all(p in names for p in lower.split("-") if p))


@lru_cache
def _brands() -> frozenset[str]:
    lines = (Path(__file__).resolve().parent / "data" / "brands.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip() for line in lines.splitlines() if line.strip() and not line.startswith("#")
    )


_GENERIC_TAIL = re.compile(
    r"\s+(?:express|extra|metro|local|superstore|store|warehouse|plant|cafe|café)$"
)


def points_to_no_one(found: str) -> bool:
    """A national chain or brand ("Tesco", "the Co-op"), or a national service's name ("Women's
    Aid", "Leeds Women's Aid"): found as a place or a name, but it says nothing about who."""
    lower = " ".join(found.lower().replace("’", "'").split()).removeprefix("the ")
    if _GENERIC_TAIL.sub("", lower) in _brands() or lower in _brands():
        return True
    words = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", lower)
    named = [w for w in words if w in _institution_words()]
    # Two words of services' names at least: "Southall" alone is a place, "Trafford Centre" too.
    return len(named) >= 2 and all(w in named or w in _areas() for w in words)


def not_a_name(lower: str) -> bool:
    """A word that is never taken for a name: NOT_NAMES (and their plurals), council areas,
    countries, and the words of national services' names."""
    return (
        lower in NOT_NAMES
        or lower.removesuffix("s") in _DAYS
        or lower in _areas()
        or lower in _institution_words()
    )


@lru_cache
def _institution_words() -> frozenset[str]:
    """Words of the national services' names (the directory's), and of public bodies: two
    Capitalised words with one of these are a service ("Citizens Advice"), not a person."""
    from directory.national import national_services

    words = {
        w.lower()
        for service in national_services().values()
        for field in ("name", "organization")
        for w in re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", service.get(field) or "")
    }
    words |= {re.sub(r"['’]s$", "", w) for w in words}
    return frozenset(words | set(_PUBLIC_BODIES.split())) - name_list()


_PUBLIC_BODIES = """unit team service services programme project group centre support police
    protection public council court family housing adult social care health trust university
    college school academy primary helpline line advice aid national domestic abuse county
    borough city constabulary detective constable sergeant inspector pastor"""


def _shouting(text: str) -> bool:
    """The whole message in capitals: letter case says nothing about names."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 20 and sum(c.isupper() for c in letters) > 0.8 * len(letters)


@lru_cache
def _areas() -> frozenset[str]:
    """Council areas and countries: names of places that may stay."""
    from faker.providers.address.en import Provider

    from directory.nations import NAMES

    return (
        geo.council_area_names()
        | {c.lower() for c in Provider.countries}
        | {n.lower() for n in NAMES}
    )


class LocalPlaceRecogniser(_Recogniser):
    """A Capitalised place after "in", "at", "near": a pub, a care home, an area of a town
    ("in the Crown", "at Maple Lodge", "at Wythenshawe"); council areas and countries stay."""

    entity = "PLACE"

    _AFTER = re.compile(
        r"\b(?:in|at|on|near|from|to|outside|round|by|off|behind|opposite)\s+(?P<the>the\s+)?"
        r"(?P<value>[A-Z][a-z'-]+(?:\s+(?:&\s+)?[A-Z][a-z'-]+){0,2})"
    )

    def analyze(self, text, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        found = []
        for match in self._AFTER.finditer(text):
            value = match.group("value")
            words = value.lower().split()
            # Not not_a_name(): a service's name may hold a place ("Southall Black Sisters").
            single = len(words) == 1
            if (
                value.lower() in _areas()
                or (single and (words[0] in NOT_NAMES or words[0].removesuffix("s") in _DAYS))
                or words[0] in _SERVICES
            ):
                continue
            rare = any(zipf_frequency(w, "en") < 3.5 for w in words) or (
                single and not match.group("the") and value in _everyday_places()
            )
            if rare or match.group("the") or len(words) > 1:
                found.append(
                    RecognizerResult("PLACE", match.start("value"), match.end("value"), 0.75)
                )
        # In lower case only a word rarely written for anything else: "lives in wythenshawe",
        # "the greggs on briggate" (a misspelt word goes too: a little meaning, never a place).
        for match in self._LOWER.finditer(text):
            lower = match.group("value").lower()
            if (
                zipf_frequency(lower, "en") < 2.5
                and re.search(r"[aeiouy]", lower)  # not text-speak ("in txts")
                and lower not in _areas()
                and lower not in NOT_NAMES
                and lower not in _SERVICES
            ):
                found.append(
                    RecognizerResult("PLACE", match.start("value"), match.end("value"), 0.6)
                )
        return found

    _LOWER = re.compile(
        r"\b(?:in|at|on|near|nr|from|outside|round|around|to|towards|off)\s+"
        r"(?P<value>[a-z][a-z'-]{3,})\b(?!['’]s\b)"
    )


# Services people name, which may stay: "at the Council", "in Refuge".
_SERVICES = frozenset(
    """council police refuge court station jobcentre job hospital nhs women's womens respect
    galop samaritans citizens cab shelter home office dwp universal karma freedom""".split()
)
# A name being spoken to.
_ADDRESSED = re.compile(
    r"\s*[!,.]*\s+if\s+(?:u|you|ur|you're|youre|ya)\s+(?:are\s+|r\s+|ever\s+)?(?:read|reading|see|seeing|find|finding|get|getting)\b"
    r"|\s*[!,]+\s*(?:you|u|ur|you're|youre)\s+(?:are\s+|r\s+)?(?:a\s+)?(?:legend|star|angel|hero|amazing|the best)"
    r"|\s*[!,]*\s+(?:ur|you're|youre|you are|u r|you r)\s+(?:a|an|such a|so|the)\s+\w+",
    re.IGNORECASE,
)
# What stands between names in a list: "Lisa, Kath, Mo and Precious", "Philippa (Pip)".
_LISTED_WITH = re.compile(r"\s*(?:,|&|and|or|n|\(|\)|\)\s*\()\s*", re.IGNORECASE)
# An initial and a surname: "J. Smith", "K. Okonkwo"; a title and an initial: "Miss P".
_INITIALS = regex.compile(
    r"(?P<value>\b[A-Z]\.\s?[A-Z][a-z'-]+)|\b(?i:mr|mrs|ms|miss|mx)\.?\s+(?P<value>[A-Z])\b(?!\.\s?[A-Z][a-z])"
)
# A name and what it is: "KC was my abusers nickname".
_NICKNAMED = regex.compile(
    rf"(?P<value>\b{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,2}})\s+(?:is|was|were)\s+(?:(?:my|his|her|their|your|ur|the|a)\s+(?:\w+\s+)?(?:nick\s?name|name)"
    r"|what\s+(?:they|people|everyone|everybody|we|you)\s+call(?:s|ed)?\s+(?:him|her|them))\b",
    regex.IGNORECASE,
)
# Initials signing: "from SB and her 3 kids", "my ex (D)".
_FROM_INITIALS = regex.compile(
    rf"(?:\bfrom\s+|(?:{_ROLE})\s*\(\s*)(?P<value>(?-i:[A-Z]{{1,3}}))(?=\s*(?:x+\b|and\b|&|,|\)|$))",
    regex.IGNORECASE,
)
# Initials with full stops: "my ex (D.W.)", "J.M. from the council".
_DOTTED = regex.compile(r"(?<![\w.])(?P<value>(?:[A-Z]\.\s?){1,2}[A-Z]\.?)(?![\w.])")
_NOT_INITIALS = frozenset(
    "uk us usa am pm eg ie nb ps gp dv da id tv hr cv ok rip asap aka po ss sw ne nw se fyi".split()
)
# Saying who is writing first: "jaz here, my insta is ...".
_HERE = regex.compile(
    rf"^\s*(?:hi|hiya|hey|hello)?[\s,]*(?P<value>{_NAME_TOKEN})\s+here\b", regex.IGNORECASE
)
# A name with who they are after it: "Faith, my support worker, ...", "Pat (my sister in law)".
_BEFORE_ROLE = regex.compile(
    rf"(?P<value>\b{_NAME_TOKEN})\s*(?:,|\(|-)\s*(?:my|our|the|his|her|their|ur|your)\s+(?:{_ROLE})\b",
    regex.IGNORECASE,
)
# A name signing off at the end: "tell her ta from kel x", "thanks Will x", "Thanks!!!-Mo".
_SIGN_OFF = regex.compile(
    rf"\b(?:from|love|luv|thanks|ta|cheers|thank you|thank u)(?:\s*[,!.\-–]+\s*|\s+)(?P<value>{_NAME_TOKEN}|(?-i:[A-Z]{{1,3}}))"
    r"\s*(?:x+|xx+|!+|\.)?\s*(?:x+)?\s*$",
    regex.IGNORECASE,
)
# After a name at the start of a sentence: someone doing something, or being someone.
_ACTS = re.compile(
    r"\s+(?:did|said|says|hit|hits|was|is|has|had|took|takes|made|makes|rang|rings|called|calls"
    r"|told|tells|never|keeps|kept|helped|helps|sorted|got|gets|came|comes|went|goes"
    r"|messaged|messages|texted|texts|phoned|shouted|threatened|punched|kicked|pushed|grabbed"
    r"|screamed|sent|posted|followed|smashed|broke|stole|turned|moved|lives|lived|works|worked"
    r"|drinks|drank|knows|knew|saved|listened|believed|found|asked|rings|won't|wont|can't|cant"
    r"|(?:and|n|&)\s+(?:me|i|[A-Z][a-z]+)\b|and\s+\w+\s+(?:from|at|were|are|have|had|did|said)\b|(?:from|at)\s+(?:the|my|our|(?-i:[A-Z])\w*)|(?:the|my|our)\s+(?:"
    + _ROLE
    + r")|ur|you're|youre|u r|you are)\b",
)
_INITIAL_AFTER = re.compile(r"\s+[B-HJ-Z]\b\.?(?=\s|,|$)")  # not "I", not "A"
_JOINERS = frozenset({"and", "n", "or", "an", "nd"})
_AGED = re.compile(r",\s*\d{1,2}\s*,")
_DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# Words that are not names even where Faker lists them, and the contractions people type
# without an apostrophe ("theres", "wont"), which Faker's lists and wordfreq do not know.
NOT_NAMES = (
    frozenset(
        """i im i'm january february march april may june july august september october november
    december monday tuesday wednesday thursday friday saturday sunday christmas easter eid
    diwali ramadan god allah jesus english british welsh scottish irish polish muslim christian
    hindu sikh jewish asian black white facebook instagram insta whatsapp snapchat snap tiktok
    google nhs gp idva isva marac cps refuge respect galop samaritans police court council the a
    an and but so my his her our their he she they we you it this that these those when where
    what why how who which if then there here please thanks thank sorry yes no ok okay hi hello
    dont cant wont theres thats whats isnt wasnt didnt couldnt wouldnt shouldnt arent werent
    doesnt havent hasnt hadnt ive id ill youre youve youll theyre theyve hes shes weve lets
    aint cudnt wudnt shudnt dint tho thru pls plz coz cos tbh lol omg ur u mr mrs ms miss mx
    dr pc wpc dc ds sgt pastor detective inspector sergeant constable cllr sir madam lantern
    polis uni kid kids bairn wean kurdish chinese portuguese romanian somali eritrean
    nigerian ghanaian jamaican indian pakistani bangladeshi turkish arabic african caribbean
    european lithuanian latvian bulgarian albanian filipino vietnamese punjabi urdu bengali
    hindi ta hiya kind regards dear yours whit aye yous youse initials ring call text tell ask
    cheers""".split()
    )
    | _NEVER_NAMES
)
