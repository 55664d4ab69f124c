"""Whose story is this, and about whom: read from the words of a first message.

A survivor who has just told us what he does should not be asked "who is this for?"; a friend
writing about her sister should not be answered as if she were the one harmed; someone who
describes hurting his partner must never be told it is not his fault, and a survivor who
describes his anger must never be sent the reply for people who harm. The learned classifier
sees topics; this reads the grammar of harm that practitioners read: who does what to whom.

- speaker: `self` (it happens to the writer: "he takes my wages", "I'm scared of her"),
  `other` (the writer is worried about someone: "my sister's husband...", "how do I help her"),
  `own` (the writer harms: "I pushed my wife", "she's scared of me"). None when unclear.
- about the person harmed (for `own`, the writer), where said: gender, LGBT+, age group;
  who harms them (partner, ex, family, carer, their own child); and situations that choose a
  service: forced marriage, immigration, pregnancy.

Rules rather than a model, for the same reason as the danger guard: a wrong guess here sends
someone to the wrong service, and these phrases are regular. Precision over recall: when the
rules are unsure they say nothing, and the intent decides as before. Pure Python with no Rasa
imports (bot/components/story_reader.py wraps it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reading import speaker_model
from reading.danger_lexicon import FORCED_MARRIAGE, normalise

# A message this long tells a story; shorter, it is a question or a reply. The story reader and
# the services action both use it.
STORY_WORDS = 12


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


# Nouns for the people in a story. Partners first: "my partner's son" is still a relative.
_PARTNER_F = r"(?:wife|girlfriend|missus|misses|fiancee|wifey)"
_PARTNER_M = r"(?:husband|boyfriend|fiance|fella|hubby)"
_PARTNER = rf"(?:{_PARTNER_F}|{_PARTNER_M}|partner|other half|spouse|ex(?:-| )?(?:partner|wife|husband|girlfriend|boyfriend)?)"
_REL_F = (
    r"(?:sister|sis|daughter|mum|mom|mother|mam|nan|nana|nanna|gran|granny|grandma|grandmother"
    r"|aunt|auntie|aunty|niece|stepdaughter|step daughter|stepmum|step mum|granddaughter"
    r"|sister in law|daughter in law|mother in law)"
)
_REL_M = (
    r"(?:brother|bro|son|dad|father|grandad|granddad|grandpa|grandfather|uncle|nephew|stepson"
    r"|step son|stepdad|step dad|grandson|brother in law|son in law|father in law)"
)
_FRIEND = (
    r"(?:friend|mate|best mate|best friend|bestie|pal|neighbour|colleague|coworker|co worker"
    r"|workmate|work mate|flatmate|housemate|student|pupil|client|patient|cousin|lodger)"
)
_PERSON = rf"(?:{_REL_F}|{_REL_M}|{_FRIEND})"
_HARM = (
    r"(?:hits?|hitting|punch(?:es|ed|ing)?|kick(?:s|ed|ing)?|slap(?:s|ped|ping)?|push(?:es|ed|ing)?"
    r"|shov(?:es|ed|ing)|chok(?:es|ed|ing)|strangl(?:es|ed|ing)|grab(?:s|bed|bing)|beat(?:s|en|ing)?"
    r"|batter(?:s|ed|ing)|hurt(?:s|ing)?|threaten(?:s|ed|ing)?|control(?:s|led|ling)|scar(?:es|ed|ing)"
    r"|frighten(?:s|ed|ing)|bull(?:ies|ied|ying)|rap(?:es|ed|ing)|abus(?:es|ed|ing)|belittl(?:es|ed|ing)"
    r"|humiliat(?:es|ed|ing)|isolat(?:es|ed|ing)|blam(?:es|ed|ing)|insult(?:s|ed|ing)|track(?:s|ed|ing)"
    r"|follow(?:s|ed|ing)|stalk(?:s|ed|ing)|manipulat(?:es|ed|ing)|gaslight(?:s|ed|ing)"
    r"|(?:shouts?|shouted|shouting|screams?|screamed|screaming|yells?|yelled|yelling|swears?|swore"
    r"|swearing|goes mad|went mad|kicks off|kicked off|lashe?s? out|lashed out) at"
    r"|goes for|went for|gone for|going for|comes at|came at|come at|coming at|comes for|came for"
    r"|flies at|flew at"
    r"|won't let|doesn't let|didn't let|wouldn't let|never lets|makes?|made|forces?|forced|forcing"
    r"|stops?|stopped|locks?|locked|calls?|called)"
)
_TAKE_MY = (
    r"(?:takes?|took|taken|has|had|keeps?|kept|controls?|controlled|reads?|checks?|checked|goes"
    r" through|went through|hides?|hid|smashe?s?|smashed)(?: over| control of)? (?:all )?my (?:money|wages|pay|card"
    r"|bank card|benefits|pip|pension|phone|messages|texts|passport|keys|car|post)"
)

_OWN = [
    # Harm done by the writer to a partner or relative ("I pushed my wife", "I hit her").
    rf"\bi(?:'ve| have)?(?: \w+ly)?(?: just| also| even| then| started| keep| kept)? (?:hit|hurt"
    rf"|pushed|push|shoved|shove|grabbed|grab|slapped|slap|punched|kicked|strangled|choked|bit|bitten"
    rf"|scratched|spat at"
    rf"|threatened|threaten|scared|scare|frightened|frighten|intimidated|intimidate|bullied|bully"
    rf"|shouted at|shout at|shouting at|screamed at|scream at|snapped at|snap at|swore at|swear at"
    rf"|lashed out at|lash out at|went for|lost it with|lose it with|hit out at|hitting|pushing"
    rf"|smashed|broke|control|controlled|check|checked|go through|went through|read|track"
    rf"|tracked|go on at|went on at|belittle|put down|took|taken)"
    rf"(?: (?!if\b|whether\b|what\b|how\b|why\b|when\b|that\b)\w+)? (?:my (?:{_PARTNER}"
    rf"|{_REL_F}|{_REL_M}|kids|children|family)|her|him)\b",
    rf"\bi(?:'ve| have)?(?: \w+ly)? (?:stopped|stop|won't let|don't let|didn't let) (?:my"
    rf" (?:{_PARTNER})|her|him) (?:from )?(?:going|seeing|having|getting|leaving|working|using"
    rf"|wearing|talking|go|see|have|get|leave|work|use|wear|talk|do)\b",
    r"\bi (?:say|said|call|called) (?:some |such )?(?:awful|horrible|nasty|cruel|terrible|vile"
    r"|hurtful) (?:things|names|stuff) (?:to )?(?:her|him|my)\b",
    # Made to account to the writer, or her money taken by the writer.
    rf"\bi (?:make|made|force|forced|get|got) (?:her|him|my (?:{_PARTNER})) (?:to )?(?:show|give|hand"
    r"|ask|account|explain|tell|stay|send)\b|\bi (?:\w+ )?(?:moved|took|take|keep|kept|control)"
    r" (?:her|his) (?:wages|money|pay|card|bank card|benefits|pension|phone)\b",
    r"\bi(?:'ve| have)? (?:smashed|broke|broken|destroyed|ripped|thrown) (?:her|his|their) \w+"
    r"|\bi (?:bombard|spam|message|text|ring|call) (?:him|her) (?:\d+|constantly|all the time|non"
    r"[- ]?stop)",
    r"\bwhen i(?:'m| am| get| got) (?:angry|jealous|drunk|wound up|stressed)\b[^.!?]{0,60}\b(?:it"
    r" )?(?:frightens|scares|upsets) (?:her|him|them|the kids)\b|\b(?:stop|stopping) (?:checking"
    r"|reading|tracking|hitting|pushing|shouting at|controlling) (?:her|his|my)\b",
    r"\bhelp (?:the person|people|someone|the one|men|women) (?:who|that) (?:does|do|is doing|did"
    r"|are doing) (?:it|this|that)\b|\b(?:says?|said) i'm (?:controlling|abusive|jealous)"
    r"\b[^.!?]{0,30}\bi (?:suppose|guess|think|know) i am\b",
    r"\bi (?:don't|do not) (?:like|let) (?:her|him) (?:going|go|seeing|see|having|have|wear)\b"
    r"|\bi (?:do|handle|control|keep) all (?:the|our) money\b",
    r"\bchange\b[^.!?]{0,60}\b(?:someone|people) like me\b",
    r"\bi (?:keep )?(?:losing|lose|lost) it (?:with|at) (?:my|her|him)\b|\bi (?:\w+ )?(?:punched|hit"
    r"|kicked|smashed|put my fist through) (?:the|a) (?:wall|door|window)\b[^.!?]{0,30}\b(?:next to"
    r"|near|by|beside) (?:her|his|my)\b|\bi (?:just )?(?:explode|blow up|flip|snap)\b(?! (?:at|about) (?:him|her|them)\b)",
    r"\bi (?:put|had|got) my hands? (?:round|around|on) (?:her|his) (?:throat|neck)\b|\bi (?:\w+ )?locked"
    r" (?:her|him) (?:out|in)\b|\bi (?:control|do|handle|keep) (?:all )?(?:the|our|her|his) money\b",
    r"\bi (?:\w+ )?(?:grabbed|grab|pushed|slapped|punched|kicked|squeezed|pinched|shook) (?:her|his"
    r"|their) (?:arms?|wrists?|neck|throat|hair|face|shoulders?)\b",
    r"\b(?:how|the way) (?:they|i|we) treat (?:their|my|our) (?:partner|wife|husband|girlfriend"
    r"|boyfriend|family|kids)\b|\b(?:sort|get) myself (?:out|sorted)\b[^.!?]{0,30}\bbefore i\b",
    r"\b(?:she|he) (?:has to )?(?:shows?|gives?|hands?) me (?:the |her |his |all )?(?:receipts"
    r"|wages|card|phone|passcode)\b|\b(?:do|doing) something i can't take back\b|\bi can feel"
    r" (?:it|myself) (?:building|going|losing it|snapping)\b",
    r"\bi (?:get|got|can get|go) (?:proper |really |so |very |quite )?(?:nasty|angry|violent"
    r"|aggressive|mean|physical|rough|vicious|scary) (?:with|at|towards|to) (?:my|her|him)\b"
    r"|\bi(?:'m| am) (?:losing|lose|lost) my (?:rag|temper|patience|head) (?:with|at) (?:her|him"
    r"|my)\b|\b(?:tempers?|anger)\b[^.!?]{0,40}\bmine(?:'s| is) (?:worse|the worst)\b"
    r"|(?:^|[.!?,] |\bi )snapped (?:her|his) (?:phone|glasses|laptop)\b",
    rf"\bi(?:'ve| have)? been (?:hitting|pushing|shoving|slapping|punching|kicking|hurting|grabbing"
    rf"|threatening|scaring|frightening|bullying|shouting at|screaming at|controlling|checking"
    rf"|tracking)(?: \w+)? (?:my (?:{_PARTNER}|{_REL_F}|{_REL_M}|kids|children|family)|her|him)\b",
    r"\bi(?:'ve| have)? (?:split|cut|bruised|marked|broke|broken|blacked) (?:her|his) (?:lip|nose"
    r"|face|eye|arm|wrist|ribs?|jaw|cheek)\b|\bi'm (?:always )?the one (?:who'?s? |that'?s? )?"
    r"(?:shouting|hitting|screaming|yelling|kicking off|losing it|starting it|angry)\b",
    r"\bi(?:'ve| have)? (?:picked up|waved|pulled out|got out|grabbed) (?:a|the) (?:\w+ )?(?:knife"
    r"|hammer|bat|bottle)\b(?![^.!?]{0,40}\b(?:defend|protect))|\b(?:after|since|because of|for)"
    r" what i(?:'ve| have)? (?:did|done)\b|\bso (?:she|he)(?:'d| would) (?:shut up|listen|back off"
    r"|stop (?:talking|going on))\b",
    r"\bi'm (?:always )?the one (?:who'?s? |that'?s? )?doing (?:the damage|it|the hurting)\b"
    r"|\bi (?:did|have|had) (?:throw|thrown|hit|push|pushed|shove|grab|smash|break|scream|shout)\w*\b"
    r"|\bi (?:\w+ )?kept (?:her|him|them) short\b|\b(?:want|need|trying) to change\b[^.!?]{0,30}"
    r"\bbe a (?:proper|better|good|decent) (?:dad|mum|father|mother|partner|husband|wife|boyfriend"
    r"|girlfriend)\b",
    r"\bi (?:\w+ ){0,4}so (?:he|she|they) can't (?:leave|go|get out|get past)\b|\bhow (?:do|can|should)"
    r" i stop (?:doing (?:it|this|that)|myself|losing it|losing my temper|kicking off|lashing out)\b"
    r"|\bstop (?:losing it|losing my temper|kicking off|lashing out|flying off the handle) (?:with"
    r"|at)\b",
    r"(?:\bi |^|[.!?] )(?:\w+ )?(?:punched|hit|kicked|smashed|threw|chucked|thrown)(?: (?:a|my|the"
    r"|his|her) \w+)? (?:at |into )?(?:the|a) (?:wall|door|window)\b[^.!?]{0,30}\b(?:next to|near"
    r"|by|beside) (?:her|his|my)\b",
    r"\bbecause of my (?:temper|anger|drinking|behaviour|jealousy|moods?)\b|\b(?:get a grip on"
    r"|control|sort out|manage|rein in) (?:my|the) (?:temper|anger)\b|\bi (?:only )?(?:ever )?shout"
    r" when i(?:'ve| have)? had a drink\b|\bi(?:'ve| have)? (?:been |keep |always )?tak(?:e|ing|en)"
    r" it out on (?:my|her|him|them)\b",
    r"\b(?:scared|afraid|locked (?:herself|himself|themselves) in|hiding|crying) (?:\w+ ){0,4}because"
    r" of me\b|\bput my (?:fist|foot|head) through\b|\bdon't trust (?:what i(?:'ll| will| might)"
    r" do|myself)\b|\bi go (?:silent|quiet|cold) (?:for|on)\b|\b(?:she|he) (?:has to )?asks? me (?:for (?:money|cash"
    r"|permission)|before|when (?:she|he) (?:needs|wants)|if (?:she|he) can)\b|\b(?:says|said|thinks|tells me) i'?m (?:\w+ )?(?:controlling|abusive|the abuser"
    r"|toxic|a bully)\b[^~]{0,80}\b(?:starting to think|i think|maybe|i know) (?:she's|he's"
    r"|they're) right\b",
    # Called a wife-beater: said of men who hit their wives, whatever they say happened.
    r"\b(?:wife|woman|girlfriend)[- ]?beater\b",
    r"\bi(?:'m| am)? (?:going to|gonna|might|could|want to|about to|will|think i'll|think i'm"
    r" going to) (?:hurt|hit|kill|lose it with|go for|strangle|batter) (?:her|him|my)\b"
    r"|\bwhat i (?:did|have done|'ve done) to (?:her|him|my)\b|\bput my fist through\b",
    r"\b(?:when|then|and) i (?:lose it|kick off|get angry|get jealous|snap|go off|don't get my"
    r" way)\b"
    r"|\b(?:tiptoes?|walks? on eggshells) (?:round|around) me\b|\bstop being (?:so |as )?(?:controlling"
    r"|abusive|violent|jealous|aggressive|nasty)\b|\bi'm the one who (?:\w+ )?(?:hits|scratches"
    r"|bites|lashes out|shouts|starts it|gets violent|hurts)\b",
    r"(?:^|[.!?,] |\bi )(?:smashed|broke) (?:her|his) (?:phone|stuff|things|laptop)\b"
    r"|(?:^|[.!?] )(?:told|threatened) (?:my (?:wife|husband|partner|girlfriend|boyfriend)|her"
    r"|him) (?:that )?(?:if (?:she|he) (?:ever )?leaves?|i'll|i would)",
    rf"\bi(?:'ve| have)? (?:check|checked|go through|went through|read|track|tracked|monitor)"
    rf" (?:her|his|my (?:{_PARTNER})'?s?) (?:phone|messages|texts|location|emails|bank)",
    r"\bi (?:keep|kept) (?:driving|walking|going) (?:past|by|round to) (?:her|his)\b",
    # "I put my hands on my wife again"; "I've never laid a hand on her" is not.
    rf"\bi(?:'ve| have)? (?!never\b|not\b|didn't\b|haven't\b|wouldn't\b|wouldnt\b|didnt\b)(?:\w+ )?"
    rf"(?:put|laid|lay|got) (?:my )?hands? on (?:her|him|my (?:{_PARTNER}|{_REL_F}|{_REL_M}))\b",
    r"(?:^|[.!?,] |\bi(?:'ve| have)? )left (?:a |some )?(?:bruises?|marks?|scratch(?:es)?) on (?:her|him"
    r"|his|my (?:wife|husband|partner|girlfriend|boyfriend))\b",
    # Watching them: "I keep tabs on where she is", "I keep an eye on his location".
    rf"\bi (?:\w+ )?(?:keep tabs on|keep an eye on|monitor|check up on|keep checking)"
    rf" (?:where (?:she|he|they|my (?:{_PARTNER}))|(?:her|his|their|my (?:{_PARTNER})'?s?) (?:location|phone"
    rf"|whereabouts|messages|spending)|(?:her|him|my (?:{_PARTNER})))\b",
    r"\bhow i (?:treat|speak to|talk to|behave (?:with|towards|around)) (?:her|him|my)\b"
    r"|\bstop (?:hurting|hitting|scaring|controlling|shouting at) (?:her|him|my)\b"
    r"|\b(?:flinch|flinches|flinched) when i\b|\b(?:scared|afraid|frightened|terrified) of what"
    r" i(?:'ll|ll| will| might| could)? (?:do|did)\b|\bbefore i (?:do something|hurt|hit|lose it)\b|\bsomething i(?:'ll"
    r"| will| might)? regret\b|\bmyself about to\b|\b(?:this|so) close to (?:hitting|hurting"
    r"|losing it)\b|\bi(?:'ve| have)? (?:locked|shut) myself (?:in|out)\b[^.!?]{0,60}\bbecause"
    r" if i\b",
    r"\b(?:she|he|they|my (?:wife|husband|partner|girlfriend|boyfriend|kids|children|family))"
    r"(?:'s|'re| is| are| seems?| gets?| got| has been| was)(?: so| really| now| always)?"
    r" (?:scared|afraid|frightened|terrified|wary) of me\b",
    r"\b(?:worried|scared|concerned|ashamed|disgusted) (?:about|of|with|by) (?:my own|my) (?:behaviour"
    r"|anger|temper|actions|jealousy|drinking and what)|\bdon't trust myself\b",
    r"\b(?:don't|do not|never) want to (?:be|end up|turn out|turn into) (?:like )?(?:my (?:dad"
    r"|father|mum|mother)|him)\b|\bturning into (?:my (?:dad|father|mum|mother)|him)\b",
    r"\bi (?:\w+ )?(?:banged|slammed|thumped) my (?:fist|hand)s?\b|\b(?:sort|deal with|get help"
    r" with|manage) (?:out )?my (?:anger|temper|jealousy|behaviour)\b"
    r"|\bsort my (?:anger|temper|jealousy|behaviour) out\b|\b(?:ringing|ring|call|calling|phoning)"
    r" (?:the )?respect\b",
    r"\b(?:i can't|can't|cannot) control my (?:anger|temper|jealousy)\b|\bi (?:lose|lost|keep"
    r" losing) (?:my temper|it with (?:her|him))\b|\bi (?:see|saw) red\b|\bi have anger issues"
    r"|\banger (?:issues|problems)\b",
    r"\b(?:i'm|i am) (?:the )?(?:one who'?s? (?:violent|abusive|controlling|hurting)|abusive|an"
    r" abuser|the abuser|the problem in|violent (?:towards|to|with)|controlling (?:towards|with))",
    r"\b(?:does that|does this|do i|am i|would that) (?:make|count|sound|mean)(?: me)?"
    r" (?:an? )?(?:abuser|abusive|controlling|like an abuser)",
    r"\b(?:domestic abuse|perpetrator|behaviour change|anger management) (?:course|programme"
    r"|program|group)\b[^.!?]{0,60}\b(?:before i|so i can|for me|i need to do)",
    rf"\bi(?:'ve| have)? (?:told|threatened) (?:my (?:{_PARTNER})|her|him) (?:that )?(?:if (?:she|he)"
    r" (?:ever )?leaves?|i'll|i would)",
]
# Their fear of the writer, in their words: "she says she feels trapped", "he says it scares
# him". A survivor says "I feel trapped". Counted only where no friend or relative is named, whose
# "she" it would be.
_THEIR_FEAR = re.compile(
    r"\b(?:she|he|my (?:wife|husband|partner|girlfriend|boyfriend)) (?:says|said|tells me|told me"
    r"|keeps saying)(?: that)? (?:(?:she|he|they)(?:'s| is| feels?| felt)|it (?:scares|frightens"
    r"|upsets|makes) (?:her|him)|i (?:scare|frighten|make) (?:her|him))(?: \w+)?"
    r" (?:scared|afraid|frightened|trapped|suffocat\w*|on eggshells|walking on eggshells"
    r"|controlled|like a prisoner|feel (?:scared|trapped|small))\b"
    r"|\b(?:she|he|my (?:wife|husband|partner|girlfriend|boyfriend)) (?:says|said) (?:it|i)"
    r" (?:scares|scare|frightens|frighten) (?:her|him)\b"
)
# Someone telling us what they are accused of is a survivor's story, not a confession.
_ACCUSED = re.compile(
    r"(?<!\bi )(?<!\bi just )(?<!\bto )\b(?:says?|said|saying|tells? (?:me|people|everyone"
    r"|them)|told (?:me|people|everyone|them|the police|the school)|telling (?:people|everyone"
    r"|them)|calls? me|called me|(?<=he |ey |ne |le |ys )thinks?|(?<=she )thinks|makes? me"
    r" (?:feel|think)|accus\w+ me of|reckons?|claims?|claimed|blames? me)"
    r"(?: \w+)?(?: that)?(?: i'm| i am| i)?\s*$"
)
# Survivors blame themselves in the words of a confession; these are theirs, not someone's who harms.
_SELF_BLAME = re.compile(
    r"\b(?:deserve[sd]?|asked for it|my (?:own )?fault|blame myself|brought it on)\b[^.!?]*$"
)
_SELF_DEFENCE = re.compile(
    r"\b(?:hit|pushed|shoved) (?:him|her) (?:back|away|off)\b|\bin self[- ]defen[cs]e\b"
    r"|\bfought back\b"
)

_OTHER = [
    rf"\b(?:worried|concerned|scared|afraid|worry|worrying|frightened) (?:about|for) (?:my|our"
    rf"|a|this|one of my) (?:\w+ )?(?:{_PERSON})\b",
    rf"\b(?:my|our|a) (?:{_PERSON})(?:'s| s) (?:new )?(?:{_PARTNER}|carer|family|parents|dad|mum"
    rf"|stepdad|son|daughter|in laws)\b",
    # "She's gone to her parents" is where someone went, not whom the story is about.
    rf"(?<!to )(?<!at )(?<!from )(?<!round )\b(?:her|his|their) (?:new )?(?:{_PARTNER}|carer"
    rf"|parents|brothers|uncle|family|in laws|stepdad|step dad|grandson|granddaughter"
    rf"|grandchildren)\b",
    r"\bhow (?:do|can|should|would) i (?:help|support|talk to|speak to|approach|bring (?:it|this)"
    r" up with|get through to) (?:her|him|them|my)\b",
    r"\bwhat (?:do|should|can|could) i (?:say|do) (?:to|for|about) (?:her|him|them|my)\b",
    r"\b(?:through the wall|next door|the neighbours?|upstairs flat)\b[^.!?]{0,80}\b(?:scream"
    r"|shout|crying|smash|bang)",
    r"\b(?:i'm|i am|as) an? (?:\w+ )?(?:teacher|teaching assistant|ta|nurse|social worker|support worker"
    r"|carer|gp|doctor|youth worker|manager|midwife|health visitor)\b",
    r"\bone of my (?:pupils|students|year \d+s?|clients|patients|staff|team)\b"
    r"|\b(?:a|one of our|a child in my|a kid in my) (?:year \d+|pupil|student|class)\b[^.!?]{0,30}"
    r"\b(?:told|said|disclosed|mentioned)\b|\b(?:teacher|ta|nursery worker|childminder) here\b",
    rf"\b(?:{_PERSON})\b[^.!?]{{0,40}}\b(?:rang me|messaged me|texted me|called me)\b"
    rf"|(?:^|[.!?] |\bmy )(?:{_PERSON}) (?:just |has just |'s just )?(?:rang|called|phoned|texted"
    rf"|messaged|facetimed)\b",
    r"\bfor a friend\b|\bmy friend (?:is|has|says|said|told)\b",
    r"\b(?:old|elderly|older) (?:lady|man|woman|gentleman|couple|neighbour)\b[^.!?]{0,30}\b(?:next"
    r" door|across the road|over the road|down the road|in my street|on my street|upstairs"
    r"|downstairs)\b",
    r"\b(?:next door|neighbours?|in my street|across the road)\b[^.!?]{0,60}\b(?:child|kid|lad"
    r"|boy|girl|woman|man|couple|family)\b|\b(?:child|kid|lad|boy|girl|woman) (?:next door|across"
    r" the road|upstairs|downstairs)\b",
]

_HARM_ME = re.compile(
    rf"\b(?:{_HARM}|pinned|pins|held|holds|dragged|drags|threw|throws|spat (?:on|at)|spits (?:on"
    rf"|at)|pulls|pulled|is sharp with|was sharp with|touch(?:es|ed|ing)?|groped|gropes|groping)"
    rf" (?:me|us)\b(?! up\b)"  # "he hits me up every day" is texting
    r"|\b(?:knock(?:s|ed|ing)?|slap(?:s|ped|ping)?|push(?:es|ed|ing)?|throw(?:s|ing)?"
    r"|threw|chuck(?:s|ed|ing)?) (?:me|us) (?:about|around|across|down the stairs|out)\b"
    # A weapon held to the writer: "held a kitchen knife to me", "pulled a knife on me".
    r"|\b(?:held|holds|pulled|pulls|waved|waves|pointed|points|put|puts) (?:a|the|his|her) (?:\w+"
    r" )?(?:knife|blade|bat|hammer|gun|bottle|scissors) (?:to|on|at) (?:me|my)\b"
)
_HARM_THEM = re.compile(rf"\b{_HARM} (?:her|him|them)\b")
# Contact from the person who harms: weaker than harm, still the writer's own story.
_CONTACT_ME = re.compile(
    r"\b(?:messag(?:es|ed)|texts?|texted|rings?|rang|calls?|called|emails?|emailed|sent|sends)"
    r" (?:me|us)\b"
)
# "it scared me", "does that make me an abuser": not someone harming the writer.
_NOT_A_PERSON = re.compile(
    r"\b(?:it|that|this|which|what|does that|would that|did that)(?: \w+ly| somehow| just| really"
    r"| always| only)?\s*$"
)
_SELF = [
    rf"\b{_TAKE_MY}\b",
    r"\b(?:i'm|i am|i get|i got|i feel|i've been|we're|we are) (?:so |really |always |very )?(?:scared"
    r"|afraid|terrified|frightened) (?:of|to (?:go home|leave|tell))\b",
    r"\b(?:i'm|i am) (?:being|getting) (?:hit|abused|controlled|hurt|followed|stalked|threatened"
    r"|beaten|harassed)\b",
    r"\b(?:walking|walk|walks|tiptoeing|tiptoe) on eggshells\b|\b(?:behind|following|after"
    r"|watching) me\b",
    rf"\b(?:if|when|before|once) i (?:leave|left)\b(?! (?:the room|now))|\bi (?:won't|want to|need"
    rf" to|have to|can't|am going to|'m going to) leave (?:him|her|my (?:{_PARTNER})|this"
    r" relationship|without)\b",
    r"\b(?:planning|plan|planned|plotting|saving for) (?:my|our) (?:escape|exit|way out|getaway)\b",
    r"\b(?:i have to|make me|made me|want me to|wants me to|forcing me to|force me to|pressur\w+ me"
    r" (?:to|into)) (?:marry|get married)\b|\bwith me in (?:it|the house)\b"
    r"|\b(?:come|coming|came) (?:and|to) (?:see|get|find) me\b",
]


def _rx(patterns: list[str]) -> list[re.Pattern[str]]:
    return [re.compile(p) for p in patterns]


_OWN_RX, _OTHER_RX, _SELF_RX = _rx(_OWN), _rx(_OTHER), _rx(_SELF)

# ----- about the person harmed -----
_AGE_OF = re.compile(
    r"\b(?:(?:she|he|they)(?:'s| is| are)|(?:is|aged|age)|i'm|i am|im|both|are both|we're both)"
    r"\s+(?:only |just |nearly"
    r" |almost )?(\d{1,3})\b(?! ?(?:weeks?|months?|days?|minutes?|mins?|hours?|miles?|times?"
    r"|quid|pounds?|stone|kg|%|k\b))|\b(\d{1,3})[- ]?(?:years?[- ]old|yrs? old|yo)\b"
)
_OLDER = re.compile(
    r"\b(?:nan|nana|nanna|gran|granny|grandma|grandmother|grandad|granddad|grandpa|grandfather"
    r"|elderly|pensioner|oap|(?<!my )(?<!our )old (?:lady|woman|gentleman|couple)"
    r"|in (?:her|his|their|my) (?:sixties|seventies|eighties|nineties|60s"
    r"|70s|80s|90s)|dementia|care home)\b"
)
# "They sleep at nana's": where someone stays, not who is harmed.
_AT_GRANDPARENTS = re.compile(
    r"\b(?:at|to|from|round|with) (?:my |our |his |her |their )?(?:nan|nana|nanna|gran|granny"
    r"|grandma|grandad|granddad|grandpa|grandparents)(?:'s|s'|s)?(?= |$|[.,!?])"
)
_CHILD = re.compile(
    r"\b(?:little (?:lad|boy|girl|one)|year [1-9]s?\b|primary school|(?:a|the|this)"
    r" (?:child|kid|boy|girl) (?:i|at|next|in|who))\b"
)
_LGBT = re.compile(
    r"\b(?:gay|lesbian|bisexual|bi|trans|transgender|non[- ]?binary|queer|lgbt\w*|same[- ]sex"
    r"|two (?:women|men|lads|girls|guys)|woman with a woman|man with a man"
    r"|(?:we're|we are|they're|they are|are) both (?:women|men|girls|lads|guys|blokes))\b"
    r"|\((?:they're |we're )?both (?:women|men|girls|lads|guys|blokes)\b"
    r"|\bout (?:me|him|her|them)\b|\b(?:outing|out) (?:me|him|her) to\b"
    r"|\b(?:not|i'm not|she's not|he's not|isn't|wasn't) out (?:at work|to (?:my|her|his|their|anyone)"
    r"|yet)\b|\bcom(?:e|ing) out\b"
)
_MALE_WRITER = re.compile(
    r"\b(?:i'm|i am|as) an? (?:\w+ )?(?:man|bloke|guy|lad|dad|father|husband|male)\b"
    r"|\b(?:men|blokes|guys|lads) (?:can|do|get|don't)\b|\bbeing a (?:man|bloke|guy)\b"
    r"|\b(?:my )?mates (?:would|will|'d|wud)\b|\b(?:man up|real men|a grown man)\b"
)
_FEMALE_WRITER = re.compile(
    r"\b(?:i'm|i am|as) an? (?:\w+ )?(?:woman|girl|lady|mum|mother|wife|female)\b"
)

_SITUATIONS = {
    "forced-marriage": re.compile(FORCED_MARRIAGE),
    "honour": re.compile(
        r"\b(?:so[- ]called )?honou?r\b|\bizzat\b|\b(?:brings?|bringing|brought) shame\b|\bshame on"
        r" (?:the|our|their|my|his|her) family\b|\bdishonou?r"
    ),
    "immigration": re.compile(
        r"\b(?:visa|deport\w*|sent back|send (?:me|her|him) back|home office|immigration|illegal"
        r" (?:here|in this country)|no recourse|nrpf|leave to remain|settled status|residence"
        r" permit|brp|my papers|her papers|asylum)\b"
    ),
    "pregnancy": re.compile(
        r"\b(?:pregnant|pregnancy|expecting a baby|weeks gone|months gone|my bump|the bump)\b"
    ),
}
_NEGATED_SITUATION = re.compile(r"\b(?:not|no|never|isn't|aren't|wasn't|without)\s+\S*\s*$")


@dataclass(frozen=True)
class Story:
    speaker: str | None = None  # self | other | own
    gender: str | None = None  # men | women: of the person harmed (own: the writer)
    lgbt: bool = False
    age_group: str | None = None  # child | young | older
    relationship: str | None = None  # who harms: partner | ex | family | carer | child
    situations: tuple[str, ...] = ()
    # Told they harm, with nothing done to them: whose story it is cannot be read from the words.
    accused: bool = False
    # Harm done to the writer, said plainly ("he hits me", "my wife locks me in").
    harmed: bool = False

    @property
    def said_anything(self) -> bool:
        return bool(self.speaker or self.gender or self.lgbt or self.age_group or self.situations)


def _count(patterns: list[re.Pattern[str]], text: str) -> int:
    return sum(len(rx.findall(text)) for rx in patterns)


def _own_cues(text: str) -> tuple[int, int]:
    """Confessions, and words of one set aside as a survivor's self-blame."""
    found = blamed = 0
    for rx in _OWN_RX:
        for m in rx.finditer(text):
            before = text[max(0, m.start() - 40) : m.start()]
            if m.group(0).startswith("i") and _ACCUSED.search(before):
                continue  # "he says I'm the abuser": what they are told, not what they do
            if _SELF_BLAME.search(before):
                blamed += 1  # "I deserve it after what I did": a survivor blaming themselves
                continue
            found += 1
    return found, blamed


