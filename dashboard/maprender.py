"""Render a map view for its component: folium, branca and streamlit-folium live here.

:mod:`mapview` sends views it rendered before (kept in memory and on disk) without them; it
imports this module only to render a view it has not (and :mod:`warmup` imports it in the
background once the first view is prepared, so a later new view does not wait for it).

The component arguments are taken from ``st_folium`` itself (its component function is
wrapped once, at import, to hand them over when asked), so they are exactly what it would
send; :mod:`mapview` sends them to the same component (``streamlit_folium.st_folium``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import appdata
import mapview
import streamlit_folium
from branca.element import MacroElement
from jinja2 import Template
from streamlit import runtime
from streamlit_folium import st_folium

from geo.render.maps import MapOptions, build_map, use_data_urls

__all__ = ["MapDrawnReport", "app_map", "component_args", "show_with_st_folium"]

_capture = threading.local()
#: streamlit-folium's component function (kept on its module too, so a reload of this module
#: does not wrap the wrapper).
_component: Callable[..., Any] | None = (
    getattr(streamlit_folium, "_drillmap_component_func", None)
    or getattr(streamlit_folium, "_component_func", None))


def _capturing_component(**kwargs: Any) -> Any:
    """``st_folium``'s component function, handing over its arguments in :func:`component_args`."""
    calls = getattr(_capture, "calls", None)
    if calls is not None:
        calls.append(kwargs)
        return None
    assert _component is not None
    return _component(**kwargs)


if _component is not None:
    streamlit_folium._drillmap_component_func = _component
    streamlit_folium._component_func = _capturing_component
    if runtime.exists():
        # ``declare_component`` registers a component with the server only when called during
        # a script run; imported in the background by the warm-up, streamlit-folium's was not.
        runtime.get_instance().component_registry.register_component(_component)


class MapDrawnReport(MacroElement):
    """Send ``{DRAWN_VALUE: true}`` from the map's component once the map is drawn.

    ``assets/map_drawn.js`` waits for ``window.drillmapReady`` (``geo``'s ready signal: the
    labels laid out) and posts the component value, once per map frame; Streamlit reruns the
    page on it. Added to the map last, after the ready signal.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.code }}
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "MapDrawnReport"
        self.code = mapview.DRAWN_JS.read_text(encoding="utf-8")


def app_map(data_key: appdata.DataKey, options: MapOptions) -> Any:
    """The map the app shows: :func:`geo.render.maps.build_map` with its assets inline and
    the report that it is drawn."""
    m = use_data_urls(build_map(appdata.load_dataset(data_key), options))
    MapDrawnReport().add_to(m)
    return m


def component_args(m: Any, **st_folium_kwargs: Any) -> dict[str, Any] | None:
    """What ``st_folium(m, **st_folium_kwargs)`` sends to its component (renders ``m``).

    None if this streamlit-folium has no component function to wrap, or did not call it
    once (then the caller calls ``st_folium`` itself).
    """
    if _component is None:
        return None
    _capture.calls = calls = []
    try:
        st_folium(m, **st_folium_kwargs)
    finally:
        _capture.calls = None
    return calls[0] if len(calls) == 1 else None


def show_with_st_folium(data_key: appdata.DataKey, options: MapOptions,
                        **st_folium_kwargs: Any) -> Any:
    """Show the map through ``st_folium`` itself, rendered now (when its arguments could not
    be taken: a streamlit-folium without the component function to wrap)."""
    return st_folium(app_map(data_key, options), **st_folium_kwargs)
