"""The packed canvas layer of big maps: its columnar data, its size per event, and its drawing.

The 100,000-event speed and size targets are measured by ``bench/bench_exports.py``; these
tests hold what can be checked quickly: the layout of the packed data, a byte budget per
event at 2,000 events, and that Chromium draws, hovers and opens the packed sites.
"""

from __future__ import annotations

import base64
import importlib.util
import io
import json
import shutil
import zlib
from dataclasses import replace
from pathlib import Path

import pytest
from shapely.geometry import shape

from geo.model.dataset import Dataset, is_area, place_geometry
from geo.render.maplayers import CompactEvents, _escape_json, pack_events
from geo.render.maps import (
    FLAG_COLOR,
    MEASURE_COLOR,
    TYPE_COLORS,
    MapOptions,
    _measurement_label,
    _style_for,
    build_map,
    event_bounds,
    map_html,
)

ROOT = Path(__file__).resolve().parent.parent

#: The 100,000-event page may hold 15 MB, about 1 MB of it Leaflet and the basemap. Deflate
#: gains with size: the packed data takes ~127 bytes per event at 100,000 events and ~138 at
#: 2,000, measured here.
BYTES_PER_EVENT = 145


def _synthetic(n: int) -> Dataset:
    spec = importlib.util.spec_from_file_location("bench_exports",
                                                  ROOT / "bench" / "bench_exports.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.synthetic_dataset(n)


@pytest.fixture(scope="module")
def big() -> Dataset:
    return _synthetic(2000)


def _packed(ds: Dataset) -> list:
    return pack_events(ds, [e.id for e in ds.events], style_of=lambda i: _style_for(ds, i),
                       measurement_label=lambda x: _measurement_label(x, ds.claims_of(x.event_id)))


def test_packed_columns_hold_every_site_and_distance(big: Dataset) -> None:
    scale, *_, events, points, measures, quotes = _packed(big)
    ids, names = events[0], events[1]
    assert ids == [e.id for e in big.events] and names == [e.name for e in big.events]
    assert len(points[0]) == len(big.events) == 2000  # one site each
    for k in (0, 777, 1999):
        (_, place), = big.places_of(ids[points[0][k]])
        assert points[1][k] / scale == pytest.approx(place.lat, abs=1e-4)
        assert points[2][k] / scale == pytest.approx(place.lon, abs=1e-4)
        assert points[4][k] == place.name
    assert len(measures[0]) == len(big.measurements) > 1000
    for j in (0, len(big.measurements) - 1):
        x = big.measurements[j]
        assert ids[measures[0][j]] == x.event_id
        assert measures[1][j] >= 0 and points[4][measures[1][j]] == x.surface  # site by index
        assert measures[4][j] / scale == pytest.approx(x.nearest_lat, abs=1e-4)
        assert measures[5][j] / scale == pytest.approx(x.nearest_lon, abs=1e-4)
    sources = _packed(big)[3]
    assert len(quotes[2]) == len(big.sources) == 2000  # one quote each, in their order
    for j in (0, 1234, 1999):
        q = big.sources[j]
        assert ids[quotes[0][j]] == q.event_id and quotes[2][j] == q.quote
        assert sources[quotes[1][j]].startswith(f"article {q.article_id}, ")


def test_a_distance_refers_to_a_site_of_its_own_event() -> None:
    """A distance's site is the first site of its event with its surface (not a same-named
    site of another event); with none, it keeps its own coordinates (site -1)."""
    ds = _synthetic(3)
    e0, e1, e2 = (e.id for e in ds.events)
    ep0, ep2 = ds.event_places[0], ds.event_places[2]
    m0 = ds.measurements_of(e0)[0] if ds.measurements_of(e0) else ds.measurements[0]
    second = replace(ep0, surface="Second site")
    second_place = replace(ds.mentions[0].place, name="Second site", lat=53.25, lon=27.5)
    ds = replace(
        ds, event_places=[ds.event_places[0], second, *ds.event_places[1:]],
        mentions=[*ds.mentions, replace(ds.mentions[0], surface="Second site",
                                        place=second_place)],
        measurements=[replace(m0, event_id=e0, surface="Second site", lat=53.25, lon=27.5),
                      replace(m0, event_id=e0, surface=ep2.surface, lat=52.5, lon=30.25),
                      replace(m0, event_id=e1, surface="Unlisted", lat=54.0, lon=26.0)])
    scale, *_, events, points, measures, _quotes = _packed(ds)
    assert points[0] == [0, 0, 1, 2] and points[4][:2] == [ep0.surface, "Second site"]
    assert points[4][3] == ep2.surface  # a site of event 2 only
    assert measures[0] == [0, 0, 1]  # event of each distance
    assert measures[1] == [1, -1, -1]  # site: event 0's second; none; none
    assert [measures[2][1] / scale, measures[3][1] / scale] == [52.5, 30.25]
    assert [measures[2][2] / scale, measures[3][2] / scale] == [54.0, 26.0]
    assert measures[2][0] == measures[3][0] == 0  # a located distance has no own point


def test_packed_json_is_what_json_dumps_writes(big: Dataset) -> None:
    """The packed data is written with orjson: the same text as the standard library's,
    escaped for the page when plain, and the same bytes once inflated when deflated."""
    small = _synthetic(20)
    packed = _packed(small)
    packed[5][2][0] = "“Quote” ±2 km — </script> {{ x }} \u2028"  # text the page must escape
    expected = json.dumps(packed, ensure_ascii=False, separators=(",", ":"))
    plain = CompactEvents(packed, measure_color=MEASURE_COLOR, flag_color=FLAG_COLOR)
    assert not plain.compressed
    assert json.loads(plain.data) == packed
    assert plain.data == _escape_json(expected) and "</script>" not in plain.data
    packed_big = _packed(big)
    deflated = CompactEvents(packed_big, measure_color=MEASURE_COLOR, flag_color=FLAG_COLOR)
    assert deflated.compressed
    assert zlib.decompress(base64.b64decode(deflated.data)) == json.dumps(
        packed_big, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def test_packed_layer_stays_within_its_bytes_per_event(big: Dataset) -> None:
    layer = CompactEvents(_packed(big), measure_color=MEASURE_COLOR, flag_color=FLAG_COLOR)
    assert layer.compressed
    per_event = len(layer.data) / len(big.events)
    assert 20 < per_event < BYTES_PER_EVENT, per_event


# --------------------------------------------------------------------------- in Chromium
_TYPES = ("land", "air", "naval", "strategic", "command-staff", "patrol")


@pytest.mark.browser
def test_chromium_draws_hovers_and_opens_the_packed_sites(big: Dataset) -> None:
    from PIL import Image

    from geo.export.png import MapRenderer

    if shutil.which("chromium") is None:
        pytest.skip("Debian's chromium is not installed")
    page_html = map_html(build_map(big, MapOptions(static=False)))
    with MapRenderer(timeout_s=60) as renderer:
        page = renderer.load(page_html, width=1200, height=700)
        drawn, total = page.evaluate(
            "[window.drillmapPackedLayers[0].drawnSites,"
            " window.drillmapPackedLayers[0].siteCount()]")
        assert total == 2000 and drawn > 1900  # the map is framed on them all
        png = page.screenshot(type="png")
        img = Image.open(io.BytesIO(png)).convert("RGB")
        counts = {t: sum(n for n, px in img.getcolors(img.width * img.height)
                         if all(abs(a - b) <= 14 for a, b in
                                zip(px, (int(TYPE_COLORS[t][i:i + 2], 16) for i in (1, 3, 5)),
                                    strict=True)))
                  for t in _TYPES}
        assert all(n >= 300 for n in counts.values()), counts
        # Hover and click the site drawn last (on top) where it is on screen.
        x, y, event_id, name = page.evaluate("""() => {
            const l = window.drillmapPackedLayers[0], i = l.siteCount() - 1;
            const p = l._map.latLngToContainerPoint(l.siteLatLng(i));
            const r = l._map.getContainer().getBoundingClientRect();
            return [r.left + p.x, r.top + p.y, l._D.ev[0][l._D.points[0][i]],
                    l._D.ev[1][l._D.points[0][i]]];
        }""")
        page.mouse.move(x, y)
        page.wait_for_selector(".leaflet-tooltip")
        assert page.inner_text(".leaflet-tooltip").startswith(name)
        page.mouse.click(x, y)
        page.wait_for_selector(".drillmap-popup")
        popup = page.inner_text(".drillmap-popup")
        assert popup.rstrip().endswith(f"event id: {event_id}")
        assert "Distances to borders:" in popup and "km to Ukraine" in popup


def test_event_bounds_cover_sites_areas_and_border_points() -> None:
    """The frame holds every site, every nearest border point and each area's box, counted
    once however many events share the area."""
    ds = _synthetic(50)
    belarus = replace(ds.mentions[0].place, raw={"area_iso2": "BY"}, name="Belarus")
    areas = {ds.event_places[k].surface for k in (3, 4)}
    ds = replace(ds, mentions=[replace(m, place=belarus) if m.surface in areas else m
                               for m in ds.mentions])
    ids = [e.id for e in ds.events]
    sites = [p for i in ids for _, p in ds.places_of(i) if p is not None and not is_area(p)]
    assert len(sites) == 48
    (south, west), (north, east) = event_bounds(ds, ids)
    lats = [p.lat for p in sites] + [m.nearest_lat for m in ds.measurements]
    lons = [p.lon for p in sites] + [m.nearest_lon for m in ds.measurements]
    minx, miny, maxx, maxy = shape(place_geometry(belarus, display=True)).bounds
    assert south == min(*lats, miny) and north == max(*lats, maxy)
    assert west == min(*lons, minx) and east == max(*lons, maxx)
    assert miny < 51.5 and maxy > 56.0  # Belarus reaches past the sites' 51.5-56.0
    assert event_bounds(ds, ids[3:5], with_border_points=False) == [[miny, minx],
                                                                     [maxy, maxx]]
    assert event_bounds(ds, []) is None