# When no cue above decides: a relative or friend spoken of in the third person, or a "he" or
# "she" beside "me" and "my".
# "At my mum's" is where someone is staying, not whom the story is about.
_THEIR_PERSON = re.compile(
    rf"(?<!at )(?<!to )(?<!from )(?<!round )\b(?:my|our) (?:\w+ )?(?:{_PERSON})\b(?!'s)"
)
_THIRD = re.compile(r"\b(?:she|her|he|him|they|them)\b")
_HARMER = re.compile(rf"\b(?:he|she|he's|she's|hes|shes|him|my ex|the missus|my (?:{_PARTNER}))\b")
_MY_PARTNER = re.compile(
    rf"\b(?:my|the)(?: first| second| old| late| former)? (?:{_PARTNER}|missus)\b|(?:^|[.!?,] |\b(?:but|and|cos|because|coz) )(?:ex"
    r"|husband|wife|partner|boyfriend|girlfriend|hubby)\b(?!'s)"
)
_THEIR_PARTNER = re.compile(rf"\b(?:her|his|their) (?:new )?{_PARTNER}\b")
# "My husband says I bring shame on his family": his family are her in-laws, not someone else's.
_THEIR_KIN = re.compile(
    r"\b(?:her|his|their) (?:family|parents|in laws|mum|dad|brothers|sisters)\b"
)
# Told what they are, with nothing done to them: a survivor hearing lies (DARVO) and someone
# hearing the truth write this the same way, so the classifier decides.
_WRITER_ACTS = re.compile(
    r"\b(?:says?|said|thinks?|tells? me|told me) i'?m '?(?:so |too |really )?'?(?:controlling"
    r"|abusive|violent|jealous|nasty|scary|aggressive)\b"
    r"|\b(?:says?|said|saying|tells?|told|telling) (?:everyone|people|the police|them|the school"
    r"|her family|his family|my family|our friends)? ?(?:that )?i (?:abused|hit|hurt|attacked"
    r"|assaulted|raped|beat|strangled|threatened|controlled) (?:her|him|them)\b"
)
_FIRST = re.compile(r"\b(?:i|me|my|i'm|i've|i'll|i'd|myself)\b")
_YOUNG_WRITER = re.compile(
    r"\b(?:i'm|i am)\s+(?:only |just )?(?:1[0-7]|[89])\b(?! ?(?:weeks?|months?))"
)


