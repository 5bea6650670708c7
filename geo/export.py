"""Writers for everything drillmap saves: data files now, HTML/PNG/PPTX maps later.

Every writer is atomic: it writes a temporary file beside the target and renames it over the
target only when complete, so a failed export never leaves a half-written file in place.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import pandas as pd

__all__ = ["atomic_write", "save_csv", "save_geojson"]


def atomic_write(path: str | Path, write: Callable[[IO[bytes]], None]) -> Path:
    """Call ``write(handle)`` on a temporary file and move it onto ``path`` when it succeeds.

    Parent folders are created. On any error the temporary file is removed and the previous
    file at ``path`` (if any) is left untouched.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp_name, 0o666 & ~umask)  # mkstemp creates 0600; give the usual mode
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return path


def save_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write a table as UTF-8 CSV."""
    return atomic_write(path, lambda h: h.write(frame.to_csv(index=False).encode("utf-8")))


def save_geojson(collection: dict[str, Any], path: str | Path) -> Path:
    """Write a GeoJSON FeatureCollection (RFC 7946, UTF-8)."""
    data = json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8")
    return atomic_write(path, lambda h: h.write(data))
