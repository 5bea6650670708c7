"""Exercise names in the forms unseen news gives them, and series mentioned only in passing
(issue 9, names13).

Every text is made up for the test in the style of wire copy. The names are invented (not in
the lexicon or the series file) unless a test is about the series file, so each case rests on
a general rule, named in its comment.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from event_helpers import events, read

from geo.errors import DataFormatError
from geo.extract.lexicon import Lexicon, LexiconEntry, load_exercise_series, load_lexicon
from geo.settings import exercise_series_path


def stated(text, geocoder, lexicon) -> list[str]:
    return [name for name, _sides in read(text, geocoder, lexicon) if name]


def with_series(lexicon: Lexicon, *names: str) -> Lexicon:
    """The test lexicon plus made-up series names."""
    entries = [e for table in lexicon.by_category.values() for e in table.values()]
    return Lexicon.from_entries([*entries, *(LexiconEntry(n, "exercise_name", "", "test")
                                             for n in names)])


@pytest.mark.parametrize(("text", "expected"), [
    # a quoted name after a naming verb that opens the sentence ("Dubbed “X”, which means
    # ..., the exercise ...")
    ("Dubbed “Koru”, which means “loop” in the local language, the second joint naval "
     "exercise is expected to last ten days off the coast of Fiji, with ships from Fiji and "
     "Tonga.", "Koru"),
    # the article inside the quotes is no part of the name ("dubbed “The Silver Lance”")
    ("Iran's navy launched a drill near the Strait of Hormuz on Saturday. The annual war game "
     "dubbed “The Silver Lance” came a day after a carrier sailed into the Gulf.",
     "Silver Lance"),
    # one name word with an edition number may open the sentence ("X 23 military exercise")
    ("Borealis 24 military exercise will start in Norway on Monday, with troops from Norway "
     "and Finland.", "Borealis 24"),
    # ... even when the word is also a town's name: a town is not followed by an edition
    ("Valencia 24 military exercise will start on Monday, with troops from Spain and "
     "Portugal.", "Valencia 24"),
    # "Operation X 2024" in a sentence after one about an exercise: the exercise's code name
    ("Commanders from across the Pacific are holding an exercise in Fiji. Operation Southern "
     "Lagoon 2024 is led by the Fijian military and includes officers from Tonga and Samoa.",
     "Southern Lagoon 2024"),
    # a name written with a roman-numeral edition after a known series stem ("Great Prophet
    # IX drills")
    ("Great Prophet IX drills began near the Strait of Hormuz on Wednesday, with speedboats "
     "of Iran's navy firing at a mock carrier.", "Great Prophet IX"),
    # a made-up name with a roman-numeral edition, begun, in an article about an exercise
    ("Sand Kestrel VIII began at the air base on Monday with fighter jets from the UAE, France "
     "and India. The multinational air exercise runs until March 17.", "Sand Kestrel VIII"),
    # "Exercise X VIII" keeps its edition, and "Exercise X" later names the same exercise
    ("Indian airmen landed in the UAE to take part in Exercise Sand Kestrel VIII. Air forces "
     "from France and Kuwait will also take part in Exercise Sand Kestrel, a multilateral air "
     "exercise.", "Sand Kestrel VIII"),
])
def test_names_in_harder_forms_are_read(text, expected, geocoder, lexicon) -> None:
    assert expected in stated(text, geocoder, lexicon)


@pytest.mark.parametrize("text", [
    # a count before an exercise word at a sentence's start is no edition
    "About 40 drills took place in Norway last year, with troops from Norway and Finland.",
    # "Operation X 2024" in a sentence about a campaign of war is not an exercise's name
    ("The allies held exercises in the region last month. Operation Desert Hammer 2024 "
     "strikes against militant positions killed 12 people, officials said."),
])
def test_no_name_where_none_is_given(text, geocoder, lexicon) -> None:
    assert not any(n in ("About 40", "Desert Hammer 2024") for n in stated(text, geocoder,
                                                                           lexicon))


def test_series_in_capitals_is_read(geocoder, lexicon) -> None:
    # a known series written in capitals, as releases write it ("JADE HARBOR 24")
    text = ("JADE HARBOR 24 began on Monday at the naval base, with sailors from Thailand and "
            "Japan training together for the exercise.")
    assert "JADE HARBOR 24" in stated(text, geocoder, with_series(lexicon, "Jade Harbor"))


@pytest.mark.parametrize("text", [
    # an exercise cancelled, or due but halted, is not held
    ("Thailand has cancelled upcoming military exercises with Japan, the ministry said. "
     "Japanese and Thai troops had been due to take part in the annual “Jade Harbor” joint "
     "exercise this summer, but officials said the exercise had been halted."),
    # a navy disinvited from an exercise: the exercise is not what is reported
    ("The Pentagon disinvited Vietnam from participating in a major naval exercise on "
     "Tuesday, citing its conduct at sea. Officials had reversed an earlier invitation to "
     "the Vietnamese Navy to the 2024 Rim of the Atlantic (RIMATLANT)."),
    # an earlier exercise told as background ("Last month, X hosted ...") in an article
    # that reports none
    ("Laos has cancelled drills with Thailand, the ministry said. Last month, Laos hosted "
     "the “Mekong Shield” joint exercise with Chinese troops."),
])
def test_exercises_called_off_or_past_are_not_reported(text, geocoder, lexicon) -> None:
    assert events(text, geocoder, lexicon) == []


def test_exercise_that_went_ahead_after_a_postponement_is_reported(geocoder, lexicon) -> None:
    # "postponed from May, the drills began": it went ahead
    text = ("Postponed from May, the Jade Harbor exercise began on Monday with troops from "
            "Thailand and Japan.")
    assert stated(text, geocoder, lexicon) == ["Jade Harbor"]


def test_series_file_has_a_cited_page_and_organiser_per_row() -> None:
    rows = load_exercise_series()
    names = {e.term for e in rows}
    assert {"Flintlock", "Cobra Gold", "Native Fury", "Golden Dragon", "Rubezh"} <= names
    assert all(e.source.startswith("http") and e.category == "exercise_name" for e in rows)
    lines = exercise_series_path().read_text(encoding="utf-8").splitlines()
    assert len(lines) - 1 >= 150  # rows of series, each its own cited page


def test_series_names_are_exercise_names_in_the_lexicon() -> None:
    lexicon = load_lexicon()
    assert lexicon.has("exercise_name", "Steppe Eagle")
    assert lexicon.has("exercise_name", "Nomadic Elephant")


def test_series_row_without_a_cited_page_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "series.csv"
    bad.write_text("name,variants,organiser,source\nCopper Falcon,,Nowhere,\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match="cited page") as info:
        load_exercise_series(bad)
    assert "2" in str(info.value)  # the line is named


def test_a_place_joined_to_based_is_no_side(geocoder, lexicon) -> None:
    # "the Bahrain-based US Fifth Fleet": where the fleet is based, not whose it is
    text = ("The Coral Shield exercise began on Monday with the Bahrain-based US Fifth Fleet "
            "and warships from Britain and France.")
    assert read(text, geocoder, lexicon) == [("Coral Shield", {"US", "GB", "FR"})]


def test_the_act_an_exercise_came_after_names_no_side(geocoder, lexicon) -> None:
    # "came a day after the USS X, a U.S. aircraft carrier, sailed in": another's act, the
    # appositive describing its ship included
    text = ("Iran's navy launched a drill near the Strait of Hormuz on Saturday. The annual "
            "war game dubbed “Silver Lance” came a day after the USS Reagan, a U.S. aircraft "
            "carrier, sailed into the Gulf.")
    assert read(text, geocoder, lexicon) == [("Silver Lance", {"IR"})]


def test_the_three_countries_are_the_three_named_before(geocoder, lexicon) -> None:
    # "the ministers of X, Y and Z agreed ..., exercises of the three countries": those three
    text = ("Under an agreement of the defense ministers of Armenia, Greece and Cyprus, joint "
            "exercises of the special forces of the three countries called “Blue Cedar” are "
            "held in Athens.")
    assert read(text, geocoder, lexicon) == [("Blue Cedar", {"AM", "GR", "CY"})]


@pytest.mark.parametrize("text", [
    # a series from the series file, named in passing: a past edition, a plan, a comparison,
    # a cancellation; an article about something else reports no exercise
    ("Thailand's prime minister met the US envoy on Tuesday to discuss trade and tariffs. The "
     "two allies last held Cobra Gold in February 2023, officials said."),
    ("Plans for next year's Native Fury were discussed at the meeting of defence chiefs in "
     "Riyadh on Monday."),
    ("Unlike Talisman Saber, which drew 30,000 troops in 2023, the new budget talks in "
     "Canberra involve only officials."),
    ("Mongolia said on Monday it would not host Khaan Quest this year because of the "
     "pandemic."),
    # an edition dated only to an earlier year ("took part in X in 2023" in a 2024 article)
    ("Kenya's president met troops in Nairobi. Kenya took part in Justified Accord in 2023, "
     "the army said."),
])
def test_a_series_named_in_passing_is_no_exercise(text, geocoder, lexicon) -> None:
    assert events(text, geocoder, lexicon) == []


def test_operation_and_a_known_series_begun_is_that_exercise(geocoder, lexicon) -> None:
    # "Operation X began on Monday", X a series in the series file: no exercise word needed
    text = ("Operation Flintlock began on Monday in Chad, with special forces from Chad, Niger "
            "and the United States.")
    assert stated(text, geocoder, lexicon) == ["Flintlock"]


@pytest.mark.parametrize(("text", "expected"), [
    # a name in capitals with a one-digit edition after "will conduct"; the bare series name
    # elsewhere in the text is the same exercise
    ("Troops from the Philippines and Japan will conduct RAVENSTONE 2 from Oct. 1-10 at "
     "several sites on Luzon. RAVENSTONE strengthens the allies' amphibious skills in the "
     "exercise.", ["RAVENSTONE 2"]),
    # up to three words in capitals with an edition after "exercise"
    ("Troops from Bulgaria and Hungary are taking part in the Romania-led exercise COPPER "
     "WOLVES 18 from 5 to 16 November.", ["COPPER WOLVES 18"]),
])
def test_capital_names_with_short_editions(text, expected, geocoder, lexicon) -> None:
    assert stated(text, geocoder, with_series(lexicon, "Ravenstone")) == expected


def test_bracketed_edition_names_the_exercise(geocoder, lexicon) -> None:
    # "the exercise “X” (“X 24-2”)": the bracket gives the edition; "“X 24-2” will be
    # conducted" (a closing quote before the verb) is the same exercise
    text = ("Japan and the United States will begin the joint exercise “Jade Spear” (“Jade "
            "Spear 24-2”) on November 13. “Jade Spear 24-2” will be conducted near Okinawa.")
    assert stated(text, geocoder, with_series(lexicon, "Jade Spear")) == ["Jade Spear 24-2"]
