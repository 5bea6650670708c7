"""The map is framed before its layers are added, so each path is projected once.

Leaflet projects every path when it is added and again at every view reset; framed last (as
before), each of the basemap's and the events' paths was projected twice: at the map's start
view and again by ``fitBounds`` (about 0.15 s of the browser's 0.8 s on the seeds' overview).
"""

from __future__ import annotations

import pytest

from geo.analysis.pipeline import build_dataset
from geo.model.dataset import Dataset
from geo.render.maps import MapOptions, build_map


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return build_dataset()


@pytest.mark.parametrize("options", [MapOptions(), MapOptions(static=True),
                                     MapOptions(focus_event="flight-tactical-ruzhansky-2023",
                                                range_rings_km=(50.0, 150.0))])
def test_view_is_set_before_any_layer_is_added(ds: Dataset, options: MapOptions) -> None:
    page = build_map(ds, options).get_root().render()
    script = page[page.index("L.map("):]
    framed = script.index("window.drillmapFitView(map_")
    layers = [script.find(call) for call in ("window.drillmapCellBasemap(", "L.geoJson(",
                                             "L.circleMarker(", "L.polyline(", "L.circle(")]
    assert any(i >= 0 for i in layers)
    assert all(framed < i for i in layers if i >= 0)
