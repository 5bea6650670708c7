"""Find exercises in article text: name, type, participants, places, figures, dates."""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, cast

from number_parser import parse_number

from geo.extract.dates import _clause_tense, find_dates
from geo.extract.figures import find_force_figures, ship_counts
from geo.extract.lexicon import Lexicon
from geo.extract.mentions import (
    _AREA_KINDS,
    _DETERMINERS,
    _EXERCISE_VERB_OBJECT,
    _FUNCTION_WORDS,
    _MEETING_NOUNS,
    _MONTHS,
    _NON_MILITARY_BEFORE,
    _NOT_TRIGGER_AFTER,
    _REPORTING_VERBS,
    _TRIGGER_RE,
    _WEEKDAYS,
    NAME_WORD,
    GeocodeFn,
    _dateline,
    _geocode_fn,
    _preceding_words,
    find_exercise_names,
    model_names,
)
from geo.extract.results import (
    DateMention,
    EventCandidate,
    EventPlaceCandidate,
    ForceFigures,
)
from geo.geocoders.gazetteer import DEMONYMS
from geo.model.event import Event, ForceFigure, PartialDate
from geo.model.kinds import Status
from geo.model.mention import Mention
from geo.model.place import Candidate
from geo.model.text import split_sentences

__all__ = ["extract_events"]


_MILITARY_NOUNS = (
    r"troops|forces|servicemen|soldiers|military|militaries|army|armies|navy|navies|air forces?"
    r"|units|jets|fighter jets|drills|exercises|war games|manoeuvres|maneuvers|fighters"
    r"|bombers|warships|ships|sailors|paratroopers|marines"
    r"|aviation|defen[cs]e ministry|ministry|side|aircrafts?|helicopters|battalions?|brigades?"
    r"|personnel|commanders|officers|tanks|crews|warplanes|planes|armed forces|contingent"
    r"|ground forces|pilots|vessels|submarines|destroyers|frigates|missile|military units"
)


_MILITARY_CUE = re.compile(
    r"\b(?:military|troops|army|navy|naval|air force|defen[cs]e|combat|tactical|strategic"
    r"|missiles?|warships?|soldiers|servicemen|battalion|brigade|war games|nuclear|fleet"
    r"|bombers|jets|artillery|navies|armies|marines|sailors|paratroopers"
    r"|(?:armed|special|naval|ground|land|air|allied|coalition)\s+forces)\b", re.IGNORECASE)


_HABITUAL = re.compile(r"\b(?:annual(?:ly)?|every year|each year|regular(?:ly)?|since (?:19|20)"
                       r"\d{2}|have been holding|has been holding|throughout the year|year-round"
                       r"|all year|routinely|periodically|from time to time)\b", re.IGNORECASE)


#: A trend or a past told as background, not one exercise ("has stepped up patrols and
#: exercises near NATO countries in recent years", "has deployed the ship to the Caribbean in
#: the past, including for joint drills with Venezuela's navy").
_TREND = re.compile(
    r"\b(?:in\s+recent\s+(?:years|months|decades)|over\s+the\s+(?:past|last)\s+(?:few\s+"
    r"|several\s+|two\s+|three\s+)?(?:years|decades)|(?:stepped|ramped)\s+up|increasingly"
    r"|in\s+the\s+past(?=\s*[,.;]|\s+(?:and|but|including|as|when)\b)"
    # "Beijing has previously held large-scale drills around Taiwan after such visits"
    r"|previously(?!\s+(?:announced|planned|scheduled|unannounced|reported|unreported))"
    # "has increased patrols in the Atlantic": more of them, no one of them
    r"|(?:increas|intensifi|expand|boost|multipli)(?:ed|es|ing)\s+(?:(?:its|their|the|military"
    r"|naval|air|joint|[a-z]+-[a-z]+)\s+){0,3}(?:patrols|exercises|drills))", re.IGNORECASE)


_TYPE_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("command-staff", re.compile(r"\b(?:command[- ]staff|command and staff|staff exercises?"
                                 r"|command[- ]post|joint planning|planning of the use)\b",
                                 re.IGNORECASE)),
    ("strategic", re.compile(r"\b(?:strategic|ballistic|cruise missiles?|nuclear forces"
                             r"|missile launch(?:es)?|launch of (?:cruise|ballistic)"
                             r"|intercontinental)\b", re.IGNORECASE)),
    ("naval", re.compile(r"\b(?:naval|navy|navies|warships?|fleet|destroyers?|frigates?"
                         r"|submarines?|sailors|at sea|anti-submarine|maritime)\b",
                         re.IGNORECASE)),
    ("air", re.compile(r"\b(?:air forces?|aviation|flight|fighter jets|bombers|warplanes"
                       r"|air defen[cs]e|airborne|pilots|aerospace forces)\b", re.IGNORECASE)),
]


_CLAUSE_SPLIT = re.compile(
    r";\s+|\s+and\s+(?=(?:[a-z]+ly\s+)?(?:sent|held|conducted|carried|carry|will|would|launched"
    r"|staged|deployed|began|started|patrolled|flew|announced|said|plans?|planned)\b)"
    r"|,\s+(?:while|but|whereas)\s+")


_STATUS_ANNOUNCED = re.compile(r"\bannounc\w*|\bunveil\w*|\bplans? to\b|\bplanned\b|\bpropos\w*",
                               re.IGNORECASE)


#: A possibility, not a report ("Russia could use exercises as a cover", "China might stage
#: drills").
_SPECULATION = re.compile(r"\b(?:could|might|may)\s+(?:well\s+|also\s+|soon\s+|again\s+)?(?!"
                          r"have\b)[a-z]+")
#: Wondering whether drills will come ("without saying whether it would conduct drills").
_WHETHER = re.compile(r"\bwhether\s+(?:or\s+not\s+)?(?:it|they|the\s+\w+)\s+(?:would|will"
                      r"|planned\s+to|plans\s+to|intended\s+to)\b(?:(?!\b(?:and|but)\b).)*$")


#: An agreement, pledge or talk about holding drills, not drills planned by a force ("The two
#: leaders agreed to hold joint military exercises next year", "discussed holding drills").
_AGREED_TO_HOLD = re.compile(
    r"\b(?:agree[sd]?|agreeing|pledg(?:e|es|ed|ing)|vow(?:s|ed)?|promis(?:e|es|ed)|discuss(?:es"
    r"|ed|ing)?|consider(?:s|ed|ing)?|explor(?:e|es|ed|ing)|talk(?:s|ed)?\s+about|call(?:s|ed)?"
    r"\s+for|propos(?:e|es|ed|al)|suggest(?:s|ed)?)"
    # the day of the agreement between ("agreed on Monday to expand joint training")
    r"(?:\s+(?:on|last|this)\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)?"
    # another pledge first ("agreed to expand joint training and to hold more exercises")
    r"(?:\s+to\s+[^.;:!?]{1,50}?\s+and)?"
    r"\s+(?:to\s+)?(?:(?:hold|holding|conduct|conducting"
    r"|stage|staging|expand|expanding|increase|increasing|more)\s+)(?:[\w-]+\s+){0,3}$"
    # "agreed to boost military cooperation, including joint exercises": exercises as a field
    # of the cooperation pledged
    r"|\b(?:agree[sd]?|agreeing|pledg(?:e|es|ed|ing)|vow(?:s|ed)?|promis(?:e|es|ed)|discuss(?:es"
    r"|ed|ing)?)(?:\s+(?:on|last|this)\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)?\s+(?:to\s+)?"
    r"(?:boost|boosting|deepen|deepening|strengthen|strengthening|expand|expanding|enhance"
    r"|enhancing|step\s+up|stepping\s+up|increase|increasing|broaden|broadening)\s+"
    r"[^.;:!?]{0,60}?(?:,\s*)?\b(?:including|such\s+as|through|with)\s+(?:more\s+)?"
    r"(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE)


#: A habitual exercise's current edition ("the annual exercises ... will include more than a
#: dozen countries this year", "Iran's navy says it will hold an annual drill in the Strait of
#: Hormuz"), not the habit.
_THIS_EDITION = re.compile(r"\bthis year\b(?!['’])|\bwill\s+(?:hold|stage|conduct|launch|begin"
                           r"|start)\s+(?:an|its|their|the)\s+annual\b", re.IGNORECASE)


_NEW_EVENT_WORDS = re.compile(r"\b(?:another|new(?!\s+(?-i:[A-Z]))|a further|further|other|second"
                              r"|next round|fresh)\b", re.IGNORECASE)  # not "New Zealand"


_PARTICIPATION = re.compile(r"\b(?:take part|took part|taking part|takes part|participa(?:t|n)\w+"
                            r"|be (?:presented|represented) by"
                            r"|(?:are|were|is|was|be|been|being)\s+(?:all\s+|also\s+)?"
                            r"(?:involved|engaged)\s+in)\b",
                            re.IGNORECASE)


#: Words right before a stated name that make it the exercise itself ("began Keen Sword",
#: "sailed for BALTOPS").
_NAME_AS_EVENT = re.compile(
    r"\b(?:held|hold|holds|holding|launch\w*|beg[ai]n\w*|start\w*|stag\w+|conduct\w*|kick\w* off"
    r"|open\w*|clos\w+|end\w*|wrap\w* up|host\w*|join\w*|resum\w+|continu\w+|for|during|in"
    r"|into|at|under|(?:opening|start|launch|end|close|closing|conclusion)\s+of)\s+"
    r"(?:the\s+|this\s+year['’]s\s+|(?:annual|biennial|latest|first)\s+){0,2}"
    # "to kick off Phase I of Tradewinds 2014", "began the final stage of ...": a part of it
    r"(?:(?:the\s+)?(?:[a-z]+\s+)?(?:phase|stage|part|leg|round)\s+(?:[IVX]{1,4}\s+|\d{1,2}\s+"
    r"|one\s+|two\s+|three\s+)?of\s+(?:the\s+)?)?[\"“‘']?$",
    re.IGNORECASE)


#: The exercise just reported, then its name ("The training, called 'Talisman Sabre', ...",
#: "The manoeuvres, dubbed Iron Union, ..."): the name names that exercise.
_NAMED_BY_ANAPHORA = re.compile(
    r"\b(?:the|these|this|that)\s+(?:[a-z-]+\s+){0,2}?(?:training|drills?|exercises?|war games"
    r"|manoeuvres|maneuvers)\s*,?\s*(?:which\s+(?:is|was|are|were)\s+)?(?:code[- ]?named"
    r"|codenamed|dubbed|called|named|titled|known\s+as)\s*[\"“«'‘]?$", re.IGNORECASE)


#: Words right after a stated name that make it the exercise itself ("Keen Sword began").
_EVENT_VERB_AFTER = re.compile(
    r"[”\"’]?(?:\s+\([^()]{1,30}\))?(?:\s+(?:training|exercises?|drills?))?"
    # an apposition between the name and its verb ("Khaan Quest 2024, co-sponsored by the US
    # Indo-Pacific Command, opened")
    r"(?:\s*,[^,;.:!?]{1,80},)?,?\s+"
    # "The Ssangyong training is set to take place ..."
    r"(?:(?:is|are|was|were)\s+(?:set|scheduled|due|expected|planned)\s+to\s+)?"
    r"(?:(?:has|have|had|will|would|is|are|was|were|be|been|officially|also"
    r"|formally|finally|then|now|still|[a-z]+ly)\s+){0,3}(?:beg[ia]n\w*|start\w*|kick\w* off"
    # "Operation Equator 2019 is led by the French military": who leads it
    r"|led\s+by"
    r"|open\w*|end\w*|conclud\w+|clos\w+|wrap\w* up|got under ?way|gets under ?way|under ?way"
    r"|held|hold\w*|took place|take place|takes place|taking place|involv\w+|includ\w+"
    r"|continu\w+|resum\w+|run\w*|ran|br(?:ing|ings|inging|ought) together|gather\w*"
    r"|last\w*)\b", re.IGNORECASE)


#: A sentence saying its sides practise or join ("units from Poland will rehearse ...").
_PRACTISE = re.compile(r"\b(?:rehears\w*|practi[cs]\w*|train(?:s|ed|ing)?\b(?!\s+station)"
                       r"|simulat\w+|join(?:s|ed|ing)?\b|contribut\w+|alongside\b"
                       # what forces do in the drills ("Filipino and American soldiers fired
                       # HIMARS rockets", "paratroopers jumped into Sweden")
                       r"|(?:fired|conducted|carried\s+out|jumped|parachuted|drilled)\b"
                       r"|exercis(?:ed|ing)\s+(?:together\s+)?with\b)", re.IGNORECASE)


#: A sentence saying what forces make up the exercise ("The combined force includes troops of
#: Kazakhstan, China and Russia", "They involve US and Japanese troops").
_COMPOSITION = re.compile(r"\b(?:includ(?:e|es|ed|ing)|involv(?:e|es|ed|ing)|compris(?:e|es|ed"
                          r"|ing)|consist(?:s|ed|ing)? of|made up of|belong(?:s|ed|ing)? to"
                          r"|combin(?:e|es|ed|ing)"
                          r"|br(?:ing|ings|inging|ought)"
                          r" together|(?:is|are|was|were|will be)\s+led\s+by)\b", re.IGNORECASE)


#: ... unless they decline, stay away or only watch.
_DECLINED = re.compile(r"\b(?:declin\w+|refus\w+|not(?!\s+only\b)|never|no longer|withdr[ae]w\w*"
                       r"|pull\w* out|boycott\w*|cancel\w*|observers?)\b|n't\b", re.IGNORECASE)


_ANAPHORA = re.compile(
    r"\b(?:the|these|those|such|this|that|both|them|they)\b(?:\s+(?:[a-z-]+|\d+-[a-z]+"
    r"|year['’]s)){0,3}?\s*"
    r"(?:\(?the\s+)?(?:drills?|exercises?|war games|manoeuvres|maneuvers|patrols?|training)\b"
    r"|\b(?:hold|held|holding|conduct|conducted)\s+them\b"
    r"|\b(?:this|the|its|that)\s+(?:year['’]s\s+|latest\s+|current\s+)?(?:edition|iteration)\b",
    re.IGNORECASE)


_TWO_PARTIES = re.compile(r"\b(?:the (?:two|three)|both|all three) (?:countries|allies|nations"
                          r"|states|militaries|sides|armies|navies|neighbours|neighbors"
                          r"|air forces)\b", re.IGNORECASE)


# ------------------------------------------------------------------ exercise names


#: Lower-case words that may stand between an exercise's name and the exercise word ("the
#: Han Kuang live-fire military drills", "the fifth Noble Partner international exercise").
_NAME_MODIFIERS = (
    r"annual|biennial|yearly|international|multinational|joint|combined|military|naval|air"
    r"|land|ground|sea|maritime|amphibious|field|training|staff|command|tactical|strategic"
    r"|trilateral|bilateral|multilateral|allied|defen[cs]e|nuclear|missile|readiness|snap"
    r"|major|main|large|massive|winter|summer|spring|autumn|summertime|wintertime|exercise|war"
    r"|army|navy|marine"
    r"|special|simulated|computer|scale|fire|live|series|phase|peacekeeping|counterterrorism"
    r"|humanitarian|rescue|landing|[a-z]+-[a-z]+(?:-[a-z]+)?")


_EXERCISE_NOUN = r"(?:exercises?|drills?|war[- ]games?|manoeuvres|maneuvers|wargames?)"


_CALLED = (r"(?:(?:it|they|which\s+(?:the\s+)?[a-z]+|(?:the\s+)?[a-z]+)\s+)?(?:code[- ]?named"
           # "the annual maneuver dubbed as Zolfaghar-99": "as" may follow the naming verb
           r"|codenamed|(?:dubbed|called|named|titled)(?:\s+as(?=\s))?|known\s+as"
           r"|under\s+the\s+code-?\s?name)")


#: A name given to what states launch or hold ("will launch a joint military operation
#: Monday called "Security Belt 2025,""): the name is the event's, whatever its noun.
_HELD_AND_CALLED = re.compile(
    r"\b(?:held|hold|holds|holding|launch\w*|beg[ai]n\w*|start\w*|stag\w+|conduct\w*)\s+"
    r"(?:an?\s+|the\s+)?(?:[a-z-]+\s+){0,3}[a-z-]+\s+(?:[A-Z]?[a-z]+\s+)?" + _CALLED
    + r"\s+[\"“‘']?$")


_NAME_WORD = NAME_WORD


#: A capitalised name, then optionally a number ("Han Kuang 34") or a year with a letter
#: ("Strait Thunder-2025A"), right before an exercise word (modifiers allowed between).
_NAME_BEFORE_NOUN = re.compile(
    r"(?<![\w'’.-])(" + _NAME_WORD + r"(?:[ -]" + _NAME_WORD + r"){0,3}"
    # "the Guardians of the Nile exercise"
    r"(?:\s+of(?:\s+the)?\s+" + _NAME_WORD + r"(?:[ -]" + _NAME_WORD + r"){0,2})?)"
    # a translation in brackets before the year: "Kanzhar (Dagger) 2023" is "Kanzhar 2023"
    r"(?P<translation>\s*\([A-Z][\w'’ -]{1,28}\)(?=\s+(?:19|20)\d{2}))?"
    # "Warrior-VIII", "Platinum Eagle 17.1" (a year's first edition)
    r"(?:[ -](?P<edition>\d{1,4}[A-Z]?(?:[-.]\d{1,2})?|[IVX]{1,5}(?![\w-])))?"
    r"((?:\s+(?:" + _NAME_MODIFIERS + r")){0,3})\s+(?i:"
    + _EXERCISE_NOUN + r")\b")


#: A name in a list right before another name ("Amber Gate and " before "Hoguk drills").
_NAME_BEFORE_AND = re.compile(
    r"(?<![\w'’.-])((" + _NAME_WORD + r"(?:[ -]" + _NAME_WORD + r"){0,3})(?:[ -]\d{1,4}[A-Z]?)?)"
    r"\s*(?:,\s*and|,|and|&)\s+$")


#: "exercise Keen Sword", "the exercise, known as Freedom Edge", "drills dubbed Iron Union".
_NAME_AFTER_NOUN = re.compile(
    r"\b(?i:exercises?|drills?|war[- ]games|manoeuvres?|maneuvers?|operation)"
    r"(\s*,?\s*" + _CALLED + r")?\s+(?:the\s+)?(" + _NAME_WORD + r"(?:[ -]" + _NAME_WORD
    + r"){0,3})(?:[ -](\d{1,4}[A-Z]?|[IVX]{2,6}))?(?![\w'’-])")


#: A code name, wherever the words before it stand ("the peacekeeping forces codenamed
#: Nerushimoe Bratstvo"): "codenamed" says a name follows.
_CODENAMED = re.compile(r"\b(?:code[- ]?named|under\s+the\s+code-?\s?name)\s+(?:the\s+)?("
                        + _NAME_WORD + r"(?:[ -]" + _NAME_WORD + r"){0,3})(?:[ -](\d{1,4}[A-Z]?))?"
                        r"(?![\w'’-])", re.IGNORECASE)


#: A code name with an edition in capitals ("codenamed Armada Jaya XLI", "dubbed Iron Fist
#: IV"): the capitals right after the name words, up to punctuation or a lower-case word.
_CODENAMED_EDITION = re.compile(
    r"\b(?i:code[- ]?named|codenamed|dubbed)\s+(?:the\s+)?(" + _NAME_WORD + r"(?:[ -]"
    + _NAME_WORD + r"){0,3})[ -]([A-Z]{1,5})(?=[,.;:)]|\s+[a-z]|\s*$)")


#: A name right before "event" ("The annual Sea Dragon event brought together ... aircraft").
_NAME_BEFORE_EVENT = re.compile(
    r"(?<![\w'’.-])(" + _NAME_WORD + r"(?:[ -]" + _NAME_WORD + r"){0,3})(?:[ -](\d{1,4}[A-Z]?))?"
    r"(?=\s+event\b)")


#: "event" right after a name found by :data:`_NAME_BEFORE_EVENT`.
_EVENT_NOUN_AFTER = re.compile(r"\s+event\b")


#: A name with an edition number, then its dates ("at Yama Sakura 75, Dec. 10-16, 2018"): a
#: dated edition of something, in a military article an exercise.
_NAME_NUMBER_DATES = re.compile(
    r"(?<![\w'’.-])(" + _NAME_WORD + r"(?:[ -]" + _NAME_WORD + r"){0,3})[ -](\d{1,3})"
    r"(?=,\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b)")


#: Words after which a bare name (no "the") is the exercise something is part of or happens
#: in ("as part of Orient Shield", "during Cold Response", "took part in Iron Challenge").
_PART_OF_BEFORE = re.compile(r"\b(?:as\s+part\s+of|during|t(?:ake|akes|aking|ook)\s+part\s+in"
                             r"|participat(?:e|es|ed|ing)\s+in)\s+$", re.IGNORECASE)


#: A capitalised name with an optional edition number right after those words; what follows
#: is no more name (a comma, a lower-case word, a number, the end).
_BARE_NAME = re.compile(
    r"(" + _NAME_WORD + r"(?:[ -]" + _NAME_WORD + r"){0,3})(?:[ -](\d{1,4}[A-Z]?))?"
    r"(?=[,.;:)]|\s+(?:[a-z]|\d)|$)")


#: Last words of names that are holidays, seasons, meetings or wars, not exercises ("during
#: Golden Week", "during Victory Day", "during Lunar New Year").
_NOT_EXERCISE_HEAD = frozenset({
    "day", "days", "week", "weekend", "year", "festival", "festivities", "holiday", "holidays",
    "games", "cup", "olympics", "summit", "conference", "forum", "dialogue", "talks", "meeting",
    "show", "expo", "airshow", "parade", "ceremony", "war", "crisis", "era", "period", "season",
    "visit", "trip", "tour", "election", "elections", "campaign", "eve", "christmas", "easter",
    "ramadan", "lent"})


#: A capitalised adverb in -ly ("Traditionally", "Additionally"): it opens a sentence, never
#: names an exercise.
_SENTENCE_ADVERB = re.compile(r"[A-Z][a-z]{3,}ly")


#: Drills spoken of as a regime, not held ("troops are now allowed to hold drills at the
#: range", "firing drills there have been fully restored", "held in a limited manner"): what
#: may be done at a place, not an exercise.
_DRILLS_AS_REGIME = re.compile(
    r"\b(?:allowed|permitted|authori[sz]ed|banned|barred|forbidden|prohibited)\s+to\s+(?:hold"
    r"|conduct|stage|carry\s+out|resume)\b|\b(?:has|had|have)\s+been\s+(?:fully\s+)?(?:restored"
    r"|normali[sz]ed)\b|\bin\s+a\s+limited\s+manner\b", re.IGNORECASE)


#: Drills that tell what a place is used for or what some ships do, not drills held ("The
#: island is often used for military exercises", "near the area where the US Navy conducts
#: training exercises", "ships that monitor NATO naval drills"): a habit, said in the present
#: or as a use.
_DRILLS_AS_PLACE_USE = re.compile(
    r"\b(?:is|are|was|were|has\s+been|have\s+been)\s+(?:(?:also|often|regularly|frequently"
    r"|routinely|usually|mainly|mostly|long)\s+)?used\s+(?:for|by\s+[\w\s-]{1,40}?\s+for)\s+"
    r"(?:[\w-]+\s+){0,3}$"
    r"|\bwhere\s+(?:[\w.'’-]+\s+){1,5}?(?:(?:often|regularly|routinely|usually|frequently)\s+)?"
    r"(?:conducts|holds|stages|carries\s+out|conduct|hold|stage|carry\s+out)\s+(?:[\w-]+\s+){0,3}$"
    # "intelligence ships that monitor NATO naval drills": what such ships do, in general
    r"|\b(?:that|which)\s+(?:(?:often|regularly|routinely|usually|typically)\s+)?(?:monitor|track"
    r"|watch|shadow|observe|follow)\s+(?:[\w.'’-]+\s+){0,3}$",
    re.IGNORECASE)


#: A chance to train, not training reported ("personnel have the opportunity to immerse
#: themselves in joint training exercises").
_OPPORTUNITY = re.compile(r"\b(?:the|an?)\s+(?:opportunit(?:y|ies)|chances?)\s+to\b"
                          r"|\b(?:be|is|are)\s+able\s+to\b", re.IGNORECASE)


#: A name with "of" or "of the" inside and a year ("Rim of the Pacific 2024").
_NAME_OF_WITH_YEAR = re.compile(
    r"(?<![\w'’.-])(" + _NAME_WORD + r"(?:\s+of(?:\s+the)?\s+" + _NAME_WORD + r"){1,2})[- ]"
    r"((?:19|20)\d{2}[A-Z]?)(?![\w-])")


#: Verbs after which a capitalised name is the exercise begun, ended, joined or hosted.
_STARTS_OR_JOINS = re.compile(
    r"\b(?:beg[ai]n|begins|kick(?:ed|s)? off|launch(?:ed|es)|start(?:ed|s)|open(?:ed|s)"
    r"|wrap(?:ped|s) up|conclud(?:ed|es)|end(?:ed|s)|join(?:ed|s)|host(?:ed|s)|stag(?:ed|es)"
    r"|conduct(?:ed|s)?|held|holds?)\s+(?:the\s+)?$")


#: A capitalised name (or an acronym) with an optional edition number, right after one of
#: those verbs; what follows it is no more name ("in", "on", a comma, the sentence's end).
_AFTER_START_VERB = re.compile(
    r"(?<=[a-z] )(?:the\s+)?(" + _NAME_WORD + r"(?:[ -]" + _NAME_WORD + r"){0,3}|[A-Z]{3,})"
    r"(?:[ -](\d{1,4}[A-Z]?(?:-\d{1,2})?))?(?=[,.;:]|\s+(?:[a-z]|\d|[A-Z][a-z]+day\b)|$)")


#: An all-capital name with an edition number or year, next to an exercise word ("the JIMEX 24
#: exercise", "exercise SIMBEX-2023", "exercise SCORPIONS FURY 18").
_ACRONYM_NAME = re.compile(
    r"(?<![\w'’.-])([A-Z]{3,})[ -](\d{1,4}[A-Z]?|[IVXLC]{2,7})(?![\w-])(?=(?:\s+(?:"
    + _NAME_MODIFIERS + r")){0,3}\s+(?i:" + _EXERCISE_NOUN + r")\b)"
    # "exercise SCORPIONS FURY 18", "exercise UNITAS LX": up to three words in capitals after
    # "exercise", then an edition in figures or roman numerals
    r"|(?<=(?i:exercise)\s)([A-Z]{3,}(?:\s[A-Z]{3,}){0,2})[ -](\d{1,4}[A-Z]?|[IVXLC]{2,7})"
    r"(?![\w-])")


#: An acronym in capitals with an optional edition ("SLINEX-20", "SIMBEX", "AUSINDEX 2023").
_EX_ACRONYM = re.compile(
    r"(?<![\w'’.-])([A-Z]{4,})(?:[ -](\d{1,4}[A-Z]?|[IVXLC]{2,7}))?(?![\w'’-])")
#: Capitals in "-EX" that name no exercise.
_NOT_EX_ACRONYMS = frozenset({"APEX", "INDEX", "FEDEX", "CODEX", "ESSEX", "SUSSEX", "VORTEX",
                              "CONVEX", "COMPLEX", "SPANDEX", "ROLEX", "AMEX"})


#: "Operation" with a capital heading a name, with an optional edition ("Operation Equator
#: 2019", "Operation Golden Dragon 2018", "Operation Flintlock").
_OPERATION_NAME = re.compile(
    r"\bOperation\s+(" + _NAME_WORD + r"(?:[ -]" + _NAME_WORD + r"){0,3}"
    r"|[A-Z]{3,}(?:[ -][A-Z]{3,}){0,3})"  # "Operation PROSPERITY SHIELD", as releases write it
    r"(?:[ -]((?:19|20)\d{2}[A-Z]?|\d{1,2}(?:-\d{1,2})?|[IVX]{2,6}))?(?![\w'’-])")


#: A capitalised name with a roman-numeral edition ("Desert Flag VIII", "Iron Fist IV").
_ROMAN_EDITION_NAME = re.compile(r"(?<![\w'’.-])(" + _NAME_WORD + r"(?:[ -]" + _NAME_WORD
                                 + r"){0,3})[ -]([IVX]{2,6})(?![\w'’-])")


#: A name word that may be a possessive ("Lion’s Strike", "Badger’s Hole").
_POSSESSIVE_NAME_WORD = r"[A-Z][a-z]+(?:['’]s)?"


#: A name right after "Ex" or a capitalised "Exercise" as a title, the way armed forces write
#: them ("Ex Pashtun Warrior", "Ex-Red Flag", "Ex Cope India 18", "Exercise Badger’s Hole"):
#: "Ex" is the exercise word abbreviated, so the capitalised words after it are the name.
_EX_HEAD_NAME = re.compile(
    r"(?<![\w'’.-])(?:Ex|EX|Exercise|EXERCISE)(?:\s+|-)(" + _POSSESSIVE_NAME_WORD + r"(?:[ -]"
    + _POSSESSIVE_NAME_WORD + r"){0,3})(?:[ -](\d{1,4}[A-Z]?(?:-\d{1,2})?|[IVX]{2,6}))?"
    r"(?![\w'’-])")


#: Capitalised words, then the exercise word, heading a name ("Exercise Tiger Shark-40",
#: "Multinational Naval Exercise Aman 2017", "Ex Pitch Black"): they say what it is, the words
#: after them which one it is.
_EXERCISE_WORD_LEAD = re.compile(r"(?:(?:[A-Z][a-z]+|[A-Z]{2,})\s+){0,3}?(?:Exercise|EXERCISE"
                                 r"|Ex|EX)(?:\s+|-)(?=[A-Z])")


#: Between two quoted names sharing the exercise word after the last ("the "Search-2024" and
#: "Echelon-2024" special drills").
_QUOTED_LIST_GAP = re.compile(r"[,.]?[\"”»]?\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*"
                              r"|as\s+well\s+as\s+)(?:the\s+)?")


#: The exercise word written as a title right before a name ("Ex Pashtun Warrior will test 20
#: Brigade"): the name is an exercise's, as if the sentence said "the exercise".
_EXERCISE_WORD_BEFORE = re.compile(r"(?<![\w'’.-])(?:Ex|EX|Exercise|EXERCISE)(?:\s+|-)$")


#: An exercise word, then a name set off by commas and a lower-case word, not a source
#: ("their bilateral exercise, Varuna Sea, off Goa").
_APPOSED_AFTER_NOUN = re.compile(
    r"\b(?i:exercises?|drills?|war[- ]games|manoeuvres?|maneuvers?),\s+(" + _NAME_WORD
    + r"(?:[ -]" + _NAME_WORD + r"){0,3})(?:[ -](\d{1,4}[A-Z]?|[IVX]{2,6}))?,\s+(?!(?:said|says"
    r"|told|tells|reported|reports|added|adds|according|officials?|sources?|state|media"
    r"|statement|spokes\w+)\b)[a-z]")


#: An exercise word, a few words about it, then a name set off by "called" and a comma
#: ("its annual joint military exercises with Mongolia, called Selenga, will ...").
_CALLED_AFTER_EXERCISE = re.compile(
    r"\b(?i:exercises?|drills?|war[- ]games|manoeuvres?|maneuvers?)\b[^.;:,\n]{0,40},\s*"
    r"(?:called|dubbed|named|code-?named|codenamed|known\s+as)\s+(" + _NAME_WORD + r"(?:[ -]"
    + _NAME_WORD + r"){0,3})(?:[ -](\d{1,4}[A-Z]?))?(?=\s*[,)]|\s+(?:is|was|are|were|will|has"
    r"|had)\b)")


#: Verbs of watching or attending right before a quoted name ("began observing "North Sword
#: 2005"", "attended "Iron Ring 2024"").
_WATCHED_BEFORE = re.compile(r"\b(?:observ\w*|watch\w*|attend\w*|monitor\w*|witness\w*)"
                             r"\s+(?:the\s+)?[\"“«]?$", re.IGNORECASE)


#: A sentence about a campaign of war rather than a drill ("strikes against", "killed").
_WAR_OPERATION = re.compile(
    r"\b(?:air\s?strikes?|strikes\s+against|offensive|invasion|invaded|killed|casualties"
    r"|combat\s+operations?\s+against|counter-?offensive|bombing|bombard\w*)\b", re.IGNORECASE)


#: An exercise word that is part of a place's name ("the Vaziani drill ground", "the Kola
#: exercise area").
_EXERCISE_PLACE_NOUN = re.compile(r"\s+(?:grounds?|fields?|sites?|areas?|ranges?|zones?|halls?"
                                  r"|camps?|centres?|centers?)\b", re.IGNORECASE)


_ONE_NAME = (_NAME_WORD + r"(?:[ -]" + _NAME_WORD + r"){0,3}(?:[ -]\d{1,4}[A-Z]?(?:-\d{1,2})?)?")


#: Names set off by a comma and described as exercises ("Cope Thunder, an air exercise between
#: ...", "Key Resolve and Foal Eagle, annual exercises held by ..."): the exercise word heads
#: the description (followed by punctuation or a preposition, not "the exercise commander").
_APPOSITIVE_NAMES = re.compile(
    r"(?<![\w'’.-])(" + _ONE_NAME + r"(?:(?:,\s*|,?\s+and\s+)" + _ONE_NAME + r")*)"
    r",\s+(?:(?:a|an|the|this|its|their)\s+)?(?:(?!(?:of|for|at|in|near|to|from|where|site"
    r"|venue|host|scene|location|home|who|whose|whom|which|that|when|after|before|as|while"
    r"|since)\b)[a-z][\w'’-]*\s+){0,5}?(?i:" + _EXERCISE_NOUN
    + r")(?=[,.;:)]|\s+(?:between|among|involving|with|that|which|held|in|off|led|hosted|run"
    r"|for|by|near|at|on|staged|conducted|organi[sz]ed)\b)")


#: A wire dateline with its date before the first sentence ("Riga, Sep 4 ", "MOSCOW, May 2
#: (Reuters) - "): what follows starts the sentence.
_AFTER_DATELINE = re.compile(
    r"\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2},\s+(?:\d{1,2}\s+)?(?:Jan|Feb|Mar|Apr|May|Jun"
    r"|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?(?:\s+\d{1,2})?(?:,?\s+\d{4})?\s*(?:\([^()]{1,30}\))?"
    r"\s*(?:[-–—:]+\s*)?")


#: A capitalised name with a year: "Zapad-2021", "Talisman Sabre 2023", "Strait Thunder-2025A".
_NAME_WITH_YEAR_RE = re.compile(
    r"(?<![\w'’.-])(" + _NAME_WORD + r"(?:[ -]" + _NAME_WORD + r"){0,3})[- ]((?:19|20)\d{2}"
    r"(?:[A-Z]|-(?:I{1,3}|IV|V))?)(?![\w-])")  # "Iron Wolf 2021-II": the year's second


#: A name in capitals joined to a year, as wire services write it ("KAVKAZ-2020", "VOSTOK
#: 2018"): three or more capitals per word, so "US 2024" is not a name.
_CAPS_WITH_YEAR = re.compile(r"(?<![\w'’.-])([A-Z]{3,}(?:[ -][A-Z]{3,}){0,2})[- ]"
                             r"((?:19|20)\d{2}[A-Z]?)(?![\w-])")


#: An acronym, one or two capitalised words and a year: "CARAT Indonesia 2015".
_ACRONYM_WORDS_YEAR = re.compile(r"(?<![\w'’.-])([A-Z]{3,}(?:\s+" + _NAME_WORD + r"){1,2})[- ]"
                                 r"((?:19|20)\d{2}[A-Z]?)(?![\w-])")


#: A name in quotes named as one ("codenamed "North. Interaction 2023"", ""Iron Union" drills",
#: "exercises dubbed 'Shield of the Union'"). A single quote opens only after a space or a
#: bracket, so an apostrophe ("Russia's") never does.
def _quoted_words_name(quoted: str) -> bool:
    """Whether quoted words can be a name: not a quoted sentence ("The training is based on a
    "computer-simulated command post exercise" ...": it ends with a function word, or holds two
    or more lower-case words besides "of", "the" and "and")."""
    words = re.findall(r"[\w'’]+", quoted)
    lower = [w for w in words if w[0].islower() and w not in ("of", "the", "and")]
    return bool(words) and words[-1].lower() not in _FUNCTION_WORDS and len(lower) < 2


_QUOTED = re.compile(r"[\"“«]([A-Z][\w'’. -]{1,48}?)[,.]?[\"”»]"
                     r"|(?:(?<=[\s(])|^)['‘]([A-Z][\w. -]{1,48}?)['’](?![\w])")


_QUOTED_BEFORE = re.compile(r"(?i:" + _EXERCISE_NOUN + r"|operation|manoeuvre|maneuver)\s*,?\s*(?:"
                            + _CALLED
                            + r")?\s*$|\b" + _CALLED + r"\s*$"
                            # a naming verb opening the sentence ("Dubbed “Mosi”, the ...")
                            r"|(?:^|[.!?]\s+|\n)(?:Dubbed|Code-?named|Codenamed|Called|Named)\s*$")


#: An exercise word after a name, with modifiers between ("-2019 strategic exercise").
_NOUN_AFTER_NAME = re.compile(r"\s*(?:(?:" + _NAME_MODIFIERS + r")\s+){0,3}(?i:" + _EXERCISE_NOUN
                              + r")\b")


#: After a quoted name, up to three lower-case words and an exercise word (the quotes already
#: make it a name: "the "Khaan Quest" multinational peacekeeping exercise", "the "Garuda
#: Shield" joint training").
_QUOTED_AFTER = re.compile(r"\s*(?:[a-z][\w-]*\s+){0,3}(?i:" + _EXERCISE_NOUN
                           + r"|training)\b")


#: Words that may open a capitalised run without belonging to the name ("The Cold Response
#: exercise", "During Zapad-2021").
_NOT_NAME_LEAD = frozenset(_FUNCTION_WORDS | {
    "the", "this", "that", "these", "those", "last", "next", "during", "after", "before",
    "since", "following", "ahead", "amid", "while", "year's", "annual", "joint", "new", "latest",
    "large", "massive", "major", "recent", "upcoming", "previous", "several", "many", "both",
    "his", "her", "its", "their", "our", "another", "further", "fresh", "first", "second",
    "exercise", "exercises", "drill", "drills", "operation", "under", "throughout", "through",
    "within", "until", "unlike", "like", "via"})


#: Nationality adjectives shared by more than one country ("Korean"): never part of a name.
_SHARED_DEMONYMS = frozenset({"korean", "koreans", "congolese"})


#: Combining forms that open a compound of nationalities ("Sino-Russian", "Franco-German").
_COMBINING_FORMS: dict[str, str] = {
    "sino": "CN", "franco": "FR", "anglo": "GB", "russo": "RU", "indo": "IN", "turco": "TR",
    "greco": "GR", "italo": "IT", "austro": "AT", "hispano": "ES", "luso": "PT", "nippo": "JP",
    "polono": "PL", "germano": "DE", "americo": "US", "serbo": "RS", "dano": "DK",
    "swedo": "SE", "fenno": "FI", "belgo": "BE", "hungaro": "HU", "romano": "RO",
}


#: Adjectives of seas and world regions: alone before an exercise word they say where, not
#: which ("the Caribbean exercise", "Baltic drills"); with more words they may open a name
#: ("Arctic Challenge", "Pacific Vanguard").
_REGIONAL_ADJECTIVES = frozenset({
    "caribbean", "mediterranean", "baltic", "nordic", "scandinavian", "arctic", "antarctic",
    "atlantic", "pacific", "adriatic", "aegean", "balkan", "caucasian", "sahelian", "european",
    "asian", "african", "american", "oceanic", "eurasian", "transatlantic",
})


def _is_nationality(word: str, look: GeocodeFn) -> bool:
    """A country's name or nationality adjective ("Russian", "Japan", "US", "Korean")."""
    if word.lower() in _SHARED_DEMONYMS or _demonym_code(word, look):
        return True
    place = look(word, (), None)
    return place is not None and place.kind == "country" and place.raw.get(
        "match_stage") in ("exact", "demonym")


#: Adjectives that often open an exercise's name when capitalised before another name word
#: ("Joint Warrior", "Combined Resolve", "Allied Spirit"); "Joint Russian drills" is not one.
_NAME_FORMING_LEADS = frozenset({"joint", "combined", "allied"})


#: Verbs that introduce a name and may open a sentence ("Dubbed Steadfast Defender 2024, the
#: wargame ...", "Codenamed Amber Falcon, the drills ..."): never the name's first word.
_NAMING_VERBS = frozenset({"dubbed", "codenamed", "called", "named", "titled"})


def _ends_place_name(text: str, start: int, stem: str, look: GeocodeFn) -> bool:
    """Whether a name stem without a year is the last word of a sea's, ocean's or region's
    name ("Indian Ocean nations", "Arabian Sea"): then it names that place, not an exercise."""
    before = re.search(r"([A-Z][\w'’-]*)\s+$", text[max(0, start - 30):start])
    if before is None:
        return False
    place = look(f"{before.group(1)} {stem}", (), None)
    return place is not None and place.kind not in ("country", "city", "town", "capital")


def _clean_name(words: list[str], lexicon: Lexicon, look: GeocodeFn, *,
                after_the: bool = False) -> list[str]:
    """Words of a capitalised run without leading words that are not part of a name.

    Leading function words ("The"), naming verbs ("Dubbed"), months, nationality words and
    organisations are dropped, unless a known exercise stem starts there ("Joint Sea"); a
    month right after "the" opens a name ("the July Storm drills").
    """
    stems = {w.lower() for w in lexicon.terms("exercise_name")}
    if after_the and len(words) > 1 and words[0].lower() in _MONTHS \
            and re.fullmatch(_NAME_WORD, words[1]) and not _is_nationality(words[1], look):
        return words
    while words:
        head = words[0]
        rest = " ".join(words).lower()
        if any(rest == s or rest.startswith(s + " ") or rest.startswith(s + "-") for s in stems):
            break
        if head.lower() in _NAME_FORMING_LEADS and head[:1].isupper() and len(words) > 1 \
                and re.fullmatch(_NAME_WORD, words[1]) and not _is_nationality(words[1], look) \
                and not lexicon.has("organisation", words[1]):
            break  # "Joint Warrior", "Combined Resolve": the adjective opens the name
        if head.lower() in _NOT_NAME_LEAD or head.lower() in _NAMING_VERBS \
                or head.lower() in _MONTHS or head.lower() in _WEEKDAYS \
                or lexicon.has("organisation", head) or lexicon.has("outlet", head) \
                or _is_nationality(head, look):
            words = words[1:]
            continue
        break
    return words


#: Words that describe drills or forces rather than name them: a run of ordinary words is a
#: name ("the Northern Star exercise") only without one of these ("the Joint Strategic drills",
#: "the Navy Day drills", "the Special Forces exercise").
_DESCRIPTIVE = re.compile(
    r"(?i:" + _NAME_MODIFIERS + r"|forces?|missiles?|drones?|tanks?|ships?|combat|exercises?"
    r"|drills?|patrol|operation|command|staff|flight|aviation|artillery|rockets?|battle|front"
    r"|line|day|games?|fleet|defen[cs]e|ministry|service|special|general|national|federal|state"
    r"|republic|security|central|strike|power|ocean|union|big|great|new|old|live|next|last"
    r"|first|second|third|mission|alert|alarm|operations?)")


def _plausible_name(words: Sequence[str], start: int, end: int, text: str, lexicon: Lexicon,
                    mentions: Sequence[Mention], look: GeocodeFn, *, sentence_start: bool,
                    dated: bool = False, edition: bool = False, called: bool = False) -> bool:
    """Whether capitalised words standing next to an exercise word are its proper name.

    Not a name: month or weekday names; places the article names ("Taiwan Strait drills");
    nationalities; organisations, units, people, outlets, weapons ("Pacific Fleet drills",
    "Putin exercises"); ordinary words only ("Joint Strategic drills"); one ordinary word that
    opens a sentence ("Massive drills"). With an ``edition`` (a year or a number after it) a
    place inside the name after its first word stays part of it ("Amber Falcon 2024").
    """
    if not words:
        return False
    if len(words) > 2 and words[1] == "of" and words[-1].lower() in _GENERIC_ADJECTIVES:
        return False  # "Aim of the Joint Exercise is to ...": a heading's words, no code name
    phrase = " ".join(words)
    if lexicon.has("exercise_name", phrase) or any(
            lexicon.has("exercise_name", " ".join(words[:k])) for k in range(1, len(words) + 1)):
        return True
    if len(words) == 1 and words[0].lower() in _REGIONAL_ADJECTIVES:
        return False  # "the Caribbean exercise": where, not which
    for k, w in enumerate(words):
        lw = w.lower()
        if (lw in _MONTHS and not (k == 0 and len(words) > 1)) or lw in _WEEKDAYS or (
                lw in _FUNCTION_WORDS and not (lw in ("of", "the") and 0 < k < len(words) - 1)):
            # "Guardians of the Nile": "of the" inside a name is part of it; a month may open
            # one ("the July Storm drills": _clean_name keeps it only after "the")
            return False
        if any(lexicon.has(c, w) for c in ("organisation", "person", "person_title",
                                           "given_name", "platform", "org_word",
                                           "unit_word", "seat_of_government", "role_noun")):
            return False
        if lexicon.has("weapon", w) and (k == 0 or len(words) == 1):
            return False  # "Iskander drills", but "Cooperative Osprey" is a name
        if lexicon.has("outlet", w) and (k == 0 or len(words) == 1):
            return False  # "Reuters drills", but "Sea Guardian-3" is a name
        if lexicon.has("place_noun", w) and (k > 0 or len(words) == 1):
            return False  # "Kola Range drills", but "Sea Guardian-3" is a name
        if _is_nationality(w, look):
            return False
    for k in range(len(words) - 1):
        pair = f"{words[k]} {words[k + 1]}"
        if any(lexicon.has(c, pair) for c in ("organisation", "org_word", "unit_word",
                                              "person_title", "outlet", "weapon")):
            return False
    if all(_DESCRIPTIVE.fullmatch(w) for w in words):
        return False  # "the Special Operations exercise", "Navy Day drills": what, not which
    if lexicon.has("not_a_place", phrase) or not dated and all(
            lexicon.has("common_word", w) for w in words) and (
            len(words) == 1 or any(_DESCRIPTIVE.fullmatch(w) for w in words)):
        return False  # "Joint Strategic drills", but "Iron Gate drills" names them
    if re.search(r"\b(?:any|all)\s+(?:(?:preceding|previous|earlier|past|prior|former|such)\s+)?$",
                 text[max(0, start - 30):start], re.IGNORECASE):
        return False  # "than any preceding Partnership maneuvers": a kind of exercise, not one
    numbered = edition and re.match(r"[ -]\d{1,3}\b(?![.,]\d)", text[end:end + 5]) is not None
    # a name the text calls the exercise with its edition ("the exercise dubbed Northern Forest
    # 24") holds its places' words as its own
    if called and edition:
        return True
    if any(m.start < end and start < m.end and not m.metonym and len(
            text[start:m.start].split()) < 2 and (m.start <= start or not edition)
            and not (numbered and len(words) == 1 and m.place is not None
                     and m.place.kind not in ("country", "region", "sea", "strait", "island"))
            # "exercise Harimau Shakti": a town's name after the name's first word is a word of
            # the name, unless it ends a capitalised run the gazetteer reads whole
            and not (m.start > start and m.place is not None
                     and m.place.kind in ("town", "village") and not any(
                         o.start <= start < o.end for o in mentions))
            for m in mentions):
        return False  # "Taiwan Strait drills", but "Red Flag Alaska", "Yama Sakura 85" are names
    return not (sentence_start and len(words) == 1 and not (
        edition and words[0].lower() not in _NOT_EDITION_HEAD))


#: Adjectives of a generic exercise phrase ("the Joint Exercise", "Combined Military Exercise")
#: that a name cut before the exercise word would end in.
_GENERIC_ADJECTIVES = frozenset({"joint", "combined", "military", "naval", "multinational",
                                 "bilateral", "trilateral", "annual", "international"})


#: Words that, before a number, count or order things rather than name an exercise ("About 40
#: drills", "Stage 2 exercises"): at a sentence's start they are no name with an edition.
_NOT_EDITION_HEAD = frozenset({
    "about", "around", "nearly", "almost", "over", "under", "some", "only", "roughly", "approx",
    "approximately", "more", "fewer", "less", "least", "up", "stage", "part", "round", "level",
    "step", "day", "days", "week", "weeks", "month", "months", "year", "years", "phase", "top",
    "number", "no", "nos", "unit", "group", "team", "brigade", "battalion", "division", "corps",
    "regiment", "squadron", "wing", "fleet", "army", "article", "chapter", "section", "page"})


@lru_cache(maxsize=4)
def _stem_pattern(stems: tuple[str, ...]) -> re.Pattern[str]:
    """The lexicon's exercise stems (and their all-capital forms) as one pattern: group 1 the
    stem, group 2 a year, a year with a letter or a Roman numeral after it ("Zapad (West)
    2017"); built once per lexicon, as every article is searched with it."""
    return re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(s) for s in _with_capitals(stems)) + r")"
        r"(?:\s*\([^()\n]{1,30}\))?(?:(?:[- ]|\s[-–]\s)((?:19|20)?\d{2}[A-Z]?(?:[-.]\d{1,2})?"
        r"|[IVXLC]{2,7})(?![\w-])"
        r"|(?![\w-])"
        r"(?!\s+(?!(?:Exercises?|Drills?|War|Manoeuvres|Maneuvers)\b)[A-Z][a-z]))")


