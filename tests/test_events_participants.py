"""Who takes part in an exercise, read from wire copy that spreads the sides over several
sentences beside countries that do not take part (issue 9, tenth events round).

Every sentence is made up for the test in the style of wire copy; the exercise names are
invented or the real names of recurring exercises.
"""

from __future__ import annotations

from event_helpers import read

from geo.extract.mentions import extract_mentions


def named_events(text, geocoder, lexicon):
    """Only the events with a stated name."""
    return [(n, s) for n, s in read(text, geocoder, lexicon) if n is not None]


# ------------------------------------------------------------------ countries that do not take part


def test_a_sentence_about_the_blocs_history_adds_no_sides(geocoder, lexicon):
    text = ("Units from Kazakhstan and Russia began the Steppe Frontier-2024 exercise on "
            "Monday. The bloc was formed in 1992 by Armenia, Belarus and Russia, and was joined "
            "by Azerbaijan and Georgia in 1993.")
    assert read(text, geocoder, lexicon) == [("Steppe Frontier-2024", {"KZ", "RU"})]


def test_countries_in_the_circumstances_after_amid_are_not_sides(geocoder, lexicon):
    text = ("Ukraine and the United States began the Sea Shield exercise on Monday amid rising "
            "tensions following an incident involving Russia and a British warship.")
    assert read(text, geocoder, lexicon) == [("Sea Shield", {"UA", "US"})]


def test_joining_countries_for_another_mission_adds_no_sides(geocoder, lexicon):
    text = ("Japanese and US troops began the Orient Shield exercise on Thursday. In response "
            "to the changing situation, the U.S. has joined Japan, Australia and India to "
            "strengthen its free navigation mission.")
    assert read(text, geocoder, lexicon) == [("Orient Shield", {"JP", "US"})]


def test_forces_that_join_in_the_next_sentence_still_take_part(geocoder, lexicon):
    text = ("Japanese and US troops began the Orient Shield exercise on Thursday. Australian "
            "soldiers joined them on Friday.")
    assert read(text, geocoder, lexicon) == [("Orient Shield", {"JP", "US", "AU"})]


def test_the_ministry_quoted_after_a_closing_quote_is_the_source(geocoder, lexicon):
    text = ("\"Ships of the US Navy and partner nations take part in the Sea Shield-2020 "
            "manoeuvres,\" the Russian Defence Ministry said in a statement.")
    assert read(text, geocoder, lexicon) == [("Sea Shield-2020", {"US"})]


# ------------------------------------------------------------------ names


def test_a_name_in_single_curly_quotes(geocoder, lexicon):
    text = ("The United States and Australia started a joint military exercise on Sunday. The "
            "training, called ‘Talisman Sabre’, is set to go on for two weeks.")
    assert named_events(text, geocoder, lexicon) == [("Talisman Sabre", {"US", "AU"})]


def test_an_acronym_name_with_a_country_word_and_a_year(geocoder, lexicon):
    text = ("The United States and Indonesia kicked off bilateral naval exercises on Monday. "
            "More than 1,000 U.S. sailors will participate in CARAT Indonesia 2015, along with "
            "counterparts from the Indonesian Navy.")
    assert named_events(text, geocoder, lexicon) == [("CARAT Indonesia 2015", {"US", "ID"})]


def test_a_phase_of_a_named_exercise_is_the_exercise(geocoder, lexicon):
    text = ("Troops of Caribbean partner nations joined the U.S. and Canadian militaries in "
            "Antigua yesterday to kick off Phase I of Tradewinds 2014. The exercise is designed "
            "to enhance maritime security.")
    assert named_events(text, geocoder, lexicon) == [("Tradewinds 2014", {"US", "CA"})]


def test_a_preceding_exercise_named_to_compare_is_no_event(geocoder, lexicon):
    text = ("Some 1,100 soldiers from Poland and Canada opened the Cooperative Osprey exercise "
            "on Monday. It will be more challenging than any preceding Partnership maneuvers.")
    assert named_events(text, geocoder, lexicon) == [("Cooperative Osprey", {"PL", "CA"})]


# ------------------------------------------------------------------ lists of sides


