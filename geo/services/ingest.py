"""Ingest new articles: extract, geocode, measure, check claims and store them."""

from __future__ import annotations

import hashlib
import re
import sqlite3
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from geo.analysis.pipeline import check_claims, measure_sites, place_by_claims
from geo.errors import DatabaseUnusableError, DataFormatError, GeoError
from geo.extract.claims import find_distance_claims
from geo.extract.events import extract_events
from geo.extract.lexicon import Lexicon, load_lexicon
from geo.extract.mentions import extract_mentions, reported_place_mentions
from geo.extract.results import EventCandidate
from geo.inputs.articles import clean_text, split_articles
from geo.inputs.documents import (
    MAX_BYTES,
    MAX_CHARS,
    _checked_text,
    _is_html,
    _markdown_to_text,
    decode_article_bytes,
    html_to_text,
    mib,
)
from geo.model.article import Article
from geo.model.claim import ClaimCheck
from geo.model.event import Event, EventPlace, PartialDate
from geo.model.kinds import ReviewState
from geo.model.measurement import SiteMeasurement
from geo.model.mention import Mention
from geo.model.place import Place
from geo.services.rules import border_rules_for, geocoder_for
from geo.services.seed import prepare_database
from geo.store.backends import Connection
from geo.store.sqlite import Store, StoredEvent

__all__ = [
    "ArticleAnalysis",
    "BatchResult",
    "EventMatch",
    "IngestResult",
    "IngestedEvent",
    "PreparedArticle",
    "analyse_article",
    "candidate_key",
    "content_hash",
    "ingest_bytes",
    "ingest_files",
    "ingest_text",
    "ingest_uploads",
    "match_event",
    "parse_published",
    "prepare_articles",
    "prepare_text",
    "store_analyses",
]


def parse_published(value: str | date | PartialDate | None) -> PartialDate | None:
    """``"2022-12-19"``, ``"2022-12"``, ``"2022"`` (or an ISO timestamp) as a PartialDate.

    >>> str(parse_published("2022-12"))
    '2022-12'
    """
    if value is None or isinstance(value, PartialDate):
        return value
    if isinstance(value, date):
        return PartialDate(value, "day")
    text = str(value).strip()
    if not text:
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ][\d:.+Z-]*)?", text)
    if not m:
        raise ValueError(f"publication date must look like 2022-12-19, 2022-12 or 2022, got "
                         f"{text!r}")
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day:
            return PartialDate(date(year, int(month), int(day)), "day")
        if month:
            return PartialDate(date(year, int(month), 1), "month")
        return PartialDate(date(year, 1, 1), "year")
    except ValueError as exc:
        raise ValueError(f"publication date {text!r}: {exc}") from exc


_DATELINE = re.compile(
    r"\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s+)?"
    r"(?:(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2}),?\s+"
    r"((?:19|20)\d{2})|(\d{1,2})\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*"
    r"\.?,?\s+((?:19|20)\d{2}))\b")


_MONTH_ABBR = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}


def _date_in_text(text: str) -> tuple[PartialDate, str] | None:
    """The first full date with a year (a dateline or dated photo caption), if any."""
    for m in _DATELINE.finditer(text[:3000]):
        if m.group(1):
            month, day, year = m.group(1), m.group(2), m.group(3)
        else:
            day, month, year = m.group(4), m.group(5), m.group(6)
        try:
            value = date(int(year), _MONTH_ABBR[month.lower()[:3]], int(day))
        except ValueError:
            continue
        return PartialDate(value, "day"), m.group(0)
    return None


@dataclass(frozen=True, slots=True)
class EventMatch:
    """Why a candidate is taken to be an already known event."""

    event_id: str
    score: float
    reason: str