def _with_capitals(stems: Sequence[str]) -> list[str]:
    """Stems and their all-capital forms, as wire copy and official releases write them
    ("Exercise MOSI", "COBRA GOLD 2024"), longest first."""
    out = list(dict.fromkeys([*stems, *(t.upper() for t in stems if len(t) > 3)]))
    return sorted(out, key=lambda t: (-len(t), t))


def _at_sentence_start(text: str, pos: int) -> bool:
    head = text[max(0, pos - 4):pos]
    return pos == 0 or bool(re.search(r"(?:^|[.!?:\n]\s*|[\"“(]\s*)$", head)) or \
        text[:pos].rstrip(" \t\"“") == "" or text[:pos].rstrip(" \t").endswith("\n")


def _extends_left(text: str, start: int, end: int, old_start: int, old_end: int) -> bool:
    """Whether the name at ``start:end`` is the one at ``old_start:old_end`` with more
    capitalised name words before or after it ("Resolute Dragon" around the stem "Dragon",
    "Ocean Storm" around "Ocean")."""
    if not (start <= old_start and old_end <= end and end - start > old_end - old_start):
        return False
    words = [w for part in (text[start:old_start], text[old_end:end])
             for w in re.split(r"[ -]+", part.strip(" -")) if w]
    return all((re.fullmatch(_NAME_WORD, w) or w.isdigit() or re.fullmatch(r"[IVX]{2,6}", w))
               and w.lower() not in (
        "exercise", "exercises", "operation", "drills", "drill") for w in words)


#: Two or three words in capitals before an edition or a hyphened word ("RED FLAG-Alaska
#: 23-2", "COPE THUNDER 24-1"): a name as the organisers write it.
_CAPS_RUN_NAME = re.compile(r"(?<![\w'’.-])[A-Z]{3,}(?: [A-Z]{3,}){1,2}(?=[- ](?:\d|[A-Z][a-z]))")


def _find_names(text: str, lexicon: Lexicon, mentions: Sequence[Mention], look: GeocodeFn
                ) -> list[tuple[int, int, str]]:
    """Stated exercise names as ``(start, end, name)``; a name in capitals
    (:data:`_CAPS_RUN_NAME`) is sought as if capitalised and kept as written. Not a name the
    text gives to a mission or an initiative ("The initiative, named “Baltic Sentry,” will
    deploy ..."), nor a weapon or vehicle model's name ("a P-3 Orion plane to patrol")."""
    missions = {_name_key(m.group(1)) for m in _NAMED_MISSION.finditer(text)}
    model_spans, models = model_names(text)
    # "the Shanghai Cooperation Organization's (SCO) joint anti-terrorist exercise Peace
    # Mission 2014": the organisation holds the exercise, it does not name it; "a P-3 Orion
    # surveillance plane to patrol": the aircraft's
    return [f for f in _find_names_as_cased(text, lexicon, mentions, look)
            if _name_key(f[2]) not in missions and not lexicon.has("organisation", f[2])
            and f[2].lower() not in models
            and not any(a <= f[0] and f[1] <= b for a, b in model_spans)]


#: A name given to a mission, an initiative or an operation ("The initiative, named “Baltic
#: Sentry,”", "a maritime patrol mission called Baltic Sentry").
_NAMED_MISSION = re.compile(
    r"\b(?:initiative|mission|campaign|programme|program|deployment)\s*,?\s*(?:named|called"
    r"|dubbed|code-?named|known\s+as)\s+[“\"«]?([A-Z][\w'’-]*(?:\s+[A-Z0-9][\w'’-]*){0,3})")


def _find_names_as_cased(text: str, lexicon: Lexicon, mentions: Sequence[Mention],
                         look: GeocodeFn) -> list[tuple[int, int, str]]:
    """:func:`_find_names` before missions are left out."""
    runs = [(m.start(), m.end()) for m in _CAPS_RUN_NAME.finditer(text)]
    if not runs:
        return _find_cased_names(text, lexicon, mentions, look)
    cased = text
    for s, e in runs:
        cased = cased[:s] + text[s:e].title() + cased[e:]
    out = []
    for s, e, name in _find_cased_names(cased, lexicon, mentions, look):
        if cased[s:e] == name:
            name = text[s:e]
        else:
            for rs, re_ in runs:
                if rs < e and s < re_:
                    name = name.replace(cased[rs:re_], text[rs:re_])
        out.append((s, e, name))
    return out


def _find_cased_names(text: str, lexicon: Lexicon, mentions: Sequence[Mention],
                      look: GeocodeFn) -> list[tuple[int, int, str]]:
    """Stated exercise names as ``(start, end, name)``, next to an exercise word.

    On top of :func:`geo.extract.mentions.find_exercise_names` (names with a year, the
    lexicon's stems, quoted names): names without a year next to an exercise word ("the Cold
    Response exercise", "exercise Noble Partner", "known as Freedom Edge"); a year with a
    letter ("Strait Thunder-2025A"); a translation in brackets before the year ("Zapad (West)
    2017" is "Zapad 2017"); quoted names with a full stop inside. A leading article, a
    nationality or an organisation is not part of the name ("The Vostok 2022" is "Vostok 2022").
    """
    sentences = split_sentences(text)

    def sentence_of(pos: int) -> tuple[int, str]:
        for s, e, sent in sentences:
            if s <= pos < e:
                return s, sent
        return pos, ""

    def has_trigger_near(start: int, end: int) -> bool:
        _, sent = sentence_of(start)
        window = text[max(0, start - 80):end + 80]
        return bool(_TRIGGER_RE.search(sent) or _TRIGGER_RE.search(window))

    found: list[tuple[int, int, str]] = []
    military_cue = _MILITARY_CUE.search(text) is not None
    forces_named = military_cue or re.search(r"\b(?:militaries|forces|marines|sailors|airmen)\b",
                                             text, re.IGNORECASE) is not None

    def held_as_event(start: int, end: int, *, known: bool = False) -> bool:
        """A name held, begun or joined in a military article ("began Keen Sword 25"); a
        known name needs only forces named ("the Japanese and US militaries")."""
        return (forces_named if known else military_cue) and bool(
            _EVENT_VERB_AFTER.match(text, end)
            or _NAME_AS_EVENT.search(text[max(0, start - 60):start]))

    def add(start: int, end: int, name: str) -> None:
        if _UNIT_BEFORE_NAME.search(text, max(0, start - 20), start):
            return  # "the Mechanized Infantry Brigade Iron Wolf": the unit, not the drill
        inside = [f for f in found if f[0] < end and start < f[1]]
        if inside and all(_extends_left(text, start, end, s, e) for s, e, _ in inside):
            for f in inside:  # "Resolute Dragon" rather than the known stem "Dragon"
                found.remove(f)
            inside = []
        if inside:
            return
        found.append((start, end, name))

    def trimmed(start: int, words_text: str) -> tuple[int, list[str]]:
        words = re.split(r"[ -]", words_text)
        kept = _clean_name(list(words), lexicon, look,
                           after_the=re.search(r"\b[Tt]he\s+$", text[max(0, start - 5):start])
                           is not None)
        if not kept:
            return start, []
        offset = words_text.find(kept[0], len(words_text) - len(" ".join(kept)) - 1)
        return start + max(offset, 0), kept

    # 1. Quoted names named as such, also in a list sharing the exercise word after its last
    # name ("the "Search-2024" and "Echelon-2024" special drills").
    quoted = list(_QUOTED.finditer(text))
    for k, m in enumerate(quoted):
        before = text[max(0, m.start() - 40):m.start()]
        after = text[m.end():m.end() + 40]
        group = 1 if m.group(1) is not None else 2
        if _QUOTED_BEFORE.search(before) or _QUOTED_AFTER.match(after) \
                or _shares_quoted_noun(text, quoted[k:]):
            start, name = m.start(group), m.group(group).strip()
            lead = re.match(r"The\s+(?=[A-Z])", name)
            if lead:  # "dubbed “The Great Prophet”": the article is no part of the name
                start, name = start + lead.end(), name[lead.end():]
            if _quoted_words_name(name):
                add(start, start + len(name), name)
    # 2. Stems from the lexicon, with a year, a translation and a year, or alone. A stem that
    # is only one ordinary-looking word ("Dragon") needs an exercise word near it; a longer,
    # all-capital or dated one an exercise word somewhere in the article.
    stems = tuple(lexicon.terms("exercise_name"))
    article_trigger = _TRIGGER_RE.search(text) is not None
    if stems:
        for m in _stem_pattern(stems).finditer(text):
            if not m.group(2) and _ends_place_name(text, m.start(), m.group(1), look):
                continue  # "Indian Ocean nations": the stem ends a place's name
            distinctive = " " in m.group(1) or m.group(1).isupper() or bool(m.group(2))
            if not (has_trigger_near(m.start(), m.end())
                    or (distinctive and (article_trigger or held_as_event(m.start(), m.end(),
                                                                        known=True)))):
                continue
            name = m.group(1) + (("-" if text[m.end(1):m.end(1) + 1] == "-" else " ")
                                 + m.group(2) if m.group(2) else "")
            add(m.start(), m.end(), name)
    # 3. Capitalised names with a year, in a sentence with an exercise word; or, in a military
    # article with one, held, begun or joined ("Northern Viking 2022 began on Monday").
    for m in _NAME_WITH_YEAR_RE.finditer(text):
        start, words = trimmed(m.start(1), m.group(1))
        as_event = article_trigger and held_as_event(start, m.end())
        if not words or not (_TRIGGER_RE.search(sentence_of(m.start())[1]) or as_event):
            continue
        # "the Center-2019 exercise": an ordinary word joined to a year before an exercise
        # word is a name; "Union 2024" alone is not
        joined = text[m.end(1):m.end(1) + 1] == "-" and (
            _NOUN_AFTER_NAME.match(text, m.end()) is not None
            or re.search(r"\b(?i:exercises?|drills?)\s+$", text[max(0, start - 12):start]))
        if len(words) == 1 and lexicon.has("common_word", words[0]) and not lexicon.has(
                "exercise_name", words[0]) and not joined:
            continue
        if not _plausible_name(words, start, m.end(1), text, lexicon, mentions, look,
                               sentence_start=False, dated=bool(joined), edition=True):
            continue
        add(start, m.end(), text[start:m.end()])
    # 3b. Wire copy in capitals: "KAVKAZ-2020", "UNION SHIELD 2023" in an exercise sentence.
    for m in _CAPS_WITH_YEAR.finditer(text):
        start, words = trimmed(m.start(1), m.group(1))  # "THE KAVKAZ-2020" is "KAVKAZ-2020"
        if not words or not _TRIGGER_RE.search(sentence_of(m.start())[1]) \
                or _FORCE_NAMES.fullmatch(" ".join(words)):
            continue  # "CSTO 2024", "PLA 2024": an organisation or a force, not a name
        add(start, m.end(), text[start:m.end()])
    # 3c. An acronym heading ordinary name words and a year ("CARAT Indonesia 2015",
    # "SEACAT Philippines 2024"), in an exercise sentence or held, begun or joined; not an
    # organisation's or a force's acronym ("NATO Summit 2024", "PLA Navy 2024").
    for m in _ACRONYM_WORDS_YEAR.finditer(text):
        acronym = m.group(1).split()[0]
        if lexicon.has("organisation", acronym) or _FORCE_NAMES.fullmatch(acronym) or not (
                _TRIGGER_RE.search(sentence_of(m.start())[1])
                or (article_trigger and held_as_event(m.start(), m.end()))):
            continue
        add(m.start(), m.end(), m.group(0))
    # 4. "the Cold Response exercise", "Han Kuang live-fire drills".
    for m in _NAME_BEFORE_NOUN.finditer(text):
        start, words = trimmed(m.start(1), m.group(1))
        if not words or _EXERCISE_PLACE_NOUN.match(text, m.end()):
            continue  # "the Vaziani drill ground" is a place
        end = m.end("edition") if m.group("edition") else m.end(1)
        number = m.group("edition").split("-")[0] if m.group("edition") else ""
        if len(number) == 4 and number.isdigit() and number[:2] not in ("19", "20"):
            continue
        if not _plausible_name(words, start, m.end(1), text, lexicon, mentions, look,
                               sentence_start=_at_sentence_start(text, start),
                               edition=bool(m.group("edition"))):
            continue
        if m.group("translation") and m.group("edition"):
            add(start, end, f"{text[start:m.end(1)]} {m.group('edition')}")
        else:
            add(start, end, text[start:end])
        head = start
        while (listed := _NAME_BEFORE_AND.search(text, max(0, head - 60), head)) is not None:
            # "the Amber Gate and Hoguk drills": the names share the exercise word
            b_start, b_words = trimmed(listed.start(1), listed.group(2))
            if not b_words or not _plausible_name(
                    b_words, b_start, listed.end(2), text, lexicon, mentions, look,
                    sentence_start=_at_sentence_start(text, b_start)):
                break
            add(b_start, listed.end(1), text[b_start:listed.end(1)])
            head = b_start
    # 5. "exercise Keen Sword", "the exercise, known as Freedom Edge".
    for m in _NAME_AFTER_NOUN.finditer(text):
        bare = not m.group(1)
        noun = text[m.start():m.start() + 9].lower()
        if bare and not noun.startswith(("exercise", "drill")):
            continue
        start, words = trimmed(m.start(2), m.group(2))
        if not words:
            continue
        end = m.end(3) if m.group(3) else m.end(2)
        if not _plausible_name(words, start, m.end(2), text, lexicon, mentions, look,
                               sentence_start=False, edition=bool(m.group(3)),
                               called=bool(m.group(1))):
            continue
        add(start, end, text[start:end])
    # 5i. "Ex Pashtun Warrior", "Ex Cope India 18", "Exercise Badger’s Hole": the words after
    # the exercise word written as a title, in a military article ("Ex-" joined to a word, as
    # in "Ex-Soviet", only where the article has an exercise word too). A country after the
    # name's first word is part of it ("Cope India").
    if military_cue:
        for m in _EX_HEAD_NAME.finditer(text):
            if text[m.start(1) - 1] == "-" and not article_trigger:
                continue
            start, words = trimmed(m.start(1), re.sub(r"['’]s$", "", m.group(1)))
            if not words or start != m.start(1):
                continue
            core = [words[0], *(w for w in words[1:] if not _is_nationality(w, look))]
            if not _plausible_name([re.sub(r"['’]s$", "", w) for w in core], start,
                                   start + len(" ".join(words)), text, lexicon, mentions, look,
                                   sentence_start=False, edition=bool(m.group(2))):
                continue
            end = m.end() if m.group(2) else start + len(" ".join(words))
            _replace_shorter(found, start, end)
            _replace_inner(found, start, end)
            add(start, end, text[start:end])
    # 5l. "their bilateral exercise, Varuna Sea, off Goa": a name in apposition to the
    # exercise word; 5j. "its annual joint military exercises with Mongolia, called Selenga,
    # will ...": a name set off after the exercise word and a few words about it.
    for m in itertools.chain(_APPOSED_AFTER_NOUN.finditer(text),
                             _CALLED_AFTER_EXERCISE.finditer(text)):
        start, words = trimmed(m.start(1), m.group(1))
        end = m.end(2) if m.group(2) else m.end(1)
        if words and start == m.start(1) and _plausible_name(
                words, start, m.end(1), text, lexicon, mentions, look, sentence_start=False,
                edition=bool(m.group(2))):
            add(start, end, text[start:end])
    # 5k. "officers began observing "North Sword 2005" in north China": a quoted name with a
    # year that forces watch, attend, begin or hold, in a military article with an exercise
    # word (not "Vision 2030" said of a plan).
    if military_cue and article_trigger:
        for m in quoted:
            name = m.group(1) if m.group(1) is not None else m.group(2)
            if re.search(r"[ -](?:19|20)\d{2}[A-Z]?$", name.strip()) and (
                    _WATCHED_BEFORE.search(text[max(0, m.start() - 30):m.start()])
                    or _NAME_AS_EVENT.search(text[max(0, m.start() - 60):m.start()])):
                start = m.start(1) if m.group(1) is not None else m.start(2)
                words = re.split(r"[ -]", re.sub(r"[ -](?:19|20)\d{2}[A-Z]?$", "", name.strip()))
                if _plausible_name(words, start, start + len(name.strip()), text, lexicon,
                                   mentions, look, sentence_start=False, edition=True):
                    add(start, start + len(name.strip()), name.strip())
    # 5a. "codenamed Armada Jaya XLI": the edition in capitals belongs to the code name.
    for m in _CODENAMED_EDITION.finditer(text):
        if not _TRIGGER_RE.search(sentence_of(m.start())[1]):
            continue
        start, words = trimmed(m.start(1), m.group(1))
        if words and _plausible_name(words, start, m.end(1), text, lexicon, mentions, look,
                                     sentence_start=False, edition=True):
            _replace_shorter(found, start, m.end())
            add(start, m.end(), text[start:m.end()])
    # 5c. "The annual Sea Dragon event brought together ... aircraft", an exercise word in its
    # sentence or the next: the event is the exercise.
    for m in _NAME_BEFORE_EVENT.finditer(text):
        at = next((k for k, (s0, e0, _t) in enumerate(sentences) if s0 <= m.start() < e0), None)
        if at is None or not _MILITARY_CUE.search(sentences[at][2]) or not any(
                _TRIGGER_RE.search(sent) for _s, _e, sent in sentences[at:at + 2]):
            continue
        start, words = trimmed(m.start(1), m.group(1))
        end = m.end(2) if m.group(2) else m.end(1)
        if words and _plausible_name(words, start, m.end(1), text, lexicon, mentions, look,
                                     sentence_start=_at_sentence_start(text, start),
                                     edition=bool(m.group(2))):
            add(start, end, text[start:end])
    # 5d. "at Yama Sakura 75, Dec. 10-16, 2018": a numbered edition with its dates, in a
    # military article with an exercise word.
    if military_cue and article_trigger:
        for m in _NAME_NUMBER_DATES.finditer(text):
            start, words = trimmed(m.start(1), m.group(1))
            if words and _plausible_name(words, start, m.end(1), text, lexicon, mentions, look,
                                         sentence_start=_at_sentence_start(text, start),
                                         edition=True):
                add(start, m.end(), text[start:m.end()])
    # 5f. "as part of Orient Shield", "during Cold Response": a bare name of two words or with
    # an edition number, in a military article with an exercise word.
    if military_cue and article_trigger:
        for m in _BARE_NAME.finditer(text):
            if not _PART_OF_BEFORE.search(text[max(0, m.start() - 30):m.start()]):
                continue
            start, words = trimmed(m.start(1), m.group(1))
            if start != m.start(1) or len(words) < 2 and not m.group(2) \
                    or words[-1].lower() in _NOT_EXERCISE_HEAD:
                continue
            if _plausible_name(words, start, m.end(1), text, lexicon, mentions, look,
                               sentence_start=False, edition=bool(m.group(2))):
                add(start, m.end(), text[start:m.end()])
    # 5e. "Rim of the Pacific 2024": a dated name with "of the" inside, in an exercise sentence
    # or abbreviated elsewhere in the text ("RIMPAC").
    for m in _NAME_OF_WITH_YEAR.finditer(text):
        start, words = trimmed(m.start(1), m.group(1))
        if not words or start != m.start(1) or not article_trigger:
            continue
        if _TRIGGER_RE.search(sentence_of(m.start())[1]) or _acronyms_of(m.group(1), text):
            _replace_inner(found, start, m.end())  # not "Principle 2007" in "Proof of ..."
            add(start, m.end(), text[start:m.end()])
    # 5b. "forces codenamed Nerushimoe Bratstvo": a code name anywhere in an exercise sentence.
    for m in _CODENAMED.finditer(text):
        if not _TRIGGER_RE.search(sentence_of(m.start())[1]):
            continue
        start, words = trimmed(m.start(1), m.group(1))
        end = m.end(2) if m.group(2) else m.end(1)
        if words and _plausible_name(words, start, m.end(1), text, lexicon, mentions, look,
                                     sentence_start=False, edition=bool(m.group(2))):
            add(start, end, text[start:end])
    # 5g. "Operation Equator 2019 is led by ...", "Operation Flintlock began on Monday": a
    # capitalised "Operation" heading a name is an exercise's code name when the sentence or
    # the one before it speaks of an exercise and the name has an edition or is held or begun.
    for m in _OPERATION_NAME.finditer(text):
        at = next((k for k, (s0, e0, _t) in enumerate(sentences) if s0 <= m.start() < e0), None)
        known = lexicon.has("exercise_name", m.group(1)) and _EVENT_VERB_AFTER.match(
            text, m.end()) is not None  # "Operation Flintlock began on Monday": a known series
        if at is None or not known and not any(_TRIGGER_RE.search(sent) for _s, _e, sent
                                               in sentences[max(0, at - 1):at + 1]):
            continue
        if _WAR_OPERATION.search(sentences[at][2]):
            continue  # "Operation Inherent Resolve strikes against ...": a campaign
        start, words = trimmed(m.start(1), m.group(1))
        end = m.end(2) if m.group(2) else m.end(1)
        if not words or not (m.group(2) or _EVENT_VERB_AFTER.match(text, end)):
            continue
        if _plausible_name(words, start, m.end(1), text, lexicon, mentions, look,
                           sentence_start=False, edition=bool(m.group(2))):
            _replace_inner(found, start, end)
            add(start, end, text[start:end])
    # 5h. "Desert Flag VIII began at ...": a name with a roman-numeral edition, held or begun,
    # in a military article with an exercise word (not "World War II", "Elizabeth II").
    if military_cue and article_trigger:
        for m in _ROMAN_EDITION_NAME.finditer(text):
            start, words = trimmed(m.start(1), m.group(1))
            if not words or words[-1].lower() in _NOT_EXERCISE_HEAD \
                    or words[-1].lower() in _NOT_EDITION_HEAD or not (
                    _EVENT_VERB_AFTER.match(text, m.end())
                    or _TRIGGER_RE.search(sentence_of(m.start())[1])):
                continue
            if _plausible_name(words, start, m.end(1), text, lexicon, mentions, look,
                               sentence_start=False, edition=True):
                _replace_inner(found, start, m.end())
                add(start, m.end(), text[start:m.end()])
    # 6a. "SLINEX-20 aims ...", "the annual SLINEX exercise": a naval exercise's acronym in
    # "-EX" ("exercise"), with or without its edition, in an article about an exercise; and
    # any acronym with an edition that the article also puts before an exercise word.
    if article_trigger and forces_named:
        before_noun = {m.group(1) for m in re.finditer(
            r"(?<![\w'’.-])([A-Z]{3,})\s+(?i:" + _EXERCISE_NOUN + r")\b", text)}
        for m in _EX_ACRONYM.finditer(text):
            acronym = m.group(1)
            if not (acronym.endswith("EX") and acronym not in _NOT_EX_ACRONYMS
                    or m.group(2) and acronym in before_noun):
                continue
            if _FORCE_NAMES.fullmatch(acronym) or not _plausible_name(
                    [acronym], m.start(), m.start() + len(acronym), text, lexicon, mentions,
                    look, sentence_start=False):
                continue
            if not any(s <= m.start() < e for s, e, _ in found):
                add(m.start(), m.end(), m.group(0))
    # 6. "the JIMEX 24 exercise": an acronym that is not a force, an alliance or a country.
    for m in _ACRONYM_NAME.finditer(text):
        start, acronym = (m.start(1), m.group(1)) if m.group(1) else (m.start(3), m.group(3))
        if _FORCE_NAMES.fullmatch(acronym) or not _plausible_name(
                [acronym], start, start + len(acronym), text, lexicon, mentions, look,
                sentence_start=False):
            continue
        add(start, m.end(), text[start:m.end()])
    # 7. "Cope Thunder, an air exercise between ...", at a sentence's start, after "the" or
    # after a verb of starting or joining ("began Orient Shield, a field training exercise").
    for m in _APPOSITIVE_NAMES.finditer(text):
        if not (_at_sentence_start(text, m.start()) or _AFTER_DATELINE.fullmatch(
                text, 0, m.start())
                or re.search(r"\b(?:the|The)\s+$", text[max(0, m.start() - 4):m.start()])
                or _STARTS_OR_JOINS.search(text[max(0, m.start() - 30):m.start()])
                or _PART_OF_BEFORE.search(text[max(0, m.start() - 30):m.start()])):
            continue
        for part in re.finditer(_ONE_NAME, m.group(1)):
            end = m.start(1) + part.end()
            start, words = trimmed(m.start(1) + part.start(),
                                   re.sub(r"[ -]\d[\d\w-]*$", "", part.group(0)))
            if len(words) == 1 and _SENTENCE_ADVERB.fullmatch(words[0]):
                continue  # "Traditionally, during the exercise, ...": how, not which
            if words and (len(words) > 1 or lexicon.has("exercise_name", words[0]) or not (
                    lexicon.has("common_word", words[0]))) and _plausible_name(
                    words, start, start + len(" ".join(words)), text, lexicon, mentions, look,
                    sentence_start=False):
                add(start, end, text[start:end])
    # 8. A name right after a verb of starting, ending or joining in a military article with
    # an exercise word: "troops kicked off Amber Fist on Monday", "wrapped up AUSINDEX 23".
    if military_cue and article_trigger:
        for m in _AFTER_START_VERB.finditer(text):
            if not _STARTS_OR_JOINS.search(text[max(0, m.start() - 30):m.start()]):
                continue
            start, words = trimmed(m.start(1), m.group(1))
            numbered = bool(m.group(2))
            if not words or len(words) < 2 and not numbered or not _plausible_name(
                    words, start, m.end(1), text, lexicon, mentions, look, sentence_start=False,
                    edition=numbered):
                continue
            add(start, m.end(), text[start:m.end()])
    # Whatever the shared finder reads that the rules above did not (kept for consistency).
    for s, e, n in find_exercise_names(text, lexicon):
        words = n.replace("-", " ").split()
        if words and words[0].lower() in _NOT_NAME_LEAD:
            continue
        if len(words) > 1 and words[0].lower() in _NAMING_VERBS:
            s, n = s + len(words[0]) + 1, n[len(words[0]) + 1:]  # "Dubbed X 2024, the ..."
        if len(words) == 1 and _ends_place_name(text, s, n, look):
            continue  # "Indian Ocean nations"
        add(s, e, n)
    # 9. A name the article has shown to be an exercise's ("past Ssangyong exercises") names it
    # wherever else it stands ("The Ssangyong training is set to ..."); not ordinary words, places
    # or other names' parts.
    for n in {_name_key(n)[0] and re.sub(r"[- ]*(?:19|20)?\d{2}[A-Za-z]?$", "", n).strip()
              for _s, _e, n in found}:
        words = n.split()
        if not n or n.isupper() or len(words) == 1 and lexicon.has("common_word", words[0]):
            continue
        # "Flintlock 2018 was designed ..." after "Flintlock": the year names its edition
        for m in re.finditer(r"(?<![\w'’-])" + re.escape(n) + r"(?:[ -](?:(?:19|20)?\d{2})"
                             r"(?![\w-]))?(?![\w'’-])", text):
            if any(s <= m.start() < e for s, e, _ in found) or any(
                    mt.start < m.end() and m.start() < mt.end for mt in mentions):
                continue
            add(m.start(), m.end(), m.group(0))
    # 10. An exercise's words spelt out before its acronym in brackets ("exercise Cooperation
    # Afloat Readiness and Training (CARAT)", "the exercise, known as South-east Asia
    # Cooperation and Training (Seacat)"): the acronym names it, with a country the edition is
    # named after ("(Carat) Thailand maritime exercise").
    for m in _SPELT_OUT_ACRONYM.finditer(text):
        words = [w for w in re.split(r"[\s-]+", m.group(1)) if w]
        content = [w for w in words if w.lower() not in ("and", "of", "the", "for", "in", "on")]
        acronym = m.group(2).lower()
        if not (_abbreviates(acronym, words) or _abbreviates(acronym, content)):
            continue
        country = m.group(3) if m.group(3) and _is_nationality(m.group(3), look) else ""
        end = m.end(3) if country else m.end()
        if not (_EXERCISE_BEFORE_SPELT_OUT.search(text, max(0, m.start() - 40), m.start())
                or _EXERCISE_AFTER_ACRONYM.match(text, end)):
            continue
        found[:] = [f for f in found if not (f[0] < end and m.start() < f[1])]
        found.append((m.start(2), end, m.group(2) + (" " + country if country else "")))
    found.sort()
    return _without_bracketed_aliases(text, _with_acronyms_named(
        text, _without_spelt_out_or_craft(text, _without_exercise_word(found))))


