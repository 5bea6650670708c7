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
