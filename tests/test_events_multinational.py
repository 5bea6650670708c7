"""Multinational exercises, forces named as institutions, observers and numbered names
(issue 9, events).

Every text is made up for the test in the style of wire copy; the exercise names are invented
(they are not in the lexicon), so each case rests on a general rule, named in its comment.
"""

from __future__ import annotations

from datetime import date

import pytest
from event_helpers import events, named

from geo.extract.events import extract_events
from geo.extract.lexicon import load_lexicon
from geo.extract.mentions import extract_mentions, find_exercise_names
from geo.model.event import PartialDate


@pytest.mark.parametrize(("text", "expected"), [
    # a quoted name with ordinary words between it and the exercise word, or "training"
    ('The 10th "Amber Quest" multinational peacekeeping exercise started in Mongolia on '
     "Sunday with troops from India and Canada.", ("Amber Quest", {"IN", "CA"})),
    ("The “Amber Shield” joint training will see militaries from Britain and Japan take part "
     "from August 1-14.", ("Amber Shield", {"GB", "JP"})),
    # a capitalised "Joint" opens the name ("Joint Warrior"), unlike "Joint Russian drills"
    ("Hundreds of sailors from Norway and Spain will take part in Exercise Joint Falcon in "
     "June.", ("Joint Falcon", {"NO", "ES"})),
    # a name with a year and an adverb before its verb
    ("Amberlock 2024 is currently taking place in Mauritania with troops from Chad and Mali. "
     "The exercise ends on Friday.",
     ("Amberlock 2024", {"TD", "ML"})),
    # a name set off by a comma before its verb
    ("Amber Falcon 2024, taking place between March 30 and April 11, will see Danish and "
     "Dutch ships train together. The exercise is held every year.",
     ("Amber Falcon 2024", {"DK", "NL"})),
    # an ordinary word joined to a year right after "exercise"; the name in brackets after it
    # is the same exercise, also where the text uses it later
    ("The strategic command-staff exercise Center-2024 (Tsentr-2024) started on Monday with "
     "Russian troops. Servicemen from Kazakhstan and India are taking part in the Tsentr-2024 "
     "drills.", ("Center-2024", {"RU", "KZ", "IN"})),
    # a name "brought together" its sides; a partial list after "including"
    ("Amber Sabre 2024 brought together more than 30,000 troops from 13 nations, including "
     "Australia, Japan and Fiji. The exercise ends on Friday.",
     ("Amber Sabre 2024", {"AU", "JP", "FJ"})),
    # "peacekeeping" between a name and the exercise word
    ("The Amber Bratstvo peacekeeping exercise began in Armenia on Monday with Kazakh troops.",
     ("Amber Bratstvo", {"KZ"})),
    # an edition number and an event verb, or an appositive saying it is an exercise
    ("Amber Shield 23 began on Monday with the Japan Ground Self-Defense Force and U.S. Army "
     "Pacific soldiers.", ("Amber Shield 23", {"JP", "US"})),
    ("Yama Sakura 85, a bilateral command post exercise between the Japan Ground Self-Defense "
     "Force and U.S. Army Pacific, began on Monday.", ("Yama Sakura 85", {"JP", "US"})),
])
def test_names(text, expected, geocoder, lexicon):
    assert named(text, geocoder, lexicon) == expected


def test_descriptive_words_are_no_name(geocoder, lexicon):
    # "Special Operations" says what the exercise is, not which one
    text = ("Operation Amberlock is the annual AFRICOM showpiece Special Operations exercise, "
            "held with troops from Chad and Niger.")
    names = {e.name for e in events(text, geocoder, lexicon) if e.name_basis == "stated"}
    assert "Special Operations" not in names


def test_numbered_name_is_not_a_place(geocoder):
    # the mention reader masks an exercise's numbered name: "Orient" is no place here
    text = "Orient Shield 23 began on Monday at Camp Higashi-Chitose with Japanese soldiers."
    lexicon = load_lexicon()
    assert (0, 16, "Orient Shield 23") in find_exercise_names(text, lexicon)
    surfaces = {m.surface for m in extract_mentions(text, geocoder, lexicon)}
    assert "Orient" not in surfaces and "Orient Shield" not in surfaces


@pytest.mark.parametrize(("text", "expected"), [
    # a force counted ("Hundreds of") is not governed by "of"; counterparts from countries
    # working alongside take part
    ("Hundreds of Royal Navy personnel began Exercise Joint Falcon on Monday. It will see the "
     "navy work alongside counterparts from Belgium, Canada and Denmark.",
     ("Joint Falcon", {"GB", "BE", "CA", "DK"})),
    # the Pacific Fleet without "U.S." before it is Russia's
    ("The Pacific Fleet began the Amber Storm 2024 drills in the Sea of Japan on Tuesday.",
     ("Amber Storm 2024", {"RU"})),
    ("The U.S. Pacific Fleet began the Amber Storm 2024 drills near Guam on Tuesday.",
     ("Amber Storm 2024", {"US"})),
    # forces named by their institutions
    ("The TNI and the Indo-Pacific Command began the Amber Storm 2024 drills on Tuesday.",
     ("Amber Storm 2024", {"ID", "US"})),
    ("The ROC Navy began the Amber Storm 2024 drills off Penghu on Tuesday.",
     ("Amber Storm 2024", {"TW"})),
])
def test_sides(text, expected, geocoder, lexicon):
    assert named(text, geocoder, lexicon) == expected


