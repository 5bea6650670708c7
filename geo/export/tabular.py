"""GeoJSON and CSV exports of the events."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:

    from geo.model.dataset import Dataset
from geo.export.files import csv_text
from geo.export.options import ExportOptions, visible_events
from geo.render.tables import events_frame

__all__ = ["events_csv_bytes", "geojson_bytes"]


# --------------------------------------------------------------------------- data files
def geojson_bytes(ds: Dataset, options: ExportOptions | None = None) -> bytes:
    """The view's event places as an RFC 7946 FeatureCollection (:meth:`Dataset.to_geojson`)."""
    wanted = set(visible_events(ds, options or ExportOptions()))
    collection = ds.to_geojson()
    collection["features"] = [f for f in collection["features"]
                              if f["properties"].get("event_id") in wanted]
    return json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8")


def events_csv_bytes(ds: Dataset, options: ExportOptions | None = None) -> bytes:
    """The view's events table (:func:`geo.render.tables.events_frame`) as UTF-8 CSV."""
    wanted = visible_events(ds, options or ExportOptions())
    frame = events_frame(ds)
    if not frame.empty:
        frame = frame[frame["id"].isin(wanted)]
    return csv_text(frame).encode("utf-8")
