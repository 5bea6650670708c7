"""Sides in wording found by the eighth session's new dev articles (issue 9): the day an
exercise began told after the day it closed, a list of forces under the leadership of states,
"exercising together with", one of the United Kingdom's nations in a list of countries, an
alliance's command in a list of forces, a drill of an organisation's member nations, and a
list that names as many states as the count before it. Every sentence is made up for the
test."""

from __future__ import annotations

from event_helpers import read


def test_the_day_it_began_told_after_the_day_it_closed_is_the_same_exercise(
        geocoder, lexicon) -> None:
    text = ("More than 200 NATO service members gathered May 9 at Tapa Training Base to close "
            "out Bold Hammer 24, a multinational theater security cooperation exercise.\n\n"
            "The exercise, which began April 30, was held in multiple locations throughout "
            "Estonia, Latvia and Lithuania.\n\n"
            "Participating nations included Estonia, Latvia and Lithuania, as well as Denmark, "
            "Finland, Norway and the U.S.\n\n"
            "Bold Hammer also featured testing of U.S. air and naval deployment of forces and "
            "the integration of U.S. close air support with allied and partner nation ground "
            "forces.")
    assert read(text, geocoder, lexicon) == [
        ("Bold Hammer 24", {"EE", "LV", "LT", "DK", "FI", "NO", "US"})]


def test_forces_under_the_leadership_of_states_are_those_states(geocoder, lexicon) -> None:
    text = ("The Bold Hammer exercise began on Monday in Lithuania.\n\n"
            "NATO battalions under the leadership of the United States, Germany and Canada "
            "will take part.")
    assert read(text, geocoder, lexicon) == [("Bold Hammer", {"US", "DE", "CA"})]


def test_troops_exercising_together_with_soldiers_from_states(geocoder, lexicon) -> None:
    text = ("Some 17,000 troops will take part in the Iron Shield-24 exercises, held on "
            "several training grounds in the country.\n\n"
            "Iron Shield-24 is a national exercise, but allies have been invited to take part.\n\n"
            "Polish troops will be exercising together with soldiers from countries such as the "
            "United States, Britain and Italy, in addition to units from Slovakia and Latvia.")
    assert read(text, geocoder, lexicon) == [("Iron Shield-24", {"PL", "US", "GB", "IT", "SK",
                                                                "LV"})]


def test_england_in_a_list_of_countries_is_the_united_kingdom(geocoder, lexicon) -> None:
    text = ("The Bold Hammer exercise began on Monday.\n\n"
            "Nine other countries participated in multinational planning - Australia, France, "
            "England, Italy and Nepal.")
    assert read(text, geocoder, lexicon) == [("Bold Hammer", {"AU", "FR", "GB", "IT", "NP"})]


def test_england_as_the_place_of_the_drills_is_no_side(geocoder, lexicon) -> None:
    text = "The Bold Hammer exercise began on Monday in England."
    assert read(text, geocoder, lexicon) == [("Bold Hammer", set())]


def test_an_alliance_command_listed_among_the_forces_takes_part(geocoder, lexicon) -> None:
    text = ("Bulgaria is holding its annual naval exercise Sea Shield 2023, the Defence Ministry "
            "said.\n\nThe exercise involves naval vessels and personnel from the naval forces of "
            "Bulgaria, Albania, Greece, the Nato Naval Command and special operations units.")
    assert read(text, geocoder, lexicon) == [("Sea Shield 2023", {"BG", "AL", "GR", "NATO"})]


def test_a_drill_of_an_organisations_member_nations_is_the_organisations(
        geocoder, lexicon) -> None:
    text = ("The drill for military units of the member nations of the Collective Security "
            "Treaty Organization (CSTO), dubbed Rubezh-2017, kicked off at a training ground in "
            "Rostov oblast on October 3.\n\nSpecial force units of the armed forces of Armenia, "
            "Belarus and Russia are taking part.")
    assert read(text, geocoder, lexicon) == [("Rubezh-2017", {"AM", "BY", "RU", "CSTO"})]


def test_a_list_as_long_as_its_count_is_whole_so_a_rivals_drill_stays_apart(
        geocoder, lexicon) -> None:
    text = ("Yesterday saw the start of Sea Shield 2024.\n\n"
            "Over 40 ships and some 3,000 troops are involved from 4 nations including Belgium, "
            "Denmark, Germany and Estonia.\n\n"
            "A Norwegian admiral said it was \u201can exercise where Russia seeks to protect its "
            "bastion.\u201d")
    named = [r for r in read(text, geocoder, lexicon) if r[0]]
    assert named == [("Sea Shield 2024", {"BE", "DK", "DE", "EE"})]


def test_a_drill_held_at_the_same_time_is_another_exercises(geocoder, lexicon) -> None:
    text = ("Paratroopers from Russia and Serbia began Slavic Shield 2019 on Monday.\n\n"
            "Slavic Shield 2019 coincides with larger NATO drills taking place across various "
            "locations in Bulgaria and Romania.")
    assert read(text, geocoder, lexicon) == [("Slavic Shield 2019", {"RU", "RS"})]


