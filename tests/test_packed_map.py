"""The packed canvas layer of big maps: its columnar data, its size per event, and its drawing.

The 100,000-event speed and size targets are measured by ``bench/bench_exports.py``; these
tests hold what can be checked quickly: the layout of the packed data, a byte budget per
event at 2,000 events, and that Chromium draws, hovers and opens the packed sites.
"""

from __future__ import annotations

import importlib.util
import io
import shutil
from pathlib import Path

import pytest

from geo.model.dataset import Dataset
from geo.render.maplayers import CompactEvents, pack_events
from geo.render.maps import (
    FLAG_COLOR,
    MEASURE_COLOR,
    TYPE_COLORS,
    MapOptions,
    _measurement_label,
    _style_for,
    build_map,
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
