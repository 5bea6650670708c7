"""Names and sides in wording found by the ninth session's new dev articles (issue 9). Every
sentence is made up for the test."""

from __future__ import annotations

import pytest
from event_helpers import PUBLISHED, events, read

from geo.extract.events import extract_events
from geo.extract.mentions import extract_mentions


@pytest.mark.parametrize(("more", "name"), [
    (" PANAMAX 2024 focuses on the defence of the canal.", "PANAMAX 2024"),
    (" PANAMAX began in 2003 with three countries. PANAMAX 2024 focuses on the canal.",
     "PANAMAX 2024"),  # the series' history told by its bare name
    (" It is larger than PANAMAX 2022.", "PANAMAX"),  # another edition
])
def test_the_edition_the_article_names_is_the_exercises_name(more, name, geocoder,
                                                             lexicon) -> None:
    text = ("Forces from Panama and Brazil began the annual exercise PANAMAX on Monday near "
            "the Panama Canal." + more)
    assert read(text, geocoder, lexicon) == [(name, {"PA", "BR"})]


def test_an_aircraft_named_before_a_patrol_is_no_exercise(geocoder, lexicon) -> None:
    text = ("Along with the frigate will come a P-3 Orion surveillance plane to patrol and "
            "deter illegal fishing in the region.")
    assert read(text, geocoder, lexicon) == []


@pytest.mark.parametrize(("sentence", "name"), [
    ("Warships from France and India took part in the exercise, known as La Pérouse 2023, in "
     "the Bay of Bengal.", "La Pérouse 2023"),
    ("Warships from France and India began Exercise La Pérouse in the Bay of Bengal on "
     "Monday.", "La Pérouse"),
])
def test_a_name_with_accented_letters_is_read_whole(sentence, name, geocoder,
                                                    lexicon) -> None:
    assert read(sentence, geocoder, lexicon) == [(name, {"FR", "IN"})]


def test_the_dateline_is_no_site_when_the_sentence_names_where_the_drill_was(
        geocoder, lexicon) -> None:
    text = ("TAIPEI (Taiwan News) — The Army on Friday held live-fire exercises on the Matsu "
            "Islands, the Matsu Defense Command said.")
    assert _sites(text, geocoder, lexicon) == [["Matsu Islands"]]


def test_the_dateline_stays_the_site_when_nothing_else_is_named(geocoder, lexicon) -> None:
    text = ("MINSK (Sputnik) - A snap inspection of combat readiness has begun in the "
            "Belarusian armed forces, the Defense Ministry said on Tuesday.")
    assert _sites(text, geocoder, lexicon) == [["MINSK"]]


def _sites(text, geocoder, lexicon) -> list[list[str]]:
    """The surfaces of each exercise's places."""
    mentions = extract_mentions(text, geocoder, lexicon)
    return [[p.surface for p in c.places]
            for c in extract_events(text, mentions, lexicon, geocoder, published=PUBLISHED)]


def test_more_forces_told_in_the_future_join_the_exercise_launched_undated(
        geocoder, lexicon) -> None:
    text = ("Exercise Coral Shield was officially launched in Sydney by the principal partners, "
            "Australia and the US.\n\n"
            "War games will be conducted across Queensland and the Northern Territory.\n\n"
            "Forces from Canada, Fiji and Japan will join Australia and the US.")
    assert read(text, geocoder, lexicon) == [("Coral Shield", {"AU", "US", "CA", "FJ", "JP"})]


def test_sides_told_after_an_exercise_named_in_passing_are_the_reported_ones(
        geocoder, lexicon) -> None:
    text = ("Exercise Kakadu is held every two years right after the Air Force's Exercise Pitch "
            "Black, and will this year run from Monday until September 12.\n\n"
            "Around 1200 people will participate, including personnel from Bangladesh, Cambodia "
            "and Japan.")
    assert read(text, geocoder, lexicon)[0] == ("Kakadu", {"BD", "KH", "JP"})


def test_a_long_list_of_states_that_monitor_the_exercise_are_observers(geocoder,
                                                                      lexicon) -> None:
    text = ("China will send a destroyer to the Maritime Belt exercise.\n\n"
            "Officials from the Azerbaijan Republic, South Africa, Oman, Qatar, Iraq, the UAE, and "
            "Sri Lanka will monitor the exercise, Iranian state media reported.")
    assert read(text, geocoder, lexicon) == [("Maritime Belt", {"CN"})]


def test_a_name_given_to_what_states_launch_is_the_exercise(geocoder, lexicon) -> None:
    text = ('Iran, China and Russia will launch a joint military operation Monday called '
            '"Security Belt 2025," designed to promote security in the Indian Ocean.\n\n'
            'It is the 7th "Security Belt" exercise.')
    assert read(text, geocoder, lexicon) == [("Security Belt 2025", {"IR", "CN", "RU"})]


