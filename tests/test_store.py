"""The store: seeding, transactions, reviews and corrections, on SQLite and on PostgreSQL.

Tests taking ``new_db`` run once per backend (tests/conftest.py starts a real PostgreSQL +
PostGIS server); the rest are about SQLite files.
"""

from __future__ import annotations

import sqlite3

import pytest

from geo.errors import DataFormatError
from geo.model.event import PartialDate
from geo.model.place import Place, place_from_dict, place_to_dict
from geo.services.ingest import ingest_text
from geo.services.seed import prepare_database, seed_database
from geo.store.reading import dataset_from_store
from geo.store.sqlite import SCHEMA_VERSION, Store


@pytest.fixture
def seeded_path(new_db):
    with Store(new_db) as store:
        assert seed_database(store)
        assert not seed_database(store)  # seeded once
    return new_db


def test_new_database_is_seeded_once(seeded_path):
    with Store(seeded_path) as store:
        counts = store.counts()
        assert counts["articles"] == 6 and counts["events"] == 14
        assert counts["claims"] == 1 and counts["mentions"] > 100
        assert store.integrity_check() == "ok"
        assert {e.review for e in store.events()} == {"curated"}
        naval = store.event("naval-interaction-2022")
        assert naval is not None and dict(naval.event.ships_by_side) == {"RU": 5, "CN": 6}
    with Store(seeded_path) as again:
        assert again.counts() == counts


def test_empty_database(new_db):
    with Store(new_db) as store:
        assert set(store.counts().values()) == {0}


def test_failed_transaction_leaves_nothing(new_db):
    store = Store(new_db)

    def half_article() -> None:
        with store.transaction() as conn:
            store.insert_article(conn, article_id="x", text="Troops in Minsk.")
            raise RuntimeError("killed mid-article")

    with pytest.raises(RuntimeError):
        half_article()
    assert store.counts()["articles"] == 0


def test_not_a_database(tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DataFormatError, match="not a drillmap database"):
        Store(bad)


def test_place_round_trip():
    p = Place(name="Gomel", lat=52.43, lon=30.98, country_code="BY", kind="city",
              precision_km=5, source="GeoNames 627907", raw={"population": 480000})
    assert place_from_dict(place_to_dict(p)) == p


def test_event_review_accept_edit_reject(new_db):
    store = Store(new_db)
    result = ingest_text("Belarusian troops began a snap readiness check near Gomel on Monday.",
                         published="2024-02-14", store=store)
    (ev,) = result.events
    stored = store.event(ev.event_id)
    assert (stored.origin, stored.review, stored.event.machine_extracted) == (
        "machine", "machine", True)
    assert store.accept_event(ev.event_id).review == "accepted"
    edited = store.edit_event(ev.event_id, name="Snap check 2024", type="land",
                              participants=["by"], troops="about 5000",
                              start=PartialDate(stored.event.start.value, "week"))
    assert (edited.review, edited.event.name, edited.event.troops.value) == (
        "edited", "Snap check 2024", 5000)
    with pytest.raises(ValueError, match="type must be one of"):
        store.edit_event(ev.event_id, type="space")
    with pytest.raises(TypeError):
        store.edit_event(ev.event_id, colour="red")
    store.reject_event(ev.event_id, reason="not an exercise")
    assert store.events() == []
    assert store.event(ev.event_id).review == "rejected"
    assert [c["action"] for c in store.corrections()] == ["accept", "edit", "reject"]


def test_place_correction_is_reused_for_the_next_article(new_db):
    store = Store(new_db)
    first = ingest_text("Tanks drilled near Gomel.", store=store, published="2024-01-10")
    assert [m.place.country_code for m in first.mentions] == ["BY"]
    right = Place(name="Gomel test range", lat=52.2, lon=31.1, country_code="BY",
                  kind="training ground", precision_km=10, source="analyst")
    assert store.correct_place("Gomel", right, note="the range, not the city") == 1
    assert store.mentions(first.article_id)[0]["origin"] == "correction"
    second = ingest_text("Paratroopers landed near Gomel.", store=store, published="2024-01-11")
    (m,) = second.mentions
    assert (m.origin, m.place.name) == ("correction", "Gomel test range")
    store.correct_place("Gomel", None, note="not a place in our reports")
    third = ingest_text("Artillery fired near Gomel.", store=store, published="2024-01-12")
    assert third.mentions == []
    assert store.mentions(first.article_id) == []


def test_geocode_cache(new_db):
    store = Store(new_db)
    p = Place(name="Brest", lat=52.1, lon=23.7, country_code="BY", kind="city")
    with store.transaction() as conn:
        store.put_geocode(conn, "k1", p)
        store.put_geocode(conn, "k2", None)
    assert store.cached_geocode("k1") == (True, p)
    assert store.cached_geocode("k2") == (True, None)
    assert store.cached_geocode("k3") == (False, None)


def test_wal_mode(tmp_path):
    Store(tmp_path / "w.sqlite").close()
    conn = sqlite3.connect(tmp_path / "w.sqlite")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_version_1_database_is_migrated_and_refilled(tmp_path):
    """A database made before schema version 2 gains the article facts, and the next
    prepare_database re-reads them from the bundled data, keeping the rest."""
    path = tmp_path / "v1.sqlite"
    with Store(path) as store:
        seed_database(store)
        with store.transaction() as conn:
            for column in ("date_evidence", "date_reasoning", "dropped_lines"):
                conn.execute(f"ALTER TABLE articles DROP COLUMN {column}")
            conn.execute("ALTER TABLE claims DROP COLUMN claim_json")
            conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
        counts = store.counts()
    with Store(path) as store:
        assert store.meta("schema_version") == str(SCHEMA_VERSION)
        columns = {r[1] for r in store._query("PRAGMA table_info(articles)")}
        assert {"date_evidence", "date_reasoning", "dropped_lines"} <= columns
        assert prepare_database(store) is not None  # the migration asks for a refresh
        ds = dataset_from_store(store)
        assert ds.article_by_id["002"].date_reasoning.startswith("Only the year")
        assert store.counts() == counts
        assert store.integrity_check() == "ok"


def test_claims_are_read_from_their_record_not_reparsed(new_db):
    """A stored claim comes back exactly as checked (direction verdict included), even when the
    article text no longer yields it: reading never re-parses or matches verdict wording."""
    with Store(new_db) as store:
        seed_database(store)
        (check,) = dataset_from_store(store).claims
        with store.transaction() as conn:  # the text no longer states the distance
            conn.execute("UPDATE articles SET text = replace(text, 'kilometers', 'km') "
                         "WHERE id = ?", (check.article_id,))
        (again,) = dataset_from_store(store).claims
    assert again.claim == check.claim and again.verdict == check.verdict
    assert again.claim.direction == "north" and again.verdict.direction_ok is True
