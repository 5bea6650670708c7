"""Dashboard timings: cold start to map drawn, and the rerun after a filter change.

Run by hand: ``.venv/bin/python bench/bench_app.py [--runs 3] [--screenshot PNG]``; needs
Debian's ``chromium``; every request that is not to localhost fails (no network; see ``ARGS``).
Prints, for each run, the seconds from ``streamlit run`` to the health endpoint answering and
to the Leaflet map drawn in the browser (a warm Chromium, a cold Streamlit process and a new
database: it is filled from the bundled data on the first page load), then the browser time
from a filter change to the new map and from pasting an article on the *Add article* page to
its review shown; then the same cold start on the database that run filled (an existing
database, changed since that start: the pasted article), with the time a second browser
session on that server takes to the map drawn; then a cold start on it once more (an
existing database unchanged since the last start). "Map drawn": a distance label laid out in
the map's frame, checked at every animation frame. CPU seconds are printed too: the
server's to the first map drawn, Chromium's from loading the page to the map drawn (they
change much less with the machine's other load than the wall-clock times). Then the
server's script time (AppTest,
same code path) of a rerun after a filter change going back and forth between two views, of a
rerun showing a view not shown before, and of the paste. Medians are printed with the range
(min-max) over the runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "dashboard" / "app.py"
#: Every request that is not to the loopback interface goes to a proxy on a closed local port
#: and fails at once (Chromium never sends loopback requests through a proxy), host names and
#: IP literals alike: no network, without routing each request through Playwright (which
#: delays every one of the page's ~60 requests; ``--intercept`` measures it that way).
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--proxy-server=http://127.0.0.1:9"]
FRAME = "iframe[title='streamlit_folium.st_folium']"
RUZHANSKY = "flight-tactical-ruzhansky-2023"
ARTICLE = ("Belarus holds snap drills near Baranovichi\n\nBelarusian troops began a snap "
           "readiness check near Baranovichi on Tuesday, the defence ministry in Minsk said. "
           "About 1,500 troops and 30 tanks take part in the exercise. Baranovichi lies about "
           "150 kilometers from the Polish border.")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


#: True once a distance label is laid out in the map's frame (same origin, so readable here).
_MAP_DRAWN_JS = """() => {
    const frame = document.querySelector("iframe[title='streamlit_folium.st_folium']");
    const doc = frame && frame.contentDocument;
    const label = doc && doc.querySelector(".drillmap-label");
    if (!label || frame.getBoundingClientRect().height === 0) { return false; }
    const box = label.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
}"""


#: CPU seconds (user + system) the Streamlit server had used when each cold start's map was
#: drawn: a figure the machine's other load changes much less than the wall-clock times.
SERVER_CPU: list[float] = []


#: CPU seconds Chromium's processes used from loading the page to the map drawn, per cold start
#: (``CHROMIUM_CPU``) and per new session on a running server (``SESSION_CPU``).
CHROMIUM_CPU: list[float] = []
SESSION_CPU: list[float] = []


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds process ``pid`` has used so far (Linux ``/proc``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _chromium_cpu_seconds() -> float:
    """CPU seconds used so far by the Chromium processes this process started (through
    Playwright's driver), the ones still running."""
    total, pending = 0.0, [os.getpid()]
    while pending:
        pid = pending.pop()
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            if pid != os.getpid() and Path(f"/proc/{pid}/comm").read_text().strip() == "chromium":
                total += _cpu_seconds(pid)
        except OSError:  # exited meanwhile
            continue
        pending += [int(c) for c in children]
    return total


def _wait_map_drawn(page: object, timeout_ms: float = 180_000) -> None:
    """Wait for the map's labels, checking at every animation frame.

    (A locator's ``wait_for`` re-checks with a growing interval, up to 0.5 s: too coarse here.)
    """
    page.wait_for_function(_MAP_DRAWN_JS, polling="raf", timeout=timeout_ms)


def _only_ruzhansky_drawn(frame: object) -> bool:
    try:
        return frame.evaluate(
            "() => document.querySelectorAll('.drillmap-event').length === 1 && "
            "document.querySelectorAll('.drillmap-event-flight-tactical-ruzhansky-2023')"
            ".length === 1 && document.querySelectorAll('.drillmap-label').length > 0")
    except PlaywrightError:  # a frame being replaced
        return False


#: Requests the pages made to anything but localhost (the proxy flag makes them fail; a
#: non-empty list is printed as a failure of the offline promise).
NON_LOCAL_REQUESTS: list[str] = []
#: Route every request through Playwright, aborting non-local ones (``--intercept``).
INTERCEPT = False


def _note_request(request: object) -> None:
    if not request.url.startswith(("http://localhost", "data:", "blob:", "about:")):
        NON_LOCAL_REQUESTS.append(request.url)


def _new_page(browser: object) -> tuple[object, object]:
    """A context and page of ``browser`` that may reach localhost only."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    if INTERCEPT:
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(
            ("http://localhost", "data:")) else r.abort())
    context.on("request", _note_request)  # an event after the fact: it delays nothing
    return context, context.new_page()


def cold_start(browser: object, db: Path, *, screenshot: Path | None = None,
               interact: bool = True) -> tuple[float, ...]:
    """One cold start on ``db``: seconds to health and to the map drawn; with ``interact``,
    also filter change to new map and pasted article to review shown, else the seconds a
    second browser session (a new tab) on the running server takes to the map drawn.

    With ``screenshot``, also save the README's picture: Ruzhansky selected, with range rings.
    """
    port = _free_port()
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(APP),
                             "--server.port", str(port), "--server.headless", "true"],
                            cwd=ROOT, env={**os.environ, "DRILLMAP_DB": str(db)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://localhost:{port}"
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                    break
            except OSError:
                time.sleep(0.02)
        t_health = time.perf_counter() - t0
        context, page = _new_page(browser)
        chromium0 = _chromium_cpu_seconds()
        page.goto(url)
        _wait_map_drawn(page)
        t_map = time.perf_counter() - t0
        SERVER_CPU.append(_cpu_seconds(proc.pid))
        CHROMIUM_CPU.append(_chromium_cpu_seconds() - chromium0)
        frame = page.frame_locator(FRAME)
        if not interact:
            context.close()
            context, page = _new_page(browser)
            t1, chromium0 = time.perf_counter(), _chromium_cpu_seconds()
            page.goto(url)
            _wait_map_drawn(page)
            t_session = time.perf_counter() - t1
            SESSION_CPU.append(_chromium_cpu_seconds() - chromium0)
            context.close()
            return t_health, t_map, t_session
        t1 = time.perf_counter()
        page.get_by_placeholder("name, place, quote…").fill("Ruzhansky")
        page.keyboard.press("Enter")
        deadline = time.monotonic() + 60
        while not any(_only_ruzhansky_drawn(f) for f in page.frames if "st_folium" in f.url):
            if time.monotonic() > deadline:
                raise TimeoutError("the filtered map was not drawn within 60 s")
            page.wait_for_timeout(20)  # the old map's frame lingers while the new one loads
        t_filter = time.perf_counter() - t1
        page.get_by_role("link", name="Add article").click()
        page.get_by_label("Article text (plain text, Markdown or HTML)").fill(ARTICLE)
        t2 = time.perf_counter()
        page.get_by_role("button", name="Find places and exercises").click()
        page.wait_for_function(  # at every animation frame, as _wait_map_drawn
            "() => [...document.querySelectorAll('button')].some(b => b.innerText.trim() === "
            "'Accept')", polling="raf", timeout=60_000)
        t_paste = time.perf_counter() - t2
        if screenshot is not None:
            page.set_viewport_size({"width": 1600, "height": 1750})
            page.goto(f"{url}/?event={RUZHANSKY}&rings=50,150,300")
            frame.locator(".drillmap-label", has_text="150 km").first.wait_for(timeout=60_000)
            page.get_by_text("How each place was resolved").wait_for()
            page.wait_for_timeout(800)  # Leaflet's zoom animation
            page.screenshot(path=screenshot)
        context.close()
        return t_health, t_map, t_filter, t_paste
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def browser_run(browser: object, screenshot: Path | None = None) -> tuple[float, ...]:
    """A cold start on a new database (filled on the first page load), with the filter change
    and the paste; a cold start on that database (existing, changed since) with a second
    session on that server; another cold start on it (unchanged since): nine figures."""
    db = Path(tempfile.mkdtemp()) / "drillmap.sqlite"
    try:
        new = cold_start(browser, db, screenshot=screenshot)
        existing = cold_start(browser, db, interact=False)
        again = cold_start(browser, db, interact=False)[:2]
    finally:
        shutil.rmtree(db.parent, ignore_errors=True)
    return (*new, *existing, *again)


def server_rerun_times(n: int, *, new_views: bool = False) -> list[float]:
    """Script time of reruns that each change the event-type filter (AppTest).

    By default the filter goes back and forth between two values (``naval``; ``land, air``);
    with ``new_views`` each rerun shows a set of types not shown before (a map not drawn yet).
    """
    from streamlit.testing.v1 import AppTest

    # A session's first run leaves the sidebar's filters out until the map reports it is
    # drawn; any later run shows them (dashboard/mappage.py).
    at = AppTest.from_file(str(APP), default_timeout=60).run().run()
    types = list(at.multiselect(key="f_types").options)
    subsets = [[t for j, t in enumerate(types) if mask >> j & 1]
               for mask in range(1, 2 ** len(types))]
    subsets.sort(key=lambda s: (len(s) != 2, len(s)))  # pairs first: typical, and many
    times = []
    for i in range(n):
        if new_views:
            value = subsets[i % len(subsets)]
        else:
            value = ["naval"] if i % 2 == 0 else ["land", "air"]
        at.multiselect(key="f_types").set_value(value)
        t = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t)
    return times


def server_paste_times(n: int) -> list[float]:
    """Script time of the Add-article run that ingests a pasted article and shows its review."""
    from streamlit.testing.v1 import AppTest

    times = []
    for i in range(n):
        at = AppTest.from_file(str(APP), default_timeout=60).run()
        at.switch_page("add_article.py").run()
        at.text_area(key="add_text").set_value(ARTICLE.replace("snap", f"snap ({i})"))
        at.button(key="add_paste").click()
        t = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t)
    return times


def _stats(values: list[float], unit: str = "s") -> str:
    """``median 0.42 s (0.40-0.51)``, or in ms."""
    scale, digits = (1000, 0) if unit == "ms" else (1, 2)
    lo, mid, hi = (round(v * scale, digits) for v in
                   (min(values), statistics.median(values), max(values)))
    if digits == 0:
        lo, mid, hi = int(lo), int(mid), int(hi)
    return f"median {mid} {unit} ({lo}-{hi})"


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--reruns", type=int, default=10,
                        help="AppTest reruns per server figure (default 10)")
    parser.add_argument("--server-only", action="store_true",
                        help="only the AppTest figures (no browser, no cold starts)")
    parser.add_argument("--browser-only", action="store_true",
                        help="only the cold starts in the browser (no AppTest figures)")
    parser.add_argument("--screenshot", type=Path, default=None,
                        help="also save a screenshot of the app (e.g. docs/screenshot-app.png)")
    parser.add_argument("--intercept", action="store_true",
                        help="block the network by routing every request through Playwright "
                             "(as before 2026-12-01) instead of Chromium's proxy flag")
    args = parser.parse_args()
    global INTERCEPT
    INTERCEPT = args.intercept

    if not args.server_only:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
            runs = [browser_run(browser, args.screenshot if i == 0 else None)
                    for i in range(args.runs)]
            browser.close()
        names = ("health", "drawn", "filter", "paste", "health2", "drawn2", "session",
                 "health3", "drawn3")
        for i, run in enumerate(runs, 1):
            r = dict(zip(names, run, strict=True))
            print(f"run {i}: new database: health {r['health']:.2f} s, map drawn "
                  f"{r['drawn']:.2f} s, filter change to new map {r['filter']:.2f} s, pasted "
                  f"article to review {r['paste']:.2f} s; existing database changed since: "
                  f"map drawn {r['drawn2']:.2f} s, a new session on that server "
                  f"{r['session']:.2f} s; unchanged since: map drawn {r['drawn3']:.2f} s; server "
                  f"CPU to the map {', '.join(f'{c:.2f}' for c in SERVER_CPU[3 * i - 3:3 * i])} s")
        column = {name: [r[i] for r in runs] for i, name in enumerate(names)}
        print(f"{len(runs)} runs: `streamlit run` to map drawn, new database "
              f"{_stats(column['drawn'])}; existing database, changed since its last start "
              f"{_stats(column['drawn2'])}, unchanged {_stats(column['drawn3'])}; health "
              f"{_stats(column['health'] + column['health2'] + column['health3'])}; new "
              f"session on a running server to map drawn {_stats(column['session'])}; filter "
              f"change to new map {_stats(column['filter'])}; pasted article to review "
              f"{_stats(column['paste'])}")
        cpu = {kind: SERVER_CPU[i::3] for i, kind in enumerate(("new", "changed", "unchanged"))}
        print(f"server CPU time to the first map drawn: new database {_stats(cpu['new'])}; "
              f"existing, changed since {_stats(cpu['changed'])}; unchanged "
              f"{_stats(cpu['unchanged'])}; every cold start {_stats(SERVER_CPU)}")
        print(f"Chromium CPU time from loading the page to the map drawn: every cold start "
              f"{_stats(CHROMIUM_CPU)}; a new session on a running server "
              f"{_stats(SESSION_CPU)}")
        print(f"network blocked by {'Playwright routing' if INTERCEPT else 'the proxy flag'}; "
              f"requests to anything but localhost: {len(NON_LOCAL_REQUESTS)}"
              + (f" (FAILED the offline promise: {sorted(set(NON_LOCAL_REQUESTS))[:5]})"
                 if NON_LOCAL_REQUESTS else ""))
    if args.browser_only:
        return
    n = args.reruns
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DRILLMAP_DB"] = str(Path(tmp) / "drillmap.sqlite")
        reruns = server_rerun_times(n)
        fresh = server_rerun_times(n, new_views=True)
        pastes = server_paste_times(5)
    print(f"server rerun after a filter change (AppTest script time, {n} runs, back and forth "
          f"between two views): {_stats(reruns, 'ms')}")
    print(f"server rerun after a filter change to a view not shown before (AppTest, {n} "
          f"runs): {_stats(fresh, 'ms')}")
    print(f"server run ingesting a pasted article and showing its review (AppTest, 5 runs): "
          f"{_stats(pastes, 'ms')}")


if __name__ == "__main__":
    main()
