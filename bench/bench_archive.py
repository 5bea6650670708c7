"""Archive ingest: one process vs a Dask LocalCluster of 2 workers, on 20,000 articles.

Builds a JSON-lines archive from the real articles of ``tests/corpus/`` and ``seeds/``, varied
(paragraph subsets and re-orderings, collages of several local news reports, the templated
exercise reports of ``bench_ingest.py``, exact duplicates): most articles are general news,
some report exercises. Then, alternating, ``--runs`` times each:

* one process: ``ingest_archive(engine="local", workers=1)``;
* Dask: ``ingest_archive(engine="dask", workers=2)`` (a ``LocalCluster`` of 2 worker
  processes, started and stopped inside the timed run);

each into a new database and a new work folder, with the same partitions. Prints the time of
each run (read and merge), the median and range, the speed-up, the articles/s, and each
worker's peak memory (``ru_maxrss``). Then checks that every merged store holds exactly what a
sequential ``ingest_text`` of the articles that pass the relevance filter holds (articles,
mentions, events with sources, places and distances, claims), and reads a sample of the
articles the filter dropped in full to count what the filter cost. No assertions on speed:
the machine is shared; the load average is printed with the figures.

Usage::

    .venv/bin/python bench/bench_archive.py [--articles 20000] [--runs 2] [--partitions 16]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_ingest import synthetic_articles  # noqa: E402 - after sys.path

from geo.extract.lexicon import load_lexicon  # noqa: E402
from geo.geocoders.registry import get_geocoder  # noqa: E402
from geo.inputs.archive import plan_partitions  # noqa: E402
from geo.services.archive import (  # noqa: E402
    ArchiveReport,
    RelevanceFilter,
    ingest_archive,
    iter_archive_sources,
    store_contents,
)
from geo.services.ingest import analyse_article, ingest_text, prepare_text  # noqa: E402
from geo.settings import bundled_seeds_dir  # noqa: E402
from geo.store.sqlite import Store  # noqa: E402

CORPUS = ROOT / "tests" / "corpus" / "articles"


def _paragraphs(text: str) -> list[str]:
    parts = [p.strip() for p in text.split("\n\n") if p.strip()]
    return parts if len(parts) > 1 else [p.strip() for p in text.split("\n") if p.strip()]


def _variant(rng: random.Random, paragraphs: list[str]) -> str:
    """A contiguous run of paragraphs, the later ones sometimes re-ordered."""
    n = len(paragraphs)
    start = rng.randrange(max(1, n // 3))
    end = rng.randint(min(n, start + 2), n)
    body = paragraphs[start:end]
    if len(body) > 2 and rng.random() < 0.5:
        tail = body[1:]
        rng.shuffle(tail)
        body = [body[0], *tail]
    return "\n\n".join(body)


def build_archive(n: int, seed: int) -> list[dict[str, str]]:
    """``n`` archive records: ~78 % general news collages, ~8 % other military news, ~10 %
    variants of real exercise reports, ~3 % templated exercise reports, ~1 % duplicates."""
    rng = random.Random(seed)
    corpus = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.json"))]
    by_genre: dict[str, list[dict[str, Any]]] = {}
    for a in corpus:
        by_genre.setdefault(a["genre"], []).append(a)
    seeds = [{"text": p.read_text(encoding="utf-8"), "title": "", "url": f"seeds/{p.name}",
              "published": ""} for p in sorted(bundled_seeds_dir().glob("*.txt"))]
    exercises = by_genre["exercise"] + seeds
    general_paragraphs = [(a, _paragraphs(a["text"])) for a in by_genre["general"]]
    templated = synthetic_articles(max(1, n * 3 // 100), seed=seed)
    out: list[dict[str, str]] = []
    for i in range(n):
        roll = rng.random()
        if roll < 0.01 and out:
            out.append(dict(rng.choice(out)))
            continue
        if roll < 0.79:
            picks = rng.sample(general_paragraphs, rng.choice((1, 2, 2, 3)))
            body = "\n\n".join(_variant(rng, paras) for _, paras in picks)
            base = picks[0][0]
        elif roll < 0.87:
            base = rng.choice(by_genre["no-exercise"])
            body = _variant(rng, _paragraphs(base["text"]))
        elif roll < 0.97:
            base = rng.choice(exercises)
            body = _variant(rng, _paragraphs(base["text"]))
        else:
            name, text = templated[i % len(templated)]
            base = {"title": "", "url": f"synthetic/{name}", "published": "2023-06-14"}
            body = text
        out.append({"text": f"{body}\n\n(Archive item {i}.)", "title": base["title"],
                    "url": f"{base['url']}#{i}", "published": base["published"]})
    return out


def _spread(values: list[float]) -> str:
    return (f"{statistics.median(values):.1f} s (range {min(values):.1f}-{max(values):.1f}, "
            f"{len(values)} runs)")


def _worker_memory(report: ArchiveReport) -> dict[str, float]:
    peak: dict[str, float] = {}
    for p in report.partitions:
        peak[p.worker] = max(peak.get(p.worker, 0.0), p.peak_rss_mb)
    return peak


def _reference(archive: Path, folder: Path) -> tuple[dict[str, Any], float, int, list[str]]:
    """Sequential ingest_text of the articles that pass the filter: (contents, seconds, count,
    texts the filter dropped)."""
    relevant = RelevanceFilter(load_lexicon())
    dropped: list[str] = []
    started = time.perf_counter()
    count = 0
    with Store(folder / "reference.sqlite") as store:
        for source, record in iter_archive_sources(archive, plan_partitions(archive, 1)):
            prepared = prepare_text(record.text, source=source)
            if isinstance(prepared, str):
                continue
            if not relevant(prepared.article.text):
                dropped.append(record.text)
                continue
            ingest_text(record.text, title=record.title or None,
                        published=record.published or None, store=store, source=source)
            count += 1
        seconds = time.perf_counter() - started
        return store_contents(store), seconds, count, dropped


def main(argv: list[str] | None = None) -> int:
    """Build the archive, run both engines, compare with a sequential ingest, print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--partitions", type=int, default=16)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dropped-sample", type=int, default=300,
                        help="filtered-out articles read in full to count what was lost")
    parser.add_argument("--no-reference", action="store_true",
                        help="skip the sequential reference ingest (and the store comparison)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        archive = folder / "archive.jsonl"
        rows = build_archive(args.articles, args.seed)
        archive.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        print(f"archive: {len(rows):,} articles, {archive.stat().st_size / 1e6:.1f} MB, "
              f"{args.partitions} partitions; {os.cpu_count()} CPUs; load average "
              f"{os.getloadavg()[0]:.1f} at the start (other agents share this machine)")
        results: dict[str, list[ArchiveReport]] = {"one process": [], "dask 2 workers": []}
        totals: dict[str, list[float]] = {k: [] for k in results}
        stores: dict[str, list[dict[str, Any]]] = {k: [] for k in results}
        for run in range(args.runs):
            for label, engine, workers in (("one process", "local", 1),
                                           ("dask 2 workers", "dask", 2)):
                name = f"{engine}-{workers}-{run}"
                started = time.perf_counter()
                with Store(folder / f"{name}.sqlite") as store:
                    report = ingest_archive(archive, store=store, engine=engine,
                                            workers=workers, partitions=args.partitions,
                                            work_dir=folder / f"work-{name}")
                    total = time.perf_counter() - started
                    stores[label].append(store_contents(store))
                results[label].append(report)
                totals[label].append(total)
                memory = ", ".join(f"{mb:.0f} MB" for mb in _worker_memory(report).values())
                print(f"{label}, run {run + 1}: {total:.1f} s (merging {report.seconds_merge:.1f}"
                      f" s of it); {report.passed:,} of "
                      f"{report.records:,} passed the filter; stored {report.merge.ingested:,} "
                      f"articles, {report.merge.events_new:,} new events, "
                      f"{report.merge.claims:,} claims; worker peak memory {memory}; load "
                      f"average {os.getloadavg()[0]:.1f}", flush=True)

        one, two = totals["one process"], totals["dask 2 workers"]
        print()
        print(f"one process:      {_spread(one)}, "
              f"{args.articles / statistics.median(one):.0f} articles/s")
        print(f"dask, 2 workers:  {_spread(two)}, "
              f"{args.articles / statistics.median(two):.0f} articles/s")
        print(f"speed-up (medians): {statistics.median(one) / statistics.median(two):.2f}x "
              f"(worst pairing {min(one) / max(two):.2f}x, best {max(one) / min(two):.2f}x); "
              f"aim >= 1.7x")
        # Per worker process: archive articles per second of its own busy time (the first
        # partition of each process includes loading the gazetteer, borders and NER model).
        reports = results["one process"] + results["dask 2 workers"]
        rates = [r.records / sum(p.seconds for p in r.partitions) for r in reports]
        cpu_rates = [r.records / sum(p.cpu_seconds for p in r.partitions) for r in reports]
        merges = [r.seconds_merge for r in reports]
        passed = results["one process"][0].passed
        stored = results["one process"][0].merge.ingested
        per_worker_day = statistics.median(rates) * 86_400
        merge_day = stored / statistics.median(merges) * 86_400
        print(f"one worker process reads {statistics.median(rates):.0f} archive articles/s "
              f"(range {min(rates):.0f}-{max(rates):.0f}) -> {per_worker_day:,.0f} per day, at "
              f"this pass rate ({passed / args.articles:.1%}); 1 million articles/day needs "
              f"{1e6 / per_worker_day:.1f} such workers")
        cpu_day = statistics.median(cpu_rates) * 86_400
        print(f"per CPU second of a worker: {statistics.median(cpu_rates):.0f} archive articles "
              f"(range {min(cpu_rates):.0f}-{max(cpu_rates):.0f}) -> {cpu_day:,.0f} per day on a "
              f"core of its own; 1 million/day needs {1e6 / cpu_day:.1f} such cores")
        merge_cpu = statistics.median(r.cpu_seconds_merge for r in reports)
        print(f"merge (one process, whatever the workers): {_spread(merges)}, "
              f"{merge_cpu:.1f} s of CPU, for {stored:,} stored articles -> {merge_day:,.0f} "
              f"stored articles/day ({stored / merge_cpu * 86_400:,.0f} on a core of its own)")
        peak = max(mb for r in results["one process"] + results["dask 2 workers"]
                   for mb in _worker_memory(r).values())
        print(f"peak memory of any worker: {peak:.0f} MB (aim <= 1024 MB)")

        if not args.no_reference:
            contents, seconds, count, dropped = _reference(archive, folder)
            print(f"sequential ingest_text of the {count:,} articles that pass the filter: "
                  f"{seconds:.1f} s")
            for label, runs in stores.items():
                same = [s == contents for s in runs]
                print(f"{label}: merged store equal to the sequential ingest in "
                      f"{sum(same)} of {len(same)} runs ({len(contents['articles']):,} "
                      f"articles, {len(contents['events']):,} events, "
                      f"{len(contents['claims']):,} claims)")
            sample = random.Random(args.seed).sample(dropped, min(args.dropped_sample,
                                                                   len(dropped)))
            geocoder, lexicon = get_geocoder("offline"), load_lexicon()
            events = claims = 0
            for text in sample:
                prepared = prepare_text(text, source="sample")
                assert not isinstance(prepared, str)
                analysis = analyse_article(prepared, geocoder=geocoder, lexicon=lexicon,
                                           rules={}, corrections={})
                events += len(analysis.candidates)
                claims += len(analysis.claims)
            print(f"filtered out: {len(dropped):,} articles; read in full, a sample of "
                  f"{len(sample)} gives {events} exercises and {claims} distance claims")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
