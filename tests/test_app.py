"""The Streamlit app through AppTest: filters, URL, selection, detail, bad data, escaping.

``st_folium`` is an ``UnknownElement`` here, so a map click is driven through the event
selectbox it mirrors; the map itself is tested in ``test_map_popups.py`` and in the browser.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from app_helpers import shown_in_full
from conftest import XSS_QUOTE
from streamlit.testing.v1 import AppTest

from geo.settings import bundled_data_dir, bundled_seeds_dir

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
RUZHANSKY = "flight-tactical-ruzhansky-2023"


@pytest.fixture(autouse=True)
def bundled_data(monkeypatch: pytest.MonkeyPatch, app_db: Path) -> None:
    """Every test starts on the bundled data, in a new database, unless it points elsewhere."""
    monkeypatch.delenv("DRILLMAP_SEEDS_DIR", raising=False)
    monkeypatch.delenv("DRILLMAP_DATA_DIR", raising=False)


def run_app(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return shown_in_full(at.run())


def shown(at: AppTest) -> int:
    return int(at.metric[0].value)


def table_names(at: AppTest) -> list[str]:
    return list(at.dataframe[-2].value["name"])  # events table; claims table is last


def test_app_runs_on_bundled_data() -> None:
    at = run_app()  # with the map's report: the tables wait for it (test_app_layout.py)
    assert not at.exception
    assert [m.value for m in at.metric] == ["14", "12", "2", "5", "1 of 1"]
    assert len(table_names(at)) == 14
    assert list(at.dataframe[-1].value["verdict"]) == ["flagged"]
    assert any("Not on the map" in c.value for c in at.caption)
    assert not at.error and not at.warning


@pytest.mark.parametrize(("key", "value", "expected", "param"), [
    ("f_types", ["naval"], ["Naval Interaction-2022"], {"type": "naval"}),
    ("f_participants", ["CN"], ["Naval Interaction-2022"], {"participant": "CN"}),
    ("f_statuses", ["held"], 6, {"status": "held"}),
    ("f_categories", ["context"], 2, {"category": "context"}),
    ("f_borders", ["UA"], ["Joint flight and tactical exercises of the air forces"],
     {"border": "UA"}),
    ("f_text", "Ruzhansky", ["Joint flight and tactical exercises of the air forces"],
     {"q": "Ruzhansky"}),
    ("f_dates", (date(2023, 1, 1), date(2023, 12, 31)),
     ["Week of joint command-staff planning",
      "Joint flight and tactical exercises of the air forces", "Union Shield 2023",
      "Decree on joint military training centres"],
     {"from": "2023-01-01", "to": "2023-12-31"}),
])
def test_each_filter_changes_counts_table_and_url(key: str, value: object,
                                                  expected: int | list[str],
                                                  param: dict[str, str]) -> None:
    at = run_app()
    widget = {"f_text": at.text_input, "f_dates": at.date_input}.get(key, at.multiselect)
    widget(key=key).set_value(value).run()
    assert not at.exception
    names = table_names(at)
    if isinstance(expected, int):
        assert shown(at) == len(names) == expected
    else:
        assert names == expected
        assert shown(at) == len(expected)
    assert at.query_params == param


def test_filters_combine_and_can_be_reset() -> None:
    at = run_app()
    at.multiselect(key="f_types").set_value(["patrol"])
    at.multiselect(key="f_participants").set_value(["BY"]).run()
    assert table_names(at) == ["Joint air patrol over Belarus"]
    at.button[0].click().run()
    assert shown(at) == 14
    assert not at.query_params


def test_filters_and_selection_come_from_the_url() -> None:
    at = run_app(type="air,naval", event=RUZHANSKY, rings="50, 150, 300")
    assert not at.exception
    assert shown(at) == 2
    assert at.multiselect(key="f_types").value == ["air", "naval"]
    assert at.selectbox(key="event").value == RUZHANSKY
    assert at.text_input(key="rings").value == "50, 150, 300"
    assert not at.warning
    assert not any("Range rings" in c.value for c in at.caption)
    at.selectbox(key="event").set_value("naval-interaction-2022").run()  # an area: no rings
    assert any("Range rings are drawn around" in c.value for c in at.caption)


def test_url_dates_outside_the_data_are_clamped() -> None:
    at = run_app(**{"from": "2000-01-01", "to": "2022-06-30"})
    assert not at.exception
    assert at.date_input(key="f_dates").value == (date(2021, 9, 1), date(2022, 6, 30))
    assert shown(at) == 6  # 2021-09 to 2022-03: the drills before the invasion


def test_bad_url_values_are_ignored() -> None:
    at = run_app(type="bogus", event="no-such-event", **{"from": "yesterday"})
    assert not at.exception
    assert shown(at) == 14
    assert at.selectbox(key="event").value is None


def test_selecting_an_event_shows_its_sources_and_places() -> None:
    at = run_app()
    at.selectbox(key="event").set_value(RUZHANSKY).run()
    assert not at.exception
    assert at.subheader[0].value == "Joint flight and tactical exercises of the air forces"
    sources = [h.value for h in at.get("html")]
    assert sources[0].startswith("<div class='drillmap-source'><b>Article 002</b>")
    assert ">Ruzhansky training grounds</mark> in" in sources[0]
    assert "about 150 kilometers (93 miles) north of the" in sources[0]
    places = at.dataframe[0].value
    assert places.loc[0, "resolved to"] == "Ruzhansky training grounds"
    assert places.loc[0, "precision (km)"] == 20.0
    markdown = " ".join(m.value for m in at.markdown)
    assert "103 km to Ukraine \\(NE 10m\\)" in markdown
    assert "off by 47 km" in markdown
    assert at.query_params["event"] == RUZHANSKY


def test_selection_survives_a_filter_that_keeps_it() -> None:
    at = run_app()
    at.selectbox(key="event").set_value(RUZHANSKY).run()
    at.text_input(key="f_text").set_value("training").run()
    assert at.selectbox(key="event").value == RUZHANSKY
    at.multiselect(key="f_types").set_value(["naval"]).run()  # hides it
    assert at.selectbox(key="event").value is None
    assert not at.exception


def test_bad_range_rings_warn() -> None:
    at = run_app()
    at.text_input(key="rings").set_value("fifty").run()
    assert not at.exception
    assert "range rings must be numbers" in at.warning[0].value


def test_missing_data_folder_gives_a_clear_error(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRILLMAP_DATA_DIR", str(tmp_path / "nowhere"))
    at = run_app()
    assert not at.exception
    assert "The data could not be loaded" in at.error[0].value
    assert "articles.csv: cannot open" in at.error[0].value
    assert not at.metric  # stopped before drawing anything else


def test_broken_data_file_names_file_and_line(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    shutil.copytree(bundled_data_dir(), data)
    with (data / "events.csv").open("a", encoding="utf-8") as handle:
        handle.write("broken,row\n")
    monkeypatch.setenv("DRILLMAP_DATA_DIR", str(data))
    at = run_app()
    assert not at.exception
    assert "events.csv, line 16" in at.error[0].value


def test_missing_articles_folder_gives_a_clear_error(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRILLMAP_SEEDS_DIR", str(tmp_path / "no-seeds"))
    at = run_app()
    assert not at.exception
    assert "articles folder not found" in at.error[0].value


def test_article_markup_is_shown_as_text(xss_dirs: tuple[Path, Path],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    seeds, data = xss_dirs
    monkeypatch.setenv("DRILLMAP_SEEDS_DIR", str(seeds))
    monkeypatch.setenv("DRILLMAP_DATA_DIR", str(data))
    at = run_app(event="naval-interaction-2022")
    assert not at.exception
    bodies = " ".join(h.value for h in at.get("html"))
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in bodies
    assert "<script" not in bodies and "<img" not in bodies
    assert XSS_QUOTE not in bodies
    assert "Drill report &lt;script&gt;" in bodies  # the title too
    assert bundled_seeds_dir() != seeds
