"""Exercise names and sides in news from any theatre (issue 9): rules beyond the dev corpus.

Every sentence is made up for the test in the style of wire copy; the exercise names are
invented unless a rule is about the lexicon's known stems.
"""

from __future__ import annotations

import pytest
from event_helpers import events, named

# ----------------------------------------------------------------------------- names


@pytest.mark.parametrize(("text", "expected"), [
    # a name in single quotes after "dubbed", typographic or straight
    ("The army held exercises dubbed ‘Shield of the Harbour’ with Belarusian forces on Monday.",
     ("Shield of the Harbour", {"BY"})),
    ("The army held exercises dubbed 'Shield of the Harbour' with Belarusian forces on Monday.",
     ("Shield of the Harbour", {"BY"})),
    # a longer name around a known one-word stem ("Dragon") is the name
    ("US Marines and Japanese troops began the Resolute Dragon exercise on Monday.",
     ("Resolute Dragon", {"US", "JP"})),
    # an acronym with an edition number, before or after the exercise word
    ("The Indian Navy and Japanese destroyers held the JIMEX 24 exercise in the bay on Monday.",
     ("JIMEX 24", {"IN", "JP"})),
    ("Indian and Thai warships began exercise SITMEX-2023 off Phuket on Monday.",
     ("SITMEX-2023", {"IN", "TH"})),
    # "first" alone is no civilian actor ("first responders" is)
    ("Japan and the Philippines staged their first joint exercise, called Amber Gate 8, in "
     "Luzon.", ("Amber Gate 8", {"JP", "PH"})),
    # "Exercise" before a name is not part of it
    ("Exercise Amber Gate 2024 brought together air forces from Germany, France and Japan.",
     ("Amber Gate 2024", {"DE", "FR", "JP"})),
    # an edition number with a sub-number; a place as the last word of a longer name
    ("Red Flag Alaska 24-1 drills began with US and Indian air force jets on Monday.",
     ("Red Flag Alaska 24-1", {"US", "IN"})),
    # an outlet's or a place noun's word inside a longer name
    ("Pakistan and China held the Sea Guardian-3 joint naval exercise off Karachi on Monday.",
     ("Sea Guardian-3", {"PK", "CN"})),
    # a name set off by a comma and described as an exercise
    ("Cope Thunder, an air exercise between the Philippine and US air forces, started on "
     "Monday.", ("Cope Thunder", {"PH", "US"})),
    ("The Amber Gate, an annual exercise with Polish troops, began on Monday.",
     ("Amber Gate", {"PL"})),
    # more ways of naming: "code named", "under the codename", "an exercise it called"
    ("Russian forces began drills code named Amber Storm in the Pacific on Monday.",
     ("Amber Storm", {"RU"})),
    ("Chinese forces held exercises under the codename Sharp Sword around the island on "
     "Monday.", ("Sharp Sword", {"CN"})),
    ("The navy began an exercise it called Sea Shield with Romanian ships on Monday.",
     ("Sea Shield", {"RO"})),
    # a longer name after a known one-word stem ("Ocean")
    ("Russian forces began drills code named Ocean Storm in the Pacific on Monday.",
     ("Ocean Storm", {"RU"})),
])
def test_names(text, expected, geocoder, lexicon):
    assert named(text, geocoder, lexicon) == expected


@pytest.mark.parametrize("text", [
    # an alliance or a force with a year
    "The PLA 2024 drills near the island involved Chinese warships on Monday.",
    # a place, a person, a sponsor set off by a comma before a description
    "Pabrade, the site of the drills, lies near the Belarusian border, the army said.",
    "Kovalenko, whose unit joined the drills in May, said the training was hard.",
    "Colonel Petrov, the exercise commander, said 3,000 Russian troops took part.",
    # a place at the start of a name ("Taiwan Strait drills"), a direction and a place
    "The Taiwan Strait drills began on Monday with Chinese warships, officials said.",
])
def test_capitalised_words_that_are_no_names(text, geocoder, lexicon):
    assert all(e.name_basis != "stated" for e in events(text, geocoder, lexicon))


# ----------------------------------------------------------------------------- sides


