"""The offline geocoder remembers its answers for its life, in a bounded table."""

from __future__ import annotations

from geo.geocoders import gazetteer
from geo.geocoders.registry import get_geocoder


def test_a_repeated_question_gets_the_same_answer() -> None:
    geocoder = get_geocoder("offline")
    first = geocoder.geocode("Kaliningrad")
    again = geocoder.geocode("Kaliningrad")
    assert first is not None and again == first
    assert abs(first.lat - 54.71) < 0.2 and abs(first.lon - 20.51) < 0.2


def test_a_caller_changing_its_candidate_list_does_not_change_the_next_answer() -> None:
    geocoder = get_geocoder("offline")
    candidates = geocoder.geocode("Alexandria", exactly_one=False)
    assert isinstance(candidates, list) and len(candidates) > 1
    names = [c.name for c in candidates]
    candidates.clear()
    again = geocoder.geocode("Alexandria", exactly_one=False)
    assert isinstance(again, list) and [c.name for c in again] == names


def test_the_table_of_answers_stays_bounded(monkeypatch) -> None:
    monkeypatch.setattr(gazetteer, "_ANSWERS_MAX", 2)
    geocoder = get_geocoder("offline")
    for name in ("Minsk", "Brest", "Grodno", "Vitebsk", "Mogilev"):
        assert geocoder.geocode(name) is not None
        assert len(geocoder._answers) <= 2
