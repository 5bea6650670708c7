"""Event filters on the bundled data: each field, combinations, and the URL round trip."""

from __future__ import annotations

from datetime import date

import pytest

from geo.analysis.filters import (
    QUERY_KEYS,
    EventFilter,
    InvalidFilterError,
    filter_choices,
    filter_events,
)
from geo.analysis.pipeline import build_dataset
from geo.model.dataset import Dataset


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return build_dataset()


@pytest.mark.parametrize(("flt", "expected"), [
    (EventFilter(), 14),
    (EventFilter(categories=("exercise",)), 12),
    (EventFilter(categories=("context",)), 2),
    (EventFilter(types=("naval",)), ["naval-interaction-2022"]),
    (EventFilter(participants=("CN",)), ["naval-interaction-2022"]),
    (EventFilter(statuses=("held",)), 6),
    (EventFilter(start=date(2023, 1, 1), end=date(2023, 12, 31)),
     ["command-staff-week-2023", "flight-tactical-ruzhansky-2023", "union-shield-2023",
      "training-centres-decree-2023"]),
    (EventFilter(text="Ruzhansky"), ["flight-tactical-ruzhansky-2023"]),
    (EventFilter(text="ruzhansky TRAINING"), ["flight-tactical-ruzhansky-2023"]),
    (EventFilter(text="no such word"), []),
    (EventFilter(border_countries=("UA",)), ["flight-tactical-ruzhansky-2023"]),
    (EventFilter(types=("patrol",), participants=("BY",)), ["joint-air-patrol-2021-12-29"]),
])
def test_filter_events(ds: Dataset, flt: EventFilter, expected: int | list[str]) -> None:
    kept = filter_events(ds, flt)
    if isinstance(expected, int):
        assert len(kept) == expected
    else:
        assert kept == expected


def test_date_overlap_uses_precision(ds: Dataset) -> None:
    # "2022-12" (month precision) overlaps a single day in December.
    kept = filter_events(ds, EventFilter(start=date(2022, 12, 25), end=date(2022, 12, 25)))
    assert kept == ["naval-interaction-2022", "ru-battalion-tactical-belarus-2022-12"]


@pytest.mark.parametrize("flt", [
    EventFilter(),
    EventFilter(start=date(2022, 1, 1), end=date(2022, 6, 30), participants=("RU", "BY"),
                types=("land", "air"), statuses=("held",), categories=("exercise",),
                border_countries=("UA",), text="tactical, exercises"),
])
def test_query_params_round_trip(flt: EventFilter) -> None:
    params = flt.to_query_params()
    assert all(isinstance(v, str) for v in params.values())
    assert EventFilter.from_query_params(params, strict=True) == flt


def test_from_query_params_lenient_drops_bad_values() -> None:
    flt = EventFilter.from_query_params({"type": "naval,bogus", "from": "yesterday",
                                         "participant": ["ru", "Russia"], "other": "x"})
    assert flt == EventFilter(types=("naval",), participants=("RU",))


def test_from_query_params_swaps_reversed_dates() -> None:
    flt = EventFilter.from_query_params({"from": "2023-12-31", "to": "2023-01-01"})
    assert (flt.start, flt.end) == (date(2023, 1, 1), date(2023, 12, 31))


@pytest.mark.parametrize("params", [{"type": "bogus"}, {"from": "2023-13-01"},
                                    {"border": "Ukraine"}])
def test_from_query_params_strict_raises(params: dict[str, str]) -> None:
    with pytest.raises(InvalidFilterError):
        EventFilter.from_query_params(params, strict=True)


def test_invalid_filter_raises_value_error() -> None:
    with pytest.raises(ValueError, match="after end"):
        EventFilter(start=date(2023, 2, 1), end=date(2023, 1, 1))


def test_filter_choices(ds: Dataset) -> None:
    choices = filter_choices(ds)
    assert choices.participants == ("BY", "CN", "RU")
    assert choices.border_countries == ("LT", "LV", "PL", "UA")
    assert (choices.date_min, choices.date_max) == (date(2021, 9, 1), date(2023, 12, 31))
    assert "naval" in choices.types


def test_nato_is_a_participant_code() -> None:
    """An exercise whose article names only the alliance lists NATO; the filter accepts it."""
    flt = EventFilter.from_query_params({QUERY_KEYS["participants"]: "NATO,PL"}, strict=True)
    assert flt.participants == ("NATO", "PL")
    with pytest.raises(InvalidFilterError, match="border_countries"):
        EventFilter.from_query_params({QUERY_KEYS["border_countries"]: "NATO"}, strict=True)