#: A unit's noun right before a name ("Brigade Iron Wolf"): the unit's name, not the drill's.
_UNIT_BEFORE_NAME = re.compile(r"\b(?:Brigade|Battalion|Regiment|Division|Squadron|Wing|Group"
                               r"|Company|Corps|Fleet|Flotilla|Unit|Command)\s+[“\"«]?$")


#: Capitalised words (joined by "and", "of", ...) and the acronym they spell in brackets,
#: then perhaps a capitalised word ("Cooperation Afloat Readiness and Training (Carat) Thailand").
_SPELT_OUT_ACRONYM = re.compile(
    r"((?:[A-Z][\w'’]*(?:-[a-z]+)?\s+(?:(?:and|of|the|for|in|on)\s+)*){1,7}[A-Z][\w'’]*)"
    r"\s*\(\s*([A-Z][A-Za-z]{2,9})\s*\)(?:\s+([A-Z][a-z]+))?")
#: An exercise word right before the spelt-out name ("exercise ...", "the annual exercise,
#: known as ...").
_EXERCISE_BEFORE_SPELT_OUT = re.compile(
    r"(?i:exercises?|drills?)\s*,?\s+(?:(?:known|referred\s+to)\s+as\s+|called\s+|dubbed\s+"
    r"|named\s+|codenamed\s+)?$")
#: An exercise word right after the acronym ("(CARAT) exercises", "(Carat) Thailand maritime
#: exercise").
_EXERCISE_AFTER_ACRONYM = re.compile(r"\s+(?:(?:" + _NAME_MODIFIERS + r")\s+){0,2}"
                                     r"(?i:exercises?|drills?)\b")


#: After a name, a single vessel's noun: the name is the ship's ("Morocco’s Hassan II frigate
#: took part in the exercise").
_CRAFT_AFTER_NAME = re.compile(
    r"[”\"’]?\s+(?:(?:guided-missile|missile|patrol|survey|research|aircraft|landing|nuclear"
    r"|attack|ballistic-missile)\s+)?(?:frigate|destroyer|corvette|cruiser|warship|submarine"
    r"|carrier|icebreaker|tanker|boat|vessel|ship|flagship|minesweeper|minehunter)\b(?!\s+of\b)")


#: After capitalised words, the exercise word and an acronym ("Theatre Level Readiness and
#: Operational Exercise (TROPEX)", "Operational Readiness Exercise - in short TROPEX"): the
#: words spell out the exercise's acronym, its name.
_SPELT_OUT_BEFORE = re.compile(
    r"(?:\s+and(?:\s+[A-Z][\w-]*)+)?\s+(?:Exercise|EXERCISE)\s*(?:\(\s*|[-–]\s*(?:in\s+short\s+)?)?"
    r"([A-Z]{3,})\b")


def _without_spelt_out_or_craft(text: str, found: Sequence[tuple[int, int, str]]
                                ) -> list[tuple[int, int, str]]:
    """Names without ships' names ("the Hassan II frigate") and without the words that spell
    out an exercise's acronym the article names it by ("Theatre Level Readiness and
    Operational Exercise (TROPEX)" when "TROPEX 2019" is found): one exercise, one name."""
    stems = {_name_key(n)[0] for _s, _e, n in found}
    out = []
    for s, e, n in found:
        if _CRAFT_AFTER_NAME.match(text, e):
            continue
        spelt = _SPELT_OUT_BEFORE.match(text, e)
        if spelt and spelt.group(1).lower() in stems and _name_key(n)[0] != spelt.group(1).lower():
            continue
        out.append((s, e, n))
    return out


def _shares_quoted_noun(text: str, quoted: Sequence[re.Match[str]]) -> bool:
    """Whether the first quoted name heads a list of quoted names with an exercise word after
    the last ("the "Search-2024" and "Echelon-2024" special drills")."""
    for prev, nxt in zip(quoted, quoted[1:], strict=False):
        if not _QUOTED_LIST_GAP.fullmatch(text, prev.end(), nxt.start()):
            return False
        if _QUOTED_AFTER.match(text[nxt.end():nxt.end() + 40]):
            return True
    return False


