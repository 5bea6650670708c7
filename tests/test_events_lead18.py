"""Sides and names in wording found by probing with made-up sentences in the seventh session
(issue 9): a state that confirms its participation, a later sentence that says until when the
forces train together. Every sentence is made up for the test."""

from __future__ import annotations

import pytest
from event_helpers import events, read


def test_states_that_confirm_their_participation_take_part(geocoder, lexicon) -> None:
    text = ("Pakistan is hosting Exercise Desert Shield. Military officers from Bangladesh, "
            "China, India and USA have already confirmed their participation in the exercise.")
    assert read(text, geocoder, lexicon) == [("Desert Shield", {"PK", "BD", "CN", "IN", "US"})]


def test_a_state_that_confirms_the_drills_still_only_reports(geocoder, lexicon) -> None:
    text = ("Russian troops began Exercise Frost Wall near Pskov, Estonia's intelligence "
            "service confirmed on Monday.")
    assert read(text, geocoder, lexicon) == [("Frost Wall", {"RU"})]


def test_training_together_until_a_date_goes_on_with_the_exercise(geocoder, lexicon) -> None:
    text = ("About 1,000 German soldiers deployed to Lithuania for exercise Griffin Storm 23. "
            "Now at the Pabrade training area, the troops will train with their counterparts "
            "from the Lithuanian Army until 7 July.")
    assert read(text, geocoder, lexicon) == [("Griffin Storm 23", {"DE", "LT"})]


def test_an_abbreviated_country_before_a_participle_is_the_country(geocoder, lexicon) -> None:
    text = ("The Indian Air Force is hosting the Tarang Shakti exercise. Phase one of the "
            "exercise will be in "
            "Sulur from August 6-14 with Germany, France, Spain and the UK taking part.")
    assert read(text, geocoder, lexicon) == [("Tarang Shakti", {"IN", "DE", "FR", "ES", "GB"})]


def test_the_alliances_drills_announced_before_its_members_named_exercise_are_one(
        geocoder, lexicon) -> None:
    text = ("NATO will kick off Monday an exercise to defend its northern territory, with "
            "20,000 soldiers from 13 nations. With over 4,000 Finnish soldiers taking part, "
            "the Norway-led Nordic Storm 2024 represents Finland's largest exercise. For "
            "years the drill was called Cold Storm.")
    assert read(text, geocoder, lexicon)[0] == ("Nordic Storm 2024", {"NATO", "NO", "FI"})


def test_assets_from_states_take_part(geocoder, lexicon) -> None:
    text = ("Exercise Iron Shield began Monday. The military exercise involves all branches of "
            "the U.S. military, South Korean forces, and assets from Australia, Belgium, "
            "Colombia, the Philippines, and Thailand.")
    assert read(text, geocoder, lexicon) == [
        ("Iron Shield", {"US", "KR", "AU", "BE", "CO", "PH", "TH"})]


def test_a_later_phase_dated_apart_is_still_the_exercise(geocoder, lexicon) -> None:
    text = ("The Indian Air Force is hosting the air exercise Tarang Shakti. Phase one of the "
            "exercise will be conducted at Sulur from August 6 to August 14 and France and "
            "Germany will participate with their assets. However, phase two will be held at "
            "Jodhpur from September 1 to 14 and it will see participation from Australia, "
            "Greece and the USA with their assets.")
    assert read(text, geocoder, lexicon) == [
        ("Tarang Shakti", {"IN", "FR", "DE", "AU", "GR", "US"})]


def test_a_bare_list_of_states_after_counting_them_names_the_sides(geocoder, lexicon) -> None:
    text = ("Ukraine and the United States opened the naval exercise Sea Wind 2024 in Odessa "
            "on Monday. The exercise will be attended by about 4 thousand personnel from 5 "
            "countries. Ukraine, the USA, Bulgaria, Georgia and Sweden. Warships and aircraft "
            "will train off the coast.")
    assert read(text, geocoder, lexicon) == [("Sea Wind 2024", {"UA", "US", "BG", "GE", "SE"})]


def test_the_first_of_an_observer_list_after_while_observes_too(geocoder, lexicon) -> None:
    text = ("Fiji, France and Japan participated directly in Exercise Talisman Sabre while the "
            "Philippines, Singapore and Thailand also attended as observers.")
    assert read(text, geocoder, lexicon) == [("Talisman Sabre", {"FJ", "FR", "JP"})]


def test_observers_listed_in_brackets_with_multi_word_names(geocoder, lexicon) -> None:
    text = ("Turkey held Exercise EFES-2022 in May. A total of 4 countries (USA, Bosnia and "
            "Herzegovina, Italy, Pakistan) participated in the exercise with units. 5 countries "
            "(Germany, Australia, Republic of Korea, Kuwait, Jordan) attended the exercise at "
            "the observer level.")
    assert read(text, geocoder, lexicon) == [("EFES-2022", {"TR", "US", "BA", "IT", "PK"})]


