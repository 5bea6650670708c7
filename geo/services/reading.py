"""The one way the app, the command line and every export read what they show: the database."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from geo.analysis.pipeline import measure_sites
from geo.errors import ConfigurationError
from geo.geometry import borders
from geo.model.dataset import Dataset
from geo.model.place import Place
from geo.services.seed import Progress, prepare_database, same_folders
from geo.store.reading import dataset_from_store
from geo.store.sqlite import Store

__all__ = ["open_database", "read_dataset"]


def open_database(path: str | Path | None = None, *, seeds_dir: str | Path | None = None,
                  data_dir: str | Path | None = None, geocoder: Any = None,
                  progress: Progress | None = None) -> Store:
    """Open the database, filling it first if it is new (or refreshing stale bundled data).

    ``seeds_dir``/``data_dir`` name the folders a *new* database is filled from; asking for
    other folders than those an existing database was filled from is an error (a clear one,
    naming ``--db``), never a silent mix.
    """
    store = Store(path)
    try:
        explicit = seeds_dir is not None or data_dir is not None
        if explicit and store.is_seeded() and not same_folders(store, seeds_dir, data_dir):
            origin = store.seeded_from()
            msg = (f"the database {store.path} was filled from {origin.get('seeds')} and "
                   f"{origin.get('data')}; --seeds/--data only fill a new database (give "
                   "--db a new file to use other folders)")
            raise ConfigurationError(msg)
        prepare_database(store, seeds_dir=seeds_dir, data_dir=data_dir, geocoder=geocoder,
                         progress=progress)
    except BaseException:
        store.close()
        raise
    return store


def read_dataset(store: Store, *, include_unreviewed: bool = False,
                 extra_borders: Sequence[str] = ()) -> Dataset:
    """The database as a :class:`Dataset`, optionally measured to more borders.

    Unreviewed machine-extracted events are left out unless ``include_unreviewed`` (then they
    are marked ``machine_extracted``); rejected ones are always left out. ``extra_borders``
    (ISO2 codes) adds distances from every located site to those borders, computed now.
    """
    for iso2 in extra_borders:
        borders.country_name(iso2)  # raises UnknownCountryError early, with a clear message
    ds = dataset_from_store(store, include_unreviewed=include_unreviewed)
    if not extra_borders:
        return ds
    place_of: dict[tuple[str, str], Place | None] = {}
    for m in ds.mentions:
        if m.place is not None:
            place_of.setdefault((m.article_id, m.surface), m.place)
    have = {(m.event_id, m.surface, m.border_iso2) for m in ds.measurements}
    extra = [m for m in measure_sites(ds.events, ds.event_places, place_of, {}, extra_borders)
             if (m.event_id, m.surface, m.border_iso2) not in have]
    return replace(ds, measurements=[*ds.measurements, *extra])