def _without_exercise_word(found: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Names without the exercise word heading them and the words before it ("Exercise Tiger
    Shark-40" is "Tiger Shark-40", "Multinational Naval Exercise Aman 2017" is "Aman 2017"):
    those words say what it is, not which one."""
    out = []
    for s, e, n in found:
        lead = _EXERCISE_WORD_LEAD.match(n)
        if lead and re.search(r"[A-Za-z]", n[lead.end():]):
            s, n = s + lead.end(), n[lead.end():]
        out.append((s, e, n))
    return out


def _replace_inner(found: list[tuple[int, int, str]], start: int, end: int) -> None:
    """Drop names found inside ``start:end`` ("Dragon 2018" inside "Golden Dragon 2018")."""
    found[:] = [f for f in found if not (start <= f[0] and f[1] <= end
                                         and (f[0], f[1]) != (start, end))]


def _replace_shorter(found: list[tuple[int, int, str]], start: int, end: int) -> None:
    """Drop names found at ``start`` that end inside ``start:end`` ("Armada Jaya" when
    "Armada Jaya XLI" is read there)."""
    found[:] = [f for f in found if not (f[0] == start and f[1] < end)]


def _abbreviates(acronym: str, words: Sequence[str]) -> bool:
    """Whether ``acronym`` is the words' leading letters run together, each word giving one or
    more ("RIMPAC": Rim, Pacific; "BALTOPS": Baltic, Operations), every word in order."""
    if not words:
        return not acronym
    head = words[0].lower()
    return any(acronym[:k] == head[:k] and _abbreviates(acronym[k:], words[1:])
               for k in range(1, min(len(head), len(acronym)) + 1))


def _acronyms_of(name: str, text: str) -> list[re.Match[str]]:
    """All-capital words of ``text`` that abbreviate ``name``'s content words (without its year
    and its "of"/"the"): "RIMPAC" for "Rim of the Pacific"."""
    words = [w for w in re.split(r"[\s-]+", re.sub(r"[\s-]*(?:19|20)\d{2}[A-Z]?$", "", name))
             if w and w.lower() not in ("of", "the", "and")]
    if len(words) < 2:
        return []
    year = re.search(r"(?:19|20)(\d{2})[A-Z]?$", name)
    # "BL23" for "BERSAMA LIMA 2023": the initials and the year's last two figures
    return [m for m in re.finditer(r"(?<![\w'’-])([A-Z]{2,})(\d{2})?(?![\w'’-])", text)
            if (len(m.group(1)) >= 4 if m.group(2) is None
                else year is not None and m.group(2) == year.group(1))
            and _abbreviates(m.group(1).lower(), words)]


def _with_acronyms_named(text: str, found: list[tuple[int, int, str]]
                         ) -> list[tuple[int, int, str]]:
    """Acronyms of a dated name found in the text named as that name: "Rim of the Pacific 2024
    ... participating in RIMPAC" is one exercise, named with its edition's year (an undated
    long name leaves the acronym alone)."""
    dated = [n for _s, _e, n in found if _name_key(n)[1] and " " in n]
    if not dated:
        return found
    out = list(found)
    for name in dated:
        for m in _acronyms_of(name, text):
            out = [f for f in out if not (f[0] < m.end() and m.start() < f[1])]
            out.append((m.start(), m.end(), name))
    return sorted(out)


def _without_bracketed_aliases(text: str, found: list[tuple[int, int, str]]
                               ) -> list[tuple[int, int, str]]:
    """Names without those in brackets right after another name: "Center-2019 (Tsentr-2019)"
    is one exercise under its translation, named as the text names it first, also where the
    text later uses the bracketed name ("the Tsentr-2019 drills")."""
    out: list[tuple[int, int, str]] = []
    aliases: dict[str, str] = {}
    for s, e, n in found:
        if out and re.fullmatch(r"\s*[”\"]?\s*\(\s*[“\"]?\s*", text[out[-1][1]:s]) \
                and re.match(r"\s*[”\"]?\s*\)", text[e:]):
            prev = out[-1]
            if _same_name(n, prev[2]) and _name_key(n)[1] and not _name_key(prev[2])[1]:
                # "“Freedom Edge” (“Freedom Edge 24-2”)": the bracket gives the edition
                out[-1] = (prev[0], prev[1], n)
                aliases[prev[2]] = n
            else:
                aliases[n] = prev[2]
            continue
        if out and re.fullmatch(r"\s*(?:(?i:exercises?|drills?|manoeuvres|maneuvers)\s*)?,\s*",
                                text[out[-1][1]:s]) and re.match(r"\s*,", text[e:]) \
                and not (_name_key(n)[1] and _name_key(out[-1][2])[1]):  # not a list
            # "The Baltic Operations exercise, BALTOPS 2024, began": one exercise, named by the
            # name with its edition
            prev = out[-1]
            if _name_key(n)[1] and not _name_key(prev[2])[1]:
                out[-1] = (s, e, n)
                aliases[prev[2]] = n
            else:
                aliases[n] = prev[2]
            continue
        primary = next((p for a, p in aliases.items() if _same_name(a, n)), n)
        out.append((s, e, primary))
    return out


def _name_key(name: str) -> tuple[str, str]:
    """``(stem, year)`` of an exercise name for comparison: "Vostok 22" -> ("vostok", "2022")."""
    m = re.match(r"(.*?)[\s-]*((?:19|20)?\d{2})([A-Za-z]?)$", name.strip())
    if m and re.search(r"[A-Za-z]", m.group(1)):
        year = m.group(2)
        if len(year) == 2:
            year = "20" + year
        return re.sub(r"[\W_]+", "", m.group(1)).lower(), year + m.group(3).lower()
    split = re.match(r"(.*?[A-Za-z])[\s-]+((?:19|20)?\d{2})[-.](\d{1,2})$", name.strip())
    if split:  # "Freedom Edge 24-2", "Platinum Eagle 17.1": a year's second edition
        year = split.group(2) if len(split.group(2)) == 4 else "20" + split.group(2)
        return re.sub(r"[\W_]+", "", split.group(1)).lower(), f"{year}-{split.group(3)}"
    single = re.match(r"(.*?[A-Za-z])[\s-]+(\d)$", name.strip())
    if single:  # "KAMANDAG 2": a one-digit edition
        return re.sub(r"[\W_]+", "", single.group(1)).lower(), "#" + single.group(2)
    phase = re.match(r"(.*?[A-Za-z])[\s-]+((?:19|20)\d{2})-([IVX]{1,4})$", name.strip())
    if phase:  # "Iron Wolf 2021-II": the year's second edition
        return re.sub(r"[\W_]+", "", phase.group(1)).lower(), f"{phase.group(2)}-{phase.group(3)}"
    roman = re.match(r"(.*?[A-Za-z].*?)[\s-]+([IVX]{2,6})$", name.strip())
    if roman:  # "Desert Flag VIII": the edition in roman numerals
        return re.sub(r"[\W_]+", "", roman.group(1)).lower(), roman.group(2).lower()
    return re.sub(r"[\W_]+", "", name).lower(), ""


@dataclass
class _Draft:
    """Mutable event being assembled from one or more clauses of an article."""

    name: str = ""
    type_votes: dict[str, int] = field(default_factory=dict)
    participants: list[str] = field(default_factory=list)
    places: list[EventPlaceCandidate] = field(default_factory=list)
    start: PartialDate = field(default_factory=lambda: PartialDate(None, "unknown"))
    end: PartialDate = field(default_factory=lambda: PartialDate(None, "unknown"))
    date_text: list[str] = field(default_factory=list)
    date_stated: bool = False
    status: str = ""
    troops: ForceFigure | None = None
    aircraft_helicopters: ForceFigure | None = None
    ships: ForceFigure | None = None
    tanks: ForceFigure | None = None
    named_ships: list[str] = field(default_factory=list)
    ships_by_side: dict[str, int] = field(default_factory=dict)
    quotes: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    last_sentence: int = -1
    in_passing: bool = False
    #: Said to be another exercise ("It will be followed by another exercise ..."): not folded
    #: into the article's named one.
    another: bool = False
    #: The sentence whose clause last added sides to it without an exercise word ("The battle
    #: group is led by Germany, while Belgium and Norway are contributing soldiers").
    continued_in: int = -1


@dataclass(frozen=True)
class _Clause:
    start: int
    end: int
    text: str
    sentence_index: int
    sentence: str
    #: Cut off its sentence where a second exercise name's phrase begins.
    second_name: bool = False


def _clauses(sentences: Sequence[tuple[int, int, str]]) -> list[_Clause]:
    out = []
    for k, (s, _e, sentence) in enumerate(sentences):
        pos = 0
        for m in _CLAUSE_SPLIT.finditer(sentence):
            out.append(_Clause(s + pos, s + m.start(), sentence[pos:m.start()], k, sentence))
            pos = m.end()
        out.append(_Clause(s + pos, s + len(sentence), sentence[pos:], k, sentence))
    return out


#: Where the phrase that holds a clause's second exercise name begins: the last preposition
#: or comma before it, with at most eight words between ("..., to prepare for the NATO
#: certification exercise Trident Juncture").
_SECOND_NAME_PHRASE = re.compile(
    r"(?:,|\b(?:for|to|into|in|of|with|during|before|after|ahead of|than|like|as|at|on))"
    r"(?=(?:\s+[\w'’.-]+){0,8}\s*$)", re.IGNORECASE)


def _split_at_names(clauses: Sequence[_Clause], names: Sequence[tuple[int, int, str]],
                    text: str) -> list[_Clause]:
    """Clauses cut where a second, different exercise name's phrase begins.

    "Saber Strike 15 will certify the battalion for the NATO exercise Trident Juncture": what
    the words after "for" say (NATO, the date) belongs to Trident Juncture, not to Saber
    Strike 15. Names in a list ("Key Resolve and Foal Eagle") share their clause.
    """
    out: list[_Clause] = []
    for clause in clauses:
        inside = [(s, e, n) for s, e, n in names if clause.start <= s < clause.end]
        cuts: list[int] = []
        for (_s0, e0, n0), (s1, _e1, n1) in zip(inside, inside[1:], strict=False):
            if _same_name(n0, n1) or re.fullmatch(
                    r"\s*(?:,\s*and|,|and|&|or|as well as)\s+(?:the\s+)?", text[e0:s1]):
                continue
            starts = [m.start() for m in _SECOND_NAME_PHRASE.finditer(text, e0, s1)]
            if starts:
                cuts.append(starts[-1])
        pos = clause.start
        for cut in [*cuts, clause.end]:
            if cut > pos:
                out.append(_Clause(pos, cut, text[pos:cut], clause.sentence_index,
                                   clause.sentence, second_name=pos != clause.start))
            pos = cut
    return out


#: A drill or exercise that is not military ("a tsunami evacuation drill", "spelling drills").
_CIVIL_BEFORE = re.compile(
    r"\b(?:tsunami|emergency|disaster|lockdown|shooter|safety|flood|tornado|hurricane|storm|bomb"
    r"|first[- ]aid|medical|hazmat|civil[- ]defen[cs]e|air[- ]raid|rescue|spelling|football"
    r"|soccer|basketball|rugby|hockey|dental|warm-?up|mental|cognitive|writing|reading|math"
    r"|maths|language|vocal|piano|team-?building|fire[- ]safety|shelter[- ]in[- ]place|cyber"
    r"|blackout|power[- ]outage|nuclear[- ]plant|radiation|pandemic|public[- ]health)"
    r"(?:\s+(?:and\s+)?(?:\w+\s+)?(?:response|preparedness|evacuation|training|safety))?\s+$",
    re.IGNORECASE)


#: People and bodies whose drills are not military exercises.
_CIVIL_ACTORS = re.compile(
    r"\b(?:firefighters?|fire (?:department|brigade|service|crews?)|police|students|pupils"
    r"|schools?|teachers|hospitals?|paramedics|residents|employees|staff members"
    r"|first responders|emergency services|lifeguards|rescuers|rescue workers|red cross|players"
    r"|athletes|coach(?:es)?|firms?|banks?|companies|utilities|airport staff)\b", re.IGNORECASE)


#: What a patrol or a manoeuvre is when it is an incident or law enforcement, not an exercise.
_INCIDENT = re.compile(
    r"\b(?:collid\w*|collision|rammed|ramming|sideswip\w*|water[- ]cannon\w*|intercept\w*"
    r"|scrambl\w*|harass\w*|unsafe|dangerous|reckless|aggressive|unprofessional|risky|provocative"
    r"|coast ?guard|police|fisheries|border guards?|customs|law[- ]enforcement|smuggl\w*"
    r"|highway|encounter\w*|confront\w*)\b", re.IGNORECASE)


#: What a patrol is when it guards, escorts or keeps the peace, not an exercise: peacekeepers'
#: and border forces' patrols, escorts, a coalition's security patrols.
_NOT_DRILL_PATROL = re.compile(
    r"\b(?:escort\w*|peacekeep\w*|BSF|border\s+(?:security|police|force|troops)|coalition"
    r"|security\s+operation|protect\w*\s+(?:shipping|merchant|commercial))\b", re.IGNORECASE)


def _incident(clause: str, trigger: re.Match[str]) -> bool:
    """Whether a clause with a patrol or manoeuvre tells of an incident or law enforcement.

    Scrambling or intercepting after a joint patrol is the others' reaction to it ("bombers
    flew a joint patrol ..., prompting Japan to scramble jets"), not an incident.
    """
    joint = re.search(r"\b(?:joint|combined|strategic)\s+(?:air\s+|naval\s+|maritime\s+)?$",
                      clause[:trigger.start()], re.IGNORECASE) is not None
    return any(not (joint and m.start() > trigger.start()
                    and re.match(r"(?i)scrambl|intercept", m.group(0)))
               for m in _INCIDENT.finditer(clause))


def _has_trigger(clause: str) -> re.Match[str] | None:
    """The first exercise word of a clause that is about a military exercise, or None.

    Not: "patrol boats/vehicles/aircraft" (equipment), "Highway Patrol" (a name), "exercise
    restraint", drills of civilians ("a fire drill", "students held an evacuation drill"),
    patrols and manoeuvres that are incidents or law enforcement ("dangerous manoeuvres by a
    coast guard ship", "a fisheries patrol", "intercepted during a patrol").
    """
    military = _MILITARY_CUE.search(clause) is not None
    for m in _TRIGGER_RE.finditer(clause):
        after = clause[m.end():]
        before = clause[:m.start()]
        word = m.group(0).lower()
        if word.startswith("patrol") and re.search(r"\b(?:routine|regular|normal)\s+(?:air\s+"
                                                   r"|naval\s+|maritime\s+)?$", before,
                                                   re.IGNORECASE):
            continue  # "on a routine patrol in the Baltic Sea": a ship's duty, not an exercise
        if word.startswith("patrol") and (_NOT_TRIGGER_AFTER.match(after) or re.match(
                r"\s+(?:vehicles?|cars?|trucks?|jeeps?|aircraft|helicopters?|units?|duty|zones?"
                r"|routes?|teams?|bases?|posts?|ships?|boats?|vessels?|craft|planes?)\b", after,
                re.IGNORECASE) or (m.group(0)[0].isupper() and re.search(r"[A-Z][\w.]*\s+$",
                                                                        before))):
            continue
        if word.startswith("exercise") and (_EXERCISE_VERB_OBJECT.match(after) or re.match(
                r"\s+(?:bikes?|class(?:es)?|equipment|routines?|regimen|programmes?|programs?"
                r"|balls?|rooms?|tolerance|physiology|of\s+(?:its|their|his|her|the)\s+(?:right"
                r"|power|sovereignty))\b", after, re.IGNORECASE)):
            continue
        if word.startswith("drill") and re.match(r"\s+(?:bits?|rigs?|sergeants?|teams?|press"
                                                 r"|holes?|ships?|hall)\b", after, re.IGNORECASE):
            continue
        if _NON_MILITARY_BEFORE.search(before) or _CIVIL_BEFORE.search(before):
            continue
        if not military and _CIVIL_ACTORS.search(clause):
            continue
        if word.startswith("patrol") and (_NOT_DRILL_PATROL.search(clause) or re.match(
                r"\s+(?:missions?|operations?|initiatives?)\b", after, re.IGNORECASE)):
            continue  # "patrols escort trucks", "the BSF patrols the IB", "a patrol mission"
        if word.startswith(("patrol", "manoeuv", "maneuv")) and _incident(clause, m) \
                and not re.search(r"\b(?:drills?|exercises?|war games?)\b", clause,
                                  re.IGNORECASE):
            continue
        return m
    forces = _FORCES_DRILLED.search(clause)
    if forces is None:
        return None
    return _DRILLED.search(clause, forces.end() - len("drilled"))


#: A possessive between an owner and its place ("Japan's Yonaguni island", "China's
#: southern island of Hainan").
_OWNER_GAP = re.compile(r"['’]s\s+(?:[a-z-]+\s+){0,3}?(?:(?:island|province|region|port|city"
                        r"|town|county)\s+of\s+)?")


#: Forces as the subject of "drilled" ("Chinese warships drilled in waters near ..."): the
#: verb of the noun "drills". Only after forces: "drilled" alone is as often a well or a hole.
_FORCES_DRILLED = re.compile(
    r"\b(?:troops|soldiers|forces|servicemen|warships|ships|vessels|sailors|marines"
    r"|paratroopers|units|navies|armies|jets|bombers|aircraft|crews)\s+(?:\w+\s+){0,2}?"
    r"drilled\b", re.IGNORECASE)
_DRILLED = re.compile(r"drilled\b", re.IGNORECASE)


def _same_sentence_part(last: _Draft | None, cand: _Draft, clause: _Clause,
                        other: re.Match[str] | None) -> bool:
    """Whether a clause continues the exercise its own sentence was already about.

    "The exercise will be divided into three phases: ...; an interoperability and live-fire
    phase from May 5-7; ...": a part of the same exercise, unless it names another exercise,
    other sides, says "another" or is a patrol where the exercise was not (or the reverse).
    """
    if last is None or last.last_sentence != clause.sentence_index or cand.name or other:
        return False
    if cand.participants and not _side_set(cand.participants) <= _side_set(last.participants):
        return False
    patrol = {"patrol"} & {t for t, v in cand.type_votes.items() if v}
    return patrol == ({"patrol"} & {t for t, v in last.type_votes.items() if v})


#: Nationality words the gazetteer's demonym table (:data:`DEMONYMS`, the CIA World
#: Factbook list) leaves out because alone they name a place: "Somali" (Ethiopia's Somali
#: Region), "Lao", and country names used as adjectives ("New Zealand troops", "Myanmar
#: forces").
_NATIONALITY_ONLY: dict[str, str] = {
    "somali": "SO", "lao": "LA", "new zealand": "NZ", "myanmar": "MM",
}


#: Armed forces whose name says whose they are, without a country word ("the PLA Eastern
#: Theater Command", "the Self-Defense Forces"); the forces' own official English names.
_FORCE_NAMES = re.compile(
    r"\b(?:(?P<CN>PLA|People['’]s Liberation Army|PLAN|PLAAF|PLARF|(?:Eastern|Southern|Western"
    r"|Northern|Central) Theat(?:er|re) Command)|(?P<JP>J[GMA]?SDF|Self-Defen[cs]e Forces?)"
    r"|(?P<KR>ROK(?:N|AF|MC)?|Republic of Korea (?:Army|Navy|Air Force|Marine Corps))"
    r"|(?P<KP>KPA|Korean People['’]s Army)|(?P<DE>Bundeswehr|Luftwaffe)|(?P<IL>IDF)"
    r"|(?P<GB>Royal Navy|Royal Air Force|RAF|British Army|Royal Marines)"
    r"|(?P<GR>Hellenic (?:Navy|Army|Air Force|Armed Forces))"
    r"|(?P<AU>RAAF|RAN|ADF)|(?P<CA>RCAF|RCN)|(?P<NZ>NZDF|RNZAF|RNZN)"
    r"|(?P<ZA>SANDF|South African National Defen[cs]e Force|SA (?:Army|Air Force|Navy"
    r"|Military Health Service))|(?P<UG>UPDF)|(?P<KE>KDF)|(?P<TZ>TPDF)|(?P<MY>RMAF|RMN)"
    r"|(?P<SG>RSN)|(?P<TH>RTAF|RTN)"
    r"|(?P<US>USFK|USFJ|(?:US)?INDOPACOM|(?:US)?PACOM|USARPAC|MARFORPAC|EUCOM|AFRICOM|CENTCOM"
    r"|SOUTHCOM|USMC|U\.?S\.? Marine Corps|Indo-Pacific Command|Alaskan Command"
    r"|(?:I{1,3}\s+|\d+(?:st|nd|rd|th)\s+)?Marine\s+(?:Expeditionary\s+(?:Force|Unit|Brigade)"
    r"|Rotational\s+Force)|(?:82nd|101st|11th)\s+Airborne\s+Division|173rd\s+Airborne\s+Brigade"
    r"|(?:1st|2nd|3rd)\s+Cavalry\s+(?:Regiment|Division)|Green\s+Berets"
    r"|(?:2nd|3rd|4th|5th|6th|7th)\s+Fleet|3rd\s+Marine\s+Division"
    r"|(?:3rd|12th)\s+Marine\s+Littoral\s+Regiment|(?:U\.S\.|US|United States)"
    r" (?:Africa|European|Central|Southern|Northern|Pacific|Special Operations|Strategic|Cyber"
    r"|Space|Transportation) Command|(?:Second|Third|Fifth|Sixth"
    r"|Seventh) Fleet)"
    r"|(?P<TW>ROC (?:Army|Navy|Air Force|Marine Corps)|Republic of China (?:Army|Navy|Air Force"
    r"|Armed Forces|Marine Corps))|(?P<ID>TNI|Tentara Nasional Indonesia)"
    r"|(?P<RU>(?:Northern|Baltic|Black Sea) Fleet|(?<!U\.S\. )(?<!US )(?<!American )Pacific Fleet"
    r"|Caspian Flotilla|(?:Western|Southern|Eastern"
    r"|Central|Leningrad|Moscow) Military District|VDV|Rosgvardia))\b")


#: A force's official name that ends in its country ("the Armed Forces of the Philippines").
_FORCE_OF = re.compile(
    r"\b(?:Armed Forces|Forces|Army|Navy|Air Force|Defen[cs]e Forces?|Marine Corps|Ground Forces"
    r"|Naval Forces|National Guard)\s+of\s+(?:the\s+)?([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})"
    # "the Republic of Singapore Navy", "the Kingdom of Thailand Armed Forces"
    r"|\b(?:Republic|Kingdom|Sultanate|State)\s+of\s+([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?)\s+"
    r"(?:Armed Forces|Army|Navy|Air Force|Marine Corps)\b")


#: A force named after its country's name, not an adjective ("the Pakistan Navy", "the Sri
#: Lanka Navy", "the Kenya Defence Forces", "the Royal Brunei Navy"). Not a National Guard or
#: a coast guard ("the Georgia National Guard" is a US state's).
_COUNTRY_FORCE = re.compile(
    r"\b(?:Royal\s+)?((?:[A-Z][a-z]+|[A-Z]{2,3})(?:\s+[A-Z][a-z]+)?)\s+(?:Navy|Army|Air\s+Force"
    r"|Defen[cs]e\s+(?:Forces?|Services)|Armed\s+Forces|Military\s+Forces|Naval\s+Forces"
    r"|Marine\s+Corps)\b")


def _country_named_forces(text: str, look: GeocodeFn, not_sides: Sequence[tuple[int, int]]
                          ) -> list[str]:
    """Countries whose forces the clause names by the country's own name ("the Pakistan
    Navy and the Kenya Defence Forces began ..."); the place reader leaves a country inside a
    force's name unread. Not after "against", "of", "toward" (the target or the owner of
    something else) and not where the clause cannot name sides."""
    out: list[str] = []
    for m in _COUNTRY_FORCE.finditer(text):
        start = _official_name_start(text, m.start())  # "the Republic of Fiji Military Forces"
        governed = re.search(r"\b(?:of|against|toward|towards|on|into|near|than)\s+(?:the\s+)?$",
                             text[max(0, start - 30):start])
        of_at = start - len(governed.group(0)) if governed is not None else start
        if governed is not None and governed.group(0).startswith("of") and (
                _force_noun_before(text, of_at)
                or re.search(r"\b(?i:members|elements)\s+$", text[max(0, of_at - 12):of_at])):
            governed = None  # "Soldiers of the Kenya Defence Forces": its own people
        if governed is not None or not _is_side_at(m.start(), not_sides):
            continue
        # the official name when it stands there ("the Republic of China Navy" is Taiwan's)
        official = re.sub(r"^the\s+", "", text[start:m.end(1)]) if start < m.start() else ""
        place = look(official or m.group(1), (), None)
        if place is not None and place.kind == "country" and place.country_code:
            out.append(place.country_code)
    return out


#: A force named "... of" right before a place: "Armed Forces of", "forces of", "troops of".
_STATIONED_OF = re.compile(r"((?:Armed\s+|Ground\s+|Naval\s+|Defen[cs]e\s+)?(?i:forces|troops"
                           r"|army|navy|air\s+force|marine\s+corps))\s+of\s+(?:the\s+)?$")


def _stationed_by_nationality(text: str, force_start: int, look: GeocodeFn) -> bool:
    """Whether a nationality stands right before a force named "... of <place>" ("the French
    Armed Forces of New Caledonia", "U.S. Forces of Korea"): the force is that nation's, the
    place after "of" is where it is stationed (the nationality is read as the side)."""
    word = re.search(r"([A-Z][\w.'’-]*)\s+$", text[:force_start])
    return word is not None and bool(_demonym_code(word.group(1), look))


#: Navies' ship prefixes ("USS Ronald Reagan", "JS Asahi", "HMAS Anzac"), from the list of
#: ship prefixes in use (https://en.wikipedia.org/wiki/Ship_prefix). Left out: prefixes two
#: navies share ("INS": India and Israel) or that are common words or other acronyms ("HS",
#: "SAS", "ARC").
_SHIP_PREFIXES: dict[str, str] = {
    "USS": "US", "USNS": "US", "USCGC": "US", "JS": "JP", "ROKS": "KR", "HMS": "GB",
    "HMAS": "AU", "HMCS": "CA", "HMNZS": "NZ", "HNLMS": "NL", "HDMS": "DK", "HNoMS": "NO",
    "KNM": "NO", "HSwMS": "SE", "FGS": "DE", "FS": "FR", "ESPS": "ES", "ITS": "IT", "NRP": "PT",
    "ORP": "PL", "TCG": "TR", "ROCS": "TW", "KRI": "ID", "RSS": "SG", "BRP": "PH", "HTMS": "TH",
    "PNS": "PK", "SLNS": "LK", "BNS": "BD", "ARA": "AR", "BAP": "PE", "NNS": "NG", "ENS": "EG",
}
#: Prefixes two navies share: "INS" is India's and Israel's Naval Ship.
_SHARED_PREFIXES: dict[str, tuple[str, ...]] = {"INS": ("IN", "IL")}
_SHIP_PREFIX = re.compile(r"\b(" + "|".join([*_SHIP_PREFIXES, *_SHARED_PREFIXES])
                          + r")\s+[A-Z][\w'’-]")
#: Words that may stand between a ship and what governs it ("the guided-missile destroyer").
_SHIP_WORDS = re.compile(r"(?:the|a|an|its|their|guided-missile|nuclear-powered|aircraft"
                         r"|carrier|destroyer|frigate|cruiser|corvette|submarine|patrol|vessel"
                         r"|ship|amphibious|assault|landing|dock|support|replenishment|oiler"
                         r"|tanker|offshore|training|research|helicopter|class|[\w-]+-class)$")
#: What may govern a ship that takes part: nothing (it opens the clause), a list, "with",
#: "including", or a verb of sending.
_SHIP_SIDE_GOVERNORS = frozenset({",", "and", "&", "with", "including", "include", "includes",
                                  "included", "plus", "alongside", "as", "sent", "sends",
                                  "send", "deployed", "deploys", "deploy", "dispatched",
                                  "contributed", "are", "were", "is", "was"})


#: "their US counterparts", "its Japanese counterpart": forces of that nationality.
_COUNTERPART_NAT = (r"(?:(?:South|North|New|Sri|Saudi)\s+[A-Z][a-z]+|U\.S\.|U\.K\.|US|UK|USA"
                    r"|[A-Z][a-z]+)")
#: "their US counterparts", "their Nigerian, Togolese and Beninese counterparts".
_COUNTERPARTS = re.compile(r"\b(?:their|its|our|his|her)\s+(" + _COUNTERPART_NAT + r"(?:\s*,\s*"
                           r"(?:and\s+)?" + _COUNTERPART_NAT + r"|\s+and\s+" + _COUNTERPART_NAT
                           + r")*)\s+counterparts?\b")


def _counterparts(text: str, look: GeocodeFn, not_sides: Sequence[tuple[int, int]]
                  ) -> list[str]:
    """Countries whose forces the clause calls someone's counterparts ("Mongolia's armed
    forces and their US counterparts began ...", "hosted their Nigerian, Togolese and Beninese
    counterparts"): the counterparts train with them."""
    out: list[str] = []
    for m in _COUNTERPARTS.finditer(text):
        if not _is_side_at(m.start(), not_sides):
            continue
        for word in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", m.group(1)):
            code = _demonym_code(word, look)
            if code:
                out.append(code)
    return out


def _ship_prefix_sides(text: str, not_sides: Sequence[tuple[int, int]],
                       shared: Mapping[str, str] | None = None) -> list[str]:
    """Countries whose ships the clause names by their navies' prefixes ("The JS Asahi, the
    ROKS Mun Mu Daewang and the USS Ronald Reagan took part"): a navy that sends only a ship
    takes part. Not a ship the drills approach, shadow or target ("sailed near the destroyer
    USS Ross", "buzzed HMS Kent"): only a ship that opens the clause, stands in a list, or
    follows "with", "including" or a verb of sending. ``shared`` reads prefixes two navies
    share as the article decides (:func:`_shared_prefixes`)."""
    prefixes = {**_SHIP_PREFIXES, **(shared or {})}
    out: list[str] = []
    for m in _SHIP_PREFIX.finditer(text):
        if m.group(1) not in prefixes or not _is_side_at(m.start(), not_sides):
            continue  # a shared prefix the article leaves undecided, or not a side
        words = re.findall(r"[\w'’-]+|,|&", text[max(0, m.start() - 80):m.start()])
        while words and _SHIP_WORDS.fullmatch(words[-1].lower()):
            words.pop()
        if not words or words[-1].lower() in _SHIP_SIDE_GOVERNORS:
            other = _PREFIX_OF_ANOTHER_NAVY.get(m.group(1))
            named = other is not None and other[0].search(text, 0, m.start())
            out.append(other[1] if other is not None and named else prefixes[m.group(1)])
    return out


#: A prefix another navy uses too, read as that navy's when the clause names it before the ship
#: ("two of Sweden's Visby-class corvettes, HMS Härnösanda": Hans Majestäts Skepp).
_PREFIX_OF_ANOTHER_NAVY: dict[str, tuple[re.Pattern[str], str]] = {
    "HMS": (re.compile(r"\b(?:Swedish|Sweden['’]s)\b"), "SE")}


def _shared_prefixes(mentions: Sequence[Mention]) -> dict[str, str]:
    """A shared prefix is the navy of the one of its countries the article names."""
    named = {m.place.country_code for m in mentions
             if m.place is not None and m.place.kind == "country"}
    out = {}
    for prefix, codes in _SHARED_PREFIXES.items():
        present = [c for c in codes if c in named]
        if len(present) == 1:
            out[prefix] = present[0]
    return out


_ABBREVIATED_COUNTRIES = {"us": "US", "u.s.": "US", "usa": "US", "uk": "GB", "u.k.": "GB"}


def _demonym_code(word: str, look: GeocodeFn) -> str:
    """ISO2 code of a nationality adjective ("Russian" -> RU, "Filipino" -> PH), else ""."""
    key = word.lower()
    code = _NATIONALITY_ONLY.get(key) or DEMONYMS.get(key, "")
    if re.fullmatch(r"[A-Z]{2}", code):
        return code
    if key in _ABBREVIATED_COUNTRIES:
        return _ABBREVIATED_COUNTRIES[key]
    place = look(word, (), None)
    if place is None or place.raw.get("match_stage") != "demonym" or not place.country_code:
        return ""
    return place.country_code if re.fullmatch(r"[A-Z]{2}", place.country_code) else ""


_MILITARY_NOUNS_MORE = (
    r"|generals?|commanders?|admirals?|defen[cs]e forces|self-defen[cs]e forces|guardsmen"
    r"|infantry|artillery|corps|fleets?|airmen|service ?members|naval forces|ground troops"
    r"|contingents|units|warships|combat aircraft|general staff|coastal forces|special forces"
    r"|participants"
    r"|exercise|drill|patrols?|war game|manoeuvre|maneuver|platoons?|regiments?|squadrons?"
    # one warship stands for its navy ("the Italian frigate Carabiniere")
    r"|frigate|destroyer|submarine|corvette|cruiser|warship|minesweeper|minehunter"
    r"|aircraft carrier|landing ship"
    r"|teams?(?:\s+of\s+(?:specialists|experts|instructors|medics|engineers|officers))?"
    r"|specialists|instructors|crews?|special\s+operations\s+commands?"
    r"|commandos?|rangers|gunners|snipers|sappers"
    r"|detachments?|battle ?groups?|task forces?|companies|company(?!\s+(?:said|says|spokes\w+"
    r"|officials?|executives?|statement))")


_FORCE_NOUN_RE = r"(?i:" + _MILITARY_NOUNS + _MILITARY_NOUNS_MORE + r")"


_NAT_TOKEN = (r"(?:Papua\s+New\s+Guinean|(?:South|North|New|Sri|Saudi)\s+[A-Z][a-z]+"
              r"|U\.S\.|U\.K\.|US|UK|USA"
              r"|[A-Z][a-z]+)")


#: After a nationality: more nationalities ("Russian and Belarusian"), up to two words
#: ("Royal Canadian Navy", "Ukrainian special") and a noun for forces.
_NAT_FOLLOWS = re.compile(
    # "the Polish border, hosted the exercise": a border is a place, not forces (its guards are)
    r"(?!\s+(?:border|frontier|coast|coastline|territory|airspace|waters)s?\b(?!\s+(?:guards?"
    r"|troops|service|forces?|police|units?)))"
    r"(?:\s*(?:,\s*and|,|and|&|/|-)\s*(?:(?:\d+|one|two|three|four|five|six|seven|eight|nine"
    r"|ten|several|some|a few|dozens of)\s+)?" + _NAT_TOKEN + r")*"
    # which edition, not counted among the two words ("a joint Mongolian-U.S. 4th annual
    # military training exercise")
    r"(?:\s+(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
    r"|tenth|annual|biennial|yearly))*"
    # up to two words, a lowercase one possibly coordinated ("naval and air exercises")
    # ("the U.S.-Philippine Balikatan 2024 exercise": a name with its year between)
    r"(?:\s+[A-Za-z0-9][\w-]*(?:(?:\s*,|\s+and|\s+or)\s+[a-z][\w-]*){0,2}){0,2}?\s+"
    + _FORCE_NOUN_RE + r"\b"
    # "North Korean nuclear and missile threats": what the drills counter, not who holds them
    r"(?!\s+(?i:threats?|programs?|programmes?|tests?|launch(?:es)?|provocations?|attacks?"
    r"|strikes?|capabilit(?:y|ies)|arsenals?|development)\b)")


#: A nationality or country that leads or hosts the exercise ("the Norwegian-led Cold Response
#: exercise", "a US-hosted naval drill").
_LEADS = re.compile(r"-(?:led|hosted|organi[sz]ed)\b(?:\s+[\w'’-]+){0,5}?\s+(?i:"
                    + _EXERCISE_NOUN + r")\b")


#: After a people named in the plural: more of them, then a verb of the drills ("Americans
#: and Thais trained together", "Filipinos and Americans took part").
_PEOPLE_DRILL = re.compile(
    r"(?:\s*(?:,\s*and|,|and|&)\s*(?:(?:some|about|nearly|around|over)\s+)?(?:\d[\d,.]*\s+)?"
    r"[A-Z][a-z]+s)*\s+(?:(?:also|have|has|had|will|are|were"
    r"|jointly|together)\s+)*(?:trained|train|training|drilled|drill|practi[cs]ed|took\s+part"
    r"|take\s+part|taking\s+part|joined|fired|conducted|participated|participate)\b")


#: Peoples whose plural is not their adjective with "s" ("4,500 Finns and 300 Norwegians take
#: part").
_PEOPLES: dict[str, str] = {
    "finns": "FI", "swedes": "SE", "danes": "DK", "poles": "PL", "turks": "TR", "brits": "GB",
    "britons": "GB", "czechs": "CZ", "slovaks": "SK", "serbs": "RS", "croats": "HR",
    "kazakhs": "KZ", "uzbeks": "UZ", "tajiks": "TJ", "turkmens": "TM", "kiwis": "NZ",
}


def _nationalities(clause: str, lexicon: Lexicon, look: GeocodeFn) -> list[tuple[int, str]]:
    """``(position, ISO2)`` of nationality adjectives that qualify forces or lead the drills.

    "Russian and Belarusian jets", "Georgian, U.S., British, Polish, and French military
    personnel", "US Marines", "Japanese destroyers", "the Royal Canadian Navy", "the
    Norwegian-led exercise".
    """
    out: list[tuple[int, str]] = []
    for m in re.finditer(r"(?<![\w.])(" + _NAT_TOKEN + r")(?![\w])", clause):
        word = m.group(1)
        code = _demonym_code(word, look)
        if word == "Korean" and "North Korea" not in clause and "DPRK" not in clause and (
                re.match(r"\s*(?:,|and|&)\s+(?:the\s+)?(?:U\.S\.|US|[A-Z][a-z]+)", clause[m.end():])
                or re.search(r"(?:U\.S\.|US|[A-Z][a-z]+)\s*(?:,|and|&)\s+$", clause[:m.start()])):
            # "Korean and American marines": listed with an ally, the Republic of Korea's
            code = "KR"
        if not code and re.match(r"-[A-Z]", clause[m.end():m.end() + 2]):
            code = _COMBINING_FORMS.get(word.lower(), "")  # "Sino-Russian drills"
        if not code and word.endswith("s") and len(word) > 4:
            # "Americans and Thais trained together": a people that trains is its forces
            plural = _PEOPLES.get(word.lower()) or _demonym_code(word[:-1], look) or \
                _demonym_code(re.sub(r"(?:ese|ish)es$", "", word), look)
            if plural and _PEOPLE_DRILL.match(clause, m.end()):
                out.append((m.start(), plural))
            continue
        if not code or _is_source(clause, m.start(), m.end()):
            continue
        if _an_officer(clause, m.start(), m.end()):
            continue  # "U.S. General Christopher Cavoli, NATO's commander, told journalists"
        if _NAT_FOLLOWS.match(clause, m.end()) or _LEADS.match(clause, m.end()):
            out.append((m.start(), code))
    return out


#: After a nationality: a service, a military rank and a person's name ("U.S. General
#: Christopher Cavoli", "Indian Navy Rear Adm. Biswajit Dasgupta"): one officer, not forces.
_A_PERSON = re.compile(
    r"(?:\s+(?:Army|Navy|Air\s+Force|Marine\s+Corps|Marines|Coast\s+Guard))?\s+(?:(?:Lieutenant|Lt\.?"
    r"|Major|Maj\.?|Brigadier|Brig\.?|Vice|Rear|Air|Deputy)\s+)?(?:General|Gen\.|Admiral|Adm\."
    r"|Colonel|Col\.|Captain|Capt\.|Commander|Cmdr\.|Marshal|Brigadier)\s+(?:[A-Z]\.\s+)?"
    r"[A-Z][a-z]+(?:\s+[A-Z]\.)?\s+[A-Z][a-z]+")

#: After such a person: that they lead or command the drills ("..., who is leading RIMPAC"):
#: then their country does.
_PERSON_LEADS = re.compile(r"\b(?:who\s+(?:is|was|will\s+be)\s+)?(?:leading|commanding|directing"
                           r"|in\s+charge\s+of)\b")


def _an_officer(clause: str, start: int, end: int) -> bool:
    """Whether the country word at ``start:end`` only names one officer's nationality ("U.S.
    General Christopher Cavoli ... told journalists"), not forces; an officer said to lead
    or command the drills stands for their country ("led by U.S. Admiral ...")."""
    return _A_PERSON.match(clause, end) is not None and not _PERSON_LEADS.search(
        clause, end, end + 160) and not re.search(
        r"\b(?:led|commanded|directed)\s+by\s+(?:the\s+)?$", clause[:start])


#: A country named as the modifier or owner of something that is not a force: "the
#: Russia-Ukraine war", "Russia's annexation of Crimea", "the China coast guard".
_NOT_FORCE_AFTER = re.compile(
    r"(?:\s*(?:[-–/]|\band\b)\s*[A-Z][\w.]*)*(?:['’]s\s+(?:[a-z-]+\s+){0,2}?|\s+)"
    r"(?:war\b(?!\s*-?\s*games?)|conflict|crisis|border|borders|frontier|invasion|annexation"
    r"|tensions?|talks|relations|ties|standoff|dispute|occupation|aggression|embassy"
    r"|government|authorities|officials|coast\b|coast guard|territor\w*|airspace|waters"
    r"|president|leader|prime minister|foreign minister|mainland|election|sanctions"
    r"|foreign (?:ministry|affairs|office)|spokes(?:man|woman|person)|state media|media"
    r"|news agency|envoy|ambassador|diplomats?|parliament|lawmakers|opposition|public"
    # where the forces served before ("36 US marines with Iraq experience", "Afghanistan veterans")
    r"|experience|veterans?)\b")


#: Verbs whose object is the target of an exercise, not a side of it.
_TARGET_VERBS = frozenset({
    "deter", "deters", "deterring", "counter", "counters", "countering", "intimidate",
    "intimidating", "pressure", "pressuring",
    "punish", "punishing", "encircle", "encircling", "blockade", "blockading", "threaten",
    "threatening", "threatens", "target", "targeting", "targets", "invade", "invading",
    "attack", "attacking", "warn", "warning", "warned", "warns", "urged", "urges", "accused",
    "accuses", "visited", "visit", "visiting", "seize",
    "seizing", "isolate", "isolating", "surround", "surrounding", "toward", "towards",
    "worried", "worry", "worries", "alarmed", "alarm", "angered", "anger", "unnerved",
    "rattled", "provoked", "provoke", "spooked", "concerned",
    # what was done to the target, in the past tense ("jets encircled Taiwan")
    "deterred", "intimidated", "pressured", "punished", "encircled", "blockaded", "threatened",
    "targeted", "invaded", "attacked", "seized", "isolated", "surrounded", "menaced", "menacing",
    "besieged", "besieging", "harassed", "harassing", "bordering", "borders", "bordered",
    "occupied", "occupying", "annexed", "annexing",
    # whom the drills upset or set in motion ("..., angering Russia", "prompting Japan to ...")
    "angering", "alarming", "worrying", "provoking", "unnerving", "rattling", "irking", "irked",
    "irritating", "irritated", "infuriating", "infuriated", "upsetting", "prompting", "prompted",
    "prompt", "prompts",
})


#: Prepositions that make a country the target, the reference or the scene of an exercise
#: rather than a side ("of", "from" only after a force noun: "troops from China").
_NOT_SIDE_PREPS = frozenset({"of", "against", "towards", "toward", "on", "into", "near", "for",
                             "than", "from", "between", "among", "around", "over", "across",
                             "off", "at", "to", "in", "inside", "outside", "within", "along",
                             "beyond", "about", "like", "unlike", "despite", "amid", "after",
                             "before", "since", "following", "until", "bordering",
                             "adjoining"})


#: Participles after which "by" names who holds the drills ("drills held by Russia").
_DOER_PARTICIPLES = frozenset({
    "held", "conducted", "staged", "led", "hosted", "co-hosted", "organised", "organized",
    "run", "out", "launched", "joined", "attended", "performed", "carried", "mounted",
    "participated", "executed", "undertaken", "co-organised", "co-organized"})


#: Words that title a state before its name ("NATO member Poland", "fellow EU member Latvia").
_TITLES_OF_STATES = frozenset({"nato", "eu", "csto", "member", "fellow", "ally", "partner",
                               "neighbour", "neighbor", "state"})


_RELATION_NOUNS = frozenset({"border", "war", "conflict", "tensions", "talks", "relations",
                             "ties", "standoff", "frontier", "borders", "dispute", "deal",
                             "agreement", "rift", "confrontation", "crisis", "cooperation",
                             "meeting", "summit", "showdown", "stand-off", "face-off", "clash",
                             "clashes", "skirmish", "skirmishes", "feud", "row", "spat",
                             "friction", "rivalry", "hostilities", "fighting", "negotiations",
                             "dialogue", "alliance", "friendship"})


#: Observing or reacting to an exercise is not taking part ("warships will keep track of the
#: drills", "Japanese jets shadowed them", "Lithuania condemned the drills").
#: Reacting to drills ("Taiwan scrambled jets in response to the Chinese drills"); only before
#: the exercise word: "China held drills in response to ..." is China's exercise.
_REACTING_WORDS = (r"\b(?:scrambl(?:e|es|ed|ing)|respond(?:s|ed|ing)?|in response|lodg(?:e|es|ed"
                   r"|ing)|put\s+(?:[\w'’-]+\s+){0,3}?on\s+(?:high\s+|full\s+)?alert"
                   r"|clos(?:e|es|ed|ing)\s+(?:its|their|the)\s+(?:borders?|airspace)"
                   r"|rais(?:e|es|ed|ing)\s+(?:its\s+|their\s+|the\s+)?(?:alert|readiness|threat)"
                   r"\s+levels?)\b")
_REACTING = re.compile(_REACTING_WORDS, re.IGNORECASE)


_OBSERVING = re.compile(
    r"\b(?:observ(?:e|es|ed|ing|ation|ers?)|monitor(?:s|ed|ing)?|keep(?:s|ing)?\s+(?:track|tabs"
    r"|watch)|kept\s+(?:track|tabs|watch)|track(?:s|ed|ing)?\b(?!\s+(?:vehicles?|armou?r"
    r"|carriers?))|detect(?:s|ed|ing)?|spott(?:ed|ing)"
    r"|shadow(?:s|ed|ing)?|watch(?:es|ed|ing)?|condemn(?:s|ed|ing)?|critici[sz](?:e|es|ed|ing)"
    r"|protest(?:s|ed|ing)?|denounc(?:e|es|ed|ing)|slam(?:s|med|ming)?"
    r"|(?:see|sees|saw|seen|seeing|view|views|viewed|viewing|regard|regards|regarded"
    r"|regarding)\s+(?:\w+\s+){0,3}?as\b"
    r"|consider(?:s|ed)?\s+(?:\w+\s+){0,2}?(?:a|an)\s+(?:threat|provocation|rehearsal)"
    r"|(?:suspicious|wary|sceptical|skeptical|critical|distrustful)\s+(?:of|about)"
    r"|(?:voic|express|rais|shar)(?:e|es|ed|ing)\s+(?:\w+\s+){0,2}?(?:concerns?|alarm|fears?"
    r"|worr(?:y|ies)|anger|opposition|regret|dismay|displeasure|dissatisfaction|disapproval"
    r"|indignation|outrage)|oppos(?:e|es|ed|ing)|warn(?:s|ed|ing)?)\b"
    r"|" + _REACTING_WORDS
    # staying out is not taking part either ("Armenian troops did not take part in ...")
    + r"|\b(?:(?:did|does|do|will|would|could|shall)\s+not|didn['’]t|won['’]t|doesn['’]t"
    r"|don['’]t)\s+(?:take part|join|participate|send)\b|\b(?:declin(?:e|es|ed|ing)"
    r"|refus(?:e|es|ed|ing))\s+to\b|\bpull(?:s|ed|ing)?\s+out\b|\bwithdr[ae]w\w*\s+from\b"
    r"|\bboycott(?:s|ed|ing)?\b|\bstay(?:s|ed|ing)?\s+away\b|\bopt(?:s|ed|ing)?\s+out\b"
    r"|\b(?:sat|sits?|sitting)\s+out\b"
    # not confirmed, or left off the list: an invited state that has not said it takes part
    r"|\byet\s+to\s+(?:confirm|decide|announce|say)\b|\b(?:has|have|had)\s+not\s+(?:yet\s+)?"
    r"confirmed\b|\b(?:missing|absent)\s+from\b"
    # "Russia and China are not participating", "Russia plays no part"
    r"|\b(?:(?:is|are|was|were)\s+not|isn['’]t|aren['’]t|wasn['’]t|weren['’]t)\s+(?!only\b)"
    r"(?:\w+\s+)?(?:participating|taking\s+part|joining|involved)\b"
    r"|\b(?:play(?:s|ed|ing)?|ha(?:s|ve|d)|tak(?:e|es|ing)|took)\s+no\s+(?:part|role)\b",
    re.IGNORECASE)


#: A place where something happens followed by what it is ("in Estonia, which borders
#: Russia", "off Guam, home to a US base"); the description starts at the match's end.
_PLACE_DESCRIBED = re.compile(
    r"\b(?:in|at|near|off|on|around)\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
    r"\s*,\s*(?=(?:which|where|whose|a|an|home to|once|now)\b)")


#: An exercise said to be others' ("during the drills of South Korea and the US", "amid the
#: exercise involving Japan"): the sides are named after it.
_OTHERS_EXERCISE = re.compile(
    r"\b(?:during|amid|ahead of|throughout)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,5}?(?i:"
    + _EXERCISE_NOUN + r")\s+(?:of|by|between|involving|held by|staged by|conducted by)\s+"
    r"(?:the\s+)?[A-Z]")


#: A pronoun that stays out of the drills ("it has opted out", "they declined to take part"):
#: the country it stands for is named earlier in the same clause.
_STAYS_OUT_PRONOUN = re.compile(
    r"\b(?:it|they)\s+(?:(?:has|have|had|will|would|also|again)\s+)*(?:opt(?:s|ed)?\s+out"
    r"|declin(?:e|es|ed)\s+to|refus(?:e|es|ed)\s+to|pull(?:s|ed)?\s+out|withdr[ae]w\w*"
    r"|boycott(?:s|ed)?|stay(?:s|ed)?\s+away)\b", re.IGNORECASE)


#: "as observers" after a list ("with Pakistan, Azerbaijan and South Africa as observers").
_AS_OBSERVERS = re.compile(r"\s+as\s+(?:an?\s+)?observers?\b(?:\s+(?:nations|countries|states))?",
                           re.IGNORECASE)


#: The list of names right before "as observers", read backwards: capitalised names joined by
#: commas and "and", with what may open it ("each of", "representatives from").
_OBSERVER_LIST_BEFORE = re.compile(
    r"(?:(?:each|all|representatives|envoys|officers|delegations)\s+(?:of|from)\s+)?"
    r"(?:(?:the\s+)?[A-Z][\w.'’-]*(?:\s+(?:of\s+)?[A-Z][\w.'’-]*){0,3}\s*(?:,\s*(?:and\s+)?"
    r"|\s+and\s+))*(?:the\s+)?[A-Z][\w.'’-]*(?:\s+(?:of\s+)?[A-Z][\w.'’-]*){0,3}\s*$")


def _listed_as_observers(text: str) -> list[tuple[int, int]]:
    """Spans of the countries a clause lists before "as observers": from the nearest "with"
    before it ("..., with Pakistan, Azerbaijan and South Africa as observers"), unless a
    punctuation mark other than a list comma stands between; or, when forces stand between
    ("with the participation of French and Emirati air forces, and each of Saudi Arabia,
    Bahrain and Italy as observers"), the list of names right before it."""
    out: list[tuple[int, int]] = []
    for m in _AS_OBSERVERS.finditer(text):
        withs = list(re.finditer(r"\bwith\b", text[:m.start()], re.IGNORECASE))
        between = text[withs[-1].end():m.start()] if withs else ""
        if withs and not re.search(r"[;:.]", between) and not re.search(
                r"\b" + _FORCE_NOUN_RE + r"\b", between):
            out.append((withs[-1].start(), m.end()))
            continue
        listed = _OBSERVER_LIST_BEFORE.search(text, max(0, m.start() - 300), m.start())
        if listed is not None:
            out.append((listed.start(), m.end()))
    return out


#: Observers named as such; and what ends the list of them.
_OBSERVER_NOUN = re.compile(r"\bobservers?\b(?:\s+(?:nations|countries|states))?",
                            re.IGNORECASE)
_OBSERVERS_END = re.compile(r";|\b(?:while|but|whereas)\b|(?<!such )\bas\b(?! well)"
                            r"|,\s*(?:which|that)\b"
                            r"|\b(?:held|hold|holds|staged|stages|conducted|conducts|began|begins|launched|launches|drilled|trained)"
                            # what the drills themselves did ("The drills, watched by observers
                            # from China, involved troops from Russia")
                            r"|\b(?:involv|includ)(?:e|es|ed)\b|\bbr(?:ought|ings?)\s+together"
                            r"\b", re.IGNORECASE)


#: Forces from somewhere named earlier in the clause, then "also from" before more places.
_ALSO_FROM = re.compile(r"\b(?:" + _MILITARY_NOUNS + _MILITARY_NOUNS_MORE
                        + r"|participants)\s+from\b.*\b(?:also|as\s+well\s+as|plus)\s+$",
                        re.IGNORECASE | re.DOTALL)


#: A list whose items each repeat "from" ("from the Baltic states, from Romania and ...").
_FROM_AGAIN = re.compile(r"\s*,?\s*(?:and\s+|as well as\s+)?from\s+(?:the\s+)?")


_LIST_SEP = re.compile(r"\s*(?:,\s*(?:and|or|as well as)\s+|,|\band\b|\bor\b|&|\bas well as\b)\s*"
                       r"(?:the\s+)?$")


#: A capital standing for its government as the one who holds drills ("Beijing last week
#: staged war games").
_HOLDS = re.compile(
    r"(?:['’]s\s+(?:[a-z-]+\s+){0,2}?(?:military|forces|troops|army|navy|air force)\s+)?"
    r"\s*(?:(?:last|this|next|on|also|has|have|had|will|would|is|was|again|then|now|\w+ly)\s+"
    r"|(?:week|month|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+){0,3}"
    r"(?:staged|stages|staging|held|holds|holding|hold|launched|launches|launching|launch"
    r"|conducted|conducts|conducting|conduct|began|begins|started|starts|kicked off|carried out"
    r"|carries out|sent|deployed|dispatched|mobili[sz]ed|host(?:s|ed|ing)?|opened|opens"
    r"|opening|join(?:s|ed|ing)?|tak(?:e|es|ing)\s+part|took\s+part|participat\w+|lead(?:s|ing)?"
    r"|led)\b"
    # "Tehran will host a meeting of ... ministers": a meeting's host, not the drills'
    r"(?!\s+(?:a\s+|the\s+)?(?:[a-z-]+\s+)?(?:meetings?|talks|summits?|conferences?|forums?"
    r"|visits?|ceremon(?:y|ies)|delegations?|negotiations|ministers|leaders)\b)",
    re.IGNORECASE)


#: A mock enemy and who plays it ("mock enemy forces made up of", "a simulated adversary played
#: by"): the units after it are in the drills, on the other side of the scenario.
_MOCK_ENEMY = re.compile(r"\b(?:mock|simulated|notional|imaginary|fictitious|fictional)\s+"
                         r"(?:enemy|adversary|opponent|opposing)\w*(?:\s+(?:forces?|troops|units))?\s+"
                         r"(?:made\s+up\s+of|formed\s+(?:by|of|from)|played\s+by|consisting\s+of"
                         r"|composed\s+of|drawn\s+from)\s", re.IGNORECASE)


#: Forces said to play the enemy in the drills ("a US battalion playing the enemy", "acting as
#: the opposing force"): they take part.
_PLAYS_ENEMY = re.compile(r"\b(?:play(?:s|ed|ing)?|act(?:s|ed|ing)?\s+as|serv(?:e|es|ed|ing)\s+as)"
                          r"\s+(?:the\s+|an?\s+)?(?:mock\s+|simulated\s+)?(?:enemy|adversary"
                          r"|opponent|opposing\s+force|aggressor)s?\b", re.IGNORECASE)


#: Where the phrase after "against" ends: a punctuation mark, or the doers of the drills
#: ("protested against the drills held by Russia and Belarus").
_AGAINST_ENDS = re.compile(r"[,;:]|\b(?:held|conducted|staged|organi[sz]ed|hosted|led|carried"
                           r"\s+out|launched|run)\s+(?:jointly\s+)?by\b")


_PUNCTUATION = re.compile(r"[,;:]")

#: What the drills have in mind ("with China's intensifying military activities in mind"):
#: the concern, not a side.
_IN_MIND = re.compile(r"\bwith\s+[^,;:.]{1,80}?\s+in\s+mind\b", re.IGNORECASE)

#: Another exercise held at the same time follows ("coincides with larger Nato drills",
#: "overlaps with the US-led exercise", "at the same time as Chinese drills").
_COINCIDES_WITH = re.compile(r"\b(?:coincid\w*|overlap\w*)\s+with\b|\bat\s+the\s+same\s+time"
                             r"\s+as\b", re.IGNORECASE)


#: An act dated against the exercise ("days after", "a week before", "shortly after"): what
#: follows is another event, its actors no sides of this one.
_EARLIER_ACT = re.compile(r"\b(?:(?:(?:\d+|a|one|two|three|four|five|six|several|few|a few)\s+)?"
                          r"(?:days?|weeks?|hours?|months?)|shortly|soon|just|only"
                          # "The exercise comes after Russia said it fired on the British
                          # destroyer ...": what it comes after is another story
                          r"|comes|come|came|coming)\s+"
                          r"(?:after|before)\b", re.IGNORECASE)


#: A capitalised name in brackets right after a capitalised name ("France (New Caledonia)",
#: "Russia (Kaliningrad)"): it says which part or which base of the first is meant.
_BRACKETED_QUALIFIER = re.compile(r"(?<=[A-Za-z.])\s*\((?:the\s+)?[A-Z][\w.’'-]*"
                                  r"(?:\s+[A-Z][\w.’'-]*){0,2}\)")


def _qualifiers_in_brackets(text: str) -> list[tuple[int, int]]:
    """Spans of bracketed names that qualify the name before them ("troop contributions from
    France (New Caledonia), Australia, ..."): the territory or base is the state's own, not a
    side of its own. An acronym in brackets is no place, so the span changes nothing there."""
    return [m.span() for m in _BRACKETED_QUALIFIER.finditer(text)]


#: A place joined to "-based" ("New Caledonia-based", "Bahrain-based"): a force's base.
_BASED_AT = re.compile(r"(?:[A-Z][\w.’']*\s+){0,3}[A-Z][\w.’']*-based\b")


#: Left off the list of sides ("did not mention Armenia among the participants", "without
#: inviting Georgia"): the country after it is no side.
_NOT_LISTED = re.compile(r"\b(?:(?:did|does|do|will|would|could)\s+not|didn['’]t|won['’]t"
                         r"|doesn['’]t|don['’]t|never|without)\s+(?:mention(?:ing)?|includ(?:e|ing)"
                         r"|list(?:ing)?|invit(?:e|ing)|nam(?:e|ing))\b", re.IGNORECASE)


#: An organisation described by its members ("the CSTO, which also includes Armenia and
#: Belarus", "the alliance, which groups 32 nations"): members, not sides of the exercise.
_MEMBERSHIP = re.compile(
    r"(?:\b[A-Z]{2,}\)?|\b(?i:organi[sz]ation|alliance|union|treaty|community|commonwealth"
    r"|council|pact|bloc|grouping))\s*,\s*which\s+(?:\w+\s+)?(?:includes?|included|comprises?"
    r"|comprised|groups?|grouped|unites?|united|brings\s+together|consists\s+of|is\s+made\s+up"
    r"\s+of|counts)\b")


#: States said to be members ("now that Norway, Sweden and Finland are all NATO members",
#: "Poland and the Baltic states, which are members of the EU"), from the list to the noun.
_MEMBERS_ARE = re.compile(
    # the list is a clause's subject ("now that Norway ..."), not a force's owners ("units of
    # Armenia, ..., which are members of the CSTO Collective Peacekeeping Forces")
    r"(?:^|\b(?:that|as|since|because|while|when|after|once)\s+)"
    r"(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?)*"
    r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2},?\s+(?:which\s+)?(?:are|were|is|was|became|become"
    r"|have\s+become|has\s+become)\s+(?:now\s+|all\s+|both\s+|also\s+|full\s+)*"
    r"(?:(?:an?\s+)?(?:NATO|EU|CSTO|SCO|ASEAN|alliance)\s+members?|members?\s+of\s+(?:the\s+)?"
    r"(?:NATO|EU|CSTO|SCO|ASEAN|alliance|European\s+Union|North\s+Atlantic))\b")


#: Words that open the circumstances an exercise happens in ("amid rising tensions with ...",
#: "against the backdrop of ..."): who is named there is the background, not a side.
_CIRCUMSTANCES = re.compile(r"\b(?:amid|amidst|against\s+the\s+backdrop\s+of|in\s+the\s+wake\s+of"
                            r"|in\s+the\s+context\s+of)\b", re.IGNORECASE)


#: An exercise word with its owners named after it ("the exercise of South Korea and the US",
#: "drills held by Russia").
_EXERCISE_OF = re.compile(r"(?i:" + _EXERCISE_NOUN + r")\s+(?:of|by|between|involving|(?:held"
                          r"|staged|conducted)\s+by)\s")


#: More capitalised names in a list after a first one ("Beijing and Moscow staged ...",
#: "Singapore, India and Thailand began ...").
_NAME_LIST = re.compile(r"(?:\s*(?:,\s*and|,|and|&)\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z]"
                        r"[\w.’'-]*){0,2})+")


#: Observers as what the drills are open to or who is invited ("war games open to foreign
#: observers", "invited military observers from 24 countries"): the subject hosts them, so
#: it is no observer.
_OBSERVERS_WELCOMED = re.compile(
    r"\b(?:open\s+to|for|invit(?:e|es|ed|ing)|welcom(?:e|es|ed|ing)|host(?:s|ed|ing)?)\s+"
    r"(?:(?:\d+|the|some|several|many|its|their|a\s+few|foreign|international|military|"
    r"outside)\s+){0,3}$", re.IGNORECASE)


#: A list set off by commas after the subject ("Other countries, including China and Iran,
#: criticised ..."), read backwards from the verb.
_APPOSITIVE_LIST = re.compile(r",\s*(?:including|such\s+as|notably|among\s+them|like)\s+(?:the\s+)?"
                              r"[A-Z][^;:,]*(?:,\s*(?:and\s+)?(?:the\s+)?[A-Z][^;:,]*)*,\s*$")


def _before_appositive_list(text: str, begin: int) -> int:
    """Where the subject begins when a list set off by commas stands between it and the verb
    ("Other countries, including China, criticised the drills": at "Other", so China is the
    critic too, not a side)."""
    appositive = _APPOSITIVE_LIST.search(text, 0, begin)
    if appositive is None or appositive.end() < begin - 1:
        return begin
    bounds = [b.end() for b in re.finditer(r"[,;:]|\b(?:while|but|whereas)\b",
                                           text[:appositive.start()])]
    return bounds[-1] if bounds else 0


@lru_cache(maxsize=64)
def _not_sides(text: str) -> tuple[tuple[int, int], ...]:
    """Parts of a clause that cannot name the sides of an exercise (kept for the last clauses
    read: a third of the calls ask again about a clause just read).

    The phrase after "against" (the opposing force or the target, up to the next comma), the
    observers before a verb of observing ("Russian warships will monitor the drills") and
    those after "observed by".
    """
    out: list[tuple[int, int]] = []
    for against in re.finditer(r"\bagainst\b", text, re.IGNORECASE):
        stop = _AGAINST_ENDS.search(text, against.end())
        end = stop.start() if stop else len(text)
        owners = _EXERCISE_OF.search(text, against.end(), end)
        # "in protest against the exercise of South Korea and the US": the exercise's owners
        # named after it hold it
        mock = _MOCK_ENEMY.search(text, against.end(), end)
        if mock is None and _PLAYS_ENEMY.search(text, against.end(), end):
            continue  # "pits a Polish brigade against a US battalion playing the enemy"
        # "rehearse action against mock enemy forces made up of the 1st Infantry Brigade and
        # the NATO Battle Group": who plays the enemy takes part in the drills
        out.append((against.start(), owners.end() if owners else mock.end() if mock else end))
    for m in _OTHERS_EXERCISE.finditer(text):
        # "North Korea fired artillery during the exercise of South Korea and the US": what
        # comes before "during" is someone else's act
        bounds = [b.end() for b in re.finditer(r"[,;:]|\b(?:while|but|whereas)\b",
                                                text[:m.start()])]
        out.append((bounds[-1] if bounds else 0, m.start()))
    for m in _EARLIER_ACT.finditer(text):
        # "..., days after Chinese warships encircled the island": another act, up to the
        # next comma; unless that act is the named exercise the clause is about ("The exercise
        # came two months after the navies of India, ... carried out the Malabar exercise")
        if _NAMED_EXERCISE.search(text, m.end()) and not _NAMED_EXERCISE.search(text, 0,
                                                                                 m.start()):
            continue
        stop = _PUNCTUATION.search(text, m.end())
        end = stop.start() if stop else len(text)
        appositive = re.match(r",\s+(?:a|an)\s+[^,;:]{1,60},", text[end:])
        if appositive:  # "a day after the USS Stennis, a U.S. aircraft carrier, sailed in"
            end += appositive.end()
        out.append((m.start(), end))
    out.extend(_qualifiers_in_brackets(text))
    for m in _BASED_AT.finditer(text):
        # "the New Caledonia-based French military", "U.S.' Bahrain-based 5th Fleet": where a
        # force is based, not whose it is
        out.append(m.span())
    for m in _IN_MIND.finditer(text):
        out.append(m.span())  # "with China's intensifying military activities in mind"
    for m in _COINCIDES_WITH.finditer(text):
        # "Slavic Brotherhood 2019 coincides with larger Nato drills ...": another exercise's
        # holders, up to the next punctuation mark
        stop = _PUNCTUATION.search(text, m.end())
        out.append((m.end(), stop.start() if stop else len(text)))
    for m in _NOT_LISTED.finditer(text):
        # "Organizers did not mention Armenia among the participants": up to the next comma
        stop = _PUNCTUATION.search(text, m.end())
        out.append((m.end(), stop.start() if stop else len(text)))
    for m in _MEMBERSHIP.finditer(text):
        # "the CSTO, which also includes Armenia and Belarus": the bloc's members, up to the
        # next punctuation mark
        stop = _PUNCTUATION.search(text, m.end())
        out.append((m.start(), stop.start() if stop else len(text)))
    for m in _MEMBERS_ARE.finditer(text):
        # "now that Norway, Sweden and Finland are all NATO members": a fact of membership
        out.append(m.span())
    for m in _CIRCUMSTANCES.finditer(text):
        # "began the drills amid rising tensions following an incident involving Russia and a
        # British warship": the circumstances, up to the next punctuation mark; an exercise
        # word there makes them others' drills (read as such above)
        stop = _PUNCTUATION.search(text, m.end())
        end = stop.start() if stop else len(text)
        if not re.search(r"(?i:" + _EXERCISE_NOUN + r")", text[m.end():end]):
            out.append((m.start(), end))
    for m in _PLACE_DESCRIBED.finditer(text):
        # "in Estonia, which borders Russia", "in Estonia, a former Soviet republic": what the
        # place is, up to the next comma
        stop = _PUNCTUATION.search(text, m.end())
        out.append((m.end(), stop.start() if stop else len(text)))
    out.extend(_listed_as_observers(text))
    for m in _STAYS_OUT_PRONOUN.finditer(text):
        # "although Armenia is a member, it has opted out of these drills": "it" stands for a
        # country named earlier in the clause, which stays out
        out.append((0, m.end()))
    for m in _OBSERVER_NOUN.finditer(text):
        # "attended as observers, including Germany and Canada", "observers from China and
        # India": up to the doers' own verb ("observers from China watched as Russia held")
        if _REPORTING_AFTER.match(text, m.end()):
            continue  # "Observers said ..."
        stop = _OBSERVERS_END.search(text, m.end())
        out.append((m.start(), stop.start() if stop else len(text)))
    for m in _OBSERVING.finditer(text):
        if re.match(r"\s+by\b", text[m.end():]):
            # "observed by Polish officers", up to the next comma ("The drills, monitored by
            # Japan, involved Russian ships")
            stop = _PUNCTUATION.search(text, m.end())
            out.append((m.start(), stop.start() if stop else len(text)))
            break
        if re.fullmatch(r"observers?", m.group(0), re.IGNORECASE) and _OBSERVERS_WELCOMED.search(
                text[max(0, m.start() - 60):m.start()]):
            continue  # "began war games open to foreign observers": the hosts, who drill
        if m.group(0).lower() in ("warning", "protest", "observation") and re.search(
                r"\b(?:a|an|the|stern|strong|clear|serious|final|severe|formal)\s+$",
                text[:m.start()], re.IGNORECASE):
            continue  # "the drills were a stern warning to ...": a noun, not who warns
        keep = re.search(r"\b(?:keep|keeps|kept|keeping|put|puts|placed|place)\b(?=[^.;]{0,80}"
                         r"\bunder\s+$)", text[max(0, m.start() - 90):m.start()], re.IGNORECASE)
        # The observers are the subject of their own clause: from its start (after a comma,
        # "while", "but", "as") to the verb; "as" in "taking part as an observer" is no bound.
        head = re.sub(r"\bas\s+(?:an?\s+)?(?:[a-z]+\s+)?$", "", text[:m.start()])
        # A list of sides that take part ends there too ("with Australia and France joining
        # and Japan sending observers").
        bounds = [b.end() for b in re.finditer(
            r"[,;:]|\b(?:while|but|whereas|as|with|joining|taking\s+part|participating)\b", head)]
        begin = bounds[-1] if bounds else 0
        if _REACTING.fullmatch(m.group(0)) and _TRIGGER_RE.search(text, begin, m.start()):
            continue  # "China held drills in response to ...": not a reaction to them
        while begin and re.match(r"\s*(?:(?:and|the)\s+)*[A-Z]", text[begin:]):
            # a list of names before the verb: "Lithuania, Latvia and Poland voiced concern"
            # ... opened by "including" or "such as" ("officers from 24 countries, including
            # the United States, North Korea, Russia and ... began observing")
            # ... or by the clause's own opener ("while the Philippines, Singapore and ...");
            # a comma before the last "and" too ("Qatar, Iraq, and Sri Lanka will monitor")
            previous = re.search(r"(?:^|[,;:(]\s*|\b(?:including|such\s+as|notably|among\s+them"
                                 r"|while|whereas|but)\s+)(?:the\s+)?[A-Z][\w.’'-]*(?:\s+(?:of\s+|and\s+)?"
                                 r"[A-Z][\w.’'-]*){0,2}\s*,$", text[:begin])  # "Republic of Korea,"
            if previous is None:
                break
            begin = previous.start() + (1 if text[previous.start()] in ",;:" else 0)
        begin = _before_appositive_list(text, begin)
        if keep is not None:  # "will keep the NATO manoeuvres under observation"
            out.append((begin, m.start() - min(90, m.start()) + keep.end()))
            continue
        out.append((begin, m.end()))
    out.extend(_what_drills_answer(text))
    out.extend(_invited_or_outside(text))
    out.extend(_concurrent_exercise(text))
    out.extend(_left_out_or_compared(text))
    out.extend(m.span() for m in _DISPUTED_WITH.finditer(text))
    out.extend((0, m.start()) for m in _PROTESTS_DRILLS.finditer(text)
               if not _TRIGGER_RE.search(text, 0, m.start()))  # not "held drills in response to"
    return _within_past_asides(text, out)


#: A relative clause telling what a state did before this edition (", which attended as an
#: observer last year,", ", which had pulled out in 2019,").
_PAST_ASIDE = re.compile(r",\s*which\s+[^,;]*?\b(?:last\s+year|previously|in\s+(?:19|20)\d\d"
                         r"|in\s+(?:the\s+)?(?:past|previous|earlier)\s+(?:years|editions)|before"
                         r"|earlier|once)\b[^,;]*,")


def _within_past_asides(text: str, spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """The spans, each kept inside the past aside it comes from: a relative clause telling
    what a state did before ("India, which attended as an observer last year, is taking part";
    "Brazil, which had pulled out in 2019, returned") says nothing of this edition, so its
    observer or withdrawal does not reach the state it describes."""
    asides = [m.span() for m in _PAST_ASIDE.finditer(text)]
    if not asides:
        return tuple(spans)
    out: list[tuple[int, int]] = []
    for s, e in spans:
        aside = next(((a, b) for a, b in asides if a <= s < b or a < e <= b), None)
        out.append((max(s, aside[0]), min(e, aside[1])) if aside else (s, e))
    return tuple(out)


#: A state kept outside the drills by what the sentence says of it, up to the verb: "is not
#: part of the exercises", "will not be a part of", "expressed interest in joining", "hopes to
#: take part", "has been invited", "have received such an invite", "declined an invitation to
#: join", "has suspended its participation", "skipped the drills". An invited state that has
#: not said it takes part is no side (tests/corpus/README.md); "after being invited" and
#: "invited by" tell who takes part or who invites, so they are left alone.
_OUTSIDE_VERB = re.compile(
    r"\b(?:(?:(?:is|are|was|were)\s+not|isn['’]t|aren['’]t|wasn['’]t|weren['’]t"
    r"|(?:will|would)\s+not\s+be|won['’]t\s+be|wouldn['’]t\s+be)\s+(?:a\s+)?part\s+of"
    r"|(?:interest|interested)\s+in\s+(?:joining|participating|taking\s+part)"
    r"|(?:hop(?:e|es|ed|ing)|wish(?:es|ed)?|want(?:s|ed)?|seek(?:s|ing)?|sought|keen|eager"
    r"|appl(?:y|ies|ied)|ask(?:s|ed))\s+to\s+(?:join|participate|take\s+part)"
    r"|(?:(?:has|have|had)\s+(?:also\s+|now\s+|already\s+)*been|(?:was|were|is|are)"
    r"(?:\s+(?:also|now|already))*)\s+invited\b(?!\s+by)"
    r"|(?:received|receive|receives|got)\s+(?:an?\s+|such\s+an?\s+|the\s+)?invit(?:e|ation)s?"
    r"|(?:declin|refus|reject)(?:e|es|ed|ing)\s+(?:an?\s+|the\s+|its\s+|their\s+)?invitation"
    r"|turn(?:s|ed|ing)?\s+down\s+(?:an?\s+|the\s+|its\s+|their\s+)?invitation"
    r"|(?:suspend|halt|end|freez|froze|cancel|withdr[ae]w|pull)\w*\s+(?:its|their)\s+"
    r"(?:participation|involvement|contingent)"
    r"|(?:skip(?:s|ped|ping)?|miss(?:es|ed|ing)?|stay(?:s|ed|ing)?\s+out\s+of)\s+(?:the\s+|this"
    r"\s+year['’]s\s+|these\s+|this\s+)?(?:[a-z-]+\s+)?(?i:" + _EXERCISE_NOUN + r"))\b",
    re.IGNORECASE)

#: Whom an active "invite" names, up to "to" ("has invited Chinese and Indian troops to take
#: part"): invited, not said to take part.
_INVITES_OBJECT = re.compile(r"\binvit(?:e|es|ed|ing)\s+((?:(?!\bto\b)[^,;:.])+?)\s+to\s+"
                             r"(?:join|take\s+part|participate|attend|the\b|its\b|their\b)",
                             re.IGNORECASE)

#: Where the subject of such a verb begins: a strong stop, a new clause, or the clause's start.
_SUBJECT_BOUND = re.compile(r"[;:]|,\s*(?:and|but|while|whereas|which|who)\b|\b(?:while|but"
                            r"|whereas|although|though)\b|(?<!\w)(?:with)\b", re.IGNORECASE)


def _invited_or_outside(text: str) -> list[tuple[int, int]]:
    """Spans of the subjects of verbs that keep a state outside the drills
    (:data:`_OUTSIDE_VERB`): from where the subject begins (after a stop, a new clause, a
    "with" or a comma that ends an introductory phrase) to the verb. A list of states before
    the verb is the subject whole ("Forces from Canada, New Zealand and the UK have received
    such an invite")."""
    out: list[tuple[int, int]] = []
    for m in _INVITES_OBJECT.finditer(text):
        out.append((m.start(1), m.end(1)))  # "Russia has invited Chinese troops to the drills"
    for m in _OUTSIDE_VERB.finditer(text):
        head = text[:m.start()]
        bounds = [b.end() for b in _SUBJECT_BOUND.finditer(head)]
        begin = bounds[-1] if bounds else 0
        # an introductory phrase ends with a comma before a capitalised subject that is not
        # part of a list ("Significantly, however, Australia is not part of ...")
        intro = [c.end() for c in re.finditer(r",\s*", head) if c.end() > begin
                 and not re.match(r"(?:and\s+)?(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)"
                                  r"{0,2}\s*(?:,|\band\b)", head[c.end():])
                 and not re.search(r"[A-Z][\w.’'-]*\s*$", head[begin:c.start()])]
        if intro:
            begin = intro[-1]
        out.append((begin, m.end()))
    return out


#: A clause about another exercise held at the same time: "as", "while" or "whereas", its own
#: subject and an exercise verb ("..., come as the US holds exercises with Japan").
_CONCURRENT = re.compile(
    r"\b(?:as|while|whereas)\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2}\s+"
    r"(?:also\s+|itself\s+)?(?:holds?|held|is\s+holding|conducts?|conducted|is\s+conducting"
    r"|stages?|staged|is\s+staging|begins?|began|starts?|started|launch(?:es|ed)?)\b")


def _concurrent_exercise(text: str) -> list[tuple[int, int]]:
    """Spans of a clause about another exercise at the same time ("The Steppe Guard drills
    between Russia and China come as the US holds exercises with Japan"): its doers and
    partners, up to the next punctuation mark, are that exercise's, not sides of this one.
    Only when the words before "as" speak of an exercise already ("Tensions rose as China
    began drills around Taiwan" is about China's drills), and not when the clause names the
    exercise ("as Russia held the Zapad-2021 drills with ...": read where it stands)."""
    out: list[tuple[int, int]] = []
    for m in _CONCURRENT.finditer(text):
        stop = _PUNCTUATION.search(text, m.end())
        end = stop.start() if stop else len(text)
        if not re.search(r"(?i:" + _EXERCISE_NOUN + r")", text[m.end():end]) \
                or not re.search(r"(?i:" + _EXERCISE_NOUN + r")", text[:m.start()]) \
                or _NAMED_EXERCISE.search(text, m.start(), end):
            continue  # "Tensions rose as China began drills": the clause's own exercise
        out.append((m.start(), end))
    return out


#: A phrase that sets states outside the drills or beside them for comparison: "without"
#: ("the first drills without Russia and China"), "no troops from", "beyond" ("beyond its
#: neighbours, China and Russia"), "unlike", "compared with/to", and "than" before no number
#: ("larger than the drills Peru held"; "more than 2,000 troops from Japan" counts troops, so a
#: number after "than" keeps the phrase). A state named in it is no side by that mention.
_LEFT_OUT_OR_COMPARED = re.compile(
    r"\b(?:without(?!\s+(?:inviting|mentioning|including|listing|naming)\b)|beyond|unlike"
    r"|no\s+(?:troops|forces|soldiers|units|ships|warships|aircraft|personnel|contingents?)"
    r"\s+(?:from|of)"
    r"|compared\s+(?:with|to)|in\s+comparison\s+(?:with|to)"
    r"|(?<!other )than(?!\s+(?:\d|a\s+(?:dozen|hundred|thousand|million)"
    r"|an?\s+(?:day|week|month|year)"
    r"|one\b|two\b|three\b|four\b|five\b|ten\b|(?:a\s+)?(?:few|several|dozens?|hundreds?"
    r"|thousands?)\b)))\b", re.IGNORECASE)


#: What ends such a phrase: a punctuation mark, or the drills' doers coming back ("with").
_LEFT_OUT_ENDS = re.compile(r"[;:.]|,(?!\s*(?:and\s+)?(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z]"
                            r"[\w.’'-]*){0,2}\s*(?:,|\band\b|$))|\b(?:with|while|but|whereas)\b")


def _left_out_or_compared(text: str) -> list[tuple[int, int]]:
    """Spans after "without", "beyond", "unlike", "compared with" or a "than" before no number,
    up to the end of the phrase: the states named there are left out of the drills or held up
    beside them ("the first drills without Russia and China"; "beyond its two neighbours,
    China and Russia"; "larger than the drills Peru held in 2019"), not sides of them. A
    comma that only separates a list ("beyond its neighbours, China and Russia") goes on."""
    out: list[tuple[int, int]] = []
    for m in _LEFT_OUT_OR_COMPARED.finditer(text):
        stop = _LEFT_OUT_ENDS.search(text, m.end())
        out.append((m.start(), stop.start() if stop else len(text)))
    return out


#: An act done in protest against, or in answer to, the drills themselves ("North Korea fired
#: missiles ..., in an apparent protest against the joint Ulchi Freedom Shield exercise"): the
#: clause before it is the protester's, whoever holds the drills is named after it.
_PROTESTS_DRILLS = re.compile(
    r"\bin\s+(?:an?\s+)?(?:apparent\s+|angry\s+|direct\s+)?(?:protest|response|retaliation"
    r"|reaction)\s+(?:against|to|at|over|for)\s+(?:the\s+|their\s+|its\s+)?(?:[\w'’-]+\s+){0,6}?"
    r"(?i:" + _EXERCISE_NOUN + r")\b")


#: A name in a list: one to three capitalised words, "the" before them.
_LISTED_NAME = r"(?:the\s+)?(?-i:[A-Z])[\w.’'-]*(?:\s+(?-i:[A-Z])[\w.’'-]*){0,2}"

#: The other party of a dispute over the drills' waters or land ("in waters disputed with
#: neighbouring Malaysia", "islands contested by Japan", "claims disputed by the Philippines,
#: Vietnam, Malaysia and Brunei": the whole list): the rivals, not sides.
_DISPUTED_WITH = re.compile(r"\b(?:disputed|contested|claimed)\s+(?:\w+\s+)?(?:with|by)\s+"
                            r"[^,.;:]*(?:,\s*(?:and\s+)?" + _LISTED_NAME + r"(?:\s+and\s+"
                            + _LISTED_NAME + r")?(?=\s*(?:[,.;:]|$)))*", re.IGNORECASE)


#: "as a response to", "in response to", "to counter", "to deter": what follows is the cause
#: the drills answer (a rival's presence, deployment or threat), not a side of them.
_ANSWERING = re.compile(r"\b(?:(?:in|as\s+an?|an?)\s+(?:\w+\s+)?response\s+to|to\s+counter"
                        r"|countering|to\s+deter|deterring)\s+", re.IGNORECASE)


def _what_drills_answer(text: str) -> list[tuple[int, int]]:
    """The cause after "(as a | in) response to" or "to counter" that follows an exercise word.

    "China and Russia began the drills ... as a response to the escalating US military
    presence": the US presence is what the drills answer, so its country is no side, up to
    the end of the clause. When the cause names an exercise itself ("Taiwan scrambled jets
    in response to the Chinese drills"), the phrase names that exercise's sides and is kept.
    """
    out: list[tuple[int, int]] = []
    for m in _ANSWERING.finditer(text):
        if not _TRIGGER_RE.search(text, 0, m.start()):
            continue  # "In response to US presence, China held drills": the cause comes first
        stop = re.search(r"[;.!?]|,\s+(?:and|but|while)\b", text[m.end():])
        end = m.end() + (stop.start() if stop else len(text) - m.end())
        if _TRIGGER_RE.search(text, m.end(), end):
            continue  # the drills responded to are an exercise whose sides are named
        out.append((m.start(), end))
    return out


_REPORTING_AFTER = re.compile(
    r"(?:['’]s)?(?:\s+[\w-]+){0,4}?\s+(?:said|says|reported|reports|told|added|stated|claimed"
    r"|announced|confirmed|noted)\b"
    # "... and USA have confirmed their participation": they take part, not report
    r"(?!\s+(?:its|their)\s+(?:participation|attendance|involvement|presence)\b)")


def _is_source(text: str, start: int, end: int) -> bool:
    """Whether a country or nationality at ``start:end`` names who reports, not who drills:
    "..., Taiwan's defence ministry said", "according to the Russian defence ministry"."""
    head = text[max(0, start - 40):start]
    if re.search(r"\baccording to\s+(?:the\s+)?(?:[A-Z][\w.]*\s+){0,2}$", head, re.IGNORECASE):
        return True
    # the comma may stand inside the closing quote: '... manoeuvres," the Russian ministry said'
    # ", and the Russian Defense Ministry has said ...": a reporter joined to the clause
    return bool(re.search(r"[,;][\"”’']?\s*(?:(?:and|but)\s+)?(?:the\s+)?(?:[A-Z][\w.]*\s+){0,2}$",
                          head)) and bool(
        _REPORTING_AFTER.match(text, end))


#: A country's office that reports or denies at the start of a sentence ("Britain's Defense
#: Ministry denied ...").
_REPORTING_SUBJECT = re.compile(
    r"(?:['’]s)?(?:\s+[\w-]+){0,4}?\s+(?:said|says|reported|reports|told|stated|claimed|claims"
    r"|denied|denies|insisted|insists|confirmed|announced)\b")


def _reports_another(text: str, start: int, end: int) -> bool:
    """Whether a country that opens a sentence only reports what another side does:
    "Britain's Defense Ministry denied ..., saying that Russia was carrying out a gunnery
    exercise". Not when the report is about its own forces ("said its troops ...")."""
    if text[:start].strip() not in ("", "The", "the"):
        return False
    said = _REPORTING_SUBJECT.match(text, end)
    if said is None:
        return False
    rest = text[said.end():]
    return not re.search(r"\b(?:its|their|our)\b", rest) and bool(
        re.search(r"\b(?:that|saying)\s+(?:the\s+)?[A-Z]", rest))


def _is_side_at(pos: int, not_sides: Sequence[tuple[int, int]]) -> bool:
    return not any(a <= pos < b for a, b in not_sides)


#: A quantity before "of" ("Hundreds of Royal Navy personnel", "2,000 of the Bundeswehr's"):
#: the force after it is counted, not governed.
_QUANTITY_OF = re.compile(r"\b(?:\d[\d,.]*|dozens|hundreds|thousands|tens of thousands|scores"
                          r"|some|many|most|all)\s+of\s+(?:the\s+)?$", re.IGNORECASE)


#: Groups of countries a place name stands for, as the curated place says
#: (data/places.csv row "Baltic states": "Estonia, Latvia and Lithuania taken together").
_COUNTRY_GROUPS: dict[str, tuple[str, ...]] = {"baltic states": ("EE", "LV", "LT")}


#: A verb of origin between forces and "from" ("the platoons came from", "they also came
#: from", "contingents drawn from").
_ORIGIN_VERB = re.compile(r"(?:\s+(?:this|that|next|last)\s+year)?"
                          r"(?:\s+(?:will|would|also|all|to))*\s+(?:came|come|comes|coming|hail(?:s|ed)?"
                          r"|(?:(?:were|are|was|is)\s+)?(?:drawn|assembled|gathered)|arrived"
                          # "the allied soldiers ... are from the US, Estonia and Lithuania"
                          r"|arrive|arrives|are|were|is|was)\s*(?:--|[—–])?\s*$", re.IGNORECASE)


#: Forces said to come from a whole, then some of it named ("Forces from across the
#: alliance, including from Italy"): the second "from" still follows the force noun.
_FROM_THEN_SOME = re.compile(r"\b" + _FORCE_NOUN_RE + r"\s+from\s+[^.;:()]{1,40}?,?\s+"
                             r"(?:including|notably|especially|chiefly|mainly|mostly|such\s+as"
                             r"|among\s+them)\s*$")


def _force_noun_before(text: str, pos: int) -> bool:
    """Whether a force noun stands right before ``pos`` ("troops from", "the armies of",
    "the platoons came from", "they also came from", "troop contributions from")."""
    head = text[max(0, pos - 60):pos]
    # "members of the armed forces, mostly from Croatia": an adverb of share between
    head = re.sub(r",?\s*(?:mostly|mainly|largely|chiefly|primarily|principally|predominantly"
                  r"|most|many|some)\s*$", "", head)
    # "three naval vessels, one each from the Netherlands, Norway and Denmark": shared out
    head = re.sub(r",?\s*(?:one|two|three|four)\s+each\s*$", "", head)
    # "Maritime Patrol Aircraft (MPAs) from": the force's acronym in brackets
    head = re.sub(r"\s*\([A-Z]{2,6}s?\)\s*$", " ", head)
    origin = _ORIGIN_VERB.search(head)
    if origin is not None:
        head = head[:origin.start()]
        if re.search(r"(?:^|[.;:]\s*|\b)(?i:they)\s*$", head):
            return True  # "They also came from Ukraine and Moldova": the troops just named
    # "the Armed Forces and law enforcement agencies of": a force noun coordinated with others;
    # but "Land, naval and air forces from": the force noun itself ends the coordination
    heads = (head, re.sub(r"\s+(?:and|or)\s+(?:[a-z-]+\s+){0,2}[a-z-]+\s*$", "", head))
    if _FROM_THEN_SOME.search(head):
        return True  # "Forces from across the alliance, including from Italy"
    return any(re.search(r"\b" + _FORCE_NOUN_RE + r"\s*$", h) or re.search(
        r"(?i:" + _EXERCISE_NOUN + r"|participants|participation|delegations?"
        r"|teams?|staff|counterparts|partners|peacekeepers|platoons?|detachments?|assets"
        r"|squadrons?|(?:troop|force|military|personnel)\s+contributions?"
        # "participants from ... as well as those from India, ...": more of the same
        r"|(?:as\s+well\s+as|and|plus)\s+those)\s*$", h)
        or re.search(r"\b(?:Exercise|Operation)\s+[A-Z][\w'’-]*(?:\s+[A-Z0-9][\w'’-]*){0,3}"
                     r"\s*$", h)  # "Exercise Ajeya Warrior between India and ..."
        for h in heads)


#: "troops from (all 31 | the 32) NATO allies": the allies as a whole are a side.
_NATO_MEMBERS_FROM = re.compile(r"\b" + _FORCE_NOUN_RE + r"\s+(?:in\s+(?:total|all)\s+)?from"
                                r"\s+(?:(?:all|the|its|other|\d+|[a-z]+ty(?:-[a-z]+)?|two|three"
                                r"|four|five|six|seven|eight|nine|ten|eleven|twelve|several"
                                r"|some)\s+){0,3}$")
_NATO_MEMBERS = re.compile(r"\s+(?:[Aa]llies|members|member (?:states|nations|countries)"
                           r"|countries|nations|states)\b")


#: "NATO's largest", "the alliance's biggest since the Cold War": the exercise just named is
#: NATO's own (the noun after it is left out).
_NATO_SUPERLATIVE = re.compile(
    r"['’]s\s+(?:own\s+)?(?:largest|biggest|main|flagship|major|annual|latest|first|[a-z]+est)"
    r"(?=\s*(?:[,.;:)]|$|(?:this|that|since|ever|in|of|for|to date|so far)\b))")


#: NATO by name; and, in an article that names NATO, "the alliance" ("the alliance's largest
#: exercise", "the alliance will hold ..."). "Nato" as British papers write it.
_NATO_NAMES = re.compile(r"\bN(?:ATO|ato)\b|\b(?:North\s+)?Atlantic\s+Alliance\b")
_ALLIANCE = re.compile(_NATO_NAMES.pattern + r"|\b(?:the|The)\s+(?:(?:western|military"
                       r"|transatlantic)\s+)?alliance\b")


#: In an article that names NATO, its members' forces as a whole: "allied troops", "troops
#: from 12 allies", "forces from allied nations".
_ALLIED_FORCES = re.compile(
    r"\ballied\s+(?:troops|forces|nations|countries|navies|warships|ships|aircraft|jets"
    r"|soldiers|units|militaries|armies|air forces)\b|\b" + _FORCE_NOUN_RE
    + r"\s+from\s+(?:(?:\d+|the|other|fellow|several|many|[a-z]+ty(?:-[a-z]+)?|allied)\s+){0,2}"
    r"(?:allies|allied (?:nations|countries|states))\b")


def _object_of_target_verb(before: str) -> bool:
    """Whether the words before a name end in a verb whose object is a target ("Russia
    warned NATO countries ...", "to deter the United States")."""
    last = re.search(r"([A-Za-z]+)\s+(?:the\s+)?$", before)
    return last is not None and last.group(1).lower() in _TARGET_VERBS


#: After NATO: its members, then their names ("NATO allies Estonia and Latvia").
_MEMBERS_NAMED = re.compile(r"\s+(?:allies|members|member (?:states|nations|countries))\s*,?\s+"
                            r"(?:the\s+)?[A-Z]")
#: After NATO: a clause of its treaty ("a NATO Article 5 operation"), not its forces.
_TREATY_ARTICLE = re.compile(r"\s+Article\s+\d+\b")
#: After NATO: its forces, then the countries they come from ("Around 1,000 NATO soldiers from
#: Albania, Canada and Germany"): those member states are the sides, as the corpus counts them.
_NATO_FORCES_FROM = re.compile(r"\s+(?:[a-z-]+\s+)?" + _FORCE_NOUN_RE + r"\s+from\s+(?:the\s+)?"
                               r"(?-i:[A-Z])(?!ATO\b)")
#: After NATO: its members acting ("NATO allies began ...", "NATO members will hold ...").
_MEMBERS_ACT = re.compile(r"\s+(?:allies|members|member (?:states|nations|countries))\s+(?:"
                          r"will|would|have|has|also|began|begin|begins|held|hold|holds|launched"
                          r"|launch|started|start|staged|stage|conducted|conduct|took part"
                          r"|take part|joined|join)\b")


#: A NATO body's own drills ("NATO Allied Maritime Command's drills Sea Breeze").
_NATO_BODY_DRILLS = re.compile(r"(?:\s+[A-Z][\w-]*){1,4}['’]s\s+(?:[a-z-]+\s+){0,2}(?:drills?"
                               r"|exercises?|manoeuvres|maneuvers|war games)\b")


#: After NATO: one of its standing units, by name, then its verb ("NATO's Standing Mine
#: Countermeasures Group One (SNMCMG1) will also be taking part", "Standing NATO Maritime
#: Group 2 is").
_NATO_UNIT_ACTS = re.compile(
    r"(?:['’]s)?((?:\s+[A-Z0-9][\w-]*){1,6})\s*(?:\([A-Z0-9]{2,10}\))?\s+(?:will|is|are|also|has"
    r"|have|was|were|took|takes|take|joined|joins|led|leads)\b(?!\s+(?:said|says|told|warned))")


#: Before "NATO allies": all of them ("all 31", "all the", "the 32"), the alliance as a whole.
_WHOLE_ALLIANCE = re.compile(r"\b(?:all|every)\s+(?:(?:the|its|\d+|[a-z]+ty(?:-[a-z]+)?)\s+)*$"
                             r"|\bthe\s+(?:\d+|[a-z]+ty(?:-[a-z]+)?)\s+$", re.IGNORECASE)

#: A provisional side: NATO's members as a whole ("troops from all 31 NATO allies"), resolved
#: when the exercise is finished (:func:`_nato_members_resolved`).
NATO_MEMBERS = "NATO:members"

#: NATO's member states (https://www.nato.int/cps/en/natohq/topics_52044.htm, "Member
#: countries": 32 since Sweden joined on 7 March 2024).
_NATO_MEMBER_STATES = frozenset({
    "AL", "BE", "BG", "CA", "HR", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IS", "IT",
    "LV", "LT", "LU", "ME", "NL", "MK", "NO", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "TR",
    "GB", "US"})


def _side_set(participants: Sequence[str]) -> set[str]:
    """The sides as a set, NATO's members as a whole counted as NATO (to compare drafts)."""
    return {"NATO" if c == NATO_MEMBERS else c for c in participants}


def _nato_members_resolved(participants: Sequence[str]) -> list[str]:
    """The convention's reading of "NATO's members as a whole": NATO stands for them when the
    exercise names no member state as a side ("troops from all 31 NATO allies and Sweden":
    NATO, SE); when it names some ("personnel from five NATO countries" after "units from
    Poland, the United States and the Baltic states") those states are the members meant."""
    if NATO_MEMBERS not in participants:
        return list(participants)
    named = any(c in _NATO_MEMBER_STATES for c in participants)
    return list(dict.fromkeys("NATO" if c == NATO_MEMBERS else c for c in participants
                              if c != NATO_MEMBERS or not named))


#: After NATO: one of its commands or forces by name ("the NATO Maritime Command", "Nato
#: Naval Command"); listed among the sides, the alliance's own part in the drills.
_LISTED_COMMAND = re.compile(r"(?:\s+[A-Z][\w-]*){0,3}\s+(?:Command|Force|Forces|Group|Fleet"
                             r"|Squadron)\b")


def _nato(clause: str, not_sides: Sequence[tuple[int, int]], *, alliance: bool = False) -> str:
    """Whether NATO itself takes part: "NATO will hold ...", "NATO ships", "the NATO drills",
    "a NATO winter exercise", "Standing NATO Maritime Group ships will take part" give
    ``"NATO"``.

    Its members as a whole ("troops from all 31 NATO allies", "NATO allies began the drills")
    give :data:`NATO_MEMBERS`: by the convention NATO stands for them only when the text names
    no member state as a side (:func:`_nato_members_resolved`). Not "members of NATO", "NATO
    said", "NATO countries" or NATO after "against": ``""``.
    """
    members = False
    for m in re.finditer(_ALLIANCE if alliance else _NATO_NAMES, clause):
        if not _is_side_at(m.start(), not_sides):
            continue
        if _MEMBERS_NAMED.match(clause, m.end()):
            continue  # "NATO members Poland, Lithuania and Latvia": the members are the sides
        if _TREATY_ARTICLE.match(clause, m.end()):
            continue  # "a NATO Article 5 operation": the treaty, not the alliance's forces
        if _NATO_FORCES_FROM.match(clause, m.end()):
            continue  # "NATO soldiers from Albania, Canada and Germany": the members are
        if _MEMBERS_ACT.match(clause, m.end()):
            members = True  # "NATO allies began the drills"
            continue
        before = clause[max(0, m.start() - 40):m.start()]
        if re.search(r"(?i:" + _EXERCISE_NOUN + r")\s+with\s+(?:the\s+)?$", before):
            return "NATO"
        after = clause[m.end():m.end() + 80]
        if _NATO_BODY_DRILLS.match(after) and not re.search(r"\bagainst\s+(?:the\s+)?$", before):
            return "NATO"  # "the phase of the NATO Allied Maritime Command's drills"
        if re.match(r"['’]s\s+(?:(?!(?:about|against|towards?|into|over|on)\b)[a-z-]+\s+){0,5}"
                    r"(?:exercises?|drills?|manoeuvres|maneuvers|war[- ]games?)\b", after) \
                and not re.search(
                        r"\b(?:against|towards?|on|into)\s+(?:the\s+)?$", before, re.IGNORECASE):
            # "part of NATO's largest artillery exercise", "one of NATO's most important and
            # complex anti-submarine exercises": the alliance's own
            return "NATO"
        if _NATO_MEMBERS_FROM.search(before) and _NATO_MEMBERS.match(after):
            if _WHOLE_ALLIANCE.search(before):
                return "NATO"  # "troops from all 31 NATO allies": the alliance as a whole
            members = True  # "personnel from five NATO countries": some members
            continue
        if _LISTED_COMMAND.match(after) and re.search(r"(?:,|\band|\bfrom)\s+(?:the\s+)?"
                                                     r"(?:Standing\s+)?$", before):
            # "forces of Bulgaria, Greece, the Nato Naval Command and ...", "participation from
            # Standing NATO Maritime Group One": the alliance's own forces
            return "NATO"
        if re.search(r"\b(?:of|against|join|joining|joined|to|non|outside|from|on|at)\s+(?:(?:the"
                     r"|a|an|mock|simulated|hypothetical|imaginary|enemy)\s+)*$|non-$", before,
                     re.IGNORECASE) or _object_of_target_verb(before):
            continue
        if re.match(r"(?:['’]s)?(?:-led)?(?:\s+(?:planned|annual|upcoming|latest|new|own))?"
                    r"(?:\s+[“\"‘]?[A-Z0-9][\w-]*[”\"’]?){0,4}(?:['’]s)?(?:\s+[a-z-]+){0,2}?"
                    r"\s+(?:forces|troops|ships|warships|vessels|aircraft|jets|fighters|units|soldiers"
                    r"|sailors|navies|battle ?groups?|exercises?|drills?|war[- ]games?|manoeuvres"
                    r"|maneuvers)\b",
                    after, re.IGNORECASE):
            return "NATO"
        if _NATO_SUPERLATIVE.match(after):
            return "NATO"  # "the Steadfast Shield exercise, NATO's largest this year"
        unit = _NATO_UNIT_ACTS.match(after)
        if unit and re.search(r"\b(?:Groups?|Force|Forces|Command|Fleet|Squadron|Brigade|Corps"
                              r"|Division|Wing|Battle ?[Gg]roup|Battalion)\b", unit.group(1)):
            return "NATO"  # "NATO's Standing Mine Countermeasures Group One will take part"
        if re.match(r"(?:-led)?\s+(?:will|would|has|have|is|are|was|also|plans?|began|begins"
                    r"|started|starts|launched|launches|held|holds|conducted|conducts|staged"
                    r"|stages|kicked|opened|hosted|hosts|carried|carries)\b(?!\s+(?:said|says"
                    r"|warned|told))", after):
            return "NATO"
    return NATO_MEMBERS if members else ""


#: The organisations of the corpus convention besides NATO (tests/corpus/README.md), by
#: acronym or full name; NATO has its own reading (:func:`_nato`).
_ORGANISATION_NAMES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # its Collective Rapid Reaction (or Rapid Deployment) Forces are the CSTO's own forces
    ("CSTO", re.compile(r"\bCSTO\b|\bCollective\s+Security\s+Treaty\s+Organi[sz]ation\b"
                        r"|\bCollective\s+Rapid\s+(?:Reaction|Deployment)\s+Forces?\b|\bCRRF\b")),
    ("SCO", re.compile(r"\bSCO\b|\bShanghai\s+Cooperation\s+Organi[sz]ation\b")),
    ("EU", re.compile(r"\bEU\b|\bEuropean\s+Union\b")),
    ("ASEAN", re.compile(r"\bASEAN\b|\bAssociation\s+of\s+South[- ]?East\s+Asian\s+Nations\b")),
)

#: After an organisation's name: an acronym in brackets and a possessive ("the Collective
#: Security Treaty Organization (CSTO)'s").
_ORG_TAIL = re.compile(r"(?:['’”]s)?(?:\s*\([A-Z]{2,6}\))?(?:['’”]s)?")

#: After the organisation: a force or command of its own ("the CSTO Collective Rapid
#: Deployment Forces", "EU Naval Force", "the CSTO Secretariat and Joint Staff", "SCO
#: peacekeeping forces"), up to four words of its name first. Not its members ("CSTO member
#: states"): those are the sides the convention lists beside it.
_ORG_OWN_FORCE = re.compile(
    r"\s+(?:(?:[A-Z][\w-]*|[a-z-]+)\s+){0,4}?(?i:forces?|troops|units|peacekeepers|contingents?"
    r"|battle ?groups?|joint\s+staff|secretariat|staff|headquarters|command)\b")

#: Before the organisation: an exercise, force or command that is its own ("the exercise of
#: the CSTO", "drills conducted by the SCO", "the Joint Staff and Secretariat of the CSTO",
#: "the combined group of forces of the SCO", "the forces of the Central Asian Region (CAR)
#: of the CSTO").
_ORG_OWNS_BEFORE = re.compile(
    r"(?:(?i:" + _EXERCISE_NOUN + r")(?:\s+(?:\w+\s+){0,2}?(?:conducted|held|organi[sz]ed|led"
    r"|hosted|staged|run)\s+by|\s+of|\s+by"
    # its name between: "drills Interaction 2014 of the CSTO"
    r"|(?:\s+[A-Z][\w'’-]*(?:[ -]\d{1,4}[A-Z]?)?){1,4}\s+of)"
    r"|\b(?:forces|troops|units|Secretariat|Joint\s+Staff|[Pp]ersonnel|[Ss]ervicemen|[Cc]ontingents?"
    r"|staff|command|headquarters)\s+of"
    # through a named part of it: "the rapid deployment forces of the Central Asian Region
    # (CAR) of the CSTO"
    r"(?:\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){1,4}(?:\([A-Z]{2,6}\)\s+)?of)?"
    # "under the auspices of the CSTO", "under the banner of the SCO"
    r"|\bunder\s+the\s+(?:auspices|banner|flag|umbrella|aegis|command)\s+of"
    # "the drill for military units of the member nations of the CSTO": its members' drill
    r"|(?i:" + _EXERCISE_NOUN + r")\s+(?:for|of|involving)\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}?"
    r"(?:units|forces|troops|militaries|armies)\s+of\s+(?:the\s+)?member\s+(?:nations|states"
    r"|countries)\s+of"
    # "An anti-terror drill for the CSTO's Central Asian group"
    r"|(?i:" + _EXERCISE_NOUN + r")\s+for)\s+(?:the\s+)?$")

#: After the organisation: its exercise ("CSTO drills", "a joint SCO exercise").
_ORG_EXERCISE_AFTER = re.compile(r"(?:\s+(?:[a-z-]+|[A-Z][\w-]*)){0,3}?\s+(?i:" + _EXERCISE_NOUN
                                 + r")\b")

#: Before and after the organisation: the drills held under its flag ("the first under the SCO
#: banner", "under the CSTO umbrella").
_ORG_BANNER_BEFORE = re.compile(r"\bunder\s+(?:the\s+|its\s+)?$", re.IGNORECASE)
_ORG_BANNER_AFTER = re.compile(r"\s+(?:banner|flag|umbrella|aegis|auspices|command)\b",
                               re.IGNORECASE)

#: After the organisation: its members or something that is not a force ("CSTO member
#: states", "the CSTO area of responsibility", "SCO countries").
_ORG_NOT_FORCE = re.compile(r"\s+(?:member|members|countries|nations|states|allies|area"
                            r"|summit|secretary|charter|treaty|proposal|events?|membership)\b",
                            re.IGNORECASE)


def _organisations(text: str, not_sides: Sequence[tuple[int, int]]) -> list[str]:
    """The convention's organisations (CSTO, SCO, EU, ASEAN) that a clause presents as holding
    the drills or whose own forces or commands it says take part.

    "a military exercise conducted by the Collective Security Treaty Organization (CSTO)",
    "the Joint exercise of the CSTO peacekeeping forces", "Units from the CSTO's Collective
    Rapid Reaction Force", "representatives from the CSTO Secretariat and Joint Staff", "EU
    Naval Force", "CSTO drills". Not its members as such ("servicemen from CSTO member
    states": the convention lists the states), nor an organisation named in a target,
    observer or comment frame (:func:`_not_sides`).
    """
    out: list[str] = []
    taken: list[tuple[int, int]] = []
    others: list[tuple[str, int, int]] = []
    for code, names in _ORGANISATION_NAMES:
        for m in names.finditer(text):
            if not _is_side_at(m.start(), not_sides) or _is_source(text, m.start(), m.end()):
                continue
            tail = _ORG_TAIL.match(text, m.end())
            end = tail.end() if tail else m.end()
            if _ORG_NOT_FORCE.match(text, end):
                continue
            before = text[max(0, m.start() - 80):m.start()]
            if _ORG_OWNS_BEFORE.search(before) or _ORG_OWN_FORCE.match(text, end) \
                    or _ORG_EXERCISE_AFTER.match(text, end) or (
                        _ORG_BANNER_BEFORE.search(before) and _ORG_BANNER_AFTER.match(text, end)):
                out.append(code)
                taken.append((m.start(), end))
                break
            others.append((code, m.start(), end))
    # "the military personnel of the CSTO and the SCO take part": coordinated with one read
    # as a side, the other is one too
    for code, start, end in others:
        if code not in out and any(_ORG_AND.fullmatch(text[e:start]) or _ORG_AND.fullmatch(
                text[end:s]) for s, e in taken):
            out.append(code)
    return out


#: Between two organisations of one list ("the CSTO and the SCO", "CSTO, SCO").
_ORG_AND = re.compile(r"\s*(?:,\s*)?(?:and|as\s+well\s+as|,)\s+(?:the\s+)?")


#: A state named as the host ("Host nation India", "the host country, Estonia", "our hosts,
#: the Jordanians", "Lithuania, the host nation"): the convention counts the host.
_HOST_BEFORE = re.compile(r"\b(?i:host)(?:\s+(?:nation|country|state))?s?\s*,?\s+(?:the\s+)?"
                          r"((?:[A-Z][\w.’'-]*\s+){0,2}[A-Z][\w.’'-]*)")
_HOST_AFTER = re.compile(r"((?:[A-Z][\w.’'-]*\s+){0,2}[A-Z][\w.’'-]*),?\s+(?:is\s+|was\s+|as\s+)?"
                         r"the\s+host\b")


#: A host of the other sides ("The Royal Australian Air Force is hosting 20 nations").
_HOSTS_OTHERS = re.compile(
    r"\bhost(?:s|ed|ing)\s+(?:(?:\d+|some|several|many|the|other|partner|allied|foreign)\s+){0,2}"
    r"(?:nations|countries|states|militaries|navies|armies|air\s+forces|partners|allies)\b",
    re.IGNORECASE)


def _named_hosts(text: str, look: GeocodeFn, not_sides: Sequence[tuple[int, int]]
                 ) -> list[str]:
    """ISO2 codes of states a clause calls the exercise's host, by name or nationality
    (plural demonyms too: "the Jordanians")."""
    out: list[str] = []
    for pattern in (_HOST_BEFORE, _HOST_AFTER):
        for m in pattern.finditer(text):
            if not _is_side_at(m.start(), not_sides):
                continue
            name = m.group(1)
            code = _demonym_code(name, look) or _demonym_code(re.sub(r"s$", "", name), look)
            if not code:
                place = look(name, (), None)
                if place is not None and place.kind == "country" and place.country_code:
                    code = place.country_code
            if code:
                out.append(code)
    return out


#: A country in apposition to where the drills are held ("held in NATO's newest member, North
#: Macedonia", "in the Balkan country, Montenegro"): the place, not a side.
_PLACE_APPOSITION = re.compile(r"\b(?:held|conducted|staged|hosted|took\s+place|takes\s+place"
                               r"|taking\s+place|under\s?way)\s+(?:in|at)\s+(?:the\s+)?"
                               r"(?:[\w'’-]+\s+){0,3}?[a-z][\w-]*\s*,\s*(?:the\s+)?$")


def _participants(clause: _Clause, mentions: Sequence[Mention], lexicon: Lexicon,
                  look: GeocodeFn, *, alliance_is_nato: bool = False) -> list[str]:
    """The sides of an exercise a clause names.

    Countries that act ("Russia and Belarus will hold"), qualify forces ("Russian and
    Belarusian troops", "US Marines") or follow a force noun ("sailors from the United States,
    Bulgaria and Spain", "the armies of Belarus and Russia", "drills with Japan"); a state the
    text calls the host ("Host nation India"); NATO when NATO itself takes part, NATO's members
    as a whole provisionally (:data:`NATO_MEMBERS`); the convention's other organisations
    (:func:`_organisations`). Not: the place or target of the drills ("in Estonia", "around
    Taiwan", "near the Ukrainian border", "to deter Taiwan"), the other side ("against ..."),
    observers ("Russian warships will monitor the drills"), one officer ("U.S. General X"),
    countries named for something else ("the Russia-Ukraine war", "tensions with the United
    States"). The corpus convention these follow is written in tests/corpus/README.md.
    """
    text = clause.text
    not_sides = _not_sides(text)
    offset = _sentence_offset(clause)
    codes: list[str] = []
    in_clause = [m for m in mentions if clause.start <= m.start < clause.end]
    decided: dict[int, tuple[str, bool]] = {}  # mention start -> (governing word, side?)
    metonym_side_end = -1  # where the last capital read as a side ends (a list may go on)
    for mention in in_clause:
        rel = mention.start - clause.start
        if mention.place is None or not (mention.place.country_code or _COUNTRY_GROUPS.get(
                mention.place.name.lower())):
            continue
        p = mention.place
        if not _is_side_at(rel, not_sides):
            continue
        if mention.metonym:
            after = _NAME_LIST.match(text, rel + len(mention.surface))
            listed = metonym_side_end >= 0 and _LIST_SEP.fullmatch(text[metonym_side_end:rel])
            owner = re.match(r"['’]s\b", text[rel + len(mention.surface):])
            if (re.search(r"\bwith\s+$", text[:rel]) and not owner) or listed or _HOLDS.match(
                    text, after.end() if after else rel + len(mention.surface)) or re.match(
                    r"['’]s\s+(?:[a-z-]+\s+){0,2}?" + _FORCE_NOUN_RE + r"\b",
                    text[rel + len(mention.surface):]):
                # "drills with Moscow", "Beijing staged drills", "with Moscow and Beijing"
                codes.append(p.country_code)
                metonym_side_end = rel + len(mention.surface)
            continue
        if _us_state_guard(mention, text[rel + len(mention.surface):]):
            codes.append("US")  # "the Georgia National Guard": a US state's force
            decided[mention.start] = ("", True)
            continue
        code = p.country_code if p.kind == "country" else _country_in_list(mention, in_clause,
                                                                             text, clause.start)
        members = _COUNTRY_GROUPS.get(p.name.lower(), ()) if not code else ()
        if members and re.search(r"\b(?:from|of)\s+(?:the\s+)?(?:\w+\s+)?$", text[:rel]) and \
                _force_noun_before(text, _prep_position(text, rel, "from" if re.search(
                    r"\bfrom\s+(?:the\s+)?(?:\w+\s+)?$", text[:rel]) else "of")):
            codes.extend(members)  # "platoons from the three Baltic states"
            decided[mention.start] = ("from", True)
            continue
        if not code or mention.surface.lower().endswith(
                ("territory", "border", "borders", "soil", "airspace", "waters")):
            continue
        if _NOT_FORCE_AFTER.match(text, rel + len(mention.surface)) or _an_officer(
                text, rel, rel + len(mention.surface)) or _is_source(
                text, rel, rel + len(mention.surface)) or _reports_another(
                text, rel, rel + len(mention.surface)):
            continue
        if code == "TW" and re.search(r"People['’]s\s+$", text[:rel]):
            code = "CN"  # "the People's Republic of China", not the Republic of China
        # "the Republic of Armenia": the name begins at "the Republic of"
        head = _described_name_start(text, _official_name_start(text, rel))
        # A country in a list ("from China, India and Syria") is governed like the first one.
        prev = [m for m in in_clause if m.end <= mention.start and m.start in decided]
        gap = text[prev[-1].end - clause.start:head] if prev else ""
        if prev and decided[prev[-1].start][0] != "" and (_LIST_SEP.fullmatch(gap) or (
                decided[prev[-1].start][0] == "from" and _FROM_AGAIN.fullmatch(gap))):
            word, side = decided[prev[-1].start]
            decided[mention.start] = (word, side)
            if side:
                codes.append(code)
            continue
        before = _preceding_words(clause.sentence, head + offset, 4)
        # "with NATO member Poland", "with fellow EU member Latvia": a title, not the governor
        words = [w for w in before if w not in _DETERMINERS and w not in _TITLES_OF_STATES]
        prep = words[0] if words else ""
        stationed = _STATIONED_OF.search(text, 0, head) if prep == "of" else None
        if stationed is not None and _stationed_by_nationality(text, stationed.start(1), look):
            side = False  # "the French Armed Forces of New Caledonia": where they are stationed
        elif prep in ("from", "of", "between", "among") and _force_noun_before(
                text, _prep_position(text, head, prep)):
            side = True  # "troops from China", "the armies of Belarus"
        elif prep == "of" and _UNDER_THE_LEAD.search(text, 0, _prep_position(text, head, prep)):
            side = True  # "NATO battalions under the leadership of the United States, ..."
        elif prep == "from" and _ALSO_FROM.search(text, 0, _prep_position(text, head, prep)):
            side = True  # "participants from Lithuania and nine allies: ..., also from Poland"
        elif prep == "by":
            # "held by Russia", "hosted annually by Thailand", but "a visit by US officials",
            # "condemned by China"
            doer = [w for w in words[1:] if not w.endswith("ly")][:1]
            side = bool(doer) and doer[0] in _DOER_PARTICIPLES
        else:
            side = not (prep in _TARGET_VERBS or prep in _NOT_SIDE_PREPS
                        or _PLACE_APPOSITION.search(text, 0, head) is not None
                        or (mention.locative and prep != "with")
                        or (prep == "with" and len(words) > 1 and words[1] in _RELATION_NOUNS))
        decided[mention.start] = (prep if prep not in (",", "and", "or") else "", side)
        if side:
            codes.append(code)
    codes.extend(_paired_before_exercise(text, in_clause, clause.start, not_sides))
    codes.extend(_bare_korea(text, in_clause, clause.start, decided))
    codes.extend(c for c in _korea_short(text, mentions) if _is_side_at(
        text.find("the " + ("South" if c == "KR" else "North")), not_sides))
    codes.extend(code for pos, code in _nationalities(text, lexicon, look)
                 if _is_side_at(pos, not_sides))
    for m in _FORCE_NAMES.finditer(text):
        # ("he told ADF": the outlet told, not the Australian Defence Force)
        governed = re.search(r"\b(of|against|toward|towards|on|into|near|than|told|tells|tell)"
                             r"\s+(?:the\s+)?$",
                             text[max(0, m.start() - 30):m.start()])
        owned = governed is not None and governed.group(1) == "of" and (_force_noun_before(
            text, m.start() - len(governed.group(0)))  # "soldiers of the Bundeswehr"
            or _QUANTITY_OF.search(text, 0, m.start()) is not None)  # "hundreds of Royal Navy"
        if m.lastgroup and _is_side_at(m.start(), not_sides) \
                and not _is_source(text, m.start(), m.end()) and (governed is None or owned):
            codes.append(m.lastgroup)
    for m in _FORCE_OF.finditer(text):
        if m.group(2) and _FORCE_NAMES.search(m.group(0)):
            continue  # "the Republic of China Navy" is Taiwan's, read above
        if m.group(1) and _stationed_by_nationality(text, m.start(), look):
            continue  # "the French Armed Forces of New Caledonia": France's, stationed there
        place = look(m.group(1) or m.group(2), (), None)
        if place is not None and place.kind == "country" and place.country_code \
                and _is_side_at(m.start(), not_sides) and not _is_source(text, m.start(), m.end()):
            codes.append(place.country_code)
    codes.extend(_country_named_forces(text, look, not_sides))
    codes.extend(_counterparts(text, look, not_sides))
    codes.extend(_ship_prefix_sides(text, not_sides, _shared_prefixes(mentions)))
    codes.extend(_named_hosts(text, look, not_sides))
    codes.extend(_organisations(text, not_sides))
    nato = _nato(text, not_sides, alliance=alliance_is_nato)
    if not nato and alliance_is_nato and any(
            _is_side_at(m.start(), not_sides) for m in _ALLIED_FORCES.finditer(text)):
        nato = NATO_MEMBERS  # "troops from 12 allies": the members as a whole
    if nato:
        codes.append(nato)
    return list(dict.fromkeys(codes))


#: After states joined by hyphens ("the India-Sri Lanka joint training exercise"): up to three
#: lower-case modifiers, then an exercise noun.
_PAIR_THEN_EXERCISE = re.compile(r"(?:\s+[a-z][\w-]*){0,3}?\s+(?i:" + _EXERCISE_NOUN + r")\b")


def _paired_before_exercise(text: str, in_clause: Sequence[Mention], offset: int,
                            not_sides: Sequence[tuple[int, int]]) -> list[str]:
    """States joined by hyphens or slashes in front of an exercise noun ("the 7th edition of
    the India-Sri Lanka joint training exercise", "US-Philippine drills"): the compound names
    the exercise's sides, whatever governs the phrase ("of", "in"). Not a conflict or a
    relation ("the Russia-Ukraine war", "US-China tensions"): the noun must be an exercise's."""
    countries = [m for m in in_clause if m.place is not None and m.place.kind == "country"
                 and m.place.country_code]
    out: list[str] = []
    run: list[Mention] = []
    for mention in countries:
        if run and text[run[-1].end - offset:mention.start - offset] in ("-", "–", "/"):
            run.append(mention)
        else:
            run = [mention]
        if len(run) >= 2 and _PAIR_THEN_EXERCISE.match(text, mention.end - offset) \
                and all(_is_side_at(m.start - offset, not_sides) for m in run):
            out.extend(m.place.country_code for m in run if m.place is not None)
    return out


#: "Korea" alone, not "North Korea", "South Korea" or "Korean".
_BARE_KOREA = re.compile(r"(?<![\w.'’-])(?<!North )(?<!South )Korea(?![\w'’-])")


def _bare_korea(text: str, in_clause: Sequence[Mention], offset: int,
                decided: dict[int, tuple[str, bool]]) -> list[str]:
    """"Korea" alone as an item of a list of sides ("Thailand, the U.S., Japan, Korea and
    Malaysia"): the Republic of Korea, whose short English name it is (North Korea is always
    qualified in English news); the gazetteer leaves the bare word unread. A side only when
    the item next to it in the list was read as a side."""
    out: list[str] = []
    for m in _BARE_KOREA.finditer(text):
        if any(x.start - offset <= m.start() < x.end - offset for x in in_clause):
            continue  # inside a name read as a place
        before = [x for x in in_clause if x.end - offset <= m.start() and x.start in decided]
        after = [x for x in in_clause if x.start - offset >= m.end() and x.start in decided]
        near = [(x, text[x.end - offset:m.start()]) for x in before[-1:]] + [
            (x, text[m.end():x.start - offset]) for x in after[:1]]
        if any(decided[x.start][1] and re.fullmatch(
                r"\s*(?:,\s*(?:and|or)\s+|,|\band\b|\bor\b|&)\s*(?:the\s+)?", gap)
                for x, gap in near):
            out.append("KR")
    return out


#: "the South" or "the North" alone, as Korean news names the two Koreas ("the militaries of
#: the South and the US"); not a compass name ("the South China Sea", "the North Atlantic").
_KOREA_SHORT = re.compile(r"\bthe\s+(South|North)\b(?!\s*[-–]?\s*[A-Z])(?!['’]s\s+[A-Z])")


def _korea_short(text: str, mentions: Sequence[Mention]) -> list[str]:
    """"the South"/"the North" owning forces ("the militaries of the South and the US",
    "troops from the North") in an article that names South or North Korea: KR or KP."""
    if not any(m.place is not None and m.place.country_code in ("KR", "KP") for m in mentions):
        return []
    out: list[str] = []
    for m in _KOREA_SHORT.finditer(text):
        prep = re.search(r"\b(of|from)\s+$", text[:m.start()])
        if prep is not None and _force_noun_before(text, prep.start()):
            out.append("KR" if m.group(1) == "South" else "KP")
    return out


#: A bloc's long name with its acronym after it ("the Five Power Defence Arrangements (FPDA)").
_BLOC_ACRONYM = re.compile(r"((?:[A-Z][\w'’-]*\s+(?:(?:of|for|and|the)\s+)?){1,7}?)\(([A-Z]{2,})\)")
#: Words after a bloc's name that introduce its members ("established ... between Australia,
#: New Zealand, ...", "which groups Armenia, Belarus, ...").
_MEMBERS_CUE = re.compile(r"\b(?:between|among|groups|grouped|grouping|includes?|including"
                          r"|comprises?|comprising|consists\s+of|made\s+up\s+of|brings\s+together"
                          r"|members\s+are|signed\s+by|formed\s+by|founded\s+by)\b"
                          # "which also includes drills in Estonia, ...": where, not who
                          r"(?!\s+(?:[a-z-]+\s+){0,2}?(?:drills?|exercises?|manoeuvres|maneuvers"
                          r"|training|live[- ]fire|phases?|stages?|events?|operations?)\b)"
                          r"|\bmembers\s*[—–:]")
#: After a bloc's name, its members as a whole ("the FPDA nations", "CSTO member states").
_BLOC_MEMBERS_NOUN = r"\s+(?:member\s+)?(?:nations|countries|states|members|partners|allies)\b"


@lru_cache(maxsize=4096)
def _whole_word(word: str) -> re.Pattern[str]:
    """``word`` standing alone (not inside a longer word or a hyphenated compound), compiled
    once: one pattern per name would otherwise crowd the ``re`` module's small cache and get
    the fixed patterns recompiled."""
    return re.compile(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])")


