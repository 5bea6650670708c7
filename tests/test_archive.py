"""Archive ingest: partitions read on worker processes (or Dask), merged into the store.

The reference is a sequential ingest: ``ingest_text`` of every article that passes the
relevance filter, one by one in archive order. Whatever the engine, the number of workers,
a worker killed mid-partition or a run interrupted between partitions, the merged store must
hold exactly what that reference holds (articles, mentions, events with their sources, places
and border distances, claims).
"""

from __future__ import annotations

import json
import os
import re
import signal
import threading
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from distributed import LocalCluster

from geo.cli import main
from geo.errors import ConfigurationError
from geo.extract.lexicon import load_lexicon
from geo.extract.results import EventCandidate, EventPlaceCandidate
from geo.inputs.archive import plan_partitions
from geo.model.event import Event, PartialDate
from geo.services.archive import (
    PartitionJob,
    RelevanceFilter,
    ingest_archive,
    iter_archive_sources,
    merge_partitions,
    part_dir,
    run_partition,
    store_contents,
)
from geo.services.ingest import analyse_article, ingest_text, match_event, prepare_text
from geo.services.rules import border_rules_for
from geo.store.sqlite import Store, StoredEvent
from tests.conftest import BY_DRILL_ARTICLE, BY_DRILL_EVENT_ID

CORPUS = Path(__file__).parent / "corpus" / "articles"
FOLLOW_UP = "\n\nThe ministry said more details would follow."


def corpus_article(name: str) -> dict[str, Any]:
    return json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))


def archive_rows() -> list[dict[str, Any]]:
    """Real articles (exercises, other military news, general news), a re-worded report of
    the same exercise, an exact duplicate and two bad records."""
    rows = []
    for name in ("eu-baltic-kaliningrad-drills-2022", "gn-yomiuri-noto-earthquake-2024",
                 "ap-palawannews-balikatan-2024", "eu-baltic-air-policing-2020",
                 "gn-abc-dunedoo-bushfire-2017", "eu-caucasus-alagyaz-2015"):
        a = corpus_article(name)
        rows.append({"text": a["text"], "title": a["title"], "url": a["url"],
                     "published": a["published"]})
    rows.append({**rows[2], "text": rows[2]["text"] + FOLLOW_UP, "url": "https://x.org/again"})
    rows.append({"text": BY_DRILL_ARTICLE, "published": "2024-03-12"})
    rows.append({"title": "no text here", "url": "https://x.org/empty"})
    rows.append({"text": "Troops drilled.", "published": "last Tuesday"})
    rows.append(dict(rows[0]))  # the same text again: a duplicate
    return rows


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("archive") / "news.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in archive_rows()), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def reference(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Store contents after a sequential ingest of the articles that pass the filter."""
    relevant = RelevanceFilter(load_lexicon())
    db = tmp_path_factory.mktemp("reference") / "ref.sqlite"
    with Store(db) as store:
        for source, record in iter_archive_sources(archive, plan_partitions(archive, 1)):
            if record.problem or record.published == "last Tuesday":
                continue
            prepared = prepare_text(record.text, source=source)
            assert not isinstance(prepared, str)
            if relevant(prepared.article.text):
                result = ingest_text(record.text, title=record.title or None,
                                     published=record.published or None, store=store,
                                     source=source)
                assert result.status in ("ingested", "duplicate")
        return store_contents(store)


def test_reference_has_cross_article_matches_and_skips_general_news(
        reference: dict[str, Any]) -> None:
    """The archive is a real test: events reported twice, general news filtered out."""
    texts = {r["text"] for r in archive_rows() if "text" in r}
    # 9 texts: one repeated, two weather reports, an air-policing report (no exercise words)
    assert len(reference["articles"]) == 5
    shared = [e for e in reference["events"].values() if len({a for a, _, _ in e["sources"]}) > 1]
    assert shared, "the re-worded report must be matched to the first one's event"
    assert reference["claims"]
    assert BY_DRILL_EVENT_ID in reference["events"]
    assert len(texts) == 9


