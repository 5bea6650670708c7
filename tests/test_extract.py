"""Extraction rules on short texts written for these tests (not the seeds).

Places, the traps that only look like places, dates against a publication date, force figures,
exercise names and whole event candidates. The offline gazetteer is the real one: the traps
(Kellogg, Vladimir, Union, NATO are all GeoNames towns) only matter with it.
"""

from __future__ import annotations

from datetime import date

import pytest

from geo.extract.dates import find_dates
from geo.extract.events import extract_events
from geo.extract.figures import find_force_figures
from geo.extract.mentions import extract_mentions, find_exercise_names
from geo.model.event import PartialDate
from geo.model.place import Place
from geo.model.text import normalize_term


def surfaces(text, geocoder, lexicon, **kw):
    return [m.surface for m in extract_mentions(text, geocoder, lexicon, **kw)]


def day(y, m, d):
    return PartialDate(date(y, m, d), "day")


# ----------------------------------------------------------------------------- places


def test_multiword_names_with_spans(geocoder, lexicon):
    text = "Frigates sailed into the East China Sea while envoys met near St. Petersburg."
    mentions = extract_mentions(text, geocoder, lexicon)
    by = {m.surface: m for m in mentions}
    assert set(by) == {"East China Sea", "St. Petersburg"}
    sea = by["East China Sea"]
    assert text[sea.start:sea.end] == "East China Sea"
    assert sea.place.kind == "sea"
    assert by["St. Petersburg"].place.country_code == "RU"


def test_building_and_town(geocoder, lexicon):
    mentions = extract_mentions("The two leaders talked at Konstantin Palace in Strelna.",
                                geocoder, lexicon)
    assert [(m.surface, m.place.kind) for m in mentions] == [
        ("Konstantin Palace", "building"), ("Strelna", "town")]
    assert all(m.locative for m in mentions)


def test_adjectival_training_ground_and_territory(geocoder, lexicon):
    text = ("Paratroopers landed at the Ruzhansky training grounds. Drones later crossed into "
            "Belarusian territory.")
    by = {m.surface: m for m in extract_mentions(text, geocoder, lexicon)}
    assert by["Ruzhansky training grounds"].place.country_code == "BY"
    assert by["Ruzhansky training grounds"].place.kind == "training ground"
    assert by["Belarusian territory"].place.kind == "country"
    assert by["Belarusian territory"].place.country_code == "BY"


def test_transliteration_variants_resolve_alike(geocoder, lexicon):
    mentions = extract_mentions("Officials in Kiev, or Kyiv as it is now spelt, objected.",
                                geocoder, lexicon)
    assert [m.surface for m in mentions] == ["Kiev", "Kyiv"]
    assert mentions[0].place.name == mentions[1].place.name


@pytest.mark.parametrize("text", [
    "Russian troops and Belarusian paratroopers arrived on Tuesday.",
    "The flagship of the Northern Fleet, the Admiral Gorshkov, left port.",
    "Crews of the Pacific Fleet trained with the Order of Nakhimov.",
    "Interfax and Radio Free Europe reported it, citing Agence France-Presse and NATO.",
    "US envoy Keith Kellogg arrived. Kellogg said talks would go on.",
    "President Vladimir Putin and President Donald Trump spoke. Trump said it went well.",
    "Defence Minister Viktor Khrenin briefed Union members on the Patriot system.",
    "The Early Warning Council met; Naval officers attended.",
])
def test_traps_are_not_places(text, geocoder, lexicon):
    found = [s for s in surfaces(text, geocoder, lexicon) if s not in ("US",)]
    assert found == []


def test_byline_names_are_not_places(geocoder, lexicon):
    text = "Drills near Brest\nJonny Hallam, Tim Lister and Josh Pennington\nTroops drilled."
    assert surfaces(text, geocoder, lexicon) == ["Brest"]


def test_headline_case_words_are_not_places(geocoder, lexicon):
    text = "Russia and Belarus To Hold Joint War Games Early Next Year\nThe text follows."
    assert surfaces(text, geocoder, lexicon) == ["Russia", "Belarus"]


