"""Helpers shared by the app's AppTests: the map's component and its report that it is drawn.

A session's first run of the map page leaves the timeline, the tables and the sidebar's
widgets out until the map reports that it is drawn (``dashboard/mappage.py``); AppTest draws
no map, so the report is sent as the browser sends it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest

DASHBOARD = Path(__file__).resolve().parent.parent / "dashboard"
sys.path.insert(0, str(DASHBOARD))
import mapview  # noqa: E402  (the dashboard's modules are not a package)


def map_component(at: AppTest):
    """The ``st_folium`` element of the page AppTest ran."""
    (component,) = [e for e in at.get("component_instance")
                    if e.proto.component_name == "streamlit_folium.st_folium"]
    return component


def map_reports_drawn(at: AppTest) -> AppTest:
    """What the map's frame sends once the map is drawn (``dashboard/assets/map_drawn.js``)."""
    states = at._tree.get_widget_states()  # noqa: SLF001  (AppTest has no component element)
    value = {"last_object_clicked_popup": None, mapview.DRAWN_VALUE: True}
    states.widgets.append(WidgetState(id=map_component(at).proto.id,
                                      json_value=json.dumps(value)))
    at._run(states)  # noqa: SLF001
    return at


def shown_in_full(at: AppTest) -> AppTest:
    """The map page with everything on it: after a session's first run, the map's report that
    it is drawn (when the page shows a map; a page that stopped with an error has none)."""
    if any(e.proto.component_name == "streamlit_folium.st_folium"
           for e in at.get("component_instance")):
        map_reports_drawn(at)
    return at
