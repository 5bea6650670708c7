"""Find place mentions in raw article text (pure, no I/O)."""

from __future__ import annotations

import bisect
import calendar
import itertools
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from geo.extract import ner as ner_model
from geo.extract.lexicon import Lexicon
from geo.extract.local_places import CIVIL_BODY, with_local_places
from geo.geocoders.gazetteer import DEMONYMS, common_english_words, country_neighbours
from geo.model.mention import Mention
from geo.model.place import Candidate, Place
from geo.model.text import normalize_term, split_sentences

__all__ = ["extract_mentions", "find_exercise_names"]


# A word; an apostrophe inside a name joins it ("Su’ao", "Sana'a"), a possessive does not.
_TOKEN = re.compile(r"(?:St|Mt|Ft|Pt|Ste|Mr|Mrs|Ms|Dr)\.|[^\W_]+(?:['’](?!s\b)[^\W_]+)*"
                    r"(?:\.(?=[A-Z]\.))?(?:[A-Z]\.)*")


_CONNECTORS = frozenset({"of", "the", "de", "del", "la", "le", "al", "el", "du", "upon", "on",
                         "and"})


# Lower-case words inside one name: English "of", "the"; Romance articles and prepositions
# ("Castellon de la Plana"); Portuguese "do", "da", "dos", "das" ("Eldorado do Sul", "Barra do
# Ribeiro": without them a Brazilian town is read as a namesake of its first word).
_RUN_CONNECTORS = frozenset({"of", "the", "de", "del", "la", "le", "al", "el", "du", "upon",
                             "do", "da", "dos", "das", "es", "di", "van", "von", "der", "den"})


_LOCATIVE_PREPS = frozenset({
    "in", "at", "near", "outside", "inside", "around", "over", "across", "into", "to", "from",
    "off", "on", "within", "towards", "toward", "through", "throughout", "via", "above", "along",
    "onto", "beyond", "nearby", "opposite", "between",
})


# The second name of a route or a span between two names ("between Stabbursdalen and
# Lakselv", "the road from Olderfjord – Honningsvåg", "from Kyiv to Lviv"): a place, as the
# first one is.
_ROUTE_BEFORE = re.compile(
    r"\b(between|from)\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
    r"\s*(?:and|to|–|—|-)\s*$")


_DETERMINERS = frozenset({
    "the", "both", "neighbouring", "neighboring", "nearby", "northern", "southern", "eastern",
    "western", "central", "occupied", "annexed", "its", "their", "his", "her", "a", "an",
    "north", "south", "east", "west", "northwestern", "northeastern", "southwestern",
    "southeastern", "allied", "friendly", "russian", "belarusian", "ukrainian",
})


# Nouns naming what kind of place follows ("from the capital Minsk", "in the port city of
# Sevastopol"): a preposition before them governs the name.
_APPOSITIVE_NOUNS = frozenset({"capital", "city", "town", "village", "port", "of", "coastal",
                               "border", "regional", "island", "province", "county", "region",
                               "district", "garrison", "frontline", "front-line"})


# "west of Seoul", "the outskirts of Kyiv": a position relative to the name.
_RELATIVE_POSITION = frozenset({
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    "north-east", "north-west", "south-east", "south-west", "outskirts", "suburbs", "centre",
    "center", "heart", "coast", "shores", "vicinity", "area", "region", "province",
    "city", "town", "village", "port", "district", "county", "capital",
})


_MEETING_NOUNS = frozenset({"talks", "meeting", "summit", "visit", "conference", "negotiations",
                            "met", "meet", "session", "forum", "ceremony"})


_SPEECH_VERBS = frozenset({
    "says", "said", "say", "announced", "announces", "accused", "accuses", "estimated",
    "estimates", "backed", "backs", "denied", "denies", "rejected", "rejects", "demanded",
    "demands", "warned", "warns", "insists", "insisted", "claims", "claimed", "believes",
    "wants", "wanted", "agreed", "agrees", "signed", "responded", "condemned", "called",
    "calls", "urged", "urges", "threatened", "threatens", "considers", "sees", "views",
    "reported", "reports", "stated", "states", "confirmed", "confirms", "told", "tells",
    "declared", "declares", "added", "argued", "argues", "hopes", "fears", "expects",
    "stepped", "ordered", "decided", "protested", "summoned", "welcomed", "praised",
})


_ADVERB_FILLERS = frozenset({"also", "has", "have", "had", "is", "was", "has long", "already",
                             "now", "still", "then", "again", "reportedly", "repeatedly",
                             "officially", "earlier", "later", "itself", "too", "however"})


_REPORTING_VERBS = ("said", "says", "say", "told", "reported", "reports", "announced",
                    "announces", "stated", "added", "wrote", "quoted", "confirmed", "declared",
                    "published", "tweeted", "posted", "noted", "claimed", "explained")


_SENTENCE_START_OK_KINDS = frozenset({"country", "continent", "sea", "region", "capital",
                                      "training ground", "military area", "building", "island",
                                      "water", "organisation-area", "district", "county"})


#: English function words: never a place on their own, whatever GeoNames lists ("The" is an
#: alternate name of Teresina, "We" of Hue).
_FUNCTION_WORDS = frozenset("""
a an the and or but nor so yet if as at by for from in into of off on onto out over per than
that then this these those to up upon via with within without we you he she it they i me us
him her them my our your his its their who whom whose which what when where why how all any
both each few more most other some such no not only own same too very can will just should
now do does did done be is are was were been being have has had having also however
meanwhile although though while after before during since until unless because despite
according
""".split())  # noqa: SIM905


_AREA_KINDS = frozenset({"country", "continent", "region", "county", "organisation-area"})


_POPULATED_KINDS = frozenset({"city", "town", "village", "capital"})


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    text: str
    sentence: int
    first_in_sentence: bool
    strict: bool  # headline-case line or sentence start: only strong places count


# A French or Italian elided article before a capital belongs to the name it opens
# ("Cote d'Ivoire", "Val d'Aosta"), with a straight or a curly apostrophe.
_ELIDED_CAP = re.compile(r"[dl]['’][A-Z]")


def _is_cap(word: str) -> bool:
    return word[:1].isupper() or (word[1:2] in ("'", "’")
                                  and _ELIDED_CAP.match(word) is not None)


def _tokens(text: str, sentences: Sequence[tuple[int, int, str]]) -> list[_Token]:
    """Word tokens with sentence index, sentence-start flag and headline-case flag."""
    out: list[_Token] = []
    headline_lines = _headline_case_spans(text)
    s_index = 0
    first = True
    for m in _TOKEN.finditer(text):
        while s_index < len(sentences) and m.start() >= sentences[s_index][1]:
            s_index += 1
            first = True
        in_sentence = s_index < len(sentences) and m.start() >= sentences[s_index][0]
        word = m.group(0)
        strict = first or any(a <= m.start() < b for a, b in headline_lines)
        out.append(_Token(m.start(), m.end(), word, s_index if in_sentence else -1, first,
                          strict))
        if word[:1].isalpha() or word[:1].isdigit():
            first = False
    return out


def _headline_case_spans(text: str) -> list[tuple[int, int]]:
    """Lines written in Title Case (headlines): capitalised common words are not names there."""
    spans = []
    offset = 0
    for line in text.split("\n"):
        words = re.findall(r"[A-Za-z][\w'’-]*", line)
        if len(words) >= 3 and len(line) <= 160 and not line.rstrip().endswith((".", "?", '"')):
            caps = sum(1 for w in words if w[0].isupper())
            small = sum(1 for w in words if w.lower() in ("a", "an", "the", "and", "or", "of",
                                                          "to", "for", "in", "on", "at", "with"))
            if caps >= 3 and caps >= 0.8 * (len(words) - small):
                spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    return spans


def _byline_spans(text: str) -> list[tuple[int, int]]:
    """Lines that only list people's names ("Jonny Hallam, Tim Lister and Josh Pennington").

    Each comma- or "and"-separated chunk has two or three capitalised words and there are at
    least two chunks: an author byline, never a list of places.
    """
    spans = []
    offset = 0
    for line in text.split("\n"):
        stripped = re.sub(r"^By\s+", "", line.strip())
        chunks = [c.strip() for c in re.split(r",\s*(?:and\s+)?|\s+and\s+", stripped)]
        if len(chunks) >= 2 and all(
                re.fullmatch(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,2}", c) for c in chunks):
            spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    return spans


# A dateline: the place a report was filed from, in capitals at the very start ("ZAGAN, Poland
# --", "WILLIAMS LAKE, B.C. —", "MOSCOW, July 23. /TASS/.", "SEVASTOPOL, Russia, June 2 (UPI)").
_DATELINE = re.compile(
    r"\A\s*([^\W\d_][\w'’-]*(?: [^\W\d_][\w'’-]*){0,3})"
    r"(?=\s*(?:,|\(|—|–|--|-\s|/)|\.\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))")
# In title case a dateline needs its date or agency: "Taipei, June 4 (CNA)", "Kyiv (Reuters)",
# or its country and the dash that ends it: "Taipei, Taiwan - Taiwan on Wednesday...".
_TITLE_DATELINE_TAIL = re.compile(
    r"\s*(?:,\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d"
    r"|\((?:[A-Z]{2,}|Reuters|Xinhua|Yonhap|Interfax|Kyodo)\)"
    r"|,\s*[A-Z][\w'’.]*(?:\s+(?:and\s+)?[A-Z][\w'’.]*){0,3}\s+(?:-|–|—|--)\s)")


# Other openings of wire copy: "Tokyo: Japan lodged...", "JAKARTA: The annual...", "BISHKEK.
# KAZINFORM The joint...", "Washington, 15 August 1996 (RFE/RL) --".
_OPENING_DATELINE = re.compile(
    r"\A\s*([A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2})(?=:\s|\.\s+[A-Z]{3,}\b"
    r"|,\s+\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)")


def _dateline(text: str) -> tuple[int, int, str] | None:
    """The dateline's span and its name in title case, if the text opens with one: a name in
    capitals before a comma, dash or date ("ZAGAN, Poland --"), the same in title case with
    its date or agency, or a name before a colon, an agency in capitals or a day-month date
    (:data:`_OPENING_DATELINE`).

    >>> _dateline("WILLIAMS LAKE, B.C. — The number of evacuees grew.")
    (0, 13, 'Williams Lake')
    >>> _dateline("Taipei, June 4 (CNA) The annual drills began.")
    (0, 6, 'Taipei')
    >>> _dateline("NATO said on Friday that jets were scrambled.") is None
    True
    >>> _dateline("Taipei, Taiwan - Taiwan on Wednesday dispatched forces.")
    (0, 6, 'Taipei')
    >>> _dateline("Tokyo: Japan lodged a protest.")
    (0, 5, 'Tokyo')
    >>> _dateline("BISHKEK. KAZINFORM The joint drills began.")
    (0, 7, 'Bishkek')
    >>> _dateline("Officials said: the drills began.") is None
    True
    """
    for pattern in (_DATELINE, _OPENING_DATELINE):
        m = pattern.match(text)
        if m is None or sum(c.isalpha() for c in m.group(1)) < 3:
            continue
        name = m.group(1)
        # title case needs its date or agency after it (the second pattern holds it already)
        if name == name.upper() or name.istitle() and (
                pattern is _OPENING_DATELINE or _TITLE_DATELINE_TAIL.match(text, m.end(1))):
            return m.start(1), m.end(1), name.title()
    return None


_STREET_WORDS = (
    "Street|Road|Rd|Avenue|Ave|Boulevard|Blvd|Lane|Drive|Way|Highway|Parkway|Pkwy"
    "|Turnpike|Terrace|Crescent|Pier|Wharf|Quay|Plaza")
# Capitalised words ending in a street word ("Sandy Ridge Road", "Baxter Boulevard", "South
# Deeside Road"), or a list of them before a plural ("Somerset and Franklin streets").
_STREET = re.compile(
    rf"\b(?:[A-Z][\w'’.-]*\s+){{1,4}}(?:{_STREET_WORDS})\b\.?"
    r"|\b[A-Z][\w'’-]*(?:(?:,\s*|\s+and\s+)[A-Z][\w'’-]*)*\s+(?:streets|roads|avenues)\b")
# "42-year-old Adell Taylor Kirby": the capitalised words after an age are a person's name.
_AGED_PERSON = re.compile(
    r"\b\d{1,3}[- ]years?[- ]old\s+(?:[a-z]+\s+){0,2}((?:[A-Z][\w'’.-]*\s*){1,4})")
# An East Asian name, family name first with a hyphenated given name ("Yang Yin-shih", "Lee
# Jae-myung", "Tsai Ing-wen"); Korean place suffixes ("Nangok-dong", "Gangwon-do") are not.
_EAST_ASIAN_NAME = re.compile(
    r"\b([A-Z][a-z]{1,5})\s+[A-Z][a-z]+-(?!(?:dong|gu|si|gun|myeon|eup|ri|do|ro|gil)\b)"
    r"[a-z]+\b")


def _street_spans(text: str) -> list[tuple[int, int]]:
    """Street, road and pier names: part of an address, never the town of the same name.

    >>> t = "flooding on Franklin Street and Baxter Boulevard near Portland"
    >>> [t[s:e] for s, e in _street_spans(t)]
    ['Franklin Street', 'Baxter Boulevard']
    """
    return [(m.start(), m.end()) for m in _STREET.finditer(text)]


# A named storm ("Hurricane Helene", "Typhoon Hinnamnor", "Tropical Storm Debby"): never the
# town called Hurricane, nor a place called Helene.
_NAMED_STORM = re.compile(
    r"\b(?:Super\s+)?(?:Hurricane|Typhoon|Cyclone|Tropical\s+Storm|Tropical\s+Depression"
    r"|Storm)\s+[A-Z][a-z]+\b")


# A ship class ("Arleigh Burke-class destroyers", "a Los Angeles-class submarine", "the Kirov
# class") or a ship with its navy's prefix ("JS Izumo", "USS Ronald Reagan", "HMS Queen
# Elizabeth"): a ship's name, never the place it is named after.
_SHIP_CLASS = re.compile(r"\b(?:[A-Z][\w'’]*\s+){0,2}[A-Z][\w'’]*(?:-|\s+)class\b")
_SHIP_PREFIX = re.compile(
    r"\b(?:USS|USNS|USCGC|USCGS|HMS|HMAS|HMCS|HMNZS|JS|ROKS|INS|FS|ITS|ESPS|TCG|BNS|KRI|BRP|HTMS|RSS|KD"
    r"|PNS|ARA|BAP|NRP|HNLMS|HDMS|HNoMS|HSwMS|FGS|ORP|ENS|CNS|RFS)\s+"
    r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}")


def _ship_spans(text: str) -> list[tuple[int, int]]:
    """Ship classes and prefixed ship names (see :data:`_SHIP_CLASS`), and the same names
    again without their prefix ("CNS Aba ... Aba was sighted": the ship, not the Nigerian
    city)."""
    spans = [(m.start(), m.end()) for rx in (_SHIP_CLASS, _SHIP_PREFIX) for m in rx.finditer(text)]
    names = {re.sub(r"^\S+\s+", "", m.group(0)) for m in _SHIP_PREFIX.finditer(text)}
    for name in names:
        spans += [(m.start(), m.end()) for m in re.finditer(
            r"(?<![\w'’-])" + re.escape(name) + r"(?![\w'’-])", text, re.IGNORECASE)]
    return spans


def _storm_spans(text: str) -> list[tuple[int, int]]:
    """Named storms (see :data:`_NAMED_STORM`)."""
    return [(m.start(), m.end()) for m in _NAMED_STORM.finditer(text)]


def _aged_person_spans(text: str) -> list[tuple[int, int]]:
    """Names after an age ("the driver, 42-year-old Adell Taylor Kirby, of ...")."""
    return [(m.start(1), m.start(1) + len(m.group(1).rstrip())) for m in
            _AGED_PERSON.finditer(text)]


def _runs(text: str, tokens: Sequence[_Token]) -> list[list[int]]:
    """Maximal runs of capitalised tokens (indices), joined by spaces, hyphens and connectors."""
    runs: list[list[int]] = []
    current: list[int] = []
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        if not _is_cap(tok.text):
            if current:
                runs.append(current)
                current = []
            i += 1
            continue
        if current:
            prev = tokens[current[-1]]
            gap = text[prev.end:tok.start]
            # an ampersand joins two words of one name ("Sao Tome & Principe")
            joined = gap in (" ", "-", "\u2010", "\u2011", " & ") \
                and tokens[current[-1]].sentence == tok.sentence
            if not joined:
                runs.append(current)
                current = []
        current.append(i)
        # Allow lower-case connectors inside a name: "Gulf of Finland", "Order of Nakhimov".
        j = i + 1
        while (j + 1 < n and tokens[j].text in _RUN_CONNECTORS
               and text[tokens[j - 1].end:tokens[j].start] == " "):
            j += 1
        if j > i + 1 and j < n and _is_cap(tokens[j].text) \
                and text[tokens[j - 1].end:tokens[j].start] == " " \
                and tokens[j].sentence == tok.sentence:
            current.extend(range(i + 1, j))
            i = j
            continue
        i += 1
    if current:
        runs.append(current)
    return runs


def _joined_by_and(text: str, tokens: Sequence[_Token], runs: list[list[int]],
                   look: GeocodeFn) -> list[list[int]]:
    """Join two runs around a lone "and" when the gazetteer knows the whole as one name
    ("Bosnia and Herzegovina", "the Nevada Test and Training Range"); "Russia and Belarus"
    stays two runs, since no place is called that."""
    out: list[list[int]] = []
    for run in runs:
        if out:
            prev = out[-1]
            a, b = prev[-1], run[0]
            if (b == a + 2 and tokens[a + 1].text == "and"
                    and tokens[a].sentence == tokens[b].sentence
                    and text[tokens[a].end:tokens[b].start] == " and "):
                whole = text[tokens[prev[0]].start:tokens[run[-1]].end]
                place = look(whole, (), None)
                if place is not None and place.raw.get("match_stage") == "exact":
                    out[-1] = [*prev, a + 1, *run]
                    continue
        out.append(list(run))
    return out


# "Hawke's Bay", "Martha's Vineyard": the possessive "'s" between two capitalised words of one
# name (the tokens leave the "'s" out, so the name falls into two runs).
_POSSESSIVE_GAP = re.compile(r"['’]s ")
_POSSESSIVE_NAME_WORDS = 3  # words on each side of the "'s" a name may have


def _joined_by_possessive(text: str, tokens: Sequence[_Token], runs: list[list[int]],
                          look: GeocodeFn) -> list[list[int]]:
    """Join the words around a possessive "'s" (a token of its own) into one run when the
    gazetteer knows the whole as a name ("Hawke's Bay", a region of New Zealand); "Russia's
    Black Sea Fleet" stays apart, since no place is called that. Only the words of the known
    name move: the rest of each run stays a run of its own."""
    out: list[list[int]] = []
    for run in runs:
        prev = out[-1] if out else None
        if (prev is None or run[0] != prev[-1] + 2 or tokens[prev[-1] + 1].text != "s"
                or tokens[prev[-1]].sentence != tokens[run[0]].sentence
                or not _POSSESSIVE_GAP.fullmatch(text[tokens[prev[-1]].end:tokens[run[0]].start])):
            out.append(list(run))
            continue
        joined = None
        for a in range(min(_POSSESSIVE_NAME_WORDS, len(prev)), 0, -1):
            owner = look(text[tokens[prev[-a]].start:tokens[prev[-1]].end], (), None)
            if owner is not None and owner.kind == "country":
                continue  # "Russia's Far East": a country's area (see _with_military_readings)
            for b in range(min(_POSSESSIVE_NAME_WORDS, len(run)), 0, -1):
                whole = text[tokens[prev[-a]].start:tokens[run[b - 1]].end]
                place = look(whole, (), None)
                if place is not None and place.raw.get("match_stage") == "exact":
                    joined = (a, b)
                    break
            if joined:
                break
        if joined is None:
            out.append(list(run))
            continue
        a, b = joined
        out[-1:] = [part for part in (prev[:-a], [*prev[-a:], prev[-1] + 1, *run[:b]])
                    if part]
        if run[b:]:
            out.append(run[b:])
    return out


_TRIGGER_RE = re.compile(
    r"\b(?:drills?|exercises?|war[- ]?games?|manoeuvres?|maneuvers?|manoeuvring|maneuvering"
    r"|patrol(?:s|led|ling|ed|ing)?|readiness (?:checks?|tests?|inspections?)"
    r"|snap (?:checks?|inspections?)|combat training|training missions?|live[- ]fire"
    r"|firing practice|command[- ]post exercises?|war-?gaming"
    # the Philippines' joint sails with its allies ("a multilateral maritime cooperative
    # activity in the West Philippine Sea")
    r"|maritime cooperative activit(?:y|ies))\b",
    re.IGNORECASE,
)


_NOT_TRIGGER_AFTER = re.compile(
    r"^\s+(?:boats?|vessels?|ships?|cars?|craft|officers?|agents?|planes?\b(?! over))",
    re.IGNORECASE)


_EXERCISE_VERB_OBJECT = re.compile(
    r"^\s+(?:(?:its|their|his|her|our|the|a|great|more|extreme|maximum|some)\s+)?"
    r"(?:restraint|caution|right|rights|power|control|influence|sovereignty|authority|veto"
    r"|leverage|option|options|judgment|judgement|care|patience|discretion|jurisdiction)\b",
    re.IGNORECASE)


_NON_MILITARY_BEFORE = re.compile(r"\b(?:fire|earthquake|evacuation|physical|breathing|oil|gas"
                                  r"|stretching|fitness|school|classroom)\s+$", re.IGNORECASE)


#: A capitalised word of a name, accents allowed ("La Pérouse", "Łaski"): a capital, then
#: lower-case letters of the Latin alphabets.
NAME_WORD = r"[A-ZÀ-ÖØ-ÞĀ-Ž][a-zß-öø-ÿā-ž]+"


_NAME_WITH_YEAR = re.compile(
    r"(?<![\w-])((?:" + NAME_WORD + r"[ -]){0,2}" + NAME_WORD
    + r")[- ]((?:19|20)\d{2})(?![\w-])")


_QUOTED_NAME = re.compile(r"[\"“«]([A-Z][\w'’ -]{2,40}?)[\"”»]")


_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}


