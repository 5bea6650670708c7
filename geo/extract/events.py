"""Find exercises in article text: name, type, participants, places, figures, dates."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

from geo.extract.dates import _clause_tense, find_dates
from geo.extract.figures import find_force_figures
from geo.extract.lexicon import Lexicon
from geo.extract.mentions import (
    _AREA_KINDS,
    _DETERMINERS,
    _EXERCISE_VERB_OBJECT,
    _MEETING_NOUNS,
    _NON_MILITARY_BEFORE,
    _NOT_TRIGGER_AFTER,
    _REPORTING_VERBS,
    _TRIGGER_RE,
    GeocodeFn,
    _geocode_fn,
    _preceding_words,
    find_exercise_names,
)
from geo.extract.results import (
    DateMention,
    EventCandidate,
    EventPlaceCandidate,
    ForceFigures,
)
from geo.model.event import Event, ForceFigure, PartialDate
from geo.model.kinds import Status
from geo.model.mention import Mention
from geo.model.text import split_sentences

__all__ = ["extract_events"]


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
    if a0 is None or a1 is None or b0 is None or b1 is None:
        return True
    return a0 <= b1 and b0 <= a1


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
