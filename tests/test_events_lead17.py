"""Exercise names and sides in wording found by probing with made-up sentences (issue 9):
a name stated only in a sentence that does not hold it as an event, names after "opening
of" and "under", and sides that join in a later sentence or "joined by". Every sentence is
made up for the test."""

from __future__ import annotations

import pytest
from event_helpers import PUBLISHED, events, read

from geo.extract.dates import find_dates


def test_the_articles_one_name_names_the_exercise_it_reports(geocoder, lexicon) -> None:
    text = ("Troops arrived in Estonia on Monday ahead of Spring Storm 2024. Estonia's defence "
            "forces said the exercise would start on 15 May with British and French units.")
    assert read(text, geocoder, lexicon) == [("Spring Storm 2024", {"EE", "GB", "FR"})]


def test_a_name_of_another_edition_does_not_name_the_exercise(geocoder, lexicon) -> None:
    text = ("Weeks after Spring Storm 2024, troops arrived in Estonia. Estonia's "
            "defence forces said the exercise would start on 15 May with British units.")
    assert read(text, geocoder, lexicon) == [(None, {"EE", "GB"})]


def test_a_name_of_another_year_does_not_name_the_exercise(geocoder, lexicon) -> None:
    text = ("Veterans of Spring Storm 2019 arrived in Estonia on Monday. Estonia's defence "
            "forces said the exercise would start on 15 May with British units.")
    assert read(text, geocoder, lexicon) == [(None, {"EE", "GB"})]


#: A sentence with the military words a real report carries, so the name's own sentence is the
#: only thing tested.
MILITARY = " The military exercise is the largest of its kind in the region, officials said."


@pytest.mark.parametrize(("text", "name"), [
    ("Under Tiger Claw 2024, Malaysian special forces trained with Indonesian troops in Sabah.",
     "Tiger Claw 2024"),
    ("Officers from Laos attended the opening of Golden Lotus 2024 in Lop Buri.",
     "Golden Lotus 2024"),
])
def test_a_name_after_under_or_the_opening_of(text, name, geocoder, lexicon) -> None:
    assert [n for n, _ in read(text + MILITARY, geocoder, lexicon)] == [name]


def test_navies_make_a_military_article(geocoder, lexicon) -> None:
    text = ("Pacific Guard 2024 will run from 3 to 14 June. The navies of Australia and Japan "
            "are sending ships, a spokesman said. The exercise is the largest in the region.")
    assert [n for n, _ in read(text, geocoder, lexicon)] == ["Pacific Guard 2024"]


def test_forces_that_arrived_on_a_weekday_join_the_exercise(geocoder, lexicon) -> None:
    text = ("Swift Lance 2024, hosted by Poland, brings together 12 allies. Contingents from "
            "Romania, Bulgaria and Slovakia arrived on Sunday." + MILITARY)
    assert read(text, geocoder, lexicon) == [("Swift Lance 2024", {"PL", "RO", "BG", "SK"})]


@pytest.mark.parametrize("unit", ["a company", "a platoon", "a squadron", "a battle group"])
def test_a_unit_from_a_state_is_a_side(unit, geocoder, lexicon) -> None:
    text = (f"Serbian and Hungarian troops, joined by {unit} from Slovakia, conducted Danube "
            "Shield 2024 near Novi Sad." + MILITARY)
    assert read(text, geocoder, lexicon) == [("Danube Shield 2024", {"RS", "HU", "SK"})]


def test_a_firm_from_a_state_is_no_side(geocoder, lexicon) -> None:
    text = ("Serbian troops conducted Danube Shield 2024 near Novi Sad, a company from Slovakia "
            "said." + MILITARY)
    assert read(text, geocoder, lexicon) == [("Danube Shield 2024", {"RS"})]


def test_the_day_an_exercise_ends_is_its_end_not_another_exercise(geocoder, lexicon) -> None:
    text = ("Sea Guardian 2024 began on Monday in the Aegean. Greece, Cyprus and Italy sent "
            "warships. The military exercise ends on Friday.")
    (event,) = events(text, geocoder, lexicon)
    assert (event.name, str(event.start), str(event.end)) == (
        "Sea Guardian 2024", "2024-05-06", "2024-05-10")


