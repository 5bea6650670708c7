"""Join articles, geocoded places and events, measure distances to borders, check claims."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from pyproj import Geod

from geo.analysis.claims import judge_claim, place_at_stated_position, stated_position
from geo.errors import GeoError
from geo.extract.claims import find_distance_claims
from geo.geocoders.registry import curated_geocoder
from geo.geometry import borders
from geo.geometry.geodesic import distance_to_line_km
from geo.inputs.articles import load_article_metadata, load_articles
from geo.inputs.curated import (
    CuratedPlaceName,
    check_evidence,
    load_border_rules,
    load_event_places,
    load_event_sources,
    load_events,
    load_mentions,
    load_reference_lines,
)
from geo.model.article import Article
from geo.model.claim import ClaimCheck, ClaimVerdict, DistanceClaimText, ReferenceLine
from geo.model.dataset import Dataset, is_area
from geo.model.event import Event, EventPlace
from geo.model.kinds import PlaceRole, Verdict
from geo.model.measurement import SiteMeasurement
from geo.model.mention import Mention
from geo.model.place import Place
from geo.settings import default_data_dir, default_seeds_dir, lines_path

__all__ = ["build_dataset", "check_claims", "measure_sites", "place_by_claims", "resolve_mentions"]


_GEOD = Geod(ellps="WGS84")


def _spans(text: str, surface: str) -> list[tuple[int, int]]:
    pattern = re.compile(r"(?<!\w)" + re.escape(surface) + r"(?!\w)")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def resolve_mentions(
    articles: Sequence[Article],
    curated: Sequence[CuratedPlaceName],
    geocoder: Any,
) -> list[Mention]:
    """Geocode every curated mention occurrence, biased to the countries its article names.

    Countries are resolved first; their codes then steer ambiguous names ("St. Petersburg" in
    an article about Russia and Belarus is the Russian city).
    """
    by_article: dict[str, list[CuratedPlaceName]] = {}
    for m in curated:
        by_article.setdefault(m.article_id, []).append(m)
    out: list[Mention] = []
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
                out.append(Mention(
                    article_id=article.id, surface=m.surface, query=m.query, start=start,
                    end=end, sentence=article.sentence_at(start), place=resolved[m.surface],
                    kind_hint=m.kind_hint, note=m.note, origin="curated",
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
    :func:`build_dataset`, by ingest for a new article and by :mod:`geo.store.reading` when a place
    correction moves a site, so all measure the same way.
    """
    event_ids = None if events is None else {e.id for e in events}
    out: list[SiteMeasurement] = []
    for ep in event_places:
        place = place_of.get((ep.article_id, ep.surface))
        if event_ids is not None and ep.event_id not in event_ids:
            continue
        if ep.role != PlaceRole.SITE or place is None or is_area(place):
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


#: A claim's site must be known within this (km): a region or a sea ("southern Belarus",
#: "the Gulf of Finland") located by a point hundreds of km wide checks nothing.
_SUBJECT_PRECISION_KM = 50.0


def _claim_subject(article: Article, mentions: Sequence[Mention], claim_start: int,
                   claim_end: int | None = None) -> Mention | None:
    """The site a claim is about: the last resolved, non-area mention before it in its
    sentence; else one a locative phrase right after it names ("The drills are taking place
    some 100 km from the Lithuanian border, near Grodno"); else the last such mention in the
    sentence before that names where something happens ("near Baranovichi ... The exercise,
    held about 150 km from the Polish border").
    A place standing for its government ("Moscow said"), a possessive ("a shift in
    Canberra's strategy"), or one known only to within more than
    :data:`_SUBJECT_PRECISION_KM`, is never a site."""
    spans = article.sentences
    here = next((i for i, (s, e, _) in enumerate(spans) if s <= claim_start < e), None)
    if here is None:
        return None
    def sites(lo: int, hi: int, *, locative: bool) -> list[Mention]:
        return [m for m in mentions if m.article_id == article.id and m.place is not None
                and lo <= m.start < hi and not is_area(m.place)
                and m.place.precision_km <= _SUBJECT_PRECISION_KM
                and not m.metonym and (m.locative or not locative)
                and not _POSSESSIVE_AFTER.match(article.text, m.end)]

    start, end, _ = spans[here]
    found = sites(start, min(end, claim_start), locative=False)
    if found:
        return found[-1]
    if claim_end is not None:  # "... some 100 km from the Lithuanian border, near Grodno"
        after = sites(claim_end, end, locative=True)
        gap_start = claim_end  # a dash the claim's reference took in ("border -") belongs here
        while gap_start > claim_start and article.text[gap_start - 1] in " -–—":
            gap_start -= 1
        if after and _SITE_AFTER.fullmatch(article.text, gap_start, after[0].start):
            return after[0]
    if here > 0:
        start, end, _ = spans[here - 1]
        found = sites(start, end, locative=True)
        if found:
            return found[-1]
    return None