def test_metonym_is_flagged_and_locative_is_not(geocoder, lexicon):
    text = "Moscow says the drills are defensive. Troops gathered near Moscow on Friday."
    first, second = extract_mentions(text, geocoder, lexicon)
    assert (first.surface, first.metonym, first.locative) == ("Moscow", True, False)
    assert (second.surface, second.metonym, second.locative) == ("Moscow", False, True)


def test_corrections_override_the_gazetteer(geocoder, lexicon):
    fix = Place(name="Obuz-Lesnovsky training ground", lat=53.1, lon=26.1, country_code="BY",
                kind="training ground", precision_km=10, source="analyst")
    text = "Tanks fired at Strelna and at Gozhsky."
    mentions = extract_mentions(text, geocoder, lexicon, corrections={
        normalize_term("Strelna"): None, normalize_term("Gozhsky"): fix})
    assert [(m.surface, m.origin, m.place.name) for m in mentions] == [
        ("Gozhsky", "correction", "Obuz-Lesnovsky training ground")]


# ----------------------------------------------------------------------------- dates


def test_day_range_resolved_to_the_publication_year():
    (d,) = find_dates("drills from 21-27 December", day(2024, 12, 2))
    assert (d.first, d.last) == (day(2024, 12, 21), day(2024, 12, 27))


def test_weekday_past_and_future():
    wednesday = day(2024, 3, 13)
    assert find_dates("troops arrived on Monday", wednesday)[0].first == day(2024, 3, 11)
    assert find_dates("drills will start on Monday", wednesday)[0].first == day(2024, 3, 18)
    until = find_dates("exercises due to run until Sunday", wednesday)[0]
    assert (until.role, until.last) == ("until", day(2024, 3, 17))


def test_a_day_and_month_after_until_ends_the_exercise():
    (d,) = find_dates("the drills will last until September 16", day(2024, 9, 10))
    assert (d.role, d.last) == ("until", day(2024, 9, 16))
    (d,) = find_dates("the drills will begin on September 16", day(2024, 9, 10))
    assert d.role == "event"


def test_weekday_is_only_as_precise_as_the_publication_date():
    (d,) = find_dates("they met on Friday", PartialDate(date(2024, 3, 1), "month"))
    assert d.first == PartialDate(date(2024, 3, 1), "month")


def test_month_alternatives_and_next_year():
    pub = day(2023, 11, 20)
    (alt,) = find_dates("they will be held in April or March", pub)
    assert (str(alt.first), str(alt.last)) == ("2024-03", "2024-04")
    (early,) = find_dates("another round early next year", pub)
    assert (str(early.first), str(early.last)) == ("2024-01", "2024-04")


def test_month_tense_decides_the_year():
    pub = day(2023, 6, 1)
    assert str(find_dates("they held drills in September", pub)[0].first) == "2022-09"
    assert str(find_dates("they will hold drills in September", pub)[0].first) == "2023-09"
    assert str(find_dates("drills in February last year", pub)[0].first) == "2022-02"
    assert find_dates("it happened last year", pub)[0].first == PartialDate(date(2022, 1, 1),
                                                                             "year")


def test_saying_day_is_not_an_event_date():
    dates = find_dates("the ministry said on Tuesday", day(2024, 5, 9))
    assert [d.role for d in dates] == ["reporting"]


def test_offset_before_an_anchor_date():
    text = "Three weeks before the election, on 30 March, troops drilled."
    event = [d for d in find_dates(text, day(2024, 6, 1)) if d.role == "event"]
    assert [(str(d.first), d.first.precision) for d in event] == [("~2024-03-09", "week")]


def test_no_publication_date_leaves_relative_dates_unknown():
    (d,) = find_dates("drills on Monday", None)
    assert d.first.value is None


# ----------------------------------------------------------------------------- figures, names


def test_force_figures_with_qualifiers():
    f = find_force_figures("Up to 65,000 military personnel, some 40 aircraft and helicopters "
                           "and nearly 150 tanks took part.")
    assert (f.troops.value, f.troops.qualifier) == (65000, "up to")
    assert (f.aircraft_helicopters.value, f.aircraft_helicopters.qualifier) == (40, "some")
    assert (f.tanks.value, f.tanks.qualifier) == (150, "nearly")


