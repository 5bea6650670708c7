"""Exercise names and sides in longer articles (issue 9): second names, observers, hosts.

Every sentence is made up for the test in the style of wire copy; the exercise names are
invented unless a rule is about the lexicon's known stems ("Union Shield").
"""

from __future__ import annotations

import pytest
from event_helpers import read

# ----------------------------------------------------------------------------- names


def test_quoted_name_with_a_comma_inside_the_quotes(geocoder, lexicon):
    text = ('Greek and Italian frigates took part in the naval exercise "Aegean Wave 24," led '
            'by the Greek navy, on Monday.')
    assert read(text, geocoder, lexicon) == [("Aegean Wave 24", {"GR", "IT"})]


def test_known_stem_with_a_spaced_hyphen_before_its_year(geocoder, lexicon):
    text = "Russian and Belarusian troops ended the Union Shield - 2025 drills on Friday."
    assert read(text, geocoder, lexicon) == [("Union Shield 2025", {"RU", "BY"})]


def test_the_name_with_its_year_wins_over_the_bare_stem_said_first(geocoder, lexicon):
    text = ("Union Shield ended on Friday with Russian and Belarusian troops. The "
            "Union Shield-2025 drills involved 8,000 troops.")
    assert read(text, geocoder, lexicon) == [("Union Shield-2025", {"RU", "BY"})]


def test_an_exercise_word_inside_a_place_name_makes_no_exercise_name(geocoder, lexicon):
    text = "US and Georgian troops trained at the Krasno drill ground on Monday."
    assert read(text, geocoder, lexicon) == [(None, {"US", "GE"})]


def test_a_second_name_in_the_sentence_is_its_own_exercise_with_its_own_sides(
        geocoder, lexicon):
    text = ("Polish and Lithuanian troops began the Iron Lance 24 exercise on Monday to prepare "
            "for the NATO exercise Amber Crest, which will be held in October.")
    assert read(text, geocoder, lexicon) == [("Iron Lance 24", {"PL", "LT"}),
                                             ("Amber Crest", {"NATO"})]


def test_a_second_name_in_passing_does_not_inherit_the_first_ones_sides(geocoder, lexicon):
    text = ("Russian and Belarusian troops began the Union Shield 2025 drills on Monday, which "
            "are larger than the Zapad 2021 exercise.")
    assert read(text, geocoder, lexicon) == [("Union Shield 2025", {"RU", "BY"}),
                                             ("Zapad 2021", set())]


# ----------------------------------------------------------------------------- sides


def test_this_years_edition_refers_to_the_exercise_just_reported(geocoder, lexicon):
    text = ('Romanian warships took part, between April 1-10, in the exercise "Sea Shield 24" '
            'led by the Bulgarian navy. "At this year\'s edition of the "Shield" exercise, the '
            'troops on the "Regele" frigate trained together with officers from Greece and '
            'Turkey," the navy said.')
    assert read(text, geocoder, lexicon) == [("Sea Shield 24", {"RO", "BG", "GR", "TR"})]


def test_staff_from_countries_are_sides(geocoder, lexicon):
    text = ("The Sea Shield 24 exercise brought together naval staff from Albania, Belgium "
            "and France.")
    assert read(text, geocoder, lexicon) == [("Sea Shield 24", {"AL", "BE", "FR"})]


def test_a_following_sentence_saying_what_the_force_includes_adds_sides(geocoder, lexicon):
    text = ("Russia and Kazakhstan began the Steppe Bond 2024 exercise on Monday. The combined "
            "force includes servicemen of Kyrgyzstan and Tajikistan.")
    assert read(text, geocoder, lexicon) == [("Steppe Bond 2024", {"RU", "KZ", "KG", "TJ"})]


def test_an_incident_that_involves_ships_adds_no_sides(geocoder, lexicon):
    text = ("Russia and Kazakhstan began the Steppe Bond 2024 exercise on Monday. A collision "
            "nearby involved Chinese fishing vessels.")
    assert read(text, geocoder, lexicon) == [("Steppe Bond 2024", {"RU", "KZ"})]


