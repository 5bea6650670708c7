"""Who takes part in an exercise, read by the corpus convention (tests/corpus/README.md,
``participants``; issue 9, sides round 14): the host only when the text says it hosts, the
convention's organisations beside NATO, NATO's members as a whole only when no member is named,
and nationality lists that share a noun.

Every sentence is made up for the test in the style of wire copy; the exercise names are
invented or the real names of recurring exercises.
"""

from __future__ import annotations

import pytest
from event_helpers import read

# ------------------------------------------------------------------ the host, as the text says


@pytest.mark.parametrize("text", [
    "Troops from Poland and France joined the Iron Gate 2024 exercise. Host nation Estonia "
    "deployed 2,000 soldiers.",
    "Troops from Poland and France joined the Iron Gate 2024 exercise on Monday. Estonia, the "
    "host nation, deployed 2,000 soldiers.",
])
def test_a_state_called_the_host_in_a_sentence_of_its_own_is_a_side(text, geocoder, lexicon):
    assert read(text, geocoder, lexicon) == [("Iron Gate 2024", {"EE", "FR", "PL"})]


def test_hosts_named_by_a_plural_nationality_are_a_side(geocoder, lexicon):
    text = ("Troops from Poland and France joined the Iron Gate 2024 exercise, said the "
            "commander, thanking “our hosts, the Estonians”.")
    assert read(text, geocoder, lexicon) == [("Iron Gate 2024", {"EE", "FR", "PL"})]


def test_a_state_held_in_apposition_to_the_drills_site_is_only_the_place(geocoder, lexicon):
    text = ("US troops joined forces from Britain and France in the Swift Gate 2024 exercise "
            "held in NATO’s newest member, North Macedonia.")
    assert read(text, geocoder, lexicon) == [("Swift Gate 2024", {"FR", "GB", "US"})]


# ------------------------------------------------------------------ organisations beside NATO


@pytest.mark.parametrize(("text", "sides"), [
    # the organisation holds the drills
    ("Belarus and Kazakhstan sent special forces to Cobalt-2024, a military exercise "
     "conducted by the Collective Security Treaty Organization (CSTO).", {"BY", "KZ", "CSTO"}),
    # its own force or command takes part
    ("Units from the CSTO’s Collective Rapid Reaction Force began the Rubezh-2024 exercise "
     "with troops from Kazakhstan and Russia.", {"CSTO", "KZ", "RU"}),
    ("The Rubezh-2024 exercise involves troops from Kazakhstan and Russia, along with "
     "representatives from the CSTO Secretariat and Joint Staff.", {"CSTO", "KZ", "RU"}),
    ("Ships from France and the EU Naval Force joined the Cutlass Gate 2024 exercise.",
     {"EU", "FR"}),
    ("The combined group of forces of the Shanghai Cooperation Organization held the Peace "
     "Mission 2024 exercise with troops from China and Russia.", {"SCO", "CN", "RU"}),
])
def test_an_organisation_holding_the_drills_or_sending_its_own_forces_is_a_side(
        text, sides, geocoder, lexicon):
    ((_, found),) = read(text, geocoder, lexicon)
    assert found == sides


@pytest.mark.parametrize(("text", "sides"), [
    # its members are the sides the convention lists
    ("Servicemen from CSTO member states Kazakhstan and Russia began the Rubezh-2024 "
     "exercise.", {"KZ", "RU"}),
    # named for something else
    ("Troops from Kazakhstan and Russia began the Rubezh-2024 exercise as Armenia kept "
     "boycotting all CSTO events.", {"KZ", "RU"}),
    ("The EU imposed sanctions as the Iron Gate 2024 exercise began with troops from Poland.",
     {"PL"}),
])
def test_an_organisation_named_for_its_members_or_something_else_is_no_side(
        text, sides, geocoder, lexicon):
    ((_, found),) = read(text, geocoder, lexicon)
    assert found == sides


# ------------------------------------------------------------------ NATO's members


@pytest.mark.parametrize("text", [
    "NATO allies began the Sabre Gate 2024 exercise on Monday with units from Poland and the "
    "United States.",
    "Units from Poland and the United States began the Sabre Gate 2024 exercise on Monday. "
    "More than 1,700 troops from five NATO allies are taking part in the drills.",
])
def test_nato_members_whose_states_are_named_are_those_states_not_nato(text, geocoder,
                                                                      lexicon):
    """The convention: a drill of NATO members that the text does not present as NATO's has
    no NATO; NATO stands for its members only when the text names none."""
    assert read(text, geocoder, lexicon) == [("Sabre Gate 2024", {"PL", "US"})]


