"""Benchmark of the offline gazetteer (run by hand; prints figures for the team).

Measures, each in a fresh Python process so that nothing is warm by accident:

* index build time (GeoNames cities500 + data/places.csv -> ``.npy`` files) and the build's
  peak RSS;
* load time of the prebuilt index (median of several fresh processes), the import time
  of :mod:`geo.geocoders.gazetteer` (numpy dominates), and the RSS / Python-heap cost of loading;
* raw lookups/s (``Gazetteer.lookup``: normalise -> hash -> searchsorted -> record ids)
  over a shuffled mix of ~10,000 names (80 % real GeoNames names, 20 % misses), cold
  (first pass, pages faulted in from the mmap) and warm (median of later passes), plus
  the vectorised ``lookup_many``;
* full ``geocode()``/s (ranking, fallbacks for misses, :class:`Place` construction) with
  the per-instance result cache cleared, and with it warm.

Usage::

    .venv/bin/python bench/bench_gazetteer.py [--cache-dir DIR] [--names 10000] [--loads 7]

Without ``--cache-dir`` a temporary directory is used (and removed), so the build is
always measured from scratch.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_PRELUDE = textwrap.dedent(
    """
    import json, os, resource, statistics, sys, time, tracemalloc
    sys.path.insert(0, {root!r})

    def rss_mb():
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

    def peak_mb():
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    """
)

_BUILD = _PRELUDE + textwrap.dedent(
    """
    from geo.geocoders.gazetteer import Gazetteer
    t = time.perf_counter()
    g = Gazetteer(cache_dir={cache!r}, rebuild=True)
    total = time.perf_counter() - t
    m = g.manifest
    print(json.dumps({{
        "build_s": total, "phases": m.get("build_phases"), "n_records": m["n_records"],
        "n_keys": m["n_keys"], "n_postings": m["n_postings"],
        "collisions": m["hash_collisions"], "peak_rss_mb": peak_mb(),
        "index_dir": str(g.index_dir),
        "index_mb": sum(p.stat().st_size for p in g.index_dir.iterdir()) / 2**20,
    }}))
    """
)

_LOAD = _PRELUDE + textwrap.dedent(
    """
    t0 = time.perf_counter()
    import numpy  # noqa: F401
    t1 = time.perf_counter()
    from geo.geocoders.gazetteer import Gazetteer
    t2 = time.perf_counter()
    rss0 = rss_mb()
    tracemalloc.start()
    t3 = time.perf_counter()
    g = Gazetteer(cache_dir={cache!r})
    t4 = time.perf_counter()
    heap = tracemalloc.get_traced_memory()[0] / 2**20
    tracemalloc.stop()
    assert not g.built_index, "index was rebuilt instead of loaded"
    print(json.dumps({{
        "numpy_import_s": t1 - t0, "module_import_s": t2 - t1, "load_s": t4 - t3,
        "rss_delta_mb": rss_mb() - rss0, "heap_mb": heap,
    }}))
    """
)

_LOOKUPS = _PRELUDE + textwrap.dedent(
    """
    import random
    from geo.geocoders.gazetteer import Gazetteer
    g = Gazetteer(cache_dir={cache!r})
    rss_loaded = rss_mb()
    rng = random.Random(20260522)
    n = {n}
    hits = [g.name_of(i) for i in rng.sample(range(len(g)), int(n * 0.8))]
    misses = ["Xq" + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(8))
              for _ in range(n - len(hits))]
    names = hits + misses
    rng.shuffle(names)

    def rate(fn, passes):
        out = []
        for _ in range(passes):
            t = time.perf_counter()
            fn()
            out.append(len(names) / (time.perf_counter() - t))
        return out

    lookup = g.lookup
    def raw():
        for name in names:
            lookup(name)
    raw_rates = rate(raw, 6)
    many_rates = rate(lambda: g.lookup_many(names), 5)

    def full():
        for name in names:
            g.geocode(name)
    full_cold = []
    for _ in range(3):
        g._results.clear()
        full_cold += rate(full, 1)
    full_warm = rate(full, 3)
    found = sum(1 for name in names if g.geocode(name) is not None)
    print(json.dumps({{
        "raw_cold": raw_rates[0], "raw_warm": statistics.median(raw_rates[1:]),
        "many": statistics.median(many_rates),
        "full_uncached": statistics.median(full_cold), "full_cached": statistics.median(full_warm),
        "found": found, "n": len(names),
        "rss_after_loop_mb": rss_mb() - rss_loaded,
    }}))
    """
)


def _run(code: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a short report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache-dir", type=Path, default=None)
    parser.add_argument("--names", type=int, default=10_000)
    parser.add_argument("--loads", type=int, default=7)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="drillmap-bench-") as tmp:
        cache = str(args.cache_dir or Path(tmp))
        b = _run(_BUILD.format(root=str(ROOT), cache=cache))
        print(f"index: {b['n_records']:,} records, {b['n_keys']:,} keys, "
              f"{b['n_postings']:,} postings, {b['collisions']} hash collisions, "
              f"{b['index_mb']:.1f} MB on disk at {b['index_dir']}")
        print(f"build: {b['build_s']:.2f} s (phases: {b['phases']}), "
              f"peak RSS {b['peak_rss_mb']:.0f} MB")

        loads = [_run(_LOAD.format(root=str(ROOT), cache=cache)) for _ in range(args.loads)]
        med = {k: statistics.median(x[k] for x in loads) for k in loads[0]}
        print(f"load (median of {len(loads)} fresh processes): {med['load_s'] * 1000:.1f} ms "
              f"[min {min(x['load_s'] for x in loads) * 1000:.1f}, "
              f"max {max(x['load_s'] for x in loads) * 1000:.1f}]; "
              f"import numpy {med['numpy_import_s'] * 1000:.0f} ms, "
              f"import geo.geocoders.gazetteer {med['module_import_s'] * 1000:.0f} ms")
        print(f"memory of load: RSS +{med['rss_delta_mb']:.1f} MB (mmap pages touched), "
              f"Python heap +{med['heap_mb']:.2f} MB (tracemalloc)")

        r = _run(_LOOKUPS.format(root=str(ROOT), cache=cache, n=args.names))
        print(f"raw lookups over {r['n']:,} names (80% hits): cold {r['raw_cold']:,.0f}/s, "
              f"warm {r['raw_warm']:,.0f}/s; lookup_many {r['many']:,.0f}/s")
        print(f"full geocode(): {r['full_uncached']:,.0f}/s uncached, "
              f"{r['full_cached']:,.0f}/s with the result cache warm "
              f"({r['found']:,} of {r['n']:,} found)")
        print(f"RSS growth during the lookup runs: +{r['rss_after_loop_mb']:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
