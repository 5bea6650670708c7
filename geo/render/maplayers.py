"""Map layers for large maps: the packed event layer and the cell basemap."""

from __future__ import annotations

import base64
import gc
import hashlib
import json
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Any

from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from geo.geometry import borders
from geo.model.dataset import Dataset, is_area, place_geometry
from geo.settings import cache_dir

__all__ = [
    "CellBasemap",
    "CompactEvents",
    "ReadySignal",
    "basemap_cells",
    "encode_geometry",
    "encode_ring",
    "pack_events",
]


# Bump when the packed formats change: cached basemaps are keyed by it.
_FORMAT_VERSION = "3"


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


#: The JavaScript decoder for :func:`encode_ring` (Google's polyline algorithm, lat/lon order).
_DECODE_JS = """
window.drillmapDecode = window.drillmapDecode || function (str, factor) {
  var out = [], i = 0, lat = 0, lon = 0;
  while (i < str.length) {
    var b, shift = 0, result = 0;
    do { b = str.charCodeAt(i++) - 63; result |= (b & 31) << shift; shift += 5; } while (b >= 32);
    lat += (result & 1) ? ~(result >> 1) : (result >> 1);
    shift = 0; result = 0;
    do { b = str.charCodeAt(i++) - 63; result |= (b & 31) << shift; shift += 5; } while (b >= 32);
    lon += (result & 1) ? ~(result >> 1) : (result >> 1);
    out.push([lat / factor, lon / factor]);
  }
  return out;
};
window.drillmapPolygons = window.drillmapPolygons || function (polys, factor) {
  return polys.map(function (rings) {
    return rings.map(function (r) { return window.drillmapDecode(r, factor); });
  });
};
"""


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
    """Every Natural Earth country, simplified, cut into grid cells and encoded, as JSON text.

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
    import math

    import shapely
    from shapely.geometry import shape

    key = hashlib.sha256(f"{borders.BORDER_DATASET}|{cell_deg}|{simplify_deg}|{precision}|"
                         f"{_FORMAT_VERSION}".encode()).hexdigest()[:16]
    path = cache_dir() / f"basemap-cells-{key}.json"
    if path.is_file():
        return path.read_text(encoding="utf-8")
    factor = 10 ** precision
    cells: dict[tuple[int, int], list[Any]] = {}
    for iso2 in borders.country_codes():
        geom = shape(borders.country_geojson(iso2, simplify_deg=simplify_deg)["geometry"])
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


# --------------------------------------------------------------------------- layers
class CellBasemap(MacroElement):
    """The :func:`basemap_cells` basemap: non-interactive, on a canvas, drawn cell by cell.

    Cells are decoded and drawn for the map's view once the page's script has run (so an
    export framed with ``fitBounds`` draws only its region) and on every ``moveend`` after,
    for the cells that came into view.

    Parameters
    ----------
    data
        JSON text from :func:`basemap_cells`.
    cell_deg, precision
        The parameters the cells were made with.
    fill, outline
        Fill colour of land and colour of country outlines.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.decoder }}
        var {{ this.get_name() }} = L.featureGroup();
        (function () {
            var group = {{ this.get_name() }}, cells = {{ this.data }}, drawn = {};
            var S = {{ this.cell_deg }}, F = {{ this.factor }};
            var renderer = L.canvas({padding: 0.5});
            // A stroke in the fill colour covers the hairline seams between cells.
            var fill = {renderer: renderer, interactive: false, color: {{ this.fill|tojson }},
                        weight: 1, fillColor: {{ this.fill|tojson }}, fillOpacity: 1};
            var line = {renderer: renderer, interactive: false,
                        color: {{ this.outline|tojson }}, weight: 0.8};
            function ring(r, lines) {
                var cuts = typeof r === "string" ? [] : r[1];
                var pts = window.drillmapDecode(typeof r === "string" ? r : r[0], F);
                var run = [pts[0]];
                for (var i = 0; i + 1 < pts.length; i++) {
                    if (cuts.indexOf(i) >= 0) {
                        if (run.length > 1) { lines.push(run); }
                        run = [pts[i + 1]];
                    } else {
                        run.push(pts[i + 1]);
                    }
                }
                if (run.length > 1) { lines.push(run); }
                return pts;
            }
            function draw() {
                var map = group._map;
                if (!map) { return; }
                var view = map.getBounds().pad(0.5), added = false;
                for (var i = 0; i < cells.length; i++) {
                    var c = cells[i], fills = [], lines = [];
                    if (drawn[i] || !view.intersects([[c[1] * S, c[0] * S],
                                                      [(c[1] + 1) * S, (c[0] + 1) * S]])) {
                        continue;
                    }
                    drawn[i] = added = true;
                    for (var k = 0; k < c[2].length; k++) {
                        fills.push(c[2][k].map(function (r) { return ring(r, lines); }));
                    }
                    // One layer per cell: a canvas path with thousands of rings closes slowly.
                    if (fills.length) { L.polygon(fills, fill).addTo(group); }
                    if (lines.length) { L.polyline(lines, line).addTo(group); }
                }
                if (!added) { return; }
                group.eachLayer(function (l) { if (l instanceof L.Polyline &&
                    !(l instanceof L.Polygon)) { l.bringToFront(); } });
            }
            var listening = false;
            group.on("add", function () {
                // After the rest of the page's script (layers, fitBounds) has run.
                Promise.resolve().then(draw);
                if (!listening) { group._map.on("moveend", draw); listening = true; }
            });
        })();
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, data: str, *, cell_deg: int = 10, precision: int = 2,
                 fill: str = "#efebe2", outline: str = "#ffffff"):
        super().__init__()
        self._name = "CellBasemap"
        self.data = data
        self.cell_deg = int(cell_deg)
        self.factor = 10 ** precision
        self.fill = fill
        self.outline = outline
        self.decoder = _DECODE_JS

    def render(self, **kwargs: Any) -> None:
        """Add the script without branca's second template pass (see :class:`_RawScript`)."""
        figure = self.get_root()
        if not isinstance(figure, Figure):
            msg = "CompactEvents must be added to a map inside a Figure before rendering"
            raise TypeError(msg)
        script = self._template.module.__dict__["script"]
        figure.script.add_child(_RawScript(script(self, kwargs)), name=self.get_name())


