"""Places read in their article's theatre: namesakes abroad, cut-short names, local spellings.

Sentences of our own (issue 9): each asserts where a place lands, or that it is listed
unresolved rather than put on another continent.
"""

from __future__ import annotations

from mention_helpers import near as _near


def test_a_county_named_with_its_head_word_takes_the_focus_areas_namesake(read) -> None:
    found = read("A state of disaster was declared in Gangwon Province, where the fire spread "
                 "from Goseong County to the cities of Sokcho and Gangneung in Gangwon "
                 "Province.")
    # Goseong in Gangwon (GeoNames 1840179), not its namesake in South Gyeongsang.
    assert _near(found["Goseong County"], 38.379, 128.468)


def test_a_district_named_with_its_head_word_takes_the_focus_areas_namesake(read) -> None:
    found = read("Floods in Assam submerged villages in Dhemaji and Dibrugarh, Assam. In the "
                 "Lakhimpur district, an embankment broke.")
    # Lakhimpur of Assam (GeoNames 1261181, North Lakhimpur), not Lakhimpur of Uttar Pradesh.
    assert _near(found["Lakhimpur district"], 27.235, 94.104, 60)


def test_a_weak_namesake_far_from_every_other_place_is_left_unresolved(read) -> None:
    found = read("A trough is dumping rain on the Brisbane, Ipswich, Lockyer Valley, Darling "
                 "Downs and Moreton Bay regions of Queensland.")
    # The gazetteer knows no Darling Downs in Queensland, only a village in Western
    # Australia, 3,500 km from the article's other places.
    assert found["Darling Downs"].place is None
    assert "far from" in found["Darling Downs"].note
    assert _near(found["Brisbane"], -27.468, 153.028)


def test_a_big_city_far_from_the_other_places_stays_where_it_is(read) -> None:
    found = read("Flooding hit Primorye, where Vladivostok and Ussuriysk were worst affected. "
                 "Aid was flown in from Moscow and London.")
    assert _near(found["London"], 51.509, -0.126)


def test_a_slavic_adjective_of_a_name_ending_in_o_is_that_place(read) -> None:
    found = read("In Primorye, near Vladivostok, a woman was washed away in the Lazovsky "
                 "region, the governor said.")
    # Lazovsky District, seat Lazo (GeoNames 2020888), not a Moldovan namesake.
    place = found["Lazovsky region"].place
    assert place is not None and place.country_code == "RU"


def test_a_name_repeated_after_an_unresolved_first_mention_is_read_the_same(read) -> None:
    found = read("Disasters were declared in the inland towns of Theodore, Dalby and "
                 "Chinchilla in Queensland. The situation in Theodore, inland from "
                 "Bundaberg, was dire.")
    assert _near(found["Theodore"], -24.946, 150.074)


def test_a_small_town_listed_with_places_is_its_namesake_near_them(read) -> None:
    found = read("Laidley residents are being evacuated in Queensland. People in nearby "
                 "Grantham, Gatton, Minden and Prenzlau have also fled.")
    # Minden of Queensland (GeoNames 2157576, 1,212 people), not Minden in Germany.
    assert _near(found["Minden"], -27.560, 152.545)
    assert "near" in found["Minden"].note
    assert found["Prenzlau"].place is None  # no Prenzlau near them: listed, unresolved


def test_a_name_inside_a_longer_name_is_not_read_alone(read) -> None:
    found = read("Fires forced evacuations in Manitoba from Lake St. Martin, Little "
                 "Saskatchewan and Dauphin River. Water covered Ontario St in Mataura.")
    for surface in ("Lake St. Martin", "Little Saskatchewan", "Ontario St"):
        assert found[surface].place is None, surface  # not Saint Martin, the province...
    assert "St. Martin" not in found and "Saskatchewan" not in found
    assert "Ontario" not in found


def test_a_hyphenated_name_is_read_whole_in_another_romanisation(read) -> None:
    found = read("The worst affected cities were Ussuriysk and Spassk-Dalny in Primorye.")
    # Spassk-Dal'niy (GeoNames 2016187); "Dalny" alone is an old name of Dalian, China.
    assert _near(found["Spassk-Dalny"], 44.601, 132.820)
    assert "Dalny" not in found


def test_two_names_joined_by_a_hyphen_stay_two_places(read) -> None:
    found = read("The Russia-Ukraine war shaped the drills in Norway.")
    assert found["Ukraine"].place.country_code == "UA"


def test_an_island_named_with_its_head_word_is_the_island(read) -> None:
    found = read("Chinese ships sailed around Taiwan Island on Monday.")
    assert found["Taiwan Island"].place.country_code == "TW"


def test_korean_cities_and_counties_named_without_their_unit(read) -> None:
    found = read("A state of disaster was declared for Goseong County and the cities of "
                 "Sokcho, Gangneung and Donghae in Gangwon Province. Drills resumed at a "
                 "range in Pocheon, Gyeonggi Province.")
    # GeoNames lists the city as "Donghae City" and its area as "Donghae-si" (1834262).
    assert _near(found["Donghae"], 37.544, 129.107)
    # "Pocheon-si" (GeoNames 1839102): its point lies 30 km north of the city centre.
    assert _near(found["Pocheon"], 37.895, 127.200, 40)


