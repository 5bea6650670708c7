"""Point places added to data/places.csv for issue 9 (Acc@25 km): outlying islands of the
Taiwan Strait, a beach-landing training site, the short name of a US Army post and a common
misspelling of a Japanese training area.  Each must geocode, by its name and by the short form
news uses, within a few km of the coordinate its row cites; without the row these resolve to
nothing or to a namesake in another country."""

from __future__ import annotations

import math

import pytest

from geo.geocoders.gazetteer import CuratedPlace, OfflineGeocoder
from geo.model.place import Place


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(a))


# (query as news writes it, expected row, cited lat, cited lon, country)
CASES = (
    ("Wuqiu", "Wuqiu Island", 24.983, 119.45, "TW"),  # atozwiki/Wikipedia 24°58′59″N 119°27′E
    ("Wuqiu Island", "Wuqiu Island", 24.983, 119.45, "TW"),
    ("Dongyin", "Dongyin Island", 26.365778, 120.491889, "TW"),  # Wikipedia infobox
    ("Tungyin Island", "Dongyin Island", 26.365778, 120.491889, "TW"),
    ("La Paz Sand Dunes", "La Paz Sand Dunes", 18.1978, 120.5957, "PH"),  # by Laoag, GN 1707404
    ("Benning", "Fort Benning", 32.366111, -84.969167, "US"),  # not Benning, Washington DC
    ("Hachinoe training area", "Camp Hachinohe", 40.5, 141.5, "JP"),  # misspelt Hachinohe
)


@pytest.mark.parametrize(("query", "row", "lat", "lon", "cc"), CASES)
def test_point_place_geocodes_near_its_cited_coordinate(
        geocoder: OfflineGeocoder, query: str, row: str, lat: float, lon: float,
        cc: str) -> None:
    place = geocoder.geocode(query)
    assert isinstance(place, Place), query
    assert place.name == row and place.country_code == cc, (query, place)
    assert _km(place.lat, place.lon, lat, lon) < 3, (query, place.lat, place.lon)


@pytest.mark.parametrize("name", ["Wuqiu Island", "Dongyin Island", "La Paz Sand Dunes"])
def test_added_point_rows_cite_a_source_and_a_small_precision(
        curated_rows: dict[str, CuratedPlace], name: str) -> None:
    row = curated_rows[name]
    assert row.source.startswith(("http", "GeoNames")), row.source
    assert row.precision_km <= 10 and row.geometry is None

