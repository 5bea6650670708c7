"""Geocoders by service name (like geopy's SERVICE_TO_GEOCODER)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from geo.errors import ConfigurationError
from geo.geocoders.airfields import find_airfield
from geo.geocoders.base import Geocoder
from geo.geocoders.gazetteer import OfflineGeocoder
from geo.geocoders.nominatim import NominatimGeocoder
from geo.model.place import Place
from geo.settings import data_places_path

__all__ = ["SERVICE_TO_GEOCODER", "curated_geocoder", "geocode", "get_geocoder"]


def _offline_factory(**kwargs: Any) -> Geocoder:
    """The offline gazetteer, with airportsdata's airfields as its second source."""
    kwargs.setdefault("airfields", find_airfield)
    return OfflineGeocoder(**kwargs)


#: Service name -> factory (like geopy's ``SERVICE_TO_GEOCODER``).
SERVICE_TO_GEOCODER: dict[str, Callable[..., Geocoder]] = {
    "offline": _offline_factory,
    "nominatim": NominatimGeocoder,
}


def get_geocoder(name: str = "offline", **kwargs: Any) -> Geocoder:
    """Create a geocoder by service name.

    Parameters
    ----------
    name : str, optional
        ``"offline"`` (default; :class:`geo.geocoders.gazetteer.OfflineGeocoder`) or ``"nominatim"``
        (:class:`NominatimGeocoder`, requires ``user_agent=``).
    **kwargs
        Keyword options passed to the geocoder's constructor.

    Raises
    ------
    ConfigurationError
        For an unknown service name or bad options.
    """
    key = (name or "").strip().lower()
    try:
        factory = SERVICE_TO_GEOCODER[key]
    except KeyError:
        known = ", ".join(sorted(SERVICE_TO_GEOCODER))
        raise ConfigurationError(f"unknown geocoder {name!r}; known: {known}") from None
    return factory(**kwargs)


def curated_geocoder(data_dir: str | Path) -> Geocoder:
    """The offline geocoder for a data folder: its own ``places.csv`` if it has one.

    A bad row there is reported with its file and line on first use, never ignored.
    """
    own = data_places_path(Path(data_dir))
    return get_geocoder("offline", places_path=own) if own else get_geocoder("offline")


def geocode(
    query: str,
    *,
    exactly_one: bool = True,
    country_bias: Sequence[str] = (),
    kind_hint: str | None = None,
) -> Place | list[Place] | None:
    """Geocode with the shared offline gazetteer (convenience for scripts and notebooks)."""

    return OfflineGeocoder(airfields=find_airfield).geocode(
        query, exactly_one=exactly_one, country_bias=country_bias, kind_hint=kind_hint
    )
