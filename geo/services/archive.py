"""Archive ingest: read a large news archive in partitions on many processes, then merge.

``python -m geo ingest --archive PATH`` runs :func:`ingest_archive`:

1. **Plan**: :func:`geo.inputs.archive.plan_partitions` cuts the archive into byte or row
   ranges; a work folder keeps one output folder per partition.
2. **Read, per partition, on a worker** (:func:`run_partition`): a cheap relevance filter
   first (:class:`RelevanceFilter`: the exercise and military vocabulary of the extractor and
   the lexicon), then the full reading of the articles that pass it, by the same code as
   ``ingest`` (:func:`geo.services.ingest.analyse_article`: extraction, geocoding, border
   distances, claim checks). The gazetteer, the borders, the lexicon and the NER model are
   loaded once per worker process (memory-mapped where they are today); a task carries only
   the archive's path, its byte range and the analyst's few place corrections. The results go
   to ``part-NNNNN/`` as Parquet tables (articles, mentions, events, claims, distances) keyed
   by the article's content hash (the sha256 the store keys articles by), written to a
   temporary folder and renamed, with a ``_SUCCESS`` marker: a partition is either finished
   or absent.
3. **Merge**, in this process, in archive order: each partition as soon as it and those
   before it are read, while the workers read on (:func:`merge_partitions` does it alone).
   Every analysed article is stored as ``ingest`` stores one
   (:func:`geo.services.ingest.store_analyses`): an article already stored (same content
   hash) is a duplicate and changes nothing; events are matched to the known ones (and to
   those of the articles merged before) exactly as a sequential ingest matches them.

A rerun with the same work folder skips the finished partitions and the stored articles, so a
killed worker or driver costs only the unfinished work; the engines re-run a partition whose
worker died (a local pool is restarted, Dask reschedules it).

Engines: ``local`` runs :func:`run_partition` on a process pool (no cluster needed);
``dask`` on a ``dask.distributed`` cluster (``scheduler="tcp://host:8786"``) or, without a
scheduler address, on a ``LocalCluster`` of ``workers`` processes.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import re
import resource
import shutil
import socket
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from datetime import date
from multiprocessing import get_context
from pathlib import Path
from types import NoneType, UnionType
from typing import Any, Union, get_args, get_origin, get_type_hints

import pyarrow as pa
import pyarrow.parquet as pq
from distributed import Client, LocalCluster, as_completed

from geo.errors import ConfigurationError, DataFormatError, GeoError
from geo.extract.events import _MILITARY_CUE
from geo.extract.lexicon import Lexicon, load_lexicon
from geo.extract.mentions import _TRIGGER_RE
from geo.extract.results import EventCandidate
from geo.geocoders.registry import get_geocoder
from geo.inputs.archive import ArchivePart, ArchiveRecord, plan_partitions, read_partition
from geo.inputs.documents import MAX_CHARS
from geo.model.claim import ClaimCheck
from geo.model.measurement import SiteMeasurement
from geo.model.mention import Mention
from geo.model.place import Place, place_from_dict, place_to_dict
from geo.services.ingest import (
    ArticleAnalysis,
    IngestResult,
    PreparedArticle,
    analyse_article,
    content_hash,
    parse_published,
    prepare_text,
    store_analyses,
)
from geo.services.rules import border_rules_for
from geo.services.seed import prepare_database
from geo.settings import cache_dir
from geo.store.sqlite import Store

__all__ = [
    "ENGINES",
    "ArchiveReport",
    "PartitionReport",
    "RelevanceFilter",
    "ingest_archive",
    "merge_partitions",
    "run_partition",
    "store_contents",
]

ENGINES = ("local", "dask")
_DONE = "_SUCCESS"
_TABLES = ("articles", "mentions", "events", "claims", "distances")
_MANIFEST = "manifest.json"
_TARGET_PART_BYTES = 16 * 1024 * 1024
_LOCAL_ATTEMPTS = 3  # a local pool is restarted this often after a worker died


# ------------------------------------------------------------------ relevance filter


class RelevanceFilter:
    """Whether an article could report a military exercise, decided cheaply (two regexes).

    An article passes when it has both exercise vocabulary (the extractor's own trigger words:
    drills, exercises, war games, manoeuvres, patrols, readiness checks, live fire ...; or an
    exercise name from the lexicon: "Zapad", "Keen Sword") and military vocabulary (the
    extractor's military cues: troops, navy, missiles, artillery ...; the lexicon's unit words
    and weapon systems; or an exercise name). The extractor reports an exercise only at an
    exercise word, so what fails the first test has none; the second drops fire drills and
    fitness exercises. Military news without exercise words (a deployment, an incident) is
    dropped too, with its distance claims.

    >>> f = RelevanceFilter(load_lexicon())
    >>> f("Belarusian troops held drills near Brest."), f("Pupils held a fire drill.")
    (True, False)
    """

    def __init__(self, lexicon: Lexicon):
        def terms(*categories: str) -> str:
            words = [t for c in categories for t in lexicon.terms(c)]
            return r"(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?!\w)"

        self.exercise_words = re.compile(_TRIGGER_RE.pattern, re.IGNORECASE)
        self.exercise_names = re.compile(terms("exercise_name"))  # case as in the lexicon
        self.military_words = re.compile(_MILITARY_CUE.pattern, re.IGNORECASE)
        self.military_names = re.compile(terms("unit_word", "weapon"))

    def __call__(self, text: str) -> bool:
        if self.exercise_names.search(text):
            return True  # an exercise's name is exercise and military vocabulary at once
        return self.exercise_words.search(text) is not None and (
            self.military_words.search(text) is not None
            or self.military_names.search(text) is not None)


# ------------------------------------------------------------------ JSON codec for the tables


def _encode(value: Any) -> Any:
    """A model value (dataclasses, places, dates, tuples) as plain JSON types."""
    if isinstance(value, Place):
        return place_to_dict(value)
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _encode(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    return value


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _decode(kind: Any, data: Any) -> Any:
    """Rebuild a value of type ``kind`` from :func:`_encode` output."""
    if data is None or kind is Any:
        return data
    origin = get_origin(kind)
    if origin in (Union, UnionType):
        options = [a for a in get_args(kind) if a is not NoneType]
        return _decode(options[0], data) if len(options) == 1 else data
    if kind is Place:
        return place_from_dict(data)
    if origin is tuple:
        args = get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], v) for v in data)
        return tuple(_decode(a, v) for a, v in zip(args, data, strict=True))
    if origin is list:
        return [_decode(get_args(kind)[0], v) for v in data]
    if kind is date:
        return date.fromisoformat(data)
    if kind is float:
        return float(data)
    if isinstance(kind, type) and is_dataclass(kind):
        hints = _hints(kind)
        return kind(**{f.name: _decode(hints[f.name], data[f.name]) for f in fields(kind)
                       if f.init and f.name in data})
    return data


def _json(value: Any) -> str:
    return json.dumps(_encode(value), ensure_ascii=False)


# ------------------------------------------------------------------ partition worker


@dataclass(frozen=True, slots=True)
class PartitionJob:
    """What a worker needs for one partition: a few numbers and paths, nothing large."""

    archive: str
    part: ArchivePart
    work_dir: str
    corrections: Mapping[str, Place | None]
    rules: Mapping[str, tuple[str, ...]]


@dataclass
class PartitionReport:
    """What one partition did: records read, how many passed the filter, errors, cost."""

    index: int
    records: int = 0
    passed: int = 0
    irrelevant: int = 0
    analysed: int = 0
    errors: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # of this worker process (a shared machine slows ``seconds``)
    worker: str = ""
    peak_rss_mb: float = 0.0
    skipped: bool = False  # finished by an earlier run

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly dict (the ``_SUCCESS`` marker's content)."""
        return asdict(self)


