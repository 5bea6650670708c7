"""Islands, archipelagos and listed small places of unseen news (round pl16, issue 9).

Sentences of our own; each test fails without its rule or data (see the comment at each
assert): Natural Earth's named physical features (``data/natural_earth_physical.csv``), a
list of islands anchoring its namesake towns, a list-mate located among tight neighbours,
"the X archipelago", "on" before a list, speakers and peoples' adjectives in settlement
frames, ages written "53-year old".
"""

from __future__ import annotations

import csv

from mention_helpers import near as _near

from geo.geocoders.gazetteer import load_curated_places, load_natural_earth_physical
from geo.geocoders.registry import get_geocoder
from geo.settings import natural_earth_physical_path, places_path


def test_natural_earth_rows_cite_their_layer_and_feature() -> None:
    rows = list(csv.DictReader(natural_earth_physical_path().open(encoding="utf-8")))
    assert 1100 < len(rows) < 1400
    assert all(r["source"].startswith("Natural Earth 4.0 10m ne_10m_geography_regions_")
               and " feature " in r["source"] for r in rows)
    assert {r["kind"] for r in rows} == {"island", "region", "other"}
    lombok = next(r for r in rows if r["name"] == "Lombok")
    assert (lombok["country_code"], lombok["aliases"]) == ("ID", "Lombok Island")
    assert 40 < float(lombok["precision_km"]) < 100  # an island of 80 km is no pin


def test_a_curated_row_or_a_country_keeps_its_name() -> None:
    curated = load_curated_places(places_path())
    added = load_natural_earth_physical(natural_earth_physical_path(), curated, ["Korea", "Cuba"])
    names = {p.name for p in added} | {a for p in added for a in p.aliases}
    assert "Kuril Islands" not in names  # data/places.csv has it, with its own citation
    assert "Cuba" not in names and "Korea" not in names  # countries stay countries
    assert "Tanna" in names and "Borneo" in names


def test_an_island_the_gazetteer_lacked_is_found(read) -> None:
    found = read("The earthquake on Lombok killed 98 people. Rescuers reached Borneo later.")
    # before: "not found" (GeoNames' cities500 has no islands); now Natural Earth's Lombok
    assert found["Lombok"].place.kind == "island"
    assert _near(found["Lombok"], -8.65, 116.32, km=60)


def test_a_peak_is_read_by_its_mountain_name(read) -> None:
    found = read("After the 1991 eruption of Mount Pinatubo, the United States withdrew.")
    # before: unresolved; Natural Earth's peaks are kept when their name says "Mt."/"Mount"
    assert _near(found["Mount Pinatubo"], 15.13, 120.35, km=5)


def test_a_natural_earth_island_never_outranks_a_city() -> None:
    place = get_geocoder("offline").geocode("Santiago")
    # Natural Earth names an island of Cape Verde "Santiago": it ranks as an unpopulated place
    assert place is not None and place.country_code == "CL"


def test_a_name_called_an_island_takes_the_island_reading(read) -> None:
    found = read("Cyclone Pam struck Vanuatu. The island of Tanna was flattened and Tanna "
                 "lost its crops.")
    # before: unresolved ("Tanna" was otherwise Thane in India); now the island, every mention
    assert all(_near(m, -19.542, 169.282) for s, m in found.items() if s == "Tanna")
    assert found["Tanna"].place.kind == "island"


def test_an_archipelago_is_never_a_namesake_town_abroad(read) -> None:
    found = read("Sites on South Uist, Benbecula and Hirta on the St Kilda archipelago test "
                 "and track guided weapons.")
    # before: "St Kilda" was Saint Kilda, a suburb of Melbourne 17,000 km away
    assert found["St Kilda"].place is None
    assert "island" in found["St Kilda"].note


def test_a_list_after_on_makes_its_names_places(read) -> None:
    found = read("Sites on South Uist, Benbecula and Hirta test and track guided weapons.")
    # before: Benbecula (a village of 1,200 named without "in") was dropped, Hirta unseen
    assert _near(found["Benbecula"], 57.447, -7.343)
    assert found["Hirta"].place is None and "listed" in found["Hirta"].note


