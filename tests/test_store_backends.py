"""The store on both engines: concurrent analysts and ingests, foreign and damaged databases,
migrations, geometry, and the command line, exports and app reading PostgreSQL unchanged.

Tests taking ``new_db`` run once on a SQLite file and once on a real PostgreSQL + PostGIS
database (tests/conftest.py, ``postgres_server``).
"""

from __future__ import annotations

import hashlib
import random
import sqlite3
import threading
from pathlib import Path
from typing import Any

import psycopg
import pytest
from conftest import BY_DRILL_ARTICLE as ARTICLE
from conftest import BY_DRILL_EVENT_ID as EVENT_ID
from conftest import PostgresServer
from streamlit.testing.v1 import AppTest

from geo.cli import main
from geo.errors import ConcurrentEditError, DatabaseUnusableError
from geo.services.corrections import ReviewInputError, edit_event_fields
from geo.services.ingest import ingest_files, ingest_text
from geo.services.seed import seed_database
from geo.settings import database_location
from geo.store.sqlite import SCHEMA_VERSION, Store

PUBLISHED = "2024-03-12"
APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
STALE = "changed by someone else since you opened it; reload"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _ingested(db: str) -> None:
    with Store(db) as store:
        result = ingest_text(ARTICLE, published=PUBLISHED, store=store)
        assert [e.event_id for e in result.events] == [EVENT_ID]


# --------------------------------------------------------------------------- two analysts
def test_the_second_analyst_saving_a_stale_event_is_told_to_reload(new_db: str) -> None:
    _ingested(new_db)
    with Store(new_db) as ana, Store(new_db) as ben:
        ana_opened = ana.event(EVENT_ID).version
        ben_opened = ben.event_version(EVENT_ID)
        assert ana_opened == ben_opened == 1
        saved = ana.edit_event(EVENT_ID, version=ana_opened, name="Snap check at Baranovichi")
        assert saved.version == 2
        with pytest.raises(ConcurrentEditError, match=STALE):
            ben.edit_event(EVENT_ID, version=ben_opened, troops="about 2000")
        with pytest.raises(ConcurrentEditError, match=STALE):
            ben.reject_event(EVENT_ID, version=ben_opened)
        with pytest.raises(ReviewInputError, match=STALE):  # the app's form, via the service
            edit_event_fields(ben, EVENT_ID, name="Other name", type="land",
                              start=None, start_precision="unknown", end=None,
                              end_precision="unknown", participants="BY", version=ben_opened)
        now = ben.event(EVENT_ID)
        assert (now.version, now.review, now.event.name, now.event.troops.value) == (
            2, "edited", "Snap check at Baranovichi", 1500)  # Ana's edit, nothing of Ben's
        # Ben reloads and saves on top of Ana's edit: both are kept.
        again = ben.edit_event(EVENT_ID, version=now.version, troops="about 2000")
        assert (again.version, again.event.name, again.event.troops.value) == (
            3, "Snap check at Baranovichi", 2000)
        assert [c["action"] for c in ana.corrections()] == ["edit", "edit"]


