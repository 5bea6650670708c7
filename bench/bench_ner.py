"""Named-entity recognition: model load time and ingest throughput with and without it.

Prints

* the import of spaCy and the load of the NER-only pipeline (``geo.extract.ner``), each in a
  fresh interpreter (cold start, as the first ingest of a process pays it), median and range
  over the runs;
* the model alone: characters and articles per second of ``ner_place_spans`` on the corpus,
  one text at a time and batched (``ner_place_spans_many``);
* end to end: articles per second of ``geo.services.ingest.ingest_text`` over the texts of
  ``tests/corpus`` (every split), each pasted into an empty in-memory database with the
  offline gazetteer, once with the model fused in (the default) and once with the rules only
  (``extract_mentions(..., ner=False)``); the model is loaded before timing starts;
* how much of the corpus the model read in one such pass (the sentences where its reading can
  change a mention, see ``geo.extract.mentions._model_parts``).

Throughput is CPU time of this process (articles/s per core: steadier than wall time on a
shared machine); the model's per-text cache is emptied before each pass. Each figure is the
median of ``--runs`` runs (default 3) with the spread (min-max). No assertions: the figures
depend on the machine and its load.

Usage::

    .venv/bin/python bench/bench_ner.py [--runs 3]
"""

from __future__ import annotations

import argparse
import functools
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo.extract import ner  # noqa: E402 - after sys.path
from geo.extract.mentions import extract_mentions  # noqa: E402
from geo.geocoders.registry import get_geocoder  # noqa: E402
from geo.inputs.corpus import load_corpus  # noqa: E402
from geo.services import ingest  # noqa: E402
from geo.store.sqlite import Store  # noqa: E402

_COLD = """
import time
t0 = time.perf_counter()
import spacy
t1 = time.perf_counter()
from geo.extract import ner
ner.load_pipeline()
t2 = time.perf_counter()
print(t1 - t0, t2 - t1)
"""


def _summary(values: list[float], unit: str, digits: int = 2) -> str:
    return (f"median {statistics.median(values):.{digits}f} {unit} "
            f"(min {min(values):.{digits}f}, max {max(values):.{digits}f}; n={len(values)})")


def bench_load(runs: int) -> None:
    imports, loads = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", _COLD], cwd=ROOT, check=True,
                             capture_output=True, text=True)
        a, b = map(float, out.stdout.split())
        imports.append(a)
        loads.append(b)
    print(f"model: {ner.MODEL_PACKAGE} (components loaded: ner only)")
    print(f"  import spacy (fresh interpreter):         {_summary(imports, 's', 3)}")
    print(f"  load the NER-only pipeline (after import): {_summary(loads, 's', 3)}")
    print(f"  cold start, both:                          "
          f"{_summary([a + b for a, b in zip(imports, loads, strict=True)], 's', 3)}")


def _ingest_all(texts: Sequence[tuple[str, str | None]]) -> float:
    """CPU seconds (this process) to ingest every text, as new articles: the model's per-text
    result cache is emptied first and a new geocoder answers (so no answer is remembered from
    an earlier pass; the gazetteer's index stays loaded and the vocabulary keeps the words it
    has seen, as in any long-running process)."""
    ner._results.clear()
    geocoder = get_geocoder()
    t = time.process_time()
    for text, published in texts:
        with Store(":memory:") as store:
            ingest.ingest_text(text, published=published, store=store, geocoder=geocoder)
    return time.process_time() - t


def bench_throughput(runs: int) -> None:
    articles = load_corpus(ROOT / "tests" / "corpus")
    texts = [(a.text, a.published) for a in articles]
    chars = sum(len(t) for t, _ in texts)
    ner.load_pipeline()
    _ingest_all(texts[:3])  # warm the gazetteer's caches and the model
    model, batched = [], []
    for _ in range(runs):
        ner._results.clear()
        t = time.process_time()
        for text, _ in texts:
            ner.ner_place_spans(text)
        model.append(time.process_time() - t)
        ner._results.clear()
        t = time.process_time()
        ner.ner_place_spans_many([text for text, _ in texts])
        batched.append(time.process_time() - t)
    print(f"corpus: {len(texts)} articles, {chars:,} characters (tests/corpus, all splits); "
          "CPU time of this process, so articles/s per core")
    print(f"  model alone, one text at a time (ner_place_spans): "
          f"{_summary([len(texts) / s for s in model], 'articles/s', 1)}, "
          f"{statistics.median(chars / s for s in model) / 1000:.0f}k chars/s")
    print(f"  model alone, batched (ner_place_spans_many): "
          f"{_summary([len(texts) / s for s in batched], 'articles/s', 1)}")
    with_ner = []
    rules_only = []
    rules = functools.partial(extract_mentions, ner=False)
    for _ in range(runs):  # interleaved, so a change in the machine's load hits both
        with_ner.append(len(texts) / _ingest_all(texts))
        with mock.patch.object(ingest, "extract_mentions", rules):
            rules_only.append(len(texts) / _ingest_all(texts))
    print(f"  ingest_text, rules + NER:  {_summary(with_ner, 'articles/s', 1)}")
    print(f"  ingest_text, rules only:   {_summary(rules_only, 'articles/s', 1)}")
    per_article = (1 / statistics.median(with_ner) - 1 / statistics.median(rules_only)) * 1000
    print(f"  NER adds {per_article:.1f} ms per article (difference of the medians)")
    read: list[str] = []
    real = ner.ner_place_spans_many

    def counting(pieces: Sequence[str]) -> list[list[tuple[int, int, str]]]:
        read.extend(pieces)
        return real(pieces)

    with mock.patch.object(ner, "ner_place_spans_many", counting):
        _ingest_all(texts)
    print(f"  the model read {len(read)} pieces, {sum(map(len, read)):,} characters "
          f"({sum(map(len, read)) / chars:.1%} of the corpus; only the sentences where it can "
          "change a mention)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    if not ner.ner_available():
        raise SystemExit("the NER model is not installed: pip install drillmap's dependencies")
    bench_load(args.runs)
    bench_throughput(args.runs)


if __name__ == "__main__":
    main()
