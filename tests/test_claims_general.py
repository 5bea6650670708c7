"""Distance claims beyond land borders: coasts, lines, places, words, ranges, earlier subjects."""

from __future__ import annotations

from dataclasses import replace

import pytest
from pyproj import Geod

from geo.analysis.pipeline import check_claims
from geo.extract.claims import COMPASS_DEG, find_distance_claims
from geo.geocoders.registry import get_geocoder
from geo.geometry import borders
from geo.model.article import Article
from geo.model.claim import ReferenceLine
from geo.services.ingest import ingest_text
from geo.store.sqlite import Store

_GEOD = Geod(ellps="WGS84")


@pytest.mark.parametrize(("text", "km", "km_max", "kind", "name"), [
    ("The ships came within twelve nautical miles of Taiwan's coast.", 22.224, None, "coast",
     "Taiwan"),
    ("The drills were two to five kilometres from the DMZ.", 2.0, 5.0, "line", "DMZ"),
    ("Troops trained 10-15 km south of the Northern Limit Line.", 10.0, 15.0, "line",
     "Northern Limit Line"),
    ("Landing craft gathered 10 km from the city of Xiamen.", 10.0, None, "point", "Xiamen"),
    ("The range lies about thirty-five miles from the border with Poland.", 56.327, None,
     "border", "Poland"),
    ("Patrols kept 500 metres from the frontier.", 0.5, None, "border", ""),
    # "across from", an adjective before "city of"
    ("Kinmen lies just 3.2km across from the Chinese city of Xiamen.", 3.2, None, "point",
     "Xiamen"),
    # "to the north of"
    ("The drills took place 150 km to the north of the Polish border.", 150.0, None,
     "border", "Polish"),
    # "inland from the coast": the coast of the country named before it
    ("The base is about 40 kilometres inland from the coast.", 40.0, None, "coast", ""),
    # a direction adjective before "coast" is not part of the name
    ("The aircraft came within 40 nautical miles of Taiwan's southwestern coast.", 74.08, None,
     "coast", "Taiwan"),
    # a movement verb before "as close as" still places the ships
    ("The Chinese vessels sailed as close as 24 nautical miles from Taiwan's coast.", 44.448,
     None, "coast", "Taiwan"),
    # a compass direction with "of" gives a position, even after a movement verb or a word
    # such as "missile" that would otherwise mark a journey or a weapon's reach
    ("The destroyer, a guided-missile cruiser in US terms, sailed about 60 nautical miles "
     "north of Attu Island.", 111.12, None, "point", "Attu Island"),
    # "NM", the abbreviation of nautical miles in official statements
    ("The navy declared a firing zone 30 NM off the coast of Fujian.", 55.56, None, "coast",
     "Fujian"),
    # a noun in apposition before the name: "the capital Minsk"
    ("The camp lies about 64 miles (103km) from the capital Minsk.", 103.0, None, "point",
     "Minsk"),
    # "Norway's border with Russia" is measured to Russia's outline
    ("Narvik lies about 470 kilometres from Norway's border with Russia.", 470.0, None,
     "border", "Russia"),
    # the reference ends before "within"
    ("The guns fired from ranges within 5 km of the Military Demarcation Line within the "
     "Demilitarized Zone dividing the peninsula, officials said.", 5.0, None, "line",
     "Military Demarcation Line"),
    # the reference ends before "across" ("... of Taipei across the Taiwan Strait")
    ("Chinese forces staged drills in Fuzhou, about 180 km west of Taipei across the Taiwan "
     "Strait.", 180.0, None, "point", "Taipei"),
])
def test_claim_forms(text, km, km_max, kind, name) -> None:
    (claim,) = find_distance_claims(text)
    assert claim.stated_km == pytest.approx(km, abs=0.01)
    assert claim.stated_max_km == (None if km_max is None else pytest.approx(km_max))
    assert (claim.reference_kind, claim.reference_name) == (kind, name)


def test_sixteen_point_compass_directions() -> None:
    (claim,) = find_distance_claims("The exercise was held some 50 km east-northeast of Minsk.")
    assert (claim.direction, claim.reference_name) == ("eastnortheast", "Minsk")
    assert COMPASS_DEG[claim.direction] == 67.5


@pytest.mark.parametrize("text", [
    "The bombers flew 2,000 km from their base in Engels to the Barents Sea.",
    "The missiles have a range of 300 km from the launch site.",
    "The convoy travelled some 400 kilometres from Minsk to Brest.",
])
def test_journeys_and_ranges_are_not_claims(text) -> None:
    assert find_distance_claims(text) == []


def _checks(text: str, **kwargs):
    result = ingest_text(text, published="2024-05-01", store=Store(":memory:"), **kwargs)
    assert result.status == "ingested", result.message
    return result.claims


