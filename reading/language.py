"""Which language a message is in, when we can tell reliably.

langdetect guesses a language for any string, and short or text-speak English ("hi", "wat u
doin") often comes back as Swahili or Somali. A wrong guess would answer someone in a language
they don't read, so a message only counts as not English when it is long enough, langdetect is
sure, English is not a close second, it is one of the languages we have a reviewed-or-pending
safety message for, and it is not mostly common English words. Pure Python, no Rasa imports.
"""

from __future__ import annotations

import re
from functools import lru_cache

from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException

from bot.languages import supported_codes

# langdetect is random unless seeded; the same message must always get the same answer.
DetectorFactory.seed = 0

MIN_LETTERS = 12  # below this, Latin-script guesses are noise
# Short English phrases of uncommon words ("female genital mutilation", "perpetrator programme
# near me") read as Italian. Answering an English speaker in Italian is worse than missing a
# short foreign message, which still reaches the helplines through the fallback.
MIN_WORDS = 5
MIN_PROBABILITY = 0.80
# In a script English is never written in, "not English" is already certain; langdetect only
# has to choose between the languages sharing the script (Urdu or Arabic, Russian or Ukrainian).
MIN_PROBABILITY_NON_LATIN = 0.50
MAX_ENGLISH_PROBABILITY = 0.05
# Scripts no English message is written in: a few letters are enough to be sure it's not English.
_NON_LATIN = re.compile(
    r"[\u0600-\u06ff\u0980-\u09ff\u0a00-\u0a7f\u0a80-\u0aff\u0b80-\u0bff\u0400-\u04ff"
    r"\u0900-\u097f\u4e00-\u9fff\u0590-\u05ff]"
)
_HAN = re.compile(r"[\u4e00-\u9fff]")
_HANGUL_OR_KANA = re.compile(r"[\uac00-\ud7af\u3040-\u30ff]")
_ENGLISH_WORDS = frozenset(
    """i im i'm me my he hes he's she shes she's they them the a an and but or is are was to of in
    on it it's its you your u ur help please pls plz what wat how why can cant can't dont don't
    not no yes with for this that have has had do does did be been we our him her his hers
    about tell need want feel so am at get got go now bye call police support abuse control
    coercive coersive coercion financial economic sexual emotional physical suicidal depressed
    alone scared afraid safe danger hurt hit hits partner husband wife boyfriend girlfriend ex
    mum dad friend family who where when there here just really very thanks thank appreciate
    love hate life kill silent gotta
    """.split()
)
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def _mostly_english(words: list[str]) -> bool:
    common = sum(1 for w in words if w in _ENGLISH_WORDS)
    return common >= 1 and common * 3 >= len(words)


@lru_cache(maxsize=1024)
def detect(text: str) -> str | None:
    """The langdetect code of a non-English message we have a safety message for, else None."""
    words = _WORD.findall(text.lower())
    letters = sum(len(w) for w in words)
    non_latin = len(_NON_LATIN.findall(text))
    if non_latin < 3 and (
        letters < MIN_LETTERS or len(words) < MIN_WORDS or _mostly_english(words)
    ):
        return None
    try:
        guesses = detect_langs(text)
    except LangDetectException:
        return None
    best = guesses[0]
    lang = best.lang
    if _HAN.search(text) and not _HANGUL_OR_KANA.search(text):
        # langdetect reads Traditional Chinese as Korean; Chinese characters with no Korean or
        # Japanese letters are Chinese.
        lang = "zh-tw" if lang in ("zh-tw", "ko") else "zh-cn"
    english = next((g.prob for g in guesses if g.lang == "en"), 0.0)
    floor = MIN_PROBABILITY_NON_LATIN if non_latin >= 3 else MIN_PROBABILITY
    if lang == "en" or best.prob < floor or english > MAX_ENGLISH_PROBABILITY:
        return None
    return lang if lang in supported_codes() else None
