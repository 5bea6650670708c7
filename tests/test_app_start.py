"""A cold start on a view rendered before: what the first run imports before its map is sent.

A restarted server (``streamlit run`` on an existing database) shows its first map from the
view kept on disk (``dashboard/mapview.py``). Its warm-up and the session's first run then
need the dataset, the counts and the map's stored component arguments; folium, branca,
streamlit-folium (rendering a new view), psycopg (PostgreSQL), python-pptx, Playwright and
vl-convert (exports) and altair load later, in the warm-up's background once the page was
shown in full (``dashboard/warmup.py``), so neither the first map nor the run after it waits
for them. Run in fresh interpreters: this test process has
imported them all.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

DASHBOARD = Path(__file__).resolve().parent.parent / "dashboard"

#: Modules the first map does not need (top-level names).
LATER = ("folium", "branca", "streamlit_folium", "maprender", "psycopg", "pptx", "playwright",
         "vl_convert", "altair", "geo.export.formats", "geo.render.maps")

#: A previous server run: the warm-up renders the default view and keeps it on disk; prints
#: the sha256 of the map's script it rendered.
RENDER = f"""
import hashlib, sys
sys.path.insert(0, {str(DASHBOARD)!r})
import appdata, mappage, mapview
from geo.analysis.filters import EventFilter, filter_events
source = mappage.prepare_default_view()
visible = filter_events(appdata.load_dataset(source.key), EventFilter())
args = mapview._cached(source.key, mappage.map_options(visible, None, (), False),
                       mappage.MAP_COMPONENT)
print(hashlib.sha256(args["script"].encode()).hexdigest())
"""

#: A restarted server: the warm-up's part before the first page load (what
#: ``warmup.warm`` does before it waits for the first map), then a session's first run (as
#: AppTest runs it), recording what is loaded when the map's arguments go to the component.
FIRST_RUN = f"""
import hashlib, json, sys
sys.path.insert(0, {str(DASHBOARD)!r})
later = {LATER!r}

def loaded():
    return sorted(m for m in later if m in sys.modules)

import mappage
import mapview
mappage.prepare_default_view()
after_warm_up = loaded()
sent = []
component = mapview._component

def spy(**args):
    sent.append({{"loaded": loaded(),
                 "script": hashlib.sha256(args["script"].encode()).hexdigest()}})
    return component(**args)

mapview._component = spy
from streamlit.testing.v1 import AppTest
at = AppTest.from_file({str(DASHBOARD / "app.py")!r}, default_timeout=60).run()
first = {{"after_warm_up": after_warm_up, "sent": list(sent), "after_run": loaded(),
         "exception": [str(e.value) for e in at.exception],
         "metrics": [m.value for m in at.metric]}}
sys.path.insert(0, {str(Path(__file__).resolve().parent)!r})
from app_helpers import map_reports_drawn
map_reports_drawn(at)  # the next run: the timeline, the tables and the sidebar's widgets
second = {{"loaded": loaded(), "exception": [str(e.value) for e in at.exception],
          "tables": [len(d.value) for d in at.dataframe],
          "buttons": [b.label for b in at.get("download_button")]}}
print(json.dumps({{"first": first, "second": second}}))
"""


def _python(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_a_first_run_on_a_stored_view_loads_no_map_renderer_database_driver_or_exports(
        app_db: Path) -> None:
    rendered = _python(RENDER).strip().splitlines()[-1]

    both = json.loads(_python(FIRST_RUN).strip().splitlines()[-1])
    out = both["first"]
    assert out["exception"] == []
    assert out["metrics"][0] == "14"  # the bundled data's events: the counts are shown
    assert out["after_warm_up"] == []
    (first_map,) = out["sent"]
    assert first_map["loaded"] == []
    assert first_map["script"] == rendered  # the view the previous server rendered
    assert out["after_run"] == []
    # the run after the map is drawn shows the tables and the export button, and still
    # leaves the map renderer and the exports' libraries to the warm-up's background
    second = both["second"]
    assert second["exception"] == []
    assert second["tables"][:1] == [14]  # the events table, every event
    assert [b for b in second["buttons"] if b.startswith("Download")]
    assert second["loaded"] == []