class ReadySignal(MacroElement):
    """Mark the page ready once the map is drawn: ``window.drillmapReady`` and ``data-ready``.

    Add it to the map last. Leaflet draws vector layers synchronously (SVG) or in the next
    animation frame (canvas); waiting for the promises in ``window.drillmapPending`` (data
    unpacked asynchronously), the web fonts and two frames after the map's ``whenReady``
    covers all of them. A layer that fails sets ``window.drillmapError``. The map must set
    its view without animation (exports use ``fitBounds(..., {animate: false})``), otherwise
    the signal would come mid-zoom.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            function mark() {
                window.drillmapReady = true;
                map.getContainer().setAttribute("data-ready", "true");
                document.documentElement.setAttribute("data-drillmap-ready", "true");
            }
            function twoFrames() {
                requestAnimationFrame(function () { requestAnimationFrame(mark); });
            }
            map.whenReady(function () {
                // Layers that unpack their data asynchronously register a promise here.
                var pending = Promise.all(window.drillmapPending || []);
                var fonts = document.fonts && document.fonts.ready;
                pending.then(function () { return fonts; }).then(twoFrames, twoFrames);
            });
        })();
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "ReadySignal"


# --------------------------------------------------------------------------- many events
@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (packing 10,000 events allocates ~100,000 lists).

    None of them form reference cycles, but each allocation burst triggers collections that
    rescan the whole dataset: about a quarter of the packing time for a large export.
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
    """Pack events, places, quotes and border distances into compact JSON-ready lists.

    Repeated strings (type/category/status, participants, the tail of distance labels) go
    into tables, and a distance refers to its site by index. The lookups are indexed once
    (the :class:`~geo.pipeline.Dataset` helpers scan every row per call, which is quadratic
    for 10,000 events).

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
        ``[colours, dashes, articles, areas, events, measurements, metas, participants,
        label_tails]``; see :class:`CompactEvents` for the layout of each row. A list, not a
        dict, so the JSON has no structural braces (see :func:`_js_json`).
    """
    with _gc_paused():
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
    wanted = set(event_ids)
    place_of: dict[tuple[str, str], Any] = {}
    for mention in ds.mentions:
        if mention.place is not None:
            place_of.setdefault((mention.article_id, mention.surface), mention.place)
    places: dict[str, list[Any]] = {}
    for ep in ds.event_places:
        if ep.event_id in wanted:
            places.setdefault(ep.event_id, []).append(ep)
    sources: dict[str, list[Any]] = {}
    for s in ds.sources:
        if s.event_id in wanted:
            sources.setdefault(s.event_id, []).append(s)

    colours: dict[str, int] = {}
    dashes: dict[str, int] = {}
    metas: dict[str, int] = {}
    parts: dict[str, int] = {}
    tails: dict[str, int] = {}
    articles: dict[str, int] = {}
    areas: dict[str, int] = {}
    area_rows: list[list[list[str]]] = []
    article_rows: list[list[str]] = []
    index: dict[str, int] = {}
    point_index: dict[tuple[str, str], int] = {}
    rows: list[list[Any]] = []
    for event_id in event_ids:
        e = ds.event_by_id[event_id]
        colour, dash = style_of(event_id)
        quotes = []
        for s in sources.get(event_id, ()):
            if s.article_id not in articles:
                a = ds.article_by_id.get(s.article_id)
                articles[s.article_id] = len(article_rows)
                article_rows.append([s.article_id, a.title if a else s.article_id,
                                     (a.published_label if a else "") or "undated"])
            quotes.append([articles[s.article_id], s.quote])
        points, shapes = [], []
        for ep in places.get(event_id, ()):
            place = place_of.get((ep.article_id, ep.surface))
            if place is None:
                continue
            if is_area(place):
                key = place.name + "|" + str((place.raw or {}).get("area_iso2", ""))
                if key not in areas:
                    areas[key] = len(area_rows)
                    area_rows.append(encode_geometry(place_geometry(place), precision=3))
                shapes.append([areas[key], ep.surface])
            else:
                point_index.setdefault((event_id, ep.surface), len(points))
                points.append([round(place.lat, precision), round(place.lon, precision),
                               1 if ep.role == "announced_at" else 0, ep.surface])
        force = "; ".join(f"{k.replace('_', ' ')}: {v}" for k, v in e.force_figures().items())
        index[event_id] = len(rows)
        meta = f"{e.type} · {e.category} · {e.status}"
        rows.append([e.id, e.name, colours.setdefault(colour, len(colours)),
                     dashes.setdefault(dash, len(dashes)), metas.setdefault(meta, len(metas)),
                     e.dates_label, parts.setdefault(", ".join(e.participants), len(parts)),
                     force, quotes, points, shapes])
    measures = []
    if show_measurements:
        for x in ds.measurements:
            if x.event_id not in index:
                continue
            label, flagged = measurement_label(x)
            head, sep, tail = label.partition(" km ")
            site: int | list[float] = point_index.get(
                (x.event_id, x.surface), [round(x.lat, precision), round(x.lon, precision)])
            measures.append([index[x.event_id], site, round(x.nearest_lat, precision),
                             round(x.nearest_lon, precision), head,
                             tails.setdefault(sep + tail, len(tails)), 1 if flagged else 0])
    return [list(colours), list(dashes), article_rows, area_rows, rows, measures, list(metas),
            list(parts), list(tails)]


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
    """Every event of a big map in one layer, styled from packed data (see :func:`pack_events`).

    ``packed`` is ``[c, d, a, g, e, m, metas, participants, tails]``. Rows of ``e``:
    ``[id, name, colour, dash, meta, dates, participants, force, [[article, quote], ...],
    [[lat, lon, announced, surface], ...], [[area, surface], ...]]`` (colour, dash, meta,
    participants, article and area are indexes into their tables). Rows of ``m``:
    ``[event, site, nearest_lat, nearest_lon, label_head, label_tail, flagged]`` where
    ``site`` indexes the event's points (or is ``[lat, lon]``) and the label is
    ``head + tails[label_tail]``.

    Sites are canvas circle markers and areas canvas polygons (class names do not reach a
    canvas; the per-object path keeps ``drillmap-event-<id>``); distance labels are permanent
    only up to ``label_limit`` lines, tooltips beyond. Popups are built from text nodes when
    opened and end with ``event id: <id>`` like the per-object path's.

    Above ``compress_above`` bytes of JSON the data is deflated (zlib level 1: four times as
    fast as level 6 for a fifth more bytes) and base64-encoded, about 40 % of the JSON for
    article text, and unpacked in the page with the standard ``DecompressionStream``; the
    page's readiness signal waits for it. Below, it is plain JSON.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.decoder }}
        (function () {
            var map = {{ this._parent.get_name() }};
            function draw(P) {
            var D = {c: P[0], d: P[1], a: P[2], g: P[3], e: P[4], m: P[5], meta: P[6],
                     part: P[7], tail: P[8]};
            var canvas = L.canvas({padding: 0.3});
            var sites = L.featureGroup(), lines = L.featureGroup();
            function el(tag, cls, text) {
                var n = document.createElement(tag);
                if (cls) { n.className = cls; }
                if (text !== undefined) { n.textContent = text; }
                return n;
            }
            function label(m) { return m[4] + D.tail[m[5]]; }
            function popup(i) {
                return function () {
                    var e = D.e[i], box = el("div", "drillmap-popup");
                    box.setAttribute("data-event-id", e[0]);
                    box.appendChild(el("h4", "", e[1]));
                    box.appendChild(el("div", "", D.meta[e[4]]));
                    box.appendChild(el("div", "", "Dates: " + e[5]));
                    box.appendChild(el("div", "", "Participants: " + D.part[e[6]]));
                    if (e[7]) { box.appendChild(el("div", "", e[7])); }
                    (D.byEvent[i] || []).forEach(function (m) {
                        box.appendChild(el("div", "", label(m)));
                    });
                    e[8].forEach(function (q) {
                        var a = D.a[q[0]], bq = el("blockquote", "", "\u201c" + q[1] + "\u201d");
                        bq.appendChild(el("div", "src",
                            "article " + a[0] + " \u00b7 " + a[1] + " \u00b7 " + a[2]));
                        box.appendChild(bq);
                    });
                    box.appendChild(el("div", "src", "event id: " + e[0]));
                    return box;
                };
            }
            D.byEvent = {};
            D.m.forEach(function (m) { (D.byEvent[m[0]] = D.byEvent[m[0]] || []).push(m); });
            var areas = D.g.map(function (g) { return window.drillmapPolygons(g, 1000); });
            D.e.forEach(function (e, i) {
                var colour = D.c[e[2]], dash = D.d[e[3]] || null;
                e[10].forEach(function (s) {
                    L.polygon(areas[s[0]], {renderer: canvas, color: colour, weight: 1.5,
                        dashArray: dash, fillColor: colour, fillOpacity: 0.12})
                     .bindTooltip(e[1] + " \u2014 " + s[1]).bindPopup(popup(i), {maxWidth: 420})
                     .addTo(sites);
                });
                e[9].forEach(function (p) {
                    var announced = p[2] === 1;
                    L.circleMarker([p[0], p[1]], {renderer: canvas, radius: 6,
                        color: announced ? colour : "#111", weight: 1.5, dashArray: dash,
                        fillColor: announced ? "#ffffff" : colour, fillOpacity: 0.95})
                     .bindTooltip(e[1] + " \u2014 " + p[3]).bindPopup(popup(i), {maxWidth: 420})
                     .addTo(sites);
                });
            });
            var permanent = D.m.length <= {{ this.label_limit }};
            D.m.forEach(function (m) {
                var colour = m[6] ? "{{ this.flag_color }}" : "{{ this.measure_color }}";
                var site = typeof m[1] === "number" ? D.e[m[0]][9][m[1]] : m[1];
                var text = label(m);
                var line = L.polyline([[site[0], site[1]], [m[2], m[3]]],
                    {renderer: canvas, color: colour, weight: 1.5, opacity: 0.8});
                if (permanent) {
                    L.marker([(site[0] + m[2]) / 2, (site[1] + m[3]) / 2], {interactive: false,
                        icon: L.divIcon({className: "drillmap-distance-label", iconSize: [1, 1],
                                         iconAnchor: [-6, 8],
                                         html: el("span", m[6] ? "drillmap-label flagged"
                                                             : "drillmap-label", text)})})
                     .addTo(lines);
                } else {
                    line.bindTooltip(text);
                }
                line.addTo(lines);
            });
            lines.addTo(map);
            sites.addTo(map);
            }
            {% if this.compressed %}
            var pending = (function () {
                if (!window.DecompressionStream) {
                    return Promise.reject(new Error("this browser cannot unpack the event " +
                        "data (DecompressionStream is missing)"));
                }
                var bin = atob("{{ this.data }}"), bytes = new Uint8Array(bin.length);
                for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
                var stream = new Blob([bytes]).stream()
                    .pipeThrough(new DecompressionStream("deflate"));
                return new Response(stream).text().then(function (t) { draw(JSON.parse(t)); });
            })().catch(function (err) {
                window.drillmapError = String(err);
                var box = L.control({position: "topleft"});
                box.onAdd = function () {
                    var d = L.DomUtil.create("div", "drillmap-box");
                    d.textContent = "Events not shown: " + String(err);
                    return d;
                };
                box.addTo(map);
            });
            (window.drillmapPending = window.drillmapPending || []).push(pending);
            {% else %}
            draw({{ this.data }});
            {% endif %}
        })();
        {% endmacro %}
        """
    )

    def __init__(self, packed: Sequence[Any], *, measure_color: str, flag_color: str,
                 label_limit: int = 200, compress_above: int = 256_000):
        super().__init__()
        self._name = "CompactEvents"
        text = json.dumps(packed, ensure_ascii=False, separators=(",", ":"))
        self.compressed = len(text) > compress_above
        if self.compressed:
            self.data = base64.b64encode(zlib.compress(text.encode("utf-8"), 1)).decode("ascii")
        else:  # article text can neither close the script nor be read as Jinja
            self.data = _escape_json(text)
        self.measure_color = measure_color
        self.flag_color = flag_color
        self.label_limit = int(label_limit)
        self.decoder = _DECODE_JS
