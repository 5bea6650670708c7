"""PNG images of the map from Debian's headless Chromium."""

from __future__ import annotations

import base64
import contextlib
import io
import math
import re
import shutil
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import folium

    from geo.model.dataset import Dataset
from geo.export.html import map_page
from geo.export.options import CHROMIUM_ARGS, BrowserUnavailableError, ExportError, ExportOptions, T
from geo.render.maps import map_html
from geo.settings import chromium_override

__all__ = ["MapLayout", "MapRenderer", "chromium_path", "render_png"]


#: Waits (polling each animation frame, as Playwright's ``wait_for_function`` does) until the
#: page signals that its map is drawn or reports an error, then, with ``hide`` not null, reads
#: the layout (``drillmapLabels.describe`` of the page's map, ``geo/render/assets/label_layout.js``)
#: and adds the class ``hide`` to the body (``""``: none), e.g. :data:`_NATIVE_HIDDEN`: one call
#: to the page instead of three.
_READY_JS = """(args) => new Promise(function (resolve) {
    var deadline = performance.now() + args.timeoutMs;
    function check() {
        if (window.drillmapError) { resolve({error: String(window.drillmapError)}); return; }
        if (window.drillmapReady === true) {
            var out = {error: null};
            if (args.hide !== null) {
                out.layout = window.drillmapLabels.describe(
                    Object.values(window).find(v => v instanceof L.Map));
                if (args.hide) { document.body.classList.add(args.hide); }
            }
            resolve(out);
            return;
        }
        if (performance.now() > deadline) { resolve({timeout: true}); return; }
        requestAnimationFrame(check);
    }
    check();
})"""


#: The class that hides the labels and boxes a slide redraws as text boxes (``map.css``).
_NATIVE_HIDDEN = "drillmap-native-hidden"


#: How many maps a page draws in place (:meth:`MapRenderer.load`) before it is loaded afresh,
#: which frees what the earlier maps' scripts left in ``window``.
SWAPS_PER_PAGE = 40


#: Removes the page's map (before the page is resized for the next one), its labels and the
#: readiness flags, leaving the page as it was before its map script ran.
_CLEAR_JS = """() => {
    Object.keys(window).forEach(function (k) {
        if (!/_[0-9a-f]{32}$/.test(k)) { return; }  // folium's element names
        var v = window[k];
        if (v instanceof L.Map) { v.remove(); }
        window[k] = null;
    });
    if (window.drillmapLabels) { window.drillmapLabels.reset(); }
    document.querySelectorAll("[data-drillmap-swapped]").forEach(function (e) { e.remove(); });
    document.body.innerHTML = "";
    document.body.className = "";
    document.documentElement.removeAttribute("data-drillmap-ready");
    window.drillmapReady = false;
    window.drillmapError = undefined;
    window.drillmapPending = [];
}"""


#: Draws the next map in a page cleared by :data:`_CLEAR_JS` (``parts``: ``{style, body,
#: script}`` of :class:`_MapParts`), as its own page would: its div's style, its body, then
#: its script.
_DRAW_JS = """(parts) => {
    var style = document.createElement("style");
    style.setAttribute("data-drillmap-swapped", "");
    style.textContent = parts.style;
    document.head.appendChild(style);
    document.body.innerHTML = parts.body;
    var script = document.createElement("script");
    script.setAttribute("data-drillmap-swapped", "");
    script.textContent = parts.script;
    document.body.appendChild(script);
}"""


@dataclass(frozen=True, slots=True)
class _MapParts:
    """A map page split into what every map page shares (:attr:`shell`: Leaflet, the styles
    and the assets of its head, compared whole: equal strings compare in well under a
    millisecond, where hashing the ~0.75 MB took ~5 ms a map) and what is its own: the style
    of its map's div, its body and the one script that draws the map."""

    shell: str
    style: str
    body: str
    script: str


_SCRIPT_TAG = re.compile(r"</?script", re.I)
_MAP_STYLE = re.compile(r"<style>\s*(#map_[0-9a-f]+\s*\{[^<]*)</style>")