def part_dir(work_dir: str | Path, index: int) -> Path:
    """The output folder of partition ``index``."""
    return Path(work_dir) / f"part-{index:05d}"


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # kB on Linux


@functools.cache
def _reader() -> tuple[Any, Lexicon, RelevanceFilter]:
    """The gazetteer, lexicon and filter of this worker process, loaded on its first task."""
    lexicon = load_lexicon()
    return get_geocoder("offline"), lexicon, RelevanceFilter(lexicon)


def _source(archive: str, record: ArchiveRecord) -> str:
    return record.url or f"{Path(archive).name}:{record.row}"


def run_partition(job: PartitionJob) -> PartitionReport:
    """Filter and read one partition; write its tables (atomically) unless already finished."""
    final = part_dir(job.work_dir, job.part.index)
    done = final / _DONE
    if done.is_file():
        report = PartitionReport(**json.loads(done.read_text(encoding="utf-8")))
        report.skipped = True
        return report
    started, cpu_started = time.perf_counter(), time.process_time()
    worker = f"{socket.gethostname()}-{os.getpid()}"
    tmp = Path(job.work_dir) / f"{final.name}.tmp-{worker}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir(parents=True)
    try:
        report = PartitionReport(job.part.index, worker=worker)
        tables = _read_partition(job, report)
        for name, (schema, rows) in tables.items():
            pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp / f"{name}.parquet")
        report.seconds = round(time.perf_counter() - started, 3)
        report.cpu_seconds = round(time.process_time() - cpu_started, 3)
        report.peak_rss_mb = round(_peak_rss_mb(), 1)
        (tmp / _DONE).write_text(json.dumps(report.to_dict()), encoding="utf-8")
        for path in tmp.iterdir():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
        if final.exists() and not done.is_file():
            shutil.rmtree(final)  # debris of an older layout; never a finished partition
        try:
            os.rename(tmp, final)
        except OSError:
            if not done.is_file():
                raise
            shutil.rmtree(tmp)  # another worker finished it first (a re-run task)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return report


