"""Place names of unseen local news that drillmap used to drop or misplace (issue 9).

Sentences of our own; each test fails without its rule (see the comment at each assert).
"""

from __future__ import annotations

from mention_helpers import near as _near


def test_a_possessive_inside_a_known_name_keeps_the_name_whole(read) -> None:
    found = read("Bridges were closed in Hawke’s Bay and people fled Martha's Vineyard. "
                 "Russia's Black Sea Fleet sailed.")
    assert found["Hawke’s Bay"].place.country_code == "NZ"  # was split: "Hawke", "Bay"
    assert found["Hawke’s Bay"].place.kind == "region"
    assert "Russia" in found and "Russia's Black Sea Fleet" not in found  # no such place


def test_bosnia_is_the_country_and_bosnian_its_adjective(read) -> None:
    found = read("Floods hit the northern Bosnian town of Doboj and the east of Bosnia.")
    assert found["Bosnia"].place.country_code == "BA"
    assert _near(found["Doboj"], 44.732, 18.087)


def test_the_end_of_a_route_is_the_town_near_the_other_end(read) -> None:
    found = read("A bridge between Napier and Wairoa was destroyed.")
    # before: listed unresolved, "an end of a route: not in the gazetteer"
    assert _near(found["Wairoa"], -39.04, 177.40)
    assert "article's country" in found["Wairoa"].note


def test_a_town_framed_as_a_town_near_the_articles_towns_is_placed(read) -> None:
    found = read("Floods hit Serbia at Sremska Mitrovica. Across the river, the town of "
                 "Bijeljina and the village of Nowherebrook were cut off.")
    # a town of another country than the article's: before, listed "not in the gazetteer"
    assert _near(found["Bijeljina"], 44.757, 19.216)
    assert "named as a settlement" in found["Bijeljina"].note
    assert found["Nowherebrook"].place is None  # unknown: listed, never invented


def test_portuguese_connectors_stay_inside_a_name(read) -> None:
    found = read("In Brazil, floods cut off Eldorado do Sul and Barra do Ribeiro.")
    assert _near(found["Eldorado do Sul"], -30.084, -51.616)  # was "Eldorado", 700 km off
    assert _near(found["Barra do Ribeiro"], -30.291, -51.301)  # was "Barra", 2,300 km off
    assert "Sul" not in found


def test_names_after_the_river_or_before_rivers_are_rivers(read) -> None:
    found = read("In Brazil, the rivers Jacuí, Sinos and Caí flooded Canoas. In Georgia, the "
                 "river Ilto rose and the Duruji and Kabali rivers burst their banks.")
    for name in ("Jacuí", "Sinos", "Caí", "Ilto", "Duruji"):
        # before: "Jacuí" was a town of Minas Gerais 700 km away, "Ilto" was missed
        assert found[name].place is None, name
        assert "river" in found[name].note, name
    assert found["Canoas"].place.country_code == "BR"


def test_a_name_joined_by_a_slash_to_a_town_is_a_town(read) -> None:
    found = read("CHARSADDA/NOWSHERA: Floods hit Khyber Pakhtunkhwa in Pakistan.")
    assert _near(found["NOWSHERA"], 34.016, 71.981)  # before: missed (no population given)
    assert "joined by '/'" in found["NOWSHERA"].note


def test_a_site_named_in_full_is_meant_again_by_its_short_name(read) -> None:
    found = read("Jets bombed targets at the Wadi Shadiya training range in Jordan. The "
                 "battalion assigned to Wadi Shadiya returned.")
    short = found["Wadi Shadiya"]  # before: missed
    assert short.place is None and "short form of 'Wadi Shadiya training range'" in short.note


def test_names_listed_after_villages_including_are_settlements(read) -> None:
    found = read("In Pakistan, the flood affected villages and towns in Tangi tehsil, "
                 "including Abazai, Katozai and Dheri Zardad.")
    for name in ("Abazai", "Katozai", "Dheri Zardad"):  # before: all three missed
        assert found[name].place is None and "listed as a settlement" in found[name].note


def test_a_list_after_at_or_to_with_one_place_is_a_list_of_places(read) -> None:
    found = read("In Kenya, the collapsed sections are at Bil Bil, Bulkanotu and Garissa. In "
                 "Ireland, roads out of Cork to Clonakilty, Crossbarry, and Kilbritain flooded.")
    for name in ("Bil Bil", "Bulkanotu", "Crossbarry", "Kilbritain"):  # before: missed
        assert found[name].place is None and "listed with places" in found[name].note


def test_a_name_before_village_is_a_settlement(read) -> None:
    found = read("A family from Mulanjo village in Kenya lost three kin.")
    assert found["Mulanjo"].place is None  # before: missed
    assert "named as a village" in found["Mulanjo"].note


def test_an_area_after_a_countrys_possessive_lies_in_that_country(read) -> None:
    found = read("Floods hit Georgia’s Western Region of Kakheti.")
    region = found["Western Region"]
    assert region.place is None  # before: Uganda's Western Region, on another continent
    assert "an area of 'Georgia'" in region.note


def test_a_small_town_named_with_its_provinces_abbreviation_is_a_place(read) -> None:
    found = read("Alerts were issued in Nova Scotia. Wendy Donovan, the mayor of Wolfville, "
                 "N.S., said the rain came as tides were rising.")
    assert _near(found["Wolfville"], 45.083, -64.365)  # before: missed (4,195 people)


def test_an_unknown_name_before_a_lower_case_feature_word_is_that_feature(read) -> None:
    found = read("Nigeria needs help to demine Sambisa forest in Borno state. The Jordan "
                 "valley was quiet.")
    assert found["Sambisa forest"].place is None  # before: missed
    assert "a named forest" in found["Sambisa forest"].note
    assert found["Jordan"].place.country_code == "JO"  # a known name keeps its reading


def test_camp_and_a_name_is_a_base(read) -> None:
    found = read("Unimogs came from the New Zealand Army’s Camp Linton to Napier.")
    assert found["Camp Linton"].place is None  # before: missed
    assert "a named camp" in found["Camp Linton"].note
