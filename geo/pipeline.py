"""Join articles, geocoded places and curated events, measure distances to borders, check claims.

:func:`build_dataset` is the one way the app, the command line and every export get their data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd
from pyproj import Geod

from geo import borders
from geo.articles import Article, load_article_metadata, load_articles
from geo.claims import ClaimVerdict, DistanceClaimText, find_distance_claims, judge_claim
from geo.csvdata import iter_csv_rows
from geo.errors import DataFormatError, GeoError
from geo.events import (
    CuratedMention,
    Event,
    EventPlace,
    EventSource,
    check_evidence,
    load_event_places,
    load_event_sources,
    load_events,
    load_mentions,
)
from geo.geocoding import Place, get_geocoder

__all__ = [
    "ClaimCheck",
    "Dataset",
    "ResolvedMention",
    "SiteMeasurement",
    "build_dataset",
    "check_claims",
    "default_data_dir",
    "default_seeds_dir",
    "load_border_rules",
    "measure_sites",
    "resolve_mentions",
]

_GEOD = Geod(ellps="WGS84")
_PROJECT_ROOT = Path(__file__).resolve().parent.parent


def default_data_dir() -> Path:
    """The bundled ``data/`` folder."""
    return _PROJECT_ROOT / "data"


def default_seeds_dir() -> Path:
    """The bundled ``seeds/`` folder."""
    return _PROJECT_ROOT / "seeds"


@dataclass(frozen=True, slots=True)
class ResolvedMention:
    """One occurrence of a place name in an article and how it was resolved."""

    article_id: str
    surface: str
    query: str
    start: int
    end: int
    sentence: str
    place: Place | None
    kind_hint: str = ""
    note: str = ""

    @property
    def resolved(self) -> bool:
        """Whether the geocoder found a place."""
        return self.place is not None


@dataclass(frozen=True, slots=True)
class SiteMeasurement:
    """Distance from one event site to the nearest point of one country's border."""

    event_id: str
    article_id: str
    surface: str
    place_name: str
    lat: float
    lon: float
    precision_km: float
    border_iso2: str
    border_name: str
    distance_km: float
    bearing_deg: float
    nearest_lat: float
    nearest_lon: float
    inside: bool
    dataset: str = borders.BORDER_DATASET

    @property
    def label(self) -> str:
        """Short label such as ``103 km to Ukraine (NE 10m)``."""
        approx = "~" if self.precision_km >= 5 else ""
        return (f"{approx}{self.distance_km:.0f} km to {self.border_name} "
                f"({borders.BORDER_DATASET_SHORT})")


@dataclass(frozen=True, slots=True)
class ClaimCheck:
    """A distance claim from an article, the site and reference it is about, and the verdict."""

    article_id: str
    sentence: str
    claim: DistanceClaimText
    subject_surface: str
    subject: Place | None
    reference_iso2: str
    reference: Place | None
    verdict: ClaimVerdict | None
    event_ids: tuple[str, ...] = ()
    problem: str = ""

    @property
    def label(self) -> str:
        """``article: ~150 km · measured: 103 km · off by 47 km``."""
        stated = f"{'~' if self.claim.qualifier else ''}{self.claim.stated_km:.0f} km"
        if self.verdict is None:
            return f"article: {stated} · not checked ({self.problem})"
        v = self.verdict
        tail = (f"off by {abs(v.difference_km):.0f} km" if v.verdict == "flagged"
                else "consistent")
        return f"article: {stated} · measured: {v.computed_km:.0f} km · {tail}"


