"""Fill a database from the bundled curated data, and refresh it when that data changes.

The store only stores; this service runs the pipeline over the bundled files
(:func:`geo.analysis.pipeline.build_dataset`) and writes the result through the store's
methods. ``python -m geo db init|refresh|status`` and the app's first run call it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from geo.analysis.pipeline import build_dataset
from geo.geocoders.registry import curated_geocoder
from geo.inputs.curated import load_border_rules
from geo.model.event import PartialDate
from geo.services.corrections import remeasure_articles
from geo.settings import default_data_dir, default_seeds_dir
from geo.store.sqlite import CuratedRefresh, Store

__all__ = [
    "DatabaseStatus",
    "Progress",
    "bundled_changed",
    "bundled_fingerprint",
    "database_status",
    "prepare_database",
    "refresh_database",
    "same_folders",
    "seed_database",
]

#: ``progress(message, fraction)``: what a long step is doing, and how far it is (0..1).
Progress = Callable[[str, float], None]


def _report(progress: Progress | None, message: str, fraction: float) -> None:
    if progress is not None:
        progress(message, fraction)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _folders(seeds_dir: str | Path | None, data_dir: str | Path | None) -> tuple[Path, Path]:
    """The article and curated-data folders, defaulting to the bundled ones."""
    return (Path(seeds_dir) if seeds_dir is not None else default_seeds_dir(),
            Path(data_dir) if data_dir is not None else default_data_dir())


def bundled_fingerprint(seeds_dir: str | Path | None = None,
                        data_dir: str | Path | None = None) -> str:
    """A sha256 of the curated inputs: the names and bytes of ``data/*.csv`` and ``seeds/*.txt``.

    Stored at seeding (meta ``seeded_fingerprint``) so that a later change of the bundled data
    (a ``git pull`` fixing an event or adding an article) is noticed when the database is
    opened, instead of the database showing the old curated content forever. Cheap: a few
    small files are read, nothing is parsed.

    Parameters
    ----------
    seeds_dir, data_dir : str or Path, optional
        The article and curated-data folders (default: the bundled ``seeds/`` and ``data/``).

    Returns
    -------
    str
        Hex digest; equal for equal folder contents, whatever the files' times or location.
    """
    seeds, data = _folders(seeds_dir, data_dir)
    digest = hashlib.sha256()
    for label, folder, pattern in (("data", data, "*.csv"), ("seeds", seeds, "*.txt")):
        for path in sorted(folder.glob(pattern)):
            body = path.read_bytes()
            digest.update(f"{label}/{path.name}\0{len(body)}\0".encode())
            digest.update(body)
    return digest.hexdigest()


def seed_database(store: Store, *, seeds_dir: str | Path | None = None,
                  data_dir: str | Path | None = None, geocoder: Any = None,
                  progress: Progress | None = None) -> bool:
    """Fill a new database with the curated articles, events, sources, places, mentions, claims
    and distances; return False (and change nothing) if it is already seeded.

    The check and the load happen in one write transaction, so two processes seeding the same
    new database fill it once. The slow part (geocoding and measuring every curated place) runs
    before the transaction, reported through ``progress``.
    """
    if store.is_seeded():
        return False
    seeds, data = _folders(seeds_dir, data_dir)
    _report(progress, "Reading the bundled articles and curated data", 0.05)
    fingerprint = bundled_fingerprint(seeds, data)
    _report(progress, "Geocoding places and measuring distances to borders", 0.15)
    ds = build_dataset(seeds_dir=seeds, data_dir=data, geocoder=geocoder)
    _report(progress, "Writing the database", 0.85)
    with store.transaction() as conn:
        if store.meta_in(conn, "seeded_at") is not None:
            return False
        now = _now()
        for a in ds.articles:
            store.insert_article(conn, article_id=a.id, text=a.text, title=a.title,
                                 file=a.file, part=a.part,
                                 published=PartialDate(a.published, a.published_precision)
                                 if a.published else None,
                                 date_basis=a.date_basis, date_evidence=a.date_evidence,
                                 date_reasoning=a.date_reasoning,
                                 dropped_lines=a.dropped_lines, origin="curated")
        for e in ds.events:
            store.insert_event_row(conn, e, origin="curated", review="curated", now=now)
        for s in ds.sources:
            store.insert_event_source(conn, s, origin="curated")
        for p in ds.event_places:
            store.insert_event_place(conn, p, origin="curated")
        for m in ds.mentions:
            store.insert_mention_row(conn, m.article_id, m.surface, m.start, m.end, m.query,
                                     m.place, metonym=False, locative=False,
                                     origin="curated", note=m.note)
        for c in ds.claims:
            store.insert_claim(conn, c, origin="curated")
        for sm in ds.measurements:
            store.insert_site_distance(conn, sm)
        store.set_meta(conn, "seeded_at", now)
        store.set_meta(conn, "seeded_from", json.dumps(
            {"seeds": str(seeds.resolve()), "data": str(data.resolve())}))
        store.set_meta(conn, "seeded_fingerprint", fingerprint)
    _report(progress, "Done", 1.0)
    return True


def same_folders(store: Store, seeds_dir: str | Path | None = None,
                 data_dir: str | Path | None = None) -> bool:
    """Whether the database was seeded from these folders (or did not record its folders)."""
    origin = store.seeded_from()
    seeds, data = _folders(seeds_dir, data_dir)
    return not origin or origin == {"seeds": str(seeds.resolve()),
                                    "data": str(data.resolve())}


def bundled_changed(store: Store, *, seeds_dir: str | Path | None = None,
                    data_dir: str | Path | None = None) -> bool:
    """Whether the curated files differ from those the database holds (cheap to ask)."""
    stored = store.meta("seeded_fingerprint")
    return stored != bundled_fingerprint(seeds_dir, data_dir)


def refresh_database(store: Store, *, seeds_dir: str | Path | None = None,
                     data_dir: str | Path | None = None, geocoder: Any = None,
                     progress: Progress | None = None) -> CuratedRefresh | None:
    """Bring the curated content up to date with the bundled files, keeping the analyst's work.

    The database is seeded once; without this, a later fix of the bundled data (an event
    renamed, a quote or an article added) would never reach an existing database. When
    :func:`bundled_fingerprint` differs from the one stored at seeding, the curated data is
    rebuilt with :func:`geo.analysis.pipeline.build_dataset` and synchronised in one ``BEGIN
    IMMEDIATE`` transaction:

    * curated articles and events that still exist are UPDATEd in place (never deleted and
      re-inserted: ``ON DELETE CASCADE`` would take the ingested sources, places and
      distances pointing at them); new ones are inserted; gone ones are deleted;
    * curated sources, places, mentions, claims and border distances of curated articles
      are replaced by the new build;
    * everything ingest or the analyst added stays: ingested articles and their rows,
      machine events and their review state, the correction logs. An analyst's edit of a
      curated event is re-applied on top of the new values, its review state kept. A
      curated event gone from the bundled data that ingested articles support (or that
      the analyst accepted or edited) is kept as a machine event to review, and the ingest
      log says so;
    * the analyst's place corrections are applied again to the new curated mentions, and
      the affected articles re-measured with the same code as
      :func:`geo.services.corrections.apply_place_correction`.

    Parameters
    ----------
    seeds_dir, data_dir : str or Path, optional
        The article and curated-data folders (default: the bundled ones).
    geocoder : optional
        For :func:`~geo.analysis.pipeline.build_dataset` and claim references (default offline).

    Returns
    -------
    CuratedRefresh or None
        What changed; None when the files are unchanged or their change shows nowhere in
        the database. A database not yet seeded is seeded (an empty report).
    """
    seeds, data = _folders(seeds_dir, data_dir)
    if not store.is_seeded():
        seed_database(store, seeds_dir=seeds, data_dir=data, geocoder=geocoder,
                      progress=progress)
        return CuratedRefresh()
    fingerprint = bundled_fingerprint(seeds, data)
    if store.meta("seeded_fingerprint") == fingerprint:
        return None
    geocoder = geocoder if geocoder is not None else curated_geocoder(data)
    _report(progress, "Geocoding places and measuring distances to borders", 0.15)
    ds = build_dataset(seeds_dir=seeds, data_dir=data, geocoder=geocoder)
    rules = load_border_rules(data / "border_rules.csv")
    report = CuratedRefresh()
    _report(progress, "Updating the database", 0.85)
    with store.transaction() as conn:
        if store.meta_in(conn, "seeded_fingerprint") == fingerprint:
            return None  # another process refreshed while this one was building
        before = store.curated_state(conn)
        now = _now()
        again = store.sync_curated(conn, ds, report, now)
        remeasure_articles(store, conn, again, geocoder=geocoder, rules=rules)
        store.set_meta(conn, "seeded_fingerprint", fingerprint)
        store.set_meta(conn, "refreshed_at", now)
        if store.curated_state(conn) == before:
            return None
        store.log_refresh(conn, [*report.messages, report.summary()], now)
    _report(progress, "Done", 1.0)
    return report


@dataclass(frozen=True)
class DatabaseStatus:
    """What ``python -m geo db status`` prints: where the database is and what it holds."""

    path: str
    schema_version: int
    seeded_at: str | None
    seeded_from: dict[str, str]
    bundled_changed: bool
    counts: dict[str, int]

    def lines(self) -> list[str]:
        """Human-readable lines."""
        out = [f"database: {self.path} (schema version {self.schema_version})"]
        if self.seeded_at is None:
            out.append("not seeded: run `python -m geo db init`")
        else:
            out.append(f"seeded {self.seeded_at} from {self.seeded_from.get('seeds', '?')} and "
                       f"{self.seeded_from.get('data', '?')}")
            if self.bundled_changed:
                out.append("the bundled data changed since: run `python -m geo db refresh`")
        out.append(", ".join(f"{v} {k}" for k, v in self.counts.items()))
        return out


def database_status(store: Store, *, seeds_dir: str | Path | None = None,
                    data_dir: str | Path | None = None) -> DatabaseStatus:
    """The state of a database, without changing it."""
    seeded_at = store.meta("seeded_at")
    return DatabaseStatus(
        path=str(store.path), schema_version=int(store.meta("schema_version") or 0),
        seeded_at=seeded_at, seeded_from=store.seeded_from(),
        bundled_changed=seeded_at is not None and same_folders(store, seeds_dir, data_dir)
        and bundled_changed(store, seeds_dir=seeds_dir, data_dir=data_dir),
        counts=store.counts())


def prepare_database(store: Store, *, seeds_dir: str | Path | None = None,
                     data_dir: str | Path | None = None, geocoder: Any = None,
                     progress: Progress | None = None) -> CuratedRefresh | None:
    """Seed a new database, or refresh one seeded from these folders whose files changed.

    What the app's first run and ``python -m geo db init`` do. A database seeded from other
    folders is left alone. Returns the refresh report (an empty one after seeding), or None
    when nothing changed.
    """
    if not store.is_seeded():
        seed_database(store, seeds_dir=seeds_dir, data_dir=data_dir, geocoder=geocoder,
                      progress=progress)
        return CuratedRefresh()
    if same_folders(store, seeds_dir, data_dir) and bundled_changed(
            store, seeds_dir=seeds_dir, data_dir=data_dir):
        return refresh_database(store, seeds_dir=seeds_dir, data_dir=data_dir,
                                geocoder=geocoder, progress=progress)
    return None