def test_listed_islands_anchor_their_namesake_towns(read) -> None:
    found = read("Japan claims four Kuril Islands: Iturup, Kunashir, Shikotan and Habomai.")
    # before: Shikotan, a town of GeoNames, was listed unresolved (only towns anchored a list)
    assert _near(found["Shikotan"], 43.80, 146.75)


def test_a_list_mate_is_located_among_tight_neighbours(read) -> None:
    found = read("There were no fatalities among tourists on the three islands: Gili "
                 "Trawangan, Gili Meno and Gili Air.")
    # before: "Gili Meno" was listed unresolved; its list-mates lie 5 km apart
    meno = found["Gili Meno"]
    assert _near(meno, -8.35, 116.06, km=5)
    assert meno.place.precision_km >= 10 and "among" in meno.place.note


def test_a_list_spread_wide_locates_no_list_mate(read) -> None:
    found = read("Flights linked Darwin, Perth and Zzyzxville in Australia.")
    # Darwin and Perth are 2,600 km apart: the unknown name is not put between them
    assert found["Zzyzxville"].place is None


def test_a_speaker_after_a_settlement_frame_is_no_place(read) -> None:
    found = read("Troops worked near the Nunavut hamlet of Kimmirut, Whitecross said.")
    # before: "Whitecross" was read as a second settlement of the list
    assert "Whitecross" not in found and "Kimmirut" in found


def test_a_peoples_adjective_before_village_is_no_name(read) -> None:
    found = read("They had taken refuge at Arakanese village Kai Gyee in southern Maungdaw, "
                 "then left the Arakanese village on Aug. 31.")
    # before: "Arakanese" was read as the village's name, twice
    assert "Arakanese" not in found
    assert "Kai Gyee" in found


def test_an_age_without_its_second_hyphen_introduces_a_person(read) -> None:
    found = read("Floods hit Garissa. Police identified the deceased as 53-year old Jillo "
                 "Hassan and his child.")
    # before: "Hassan" was the Indian city of Hassan
    assert "Hassan" not in found


def test_a_district_read_through_a_town_abroad_is_unresolved(read) -> None:
    found = read("KABUL - The Taliban hit checkpoints in northeastern Takhar province. A "
                 "councilman in western Farah province says those killed in Bakwa district "
                 "were all members of the Taliban.")
    # before: "Bakwa district" was the town Bakwa in Congo, 5,800 km away, standing in for it
    assert found["Bakwa district"].place is None
    assert "namesake" in found["Bakwa district"].note


def test_a_part_of_the_island_is_located_on_it(read) -> None:
    found = read("Japan opened a radar station on Yonaguni Island. The new base located in the "
                 "Kubura district of the island extends for about 25 hectares.")
    # before: "a named district: not in the gazetteer", unresolved
    assert _near(found["Kubura district"], 24.467, 123.0, km=10)
    assert "island" in found["Kubura district"].note


def test_a_barangay_lies_in_the_town_named_before_it(read) -> None:
    found = read("Gunmen attacked workers in Patikul, Sulu, clashing with the Barangay Peace "
                 "Action Team in Barangay Taglibi, then withdrew toward Barangay Kabuntakas.")
    # before: "Barangay Kabuntakas" was not found and "Barangay Taglibi" only as "Taglibi"
    assert _near(found["Barangay Taglibi"], 6.089, 121.105, km=5)
    assert _near(found["Barangay Kabuntakas"], 6.089, 121.105, km=5)
    assert found["Barangay Kabuntakas"].place.precision_km >= 10
    assert not any(s.startswith("Barangay Peace") for s in found)  # a body, not a village


def test_a_name_before_mountain_range_is_that_range(read) -> None:
    found = read("Farmers were killed in their village near the Mayu mountain range.")
    # before: missed (the lower-case feature words had "mountains", not "mountain range")
    assert found["Mayu mountain range"].place is None
    assert "mountain range" in found["Mayu mountain range"].note
