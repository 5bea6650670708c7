"""What a database was filled from decides how it grows: the border rules to measure and the
curated places to geocode with come from the data folder it was seeded from."""

from __future__ import annotations

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
    return load_border_rules(data_dir_of(store) / "border_rules.csv")


def geocoder_for(store: Store) -> Geocoder:
    """The offline geocoder of the database's own data folder (its ``places.csv``, if any)."""
    return curated_geocoder(data_dir_of(store))
