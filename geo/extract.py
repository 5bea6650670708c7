"""Find places, exercises, dates and force figures in raw article text (pure, no I/O).

What an analyst pastes is untrusted prose. This module reads it with rules an analyst can
audit, and returns *candidates*: every result is marked machine-extracted and carries the
evidence (the sentence, the rule) it came from.

Place mentions
    Capitalised token runs ("St. Petersburg", "East China Sea", "Konstantin Palace"), extended
    by a lower-case place noun ("Ruzhansky training grounds") or, after a nationality
    adjective, by a territory noun ("Belarusian territory", "the Ukrainian border"), are looked
    up in the gazetteer longest match first. A :class:`Lexicon` (``data/extraction_lexicon.csv``,
    every row with its source) keeps out what only *looks* like a place: people and their titles
    ("Keith Kellogg" although GeoNames has a Kellogg), outlets ("Interfax"), organisations and
    units ("Pacific Fleet"), named ships ("the Order of Nakhimov"), weapons, exercise names,
    months. A nationality that names a participant ("Russian troops") is not a mention. A
    capital that stands for a government ("Moscow says") is a mention flagged ``metonym``.

Exercises
    Clauses about drills, exercises, war games, manoeuvres, patrols and readiness checks become
    :class:`EventCandidate` objects holding a :class:`geo.events.Event` with name (when stated),
    type, participants, places, force figures and dates resolved against the publication date
    (:func:`find_dates`). Clauses of one article about the same exercise are merged.

Nothing here reads files, the network or a database: the gazetteer is passed in as any object
with a geopy-shaped ``geocode`` method, the lexicon as a value.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from geo.articles import split_sentences
from geo.events import Event, ForceFigure, PartialDate
from geo.geocoding import Place

__all__ = [
    "LEXICON_CATEGORIES",
    "DateMention",
    "EventCandidate",
    "EventPlaceCandidate",
    "ForceFigures",
    "Lexicon",
    "LexiconEntry",
    "Mention",
    "extract_events",
    "extract_mentions",
    "find_dates",
    "find_exercise_names",
    "find_force_figures",
    "normalize_term",
]

#: Categories a lexicon row may have, and what each does to a capitalised run.
LEXICON_CATEGORIES: dict[str, str] = {
    "person_title": "the capitalised words after it are a person's name",
    "role_noun": "a lower-case noun whose following capitalised words are a person's name",
    "given_name": "a given name; with a following capitalised word it is a person's name",
    "person": "a person's surname (never a place)",
    "outlet": "a news outlet or agency (never a place)",
    "organisation": "an organisation or alliance (never a place)",
    "org_word": "head word that makes a capitalised run an organisation's name",
    "unit_word": "head word that makes a capitalised run a military unit's name",
    "platform": "a social-media platform (never a place)",
    "weapon": "a weapon system (never a place)",
    "exercise_name": "the stem of a named exercise (never a place)",
    "not_a_place": "a bloc or direction that names no territory",
    "common_word": "an English word GeoNames also lists as a town: a place only in a longer name",
    "seat_of_government": "a building that stands for a government (mention, usually metonym)",
    "place_noun": "lower-case noun continuing a name into a place name (kind_hint = its kind)",
    "geo_noun": "lower-case noun turning a nationality adjective into a territory",
}

# --------------------------------------------------------------------------------------
# Lexicon
# --------------------------------------------------------------------------------------

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


def normalize_term(text: str) -> str:
    """Key used for lexicon and correction look-ups: casefolded, one space, plain apostrophes.

    >>> normalize_term("  Belarus\u2019   Ministry ")
    "belarus' ministry"
    """
    return " ".join(text.translate(_APOSTROPHES).split()).casefold()


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """One lexicon row: a term, what it is, an optional kind hint, and where it comes from."""

    term: str
    category: str
    kind_hint: str = ""
    source: str = ""


@dataclass(frozen=True)
class Lexicon:
    """Vocabulary the extractor needs that is about the world rather than grammar.

    Build it with :meth:`from_entries`; :func:`geo.ingest.load_lexicon` reads the bundled
    ``data/extraction_lexicon.csv``.
    """

    by_category: Mapping[str, Mapping[str, LexiconEntry]]

    @classmethod
    def from_entries(cls, entries: Iterable[LexiconEntry]) -> Lexicon:
        """Index entries by category and normalised term; unknown categories raise ValueError."""
        table: dict[str, dict[str, LexiconEntry]] = {c: {} for c in LEXICON_CATEGORIES}
        for entry in entries:
            if entry.category not in table:
                raise ValueError(f"unknown lexicon category {entry.category!r} for "
                                 f"{entry.term!r}; known: {sorted(table)}")
            table[entry.category].setdefault(normalize_term(entry.term), entry)
        return cls(by_category=table)

    def has(self, category: str, term: str) -> bool:
        """Whether ``term`` (any case) is listed under ``category``."""
        return normalize_term(term) in self.by_category.get(category, {})

    def get(self, category: str, term: str) -> LexiconEntry | None:
        """The entry for ``term`` under ``category``, or None."""
        return self.by_category.get(category, {}).get(normalize_term(term))

    def terms(self, category: str) -> list[str]:
        """All terms of a category, longest first (for building alternations)."""
        return sorted((e.term for e in self.by_category.get(category, {}).values()),
                      key=lambda t: (-len(t), t))


# --------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mention:
    """A place named in the text, with its character span and resolution.

    ``metonym`` marks a place standing for a government ("Moscow says"): it is a mention but
    never an event site. ``locative`` tells whether a locative preposition governs it ("in
    Belarus"), ``preposition`` which one. ``origin`` is ``"machine"`` or ``"correction"`` (an
    analyst's earlier correction of the same name was reused).
    """

    surface: str
    start: int
    end: int
    query: str
    place: Place | None
    metonym: bool = False
    locative: bool = False
    preposition: str = ""
    origin: str = "machine"
    note: str = ""

    @property
    def resolved(self) -> bool:
        """Whether the mention has coordinates."""
        return self.place is not None

    def to_dict(self) -> dict[str, Any]:
        """Flat JSON-friendly dict (the fields ``python -m geo ingest --json`` prints)."""
        p = self.place
        return {
            "surface": self.surface, "start": self.start, "end": self.end, "query": self.query,
            "name": p.name if p else None, "lat": p.lat if p else None,
            "lon": p.lon if p else None, "country_code": p.country_code if p else None,
            "kind": p.kind if p else None, "precision_km": p.precision_km if p else None,
            "source": p.source if p else None, "metonym": self.metonym,
            "locative": self.locative, "origin": self.origin, "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression and the dates it means, resolved against the publication date.

    ``first``/``last`` are the earliest and latest dates the expression allows (equal for a
    single date). ``role`` is ``"event"``, ``"until"`` (an end date), ``"reporting"`` (the day
    something was *said*, not when it happens) or ``"anchor"`` (a date another expression is
    counted from, e.g. "two weeks before ..., on 24 February").
    """

    start: int
    end: int
    text: str
    first: PartialDate
    last: PartialDate
    role: str = "event"


@dataclass(frozen=True, slots=True)
class ForceFigures:
    """Force figures of one clause: each a :class:`geo.events.ForceFigure` or None."""

    troops: ForceFigure | None = None
    aircraft_helicopters: ForceFigure | None = None
    ships: ForceFigure | None = None
    tanks: ForceFigure | None = None
    named_ships: tuple[str, ...] = ()

    def any(self) -> bool:
        """Whether any figure was found."""
        return any((self.troops, self.aircraft_helicopters, self.ships, self.tanks,
                    self.named_ships))


@dataclass(frozen=True, slots=True)
class EventPlaceCandidate:
    """A place of a candidate event: the mention, its role (site, area, announced_at)."""

    surface: str
    role: str
    start: int
    end: int
    place: Place | None


@dataclass(frozen=True, slots=True)
class EventCandidate:
    """An exercise found in one article, before matching against known events.

    ``event`` is a :class:`geo.events.Event` with ``machine_extracted=True`` and an empty id
    (the store assigns one); ``quotes`` are the supporting sentences verbatim; ``evidence``
    says which rules fired, for the analyst.
    """

    event: Event
    quotes: tuple[str, ...]
    places: tuple[EventPlaceCandidate, ...] = ()
    evidence: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly dict of the candidate."""
        return {
            **self.event.to_dict(),
            "places": [{"surface": p.surface, "role": p.role, "start": p.start, "end": p.end,
                        "name": p.place.name if p.place else None} for p in self.places],
            "quotes": list(self.quotes), "evidence": list(self.evidence),
        }


# --------------------------------------------------------------------------------------
# Tokens and runs
# --------------------------------------------------------------------------------------

_TOKEN = re.compile(r"(?:St|Mt|Ft|Pt|Ste)\.|[^\W_]+(?:\.(?=[A-Z]\.))?(?:[A-Z]\.)*")
_CONNECTORS = frozenset({"of", "the", "de", "del", "la", "le", "al", "el", "du", "upon", "on",
                         "and"})
_RUN_CONNECTORS = frozenset({"of", "the", "de", "del", "la", "le", "al", "el", "du", "upon"})
_LOCATIVE_PREPS = frozenset({
    "in", "at", "near", "outside", "inside", "around", "over", "across", "into", "to", "from",
    "off", "on", "within", "towards", "toward", "through", "throughout", "via", "above", "along",
    "onto", "beyond", "nearby", "opposite",
})
_DETERMINERS = frozenset({
    "the", "both", "neighbouring", "neighboring", "nearby", "northern", "southern", "eastern",
    "western", "central", "occupied", "annexed", "its", "their", "his", "her", "a", "an",
    "north", "south", "east", "west", "northwestern", "northeastern", "southwestern",
    "southeastern", "allied", "friendly", "russian", "belarusian", "ukrainian",
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
                                      "water", "organisation-area", "district"})
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
_AREA_KINDS = frozenset({"country", "continent", "region", "organisation-area"})
_POPULATED_KINDS = frozenset({"city", "town", "village", "capital"})


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    text: str
    sentence: int
    first_in_sentence: bool
    strict: bool  # headline-case line or sentence start: only strong places count


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


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
            joined = gap in (" ", "-", "\u2010", "\u2011") and tokens[current[-1]].sentence \
                == tok.sentence
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


# --------------------------------------------------------------------------------------
# Masks: named exercises and ships
# --------------------------------------------------------------------------------------

_TRIGGER_RE = re.compile(
    r"\b(?:drills?|exercises?|war[- ]?games?|manoeuvres?|maneuvers?|manoeuvring|maneuvering"
    r"|patrol(?:s|led|ling|ed|ing)?|readiness (?:checks?|tests?|inspections?)"
    r"|snap (?:checks?|inspections?)|combat training|training missions?|live[- ]fire"
    r"|firing practice|command[- ]post exercises?|war-?gaming)\b",
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
_NAME_WITH_YEAR = re.compile(
    r"(?<![\w-])((?:[A-Z][a-z]+[ -]){0,2}[A-Z][a-z]+)[- ]((?:19|20)\d{2})(?![\w-])")
_QUOTED_NAME = re.compile(r"[\"“«]([A-Z][\w'’ -]{2,40}?)[\"”»]")
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}


def find_exercise_names(text: str, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    """Stated exercise names as ``(start, end, name)``.

    A name is a capitalised phrase with a year ("Zapad-2021", "Union Shield 2023", "Naval
    Interaction-2022") or a known stem from the lexicon, either way next to an exercise word
    within the same sentence; or a quoted capitalised phrase right before or after one.

    >>> from geo.extract import Lexicon, LexiconEntry
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
    stems = lexicon.terms("exercise_name")
    if stems:
        stem_re = re.compile(
            r"(?<![\w-])(" + "|".join(re.escape(s) for s in stems) + r")(?:[- ]((?:19|20)?\d{2}))?"
            r"(?![\w-])")
        for m in stem_re.finditer(text):
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
        named_before = re.search(r"(?:exercises?|drills?|war games|operation)\s+"
                                 r"(?:code-?named|dubbed|called)?\s*$", before, re.IGNORECASE)
        if (named_after or named_before) and not any(s <= m.start() < e for s, e, _ in found):
            found.append((m.start(1), m.end(1), m.group(1)))
    found.sort()
    return found


_SHIP_NAME = r"[A-Z][\w'’-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’-]*){0,3}"
_NAMED_SHIP = re.compile(
    r"\b(?:flagship|cruiser|destroyer|frigate|corvette|submarine|aircraft carrier|landing ship"
    r"|icebreaker|minesweeper)(?:\s+[\"“]?(" + _SHIP_NAME + r")"
    r"|(?:\s+of\s+the(?:\s+[A-Z][\w'’-]*)+)?[\"”’]?,\s*[\"“]?(the\s+" + _SHIP_NAME + r"))")
_ORDER_OF = re.compile(r"\b(?:the\s+)?Order of (?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?")


def _named_ships(text: str, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    """Ship names: "the cruiser Moskva", "the flagship ..., the Order of Nakhimov"."""
    found = []
    for m in _NAMED_SHIP.finditer(text):
        group = 1 if m.group(1) else 2
        name = m.group(group).strip()
        first = name.split()[0] if name.split() else ""
        if not name or first.lower() in _MONTHS or lexicon.has("common_word", name):
            continue
        found.append((m.start(group), m.end(group), name))
    for m in _ORDER_OF.finditer(text):
        if not any(s <= m.start() < e for s, e, _ in found):
            found.append((m.start(), m.end(), m.group(0)))
    return found


# --------------------------------------------------------------------------------------
# Mentions
# --------------------------------------------------------------------------------------


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


GeocodeFn = Callable[[str, tuple[str, ...], "str | None"], "Place | None"]


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
    words = _preceding_words(text, start, 8)
    for w in words:
        if w in _LOCATIVE_PREPS:
            return True, w
        if w in _DETERMINERS:
            continue
        if w in ("and", ",", "or") and previous:
            last = previous[-1]
            between = text[last.end:start]
            if re.fullmatch(r"\s*(?:,|and|or|,\s*and)\s*(?:the\s+)?", between) and last.locative:
                return True, last.preposition
        break
    return False, ""


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
    m = re.match(r"\s*((?:(?:has|have|had|also|long|staunchly|repeatedly|reportedly|"
                 r"officially|earlier|now|still|already|again|\w+ly)\s+){0,3})(\w+)", after)
    verb = m.group(2).lower() if m else ""
    speaking = verb in _SPEECH_VERBS and verb not in ("is", "was") or (
        verb in ("is", "was") and re.match(r"\s*(?:is|was)\s+(?:\w+ing|facing|preparing)\b",
                                           after) is not None)
    if place.kind == "country" and not seat:
        return speaking and not locative
    if place.kind in ("capital", "building") or seat:
        return speaking or not locative
    return False


def extract_mentions(
    text: str,
    geocoder: Any,
    lexicon: Lexicon,
    *,
    corrections: Mapping[str, Place | None] | None = None,
) -> list[Mention]:
    """Find place mentions with character spans and resolve them.

    Parameters
    ----------
    text : str
        Cleaned article text (spans refer to it).
    geocoder : object
        Anything with ``geocode(query, *, exactly_one=True, country_bias=(), kind_hint=None)``
        returning a :class:`~geo.geocoding.Place` or None (the offline gazetteer).
    lexicon : Lexicon
        Titles, outlets, organisations, units, stop words (see :data:`LEXICON_CATEGORIES`).
    corrections : mapping, optional
        Analyst corrections by :func:`normalize_term` of the surface: a :class:`Place` to use
        instead of the gazetteer's answer, or None for "not a place".

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
    persons = _person_names(text, tokens, lexicon)

    def masked(s: int, e: int) -> bool:
        return any(a < e and s < b for a, b in masks)

    spans: list[_Span] = []
    corrected = frozenset(corrections)
    for run in _runs(text, tokens):
        spans.extend(_classify_run(text, tokens, run, lexicon, persons, masked, look, corrected))
    # Country bias: the countries the article names (directly or as nationalities).
    bias_counts: dict[str, int] = {}
    for sp in spans:
        if sp.category in ("place", "demonym", "territory"):
            p = look(sp.query, (), sp.kind_hint)
            strong = p is not None and (p.kind == "country" or p.source.startswith("data/")
                                        or p.kind == "capital")
            if strong and p.country_code:  # type: ignore[union-attr]
                cc = p.country_code  # type: ignore[union-attr]
                bias_counts[cc] = bias_counts.get(cc, 0) + 1
    bias = tuple(sorted(bias_counts, key=lambda c: (-bias_counts[c], c))[:6])

    mentions: list[Mention] = []
    for sp in spans:
        if sp.category in ("person", "masked", "demonym"):
            continue
        key = normalize_term(sp.surface)
        origin, note = "machine", ""
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
            if sp.category == "place" and not _plausible(sp, place, tokens, text, bias,
                                                         lexicon):
                continue
        locative, prep = _locative(text, sp.start, mentions)
        metonym = False
        if place is not None:
            metonym = _is_metonym(text, sp.end, place, locative, sp.category == "seat")
        elif sp.category == "seat":
            metonym = not locative
        mentions.append(Mention(
            surface=sp.surface, start=sp.start, end=sp.end, query=sp.query, place=place,
            metonym=metonym, locative=locative, preposition=prep, origin=origin,
            note=note or (place.note if place is not None else "not found in the gazetteer"),
        ))
    mentions.sort(key=lambda m: m.start)
    return mentions


def _person_names(text: str, tokens: Sequence[_Token], lexicon: Lexicon) -> set[str]:
    """Names of people the article introduces (full names and surnames, normalised).

    A person is named after a title ("President Donald Trump"), a role noun ("strongman
    Alexander Lukashenko"), or with a known given name ("Keith Kellogg"); later bare uses of
    the surname ("Kellogg said") are then not places either.
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
            if before and lexicon.has("role_noun", before[0]) and len(run) >= 2:
                start = 0
        if start is None:
            continue
        name_words = [w for w in words[start:] if w not in _RUN_CONNECTORS]
        if not name_words:
            continue
        names.add(normalize_term(" ".join(name_words)))
        names.add(normalize_term(name_words[-1]))
        if len(name_words) >= 3:
            names.add(normalize_term(" ".join(name_words[-2:])))
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
                return [_Span(0, n, tokens[run[0]].start, tokens[run[-1]].end, whole, whole,
                              category="masked")]
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
    i = 0
    while i < limit and words[i].lower() in _FUNCTION_WORDS and not (
            len(words[i]) > 1 and words[i].isupper()):
        i += 1
    while i < limit:
        matched = False
        for j in range(min(limit, i + 6), i, -1):
            if words[i] in _RUN_CONNECTORS or words[j - 1] in _RUN_CONNECTORS:
                continue
            start, end = tokens[run[i]].start, tokens[run[j - 1]].end
            surface = text[start:end]
            if normalize_term(surface) in corrected:  # the analyst has ruled on this name
                span: _Span | None = _Span(i, j, start, end, surface, surface)
            else:
                span = _classify_span(text, tokens, run, i, j, surface, start, end, lexicon,
                                      persons, masked, look)
            if span is not None:
                out.append(span)
                i = j
                matched = True
                break
        if not matched:
            i += 1
    return out


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
    if stage == "demonym":
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
    if stage == "adjectival":  # "Zelenskiy" -> a village: only with a place noun after it
        return None
    return _Span(i, j, start, end, surface, surface)


def _plausible(sp: _Span, place: Place | None, tokens: Sequence[_Token], text: str,
               bias: tuple[str, ...], lexicon: Lexicon) -> bool:
    """Whether a gazetteer hit for a capitalised span should count as a place mention."""
    if place is None:
        return False
    if place.source.startswith("data/") or place.kind in _SENTENCE_START_OK_KINDS - {"capital"}:
        return True
    population = int(place.raw.get("population", 0) or 0)
    tok = next((t for t in tokens if t.start == sp.start), None)
    strict = tok.strict if tok is not None else False
    single = sp.j - sp.i == 1
    acronym = single and sp.surface.isupper() and len(sp.surface) <= 5
    if acronym:
        return False
    if place.kind == "capital" or population >= 100_000:
        return True
    if strict:
        return False
    locative = bool(_locative(text, sp.start, [])[0])
    in_bias = place.country_code in bias
    if not single:
        return in_bias or population >= 1_000 or locative
    if locative:
        return in_bias or population >= 20_000
    return in_bias and population >= 50_000


# --------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------

_MONTH_RE = (r"(?:January|February|March|April|May|June|July|August|September|October|November"
             r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_DAY_RE = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR_RE = r"((?:19|20)\d{2})"
_WEEKDAY_RE = r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "a dozen": 12,
    "dozen": 12, "a couple of": 2,
}

_DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("range_dm", re.compile(
        r"\b(?:from\s+|between\s+)?" + _DAY_RE + r"\s*(?:-|–|—|to|and|until|till)\s*" + _DAY_RE
        + r"\s+(" + _MONTH_RE + r")(?:,?\s+" + _YEAR_RE + r")?", re.IGNORECASE)),
    ("range_md", re.compile(
        r"\b(?:from\s+|between\s+)?(" + _MONTH_RE + r")\s+" + _DAY_RE
        + r"\s*(?:-|–|—|to|and|until|till)\s*" + _DAY_RE + r"(?:,?\s+" + _YEAR_RE + r")?",
        re.IGNORECASE)),
    ("range_dmdm", re.compile(
        r"\b(?:from\s+)?" + _DAY_RE + r"\s+(" + _MONTH_RE + r")\s*(?:-|–|—|to|until|till)\s*"
        + _DAY_RE + r"\s+(" + _MONTH_RE + r")(?:,?\s+" + _YEAR_RE + r")?", re.IGNORECASE)),
    ("dm", re.compile(r"\b" + _DAY_RE + r"\s+(?:of\s+)?(" + _MONTH_RE + r")(?:,?\s+"
                      + _YEAR_RE + r")?", re.IGNORECASE)),
    ("md", re.compile(r"\b(" + _MONTH_RE + r")\s+" + _DAY_RE + r"(?!\d)(?:,?\s+" + _YEAR_RE
                      + r")?", re.IGNORECASE)),
    ("my", re.compile(r"\b(?:(early|mid|late)[- ])?(" + _MONTH_RE + r")\s+" + _YEAR_RE,
                      re.IGNORECASE)),
    ("month_alt", re.compile(
        r"\b(?:in|during|by|until|since|from|for|this|next|last|early|late|mid|mid-"
        r"|the end of|the beginning of|the start of)\s+(?:(early|mid|late)[- ]|the\s+)?("
        + _MONTH_RE + r")(?:\s+or\s+(" + _MONTH_RE + r"))?(\s+(?:last|next|this)\s+year)?\b",
        re.IGNORECASE)),
    ("weekday", re.compile(
        r"\b(?:(on|until|till|by|from|last|next|this|earlier|later|late|early)\s+)?"
        r"(?:(earlier|later|on)\s+)?" + _WEEKDAY_RE + r"\b")),
    ("relative", re.compile(
        r"\b(early next year|later this year|earlier this year|late next year|early this year"
        r"|next year|this year|last year|next month|this month|last month|next week|this week"
        r"|last week|in recent weeks|recent weeks|in recent months|in the coming (?:weeks|months)"
        r"|the following day|the next day|today|yesterday|tomorrow)\b", re.IGNORECASE)),
    ("year", re.compile(r"\b(?:in|since|during|by|until|for)\s+" + _YEAR_RE + r"\b")),
]
_OFFSET = re.compile(
    r"\b(a|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(day|week|month)s?\s+"
    r"(before|after|ahead of|prior to)\b", re.IGNORECASE)


def _month_number(word: str) -> int:
    return _MONTHS[word.lower().rstrip(".")]


def _resolve_year(month: int, published: PartialDate | None, tense: str) -> int | None:
    """Year of a month named without one: the next such month for future, last for past."""
    if published is None or published.value is None:
        return None
    pub = published.value
    if published.precision == "year":
        return pub.year
    if tense == "future":
        return pub.year if month >= pub.month else pub.year + 1
    if tense == "past":
        return pub.year if month <= pub.month else pub.year - 1
    # Unknown tense: the nearest such month.
    return min((pub.year - 1, pub.year, pub.year + 1),
               key=lambda y: abs((y - pub.year) * 12 + month - pub.month))


def _month_range(year: int, first: int, last: int) -> tuple[PartialDate, PartialDate]:
    a, b = sorted((first, last))
    return PartialDate(date(year, a, 1), "month"), PartialDate(date(year, b, 1), "month")


def _coarsen(day: date, published: PartialDate | None) -> PartialDate:
    """A day computed from the publication date is only as precise as that date."""
    if published is None or published.value is None:
        return PartialDate(None, "unknown")
    if published.precision == "day":
        return PartialDate(day, "day")
    if published.precision == "month":
        return PartialDate(date(day.year, day.month, 1), "month")
    return PartialDate(date(day.year, 1, 1), "year")


def _clause_tense(clause: str) -> str:
    """``future``, ``past``, ``present`` or ``unknown`` from the verbs of a clause."""
    low = clause.lower()
    present = re.search(r"\b(?:are|is) (?:conducting|holding|being held|under way|underway"
                        r"|taking part)|\bcontinues? to\b|\bcontinuing\b|\bongoing\b"
                        r"|\bcurrently\b|\bdue to (?:run|end|last|continue)\b", low)
    if present and not re.search(r"\bwill\b", low):
        return "present"
    if re.search(r"\b(?:will|shall|would|going to|plans? to|planned|planning|is to|are to"
                 r"|to be held|to hold|to conduct|due to|scheduled|upcoming|next|intends?"
                 r"|expected to|could be held|may hold|might|proposal to)\b", low):
        return "future"
    if re.search(r"\b(?:are|is) (?:conducting|holding|being held|under way|underway|taking part)"
                 r"|\bcontinues?\b|\bcontinuing\b|\bongoing\b|\bcurrently\b", low):
        return "present"
    if re.search(r"\b(?:held|conducted|took part|completed|was|were|did|had|ended|finished"
                 r"|launched|last year|last month|ago|patrolled|sent|carried out|staged)\b", low):
        return "past"
    return "unknown"


def find_dates(text: str, published: PartialDate | None = None, *, tense: str | None = None
               ) -> list[DateMention]:
    """Find date expressions and resolve them against the publication date.

    Parameters
    ----------
    text : str
        A sentence or clause (tense is read from it unless ``tense`` is given).
    published : PartialDate, optional
        Publication date of the article and its precision. A weekday ("on Monday") resolves to
        a day only when the publication day is known; otherwise to its month or year.
    tense : str, optional
        ``future``, ``past``, ``present`` or ``unknown``: decides whether "in September" is the
        next or the last September.

    Returns
    -------
    list of DateMention
        Left to right, non-overlapping (the longest expression wins).

    Examples
    --------
    >>> pub = PartialDate(date(2022, 12, 19), "day")
    >>> [str(d.first) + ".." + str(d.last) for d in find_dates("from 21-27 December", pub)]
    ['2022-12-21..2022-12-27']
    >>> [str(d.first) for d in find_dates("they will hold drills in September", pub)]
    ['2023-09']
    """
    tense = tense or _clause_tense(text)
    pub = published if published is not None and published.value is not None else None
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in taken)

    def year_or_resolve(y: str | None, month: int) -> int | None:
        return int(y) if y else _resolve_year(month, pub, tense)

    def day_date(y: int | None, month: int, day: int) -> PartialDate:
        if y is None:
            return PartialDate(None, "unknown")
        try:
            return PartialDate(date(y, month, day), "day")
        except ValueError:
            return PartialDate(None, "unknown")

    for kind, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.start(), m.end()
            if not free(s, e):
                continue
            first = last = PartialDate(None, "unknown")
            role = "event"
            g = m.groups()
            if kind == "iso":
                try:
                    first = last = PartialDate(date(int(g[0]), int(g[1]), int(g[2])), "day")
                except ValueError:
                    continue
            elif kind == "range_dm":
                month = _month_number(g[2])
                y = year_or_resolve(g[3], month)
                first, last = day_date(y, month, int(g[0])), day_date(y, month, int(g[1]))
            elif kind == "range_md":
                month = _month_number(g[0])
                y = year_or_resolve(g[3], month)
                first, last = day_date(y, month, int(g[1])), day_date(y, month, int(g[2]))
            elif kind == "range_dmdm":
                m1, m2 = _month_number(g[1]), _month_number(g[3])
                y2 = year_or_resolve(g[4], m2)
                y1 = None if y2 is None else (y2 if m1 <= m2 else y2 - 1)
                first, last = day_date(y1, m1, int(g[0])), day_date(y2, m2, int(g[2]))
            elif kind in ("dm", "md"):
                day_s, month_s = (g[0], g[1]) if kind == "dm" else (g[1], g[0])
                if int(day_s) > 31:
                    continue
                month = _month_number(month_s)
                first = last = day_date(year_or_resolve(g[2], month), month, int(day_s))
            elif kind == "my":
                month = _month_number(g[1])
                first = last = PartialDate(date(int(g[2]), month, 1), "month")
            elif kind == "month_alt":
                month = _month_number(g[1])
                other = _month_number(g[2]) if g[2] else month
                rel = (g[3] or "").strip().lower()
                if pub is None:
                    y = None
                elif rel.startswith("last"):
                    y = pub.value.year - 1  # type: ignore[union-attr]
                elif rel.startswith("next"):
                    y = pub.value.year + 1  # type: ignore[union-attr]
                elif rel.startswith("this"):
                    y = pub.value.year  # type: ignore[union-attr]
                else:
                    y = _resolve_year(min(month, other) if tense == "future" else max(
                        month, other), pub, tense)
                if y is not None:
                    first, last = _month_range(y, month, other)
                if m.group(0).lower().startswith(("until", "by")):
                    role = "until"
            elif kind == "weekday":
                lead = (g[0] or "").lower()
                mid = (g[1] or "").lower()
                weekday = _WEEKDAYS[g[2].lower()]
                first = last = _resolve_weekday(weekday, pub, tense, lead or mid)
                if lead in ("until", "till", "by"):
                    role = "until"
            elif kind == "relative":
                first, last = _resolve_relative(g[0].lower(), pub, text[:s], found)
                if first.value is None and last.value is None and g[0].lower() not in (
                        "the following day", "the next day"):
                    pass
            elif kind == "year":
                first = last = PartialDate(date(int(g[0]), 1, 1), "year")
            taken.append((s, e))
            found.append(DateMention(s, e, m.group(0), first, last, role))
    found.sort(key=lambda d: d.start)
    found = _apply_offsets(text, found)
    return [_mark_reporting(text, d) for d in found]


def _resolve_weekday(weekday: int, pub: PartialDate | None, tense: str, lead: str
                     ) -> PartialDate:
    if pub is None or pub.value is None:
        return PartialDate(None, "unknown")
    if pub.precision != "day":
        return _coarsen(pub.value, pub)
    base = pub.value
    if lead in ("until", "till", "by", "next") or (tense == "future" and lead not in (
            "last", "earlier")):
        delta = (weekday - base.weekday()) % 7
        if lead == "next" and delta == 0:
            delta = 7
    else:
        delta = -((base.weekday() - weekday) % 7)
        if lead == "last" and delta == 0:
            delta = -7
    return PartialDate(base + timedelta(days=delta), "day")


def _resolve_relative(phrase: str, pub: PartialDate | None, before: str,
                      earlier: Sequence[DateMention]) -> tuple[PartialDate, PartialDate]:
    unknown = PartialDate(None, "unknown")
    if phrase in ("the following day", "the next day", "tomorrow", "today", "yesterday"):
        anchors = [d for d in earlier if d.last.value is not None]
        shift = {"the following day": 1, "the next day": 1, "tomorrow": 1, "today": 0,
                 "yesterday": -1}[phrase]
        if phrase in ("the following day", "the next day") and anchors:
            base = anchors[-1].last
        else:
            base = pub or unknown
        if base.value is None:
            return unknown, unknown
        if base.precision == "day":
            day = PartialDate(base.value + timedelta(days=shift), "day")
        else:
            day = base
        return day, day
    if pub is None or pub.value is None:
        return unknown, unknown
    y, mo = pub.value.year, pub.value.month
    month_known = pub.precision in ("day", "week", "month")

    def month(yy: int, mm: int) -> PartialDate:
        return PartialDate(date(yy, mm, 1), "month")

    def year(yy: int) -> PartialDate:
        return PartialDate(date(yy, 1, 1), "year")

    if phrase in ("early next year",):
        return month(y + 1, 1), month(y + 1, 4)
    if phrase == "late next year":
        return month(y + 1, 9), month(y + 1, 12)
    if phrase == "early this year":
        return month(y, 1), month(y, 4)
    if phrase == "next year":
        return year(y + 1), year(y + 1)
    if phrase == "last year":
        return year(y - 1), year(y - 1)
    if phrase == "this year":
        return year(y), year(y)
    if phrase == "later this year":
        return (month(y, mo), month(y, 12)) if month_known else (year(y), year(y))
    if phrase == "earlier this year":
        return (month(y, 1), month(y, mo)) if month_known else (year(y), year(y))
    if not month_known:
        return year(y), year(y)
    if phrase in ("next month",):
        nxt = date(y, mo, 28) + timedelta(days=7)
        return month(nxt.year, nxt.month), month(nxt.year, nxt.month)
    if phrase == "last month":
        prev = date(y, mo, 1) - timedelta(days=1)
        return month(prev.year, prev.month), month(prev.year, prev.month)
    if phrase == "this month":
        return month(y, mo), month(y, mo)
    if phrase in ("next week", "this week", "last week"):
        if pub.precision != "day":
            return month(y, mo), month(y, mo)
        shift = {"next week": 7, "this week": 0, "last week": -7}[phrase]
        return (PartialDate(pub.value + timedelta(days=shift), "week"),) * 2
    if phrase in ("in recent weeks", "recent weeks", "in recent months"):
        start = pub.value - timedelta(days=60 if "months" in phrase else 28)
        return month(start.year, start.month), month(y, mo)
    if phrase.startswith("in the coming"):
        end = pub.value + timedelta(days=90 if "months" in phrase else 28)
        return month(y, mo), month(end.year, end.month)
    return PartialDate(None, "unknown"), PartialDate(None, "unknown")


def _apply_offsets(text: str, found: list[DateMention]) -> list[DateMention]:
    """"Two weeks before Russia's invasion of Ukraine, on 24 February": shift from the anchor."""
    out = list(found)
    for m in _OFFSET.finditer(text):
        amount_s, unit, direction = m.group(1).lower(), m.group(2).lower(), m.group(3).lower()
        amount = int(amount_s) if amount_s.isdigit() else _NUMBER_WORDS.get(amount_s, 1)
        anchor = next((d for d in out if d.start > m.end() and d.start - m.end() < 90
                       and d.first.value is not None and d.first.precision == "day"), None)
        if anchor is None:
            continue
        sign = -1 if direction in ("before", "prior to", "ahead of") else 1
        days = amount * {"day": 1, "week": 7, "month": 30}[unit]
        shifted = anchor.first.value + timedelta(days=sign * days)  # type: ignore[operator]
        precision = "day" if unit == "day" else "week" if unit == "week" else "month"
        if precision == "month":
            shifted = date(shifted.year, shifted.month, 1)
        value = PartialDate(shifted, precision)
        out[out.index(anchor)] = replace(anchor, role="anchor")
        out.append(DateMention(m.start(), anchor.end, text[m.start():anchor.end], value, value,
                               "event"))
    out.sort(key=lambda d: d.start)
    return out


def _mark_reporting(text: str, d: DateMention) -> DateMention:
    """Dates of *saying* ("said on Monday", "On Monday, Interfax reported") are not event dates."""
    if d.role in ("anchor", "until"):
        return d
    before = text[max(0, d.start - 40):d.start].lower()
    after = text[d.end:d.end + 60].lower()
    verbs = "|".join(_REPORTING_VERBS)
    if re.search(r"\b(?:" + verbs + r")\s+(?:on\s+|earlier\s+|late\s+|early\s+)?$", before):
        return replace(d, role="reporting")
    if re.search(r"\b(?:statement|decree|interview|briefing|report|announcement)\s+"
                 r"(?:\w+\s+)?(?:on\s+|published\s+|issued\s+)?$", before):
        return replace(d, role="reporting")
    at_start = not text[:d.start].strip()
    said_after = re.match(r"\s*,?\s*(?:[A-Z]?[\w'’-]+\s+){0,5}(?:" + verbs + r")\b",
                          text[d.end:d.end + 70])
    acted_after = re.match(r"\s*,?\s*(?:[\w'’-]+\s+){0,5}(?:held|conducted|patrolled|began"
                           r"|started|will|would)\b", after)
    if at_start and said_after and not acted_after:
        return replace(d, role="reporting")
    if re.match(r"\s+(?:asked|met|spoke|visited|wrote|tweeted)\b", after):
        return replace(d, role="reporting")
    return d


# --------------------------------------------------------------------------------------
# Force figures
# --------------------------------------------------------------------------------------

_QUALIFIER = (r"(?:(?i:(about|around|some|up to|nearly|almost|over|more than|at least"
              r"|approximately|roughly|as many as|several|a few|fewer than|less than|under"
              r"|an estimated|estimated))\s+)?")
_NUMBER = (r"(\d{1,3}(?:[,\u00a0 ]\d{3})+|\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven"
           r"|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
           r"|eighteen|nineteen|twenty|thirty|forty|fifty|several|a few|dozens of|hundreds of"
           r"|thousands of|tens of thousands of)")
_SCALE = r"(?:\s+(thousand|million|hundred))?"
_TROOPS = re.compile(
    r"\b" + _QUALIFIER + _NUMBER + _SCALE + r"\s+(?:(?:[A-Z][a-z]+|military|active|extra"
    r"|additional|more|combat|ground|elite|of\s+(?:their|its|the))\s+){0,2}"
    r"(troops|soldiers|servicemen|service members|servicepeople|personnel|paratroopers|marines"
    r"|military personnel|reservists|conscripts)\b")
_AIRCRAFT = re.compile(
    r"\b" + _QUALIFIER + _NUMBER + _SCALE + r"\s+(?:(?:military|combat|fighter|attack|transport"
    r"|[A-Z][a-z]+)\s+){0,2}(aircraft and helicopters|planes and helicopters|aircraft"
    r"|warplanes|planes|fighter jets|jets|bombers|helicopters|fighters)\b")
_TANKS = re.compile(r"\b" + _QUALIFIER + _NUMBER + _SCALE + r"\s+(?:(?:main battle|battle"
                    r"|[A-Z][a-z]+)\s+)?(tanks)\b")
_SHIP_COUNT = re.compile(
    r"\b" + _QUALIFIER + _NUMBER + r"\s+(?:(?:other|more|diesel|nuclear|large|small|landing"
    r"|patrol|supply|missile|anti-submarine|naval|surface|combat|military|support|[A-Z][a-z]+)"
    r"[ -]){0,2}(ships?|vessels?|warships?|destroyers?|frigates?|corvettes?|cruisers?"
    r"|submarines?|boats?|tankers?|minesweepers?|landing ships?|aircraft carriers?|carriers?"
    r"|icebreakers?)\b")
_FLAGSHIP = re.compile(r"\bthe\s+[\"“]?flagship\b", re.IGNORECASE)


def _number_value(number: str, scale: str | None) -> int | None:
    word = number.lower()
    if word in ("several", "a few", "dozens of", "hundreds of", "thousands of",
                "tens of thousands of"):
        if scale:
            return None
        return None
    if word in _NUMBER_WORDS:
        value: float = _NUMBER_WORDS[word]
    else:
        try:
            value = float(re.sub(r"[,\u00a0 ]", "", number))
        except ValueError:
            return None
    factor = {"thousand": 1000, "million": 1_000_000, "hundred": 100}.get((scale or "").lower(), 1)
    return int(round(value * factor))


def _figure(m: re.Match[str]) -> ForceFigure:
    qualifier, number, scale = (m.group(1) or "").lower(), m.group(2), m.group(3)
    value = _number_value(number, scale)
    text = " ".join(x for x in (m.group(1), number, scale) if x)
    if number.lower() in ("several", "a few") and not qualifier:
        qualifier = number.lower()
    return ForceFigure(value=value, qualifier=qualifier, text=text)


def find_force_figures(clause: str) -> ForceFigures:
    """Troops, aircraft and helicopters, ships (counted by class) and tanks in a clause.

    Ships named by class are added up: "2 destroyers, 2 patrol boats, a supply ship and a
    diesel submarine" is 6 ships; "the flagship ..., and four other ships" is 5.

    >>> f = find_force_figures("up to 200,000 military personnel and nearly 300 tanks")
    >>> (f.troops.value, f.troops.qualifier, f.tanks.value)
    (200000, 'up to', 300)
    """
    troops = aircraft = ships = tanks = None
    m = _TROOPS.search(clause)
    if m:
        troops = _figure(m)
    m = _AIRCRAFT.search(clause)
    if m and not re.match(r"\s+(?:carriers?)\b", clause[m.end():]):
        aircraft = _figure(m)
    m = _TANKS.search(clause)
    if m:
        tanks = _figure(m)
    ship_matches = [sm for sm in _SHIP_COUNT.finditer(clause)
                    if not re.search(r"aircraft\s*$", clause[:sm.start(3)])]
    total = 0
    parts: list[str] = []
    qualifier = ""
    exact = True
    for sm in ship_matches:
        fig = _figure(sm)
        if fig.value is None:
            exact = False
            continue
        total += fig.value
        qualifier = qualifier or fig.qualifier
        parts.append(sm.group(0).strip())
    if _FLAGSHIP.search(clause) and ship_matches:
        total += 1
        parts.insert(0, "the flagship")
    if parts and exact:
        ships = ForceFigure(value=total, qualifier=qualifier, text="; ".join(parts))
    elif ship_matches:
        ships = _figure(ship_matches[0])
    named = tuple(n for _, _, n in _named_ships(clause, Lexicon.from_entries([])))
    return ForceFigures(troops=troops, aircraft_helicopters=aircraft, ships=ships, tanks=tanks,
                        named_ships=named)


# --------------------------------------------------------------------------------------
# Events
# --------------------------------------------------------------------------------------

_MILITARY_NOUNS = (
    r"troops|forces|servicemen|soldiers|military|militaries|army|armies|navy|navies|air forces?"
    r"|units|jets|fighter jets|drills|exercises|war games|manoeuvres|maneuvers|fighters"
    r"|bombers|warships|ships|sailors|paratroopers|marines"
    r"|aviation|defen[cs]e ministry|ministry|side|aircraft|helicopters|battalions?|brigades?"
    r"|personnel|commanders|officers|tanks|crews|warplanes|planes|armed forces|contingent"
    r"|ground forces|pilots|vessels|submarines|destroyers|frigates|missile|military units"
)
_MILITARY_CUE = re.compile(
    r"\b(?:military|troops|army|navy|naval|air force|defen[cs]e|combat|tactical|strategic"
    r"|missiles?|warships?|soldiers|servicemen|battalion|brigade|war games|nuclear|fleet"
    r"|bombers|jets|artillery)\b", re.IGNORECASE)
_HABITUAL = re.compile(r"\b(?:annual(?:ly)?|every year|each year|regular(?:ly)?|since (?:19|20)"
                       r"\d{2}|have been holding|has been holding)\b", re.IGNORECASE)
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
    r";\s+|\s+and\s+(?=(?:\w+ly\s+)?(?:sent|held|conducted|carried|carry|will|would|launched"
    r"|staged|deployed|began|started|patrolled|flew|announced|said|plans?|planned)\b)"
    r"|,\s+(?:while|but|whereas)\s+")
_STATUS_ANNOUNCED = re.compile(r"\bannounc\w*|\bunveil\w*|\bplans? to\b|\bplanned\b|\bpropos\w*",
                               re.IGNORECASE)
_NEW_EVENT_WORDS = re.compile(r"\b(?:another|new|a further|further|other|second|next round"
                              r"|fresh)\b", re.IGNORECASE)
_PARTICIPATION = re.compile(r"\b(?:take part|took part|taking part|takes part|participat\w+"
                            r"|be (?:presented|represented) by)\b",
                            re.IGNORECASE)
_ANAPHORA = re.compile(
    r"\b(?:the|these|those|such|this|that|both|them|they)\b(?:\s+[a-z-]+){0,3}?\s*"
    r"(?:\(?the\s+)?(?:drills?|exercises?|war games|manoeuvres|maneuvers|patrols?|training)\b"
    r"|\b(?:hold|held|holding|conduct|conducted)\s+them\b", re.IGNORECASE)
_TWO_PARTIES = re.compile(r"\bthe two (?:countries|allies|nations|states|militaries|sides"
                          r"|armies|neighbours|neighbors)\b", re.IGNORECASE)


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


@dataclass(frozen=True)
class _Clause:
    start: int
    end: int
    text: str
    sentence_index: int
    sentence: str


def _clauses(sentences: Sequence[tuple[int, int, str]]) -> list[_Clause]:
    out = []
    for k, (s, _e, sentence) in enumerate(sentences):
        pos = 0
        for m in _CLAUSE_SPLIT.finditer(sentence):
            out.append(_Clause(s + pos, s + m.start(), sentence[pos:m.start()], k, sentence))
            pos = m.end()
        out.append(_Clause(s + pos, s + len(sentence), sentence[pos:], k, sentence))
    return out


def _has_trigger(clause: str) -> re.Match[str] | None:
    for m in _TRIGGER_RE.finditer(clause):
        after = clause[m.end():]
        word = m.group(0).lower()
        if word.startswith("patrol") and _NOT_TRIGGER_AFTER.match(after):
            continue
        if word.startswith("exercise") and _EXERCISE_VERB_OBJECT.match(after):
            continue
        if _NON_MILITARY_BEFORE.search(clause[:m.start()]):
            continue
        return m
    return None


def _nationalities(clause: str, lexicon: Lexicon, look: GeocodeFn) -> list[str]:
    """ISO2 codes of nationality adjectives that qualify forces ("Russian and Belarusian jets")."""
    codes: list[str] = []
    for m in re.finditer(r"\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b", clause):
        word = m.group(1)
        place = look(word, (), None)
        if place is None or place.raw.get("match_stage") != "demonym" or not place.country_code:
            continue
        after = clause[m.end():m.end() + 80]
        if re.match(r"(?:\s*(?:,|and|-)\s*[A-Z][a-z]+(?:n|sh|ese|ch|i))*\s+(?:[a-z-]+\s+){0,2}"
                    r"(?i:" + _MILITARY_NOUNS + r")\b", after):
            codes.append(place.country_code)
    return codes


def _participants(clause: _Clause, mentions: Sequence[Mention], lexicon: Lexicon,
                  look: GeocodeFn) -> list[str]:
    codes: list[str] = []
    for mention in mentions:
        if not (clause.start <= mention.start < clause.end) or mention.place is None:
            continue
        p = mention.place
        if not p.country_code:
            continue
        if mention.metonym:
            if re.search(r"\bwith\s+$", clause.text[:mention.start - clause.start]):
                codes.append(p.country_code)
            continue
        if p.kind != "country" or mention.surface.lower().endswith(
                ("territory", "border", "borders", "soil", "airspace", "waters")):
            continue
        before = _preceding_words(clause.sentence, mention.start - (clause.start - _sentence_offset(
            clause)), 2)
        prep = next((w for w in before if w not in _DETERMINERS), "")
        if mention.locative and prep not in ("with",):
            continue
        if prep == "with" and len(before) > 1 and before[1] in (
                "border", "war", "conflict", "tensions", "talks", "relations", "ties", "standoff",
                "frontier", "borders"):
            continue
        if prep in ("of", "against", "towards", "toward", "on", "into", "near", "for", "than",
                    "from", "between"):
            continue
        codes.append(p.country_code)
    codes.extend(_nationalities(clause.text, lexicon, look))
    return list(dict.fromkeys(codes))


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
    for mention in mentions:
        if not (clause.start <= mention.start < clause.end):
            continue
        if mention.preposition == "from":
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
        if not mention.locative and not re.search(
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
    if None in (a0, a1, b0, b1):
        return True
    return a0 <= b1 and b0 <= a1  # type: ignore[operator]


def _narrow(old: tuple[PartialDate, PartialDate], new: tuple[PartialDate, PartialDate]
            ) -> tuple[PartialDate, PartialDate]:
    """Combine two date ranges of one event: keep the narrower when one holds the other."""
    if old[0].value is None:
        return new
    if new[0].value is None:
        return old

    def span(r: tuple[PartialDate, PartialDate]) -> int:
        lo = r[0].earliest
        hi = (r[1] if r[1].value is not None else r[0]).latest
        return (hi - lo).days if lo and hi else 10**6

    return new if span(new) < span(old) else old


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
    names = find_exercise_names(text, lexicon)
    military_article = len(_MILITARY_CUE.findall(text)) >= 2
    drafts: list[_Draft] = []
    country_counts: dict[str, int] = {}
    for mention in mentions:
        if mention.place is not None and mention.place.kind == "country" \
                and mention.place.country_code:
            cc = mention.place.country_code
            country_counts[cc] = country_counts.get(cc, 0) + 1
    top_countries = sorted(country_counts, key=lambda c: (-country_counts[c], c))

    headings = _heading_spans(text)
    last: _Draft | None = None
    previous_clause: tuple[int, list[str]] = (-1, [])
    for clause in _clauses(sentences):
        if any(a <= clause.start < b for a, b in headings):
            continue  # headlines and section titles summarise; the body says it properly
        trigger = _has_trigger(clause.text)
        figures = find_force_figures(clause.text)
        if trigger is None:
            _continue_event(last, clause, figures, mentions, look)
            previous_clause = (clause.sentence_index,
                               _participants(clause, mentions, lexicon, look))
            continue
        tense = _clause_tense(clause.text)
        name = next((n for s, e, n in names if clause.start <= s < clause.end), "")
        dates = [d for d in find_dates(clause.text, published, tense=tense)
                 if d.role in ("event", "until")]
        if _HABITUAL.search(clause.text) and not name and not [
                d for d in dates if d.role == "event" and d.first.precision != "year"]:
            continue
        participants = _participants(clause, mentions, lexicon, look)
        if not participants and _TWO_PARTIES.search(clause.text):
            # "The two allies held ...": the pair the article was just talking about.
            recent = last.participants if last is not None and len(last.participants) >= 2 \
                else []
            participants = list(recent) or top_countries[:2]
        if not participants and previous_clause[0] == clause.sentence_index:
            # "Russia conducted war games with Belarus ... and sent its bombers": "its" is the
            # subject of the previous clause only.
            inherited = list(previous_clause[1])
            participants = inherited[:1] if re.search(r"\bits\b", clause.text) else inherited
        previous_clause = (clause.sentence_index, participants)
        if not (military_article or _MILITARY_CUE.search(clause.sentence) or participants):
            continue  # "a fire drill at a school": no forces, no countries
        sites = _clause_sites(clause, mentions, claim_spans)
        status = _status(clause.text, tense)
        start, end = _dates_of(dates)
        candidate = _Draft(name=name, participants=participants, places=sites, start=start,
                           end=end, date_text=[d.text for d in dates],
                           date_stated=bool(dates), status=status)
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
        if target is None:
            vague = not (name or dates or participants or sites or figures.any())
            if vague:
                continue  # "our joint drills": nothing to tell one exercise from another
            drafts.append(candidate)
            target = candidate
        else:
            _merge(target, candidate)
            target.evidence.append(f"same exercise as an earlier clause: {clause.text[:60]!r}")
        _add_figures(target, figures, clause, mentions, look)
        _add_quote(target, clause)
        last = target

    out = []
    for draft in drafts:
        out.append(_finish(draft, published))
    return out


def _dates_of(dates: Sequence[DateMention]) -> tuple[PartialDate, PartialDate]:
    unknown = PartialDate(None, "unknown")
    events = [d for d in dates if d.role == "event" and d.first.value is not None]
    until = [d for d in dates if d.role == "until" and d.last.value is not None]
    if not events and not until:
        return unknown, unknown
    if events:
        start = min((d.first for d in events), key=lambda p: p.earliest)  # type: ignore[arg-type]
        end = max((d.last for d in events), key=lambda p: p.latest)  # type: ignore[arg-type]
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
    if anaphoric and last is not None and not cand.name and (
            not (cand.date_stated and last.date_stated)
            or _date_overlap((last.start, last.end), (cand.start, cand.end))):
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
        same_parties = bool(d.participants) and set(d.participants) == set(cand.participants)
        # Undated on one side: same participants at the same site ("large Russian drills in
        # Belarus" ... "30,000 Russian troops ... in Belarus as part of joint exercises").
        if not dated_overlap and not (not (cand.date_stated and d.date_stated)
                                      and shared_sites and same_parties):
            continue
        if d.participants and cand.participants and set(d.participants) != set(
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


def _continue_event(last: _Draft | None, clause: _Clause, figures: ForceFigures,
                    mentions: Sequence[Mention], look: GeocodeFn) -> None:
    """A sentence without an exercise word may still add to the exercise just described.

    Figures or participation ("China will take part with 2 destroyers") within four sentences,
    or a type cue in the very next sentence ("will practice joint planning"), are attached.
    """
    if last is None:
        return
    distance = clause.sentence_index - last.last_sentence
    own_dates = [d for d in find_dates(clause.text, None) if d.role != "anchor"]
    if own_dates and not last.date_stated:
        return  # "In October, Belarus announced ... several thousand servicemen": another story
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
    return re.sub(r"[\W_]+", "", a).lower() == re.sub(r"[\W_]+", "", b).lower()


def _merge(target: _Draft, cand: _Draft) -> None:
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
    if not target.status or (target.status == "announced" and cand.status == "planned"):
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
        side = _clause_subject_country(clause, mentions)
        if side and figures.ships.value is not None:
            draft.ships_by_side[side] = draft.ships_by_side.get(side, 0) + figures.ships.value
            if side not in draft.participants:
                draft.participants.append(side)
        elif draft.ships is None:
            draft.ships = figures.ships
    draft.named_ships.extend(n for n in figures.named_ships if n not in draft.named_ships)


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
