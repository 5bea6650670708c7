"""An event's facts, in one order and one wording, for every output that shows them.

The map popups (per object and packed), the app's detail view, the briefing slides and the KML
descriptions all list an event's facts; :func:`event_facts` makes that list once, as plain
text, and each output only renders it in its own medium (escaped HTML, bold slide labels,
plain KML text).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

from geo.errors import GeoError
from geo.geometry import borders
from geo.model.claim import ClaimCheck
from geo.model.dataset import Dataset
from geo.model.event import MACHINE_TAG, Event, EventPlace
from geo.model.measurement import SiteMeasurement
from geo.model.place import Place

__all__ = [
    "CLAIM",
    "DATES",
    "DISTANCES",
    "FORCE",
    "Fact",
    "PARTICIPANTS",
    "PLACES",
    "REVIEW",
    "SOURCES",
    "STATUS",
    "claim_text",
    "country_label",
    "event_facts",
    "events_facts",
    "source_line",
]


#: The labels of :func:`event_facts`, in its order; outputs pick facts out by these.
REVIEW = "Review"
DATES = "Dates"
STATUS = "Status"
PARTICIPANTS = "Participants"
FORCE = "Force figures"
PLACES = "Places"
DISTANCES = "Distances to borders"
CLAIM = "Stated vs measured"
SOURCES = "Sources"


class Fact(NamedTuple):
    """One fact about an event: a label and its text, both plain text (never HTML).

    Immutable; a named tuple rather than a frozen dataclass because a packed map makes one
    for every fact of 10,000 events, and a tuple is made (and hashed) several times faster.
    """

    label: str
    text: str


@cache
def country_label(iso2: str) -> str:
    """The English name of a country, or the code itself when the dataset does not know it.

    >>> country_label("BY"), country_label("XX")
    ('Belarus', 'XX')
    """
    try:
        return borders.country_name(iso2)
    except GeoError:
        return iso2


@cache
def _participants_text(codes: tuple[str, ...]) -> str:
    return ", ".join(country_label(c) for c in codes) or "not stated"


def _dates_text(e: Event) -> str:
    return (e.dates_label or "not stated") + (f" ({e.date_text})" if e.date_text else "")


def _force_text(e: Event) -> str:
    return "; ".join(f"{k.replace('_', ' ')}: {v}"
                     for k, v in e.force_figures().items()) or "not stated"


def _places_text(places: Sequence[tuple[EventPlace, Place | None]]) -> str:
    return "; ".join(
        f"{ep.surface} ({ep.role.replace('_', ' ')})"
        + (f" = {place.name}, ±{place.precision_km:g} km" if place is not None
           else " (not resolved)") for ep, place in places) or "site not stated"


def _distance_facts(measures: Sequence[SiteMeasurement],
                    places: Sequence[tuple[EventPlace, Place | None]]) -> list[Fact]:
    """One fact per measured site (its distances joined), or one saying why there is none."""
    if not measures:
        why = ("none measured (no border rule covers this place)"
               if any(place is not None for _, place in places) else "none (no located site)")
        return [Fact(DISTANCES, why)]
    if len(measures) == 1:
        return [Fact(DISTANCES, f"{measures[0].surface}: {measures[0].label}")]
    by_site: dict[str, list[str]] = {}
    for m in measures:
        by_site.setdefault(m.surface, []).append(m.label)
    return [Fact(DISTANCES, f"{surface}: {'; '.join(labels)}")
            for surface, labels in by_site.items()]


def claim_text(c: ClaimCheck) -> str:
    """A stated distance, where it comes from, and what measuring it gave, in one line.

    ``“about 150 kilometers … border” (site: Ruzhansky training grounds; article 002) ·
    article: ~150 km · measured: 103 km · off by 47 km``
    """
    site = f"site: {c.subject_surface}; " if c.subject_surface else ""
    return f"“{c.claim.text}” ({site}article {c.article_id}) · {c.label}"


def source_line(ds: Dataset, article_id: str, *, title: bool = True) -> str:
    """Where a quote comes from: ``article 002, “Title”, 2023`` (``undated`` when unknown).

    ``title=False`` leaves the title out (``article 002, 2023``), for footnotes.
    """
    a = ds.article_by_id.get(article_id)
    when = (a.published_label if a else "") or "undated"
    if title and a is not None:
        return f"article {article_id}, “{a.title}”, {when}"
    return f"article {article_id}, {when}"


def _quote_counts(ds: Dataset, event_id: str) -> tuple[int, int]:
    """How many quotes support an event, and from how many articles."""
    sources = ds.sources_of(event_id)
    n = len(sources)
    return n, (len({s.article_id for s in sources}) if n > 1 else n)


@cache
def _status_fact(status: str, kind: str, category: str) -> Fact:
    return Fact(STATUS, f"{status} · {kind} · {category}")


@cache
def _participants_fact(codes: tuple[str, ...]) -> Fact:
    return Fact(PARTICIPANTS, _participants_text(codes))


@cache
def _sources_fact(n: int, k: int) -> Fact:
    """``n`` quotes from ``k`` articles, as a fact."""
    if not n:
        return Fact(SOURCES, "no supporting quote recorded")
    return Fact(SOURCES, f"{n} quote{'s' if n != 1 else ''} from "
                         f"{k} article{'s' if k != 1 else ''}")


def event_facts(ds: Dataset, event_id: str, *,
                claims: Sequence[ClaimCheck] | None = None) -> list[Fact]:
    """An event's facts, in the order and wording every output uses.

    Review mark (only for machine-extracted events), dates (with the article's wording),
    status · type · category, participants (country names), force figures, places with how
    each was resolved, distances to borders (one fact per measured site), stated-vs-measured
    distances (one fact per claim) and how many quotes support the event. A fact with nothing
    to report says so ("not stated", "none measured …") rather than being left out.

    Parameters
    ----------
    ds
        The dataset.
    event_id
        The event.
    claims
        The distance claims about the event; ``None``: ``ds.claims_of(event_id)``.

    Returns
    -------
    list of Fact
        Plain text: escape it for HTML.
    """
    claims = ds.claims_of(event_id) if claims is None else claims
    return _facts_of(ds, ds.event_by_id[event_id], claims)


def events_facts(ds: Dataset, event_ids: Sequence[str]) -> list[list[Fact]]:
    """:func:`event_facts` of many events (their own claims), for the packed map layer."""
    return [_facts_of(ds, ds.event_by_id[i], ds.claims_of(i)) for i in event_ids]


_NO_CLAIM = Fact(CLAIM, "the sources state no distance")
_REVIEW_FACT = Fact(REVIEW, MACHINE_TAG)


def _facts_of(ds: Dataset, e: Event, claims: Sequence[ClaimCheck]) -> list[Fact]:
    """The facts of :func:`event_facts`. Facts many events share (status line, participants,
    quote counts, no stated distance) are cached: a map of 100,000 events lists them all."""
    places = ds.places_of(e.id)
    facts = [_REVIEW_FACT] if e.machine_extracted else []
    facts += [
        Fact(DATES, _dates_text(e)),
        _status_fact(e.status, e.type, e.category),
        _participants_fact(e.participants),
        Fact(FORCE, _force_text(e)),
        Fact(PLACES, _places_text(places)),
        *_distance_facts(ds.measurements_of(e.id), places),
        *([Fact(CLAIM, claim_text(c)) for c in claims] or [_NO_CLAIM]),
        _sources_fact(*_quote_counts(ds, e.id)),
    ]
    return facts