def test_subject_named_in_the_previous_sentence() -> None:
    (check,) = _checks("Belarusian troops began drills near Baranovichi on Monday. The "
                       "exercise is held about 150 kilometers from the Polish border.")
    assert check.subject_surface == "Baranovichi"
    assert check.verdict is not None and check.verdict.verdict == "consistent"
    assert "measured from Baranovichi to the border of Poland (NE 10m)" in \
        check.verdict.explanation


def test_coast_of_an_island_country_is_its_outline() -> None:
    (check,) = _checks("Chinese warships gathered off Pingtan on Friday. The ships stayed "
                       "within 24 nautical miles of Taiwan's coast, Taiwan said.")
    site = check.subject
    assert check.reference_iso2 == "TW" and site is not None
    expected = borders.border_distance_one(site.lat, site.lon, "TW").distance_km
    assert check.verdict.computed_km == pytest.approx(expected)
    assert "the coast of Taiwan" in check.verdict.explanation


def test_distance_to_a_line_against_an_independent_reference() -> None:
    """A line along the parallel 37°N: the distance of a site on 38°N is the meridian arc."""
    line = ReferenceLine("Northern Limit Line", ("NLL",), ((37.0, 126.0), (37.0, 128.0)),
                         "own test")
    text = "Marines landed near Chuncheon on Monday, about 20 km from the Northern Limit Line."
    geocoder = get_geocoder("offline")
    result = ingest_text(text, published="2024-05-01", store=Store(":memory:"),
                         geocoder=geocoder)
    mentions = [replace(m, article_id="t") for m in result.mentions]
    checks = check_claims([Article("t", "", 0, "", text)], mentions, [], geocoder,
                          lines=[line])
    (check,) = checks
    site = check.subject
    assert site is not None and check.verdict is not None
    _, _, metres = Geod(ellps="WGS84").inv(site.lon, site.lat, site.lon, 37.0)
    assert check.verdict.computed_km == pytest.approx(metres / 1000.0, abs=0.5)
    assert "the Northern Limit Line (lines.csv: own test)" in check.verdict.explanation


def test_bundled_lines_measure_the_dmz() -> None:
    """Paju lies a few km south of the Military Demarcation Line, on the bundled DMZ line."""
    (check,) = _checks("South Korean artillery drills near Paju took place about 25 km "
                       "south of the DMZ on Tuesday.")
    assert check.claim.reference_kind == "line"
    assert check.subject_surface == "Paju" and check.verdict is not None
    assert "the Korean Demilitarized Zone (lines.csv" in check.verdict.explanation
    assert check.verdict.computed_km < 25  # Paju city centre is closer than the article says


@pytest.mark.parametrize("text", [
    "Belarusian troops began drills on Monday. The drills are taking place some 100 "
    "kilometres from the Lithuanian border, near Grodno.",
    "The drills are taking place some 100 kilometres from the Lithuanian border - in Grodno.",
])
def test_a_site_named_right_after_the_distance_is_its_subject(text: str) -> None:
    result = ingest_text(text, published="2024-05-01", store=Store(":memory:"))
    (check,) = result.claims
    assert check.subject_surface == "Grodno"
    # The city lies about 20 km from Lithuania: the statement is flagged, not moved. Grodno
    # region (a point known to within 111 km) agrees with 100 km but is no namesake to move
    # the city to: a claim's site is never one known only to within more than 50 km.
    assert check.verdict is not None and check.verdict.verdict.value == "flagged"
    assert 15 < check.verdict.computed_km < 40
    (grodno,) = [m for m in result.mentions if m.surface == "Grodno"]
    assert grodno.place is not None and grodno.place.precision_km < 10


@pytest.mark.parametrize("text", [
    "The drills are taking place some 100 kilometres from the Lithuanian border, the ministry "
    "said, and troops arrived in Grodno.",
    # with no comma the place is part of the reference: the coast is near Hualien
    "Chinese ships sailed about 100 km off Taiwan's east coast near Hualien during the drills.",
])
def test_a_site_after_the_distance_needs_a_comma_and_a_locative_phrase_next_to_it(
        text: str) -> None:
    (check,) = _checks(text)
    assert check.subject_surface == ""


@pytest.mark.parametrize(("text", "surface", "lat", "lon"), [
    # two Korean counties are named Goseong: the stated distance picks the one in Gangwon
    ("Troops held a night firing drill in the coastal county of Goseong, some 160 kilometers "
     "northeast of Seoul.", "Goseong", 38.38, 128.47),
    # Minsk Mazowiecki, east of Warsaw, not the capital of Belarus
    ("The brigade trained in Minsk, some 40 kilometers east of Warsaw.", "Minsk", 52.18,
     21.57),
])
def test_a_stated_distance_chooses_between_namesakes(text, surface, lat, lon) -> None:
    result = ingest_text(text, published="2024-05-01", store=Store(":memory:"))
    (mention,) = [m for m in result.mentions if m.surface == surface]
    assert mention.place is not None
    metres = _GEOD.inv(mention.place.lon, mention.place.lat, lon, lat)[2]
    assert metres < 25_000, (mention.place, metres)
    assert "placed by the stated distance" in mention.note
    (check,) = result.claims
    assert check.verdict is not None and check.verdict.verdict.value == "consistent"


