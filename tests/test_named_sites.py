"""Sites named before a head noun, lists sharing one plural head, macro-regions and seas
named by a bare adjective (issue 9, the place part).

Sentences of our own, written like wire copy; each asserts what the mention spans and where
it lands (or that it stays unresolved but listed), not only that something was found.
"""

from __future__ import annotations

import pytest
from mention_helpers import near


def test_a_lower_case_plural_sea_head_is_shared_by_the_list(read) -> None:
    found = read("Russian warships held drills in the Black and Caspian seas on Tuesday.")
    assert found["Black"].place.name == "Black Sea"
    assert found["Caspian seas"].place.name == "Caspian Sea"


def test_each_name_of_a_list_sharing_a_site_head_is_a_site(read) -> None:
    found = read("Jets flew from the Lida, Baranovichi and Machulishchi air bases.")
    for surface in ("Lida", "Baranovichi", "Machulishchi air bases"):
        assert found[surface].place.kind == "military area", surface
    assert found["Lida"].place.name == "Lida air base"  # the base, not the town's centre
    assert near(found["Baranovichi"], 53.09, 26.04, km=5)


def test_a_list_with_one_known_site_makes_the_other_names_sites_too(read) -> None:
    text = "Missiles were fired at the Kapustin Yar and Ashuluk ranges."
    found = read(text)
    assert found["Kapustin Yar"].place.kind == "training ground"
    ashuluk = found["Ashuluk ranges"]  # unknown to the gazetteer: listed, unresolved
    assert ashuluk.place is None and ashuluk.start == text.index("Ashuluk")


def test_a_range_head_alone_does_not_make_an_unknown_name_a_site(read) -> None:
    # "range" also follows mountain ranges: an unknown name before it stays out
    assert "Zorvat range" not in read("Climbers crossed the Zorvat range last week.")


@pytest.mark.parametrize(("text", "surface", "lat", "lon"), [
    ("Swedish fighters deployed to Kallax airbase near Lulea.", "Kallax airbase",
     65.54361, 22.12194),
    ("Soldiers fired at the Adazi shooting range in Latvia.", "Adazi shooting range",
     57.07, 24.34),
    ("Russia tested the interceptor at the Sary-Shagan test range.", "Sary-Shagan test range",
     46.12, 73.61),
    ("The aircraft landed at Rovaniemi Air Base in Finland.", "Rovaniemi Air Base",
     66.50, 25.69),
])
def test_a_name_before_a_site_head_spans_the_head(read, text, surface, lat, lon) -> None:
    site = read(text)[surface]
    assert site.place is not None and near(site, lat, lon)


def test_a_town_named_before_a_base_head_stands_in_for_the_base(read) -> None:
    # Keuruu has no airfield in airportsdata (Rovaniemi, the example before it, has one now:
    # tests/test_airfields.py)
    site = read("The aircraft landed at Keuruu air base in Finland.")["Keuruu air base"]
    assert site.place.name == "Keuruu" and "stands in" in site.note


def test_an_unknown_name_before_an_air_base_head_is_listed_unresolved(read) -> None:
    found = read("Tankers refuelled at Qorvastad airbase before the exercise.")
    assert found["Qorvastad airbase"].place is None


@pytest.mark.parametrize("text", [
    "Russian air bases in Syria were attacked.",
    "The US and British bases hosted the drills.",
    "NATO air bases were on alert.",
    "The new Soviet-era airfield was reopened.",
])
def test_nationalities_and_organisations_before_a_site_head_are_no_sites(read, text) -> None:
    found = read(text)
    assert not any(m.surface.endswith(("bases", "airfield")) for m in found.values()), found


def test_a_place_named_with_its_head_in_the_gazetteer_keeps_its_reading(read) -> None:
    found = read("He served at Malmstrom Air Force Base in Montana.")
    assert near(found["Malmstrom Air Force Base"], 47.51, -111.18)
    assert "Force Base" not in found


@pytest.mark.parametrize(("text", "surface", "name"), [
    ("The drills were held in the Far East near Khabarovsk.", "Far East", "Russian Far East"),
    ("NATO reinforced its presence in Eastern Europe.", "Eastern Europe", "Eastern Europe"),
    ("China's moves in the Indo-Pacific worry Washington.", "Indo-Pacific", "Indo-Pacific"),
    ("The Barents Region council met in Kirkenes.", "Barents Region", "Barents Region"),
    ("Fighting broke out in Nagorno-Karabakh.", "Nagorno-Karabakh", "Nagorno-Karabakh"),
])
def test_macro_and_disputed_regions_are_areas(read, text, surface, name) -> None:
    place = read(text)[surface].place
    assert place.name == name and place.kind == "region" and place.precision_km >= 60