def _map_parts(page_html: str) -> _MapParts | None:
    """Split an image page of :func:`geo.render.maps.map_html` (see :class:`_MapParts`);
    ``None`` for any other page, which is loaded whole: the interactive export among them
    (only image pages keep their data in the head, ``window.drillmapData``, and signal
    ready again when a map is drawn in place)."""
    head_at, head_end = page_html.find("<head>"), page_html.find("</head>")
    if "window.drillmapData" not in page_html[head_at:head_end]:
        return None
    body_at = page_html.find("<body>", head_end)
    body_end = page_html.find("</body>", body_at)
    if min(head_at, head_end, body_at, body_end) < 0 or page_html[head_end + 7:body_at].strip():
        return None
    tail = page_html[body_end + 7:].strip()
    if not (tail.startswith("<script>") and tail.endswith("</html>")):
        return None
    tail = tail.removesuffix("</html>").rstrip()
    script, body = tail[8:-9], page_html[body_at + 6:body_end]
    if not tail.endswith("</script>") or _SCRIPT_TAG.search(script) or _SCRIPT_TAG.search(body):
        return None
    head = page_html[head_at + 6:head_end]
    styles = _MAP_STYLE.findall(head)
    if len(styles) != 1:
        return None
    shell = page_html[:head_at] + _MAP_STYLE.sub("", head)
    return _MapParts(shell=shell, style=styles[0], body=body, script=script)


@dataclass(frozen=True, slots=True)
class _Started:
    """A map page whose drawing :meth:`MapRenderer._begin` started: the page, and how many
    page errors were recorded before it (later ones are its own)."""

    page: Any
    errors_before: int
    key: tuple[float, int]  # the page's scale and slot


MapLayout = dict[str, Any]
"""A map page's placed labels and boxes in CSS pixels (``drillmapLabels.describe``)."""