def _bloc_members(text: str, sentences: Sequence[tuple[int, int, str]],
                  mentions: Sequence[Mention]) -> dict[str, list[str]]:
    """Blocs whose members the article names, by the bloc's names (acronym and long name).

    "The Five Power Defence Arrangements (FPDA) ..." then "The Five Power Defence Arrangements
    were established in 1971 as a security arrangement between Australia, New Zealand,
    Britain, Malaysia and Singapore": FPDA -> AU, NZ, GB, MY, SG. A sentence that names the
    bloc, then a word that introduces members, then at least three countries.
    """
    aliases: dict[str, str] = {}
    for m in _BLOC_ACRONYM.finditer(text):
        long_name = re.sub(r"^(?:The|the)\s+", "", m.group(1).strip())
        aliases[long_name] = aliases[m.group(2)] = m.group(2)
    for m in re.finditer(r"(?<![\w-])[A-Z]{3,}(?![\w-])", text):
        aliases.setdefault(m.group(0), m.group(0))
    members: dict[str, list[str]] = {}
    for start, end, sentence in sentences:
        for alias, bloc in aliases.items():
            named = _whole_word(alias).search(sentence) if alias in sentence else None
            cue = _MEMBERS_CUE.search(sentence, named.end()) if named else None
            if cue is None or bloc in members:
                continue
            codes = [m.place.country_code for m in mentions
                     if start + cue.end() <= m.start < end and m.place is not None
                     and m.place.kind == "country" and m.place.country_code]
            if len(set(codes)) >= 3:
                members[bloc] = list(dict.fromkeys(codes))
    return {alias: members[bloc] for alias, bloc in aliases.items() if bloc in members}