def _by_someone(rx: re.Pattern[str], text: str) -> int:
    """Matches done by someone other than the writer ("he hits me", not "I don't hit her")."""
    return sum(
        1
        for m in rx.finditer(text)
        if not _NOT_A_PERSON.search(text[max(0, m.start() - 24) : m.start()])
        # "I always end up grabbing him": the writer does it; "I made her hit me": she does.
        and not (
            re.search(r"\bi(?: \S+){0,3}\s*$", text[max(0, m.start() - 24) : m.start()])
            and not re.search(r"\b(?:her|him|them|he|she|they)\s*$", text[: m.start()])
        )
    )


PLAIN, GUESS, TIE = "plain", "guess", "tie"


def _speaker(text: str) -> tuple[str | None, str]:
    """Whose story the rules read, and how: PLAIN (harm done to "me", "I hit her", "my friend's
    husband"), GUESS (a partner named beside "me") or TIE (cues both ways, or told they harm:
    left undecided on purpose)."""
    # "I hit him back to get him off me" is self-defence, not a confession.
    confessed, blamed = _own_cues(text)
    if not _THEIR_PERSON.search(text):
        confessed += len(_THEIR_FEAR.findall(text))
    own = max(0, confessed - len(_SELF_DEFENCE.findall(text)))
    other_cues = _count(_OTHER_RX, text)
    other = other_cues + _by_someone(_HARM_THEM, text)
    if _MY_PARTNER.search(text) and not _THEIR_PERSON.search(text):
        # "how can a grown man be scared of his wife": their own partner, spoken of generally.
        other -= len(_THEIR_PARTNER.findall(text)) + len(_THEIR_KIN.findall(text))
    # Harm done to "me" is the strongest sign of whose story it is.
    harm_me = _by_someone(_HARM_ME, text)
    first = 2 * harm_me + _count(_SELF_RX, text)
    first += len(_SELF_DEFENCE.findall(text)) + _by_someone(_CONTACT_ME, text)
    # The clearest reading wins; a tie between two readings is left to the classifier.
    if own and own > first and own > other_cues:
        return "own", PLAIN
    if _YOUNG_WRITER.search(text) and other < 2 and own <= first:
        # A child at home where a parent is harmed is a victim too (Domestic Abuse Act 2021).
        return "self", PLAIN
    if other and other > own and other >= first:
        return "other", PLAIN
    if own and own >= first:
        return None, TIE
    if first:
        # One sign that is not harm ("walking on eggshells", "if I leave") is said of partners too.
        return "self", PLAIN if harm_me or first >= 2 else GUESS
    if blamed or _WRITER_ACTS.search(text):
        return None, TIE  # "I ... my partner" with no harm to the writer: the classifier decides
    if _MY_PARTNER.search(text):
        return "self", GUESS
    if _THEIR_PERSON.search(text) and _THIRD.search(text):
        return "other", GUESS
    if _HARMER.search(text) and _FIRST.search(text):
        return "self", GUESS
    return None, GUESS


