"""Event filters shared by the app, its URL and the command line."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date

from geo.errors import GeoError
from geo.model.dataset import Dataset
from geo.model.event import CATEGORIES, EVENT_TYPES, PARTICIPANT_CODE, STATUSES, Event

__all__ = [
    "EventFilter",
    "FilterChoices",
    "InvalidFilterError",
    "QUERY_KEYS",
    "event_search_text",
    "filter_choices",
    "filter_events",
]


#: Query-parameter name of each filter field (short, so shared links stay readable).
QUERY_KEYS: dict[str, str] = {
    "start": "from",
    "end": "to",
    "participants": "participant",
    "types": "type",
    "statuses": "status",
    "categories": "category",
    "border_countries": "border",
    "text": "q",
}


_ISO2 = re.compile(r"[A-Z]{2}")


class InvalidFilterError(GeoError, ValueError):
    """A filter value is malformed (e.g. an unknown event type or a date that does not parse)."""


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What to keep. The default filter keeps every event.

    Parameters
    ----------
    start, end
        Inclusive date bounds; an event is kept if its date range overlaps them.
    participants
        ISO2 codes; an event is kept if any of them takes part.
    types
        Event types (see :data:`geo.model.event.EVENT_TYPES`).
    statuses
        Event statuses (see :data:`geo.model.event.STATUSES`).
    categories
        ``exercise`` and/or ``context``.
    border_countries
        ISO2 codes; an event is kept if one of its sites is measured to one of these borders.
    text
        Free-text search; every word must occur.
    """

    start: date | None = None
    end: date | None = None
    participants: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    border_countries: tuple[str, ...] = ()
    text: str = ""

    def __post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.start > self.end:
            msg = f"start {self.start.isoformat()!r} is after end {self.end.isoformat()!r}"
            raise InvalidFilterError(msg)
        _check_choices("types", self.types, EVENT_TYPES)
        _check_choices("statuses", self.statuses, STATUSES)
        _check_choices("categories", self.categories, CATEGORIES)
        for name, pattern, what in (
                ("participants", PARTICIPANT_CODE, "ISO2 codes such as 'RU' (or NATO)"),
                ("border_countries", _ISO2, "ISO2 codes such as 'RU'")):
            bad = [c for c in getattr(self, name) if not pattern.fullmatch(c)]
            if bad:
                msg = f"{name} must be {what}, got {bad!r}"
                raise InvalidFilterError(msg)

    @property
    def is_empty(self) -> bool:
        """Whether the filter keeps every event."""
        return self == EventFilter()

    def to_query_params(self) -> dict[str, str]:
        """The non-empty fields as URL query parameters (lists comma-separated).

        Examples
        --------
        >>> EventFilter(types=("naval",), participants=("RU", "CN")).to_query_params()
        {'participant': 'RU,CN', 'type': 'naval'}
        """
        out: dict[str, str] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, date):
                out[QUERY_KEYS[f.name]] = value.isoformat()
            elif isinstance(value, tuple) and value:
                out[QUERY_KEYS[f.name]] = ",".join(value)
            elif isinstance(value, str) and value:
                out[QUERY_KEYS[f.name]] = value
        return out

    @classmethod
    def from_query_params(cls, params: Mapping[str, str | Sequence[str]], *,
                          strict: bool = False) -> EventFilter:
        """Read a filter from URL query parameters (the inverse of :meth:`to_query_params`).

        Parameters
        ----------
        params
            A mapping such as ``st.query_params`` or a parsed query string; a value may be a
            comma-separated string or a list of strings. Unknown keys are ignored.
        strict
            Raise :class:`InvalidFilterError` on a malformed value. Otherwise (the default, for
            hand-edited links) malformed values are dropped and the rest is kept.

        Examples
        --------
        >>> EventFilter.from_query_params({"type": "naval", "from": "2022-12-01"})
        EventFilter(start=datetime.date(2022, 12, 1), end=None, participants=(), \
types=('naval',), statuses=(), categories=(), border_countries=(), text='')
        """
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = params.get(QUERY_KEYS[f.name])
            if raw is None:
                continue
            text = raw if isinstance(raw, str) else ",".join(raw)
            if f.name in ("start", "end"):
                values[f.name] = _parse_date(text, f.name, strict=strict)
            elif f.name == "text":
                values[f.name] = " ".join(text.split())
            else:
                items = tuple(dict.fromkeys(p.strip() for p in text.split(",") if p.strip()))
                if f.name in ("participants", "border_countries"):
                    items = tuple(p.upper() for p in items)
                values[f.name] = items if strict else _valid_only(f.name, items)
        if not strict and values.get("start") and values.get("end"):
            start, end = values["start"], values["end"]
            assert isinstance(start, date) and isinstance(end, date)
            if start > end:
                values["start"], values["end"] = end, start
        return cls(**values)  # type: ignore[arg-type]

    def describe(self) -> str:
        """A one-line human summary for titles and captions ("all events" when empty).

        Examples
        --------
        >>> EventFilter(types=("naval", "air"), text="sea").describe()
        'type: naval, air · text: "sea"'
        """
        parts = []
        if self.start or self.end:
            start = self.start.isoformat() if self.start else "…"
            end = self.end.isoformat() if self.end else "…"
            parts.append(f"dates: {start} to {end}")
        labels = {"participants": "participants", "types": "type", "statuses": "status",
                  "categories": "category", "border_countries": "border"}
        for name, label in labels.items():
            value = getattr(self, name)
            if value:
                parts.append(f"{label}: {', '.join(value)}")
        if self.text:
            parts.append(f'text: "{self.text}"')
        return " · ".join(parts) or "all events"