@dataclass(frozen=True, slots=True)
class IngestedEvent:
    """A candidate event and what became of it: a new event, or a source added to one."""

    candidate: EventCandidate
    event_id: str
    created: bool
    match_reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly dict."""
        return {**self.candidate.to_dict(), "id": self.event_id, "created": self.created,
                "match_reason": self.match_reason}


@dataclass
class IngestResult:
    """What ingesting one article produced (or why it was not ingested).

    ``status`` is ``"ingested"``, ``"duplicate"`` (already in the database) or ``"error"``.
    ``warnings`` hold non-fatal messages ("no place names found").
    """

    source: str
    status: str
    message: str = ""
    article_id: str = ""
    title: str = ""
    text: str = ""
    published: PartialDate | None = None
    date_basis: str = "none"
    mentions: list[Mention] = field(default_factory=list)
    events: list[IngestedEvent] = field(default_factory=list)
    claims: list[Any] = field(default_factory=list)
    distances: list[Any] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the article is in the database (ingested now or before)."""
        return self.status in ("ingested", "duplicate")

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``python -m geo ingest --json`` (one object per article)."""
        claims = []
        for c in self.claims:
            v = c.verdict
            claims.append({
                "subject": c.subject_surface,
                "subject_place": c.subject.name if c.subject else None,
                "text": c.claim.text, "sentence": c.sentence,
                "stated_km": round(c.claim.stated_km, 1), "unit": c.claim.unit,
                "direction": c.claim.direction, "reference": c.claim.reference_text,
                "reference_iso2": c.reference_iso2,
                "computed_km": round(v.computed_km, 1) if v else None,
                "difference_km": round(v.difference_km, 1) if v else None,
                "tolerance_km": round(v.tolerance_km, 1) if v else None,
                "verdict": v.verdict if v else "unchecked",
                "explanation": v.explanation if v else c.problem,
            })
        return {
            "source": self.source, "status": self.status, "message": self.message,
            "article_id": self.article_id, "title": self.title,
            "published": str(self.published) if self.published else None,
            "published_precision": self.published.precision if self.published else None,
            "date_basis": self.date_basis, "machine_extracted": True,
            "mentions": [m.to_dict() for m in self.mentions],
            "events": [e.to_dict() for e in self.events],
            "claims": claims,
            "distances": [{"event_id": d.event_id, "surface": d.surface, "border": d.border_iso2,
                           "distance_km": round(d.distance_km, 1), "dataset": d.dataset}
                          for d in self.distances],
            "warnings": list(self.warnings),
        }


@dataclass
class BatchResult:
    """Results of a batch of files, in input order."""

    results: list[IngestResult] = field(default_factory=list)

    @property
    def errors(self) -> list[IngestResult]:
        """Files or articles that could not be ingested."""
        return [r for r in self.results if r.status == "error"]

    @property
    def ingested(self) -> list[IngestResult]:
        """Articles ingested now."""
        return [r for r in self.results if r.status == "ingested"]


def _norm_name(name: str) -> str:
    return re.sub(r"[\W_]+", "", name).lower()


def _range(e: Event) -> tuple[date | None, date | None]:
    return e.date_range


def match_event(candidate: EventCandidate, known: Sequence[StoredEvent], *,
                article_id: str = "") -> EventMatch | None:
    """The known event a candidate reports, with the reason, or None for a new event.

    A stated name equal to the known event's (ignoring case and separators) decides. Without
    a name, all of these must hold: the dates overlap, both have participants and one set
    contains the other, the status agrees (announced/planned vs under way/held), sites do not
    contradict, and a patrol is matched only to a patrol; then a score counts tight dates
    (within ~6 weeks), equal participants, shared places and the same type, and at least 3
    points are needed. An event never absorbs a second candidate of the same article, and
    rejected events are ignored. Of equally good events the one with the smallest id wins,
    whatever the order of ``known`` (a fresh read of the database and a batch's own list of
    events list them in different orders).
    """
    c = candidate.event
    c_sites = {p.surface.lower() for p in candidate.places if p.role != "announced_at"}
    c_places = {p.surface.lower() for p in candidate.places}
    best: EventMatch | None = None

    def better(m: EventMatch) -> bool:
        return best is None or m.score > best.score or (
            m.score == best.score and m.event_id < best.event_id)

    for k in known:
        if k.review == ReviewState.REJECTED or (article_id and any(a == article_id for a, _, _ in
                                                          k.sources)):
            continue
        e = k.event
        if c.name_basis == "stated" and e.name_basis == "stated":
            named = EventMatch(e.id, 10.0, f"same name {e.name!r}")
            if _norm_name(c.name) == _norm_name(e.name) and better(named):
                best = named
            continue
        c0, c1 = _range(c)
        e0, e1 = _range(e)
        if None in (c0, c1, e0, e1):
            known_range = [x for x in (c0, c1) if x] and [x for x in (e0, e1) if x]
            if not known_range:
                continue
            overlap = all((x is None) or (y is None) or x <= y for x, y in ((c0, e1), (e0, c1)))
            tight = False
        else:
            overlap = c0 <= e1 and e0 <= c1  # type: ignore[operator]
            tight = overlap and (c1 - c0).days <= 45 and (e1 - e0).days <= 45  # type: ignore
        if not overlap:
            continue
        future = {"announced", "planned"}
        if (c.status in future) != (e.status in future):
            continue
        cp, ep = set(c.participants), set(e.participants)
        if not cp or not ep or not (cp <= ep or ep <= cp):
            continue
        if ("patrol" in (c.type, e.type)) and c.type != e.type:
            continue
        e_sites = {s.lower() for _, s, r in k.places if r != "announced_at"}
        e_places = {s.lower() for _, s, _ in k.places}
        if c_sites and e_sites and not c_sites & e_sites:
            continue
        score = 2.0 if tight else 1.0
        reasons = [f"dates overlap ({c.dates_label or 'unknown'} / {e.dates_label})"
                   + (" within weeks" if tight else "")]
        if cp == ep:
            score += 2
            reasons.append(f"same participants {'/'.join(sorted(cp))}")
        else:
            score += 1
            reasons.append(f"participants {'/'.join(sorted(cp))} within "
                           f"{'/'.join(sorted(ep))}")
        shared = c_places & e_places
        if shared:
            score += 2
            reasons.append(f"same place {sorted(shared)[0]!r}")
        if c.type == e.type:
            score += 1
            reasons.append(f"same type {c.type}")
        scored = EventMatch(e.id, score, "; ".join(reasons))
        if score >= 3 and better(scored):
            best = scored
    return best


_CONTEXT_MEMO_MAX = 20_000  # answers kept for context queries before the table starts over


class _MemoGeocoder:
    """In-process memo (and optional database cache) in front of a geocoder."""

    def __init__(self, geocoder: Any, store: Store | None, persist: bool):
        self.geocoder = geocoder
        self.store = store
        self.persist = persist and store is not None
        self.memo: dict[tuple[str, tuple[str, ...], str | None], Place | None] = {}
        self.pending: dict[str, Place | None] = {}
        self.context_memo: dict[tuple[Any, ...], Place | list[Place] | None] = {}

    def geocode(self, query: str, *, exactly_one: bool = True, country_bias: Sequence[str] = (),
                kind_hint: str | None = None, within: tuple[str, str] | None = None,
                near: Sequence[tuple[float, float]] = ()) -> Place | list[Place] | None:
        if not exactly_one or within is not None or near:
            # Candidate lists and context re-ranking: memoised in memory only, in a bounded
            # table (a long article asks the same question with the same anchors many times;
            # sharing the answer keeps time and memory linear in its length).
            ckey = (query, exactly_one, tuple(country_bias), kind_hint, within, tuple(near))
            if ckey in self.context_memo:
                return self.context_memo[ckey]
            result: Place | list[Place] | None = self.geocoder.geocode(
                query, exactly_one=exactly_one, country_bias=tuple(country_bias),
                kind_hint=kind_hint, within=within, near=near)
            if len(self.context_memo) >= _CONTEXT_MEMO_MAX:
                self.context_memo.clear()
            self.context_memo[ckey] = result
            return result
        key = (query, tuple(country_bias), kind_hint)
        if key in self.memo:
            return self.memo[key]
        db_key = f"{type(self.geocoder).__name__}|{query}|{','.join(key[1])}|{kind_hint or ''}"
        if self.persist:
            hit, place = self.store.cached_geocode(db_key)  # type: ignore[union-attr]
            if hit:
                self.memo[key] = place
                return place
        result = self.geocoder.geocode(query, exactly_one=True, country_bias=tuple(country_bias),
                                       kind_hint=kind_hint)
        place = result[0] if isinstance(result, list) else result
        place = place if place is None or isinstance(place, Place) else None
        self.memo[key] = place
        if self.persist:
            self.pending[db_key] = place
        return place

    def flush(self, conn: Connection) -> None:
        for db_key, place in self.pending.items():
            self.store.put_geocode(conn, db_key, place)  # type: ignore[union-attr]
        self.pending.clear()


@dataclass
class _Context:
    store: Store
    geocoder: _MemoGeocoder
    lexicon: Lexicon
    rules: Mapping[str, Sequence[str]]
    known: list[StoredEvent] | None = None  # events to match against, kept between articles
    known_version: int = -1  # Store.others_version() when ``known`` was read

    def known_events(self, conn: Connection) -> list[StoredEvent]:
        """Known events; re-read only when another connection has written since."""
        version = self.store.others_version()
        if self.known is None or version != self.known_version:
            self.known = self.store.events(conn=conn, quotes=False)
            self.known_version = version
        return self.known

    def remember(self, event_id: str, cand: EventCandidate, article_id: str) -> None:
        """Update ``known`` after this connection added an event or a source to one."""
        if self.known is None:
            return
        places = tuple((article_id, p.surface, p.role) for p in cand.places)
        for i, k in enumerate(self.known):
            if k.id == event_id:
                self.known[i] = replace(k, sources=(*k.sources, (article_id, "", "")),
                                        places=(*k.places, *places))
                return
        self.known.append(StoredEvent(event=replace(cand.event, id=event_id), origin="machine",
                                      review="machine", sources=((article_id, "", ""),),
                                      places=places))


def _context(store: Store | None, db: str | Path | None, geocoder: Any,
             lexicon: Lexicon | None, seed: bool) -> tuple[_Context, bool]:
    """The ingest context; a database opened here (not passed in) is seeded first if asked."""
    own = store is None
    if store is None:
        store = Store(db)
        if seed:
            prepare_database(store, geocoder=geocoder)
    base = geocoder if geocoder is not None else geocoder_for(store)
    persist = type(base).__name__ != "OfflineGeocoder"  # the gazetteer beats a DB cache
    return _Context(store=store, geocoder=_MemoGeocoder(base, store, persist),
                    lexicon=lexicon or load_lexicon(),
                    rules=border_rules_for(store)), own


def _article_id(stem: str, part: int) -> str:
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-")[:40] or "article"
    return slug if part == 0 else f"{slug}-{part + 1}"


def content_hash(text: str) -> str:
    """The sha256 of an article's cleaned text, as the store keys articles by (hex)."""
    return hashlib.sha256(text.encode()).hexdigest()


