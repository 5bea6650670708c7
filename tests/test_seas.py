"""Seas, gulfs, straits and channels added to data/places.csv for issue 9 item 4: each resolves by
its name and every alias to its own row, cites where its point was read, and its point lies in the
water (off every country of Natural Earth's admin-0, the outlines distances are measured to).
Nothing here touches the network."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely

from geo.cli import main
from geo.geocoders.gazetteer import (
    CuratedPlace,
    OfflineGeocoder,
)
from geo.geometry import borders
from geo.model.place import Place

ADDED_WATERS = (
    "Gulf of Aden", "Red Sea", "Gulf of Guinea", "Gulf of Thailand", "Java Sea", "Gulf of Mexico",
    "Sea of Japan", "Mediterranean Sea", "Aegean Sea", "Adriatic Sea", "Ionian Sea",
    "Tyrrhenian Sea", "Ligurian Sea", "Balearic Sea", "Sea of Marmara", "Celtic Sea", "Irish Sea",
    "Bay of Biscay", "North Channel", "St George's Channel", "Strait of Dover", "Gulf of Bothnia",
    "Strait of Sicily", "Gulf of Sidra", "Gulf of Suez", "Laccadive Sea", "Gulf of Mannar",
    "Palk Strait", "Strait of Malacca", "Singapore Strait", "Sunda Strait", "Lombok Strait",
    "Makassar Strait", "Karimata Strait", "Bali Sea", "Banda Sea", "Arafura Sea", "Timor Sea",
    "Solomon Sea", "Bismarck Sea", "Gulf of Carpentaria", "Torres Strait", "Bass Strait",
    "Great Australian Bight", "Mozambique Channel", "Gulf of Alaska", "Gulf of California",
    "Gulf of St. Lawrence", "Hudson Bay", "Hudson Strait", "Baffin Bay", "Davis Strait",
    "Beaufort Sea", "Laptev Sea", "Lincoln Sea", "Yucatan Channel", "Straits of Florida",
    "Windward Passage", "Mona Passage", "Gulf of Panama", "Drake Passage", "Scotia Sea",
    "Korea Bay", "Bohai Sea", "Seto Inland Sea", "Jeju Strait", "Osumi Strait", "Balabac Strait",
    "Mindoro Strait", "San Bernardino Strait", "Surigao Strait", "Verde Island Passage",
    "Sibutu Passage", "Basilan Strait", "Balintang Channel", "Babuyan Channel", "Ombai Strait",
    "Wetar Strait", "Kythira Strait", "Strait of Belle Isle", "Cabot Strait",
    "Strait of Juan de Fuca", "Great Channel", "Strait of Tiran", "Pentland Firth", "Sargasso Sea",
    "Ross Sea", "Weddell Sea",
    "Alboran Sea", "Strait of Messina", "Miyako Strait",
)  # fmt: skip


@pytest.fixture(scope="module")
def land() -> shapely.STRtree:
    return shapely.STRtree([borders.country_geometry(code) for code in borders.country_codes()])


def _on_land(land: shapely.STRtree, lat: float, lon: float) -> bool:
    return len(land.query(shapely.Point(lon, lat), predicate="within")) > 0


def test_every_added_water_is_a_sea_or_strait_row_once(
        curated_rows: dict[str, CuratedPlace]) -> None:
    assert len(set(ADDED_WATERS)) == len(ADDED_WATERS) >= 85
    for name in ADDED_WATERS:
        row = curated_rows[name]
        assert row.kind in ("sea", "water"), name
        assert row.country_code == "" and row.geometry is None, name
        assert "http" in row.source and row.precision_km >= 10, name


@pytest.mark.parametrize("name", ADDED_WATERS)
def test_water_resolves_by_name_and_every_alias_to_its_row(
        geocoder: OfflineGeocoder, curated_rows: dict[str, CuratedPlace], name: str) -> None:
    row = curated_rows[name]
    for query in (row.name, *row.aliases):
        place = geocoder.geocode(query)
        assert isinstance(place, Place), query
        assert (place.name, place.kind) == (row.name, row.kind), query
        assert (place.lat, place.lon) == pytest.approx((row.lat, row.lon)), query


def test_every_added_water_point_lies_off_land(
        curated_rows: dict[str, CuratedPlace], land: shapely.STRtree) -> None:
    on_land = [name for name in ADDED_WATERS
               if _on_land(land, curated_rows[name].lat, curated_rows[name].lon)]
    assert on_land == []


def test_an_inland_point_would_be_caught(land: shapely.STRtree) -> None:
    """The check above can fail: Kakhovka Reservoir's point (an inland water) is land here."""
    assert _on_land(land, 47.467, 34.167)
    assert not _on_land(land, 12.0, 48.0)  # the Gulf of Aden


@pytest.mark.parametrize(("query", "name", "lat", "lon"), [
    ("Gulf of Aden", "Gulf of Aden", 12.0, 48.0),
    ("East Sea", "Sea of Japan", 40.0, 135.0),
    ("Malacca Strait", "Strait of Malacca", 2.5, 101.33),
])
def test_cli_geocodes_an_added_water(cache_root: Path, capsys: pytest.CaptureFixture[str],
                                     query: str, name: str, lat: float, lon: float) -> None:
    assert main(["geocode", query, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["name"], data["kind"]) == (name, "sea" if "Strait" not in name else "water")
    assert (data["lat"], data["lon"]) == pytest.approx((lat, lon))
