"""Military sites added to data/places.csv for issue 9 item 4: each resolves by its name and by
an alias to its own row, cites where its coordinate was read, and agrees with the GeoNames record
it cites.  Nothing here touches the network."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from geo.cli import main
from geo.geocoders.gazetteer import (
    CuratedPlace,
    Gazetteer,
    OfflineGeocoder,
)
from geo.model.place import Place

ADDED_SITES = (
    "Vaziani Military Base", "Vaziani Air Base", "Norio training area", "Marneuli air base",
    "Senaki military base", "Alagyaz training ground", "Tsel military base", "Mozdok air base",
    "Lipetsk air base", "Kubinka air base", "Akhtubinsk air base", "Borisoglebsk air base",
    "Millerovo air base", "Primorsko-Akhtarsk air base", "Yelnya military base",
    "Starokostiantyniv air base", "Vasylkiv air base", "Ozerne air base",
    "Sary-Shagan test site", "Baikonur Cosmodrome", "Jiuquan Satellite Launch Center",
    "Su'ao naval base", "Keelung naval base", "Sinpo submarine base", "Komatsu Air Base",
    "Camp Zama", "Camp Ishigaki", "Lumbia Air Base", "Naval Base Camilo Osias",
    "Camp Melchor Dela Cruz", "Mount Bundey Training Area", "Puckapunyal Military Area",
    "HMAS Stirling", "Lavarack Barracks", "Fort Sill", "Fort Polk", "Camp Pendleton",
    "Twentynine Palms", "Lielvārde Air Base", "Redzikowo base", "Nowa Dęba training ground",
    "Żagań training ground", "Ustka range", "Deveselu Military Base", "Babadag training range",
    "Büchel Air Base", "Wildflecken Training Area", "Wunstorf Air Base", "Camp Casey",
    "Yausubetsu training area", "North Fuji maneuver area", "Hijudai maneuver area",
    "Aibano training area", "Nihonbara maneuver area", "Ojojihara maneuver area",
    "Iwate training area", "Camp Hachinohe", "Hachinohe Air Base", "Kamifurano training area",
    "Shimamatsu training area", "Ominato naval base", "Hyakuri Air Base", "Tsuiki Air Base",
    "Hamamatsu Air Base", "Gifu Air Base", "Matsushima Air Base", "Ashiya Air Base",
    "Kasuga Air Base", "Tateyama Air Base", "Rodriguez Live Fire Complex",
    "Seungjin fire training field", "Pyeongtaek naval base", "Donghae naval base",
    "Busan naval base", "Mokpo naval base", "Cheongju Air Base", "Wonju Air Base",
    "Gangneung Air Base", "Jungwon Air Base", "Yecheon Air Base", "Camp Carroll",
    "Lushun naval base", "Zhoushan naval base", "Huludao naval base", "Edelweiss training ground",
    "Ayni air base", "Termez air base", "Karshi-Khanabad Air Base",
)  # fmt: skip

_GEONAMES_CITATION = re.compile(
    r"\(GeoNames (?P<name>[^:]+): (?P<lat>-?[\d.]+), (?P<lon>-?[\d.]+)\)")


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def test_every_added_site_is_a_military_row_once(
        curated_rows: dict[str, CuratedPlace]) -> None:
    assert len(set(ADDED_SITES)) == len(ADDED_SITES) >= 85
    for name in ADDED_SITES:
        assert curated_rows[name].kind in ("military area", "training ground"), name
        assert curated_rows[name].geometry is None and curated_rows[name].aliases, name


@pytest.mark.parametrize("name", ADDED_SITES)
def test_site_resolves_by_name_and_alias_to_its_row(
        geocoder: OfflineGeocoder, curated_rows: dict[str, CuratedPlace], name: str) -> None:
    row = curated_rows[name]
    for query in (row.name, row.aliases[0]):
        place = geocoder.geocode(query)
        assert isinstance(place, Place), query
        assert place.name == row.name, query
        assert place.country_code == row.country_code, query
        assert _km(place.lat, place.lon, row.lat, row.lon) < 5, query


@pytest.mark.parametrize("name", ADDED_SITES)
def test_site_cites_where_its_coordinate_was_read(
        gaz: Gazetteer, curated_rows: dict[str, CuratedPlace], name: str) -> None:
    row = curated_rows[name]
    assert "http" in row.source, row.source
    cited = _GEONAMES_CITATION.search(row.source)
    if row.geonames_id is None:
        assert cited is None  # a page, not GeoNames, gives the coordinate
        return
    assert f"geonames.org/{row.geonames_id} " in row.source
    assert cited is not None
    assert (float(cited["lat"]), float(cited["lon"])) == (row.lat, row.lon)
    records = [gaz.record(rid) for rid in gaz.lookup(cited["name"])]
    record = next(r for r in records if r.geonameid == row.geonames_id)
    assert (record.lat, record.lon) == pytest.approx((row.lat, row.lon), abs=1e-4)


@pytest.mark.parametrize(("query", "name", "lat", "lon"), [
    ("Vaziani drill ground", "Vaziani Military Base", 41.6947, 45.0467),
    ("Suao naval base", "Su'ao naval base", 24.59611, 121.85111),
])
def test_cli_geocodes_an_added_site(cache_root: Path, capsys: pytest.CaptureFixture[str],
                                    query: str, name: str, lat: float, lon: float) -> None:
    assert main(["geocode", query, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["name"] == name
    assert _km(data["lat"], data["lon"], lat, lon) < 1
