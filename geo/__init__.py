"""drillmap library: articles, gazetteer, geocoding, borders and distances, events, maps, exports.

Coordinate-order cheat sheet (we always use named ``lat``/``lon`` fields inside ``geo``):

============================================  ======================
API                                           order
============================================  ======================
geopy ``Point``, ``distance.geodesic(a, b)``  (lat, lon)
folium ``location=``, ``Marker``, bounds      [lat, lon]; [[s, w], [n, e]]
GeoJSON, shapely ``Point(x, y)``              (lon, lat)
pyproj ``Geod.inv``, ``always_xy=True``       (lon, lat)
``st_folium`` return value                    {"lat": ..., "lng": ...}
============================================  ======================
"""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
