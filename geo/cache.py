"""Where drillmap keeps files it can rebuild (gazetteer index, parsed borders, Leaflet assets)."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["cache_dir"]


def cache_dir(*, create: bool = True) -> Path:
    """``$DRILLMAP_CACHE_DIR``, else ``$XDG_CACHE_HOME/drillmap``, else ``~/.cache/drillmap``.

    Read from the environment on every call, so tests can redirect it. The folder is created
    unless ``create=False``. Everything in it can be deleted at any time: the gazetteer index
    (``gazetteer/``), parsed borders, Leaflet assets and cached Nominatim answers
    (``nominatim/``) are rebuilt or refetched on demand.
    """
    explicit = os.environ.get("DRILLMAP_CACHE_DIR")
    if explicit:
        folder = Path(explicit).expanduser()
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        folder = (Path(xdg).expanduser() if xdg else Path.home() / ".cache") / "drillmap"
    if create:
        folder.mkdir(parents=True, exist_ok=True)
    return folder