def test_a_heading_cut_before_exercise_and_a_chapter_are_no_names(geocoder, lexicon) -> None:
    text = ("The Eagle Shield exercise began on Monday.\n\n"
            "Aim of the Joint Exercise is to enhance capability of both sides under Chapter VII "
            "of the United Nations Charter.")
    assert [name for name, _ in read(text, geocoder, lexicon)] == ["Eagle Shield"]


def test_a_navy_that_will_hold_an_annual_drill_holds_this_years(geocoder, lexicon) -> None:
    text = ("Iran's navy says it will hold an annual drill in the strategic Strait of Hormuz.\n\n"
            "He said submarines and warships will participate in the drill, dubbed "
            "\u201cVelayat-98.\u201d\n\nIran regularly holds maneuvers in the strait.")
    assert read(text, geocoder, lexicon) == [("Velayat-98", {"IR"})]


def test_an_organisations_acronym_holds_the_exercise_it_does_not_name_it(
        geocoder, lexicon) -> None:
    text = ("Military units from Russia, Kazakhstan and China are in the final stage of the "
            "Shanghai Cooperation Organization\u2019s (SCO) joint anti-terrorist exercise Peace "
            "Shield 2014.")
    assert read(text, geocoder, lexicon) == [("Peace Shield 2014", {"RU", "KZ", "CN", "SCO"})]


def test_a_drill_for_an_organisations_group_is_the_organisations(geocoder, lexicon) -> None:
    text = ("An anti-terror drill for the Collective Security Treaty Organization\u2019s (CSTO) "
            "Central Asian group, dubbed Frontier-2010, is closing today.\n\n"
            "The final phase involves 1,000 military personnel from Tajikistan, Kazakhstan and "
            "Russia.")
    assert read(text, geocoder, lexicon) == [("Frontier-2010", {"TJ", "KZ", "RU", "CSTO"})]


def test_a_regional_command_in_quotes_names_no_exercise(geocoder, lexicon) -> None:
    text = ("Regional Command \u201cAstana\u201d, Air Mobile Forces and Regional Command "
            "\u201cVostok\u201d are taking part in the exercises, which began today.")
    assert all(name is None for name, _ in read(text, geocoder, lexicon))


def test_what_the_drills_have_in_mind_is_no_side(geocoder, lexicon) -> None:
    text = ("The Japanese Self-Defense Forces and the US military on Thursday began a joint "
            "exercise in the southwestern islands with China\u2019s intensifying military "
            "activities in mind.\n\nThe exercise, called \u201cIron Sword,\u201d will last "
            "until November 19.")
    assert read(text, geocoder, lexicon) == [("Iron Sword", {"JP", "US"})]


def test_commandos_of_a_nationality_that_contribute_take_part(geocoder, lexicon) -> None:
    text = ("The navies of South Korea and the United States will hold the Sea Dragon exercise "
            "this Monday around Pohang.\n\nThe British Commandos, which first joined the drill "
            "last year, will contribute this year as well.")
    assert read(text, geocoder, lexicon) == [("Sea Dragon", {"KR", "US", "GB"})]


def test_standing_nato_groups_and_the_navies_that_make_them_up_take_part(
        geocoder, lexicon) -> None:
    text = ("The Finnish Navy is set to take part in the annual multilateral naval defence "
            "exercise Cold Winds 2022.\n\nThe Cold Winds exercise will also involve participation "
            "from Standing NATO Maritime Group One (SNMG1) and Standing NATO Mine "
            "Countermeasures Group One (SNMCMG1).\n\nThe SNMG1 comprises three naval vessels, "
            "one each from the Netherlands, Norway and Denmark, while the SNMCMG1 consists of "
            "four warships from Germany and the Netherlands.")
    assert read(text, geocoder, lexicon) == [
        ("Cold Winds 2022", {"FI", "NATO", "NL", "NO", "DK", "DE"})]


def test_a_nato_groups_commander_speaking_is_no_side(geocoder, lexicon) -> None:
    text = ("The Finnish Navy will hold the Cold Winds 2022 exercise. The commander of Standing "
            "NATO Maritime Group One said he was pleased.")
    assert read(text, geocoder, lexicon) == [("Cold Winds 2022", {"FI"})]


def test_hms_after_sweden_is_a_swedish_ship(geocoder, lexicon) -> None:
    text = ("The Finnish Navy will hold the Cold Winds 2022 exercise.\n\nIn addition, Cold Winds "
            "will include two of Sweden\u2019s Visby-class corvettes, HMS Harnosanda and HMS "
            "Helsingborg, along with the Goteborg-class corvette HMS Gavle.")
    assert read(text, geocoder, lexicon) == [("Cold Winds 2022", {"FI", "SE"})]


def test_hms_alone_is_still_a_british_ship(geocoder, lexicon) -> None:
    text = "The Finnish Navy will hold the Cold Winds 2022 exercise with HMS Kent."
    assert read(text, geocoder, lexicon) == [("Cold Winds 2022", {"FI", "GB"})]