@dataclass
class Dataset:
    """Everything the app and the exports show, built from articles and curated data."""

    articles: list[Article]
    events: list[Event]
    sources: list[EventSource]
    event_places: list[EventPlace]
    mentions: list[ResolvedMention]
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

    def mention_place(self, article_id: str, surface: str) -> Place | None:
        """The place a surface form resolved to in an article."""
        for m in self.mentions:
            if m.article_id == article_id and m.surface == surface and m.place is not None:
                return m.place
        return None

    def sources_of(self, event_id: str) -> list[EventSource]:
        """Supporting quotes of an event."""
        return [s for s in self.sources if s.event_id == event_id]

    def places_of(self, event_id: str) -> list[tuple[EventPlace, Place | None]]:
        """Places of an event with their resolution (None when unresolved)."""
        return [(p, self.mention_place(p.article_id, p.surface))
                for p in self.event_places if p.event_id == event_id]

    def measurements_of(self, event_id: str) -> list[SiteMeasurement]:
        """Border distances of an event's sites."""
        return [m for m in self.measurements if m.event_id == event_id]

    def claims_of(self, event_id: str) -> list[ClaimCheck]:
        """Distance claims about an event's sites."""
        return [c for c in self.claims if event_id in c.event_ids]

    @property
    def unresolved(self) -> list[ResolvedMention]:
        """Mentions the geocoder could not resolve (listed, never dropped)."""
        seen: set[tuple[str, str]] = set()
        out = []
        for m in self.mentions:
            if m.place is None and (m.article_id, m.surface) not in seen:
                seen.add((m.article_id, m.surface))
                out.append(m)
        return out

    # ------------------------------------------------------------------ tables
    def events_frame(self) -> pd.DataFrame:
        """One row per event with places, force figures, nearest distances and source count."""
        rows = []
        for e in self.events:
            places = self.places_of(e.id)
            nearest = {}
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
            })
        return pd.DataFrame(rows)

    def places_frame(self) -> pd.DataFrame:
        """One row per distinct (article, surface) mention with its resolution."""
        rows = []
        seen: set[tuple[str, str]] = set()
        for m in self.mentions:
            key = (m.article_id, m.surface)
            if key in seen:
                continue
            seen.add(key)
            p = m.place
            count = sum(1 for x in self.mentions if (x.article_id, x.surface) == key)
            rows.append({
                "article_id": m.article_id, "surface": m.surface, "query": m.query,
                "occurrences": count, "status": "resolved" if p else "unresolved",
                "name": p.name if p else "", "lat": p.lat if p else None,
                "lon": p.lon if p else None, "country_code": p.country_code if p else "",
                "kind": p.kind if p else "", "precision_km": p.precision_km if p else None,
                "source": p.source if p else "", "note": (p.note if p else "") or m.note,
                "candidates": " | ".join(map(str, p.candidates)) if p else "",
            })
        return pd.DataFrame(rows)

    def measurements_frame(self) -> pd.DataFrame:
        """One row per (site, border) distance."""
        cols = [f for f in SiteMeasurement.__dataclass_fields__]
        return pd.DataFrame([{**asdict(m), "label": m.label} for m in self.measurements],
                            columns=[*cols, "label"])

    def claims_frame(self) -> pd.DataFrame:
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
                "dataset": self.border_dataset,
            })
        return pd.DataFrame(rows, columns=[
            "article_id", "events", "claim", "sentence", "subject", "subject_place",
            "reference", "reference_iso2", "stated_km", "direction", "computed_km",
            "difference_km", "tolerance_km", "verdict", "explanation", "dataset"])

    def articles_frame(self) -> pd.DataFrame:
        """One row per article with its date and how it was established."""
        return pd.DataFrame([{
            "id": a.id, "file": a.file, "title": a.title,
            "published": a.published_label,
            "published_precision": a.published_precision, "date_basis": a.date_basis,
            "date_reasoning": a.date_reasoning, "characters": len(a.text),
            "dropped_lines": len(a.dropped_lines),
        } for a in self.articles])

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


def place_geometry(place: Place) -> dict[str, Any]:
    """GeoJSON geometry of a place: the area for countries and seas, else a point.

    Polygons follow RFC 7946's right-hand rule (exterior rings counter-clockwise).
    """
    from shapely import geometry as sg
    from shapely.geometry.polygon import orient

    area_iso2 = (place.raw or {}).get("area_iso2") if place.raw else None
    if area_iso2:
        geometry = borders.country_geojson(area_iso2)["geometry"]
    elif place.geometry:
        geometry = place.geometry
    else:
        return {"type": "Point", "coordinates": [round(place.lon, 6), round(place.lat, 6)]}
    shape = sg.shape(geometry)
    if shape.geom_type == "Polygon":
        shape = orient(shape, sign=1.0)
    elif shape.geom_type == "MultiPolygon":
        shape = sg.MultiPolygon([orient(p, sign=1.0) for p in shape.geoms])
    return sg.mapping(shape)


def is_area(place: Place) -> bool:
    """Whether a place is drawn as an area (country, sea, region with a polygon)."""
    return bool((place.raw or {}).get("area_iso2")) or bool(place.geometry)


