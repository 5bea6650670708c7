"""Place mentions in wording found by the eighth session's new dev articles (issue 9): a
surname after a role noun, before a verb of speaking, is a person. Made-up sentences."""

from __future__ import annotations


def test_a_surname_after_a_role_noun_that_speaks_is_no_town(read) -> None:
    found = read("US ambassador Davies said the exercise was the largest in the region.")
    assert "Davies" not in found


def test_a_place_after_a_role_noun_is_still_a_place(read) -> None:
    found = read("The ambassador Moscow sent said the exercise was large.")
    assert found["Moscow"].place.country_code == "RU"
