"""Every export format behind one function, for the CLI and the app."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:

    from geo.model.dataset import Dataset
from geo.export.deck import build_deck
from geo.export.files import _check_target, atomic_write
from geo.export.html import map_page
from geo.export.kml import kml_bytes
from geo.export.options import (
    ExportOptions,
    _check_format,
    export_filename,
)
from geo.export.png import MapRenderer, render_png
from geo.export.tabular import events_csv_bytes, geojson_bytes

__all__ = ["export_bytes", "export_filename", "save_export"]


# --------------------------------------------------------------------------- entry points
def export_bytes(ds: Dataset, fmt: str, options: ExportOptions | None = None, *,
                 renderer: MapRenderer | None = None) -> bytes:
    """One export as bytes: the function behind the app's download button.

    Parameters
    ----------
    ds
        The dataset.
    fmt
        One of :data:`EXPORT_FORMATS`: ``html``, ``png``, ``pptx``, ``geojson``, ``csv``,
        ``kml``.
    options
        The view (``event_ids`` of the current filter, or one ``event``), image size, title,
        "as of" date and a description of the filters (``scope``).
    renderer
        For ``png`` and ``pptx``: a started :class:`MapRenderer` to reuse (same thread);
        ``None`` starts Chromium for this call in a worker thread (safe to call from an
        asyncio loop, e.g. a Streamlit download button).

    Returns
    -------
    bytes
        The file content; :data:`EXPORT_MIME_TYPES` gives its MIME type and
        :func:`export_filename` a file name.

    Raises
    ------
    ExportError
        Unknown format or event id, bad size, an event with no located site for a framed
        map, or a failed render. :class:`BrowserUnavailableError` when Chromium is missing.
    """
    _check_format(fmt)
    options = options or ExportOptions()
    if fmt == "html":
        return map_page(ds, options).encode("utf-8")
    if fmt == "png":
        return render_png(ds, options, renderer=renderer)
    if fmt == "pptx":
        return build_deck(ds, options, renderer=renderer)
    if fmt == "geojson":
        return geojson_bytes(ds, options)
    if fmt == "csv":
        return events_csv_bytes(ds, options)
    return kml_bytes(ds, options)


def save_export(ds: Dataset, fmt: str, path: str | Path, options: ExportOptions | None = None,
                *, renderer: MapRenderer | None = None) -> Path:
    """Make one export and write it atomically to ``path`` (see :func:`export_bytes`).

    The arguments and the target folder are checked first, the whole file is produced in
    memory, and only then written; a failure at any point leaves an existing file untouched.
    """
    _check_format(fmt)
    path = Path(path)
    _check_target(path)
    data = export_bytes(ds, fmt, options, renderer=renderer)
    return atomic_write(path, lambda h: h.write(data))