@pytest.mark.parametrize(("text", "expected"), [
    # the nationality that leads the exercise
    ("The Norwegian-led Polar Lance 2024 exercise drew 20,000 troops on Monday.",
     ("Polar Lance 2024", {"NO"})),
    # NATO's own exercise, its name carrying a year
    ("NATO's Amber Gate 2024 exercise will involve some 90,000 troops from May.",
     ("Amber Gate 2024", {"NATO"})),
    # troops from all the allies: NATO, and the partner named
    ("The Amber Gate 2024 exercise involves 90,000 troops from all 31 NATO allies and Sweden.",
     ("Amber Gate 2024", {"NATO", "SE"})),
    # a force named by its own name after "soldiers of"
    ("Soldiers of the Bundeswehr took part in the Amber Gate 2024 exercise on Monday.",
     ("Amber Gate 2024", {"DE"})),
    # those who protest against the drills are not sides; those who hold them are
    ("Lithuania and Poland protested against the Amber Gate 2024 drills held by Russia and "
     "Belarus.", ("Amber Gate 2024", {"RU", "BY"})),
    # the country whose military tracks the drills watches them
    ("Taiwan's defence ministry said it tracked 21 Chinese warships during the Amber Gate "
     "2024 drills.", ("Amber Gate 2024", {"CN"})),
    ("Taiwan's military said it detected 45 Chinese aircraft during the Amber Gate 2024 "
     "drills.", ("Amber Gate 2024", {"CN"})),
    # observers named after "monitored by" stop at the comma
    ("The drills, monitored by Japan, involved Russian and Chinese warships on Monday.",
     (None, {"RU", "CN"})),
    # a capital in a list before the verb stands for its government
    ("Singapore and India began exercise Amber Gate 2024 in the South China Sea on Monday.",
     ("Amber Gate 2024", {"SG", "IN"})),
    # combining forms open a compound of nationalities
    ("The Sino-Russian naval drills began in the East China Sea on Monday.",
     (None, {"CN", "RU"})),
    ("The Franco-German brigade joined the Amber Gate exercise on Monday.",
     ("Amber Gate", {"FR", "DE"})),
    # a nationality before the singular "exercise"
    ("The joint Russian-Belarusian exercise Amber Gate 2023 began near Brest on Monday.",
     ("Amber Gate 2023", {"RU", "BY"})),
    # "Korean" (of two countries) is never part of the name
    ("The US-South Korean Amber Gate drills began on Monday.", ("Amber Gate", {"US", "KR"})),
    # a capital's forces ("Beijing's warships")
    ("Beijing's warships joined Russian ships for the Amber Gate 2024 exercise.",
     ("Amber Gate 2024", {"CN", "RU"})),
    # a force's official name ending in its country
    ("The Armed Forces of the Philippines and the US military launched the Amber Gate "
     "exercise.", ("Amber Gate", {"PH", "US"})),
])
def test_sides(text, expected, geocoder, lexicon):
    assert named(text, geocoder, lexicon) == expected


@pytest.mark.parametrize("second", [
    # "until" a day and month: the end of the exercise just named, not another one
    "The drills, which also involve small units from Armenia and India, will last until "
    "September 16, the ministry said.",
    # "the 11-day drills", "this year's drills" refer back
    "About 1,000 Armenian and Indian troops are taking part in the 11-day drills.",
    "Armenian and Indian troops are also joining this year's drills, officials said.",
])
def test_a_later_sentence_adds_to_the_named_exercise(second, geocoder, lexicon):
    text = ("Russia and Belarus began the Amber Gate 2024 exercise on Friday, with some "
            "20,000 troops taking part. " + second)
    assert named(text, geocoder, lexicon) == ("Amber Gate 2024", {"RU", "BY", "AM", "IN"})


@pytest.mark.parametrize("second", [
    # countries that voice concern are no sides, a list of them included
    "Lithuania, Latvia and Poland have voiced concern about the drills near their borders.",
    # a foreign ministry speaks for its country, not for its forces
    "Lithuania's foreign ministry said the exercise was a provocation.",
])
def test_reactions_are_no_sides(second, geocoder, lexicon):
    text = ("Russia and Belarus began the Amber Gate 2024 exercise on Friday, with some "
            "20,000 troops taking part. " + second)
    assert named(text, geocoder, lexicon) == ("Amber Gate 2024", {"RU", "BY"})


def test_warned_nato_is_no_exercise(geocoder, lexicon):
    text = "Russia warned NATO countries against holding drills near its borders on Monday."
    assert events(text, geocoder, lexicon) == []


@pytest.mark.parametrize("text", [
    # an exercise named only to date another event ("days after ... wrapped up")
    "North Korea fired a missile into the sea on Thursday. The launch came days after South "
    "Korea and the United States wrapped up their Amber Gate drills.",
    # an unnamed exercise dated only to an earlier year: history in a story about a transit
    "A Japanese destroyer sailed through the strait on Wednesday, the navy said. Last year, "
    "Chinese forces held large-scale drills around the island.",
])
def test_background_exercises_are_not_reported(text, geocoder, lexicon):
    assert events(text, geocoder, lexicon) == []


def test_by_names_a_side_only_after_a_participle_of_holding(geocoder, lexicon):
    text = ("Chinese forces held large-scale drills near the island on Monday after a visit "
            "by US House Speaker Nancy Pelosi.")
    assert named(text, geocoder, lexicon) == (None, {"CN"})
    text = "The naval drills were held by Russia and Iran in the gulf on Monday."
    assert named(text, geocoder, lexicon) == (None, {"RU", "IR"})