# The partition tables. ``key`` is the article's content hash (sha256 of its cleaned text);
# the last column of each holds the whole reading as JSON (what the merge stores), the others
# are there to query a partition with any Parquet tool. ``articles`` has a row per article
# read or refused (``status`` "analysed" or "error" with its ``message``); events are
# numbered per article (``candidate``), and distances name their event as ``<key>#<n>``.
_ARTICLES = pa.schema([("key", pa.string()), ("row", pa.int64()), ("source", pa.string()),
                       ("status", pa.string()), ("message", pa.string()),
                       ("title", pa.string()), ("published", pa.string()),
                       ("warnings", pa.string()), ("article", pa.string())])
_MENTIONS = pa.schema([("key", pa.string()), ("surface", pa.string()), ("start", pa.int64()),
                       ("end", pa.int64()), ("name", pa.string()), ("lat", pa.float64()),
                       ("lon", pa.float64()), ("country_code", pa.string()),
                       ("mention", pa.string())])
_EVENTS = pa.schema([("key", pa.string()), ("candidate", pa.int64()), ("name", pa.string()),
                     ("type", pa.string()), ("start", pa.string()), ("end", pa.string()),
                     ("participants", pa.string()), ("event", pa.string())])
_CLAIMS = pa.schema([("key", pa.string()), ("text", pa.string()), ("stated_km", pa.float64()),
                     ("computed_km", pa.float64()), ("verdict", pa.string()),
                     ("claim", pa.string())])
_DISTANCES = pa.schema([("key", pa.string()), ("event", pa.string()), ("surface", pa.string()),
                        ("border", pa.string()), ("distance_km", pa.float64()),
                        ("distance", pa.string())])


