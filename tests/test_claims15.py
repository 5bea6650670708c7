"""Distance wordings of news about quakes, missile tests and near misses (cl15 rules)."""

from __future__ import annotations

from pathlib import Path

from geo.extract.claims import find_distance_claims
from geo.services.ingest import ingest_text
from geo.store.reading import dataset_from_store
from geo.store.sqlite import Store


def test_a_compass_direction_written_as_two_words_is_read() -> None:
    claims = find_distance_claims("The jet hurtled past them about 25 miles south east of "
                                  "Marlow airport, officials said.")
    assert [(c.stated_value, c.unit, c.direction, c.reference_name) for c in claims] == [
        (25.0, "mi", "southeast", "Marlow airport")]


def test_a_compass_abbreviation_is_read_as_its_direction() -> None:
    claims = find_distance_claims("The quake struck 12 km NNE of the village of Brakel, "
                                  "and 30 km SW of Ostend.")
    assert [(c.stated_km, c.direction, c.reference_name) for c in claims] == [
        (12.0, "northnortheast", "Brakel"), (30.0, "southwest", "Ostend")]


def test_a_lower_case_of_is_no_compass_abbreviation() -> None:
    claims = find_distance_claims("The drill was held 40 km west of Narva.")
    assert [(c.direction, c.reference_name) for c in claims] == [("west", "Narva")]


def test_where_a_missile_fell_or_passed_is_a_position() -> None:
    text = ("A source said the missile fell 100km from Dalnegorsk, Russia. The ministry said "
            "this rocket passed 500km from the country's border.")
    claims = find_distance_claims(text)
    assert [(c.stated_km, c.reference_kind, c.reference_name) for c in claims] == [
        (100.0, "point", "Dalnegorsk"), (500.0, "border", "country")]


def test_a_missile_flight_stays_a_journey() -> None:
    assert find_distance_claims("The missile flew 800 kilometres from the launch site.") == []


def test_a_radius_around_the_epicentre_is_no_claim() -> None:
    text = ("The quake would have caused damage within 45 km of the epicentre. The town of "
            "Lorca lies 10 km south of the epicentre.")
    claims = find_distance_claims(text)
    assert [(c.stated_km, c.direction, c.reference_name) for c in claims] == [
        (10.0, "south", "epicentre")]


def test_a_gap_between_two_aircraft_is_no_claim() -> None:
    text = "The two aircraft came within 91 metres of each other over the Baltic Sea."
    assert find_distance_claims(text) == []


def test_a_radius_of_shaking_is_no_claim() -> None:
    text = "The tremor was felt within a radius of 40-50 km of the town of Pokhara."
    assert find_distance_claims(text) == []


def test_how_far_a_quake_was_felt_is_no_claim() -> None:
    text = ("The quake was felt up to 50 km away from the city of Izmir. Buildings shook up to "
            "200 kilometres from Ankara.")
    assert find_distance_claims(text) == []


def test_a_felt_report_with_a_direction_still_locates() -> None:
    claims = find_distance_claims("It was felt in Bursa, 90 km south of Istanbul.")
    assert [(c.stated_km, c.direction, c.reference_name) for c in claims] == [
        (90.0, "south", "Istanbul")]


def test_a_gap_to_another_aircraft_is_no_claim() -> None:
    text = ("The fighter approached to within 50 metres of the patrol plane over the Black Sea, "
            "and the frigate came within 200 metres of the Dutch warship.")
    assert find_distance_claims(text) == []


def test_a_ship_off_a_coast_is_still_a_claim() -> None:
    claims = find_distance_claims("The destroyer sailed to within 12 nautical miles of the "
                                  "Paracel Islands.")
    assert [(c.reference_kind, c.reference_name) for c in claims] == [
        ("point", "Paracel Islands")]


def test_a_distance_in_apposition_after_a_name_is_a_claim() -> None:
    text = ("Landslides were also reported in Nenton, about 35km to the north, where aid "
            "arrived. Residents took refuge in Mucojo, about two kilometres away.")
    claims = find_distance_claims(text)
    assert [(c.text, c.stated_km, c.direction, c.reference_name) for c in claims] == [
        ("about 35km to the north", 35.0, "north", ""),
        ("about two kilometres away", 2.0, "", "")]