def test_local_engine_matches_a_sequential_ingest_and_reruns_change_nothing(
        archive: Path, reference: dict[str, Any], tmp_path: Path) -> None:
    lines: list[str] = []
    with Store(tmp_path / "db.sqlite") as store:
        report = ingest_archive(archive, store=store, engine="local", workers=2, partitions=4,
                                work_dir=tmp_path / "work", progress=lines.append)
        assert store_contents(store) == reference
        assert (report.records, report.passed, report.irrelevant) == (11, 6, 3)
        assert (report.merge.ingested, report.merge.duplicates, report.merge.errors) == (5, 1, 2)
        assert report.merge.events_matched >= 1
        errors = [e["message"] for e in store.ingest_log() if e["status"] == "error"]
        assert "https://x.org/empty: no article text (key 'text')" in errors
        assert any("news.jsonl:10: publication date must look like" in m for m in errors)
        assert sum("merged partition" in line for line in lines) == 4
        assert ("11 articles in 4 partitions (0 finished earlier), 6 passed the relevance "
                "filter, 3 skipped as irrelevant") in report.summary()

        again = ingest_archive(archive, store=store, engine="local", workers=2, partitions=4,
                               work_dir=tmp_path / "work")
        assert again.skipped_partitions == 4
        assert (again.merge.ingested, again.merge.duplicates) == (0, 6)
        assert store_contents(store) == reference

    # the partition tables are keyed by the sha256 the store keys articles by
    keys = set()
    for i in range(4):
        folder = part_dir(tmp_path / "work", i)
        assert sorted(p.name for p in folder.iterdir()) == [
            "_SUCCESS", "articles.parquet", "claims.parquet", "distances.parquet",
            "events.parquet", "mentions.parquet"]
        keys |= {k for k in pq.read_table(folder / "articles.parquet").column("key").to_pylist()
                 if k}
    assert keys == set(reference["articles"])
    assert not list((tmp_path / "work").glob("*.tmp-*"))


def test_the_filter_drops_only_articles_without_exercises(geocoder, lexicon) -> None:
    """On the real corpus: what the filter drops, full extraction finds no exercise in; and it
    drops most general news."""
    relevant = RelevanceFilter(lexicon)
    dropped = []
    for path in sorted(CORPUS.glob("*.json")):
        a = json.loads(path.read_text(encoding="utf-8"))
        prepared = prepare_text(a["text"], source=path.name, title=a["title"])
        assert not isinstance(prepared, str)
        if relevant(prepared.article.text):
            continue
        dropped.append(a["genre"])
        analysis = analyse_article(prepared, geocoder=geocoder, lexicon=lexicon, rules={},
                                   corrections={})
        assert analysis.candidates == [], path.name
    assert "exercise" not in dropped
    assert dropped.count("general") >= 15


def _kill_first_worker_mid_partition(work: Path, stop: threading.Event) -> list[int]:
    """Kill (SIGKILL) the first worker seen writing a partition; return its pid."""
    killed: list[int] = []
    while not stop.is_set() and not killed:
        for tmp in work.glob("part-*.tmp-*"):
            m = re.search(r"-(\d+)-[0-9a-f]{8}$", tmp.name)
            if m:
                os.kill(int(m.group(1)), signal.SIGKILL)
                killed.append(int(m.group(1)))
                break
        time.sleep(0.005)
    return killed


def test_a_worker_killed_mid_partition_loses_and_duplicates_nothing(
        archive: Path, reference: dict[str, Any], tmp_path: Path) -> None:
    work = tmp_path / "work"
    stop = threading.Event()
    killed: list[int] = []
    killer = threading.Thread(target=lambda: killed.extend(
        _kill_first_worker_mid_partition(work, stop)))
    killer.start()
    try:
        with Store(tmp_path / "db.sqlite") as store:
            report = ingest_archive(archive, store=store, engine="local", workers=2,
                                    partitions=4, work_dir=work)
            contents = store_contents(store)
    finally:
        stop.set()
        killer.join()
    assert killed, "no worker was caught mid-partition"
    assert report.restarts == 1
    assert contents == reference
    assert not list(work.glob("*.tmp-*"))


def test_an_interrupted_run_resumes(archive: Path, reference: dict[str, Any],
                                    tmp_path: Path) -> None:
    """Two partitions read and one merged before the 'crash' (plus the debris of a worker
    killed while writing); the rerun reads the other two, merges all, duplicates nothing."""
    work = tmp_path / "work"
    with Store(tmp_path / "db.sqlite") as store:
        with pytest.raises(ConfigurationError, match="partition 2 is not finished"):
            ingest_archive_partly(archive, store, work)
        (work / "part-00003.tmp-host-1-0000abcd").mkdir()
        (work / "part-00003.tmp-host-1-0000abcd" / "articles.parquet").write_bytes(b"half")
        report = ingest_archive(archive, store=store, engine="local", workers=1, partitions=4,
                                work_dir=work)
        assert report.skipped_partitions == 2
        assert store_contents(store) == reference
        assert not list(work.glob("*.tmp-*"))
        # a rerun takes the work folder's partition count; another count or archive is refused
        again = ingest_archive(archive, store=store, workers=2, work_dir=work)
        assert (again.skipped_partitions, len(again.partitions)) == (4, 4)
        with pytest.raises(ConfigurationError, match="holds 4 partitions, not 3"):
            ingest_archive(archive, store=store, partitions=3, work_dir=work)
        other = tmp_path / "other.jsonl"
        other.write_text(archive.read_text(encoding="utf-8")[:2000].rsplit("\n", 1)[0] + "\n",
                         encoding="utf-8")
        with pytest.raises(ConfigurationError, match="holds partitions of another archive"):
            ingest_archive(other, store=store, work_dir=work)
        assert store_contents(store) == reference