def _read_partition(job: PartitionJob, report: PartitionReport
                    ) -> dict[str, tuple[pa.Schema, list[dict[str, Any]]]]:
    geocoder, lexicon, relevant = _reader()
    articles: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []
    distances: list[dict[str, Any]] = []
    seen: set[str] = set()  # content hashes analysed in this partition

    def error(record: ArchiveRecord, message: str) -> None:
        report.errors += 1
        articles.append({"key": "", "row": record.row, "source": _source(job.archive, record),
                         "status": "error", "message": message, "title": record.title,
                         "published": record.published, "warnings": "[]", "article": ""})

    for record in read_partition(job.archive, job.part):
        report.records += 1
        source = _source(job.archive, record)
        if record.problem:
            error(record, f"{source}: {record.problem}")
            continue
        try:
            published = parse_published(record.published or None)
        except ValueError as exc:
            error(record, f"{source}: {exc}")
            continue
        prepared = prepare_text(record.text, source=source, title=record.title or None,
                                published=published, id_prefix="archive")
        if isinstance(prepared, str):
            error(record, f"{source}: {prepared}")
            continue
        text = prepared.article.text
        if not relevant(text):
            report.irrelevant += 1
            continue
        report.passed += 1
        if len(text) > MAX_CHARS:
            error(record, f"{source}: article text has {len(text):,} characters; the limit "
                          f"is {MAX_CHARS:,}")
            continue
        key, pub = content_hash(text), prepared.published
        row = {"key": key, "row": record.row, "source": source, "status": "analysed",
               "message": "", "title": prepared.article.title,
               "published": str(pub) if pub else "", "warnings": "[]",
               "article": _json(prepared)}
        if key in seen:
            # The same text again: the merge finds it stored and skips it, as ingest would.
            # Its rows are written once: the tables are keyed by content hash.
            articles.append(row)
            continue
        try:
            analysis = analyse_article(prepared, geocoder=geocoder, lexicon=lexicon,
                                       rules=job.rules, corrections=job.corrections)
        except (GeoError, ValueError) as exc:  # as ingest: one article, not the partition
            error(record, f"{source}: could not ingest: {exc}")
            continue
        seen.add(key)
        report.analysed += 1
        articles.append({**row, "warnings": json.dumps(analysis.warnings)})
        for m in analysis.mentions:
            p = m.place
            mentions.append({"key": key, "surface": m.surface, "start": m.start, "end": m.end,
                             "name": p.name if p else None, "lat": p.lat if p else None,
                             "lon": p.lon if p else None,
                             "country_code": p.country_code if p else None,
                             "mention": _json(m)})
        for i, cand in enumerate(analysis.candidates):
            e = cand.event
            events.append({"key": key, "candidate": i, "name": e.name, "type": e.type,
                           "start": str(e.start), "end": str(e.end),
                           "participants": ";".join(e.participants), "event": _json(cand)})
        for c in analysis.claims:
            claims.append({"key": key, "text": c.claim.text, "stated_km": c.claim.stated_km,
                           "computed_km": c.verdict.computed_km if c.verdict else None,
                           "verdict": c.verdict.verdict if c.verdict else "unchecked",
                           "claim": _json(c)})
        for d in analysis.distances:
            distances.append({"key": key, "event": d.event_id, "surface": d.surface,
                              "border": d.border_iso2, "distance_km": d.distance_km,
                              "distance": _json(d)})
    return {"articles": (_ARTICLES, articles), "mentions": (_MENTIONS, mentions),
            "events": (_EVENTS, events), "claims": (_CLAIMS, claims),
            "distances": (_DISTANCES, distances)}


# ------------------------------------------------------------------ merge


def _grouped(table: pa.Table, column: str, by: str = "key") -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, value in zip(table.column(by).to_pylist(), table.column(column).to_pylist(),
                          strict=True):
        out.setdefault(key, []).append(value)
    return out


def _partition_items(folder: Path) -> Iterator[tuple[str, ArticleAnalysis | str]]:
    """``(source, analysis)`` per article of a finished partition, in archive order; an
    article that could not be read comes as ``(source, error message)``."""
    tables = {name: pq.read_table(folder / f"{name}.parquet") for name in _TABLES}
    mentions = _grouped(tables["mentions"], "mention")
    events = _grouped(tables["events"], "event")
    claims = _grouped(tables["claims"], "claim")
    distances = _grouped(tables["distances"], "distance")
    for row in sorted(tables["articles"].to_pylist(), key=lambda r: r["row"]):
        if row["status"] == "error":
            yield row["source"], row["message"]
            continue
        key = row["key"]
        analysis = ArticleAnalysis(
            prepared=_decode(PreparedArticle, json.loads(row["article"])),
            mentions=[_decode(Mention, json.loads(v)) for v in mentions.get(key, [])],
            candidates=[_decode(EventCandidate, json.loads(v)) for v in events.get(key, [])],
            distances=[_decode(SiteMeasurement, json.loads(v)) for v in distances.get(key, [])],
            claims=[_decode(ClaimCheck, json.loads(v)) for v in claims.get(key, [])],
            warnings=list(json.loads(row["warnings"] or "[]")))
        yield row["source"], analysis


@dataclass
class MergeCounts:
    """What a merge did to the store."""

    ingested: int = 0
    duplicates: int = 0
    errors: int = 0
    events_new: int = 0
    events_matched: int = 0
    claims: int = 0
    error_messages: list[str] = field(default_factory=list)

    def add(self, result: IngestResult) -> None:
        """Count one stored (or refused) article."""
        if result.status == "ingested":
            self.ingested += 1
            self.events_new += sum(e.created for e in result.events)
            self.events_matched += sum(not e.created for e in result.events)
            self.claims += len(result.claims)
        elif result.status == "duplicate":
            self.duplicates += 1
        else:
            self.errors += 1
            if len(self.error_messages) < 20:
                self.error_messages.append(result.message)


