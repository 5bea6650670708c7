"""Positions an article states with no named site ("warships about 280 km southeast of Cape
Erimo"): the point and the sector its wording allows, stored with the claim, in the claims
table, drawn on the map (with its label placed in a real browser) and framed with the event.
"""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from geopy.distance import geodesic as karney
from shapely.geometry import LinearRing

from geo.analysis.claims import stated_position
from geo.export.formats import export_bytes
from geo.export.html import map_page
from geo.export.options import ExportOptions
from geo.export.png import MapRenderer
from geo.extract.claims import find_distance_claims
from geo.geometry.geodesic import geodesic_sector
from geo.model.dataset import Dataset
from geo.model.place import Place
from geo.render.maps import build_map, event_bounds, map_html
from geo.render.tables import claims_frame
from geo.services.ingest import ingest_text
from geo.store.reading import dataset_from_store
from geo.store.sqlite import Store
from tests.test_map_labels_browser import BOXES_JS, label_problems

#: Cape Erimo, Hokkaido (GeoNames 2130188 gives 41.92444, 143.24833).
ERIMO = (41.924444, 143.248333)

ARTICLE = (
    "Russian and Chinese warships hold joint drills off Hokkaido\n\n"
    "Russia and China began a joint naval exercise in the Pacific on Tuesday, Japan's Defense "
    "Ministry said. Ten Russian and Chinese warships were seen about 280 kilometers southeast "
    "of Cape Erimo on Wednesday.")


def _claim(sentence: str):  # type: ignore[no-untyped-def]
    (claim,) = find_distance_claims(sentence)
    return claim


def _cape() -> Place:
    return Place(name="Cape Erimo", lat=ERIMO[0], lon=ERIMO[1], kind="cape",
                 country_code="JP", source="test")


def test_the_stated_point_lies_at_the_stated_distance_and_bearing() -> None:
    p = stated_position(_claim("Ships were seen about 280 kilometers southeast of Cape Erimo."),
                        _cape())
    assert p is not None
    # Checked with geopy's geodesic (Karney's algorithm), not the pyproj call that made it.
    assert karney(ERIMO, (p.lat, p.lon)).km == pytest.approx(280, abs=0.5)
    assert (p.bearing_deg, p.half_width_deg) == (135.0, 22.5)  # an eight-point word: 45 degrees
    assert (p.min_km, p.max_km) == (252.0, 308.0)  # "about": 10 % either way
    assert p.label == "~280 km SE of Cape Erimo"


@pytest.mark.parametrize(("sentence", "half_width", "near", "far", "middle"), [
    # a sixteen-point word spans 22.5 degrees
    ("Ships sailed 100 km south-southeast of Cape Erimo.", 11.25, 95.0, 105.0, 100.0),
    # "within" reaches from the reference itself
    ("Ships stayed within 50 km east of Cape Erimo.", 22.5, 0.0, 55.0, 50.0),
    # a stated range: its middle, widened by the tolerance at both ends
    ("Ships were seen 100 to 140 km east of Cape Erimo.", 22.5, 95.0, 145.0, 120.0),
])
def test_the_sector_is_what_the_wording_allows(sentence, half_width, near, far, middle) -> None:
    p = stated_position(_claim(sentence), _cape())
    assert p is not None
    assert (p.half_width_deg, p.min_km, p.max_km) == (half_width, near, far)
    assert karney(ERIMO, (p.lat, p.lon)).km == pytest.approx(middle, abs=0.5)


def test_a_lower_bound_states_no_position() -> None:
    assert stated_position(_claim("Ships were more than 300 km east of Cape Erimo."),
                           _cape()) is None


def test_the_sector_ring_is_geodesic() -> None:
    ring = geodesic_sector(*ERIMO, 135.0, 22.5, 252.0, 308.0)
    outer, inner = ring[:25], ring[25:50]
    assert ring[0] == ring[-1]
    assert all(karney(ERIMO, v).km == pytest.approx(308, abs=0.1) for v in outer)
    assert all(karney(ERIMO, v).km == pytest.approx(252, abs=0.1) for v in inner)
    # the outer arc runs from bearing 112.5 to 157.5: its ends are 45 degrees apart
    first, last = outer[0], outer[-1]
    assert first[0] > last[0]  # 112.5 (east-southeast) lies north of 157.5 (south-southeast)
    wedge = geodesic_sector(*ERIMO, 90.0, 22.5, 0.0, 50.0)
    assert wedge[-2] == [ERIMO[0], ERIMO[1]]  # a "within" sector closes at the reference