def test_two_analysts_saving_at_the_same_moment_one_wins_one_is_refused(new_db: str) -> None:
    _ingested(new_db)
    barrier = threading.Barrier(2)
    outcomes: dict[str, Any] = {}

    def analyst(name: str, troops: str) -> None:
        with Store(new_db) as store:
            opened = store.event_version(EVENT_ID)
            barrier.wait()  # both have opened version 1 before either saves
            try:
                outcomes[name] = store.edit_event(EVENT_ID, version=opened, troops=troops)
            except ConcurrentEditError as exc:
                outcomes[name] = exc

    threads = [threading.Thread(target=analyst, args=(n, t))
               for n, t in (("ana", "about 2000"), ("ben", "about 3000"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    refused = [n for n, o in outcomes.items() if isinstance(o, ConcurrentEditError)]
    saved = [n for n, o in outcomes.items() if not isinstance(o, ConcurrentEditError)]
    assert len(refused) == 1 and len(saved) == 1, outcomes
    with Store(new_db) as store:
        stored = store.event(EVENT_ID)
        assert stored.version == 2
        assert stored.event.troops.value == outcomes[saved[0]].event.troops.value
        assert [c["action"] for c in store.corrections()] == ["edit"]


# --------------------------------------------------------------------------- overlapping ingests
class _IngestsMeanwhile:
    """A geocoder that, at the first place it looks up, lets another process store the same
    article: the interleaving of two overlapping ``geo ingest`` runs, made deterministic."""

    def __init__(self, base: Any, db: str) -> None:
        self.base, self.db, self.done = base, db, False

    def geocode(self, *args: Any, **kwargs: Any) -> Any:
        if not self.done:
            self.done = True
            with Store(self.db) as other:
                first = ingest_text(ARTICLE, published=PUBLISHED, store=other, geocoder=self.base)
                assert first.status == "ingested"
        return self.base.geocode(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.base, name)


def test_overlapping_ingests_say_already_ingested(new_db: str, geocoder: Any) -> None:
    with Store(new_db) as store:
        racing = _IngestsMeanwhile(geocoder, new_db)
        result = ingest_text(ARTICLE, published=PUBLISHED, store=store, geocoder=racing)
        assert racing.done  # the other ingest ran after this one's first duplicate check
        assert result.status == "duplicate", result.message
        assert result.message.startswith("already ingested as article ")
        assert "UNIQUE" not in result.message and not result.warnings
        assert store.counts()["articles"] == 1 and store.counts()["events"] == 1


# --------------------------------------------------------------------------- foreign, damaged
def _foreign_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, headline TEXT, body TEXT)")
    conn.execute("INSERT INTO articles (headline, body) VALUES ('Budget vote', 'The council…')")
    conn.commit()
    conn.close()


def test_a_foreign_sqlite_file_is_refused_and_left_untouched(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    foreign = tmp_path / "notes.sqlite"
    _foreign_sqlite(foreign)
    before = _digest(foreign)
    with pytest.raises(DatabaseUnusableError, match="not a drillmap database"):
        Store(foreign)
    assert main(["db", "status", "--db", str(foreign)]) == 2
    err = capsys.readouterr().err.strip()
    assert "not a drillmap database" in err and len(err.splitlines()) == 1
    report = tmp_path / "report.txt"
    report.write_text(ARTICLE, encoding="utf-8")
    assert main(["ingest", str(report), "--db", str(foreign)]) == 2
    assert _digest(foreign) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite", "report.txt"]
    conn = sqlite3.connect(foreign)
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["articles"]


def test_a_foreign_postgresql_database_is_refused_and_left_untouched(
        postgres_server: PostgresServer) -> None:
    url = postgres_server.new_database()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE articles (id serial PRIMARY KEY, headline text)")
    with pytest.raises(DatabaseUnusableError, match="not a drillmap database"):
        Store(url)
    with psycopg.connect(url, autocommit=True) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
            "AND table_type = 'BASE TABLE' ORDER BY 1")]
    assert tables == ["articles", "spatial_ref_sys"]  # PostGIS's own, from the template


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    """A seeded database with garbage written over the middle third of the file."""
    path = tmp_path / "damaged.sqlite"
    with Store(path) as store:
        seed_database(store)
        ingest_text(ARTICLE, published=PUBLISHED, store=store)
    assert not Path(f"{path}-wal").exists()  # checkpointed on close: all in one file
    data = bytearray(path.read_bytes())
    third = len(data) // 3
    data[third:2 * third] = random.Random(7).randbytes(third)
    path.write_bytes(bytes(data))
    return path


def test_a_damaged_database_is_refused_and_nothing_is_written(
        damaged: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _digest(damaged)
    with pytest.raises(DatabaseUnusableError, match="damaged database"):
        Store(damaged)
    report = tmp_path / "report.txt"
    report.write_text(ARTICLE.replace("Tuesday", "Monday"), encoding="utf-8")
    assert main(["ingest", str(report), "--db", str(damaged)]) == 2
    err = capsys.readouterr().err.strip()
    assert "damaged database" in err and "could not ingest" not in err
    assert len(err.splitlines()) == 1
    assert main(["build", "--out", str(tmp_path / "out"), "--db", str(damaged)]) == 2
    assert _digest(damaged) == before  # no ingest log row, nothing
    assert not Path(f"{damaged}-wal").exists()


def test_the_app_shows_the_files_read_only_over_a_damaged_database(
        damaged: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRILLMAP_DB", str(damaged))
    before = _digest(damaged)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    warning = at.warning[0].value
    assert "could not be opened" in warning and "damaged database" in warning
    assert "read-only" in warning
    assert int(at.metric[0].value) == 14  # the bundled events, from the files
    assert _digest(damaged) == before


def test_an_unreachable_postgresql_server_is_a_one_line_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"postgresql://drillmap:secret@/drillmap?host={tmp_path}&port=1"
    with pytest.raises(DatabaseUnusableError, match="cannot reach the PostgreSQL database"):
        Store(url)
    assert main(["db", "status", "--db", url]) == 2
    err = capsys.readouterr().err
    assert "cannot reach the PostgreSQL database" in err and "secret" not in err


# --------------------------------------------------------------------------- migrations
def test_a_version_5_database_gains_event_versions(new_db: str) -> None:
    _ingested(new_db)
    with Store(new_db) as store, store.transaction() as conn:
        conn.execute("ALTER TABLE events DROP COLUMN version")
        conn.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
    with Store(new_db) as store:
        assert store.meta("schema_version") == str(SCHEMA_VERSION) == "6"
        assert store.event(EVENT_ID).version == 1
        assert store.accept_event(EVENT_ID, version=1).version == 2


def test_a_newer_schema_is_refused(new_db: str) -> None:
    with Store(new_db) as store, store.transaction() as conn:
        store.set_meta(conn, "schema_version", str(SCHEMA_VERSION + 1))
    with pytest.raises(ValueError, match="newer than this drillmap"):
        Store(new_db)


# --------------------------------------------------------------------------- geometry
def test_mentions_near_a_point_are_the_same_on_both_backends(new_db: str) -> None:
    with Store(new_db) as store:
        seed_database(store)
        ingest_text(ARTICLE, published=PUBLISHED, store=store)
        near = store.mentions_near(53.13, 26.0, 60)  # Baranovichi
        assert {m["name"] for m in near} == {"Baranovichi"}
        assert len(near) == 3  # named three times in the article
        assert near[0]["distance_km"] == pytest.approx(0.591, abs=0.001)
        wide = store.mentions_near(53.13, 26.0, 400)
        names = {m["name"] for m in wide}
        assert {"Baranovichi", "Minsk"} <= names and "Moscow" not in names
        km = [m["distance_km"] for m in wide]
        assert km == sorted(km)
        assert all(m["distance_km"] <= 400 for m in wide)
        with pytest.raises(ValueError, match="radius_km"):
            store.mentions_near(53.13, 26.0, float("nan"))


def test_postgresql_keeps_places_as_indexed_geometries(postgres_server: PostgresServer
                                                        ) -> None:
    url = postgres_server.new_database()
    with Store(url) as store:
        seed_database(store)
    with psycopg.connect(url) as conn:
        indexes = dict(conn.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexdef LIKE '%USING gist%'"
        ).fetchall())
        assert set(indexes) == {"mentions_point", "mentions_area", "site_distances_site"}
        lon, lat, name = conn.execute(
            "SELECT ST_X(point::geometry), ST_Y(point::geometry), name FROM mentions "
            "WHERE name = 'Minsk' LIMIT 1").fetchone()
        assert (round(lat, 2), round(lon, 2)) == (53.9, 27.57)
        (areas,) = conn.execute("SELECT count(*) FROM mentions WHERE area IS NOT NULL "
                                "AND ST_Area(area) > 0").fetchone()
        assert areas >= 1  # the East China Sea's outline
        conn.execute("SET enable_seqscan = off")
        plan = "\n".join(r[0] for r in conn.execute(
            "EXPLAIN SELECT surface FROM mentions WHERE ST_DWithin(point, "
            "ST_SetSRID(ST_MakePoint(27.56, 53.9), 4326)::geography, 10000)"))
        assert "mentions_point" in plan


# --------------------------------------------------------------------------- the same outputs
def test_build_writes_the_same_files_from_either_backend(
        tmp_path: Path, postgres_server: PostgresServer) -> None:
    url = postgres_server.new_database()
    lite = tmp_path / "drillmap.sqlite"
    report = tmp_path / "baranovichi.txt"
    report.write_text(ARTICLE, encoding="utf-8")
    outputs = {}
    for name, db in (("sqlite", str(lite)), ("postgresql", url)):
        assert main(["ingest", str(report), "--published", PUBLISHED, "--db", db]) == 0
        with Store(db) as store:
            store.accept_event(EVENT_ID, version=store.event_version(EVENT_ID))
        out = tmp_path / name
        assert main(["build", "--out", str(out), "--db", db]) == 0
        assert main(["export", "kml", "--out", str(out / "events.kml"), "--db", db]) == 0
        outputs[name] = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    assert set(outputs["sqlite"]) == {"articles.csv", "claims.csv", "distances.csv",
                                      "events.csv", "events.geojson", "events.kml",
                                      "places.csv"}
    assert b"Baranovichi" in outputs["postgresql"]["events.csv"]
    for file, data in outputs["sqlite"].items():
        assert outputs["postgresql"][file] == data, file


def test_the_app_reads_postgresql(postgres_server: PostgresServer,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    url = postgres_server.new_database()
    monkeypatch.setenv("DRILLMAP_DB", url)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert not at.warning, [w.value for w in at.warning]
    assert int(at.metric[0].value) == 14  # the new database, filled from the bundled data
    with Store(url) as store:
        assert store.backend == "postgresql" and store.counts()["events"] == 14
        ingest_text(ARTICLE, published=PUBLISHED, store=store)
        store.accept_event(EVENT_ID)
    at.run()  # another analyst's accepted event shows at the next rerun
    assert not at.exception
    assert int(at.metric[0].value) == 15


def test_a_postgresql_url_keeps_its_slashes_and_hides_its_password() -> None:
    location = database_location("postgresql://ana:pw@db.example:5432/drillmap?sslmode=require")
    assert location.backend == "postgresql"
    assert location.target == "postgresql://ana:pw@db.example:5432/drillmap?sslmode=require"
    assert str(location) == "postgresql://ana@db.example:5432/drillmap?sslmode=require"
    with pytest.raises(ValueError, match="names no database"):
        database_location("postgresql://ana:pw@db.example:5432")


def test_rows_come_in_the_same_order_whatever_the_servers_locale(new_db: str,
                                                                 tmp_path: Path) -> None:
    """Sorted reads compare bytes, as SQLite does, also on a server whose collation is
    English (the test server's: there "alpha" sorts before "Zeta")."""
    files = []
    for stem in ("alpha", "Zeta"):
        path = tmp_path / f"{stem}.txt"
        path.write_text(ARTICLE.replace("Baranovichi", "Brest" if stem == "Zeta" else "Pinsk"),
                        encoding="utf-8")
        files.append(path)
    with Store(new_db) as store:
        batch = ingest_files(files, published=PUBLISHED, store=store)
        assert [r.article_id for r in batch.ingested] == ["alpha", "Zeta"]
        assert [c["article_id"] for c in store.claims()] == ["Zeta", "alpha"]


def test_a_postgresql_database_without_rights_gets_a_clear_message(
        postgres_server: PostgresServer) -> None:
    """A database without PostGIS, opened by a user who may not create the extension."""
    name = "no_postgis"
    with psycopg.connect(postgres_server.url("postgres"), autocommit=True) as conn:
        conn.execute("CREATE ROLE analyst LOGIN")
        conn.execute(f"CREATE DATABASE {name} TEMPLATE template0")
    url = postgres_server.url(name).replace("drillmap@", "analyst@")
    with pytest.raises(DatabaseUnusableError, match="CREATE EXTENSION postgis"):
        Store(url)
    with psycopg.connect(postgres_server.url(name)) as conn:
        (tables,) = conn.execute("SELECT count(*) FROM information_schema.tables "
                                 "WHERE table_schema = 'public'").fetchone()
    assert tables == 0


def test_the_apps_edit_form_refuses_a_save_over_another_analysts_edit(
        app_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DRILLMAP_SEEDS_DIR", raising=False)
    monkeypatch.delenv("DRILLMAP_DATA_DIR", raising=False)
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("add_article.py").run()
    at.text_area(key="add_text").set_value(ARTICLE)
    at.button(key="add_paste").click().run()
    assert at.text_input(key=f"ev-name-{EVENT_ID}").value  # Ana has the form open
    with Store(app_db) as ben:  # Ben, from his own machine, saves first
        ben.edit_event(EVENT_ID, version=ben.event_version(EVENT_ID), troops="about 2000")
    at.text_input(key=f"ev-name-{EVENT_ID}").set_value("Snap check near Baranovichi")
    at.button(key=f"ev-save-{EVENT_ID}").click().run()
    assert not at.exception
    errors = "\n".join(e.value for e in at.error)
    assert STALE in errors
    with Store(app_db) as store:
        stored = store.event(EVENT_ID)
        assert (stored.version, stored.event.name, stored.event.troops.value) == (
            2, "BY exercise in Baranovichi", 2000)  # Ben's edit stands, Ana's not stored
    # A session that opened the form after Ben's save saves, and saves again.
    fresh = AppTest.from_file(APP, default_timeout=60).run()
    fresh.switch_page("add_article.py").run()
    fresh.text_area(key="add_text").set_value(ARTICLE)
    fresh.button(key="add_paste").click().run()  # a duplicate: the review shows it again
    for name in ("Snap check near Baranovichi", "Snap check at Baranovichi"):
        fresh.text_input(key=f"ev-name-{EVENT_ID}").set_value(name)
        fresh.button(key=f"ev-save-{EVENT_ID}").click().run()
        assert f"Saved “{name}”" in "\n".join(s.value for s in fresh.success)
    with Store(app_db) as store:
        assert store.event(EVENT_ID).version == 4


def test_the_store_reconnects_after_the_server_drops_it(postgres_server: PostgresServer
                                                        ) -> None:
    url = postgres_server.new_database()

    def drop(store: Store) -> None:  # an administrator (or a server restart) ends the session
        (pid,) = store._query("SELECT pg_backend_pid()")[0]
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))

    with Store(url) as store:
        drop(store)
        assert store.counts()["articles"] == 0  # a new connection, at once
        drop(store)
        with store.transaction() as conn:  # a transaction starts on a new connection too
            store.insert_article(conn, article_id="a1", text="Troops drilled near Minsk.")

        def broken_midway() -> None:  # mid-transaction: it fails, nothing of it is written
            with store.transaction() as conn:
                store.insert_article(conn, article_id="a2", text="Tanks moved to Brest.")
                drop(store)
                store.insert_article(conn, article_id="a3", text="Ships sailed from Baltiysk.")

        with pytest.raises(DatabaseUnusableError, match="cannot reach"):
            broken_midway()
        assert [a["id"] for a in store.articles()] == ["a1"]
