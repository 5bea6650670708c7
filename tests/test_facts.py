"""One facts formatter: event_facts on the bundled data, and every output showing its wording."""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from geo.analysis.pipeline import build_dataset
from geo.export.deck import _event_facts
from geo.export.kml import kml_bytes
from geo.model.dataset import Dataset
from geo.model.event import MACHINE_TAG
from geo.render.facts import (
    CLAIM,
    DATES,
    DISTANCES,
    FORCE,
    PARTICIPANTS,
    PLACES,
    REVIEW,
    SOURCES,
    STATUS,
    Fact,
    event_facts,
    events_facts,
    indexed_facts,
    source_line,
)
from geo.render.maplayers import pack_events
from geo.render.maps import _event_popup_html, _measurement_label, _style_for
from geo.render.views import event_detail

RUZHANSKY = "flight-tactical-ruzhansky-2023"
NAVAL = "naval-interaction-2022"
KML = "{http://www.opengis.net/kml/2.2}"

RUZHANSKY_DISTANCES = ("Ruzhansky training grounds: ~103 km to Ukraine (NE 10m); "
                       "~66 km to Poland (NE 10m); ~119 km to Lithuania (NE 10m); "
                       "~330 km to Latvia (NE 10m)")
RUZHANSKY_CLAIM = ("“about 150 kilometers (93 miles) north of the Ukrainian border” "
                   "(site: Ruzhansky training grounds; article 002) · "
                   "article: ~150 km · measured: 103 km · off by 47 km")


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return build_dataset()