@pytest.fixture(scope="module")
def ds(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    store = Store(Path(tmp_path_factory.mktemp("stated")) / "stated.sqlite")
    ingest_text(ARTICLE, published="2024-07-10", store=store)
    return dataset_from_store(store)


def test_the_position_is_stored_with_the_claim_and_in_the_claims_table(ds: Dataset) -> None:
    (check,) = ds.claims
    p = check.stated_position
    assert p is not None and check.verdict is None  # ships are no site: nothing to check
    assert karney(ERIMO, (p.lat, p.lon)).km == pytest.approx(280, abs=0.5)
    (row,) = claims_frame(ds).to_dict("records")
    assert (row["stated_lat"], row["stated_lon"]) == (p.lat, p.lon)


def test_the_map_draws_and_frames_the_position_with_its_event(ds: Dataset) -> None:
    (event,) = ds.events
    (check,) = ds.claims
    p = check.stated_position
    assert p is not None
    page = map_html(build_map(ds))
    assert "Positions stated in articles" in page and "~280 km SE of Cape Erimo" in page
    assert "position an article states" in page  # the legend explains the symbol
    (south, west), (north, east) = event_bounds(ds, [event.id])  # type: ignore[misc]
    assert south <= p.lat <= north and west <= p.lon <= east
    assert ds.stated_positions_of(["another-event"]) == []


needs_chromium = pytest.mark.skipif(
    shutil.which("chromium") is None,
    reason="Debian's chromium is not installed (apt-get install chromium); drillmap never "
           "downloads a browser")


@pytest.mark.browser
@needs_chromium
def test_in_a_browser_the_point_sits_where_stated_and_its_label_is_placed(ds: Dataset) -> None:
    (event,) = ds.events
    (check,) = ds.claims
    p = check.stated_position
    assert p is not None
    page = map_page(ds, ExportOptions(event=event.id, as_of=date(2024, 7, 11)), static=True)
    with MapRenderer(timeout_s=30) as renderer:
        tab = renderer.load(page, width=1600, height=900)
        boxes = tab.evaluate(BOXES_JS)
        found = tab.evaluate("""() => {
            const map = Object.values(window).find(v => v instanceof L.Map);
            const out = [];
            map.eachLayer(l => { if (l instanceof L.CircleMarker && l.options.className ===
                'drillmap-stated') { const q = map.latLngToContainerPoint(l.getLatLng());
                const s = l._point; out.push([l.getLatLng().lat, l.getLatLng().lng, q.x, q.y,
                s.x, s.y]); } });
            return out; }""")
    assert label_problems(boxes) == []
    labels = [b for b in boxes["labels"] if b["text"] == "~280 km SE of Cape Erimo"]
    assert len(labels) == 1 and labels[0]["font"] >= 12
    ((lat, lon, x, y, drawn_x, drawn_y),) = found
    assert (lat, lon) == pytest.approx((p.lat, p.lon))
    assert 0 < x < boxes["width"] and 0 < y < boxes["height"]  # framed with the event
    assert (drawn_x, drawn_y) == pytest.approx((x, y), abs=1.5)  # drawn where it is placed


HOSTILE = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>'


def _hostile(ds: Dataset) -> Dataset:
    """The dataset with hostile text in the sentence that states the position."""
    (check,) = ds.claims
    return replace(ds, claims=[replace(check, sentence=HOSTILE + check.sentence)])


def test_kml_holds_the_point_and_sector_with_the_sentence_as_text(ds: Dataset) -> None:
    root = ET.fromstring(export_bytes(_hostile(ds), "kml", ExportOptions()))
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    (folder,) = [f for f in root.iter("{http://www.opengis.net/kml/2.2}Folder")
                 if f.findtext("k:name", namespaces=ns) == "Positions stated in articles"]
    (pm,) = folder.findall("k:Placemark", ns)
    assert pm.findtext("k:name", namespaces=ns) == "~280 km SE of Cape Erimo"
    lon, lat, _ = (float(v) for v in
                   pm.findtext("k:MultiGeometry/k:Point/k:coordinates", namespaces=ns).split(","))
    assert karney(ERIMO, (lat, lon)).km == pytest.approx(280, abs=0.5)
    ring = pm.findtext("k:MultiGeometry/k:Polygon/k:outerBoundaryIs/k:LinearRing/k:coordinates",
                       namespaces=ns).split()
    assert len(ring) == 51  # 25 + 25 arc vertices, and the first again to close it
    description = pm.findtext("k:description", namespaces=ns)
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in description
    assert "<script" not in description and "<img" not in description


@pytest.mark.browser
@needs_chromium
def test_hostile_text_in_the_stated_position_popup_stays_text(ds: Dataset) -> None:
    (event,) = ds.events
    page = map_page(_hostile(ds), ExportOptions(event=event.id, as_of=date(2024, 7, 11)))
    with MapRenderer(timeout_s=30) as renderer:
        tab = renderer.load(page, width=1200, height=800)
        shown = tab.evaluate("""() => {
            const map = Object.values(window).find(v => v instanceof L.Map);
            let popup = '';
            map.eachLayer(l => { if (l instanceof L.CircleMarker && l.options.className ===
                'drillmap-stated') { l.fire('click', {latlng: l.getLatLng()});
                popup = document.querySelector('.leaflet-popup-content').textContent; } });
            return {popup, xss: window.__xss === 1,
                    injected: document.querySelectorAll('.leaflet-popup-content img, '
                                                        + '.leaflet-popup-content script').length};
        }""")
    assert "window.__xss=1" in shown["popup"]  # shown as text
    assert not shown["xss"] and shown["injected"] == 0


def test_geojson_holds_the_point_and_a_counter_clockwise_sector(ds: Dataset) -> None:
    fc = json.loads(export_bytes(ds, "geojson", ExportOptions()))
    (event,) = ds.events
    (point,) = [f for f in fc["features"] if f["properties"].get("feature") == "stated position"]
    (area,) = [f for f in fc["features"]
               if f["properties"].get("feature") == "stated position area"]
    lon, lat = point["geometry"]["coordinates"]
    assert karney(ERIMO, (lat, lon)).km == pytest.approx(280, abs=0.5)
    assert point["properties"]["event_ids"] == [event.id]
    assert point["properties"]["label"] == "~280 km SE of Cape Erimo"
    (ring,) = area["geometry"]["coordinates"]
    assert ring[0] == ring[-1] and LinearRing(ring).is_ccw  # RFC 7946: exteriors CCW
    far = max(karney(ERIMO, (la, lo)).km for lo, la in ring)
    assert far == pytest.approx(308, abs=0.1)
    # the event's own features are still there, unchanged in kind
    assert any(f["properties"].get("event_id") == event.id for f in fc["features"])


# --------------------------------------------- a place with no coordinate, placed by its distance

#: Minsk (GeoNames 625144 gives 53.9, 27.56667). "Zorbinovka" is made up: no gazetteer has it.
MINSK = (53.9, 27.56667)

VILLAGE = ("Belarusian troops drilled near Baranovichi and at the village of Zorbinovka, roughly "
           "20 km north-east of Minsk, the ministry said.")


def _village(text: str, tmp_path: Path) -> tuple[Place | None, Dataset]:
    store = Store(tmp_path / "village.sqlite")
    ingest_text(text, published="2024-07-10", store=store)
    ds = dataset_from_store(store)
    (mention,) = [m for m in ds.mentions if m.surface == "Zorbinovka"]
    return mention.place, ds


def test_a_place_with_no_coordinate_is_put_where_its_stated_distance_puts_it(
        tmp_path: Path) -> None:
    place, ds = _village(VILLAGE, tmp_path)
    assert place is not None and place.source == "stated in the article"
    assert karney(MINSK, (place.lat, place.lon)).km == pytest.approx(20, abs=0.5)
    assert place.country_code == "BY" and place.kind == "village"
    # Its precision is the farthest corner of the sector the wording allows ("roughly" 20 km:
    # 10-30 km, north-east: bearings 22.5-67.5), corners found with geopy, not pyproj.
    corners = [karney(kilometers=km).destination(MINSK, bearing)
               for km in (10, 30) for bearing in (22.5, 67.5)]
    farthest = max(karney((place.lat, place.lon), (c.latitude, c.longitude)).km for c in corners)
    assert place.precision_km == pytest.approx(farthest, abs=0.2)
    assert "roughly 20 km north-east of Minsk" in place.note


def test_the_distance_that_placed_a_site_is_not_checked_against_it_nor_given_to_another(
        tmp_path: Path) -> None:
    _, ds = _village(VILLAGE, tmp_path)
    (check,) = ds.claims
    # Without the placing, the claim went to Baranovichi (the last site with a coordinate)
    # and was flagged 130 km off.
    assert check.subject_surface == "Zorbinovka"
    assert check.verdict is None and "placed by it" in check.problem
    assert check.stated_position is not None  # the sector it allows is drawn with it


@pytest.mark.parametrize("text", [
    # a verb of another statement between the place and the distance
    "Residents of the village of Zorbinovka reported explosions roughly 20 km north-east of "
    "Minsk.",
    # too far for a compass word to place anything
    "Belarusian troops drilled at the village of Zorbinovka, some 400 km north-east of Minsk.",
])
def test_a_distance_that_does_not_describe_the_place_places_nothing(text: str,
                                                                   tmp_path: Path) -> None:
    place, _ = _village(text, tmp_path)
    assert place is None
