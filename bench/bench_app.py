"""Dashboard timings: cold start to map drawn, and the rerun after a filter change.

Run by hand: ``.venv/bin/python bench/bench_app.py [--runs 3] [--screenshot PNG]``; needs
Debian's ``chromium``; every request that is not to localhost is aborted (no network).
Prints, for each run, the seconds from ``streamlit run`` to the health endpoint answering and
to the Leaflet map drawn in the browser (a warm Chromium, a cold Streamlit process and a new
database: it is filled from the bundled data on the first page load), then the browser time
from a filter change to the new map and from pasting an article on the *Add article* page to
its review shown; then the server's script time of a rerun after a filter change and of the
paste (AppTest, same code path).
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
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
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


def _only_ruzhansky_drawn(frame: object) -> bool:
    try:
        return frame.evaluate(
            "() => document.querySelectorAll('.drillmap-event').length === 1 && "
            "document.querySelectorAll('.drillmap-event-flight-tactical-ruzhansky-2023')"
            ".length === 1 && document.querySelectorAll('.drillmap-label').length > 0")
    except PlaywrightError:  # a frame being replaced
        return False


def browser_run(browser: object, screenshot: Path | None = None
                ) -> tuple[float, float, float, float]:
    """One cold start: seconds to health, to the map drawn, filter change to new map, paste.

    With ``screenshot``, also save the README's picture: Ruzhansky selected, with range rings.
    """
    port = _free_port()
    t0 = time.perf_counter()
    db = Path(tempfile.mkdtemp()) / "drillmap.sqlite"
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
        context = browser.new_context(viewport={"width": 1600, "height": 1000})
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(
            ("http://localhost", "data:")) else r.abort())
        page = context.new_page()
        page.goto(url)
        frame = page.frame_locator(FRAME)
        frame.locator(".drillmap-label").first.wait_for(timeout=60_000)
        t_map = time.perf_counter() - t0
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
        page.get_by_role("button", name="Accept").wait_for(timeout=60_000)
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
        shutil.rmtree(db.parent, ignore_errors=True)


def server_rerun_times(n: int) -> list[float]:
    """Script time of reruns that each change the event-type filter (AppTest)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=60).run()
    times = []
    for i in range(n):
        at.multiselect(key="f_types").set_value(["naval"] if i % 2 == 0 else ["land", "air"])
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


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--screenshot", type=Path, default=None,
                        help="also save a screenshot of the app (e.g. docs/screenshot-app.png)")
    args = parser.parse_args()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
        runs = [browser_run(browser, args.screenshot if i == 0 else None)
                for i in range(args.runs)]
        browser.close()
    for i, (health, drawn, filt, paste) in enumerate(runs, 1):
        print(f"run {i}: health {health:.2f} s, map drawn {drawn:.2f} s, "
              f"filter change to new map {filt:.2f} s, pasted article to review {paste:.2f} s")
    print(f"median: health {statistics.median(r[0] for r in runs):.2f} s, map drawn "
          f"{statistics.median(r[1] for r in runs):.2f} s, filter change to new map "
          f"{statistics.median(r[2] for r in runs):.2f} s, pasted article to review "
          f"{statistics.median(r[3] for r in runs):.2f} s")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DRILLMAP_DB"] = str(Path(tmp) / "drillmap.sqlite")
        reruns = server_rerun_times(10)
        pastes = server_paste_times(5)
    print(f"server rerun after a filter change (AppTest script time, 10 runs): median "
          f"{statistics.median(reruns) * 1000:.0f} ms, max {max(reruns) * 1000:.0f} ms")
    print(f"server run ingesting a pasted article and showing its review (AppTest, 5 runs): "
          f"median {statistics.median(pastes) * 1000:.0f} ms, max {max(pastes) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