@pytest.mark.parametrize("observers", [
    "Attachés from 20 countries attended as observers of the drills, including Germany, Canada "
    "and Norway.",
    "The drills were attended by observers from Germany, Canada and Norway.",
])
def test_countries_listed_after_observers_are_not_sides(observers, geocoder, lexicon):
    text = "Troops from Russia, Belarus and Serbia began the Slavic Bond 2024 drills on Monday. "
    assert read(text + observers, geocoder, lexicon) == [("Slavic Bond 2024",
                                                          {"RU", "BY", "RS"})]


def test_observers_who_report_do_not_hide_the_sides(geocoder, lexicon):
    text = "Observers said Russia and Belarus held the Slavic Bond 2024 drills on Monday."
    assert read(text, geocoder, lexicon) == [("Slavic Bond 2024", {"RU", "BY"})]


# ----------------------------------------------------------------------------- more names


@pytest.mark.parametrize(("text", "name"), [
    ("Troops from Poland and Germany joined the Iron Gate exercise on Monday.", "Iron Gate"),
    ("NATO allies began the Northern Star exercise on Monday.", "Northern Star"),
])
def test_a_name_of_ordinary_words_before_an_exercise_word(text, name, geocoder, lexicon):
    ((found, _),) = read(text, geocoder, lexicon)
    assert found == name


@pytest.mark.parametrize("text", [
    "Chinese troops began the Joint Strategic drills on Monday.",
    "Russian sailors held the Navy Day drills on Sunday.",
])
def test_descriptive_capitalised_words_are_no_name(text, geocoder, lexicon):
    ((found, _),) = read(text, geocoder, lexicon)
    assert found is None


# ----------------------------------------------------------------------------- targets, hosts


def test_a_country_the_drills_encircled_is_a_target(geocoder, lexicon):
    text = "Chinese warships and jets encircled Taiwan in the Joint Sword exercise on Monday."
    assert read(text, geocoder, lexicon) == [("Joint Sword", {"CN"})]


@pytest.mark.parametrize(("text", "sides"), [
    ("The Union Shield 2024 drills will take place in Belarus in September with Russian troops.",
     {"RU"}),
    ("US troops began the Baltic Guard 2024 exercise on Monday in Estonia.", {"US"}),
    ("About 20,000 troops will take part in the Polar Lynx 2024 exercise in Norway, Sweden "
     "and Finland.", set()),
])
def test_a_country_that_is_only_where_the_exercise_is_held_is_no_side(text, sides, geocoder,
                                                                      lexicon):
    """The corpus convention (tests/corpus/README.md): the host counts when the text says it
    hosts, leads or organises the drill or that its forces take part, not for the place."""
    ((_, found),) = read(text, geocoder, lexicon)
    assert found == sides


@pytest.mark.parametrize("text", [
    "Russian and Chinese troops began the Eastern Bond 2024 drills on Monday amid Russia's war "
    "in Ukraine.",
    "Russian and Chinese troops began the Eastern Bond 2024 drills in Japan's economic zone on "
    "Monday.",
])
def test_a_country_that_is_only_where_something_else_happens_is_no_host(text, geocoder,
                                                                       lexicon):
    ((_, found),) = read(text, geocoder, lexicon)
    assert found == {"RU", "CN"}


def test_an_earlier_editions_host_does_not_join_this_one(geocoder, lexicon):
    text = ("Chilean, Peruvian and US ships began the Unitas Sur 2024 exercise on Monday. The "
            "first Unitas Sur exercise was held in Venezuela in 1960.")
    assert read(text, geocoder, lexicon) == [("Unitas Sur 2024", {"CL", "PE", "US"})]


