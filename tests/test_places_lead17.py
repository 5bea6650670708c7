"""Places found by probing with made-up sentences (issue 9). Every sentence is made up."""

from __future__ import annotations

import pytest
from geopy.distance import geodesic

from geo.extract.mentions import extract_mentions


@pytest.mark.parametrize("text", [
    "The live-fire drills were held off Pingtan island in Fujian province.",
    "Chinese forces drilled near Pingtan, the closest point to Taiwan.",
])
def test_pingtan_is_the_fujian_island_not_the_chongqing_town(text, geocoder, lexicon) -> None:
    """Wikipedia's coordinate of the county seat, Tancheng, on the island: 25.49861, 119.79028."""
    (pingtan,) = [m for m in extract_mentions(text, geocoder, lexicon)
                  if m.surface.startswith("Pingtan")]
    assert pingtan.place is not None
    assert geodesic((pingtan.place.lat, pingtan.place.lon), (25.49861, 119.79028)).km < 20


@pytest.mark.parametrize(("text", "where"), [
    # Kuwait City, GeoNames 285787: 29.36972, 47.97833; Djibouti city, GeoNames 223817.
    ("KUWAIT, Nov 9 (KUNA) -- The GCC joint defence council met on Tuesday.", (29.3697, 47.9783)),
    ("DJIBOUTI, May 2 (Reuters) - French troops began drills on Monday.", (11.5890, 43.1450)),
])
def test_a_dateline_naming_a_country_is_its_capital(text, where, geocoder, lexicon) -> None:
    first = extract_mentions(text, geocoder, lexicon)[0]
    assert first.start == 0 and first.place is not None and first.place.kind == "capital"
    assert geodesic((first.place.lat, first.place.lon), where).km < 10


def test_a_country_named_in_the_text_stays_the_country(geocoder, lexicon) -> None:
    (kuwait,) = extract_mentions("Kuwait said on Monday it would host the drills.", geocoder,
                                 lexicon)
    assert kuwait.place is not None and kuwait.place.kind == "country"


def test_a_place_the_text_puts_in_a_far_country_is_not_pinned_elsewhere(geocoder,
                                                                        lexicon) -> None:
    """GeoNames knows a Gamboa only in Brazil; the text puts this one in Panama."""
    mentions = extract_mentions("The exercise was held at the Gamboa training area in Panama.",
                                geocoder, lexicon)
    (gamboa,) = [m for m in mentions if m.surface.startswith("Gamboa")]
    assert gamboa.place is None and "Panama" in gamboa.note


@pytest.mark.parametrize("text", [
    "SEVASTOPOL, Russia, June 2 (UPI) -- The U.S. Navy destroyer entered the Black Sea.",
    "The drills were held near Sevastopol in Russia, the ministry said.",
])
def test_a_neighbour_may_hold_or_claim_the_place(text, geocoder, lexicon) -> None:
    (sevastopol,) = [m for m in extract_mentions(text, geocoder, lexicon)
                     if m.surface.lower() == "sevastopol"]
    assert sevastopol.place is not None
    assert geodesic((sevastopol.place.lat, sevastopol.place.lon), (44.6, 33.53)).km < 25


def test_a_list_of_countries_qualifies_nothing(geocoder, lexicon) -> None:
    text = "Troops from Barbados, Grenada, Guyana, Haiti and Jamaica took part."
    codes = {m.place.country_code for m in extract_mentions(text, geocoder, lexicon) if m.place}
    assert codes == {"BB", "GD", "GY", "HT", "JM"}


@pytest.mark.parametrize(("text", "code"), [
    ("Participants included Angola, Benin, Congo, Democratic Republic of Congo and Gabon.", "CG"),
    ("Troops from Rwanda and Congo clashed near Goma on Monday.", "CD"),
])
def test_bare_congo_is_a_country_the_context_picks(text, code, geocoder, lexicon) -> None:
    (congo,) = [m for m in extract_mentions(text, geocoder, lexicon) if m.surface == "Congo"]
    assert congo.place is not None and congo.place.kind == "country"
    assert congo.place.country_code == code


@pytest.mark.parametrize("text", [
    "The exercise saw the French ship Germinal deployed off Dakar on Monday.",
    "The Landing Helicopter Dock Tonnerre sailed from Dakar on Monday.",
    "A maritime patrol aircraft (Atlantique II) flew from Dakar on Monday.",
    "Falcon 50 maritime surveillance aircraft flew from Dakar on Monday.",
])
def test_ships_and_aircraft_named_like_places_are_not_places(text, geocoder, lexicon) -> None:
    assert [m.surface for m in extract_mentions(text, geocoder, lexicon)] == ["Dakar"]