def load_border_rules(path: str | Path) -> dict[str, list[str]]:
    """Read ``border_rules.csv``: which borders to measure for sites in which country."""
    path = Path(path)
    rules: dict[str, list[str]] = {}
    for line, row in iter_csv_rows(path, ("site_country", "border_iso2", "reason")):
        site, border = row["site_country"], row["border_iso2"]
        if not (re.fullmatch(r"[A-Z]{2}", site) and re.fullmatch(r"[A-Z]{2}", border)):
            raise DataFormatError("site_country and border_iso2 must be ISO2 codes",
                                  path=path, line=line)
        rules.setdefault(site, []).append(border)
    return rules


def _spans(text: str, surface: str) -> list[tuple[int, int]]:
    pattern = re.compile(r"(?<!\w)" + re.escape(surface) + r"(?!\w)")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def resolve_mentions(
    articles: Sequence[Article],
    curated: Sequence[CuratedMention],
    geocoder: Any,
) -> list[ResolvedMention]:
    """Geocode every curated mention occurrence, biased to the countries its article names.

    Countries are resolved first; their codes then steer ambiguous names ("St. Petersburg" in
    an article about Russia and Belarus is the Russian city).
    """
    by_article: dict[str, list[CuratedMention]] = {}
    for m in curated:
        by_article.setdefault(m.article_id, []).append(m)
    out: list[ResolvedMention] = []
    for article in articles:
        items = by_article.get(article.id, [])
        resolved: dict[str, Place | None] = {}
        countries: list[str] = []
        for m in sorted(items, key=lambda m: m.kind_hint != "country"):
            place = geocoder.geocode(m.query, exactly_one=True, country_bias=tuple(countries),
                                     kind_hint=m.kind_hint or None)
            resolved[m.surface] = place
            if place is not None and place.kind == "country" and place.country_code:
                countries.append(place.country_code)
        for m in items:
            for start, end in _spans(article.text, m.surface):
                out.append(ResolvedMention(
                    article_id=article.id, surface=m.surface, query=m.query, start=start,
                    end=end, sentence=article.sentence_at(start), place=resolved[m.surface],
                    kind_hint=m.kind_hint, note=m.note,
                ))
    out.sort(key=lambda r: (r.article_id, r.start))
    return out


def measure_sites(
    events: Sequence[Event] | None,
    event_places: Sequence[EventPlace],
    place_of: Mapping[tuple[str, str], Place | None],
    rules: Mapping[str, Sequence[str]],
    extra_borders: Sequence[str] = (),
) -> list[SiteMeasurement]:
    """Distances from every resolved point site to the borders its country's rules name.

    ``place_of`` maps ``(article_id, surface)`` to the place; areas and unresolved places are
    not measured; ``events=None`` measures the places of every event. Used by
    :func:`build_dataset`, by ingest for a new article and by :mod:`geo.storeview` when a place
    correction moves a site, so all measure the same way.
    """
    event_ids = None if events is None else {e.id for e in events}
    out: list[SiteMeasurement] = []
    for ep in event_places:
        place = place_of.get((ep.article_id, ep.surface))
        if event_ids is not None and ep.event_id not in event_ids:
            continue
        if ep.role != "site" or place is None or is_area(place):
            continue
        site_country = borders.country_at(place.lat, place.lon) or place.country_code
        targets = list(dict.fromkeys([*rules.get(site_country or "", ()), *extra_borders]))
        for iso2 in targets:
            d = borders.border_distance_one(place.lat, place.lon, iso2)
            out.append(SiteMeasurement(
                event_id=ep.event_id, article_id=ep.article_id, surface=ep.surface,
                place_name=place.name, lat=place.lat, lon=place.lon,
                precision_km=place.precision_km, border_iso2=iso2,
                border_name=borders.country_name(iso2), distance_km=d.distance_km,
                bearing_deg=d.bearing_deg, nearest_lat=d.nearest_lat,
                nearest_lon=d.nearest_lon, inside=d.inside,
            ))
    return out