# --------------------------------------------------------------------------- PNG
def chromium_path() -> str:
    """Path of Debian's Chromium (``$DRILLMAP_CHROMIUM`` overrides); never a downloaded browser.

    Raises
    ------
    BrowserUnavailableError
        If it is not installed.
    """
    explicit = chromium_override()
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
    browser ~1 s more). A map page whose head (Leaflet, styles, assets) is the one the page
    holds already is not loaded again: its map replaces the page's map in place (only its own
    script runs), which draws the same pixels in about half the time
    (``tests/test_export_browser.py`` compares the two).

    Every request of a page other than ``file:``/``data:`` is aborted and recorded in
    :attr:`blocked_requests`, so a map that depends on the network shows it, and a render can
    never leak data. The browser's own background traffic (updates, accounts)
    is stopped by :data:`geo.export.options.CHROMIUM_ARGS`: no host name resolves and every
    request goes to a dead proxy on 127.0.0.1, so nothing leaves the machine.

    Parameters
    ----------
    timeout_s
        How long a page may take to signal that the map is drawn.
    swap_maps
        Draw a map page in place of the page's last map when they share their head (see
        above); ``False`` loads every page whole.
    pipeline_pages
        How many pages :meth:`render_many_with_layout` draws at once: 2 lets one page draw
        while the other is captured (in two renderer processes). On this 2-core machine,
        shared and loaded, 2 measured no faster than 1 (``bench/bench_exports.py
        --deck-only --pages 2``), so 1 is the default.

    Examples
    --------
    >>> with MapRenderer() as r:  # doctest: +SKIP
    ...     png = r.render_html(page_html, width=1600, height=900)

    Notes
    -----
    Playwright's synchronous API is bound to the thread that started it: use one renderer per
    thread (in Streamlit, per script run, not through ``st.cache_resource``).
    """

    def __init__(self, *, timeout_s: float = 30.0, swap_maps: bool = True,
                 pipeline_pages: int = 1):
        self.timeout_s = timeout_s
        self.swap_maps = swap_maps
        self.pipeline_pages = pipeline_pages
        #: How many maps were drawn in place of the page's last map (the rest loaded whole).
        self.swapped = 0
        self.blocked_requests: list[str] = []
        self.page_errors: list[str] = []
        self._pw: Any = None
        self._browser: Any = None
        self._pages: dict[tuple[float, int], Any] = {}  # by scale and slot
        self._shells: dict[tuple[float, int], tuple[str, int]] = {}  # page's shell, maps drawn
        self._devtools: dict[Any, Any] = {}  # DevTools session of each page
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
            raise BrowserUnavailableError(_launch_failure(executable, exc)) from exc
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
        self._shells = {}
        self._devtools = {}
        if self._tmpdir is not None:
            shutil.rmtree(self._tmpdir, ignore_errors=True)
            self._tmpdir = None

    def __enter__(self) -> MapRenderer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _page_for(self, scale: float, slot: int = 0) -> Any:
        """The reused page ``slot`` (0 or 1) of a device scale factor (one browser context
        per scale and slot, so the two pages of a scale draw in two renderer processes)."""
        if (scale, slot) not in self._pages:
            context = self._browser.new_context(viewport={"width": 1600, "height": 900},
                                                device_scale_factor=scale,
                                                service_workers="block")
            context.route("**/*", self._route)
            page = context.new_page()
            page.on("pageerror", lambda err: self.page_errors.append(str(err)))
            self._pages[(scale, slot)] = page
        return self._pages[(scale, slot)]

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
        started = self._begin(page_html, width=width, height=height, scale=scale)
        self._finish(started, None)
        return started.page

    def _begin(self, page_html: str, *, width: int, height: int, scale: float,
               slot: int = 0) -> _Started:
        """Start drawing a map page in the page ``slot`` of ``scale`` (see :meth:`load`),
        without waiting for it to signal ready: the browser draws it while the caller does
        something else (:meth:`render_many_with_layout` captures the other page)."""
        self.start()
        errors_before = len(self.page_errors)
        parts = _map_parts(page_html) if self.swap_maps else None
        try:
            page = self._page_for(scale, slot)
            shell, drawn = self._shells.pop((scale, slot), ("", 0))
            swap = parts is not None and parts.shell == shell and drawn < SWAPS_PER_PAGE
            if swap:
                page.evaluate(_CLEAR_JS)
            # (less a hair: 1912 / (8 / 3) must be 717 CSS pixels, not 718)
            page.set_viewport_size({"width": math.ceil(width / scale - 1e-6),
                                    "height": math.ceil(height / scale - 1e-6)})
            if swap and parts is not None:
                page.evaluate(_DRAW_JS, {"style": parts.style, "body": parts.body,
                                         "script": parts.script})
                drawn += 1
                self.swapped += 1
            else:
                self._goto(page, page_html)
                drawn = 1
        except Exception as exc:
            msg = f"rendering the map in Chromium failed: {str(exc).splitlines()[0]}"
            raise ExportError(msg) from exc
        if parts is not None:
            self._shells[(scale, slot)] = (parts.shell, drawn)
        return _Started(page=page, errors_before=errors_before, key=(scale, slot))

    def _finish(self, started: _Started, hide: str | None) -> MapLayout | None:
        """Wait until the page of :meth:`_begin` signals that its map is drawn, in one call
        to the page; with ``hide`` (a class for the body, ``""`` none) also read its layout
        (``drillmapLabels.describe``) and add the class, in the same call."""
        try:
            out = started.page.evaluate(_READY_JS, {"hide": hide,
                                                    "timeoutMs": self.timeout_s * 1000})
        except Exception as exc:
            self._shells.pop(started.key, None)  # the next map is loaded whole
            msg = f"rendering the map in Chromium failed: {str(exc).splitlines()[0]}"
            raise ExportError(msg) from exc
        if out.get("error"):
            self.page_errors.append(str(out["error"]))
        msg = ""
        if out.get("timeout"):
            msg = (f"rendering the map in Chromium failed: the page did not signal ready "
                   f"within {self.timeout_s:g} s")
        elif len(self.page_errors) > started.errors_before:
            msg = f"the map page raised: {'; '.join(self.page_errors[started.errors_before:])}"
        if msg:
            self._shells.pop(started.key, None)  # the next map is loaded whole
            raise ExportError(msg)
        layout: MapLayout | None = out.get("layout")
        return layout

    def _goto(self, page: Any, page_html: str) -> None:
        """Load ``page_html`` into ``page`` from a temporary file."""
        assert self._tmpdir is not None
        self._count += 1
        path = self._tmpdir / f"map-{self._count}.html"
        path.write_text(page_html, encoding="utf-8")
        try:
            page.goto(path.as_uri(), wait_until="load", timeout=self.timeout_s * 1000)
        finally:
            path.unlink(missing_ok=True)

    def render_html(self, page_html: str, *, width: int = 1600, height: int = 900,
                    scale: float = 1.0) -> bytes:
        """Load a map page (see :meth:`load`) and return a ``width`` x ``height`` PNG."""
        page = self.load(page_html, width=width, height=height, scale=scale)
        return self._shot(page, width, height, scale, "png")

    def render_with_layout(self, page_html: str, *, width: int, height: int,
                           scale: float = 1.0, hide_native: bool = True,
                           image_type: str = "png") -> tuple[bytes, MapLayout]:
        """Load a map page; return its image and the boxes of its labels and map boxes.

        The layout (``{width, height, labels, boxes}``, CSS pixels from the map's top left
        corner, with text and style) is read before the capture; with ``hide_native`` the
        labels and boxes it lists, except place names, are hidden in the image, for the slide
        export to draw them as PowerPoint text boxes in their place.
        """
        started = self._begin(page_html, width=width, height=height, scale=scale)
        layout = self._finish(started, _NATIVE_HIDDEN if hide_native else "")
        assert layout is not None
        return self._shot(started.page, width, height, scale, image_type), layout

    def render_many_with_layout(self, jobs: Iterable[tuple[str, int, int, float]], *,
                                hide_native: bool = True, image_type: str = "png"
                                ) -> Iterator[tuple[bytes, MapLayout]]:
        """:meth:`render_with_layout` of each ``(page_html, width, height, scale)`` job, in
        order, :attr:`pipeline_pages` pages at a time: with 2, while one page is captured
        the other draws the next map (in its own renderer process), so Chromium's two halves
        of each map (drawing, then rasterising and encoding the capture) can overlap. With 2,
        jobs are read one ahead of the image yielded (a caller may still be building the
        later pages)."""
        hide = _NATIVE_HIDDEN if hide_native else ""
        pending: deque[tuple[_Started, int, int, float]] = deque()
        slot = 0
        for page_html, width, height, scale in jobs:
            pending.append((self._begin(page_html, width=width, height=height, scale=scale,
                                        slot=slot), width, height, scale))
            slot = (slot + 1) % self.pipeline_pages
            if len(pending) == self.pipeline_pages:
                yield self._complete(*pending.popleft(), hide, image_type)
        while pending:
            yield self._complete(*pending.popleft(), hide, image_type)

    def _complete(self, started: _Started, width: int, height: int, scale: float, hide: str,
                  image_type: str) -> tuple[bytes, MapLayout]:
        layout = self._finish(started, hide)
        assert layout is not None
        return self._shot(started.page, width, height, scale, image_type), layout

    def _shot(self, page: Any, width: int, height: int, scale: float,
              image_type: str) -> bytes:
        """The ``width`` x ``height`` image of a drawn page (see :meth:`_capture`)."""
        try:
            shot = self._capture(page, image_type, _clip(width, height, scale), scale)
        except Exception as exc:
            msg = f"capturing the map in Chromium failed: {str(exc).splitlines()[0]}"
            raise ExportError(msg) from exc
        return _exact_size(shot, width, height, image_type)

    def _capture(self, page: Any, image_type: str, clip: dict[str, float],
                 scale: float) -> bytes:
        """The clip of the page as PNG or JPEG (quality 92) bytes, in device pixels.

        Chromium's own capture (DevTools ``Page.captureScreenshot``, PNG compressed for speed:
        files ~20 % larger) takes about half the CPU of Playwright's ``page.screenshot``,
        which first waits for fonts and hides the caret.
        """
        if page not in self._devtools:
            self._devtools[page] = page.context.new_cdp_session(page)
        params: dict[str, Any] = {"format": image_type, "clip": {**clip, "scale": scale},
                                  "optimizeForSpeed": True, "captureBeyondViewport": False}
        if image_type == "jpeg":
            params["quality"] = 92
        return base64.b64decode(self._devtools[page].send("Page.captureScreenshot",
                                                          params)["data"])

    def render_map(self, m: folium.Map, *, width: int = 1600, height: int = 900,
                   scale: float = 1.0) -> bytes:
        """Render a :func:`geo.render.maps.build_map` map (see :meth:`render_html`)."""

        return self.render_html(map_html(m), width=width, height=height, scale=scale)


def _launch_failure(executable: str, exc: Exception) -> str:
    """One line for a Chromium that would not start (Playwright adds ~30 lines of its log)."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    first = lines[0] if lines else type(exc).__name__
    first = first.removeprefix("BrowserType.launch: ")
    return (f"could not start Chromium at {executable}: {first} (try: {executable} --headless "
            f"--no-sandbox --dump-dom about:blank)")