@pytest.mark.parametrize("text", [
    "The Baltic Guard 2024 exercise began on Monday in Estonia, which borders Russia.",
    "The Baltic Guard 2024 exercise began on Monday in Estonia, a former Soviet republic that "
    "Russia occupied in 1940.",
])
def test_what_the_host_country_is_names_no_side(text, geocoder, lexicon):
    assert read(text, geocoder, lexicon) == [("Baltic Guard 2024", set())]


# ----------------------------------------------------------------------------- NATO


def test_nato_s_largest_exercise_is_nato_s(geocoder, lexicon):
    text = "The Steadfast Shield exercise, NATO's largest this year, began in Poland on Monday."
    assert read(text, geocoder, lexicon) == [("Steadfast Shield", {"NATO"})]


def test_the_alliance_is_nato_in_an_article_that_names_nato(geocoder, lexicon):
    text = ("The alliance's Iron Lattice 2024 exercise began in Latvia on Monday. NATO said "
            "9,000 troops took part.")
    assert read(text, geocoder, lexicon) == [("Iron Lattice 2024", {"NATO"})]


def test_the_alliance_is_not_nato_in_an_article_that_never_names_it(geocoder, lexicon):
    text = "The alliance's Iron Lattice 2024 exercise began in Latvia on Monday."
    assert read(text, geocoder, lexicon) == [("Iron Lattice 2024", set())]


# ----------------------------------------------------------------------------- staying out


def test_a_country_that_does_not_take_part_is_no_side(geocoder, lexicon):
    text = ("Armenian troops did not take part in the Eternal Brotherhood 2024 exercise, which "
            "Kazakhstan and Kyrgyzstan held on Monday.")
    assert read(text, geocoder, lexicon) == [("Eternal Brotherhood 2024", {"KZ", "KG"})]


def test_closing_a_border_ahead_of_the_drills_is_a_reaction(geocoder, lexicon):
    text = ("Russia and Belarus started the Zapad-2025 drills on Friday. Poland closed its border "
            "with Belarus and Lithuania raised its alert level ahead of the drills.")
    assert read(text, geocoder, lexicon) == [("Zapad-2025", {"RU", "BY"})]


def test_forces_of_a_country_are_its_forces(geocoder, lexicon):
    text = "Forces of Kazakhstan, Kyrgyzstan and Tajikistan began the Steppe Shield 2024 drills."
    assert read(text, geocoder, lexicon) == [("Steppe Shield 2024", {"KZ", "KG", "TJ"})]


# ----------------------------------------------------------------------------- more sides


def test_forces_in_the_target_country_make_it_no_host(geocoder, lexicon):
    text = ("The PLA Eastern Theater Command said the Strait Hammer-2025B drills were a stern "
            "warning to separatist forces in Taiwan.")
    assert read(text, geocoder, lexicon) == [("Strait Hammer-2025B", {"CN"})]


def test_a_country_that_joins_the_exercise_is_a_side(geocoder, lexicon):
    text = ("The Iron Lattice 2024 exercise began on Monday with Polish troops. Sweden is "
            "joining the exercise for the first time.")
    assert read(text, geocoder, lexicon) == [("Iron Lattice 2024", {"PL", "SE"})]


def test_a_country_taking_part_as_an_observer_is_no_side(geocoder, lexicon):
    text = ("The Iron Lattice 2024 exercise began on Monday with Polish troops, with Sweden "
            "taking part as an observer.")
    assert read(text, geocoder, lexicon) == [("Iron Lattice 2024", {"PL"})]


def test_others_scrambling_jets_after_a_joint_patrol_is_no_incident(geocoder, lexicon):
    text = ("Russian and Chinese bombers flew a joint patrol over the Sea of Japan on Tuesday, "
            "prompting Japan and South Korea to scramble fighter jets.")
    assert read(text, geocoder, lexicon) == [(None, {"RU", "CN"})]


def test_a_coast_guard_patrol_that_intercepted_a_boat_is_still_no_exercise(geocoder, lexicon):
    text = "A Chinese coast guard patrol intercepted a Philippine supply boat on Tuesday."
    assert read(text, geocoder, lexicon) == []