def check_claims(
    articles: Sequence[Article],
    mentions: Sequence[ResolvedMention],
    event_places: Sequence[EventPlace],
    geocoder: Any,
) -> list[ClaimCheck]:
    """Find the distance claims of each article and check them against measured distances.

    The subject of a claim is the nearest resolved, non-area mention before it in its
    sentence; the reference is a country border or a place. Used by :func:`build_dataset` and
    by :mod:`geo.ingest` for new articles, so both judge claims the same way.
    """
    checks: list[ClaimCheck] = []
    for article in articles:
        for claim in find_distance_claims(article.text):
            sentence = article.sentence_at(claim.start)
            sentence_start = article.text.find(sentence) if sentence else claim.start
            # Subject: the nearest resolved, non-country mention before the claim in its sentence.
            candidates = [m for m in mentions if m.article_id == article.id and m.place
                          and sentence_start <= m.start < claim.start
                          and not is_area(m.place)]
            subject = candidates[-1] if candidates else None
            ref_place = None
            ref_iso2 = ""
            problem = ""
            if claim.reference_name:
                ref_place = geocoder.geocode(claim.reference_name, exactly_one=True,
                                             kind_hint="country" if claim.reference_is_border
                                             else None)
            if claim.reference_is_border:
                ref_iso2 = ((ref_place.raw or {}).get("area_iso2", "") if ref_place else "")
                if not ref_iso2:
                    problem = f"border {claim.reference_text!r} not identified"
            elif ref_place is None:
                problem = f"reference {claim.reference_text!r} not resolved"
            if subject is None:
                problem = problem or "no resolved site named before the distance"
            verdict = None
            if not problem and subject is not None and subject.place is not None:
                site = subject.place
                if claim.reference_is_border:
                    d = borders.border_distance_one(site.lat, site.lon, ref_iso2)
                    computed, bearing = d.distance_km, d.bearing_deg
                else:
                    assert ref_place is not None
                    az, _, metres = _GEOD.inv(site.lon, site.lat, ref_place.lon, ref_place.lat)
                    computed, bearing = metres / 1000.0, az % 360.0
                verdict = judge_claim(claim, computed, site_precision_km=site.precision_km,
                                      bearing_site_to_reference_deg=bearing)
            event_ids = tuple(sorted({
                ep.event_id for ep in event_places
                if subject and ep.article_id == article.id and ep.surface == subject.surface}))
            checks.append(ClaimCheck(
                article_id=article.id, sentence=sentence, claim=claim,
                subject_surface=subject.surface if subject else "",
                subject=subject.place if subject else None, reference_iso2=ref_iso2,
                reference=ref_place, verdict=verdict, event_ids=event_ids, problem=problem,
            ))
    return checks


_check_claims = check_claims  # former private name, kept for callers that still use it
_measure_sites = measure_sites  # likewise


def build_dataset(
    *,
    seeds_dir: str | Path | None = None,
    data_dir: str | Path | None = None,
    extra_articles: Iterable[str | Path] = (),
    geocoder: Any = None,
    extra_borders: Sequence[str] = (),
) -> Dataset:
    """Load articles and curated data, geocode, measure and check claims.

    Problems that do not stop the build (an unreadable article, a quote not found) are collected
    in :attr:`Dataset.problems`; a malformed curated file raises :class:`DataFormatError`.
    """
    seeds_dir = Path(seeds_dir) if seeds_dir is not None else default_seeds_dir()
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    geocoder = geocoder if geocoder is not None else get_geocoder("offline")
    for iso2 in extra_borders:
        borders.country_name(iso2)  # raises UnknownCountryError early, with a clear message

    metadata = load_article_metadata(data_dir / "articles.csv")
    files = [*sorted(seeds_dir.glob("*.txt")), *map(Path, extra_articles)]
    root = seeds_dir.parent
    articles, problems = load_articles(files, metadata=metadata, root=root)
    events = load_events(data_dir / "events.csv")
    sources = load_event_sources(data_dir / "event_sources.csv")
    event_places = load_event_places(data_dir / "event_places.csv")
    curated = load_mentions(data_dir / "mentions.csv")
    rules = load_border_rules(data_dir / "border_rules.csv")
    problems += check_evidence(articles, events, sources, event_places, curated,
                               data_dir=data_dir)

    mentions = resolve_mentions(articles, curated, geocoder)
    place_of = {(m.article_id, m.surface): m.place for m in mentions}
    measurements = measure_sites(events, event_places, place_of, rules, extra_borders)
    try:
        claims = check_claims(articles, mentions, event_places, geocoder)
    except GeoError as exc:  # keep the rest of the dataset usable
        problems.append(f"claims: {exc}")
        claims = []
    return Dataset(articles=articles, events=events, sources=sources,
                   event_places=event_places, mentions=mentions, measurements=measurements,
                   claims=claims, problems=problems)