def candidate_key(article_key: str, index: int) -> str:
    """Provisional id of an article's ``index``-th event candidate, until the store assigns one.

    >>> candidate_key("ab12", 0)
    'ab12#0'
    """
    return f"{article_key}#{index}"


@dataclass(frozen=True, slots=True)
class PreparedArticle:
    """A cleaned article with its publication date and how that date was found."""

    article: Article
    published: PartialDate | None
    date_basis: str


@dataclass
class ArticleAnalysis:
    """Everything read from one article before it meets the store.

    Extraction, geocoding, border measurements and claim checks need no database, so an
    archive ingest runs this on workers and stores it later. Ids are provisional: the
    article's is its content hash (:attr:`key`), a candidate's is :func:`candidate_key`;
    storing maps them to the ids the store assigns (:func:`store_analyses`).
    """

    prepared: PreparedArticle
    mentions: list[Mention]
    candidates: list[EventCandidate]
    distances: list[SiteMeasurement]
    claims: list[ClaimCheck]
    warnings: list[str]

    @property
    def key(self) -> str:
        """The article's content hash."""
        return content_hash(self.prepared.article.text)


def analyse_article(prepared: PreparedArticle, *, geocoder: Any, lexicon: Lexicon,
                    rules: Mapping[str, Sequence[str]],
                    corrections: Mapping[str, Place | None]) -> ArticleAnalysis:
    """Extract, geocode, measure and check one article: the whole reading, no store needed."""
    article, published = prepared.article, prepared.published
    key = content_hash(article.text)
    keyed = Article(id=key, file=article.file, part=article.part, title=article.title,
                    text=article.text)
    mentions = extract_mentions(article.text, geocoder, lexicon, corrections=corrections)
    # A stated distance decides between namesakes ("Goseong, 160 km northeast of Seoul").
    moved = place_by_claims(keyed, [replace(m, article_id=key) for m in mentions], geocoder)
    mentions = [replace(m, place=x.place, note=x.note) for m, x in zip(mentions, moved,
                                                                       strict=True)]
    claim_texts = find_distance_claims(article.text)
    candidates = extract_events(article.text, mentions, lexicon, geocoder,
                                published=published,
                                claim_spans=[(c.start, c.end) for c in claim_texts])
    warnings = []
    if not mentions:
        warnings.append("no place names found: the article is stored, but nothing can be put "
                        "on the map")
    if published is None:
        warnings.append("no publication date: relative dates (\"on Monday\", \"next year\") "
                        "are left unresolved; give one with --published")
    # Measure: every resolved point site of the article's events to the borders that matter.
    event_places = [EventPlace(candidate_key(key, i), key, p.surface, p.role)
                    for i, cand in enumerate(candidates) for p in cand.places]
    place_of = {(key, m.surface): m.place for m in mentions if m.place is not None}
    distances = measure_sites(None, event_places, place_of, rules)
    resolved = [replace(m, article_id=key, sentence=article.sentence_at(m.start))
                for m in mentions]
    claims = check_claims([keyed], resolved, event_places, geocoder)
    return ArticleAnalysis(prepared, mentions, candidates, distances, claims, warnings)


