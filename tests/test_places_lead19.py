"""Place mentions in wording found by the eighth session's new dev articles (issue 9): a
surname after a role noun, before a verb of speaking, is a person; an organisation's own
facility is at no town of the organisation's name. Made-up sentences."""

from __future__ import annotations


def test_a_surname_after_a_role_noun_that_speaks_is_no_town(read) -> None:
    found = read("US ambassador Davies said the exercise was the largest in the region.")
    assert "Davies" not in found


def test_a_place_after_a_role_noun_is_still_a_place(read) -> None:
    found = read("The ambassador Moscow sent said the exercise was large.")
    assert found["Moscow"].place.country_code == "RU"


def test_an_organisations_own_facility_is_no_town_of_its_name(read) -> None:
    found = read("The ships will train at the Nato Training Centre in Varna.")
    assert not any(s.startswith("Nato") for s in found)
    assert found["Varna"].place.country_code == "BG"


def test_a_training_area_named_after_a_town_still_resolves(read) -> None:
    found = read("Troops trained at the Drawsko Pomorskie Training Area.")
    place = found["Drawsko Pomorskie Training Area"].place
    assert abs(place.lat - 53.53) < 0.2 and abs(place.lon - 15.81) < 0.2


def test_northeast_asia_is_one_region_not_a_us_town(read) -> None:
    found = read("Officials said the drills in Northeast Asia worried analysts.")
    assert "Northeast" not in found
    place = found["Northeast Asia"].place
    assert place.kind == "region" and 35 < place.lat < 50 and 115 < place.lon < 140


def test_an_autonomous_republic_called_an_autonomous_region(read) -> None:
    found = read("The drills were held in the Nakhchivan Autonomous Region.")
    place = found["Nakhchivan Autonomous Region"].place
    assert place.kind == "region" and place.country_code == "AZ"
    assert abs(place.lat - 39.2) < 0.5 and abs(place.lon - 45.5) < 0.5
