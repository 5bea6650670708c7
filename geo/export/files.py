"""The one atomic file writer every export goes through."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import folium
import pandas as pd

if TYPE_CHECKING:
    import folium

from geo.export.options import ExportError
from geo.render.maps import map_html

__all__ = [
    "atomic_write",
    "csv_text",
    "refuse_special",
    "save_csv",
    "save_geojson",
    "save_map_html",
]


def save_map_html(m: folium.Map, path: str | Path) -> Path:
    """Write :func:`map_html` atomically (kept here so every export shares one renderer)."""

    page = map_html(m).encode("utf-8")
    return atomic_write(path, lambda h: h.write(page))


# --------------------------------------------------------------------------- atomic writers
def refuse_special(path: Path) -> None:
    """Raise :class:`ExportError` if ``path`` exists and is not a regular file (or a link
    to one): a device or a FIFO would be replaced by a file, and the user's device lost."""
    if path.exists() and not path.is_file():
        msg = (f"--out {str(path)!r} is not a regular file; give a file name "
               "(or '-' for standard output)")
        raise ExportError(msg)


def atomic_write(path: str | Path, write: Callable[[IO[bytes]], object]) -> Path:
    """Call ``write(handle)`` on a temporary file and move it onto ``path`` when it succeeds.

    Parent folders are created. On any error the temporary file is removed and the previous
    file at ``path`` (if any) is left untouched. A symbolic link keeps pointing where it
    pointed (its target is replaced); a target that exists but is not a regular file (a
    device such as ``/dev/null``, a FIFO) is refused, never replaced by a file.

    Parameters
    ----------
    path
        The target file.
    write
        Writes the whole content to the binary handle it is given.

    Returns
    -------
    Path
        ``path``.
    """
    path = Path(path)
    refuse_special(path)
    if path.is_symlink():
        path = path.resolve()  # replace what the link points to, keep the link
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


#: First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _neutralised(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value  # shown as text by Excel, LibreOffice and Google Sheets
    return value


def csv_text(frame: pd.DataFrame) -> str:
    r"""The one CSV writer: every table drillmap writes goes through it.

    A text cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a
    leading apostrophe (OWASP's rule against formula injection: a headline
    ``=HYPERLINK(...)`` stays text in a spreadsheet). Numbers are untouched.

    >>> csv_text(pd.DataFrame({"name": ["=HYPERLINK(1)", "Zapad"], "km": [-3.5, 1]}))
    "name,km\n'=HYPERLINK(1),-3.5\nZapad,1.0\n"
    """
    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].map(_neutralised)
    text: str = safe.to_csv(index=False)
    return text


def save_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write a table as UTF-8 CSV (atomically), formulas neutralised (:func:`csv_text`)."""
    data = csv_text(frame).encode("utf-8")
    return atomic_write(path, lambda h: h.write(data))


def save_geojson(collection: dict[str, Any], path: str | Path) -> Path:
    """Write a GeoJSON FeatureCollection (RFC 7946, UTF-8, atomically)."""
    data = json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8")
    return atomic_write(path, lambda h: h.write(data))


def _check_target(path: Path) -> None:
    """Fail early (before a slow render) if ``path`` cannot be written."""
    if path.is_dir():
        msg = f"--out {str(path)!r} is a folder; give a file name"
        raise ExportError(msg)
    refuse_special(path)
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir() or not os.access(parent, os.W_OK | os.X_OK):
        msg = f"cannot write {str(path)!r}: folder {str(parent)!r} is not writable"
        raise ExportError(msg)
