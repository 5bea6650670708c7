"""Where the app's data comes from: the drillmap database, or the bundled files as a fallback.

Both pages import this module, so they share one open :class:`geo.store.sqlite.Store` per database
file and one cached :class:`geo.model.dataset.Dataset` per state of it. Cache keys carry the
store's :meth:`~geo.store.sqlite.Store.change_token`, which changes with every commit (ingest,
review, correction; from this app or from ``python -m geo ingest`` in another process), so
the next rerun shows the new data and nothing is rebuilt otherwise.

``$DRILLMAP_DB`` names the database (:func:`geo.settings.database_location`). A new
database is filled from ``$DRILLMAP_SEEDS_DIR`` and ``$DRILLMAP_DATA_DIR`` (default: the
bundled ``seeds/`` and ``data/``). If the database cannot be opened, the app shows the
files through :func:`geo.analysis.pipeline.build_dataset`, read-only, with a warning.

The caches are process-wide, so the start-up warm-up (:mod:`warmup`, outside any script run:
``interactive=False``) fills the same entries the first page load reads; a page that arrives
while the warm-up fills a new database shows its progress rather than filling it again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, overload

import pandas as pd
import streamlit as st

from geo.analysis.filters import FilterChoices, filter_choices
from geo.analysis.pipeline import build_dataset
from geo.errors import GeoError
from geo.geocoders.registry import curated_geocoder
from geo.model.dataset import Dataset
from geo.render.tables import claims_frame, events_table
from geo.services.seed import bundled_changed, refresh_database, same_folders, seed_database
from geo.settings import (
    database_location,
    default_data_dir,
    default_seeds_dir,
    env_data_dir,
    env_seeds_dir,
    places_path,
)
from geo.store.reading import dataset_from_store
from geo.store.sqlite import Store

#: A hashable description of one state of the data: ``("store", db, include_unreviewed,
#: id(store), commits, data_version)`` or ``("files", seeds_dir, data_dir)``.
DataKey = tuple[Any, ...]


@dataclass(frozen=True)
class DataSource:
    """What the current run reads: its cache key, the store (None: files) and any warning."""

    key: DataKey
    store: Store | None
    warning: str = ""


def data_dirs() -> tuple[str, str]:
    """The article and curated-data folders, from the environment or the bundled defaults."""
    return str(default_seeds_dir()), str(default_data_dir())


def db_path() -> str:
    """The database: ``$DRILLMAP_DB`` (a file or a ``postgresql://`` URL) or the per-user file."""
    return database_location().target


@st.cache_resource(show_spinner="Opening the database…")
def open_store(db: str) -> Store:
    """One open store per database file, shared by every session (it serialises its writes)."""
    return Store(db)


@st.cache_resource(show_spinner=False)
def geocoder() -> Any:
    """The offline gazetteer of the app's data folder (its own places.csv, if any), built once
    per process (ingest, corrections)."""
    return curated_geocoder(default_data_dir())


#: Held while a database is filled from the bundled data: by the start-up warm-up or a page.
_FILLING = threading.Lock()
#: The last progress report of the filling under way, per database file.
_fill_progress: dict[str, tuple[str, float]] = {}


def _fill(store: Store, seeds: str, data: str, *, interactive: bool) -> None:
    """Fill a new database from the folders; with ``interactive``, under a progress bar.

    One filling at a time: a page load that finds the start-up warm-up (:mod:`warmup`) filling
    the database shows its progress until it is done, instead of filling it a second time.
    """
    bar = (st.progress(0.0, text="First run: filling the database from the bundled data…")
           if interactive else None)
    db = str(store.path)

    def progress(text: str, done: float) -> None:
        _fill_progress[db] = (text, done)
        if bar is not None:
            bar.progress(done, text=f"First run: {text}")

    while not _FILLING.acquire(timeout=0.1):
        if db in _fill_progress:
            progress(*_fill_progress[db])
    try:
        seed_database(store, seeds_dir=seeds, data_dir=data, geocoder=geocoder(),
                      progress=progress)
    finally:
        _fill_progress.pop(db, None)
        _FILLING.release()
    if bar is not None:
        bar.empty()


def _seed(store: Store, seeds: str, data: str, *, interactive: bool = True) -> str | None:
    """Fill a new database from the folders (with a progress bar), or refresh it if their
    files changed since.

    A database seeded from these folders picks up later changes of the curated files (a
    ``git pull``) with :func:`geo.services.seed.refresh_database`, keeping what the analyst
    added; the run that does it shows "Bundled data changed: N events refreshed" once.
    Returns a note if the database was filled from other folders (then nothing is refreshed).
    Not ``interactive`` (the start-up warm-up: nothing can be shown), a refresh is left to
    the page, which says so, and None is returned.
    """
    if not store.is_seeded():
        if not Path(seeds).is_dir():
            msg = f"articles folder not found: {seeds}"
            raise FileNotFoundError(msg)
        _fill(store, seeds, data, interactive=interactive)
        return ""
    origin = store.seeded_from()
    wanted = {"seeds": str(Path(seeds).resolve()), "data": str(Path(data).resolve())}
    if origin and origin != wanted and (env_seeds_dir() or env_data_dir()):
        return (f"The database `{store.path}` was filled from `{origin.get('seeds')}` and "
                f"`{origin.get('data')}`; `DRILLMAP_SEEDS_DIR`/`DRILLMAP_DATA_DIR` only fill a "
                "new database. Point `DRILLMAP_DB` to a new file to use other folders.")
    if same_folders(store, seeds, data) and bundled_changed(store, seeds_dir=seeds,
                                                            data_dir=data):
        if not interactive:
            return None
        with st.spinner("The bundled data changed: refreshing the database…"):
            report = refresh_database(store, seeds_dir=seeds, data_dir=data)
        if report is not None:
            n = report.events_refreshed
            st.info(f"Bundled data changed: {n} event{'s' if n != 1 else ''} refreshed")
    return ""


@overload
def current_source(*, include_unreviewed: bool = ..., interactive: Literal[True] = ...
                   ) -> DataSource: ...


@overload
def current_source(*, include_unreviewed: bool = ..., interactive: bool) -> DataSource | None:
    ...


def current_source(*, include_unreviewed: bool = False, interactive: bool = True
                   ) -> DataSource | None:
    """The database (seeded on first use), or the files with a warning if it cannot be opened.

    Not ``interactive`` (the start-up warm-up), None where the page has something to show
    first: the database cannot be opened, or its bundled data changed (see :func:`_seed`).

    Raises
    ------
    GeoError, OSError
        The folders a new database is filled from are missing or malformed (the caller shows
        the message).
    """
    seeds, data = data_dirs()
    db = db_path()
    try:
        store = open_store(db)
    except (GeoError, OSError, sqlite3.Error) as exc:
        if not interactive:
            return None
        warning = (f"**The database `{database_location(db)}` could not be opened** ({exc}). "
                   "Showing the bundled files instead, read-only: articles cannot be added or "
                   "reviewed. Set `DRILLMAP_DB` to a writable file.")
        return DataSource(("files", seeds, data), None, warning)
    note = _seed(store, seeds, data, interactive=interactive)
    if note is None:
        return None
    key = ("store", db, include_unreviewed, id(store), *store.change_token())
    return DataSource(key, store, note)


def content_fingerprint(ds: Dataset) -> str:
    """A sha256 of everything ``ds`` holds (the ``repr`` of each of its fields, in order)
    and of the curated places file the map's sea and strait labels come from.

    Equal for equal data, in this process or another: it names what a rendered map shows
    across restarts (:mod:`mapview` keys its rendered maps on disk by it). Taken from the
    dataset itself rather than from the database's rows, so that the times a database
    records (when it was filled, when an article was ingested) do not count: a new database
    filled from the same bundled data shows the maps an earlier one rendered, and no read
    of the database can race with the hash.
    """
    digest = hashlib.sha256()
    for f in dataclasses.fields(ds):
        digest.update(f"\0{f.name}\0{getattr(ds, f.name)!r}".encode())
    labels = places_path()
    digest.update(b"\0places\0" + (labels.read_bytes() if labels.is_file() else b""))
    return digest.hexdigest()


@st.cache_resource(max_entries=4, show_spinner="Reading the data…")
def load_dataset(key: DataKey) -> Dataset:
    """The dataset of one state of the data; shared by every session (read-only)."""
    if key[0] == "store":
        return dataset_from_store(open_store(key[1]), include_unreviewed=key[2])
    _, seeds, data = key
    if not Path(seeds).is_dir():
        msg = f"articles folder not found: {seeds}"
        raise FileNotFoundError(msg)
    return build_dataset(seeds_dir=seeds, data_dir=data)


@st.cache_resource(max_entries=4, show_spinner=False)
def data_fingerprint(key: DataKey) -> str:
    """The data ``key`` names, as :func:`content_fingerprint` of its dataset, for caches that
    outlive the process."""
    return content_fingerprint(load_dataset(key))


@st.cache_resource(max_entries=8, show_spinner=False)
def tables(key: DataKey) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The events table (with the review column) and the claims table of the whole dataset.

    Shared by every session, like the dataset: callers select rows and columns into new
    frames and never change these.
    """
    ds = load_dataset(key)
    return events_table(ds), claims_frame(ds)


@st.cache_data(max_entries=8, show_spinner=False)
def choices(key: DataKey) -> FilterChoices:
    """The filter options the dataset offers."""
    return filter_choices(load_dataset(key))