def _clip(width: int, height: int, scale: float) -> dict[str, float]:
    """The screenshot clip (CSS pixels) of a ``width`` x ``height`` image at ``scale``: whole
    CSS pixels where they make exactly that many image pixels (Chromium then captures the size
    asked for, and :func:`_exact_size` need not crop or stretch it, which cost ~0.1 s a
    slide), else the fraction."""

    def css(px: int) -> float:
        whole = round(px / scale)
        return float(whole) if round(whole * scale) == px else px / scale

    return {"x": 0, "y": 0, "width": css(width), "height": css(height)}


def _exact_size(image: bytes, width: int, height: int, image_type: str = "png") -> bytes:
    """Crop a screenshot that came out a pixel too large, or stretch one a pixel or two too
    small (fractional scales round either way)."""
    from PIL import Image

    if image_type == "png":
        got = int.from_bytes(image[16:20], "big"), int.from_bytes(image[20:24], "big")
        if got == (width, height):
            return image
    img: Image.Image = Image.open(io.BytesIO(image))
    if img.size == (width, height):
        return image
    if img.width < width or img.height < height:
        img = img.resize((max(img.width, width), max(img.height, height)))
    out = io.BytesIO()
    if image_type == "png":
        img.crop((0, 0, width, height)).save(out, "PNG")
    else:
        img.crop((0, 0, width, height)).convert("RGB").save(out, "JPEG", quality=92)
    return out.getvalue()


