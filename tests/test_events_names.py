"""Exercise names, participants and no invented events in unseen news (issue 9).

Every sentence here is made up for the test; the exercise names are invented unless a rule is
about the lexicon's known stems.
"""

from __future__ import annotations

from datetime import date

import pytest

from geo.extract.events import _same_name, extract_events
from geo.extract.figures import ship_counts
from geo.extract.mentions import extract_mentions
from geo.model.event import PartialDate

PUBLISHED = PartialDate(date(2024, 5, 10), "day")




def events(text, geocoder, lexicon, published=PUBLISHED):
    mentions = extract_mentions(text, geocoder, lexicon)
    return [c.event for c in extract_events(text, mentions, lexicon, geocoder,
                                            published=published)]


def stated_names(text, geocoder, lexicon):
    return [e.name for e in events(text, geocoder, lexicon) if e.name_basis == "stated"]


def sides(text, geocoder, lexicon):
    """The participant set of the one event the text reports."""
    (event,) = events(text, geocoder, lexicon)
    return set(event.participants)


# ----------------------------------------------------------------------------- names


@pytest.mark.parametrize(("text", "name"), [
    # a year with a letter after it
    ("The army opened the Iron Lance-2026B drills on the coast on Monday.", "Iron Lance-2026B"),
    # a two-word name and a year, the leading article dropped
    ("The Amber Gate 2024 exercise began in the north on Monday.", "Amber Gate 2024"),
    # a two-digit edition number right before the exercise word
    ("Troops arrived for the Polar Shield 27 exercise on Monday.", "Polar Shield 27"),
    # a known stem with a translation in brackets before the year
    ("Russian troops began the Tsentr (Centre) 2019 strategic exercise on Monday.",
     "Tsentr 2019"),
    # no year: the name right before the exercise word, modifiers allowed between
    ("Marines started the Harbour Guard live-fire military drills on Monday.", "Harbour Guard"),
    ("The army held the Northern Lance exercise near the lake on Monday.", "Northern Lance"),
    # no year: the name right after "exercise"
    ("Soldiers from both armies began exercise Silver Arrow at the base on Monday.",
     "Silver Arrow"),
    # "known as", with a comma
    ("The navy said the exercise, known as Pacific Ember, would start on Monday.",
     "Pacific Ember"),
    # a quoted name with a full stop inside
    ('The navies ended joint naval drills codenamed "Blue Harbor. Unity 2025" on Sunday.',
     "Blue Harbor. Unity 2025"),
    # lexicon stems without a year, one of them written in capitals
    ("Filipino and American troops fired artillery during Balikatan drills on Monday.",
     "Balikatan"),
    ("Warships from 14 countries opened the BALTOPS naval exercise in the port on Monday.",
     "BALTOPS"),
    ("Taiwan's army began the annual Han Kuang exercises on Monday.", "Han Kuang"),
])
def test_stated_names(text, name, geocoder, lexicon):
    assert stated_names(text, geocoder, lexicon) == [name]


def test_a_known_name_is_an_exercise_word_of_its_own(geocoder, lexicon):
    text = ("Japan and the United States began Keen Sword at bases across Japan on Monday. "
            "The exercise involves 40,000 troops.")
    (event,) = events(text, geocoder, lexicon)
    assert (event.name, set(event.participants)) == ("Keen Sword", {"JP", "US"})


def test_two_digit_year_and_full_year_are_one_exercise(geocoder, lexicon):
    assert _same_name("Vostok 22", "Vostok 2022")
    assert _same_name("Keen Sword", "Keen Sword 2018")
    assert not _same_name("Zapad-2017", "Zapad-2021")
    text = ("The Vostok 2022 drills began on Thursday with troops from China and India. "
            "The Vostok 22 drills are held at seven ranges until September 7, the Russian "
            "defence ministry said.")
    assert stated_names(text, geocoder, lexicon) == ["Vostok 2022"]


@pytest.mark.parametrize("text", [
    "Russian drills began near the lake on Monday.",
    "The Taiwan Strait drills began on Monday, officials said.",
    "The Pacific Fleet drills began on Monday with six warships.",
    "Massive drills began across the region on Monday, the army said.",
    "The Monday drills involved 3,000 troops, the army said.",
])
def test_capitalised_words_that_are_no_names(text, geocoder, lexicon):
    assert stated_names(text, geocoder, lexicon) == []


# ----------------------------------------------------------------------------- sides


def test_target_is_not_a_side(geocoder, lexicon):
    assert sides("China's drills around Taiwan entered a third day on Friday.",
                 geocoder, lexicon) == {"CN"}
    assert sides("Russian troops held drills near the Ukrainian border on Tuesday.",
                 geocoder, lexicon) == {"RU"}
    assert sides("China staged the drills on Monday to deter Taiwan, the army said.",
                 geocoder, lexicon) == {"CN"}


def test_observers_and_reacting_countries_are_not_sides(geocoder, lexicon):
    text = ("Chinese warships held drills near the islands on Monday, and Japanese destroyers "
            "shadowed them.")
    assert sides(text, geocoder, lexicon) == {"CN"}
    text = ("In response, Russian corvettes will monitor the allied manoeuvres, which "
            "involve Polish and Danish ships, on Monday.")
    assert sides(text, geocoder, lexicon) == {"PL", "DK"}


