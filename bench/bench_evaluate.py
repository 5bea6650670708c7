"""Evaluation throughput on the gold corpus: articles/s over several runs, and the metrics.

Runs :func:`geo.services.evaluate.evaluate_corpus` (the real ingest pipeline on every article,
each into an empty in-memory database, then the scoring) ``--runs`` times in one process. The
first run includes loading the gazetteer and the lexicon; the metrics must not change between
runs (the bench says so if they do).

Usage::

    .venv/bin/python bench/bench_evaluate.py [--runs 3] [--split all] [--corpus tests/corpus]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.services.evaluate import EvaluationReport, evaluate_corpus

__all__ = ["main"]

_ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print articles/s (median, spread) and the metrics."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="evaluations to run (default 3)")
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all")
    parser.add_argument("--corpus", type=Path, default=_ROOT / "tests" / "corpus")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    reports: list[EvaluationReport] = []
    for n in range(1, args.runs + 1):
        report = evaluate_corpus(args.corpus, split=args.split)
        reports.append(report)
        print(f"run {n}: {report.total.articles} articles in {report.seconds:.3f} s "
              f"(pipeline {report.pipeline_seconds:.3f} s), "
              f"{report.articles_per_s:.1f} articles/s")
    rates = [r.articles_per_s for r in reports]
    print(f"articles/s: median {statistics.median(rates):.1f}, min {min(rates):.1f}, "
          f"max {max(rates):.1f} over {len(rates)} runs"
          + (f" (first run, with the gazetteer load: {rates[0]:.1f})" if len(rates) > 1 else ""))
    metrics = {repr(r.total) for r in reports}
    if len(metrics) > 1:
        print("warning: the metrics differ between runs (the pipeline is not deterministic)")
    print()
    print("\n".join(reports[-1].lines()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
