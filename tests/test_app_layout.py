"""The app's timeline (a click on a bar selects its event) and the layout of its tables.

AppTest has no element for charts (``st.altair_chart`` is an ``UnknownElement``), so a click
is sent as the browser sends it: the chart's widget state, the selection as JSON. The same
click in Chromium, and the tables' columns at 1280 px, are in ``test_browser_app.py``. The
timeline waits for the map's report that it is drawn (a session's first run leaves it out):
AppTest draws no map, so the report is sent as the browser sends it too.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pyarrow as pa
import pytest
from app_helpers import map_component, map_reports_drawn
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest

DASHBOARD = Path(__file__).resolve().parent.parent / "dashboard"
sys.path.insert(0, str(DASHBOARD))
import mappage  # noqa: E402  (the dashboard's modules are not a package)
import mapview  # noqa: E402
import tablelayout  # noqa: E402

APP = str(DASHBOARD / "app.py")
NAVAL = "naval-interaction-2022"
UNION_SHIELD = "union-shield-2023"


@pytest.fixture(autouse=True)
def bundled_data(monkeypatch: pytest.MonkeyPatch, app_db: Path) -> None:
    """Every test starts on the bundled data, in a new database."""
    monkeypatch.delenv("DRILLMAP_SEEDS_DIR", raising=False)
    monkeypatch.delenv("DRILLMAP_DATA_DIR", raising=False)


def _timeline(at: AppTest):
    (chart,) = [e for e in at.get("vega_lite_chart") if e.proto.id.endswith("-timeline")]
    return chart


def _click_bar(at: AppTest, event_id: str) -> AppTest:
    """What the frontend sends when a bar is clicked: the point selection's fields, as JSON."""
    states = at._tree.get_widget_states()  # noqa: SLF001  (AppTest has no chart element)
    state = WidgetState(id=_timeline(at).proto.id,
                        string_value=json.dumps({"selection": {"pick": [{"id": event_id}]}}))
    states.widgets.append(state)
    at._run(states)  # noqa: SLF001
    return at


def _bars(at: AppTest) -> list[dict]:
    """The timeline's rows, as Streamlit sends them to the browser (Arrow)."""
    table = pa.ipc.open_stream(_timeline(at).proto.data.data).read_all()
    return table.to_pylist()


def test_timeline_and_tables_wait_for_the_map_drawn() -> None:
    # The session's first run sends the map and captions where the timeline and the tables
    # go, so the browser draws the map first; the map's script reports when it is drawn, and
    # the rerun that report brings shows them. Any other rerun shows them too. (The first test
    # of the file fills a new database and may build the map: a longer timeout on a busy
    # machine.)
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception
    assert not [e for e in at.get("vega_lite_chart") if e.proto.id.endswith("-timeline")]
    assert not at.dataframe and not at.tabs
    captions = [c.value for c in at.caption]
    assert mappage.TIMELINE_PENDING in captions and mappage.TABLES_PENDING in captions
    assert [m.value for m in at.metric] == ["14", "12", "2", "5", "1 of 1"]  # counts at once
    # The sidebar's widgets wait too; their values are in session state from the start.
    assert not at.multiselect and not at.date_input and not at.text_input
    assert not at.get("download_button")
    assert mappage.SIDEBAR_PENDING in [c.value for c in at.sidebar.caption]
    assert not at.selectbox and mappage.DETAIL_PENDING in captions  # the detail waits too
    assert at.session_state["f_types"] == [] and at.session_state["f_text"] == ""
    script = json.loads(map_component(at).proto.json_args)["script"]
    assert "streamlit:setComponentValue" in script and mapview.DRAWN_VALUE in script
    assert "window.drillmapReady" in script  # sent once geo's ready signal has fired
    # branca renders the script through Jinja a second time: the asset must hold no delimiter
    report = (DASHBOARD / "assets" / "map_drawn.js").read_text(encoding="utf-8")
    assert report.strip() in script
    assert not any(d in report for d in ("{{", "{%", "{#", "</script"))
    map_reports_drawn(at)
    assert not at.exception
    assert len(_bars(at)) == 14
    assert len(at.dataframe[-2].value) == 14  # the events table; the claims table is last
    assert list(at.dataframe[-1].value["verdict"]) == ["flagged"]
    captions = [c.value for c in at.caption]
    assert mappage.TIMELINE_PENDING not in captions and mappage.TABLES_PENDING not in captions
    assert mappage.SIDEBAR_PENDING not in [c.value for c in at.sidebar.caption]
    assert at.selectbox(key="event") and mappage.DETAIL_PENDING not in [c.value for c in at.caption]
    assert len(at.multiselect) == 5 and at.date_input(key="f_dates") and at.text_input(key="f_text")
    assert at.get("download_button")
    assert at.session_state["event"] is None  # the report selects nothing

    other = AppTest.from_file(APP, default_timeout=120).run()
    other.run()  # no report: any other rerun (a reconnect, a page switch) shows all too
    assert len(_bars(other)) == 14 and other.multiselect  # all shown
    other.multiselect(key="f_types").set_value(["naval"]).run()
    assert [b["id"] for b in _bars(other)] == [NAVAL]
    assert list(other.dataframe[-2].value["name"]) == ["Naval Interaction-2022"]


def test_timeline_shows_the_filtered_events_and_is_selectable() -> None:
    at = map_reports_drawn(AppTest.from_file(APP, default_timeout=60).run())
    assert not at.exception
    chart = _timeline(at)
    assert list(chart.proto.selection_mode) == ["pick"]
    assert len(_bars(at)) == 14
    at.multiselect(key="f_types").set_value(["naval"]).run()
    assert [b["id"] for b in _bars(at)] == [NAVAL]  # the map's filter drives the timeline


def test_clicking_a_bar_selects_the_event() -> None:
    at = map_reports_drawn(AppTest.from_file(APP, default_timeout=60).run())
    assert at.session_state["event"] is None
    _click_bar(at, UNION_SHIELD)
    assert not at.exception
    assert at.session_state["event"] == UNION_SHIELD
    assert at.selectbox(key="event").value == UNION_SHIELD
    assert at.subheader[0].value == "Union Shield 2023"  # the detail shows it
    assert at.query_params["event"] == UNION_SHIELD  # and the URL
    selected = [b["id"] for b in _bars(at) if b["selected"]]
    assert selected == [UNION_SHIELD]  # the bar is outlined
    _click_bar(at, NAVAL)
    assert at.session_state["event"] == NAVAL
    assert at.subheader[0].value == "Naval Interaction-2022"


def test_every_table_column_has_a_width_and_they_fit_1280_px() -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["event"] = "flight-tactical-ruzhansky-2023"
    tables = map_reports_drawn(at.run()).dataframe  # the event's places, events, claims
    assert len(tables) == 3
    for table in tables:
        config = json.loads(table.proto.columns)
        columns = list(table.value.columns)
        assert set(columns) <= set(config), set(columns) - set(config)
        assert all(isinstance(config[c]["width"], int) for c in columns)
        assert sum(config[c]["width"] for c in columns) <= tablelayout.TABLE_MIN_WIDTH_PX
        assert table.proto.row_height > 64  # long text wraps instead of being cut
