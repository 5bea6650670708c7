"""View models beside the map: escaping and highlighting, detail, rows, counts, range rings."""

from __future__ import annotations

import pytest

from geo.analysis.filters import InvalidFilterError
from geo.analysis.pipeline import build_dataset
from geo.model.dataset import Dataset
from geo.render.tables import claims_frame, events_frame, select_rows
from geo.render.views import (
    article_html,
    event_detail,
    has_point_site,
    highlight_html,
    parse_radii_km,
    summary,
    unmapped_events,
)

RUZHANSKY = "flight-tactical-ruzhansky-2023"


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return build_dataset()


@pytest.mark.parametrize(("text", "expected"), [
    ("50, 150, 300", (50.0, 150.0, 300.0)),
    ("300/50 150km", (50.0, 150.0, 300.0)),
    ("  ", ()),
    ("100, 100", (100.0,)),
    ("2.5", (2.5,)),
])
def test_parse_radii_km(text: str, expected: tuple[float, ...]) -> None:
    assert parse_radii_km(text) == expected


@pytest.mark.parametrize("text", ["fifty", "-5", "0", "6000", "nan", "1 2 3 4 5 6 7 8 9"])
def test_parse_radii_km_rejects(text: str) -> None:
    with pytest.raises(InvalidFilterError):
        parse_radii_km(text)


def test_highlight_escapes_text_and_titles() -> None:
    text = "<script>x()</script> near Minsk & Brest"
    out = highlight_html(text, [(26, 31, 'Minsk "BY"'), (34, 39, "<b>")])
    assert "<script>" not in out
    assert out.startswith("&lt;script&gt;x()&lt;/script&gt; near ")
    assert '<mark title="Minsk &quot;BY&quot;">Minsk</mark> &amp; ' in out
    assert '<mark title="&lt;b&gt;">Brest</mark>' in out


def test_highlight_skips_overlapping_and_bad_spans() -> None:
    out = highlight_html("abcdef", [(0, 3, "a"), (2, 4, "b"), (5, 99, "c"), (4, 4, "d")])
    assert out == '<mark title="a">abc</mark>def'


def test_event_detail_ruzhansky(ds: Dataset) -> None:
    detail = event_detail(ds, RUZHANSKY)
    assert dict(detail.facts)["Participants"] == "Russia, Belarus"  # one wording: event_facts
    assert [s.article_id for s in detail.sources] == ["002"]
    quotes = detail.sources[0].quotes_html
    assert len(quotes) == 2
    assert ">Ruzhansky training grounds</mark>" in quotes[1]
    assert detail.sources[0].published == "2023 (derived from the article)"
    row = detail.places[0]
    assert row["resolved to"] == "Ruzhansky training grounds"
    assert row["precision (km)"] == 20.0
    assert "Ruzhany" in row["note"]
    assert any("103 km to Ukraine (NE 10m)" in d for d in detail.distances)
    assert any("off by 47 km" in c for c in detail.claims)


def test_article_html_is_paragraphs(ds: Dataset) -> None:
    out = article_html(ds, "002")
    assert out.startswith("<p>") and out.endswith("</p>")
    assert out.count("<mark") > 5


def test_select_rows(ds: Dataset) -> None:
    events = select_rows(events_frame(ds), ["union-shield-2023", "naval-interaction-2022"])
    assert list(events["id"]) == ["naval-interaction-2022", "union-shield-2023"]
    claims = select_rows(claims_frame(ds), [RUZHANSKY], column="events", sep=";")
    assert list(claims["verdict"]) == ["flagged"]
    assert select_rows(claims_frame(ds), ["union-shield-2023"], column="events", sep=";").empty


def test_unmapped_and_summary(ds: Dataset) -> None:
    ids = [e.id for e in ds.events]
    assert unmapped_events(ds, ids) == [
        "strategic-missile-exercise-2022-02", "large-scale-drills-2021-09",
        "command-staff-week-2023", "training-centres-decree-2023"]
    assert summary(ds, ids) == {"events": 14, "exercises": 12, "context": 2, "articles": 5,
                                "claims": 1, "flagged": 1}


@pytest.mark.parametrize(("event_id", "expected"), [
    (RUZHANSKY, True), ("announced-drills-2022-early", True),  # announced at St. Petersburg
    ("naval-interaction-2022", False), ("union-shield-2023", False),  # areas
    ("large-scale-drills-2021-09", False),  # no place
])
def test_has_point_site(ds: Dataset, event_id: str, expected: bool) -> None:
    assert has_point_site(ds, event_id) is expected