def _ingest_article(ctx: _Context, prepared: PreparedArticle, source: str) -> IngestResult:
    """Extract, match and store one cleaned article in one transaction."""
    article = prepared.article
    result = IngestResult(source=source, status="ingested", title=article.title,
                          text=article.text, published=prepared.published,
                          date_basis=prepared.date_basis)
    if len(article.text) > MAX_CHARS:
        result.status = "error"
        result.message = (f"article text has {len(article.text):,} characters; the limit is "
                          f"{MAX_CHARS:,}")
        return result
    if _is_duplicate(ctx.store.article_id_for_text(article.text), result):
        return result
    analysis = analyse_article(prepared, geocoder=ctx.geocoder, lexicon=ctx.lexicon,
                               rules=ctx.rules, corrections=ctx.store.place_corrections())
    _store_analysis(ctx, analysis, result)
    return result


def _is_duplicate(existing: str | None, result: IngestResult) -> bool:
    """Mark ``result`` a duplicate of the stored article ``existing`` (if there is one)."""
    if existing is None:
        return False
    result.status, result.article_id = "duplicate", existing
    result.message = f"already ingested as article {existing!r}; nothing changed"
    result.warnings = []
    return True


def _store_analysis(ctx: _Context, analysis: ArticleAnalysis, result: IngestResult) -> None:
    """Store an analysed article (events matched to known ones) and fill ``result``."""
    result.warnings.extend(analysis.warnings)
    try:
        stored = _store_article(ctx, analysis, result)
    except BaseException:
        ctx.known = None  # the transaction was rolled back: forget what it added
        raise
    if not stored:
        return
    result.mentions = reported_place_mentions(analysis.prepared.article.text, analysis.mentions)
    created = sum(e.created for e in result.events)
    result.message = (f"{len(result.mentions)} place mentions, {created} new and "
                      f"{len(result.events) - created} known exercises, {len(result.claims)} "
                      f"distance claims")


