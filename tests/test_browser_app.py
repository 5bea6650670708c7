"""The app in a real browser: ``streamlit run`` on a free port, Debian's Chromium, no network.

The app runs on a copy of the data with an article full of markup (see ``conftest.xss_dirs``).
Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import BY_DRILL_ARTICLE, BY_DRILL_EVENT_ID
from playwright.sync_api import Browser, FrameLocator, Page, Route, sync_playwright

from geo.analysis.filters import EventFilter, filter_events
from geo.analysis.pipeline import build_dataset
from geo.render.views import unmapped_events

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
MAP_FRAME = "iframe[title='streamlit_folium.st_folium']"
RUZHANSKY = "flight-tactical-ruzhansky-2023"

if CHROMIUM is None:
    pytest.skip("Debian's chromium is not installed (apt-get install chromium); the browser "
                "tests never download a browser", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"streamlit did not answer {url}/_stcore/health in {timeout_s:g} s")


@contextmanager
def _serve(env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``streamlit run`` the app on a free localhost port with ``env``; yield its URL."""
    port = _free_port()
    log = tmp_path_factory.mktemp("streamlit") / "streamlit.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard" / "app.py"),
             "--server.port", str(port), "--server.headless", "true"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://localhost:{port}"
    try:
        _wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def app_url(xss_dirs: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory
            ) -> Iterator[str]:
    """The app over the data with the markup-laden article, in a database of its own."""
    seeds, data = xss_dirs
    env = {**os.environ, "DRILLMAP_SEEDS_DIR": str(seeds), "DRILLMAP_DATA_DIR": str(data),
           "DRILLMAP_DB": str(tmp_path_factory.mktemp("db") / "drillmap.sqlite")}
    with _serve(env, tmp_path_factory) as url:
        yield url


@pytest.fixture(scope="module")
def fresh_app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app over the bundled data in a new database, for tests that add articles."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DRILLMAP_SEEDS_DIR", "DRILLMAP_DATA_DIR")}
    env["DRILLMAP_DB"] = str(tmp_path_factory.mktemp("db") / "drillmap.sqlite")
    with _serve(env, tmp_path_factory) as url:
        yield url


@dataclass
class Tab:
    """A browser page plus what it tried to fetch from outside and the script errors it hit."""

    page: Page
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def tab(browser: Browser) -> Iterator[Tab]:
    """A page that may reach localhost only; every other request is aborted and recorded."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    t = Tab(context.new_page())

    def route(r: Route) -> None:
        if r.request.url.startswith(("http://localhost:", "http://127.0.0.1:", "data:")):
            r.continue_()
        else:
            t.blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    t.page.on("pageerror", lambda e: t.errors.append(str(e)))
    yield t
    context.close()


def _open(page: Page, url: str) -> FrameLocator:
    """Load the app and wait until Leaflet has drawn the map; return the map frame."""
    page.goto(url)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator(".leaflet-container .leaflet-overlay-pane path").first.wait_for(
        state="attached", timeout=30_000)
    _wait_script_done(page)
    return frame


def _wait_script_done(page: Page, timeout_ms: float = 60_000) -> None:
    """Wait until the page's script run has finished (the map is drawn before the tables and
    the timeline: a click during the run only queues behind it, which on a loaded machine
    can outlast a test's wait)."""
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(
        state="attached", timeout=timeout_ms)


def _event_ids_in_dom(page: Page) -> set[str]:
    frame = next(f for f in page.frames if "st_folium" in f.url)
    classes = frame.evaluate(
        "() => Array.from(document.querySelectorAll('.drillmap-event'), e => "
        "e.getAttribute('class'))")
    prefix = "drillmap-event-"
    return {c[len(prefix):] for cls in classes for c in cls.split() if c.startswith(prefix)}


def _assert_no_script_ran(page: Page) -> None:
    for frame in page.frames:
        assert frame.evaluate("typeof window.__xss") == "undefined", frame.url