# Where the learned reader's word is taken, chosen on the development outcome sets (tests/data/
# outcome/, which it never trains on) and the NLU held-out set, 2026-12-02. Over a guess of the
# rules, a sure reading; over a guess of a survivor's story that it is someone who harms, a
# surer one (a survivor told to take responsibility is the worse mistake: at 0.85, "my
# girlfriend keeps touching me when I've told her to stop" was such a guess); over a plain
# "other" ("shouted in her face" read as a friend's worry), only a near-certain "own". Harm done
# to "me" is never overruled. On sets A to L, the rules alone now read 685 of 738 speakers right;
# with the learned reader 703, and no survivor as someone who harms.
OVERRULE_GUESS = 0.75
OWN_OVER_GUESS = 0.9
OWN_OVER_OTHER = 0.95


def _weighed(text: str, ruled: str | None, how: str) -> str | None:
    """The rules' reading of whose story it is, weighed with the learned reader's
    (speaker_model.py)."""
    if how == TIE or (how == PLAIN and ruled == "self"):
        return ruled
    someone = _HARMER.search(text) or _THEIR_PERSON.search(text)
    if ruled is None and (word_count(text) < 5 or not someone):
        # "hello", "where can I get help?", "what do people mean when they say abuse": no one
        # in it, no story to read. A question after a story must not change whose story it was.
        return None
    learned = speaker_model.read(text)
    if how == PLAIN:
        return "own" if ruled == "other" and learned.own >= OWN_OVER_OTHER else ruled
    sure = learned.sure(OVERRULE_GUESS)
    if sure == "own" and ruled != "own" and learned.own < OWN_OVER_GUESS:
        return ruled
    return sure or ruled


