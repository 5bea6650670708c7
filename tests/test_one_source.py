"""One source of truth: what ``geo ingest`` stores is what ``geo build`` and every export show.

The database is read by the app, ``build`` and ``export`` through the same code
(:func:`geo.services.reading.read_dataset`); opening it never runs the pipeline.
"""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import pytest
from conftest import BY_DRILL_ARTICLE, BY_DRILL_EVENT_ID

from geo.cli import main
from geo.model.event import MACHINE_TAG
from geo.store.sqlite import Store

EVENT_NAME = "BY exercise in Baranovichi"


@pytest.fixture(scope="module")
def ingested_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new database (filled from the bundled data by ingest) with our article ingested."""
    root = tmp_path_factory.mktemp("one-source")
    report = root / "report.txt"
    report.write_text(BY_DRILL_ARTICLE, encoding="utf-8")
    db = root / "drillmap.sqlite"
    assert main(["ingest", str(report), "--db", str(db), "--published", "2024-03-12"]) == 0
    return db


def _csv_ids(path: Path) -> dict[str, dict[str, str]]:
    return {r["id"]: r for r in csv.DictReader(path.open(encoding="utf-8"))}


def test_opening_a_database_runs_no_pipeline(tmp_path: Path) -> None:
    with Store(tmp_path / "new.sqlite") as store:
        assert not store.is_seeded()
        assert set(store.counts().values()) == {0}


def test_unreviewed_events_only_when_asked_and_marked(ingested_db: Path, tmp_path: Path
                                                      ) -> None:
    plain, marked = tmp_path / "plain.csv", tmp_path / "marked.csv"
    assert main(["export", "csv", "--db", str(ingested_db), "--out", str(plain)]) == 0
    assert main(["export", "csv", "--db", str(ingested_db), "--out", str(marked),
                 "--include-unreviewed"]) == 0
    assert BY_DRILL_EVENT_ID not in _csv_ids(plain)
    rows = _csv_ids(marked)
    assert rows[BY_DRILL_EVENT_ID]["review"] == MACHINE_TAG
    assert rows["naval-interaction-2022"]["review"] == ""
    assert len(rows) == len(_csv_ids(plain)) + 1 == 15

    geojson = tmp_path / "marked.geojson"
    assert main(["export", "geojson", "--db", str(ingested_db), "--out", str(geojson),
                 "--include-unreviewed"]) == 0
    props = [f["properties"] for f in json.loads(geojson.read_text())["features"]
             if f["properties"]["event_id"] == BY_DRILL_EVENT_ID]
    assert props and all(p["machine_extracted"] and p["review"] == MACHINE_TAG for p in props)

    kml = tmp_path / "marked.kml"
    assert main(["export", "kml", "--db", str(ingested_db), "--out", str(kml),
                 "--include-unreviewed"]) == 0
    assert f"<name>{EVENT_NAME} — Baranovichi (site) ({MACHINE_TAG})</name>" in kml.read_text(
        encoding="utf-8")


def test_accepted_event_is_in_every_export_like_a_curated_one(ingested_db: Path,
                                                             tmp_path: Path) -> None:
    with Store(ingested_db) as store:
        store.accept_event(BY_DRILL_EVENT_ID, note="checked")
    out = tmp_path / "build"
    assert main(["build", "--db", str(ingested_db), "--out", str(out)]) == 0
    row = _csv_ids(out / "events.csv")[BY_DRILL_EVENT_ID]
    assert (row["name"], row["review"], row["participants"]) == (EVENT_NAME, "", "BY")
    claims = list(csv.DictReader((out / "claims.csv").open(encoding="utf-8")))
    assert any(c["claim"] == "about 150 kilometers from the Polish border" for c in claims)

    for fmt in ("csv", "geojson", "kml", "html"):
        path = tmp_path / f"view.{fmt}"
        assert main(["export", fmt, "--db", str(ingested_db), "--out", str(path)]) == 0
        text = path.read_text(encoding="utf-8")
        assert EVENT_NAME in text, fmt
        assert MACHINE_TAG not in text.replace(f"dotted outline: {MACHINE_TAG}", ""), fmt


@pytest.mark.browser
def test_accepted_event_has_its_slide(ingested_db: Path, tmp_path: Path) -> None:
    with Store(ingested_db) as store:
        store.accept_event(BY_DRILL_EVENT_ID, note="checked")
    deck = tmp_path / "deck.pptx"
    assert main(["export", "pptx", "--db", str(ingested_db), "--out", str(deck),
                 "--event", BY_DRILL_EVENT_ID]) == 0
    with zipfile.ZipFile(deck) as z:
        slides = " ".join(z.read(n).decode() for n in z.namelist()
                          if n.startswith("ppt/slides/slide"))
    assert EVENT_NAME in slides and "141 km to Poland" in slides.replace("~", "")


def test_seeds_of_another_folder_need_a_new_database(ingested_db: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]
                                                     ) -> None:
    other = tmp_path / "other-seeds"
    other.mkdir()
    assert main(["build", "--db", str(ingested_db), "--seeds", str(other),
                 "--out", str(tmp_path / "o")]) == 2
    assert "--seeds/--data only fill a new database" in capsys.readouterr().err


def test_db_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "cmd.sqlite")
    assert main(["db", "status", "--db", db]) == 0
    assert "not seeded" in capsys.readouterr().out
    assert main(["db", "init", "--db", db]) == 0
    assert "filled from the bundled data" in capsys.readouterr().out
    assert main(["db", "refresh", "--db", db]) == 0
    assert "up to date" in capsys.readouterr().out
    assert main(["db", "status", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "seeded " in out and "6 articles" in out and "14 events" in out
