"""Shared fixtures. Append new fixtures below; keep each one documented."""

from __future__ import annotations

import csv
import fcntl
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from geo.extract.lexicon import load_lexicon
from geo.extract.mentions import extract_mentions
from geo.geocoders.gazetteer import (
    CuratedPlace,
    Gazetteer,
    default_places_path,
    get_gazetteer,
    load_curated_places,
)
from geo.geocoders.registry import get_geocoder
from geo.settings import bundled_data_dir, bundled_seeds_dir, cache_dir

#: Markup an attacker could put in an article; it must always reach the page as text.
XSS_QUOTE = ('Navies held a drill in the East China Sea <script>window.__xss=1</script> with '
             'ships ${window.__xss=2} and <img src=x onerror="window.__xss=3">.')
XSS_TITLE = "Drill report <script>window.__xss=4</script>"
XSS_ARTICLE_ID = "905"
#: Our own short article: a place, an exercise sentence, force figures and a distance claim.
#: Ingested with publication date 2024-03-12 it yields one new exercise, BY_DRILL_EVENT_ID.
BY_DRILL_ARTICLE = (
    "Belarus holds snap drills near Baranovichi\n\n"
    "Belarusian troops began a snap readiness check near Baranovichi on Tuesday, the defence "
    "ministry in Minsk said. About 1,500 troops and 30 tanks take part in the exercise. "
    "Baranovichi lies about 150 kilometers from the Polish border.")
BY_DRILL_EVENT_ID = "m-by-exercise-in-baranovichi"


