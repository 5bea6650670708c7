"""Who takes part in an exercise, read by the corpus convention (tests/corpus/README.md,
``participants``; issue 9, sides round 15): states set outside the drills ("without",
"sat out") or named beside them for comparison ("beyond", "than", "unlike") are no sides.

Every sentence is made up for the test in the style of wire copy; the exercise names are
invented.
"""

from __future__ import annotations

import pytest
from event_helpers import read

# ------------------------------------------------------------------ left out of the drills


@pytest.mark.parametrize("text", [
    "Canada, Japan and Chile held the Steppe Guard 2024 exercise, the first without Brazil "
    "and Peru.",
    "Canada, Japan and Chile held the Steppe Guard 2024 exercise for the first time without "
    "regional powers Brazil and Peru.",
])
def test_states_the_drills_are_held_without_are_no_sides(text, geocoder, lexicon):
    assert read(text, geocoder, lexicon) == [("Steppe Guard 2024", {"CA", "CL", "JP"})]


def test_a_state_that_sat_out_the_drills_is_no_side(geocoder, lexicon):
    text = "Canada, Japan and Chile held the Steppe Guard 2024 exercise. Brazil sat out the drills."
    assert read(text, geocoder, lexicon) == [("Steppe Guard 2024", {"CA", "CL", "JP"})]


# ------------------------------------------------------------------ named for comparison


def test_neighbours_a_host_looks_beyond_are_no_sides(geocoder, lexicon):
    text = ("Over 1,000 soldiers took part in the Steppe Guard 2024 exercise in Mongolia, which "
            "has been gaining importance as Mongolia tries to diversify its foreign relations "
            "beyond its two immediate neighbors, China and Russia.")
    assert read(text, geocoder, lexicon) == [("Steppe Guard 2024", set())]


@pytest.mark.parametrize("text", [
    "Canada and Japan held the Steppe Guard 2024 exercise, which is larger than anything "
    "Brazil has staged.",
    "Canada and Japan held the Steppe Guard 2024 exercise, which is smaller than Brazil's "
    "annual drills.",
    "Canada and Japan held the Steppe Guard 2024 exercise, which, unlike Brazil's annual "
    "drills, includes a naval phase.",
])
def test_a_state_whose_drills_the_text_compares_is_no_side(text, geocoder, lexicon):
    assert read(text, geocoder, lexicon) == [("Steppe Guard 2024", {"CA", "JP"})]


@pytest.mark.parametrize(("text", "sides"), [
    # a number after "than" counts troops: the states after it are sides
    ("More than 2,000 troops from Canada and Japan joined the Steppe Guard 2024 exercise.",
     {"CA", "JP"}),
    ("Troops from more than 20 countries, including Canada and Japan, joined the Steppe Guard "
     "2024 exercise.", {"CA", "JP"}),
])
def test_than_before_a_count_keeps_the_sides(text, sides, geocoder, lexicon):
    assert read(text, geocoder, lexicon) == [("Steppe Guard 2024", sides)]


# ------------------------------------------------------------ nationalities before the edition


@pytest.mark.parametrize(("text", "sides"), [
    ("The Steppe Guard 2024 exercise, a joint Mongolian-U.S. 4th annual military training "
     "exercise, will be conducted on August 1-16.", {"MN", "US"}),
    ("The Steppe Guard 2024 exercise, a joint Mongolian-Canadian 4th annual training exercise, "
     "will be conducted on August 1-16.", {"CA", "MN"}),
])
def test_nationalities_before_the_editions_number_are_sides(text, sides, geocoder, lexicon):
    assert read(text, geocoder, lexicon) == [("Steppe Guard 2024", sides)]


# ------------------------------------------------------------------ invited, not confirmed


@pytest.mark.parametrize("text", [
    "Canada, Japan and Chile held the Steppe Guard 2024 exercise. Brazil has yet to confirm its "
    "participation.",
    "Canada, Japan and Chile held the Steppe Guard 2024 exercise. Brazil was notably missing "
    "from the list of participants.",
])
def test_a_state_that_has_not_confirmed_or_is_missing_is_no_side(text, geocoder, lexicon):
    assert read(text, geocoder, lexicon) == [("Steppe Guard 2024", {"CA", "CL", "JP"})]


# ------------------------------------------------------------------ hosts of observers, sources


def test_drills_open_to_observers_keep_their_holder_as_a_side(geocoder, lexicon):
    text = ("China's military Tuesday began its biggest-ever war exercises open to foreign "
            "observers with 16,000 soldiers carrying out maneuvers in the nation's Inner "
            "Mongolian region, state press said.")
    assert read(text, geocoder, lexicon) == [(None, {"CN"})]


def test_a_state_that_sent_observers_stays_out(geocoder, lexicon):
    text = ("Canada and Japan held the Steppe Guard 2024 exercise. Brazil, Chile and Peru sent "
            "observers.")
    assert read(text, geocoder, lexicon) == [("Steppe Guard 2024", {"CA", "JP"})]


def test_observers_listed_after_including_stay_out(geocoder, lexicon):
    text = ("Canada and Japan began the Steppe Guard 2024 exercise on Monday. Some 40 military "
            "officers from 24 countries, including the United States, North Korea, Russia and "
            "major European nations began observing the drills.")
    assert read(text, geocoder, lexicon) == [("Steppe Guard 2024", {"CA", "JP"})]


# ------------------------------------------------------------------ said not to take part


@pytest.mark.parametrize("text", [
    "Russia and China are not participating in the Steppe Guard 2024 exercise, which Kazakhstan "
    "and Uzbekistan began on Monday.",
    "Kazakhstan and Uzbekistan began the Steppe Guard 2024 drills, with no troops from Russia "
    "or China.",
])
def test_states_said_not_to_take_part_are_no_sides(text, geocoder, lexicon):
    assert read(text, geocoder, lexicon) == [("Steppe Guard 2024", {"KZ", "UZ"})]
