"""Who takes part in an exercise, read by the corpus convention (tests/corpus/README.md,
``participants``; issue 9, sides round 16): a state said not to be part of the drills, to
want to join them or to have been invited is no side; states joined by hyphens before an
exercise noun are its sides; an organisation's forces named through a part of it count; a
territory in brackets after its state, or where a nation's forces are stationed, is no side.

Every sentence is made up for the test in the style of wire copy; the exercise names are
invented.
"""

from __future__ import annotations

import pytest
from event_helpers import read

# ------------------------------------------------------------------ kept outside the drills


@pytest.mark.parametrize("second", [
    "Significantly, however, Brazil is not part of the exercises, which will run until June 15.",
    "Brazil will not be a part of the drills this year.",
    "Brazil has expressed interest in joining the drills.",
    "Brazil applied to join the exercise.",
    "Brazil has suspended its participation.",
    "Brazil skipped the drills this year.",
])
def test_a_state_said_to_stay_outside_or_to_want_to_join_is_no_side(second, geocoder, lexicon):
    text = "Troops from Chile, Peru and Japan will take part in the Steppe Guard 2024 exercise. " \
        + second
    assert read(text, geocoder, lexicon) == [("Steppe Guard 2024", {"CL", "PE", "JP"})]


@pytest.mark.parametrize("second", [
    "Forces from Canada, New Zealand and the UK have received such an invite, with delegations "
    "from India and Indonesia will also observe the exercise.",
    "Canada and New Zealand have been invited to the drills.",
])
def test_invited_states_are_no_sides(second, geocoder, lexicon):
    text = "Troops from Chile and Peru are taking part in the Steppe Guard 2024 exercise. " + second
    assert read(text, geocoder, lexicon) == [("Steppe Guard 2024", {"CL", "PE"})]


def test_a_state_taking_part_after_an_invitation_is_a_side(geocoder, lexicon):
    text = ("Troops from Chile and Peru held the Steppe Guard 2024 exercise. Japanese soldiers "
            "are taking part in Steppe Guard 2024 after being invited by Chile.")
    assert read(text, geocoder, lexicon) == [("Steppe Guard 2024", {"CL", "PE", "JP"})]


# ------------------------------------------------------------------ states joined by hyphens


@pytest.mark.parametrize("text", [
    "The 7th edition of the Chile-Peru joint training exercise, Steppe Guard 2024, concluded on "
    "Saturday.",
    "The third edition of the Chile/Peru exercise Steppe Guard 2024 began on Monday in Lima.",
])
def test_states_joined_by_hyphens_before_an_exercise_noun_are_its_sides(text, geocoder,
                                                                         lexicon):
    assert read(text, geocoder, lexicon) == [("Steppe Guard 2024", {"CL", "PE"})]


def test_states_joined_by_hyphens_before_another_noun_are_not_read_as_sides(geocoder, lexicon):
    text = ("Japanese troops began the Steppe Guard 2024 exercise amid the Chile-Peru dispute "
            "over fishing rights.")
    assert read(text, geocoder, lexicon) == [("Steppe Guard 2024", {"JP"})]


# ------------------------------------------------------------------ an organisation's forces


def test_forces_of_a_named_part_of_an_organisation_are_its_own(geocoder, lexicon):
    text = ("Military contingents of Tajikistan and Kyrgyzstan are taking part in the Steppe "
            "Guard 2024 exercise. The rapid deployment forces of the Central Asian Region (CAR) "
            "of the Collective Security Treaty Organization (CSTO) are rehearsing interaction.")
    assert read(text, geocoder, lexicon) == [("Steppe Guard 2024", {"TJ", "KG", "CSTO"})]


# ------------------------------------------------------------------ territories and stations


def test_a_territory_in_brackets_after_its_state_is_no_side(geocoder, lexicon):
    text = ("The Steppe Guard 2024 exercise included troop contributions from France (New "
            "Caledonia), Australia, Fiji and Tonga.")
    assert read(text, geocoder, lexicon) == [("Steppe Guard 2024", {"FR", "AU", "FJ", "TO"})]


def test_where_a_nations_forces_are_stationed_is_no_side(geocoder, lexicon):
    text = ("Led by the French Armed Forces of New Caledonia, the Steppe Guard 2024 exercise "
            "brought together soldiers from Fiji and Tonga.")
    assert read(text, geocoder, lexicon) == [("Steppe Guard 2024", {"FR", "FJ", "TO"})]


# ------------------------------------------------------------------ sides told apart from the name


def test_other_participating_nations_are_more_sides_of_the_one_named_exercise(geocoder,
                                                                              lexicon):
    text = ("Approximately 900 U.S. military personnel have arrived in the Kingdom of Morocco to "
            "take part in exercise Desert Falcon 24. Exercise Desert Falcon 24 is led by U.S. "
            "Marine Corps Forces Europe and Africa. Various units from the U.S. Army will conduct "
            "multi-lateral training with units from the Royal Moroccan Armed Forces. In addition "
            "to the activities taking place in Morocco, there will be an exercise spoke taking "
            "place in Tunisia to include a field training exercise and a command post exercise. "
            "Other participating nations include Tunisia, Spain and Canada. The exercise is "
            "scheduled to end on or about April 03 2024.")
    assert read(text, geocoder, lexicon) == [("Desert Falcon 24",
                                             {"US", "MA", "TN", "ES", "CA"})]