def _by_label(facts: list[Fact]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in facts:
        out.setdefault(f.label, []).append(f.text)
    return out


def test_ruzhansky_facts(ds: Dataset) -> None:
    facts = event_facts(ds, RUZHANSKY)
    assert [f.label for f in facts] == [DATES, STATUS, PARTICIPANTS, FORCE, PLACES, DISTANCES,
                                        CLAIM, SOURCES]
    by = _by_label(facts)
    assert by[DATES] == ["2023 (continue to conduct (2023))"]
    assert by[STATUS] == ["under way · air · exercise"]
    assert by[PARTICIPANTS] == ["Russia, Belarus"]
    assert by[FORCE] == ["not stated"]
    assert by[PLACES] == ["Ruzhansky training grounds (site) = Ruzhansky training grounds, "
                          "±20 km"]
    assert by[DISTANCES] == [RUZHANSKY_DISTANCES]
    assert "~103 km to Ukraine (NE 10m)" in by[DISTANCES][0]
    assert by[CLAIM] == [RUZHANSKY_CLAIM]
    assert by[SOURCES] == ["2 quotes from 1 article"]
    assert all("<" not in f.text for f in facts)  # plain text, never HTML


def test_naval_facts(ds: Dataset) -> None:
    by = _by_label(event_facts(ds, NAVAL))
    assert REVIEW not in by
    assert by[PARTICIPANTS] == ["Russia, People's Republic of China"]  # Natural Earth's names
    assert by[DATES] == ["2022-12-21 to 2022-12-27 (from 21-27 December)"]
    assert by[STATUS] == ["announced · naval · exercise"]
    assert by[FORCE] == ["ships: 11; ships by side: RU: 5, CN: 6; named ships: the flagship of "
                         "the Pacific Fleet ('the Order of Nakhimov' as the article renders it)"]
    assert by[PLACES] == ["East China Sea (site) = East China Sea, ±400 km"]
    assert by[DISTANCES] == ["none measured (no border rule covers this place)"]
    assert by[CLAIM] == ["the sources state no distance"]
    assert by[SOURCES] == ["3 quotes from 1 article"]


def test_facts_say_what_is_missing(ds: Dataset) -> None:
    by = _by_label(event_facts(ds, "large-scale-drills-2021-09"))
    assert by[PLACES] == ["site not stated"]
    assert by[DISTANCES] == ["none (no located site)"]
    assert by[SOURCES] == ["3 quotes from 2 articles"]


def test_claims_can_be_given(ds: Dataset) -> None:
    assert _by_label(event_facts(ds, RUZHANSKY, claims=[]))[CLAIM] == [
        "the sources state no distance"]


def test_machine_extracted_events_lead_with_the_review_mark(ds: Dataset) -> None:
    events = [replace(e, machine_extracted=True) if e.id == NAVAL else e for e in ds.events]
    facts = event_facts(replace(ds, events=events), NAVAL)
    assert facts[0] == Fact(REVIEW, MACHINE_TAG)


def test_events_facts_equal_event_facts_event_by_event(ds: Dataset) -> None:
    """The packed layer's batched facts are the per-event facts, review marks included."""
    events = [replace(e, machine_extracted=True) if e.id == NAVAL else e for e in ds.events]
    marked = replace(ds, events=events)
    ids = [e.id for e in marked.events]
    batched = events_facts(marked, ids)
    assert len(batched) == len(ids) > 10
    assert batched == [event_facts(marked, i) for i in ids]
    assert batched[ids.index(NAVAL)][0] == Fact(REVIEW, MACHINE_TAG)


def test_indexed_facts_store_each_distinct_fact_once(ds: Dataset) -> None:
    """The packed layer's table: every fact once, events sharing a fact share its index."""
    ids = [e.id for e in ds.events]
    table, rows = indexed_facts(ds, ids)
    assert len(table.facts) == len(set(table.facts))
    assert [[table.facts[i] for i in row] for row in rows] == [event_facts(ds, i) for i in ids]
    statuses = {ds.event_by_id[i].status for i in ids}
    status_rows = {table.facts[i].text for row in rows for i in row
                   if table.facts[i].label == STATUS}
    assert len(status_rows) < len(ids)  # shared status lines are stored once
    assert {t.split(" · ")[0] for t in status_rows} == statuses


def test_source_line(ds: Dataset) -> None:
    assert source_line(ds, "002") == ("article 002, “Russia increases joint military drills "
                                      "with Belarus”, 2023")
    assert source_line(ds, "002", title=False) == "article 002, 2023"
    assert source_line(ds, "no-such-article") == "article no-such-article, undated"


def _kml_description(ds: Dataset, event_id: str) -> str:
    root = ET.fromstring(kml_bytes(ds))
    for pm in root.iter(f"{KML}Placemark"):
        data = {d.get("name"): d.findtext(f"{KML}value") for d in pm.iter(f"{KML}Data")}
        if data.get("event_id") == event_id:  # the text a KML viewer shows (it reads HTML)
            return html.unescape((pm.findtext(f"{KML}description") or "").replace("<br>", "\n"))
    raise AssertionError(f"no placemark for {event_id}")


def _slide_text(ds: Dataset, event_id: str) -> str:
    return "\n".join("".join(text for text, _ in para)
                     for para in _event_facts(ds, event_id, ds.claims_of(event_id)))


def _packed_facts(ds: Dataset, event_id: str) -> list[str]:
    packed = pack_events(ds, [event_id], style_of=lambda i: _style_for(ds, i),
                         measurement_label=lambda x: _measurement_label(x, []))
    (labels, label_of, text_of), (fact_ids,) = packed[5], packed[7][4]  # the facts column
    return [f"{labels[label_of[i]]}: {text_of[i]}" for i in fact_ids]


@pytest.mark.parametrize("event_id", [RUZHANSKY, NAVAL, "large-scale-drills-2021-09"])
def test_every_output_shows_the_same_facts(ds: Dataset, event_id: str) -> None:
    facts = event_facts(ds, event_id)
    lines = [f"{f.label}: {f.text}" for f in facts]
    popup = html.unescape(_event_popup_html(ds, event_id).replace("<b>", "")
                          .replace("</b>", ""))
    kml = _kml_description(ds, event_id)  # a "Not located" placemark has one too
    slide = _slide_text(ds, event_id)
    packed = _packed_facts(ds, event_id)
    detail = event_detail(ds, event_id)
    detail_text = "\n".join([*(f"{k}: {v}" for k, v in detail.facts),
                             *(f"{DISTANCES}: {d}" for d in detail.distances),
                             *(f"{CLAIM}: {c}" for c in detail.claims)])
    for line in lines:
        assert line in popup, line
        assert line in kml, line
        assert line in slide, line
        assert line in packed, line
        assert line in detail_text, line


def test_distance_and_claim_strings_are_shared(ds: Dataset) -> None:
    popup = html.unescape(_event_popup_html(ds, RUZHANSKY))
    kml = _kml_description(ds, RUZHANSKY)
    slide = _slide_text(ds, RUZHANSKY)
    detail = event_detail(ds, RUZHANSKY)
    for text in (popup, kml, slide):
        assert RUZHANSKY_DISTANCES in text
        assert RUZHANSKY_CLAIM in text
        assert "103 km to Ukraine" in text and "off by 47 km" in text
    assert detail.distances == (RUZHANSKY_DISTANCES,)
    assert detail.claims == (RUZHANSKY_CLAIM,)


def test_the_deck_renders_facts_with_bold_labels(ds: Dataset) -> None:
    paras = _event_facts(ds, RUZHANSKY, ds.claims_of(RUZHANSKY))
    assert [p[0] for p in paras][:3] == [("Dates: ", True), ("Status: ", True),
                                         ("Participants: ", True)]
    assert paras[-1] == [("Sources: ", True), ("2 quotes from 1 article — [1]–[2] below", False)]


def test_packed_facts_of_every_event_are_its_event_facts(ds: Dataset) -> None:
    """The packed layer's facts (made for all events in one pass) are event_facts, event by
    event: review marks, several places, distances and claims included."""
    events = [replace(e, machine_extracted=True) if e.id == NAVAL else e for e in ds.events]
    marked = replace(ds, events=events)
    ids = [e.id for e in marked.events]
    packed = pack_events(marked, ids, style_of=lambda i: _style_for(marked, i),
                         measurement_label=lambda x: _measurement_label(
                             x, marked.claims_of(x.event_id)))
    (labels, label_of, text_of), rows = packed[5], packed[7][4]
    assert len(text_of) == len(set(zip(label_of, text_of, strict=True)))  # each fact once
    assert [[Fact(labels[label_of[i]], text_of[i]) for i in row] for row in rows] == [
        event_facts(marked, i) for i in ids]
    assert any(marked.claims_of(i) for i in ids)  # the claims' branch was taken
    assert any(len(marked.places_of(i)) > 1 for i in ids)  # and the several places'
    assert Fact(REVIEW, MACHINE_TAG) in [Fact(labels[label_of[i]], text_of[i])
                                         for i in rows[ids.index(NAVAL)]]