@dataclass(frozen=True, slots=True)
class FilterChoices:
    """The values present in a dataset, to offer as filter options."""

    date_min: date | None
    date_max: date | None
    participants: tuple[str, ...]
    types: tuple[str, ...]
    statuses: tuple[str, ...]
    categories: tuple[str, ...]
    border_countries: tuple[str, ...]


def _check_choices(name: str, values: Iterable[str], allowed: Sequence[str]) -> None:
    bad = [v for v in values if v not in allowed]
    if bad:
        msg = f"{name} must be among {list(allowed)}, got {bad!r}"
        raise InvalidFilterError(msg)


def _valid_only(name: str, items: tuple[str, ...]) -> tuple[str, ...]:
    allowed = {"types": EVENT_TYPES, "statuses": STATUSES, "categories": CATEGORIES}.get(name)
    if allowed is not None:
        return tuple(i for i in items if i in allowed)
    pattern = PARTICIPANT_CODE if name == "participants" else _ISO2
    return tuple(i for i in items if pattern.fullmatch(i))


def _parse_date(text: str, name: str, *, strict: bool) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        if strict:
            msg = f"{name} must be an ISO date such as '2023-01-31', got {text!r}"
            raise InvalidFilterError(msg) from None
        return None


def _fold(text: str) -> str:
    """Casefold and strip accents, so "Belarus" finds "BELARUS" and "Zelenskiy" "Zelenskíy"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def event_search_text(ds: Dataset, event: Event) -> str:
    """Everything free-text search looks at for one event, folded to lower case."""
    parts = [event.id, event.name, event.notes, event.date_text, event.type, event.status,
             event.category, " ".join(event.participants)]
    for ep, place in ds.places_of(event.id):
        parts.append(ep.surface)
        if place is not None:
            parts.append(place.name)
    parts += [s.quote for s in ds.sources_of(event.id)]
    return _fold(" \n".join(parts))


def _overlaps(event: Event, start: date | None, end: date | None) -> bool:
    if start is None and end is None:
        return True
    first, last = event.date_range
    if first is None or last is None:
        return False
    return (end is None or first <= end) and (start is None or last >= start)


def filter_events(ds: Dataset, flt: EventFilter | None = None) -> list[str]:
    """Ids of the events of ``ds`` that pass ``flt``, in dataset order.

    Parameters
    ----------
    ds
        The dataset from :func:`geo.analysis.pipeline.build_dataset`.
    flt
        The filter; ``None`` or an empty filter keeps every event.

    Returns
    -------
    list of str
        Event ids, ready for ``MapOptions(event_ids=tuple(...))``.
    """
    if flt is None or flt.is_empty:
        return [e.id for e in ds.events]
    words = [_fold(w) for w in flt.text.split()]
    borders_of: dict[str, set[str]] = {}
    for m in ds.measurements:
        borders_of.setdefault(m.event_id, set()).add(m.border_iso2)
    kept = []
    for e in ds.events:
        if flt.types and e.type not in flt.types:
            continue
        if flt.statuses and e.status not in flt.statuses:
            continue
        if flt.categories and e.category not in flt.categories:
            continue
        if flt.participants and not set(flt.participants) & set(e.participants):
            continue
        if flt.border_countries and not set(flt.border_countries) & borders_of.get(e.id, set()):
            continue
        if not _overlaps(e, flt.start, flt.end):
            continue
        if words:
            haystack = event_search_text(ds, e)
            if not all(w in haystack for w in words):
                continue
        kept.append(e.id)
    return kept


def filter_choices(ds: Dataset) -> FilterChoices:
    """The participants, types, statuses, categories, borders and date span present in ``ds``."""
    firsts = [e.date_range[0] for e in ds.events if e.date_range[0] is not None]
    lasts = [e.date_range[1] for e in ds.events if e.date_range[1] is not None]
    present_types = {e.type for e in ds.events}
    present_statuses = {e.status for e in ds.events}
    present_categories = {e.category for e in ds.events}
    return FilterChoices(
        date_min=min(firsts, default=None),
        date_max=max(lasts, default=None),
        participants=tuple(sorted({p for e in ds.events for p in e.participants})),
        types=tuple(t for t in EVENT_TYPES if t in present_types),
        statuses=tuple(s for s in STATUSES if s in present_statuses),
        categories=tuple(c for c in CATEGORIES if c in present_categories),
        border_countries=tuple(sorted({m.border_iso2 for m in ds.measurements})),
    )