def test_exercise_area_is_a_site_not_an_exercise_named_area(geocoder, lexicon) -> None:
    text = ("Exercise Iron Falcon 2022 was held in the Gulf of Izmir and the Doganbey Exercise "
            "Area, hosted by Turkey.")
    assert read(text, geocoder, lexicon) == [("Iron Falcon 2022", {"TR"})]


def test_a_showdown_with_a_state_does_not_make_it_a_side(geocoder, lexicon) -> None:
    text = ("The naval exercises went ahead as India is embroiled in a deadly border showdown "
            "with China and has sought closer military ties with Japan.")
    assert {c for _n, sides in read(text, geocoder, lexicon) for c in sides} == {"IN"}


def test_the_subject_after_a_fronted_phrase_takes_part_in_the_second_name(
        geocoder, lexicon) -> None:
    text = ("Before joining Security Belt-2025, the PLA Navy warships also participated in the "
            "AMAN-2025 multinational maritime exercise in Karachi, Pakistan earlier this year.")
    assert read(text, geocoder, lexicon) == [("Security Belt-2025", {"CN"}),
                                             ("AMAN-2025", {"CN"})]


def test_hosts_and_teams_drawn_from_states_further_on_are_sides(geocoder, lexicon) -> None:
    text = ("Special operations forces have amassed across West Africa as part of Exercise "
            "Flintlock. Conducted between 27 February and 16 March, the annual training "
            "package spreads across the region. Directing staff came from NATO partners. "
            "Hosts this year include Chad, Niger and Morocco with additional participants "
            "including Senegal. Instruction is provided by training teams drawn from the "
            "Canadian and Norwegian Special Operations Commands; Belgium's Special Forces "
            "Group; and the US Special Operations Command.")
    assert read(text, geocoder, lexicon) == [
        ("Flintlock", {"TD", "NE", "MA", "SN", "CA", "NO", "BE", "US"})]


def test_an_outlet_told_is_no_force(geocoder, lexicon) -> None:
    text = ("Kenyan troops trained with U.S. soldiers in Exercise Justified Accord. "
            "“This multinational exercise is the best form of morale for our troops,” he told "
            "ADF.")
    assert read(text, geocoder, lexicon) == [("Justified Accord", {"KE", "US"})]


@pytest.mark.parametrize(("text", "name"), [
    ("The U.S. Navy and Bangladesh Navy kicked off the 24th iteration of exercise Cooperation "
     "Afloat Readiness and Training (CARAT) in Chittagong on Monday.", "CARAT"),
    ("The Royal Thai Navy and the Royal Canadian Navy have joined forces for the 31st annual "
     "Cooperation Afloat Readiness and Training (Carat) Thailand maritime exercise.",
     "Carat Thailand"),
    ("Navies from 18 countries took part in the annual exercise, known as South-east Asia "
     "Cooperation and Training (Seacat), from Aug 12 to Aug 23.", "Seacat"),
    ("Armies of India and Vietnam began a military exercise. The military exercise – "
     "\"VINBAX-23\" – between the two armies will take place in Hanoi.", "VINBAX-23"),
    ("Lithuanian soldiers started international Exercise Iron Wolf 2021-II on October 12.",
     "Iron Wolf 2021-II"),
])
def test_names_spelt_out_before_their_acronym_quoted_after_a_dash_or_with_a_phase(
        text, name, geocoder, lexicon) -> None:
    assert [n for n, _sides in read(text, geocoder, lexicon)] == [name]


def test_the_navys_acronym_in_brackets_is_no_exercise_name(geocoder, lexicon) -> None:
    text = ("The United States Navy (USN) and the Royal Thai Navy (RTN) began naval drills in "
            "the Gulf of Thailand on Monday.")
    assert [n for n, _sides in read(text, geocoder, lexicon)] == [None]


def test_forces_from_states_that_also_took_part_further_on_are_sides(geocoder, lexicon) -> None:
    text = ("On Friday, the Estonian Defense Forces' Exercise Hedgehog drew to a close. More "
            "than 16,000 troops from 14 nations took part. \"Today we are more confident than "
            "when Exercise Hedgehog 25 began,\" the commander said. He praised the conscripts. "
            "All units underwent integration training. Exercise Hedgehog's main aim was to "
            "practise defence plans. Combat readiness was assessed. Allied forces deployed "
            "rapidly to Estonia. Forces from the United Kingdom, France and Latvia also took "
            "part.")
    assert read(text, geocoder, lexicon) == [("Hedgehog 25", {"EE", "GB", "FR", "LV"})]


def test_the_named_exercises_dates_and_forces_in_the_next_sentence(geocoder, lexicon) -> None:
    text = ("ANAKONDA-14 is the biggest Polish led joint exercise in the military calendar. "
            "From 24th of September until 3rd of October 2014, 12.5 thousand troops will "
            "practice, including 750 of the allied countries (Canada, Estonia, Hungary, "
            "United States).")
    assert read(text, geocoder, lexicon) == [("ANAKONDA-14", {"PL", "CA", "EE", "HU", "US"})]