#: A possessive after a name ("a shift in Canberra's strategy"): the name owns something
#: (a government, a ship, a plan) and places nothing.
_POSSESSIVE_AFTER = re.compile(r"['’]s?\b")


#: What may stand between a distance and the place it is about when the place comes after
#: it: a comma (or a dash) and a locative preposition ("..., near Grodno", "... - at the X").
#: Without the comma the place belongs to the reference ("100 km off Taiwan's east coast
#: near Hualien": the coast is near Hualien, the ships are not).
_SITE_AFTER = re.compile(r"\s*[,–—-]\s*(?:near|in|at|outside|around|close\s+to|next\s+to)\s+"
                         r"(?:the\s+)?(?:(?:town|city|village|port|base|area|region)\s+of\s+)?")


#: Last words of a coast's owner that point back to a country named before ("the island's
#: coast", "the self-ruled island's coast", "the country's coast").
_COAST_ANAPHORA = frozenset(("island", "country", "mainland", "peninsula", "nation",
                             "archipelago", "state"))


def _coast_country(article: Article, mentions: Sequence[Mention], name: str, claim_start: int,
                   geocoder: Any) -> str:
    """ISO2 of the country whose coast a claim names ("Taiwan's coast", "the coast of
    Kaohsiung"). For "the island's coast" and the like, a country the article names before
    the claim: the last one that is an island (no land border) when the words say island,
    else the last one."""
    words = name.split()
    anaphoric = not words or (words[-1].lower() in _COAST_ANAPHORA
                              and not any(w[:1].isupper() for w in words))
    if not anaphoric:
        # the coast of a city or region ("off the coast of Kaohsiung", "of Crimea") is its
        # country's coast there: the outline is the same line
        place = geocoder.geocode(name, exactly_one=True, kind_hint="country")
        if place is None:
            return ""
        return str((place.raw or {}).get("area_iso2", "") or place.country_code or "")
    before = [str((m.place.raw or {})["area_iso2"]) for m in mentions
              if m.article_id == article.id and m.place is not None and m.start < claim_start
              and (m.place.raw or {}).get("area_iso2")]
    if any(w.lower() in ("island", "archipelago") for w in words):
        islands = [iso2 for iso2 in before if not borders.has_land_border(iso2)]
        before = islands or before
    return before[-1] if before else ""


def _find_lines(lines: Sequence[ReferenceLine], name: str) -> list[ReferenceLine]:
    """The lines a name refers to: equal to a name or alias, else one it ends with ("the
    Taiwan Strait median line" -> "median line"); every part of a line drawn in several rows
    ("Line of Actual Control" and its eastern sector)."""
    wanted = " ".join(name.lower().split())

    def names(line: ReferenceLine) -> list[str]:
        return [" ".join(n.lower().split()) for n in line.names()]

    exact = [line for line in lines if wanted in names(line)]
    if not exact:
        exact = [line for line in lines if any(wanted.endswith(n) for n in names(line))]
    heads = {line.name for line in exact}
    return [line for line in lines
            if line in exact or any(line.name.startswith(h + " (") for h in heads)]


@cache
def bundled_reference_lines() -> tuple[ReferenceLine, ...]:
    """The bundled ``lines.csv``, read once."""
    return tuple(load_reference_lines(lines_path()))


@dataclass(frozen=True, slots=True)
class _Reference:
    """What one claim is measured to, once resolved: a country's border or coast (``iso2``),
    curated lines, or a place; ``problem`` says why it could not be resolved."""

    kind: str
    iso2: str = ""
    lines: tuple[ReferenceLine, ...] = ()
    place: Place | None = None
    problem: str = ""


