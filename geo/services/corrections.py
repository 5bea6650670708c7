"""The analyst's place corrections, applied and re-measured in one transaction."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from geo.analysis.pipeline import check_claims, measure_sites
from geo.errors import ConcurrentEditError
from geo.extract.claims import find_distance_claims
from geo.geocoders.registry import get_geocoder
from geo.model.article import Article
from geo.model.claim import ClaimCheck, DistanceClaimText
from geo.model.dataset import Dataset
from geo.model.event import (
    DATE_PRECISIONS,
    EVENT_TYPES,
    PARTICIPANT_CODE,
    Event,
    EventPlace,
    PartialDate,
    parse_force_figure,
)
from geo.model.mention import Mention
from geo.model.place import Place
from geo.services.rules import border_rules_for
from geo.store.backends import Connection
from geo.store.reading import _article, _mentions, _Places
from geo.store.sqlite import Store, StoredEvent

__all__ = ["ReviewInputError", "add_claim", "add_missed_place", "apply_place_correction",
           "correction_choices", "dismiss_claim", "edit_event_fields",
           "missed_place_candidates", "occurrences", "remeasure_articles"]


# --------------------------------------------------------------------------- corrections
@dataclass
class _Refresher:
    """Recomputes an article's border distances and claim verdicts from its stored mentions."""

    store: Store
    geocoder: Any
    rules: Mapping[str, Sequence[str]]

    def __call__(self, conn: Connection, article_ids: set[str]) -> None:
        for article_id in sorted(article_ids):
            self.refresh(conn, article_id)

    def load(self, conn: Connection, article_id: str
             ) -> tuple[Article, list[Mention], list[EventPlace], list[Event]] | None:
        """An article as stored: its mentions, event places and events (None if unknown)."""
        return _load_article(self.store, conn, article_id)

    def refresh(self, conn: Connection, article_id: str) -> None:
        loaded = self.load(conn, article_id)
        if loaded is None:
            return
        article, mentions, event_places, events = loaded
        place_of: dict[tuple[str, str], Place | None] = {}
        for m in mentions:
            if m.place is not None:
                place_of.setdefault((m.article_id, m.surface), m.place)
        measurements = measure_sites(events, event_places, place_of, self.rules)
        checks = check_claims([article], mentions, event_places, self.geocoder)
        # The analyst's review of the claims outlives the re-measurement: claims added by
        # hand are checked again, dismissed ones stay dismissed.
        dismissed, added = self.store.claim_reviews_in(conn, article_id)
        self.store.replace_derived(conn, article_id, measurements, checks)
        found = {(c.claim.start, c.claim.end) for c in checks}
        for row in added:
            if (row["start"], row["end"]) in found or not row["claim_json"]:
                continue
            claim = DistanceClaimText(**json.loads(row["claim_json"])["claim"])
            check = _check_claim(article, mentions, event_places, self.geocoder, claim)
            self.store.insert_claim(conn, check, origin="analyst")
        for start, end in dismissed:
            self.store.set_claim_dismissed(conn, article_id, start, end)


def _load_article(store: Store, conn: Connection, article_id: str
                  ) -> tuple[Article, list[Mention], list[EventPlace], list[Event]] | None:
    row = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    article = _article(row)
    mentions = _mentions(conn.execute(
        "SELECT article_id, surface, query, start, \"end\", place_json, note, metonym, "
        "locative, origin, found_by FROM mentions "
        "WHERE article_id = ? ORDER BY start", (article_id,)).fetchall(),
        {article_id: article}, _Places())
    event_places = [EventPlace(r[0], r[1], r[2], r[3], r[4]) for r in conn.execute(
        "SELECT event_id, article_id, surface, role, note FROM event_places "
        "WHERE article_id = ? ORDER BY rowid", (article_id,))]
    ids = sorted({p.event_id for p in event_places})
    events = [store.event_from_row(r) for r in conn.execute(
        f"SELECT * FROM events WHERE id IN ({', '.join('?' * len(ids))})", ids)]
    return article, mentions, event_places, events