def _age_group(text: str, speaker: str | None) -> str | None:
    ages = [int(a or b) for a, b in _AGE_OF.findall(text)]
    # The first age given is usually the person the story is about ("my nan is 88").
    if ages:
        age = ages[0]
        if age >= 60:
            return "older"
        if age < 13 and speaker == "other":
            return "child"
        if age < 18:
            return "young"
    if speaker != "own" and _OLDER.search(_AT_GRANDPARENTS.sub(" ", text)):
        return "older"
    if speaker == "other" and _CHILD.search(text):
        return "child"
    return None


def _harmed_gender(text: str, speaker: str | None) -> str | None:
    if speaker == "other":
        # The person they worry about: "my sister", "his wife takes his wages", "her boyfriend",
        # "threatens to out him".
        # "His ex had to move away": an earlier partner of the one who harms, not whom they mean.
        him = len(
            re.findall(rf"\bhis (?!ex\b)(?:{_PARTNER}|carer|family|dad|mum|son|daughter)\b", text)
        )
        her = len(
            re.findall(rf"\bher (?!ex\b)(?:{_PARTNER}|carer|family|dad|mum|son|daughter)\b", text)
        )
        him += len(re.findall(rf"\b(?:{_HARM}|out) him\b", text))
        her += len(re.findall(rf"\b(?:{_HARM}|out) her\b", text))
        first = re.search(rf"\bmy (?:\w+ )?({_REL_F}|{_REL_M})\b", text)
        if first and not (him or her):
            return "women" if re.fullmatch(_REL_F, first.group(1)) else "men"
        if him > her:
            return "men"
        if her > him:
            return "women"
        return None
    if _MALE_WRITER.search(text):
        return "men"
    if _FEMALE_WRITER.search(text):
        return "women"
    if speaker == "self":
        # A man harmed by a woman partner ("my wife", "my girlfriend", "she ... me"): the Men's
        # Advice Line is for him. Not when the writer says they are a woman or LGBT+.
        woman_partner = re.search(
            rf"(?:\b(?:my|the)|^|[.!?,]) (?:ex )?{_PARTNER_F}\b|^(?:ex )?{_PARTNER_F}\b", text
        )
        she_harms_me = re.search(
            rf"\bshe(?:'s| has)? (?:\w+ )?(?:{_HARM}|goes for|went for) me\b", text
        )
        relative = re.search(rf"\bmy (?:{_REL_F}|{_REL_M})\b", text)
        if (woman_partner or (she_harms_me and not relative)) and not _LGBT.search(text):
            return "men"
    return None


