"""geo.geometry.borders against an independent brute-force geodesic reference (offline)."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
import shapely
from pyproj import Geod

from geo.errors import GeoError, InvalidCoordinateError, UnknownCountryError
from geo.geometry import borders

GEOD = Geod(ellps="WGS84")

RUZHANY = (52.8658, 24.8914)

# (name, lat, lon)
NAMED_POINTS = [
    ("Ruzhany", *RUZHANY),
    ("Minsk", 53.9023, 27.5619),
    ("Brest", 52.0976, 23.7341),
    ("Gomel", 52.4345, 30.9754),
    ("Mozyr", 52.0495, 29.2456),
    ("Belgorod", 50.5954, 36.5873),
    ("Rostov-on-Don", 47.2357, 39.7015),
    ("Lublin (Poland)", 51.2465, 22.5684),
    ("Rzeszow (Poland)", 50.0412, 21.9991),
    ("Chisinau (Moldova)", 47.0105, 28.8638),
    ("Black Sea", 43.5, 34.0),
    ("Kyiv (inside Ukraine)", 50.4501, 30.5234),
]


def _densified_outline(geom, *, step_deg: float = 0.001,
                       drop_antimeridian: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Every ring of ``geom`` densified to ~100 m in lon/lat: (lon, lat) arrays."""
    lons, lats = [], []
    for ring in shapely.get_rings(shapely.get_parts(geom)):
        xy = shapely.get_coordinates(ring)
        a, b = xy[:-1], xy[1:]
        if drop_antimeridian:  # cuts along +-180 are not borders
            cut = (np.abs(a[:, 0]) > 179.9999999) & (np.abs(b[:, 0]) > 179.9999999)
            a, b = a[~cut], b[~cut]
        for (x0, y0), (x1, y1) in zip(a, b, strict=True):
            n = max(1, math.ceil(max(abs(x1 - x0), abs(y1 - y0)) / step_deg))
            t = np.arange(n + 1) / n
            lons.append(x0 + t * (x1 - x0))
            lats.append(y0 + t * (y1 - y0))
    return np.concatenate(lons), np.concatenate(lats)


@pytest.fixture(scope="module")
def ukraine_reference() -> tuple[np.ndarray, np.ndarray]:
    geom = shapely.from_wkb(shapely.to_wkb(borders.country_geometry("UA")))  # own copy
    return _densified_outline(geom)


def _brute(lat: float, lon: float, ref: tuple[np.ndarray, np.ndarray]):
    rlon, rlat = ref
    _, _, d = GEOD.inv(np.full(rlon.size, lon), np.full(rlon.size, lat), rlon, rlat)
    i = int(np.argmin(d))
    return d[i] / 1000.0, rlat[i], rlon[i]


def _random_points_near_ukraine(n: int, max_km: float, seed: int):
    rng = np.random.default_rng(seed)
    xy = shapely.get_coordinates(borders.country_geometry("UA"))
    pick = xy[rng.integers(0, len(xy), n)]
    lon, lat, _ = GEOD.fwd(pick[:, 0], pick[:, 1], rng.uniform(0, 360, n),
                           rng.uniform(0, max_km * 1000.0, n))
    return lat, lon


def _all_test_points():
    lat_r, lon_r = _random_points_near_ukraine(8, 300.0, seed=20240601)
    named = [(name, lat, lon) for name, lat, lon in NAMED_POINTS]
    rand = [(f"random {i}", float(a), float(o))
            for i, (a, o) in enumerate(zip(lat_r, lon_r, strict=True))]
    return named + rand


ALL_POINTS = _all_test_points()


def test_dataset_constants():
    assert borders.BORDER_DATASET == "Natural Earth 10m admin-0 v5.1.1 (DEU point of view)"
    assert borders.BORDER_DATASET_SHORT == "NE 10m"
    codes = borders.country_codes()
    assert codes == sorted(codes)
    assert {"UA", "BY", "RU", "PL", "FR", "NO", "XK"} <= set(codes)
    assert "-99" not in codes
    assert borders.country_name("ua") == "Ukraine"
    assert borders.country_name("FR") == "France"
    lat, lon = borders.country_label_point("UA")
    assert borders.country_at(lat, lon) == "UA"


