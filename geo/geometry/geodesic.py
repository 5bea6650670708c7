"""Geodesic paths and circles on the WGS84 ellipsoid (pyproj)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
from pyproj import Geod

__all__ = ["distance_to_line_km", "geodesic_circle", "geodesic_path", "geodesic_sector"]


_GEOD = Geod(ellps="WGS84")


# --------------------------------------------------------------------------- geometry
def geodesic_circle(lat: float, lon: float, radius_km: float, *, points: int = 96
                    ) -> list[list[float]]:
    """A true geodesic circle as ``[[lat, lon], ...]`` (Leaflet circles are Mercator)."""
    azimuths = [360.0 * i / points for i in range(points + 1)]
    lons, lats, _ = _GEOD.fwd([lon] * len(azimuths), [lat] * len(azimuths), azimuths,
                              [radius_km * 1000.0] * len(azimuths))
    return [[round(a, 5), round(o, 5)] for a, o in zip(lats, lons, strict=True)]


def geodesic_sector(lat: float, lon: float, bearing_deg: float, half_width_deg: float,
                    near_km: float, far_km: float, *, points: int = 24) -> list[list[float]]:
    """The area ``near_km``-``far_km`` from a point within ``bearing_deg ± half_width_deg``,
    as a closed ring ``[[lat, lon], ...]``: geodesic arcs, so every vertex of the outer arc
    lies exactly ``far_km`` from the point (a sector drawn in Mercator would not)."""
    azimuths = [bearing_deg - half_width_deg + 2 * half_width_deg * i / points
                for i in range(points + 1)]
    outer = _GEOD.fwd([lon] * len(azimuths), [lat] * len(azimuths), azimuths,
                      [far_km * 1000.0] * len(azimuths))
    ring = [[round(a, 5), round(o, 5)] for o, a in zip(outer[0], outer[1], strict=True)]
    if near_km > 0:
        back = azimuths[::-1]
        inner = _GEOD.fwd([lon] * len(back), [lat] * len(back), back,
                          [near_km * 1000.0] * len(back))
        ring += [[round(a, 5), round(o, 5)] for o, a in zip(inner[0], inner[1], strict=True)]
    else:
        ring.append([lat, lon])
    return [*ring, ring[0]]


def geodesic_path(lat1: float, lon1: float, lat2: float, lon2: float, *, step_km: float = 10.0
                  ) -> list[list[float]]:
    """Points along the geodesic between two points as ``[[lat, lon], ...]``."""
    _, _, metres = _GEOD.inv(lon1, lat1, lon2, lat2)
    n = max(0, int(metres / 1000.0 / step_km) - 1)
    middle = _GEOD.npts(lon1, lat1, lon2, lat2, n) if n else []
    return [[lat1, lon1], *[[a, o] for o, a in middle], [lat2, lon2]]


def distance_to_line_km(lat: float, lon: float, line: Sequence[tuple[float, float]], *,
                        step_km: float = 0.5) -> tuple[float, float, float, float]:
    """Geodesic distance from a point to a polyline given as ``[(lat, lon), ...]``.

    Each segment is densified along its geodesic every ``step_km`` and the nearest of those
    points taken, so the result is within ``step_km / 2`` of the exact distance (far closer
    once the point is more than a few km away). Returns ``(distance_km, bearing_deg,
    nearest_lat, nearest_lon)``, the bearing from the point to its nearest point of the line.

    >>> d, b, _, _ = distance_to_line_km(38.0, 127.0, [(37.0, 126.0), (37.0, 128.0)])
    >>> round(d), round(b)
    (111, 180)
    """
    if len(line) < 2:
        msg = f"a line needs two points or more, got {len(line)}"
        raise ValueError(msg)
    lats: list[float] = []
    lons: list[float] = []
    for (lat1, lon1), (lat2, lon2) in itertools.pairwise(line):
        _, _, metres = _GEOD.inv(lon1, lat1, lon2, lat2)
        n = max(0, int(metres / 1000.0 / step_km) - 1)
        lats.append(lat1)
        lons.append(lon1)
        for mlon, mlat in _GEOD.npts(lon1, lat1, lon2, lat2, n) if n else []:
            lats.append(mlat)
            lons.append(mlon)
    lats.append(line[-1][0])
    lons.append(line[-1][1])
    azimuths, _, metres_to = _GEOD.inv(np.full(len(lats), lon), np.full(len(lats), lat),
                                       np.asarray(lons), np.asarray(lats))
    i = int(np.argmin(metres_to))
    return (float(metres_to[i]) / 1000.0, float(azimuths[i]) % 360.0, lats[i], lons[i])
