"""Distance claims in wording found by the eighth session's new dev articles (issue 9): a
stretch of a border or line is no distance from it. Made-up sentences."""

from __future__ import annotations

from geo.extract.claims import find_distance_claims


def _texts(text: str) -> list[str]:
    return [c.text for c in find_distance_claims(text)]


def test_a_stretch_of_a_line_is_no_distance_from_it() -> None:
    text = ("The country shares a 900-km-long border with its neighbour, of which 120 km of the "
            "IB and 340 km of the LoC fall in the northern province.")
    assert _texts(text) == []


def test_a_stretch_of_the_border_is_no_distance_from_it() -> None:
    assert _texts("About 80 km of the border runs through the marshes.") == []


def test_within_or_a_direction_still_locates() -> None:
    assert _texts("Troops came within 5 km of the Military Demarcation Line.") == [
        "within 5 km of the Military Demarcation Line"]
    assert _texts("The drills were held 40 km south of the border.") == [
        "40 km south of the border"]


def test_a_town_after_a_comma_is_still_a_distance_from_it() -> None:
    assert _texts("The unit is based at the airfield in Hisor district, 30 kilometers of "
                  "Dushanbe.") == ["30 kilometers of Dushanbe"]
