"""Lakes drawn as water on the basemap: Natural Earth's large lakes, read from ``lakes.csv``.

The Natural Earth country outlines the basemap is drawn from include lakes as land, so
Ladoga, Onega or Baikal looked like dry ground on every map. The bundled ``data/lakes.csv``
holds the 25 lakes of Natural Earth's 110m physical lakes layer (public domain), each row
naming its source; the basemap cuts them out of the countries, so their shores are drawn
like coastlines. Distances are never measured to them.
"""

from __future__ import annotations

import csv
import functools
import hashlib
from pathlib import Path
from typing import Any

import shapely

from geo.errors import DataFormatError
from geo.settings import lakes_path

__all__ = ["LAKES_DATASET", "lakes_fingerprint", "lakes_union", "load_lakes"]

#: The lakes' dataset, shown where the basemap names its sources.
LAKES_DATASET = "Natural Earth 110m lakes"

_COLUMNS = ("name", "scalerank", "wkt", "source")


def load_lakes(path: Path | None = None) -> list[tuple[str, Any]]:
    """``(name, polygon)`` of every row of ``lakes.csv``, in file order.

    Raises :class:`DataFormatError` naming the file and line of a row without a source or
    whose ``wkt`` is not a valid polygon.
    """
    path = lakes_path() if path is None else Path(path)
    out: list[tuple[str, Any]] = []
    try:
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            missing = [c for c in _COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise DataFormatError(f"missing columns {missing}", path=path, line=1)
            for row in reader:
                line = reader.line_num
                if not (row["source"] or "").strip():
                    raise DataFormatError("a lake without its source", path=path, line=line)
                try:
                    geom = shapely.from_wkt(row["wkt"])
                except shapely.errors.GEOSException as exc:
                    raise DataFormatError(f"unreadable wkt: {exc}", path=path,
                                          line=line) from exc
                if geom is None or geom.geom_type not in ("Polygon", "MultiPolygon") \
                        or not geom.is_valid:
                    raise DataFormatError("wkt is not a valid polygon", path=path, line=line)
                out.append((row["name"], geom))
    except OSError as exc:
        raise DataFormatError(f"cannot read lakes: {exc}", path=path) from exc
    return out


@functools.cache
def lakes_union() -> Any:
    """All bundled lakes as one (Multi)Polygon, prepared for fast intersection tests."""
    geom = shapely.union_all([g for _, g in load_lakes()])
    shapely.prepare(geom)
    return geom


@functools.cache
def lakes_fingerprint() -> str:
    """A short hash of the bundled lakes file: caches of drawn basemaps are keyed by it."""
    return hashlib.sha256(lakes_path().read_bytes()).hexdigest()[:12]
