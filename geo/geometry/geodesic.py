"""Geodesic paths and circles on the WGS84 ellipsoid (pyproj)."""

from __future__ import annotations

from pyproj import Geod

__all__ = ["geodesic_circle", "geodesic_path"]


_GEOD = Geod(ellps="WGS84")


# --------------------------------------------------------------------------- geometry
def geodesic_circle(lat: float, lon: float, radius_km: float, *, points: int = 96
                    ) -> list[list[float]]:
    """A true geodesic circle as ``[[lat, lon], ...]`` (Leaflet circles are Mercator)."""
    azimuths = [360.0 * i / points for i in range(points + 1)]
    lons, lats, _ = _GEOD.fwd([lon] * len(azimuths), [lat] * len(azimuths), azimuths,
                              [radius_km * 1000.0] * len(azimuths))
    return [[round(a, 5), round(o, 5)] for a, o in zip(lats, lons, strict=True)]


def geodesic_path(lat1: float, lon1: float, lat2: float, lon2: float, *, step_km: float = 10.0
                  ) -> list[list[float]]:
    """Points along the geodesic between two points as ``[[lat, lon], ...]``."""
    _, _, metres = _GEOD.inv(lon1, lat1, lon2, lat2)
    n = max(0, int(metres / 1000.0 / step_km) - 1)
    middle = _GEOD.npts(lon1, lat1, lon2, lat2, n) if n else []
    return [[lat1, lon1], *[[a, o] for o, a in middle], [lat2, lon2]]
