"""Measure how well drillmap reads real articles: the ingest pipeline against the gold corpus.

Each article's text goes through :func:`geo.services.ingest.ingest_text` exactly as an
analyst's paste does (with the article's ``published`` string, into an empty, unseeded
in-memory database; one offline geocoder shared by all articles). Spans of the result refer
to the ingested (cleaned) text, so gold strings are looked up in that text.

Matching rules
--------------
Normalised surface
    NFKC, apostrophes (``' ’ ‘ ` ´ ʼ``) removed, whitespace collapsed, case folded:
    ``"Russia’s  Far East"`` == ``"russias far east"``.
Occurrence
    Where a gold string stands in the text: the same words, any run of whitespace between
    them, not inside a longer word ("Ulan" does not occur in "Ulanbaatar").
Place mentions
    The predictions of an article are its distinct normalised mention surfaces (resolved or
    not). Predictions and gold places are paired one to one: first every prediction whose
    normalised surface equals a gold place's; then a remaining prediction with a remaining gold
    place when one of its spans overlaps an occurrence of the gold surface ("Pskov" inside
    "Pskov region"). Precision = paired predictions / predictions; recall = paired gold places
    / gold places (the numerators are equal, since pairs are one to one); F1 their harmonic
    mean. An unpaired prediction is a false hit: a *trap* when it equals a gold non_place or
    one of its spans overlaps an occurrence of one, else *not a gold place*. The report also
    says how many pairs came from span overlap only, and how many false hits drillmap itself
    flagged as metonyms (every mention of the surface), which it never uses as sites.
Places as drillmap uses them
    The same pairing, with the surfaces drillmap flags as a government at every mention
    ("Moscow said") left out of the predictions, as the map, the measurements and the
    exports leave them out: site precision = pairs not of such a surface / predictions not
    of such a surface; site recall = the same pairs / gold places. Both figures are printed.
Acc@25 km, Acc@161 km
    Over paired gold places with ``point`` true and coordinates: the share whose predicted
    place (for a surface pair, the first resolved mention of that surface; for a span pair,
    the overlapping mention) lies within 25 / 161 km, WGS84 geodesic. An unresolved
    prediction counts as outside.
Claims
    Gold claims with ``distractor`` false against the predicted claims' spans: a gold claim is
    found when a predicted span overlaps an occurrence of its text; a predicted claim is
    correct when it overlaps such a claim (recall and precision), and is a *distractor taken as
    claim* when it overlaps only a distractor's text.
Exercise names
    Gold events with a name; found when a predicted event whose name was read from the text
    (``name_basis == "stated"``) has the same name after removing case, spaces, hyphens and
    other punctuation ("Zapad-2021" == "Zapad 2021"). Participants exact: among found names,
    the share where one such predicted event has exactly the gold participant set.
Invented events
    Predicted (machine-extracted) events in articles of genre ``no-exercise`` or ``general``.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import numpy as np
from pyproj import Geod

from geo.geocoders.registry import get_geocoder
from geo.inputs.corpus import (
    GoldArticle,
    GoldClaim,
    GoldEvent,
    GoldNonPlace,
    GoldPlace,
    load_corpus,
)
from geo.services.ingest import IngestResult, ingest_text
from geo.store.sqlite import Store

__all__ = [
    "ArticleScore",
    "Counts",
    "ErrorCategory",
    "EvaluationReport",
    "GroupScore",
    "PlacePair",
    "PredictedClaim",
    "PredictedEvent",
    "PredictedMention",
    "Prediction",
    "evaluate_articles",
    "evaluate_corpus",
    "geodesic_km",
    "normalize_event_name",
    "normalize_surface",
    "occurrences",
    "predict",
    "score_article",
]

_GEOD = Geod(ellps="WGS84")
_APOSTROPHES = re.compile("['\u2019\u2018`\u00b4\u02bc\u02b9]")
_EXAMPLES = 5
#: Genres whose articles report no exercise: every predicted event there is invented.
QUIET_GENRES = ("no-exercise", "general")

Span = tuple[int, int]


def normalize_surface(text: str) -> str:
    """A surface for comparison: NFKC, no apostrophes, single spaces, case folded.

    >>> normalize_surface("Russia’s  Far\\nEast") == normalize_surface("russias far east")
    True
    """
    text = _APOSTROPHES.sub("", unicodedata.normalize("NFKC", text))
    return " ".join(text.split()).casefold()


def normalize_event_name(name: str) -> str:
    """An exercise name for comparison: letters and digits only, case folded.

    >>> normalize_event_name("Zapad-2021") == normalize_event_name("zapad 2021")
    True
    """
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", name)).casefold()


def occurrences(text: str, phrase: str) -> list[Span]:
    """Spans where ``phrase`` stands in ``text`` (any whitespace between words, whole words).

    >>> occurrences("the Pskov  region and Pskov", "Pskov region")
    [(4, 17)]
    >>> occurrences("Ulanbaatar", "Ulan")
    []
    """
    words = unicodedata.normalize("NFC", phrase).split()
    if not words:
        return []
    pattern = r"\s+".join(re.escape(w) for w in words)
    if re.match(r"\w", words[0]):
        pattern = r"(?<!\w)" + pattern
    if re.search(r"\w$", words[-1]):
        pattern += r"(?!\w)"
    return [m.span() for m in re.finditer(pattern, text)]


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _any_overlap(spans: Iterable[Span], others: Sequence[Span]) -> bool:
    return any(_overlaps(s, o) for s in spans for o in others)


def geodesic_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """WGS84 geodesic distance in km.

    >>> round(geodesic_km(0.0, 0.0, 0.0, 1.0), 3)
    111.319
    """
    _, _, metres = _GEOD.inv(lon1, lat1, lon2, lat2)
    return float(metres) / 1000.0


# ------------------------------------------------------------------ what the pipeline found


@dataclass(frozen=True, slots=True)
class PredictedMention:
    """A place mention the pipeline found: its span and the place's coordinates (if any).

    ``metonym``: drillmap took it for a place standing for a government ("Moscow says").
    """

    surface: str
    start: int
    end: int
    lat: float | None = None
    lon: float | None = None
    metonym: bool = False


@dataclass(frozen=True, slots=True)
class PredictedEvent:
    """An exercise the pipeline extracted."""

    name: str
    name_basis: str
    participants: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PredictedClaim:
    """A distance claim the pipeline found."""

    text: str
    start: int
    end: int
    stated_km: float
    reference_kind: str = ""
    measured: bool = False


@dataclass(frozen=True, slots=True)
class Prediction:
    """What the pipeline read in one article; spans refer to ``text`` (the ingested text)."""

    text: str
    mentions: tuple[PredictedMention, ...] = ()
    events: tuple[PredictedEvent, ...] = ()
    claims: tuple[PredictedClaim, ...] = ()
    status: str = "ingested"
    message: str = ""


def prediction_from_result(result: IngestResult, text: str) -> Prediction:
    """The parts of an :class:`IngestResult` that are scored (``text``: used if it failed)."""
    mentions = tuple(PredictedMention(m.surface, m.start, m.end,
                                      m.place.lat if m.place else None,
                                      m.place.lon if m.place else None, m.metonym)
                     for m in result.mentions)
    events = tuple(PredictedEvent(e.candidate.event.name, e.candidate.event.name_basis,
                                  tuple(e.candidate.event.participants))
                   for e in result.events)
    claims = tuple(PredictedClaim(c.claim.text, c.claim.start, c.claim.end, c.claim.stated_km,
                                  c.claim.reference_kind, c.verdict is not None)
                   for c in result.claims)
    return Prediction(text=result.text or text, mentions=mentions, events=events,
                      claims=claims, status=result.status, message=result.message)


def predict(article: GoldArticle, geocoder: Any = None) -> Prediction:
    """Run the ingest pipeline on one article's text, as a paste, into an empty database."""
    with Store(":memory:") as store:
        result = ingest_text(article.text, published=article.published, store=store,
                             geocoder=geocoder)
    return prediction_from_result(result, article.text)


