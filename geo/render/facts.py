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
from geo.model.event import MACHINE_TAG, Event, EventPlace, EventSource
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


_NOT_STATED = "not stated"
_NO_CLAIM_TEXT = "the sources state no distance"


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


def _has_force(e: Event) -> bool:
    return bool(e.troops or e.aircraft_helicopters or e.ships or e.tanks or e.ships_by_side
                or e.named_ships)  # the fields of Event.force_figures


def _force_text(e: Event) -> str:
    return "; ".join(f"{k.replace('_', ' ')}: {v}"
                     for k, v in e.force_figures().items()) or _NOT_STATED


def _places_text(places: Sequence[tuple[EventPlace, Place | None]]) -> str:
    if len(places) == 1:  # the common case, without a generator
        return _place_text(*places[0])
    return "; ".join(_place_text(ep, place) for ep, place in places) or "site not stated"


def _place_text(ep: EventPlace, place: Place | None) -> str:
    resolved = (f" = {place.name}, ±{place.precision_km:g} km" if place is not None
                else " (not resolved)")
    return f"{ep.surface} ({ep.role.replace('_', ' ')}){resolved}"


def _distance_texts(measures: Sequence[SiteMeasurement],
                    places: Sequence[tuple[EventPlace, Place | None]]) -> list[str]:
    """One text per measured site (its distances joined), or one saying why there is none."""
    if not measures:
        return ["none measured (no border rule covers this place)"
                if any(place is not None for _, place in places) else "none (no located site)"]
    if len(measures) == 1:
        return [f"{measures[0].surface}: {measures[0].label}"]
    by_site: dict[str, list[str]] = {}
    for m in measures:
        by_site.setdefault(m.surface, []).append(m.label)
    return [f"{surface}: {'; '.join(labels)}" for surface, labels in by_site.items()]


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


def _status_text(status: str, kind: str, category: str) -> str:
    return f"{status} · {kind} · {category}"


def _sources_text(n: int, k: int) -> str:
    """``n`` quotes from ``k`` articles."""
    if not n:
        return "no supporting quote recorded"
    return f"{n} quote{'s' if n != 1 else ''} from {k} article{'s' if k != 1 else ''}"


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
    row = table.add_event(ds, ds.event_by_id[event_id], claims)
    return [Fact(table.labels[i], table.texts[i]) for i in row]


def events_facts(ds: Dataset, event_ids: Sequence[str]) -> list[list[Fact]]:
    """:func:`event_facts` of many events (their own claims)."""
    table, indices = indexed_facts(ds, event_ids)
    facts = table.facts  # made once: each is shared by the events that show it
    return [[facts[i] for i in row] for row in indices]


def indexed_facts(ds: Dataset, event_ids: Sequence[str]) -> tuple[FactTable, list[list[int]]]:
    """:func:`event_facts` of many events as a table of distinct facts and, per event, the
    indices of its facts in it (the packed map layer stores them so)."""
    table = FactTable()
    by_id = ds.event_by_id
    return table, table.add_events(ds, [by_id[i] for i in event_ids])