def _bloc_sides(clause: _Clause, blocs: dict[str, list[str]], mentions: Sequence[Mention]
                ) -> list[str]:
    """The members of a bloc the clause names as a whole ("the FPDA nations", "CSTO member
    states"), when the article named them (:func:`_bloc_members`); not after "against" or
    among observers, and without a member the clause says stays out ("though Armenia opted
    out")."""
    text = clause.text
    not_sides = _not_sides(text)
    out: list[str] = []
    for alias, codes in blocs.items():
        for m in re.finditer(r"(?<![\w-])" + re.escape(alias) + _BLOC_MEMBERS_NOUN, text):
            if _is_side_at(m.start(), not_sides):
                out.extend(codes)
    staying_out = {m.place.country_code for m in mentions
                   if clause.start <= m.start < clause.end and m.place is not None
                   and not _is_side_at(m.start - clause.start, not_sides)}
    return [c for c in dict.fromkeys(out) if c not in staying_out]


def _us_state_guard(mention: Mention, after: str) -> bool:
    """Whether the name is a US state's before "National Guard" ("the Georgia National Guard",
    "Texas Army National Guard troops"): National Guards named after a place are the US
    states' forces, though the name may be read as a country elsewhere in the article."""
    place = mention.place
    if place is None or not re.match(r"\s+(?:Army\s+|Air\s+)?National\s+Guard\b", after):
        return False
    readings = [(place.kind, place.country_code, place.name)] + [
        (c.kind, c.country_code, c.name) for c in place.candidates if isinstance(c, Candidate)]
    return any(kind == "region" and code == "US" and name.lower() == mention.surface.lower()
               for kind, code, name in readings)


#: The words of a state's official name before its short name ("the Republic of ",
#: "the People's Republic of ", "the Kingdom of ").
_OFFICIAL_PREFIX = re.compile(
    r"(?:\bthe\s+)?(?:(?:Federal|Islamic|Democratic|People['’]s|Socialist|Arab|United|Hashemite"
    r"|Bolivarian|Plurinational|Co-operative)\s+)*(?:Republic|Kingdom|Sultanate|State|Principality"
    r"|Commonwealth|Federation|Emirate|Grand\s+Duchy)\s+of\s+(?:the\s+)?$")


#: What a country is called before its name ("the Caucasus country of Azerbaijan", "the
#: Gulf state of Qatar", "the island nation of Fiji").
_DESCRIBED_AS = re.compile(r"\b[Tt]he\s+(?:[\w'’-]+\s+){0,3}?(?:country|nation|state|kingdom"
                           r"|island|archipelago|emirate|sultanate)\s+of\s+$")


def _described_name_start(text: str, rel: int) -> int:
    """Where a country's name begins when a description of it stands before it with "of"
    ("The Caucasus country of Azerbaijan is also participating" -> at "The"): the "of" is
    the name's own, so what governs the country is read before the description."""
    lead = _DESCRIBED_AS.search(text, max(0, rel - 80), rel)
    return lead.start() if lead is not None else rel


def _official_name_start(text: str, rel: int) -> int:
    """Where a country's name begins when its official name's words stand before the short
    name the place reader found ("the Republic of Armenia" -> at "the"), so what governs it
    is read before them ("troops of the Republic of Armenia": "troops of")."""
    lead = _OFFICIAL_PREFIX.search(text, 0, rel)
    return lead.start() if lead is not None else rel


def _country_in_list(mention: Mention, in_clause: Sequence[Mention], text: str,
                     offset: int) -> str:
    """The country a name stands for in a list of countries, though it was read as an area
    elsewhere ("Ukraine, Georgia, Armenia": the country Georgia, not the US state): the
    gazetteer's country of that name (for one of the United Kingdom's nations, the United
    Kingdom), when the mention right before or after it in the list is a country. ""
    otherwise."""
    place = mention.place
    if place is None:
        return ""
    country = next((c for c in place.candidates if isinstance(c, Candidate)
                    and c.kind == "country" and c.name.lower() == mention.surface.lower()), None)
    if country is not None and country.country_code:
        code = country.country_code
    elif place.country_code == "GB" and mention.surface.lower() in _UK_NATIONS:
        code = "GB"  # "France, England, Italy": the United Kingdom's forces
    else:
        return ""
    i = next((k for k, m in enumerate(in_clause) if m is mention), -1)
    for j in (i - 1, i + 1):
        if not 0 <= j < len(in_clause) or i < 0:
            continue
        other = in_clause[j]
        first, second = (other, mention) if j < i else (mention, other)
        gap = text[first.end - offset:second.start - offset]
        if other.place is not None and other.place.kind == "country" and re.fullmatch(
                r"\s*(?:,\s*(?:and|or)\s+|,|\band\b|\bor\b|&)\s*(?:the\s+)?", gap):
            return code
    return ""


#: The United Kingdom's four nations, which the gazetteer holds as its first-level areas: in a
#: list of countries, one stands for the United Kingdom.
_UK_NATIONS = frozenset({"england", "scotland", "wales", "northern ireland"})


#: Right before "of": the states after it lead the forces ("battalions under the leadership
#: of the United States, Germany and Canada will take part"), as "led by" says.
_UNDER_THE_LEAD = re.compile(r"\bunder\s+(?:the\s+)?(?:leadership|lead|command|direction)\s+$",
                             re.IGNORECASE)


def _prep_position(text: str, rel: int, prep: str) -> int:
    """Where the preposition ``prep`` governing the name at ``rel`` starts (for the noun
    before it)."""
    starts = [m.start() for m in re.finditer(r"\b" + re.escape(prep) + r"\b", text[:rel],
                                             re.IGNORECASE)]
    return starts[-1] if starts else rel


def _countries_counted(clause: _Clause, mentions: Sequence[Mention], parties: re.Match[str],
                       n: int) -> list[str]:
    """The countries "the three countries" counts: exactly ``n`` named before it in the same
    sentence ("the defense ministers of Azerbaijan, Turkey and Georgia ..., joint exercises
    of the special forces of the three countries"); any other number, none."""
    start = clause.start - _sentence_offset(clause)
    end = clause.start + parties.start()
    codes = list(dict.fromkeys(
        m.place.country_code for m in mentions
        if start <= m.start < end and m.place is not None and m.place.kind == "country"
        and m.place.country_code and not m.metonym))
    return codes if len(codes) == n else []


def _sentence_offset(clause: _Clause) -> int:
    """Offset of the clause inside its sentence."""
    idx = clause.sentence.find(clause.text)
    return max(idx, 0)


_MOVEMENT_BEFORE_TO = re.compile(r"\b(?:deploy\w*|sent|send\w*|mov\w+|arriv\w+|transferr?\w*"
                                 r"|redeploy\w*|relocat\w+|flew|fly\w*|brought|dispatch\w*)"
                                 r"\s+(?:\w+\s+){0,3}$", re.IGNORECASE)


_REPORTING_BETWEEN = re.compile(r"\b(?:" + "|".join(_REPORTING_VERBS) + r")\b|[”\"]")


_SITE_MAX_WORDS = 12