def test_small_towns_named_as_communities_are_places(read) -> None:
    found = read("The Burnett River is causing major flooding in Queensland, in the "
                 "communities of Mundubbera and Gayndah.")
    assert _near(found["Mundubbera"], -25.593, 151.302)  # GeoNames 2156240, 1,345 people
    assert _near(found["Gayndah"], -25.625, 151.611)
    found = read("Floods hit the village of Mytholmroyd again.")
    assert _near(found["Mytholmroyd"], 53.731, -1.983)


def test_a_settlement_noun_before_of_belongs_to_the_next_name(read) -> None:
    found = read("Earlier Wednesday, the northern Manitoba city of Flin Flon issued an "
                 "evacuation order.")
    assert "Manitoba city" not in found and "northern Manitoba city" not in found
    assert found["northern Manitoba"].place.kind == "region"
    assert _near(found["Flin Flon"], 54.767, -101.874)


def test_a_name_called_a_community_is_listed_even_when_unknown(read) -> None:
    found = read("In Manitoba, the Town of Lynn Lake ordered residents to leave, along with "
                 "the community of Sherridon and the villages of Foo Creek and Bar Lake.")
    for surface in ("Lynn Lake", "Sherridon", "Foo Creek", "Bar Lake"):
        assert found[surface].place is None, surface
        assert "settlement" in found[surface].note


def test_community_inside_an_organisations_name_frames_no_place(read) -> None:
    found = read("Navies of the Economic Community of West African States met in Ghana.")
    assert "West African States" not in found


def test_names_listed_after_a_place_governed_by_at_are_places(read) -> None:
    found = read("South of Toowoomba, in Queensland, homes are at risk at Warwick, "
                 "Millmerran, Cecil Plains and Cooby Creek.")
    assert _near(found["Millmerran"], -27.879, 151.271)  # GeoNames 2157641, 1,548 people
    assert found["Cecil Plains"].place is None  # not in the gazetteer: listed
    assert found["Cooby Creek"].place is None


def test_an_admin_area_named_by_its_adjective_before_a_title_is_a_place(read) -> None:
    found = read("Three people died, Primorsky Territory Governor Oleg Kozhemyako said.")
    assert found["Primorsky Territory"].place.kind == "region"


def test_a_nationality_before_a_region_says_whose_it_is(read) -> None:
    found = read("Exercises were held in Swedish Lapland near Kiruna, in Finnish Lapland "
                 "near Rovaniemi and in Norwegian Finnmark.")
    assert found["Swedish Lapland"].place is None  # the gazetteer's Lapland is Finland's
    assert found["Finnish Lapland"].place.country_code == "FI"
    assert found["Norwegian Finnmark"].place.country_code == "NO"
    found = read("Troops moved from Belarusian Brest; Russian Crimea was also named.")
    assert _near(found["Belarusian Brest"], 52.098, 23.700)  # not Brest, France
    assert found["Crimea"].place is not None  # an area read by its own name is kept


def test_a_nationality_before_a_site_says_whose_site_it_is(read) -> None:
    found = read("Shoigu visited the Russian Kant military base in Kyrgyzstan.")
    assert found["Kant military base"].place.country_code == "KG"


def test_first_nations_are_places_at_their_namesake_town_or_listed(read) -> None:
    found = read("In Manitoba, Marcel Colomb First Nation and Norway House First Nation were "
                 "told to prepare to leave.")
    assert found["Marcel Colomb First Nation"].place is None
    assert "Colomb" not in found
    assert _near(found["Norway House First Nation"], 53.982, -97.833)  # GeoNames 7732488


def test_small_towns_put_in_their_state_by_the_text_are_places(read) -> None:
    found = read("Bushfires threatened Kilcoy and Woodford in Queensland on Sunday.")
    assert _near(found["Kilcoy"], -26.943, 152.565)  # GeoNames, a village of Queensland
    assert _near(found["Woodford"], -26.953, 152.777)  # not Woodford, New South Wales


def test_a_hyphenated_japanese_name_is_read_joined(read) -> None:
    found = read("A landslide hit Kami-Amakusa City in Kumamoto Prefecture.")
    assert "Kami" not in found
    assert _near(found["Kami-Amakusa City"], 32.489, 130.394, 20)


def test_a_russian_region_named_by_its_noun_is_the_oblast_not_the_city(read) -> None:
    found = read("Russian forces held exercises at Luga in Leningrad Region, and near Pskov.")
    region = found["Leningrad Region"].place
    # Leningradskaya oblast' (GeoNames 536199), not the city of Saint Petersburg.
    assert (region.kind, region.name) == ("region", "Leningradskaya oblast'")