def _append_row(path: Path, row: dict[str, str]) -> None:
    with path.open(newline="", encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    with path.open("a", newline="", encoding="utf-8") as handle:
        csv.DictWriter(handle, fieldnames=header).writerow(row)


@pytest.fixture(scope="session")
def xss_dirs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A copy of ``seeds/`` and ``data/`` plus an article full of markup, curated as a source.

    Article ``905`` supports the event ``naval-interaction-2022`` with :data:`XSS_QUOTE`, so
    its text reaches the map popup and the event detail. Returns ``(seeds_dir, data_dir)``.
    """
    root = tmp_path_factory.mktemp("xss")
    seeds, data = root / "seeds", root / "data"
    shutil.copytree(bundled_seeds_dir(), seeds)
    shutil.copytree(bundled_data_dir(), data)
    for path in seeds.iterdir():
        path.chmod(0o644)  # the bundled seeds are read-only
    name = f"{XSS_ARTICLE_ID}_0000000000000000.txt"
    (seeds / name).write_text(f"{XSS_TITLE}\n\n{XSS_QUOTE}\n\nThe drill ended on Friday.\n",
                              encoding="utf-8")
    _append_row(data / "articles.csv", {
        "id": XSS_ARTICLE_ID, "file": f"seeds/{name}", "part": "0", "title": XSS_TITLE,
        "published": "", "published_precision": "", "date_basis": "none",
        "date_evidence": "", "date_reasoning": ""})
    _append_row(data / "event_sources.csv", {
        "event_id": "naval-interaction-2022", "article_id": XSS_ARTICLE_ID, "quote": XSS_QUOTE})
    _append_row(data / "mentions.csv", {
        "article_id": XSS_ARTICLE_ID, "surface": "East China Sea", "query": "",
        "kind_hint": "sea", "note": ""})
    return seeds, data


@pytest.fixture(scope="session", autouse=True)
def session_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Keep every test away from the per-user database: one session database by default.

    ``python -m geo build|export`` without ``--db`` fill it on first use; tests that need a
    database of their own pass ``--db`` or use :func:`app_db`.
    """
    root = tmp_path_factory.mktemp("session-db")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DRILLMAP_DB", str(root / "drillmap.sqlite"))
        mp.setenv("XDG_DATA_HOME", str(root / "xdg"))
        yield root / "drillmap.sqlite"


@pytest.fixture
def app_db(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A new, empty database file for the app (``DRILLMAP_DB``); the app seeds it on first use.

    Keeps the app away from the per-user database; each test gets its own.
    """
    path = tmp_path / "drillmap.sqlite"
    monkeypatch.setenv("DRILLMAP_DB", str(path))
    return path


@pytest.fixture(scope="session")
def read():
    """``read(text)``: the place mentions drillmap finds in ``text``, by surface."""
    geocoder, lexicon = get_geocoder("offline"), load_lexicon()

    def run(text: str) -> dict[str, object]:
        return {m.surface: m for m in extract_mentions(text, geocoder, lexicon)}

    return run


@pytest.fixture(scope="session", autouse=True)
def warm_user_cache() -> None:
    """Build the per-user gazetteer index the app reads once, before any test runs the app.

    On a fresh machine (or a fresh clone: the index is keyed by its ``places.csv``) the build
    takes 20-60 s; the first AppTest script run, limited to 60 s, must not pay for it.
    Costs about 50 ms when the index is already there. Parallel test workers (pytest-xdist)
    take turns, so one builds it and the others load it.
    """
    with _one_at_a_time(cache_dir()):
        get_gazetteer()


@contextmanager
def _one_at_a_time(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder/.tests.lock`` (made if missing) while the block runs:
    the test workers of one run share cache folders, and building the same index in each at
    once would only waste their cores (the build itself is safe to race)."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / ".tests.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def cache_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One session cache dir for the gazetteer and geocoding tests: the index is built once
    (shared by the parallel workers of one run, whose own temporary folders sit side by side)."""
    base = tmp_path_factory.getbasetemp()
    root = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "drillmap-cache"
    root.mkdir(exist_ok=True)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DRILLMAP_CACHE_DIR", str(root))
        yield root


@pytest.fixture(scope="session")
def gaz(cache_root: Path) -> Gazetteer:
    """The gazetteer over the session cache dir (its index built once for the session)."""
    with _one_at_a_time(cache_root):
        return get_gazetteer(cache_dir=cache_root)


@pytest.fixture(scope="session")
def curated_rows() -> dict[str, CuratedPlace]:
    """The bundled ``data/places.csv`` rows by name."""
    return {row.name: row for row in load_curated_places(default_places_path())}


@pytest.fixture(scope="session")
def geocoder():
    """The offline gazetteer geocoder, shared by the extraction tests (modules may override)."""
    return get_geocoder("offline")


@pytest.fixture(scope="session")
def lexicon():
    """The bundled extraction lexicon."""
    return load_lexicon()


# --------------------------------------------------------------------------- PostgreSQL
def _postgres_bindir() -> Path | None:
    """The folder of PostgreSQL's server programs (initdb, pg_ctl), newest version first."""
    found = shutil.which("pg_ctl")
    candidates = [Path(found).resolve().parent] if found else []
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    return next((c for c in candidates if (c / "initdb").exists() and (c / "pg_ctl").exists()),
                None)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class PostgresServer:
    """A throw-away PostgreSQL cluster: Unix socket in ``socket_dir``, trust authentication."""

    socket_dir: Path
    port: int
    user: str = "drillmap"

    def url(self, dbname: str) -> str:
        """The ``postgresql://`` URL of a database on this server."""
        return f"postgresql://{self.user}@/{dbname}?host={self.socket_dir}&port={self.port}"

    def new_database(self) -> str:
        """A new, empty database with PostGIS (from a template): its URL."""
        name = f"t{next(_DB_NUMBERS)}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name} TEMPLATE template_postgis")
        return self.url(name)


_DB_NUMBERS = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A real PostgreSQL + PostGIS server for this test session, never a mock.

    ``initdb`` in a new temporary folder, started with ``pg_ctl`` on a Unix socket in that folder
    (no TCP listener) on a free port, as ``nobody`` when the tests run as root (PostgreSQL
    refuses root); a ``template_postgis`` database has the extension, so each test's database
    is a quick copy. Stopped and deleted at the end. Skipped, with the reason, only when the
    server programs or PostGIS are not installed (``scripts/run-tests.sh`` installs both).
    """
    bindir = _postgres_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL server programs (initdb, pg_ctl) are not installed; "
                    "scripts/run-tests.sh installs Debian's postgresql when run as root")
    sharedir = subprocess.run([bindir / "pg_config", "--sharedir"], capture_output=True,
                              text=True, check=False).stdout.strip()
    if not sharedir or not (Path(sharedir) / "extension" / "postgis.control").exists():
        pytest.skip(f"PostGIS is not installed for the PostgreSQL in {bindir}; "
                    "scripts/run-tests.sh installs Debian's postgresql-15-postgis-3 as root")
    root = Path(tempfile.mkdtemp(prefix="drillmap-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(root, user="nobody")
        as_user = ["runuser", "-u", "nobody", "--"]
    data, port = root / "data", _free_port()
    # An ICU English collation, as a real server's locale would be ("m-x" sorts after "Mx"):
    # the store must order rows as SQLite does anyway.
    subprocess.run([*as_user, bindir / "initdb", "-D", data, "-U", "drillmap", "-A", "trust",
                    "-E", "UTF8", "--locale-provider=icu", "--icu-locale=en-US",
                    "--locale=C.UTF-8", "--no-sync", "--no-instructions"], check=True,
                   capture_output=True)
    options = (f"-k {root} -p {port} -c listen_addresses='' -c fsync=off "
               "-c synchronous_commit=off -c full_page_writes=off")
    subprocess.run([*as_user, bindir / "pg_ctl", "-D", data, "-l", root / "server.log", "-w",
                    "-o", options, "start"], check=True, capture_output=True)
    server = PostgresServer(socket_dir=root, port=port)
    try:
        with psycopg.connect(server.url("postgres"), autocommit=True) as conn:
            conn.execute("CREATE DATABASE template_postgis")
        with psycopg.connect(server.url("template_postgis"), autocommit=True) as conn:
            conn.execute("CREATE EXTENSION postgis")
        yield server
    finally:
        subprocess.run([*as_user, bindir / "pg_ctl", "-D", data, "-m", "immediate", "stop"],
                       check=False, capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def new_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty database on each backend: a SQLite file, then a PostgreSQL database.

    Store tests take it instead of a file name, so the same suite runs against both engines.
    """
    if request.param == "sqlite":
        return str(tmp_path / "drillmap.sqlite")
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.new_database()
