"""Helpers shared by the tests that read exercises out of made-up sentences."""

from __future__ import annotations

from datetime import date

from geo.extract.events import extract_events
from geo.extract.mentions import extract_mentions
from geo.model.event import Event, PartialDate

#: The publication date the made-up articles carry.
PUBLISHED = PartialDate(date(2024, 5, 10), "day")


def events(text, geocoder, lexicon) -> list[Event]:
    """The exercises drillmap reads in ``text`` (published on :data:`PUBLISHED`)."""
    mentions = extract_mentions(text, geocoder, lexicon)
    return [c.event for c in extract_events(text, mentions, lexicon, geocoder,
                                            published=PUBLISHED)]


def named(text, geocoder, lexicon) -> tuple[str | None, set[str]]:
    """``(name, participant set)`` of the one event the text reports."""
    (event,) = events(text, geocoder, lexicon)
    return (event.name if event.name_basis == "stated" else None), set(event.participants)


def read(text, geocoder, lexicon) -> list[tuple[str | None, set[str]]]:
    """``[(stated name or None, participant set)]`` of every exercise the text reports."""
    return [((e.name if e.name_basis == "stated" else None), set(e.participants))
            for e in events(text, geocoder, lexicon)]
