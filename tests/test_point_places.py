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



# Air bases of NATO and Nordic exercises added from airportsdata (ICAO code: lat, lon).
AIR_BASES = {
    "Halli Air Base": ("EFHA", 61.856, 24.7866, "FI"),
    "Malbork Air Base": ("EPMB", 54.0269, 19.1342, "PL"),
    "Mińsk Mazowiecki Air Base": ("EPMM", 52.1955, 21.6559, "PL"),
    "Krzesiny Air Base": ("EPKS", 52.3317, 16.9664, "PL"),
    "Ronneby Air Base": ("ESDF", 56.2667, 15.265, "SE"),
    "Såtenäs Air Base": ("ESIB", 58.4264, 12.7144, "SE"),
    "Karup Air Base": ("EKKA", 56.2975, 9.12463, "DK"),
    "Skrydstrup Air Base": ("EKSP", 55.2256, 9.26393, "DK"),
    "Rygge Air Station": ("ENRY", 59.3789, 10.7856, "NO"),
    "Morón Air Base": ("LEMO", 37.1749, -5.61594, "ES"),
}


@pytest.mark.parametrize("name", sorted(AIR_BASES))
def test_air_base_resolves_by_name_and_alias_at_its_airfield(
        geocoder: OfflineGeocoder, curated_rows: dict[str, CuratedPlace], name: str) -> None:
    icao, lat, lon, cc = AIR_BASES[name]
    row = curated_rows[name]
    assert f"ICAO {icao}" in row.source
    for query in (name, row.aliases[0]):
        place = geocoder.geocode(query)
        assert isinstance(place, Place), query
        assert place.name == name and place.country_code == cc, (query, place)
        assert _km(place.lat, place.lon, lat, lon) < 3, query


def test_a_town_keeps_its_own_place_next_to_its_air_base(geocoder: OfflineGeocoder) -> None:
    """"Ronneby" is the town, not the Kallinge air base a few km away."""
    town = geocoder.geocode("Ronneby")
    assert isinstance(town, Place) and town.name == "Ronneby" and town.country_code == "SE"


# Russian ranges named in Southern Military District and Black Sea Fleet drills: the row
# (cited coordinate) and the bare name news uses.
RANGES = {
    "Prudboy training ground": ("Prudboy", 48.686667, 43.918611),  # ru.wikipedia settlement
    "Opuk training ground": ("Opuk", 45.028611, 36.2225),  # ru.wikipedia Cape Opuk
}


@pytest.mark.parametrize("name", sorted(RANGES))
def test_range_resolves_by_its_bare_name_near_its_cited_coordinate(
        geocoder: OfflineGeocoder, name: str) -> None:
    bare, lat, lon = RANGES[name]
    for query in (name, bare, f"{bare} range"):
        place = geocoder.geocode(query)
        assert isinstance(place, Place), query
        assert place.name == name, (query, place)
        assert _km(place.lat, place.lon, lat, lon) < 3, query
