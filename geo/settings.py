"""Every environment variable and default path drillmap reads, in one place.

Each function reads the environment when called (never at import), so tests and the app can
redirect it. No other module reads ``os.environ`` or locates files relative to its own source.

===========================  ===============================================================
variable                     meaning (default)
===========================  ===============================================================
``DRILLMAP_DB``              the database file (``$XDG_DATA_HOME/drillmap/drillmap.sqlite``)
``DRILLMAP_DATA_DIR``        curated CSV folder that fills a new database (bundled ``data/``)
``DRILLMAP_SEEDS_DIR``       article folder that fills a new database (bundled ``seeds/``)
``DRILLMAP_CACHE_DIR``       rebuildable files: gazetteer index, borders (``~/.cache/drillmap``)
``DRILLMAP_CHROMIUM``        the Chromium executable for PNG and slides (Debian's ``chromium``)
===========================  ===============================================================

The bundled ``data/`` and ``seeds/`` are found in the source checkout, or, for a non-editable
install (``pip install .``), in the ``drillmap_bundled`` package the wheel ships them in.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from geo.errors import ConfigurationError

__all__ = [
    "bundled_data_dir",
    "bundled_seeds_dir",
    "cache_dir",
    "chromium_override",
    "dashboard_app_path",
    "data_places_path",
    "default_data_dir",
    "default_db_path",
    "default_seeds_dir",
    "env_data_dir",
    "env_seeds_dir",
    "lexicon_path",
    "lines_path",
    "places_path",
]

#: The source checkout this module lives in (``geo/settings.py`` -> the project root).
_CHECKOUT = Path(__file__).resolve().parent.parent


def _bundled(folder: str, marker: str) -> Path:
    """The bundled ``folder`` (``data`` or ``seeds``): checkout first, then the installed copy."""
    local = _CHECKOUT / folder
    if (local / marker).exists() or (marker == "" and local.is_dir()):
        return local
    spec = importlib.util.find_spec("drillmap_bundled")
    for location in (spec.submodule_search_locations or []) if spec else []:
        installed = Path(location) / folder
        if installed.is_dir():
            return installed
    where = ("reinstall drillmap (pip install .)" if folder == "dashboard" else
             f"set {'DRILLMAP_DATA_DIR' if folder == 'data' else 'DRILLMAP_SEEDS_DIR'} to a "
             f"folder holding it")
    raise ConfigurationError(
        f"the bundled {folder}/ folder was not found (neither in a source checkout nor "
        f"installed with the package); {where}")


def bundled_data_dir() -> Path:
    """The curated CSV files shipped with drillmap."""
    return _bundled("data", "events.csv")


def bundled_seeds_dir() -> Path:
    """The seed articles shipped with drillmap."""
    return _bundled("seeds", "")


def dashboard_app_path() -> Path:
    """The Streamlit app (``dashboard/app.py``): in the checkout, or shipped with the wheel."""
    return _bundled("dashboard", "app.py") / "app.py"


def env_data_dir() -> Path | None:
    """``$DRILLMAP_DATA_DIR`` if set."""
    value = os.environ.get("DRILLMAP_DATA_DIR")
    return Path(value).expanduser() if value else None


def env_seeds_dir() -> Path | None:
    """``$DRILLMAP_SEEDS_DIR`` if set."""
    value = os.environ.get("DRILLMAP_SEEDS_DIR")
    return Path(value).expanduser() if value else None


def default_data_dir() -> Path:
    """``$DRILLMAP_DATA_DIR``, else the bundled ``data/``."""
    return env_data_dir() or bundled_data_dir()


def default_seeds_dir() -> Path:
    """``$DRILLMAP_SEEDS_DIR``, else the bundled ``seeds/``."""
    return env_seeds_dir() or bundled_seeds_dir()


def places_path() -> Path:
    """The gazetteer's curated places (training grounds, seas, regions): bundled ``places.csv``.

    The default: the gazetteer index is built from it once per data version. A data folder
    of one's own (``--data``, ``DRILLMAP_DATA_DIR``) with a ``places.csv`` replaces it when
    that folder fills a database (:func:`data_places_path`).
    """
    return bundled_data_dir() / "places.csv"


def data_places_path(data_dir: Path) -> Path | None:
    """A data folder's own ``places.csv``, which the gazetteer then reads instead of the
    bundled one; ``None`` when the folder has none (the bundled one serves) or it is the
    bundled folder."""
    own = Path(data_dir) / "places.csv"
    if not own.exists() or own.resolve() == places_path().resolve():
        return None
    return own


def lines_path() -> Path:
    """Reference lines claims are measured to (DMZ, NLL, median lines): bundled ``lines.csv``."""
    return bundled_data_dir() / "lines.csv"


def lexicon_path() -> Path:
    """The extraction lexicon, bundled ``extraction_lexicon.csv``."""
    return bundled_data_dir() / "extraction_lexicon.csv"


def project_relative(path: Path) -> str:
    """``path`` relative to the checkout or the bundled folder's parent, for messages."""
    resolved = path.resolve()
    for root in (_CHECKOUT, bundled_data_dir().parent):
        try:
            return resolved.relative_to(root).as_posix()
        except ValueError:
            continue
    return str(path)


def default_db_path() -> Path:
    """Where the database lives unless a path is given.

    ``$DRILLMAP_DB``, else ``$XDG_DATA_HOME/drillmap/drillmap.sqlite``, else
    ``~/.local/share/drillmap/drillmap.sqlite``.
    """
    explicit = os.environ.get("DRILLMAP_DB")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "drillmap" / "drillmap.sqlite"


def cache_dir(*, create: bool = True) -> Path:
    """``$DRILLMAP_CACHE_DIR``, else ``$XDG_CACHE_HOME/drillmap``, else ``~/.cache/drillmap``.

    The folder is created unless ``create=False``. Everything in it can be deleted at any
    time: the gazetteer index (``gazetteer/``), parsed borders, Leaflet assets and cached
    Nominatim answers (``nominatim/``) are rebuilt or refetched on demand.
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


def chromium_override() -> str | None:
    """``$DRILLMAP_CHROMIUM``: a Chromium executable to use instead of Debian's."""
    return os.environ.get("DRILLMAP_CHROMIUM") or None