def test_a_distance_away_with_no_name_before_it_is_no_claim() -> None:
    text = "The boats attacked a mock warship about 100 kilometers (60 miles) away."
    assert find_distance_claims(text) == []


def test_an_apposition_after_a_common_word_is_no_claim() -> None:
    text = ("The target was destroyed, about 100 kilometres away. However, 30 km away the "
            "guns were silent.")
    assert find_distance_claims(text) == []


def test_an_apposition_after_a_name_and_a_place_noun_is_a_claim() -> None:
    text = "They fled to the Mucojo administrative post, about two kilometres away."
    assert [c.stated_km for c in find_distance_claims(text)] == [2.0]


def test_an_apposition_after_a_verb_is_no_claim() -> None:
    text = "The depot in Crimea was destroyed, about 100 km away, and Kherson hit, 5 km away."
    assert find_distance_claims(text) == []


def test_an_implied_reference_is_kept_unmeasured_with_a_reason(tmp_path: Path) -> None:
    store = Store(tmp_path / "apposition.sqlite")
    ingest_text("Floods in Guatemala\n\nA landslide blocked a road in Huehuetenango. Floods "
                "were also reported in Nenton, about 35km to the north, where aid arrived.",
                published="2020-06-20", store=store)
    (check,) = dataset_from_store(store).claims
    assert (check.claim.text, check.verdict, check.problem) == (
        "about 35km to the north", None, "the distance names no reference")


def test_as_close_as_a_distance_to_a_place_is_a_claim() -> None:
    claims = find_distance_claims("Chinese ships came as close as 20 nautical miles to the "
                                  "island of Lanyu.")
    assert [(c.stated_value, c.unit, c.reference_name) for c in claims] == [
        (20.0, "nmi", "Lanyu")]


def test_a_distance_to_a_place_without_closeness_is_a_journey() -> None:
    assert find_distance_claims("The frigate sailed 300 km to the port of Apra.") == []


def test_a_distance_off_a_coast_is_a_position_even_after_flew() -> None:
    claims = find_distance_claims("The Su-27 flew some 60 km off the Lithuanian coast.")
    assert [(c.stated_km, c.reference_kind, c.reference_name) for c in claims] == [
        (60.0, "coast", "Lithuanian")]


def test_a_reference_ends_before_a_verb() -> None:
    claims = find_distance_claims("Residents within 5 km of the volcano were evacuated.")
    assert [c.reference_name for c in claims] == ["volcano"]


def test_a_depth_off_a_coast_stays_a_size() -> None:
    text = ("The quake hit at a depth of 10 km off the coast of Sumatra. A missile with a range "
            "of 300 km off the coast was shown.")
    assert find_distance_claims(text) == []


def test_where_a_quake_struck_is_a_position() -> None:
    claims = find_distance_claims("The quake struck 70 km from Russia's Kamchatka Peninsula.")
    assert [(c.stated_km, c.reference_name) for c in claims] == [(70.0, "Kamchatka Peninsula")]


def test_the_owner_before_a_named_place_is_left_out() -> None:
    claims = find_distance_claims("The carrier operated 120 miles east of Taiwan's Orchid "
                                  "Island.")
    assert [(c.direction, c.reference_kind, c.reference_name) for c in claims] == [
        ("east", "point", "Orchid Island")]


def test_a_distance_inside_a_territory_is_measured_from_its_border() -> None:
    claims = find_distance_claims("The drone crashed 10km inside Romanian territory, near "
                                  "Galati.")
    assert [(c.stated_km, c.reference_kind, c.reference_name) for c in claims] == [
        (10.0, "border", "Romanian")]


def test_a_distance_into_a_thing_other_than_a_territory_is_no_claim() -> None:
    assert find_distance_claims("The column pushed 10 km into the forest near Lyman.") == []
