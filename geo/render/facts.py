"""An event's facts, in one order and one wording, for every output that shows them.

The map popups (per object and packed), the app's detail view, the briefing slides and the KML
descriptions all list an event's facts; :func:`event_facts` makes that list once, as plain
text, and each output only renders it in its own medium (escaped HTML, bold slide labels,
plain KML text).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any, NamedTuple

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
    "FactTable",
    "events_facts",
    "indexed_facts",
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


_NO_FORCE = Fact(FORCE, "not stated")


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


def _force_fact(e: Event) -> Fact:
    if (e.troops or e.aircraft_helicopters or e.ships or e.tanks or e.ships_by_side
            or e.named_ships):  # the fields of Event.force_figures
        return Fact(FORCE, _force_text(e))
    return _NO_FORCE


def _force_text(e: Event) -> str:
    return "; ".join(f"{k.replace('_', ' ')}: {v}"
                     for k, v in e.force_figures().items()) or "not stated"


def _places_text(places: Sequence[tuple[EventPlace, Place | None]]) -> str:
    if len(places) == 1:  # the common case, without a generator
        return _place_text(*places[0])
    return "; ".join(_place_text(ep, place) for ep, place in places) or "site not stated"


def _place_text(ep: EventPlace, place: Place | None) -> str:
    resolved = (f" = {place.name}, ±{place.precision_km:g} km" if place is not None
                else " (not resolved)")
    return f"{ep.surface} ({ep.role.replace('_', ' ')}){resolved}"


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
    table = FactTable()
    return [table.facts[i] for i in table.add_event(ds, ds.event_by_id[event_id], claims)]


def events_facts(ds: Dataset, event_ids: Sequence[str]) -> list[list[Fact]]:
    """:func:`event_facts` of many events (their own claims)."""
    table, indices = indexed_facts(ds, event_ids)
    facts = table.facts
    return [[facts[i] for i in row] for row in indices]


def indexed_facts(ds: Dataset, event_ids: Sequence[str]) -> tuple[FactTable, list[list[int]]]:
    """:func:`event_facts` of many events as a table of distinct facts and, per event, the
    indices of its facts in it (the packed map layer stores them so)."""
    table = FactTable()
    by_id, add = ds.event_by_id, table.add_event
    return table, [add(ds, by_id[i], ds.claims_of(i)) for i in event_ids]


_NO_CLAIM = Fact(CLAIM, "the sources state no distance")
_REVIEW_FACT = Fact(REVIEW, MACHINE_TAG)


class FactTable:
    """Distinct facts, each written once, that events refer to by index.

    :meth:`add_event` makes an event's facts (the facts of :func:`event_facts`; that function
    and :func:`events_facts` read them from here, so every output gets the same text). A map
    of 100,000 events lists some 800,000 facts, most of them shared (status lines,
    participants, dates, "not stated"): those are formatted once per distinct value they are
    made of, and every fact is stored once, in :attr:`facts`.
    """

    def __init__(self) -> None:
        #: The distinct facts, in the order they were first made.
        self.facts: list[Fact] = []
        self._index: dict[Fact, int] = {}
        self._dates: dict[tuple[Any, ...], int] = {}  # dates fact by the values it shows

    def add(self, fact: Fact) -> int:
        """The index of ``fact`` in :attr:`facts` (appended if new)."""
        i = self._index.get(fact)
        if i is None:
            i = self._index[fact] = len(self.facts)
            self.facts.append(fact)
        return i

    def add_event(self, ds: Dataset, e: Event, claims: Sequence[ClaimCheck],
                  places: Sequence[tuple[EventPlace, Place | None]] | None = None) -> list[int]:
        """The indices of an event's facts (see :func:`event_facts`), adding new facts.

        ``places`` is ``ds.places_of(e.id)`` when the caller has it already.
        """
        places = ds.places_of(e.id) if places is None else places
        start, end = e.start, e.end
        dates = (start.value, start.precision, end.value, end.precision, e.date_text)
        dates_at = self._dates.get(dates)
        if dates_at is None:
            dates_at = self._dates[dates] = self.add(Fact(DATES, _dates_text(e)))
        facts = [
            _status_fact(e.status, e.type, e.category),
            _participants_fact(e.participants),
            _force_fact(e),
            Fact(PLACES, _places_text(places)),
            *_distance_facts(ds.measurements_of(e.id), places),
            *([Fact(CLAIM, claim_text(c)) for c in claims] or [_NO_CLAIM]),
            _sources_fact(*_quote_counts(ds, e.id)),
        ]
        get, add = self._index.get, self.add
        out = [add(_REVIEW_FACT), dates_at] if e.machine_extracted else [dates_at]
        for f in facts:
            i = get(f)
            out.append(add(f) if i is None else i)
        return out