@pytest.mark.parametrize(("text", "role", "day"), [
    ("The exercise ends on Friday.", "until", "2024-05-10"),
    ("The drills ended on Sunday.", "until", "2024-05-05"),
    ("The exercise will end on May 20.", "until", "2024-05-20"),
    ("The exercise began on Monday.", "event", "2024-05-06"),
])
def test_a_date_after_an_end_verb_is_the_end(text, role, day) -> None:
    (mention,) = find_dates(text, PUBLISHED)
    assert (mention.role, str(mention.last)) == (role, day)


def test_a_list_ending_in_a_name_like_an_adverb_stays_one_subject(geocoder, lexicon) -> None:
    """"Italy" ends in "ly" but is no adverb: "and Italy sent" opens no second clause."""
    text = ("Greece, Cyprus and Italy sent warships to the Sea Guardian 2024 exercise, which "
            "began on Monday.")
    assert read(text, geocoder, lexicon) == [("Sea Guardian 2024", {"GR", "CY", "IT"})]


def test_one_warship_stands_for_its_navy(geocoder, lexicon) -> None:
    text = ("Sea Guardian 2024 began on Monday in the Aegean. The naval exercise features the "
            "Italian frigate Carabiniere, the French destroyer Forbin and the Greek submarine "
            "Papanikolis.")
    assert read(text, geocoder, lexicon) == [("Sea Guardian 2024", {"IT", "FR", "GR"})]


def test_what_an_exercise_comes_after_names_no_side(geocoder, lexicon) -> None:
    text = ("Ukrainian and US warships began the Sea Breeze 2024 drills on Monday. The "
            "exercise comes after Russia said it fired warning shots at the British destroyer "
            "HMS Defender.")
    assert read(text, geocoder, lexicon) == [("Sea Breeze 2024", {"UA", "US"})]


def test_forces_from_a_whole_including_from_states(geocoder, lexicon) -> None:
    text = ("Sea Guardian 2024 began on Monday. Forces from across the region, including from "
            "Italy, France and Spain, are taking part alongside the Greek navy." + MILITARY)
    assert read(text, geocoder, lexicon) == [("Sea Guardian 2024", {"IT", "FR", "ES", "GR"})]


@pytest.mark.parametrize("people", ["Soldiers", "Members"])
def test_people_of_a_country_named_force_are_its_side(people, geocoder, lexicon) -> None:
    text = (f"{people} of the Kenya Defence Forces trained with troops from Uganda during the "
            "Imara 2024 exercise, which began on Monday.")
    assert read(text, geocoder, lexicon) == [("Imara 2024", {"KE", "UG"})]


def test_a_country_named_force_as_a_target_is_no_side(geocoder, lexicon) -> None:
    text = ("Troops from Uganda rehearsed a defence against the Kenya Defence Forces during the "
            "Imara 2024 exercise, which began on Monday.")
    assert read(text, geocoder, lexicon) == [("Imara 2024", {"UG"})]


@pytest.mark.parametrize("text", [
    "The US will deploy 3,000 more troops to Poland, the Pentagon said. The soldiers will train "
    "with Polish forces and take part in exercises throughout the year.",
    "The defence ministers of Japan and Australia agreed on Monday to expand joint training and "
    "to hold more exercises together, they said after talks in Tokyo.",
])
def test_a_habit_or_a_pledge_is_no_exercise(text, geocoder, lexicon) -> None:
    assert read(text, geocoder, lexicon) == []


def test_observers_after_a_list_of_joining_sides_leave_those_sides(geocoder, lexicon) -> None:
    text = ("US and Philippine forces began the Balikatan 2024 exercise on Monday, with Australia "
            "and France joining and Japan sending observers.")
    assert read(text, geocoder, lexicon) == [("Balikatan 2024", {"US", "PH", "AU", "FR"})]


def test_an_exercise_participated_by_states(geocoder, lexicon) -> None:
    text = ("A multinational air drill began in Greece on Monday. The Iniochos 24 air exercise is "
            "participated by Greece, France, the US and Jordan, the military said.")
    assert read(text, geocoder, lexicon) == [("Iniochos 24", {"GR", "FR", "US", "JO"})]