def test_country_at():
    lats = [RUZHANY[0], 53.9023, 50.4501, 43.5, float("nan")]
    lons = [RUZHANY[1], 27.5619, 30.5234, 34.0, 30.0]
    assert borders.country_at(lats, lons).tolist() == ["BY", "BY", "UA", None, None]
    assert borders.country_at(*RUZHANY) == "BY"
    assert borders.country_at(float("nan"), float("nan")) is None
    grid = borders.country_at([[53.9023, 50.4501]], [[27.5619, 30.5234]])
    assert grid.shape == (1, 2)
    # Chukotka straddles the antimeridian; the cut is not a border
    assert borders.country_at([67.0, 67.0], [180.0, -180.0]).tolist() == ["RU", "RU"]


@pytest.mark.parametrize(("name", "lat", "lon"), ALL_POINTS, ids=[p[0] for p in ALL_POINTS])
def test_distance_matches_brute_force(name, lat, lon, ukraine_reference):
    ref_km, ref_lat, ref_lon = _brute(lat, lon, ukraine_reference)
    d = borders.border_distance_one(lat, lon, "UA")
    assert d.distance_km == pytest.approx(ref_km, abs=0.5), name
    assert d.distance_km <= ref_km + 1e-6  # the reference only samples the outline
    _, _, gap = GEOD.inv(d.nearest_lon, d.nearest_lat, ref_lon, ref_lat)
    assert gap < 1000.0, name
    # the reported point is at the reported distance and bearing
    az, _, dist = GEOD.inv(lon, lat, d.nearest_lon, d.nearest_lat)
    assert dist / 1000.0 == pytest.approx(d.distance_km, abs=1e-6)
    if d.distance_km > 0:
        assert abs((az - d.bearing_deg + 180.0) % 360.0 - 180.0) < 1e-6
    assert d.inside == (borders.country_at(lat, lon) == "UA")


def test_ruzhany_is_103_km_south_of_ukraine():
    d = borders.border_distance_one(*RUZHANY, "UA")
    assert d.distance_km == pytest.approx(103.0, abs=2.0)  # the article says ~150 km
    assert 135.0 <= d.bearing_deg <= 225.0
    assert not d.inside
    assert borders.country_at(*RUZHANY) == "BY"
    assert d.iso2 == "UA" and d.dataset == borders.BORDER_DATASET
    assert list(d.to_dict()) == ["distance_km", "bearing_deg", "nearest_lat", "nearest_lon",
                                 "inside"]
    json.dumps(d.to_dict(), allow_nan=False)


def test_inside_flags():
    d = borders.border_distance([50.4501, 53.9023], [30.5234, 27.5619], "UA")
    assert d.inside.tolist() == [True, False]
    assert (d.distance_km > 0).all()
    assert borders.border_distance_one(53.9023, 27.5619, "BY").inside


def test_vectorised_equals_scalar():
    lats = np.array([p[1] for p in ALL_POINTS])
    lons = np.array([p[2] for p in ALL_POINTS])
    many = borders.border_distance(lats, lons, "UA")
    assert len(many) == len(ALL_POINTS)
    for i, (lat, lon) in enumerate(zip(lats, lons, strict=True)):
        one = borders.border_distance_one(lat, lon, "UA")
        assert one == many[i]
        assert one.distance_km == pytest.approx(many.distance_km[i], abs=1e-9)
    with pytest.raises(ValueError, match="read-only"):
        many.distance_km[0] = 0.0


def test_threads_give_same_results():
    lat, lon = _random_points_near_ukraine(9000, 200.0, seed=7)
    one = borders.border_distance(lat, lon, "UA", workers=1)
    two = borders.border_distance(lat, lon, "UA", workers=2)
    np.testing.assert_array_equal(one.distance_km, two.distance_km)
    np.testing.assert_array_equal(one.nearest_lat, two.nearest_lat)


def test_nan_propagates():
    d = borders.border_distance([float("nan"), RUZHANY[0], 50.0], [24.0, RUZHANY[1],
                                                                    float("nan")], "UA")
    assert np.isnan(d.distance_km[0]) and np.isnan(d.distance_km[2])
    assert np.isnan(d.bearing_deg[0]) and np.isnan(d.nearest_lat[2])
    assert d.distance_km[1] == pytest.approx(103.0, abs=2.0)
    assert d.inside.tolist() == [False, False, False]
    one = borders.border_distance_one(float("nan"), 1.0, "UA")
    assert math.isnan(one.distance_km)
    assert one.to_dict() == dict.fromkeys(
        ["distance_km", "bearing_deg", "nearest_lat", "nearest_lon", "inside"])