def test_a_text_repeated_within_a_partition_is_stored_once(
        archive: Path, reference: dict[str, Any], tmp_path: Path) -> None:
    """One partition holds the whole archive, its first article twice: the repeat is a
    duplicate, as in a sequential ingest (its exercises are not stored a second time)."""
    work = tmp_path / "work"
    work.mkdir()
    with Store(tmp_path / "db.sqlite") as store:
        (part,) = plan_partitions(archive, 1)
        rules = {k: tuple(v) for k, v in border_rules_for(store).items()}
        run_partition(PartitionJob(str(archive.resolve()), part, str(work.resolve()), {}, rules))
        counts = merge_partitions(work, 1, store)
        assert (counts.ingested, counts.duplicates) == (5, 1)
        assert store_contents(store) == reference


def ingest_archive_partly(archive: Path, store: Store, work: Path) -> None:
    """What a run killed early leaves: partitions 0 and 1 read (here, in this process), the
    merge stopped at the first unfinished partition."""
    work.mkdir()
    for part in plan_partitions(archive, 4)[:2]:
        run_partition(PartitionJob(str(archive.resolve()), part, str(work.resolve()),
                                   store.place_corrections(),
                                   {k: tuple(v) for k, v in border_rules_for(store).items()}))
    merge_partitions(work, 4, store)


def test_dask_local_cluster_with_a_worker_killed_matches_a_sequential_ingest(
        archive: Path, reference: dict[str, Any], tmp_path: Path) -> None:
    """Two Dask worker processes; one is killed (SIGKILL) mid-partition: the scheduler runs
    the partition again elsewhere and the store still equals the sequential ingest."""
    work = tmp_path / "w"
    stop = threading.Event()
    killed: list[int] = []
    killer = threading.Thread(target=lambda: killed.extend(
        _kill_first_worker_mid_partition(work, stop)))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, \
            Store(tmp_path / "db.sqlite") as store:
        killer.start()
        try:
            report = ingest_archive(archive, store=store, engine="dask", partitions=4,
                                    scheduler=cluster.scheduler_address, work_dir=work)
        finally:
            stop.set()
            killer.join()
        assert store_contents(store) == reference
    assert killed, "no worker was caught mid-partition"
    workers = {p.worker for p in report.partitions}
    # re-read elsewhere. (Which live workers report the partitions is the scheduler's choice:
    # while the killed worker's replacement starts, the other one may take all that is left.)
    assert not any(w.endswith(f"-{killed[0]}") for w in workers)
    # Each partition reports its worker's peak memory (the 1 GB aim is bench_archive's: a
    # fresh machine builds the gazetteer index inside a worker, which is not the steady state).
    assert all(p.peak_rss_mb > 0 for p in report.partitions)
    assert not list(work.glob("*.tmp-*"))


def _known(event_id: str, name: str, basis: str) -> StoredEvent:
    event = Event(id=event_id, name=name, name_basis=basis, category="exercise", type="land",
                  start=PartialDate(date(2024, 3, 12), "day"),
                  end=PartialDate(date(2024, 3, 14), "day"), date_text="", status="held",
                  participants=("BY",))
    return StoredEvent(event=event, origin="machine", review="machine",
                       sources=(("a1", "", ""),), places=(("a1", "Brest", "site"),))


@pytest.mark.parametrize("basis", ["descriptive", "stated"])
def test_equally_good_known_events_match_the_same_whatever_their_order(basis: str) -> None:
    """The merge reads the known events once per partition and appends new ones; a sequential
    ingest re-reads them (ordered by a creation time in whole seconds, then id) for every
    article. A tie between two known events must not depend on that order."""
    name = "Union Shield 2024" if basis == "stated" else "BY exercise in Brest"
    first, second = _known("m-a", name, basis), _known("m-b", name, basis)
    candidate = EventCandidate(event=replace(first.event, id=""), quotes=("q",),
                               places=(EventPlaceCandidate("Brest", "site", 0, 5, None),))
    for known in ([first, second], [second, first]):
        match = match_event(candidate, known, article_id="a2")
        assert match is not None and match.event_id == "m-a"


def test_cli_archive_ingest_and_its_errors(archive: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    def run(*args: str) -> tuple[int, str]:
        code = main(["ingest", *args])
        return code, capsys.readouterr().err

    code, err = run("--archive", str(tmp_path / "none.jsonl"), "--db", str(tmp_path / "x.db"))
    assert code == 2
    assert err.strip().endswith("none.jsonl: no such archive file")
    assert run("--archive", str(archive), "some.txt")[1].strip() == (
        "python -m geo ingest: error: --archive takes no FILE, --json or --published (the "
        "archive's 'published' column gives the dates)")
    code, err = run("some.txt", "--partitions", "3")
    assert code == 2 and "go with --archive" in err
    with pytest.raises(SystemExit) as exit_info:
        run("--archive", str(archive), "--partitions", "0")
    assert exit_info.value.code == 2
    assert "must be a whole number of at least 1, got '0'" in capsys.readouterr().err
