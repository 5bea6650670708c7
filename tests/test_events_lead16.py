"""Exercises in plain wire-copy wording (issue 9): forces that "drilled", drills an
observer phrase interrupts, a border named by a nationality, and the owner's place a
possessive names. Every sentence is made up for the test."""

from __future__ import annotations

import pytest
from event_helpers import PUBLISHED, events, read

from geo.extract.events import extract_events
from geo.extract.mentions import extract_mentions


@pytest.mark.parametrize(("text", "sides"), [
    ("Chinese warships drilled in waters near the Zorbin Islands on Monday.", {"CN"}),
    ("Russian troops quickly drilled near Pskov on Monday.", {"RU"}),
])
def test_forces_that_drilled_held_an_exercise(text, sides, geocoder, lexicon) -> None:
    assert read(text, geocoder, lexicon) == [(None, sides)]


def test_drilled_without_forces_is_no_exercise(geocoder, lexicon) -> None:
    assert events("Engineers drilled a new well near Gao on Monday.", geocoder, lexicon) == []


def test_an_observer_phrase_inside_commas_leaves_the_sides_after_it(geocoder, lexicon) -> None:
    text = "The drills, watched by observers from China, involved troops from Russia and Belarus."
    assert read(text, geocoder, lexicon) == [(None, {"RU", "BY"})]


def test_a_nationality_before_border_is_no_side(geocoder, lexicon) -> None:
    text = "Grodno, which lies 15 km from the Polish border, hosted the exercise."
    assert all("PL" not in sides for _, sides in read(text, geocoder, lexicon))


def test_a_possessive_owner_is_no_site_of_the_drills(geocoder, lexicon) -> None:
    text = "Chinese warships held drills in waters near Japan's Yonaguni island."
    (candidate,) = extract_events(text, extract_mentions(text, geocoder, lexicon), lexicon,
                                  geocoder, published=PUBLISHED)
    assert [p.surface for p in candidate.places] == ["Yonaguni island"]


def test_an_apposition_between_a_name_and_its_verb(geocoder, lexicon) -> None:
    text = ("Mongolia's Khaan Quest 2024, co-sponsored by the US Indo-Pacific Command, opened "
            "at the Five Hills Training Area with troops from 23 countries.")
    assert [name for name, _ in read(text, geocoder, lexicon)] == ["Khaan Quest 2024"]