def test_a_country_whose_name_is_also_a_us_state_in_a_list_of_countries(geocoder, lexicon):
    text = ("Alongside the US, the Agile Spirit 2017 exercise is attended by Ukraine, Georgia, "
            "Armenia and Azerbaijan.")
    assert read(text, geocoder, lexicon) == [("Agile Spirit 2017",
                                              {"US", "UA", "GE", "AM", "AZ"})]


def test_sides_listed_over_following_sentences_of_where_troops_came_from(geocoder, lexicon):
    text = ("Some 1,100 soldiers from 23 countries opened the Cooperative Osprey exercise on "
            "Monday. The platoons came from the three Baltic states, from Romania and Bulgaria. "
            "They also came from Ukraine and Moldova. NATO participants came from the United "
            "States and Canada. The Czech Republic sent observers.")
    assert named_events(text, geocoder, lexicon) == [
        ("Cooperative Osprey", {"EE", "LV", "LT", "RO", "BG", "UA", "MD", "US", "CA"})]


def test_troops_from_new_zealand_join_the_exercise_just_reported(geocoder, lexicon):
    text = ("The United States and Australia started a joint military exercise on Sunday. Around "
            "40 personnel from the Ground Self-Defense Force will join the American contingent, "
            "while more than 500 troops from New Zealand were also to take part in the exercise.")
    assert read(text, geocoder, lexicon) == [(None, {"US", "AU", "JP", "NZ"})]


def test_the_members_of_an_organisation_described_by_a_relative_clause_are_not_sides(
        geocoder, lexicon):
    text = ("The Frontier-2024 exercise includes units from Kazakhstan, Kyrgyzstan and Russia. "
            "The exercises also involve representatives of the Secretariat of the CSTO, which "
            "also includes Armenia and Belarus.")
    assert read(text, geocoder, lexicon) == [("Frontier-2024", {"KZ", "KG", "RU"})]


def test_a_ministry_that_reports_anothers_exercise_is_no_side(geocoder, lexicon):
    text = ("Ukraine and the United States began the Sea Shield exercise on Monday. Britain's "
            "Defense Ministry denied the destroyer had been fired upon, saying that Russia was "
            "carrying out a previously announced gunnery exercise in the area.")
    assert ("Sea Shield", {"UA", "US"}) in read(text, geocoder, lexicon)
    assert all("GB" not in sides for _, sides in read(text, geocoder, lexicon))


def test_a_rivals_drills_are_not_folded_in_when_the_sides_are_only_counted(geocoder, lexicon):
    text = ("A total of 32 countries, including most Black Sea nations, NATO allies and partners, "
            "are attending the Sea Shield exercise co-hosted by Ukraine and the United States. "
            "Britain said Russia was carrying out a previously announced gunnery exercise in the "
            "area.")
    assert ("Sea Shield", {"UA", "US"}) in read(text, geocoder, lexicon)


def test_platoons_assembled_from_countries_listed_with_from_and_as_well_as(geocoder, lexicon):
    text = ("Some 1,100 soldiers from 23 countries opened the Cooperative Osprey exercise on "
            "Monday. They stood at attention until all 23 country platoons were assembled -- from "
            "the three Baltic states, from Romania and Bulgaria, as well as Albania and Poland. "
            "They also came from Ukraine and from Georgia and Kazakhstan.")
    assert named_events(text, geocoder, lexicon) == [
        ("Cooperative Osprey", {"EE", "LV", "LT", "RO", "BG", "AL", "PL", "UA", "GE", "KZ"})]


def test_the_drills_of_a_nato_command_are_nato_s(geocoder, lexicon):
    text = ("The active phase of the NATO Allied Maritime Command's drills Sea Shield-2020 is "
            "being carried out in the Black Sea.")
    assert read(text, geocoder, lexicon) == [("Sea Shield-2020", {"NATO"})]


def test_a_ministry_that_speaks_after_and_is_the_source(geocoder, lexicon):
    text = ("Moscow called for the Sea Shield military exercises to be canceled before they "
            "started, and the Russian Defense Ministry has said it will protect national "
            "security if necessary.")
    assert read(text, geocoder, lexicon) == [("Sea Shield", set())]