def test_map_shows_every_located_event_with_labels(tab: Tab, app_url: str,
                                                   xss_dirs: tuple[Path, Path]) -> None:
    seeds, data = xss_dirs
    ds = build_dataset(seeds_dir=seeds, data_dir=data)
    visible = filter_events(ds)
    located = set(visible) - set(unmapped_events(ds, visible))
    frame = _open(tab.page, app_url)
    frame.locator(".drillmap-label").first.wait_for(timeout=10_000)
    assert _event_ids_in_dom(tab.page) == located
    assert frame.locator(".drillmap-legend").is_visible()
    assert frame.locator(".leaflet-control-scale").is_visible()
    labels = frame.locator(".drillmap-label").all_inner_texts()
    assert any("103 km to Ukraine (NE 10m)" in t for t in labels)
    assert any("article: ~150 km · measured: 103 km · off by 47 km" in t for t in labels)
    _assert_no_script_ran(tab.page)
    assert tab.blocked == []
    assert tab.errors == []
    ARTIFACTS.mkdir(exist_ok=True)
    tab.page.screenshot(path=ARTIFACTS / "app-all-events.png")


def test_click_selects_and_article_markup_stays_text(tab: Tab, app_url: str) -> None:
    page = tab.page
    frame = _open(page, app_url)
    frame.locator(".drillmap-event-naval-interaction-2022").first.click(force=True)
    source = page.locator(".drillmap-source", has_text="<script>window.__xss=1</script>")
    source.wait_for(timeout=20_000)  # the click selected the event: its detail is shown
    assert "${window.__xss=2}" in source.inner_text()
    # the query string follows the selection once the script run that shows it ends
    page.wait_for_function("location.search.includes('event=naval-interaction-2022')",
                           timeout=20_000)
    # Once selected, a click only opens the popup: the quote shows there as text too.
    frame = _open(page, page.url)
    frame.locator(".drillmap-event-naval-interaction-2022").first.click(force=True)
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    assert "<script>window.__xss=1</script>" in popup.inner_text()
    _assert_no_script_ran(page)
    assert tab.errors == []


def test_selected_site_with_range_rings(tab: Tab, app_url: str) -> None:
    page = tab.page
    page.set_viewport_size({"width": 1600, "height": 1750})  # map, detail and tables
    frame = _open(page, f"{app_url}/?event={RUZHANSKY}&rings=50,150,300")
    frame.locator(".drillmap-label", has_text="150 km").first.wait_for(timeout=10_000)
    texts = frame.locator(".drillmap-label").all_inner_texts()
    assert {"50 km", "150 km", "300 km"} <= set(texts)
    page.get_by_text("How each place was resolved").wait_for()
    time.sleep(0.5)  # let Leaflet finish its zoom animation
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "app-ruzhansky-rings.png")
    _assert_no_script_ran(page)


def test_url_filter_drives_the_map_and_the_download(tab: Tab, app_url: str) -> None:
    page = tab.page
    query = EventFilter(types=("naval",)).to_query_params()
    _open(page, f"{app_url}/?{'&'.join(f'{k}={v}' for k, v in query.items())}")
    assert _event_ids_in_dom(page) == {"naval-interaction-2022"}
    with page.expect_download(timeout=60_000) as info:  # HTML is the default format
        page.get_by_role("button", name="Download HTML").click()
    text = Path(info.value.path()).read_text(encoding="utf-8")
    assert "drillmap-event-naval-interaction-2022" in text
    assert "drillmap-event-union-shield-2023" not in text
    assert "<script>window.__xss" not in text
    assert info.value.suggested_filename.endswith(".html")


def test_add_article_review_accept_and_back_to_the_map(tab: Tab, fresh_app_url: str) -> None:
    page = tab.page
    _open(page, f"{fresh_app_url}/?type=land")
    before = _event_ids_in_dom(page)
    page.get_by_role("link", name="Add article").click()
    dated = BY_DRILL_ARTICLE.replace("\n\n", "\n\nTuesday, March 12, 2024\n\n", 1)  # a dateline
    page.get_by_label("Article text (plain text, Markdown or HTML)").fill(
        dated + "\n\nA reader wrote <script>window.__xss=5</script> below the story.")
    page.get_by_role("button", name="Find places and exercises").click()
    page.get_by_role("button", name="Accept").wait_for(timeout=30_000)
    article = page.locator(".drillmap-article")
    assert "<script>window.__xss=5</script>" in article.inner_text()  # shown as text
    title = article.locator("mark", has_text="Baranovichi").first.get_attribute("title")
    assert title is not None and title.startswith("Baranovichi, BY (city")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "app-add-article.png", full_page=True)
    page.get_by_role("button", name="Accept").click()
    page.get_by_text("it is on the map").wait_for(timeout=20_000)
    page.get_by_role("link", name="Map").click()
    page.frame_locator(MAP_FRAME).locator(f".drillmap-event-{BY_DRILL_EVENT_ID}").first.wait_for(
        state="attached", timeout=30_000)
    assert _event_ids_in_dom(page) == before | {BY_DRILL_EVENT_ID}
    assert "type=land" in page.url  # the filter survived the trip to the other page
    _assert_no_script_ran(page)
    assert tab.blocked == [] and tab.errors == []


