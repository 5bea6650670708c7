"""What extraction returns: machine-found mentions, dates, figures and event candidates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from geo.model.event import Event, ForceFigure, PartialDate
from geo.model.place import Place

__all__ = ["DateMention", "EventCandidate", "EventPlaceCandidate", "ForceFigures"]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression and the dates it means, resolved against the publication date.

    ``first``/``last`` are the earliest and latest dates the expression allows (equal for a
    single date). ``role`` is ``"event"``, ``"until"`` (an end date), ``"reporting"`` (the day
    something was *said*, not when it happens), ``"anchor"`` (a date another expression is
    counted from, e.g. "two weeks before ..., on 24 February") or ``"since"`` (the year a state
    of things began, "held since 2013": history, not the event's date).
    """

    start: int
    end: int
    text: str
    first: PartialDate
    last: PartialDate
    role: str = "event"


@dataclass(frozen=True, slots=True)
class ForceFigures:
    """Force figures of one clause: each a :class:`geo.model.event.ForceFigure` or None."""

    troops: ForceFigure | None = None
    aircraft_helicopters: ForceFigure | None = None
    ships: ForceFigure | None = None
    tanks: ForceFigure | None = None
    named_ships: tuple[str, ...] = ()

    def any(self) -> bool:
        """Whether any figure was found."""
        return any((self.troops, self.aircraft_helicopters, self.ships, self.tanks,
                    self.named_ships))


@dataclass(frozen=True, slots=True)
class EventPlaceCandidate:
    """A place of a candidate event: the mention, its role (site, area, announced_at)."""

    surface: str
    role: str
    start: int
    end: int
    place: Place | None


@dataclass(frozen=True, slots=True)
class EventCandidate:
    """An exercise found in one article, before matching against known events.

    ``event`` is a :class:`geo.model.event.Event` with ``machine_extracted=True`` and an empty id
    (the store assigns one); ``quotes`` are the supporting sentences verbatim; ``evidence``
    says which rules fired, for the analyst.
    """

    event: Event
    quotes: tuple[str, ...]
    places: tuple[EventPlaceCandidate, ...] = ()
    evidence: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly dict of the candidate."""
        return {
            **self.event.to_dict(),
            "places": [{"surface": p.surface, "role": p.role, "start": p.start, "end": p.end,
                        "name": p.place.name if p.place else None} for p in self.places],
            "quotes": list(self.quotes), "evidence": list(self.evidence),
        }