@pytest.mark.parametrize(("text", "expected"), [
    ("The Northern Fleet held anti-submarine drills in the Barents Sea on Monday.", {"RU"}),
    ("Units of the Western Military District began snap drills near Pskov on Monday.",
     {"RU"}),
    ("The Eastern Theater Command held joint combat readiness patrols on Monday.", {"CN"}),
    ("USFK and ROK troops held river-crossing drills near Yeoncheon on Monday.", {"US", "KR"}),
    ("The RAAF and the RCAF joined the air exercise over Darwin on Monday.", {"AU", "CA"}),
    ("The Seventh Fleet and the JMSDF held a naval exercise on Monday.", {"US", "JP"}),
    ("The JGSDF and the Royal Marines began a cold-weather exercise on Monday.", {"JP", "GB"}),
])
def test_forces_named_by_their_own_names(text, expected, geocoder, lexicon):
    assert named(text, geocoder, lexicon)[1] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # reacting to the drills is not taking part
    ("Taiwan scrambled jets and deployed missile systems in response to the Chinese drills.",
     {"CN"}),
    ("Taiwan put its forces on high alert as Chinese warships held drills near the island.",
     {"CN"}),
    ("South Korea and the US responded to the North Korean drills by flying bombers over the "
     "peninsula.", {"KP"}),
    # ... but drills held in response to something are the holder's
    ("Russia held snap drills in the Baltic in response to NATO's deployment.", {"RU"}),
    # the alliance as a mock target
    ("Russian jets practised strikes on mock NATO targets during the drills in Belarus.",
     {"RU"}),
])
def test_reactions_and_targets(text, expected, geocoder, lexicon):
    assert named(text, geocoder, lexicon)[1] == expected


def test_a_name_with_a_year_that_begins_in_a_sentence_of_its_own(geocoder, lexicon):
    text = ("Amber Gate 2024 began on Monday near the lake. About 1,000 US and Norwegian troops "
            "take part in the exercise.")
    assert named(text, geocoder, lexicon) == ("Amber Gate 2024", {"US", "NO"})


def test_a_tournament_with_a_year_is_no_exercise_name(geocoder, lexicon):
    text = "Euro 2024 began on Friday in Germany. Police held drills before the tournament."
    assert all(e.name_basis != "stated" for e in events(text, geocoder, lexicon))


@pytest.mark.parametrize("text", [
    "Officials said Russia could use exercises as a cover for an invasion.",
    "China might stage drills around the island after the inauguration, analysts said.",
])
def test_speculation_is_no_exercise(text, geocoder, lexicon):
    assert events(text, geocoder, lexicon) == []


def test_a_possibility_with_a_date_is_still_reported(geocoder, lexicon):
    text = "Russian troops could take part in drills in Belarus on Monday, the ministry said."
    assert named(text, geocoder, lexicon) == (None, {"RU"})


def test_a_known_name_begun_in_an_article_without_an_exercise_word(geocoder, lexicon):
    text = ("The Japanese and US militaries began Keen Sword 25 on Wednesday, with Australian "
            "and British forces also taking part.")
    assert named(text, geocoder, lexicon) == ("Keen Sword 25", {"JP", "US", "AU", "GB"})


def test_a_name_given_in_the_next_sentence_names_the_exercise(geocoder, lexicon):
    text = ("Chinese and Russian warships began joint naval drills in the Sea of Japan on "
            "Monday. The exercise, called Amber Gate-2024, involves four Chinese and six "
            "Russian ships.")
    (event,) = events(text, geocoder, lexicon)
    assert (event.name, set(event.participants)) == ("Amber Gate-2024", {"CN", "RU"})


def test_a_force_reporting_after_a_comma_is_a_source(geocoder, lexicon):
    text = ("Danish, Estonian and German ships take part in the Amber Gate 2024 exercise, the "
            "US Sixth Fleet said.")
    assert named(text, geocoder, lexicon) == ("Amber Gate 2024", {"DK", "EE", "DE"})


def test_counted_nationalities_in_a_list_are_sides(geocoder, lexicon):
    text = "The naval drills involve four Chinese and six Russian ships, the ministry said."
    assert named(text, geocoder, lexicon)[1] == {"CN", "RU"}


def test_names_joined_by_and_are_two_exercises(geocoder, lexicon):
    text = "South Korea and the US held the Amber Gate and Hoguk drills near the border in March."
    assert {(e.name, frozenset(e.participants)) for e in events(text, geocoder, lexicon)} == {
        ("Amber Gate", frozenset({"KR", "US"})), ("Hoguk", frozenset({"KR", "US"}))}