#: True once the map's frame is marked ready; records whether the timeline was on the page then.
_READY_WITHOUT_TIMELINE_JS = """() => {
    const frame = document.querySelector("iframe[title='streamlit_folium.st_folium']");
    const doc = frame && frame.contentDocument;
    const root = doc && doc.documentElement;  // null while the frame's document is replaced
    if (!root || root.getAttribute("data-drillmap-ready") !== "true") {
        return false;
    }
    window.drillmapTimelineAtReady = !!document.querySelector(".mark-rect");
    return true;
}"""


def test_timeline_comes_after_the_map_is_drawn(tab: Tab, app_url: str) -> None:
    # A new session's first run leaves the timeline out, so the browser draws the map alone;
    # the map reports when it is drawn and the timeline follows without any click.
    page = tab.page
    page.goto(app_url)
    page.wait_for_function(_READY_WITHOUT_TIMELINE_JS, polling="raf", timeout=120_000)
    assert page.evaluate("window.drillmapTimelineAtReady") is False
    page.locator(".mark-rect path").first.wait_for(timeout=30_000)
    assert page.locator(".mark-rect path").count() == 14
    assert page.get_by_text("The timeline is drawn once the map is.").count() == 0
    assert tab.blocked == [] and tab.errors == []


def test_timeline_bar_click_selects_the_event(tab: Tab, app_url: str) -> None:
    page = tab.page
    _open(page, app_url)
    bar = page.locator(".mark-rect path[aria-label*='row: Union Shield 2023;']")
    bar.wait_for(timeout=30_000)
    assert page.locator(".mark-rect path").count() == 14  # one bar per event
    bar.click()
    page.get_by_role("heading", name="Union Shield 2023").wait_for(timeout=20_000)
    # the URL is written at the end of the run that shows the heading: wait for it
    page.wait_for_function("() => location.search.includes('event=union-shield-2023')",
                           timeout=20_000)
    assert tab.blocked == [] and tab.errors == []


@pytest.mark.parametrize("width", [1280, 1600])
def test_tables_and_detail_fit_the_page(tab: Tab, app_url: str, width: int) -> None:
    """At 1280-1600 px every table shows all its columns and nothing scrolls sideways."""
    page = tab.page
    page.set_viewport_size({"width": width, "height": 900})
    _open(page, f"{app_url}/?event={RUZHANSKY}")
    page.get_by_text("How each place was resolved").wait_for(timeout=20_000)
    page.locator("[data-testid='stDataFrame'] .dvn-scroller").nth(1).wait_for(timeout=20_000)
    sizes = page.evaluate("""() => ({
        page: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
        main: document.querySelector("[data-testid='stMainBlockContainer']")
              .getBoundingClientRect().right,
        grids: [...document.querySelectorAll("[data-testid='stDataFrame'] .dvn-scroller")]
               .filter(s => s.clientWidth > 0).map(s => [s.scrollWidth, s.clientWidth]),
        blocks: [...document.querySelectorAll("[data-testid='stMarkdownContainer']")]
                .map(b => [b.scrollWidth, b.clientWidth])})""")
    assert sizes["page"][0] <= sizes["page"][1]  # the page does not scroll sideways
    assert len(sizes["grids"]) == 2  # places of the selected event; events (claims: hidden tab)
    for scroll_width, client_width in sizes["grids"]:
        assert scroll_width <= client_width  # every column shows, none behind a scrollbar
    for scroll_width, client_width in sizes["blocks"]:  # the detail's text wraps
        assert scroll_width <= client_width
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"app-layout-{width}.png", full_page=True)