def test_countries_in_another_named_whole_are_not_the_exercises_sides(geocoder, lexicon):
    text = ("Thai and US troops opened the Cobra Gold exercise on Tuesday. The Public Assistance "
            "Project includes Australia, Bangladesh and Canada.")
    assert read(text, geocoder, lexicon) == [("Cobra Gold", {"TH", "US"})]


def test_country_names_joined_by_and_are_one_country_each(geocoder, lexicon):
    text = ("The Caribbean partner nations, Antigua and Barbuda, Belize, St. Kitts and Nevis, "
            "St. Vincent and the Grenadines, and Trinidad and Tobago, deployed coast guard units "
            "to take part in the Tradewinds 2014 exercise.")
    mentions = extract_mentions(text, geocoder, lexicon)
    assert [(m.surface, m.place.country_code) for m in mentions if m.place] == [
        ("Antigua and Barbuda", "AG"), ("Belize", "BZ"), ("St. Kitts and Nevis", "KN"),
        ("St. Vincent and the Grenadines", "VC"), ("Trinidad and Tobago", "TT")]
    assert read(text, geocoder, lexicon) == [("Tradewinds 2014", {"AG", "BZ", "KN", "VC", "TT"})]


def test_coast_guards_and_police_that_take_part_are_sides(geocoder, lexicon):
    text = ("Troops joined the U.S. and Canadian militaries in Antigua yesterday to kick off Phase "
            "I of Tradewinds 2014. The exercise is designed to enhance maritime security. The "
            "Caribbean partner nations, Bahamas, Belize and Jamaica, deployed national police and "
            "coast guard units to take part in multiple training events.")
    assert named_events(text, geocoder, lexicon) == [("Tradewinds 2014",
                                                      {"US", "CA", "BS", "BZ", "JM"})]


def test_forces_of_coordinated_services_from_countries_are_sides(geocoder, lexicon):
    text = ("Land, naval and air forces from Egypt, the US, Greece and France will take part in "
            "the Bright Star 2018 drills.")
    assert read(text, geocoder, lexicon) == [("Bright Star 2018", {"EG", "US", "GR", "FR"})]


def test_another_exercise_after_the_named_one_keeps_its_own_sides(geocoder, lexicon):
    text = ("About 250 Indian military personnel will leave for Russia for the bilateral "
            "Indra-2021 exercise with the Russian military. It will be followed by another "
            "exercise within a month when the Indian and Pakistani armies will jointly "
            "participate.")
    assert named_events(text, geocoder, lexicon) == [("Indra-2021", {"IN", "RU"})]


def test_two_nationalities_after_the_are_no_ocean(geocoder, lexicon):
    text = "It was followed by drills in which the Indian and Pakistani armies took part."
    assert [m.surface for m in extract_mentions(text, geocoder, lexicon)] == []
    text = "Warships sailed into the Indian and Pacific oceans."
    assert [m.surface for m in extract_mentions(text, geocoder, lexicon)][0] == "Indian"


def test_participants_who_will_come_from_countries(geocoder, lexicon):
    text = ("The United States and 16 partner nations began the annual PANAMAX 2014 exercise on "
            "Friday. The exercise takes place Aug. 8-14. Additional participants this year will "
            "come from Belize, Brazil, Jamaica and Peru.")
    assert named_events(text, geocoder, lexicon) == [("PANAMAX 2014",
                                                      {"US", "BZ", "BR", "JM", "PE"})]


def test_a_sentence_naming_the_exercise_keeps_it_going_for_a_later_list(geocoder, lexicon):
    text = ("This year, 23 ships from 27 visiting nations participated in Exercise Kakadu. "
            "Participants tested their ability to work together. Kakadu also saw several "
            "South-Pacific nations conduct patrol boat activities. The attendance of Fiji was "
            "particularly pleasing, the minister added. Participating nations included "
            "Australia, Bangladesh, Chile and Tonga.")
    assert named_events(text, geocoder, lexicon) == [("Kakadu", {"AU", "BD", "CL", "TO"})]


