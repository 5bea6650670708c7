"""The database as a Dataset: stored rows mapped back to model values."""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from geo.geometry import borders
from geo.model.article import Article
from geo.model.claim import ClaimCheck, ClaimVerdict, DistanceClaimText, StatedPosition
from geo.model.dataset import Dataset
from geo.model.event import Event, EventPlace, EventSource
from geo.model.kinds import ReviewState, Verdict
from geo.model.measurement import SiteMeasurement
from geo.model.mention import Mention
from geo.model.place import Place, place_from_dict
from geo.model.text import split_sentences
from geo.store.sqlite import SITE_DISTANCE_COLUMNS, Store

__all__ = ["dataset_from_store"]


_UNIT_KM = {"km": 1.0, "mi": 1.609344, "nmi": 1.852}


# --------------------------------------------------------------------------- reading
class _Sentences:
    """``Article.sentence_at`` for many offsets: the sentences are split once, then bisected."""

    def __init__(self, text: str) -> None:
        self.spans = split_sentences(text)
        self.starts = [s for s, _, _ in self.spans]

    def at(self, offset: int) -> str:
        i = bisect.bisect_right(self.starts, offset) - 1
        if i >= 0:
            start, end, sentence = self.spans[i]
            if start <= offset < end:
                return sentence
        return ""


def _article(row: Any) -> Article:
    published = date.fromisoformat(row["published"]) if row["published"] else None
    return Article(id=row["id"], file=row["file"], part=row["part"], title=row["title"],
                   text=row["text"], published=published,
                   published_precision=row["published_precision"] if published else "",
                   date_basis=row["date_basis"], date_evidence=row["date_evidence"],
                   date_reasoning=row["date_reasoning"],
                   dropped_lines=tuple(json.loads(row["dropped_lines"] or "[]")))


class _Places:
    """Places from ``place_json``, parsed once per distinct JSON text (names repeat a lot)."""

    def __init__(self) -> None:
        self.memo: dict[str, Place] = {}

    def __call__(self, text: str | None) -> Place | None:
        if not text:
            return None
        place = self.memo.get(text)
        if place is None:
            place = self.memo[text] = place_from_dict(json.loads(text))
        return place


def _mentions(rows: Iterable[Any], articles: Mapping[str, Article], places: _Places
              ) -> list[Mention]:
    sentences: dict[str, _Sentences] = {}
    out = []
    for r in rows:
        article = articles.get(r["article_id"])
        if article is None:
            continue
        if article.id not in sentences:
            sentences[article.id] = _Sentences(article.text)
        out.append(Mention(
            article_id=r["article_id"], surface=r["surface"], query=r["query"],
            start=r["start"], end=r["end"], sentence=sentences[article.id].at(r["start"]),
            place=places(r["place_json"]), note=r["note"], metonym=bool(r["metonym"]),
            locative=bool(r["locative"]), origin=r["origin"],
            # callers that select the columns of schema version 3 get the column's default
            found_by=r["found_by"]))
    return out


def _measurement(r: Any) -> SiteMeasurement:
    return SiteMeasurement(
        event_id=r["event_id"], article_id=r["article_id"], surface=r["surface"],
        place_name=r["place_name"], lat=r["lat"], lon=r["lon"], precision_km=r["precision_km"],
        border_iso2=r["border_iso2"], border_name=borders.country_name(r["border_iso2"]),
        distance_km=r["distance_km"], bearing_deg=r["bearing_deg"],
        nearest_lat=r["nearest_lat"], nearest_lon=r["nearest_lon"], inside=bool(r["inside"]),
        dataset=r["dataset"])


def _record(r: Any) -> dict[str, Any]:
    """The claim's stored reading (``claim_json``); empty for rows written before version 3."""
    text = r["claim_json"]
    return dict(json.loads(text)) if text else {}


def _claim_text(r: Any, record: Mapping[str, Any]) -> DistanceClaimText:
    """The claim as it was read at ingest or seeding: from its record, else from the columns."""
    if record.get("claim"):
        return DistanceClaimText(**record["claim"])
    factor = _UNIT_KM.get(r["unit"], 1.0)
    return DistanceClaimText(
        start=r["start"], end=r["end"], text=r["text"], stated_value=r["stated_km"] / factor,
        unit=r["unit"], stated_km=r["stated_km"], qualifier=r["qualifier"],
        direction=r["direction"], reference_text=r["reference"], reference_name=r["reference"],
        reference_is_border=bool(r["reference_iso2"]))


def _verdict(r: Any, record: Mapping[str, Any]) -> ClaimVerdict | None:
    if r["verdict"] == Verdict.UNCHECKED or r["computed_km"] is None:
        return None
    return ClaimVerdict(stated_km=r["stated_km"], computed_km=r["computed_km"],
                        difference_km=r["difference_km"], tolerance_km=r["tolerance_km"],
                        verdict=r["verdict"], direction_ok=record.get("direction_ok"),
                        explanation=r["explanation"])