@pytest.mark.parametrize(("name", "code"), [("Georgia", "GE"), ("Grenada", "GD"),
                                            ("Jamaica", "JM")])
def test_a_name_listed_between_countries_is_the_country(name, code, geocoder, lexicon) -> None:
    text = (f"The US Navy led the drills off Florida and Texas. Nations taking part included "
            f"Algeria, Belgium, {name}, Italy and the United States.")
    (m,) = [m for m in extract_mentions(text, geocoder, lexicon) if m.surface == name]
    assert m.place is not None and m.place.country_code == code and m.place.kind == "country"


@pytest.mark.parametrize(("text", "sea"), [
    ("Tradewinds, a maritime security exercise in the Caribbean, begins tomorrow.",
     "Caribbean Sea"),
    ("Greek and Turkish frigates shadowed each other across the Aegean on Monday.", "Aegean Sea"),
])
def test_the_adjective_of_a_sea_alone_is_the_sea(text, sea, geocoder, lexicon) -> None:
    (m,) = extract_mentions(text, geocoder, lexicon)
    assert m.place is not None and m.place.name == sea


@pytest.mark.parametrize("text", [
    "Six Su-24s flew by the Ross, which was 25 miles off the coast of Crimea.",
    "The Irish, the ministry said, sent no ships to the drills.",
])
def test_a_ship_or_a_people_after_the_is_no_sea(text, geocoder, lexicon) -> None:
    assert all(m.place is None or m.place.kind not in ("sea", "water")
               for m in extract_mentions(text, geocoder, lexicon))


@pytest.mark.parametrize(("text", "surface", "where"), [
    # UN M49 regions; points inside them (Ouagadougou, Tamanrasset, Tegucigalpa)
    ("The ships sailed to West Africa for the drills.", "West Africa", (12.37, -1.53)),
    ("Jihadist groups spread across North Africa, officials said.", "North Africa", (22.79, 5.52)),
    ("US forces trained with partners in Central America.", "Central America", (14.08, -87.21)),
])
def test_macro_regions_are_regions_not_their_continent(text, surface, where, geocoder,
                                                       lexicon) -> None:
    (m,) = [m for m in extract_mentions(text, geocoder, lexicon) if m.surface == surface]
    assert m.place is not None and m.place.kind == "region"
    assert geodesic((m.place.lat, m.place.lon), where).km < 5


def test_a_standby_force_named_after_a_region_is_no_place(geocoder, lexicon) -> None:
    text = "Officers from the Eastern Africa Standby Force joined the drills in Djibouti."
    assert [m.surface for m in extract_mentions(text, geocoder, lexicon)] == ["Djibouti"]


def test_a_ship_named_again_without_its_prefix_is_the_ship(geocoder, lexicon) -> None:
    text = ("The China Coast Guard ship CNS Aba shadowed the boats. At 8:48 a.m., Aba was "
            "sighted 20 miles from Second Thomas Shoal.")
    assert [m.surface for m in extract_mentions(text, geocoder, lexicon)] == [
        "Second Thomas Shoal"]


def test_the_west_philippine_sea_is_in_the_south_china_sea(geocoder, lexicon) -> None:
    """Not the Philippine Sea east of the archipelago (20N 130E)."""
    (m,) = extract_mentions("The four navies sailed in the West Philippine Sea on Sunday.",
                            geocoder, lexicon)
    assert m.surface == "West Philippine Sea" and m.place is not None
    assert geodesic((m.place.lat, m.place.lon), (12.0, 117.0)).km < 50


@pytest.mark.parametrize(("text", "surfaces"), [
    ("The ceremony was attended by the U.S. Ambassador to Croatia James B. Foley in Zagreb.",
     ["Croatia", "Zagreb"]),
    ("The Defender 23 exercise is led by U.S. Army Europe and Africa, the army said in "
     "Wiesbaden.", ["Wiesbaden"]),
])
def test_a_person_with_a_middle_initial_and_a_us_command_are_no_places(text, surfaces, geocoder,
                                                                       lexicon) -> None:
    assert [m.surface for m in extract_mentions(text, geocoder, lexicon)] == surfaces


def test_a_curated_base_whose_name_opens_with_al_keeps_it(geocoder, lexicon) -> None:
    text = "French Rafale jets flew from the Al Dhafra airbase in the UAE."
    (base, _uae) = extract_mentions(text, geocoder, lexicon)
    assert base.surface == "Al Dhafra airbase" and base.place is not None
    assert geodesic((base.place.lat, base.place.lon), (24.2482, 54.5477)).km < 5
