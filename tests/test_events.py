"""Curated events: values, evidence and strict validation of data/ rows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from geo.errors import DataFormatError
from geo.inputs.articles import load_article_metadata, load_articles
from geo.inputs.curated import (
    check_evidence,
    load_event_places,
    load_event_sources,
    load_events,
    load_mentions,
)
from geo.model.event import parse_force_figure

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture(scope="module")
def curated():
    articles, errors = load_articles((ROOT / "seeds").glob("*.txt"), root=ROOT,
                                     metadata=load_article_metadata(DATA / "articles.csv"))
    assert errors == []
    return (
        {a.id: a for a in articles},
        {e.id: e for e in load_events(DATA / "events.csv")},
        load_event_sources(DATA / "event_sources.csv"),
        load_event_places(DATA / "event_places.csv"),
        load_mentions(DATA / "mentions.csv"),
    )


def test_every_event_has_a_verbatim_quote(curated):
    articles, events, sources, places, mentions = curated
    assert check_evidence(articles.values(), list(events.values()), sources, places,
                          mentions) == []
    for event_id in events:
        quotes = [s for s in sources if s.event_id == event_id]
        assert quotes, event_id
        for s in quotes:
            assert s.quote in articles[s.article_id].text


def test_expected_events_present(curated):
    _, events, sources, _, _ = curated
    assert len(events) == 14
    assert sum(e.category == "exercise" for e in events.values()) == 12
    naval = events["naval-interaction-2022"]
    assert naval.name == "Naval Interaction-2022" and naval.type == "naval"
    assert naval.date_range == (date(2022, 12, 21), date(2022, 12, 27))
    assert dict(naval.ships_by_side) == {"RU": 5, "CN": 6}
    big = events["large-scale-drills-2021-09"]
    assert (big.troops.value, big.troops.qualifier) == (200_000, "up to")
    assert (big.aircraft_helicopters.value, big.ships.value, big.tanks.value) == (80, 15, 300)
    feb = events["joint-drills-2022-02"]
    assert feb.troops.value == 30_000
    assert {s.article_id for s in sources if s.event_id == feb.id} == {"000", "002", "004"}
    assert events["union-shield-2023"].status == "planned"
    assert events["training-centres-decree-2023"].category == "context"
    assert events["joint-regional-force-2022-10"].category == "context"
    assert events["command-staff-week-2023"].type == "command-staff"
    assert events["joint-air-patrol-2021-12-29"].type == "patrol"


def test_same_exercise_in_two_articles_is_one_event(curated):
    _, events, sources, _, _ = curated
    announced = {s.article_id for s in sources if s.event_id == "announced-drills-2022-early"}
    assert announced == {"001", "003"}
    assert events["naval-interaction-2022"].name == "Naval Interaction-2022"


def test_force_figure_parser():
    assert parse_force_figure("about 30000").value == 30_000
    assert parse_force_figure("several thousand").value is None
    assert parse_force_figure("several thousand").qualifier == "several"
    assert parse_force_figure("") is None
    with pytest.raises(ValueError, match="not a force figure"):
        parse_force_figure("lots")


def _with_row(tmp_path, name, line_no, row):
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    lines.insert(line_no - 1, row)
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD = ("x-1,X,stated,exercise,land,2022-01,month,2022-01,month,,held,RU,,,,,,,,")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (GOOD.replace("land", "space"), "type must be one of"),
        (GOOD.replace("held", "rumoured"), "status must be one of"),
        (GOOD.replace(",RU,", ",Russia,"), "participants must be ISO2"),
        (GOOD.replace("2022-01,month,2022-01", "2022-01-40,day,2022-01"), "day is out of range"),
        (GOOD.replace("2022-01,month,2022-01,month", "2022-05,month,2022-01,month"),
         "before start"),
        (GOOD.replace("RU,,,,", "RU,lots,,,"), "troops"),
        (GOOD.replace("x-1", "naval-interaction-2022"), "duplicate id"),
        (GOOD + ",extra", "fields, header has"),
    ],
)
def test_malformed_event_row_rejected_with_line(tmp_path, row, message):
    path = _with_row(tmp_path, "events.csv", 5, row)
    with pytest.raises(DataFormatError, match="line 5") as info:
        load_events(path)
    assert message in str(info.value)


def test_malformed_place_and_mention_rows(tmp_path):
    path = _with_row(tmp_path, "event_places.csv", 3, "naval-interaction-2022,000,Sea,harbour,")
    with pytest.raises(DataFormatError, match="line 3.*role must be one of"):
        load_event_places(path)
    path = _with_row(tmp_path, "mentions.csv", 4, "000,Belarus,,country,")
    with pytest.raises(DataFormatError, match="line 4.*duplicate mention"):
        load_mentions(path)


def test_quote_not_in_article_is_reported(curated, tmp_path):
    articles, events, sources, places, mentions = curated
    path = _with_row(tmp_path, "event_sources.csv", 2,
                     "naval-interaction-2022,000,Russia and China will hold drills on the Moon.")
    problems = check_evidence(articles.values(), list(events.values()),
                              load_event_sources(path), places, mentions, data_dir=tmp_path)
    assert len(problems) == 1
    assert "event_sources.csv, line 2" in problems[0] and "not found verbatim" in problems[0]