def test_drills_told_before_their_name_are_the_named_ones_and_nato_drills_the_allies(
        geocoder, lexicon):
    text = ("Defence chiefs said the tactical drills would take place from June 14 to June 27 in "
            "the Serbian city of Nis. Paratroopers from the Pskov division will represent Russia "
            "in the war games. Steppe Guard 2024 coincides with larger drills taking place in "
            "Bulgaria and Romania. The Iron Shield 2024 exercises are being co-led by Romanian "
            "land forces and US Army Europe. British troops are taking part in the exercises "
            "alongside service personnel from Bulgaria and Italy. Russia said it had sent a "
            "patrol ship to the coast of Bulgaria in order to monitor Nato drills. The ship will "
            "watch the NATO air defence drills near the Bulgarian coast.")
    assert read(text, geocoder, lexicon) == [
        ("Steppe Guard 2024", {"RU"}),
        ("Iron Shield 2024", {"RO", "US", "GB", "BG", "IT", "NATO"})]


def test_a_state_that_declined_an_invitation_is_no_side(geocoder, lexicon):
    text = ("Vietnam declined an invitation to join the Steppe Guard 2024 exercise hosted by the "
            "Philippines and the United States.")
    assert read(text, geocoder, lexicon) == [("Steppe Guard 2024", {"PH", "US"})]


# ------------------------------------------------------------------ sides stated in a headline


@pytest.mark.parametrize(("text", "name"), [
    ("Russia, Belarus hold Steppe Guard 2024 drills\n\nThe exercise began on Monday near "
     "Brest, the defence ministry said.", "Steppe Guard 2024"),
    ("Russia, Belarus hold joint drills\n\nThe exercise began on Monday near Brest, the defence "
     "ministry said.", None),
])
def test_sides_stated_only_in_the_headline_are_the_exercises(text, name, geocoder, lexicon):
    assert read(text, geocoder, lexicon) == [(name, {"RU", "BY"})]


def test_the_body_s_own_sides_win_over_the_headline_s(geocoder, lexicon):
    text = ("Russia, Belarus hold Steppe Guard 2024 drills\n\nRussian and Kazakh troops began the "
            "Steppe Guard 2024 exercise on Monday, the defence ministry said.")
    assert read(text, geocoder, lexicon) == [("Steppe Guard 2024", {"RU", "KZ"})]


# ------------------------------------------------------------------ rivals and descriptions


def test_every_state_of_a_list_disputing_the_waters_is_no_side(geocoder, lexicon):
    text = ("More than 3,000 troops from Australia and the Philippines are taking part in the "
            "Steppe Guard 2024 exercise. The drills are held near islands China claims, claims "
            "disputed by the Philippines, Vietnam, Malaysia and Brunei.")
    assert read(text, geocoder, lexicon) == [("Steppe Guard 2024", {"AU", "PH"})]


@pytest.mark.parametrize(("second", "sides"), [
    ("The Caucasus country of Azerbaijan is also participating.", {"KZ", "KG", "AZ"}),
    ("The drills are held on the coast of Azerbaijan.", {"KZ", "KG"}),
])
def test_a_country_named_after_its_description_is_read_as_itself(second, sides, geocoder,
                                                                 lexicon):
    text = "Kazakhstan and Kyrgyzstan began the Steppe Guard 2024 exercise on Monday. " + second
    assert read(text, geocoder, lexicon) == [("Steppe Guard 2024", sides)]


def test_where_forces_served_before_is_no_side(geocoder, lexicon):
    text = ("Three hundred men, half of them Argentine marines (36 US marines with Iraq "
            "experience) took part in the exercise code-named Steppe Guard 2024.")
    assert read(text, geocoder, lexicon) == [("Steppe Guard 2024", {"AR", "US"})]


def test_the_sides_of_each_phase_are_the_named_exercises(geocoder, lexicon):
    text = ("The Indian Air Force is set to host its largest international air exercise, "
            "exercise Steppe Guard, in two phases in August and September at Sulur and Jodhpur. "
            "Phase one of the exercise will be in Sulur from August 6-14 with Germany, France and "
            "Spain taking part. Greece and many other countries will start to exercise the second "
            "phase in Jodhpur from September 1-14.")
    assert read(text, geocoder, lexicon) == [("Steppe Guard", {"IN", "DE", "FR", "ES", "GR"})]


def test_who_plays_the_mock_enemy_takes_part(geocoder, lexicon):
    text = ("During the Steppe Guard 2024 exercise, the 2nd Infantry Brigade with units from "
            "Germany and Latvia will rehearse action against mock enemy forces made up of the 1st "
            "Infantry Brigade and a Polish battalion.")
    assert read(text, geocoder, lexicon) == [("Steppe Guard 2024", {"DE", "LV", "PL"})]


