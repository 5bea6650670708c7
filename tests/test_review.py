"""The analyst's review of an ingested article (issue 9 item 6), service by service.

Each service of :mod:`geo.services.corrections` is one transaction on a :class:`Store`: a place
the machine missed, "not a place", an event's edit, a claim dismissed or added by hand. The
article is our own; the machine misses "Gorodishche" (a name it does not trust there) and the
distance after "was moved by Gorodishche," (read as a journey).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pyproj import Geod

from geo.geocoders.registry import get_geocoder
from geo.model.event import EVENT_TYPES
from geo.services.corrections import (
    ReviewInputError,
    add_claim,
    add_missed_place,
    apply_place_correction,
    dismiss_claim,
    edit_event_fields,
    missed_place_candidates,
    remeasure_articles,
)
from geo.services.ingest import ingest_text
from geo.store.reading import dataset_from_store
from geo.store.sqlite import SCHEMA_VERSION, Store

REVIEW_ARTICLE = (
    "Belarus drills near Baranovichi\n\n"
    "Belarusian troops began a snap readiness check near Baranovichi on Tuesday, the defence "
    "ministry in Minsk said. About 1,500 troops and 30 tanks take part. "
    "A tank battalion was moved by Gorodishche, about 20 km from Baranovichi. "
    "The range by Gorodishche lies about 150 kilometers from the Polish border.")
EVENT_ID = "m-by-exercise-in-baranovichi"
#: Gorodishche, Baranovichi district (GeoNames): the town 20 km north of Baranovichi.
GORODISHCHE = (53.3246, 26.0079)
_GEOD = Geod(ellps="WGS84")


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return float(_GEOD.inv(a[1], a[0], b[1], b[0])[2]) / 1000


@pytest.fixture(scope="module")
def geocoder():  # type: ignore[no-untyped-def]
    return get_geocoder("offline")


@pytest.fixture
def store(tmp_path: Path, geocoder) -> Store:  # type: ignore[no-untyped-def]
    s = Store(tmp_path / "review.sqlite")
    ingest_text(REVIEW_ARTICLE, published="2024-03-12", store=s, geocoder=geocoder)
    return s


def article_id(store: Store) -> str:
    return str(store.articles()[-1]["id"])


def claim(store: Store, text: str) -> dict:  # type: ignore[type-arg]
    return next(c for c in store.claims(article_id(store)) if c["text"] == text)


def test_the_machine_misses_what_the_analyst_adds(store: Store) -> None:
    aid = article_id(store)
    assert not [m for m in store.mentions(aid) if m["surface"] == "Gorodishche"]
    assert [c["text"] for c in store.claims(aid)] == ["about 150 kilometers from the Polish border"]
    # The 150 km claim is measured from Baranovichi, the last site named before it.
    assert claim(store, "about 150 kilometers from the Polish border")["computed_km"] == (
        pytest.approx(141.2, abs=0.5))
    assert int(store.meta("schema_version") or 0) == SCHEMA_VERSION == 6


def test_missed_place_candidates_are_ranked_and_validated(store: Store, geocoder) -> None:  # type: ignore[no-untyped-def]
    aid = article_id(store)
    found = missed_place_candidates(store, aid, "Gorodishche", geocoder=geocoder)
    assert found[0].name == "Gorodishche" and found[0].country_code == "BY"  # BY first: bias
    assert km((found[0].lat, found[0].lon), GORODISHCHE) < 1
    with pytest.raises(ReviewInputError, match="does not occur in the article text"):
        missed_place_candidates(store, aid, "gorodishche")  # exactly as written
    with pytest.raises(ReviewInputError, match="does not occur"):
        missed_place_candidates(store, aid, "Slonim")
    with pytest.raises(ReviewInputError, match="Type the place name"):
        missed_place_candidates(store, aid, "  ")


def test_add_missed_place_stores_mentions_correction_and_remeasures(
        store: Store, geocoder, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    aid = article_id(store)
    place = missed_place_candidates(store, aid, "Gorodishche", geocoder=geocoder)[0]
    added = add_missed_place(store, aid, "Gorodishche", place, event_id=EVENT_ID,
                             note="the town north of Baranovichi", geocoder=geocoder)
    assert added == 2  # every occurrence
    rows = [m for m in store.mentions(aid) if m["surface"] == "Gorodishche"]
    assert [m["origin"] for m in rows] == ["correction", "correction"]
    assert all(km((m["lat"], m["lon"]), GORODISHCHE) < 1 for m in rows)
    # Stored for later articles.
    assert store.place_corrections()["gorodishche"].name == "Gorodishche"  # type: ignore[union-attr]
    # Re-measured: the new site's border distance, and the claim is now about Gorodishche.
    to_pl = next(d for d in store.site_distances(EVENT_ID)
                 if d["surface"] == "Gorodishche" and d["border_iso2"] == "PL")
    assert to_pl["distance_km"] == pytest.approx(142.5, abs=0.5)
    c = claim(store, "about 150 kilometers from the Polish border")
    assert (c["subject"], c["verdict"]) == ("Gorodishche", "consistent")
    assert c["computed_km"] == pytest.approx(142.5, abs=0.5)
    ds = dataset_from_store(store)
    assert ds.mention_place(aid, "Gorodishche").name == "Gorodishche"  # type: ignore[union-attr]
    # A later article naming it gets the analyst's place.
    later = ingest_text("Belarusian reservists trained near Gorodishche on Friday.",
                        published="2024-03-15", store=store, geocoder=geocoder)
    m = next(m for m in store.mentions(later.article_id) if m["surface"] == "Gorodishche")
    assert m["origin"] == "correction" and km((m["lat"], m["lon"]), GORODISHCHE) < 1


def test_add_missed_place_rejects_unknown_event(store: Store, geocoder) -> None:  # type: ignore[no-untyped-def]
    aid = article_id(store)
    place = missed_place_candidates(store, aid, "Gorodishche", geocoder=geocoder)[0]
    with pytest.raises(ReviewInputError, match="no event"):
        add_missed_place(store, aid, "Gorodishche", place, event_id="m-nope")
    assert not [m for m in store.mentions(aid) if m["surface"] == "Gorodishche"]  # rolled back
    assert "gorodishche" not in store.place_corrections()


def test_not_a_place_removes_mentions_and_remeasures(store: Store, geocoder) -> None:  # type: ignore[no-untyped-def]
    aid = article_id(store)
    apply_place_correction(store, "Baranovichi", None, geocoder=geocoder)
    assert not [m for m in store.mentions(aid) if m["surface"] == "Baranovichi"]
    assert not store.site_distances(EVENT_ID)
    c = claim(store, "about 150 kilometers from the Polish border")
    assert c["verdict"] == "unchecked" and c["computed_km"] is None


def test_add_claim_the_machine_missed(store: Store, geocoder) -> None:  # type: ignore[no-untyped-def]
    aid = article_id(store)
    check = add_claim(store, aid, "about 20 km  from Baranovichi", geocoder=geocoder)
    assert check.claim.text == "about 20 km from Baranovichi"
    assert check.claim.direction == "" and check.claim.stated_km == 20
    # No Gorodishche mention yet: no site named before it, so it cannot be checked.
    assert check.verdict is None and check.problem == "no resolved site named before the distance"
    stored = claim(store, "about 20 km from Baranovichi")
    assert (stored["origin"], stored["verdict"]) == ("analyst", "unchecked")
    # Once Gorodishche is added, the re-measurement checks the added claim again: 21 km.
    place = missed_place_candidates(store, aid, "Gorodishche", geocoder=geocoder)[0]
    add_missed_place(store, aid, "Gorodishche", place, geocoder=geocoder)
    stored = claim(store, "about 20 km from Baranovichi")
    assert stored["subject"] == "Gorodishche" and stored["verdict"] == "consistent"
    assert stored["computed_km"] == pytest.approx(21.4, abs=0.5)
    assert stored["origin"] == "analyst"
    ds = dataset_from_store(store)
    assert any(c.claim.text == "about 20 km from Baranovichi" for c in ds.claims)


def test_add_claim_validates(store: Store, geocoder) -> None:  # type: ignore[no-untyped-def]
    aid = article_id(store)
    with pytest.raises(ReviewInputError, match="does not occur"):
        add_claim(store, aid, "30 km from Minsk", geocoder=geocoder)
    with pytest.raises(ReviewInputError, match="No stated distance could be read"):
        add_claim(store, aid, "About 1,500 troops", geocoder=geocoder)
    with pytest.raises(ReviewInputError, match="already listed"):
        add_claim(store, aid, "150 kilometers from the Polish border", geocoder=geocoder)
    with pytest.raises(ReviewInputError, match="Type the distance"):
        add_claim(store, aid, "", geocoder=geocoder)


def test_dismissed_claim_is_hidden_kept_and_survives_remeasuring(store: Store, geocoder) -> None:  # type: ignore[no-untyped-def]
    aid = article_id(store)
    c = claim(store, "about 150 kilometers from the Polish border")
    dismiss_claim(store, aid, c["start"], c["end"])
    assert claim(store, c["text"])["dismissed"] == 1
    assert not [x for x in dataset_from_store(store).claims if x.article_id == aid]
    with store.transaction() as conn:
        remeasure_articles(store, conn, [aid], geocoder=geocoder)
    assert claim(store, c["text"])["dismissed"] == 1
    with pytest.raises(ReviewInputError, match="as dismissed"):
        add_claim(store, aid, c["text"], geocoder=geocoder)
    dismiss_claim(store, aid, c["start"], c["end"], dismissed=False)
    assert [x.claim.text for x in dataset_from_store(store).claims if x.article_id == aid] == [
        c["text"]]
    with pytest.raises(ReviewInputError, match="no claim"):
        dismiss_claim(store, aid, 0, 1)


def test_edit_event_fields_stores_a_valid_edit(store: Store) -> None:
    stored = edit_event_fields(
        store, EVENT_ID, name=" Snap check  Baranovichi ", type="land",
        start=date(2024, 3, 12), start_precision="day", end=date(2024, 3, 1),
        end_precision="month", participants="by; ru NATO",
        force={"troops": "about 1,500", "tanks": "30", "ships": ""}, note="from the text")
    e = stored.event
    assert stored.review == "edited" and e.name == "Snap check Baranovichi"
    assert (e.start.value, e.start.precision) == (date(2024, 3, 12), "day")
    assert (e.end.value, e.end.precision) == (date(2024, 3, 1), "month")
    assert e.participants == ("BY", "RU", "NATO")
    assert e.troops is not None and e.troops.value == 1500 and e.troops.qualifier == "about"
    assert e.tanks is not None and e.tanks.value == 30 and e.ships is None
    assert store.corrections()[-1]["note"] == "from the text"


def test_edit_event_fields_reports_every_problem_and_stores_nothing(store: Store) -> None:
    before = store.event(EVENT_ID)
    with pytest.raises(ReviewInputError) as info:
        edit_event_fields(store, EVENT_ID, name=" ", type="space", start=date(2024, 3, 12),
                          start_precision="day", end=date(2024, 3, 10), end_precision="day",
                          participants="BY, Belarus", force={"troops": "lots"})
    problems = info.value.problems
    assert problems == (
        "Name: must not be empty.",
        f"Type: must be one of {', '.join(EVENT_TYPES)}, not “space”.",
        "End: 2024-03-10 is before the start, 2024-03-12.",
        "Participants: BELARUS — use ISO 3166 two-letter country codes (BY, RU, US) or NATO.",
        "Troops: “lots” is not a figure (write e.g. “about 30000”, “up to 15”, “several "
        "thousand”, or leave it empty).")
    with pytest.raises(ReviewInputError, match="Start: give a date"):
        edit_event_fields(store, EVENT_ID, name="x", type="land", start=None,
                          start_precision="day", end=None, end_precision="unknown",
                          participants="")
    assert store.event(EVENT_ID) == before