def _claim_reference(article: Article, mentions: Sequence[Mention], claim: DistanceClaimText,
                     geocoder: Any, lines: Sequence[ReferenceLine], site: Place | None
                     ) -> _Reference:
    """Resolve what a claim about ``site`` is measured to, by its wording (see
    :func:`check_claims`)."""
    kind = claim.reference_kind or ("border" if claim.reference_is_border else "point")
    if kind == "border":
        place = (_border_country(claim.reference_name, site, geocoder) if claim.reference_name
                 else _nearest_named_border(article, mentions, site))
        iso2 = str((place.raw or {}).get("area_iso2", "")) if place is not None else ""
        return _Reference(kind, iso2=iso2, place=place,
                          problem="" if iso2 else f"border {claim.reference_text!r} not identified")
    if kind == "coast":
        iso2 = _coast_country(article, mentions, claim.reference_name, claim.start, geocoder)
        return _Reference(kind, iso2=iso2,
                          problem="" if iso2 else f"coast {claim.reference_text!r} not identified")
    if kind == "line":
        found = tuple(_find_lines(lines, claim.reference_name))
        missing = f"line {claim.reference_text!r} not in lines.csv"
        return _Reference(kind, lines=found, problem="" if found else missing)
    if not claim.reference_name:  # "Nenton, about 35km to the north": the reference is implied
        return _Reference(kind, problem="the distance names no reference")
    if _REGION_OF.search(claim.reference_text):
        return _Reference(kind, problem=f"reference {claim.reference_text!r} is a region: "
                          "the distance to its edge is not measured")
    if claim.reference_name.lower() in ("capital", "the capital"):
        place = _the_capital(article, mentions, claim.start, site, geocoder)
    else:
        place = (_place_read_in_reference(article, mentions, claim)
                 or geocoder.geocode(claim.reference_name, exactly_one=True))
    country = str((place.raw or {}).get("area_iso2", "")) if place is not None else ""
    if country:  # "75 kilometers southeast of India": the distance to a country is to its border
        return _Reference("border", iso2=country, place=place)
    return _Reference(kind, place=place,
                      problem="" if place is not None
                      else f"reference {claim.reference_text!r} not resolved")


def _place_read_in_reference(article: Article, mentions: Sequence[Mention],
                             claim: DistanceClaimText) -> Place | None:
    """The place the article's own reading found as a claim's whole reference ("Japan's
    Okushiri island"): the reference is measured to the place the map shows, read with the
    article's context, not to a fresh lookup of the words. Only a mention spanning the whole
    name: "Kerry" in "Kerry Head" is another place."""
    name = claim.reference_name.lower()
    inside = [m for m in mentions if m.article_id == article.id and m.place is not None
              and claim.start <= m.start and m.end <= claim.end and not m.metonym
              and m.surface.lower() == name]
    return inside[-1].place if inside else None


#: A reference that is a region, not a point ("the Russian exclave of Kaliningrad", "the
#: province of Idlib"): a point for it would turn a distance to its edge into a false flag.
_REGION_OF = re.compile(r"\b(?:exclave|enclave|region|oblast|province|krai|governorate|"
                        r"prefecture|territory|state)\s+of\b", re.IGNORECASE)


def _nearest_named_border(article: Article, mentions: Sequence[Mention], site: Place | None
                          ) -> Place | None:
    """"Some 30 km from the border" names no country: the border meant is the nearest one,
    from the site, of the countries the article names (not the site's own, not an island
    country); None when the site is unknown or the article names no other country."""
    if site is None or not site.country_code:
        return None
    known = set(borders.country_codes())
    named: dict[str, Place] = {}
    for m in mentions:
        if m.article_id != article.id or m.place is None:
            continue
        iso2 = str((m.place.raw or {}).get("area_iso2", ""))
        if (iso2 and iso2 != site.country_code and iso2 not in named and iso2 in known
                and borders.has_land_border(iso2)):
            named[iso2] = m.place
    if not named:
        return None
    nearest = min(named, key=lambda c: borders.border_distance_one(site.lat, site.lon,
                                                                   c).distance_km)
    return named[nearest]


#: Words joining the two countries of a shared border ("the Russia-Ukraine border", "the
#: border between Belarus and Poland").
_BORDER_PAIR = re.compile(r"\s*(?:-|–|/|\band\b)\s*")