class FactTable:
    """Distinct facts, each written once, that events refer to by index.

    :meth:`add_events` makes events' facts (the facts of :func:`event_facts`; that function
    and :func:`events_facts` read them from here, so every output gets the same text). A map
    of 100,000 events lists some 800,000 facts, most of them shared (status lines,
    participants, dates, "not stated", source counts): those are looked up by the values they
    are made of and formatted once per distinct value; every fact is stored once, as a label
    and a text (:attr:`labels`, :attr:`texts`; :attr:`facts` pairs them).
    """

    def __init__(self) -> None:
        #: The label and the text of each distinct fact, in the order they were first made
        #: (two lists: making a Fact per fact took half the time of a 100,000-event map).
        self.labels: list[str] = []
        self.texts: list[str] = []
        # index of each fact, by label and then text
        self._index: dict[str, dict[str, int]] = {}
        # shared facts by the values they show: one dict per kind of fact
        self._dates: dict[tuple[Any, ...], int] = {}
        self._status: dict[tuple[str, str, str], int] = {}
        self._participants: dict[tuple[str, ...], int] = {}
        self._sources: dict[tuple[int, int], int] = {}

    @property
    def facts(self) -> list[Fact]:
        """The distinct facts, in the order they were first made."""
        return [Fact(label, text) for label, text in zip(self.labels, self.texts, strict=True)]

    def add(self, fact: Fact) -> int:
        """The index of ``fact`` in :attr:`facts` (appended if new)."""
        return self._add(fact.label, fact.text)

    def _add(self, label: str, text: str) -> int:
        by_text = self._index.get(label)
        if by_text is None:
            by_text = self._index[label] = {}
        n = len(self.texts)
        i = by_text.setdefault(text, n)  # one lookup, whether new or not
        if i == n:
            self.labels.append(label)
            self.texts.append(text)
        return i

    def add_event(self, ds: Dataset, e: Event, claims: Sequence[ClaimCheck],
                  places: Sequence[tuple[EventPlace, Place | None]] | None = None) -> list[int]:
        """The indices of an event's facts (see :func:`event_facts`), adding new facts.

        ``places`` is ``ds.places_of(e.id)`` when the caller has it already.
        """
        return self.add_events(ds, [e], claims=[claims],
                               places=None if places is None else [places])[0]

    def add_events(
        self, ds: Dataset, events: Sequence[Event], *,
        claims: Sequence[Sequence[ClaimCheck]] | None = None,
        places: Sequence[Sequence[tuple[EventPlace, Place | None]]] | None = None,
        measurements: Sequence[Sequence[SiteMeasurement]] | None = None,
        sources: Sequence[Sequence[EventSource]] | None = None,
    ) -> list[list[int]]:
        """The indices of each event's facts (see :func:`event_facts`), adding new facts.

        ``claims``, ``places``, ``measurements`` and ``sources`` are, per event, what
        ``ds.claims_of(e.id)``, ``ds.places_of(e.id)`` and so on give (read from ``ds`` when
        ``None``). One loop with the lookups kept local: a packed map calls it for 100,000
        events.
        """
        add, labels, texts = self._add, self.labels, self.texts
        dates_of, status_of = self._dates, self._status
        participants_of, sources_count_of = self._participants, self._sources
        places_of, measurements_of = ds.places_of, ds.measurements_of
        claims_of, sources_of = ds.claims_of, ds.sources_of
        place_texts = self._index.setdefault(PLACES, {})
        distance_texts = self._index.setdefault(DISTANCES, {})
        no_force = no_claim = -1
        rows: list[list[int]] = []
        for n, e in enumerate(events):
            eid = e.id
            row = [add(REVIEW, MACHINE_TAG)] if e.machine_extracted else []
            start, end = e.start, e.end
            key = (start.value, start.precision, end.value, end.precision, e.date_text)
            i = dates_of.get(key)
            if i is None:
                i = dates_of[key] = add(DATES, _dates_text(e))
            row.append(i)
            status = (e.status, e.type, e.category)
            i = status_of.get(status)
            if i is None:
                i = status_of[status] = add(STATUS, _status_text(*status))
            row.append(i)
            i = participants_of.get(e.participants)
            if i is None:
                i = participants_of[e.participants] = add(PARTICIPANTS,
                                                          _participants_text(e.participants))
            row.append(i)
            if _has_force(e):
                row.append(add(FORCE, _force_text(e)))
            else:
                if no_force < 0:
                    no_force = add(FORCE, _NOT_STATED)
                row.append(no_force)
            # Places and distances are mostly an event's own: added here without a call
            where = places_of(eid) if places is None else places[n]
            text = _places_text(where)
            new = len(texts)
            i = place_texts.setdefault(text, new)
            if i == new:
                labels.append(PLACES)
                texts.append(text)
            row.append(i)
            measured = measurements_of(eid) if measurements is None else measurements[n]
            for text in _distance_texts(measured, where):
                new = len(texts)
                i = distance_texts.setdefault(text, new)
                if i == new:
                    labels.append(DISTANCES)
                    texts.append(text)
                row.append(i)
            about = claims_of(eid) if claims is None else claims[n]
            if about:
                row += [add(CLAIM, claim_text(c)) for c in about]
            else:
                if no_claim < 0:
                    no_claim = add(CLAIM, _NO_CLAIM_TEXT)
                row.append(no_claim)
            quotes = sources_of(eid) if sources is None else sources[n]
            count = (len(quotes), len({q.article_id for q in quotes}) if len(quotes) > 1
                     else len(quotes))
            i = sources_count_of.get(count)
            if i is None:
                i = sources_count_of[count] = add(SOURCES, _sources_text(*count))
            row.append(i)
            rows.append(row)
        return rows