def _store_article(ctx: _Context, analysis: ArticleAnalysis, result: IngestResult) -> bool:
    """Write one article and everything found in it, in one transaction.

    Returns False, writing nothing, when another process stored the same text since the
    caller last looked: the check is repeated here, under the write lock.
    """
    article, key = analysis.prepared.article, analysis.key
    with ctx.store.transaction() as conn:
        if _is_duplicate(ctx.store.article_id_for_text(article.text, conn), result):
            return False
        article_id = ctx.store.unique_article_id(conn, article.id)
        result.article_id = article_id
        ctx.store.insert_article(conn, article_id=article_id, text=article.text,
                                 title=article.title, file=article.file, part=article.part,
                                 published=result.published, date_basis=result.date_basis)
        ctx.store.insert_mentions(conn, article_id, analysis.mentions)
        known = ctx.known_events(conn)
        event_ids: dict[str, str] = {}
        for i, cand in enumerate(analysis.candidates):
            match = match_event(cand, known, article_id=article_id)
            if match is None:
                event_id = ctx.store.insert_event(conn, cand.event)
                reason = ""
            else:
                event_id, reason = match.event_id, match.reason
            event_ids[candidate_key(key, i)] = event_id
            for quote in cand.quotes:
                ctx.store.add_event_source(conn, event_id, article_id, quote,
                                           match_reason=reason)
            for p in cand.places:
                ctx.store.add_event_place(conn, event_id, article_id, p.surface, p.role)
            result.events.append(IngestedEvent(cand, event_id, match is None, reason))
            ctx.remember(event_id, cand, article_id)
        for sm in analysis.distances:
            sm = replace(sm, event_id=event_ids[sm.event_id], article_id=article_id)
            ctx.store.insert_site_distance(conn, sm)
            result.distances.append(sm)
        for check in analysis.claims:
            check = replace(check, article_id=article_id,
                            event_ids=tuple(sorted({event_ids[e] for e in check.event_ids})))
            ctx.store.insert_claim(conn, check)
            result.claims.append(check)
        ctx.geocoder.flush(conn)
    return True