def _lgbt(text: str, speaker: str | None, gender: str | None) -> bool:
    if _LGBT.search(text):
        return True
    if speaker == "self" and gender == "men" and re.search(rf"\bmy (?:ex )?{_PARTNER_M}\b", text):
        return _MALE_WRITER.search(text) is not None
    if speaker == "self" and gender == "women" and re.search(rf"\bmy (?:ex )?{_PARTNER_F}\b", text):
        return True
    if speaker == "other":
        return bool(
            re.search(r"\bhis (?:boyfriend|husband|fella)\b|\bher (?:girlfriend|wife)\b", text)
        )
    return False


def _relationship(text: str, speaker: str | None) -> str | None:
    if speaker == "own":
        return None
    if re.search(r"\b(?:carer|care worker|carers)\b", text):
        return "carer"
    if re.search(r"\bmy (?:ex|ex partner|ex wife|ex husband|ex girlfriend|ex boyfriend)\b", text):
        return "ex"
    if re.search(rf"\b(?:my|her|his|their) (?:new )?{_PARTNER}\b", text):
        return "partner"
    if speaker == "self" and re.search(
        r"\bmy (?:\d+ ?(?:year old )?)?(?:son|daughter|teenager|teen|child|kid|boy|girl)\b[^.!?]{0,60}"
        rf"\b{_HARM} (?:me|us)\b",
        text,
    ):
        return "child"
    if re.search(rf"\b(?:my|her|his) (?:{_REL_F}|{_REL_M}|family|parents|in laws)\b", text):
        return "family"
    return None


def _situations(text: str) -> tuple[str, ...]:
    found = []
    for name, rx in _SITUATIONS.items():
        for m in rx.finditer(text):
            if not _NEGATED_SITUATION.search(text[max(0, m.start() - 20) : m.start()]):
                found.append(name)
                break
    return tuple(found)


def read_story(text: str) -> Story:
    """What the message says about who is writing and who is harmed (see the module)."""
    t = normalise(text)
    speaker = _weighed(t, *_speaker(t))
    gender = _harmed_gender(t, speaker)
    return Story(
        speaker=speaker,
        gender=gender,
        lgbt=_lgbt(t, speaker, gender),
        age_group=_age_group(t, speaker),
        relationship=_relationship(t, speaker),
        situations=_situations(t),
        accused=speaker is None and bool(_WRITER_ACTS.search(t)),
        harmed=speaker == "self" and _by_someone(_HARM_ME, t) > 0,
    )
