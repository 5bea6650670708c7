"""What a map draws (:class:`MapOptions`) and which event a clicked popup names.

Apart from :mod:`geo.render.maps` (which re-exports both) because they import no folium:
the app keys its rendered maps by these options and reads a click's event id on every run,
its first run included, which sends a map it rendered before without importing folium.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

__all__ = ["POPUP_ID_LABEL", "MapOptions", "event_id_from_popup"]


@dataclass(frozen=True, slots=True)
class MapOptions:
    """What to draw. Defaults suit the app; exports set title, size and focus."""

    event_ids: tuple[str, ...] | None = None  # None: every event
    selected_event: str | None = None
    focus_event: str | None = None  # frame the map on this event's sites and border points
    range_rings_km: tuple[float, ...] = ()
    show_measurements: bool = True
    show_context: bool = True
    title: str = "Military exercises reported in the news"
    as_of: date | None = None
    width: str | int = "100%"
    height: str | int = "100%"
    online_basemap: bool = False  # OpenStreetMap tiles as an extra, switchable layer
    collapse_layers: bool = False  # layer list behind a button (the app's smaller map)
    static: bool = False  # for images: no zoom buttons or layer list, framed without animation
    subtitle: str | None = None  # second title line; default: the event counts
    compact: bool | None = None  # None: packed layer above COMPACT_EVENT_THRESHOLD events
    source_box: bool = True  # the source line box (a slide gives its sources elsewhere)
    title_box: bool = True  # the title box (an event's slide has the same title above it)


#: How every popup of :func:`geo.render.maps.build_map` ends, before the event's id.
POPUP_ID_LABEL = "event id:"


_POPUP_ID = re.compile(re.escape(POPUP_ID_LABEL) + r"\s*(\S+)\s*$")


def event_id_from_popup(text: str | None, event_ids: Iterable[str]) -> str | None:
    """The event whose popup text is ``text`` (as ``st_folium`` returns a clicked popup).

    The popups of :func:`geo.render.maps.build_map` end with ``event id: <id>``; ``None``
    when ``text`` is empty or names no event in ``event_ids``.

    Examples
    --------
    >>> event_id_from_popup("Union Shield 2023 ... event id: union-shield-2023",
    ...                     ["union-shield-2023"])
    'union-shield-2023'
    """
    match = _POPUP_ID.search(text or "")
    if match is None:
        return None
    return match.group(1) if match.group(1) in set(event_ids) else None
