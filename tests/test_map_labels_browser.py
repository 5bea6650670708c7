"""Map labels in headless Chromium: on the overview and on every seed event's image, no label
overlaps another label, a marker or a map box, none is cut by the frame, and the basemap names
at least five places. Boxes are read from the page (Leaflet's own markers, the DOM's boxes),
not from the layout's bookkeeping.
"""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from geo.analysis.pipeline import build_dataset
from geo.export.html import map_page
from geo.export.options import ExportOptions, _located
from geo.export.png import MapRenderer
from geo.model.dataset import Dataset

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("chromium") is None,
                       reason="Debian's chromium is not installed (apt-get install chromium); "
                              "drillmap never downloads a browser"),
]

AS_OF = date(2024, 5, 1)

#: Reads every placed label, marker and map box of the page, in CSS pixels of the map.
BOXES_JS = """() => {
    const map = Object.values(window).find(v => v instanceof L.Map);
    const c = map.getContainer(), o = c.getBoundingClientRect();
    const rect = el => { const r = el.getBoundingClientRect();
        return {x: r.left - o.left, y: r.top - o.top, w: r.width, h: r.height}; };
    const visible = el => getComputedStyle(el).visibility !== 'hidden' &&
        el.getBoundingClientRect().width > 0;
    const labels = [...c.querySelectorAll('.drillmap-placed')].filter(visible)
        .map(el => Object.assign(rect(el), {text: el.textContent, cls: el.className,
                                            font: parseFloat(getComputedStyle(el).fontSize)}));
    const markers = [];
    map.eachLayer(l => {
        if (l instanceof L.CircleMarker && map.getBounds().contains(l.getLatLng())) {
            const p = map.latLngToContainerPoint(l.getLatLng());
            const r = l.getRadius() + (l.options.weight || 0) / 2;
            markers.push({x: p.x - r, y: p.y - r, w: 2 * r, h: 2 * r});
        }
    });
    c.querySelectorAll('.drillmap-city-dot').forEach(el => markers.push(rect(el)));
    const controls = [...c.querySelectorAll('.leaflet-control')].filter(visible).map(rect);
    return {width: c.clientWidth, height: c.clientHeight, labels, markers, controls};
}"""


def _overlap(a: dict, b: dict) -> bool:
    return (a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"]
            and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"])


def label_problems(boxes: dict) -> list[str]:
    """Every overlapping or clipped label of a page, as readable lines (empty: none)."""
    problems = []
    labels = boxes["labels"]
    for i, a in enumerate(labels):
        if (a["x"] < 0 or a["y"] < 0 or a["x"] + a["w"] > boxes["width"]
                or a["y"] + a["h"] > boxes["height"]):
            problems.append(f"clipped: {a['text']!r}")
        for b in labels[i + 1:]:
            if _overlap(a, b):
                problems.append(f"labels overlap: {a['text']!r} / {b['text']!r}")
        problems += [f"covers a marker: {a['text']!r}" for m in boxes["markers"]
                     if _overlap(a, m)]
        problems += [f"covers a map box: {a['text']!r}" for b in boxes["controls"]
                     if _overlap(a, b)]
    return problems


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return build_dataset()


@pytest.fixture(scope="module")
def renderer():
    with MapRenderer(timeout_s=30) as r:
        yield r


def test_overlap_check_finds_overlaps():
    box = {"x": 10, "y": 10, "w": 50, "h": 14, "text": "a"}
    page = {"width": 100, "height": 100, "labels": [box, dict(box, x=40, text="b")],
            "markers": [], "controls": [{"x": 0, "y": 90, "w": 30, "h": 10}]}
    assert label_problems(page) == ["labels overlap: 'a' / 'b'"]
    page["labels"] = [dict(box, x=70)]
    assert label_problems(page) == ["clipped: 'a'"]
    page["labels"] = [dict(box, y=85)]
    assert label_problems(page) == ["covers a map box: 'a'"]


def _views(ds: Dataset) -> list[str | None]:
    return [None, *[e.id for e in ds.events if _located(ds, e.id)]]


def test_labels_never_collide_on_any_seed_map(ds, renderer):
    seen = 0
    for event in _views(ds):
        page = map_page(ds, ExportOptions(event=event, as_of=AS_OF), static=True)
        boxes = renderer.load(page, width=1600, height=900).evaluate(BOXES_JS)
        where = event or "overview"
        assert label_problems(boxes) == [], where
        places = [b for b in boxes["labels"] if "drillmap-place" in b["cls"].split()]
        assert len(places) >= 5, (where, [p["text"] for p in places])
        assert all(b["font"] >= 12 for b in boxes["labels"]), where
        if event is not None:
            # Every distance of the framed event is labelled (verdicts come first).
            shown = [b["text"] for b in boxes["labels"] if "drillmap-distance" in b["cls"].split()]
            wanted = [m for m in ds.measurements if m.event_id == event]
            assert len(shown) == len(wanted), (where, shown)
            name = ds.event_by_id[event].name
            assert any(b["text"] == name for b in boxes["labels"]), where
        seen += 1
    assert seen == len(_views(ds)) >= 10


def test_ruzhansky_names_its_neighbours(ds, renderer):
    page = map_page(ds, ExportOptions(event="flight-tactical-ruzhansky-2023", as_of=AS_OF),
                    static=True)
    boxes = renderer.load(page, width=1600, height=900).evaluate(BOXES_JS)
    texts = {b["text"] for b in boxes["labels"]}
    assert {"Belarus", "Poland", "Lithuania", "Latvia"} <= texts
    assert {"Minsk", "Brest", "Vilnius"} <= texts
    # The long verdict label is shown whole, inside the frame.
    verdict = [b for b in boxes["labels"] if "off by 47 km" in b["text"]]
    assert len(verdict) == 1 and verdict[0]["x"] + verdict[0]["w"] <= boxes["width"]
