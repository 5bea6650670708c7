"""Write ``data/natural_earth_physical.csv`` from Natural Earth's physical label layers.

Natural Earth (public domain) names the world's islands, island groups, peninsulas, capes,
mountain ranges, deserts and peaks in three 1:10m layers: ``ne_10m_geography_regions_polys``
(areas), ``ne_10m_geography_regions_points`` (small islands and capes as points) and
``ne_10m_geography_regions_elevation_points`` (peaks). GeoNames'
``cities500`` (our gazetteer) has none of them, so an article's "Lombok", "Tanna island" or
"Borneo" used to be unknown. This script reads local copies of the three GeoJSON files (the
ogr2ogr conversion in github.com/martynafford/natural-earth-geojson, commit 0b9a6ce, files
dated 2017-11-09, Natural Earth 4.0) and writes one row per named feature in the format of
``data/places.csv``, each row naming its layer and feature as its source (the three files:
POLYS, POINTS and PEAKS below):

* the point is the feature's representative point (inside the polygon; shapely's
  ``point_on_surface`` of its largest part) or the label point itself;
* the precision is the distance from that point to the farthest corner of the feature's
  bounding box (at least 5 km), so a large island is never a pin;
* the country is the Natural Earth admin-0 country holding the point (blank offshore).

Run by hand, offline:
    python scripts/build_natural_earth_physical.py POLYS.json POINTS.json PEAKS.json \
        > data/natural_earth_physical.csv
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

import shapely
from pyproj import Geod

from geo.geometry.borders import country_at

_GEOD = Geod(ellps="WGS84")

#: Natural Earth feature classes kept (their kind in the gazetteer). Coasts, plains, basins,
#: "geoareas" and the like are regions of a map label, not places an article locates.
_POLY_CLASSES = {
    "Island": "island",
    "Island group": "island",
    "Peninsula": "region",
    "Pen/cape": "region",
    "Range/mtn": "region",
    "Desert": "region",
}
_POINT_CLASSES = {"island": "island", "island group": "island", "cape": "other"}
#: Peaks of ``ne_10m_geography_regions_elevation_points``, kept only when the name says it is
#: a mountain ("Mt. Pinatubo", "Jebel Toubkal", "Kiska Volcano"): a bare "Tahat" would make
#: a common capitalised word a place.
_PEAK_NAME = re.compile(
    r"\b(?:Mt|Mount|Mont|Monte|Pico|Jabal|Jebel|Djebel|Volcano|Volcán|Pk|Peak)\b")

_POLYS_SOURCE = ("Natural Earth 4.0 10m ne_10m_geography_regions_polys (public domain; GeoJSON "
                 "of github.com/martynafford/natural-earth-geojson 0b9a6ce)")
_PEAKS_SOURCE = ("Natural Earth 4.0 10m ne_10m_geography_regions_elevation_points (public domain; "
                 "GeoJSON of github.com/martynafford/natural-earth-geojson 0b9a6ce)")
_POINTS_SOURCE = ("Natural Earth 4.0 10m ne_10m_geography_regions_points (public domain; GeoJSON "
                  "of github.com/martynafford/natural-earth-geojson 0b9a6ce)")

# Natural Earth abbreviations as a text spells them out.
_EXPANSIONS = (
    (re.compile(r"\bMts\.?$"), "Mountains"),
    (re.compile(r"\bMt\.?$"), "Mountain"),
    (re.compile(r"\bIs\.$"), "Islands"),
    (re.compile(r"\bI\.$"), "Island"),
    (re.compile(r"\bPen\.$"), "Peninsula"),
    (re.compile(r"^I\.\s+"), "Isla "),
    (re.compile(r"^Mt\.?\s+"), "Mount "),
    (re.compile(r"\bPk\.$"), "Peak"),
)


def _title(name: str) -> str:
    """"KOLA PENINSULA" -> "Kola Peninsula" (Natural Earth writes large features in capitals)."""
    if name.upper() != name:
        return name
    return " ".join(w[:1] + w[1:].lower() if w.isalpha() else w.title() for w in name.split())


def _names(*raw: str | None) -> list[str]:
    out: list[str] = []
    for r in raw:
        if not r:
            continue
        for part in re.split(r"\s*[/;]\s*", r):
            name = _title(part.strip())
            if not name:
                continue
            for n in (name, *[p.sub(v, name) for p, v in _EXPANSIONS]):
                if n not in out:
                    out.append(n)
    return out


def _precision_km(lat: float, lon: float, bounds: tuple[float, float, float, float]) -> float:
    minx, miny, maxx, maxy = bounds
    if maxx - minx > 180:  # crosses the antimeridian: the box is the long way round
        return 2000.0
    corners = [(minx, miny), (minx, maxy), (maxx, miny), (maxx, maxy)]
    far = max(_GEOD.inv(lon, lat, x, y)[2] for x, y in corners) / 1000.0
    return round(max(5.0, far), 1)


def _rows(polys: Path, points: Path, peaks: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for n, feat in enumerate(json.loads(polys.read_text(encoding="utf-8"))["features"]):
        p = feat["properties"]
        kind = _POLY_CLASSES.get(p.get("featurecla") or "")
        names = _names(p.get("name"), p.get("namealt"))
        if kind is None or not names or feat.get("geometry") is None:
            continue
        geom = shapely.geometry.shape(feat["geometry"])
        parts = list(getattr(geom, "geoms", [geom]))
        point = max(parts, key=lambda g: g.area).point_on_surface()
        precision = _precision_km(point.y, point.x, geom.bounds)
        source = f"{_POLYS_SOURCE}, feature {n} {p.get('name')!r} ({p.get('featurecla')})"
        rows.append(_row(names, kind, point.y, point.x, precision, source))
    for n, feat in enumerate(json.loads(points.read_text(encoding="utf-8"))["features"]):
        p = feat["properties"]
        kind = _POINT_CLASSES.get(p.get("featurecla") or "")
        names = _names(p.get("name"), p.get("name_alt"))
        if kind is None or not names:
            continue
        lon, lat = feat["geometry"]["coordinates"]
        source = f"{_POINTS_SOURCE}, feature {n} {p.get('name')!r} ({p.get('featurecla')})"
        rows.append(_row(names, kind, lat, lon, 5.0, source))
    for n, feat in enumerate(json.loads(peaks.read_text(encoding="utf-8"))["features"]):
        p = feat["properties"]
        names = _names(p.get("name"), p.get("name_alt"))
        if p.get("featurecla") != "mountain" or not names or not _PEAK_NAME.search(names[0]):
            continue
        lon, lat = feat["geometry"]["coordinates"]
        source = f"{_PEAKS_SOURCE}, feature {n} {p.get('name')!r} (mountain)"
        rows.append(_row(names, "other", lat, lon, 5.0, source))
    rows = _unique(rows)
    codes = country_at([float(r["lat"]) for r in rows], [float(r["lon"]) for r in rows])
    for r, code in zip(rows, codes, strict=True):
        r["country_code"] = code if isinstance(code, str) and len(code) == 2 else ""
    return rows


def _unique(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """One row per name: of features sharing a name (two islands called Flores) the largest
    keeps it, as a gazetteer name must be unique; an alias another row uses is dropped."""
    kept: list[dict[str, str]] = []
    taken: set[str] = set()
    for r in sorted(rows, key=lambda r: -float(r["precision_km"])):
        if r["name"].casefold() in taken:
            continue
        aliases = [a for a in r["aliases"].split("|") if a and a.casefold() not in taken]
        r["aliases"] = "|".join(aliases)
        taken.update(n.casefold() for n in (r["name"], *aliases))
        kept.append(r)
    return sorted(kept, key=lambda r: r["source"])


_ISLAND_WORDS = re.compile(r"\b(?:Islands?|Isles?|Archipelago|Atoll|Reef|Isla|Île|Ilha)\b", re.I)


def _row(names: list[str], kind: str, lat: float, lon: float, precision: float, source: str
         ) -> dict[str, str]:
    if kind == "island":  # "Tanna" is also written "Tanna Island"
        group = "group" in source
        names = names + [f"{n} {'Islands' if group else 'Island'}" for n in names
                         if not _ISLAND_WORDS.search(n)]
    return {"name": names[0], "aliases": "|".join(names[1:]), "kind": kind,
            "lat": f"{lat:.4f}", "lon": f"{lon:.4f}", "country_code": "",
            "precision_km": f"{precision:g}", "geonames_id": "", "polygon_wkt": "",
            "source": source, "note": "a physical feature named by Natural Earth"}


def main(argv: list[str]) -> int:
    """Print the CSV for the three GeoJSON files given."""
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    rows = _rows(Path(argv[0]), Path(argv[1]), Path(argv[2]))
    out = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
    out.writeheader()
    out.writerows(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
