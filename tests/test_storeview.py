"""The database as a Dataset (geo.store.reading): as the files, reviews, corrections, map marks."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from conftest import BY_DRILL_ARTICLE

from geo.analysis.pipeline import build_dataset
from geo.model.dataset import Dataset
from geo.model.event import MACHINE_TAG
from geo.model.place import Place
from geo.render.maps import MapOptions, build_map, map_html
from geo.render.tables import claims_frame, events_frame, events_table, places_frame
from geo.render.views import article_review, event_detail
from geo.services.corrections import apply_place_correction, correction_choices
from geo.services.ingest import ingest_text, ingest_uploads
from geo.services.seed import seed_database
from geo.store.reading import dataset_from_store
from geo.store.sqlite import Store

ARTICLE = BY_DRILL_ARTICLE
PUBLISHED = "2024-03-12"


@pytest.fixture(scope="module")
def files_ds() -> Dataset:
    return build_dataset()


@pytest.fixture
def store(new_db: str) -> Iterator[Store]:
    """A new database, seeded from the bundled data: SQLite, then PostgreSQL."""
    with Store(new_db) as s:
        seed_database(s)
        yield s


def _ingest(store: Store) -> tuple[str, str]:
    result = ingest_text(ARTICLE, published=PUBLISHED, store=store)
    assert result.status == "ingested", result.message
    (event,) = result.events
    assert event.created
    return result.article_id, event.event_id


def test_dataset_from_store_equals_build_dataset(files_ds: Dataset, store: Store) -> None:
    ds = dataset_from_store(store)
    a, b = files_ds, ds
    assert [e.id for e in b.events] == [e.id for e in a.events]
    assert b.events == a.events  # names, dates with precision, participants, force figures
    assert not any(e.machine_extracted for e in b.events)
    assert [x.id for x in b.articles] == [x.id for x in a.articles]
    for x, y in zip(a.articles, b.articles, strict=True):
        assert (y.title, y.text, y.file, y.published, y.published_precision, y.date_basis) == (
            x.title, x.text, x.file, x.published, x.published_precision, x.date_basis)
    assert b.sources == a.sources
    assert b.event_places == a.event_places
    # Place resolutions: every mention, span and sentence (kind_hint is not stored).
    assert b.mentions == [dataclasses.replace(m, kind_hint="") for m in a.mentions]
    assert [b.places_of(e.id) for e in b.events] == [a.places_of(e.id) for e in a.events]
    assert len(b.measurements) == len(a.measurements) > 0
    for x, y in zip(a.measurements, b.measurements, strict=True):
        assert (y.event_id, y.surface, y.border_iso2) == (x.event_id, x.surface, x.border_iso2)
        assert y.distance_km == pytest.approx(x.distance_km, abs=1e-6)
        assert (y.nearest_lat, y.nearest_lon) == pytest.approx((x.nearest_lat, x.nearest_lon))
        assert y.label == x.label
    assert [(c.article_id, c.claim, c.subject_surface, c.subject, c.event_ids, c.label)
            for c in b.claims] == [(c.article_id, c.claim, c.subject_surface, c.subject,
                                    c.event_ids, c.label) for c in a.claims]
    assert [c.verdict for c in b.claims] == [c.verdict for c in a.claims]
    # The tables the app shows, and the GeoJSON every export starts from.
    assert events_frame(b).equals(events_frame(a))
    assert claims_frame(b).equals(claims_frame(a))
    assert places_frame(b).equals(places_frame(a))
    assert b.to_geojson() == a.to_geojson()


def test_unreviewed_events_are_marked_accepted_normal_rejected_gone(store: Store) -> None:
    article_id, event_id = _ingest(store)
    n = len(dataset_from_store(store, include_unreviewed=False).events)
    ds = dataset_from_store(store)
    assert len(ds.events) == n + 1
    assert ds.event_by_id[event_id].machine_extracted
    assert events_table(ds).set_index("id").loc[event_id, "review"] == MACHINE_TAG
    assert event_detail(ds, event_id).facts[0] == ("Review", MACHINE_TAG)
    assert sorted(m.border_iso2 for m in ds.measurements_of(event_id)) == ["LT", "LV", "PL", "UA"]
    (claim,) = ds.claims_of(event_id)
    assert claim.verdict is not None and claim.verdict.verdict == "consistent"

    store.accept_event(event_id)
    ds = dataset_from_store(store, include_unreviewed=False)
    assert len(ds.events) == n + 1 and not ds.event_by_id[event_id].machine_extracted

    store.reject_event(event_id)
    assert event_id not in dataset_from_store(store).event_by_id
    assert article_id in dataset_from_store(store).article_by_id  # the article stays


def test_map_marks_machine_extracted_events(store: Store) -> None:
    _, event_id = _ingest(store)
    ds = dataset_from_store(store)
    page = map_html(build_map(ds, MapOptions(event_ids=(event_id,))))
    assert f'<div class="machine">{MACHINE_TAG}</div>' in page  # popup
    assert f"Baranovichi (site) — {MACHINE_TAG}" in page  # tooltip
    assert f"dotted outline: {MACHINE_TAG}" in page  # legend
    store.accept_event(event_id)
    page = map_html(build_map(dataset_from_store(store), MapOptions(event_ids=(event_id,))))
    assert MACHINE_TAG not in page


def test_article_review_lists_candidates_claims_and_highlights(store: Store) -> None:
    article_id, event_id = _ingest(store)
    view = article_review(dataset_from_store(store), store.events(include_rejected=True),
                          article_id)
    (cand,) = view.candidates
    facts = dict(cand.facts)
    assert cand.actionable and not cand.matched and cand.event_id == event_id
    assert facts["Review"] == MACHINE_TAG
    assert facts["Dates"] == "2024-03-12 (day) — “on Tuesday”"
    assert facts["Participants"] == "BY"
    assert facts["Places"].startswith("Baranovichi (site) → Baranovichi, BY (city")
    assert (facts["Troops"], facts["Tanks"]) == ("About 1,500", "30")
    assert '<mark title="Baranovichi, BY (city' in view.text_html
    assert "consistent" in view.claims[0]
    assert {row["surface"] for row in view.places} >= {"Baranovichi", "Minsk", "Polish border"}


def test_a_second_report_matches_and_says_why(store: Store) -> None:
    article_id, event_id = _ingest(store)
    again = ingest_text(ARTICLE.replace("Belarus holds", "Belarusian army holds"),
                        published=PUBLISHED, store=store)
    (event,) = again.events
    assert event.event_id == event_id and not event.created
    view = article_review(dataset_from_store(store), store.events(include_rejected=True),
                          again.article_id)
    assert "same place 'baranovichi'" in view.candidates[0].matched


def test_not_a_place_correction_removes_distances_and_unchecks_the_claim(store: Store) -> None:
    article_id, event_id = _ingest(store)
    changed = apply_place_correction(store, "Baranovichi", None, note="test")
    assert changed == 3  # the three mentions in the article
    assert store.place_corrections() == {"baranovichi": None}
    ds = dataset_from_store(store)
    assert ds.measurements_of(event_id) == []
    (claim,) = [c for c in ds.claims if c.article_id == article_id]
    assert claim.verdict is None and "no resolved site" in claim.problem
    assert store.corrections()[-1]["action"] == "not a place"


def test_moving_a_site_remeasures_in_the_same_transaction(store: Store) -> None:
    _, event_id = _ingest(store)
    before = {m.border_iso2: m.distance_km for m in dataset_from_store(store).measurements}
    brest = Place(name="Brest", lat=52.0976, lon=23.7341, country_code="BY", kind="city",
                  precision_km=5.0, source="test")
    apply_place_correction(store, "Baranovichi", brest)
    after = dataset_from_store(store).measurements_of(event_id)
    assert {m.place_name for m in after} == {"Brest"}
    by_border = {m.border_iso2: m.distance_km for m in after}
    assert by_border["PL"] < 10 < before["PL"]  # Brest is on the Polish border
    # Reused for the next article naming it:
    again = ingest_text(ARTICLE.replace("snap", "surprise"), published=PUBLISHED, store=store)
    assert {m.place.name for m in again.mentions if m.surface == "Baranovichi"} == {"Brest"}


def test_correction_choices_offer_the_other_candidates(store: Store) -> None:
    article_id, _ = _ingest(store)
    names = [p.name for p in correction_choices(dataset_from_store(store), article_id, "Minsk")]
    assert names[0] == "Minsk" and "Mińsk Mazowiecki" in names


def test_change_token_moves_on_own_and_other_commits(store: Store) -> None:
    first = store.change_token()
    assert store.change_token() == first
    _ingest(store)
    second = store.change_token()
    assert second != first
    with Store(store.location) as other:  # another process's ingest, in effect
        other.log_ingest("x.txt", None, "error", "test")
    assert store.change_token() != second


def test_ingest_uploads_reports_each_file_and_progress(store: Store) -> None:
    seen: list[tuple[int, int, str]] = []
    batch = ingest_uploads([("good.txt", ARTICLE.encode()), ("scan.txt", b"\x00\x01\x02" * 50),
                            ("empty.md", b"  \n")], published=PUBLISHED, store=store,
                           progress=lambda *a: seen.append(a))
    assert [r.status for r in batch.results] == ["ingested", "error", "error"]
    assert batch.results[1].message == "scan.txt: binary file, not text"
    assert "empty file" in batch.results[2].message
    assert seen == [(1, 3, "good.txt"), (2, 3, "scan.txt"), (3, 3, "empty.md")]
    assert store.articles()[-1]["file"] == "good.txt"
    assert [r["status"] for r in store.ingest_log()] == ["ingested", "error", "error"]
