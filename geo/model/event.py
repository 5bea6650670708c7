"""Exercise events, partial dates, force figures, and their sources and places."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from geo.model.kinds import Category, DatePrecision, EventType, PlaceRole, Status

__all__ = [
    "PARTICIPANT_CODE",
    "CATEGORIES",
    "DATE_PRECISIONS",
    "EVENT_TYPES",
    "Event",
    "EventPlace",
    "EventSource",
    "FORCE_FIELDS",
    "ForceFigure",
    "MACHINE_TAG",
    "PLACE_ROLES",
    "PartialDate",
    "STATUSES",
    "parse_force_figure",
]


EVENT_TYPES: tuple[str, ...] = tuple(EventType)


STATUSES: tuple[str, ...] = tuple(Status)


CATEGORIES: tuple[str, ...] = tuple(Category)


DATE_PRECISIONS: tuple[str, ...] = tuple(DatePrecision)


PLACE_ROLES: tuple[str, ...] = tuple(PlaceRole)


#: How an event the machine extracted and nobody reviewed yet is labelled (map, tables, views).
MACHINE_TAG = "machine-extracted, unreviewed"


FORCE_FIELDS = ("troops", "aircraft_helicopters", "ships", "tanks")


_ISO2 = re.compile(r"[A-Z]{2}")

#: The organisations the gold convention (tests/corpus/README.md) lists beside member states
#: when an article presents a drill as theirs; EU and UN are also two-letter codes.
ORGANISATIONS = ("NATO", "CSTO", "SCO", "EU", "UN", "ASEAN")

#: A participant: an ISO 3166 alpha-2 code, or one of the ORGANISATIONS.
PARTICIPANT_CODE = re.compile(r"[A-Z]{2}|" + "|".join(o for o in ORGANISATIONS if len(o) > 2))


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
    """One exercise (or context item, ``category == Category.CONTEXT``) reported by the articles."""

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
