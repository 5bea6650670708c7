"""Everything the app and the exports show, with indexed lookups."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from geo.geometry import borders
from geo.geometry.display import (
    country_display_geometry,
    country_geometry_rfc7946,
    polygon_display_geometry,
    polygon_rfc7946,
)
from geo.model.article import Article
from geo.model.claim import ClaimCheck
from geo.model.event import MACHINE_TAG, Event, EventPlace, EventSource
from geo.model.measurement import SiteMeasurement
from geo.model.mention import Mention
from geo.model.place import Place

_T = TypeVar("_T")

__all__ = ["Dataset", "is_area", "place_geometry"]


@dataclass
class Dataset:
    """Everything the app and the exports show, built from articles and curated data."""

    articles: list[Article]
    events: list[Event]
    sources: list[EventSource]
    event_places: list[EventPlace]
    mentions: list[Mention]
    measurements: list[SiteMeasurement]
    claims: list[ClaimCheck]
    problems: list[str] = field(default_factory=list)
    border_dataset: str = borders.BORDER_DATASET

    # ------------------------------------------------------------------ lookups
    @cached_property
    def article_by_id(self) -> dict[str, Article]:
        """Articles keyed by id."""
        return {a.id: a for a in self.articles}

    @cached_property
    def event_by_id(self) -> dict[str, Event]:
        """Events keyed by id."""
        return {e.id: e for e in self.events}

    # Indices, built once on first use: every lookup below is a dict access, so building a
    # map or a table for N events costs O(N), not O(N x rows). A Dataset is not mutated after
    # it is built (build a new one, e.g. with dataclasses.replace).
    @cached_property
    def _place_index(self) -> dict[tuple[str, str], Place]:
        index: dict[tuple[str, str], Place] = {}
        for m in self.mentions:
            if m.place is not None:
                index.setdefault((m.article_id, m.surface), m.place)
        return index

    @cached_property
    def _sources_index(self) -> dict[str, list[EventSource]]:
        return _group_by(self.sources, [s.event_id for s in self.sources])

    @cached_property
    def _places_index(self) -> dict[str, list[tuple[EventPlace, Place | None]]]:
        # each place paired with its resolution once, not again on every places_of call
        resolved, places = self._place_index, self.event_places
        return _group_by([(p, resolved.get((p.article_id, p.surface))) for p in places],
                         [p.event_id for p in places])

    @cached_property
    def _measurements_index(self) -> dict[str, list[SiteMeasurement]]:
        return _group_by(self.measurements, [m.event_id for m in self.measurements])

    @cached_property
    def _claims_index(self) -> dict[str, list[ClaimCheck]]:
        return _group(self.claims, lambda c: c.event_ids)

    @cached_property
    def _mention_counts(self) -> dict[tuple[str, str], int]:
        counts: dict[tuple[str, str], int] = {}
        for m in self.mentions:
            counts[(m.article_id, m.surface)] = counts.get((m.article_id, m.surface), 0) + 1
        return counts

    def mention_place(self, article_id: str, surface: str) -> Place | None:
        """The place a surface form resolved to in an article."""
        return self._place_index.get((article_id, surface))

    def sources_of(self, event_id: str) -> list[EventSource]:
        """Supporting quotes of an event."""
        return list(self._sources_index.get(event_id, ()))

    def places_of(self, event_id: str) -> list[tuple[EventPlace, Place | None]]:
        """Places of an event with their resolution (None when unresolved)."""
        return list(self._places_index.get(event_id, ()))

    def measurements_of(self, event_id: str) -> list[SiteMeasurement]:
        """Border distances of an event's sites."""
        return list(self._measurements_index.get(event_id, ()))

    def claims_of(self, event_id: str) -> list[ClaimCheck]:
        """Distance claims about an event's sites."""
        return list(self._claims_index.get(event_id, ()))

    def stated_positions_of(self, event_ids: Iterable[str]) -> list[ClaimCheck]:
        """Claims that state a position (ships, a drill zone: no named site) for these events.

        A claim about no named site is tied to no event, so it goes with the events its
        article is a source of; the one rule the map, its framing and the KML share.
        """
        wanted = set(event_ids)
        articles = {s.article_id for s in self.sources if s.event_id in wanted}
        return [c for c in self.claims if c.stated_position is not None
                and (wanted.intersection(c.event_ids) if c.event_ids
                     else c.article_id in articles)]

    @property
    def unresolved(self) -> list[Mention]:
        """Mentions the geocoder could not resolve (listed, never dropped)."""
        seen: set[tuple[str, str]] = set()
        out = []
        for m in self.mentions:
            if m.place is None and (m.article_id, m.surface) not in seen:
                seen.add((m.article_id, m.surface))
                out.append(m)
        return out

    # ------------------------------------------------------------------ table rows
    # Plain rows (column name -> value); :mod:`geo.render.tables` makes them pandas tables,
    # so that reading a dataset (the app's first map) does not import pandas.
    def event_rows(self) -> list[dict[str, Any]]:
        """One row per event with places, force figures, nearest distances and source count."""
        rows = []
        for e in self.events:
            places = self.places_of(e.id)
            nearest: dict[str, float] = {}
            for m in self.measurements_of(e.id):
                if m.border_iso2 not in nearest or m.distance_km < nearest[m.border_iso2]:
                    nearest[m.border_iso2] = m.distance_km
            start, end = e.date_range
            rows.append({
                "id": e.id, "name": e.name, "category": e.category, "type": e.type,
                "status": e.status, "dates": e.dates_label, "start": start, "end": end,
                "participants": ", ".join(e.participants),
                "places": "; ".join(
                    f"{p.surface} ({p.role})" if place else f"{p.surface} (unresolved)"
                    for p, place in places) or "not stated",
                "force": "; ".join(f"{k}: {v}" for k, v in e.force_figures().items()),
                "nearest_borders": "; ".join(
                    f"{borders.country_name(iso)} {km:.0f} km" for iso, km in nearest.items()),
                "sources": len({s.article_id for s in self.sources_of(e.id)}),
                "quotes": len(self.sources_of(e.id)),
                "review": MACHINE_TAG if e.machine_extracted else "",
            })
        return rows

    def place_rows(self) -> list[dict[str, Any]]:
        """One row per distinct (article, surface) mention with its resolution."""
        rows = []
        seen: set[tuple[str, str]] = set()
        for m in self.mentions:
            key = (m.article_id, m.surface)
            if key in seen:
                continue
            seen.add(key)
            p = m.place
            count = self._mention_counts[key]
            rows.append({
                "article_id": m.article_id, "surface": m.surface, "query": m.query,
                "occurrences": count, "status": "resolved" if p else "unresolved",
                "name": p.name if p else "", "lat": p.lat if p else None,
                "lon": p.lon if p else None, "country_code": p.country_code if p else "",
                "kind": p.kind if p else "", "precision_km": p.precision_km if p else None,
                "source": p.source if p else "", "note": (p.note if p else "") or m.note,
                "candidates": " | ".join(map(str, p.candidates)) if p else "",
            })
        return rows

    def measurement_rows(self) -> list[dict[str, Any]]:
        """One row per (site, border) distance: its fields and its label."""
        return [{**asdict(m), "label": m.label} for m in self.measurements]

    def claim_rows(self) -> list[dict[str, Any]]:
        """Stated vs measured distances with verdicts."""
        rows = []
        for c in self.claims:
            v = c.verdict
            rows.append({
                "article_id": c.article_id, "events": ";".join(c.event_ids),
                "claim": c.claim.text, "sentence": c.sentence, "subject": c.subject_surface,
                "subject_place": c.subject.name if c.subject else "",
                "reference": c.claim.reference_text,
                "reference_iso2": c.reference_iso2,
                "stated_km": round(c.claim.stated_km, 1), "direction": c.claim.direction,
                "computed_km": round(v.computed_km, 1) if v else None,
                "difference_km": round(v.difference_km, 1) if v else None,
                "tolerance_km": round(v.tolerance_km, 1) if v else None,
                "verdict": v.verdict if v else "unchecked",
                "explanation": v.explanation if v else c.problem,
                "stated_lat": c.stated_position.lat if c.stated_position else None,
                "stated_lon": c.stated_position.lon if c.stated_position else None,
                "dataset": self.border_dataset,
            })
        return rows

    def article_rows(self) -> list[dict[str, Any]]:
        """One row per article with its date and how it was established."""
        return [{
            "id": a.id, "file": a.file, "title": a.title,
            "published": a.published_label,
            "published_precision": a.published_precision, "date_basis": a.date_basis,
            "date_reasoning": a.date_reasoning, "characters": len(a.text),
            "dropped_lines": len(a.dropped_lines),
        } for a in self.articles]

    # ------------------------------------------------------------------ GeoJSON
    def to_geojson(self) -> dict[str, Any]:
        """Events as an RFC 7946 FeatureCollection (lon/lat, CCW exteriors).

        One feature per event place; areas (countries, seas) are polygons, not points; an event
        with no resolvable site is a feature with ``"geometry": null`` so it is never dropped.
        """
        features: list[dict[str, Any]] = []
        for e in self.events:
            base = {
                "event_id": e.id, "name": e.name, "category": e.category, "type": e.type,
                "machine_extracted": e.machine_extracted,
                "review": MACHINE_TAG if e.machine_extracted else "",
                "status": e.status, "dates": e.dates_label, "participants": list(e.participants),
                "force": e.force_figures(),
                "sources": [{"article_id": s.article_id, "quote": s.quote}
                            for s in self.sources_of(e.id)],
                "border_dataset": self.border_dataset,
            }
            located = False
            for ep, place in self.places_of(e.id):
                props = {**base, "role": ep.role, "surface": ep.surface}
                if place is None:
                    features.append({"type": "Feature", "geometry": None,
                                     "properties": {**props, "resolved": False}})
                    continue
                located = True
                props.update({
                    "resolved": True, "place": place.name, "kind": place.kind,
                    "country_code": place.country_code, "precision_km": place.precision_km,
                    "place_source": place.source,
                    "distances": [
                        {"border": m.border_iso2, "distance_km": round(m.distance_km, 1),
                         "bearing_deg": round(m.bearing_deg, 1), "label": m.label}
                        for m in self.measurements_of(e.id) if m.surface == ep.surface],
                })
                features.append({"type": "Feature", "geometry": place_geometry(place),
                                 "properties": props})
            if not located and not any(p.event_id == e.id for p in self.event_places):
                features.append({"type": "Feature", "geometry": None,
                                 "properties": {**base, "role": "", "resolved": False,
                                                "surface": "", "note": "site not stated"}})
        return {"type": "FeatureCollection", "features": features}


