"""Rule- and lexicon-based danger check, run before any learned policy.

Recall must not depend on a model's confidence, so immediate danger and suicide are decided here.
Pure Python with no Rasa imports, so the web gateway can use the same verdicts.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Callable


class Danger(enum.StrEnum):
    IMMEDIATE = "immediate"
    SUICIDE = "suicide"


# People in crisis type fast, on phones, often in hiding; a pattern that knows only dictionary
# spelling misses the messages that matter most. "+" in a value stands for a space.
_WORDS = dict(
    pair.split("=")
    for pair in """
    im=i'm ive=i've id=i'd youre=you're youve=you've youll=you'll youd=you'd hes=he's hed=he'd
    shes=she's theyre=they're theyve=they've theyll=they'll theyd=they'd weve=we've whats=what's
    thats=that's theres=there's itll=it'll cant=can't cnt=can't wont=won't dont=don't dnt=don't
    didnt=didn't doesnt=doesn't isnt=isn't wasnt=wasn't arent=aren't havent=haven't hasnt=hasn't
    wouldnt=wouldn't couldnt=couldn't kms=kill+myself gonna=going+to wanna=want+to gotta=got+to
    tryna=trying+to kil=kill kild=killed kiled=killed ded=dead rn=right+now pls=please plz=please
    plse=please pleas=please pleez=please hlp=help 2nite=tonight 2night=tonight tonite=tonight
    u=you ya=you ur=your r=are n=and wnt=want wat=what wot=what bf=boyfriend gf=girlfriend
    hubby=husband fone=phone fon=phone some1=someone some1s=someone's any1=anyone every1=everyone no1=no+one
    tmrw=tomorrow tmr=tomorrow tmoz=tomorrow 2moro=tomorrow 2morrow=tomorrow wk=week wks=weeks
    wiv=with wivout=without shud=should od=overdosed oded=overdosed nife=knife chocking=choking choaking=choking
    strangeling=strangling strangleing=strangling threating=threatening selfharm=self+harm
    """.split()
)
_NORMALISE: list[tuple[str, str | Callable[[re.Match[str]], str]]] = [
    (r"([a-z])\1{2,}", r"\1"),  # "pleeease", "helllp"
    (r"\s&\s", " and "),
    (r"\bi m\b", "i'm"),
    (r"\bod'e?d\b", "overdosed"),
    (
        r"\b(?:" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")\b",
        lambda m: _WORDS[m.group(0)].replace("+", " "),
    ),
    (r"\bi am\b", "i'm"),
    (r"\b(you|we|they) are\b", r"\1're"),
    (r"\bcan ?not\b", "can't"),
    (r"\bdo not\b", "don't"),
    (r"\bwill not\b", "won't"),
    (r"\b(h|sh)ell? (?=kill|hurt|murder|stab|batter|beat|find|come|be back|do me)", r"\1e'll "),
    (r"\b(want|going|need|got|trying|try|have) 2\b", r"\1 to"),
    (r"\bs(?:u|ui|iu)(?:c|s)(?:i|e)?de\b", "suicide"),
    (r"\bs(?:u|ui|ua|iu)(?:c|s)(?:i|a)?d(?:al|le)\b", "suicidal"),
    (r"\bself-harm", "self harm"),
    (
        r"\b(hitt|punch|kick|chok|strangl|com|try|go|bang|hid|bleed|beat|mow|cutt|wash|smok|do|turn"
        r"|work|walk|shout|scream|follow|watch|wait|sitt|stand)in\b",
        r"\1ing",
    ),
]
# Shared pieces, so "who" and "to whom" mean the same in every group.
_MACROS = {
    "WHO": r"(?:\b(?:he|she|they|someone|somebody|ex|my (?:ex|partner|husband|wife|boyfriend"
    r"|girlfriend|fiance|fiancee|dad|father|stepdad|mum|mom|mother|son|daughter|brother|sister"
    r"|uncle|family|in laws?|\w+ in law)|(?:the|his|her) (?:man|guy|family|brothers?|mates?)"
    # A child writes "dad is hurting mum", without "my".
    r"|(?<!\bmy )(?<!\bthe )(?:dad|daddy|stepdad|step dad|mum|mummy|mom)(?= (?:is|'s|has|just|keeps))"
    r"|(?:my )?(?:mum|mom)(?:'s|s) (?:boyfriend|partner|fella)))",
    "IS": r"(?:'s|'re| is| are)",
    "OBJ": r"(?:me|us|her|him|them|my (?:little |baby |younger |older |big )?(?:mum|mom|mother"
    r"|sister|brother|kids?|children|baby|son|daughter|nan|gran)|the (?:kids?|children|baby)"
    r"|(?:mum|mummy|mom|nan|nana|dad|daddy)(?! and dad))\b",
    "KIDS": r"(?:me|us|my (?:kids?|children|baby|son|daughter|mum|mom)|the (?:kids?|children"
    r"|baby))\b",
    "ING": r"(?:hitting|punching|kicking|beating|battering|strangling|choking|throttling|killing"
    r"|smothering|suffocating|stabbing|attacking|assaulting|hurting|slapping|biting|dragging"
    r"|burning|raping|headbutting|shoving|thumping|bashing|laying into)",
    "PAST": r"(?:hit|punched|kicked|slapped|strangled|choked|throttled|stabbed|battered|beat"
    r"|beaten|attacked|assaulted|raped|headbutted|bit|burnt|burned|smothered|suffocated"
    r"|pushed|shoved|threw|thrown|dragged|knocked)",
    "WILL": r"(?:'ll| will|'d| would|(?:'s|'re| is| are) (?:going to|about to|coming to)"
    r"| wants? to)",
    "THREAT": r"(?:kill|murder|stab|shoot|strangle|choke|batter|slit|bury|drown|set fire"
    r"|hurt (?:me|us|you|her|him|them|my|the)|beat (?:me|us|you)|burn (?:me|us|you|the|down)"
    r"|(?:finish|do) (?:me|us|you) (?:off|in)|smash (?:my|your) (?:face|head)"
    r"|put (?:me|us|you) in (?:the ground|a grave|a box|a coffin))\b",
    "PILLS": r"(?:pills|tablets|paracetamol|painkillers|meds|medication)\b",
}

# (current, patterns) by reason. "Current" wording describes the present by itself, so a past
# marker or a "safe now" remark elsewhere in the message must never silence it.
_IMMEDIATE: dict[str, tuple[bool, list[str]]] = {
    # Violence in progress: the clearest case for 999 first.
    "assault_now": (
        True,
        [
            r"{WHO}{IS}(?: still| now| just)? {ING} {OBJ}"
            r"|(?<!\bi )\b(?:keeps?|kept|started|still|stop) {ING} {OBJ}",
            # "He hit me before, he's doing it again now": the cue is in a past clause.
            r"{WHO}{IS} (?:doing it|at it|starting) again (?:now|right now|tonight)\b",
            r"\b(?:strangling|choking|throttling|suffocating|smothering|stabbing) (?:me|us)\b",
            r"(?<!\bi )\bjust {PAST} {OBJ}|\btrying to (?:kill|strangle|choke|stab|drown|suffocate|smother"
            r"|hurt|hit|attack) {OBJ}",
            r"\b(?:got|has|have|holding|held) (?:me|us) (?:pinned|down|by the (?:throat|neck))"
            r"|\b(?:out|round|around) looking for (?:me|us)\b",
            r"\b(?:coming|run|running|go|going) (?:at|for) (?:me|us)\b",
            r"\b(?:chasing|dragging|throwing \w+(?: \w+)? at) (?:me|us)\b",
            r"\b(?:pulling|grabbing|got) (?:me|my) (?:by the )?(?:hair|throat|neck)\b",
            r"\b(?:violent|attacking|(?:i'm|we're) (?:so )?(?:terrified|scared|frightened)) (?:right"
            r" now|now|tonight)\b|\b(?:getting|turning) violent\b",
            r"\b(?:very|so|really) (?:angry|drunk) now (?:and )?(?:throwing|smashing|breaking|hitting)",
            r"\b(?:pillow|hands?|bag) over (?:my|her|the baby's) (?:face|mouth|head)\b",
            r"\bholding {OBJ} (?:over|out of|under)\b|{WHO}(?:'s| has)? locked (?:all )?(?:the|my|us"
            r"|me)\b(?! out)",
            r"\bsmashing (?:up )?(?:the \w+|everything|things|stuff|my \w+)",
            r"\b(?:in (?:one of )?(?:his|her|their) (?:tempers|moods|rages)|raging|furious|in a rage"
            r"|angry|going mad) (?:right now|now|tonight)(?=$|[.,!?]| and\b)",
        ],
    ),
    # A fresh assault with no sign it is over: he may still be in the room.
    "assault_recent": (
        False,
        [
            r"\b{PAST} {KIDS}",
            r"\b(?:hits|punches|kicks|slaps|strangles|chokes|beats|batters|attacks|rapes) {KIDS} "
            r"(?:again|now|right now|tonight)\b",
            r"\b(?:been|got|getting|get) (?:hit|punched|kicked|beaten|battered|strangled|choked"
            r"|stabbed|attacked)\b",
            r"\btried to (?:kill|strangle|choke|stab|drown|suffocate|smother|run (?:me|us) over)",
            r"\bbleeding\b|\bblood everywhere\b",
            # Heard now, or heard last night: past markers decide.
            r"\b(?:hear|hearing|heard|there's|there is)\b[^.!?]{0,40}\b(?:screaming|shouting for help"
            r"|crying for help|smashing)\b[^.!?]{0,60}\b(?:next door|through the wall|upstairs"
            r"|downstairs|the flat|the house|going on)\b",
            r"\bfollowed (?:me|us) (?:from|all the way|to)\b",
            r"\b(?:came|ran|went) (?:at|for) (?:me|us)\b",
            # Past tense: "grabbed me by the hair the other night" is not tonight; with no past
            # marker it may have just happened.
            r"\b(?:pulled|grabbed) (?:me|my) (?:by the )?(?:hair|throat|neck)\b|\bpinned (?:me|us"
            r"|down)\b|\bthrew (?:\w+ ){1,3}at (?:me|us)\b",
            # Non-fatal strangulation is one of the strongest predictors of later homicide.
            r"\b(?:hands?|arm|belt|rope|cord) (?:round|around|on) (?:my|her|our) (?:neck|throat)",
            r"\bby (?:my|the) (?:throat|neck)\b|\b(?:squeez|grabb|press|held|hold|hold of|grip on)\w*"
            r" (?:my|her) (?:neck|throat)|\b(?:till|until) i (?:blacked|passed) out\b",
            # Turning up uninvited is stalking, the commonest prelude to post-separation assault.
            r"\b(?<!keeps )(?:turned|turning|turns) up (?:at|outside)\b",
        ],
    ),
    # Threats to kill or hurt are among the strongest predictors of homicide (DASH checklist).
    "threat": (
        False,
        [
            r"{WHO}{WILL}(?: (?!(?:not|never|no)\b)[\w']+){0,4}? {THREAT}",
            r"{WHO}(?: says?| said| told me| keeps saying| texted| messaged)(?: that)? "
            r"(?:he|she|they)(?:'ll| will|'d| would|'s going to) {THREAT}",
            r"\bthreat(?:en|ens|ened|ening) (?:me |us )?(?:to|that (?:he|she|they)'ll) "
            r"(?:kill|hurt|harm|stab|shoot|strangle|batter|beat|burn|set fire|attack|throw acid)",
            r"{WHO}{IS} (?:\w+ )?threatening (?:me|us|the kids)\b|\bdeath threats?\b",
            r"\bi(?:'ll| will|'m going to) (?:kill|murder|stab) (?:you|her)\b",
            r"\b(?:you're|your|i'm|we're) (?:dead|a dead (?:man|woman))(?= when| if| once| after"
            r"| tonight|$)",
            r"\bnever see (?:\w+ ){0,2}alive\b|\bfinish(?:es|ing)? (?:me|us)(?: off)?\b",
            r"\b(?:think|scared|afraid|worried|know|reckon|says?|said|told me) (?:that )?i'm next\b",
            r"\bon (?:the|his|her|their) way to (?:kill|hurt|get|batter) (?:me|us)\b",
            r"\bwhen (?:he|she|they) (?:gets?|comes?|is|'s) (?:home|back|in)\b[^.!?]{0,40}\b(?:i'm"
            r"|i am|we're|you're|i'll|i will) (?:dead|done for|getting it|in for it|be sorry|pay"
            r"|regret)",
            r"\bsort (?!myself|me\b|things|it\b|this\b)(?:\w+ ){1,3}out (?:once and for all|for good)\b"
            r"|\b(?:when|once) (?:the|that|this) bottle(?:'s| is) (?:done|finished|empty)\b",
            r"\b(?:finish|settle|sort) (?:this|it|things|you)\b[^.!?]{0,30}\bwhen (?:he|she|they)"
            r" (?:gets?|comes?) (?:home|back|in)\b",
            # Someone who may harm now (the own-behaviour path): "I think I'm going to hurt her".
            r"\bi(?:'m| am)?(?: think i'm| feel like i'm)? (?:going to|about to) (?:hurt|hit|kill"
            r"|attack|strangle|batter) (?:her|him|them|my)\b",
            r"\b(?:think|scared|afraid|feel like|thought) (?:that )?(?:i'm|we're) going to die",
            r"\b(?:said|says|told me|texted) (?:just )?wait (?:until|till|til|'til) (?:tonight|later"
            r"|(?:he|she|they) gets? (?:home|back|in))\b",
            # The writer who may hurt someone now: "I can feel it building".
            r"\bi can feel (?:it|myself|the anger) (?:building|coming|going|snapping|rising)\b",
        ],
    ),
    # Weapons multiply lethality; a weapon mentioned beside him is treated as now.
    "weapon": (
        False,
        [
            r"\b(?:got|has|have|having|had|holding|held|with|waving|pulled|pulling|grabbed|grabbing"
            r"|carrying|brandishing|pointing|holds|points) (?:a |an |his |her |the |my |this |some )?"
            r"(?:\w+ )?(?:knife|knives|gun|blade|machete|hammer|axe|bat|bottle|weapon|screwdriver"
            r"|scissors|crowbar|shotgun|rifle|firearm|pistol|acid)\b(?! of| licence| license)",
            r"\bknife (?:to|at|against) (?:my|her)\b|\bpour(?:ed|ing)? petrol\b",
            r"\b(?:put|puts|putting|picked up|got out|taken out|took out|pulled out) (?:a |the |his"
            r" |her )?(?:big |kitchen |bread |carving |big kitchen )?(?:knife|knives|gun|blade|machete"
            r"|hammer|axe)\b(?! away| back| down for)",
        ],
    ),
    # Near, coming or getting in: the most dangerous moment, often just after leaving.
    "proximity": (
        True,
        [
            r"{WHO}{IS}(?: still| now| just| sat| stood| standing| sitting| waiting| parked"
            r"| lurking)? (?:(?:parked |sat |waiting )?(?:across from|opposite) (?:my|the) (?:work"
            r"|house|flat|school|door)|at (?:the |my )?(?:back |front )?(?:window|door)|outside(?! of| (?:mowing|cutting|washing|doing|working|having|smoking"
            r"|on the phone|in the garden|with the (?:dog|kids)))|at (?:the|my) (?:door|window|house|flat|gate)"
            r"|in the garden|on (?:his|her|their|the) way(?! (?:to work|to school|out|round (?:tonight )?for"
            r"|(?:round |over )?(?:tonight |later )?for (?:dinner|tea|a drink|food)))"
            r"|trying to (?:get|break|force|climb|kick)|breaking (?:in|down|the)|banging on"
            r"|kicking (?:the|my) door|following (?:me|us)|looking for (?:me|us)"
            r"|coming (?:(?:back|round|over)(?! (?:on|at|tomorrow|next|later|this|to (?:see|pick"
            r"|collect|get his|drop)))|home(?=$| now| right| any)|for (?:me|us)|to get (?:me|us)"
            r"|up the stairs(?! (?:to bed|for (?:a )?(?:bath|shower|bed)))|after (?:me|us))|watching (?:the|my) (?:house|flat|home)"
            r"|going (?:mental|mad|crazy|nuts|ballistic|psycho)|kicking off|losing it)",
            r"{WHO}{IS} (?:coming|back|here)(?: again| now| early)?(?=$| and\b| again| now| tonight"
            r"|['\".,!?]| don't\b)",
            r"{WHO}{IS} coming up(?:stairs)?(?=$|[.,!?]| now| again)",
            # A scream or a crash, and then nothing: someone may be hurt and unable to call.
            r"\b(?:thud|bang|crash|smash|scream\w*|shouting)\b[^~]{0,120}\b(?:now|then|and)"
            r" (?:(?:total|complete|completely|totally|really|very|dead|just|it's|it is|all|gone)"
            r" ?)*\s*(?:silence|silent|quiet"
            r"|nothing|~)",
            # A call that cut out, then no answer.
            r"\b(?:call|line|facetime|video) (?:cut|went dead|dropped|ended)\b[^~]{0,60}\b(?:not"
            r" answering|not picking up|no answer|can't get through)",
            r"\bhas (?:her|him|me|my mum|mum|my sister) (?:on the (?:\w+ )?floor|pinned|up against)",
            r"{WHO}(?:'s| has) (?:just )?(?:come back|got back in|got in|come in|come home|got home"
            r"|let (?:him|her)self in|found (?:me|us|where))\b",
            r"\b(?:coming|heading|driving|walking) (?:this way|towards (?:me|us|the house|here|my))"
            r"|{WHO}{IS} (?:maybe |about |only |just )?(?:\w+|\d+) (?:minutes?|mins?) (?:away|off)\b"
            r"|{WHO}{IS} (?:right )?behind (?:me|us)\b|\b(?:car|he|she|they) (?:has |'s )?just pulled"
            r" up\b|\b(?:car|van|someone|man)(?:'s| has| is)?(?: been)? (?:\w+ ){0,3}behind (?:me|us)\b",
            r"{WHO}(?:'s| has)? (?:found|knows) (?:me|us|where (?:i|we)(?:'m|'re| am| are) (?:staying"
            r"|living|hiding)|my (?:new )?address)\b|\bthere's (?:a man|someone|a car|a van|him)"
            r" (?:\w+ ){0,4}outside (?:my|the|our) (?:house|flat|home|door|window)\b",
            # Heard through a wall or down the phone: someone is being hurt now.
            r"\b(?:screaming|shouting|crying|banging|smashing) (?:through|from) (?:the|next door)"
            r"|\bthrough the wall\b[^.!?]{0,60}\b(?:scream|shout|smash|bang|crash)"
            r"|\bshouting (?:stop|help|get off)\b|\bsomething (?:has )?just smashed\b"
            r"|\bheard a (?:thud|bang|crash|scream|smash)\b[^.!?]{0,60}\bwent (?:quiet|silent)\b",
            r"\b(?:just )?(?:texted|messaged|sent me|rang)\b[^.!?]{0,30}\b(?:come (?:now|quick|and get"
            r" me)|help me|get me out|sos)\b",
            r"\b(?:code|signal|agreed (?:text|word|message))\b[^~]{0,200}\b(?:just|has just|'s just)"
            r" (?:sent|texted|messaged|rang|said) (?:it|me it|that)\b",
            r"\bcode ?word\b.{0,120}?\b(?:just|has just|'s just) (?:texted|sent|messaged|said|rang)"
            r"|\b(?:just|has just|'s just) (?:texted|sent|messaged|said) (?:me )?(?:the|our|her|his)"
            r" code ?word\b",
            r"{WHO}(?:'ll| will| might| could) hear me\b",
            r"\b(?:texted|text|texts|messaged|rang|called|sent)\b[^~]{0,80}\b(?:then nothing|nothing since"
            r"|then (?:her|his|their) phone (?:went|was|is) (?:off|dead))\b",
            r"\b(?:banging|hammering|pounding|kicking|punching|smashing|bashing|thumping) (?:on )?"
            r"(?:(?:the|my|our) )?(?:\w+ )?(?:door|window)\b|\bsmashed (?:the|my) (?:\w+ )?(?:door|window)",
            r"\bkick(?:ed|ing|s)? (?:the|my) (?:\w+ )?door (?:in|down)\b|\bclimb(?:ing|ed|s)? "
            r"(?:in|through)\b",
            r"\b(?:break(?:ing)?|broke|broken|forced?|forcing) (?:in\b|into|down|through|the door"
            r"|my door|the window|door\b)(?! (?:my|the) (?:email|account|phone|facebook|laptop))",
            r"\btrying to (?:get|break|force|climb|kick) (?:in|into|through|the door|my door|down)\b",
            r"\b(?:screaming|screamed|scream|shouting|yelling|crying|sobbing|banging|please don't"
            r"|please stop|get off me|heard (?:him|her|them|a bang|banging|a crash))\b[^.!?]{0,80}\b(?:line|call|phone) (?:went dead|cut off|got"
            r" cut off|was cut off|went quiet|dropped|hung up|cut out)|\b(?:it|then it) (?:cut off|went"
            r" dead|went silent|cut out)\b"
            r"|\b(?:line|call|phone) (?:went dead|cut off|got cut off|was cut off)\b[^.!?]{0,60}"
            r"\b(?:scream|shout|crying|help|bang)|\bmid[- ]?(?:scream|sentence|call)\b",
            r"(?<!feel like )\b(?:i'm|we're|i am|we are|i think i'm|i think we're) being followed\b"
            r"(?! (?:everywhere|all the time|wherever|a lot))"
            r"|\bfollowed (?:me|us) (?:home|here|back)(?: just now| tonight| now|$)",
            r"\b(?:his|her|their|my ex's) car(?:'s| is) (?:\w+ )?(?:outside|parked outside|across the"
            r" road|at the end of the road)\b|{WHO}(?:'s| has) been (?:sat|sitting|parked|waiting"
            r"|standing) (?:outside|across the road|in (?:his|her|the) car)",
            r"\b(?:hear|see|seen|heard|spotted) (?:him|her|them|his car|their car) (?:outside"
            r"|coming|at the|on the|trying|breaking|banging|in the|downstairs)|\bwaiting outside\b",
        ],
    ),
    # Being held is danger now, and a sign that phoning for help may be impossible.
    "confinement": (
        True,
        [
            r"\b(?:locked|shut|trapped) (?:me|us) (?:in|up|inside)\b|\bkeeps? (?:me|us) (?:locked"
            r"|prisoner|hostage)|\b(?:i'm|we're) (?:shut|locked) in\b",
            r"\b(?:i'm|we're) (?:\w+ )?(?:locked in\b|trapped|stuck in (?:here|the \w+))",
            r"\bwon't let (?:me|us) (?:leave|go|escape|get out|out)\b"
            r"(?! (?:out|with|to|without|on|anywhere|alone|see))",
            r"\b(?:holding|keeping) (?:me|us) (?:here|down|hostage|prisoner|against)",
            r"\b(?:locked|shut|barricaded) (?:myself|ourselves) in\b|\b(?:she's|he's|they've|she has"
            r"|he has) locked (?:herself|himself|themselves) in\b|\b(?:stood|standing|sat|sitting) in"
            r" front of the (?:front |back )?door\b|\b(?:put|puts|keep|keeps|kept|shut) (?:me|us) in"
            r" (?:the|a|my|this) (?:\w+ )?(?:room|cupboard|shed|cellar|basement)\b[^.!?]{0,30}\block",
            r"\b(?:blocking the (?:door|way)|barricaded)\b|\b(?:i'm|we're|i am|we are|back|body)"
            r" (?:\w+ )?against the door\b|\bholding the door (?:shut|closed)\b",
            r"\b(?:saying|says|said|shouting|telling me) (?:that )?(?:i'm|you're|we're) not going"
            r" anywhere\b",
            r"\b(?:i'm|i am|we're|we are) (?:\w+ )?(?:locked|lock|shut|hiding) in (?:the |my |a )?"
            r"(?:bathroom|bedroom|toilet|loo|room|car|cupboard|wardrobe)\b",
            r"\b(?:i'm|we're) hiding\b(?! (?:money|things|stuff|it|my|the fact|this))"
            r"|\bhiding (?:from|in|under|behind) (?:him|her|them|the|my)\b",
        ],
    ),
    # Phone or keys taken so they cannot call or leave: held, and cut off from help. Not
    # "current": "last year he took my phone and locked me in" is history, not tonight.
    "held": (
        False,
        [
            r"\b(?:took|taken|got|has|hidden|hid|smashed|broke|broken|grabbed|thrown)"
            r" (?:my|our|the|her|his|their) (?:phone|mobile|keys?|car keys?|door keys?|charger|chair"
            r"|wheelchair|crutches|walker)\b"
            r"[^.!?]{0,80}(?:\b(?:locked|shut|bolted|blocked) (?:the|all the|me|us|my|her|him|them)\b"
            r"|\bso (?:i|we|she|he) can't (?:call|ring|phone|leave|get out|get help|go)|\bcan't"
            r" (?:get out|leave|call|ring)|\bnot going anywhere)",
            r"\b(?:locked|shut|bolted) (?:the|all the|me|us|her|him)\b[^.!?]{0,60}\b(?:took|taken"
            r"|got|hidden|hid|smashed|broke|grabbed) (?:my|our|the|her|his) (?:phone|mobile|keys)\b",
            # Written as a telegram ("ex outside my flat kicking door"): now, unless told as past.
            r"{WHO}(?:{IS})? outside (?:my|the|our) (?:flat|house|door|home|window|building)\b"
            r"|\bkicking (?:the |my |at the |at my )?(?:front |back )?door\b",
            # "Sat in his car across the road": now, unless told as a habit or since a break-up.
            r"\b(?:his|her|their|my ex's) car (?:\w+ )?(?:outside|parked outside|across the road"
            r"|at the end of the road)\b",
            # Followed right now, said without the grammar ("he follow me from bus stop now").
            r"\bfollow(?:s|ing|ed)? (?:me|us)\b[^.!?,]{0,40}\bnow\b|\b(?:he|she|they)(?:'s| is| are)?"
            r" (?:still|right) behind\b",
            # Barricaded in: "a chair against the door" may also be how they sleep every night.
            r"\b(?:chair|bed|wardrobe|drawers|table|sofa|something) (?:up )?against the door\b",
            r"\b(?:told|telling|tells) (?:me|us) (?:not to|to not|don't) (?:move|leave|get up|go"
            r" anywhere)\b|\bpulled the phone (?:out of|off) the wall\b",
            r"\b(?:took|taken|got|has|hidden|hid|smashed) (?:my|our|her) (?:phone|mobile|keys)\b"
            r"[^.!?]{0,60}\b(?:doors?|windows?)(?:'s| is| are)? (?:locked|bolted)\b",
            # Being taken abroad, now: the flight booked and the passport held.
            r"\b(?:flights?|airport|plane|fly(?:ing)? (?:out|over|back|home)|tickets?)\b[^~]{0,120}"
            r"\b(?:has|have|took|taken|got|kept|hidden|hid) my passport\b"
            r"|\b(?:has|have|took|taken|got|kept|hidden|hid) my passport\b[^~]{0,120}\b(?:flights?"
            r"|airport|plane|fly(?:ing)? (?:out|over|back|home)|tickets?)\b",
            r"\b(?:has|got|taken|took) (?:my|her|his) (?:keys|phone|mobile) and (?:my|her|his)"
            r" (?:keys|phone|mobile|car keys|charger)\b",
        ],
    ),
    # Someone telling us outright, or a bare cry for help: believe them, never second-guess.
    "help_now": (
        True,
        [
            r"^(?:please )?(?:help(?: me| us)?|sos|hurry|please hurry)(?: please)?[!.\s]*$",
            r"\bhelp (?:me|us)(?: please)? (?:now|right now|quick(?:ly)?|asap|fast)\b",
            r"\bsend (?:help|the police|police)\b|\bcall (?:the police|999|an ambulance) for me\b",
            r"\bi need (?:the )?(?:police|an ambulance|ambulance)\b|\b(?:this is|it's) an emergency",
            r"\b(?:i'm|we're|(?:kids|children) are|baby is|(?:he|she)'s) in danger\b"
            r"|\bin danger (?:now|right now|here)\b",
            r"\b(?:i'm|we're|i|we|kids|children|baby)(?: are| is)? (?:not|aren't|isn't|don't feel)"
            r" safe\b",
            r"\b(?:scared|afraid|fear(?:ing|ful)?|terrified|frightened) (?:for )?(?:my|our) "
            r"(?:life|lives)\b",
            r"\bcan't (?:breathe|breath)\b|\bstruggling to breathe",
            r"\bcan't (?:talk|speak) (?:now|right now|(?:he|she|they)(?:'s|'re| is| are| will| can))",
        ],
    ),
}

_SUICIDE: dict[str, list[str]] = {
    # Direct statements of intent or method.
    "intent": [
        r"\b(?:kill|killing|killed|hang|hanging|hanged|hung|harm|harming|harmed|hurt|hurting|cut"
        r"|cutting|burn|burning|burnt|burned|poison|poisoning|poisoned|drown|drowning|starve"
        r"|starving|strangle|suffocate|shoot|stab|stabbing|off|top|topping|topped) my ?self\b"
        r"(?! (?:shaving|cooking|by accident|accidentally|on (?:a|the)|laughing|off|out))",
        # Someone else's suicide threat still needs 999 and Samaritans, even when used to control.
        r"\b(?:kill|killing|killed|hang|hanging|hanged) (?:himself|herself|themselves|themself)\b",
        r"\b(?:take|taking|took|end|ending|ended) (?:my|his|her|their) own life\b"
        r"|\b(?:end|ending|ended|take|taking|took) my life\b|\bsuicid(?:e|al)\b",
        r"\b(?:want|wanting|wanted|wish|wishing|ready|deserve|rather|like|prefer) (?:to )?"
        r"(?:die|be dead)\b(?! than (?:leave|let|give|lose|miss|eat|wear|do that|sit through))|\bwish (?:i|i'd) (?:was|were|had|'d) (?:dead|died|never been born)\b",
        r"\bend(?:ing)? it (?:all|tonight|today|now|for good|here)\b|\bend everything\b"
        r"|\bend(?:ing)? it(?: all)?[.!\s]*$",
        r"\bwant (?:it|this|everything)(?: all)? to (?:stop|end) (?:for good|forever)\b"
        r"|\b(?:want|wish) (?:it all|everything)(?: all)? to (?:be over|end|stop)\b",
        r"\b(?:jump|jumping|throw myself|step|stepping|walk|walking) (?:off|in front of|under"
        r"|into) (?:a|the) (?:bridge|building|cliff|roof|train|car|bus|lorry|tube|sea|river"
        r"|motorway|multi ?stor(?:e)?y|car park)",
        r"\bi'm (?:\w+ )?(?:on|at) (?:the|a) (?:edge|ledge|bridge|roof|cliff|tracks|railway)\b",
        r"\b(?:got|have|bought|found|tied) (?:a |the )?(?:rope|noose)\b|\bnoose\b",
        r"\bcutting (?:again|my (?:arms?|legs?|wrists?|thighs?|skin))\b|\bcut my (?:wrists?"
        r"|arms?)\b",
        r"\bgiv(?:ing|en|e) (?:all )?(?:my|her|his|their) (?:stuff|things|belongings|jewellery"
        r"|possessions|games|clothes) away\b|\bgiv(?:ing|en) away (?:all )?(?:my|her|his|their)"
        r" (?:stuff|things|belongings|jewellery|possessions|games|clothes|guitar|books)\b|\bdo (?:everyone|the world|them|him|her) a favou?r"
        r" (?:and|n) (?:end it|kill (?:myself|yourself)|die|disappear)\b",
        r"\b(?:got|have|i've got) everything ready\b(?![^.!?]{0,30}\b(?:for|to) (?:leave|go|move"
        r"|the move|school|tomorrow|christmas|the party))|\b(?:want|wants|wanted) (?:it all|everything)"
        r" to (?:go quiet|stop|be quiet) (?:for good|forever)?\b|\b(?:sorry for everything|love you"
        r" all)\b[^~]{0,80}\b(?:not answering|gone quiet|love you all|sorry for everything)\b",
        r"\bnobody (?:would|will|'d) (?:even )?notice (?:for|if|when|i'm|i was)\b",
        r"\b(?:gave|given|giving|gives|give) (?:me |us |her \w+ |his \w+ )?(?:all )?(?:my|her|his"
        r"|their) (?:dog|cat|pets?|stuff|things|belongings|jewellery|possessions|clothes|games|rings?)"
        r"\b[^~]{0,200}\b(?:tired of (?:all of )?(?:it|everything|life)|(?:happier|better off) with"
        r" (?:me|you|us|her|him)|won't need|not going to need|don't need (?:it|them) any ?more)",
        r"\b(?:written|wrote|writing|left) (?:\w+ )?letters? (?:to|for) (?:both |all )?(?:the|my)"
        r" (?:kids|children|boys|girls|family)\b(?=[^~]*\b(?:worthless|no point|can't go on|better"
        r" off|someone to know|anyone else|goodbye|sorry for everything|not telling anyone|so tired"
        r"|say it to someone|tell someone|{PILLS}|he's won|no way out"
        r"|go quiet))",
        r"\bthank(?:s| you) for everything\b[^~]{0,160}\b(?:isn't|not|hasn't been|hasn't)"
        r" (?:answering|picking up|replying)\b|\b(?:sat|sitting|in the car) (?:\w+ ){0,6}(?:with the"
        r" )?engine running\b|\bthe rope(?:'s| is) (?:in|up|ready|already)\b|\bhow many {PILLS}"
        r" (?:it )?(?:takes|would|to)\b",
        r"\b(?:insurance|will)\b[^.!?]{0,40}\bso (?:the kids|my kids|they|the children)(?:'ll|"
        r" will|'d| would) be (?:alright|ok|okay|fine|looked after|sorted)\b|\b(?:going|off) (?:for"
        r" a )?(?:\w+ ){0,3}(?:drive|walk)\b[^.!?]{0,30}\bnot coming back\b|\bwhich (?:bridge"
        r"|building|car park|cliff)\b[^.!?]{0,40}\b(?:highest|tallest|deepest)\b|\b(?:nobody|no one"
        r"|no-one)(?: will be| to| will| would|'ll)? (?:there )?(?:to )?stop (?:it|me)\b"
        r"|\b(?:gave|given|giving) me (?:his|her|their) \w+\b[^.!?]{0,60}\blook after (?:them|it|him"
        r"|her) for me\b|\bpasswords\b[^.!?]{0,20}\bfor safe ?keeping\b",
        r"\b(?:goodbye|suicide) (?:letters?|notes?|messages?)\b|\b(?:letters?|notes?) (?:saying"
        r"|to say) goodbye\b|\bsaid my goodbyes\b",
        r"\b(?:written|wrote|left) (?:a|my) (?:last )?(?:note|letters?)(?! (?:to|for|about"
        r"|from))",
        # Searching for a method, or steeling oneself to act.
        r"\b(?:look|looking|looked|search|searching|searched|googl(?:e|ed|ing)|research(?:ed|ing)?)"
        r" (?:up )?(?:ways|how|methods?) to (?:do it|die|end it|kill)\b",
        r"\b(?:courage|nerve|guts|strength) to (?:jump|do it|end it|go through with it)\b",
        r"\b(?:keep|kept|been|i|i've been|end up|ended up|find myself) (?:driving|going|walking) (?:up"
        r" |out |down )?to (?:the |a )?"
        r"(?:viaduct|bridge|cliffs?|cliff top|railway|tracks|level crossing|multi ?stor(?:e)?y|top of)",
        r"\b(?:stand|stood|standing|sit|sat|sitting|wait|waiting) (?:at|on|by|near) (?:the |a )?"
        r"(?:level crossing|railway|tracks|platform edge|edge of the platform|bridge|viaduct|cliff"
        r"|edge)\b[^.!?]{0,80}\b(?:think|thinking|wonder|wondering|quieter|easier|better|jump|step)",
        r"\b(?:how easy it(?: would|'d) be|tempted|thought about|think about|thinking about|want)"
        r" to (?:just )?(?:turn the wheel|swerve|drive (?:off the|into)|crash the car|step out in"
        r" front|let go of the wheel)",
        r"\b(?:going to|gonna|i'll|i will|about to|ready to) end it\b(?! (?:with|between|off"
        r"|for (?:him|her|them|us)))",
    ],
    # An overdose is a medical emergency whoever took it, so a friend's overdose counts too.
    "overdose": [
        r"\boverdos(?:e|ed|ing)\b|\b(?:saving|holding back|keeping back|stockpiling|hoarding"
        r"|storing up|putting aside) (?:up )?(?:my |all my |some of my |the )?{PILLS}",
        r"\b(?:took|taken|take|taking|swallowed|swallow) (?:a load of|loads of|all (?:my|the"
        r"|of my)|too many|a lot of|lots of|a bunch of|a handful of|a box of|packets of|\d+"
        r"|a whole)(?: \w+){0,2}? {PILLS}",
        r"\b{PILLS}[^.!?]{0,60}\b(?:take|swallow|taking) (?:them all|all of them|the lot)\b",
        r"\b{PILLS}[^.!?]{0,40}\b(?:lined up|in front of me|in my hand|saved up|stockpiled"
        r"|stashed|set out|laid out|counted out|all out)\b",
        r"\b(?:set|laid|lined|counted|got|put) (?:out|up) (?:all )?(?:my |the |some |his |her"
        r" |a (?:load|pile|box) of )?{PILLS}",
        r"\bcount(?:ing|ed)? (?:up |out )?(?:what's|whats|what is|all|my|the|how many)\b[^.!?]{0,30}"
        r"\b(?:cabinet|medicine|{PILLS})",
        r"\b(?:cabinet|medicine|{PILLS})[^~]{0,120}\b(?:if|whether) (?:it's|its|it is|they're"
        r"|there's|there are|that's|i've got|i have|it'd be|it would be) enough\b",
        r"\b(?:got|has|had|getting|taken|put|putting|keeping|saving) (?:all )?(?:my|her|his|their"
        r"|the|my mum's|my dad's) {PILLS} (?:out|aside|to one side|together|in my room|with me)\b",
    ],
    # Hopelessness and feeling a burden are how most people say it: indirectly.
    "hopeless": [
        r"\b(?:no|not any) (?:reason|point) (?:(?:to|in|of) )?(?:me )?(?:live|living|life"
        r"|being alive|going on|carrying on|being here)\b|\bnothing (?:left )?to live for\b",
        r"\b(?:don't|can't|do not|cannot) (?:really )?see (?:the|any) point (?:any ?more|in (?:living"
        r"|going on|carrying on|anything|being here))\b|\b(?:don't|can't) (?:really )?see why i'd"
        r" (?:bother|go home|drive home|drive back|carry on|keep going)\b",
        r"\blife insurance (?:would|will|'d|pays? out)\b|\bworth more dead\b|\bwhen i'm gone\b"
        r"|\bthank(?:s| you) for everything\b[^~]{0,160}\b(?:look after|take care of) (?:\w+ ){0,3}(?:for"
        r" me|when)\b",
        r"\bwhat's the point (?:in|of) (?:living|life|being alive|going on|carrying on|me)\b"
        r"|\bwhat's the point any ?more\b",
        r"\bnot worth living\b|\blife (?:isn't|is not) worth|\blife (?:is|feels|seems) (?:so )?"
        r"(?:pointless|meaningless)\b",
        r"\b(?:everyone|everybody|they|the kids|my kids|my children|my family|the world|people)"
        r"(?:'d| would)(?: all)?(?: just)? be better off(?! if (?:we|i) (?:left|leave|moved|go"
        r"|went|got out)| with| in\b| at\b| living| away| without (?:him|her|them|you))",
        r"(?:^|[.!?,;] |\bi )(?:won't|will not|not going to|don't think i'll|wont)"
        r" be (?:here|around|alive) (?:tomorrow|much longer|for much longer|by (?:the )?morning"
        r"|next week|after tonight|by christmas|for christmas|much more)\b"
        r"|\bthis (?:is|will be) my last (?:message|night|day)\b",
        r"\b(?:better|happier|easier) (?:off )?without me\b|\bbetter off dead\b"
        r"|\bbetter off\b[^.!?]{0,40}\bthan (?:with )?me\b"
        r"|\bdone with (?:life|living|it all|everything)\b|\bi'm (?:just )?a burden\b",
        r"\b(?:it|things|life)(?: would| will|'d) be (?:easier|better|simpler) for (?:everyone"
        r"|everybody)\b(?! if (?:we"
        r"|i) (?:split|left|leave|moved|divorced|separated))",
        r"\b(?:notice|care|miss me|better off|happier|easier)\b[^.!?]{0,20}\bif i (?:just )?(?:was"
        r"|were|died|wasn't|weren't)(?: \w+)? (?:gone|dead|here|around|alive)?",
        # A plan is the strongest warning sign ("I've thought about how I'd do it").
        r"\b(?:thought|thinking|think|planned|planning|worked out|working out|know) (?:about |of )?"
        r"(?:exactly )?how (?:i'd|i would|i'll|i will|i could|i'm going to|to) do it\b"
        r"(?![,:\- ]{0,3}(?:leave|leaving|get out|getting out|escape|tell|telling|go|move))",
        # Arranging for a pet or the children to be looked after, then silence.
        r"\bif (?:anything|something) (?:happens|happened|were to happen)\b[^~]{0,200}\b(?:not"
        r" answering|not picking up|not replying|gone quiet|(?:phone|it)(?:'s| is) (?:off|dead)"
        r"|can't reach|can't get hold|hasn't (?:answered|replied|read))"
        r"|\b(?:not answering|not picking up|not replying|gone quiet|can't reach|can't get hold)"
        r"\b[^~]{0,200}\bif (?:anything|something) (?:happens|happened)\b",
        r"\b(?:don't|not) want (?:to )?(?:be here|be alive|live|exist|wake up)(?: any ?more"
        r"| no more| now| tomorrow| again| in the morning)?(?=$|[.,!?]| and\b| i\b| it\b"
        r"| but\b| because\b)",
        r"\b(?:want|wish) (?:to )?(?:not|never) (?:exist|be alive|be here|wake up)\b",
        r"\b(?:sleep|asleep)(?: and)? (?:never|not) wak(?:e|ing) up\b|\bnever wake up\b"
        r"|\b(?:go|went|going) to sleep\b[^.!?]{0,30}\b(?:didn't|did not|never|not) wake up\b"
        r"|\bdisappear (?:forever|for good|permanently)\b",
        r"\bhad enough of (?:life|living|being alive|everything|it all)\b"
        r"|\b(?:tired|sick) of (?:living|being alive)\b(?! like| with| in| here)",
        r"\b(?:think|thinking|thought) (?:about|of) (?:dying|being dead|not being here"
        r"|not existing)\b",
        # "Can't go on like this" is often about leaving him; only the bare or "any more" form.
        r"\b(?:can't|don't think i can) (?:go on|carry on|keep going) (?:living|any ?more"
        r"|no more)\b|\bcan't (?:go on|carry on|keep going)(?: like this)?[.!\s]*$",
    ],
    # The writer's own self-harm. A friend or parent asking how to help someone who self-harms
    # is not in danger themselves (_third_party), and the learned model can answer them.
    "self_harm": [r"\bself harm(?:s|ed|ing)?\b"],
}

# Despair and a means, a place or a goodbye, in any order and any sentence: how most people
# say it ("bought 2 boxes of paracetamol. not being dramatic. he wins"). Either alone is common
# in calm stories ("I give up on him", "my tablets"); together they are a warning sign that
# practitioners and Samaritans ask about directly, so the pair is read as suicide.
_DESPAIR = [
    r"\b(?:he|she|they)(?: wins| win| has won|'s won|'ve won)\b|\ball i (?:ever )?do is (?:hurt|ruin"
    r"|mess up|let (?:\w+ )?down)\b|\bno (?:other )?way out\b|\b(?:i )?give up\b|\bgiving up\b"
    r"|\bcan't (?:do|take|cope with|face) (?:this|it|any of it|another day)(?: any ?more| no more)?\b"
    r"|\b(?:easier|better|happier|simpler|calmer) (?:\w+ ){0,2}without me\b|\bnothing left\b"
    r"|\bi'm (?:so |just |really )?(?:done|finished|worthless|useless|a failure|the problem"
    r"|exhausted|tired of (?:it|everything|all of it|fighting))\b|\b(?:nobody|no one|no-one)"
    r" (?:would|will|'d) (?:miss|care|notice)\b|\bi hate myself\b|\bnot being dramatic\b"
    r"|\bruin(?:ed)? everything\b|\bcan't see a way\b|\bwhat's the point\b|\bi'm so tired\b"
    r"|\bno (?:point|future|hope)\b|\bhad enough\b|\bthe only way\b|\bcan't keep (?:living|doing"
    r" this|going|on)\b|\bpeople like me (?:shouldn't|should not|don't deserve to) be\b"
    r"|\b(?:feel|feeling|felt) (?:very |so |weirdly |strangely |really )?calm (?:about it|now)\b"
    r"|\b(?:don't|do not) want (?:a|any) fuss\b|\b(?:only|just) wanted to tell (?:someone|somebody)"
    r"|\b(?:she's|he's|they're|i'm) (?:just )?a burden\b|\bstopped caring\b"
    r"|\b(?:thinking|thought|thinks|talking|talked|talks) about not (?:coming back|being here"
    r"|waking up|going home)\b",
]
_MEANS = [
    r"(?:^|[.!?,] |\bi(?:'ve| have)? (?:just |already |been )?)(?:bought|buying|got|getting|saved"
    r"|saving|collected|collecting|stocked up on|stockpiled|picked up)(?: \w+){0,3}? {PILLS}"
    r"|\b(?:boxes|packets|packs|strips|a box|a packet) of {PILLS}",
    r"\b(?:railway|train|rail|motorway|road) bridge\b|\b(?:over|off|on|by|near|at|to) the (?:bridge"
    r"|viaduct|tracks|railway line|level crossing|cliffs?|cliff edge|river|edge)\b"
    r"|\bhow (?:quick|quickly|easy|easily|simple|fast) it (?:would|'d|could|might) be\b"
    r"|\bhow (?:high|far down|deep) (?:it is|it'd be|the drop)\b|\b\d+(?:st|nd|rd|th) floor\b",
    # A time set: "doing it on Friday after school".
    r"\b(?:doing|do) it (?:on (?:mon|tues|wednes|thurs|fri|satur|sun)day|tonight|tomorrow|this"
    r" weekend|after (?:school|work|the kids)|before (?:christmas|friday|the weekend))\b"
    r"|\bbefore (?:friday|the weekend|tomorrow|christmas)\b[^.!?]{0,10}$",
    r"\bmy {PILLS}(?:'s| is| are|'re) (?:ready|out|sorted|counted|lined up)\b|\b(?:papers|affairs"
    r"|things) in order\b|\b(?:insurance|policy) (?:money|pays? out|would pay)\b"
    r"|\b(?:guardian|look after|take care of) (?:\w+ ){0,4}'?(?:just in case|if anything happens)",
    r"(?:^|[.!?,] |\b(?:and|i|i've|i have) (?:just |already )?)(?:written|wrote|writing|left|leaving)"
    r"(?: \w+){0,6}? (?:a |my )?"
    r"(?:letters?|notes?)\b(?! (?:from|about) (?:the|his|her|school|work|court|the gp))"
    r"|\b(?:sorted|sorting|made|written|changed) (?:out )?(?:my|a) will\b|\b(?:rope|noose"
    r"|hosepipe|exhaust pipe|gun cabinet|gun safe)\b|\bwon't (?:need|be needing) (?:it|them|any of it)\b|\bwho (?:gets|will get|should have)"
    r" (?:all )?my (?:stuff|things|belongings)\b",
]
# Forced marriage, whoever writes: read here for risk and by reading/whose_story.py for the
# services (the Forced Marriage Unit), so both mean the same thing.
FORCED_MARRIAGE = (
    r"\b(?:forced|arranged) marriage\b|\b(?:force|forcing|forced|make|making|made|pressur\w+"
    r"|push\w*|wants?|expects?) (?:me|her|him|them) (?:to |into )?(?:marry|marrying|get married"
    r"|a marriage)\b|\bmarry (?:a man|a woman|someone|him|her) (?:i've|i have|she's|she has"
    r"|he's|he has|they've) never met\b"
    r"|\b(?:marry|marriage|wedding|engaged)\b[^.!?]{0,80}\b(?:abroad|back home|cousin|they"
    r" (?:picked|chose|found)|not allowed|against (?:my|her|his) will|whether (?:i|she|he) want)"
    r"|\b(?:abroad|back home)\b[^.!?]{0,80}\b(?:wedding|marr\w*)"
    r"|\b(?:the )?(?:wedding|marriage)(?:'s| is| will be)(?: \w+){0,3}? (?:mine|for me)\b"
    r"|\bcame back married\b|\b(?:they|he|she|dad|mum|my (?:family|parents|dad|mum|brothers?"
    r"|uncle))(?:'ve)? (?:said|say|says|told me|decided)\b[^.!?]{0,80}\b(?:i'll|i will|i'd|she'll"
    r"|she will|we'll) be married\b|\bmarried off\b|\bgoing to (?:pakistan|india|bangladesh|somalia|nigeria|afghanistan"
    r"|yemen|iraq|turkey|the gambia|sudan)\b[^~]{0,160}\bmarr"
    r"|\b(?:taking|taken|take|took|sending|sent) (?:me|her|him) '?(?:home|back home|abroad)'? to"
    r" (?:meet|marry) (?:someone|a man|a boy|a woman|a girl|a husband|a wife|him|her)\b"
    r"|\b(?:taken|taking|take) (?:me|her|him) (?:abroad|back home|to (?:pakistan|india"
    r"|bangladesh|somalia|nigeria))\b[^.!?]{0,60}\bmarr"
)
# Markers of serious harm that a practitioner screens for (the SafeLives DASH checklist names
# them), said of the past or in general: not 999 now, but the person should hear plainly that it
# is serious and be offered the 24-hour helpline, which can link them to a specialist (an IDVA).
_SERIOUS: dict[str, list[str]] = {
    "strangulation": [
        r"\b(?:strangl|chok|throttl|suffocat|smother)(?:e|ed|es|ing)\b(?! on\b)",
        r"\b(?:went fuzzy|saw stars|wet myself|blacked out|passed out|went dizzy)\b[^.!?]{0,60}"
        r"\b(?:throat|neck)\b|\b(?:throat|neck)\b[^.!?]{0,80}\b(?:went fuzzy|saw stars|wet myself"
        r"|blacked out|passed out|went dizzy)\b",
        r"\b(?:hands?|arm|forearm|knee|foot|belt|rope|cord) (?:round|around|on|across|against)"
        r" (?:my|her|his|their|our) (?:neck"
        r"|throat)|\b(?:by|round|around) (?:my|the|her|his) (?:throat|neck)\b|\b(?:blacked|passed)"
        r" out\b|\b(?:finger ?marks|bruises?|marks|red marks) (?:on|round|around) (?:my|her|his)"
        r" (?:neck|throat)\b",
    ],
    "weapon": [
        r"\b(?:knife|knives|gun|blade|machete|hammer|axe|baseball bat|weapon|screwdriver"
        r"|scissors|crowbar|shotgun|rifle|firearm|pistol|acid)\b(?! crime)",
        r"\b(?:broken|smashed) (?:glass|bottle)\b|\b(?:went|came|comes|goes|go) (?:for|at) (?:me|us"
        r"|him|her|them) with (?:a|the|his|her)\b",
    ],
    "threat_to_kill": [
        r"\b(?:kill|murder|end|bury|stab|shoot) (?:me|us|her|him|them|you|the lot|all of|the kids"
        r"|the children|my (?:kids|children|family))\b|\bdeath threats?\b|\bthreat\w* to"
        r" (?:kill|hurt|harm|stab)\b",
        r"\b(?:i'm|we're|you're|she's|he's) (?:dead|a dead (?:man|woman))\b(?! (?:tired|beat))",
        r"\bput (?:me|us|you|her|him) in (?:the ground|a grave|a box|a coffin)\b|\bmake sure"
        r" (?:nobody|no one|no-one) (?:sees|has|gets) (?:them|her|him|the kids)\b",
        r"\b(?:won't|will not|wouldn't|never) live to see\b|\b(?:won't|will not|wouldn't|never"
        r"|none of (?:them|us|you)|not) (?:\w+ )?see (?:another|next) (?:christmas|birthday|day|year"
        r"|summer)\b|\b(?:none of (?:them|us|you)|nobody|no one|you|we|they|the kids)(?:'ll| will|"
        r" won't| would| wouldn't| are| is)? (?:be )?(?:around|alive|here) to see (?:another |next )?(?:christmas"
        r"|birthday|summer|new year)\b",
        r"\bif (?:he|she|they|i) can't have (?:you|me|us|her|him|them),? (?:nobody|no one|no-one)"
        r" (?:will|can|else will)\b",
    ],
    "pregnancy": [
        r"\b(?:pregnant|pregnancy|expecting a baby|weeks gone|months gone|my bump|the bump"
        r"|(?:just|recently) had (?:a|the|our|my) baby|newborn|miscarr\w+)\b",
    ],
    "escalation": [
        r"\b(?:getting|got|gets|getting a lot|much|even) worse\b|\bworse and worse\b"
        r"|\bescalat\w+|\bmore (?:and more )?(?:often|violent|aggressive|dangerous|frequent)\b"
        r"|\bmore and more\b|\b(?:rougher|harder|angrier|more violent) (?:now|every time|each time)\b"
        r"|\bstarted (?:as|with|off)\b[^.!?]{0,60}\bnow\b|\bused to (?:be|only|just)\b[^.!?]{0,40}"
        r"\bnow (?:it's |its |it is )?(?:most|every|all the time|twice|daily|weekly)"
        r"|\bevery (?:day|night|week) now\b",
    ],
    "separation": [
        r"\b(?:just|recently|finally) (?:left|split|separated|broke up|ended it|moved out|got out)"
        r"(?![^.!?]{0,30}\byears? ago)"
        r"|\b(?:since|after|when) (?:i|we) (?:left|split|separated|broke up)\b|\bi(?:'ve)? left"
        r" (?:him|her)\b|\b(?:we've|we have|we) (?:split up|separated|broken up)\b"
        r"|\b(?:trying|planning|going|want) to leave (?:him|her)\b"
        r"|(?:^|[.!?] |\bi(?:'ve)? |\bwe(?:'ve)? )(?:left|got out|moved out|fled) (?:on|last) (?:monday|tuesday"
        r"|wednesday|thursday|friday|saturday|sunday|night|weekend)\b",
        r"\b(?:left|separated|split up|broke up|ended it)\b[^.!?]{0,30}\b(?:in (?:the )?(?:spring"
        r"|summer|autumn|winter|january|february|march|april|may|june|july|august|september"
        r"|october|november|december)|last (?:month|week|year))\b",
    ],
    "stalking": [
        r"\b(?:follows|followed|following|watches|watching|stalk\w*) (?:me|us|my|the house|where"
        r" i)\b|\b(?:turns|turned|turning|keeps turning) up (?:at|outside)\b|\bkeeps? (?:calling"
        r"|ringing|texting|messaging|turning up)\b|\bwon't leave (?:me|us) alone\b|\balways watching\b",
        r"\b(?:turns?|turned|turning) up (?:wherever|everywhere|at (?:my|her|his|their) (?:work|job"
        r"|school|gym|mum's|house|flat))\b|\b(?:parked|sat|sitting|waiting) (?:\w+ )?(?:outside"
        r"|across from|opposite) (?:my|her|his|their|the) (?:work|house|flat|school|office|job)\b",
        r"\b(?:rung|rang|called|phoned|texted|messaged)(?: me| her| him)? (?:about |over |like"
        r" |nearly |almost )?\d{2,} times\b",
        r"\bsends? (?:me|her|him) (?:photos|pictures|pics) of (?:my|her|his) (?:own )?(?:car|house"
        r"|flat|door|kids|work)\b",
    ],
    "children_threatened": [
        r"\b(?:hurt|harm|kill|hit|smack|punch) (?:the|my|our) (?:kids|children|baby|son|daughter"
        r"|boys|girls)\b",
        r"\b(?:threaten\w* to|(?:he|she|they)(?:'ll| will|'d| would|'s going to)) (?:take|snatch)"
        r" (?:the|my|our) (?:kids|children|baby|boys|girls)\b|\bmake sure (?:nobody|no one|i never)"
        r" (?:has|have|sees?|gets?) (?:them|the kids)\b",
    ],
    # Shut in, or cut off from food, medicine or help: the control DASH asks about.
    "confinement": [
        r"\block(?:s|ed|ing)? (?:me|her|him|them|us) (?:in|out)\b|\bhides? (?:my|her|his) (?:tablets"
        r"|medication|meds|inhaler|insulin|wheelchair|charger)\b",
    ],
    "sexual_violence": [
        r"\b(?:raped|rapes|rape|forced me|makes me have sex|made me have sex|sexually assault\w*)\b",
        r"\b(?:forces?|forced|forcing) (?:himself|herself|themselves) (?:on|upon) (?:me|her|him)\b",
        r"\b(?:make|makes|made|making|force|forces|pressures?|pressured) (?:me|her) (?:to )?(?:have"
        r" |into |do )(?:sex|relations|it|things|stuff)\b|\b(?:sex|relations|touch\w*|carried on"
        r"|kept going)\b[^.!?]{0,40}\b(?:when|after|even though|even when) (?:i|she)(?:'ve| have"
        r"| had)? said no\b",
        r"\bcarried on (?:when|after|even though|even when) i (?:said no|told him to stop|said stop"
        r"|was crying)|\b(?:having sex|doing (?:stuff|things)) (?:to|with) me\b|\bmade me even"
        r" though\b|\b(?:while|when) i(?:'m| am| was) asleep\b|\b(?:does|doing|did) (?:things|stuff)"
        r" to me\b",
    ],
    "forced_marriage": [FORCED_MARRIAGE],
    "violence": [
        r"\b(?:he|she|they|my \w+)(?: has| had|'s)?(?: (?!(?:never|not|no|didn't|hasn't|hadn't"
        r"|wouldn't|won't)\b)\w+)? {PAST} (?:me|us)\b",
        # Seen or told by a friend, a neighbour or a child: "daddy pushed mummy".
        r"\b(?:he|she|they|dad|daddy|mum|mummy|(?:my|her|his|their) \w+)(?: has| had|'s)? {PAST}"
        r" (?:her|him|them|mummy|mum|daddy|dad|(?:my|her|his|their) (?:mum|dad|mother|father"
        r"|nan|gran|wife|husband|partner|girlfriend|boyfriend|son|daughter))\b",
        # A blow that only just missed: "punched the wall right next to my head".
        r"\b(?:punched|hit|kicked|smashed|headbutted|threw \w+ at) (?:the|a) (?:wall|door|window"
        r"|mirror) (?:right |just )?(?:next to|by|beside|near|behind|above) (?:my|her|his) (?:head"
        r"|face)\b",
        r"\b(?:seen|saw|watched|heard) (?:him|her|them|\w+|\w+ \w+) (?:shove|push|hit|slap|punch|kick|grab"
        r"|throw|drag|strangle|choke|beat|batter)\w* (?:her|him|them)\b",
    ],
    "recent_violence": [
        r"\b{PAST} (?:me|us)\b[^.!?]{0,40}\b(?:last night|yesterday|this morning|earlier"
        r"|at the weekend|the other (?:night|day)|last week)\b",
        r"\b(?:bruis\w+|black eye|broke my|broken (?:nose|rib|arm|jaw|wrist)|stitches|hospital"
        r"|a&e)\b",
    ],
}

# Idioms that share words with danger, erased before matching so that a real cue elsewhere in
# the same message still fires ("this job is killing me and he's got a knife").
_IDIOMS = [
    # Threats to a pet are abuse and coercive control (the threats reply says so), but no person
    # is in danger this minute; erased so "he'll kill the dog" is not read as "he'll kill".
    r"\b(?:kill|killing|hurt|hurting|harm|harming|drown|poison|get rid of|starve|kick)"
    r" (?:my|the|our|her|his|your) (?:dog|dogs|cat|cats|pets?|rabbits?|hamsters?|horses?|puppy"
    r"|kitten|birds?|budgie|guinea pigs?|tortoise)\b",
    r"\b(?:this|that|it|work|job|feet|back|head|neck|knees?|waiting|wait|suspense|silence"
    r"|stress|heat|commute|boss|uncertainty|not knowing|hangover|exams?|case|tooth|cramps)"
    r"(?:'s|'re| is| are)(?: really| honestly| literally| slowly| actually)? killing me\b",
    # "He'd kill me if he knew I was on here": fear of being found out, said every day; a threat
    # to kill is still read as serious (serious()).
    r"\b(?:will|'ll) (?:literally |actually )?(?:kill|murder) me if (?:he|she|they) (?:sees?|finds?"
    r" out|knows?|catches?|hears?)\b"
    # "He's gonna kill me when he sees the bank statement lol. not literally."
    r"|\b(?:gonna|going to|will|'ll) (?:kill|murder) me when (?:he|she|they) (?:sees?|finds?"
    r" out|hears?|gets?)\b(?=[^~]{0,80}\b(?:lol|haha\w*|lmao|not literally|jk|only joking)\b)|(?:lol|haha|lmao)\b[^.!?]{0,10}\b(?:he|she|they)'ll kill me\b"
    r"|\bdrag(?:s|ged|ging)? (?:\w+ ){0,3}(?:case|proceedings|hearing|divorce|out|through the"
    r" courts?|back to court|to court)\b|"
    r"\b(?:would|'d) (?:literally |actually )?(?:kill|murder) me if (?:he|she|they|i) (?:knew|found out|saw"
    r"|caught|heard|was|were)\b|\bkilling me with (?:these|his|her|the|those|all|their)\b"
    r"|\b(?:feel|feels|feeling|felt) like i (?:can't|couldn't) breathe\b"
    r"|\bpanic attacks?\b[^.!?]{0,100}\bcan't breathe\b",
    r"\bdying (?:to|for)\b|\b(?:i'd|i would|i could) kill for\b|\bkill(?:ed|ing) it\b"
    r"|\bkill(?:ing)? (?:time|the mood|the vibe)\b",
    r"\bhit (?:the (?:gym|shops|road|sack|hay|spot|roof|ceiling|headlines|bottle)|home"
    r"|rock bottom|it off|a nerve|a wall)\b",
    r"\b(?:it|that|this|reality|the news|covid|lockdown|prices|bills|inflation|(?:the )?cost of"
    r" living(?: crisis)?)(?:'s| has| have| had)?(?: just| finally| really| only| all)*"
    r" hit (?:me|us)(?: hard)?\b",
    r"\bdead (?:tired|beat|on|right|set|easy|serious|funny|boring|busy|quiet|to (?:me|us|him"
    r"|her))\b|\b(?:phone|battery|laptop|tablet|car|line|signal|ipad)(?:'s| is| has| was)?"
    r"(?: nearly| almost| gone| just| about to go| going)* dead\b",
    r"\b(?:died|die|dying) (?:of |from )?(?:laughing|embarrassment|shame|laughter|boredom"
    r"|curiosity)\b|\bto die for\b|\bover my dead body\b|\b(?:dye|die) (?:my|her|his) hair",
    r"\b(?:trapped|stuck|locked) in (?:a|an|this|my|the) (?:\w+ )?(?:marriage|relationship"
    r"|cycle|job|situation|life|loop|battle|dispute|row)\b",
    r"\b(?:scared|bored|worried|frightened) to death\b|\b(?:lol|lmao|haha\w*) i'm dead\b"
    r"|\bi'm dead (?:lol|lmao|haha)|\bbanging on about\b",
    r"\b(?:hit (?:me|us) up|beat (?:me|us) (?:to it|at|in)|(?:threw|thrown|kicked|chucked)"
    r" (?:me|us) out|pushed (?:me|us) (?:away|too far|to the limit|into \w+ing)|knocked (?:me"
    r"|her) up|stabbed (?:me|us) in the back (?:by|when|and))\b",
]

# A clause about the past or a habit is not tonight. Only for immediate danger: a past suicide
# attempt still raises risk now, so suicide cues are never silenced by it.
_PAST = re.compile(
    r"\b(?:used to|years? ago|months? ago|weeks? ago|a while ago|long time ago|last (?:year"
    r"|month|week|summer|winter|spring|autumn|christmas)|when we were|when i was (?:a kid|little"
    r"|young|younger|a child|pregnant|with)|as (?:a kid|kids|a child|children|a teenager)"
    r"|growing up|in the past|back then|back in (?:(?:19|20)\d\d|the day|the \w+ties|the \d0s|my (?:teens"
    r"|twenties|thirties)|school|uni|college)|in (?:19|20)\d\d|before i left|sometimes"
    r"|occasionally|from time to time|now and (?:again|then)|the other (?:night|day|week)"
    r"|last weekend|over the years|a few times|always (?:said|says|told|tells)|one time|that time"
    r"|last night|yesterday|this morning|earlier today|at the weekend|(?:on |last )?(?:mon|tues"
    r"|wednes|thurs|fri|satur|sun)day|once (?:he|she|they) (?:came|threw|hit|pulled|grabbed|held|had)"
    r"|a fortnight ago|in (?:january|february|march|april|may|june|july|august|september|october"
    r"|november|december)|in the (?:spring|summer|autumn|winter|nineties|90s|eighties|80s)"
    r"|at (?:easter|christmas|new year)|when i was (?:\w+ ){0,3}(?:pregnant|expecting)"
    r"|since (?:he|she|i|we|they) (?:ended|left|split|broke up)"
    r"|before(?= ?(?:[.,!?]|$))|left (?:a |me with a )?scars?"
    r"|(?:\d+|a|one|two|three|four|five|six|a few|couple of) (?:days?|weeks?|months?) (?:after|later|on)\b"
    r"|once(?! (?:he|she|they|i|we|you|the|and for all)\b))\b"
)
# Words that bring a story told in the past back to now: "he hit me last week and he's on his
# way back tonight" is danger now; "he hit me last week" alone is serious, not 999 now.
_NEAR_NOW = re.compile(
    r"\b(?:right now|tonight|today|at the moment|just now|any minute|as we speak|this (?:evening"
    r"|afternoon)|on (?:his|her|their) way|when (?:he|she|they) (?:gets?|comes?) (?:home|back|in)"
    r"|(?:been )?going on (?:for )?(?:\w+ )?(?:mins?|minutes|half an hour|an hour) now"
    # "Back in ten mins", "20 mins now", "for the last 10 min": minutes are now.
    r"|(?:back|here|home|out) in (?:\d+|two|five|ten|fifteen|twenty|thirty|a few|a couple of)"
    r" (?:mins?|minutes)|(?:\d+|five|ten|fifteen|twenty|thirty) (?:mins?|minutes) now"
    r"|for the (?:last|past) (?:\d+|five|ten|fifteen|twenty|thirty|few) (?:mins?|minutes))\b"
)
# How often, not now: "he waits outside most nights" is stalking to take seriously, not 999 now.
_HABIT = re.compile(
    r"\b(?:most|every) (?:nights?|days?|weeks?|weekends?|mornings?|evenings?)\b"
    r"|\bevery (?:couple|few) (?:of )?(?:days|weeks|months|nights)\b"
    r"|\ball the time\b|\busually\b|\bwhenever\b|\b(?:turning|turns|turned) up everywhere\b"
    r"|\bwherever (?:i|we) go\b|\b(?:twice|three times|more than once|a couple of"
    r" times|several times)\b"
)
# Later, not now: "when he gets out of prison next month".
_LATER = re.compile(
    r"\bnext (?:week|month|year|weekend)\b|\bin a few (?:weeks|months)\b|\bwhen (?:he|she|they)"
    r"(?:'s| is| are| gets?| get) out\b|\bgets? out of (?:prison|jail)\b"
)
# A threat tied to leaving, with nothing that brings it to now, is used to
# control: among the gravest markers (DASH), but not 999 now. "He's outside and says he'll kill
# me if I don't open the door" is read as now by the proximity cue, whatever this says.
_IF_THEY_LEAVE = re.compile(
    r"\bif (?:i|you|she|he|they|we)(?: \w+)? (?:ever )?(?:leave|leaves|left|walks? out|walked out|split|end|ended"
    r"|don't come back|doesn't come back|didn't come back|shame|shamed)\b"
)
# "What if", dreams and memories are safety planning or the past; the planning answer and the
# learned model cover 999 anyway.
_NOT_NOW = re.compile(
    r"\b(?:what (?:should|do|can|would|could) (?:i|we) do|what happens|how (?:do|can|should) i"
    r" \w+(?: \w+)?) if\b|\bwhat if\b|\bin case\b|\b(?:nightmares?|flashbacks?|dreams?"
    r"|memories) (?:about|of)\b"
)
# A present statement of safety which, beside a past marker, lets cues that could be old news
# rest ("he said he'd kill me. That was years ago and I'm safe now").
_SAFE_NOW = re.compile(
    r"\b(?:i'm|we're) (?:safe|ok|okay|fine|alright)(?: now)?\b(?! (?:but|if|until))"
    r"|\b(?:he's|she's|they're|he is|she is|my ex is) (?:in prison|in jail|locked up|dead|abroad"
    r"|in another country)\b|\bi'm not in danger\b|\b(?:he|she|my ex) (?:died|passed away)\b"
)
# The person who harmed them can no longer reach them. ("I'm fine now" is not this: people
# minimise, and a past strangling still raises risk.)
_GONE = re.compile(
    r"\b(?:he's|she's|they're|he is|she is|my ex is) (?:in prison|in jail|locked up|dead)\b"
    r"|\b(?:he|she|my ex) (?:died|passed away)\b"
)
# "Not in any danger": said to be sure the reply is not about 999.
_NOT_IN_DANGER = re.compile(
    r"\b(?:not|no|nobody's|nobody is|never) (?:in )?(?:any |immediate )?danger\b|\bnot an emergency\b"
    r"|\b(?:he's|she's|they're|he is|she is|they are) (?:not|never been) (?:violent|physical)\b"
    r"|\bnot in (?:a|any) (?:rush|hurry)\b"
)
# "No weapons", "without any threats": the marker named to say it is absent.
_NONE_OF = re.compile(r"\b(?:no|without(?: any)?|not any)\s*$")
_LONG_AGO = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|many|a few|several) years? (?:ago"
    r"|now)\b|\byears ago\b|\bin (?:19|20)\d\d\b"
)
_GENERAL_QUESTION = re.compile(
    r"^(?:does|do|is|are|can|could|what is|what's|what are|how (?:do|does|can)) (?!i\b|i'm\b|my\b)"
)
_FIRST_PERSON_OBJECT = re.compile(r"\b(?:me|my|us|our|i)\b")
_CLAUSE_BREAK = re.compile(
    r"[.!?;:\n]+|,|\b(?:but|however|although|though|whereas)\b"
    r"|\b(?:and )?now(?= (?:he|she|they|my|there|i)\b)"
)
_NEGATORS = frozenset(
    "not never don't doesn't didn't won't wouldn't isn't wasn't aren't haven't hasn't hadn't nor"
    " stopped longer".split()
)
_THIRD_PARTY = re.compile(
    r"\b(?:friend|mate|daughter|son|sister|brother|child|kid|teen|teenager|niece|nephew|cousin"
    r"|mum|mom|dad|partner|boyfriend|girlfriend|husband|wife|pupil|student|client|colleague"
    r"|someone|somebody|people|person|he|she|they|him|her)\b"
)
_THEIR_SUICIDE = re.compile(
    r"(?:kill|killing|killed|hang|hanging|hanged) (?:him|her|them)sel(?:f|ves)"
)
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'd|me|myself)\b")
# Ten times the chat API's limit; beyond it a pasted document, not a cry for help.
_MAX_CHARS = 20_000


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(re.sub(r"\{([A-Z]+)\}", lambda m: _MACROS[m.group(1)], pattern))


_SERIOUS_RX = [(name, _compile(p)) for name, ps in _SERIOUS.items() for p in ps]


_IMMEDIATE_RX = [(name, cur, _compile(p)) for name, (cur, ps) in _IMMEDIATE.items() for p in ps]
_SUICIDE_RX = [(name, _compile(p)) for name, ps in _SUICIDE.items() for p in ps]
_IDIOMS_RX = re.compile("|".join(_IDIOMS))
_DESPAIR_RX = [_compile(p) for p in _DESPAIR]
_MEANS_RX = [_compile(p) for p in _MEANS]

_NORMALISE_RX = [(re.compile(p), r) for p, r in _NORMALISE]


def normalise(text: str) -> str:
    """Fold case, quotes, spacing and common text-speak so patterns see one spelling."""
    t = unicodedata.normalize("NFKC", text or "")[:_MAX_CHARS].lower()
    t = re.sub(r"[\u2018\u2019\u201a\u201b\u2032\u02bc`\u00b4]", "'", t)
    t = re.sub(r"[\u201c\u201d\u201e\u201f\u2033]", '"', t)
    t = re.sub(r"\s+", " ", t).strip()
    for rx, repl in _NORMALISE_RX:
        t = rx.sub(repl, t)
    return t


def _clause(text: str, pos: int) -> tuple[int, int]:
    start, end = 0, len(text)
    for m in _CLAUSE_BREAK.finditer(text):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


def _sentence(text: str, pos: int) -> str:
    start = max(text.rfind(c, 0, pos) for c in ".!?\n") + 1
    ends = [i for i in (text.find(c, pos) for c in ".!?\n") if i >= 0]
    return text[start : min(ends) if ends else len(text)]


def _negated(words_before: str) -> bool:
    # Only the few words right before the cue, so "I'm not sure, but he's outside" still fires.
    return any(w.strip("\"'") in _NEGATORS for w in words_before.split()[-3:])


def _third_party(prefix: str) -> bool:
    others = [m.end() for m in _THIRD_PARTY.finditer(prefix)]
    return bool(others) and not _FIRST_PERSON.search(prefix[others[-1] :])


def _found(patterns: list[re.Pattern[str]], t: str) -> bool:
    for rx in patterns:
        for m in rx.finditer(t):
            start, _ = _clause(t, m.start())
            if not _negated(t[start : m.start()]):
                return True
    return False


def _despair_with_means(t: str) -> bool:
    return _found(_DESPAIR_RX, t) and _found(_MEANS_RX, t)


def assess(text: str) -> Danger | None:
    """Return SUICIDE, IMMEDIATE or None for one user message (SUICIDE wins: it includes 999)."""
    t = _IDIOMS_RX.sub(" ~ ", normalise(text))
    if not t.strip(" ~"):
        return None
    # A story told in the past, with nothing that brings it to now, is serious (see serious()),
    # not 999 now. Only cues that could be old news are read this way; "he's outside" never is.
    told_in_past = bool(_PAST.search(t)) and not _NEAR_NOW.search(t)
    for name, rx in _SUICIDE_RX:
        for m in rx.finditer(t):
            start, end = _clause(t, m.start())
            before = t[start : m.start()]
            if _negated(before) or (name == "self_harm" and _third_party(before)):
                continue
            if _THEIR_SUICIDE.match(m.group(0)) and (told_in_past or _PAST.search(t[start:end])):
                # "Last week he said he'd kill himself if I left": a threat to control, serious.
                continue
            return Danger.SUICIDE
    if _despair_with_means(t):
        return Danger.SUICIDE
    calm_context = bool(_SAFE_NOW.search(t) and _PAST.search(t))
    # "Every weekend", with nothing that brings it to now: a pattern to take seriously, not 999.
    habitual = bool(_HABIT.search(t)) and not _NEAR_NOW.search(t)
    for name, current, rx in _IMMEDIATE_RX:
        for m in rx.finditer(t):
            start, end = _clause(t, m.start())
            clause = t[start:end]
            if _negated(t[start : m.start()]) or _NOT_NOW.search(clause):
                continue
            if (_HABIT.search(clause) and not _NEAR_NOW.search(clause)) or _LATER.search(clause):
                continue
            if current:
                if _SAFE_NOW.search(_sentence(t, m.start())):
                    continue  # "she's locked the doors, so I'm safe": safe, said in one breath
                return Danger.IMMEDIATE
            if (
                calm_context
                or habitual
                or _PAST.search(clause)
                or (told_in_past and not _NEAR_NOW.search(clause))
            ):
                continue
            if (
                name == "threat"
                and _IF_THEY_LEAVE.search(t[m.end() : end])
                and not _NEAR_NOW.search(clause)
            ):
                continue  # "he'll kill me if I ever leave": a threat to control, serious (DASH)
            return Danger.IMMEDIATE
    return None


def considered(text: str) -> bool:
    """True when the rules saw a danger cue here, even if they then cleared it.

    An idiom ("this job is killing me"), a negation ("I don't want to die") or something plainly
    in the past counts: the rules weighed it. The guard lets the learned model add a danger
    verdict only where the rules saw nothing at all, so the model widens recall on wording the
    rules do not know without overruling what the rules deliberately cleared.
    """
    t = normalise(text)
    return bool(
        _IDIOMS_RX.search(t)
        or _NOT_IN_DANGER.search(t)
        or any(rx.search(t) for _, rx in _SUICIDE_RX)
        or _despair_with_means(t)
        or any(rx.search(t) for _, _, rx in _IMMEDIATE_RX)
        # A story of serious harm told in the past or as a habit: serious, not now.
        or (serious(text) and bool(_PAST.search(t) or _HABIT.search(t)))
    )


def serious(text: str) -> tuple[str, ...]:
    """Which markers of serious harm a message names, in the order of _SERIOUS ("" if none).

    Read beside assess(): a message with danger now gets 999 first; one with only these markers
    gets "this is serious" and the 24-hour helpline. A negated marker ("he's never hit me", "no
    weapons") does not count; a past one does, because these raise risk however long ago.
    """
    t = _IDIOMS_RX.sub(" ~ ", normalise(text))
    if (_GONE.search(t) and _PAST.search(t)) or (_SAFE_NOW.search(t) and _LONG_AGO.search(t)):
        return ()  # "it was years ago, he died in 2010": history, told as history
    if _GENERAL_QUESTION.match(t) and not _FIRST_PERSON_OBJECT.search(t):
        return ()  # "is forced marriage illegal?": a question about the law, not a story
    found: list[str] = []
    for name, rx in _SERIOUS_RX:
        if name in found:
            continue
        for m in rx.finditer(t):
            start, end = _clause(t, m.start())
            before = t[start : m.start()]
            if _negated(before) or _NOT_NOW.search(t[start:end]) or _NONE_OF.search(before):
                continue
            found.append(name)
            break
    return tuple(found)


def suicide_considered(text: str) -> bool:
    """True when the rules saw any sign of suicide or self-harm here, even one they cleared."""
    t = normalise(text)
    return any(rx.search(t) for _, rx in _SUICIDE_RX) or _despair_with_means(t)


def not_now(text: str) -> bool:
    """Told as the past or as a habit ("twice", "every weekend"), with nothing that brings it
    to now."""
    t = normalise(text)
    return bool(_PAST.search(t) or _HABIT.search(t)) and not _NEAR_NOW.search(t)


def despair(text: str) -> bool:
    """Words of despair ("he wins", "they'd manage without me"), with or without a plan."""
    return _found(_DESPAIR_RX, _IDIOMS_RX.sub(" ~ ", normalise(text)))


def calm_said(text: str) -> bool:
    """The writer says plainly there is no danger or hurry ("he's not violent", "no rush")."""
    return bool(_NOT_IN_DANGER.search(normalise(text)))