def test_regret_is_no_part(geocoder, lexicon):
    # expressing regret over the drills, or viewing them as a threat, is reacting
    text = ('China launched the "Amber Sword-2024A" military exercises around Taiwan on '
            "Thursday. Taiwan's Ministry of National Defense expressed regret over the drills, "
            "viewing them as a disruption to regional peace.")
    assert named(text, geocoder, lexicon) == ("Amber Sword-2024A", {"CN"})


def test_viewing_the_drills_is_no_part(geocoder, lexicon):
    text = ("China launched the Amber Sword-2024A drills around Taiwan on Thursday. Japanese "
            "forces are viewing the exercise as a rehearsal for an invasion.")
    assert named(text, geocoder, lexicon) == ("Amber Sword-2024A", {"CN"})


def test_place_inside_a_dated_name(geocoder, lexicon):
    # a place word after a name's first word, before its year, is part of the name
    text = ("Danish and Dutch ships joined Amber Falcon 2024 on Monday, the navy said. The "
            "exercise ends on Friday.")
    assert named(text, geocoder, lexicon) == ("Amber Falcon 2024", {"DK", "NL"})


def test_unnamed_clauses_fold_into_the_one_named_exercise(geocoder, lexicon):
    # sentences that describe the article's one named exercise without repeating its name
    text = ("ULAN BATOR, Mongolia - The multinational peacekeeping exercise started in Mongolia "
            "on Sunday.\n\nMore than 1,000 soldiers from India, Canada and the US took part in "
            "the exercise.\n\nThe Amber Quest 2024 exercise focuses on interoperability among US, "
            "Mongolian and other international forces.")
    assert named(text, geocoder, lexicon) == ("Amber Quest 2024", {"IN", "CA", "US"})


def test_a_rivals_unnamed_drills_stay_apart(geocoder, lexicon):
    # other sides only, and no partial list: another exercise
    text = ("Chinese warships held drills near Taiwan on Monday. Taiwan began the Amber Shield "
            "2024 exercise on Monday with its army and navy.")
    stated = {e.name: set(e.participants) for e in events(text, geocoder, lexicon)
              if e.name_basis == "stated"}
    assert "CN" not in stated["Amber Shield 2024"]


def test_habitual_exercise_of_this_year_counts(geocoder, lexicon):
    # "annual ... this year": the current edition, whose sides the named sentence completes
    text = ("JAKARTA: The annual military exercises between Indonesian and US armies will "
            "include more than a dozen countries this year, officials said Sunday.\n\nThe "
            "“Amber Shield” joint training will see militaries from 14 countries — including "
            "Britain, Australia and Japan — participate in ground drills from August 1-14.")
    assert named(text, geocoder, lexicon) == ("Amber Shield", {"ID", "US", "GB", "AU", "JP"})


def test_code_name_after_other_words(geocoder, lexicon):
    # "codenamed" names what follows even after "forces"; units of the armed forces "and law
    # enforcement agencies of" the countries are theirs; "peacekeeping" may stand before the
    # exercise word; a decision's date is not the exercise's
    text = ("YEREVAN, September 30. /TASS/. The joint exercise of the peacekeeping forces "
            "codenamed Amber Bratstvo (Amber Brotherhood) is beginning in Armenia on Wednesday."
            "\n\nThe drills are held in accordance with the decision of the Council of Defense "
            "Ministers, adopted in December 2014.\n\nThe exercise will involve units of the "
            "Armed Forces and law enforcement agencies of Belarus, Kazakhstan and Russia.\n\n"
            "The Amber Bratstvo peacekeeping exercise is held annually since 2012.")
    mentions = extract_mentions(text, geocoder, lexicon)
    published = PartialDate(date(2015, 9, 30), "day")
    found = [c.event for c in extract_events(text, mentions, lexicon, geocoder,
                                             published=published)]
    assert [(e.name, set(e.participants)) for e in found] == [
        ("Amber Bratstvo", {"BY", "KZ", "RU"})]


