"""Hard exercise names and drills that are no exercise, met in unseen news (issue 9, names12).

Every text is made up for the test in the style of wire copy; the exercise names are invented
(they are not in the lexicon), so each case rests on a general rule, named in its comment.
"""

from __future__ import annotations

import pytest
from event_helpers import events, read


def stated(text, geocoder, lexicon) -> list[str]:
    return [name for name, _sides in read(text, geocoder, lexicon) if name]


@pytest.mark.parametrize(("text", "expected"), [
    # "Dubbed X, the wargame ...": the verb that introduces the name is not part of it
    ("Dubbed Amber Falcon 2024, the wargame will begin next week and run until late May. It "
     "will involve troops from Poland and Germany.", "Amber Falcon 2024"),
    # "The annual X event brought together ... aircraft", called an exercise in the next
    # sentence: a named event in a military sentence is the exercise
    ("The annual Silver Heron event brough together maritime patrol aircraft from the Indian "
     "Navy and the US Navy. The aircraft tracked a submarine during the exercise.",
     "Silver Heron"),
    # a numbered name followed by its dates ("at X 75, Dec. 10-16, 2018"): an edition
    ("Soldiers from the U.S. Army discuss plans with the Japan Ground Self Defense Force at "
     "Amber Lantern 75, Dec. 10-16, 2018. The bilateral exercise moves to a new camp each "
     "year.", "Amber Lantern 75"),
    # a code name with an edition in capitals ("codenamed X XLI")
    ("The exercise, codenamed Iron Monsoon XLI, will include a beach landing by marines in "
     "the east of the country.", "Iron Monsoon XLI"),
])
def test_hard_name_forms_are_read(text, expected, geocoder, lexicon) -> None:
    assert stated(text, geocoder, lexicon) == [expected]


def test_named_event_needs_an_exercise_nearby(geocoder, lexicon) -> None:
    # a commemoration with soldiers is an event, not an exercise: no exercise word near it
    text = ("The annual Anzac Heritage event drew veterans and soldiers to the memorial on "
            "Sunday. Wreaths were laid by the governor.")
    assert events(text, geocoder, lexicon) == []


def test_acronym_of_a_dated_long_name_is_that_name(geocoder, lexicon) -> None:
    # "Rim of the Atlantic 2024 is getting underway ... participating in RIMATLANT": the
    # acronym abbreviates the dated name the text opens with; one exercise, named with its year
    text = ("Rim of the Atlantic 2024 is getting underway in the open ocean after a week of "
            "welcome activities, as the largest maritime exercise moves into high gear. Spain "
            "and Portugal are participating in RIMATLANT.")
    assert read(text, geocoder, lexicon) == [("Rim of the Atlantic 2024", {"ES", "PT"})]


def test_acronym_alone_names_its_clause(geocoder, lexicon) -> None:
    # the clause that says who takes part names the exercise only by its acronym: the acronym,
    # written differently from the name it stands for, still makes that clause the exercise's
    text = ("Rim of the Atlantic 2024 is getting underway in the open ocean after a week of "
            "welcome activities. The admiral in charge spoke as the largest maritime exercise "
            "moves into high gear. Belgium and Denmark are participating in RIMATLANT.")
    assert read(text, geocoder, lexicon) == [("Rim of the Atlantic 2024", {"BE", "DK"})]


def test_sentence_adverb_is_no_name(geocoder, lexicon) -> None:
    # "Traditionally, during the exercise, ...": an -ly adverb opening a sentence
    text = ("Russian and Belarusian troops began the Amber Falcon-2021 exercise on Friday. "
            "Traditionally, during the exercise, they test new weapons.")
    assert "Traditionally" not in stated(text, geocoder, lexicon)


@pytest.mark.parametrize("text", [
    # drills as a regime (allowed, restored, normalised, held "in a limited manner"), not an
    # exercise held
    "U.S. troops are now allowed to hold full-scale drills at a firing range in Pocheon, the "
    "defense ministry said Monday. Under the agreement, firing drills at the range had been "
    "fully restored as of Monday, the ministry said. All firing drills by the U.S. troops held "
    "at the range have been normalized.",
    # an opportunity to train is no report of training
    "By positioning these aircraft at forward operating locations like Lask Air Base, American "
    "Air Force personnel have the opportunity to immerse themselves in joint training "
    "exercises alongside their European counterparts.",
])
def test_drills_that_are_not_an_exercise_held(text, geocoder, lexicon) -> None:
    assert events(text, geocoder, lexicon) == []


def test_firing_drills_held_are_still_an_exercise(geocoder, lexicon) -> None:
    text = ("U.S. and South Korean troops held firing drills at a range in Pocheon on Monday, "
            "the defense ministry said.")
    assert len(events(text, geocoder, lexicon)) == 1


def test_exercise_compared_with_by_year_is_not_reported(geocoder, lexicon) -> None:
    # "the biggest since the 1988 Amber Gate drill": an earlier exercise named to compare,
    # its year between "since the" and the name
    text = ("NATO said the deployment of 5,000 troops to Poland is the biggest since the 1988 "
            "Amber Gate drill during the Cold War.")
    assert events(text, geocoder, lexicon) == []


@pytest.mark.parametrize(("text", "expected"), [
    # a bare name after "as part of", "during" or "took part in", in a military article with an
    # exercise word: the exercise it is part of ("as part of Orient Shield", "during Cold
    # Response")
    ("Troops from Japan and the US trained together as part of Amber Shield 24 on Hokkaido, "
     "the army said. The exercise ends on Friday.", "Amber Shield 24"),
    ("Marines from the US and Norway landed near Narvik during Cold Vanguard, the Norwegian "
     "military said. The exercise involves 20,000 troops.", "Cold Vanguard"),
    ("Soldiers from Poland and Lithuania took part in Iron Challenge on Monday. The drills "
     "ended on Friday.", "Iron Challenge"),
])
def test_bare_name_in_context_is_read(text, expected, geocoder, lexicon) -> None:
    assert stated(text, geocoder, lexicon) == [expected]


def test_name_begun_then_described_is_read(geocoder, lexicon) -> None:
    # "began X, a field training exercise": the description after the comma names it, after a
    # verb of starting as after a sentence's start
    text = ("The Japanese and US militaries began Orient Lantern, a field training exercise, "
            "on Monday.")
    assert read(text, geocoder, lexicon) == [("Orient Lantern", {"JP", "US"})]


@pytest.mark.parametrize("text", [
    # holidays, seasons and meetings are no exercises, bare or not
    "Naval exercises near the island were suspended during Golden Week, the navy said.",
    "Troops paraded during Victory Day, the army said, a week after the exercise.",
    "Military drills were cancelled during Lunar New Year, the defence ministry said.",
])
def test_bare_name_in_context_is_not_a_holiday(text, geocoder, lexicon) -> None:
    assert stated(text, geocoder, lexicon) == []
