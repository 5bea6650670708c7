"""Store.refresh_curated: a changed bundled dataset reaches an existing database, the analyst's
work (ingested articles, machine events and their review, sources, corrections) survives."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BY_DRILL_ARTICLE, BY_DRILL_EVENT_ID

from geo.model.place import Place
from geo.services.corrections import apply_place_correction
from geo.services.ingest import ingest_text
from geo.services.seed import (
    bundled_changed,
    bundled_fingerprint,
    prepare_database,
    refresh_database,
    seed_database,
)
from geo.settings import bundled_data_dir, bundled_seeds_dir
from geo.store.reading import dataset_from_store
from geo.store.sqlite import Store

#: Our article: a new exercise (BY_DRILL_EVENT_ID) and a report of a curated one.
NAVAL_SENTENCE = ("Russia and China will jointly hold the Naval Interaction-2022 exercise from "
                  "21-27 December in the East China Sea, the ministry said.")
ARTICLE = f"{BY_DRILL_ARTICLE}\n\n{NAVAL_SENTENCE}"
NEW_QUOTE = ("But Western officials speaking to media on background this week have expressed "
             "doubt that Russia could launch an offensive from Belarus in the coming months.")
RUZHANY_RANGE = Place(name="Ruzhany range (analyst)", lat=52.80, lon=24.95, country_code="BY",
                      kind="training ground", precision_km=3.0, source="analyst")


def _copy_bundled(root: Path) -> tuple[Path, Path]:
    seeds, data = root / "seeds", root / "data"
    shutil.copytree(bundled_seeds_dir(), seeds)
    shutil.copytree(bundled_data_dir(), data)
    for path in [*seeds.iterdir(), *data.iterdir()]:
        path.chmod(0o644)  # the bundled files may be read-only
    return seeds, data


def _rewrite(path: Path, change: Callable[[list[dict[str, str]]], list[dict[str, str]]]) -> None:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        header, rows = list(reader.fieldnames or ()), list(reader)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(change(rows))


def _drop_event(data: Path, event_id: str) -> None:
    for name in ("events.csv", "event_sources.csv", "event_places.csv"):
        key = "id" if name == "events.csv" else "event_id"
        _rewrite(data / name, lambda rows, key=key: [r for r in rows if r[key] != event_id])


def _rename(data: Path, event_id: str, name: str) -> None:
    _rewrite(data / "events.csv",
             lambda rows: [{**r, "name": name} if r["id"] == event_id else r for r in rows])


def _sound(store: Store) -> None:
    assert store.integrity_check() == "ok"
    if store.backend == "sqlite":  # PostgreSQL checks every foreign key as it writes
        assert store._query("PRAGMA foreign_key_check") == []


@pytest.fixture
def setup(tmp_path: Path, new_db: str) -> tuple[Store, Path, Path, str]:
    """A database seeded from a copy of the bundled data, with the analyst's work in it
    (SQLite, then PostgreSQL)."""
    seeds, data = _copy_bundled(tmp_path)
    store = Store(new_db)
    seed_database(store, seeds_dir=seeds, data_dir=data)
    result = ingest_text(ARTICLE, published="2022-12-20", store=store)
    assert result.status == "ingested", result.message
    assert {(e.event_id, e.created) for e in result.events} == {
        (BY_DRILL_EVENT_ID, True), ("naval-interaction-2022", False)}
    store.accept_event(BY_DRILL_EVENT_ID, note="checked")
    assert apply_place_correction(store, "Ruzhansky training grounds", RUZHANY_RANGE) == 1
    return store, seeds, data, result.article_id


def test_fingerprint_is_recorded_and_follows_the_files(tmp_path: Path) -> None:
    seeds, data = _copy_bundled(tmp_path)
    with Store(tmp_path / "f.sqlite") as store:
        seed_database(store, seeds_dir=seeds, data_dir=data)
        stored = store.meta("seeded_fingerprint")
        assert stored == bundled_fingerprint(seeds, data) == bundled_fingerprint()
        assert not bundled_changed(store, seeds_dir=seeds, data_dir=data)
        (data / "notes.csv").write_text("a\n", encoding="utf-8")
        assert bundled_changed(store, seeds_dir=seeds, data_dir=data)
        assert refresh_database(store, seeds_dir=seeds, data_dir=data) is None  # nothing shows
        assert not bundled_changed(store, seeds_dir=seeds, data_dir=data)


def test_refresh_takes_bundled_changes_and_keeps_the_analysts_work(setup) -> None:
    store, seeds, data, article_id = setup
    before = dataset_from_store(store)
    ruzhany_before = sorted((m.place_name, m.border_iso2, round(m.distance_km, 6))
                            for m in before.measurements_of("flight-tactical-ruzhansky-2023"))
    assert {p for p, _, _ in ruzhany_before} == {RUZHANY_RANGE.name}
    corrections = store.corrections()
    assert [c["action"] for c in corrections] == ["accept", "resolve"]

    _rename(data, "union-shield-2023", "Union Shield-2023 (corrected)")
    with (data / "event_sources.csv").open("a", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerow(["union-shield-2023", "002", NEW_QUOTE])
    _drop_event(data, "training-centres-decree-2023")

    assert not seed_database(store, seeds_dir=seeds, data_dir=data)  # seeded already
    report = prepare_database(store, seeds_dir=seeds, data_dir=data)  # what the app does
    assert report is not None
    assert report.events_updated == ["union-shield-2023"]
    assert report.events_removed == ["training-centres-decree-2023"]
    assert (report.events_added, report.events_kept, report.articles_removed) == ([], [], [])
    assert report.events_refreshed == 2 and report.corrected_mentions == 1

    ds = dataset_from_store(store)
    assert ds.event_by_id["union-shield-2023"].name == "Union Shield-2023 (corrected)"
    assert NEW_QUOTE in [s.quote for s in ds.sources if s.event_id == "union-shield-2023"]
    assert "training-centres-decree-2023" not in ds.event_by_id
    # The analyst's work: the accepted machine event, the ingested source, the corrections.
    machine = store.event(BY_DRILL_EVENT_ID)
    assert (machine.origin, machine.review) == ("machine", "accepted")
    assert (article_id, NAVAL_SENTENCE) in [(a, q) for a, q, _ in
                                            store.event("naval-interaction-2022").sources]
    assert store.articles()[-1]["id"] == article_id
    assert store.corrections() == corrections
    assert store.place_corrections() == {"ruzhansky training grounds": RUZHANY_RANGE}
    (mention,) = [m for m in store.mentions("002") if m["surface"] == "Ruzhansky training grounds"]
    assert (mention["origin"], mention["name"]) == ("correction", RUZHANY_RANGE.name)
    ruzhany_after = sorted((m.place_name, m.border_iso2, round(m.distance_km, 6))
                           for m in ds.measurements_of("flight-tactical-ruzhansky-2023"))
    assert ruzhany_after == ruzhany_before
    assert [c.verdict for c in ds.claims] == [c.verdict for c in before.claims]
    assert ds.measurements_of(BY_DRILL_EVENT_ID) == before.measurements_of(BY_DRILL_EVENT_ID)
    assert store.ingest_log()[-1]["status"] == "refreshed"
    _sound(store)

    # Nothing changed since: a second refresh is a no-op.
    counts, token, log = store.counts(), store.change_token(), store.ingest_log()
    assert refresh_database(store, seeds_dir=seeds, data_dir=data) is None
    assert (store.counts(), store.change_token(), store.ingest_log()) == (counts, token, log)
    _sound(store)


def test_removed_curated_event_with_ingested_evidence_is_kept_for_review(setup) -> None:
    store, seeds, data, article_id = setup
    _drop_event(data, "naval-interaction-2022")
    report = refresh_database(store, seeds_dir=seeds, data_dir=data)
    assert report is not None
    assert report.events_kept == ["naval-interaction-2022"] and report.events_removed == []
    kept = store.event("naval-interaction-2022")
    assert (kept.origin, kept.review) == ("machine", "machine")
    assert [a for a, _, _ in kept.sources] == [article_id]  # only the ingested evidence
    messages = [r["message"] for r in store.ingest_log() if r["status"] == "refreshed"]
    assert any("naval-interaction-2022" in m and "kept" in m for m in messages)
    assert dataset_from_store(store).event_by_id["naval-interaction-2022"].machine_extracted
    _sound(store)


def test_edited_curated_event_keeps_the_analysts_edit(setup) -> None:
    store, seeds, data, _ = setup
    store.edit_event("union-shield-2023", status="under way", note="later report")
    _rename(data, "union-shield-2023", "Union Shield-2023")
    assert refresh_database(store, seeds_dir=seeds, data_dir=data) is not None
    event = store.event("union-shield-2023")
    assert (event.review, event.event.name, event.event.status) == (
        "edited", "Union Shield-2023", "under way")
    _sound(store)


def test_app_refreshes_and_says_so_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.testing.v1 import AppTest

    seeds, data = _copy_bundled(tmp_path)
    db = tmp_path / "app.sqlite"
    with Store(db) as store:
        seed_database(store, seeds_dir=seeds, data_dir=data)
    _rename(data, "union-shield-2023", "Union Shield-2023 (corrected)")
    for name, value in (("DRILLMAP_DB", db), ("DRILLMAP_SEEDS_DIR", seeds),
                        ("DRILLMAP_DATA_DIR", data)):
        monkeypatch.setenv(name, str(value))
    app = Path(__file__).resolve().parent.parent / "dashboard" / "app.py"
    at = AppTest.from_file(str(app), default_timeout=60).run()
    assert not at.exception
    assert [i.value for i in at.info if "Bundled data" in i.value] == [
        "Bundled data changed: 1 event refreshed"]
    at.run()
    assert not [i.value for i in at.info if "Bundled data" in i.value]