def test_one_word_opening_a_sentence_before_near_is_no_place(read) -> None:
    found = read("Wildfires near Kelowna forced evacuations in British Columbia.")
    assert "Wildfires" not in found
    assert _near(found["Kelowna"], 49.88, -119.49)


def test_a_direction_of_a_namesake_state_abroad_is_left_unresolved(read) -> None:
    found = read("Floods cut off Lismore, Casino and Kyogle in the Northern Rivers region of "
                 "New South Wales, while Grafton and Ballina were on alert.")
    # The gazetteer has no Northern Rivers; "Rivers" is a Nigerian state, 15,000 km away.
    assert found["Northern Rivers region"].place is None
    assert _near(found["Lismore"], -28.81, 153.28)


def test_a_japanese_town_named_in_english_is_the_town(read) -> None:
    found = read("In Kumamoto Prefecture, a man was swept away in Ashikita Town and homes "
                 "were flooded in Hitoyoshi City.")
    assert _near(found["Ashikita Town"], 32.30, 130.49, 15)
    assert _near(found["Hitoyoshi City"], 32.22, 130.75)


def test_rivers_and_creeks_sharing_a_head_are_places_even_unknown(read) -> None:
    found = read("The concern is for communities along the Condamine, Logan, and Bremmer "
                 "rivers in Queensland, as well as Warril and Lockyer creeks.")
    for surface in ("Condamine", "Logan", "Warril"):
        assert found[surface].place is None, surface  # not Logan City: a river
        assert "a named" in found[surface].note


def test_a_town_whose_residents_the_text_names_is_a_place(read) -> None:
    found = read("Floods hit Queensland again. Laidley residents are being evacuated.")
    assert _near(found["Laidley"], -27.633, 152.393)  # GeoNames 2160782, 3,711 people


def test_russian_republics_are_found_by_their_english_names(read) -> None:
    found = read("Artillery crews fired in Buryatia, and troops from the Republic of "
                 "Tatarstan and Dagestan joined them.")
    for surface, admin1 in (("Buryatia", "11"), ("Republic of Tatarstan", "73"),
                            ("Dagestan", "17")):
        place = found[surface].place
        assert (place.country_code, place.kind, place.raw["admin1code"]) == (
            "RU", "region", admin1), surface


def test_a_county_qualifier_picks_the_town_near_it(read) -> None:
    found = read("Snow closed schools in Richmond and Northallerton in North Yorkshire.")
    # Richmond, North Yorkshire (GeoNames 2639388), not Richmond upon Thames: both are in
    # England, the first-level area a county qualifier shares with its neighbours.
    assert _near(found["Richmond"], 54.404, -1.734)


def test_a_qualifier_after_a_direction_still_qualifies_the_list(read) -> None:
    found = read("The floods hit Wellington and Dubbo in central west New South Wales.")
    assert _near(found["Wellington"], -32.556, 148.945)  # GeoNames 2144168, not NZ's capital


def test_a_region_named_with_its_kind_word_abroad_far_away_is_left_unresolved(read) -> None:
    found = read("Bushfires threatened Newcastle and Maitland in the Hunter region of New "
                 "South Wales, near Sydney.")
    assert found["Hunter region"].place is None  # not the town of Hunter, Ohio
    found = read("Belarusian troops drilled near Brest and Grodno, close to the Kaliningrad "
                 "region.")
    assert found["Kaliningrad region"].place.country_code == "RU"  # near: kept


def test_a_hyphenated_english_town_is_read_whole_in_its_country(read) -> None:
    found = read("Warnings were issued for Stockton-on-Tees and Middlesbrough in England.")
    assert _near(found["Stockton-on-Tees"], 54.568, -1.319)  # not Stockton, California
    found = read("Residents of Kami-Amakusa were evacuated in Kumamoto.")
    assert _near(found["Kami-Amakusa"], 32.489, 130.394, 20)


def test_a_town_name_before_island_or_dam_is_not_the_town(read) -> None:
    found = read("The ship anchored off Sagar Island in West Bengal. Engineers inspected the "
                 "Mosul dam in Iraq.")
    assert found["Sagar Island"].place is None  # not Sagar district, Madhya Pradesh
    assert found["Mosul dam"].place is None  # the dam lies 40 km north of the city


def test_an_area_named_x_and_y_is_not_its_first_town(read) -> None:
    found = read("Rescuers reached Newton Stewart and Castle Douglas in Dumfries and Galloway.")
    area = found["Dumfries and Galloway"].place
    assert (area.kind, area.country_code) == ("county", "GB")
    assert "Dumfries" not in found


def test_a_name_ending_in_island_is_an_island(read) -> None:
    found = read("Storm surges threatened Santa Ana, which also includes Palaui Island, in "
                 "Cagayan. Coast guard ships sailed near Kinmen Island.")
    assert found["Palaui Island"].place is None
    assert "a named island" in found["Palaui Island"].note
    assert found["Kinmen Island"].place.country_code == "TW"