@pytest.mark.parametrize("name", ["RED FLAG-Alaska 24-2", "COPE THUNDER 24-1"])
def test_a_name_in_capitals_with_an_edition(name, geocoder, lexicon) -> None:
    text = (f"{name} began June 12 at Eielson Air Force Base. This iteration includes Japan Air "
            "Self-Defense Force participants; 2,000 service members take part in the exercise.")
    assert read(text, geocoder, lexicon) == [(name, {"JP"})]


@pytest.mark.parametrize(("force", "code"), [
    ("the SA Army", "ZA"), ("the SANDF", "ZA"), ("the UPDF", "UG"), ("the RNZAF", "NZ"),
    ("the RMAF", "MY"), ("the RSN", "SG"),
])
def test_a_force_named_by_its_acronym_is_its_states(force, code, geocoder, lexicon) -> None:
    text = f"Exercise Young Eagle began on Monday, with eleven units of {force} taking part."
    assert read(text, geocoder, lexicon) == [("Young Eagle", {code})]


def test_exercise_name_between_states(geocoder, lexicon) -> None:
    text = ("The 10th edition of Exercise Ajeya Warrior between India and the United Kingdom "
            "began at Chaubatia on Monday.")
    assert read(text, geocoder, lexicon) == [("Ajeya Warrior", {"IN", "GB"})]


def test_a_known_name_with_a_roman_edition_past_forty(geocoder, lexicon) -> None:
    text = "The Brazilian Navy hosted UNITAS LXIV, with ships from Chile, Peru and the US."
    assert read(text, geocoder, lexicon) == [("UNITAS LXIV", {"BR", "CL", "PE", "US"})]


def test_states_that_sent_ships_after_a_semicolon_are_sides(geocoder, lexicon) -> None:
    text = ("Sea Breeze 2021 began on Monday in Odesa. The Ukrainian Navy leads the drills; "
            "Turkey, Georgia and Romania have sent ships.")
    assert read(text, geocoder, lexicon) == [("Sea Breeze 2021", {"UA", "TR", "GE", "RO"})]


def test_a_force_hosting_other_nations_is_a_side(geocoder, lexicon) -> None:
    text = ("Exercise Pitch Black 2024 started on Friday in Darwin. The Royal Australian Air "
            "Force is hosting 20 nations.")
    assert read(text, geocoder, lexicon) == [("Pitch Black 2024", {"AU"})]


def test_a_name_in_apposition_to_another_is_one_exercise(geocoder, lexicon) -> None:
    text = ("The Baltic Operations exercise, BALTOPS 2024, began on Friday with ships from "
            "Belgium and Denmark.")
    assert read(text, geocoder, lexicon) == [("BALTOPS 2024", {"BE", "DK"})]


def test_a_list_of_dated_names_stays_several_exercises(geocoder, lexicon) -> None:
    text = ("Russia held Zapad 2021, Vostok 2022, Tsentr 2019 and Kavkaz 2020 exercises in "
            "recent years, the military said.")
    assert [name for name, _ in read(text, geocoder, lexicon)] == [
        "Zapad 2021", "Vostok 2022", "Tsentr 2019", "Kavkaz 2020"]


@pytest.mark.parametrize("text", [
    "Korean and American marines began the Ssangyong 2024 exercise in Pohang on Monday.",
    "US and Korean marines began the Ssangyong 2024 exercise in Pohang on Monday.",
])
def test_korean_listed_with_an_ally_is_south_korea(text, geocoder, lexicon) -> None:
    assert read(text, geocoder, lexicon) == [("Ssangyong 2024", {"KR", "US"})]


@pytest.mark.parametrize(("where", "sides"), [
    ("off India", {"IN", "JP", "US"}),  # INS: an Indian Naval Ship in an article naming India
    ("near Manila", {"JP", "US"}),  # the article names neither India nor Israel: unread
])
def test_a_prefix_two_navies_share_is_read_by_the_country_named(where, sides, geocoder,
                                                                 lexicon) -> None:
    text = (f"Exercise Malabar 2024 began on Monday {where}. INS Shivalik, JS Ariake and USS "
            "Dewey are taking part in the naval exercise.")
    assert read(text, geocoder, lexicon) == [("Malabar 2024", sides)]


SLINEX = ("The navies of India and Sri Lanka began a three-day naval exercise off Trincomalee "
          "on Monday. The eighth edition of the annual SLINEX exercise will feature complex "
          "drills.")