def _merge_partition(work_dir: str | Path, index: int, store: Store, counts: MergeCounts
                     ) -> None:
    folder = part_dir(work_dir, index)
    if not (folder / _DONE).is_file():
        raise ConfigurationError(f"partition {index} is not finished ({folder}); rerun the "
                                 f"ingest to finish it")
    items = list(_partition_items(folder))
    for source, message in items:
        if isinstance(message, str):
            store.log_ingest(source, None, "error", message)
            counts.add(IngestResult(source=source, status="error", message=message))
    analyses = [(s, a) for s, a in items if not isinstance(a, str)]
    for result in store_analyses(analyses, store=store):
        counts.add(result)


def merge_partitions(work_dir: str | Path, partitions: int, store: Store, *,
                     progress: Callable[[int, int, MergeCounts], None] | None = None
                     ) -> MergeCounts:
    """Store the finished partitions ``0 .. partitions-1`` in archive order (idempotent).

    ``progress(done, total, counts)`` is called after each partition.
    """
    counts = MergeCounts()
    for index in range(partitions):
        _merge_partition(work_dir, index, store, counts)
        if progress is not None:
            progress(index + 1, partitions, counts)
    return counts


# ------------------------------------------------------------------ engines and driver


@dataclass
class ArchiveReport:
    """The outcome of :func:`ingest_archive`."""

    archive: str
    work_dir: str
    engine: str
    partitions: list[PartitionReport]
    merge: MergeCounts
    seconds: float  # reading and merging (they overlap)
    seconds_merge: float  # of which merging, in this process
    restarts: int = 0  # local pools restarted after a worker died
    cpu_seconds_merge: float = 0.0  # CPU time of the merging

    @property
    def records(self) -> int:
        """Records read from the archive."""
        return sum(p.records for p in self.partitions)

    @property
    def passed(self) -> int:
        """Records that passed the relevance filter."""
        return sum(p.passed for p in self.partitions)

    @property
    def irrelevant(self) -> int:
        """Records the relevance filter dropped."""
        return sum(p.irrelevant for p in self.partitions)

    @property
    def skipped_partitions(self) -> int:
        """Partitions an earlier run had finished."""
        return sum(p.skipped for p in self.partitions)

    def summary(self) -> str:
        """A few lines for the command line."""
        m = self.merge
        lines = [
            f"{self.archive}: {self.records:,} articles in {len(self.partitions)} partitions "
            f"({self.skipped_partitions} finished earlier), {self.passed:,} passed the "
            f"relevance filter, {self.irrelevant:,} skipped as irrelevant",
            f"stored {m.ingested:,} new articles ({m.duplicates:,} already stored, {m.errors:,} "
            f"errors): {m.events_new:,} new and {m.events_matched:,} known exercises, "
            f"{m.claims:,} distance claims",
            f"{self.seconds:.1f} s on {self.engine} (merging {self.seconds_merge:.1f} s of it, "
            f"while the workers read); work folder {self.work_dir}",
        ]
        lines += [f"  error: {msg}" for msg in m.error_messages]
        return "\n".join(lines)


def _fingerprint(archive: Path, corrections: Mapping[str, Any], rules: Mapping[str, Any]
                 ) -> dict[str, Any]:
    """What a work folder's partitions depend on: the archive file and the analyst's settings."""
    info = archive.stat()
    settings = json.dumps([_encode(dict(corrections)), _encode(dict(rules))], sort_keys=True)
    return {"archive": str(archive.resolve()), "size": info.st_size,
            "mtime_ns": info.st_mtime_ns,
            "settings_sha256": hashlib.sha256(settings.encode()).hexdigest()}


def _prepare_work_dir(work_dir: Path, fingerprint: dict[str, Any], partitions: int | None,
                      default: int) -> int:
    """Create the work folder, or check it holds partitions of this very archive and setup;
    return the partition count (an existing folder's, unless another is asked for)."""
    work_dir.mkdir(parents=True, exist_ok=True)
    path = work_dir / _MANIFEST
    if path.is_file():
        try:
            old = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            old = {}
        count = old.get("partitions")
        if {k: v for k, v in old.items() if k != "partitions"} != fingerprint:
            raise ConfigurationError(
                f"work folder {str(work_dir)!r} holds partitions of another archive (or of "
                f"this one before it changed, or other place corrections); give another "
                f"--work-dir or delete it")
        if partitions is not None and partitions != count:
            raise ConfigurationError(
                f"work folder {str(work_dir)!r} holds {count} partitions, not {partitions}: "
                f"leave out --partitions to resume, or give another --work-dir")
        return int(count)
    count = partitions or default
    tmp = path.with_name(f"{_MANIFEST}.tmp-{os.getpid()}")
    tmp.write_text(json.dumps({**fingerprint, "partitions": count}, indent=1), encoding="utf-8")
    os.replace(tmp, path)
    return count