def test_empty_input():
    d = borders.border_distance([], [], "UA")
    assert len(d) == 0 and d.distance_km.shape == (0,)


def test_swapped_coordinates_raise():
    with pytest.raises(InvalidCoordinateError, match="swapped"):
        borders.border_distance_one(95.0, 30.0, "UA")
    with pytest.raises(InvalidCoordinateError, match="swapped"):
        borders.border_distance([50.0, -120.0], [30.0, 40.0], "UA")
    with pytest.raises(InvalidCoordinateError, match="swapped"):
        borders.country_at(95.0, 30.0)
    with pytest.raises(ValueError, match="infinite"):  # also an InvalidCoordinateError
        borders.border_distance_one(50.0, float("inf"), "UA")


def test_unknown_country_raises():
    with pytest.raises(UnknownCountryError, match="XX") as info:
        borders.border_distance_one(50.0, 30.0, "XX")
    assert "UA" in str(info.value)
    assert isinstance(info.value, KeyError) and isinstance(info.value, GeoError)
    with pytest.raises(UnknownCountryError, match="did you mean 'UA'"):
        borders.country_name("UKR")
    with pytest.raises(UnknownCountryError):
        borders.country_geojson("-99")


def test_country_geojson_is_valid_feature():
    for code in ("UA", "RU", "EG", "FR"):
        feature = borders.country_geojson(code)
        assert feature["type"] == "Feature"
        assert feature["properties"]["iso2"] == code
        assert feature["properties"]["name"] == borders.country_name(code)
        assert feature["properties"]["dataset"] == borders.BORDER_DATASET
        geometry = feature["geometry"]
        assert geometry["type"] in ("Polygon", "MultiPolygon")
        shape = shapely.geometry.shape(geometry)
        assert shape.is_valid, code
        assert shape.area == pytest.approx(borders.country_geometry(code).area, rel=0.02)
        json.dumps(feature, allow_nan=False)
    full = borders.country_geojson("UA", simplify_deg=0)
    assert shapely.get_num_coordinates(shapely.geometry.shape(full["geometry"])) > (
        shapely.get_num_coordinates(shapely.geometry.shape(
            borders.country_geojson("UA")["geometry"])))
    with pytest.raises(ValueError, match="simplify_deg"):
        borders.country_geojson("UA", simplify_deg=-1)
    feature = borders.country_geojson("UA")
    feature["properties"]["name"] = "changed"
    assert borders.country_geojson("UA")["properties"]["name"] == "Ukraine"


def test_antimeridian_russia():
    # (lat, lon): inside Chukotka on both sides of the cut, a point near Anadyr,
    # Bering Strait near Uelen
    points = [(67.0, 179.999), (67.0, -179.999), (64.73, 177.5), (66.0, -169.5)]
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    d = borders.border_distance(lats, lons, "RU")
    assert np.isfinite(d.distance_km).all()
    # the antimeridian cut is not a border: points on it are ~75 km from the coast
    assert d.distance_km[0] > 50.0 and d.inside[0] and d.inside[1]
    assert d.distance_km[0] == pytest.approx(d.distance_km[1], abs=0.5)
    assert (d.distance_km < 200.0).all()
    geom = shapely.from_wkb(shapely.to_wkb(borders.country_geometry("RU")))
    geom = shapely.intersection(geom, shapely.box(160, 55, 180, 75)).union(
        shapely.intersection(geom, shapely.box(-180, 55, -160, 75)))
    rlon, rlat = _densified_outline(geom, step_deg=0.002, drop_antimeridian=True)
    # drop the artificial edges created by the clipping boxes
    keep = (rlat > 55.01) & (rlat < 74.99) & ((rlon > 160.01) | (rlon < -160.01))
    ref = (rlon[keep], rlat[keep])
    for i, (lat, lon) in enumerate(points):
        ref_km, _, _ = _brute(lat, lon, ref)
        assert d.distance_km[i] == pytest.approx(ref_km, abs=0.5)