def test_dated_together_despite_status(geocoder, lexicon):
    # a planned exercise dated June-August and "this year’s exercise" are one (RIMPAC is a
    # lexicon stem)
    text = ("Twenty-two nations will participate in the biennial naval exercise scheduled for "
            "June 29 to Aug. 3 in and around Hawaii, the Navy said Tuesday.\n\nRIMPAC "
            '"provides a unique training opportunity that helps participants work together," '
            "the Navy said.\n\nThis year’s exercise "
            "includes units from Chile, Peru and Tonga.")
    published = PartialDate(date(2024, 5, 10), "day")
    mentions = extract_mentions(text, geocoder, lexicon)
    found = [c.event for c in extract_events(text, mentions, lexicon, geocoder,
                                             published=published)]
    assert [(e.name, e.start.value) for e in found] == [("RIMPAC", date(2024, 6, 29))]


def test_wire_copy_in_capitals(geocoder, lexicon):
    # a name in capitals joined to a year, without "THE" before it
    text = ("MOSCOW, September 21. /TASS/. THE AMBERKAZ-2020 STRATEGIC COMMAND-STAFF EXERCISE "
            "BEGAN ON MONDAY. Troops from Armenia and Belarus take part in the drills.")
    stated = {e.name for e in events(text, geocoder, lexicon) if e.name_basis == "stated"}
    assert stated == {"AMBERKAZ-2020"}


@pytest.mark.parametrize("text", [
    "PLA 2024 drills began near Taiwan on Monday.",
    "CSTO 2024 drills began in Belarus on Monday.",
])
def test_capitals_of_a_force_are_no_name(text, geocoder, lexicon):
    assert all(e.name_basis != "stated" for e in events(text, geocoder, lexicon))


def test_observers_end_before_the_doers(geocoder, lexicon):
    # observers named first; the troops in the "which" clause after them hold the drills
    text = ("Observers from China and India watched the Amber Storm 2024 drills, which Russian "
            "and Belarusian troops held near Brest.")
    assert named(text, geocoder, lexicon) == ("Amber Storm 2024", {"RU", "BY"})


@pytest.mark.parametrize(("text", "expected"), [
    # a name right after a verb of starting, ending or joining, with no exercise word beside it
    ("Japanese and American troops kicked off Amber Fist in Hokkaido on Monday. The exercise "
     "runs until March 10.", ("Amber Fist", {"JP", "US"})),
    ("The Indian Navy and the Royal Australian Navy wrapped up AMBERINDEX 23 off Sydney on "
     "Friday. The exercise involved 2,000 sailors.", ("AMBERINDEX 23", {"IN", "AU"})),
    # a name set off by a comma after such a verb
    ("Thousands of American troops joined Amber Edge, the annual military exercise, on "
     "Tuesday.", ("Amber Edge", {"US"})),
    # a navy named "Republic of X Navy" is X's; "Republic of China" is Taiwan
    ("Sailors from the Republic of Singapore Navy took part in the Amber Pacific drills.",
     ("Amber Pacific", {"SG"})),
    ("Sailors from the Republic of China Navy took part in the Amber Pacific drills.",
     ("Amber Pacific", {"TW"})),
])
def test_names_after_verbs_and_forces_of_republics(text, expected, geocoder, lexicon):
    assert named(text, geocoder, lexicon) == expected


@pytest.mark.parametrize("text", [
    "The navy held Victory Day parades on Monday after the exercise with Russian ships.",
    # one ordinary capitalised word after such a verb is no name
    "Soldiers held Ramadan prayers at the base after the exercise with Turkish troops.",
])
def test_a_holiday_after_held_is_no_name(text, geocoder, lexicon):
    assert all(e.name_basis != "stated" for e in events(text, geocoder, lexicon))


def test_owners_named_after_the_exercise_protested_against(geocoder, lexicon):
    # "against the exercise of X and Y": X and Y hold it; the protester does not
    text = ("North Korea fired missiles on Monday in protest against the Amber Freedom 2024 "
            "exercise of South Korea and the United States.")
    assert named(text, geocoder, lexicon) == ("Amber Freedom 2024", {"KR", "US"})


@pytest.mark.parametrize("text", [
    "Taiwan began its annual Amber Kuang drills on Monday, days after Chinese warships "
    "encircled the island.",
    "Taiwan began its annual Amber Kuang drills on Monday, two weeks after Chinese warships "
    "encircled the island.",
])
def test_an_earlier_act_is_no_side(text, geocoder, lexicon):
    assert named(text, geocoder, lexicon) == ("Amber Kuang", {"TW"})


@pytest.mark.parametrize(("text", "expected"), [
    # NATO's members named: they are the sides, not NATO as a whole
    ("Troops from NATO members Poland, Lithuania and Latvia joined the Amber Shield 2024 "
     "exercise on Monday.", ("Amber Shield 2024", {"PL", "LT", "LV"})),
    # NATO's allies acting, none named: NATO
    ("Ukraine's armed forces and NATO allies began the Amber Breeze 2021 naval drills in the "
     "Black Sea.", ("Amber Breeze 2021", {"UA", "NATO"})),
])
def test_nato_members(text, expected, geocoder, lexicon):
    assert named(text, geocoder, lexicon) == expected
