"""Exercise names in the forms armed forces and wire copy give them, and military wording that
reports no exercise (issue 9, names16).

Every text is made up for the test. The names are invented (not in the lexicon or the series
file), so each case rests on a general rule, named in its comment.
"""

from __future__ import annotations

import pytest
from event_helpers import events, read


def stated(text, geocoder, lexicon) -> list[str]:
    return [name for name, _sides in read(text, geocoder, lexicon) if name]


@pytest.mark.parametrize(("text", "expected"), [
    # "Ex" is the exercise word abbreviated: the capitalised words after it are the name,
    # even in a sentence with no other exercise word
    ("March 3 to 9: Ex Granite Heron will test 12 Brigade before its deployment. Troops will "
     "train on the ranges.", ["Granite Heron"]),
    # ... a country after the name's first word is part of it when an edition follows
    ("The Air Force chief visited the air station to meet crews taking part in Ex Tusker "
     "Kenya 19 between Kenya and the US.", ["Tusker Kenya 19"]),
    # a name word may be a possessive ("Exercise Otter’s Reach")
    ("February 2 to 6: Exercise Otter’s Reach will use light armour across the training area "
     "for the brigade's drills.", ["Otter’s Reach"]),
    # the exercise word and the words before it head no name ("Multinational Naval Exercise
    # X 2017" is "X 2017"; "‘Exercise X-40’" is "X-40")
    ("Warships of nine countries arrived in Karachi to participate in Multinational Naval "
     "Exercise Calm Tide 2017, organised by Pakistan Navy.", ["Calm Tide 2017"]),
    ("Bangladesh and the US Navy started a joint drill ‘Exercise Grey Marlin-40’ at the naval "
     "base on Sunday.", ["Grey Marlin-40"]),
    # "dubbed as" names an exercise like "dubbed"; a singular "maneuver" is an exercise word
    ("Iran began war games on Thursday. The commander of the annual maneuver dubbed as "
     "Steel Vow said the drills aimed at improving readiness.", ["Steel Vow"]),
    # quoted names in a list share the exercise word after the last one, one exercise each
    ("Troops of the member states have begun the \"Accord-2024\" command-staff exercises, as "
     "well as the \"Beacon-2024\" and \"Lantern-2024\" special drills in Kyrgyzstan.",
     ["Accord-2024", "Beacon-2024", "Lantern-2024"]),
])
def test_name_forms(text, expected, geocoder, lexicon):
    assert stated(text, geocoder, lexicon) == expected


def test_names_in_a_list_share_the_first_names_sides(geocoder, lexicon):
    # "X exercises, as well as the Y and Z drills": the sides told of X are Y's and Z's too
    text = ("Troops from Russia, Belarus and Kazakhstan have begun the \"Accord-2024\" "
            "command-staff exercises, as well as the \"Beacon-2024\" and \"Lantern-2024\" "
            "special drills in Kyrgyzstan.")
    sides = dict(read(text, geocoder, lexicon))
    assert sides["Beacon-2024"] == sides["Lantern-2024"] == sides["Accord-2024"] \
        == {"RU", "BY", "KZ"}


def test_that_occurred_in_names_what_the_sentence_before_told(geocoder, lexicon):
    # "X and Y forces have exercised together ... That occurred last year in Ex Z": Z is that
    # exercise, with X and Y as its sides
    text = ("Norway hosted a winter exercise with Canada near Bardufoss this week. It was not "
            "the first time Norwegian and Canadian troops have exercised together since the "
            "dispute. That occurred last year in Ex Polar Wren.")
    assert ("Polar Wren", {"NO", "CA"}) in read(text, geocoder, lexicon)


def test_a_spelt_out_acronym_is_no_second_name(geocoder, lexicon):
    # "Coastal Level Readiness and Operational Exercise (COREX)" spells out COREX 2019: one
    # exercise, named COREX 2019, not "Coastal Level Readiness" nor "Operational"
    text = ("The navy chief reviewed the recently concluded annual Coastal Level Readiness and "
            "Operational Exercise (COREX). The review of COREX 2019 examined the conduct of the "
            "exercise, held in February in the Arabian Sea.")
    assert stated(text, geocoder, lexicon) == ["COREX 2019"]


def test_a_ship_is_no_exercise_name(geocoder, lexicon):
    # "the Hassan IV frigate took part in the exercise": the name before a vessel's noun is
    # the ship's
    text = ("The navies of Morocco and Senegal held a joint naval exercise off Dakar on Monday. "
            "Morocco’s Idriss IV frigate took part in the exercise along with a patrol boat.")
    assert "Idriss IV" not in stated(text, geocoder, lexicon)


