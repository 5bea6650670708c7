"""Export timings, run by hand: ``.venv/bin/python bench/bench_exports.py [--events 100000]
[--html-only | --deck-only [--pages 2]]``.

Prints, for the closing note and the README, each as median (range, count), with the load
average (``/proc/loadavg``) before and after, as the machine is shared:

* HTML of 100,000 synthetic events as ``python -m geo export html`` writes it
  (:func:`geo.export.formats.export_bytes`, the dataset already read): wall-clock and CPU
  seconds and MB (aims: <= 2 s, <= 15 MB; build_map switches to its packed layer
  automatically), and the time Chromium takes to open and draw it, from navigation to the
  page's ready signal (aim: <= 3 s), with the number of sites drawn;
* PNG 1600 x 900 per image with a warm browser, labels placed (aim: <= 0.5 s), cold start
  separately;
* a 20-event deck, maps and their text boxes included (aim: <= 5 s); with ``--deck-only``
  only the deck, warm, with the CPU seconds of Python and of its Chromium.

The synthetic events are sites scattered over Belarus and western Russia, each with one
article quote of about 140 characters (random words of the seed articles, so it compresses
like real text) and its distance to Ukraine's border (measured exactly with
:func:`geo.geometry.borders.border_distance`), so the packed data has realistic content.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.geometry import borders
from geo.model.article import Article
from geo.model.dataset import Dataset
from geo.model.event import EVENT_TYPES, STATUSES, Event, EventPlace, EventSource, PartialDate
from geo.model.measurement import SiteMeasurement
from geo.model.mention import Mention
from geo.model.place import Place


def _vocabulary() -> list[str]:
    """Words of the seed articles, so synthetic quotes compress like real text."""
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    words = [w for f in sorted(seeds.glob("*.txt"))
             for w in f.read_text(encoding="utf-8").split() if w.isalpha()]
    return words or ["drills"]


def synthetic_dataset(n_events: int, *, seed: int = 7, n_articles: int = 200) -> Dataset:
    """A dataset of ``n_events`` located exercises with quotes and distances to Ukraine."""
    rng = random.Random(seed)
    vocabulary = _vocabulary()
    articles = [Article(id=f"s{i:04d}", file=f"synthetic/{i:04d}.txt", part=1,
                        title=f"Synthetic report {i}", text="",
                        published=date(2023, 1, 1) + timedelta(days=i % 365),
                        published_precision="day", date_basis="stated")
                for i in range(n_articles)]
    lats = [rng.uniform(51.5, 56.0) for _ in range(n_events)]
    lons = [rng.uniform(24.0, 38.0) for _ in range(n_events)]
    d = borders.border_distance(lats, lons, "UA")
    events, sources, places, mentions, measures = [], [], [], [], []
    for i in range(n_events):
        article = articles[i % n_articles]
        start = date(2021, 1, 1) + timedelta(days=rng.randrange(1000))
        eid = f"syn-{i:05d}"
        events.append(Event(
            id=eid, name=f"Synthetic exercise {i}", name_basis="descriptive",
            category="exercise", type=rng.choice(EVENT_TYPES),
            start=PartialDate(start, "day"), end=PartialDate(start + timedelta(days=5), "day"),
            date_text="", status=rng.choice(STATUSES), participants=("RU", "BY")))
        words = " ".join(rng.choice(vocabulary) for _ in range(22))
        sources.append(EventSource(eid, article.id, f"Exercise {i}: {words}."))
        surface = f"Site {i}"
        places.append(EventPlace(eid, article.id, surface, "site"))
        place = Place(name=surface, lat=lats[i], lon=lons[i], country_code="BY",
                      kind="training ground", precision_km=2.0, source="synthetic")
        mentions.append(Mention(article.id, surface, surface, 0, 0, "", place))
        if not d.inside[i]:
            measures.append(SiteMeasurement(
                event_id=eid, article_id=article.id, surface=surface, place_name=surface,
                lat=lats[i], lon=lons[i], precision_km=2.0, border_iso2="UA",
                border_name="Ukraine", distance_km=float(d.distance_km[i]),
                bearing_deg=float(d.bearing_deg[i]), nearest_lat=float(d.nearest_lat[i]),
                nearest_lon=float(d.nearest_lon[i]), inside=False))
    return Dataset(articles=articles, events=events, sources=sources, event_places=places,
                   mentions=mentions, measurements=measures, claims=[])


def _times(fn, repeat: int) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return times, result


def _wall_and_cpu(fn, repeat: int) -> tuple[list[float], list[float], object]:
    """Wall-clock and CPU seconds of ``repeat`` calls (CPU time shows the work on a busy
    machine, where wall-clock time also counts waiting for a core)."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        result = fn()
        cpus.append(time.process_time() - c)
        walls.append(time.perf_counter() - t)
    return walls, cpus, result