def test_the_real_enemy_after_against_is_still_no_side(geocoder, lexicon):
    text = ("Units from Germany and Latvia began the Steppe Guard 2024 exercise to practise "
            "defence against Russia.")
    assert read(text, geocoder, lexicon) == [("Steppe Guard 2024", {"DE", "LV"})]


# ------------------------------------------------------------------ the host named by its role


@pytest.mark.parametrize("second", [
    "The host is joined by Uganda and Tanzania.",
    "Troops from Uganda and Tanzania are training alongside the host nation's soldiers.",
])
def test_the_host_named_by_its_role_is_the_country_of_the_sites(second, geocoder, lexicon):
    text = "The Steppe Guard 2024 exercise began on Monday in Kenya. " + second
    assert read(text, geocoder, lexicon) == [("Steppe Guard 2024", {"KE", "UG", "TZ"})]


def test_a_host_city_names_no_side(geocoder, lexicon):
    text = ("Troops from Uganda and Tanzania began the Steppe Guard 2024 exercise on Monday in "
            "Kenya. The host city, Nairobi, welcomed them.")
    assert read(text, geocoder, lexicon) == [("Steppe Guard 2024", {"UG", "TZ"})]


# ------------------------------------------------------------------ blocs and other exercises


def test_drills_under_an_organisations_banner_are_its_own(geocoder, lexicon):
    text = ("Troops from Russia and China began the Steppe Guard 2024 drills, the first under the "
            "SCO banner.")
    assert read(text, geocoder, lexicon) == [("Steppe Guard 2024", {"RU", "CN", "SCO"})]


@pytest.mark.parametrize("text", [
    "The Steppe Guard 2024 drills between Russia and China come as the US holds exercises with "
    "Japan.",
    "Troops from Russia and China held the Steppe Guard 2024 drills while the US held its own "
    "exercise with Japan.",
])
def test_the_sides_of_another_exercise_at_the_same_time_are_no_sides(text, geocoder, lexicon):
    assert read(text, geocoder, lexicon) == [("Steppe Guard 2024", {"RU", "CN"})]


def test_drills_told_in_an_as_clause_keep_their_doer(geocoder, lexicon):
    text = "Tensions rose as China began the Steppe Guard 2024 drills around Taiwan."
    assert read(text, geocoder, lexicon) == [("Steppe Guard 2024", {"CN"})]


# ------------------------------------------------------------------ past asides, "not only"


@pytest.mark.parametrize(("second", "sides"), [
    ("India, which attended as an observer last year, is taking part for the first time.",
     {"CL", "PE", "IN"}),
    ("Brazil, which had pulled out last year, sent 300 troops.", {"CL", "PE", "BR"}),
    ("Brazil, which took part last year, has withdrawn.", {"CL", "PE"}),
    ("Brazil is not only taking part but also hosting a phase.", {"CL", "PE", "BR"}),
])
def test_what_a_state_did_before_does_not_decide_this_edition(second, sides, geocoder, lexicon):
    text = "Troops from Chile and Peru held the Steppe Guard 2024 exercise. " + second
    assert read(text, geocoder, lexicon) == [("Steppe Guard 2024", sides)]


def test_who_invites_is_a_side_and_whom_it_invites_is_not(geocoder, lexicon):
    text = ("Russia has invited Chinese and Indian troops to take part in the Steppe Guard 2024 "
            "drills.")
    assert read(text, geocoder, lexicon) == [("Steppe Guard 2024", {"RU"})]


def test_a_list_set_off_by_commas_belongs_to_the_critics(geocoder, lexicon):
    text = ("Other countries, including China, criticised the Steppe Guard 2024 drills held by "
            "Japan and the US.")
    assert read(text, geocoder, lexicon) == [("Steppe Guard 2024", {"JP", "US"})]


# ------------------------------------------------------------------ demonyms and capitals in lists


def test_every_nationality_of_a_list_of_counterparts_is_a_side(geocoder, lexicon):
    text = ("Ghanaian soldiers hosted their Nigerian, Togolese and Beninese counterparts for the "
            "Steppe Guard 2024 exercise.")
    assert read(text, geocoder, lexicon) == [("Steppe Guard 2024", {"GH", "NG", "TG", "BJ"})]


def test_forces_said_to_play_the_enemy_after_against_take_part(geocoder, lexicon):
    text = ("The exercise, called Steppe Guard 2024, pits a Polish brigade against a US battalion "
            "playing the enemy.")
    assert read(text, geocoder, lexicon) == [("Steppe Guard 2024", {"PL", "US"})]


def test_a_capital_listed_after_a_capital_read_as_a_side_is_one_too(geocoder, lexicon):
    text = "Iran's navy will hold the Steppe Guard 2024 drills with Moscow and Beijing."
    assert read(text, geocoder, lexicon) == [("Steppe Guard 2024", {"IR", "RU", "CN"})]
