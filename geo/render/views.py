"""Rows and HTML fragments for the app's detail and review views.

No pandas here (the tables are :mod:`geo.render.tables`): the app's first run imports this
module for its counts, before its first map is sent.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from geo.analysis.filters import InvalidFilterError
from geo.model.dataset import Dataset, is_area
from geo.model.event import MACHINE_TAG, Event, EventSource
from geo.model.kinds import Category, ReviewState, Verdict
from geo.model.mention import Mention
from geo.model.place import Candidate, Place
from geo.render.facts import CLAIM, DISTANCES, event_facts
from geo.store.sqlite import StoredEvent

__all__ = [
    "ArticleReview",
    "CandidateView",
    "EventDetail",
    "MAX_RING_KM",
    "SourceView",
    "article_html",
    "article_review",
    "dates_with_precision",
    "event_detail",
    "has_point_site",
    "highlight_html",
    "md_escape",
    "parse_radii_km",
    "place_label",
    "resolution_reasons",
    "quote_html",
    "summary",
    "unmapped_events",
]


#: Largest range ring accepted (km): beyond this a "ring" covers half a continent.
MAX_RING_KM = 5000.0


_MAX_RINGS = 8


@dataclass(frozen=True, slots=True)
class SourceView:
    """One source article of an event: its facts, the quotes, and the highlighted full text."""

    article_id: str
    title: str
    file: str
    published: str
    quotes_html: tuple[str, ...]
    text_html: str


@dataclass(frozen=True, slots=True)
class EventDetail:
    """Everything the detail view shows for one event."""

    event: Event
    facts: tuple[tuple[str, str], ...]
    sources: tuple[SourceView, ...]
    #: How each place was resolved: one row (column name -> value) per event place.
    places: tuple[dict[str, Any], ...]
    distances: tuple[str, ...]
    claims: tuple[str, ...]


# --------------------------------------------------------------------------- parsing
def parse_radii_km(text: str) -> tuple[float, ...]:
    """Read range-ring radii typed by a user: ``"50, 150, 300"``, ``"50/150 300 km"``.

    Returns the distinct radii in increasing order; an empty text gives ``()``.

    Raises
    ------
    InvalidFilterError
        A token is not a positive number up to :data:`MAX_RING_KM`, or there are more than
        eight radii.

    Examples
    --------
    >>> parse_radii_km("300, 50/150 km")
    (50.0, 150.0, 300.0)
    """
    tokens = [t for t in re.split(r"[\s,;/]+", text.lower().replace("km", " ")) if t]
    radii: set[float] = set()
    for token in tokens:
        try:
            value = float(token)
        except ValueError:
            msg = f"range rings must be numbers of km such as '50, 150, 300', got {token!r}"
            raise InvalidFilterError(msg) from None
        if not 0 < value <= MAX_RING_KM:
            msg = f"a range ring must be between 0 and {MAX_RING_KM:g} km, got {token!r}"
            raise InvalidFilterError(msg)
        radii.add(value)
    if len(radii) > _MAX_RINGS:
        msg = f"at most {_MAX_RINGS} range rings, got {len(radii)}"
        raise InvalidFilterError(msg)
    return tuple(sorted(radii))


# --------------------------------------------------------------------------- highlighting
def highlight_html(text: str, spans: Iterable[tuple[int, int, str]]) -> str:
    """Escape ``text`` and wrap each ``(start, end, title)`` span in ``<mark title=...>``.

    Offsets refer to ``text`` before escaping; the text between spans is escaped piece by
    piece, so markup in ``text`` shows as text. Overlapping spans keep the first.

    Examples
    --------
    >>> highlight_html("<b>Minsk</b> said", [(3, 8, "Minsk, BY")])
    '&lt;b&gt;<mark title="Minsk, BY">Minsk</mark>&lt;/b&gt; said'
    """
    out: list[str] = []
    pos = 0
    for start, end, title in sorted(spans):
        if start < pos or end <= start or end > len(text):
            continue
        out.append(html.escape(text[pos:start]))
        out.append(f'<mark title="{html.escape(title)}">{html.escape(text[start:end])}</mark>')
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def resolution_reasons(place: Place | None) -> str:
    """Why the gazetteer chose this candidate: ``"qualifier +8, proximity +3"`` or "".

    >>> from geo.model.place import Place
    >>> resolution_reasons(Place("Columbus", 32.46, -84.99, raw={"features": {"qualifier": 8.0}}))
    'qualifier +8'
    """
    features = (place.raw or {}).get("features") if place is not None else None
    if not features:
        return ""
    return ", ".join(f"{name} +{score:g}" for name, score in features.items())


def place_label(place: Place | None) -> str:
    """``"Brest, BY (city, ±5 km; GeoNames 629634)"``: how a name was resolved, in one line.

    With the context features that made it win, when there were any ("...; why: qualifier
    +8").
    """
    if place is None:
        return "not resolved"
    where = f", {place.country_code}" if place.country_code else ""
    why = resolution_reasons(place)
    return (f"{place.name}{where} ({place.kind}, ±{place.precision_km:g} km; {place.source}"
            + (f"; why: {why}" if why else "") + ")")


_place_title = place_label


def _mention_spans(mentions: Iterable[Mention], lo: int, hi: int
                   ) -> list[tuple[int, int, str]]:
    return [(m.start - lo, m.end - lo, f"{_place_title(m.place)} · found by {m.found_by}")
            for m in mentions if lo <= m.start and m.end <= hi]


def _article_mentions(ds: Dataset, article_id: str) -> list[Mention]:
    return [m for m in ds.mentions if m.article_id == article_id]


def quote_html(ds: Dataset, source: EventSource) -> str:
    """A supporting quote, escaped, with the place names its article mentions highlighted."""
    article = ds.article_by_id.get(source.article_id)
    offset = article.text.find(source.quote) if article else -1
    if article is None or offset < 0:
        return html.escape(source.quote)
    spans = _mention_spans(_article_mentions(ds, article.id), offset, offset + len(source.quote))
    return highlight_html(source.quote, spans)


def article_html(ds: Dataset, article_id: str) -> str:
    """A whole article as escaped ``<p>`` paragraphs with every place mention highlighted."""
    article = ds.article_by_id[article_id]
    spans = _mention_spans(_article_mentions(ds, article_id), 0, len(article.text))
    body = highlight_html(article.text, spans)
    return "".join(f"<p>{para}</p>" for para in body.split("\n") if para.strip())


# --------------------------------------------------------------------------- detail
def _candidates(place: Place | None) -> str:
    if place is None:
        return ""
    return " | ".join(c.describe() if isinstance(c, Candidate) else str(c)
                      for c in place.candidates)


def _place_rows(ds: Dataset, event_id: str) -> tuple[dict[str, Any], ...]:
    rows = []
    for ep, place in ds.places_of(event_id):
        rows.append({
            "place (as written)": ep.surface, "role": ep.role, "article": ep.article_id,
            "resolved to": place.name if place else "not resolved",
            "kind": place.kind if place else "",
            "country": place.country_code if place else "",
            "lat": round(place.lat, 4) if place else None,
            "lon": round(place.lon, 4) if place else None,
            "precision (km)": place.precision_km if place else None,
            "source": place.source if place else "",
            "note": "; ".join(filter(None, [ep.note, place.note if place else ""])),
            "why (context)": resolution_reasons(place),
            "other candidates": _candidates(place),
        })
    return tuple(rows)


def _published(ds: Dataset, article_id: str) -> str:
    a = ds.article_by_id[article_id]
    if a.published is None:
        return "undated"
    shown = a.published_label
    basis = {"stated": "stated in the article", "derived": "derived from the article"}
    if a.date_basis in ("", "none"):
        return shown
    return f"{shown} ({basis.get(a.date_basis, a.date_basis)})"  # ingest: "given", ...


def event_detail(ds: Dataset, event_id: str) -> EventDetail:
    """The facts, sources (quotes and full text), place resolutions, distances and claims.

    The facts are :func:`~geo.render.facts.event_facts` (and the event's notes); measured
    distances and claims are listed apart, as ``distances`` and ``claims``, and stay among the
    facts only to say there are none.
    """
    e = ds.event_by_id[event_id]
    apart = {DISTANCES: bool(ds.measurements_of(event_id)), CLAIM: bool(ds.claims_of(event_id))}
    facts = event_facts(ds, event_id)
    shown = [(f.label, f.text) for f in facts if not apart.get(f.label)]
    if e.notes:
        shown.append(("Notes", e.notes))
    by_article: dict[str, list[EventSource]] = {}
    for s in ds.sources_of(event_id):
        by_article.setdefault(s.article_id, []).append(s)
    sources = []
    for article_id, quotes in by_article.items():
        article = ds.article_by_id.get(article_id)
        if article is None:
            continue
        sources.append(SourceView(
            article_id=article_id, title=article.title, file=article.file,
            published=_published(ds, article_id),
            quotes_html=tuple(quote_html(ds, q) for q in quotes),
            text_html=article_html(ds, article_id),
        ))
    return EventDetail(
        event=e, facts=tuple(shown), sources=tuple(sources),
        places=_place_rows(ds, event_id),
        distances=tuple(f.text for f in facts if f.label == DISTANCES and apart[DISTANCES]),
        claims=tuple(f.text for f in facts if f.label == CLAIM and apart[CLAIM]),
    )


# --------------------------------------------------------------------------- selections
def unmapped_events(ds: Dataset, event_ids: Sequence[str]) -> list[str]:
    """Events with no resolved place: they are listed beside the map, never silently lost."""
    return [i for i in event_ids
            if not any(place is not None for _, place in ds.places_of(i))]


def has_point_site(ds: Dataset, event_id: str) -> bool:
    """Whether an event has a located place drawn as a point (range rings need one)."""
    return any(place is not None and not is_area(place) for _, place in ds.places_of(event_id))


def summary(ds: Dataset, event_ids: Sequence[str]) -> dict[str, int]:
    """Counts for the shown events: events, exercises, context items, articles, claims."""
    wanted = set(event_ids)
    claims = [c for c in ds.claims if wanted & set(c.event_ids)]
    return {
        "events": len(wanted),
        "exercises": sum(ds.event_by_id[i].category == Category.EXERCISE for i in wanted),
        "context": sum(ds.event_by_id[i].category == Category.CONTEXT for i in wanted),
        "articles": len({s.article_id for s in ds.sources if s.event_id in wanted}),
        "claims": len(claims),
        "flagged": sum(c.verdict is not None and c.verdict.verdict == Verdict.FLAGGED
                       for c in claims),
    }


def md_escape(text: str) -> str:
    """Escape text for ``st.markdown``: no markup, links or HTML from the data.

    >>> md_escape("*Zapad* <b>")
    '\\\\*Zapad\\\\* \\\\<b\\\\>'
    """
    specials = "\\`*_{}[]()<>#+-.!|~$"
    return "".join("\\" + c if c in specials else c for c in text)


# --------------------------------------------------------------------------- review
@dataclass(frozen=True, slots=True)
class CandidateView:
    """An event found in an ingested article, as the review page lists it.

    ``actionable`` is true for a machine-extracted event still awaiting review (it can be
    accepted or rejected); ``matched`` says why the article was taken to report an event
    already known (empty when the article created it).
    """

    event_id: str
    name: str
    review: str
    actionable: bool
    matched: str
    facts: tuple[tuple[str, str], ...]
    quotes_html: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ArticleReview:
    """One stored article for review: highlighted text, its events, claims and places."""

    article_id: str
    title: str
    published: str
    text_html: str
    candidates: tuple[CandidateView, ...]
    claims: tuple[str, ...]
    #: The article's place mentions: one row (column name -> value) per distinct mention.
    places: tuple[dict[str, Any], ...]
    #: ``(start, end)`` in the text of each of :attr:`claims` (to dismiss one).
    claim_spans: tuple[tuple[int, int], ...] = ()


_REVIEW_LABELS = {"machine": MACHINE_TAG, "accepted": "accepted by the analyst",
                  "edited": "edited by the analyst", "rejected": "rejected by the analyst",
                  "curated": "curated"}


def dates_with_precision(e: Event) -> str:
    """``"2022-12-21 (day) to 2022-12 (month)"``; ``"not stated"`` when no date is known."""
    if e.start.value is None and e.end.value is None:
        return "not stated"
    start = f"{e.start} ({e.start.precision})" if e.start.value else "?"
    if e.end.value is None or (e.end == e.start):
        return start
    return f"{start} to {e.end} ({e.end.precision})"


def _candidate(ds: Dataset, stored: StoredEvent, article_id: str) -> CandidateView:
    e = stored.event
    places = [f"{surface} ({role}) → {place_label(ds.mention_place(article_id, surface))}"
              for a, surface, role in stored.places if a == article_id]
    facts: list[tuple[str, str]] = [
        ("Review", _REVIEW_LABELS.get(stored.review, stored.review)),
        ("Type", f"{e.type} ({e.category}), {e.status}"),
        ("Dates", dates_with_precision(e) + (f" — “{e.date_text}”" if e.date_text else "")),
        ("Participants", ", ".join(e.participants) or "not stated"),
        ("Places", "; ".join(places) or "no site stated"),
        *((k.replace("_", " ").capitalize(), v) for k, v in e.force_figures().items()),
    ]
    quotes = [q for a, q, _ in stored.sources if a == article_id and q]
    reasons = [r for a, _, r in stored.sources if a == article_id and r]
    return CandidateView(
        event_id=e.id, name=e.name, review=stored.review,
        actionable=stored.origin == "machine" and stored.review == ReviewState.MACHINE,
        matched=reasons[0] if reasons else "", facts=tuple(facts),
        quotes_html=tuple(quote_html(ds, EventSource(e.id, article_id, q)) for q in quotes))


def article_review(ds: Dataset, stored_events: Sequence[StoredEvent], article_id: str
                   ) -> ArticleReview:
    """What the review page shows for a stored article.

    Parameters
    ----------
    ds : Dataset
        The database's dataset (:func:`geo.store.reading.dataset_from_store`): the article, its
        mentions as currently resolved and its claims.
    stored_events : sequence of StoredEvent
        The stored events, rejected ones included (``Store.events(include_rejected=True)``):
        they carry the review state and the match reasons.
    article_id : str
        The article.
    """
    article = ds.article_by_id[article_id]
    mentions = [m for m in ds.mentions if m.article_id == article_id]
    shown = ("surface", "occurrences", "status", "name", "country_code", "kind",
             "precision_km", "source", "note")
    places = tuple({k: row[k] for k in shown} for row in Dataset(
        articles=[article], events=[], sources=[], event_places=[], mentions=mentions,
        measurements=[], claims=[]).place_rows())
    checks = [c for c in ds.claims if c.article_id == article_id]
    claims = tuple(
        f"“{c.claim.text}” — site: {c.subject_surface or 'none named before it'}; "
        f"reference: {c.claim.reference_text} — {c.label}" for c in checks)
    return ArticleReview(
        article_id=article_id, title=article.title, published=_published(ds, article_id),
        text_html=article_html(ds, article_id),
        candidates=tuple(_candidate(ds, s, article_id) for s in stored_events
                         if any(a == article_id for a, _, _ in s.sources)),
        claims=claims, places=places,
        claim_spans=tuple((c.claim.start, c.claim.end) for c in checks))