def _load() -> str:
    """The 1, 5 and 15 minute load averages (as ``uptime`` prints them)."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def _spread(times: list[float]) -> str:
    """Median and range of a list of seconds, e.g. ``0.41 s (0.38-0.52, n=5)``."""
    return (f"{statistics.median(times):.2f} s ({min(times):.2f}-{max(times):.2f}, "
            f"n={len(times)})")


def main() -> None:
    """Run the benchmarks and print the figures (median, range and count of each)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--deck-events", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--html-only", action="store_true",
                        help="only the big HTML export and its opening in Chromium")
    parser.add_argument("--deck-only", action="store_true",
                        help="only the 20-event deck (wall and CPU seconds)")
    parser.add_argument("--pages", type=int, default=1,
                        help="with --deck-only: pages the renderer draws at once (1 or 2)")
    args = parser.parse_args()

    from geo.analysis.pipeline import build_dataset
    from geo.export.deck import build_deck
    from geo.export.formats import export_bytes
    from geo.export.html import map_page
    from geo.export.options import ExportOptions
    from geo.export.png import MapRenderer
    from geo.render.maps import build_map, map_html

    print(f"load average before: {_load()} ({os.cpu_count()} cores)")
    if args.deck_only:
        _deck(args.deck_events, args.repeat, args.pages)
        print(f"load average after: {_load()}")
        return
    big = synthetic_dataset(args.events)
    map_html(build_map(synthetic_dataset(5)))  # warm caches (basemap, names, Leaflet) once
    walls, cpus, data = _wall_and_cpu(lambda: export_bytes(big, "html", ExportOptions()),
                                      args.repeat)
    page = data.decode("utf-8")
    print(f"HTML export, {args.events:,} synthetic events: {_spread(walls)} wall, "
          f"{_spread(cpus)} CPU, {len(data) / 1e6:.1f} MB (aim <= 2 s, <= 15 MB)")
    with MapRenderer(timeout_s=300) as renderer:
        renderer.load("<script>window.drillmapReady = true;</script>")  # browser started
        open_times, loaded = _times(lambda: renderer.load(page, width=1600, height=900),
                                    args.repeat)
        drawn = loaded.evaluate(
            "(window.drillmapPackedLayers || []).map(l => l.drawnSites)")
    print(f"Open and draw the {args.events:,}-event HTML in Chromium, 1600x900 (until the "
          f"map signals ready; sites drawn {drawn}): {_spread(open_times)} (aim <= 3 s)")
    print(f"load average after: {_load()}")
    if args.html_only:
        return

    ds = build_dataset()
    pages = {"overview": map_page(ds, ExportOptions(), static=True),
             "one event": map_page(ds, ExportOptions(event="flight-tactical-ruzhansky-2023"),
                                   static=True)}
    t = time.perf_counter()
    with MapRenderer() as renderer:
        renderer.render_html(pages["overview"])
        cold = time.perf_counter() - t
        for name, html in pages.items():
            times, _ = _times(lambda html=html: renderer.render_html(html, width=1600,
                                                                      height=900), args.repeat)
            placed = renderer.load(html).evaluate(
                "document.querySelectorAll('.drillmap-placed').length")
            print(f"PNG 1600x900 {name}, warm browser, {placed} labels placed: "
                  f"{_spread(times)} (aim <= 0.5 s)")
        print(f"PNG cold start + first image: {cold:.2f} s")

        deck_ds = synthetic_dataset(args.deck_events, seed=11)
        deck_times, deck = _times(lambda: build_deck(deck_ds, ExportOptions(),
                                                     renderer=renderer), 3)
    t = time.perf_counter()
    build_deck(deck_ds, ExportOptions())
    cold_deck = time.perf_counter() - t
    print(f"Deck, {args.deck_events} events ({args.deck_events + 3} slides, "
          f"{len(deck) / 1e6:.1f} MB): {_spread(deck_times)} with a warm browser "
          f"(aim <= 5 s), {cold_deck:.1f} s including the browser start")


def _deck(n_events: int, repeat: int, pages: int = 1) -> None:
    """The deck of ``n_events`` synthetic events with a warm browser: wall-clock seconds, and
    CPU seconds of this process and of its Chromium (its children, read from ``/proc``)."""
    from geo.export.deck import build_deck
    from geo.export.options import ExportOptions
    from geo.export.png import MapRenderer

    deck_ds = synthetic_dataset(n_events, seed=11)
    walls, cpus, browser_cpus, size = [], [], [], 0
    renderer = MapRenderer(pipeline_pages=pages) if pages != 1 else MapRenderer()
    with renderer:
        build_deck(deck_ds, ExportOptions(), renderer=renderer)  # warm: browser, caches
        for _ in range(repeat):
            t, c, b = time.perf_counter(), time.process_time(), _children_cpu()
            size = len(build_deck(deck_ds, ExportOptions(), renderer=renderer))
            walls.append(time.perf_counter() - t)
            cpus.append(time.process_time() - c)
            browser_cpus.append(_children_cpu() - b)
    print(f"Deck, {n_events} events ({size / 1e6:.1f} MB), warm browser: {_spread(walls)} "
          f"wall (aim <= 5 s); CPU: Python {_spread(cpus)}, Chromium {_spread(browser_cpus)}, "
          f"both {_spread([a + b for a, b in zip(cpus, browser_cpus, strict=True)])}")


def _children_cpu() -> float:
    """CPU seconds (user + system) of this process's descendants still running (Chromium and
    Playwright's driver), from ``/proc``."""
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(stat.parent.name)
        parents[pid] = int(fields[1])
        times[pid] = (int(fields[11]) + int(fields[12])) / tick
    me, total = os.getpid(), 0.0
    for pid, cpu in times.items():
        p = parents.get(pid, 0)
        while p and p != me:
            p = parents.get(p, 0)
        if p == me:
            total += cpu
    return total


if __name__ == "__main__":
    main()