def test_sides_of_past_editions_do_not_join_this_one(geocoder, lexicon):
    text = ("South Korea and the United States began the Ssangyong landing exercise on Monday. "
            "About 40 British Marine troops will take part in the exercise for the first time. "
            "Troops from Australia and New Zealand took part in past Ssangyong exercises.")
    assert named_events(text, geocoder, lexicon) == [("Ssangyong", {"KR", "US", "GB"})]


def test_the_threats_drills_counter_are_not_a_side(geocoder, lexicon):
    text = ("South Korea and the United States began the Ssangyong landing exercise on Monday to "
            "counter evolving North Korean nuclear and missile threats.")
    assert named_events(text, geocoder, lexicon) == [("Ssangyong", {"KR", "US"})]


def test_a_recurring_exercise_named_like_a_place_is_an_exercise(geocoder, lexicon):
    text = ("The exercise came two months after the navies of India, the US, Japan and Australia "
            "carried out the Malabar naval exercise.")
    assert ("Malabar", {"IN", "US", "JP", "AU"}) in read(text, geocoder, lexicon)
    text += " China has been suspicious about the purpose of the Malabar exercise."
    assert ("Malabar", {"IN", "US", "JP", "AU"}) in read(text, geocoder, lexicon)
    assert "Malabar" not in [m.surface for m in extract_mentions(text, geocoder, lexicon)]


def test_a_name_shown_to_be_an_exercises_names_it_elsewhere(geocoder, lexicon):
    text = ("South Korea and the United States plan to kick off their first large-scale "
            "amphibious landing exercise in five years next week. The Ssangyong training is set "
            "to take place in and around Pohang next week. About 40 British "
            "Marine troops will take part in the exercise. Troops from Australia and New Zealand "
            "took part in past Ssangyong exercises.")
    assert named_events(text, geocoder, lexicon) == [("Ssangyong", {"KR", "US", "GB"})]


def test_a_force_led_by_a_country_that_takes_part(geocoder, lexicon):
    text = ("Exercise Iron Wolf 2017 will run from June 12 to 23 to assess the NATO battle group "
            "deployed in Lithuania. The battle group is led by Germany, while Belgium and Norway "
            "are contributing soldiers. In July they will also be joined by Luxembourg.")
    assert named_events(text, geocoder, lexicon) == [("Iron Wolf 2017", {"DE", "BE", "NO", "NATO"})]


def test_more_sides_after_also_from(geocoder, lexicon):
    text = ("The Iron Wolf 2017 exercise will involve 5,300 participants from Lithuania and nine "
            "other allies: apart from the battle group's countries, also from the United States, "
            "Poland and Portugal.")
    assert named_events(text, geocoder, lexicon) == [("Iron Wolf 2017",
                                                      {"LT", "US", "PL", "PT"})]


def test_militaries_exercised_with_are_sides(geocoder, lexicon):
    text = ("Exercise Bersama Shield concluded in Malaysia on Friday. Approximately 250 Australian "
            "Defence Force personnel spent two weeks exercising with militaries from Malaysia, "
            "New Zealand, Singapore and the United Kingdom.")
    assert named_events(text, geocoder, lexicon) == [("Bersama Shield",
                                                      {"AU", "MY", "NZ", "SG", "GB"})]


def test_a_country_left_off_the_list_of_participants_is_no_side(geocoder, lexicon):
    text = ("Special forces from Belarus and Kazakhstan will gather in Novosibirsk for drills "
            "codenamed Cobalt-2024. Organizers did not mention Armenia among the participants of "
            "the planned exercise.")
    assert named_events(text, geocoder, lexicon) == [("Cobalt-2024", {"BY", "KZ"})]


def test_a_country_whose_city_is_only_where_the_drills_are_held_is_no_side(geocoder, lexicon):
    """The corpus convention: a state that is only the place where others train is no side."""
    text = ("Units from Belarus and Kazakhstan will gather in Russia’s Siberian city of "
            "Novosibirsk on August 14 for three-day drills codenamed Cobalt-2024.")
    assert named_events(text, geocoder, lexicon) == [("Cobalt-2024", {"BY", "KZ"})]
    text = "Chinese warships held the Joint Sword drills in Japan's exclusive economic zone."
    assert named_events(text, geocoder, lexicon) == [("Joint Sword", {"CN"})]