def _clause_sites(clause: _Clause, mentions: Sequence[Mention], claim_spans: Sequence[
        tuple[int, int]]) -> list[EventPlaceCandidate]:
    """Places where the exercise happens: governed by a locative preposition, near the trigger.

    "from X" never makes a site and "to X" only after a movement verb ("deployed to
    neighbouring Belarus"); a place more than a dozen words from the exercise word, or after a
    reporting verb ("..., Lukashenko told Putin in Moscow"), is where something else happened.
    """
    out = []
    triggers = [(clause.start + m.start(), clause.start + m.end())
                for m in _TRIGGER_RE.finditer(clause.text)]
    # "near Japan's Yonaguni island": the preposition governs the owner's place, not the owner
    possessors, owned = set(), set()
    in_clause = [m for m in mentions if clause.start <= m.start < clause.end]
    for owner, place in zip(in_clause, in_clause[1:], strict=False):
        gap = clause.text[owner.end - clause.start:place.start - clause.start]
        if owner.locative and _OWNER_GAP.fullmatch(gap):
            possessors.add(owner.start)
            owned.add(place.start)
    for mention in mentions:
        if not (clause.start <= mention.start < clause.end):
            continue
        if mention.preposition == "from" or mention.start in possessors:
            continue
        head = clause.text[:mention.start - clause.start]
        if mention.preposition == "to" and not _MOVEMENT_BEFORE_TO.search(
                re.sub(r"\s*\bto\s+(?:\w+\s+){0,2}$", " ", head)):
            continue
        if triggers:
            nearest = min(triggers, key=lambda t: abs(t[0] - mention.start))
            lo, hi = sorted((nearest[1], mention.start))
            between = clause.text[lo - clause.start:hi - clause.start]
            if len(between.split()) > _SITE_MAX_WORDS:
                continue
            if mention.start > nearest[0] and _REPORTING_BETWEEN.search(between):
                continue
        if mention.metonym:
            continue
        if not mention.locative and mention.start not in owned and not re.search(
                r"\b(?:patrolled|patrolling|patrol|overflew|flew over)\s+(?:the\s+)?$",
                clause.text[:mention.start - clause.start]):
            continue
        if any(a <= mention.start < b for a, b in claim_spans):
            continue
        if mention.preposition in ("from", "to") and mention.place is not None \
                and mention.place.kind == "country" and re.search(
                    r"\b(?:invasion|attack|war|offensive|cross)\b",
                    clause.sentence[:max(0, mention.start - clause.start + _sentence_offset(
                        clause))], re.IGNORECASE):
            continue
        words = _preceding_words(clause.sentence, mention.start - clause.start + _sentence_offset(
            clause), 6)
        role = "site"
        if mention.place is not None and mention.place.kind in _AREA_KINDS:
            role = "area"
        prep_pos = words.index(mention.preposition) if mention.preposition in words else 0
        if any(w in _MEETING_NOUNS for w in words[prep_pos:prep_pos + 4]):
            role = "announced_at"
        out.append(EventPlaceCandidate(mention.surface, role, mention.start, mention.end,
                                       mention.place))
    dateline = _dateline(clause.sentence) if clause.start - _sentence_offset(clause) == 0 \
        else None
    if dateline is not None and any(c.start >= dateline[1] for c in out):
        # "TAIPEI (Taiwan News) — The Army held live-fire exercises on the Matsu Islands":
        # the report was filed from the dateline, the drill was where the sentence says
        out = [c for c in out if c.start >= dateline[1]]
    return out


def _status(clause: str, tense: str) -> str:
    if tense == "future":
        return "announced" if _STATUS_ANNOUNCED.search(clause) else "planned"
    if tense == "present":
        return "under way"
    if tense == "past":
        return "held"
    return "announced" if _STATUS_ANNOUNCED.search(clause) else "held"


def _status_class(status: str) -> str:
    return "future" if status in ("announced", "planned") else "now-or-past"


def _date_overlap(a: tuple[PartialDate, PartialDate], b: tuple[PartialDate, PartialDate]) -> bool:
    a0, a1 = a[0].earliest, (a[1] if a[1].value is not None else a[0]).latest
    b0, b1 = b[0].earliest, (b[1] if b[1].value is not None else b[0]).latest
    if a0 is None or a1 is None or b0 is None or b1 is None:
        return True
    return a0 <= b1 and b0 <= a1


def _narrow(old: tuple[PartialDate, PartialDate], new: tuple[PartialDate, PartialDate]
            ) -> tuple[PartialDate, PartialDate]:
    """Combine two date ranges of one event: keep the narrower when one holds the other; a
    range that tells only the end ("ends on Friday") ends one that tells the start ("began on
    Monday") when it is not before it."""
    for begun, ended in ((old, new), (new, old)):
        if begun[0].value is not None and ended[0].value is None and ended[1].value is not None \
                and begun[0].value <= ended[1].value \
                and (begun[1].value is None or begun[1].value <= begun[0].value):
            return begun[0], ended[1]
    if old[0].value is None:
        return new
    if new[0].value is None:
        return old

    def span(r: tuple[PartialDate, PartialDate]) -> int:
        lo = r[0].earliest
        hi = (r[1] if r[1].value is not None else r[0]).latest
        return (hi - lo).days if lo and hi else 10**6

    return new if span(new) < span(old) else old


#: A sentence that opens by pointing back at drills just told ("This combined live-fire
#: exercise was ...", "These drills ..."): the sentence before described them.
_THIS_EXERCISE = re.compile(r"\W*(?:This|These|That|Those)\s+(?:[\w-]+\s+){0,3}?(?i:"
                            + _EXERCISE_NOUN + r")\b")


#: A sentence saying where or when what the sentence before told of happened ("... New
#: Zealand and US forces have exercised together ... That occurred last year in Ex Alam
#: Halfa."): the exercise it names is that one, with its sides.
_THAT_OCCURRED = re.compile(r"\W*(?:That|This|It)\s+(?:first\s+)?(?:occurred|happened|took\s+place"
                            r"|came)\b")


#: A sentence opening with a fronted participle phrase ("Before joining Security Belt-2025,
#: the PLA Navy warships ..."): its subject comes after the first comma.
_FRONTED_PARTICIPLE = re.compile(r"\W*(?:Before|After|Following|Besides|Since|Having|While)\s+"
                                 r"[a-z]+ing\b[^,]*,")
#: A clause opening with a possessive pronoun ("; its annual joint exercises with Mongolia").
_OPENS_WITH_POSSESSIVE = re.compile(r"\W*(?:its|their)\s", re.IGNORECASE)


def extract_events(
    text: str,
    mentions: Sequence[Mention],
    lexicon: Lexicon,
    geocoder: Any,
    *,
    published: PartialDate | None = None,
    claim_spans: Sequence[tuple[int, int]] = (),
) -> list[EventCandidate]:
    """Exercise candidates of one article.

    Parameters
    ----------
    text : str
        Cleaned article text.
    mentions : sequence of Mention
        Its place mentions (from :func:`extract_mentions`).
    lexicon : Lexicon
        The extraction lexicon.
    geocoder : object
        Used to read nationality adjectives ("Russian troops" -> RU).
    published : PartialDate, optional
        Publication date; relative dates ("on Monday", "next year") resolve against it.
    claim_spans : sequence of (int, int), optional
        Spans of distance claims: a place inside one ("north of the Ukrainian border") is a
        reference, not a site.

    Returns
    -------
    list of EventCandidate
        One per exercise; clauses about the same exercise are merged (same stated name, or
        compatible dates, participants, places and status).
    """
    look = _geocode_fn(geocoder)
    sentences = split_sentences(text)
    names = _find_names(text, lexicon, mentions, look)
    military_article = len(_MILITARY_CUE.findall(text)) >= 2
    nato_named = _NATO_NAMES.search(text) is not None
    drafts: list[_Draft] = []
    country_counts: dict[str, int] = {}
    for mention in mentions:
        if mention.place is not None and mention.place.kind == "country" \
                and mention.place.country_code:
            cc = mention.place.country_code
            country_counts[cc] = country_counts.get(cc, 0) + 1
    top_countries = sorted(country_counts, key=lambda c: (-country_counts[c], c))
    blocs = _bloc_members(text, sentences, mentions)

    headings = _heading_spans(text)
    last: _Draft | None = None
    previous_clause: tuple[int, list[str]] = (-1, [])
    untriggered: tuple[int, list[str]] = (-1, [])  # the last clause without an exercise word
    beside: list[tuple[_Draft, _Draft]] = []  # (a name coordinated with, the clause's draft)
    headline_sides: list[tuple[str, list[str]]] = []  # (name stated, sides) per headline
    for clause in _split_at_names(_clauses(sentences), names, text):
        if any(a <= clause.start < b for a, b in headings):
            # headlines and section titles summarise; the body says it properly, but the sides
            # may be stated only there ("Russia, Belarus hold Union Shield drills")
            headline_sides.append(_headline_sides(clause, names, mentions, lexicon, look))
            continue
        trigger = _has_trigger(clause.text)
        # the words as written: an alias stands under its primary name ("RIMPAC")
        stated = [(s, text[s:e]) for s, e, _n in names if clause.start <= s < clause.end]
        if trigger is None and stated and not _CIVIL_ACTORS.search(clause.text):
            # A stated name held, joined or taken part in is an exercise word of its own
            # ("Japan and the US began Keen Sword", "warships sailed for BALTOPS").
            at = stated[0][0] - clause.start
            after = clause.text[at + len(stated[0][1]):]
            if _NAME_AS_EVENT.search(clause.text[max(0, at - 60):at]) or _PARTICIPATION.search(
                    clause.text) or _EVENT_VERB_AFTER.match(after) or _NAMED_BY_ANAPHORA.search(
                    clause.text[:at]) or _EVENT_NOUN_AFTER.match(after) \
                    or _PART_OF_BEFORE.search(clause.text[max(0, at - 30):at]) \
                    or _EXERCISE_WORD_BEFORE.search(clause.text[max(0, at - 12):at]) \
                    or _WATCHED_BEFORE.search(clause.text[max(0, at - 30):at]) \
                    or _HELD_AND_CALLED.search(clause.text[max(0, at - 90):at]):
                trigger = re.search(re.escape(stated[0][1]), clause.text)
        figures = find_force_figures(clause.text)
        if trigger is None:
            _continue_event(last, clause, figures, mentions, lexicon, look,
                            alliance_is_nato=nato_named, published=published)
            previous_clause = (clause.sentence_index,
                               _participants(clause, mentions, lexicon, look,
                                             alliance_is_nato=nato_named))
            untriggered = previous_clause
            continue
        tense = _clause_tense(clause.text)
        if tense == "unknown":
            tense = _clause_tense(clause.sentence)  # "...: a phase from May 5-7; ..."
        name = next((n for s, e, n in names if clause.start <= s < clause.end), "")
        dates = _of_the_named_year([d for d in find_dates(clause.text, published, tense=tense)
                                    if d.role in ("event", "until")], name)
        if (_HABITUAL.search(clause.text) or _TREND.search(clause.text)) and not name and not [
                d for d in dates if d.role == "event" and d.first.precision != "year"] \
                and not _THIS_EDITION.search(clause.text):
            # "The drill is part of the annual exercise, and the troops come from Bulgaria,
            # Serbia and ...": the series is no new exercise, but who takes part still counts
            _continue_event(last, clause, figures, mentions, lexicon, look,
                            alliance_is_nato=nato_named, published=published)
            continue
        wonder = _WHETHER.search(clause.text[:trigger.start()])
        if wonder and not name and not [d for d in dates if d.start > wonder.start()]:
            continue  # "..., without saying whether it would conduct drills": none reported
        if _SPECULATION.search(clause.text[:trigger.start()]) and not name and not dates:
            continue  # "Russia could use exercises as a cover for an invasion"
        agreed = _AGREED_TO_HOLD.search(clause.text[:trigger.start()])
        if agreed and not name and not [
                d for d in dates if d.role == "event" and d.first.precision == "day"
                and not agreed.start() <= d.start < agreed.end()
                # "met in Manila on Monday and agreed to ...": the meeting's day
                and not (d.end <= agreed.start() and re.fullmatch(
                    r"[\s,]*(?:and\s+)?", clause.text[d.end:agreed.start()]))]:
            # "The two leaders agreed to hold joint military exercises next year"; "agreed on
            # Monday to expand joint training": the day is the agreement's
            continue
        if not name and _not_held(clause.text, trigger.start()):
            continue  # "troops are now allowed to hold drills at the range"
        participants = _participants(clause, mentions, lexicon, look,
                                     alliance_is_nato=nato_named)
        participants = list(dict.fromkeys([*participants,
                                           *_bloc_sides(clause, blocs, mentions)]))
        if (_THIS_EXERCISE.match(clause.sentence) or _THAT_OCCURRED.match(clause.sentence)) \
                and _sentence_offset(clause) == 0 and untriggered[0] == clause.sentence_index - 1:
            # "Jordanian artillery fired on the targets. This combined live-fire exercise was
            # ...": the sentence before told what "this exercise" was, and by whom
            participants = list(dict.fromkeys([*participants, *untriggered[1]]))
        parties = _TWO_PARTIES.search(clause.text)
        if not participants and parties:
            # "The two allies held ...", "both navies": the sides the article was just
            # talking about.
            n = 3 if re.search(r"three", parties.group(0), re.IGNORECASE) else 2
            recent = last.participants if last is not None and len(last.participants) >= n \
                else []
            participants = list(recent) or _countries_counted(clause, mentions, parties, n) or (
                top_countries[:2] if n == 2 else [])
        if not participants and previous_clause[0] == clause.sentence_index \
                and (not clause.second_name or _FRONTED_PARTICIPLE.match(clause.sentence)):
            # ("Before joining Security Belt-2025, the PLA Navy warships also participated in
            # AMAN-2025": the subject after the fronted phrase is the second name's too)
            # "Russia conducted war games with Belarus ... and sent its bombers": "its" is the
            # subject of the previous clause only.
            inherited = list(previous_clause[1])
            participants = inherited[:1] if re.search(r"\bits\b", clause.text) else inherited
        if participants and previous_clause[0] == clause.sentence_index \
                and _OPENS_WITH_POSSESSIVE.match(clause.text) and previous_clause[1]:
            # "Russia's turn will come in a few weeks; its annual joint exercises with Mongolia
            # ...": "its" is the previous clause's subject, a side beside those named here
            participants = list(dict.fromkeys([previous_clause[1][0], *participants]))
        previous_clause = (clause.sentence_index, participants)
        if not (military_article or _MILITARY_CUE.search(clause.sentence) or participants
                or name):
            continue  # "a fire drill at a school": no forces, no countries
        sites = _clause_sites(clause, mentions, claim_spans)
        # The place a named exercise is held in is no side by itself (the corpus convention):
        # its host counts when the text says it hosts, leads or sends forces (_named_hosts,
        # _LEADS, the sides read above).
        status = _status(clause.text, tense)
        start, end = _dates_of(dates)
        if _PAST_EDITIONS.search(clause.text) or _opens_with_earlier_year(clause.text,
                                                                        published):
            participants = []  # "took part in past Ssangyong exercises": not this edition
        candidate = _Draft(name=name, participants=participants, places=sites, start=start,
                           end=end, date_text=[d.text for d in dates],
                           date_stated=bool(dates), status=status,
                           in_passing=_in_passing(clause.text, trigger.start(), name)
                           or _called_off(clause.text) or _past_opener(clause.text, published)
                           or _only_an_earlier_year(dates, published),
                           another=_ANOTHER.search(clause.text[:trigger.start()]) is not None)
        for type_name, cue in _TYPE_CUES:
            if cue.search(clause.text) or (name and cue.search(name)):
                candidate.type_votes[type_name] = candidate.type_votes.get(type_name, 0) + 1
        if trigger.group(0).lower().startswith("patrol"):
            candidate.type_votes["patrol"] = 10
        candidate.evidence.append(f"trigger {trigger.group(0)!r} in {clause.text[:80]!r}")
        if name:
            candidate.evidence.append(f"name stated: {name!r}")
        for d in dates:
            candidate.evidence.append(f"date {d.text!r} -> {d.first}..{d.last}")
        anaphora = _ANAPHORA.search(clause.text)
        other = _NEW_EVENT_WORDS.search(clause.text)
        anaphoric = anaphora is not None and not _NEW_EVENT_WORDS.search(anaphora.group(0)) \
            and (other is None or anaphora.end() <= other.start())
        if anaphoric and other is not None and other.group(0).lower() == "other":
            candidate.places = []  # "Those drills as well as other exercises near Ukraine"
        target = _merge_target(drafts, candidate, last, anaphoric=anaphoric)
        if target is None and _same_sentence_part(last, candidate, clause, other):
            target = last  # "... three phases: ...; a live-fire phase from May 5-7; ..."
        if target is None:
            vague = not (name or dates or participants or sites or figures.any())
            if vague:
                continue  # "our joint drills": nothing to tell one exercise from another
            drafts.append(candidate)
            target = candidate
        else:
            if _dated_long_before(candidate, published) or _PAST_EDITIONS.search(clause.text):
                # "The first Unitas exercise was held in Venezuela in 1960", "Troops from
                # Australia took part in past Ssangyong exercises": an earlier edition's sides
                # are not this one's
                candidate.participants = []
            _merge(target, candidate)
            target.in_passing = target.in_passing and candidate.in_passing
            target.evidence.append(f"same exercise as an earlier clause: {clause.text[:60]!r}")
        _add_figures(target, figures, clause, mentions, look)
        _add_quote(target, clause)
        if not (target.in_passing and last is not None and not last.in_passing):
            # "Exercise Kakadu is held right after Exercise Pitch Black. ... Personnel from
            # Japan will participate": what follows continues the exercise reported, not the
            # one named in passing
            last = target
        for other_name in _coordinated_names(text, names, clause, name):
            # "the Freedom Shield and Ssangyong drills": one exercise per name
            twin = _Draft(name=other_name, participants=list(participants), places=list(sites),
                          start=start, end=end, date_text=[d.text for d in dates],
                          date_stated=bool(dates), status=status,
                          in_passing=candidate.in_passing, type_votes=dict(candidate.type_votes))
            twin.evidence.append(f"name stated beside {name!r}: {other_name!r}")
            same = next((d for d in drafts if d.name and _same_name(d.name, other_name)), None)
            if same is None:
                drafts.append(twin)
                same = twin
            else:
                _merge(same, twin)
            _add_quote(same, clause)
            beside.append((same, target))

    _name_from_headline(drafts, names, headings)
    _name_from_body(drafts, text, names, headings, published)
    for twin, first in beside:
        if not twin.participants:
            # "CSTO states began the "Interaction-2024" exercises, as well as the "Search-2024"
            # and "Echelon-2024" drills": what the article says of the first name's sides
            twin.participants = list(first.participants)
    drafts = _fold_into_named(drafts)
    _sides_from_headline(drafts, headline_sides)
    for draft in drafts:
        _host_by_anaphora(draft)
        _side_by_its_own_report(draft)
        _home_forces_by_their_sites(draft)
    out = []
    reports = any(not d.in_passing for d in drafts)
    for draft in drafts:
        if draft.in_passing and (not draft.name or not reports):
            continue  # "a year after the Zapad-2021 drills": not what the article reports
        if _long_past(draft, published):
            continue
        out.append(_finish(draft, published))
    return out


def _of_the_named_year(dates: Sequence[DateMention], name: str) -> list[DateMention]:
    """A clause's dates without those of another year than the one its exercise's name states:
    in "The Proof of Principle 2007 exercises took place at the base, which the military uses
    under an agreement signed in Dec. 2005", December 2005 dates the agreement, not the 2007
    edition. Only a date that states its year is dropped; a name without a four-digit year
    keeps every date."""
    stated = re.search(r"(?<!\d)((?:19|20)\d{2})[A-Za-z]?$", name.strip()) if name else None
    if stated is None:
        return list(dates)
    year = int(stated.group(1))
    kept = []
    for d in dates:
        first = d.first.value
        last = d.last.value or first
        if first is None or last is None or first.year <= year <= last.year \
                or not re.search(r"(?:19|20)\d{2}", d.text):
            kept.append(d)  # "Aug. 8-14": the year is the publication's guess, not stated
    return kept


def _not_held(clause: str, trigger_at: int) -> bool:
    """Whether an unnamed clause speaks of drills as a regime or a chance, not as held (see
    :data:`_DRILLS_AS_REGIME`, :data:`_OPPORTUNITY`)."""
    return _DRILLS_AS_REGIME.search(clause) is not None or _OPPORTUNITY.search(
        clause[:trigger_at]) is not None or _DRILLS_AS_PLACE_USE.search(
        clause[:trigger_at]) is not None


#: An exercise named only to date or compare something else ("a year after the Zapad-2021
#: drills", "like last year's exercises", "since the Vostok 2018 manoeuvres").
_PASSING = re.compile(
    r"\b(?:after|since|following|like|unlike|similar to|compared (?:with|to)|as (?:in|during)"
    r"|reminiscent of|modell?ed on|in the wake of)\s+(?:the\s+|last year['’]s\s+)?"
    # "since the 1988 Reforger drill": the year of the edition compared with
    r"(?:[A-Z][\w'’-]*\s+|(?:19|20)\d{2}\s+|(?:" + _NAME_MODIFIERS + r")\s+){0,4}$"
    r"|\b(?:last year['’]s|previous|preceding|past|former|prior|earlier)\s+(?:(?:"
    + _NAME_MODIFIERS
    + r")\s+){0,2}$"
    r"|\b(?:days?|weeks?|hours?|months?|shortly|soon|just|came|comes|come)\s+(?:after|before)"
    r"\s+(?:[\w'’-]+\s+){0,14}$"
    # "The frigate had taken part in NATO exercises in the Baltic before sailing on": the past
    # perfect tells what came before the news
    r"|\bhad\s+(?:(?:also|earlier|previously|recently|already|just)\s+)?(?:taken\s+part"
    r"|participated|been\s+(?:taking\s+part|participating))\s+in\s+(?:the\s+|an?\s+)?"
    r"(?:[A-Z][\w'’-]*\s+|(?:" + _NAME_MODIFIERS + r")\s+){0,4}$",
    re.IGNORECASE)


#: Between two quoted names of one clause, each with its own exercise word or sharing one
#: ("the "Interaction-2024" command-staff exercises, as well as the "Search-2024" and
#: "Echelon-2024" special drills"): one exercise per name.
_QUOTED_NAMES_GAP = re.compile(
    r"[”\"’»]\s*(?:(?:[a-z-]+\s+){0,3}?(?i:" + _EXERCISE_NOUN + r")\s*)?(?:,\s*and|,|and|&"
    r"|,?\s*as well as)\s+(?:the\s+)?[“\"‘«]")


def _coordinated_names(text: str, names: Sequence[tuple[int, int, str]], clause: _Clause,
                       first: str) -> list[str]:
    """Names joined to the clause's first name by "and" or a comma ("Key Resolve and Foal
    Eagle", "the Freedom Shield, Ssangyong and Hoguk drills"), other than it."""
    inside = [(s, e, n) for s, e, n in names if clause.start <= s < clause.end]
    out: list[str] = []
    for (_s0, e0, _n0), (s1, _e1, n1) in zip(inside, inside[1:], strict=False):
        if not re.fullmatch(r"\s*(?:,\s*and|,|and|&|as well as)\s+(?:the\s+)?", text[e0:s1]) \
                and not _QUOTED_NAMES_GAP.fullmatch(text, e0, s1):
            break
        if not _same_name(n1, first) and n1 not in out:
            out.append(n1)
    return out


def _in_passing(clause: str, trigger_at: int, name: str) -> bool:
    """Whether a clause names its exercise only in passing (see :data:`_PASSING`).

    Only the words before the exercise (or its name) count, up to the last comma: "Russia,
    which held the drills after ..." is not in passing.
    """
    at = trigger_at
    if name:
        found = clause.find(name)
        at = min(at, found) if found >= 0 else at
    head = re.split(r"[,;:]", clause[:at])[-1]
    head = re.sub(r"\b(?:the|a|an|this|these|those)\s+$", "", head, flags=re.IGNORECASE)
    return bool(_PASSING.search(head + " " if head and not head.endswith(" ") else head))


#: An exercise cancelled, suspended, postponed or due but not held, or a side disinvited from
#: it ("Cambodia has canceled upcoming military exercises", "had been due to take part in the
#: annual Angkor Sentinel exercise ... but ... halted", "disinvited China from ... a major
#: naval exercise", "reversed an earlier invitation to ... RIMPAC"): not reported as held.
_CALLED_OFF = re.compile(
    r"\b(?:cancel+(?:s|ed|ing|ation)?|call(?:s|ed|ing)?\s+off|suspend(?:s|ed|ing)?|suspension"
    r"|postpon(?:e|es|ed|ing|ement)|scrap(?:s|ped|ping)?|shelv(?:e|es|ed|ing)|halt(?:s|ed)?"
    r"|dis-?invit(?:e|es|ed|ing)|un-?invit(?:e|es|ed|ing)|(?:withdr[ae]w\w*|revers\w*|rescind\w*"
    r"|revok\w*)\s+(?:(?:an?|its|the|their)\s+)?(?:earlier\s+|previous\s+)?invitation"
    r"|(?:had|has|have)\s+been\s+due\s+to)\b", re.IGNORECASE)


#: ... unless the clause also says it went ahead ("postponed from May, the drills began").
_WENT_AHEAD = re.compile(
    r"\b(?:beg[ai]n|began|begins|kick(?:ed|s)?\s+off|start(?:ed|s)|got\s+under\s?way"
    r"|(?:is|are)\s+under\s?way|resum(?:ed|es)|went\s+ahead|goes\s+ahead)\b", re.IGNORECASE)


def _called_off(clause: str) -> bool:
    """Whether a clause says its exercise is called off or a side is disinvited from it, and
    not that it went ahead (see :data:`_CALLED_OFF`)."""
    return _CALLED_OFF.search(clause) is not None and _WENT_AHEAD.search(clause) is None


#: A clause opening with an earlier time than the article's ("Last month, Cambodia hosted
#: ...", "Last year, ..."): background to the news, an edition held before.
_PAST_OPENER = re.compile(r"^\s*(?:[\"“]\s*)?(?:Last|Earlier\s+last)\s+(?:month|year|week"
                          r"|summer|spring|autumn|fall|winter)\s*,", re.IGNORECASE)


def _past_opener(clause: str, published: PartialDate | None) -> bool:
    """Whether a clause opens with "Last month," or "Last year," in a dated article: it tells
    of an earlier exercise, which the article mentions in passing."""
    return published is not None and _PAST_OPENER.search(clause) is not None


def _only_an_earlier_year(dates: Sequence[DateMention], published: PartialDate | None) -> bool:
    """Whether a clause's only dates are whole years before the publication's ("Kenya took
    part in Justified Accord in 2023" in a 2024 article): an earlier edition, mentioned in
    passing unless the article reports it in other words too."""
    if not dates or published is None or published.earliest is None:
        return False
    return all(d.first.precision == "year" and d.first.value is not None
               and d.first.value.year < published.earliest.year for d in dates)


def _dated_long_before(draft: _Draft, published: PartialDate | None) -> bool:
    """Whether a clause's own stated dates all end more than a year before publication."""
    if published is None or published.earliest is None or not draft.date_stated:
        return False
    end = (draft.end if draft.end.value is not None else draft.start).latest
    return end is not None and (published.earliest - end).days > 366


def _long_past(draft: _Draft, published: PartialDate | None) -> bool:
    """A one-sentence, unnamed exercise that ended more than a year before publication
    ("In 2019 the two navies also drilled together"), or that is dated only to an earlier
    year ("Last year, Chinese forces held drills ..."): history, not news."""
    if published is None or published.earliest is None or len(draft.quotes) > 1 or draft.name:
        return False
    end = (draft.end if draft.end.value is not None else draft.start).latest
    if end is not None and draft.start.precision == "year" and draft.start.value is not None \
            and draft.start.value.year < published.earliest.year:
        return True
    return end is not None and (published.earliest - end).days > 366


def _dates_of(dates: Sequence[DateMention]) -> tuple[PartialDate, PartialDate]:
    unknown = PartialDate(None, "unknown")
    events = [d for d in dates if d.role == "event" and d.first.value is not None]
    until = [d for d in dates if d.role == "until" and d.last.value is not None]
    if not events and not until:
        return unknown, unknown
    if events:
        # ``events`` keeps only mentions whose first date is known, so ``earliest`` is a
        # date. ``last`` can still be unknown (a range ending on a day that does not exist,
        # "30-31 April"); its ``latest`` is then None and comparing it raises TypeError.
        start = min((d.first for d in events), key=lambda p: cast(date, p.earliest))
        end = max((d.last for d in events), key=lambda p: cast(date, p.latest))
    else:
        start = unknown
        end = until[-1].last
    if until:
        end = until[-1].last
    return start, end


def _merge_target(drafts: Sequence[_Draft], cand: _Draft, last: _Draft | None, *,
                  anaphoric: bool) -> _Draft | None:
    """The article's event a clause is about, or None for a new event.

    Same stated name; or an anaphoric reference ("the drills", "them") to the exercise talked
    about last; or overlapping stated dates with compatible status, participants, sites and
    type.
    """
    if cand.name:
        for d in drafts:
            if d.name and _same_name(d.name, cand.name):
                return d
    if anaphoric and last is not None and cand.name and not last.name and (
            not (cand.date_stated and last.date_stated)
            or _date_overlap((last.start, last.end), (cand.start, cand.end))):
        return last  # "... began joint drills. The exercise, called X-2024, involves ..."
    if anaphoric and last is not None and not cand.name and (
            not (cand.date_stated and last.date_stated)
            or _date_overlap((last.start, last.end), (cand.start, cand.end))
            or _soon_after(last.start, cand.start) or _soon_after(cand.start, last.start)):
        # "... to close out Saber Strike 16 on June 21. The exercise, which began June 12,
        # ...": the exercise talked about last, dated within weeks of it either way
        return last
    for d in reversed(drafts):
        if d.name and cand.name:
            continue
        if _status_class(d.status) != _status_class(cand.status):
            continue
        dated_overlap = (cand.date_stated and d.date_stated
                         and _date_overlap((d.start, d.end), (cand.start, cand.end)))
        shared_sites = {p.surface for p in d.places if p.role != "announced_at"} & {
            p.surface for p in cand.places if p.role != "announced_at"}
        same_parties = bool(d.participants) and _side_set(d.participants) == _side_set(
            cand.participants)
        # Undated on one side: same participants at the same site ("large Russian drills in
        # Belarus" ... "30,000 Russian troops ... in Belarus as part of joint exercises").
        if not dated_overlap and not (not (cand.date_stated and d.date_stated)
                                      and shared_sites and same_parties):
            continue
        if d.participants and cand.participants and _side_set(d.participants) != _side_set(
                cand.participants):
            continue
        d_sites = {p.surface for p in d.places if p.role != "announced_at"}
        c_sites = {p.surface for p in cand.places if p.role != "announced_at"}
        if d_sites and c_sites and not d_sites & c_sites:
            continue
        d_types = {t for t, v in d.type_votes.items() if v}
        c_types = {t for t, v in cand.type_votes.items() if v}
        if "patrol" in d_types ^ c_types:
            continue
        return d
    return None


def _soon_after(start: PartialDate, later: PartialDate, days: int = 45) -> bool:
    """Whether ``later`` starts within ``days`` after ``start`` ("the exercise will begin on
    May 2" ... "the exercise: ... a phase from May 5-7")."""
    a, b = start.earliest, later.earliest
    return a is not None and b is not None and 0 <= (b - a).days <= days


#: A date within the week of the report ("on Sunday", "yesterday"): the news of the
#: exercise being reported, not another story's date.
_THIS_WEEK = re.compile(r"(?i)(?:(?:on|last|this)\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day"
                        r"|yesterday|today|tonight)")


def _continue_event(last: _Draft | None, clause: _Clause, figures: ForceFigures,
                    mentions: Sequence[Mention], lexicon: Lexicon, look: GeocodeFn, *,
                    alliance_is_nato: bool = False, published: PartialDate | None = None
                    ) -> None:
    """A sentence without an exercise word may still add to the exercise just described.

    Figures or participation ("China will take part with 2 destroyers") within four sentences,
    or a type cue in the very next sentence ("will practice joint planning"), are attached.
    Sides named in a sentence that says they take part or practise ("units from Germany and
    Finland will rehearse ...") within two sentences join the exercise, unless the sentence
    declines or observes ("Russia declined to send observers"), tells history (all its dates
    more than a year before publication: "the bloc was joined by Georgia in 1993") or only
    joins countries ("the U.S. has joined Japan and India to strengthen its free navigation
    mission": a partnership, not the drills). Forces said to come from somewhere ("They also
    came from Ukraine and Moldova") take part too, and such a sentence keeps the list going.
    """
    if last is None:
        return
    if last.name and last.name in clause.text and _whole_word(last.name).search(clause.text):
        _add_quote(last, clause)  # "Kakadu also saw several ...": still about the exercise
    distance = clause.sentence_index - last.last_sentence
    # what a past aside tells ("Brazil, which had pulled out last year, returned") is neither
    # this edition's date nor a refusal of it
    present = _PAST_ASIDE.sub(lambda m: " " * len(m.group(0)), clause.text)
    # "... will train with the Lithuanian Army until 7 July": how long the drills last
    own_dates = [d for d in find_dates(present, None) if d.role not in ("anchor", "until")
                 and not _THIS_WEEK.fullmatch(d.text) and d.text.lower() != "this year"]
    if own_dates and not last.date_stated and not (
            (last.name or _FORCES_FROM_SUBJECT.match(clause.text)) and distance == 1
            and _PRACTISE.search(clause.text)
            and re.search(r"\b(?:troops|forces|soldiers|personnel|servicemen)\b", clause.text,
                          re.IGNORECASE)):
        # "In October, Belarus announced ... several thousand servicemen": another story; but
        # "ANAKONDA-14 is ... From 24th of September ... 12.5 thousand troops will practice",
        # "Soldiers from France, Germany ... conducted a crossing ... on March 4-5": the
        # exercise's own dates and forces, in the very next sentence
        return
    dated = [d for d in find_dates(present, published) if d.role in ("event", "until")
             and d.first.value is not None]
    # "In July they will also be joined by Luxembourg" after drills of June 12-23: later
    start, end = _stated_days(last, published)
    # "However, phase two will be held ... from September 1 to 14": another phase of it
    elsewhen = bool(dated) and last.date_stated and not _PHASE.search(clause.text) and not any(
        _date_overlap((start, end), (d.first, d.last))
        or (end.value in (None, start.value) and _soon_after(start, d.first, 30))
        for d in dated)
    composition = _COMPOSITION.search(clause.text)
    if composition is not None and _names_another_whole(clause.text[:composition.start()], last):
        composition = None  # "The Public Assistance Project includes Australia, ..."
    weak_cue = composition or _SENDS_FORCES.search(clause.text) or _HOSTS_OTHERS.search(
        clause.text) or _HOST_BEFORE.search(
        clause.text) or _HOST_AFTER.search(clause.text) or any(
        not _JOINS_NAMED.match(clause.text, m.start()) for m in _PRACTISE.finditer(clause.text))
    if distance == 1 and last.quotes and _STATES_COUNTED_AT_END.search(last.quotes[-1]) \
            and _only_states_listed(clause, mentions):
        # "... about 4 thousand personnel from 16 countries. Ukraine, the USA, Bulgaria, ..."
        weak_cue = True
    subject = _FORCES_FROM_SUBJECT.match(clause.text)
    origin = _FORCES_FROM.search(clause.text) or subject
    # the forces' own description is no incident ("law enforcement teams from ...")
    told = clause.text[subject.end():] if subject else clause.text
    nearby = 0 < distance <= 2 or (distance == 0 and last.continued_in == clause.sentence_index)
    if distance == 0 and re.search(r";\s*$", clause.sentence[:_sentence_offset(clause)]) and (
            _SENDS_FORCES.search(clause.text) or _PARTICIPATION.search(clause.text)):
        nearby = True  # "The Ukrainian Navy leads the drills; Turkey and Romania have sent ships"
    if not nearby and last.name and 0 < distance <= 6 and (
            _COUNTRY_SENDS.match(clause.text) or _STATES_TAKE_PART.match(clause.text)) \
            and re.match(r"\W*([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})", clause.text):
        # "Japan brought a ship ...", "Italy also sent two frigates": a state that sends forces,
        # further on in the story of one named exercise, is one of its sides
        nearby = _sentence_subject_is_state(clause.text, look)
    if not nearby and last.name and 0 < distance <= 6 and (
            _LISTS_SIDES.search(clause.text) or (_FORCES_FROM_SUBJECT.match(clause.text)
                                                 and _PARTICIPATION.search(clause.text))):
        # "Hosts this year include Burkina Faso, ...", "Forces from the United Kingdom, ...
        # also took part", further on in its story
        nearby = True
    declined = _DECLINED.search(present)
    if declined and _OBSERVER_NOUN.fullmatch(declined.group(0)) and _listed_as_observers(
            clause.text) and not _DECLINED.search(_OBSERVER_NOUN.sub(" ", clause.text)):
        declined = None  # "... with French forces, and Italy as observers": the list is left out
    # "... drawn from the Canadian Special Operations Command; Belgium's Special Forces
    # Group; and the US ...": a list of forces going on after a semicolon
    listing = distance == 0 and last.continued_in == clause.sentence_index and re.search(
        r";\s*$", clause.sentence[:_sentence_offset(clause)]) is not None
    if nearby and (_PARTICIPATION.search(clause.text) or weak_cue or origin or listing
                   or _LISTS_SIDES.search(clause.text)) \
            and not declined and not elsewhen and not (
                _INCIDENT.search(told) and not _PARTICIPATION.search(clause.text)) \
            and not _history(clause.text, published) \
            and not _opens_with_earlier_year(clause.text, published):
        sides = _participants(clause, mentions, lexicon, look,
                              alliance_is_nato=alliance_is_nato)
        if sides:
            last.participants = list(dict.fromkeys([*last.participants, *sides]))
            last.evidence.append(f"sides taking part: {', '.join(sides)} in "
                                 f"{clause.text[:60]!r}")
            # the next clause or sentence may go on with the list ("They also came from ...")
            last.last_sentence = last.continued_in = clause.sentence_index
        if _HOST_ANAPHORA.search(clause.text):
            last.evidence.append(_HOST_BY_ROLE)  # "The host is joined by ..."
    if (figures.any() or _PARTICIPATION.search(clause.text)) and 0 < distance <= 4:
        _add_figures(last, figures, clause, mentions, look)
        _add_quote(last, clause)
        last.evidence.append(f"figures/participation continue the exercise: "
                             f"{clause.text[:60]!r}")
        return
    if distance == 1:
        cues = [t for t, cue in _TYPE_CUES if cue.search(clause.text)]
        if cues:
            for t in cues:
                last.type_votes[t] = last.type_votes.get(t, 0) + 1
            _add_quote(last, clause)
            last.evidence.append(f"next sentence describes it ({', '.join(cues)}): "
                                 f"{clause.text[:60]!r}")


