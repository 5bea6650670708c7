"""Who takes part in an exercise when the sides are named the harder ways (issue 9, sides
round 12): a member who opts out, a bare "Korea" in a list of states, a bloc's members named
once and then called "the <bloc> nations", and teams "from" a list in the sentence after the
exercise is named.

Every sentence is made up for the test in the style of wire copy; the exercise names are
invented or the real names of recurring exercises.
"""

from __future__ import annotations

from event_helpers import read


def test_a_member_that_opted_out_is_no_side(geocoder, lexicon):
    text = ("Troops from Belarus, Kazakhstan and Russia began the Steppe Shield-2024 drills in "
            "Kyrgyzstan on Monday. Although Armenia is a member of the bloc, it has opted out "
            "of participating in these drills.")
    assert read(text, geocoder, lexicon) == [("Steppe Shield-2024", {"BY", "KZ", "RU"})]


def test_a_bare_korea_in_a_list_of_states_is_the_republic_of_korea(geocoder, lexicon):
    text = ("The Cobra Gold exercise got underway in Sattahip on Tuesday. The seven "
            "countries sending their armed forces to participate are Thailand, the U.S., "
            "Singapore, Japan, Indonesia, Korea and Malaysia.")
    (name, sides), = read(text, geocoder, lexicon)
    assert name == "Cobra Gold" and "KR" in sides and "KP" not in sides


def test_korea_qualified_as_north_or_in_a_name_is_not_read_as_south(geocoder, lexicon):
    text = ("The Cobra Gold exercise got underway in Sattahip on Tuesday. The countries "
            "sending their armed forces to participate are Thailand, the U.S. and Japan, "
            "while North Korea condemned the drills.")
    (name, sides), = read(text, geocoder, lexicon)
    assert name == "Cobra Gold" and "KR" not in sides


def test_the_blocs_nations_are_the_members_the_article_named(geocoder, lexicon):
    text = ("The Five Power Defence Arrangements (FPDA) were established in 1971 as a security "
            "arrangement between Australia, New Zealand, Britain, Malaysia and Singapore. "
            "The next exercise for the FPDA nations is Exercise Bersama Lima, scheduled for "
            "October in Malaysia.")
    assert read(text, geocoder, lexicon) == [("Bersama Lima", {"AU", "NZ", "GB", "MY", "SG"})]


def test_a_bloc_whose_members_the_article_never_names_adds_nothing(geocoder, lexicon):
    text = ("The next exercise for the FPDA nations is Exercise Bersama Lima, scheduled for "
            "October in Malaysia.")
    assert read(text, geocoder, lexicon) == [("Bersama Lima", set())]


def test_teams_from_a_list_in_the_next_sentence_take_part(geocoder, lexicon):
    text = ("Special operations forces from 20 countries will participate in the Fuerzas Comando "
            "2024 exercise in Santiago, Chile, June 17-27. Special operations military and law "
            "enforcement teams from Argentina, Belize, Brazil, Peru and the United States will "
            "compete to claim the title of champion.")
    assert read(text, geocoder, lexicon) == [("Fuerzas Comando 2024",
                                              {"AR", "BZ", "BR", "PE", "US"})]


def test_forces_from_a_list_that_did_something_else_are_no_sides(geocoder, lexicon):
    text = ("Special operations forces from 20 countries will participate in the Fuerzas Comando "
            "2024 exercise in Santiago, Chile, June 17-27. Last year troops from Peru and Ecuador "
            "clashed with smugglers near the border.")
    assert read(text, geocoder, lexicon) == [("Fuerzas Comando 2024", set())]


def test_a_country_that_opts_out_of_taking_part_is_no_side(geocoder, lexicon):
    text = ("Troops from Belarus, Kazakhstan and Russia began the Steppe Shield-2024 drills in "
            "Kyrgyzstan on Monday. Armenia has opted out of taking part.")
    assert read(text, geocoder, lexicon) == [("Steppe Shield-2024", {"BY", "KZ", "RU"})]


def test_a_country_joining_in_a_later_month_is_no_side_though_looser_dates_are_stated(
        geocoder, lexicon):
    text = ("Exercise Iron Lynx 2024 will run from June 12 to 23 this year to assess the "
            "battle group deployed in Lithuania and fully manned in May. The battle group is led "
            "by Germany, while Belgium and Norway are contributing soldiers. In July they will "
            "also be joined by Luxembourg.")
    (name, sides), = read(text, geocoder, lexicon)
    assert name == "Iron Lynx 2024" and "LU" not in sides and {"DE", "BE", "NO"} <= sides


def test_a_country_that_only_sends_staff_or_a_hospital_takes_part(geocoder, lexicon):
    text = ("The Pacific Shield 2024 exercise began on Monday off Guam with ships from the "
            "United States and Japan. Pakistan sent a frigate, and India sent two staff "
            "officers. Nepal will send a field hospital.")
    assert read(text, geocoder, lexicon) == [("Pacific Shield 2024",
                                              {"US", "JP", "PK", "IN", "NP"})]


