"""The store on SQLite and on PostgreSQL: ingest, read the dataset, open (figures with spread).

Ingests the same synthetic articles (``bench_ingest.synthetic_articles``) into a new SQLite
file and, with ``--pg URL`` (an empty database with PostGIS), into PostgreSQL; then times
reading the whole dataset (``read_dataset``, what the app and every export do) and opening the
store (SQLite: includes the ``quick_check`` that refuses a damaged file before anything is
written).

Usage::

    .venv/bin/python bench/bench_store.py [--articles 300] [--pg postgresql://...]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_ingest import synthetic_articles  # noqa: E402

from geo.geocoders.registry import get_geocoder  # noqa: E402
from geo.services.ingest import ingest_files  # noqa: E402
from geo.services.reading import read_dataset  # noqa: E402
from geo.services.seed import seed_database  # noqa: E402
from geo.store.sqlite import Store  # noqa: E402

__all__ = ["main"]


def _spread(fn: Callable[[], object], runs: int) -> str:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return (f"median {statistics.median(times):.0f} ms (min {min(times):.0f}, "
            f"max {max(times):.0f}, {runs} runs)")


def _bench(label: str, db: str, files: list[Path], geocoder: object, runs: int) -> None:
    with Store(db) as store:
        seed_database(store, geocoder=geocoder)
        t = time.perf_counter()
        batch = ingest_files(files, store=store, published="2023-06-14", geocoder=geocoder)
        elapsed = time.perf_counter() - t
        n = len(batch.ingested)
        print(f"{label}: ingested {n}/{len(files)} in {elapsed:.1f} s = {n / elapsed:.0f} "
              f"articles/s; {store.counts()['mentions']} mentions")
        print(f"{label}: read_dataset: {_spread(lambda: read_dataset(store), runs)}")
        print(f"{label}: content_digest: {_spread(store.content_digest, runs)}")
    print(f"{label}: open (schema check{', quick_check' if '://' not in db else ''}): "
          f"{_spread(lambda: Store(db).close(), runs)}")


def main(argv: list[str] | None = None) -> int:
    """Ingest into each backend and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pg", default="", help="an empty PostgreSQL database with PostGIS")
    args = parser.parse_args(argv)
    geocoder = get_geocoder("offline")
    geocoder.geocode("Minsk")  # the gazetteer index, loaded outside the timed parts
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = []
        for name, text in synthetic_articles(args.articles):
            path = folder / name
            path.write_text(text, encoding="utf-8")
            files.append(path)
        _bench("sqlite", str(folder / "bench.sqlite"), files, geocoder, args.runs)
        size = (folder / "bench.sqlite").stat().st_size / 1e6
        print(f"sqlite: file {size:.1f} MB")
        if args.pg:
            _bench("postgresql", args.pg, files, geocoder, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
