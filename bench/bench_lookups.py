"""How much of building a big map goes to Dataset lookups: ``python bench/bench_lookups.py``.

Builds the map of a synthetic 10,000-event dataset (as ``bench_exports.py``) under cProfile and
prints the build time and the share spent in :class:`geo.model.dataset.Dataset`'s lookups and
index building, with the comprehensions and lambdas they run (aim: < 10 %). Run by hand;
prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import inspect
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_exports import synthetic_dataset  # noqa: E402 - after sys.path

import geo.model.dataset as dataset_module  # noqa: E402
from geo.model.dataset import Dataset  # noqa: E402
from geo.render.maps import MapOptions, build_map, map_html  # noqa: E402

LOOKUPS = ("sources_of", "places_of", "measurements_of", "claims_of", "mention_place",
           "_place_index", "_sources_index", "_places_index", "_measurements_index",
           "_claims_index", "_group", "event_by_id", "article_by_id")


def _lookup_lines() -> list[range]:
    """The source lines of each lookup, so that the comprehensions and lambdas they run (own
    frames in a profile: ``<listcomp>``, ``<lambda>``) count as lookup time too."""
    spans = []
    for name in LOOKUPS:
        obj = getattr(Dataset, name, None) or getattr(dataset_module, name)
        func = getattr(obj, "func", None) or getattr(obj, "fget", None) or obj
        lines, first = inspect.getsourcelines(func)
        spans.append(range(first, first + len(lines)))
    return spans


LOOKUP_LINES = _lookup_lines()


def _in_lookup(line: int, name: str) -> bool:
    return name in LOOKUPS or (name.startswith("<") and any(line in r for r in LOOKUP_LINES))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    times, shares = [], []
    for i in range(args.repeat):
        ds = synthetic_dataset(args.events, seed=7 + i)
        profile = cProfile.Profile()
        start = time.perf_counter()
        profile.enable()
        map_html(build_map(ds, MapOptions()))
        profile.disable()
        times.append(time.perf_counter() - start)
        stats = pstats.Stats(profile)
        total = sum(v[2] for v in stats.stats.values())  # own time of every function
        lookup = sum(v[2] for k, v in stats.stats.items()
                     if k[0].endswith("dataset.py") and _in_lookup(k[1], k[2]))
        shares.append(lookup / total)
    print(f"map of {args.events:,} events, built and rendered under cProfile, {args.repeat} runs")
    print(f"  time: median {statistics.median(times):.2f} s (min {min(times):.2f}, "
          f"max {max(times):.2f})")
    print(f"  share of own time in Dataset lookups: median {statistics.median(shares):.1%} "
          f"(min {min(shares):.1%}, max {max(shares):.1%})")


if __name__ == "__main__":
    main()
