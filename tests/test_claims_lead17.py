"""Distance claims found by probing with made-up sentences (issue 9). Every sentence is made up."""

from __future__ import annotations

import pytest

from geo.extract.claims import find_distance_claims


@pytest.mark.parametrize(("text", "km", "kind", "name"), [
    ("The exercise area lies within a 50-kilometre radius of Kaliningrad.", 50, "point",
     "Kaliningrad"),
    ("The site is 45 km north-west of the capital, Minsk.", 45, "point", "Minsk"),
    ("The village lies around 7 km from the Line of Contact.", 7, "line", "Line of Contact"),
    ("Shells fell 20 kilometres from the front line, officials said.", 20, "line", "front line"),
])
def test_radius_capital_in_apposition_and_front_lines(text, km, kind, name) -> None:
    (claim,) = find_distance_claims(text)
    assert claim.stated_km == pytest.approx(km)
    assert (claim.reference_kind, claim.reference_name) == (kind, name)