def _border_country(name: str, site: Place | None, geocoder: Any) -> Place | None:
    """The country whose border a claim measures to. A border shared by two countries ("the
    Russian-Ukrainian border", "the inter-Korean border") is the other country's, seen
    from the site (from a Russian site, Ukraine's outline): the nearest point of it lies on
    the shared border. A hyphenated country ("Guinea-Bissau") is tried whole first."""
    if not name:
        return None
    whole: Place | None = geocoder.geocode(name, exactly_one=True, kind_hint="country")
    if whole is not None and (whole.raw or {}).get("area_iso2"):
        return whole
    if name.lower() in ("inter-korean", "intra-korean"):
        parts = ["North Korea", "South Korea"]
    else:
        parts = [p for p in _BORDER_PAIR.split(name) if p]
    if len(parts) != 2:
        return whole
    countries: list[Place | None] = [geocoder.geocode(p, exactly_one=True, kind_hint="country")
                                     for p in parts]
    found = [c for c in countries if c is not None and (c.raw or {}).get("area_iso2")]
    if len(found) != 2:
        return whole
    home = site.country_code if site is not None else ""
    others = [c for c in found if (c.raw or {}).get("area_iso2") != home]
    return others[0] if len(others) == 1 else found[-1]


def _the_capital(article: Article, mentions: Sequence[Mention], claim_start: int,
                 site: Place | None, geocoder: Any) -> Place | None:
    """"About 100 km from the capital": the capital of the country the claim's site lies in,
    else of the last country the article names before the claim (GeoNames' capital)."""
    country: Place | None = None
    if site is not None and site.country_code:
        country = geocoder.geocode(borders.country_name(site.country_code), exactly_one=True,
                                   kind_hint="country")
    if country is None or not (country.raw or {}).get("capital"):
        country = next((m.place for m in reversed(mentions)
                        if m.article_id == article.id and m.start < claim_start
                        and m.place is not None and (m.place.raw or {}).get("area_iso2")
                        and (m.place.raw or {}).get("capital")), None)
    if country is None or not (country.raw or {}).get("capital"):
        return None
    iso2 = str((country.raw or {}).get("area_iso2", ""))
    place: Place | None = geocoder.geocode(str((country.raw or {})["capital"]),
                                           exactly_one=True, country_bias=(iso2,))
    return place


def _measure(claim: DistanceClaimText, site: Place, reference: _Reference) -> ClaimVerdict:
    """Judge a claim for one site against its resolved reference; the verdict says what it was
    measured against."""
    if reference.kind in ("border", "coast"):
        d = borders.border_distance_one(site.lat, site.lon, reference.iso2)
        computed, bearing = d.distance_km, d.bearing_deg
        against = (f"{'the border' if reference.kind == 'border' else 'the coast'} of "
                   f"{borders.country_name(reference.iso2)} "
                   f"({borders.BORDER_DATASET_SHORT}"
                   + (": its outline" if reference.kind == "coast" else "") + ")")
    elif reference.lines:
        computed, bearing, line = min(
            ((*distance_to_line_km(site.lat, site.lon, ln.points)[:2], ln)
             for ln in reference.lines), key=lambda t: t[0])
        against = f"the {line.name} (lines.csv: {line.source})"
    else:
        assert reference.place is not None
        az, _, metres = _GEOD.inv(site.lon, site.lat, reference.place.lon, reference.place.lat)
        computed, bearing = metres / 1000.0, az % 360.0
        against = f"{reference.place.name} ({reference.place.source})"
    verdict = judge_claim(claim, computed, site_precision_km=site.precision_km,
                          bearing_site_to_reference_deg=bearing)
    return replace(verdict, explanation=f"{verdict.explanation}; measured from "
                   f"{site.name} to {against}")