# ------------------------------------------------------------------ scoring one article


@dataclass(frozen=True, slots=True)
class Counts:
    """Additive counts behind every metric (sum them over articles, then divide)."""

    articles: int = 0
    failed: int = 0
    gold_places: int = 0
    predicted_places: int = 0
    matched_places: int = 0
    span_matches: int = 0
    traps: int = 0
    not_gold_places: int = 0
    false_hits_metonym: int = 0
    metonym_predictions: int = 0
    metonym_matched: int = 0
    located: int = 0
    unresolved_located: int = 0
    within_25: int = 0
    within_161: int = 0
    gold_claims: int = 0
    found_claims: int = 0
    predicted_claims: int = 0
    correct_claims: int = 0
    distractors_taken: int = 0
    claims_kind_right: int = 0
    claims_measured: int = 0
    named_events: int = 0
    names_found: int = 0
    participants_exact: int = 0
    quiet_articles: int = 0
    invented_events: int = 0
    articles_with_invented: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(**{f.name: getattr(self, f.name) + getattr(other, f.name)
                         for f in fields(self)})

    @staticmethod
    def total(items: Iterable[Counts]) -> Counts:
        """The sum of several counts."""
        out = Counts()
        for c in items:
            out = out + c
        return out

    @property
    def place_precision(self) -> float | None:
        """Paired predictions / predictions."""
        return _ratio(self.matched_places, self.predicted_places)

    @property
    def place_recall(self) -> float | None:
        """Paired gold places / gold places."""
        return _ratio(self.matched_places, self.gold_places)

    @property
    def place_f1(self) -> float | None:
        """Harmonic mean of place precision and recall."""
        p, r = self.place_precision, self.place_recall
        if p is None or r is None:
            return None
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    @property
    def site_precision(self) -> float | None:
        """Place precision counting only what drillmap uses as places: a surface it flags as
        a government everywhere ("Moscow said") is left out of the predictions."""
        return _ratio(self.matched_places - self.metonym_matched,
                      self.predicted_places - self.metonym_predictions)

    @property
    def site_recall(self) -> float | None:
        """Place recall likewise: a gold place paired only with flagged mentions is missed."""
        return _ratio(self.matched_places - self.metonym_matched, self.gold_places)

    @property
    def acc_25(self) -> float | None:
        """Share of paired point places predicted within 25 km."""
        return _ratio(self.within_25, self.located)

    @property
    def acc_161(self) -> float | None:
        """Share of paired point places predicted within 161 km (100 miles)."""
        return _ratio(self.within_161, self.located)

    @property
    def claim_recall(self) -> float | None:
        """Found location claims / gold location claims (distractors excluded)."""
        return _ratio(self.found_claims, self.gold_claims)

    @property
    def claim_precision(self) -> float | None:
        """Predicted claims overlapping a gold location claim / predicted claims."""
        return _ratio(self.correct_claims, self.predicted_claims)

    @property
    def name_recall(self) -> float | None:
        """Gold exercise names found / gold events with a name."""
        return _ratio(self.names_found, self.named_events)

    @property
    def participants_rate(self) -> float | None:
        """Found names whose predicted participant set equals the gold one."""
        return _ratio(self.participants_exact, self.names_found)

    def metrics(self) -> dict[str, float | None]:
        """Every metric, rounded to 4 decimals (None when its denominator is 0)."""
        values = {
            "place_precision": self.place_precision, "place_recall": self.place_recall,
            "place_f1": self.place_f1, "site_precision": self.site_precision,
            "site_recall": self.site_recall, "acc_25km": self.acc_25, "acc_161km": self.acc_161,
            "claim_recall": self.claim_recall, "claim_precision": self.claim_precision,
            "name_recall": self.name_recall, "participants_exact": self.participants_rate,
        }
        return {k: None if v is None else round(v, 4) for k, v in values.items()}

    def to_dict(self) -> dict[str, Any]:
        """Counts and metrics."""
        return {"counts": {f.name: getattr(self, f.name) for f in fields(self)},
                "metrics": self.metrics()}


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


