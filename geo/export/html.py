"""The self-contained HTML map page."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:

    from geo.model.dataset import Dataset
from geo.export.options import ExportOptions, _require_located, map_options_for, visible_events
from geo.export.timeline import with_timeline_panel
from geo.render.maps import build_map, map_html

__all__ = ["map_page"]


# --------------------------------------------------------------------------- HTML
def map_page(ds: Dataset, options: ExportOptions | None = None, *, static: bool = False,
             slide: bool = False) -> str:
    """The exported map as one self-contained HTML page (Leaflet and data inlined).

    Parameters
    ----------
    ds
        The dataset.
    options
        The view; with ``options.event`` the map shows and frames that event alone.
    static
        Drop the zoom buttons and the layer list (for images). Otherwise the page gets a
        collapsible timeline panel (:func:`geo.export.timeline.with_timeline_panel`).
    slide
        A slide's map: no source line box (the slide's footer and notes give the sources),
        and for one event no title box (the slide's title is the event's name), leaving the
        small map room for its labels.
    """

    options = options or ExportOptions()
    ids = visible_events(ds, options)  # validates ids
    _require_located(ds, options.event)
    map_options = map_options_for(ds, options, static=static)
    if slide:
        map_options = replace(map_options, source_box=False,
                              title_box=options.event is None)
    page = map_html(build_map(ds, map_options))
    return page if static else with_timeline_panel(page, ds, ids)
