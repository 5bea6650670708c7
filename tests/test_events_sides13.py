"""Who takes part in an exercise: NATO's forces whose countries are listed, and the rival
presence the drills answer (issue 9, sides round 13).

Every sentence is made up for the test in the style of wire copy; the exercise names are
invented or the real names of recurring exercises.
"""

from __future__ import annotations

from event_helpers import read

# ------------------------------------------------------------------ NATO as the members named


def test_nato_soldiers_from_listed_countries_are_those_members(geocoder, lexicon):
    text = ("Around 1,000 NATO soldiers from Albania, the Czech Republic and Canada are taking "
            "part in the Summer Shield exercise in Latvia.")
    assert read(text, geocoder, lexicon) == [("Summer Shield", {"AL", "CA", "CZ"})]


def test_nato_troops_from_listed_countries_in_a_sentence_of_their_own(geocoder, lexicon):
    text = ("The Iron Gate 2024 exercise began on Monday in Estonia. More than 2,000 NATO "
            "troops from Poland, Denmark and France are taking part.")
    assert read(text, geocoder, lexicon) == [("Iron Gate 2024", {"DK", "FR", "PL"})]


def test_nato_forces_alone_still_make_nato_a_side(geocoder, lexicon):
    text = "NATO troops began the Iron Gate 2024 exercise in Estonia on Monday."
    assert read(text, geocoder, lexicon) == [("Iron Gate 2024", {"NATO"})]


# ------------------------------------------------------------------ what the drills answer


def test_the_presence_the_drills_respond_to_is_not_a_side(geocoder, lexicon):
    text = ("China and Russia began the Joint Sea-2024 exercise on Monday. The joint exercises "
            "serve as a display of their partnership, with analysts viewing it as a response "
            "to the escalating US military presence in the area.")
    assert read(text, geocoder, lexicon) == [("Joint Sea-2024", {"CN", "RU"})]


def test_drills_held_in_response_to_a_rivals_deployment_are_not_its_drills(geocoder, lexicon):
    text = ("China and Russia began the Joint Sea-2024 exercise on Monday in response to the "
            "US military presence in the area.")
    assert read(text, geocoder, lexicon) == [("Joint Sea-2024", {"CN", "RU"})]


def test_the_drills_a_country_responds_to_keep_their_sides(geocoder, lexicon):
    text = "The Philippines scrambled jets in response to the Chinese Strait Thunder drills."
    assert read(text, geocoder, lexicon) == [("Strait Thunder", {"CN"})]


def test_a_nato_treaty_article_is_not_the_alliance_taking_part(geocoder, lexicon):
    text = ("Around 1,800 troops from Bulgaria, Canada and Spain are taking part in the Iron "
            "Gate 2024 exercise in Romania. The exercise aims to certify the brigade "
            "headquarters by executing a NATO Article 5 operation over assigned forces.")
    assert read(text, geocoder, lexicon) == [("Iron Gate 2024", {"BG", "CA", "ES"})]



# ----------------------------------------------------- sides in a sentence on the series


def test_troops_listed_beside_the_annual_series_take_part_in_the_drill(geocoder, lexicon):
    text = ("The Platinum Eagle 2017 drill began on Monday. The drill is part of the annual "
            "exercise, and the troops come from Bulgaria, Serbia and Slovenia.")
    assert read(text, geocoder, lexicon) == [("Platinum Eagle 2017", {"BG", "RS", "SI"})]


def test_another_countrys_annual_drills_add_no_sides(geocoder, lexicon):
    text = ("Romania and Bulgaria began the Iron Gate 2024 drill on Monday. Russia and Belarus "
            "hold annual exercises of their own.")
    assert read(text, geocoder, lexicon) == [("Iron Gate 2024", {"BG", "RO"})]


# ------------------------------------------------------------------ a place's name is no exercise


def test_a_stem_ending_a_seas_name_starts_no_exercise(geocoder, lexicon):
    text = ("Sailors have started the maritime Exercise Cutlass Express. The exercise aims to "
            "help East African and Indian Ocean nations fight piracy. Nations taking part in "
            "the exercise include Australia, Canada and Kenya.")
    assert read(text, geocoder, lexicon) == [("Cutlass Express", {"AU", "CA", "KE"})]


def test_the_stem_with_its_year_is_still_an_exercise(geocoder, lexicon):
    text = "Russian warships began the Ocean-2024 exercise in the Pacific Ocean on Monday."
    assert read(text, geocoder, lexicon) == [("Ocean-2024", {"RU"})]


# ------------------------------------------------- drills called part of the named one


def test_drills_called_a_highlight_of_the_named_exercise_give_it_their_sides(geocoder, lexicon):
    text = ("Jordanian artillery fired on the targets.\n\nThis combined live-fire exercise was "
            "among the highlights of Eager Lion 17, the exercise held annually in Jordan.\n\n"
            "\u201cIt\u2019s been a great exercise to test the interoperability between the "
            "American Army and Italian forces,\u201d said the battalion commander.")
    assert read(text, geocoder, lexicon) == [("Eager Lion 17", {"IT", "JO", "US"})]


def test_a_rivals_drills_told_apart_stay_apart(geocoder, lexicon):
    text = ("Russian warships held drills in the Baltic Sea on Monday. Poland and Lithuania "
            "began the Iron Gate 2024 exercise on Tuesday.")
    assert ("Iron Gate 2024", {"LT", "PL"}) in read(text, geocoder, lexicon)


# ------------------------------------------------------------------ the other party of a dispute


def test_the_country_the_waters_are_disputed_with_is_not_a_side(geocoder, lexicon):
    text = ("Indonesia will hold the Armada Jaya 2024 naval exercise off Borneo, including in "
            "waters disputed with neighbouring Malaysia, a navy spokesman said.")
    assert read(text, geocoder, lexicon) == [("Armada Jaya 2024", {"ID"})]


def test_a_partner_named_after_the_dispute_is_still_a_side(geocoder, lexicon):
    text = ("The Philippines and Japan began the Kamandag 2024 exercise in waters disputed "
            "with China, and Australian troops joined them.")
    assert read(text, geocoder, lexicon) == [("Kamandag 2024", {"AU", "JP", "PH"})]