def test_a_contradicted_distance_with_no_agreeing_namesake_stays_flagged() -> None:
    # No Brest lies 40 km east of Warsaw: the claim stays flagged, the place stays put.
    result = ingest_text("The brigade trained in Brest, some 40 kilometers east of Warsaw.",
                         published="2024-05-01", store=Store(":memory:"))
    (check,) = result.claims
    assert check.verdict is not None and check.verdict.verdict.value == "flagged"
    (brest,) = [m for m in result.mentions if m.surface == "Brest"]
    assert brest.place is not None and brest.place.country_code == "BY"
    assert "placed by the stated distance" not in brest.note


@pytest.mark.parametrize(("text", "iso2"), [
    # "the self-ruled island" is the island country named before, not the last country
    ("Taiwan scrambled jets after China staged drills less than 50 miles from the self-ruled "
     "island's coast.", "TW"),
    # a side after "the island's" is no part of a name
    ("Japan said Russian ships and China's navy held drills about 40 nautical miles off the "
     "island's south coast.", "JP"),
])
def test_the_island_is_the_island_country_named_before(text, iso2) -> None:
    (check,) = _checks(text)
    assert check.reference_iso2 == iso2, check.problem


def test_island_countries_have_no_land_border() -> None:
    assert not borders.has_land_border("TW") and not borders.has_land_border("JP")
    assert borders.has_land_border("CN") and borders.has_land_border("PL")


def test_the_capital_is_the_capital_of_the_country_named_before() -> None:
    (check,) = _checks("Latvia said the drills were held near Adazi, about 20 km from the "
                       "capital.")
    assert check.reference is not None and check.reference.name == "Riga"
    assert check.verdict is not None and check.verdict.verdict.value == "consistent"


def test_a_region_or_sea_named_last_is_not_the_claims_site() -> None:
    # "the Gulf of Finland" (a sea) and "southern Belarus" (a region) come last before the
    # distance, but the island and the base are the sites the distances are about.
    (island,) = _checks("Estonia said the jets flew near Vaindloo Island in the Gulf of "
                        "Finland, about 100 km from Tallinn.")
    assert island.subject_surface == "Vaindloo Island"
    (base,) = _checks("Vehicles entered the camp at Tsel, a disused base in southern Belarus, "
                      "about 64 miles (103km) from the capital Minsk.")
    assert base.subject_surface == "Tsel"
    assert base.verdict is not None and "measured from Tsel" in base.verdict.explanation


def test_the_capital_is_that_of_the_sites_country_before_the_last_country_named() -> None:
    # Russia is the last country named, but the island lies in Estonia: Tallinn is meant.
    (check,) = _checks("Estonia protested. Russia's jets were to blame. The violation "
                       "occurred near Vaindloo Island, about 100 km from the capital.")
    assert check.reference is not None and check.reference.name == "Tallinn"
    assert check.verdict is not None and check.verdict.verdict.value == "consistent"


@pytest.mark.parametrize(("text", "iso2"), [
    ("A drill zone was declared near Liuqiu, 40 nautical miles off the coast of Kaohsiung.", "TW"),
    ("The destroyer passed Sevastopol, 25 miles off the coast of Crimea.", "UA"),
])
def test_the_coast_of_a_city_or_region_is_its_countrys_coast(text, iso2) -> None:
    (check,) = _checks(text)
    assert check.reference_iso2 == iso2, check.problem


def test_a_distance_from_a_country_is_measured_to_its_border() -> None:
    (check,) = _checks("The drill took place near Bahawalpur. The area lies 75 kilometers "
                       "southeast of India.")
    assert (check.claim.reference_kind, check.reference_iso2) == ("border", "IN")
    assert check.verdict is not None and "the border of India" in check.verdict.explanation


@pytest.mark.parametrize(("cape", "lat", "lon"), [
    ("Cape Erimo", 41.924, 143.248), ("Cape Soya", 45.523, 141.937),
    ("Cape Nosappu", 43.385, 145.817), ("Cape Ashizuri", 32.724, 133.020),
])
def test_capes_that_japans_defense_ministry_measures_from_are_known(cape, lat, lon) -> None:
    # "about 280 kilometers southeast of Cape Erimo": the reference a ship's position is
    # given from (the ship itself is no site, so the claim is listed, not checked).
    (check,) = _checks(f"Russian warships were seen about 280 kilometers southeast of {cape}.")
    assert check.reference is not None
    metres = _GEOD.inv(check.reference.lon, check.reference.lat, lon, lat)[2]
    assert metres < 2_000, check.reference


