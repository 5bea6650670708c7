"""The closed vocabularies of drillmap as StrEnums: a typo in a member name fails at import.

Members are ``str`` subclasses, so they compare equal to the strings stored in CSV files and
the database (``EventType.AIR == "air"``) and serialise as those strings.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "Category",
    "DatePrecision",
    "EventType",
    "PlaceRole",
    "ReviewState",
    "Status",
    "Verdict",
]


class EventType(StrEnum):
    """What kind of forces an exercise mainly involves."""

    LAND = "land"
    AIR = "air"
    NAVAL = "naval"
    STRATEGIC = "strategic"
    COMMAND_STAFF = "command-staff"
    PATROL = "patrol"


class Status(StrEnum):
    """Where an event stands when the source reports it."""

    ANNOUNCED = "announced"
    PLANNED = "planned"
    UNDER_WAY = "under way"
    HELD = "held"


class Category(StrEnum):
    """An exercise, or a context item (a decree, a joint force) shown with the exercises."""

    EXERCISE = "exercise"
    CONTEXT = "context"


class DatePrecision(StrEnum):
    """How precisely a date is known."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


class PlaceRole(StrEnum):
    """What a place is to an event."""

    SITE = "site"
    AREA = "area"
    ANNOUNCED_AT = "announced_at"


class ReviewState(StrEnum):
    """Where an event stands in the analyst's review."""

    CURATED = "curated"
    MACHINE = "machine"
    ACCEPTED = "accepted"
    EDITED = "edited"
    REJECTED = "rejected"


class Verdict(StrEnum):
    """A stated distance against the measured one."""

    CONSISTENT = "consistent"
    FLAGGED = "flagged"
    UNCHECKED = "unchecked"
