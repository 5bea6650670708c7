"""Where drillmap keeps files it can rebuild (gazetteer index, parsed borders, Leaflet assets)."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["cache_dir"]


def cache_dir() -> Path:
    """``$DRILLMAP_CACHE_DIR``, else ``$XDG_CACHE_HOME/drillmap``, else ``~/.cache/drillmap``.

    The folder is created on demand. Everything in it can be deleted at any time.
    """
    explicit = os.environ.get("DRILLMAP_CACHE_DIR")
    if explicit:
        folder = Path(explicit)
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        folder = Path(base) / "drillmap"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