@pytest.mark.parametrize(("more", "name"), [
    ("", "SLINEX"),  # a naval exercise's acronym in -EX, without an edition
    (' An Indian Navy statement said, "SLINEX-24 aims to enhance inter-operability."',
     "SLINEX-24"),  # its edition named elsewhere in the article
    (' An Indian Navy statement said, "SLINEX-19 was the largest."', "SLINEX"),  # another year
])
def test_an_ex_acronym_names_the_exercise_with_the_edition_the_article_gives(
        more, name, geocoder, lexicon) -> None:
    assert read(SLINEX + more, geocoder, lexicon) == [(name, {"IN", "LK"})]


def test_states_listed_as_taking_part_further_on_in_the_story(geocoder, lexicon) -> None:
    text = ("Around 3,000 personnel are taking part in the Northern Coasts 2019 naval exercise. "
            "It will run until Friday. The Baltic Sea is of vital importance, a spokesperson "
            "said. Training will include mine clearance. Belgium, Denmark and the United States "
            "will participate with ships and aircraft.")
    assert read(text, geocoder, lexicon) == [("Northern Coasts 2019", {"BE", "DK", "US"})]


@pytest.mark.parametrize("unit", ["NATO's Standing Mine Countermeasures Group One (SNMCMG1)",
                                  "Standing NATO Mine Countermeasures Group 1"])
def test_a_nato_standing_unit_taking_part_makes_nato_a_side(unit, geocoder, lexicon) -> None:
    text = (f"Exercise Northern Coasts 2019 began on Monday with ships from Germany and Poland. "
            f"{unit} will also be taking part.")
    assert read(text, geocoder, lexicon) == [("Northern Coasts 2019", {"DE", "PL", "NATO"})]


def test_a_team_of_specialists_is_its_states_side(geocoder, lexicon) -> None:
    text = ("Exercise Spring Storm 2016 began on Monday in Estonia. A Canadian team of "
            "specialists as well as Finnish staff officers will be participating.")
    assert read(text, geocoder, lexicon) == [("Spring Storm 2016", {"CA", "FI"})]


def test_an_acronym_of_initials_and_year_is_the_named_exercise(geocoder, lexicon) -> None:
    text = ("The closing ceremony of Exercise BERSAMA LIMA 2023 (BL23) was held in Kuantan on "
            "Friday. The commander handed the pennant to Singapore, which will organise "
            "Exercise BERSAMA LIMA 2024. BL23 Exercise is an annual joint exercise involving "
            "the armed forces of Australia, Malaysia and Singapore.")
    sides = dict(read(text, geocoder, lexicon))
    assert sides["BERSAMA LIMA 2023"] == {"AU", "MY", "SG"}


def test_a_town_after_the_first_word_of_a_name_is_part_of_it(geocoder, lexicon) -> None:
    text = ("Joint training exercise Harimau Shakti, which is a part of ongoing defence "
            "cooperation, will be conducted in Malaysia from April 30 to May 13. Indian and "
            "Malaysian soldiers will take part.")
    assert read(text, geocoder, lexicon) == [("Harimau Shakti", {"IN", "MY"})]


def test_a_drill_being_organised_is_the_named_one_ahead(geocoder, lexicon) -> None:
    text = ("Exercise Harimau Shakti will be held from May 30 to June 13 in Malaysia, the "
            "ministry said. This is the first instance wherein a joint training exercise of this "
            "magnitude involving Indian and Malaysian soldiers is being organised on Malaysian "
            "soil.")
    assert read(text, geocoder, lexicon) == [("Harimau Shakti", {"IN", "MY"})]


@pytest.mark.parametrize(("text", "name", "sides"), [
    ("Armed forces of Egypt and Sudan are taking part in the Guardians of the Nile exercise in "
     "South Kordofan province, the army said.", "Guardians of the Nile", {"EG", "SD"}),
    ("Russian and Belarusian troops began the Shield of the Union exercise on Monday.",
     "Shield of the Union", {"RU", "BY"}),
])
def test_a_name_with_of_the_inside(text, name, sides, geocoder, lexicon) -> None:
    assert read(text, geocoder, lexicon) == [(name, sides)]


def test_a_sea_with_of_before_an_exercise_word_is_no_name(geocoder, lexicon) -> None:
    text = "Chinese warships held drills in the Sea of Japan exercise area on Monday."
    assert read(text, geocoder, lexicon) == [(None, {"CN"})]


