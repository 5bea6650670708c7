"""Exercise names and sides in wording found by probing with made-up sentences (issue 9):
a name stated only in a sentence that does not hold it as an event, names after "opening
of" and "under", and sides that join in a later sentence or "joined by". Every sentence is
made up for the test."""

from __future__ import annotations

from event_helpers import read


def test_the_articles_one_name_names_the_exercise_it_reports(geocoder, lexicon) -> None:
    text = ("Troops arrived in Estonia on Monday ahead of Spring Storm 2024. Estonia's defence "
            "forces said the exercise would start on 15 May with British and French units.")
    assert read(text, geocoder, lexicon) == [("Spring Storm 2024", {"EE", "GB", "FR"})]


def test_a_name_of_another_edition_does_not_name_the_exercise(geocoder, lexicon) -> None:
    text = ("Weeks after Spring Storm 2024, troops arrived in Estonia. Estonia's "
            "defence forces said the exercise would start on 15 May with British units.")
    assert read(text, geocoder, lexicon) == [(None, {"EE", "GB"})]


def test_a_name_of_another_year_does_not_name_the_exercise(geocoder, lexicon) -> None:
    text = ("Veterans of Spring Storm 2019 arrived in Estonia on Monday. Estonia's defence "
            "forces said the exercise would start on 15 May with British units.")
    assert read(text, geocoder, lexicon) == [(None, {"EE", "GB"})]
