"""Map popups: escaped article text, and the event id the app reads back from a click."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from geo.analysis.pipeline import build_dataset
from geo.model.dataset import Dataset
from geo.render.maps import MapOptions, build_map, event_id_from_popup


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return build_dataset()


@pytest.mark.parametrize(("text", "expected"), [
    ("Naval Interaction-2022\n...\nevent id: naval-interaction-2022\n", "naval-interaction-2022"),
    ("Naval Interaction-2022 2022-12-19event id: naval-interaction-2022", "naval-interaction-2022"),
    ("event id: no-such-event", None),
    ("", None),
    (None, None),
])
def test_event_id_from_popup(ds: Dataset, text: str | None, expected: str | None) -> None:
    assert event_id_from_popup(text, [e.id for e in ds.events]) == expected


def test_area_popups_are_bound_as_functions(ds: Dataset) -> None:
    # streamlit-folium reads a clicked GeoJSON layer's popup only when it is a function.
    page = build_map(ds, MapOptions(event_ids=("union-shield-2023",))).get_root().render()
    assert re.search(r"geo_json_\w+\.bindPopup\(function", page)
    assert "event id: union-shield-2023" in page.replace("\\u003c", "<")


@pytest.mark.parametrize("event_id", ["naval-interaction-2022",  # area: lazy popup
                                      "flight-tactical-ruzhansky-2023"])  # marker: folium popup
def test_popup_text_cannot_run_in_template_literals(ds: Dataset, event_id: str) -> None:
    # folium puts popup HTML between backticks; "${...}" in a quote must not be interpolated.
    evil = "x ${window.__xss=1} `y` <script>z</script>"
    sources = [replace(s, quote=evil) if s.event_id == event_id else s for s in ds.sources]
    page = build_map(replace(ds, sources=sources), MapOptions(event_ids=(event_id,))
                     ).get_root().render()
    assert "${window.__xss" not in page
    assert "<script>z</script>" not in page
    assert "\\u003cscript\\u003ez" not in page  # not even JSON-escaped markup
