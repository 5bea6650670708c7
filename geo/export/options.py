"""What an export shows: options, the visible events, and export errors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from geo.errors import GeoError
from geo.model.kinds import Category
from geo.render.mapoptions import MapOptions

if TYPE_CHECKING:

    from geo.model.dataset import Dataset

__all__ = [
    "BrowserUnavailableError",
    "CHROMIUM_ARGS",
    "DEFAULT_TITLE",
    "EXPORT_FORMATS",
    "EXPORT_MIME_TYPES",
    "ExportError",
    "ExportOptions",
    "PNG_SCALES",
    "SLIDE_MAP_ASPECT",
    "export_filename",
    "map_options_for",
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


#: Chromium flags: headless on this kind of machine (see perf-baselines.md), and silent on the
#: network. Page requests are aborted by :class:`geo.export.png.MapRenderer`; the browser's own
#: requests are not, and ``--disable-background-networking`` does not stop them all (Chromium
#: 156 still posts to update.googleapis.com and accounts.google.com; strace showed the DNS
#: queries). So no host name resolves (``--host-resolver-rules``: no DNS query is ever sent)
#: and every request goes to a dead proxy on 127.0.0.1 (nothing reaches another machine),
#: and the services that call home are switched off as well. What remains is Chromium's IPv6
#: reachability check, a UDP ``connect()`` that sends no datagram. Playwright's own
#: ``--disable-features`` list (optimisation hints, network time, ...) is kept: a second
#: ``--disable-features`` here would replace it. ``tests/test_offline_browser.py`` traces
#: the browser's connect and send calls during a PNG export.
CHROMIUM_ARGS: tuple[str, ...] = (
    "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-domain-reliability", "--no-pings", "--disable-quic", "--disable-breakpad",
    "--disable-client-side-phishing-detection", "--disable-default-apps",
    "--disable-extensions", "--metrics-recording-only", "--safebrowsing-disable-auto-update",
)


T = TypeVar("T")


DEFAULT_TITLE = "Military exercises reported in the news"


_MIN_SIZE_PX, _MAX_SIZE_PX = 200, 4000


#: Image scales of ``export png --scale`` (pixels per CSS pixel).
PNG_SCALES: tuple[int, ...] = (1, 2, 3)


#: Height / width of the map on an event slide (16:9). Its picture is rendered at the size
#: it is shown (see :mod:`geo.export.slidemap`).
SLIDE_MAP_ASPECT = 9 / 16


class ExportError(GeoError, ValueError):
    """An export cannot be made as asked (unknown format or event, bad size, render failure)."""


class BrowserUnavailableError(ExportError, RuntimeError):
    """No usable Chromium (Debian's ``chromium``) or Playwright for PNG and slide exports."""


# --------------------------------------------------------------------------- options
@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What to export: the filtered view, one event to frame, image size, title and scope.

    Parameters
    ----------
    event_ids
        The events of the current (filtered) view, e.g. from
        :func:`geo.analysis.filters.filter_events`; ``None`` exports every event.
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
        A one-line description of the filters (:meth:`geo.analysis.filters.EventFilter.describe`).
    scale
        PNG only: pixels per CSS pixel (1, 2 or 3). The map is laid out at ``width`` x
        ``height`` and the image is ``scale`` times as large, for print.
    """

    event_ids: tuple[str, ...] | None = None
    event: str | None = None
    width: int = 1600
    height: int = 900
    title: str = DEFAULT_TITLE
    as_of: date | None = None
    scope: str = "all events"
    scale: int = 1

    def __post_init__(self) -> None:
        if self.scale not in PNG_SCALES:
            msg = f"scale must be one of {', '.join(map(str, PNG_SCALES))}, got {self.scale!r}"
            raise ExportError(msg)
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
    """The :class:`geo.render.maps.MapOptions` of an exported map (overview, or one event framed).

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

    event = event if event is not None else options.event
    as_of = options.as_of or date.today()
    if event is not None:
        e = ds.event_by_id[event]
        kind = f"{e.type} exercise" if e.category == Category.EXERCISE else "context item"
        return MapOptions(event_ids=(event,), selected_event=event, focus_event=event,
                          title=e.name, subtitle=f"{kind} · {e.dates_label}", as_of=as_of,
                          static=static)
    ids = tuple(visible_events(ds, options))
    n_ex = sum(ds.event_by_id[i].category == Category.EXERCISE for i in ids)
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


def export_filename(fmt: str, options: ExportOptions | None = None) -> str:
    """A file name for a download, e.g. ``drillmap-2026-11-22.pptx`` or ``drillmap-<event>.png``."""
    _check_format(fmt)
    options = options or ExportOptions()
    stem = options.event or (options.as_of or date.today()).isoformat()
    return f"drillmap-{stem}.{fmt}"
