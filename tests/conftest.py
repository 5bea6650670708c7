"""Shared fixtures. Append new fixtures below; keep each one documented."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from geo.extract.lexicon import load_lexicon
from geo.geocoders.registry import get_geocoder
from geo.settings import bundled_data_dir, bundled_seeds_dir

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
def cache_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One session cache dir for the gazetteer and geocoding tests: the index is built once."""
    root = tmp_path_factory.getbasetemp() / "drillmap-cache"
    root.mkdir(exist_ok=True)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DRILLMAP_CACHE_DIR", str(root))
        yield root


@pytest.fixture(scope="session")
def geocoder():
    """The offline gazetteer geocoder, shared by the extraction tests (modules may override)."""
    return get_geocoder("offline")


@pytest.fixture(scope="session")
def lexicon():
    """The bundled extraction lexicon."""
    return load_lexicon()
