"""Read the curated data files (events, sources, places, mentions, border rules)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import shapely
import shapely.errors

from geo.errors import DataFormatError
from geo.inputs.csvfiles import iter_csv_rows
from geo.model.article import Article
from geo.model.claim import ReferenceLine
from geo.model.event import (
    _ISO2,
    CATEGORIES,
    DATE_PRECISIONS,
    EVENT_TYPES,
    FORCE_FIELDS,
    PARTICIPANT_CODE,
    PLACE_ROLES,
    STATUSES,
    Event,
    EventPlace,
    EventSource,
    ForceFigure,
    PartialDate,
    parse_force_figure,
)

__all__ = [
    "load_reference_lines",
    "CuratedPlaceName",
    "check_evidence",
    "load_border_rules",
    "load_event_places",
    "load_event_sources",
    "load_events",
    "load_mentions",
]


_EVENT_COLUMNS = (
    "id", "name", "name_basis", "category", "type", "start", "start_precision", "end",
    "end_precision", "date_text", "status", "participants", *FORCE_FIELDS, "named_ships",
    "ships_by_side", "related", "notes",
)


@dataclass(frozen=True, slots=True)
class CuratedPlaceName:
    """A row of ``mentions.csv``: a place name an article mentions, and the geocoder query.

    Not an occurrence: :func:`geo.analysis.pipeline.resolve_mentions` finds each occurrence
    of the name in the article and makes a :class:`geo.model.mention.Mention` of it.
    """

    article_id: str
    surface: str
    query: str
    kind_hint: str = ""
    note: str = ""
    line: int = field(default=0, compare=False)



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
        bad = [p for p in participants if not PARTICIPANT_CODE.fullmatch(p)]
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
            troops=figures["troops"],
            aircraft_helicopters=figures["aircraft_helicopters"],
            ships=figures["ships"], tanks=figures["tanks"],
            notes=row["notes"], line=line,
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


def load_mentions(path: str | Path) -> list[CuratedPlaceName]:
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
        out.append(CuratedPlaceName(row["article_id"], row["surface"],
                                  row["query"] or row["surface"], row["kind_hint"],
                                  row.get("note", ""), line=line))
    return out


def check_evidence(
    articles: Iterable[Article],
    events: Sequence[Event],
    sources: Sequence[EventSource],
    places: Sequence[EventPlace],
    mentions: Sequence[CuratedPlaceName],
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


def load_border_rules(path: str | Path) -> dict[str, list[str]]:
    """Read ``border_rules.csv``: which borders to measure for sites in which country."""
    path = Path(path)
    rules: dict[str, list[str]] = {}
    for line, row in iter_csv_rows(path, ("site_country", "border_iso2", "reason")):
        site, border = row["site_country"], row["border_iso2"]
        if not (re.fullmatch(r"[A-Z]{2}", site) and re.fullmatch(r"[A-Z]{2}", border)):
            raise DataFormatError("site_country and border_iso2 must be ISO2 codes",
                                  path=path, line=line)
        rules.setdefault(site, []).append(border)
    return rules


def load_reference_lines(path: str | Path) -> list[ReferenceLine]:
    """Read ``lines.csv`` (name, aliases, wkt LINESTRING in lon/lat, source, note).

    A missing file gives no lines; a malformed row raises :class:`DataFormatError` with its line.
    """
    path = Path(path)
    if not path.exists():
        return []
    lines: list[ReferenceLine] = []
    for line, row in iter_csv_rows(path, ("name", "aliases", "wkt", "source", "note")):
        try:
            geometry = shapely.from_wkt(row["wkt"])
        except shapely.errors.ShapelyError as exc:
            raise DataFormatError(f"bad WKT: {exc}", path=path, line=line) from exc
        if geometry is None or geometry.geom_type != "LineString" or len(geometry.coords) < 2:
            raise DataFormatError("wkt must be a LINESTRING of two points or more", path=path,
                                  line=line)
        points = tuple((float(y), float(x)) for x, y in geometry.coords)
        if any(abs(lat) > 90 or abs(lon) > 180 for lat, lon in points):
            raise DataFormatError("a vertex is out of range (lon lat order?)", path=path,
                                  line=line)
        if not row["name"] or not row["source"]:
            raise DataFormatError("name and source are required", path=path, line=line)
        lines.append(ReferenceLine(row["name"], tuple(filter(None, row["aliases"].split("|"))),
                                   points, row["source"], row["note"]))
    return lines