def test_countries_named_for_something_else_are_not_sides(geocoder, lexicon):
    text = ("Amid the Russia-Ukraine war, Norway and Sweden held joint winter drills on "
            "Monday while both face tensions with Belarus.")
    assert sides(text, geocoder, lexicon) == {"NO", "SE"}


def test_reporting_source_is_not_a_side(geocoder, lexicon):
    text = "Dozens of Chinese aircraft took part in the drills on Monday, Taiwan's army said."
    assert sides(text, geocoder, lexicon) == {"CN"}


def test_nato_itself_takes_part(geocoder, lexicon):
    assert "NATO" in sides("NATO will hold its annual air exercise over Romania in June.",
                           geocoder, lexicon)
    text = ("Finland, not yet a member of NATO, joined the drills with Estonian troops on "
            "Monday.")
    assert sides(text, geocoder, lexicon) == {"FI", "EE"}


def test_who_plays_the_mock_enemy_takes_part(geocoder, lexicon):
    # tests/corpus/README.md: a side is every state whose forces take part "in any role but
    # observer"; the mock enemy is a role in the drills (as in the Siil 2018 gold)
    text = ("Latvian units held the drills on Monday against a mock enemy played by the "
            "NATO battlegroup and Danish troops, the army said.")
    assert sides(text, geocoder, lexicon) == {"LV", "DK", "NATO"}


def test_nationality_adjectives_of_forces(geocoder, lexicon):
    text = ("More than 2,000 troops took part in the drills on Monday, including Moldovan, "
            "U.S., British, Polish, and French military personnel.")
    assert sides(text, geocoder, lexicon) == {"MD", "US", "GB", "PL", "FR"}
    text = "Japanese destroyers and US Marines held amphibious drills on Monday."
    assert sides(text, geocoder, lexicon) == {"JP", "US"}
    text = "Two Royal Canadian Navy ships joined the naval drills on Monday."
    assert sides(text, geocoder, lexicon) == {"CA"}


def test_forces_from_a_list_of_countries(geocoder, lexicon):
    text = ("Russia began the drills on Monday with sailors from Iran, Oman and several "
            "other states, the ministry said.")
    assert sides(text, geocoder, lexicon) == {"RU", "IR", "OM"}


def test_a_force_named_without_its_country(geocoder, lexicon):
    assert sides("The PLA Eastern Theater Command began joint drills on Monday.",
                 geocoder, lexicon) == {"CN"}


def test_both_navies_refer_back(geocoder, lexicon):
    text = ("India and France signed a deal on Monday. On Tuesday both navies began joint "
            "drills off Goa.")
    assert sides(text, geocoder, lexicon) == {"IN", "FR"}


def test_sides_named_in_the_next_sentence_join_the_exercise(geocoder, lexicon):
    text = ("Latvia's army began the Amber Gate 2024 exercise on Monday. Units from Poland "
            "and Lithuania will rehearse river crossings with them.")
    (event,) = events(text, geocoder, lexicon)
    assert (event.name, set(event.participants)) == ("Amber Gate 2024", {"LV", "PL", "LT"})


def test_declining_to_take_part_adds_no_side(geocoder, lexicon):
    text = ("Norway began the winter exercise on Monday. Russia was invited to take part "
            "as an observer but declined.")
    assert sides(text, geocoder, lexicon) == {"NO"}


def test_ships_go_to_the_side_that_fields_them(geocoder, lexicon):
    assert [(n, w) for _, _, n, w in ship_counts("two Japanese destroyers and a US cruiser")
            ] == [(2, "Japanese"), (1, "US")]
    text = ("Iran and Russia began joint naval drills on Monday with four Iranian frigates "
            "and two Russian corvettes.")
    (event,) = events(text, geocoder, lexicon)
    assert dict(event.ships_by_side) == {"IR": 4, "RU": 2}
    assert event.ships.value == 6
    text = "Japan sent two destroyers to shadow the Chinese warships during the drills."
    (event,) = events(text, geocoder, lexicon)
    assert (event.participants, event.ships) == (("CN",), None)


# ----------------------------------------------------------------------------- no event


@pytest.mark.parametrize("text", [
    # not military
    "Pupils at the school held a tsunami evacuation drill on Monday.",
    "Residents joined an earthquake drill in the old town on Sunday.",
    "Firefighters carried out a rescue exercise on the river on Saturday.",
    "The State Highway Patrol closed the road after the storm, officials said.",
    # equipment
    "The ministry gave the army four armoured patrol vehicles and two trucks on Monday.",
    # incidents, interceptions, collisions
    "A coast guard ship made dangerous manoeuvres near the fishing boats on Monday.",
    "Norwegian jets intercepted two Russian bombers on a patrol over the sea on Monday.",
    "A navy frigate collided with a tanker during a patrol in the strait on Monday.",
    # deployments and summits
    "Russia deployed 2,000 more troops to its western border on Monday, officials said.",
    "Defence ministers met at a summit in Oslo on Tuesday to discuss military spending.",
    # an exercise named only in passing, or a generic one
    "The army moved its tanks to the border a year after the Amber Gate 2021 drills, "
    "the military said.",
    "Like last year's naval drills, the deployment worried Lithuania, the army said.",
])
def test_no_event(text, geocoder, lexicon):
    assert events(text, geocoder, lexicon) == []