@pytest.mark.parametrize(("second", "sides"), [
    ("Soldiers of the 173rd Airborne Brigade and the 2nd Cavalry Regiment joined Lithuanian "
     "troops.", {"US", "LT"}),
    ("The III Marine Expeditionary Force is training with Lithuanian troops.", {"US", "LT"}),
    ("The 7th Fleet and the Lithuanian Navy are taking part.", {"US", "LT"}),
    ("Paratroopers of the 82nd Airborne Division jumped into Lithuania alongside Lithuanian "
     "soldiers.", {"US", "LT"}),
    ("Lithuanian and American soldiers fired HIMARS rockets.", {"US", "LT"}),
])
def test_us_units_by_designation_and_what_forces_do(second, sides, geocoder, lexicon) -> None:
    text = f"Exercise Saber Strike 2024 began on Monday. {second}"
    assert read(text, geocoder, lexicon) == [("Saber Strike 2024", sides)]


def test_an_ordinal_before_marine_is_no_date(geocoder, lexicon) -> None:
    text = ("Exercise Iron Fist 2024 began on Monday. Marines of the 15th Marine Expeditionary "
            "Unit trained with the Japan Ground Self-Defense Force.")
    assert read(text, geocoder, lexicon) == [("Iron Fist 2024", {"US", "JP"})]
    assert find_dates("Marines of the 15th Marine Expeditionary Unit", PUBLISHED) == []


@pytest.mark.parametrize(("second", "sides"), [
    ("Americans and Thais trained together in Rayong.", {"US", "TH"}),
    ("Russians and Belarusians are taking part.", {"RU", "BY"}),
    ("Americans were warned about the heat.", set()),
])
def test_peoples_in_the_plural_that_drill_are_sides(second, sides, geocoder, lexicon) -> None:
    text = f"Exercise Cobra Gold 2024 began on Monday. {second}"
    assert read(text, geocoder, lexicon) == [("Cobra Gold 2024", sides)]


def test_the_cstos_rapid_reaction_forces_make_it_a_side(geocoder, lexicon) -> None:
    text = ("The Interaction-2024 exercise of the Collective Rapid Reaction Forces began in "
            "Belarus on Monday with troops from Russia and Kazakhstan.")
    assert read(text, geocoder, lexicon) == [("Interaction-2024", {"RU", "KZ", "CSTO"})]


@pytest.mark.parametrize("text", [
    "Defence ministers of Japan and the Philippines met in Manila on Monday and agreed to boost "
    "military cooperation, including joint exercises.",
    "The two leaders pledged to deepen defence ties through more joint drills.",
])
def test_exercises_as_a_field_of_pledged_cooperation_are_no_exercise(text, geocoder,
                                                                     lexicon) -> None:
    assert read(text, geocoder, lexicon) == []


@pytest.mark.parametrize(("source", "sides"), [
    ("the PLA Eastern Theater Command said", {"CN"}),  # a force reports its own drills
    ("Taiwan's defence ministry said", set()),  # a ministry, here a rival's, is no side
])
def test_drills_reported_by_their_own_force(source, sides, geocoder, lexicon) -> None:
    text = (f'The drills, codenamed "Joint Sword-2024A", began on Thursday around Taiwan, '
            f"{source}.")
    assert read(text, geocoder, lexicon) == [("Joint Sword-2024A", sides)]


def test_a_translation_between_name_and_year(geocoder, lexicon) -> None:
    text = ("The second stage of the Kanzhar (Dagger) 2024 joint military exercises of the Kazakh "
            "and Uzbek armed forces took place in Aktau on Saturday.")
    assert read(text, geocoder, lexicon) == [("Kanzhar 2024", {"KZ", "UZ"})]


def test_drills_named_then_of_the_organisation(geocoder, lexicon) -> None:
    text = ("Joint military drills Interaction 2024 of the Collective Security Treaty Organisation "
            "(CSTO) will be held in Kazakhstan on August 18-22. It will involve 3,000 participants "
            "and around 30 aircrafts from Kazakhstan, Russia and Armenia.")
    assert read(text, geocoder, lexicon) == [("Interaction 2024", {"CSTO", "KZ", "RU", "AM"})]