def check_claims(
    articles: Sequence[Article],
    mentions: Sequence[Mention],
    event_places: Sequence[EventPlace],
    geocoder: Any,
    *,
    lines: Sequence[ReferenceLine] | None = None,
) -> list[ClaimCheck]:
    """Find the distance claims of each article and check them against measured distances.

    The subject of a claim is the nearest resolved, non-area mention before it in its
    sentence (else in the sentence before). What it is measured to depends on the wording:
    a country's border (exact geodesic distance to its outline), a country's coast (its
    outline: exact for island countries), a curated line (``lines.csv``: the DMZ, the
    Northern Limit Line, a median line), or a place (point to point). Every verdict says what
    it was measured against. Used by :func:`build_dataset` and by ingest, so both judge
    claims the same way.
    """
    lines = bundled_reference_lines() if lines is None else lines
    checks: list[ClaimCheck] = []
    for article in articles:
        for claim in find_distance_claims(article.text):
            placed = _placed_by(article, mentions, claim)
            subject = placed or _claim_subject(article, mentions, claim.start, claim.end)
            reference = _claim_reference(article, mentions, claim, geocoder, lines,
                                         subject.place if subject else None)
            problem = reference.problem
            position = None
            if placed is not None and reference.place is not None:
                position = stated_position(claim, reference.place)
                problem = problem or (f"{placed.surface} has no coordinate but this distance: "
                                      "it is placed by it, so the distance checks nothing")
            elif subject is None:
                if reference.kind == "point" and reference.place is not None:
                    position = stated_position(claim, reference.place)
                problem = problem or ("no resolved site named before the distance"
                                      + (f"; the position it states: {position.description}"
                                         if position else ""))
            if reference.kind != claim.reference_kind:  # a country named as a point
                claim = replace(claim, reference_kind=reference.kind,
                                reference_is_border=reference.kind == "border")
            verdict = None
            if not problem and subject is not None and subject.place is not None:
                verdict = _measure(claim, subject.place, reference)
            event_ids = tuple(sorted({
                ep.event_id for ep in event_places
                if subject and ep.article_id == article.id and ep.surface == subject.surface}))
            checks.append(ClaimCheck(
                article_id=article.id, sentence=article.sentence_at(claim.start), claim=claim,
                subject_surface=subject.surface if subject else "",
                subject=subject.place if subject else None, reference_iso2=reference.iso2,
                reference=reference.place,
                verdict=verdict, event_ids=event_ids, problem=problem,
                stated_position=position,
            ))
    return checks


#: How far (km) a namesake must lie from the place first chosen to count as another place.
_NAMESAKE_APART_KM = 50.0


#: Words that may stand between a place and the distance that places it when they only
#: describe the place ("Five Hills training center, some 50 km southwest of ...", "Tanna
#: island has a population of about 30,000 people and is about 125 miles south of ..."):
#: articles, copulas, "located", kinds of place and the words of a population figure. Any
#: other word (a verb such as "fell" or "fired", a new name) starts another statement.
_DESCRIBING_WORDS = frozenset((
    "a", "an", "the", "of", "and", "is", "was", "are", "were", "be", "lies", "lay", "lying",
    "sits", "sitting", "stands", "located", "situated", "which", "that", "it", "its",
    "has", "had", "with", "population", "inhabitants", "residents", "people", "some", "about",
    "around", "roughly", "approximately", "nearly", "almost", "just", "only", "small",
    "remote", "tiny", "little", "coastal", "mountain", "mountainous", "border", "frontier",
    "village", "hamlet", "settlement", "town", "township", "city", "island", "islet", "atoll",
    "base", "airbase", "airfield", "air", "naval", "military", "training", "center", "centre",
    "ground", "grounds", "range", "area", "camp", "site", "district", "county", "port",
    "harbour", "harbor", "bay", "cape", "peninsula", "mountains", "hill", "hills", "river",
    "valley", "lake", "station", "outpost", "post", "complex", "facility",
))

_GAP_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*")

#: Beyond this (km) a stated distance places nothing: the sector it allows is too wide.
_PLACING_KM_MAX = 300.0


def _described_site(article: Article, mentions: Sequence[Mention], claim: DistanceClaimText
                    ) -> Mention | None:
    """The unresolved place a claim describes: the last place named before the claim in its
    sentence, with only words describing it in between (:data:`_DESCRIBING_WORDS`)."""
    spans = article.sentences
    here = next((s for s, e, _ in spans if s <= claim.start < e), None)
    if here is None:
        return None
    before = [m for m in mentions if m.article_id == article.id
              and here <= m.start and m.end <= claim.start]
    if not before:
        return None
    last = max(before, key=lambda m: m.end)
    if last.place is not None or last.metonym:
        return None
    gap = article.text[last.end:claim.start]
    if re.search(r"[.;:!?\"“”]", gap):
        return None
    words = _GAP_WORD.findall(gap)
    if len(words) > 12 or any(not w[0].isdigit() and w.lower() not in _DESCRIBING_WORDS
                              for w in words):
        return None
    return last


#: Kinds of place a describing word names ("the village of X", "X training center").
_KIND_WORDS = {
    "village": "village", "hamlet": "village", "settlement": "village", "town": "town",
    "township": "town", "city": "city", "island": "island", "islet": "island",
    "atoll": "island", "district": "district", "county": "district", "base": "military area",
    "airbase": "military area", "airfield": "military area", "camp": "military area",
    "outpost": "military area", "range": "training ground", "ground": "training ground",
    "grounds": "training ground", "center": "training ground", "centre": "training ground",
}


