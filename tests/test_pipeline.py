"""End-to-end pipeline on the bundled seeds and data: places, distances, claims, GeoJSON."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from shapely.geometry import Point, shape

from geo.analysis.pipeline import build_dataset
from geo.render.tables import places_frame

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def ds():
    return build_dataset()


def test_no_problems_and_counts(ds):
    assert ds.problems == []
    assert len(ds.articles) == 6
    assert len(ds.events) == 14


def test_every_mentioned_place_resolved_or_listed(ds):
    frame = places_frame(ds)
    curated = (ROOT / "data" / "mentions.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert len(frame) == len(curated)  # one row per curated (article, surface): none dropped
    assert set(frame["status"]) <= {"resolved", "unresolved"}
    unresolved = frame[frame["status"] == "unresolved"]
    assert list(unresolved["surface"]) == [m.surface for m in ds.unresolved]
    assert "east of the country" in set(unresolved["surface"])
    # Each mention occurrence carries a span that really is the surface form.
    for m in ds.mentions:
        assert ds.article_by_id[m.article_id].text[m.start:m.end] == m.surface


def test_resolutions(ds):
    stp = ds.mention_place("001", "St. Petersburg")
    assert stp.country_code == "RU"
    assert stp.lat == pytest.approx(59.94, abs=0.2) and stp.lon == pytest.approx(30.31, abs=0.3)
    sea = ds.mention_place("000", "East China Sea")
    assert sea.kind == "sea" and sea.geometry["type"] == "Polygon"
    assert shape(sea.geometry).contains(Point(125.5, 29.5))
    ruzh = ds.mention_place("002", "Ruzhansky training grounds")
    assert ruzh.country_code == "BY" and ruzh.precision_km >= 10
    assert ds.mention_place("001", "Kiev").name == "Kyiv"
    assert ds.mention_place("000", "Belarusian territory").raw["area_iso2"] == "BY"


def test_ruzhany_distance_and_flagged_claim(ds):
    (to_ua,) = [m for m in ds.measurements if m.border_iso2 == "UA"]
    assert to_ua.event_id == "flight-tactical-ruzhansky-2023"
    assert to_ua.distance_km == pytest.approx(103, abs=1.5)
    assert 135 < to_ua.bearing_deg < 225 and not to_ua.inside
    assert {m.border_iso2 for m in ds.measurements} == {"UA", "PL", "LT", "LV"}
    assert to_ua.label.endswith("km to Ukraine (NE 10m)")
    (claim,) = ds.claims
    assert claim.article_id == "002" and claim.reference_iso2 == "UA"
    assert claim.claim.stated_km == 150
    assert claim.verdict.verdict == "flagged"
    assert claim.verdict.computed_km == pytest.approx(to_ua.distance_km)
    assert claim.verdict.direction_ok is True
    assert claim.event_ids == ("flight-tactical-ruzhansky-2023",)
    assert "off by 47 km" in claim.label


def test_geojson_is_rfc7946(ds):
    fc = ds.to_geojson()
    assert fc["type"] == "FeatureCollection"
    events_in_geojson = {f["properties"]["event_id"] for f in fc["features"]}
    assert events_in_geojson == {e.id for e in ds.events}  # unlocated events kept, geometry null
    for f in fc["features"]:
        g = f["geometry"]
        if g is None:
            continue
        if g["type"] == "Point":
            lon, lat = g["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90
        else:
            geom = shape(g)
            assert geom.is_valid
            polygons = geom.geoms if geom.geom_type == "MultiPolygon" else [geom]
            for poly in polygons:
                assert poly.exterior.is_ccw  # RFC 7946 right-hand rule
    ruzh = [f for f in fc["features"] if f["properties"]["event_id"]
            == "flight-tactical-ruzhansky-2023"][0]
    lon, lat = ruzh["geometry"]["coordinates"]
    assert lat == pytest.approx(52.86, abs=0.05) and lon == pytest.approx(24.89, abs=0.05)
    assert {d["border"] for d in ruzh["properties"]["distances"]} == {"UA", "PL", "LT", "LV"}
    belarus = [f for f in fc["features"] if f["properties"]["event_id"]
               == "joint-drills-2022-02"][0]
    assert belarus["geometry"]["type"] in ("Polygon", "MultiPolygon")  # an area, not a pin
    unlocated = [f for f in fc["features"] if f["properties"]["event_id"]
                 == "large-scale-drills-2021-09"]
    assert unlocated[0]["geometry"] is None


def test_article_without_places_yields_no_events_and_no_error(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(ROOT / "seeds" / "002_d51b4040fe36e7af.txt", seeds)
    (seeds / "900_weather.txt").write_text(
        "Mild weather expected\n\nForecasters expect a mild and dry week with light winds.\n",
        encoding="utf-8")
    ds = build_dataset(seeds_dir=seeds)
    assert "900" in ds.article_by_id
    assert not [m for m in ds.mentions if m.article_id == "900"]
    assert not [s for s in ds.sources if s.article_id == "900"]
    # The curated evidence for the missing seed articles is reported, not fatal.
    assert all("article" in p for p in ds.problems)


def test_extra_border_is_measured():
    ds = build_dataset(extra_borders=["RU"])
    ru = [m for m in ds.measurements if m.border_iso2 == "RU"]
    assert len(ru) == 1 and 150 < ru[0].distance_km < 400