def render_png(ds: Dataset, options: ExportOptions | None = None, *,
               renderer: MapRenderer | None = None) -> bytes:
    """The map (or ``options.event`` framed) as PNG bytes of ``options.width x height``.

    Parameters
    ----------
    ds
        The dataset.
    options
        View, size and framing; ``options.scale`` 2 or 3 gives an image that many times as
        large, laid out as at 1 (for print).
    renderer
        A started :class:`MapRenderer` to reuse; ``None`` starts one for this image.
    """
    options = options or ExportOptions()
    page = map_page(ds, options, static=True)
    width, height = options.width * options.scale, options.height * options.scale
    scale = float(options.scale)
    if renderer is not None:
        return renderer.render_html(page, width=width, height=height, scale=scale)
    return _with_own_renderer(
        lambda own: own.render_html(page, width=width, height=height, scale=scale))


def _with_own_renderer(job: Callable[[MapRenderer], T], *, start: bool = True) -> T:
    """Run ``job`` with a renderer of its own, started and closed in a worker thread.

    ``start=False`` leaves starting Chromium to the job's first image (:meth:`MapRenderer.load`
    starts it), so the job can prepare its pages meanwhile.

    Playwright's synchronous API refuses to run in a thread with a running asyncio loop (as
    when Streamlit calls a download button's data function) or beside another Playwright
    instance of the same thread; a fresh thread has neither.
    """
    from concurrent.futures import ThreadPoolExecutor

    def work() -> T:
        own = MapRenderer()
        try:
            if start:
                own.start()
            return job(own)
        finally:
            own.close()

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="drillmap-render") as pool:
        return pool.submit(work).result()