def _described_kind(text: str, site: Mention, claim: DistanceClaimText) -> str:
    """The kind of place the words around a described site name: the noun before it ("the
    village of X") or the first noun after it ("X training center, ..."); "" if none."""
    before = re.search(r"\b([a-z]+)\s+of\s+(?:the\s+)?$", text[max(0, site.start - 30):site.start])
    after = [w.lower() for w in _GAP_WORD.findall(text[site.end:claim.start])][:2]
    for word in ([before.group(1)] if before else []) + after:
        if word in _KIND_WORDS:
            return _KIND_WORDS[word]
    return site.kind_hint


def _placed_by(article: Article, mentions: Sequence[Mention], claim: DistanceClaimText
               ) -> Mention | None:
    """The mention this claim placed (:func:`_place_described_sites`), if any: its site,
    which the claim cannot check."""
    return next((m for m in mentions if m.article_id == article.id and m.place is not None
                 and m.end <= claim.start and m.place.raw.get("stated_by") == claim.text
                 and claim.start - m.end < 200), None)


def _place_described_sites(article: Article, mentions: list[Mention], geocoder: Any,
                           lines: Sequence[ReferenceLine]) -> list[Mention]:
    """Put places with no coordinate where their article's stated distance puts them."""
    out = mentions
    for claim in find_distance_claims(article.text):
        if claim.stated_km > _PLACING_KM_MAX:
            continue
        site = _described_site(article, out, claim)
        if site is None:
            continue
        reference = _claim_reference(article, out, claim, geocoder, lines, None)
        if reference.kind != "point" or reference.place is None or reference.problem:
            continue
        position = stated_position(claim, reference.place)
        if position is None:
            continue
        place = place_at_stated_position(position, name=site.surface, query=site.query,
                                         claim_text=claim.text,
                                         kind=_described_kind(article.text, site, claim))
        out = [replace(m, place=place, note=f"{m.note + '; ' if m.note else ''}{place.note}")
               if m.query == site.query and m.place is None else m for m in out]
    return out


def place_by_claims(article: Article, mentions: Sequence[Mention], geocoder: Any, *,
                    lines: Sequence[ReferenceLine] | None = None) -> list[Mention]:
    """Place what the article places by a stated distance.

    A place with no coordinate of its own that a distance describes ("the village of X,
    about 30 km north of Y") is put at the position stated, with the area the wording
    allows as its precision (:func:`place_at_stated_position`).

    And namesakes are chosen by it: "the coastal county of Goseong, some 160 kilometers
    northeast of Seoul" names one of two Korean Goseongs: when the place first chosen for a
    claim's subject contradicts the stated distance (and direction) and a namesake of the
    same name agrees with it, every mention of that name is moved to the namesake, with a
    note saying why. Analyst corrections and curated places are never moved.
    """
    lines = bundled_reference_lines() if lines is None else lines
    out = _place_described_sites(article, list(mentions), geocoder, lines)
    for claim in find_distance_claims(article.text):
        if _placed_by(article, out, claim) is not None:
            continue
        subject = _claim_subject(article, out, claim.start, claim.end)
        if (subject is None or subject.place is None
                or subject.origin in ("correction", "curated")):
            continue
        reference = _claim_reference(article, out, claim, geocoder, lines, subject.place)
        if reference.problem:
            continue
        first = subject.place
        if _measure(claim, first, reference).verdict is not Verdict.FLAGGED:
            continue
        options = geocoder.geocode(subject.query, exactly_one=False) or []
        agreeing = [
            p for p in options
            if not is_area(p) and p.precision_km <= _SUBJECT_PRECISION_KM
            and _GEOD.inv(first.lon, first.lat, p.lon, p.lat)[2] / 1000.0
            > _NAMESAKE_APART_KM and _measure(claim, p, reference).verdict is Verdict.CONSISTENT]
        if not agreeing:
            continue
        chosen = agreeing[0]
        note = (f"placed by the stated distance ({claim.text!r}): {chosen.name} agrees with it, "
                f"{first.name} ({first.source}) does not")
        out = [replace(m, place=chosen, note=f"{m.note + '; ' if m.note else ''}{note}")
               if m.query == subject.query and m.place == first else m for m in out]
    return out


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
    geocoder = geocoder if geocoder is not None else curated_geocoder(data_dir)
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
