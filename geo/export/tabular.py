"""GeoJSON and CSV exports of the events."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from shapely.geometry import Polygon
from shapely.geometry.polygon import orient

if TYPE_CHECKING:

    from geo.model.dataset import Dataset
from geo.export.files import csv_text
from geo.export.options import ExportOptions, visible_events
from geo.geometry.geodesic import geodesic_sector
from geo.render.tables import events_frame

__all__ = ["events_csv_bytes", "geojson_bytes", "stated_position_features"]


# --------------------------------------------------------------------------- data files
def geojson_bytes(ds: Dataset, options: ExportOptions | None = None) -> bytes:
    """The view's event places as an RFC 7946 FeatureCollection (:meth:`Dataset.to_geojson`),
    then the positions its articles state with no named site (:func:`stated_position_features`)."""
    wanted = set(visible_events(ds, options or ExportOptions()))
    collection = ds.to_geojson()
    collection["features"] = [f for f in collection["features"]
                              if f["properties"].get("event_id") in wanted]
    collection["features"] += stated_position_features(ds, wanted)
    return json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8")


def stated_position_features(ds: Dataset, event_ids: set[str]) -> list[dict[str, Any]]:
    """Two features per position an article states with no named site ("warships about 280
    km southeast of Cape Erimo"): the point (``"feature": "stated position"``) and the sector
    its wording allows (``"stated position area"``, counter-clockwise as RFC 7946 asks).
    They have no ``event_id``: ``event_ids`` lists the shown events of the article."""
    features: list[dict[str, Any]] = []
    for c in ds.stated_positions_of(event_ids):
        p = c.stated_position
        assert p is not None  # stated_positions_of keeps only those
        shown = sorted(s.event_id for s in ds.sources
                       if s.article_id == c.article_id and s.event_id in event_ids)
        props = {"article_id": c.article_id, "event_ids": sorted(set(shown)), "label": p.label,
                 "description": p.description, "claim": c.claim.text, "sentence": c.sentence,
                 "reference": p.reference_name, "bearing_deg": p.bearing_deg,
                 "half_width_deg": p.half_width_deg, "min_km": p.min_km, "max_km": p.max_km}
        ring = geodesic_sector(p.reference_lat, p.reference_lon, p.bearing_deg,
                               p.half_width_deg, p.min_km, p.max_km)
        area = orient(Polygon([(lon, lat) for lat, lon in ring]), sign=1.0)
        features.append({"type": "Feature",
                         "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                         "properties": {"feature": "stated position", **props}})
        features.append({"type": "Feature",
                         "geometry": {"type": "Polygon",
                                      "coordinates": [[list(xy) for xy in area.exterior.coords]]},
                         "properties": {"feature": "stated position area", **props}})
    return features


def events_csv_bytes(ds: Dataset, options: ExportOptions | None = None) -> bytes:
    """The view's events table (:func:`geo.render.tables.events_frame`) as UTF-8 CSV."""
    wanted = visible_events(ds, options or ExportOptions())
    frame = events_frame(ds)
    if not frame.empty:
        frame = frame[frame["id"].isin(wanted)]
    return csv_text(frame).encode("utf-8")