def _check_claim(article: Article, mentions: Sequence[Mention],
                 event_places: Sequence[EventPlace], geocoder: Any, claim: DistanceClaimText
                 ) -> ClaimCheck:
    """Check one claim the analyst pointed at, as :func:`check_claims` checks any claim.

    The parser may have skipped it in the article (the words before it read like a journey:
    "moved to Gorodishche, 40 km north of ..."): those words are blanked (letters only, so
    sentences and offsets stay) before :func:`check_claims` reads the article again.
    """
    text = article.text
    lo = max(0, claim.start - 60)
    blanked = "".join("X" if c.isupper() else "x" if c.isalpha() else c
                      for c in text[lo:claim.start])
    probe = replace(article, text=text[:lo] + blanked + text[claim.start:])
    checks = check_claims([probe], mentions, event_places, geocoder)
    found = next((c for c in checks if c.claim.start == claim.start), None)
    if found is None:
        return ClaimCheck(article_id=article.id, sentence=article.sentence_at(claim.start),
                          claim=claim, subject_surface="", subject=None, reference_iso2="",
                          reference=None, verdict=None,
                          problem="the distance could not be read in the article")
    return replace(found, sentence=article.sentence_at(claim.start))


def remeasure_articles(store: Store, conn: Connection, article_ids: Iterable[str], *,
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
    conn : Connection
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


# --------------------------------------------------------------------------- review
class ReviewInputError(ValueError):
    """What the analyst typed cannot be stored; ``problems`` has one message for each field."""

    def __init__(self, problems: Sequence[str]):
        self.problems = tuple(problems)
        super().__init__(" ".join(self.problems))


def occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    """Where ``surface`` occurs in ``text`` as a whole word, exactly as written (spaces may
    differ)."""
    words = surface.split()
    if not words:
        return []
    pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def _article_text(store: Store, article_id: str) -> str:
    text = store.article_text(article_id)
    if text is None:
        raise ReviewInputError([f"no article {article_id!r} in the database"])
    return text


def _spans_of(text: str, surface: str) -> list[tuple[int, int]]:
    surface = " ".join(surface.split())
    if not surface:
        raise ReviewInputError(["Type the place name as the article writes it."])
    spans = occurrences(text, surface)
    if not spans:
        raise ReviewInputError([f"“{surface}” does not occur in the article text: type it "
                                "exactly as written (capitals included, whole words)."])
    return spans


def missed_place_candidates(store: Store, article_id: str, surface: str, *,
                            geocoder: Any = None, limit: int = 8) -> list[Place]:
    """The gazetteer's ranked candidates for a name the machine missed in an article.

    Raises :class:`ReviewInputError` when the name does not occur in the article's text.
    The candidates are biased to the countries the article names (as at ingest).
    """
    _spans_of(_article_text(store, article_id), surface)
    if geocoder is None:
        geocoder = get_geocoder("offline")
    countries = tuple(dict.fromkeys(
        str(m["country_code"]) for m in store.mentions(article_id)
        if m["kind"] == "country" and m["country_code"]))
    found = geocoder.geocode(" ".join(surface.split()), exactly_one=False,
                             country_bias=countries) or []
    found = found if isinstance(found, list) else [found]
    out: list[Place] = []
    seen: set[tuple[str, float, float]] = set()
    for p in found:
        key = (p.name, round(p.lat, 4), round(p.lon, 4))
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out[:limit]


def add_missed_place(store: Store, article_id: str, surface: str, place: Place, *,
                     event_id: str = "", role: str = "site", note: str = "",
                     geocoder: Any = None) -> int:
    """Store a place name the machine missed, in one transaction.

    Every occurrence of ``surface`` in the article becomes a mention (origin ``correction``;
    occurrences inside a longer stored mention are left alone), the resolution is stored as a
    place correction (so later articles and other stored ones naming it take it), the name
    optionally becomes a place (``role``) of one of the events, and the border distances and
    claim verdicts of every article concerned are recomputed.

    Returns
    -------
    int
        The number of mentions stored in the article.
    """
    text = _article_text(store, article_id)
    surface = " ".join(surface.split())
    spans = _spans_of(text, surface)
    if geocoder is None:
        geocoder = get_geocoder("offline")
    note = note or "added by the analyst"
    refresher = _Refresher(store=store, geocoder=geocoder, rules=border_rules_for(store))
    with store.transaction() as conn:
        if event_id and conn.execute("SELECT 1 FROM events WHERE id = ?",
                                     (event_id,)).fetchone() is None:
            raise ReviewInputError([f"no event {event_id!r}"])
        _, changed = store.record_place_correction(conn, surface, place, note=note)
        stored = [(int(r[0]), int(r[1])) for r in conn.execute(
            "SELECT start, \"end\" FROM mentions WHERE article_id = ?", (article_id,))]
        added = 0
        for start, end in spans:
            if any(s < end and start < e and (s, e) != (start, end) for s, e in stored):
                continue
            store.insert_mention_row(conn, article_id, text[start:end], start, end, surface,
                                     place, metonym=False, locative=False,
                                     origin="correction", note=note)
            added += 1
        if event_id:
            store.add_event_place(conn, event_id, article_id, surface, role, note=note,
                                  origin="correction")
        refresher(conn, changed | {article_id})
    return added


def dismiss_claim(store: Store, article_id: str, start: int, end: int, *,
                  dismissed: bool = True) -> None:
    """Dismiss an article's distance claim (kept, hidden from the map and tables), or restore
    it with ``dismissed=False``."""
    with store.transaction() as conn:
        if not store.set_claim_dismissed(conn, article_id, start, end, dismissed):
            raise ReviewInputError([f"no claim at {start}-{end} in article {article_id!r}"])


def add_claim(store: Store, article_id: str, phrase: str, *, geocoder: Any = None
              ) -> ClaimCheck:
    """Store a distance claim the machine missed, typed as the article words it.

    The phrase must occur in the text; it is read with
    :func:`~geo.extract.claims.find_distance_claims` in its sentence (else on its own), checked
    with :func:`~geo.analysis.pipeline.check_claims` against the article's stored mentions,
    and stored with origin ``analyst`` (it is checked again whenever the article is
    re-measured). One transaction.
    """
    text = _article_text(store, article_id)
    phrase = " ".join(phrase.split())
    if not phrase:
        raise ReviewInputError(["Type the distance as the article states it, e.g. “about 150 "
                                "km from the Polish border”."])
    spans = occurrences(text, phrase)
    if not spans:
        raise ReviewInputError([f"“{phrase}” does not occur in the article text: copy it as "
                                "written."])
    p_start, p_end = spans[0]
    if geocoder is None:
        geocoder = get_geocoder("offline")
    with store.transaction() as conn:
        loaded = _load_article(store, conn, article_id)
        assert loaded is not None
        article, mentions, event_places, _ = loaded
        s_start, s_end, _ = next(((s, e, x) for s, e, x in article.sentences
                                  if s <= p_start < e), (p_start, p_end, ""))
        s_end = max(s_end, p_end)
        found = [replace(c, start=c.start + s_start, end=c.end + s_start)
                 for c in find_distance_claims(text[s_start:s_end])]
        claim = next((c for c in found if c.start < p_end and p_start < c.end), None)
        if claim is None:
            claim = next((replace(c, start=c.start + p_start, end=c.end + p_start)
                          for c in find_distance_claims(text[p_start:p_end])), None)
        if claim is None:
            raise ReviewInputError([
                f"No stated distance could be read in “{phrase}”: it needs a number, a unit "
                "(km, miles, nautical miles) and what it is measured from, e.g. “about 150 km "
                "from the Polish border”."])
        for row in conn.execute("SELECT start, \"end\", dismissed FROM claims WHERE "
                                "article_id = ?", (article_id,)):
            if row[0] < claim.end and claim.start < row[1]:
                raise ReviewInputError([
                    f"“{text[row[0]:row[1]]}” is already listed"
                    + (" as dismissed: restore it there." if row[2] else ".")])
        check = _check_claim(article, mentions, event_places, geocoder, claim)
        store.insert_claim(conn, check, origin="analyst")
    return check


def _partial_date(label: str, value: date | None, precision: str, problems: list[str]
                  ) -> PartialDate:
    if precision not in DATE_PRECISIONS:
        problems.append(f"{label}: the precision must be one of {', '.join(DATE_PRECISIONS)}.")
        return PartialDate(None, "unknown")
    if precision == "unknown" or value is None:
        if value is None and precision != "unknown":
            problems.append(f"{label}: give a date, or set its precision to “unknown”.")
        return PartialDate(None, "unknown")
    return PartialDate(value, precision)


def edit_event_fields(store: Store, event_id: str, *, name: str, type: str,
                      start: date | None, start_precision: str, end: date | None,
                      end_precision: str, participants: str,
                      force: Mapping[str, str] | None = None, note: str = "",
                      version: int | None = None) -> StoredEvent:
    """The analyst's edit of an event from the review form, validated, in one transaction.

    ``participants`` is text such as ``"BY, RU"`` (ISO2 codes or NATO, separated by commas,
    semicolons or spaces); ``force`` maps ``troops``, ``aircraft_helicopters``, ``ships`` and
    ``tanks`` to text such as ``"about 1,500"`` (empty: not stated). Every problem is reported
    at once in a :class:`ReviewInputError`; nothing is stored then.

    ``version`` is the :attr:`~geo.store.sqlite.StoredEvent.version` the analyst opened the
    form on: if someone else saved a change to the event since, nothing is stored and a
    :class:`ReviewInputError` says "changed by someone else since you opened it; reload" (no
    lost update, on either database engine).
    """
    problems: list[str] = []
    name = " ".join(name.split())
    if not name:
        problems.append("Name: must not be empty.")
    if type not in EVENT_TYPES:
        problems.append(f"Type: must be one of {', '.join(EVENT_TYPES)}, not “{type}”.")
    first = _partial_date("Start", start, start_precision, problems)
    last = _partial_date("End", end, end_precision, problems)
    first_day, last_day = first.earliest, last.latest
    if first_day and last_day and last_day < first_day:  # at their precisions
        problems.append(f"End: {last} is before the start, {first}.")
    codes = [c.upper() for c in re.split(r"[\s,;]+", participants) if c]
    bad = [c for c in codes if not PARTICIPANT_CODE.fullmatch(c)]
    if bad:
        problems.append(f"Participants: {', '.join(bad)} — use ISO 3166 two-letter country "
                        "codes (BY, RU, US) or NATO.")
    figures: dict[str, str] = {}
    for key, value in (force or {}).items():
        label = key.replace("_", " ").capitalize()
        if key not in ("troops", "aircraft_helicopters", "ships", "tanks"):
            problems.append(f"{label}: not a force figure field.")
            continue
        try:
            parse_force_figure(value)
        except ValueError:
            problems.append(f"{label}: “{value}” is not a figure (write e.g. “about 30000”, "
                            "“up to 15”, “several thousand”, or leave it empty).")
        figures[key] = value
    if problems:
        raise ReviewInputError(problems)
    if store.event(event_id) is None:
        raise ReviewInputError([f"no event {event_id!r}"])
    try:
        return store.edit_event(event_id, note=note, version=version, name=name, type=type,
                                start=first, end=last, participants=list(dict.fromkeys(codes)),
                                **figures)
    except ConcurrentEditError as exc:
        raise ReviewInputError([str(exc)]) from exc
