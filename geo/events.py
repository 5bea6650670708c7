"""Curated exercise events and their evidence: ``data/events.csv`` and its companion tables.

The data is normalised into four small CSV files, because an event has several sources, places
and quotes, and each row must name its source and be rejected with its own line number:

* ``events.csv``: one row per event (name, type, dates with precision, status, participants,
  force figures);
* ``event_sources.csv``: ``event_id, article_id, quote``: the verbatim supporting sentence(s);
* ``event_places.csv``: ``event_id, article_id, surface, role``: where, as the article words it;
* ``mentions.csv``: every place the seed articles mention, with the query used to geocode it.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from geo.articles import Article
from geo.csvdata import iter_csv_rows
from geo.errors import DataFormatError

__all__ = [
    "CATEGORIES",
    "DATE_PRECISIONS",
    "EVENT_TYPES",
    "MACHINE_TAG",
    "PLACE_ROLES",
    "STATUSES",
    "CuratedMention",
    "Event",
    "EventPlace",
    "EventSource",
    "ForceFigure",
    "PartialDate",
    "check_evidence",
    "load_event_places",
    "load_event_sources",
    "load_events",
    "load_mentions",
    "parse_force_figure",
]

EVENT_TYPES = ("land", "air", "naval", "strategic", "command-staff", "patrol")
STATUSES = ("announced", "planned", "under way", "held")
CATEGORIES = ("exercise", "context")
DATE_PRECISIONS = ("day", "week", "month", "year", "unknown")
PLACE_ROLES = ("site", "area", "announced_at")
#: How an event the machine extracted and nobody reviewed yet is labelled (map, tables, views).
MACHINE_TAG = "machine-extracted, unreviewed"
FORCE_FIELDS = ("troops", "aircraft_helicopters", "ships", "tanks")

_EVENT_COLUMNS = (
    "id", "name", "name_basis", "category", "type", "start", "start_precision", "end",
    "end_precision", "date_text", "status", "participants", *FORCE_FIELDS, "named_ships",
    "ships_by_side", "related", "notes",
)
_ISO2 = re.compile(r"[A-Z]{2}")
_FORCE = re.compile(
    r"(?P<qualifier>about|around|some|up to|nearly|almost|over|more than|at least|approximately"
    r"|several)?\s*(?P<number>\d[\d,]*)?\s*(?P<scale>thousand)?", re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to a precision (``day``, ``week``, ``month``, ``year`` or ``unknown``).

    ``week`` means the day is approximate (within a few days).
    """

    value: date | None
    precision: str

    @property
    def earliest(self) -> date | None:
        """First day the date can mean."""
        if self.value is None:
            return None
        if self.precision == "week":
            return date.fromordinal(self.value.toordinal() - 3)
        return self.value

    @property
    def latest(self) -> date | None:
        """Last day the date can mean."""
        v = self.value
        if v is None:
            return None
        if self.precision == "month":
            return date(v.year, v.month, calendar.monthrange(v.year, v.month)[1])
        if self.precision == "year":
            return date(v.year, 12, 31)
        if self.precision == "week":
            return date.fromordinal(v.toordinal() + 3)
        return v

    def __str__(self) -> str:
        if self.value is None:
            return ""
        if self.precision == "year":
            return f"{self.value.year}"
        if self.precision == "month":
            return self.value.strftime("%Y-%m")
        prefix = "~" if self.precision == "week" else ""
        return prefix + self.value.isoformat()