def store_analyses(analyses: Iterable[tuple[str, ArticleAnalysis]], *, store: Store,
                   geocoder: Any = None) -> Iterator[IngestResult]:
    """Store analysed articles in order, as ingest does: ``(source, analysis)`` pairs in.

    An article whose text is stored already is a ``duplicate`` (nothing changes), so storing
    the same analyses twice is harmless; each article is one transaction, matched against the
    events known at that moment (stored ones and those of the articles before it). Every
    outcome goes to the ingest log. Yields one result per article.
    """
    ctx, _ = _context(store, None, geocoder, None, seed=False)
    for source, analysis in analyses:
        prepared = analysis.prepared
        result = IngestResult(source=source, status="ingested", title=prepared.article.title,
                              text=prepared.article.text, published=prepared.published,
                              date_basis=prepared.date_basis)
        if not _is_duplicate(store.article_id_for_text(prepared.article.text), result):
            try:
                _store_analysis(ctx, analysis, result)
            except DatabaseUnusableError:
                raise  # the database, not the article: stop, write nothing more
            except (GeoError, ValueError, sqlite3.Error) as exc:
                result = IngestResult(source=source, status="error",
                                      title=prepared.article.title,
                                      message=f"could not store: {exc}")
        _finish_result(result)
        yield from _logged(ctx, source, [result])


def _articles_from_text(text: str, *, name: str, stem: str, title: str | None,
                        split: bool) -> list[Article]:
    pieces = split_articles(text) if split else [("", text.split("\n"))]
    out = []
    for part, (headline, lines) in enumerate(pieces):
        cleaned, dropped = clean_text(lines)
        if not cleaned:
            continue
        first_line = cleaned.split("\n", 1)[0]
        heading = title if (title and part == 0) else (headline or first_line[:140])
        out.append(Article(id=_article_id(stem, part), file=name, part=part, title=heading,
                           text=cleaned, dropped_lines=dropped))
    return out


def prepare_articles(text: str, *, name: str, stem: str, title: str | None,
                     published: PartialDate | None, split: bool
                     ) -> list[PreparedArticle] | str:
    """Decoded text (plain, Markdown or HTML) as cleaned articles with their dates.

    The date is the given one, else the page's metadata, else the first full date in the
    text (a dateline); returns an error message when no article text is left.
    """
    basis = "given" if published is not None else "none"
    page_date = ""
    if _is_html(text, name):
        text, page_title, page_date = html_to_text(text)
        title = title or page_title or None
    elif name.lower().endswith((".md", ".markdown")):
        text = _markdown_to_text(text)
    articles = _articles_from_text(text, name=name, stem=stem, title=title, split=split)
    if not articles:
        return "no article text left after removing page furniture"
    out = []
    for article in articles:
        pub, article_basis = published, basis
        if pub is None and page_date:
            try:
                pub, article_basis = parse_published(page_date[:10]), "page metadata"
            except ValueError:
                pub = None
        if pub is None:
            found = _date_in_text(article.text)
            if found is not None:
                pub, article_basis = found[0], f"derived from the text ({found[1]!r})"
        out.append(PreparedArticle(article, pub, article_basis))
    return out


def _finish_result(result: IngestResult) -> None:
    if result.status == "ingested" and result.published is not None:
        result.warnings = [w for w in result.warnings if not w.startswith("no publication")]