def test_a_country_that_only_sends_observers_or_money_is_no_side(geocoder, lexicon):
    text = ("The Pacific Shield 2024 exercise began on Monday off Guam with ships from the "
            "United States and Japan. India sent two observers, and Nepal sent its "
            "congratulations.")
    assert read(text, geocoder, lexicon) == [("Pacific Shield 2024", {"US", "JP"})]


def test_a_country_that_sends_ships_to_watch_the_drills_is_no_side(geocoder, lexicon):
    text = ("The Pacific Shield 2024 exercise began on Monday off Guam with ships from the "
            "United States and Japan. China sent two warships to monitor the drills.")
    assert read(text, geocoder, lexicon) == [("Pacific Shield 2024", {"US", "JP"})]


def test_forces_named_after_their_country_are_sides(geocoder, lexicon):
    text = ("The Pakistan Navy, the Sri Lanka Navy and the Kenya Defence Forces began the "
            "Blue Wave 2024 exercise off Mombasa on Monday.")
    assert read(text, geocoder, lexicon) == [("Blue Wave 2024", {"PK", "LK", "KE"})]


def test_forces_of_a_country_named_as_the_target_are_no_sides(geocoder, lexicon):
    text = ("The Pakistan Navy and the Sri Lanka Navy began the Blue Wave 2024 exercise off "
            "Karachi on Monday, a rehearsal against the India Navy.")
    assert read(text, geocoder, lexicon) == [("Blue Wave 2024", {"PK", "LK"})]


def test_a_us_state_national_guard_is_no_foreign_side(geocoder, lexicon):
    text = ("The Georgia National Guard and the Armed Forces of Ukraine began the Rapid "
            "Trident 2024 exercise near Yavoriv on Monday.")
    (name, sides), = read(text, geocoder, lexicon)
    assert name == "Rapid Trident 2024" and "UA" in sides and "GE" not in sides


def test_a_us_state_national_guard_read_as_a_state_is_an_american_side(geocoder, lexicon):
    text = ("Texas National Guard troops and the Armed Forces of the Czech Republic began the "
            "Ample Strike 2024 exercise on Monday.")
    (name, sides), = read(text, geocoder, lexicon)
    assert name == "Ample Strike 2024" and {"US", "CZ"} <= sides and "MX" not in sides


def test_african_latin_american_and_pacific_nationalities_qualify_forces(geocoder, lexicon):
    text = ("Ghanaian, Senegalese and Ivorian troops began the Flintlock 2024 exercise with "
            "Fijian, Tongan and Uruguayan sailors on Monday.")
    assert read(text, geocoder, lexicon) == [("Flintlock 2024",
                                              {"GH", "SN", "CI", "FJ", "TO", "UY"})]


def test_the_hellenic_navy_is_greek(geocoder, lexicon):
    text = "The Hellenic Navy and the US Navy began the Poseidon 2024 exercise on Monday."
    assert read(text, geocoder, lexicon) == [("Poseidon 2024", {"GR", "US"})]


def test_sides_of_an_earlier_year_opening_the_sentence_are_not_this_editions(geocoder, lexicon):
    for later in ("In 2019, troops from Georgia and Norway took part in the exercise.",
                  "In 2019, Georgia and Norway also took part."):
        text = "The US and Ukraine began the Sea Breeze 2024 exercise on Monday. " + later
        assert read(text, geocoder, lexicon) == [("Sea Breeze 2024", {"US", "UA"})], later


def test_a_sentence_opening_with_this_year_still_adds_sides(geocoder, lexicon):
    text = ("The US and Ukraine began the Sea Breeze 2024 exercise on Monday. In 2024, "
            "Georgia and Norway also took part.")
    assert read(text, geocoder, lexicon) == [("Sea Breeze 2024", {"US", "UA", "GE", "NO"})]


def test_ships_named_with_their_navys_prefix_bring_their_countries(geocoder, lexicon):
    text = ("The JS Asahi, the ROKS Mun Mu Daewang and the USS Ronald Reagan took part in the "
            "Pacific Vanguard 2024 exercise on Monday.")
    assert read(text, geocoder, lexicon) == [("Pacific Vanguard 2024", {"JP", "KR", "US"})]
    text = ("HMAS Anzac, HMNZS Te Kaha and RSS Intrepid joined the Bersama Shield 2024 exercise "
            "on Monday.")
    assert read(text, geocoder, lexicon) == [("Bersama Shield 2024", {"AU", "NZ", "SG"})]