@dataclass(frozen=True, slots=True)
class ForceFigure:
    """A force figure as reported: ``value`` (None when only words are given) and qualifier."""

    value: int | None
    qualifier: str
    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class Event:
    """One exercise (or context item, ``category == "context"``) reported by the articles."""

    id: str
    name: str
    name_basis: str
    category: str
    type: str
    start: PartialDate
    end: PartialDate
    date_text: str
    status: str
    participants: tuple[str, ...]
    troops: ForceFigure | None = None
    aircraft_helicopters: ForceFigure | None = None
    ships: ForceFigure | None = None
    tanks: ForceFigure | None = None
    named_ships: str = ""
    ships_by_side: tuple[tuple[str, int], ...] = ()
    related: tuple[str, ...] = ()
    notes: str = ""
    machine_extracted: bool = False
    line: int = field(default=0, compare=False)

    @property
    def date_range(self) -> tuple[date | None, date | None]:
        """Earliest start and latest end the sources allow."""
        end = self.end if self.end.value is not None else self.start
        return self.start.earliest, end.latest

    @property
    def dates_label(self) -> str:
        """Human label such as ``2022-12-21 to 2022-12-27``."""
        start, end = str(self.start), str(self.end)
        if not end or end == start:
            return start
        return f"{start} to {end}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly dict of the event's own fields (no sources or places)."""
        return {
            "id": self.id, "name": self.name, "name_basis": self.name_basis,
            "category": self.category, "type": self.type, "start": str(self.start),
            "start_precision": self.start.precision, "end": str(self.end),
            "end_precision": self.end.precision, "date_text": self.date_text,
            "status": self.status, "participants": list(self.participants),
            "force": self.force_figures(), "machine_extracted": self.machine_extracted,
        }

    def force_figures(self) -> dict[str, str]:
        """Reported force figures by field name, only those given."""
        figures = {
            name: str(getattr(self, name)) for name in FORCE_FIELDS if getattr(self, name)
        }
        if self.ships_by_side:
            figures["ships_by_side"] = ", ".join(f"{c}: {n}" for c, n in self.ships_by_side)
        if self.named_ships:
            figures["named_ships"] = self.named_ships
        return figures


@dataclass(frozen=True, slots=True)
class EventSource:
    """A sentence of an article that supports an event."""

    event_id: str
    article_id: str
    quote: str
    line: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class EventPlace:
    """A place of an event as the article words it (``surface``) and its role."""

    event_id: str
    article_id: str
    surface: str
    role: str
    note: str = ""
    line: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class CuratedMention:
    """A place an article mentions, with the geocoder query (default: the surface form)."""

    article_id: str
    surface: str
    query: str
    kind_hint: str = ""
    note: str = ""
    line: int = field(default=0, compare=False)


def parse_force_figure(text: str) -> ForceFigure | None:
    """Parse ``"about 30000"``, ``"up to 15"``, ``"several thousand"``; empty gives None.

    >>> parse_force_figure("up to 200,000")
    ForceFigure(value=200000, qualifier='up to', text='up to 200,000')
    """
    text = " ".join(text.split())
    if not text:
        return None
    match = _FORCE.fullmatch(text)
    if match is None or not (match["number"] or match["scale"]):
        raise ValueError(f"not a force figure: {text!r} (expected e.g. 'about 30000')")
    value = int(match["number"].replace(",", "")) if match["number"] else None
    if value is not None and match["scale"]:
        value *= 1000
    return ForceFigure(value=value, qualifier=(match["qualifier"] or "").lower(), text=text)


def _partial_date(value: str, precision: str, *, what: str, path: Path, line: int) -> PartialDate:
    if precision not in DATE_PRECISIONS:
        raise DataFormatError(f"{what}_precision must be one of {DATE_PRECISIONS}, got "
                              f"{precision!r}", path=path, line=line)
    if not value:
        if precision != "unknown":
            raise DataFormatError(f"{what} is empty but its precision is {precision!r}",
                                  path=path, line=line)
        return PartialDate(None, "unknown")
    shapes = {"day": r"\d{4}-\d{2}-\d{2}", "week": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}",
              "year": r"\d{4}"}
    if precision == "unknown" or not re.fullmatch(shapes[precision], value):
        raise DataFormatError(f"{what} {value!r} does not fit precision {precision!r}",
                              path=path, line=line)
    parts = [int(x) for x in value.split("-")] + [1, 1]
    try:
        return PartialDate(date(parts[0], parts[1], parts[2]), precision)
    except ValueError as exc:
        raise DataFormatError(f"{what} {value!r}: {exc}", path=path, line=line) from exc


