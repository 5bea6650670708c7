"""The evaluation against the gold corpus: matching rules, corpus checks, the CLI command."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pyproj import Geod

from geo.cli import main
from geo.errors import DataFormatError
from geo.inputs.corpus import (
    GoldArticle,
    GoldClaim,
    GoldEvent,
    GoldNonPlace,
    GoldPlace,
    load_corpus,
    load_gold_article,
)
from geo.services.evaluate import (
    Counts,
    PredictedClaim,
    PredictedEvent,
    PredictedMention,
    Prediction,
    article_bootstrap,
    evaluate_articles,
    match_places,
    normalize_event_name,
    normalize_surface,
    occurrences,
    participant_mismatches,
    score_article,
    score_claim_readings,
    score_claims,
    score_events,
)

CORPUS = Path(__file__).resolve().parent / "corpus"
_GEOD = Geod(ellps="WGS84")


def _gold(text: str, *, places: tuple[GoldPlace, ...] = (),
          non_places: tuple[GoldNonPlace, ...] = (), events: tuple[GoldEvent, ...] = (),
          claims: tuple[GoldClaim, ...] = (), genre: str = "exercise",
          split: str = "dev", theatre: str = "Belarus", id: str = "a") -> GoldArticle:
    return GoldArticle(id=id, url="https://example.org", outlet="x", title="t",
                       published="2024-03-12", theatre=theatre, genre=genre, split=split,
                       text=text, places=places, non_places=non_places, events=events,
                       claims=claims)


def _place(surface: str, kind: str = "city", lat: float | None = 54.0,
           lon: float | None = 28.0, point: bool = True) -> GoldPlace:
    return GoldPlace(surface=surface, kind=kind, lat=lat, lon=lon, point=point)


def _mention(text: str, surface: str, lat: float | None = None, lon: float | None = None,
             *, nth: int = 0, metonym: bool = False) -> PredictedMention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return PredictedMention(surface, start, start + len(surface), lat, lon, metonym)


def _north(km: float, lat: float = 54.0, lon: float = 28.0) -> tuple[float, float]:
    lon2, lat2, _ = _GEOD.fwd(lon, lat, 0.0, km * 1000.0)
    return lat2, lon2


# ------------------------------------------------------------------ normalisation


def test_surface_normalisation_ignores_case_whitespace_and_apostrophes():
    assert normalize_surface("Su’ao") == normalize_surface("su'ao") == "suao"
    assert normalize_surface("  Pskov\n region ") == "pskov region"
    assert normalize_surface("Pskov") != normalize_surface("Pskov region")


def test_event_names_ignore_case_hyphens_and_spaces():
    assert normalize_event_name("Zapad-2021") == normalize_event_name("ZAPAD 2021")
    assert normalize_event_name("Zapad 2021") != normalize_event_name("Zapad 2017")


def test_occurrences_are_whole_words_with_any_whitespace():
    text = "Ulanbaatar, the Pskov\nregion and Ulan."
    assert occurrences(text, "Ulan") == [(33, 37)]
    assert occurrences(text, "Pskov region") == [(16, 28)]
    assert occurrences(text, "Minsk") == []


# ------------------------------------------------------------------ place mentions


def test_span_overlap_pairs_a_partial_mention_and_counts_the_miss():
    text = "Troops drilled in the Pskov region near Ostrov."
    gold = (_place("Pskov region", "region", point=False), _place("Ostrov"))
    pairs, missed, false_hits = match_places(gold, (), text, [_mention(text, "Pskov")])
    assert [(g.surface, p.predicted, p.how) for g, p in pairs] == [
        ("Pskov region", "Pskov", "span")]
    assert missed == [gold[1]] and false_hits == []
    counts = score_article(_gold(text, places=gold),
                           Prediction(text, (_mention(text, "Pskov"),))).counts
    assert (counts.predicted_places, counts.matched_places, counts.gold_places) == (1, 1, 2)
    assert counts.place_precision == 1.0 and counts.place_recall == 0.5
    assert counts.place_f1 == pytest.approx(2 / 3)
    assert counts.span_matches == 1


def test_surface_match_is_case_insensitive_and_distinct_surfaces_count_once():
    text = "BELARUS said on Monday. Troops in Belarus and belarus."
    gold = (_place("BELARUS", "country", point=False),)
    mentions = [_mention(text, "Belarus"), _mention(text, "belarus")]
    pairs, missed, false_hits = match_places(gold, (), text, mentions)
    assert [(p.gold, p.how) for _, p in pairs] == [("BELARUS", "surface")]
    assert missed == [] and false_hits == []


def test_pairs_are_one_to_one():
    # "Belarus" pairs with gold "Belarus" by surface, so it cannot also take
    # "northwestern Belarus" by span: that gold place is missed.
    text = "Belarus and northwestern Belarus."
    gold = (_place("Belarus", "country", point=False),
            _place("northwestern Belarus", "region", point=False))
    mentions = [_mention(text, "Belarus"), _mention(text, "Belarus", nth=1)]
    pairs, missed, _ = match_places(gold, (), text, mentions)
    assert [p.gold for _, p in pairs] == ["Belarus"]
    assert [g.surface for g in missed] == ["northwestern Belarus"]


def test_traps_and_other_false_hits():
    text = "The Admiral Kuznetsov sailed for Zapad, said Tu from Minsk."
    gold = (_place("Minsk"),)
    traps = (GoldNonPlace("Admiral Kuznetsov", "a ship"), GoldNonPlace("Zapad", "exercise"))
    mentions = [_mention(text, "Kuznetsov"), _mention(text, "Zapad"), _mention(text, "Tu"),
                _mention(text, "Minsk")]
    _, missed, false_hits = match_places(gold, traps, text, mentions)
    assert missed == []
    assert false_hits == [("trap", "Kuznetsov"), ("trap", "Zapad"),
                          ("not a gold place", "Tu")]
    score = score_article(_gold(text, places=gold, non_places=traps),
                          Prediction(text, tuple(mentions)))
    assert (score.counts.traps, score.counts.not_gold_places) == (2, 1)
    assert score.counts.place_precision == 0.25


def test_false_hits_flagged_as_metonyms_are_counted():
    text = "Moscow says the drills near Minsk are routine."
    mentions = (_mention(text, "Moscow", metonym=True), _mention(text, "Minsk"))
    score = score_article(_gold(text, places=(_place("Minsk"),),
                                non_places=(GoldNonPlace("Moscow", "government"),)),
                          Prediction(text, mentions))
    assert score.counts.traps == 1 and score.counts.false_hits_metonym == 1


def test_site_precision_and_recall_leave_out_surfaces_flagged_as_a_government():
    text = "Moscow says the drills near Minsk and Kyiv are routine; Kyiv says they are not."
    mentions = (_mention(text, "Moscow", metonym=True), _mention(text, "Minsk"),
                _mention(text, "Kyiv", metonym=True), _mention(text, "Kyiv", nth=1,
                                                               metonym=True))
    score = score_article(_gold(text, places=(_place("Minsk"), _place("Kyiv")),
                                non_places=(GoldNonPlace("Moscow", "government"),)),
                          Prediction(text, mentions))
    c = score.counts
    assert (c.place_precision, c.place_recall) == (2 / 3, 1.0)
    # Moscow and Kyiv are flagged at every mention: neither counts as a predicted site, and
    # the gold place Kyiv, paired only with flagged mentions, counts as missed.
    assert (c.metonym_predictions, c.metonym_matched) == (2, 1)
    assert (c.site_precision, c.site_recall) == (1.0, 0.5)


@pytest.mark.parametrize(("km", "within_25", "within_161"),
                         [(24.9, 1, 1), (25.1, 0, 1), (160.9, 0, 1), (161.1, 0, 0)])
def test_accuracy_at_25_and_161_km(km, within_25, within_161):
    text = "Troops arrived in Baranovichi."
    lat, lon = _north(km)
    score = score_article(_gold(text, places=(_place("Baranovichi"),)),
                          Prediction(text, (_mention(text, "Baranovichi", lat, lon),)))
    (pair,) = score.pairs
    assert pair.distance_km == pytest.approx(km, abs=1e-6)
    assert (score.counts.located, score.counts.within_25, score.counts.within_161) == (
        1, within_25, within_161)


def test_accuracy_skips_areas_and_places_without_coordinates_and_fails_unresolved():
    text = "Belarus, Ostrov and Leadville."
    gold = (_place("Belarus", "country", point=False), _place("Ostrov"),
            _place("Leadville", lat=None, lon=None))
    lat, lon = _north(1.0)
    mentions = (_mention(text, "Belarus", lat, lon), _mention(text, "Ostrov"),
                _mention(text, "Leadville", lat, lon))
    counts = score_article(_gold(text, places=gold), Prediction(text, mentions)).counts
    assert (counts.located, counts.unresolved_located, counts.within_25) == (1, 1, 0)
    assert counts.acc_25 == 0.0


# ------------------------------------------------------------------ claims and events


def test_claims_by_span_overlap_with_distractors():
    text = ("The range lies about 150 kilometers north of the Ukrainian border. "
            "The ships sailed 2,000 km to get there.")
    real = GoldClaim("about 150 kilometers north of the Ukrainian border", 150, "km",
                     "the Ukrainian border", "border", "the range", False)
    decoy = GoldClaim("2,000 km", 2000, "km", None, None, None, True)
    start = text.index("150 kilometers")
    predicted = [PredictedClaim("150 kilometers north", start, start + 20, 150.0),
                 PredictedClaim("2,000 km", text.index("2,000"), text.index("2,000") + 8, 2000)]
    assert score_claims([real, decoy], text, predicted) == (1, 1, 2, 1, 1)
    assert score_claims([real, decoy], text, []) == (1, 0, 0, 0, 0)
    counts = score_article(_gold(text, claims=(real, decoy)),
                           Prediction(text, claims=tuple(predicted))).counts
    assert counts.claim_recall == 1.0 and counts.claim_precision == 0.5
    assert counts.distractors_taken == 1


def test_claims_found_are_scored_by_reference_kind_and_by_whether_they_were_measured():
    text = ("The range lies about 150 kilometers north of the Ukrainian border. "
            "Ships came within 12 nautical miles of the coast.")
    border = GoldClaim("about 150 kilometers north of the Ukrainian border", 150, "km",
                       "the Ukrainian border", "border", "the range", False)
    coast = GoldClaim("within 12 nautical miles of the coast", 12, "nmi", "the coast", "coast",
                      "ships", False)
    b, c = text.index("about 150"), text.index("within 12")
    predicted = [PredictedClaim("about 150 kilometers north of the Ukrainian border", b, b + 50,
                                150.0, "border", True),
                 PredictedClaim("within 12 nautical miles of the coast", c, c + 37, 22.2,
                                "point", False)]
    assert score_claim_readings([border, coast], text, predicted) == (1, 1)
    assert score_claim_readings([border, coast], text, predicted[:1]) == (1, 1)
    counts = score_article(_gold(text, claims=(border, coast)),
                           Prediction(text, claims=tuple(predicted))).counts
    assert (counts.claims_kind_right, counts.claims_measured) == (1, 1)


def test_event_names_and_participants():
    gold = (GoldEvent("Zapad-2021", "strategic", None, None, ("RU", "BY")),
            GoldEvent("Union Shield", "land", None, None, ("RU", "BY")),
            GoldEvent(None, "naval", None, None, ("RU",)))
    predicted = [PredictedEvent("Zapad 2021", "stated", ("BY", "RU")),
                 PredictedEvent("Union Shield", "descriptive", ("RU", "BY")),
                 PredictedEvent("RU naval exercise", "descriptive", ("RU",))]
    assert score_events(gold, predicted) == (2, 1, 1, ["Union Shield"])
    wrong = [PredictedEvent("ZAPAD-2021", "stated", ("RU",))]
    assert score_events(gold, wrong) == (2, 1, 0, ["Union Shield"])
    assert participant_mismatches(gold, predicted) == []
    assert participant_mismatches(gold, wrong) == [("Zapad-2021", ("BY", "RU"), ("RU",))]


def test_invented_events_only_in_articles_without_exercises():
    text = "Floods hit Kumamoto."
    events = (PredictedEvent("JP exercise", "descriptive", ("JP",)),)
    general = score_article(_gold(text, genre="general"), Prediction(text, events=events))
    exercise = score_article(_gold(text), Prediction(text, events=events))
    assert (general.counts.invented_events, general.counts.articles_with_invented) == (1, 1)
    assert general.counts.quiet_articles == 1
    assert (exercise.counts.invented_events, exercise.counts.quiet_articles) == (0, 0)


# ------------------------------------------------------------------ the report


def test_report_groups_errors_and_renders():
    text = "Troops in Minsk and Ostrov; Tu said."
    articles = [
        _gold(text, id="a", places=(_place("Minsk"), _place("Ostrov"))),
        _gold(text, id="b", genre="general", split="test", theatre="general news (US)",
              places=(_place("Minsk"),)),
    ]

    def run(article: GoldArticle, geocoder: object) -> Prediction:
        return Prediction(text, (_mention(text, "Minsk", 54.0, 28.0), _mention(text, "Tu")),
                          events=(PredictedEvent("X", "descriptive", ()),)
                          if article.id == "b" else ())

    report = evaluate_articles(articles, corpus="mem", split="all", geocoder=object(), run=run)
    assert report.total.articles == 2
    groups = {(g.kind, g.name): g.counts for g in report.groups}
    assert set(groups) == {("all", "all"), ("split", "dev"), ("split", "test"),
                           ("genre", "exercise"), ("genre", "general"),
                           ("theatre", "Belarus"), ("theatre", "general news")}
    assert groups["genre", "exercise"].place_recall == 0.5
    assert groups["genre", "general"].invented_events == 1
    assert [(c.name, c.count) for c in report.missed_by_kind] == [("city", 1)]
    assert report.missed_by_kind[0].examples == ("Ostrov [a]",)
    assert [(c.name, c.count) for c in report.false_hits] == [("not a gold place", 2)]
    assert report.false_hits[0].examples == ("Tu [a]",)  # one example per surface
    data = json.loads(json.dumps(report.to_dict()))
    assert data["metrics"]["claim_recall"] is None  # no gold claims: no figure, not 0
    text_report = "\n".join(report.lines())
    assert "invented events: 1 in 1 of 1 articles" in text_report
    assert "city: 1 (e.g. Ostrov [a])" in text_report
    # Article a: recall 1/2, article b: 1/1; resampled, 1/2 (a twice) to 1 (b twice).
    assert data["intervals_95"]["place_recall"] == [0.5, 1.0]
    assert "recall 0.667 (2/3; 95% 0.50-1.00)" in text_report


def test_counts_add_up():
    a = Counts(articles=1, gold_places=2, matched_places=1)
    b = Counts(articles=1, gold_places=3, matched_places=3)
    total = Counts.total([a, b])
    assert (total.articles, total.gold_places, total.matched_places) == (2, 5, 4)
    assert Counts().place_recall is None


# ------------------------------------------------------------------ the corpus files


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """Three real corpus files in a temporary ``articles/`` folder."""
    folder = tmp_path / "corpus" / "articles"
    folder.mkdir(parents=True)
    for path in sorted((CORPUS / "articles").glob("*.json"))[:3]:
        shutil.copy(path, folder / path.name)
    return folder


def _edit(path: Path, change) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["places"][0].update(surface="Atlantis"),
     "places[0].surface 'Atlantis' does not occur in the text"),
    (lambda d: d["non_places"][0].update(surface="Xanadu"),
     "non_places[0].surface 'Xanadu' does not occur in the text"),
    (lambda d: d["places"][0].update(point="yes"), "places[0].point must be true or false"),
    (lambda d: d["places"][0].update(lat=95.0), "places[0].lat must be within -90..90"),
    (lambda d: d["places"][0].update(kind="town"), "places[0].kind must be one of"),
    (lambda d: d.pop("genre"), "genre is missing"),
    (lambda d: d.update(split="train"), "split must be one of dev, test"),
    (lambda d: d.update(published="12/03/2024"), "published '12/03/2024' does not match"),
    (lambda d: d.update(id="other-id"), "is not the file name"),
    (lambda d: d["claims"].insert(0, {"text": "99 km", "number": 99, "unit": "km",
                                      "reference": None, "reference_kind": None,
                                      "subject": None, "distractor": True}),
     "claims[0].text '99 km' does not occur in the text"),
])
def test_malformed_file_is_rejected_with_its_name(corpus_copy, change, message):
    path = sorted(corpus_copy.glob("*.json"))[1]
    _edit(path, change)
    with pytest.raises(DataFormatError) as err:
        load_corpus(corpus_copy.parent)
    assert str(err.value).startswith(f"{path}: ")
    assert message in str(err.value)


def test_participants_are_iso_codes_or_the_conventions_organisations(corpus_copy):
    """The written convention (tests/corpus/README.md) lists CSTO, SCO and ASEAN beside NATO."""
    path = next(p for p in sorted(corpus_copy.glob("*.json"))
                if json.loads(p.read_text(encoding="utf-8"))["events"])
    _edit(path, lambda d: d["events"][0].update(participants=["RU", "CSTO", "SCO", "ASEAN"]))
    event = next(a for a in load_corpus(corpus_copy.parent) if a.id == path.stem).events[0]
    assert event.participants == ("RU", "CSTO", "SCO", "ASEAN")
    _edit(path, lambda d: d["events"][0].update(participants=["RU", "WARSAW"]))
    with pytest.raises(DataFormatError, match="'WARSAW' is not an ISO 3166 alpha-2 code or one "
                                              "of NATO, CSTO, SCO, EU, UN, ASEAN"):
        load_corpus(corpus_copy.parent)


def test_invalid_json_names_file_and_line(corpus_copy):
    path = sorted(corpus_copy.glob("*.json"))[0]
    path.write_text('{"id": "x",\n "text": }', encoding="utf-8")
    with pytest.raises(DataFormatError, match=r", line 2: not valid JSON"):
        load_gold_article(path)


def test_missing_or_empty_corpus_folder(tmp_path):
    with pytest.raises(DataFormatError, match="no such corpus folder"):
        load_corpus(tmp_path / "nope")
    with pytest.raises(DataFormatError, match=r"no \.json article files"):
        load_corpus(tmp_path)
    with pytest.raises(ValueError, match="split must be"):
        load_corpus(CORPUS, split="train")


def test_cli_bad_corpus_file_exits_2_with_one_line(corpus_copy, capsys):
    path = sorted(corpus_copy.glob("*.json"))[2]
    _edit(path, lambda d: d["places"][0].update(surface="Atlantis"))
    assert main(["evaluate", str(corpus_copy.parent), "--split", "all"]) == 2
    captured = capsys.readouterr()
    (line,) = captured.err.strip().splitlines()
    assert line.startswith("python -m geo evaluate: error: ") and path.name in line
    assert "'Atlantis' does not occur in the text" in line


def test_real_corpus_loads_with_both_splits():
    articles = load_corpus(CORPUS)
    assert len(articles) == len(list((CORPUS / "articles").glob("*.json")))
    assert {a.split for a in articles} == {"dev", "test"}
    assert all(a.places for a in articles)


def _sentences_of(text: str) -> set[str]:
    """The text's long sentences, lower-cased with spaces collapsed (a shared one means a
    shared article, whatever its URL or excerpt)."""
    return {" ".join(s.lower().split()) for s in text.replace("\n", " ").split(". ")
            if len(s) >= 80}


def test_no_article_is_in_the_corpus_twice():
    # The test split is only a measure of unseen news if no dev article repeats it: the same
    # page found again by another search must not join dev (same URL, or same sentences).
    articles = load_corpus(CORPUS)
    by_url: dict[str, list[str]] = {}
    for a in articles:
        key = a.url.lower().split("://", 1)[-1].removeprefix("www.").rstrip("/")
        by_url.setdefault(key, []).append(a.id)
    assert [ids for ids in by_url.values() if len(ids) > 1] == []
    seen: dict[str, str] = {}
    shared = []
    for a in articles:
        for sentence in _sentences_of(a.text):
            if sentence in seen and seen[sentence] != a.id:
                shared.append((seen[sentence], a.id))
            seen.setdefault(sentence, a.id)
    assert sorted(set(shared)) == []


# ------------------------------------------------------------------ the CLI on the real corpus


def test_cli_evaluates_the_dev_split(capsys):
    dev = [p for p in (CORPUS / "articles").glob("*.json")
           if json.loads(p.read_text(encoding="utf-8"))["split"] == "dev"]
    assert main(["evaluate", str(CORPUS), "--split", "dev", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["split"] == "dev"
    assert report["counts"]["articles"] == len(dev) == len(report["articles"])
    assert report["counts"]["failed"] == 0
    assert {a["split"] for a in report["articles"]} == {"dev"}
    assert set(report["metrics"]) == {
        "place_precision", "place_recall", "place_f1", "acc_25km", "acc_161km",
        "claim_recall", "claim_precision", "name_recall", "participants_exact",
        "site_precision", "site_recall"}
    for group in [report, *report["groups"]]:
        for name, value in group["metrics"].items():
            assert value is None or 0.0 <= value <= 1.0, (group.get("name"), name, value)
    for name in ("place_precision", "place_recall", "acc_25km", "claim_recall",
                 "name_recall"):
        assert report["metrics"][name] is not None
    kinds = {(g["kind"], g["name"]) for g in report["groups"]}
    assert {("all", "all"), ("genre", "exercise"), ("genre", "general"),
            ("theatre", "general news")} <= kinds
    assert not any(kind == "split" for kind, _ in kinds)  # one split asked for
    assert report["timing"]["seconds"] > 0 and report["timing"]["articles_per_s"] > 0
    assert {"missed_by_kind", "false_hits"} == set(report["errors"])
    for category in report["errors"]["missed_by_kind"] + report["errors"]["false_hits"]:
        assert category["count"] >= len(category["examples"]) and len(
            category["examples"]) <= 5
    assert main(["evaluate", str(CORPUS), "--split", "dev"]) == 0
    text = capsys.readouterr().out
    assert text.startswith(f"drillmap evaluation: {len(dev)} articles (split dev)")
    for needle in ("places: precision", "Acc@25km", "claims (distractors excluded)",
                   "exercise names: recall", "invented events:", "articles/s",
                   "missed gold places by kind:", "false hits:"):
        assert needle in text


# ------------------------------------------------------------ spread, articles resampled


def test_the_interval_of_one_hit_and_one_miss_spans_none_to_all() -> None:
    """Two articles, one event each, one right: resamples give 0, 1/2 or 1 with chances
    1/4, 1/2, 1/4, so the 2.5th and 97.5th percentiles are 0 and 1."""
    counts = [Counts(names_found=1, named_events=1), Counts(names_found=0, named_events=1)]
    assert article_bootstrap(counts)["name_recall"] == (0.0, 1.0)


def test_the_article_is_the_unit_of_the_interval() -> None:
    """One article holding every miss widens the interval far beyond what the same ratio
    spread evenly over articles gives: places of one article are not independent."""
    even = [Counts(matched_places=9, predicted_places=10) for _ in range(20)]
    lumped = ([Counts(matched_places=10, predicted_places=10) for _ in range(19)]
              + [Counts(matched_places=0, predicted_places=20)])
    (lo_even, hi_even) = article_bootstrap(even)["place_precision"] or (0, 0)
    (lo_lumped, hi_lumped) = article_bootstrap(lumped)["place_precision"] or (0, 0)
    assert lo_even == hi_even == 0.9
    assert lo_lumped < 0.8 < 0.95 < hi_lumped
    assert article_bootstrap([Counts()])["claim_recall"] is None  # no denominator
    assert article_bootstrap(lumped) == article_bootstrap(lumped)  # a fixed seed
