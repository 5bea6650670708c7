"""Sides and names in wording found by probing with made-up sentences in the seventh session
(issue 9): a state that confirms its participation, a later sentence that says until when the
forces train together. Every sentence is made up for the test."""

from __future__ import annotations

from event_helpers import read


def test_states_that_confirm_their_participation_take_part(geocoder, lexicon) -> None:
    text = ("Pakistan is hosting Exercise Desert Shield. Military officers from Bangladesh, "
            "China, India and USA have already confirmed their participation in the exercise.")
    assert read(text, geocoder, lexicon) == [("Desert Shield", {"PK", "BD", "CN", "IN", "US"})]


def test_a_state_that_confirms_the_drills_still_only_reports(geocoder, lexicon) -> None:
    text = ("Russian troops began Exercise Frost Wall near Pskov, Estonia's intelligence "
            "service confirmed on Monday.")
    assert read(text, geocoder, lexicon) == [("Frost Wall", {"RU"})]


def test_training_together_until_a_date_goes_on_with_the_exercise(geocoder, lexicon) -> None:
    text = ("About 1,000 German soldiers deployed to Lithuania for exercise Griffin Storm 23. "
            "Now at the Pabrade training area, the troops will train with their counterparts "
            "from the Lithuanian Army until 7 July.")
    assert read(text, geocoder, lexicon) == [("Griffin Storm 23", {"DE", "LT"})]


def test_an_abbreviated_country_before_a_participle_is_the_country(geocoder, lexicon) -> None:
    text = ("The Indian Air Force is hosting the Tarang Shakti exercise. Phase one of the "
            "exercise will be in "
            "Sulur from August 6-14 with Germany, France, Spain and the UK taking part.")
    assert read(text, geocoder, lexicon) == [("Tarang Shakti", {"IN", "DE", "FR", "ES", "GB"})]


def test_the_alliances_drills_announced_before_its_members_named_exercise_are_one(
        geocoder, lexicon) -> None:
    text = ("NATO will kick off Monday an exercise to defend its northern territory, with "
            "20,000 soldiers from 13 nations. With over 4,000 Finnish soldiers taking part, "
            "the Norway-led Nordic Storm 2024 represents Finland's largest exercise. For "
            "years the drill was called Cold Storm.")
    assert read(text, geocoder, lexicon)[0] == ("Nordic Storm 2024", {"NATO", "NO", "FI"})