def _choice(row: dict[str, str], column: str, allowed: Sequence[str], *, path: Path,
            line: int) -> str:
    value = row[column]
    if value not in allowed:
        raise DataFormatError(f"{column} must be one of {list(allowed)}, got {value!r}",
                              path=path, line=line)
    return value


def load_events(path: str | Path) -> list[Event]:
    """Read and validate ``events.csv``."""
    path = Path(path)
    events: list[Event] = []
    seen: set[str] = set()
    for line, row in iter_csv_rows(path, _EVENT_COLUMNS):
        event_id = row["id"]
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", event_id):
            raise DataFormatError(f"id {event_id!r} must be lower-case letters, digits and '-'",
                                  path=path, line=line)
        if event_id in seen:
            raise DataFormatError(f"duplicate id {event_id!r}", path=path, line=line)
        seen.add(event_id)
        if not row["name"]:
            raise DataFormatError("empty name", path=path, line=line)
        participants = tuple(p for p in row["participants"].split(";") if p)
        bad = [p for p in participants if not _ISO2.fullmatch(p)]
        if bad or not participants:
            raise DataFormatError(f"participants must be ISO2 codes separated by ';', got "
                                  f"{row['participants']!r}", path=path, line=line)
        figures: dict[str, ForceFigure | None] = {}
        for name in FORCE_FIELDS:
            try:
                figures[name] = parse_force_figure(row[name])
            except ValueError as exc:
                raise DataFormatError(f"{name}: {exc}", path=path, line=line) from exc
        sides: list[tuple[str, int]] = []
        for item in filter(None, row["ships_by_side"].split(";")):
            country, _, count = item.partition(":")
            if not _ISO2.fullmatch(country) or not count.isdigit():
                raise DataFormatError(f"ships_by_side item {item!r} must look like 'RU:5'",
                                      path=path, line=line)
            sides.append((country, int(count)))
        start = _partial_date(row["start"], row["start_precision"], what="start", path=path,
                              line=line)
        end = _partial_date(row["end"], row["end_precision"], what="end", path=path, line=line)
        if start.value is None:
            raise DataFormatError("start is required (use the coarsest precision the text "
                                  "supports)", path=path, line=line)
        if end.latest is not None and start.earliest is not None and end.latest < start.earliest:
            raise DataFormatError(f"end {end} is before start {start}", path=path, line=line)
        events.append(Event(
            id=event_id, name=row["name"],
            name_basis=_choice(row, "name_basis", ("stated", "descriptive"), path=path,
                               line=line),
            category=_choice(row, "category", CATEGORIES, path=path, line=line),
            type=_choice(row, "type", EVENT_TYPES, path=path, line=line),
            start=start, end=end, date_text=row["date_text"],
            status=_choice(row, "status", STATUSES, path=path, line=line),
            participants=participants, named_ships=row["named_ships"],
            ships_by_side=tuple(sides),
            related=tuple(r for r in row["related"].split(";") if r),
            notes=row["notes"], line=line, **figures,
        ))
    ids = {e.id for e in events}
    for event in events:
        unknown = [r for r in event.related if r not in ids]
        if unknown:
            raise DataFormatError(f"related names unknown event(s) {unknown}", path=path,
                                  line=event.line)
    return events


def load_event_sources(path: str | Path) -> list[EventSource]:
    """Read ``event_sources.csv`` (every quote non-empty)."""
    path = Path(path)
    out = []
    for line, row in iter_csv_rows(path, ("event_id", "article_id", "quote")):
        if not (row["event_id"] and row["article_id"] and row["quote"]):
            raise DataFormatError("event_id, article_id and quote are all required", path=path,
                                  line=line)
        out.append(EventSource(row["event_id"], row["article_id"], row["quote"], line=line))
    return out


