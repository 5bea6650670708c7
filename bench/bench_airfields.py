"""Airfields from airportsdata (``geo.geocoders.airfields``): what reading the table costs.

Prints, each the median of ``--runs`` runs (default 3) with the spread (min-max):

* the first use in a fresh interpreter: CPU time to read and index the table and the growth
  of the process's peak resident set; in another fresh interpreter, the memory the table
  holds (tracemalloc: Python allocations still alive after the load);
* lookups per CPU second of ``AirfieldTable.find`` over a fixed list of queries (airfields,
  city airports and misses), once the table is loaded.

The table is read once per process, on the first query with an airfield head noun; a query
without one costs a suffix test and never reads it. No assertions: the figures depend on the
machine and its load.

Usage::

    .venv/bin/python bench/bench_airfields.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo.geocoders.airfields import airfield_table  # noqa: E402 - after sys.path

_COLD = """
import resource, time
from geo.geocoders import airfields
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.process_time()
table = airfields.airfield_table()
t1 = time.process_time()
rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(t1 - t0, (rss1 - rss0) / 1024, len(table))
"""

# tracemalloc slows every allocation down: the memory is measured in a run of its own
_HELD = """
import tracemalloc
from geo.geocoders import airfields
tracemalloc.start()
table = airfields.airfield_table()
print(tracemalloc.get_traced_memory()[0] / 2**20)
"""

_QUERIES = (
    ("Kunsan Air Base", ("KR",)), ("the Lida airfield", ("BY",)),
    ("Severomorsk-1 airfield", ("RU",)), ("Bamako airport", ("ML",)),
    ("Fairchild Air Force Base", ("US",)), ("Minsk Machulishchy airfield", ("BY",)),
    ("Hamad International Airport", ("QA",)), ("Moscow airport", ("RU",)),
    ("the main airport", ()), ("Qorvastad airbase", ("NO",)),
)


def _summary(values: list[float], unit: str, digits: int = 2) -> str:
    return (f"median {statistics.median(values):.{digits}f} {unit} (min {min(values):.{digits}f}, "
            f"max {max(values):.{digits}f}; n={len(values)})")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    load, held, rss, rows = [], [], [], 0
    for _ in range(args.runs):
        out = subprocess.run([sys.executable, "-c", _COLD], capture_output=True, text=True,
                             check=True, cwd=ROOT).stdout.split()
        load.append(float(out[0]))
        rss.append(float(out[1]))
        rows = int(out[2])
        held.append(float(subprocess.run([sys.executable, "-c", _HELD], capture_output=True,
                                         text=True, check=True, cwd=ROOT).stdout))
    print(f"airportsdata table: {rows:,} airfields (fresh interpreter, first use)")
    print(f"  read and index, CPU time:       {_summary(load, 's')}")
    print(f"  memory held by the table:       {_summary(held, 'MiB', 1)}")
    print(f"  resident set growth:            {_summary(rss, 'MiB', 1)}")
    table = airfield_table()
    rates = []
    for _ in range(args.runs):
        n, t0 = 0, time.process_time()
        while time.process_time() - t0 < 1.0:
            for query, bias in _QUERIES:
                table.find(query, bias)
            n += len(_QUERIES)
        rates.append(n / (time.process_time() - t0))
    print(f"  lookups (find), loaded table:   {_summary(rates, 'per CPU second', 0)}")


if __name__ == "__main__":
    main()
