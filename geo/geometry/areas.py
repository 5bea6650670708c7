"""Sea areas as water only: a sea's published limits with the land inside them removed.

A sea's limits, as IHO S-23 *Limits of Oceans and Seas* publishes them, run from cape to
cape and "through" islands (the East China Sea's eastern limit crosses Okinawa, Tanegashima
and Kyushu's coast), and its landward side is simply "the mainland". ``data/places.csv``
holds those limits as a polygon whose vertices are the named points of S-23 (a landward side
may run inland); :func:`water_area` removes the land of every country the polygon touches
(Natural Earth 10m admin-0, the outlines distances are measured to) and simplifies the
coastline for drawing. So an island inside the limits is never drawn as sea, and the water a
crossed island cuts off from the sea (a bay on its far side) is not kept either.
"""

from __future__ import annotations

from typing import Any

import shapely

from geo.geometry import borders

__all__ = ["WATER_SIMPLIFY_DEG", "water_area"]

#: Water cut off from the sea's main body by an island the limits cross (the bays on the far
#: side of Okinawa, behind the line "through this island") is dropped below this share of it.
_MIN_PART_SHARE = 0.01

_POLYGONAL = ("Polygon", "MultiPolygon")

#: Douglas-Peucker tolerance of the coastline left by :func:`water_area` (about 1 km).
WATER_SIMPLIFY_DEG = 0.01


def water_area(limits: Any, *, simplify_deg: float = WATER_SIMPLIFY_DEG) -> Any:
    """The part of ``limits`` (a shapely polygon, lon/lat degrees) that is not land.

    Parameters
    ----------
    limits
        A sea's limits as a shapely ``Polygon`` or ``MultiPolygon``.
    simplify_deg
        Tolerance for simplifying the result, topology preserved (``0``: none).

    Returns
    -------
    shapely.Polygon or shapely.MultiPolygon
        Valid; parts smaller than 1 % of the largest are dropped.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> sea = water_area(box(127.0, 25.5, 129.0, 27.5))  # around Okinawa main island
    >>> sea.contains(shapely.Point(127.9, 26.5)), sea.contains(shapely.Point(127.2, 26.0))
    (False, True)
    """
    land = [borders.country_geometry(code) for code in borders.country_codes()]
    touching = [g for g in land if g.intersects(limits)]
    water = limits.difference(shapely.union_all(touching)) if touching else limits
    if simplify_deg > 0:
        water = shapely.simplify(water, simplify_deg, preserve_topology=True)
    if not water.is_valid:
        water = shapely.make_valid(water)
    polygons = [p for g in getattr(water, "geoms", [water]) if g.geom_type in _POLYGONAL
                for p in getattr(g, "geoms", [g])]
    largest = max((p.area for p in polygons), default=0.0)
    kept = [p for p in polygons if p.area >= _MIN_PART_SHARE * largest]
    return kept[0] if len(kept) == 1 else shapely.MultiPolygon(kept)