def load_event_places(path: str | Path) -> list[EventPlace]:
    """Read ``event_places.csv``."""
    path = Path(path)
    out = []
    for line, row in iter_csv_rows(path, ("event_id", "article_id", "surface", "role")):
        if not (row["event_id"] and row["article_id"] and row["surface"]):
            raise DataFormatError("event_id, article_id and surface are all required",
                                  path=path, line=line)
        role = _choice(row, "role", PLACE_ROLES, path=path, line=line)
        out.append(EventPlace(row["event_id"], row["article_id"], row["surface"], role,
                              row.get("note", ""), line=line))
    return out


def load_mentions(path: str | Path) -> list[CuratedMention]:
    """Read ``mentions.csv``; an empty query means "geocode the surface form"."""
    path = Path(path)
    out = []
    seen: set[tuple[str, str]] = set()
    for line, row in iter_csv_rows(path, ("article_id", "surface", "query", "kind_hint")):
        if not (row["article_id"] and row["surface"]):
            raise DataFormatError("article_id and surface are required", path=path, line=line)
        key = (row["article_id"], row["surface"])
        if key in seen:
            raise DataFormatError(f"duplicate mention {key}", path=path, line=line)
        seen.add(key)
        out.append(CuratedMention(row["article_id"], row["surface"],
                                  row["query"] or row["surface"], row["kind_hint"],
                                  row.get("note", ""), line=line))
    return out


def check_evidence(
    articles: Iterable[Article],
    events: Sequence[Event],
    sources: Sequence[EventSource],
    places: Sequence[EventPlace],
    mentions: Sequence[CuratedMention],
    *,
    data_dir: str | Path = "data",
) -> list[str]:
    """Cross-check the curated tables against the articles; return problems (empty when sound).

    Every quote must occur verbatim in its article, every place surface and mention in its
    article, every referenced event and article must exist, and every event needs a source.
    """
    data_dir = Path(data_dir)
    texts = {a.id: a.text for a in articles}
    event_ids = {e.id for e in events}
    problems: list[str] = []

    def where(name: str, line: int) -> str:
        return f"{data_dir / name}, line {line}"

    for s in sources:
        if s.event_id not in event_ids:
            problems.append(f"{where('event_sources.csv', s.line)}: unknown event {s.event_id!r}")
        if s.article_id not in texts:
            problems.append(f"{where('event_sources.csv', s.line)}: unknown article "
                            f"{s.article_id!r}")
        elif s.quote not in texts[s.article_id]:
            problems.append(f"{where('event_sources.csv', s.line)}: quote not found verbatim in "
                            f"article {s.article_id}: {s.quote[:60]!r}")
    for p in places:
        if p.event_id not in event_ids:
            problems.append(f"{where('event_places.csv', p.line)}: unknown event {p.event_id!r}")
        if p.article_id not in texts or p.surface not in texts[p.article_id]:
            problems.append(f"{where('event_places.csv', p.line)}: {p.surface!r} not found in "
                            f"article {p.article_id!r}")
    for m in mentions:
        if m.article_id not in texts or m.surface not in texts[m.article_id]:
            problems.append(f"{where('mentions.csv', m.line)}: {m.surface!r} not found in "
                            f"article {m.article_id!r}")
    sourced = {s.event_id for s in sources}
    problems.extend(
        f"{where('events.csv', e.line)}: event {e.id!r} has no supporting quote"
        for e in events if e.id not in sourced
    )
    mentioned = {(m.article_id, m.surface) for m in mentions}
    problems.extend(
        f"{where('event_places.csv', p.line)}: {p.surface!r} is not listed in mentions.csv for "
        f"article {p.article_id}"
        for p in places if (p.article_id, p.surface) not in mentioned
    )
    return problems
