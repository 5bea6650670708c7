"""Map image timings, run by hand: ``.venv/bin/python bench/bench_images.py [--runs 5]``.

Prints, each as median (min-max, n) of wall seconds and of CPU seconds (this process and its
Chromium together, read from /proc: the machine is shared, so the CPU figure is the one that
does not grow with other people's load), with the load average before and after:

* PNG 1600 x 900, warm (the second and later image of one :class:`MapRenderer`, labels
  placed): the browser alone (``render_html`` of a built page) and end to end
  (``render_png``: the page built from the dataset, then drawn), for the seed overview and
  the Ruzhansky event (aim: <= 0.5 s);
* a 20-event deck (``build_deck`` of :func:`bench_exports.synthetic_dataset`, 20 event
  slides with a map picture and native text boxes, the overview and the timeline) with a warm
  renderer (aim: <= 5 s), then once cold, as ``python -m geo export pptx`` runs it (the
  browser started and closed for it).

It uses only the exports' public functions, so the same file runs on an older checkout
(``git archive <commit> | tar -x -C DIR``, then ``.venv/bin/python DIR/bench/bench_images.py``
imports that checkout's ``geo``) for before/after figures.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_exports import synthetic_dataset

from geo.analysis.pipeline import build_dataset
from geo.export.deck import build_deck
from geo.export.html import map_page
from geo.export.options import ExportOptions
from geo.export.png import MapRenderer, render_png

RUZHANSKY = "flight-tactical-ruzhansky-2023"


def _process_cpu() -> dict[int, float]:
    """CPU seconds (user + system) of this process and every process descended from it (with
    the reaped children of each, so a browser closed since still counts)."""
    tick = os.sysconf("SC_CLK_TCK")
    parent, cpu = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2:].split()
        parent[int(entry)] = int(fields[1])
        cpu[int(entry)] = sum(int(f) for f in fields[11:15]) / tick
    me = os.getpid()

    def mine(pid: int) -> bool:
        while pid > 1:
            if pid == me:
                return True
            pid = parent.get(pid, 0)
        return False

    return {pid: seconds for pid, seconds in cpu.items() if mine(pid)}


def _cpu_since(before: dict[int, float]) -> float:
    now = _process_cpu()
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in now.items())


def _measure(job: Callable[[], object], runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of ``runs`` calls of ``job``."""
    walls, cpus = [], []
    for _ in range(runs):
        before = _process_cpu()
        t = time.perf_counter()
        job()
        walls.append(time.perf_counter() - t)
        cpus.append(_cpu_since(before))
    return walls, cpus


def _spread(values: list[float]) -> str:
    """``0.41 s (0.38-0.52, n=5)``."""
    return (f"{statistics.median(values):.2f} s ({min(values):.2f}-{max(values):.2f}, "
            f"n={len(values)})")


def _report(name: str, walls: list[float], cpus: list[float], aim: str) -> None:
    print(f"{name}: wall {_spread(walls)}; CPU {_spread(cpus)} ({aim})", flush=True)


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} CPUs"


def main() -> None:
    """Run the benchmarks and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--deck-events", type=int, default=20)
    parser.add_argument("--skip-deck", action="store_true")
    args = parser.parse_args()

    print(_load(), flush=True)
    ds = build_dataset()
    views = {"overview": ExportOptions(),
             "one event": ExportOptions(event=RUZHANSKY)}
    pages = {name: map_page(ds, options, static=True) for name, options in views.items()}
    deck_ds = synthetic_dataset(args.deck_events, seed=11)
    with MapRenderer() as renderer:
        renderer.render_html(pages["one event"])  # the cold start: browser, first page
        for name, page in pages.items():
            renderer.render_html(pages["overview" if name != "overview" else "one event"])
            walls, cpus = _measure(lambda page=page: renderer.render_html(page), args.runs)
            placed = renderer.load(page).evaluate(
                "document.querySelectorAll('.drillmap-placed').length")
            _report(f"PNG 1600x900 {name}, warm, browser only ({placed} labels placed)",
                    walls, cpus, "aim <= 0.5 s")
        for name, options in views.items():
            walls, cpus = _measure(
                lambda options=options: render_png(ds, options, renderer=renderer), args.runs)
            _report(f"PNG 1600x900 {name}, warm, end to end (render_png)", walls, cpus,
                    "aim <= 0.5 s")
        if not args.skip_deck:
            build_deck(deck_ds, ExportOptions(), renderer=renderer)  # warm the deck's caches
            walls, cpus = _measure(
                lambda: build_deck(deck_ds, ExportOptions(), renderer=renderer), args.runs)
            _report(f"Deck, {args.deck_events} events, warm renderer", walls, cpus,
                    "aim <= 5 s")
    if not args.skip_deck:
        walls, _ = _measure(lambda: build_deck(deck_ds, ExportOptions()), 1)
        # (its CPU is not counted: the closed browser's processes are not all reaped by then)
        print(f"Deck, {args.deck_events} events, browser started for it (as the CLI runs "
              f"it): wall {_spread(walls)}", flush=True)
    print(_load(), flush=True)


if __name__ == "__main__":
    main()