@pytest.mark.parametrize("text", [
    # what a place is used for, not drills held
    "The island is often used for military exercises by the Japanese Self-Defense Forces.",
    ("The spy ship was seen near the area where the US Navy conducts training exercises, "
     "officials said."),
    # ... or what such ships do
    ("The Leonov is among several Russian intelligence ships that monitor NATO naval drills "
     "and U.S. missile tests."),
    # the past perfect tells what came before the news
    ("The Russian frigate had taken part in naval exercises in the Baltic Sea before it "
     "sailed through the English Channel on Tuesday, escorted by a British destroyer."),
    # a trend, not one exercise
    "Russia's military has stepped up patrols and exercises near NATO countries in recent years.",
    # more patrols, no one patrol
    ("The U.S. Navy's Second Fleet has increased patrols in the Atlantic in response to "
     "Russian submarine activity."),
    # ... or what has been done before
    "Beijing has previously held large-scale drills around Taiwan after such visits.",
    # an agreement to hold drills some day, not drills a force plans
    "The two leaders agreed to hold joint military exercises next year.",
    # a past told as background
    ("Moscow has deployed the spy ship to the Caribbean in the past, including for joint drills "
     "with Venezuela's navy."),
])
def test_military_wording_that_reports_no_exercise(text, geocoder, lexicon):
    assert events(text, geocoder, lexicon) == []


@pytest.mark.parametrize(("text", "expected"), [
    # a dated name with "of" inside holds the shorter dated name at its end
    ("The Shield of Resolve 2019 exercises took place at the air base near the Black Sea, "
     "with troops from Romania and the US.", ["Shield of Resolve 2019"]),
    # an edition number with a decimal part ("17.1": a year's first edition)
    ("A total of 500 troops from eight countries participate in the Copper Falcon 18.1 "
     "military training exercise in Galati county.", ["Copper Falcon 18.1"]),
    # a name set off by "called" after the exercise word and a few words about it
    ("Its annual joint military exercises with Mongolia, called Amber Steppe, will this year "
     "take place in mid-August.", ["Amber Steppe"]),
    # a quoted name with a year that officers begin observing
    ("Some 40 military officers from 24 countries began observing \"Iron Steppe 2005\" in "
     "north China, the agency reported. The war games involve 16,000 soldiers.",
     ["Iron Steppe 2005"]),
])
def test_more_name_forms(text, expected, geocoder, lexicon):
    assert stated(text, geocoder, lexicon) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # capitals with a roman-numeral edition after "exercise" ("exercise UNITAS LX")
    ("Navies from 15 countries began the multinational exercise TRITON LX off the coast of "
     "Chile on Monday.", ["TRITON LX"]),
    # a quoted name after a singular "maneuver"
    ("The large-scale maneuver “Baltic Gate” began on Monday with ships from Germany, Poland "
     "and Denmark.", ["Baltic Gate"]),
    # "summertime" between a name and the exercise word
    ("South Korea and the US began their annual Ulchi Iron Shield summertime exercise on "
     "Monday.", ["Ulchi Iron Shield"]),
    # "Operation" heading a name in capitals, as releases write it
    ("Britain and France began a naval exercise in the Channel on Monday. Operation PROSPERITY "
     "SHIELD runs until Friday with ships from both navies.", ["PROSPERITY SHIELD"]),
    # a name in apposition to the exercise word, set off by commas
    ("Indian and French navies began the 21st edition of their bilateral exercise, Varuna "
     "Shield, off Goa on Monday.", ["Varuna Shield"]),
    # ... but not a source set off by commas
    ("The navy held the exercise, Russia said, near the coast of Crimea on Monday.", []),
])
def test_names_in_capitals_and_apposition(text, expected, geocoder, lexicon):
    assert stated(text, geocoder, lexicon) == expected


def test_its_after_a_semicolon_is_the_previous_clauses_subject(geocoder, lexicon):
    # "Russia's turn will come ...; its annual exercises with Mongolia ...": Russia is a side
    text = ("Russia's turn will come in a few weeks; its annual joint military exercises with "
            "Mongolia, called Amber Steppe, will this year take place in mid-August.")
    assert ("Amber Steppe", {"RU", "MN"}) in read(text, geocoder, lexicon)


def test_a_date_of_another_year_than_the_names_is_not_the_exercises(geocoder, lexicon):
    # "X 2024 took place at the base, which ... under an agreement signed in Dec. 2022":
    # December 2022 dates the agreement
    text = ("The Shield of Resolve 2024 exercises took place at the air base near the Black Sea, "
            "which the U.S. military uses under a 10-year agreement signed by the U.S. "
            "Secretary of State and the former Romanian Foreign Minister in Dec. 2022.")
    (event,) = events(text, geocoder, lexicon)
    assert event.start.value is None or event.start.value.year == 2024


@pytest.mark.parametrize(("text", "expected"), [
    # series from data/exercise_series.csv (each row cites a page): an acronym without an
    # edition, a name with a country in it
    ("The Indian Navy's annual TROPEX exercise began in the Arabian Sea on Monday with ships, "
     "submarines and aircraft.", ["TROPEX"]),
    ("Air forces of India and the United States began exercise Cope India at the Kalaikunda "
     "air base on Monday.", ["Cope India"]),
])
def test_series_names_without_an_edition(text, expected, geocoder, lexicon):
    assert stated(text, geocoder, lexicon) == expected
