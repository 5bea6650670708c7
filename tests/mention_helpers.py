"""Helpers shared by the tests that read place mentions out of sentences."""

from __future__ import annotations

from geopy.distance import geodesic


def near(mention, lat: float, lon: float, km: float = 25.0) -> bool:
    """Whether ``mention`` was placed within ``km`` of ``(lat, lon)``."""
    return geodesic((mention.place.lat, mention.place.lon), (lat, lon)).km < km