def test_troops_all_involved_in_a_quoted_name(geocoder, lexicon) -> None:
    text = ('Some 900 troops from Finland, the United States and Canada are all involved in '
            '"Arctic Forge 25", which began on February 14, the military said.')
    assert read(text, geocoder, lexicon) == [("Arctic Forge 25", {"FI", "US", "CA"})]


def test_members_of_an_alliance_and_where_else_it_drills_are_no_sides(geocoder,
                                                                      lexicon) -> None:
    text = ("Some 3,600 soldiers from the United States, Sweden and other NATO members "
            "conduct live fire drills in Lapland. They are part of NATO's largest artillery "
            "exercise, dubbed Dynamic Front 25, which also includes drills in Estonia, Germany "
            "and Poland. The aim is to train troops for the Arctic, now that Norway, Sweden and "
            "Finland are all NATO members.")
    assert dict(read(text, geocoder, lexicon))["Dynamic Front 25"] == {"US", "SE", "NATO"}


@pytest.mark.parametrize(("text", "sides"), [
    ("Exercise Iron Fist 2023 began on Thursday with US and Japanese troops. Leaders moved the "
     "exercise west, apparently with Beijing's maritime assertiveness in mind.", {"US", "JP"}),
    ("Russian troops began the Joint Sea 2023 drills with Beijing on Monday.", {"RU", "CN"}),
])
def test_with_a_capitals_possession_is_no_side(text, sides, geocoder, lexicon) -> None:
    assert [s for _, s in read(text, geocoder, lexicon)] == [sides]


def test_a_maritime_cooperative_activity_is_an_exercise(geocoder, lexicon) -> None:
    text = ("The Philippines, the United States and Japan will conduct a multilateral maritime "
            "cooperative activity in the West Philippine Sea on Sunday. Naval units from the "
            "three countries will participate in the Maritime Cooperative Activity (MCA).")
    assert read(text, geocoder, lexicon) == [("Maritime Cooperative Activity",
                                              {"PH", "US", "JP"})]


def test_members_of_forces_mostly_from_states(geocoder, lexicon) -> None:
    text = ("Exercise Immediate Response 12 began on Monday, involving more than 700 members of "
            "the armed forces, mostly from Croatia and the United States.")
    assert read(text, geocoder, lexicon) == [("Immediate Response 12", {"HR", "US"})]


def test_a_name_right_after_a_dated_dateline_and_soldiers_who_are_from(geocoder,
                                                                       lexicon) -> None:
    text = ("Riga, Sep 4 Namejs 24, the comprehensive national defence exercise, started across "
            "Latvia. The allied soldiers participating alongside Latvian troops are from the US, "
            "Estonia and Lithuania.")
    assert read(text, geocoder, lexicon) == [("Namejs 24", {"LV", "US", "EE", "LT"})]


def test_a_series_name_and_its_quoted_edition(geocoder, lexicon) -> None:
    text = ('Romania announced Wednesday it will organize "Sea Shield 24" in the Black Sea, the '
            "largest naval exercise hosted by its navy this year. Ships from Bulgaria and Greece "
            'will participate in the 10-day exercise. The first edition of "Sea Shield" '
            "multinational exercise took place in 2015.")
    assert [name for name, _ in read(text, geocoder, lexicon)] == ["Sea Shield 24"]


@pytest.mark.parametrize(("text", "sides"), [
    ("The U.S.-Philippine Balikatan 2024 exercise began on Monday.", {"US", "PH"}),
    ("Exercise Balikatan 2024 began on Monday with Philippine troops. Marines from the 3rd "
     "Marine Division fired HIMARS rockets.", {"US", "PH"}),
])
def test_paired_nationalities_before_a_dated_name_and_the_3rd_marine_division(
        text, sides, geocoder, lexicon) -> None:
    assert read(text, geocoder, lexicon) == [("Balikatan 2024", sides)]


@pytest.mark.parametrize("text", [
    "The Chinese aircraft carrier Shandong sailed through the Bashi Channel on Monday, Taiwan's "
    "defence ministry said, without saying whether it would conduct drills.",
    "The navy said the destroyer was on a routine patrol in the Baltic Sea when it encountered "
    "the Russian vessel.",
])
def test_wondering_about_drills_and_a_routine_patrol_are_no_exercise(text, geocoder,
                                                                     lexicon) -> None:
    assert read(text, geocoder, lexicon) == []
