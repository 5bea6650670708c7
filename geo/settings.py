"""Every environment variable and default path drillmap reads, in one place.

Each function reads the environment when called (never at import), so tests and the app can
redirect it. No other module reads ``os.environ`` or locates files relative to its own source.

===========================  ===============================================================
variable                     meaning (default)
===========================  ===============================================================
``DRILLMAP_DB``              the database: a SQLite file, or a ``postgresql://`` URL
                             (``$XDG_DATA_HOME/drillmap/drillmap.sqlite``)
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
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from geo.errors import ConfigurationError

__all__ = [
    "DatabaseLocation",
    "bundled_data_dir",
    "bundled_seeds_dir",
    "cache_dir",
    "chromium_override",
    "dashboard_app_path",
    "data_places_path",
    "database_location",
    "default_data_dir",
    "default_db_path",
    "default_seeds_dir",
    "env_data_dir",
    "env_seeds_dir",
    "lakes_path",
    "exercise_series_path",
    "lexicon_path",
    "lines_path",
    "natural_earth_physical_path",
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


def natural_earth_physical_path() -> Path:
    """Islands, capes, peninsulas, ranges and deserts named by Natural Earth (public domain),
    in the ``places.csv`` format: bundled ``natural_earth_physical.csv``. The gazetteer adds
    the features ``places.csv`` does not already name."""
    return bundled_data_dir() / "natural_earth_physical.csv"


def lines_path() -> Path:
    """Reference lines claims are measured to (DMZ, NLL, median lines): bundled ``lines.csv``."""
    return bundled_data_dir() / "lines.csv"


def lakes_path() -> Path:
    """Lakes drawn as water on the basemap (Natural Earth 110m): bundled ``lakes.csv``."""
    return bundled_data_dir() / "lakes.csv"


def lexicon_path() -> Path:
    """The extraction lexicon, bundled ``extraction_lexicon.csv``."""
    return bundled_data_dir() / "extraction_lexicon.csv"


def exercise_series_path() -> Path:
    """Recurring exercise series worldwide, each with a cited page: ``exercise_series.csv``."""
    return bundled_data_dir() / "exercise_series.csv"


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
    """Where the SQLite database lives unless another database is named.

    ``$XDG_DATA_HOME/drillmap/drillmap.sqlite``, else ``~/.local/share/drillmap/drillmap.sqlite``
    (``$DRILLMAP_DB`` when it names a file).
    """
    explicit = os.environ.get("DRILLMAP_DB")
    if explicit and not _is_postgresql(explicit):
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "drillmap" / "drillmap.sqlite"


_POSTGRESQL_SCHEMES = ("postgresql", "postgres")


def _is_postgresql(value: str) -> bool:
    return value.split("://", 1)[0].lower() in _POSTGRESQL_SCHEMES and "://" in value


@dataclass(frozen=True, slots=True)
class DatabaseLocation:
    """Which database to open: a SQLite file (``path``) or a PostgreSQL server (``url``).

    Exactly one of ``path`` and ``url`` is set. ``str()`` gives a form safe for messages: the
    path, or the URL without its password.

    Examples
    --------
    >>> str(database_location("postgresql://ana:secret@db.example:5432/drillmap"))
    'postgresql://ana@db.example:5432/drillmap'
    >>> database_location("/tmp/x.sqlite").backend
    'sqlite'
    """

    path: Path | None = None
    url: str | None = None

    @property
    def target(self) -> str:
        """What to connect to: the file's path, or the whole URL (with its password)."""
        return self.url if self.url is not None else str(self.path)

    @property
    def backend(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return "postgresql" if self.url is not None else "sqlite"

    def __str__(self) -> str:
        if self.url is None:
            return str(self.path)
        parts = urlsplit(self.url)
        netloc = parts.netloc.rsplit("@", 1)
        if len(netloc) == 2:
            user = netloc[0].split(":", 1)[0]
            netloc = [f"{user}@{netloc[1]}" if user else netloc[1]]
        return urlunsplit(parts._replace(netloc=netloc[0]))


def database_location(value: str | os.PathLike[str] | DatabaseLocation | None = None
                      ) -> DatabaseLocation:
    """The database named by ``value`` (``--db``), else ``$DRILLMAP_DB``, else the default file.

    A value starting ``postgresql://`` (or ``postgres://``) names a PostgreSQL database, in
    libpq's URL form (``postgresql://user@host:port/dbname``; ``?host=/socket/dir`` for a
    Unix socket); anything else is a SQLite file (``":memory:"`` for a throw-away one).
    """
    if isinstance(value, DatabaseLocation):
        return value
    if value is None:
        value = os.environ.get("DRILLMAP_DB") or default_db_path()
    text = os.fspath(value)
    if _is_postgresql(text):
        if not urlsplit(text).path.strip("/"):
            raise ConfigurationError(f"the PostgreSQL URL {text.split('@')[-1]!r} names no "
                                     "database (postgresql://user@host/DBNAME)")
        return DatabaseLocation(url=text)
    if text == ":memory:":
        return DatabaseLocation(path=Path(text))
    return DatabaseLocation(path=Path(text).expanduser())


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