def test_ships_are_added_up_by_class():
    f = find_force_figures("the navy sends 3 frigates, two landing ships and a tanker")
    assert f.ships.value == 6
    g = find_force_figures("led by the flagship, the Varyag, and two other ships")
    assert g.ships.value == 3
    assert g.named_ships == ("the Varyag",)


def test_words_only_figure():
    f = find_force_figures("several thousand Russian servicemen arrived")
    assert (f.troops.value, f.troops.qualifier) == (None, "several")


def test_exercise_names(lexicon):
    text = ("Zapad-2021 was followed by the Union Resolve 2022 drills. In August 2020 nothing "
            "happened. The Slavic Brotherhood exercise began.")
    assert [n for _, _, n in find_exercise_names(text, lexicon)] == [
        "Zapad-2021", "Union Resolve 2022", "Slavic Brotherhood"]


# ----------------------------------------------------------------------------- events


def events_of(text, geocoder, lexicon, published=None):
    mentions = extract_mentions(text, geocoder, lexicon)
    return extract_events(text, mentions, lexicon, geocoder, published=published)


def test_named_exercise_with_everything(geocoder, lexicon):
    text = ("Russia and Belarus will hold the Union Shield 2025 exercise in Russia in October, "
            "the Belarusian defence ministry said on Tuesday. Up to 8,000 troops and 60 tanks "
            "will take part.")
    (cand,) = events_of(text, geocoder, lexicon, day(2025, 4, 15))
    e = cand.event
    assert (e.name, e.name_basis, e.status, e.machine_extracted) == (
        "Union Shield 2025", "stated", "planned", True)
    assert set(e.participants) == {"RU", "BY"}
    assert (str(e.start), str(e.end)) == ("2025-10", "2025-10")
    assert (e.troops.value, e.tanks.value) == (8000, 60)
    assert [(p.surface, p.role) for p in cand.places] == [("Russia", "area")]
    assert len(cand.quotes) == 2


def test_naval_drills_ships_by_side(geocoder, lexicon):
    text = ("China and Russia will hold joint naval drills in the East China Sea from 5-9 July. "
            "China will take part with three destroyers and a frigate. "
            "Russia will take part with two corvettes.")
    (cand,) = events_of(text, geocoder, lexicon, day(2024, 6, 30))
    e = cand.event
    assert e.type == "naval"
    assert dict(e.ships_by_side) == {"CN": 4, "RU": 2}
    assert e.ships.value == 6
    assert (str(e.start), str(e.end)) == ("2024-07-05", "2024-07-09")
    assert [(p.surface, p.role) for p in cand.places] == [("East China Sea", "site")]


def test_patrol_and_war_games_in_one_sentence_are_two_events(geocoder, lexicon):
    text = ("Russia staged war games with Belarus in May and repeatedly sent its bombers on "
            "patrol over Belarus in recent weeks.")
    first, second = events_of(text, geocoder, lexicon, day(2024, 7, 10))
    assert (first.event.type, set(first.event.participants)) == ("land", {"RU", "BY"})
    assert (second.event.type, second.event.participants) == ("patrol", ("RU",))


def test_anaphora_merges_and_metonym_is_not_a_site(geocoder, lexicon):
    text = ("Belarusian troops began a snap readiness check in Gomel on Monday. Moscow says the "
            "check will last a week. The drills involve about 5,000 troops.")
    (cand,) = events_of(text, geocoder, lexicon, day(2024, 2, 14))
    assert cand.event.participants == ("BY",)
    assert [p.surface for p in cand.places] == ["Gomel"]
    assert cand.event.troops.value == 5000
    assert str(cand.event.start) == "2024-02-12"


@pytest.mark.parametrize("text", [
    "Satellite images show new tents at a base near Minsk. Additional troops were deployed "
    "to the border, officials said.",
    "The two presidents met in Sochi to discuss gas prices and exercise restraint.",
    "The coast guard sent 2 patrol boats to Gomel after a fire drill at a school.",
])
def test_no_exercise_no_event(text, geocoder, lexicon):
    assert events_of(text, geocoder, lexicon, day(2024, 1, 10)) == []