def prepare_text(text: str, *, source: str, title: str | None = None,
                 published: PartialDate | None = None, id_prefix: str = "paste"
                 ) -> PreparedArticle | str:
    """One article's text as :func:`ingest_text` reads it (control characters dropped, HTML or
    Markdown converted, page furniture removed, the date found), or an error message.

    Its id is ``<id_prefix>-`` and the start of the text's sha256.
    """
    try:
        decoded = _checked_text(text, source)
    except DataFormatError as exc:
        return str(exc)
    stem = f"{id_prefix}-" + hashlib.sha256(decoded.encode()).hexdigest()[:10]
    prepared = prepare_articles(decoded, name=source, stem=stem, title=title,
                                published=published, split=False)
    return prepared if isinstance(prepared, str) else prepared[0]


def _ingest_decoded(ctx: _Context, text: str, *, name: str, stem: str, title: str | None,
                    published: PartialDate | None, split: bool) -> list[IngestResult]:
    prepared = prepare_articles(text, name=name, stem=stem, title=title, published=published,
                                split=split)
    if isinstance(prepared, str):
        return [IngestResult(source=name, status="error", message=prepared)]
    return _ingest_prepared(ctx, prepared, name)


def _ingest_prepared(ctx: _Context, prepared: Sequence[PreparedArticle], name: str
                     ) -> list[IngestResult]:
    results = []
    for item in prepared:
        try:
            result = _ingest_article(ctx, item, name)
        except DatabaseUnusableError:
            raise  # the database, not the article: stop, write nothing more
        except (GeoError, ValueError, sqlite3.Error) as exc:
            result = IngestResult(source=name, status="error", title=item.article.title,
                                  message=f"could not ingest: {exc}")
        _finish_result(result)
        results.append(result)
    return results


def ingest_text(
    text: str,
    *,
    title: str | None = None,
    published: str | date | PartialDate | None = None,
    store: Store | None = None,
    db: str | Path | None = None,
    geocoder: Any = None,
    lexicon: Lexicon | None = None,
    source: str = "pasted text",
    seed: bool = True,
) -> IngestResult:
    """Ingest one pasted article (plain text, Markdown or HTML) and return what was found.

    Parameters
    ----------
    text : str
        The article as pasted. HTML is detected and stripped.
    title : str, optional
        Headline; default the first line.
    published : str, date or PartialDate, optional
        Publication date ("2022-12-19", "2022-12", "2022"); relative dates resolve against it.
    store : Store, optional
        An open database; default: open ``db`` (or the default database).
    db : str or Path, optional
        Database path when no ``store`` is given.
    geocoder, lexicon : optional
        Defaults: the offline gazetteer and the bundled lexicon.
    source : str, optional
        Name shown for the input.
    seed : bool, optional
        Seed a new database with the bundled curated data (default True).

    Returns
    -------
    IngestResult
        ``status`` "ingested", "duplicate" or "error" (with a message).
    """
    pub = parse_published(published)
    ctx, own = _context(store, db, geocoder, lexicon, seed)
    try:
        prepared = prepare_text(text, source=source, title=title, published=pub)
        if isinstance(prepared, str):
            return IngestResult(source=source, status="error", message=prepared)
        return _ingest_prepared(ctx, [prepared], source)[0]
    finally:
        if own:
            ctx.store.close()


def ingest_bytes(
    data: bytes,
    *,
    name: str,
    published: str | date | PartialDate | None = None,
    store: Store | None = None,
    db: str | Path | None = None,
    geocoder: Any = None,
    lexicon: Lexicon | None = None,
    max_bytes: int = MAX_BYTES,
    seed: bool = True,
) -> list[IngestResult]:
    """Ingest an uploaded file's bytes (.txt, .html, .md); one result per article in it."""
    pub = parse_published(published)
    ctx, own = _context(store, db, geocoder, lexicon, seed)
    try:
        return _ingest_payload(ctx, data, name=name, published=pub, max_bytes=max_bytes)
    finally:
        if own:
            ctx.store.close()


def _ingest_payload(ctx: _Context, data: bytes, *, name: str, published: PartialDate | None,
                    max_bytes: int) -> list[IngestResult]:
    if len(data) > max_bytes:
        return [IngestResult(source=name, status="error", message=_too_large(len(data),
                                                                              max_bytes))]
    try:
        text = decode_article_bytes(data, name=name)
    except DataFormatError as exc:
        return [IngestResult(source=name, status="error", message=str(exc))]
    return _ingest_decoded(ctx, text, name=name, stem=Path(name).stem.split("_", 1)[0] or
                           Path(name).stem, title=None, published=published, split=True)