@dataclass(frozen=True, slots=True)
class PlacePair:
    """A gold place paired with a prediction: how, and how far off the predicted place is."""

    gold: str
    predicted: str
    how: str  # "surface" or "span"
    distance_km: float | None = None


@dataclass(frozen=True, slots=True)
class ArticleScore:
    """The scores of one article and the errors behind them."""

    id: str
    split: str
    genre: str
    theatre: str
    counts: Counts
    pairs: tuple[PlacePair, ...] = ()
    missed: tuple[tuple[str, str], ...] = ()  # (gold kind, surface)
    false_hits: tuple[tuple[str, str], ...] = ()  # ("trap" | "not a gold place", surface)
    names_missed: tuple[str, ...] = ()
    participants_wrong: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = ()
    status: str = "ingested"
    message: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly dict."""
        return {
            "id": self.id, "split": self.split, "genre": self.genre, "theatre": self.theatre,
            "status": self.status, "message": self.message, **self.counts.to_dict(),
            "pairs": [{"gold": p.gold, "predicted": p.predicted, "how": p.how,
                       "distance_km": None if p.distance_km is None
                       else round(p.distance_km, 1)} for p in self.pairs],
            "missed": [{"kind": k, "surface": s} for k, s in self.missed],
            "false_hits": [{"category": c, "surface": s} for c, s in self.false_hits],
            "names_missed": list(self.names_missed),
            "participants_wrong": [{"name": n, "gold": list(g), "predicted": list(p)}
                                   for n, g, p in self.participants_wrong],
        }


@dataclass
class _Predicted:
    surface: str
    mentions: list[PredictedMention] = field(default_factory=list)

    @property
    def spans(self) -> list[Span]:
        return [(m.start, m.end) for m in self.mentions]


def _located_at(mentions: Sequence[PredictedMention]) -> PredictedMention | None:
    return next((m for m in mentions if m.lat is not None and m.lon is not None), None)


def match_places(places: Sequence[GoldPlace], non_places: Sequence[GoldNonPlace], text: str,
                 mentions: Sequence[PredictedMention]
                 ) -> tuple[list[tuple[GoldPlace, PlacePair]], list[GoldPlace],
                            list[tuple[str, str]]]:
    """Pair predictions with gold places (see the module's rules).

    Returns the pairs (gold place, pair), the gold places left unpaired and the false hits
    ``(category, predicted surface)``.
    """
    predicted: dict[str, _Predicted] = {}
    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        predicted.setdefault(normalize_surface(m.surface), _Predicted(m.surface)).mentions.append(m)
    found: list[tuple[int, str, str, PredictedMention | None]] = []  # gold, pred key, how, at
    paired_pred: set[str] = set()
    paired_gold: set[int] = set()
    for i, g in enumerate(places):
        key = normalize_surface(g.surface)
        if key in predicted and key not in paired_pred:
            paired_pred.add(key)
            paired_gold.add(i)
            found.append((i, key, "surface", _located_at(predicted[key].mentions)))
    for i, g in enumerate(places):
        if i in paired_gold:
            continue
        spots = occurrences(text, g.surface)
        for key, p in predicted.items():
            if key in paired_pred:
                continue
            hits = [m for m in p.mentions if _any_overlap([(m.start, m.end)], spots)]
            if hits:
                paired_pred.add(key)
                paired_gold.add(i)
                found.append((i, key, "span", _located_at(hits)))
                break
    pairs: list[tuple[GoldPlace, PlacePair]] = []
    for i, key, how, at in sorted(found, key=lambda f: f[0]):
        g = places[i]
        km = None
        if at is not None and at.lat is not None and at.lon is not None and (
                g.lat is not None and g.lon is not None):
            km = geodesic_km(g.lat, g.lon, at.lat, at.lon)
        pairs.append((g, PlacePair(g.surface, predicted[key].surface, how, km)))
    trap_keys = {normalize_surface(n.surface) for n in non_places}
    trap_spots = [s for n in non_places for s in occurrences(text, n.surface)]
    false_hits = [("trap" if key in trap_keys or _any_overlap(p.spans, trap_spots)
                   else "not a gold place", p.surface)
                  for key, p in predicted.items() if key not in paired_pred]
    missed = [g for i, g in enumerate(places) if i not in paired_gold]
    return pairs, missed, false_hits


def score_claims(claims: Sequence[GoldClaim], text: str,
                 predicted: Sequence[PredictedClaim]) -> tuple[int, int, int, int, int]:
    """``(gold, found, predicted, correct, distractors taken)`` for one article's claims."""
    spans = [(c.start, c.end) for c in predicted]
    real = [occurrences(text, c.text) for c in claims if not c.distractor]
    decoys = [s for c in claims if c.distractor for s in occurrences(text, c.text)]
    real_spots = [s for spots in real for s in spots]
    found = sum(_any_overlap(spans, spots) for spots in real)
    correct = sum(_any_overlap([s], real_spots) for s in spans)
    taken = sum(not _any_overlap([s], real_spots) and _any_overlap([s], decoys) for s in spans)
    return len(real), found, len(spans), correct, taken


def score_claim_readings(claims: Sequence[GoldClaim], text: str,
                         predicted: Sequence[PredictedClaim]) -> tuple[int, int]:
    """``(reference kind right, measured)`` over the gold location claims found: whether
    drillmap measured each to the right kind of thing (border, coast, line, point) and
    whether it could measure it at all (a site and a reference resolved)."""
    kind_right = measured = 0
    for claim in claims:
        if claim.distractor:
            continue
        spots = occurrences(text, claim.text)
        same = [p for p in predicted if _any_overlap([(p.start, p.end)], spots)]
        if same:
            kind_right += same[0].reference_kind == (claim.reference_kind or "")
            measured += same[0].measured
    return kind_right, measured


def score_events(events: Sequence[GoldEvent],
                 predicted: Sequence[PredictedEvent]) -> tuple[int, int, int, list[str]]:
    """``(named gold events, names found, participants exact, names missed)``."""
    stated: dict[str, list[PredictedEvent]] = {}
    for cand in predicted:
        if cand.name_basis == "stated" and cand.name:
            stated.setdefault(normalize_event_name(cand.name), []).append(cand)
    named = [e for e in events if e.name]
    found = exact = 0
    missed: list[str] = []
    for e in named:
        same = stated.get(normalize_event_name(e.name or ""), [])
        if not same:
            missed.append(e.name or "")
            continue
        found += 1
        exact += any(set(p.participants) == set(e.participants) for p in same)
    return len(named), found, exact, missed


def participant_mismatches(events: Sequence[GoldEvent], predicted: Sequence[PredictedEvent]
                           ) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """``(name, gold participants, predicted participants)`` for each name found whose
    participants are not exactly right, so the report can show what went wrong."""
    stated: dict[str, list[PredictedEvent]] = {}
    for cand in predicted:
        if cand.name_basis == "stated" and cand.name:
            stated.setdefault(normalize_event_name(cand.name), []).append(cand)
    out = []
    for e in events:
        same = stated.get(normalize_event_name(e.name or ""), []) if e.name else []
        if same and not any(set(p.participants) == set(e.participants) for p in same):
            out.append((e.name or "", tuple(sorted(e.participants)),
                        tuple(sorted(same[0].participants))))
    return out


def score_article(gold: GoldArticle, prediction: Prediction) -> ArticleScore:
    """Score what the pipeline read in one article against its gold."""
    text = prediction.text
    pairs, missed, false_hits = match_places(gold.places, gold.non_places, text,
                                             prediction.mentions)
    point = [(g, p) for g, p in pairs if g.point and g.has_coordinates]
    dists = [p.distance_km for _, p in point]
    gold_claims, found, n_pred, correct, taken = score_claims(gold.claims, text,
                                                              prediction.claims)
    kind_right, measured = score_claim_readings(gold.claims, text, prediction.claims)
    named, names_found, exact, names_missed = score_events(gold.events, prediction.events)
    metonyms = {normalize_surface(m.surface) for m in prediction.mentions if m.metonym} - {
        normalize_surface(m.surface) for m in prediction.mentions if not m.metonym}
    quiet = gold.genre in QUIET_GENRES
    invented = len(prediction.events) if quiet else 0
    counts = Counts(
        articles=1, failed=int(prediction.status == "error"), gold_places=len(gold.places),
        predicted_places=len(pairs) + len(false_hits), matched_places=len(pairs),
        span_matches=sum(p.how == "span" for _, p in pairs),
        traps=sum(c == "trap" for c, _ in false_hits),
        not_gold_places=sum(c != "trap" for c, _ in false_hits),
        false_hits_metonym=sum(normalize_surface(s) in metonyms for _, s in false_hits),
        metonym_predictions=len(metonyms),
        metonym_matched=sum(normalize_surface(p.predicted) in metonyms for _, p in pairs),
        located=len(point), unresolved_located=sum(d is None for d in dists),
        within_25=sum(d is not None and d <= 25.0 for d in dists),
        within_161=sum(d is not None and d <= 161.0 for d in dists),
        gold_claims=gold_claims, found_claims=found, predicted_claims=n_pred,
        correct_claims=correct, distractors_taken=taken, claims_kind_right=kind_right,
        claims_measured=measured, named_events=named,
        names_found=names_found, participants_exact=exact, quiet_articles=int(quiet),
        invented_events=invented, articles_with_invented=int(invented > 0),
    )
    return ArticleScore(id=gold.id, split=gold.split, genre=gold.genre,
                        theatre=gold.theatre_group, counts=counts,
                        pairs=tuple(p for _, p in pairs),
                        missed=tuple((g.kind, g.surface) for g in missed),
                        false_hits=tuple(false_hits), names_missed=tuple(names_missed),
                        participants_wrong=tuple(participant_mismatches(gold.events,
                                                                        prediction.events)),
                        status=prediction.status, message=prediction.message)


# ------------------------------------------------------------------ the report


@dataclass(frozen=True, slots=True)
class GroupScore:
    """Summed counts of a group of articles (``kind``: all, split, genre or theatre)."""

    kind: str
    name: str
    counts: Counts

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly dict."""
        return {"kind": self.kind, "name": self.name, **self.counts.to_dict()}


@dataclass(frozen=True, slots=True)
class ErrorCategory:
    """How many errors of one category, with up to five example surfaces."""

    name: str
    count: int
    examples: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly dict."""
        return {"name": self.name, "count": self.count, "examples": list(self.examples)}


def _categories(items: Iterable[tuple[str, str, str]]) -> tuple[ErrorCategory, ...]:
    """``(category, surface, article id)`` -> categories, most frequent first."""
    counts: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    for category, surface, article_id in items:
        counts[category] += 1
        seen = examples.setdefault(category, [])
        if len(seen) < _EXAMPLES and not any(e.startswith(f"{surface} [") for e in seen):
            seen.append(f"{surface} [{article_id}]")
    return tuple(ErrorCategory(name, n, tuple(examples[name]))
                 for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _fmt(value: float | None, digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def _frac(value: float | None, num: int, den: int,
          spread: tuple[float, float] | None = None) -> str:
    around = f"; 95% {spread[0]:.2f}-{spread[1]:.2f}" if spread else ""
    return f"{_fmt(value, 3)} ({num}/{den}{around})"


#: The ratios reported with their spread: metric -> (numerator, denominator) count fields.
RATIO_FIELDS: dict[str, tuple[str, str]] = {
    "place_precision": ("matched_places", "predicted_places"),
    "place_recall": ("matched_places", "gold_places"),
    "acc_25km": ("within_25", "located"),
    "claim_recall": ("found_claims", "gold_claims"),
    "claim_precision": ("correct_claims", "predicted_claims"),
    "name_recall": ("names_found", "named_events"),
    "participants_exact": ("participants_exact", "names_found"),
}


def article_bootstrap(counts: Sequence[Counts], *, draws: int = 2000, seed: int = 0
                      ) -> dict[str, tuple[float, float] | None]:
    """A 95% interval for each ratio of :data:`RATIO_FIELDS`, resampling whole articles.

    The places, claims and events of one article are not independent draws (one article
    is hard, the next easy), so the article is the unit: ``draws`` resamples of the
    articles with replacement, each summed then divided, and the 2.5th and 97.5th
    percentiles. A fixed ``seed`` gives the same interval for the same counts. None when
    the ratio has no denominator.
    """
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(counts), size=(draws, len(counts))) if counts else None
    out: dict[str, tuple[float, float] | None] = {}
    for metric, (num_field, den_field) in RATIO_FIELDS.items():
        num = np.array([getattr(c, num_field) for c in counts], dtype=float)
        den = np.array([getattr(c, den_field) for c in counts], dtype=float)
        if picks is None or den.sum() == 0:
            out[metric] = None
            continue
        nums, dens = num[picks].sum(axis=1), den[picks].sum(axis=1)
        ratios = nums[dens > 0] / dens[dens > 0]
        low, high = np.percentile(ratios, [2.5, 97.5])
        out[metric] = (round(float(low), 4), round(float(high), 4))
    return out


@dataclass(frozen=True, slots=True)
class EvaluationReport:
    """The evaluation of the pipeline on a corpus split: totals, groups, errors, speed."""

    corpus: str
    split: str
    total: Counts
    groups: tuple[GroupScore, ...]
    missed_by_kind: tuple[ErrorCategory, ...]
    false_hits: tuple[ErrorCategory, ...]
    articles: tuple[ArticleScore, ...]
    seconds: float
    pipeline_seconds: float

    @property
    def articles_per_s(self) -> float:
        """Articles evaluated per second (pipeline and scoring, geocoder start included)."""
        return self.total.articles / self.seconds if self.seconds > 0 else 0.0

    @property
    def failures(self) -> tuple[ArticleScore, ...]:
        """Articles the pipeline did not ingest (scored as finding nothing)."""
        return tuple(a for a in self.articles if a.status == "error")

    def spread(self) -> dict[str, tuple[float, float] | None]:
        """95% intervals of the headline ratios, articles resampled
        (:func:`article_bootstrap`)."""
        return article_bootstrap([a.counts for a in self.articles])

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly dict (``python -m geo evaluate --json``)."""
        return {
            "corpus": self.corpus, "split": self.split, **self.total.to_dict(),
            "intervals_95": {k: list(v) if v else None for k, v in self.spread().items()},
            "groups": [g.to_dict() for g in self.groups],
            "errors": {"missed_by_kind": [c.to_dict() for c in self.missed_by_kind],
                       "false_hits": [c.to_dict() for c in self.false_hits]},
            "timing": {"seconds": round(self.seconds, 3),
                       "pipeline_seconds": round(self.pipeline_seconds, 3),
                       "articles_per_s": round(self.articles_per_s, 2)},
            "articles": [a.to_dict() for a in self.articles],
        }

    def summary_lines(self) -> list[str]:
        """The totals (with 95% intervals, articles resampled): places, locations, claims,
        names, invented events, speed."""
        t = self.total
        ci = self.spread()
        sites = t.matched_places - t.metonym_matched
        site_predictions = t.predicted_places - t.metonym_predictions
        precision = _frac(t.place_precision, t.matched_places, t.predicted_places,
                          ci["place_precision"])
        recall = _frac(t.place_recall, t.matched_places, t.gold_places, ci["place_recall"])
        acc_25 = _frac(t.acc_25, t.within_25, t.located, ci["acc_25km"])
        claim_recall = _frac(t.claim_recall, t.found_claims, t.gold_claims, ci["claim_recall"])
        claim_precision = _frac(t.claim_precision, t.correct_claims, t.predicted_claims,
                                ci["claim_precision"])
        names = _frac(t.name_recall, t.names_found, t.named_events, ci["name_recall"])
        sides = _frac(t.participants_rate, t.participants_exact, t.names_found,
                      ci["participants_exact"])
        return [
            f"drillmap evaluation: {t.articles} articles (split {self.split}) from "
            f"{self.corpus}" + (f"; {t.failed} not ingested" if t.failed else ""),
            f"places: precision {precision}, recall {recall}, "
            f"F1 {_fmt(t.place_f1, 3)}; {t.span_matches} of the pairs by span overlap only",
            f"false hits: {t.traps + t.not_gold_places} ({t.traps} traps, {t.not_gold_places} "
            f"not a gold place; {t.false_hits_metonym} of them flagged as metonyms by drillmap)",
            f"places as drillmap uses them (surfaces it flags as a government everywhere left "
            f"out): precision {_frac(t.site_precision, sites, site_predictions)}"
            f", recall {_frac(t.site_recall, sites, t.gold_places)}",
            f"located (paired point places with coordinates): Acc@25km {acc_25}, Acc@161km "
            f"{_frac(t.acc_161, t.within_161, t.located)}; {t.unresolved_located} unresolved",
            f"claims (distractors excluded): recall {claim_recall}, precision "
            f"{claim_precision}; {t.distractors_taken} distractors taken as claims; of the "
            f"claims found, {t.claims_kind_right} measured to the right kind of reference, "
            f"{t.claims_measured} checked against the map",
            f"exercise names: recall {names}; participants exact {sides} of the names found",
            f"invented events: {t.invented_events} in {t.articles_with_invented} of "
            f"{t.quiet_articles} articles without exercises (no-exercise, general)",
            "(95%: the 2.5th-97.5th percentiles of 2,000 resamples of the articles)",
            f"time: {self.seconds:.2f} s ({self.pipeline_seconds:.2f} s in the pipeline), "
            f"{self.articles_per_s:.1f} articles/s",
        ]

    def lines(self) -> list[str]:
        """The report as text: summary, a table by group, errors by category."""
        out = self.summary_lines()
        out.append("")
        head = (f"{'group':<24} {'n':>3}  {'P':>4} {'R':>4} {'F1':>4}  {'Acc25':>5} "
                f"{'Acc161':>6}  {'claimR':>6} {'claimP':>6}  {'nameR':>5} {'partic':>6}  "
                f"invented")
        out.append(head)
        for g in self.groups:
            c = g.counts
            label = g.name if g.kind in ("all", "theatre") else f"{g.kind} {g.name}"
            invented = (f"{c.invented_events} in {c.articles_with_invented}/{c.quiet_articles}"
                        if c.quiet_articles else "-")
            out.append(
                f"{label[:24]:<24} {c.articles:>3}  {_fmt(c.place_precision):>4} "
                f"{_fmt(c.place_recall):>4} {_fmt(c.place_f1):>4}  {_fmt(c.acc_25):>5} "
                f"{_fmt(c.acc_161):>6}  {_fmt(c.claim_recall):>6} "
                f"{_fmt(c.claim_precision):>6}  {_fmt(c.name_recall):>5} "
                f"{_fmt(c.participants_rate):>6}  {invented}")
        out.append("")
        out.append("missed gold places by kind:")
        out.extend(f"  {c.name}: {c.count} (e.g. {'; '.join(c.examples)})"
                   for c in self.missed_by_kind)
        out.append("false hits:")
        out.extend(f"  {c.name}: {c.count} (e.g. {'; '.join(c.examples)})"
                   for c in self.false_hits)
        wrong = [(a.id, *w) for a in self.articles for w in a.participants_wrong]
        missed_names = [(a.id, n) for a in self.articles for n in a.names_missed]
        if missed_names:
            out.append("exercise names missed:")
            out.extend(f"  {n} [{aid}]" for aid, n in missed_names)
        if wrong:
            out.append("participants not exactly right (gold -> read):")
            out.extend(f"  {n}: {' '.join(g) or '-'} -> {' '.join(p) or '-'} [{aid}]"
                       for aid, n, g, p in wrong)
        for a in self.failures:
            out.append(f"not ingested: {a.id}: {a.message}")
        return out


def _groups(scores: Sequence[ArticleScore], split: str) -> tuple[GroupScore, ...]:
    """All articles, then by split (when all splits are evaluated), genre and theatre."""
    out = [GroupScore("all", "all", Counts.total(s.counts for s in scores))]
    kinds = (("split",) if split == "all" else ()) + ("genre", "theatre")
    order = {g: i for i, g in enumerate(("exercise", *QUIET_GENRES))}
    for kind in kinds:
        names = sorted({str(getattr(s, kind)) for s in scores},
                       key=lambda n: (order.get(n, len(order)), n))
        out += [GroupScore(kind, name, Counts.total(s.counts for s in scores
                                                    if getattr(s, kind) == name))
                for name in names]
    return tuple(out)


def evaluate_articles(
    articles: Sequence[GoldArticle],
    *,
    corpus: str = "",
    split: str = "all",
    geocoder: Any = None,
    run: Callable[[GoldArticle, Any], Prediction] = predict,
) -> EvaluationReport:
    """Run the pipeline on each gold article and score it.

    Parameters
    ----------
    articles : sequence of GoldArticle
        The gold articles (e.g. from :func:`geo.inputs.corpus.load_corpus`).
    corpus, split : str, optional
        Where they came from and which split, for the report.
    geocoder : optional
        One geocoder for all articles; default the offline gazetteer.
    run : callable, optional
        ``run(article, geocoder) -> Prediction``; default :func:`predict` (the real pipeline).

    Returns
    -------
    EvaluationReport
    """
    started = time.perf_counter()
    geocoder = geocoder if geocoder is not None else get_geocoder("offline")
    scores = []
    in_pipeline = 0.0
    for article in articles:
        t0 = time.perf_counter()
        prediction = run(article, geocoder)
        in_pipeline += time.perf_counter() - t0
        scores.append(score_article(article, prediction))
    total = Counts.total(s.counts for s in scores)
    missed = _categories((kind, surface, s.id) for s in scores for kind, surface in s.missed)
    false_hits = _categories((c, surface, s.id) for s in scores for c, surface in s.false_hits)
    return EvaluationReport(corpus=corpus, split=split, total=total,
                            groups=_groups(scores, split), missed_by_kind=missed,
                            false_hits=false_hits, articles=tuple(scores),
                            seconds=time.perf_counter() - started,
                            pipeline_seconds=in_pipeline)


def evaluate_corpus(folder: str | Path, *, split: str = "all",
                    geocoder: Any = None) -> EvaluationReport:
    """Load a gold corpus folder (``tests/corpus`` or its ``articles/``) and evaluate a split.

    Raises
    ------
    DataFormatError
        A corpus file is malformed (named in the message).
    """
    articles = load_corpus(folder, split=split)
    return evaluate_articles(articles, corpus=str(folder), split=split, geocoder=geocoder)