def test_the_capital_of_an_unrecognised_state_is_a_town(read) -> None:
    # GeoNames gives Khankendi 2,100 people, so the plausibility filter dropped it
    site = read("Shelling was reported near Stepanakert on Sunday.")["Stepanakert"]
    assert near(site, 39.81528, 46.75194, km=5)


def test_an_ocean_named_by_its_adjective_after_the(read) -> None:
    found = read("The fleet sailed across the Pacific to Vladivostok.")
    assert found["Pacific"].place.name == "Pacific Ocean"


@pytest.mark.parametrize("text", [
    "The Pacific Fleet held drills near Vladivostok.",
    "Rain fell along the Pacific coast of Russia.",
])
def test_the_adjective_of_an_ocean_before_a_noun_is_no_ocean(read, text) -> None:
    assert "Pacific" not in read(text)


def test_an_ocean_named_like_a_town_after_the_is_the_ocean(read) -> None:
    found = read("In the Atlantic, NATO ships met the carrier group.")
    assert found["Atlantic"].place.name == "Atlantic Ocean"  # not Atlantic, Iowa


@pytest.mark.parametrize("text", [
    "Storms hit the U.S. coast on Friday.",
    "Latvian troops fired U.S. howitzers near Adazi.",
    "The drills used U.S. equipment and fuel.",
])
def test_a_country_abbreviation_before_a_lower_case_noun_is_an_adjective(read, text) -> None:
    assert not any(m.place is not None and m.place.country_code == "US"
                   for m in read(text).values())


@pytest.mark.parametrize("text", [
    "The U.S. said it would respond.",
    "Troops arrived in the U.S. last week.",
    "The US deployed jets to Japan.",
    "South Korea and the US held drills near the border.",
    "Ties between the U.S. and China soured.",
])
def test_a_country_abbreviation_before_a_verb_or_time_word_names_the_country(read,
                                                                            text) -> None:
    assert any(m.place is not None and m.place.country_code == "US"
               for m in read(text).values())


@pytest.mark.parametrize(("text", "name"), [
    ("Russia keeps bases across Central Asia.", "Central Asia"),
    ("Tensions rose across East Asia after the launch.", "East Asia"),
    ("Iran's drills worried the Middle East.", "Middle East"),
    ("Navies of Southeast Asia met in Jakarta.", "Southeast Asia"),
])
def test_macro_regions_of_asia_are_areas(read, text, name) -> None:
    place = read(text)[name].place
    assert place.name == name and place.kind == "region" and place.precision_km >= 1500


def test_an_adjective_of_a_place_before_a_base_head_names_no_site(read) -> None:
    found = read("Units of the Crimean naval base and the Siberian air base took part.")
    assert not any("naval base" in s or "air base" in s for s in found), found


def test_an_airfield_named_in_its_short_form_is_the_crimean_base(read) -> None:
    found = read("Aircraft flew from the Gvardeysk, Belbek and Saki airfields in Crimea.")
    assert near(found["Gvardeysk"], 45.115, 33.977, km=5)  # not Gvardeysk near Kaliningrad
    assert near(found["Saki airfields"], 45.093, 33.595, km=5)


def test_a_military_district_named_in_lower_case(read) -> None:
    found = read("In southern military district, the two-day drills involve new units.")
    district = found["southern military district"]
    assert district.place.name == "Southern Military District"
    assert near(district, 47.22, 39.71)


@pytest.mark.parametrize(("text", "surface"), [
    ("Jets landed at the Russian Hmeimim air base in Syria.", "Hmeimim air base"),
    ("Troops left the US-run Bagram air base in 2021.", "Bagram air base"),
])
def test_a_nationality_or_describing_compound_before_a_site_name_is_left_out(read, text,
                                                                              surface) -> None:
    found = read(text)
    assert surface in found and not any(s.startswith(("Russian", "US-run")) for s in found)


def test_the_possessive_owner_of_a_site_is_not_part_of_its_name(read) -> None:
    found = read("The drill will be held at the GSDF's Hachinoe training area in Aomori.")
    assert "Hachinoe training area" in found
    assert not any(s.startswith("GSDF") for s in found)