@pytest.mark.parametrize(("sentence", "sides"), [
    ("The military personnel of the Collective Security Treaty Organization and the Shanghai "
     "Cooperation Organization take part in the exercises.", {"CSTO", "SCO"}),
    ("Servicemen of the CSTO take part in the exercises.", {"CSTO"}),
])
def test_an_organisations_personnel_taking_part_make_it_a_side(sentence, sides, geocoder,
                                                              lexicon) -> None:
    text = "The Vostok-2022 exercise began on Wednesday.\n\n" + sentence
    assert read(text, geocoder, lexicon) == [("Vostok-2022", sides)]


def test_soldiers_from_states_doing_something_dated_join_the_drill_just_told(
        geocoder, lexicon) -> None:
    text = ("Troops from 10 NATO member countries took part in a multinational exercise in "
            "Poland.\n\n"
            "Soldiers from France, Germany and Italy conducted a crossing of the Vistula River "
            "on March 4-5, NATO said in a statement Wednesday.")
    assert read(text, geocoder, lexicon) == [(None, {"FR", "DE", "IT"})]


def test_troops_in_total_from_all_nato_allies_make_nato_a_side(geocoder, lexicon) -> None:
    text = ("A series of exercises are taking place under the umbrella of Steadfast Defender "
            "24, which will include 90,000 troops in total from all NATO Allies and Sweden.")
    assert read(text, geocoder, lexicon) == [("Steadfast Defender 24", {"NATO", "SE"})]


DYNAMIC = ("Until 8 March, the Dynamic Manta exercise will take place in the central "
           "Mediterranean area, which, since 2013, has been one of NATO’s most important and "
           "complex anti-submarine exercises.\n\n")


def test_the_year_a_series_has_run_since_is_not_the_exercises_start(geocoder,
                                                                    lexicon) -> None:
    (event,) = events(DYNAMIC, geocoder, lexicon)
    assert event.start.value is None and str(event.end).endswith("-03-08")


def test_one_of_natos_most_important_exercises_is_natos_own(geocoder, lexicon) -> None:
    assert read(DYNAMIC, geocoder, lexicon) == [("Dynamic Manta", {"NATO"})]


@pytest.mark.parametrize(("sentence", "sides"), [
    ("Seven submarines are employed, belonging to the navies of Italy, France and Spain.",
     {"NATO", "IT", "FR", "ES"}),
    ("Maritime Patrol Aircraft (MPAs) from Canada, Germany and Greece are also planned.",
     {"NATO", "CA", "DE", "GR"}),
])
def test_ships_belonging_to_navies_and_aircraft_from_states_are_their_sides(
        sentence, sides, geocoder, lexicon) -> None:
    assert read(DYNAMIC + sentence, geocoder, lexicon) == [("Dynamic Manta", sides)]


def test_the_state_that_hosts_the_exercise_annually_is_a_side(geocoder, lexicon) -> None:
    text = ("Cobra Gold 2010 began on Monday with troops from the US and Japan.\n\n"
            "Cobra Gold is a regularly scheduled multi-national exercise hosted annually by "
            "Thailand.")
    assert read(text, geocoder, lexicon) == [("Cobra Gold 2010", {"US", "JP", "TH"})]


def test_a_quoted_sentence_before_an_exercise_word_is_no_name(geocoder, lexicon) -> None:
    text = ("Cobra Gold 2010 began on Monday with troops from the US and Japan.\n\n"
            '"The training is based on a "computer-simulated command post exercise (CPX) and '
            'field training," he said.')
    assert read(text, geocoder, lexicon) == [("Cobra Gold 2010", {"US", "JP"})]


def test_an_exercise_that_combines_nationalities_has_them_as_sides(geocoder,
                                                                   lexicon) -> None:
    text = ("Cobra Gold 2010 began on Monday.\n\n"
            "The exercise combines Thai, US and Japanese participants in a coalition grouping.")
    assert read(text, geocoder, lexicon) == [("Cobra Gold 2010", {"US", "JP", "TH"})]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Russia's Navy has launched the July Storm operational drills, involving the Northern "
     "and Pacific fleets.", [("July Storm", {"RU"})]),
    ("In July Russia held naval drills in the Baltic Sea.", [(None, {"RU"})]),
])
def test_a_month_after_the_opens_a_name(sentence, expected, geocoder, lexicon) -> None:
    assert read(sentence, geocoder, lexicon) == expected


@pytest.mark.parametrize(("sentence", "sides"), [
    ("The Army on Friday held live-fire exercises on the Matsu Islands.", {"TW"}),
    ("The Army on Friday held live-fire exercises on the Matsu Islands and in Fujian.", set()),
    ("The navy held drills in the South China Sea.", set()),
])
def test_forces_without_a_nationality_are_those_of_the_one_country_of_their_sites(
        sentence, sides, geocoder, lexicon) -> None:
    assert read(sentence, geocoder, lexicon) == [(None, sides)]