_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})


_MONTHS["sept"] = 9


_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}


@lru_cache(maxsize=4)
def _stem_with_year(stems: tuple[str, ...]) -> re.Pattern[str]:
    """The lexicon's exercise stems as one pattern, group 2 an optional year after the stem;
    built once per lexicon, as every article is searched with it."""
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(s) for s in stems)
                      + r")(?:[- ]((?:19|20)?\d{2}))?(?![\w-])")


def find_exercise_names(text: str, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    """Stated exercise names as ``(start, end, name)``.

    A name is a capitalised phrase with a year ("Zapad-2021", "Union Shield 2023", "Naval
    Interaction-2022") or a known stem from the lexicon, either way next to an exercise word
    within the same sentence; or a quoted capitalised phrase right before or after one.

    >>> from geo.extract.lexicon import Lexicon
    >>> find_exercise_names("the Zapad-2021 drills", Lexicon.from_entries([]))
    [(4, 14, 'Zapad-2021')]
    """
    found: list[tuple[int, int, str]] = []
    sentences = split_sentences(text)

    def sentence_of(pos: int) -> str:
        for s, e, sent in sentences:
            if s <= pos < e:
                return sent
        return ""

    for m in _NAME_WITH_YEAR.finditer(text):
        words = m.group(1).replace("-", " ").split()
        if any(w.lower() in _MONTHS or w.lower() in _WEEKDAYS for w in words):
            continue
        if all(lexicon.has("common_word", w) and not lexicon.has("exercise_name", w)
               for w in words) and len(words) == 1:
            continue
        if not _TRIGGER_RE.search(sentence_of(m.start())):
            continue
        found.append((m.start(), m.end(), m.group(0)))
    stems = tuple(lexicon.terms("exercise_name"))
    if stems:
        for m in _stem_with_year(stems).finditer(text):
            window = text[max(0, m.start() - 60):m.end() + 60]
            if not _TRIGGER_RE.search(window):
                continue
            if any(s <= m.start() < e for s, e, _ in found):
                continue
            found.append((m.start(), m.end(), m.group(0)))
    for m in _QUOTED_NAME.finditer(text):
        after = text[m.end():m.end() + 25]
        before = text[max(0, m.start() - 30):m.start()]
        named_after = re.match(r"\s*(?:military\s+|joint\s+|naval\s+)?(?:exercises?|drills?"
                               r"|war games)\b", after, re.IGNORECASE)
        # ... or after a dash ("The military exercise – “VINBAX-23” – between the two armies")
        named_before = re.search(r"(?:exercises?|drills?|war games|operation)\s+(?:[–—-]\s+)?"
                                 r"(?:code-?named|dubbed|called)?\s*$", before, re.IGNORECASE)
        if (named_after or named_before) and not any(s <= m.start() < e for s, e, _ in found):
            found.append((m.start(1), m.end(1), m.group(1)))
    for n in [*_numbered_exercise_names(text, sentence_of), *_designated_exercise_names(text),
              *_defined_exercise_names(text, lexicon)]:
        if not any(s < n[1] and n[0] < e for s, e, _ in found):
            found.append(n)
    found.sort()
    return found


#: Capitalised words with an edition number ("Orient Shield 23", "Yama Sakura 85").
_NUMBERED_NAME = re.compile(r"(?<![\w'’.-])((?:" + NAME_WORD + r"[ -]){1,4})(\d{1,3}(?:-\d{1,2})?"
                            r"|(?:19|20)\d{2}[A-Z]?)(?![\w-])")
_NUMBERED_NAME_LEADS = frozenset({"the", "a", "an", "this", "exercise", "exercises", "operation"})
#: What makes a numbered name an exercise: an exercise word before or after it (lower-case
#: words between), an appositive describing it as one, or a verb of starting or holding.
_NUMBERED_NAME_AFTER = re.compile(
    r"\s+(?:[a-z][\w-]*\s+){0,3}(?:exercises?|drills?|war games|manoeuvres|maneuvers)\b"
    r"|,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,5}?(?:exercises?|drills?|war games)\b"
    r"|,?\s+(?:(?:has|have|had|will|is|was|officially|also|formally|now)\s+)?(?:beg[ai]n|begins"
    r"|kick(?:ed|s)? off|start(?:ed|s)|open(?:ed|s)|end(?:ed|s)|conclud(?:ed|es)|wrap(?:ped|s) up"
    r"|got under ?way|under ?way|took place|takes place|taking place)\b")
_NUMBERED_NAME_BEFORE = re.compile(r"\b(?:[Ee]xercises?|[Dd]rills?)\s+$")


#: A name after the title "Exercise" ("Exercise Joint Falcon", "Exercise Iron Fist 2016").
_DESIGNATED_NAME = re.compile(r"\bExercise\s+((?:" + NAME_WORD + r"[ -]){0,3}" + NAME_WORD
                              + r"(?:[ -]\d{1,4}(?:[A-Z]|-(?:I{1,3}|IV|V))?)?)(?![\w-])")


#: A name defined as an exercise by its sentence: "Cobra Gold is among the largest
#: multinational military exercises", "Noble Partner is a multinational training exercise".
_DEFINED_NAME = re.compile(
    r"(?<![\w'’-])((?:[A-Z][a-z]+ ){1,3}[A-Z][a-z]+) (?:is|was|has been|remains) "
    r"(?:(?:one of|among) the|an?) (?:[\w,-]+ ){0,5}?(?:exercises?|drills?|war ?games)\b")


def _defined_exercise_names(text: str, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    """Capitalised names a sentence defines as an exercise ("X is among the largest ...
    exercises"), whose first word is no function or common word ("This drill is a ...")."""
    out = []
    for m in _DEFINED_NAME.finditer(text):
        first = m.group(1).split()[0]
        if first.lower() in _FUNCTION_WORDS or lexicon.has("common_word", first):
            continue
        out.append((m.start(1), m.end(1), m.group(1)))
    return out


def _designated_exercise_names(text: str) -> list[tuple[int, int, str]]:
    """Names after the capitalised title "Exercise", so that their words are not read as
    places ("Exercise Joint Falcon": no Falcón state)."""
    return [(m.start(1), m.end(1), m.group(1)) for m in _DESIGNATED_NAME.finditer(text)
            if m.group(1).split()[0].lower() not in _FUNCTION_WORDS
            and m.group(1).split()[0].lower() not in _SITE_AFTER_EXERCISE]


#: Nouns that make "Exercise" part of a site's name ("the Doğanbey Exercise Area").
_SITE_AFTER_EXERCISE = frozenset({"area", "areas", "zone", "zones", "range", "ranges", "ground",
                                  "grounds", "field", "fields", "site", "sites", "center",
                                  "centre", "camp"})


def _numbered_exercise_names(text: str, sentence_of: Callable[[int], str]
                             ) -> list[tuple[int, int, str]]:
    """Names with an edition number in a sentence about an exercise, so that their words are
    not read as places ("Orient Shield 23 began", "the Yama Sakura 85 exercise")."""
    out = []
    for m in _NUMBERED_NAME.finditer(text):
        pieces = list(re.finditer(r"[A-Za-z]+", m.group(1)))
        while pieces and pieces[0].group(0).lower() in _NUMBERED_NAME_LEADS:
            pieces.pop(0)
        words = [p.group(0).lower() for p in pieces]
        if len(words) < 2 or any(w in _MONTHS or w in _WEEKDAYS or w in _FUNCTION_WORDS
                                 for w in words):
            continue
        start = m.start(1) + pieces[0].start()
        if not (_NUMBERED_NAME_AFTER.match(text, m.end())
                or _NUMBERED_NAME_BEFORE.search(text[max(0, start - 12):start])):
            continue
        if not _TRIGGER_RE.search(text) and not re.search(
                r"\b(?:troops|soldiers|forces?|military|army|navy|marines|sailors|airmen)\b",
                sentence_of(m.start()), re.IGNORECASE):
            continue
        out.append((start, m.end(), text[start:m.end()]))
    return out


_SHIP_NAME = r"[A-Z][\w'’-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’-]*){0,3}"


_NAMED_SHIP = re.compile(
    r"\b(?:flagship|cruiser|destroyer|frigate|corvette|submarine|aircraft carrier|landing ship"
    r"|icebreaker|minesweeper|ship|warship|vessel|tanker|tug|[Dd]ock)(?:\s+[\"“]?("
    + _SHIP_NAME + r")"
    r"|(?:\s+of\s+the(?:\s+[A-Z][\w'’-]*)+)?[\"”’]?,\s*[\"“]?(the\s+" + _SHIP_NAME + r"))")


# Ships listed after a plural type ("the destroyers Qiqihar and Guiyang, the frigates
# Zaozhuang, Rizhao and Yuncheng"): each name is a ship, not its namesake city.
_NAMED_SHIPS = re.compile(
    r"\b(?:cruisers|destroyers|frigates|corvettes|submarines|landing ships|icebreakers"
    r"|minesweepers|warships|patrol ships|patrol vessels"
    # "HMC ships Ville De Québec and Glace Bay": a navy's prefix for its ships, in the plural
    r"|(?:HMC|HMA|HMNZ|HDM|HNLM|HNoM|HSwM|US)\s+[Ss]hips)\s+((?:" + _SHIP_NAME + r",\s+)*"
    + _SHIP_NAME + r",?\s+and\s+" + _SHIP_NAME + r")")
_SHIP_LIST_ITEM = re.compile(r"(?:,\s+|,?\s+and\s+)")


# A ship named before its type in apposition ("the Baotou, its most powerful guided missile
# destroyer", "the Nanchang, a Type 055 destroyer").
_SHIP_BEFORE_TYPE = re.compile(
    r"\bthe\s+(" + _SHIP_NAME + r"),\s+(?:its|their|a|an|the|China['’]s|Russia['’]s)\s+"
    r"(?:[\w-]+\s+){0,5}?(?:flagship|cruiser|destroyer|frigate|corvette|submarine"
    r"|aircraft carrier|landing ship|icebreaker|warship)\b")


_ORDER_OF = re.compile(r"\b(?:the\s+)?Order of (?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?")


def _named_ships(text: str, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    """Ship names: "the cruiser Moskva", "the flagship ..., the Order of Nakhimov", "the
    Baotou, its most powerful guided missile destroyer"."""
    found = []
    for m in _NAMED_SHIP.finditer(text):
        group = 1 if m.group(1) else 2
        name = m.group(group).strip()
        first = name.split()[0] if name.split() else ""
        if not name or first.lower() in _MONTHS or lexicon.has("common_word", name):
            continue
        found.append((m.start(group), m.end(group), name))
    for m in _NAMED_SHIPS.finditer(text):
        pos = m.start(1)
        for name in _SHIP_LIST_ITEM.split(m.group(1)):
            start = text.index(name, pos)
            pos = start + len(name)
            if name and name.split()[0].lower() not in _MONTHS:
                found.append((start, pos, name))
    for m in _SHIP_BEFORE_TYPE.finditer(text):
        if m.group(1).split()[0].lower() not in _MONTHS:
            found.append((m.start(1), m.end(1), m.group(1)))
    for m in _ORDER_OF.finditer(text):
        if not any(s <= m.start() < e for s, e, _ in found):
            found.append((m.start(), m.end(), m.group(0)))
    return found


@dataclass
class _Span:
    """A candidate span inside a run (token indices ``[i, j)``) and what it turned out to be."""

    i: int
    j: int
    start: int
    end: int
    surface: str
    query: str
    kind_hint: str | None = None
    category: str = "place"  # place | demonym | territory | person | masked | seat
    country: str = ""
    found_by: str = "rules"  # rules | ner | rules+ner (Mention.found_by)


GeocodeFn = Callable[[str, tuple[str, ...], "str | None"], "Place | None"]


# The rest of a hyphenated name after a capitalised word: "-on-Tees", "-upon-Avon",
# "-le-Street", "-Amakusa".
_HYPHENATED_TAIL = re.compile(
    r"(?:-(?:(?:on|upon|in|under|le|la|les|sur|en|am|an|de|by|the)-)?[A-Z][\w'’]*)+")


def _with_hyphenated_tail(text: str, sp: _Span, look: GeocodeFn, bias: tuple[str, ...],
                          masked: Callable[[int, int], bool]) -> _Span:
    """The span with the rest of its hyphenated name when the gazetteer knows the whole
    ("Stockton" of "Stockton-on-Tees" is the town on the Tees, not Stockton, California)."""
    tail = _HYPHENATED_TAIL.match(text, sp.end)
    if sp.category != "place" or tail is None or masked(sp.start, tail.end()):
        return sp
    whole = text[sp.start:tail.end()]
    if look(whole, bias, sp.kind_hint) is None:
        return sp
    return replace(sp, end=tail.end(), surface=whole, query=whole)


def _geocode_fn(geocoder: Any) -> GeocodeFn:
    memo: dict[tuple[str, tuple[str, ...], str | None], Place | None] = {}

    def look(query: str, bias: tuple[str, ...], kind_hint: str | None) -> Place | None:
        key = (query, bias, kind_hint)
        if key not in memo:
            result = geocoder.geocode(query, exactly_one=True, country_bias=bias,
                                      kind_hint=kind_hint)
            memo[key] = result if isinstance(result, Place) or result is None else (
                result[0] if result else None)
        return memo[key]

    return look


def _following_noun(text: str, pos: int, lexicon: Lexicon, category: str
                    ) -> tuple[str, int, str] | None:
    """A lower-case noun phrase of ``category`` right after ``pos``: (phrase, end, kind_hint)."""
    m = re.match(r"[ \u00a0]+((?:[a-z]+[ -]?){1,3})", text[pos:pos + 40])
    if not m:
        return None
    words = re.findall(r"[a-z]+", m.group(1))
    for n in range(min(3, len(words)), 0, -1):
        phrase = " ".join(words[:n])
        entry = lexicon.get(category, phrase)
        if entry is not None:
            # Locate the phrase end in the original text.
            sub = re.match(r"[ \u00a0]+" + r"[ -]".join(map(re.escape, words[:n])),
                           text[pos:pos + 40])
            if sub is None:
                return None
            return phrase, pos + sub.end(), entry.kind_hint
    return None


def _preceding_words(text: str, pos: int, limit: int = 6) -> list[str]:
    """Lower-cased words before ``pos`` in the same sentence, nearest first."""
    head = text[max(0, pos - 120):pos]
    head = re.split(r"[.;:!?()\n\"“”]", head)[-1]
    return [w.lower() for w in re.findall(r"[\w'’-]+|,", head)][::-1][:limit]


def _locative(text: str, start: int, previous: Sequence[Mention]) -> tuple[bool, str]:
    """Whether a locative preposition governs the name at ``start`` (and which one).

    Determiners and adjectives ("the", "neighbouring") may stand between; a name coordinated
    with an earlier locative name ("in Belarus and China") inherits it.
    """
    route = _ROUTE_BEFORE.search(text, max(0, start - 80), start)
    if route is not None:
        return True, route.group(1).lower()
    words = _preceding_words(text, start, 8)
    if len(words) >= 2 and words[0] == "of" and words[1] in _RELATIVE_POSITION:
        return True, f"{words[1]} of"  # "260 kilometers west of Seoul", "outskirts of Kyiv"
    for k, w in enumerate(words):
        if w in _LOCATIVE_PREPS:
            return True, w
        if w in _DETERMINERS or w in _APPOSITIVE_NOUNS or _appositive_comma(words, k):
            continue
        if w in ("and", ",", "or") and previous:
            last = previous[-1]
            between = text[last.end:start]
            if re.fullmatch(r"\s*(?:,|and|or|,\s*and)\s*(?:the\s+)?", between) and last.locative:
                return True, last.preposition
        break
    return False, ""


def _appositive_comma(words: Sequence[str], k: int) -> bool:
    """Whether ``words[k]`` is the comma of an appositive ("from the capital, Tallinn"): the
    preposition before the noun governs the name after the comma."""
    return words[k] == "," and k + 1 < len(words) and words[k + 1] in _APPOSITIVE_NOUNS


def _is_metonym(text: str, mention_end: int, place: Place, locative: bool, seat: bool) -> bool:
    """A capital, seat of government or country used as the government ("Moscow says")."""
    after = text[mention_end:mention_end + 60]
    if re.match(r"['’]s?\s", after):
        after = re.sub(r"^['’]s?\s+", " ", after)
        following = re.match(r"\s*(\w+)", after)
        if following and following.group(1).lower() in (
                "invasion", "war", "offensive", "attack", "attacks", "aggression", "demands",
                "position", "decision", "government", "leadership", "response", "support",
                "proposal", "policy", "troops", "forces", "military", "army"):
            return place.kind in ("capital", "building") or seat
    speaking = _speaks(after)
    if place.kind == "country" and not seat:
        return speaking and not locative
    if place.kind in ("capital", "building") or seat:
        # "Moscow said", and "the ministry in Moscow said" too: the seat of the speaker, never
        # a site of what the sentence reports.
        return speaking or not locative
    return False


def _speaks(after: str) -> bool:
    """Whether the words ``after`` a name make it the subject of a speech verb ("says",
    "has repeatedly warned", "is preparing")."""
    m = re.match(r"\s*((?:(?:has|have|had|also|long|staunchly|repeatedly|reportedly|"
                 r"officially|earlier|now|still|already|again|always|never|hitherto|"
                 r"previously|once|just|\w+ly)\s+){0,3})(\w+)", after)
    verb = m.group(2).lower() if m else ""
    return verb in _SPEECH_VERBS and verb not in ("is", "was") or (
        verb in ("is", "was") and re.match(r"\s*(?:is|was)\s+(?:\w+ing|facing|preparing)\b",
                                           after) is not None)


def _speaks_after(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` speaks ("Beijing condemned", "Tokyo calls")."""
    return _speaks(text[end:end + 60])


#: A word of a sentence in capitals (wire copy): letters, apostrophes, dots and hyphens.
_CAPS_WORD = re.compile(r"[A-Z][A-Z'’.-]*")


def _cased_capitals(text: str, geocoder: Any) -> str:
    """The text with its sentences in capitals (wire copy: "TROOPS FROM POLAND AND TURKEY
    BEGAN DRILLS") in ordinary case, of the same length so that every span stays put.

    A function word or one of the commonest English words is lower-cased unless it names a
    country or a nationality ("TURKEY", "CHINA"); every other word keeps a capital ("Poland").
    """
    pieces = []
    last = 0
    common: frozenset[str] | None = None
    look = _geocode_fn(geocoder)
    for start, end, sentence in split_sentences(text):
        letters = [c for c in sentence if c.isalpha()]
        if len(sentence.split()) < 4 or not letters or not all(c.isupper() for c in letters):
            continue
        if common is None:
            common = common_english_words()

        def case(m: re.Match[str], words: frozenset[str] = common) -> str:
            word = m.group(0)
            low = word.lower()
            titled = word[0] + word[1:].lower()
            if low in _FUNCTION_WORDS or low in words:
                place = look(titled, (), None)
                if low not in DEMONYMS and (place is None or place.kind != "country"):
                    return low if len(low) == len(word) else word
            return titled if len(titled) == len(word) else word

        pieces.append(text[last:start])
        pieces.append(_CAPS_WORD.sub(case, text[start:end]))
        last = end
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def extract_mentions(
    text: str,
    geocoder: Any,
    lexicon: Lexicon,
    *,
    corrections: Mapping[str, Place | None] | None = None,
    ner: bool | None = None,
) -> list[Mention]:
    """Find place mentions with character spans and resolve them; sentences in capitals
    (wire copy) are read in ordinary case (:func:`_cased_capitals`), their mentions keep the
    text's own surface and sentence.

    See :func:`_extract_mentions` for the rules.
    """
    cased = _cased_capitals(text, geocoder)
    found = _extract_mentions(cased, geocoder, lexicon, corrections=corrections, ner=ner)
    if cased is text:
        return found
    out = []
    for m in found:
        at = cased.rfind(m.sentence, 0, m.end + len(m.sentence)) if m.sentence else -1
        sentence = text[at:at + len(m.sentence)] if at >= 0 else m.sentence
        out.append(replace(m, surface=text[m.start:m.end], sentence=sentence))
    return out


def _extract_mentions(
    text: str,
    geocoder: Any,
    lexicon: Lexicon,
    *,
    corrections: Mapping[str, Place | None] | None = None,
    ner: bool | None = None,
) -> list[Mention]:
    """Find place mentions with character spans and resolve them.

    The gazetteer and lexicon rules run first. Then, unless ``ner`` is False, the statistical
    named-entity model (:mod:`geo.extract.ner`) proposes GPE/LOC/FAC spans, reading only the
    sentences where a span of it could change the mentions (:func:`_model_parts`). A span that
    overlaps something the rules classified (place, person, ship, organisation, exercise
    name...) but is not the same span is dropped: the rules decide there. A span that overlaps
    nothing goes through the same checks as a span of the rules (lexicon traps, people, masks,
    the gazetteer lookup and :func:`_plausible`). ``found_by`` of the result: ``"rules"`` when
    the rules alone accept the mention, ``"rules+ner"`` when they do and the model found the
    same span (in a sentence the model read), ``"ner"`` when only the model proposed it or only
    its reading (a place in context) made it pass the plausibility filter; without the model
    the mentions are exactly those of the rules.

    Parameters
    ----------
    text : str
        Cleaned article text (spans refer to it).
    geocoder : object
        Anything with ``geocode(query, *, exactly_one=True, country_bias=(), kind_hint=None)``
        returning a :class:`~geo.model.place.Place` or None (the offline gazetteer).
    lexicon : Lexicon
        Titles, outlets, organisations, units, stop words (see :data:`LEXICON_CATEGORIES`).
    corrections : mapping, optional
        Analyst corrections by :func:`normalize_term` of the surface: a :class:`Place` to use
        instead of the gazetteer's answer, or None for "not a place".
    ner : bool, optional
        Fuse the named-entity model's spans: None (default) when the model is installed, True
        likewise, False never. Without spaCy or the model the rules work alone (one warning in
        the log, see :func:`geo.extract.ner.ner_available`).

    Returns
    -------
    list of Mention
        Sorted by position; nationality adjectives that only name a participant are left out
        (see :func:`_nationalities`).
    """
    corrections = corrections or {}
    look = _geocode_fn(geocoder)
    sentences = split_sentences(text)
    tokens = _tokens(text, sentences)
    masks = [(s, e) for s, e, _ in find_exercise_names(text, lexicon)]
    masks += [(s, e) for s, e, _ in _named_ships(text, lexicon)]
    masks += _byline_spans(text)
    masks += _street_spans(text)
    masks += _aged_person_spans(text)
    masks += _storm_spans(text)
    masks += _ship_spans(text)
    masks += _military_mask_spans(text, look)
    masks += [m.span() for m in _organisation_sites(tuple(lexicon.terms("organisation")))
              .finditer(text)]
    persons = _person_names(text, tokens, lexicon) | _ranked_person_names(text)

    def masked(s: int, e: int) -> bool:
        return any(a < e and s < b for a, b in masks)

    dateline = _dateline(text)
    spans: list[_Span] = []
    corrected = frozenset(corrections)
    runs = _joined_by_possessive(
        text, tokens, _joined_by_and(text, tokens, _runs(text, tokens), look), look)
    for run in runs:
        spans.extend(_classify_run(text, tokens, run, lexicon, persons, masked, look, corrected))
    rule_spans = list(spans)
    bias = _country_bias(rule_spans, look, text) or _implied_country_bias(rule_spans, look)
    parts = [] if ner is False else _model_parts(
        text, sentences, tokens, rule_spans, lexicon, persons, masked, look, corrected, bias)
    if parts and ner_model.ner_available():  # the model is loaded when first needed
        spans.extend(_ner_spans(text, tokens, rule_spans, lexicon, persons, masked, look,
                                corrected, parts))
        spans.sort(key=lambda sp: sp.start)

    mentions: list[Mention] = []
    model_spans, models = model_names(text)
    for sp in spans:
        if sp.category in ("person", "masked", "demonym"):
            continue
        sp = _with_hyphenated_tail(text, sp, look, bias, masked)
        key = normalize_term(sp.surface)
        origin, note = "machine", ""
        # Who proposed the span; "ner" below when only the model's reading of it (a place in
        # context) lets it through the plausibility filter.
        found_by = sp.found_by
        if key in corrections:
            place = corrections[key]
            origin = "correction"
            if place is None:
                continue
        else:
            place = look(sp.query, bias, sp.kind_hint)
            if sp.category == "seat" and place is not None and place.kind != "building":
                note = (f"gazetteer answer {place.name!r} ({place.kind}) rejected: "
                        f"{sp.surface!r} is a building that stands for a government")
                place = None
            if (sp.category == "place" and place is not None and place.kind == "country"
                    and _ABBREVIATED_ADJECTIVE.match(sp.surface)
                    and _adjectival_abbreviation(text, sp.end)):
                continue  # "U.S. forces", "US Navy": a nationality, not a place
            if (sp.category == "place" and place is not None
                    and place.kind in (*_TOWN_KINDS, "region")
                    and (_EQUIPMENT_AFTER.match(text, sp.end)
                         or _EQUIPMENT_BRACKETED.search(text, 0, sp.start))):
                continue  # "Black Hawk helicopters", "Iskander missiles": a model, not a town
            if sp.category == "place" and (
                    _model_key(sp.surface) in models
                    or any(a <= sp.start and sp.end <= b for a, b in model_spans)):
                continue  # "P-3 Orion", later "the Orion": a model, not a town
            if _misread_in_military_news(text, sp, place, bias):
                continue
            if sp.category == "place" and not (
                    found_by != "ner" and _plausible(sp, place, tokens, text, bias, lexicon)
            ) and not (found_by != "ner" and _in_the_area_named_after(text, sp.end, place,
                                                                        look, bias)):
                if found_by == "rules" or not _plausible(sp, place, tokens, text, bias, lexicon,
                                                         ner=True):
                    continue
                found_by = "ner"
        locative, prep = _locative(text, sp.start, mentions)
        if dateline is not None and sp.start == dateline[0]:
            locative = True  # where the report was filed from
            place = _dateline_place(place, look)
        metonym = False
        if place is not None:
            metonym = _is_metonym(text, sp.end, place, locative, sp.category == "seat")
        elif sp.category == "seat":
            metonym = not locative
        mentions.append(Mention(
            article_id="", sentence="",
            surface=sp.surface, start=sp.start, end=sp.end, query=sp.query, place=place,
            metonym=metonym, locative=locative, preposition=prep, origin=origin,
            note=note or (place.note if place is not None else "not found in the gazetteer"),
            found_by=found_by,
        ))
    if dateline is not None and not masked(dateline[0], dateline[1]) and not any(
            m.start < dateline[1] and dateline[0] < m.end for m in mentions):
        mentions.extend(_dateline_mention(text, dateline, look, bias))
    mentions.extend(_abbreviation_mentions(text, geocoder, bias, mentions, masked))
    mentions.sort(key=lambda m: m.start)
    mentions = _with_military_readings(text, mentions, geocoder, look, bias, masked, lexicon)
    mentions = _with_directions(text, mentions, look, bias)
    mentions = _with_shared_heads(text, mentions, look, bias, masked)
    mentions = _with_named_sites(text, mentions, look, bias, masked, lexicon)
    mentions = _with_bare_seas(text, mentions, look, masked)
    mentions = _with_and_country_names(text, mentions, look, masked)
    mentions = _with_lower_case_districts(text, mentions, look, masked)
    mentions = with_local_places(text, mentions, look, bias, lexicon, locative=_locative,
                                 masked=masked)
    return _countries_in_lists(text, _with_bare_congo(
        text, _resolve_in_context(text, mentions, geocoder, bias), look), look)


def _where(place: Place | None) -> str:
    return f"{place.name}, {place.country_code} {place.kind}" if place else "unresolved"


def _countries_in_lists(text: str, mentions: list[Mention], look: GeocodeFn) -> list[Mention]:
    """A name listed between countries is the country of that name ("Algeria, Belgium,
    Georgia, Italy"; "Dominica, Grenada, Guyana, Haiti, Jamaica"), not the US state or town
    the article's other places may have favoured."""
    out = list(mentions)

    def is_country(m: Mention) -> bool:
        return m.place is not None and m.place.kind == "country"

    for i, m in enumerate(out):
        if m.origin == "correction" or is_country(m) or m.metonym:
            continue
        before = i > 0 and is_country(out[i - 1]) and _LIST_GAP.match(
            text[out[i - 1].end:m.start]) is not None
        after = i + 1 < len(out) and is_country(out[i + 1]) and re.fullmatch(
            r"\s*(?:,\s*(?:and\s+|or\s+)?|\b(?:and|or)\s+)(?:the\s+)?",
            text[m.end:out[i + 1].start]) is not None
        if not (before and after or before and i >= 2 and is_country(out[i - 2])):
            continue
        place = look(m.query, (), "country")
        if place is not None and place.kind == "country" and normalize_term(
                place.name) == normalize_term(m.query):
            out[i] = replace(m, place=place, note=f"a country listed among countries "
                                                  f"(not {_where(m.place)})")
    return out


_DR_CONGO = re.compile(r"\bDemocratic\s+Republic\s+of\s+(?:the\s+)?Congo\b|\bDRC\b"
                       r"|\bDR\s+Congo\b|\bCongo-Kinshasa\b")


def _with_bare_congo(text: str, mentions: list[Mention], look: GeocodeFn) -> list[Mention]:
    """"Congo" alone is one of the two countries of that name, never the Brazilian town the
    gazetteer ranks first: the Republic of the Congo where the article names the Democratic
    Republic apart ("Congo, Côte d’Ivoire, Democratic Republic of Congo"), else the
    Democratic Republic, as most English news calls it."""
    out = []
    for m in mentions:
        if m.surface == "Congo" and m.origin != "correction" and (
                m.place is None or m.place.kind != "country"):
            query = ("Republic of the Congo" if _DR_CONGO.search(text)
                     else "Democratic Republic of the Congo")
            place = look(query, (), None)
            if place is not None and place.kind == "country":
                m = replace(m, place=place, metonym=False,
                            note=f"bare 'Congo' read as the country {place.name}")
        out.append(m)
    return out


def _dateline_place(place: Place | None, look: GeocodeFn) -> Place | None:
    """A report is filed from a city: a dateline naming a country whose capital shares its
    name ("KUWAIT, Nov 9 (KUNA)", "DJIBOUTI, May 2") is that capital."""
    if place is None or place.kind != "country":
        return place
    city = look(f"{place.name} City", (place.country_code,), None)
    if city is not None and city.kind == "capital" and city.country_code == place.country_code:
        return city
    for c in place.candidates:
        if isinstance(c, Candidate) and c.kind == "capital" and c.name == place.name \
                and c.country_code == place.country_code:
            return replace(place, lat=c.lat, lon=c.lon, kind="capital", precision_km=10.0,
                           source=c.source, geometry=None,
                           note="the capital: a dateline names where a report was filed")
    return place


def _dateline_mention(text: str, dateline: tuple[int, int, str], look: GeocodeFn,
                      bias: tuple[str, ...]) -> list[Mention]:
    """The dateline's place as a mention (it is where the report comes from); none when the
    name is not in the gazetteer or is an ordinary word ("UPDATE (2 p.m.)")."""
    start, end, query = dateline
    if " " not in query and query.lower() in common_english_words():
        return []
    place = _dateline_place(look(query, bias, None), look)
    if place is None:
        return []
    return [Mention(article_id="", sentence="", surface=text[start:end], start=start, end=end,
                    query=query, place=place, metonym=False, locative=True, preposition="",
                    origin="machine", note=f"{place.note + '; ' if place.note else ''}dateline",
                    found_by="rules")]


# A country's abbreviation used as an adjective ("U.S. forces", "the US Navy", "UK troops",
# "ROK Marines"): the nationality of what follows, not a place.
_ABBREVIATED_ADJECTIVE = re.compile(r"(?:[A-Z]\.?){2,4}$")
_MODIFIED_NOUN = re.compile(
    r"\.?\s+(?:(?:[A-Z][a-z]+\s+)?(?:Navy|Army|Air\s+Force|Marines?|Marine\s+Corps|Coast"
    r"\s+Guard|Forces|Fleet|Command|Department|Embassy|Ambassador|Secretary|President|Envoy"
    r"|Defen[cs]e|Pacific|Indo-Pacific|Central|European|Special|State|Senate|Congress|House"
    r"|Speaker|Treasury|Supreme\s+Court|Capitol"
    r"|Government|Administration|Military|Joint|Combined|Task\s+Force|Africa\s+[Cc]ommand"
    r"|Northern\s+Command|Southern\s+Command|Cyber\s+Command|Space\s+Force|Consulate"
    r"|Agency|Mission|Delegation)"
    r"|(?:[a-z]+-)?(?:navy|army|military|forces|troops|soldiers|sailors|marines|airmen"
    r"|officials?|officers?|warships?|destroyers?|ships?|vessels?|submarines?|carriers?|aircraft"
    r"|bombers?|jets?|fighters?|planes?|personnel|units?|allies|ally|counterparts?|delegation"
    r"|defen[cs]e|government|administration|envoy|ambassador|president|intelligence|commanders?"
    r"|drills?|exercises?|participation|side|presence|deployment|base|bases|citizens?|service"
    r"|members?|counterpart|partners?|-led|made|built|based)\b)")


# "U.S. and European troops", "the U.S. and Georgia-led exercise", "his U.S. and South
# Korean counterparts": one adjective of a pair (the other may take two words).
_PAIRED_ADJECTIVE = re.compile(
    r"\.?\s+(?:and|or|&)\s+(?:[A-Z][\w'’.]*-(?:led|based|backed|made|built)\b"
    r"|[A-Z][\w'’.]*(?:\s+[A-Z][a-z]+(?=\s+[a-z]))?(?=\s))")


# What may follow a country's abbreviation that names the country: a verb ("the U.S. said",
# "the US deployed"), an adverb ("the U.S. strongly condemned"), a word of time ("in the U.S.
# last year"). Any other lower-case word after it is a noun it modifies ("the U.S. coast",
# "U.S. equipment", "U.S. howitzers").
_AFTER_A_PLACE = frozenset("""
is was are were has have had will would could should can may might must did does do said says
say told tells warned warns urged urges claimed claims accused accuses wants wanted plans
planned remains remained seeks sought insists insisted sends sent agreed agrees announced
announces believes believed considers considered still again now then today yesterday
tomorrow last next earlier later recently alone itself first twice once soon
hold holds held lead leads led meet meets met begin begins began take takes took make makes
made keep keeps kept leave leaves left send give gives gave see sees saw win wins won lose
loses lost fight fights fought bring brings brought strike strikes struck fly flies flew get
gets got stand stands stood set sets put puts run runs ran come comes came go goes went
become becomes became conduct conducts deploy deploys launch launches host hosts join joins
need needs lead spent spend spends
taking joining participating sending leading hosting contributing deploying providing playing
""".split())  # noqa: SIM905
_LOWER_WORD_AFTER = re.compile(r"\.?[ \t]+([a-z]+)\b(?!['’-])")


def _modifies_a_lower_case_noun(text: str, end: int) -> bool:
    """Whether the abbreviation ending at ``end`` stands before a lower-case noun (see
    :data:`_AFTER_A_PLACE`)."""
    m = _LOWER_WORD_AFTER.match(text, end)
    if m is None:
        return False
    word = m.group(1)
    return not (word in _FUNCTION_WORDS or word in _AFTER_A_PLACE
                or (word.endswith("ed") and word != "armed") or word.endswith("ly"))


def _adjectival_abbreviation(text: str, end: int) -> bool:
    """Whether a country's abbreviation ending at ``end`` modifies what follows ("U.S.
    forces", "the U.S.-Japan alliance", "U.S. and European troops", "the U.S. coast") instead
    of naming the country as a place."""
    if (_MODIFIED_NOUN.match(text, end) or re.match(r"\.?-[A-Za-z]", text[end:end + 3])
            or _modifies_a_lower_case_noun(text, end)):
        return True
    pair = _PAIRED_ADJECTIVE.match(text, end)
    if pair is None:
        return False
    return pair.group(0).endswith(("led", "based", "backed", "made", "built")) or bool(
        _MODIFIED_NOUN.match(text, pair.end()))


# A weapon or vehicle model is named like a town ("Black Hawk helicopters", "Iskander
# missiles", "Leopard tanks").
_EQUIPMENT_AFTER = re.compile(
    r"\s+(?:[A-Z0-9-]+\s+)?(?:[a-z]+(?:-[a-z]+)?\s+){0,2}"
    r"(?:helicopters?|aircraft|jets?|fighters?|bombers?|drones?|missiles?|tanks?|howitzers?"
    r"|rockets?|launchers?|(?:missile|air[- ]defen[cs]e|rocket)\s+systems?|frigates?"
    r"|destroyers?|corvettes?|submarines?|armou?red\s+vehicles?)\b")


#: A weapon or vehicle model's designation and the name after it ("P-3 Orion", "F-16C
#: Fighting Falcon", "MV-22 Ospreys", "H-60 Blackhawk").
_DESIGNATED_MODEL = re.compile(
    r"(?<![\w-])[A-Z][A-Za-z]{0,3}-\d{1,3}[A-Z]{0,3}\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\b")


def model_names(text: str) -> tuple[list[tuple[int, int]], set[str]]:
    """The spans of the model names a text gives after a designation, and those names
    (lower case, without a plural s): a model's name is neither a town nor an exercise, there
    and wherever the article repeats it ("the MV-22 Osprey" ... "the GSDF's Osprey flight")."""
    spans: list[tuple[int, int]] = []
    names: set[str] = set()
    for m in _DESIGNATED_MODEL.finditer(text):
        if any(w.lower() in DEMONYMS for w in m.group(1).split()):
            continue  # "Su-30 Russian": a nationality follows the model, not its name
        spans.append((m.start(1), m.end(1)))
        names.add(_model_key(m.group(1)))
    return spans, names


def _model_key(name: str) -> str:
    """A model name for comparison: lower case, without a plural s ("Ospreys" is "osprey")."""
    key = " ".join(name.lower().split())
    return key[:-1] if key.endswith("s") and not key.endswith("ss") else key


# A model named in brackets after its kind ("a maritime patrol aircraft (Atlantique II)").
_EQUIPMENT_BRACKETED = re.compile(
    r"\b(?:aircraft|helicopters?|jets?|fighters?|bombers?|drones?|missiles?|tanks?|ships?"
    r"|vessels?|frigates?|destroyers?|corvettes?|submarines?)\s*\(\s*$")


# "southern Belarus", "north-western Russia", "central Armenia": a part of a country or region.
_DIRECTION_ADJECTIVE = r"(?:(?:north|south)(?:-?(?:east|west))?ern|eastern|western|central)"
_LOWER_DIRECTION = re.compile(r"\b(" + _DIRECTION_ADJECTIVE + r")\s+$")


def _with_directions(text: str, mentions: list[Mention], look: GeocodeFn,
                     bias: tuple[str, ...]) -> list[Mention]:
    """A lower-case direction before a country or region names a part of it: the mention
    takes the direction into its span and resolves as that part ("southern Belarus" is the
    region, located within Belarus), as a capitalised one already does ("Southern Estonia")."""
    out: list[Mention] = []
    for m in mentions:
        d = _LOWER_DIRECTION.search(text, max(0, m.start - 20), m.start)
        # "Taichung, central Taiwan" locates Taichung in Taiwan (a qualifier): left as is.
        if (d is None or m.place is None or m.metonym or m.origin == "correction"
                or m.place.kind not in ("country", "region")
                or text[max(0, d.start(1) - 2):d.start(1)].strip() == ","):
            out.append(m)
            continue
        surface = text[d.start(1):m.end]
        place = look(surface[0].upper() + surface[1:], bias, "region")
        if place is None or place.kind != "region" or place.country_code != m.place.country_code:
            out.append(m)
            continue
        out.append(replace(m, surface=surface, start=d.start(1), query=surface, place=place,
                           note=place.note))
    return out


# Names sharing one plural head noun, in any case: "the Barents and Norwegian Seas", "the
# Black and Caspian seas", "the Kuril and Commander Islands"; and a chain named for its
# islands: "the Kuril archipelago/chain".
_SHARED_HEAD = re.compile(
    r"\b((?:[A-Z][\w'’-]+,\s+)*[A-Z][\w'’-]+),?\s+and\s+(?:the\s+)?([A-Z][\w'’-]+)\s+"
    r"((?i:Seas|Oceans|Islands|Straits|Rivers|Creeks|Mountains|Lakes|Gulfs|Bays))\b")
# The plural head before the names: "the rivers of Neman and Berezina".
_HEAD_BEFORE_NAMES = re.compile(
    r"\b((?i:seas|rivers|lakes|islands))\s+of\s+(?:the\s+)?((?:[A-Z][\w'’-]+,\s+)*"
    r"[A-Z][\w'’-]+),?\s+and\s+(?:the\s+)?([A-Z][\w'’-]+)\b")
# Heads of natural features no town stands in for: a name sharing one is a place even when
# the gazetteer lacks it ("the Condamine, Logan and Bremer rivers"), listed unresolved.
_UNLISTED_FEATURE_HEADS = frozenset({"River", "Creek", "Mountain"})
_CHAIN = re.compile(r"\b([A-Z][\w'’-]+)\s+(archipelago|chain|island chain|islands)\b")
# Admin areas sharing a lower-case plural head ("Jones and Bertie counties") or listed after
# one ("three North Carolina counties: Guilford, Forsyth, and Davie").
_ADMIN_HEADS = {"counties": "County", "provinces": "Province", "prefectures": "Prefecture",
                "oblasts": "Oblast", "districts": "District", "regions": "Region"}
_ADMIN_SHARED_HEAD = re.compile(
    r"\b((?:[A-Z][\w'’-]+,\s+)*[A-Z][\w'’-]+),?\s+and\s+([A-Z][\w'’-]+)\s+("
    + "|".join(_ADMIN_HEADS) + r")\b")
_ADMIN_LIST_AFTER_HEAD = re.compile(
    r"\b(" + "|".join(_ADMIN_HEADS) + r")\s*:\s*((?:[A-Z][\w'’-]+,\s+)+)(?:and\s+)?"
    r"([A-Z][\w'’-]+)")
_SHARED_HEAD_KINDS = frozenset({"sea", "island", "water", "physical", "strait", "river", "lake",
                                "mountain"})


def _singular_head(head: str) -> str:
    """A plural head noun as a name's last word: "seas" -> "Sea", "Straits" -> "Strait"; an
    island group is named in the plural ("Islands")."""
    head = head.title()
    if head == "Islands":
        return head
    return head[:-2] if head.endswith("es") and head != "Lakes" else head[:-1]


def _with_shared_heads(text: str, mentions: list[Mention], look: GeocodeFn,
                       bias: tuple[str, ...], masked: Callable[[int, int], bool]
                       ) -> list[Mention]:
    """Add each name of a list that shares a plural head noun, resolved with that noun in the
    singular ("Barents" -> "Barents Sea"), replacing a shorter reading of the same words."""
    # start, end, surface, query, the kinds the head noun allows
    found: list[tuple[int, int, str, str, frozenset[str]]] = []
    for m in _SHARED_HEAD.finditer(text):
        singular = _singular_head(m.group(3))  # "the Black and Caspian seas": any case
        names = [n.strip() for n in m.group(1).split(",")] + [m.group(2)]
        pos = m.start()
        for k, name in enumerate(names):
            start = text.index(name, pos)
            end = start + len(name)
            last = k == len(names) - 1
            surface = text[start:m.end()] if last else name
            found.append((start, m.end() if last else end, surface, f"{name} {singular}",
                          _SHARED_HEAD_KINDS))
            pos = end
    for m in _HEAD_BEFORE_NAMES.finditer(text):
        singular = _singular_head(m.group(1))
        pos = m.start(2)
        for name in [n.strip() for n in m.group(2).split(",")] + [m.group(3)]:
            start = text.index(name, pos)
            pos = start + len(name)
            found.append((start, pos, name, f"{name} {singular}", _SHARED_HEAD_KINDS))
    for m in _CHAIN.finditer(text):
        found.append((m.start(), m.end(), m.group(0), f"{m.group(1)} Islands",
                      _SHARED_HEAD_KINDS))
    admin_lists = [(m.group(3), m.start(1), [*m.group(1).split(","), m.group(2)])
                   for m in _ADMIN_SHARED_HEAD.finditer(text)]
    admin_lists += [(m.group(1), m.start(2), [*m.group(2).split(","), m.group(3)])
                    for m in _ADMIN_LIST_AFTER_HEAD.finditer(text)]
    for head, pos, names in admin_lists:
        for name in (n.strip() for n in names if n.strip()):
            start = text.index(name, pos)
            pos = start + len(name)
            found.append((start, pos, name, f"{name} {_ADMIN_HEADS[head]}",
                          frozenset({"county", "region"})))
    if not found:
        return mentions
    out = list(mentions)
    for start, end, surface, query, kinds in found:
        if masked(start, end):
            continue
        place = look(query, bias, None)
        head = query.rsplit(" ", 1)[-1]
        if (place is None or place.kind not in kinds) and head in _UNLISTED_FEATURE_HEADS:
            if any(o.start <= start and end <= o.end and (o.start, o.end) != (start, end)
                   for o in out):
                continue  # inside a longer mention
            out = [o for o in out if not (o.start < end and start < o.end)]
            locative, prep = _locative(text, start, out)
            out.append(Mention(
                article_id="", sentence="", surface=surface, start=start, end=end,
                query=query, place=None, metonym=False, locative=locative, preposition=prep,
                origin="machine", note=f"a named {head.lower()} ({query!r}): not in the "
                                       "gazetteer", found_by="rules"))
            continue
        if place is None or place.kind not in kinds:
            continue
        if any(o.start < end and start < o.end and o.end - o.start >= end - start
               and o.place is not None and o.place.kind == place.kind for o in out):
            continue  # already read this way, with a span at least as long
        out = [o for o in out if not (o.start < end and start < o.end)]
        locative, prep = _locative(text, start, out)
        out.append(Mention(
            article_id="", sentence="", surface=surface, start=start, end=end, query=query,
            place=place, metonym=False, locative=locative, preposition=prep,
            origin="machine", note=f"{place.note + '; ' if place.note else ''}"
                                   f"read as {query!r}", found_by="rules"))
    out.sort(key=lambda m: m.start)
    return out


#: AP Stylebook abbreviations of US states, as news writes them after a town ("Columbus,
#: Ga."), with their GeoNames admin1 codes and names (source: the "AP" column of
#: https://en.wikipedia.org/wiki/List_of_U.S._state_and_territory_abbreviations).
US_STATE_ABBREVIATIONS: dict[str, tuple[str, str]] = {
    "Ala.": ("AL", "Alabama"), "Ariz.": ("AZ", "Arizona"), "Ark.": ("AR", "Arkansas"),
    "Calif.": ("CA", "California"), "Colo.": ("CO", "Colorado"), "Conn.": ("CT", "Connecticut"),
    "Del.": ("DE", "Delaware"), "Fla.": ("FL", "Florida"), "Ga.": ("GA", "Georgia"),
    "Ill.": ("IL", "Illinois"), "Ind.": ("IN", "Indiana"), "Kan.": ("KS", "Kansas"),
    "Ky.": ("KY", "Kentucky"), "La.": ("LA", "Louisiana"), "Md.": ("MD", "Maryland"),
    "Mass.": ("MA", "Massachusetts"), "Mich.": ("MI", "Michigan"), "Minn.": ("MN", "Minnesota"),
    "Miss.": ("MS", "Mississippi"), "Mo.": ("MO", "Missouri"), "Mont.": ("MT", "Montana"),
    "Neb.": ("NE", "Nebraska"), "Nev.": ("NV", "Nevada"), "N.H.": ("NH", "New Hampshire"),
    "N.J.": ("NJ", "New Jersey"), "N.M.": ("NM", "New Mexico"), "N.Y.": ("NY", "New York"),
    "N.C.": ("NC", "North Carolina"), "N.D.": ("ND", "North Dakota"), "Okla.": ("OK", "Oklahoma"),
    "Ore.": ("OR", "Oregon"), "Pa.": ("PA", "Pennsylvania"), "R.I.": ("RI", "Rhode Island"),
    "S.C.": ("SC", "South Carolina"), "S.D.": ("SD", "South Dakota"), "Tenn.": ("TN", "Tennessee"),
    "Tex.": ("TX", "Texas"), "Vt.": ("VT", "Vermont"), "Va.": ("VA", "Virginia"),
    "Wash.": ("WA", "Washington"), "W.Va.": ("WV", "West Virginia"), "Wis.": ("WI", "Wisconsin"),
    "Wyo.": ("WY", "Wyoming"),
}
#: Abbreviations of Canadian provinces and territories (Canadian Press style, and Canada Post
#: codes; source: https://en.wikipedia.org/wiki/Canadian_postal_abbreviations_for_provinces_and_territories)
#: and of Australian states and territories (source:
#: https://en.wikipedia.org/wiki/States_and_territories_of_Australia), with the area's name.
OTHER_ADMIN_ABBREVIATIONS: dict[str, tuple[str, str]] = {
    "B.C.": ("CA", "British Columbia"), "BC": ("CA", "British Columbia"),
    "Alta.": ("CA", "Alberta"), "Sask.": ("CA", "Saskatchewan"), "SK": ("CA", "Saskatchewan"),
    "Man.": ("CA", "Manitoba"), "MB": ("CA", "Manitoba"), "Ont.": ("CA", "Ontario"),
    "Que.": ("CA", "Quebec"), "QC": ("CA", "Quebec"), "N.S.": ("CA", "Nova Scotia"),
    "N.B.": ("CA", "New Brunswick"), "NB": ("CA", "New Brunswick"),
    "P.E.I.": ("CA", "Prince Edward Island"), "N.L.": ("CA", "Newfoundland and Labrador"),
    "NL": ("CA", "Newfoundland and Labrador"), "Nfld.": ("CA", "Newfoundland and Labrador"),
    "N.W.T.": ("CA", "Northwest Territories"), "YT": ("CA", "Yukon"),
    "NSW": ("AU", "New South Wales"), "N.S.W.": ("AU", "New South Wales"),
    "Qld": ("AU", "Queensland"), "QLD": ("AU", "Queensland"), "Vic.": ("AU", "Victoria"),
    "VIC": ("AU", "Victoria"), "Tas.": ("AU", "Tasmania"), "TAS": ("AU", "Tasmania"),
    "WA": ("AU", "Western Australia"), "SA": ("AU", "South Australia"),
    "ACT": ("AU", "Australian Capital Territory"),
}
# Forms that name the area anywhere in running text; the others count only right after a
# town ("Brandon, Man.") or, for the capital-letter codes, in news about that country.
_ABBREVIATIONS_ANYWHERE = frozenset({"B.C.", "P.E.I.", "N.W.T.", "NSW", "N.S.W.", "Qld"})
_ALL_ABBREVIATIONS = sorted({*US_STATE_ABBREVIATIONS, *OTHER_ADMIN_ABBREVIATIONS}, key=len,
                            reverse=True)
_ABBREVIATION = re.compile(r"\s*,\s*(" + "|".join(map(re.escape, _ALL_ABBREVIATIONS))
                           + r")(?![\w.])")
_ABBREVIATION_IN_TEXT = re.compile(r"(?<![\w.])(" + "|".join(map(re.escape, _ALL_ABBREVIATIONS))
                                   + r")(?![\w])")
_AFTER_TOWN = re.compile(r"[A-Z][\w'’.-]*,\s*$")


def _abbreviated_area(geocoder: Any, abbreviation: str) -> Place | None:
    """The first-level area an abbreviation stands for ("Ga." -> Georgia, US; "B.C." ->
    British Columbia), as the gazetteer has it; None if it has no such area."""
    if abbreviation in US_STATE_ABBREVIATIONS:
        code, name = US_STATE_ABBREVIATIONS[abbreviation]
        cc = "US"
    else:
        cc, name = OTHER_ADMIN_ABBREVIATIONS[abbreviation]
        code = ""
    area = _geocode_in(geocoder, name, within=(cc, code), kind_hint="region")
    if area is None or area.kind != "region" or area.country_code != cc or (
            code and str(area.raw.get("admin1code") or "") != code):
        return None
    return area


def _abbreviation_mentions(text: str, geocoder: Any, bias: tuple[str, ...],
                           mentions: Sequence[Mention], masked: Callable[[int, int], bool]
                           ) -> list[Mention]:
    """Provinces and states named by their abbreviation outside a town's qualifier: "B.C."
    and "NSW" anywhere, "BC" or "WA" in news about Canada or Australia, "Man." after a town.
    US states are named this way only after a town (see :func:`_state_mention`)."""
    out: list[Mention] = []
    for m in _ABBREVIATION_IN_TEXT.finditer(text):
        abbreviation = m.group(1)
        if abbreviation not in OTHER_ADMIN_ABBREVIATIONS or masked(m.start(), m.end()):
            continue
        cc, _ = OTHER_ADMIN_ABBREVIATIONS[abbreviation]
        after_town = _AFTER_TOWN.search(text, max(0, m.start() - 40), m.start()) is not None
        if not (abbreviation in _ABBREVIATIONS_ANYWHERE or after_town
                or (abbreviation.isupper() and cc in bias)):
            continue
        if any(o.start < m.end() and m.start() < o.end for o in mentions):
            continue
        out.extend(_state_mention(text, geocoder, m.start(), m.end(), mentions))
    return out


_QUALIFYING = re.compile(r"\s*(?:,|\bin)\s*$")
_AREA_FOR_QUALIFIER = frozenset({"country", "region", "county"})
# What a government can be named by; a place read again as anything else is no metonym.
_METONYM_KINDS = frozenset({"capital", "building", "country"})
_POINT_KINDS = frozenset({"city", "town", "village", "capital"})


def _geocode_in(geocoder: Any, query: str, **context: Any) -> Place | None:
    """``geocoder.geocode`` with context keywords; None if this geocoder takes none."""
    try:
        result = geocoder.geocode(query, exactly_one=True, **context)
    except TypeError:  # a geocoder without context support (e.g. a test double)
        return None
    return result if isinstance(result, Place) or result is None else (
        result[0] if result else None)


_QUALIFIED_MIN = 5.0  # the gazetteer's qualifier feature for a place inside the named area
# Between the items of a list of places: ", ", " and ", ", and ".
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\b(?:and|or)\s+)$")
_IN_GAP = re.compile(r"\s+in\s+(?:the\s+)?(?:(?:far|central|mid|upper|lower|north|south|east|west|"
                     r"northern|southern|eastern|western|north-?east|north-?west|south-?east|"
                     r"south-?west)(?:ern)?[\s-]+){0,3}$")


def _qualifier_indices(text: str, mentions: Sequence[Mention], i: int) -> list[int]:
    """Indices of the mentions that may qualify mention ``i``, nearest first: the next one
    after ", " or "in" ("Columbus, Georgia", "Paris in Texas"), then the one after "in" that
    ends a list ``i`` is in ("the towns of Balabac, San Vicente, and Rizal in Palawan")."""
    found: list[int] = []
    if i + 1 < len(mentions) and _QUALIFYING.match(text[mentions[i].end:mentions[i + 1].start]):
        found.append(i + 1)
    j = i + 1
    while j < len(mentions) and _LIST_GAP.match(text[mentions[j - 1].end:mentions[j].start]):
        j += 1
    if i + 1 < j < len(mentions) and _IN_GAP.match(text[mentions[j - 1].end:mentions[j].start]):
        found.append(j)
    return found


def _qualifiers(geocoder: Any, mention: Mention) -> list[Place]:
    """The readings of a qualifying name that can contain places: admin areas, countries."""
    try:
        found = geocoder.geocode(mention.query, exactly_one=False)
    except TypeError:
        return []
    readings = found if isinstance(found, list) else [found] if found else []
    if mention.place is not None:
        readings = [mention.place, *readings]
    return [p for p in readings if p.kind in _AREA_FOR_QUALIFIER and p.country_code]


# An area wider than this ("the Soviet Union", "the Russian Far East") is located at a
# representative point far from most of it: no anchor for the article's other places.
_ANCHOR_MAX_PRECISION_KM = 1000.0


def _anchor_places(mentions: Sequence[Mention], keep: Callable[[int, Place], bool],
                   limit: int = 60) -> dict[tuple[float, float], str]:
    """Distinct points (with a surface naming each) of at most ``limit`` mentioned places."""
    distinct: dict[tuple[float, float], str] = {}
    for i, m in enumerate(mentions):
        if m.place is not None and not m.metonym and m.place.kind not in (
                "continent", "country", "organisation-area") and keep(i, m.place) and (
                m.place.precision_km < _ANCHOR_MAX_PRECISION_KM):
            distinct.setdefault((m.place.lat, m.place.lon), m.surface)
            if len(distinct) >= limit:
                break
    return distinct


def _resolve_in_context(text: str, mentions: list[Mention], geocoder: Any,
                        bias: tuple[str, ...]) -> list[Mention]:
    """Re-resolve places with what the article says around them.

    * a qualifier ("Jacksonville, North Carolina", "Columbus, Ga.", "Paris in Texas"): the
      place inside the named area wins, and the qualifier itself takes the reading that
      contains it (the US state Georgia, not the country);
    * the article's other places: an ambiguous town resolves near them ("Portland" in an
      article about South Portland and Cape Elizabeth is in Maine).
    Each change says why in the mention's note; the gazetteer's ``raw["features"]`` keeps
    the scores.
    """
    out = list(mentions)
    qualified: set[int] = set()
    states: list[Mention] = []  # the state abbreviations that qualified a place
    for i, m in enumerate(out):
        abbreviation = _ABBREVIATION.match(text[m.end:m.end + 12])
        if m.place is not None and m.place.source.startswith("data/") and abbreviation:
            # A curated place stays as it is; its state is a mention all the same.
            states.extend(_state_mention(text, geocoder, m.end + abbreviation.start(1),
                                         m.end + abbreviation.end(1), out))
        if m.origin == "correction" or m.place is None or m.place.source.startswith("data/"):
            continue
        # (within, the qualifier as written, its mention's index and the reading it takes)
        candidates: list[tuple[tuple[str, str], str, int | None, Place | None]] = []
        area = _abbreviated_area(geocoder, abbreviation.group(1)) if abbreviation else None
        if abbreviation and area is not None:
            candidates.append(((area.country_code, str(area.raw.get("admin1code") or "")),
                               abbreviation.group(1), None, None))
        else:
            for q in _qualifier_indices(text, out, i):
                for reading in _qualifiers(geocoder, out[q]):
                    admin1 = str((reading.raw or {}).get("admin1code") or "")
                    within = (reading.country_code, "" if reading.kind == "country" else admin1)
                    candidates.append((within, out[q].surface, q, reading))
        for within, label, j, area in candidates:
            # A county shares its first-level code with its neighbours ("North Yorkshire"
            # and London are both England): the town near it is the one meant.
            near = [(area.lat, area.lon)] if area is not None and area.kind == "county" else []
            place = _geocode_in(geocoder, m.query, country_bias=bias, within=within, near=near)
            # Inside the named area (8) or the named country (5); in the area's country but
            # not in the area (2) is no reading of the qualifier ("Odesa, Mykolaiv and ...").
            if place is None or (place.raw or {}).get("features", {}).get(
                    "qualifier", 0.0) < _QUALIFIED_MIN:
                continue
            if place.kind == "country" and m.place.kind != "country":
                continue  # "Djibouti, Djibouti": the city its country qualifies stays a city
            if place.name != m.place.name or (place.lat, place.lon) != (m.place.lat,
                                                                        m.place.lon):
                out[i] = replace(m, place=place,
                                 metonym=m.metonym and place.kind in _METONYM_KINDS,
                                 note=f"{place.note + '; ' if place.note else ''}qualified by "
                                      f"{label!r}")
            qualified.add(i)
            if abbreviation is not None:
                states.extend(_state_mention(text, geocoder, m.end + abbreviation.start(1),
                                             m.end + abbreviation.end(1), out))
            if j is not None and area is not None:
                if out[j].place != area:
                    out[j] = replace(out[j], place=area,
                                     note=f"the area that contains {m.surface!r}")
                qualified.add(j)
            break
        else:
            # "the Gamboa training area in Panama" read as a Gamboa in Brazil: the text puts
            # it in a country where the gazetteer knows no such place, so it stays unresolved
            # rather than pinned on another continent
            inside = [q for q in _qualifier_indices(text, out, i)
                      if re.search(r"\bin\s*$", text[m.end:out[q].start])]
            countries: set[str] = set()
            for q in inside:
                qplace = out[q].place
                if qplace is not None and qplace.kind == "country" and not out[q].metonym:
                    countries.add(qplace.country_code)
            # a neighbour may hold or claim it ("Sevastopol in Russia")
            holders = countries.union(*(country_neighbours().get(c, frozenset())
                                        for c in countries))
            own = m.place
            if countries and own.country_code not in holders and not abbreviation and (
                    own.kind in _POINT_KINDS or _site_read_from_a_town(own)):
                out[i] = replace(m, place=None, note=(
                    f"{own.name!r} ({own.country_code}) rejected: the text places "
                    f"{m.surface!r} in {out[inside[0]].surface!r}"))
                qualified.add(i)
    # One reading per article for a name a qualifier settled: "in Paris, Texas ... Paris
    # police" is the same Paris.
    settled = {out[i].query: out[i] for i in sorted(qualified) if out[i].place is not None}
    for i, m in enumerate(out):
        first = settled.get(m.query)
        if (first is None or i in qualified or m.origin == "correction" or m.place is None
                or first.place is None or m.place.source.startswith("data/")
                or m.place.kind in _AREA_FOR_QUALIFIER):
            continue
        out[i] = replace(m, place=first.place, metonym=False,
                         note=f"as {first.surface!r} where the article qualifies it")
        qualified.add(i)
    # The article's anchor places, each once (a long text repeats them): a bounded list, so
    # this pass stays linear in the number of mentions. Places unlikely to be a namesake
    # anchor the others (admin areas, big cities, curated places, places a qualifier
    # settled): a small town read wrongly must not drag its namesakes' neighbours with it.
    # Only an article that names nothing of the kind is anchored by its towns.
    distinct = _anchor_places(out, lambda i, p: i in qualified or _focus_place(p)) or (
        _anchor_places(out, lambda i, p: True))
    anchors = [(a, b, surface) for (a, b), surface in distinct.items()]
    for i, m in enumerate(out):
        if (i in qualified or m.origin == "correction" or m.place is None
                or not (m.place.kind in _POINT_KINDS or _site_read_from_a_town(m.place))
                or m.place.source.startswith("data/")):
            continue
        near = [(a, b) for a, b, surface in anchors if surface != m.surface][:20]
        if not near:
            continue
        place = _geocode_in(geocoder, m.query, country_bias=bias, near=near)
        if place is None or not (place.raw or {}).get("features", {}).get("proximity"):
            continue
        if (place.lat, place.lon) != (m.place.lat, m.place.lon):
            out[i] = replace(m, place=place, metonym=m.metonym and place.kind in _METONYM_KINDS,
                             note=f"{place.note + '; ' if place.note else ''}"
                                  "near the article's other places")
    focus = _admin_focus(out, qualified)
    if focus is None:
        out = _local_area_of_another_country(_far_from_the_theatre(out, qualified), qualified)
        return sorted([*out, *states], key=lambda m: m.start)
    (want_cc, want_admin1), label = focus
    for i, m in enumerate(out):
        p = m.place
        if (i in qualified or m.origin == "correction" or p is None
                or p.kind not in (*_TOWN_KINDS, *_LOCAL_AREA_KINDS)
                or p.source.startswith("data/")
                or (p.kind not in _LOCAL_AREA_KINDS
                    and int(p.raw.get("population", 0) or 0) >= _NAMESAKE_ABROAD_MAX)
                or (p.country_code, str(p.raw.get("admin1code") or "")) == focus[0]):
            continue
        place = _focus_reading(geocoder, m.query, bias, focus[0])
        if place is None:
            continue
        if (place.country_code, str(place.raw.get("admin1code") or "")) == focus[0]:
            out[i] = replace(m, place=place, metonym=m.metonym and place.kind in _METONYM_KINDS,
                             note=f"{place.note + '; ' if place.note else ''}"
                                  f"in the article's focus area {label!r}")
    out = _local_area_of_another_country(_far_from_the_theatre(out, qualified), qualified)
    return sorted([*out, *states], key=lambda m: m.start)


def _local_area_of_another_country(mentions: list[Mention], qualified: set[int]
                                   ) -> list[Mention]:
    """Unresolve a district or county read through a namesake town of another country
    than the one every other place of the article lies in.

    "Bakwa district" in an article about Farah and Takhar provinces was read as the town
    Bakwa in Congo standing in for a district: the gazetteer had the name only as a town
    abroad (the head word dropped from the query), and an article whose places all lie in one
    country names that country's districts. Listed unresolved, saying why.
    """
    out = list(mentions)
    for i, m in enumerate(out):
        p = m.place
        if (p is None or i in qualified or m.origin == "correction"
                or p.raw.get("match_stage") != "generic" or p.kind not in _LOCAL_AREA_KINDS
                or p.source.startswith("data/")):
            continue
        others = {o.place.country_code for o in out if o.place is not None
                  and o.surface != m.surface and o.place.country_code
                  and not _weak_reading(o.place)}
        if len(others) != 1 or p.country_code in others:
            continue
        (country,) = others
        out[i] = replace(m, place=None, metonym=False,
                         note=f"read as {p.name} ({p.country_code}), a town standing in for a "
                              f"district, while the article's other places all lie in "
                              f"{country}: taken for a namesake of a district the gazetteer "
                              "lacks")
    return out


# An article whose anchor places all lie within this of each other is about one theatre
# (a state, a province, a region and its neighbours).
_THEATRE_SPAN_KM = 1500.0
# A weakly attested place this far from every other anchor of such an article is taken for
# a namesake of a local place the gazetteer lacks: listed unresolved, not put far away.
_FAR_FROM_THE_THEATRE_KM = 2000.0
_WEAK_STAGES = frozenset({"adjectival", "transliteration"})


def _weak_reading(place: Place) -> bool:
    """Whether a non-curated place was reached only through another form of its name: an
    adjectival form, another romanisation, an alternate name, a direction's part of a state
    or province."""
    if place.source.startswith("data/") or place.kind in ("country", "continent"):
        return False
    return place.raw.get("match_stage") in _WEAK_STAGES or place.raw.get("matched") == (
        "alternate name") or _part_of_a_namesake_area(place)


def _weakly_attested(place: Place) -> bool:
    """Whether a reading could well be a namesake: a weak reading (:func:`_weak_reading`)
    or a town of under 100,000 people."""
    if place.source.startswith("data/") or place.kind in ("country", "continent"):
        return False
    return _weak_reading(place) or place.kind in (*_TOWN_KINDS, *_LOCAL_AREA_KINDS) and int(
        place.raw.get("population", 0) or 0) < _NAMESAKE_ABROAD_MAX


def _named_area_abroad(place: Place, countries: set[str]) -> bool:
    """Whether an area was read from its name with its kind word ("the Hunter region") in a
    country none of the article's other places is in: as likely a namesake as a small town."""
    return (place.raw.get("match_stage") == "generic"
            and place.kind in ("region", "county", "district")
            and not place.source.startswith("data/") and place.country_code not in countries)


def _far_from_the_theatre(mentions: list[Mention], qualified: set[int]) -> list[Mention]:
    """Unresolve the weakly attested places far from an article's one theatre.

    An article whose other places (those not read weakly themselves) all lie within
    ``_THEATRE_SPAN_KM`` of each other is about that theatre; a small town or an adjectival
    or alternate-name reading more than ``_FAR_FROM_THE_THEATRE_KM`` from all of them ("the
    Lazovsky region" of an article about Primorye read as a Moldovan district, "the Darling
    Downs" of a Queensland article as a village in Western Australia) is a namesake of a
    place the gazetteer lacks. It is listed unresolved, saying why.
    """
    out = list(mentions)
    anchors = [(a, b, s) for (a, b), s in _anchor_places(
        out, lambda i, p: i in qualified or not _weak_reading(p)).items()]
    countries = {(m.surface, m.place.country_code) for m in out if m.place is not None
                 and not _weak_reading(m.place)}
    for i, m in enumerate(out):
        p = m.place
        if (p is None or i in qualified or m.origin == "correction" or m.metonym
                or not (_weakly_attested(p) or _named_area_abroad(
                    p, {cc for surface, cc in countries if surface != m.surface}))):
            continue
        others = [(a, b, s) for a, b, s in anchors if s != m.surface]
        if len(others) < 2 or any(
                _distance_km(a1, b1, a2, b2) > _THEATRE_SPAN_KM
                for k, (a1, b1, _) in enumerate(others) for a2, b2, _ in others[k + 1:]):
            continue
        nearest_km, nearest = min((_distance_km(p.lat, p.lon, a, b), s) for a, b, s in others)
        if nearest_km <= _FAR_FROM_THE_THEATRE_KM:
            continue
        out[i] = replace(m, place=None, metonym=False,
                         note=f"read as {p.name} ({p.country_code}), {nearest_km:,.0f} km "
                              f"from the article's other places (nearest: {nearest!r}): far "
                              "from them, taken for a namesake of a place the gazetteer lacks")
    return out


# Local areas named with their head word ("Goseong County", "Lakhimpur district"): read in
# the focus area whatever their size, as a county is.
_LOCAL_AREA_KINDS = frozenset({"county", "district"})
_LOCAL_AREA_HEAD = re.compile(r"[ \t]+(?:County|District|Municipality|Prefecture|Province|"
                              r"Shire|Township|Borough|Parish|[Cc]ity|[Tt]own)$", re.IGNORECASE)


def _focus_reading(geocoder: Any, query: str, bias: tuple[str, ...],
                   within: tuple[str, str]) -> Place | None:
    """The reading of ``query`` inside the article's focus area, if the gazetteer has one.

    The name is tried as written, then without the head word of a local area ("Goseong
    County" is the county of the town Goseong: the gazetteer may know only the town).
    """
    queries = [query]
    if (bare := _LOCAL_AREA_HEAD.sub("", query)) != query and bare:
        queries.append(bare)
    for q in queries:
        place = _geocode_in(geocoder, q, country_bias=bias, within=within)
        if place is not None and (place.raw or {}).get("features", {}).get("qualifier"):
            return place
    return None


def _site_read_from_a_town(place: Place) -> bool:
    """Whether a military site was located at the town it is named after ("the Rayevsky
    range" at the stanitsa Rayevskaya): that town may have namesakes, so the article's other
    places choose between them as they do for a town named alone."""
    return place.kind in ("training ground", "military area") and place.raw.get(
        "match_stage") in ("generic", "adjectival")


def _state_mention(text: str, geocoder: Any, start: int, end: int,
                   mentions: Sequence[Mention]) -> list[Mention]:
    """The state or province an abbreviation names ("Columbus, Ga.", "Williams Lake, B.C."),
    as a mention of its own (as "Georgia" is in "Columbus, Georgia"); none if a mention
    covers it already."""
    if any(o.start < end and start < o.end for o in mentions):
        return []
    state = _abbreviated_area(geocoder, text[start:end])
    if state is None:
        return []
    name = state.name
    locative, prep = _locative(text, start, [])
    return [Mention(article_id="", sentence="", surface=text[start:end], start=start, end=end,
                    query=name, place=state, metonym=False, locative=locative,
                    preposition=prep, origin="machine",
                    note=f"abbreviation of {name}", found_by="rules")]


def _admin_focus(mentions: Sequence[Mention], qualified: set[int]
                 ) -> tuple[tuple[str, str], str] | None:
    """The first-level area an article is about, if its places say so clearly.

    Votes come from the admin areas it names ("North Carolina": two votes) and from places
    inside one that are unlikely to be namesakes (qualified ones, big cities, curated places:
    one vote); the area needs two votes and a majority. Returns ``((country code, admin1
    code), area name)``.
    """
    votes: dict[tuple[str, str], int] = {}
    names: dict[tuple[str, str], str] = {}
    for i, m in enumerate(mentions):
        p = m.place
        if p is None or m.metonym or not p.country_code or p.kind in (
                "country", "continent", "organisation-area"):
            continue
        admin1 = str(p.raw.get("admin1code") or "")
        if not admin1 or not (i in qualified or _focus_place(p)):
            continue
        key = (p.country_code, admin1)
        votes[key] = votes.get(key, 0) + (2 if p.kind == "region" else 1)
        if p.kind == "region":
            names[key] = p.name
    if not votes:
        return None
    best = max(votes, key=lambda k: votes[k])
    if votes[best] < 2 or votes[best] * 2 <= sum(votes.values()):
        return None
    return best, names.get(best, f"{best[0]}-{best[1]}")


def _part_of_a_namesake_area(place: Place) -> bool:
    """Whether a reading is a direction's part of a state or province ("Northern Rivers" as
    the north of Nigeria's Rivers State): a local name that happens to end in an area's
    name abroad as often as not, so it does not say which country the article is about."""
    return place.raw.get("match_stage") == "directional" and bool(place.raw.get("admin_level"))


#: A country named only as the far side of a border ("3 km from the Russian border", "near
#: the border with Russia"): the places of the sentence lie *outside* it, so it is no sign of
#: where the article's places are.
_BORDER_AFTER = re.compile(r"(?:['’]s)?\s+(?:border|frontier)s?\b(?!\s+(?:guard|police|"
                           r"troops|service|force))", re.IGNORECASE)
_BORDER_BEFORE = re.compile(r"\b(?:border|frontier)s?\s+(?:with|of)\s+(?:the\s+)?$",
                            re.IGNORECASE)


def _names_a_border(text: str, sp: _Span) -> bool:
    """Whether a country or nationality is named only as a border ("the Russian border")."""
    return bool(_BORDER_AFTER.match(text, sp.end) or _BORDER_AFTER.search(sp.surface)
                or _BORDER_BEFORE.search(text, max(0, sp.start - 20), sp.start))


def _country_bias(rule_spans: Sequence[_Span], look: GeocodeFn, text: str = ""
                  ) -> tuple[str, ...]:
    """The countries the article is about, as the rules found them, most named first.

    Spans of the model alone do not change what the rules resolve: the countries the article
    names directly or as nationalities, and the countries of the unambiguous places it names,
    curated places, capitals, first- and second-level areas ("Scotland", "North Carolina") and
    big cities. A country named only as a border ("Narva, 3 km from the Russian border") is
    not counted: the places near it lie across it.
    """
    bias_counts: dict[str, int] = {}
    for sp in rule_spans:
        if sp.category in ("place", "demonym", "territory") and not (
                text and _names_a_border(text, sp)):
            p = look(sp.query, (), sp.kind_hint)
            if p is None:
                continue
            if (p.country_code and _focus_place(p) and not _names_a_foreign_area(p)
                    and not _part_of_a_namesake_area(p)):
                cc = p.country_code
                bias_counts[cc] = bias_counts.get(cc, 0) + 1
    return tuple(sorted(bias_counts, key=lambda c: (-bias_counts[c], c))[:6])


#: An article that names no country is about the country of at least this many different
#: towns of :data:`_IMPLIED_COUNTRY_POPULATION` or more (or first-level areas) it names.
_IMPLIED_COUNTRY_MIN_NAMES = 2
_IMPLIED_COUNTRY_POPULATION = 20_000


def _implied_country_bias(rule_spans: Sequence[_Span], look: GeocodeFn) -> tuple[str, ...]:
    """The country of an article that names none, from the towns and areas it names.

    Local news often never names its own country ("Landslide warnings for the Ratnapura,
    Kandy and Galle districts"): without a country the plausibility filter treats every small
    town as a possible namesake abroad and drops it. When at least two different towns of
    20,000 people or more (or first-level areas) lie in one country and that country has
    more than twice as many of them as any other, the article is about it.
    """
    names: dict[str, set[str]] = {}
    for sp in rule_spans:
        if sp.category != "place":
            continue
        p = look(sp.query, (), sp.kind_hint)
        if p is None or not p.country_code:
            continue
        population = int(p.raw.get("population", 0) or 0)
        if (p.kind in _TOWN_KINDS | {"capital"} and population >= _IMPLIED_COUNTRY_POPULATION
                or p.kind == "region"):
            names.setdefault(p.country_code, set()).add(normalize_term(sp.surface))
    ranked = sorted(names.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    if not ranked or len(ranked[0][1]) < _IMPLIED_COUNTRY_MIN_NAMES:
        return ()
    if len(ranked) > 1 and 2 * len(ranked[1][1]) >= len(ranked[0][1]):
        return ()  # towns of several countries: no one country is implied
    return (ranked[0][0],)


def _rule_coverage(rule_spans: Sequence[_Span]) -> Callable[[int, int], bool]:
    """``covered(s, e)``: whether a rule span starts before ``e`` and ends after ``s``."""
    ordered = sorted(rule_spans, key=lambda sp: sp.start)
    rule_starts = [sp.start for sp in ordered]
    reach = list(itertools.accumulate((sp.end for sp in ordered), max))

    def covered(s: int, e: int) -> bool:
        k = bisect.bisect_left(rule_starts, e)
        return k > 0 and reach[k - 1] > s

    return covered


#: The longest span (in words) the model is imagined to propose in :func:`_model_parts`. Place
#: names are shorter ("the United Kingdom of Great Britain and Northern Ireland" has 9 words
#: with "the"); the bound keeps the work linear in the words of a long unpunctuated line.
_MODEL_SPAN_WORDS = 12


def _model_parts(
    text: str,
    sentences: Sequence[tuple[int, int, str]],
    tokens: Sequence[_Token],
    rule_spans: Sequence[_Span],
    lexicon: Lexicon,
    persons: set[str],
    masked: Callable[[int, int], bool],
    look: GeocodeFn,
    corrected: frozenset[str],
    bias: tuple[str, ...],
) -> list[tuple[int, int]]:
    """The sentences (character spans) where the model's reading can change the mentions.

    The model changes the result in two ways only (see :func:`_ner_spans` and the checks in
    :func:`extract_mentions`): its span equal to a rule place is the second sign that lets
    the place through :func:`_plausible`, and its span over words no rule span covers is
    classified by :func:`_classify_span` and kept if it names something the gazetteer (or an
    analyst's correction) knows and passes the same checks. Both can be tried without the
    model: a sentence is read when a rule place there fails :func:`_plausible` alone but
    passes it with the model's sign, or when some span the model could propose there (from a
    capitalised word that is not a function word to a capitalised word, over at most
    :data:`_MODEL_SPAN_WORDS` words no rule span covers, inside the sentence) would be kept
    if the model proposed it. Every other sentence cannot gain or lose a mention by the
    model's reading, so it is not read (only the ``"rules+ner"`` mark of its rule places,
    which needs the reading, is not given).
    """
    starts = [t.start for t in tokens]
    covered = _rule_coverage(rule_spans)
    free = [not covered(t.start, t.end) for t in tokens]
    parts: dict[tuple[int, int], None] = {}  # each sentence once

    def part_of(k: int) -> tuple[int, int]:
        tok = tokens[k]
        if tok.sentence >= 0:
            s, e, _ = sentences[tok.sentence]
            return s, e
        s = text.rfind("\n", 0, tok.start) + 1  # a word outside every sentence: its line
        e = text.find("\n", tok.end)
        return s, len(text) if e < 0 else e

    for sp in rule_spans:
        if sp.category != "place" or normalize_term(sp.surface) in corrected:
            continue
        place = look(sp.query, bias, sp.kind_hint)
        if (place is not None and not _plausible(sp, place, tokens, text, bias, lexicon)
                and _plausible(sp, place, tokens, text, bias, lexicon, ner=True)):
            parts[part_of(bisect.bisect_right(starts, sp.start) - 1)] = None
    for a, first in enumerate(tokens):
        if not free[a] or not _is_cap(first.text) or first.text.lower() in _FUNCTION_WORDS:
            continue
        part = part_of(a)
        if part in parts:
            continue
        b = a
        stop = min(len(tokens), a + _MODEL_SPAN_WORDS)
        while b < stop and free[b] and part[0] <= tokens[b].start < part[1]:
            if _is_cap(tokens[b].text) and _kept_if_proposed(
                    text, tokens, list(range(a, b + 1)), lexicon, persons, masked, look,
                    corrected, bias):
                parts[part] = None
                break
            b += 1
    return sorted(parts)


def _kept_if_proposed(
    text: str,
    tokens: Sequence[_Token],
    run: Sequence[int],
    lexicon: Lexicon,
    persons: set[str],
    masked: Callable[[int, int], bool],
    look: GeocodeFn,
    corrected: frozenset[str],
    bias: tuple[str, ...],
) -> bool:
    """Whether a model span over the tokens ``run`` (no rule span on them) would become a
    mention: the classification of :func:`_ner_spans` and the checks of
    :func:`extract_mentions` (a place must pass :func:`_plausible` with the model's sign)."""
    start, end = tokens[run[0]].start, tokens[run[-1]].end
    surface = text[start:end]
    if normalize_term(surface) in corrected:
        return True
    span = _classify_span(text, tokens, run, 0, len(run), surface, start, end, lexicon,
                          persons, masked, look)
    if span is None or span.category in ("person", "masked", "demonym"):
        return False
    if span.category != "place":
        return True  # a seat of government or a territory needs no plausibility check
    place = look(span.query, bias, span.kind_hint)
    return _plausible(span, place, tokens, text, bias, lexicon, ner=True)


def _ner_spans(
    text: str,
    tokens: Sequence[_Token],
    rule_spans: Sequence[_Span],
    lexicon: Lexicon,
    persons: set[str],
    masked: Callable[[int, int], bool],
    look: GeocodeFn,
    corrected: frozenset[str],
    parts: Sequence[tuple[int, int]],
) -> list[_Span]:
    """The model's place spans the rules did not cover, classified as the rules would.

    The model reads only ``parts`` of the text (see :func:`_model_parts`), each on its own.
    A model span equal to a rule span only marks it (``found_by="rules+ner"``); one that
    overlaps any rule span is dropped (the rules decide there: "US" inside the organisation
    "US Navy" stays masked); the rest are cut to whole tokens and classified by
    :func:`_classify_span`, so lexicon entries, people and masked names still win.
    """
    out: list[_Span] = []
    starts = [t.start for t in tokens]
    by_extent = {(sp.start, sp.end): sp for sp in rule_spans}
    covered = _rule_coverage(rule_spans)

    for s, e, _label in ner_model.ner_place_spans_in(text, parts):
        same = by_extent.get((s, e))
        if same is not None:
            same.found_by = "rules+ner"
            continue
        if covered(s, e):
            continue
        run = list(range(bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)))
        while run and tokens[run[0]].text.lower() in _FUNCTION_WORDS:
            run = run[1:]
        if not run or not _is_cap(tokens[run[0]].text) or not _is_cap(tokens[run[-1]].text):
            continue
        start, end = tokens[run[0]].start, tokens[run[-1]].end
        surface = text[start:end]
        if normalize_term(surface) in corrected:
            span: _Span | None = _Span(0, len(run), start, end, surface, surface)
        else:
            span = _classify_span(text, tokens, run, 0, len(run), surface, start, end, lexicon,
                                  persons, masked, look)
        if span is None or span.category in ("person", "masked", "demonym"):
            continue
        if covered(span.start, span.end) or (out and out[-1].end > span.start):
            continue  # a place noun took the span further (spans come in text order)
        span.found_by = "ner"
        out.append(span)
    return out


def _role(word: str, lexicon: Lexicon) -> bool:
    """Whether ``word`` (any case, singular or plural) is a role noun ("adviser",
    "Counterparts")."""
    return lexicon.has("role_noun", word) or (
        word.lower().endswith("s") and lexicon.has("role_noun", word[:-1]))


def _name_after_role(text: str, run_start: int, words: Sequence[str],
                     lexicon: Lexicon) -> int | None:
    """Where a person's name starts in a run of capitalised words, by its role noun: in
    apposition after it ("his U.S. and Japanese counterparts, Seth Bailey and Akihiro
    Okochi") or inside the run before a full name ("National Security Advisor Takeo
    Akiba"); None when no role noun introduces one."""
    before = re.search(r"\b([a-z]+)\s*,\s*$", text[max(0, run_start - 40):run_start])
    if len(words) >= 2 and before is not None and _role(before.group(1), lexicon) and not any(
            w.isupper() for w in words):
        return 0  # a lower-case role noun: "The Diplomat, CARAT Indonesia" names no person
    for k, w in enumerate(words[:-2]):
        if _role(w, lexicon) and all(_is_cap(x) and x.lower() not in _RUN_CONNECTORS
                                     for x in words[k + 1:k + 3]):
            return k + 1
    return None


#: After a name: that it speaks ("ambassador Davies said"): a person, not a town.
_SPEAKS = re.compile(r"\s+(?:said|says|told|tells|added|stressed|noted|warned|stated)\b")


def _person_names(text: str, tokens: Sequence[_Token], lexicon: Lexicon) -> set[str]:
    """Names of people the article introduces (full names and surnames, normalised).

    A person is named after a title ("President Donald Trump"), a role noun ("strongman
    Alexander Lukashenko"), an age ("42-year-old Adell Taylor Kirby") or with a known given
    name ("Keith Kellogg"); later bare uses of the surname ("Kellogg said") are then not
    places either.
    """
    names: set[str] = {normalize_term(t) for t in lexicon.terms("person")}
    for run in _runs(text, tokens):
        words = [tokens[k].text for k in run]
        start = None
        for k, w in enumerate(words):
            nxt = words[k + 1] if k + 1 < len(words) else ""
            two = f"{w} {nxt}"
            if lexicon.has("person_title", two) and k + 2 < len(words):
                start = k + 2
                break
            if lexicon.has("person_title", w) and k + 1 < len(words) and _is_cap(nxt):
                start = k + 1
                break
            if lexicon.has("given_name", w) and k + 1 < len(words) and _is_cap(nxt) \
                    and not lexicon.has("place_noun", nxt) and not lexicon.has("org_word", nxt):
                start = k
                break
        if start is None:
            before = _preceding_words(text, tokens[run[0]].start, 2)
            if before and lexicon.has("role_noun", before[0]) and (
                    len(run) >= 2 or _SPEAKS.match(text, tokens[run[-1]].end)):
                start = 0  # "strongman Alexander Lukashenko", "US ambassador Davies said"
        if start is None:
            start = _name_after_role(text, tokens[run[0]].start, words, lexicon)
        if start is None:
            continue
        stop = next((k for k in range(start, len(words)) if words[k].lower() in ("of", "from")),
                    len(words))  # "Paris Hilton of Columbus": the name ends before "of"
        name_words = [w for w in words[start:stop] if w not in _RUN_CONNECTORS]
        if not name_words:
            continue
        names.add(normalize_term(" ".join(name_words)))
        names.add(normalize_term(name_words[-1]))
        if len(name_words) >= 3:
            names.add(normalize_term(" ".join(name_words[-2:])))
    for m in _EAST_ASIAN_NAME.finditer(text):  # "Yang Yin-shih" ... "Yang's home"
        names.add(normalize_term(m.group(0)))
        names.add(normalize_term(m.group(1)))
    for s, e in _aged_person_spans(text):  # "42-year-old Adell Taylor Kirby" ... "Kirby was"
        name_words = text[s:e].split()
        names.add(normalize_term(" ".join(name_words)))
        names.add(normalize_term(name_words[-1]))
    return names


def _classify_run(
    text: str,
    tokens: Sequence[_Token],
    run: Sequence[int],
    lexicon: Lexicon,
    persons: set[str],
    masked: Callable[[int, int], bool],
    look: GeocodeFn,
    corrected: frozenset[str] = frozenset(),
) -> list[_Span]:
    """Split one capitalised run into spans, longest match first."""
    out: list[_Span] = []
    words = [tokens[k].text for k in run]
    n = len(run)
    # Organisation and unit names: the whole run is a name, unless the gazetteer knows it.
    for k, w in enumerate(words):
        pair = f"{w} {words[k + 1]}" if k + 1 < n else ""
        if lexicon.has("org_word", w) or lexicon.has("unit_word", w) or (
                pair and (lexicon.has("unit_word", pair) or lexicon.has("org_word", pair))):
            whole = text[tokens[run[0]].start:tokens[run[-1]].end]
            place = look(whole, (), None)
            if place is None or place.raw.get("match_stage") != "exact" or n < 2:
                local = _local_institution(text, tokens, run, look)
                masked_span = _Span(0, n, tokens[run[0]].start, tokens[run[-1]].end, whole,
                                    whole, category="masked")
                return [local, masked_span] if local is not None else [masked_span]
            break
    # A title or a given name starts a person's name: only the part before it can be a place.
    limit = n
    for k, w in enumerate(words):
        two = f"{w} {words[k + 1]}" if k + 1 < n else ""
        if (two and lexicon.has("person_title", two)) or lexicon.has("person_title", w):
            limit = k
            break
        if lexicon.has("given_name", w) and k + 1 < n and _is_cap(words[k + 1]) \
                and not lexicon.has("place_noun", words[k + 1]):
            limit = k
            break
    # The person's name ends at "of"/"from": what follows is where they are from, a place
    # again ("Mr. Paris Hilton of Columbus"); the person reading stays with its own span.
    segments = [(0, limit)]
    if limit < n:
        after = next((k for k in range(limit + 1, n) if words[k].lower() in ("of", "from")), None)
        if after is not None and after + 1 < n:
            segments.append((after + 1, n))
    for first, stop in segments:
        i = first
        while i < stop and words[i].lower() in _FUNCTION_WORDS and not (
                len(words[i]) > 1 and words[i].isupper()):
            i += 1
        while i < stop:
            matched = False
            for j in range(min(stop, i + 6), i, -1):
                if words[i] in _RUN_CONNECTORS or words[j - 1] in _RUN_CONNECTORS:
                    continue
                start, end = tokens[run[i]].start, tokens[run[j - 1]].end
                surface = text[start:end]
                if normalize_term(surface) in corrected:  # the analyst has ruled on this name
                    span: _Span | None = _Span(i, j, start, end, surface, surface)
                else:
                    span = _classify_span(text, tokens, run, i, j, surface, start, end,
                                          lexicon, persons, masked, look)
                if span is not None:
                    out.append(span)
                    i = j
                    matched = True
                    break
            if not matched:
                i += 1
    return out


# Bodies of a state, county or town that name it: "the Texas Army National Guard", "the
# Killeen Police Department", "Onslow County Sheriff's Office", "Kent Fire and Rescue".
_LOCAL_BODY = re.compile(
    r"(?:Army\s+|Air\s+)?National\s+Guard|State\s+Police|Police(?:\s+Department)?"
    r"|Sheriff(?:['’]s\s+Office)?|Highway\s+Patrol|Fire(?:\s+Department|\s+and\s+Rescue)?"
    r"|(?:County|City|Town|Borough|Regional)\s+Council|Emergency\s+Management")


def _local_institution(text: str, tokens: Sequence[_Token], run: Sequence[int],
                       look: GeocodeFn) -> _Span | None:
    """The place a local body is named after, as its own span: an admin area or town whose
    name the run starts with, followed by a state or local body (police, sheriff, council,
    National Guard). A national body ("Russian Army", "Pacific Fleet") is not local."""
    for k in range(1, len(run)):  # the longest body first: "Army National Guard"
        rest = text[tokens[run[k]].start:tokens[run[-1]].end]
        if not (_LOCAL_BODY.fullmatch(rest) or CIVIL_BODY.fullmatch(rest)):
            continue
        # The longest name before the body that is a place ("Later the Texas" -> "Texas").
        for i in range(k):
            if tokens[run[i]].text.lower() in _FUNCTION_WORDS:
                continue
            start, end = tokens[run[i]].start, tokens[run[k - 1]].end
            surface = text[start:end]
            place = look(surface, (), None)
            if place is not None and place.kind in ("region", "county", "city", "town"):
                return _Span(i, k, start, end, surface, surface)
    return None


def _classify_span(
    text: str,
    tokens: Sequence[_Token],
    run: Sequence[int],
    i: int,
    j: int,
    surface: str,
    start: int,
    end: int,
    lexicon: Lexicon,
    persons: set[str],
    masked: Callable[[int, int], bool],
    look: GeocodeFn,
) -> _Span | None:
    """What the span ``[i, j)`` of a run is, or None when it is nothing known."""
    key = normalize_term(surface)
    if masked(start, end):
        return _Span(i, j, start, end, surface, surface, category="masked")
    if key in persons:
        return _Span(i, j, start, end, surface, surface, category="person")
    for category in ("outlet", "organisation", "platform", "weapon", "exercise_name",
                     "not_a_place", "person"):
        if lexicon.has(category, surface):
            return _Span(i, j, start, end, surface, surface, category="masked")
    seat = lexicon.get("seat_of_government", surface)
    if seat is not None:
        return _Span(i, j, start, end, surface, surface, kind_hint=seat.kind_hint,
                     category="seat")
    at_run_end = j == len(run)
    place = look(surface, (), None)
    stage = place.raw.get("match_stage") if place is not None else None
    if place is not None and stage == "demonym":
        if at_run_end:
            geo_noun = _following_noun(text, end, lexicon, "geo_noun")
            if geo_noun is not None:
                phrase, noun_end, _ = geo_noun
                full = text[start:noun_end]
                return _Span(i, j, start, noun_end, full, surface, kind_hint="country",
                              category="territory", country=place.country_code)
        return _Span(i, j, start, end, surface, surface, category="demonym",
                     country=place.country_code)
    if at_run_end:
        noun = _following_noun(text, end, lexicon, "place_noun")
        if noun is not None and noun[0] in _SETTLEMENT_NOUNS and _OF_A_NAME.match(
                text, noun[1]):
            noun = None  # "the northern Manitoba city of Flin Flon": the city is Flin Flon
        if noun is not None and not (j - i == 1 and lexicon.has("common_word", surface)):
            phrase, noun_end, hint = noun
            full = text[start:noun_end]
            with_noun = look(full, (), hint or None)
            if with_noun is not None and with_noun.raw.get("match_stage") != "demonym":
                return _Span(i, j, start, noun_end, full, full, kind_hint=hint or None)
    if place is None:
        return None
    if j - i == 1 and (lexicon.has("common_word", surface) or lexicon.has("given_name", surface)
                       ) and place.raw.get("match_stage") != "exact" or (
            j - i == 1 and lexicon.has("common_word", surface)):
        return None
    if stage == "adjectival" and not (j - i > 1 and place.kind in ("region", "county")):
        # "Zelenskiy" -> a village: only with a place noun after it, or as the name of an
        # admin area ("Primorsky Territory Governor ...": the territory Primorskiy kray)
        return None
    return _Span(i, j, start, end, surface, surface)


_TOWN_KINDS = frozenset({"city", "town", "village"})
# A settlement noun followed by "of" and a name describes that name, not the one before it.
_SETTLEMENT_NOUNS = frozenset({"city", "town", "village", "port", "port city", "community"})
_OF_A_NAME = re.compile(r"[ \t]+of[ \t]+[A-Z]")
# A town abroad smaller than this, in an article about other countries, is taken for a
# namesake of a place the gazetteer lacks, not for a place of its own.
_NAMESAKE_ABROAD_MAX = 100_000
_FOCUS_AREA_KINDS = frozenset({"country", "capital", "region", "county"})
_FOCUS_CITY_POPULATION = 1_000_000


def _names_a_foreign_area(place: Place) -> bool:
    """Whether a country's name also names an area of another country ("Georgia", the US
    state; "Niger", the Nigerian state): such a name does not tell which country an article
    is about, so it casts no vote for the article's countries."""
    return place.kind == "country" and any(
        isinstance(c, Candidate) and c.kind == "region" and c.country_code != place.country_code
        for c in place.candidates)


def _focus_place(place: Place) -> bool:
    """Whether a place names the country an article is about (it is unlikely to be a namesake
    abroad): a country, capital, curated place, admin area or a city of a million or more."""
    if place.kind in _FOCUS_AREA_KINDS or place.source.startswith("data/"):
        return True
    return int(place.raw.get("population", 0) or 0) >= _FOCUS_CITY_POPULATION


# "the communities of Mundubbera and Gayndah", "the village of Mytholmroyd": a noun for a
# settlement, "of", then the name (or a later item of a list of names).
_PLACE_FRAME = re.compile(
    r"\b(?i:towns?|villages?|communit(?:y|ies)|hamlets?|settlements?|townships?|suburbs?)"
    r"\s+of\s+(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}\s*(?:,\s*(?:and\s+)?|\s+and\s+))*$")


# After a name: more names of a list, then "in" or a comma and the area they lie in
# ("Kilcoy and Woodford in Queensland", "Dalby, Queensland").
_AREA_AFTER = re.compile(
    r"(?:(?:[ \t]*,[ \t]*(?:and[ \t]+|or[ \t]+)?|[ \t]+(?:and|or)[ \t]+)"
    r"[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,2})*"
    r"(?:[ \t]*,[ \t]*|[ \t]+in[ \t]+(?:the[ \t]+)?)([A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,2})")


def _in_the_area_named_after(text: str, end: int, place: Place | None, look: GeocodeFn,
                             bias: tuple[str, ...]) -> bool:
    """Whether the text puts a town in the first-level area that contains it, right after
    its name or after the list it ends ("Kilcoy and Woodford in Queensland", "Wolfville,
    N.S."): named with its area, a small town is a place (not a word that looks like one)."""
    if place is None or place.kind not in _TOWN_KINDS:
        return False
    after = _AREA_AFTER.match(text, end)
    if after is None:
        return False
    area = look(after.group(1), bias, None)
    if area is None:
        # "Wolfville, N.S.": the area written as its postal abbreviation
        cc, name = (US_STATE_ABBREVIATIONS.get(after.group(1))
                    or OTHER_ADMIN_ABBREVIATIONS.get(after.group(1)) or ("", ""))
        area = look(name, ("US" if after.group(1) in US_STATE_ABBREVIATIONS else cc,),
                    "region") if name else None
    return (area is not None and area.kind == "region"
            and area.country_code == place.country_code
            and str(area.raw.get("admin1code") or "") == str(place.raw.get("admin1code") or "")
            != "")


# "Laidley residents are being evacuated": the people of a town of the article's country.
_RESIDENTS_AFTER = re.compile(r"[ \t]+(?:residents|locals|townspeople|homeowners)\b")


def _plausible(sp: _Span, place: Place | None, tokens: Sequence[_Token], text: str,
               bias: tuple[str, ...], lexicon: Lexicon, *, ner: bool = False) -> bool:
    """Whether a gazetteer hit for a capitalised span should count as a place mention.

    ``ner``: the named-entity model labelled the span a place too. That reading of the context
    counts as one more sign, so it only ever lets more through: an all-capitals capital of a
    country the article names ("SEOUL" in a dateline), and a single-word town of 5,000 or
    more people in a country the article names, or after a locative preposition in an
    article that names no country (a small town abroad is more likely a namesake: "Jones" in
    North Carolina is not the Philippine town); hamlets, headline words and sentence starts
    stay out as before.
    """
    if place is None:
        return False
    if place.source.startswith("data/"):
        return True
    population = int(place.raw.get("population", 0) or 0)
    single = sp.j - sp.i == 1
    if (single and sp.surface.lower() in common_english_words()
            and place.kind not in ("country", "continent") and population < 500_000
            and not _locative(text, sp.start, [])[0]):
        return False  # "Man was...", "Nice to...": an ordinary word, unless "in Nice"
    if place.kind in _SENTENCE_START_OK_KINDS - {"capital"}:
        return True
    if (bias and place.country_code not in bias and place.kind in _TOWN_KINDS
            and population < _NAMESAKE_ABROAD_MAX):
        return False  # "Emerson" in Manitoba news is not the town in New Jersey
    k = bisect.bisect_left(tokens, sp.start, key=lambda t: t.start)  # tokens are in order
    tok = tokens[k] if k < len(tokens) and tokens[k].start == sp.start else None
    strict = tok.strict if tok is not None else False
    acronym = single and sp.surface.isupper() and len(sp.surface) <= 5
    in_bias = place.country_code in bias
    if acronym:
        return ner and in_bias and (place.kind == "capital" or population >= 100_000)
    if place.kind == "capital" or population >= 100_000:
        return True
    if place.kind in _TOWN_KINDS and (
            _PLACE_FRAME.search(text, max(0, sp.start - 200), sp.start)
            or (in_bias and _RESIDENTS_AFTER.match(text, sp.end))):
        return True  # "the communities of Mundubbera and Gayndah", "Laidley residents"
    if strict:
        return False
    locative = bool(_locative(text, sp.start, [])[0])
    if not single:
        return in_bias or population >= 1_000 or locative
    if locative and (in_bias or population >= 20_000):
        return True
    if in_bias and population >= 5_000:
        return True  # a town of the country the article is about ("Narvik" in Norway news)
    return ner and population >= 5_000 and locative and not bias


# ------------------------------------------------------------------ military news (issue 9)
# Readings that reports on exercises, deployments and incidents need: sites named in
# quotes after their noun, countries inside an institution's name, ports, areas named with
# their country's possessive, reference lines written in lower case; and the traps of such
# reports: honorary titles and ships named like places, abbreviations used as adjectives,
# "coast guard", capitals standing for their governments.

# A rank abbreviation before a name ("Lt. Gen. Jerry P. Martinez", "Col. Steve Warren"): the
# words after it are a person's name, a middle initial included.
_RANKED_NAME = re.compile(
    r"\b(?:(?:Lt|Lieut|Gen|Col|Maj|Capt|Cpt|Adm|Sgt|Cmdr|Cdr|Brig|Cpl|Pvt|Rear Adm|Vice Adm"
    r"|Lt Col|Lt Gen|Maj Gen|Brig Gen)\.\s+)+"
    r"((?:[A-Z][a-z]+|[A-Z]\.)(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]+)){0,3})")


def _ranked_person_names(text: str) -> set[str]:
    """Full names and surnames after rank abbreviations (see :data:`_RANKED_NAME`).

    >>> sorted(_ranked_person_names("said Lt. Gen. Jerry P. Martinez, commander"))
    ['jerry p. martinez', 'martinez']
    """
    names: set[str] = set()
    for m in _RANKED_NAME.finditer(text):
        words = m.group(1).split()
        if len(words) < 2:
            continue
        names.add(normalize_term(" ".join(words)))
        names.add(normalize_term(words[-1]))
    return names


# An honorary title ("Hero of the Russian Federation", "Hero of the Soviet Union"): a title,
# also the name of ships, never the country as a place.
_HONORARY_TITLE = re.compile(
    r"\bHero(?:es)?\s+of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:Union|Federation|Republic))?")
# Names before a plural ship noun ("the Yuncheng and Chaohu warships"): ships, not towns.
_NAMES_BEFORE_SHIPS = re.compile(
    r"\b((?:[A-Z][\w'’-]*,\s+)*[A-Z][\w'’-]*,?\s+and\s+[A-Z][\w'’-]*)\s+"
    r"(?:warships|frigates|destroyers|corvettes|cruisers|submarines|landing ships)\b")


# A ship named after its type ("the supply ship Chaohu Lake", "the landing ship Yamal").
_TYPED_SHIP = re.compile(
    r"\b(?:supply|support|replenishment|hospital|research|survey|training|intelligence"
    r"|landing|patrol|command|missile|escort|rescue|salvage)\s+(?:ship|vessel)\s+"
    r"([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})")


#: A regional standby force is an organisation named after its region ("the Eastern Africa
#: Standby Force", "the ECOWAS Standby Force").
_STANDBY_FORCE = re.compile(r"\b(?:[A-Z][\w'’-]*\s+){1,3}Standby\s+(?:Force|Brigade)\b")


#: A US service command named after its region ("U.S. Army Europe and Africa", "US Naval
#: Forces Europe-Africa", "U.S. Air Forces in Europe"): a command, not the region.
_US_COMMAND = re.compile(
    r"\b(?:U\.\s?S\.|US|United\s+States)\s+(?:Army|Navy|Naval\s+Forces|Air\s+Forces?|Marine"
    r"\s+(?:Corps\s+)?Forces|Special\s+Operations\s+Command)\s+(?:in\s+)?(?:Europe|Africa"
    r"|Pacific|Korea|Japan|Central|South|North)(?:\s*(?:and|-|–)\s*Africa)?\b")
#: A person's name with a middle initial ("James B. Foley"), not an airport or a base named
#: after one ("John F. Kennedy International Airport").
_MIDDLE_INITIAL_PERSON = re.compile(
    r"\b[A-Z][a-z]+\s+[A-Z]\.\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b(?!\s+(?:International|Airport"
    r"|Air|Army|Naval|Base|Center|Centre|Stadium|Memorial|Bridge|Street|Avenue|Highway|School"
    r"|University|Library|Park))")


@lru_cache(maxsize=4)
def _organisation_sites(organisations: tuple[str, ...]) -> re.Pattern[str]:
    """An organisation's own facility ("the NATO Training Centre", "Nato Maritime Centre", "the
    UN Logistics Base"): named after the organisation, at no place of that name (the Philippine
    town of Nato); built once per lexicon."""
    names = "|".join(re.escape(o) for o in organisations)
    return re.compile(r"(?<![\w-])(?i:" + names + r")\s+(?:[A-Z][\w-]*\s+){0,3}"
                      r"(?:Centre|Center|Base|Range|Headquarters|School|Academy|College|Ground"
                      r"|Area|Field)\b")


def _military_mask_spans(text: str, look: GeocodeFn) -> list[tuple[int, int]]:
    """Honorary titles, ships named after their type, and names listed before a plural
    ship noun unless a name is a country or an area ("the Russian and Chinese warships"
    name no ships)."""
    spans = [(m.start(), m.end()) for m in _HONORARY_TITLE.finditer(text)]
    spans += [(m.start(), m.end()) for m in _STANDBY_FORCE.finditer(text)]
    spans += [(m.start(), m.end()) for m in _US_COMMAND.finditer(text)]
    spans += [(m.start(), m.end()) for m in _MIDDLE_INITIAL_PERSON.finditer(text)]
    spans += [(m.start(1), m.end(1)) for m in _TYPED_SHIP.finditer(text)]
    for m in _NAMES_BEFORE_SHIPS.finditer(text):
        names = [(m.start(1) + n.start(), m.start(1) + n.end())
                 for n in re.finditer(r"[A-Z][\w'’-]*", m.group(1))]
        readings = [look(text[s:e], (), None) for s, e in names]
        if all(p is None or (p.kind in _TOWN_KINDS and p.raw.get("match_stage") == "exact")
               for p in readings):
            spans.extend(names)
    return spans


# What an abbreviated country or union modifies ("US close air support", "U.S. howitzers",
# "EU representative"), up to two lower-case words before the noun.
_ABBREVIATION_MODIFIES = re.compile(
    r"\.?\s+(?:[a-z]+\s+){0,2}(?:howitzers?|artillery|weapons?|equipment|support|deployments?"
    r"|representatives?|envoys?|lawmakers|sanctions|contingents?|rifles?|missiles?|tanks?"
    r"|helicopters?|drones?|warplanes?|servicemen|personnel|diplomats?|observers?|instructors"
    r"|advisers|advisors|trainers|assistance|aid|funding|membership|member\s+states?)\b")
# "coast guard", "border guard": an organisation, not a territory.
_GUARD_AFTER = re.compile(r"\s+guards?\b", re.IGNORECASE)


def _misread_in_military_news(text: str, sp: _Span, place: Place | None,
                              bias: tuple[str, ...]) -> bool:
    """Whether a span the rules resolved is, in fact, no place mention: a nationality before
    "coast guard", a name with "anti-" or "pro-" ("anti-Pyongyang broadcasts"), an
    abbreviated country or union modifying a noun ("US close air support", "EU
    representative") or listed among nationality adjectives ("Georgian, U.S., British")."""
    if place is None:
        return False
    if sp.category == "territory":
        return _GUARD_AFTER.match(text, sp.end) is not None
    if re.search(r"\b(?:anti|pro)-$", text[max(0, sp.start - 5):sp.start], re.IGNORECASE):
        return True
    if not (_ABBREVIATED_ADJECTIVE.match(sp.surface)
            and place.kind in ("country", "organisation-area", "region")):
        return False
    if _ABBREVIATION_MODIFIES.match(text, sp.end):
        return True
    before = re.search(r"\b([A-Z][a-z]+),\s*$", text[max(0, sp.start - 30):sp.start])
    # "the UK, Saudi Arabia": a nationality word that starts a country's name is no adjective
    after = re.match(r"\.?,\s*(?:and\s+|or\s+)?([A-Z][a-z]+)\b(?!\s+[A-Z])",
                     text[sp.end:sp.end + 30])
    return any(m is not None and m.group(1).lower() in DEMONYMS for m in (before, after))


# A site named in quotes after its noun ('the mountain training center "Edelweiss"') or
# before it ('the "Dubrovichi" range').
_SITE_KINDS = frozenset({"training ground", "military area"})
_QUOTED = r"[\"“«]([A-Z][\w'’ -]{1,40}?)[\"”»]"
# "the Armed Forces of the Kyrgyz Republic", "the Ministry of Defence of Belarus": the
# country after "of" in an institution's name.
_OF_NAME = re.compile(r"\bof\s+(?:the\s+)?([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,4})")
_INSTITUTION_BEFORE = re.compile(
    r"([A-Z][\w'’-]*(?:\s+(?:of\s+(?:the\s+)?|and\s+)?[A-Z][\w'’-]*){0,5})\s+$")
_PORT_OF = re.compile(r"\bPort\s+of\s+([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)")
# "Russia's Far East": an area named with its country's possessive.
_POSSESSIVE_AREA = re.compile(
    r"\b([A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)['’]s\s+([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})")
# A reference line or zone written in lower case ("crossed the military demarcation line").
_LOWER_CASE_LINE = re.compile(r"\bthe\s+((?:[a-z]+[ -]){1,3}(?:line|zone))\b")
_LINE_NEAR_KM = 600.0
# A capital or seat as one side of a relation ("ties between Moscow and Beijing") or as the
# agent of a state's act ("Beijing last week staged war games"): the government.
_RELATION_BETWEEN = re.compile(
    r"\b(?:ties|relations|cooperation|co-operation|partnership|alliance|rapprochement|rift"
    r"|tensions?|rivalry|dialogue|friendship|axis|links|contacts|coordination|efforts?"
    r"|collaboration|talks|negotiations|agreements?|deals?|disputes?|rows?|feud|standoff"
    r"|stand-off|détente|detente|summits?|exchanges|diplomacy|trust|distrust|hostility"
    r"|animosity|confrontation)\s+(?:[a-z]+\s+){0,2}between\s+$", re.IGNORECASE)
_STATE_ACT_AFTER = re.compile(
    r"['’]?\s+(?:(?:last|this|next)\s+(?:week|month|year|[A-Z][a-z]+day)\s+|on\s+[A-Z][a-z]+day"
    r"\s+|(?:has|have|had|also|then)\s+)?(?:staged|launched|held|conducted|deployed|sent"
    r"|dispatched|imposed|retaliated|vowed|pledged|blamed|sanctioned|recalled|expelled"
    r"|scrambled|mobili[sz]ed|lodged|issued|stepped\s+up)\b")


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (spherical Earth, radius 6371 km): enough to say "near"."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _with_military_readings(text: str, mentions: list[Mention], geocoder: Any,
                            look: GeocodeFn, bias: tuple[str, ...],
                            masked: Callable[[int, int], bool], lexicon: Lexicon
                            ) -> list[Mention]:
    """Add the places military news names in ways the capitalised-run rules miss, each
    replacing shorter readings of the same words, then flag capitals that stand for their
    governments in relations and state acts (see the section's comment)."""
    out = list(mentions)

    def add(start: int, end: int, query: str, place: Place, note: str) -> None:
        nonlocal out
        if masked(start, end) or any(o.start <= start and end <= o.end for o in out):
            return  # masked, or already read with a span at least as long
        out = [o for o in out if not (o.start < end and start < o.end)]
        locative, prep = _locative(text, start, [o for o in out if o.end <= start])
        out.append(Mention(
            article_id="", sentence="", surface=text[start:end], start=start, end=end,
            query=query, place=place, metonym=False, locative=locative, preposition=prep,
            origin="machine", note=f"{place.note + '; ' if place.note else ''}{note}",
            found_by="rules"))
        out.sort(key=lambda m: m.start)

    site_nouns = sorted((t for t in lexicon.terms("place_noun")
                         if (e := lexicon.get("place_noun", t)) is not None
                         and e.kind_hint in _SITE_KINDS), key=len, reverse=True)
    if site_nouns:
        nouns = "|".join(re.escape(t) for t in site_nouns)
        after_noun = re.compile(rf"\b({nouns})\s+{_QUOTED}")
        before_noun = re.compile(rf"{_QUOTED}\s+({nouns})\b")
        for rx, (noun_group, name_group) in ((after_noun, (1, 2)), (before_noun, (2, 1))):
            for m in rx.finditer(text):
                noun, name = m.group(noun_group), m.group(name_group).strip()
                place = look(f"{name} {noun}", bias, "training ground")
                if place is not None and place.kind in _SITE_KINDS:
                    start = m.start(name_group)
                    add(start, start + len(name), f"{name} {noun}", place,
                        f"the {noun} named {name!r}")
    for m in _OF_NAME.finditer(text):
        head = _INSTITUTION_BEFORE.search(text, max(0, m.start() - 80), m.start())
        if head is None or not any(
                lexicon.has("org_word", w) or lexicon.has("unit_word", w)
                for w in [*head.group(1).split(), *re.findall(r"[A-Z][\w'’-]*\s+[A-Z][\w'’-]*",
                                                              head.group(1))]):
            continue
        words = list(re.finditer(r"[A-Z][\w'’-]*", m.group(1)))
        for k in range(len(words), 0, -1):
            start, end = m.start(1), m.start(1) + words[k - 1].end()
            place = look(text[start:end], bias, "country")
            if place is not None and place.kind == "country" and place.raw.get(
                    "match_stage") == "exact":
                add(start, end, text[start:end], place, "the country of an institution")
                break
    for m in _PORT_OF.finditer(text):
        try:
            found = geocoder.geocode(m.group(1), exactly_one=False, country_bias=bias)
        except TypeError:
            found = None
        readings = found if isinstance(found, list) else [found] if found else []
        town = next((p for p in readings if p.kind in _POINT_KINDS), None)
        if town is not None and not any(o.start <= m.start() and m.end() <= o.end
                                        for o in out):
            add(m.start(), m.end(), m.group(1), town, f"the port of {town.name}")
    for m in _POSSESSIVE_AREA.finditer(text):
        owner = look(m.group(1), (), None)
        if owner is None or owner.kind != "country" or masked(m.start(2), m.end(2)):
            continue
        adjectives = [d for d, cc in DEMONYMS.items() if cc == owner.country_code]
        words = list(re.finditer(r"[A-Z][\w'’-]*", m.group(2)))
        for k in range(len(words), 0, -1):
            area = m.group(2)[:words[k - 1].end()]
            place = next((p for d in adjectives
                          if (p := look(f"{d.title()} {area}", bias, None)) is not None
                          and p.raw.get("match_stage") == "exact"
                          and p.kind not in _POINT_KINDS
                          and p.country_code in (owner.country_code, "")), None)
            if place is not None:
                add(m.start(2), m.start(2) + len(area), place.name, place,
                    f"{m.group(1)}'s {area} read as {place.name!r}")
                break
    for m in _LOWER_CASE_LINE.finditer(text):
        phrase = m.group(1)
        place = look(phrase.title(), (), None)
        if place is None or not place.source.startswith("data/") or place.raw.get(
                "match_stage") != "exact":
            continue
        if any(o.place is not None and not o.metonym and o.place is not place and _distance_km(
                o.place.lat, o.place.lon, place.lat, place.lon) <= _LINE_NEAR_KM for o in out):
            add(m.start(1), m.end(1), phrase, place, "a reference line named in lower case")
    return _government_capitals(text, _sites_by_their_town(text, out, geocoder, bias))


# "the Rayevsky range in Novorossiysk", "the Kuznetsky range near Kursk": the town after the
# site's name says which namesake the site is named after.
_SITE_TOWN_GAP = re.compile(r"\s*(?:,\s*)?(?:in|near|outside|at|by)\s+(?:the\s+)?(?:\w+\s+of\s+)?$")


def _sites_by_their_town(text: str, mentions: list[Mention], geocoder: Any,
                         bias: tuple[str, ...]) -> list[Mention]:
    """Re-locate a site read from a town it is named after (see
    :func:`_site_read_from_a_town`) near the town the text places it in or near."""
    out = list(mentions)
    for i, m in enumerate(out[:-1]):
        town = out[i + 1].place
        if (m.place is None or not _site_read_from_a_town(m.place) or town is None
                or town.kind not in _POINT_KINDS
                or not _SITE_TOWN_GAP.fullmatch(text[m.end:out[i + 1].start])):
            continue
        place = _geocode_in(geocoder, m.query, country_bias=bias, near=[(town.lat, town.lon)])
        if place is None or not (place.raw or {}).get("features", {}).get("proximity"):
            continue
        if (place.lat, place.lon) != (m.place.lat, m.place.lon):
            out[i] = replace(m, place=place, note=f"{place.note + '; ' if place.note else ''}"
                                                  f"near {out[i + 1].surface!r}")
    return out


def _government_capitals(text: str, mentions: list[Mention]) -> list[Mention]:
    """Flag capitals and seats named as one side of a relation or as the agent of a
    state's act as metonyms (see :data:`_RELATION_BETWEEN`, :data:`_STATE_ACT_AFTER`)."""
    out = list(mentions)
    for i, m in enumerate(out):
        if m.metonym or m.place is None or m.place.kind not in ("capital", "building"):
            continue
        k = i
        while k > 0 and _LIST_GAP.match(text[out[k - 1].end:out[k].start]):
            k -= 1  # the first name of the list this one ends
        relation = _RELATION_BETWEEN.search(text, max(0, out[k].start - 80), out[k].start)
        if relation is not None or _STATE_ACT_AFTER.match(text, m.end) or _VOICE_FROM.search(
                text, max(0, out[k].start - 60), out[k].start):
            out[i] = replace(m, metonym=True, locative=False,
                             note=f"{m.note + '; ' if m.note else ''}{_GOVERNMENT_NOTE}")
    return out


#: The note :func:`_government_capitals` adds to a capital it reads as its government.
_GOVERNMENT_NOTE = "stands for its government"
# What a government sends or receives, before "from" ("strong reactions from the Kremlin",
# "a warning from Beijing"): the source of a voice or an act, not where something happens.
_VOICE_FROM = re.compile(
    r"\b(?:reactions?|responses?|criticism|condemnation|warnings?|protests?|statements?"
    r"|comments?|threats?|demands?|pressure|backlash|anger|objections?|signals?|messages?"
    r"|orders?|instructions?|approval|rebuke|retaliation|denials?|assurances?|requests?"
    r"|invitations?|complaints?|proposals?|offers?|concerns?)\s+from\s+(?:the\s+)?$")
# A capital followed by an act only a government performs, beyond the speech verbs of
# :func:`_is_metonym` and :data:`_STATE_ACT_AFTER` ("Moscow invaded Ukraine", "Islamabad
# reacted", "Yerevan has sought to distance itself", "Moscow would respond").
_GOVERNMENT_ACT_AFTER = re.compile(
    r"['’]?\s+(?:(?:has|have|had|would|will|could|may|might|must|did|does|also|then|now"
    r"|currently|still|already|again|always|never|hitherto|previously|once|\w+ly)\s+){0,3}"
    r"[\"“]?(?:invaded|invades|invade|annexed|made\s+it\s+clear|makes\s+it\s+clear"
    r"|remains?\s+(?:steadfast|committed|firm|opposed|adamant|determined|unconvinced)"
    r"|is\s+refusing|are\s+refusing|was\s+refusing|traded|trade|exchanged|blocked|blocks"
    r"|vetoed|vetoes|vowed|vows|pledged|pledges|pushed\s+for|pushes\s+for|lodged|lodges"
    r"|recalled|expelled|expels|imposed|imposes"
    r"|reacted|reacts|react|responded|responds|respond|retaliate|sought|seeks|seek|tried"
    r"|tries|try|refused|refuses|refuse|shown|showed|shows|holds|hold|froze|frozen|suspended"
    r"|suspends|ratified|recognised|recognized|intends|plans|planned|objected|objects|protests"
    r"|wants|hopes|insists|continues|continued|cut|downgraded|severed|normalised|normalized"
    r"|restored|approved|allowed|banned|accused|criticised|criticized|slammed|hit\s+back)\b")
# A capital's possessive before what a government has or does ("Moscow's actions",
# "Beijing's war drum", "Pyongyang's \"repeated ballistic missile launches\"", "Seoul's
# foreign ministry").
_GOVERNMENT_POSSESSIVE = re.compile(
    r"['’]s?\s+[\"“]?(?:[\w-]+\s+){0,3}?(?:actions?|claims?|accusations?|ties|relations|war"
    r"|missiles?|launches|nuclear|military|forces|troops|army|navy|policy|policies|position"
    r"|stance|response|concerns?|demands?|decisions?|government|leadership|support|aggression"
    r"|invasion|provocations?|threats?|ambitions?|allies|ally|envoys?|ambassadors?|officials"
    r"|diplomats?|moves?|sanctions|approach|plans?|intentions?|ministry|ministries|embassy"
    r"|protests?|warnings?|objections?|rhetoric|territorial|sovereignty|assertiveness"
    r"|behaviou?r|strategy|interests?|pressure|crackdown|retaliation|objectives?|goals?"
    r"|efforts?|campaign|drills?|exercises?|coercion|intimidation|proposals?|initiatives?"
    r"|implementation|readiness|influence|requests?|appeals?|bid|plea|vessels|ships|warships"
    r"|jets|aircraft|planes|drones|bombers|submarines|coast\s+guard)\b")
# What a capital is the object of as a government ("a protest against Beijing", "ties with
# New Delhi", "a violation by New Delhi", "administered by Georgetown", "banning Pyongyang").
_GOVERNMENT_OBJECT_BEFORE = re.compile(
    r"\b(?:against|(?:ties|relations|talks|dialogue|dispute|row|agreement|deal|treaty"
    r"|treaties|accord|negotiations|cooperation|partnership|alliance)\s+with"
    r"|(?:lies|rests)\s+with|(?:ties|links|connections|loyal|loyalty)\s+to"
    r"|(?:help|support|backing|assistance|blessing|consent)\s+of"
    r"|(?:support|aid|assistance|weapons|arms)\s+(?:to|for)"
    r"|(?:pledges?|promises?|commitments?|message|letter|ultimatum|overtures?)\s+to"
    r"|rein(?:ed|s|ing)?\s+in"
    r"|accuses|accuse|blames|blamed|blaming|condemns|condemned|condemning"
    r"|(?:protest|protests|protested|complained|appealed)\s+(?:to|with)"
    r"|(?:violations?|provocations?|aggression|threats?|attacks?|actions?|accusations?"
    r"|claims?|pressure|moves?)\s+by"
    r"|(?:sanctions|pressure)\s+(?:on|against)"
    r"|(?:administered|claimed|ruled|controlled|governed|recognised|recognized|backed"
    r"|supported|sanctioned)\s+by"
    r"|banning|urged|urging|accused|accusing|warned|warning|called\s+on|calling\s+on"
    r"|pressed|pressing|persuade|persuaded|get|force|forced)\s+(?:the\s+)?$")
# ... and what it is asked or forced to do ("get Pyongyang to abandon its nuclear weapons").
_GOVERNMENT_TO_AFTER = re.compile(
    r"\s+to\s+(?:abandon|stop|end|halt|give\s+up|resume|respect|comply|withdraw|accept"
    r"|negotiate|denuclearize|denuclearise|refrain|reconsider|cease|release|return\s+to)\b")
# A clock time named after a capital ("13:00 Kyiv time"): a time zone, no place.
_TIME_ZONE_AFTER = re.compile(r"\s+time\b")
_CLOCK_BEFORE = re.compile(r"\d{1,2}(?::\d{2}|\s*[ap]\.?m\.?)\s*$", re.IGNORECASE)


def reported_place_mentions(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions drillmap reports as place mentions: all of :func:`extract_mentions`
    but those that name no place in the text (see :func:`names_no_place`).

    The others stay in the extraction (flagged as metonyms, or read as a country's
    territory) for what they still tell: who takes part ("Beijing staged drills") and what a
    claim is measured from ("the Ukrainian border").
    """
    return [m for m in mentions if not names_no_place(text, m)]


def names_no_place(text: str, m: Mention) -> bool:
    """Whether a mention names no place, as a careful analyst reads it:

    * an adjective before a territory noun ("Polish airspace", "Russian territorial
      waters", "South Korean territory"): a nationality, the country itself is not named;
    * a clock time's zone ("13:00 Kyiv time");
    * a seat of government standing for it outside any locative phrase ("the Kremlin
      said", "a Pentagon spokesman");
    * a capital flagged as a metonym with evidence that the government is meant: it speaks
      or acts, is one side of a relation, owns what a government owns, or is the object of
      a protest, a demand or a sanction (see :func:`_government_evidence`).

    A capital flagged only because no preposition locates it ("Warsaw in 2016", "a tornado
    hit Belgrade") and every locative mention ("the ministry in Moscow said") stay places,
    as does a country's name even when it speaks ("Russia said"): it names its territory.
    """
    p = m.place
    if _adjectival_territory(m):
        return True
    if p is not None and p.kind in ("capital", "city") and _TIME_ZONE_AFTER.match(
            text, m.end) and _CLOCK_BEFORE.search(text, max(0, m.start - 12), m.start):
        return True
    if _government_whatever_the_preposition(text, m):
        return True
    if not m.metonym or m.locative or (p is not None and p.kind == "country"):
        return False
    if p is None or p.kind == "building":
        return True
    return p.kind == "capital" and _government_evidence(text, m)


# A preposition that does put what follows somewhere ("talks in Moscow", "a village near
# Moscow", "flights from Beijing"); "to", "with", "on" and "of" also join a government to a
# relation, a help or a sanction ("support to Taipei", "a treaty with Moscow").
_SPATIAL_BEFORE = re.compile(
    r"\b(?<!rein )(?<!reined )(?<!reins )(?<!reining )"
    r"(?:in|at|near|inside|outside|around|across|over|from|into|within|toward|towards|via"
    r"|through|between|beyond|off|north|south|east|west|of\s+central)\s+(?:the\s+)?$",
    re.IGNORECASE)
# A capital or seat joined by a hyphen to a word of backing or leadership is its government
# ("Moscow-backed separatists", "a Washington-brokered truce", "a Kremlin-linked outlet");
# "Beijing-based" says where a body sits and stays a place.
_GOVERNMENT_COMPOUND_AFTER = re.compile(
    r"[-‐–](?:backed|led|brokered|sponsored|funded|financed|armed|allied|aligned|friendly"
    r"|linked|leaning|installed|appointed|imposed|mediated|controlled|supported)\b",
    re.IGNORECASE)
# Two names joined by a hyphen before a relation ("Moscow-Tokyo relations", "the
# Washington-Seoul alliance"): the governments whose relation it is.
_RELATION_NOUNS = (r"(?:relations|ties|talks|dialogue|rapprochement|summit|tensions|rift"
                   r"|dispute|axis|alliance|partnership|deal|agreement|rivalry|thaw|détente"
                   r"|detente|standoff|stand-off)\b")
_PAIR_RELATION_AFTER = re.compile(
    rf"[-–][A-Z][\w'’.]*(?:\s+[A-Z][\w'’.]*)?\s+{_RELATION_NOUNS}")
_PAIR_FIRST_BEFORE = re.compile(r"[A-Z][\w'’.]*[-–]$")
_RELATION_NOUN_AFTER = re.compile(rf"\s+{_RELATION_NOUNS}")
# A reporting clause after a comma ("..., Tokyo said."): the capital is the speaker even
# when the list before the comma began with a preposition.
_COMMA_BEFORE = re.compile(r",\s*$")
# The rest of a pair of names that share one verb ("Seoul and Washington agreed"): the first
# name speaks or acts with the second.
_LIST_PARTNER_AFTER = re.compile(r"\s+and\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}")
# A seat of government after "close to" is the institution one is in favour with ("close to
# the Kremlin", "close to the White House"); a capital after it may be a distance ("a village
# close to Moscow").
_CLOSE_TO_BEFORE = re.compile(r"\bclose\s+to\s+(?:the\s+)?$", re.IGNORECASE)
# A role that speaks for the institution named just before it ("Kremlin spokesman Dmitry
# Peskov", "Beijing officials said"): the name says whose voice it is, not where.
_ROLE_AFTER = re.compile(
    r"\s+(?:spokes(?:man|woman|person|people)|press\s+secretary|officials?|aides?|advisers?"
    r"|advisors?|envoys?|negotiators?|diplomats?)\b")


def _government_whatever_the_preposition(text: str, m: Mention) -> bool:
    """Whether a capital or seat of government names its government even where a
    preposition or the absence of a flag would keep it a place: its possessive owns what a
    government owns ("a challenge to Seoul's ties with Beijing", "agreed to Washington's
    ceasefire proposal"), it is the object of a relation, a help or a sanction ("sanctions on
    Moscow", "support to Taipei", "a peace treaty with Moscow"), or a role speaks for it
    ("Kremlin spokesman"); a seat "close to" is one's patron ("close to the Kremlin"). A
    spatial preposition right before it ("talks in Moscow", "flew to Manila" has no such
    evidence) keeps it a place."""
    p = m.place
    if p is None or p.kind not in ("capital", "building"):
        return False
    before = text[max(0, m.start - 60):m.start]
    if _SPATIAL_BEFORE.search(before):
        return False
    if _GOVERNMENT_COMPOUND_AFTER.match(text, m.end) or _PAIR_RELATION_AFTER.match(
            text, m.end) or (_PAIR_FIRST_BEFORE.search(before)
                             and _RELATION_NOUN_AFTER.match(text, m.end)):
        return True
    if _COMMA_BEFORE.search(before) and _speaks_after(text, m.end):
        return True  # "..., Tokyo said": the reporting clause's speaker
    if m.metonym and not m.locative:
        joined = _LIST_PARTNER_AFTER.match(text, m.end)
        if joined is not None and (_speaks_after(text, joined.end())
                                   or _GOVERNMENT_ACT_AFTER.match(text, joined.end())):
            return True
    if p.kind == "building" and _CLOSE_TO_BEFORE.search(before):
        return True  # "a group known to be close to the Kremlin": in favour, not nearby
    obj = _GOVERNMENT_OBJECT_BEFORE.search(before)
    if obj is not None and obj.group(0).lower().startswith("against"):
        obj = None  # "strikes against Kyiv": the city hit, unless flagged already
    return (_GOVERNMENT_POSSESSIVE.match(text, m.end) is not None or obj is not None
            or _ROLE_AFTER.match(text, m.end) is not None)


def _adjectival_territory(m: Mention) -> bool:
    """A nationality adjective read with the lower-case territory noun after it ("Polish
    airspace" read as Poland): the surface starts with the adjective it was looked up by and
    goes on in lower case."""
    rest = m.surface[len(m.query):] if m.surface.startswith(m.query) else ""
    return (m.place is not None and m.place.kind == "country" and bool(rest.strip())
            and rest == rest.lower())


def _government_evidence(text: str, m: Mention) -> bool:
    """Whether the words around a flagged capital say the government is meant."""
    before = text[max(0, m.start - 60):m.start]
    return (_GOVERNMENT_NOTE in m.note or _speaks_after(text, m.end)
            or _STATE_ACT_AFTER.match(text, m.end) is not None
            or _GOVERNMENT_ACT_AFTER.match(text, m.end) is not None
            or _GOVERNMENT_POSSESSIVE.match(text, m.end) is not None
            or _GOVERNMENT_OBJECT_BEFORE.search(before) is not None
            or _GOVERNMENT_TO_AFTER.match(text, m.end) is not None)


# ------------------------------------------------------------------ named sites (issue 9)
# A military site is named by a proper name before a lower-case head noun, in any case
# ("Kallax airbase", "Rovaniemi Air Base", "the KAPUSTIN YAR PROVING GROUND"), and several
# sites share one plural head ("the Lida, Baranovichi and Machulishchi air bases", "the
# Kapustin Yar and Ashuluk ranges", "the Western and Southern military districts"): each name
# of such a list is a site of that kind.
_SITE_HEADS: dict[str, str] = {  # plural -> singular
    "training grounds": "training ground", "training ranges": "training range",
    "training areas": "training area", "firing ranges": "firing range",
    "shooting ranges": "shooting range", "test ranges": "test range",
    "missile ranges": "missile range", "bombing ranges": "bombing range",
    "proving grounds": "proving ground", "test sites": "test site", "polygons": "polygon",
    "drill grounds": "drill ground", "ranges": "range", "air bases": "air base",
    "airbases": "airbase", "airfields": "airfield", "naval bases": "naval base",
    "military bases": "military base", "bases": "base", "military districts": "military district",
    "cosmodromes": "cosmodrome", "spaceports": "spaceport", "air stations": "air station",
    # airfields (geo.geocoders.airfields reads them in airportsdata)
    "airports": "airport", "aerodromes": "aerodrome", "airstrips": "airstrip",
    "air fields": "air field", "naval air stations": "naval air station",
    "air force stations": "air force station", "naval stations": "naval station",
}
# Heads that name a military site whatever the name before them: a name the gazetteer lacks
# is still a site mention (unresolved, listed for the analyst), never dropped. "range" and
# "base" alone also follow mountain ranges and bases of other kinds, so they are not here.
_SITE_ONLY_HEADS = frozenset(set(_SITE_HEADS.values()) - {"range", "base", "airport"})
_SITE_HEAD_KINDS = frozenset({"training ground", "military area", "district"})


def _is_site(place: Place | None) -> bool:
    """A military site, or an airfield of any kind (an airport has an ICAO code)."""
    return place is not None and (place.kind in _SITE_HEAD_KINDS or "icao" in place.raw)
_HEAD_ALTERNATION = "|".join(sorted({*_SITE_HEADS, *_SITE_HEADS.values()}, key=len,
                                    reverse=True)).replace(" ", r"\s+")
_SITE_NAME = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}?"
_NAMED_SITE = re.compile(rf"\b({_SITE_NAME})\s+((?i:{_HEAD_ALTERNATION}))\b")
_SITE_LIST = re.compile(
    rf"\b((?:{_SITE_NAME},\s+)*{_SITE_NAME}),?\s+(?:and|or)\s+({_SITE_NAME})\s+"
    rf"((?i:{'|'.join(sorted(_SITE_HEADS, key=len, reverse=True)).replace(' ', r'[ ]+')}))\b")
_POSSESSIVE_END = re.compile(r"['’]s$", re.IGNORECASE)
# A compound that describes rather than names ("Soviet-era", "Chinese-built", "US-run").
_DESCRIBING_WORD = re.compile(r"[-‐–][a-z]")


def _site_name_words(name: str, look: GeocodeFn, lexicon: Lexicon) -> list[str] | None:
    """The words of ``name`` that can name a site: leading function and common words
    ("The", "In", "New"), nationalities and describing compounds ("US-run") and a possessive
    owner ("Russia's") dropped; None when what is left is a country, a nationality, an
    organisation or another known non-place ("Russian", "US", "NATO")."""
    words = name.split()
    owner = max((k for k, w in enumerate(words) if _POSSESSIVE_END.search(w)), default=-1)
    words = words[owner + 1:]  # "the GSDF's Hachinoe training area": the owner names no site
    whole = look(" ".join(words), (), None) if len(words) > 1 else None
    if whole is not None and whole.source.startswith("data/") and whole.kind not in (
            "country", "continent") and words[0][:1].isupper():
        return words  # a curated name that opens with a common word ("Al Dhafra", "King Faisal")
    while words and (words[0].lower() in _FUNCTION_WORDS
                     or words[0].lower() in common_english_words()
                     or words[0].lower() in _MONTHS or words[0].lower() in _WEEKDAYS
                     or words[0].lower() in DEMONYMS or _DESCRIBING_WORD.search(words[0])):
        words = words[1:]  # "the Russian Hmeimim air base", "the US-run Bagram air base"
    if not words or any(_DESCRIBING_WORD.search(w) for w in words):
        return None
    joined = " ".join(words)
    if words[-1].lower() in DEMONYMS or any(
            lexicon.has(category, joined) for category in (
                "outlet", "organisation", "platform", "weapon", "exercise_name", "not_a_place",
                "person", "seat_of_government", "unit_word", "org_word")):
        return None
    place = look(joined, (), None)
    if place is not None and (place.kind in ("country", "continent")
                              or place.raw.get("match_stage") == "demonym"):
        return None
    return words


def _adjective_of_a_place(word: str, look: GeocodeFn) -> bool:
    """Whether ``word`` is an adjective formed from a place's name with "-n" ("Crimean",
    "Siberian", "Korean"): such a word before a site noun describes where the site is ("the
    Crimean naval base"), it does not name the site."""
    if not word.endswith("an") or len(word) < 5:
        return False
    place = look(word[:-1], (), None)
    return place is not None and place.raw.get("match_stage") == "exact" and place.kind in (
        "country", "region", "continent", "island", "sea")


# A sentence about aircraft: "the X base" there may be an air base ("F-35s will be based at
# the Misawa base"); elsewhere a base is any base.
_AIR_WORDS = re.compile(
    r"\b(?:air\s?(?:force|forces|craft|men|man|wing|lift|base|bases|field)|aircraft|"
    r"fighters?|bombers?|warplanes?|jets?|squadrons?|sorties|runways?|"
    r"[A-Z]{1,3}-\d{1,3}[A-Z]?s?)\b", re.IGNORECASE)


def _sentence_about_aircraft(text: str, start: int, end: int) -> bool:
    """Whether the sentence around ``text[start:end]`` speaks of aircraft or an air force."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right = min((i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0),
                default=len(text))
    return _AIR_WORDS.search(text, left + 1, right) is not None


def _read_site(words: Sequence[str], singular: str, look: GeocodeFn,
               bias: tuple[str, ...], *, air: bool = False) -> tuple[Place | None, str, str]:
    """How a site name reads: (place, query, note). The site itself when the gazetteer knows
    it with its head noun ("Ashuluk range", "Malmstrom Air Force Base") or by its name alone
    ("Adazi"); else the town it is named after, standing in for it ("Rovaniemi" for the
    Rovaniemi air base); else unresolved. In a sentence about aircraft (``air``) "the X
    base" is first read as the air base X ("the Misawa base")."""
    name = " ".join(words)
    if singular == "base" and air:
        place = look(f"{name} air base", bias, None)
        if _is_site(place) and place is not None:
            return place, f"{name} base", (f"the base named {name!r}, read as an airfield: "
                                           "the sentence speaks of aircraft")
    head = "Military District" if singular == "military district" else singular
    hint = "district" if singular == "military district" else "training ground"
    place = look(f"{name} {head}", bias, hint)
    if place is not None and (place.kind in _SITE_HEAD_KINDS
                              or place.raw.get("match_stage") == "exact"):
        return place, f"{name} {head}", f"the {singular} named {name!r}"
    if singular == "military district":
        return None, f"{name} {head}", "not found in the gazetteer"
    place = look(name, bias, None)
    if place is not None and place.kind in _SITE_HEAD_KINDS:
        return place, name, f"the {singular} named {name!r}"
    if place is not None and place.kind in _POINT_KINDS:
        return place, name, (f"the town of {place.name} stands in for the {singular} named "
                             f"after it; the exact site is not known")
    return None, f"{name} {singular}", "not found in the gazetteer"


def _with_named_sites(text: str, mentions: list[Mention], look: GeocodeFn,
                      bias: tuple[str, ...], masked: Callable[[int, int], bool],
                      lexicon: Lexicon) -> list[Mention]:
    """Add the military sites named before a head noun or in a list sharing a plural head
    (see the section's comment), each replacing a shorter or weaker reading of its words;
    a reading of the site itself found before is kept."""
    # start, end, name words, singular head, whether the name may stay unresolved
    found: list[tuple[int, int, list[str], str, bool]] = []

    def item(start: int, name: str, head_end: int | None, singular: str
             ) -> tuple[int, int, list[str], str, bool] | None:
        words = _site_name_words(name, look, lexicon)
        if words is None:
            return None
        first = start + name.index(words[0])
        end = head_end if head_end is not None else start + len(name)
        return first, end, words, singular, singular in _SITE_ONLY_HEADS

    for m in _SITE_LIST.finditer(text):
        singular = _SITE_HEADS[" ".join(m.group(3).lower().split())]
        pos, items = m.start(1), []
        for name in (n.strip() for n in m.group(1).split(",")):
            start = text.index(name, pos)
            items.append(item(start, name, None, singular))
            pos = start + len(name)
        items.append(item(m.start(2), m.group(2), m.end(3), singular))
        listed = [i for i in items if i is not None]
        # One name of the list read as a site of the head's kind ("Kapustin Yar") says the
        # others are sites too ("Ashuluk"), known to the gazetteer or not.
        air = _sentence_about_aircraft(text, m.start(), m.end())
        sure = any((reading := _read_site(words, singular, look, bias, air=air)[0]) is not None
                   and _is_site(reading) for _, _, words, _, _ in listed)
        found.extend((s_, e_, w_, h_, u_ or sure) for s_, e_, w_, h_, u_ in listed)
    for m in _NAMED_SITE.finditer(text):
        head = " ".join(m.group(2).lower().split())
        if head in _SITE_HEADS:  # a plural after one name: "the Lida air bases" is rare
            continue
        if (single := item(m.start(1), m.group(1), m.end(2), head)) is not None:
            found.append(single)
    if not found:
        return mentions
    out = list(mentions)
    for start, end, words, singular, may_stay_unresolved in sorted(found):
        if masked(start, end):
            continue
        overlapping = [o for o in out if o.start < end and start < o.end]
        place, query, note = _read_site(words, singular, look, bias,
                                        air=_sentence_about_aircraft(text, start, end))
        site = _is_site(place)
        if any(o.place is not None and o.start <= start and end <= o.end and (
                not site or o.place.kind in _SITE_HEAD_KINDS or o.end - o.start > end - start)
               for o in overlapping):
            continue  # already read with a span at least as long, and not only as a town
        town_reading = next(((o.place, o.query) for o in overlapping if o.place is not None
                             and o.place.kind in _POINT_KINDS and o.start == start), None)
        if not site and town_reading is not None:
            # the name was read as a town before (in context): the town stands in for the
            # site, and the mention now spans the site's name with its head noun
            town, query = town_reading
            place = town
            note = (f"the town of {town.name} stands in for the {singular} named after "
                    f"it; the exact site is not known")
        elif place is None and (not may_stay_unresolved
                                or _adjective_of_a_place(words[-1], look)):
            continue
        elif place is not None and place.kind in _POINT_KINDS and overlapping and all(
                o.place is not None and o.place.kind not in _POINT_KINDS
                for o in overlapping):
            continue  # the words read as something else than a town ("Crimea")
        out = [o for o in out if o not in overlapping]
        locative, prep = _locative(text, start, [o for o in out if o.end <= start])
        out.append(Mention(
            article_id="", sentence="", surface=text[start:end], start=start, end=end,
            query=query, place=place, metonym=False, locative=locative, preposition=prep,
            origin="machine",
            note=f"{place.note + '; ' if place is not None and place.note else ''}{note}",
            found_by="rules"))
        out.sort(key=lambda m: m.start)
    return out


# "the Pacific", "across the Atlantic": an ocean or sea named by its adjective alone. The word
# is also an ordinary word ("pacific") and a town's name, so it counts only after "the", as a
# whole noun phrase (not "the Pacific Fleet", "the Pacific coast"), when the curated data
# name an ocean or sea by it ("Pacific Ocean", "Mediterranean") exactly. ("the North" is
# no North Sea: only "Ocean" is added to the word.)
_BARE_SEA = re.compile(r"\b[Tt]he\s+(?P<direction>" + _DIRECTION_ADJECTIVE + r"\s+)?"
                       r"(?P<name>[A-Z][a-z]+)\b(?!\s+[A-Z])(?!['’-])"
                       r"(?:\s+(?P<after>[a-z]+))?")
_BARE_SEA_KINDS = frozenset({"sea", "water"})
_NOT_BARE_SEAS = frozenset({"american", "african", "european", "asian", "indian", "roman",
                            "christian", "titanic", "republican", "atlantic"})


def _with_bare_seas(text: str, mentions: list[Mention], look: GeocodeFn,
                    masked: Callable[[int, int], bool]) -> list[Mention]:
    """Add the seas named by a bare adjective after "the" (see :data:`_BARE_SEA`)."""
    out = list(mentions)
    for m in _BARE_SEA.finditer(text):
        name = m.group("name")
        # "the southern Caribbean": a part of the sea, named with it
        start, end = (m.start("direction") if m.group("direction") else m.start("name"),
                      m.end("name"))
        if (m.group("after") and m.group("after") not in _FUNCTION_WORDS) or masked(
                start, end) or any(
                o.start < end and start < o.end and not (
                    (o.start, o.end) == (start, end) and o.place is not None
                    and o.place.kind in _POINT_KINDS and not o.place.source.startswith("data/"))
                for o in out):
            continue  # read otherwise, except as a town of that name ("Atlantic", Iowa)
        if m.group("after") in ("and", "or") and not re.match(
                r"\s+(?:the\s+)?(?:[A-Z][a-z]+\s+(?:oceans?|seas?)|(?:[a-z-]+\s+)?"
                + re.escape(name) + r")\b", text[m.end():]):
            continue  # "the Indian and Pakistani armies": two nationalities, no ocean (but
            # "the southern Caribbean and the eastern Caribbean")
        # "the Caribbean", "the Aegean": a sea named by its adjective (not a nationality:
        # "the Irish"; not a ship named after a person: "the Ross")
        sea = (f"{name} Sea",) if name.endswith(("an", "ic")) and not (
            name.lower() in DEMONYMS or name.lower() in _NOT_BARE_SEAS) else ()
        place = next((p for query in (f"{name} Ocean", *sea, name)
                      if (p := look(query, (), None)) is not None
                      and p.kind in _BARE_SEA_KINDS and p.source.startswith("data/")
                      and p.raw.get("match_stage") == "exact"), None)
        if place is None:
            continue
        out = [o for o in out if not (o.start < end and start < o.end)]
        locative, prep = _locative(text, start, [o for o in out if o.end <= start])
        out.append(Mention(
            article_id="", sentence="", surface=text[start:end], start=start, end=end,
            query=name, place=place, metonym=False, locative=locative, preposition=prep,
            origin="machine", note=f"{place.note + '; ' if place.note else ''}"
                                   f"the {text[start:end]} read as {place.name!r}",
            found_by="rules"))
    out.sort(key=lambda m: m.start)
    return out


# A country whose name joins two names with "and" ("Antigua and Barbuda", "St. Kitts and
# Nevis", "St. Vincent and the Grenadines", "Trinidad and Tobago"); runs of capitalised words
# stop at "and", so each half alone would be read (a town, a region, nothing).
_AND_COUNTRY = re.compile(
    r"(?<![\w.])((?:St\.|Saint|São|Sao|[A-Z][a-z]+)(?:\s+[A-Z][a-z]+)?\s+(?:and|&)\s+(?:the\s+)?"
    r"[A-Z][a-z]+(?:\s+Islands)?)(?![\w-])")


def _with_and_country_names(text: str, mentions: list[Mention], look: GeocodeFn,
                            masked: Callable[[int, int], bool]) -> list[Mention]:
    """Read a country named by two names joined with "and" as that one country (see
    :data:`_AND_COUNTRY`), in place of the mentions of its halves; only where the gazetteer
    knows the whole as a country by that exact name ("Russia and Belarus" is two)."""
    out = list(mentions)
    for m in _AND_COUNTRY.finditer(text):
        start, end = m.span(1)
        if masked(start, end):
            continue
        place = look(m.group(1), (), None)
        if place is None or place.kind != "country" or place.raw.get("match_stage") != "exact":
            continue
        out = [o for o in out if not (o.start < end and start < o.end)]
        locative, prep = _locative(text, start, [o for o in out if o.end <= start])
        out.append(Mention(
            article_id="", sentence="", surface=m.group(1), start=start, end=end,
            query=m.group(1), place=place, metonym=False, locative=locative, preposition=prep,
            origin="machine", note=place.note, found_by="rules"))
    out.sort(key=lambda m: m.start)
    return out


# A military district named by its direction, in lower case ("in southern military
# district", "troops of the western military district"): the curated district of that name.
_LOWER_CASE_DISTRICT = re.compile(
    r"\b((?:north|south|east|west|central|north-?west|north-?east|south-?west|south-?east)"
    r"(?:ern)?\s+military\s+district)\b")


def _with_lower_case_districts(text: str, mentions: list[Mention], look: GeocodeFn,
                               masked: Callable[[int, int], bool]) -> list[Mention]:
    """Add the military districts written in lower case (see :data:`_LOWER_CASE_DISTRICT`)."""
    out = list(mentions)
    for m in _LOWER_CASE_DISTRICT.finditer(text):
        start, end = m.span(1)
        if masked(start, end) or any(o.start < end and start < o.end for o in out):
            continue
        place = look(m.group(1).title(), (), "district")
        if (place is None or place.kind != "district" or not place.source.startswith("data/")
                or place.raw.get("match_stage") != "exact"):
            continue
        locative, prep = _locative(text, start, [o for o in out if o.end <= start])
        out.append(Mention(
            article_id="", sentence="", surface=m.group(1), start=start, end=end,
            query=m.group(1).title(), place=place, metonym=False, locative=locative,
            preposition=prep, origin="machine",
            note=f"{place.note + '; ' if place.note else ''}a district named in lower case",
            found_by="rules"))
    out.sort(key=lambda m: m.start)
    return out
