"""Lakes on the basemap: Natural Earth's large lakes are water, not land, on every map."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Point, Polygon

from geo.errors import DataFormatError
from geo.geometry.lakes import load_lakes
from geo.render.maplayers import basemap_cells

#: Open water well inside each lake (lat, lon), read off the lakes' published outlines.
LAKE_POINTS = {"Ladoga": (60.85, 31.5), "Baikal": (53.5, 108.1), "Onega": (61.6, 35.5)}

#: Dry land near those lakes (lat, lon): Saint Petersburg, Irkutsk, Petrozavodsk's hinterland.
LAND_POINTS = {"Saint Petersburg": (59.94, 30.31), "Irkutsk": (52.29, 104.28),
               "Karelia": (62.5, 33.0)}


def _decode(text: str, factor: int) -> list[tuple[float, float]]:
    """Google's encoded polyline (lat, lon order), as ``assets/polyline_decode.js`` reads it."""
    out, i, lat, lon = [], 0, 0, 0
    while i < len(text):
        values = []
        for _ in range(2):
            shift = result = 0
            while True:
                b = ord(text[i]) - 63
                i += 1
                result |= (b & 31) << shift
                shift += 5
                if b < 32:
                    break
            values.append(~(result >> 1) if result & 1 else result >> 1)
        lat += values[0]
        lon += values[1]
        out.append((lon / factor, lat / factor))
    return out


@pytest.fixture(scope="module")
def land() -> shapely.Geometry:
    """Everything the basemap fills as land, decoded from its cells."""
    polygons = []
    for _col, _row, polys in json.loads(basemap_cells()):
        for rings in polys:
            coords = [_decode(r if isinstance(r, str) else r[0], 100) for r in rings]
            polygons.append(Polygon(coords[0], coords[1:]).buffer(0))
    union = shapely.union_all(polygons)
    shapely.prepare(union)
    return union


def test_bundled_lakes_name_their_source_and_are_polygons():
    lakes = load_lakes()
    assert len(lakes) == 25
    names = " ".join(name for name, _ in lakes)
    for lake, (lat, lon) in LAKE_POINTS.items():
        assert lake in names
        assert any(g.contains(Point(lon, lat)) for _, g in lakes), lake


@pytest.mark.parametrize("lake", sorted(LAKE_POINTS))
def test_lakes_are_water_on_the_basemap(land, lake):
    lat, lon = LAKE_POINTS[lake]
    assert not land.contains(Point(lon, lat))


@pytest.mark.parametrize("place", sorted(LAND_POINTS))
def test_the_land_around_them_stays_land(land, place):
    lat, lon = LAND_POINTS[place]
    assert land.contains(Point(lon, lat))


def test_a_malformed_lake_row_is_rejected_with_its_line(tmp_path: Path):
    path = tmp_path / "lakes.csv"
    path.write_text("name,scalerank,wkt,source\n"
                    "Good,0,\"POLYGON ((0 0, 1 0, 1 1, 0 0))\",a cited dataset\n"
                    "Bad,0,\"LINESTRING (0 0, 1 1)\",a cited dataset\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match=r"lakes\.csv, line 3: wkt is not a valid polygon"):
        load_lakes(path)
    path.write_text("name,scalerank,wkt,source\n"
                    "Good,0,\"POLYGON ((0 0, 1 0, 1 1, 0 0))\",\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match="line 2: a lake without its source"):
        load_lakes(path)