def default_partitions(archive: Path, workers: int) -> int:
    """Four partitions per worker, more for a big file (one per 16 MB): small enough to
    balance the load and to lose little when a worker dies."""
    return max(4 * workers, math.ceil(archive.stat().st_size / _TARGET_PART_BYTES))


def _run_local(jobs: Sequence[PartitionJob], workers: int,
               on_done: Callable[[PartitionReport], None]) -> int:
    """Run jobs on a process pool; restart the pool when a worker dies. Returns restarts."""
    pending = list(jobs)
    restarts = 0
    while pending:
        try:
            with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")
                                     ) as pool:
                futures = {pool.submit(run_partition, job): job for job in pending}
                remaining = set(futures)
                while remaining:
                    finished, remaining = wait(remaining, return_when=FIRST_COMPLETED)
                    for future in finished:
                        report = future.result()
                        pending.remove(futures[future])
                        on_done(report)
        except BrokenProcessPool:
            restarts += 1
            if restarts >= _LOCAL_ATTEMPTS:
                raise
    return restarts


def _run_dask(jobs: Sequence[PartitionJob], workers: int, scheduler: str | None,
              on_done: Callable[[PartitionReport], None]) -> None:
    """Run jobs on a Dask cluster (a LocalCluster of ``workers`` processes without address)."""
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        futures = [client.submit(run_partition, job, pure=False,
                                 key=f"drillmap-partition-{job.part.index}-{uuid.uuid4().hex}")
                   for job in jobs]
        for future in as_completed(futures):
            on_done(future.result())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def ingest_archive(
    archive: str | Path,
    *,
    store: Store | None = None,
    db: str | Path | None = None,
    seed: bool = True,
    engine: str = "local",
    workers: int | None = None,
    partitions: int | None = None,
    scheduler: str | None = None,
    work_dir: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> ArchiveReport:
    """Ingest a JSON-lines, CSV or Parquet archive into ``store`` (see the module docstring).

    Parameters
    ----------
    archive : str or Path
        The archive; its keys or columns are described in :mod:`geo.inputs.archive`.
    store : Store, optional
        Where the merge writes (any backend: only the store's public methods are used);
        default: open ``db`` (or the default database), filled first if new and ``seed``.
    engine : {"local", "dask"}
        A process pool on this machine, or a Dask cluster.
    workers : int, optional
        Processes of the local pool or of the LocalCluster; default: the CPU count.
    partitions : int, optional
        Default :func:`default_partitions`; a rerun takes the work folder's number.
    scheduler : str, optional
        ``tcp://host:8786`` of a running Dask scheduler (engine ``dask`` only); the work
        folder must then be on storage every worker and this machine can reach.
    work_dir : str or Path, optional
        Where partitions are written; default a folder per archive under the cache folder.
    progress : callable, optional
        Called with one line of text per finished partition (read and merge).
    """
    if engine not in ENGINES:
        raise ConfigurationError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    if scheduler and engine != "dask":
        raise ConfigurationError("--scheduler needs --engine dask")
    workers = workers or os.cpu_count() or 1
    if workers < 1:
        raise ConfigurationError(f"workers must be at least 1, got {workers!r}")
    path = Path(archive)
    if not path.is_file():
        raise DataFormatError("no such archive file", path=path)
    if scheduler and work_dir is None:
        raise ConfigurationError("with --scheduler, give --work-dir on storage that every "
                                 "worker can reach")
    if store is None:
        with Store(db) as own:
            if seed:
                prepare_database(own)
            return ingest_archive(path, store=own, engine=engine, workers=workers,
                                  partitions=partitions, scheduler=scheduler,
                                  work_dir=work_dir, progress=progress)
    corrections = store.place_corrections()
    rules = {k: tuple(v) for k, v in border_rules_for(store).items()}
    fingerprint = _fingerprint(path, corrections, rules)
    key = hashlib.sha256(json.dumps(fingerprint, sort_keys=True).encode()).hexdigest()[:16]
    folder = Path(work_dir) if work_dir is not None else cache_dir() / "archive" / key
    count = _prepare_work_dir(folder, fingerprint, partitions,
                              default_partitions(path, workers))
    parts = plan_partitions(path, count)
    say = progress or (lambda _line: None)
    jobs = [PartitionJob(str(path.resolve()), part, str(folder.resolve()), corrections, rules)
            for part in parts]
    reports: dict[int, PartitionReport] = {}
    counts = MergeCounts()
    merged = 0  # partitions 0 .. merged-1 are in the store
    merge_seconds = merge_cpu = 0.0

    def on_done(report: PartitionReport) -> None:
        """Note a finished partition, then merge every partition that is next in order."""
        nonlocal merged, merge_seconds, merge_cpu
        reports[report.index] = report
        state = "finished earlier" if report.skipped else (
            f"{report.seconds:.1f} s on {report.worker}")
        say(f"read partition {len(reports)}/{len(jobs)} (#{report.index}): {report.records} "
            f"articles, {report.passed} passed the relevance filter ({state})")
        while merged in reports:
            began, cpu_began = time.perf_counter(), time.process_time()
            _merge_partition(folder, merged, store, counts)
            merge_seconds += time.perf_counter() - began
            merge_cpu += time.process_time() - cpu_began
            merged += 1
            say(f"merged partition {merged}/{len(jobs)}: {counts.ingested:,} articles stored, "
                f"{counts.duplicates:,} already there, {counts.events_new:,} new exercises")

    started = time.perf_counter()
    restarts = 0
    if engine == "local" and workers == 1:
        for job in jobs:  # one process: read here, no pool
            on_done(run_partition(job))
    elif engine == "local":
        restarts = _run_local(jobs, workers, on_done)
    else:
        _run_dask(jobs, workers, scheduler, on_done)
    for debris in folder.glob("part-*.tmp-*"):
        shutil.rmtree(debris, ignore_errors=True)  # left by workers killed mid-partition
    return ArchiveReport(str(path), str(folder), engine,
                         [reports[i] for i in sorted(reports)], counts,
                         time.perf_counter() - started, merge_seconds, restarts, merge_cpu)


# ------------------------------------------------------------------ comparing stores


def store_contents(store: Store) -> dict[str, Any]:
    """What a store holds, independent of article ids and timestamps (to compare two stores).

    Articles are keyed by the sha256 of their text; events by id, with their sources, places
    and border distances (article ids replaced by the article's sha256); claims by article
    sha256 and position. Uses only the store's public methods.
    """
    sha: dict[str, str] = {}
    articles: dict[str, dict[str, Any]] = {}
    for a in store.articles():
        text = store.article_text(a["id"]) or ""
        digest = hashlib.sha256(text.encode()).hexdigest()
        sha[a["id"]] = digest
        articles[digest] = {k: a[k] for k in ("file", "title", "published",
                                              "published_precision", "date_basis", "origin")}
        articles[digest]["mentions"] = [
            {k: v for k, v in m.items() if k not in ("id", "article_id")}
            for m in store.mentions(a["id"])]
    events = {}
    for e in store.events(include_rejected=True):
        events[e.id] = {
            "event": _encode(e.event), "origin": e.origin, "review": e.review,
            "sources": sorted((sha.get(a, a), q, r) for a, q, r in e.sources),
            "places": sorted((sha.get(a, a), s, r) for a, s, r in e.places),
            "distances": sorted(
                tuple(sorted({**d, "article_id": sha.get(d["article_id"], d["article_id"])
                              }.items()))
                for d in store.site_distances(e.id))}
    claims = sorted(
        tuple(sorted({k: (sha.get(v, v) if k == "article_id" else v) for k, v in c.items()
                      if k not in ("id", "checked_at", "created_at")}.items()))
        for c in store.claims())
    return {"articles": articles, "events": events, "claims": claims}


def iter_archive_sources(archive: str | Path, parts: Iterable[ArchivePart]
                         ) -> Iterator[tuple[str, ArchiveRecord]]:
    """``(source name, record)`` of every record, in archive order, as the merge names them
    (for a sequential reference ingest in tests and benchmarks)."""
    for part in parts:
        for record in read_partition(archive, part):
            yield _source(str(archive), record), record
