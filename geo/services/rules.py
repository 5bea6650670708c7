"""What a database was filled from decides how it grows: the border rules to measure and the
curated places to geocode with come from the data folder it was seeded from."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from geo.geocoders.base import Geocoder
from geo.geocoders.registry import curated_geocoder
from geo.inputs.curated import load_border_rules
from geo.settings import bundled_data_dir, env_data_dir
from geo.store.sqlite import Store

__all__ = ["border_rules_for", "data_dir_of", "geocoder_for"]


def data_dir_of(store: Store) -> Path:
    """The curated-data folder the database was seeded from, else the bundled ``data/``."""
    folder = store.seeded_from().get("data")
    if folder and (Path(folder) / "border_rules.csv").is_file():
        return Path(folder)
    return env_data_dir() or bundled_data_dir()


def border_rules_for(store: Store) -> dict[str, list[str]]:
    """``border_rules.csv`` of the database's own data folder (see :func:`data_dir_of`)."""
    path = data_dir_of(store) / "border_rules.csv"
    try:
        version = path.stat()
    except OSError:
        return load_border_rules(path)  # reports the missing or unreadable file as it does
    rules = _border_rules_read(path, version.st_mtime_ns, version.st_size)
    return {site: list(borders) for site, borders in rules}


@lru_cache(maxsize=8)
def _border_rules_read(path: Path, mtime_ns: int, size: int
                       ) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The rules of one version of a ``border_rules.csv`` (read again when the file changes):
    every pasted article asks for them, and parsing the CSV each time cost 2 % of an ingest."""
    return tuple((site, tuple(borders)) for site, borders in load_border_rules(path).items())


def geocoder_for(store: Store) -> Geocoder:
    """The offline geocoder of the database's own data folder (its ``places.csv``, if any)."""
    return curated_geocoder(data_dir_of(store))