#: A sentence that ends by counting the states taking part ("... personnel from 16
#: countries."): a bare list of states may follow as a sentence of its own.
_STATES_COUNTED_AT_END = re.compile(
    r"\b(?:from|of)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|[a-z]+teen|[a-z]+ty(?:-[a-z]+)?)\s+(?:countries|nations|states)\s*[.:]?\s*$")


def _only_states_listed(clause: _Clause, mentions: Sequence[Mention]) -> bool:
    """Whether a clause is nothing but a list of two or more countries ("Ukraine, the USA,
    Bulgaria, ... and Sweden.")."""
    rest = clause.text
    count = 0
    for m in sorted((m for m in mentions if clause.start <= m.start < clause.end),
                    key=lambda m: m.start, reverse=True):
        if m.place is None or m.place.kind != "country":
            return False
        a, b = m.start - clause.start, m.end - clause.start
        rest = rest[:a] + " " + rest[b:]
        count += 1
    return count >= 2 and re.fullmatch(r"(?:\s|,|;|&|\band\b|\bthe\b)*[.]?\s*", rest) is not None


#: A phase of the exercise just described ("phase two will be held at Jodhpur", "the second
#: stage"): dated apart from the first, still the same exercise.
_PHASE_NUMBERED = r"\b(?:phase|stage|leg)\s+(?:one|two|three|four|[1-4]|I{1,3}|IV)\b"
_PHASE_ORDINAL = r"\b(?:first|second|third|fourth|final|last|next)\s+(?:phase|stage|leg)\b"
_PHASE = re.compile(_PHASE_NUMBERED + "|" + _PHASE_ORDINAL, re.IGNORECASE)


#: A sentence that lists who takes part by their role ("Hosts this year include ...",
#: "Participating nations are ...") or says where the forces are drawn from ("training teams
#: drawn from the Australian, Canadian ... commands").
_LISTS_SIDES = re.compile(
    r"\b(?:hosts?|participants|participating\s+(?:nations|countries|states|forces)|contributors"
    r"|contributing\s+(?:nations|countries|states))\s+(?:this\s+year\s+|also\s+)?(?:include"
    r"|includes|included|are|were|will\s+be)\b"
    r"|\b(?:teams?|troops|forces|units|personnel|instructors|staff|contingents?)\b[^.;]{0,40}?"
    r"\b(?:drawn|coming|hailing)\s+from\b", re.IGNORECASE)


#: A sentence opening with a state (or its nationality) that brings, sends, deploys or
#: contributes forces or a ship ("Japan brought a ship", "Italy also sent two frigates").
_COUNTRY_SENDS = re.compile(
    r"\W*(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}\s+(?:(?:also|has|have|had|will"
    r"|this\s+time|this\s+year)\s+)*(?:brought|brings|bring|sent|sends|deployed|deploys"
    r"|contributed|contributes|dispatched|dispatches)\s+(?:(?:a|an|one|two|three|four|five|six"
    r"|several|its|their|\d[\d,]*)\s+)*(?:[a-z-]+\s+){0,3}?(?:ships?|warships?|vessels?|frigates?"
    r"|destroyers?|corvettes?|submarines?|aircraft|jets|fighters|helicopters|troops|soldiers"
    r"|sailors|marines|personnel|units?|contingents?|teams?)\b")


#: A sentence opening with a list of states that take part ("Belgium, Denmark, ... and the
#: United States will participate with ships and aircraft").
_STATES_TAKE_PART = re.compile(
    r"\W*(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}"
    r"(?:\s*(?:,\s*and|,|and|&)\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})+"
    r"\s+(?:(?:will|would|also|are|were|have|has|all)\s+)*(?:participate|participating"
    r"|participated|take\s+part|taking\s+part|took\s+part|join|joined|joining)\b")


def _sentence_subject_is_state(clause: str, look: GeocodeFn) -> bool:
    """Whether the words a clause opens with name a state ("Japan", "The United States")."""
    head = re.match(r"\W*(?:the\s+|The\s+)?([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})", clause)
    if head is None:
        return False
    place = look(head.group(1), (), None)
    return place is not None and place.kind == "country" and bool(place.country_code)


#: A country sending forces, staff or a ship, however few ("India sent two staff officers",
#: "Nepal will send a field hospital", "Pakistan contributed a frigate"): right after an
#: exercise, a side of it. Not observers (counted apart) nor anything that is no force.
_SENDS_FORCES = re.compile(
    r"\b(?:(?:will|would|also|to)\s+)*(?:sent|sends|send|sending|brought|brings|bring"
    r"|dispatch(?:ed|es)?|contribut"
    r"(?:ed|es|e|ing)|provid(?:ed|es|e|ing))\s+(?:(?:a|an|one|two|three|four"
    r"|five|six|several|some|about|around|nearly|more\s+than|its|their|\d[\d,]*)\s+)*"
    r"(?:[a-z-]+\s+){0,2}?(?:officers?|staff|personnel|troops|soldiers|sailors|marines|airmen"
    r"|pilots|medics|ships?|warships?|vessels?|frigates?|destroyers?|corvettes?|submarines?"
    r"|aircraft|jets|fighters|helicopters|planes|teams?|contingents?|units?|platoons?"
    r"|compan(?:y|ies)|battalions?|hospitals?|detachments?)\b", re.IGNORECASE)


#: A clause that opens with a year ("In 2019, troops from Georgia took part").
_YEAR_LEAD = re.compile(r"\W*(?:(?:Back|Also|And|But|Earlier)\s+)?(?:In|During|By)\s+"
                        r"((?:19|20)\d\d)\b")


def _opens_with_earlier_year(clause: str, published: PartialDate | None) -> bool:
    """Whether the clause opens with a year before the publication's ("In 2019, Georgia and
    Norway also took part"): its sides took part in an earlier edition, not this one."""
    lead = _YEAR_LEAD.match(clause)
    return lead is not None and published is not None and published.earliest is not None \
        and int(lead.group(1)) < published.earliest.year


def _stated_days(draft: _Draft, published: PartialDate | None
                 ) -> tuple[PartialDate, PartialDate]:
    """The exercise's own dates for telling whether a later sentence speaks of another time:
    the days its dates name ("from June 12 to 23"), which outweigh looser mentions merged into
    it ("this year", "fully manned in May"); its merged dates when none names a day."""
    days = [d for text in draft.date_text for d in find_dates(text, published)
            if d.role in ("event", "until") and d.first.precision == "day"
            and d.first.value is not None and d.last.value is not None]
    if not days:
        return draft.start, draft.end
    first = min(days, key=lambda d: cast(date, d.first.value))
    last = max(days, key=lambda d: cast(date, d.last.value))
    return first.first, last.last


#: "Join" with named countries as its object ("the U.S. has joined Japan, Australia and India
#: to strengthen its free navigation mission"): joining them in something the sentence names,
#: not the exercise ("Australian soldiers joined them", "joined the American contingent" still
#: join it).
_JOINS_NAMED = re.compile(r"join(?:s|ed|ing)?\s+(?:the\s+)?(?:U\.S\.|U\.K\.|[A-Z][a-z]+)(?![\w.])"
                          r"(?!\s+(?:[\w-]+\s+)?" + _FORCE_NOUN_RE + r"\b)")


#: Forces said to come from somewhere ("The platoons came from ...", "They also came from
#: ...", "NATO participants came from ..."): the places after it are the forces' countries.
_FORCES_FROM = re.compile(r"\b(?:they|" + _FORCE_NOUN_RE + r"|participants|platoons?|detachments?"
                          r"|squadrons?)(?:\s+(?:this|that|next|last)\s+year)?(?:\s+(?:will|would"
                          r"|also|all))*\s+(?:came|come|comes|hail(?:s|ed)?"
                          r"|(?:were|are)\s+(?:drawn|assembled|gathered)|arrived)\s*(?:--|[—–])?"
                          r"\s*from\b", re.IGNORECASE)


#: A sentence whose subject is forces from named countries ("Special operations military and
#: law enforcement teams from Argentina, Belize, ... will compete"): right after an exercise,
#: its sides, whatever the verb.
_FORCES_FROM_SUBJECT = re.compile(r"(?:[A-Za-z-]+\s+){0,6}?(?:" + _FORCE_NOUN_RE
                                  + r"|teams|contingents|detachments)(?:\s+\([A-Z]{2,6}s?\))?"
                                  r"\s+from\s+(?:the\s+)?[A-Z]")


def _names_another_whole(subject: str, last: _Draft) -> bool:
    """Whether the words before "includes" name a whole of its own, not the exercise: a
    capitalised name of two or more words that is neither the exercise's name nor a force's
    ("The Public Assistance Project includes Australia, ...": the project's members). "The
    combined force includes ...", "It involves ...", "Cobra Gold includes ..." are the
    exercise's."""
    words = re.sub(r"^(?:The|the)\s+", "", subject.strip())
    if not re.fullmatch(r"[A-Z][\w'’-]*(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][\w'’-]*)+", words):
        return False
    return not (last.name and _same_name(words, last.name)) and not _FORCE_NAMES.search(words)


def _history(sentence: str, published: PartialDate | None) -> bool:
    """Whether a sentence tells history: it states dates and all end more than a year before
    publication ("The bloc was formed in 1992 ... and joined by Georgia in 1993")."""
    if published is None or published.earliest is None:
        return False
    dates = [d for d in find_dates(sentence, published) if d.role != "anchor"]
    ends = [(d.last if d.last.value is not None else d.first).latest for d in dates]
    return bool(ends) and all(e is not None and (published.earliest - e).days > 366
                              for e in ends)


#: A capitalised name before an exercise word ("the Malabar naval exercise").
_NAMED_EXERCISE = re.compile(
    r"\b(?!(?:The|A|An|This|That|These|Those|Its|Their|Our|His|Her)\b)[A-Z][\w'’-]*"
    r"(?:[ -][A-Z0-9][\w'’-]*){0,3}\s+(?:(?:" + _NAME_MODIFIERS + r")\s+){0,3}(?i:"
    + _EXERCISE_NOUN + r")\b")


#: Earlier editions of an exercise ("took part in past Ssangyong exercises", "previous
#: editions of the drills").
_PAST_EDITIONS = re.compile(
    r"\b(?:past|previous|earlier|prior|former|last year['’]s)\s+(?:[A-Z][\w'’-]*\s+){0,3}"
    r"(?:[a-z-]+\s+)?(?:exercises|drills|editions|iterations|rounds|war games|manoeuvres"
    r"|maneuvers)\b", re.IGNORECASE)


#: "another", "a second", "a separate" right before the exercise word: a different exercise.
_ANOTHER = re.compile(r"\b(?:another|a\s+(?:second|separate|further|different)|one\s+more)\s+"
                      r"(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


#: A list of sides that names only some of them ("militaries from 14 countries, including
#: Britain, Australia and Japan").
_PARTIAL_LIST = re.compile(r"\b(?:including|such as|among them|among others)\s*:?\s+(?:the\s+)?"
                           r"(?!NATO\b)(?-i:[A-Z])", re.IGNORECASE)


#: A count of states right before a list cue ("... from 18 nations including Belgium, ...").
_COUNTED_STATES = re.compile(r"\b(\d{1,3}|[a-z]+(?:-[a-z]+)?)\s+(?:[a-z-]+\s+)?(?:nations|countries"
                             r"|states|militaries|navies|partners|allies)\s*,?\s*$", re.IGNORECASE)


def _partial_list(quote: str, sides: Sequence[str]) -> bool:
    """Whether ``quote`` lists the exercise's states only in part ("including Britain,
    Australia and Japan"); not when as many states are known as the count stated before the
    list ("some 3,000 troops from 18 nations including [the 18]"): the list is whole."""
    cue = _PARTIAL_LIST.search(quote)
    if cue is None:
        return False
    counted = _COUNTED_STATES.search(quote, 0, cue.start())
    if counted is None:
        return True
    word = counted.group(1)
    stated = int(word) if word.isdigit() else parse_number(word.lower())
    states = [s for s in sides if len(s) == 2 and s.isalpha() and s.isupper()]
    return not isinstance(stated, int) or len(states) < stated


#: The drills just described called a part of the named exercise ("This combined live-fire
#: exercise was among the highlights of Eager Lion 17", "The drill is part of ..."): their
#: sides are the named exercise's, whoever the sentence with the name mentions.
_THIS_PART_OF = re.compile(
    r"\b(?:This|That|These|Those)\s+(?:[\w-]+\s+){0,3}?(?:exercises?|drills?|manoeuvres"
    r"|maneuvers|training)\s+(?:was|is|were|are|formed|forms)\s+(?:among\s+the\s+\w+\s+of"
    r"|(?:a|one|the\s+\w+)?\s*(?:part|phase|highlight|stage|component)s?\s+of)\s")


#: Sides said to be more of the same exercise's ("Other participating nations include ...",
#: "Also taking part are ...", "additional participants from ...") or of a phase of it ("Phase
#: one of the exercise will be in Sulur with Germany, France ...", "the second phase"): not a
#: rival's drills.
_ADDED_SIDES = re.compile(
    r"\b(?:other|additional|further)\s+(?:participating\s+)?(?:nations|countries|states"
    r"|participants|partners|contingents)\b|\balso\s+(?:taking\s+part|participating|joining)\b"
    # a phase of it ("Phase one of the exercise will be in Sulur", "the second stage")
    r"|" + _PHASE_NUMBERED + r"\s+of\s+the\b|" + _PHASE_ORDINAL,
    re.IGNORECASE)


def _alliance_of(alliance: Sequence[str], members: Sequence[str]) -> bool:
    """Whether one draft's only side is NATO (itself or its members as a whole) and the
    other's sides include NATO member states: the alliance's drills and its members' are one
    camp ("NATO will kick off an exercise ..." before "the Norway-led Nordic Response 2024")."""
    return bool(alliance) and set(alliance) <= {"NATO", NATO_MEMBERS} \
        and any(c in _NATO_MEMBER_STATES for c in members)


def _preparing(d: _Draft, target: _Draft) -> bool:
    """An undated clause in the present about a named exercise the article dates ahead ("a
    joint training exercise ... is being organised on Malaysian soil" of one to be held from
    April 30): its preparation, the same exercise."""
    return not d.date_stated and d.status == "under way" and target.status == "planned" \
        and target.date_stated


def _fold_compatible(d: _Draft, target: _Draft) -> bool:
    """Whether an unnamed draft may be the named ``target`` by its dates, status and sides
    (the tests of :func:`_fold_into_named`, for articles with several named exercises)."""
    dated_together = d.date_stated and target.date_stated and _date_overlap(
        (d.start, d.end), (target.start, target.end))
    if d.name or d.in_passing or d.another:
        return False
    # "NATO will kick off Monday an exercise ..." before "the Norway-led Nordic Response 2024
    # represents ...": the alliance's drills and its members', told in two tenses
    told_in_two_tenses = not target.date_stated and _alliance_of(d.participants,
                                                                 target.participants)
    if _status_class(d.status) != _status_class(target.status) and not dated_together \
            and not told_in_two_tenses:
        return False
    if d.date_stated and target.date_stated and not dated_together:
        return False
    return not (d.participants and target.participants
                and not _side_set(d.participants) & _side_set(target.participants)
                and not _alliance_of(d.participants, target.participants))


def _fold_into_several_named(drafts: list[_Draft], named: Sequence[_Draft]) -> list[_Draft]:
    """Unnamed exercise clauses folded into one of an article's several named exercises.

    News often tells the drills first and names them after ("Paratroopers from Pskov will
    represent Russia ... about 300 from the Serbian armed forces ..." and then "Slavic
    Brotherhood 2019 coincides with larger Nato drills"): unnamed drafts before the first
    named one are that one's, whatever their status when the name comes with no sides and no
    dates of its own (the story has told them already). An unnamed draft later on whose only
    side is NATO ("Russia sent a ship to monitor the NATO air defence drills") is the
    alliance's part in the named exercise just before it whose sides are NATO members. Each
    only when dates, status and sides do not tell them apart (:func:`_fold_compatible`).
    """
    first = drafts.index(named[0])
    # the first name came with no sides and no dates of its own (before any fold)
    empty = not named[0].participants and not named[0].date_stated
    kept: list[_Draft] = []
    for i, d in enumerate(drafts):
        target: _Draft | None = None
        if i < first:
            target = named[0]
        elif not d.name and d.participants and set(d.participants) <= {"NATO", NATO_MEMBERS}:
            before = [n for n in named if drafts.index(n) < i]
            target = before[-1] if before else None
            if target is not None and not _alliance_of(d.participants, target.participants):
                target = None
        if target is None or not (_fold_compatible(d, target) or (
                i < first and empty and not (d.name or d.in_passing or d.another))):
            kept.append(d)
            continue
        _merge(target, d)
        target.quotes.extend(q for q in d.quotes if q not in target.quotes)
        target.evidence.append("an unnamed clause about a named exercise of the article")
    return kept


def _fold_into_named(drafts: list[_Draft]) -> list[_Draft]:
    """Unnamed exercise clauses of an article that reports one named exercise, folded into it.

    News about one exercise describes it in sentences that do not repeat its name ("More than
    1,000 soldiers from 10 countries took part in the exercise" before "Khaan Quest 2012
    focuses on ..."). An unnamed draft stays apart when it is told apart: named in passing,
    dated apart, of another status without dates that overlap, or fielded by other sides only
    (a rival's drills) unless the named exercise's sides are listed only in part ("including
    Britain, Australia and Japan"), the draft's sides are said to be more of them ("Other
    participating nations include ...") or a phase of it ("Phase one of the exercise will be in
    Sulur with ...", whatever their status and dates) or the draft is NATO's and the
    named one's sides are NATO members (:func:`_alliance_of`). An article with several named
    exercises is read by :func:`_fold_into_several_named`.
    """
    named = [d for d in drafts if d.name and not d.in_passing]
    if len(named) > 1:
        return _fold_into_several_named(drafts, named)
    if len(named) != 1:
        return drafts
    target = named[0]
    kept = []
    for d in drafts:
        dated_together = d.date_stated and target.date_stated and _date_overlap(
            (d.start, d.end), (target.start, target.end))
        added = any(_ADDED_SIDES.search(q) for q in d.quotes)  # "Other participating nations"
        if d is target or d.name or d.in_passing or d.another \
                or (_status_class(d.status) != _status_class(target.status) and not added
                    and not dated_together and not _preparing(d, target)
                    and not _undated_with_shared_sides(d, target)) \
                or (d.date_stated and target.date_stated and not dated_together and not added) \
                or (d.participants and target.participants
                    and not _side_set(d.participants) & _side_set(target.participants)
                    and not _alliance_of(d.participants, target.participants)
                    and not added
                    and not any(_partial_list(q, target.participants) or _THIS_PART_OF.search(q)
                                for q in target.quotes)):
            kept.append(d)
            continue
        _merge(target, d)
        target.quotes.extend(q for q in d.quotes if q not in target.quotes)
        target.evidence.append("an unnamed clause about the article's one named exercise")
    return kept


def _undated_with_shared_sides(draft: _Draft, named: _Draft) -> bool:
    """Whether an unnamed draft and the named exercise state no dates and share a side: its
    tense alone does not tell them apart ("Exercise Talisman Sabre was launched by the
    principal partners, Australia and US" ... "Forces from Canada and Fiji will join Australia
    and the US")."""
    return not draft.date_stated and not named.date_stated and bool(
        _side_set(draft.participants) & _side_set(named.participants))


def _name_from_headline(drafts: Sequence[_Draft], names: Sequence[tuple[int, int, str]],
                        headings: Sequence[tuple[int, int]]) -> None:
    """Give the one exercise name a headline states to the first unnamed exercise the body
    reports, when the body never states it ("Russia, China start Joint Sea-2021 naval drills"
    over "Russian and Chinese warships began joint naval exercises ...")."""
    headline = [n for s, _e, n in names if any(a <= s < b for a, b in headings)]
    if not headline or any(not _same_name(headline[0], n) for n in headline):
        return
    if any(d.name and _same_name(d.name, headline[0]) for d in drafts):
        return
    first = next((d for d in drafts if not d.in_passing), None)
    if first is not None and not first.name:
        first.name = headline[0]
        first.evidence.append(f"name stated in the headline: {headline[0]!r}")


#: Words before a name that tell of another edition or another exercise than the one the
#: article reports ("after Zapad-2021", "unlike Trident Juncture 2018").
_OTHER_EDITION_BEFORE = re.compile(
    r"\b(?:after|since|unlike|than|like|last\s+year['’]s|previous|past|earlier|former|prior"
    r"|before|compared\s+(?:with|to))\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}$", re.IGNORECASE)


def _of_the_draft_years(name: str, draft: _Draft, published: PartialDate | None) -> bool:
    """Whether a name's year (if any) is one of the exercise's dates' years, or, when it states
    no date, the publication's year or the next."""
    year = _name_key(name)[1][:4]
    known_years = {str(v.year) for v in (draft.start.value, draft.end.value) if v is not None}
    if published is not None and published.value is not None and not draft.date_stated:
        known_years |= {str(published.value.year), str(published.value.year + 1)}
    return not (year.isdigit() and known_years and year not in known_years)


def _name_from_body(drafts: Sequence[_Draft], text: str, names: Sequence[tuple[int, int, str]],
                    headings: Sequence[tuple[int, int]], published: PartialDate | None) -> None:
    """Give the one exercise name an article states to the exercise it reports, when no clause
    held the name as an event ("Troops arrived in Estonia ahead of Spring Storm 2025." before
    "The exercise will start on 5 May with British and French units"): the name was found as
    an exercise's (next to an exercise word, or written as one with a year), and the article
    reports one unnamed exercise. A name without its edition takes the one edition the
    article names ("PANAMAX", then "PANAMAX 2018"). Not when the name is of another edition
    ("after Zapad-2021") or of a year other than the exercise's dates or the publication's."""
    body = [(s, n) for s, _e, n in names if not any(a <= s < b for a, b in headings)]
    for d in drafts:
        # "the annual SLINEX exercise" ... "SLINEX-20 aims to ...", "PANAMAX began in 2003
        # ... PANAMAX 2018 focuses on ...": the edition the article names is the exercise's
        # (one edition only, of the exercise's year, not one named as another's)
        if not d.name or _name_key(d.name)[1]:
            continue
        dated = {n for s, n in body if _name_key(n)[1] and _same_name(n, d.name)
                 and not _OTHER_EDITION_BEFORE.search(text[max(0, s - 40):s])}
        if len(dated) == 1 and _of_the_draft_years(next(iter(dated)), d, published):
            d.evidence.append(f"its edition named in the article: {next(iter(dated))!r}")
            d.name = next(iter(dated))
    if not body or any(not _same_name(body[0][1], n) for _s, n in body):
        return
    if any(d.name for d in drafts):
        return
    reported = [d for d in drafts if not d.in_passing and not d.another]
    if len(reported) != 1:
        return
    first, name = body[0]
    if _OTHER_EDITION_BEFORE.search(text[max(0, first - 40):first]):
        return
    draft = reported[0]
    if not _of_the_draft_years(name, draft, published):
        return
    draft.name = name
    draft.evidence.append(f"the article's one exercise name: {name!r}")


#: "the host" named by its role only ("The host is joined by Uganda and Tanzania", "the host
#: nation's troops"), not followed by the host's name (read by :data:`_HOST_BEFORE`) nor a
#: city's ("the host city").
_HOST_ANAPHORA = re.compile(r"\b[Tt]he\s+host(?:\s+(?:nation|country|state|navy|army|military"
                            r"|forces))?(?:['’]s)?\b(?!\s*,?\s*(?:the\s+)?[A-Z])(?!\s+(?:city|town))")

#: The evidence line of a sentence that names the host by its role only.
_HOST_BY_ROLE = "the host named by its role"


def _side_by_its_own_report(draft: _Draft) -> None:
    """Drills with no side named but reported by a force of their own ("The drills ... began
    on Thursday around Taiwan, the PLA Eastern Theater Command said"): that force's state. A
    ministry or a rival that reports them is no side (only a force by its own name counts)."""
    if draft.participants:
        return
    for quote in draft.quotes:
        for m in _FORCE_NAMES.finditer(quote):
            if m.lastgroup and _is_source(quote, m.start(), m.end()):
                draft.participants.append(m.lastgroup)
                draft.evidence.append(f"reported by its own force: {m.group(0)!r}")
                return


#: A state's own forces named without a nationality ("The Army on Friday held live-fire
#: exercises", "The armed forces yesterday held ... drills").
_HOME_FORCES = re.compile(r"(?:^|[.;:]\s+|\W\s*)(?:[Tt]he|[Ii]ts|[Tt]he\s+country['’]s)\s+"
                          r"(?:armed\s+forces|military|[Aa]rmy|[Nn]avy|[Aa]ir\s+[Ff]orce"
                          r"|[Mm]arine\s+[Cc]orps|[Cc]oast\s+[Gg]uard)\b(?!\s+of\b)")


def _home_forces_by_their_sites(draft: _Draft) -> None:
    """Drills of "the Army" or "the armed forces", named with no nationality, at sites that
    all lie in one country, are that country's ("The Army on Friday held live-fire exercises
    on the Matsu Islands": Taiwan's army, as the home press writes it); only for drills with
    no side read otherwise."""
    if draft.participants or not any(_HOME_FORCES.search(q) for q in draft.quotes):
        return
    countries = {p.place.country_code for p in draft.places
                 if p.place is not None and p.place.country_code}
    if len(countries) == 1:
        (code,) = countries
        draft.participants.append(code)
        draft.evidence.append(f"forces named without a nationality, at sites in one country: "
                              f"{code}")


def _host_by_anaphora(draft: _Draft) -> None:
    """The country the exercise is held in is a side when the text speaks of "the host"
    without naming it ("The Steppe Guard exercise began on Monday in Kenya. The host is
    joined by Uganda and Tanzania"): the host counts by the convention, and where the drills
    are held tells which state it is, when all the exercise's sites lie in one country."""
    if not any(_HOST_ANAPHORA.search(q) for q in draft.quotes) \
            and _HOST_BY_ROLE not in draft.evidence:
        return
    countries = {p.place.country_code for p in draft.places
                 if p.place is not None and p.place.country_code}
    if len(countries) == 1:
        (code,) = countries
        if code not in draft.participants:
            draft.participants.append(code)
            draft.evidence.append(f"the host, by the country of its sites: {code}")


def _headline_sides(clause: _Clause, names: Sequence[tuple[int, int, str]],
                    mentions: Sequence[Mention], lexicon: Lexicon, look: GeocodeFn
                    ) -> tuple[str, list[str]]:
    """The exercise name a headline states (or "") and the sides it names, when it speaks of
    drills at all (an exercise word or a stated name): "Russia, Belarus hold Union Shield
    drills" gives ``("Union Shield", ["RU", "BY"])``."""
    name = next((n for s, _e, n in names if clause.start <= s < clause.end), "")
    if not name and _has_trigger(clause.text) is None:
        return "", []
    return name, _participants(clause, mentions, lexicon, look)


def _sides_from_headline(drafts: Sequence[_Draft],
                         headline_sides: Sequence[tuple[str, list[str]]]) -> None:
    """Give the sides a headline names to the exercise the body reports without any: the one
    of the headline's name, else, for a headline that names none, the first exercise the body
    does not name in passing ("Russia, Belarus hold joint drills" over "The exercise began on
    Monday near Brest")."""
    for name, sides in headline_sides:
        if not sides:
            continue
        if name:
            target = next((d for d in drafts if d.name and _same_name(d.name, name)), None)
        else:
            target = next((d for d in drafts if not d.in_passing), None)
        if target is not None and not target.participants:
            target.participants = list(sides)
            target.evidence.append(f"sides stated in the headline: {', '.join(sides)}")


def _heading_spans(text: str) -> list[tuple[int, int]]:
    """Lines that are headlines or section titles: short and without a final full stop."""
    spans = []
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and len(stripped.split()) <= 14 and stripped[-1] not in ".!?\"”’)":
            spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    return spans


def _same_name(a: str, b: str) -> bool:
    """Names of one exercise: equal but for case and punctuation, a two-digit year ("Vostok
    22" and "Vostok 2022") or a year only one of them states ("Keen Sword", "Keen Sword 2018")."""
    (stem_a, year_a), (stem_b, year_b) = _name_key(a), _name_key(b)
    return stem_a == stem_b and (year_a == year_b or not year_a or not year_b)


def _merge(target: _Draft, cand: _Draft) -> None:
    if target.name and cand.name and _same_name(target.name, cand.name) and not _name_key(
            target.name)[1] and _name_key(cand.name)[1]:
        target.name = cand.name  # "Peace Mission", later "Peace Mission - 2016": the fuller one
    target.name = target.name or cand.name
    for t, v in cand.type_votes.items():
        target.type_votes[t] = target.type_votes.get(t, 0) + v
    target.participants = list(dict.fromkeys([*target.participants, *cand.participants]))
    seen = {(p.surface, p.role) for p in target.places}
    target.places.extend(p for p in cand.places if (p.surface, p.role) not in seen)
    if cand.date_stated:
        target.start, target.end = _narrow((target.start, target.end), (cand.start, cand.end))
        target.date_text.extend(cand.date_text)
        target.date_stated = True
    if not target.status or (target.status == Status.ANNOUNCED and cand.status == Status.PLANNED):
        target.status = target.status or cand.status
    target.evidence.extend(cand.evidence)


def _add_quote(draft: _Draft, clause: _Clause) -> None:
    if clause.sentence not in draft.quotes:
        draft.quotes.append(clause.sentence)
    draft.last_sentence = clause.sentence_index


def _add_figures(draft: _Draft, figures: ForceFigures, clause: _Clause,
                 mentions: Sequence[Mention], look: GeocodeFn) -> None:
    for name in ("troops", "aircraft_helicopters", "tanks"):
        value = getattr(figures, name)
        if value is not None and getattr(draft, name) is None:
            setattr(draft, name, value)
    if figures.ships is not None:
        not_sides = _not_sides(clause.text)
        side = _clause_subject_country(clause, mentions)
        by_nationality = _ships_by_nationality(clause.text, not_sides, look)
        if side and not _is_side_at(0, not_sides) and not by_nationality:
            # "Japan sent two destroyers to shadow the Chinese ships": not the exercise's ships
            draft.named_ships.extend(n for n in figures.named_ships
                                     if n not in draft.named_ships)
            return
        if side and figures.ships.value is not None and not by_nationality:
            by_nationality = [(side, figures.ships.value)]
        if by_nationality:
            for code, value in by_nationality:
                draft.ships_by_side[code] = draft.ships_by_side.get(code, 0) + value
                if code not in draft.participants:
                    draft.participants.append(code)
        elif draft.ships is None:
            draft.ships = figures.ships
    draft.named_ships.extend(n for n in figures.named_ships if n not in draft.named_ships)


def _ships_by_nationality(text: str, not_sides: Sequence[tuple[int, int]], look: GeocodeFn
                          ) -> list[tuple[str, int]]:
    """Ships counted by the nationality that fields them ("three Chinese destroyers and two
    Russian frigates" -> CN 3, RU 2); empty unless every count names one nationality."""
    out: list[tuple[str, int]] = []
    counts = ship_counts(text)
    for start, _end, value, words in counts:
        codes = {c for w in re.findall(r"[A-Z][a-z]+|U\.S\.|US|UK", words)
                 if (c := _demonym_code(w, look))}
        if value is None or len(codes) != 1 or not _is_side_at(start, not_sides):
            return []
        out.append((codes.pop(), value))
    return out


def _clause_subject_country(clause: _Clause, mentions: Sequence[Mention]) -> str:
    """The country a clause starts with ("China will take part with 2 destroyers")."""
    first = next((m for m in mentions if clause.start <= m.start < clause.end), None)
    if first is None or first.place is None or first.place.kind != "country":
        return ""
    if first.start - clause.start > 3:
        return ""
    return first.place.country_code


def _finish(draft: _Draft, published: PartialDate | None) -> EventCandidate:
    types = sorted(draft.type_votes.items(), key=lambda kv: -kv[1])
    event_type = types[0][0] if types else "land"
    if draft.troops is not None and (draft.troops.value or 0) >= 50_000 and event_type == "land":
        event_type = "strategic"
    start, end = draft.start, draft.end
    date_text = "; ".join(dict.fromkeys(draft.date_text))
    evidence = list(draft.evidence)
    if start.value is None and end.value is None and published is not None \
            and published.value is not None:
        month = published if published.precision in ("month", "year") else PartialDate(
            date(published.value.year, published.value.month, 1), "month")
        start = end = month
        date_text = date_text or "not stated; publication month"
        evidence.append(f"no date in the text: publication {month} used")
    elif start.value is None and end.value is not None:
        start = PartialDate(None, "unknown")
    sides = tuple(sorted(draft.ships_by_side.items()))
    ships = draft.ships
    if sides and ships is None:
        total = sum(n for _, n in sides)
        ships = ForceFigure(value=total, qualifier="",
                            text=f"{total} ({', '.join(f'{c}: {n}' for c, n in sides)})")
    draft.participants = _nato_members_resolved(draft.participants)
    name = draft.name or _descriptive_name(event_type, draft)
    event = Event(
        id="", name=name, name_basis="stated" if draft.name else "descriptive",
        category="exercise", type=event_type, start=start, end=end, date_text=date_text,
        status=draft.status or "held", participants=tuple(draft.participants),
        troops=draft.troops, aircraft_helicopters=draft.aircraft_helicopters, ships=ships,
        tanks=draft.tanks, named_ships="; ".join(draft.named_ships), ships_by_side=sides,
        notes="machine-extracted; review before use", machine_extracted=True,
    )
    return EventCandidate(event=event, quotes=tuple(draft.quotes), places=tuple(draft.places),
                          evidence=tuple(evidence))


def _descriptive_name(event_type: str, draft: _Draft) -> str:
    who = "-".join(draft.participants) if draft.participants else "unattributed"
    where = next((p.surface for p in draft.places if p.role in ("site", "area")), "")
    kind = {"patrol": "patrol", "command-staff": "command-staff exercise",
            "strategic": "strategic exercise", "naval": "naval exercise",
            "air": "air exercise"}.get(event_type, "exercise")
    return f"{who} {kind}" + (f" in {where}" if where else "")
