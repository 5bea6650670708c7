"""The drillmap database: articles, mentions, events, claims, geocodes and corrections.

One :class:`Store` over either engine of :mod:`geo.store.backends`: an embedded SQLite file
(the default) or a PostgreSQL + PostGIS database shared by a team (``postgresql://`` URL). Its
SQL is written once, in the portable form both engines read.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from pyproj import Geod

from geo.errors import ConcurrentEditError
from geo.geometry import borders
from geo.model.event import (
    DATE_PRECISIONS,
    EVENT_TYPES,
    PARTICIPANT_CODE,
    STATUSES,
    Event,
    EventPlace,
    EventSource,
    ForceFigure,
    PartialDate,
    parse_force_figure,
)
from geo.model.kinds import ReviewState
from geo.model.place import Place, place_from_dict, place_to_dict
from geo.model.text import normalize_term
from geo.settings import DatabaseLocation, database_location
from geo.store.backends import Backend, Connection, open_backend

__all__ = ["REVIEW_STATES", "SCHEMA_VERSION", "SITE_DISTANCE_COLUMNS", "Store", "StoredEvent"]


#: The newest schema version. SQLite: ``schema.sql`` is version 1, ``migrations/NNNN_*.sql``
#: the rest; PostgreSQL: ``migrations/postgresql/NNNN_*.sql`` (starting at version 5).
SCHEMA_VERSION = 6


#: Review states of an event: curated data, machine candidate, and the analyst's verdicts.
REVIEW_STATES: tuple[str, ...] = tuple(ReviewState)


_BUSY_TIMEOUT_MS = 30_000


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class CuratedRefresh:
    """What :meth:`Store.refresh_curated` changed (also written to the ingest log).

    Attributes
    ----------
    events_added, events_updated, events_removed : list of str
        Curated event ids new in the bundled data, changed in it, and gone from it (deleted).
    events_kept : list of str
        Curated events gone from the bundled data but kept, as machine events to review,
        because ingested articles support them or the analyst accepted or edited them.
    articles_added, articles_updated, articles_removed : list of str
        Curated article ids, likewise.
    corrected_mentions : int
        Refreshed curated mentions that took the analyst's place correction again.
    messages : list of str
        Things the analyst should know (kept events, curated rows that clash with theirs).
    """

    events_added: list[str] = field(default_factory=list)
    events_updated: list[str] = field(default_factory=list)
    events_removed: list[str] = field(default_factory=list)
    events_kept: list[str] = field(default_factory=list)
    articles_added: list[str] = field(default_factory=list)
    articles_updated: list[str] = field(default_factory=list)
    articles_removed: list[str] = field(default_factory=list)
    corrected_mentions: int = 0
    messages: list[str] = field(default_factory=list)

    @property
    def events_refreshed(self) -> int:
        """Number of curated events added, changed, removed or kept for review."""
        return (len(self.events_added) + len(self.events_updated) + len(self.events_removed)
                + len(self.events_kept))

    def summary(self) -> str:
        """One line for logs and status messages."""
        parts = [f"{len(v)} {k.replace('_', ' ')}" for k, v in (
            ("events_added", self.events_added), ("events_updated", self.events_updated),
            ("events_removed", self.events_removed), ("events_kept", self.events_kept),
            ("articles_added", self.articles_added),
            ("articles_updated", self.articles_updated),
            ("articles_removed", self.articles_removed)) if v]
        if self.corrected_mentions:
            parts.append(f"{self.corrected_mentions} mentions re-corrected")
        return "bundled data refreshed: " + (", ".join(parts) or "no visible change")



#: Content columns of ``events`` (what curated data defines; not origin, review, timestamps).
_EVENT_COLUMNS = ("name", "name_basis", "category", "type", "start", "start_precision", "end",
                  "end_precision", "date_text", "status", "participants", "troops",
                  "aircraft_helicopters", "ships", "tanks", "named_ships", "ships_by_side",
                  "related", "notes")


def _quoted(columns: Sequence[str]) -> tuple[str, ...]:
    """Column names quoted for SQL: ``end`` is a reserved word in PostgreSQL."""
    return tuple(f'"{c}"' for c in columns)


_EVENT_COLUMN_NAMES = _quoted(_EVENT_COLUMNS)

#: The columns of ``site_distances``, in order (PostgreSQL adds its own after them).
SITE_DISTANCE_COLUMNS = ("event_id", "article_id", "surface", "place_name", "lat", "lon",
                          "precision_km", "border_iso2", "distance_km", "bearing_deg",
                          "nearest_lat", "nearest_lon", "inside", "dataset")

#: The columns of ``mentions`` a caller sees (PostgreSQL's geography columns left out).
_MENTION_COLUMNS = ("id", "article_id", "surface", "start", "end", "query", "name", "lat",
                    "lon", "country_code", "kind", "precision_km", "source", "place_json",
                    "metonym", "locative", "origin", "note", "found_by")

_GEOD = Geod(ellps="WGS84")

#: Columns PostgreSQL generates from others (geography points and areas): not content.
_DERIVED_COLUMNS = frozenset({"point", "area", "site", "rowid"})


#: What a refresh compares, per table: the curated rows in a form independent of row ids.
_CURATED_STATE = {
    "articles": "SELECT id, file, part, title, sha256, published, published_precision, "
                "date_basis, date_evidence, date_reasoning, dropped_lines FROM articles "
                "WHERE origin = 'curated'",
    "events": f"SELECT id, origin, review, {', '.join(_EVENT_COLUMN_NAMES)} FROM events",
    "event_sources": "SELECT event_id, article_id, quote, origin, match_reason "
                     "FROM event_sources WHERE origin = 'curated'",
    "event_places": "SELECT event_id, article_id, surface, role, note, origin "
                    "FROM event_places WHERE origin = 'curated'",
    "mentions": "SELECT article_id, surface, start, \"end\", query, place_json, origin, note "
                "FROM mentions WHERE article_id IN (SELECT id FROM articles "
                "WHERE origin = 'curated')",
    "claims": "SELECT article_id, start, \"end\", text, stated_km, computed_km, verdict, "
              "explanation, event_ids FROM claims",
    "site_distances": f"SELECT {', '.join(SITE_DISTANCE_COLUMNS)} FROM site_distances",
}


def _partial(value: str | None, precision: str) -> PartialDate:
    if not value:
        return PartialDate(None, "unknown")
    parts = [int(x) for x in value.split("-")] + [1, 1]
    return PartialDate(date(parts[0], parts[1], parts[2]), precision)


def _partial_text(p: PartialDate) -> str | None:
    return p.value.isoformat() if p.value is not None else None


def _figure_text(f: ForceFigure | None) -> str:
    return "" if f is None else json.dumps([f.value, f.qualifier, f.text])


def _figure_from(text: str) -> ForceFigure | None:
    if not text:
        return None
    if text.startswith("["):
        value, qualifier, shown = json.loads(text)
        return ForceFigure(value=value, qualifier=qualifier, text=shown)
    return parse_force_figure(text)


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event as stored: the :class:`geo.model.event.Event`, its provenance and review state."""

    event: Event
    origin: str
    review: str
    sources: tuple[tuple[str, str, str], ...] = ()  # (article_id, quote, match_reason)
    places: tuple[tuple[str, str, str], ...] = ()  # (article_id, surface, role)
    created_at: str = ""
    updated_at: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)
    #: Counted up by every change to the event: a review names the version it was made on.
    version: int = 1

    @property
    def id(self) -> str:
        """The event id."""
        return self.event.id

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly dict."""
        return {
            **self.event.to_dict(),
            "origin": self.origin, "review": self.review,
            "sources": [{"article_id": a, "quote": q, "match_reason": r}
                        for a, q, r in self.sources],
            "places": [{"article_id": a, "surface": s, "role": r} for a, s, r in self.places],
        }


class Store:
    """A drillmap database: opening it creates or migrates the schema, never runs the pipeline.

    Filling a new database from the bundled curated data is a service above the store
    (:func:`geo.services.seed.seed_database`, ``python -m geo db init``).

    Parameters
    ----------
    path : str, Path or DatabaseLocation, optional
        A SQLite file (``":memory:"`` works for tests) or a ``postgresql://`` URL; default
        :func:`geo.settings.database_location` (``$DRILLMAP_DB``, else the per-user file).
    timeout_s : float, optional
        How long a writer waits for another one holding the write lock.

    Raises
    ------
    DatabaseUnusableError
        The file or database holds something else (another program's tables), is damaged, or
        cannot be reached: it is refused before anything is written to it.

    Notes
    -----
    One connection per :class:`Store`, usable from several threads (serialised by a lock), as
    Streamlit reruns need. Open one store per process.
    """

    def __init__(self, path: str | os.PathLike[str] | DatabaseLocation | None = None, *,
                 timeout_s: float = _BUSY_TIMEOUT_MS / 1000):
        self.location = database_location(path)
        #: The SQLite file, or the PostgreSQL URL without its password (for messages).
        self.path: Path | str = self.location.path or str(self.location)
        self._lock = threading.RLock()
        self._commits = 0
        self._db: Backend = open_backend(self.location, timeout_s=timeout_s)
        self._conn: Connection = self._db.conn
        try:
            with self.transaction():
                self._db.migrate(SCHEMA_VERSION)
        except BaseException:
            self._db.close()
            raise

    @property
    def backend(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self._db.name

    # -- plumbing ---------------------------------------------------------------------
    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A write transaction: the write lock first, commit at the end, rollback on error.

        The write lock is taken at the start (SQLite ``BEGIN IMMEDIATE``, a PostgreSQL
        advisory lock), so reads inside see a state no other writer can change before the
        commit (e.g. "is this article already stored?", "is there an event with this name?").
        """
        with self._lock, self._db.translated_errors():
            self._db.begin_write()
            try:
                yield self._conn
                self._db.before_commit()
            except BaseException:
                self._db.rollback()
                raise
            self._db.commit()
            self._commits += 1

    @contextmanager
    def snapshot(self) -> Iterator[Connection]:
        """A read transaction: every query inside sees the same committed state.

        Readers never block writers (SQLite's WAL, PostgreSQL's MVCC), so a reader building a
        whole view (e.g. :func:`geo.store.reading.dataset_from_store`) gets a consistent one
        even while another process ingests.
        """
        with self._lock, self._db.translated_errors():
            self._db.begin_read()
            try:
                yield self._conn
            finally:
                self._db.end_read()

    def change_token(self) -> tuple[int, int]:
        """A value that changes whenever anything is committed to the database.

        ``(commits through this store, others' commits)``: SQLite's ``PRAGMA data_version``
        or PostgreSQL's revision counter tells when *another* connection (another process's
        ingest, another analyst) commits, the counter when this one does. Caches of views of
        the database (the app's) key on it.
        """
        with self._lock, self._db.translated_errors():
            return self._commits, self._db.others_version()

    def others_version(self) -> int:
        """A number that changes when another connection commits (not when this one does)."""
        with self._lock, self._db.translated_errors():
            return self._db.others_version()

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._lock, self._db.translated_errors():
            return list(self._conn.execute(sql, params).fetchall())

    def is_seeded(self) -> bool:
        """Whether the bundled curated data has been loaded."""
        with self._lock:
            return self.meta_in(self._conn, "seeded_at") is not None

    def seeded_from(self) -> dict[str, str]:
        """The article and curated-data folders the database was seeded from (``seeds``, ``data``).

        Empty for a database seeded before this was recorded, or not seeded.
        """
        with self._lock:
            value = self.meta_in(self._conn, "seeded_from")
        return dict(json.loads(value)) if value else {}

    def integrity_check(self) -> str:
        """The engine's own check (SQLite ``PRAGMA integrity_check``): ``"ok"`` when sound."""
        with self._lock:
            return self._db.integrity_check()

    def content_digest(self) -> str:
        """A sha256 of the rows of every table, read in one snapshot.

        Equal for databases holding the same rows, in this process or another: it names a
        state of the data across restarts, where :meth:`change_token` only tells a change
        within one process. Rows are read in insertion order (which the dataset keeps); the
        ``meta`` table, rewritten on every open and commit, is left out.
        """
        digest = hashlib.sha256()
        with self.snapshot() as conn:
            for table in self._db.table_names():
                if table == "meta":
                    continue
                columns = [c for c in self._columns(conn, table) if c not in _DERIVED_COLUMNS]
                listed = ", ".join(_quoted(columns))
                order = " ORDER BY rowid" if self._db.has_rowid(table) else (
                    " ORDER BY " + ", ".join(_quoted(columns)))
                digest.update(f"\0{table}\0".encode())
                for row in conn.execute(f'SELECT {listed} FROM "{table}"{order}'):
                    digest.update(repr(tuple(row)).encode())
        return digest.hexdigest()

    @staticmethod
    def _columns(conn: Connection, table: str) -> list[str]:
        """A table's column names, in order (read from an empty result)."""
        cursor = conn.execute(f'SELECT * FROM "{table}" WHERE 1 = 0')
        return [str(d[0]) for d in cursor.description]

    def mentions_near(self, lat: float, lon: float, radius_km: float) -> list[dict[str, Any]]:
        """Stored place mentions within ``radius_km`` of a point (geodesic, WGS84), nearest first.

        Each row has ``article_id``, ``surface``, ``name``, ``lat``, ``lon`` and
        ``distance_km``. PostgreSQL answers from the GiST index of the ``point`` geography
        column (``ST_DWithin``); SQLite scans a latitude band and measures each candidate.
        """
        if not (math.isfinite(radius_km) and radius_km >= 0):
            raise ValueError(f"radius_km must be a finite distance >= 0, got {radius_km!r}")
        if self.backend == "postgresql":
            rows = self._query(
                "SELECT article_id, surface, name, lat, lon, ST_Distance(point, "
                "CAST(ST_SetSRID(ST_MakePoint(?, ?), 4326) AS geography)) / 1000.0 AS km "
                "FROM mentions WHERE ST_DWithin(point, CAST(ST_SetSRID(ST_MakePoint(?, ?), "
                "4326) AS geography), ?)", (lon, lat, lon, lat, radius_km * 1000.0))
            found = [(r[0], r[1], r[2], r[3], r[4], float(r[5])) for r in rows]
        else:
            band = radius_km / 110.574 + 0.01  # km per degree of latitude, at least
            rows = self._query("SELECT article_id, surface, name, lat, lon FROM mentions "
                               "WHERE lat BETWEEN ? AND ?", (lat - band, lat + band))
            found = []
            for r in rows:
                _, _, metres = _GEOD.inv(lon, lat, r[4], r[3])
                if metres <= radius_km * 1000.0:
                    found.append((r[0], r[1], r[2], r[3], r[4], metres / 1000.0))
        found.sort(key=lambda f: (f[5], f[0], f[1]))
        keys = ("article_id", "surface", "name", "lat", "lon", "distance_km")
        return [dict(zip(keys, f, strict=True)) for f in found]

    # -- articles -----------------------------------------------------------------------
    def insert_article(self, conn: Connection, *, article_id: str, text: str,
                       title: str = "", file: str = "", part: int = 0,
                       published: PartialDate | None = None, date_basis: str = "none",
                       date_evidence: str = "", date_reasoning: str = "",
                       dropped_lines: Sequence[str] = (), origin: str = "ingested") -> None:
        """Insert an article row (inside a :meth:`transaction`)."""
        conn.execute(
            "INSERT INTO articles (id, file, part, title, text, sha256, published, "
            "published_precision, date_basis, origin, ingested_at, date_evidence, "
            "date_reasoning, dropped_lines) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article_id, file, part, title, text, hashlib.sha256(text.encode()).hexdigest(),
             _partial_text(published) if published else None,
             published.precision if published else "", date_basis, origin, _now(),
             date_evidence, date_reasoning, json.dumps(list(dropped_lines))),
        )

    def article_id_for_text(self, text: str, conn: Connection | None = None) -> str | None:
        """Id of an article with exactly this cleaned text, if stored (re-ingest detection).

        Pass the ``conn`` of a :meth:`transaction` to ask under the write lock: then no other
        writer can store the same text before this transaction commits.
        """
        sql, key = "SELECT id FROM articles WHERE sha256 = ?", hashlib.sha256(text.encode())
        if conn is not None:
            row = conn.execute(sql, (key.hexdigest(),)).fetchone()
            return None if row is None else str(row[0])
        rows = self._query(sql, (key.hexdigest(),))
        return str(rows[0][0]) if rows else None

    def unique_article_id(self, conn: Connection, wanted: str) -> str:
        """``wanted`` or ``wanted-2``, ``wanted-3`` ... whichever is free."""
        candidate, n = wanted, 1
        while conn.execute("SELECT 1 FROM articles WHERE id = ?", (candidate,)).fetchone():
            n += 1
            candidate = f"{wanted}-{n}"
        return candidate

    def articles(self) -> list[dict[str, Any]]:
        """All articles (without text), oldest first."""
        return [dict(r) for r in self._query(
            "SELECT id, file, part, title, published, published_precision, date_basis, origin, "
            "ingested_at, length(text) AS characters FROM articles ORDER BY ingested_at, id")]

    def article_text(self, article_id: str) -> str | None:
        """The cleaned text of an article (mention spans refer to it)."""
        rows = self._query("SELECT text FROM articles WHERE id = ?", (article_id,))
        return str(rows[0][0]) if rows else None

    # -- mentions -----------------------------------------------------------------------
    def insert_mention_row(self, conn: Connection, article_id: str, surface: str,
                            start: int, end: int, query: str, place: Place | None, *,
                            metonym: bool, locative: bool, origin: str, note: str,
                            found_by: str = "rules") -> None:
        p = place
        conn.execute(
            "INSERT INTO mentions (article_id, surface, start, \"end\", query, name, lat, "
            "lon, country_code, kind, precision_km, source, place_json, metonym, locative, "
            "origin, note, found_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (article_id, start, \"end\") DO UPDATE SET surface = excluded.surface, "
            "query = excluded.query, name = excluded.name, lat = excluded.lat, "
            "lon = excluded.lon, country_code = excluded.country_code, kind = excluded.kind, "
            "precision_km = excluded.precision_km, source = excluded.source, "
            "place_json = excluded.place_json, metonym = excluded.metonym, "
            "locative = excluded.locative, origin = excluded.origin, note = excluded.note, "
            "found_by = excluded.found_by",
            (article_id, surface, start, end, query, p.name if p else None,
             p.lat if p else None, p.lon if p else None, p.country_code if p else None,
             p.kind if p else None, p.precision_km if p else None, p.source if p else None,
             json.dumps(place_to_dict(p)) if p else None, int(metonym), int(locative), origin,
             note, found_by),
        )

    def insert_mentions(self, conn: Connection, article_id: str,
                        mentions: Sequence[Any]) -> None:
        """Insert :class:`geo.model.mention.Mention` objects of an article (with ``found_by``)."""
        for m in mentions:
            origin = "correction" if m.origin == "correction" else "machine"
            self.insert_mention_row(conn, article_id, m.surface, m.start, m.end, m.query,
                                     m.place, metonym=m.metonym, locative=m.locative,
                                     origin=origin, note=m.note,
                                     found_by=m.found_by)

    def mentions(self, article_id: str) -> list[dict[str, Any]]:
        """Mentions of an article by position (place fields flat, ``place_json`` dropped)."""
        rows = self._query(f"SELECT {', '.join(_quoted(_MENTION_COLUMNS))} FROM mentions "
                           "WHERE article_id = ? ORDER BY start", (article_id,))
        out = []
        for r in rows:
            d = dict(r)
            d.pop("place_json", None)
            d["metonym"], d["locative"] = bool(d["metonym"]), bool(d["locative"])
            out.append(d)
        return out

    # -- events -------------------------------------------------------------------------
    @staticmethod
    def event_values(e: Event) -> dict[str, Any]:
        """The ``events`` content columns (:data:`_EVENT_COLUMNS`) of an :class:`Event`."""
        values = (e.name, e.name_basis, e.category, e.type, _partial_text(e.start),
                  e.start.precision, _partial_text(e.end), e.end.precision, e.date_text,
                  e.status, ";".join(e.participants), _figure_text(e.troops),
                  _figure_text(e.aircraft_helicopters), _figure_text(e.ships),
                  _figure_text(e.tanks), e.named_ships,
                  ";".join(f"{c}:{n}" for c, n in e.ships_by_side), ";".join(e.related),
                  e.notes)
        return dict(zip(_EVENT_COLUMNS, values, strict=True))

    def insert_event_row(self, conn: Connection, e: Event, *, origin: str, review: str,
                          now: str) -> None:
        conn.execute(
            f"INSERT INTO events (id, {', '.join(_EVENT_COLUMN_NAMES)}, origin, review, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?, ?, ?, ?)",
            (e.id, *self.event_values(e).values(), origin, review, now, now),
        )

    def new_event_id(self, conn: Connection, name: str) -> str:
        """A free id ``m-<slug of name>``, suffixed ``-2``, ``-3`` ... when taken."""
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:48].strip("-") or "event"
        base = f"m-{slug}"
        candidate, n = base, 1
        while conn.execute("SELECT 1 FROM events WHERE id = ?", (candidate,)).fetchone():
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    def insert_event(self, conn: Connection, event: Event, *, origin: str = "machine"
                     ) -> str:
        """Insert a new event (a fresh id is assigned when ``event.id`` is empty); return id."""
        event_id = event.id or self.new_event_id(conn, event.name)
        review = "curated" if origin == "curated" else "machine"
        self.insert_event_row(conn, replace(event, id=event_id), origin=origin, review=review,
                               now=_now())
        return event_id

    def add_event_source(self, conn: Connection, event_id: str, article_id: str,
                         quote: str, *, match_reason: str = "", origin: str = "machine") -> None:
        """Record that an article's sentence supports an event (and why it was matched)."""
        conn.execute("INSERT INTO event_sources (event_id, article_id, quote, origin, "
                     "match_reason) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                     (event_id, article_id, quote, origin, match_reason))
        conn.execute("UPDATE events SET updated_at = ? WHERE id = ?", (_now(), event_id))

    def add_event_place(self, conn: Connection, event_id: str, article_id: str,
                        surface: str, role: str, *, note: str = "", origin: str = "machine"
                        ) -> None:
        """Record a place of an event as an article words it."""
        conn.execute("INSERT INTO event_places (event_id, article_id, surface, role, note, origin) "
                     "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                     (event_id, article_id, surface, role, note, origin))

    def event_from_row(self, r: Any) -> Event:
        """The :class:`Event` of an ``events`` row (machine_extracted if the machine made it)."""
        sides = tuple((c, int(n)) for c, _, n in (x.partition(":") for x in
                                                  r["ships_by_side"].split(";") if x))
        return Event(
            id=r["id"], name=r["name"], name_basis=r["name_basis"], category=r["category"],
            type=r["type"], start=_partial(r["start"], r["start_precision"]),
            end=_partial(r["end"], r["end_precision"]), date_text=r["date_text"],
            status=r["status"], participants=tuple(p for p in r["participants"].split(";") if p),
            troops=_figure_from(r["troops"]),
            aircraft_helicopters=_figure_from(r["aircraft_helicopters"]),
            ships=_figure_from(r["ships"]), tanks=_figure_from(r["tanks"]),
            named_ships=r["named_ships"], ships_by_side=sides,
            related=tuple(x for x in r["related"].split(";") if x), notes=r["notes"],
            machine_extracted=r["origin"] == "machine",
        )

    def events(self, *, include_rejected: bool = False, conn: Connection | None = None,
               quotes: bool = True) -> list[StoredEvent]:
        """All events with sources and places; rejected ones only when asked.

        With ``quotes=False`` each source is only ``(article_id, "", "")``, once per article:
        enough to match new articles against, and much lighter on a large database.
        """
        with self._lock:
            c = conn or self._conn
            rows = c.execute("SELECT * FROM events ORDER BY created_at, id").fetchall()
            sources: dict[str, list[tuple[str, str, str]]] = {}
            sql = ("SELECT event_id, article_id, quote, match_reason FROM event_sources "
                   "ORDER BY rowid") if quotes else (
                "SELECT DISTINCT event_id, article_id, '', '' FROM event_sources")
            for s in c.execute(sql):
                sources.setdefault(s[0], []).append((s[1], s[2], s[3]))
            places: dict[str, list[tuple[str, str, str]]] = {}
            for p in c.execute("SELECT event_id, article_id, surface, role FROM event_places "
                               "ORDER BY rowid"):
                places.setdefault(p[0], []).append((p[1], p[2], p[3]))
        out = []
        for r in rows:
            if r["review"] == ReviewState.REJECTED and not include_rejected:
                continue
            out.append(StoredEvent(
                event=self.event_from_row(r), origin=r["origin"], review=r["review"],
                sources=tuple(sources.get(r["id"], ())), places=tuple(places.get(r["id"], ())),
                created_at=r["created_at"], updated_at=r["updated_at"], version=r["version"],
            ))
        return out

    def event_version(self, event_id: str) -> int | None:
        """The :attr:`StoredEvent.version` of an event (None if there is no such event)."""
        rows = self._query("SELECT version FROM events WHERE id = ?", (event_id,))
        return int(rows[0][0]) if rows else None

    def event(self, event_id: str) -> StoredEvent | None:
        """One event by id (rejected included), or None."""
        return next((e for e in self.events(include_rejected=True) if e.id == event_id), None)

    # -- claims and distances -------------------------------------------------------------
    def insert_claim(self, conn: Connection, check: Any, *, origin: str = "machine"
                     ) -> None:
        """Insert a :class:`geo.model.claim.ClaimCheck`, with its whole reading as JSON."""
        c, v = check.claim, check.verdict
        conn.execute(
            "INSERT INTO claims (article_id, start, \"end\", text, sentence, subject, "
            "subject_place, stated_km, unit, qualifier, direction, reference, reference_iso2, "
            "computed_km, difference_km, tolerance_km, verdict, explanation, event_ids, dataset, "
            "origin, claim_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?, ?)",
            (check.article_id, c.start, c.end, c.text, check.sentence, check.subject_surface,
             check.subject.name if check.subject else "", c.stated_km, c.unit, c.qualifier,
             c.direction, c.reference_text, check.reference_iso2,
             v.computed_km if v else None, v.difference_km if v else None,
             v.tolerance_km if v else None, v.verdict if v else "unchecked",
             v.explanation if v else check.problem, ";".join(check.event_ids),
             borders.BORDER_DATASET, origin,
             json.dumps({"claim": asdict(c), "direction_ok": v.direction_ok if v else None,
                         "stated_position": (asdict(check.stated_position)
                                             if check.stated_position else None)})),
        )

    def claims(self, article_id: str | None = None) -> list[dict[str, Any]]:
        """Distance claims (of one article, or all)."""
        if article_id is None:
            return [dict(r) for r in self._query(
                "SELECT * FROM claims ORDER BY article_id, start, id")]
        return [dict(r) for r in self._query(
            "SELECT * FROM claims WHERE article_id = ? ORDER BY start, id", (article_id,))]

    @staticmethod
    def claim_reviews_in(conn: Connection, article_id: str
                         ) -> tuple[set[tuple[int, int]], list[dict[str, Any]]]:
        """The analyst's review of an article's claims: ``(dismissed spans, analyst rows)``.

        What :meth:`replace_derived` would drop and a re-measurement must restore: the
        ``(start, end)`` of every dismissed claim and the rows of the claims the analyst added
        (``origin = 'analyst'``).
        """
        dismissed = {(int(r[0]), int(r[1])) for r in conn.execute(
            "SELECT start, \"end\" FROM claims WHERE article_id = ? AND dismissed = 1",
            (article_id,))}
        added = [dict(r) for r in conn.execute(
            "SELECT * FROM claims WHERE article_id = ? AND origin = 'analyst' ORDER BY start",
            (article_id,))]
        return dismissed, added

    @staticmethod
    def set_claim_dismissed(conn: Connection, article_id: str, start: int, end: int,
                            dismissed: bool = True) -> int:
        """Dismiss (or restore) an article's claim at ``start``-``end``; rows changed."""
        cur = conn.execute("UPDATE claims SET dismissed = ? WHERE article_id = ? AND start = ? "
                           "AND \"end\" = ?", (int(dismissed), article_id, start, end))
        return int(cur.rowcount)

    @staticmethod
    def delete_claim(conn: Connection, article_id: str, start: int, end: int) -> int:
        """Delete an article's claim at ``start``-``end`` (e.g. to store it re-checked)."""
        cur = conn.execute("DELETE FROM claims WHERE article_id = ? AND start = ? AND "
                           "\"end\" = ?",
                           (article_id, start, end))
        return int(cur.rowcount)

    def insert_site_distance(self, conn: Connection, m: Any) -> None:
        """Insert a :class:`geo.model.measurement.SiteMeasurement`."""
        conn.execute(
            f"INSERT INTO site_distances ({', '.join(SITE_DISTANCE_COLUMNS)}) VALUES (?, ?, ?, "
            "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, article_id, surface, "
            "border_iso2) DO UPDATE SET place_name = excluded.place_name, lat = excluded.lat, "
            "lon = excluded.lon, precision_km = excluded.precision_km, "
            "distance_km = excluded.distance_km, bearing_deg = excluded.bearing_deg, "
            "nearest_lat = excluded.nearest_lat, nearest_lon = excluded.nearest_lon, "
            "inside = excluded.inside, dataset = excluded.dataset",
            (m.event_id, m.article_id, m.surface, m.place_name, m.lat, m.lon, m.precision_km,
             m.border_iso2, m.distance_km, m.bearing_deg, m.nearest_lat, m.nearest_lon,
             int(m.inside), m.dataset),
        )

    def site_distances(self, event_id: str) -> list[dict[str, Any]]:
        """Border distances of an event's sites."""
        return [dict(r) for r in self._query(
            f"SELECT {', '.join(SITE_DISTANCE_COLUMNS)} FROM site_distances "
            "WHERE event_id = ? ORDER BY surface, border_iso2",
            (event_id,))]

    def replace_derived(self, conn: Connection, article_id: str,
                        measurements: Sequence[Any], checks: Sequence[Any]) -> None:
        """Replace an article's border distances and distance claims (inside a transaction).

        Used when a place correction moves (or removes) a site: the rows derived from the old
        resolution go, the recomputed :class:`geo.model.measurement.SiteMeasurement` and
        :class:`geo.model.claim.ClaimCheck` objects come in. Claims keep the article's origin.
        """
        row = conn.execute("SELECT origin FROM articles WHERE id = ?", (article_id,)).fetchone()
        origin = "curated" if row is not None and row[0] == "curated" else "machine"
        conn.execute("DELETE FROM site_distances WHERE article_id = ?", (article_id,))
        conn.execute("DELETE FROM claims WHERE article_id = ?", (article_id,))
        for m in measurements:
            self.insert_site_distance(conn, m)
        for check in checks:
            self.insert_claim(conn, check, origin=origin)

    # -- geocoder cache -------------------------------------------------------------------
    def cached_geocode(self, key: str) -> tuple[bool, Place | None]:
        """``(hit, place)`` for a cache key; a cached "not found" is ``(True, None)``."""
        rows = self._query("SELECT place_json FROM geocode_cache WHERE key = ?", (key,))
        if not rows:
            return False, None
        data = rows[0][0]
        return True, (place_from_dict(json.loads(data)) if data else None)

    def put_geocode(self, conn: Connection, key: str, place: Place | None) -> None:
        """Cache a geocoder answer (inside a transaction)."""
        conn.execute("INSERT INTO geocode_cache (key, place_json, created_at) VALUES (?, ?, ?) "
                     "ON CONFLICT (key) DO UPDATE SET place_json = excluded.place_json, "
                     "created_at = excluded.created_at",
                     (key, json.dumps(place_to_dict(place)) if place else None, _now()))

    # -- corrections ----------------------------------------------------------------------
    def place_corrections(self) -> dict[str, Place | None]:
        """Analyst place corrections by normalised surface (None means "not a place")."""
        out: dict[str, Place | None] = {}
        for r in self._query("SELECT surface_key, not_a_place, place_json FROM place_corrections"):
            out[r[0]] = None if r[1] else place_from_dict(json.loads(r[2]))
        return out

    def record_place_correction(self, conn: Connection, surface: str,
                                place: Place | None, *, note: str = "",
                                apply_to_existing: bool = True) -> tuple[int, set[str]]:
        """:meth:`correct_place` inside the caller's transaction ``conn``.

        Returns ``(stored mentions updated, ids of their articles)``.
        """
        key = normalize_term(surface)
        if not key:
            raise ValueError("surface must not be empty")
        now = _now()
        before = conn.execute("SELECT not_a_place, place_json FROM place_corrections "
                              "WHERE surface_key = ?", (key,)).fetchone()
        place_json = json.dumps(place_to_dict(place)) if place is not None else None
        conn.execute(
            "INSERT INTO place_corrections (surface_key, surface, not_a_place, place_json, note, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT"
            "(surface_key) DO UPDATE SET not_a_place = excluded.not_a_place, place_json = "
            "excluded.place_json, note = excluded.note, updated_at = excluded.updated_at",
            (key, surface, int(place is None), place_json, note, now, now))
        conn.execute("INSERT INTO corrections (kind, target, action, before_json, "
                     "after_json, note, created_at) VALUES ('place', ?, ?, ?, ?, ?, ?)",
                     (surface, "not a place" if place is None else "resolve",
                      json.dumps(dict(before)) if before else None, place_json, note, now))
        if not apply_to_existing:
            return 0, set()
        rows = conn.execute("SELECT id, surface, article_id FROM mentions").fetchall()
        hits = [r for r in rows if normalize_term(r[1]) == key]
        for r in hits:
            self.correct_mention_row(conn, r[0], place, place_json, note)
        return len(hits), {r[2] for r in hits}

    def correct_place(self, surface: str, place: Place | None, *, note: str = "",
                      apply_to_existing: bool = True,
                      after: Callable[[Connection, set[str]], None] | None = None
                      ) -> int:
        """Record the analyst's resolution of a place name; reused for later articles.

        Parameters
        ----------
        surface : str
            The name as articles write it ("Kellogg", "Ruzhansky training grounds").
        place : Place or None
            The right place, or None when the name is not a place at all.
        note : str, optional
            Why (shown with the mention).
        apply_to_existing : bool, optional
            Also update stored mentions with this surface (default True).
        after : callable, optional
            ``after(conn, article_ids)`` runs inside the same transaction with the articles
            whose mentions changed, to bring what derives from them (border distances, claim
            verdicts) up to date: the correction and its consequences commit together.

        Returns
        -------
        int
            Number of stored mentions updated.
        """
        if not normalize_term(surface):
            raise ValueError("surface must not be empty")
        with self.transaction() as conn:
            updated, article_ids = self.record_place_correction(
                conn, surface, place, note=note, apply_to_existing=apply_to_existing)
            if after is not None and article_ids:
                after(conn, article_ids)
        return updated

    @staticmethod
    def correct_mention_row(conn: Connection, mention_id: int, place: Place | None,
                         place_json: str | None, note: str) -> None:
        """Give one stored mention the analyst's place (None: delete it, "not a place")."""
        if place is None:
            conn.execute("DELETE FROM mentions WHERE id = ?", (mention_id,))
            return
        conn.execute(
            "UPDATE mentions SET name = ?, lat = ?, lon = ?, country_code = ?, kind = ?, "
            "precision_km = ?, source = ?, place_json = ?, origin = 'correction', note = ? "
            "WHERE id = ?",
            (place.name, place.lat, place.lon, place.country_code, place.kind,
             place.precision_km, place.source, place_json, note or "analyst correction",
             mention_id))

    def _review(self, event_id: str, action: str, review: str, changes: Mapping[str, Any],
                note: str, version: int | None) -> StoredEvent:
        """Write a review under the write lock, refusing it if the event changed meanwhile.

        ``version`` is the event's version when the analyst opened it (None: do not check).
        The check and the write are in one transaction that holds the write lock, so of two
        analysts saving reviews of the same version, the second is always refused.
        """
        with self.transaction() as conn:
            row = conn.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
            if row is None:
                raise KeyError(f"no event {event_id!r}")
            if version is not None and row["version"] != version:
                raise ConcurrentEditError(
                    f"the event “{row['name']}” was changed by someone else since you opened "
                    f"it; reload (you opened version {version}, it is now {row['version']})")
            before = {k: v for k, v in dict(row).items() if k not in _DERIVED_COLUMNS}
            assignments = {**changes, "review": review, "updated_at": _now()}
            assigned = ", ".join(f"{k} = ?" for k in _quoted(list(assignments)))
            conn.execute(f"UPDATE events SET {assigned}, version = version + 1 WHERE id = ?",
                         (*assignments.values(), event_id))
            conn.execute("INSERT INTO corrections (kind, target, action, before_json, "
                         "after_json, note, created_at) VALUES ('event', ?, ?, ?, ?, ?, ?)",
                         (event_id, action, json.dumps(before), json.dumps(dict(changes)),
                          note, _now()))
        stored = self.event(event_id)
        assert stored is not None
        return stored

    def accept_event(self, event_id: str, *, note: str = "", version: int | None = None
                     ) -> StoredEvent:
        """The analyst confirms a machine-extracted event as it is.

        ``version``: the :attr:`StoredEvent.version` the analyst saw; if the event changed
        since, :class:`~geo.errors.ConcurrentEditError` and nothing is written.
        """
        return self._review(event_id, "accept", "accepted", {}, note, version)

    def reject_event(self, event_id: str, *, reason: str = "", version: int | None = None
                     ) -> StoredEvent:
        """The analyst rejects an event (kept, hidden from :meth:`events` by default).

        ``version`` as for :meth:`accept_event`.
        """
        return self._review(event_id, "reject", "rejected", {}, reason, version)

    def edit_event(self, event_id: str, *, note: str = "", version: int | None = None,
                   **changes: Any) -> StoredEvent:
        """The analyst corrects fields of an event; the event becomes ``review='edited'``.

        Accepted keywords: ``name``, ``type``, ``status``, ``category``, ``participants``
        (sequence of ISO2), ``start``/``end`` (:class:`PartialDate`), ``date_text``, ``notes``,
        ``troops``/``aircraft_helicopters``/``ships``/``tanks`` (text such as "about 30000"),
        ``named_ships``. ``version`` as for :meth:`accept_event`.
        """
        columns: dict[str, Any] = {}
        for key, value in changes.items():
            if key in ("name", "date_text", "notes", "named_ships"):
                columns[key] = str(value)
            elif key == "type":
                columns[key] = _checked(value, EVENT_TYPES, key)
            elif key == "status":
                columns[key] = _checked(value, STATUSES, key)
            elif key == "category":
                columns[key] = _checked(value, ("exercise", "context"), key)
            elif key == "participants":
                codes = [str(c).strip().upper() for c in value]
                if not all(PARTICIPANT_CODE.fullmatch(c) for c in codes):
                    raise ValueError(f"participants must be ISO2 codes (or NATO), got "
                                     f"{list(value)!r}")
                columns[key] = ";".join(codes)
            elif key in ("start", "end"):
                if not isinstance(value, PartialDate) or value.precision not in DATE_PRECISIONS:
                    raise ValueError(f"{key} must be a PartialDate, got {value!r}")
                columns[key] = _partial_text(value)
                columns[f"{key}_precision"] = value.precision
            elif key in ("troops", "aircraft_helicopters", "ships", "tanks"):
                columns[key] = _figure_text(parse_force_figure(str(value)))
            else:
                raise TypeError(f"edit_event() got an unknown field {key!r}")
        if "name" in columns and not columns["name"].strip():
            raise ValueError("name must not be empty")
        if "name" in columns:
            columns["name_basis"] = "stated"
        return self._review(event_id, "edit", "edited", columns, note, version)

    def corrections(self) -> list[dict[str, Any]]:
        """The analyst's correction log, oldest first."""
        return [dict(r) for r in self._query("SELECT * FROM corrections ORDER BY id")]

    # -- ingest log ------------------------------------------------------------------------
    def log_ingest(self, file: str, article_id: str | None, status: str, message: str = ""
                   ) -> None:
        """Record the outcome of ingesting a file or article (own small transaction)."""
        with self.transaction() as conn:
            conn.execute("INSERT INTO ingest_log (file, article_id, status, message, at) "
                         "VALUES (?, ?, ?, ?, ?)", (file, article_id, status, message, _now()))

    def ingest_log(self) -> list[dict[str, Any]]:
        """All ingest outcomes, oldest first."""
        return [dict(r) for r in self._query("SELECT * FROM ingest_log ORDER BY id")]

    def review_counts(self) -> dict[str, int]:
        """Number of events in each review state (``machine`` = awaiting review)."""
        return {str(r[0]): int(r[1]) for r in self._query(
            "SELECT review, count(*) FROM events GROUP BY review")}

    def counts(self) -> dict[str, int]:
        """Row counts per table (for status lines and tests)."""
        tables = ("articles", "mentions", "events", "event_sources", "event_places", "claims",
                  "site_distances", "geocode_cache", "place_corrections", "corrections")
        return {t: int(self._query(f"SELECT count(*) FROM {t}")[0][0]) for t in tables}

    # -- curated data (written by geo.services.seed) -------------------------------------
    def curated_state(self, conn: Connection) -> dict[str, list[tuple[Any, ...]]]:
        """The curated rows, independent of row ids: equal before and after a refresh that
        changed nothing visible."""
        return {t: sorted(map(tuple, conn.execute(q))) for t, q in _CURATED_STATE.items()}

    def sync_curated(self, conn: Connection, ds: Any, report: CuratedRefresh,
                     now: str) -> set[str]:
        """Replace the curated rows by those of ``ds`` (a freshly built Dataset), keeping every
        ingested row and the analyst's work; re-apply place corrections to the new curated
        mentions. Returns the ids of the articles whose distances and claims must be
        re-measured (inside the caller's transaction ``conn``)."""
        articles = self._sync_curated_articles(conn, ds.articles, report)
        events, changed = self._sync_curated_events(conn, ds.events, report, now)
        conn.execute("DELETE FROM event_sources WHERE origin = 'curated'")
        conn.execute("DELETE FROM event_places WHERE origin = 'curated'")
        for s in ds.sources:
            if s.event_id in events and s.article_id in articles:
                conn.execute("INSERT INTO event_sources (event_id, article_id, quote, origin, "
                             "match_reason) VALUES (?, ?, ?, 'curated', '') "
                             "ON CONFLICT DO NOTHING", (s.event_id, s.article_id, s.quote))
        for p in ds.event_places:
            if p.event_id in events and p.article_id in articles:
                conn.execute("INSERT INTO event_places (event_id, article_id, surface, role, "
                             "note, origin) VALUES (?, ?, ?, ?, ?, 'curated') "
                             "ON CONFLICT DO NOTHING",
                             (p.event_id, p.article_id, p.surface, p.role, p.note))
        curated = ("SELECT id FROM articles WHERE origin = 'curated'")
        for table in ("mentions", "claims", "site_distances"):
            conn.execute(f"DELETE FROM {table} WHERE article_id IN ({curated})")
        for m in ds.mentions:
            if m.article_id in articles:
                self.insert_mention_row(conn, m.article_id, m.surface, m.start, m.end,
                                         m.query, m.place, metonym=False, locative=False,
                                         origin="curated", note=m.note)
        for c in ds.claims:
            if c.article_id in articles:
                self.insert_claim(conn, c, origin="curated")
        for sm in ds.measurements:
            if sm.event_id in events and sm.article_id in articles:
                self.insert_site_distance(conn, sm)
        # The analyst's place corrections win over the new curated resolutions again.
        again: set[str] = set()
        fixes = {r[0]: r for r in conn.execute(
            "SELECT surface_key, not_a_place, place_json, note FROM place_corrections")}
        for r in conn.execute(f"SELECT id, surface, article_id FROM mentions "
                              f"WHERE article_id IN ({curated})").fetchall():
            fix = fixes.get(normalize_term(r[1]))
            if fix is not None:
                place = None if fix[1] else place_from_dict(json.loads(fix[2]))
                self.correct_mention_row(conn, r[0], place, fix[2], fix[3])
                report.corrected_mentions += 1
                again.add(r[2])
        # Ingested articles placing a changed curated event: their distances may move too.
        if changed:
            marks = ", ".join("?" * len(changed))
            again |= {r[0] for r in conn.execute(
                f"SELECT DISTINCT article_id FROM event_places WHERE event_id IN ({marks})",
                sorted(changed))}
        return again

    def _sync_curated_articles(self, conn: Connection, new: Sequence[Any],
                          report: CuratedRefresh) -> set[str]:
        """Update, insert and delete curated articles; return the ids now curated."""
        old = {r["id"]: r for r in conn.execute("SELECT * FROM articles WHERE origin = 'curated'")}
        kept: set[str] = set()
        for a in new:
            published = (PartialDate(a.published, a.published_precision) if a.published
                         else None)
            values = {"file": a.file, "part": a.part, "title": a.title, "text": a.text,
                      "sha256": hashlib.sha256(a.text.encode()).hexdigest(),
                      "published": _partial_text(published) if published else None,
                      "published_precision": published.precision if published else "",
                      "date_basis": a.date_basis, "date_evidence": a.date_evidence,
                      "date_reasoning": a.date_reasoning,
                      "dropped_lines": json.dumps(list(a.dropped_lines))}
            clash = conn.execute("SELECT id FROM articles WHERE id != ? AND sha256 = ?",
                                 (a.id, values["sha256"])).fetchone()
            row = old.get(a.id)
            if row is None and conn.execute("SELECT 1 FROM articles WHERE id = ?",
                                            (a.id,)).fetchone():
                clash = (a.id,)
            if clash is not None:
                report.messages.append(f"curated article {a.id!r} not refreshed: the "
                                       f"database has article {clash[0]!r} with its id or text")
                if row is not None:
                    kept.add(a.id)  # the old curated version stays
                continue
            kept.add(a.id)
            if row is None:
                self.insert_article(conn, article_id=a.id, text=a.text, title=a.title,
                                    file=a.file, part=a.part, published=published,
                                    date_basis=a.date_basis, date_evidence=a.date_evidence,
                                    date_reasoning=a.date_reasoning,
                                    dropped_lines=a.dropped_lines, origin="curated")
                report.articles_added.append(a.id)
            elif any(row[k] != v for k, v in values.items()):
                assigned = ", ".join(f"{k} = ?" for k in _quoted(list(values)))
                conn.execute(f"UPDATE articles SET {assigned} "
                             "WHERE id = ?", (*values.values(), a.id))
                report.articles_updated.append(a.id)
        for article_id in old.keys() - kept:
            conn.execute("DELETE FROM site_distances WHERE article_id = ?", (article_id,))
            conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))  # cascades
            report.articles_removed.append(article_id)
        return kept

    def _sync_curated_events(self, conn: Connection, new: Sequence[Event],
                        report: CuratedRefresh, now: str) -> tuple[set[str], set[str]]:
        """Update, insert and delete curated events; return (curated ids, changed ids)."""
        old = {r["id"]: r for r in conn.execute("SELECT * FROM events WHERE origin = 'curated'")}
        kept: set[str] = set()
        changed: set[str] = set()
        for e in new:
            row = old.get(e.id)
            if row is None:
                if conn.execute("SELECT 1 FROM events WHERE id = ?", (e.id,)).fetchone():
                    report.messages.append(f"curated event {e.id!r} not added: the database "
                                           "has a machine event with this id")
                    continue
                self.insert_event_row(conn, e, origin="curated", review="curated", now=now)
                report.events_added.append(e.id)
            else:
                values = self.event_values(e)
                if row["review"] == ReviewState.EDITED:  # the analyst's edits still win
                    for c in conn.execute("SELECT after_json FROM corrections WHERE kind = "
                                          "'event' AND action = 'edit' AND target = ? "
                                          "ORDER BY id", (e.id,)):
                        edits = json.loads(c[0] or "{}")
                        values.update({k: v for k, v in edits.items() if k in values})
                if any(row[k] != v for k, v in values.items()):
                    assigned = ", ".join(f"{k} = ?" for k in _quoted(list(values)))
                    conn.execute(f"UPDATE events SET {assigned}, updated_at = ?, "
                                 "version = version + 1 WHERE id = ?",
                                 (*values.values(), now, e.id))
                    report.events_updated.append(e.id)
                    changed.add(e.id)
            kept.add(e.id)
        for event_id in sorted(old.keys() - kept):
            evidence = conn.execute(
                "SELECT (SELECT count(*) FROM event_sources WHERE event_id = ? AND origin != "
                "'curated') + (SELECT count(*) FROM event_places WHERE event_id = ? AND "
                "origin != 'curated')", (event_id, event_id)).fetchone()[0]
            if evidence or old[event_id]["review"] in ("accepted", "edited"):
                conn.execute("UPDATE events SET origin = 'machine', review = CASE review WHEN "
                             "'curated' THEN 'machine' ELSE review END, updated_at = ?, "
                             "version = version + 1 WHERE id = ?", (now, event_id))
                report.events_kept.append(event_id)
                report.messages.append(
                    f"curated event {event_id!r} is no longer in the bundled data; kept as a "
                    "machine event to review because ingested articles support it or it was "
                    "reviewed")
                changed.add(event_id)
            else:
                conn.execute("DELETE FROM events WHERE id = ?", (event_id,))  # cascades
                report.events_removed.append(event_id)
        return kept, changed

    def log_refresh(self, conn: Connection, messages: Sequence[str], now: str) -> None:
        """Write what a refresh of the bundled data changed to the ingest log."""
        for message in messages:
            conn.execute("INSERT INTO ingest_log (file, article_id, status, message, at) "
                         "VALUES ('(bundled data)', NULL, 'refreshed', ?, ?)", (message, now))

    def meta(self, key: str) -> str | None:
        """A value of the ``meta`` table (None when absent)."""
        with self._lock:
            return self.meta_in(self._conn, key)

    @staticmethod
    def meta_in(conn: Connection, key: str) -> str | None:
        """A value of the ``meta`` table, read on ``conn`` (inside a transaction)."""
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    @staticmethod
    def set_meta(conn: Connection, key: str, value: str) -> None:
        """Set a value of the ``meta`` table (inside a transaction)."""
        conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) "
                     "DO UPDATE SET value = excluded.value", (key, value))

    def insert_event_source(self, conn: Connection, source: EventSource, *,
                            origin: str, match_reason: str = "") -> None:
        """Insert a supporting quote of an event (ignored if already there)."""
        conn.execute("INSERT INTO event_sources (event_id, article_id, quote, origin, "
                     "match_reason) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                     (source.event_id, source.article_id, source.quote, origin, match_reason))

    def insert_event_place(self, conn: Connection, place: EventPlace, *,
                           origin: str) -> None:
        """Insert a place of an event (ignored if already there)."""
        conn.execute("INSERT INTO event_places (event_id, article_id, surface, role, note, origin) "
                     "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                     (place.event_id, place.article_id, place.surface, place.role, place.note,
                      origin))



def _checked(value: Any, allowed: Sequence[str], what: str) -> str:
    if value not in allowed:
        raise ValueError(f"{what} must be one of {list(allowed)}, got {value!r}")
    return str(value)