def test_far_points_stay_exact(ukraine_reference):
    # thousands of km away (including beyond the projection's useful range)
    points = [(-33.9, 18.4), (35.7, 139.7), (-45.0, 170.0), (64.1, -21.9)]
    d = borders.border_distance([p[0] for p in points], [p[1] for p in points], "UA")
    for i, (lat, lon) in enumerate(points):
        ref_km, _, _ = _brute(lat, lon, ukraine_reference)
        assert d.distance_km[i] == pytest.approx(ref_km, abs=0.5)


def test_cache_written_and_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("DRILLMAP_CACHE_DIR", str(tmp_path))
    from geo.settings import cache_dir

    assert cache_dir(create=False) == tmp_path
    cold = borders._load_columns()
    files = list(tmp_path.glob("*.npz"))
    assert len(files) == 1
    warm = borders._load_columns()
    assert warm["iso2"] == cold["iso2"] and warm["name"] == cold["name"]
    assert all(shapely.equals_exact(a, b, 0) for a, b in zip(warm["geom"], cold["geom"],
                                                            strict=True))
    files[0].write_bytes(b"not a cache")  # corrupt: rebuilt silently
    again = borders._load_columns()
    assert again["iso2"] == cold["iso2"]
    assert borders._read_cache(files[0], borders._cache_key(borders._zip_path())) is not None


def test_concurrent_callers():
    # GEOS prepared geometries are not thread-safe; borders must not crash or differ
    from concurrent.futures import ThreadPoolExecutor

    rng = np.random.default_rng(3)
    lat = rng.uniform(45.0, 70.0, 6000)
    lon = rng.uniform(20.0, 60.0, 6000)
    serial = borders.border_distance(lat, lon, "RU", workers=1).distance_km
    serial_at = borders.country_at(lat, lon)

    def job(i: int):
        sl = slice(i * 1000, (i + 1) * 1000)
        return (borders.border_distance(lat[sl], lon[sl], "RU", workers=2).distance_km,
                borders.country_at(lat[sl], lon[sl]))

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(job, range(6)))
    np.testing.assert_array_equal(np.concatenate([r[0] for r in results]), serial)
    assert np.concatenate([r[1] for r in results]).tolist() == serial_at.tolist()


def test_two_installations_keep_their_own_cache(tmp_path, monkeypatch):
    # Two virtual environments sharing ~/.cache/drillmap have zips of different times, so
    # different cache keys: each keeps its parse (one file each), neither evicts the other.
    monkeypatch.setenv("DRILLMAP_CACHE_DIR", str(tmp_path))
    parse = borders._parse_zip
    parsed: list[str] = []
    key = "install-a"
    monkeypatch.setattr(borders, "_cache_key", lambda _path: key)
    monkeypatch.setattr(borders, "_parse_zip",
                        lambda path: parsed.append(key) or parse(path))
    first = borders._load_columns()
    key = "install-b"
    borders._load_columns()
    key = "install-a"
    again = borders._load_columns()
    assert parsed == ["install-a", "install-b"]  # the third load read install-a's file
    assert len(list(tmp_path.glob("*.npz"))) == 2
    assert again["iso2"] == first["iso2"]


def test_names_come_from_the_cache_without_outlines(tmp_path, monkeypatch):
    # Naming a country (the app's filters and distances on a cold start whose map comes from
    # a cache) reads the cache's name columns only: no outline is parsed or prepared.
    # A cache folder of its own: the process may have loaded the borders (kept in memory)
    # while another test's cache folder was set, so the default one need not hold the file.
    monkeypatch.setenv("DRILLMAP_CACHE_DIR", str(tmp_path))
    borders._load_columns()  # writes this folder's cache
    full = borders._dataset()
    key = borders._cache_key(borders._zip_path())
    names = borders._read_names(borders._cache_file(key), key)
    assert names is not None
    assert names.names == full.names and names.iso3 == full.iso3
    assert names.names["UA"] == "Ukraine"
    assert borders._read_names(borders._cache_file(key), "another key") is None

    def no_outlines(*_args, **_kwargs):
        raise AssertionError("outlines loaded to name a country")

    borders._names.cache_clear()
    monkeypatch.setattr(borders, "_dataset", no_outlines)
    monkeypatch.setattr(borders, "_load_columns", no_outlines)
    try:
        assert borders.country_name("by") == "Belarus"
        with pytest.raises(UnknownCountryError, match="did you mean 'UA'"):
            borders.country_name("UKR")
    finally:
        borders._names.cache_clear()
