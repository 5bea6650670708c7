"""Places found by probing with made-up sentences (issue 9). Every sentence is made up."""

from __future__ import annotations

import pytest
from geopy.distance import geodesic

from geo.extract.mentions import extract_mentions


@pytest.mark.parametrize("text", [
    "The live-fire drills were held off Pingtan island in Fujian province.",
    "Chinese forces drilled near Pingtan, the closest point to Taiwan.",
])
def test_pingtan_is_the_fujian_island_not_the_chongqing_town(text, geocoder, lexicon) -> None:
    """Wikipedia's coordinate of the county seat, Tancheng, on the island: 25.49861, 119.79028."""
    (pingtan,) = [m for m in extract_mentions(text, geocoder, lexicon)
                  if m.surface.startswith("Pingtan")]
    assert pingtan.place is not None
    assert geodesic((pingtan.place.lat, pingtan.place.lon), (25.49861, 119.79028)).km < 20
