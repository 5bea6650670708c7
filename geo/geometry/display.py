"""Area outlines for drawing: simplified, rounded, oriented once and memoised.

A country drawn as an event's area (Russia, Belarus) came from the full Natural Earth outline
simplified to 0.01 deg (Russia: 592 KB of GeoJSON), converted through shapely again for every
map, and sent to the browser, which parsed and drew it on every page load. For the screen,
0.03 deg (about 3 km, under a pixel at the zooms such an area is seen at) with coordinates
snapped to 0.001 deg is enough: Russia becomes 115 KB. Each outline is computed once per
process (``functools.lru_cache`` on the JSON text; callers get a fresh dict they may change,
as folium does when it styles features). Distances are never measured on these outlines.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from typing import Any

import shapely
from shapely.geometry.polygon import orient

from geo.geometry import borders

__all__ = [
    "DISPLAY_DECIMALS",
    "DISPLAY_SIMPLIFY_DEG",
    "country_display_geometry",
    "country_geometry_rfc7946",
    "polygon_display_geometry",
    "polygon_rfc7946",
]

#: Douglas-Peucker tolerance of drawn outlines (about 3 km).
DISPLAY_SIMPLIFY_DEG = 0.03

#: Decimals kept in drawn coordinates (0.001 deg: about 100 m).
DISPLAY_DECIMALS = 3


def _rfc7946(geom: Any) -> Any:
    """Exterior rings counter-clockwise, holes clockwise (RFC 7946's right-hand rule)."""
    if geom.geom_type == "Polygon":
        return orient(geom, sign=1.0)
    if geom.geom_type == "MultiPolygon":
        return shapely.MultiPolygon([orient(p, sign=1.0) for p in geom.geoms])
    return geom


def _geojson_text(geom: Any) -> str:
    text: str = shapely.to_geojson(geom)
    return text


def _for_display(geom: Any) -> str:
    """Simplified, snapped to the 0.001 deg grid (GEOS keeps it valid) and oriented, as GeoJSON
    geometry text; slivers that collapse on the grid disappear."""
    geom = shapely.simplify(geom, DISPLAY_SIMPLIFY_DEG, preserve_topology=True)
    geom = shapely.set_precision(geom, 10.0 ** -DISPLAY_DECIMALS)
    return _geojson_text(_rfc7946(geom))


@functools.lru_cache(maxsize=64)
def _country_display_text(iso2: str) -> str:
    return _for_display(borders.country_geometry(iso2))


@functools.lru_cache(maxsize=64)
def _country_rfc7946_text(iso2: str, simplify_deg: float) -> str:
    geometry = borders.country_geojson(iso2, simplify_deg=simplify_deg)["geometry"]
    return _geojson_text(_rfc7946(shapely.geometry.shape(geometry)))


@functools.lru_cache(maxsize=256)
def _polygon_display_text(geojson_text: str) -> str:
    return _for_display(shapely.from_geojson(geojson_text))


@functools.lru_cache(maxsize=256)
def _polygon_rfc7946_text(geojson_text: str) -> str:
    return _geojson_text(_rfc7946(shapely.from_geojson(geojson_text)))


def country_display_geometry(iso2: str) -> dict[str, Any]:
    """A country's outline for drawing as a GeoJSON geometry (a new dict each call).

    Examples
    --------
    >>> ru = country_display_geometry("RU")
    >>> ru["type"], len(json.dumps(ru)) < 250_000
    ('MultiPolygon', True)
    """
    geometry: dict[str, Any] = json.loads(_country_display_text(iso2.upper()))
    return geometry


def country_geometry_rfc7946(iso2: str, *, simplify_deg: float = 0.01) -> dict[str, Any]:
    """:func:`geo.geometry.borders.country_geojson`'s geometry with RFC 7946 ring order,
    for exports (GeoJSON, KML); memoised, a new dict each call."""
    geometry: dict[str, Any] = json.loads(_country_rfc7946_text(iso2.upper(), simplify_deg))
    return geometry


def polygon_rfc7946(geometry: Mapping[str, Any]) -> dict[str, Any]:
    """A (Multi)Polygon GeoJSON geometry with RFC 7946 ring order; memoised, a new dict."""
    oriented: dict[str, Any] = json.loads(_polygon_rfc7946_text(json.dumps(dict(geometry))))
    return oriented


def polygon_display_geometry(geometry: Mapping[str, Any]) -> dict[str, Any]:
    """A (Multi)Polygon GeoJSON geometry simplified and rounded for drawing (a new dict).

    Examples
    --------
    >>> square = {"type": "Polygon",
    ...           "coordinates": [[[0, 0], [0, 1.00004], [1, 1], [1, 0], [0, 0]]]}
    >>> polygon_display_geometry(square)["coordinates"]  # rounded, counter-clockwise
    [[[0.0, 1.0], [0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]]]
    """
    shown: dict[str, Any] = json.loads(_polygon_display_text(json.dumps(dict(geometry))))
    return shown
