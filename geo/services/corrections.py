"""The analyst's place corrections, applied and re-measured in one transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from geo.analysis.pipeline import check_claims, measure_sites
from geo.geocoders.registry import get_geocoder
from geo.model.dataset import Dataset
from geo.model.event import EventPlace
from geo.model.place import Place
from geo.services.rules import border_rules_for
from geo.store.reading import _article, _mentions, _Places
from geo.store.sqlite import Store

__all__ = ["apply_place_correction", "correction_choices", "remeasure_articles"]


# --------------------------------------------------------------------------- corrections
@dataclass
class _Refresher:
    """Recomputes an article's border distances and claim verdicts from its stored mentions."""

    store: Store
    geocoder: Any
    rules: Mapping[str, Sequence[str]]

    def __call__(self, conn: sqlite3.Connection, article_ids: set[str]) -> None:
        for article_id in sorted(article_ids):
            self.refresh(conn, article_id)

    def refresh(self, conn: sqlite3.Connection, article_id: str) -> None:
        row = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return
        article = _article(row)
        mentions = _mentions(conn.execute(
            "SELECT article_id, surface, query, start, end, place_json, note, metonym, locative, "
            "origin, found_by FROM mentions "
            "WHERE article_id = ? ORDER BY start", (article_id,)).fetchall(),
            {article_id: article}, _Places())
        event_places = [EventPlace(r[0], r[1], r[2], r[3], r[4]) for r in conn.execute(
            "SELECT event_id, article_id, surface, role, note FROM event_places "
            "WHERE article_id = ? ORDER BY rowid", (article_id,))]
        ids = sorted({p.event_id for p in event_places})
        events = [self.store.event_from_row(r) for r in conn.execute(
            f"SELECT * FROM events WHERE id IN ({', '.join('?' * len(ids))})", ids)]
        place_of: dict[tuple[str, str], Place | None] = {}
        for m in mentions:
            if m.place is not None:
                place_of.setdefault((m.article_id, m.surface), m.place)
        measurements = measure_sites(events, event_places, place_of, self.rules)
        checks = check_claims([article], mentions, event_places, self.geocoder)
        self.store.replace_derived(conn, article_id, measurements, checks)


def remeasure_articles(store: Store, conn: sqlite3.Connection, article_ids: Iterable[str], *,
                       geocoder: Any = None,
                       rules: Mapping[str, Sequence[str]] | None = None) -> None:
    """Recompute articles' border distances and claim verdicts from their stored mentions.

    The one way the database re-measures after its mentions changed (a place correction, a
    refresh of the curated data, :func:`geo.services.seed.refresh_database`): the pipeline's
    :func:`~geo.analysis.pipeline.measure_sites` and :func:`~geo.analysis.pipeline.check_claims`,
    written with :meth:`~geo.store.sqlite.Store.replace_derived` inside the caller's transaction
    ``conn``.

    Parameters
    ----------
    store : Store
        The database.
    conn : sqlite3.Connection
        Its connection, inside a :meth:`~geo.store.sqlite.Store.transaction`.
    article_ids : iterable of str
        The articles to re-measure (unknown ids are skipped).
    geocoder : optional
        Resolves claim references; default the offline gazetteer.
    rules : mapping, optional
        Border rules; default the bundled ``border_rules.csv``.
    """
    if geocoder is None:

        geocoder = get_geocoder("offline")
    if rules is None:
        rules = border_rules_for(store)
    _Refresher(store=store, geocoder=geocoder, rules=rules)(conn, set(article_ids))


def apply_place_correction(store: Store, surface: str, place: Place | None, *,
                           note: str = "", geocoder: Any = None) -> int:
    """Record the analyst's resolution of a place name and bring the database in line.

    The correction is stored for later articles (:meth:`Store.correct_place`), every stored
    mention of the name takes it, and the border distances and claim verdicts of the articles
    that name it are recomputed, all in one transaction: the map never shows a line from where
    the site used to be.

    Parameters
    ----------
    store : Store
        The database.
    surface : str
        The name as the article writes it.
    place : Place or None
        The right place, or None for "not a place".
    note : str, optional
        Why; shown with the mention.
    geocoder : optional
        Resolves the references of distance claims ("the Polish border"); default the
        offline gazetteer.

    Returns
    -------
    int
        Number of stored mentions changed.
    """
    if geocoder is None:

        geocoder = get_geocoder("offline")
    rules = border_rules_for(store)
    refresher = _Refresher(store=store, geocoder=geocoder, rules=rules)
    return store.correct_place(surface, place, note=note or "analyst correction",
                               after=refresher)


def correction_choices(ds: Dataset, article_id: str, surface: str, *, geocoder: Any = None,
                       limit: int = 8) -> list[Place]:
    """The places an analyst can choose from for a name: the current one, then the others.

    The geocoder's ranked candidates for the mention's query, biased to the countries the
    article names (as at ingest), without duplicates.
    """
    if geocoder is None:

        geocoder = get_geocoder("offline")
    mentions = [m for m in ds.mentions if m.article_id == article_id]
    current = next((m for m in mentions if m.surface == surface), None)
    query = current.query if current is not None and current.query else surface
    countries = tuple(dict.fromkeys(
        m.place.country_code for m in mentions
        if m.place is not None and m.place.kind == "country" and m.place.country_code))
    found = geocoder.geocode(query, exactly_one=False, country_bias=countries) or []
    found = found if isinstance(found, list) else [found]
    out: list[Place] = []
    seen: set[tuple[str, float, float]] = set()
    for p in ([current.place] if current is not None and current.place else []) + found:
        key = (p.name, round(p.lat, 4), round(p.lon, 4))
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out[:limit]