def _too_large(size: int, limit: int) -> str:
    return (f"file is {mib(size)} ({size:,} bytes); the limit is {mib(limit)} (is this really "
            f"one article?)")


def ingest_files(
    paths: Iterable[str | Path],
    *,
    published: str | date | PartialDate | None = None,
    store: Store | None = None,
    db: str | Path | None = None,
    geocoder: Any = None,
    lexicon: Lexicon | None = None,
    max_bytes: int = MAX_BYTES,
    seed: bool = True,
    progress: Callable[[int, int, str], None] | None = None,
    on_result: Callable[[IngestResult], None] | None = None,
) -> BatchResult:
    """Ingest files one by one; a bad file is reported and the others go on.

    ``progress(done, total, path)`` is called after each file (for progress bars),
    ``on_result(result)`` for each article or error as soon as it is stored or logged.
    """
    pub = parse_published(published)
    ctx, own = _context(store, db, geocoder, lexicon, seed)

    def read_and_ingest(path: Path) -> list[IngestResult]:
        name = str(path)
        try:
            info = path.stat()
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError(f"{path} is a folder")
            if not stat.S_ISREG(info.st_mode):  # a device, a FIFO, a socket: never read
                return [IngestResult(source=name, status="error",
                                     message=f"{name}: not a regular file")]
            if info.st_size > max_bytes:
                return [IngestResult(source=name, status="error",
                                     message=f"{name}: {_too_large(info.st_size, max_bytes)}")]
            with path.open("rb") as handle:  # bounded: a file that grew is still refused
                data = handle.read(max_bytes + 1)
            if len(data) > max_bytes:
                return [IngestResult(source=name, status="error",
                                     message=f"{name}: {_too_large(len(data), max_bytes)}")]
            return _ingest_payload(ctx, data, name=name, published=pub, max_bytes=max_bytes)
        except OSError as exc:
            return [IngestResult(source=name, status="error",
                                 message=f"{name}: cannot read ({exc.strerror or exc})")]

    jobs = [(str(p), partial(read_and_ingest, Path(p))) for p in paths]
    return _run_batch(ctx, own, jobs, progress, on_result)


def _run_batch(ctx: _Context, own: bool,
               jobs: Sequence[tuple[str, Callable[[], list[IngestResult]]]],
               progress: Callable[[int, int, str], None] | None,
               on_result: Callable[[IngestResult], None] | None = None) -> BatchResult:
    """Run ingest jobs one by one, log each outcome, report progress, close an own store."""
    batch = BatchResult()
    try:
        for n, (name, job) in enumerate(jobs, 1):
            results = _logged(ctx, name, job())
            batch.results.extend(results)
            if on_result is not None:
                for result in results:
                    on_result(result)
            if progress is not None:
                progress(n, len(jobs), name)
    finally:
        if own:
            ctx.store.close()
    return batch


def _logged(ctx: _Context, name: str, results: list[IngestResult]) -> list[IngestResult]:
    """Name the file in error messages and record every outcome in the ingest log."""
    for r in results:
        if r.status == "error" and not r.message.startswith(name):
            r.message = f"{name}: {r.message}" if name not in r.message else r.message
        ctx.store.log_ingest(name, r.article_id or None, r.status, r.message)
    return results


def ingest_uploads(
    files: Sequence[tuple[str, bytes]],
    *,
    published: str | date | PartialDate | None = None,
    store: Store | None = None,
    db: str | Path | None = None,
    geocoder: Any = None,
    lexicon: Lexicon | None = None,
    max_bytes: int = MAX_BYTES,
    seed: bool = True,
    progress: Callable[[int, int, str], None] | None = None,
) -> BatchResult:
    """Ingest uploaded files given as ``(name, bytes)``: :func:`ingest_files` for the app.

    Same checks, messages, log and ``progress(done, total, name)`` callback as
    :func:`ingest_files`; the names are the uploads' own (no temporary paths end up in the
    database or the messages).
    """
    pub = parse_published(published)
    ctx, own = _context(store, db, geocoder, lexicon, seed)
    jobs = [(name, partial(_ingest_payload, ctx, data, name=name, published=pub,
                           max_bytes=max_bytes)) for name, data in files]
    return _run_batch(ctx, own, jobs, progress)