def _group(items: Iterable[_T], keys: Callable[[_T], Iterable[str]]) -> dict[str, list[_T]]:
    """Items grouped by each of their keys, in their original order."""
    out: dict[str, list[_T]] = {}
    for item in items:
        for key in keys(item):
            out.setdefault(key, []).append(item)
    return out


def _group_by(items: Iterable[_T], keys: Iterable[str]) -> dict[str, list[_T]]:
    """Items grouped by their keys (one each, in the same order), in their original order.

    :func:`_group` for one key per item, without a call per item: a 100,000-event map's
    indices are built in a third of the time.
    """
    out: dict[str, list[_T]] = {}
    for item, key in zip(items, keys, strict=True):
        group = out.get(key)
        if group is None:
            out[key] = [item]
        else:
            group.append(item)
    return out


def place_geometry(place: Place, *, display: bool = False) -> dict[str, Any]:
    """GeoJSON geometry of a place: the area for countries and seas, else a point.

    Polygons follow RFC 7946's right-hand rule (exterior rings counter-clockwise). With
    ``display`` an area is simplified for drawing (:mod:`geo.geometry.display`: 0.03 deg,
    0.001 deg grid); areas are computed once per process either way.
    """
    area_iso2 = (place.raw or {}).get("area_iso2") if place.raw else None
    if area_iso2:
        if display:
            return country_display_geometry(area_iso2)
        return country_geometry_rfc7946(area_iso2)
    if place.geometry:
        if display:
            return polygon_display_geometry(place.geometry)
        return polygon_rfc7946(place.geometry)
    return {"type": "Point", "coordinates": [round(place.lon, 6), round(place.lat, 6)]}


def is_area(place: Place) -> bool:
    """Whether a place is drawn as an area (country, sea, region with a polygon)."""
    return bool((place.raw or {}).get("area_iso2")) or bool(place.geometry)