def test_nato_s_planned_exercise_under_a_quoted_name_is_nato_s(geocoder, lexicon):
    text = ("Nearly 10,000 soldiers from 19 nations are taking part in NATO’s planned “Swift "
            "Response” exercises.")
    assert read(text, geocoder, lexicon) == [("Swift Response", {"NATO"})]


# ------------------------------------------------------------------ nationalities sharing a noun


def test_nationalities_before_coordinated_modifiers_of_the_exercise_are_its_sides(
        geocoder, lexicon):
    text = ("On Tuesday, the army announced the start of the joint Egyptian, Greek and Cypriot "
            "naval and air exercises, dubbed “Medusa-10”, which will continue for several days.")
    assert read(text, geocoder, lexicon) == [("Medusa-10", {"CY", "EG", "GR"})]


def test_forces_named_by_nationality_and_listed_in_a_sentence_of_their_own(geocoder, lexicon):
    text = ("The Iron Gate 2024 exercise began in Estonia on Monday. Japanese destroyers, US "
            "Marines and French Rafale jets took part.")
    assert read(text, geocoder, lexicon) == [("Iron Gate 2024", {"FR", "JP", "US"})]


# ------------------------------------------------------------------ observers beside the sides


def test_observers_listed_after_the_forces_are_left_out_and_the_forces_kept(geocoder, lexicon):
    text = ("The Medusa-10 exercise includes elements from the Egyptian, Greek and French air "
            "forces, and Saudi Arabia, Bahrain and Italy as observers.")
    assert read(text, geocoder, lexicon) == [("Medusa-10", {"EG", "FR", "GR"})]


def test_a_sentence_naming_observers_beside_the_forces_still_names_the_sides(geocoder, lexicon):
    text = ("The Medusa-10 exercise began on Tuesday in the Mediterranean. The statement said the "
            "training continues with the participation of elements from the Greek and French "
            "air forces, and each of Saudi Arabia and Italy as observers.")
    assert read(text, geocoder, lexicon) == [("Medusa-10", {"FR", "GR"})]


# ------------------------------------------------------------------ further on in the story


def test_a_state_that_sends_forces_further_on_in_the_story_is_a_side(geocoder, lexicon):
    text = ("The Iron Gate 2024 exercise began on Monday in Estonia. It will run for two weeks. "
            "Officials welcomed the crews. They were old foes. Now they are friends. Japan "
            "brought a ship capable of moving troops. Italy also sent its newest frigate.")
    assert read(text, geocoder, lexicon) == [("Iron Gate 2024", {"IT", "JP"})]


def test_a_state_that_sends_ships_to_watch_the_drills_is_no_side(geocoder, lexicon):
    text = ("The Iron Gate 2024 exercise began on Monday in Estonia. It will run for two weeks. "
            "Officials welcomed the crews. They were old foes. Now they are friends. Russia sent "
            "two warships to monitor the drills.")
    assert read(text, geocoder, lexicon) == [("Iron Gate 2024", set())]


# ------------------------------------------------------------------ one officer, not forces


def test_an_officers_nationality_is_no_side(geocoder, lexicon):
    text = ("NATO on Thursday announced it would launch the Steadfast Gate 2024 exercise. It will "
            "involve units from all 31 NATO member countries plus candidate-member Sweden, U.S. "
            "General Christopher Cavoli, NATO's Supreme Allied Commander Europe, told "
            "journalists.")
    assert read(text, geocoder, lexicon) == [("Steadfast Gate 2024", {"NATO", "SE"})]


def test_an_officer_leading_the_drills_stands_for_their_country(geocoder, lexicon):
    text = ("Ships from Japan joined the RIMPAC 2024 exercise, said U.S. Navy Vice Adm. John "
            "Wade, who is leading RIMPAC.")
    assert read(text, geocoder, lexicon) == [("RIMPAC 2024", {"JP", "US"})]


# ------------------------------------------------------------------ Korean news' short names


def test_the_south_in_korean_news_is_south_korea_and_a_protester_is_no_side(geocoder, lexicon):
    text = ("North Korea fired missiles toward the East Sea, in an apparent protest against the "
            "joint Ulchi Freedom Shield exercise conducted by the militaries of the South and "
            "the US.")
    assert read(text, geocoder, lexicon) == [("Ulchi Freedom Shield", {"KR", "US"})]


def test_a_compass_name_is_no_korea(geocoder, lexicon):
    text = "South Korean and US troops held the Ulchi Gate exercise near the South China Sea."
    assert read(text, geocoder, lexicon) == [("Ulchi Gate", {"KR", "US"})]
