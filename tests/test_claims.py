"""Distance-claim parsing and verdicts."""

from __future__ import annotations

import pytest

from geo.analysis.claims import judge_claim, tolerance_km
from geo.extract.claims import find_distance_claims


@pytest.mark.parametrize(
    ("text", "km", "direction", "reference", "is_border"),
    [
        ("held at the Ruzhansky training grounds in Belarus about 150 kilometers (93 miles) "
         "north of the Ukrainian border.", 150.0, "north", "Ukrainian", True),
        ("The camp is 25 miles from the border with Poland.", 40.2336, "", "Poland", True),
        ("troops massed 40 km from the Polish border", 40.0, "", "Polish", True),
        ("a base some 300 kilometres south-west of Minsk, officials said", 300.0, "southwest",
         "Minsk", False),
        ("It lies 30 km from Ukraine's border.", 30.0, "", "Ukraine", True),
        ("up to 1,200 km from the border", 1200.0, "", "", True),
    ],
)
def test_parse_claims(text, km, direction, reference, is_border):
    (claim,) = find_distance_claims(text)
    assert claim.stated_km == pytest.approx(km, abs=0.01)
    assert claim.direction == direction
    assert claim.reference_name == reference
    assert claim.reference_is_border is is_border
    assert text[claim.start:claim.end] == claim.text


def test_no_claim_in_plain_numbers():
    assert find_distance_claims("Up to 200,000 military personnel and 300 tanks took part.") == []


def test_ruzhany_claim_is_flagged():
    (claim,) = find_distance_claims("about 150 kilometers (93 miles) north of the Ukrainian "
                                    "border")
    verdict = judge_claim(claim, 103.0, site_precision_km=20.0,
                          bearing_site_to_reference_deg=190.0)
    assert verdict.verdict == "flagged"
    assert verdict.difference_km == pytest.approx(-47.0)
    assert verdict.tolerance_km == pytest.approx(15.0 + 20.0)
    assert verdict.direction_ok is True
    assert "off by 47 km" in verdict.explanation


def test_consistent_and_direction_checks():
    (claim,) = find_distance_claims("about 100 km north of the Ukrainian border")
    assert judge_claim(claim, 104.0, bearing_site_to_reference_deg=180.0).verdict == "consistent"
    wrong_side = judge_claim(claim, 104.0, bearing_site_to_reference_deg=0.0)
    assert wrong_side.verdict == "flagged" and wrong_side.direction_ok is False
    (upto,) = find_distance_claims("up to 50 km from the border")
    assert judge_claim(upto, 20.0).verdict == "consistent"
    assert judge_claim(upto, 80.0).verdict == "flagged"


def test_tolerance_rules():
    assert tolerance_km(150, "about") == 15
    assert tolerance_km(50, "about") == 10
    assert tolerance_km(150, "") == 7.5
    assert tolerance_km(150, "about", site_precision_km=20) == 35