def test_a_ship_the_drills_approach_or_shadow_is_no_side(geocoder, lexicon):
    text = ("Russian ships began the Ocean Shield 2024 exercise on Monday and sailed near the "
            "destroyer USS Ross, while jets buzzed the frigate HMS Kent.")
    assert read(text, geocoder, lexicon) == [("Ocean Shield 2024", {"RU"})]


def test_a_blocs_members_listed_after_a_dash_are_its_nations(geocoder, lexicon):
    text = ("The SCO has eight full members — China, India, Kazakhstan, Kyrgyzstan, Pakistan, "
            "Russia, Tajikistan and Uzbekistan. SCO member states began the Peace Mission 2024 "
            "drills on Monday.")
    assert read(text, geocoder, lexicon) == [("Peace Mission 2024", {
        "CN", "IN", "KZ", "KG", "PK", "RU", "TJ", "UZ"})]


def test_a_member_staying_out_is_left_out_of_the_blocs_nations(geocoder, lexicon):
    text = ("The CSTO groups Armenia, Belarus, Kazakhstan, Kyrgyzstan, Russia and Tajikistan. "
            "CSTO member states began the Interaction-2024 drills on Monday, though Armenia "
            "opted out.")
    assert read(text, geocoder, lexicon) == [("Interaction-2024",
                                              {"BY", "KZ", "KG", "RU", "TJ"})]


def test_countries_listed_with_as_observers_are_no_sides(geocoder, lexicon):
    text = ("Iranian, Russian and Chinese warships began the Maritime Security Belt 2024 drills "
            "on Monday in the Gulf of Oman, with Pakistan, Azerbaijan and South Africa as "
            "observers.")
    assert read(text, geocoder, lexicon) == [("Maritime Security Belt 2024", {"IR", "RU", "CN"})]


def test_drills_with_a_country_before_observers_keep_that_country(geocoder, lexicon):
    text = ("Iran began the Maritime Security Belt 2024 drills with Russia on Monday, with "
            "Pakistan as an observer.")
    assert read(text, geocoder, lexicon) == [("Maritime Security Belt 2024", {"IR", "RU"})]


def test_their_counterparts_of_a_nationality_take_part(geocoder, lexicon):
    text = ("Mongolia's armed forces and their US counterparts began the Khaan Quest 2024 "
            "exercise on Monday.")
    assert read(text, geocoder, lexicon) == [("Khaan Quest 2024", {"MN", "US"})]


def test_countries_under_their_official_names_are_sides(geocoder, lexicon):
    text = ("Servicemen of the Armed Forces of the Republic of Kazakhstan and the Russian "
            "Federation began the Interaction-2024 drills on Monday.")
    assert read(text, geocoder, lexicon) == [("Interaction-2024", {"KZ", "RU"})]
    text = ("Troops of the Republic of Armenia and the Republic of Belarus began the Kavkaz "
            "2024 drills on Monday.")
    assert read(text, geocoder, lexicon) == [("Kavkaz 2024", {"AM", "BY"})]


def test_the_peoples_republic_of_china_is_china_not_taiwan(geocoder, lexicon):
    text = ("Units of the Armed Forces of the Kyrgyz Republic and the People's Republic of "
            "China began the Cooperation-2024 drills on Monday.")
    assert read(text, geocoder, lexicon) == [("Cooperation-2024", {"KG", "CN"})]


def test_an_official_name_after_a_non_force_of_is_still_no_side(geocoder, lexicon):
    text = ("Russian troops began the Kavkaz 2024 drills on Monday near the border of the "
            "Republic of Azerbaijan.")
    assert read(text, geocoder, lexicon) == [("Kavkaz 2024", {"RU"})]


def test_a_us_combatant_command_leading_the_drills_is_american(geocoder, lexicon):
    text = ("The Flintlock 2024 exercise is co-hosted by Ghana and Ivory Coast and led by U.S. "
            "Africa Command.")
    assert read(text, geocoder, lexicon) == [("Flintlock 2024", {"GH", "CI", "US"})]
    text = ("The Tradewinds 2024 exercise, sponsored by U.S. Southern Command, began in "
            "Barbados on Monday.")
    assert read(text, geocoder, lexicon) == [("Tradewinds 2024", {"US"})]


def test_a_force_named_after_its_countrys_official_name_is_a_side(geocoder, lexicon):
    text = ("Australian troops and the Republic of Fiji Military Forces began the Tropic "
            "Twilight 2024 exercise on Monday.")
    assert read(text, geocoder, lexicon) == [("Tropic Twilight 2024", {"AU", "FJ"})]


def test_a_three_word_nationality_qualifies_forces(geocoder, lexicon):
    text = ("Papua New Guinean, Timorese and Tongan soldiers joined the Tropic Twilight 2024 "
            "exercise on Monday.")
    assert read(text, geocoder, lexicon) == [("Tropic Twilight 2024", {"PG", "TL", "TO"})]