def test_what_a_country_does_during_others_exercise_makes_it_no_side(geocoder, lexicon):
    text = ("North Korea fired artillery near the border during the Crimson Shield exercise of "
            "South Korea and the United States.")
    assert read(text, geocoder, lexicon) == [("Crimson Shield", {"KR", "US"})]


def test_a_name_only_the_headline_states_names_the_exercise_the_body_reports(geocoder,
                                                                             lexicon):
    text = ("Russia, China start Joint Sea-2021 naval drills\nRussian and Chinese warships began "
            "joint naval exercises in the Sea of Japan on Thursday, the Russian defence ministry "
            "said.")
    assert read(text, geocoder, lexicon) == [("Joint Sea-2021", {"RU", "CN"})]


def test_a_headline_name_is_not_given_to_a_body_exercise_named_otherwise(geocoder, lexicon):
    text = ("Russia, China start Joint Sea-2021 naval drills\nRussian and Chinese warships began "
            "the Northern Bond 2021 exercise on Thursday.")
    assert read(text, geocoder, lexicon) == [("Northern Bond 2021", {"RU", "CN"})]


@pytest.mark.parametrize("text", [
    "Chinese and Russian warships held the Joint Sea-2024 drills on Monday. The drills, which "
    "Japan and the US see as a threat, lasted three days.",
    "Chinese and Russian warships held the Joint Sea-2024 drills off Japan on Monday, angering "
    "the United States.",
])
def test_who_sees_the_drills_as_a_threat_or_is_angered_by_them_is_no_side(text, geocoder,
                                                                          lexicon):
    assert read(text, geocoder, lexicon) == [("Joint Sea-2024", {"CN", "RU"})]


@pytest.mark.parametrize("text", [
    "The Iron Lattice 2024 exercise began on Monday. Among the participants are Poland, "
    "Lithuania and Latvia.",
    "Poland is leading the Iron Lattice 2024 exercise, which also involves Lithuania and Latvia.",
])
def test_participants_named_as_such_and_the_leading_country(text, geocoder, lexicon):
    assert read(text, geocoder, lexicon) == [("Iron Lattice 2024", {"PL", "LT", "LV"})]


def test_foreign_observers_watching_do_not_hide_the_side_that_drills(geocoder, lexicon):
    text = "Taiwan's military began the Jade Lion exercise on Monday with US observers watching."
    assert read(text, geocoder, lexicon) == [("Jade Lion", {"TW"})]



@pytest.mark.parametrize(("text", "name"), [
    # an ordinary word joined to a year right before an exercise word
    ("Russian troops started the Center-2019 strategic exercise on Monday.", "Center-2019"),
    # an edition number in Roman numerals
    ("Pakistani and Chinese troops began the Warrior-VIII exercise on Monday.", "Warrior-VIII"),
])
def test_dated_and_numbered_names(text, name, geocoder, lexicon):
    ((found, _),) = read(text, geocoder, lexicon)
    assert found == name


def test_an_ordinary_word_and_a_year_without_an_exercise_word_after_is_no_name(geocoder,
                                                                               lexicon):
    text = "Russian troops held drills on Monday, Center-2019 officials said."
    ((found, _),) = read(text, geocoder, lexicon)
    assert found is None


@pytest.mark.parametrize("text", [
    "NATO said on Monday that 10,000 troops from 12 allies will take part in the Iron Lattice "
    "2024 exercise in Latvia.",
    "The Iron Lattice 2024 exercise in Latvia brings together 10,000 allied troops, NATO said.",
])
def test_allied_troops_are_nato_in_an_article_that_names_nato(text, geocoder, lexicon):
    assert read(text, geocoder, lexicon) == [("Iron Lattice 2024", {"NATO"})]


def test_allied_troops_are_not_nato_in_an_article_that_never_names_it(geocoder, lexicon):
    text = "US and allied troops began the Iron Lattice 2024 exercise in Latvia."
    assert read(text, geocoder, lexicon) == [("Iron Lattice 2024", {"US"})]