def test_a_claim_with_no_site_gives_the_position_it_states() -> None:
    # Ships are no site: the claim is not checked, but the point it states is given, checked
    # here by the inverse computation (distance and bearing back from the cape).
    (check,) = _checks("Russian warships were seen about 280 kilometers southeast of Cape "
                       "Erimo.")
    assert check.verdict is None and "the position it states: " in check.problem
    lat, lon = (float(v) for v in
                check.problem.split("the position it states: ")[1].split(" (")[0].split(", "))
    az, _, metres = _GEOD.inv(143.248333, 41.924444, lon, lat)
    assert metres / 1000 == pytest.approx(280, abs=1.5)
    assert az % 360 == pytest.approx(135, abs=1)


@pytest.mark.parametrize(("text", "site", "border_of"), [
    ("Russian troops drilled in Belgorod, 40 km from the Russia-Ukraine border.",
     "Belgorod", "UA"),
    ("Russian troops drilled in Belgorod, 40 km from the border between Russia and Ukraine.",
     "Belgorod", "UA"),
    ("Ukrainian troops drilled in Kharkiv, about 30 km from the Russian-Ukrainian border.",
     "Kharkiv", "RU"),
    ("The allies held live-fire drills in Pocheon, 25 km south of the inter-Korean border.",
     "Pocheon", "KP"),
    # a hyphenated country is one country
    ("Troops trained in Bafata, 50 km from the Guinea-Bissau border.", "Bafata", "GW"),
])
def test_a_border_shared_by_two_countries_is_the_other_countrys_seen_from_the_site(
        text: str, site: str, border_of: str) -> None:
    (check,) = _checks(text)
    assert check.subject_surface == site and check.reference_iso2 == border_of
    assert check.verdict is not None
    place = check.subject
    assert place is not None
    # the distance is the one to that country's outline, computed on its own here
    assert check.verdict.computed_km == pytest.approx(
        borders.border_distance_one(place.lat, place.lon, border_of).distance_km, abs=0.5)


def test_the_border_between_two_countries_is_read_whole() -> None:
    (claim,) = find_distance_claims("Troops drilled 40 km from the border between Russia and "
                                    "Ukraine.")
    assert claim.text == "40 km from the border between Russia and Ukraine"
    assert (claim.reference_kind, claim.reference_name) == ("border", "Russia and Ukraine")


def test_the_reference_is_the_place_the_article_reads_there() -> None:
    # "Japan's Okushiri island" is no name a gazetteer knows, but the article's own reading
    # found "Okushiri island" (GeoNames: Okushiri, 42.17, 139.51): the position is from it.
    (check,) = _checks("North Korea fired two ballistic missiles that landed in waters about "
                       "250 km west of Japan's Okushiri island.")
    assert check.reference is not None
    assert _GEOD.inv(check.reference.lon, check.reference.lat, 139.51, 42.17)[2] < 10_000
    position = check.stated_position
    assert position is not None
    assert _GEOD.inv(139.51, 42.17, position.lon, position.lat)[2] / 1000 == pytest.approx(
        250, abs=10)


def test_a_region_as_the_reference_is_not_measured_as_a_point() -> None:
    # 60 km to the exclave's edge, not to Kaliningrad city 137 km away: no false flag
    (check,) = _checks("Polish and American troops trained at the Orzysz range, 60 km from "
                       "the Russian exclave of Kaliningrad.")
    assert check.verdict is None and "is a region" in check.problem


def test_a_possessive_is_never_the_site_of_a_distance() -> None:
    (check,) = _checks("The drills mark a shift in Canberra's strategy. The exercise is taking "
                       "place less than 300 nautical miles from Thitu Island.")
    assert check.subject_surface == "" and check.verdict is None


@pytest.mark.parametrize(("text", "iso2"), [
    ("Russian troops drilled near Bryansk, some 30 kilometres from the border, as tensions "
     "with Ukraine grew.", "UA"),
    # of two countries named, the one whose border is nearest the site (Pskov: Estonia)
    ("Russian troops drilled near Pskov, some 30 kilometres from the border, as Ukraine and "
     "Estonia watched.", "EE"),
])
def test_the_border_is_the_nearest_of_the_countries_the_article_names(text: str,
                                                                      iso2: str) -> None:
    (check,) = _checks(text)
    assert check.reference_iso2 == iso2 and check.verdict is not None


def test_the_border_with_no_other_country_named_is_not_guessed() -> None:
    (check,) = _checks("Russian troops drilled near Bryansk, some 30 kilometres from the "
                       "border.")
    assert check.verdict is None and "not identified" in check.problem
