"""Places resolved in their article's context (issue: qualifiers, focus, people, small towns).

Sentences of our own; each asserts where the place lands, not only that something was found.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mention_helpers import near as _near

from geo.extract.lexicon import load_lexicon
from geo.extract.mentions import extract_mentions
from geo.geocoders.registry import get_geocoder
from geo.render.views import article_html
from geo.services.ingest import ingest_text
from geo.services.reading import read_dataset
from geo.store.sqlite import Store

CORPUS = Path(__file__).parent / "corpus" / "articles"


def test_town_comma_state(read) -> None:
    found = read("Marines from Camp Lejeune trained near Jacksonville, North Carolina, "
                 "on Tuesday.")
    assert _near(found["Jacksonville"], 34.754, -77.430)
    assert "qualified by 'North Carolina'" in found["Jacksonville"].note
    state = found["North Carolina"].place
    assert (state.country_code, state.kind, state.raw["admin1code"]) == ("US", "region", "NC")
    assert _near(found["Camp Lejeune"], 34.62, -77.38, 30)


def test_state_abbreviation_and_a_country_namesake(read) -> None:
    found = read("Soldiers left Fort Moore in Columbus, Georgia, for drills near Columbus, "
                 "Ga., and Paris, Texas.")
    assert _near(found["Columbus"], 32.461, -84.988)
    georgia = found["Georgia"].place
    assert (georgia.country_code, georgia.kind) == ("US", "region")  # not the country
    assert _near(found["Paris"], 33.661, -95.556)


def test_the_articles_other_places_pull_an_ambiguous_town(read) -> None:
    found = read("Storm damage closed roads in South Portland, Cape Elizabeth and "
                 "Scarborough. In Portland, crews cleared the waterfront.")
    assert _near(found["Portland"], 43.661, -70.255)
    assert "near the article's other places" in found["Portland"].note


def test_small_town_of_the_articles_country(read) -> None:
    found = read("Norway hosts the allied drills. Troops landed at Narvik on Monday while "
                 "others moved inland.")
    assert _near(found["Narvik"], 68.438, 17.427)


@pytest.mark.parametrize("text", [
    "Man was the word officials used most in the statement.",
    "Nice weather helped the crews on Tuesday.",
    "Surprise was the main element of the plan, officials said.",
])
def test_a_common_word_opening_a_sentence_is_not_a_place(read, text) -> None:
    assert read(text) == {}


def test_common_word_place_after_a_preposition_counts(read) -> None:
    found = read("The summit was held in Nice on Friday.")
    assert _near(found["Nice"], 43.703, 7.266)


def test_the_review_says_why_a_place_won_and_who_found_it() -> None:
    store = Store(":memory:")
    result = ingest_text("Marines trained near Jacksonville, North Carolina, on Tuesday.",
                         published="2024-05-01", store=store)
    ds = read_dataset(store, include_unreviewed=True)
    page = article_html(ds, result.article_id)
    assert "why: qualifier +8" in page and "found by rules" in page


def test_a_person_named_like_a_place_is_not_the_place(read) -> None:
    found = read("Mr. Paris Hilton of Columbus, Georgia, said the drills were loud.")
    assert "Paris" not in found and "Paris Hilton" not in found
    assert _near(found["Columbus"], 32.461, -84.988)


def test_frequent_english_words_are_not_places() -> None:
    """None of the 5,000 most frequent English words (wordfreq) becomes a place in running
    text, lower- or sentence-case, unless it is a place's own name ("Chicago"), a country's or
    region's ("Britain") or a sea's common name ("Gulf": the Persian Gulf): an alternate name,
    a code or a short form never makes a word a place ("Soul" is not Seoul, "Rest" not Rasht,
    "Lion" not Lyon)."""
    from wordfreq import top_n_list

    geocoder, lexicon = get_geocoder("offline"), load_lexicon()
    words = [w for w in top_n_list("en", 5000) if w.isalpha()]
    lower = "\n".join(f"Officials said the {w} was discussed at length." for w in words)
    assert extract_mentions(lower, geocoder, lexicon, ner=False) == []
    sentence = "\n".join(f"{w.capitalize()} was discussed by officials yesterday."
                         for w in words)
    wrong = [(m.surface, m.place.name) for m in extract_mentions(sentence, geocoder, lexicon,
                                                                   ner=False)
             if m.place is None or not (m.place.raw.get("matched") == "name" or
                                        m.place.kind in ("country", "continent", "region", "sea"))]
    assert wrong == []


# ----------------------------------------------------------- focus, lists, streets, people

def test_an_admin_area_sets_the_articles_country_for_small_towns(read) -> None:
    found = read("Gales closed roads across Scotland. Stagecoach suspended services in "
                 "Kirkwall, and the ferry to Lerwick was cancelled.")
    assert _near(found["Kirkwall"], 58.985, -2.959)
    assert _near(found["Lerwick"], 60.153, -1.144)


def test_the_articles_admin_focus_settles_a_small_namesake(read) -> None:
    found = read("Tornadoes hit eastern North Carolina on Friday. In Maysville, a church lost "
                 "its roof; Greensboro and Jacksonville were spared.")
    maysville = found["Maysville"]
    assert _near(maysville, 34.905, -77.231)  # Maysville, NC, not Georgia's or Kentucky's
    assert "focus area" in maysville.note and "North Carolina" in maysville.note


def test_in_after_a_list_qualifies_every_item(read) -> None:
    found = read("Marines held drills in the towns of Balabac, San Vicente, and Rizal in "
                 "Palawan.")
    assert _near(found["San Vicente"], 10.530, 119.254)  # the Palawan town
    assert "qualified by 'Palawan'" in found["San Vicente"].note


def test_a_list_comma_is_not_a_qualifier(read) -> None:
    found = read("Ranges in Odesa, Mykolaiv and Kherson region, all in southern Ukraine, "
                 "were used.")
    assert _near(found["Mykolaiv"], 46.975, 31.995)  # the city, not its oblast
    assert found["Mykolaiv"].place.kind == "city"


def test_streets_are_not_the_towns_they_are_named_after(read) -> None:
    found = read("Flooding closed Franklin Street and Baxter Boulevard in Portland, Maine, "
                 "and Somerset and Franklin streets were shut near Sandy Ridge Road.")
    assert set(found) == {"Portland", "Maine"}


def test_a_name_after_an_age_is_a_person_and_so_is_the_surname_later(read) -> None:
    # The whole article (tests/corpus): "42-year-old Adell Taylor Kirby ... Kirby was arrested".
    path = CORPUS / "gn-parisnews-paris-texas-police-2021.json"
    found = read(json.loads(path.read_text(encoding="utf-8"))["text"])
    assert "Kirby" not in found and "Taylor" not in found
    assert _near(found["Paris"], 33.661, -95.556)


def test_a_state_named_once_keeps_a_world_city_namesake_at_home(read) -> None:
    found = read("Paris police in Texas arrested a driver in the 600 block of 15th St. NW. "
                 "The driver was taken to the Lamar County Jail.")
    assert _near(found["Paris"], 33.661, -95.556)  # Paris, Texas; not France


def test_a_small_town_abroad_is_a_namesake_in_an_article_about_one_country(read) -> None:
    found = read("Wildfires forced evacuations across British Columbia. Alerts now include "
                 "more homes in the Big Creek area and Kamloops.")
    assert all(m.place.country_code == "CA" for m in found.values() if m.place is not None)
    assert _near(found["Kamloops"], 50.666, -120.319)


def test_a_lower_case_direction_names_a_part_of_the_country(read) -> None:
    found = read("Troops deployed in southern Belarus and north-western Russia.")
    south = found["southern Belarus"].place
    assert (south.country_code, south.kind) == ("BY", "region")
    assert found["north-western Russia"].place.country_code == "RU"


def test_names_sharing_a_plural_head_noun_each_take_it(read) -> None:
    found = read("Ships sailed in the Barents and Norwegian Seas, then off the Kuril "
                 "archipelago.")
    assert found["Barents"].place.name == "Barents Sea"
    assert found["Norwegian Seas"].place.name == "Norwegian Sea"
    assert found["Kuril archipelago"].place.name == "Kuril Islands"


def test_a_direction_in_a_qualifier_leaves_the_country(read) -> None:
    found = read("Drills were held at the air base in Taichung, central Taiwan, on Monday.")
    assert found["Taiwan"].place.kind == "country"
    assert "central Taiwan" not in found


def test_a_country_abbreviation_before_a_force_is_a_nationality(read) -> None:
    found = read("U.S. forces and the US Navy joined Philippine and U.S. troops in drills "
                 "held in the U.S. and Japan.")
    assert [m.surface for m in found.values()] == ["U.S.", "Japan"]
    assert found["U.S."].start > 60  # "in the U.S." is the place; the adjectives are not


def test_a_local_body_names_its_state_or_town(read) -> None:
    found = read("Later the Texas Army National Guard flew over Houston, and the Killeen "
                 "Police Department closed roads. The Russian Army held drills.")
    assert found["Texas"].place.kind == "region"
    assert _near(found["Killeen"], 31.117, -97.728)
    assert "Russian Army" not in found and "Russian" not in found


def test_a_weapon_model_is_not_the_town_of_that_name(read) -> None:
    found = read("The Texas Army National Guard flew Black Hawk helicopters over Houston and "
                 "Russia moved Iskander missiles to Belarus.")
    assert "Black Hawk" not in found and "Iskander" not in found
    assert {"Texas", "Houston", "Russia", "Belarus"} <= set(found)


def test_a_state_abbreviation_after_a_town_is_a_mention_of_the_state(read) -> None:
    found = read("Soldiers left Fort Liberty, N.C., for drills near Columbus, Ga., on Monday.")
    assert (found["N.C."].place.name, found["N.C."].place.kind) == ("North Carolina", "region")
    assert found["Ga."].place.raw["admin1code"] == "GA"
    assert _near(found["Columbus"], 32.461, -84.988)


def test_groups_of_countries_and_disputed_islands_are_places(read) -> None:
    found = read("Russian troops held drills near the Baltic states, then on the Northern "
                 "Territories claimed by Japan.")
    assert found["Baltic states"].place.kind == "region"
    assert _near(found["Northern Territories"], 44.1, 146.7, 150)


def test_a_dateline_in_capitals_names_the_place_of_filing(read) -> None:
    found = read("ZAGAN, Poland -- Polish authorities welcomed the American troops on "
                 "Saturday. The brigade will rotate across the region.")
    assert _near(found["ZAGAN"], 51.617, 15.315)
    found = read("WILLIAMS LAKE, B.C. — The number of evacuees grew on Sunday.")
    assert _near(found["WILLIAMS LAKE"], 52.142, -122.145)
    found = read("SEVASTOPOL, Russia, June 2 (UPI) -- The Navy released video of the jets.")
    assert _near(found["SEVASTOPOL"], 44.6, 33.53)
    # Capitals that are not a dateline stay out: an acronym, a shouted headline word.
    found = read("NATO said on Friday that jets were scrambled. WARNING issued for the coast.")
    assert "NATO" not in found and "WARNING" not in found


def test_canadian_and_australian_abbreviations_name_their_province_or_state(read) -> None:
    found = read("Crews flew from Williams Lake, B.C., to fires across the NSW mid-north "
                 "coast, while Alberta sent more planes.")
    bc, nsw = found["B.C."].place, found["NSW"].place
    assert (bc.name, bc.country_code, bc.kind) == ("British Columbia", "CA", "region")
    assert (nsw.name, nsw.country_code, nsw.kind) == ("New South Wales", "AU", "region")
    assert _near(found["Williams Lake"], 52.142, -122.145)
    # Postal codes that are also words or other things only count in that country's news.
    found = read("Prices in the US rose, and the ACT exam and BC-era coins were discussed.")
    assert "ACT" not in found and "BC" not in found


def test_a_town_on_a_route_between_two_names_is_a_place(read) -> None:
    found = read("Avalanches closed the E6 in Finnmark, Norway, between Stabbursdalen and "
                 "Lakselv, and the stretch of road from Olderfjord – Honningsvåg.")
    assert _near(found["Lakselv"], 70.05, 24.97)
    assert _near(found["Honningsvåg"], 70.98, 25.97)


def test_names_sharing_a_lower_case_admin_head_are_each_an_area(read) -> None:
    found = read("The governor sent teams to Jones and Bertie counties in North Carolina. "
                 "Tornadoes swept through three other North Carolina counties: Guilford, "
                 "Forsyth, and Davie.")
    for name in ("Jones", "Bertie", "Guilford", "Forsyth", "Davie"):
        place = next(m.place for s, m in found.items() if s.startswith(name))
        assert (place.country_code, place.kind) == ("US", "county"), name
        assert place.raw["admin1code"] == "NC", name


def test_ships_listed_after_a_plural_type_are_not_their_namesake_cities(read) -> None:
    found = read("China sent the destroyers Qiqihar and Guiyang, the frigates Zaozhuang, "
                 "Rizhao and Yuncheng, and a supply ship to drills off Qingdao.")
    assert set(found) == {"China", "Qingdao"}


def test_a_named_storm_is_not_the_town_of_that_name(read) -> None:
    found = read("Soldiers from Fort Liberty, N.C., helped towns in Georgia after Hurricane "
                 "Helene and Tropical Storm Debby.")
    assert "Hurricane" not in found and "Debby" not in found and "Helene" not in found
    georgia = found["Georgia"].place  # a name of two places votes for neither's country
    assert (georgia.country_code, georgia.kind) == ("US", "region")


def test_an_east_asian_name_is_a_person_wherever_it_recurs(read) -> None:
    found = read("On Kinmen, 92-year-old veteran Yang Yin-shih reads his newspaper. "
                 "Several kilometers from Yang's home is China. Opposition leader Lee "
                 "Jae-myung visited Seoul, and Yang was unfazed.")
    assert "Yang" not in found and "Lee" not in found
    assert {"Kinmen", "China", "Seoul"} <= set(found)


def test_a_country_abbreviation_in_a_compound_or_a_pair_is_an_adjective(read) -> None:
    found = read("The drills show the strength of the U.S-Japan alliance. Around 8,600 U.S. "
                 "and European troops joined the U.S. and Georgia-led exercise after US House "
                 "Speaker Nancy Pelosi visited. Ships sailed to the U.S. later.")
    assert [m.start for m in found.values() if m.surface.startswith("U")] == [
        found["U.S."].start]
    assert found["U.S."].start >= 190  # only "to the U.S." names the country as a place


def test_a_capital_is_a_place_where_the_text_locates_something_in_it(read) -> None:
    found = read("Taipei, June 4 (CNA) The annual drills began. Wagner set up camp about 64 "
                 "miles from the capital Minsk, the ministry said. The fire started "
                 "260 kilometers west of Seoul.")
    for name in ("Taipei", "Minsk", "Seoul"):
        assert not found[name].metonym, name
    assert found["Taipei"].locative
    found = read("Moscow said the drills were routine, and Seoul warned of more launches.")
    assert found["Moscow"].metonym and found["Seoul"].metonym


def test_a_town_read_in_context_is_not_the_capital_it_was_taken_for(read) -> None:
    found = read("A City of Paris Animal Control Officer found a feral dog in Paris, Texas. "
                 "Paris police said the dog was taken to the shelter.")
    paris = found["Paris"]
    assert _near(paris, 33.661, -95.556) and not paris.metonym


def test_a_person_the_model_names_is_not_a_place_in_either_part_of_the_name(read) -> None:
    found = read("Emergency Management Southland Controller Angus McKay said around 30 properties "
                 "were flooded in Mataura. McKay said the river was falling. Crews from Gore "
                 "and Invercargill helped.")
    assert "Angus" not in found and "McKay" not in found
    assert {"Mataura", "Gore", "Invercargill"} <= set(found)


def test_ship_classes_prefixed_ships_and_aircraft_names_are_not_places(read) -> None:
    found = read("The US sent the Ticonderoga-class cruiser Princeton, Arleigh Burke-class "
                 "destroyers and a Los Angeles-class attack submarine to the Bay of Bengal. "
                 "Japan contributed the helicopter carrier JS Izumo, and USS Ronald Reagan "
                 "sailed from Yokosuka. Marines flew Osprey tilt-rotor aircraft near Okinawa.")
    for name in ("Burke", "Los Angeles", "Izumo", "Ronald Reagan", "Osprey", "Princeton"):
        assert not any(name in s for s in found), name
    assert {"Yokosuka", "Okinawa"} <= set(found)


def test_a_name_with_an_inner_apostrophe_is_one_word(read) -> None:
    found = read("That morning, naval ships sailed from the Su’ao naval base in Yilan County, "
                 "and Russia’s Pacific Fleet sailed to Sana'a's port.")
    assert _near(found["Su’ao naval base"], 24.596, 121.851, 5)
    assert found["Russia"].place.country_code == "RU"


@pytest.mark.parametrize(("text", "surface", "lat", "lon"), [
    # GeoNames 590031 Narva (59.377, 28.190), 588335 Tartu (58.380, 26.725): Estonian towns,
    # not Russian villages of the same name
    ("Troops trained in Narva, 3 km from the Russian border.", "Narva", 59.377, 28.190),
    ("Troops trained in Narva near the Russian border.", "Narva", 59.377, 28.190),
    ("Troops trained in Tartu, 45 km from the Russian border.", "Tartu", 58.380, 26.725),
])
def test_a_country_named_as_a_border_does_not_pull_places_into_it(read, text, surface, lat,
                                                                   lon) -> None:
    """A country named only as the far side of a border is no sign of where the places are:
    a place near the Russian border lies outside Russia."""
    found = read(text)
    assert _near(found[surface], lat, lon)


@pytest.mark.parametrize(("text", "surface", "lat", "lon"), [
    # GeoNames 3674885 Melgar (4.205, -74.641): the article names Colombia only by "Colombian"
    ("Colombian and US troops drilled in Melgar.", "Melgar", 4.204, -74.641),
    # GeoNames 1586350 Cam Ranh (11.921, 109.159)
    ("Vietnamese and Indian sailors drilled off Cam Ranh.", "Cam Ranh", 11.921, 109.159),
])
def test_a_nationality_sets_the_articles_country(read, text, surface, lat, lon) -> None:
    """Nationality words count as the country for small towns ("Colombian", "Vietnamese"),
    as "Russian" always did: the whole CIA World Factbook list, not only Europe's."""
    found = read(text)
    assert _near(found[surface], lat, lon)


def test_a_nationality_starting_a_country_name_is_no_adjective(read) -> None:
    """ "the UK, Saudi Arabia": "Saudi" is the country's first word, so "UK" is a place in a
    list of countries, not an adjective in a list of nationalities ("Georgian, U.S.")."""
    found = read("Forces from Egypt, Jordan, the UK, Saudi Arabia and France take part.")
    assert found["UK"].place is not None and found["UK"].place.country_code == "GB"
