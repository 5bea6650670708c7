"""The app's rendered maps kept on disk (``dashboard/mapview.py``): what their key holds."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import geo.services.seed
import geo.store.sqlite
from geo.analysis.pipeline import build_dataset

DASHBOARD = Path(__file__).resolve().parent.parent / "dashboard"
sys.path.insert(0, str(DASHBOARD))

import appdata  # noqa: E402  (dashboard/, put on the path above)
import maprender  # noqa: E402
import mapview  # noqa: E402

APP = str(DASHBOARD / "app.py")


@pytest.fixture(autouse=True)
def bundled_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DRILLMAP_SEEDS_DIR", raising=False)
    monkeypatch.delenv("DRILLMAP_DATA_DIR", raising=False)


def _clock(monkeypatch: pytest.MonkeyPatch, when: str) -> None:
    """Every time the seeding and the store record is ``when``."""
    monkeypatch.setattr(geo.services.seed, "_now", lambda: when)
    monkeypatch.setattr(geo.store.sqlite, "_now", lambda: when)


def _not_built(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("the map was built again instead of read from disk")


def test_new_database_of_the_same_data_shows_the_rendered_map(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A second new database filled from the bundled data a day later holds the same events
    # (only the recorded times differ): its first page load reads the map rendered for the
    # first one from disk instead of building it (about a second of a cold start).
    monkeypatch.setattr(mapview, "cache_dir", lambda: tmp_path / "cache")
    views = tmp_path / "cache" / "app-views"
    _clock(monkeypatch, "2026-01-01T09:00:00+00:00")
    monkeypatch.setenv("DRILLMAP_DB", str(tmp_path / "first.sqlite"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    rendered = sorted(views.glob("*.json"))
    assert len(rendered) == 1

    _clock(monkeypatch, "2026-01-02T17:30:00+00:00")
    monkeypatch.setenv("DRILLMAP_DB", str(tmp_path / "second.sqlite"))
    monkeypatch.setattr(maprender, "build_map", _not_built)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert sorted(views.glob("*.json")) == rendered
    assert [m.value for m in at.metric][0] == "14"



def test_fingerprint_follows_what_the_map_shows() -> None:
    ds = build_dataset()
    same = build_dataset()
    renamed = dataclasses.replace(ds, events=[dataclasses.replace(ds.events[0], name="Other"),
                                             *ds.events[1:]])
    fewer = dataclasses.replace(ds, events=ds.events[1:])
    assert appdata.content_fingerprint(same) == appdata.content_fingerprint(ds)
    assert len({appdata.content_fingerprint(d) for d in (ds, renamed, fewer)}) == 3