def test_those_from_more_states_take_part_too(geocoder, lexicon) -> None:
    text = ("Singapore hosted the annual exercise Seacat from Aug 12 to Aug 23. It involved "
            "participants from five other South-east Asian countries – Indonesia, Malaysia, "
            "Thailand, the Philippines and Vietnam – as well as those from India, Palau and "
            "the US.")
    assert read(text, geocoder, lexicon) == [
        ("Seacat", {"SG", "ID", "MY", "TH", "PH", "VN", "IN", "PW", "US"})]


def test_a_state_titled_nato_member_on_the_border_is_no_side(geocoder, lexicon) -> None:
    text = ("More than 300 Russian, 400 Belarusian and 50 Serbian troops are taking part in "
            "the Slavic Brotherhood-2017 maneuvers near the Belarusian border with NATO member "
            "Poland.")
    assert read(text, geocoder, lexicon) == [("Slavic Brotherhood-2017", {"RU", "BY", "RS"})]


def test_drills_in_partnership_with_a_state_include_it(geocoder, lexicon) -> None:
    text = "The US Navy held the Pacific Guard 2024 drills in partnership with Japan."
    assert read(text, geocoder, lexicon) == [("Pacific Guard 2024", {"US", "JP"})]


@pytest.mark.parametrize("text", [
    "Russian peacekeepers deployed to the region. Russian patrols escort trucks delivering "
    "food to remote villages.",
    "While the Line of Control is manned by the army, the BSF patrols the border with Pakistan.",
    "This coalition of navies will conduct joint patrols in the southern Red Sea to protect "
    "commercial shipping.",
    "NATO has launched a maritime patrol mission in the Baltic Sea. The initiative, named "
    "\"Baltic Sentry,\" will deploy frigates; member states involved in Baltic Sentry have "
    "yet to specify their contributions.",
])
def test_escorts_border_patrols_coalition_patrols_and_missions_are_no_exercise(
        text, geocoder, lexicon) -> None:
    assert read(text, geocoder, lexicon) == []


def test_a_joint_air_patrol_of_two_militaries_is_still_reported(geocoder, lexicon) -> None:
    text = ("Russian and Chinese strategic bombers flew a joint air patrol over the Sea of Japan "
            "on Tuesday.")
    assert read(text, geocoder, lexicon) == [(None, {"RU", "CN"})]


def test_a_brigade_named_like_its_exercise_does_not_name_the_drill(geocoder, lexicon) -> None:
    text = ("The Lithuanian Army's Mechanized Infantry Brigade Iron Wolf began international "
            "Exercise Iron Wolf 2021-II on October 12.")
    assert read(text, geocoder, lexicon) == [("Iron Wolf 2021-II", {"LT"})]


def test_drills_set_to_continue_through_friday_end_that_friday(geocoder, lexicon) -> None:
    """Published on Friday 10 May 2024: "through Friday" is that day, not the week before."""
    text = ("The Eastern Theatre Command of the Chinese People's Liberation Army began military "
            "exercises surrounding Taiwan early Thursday. Named Joint Sword-2024A, the drills "
            "commenced at 7.45am and are set to continue through Friday.")
    (event,) = events(text, geocoder, lexicon)
    assert (event.name, set(event.participants)) == ("Joint Sword-2024A", {"CN"})
    assert str(event.end.value) == "2024-05-10"


def test_a_capital_hosting_a_meeting_is_no_side_of_the_drills(geocoder, lexicon) -> None:
    text = ("The Mustafa Kemal Ataturk-2023 drills involve Turkish and Azerbaijani commando "
            "units. The three-day drills come as Tehran will host a meeting of Armenian, "
            "Russian and Turkish foreign ministers to discuss regional issues.")
    assert read(text, geocoder, lexicon) == [("Mustafa Kemal Ataturk-2023", {"TR", "AZ"})]


def test_states_bordering_a_site_are_no_sides(geocoder, lexicon) -> None:
    text = ("Turkish and Azerbaijani commando units began the Mustafa Kemal Ataturk-2023 drills. "
            "The drills will be held in Baku and the Nakchivan exclave bordering Armenia, Iran "
            "and Turkey.")
    assert read(text, geocoder, lexicon) == [("Mustafa Kemal Ataturk-2023", {"TR", "AZ"})]


def test_a_name_called_with_its_edition_keeps_its_place_words(geocoder, lexicon) -> None:
    text = ("About 2,000 US soldiers take part in the international brigade level exercise "
            "dubbed Northern Forest 24. Northern Forest 24 will last until Sunday.")
    assert [n for n, _sides in read(text, geocoder, lexicon)] == ["Northern Forest 24"]


@pytest.mark.parametrize(("text", "sides"), [
    ("Some 4,500 Finns and 300 Norwegians take part in Exercise Northern Forest 24.",
     {"FI", "NO"}),
    ("Poles and Czechs trained together in Exercise Iron Gate 2024.", {"PL", "CZ"}),
])
def test_peoples_with_irregular_plurals_counted_in_a_list_take_part(text, sides, geocoder,
                                                                    lexicon) -> None:
    assert {c for _n, s in read(text, geocoder, lexicon) for c in s} == sides