def _claims(rows: Sequence[Any], articles: Mapping[str, Article],
            mentions: Sequence[Mention], kept: set[str]) -> list[ClaimCheck]:
    by_article: dict[str, list[Mention]] = {}
    for m in mentions:
        by_article.setdefault(m.article_id, []).append(m)
    order = {a: i for i, a in enumerate(articles)}
    out = []
    for r in sorted(rows, key=lambda r: (order.get(r["article_id"], len(order)), r["start"])):
        article = articles.get(r["article_id"])
        if article is None:
            continue
        record = _record(r)
        claim = _claim_text(r, record)
        verdict = _verdict(r, record)
        # The subject is the last mention of that name before the claim (as check_claims chose).
        before = [m for m in by_article.get(article.id, ())
                  if m.surface == r["subject"] and m.start < r["start"]]
        subject = before[-1].place if before and r["subject"] else None
        out.append(ClaimCheck(
            article_id=article.id, sentence=r["sentence"], claim=claim,
            subject_surface=r["subject"], subject=subject, reference_iso2=r["reference_iso2"],
            reference=None,  # not stored; nothing shown depends on it
            verdict=verdict,
            event_ids=tuple(i for i in r["event_ids"].split(";") if i in kept),
            problem="" if verdict is not None else r["explanation"],
            stated_position=(StatedPosition(**record["stated_position"])
                             if record.get("stated_position") else None)))
    return out


def dataset_from_store(store: Store, *, include_unreviewed: bool = True) -> Dataset:
    """Everything the app shows, read from the database in one consistent snapshot.

    Parameters
    ----------
    store : Store
        An open database (seeded or not).
    include_unreviewed : bool, optional
        Include machine-extracted events nobody has reviewed yet (default True). They carry
        ``Event.machine_extracted = True`` so the map and tables can mark them; accepted and
        edited ones are ordinary events; rejected ones are always left out.

    Returns
    -------
    Dataset
        Articles, events, sources and places in insertion order (curated data first, in the
        order of its files), mentions resolved as stored (so the analyst's place corrections
        count), border distances from ``site_distances`` and claims with their stored
        verdicts. For a database seeded from the bundled data this equals
        :func:`geo.analysis.pipeline.build_dataset` in everything the app shows; ``problems`` is
        empty and a claim's reference place is not stored (its ISO2 code and wording are).
    """
    places = _Places()
    with store.snapshot() as conn:
        article_rows = conn.execute(
            "SELECT id, file, part, title, text, published, published_precision, date_basis, "
            "date_evidence, date_reasoning, dropped_lines FROM articles ORDER BY rowid").fetchall()
        event_rows = conn.execute("SELECT * FROM events ORDER BY rowid").fetchall()
        source_rows = conn.execute("SELECT event_id, article_id, quote FROM event_sources "
                                   "ORDER BY rowid").fetchall()
        place_rows = conn.execute("SELECT event_id, article_id, surface, role, note "
                                  "FROM event_places ORDER BY rowid").fetchall()
        mention_rows = conn.execute(
            "SELECT article_id, surface, query, start, \"end\", place_json, note, metonym, "
            "locative, origin, found_by FROM mentions "
            "ORDER BY article_id, start").fetchall()
        distance_rows = conn.execute(
            f"SELECT {', '.join(SITE_DISTANCE_COLUMNS)} FROM site_distances "
            "ORDER BY rowid").fetchall()
        claim_rows = conn.execute("SELECT * FROM claims WHERE dismissed = 0").fetchall()

    articles = {a.id: a for a in map(_article, article_rows)}
    events: list[Event] = []
    for r in event_rows:
        unreviewed = r["review"] == ReviewState.MACHINE
        if r["review"] == ReviewState.REJECTED or (unreviewed and not include_unreviewed):
            continue
        events.append(replace(store.event_from_row(r), machine_extracted=unreviewed))
    kept = {e.id for e in events}
    mentions = _mentions(mention_rows, articles, places)
    return Dataset(
        articles=list(articles.values()), events=events,
        sources=[EventSource(r["event_id"], r["article_id"], r["quote"])
                 for r in source_rows if r["event_id"] in kept],
        event_places=[EventPlace(r["event_id"], r["article_id"], r["surface"], r["role"],
                                 r["note"]) for r in place_rows if r["event_id"] in kept],
        mentions=mentions,
        measurements=[_measurement(r) for r in distance_rows if r["event_id"] in kept],
        claims=_claims(claim_rows, articles, mentions, kept),
    )
