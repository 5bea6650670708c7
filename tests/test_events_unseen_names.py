"""Country names and clause tenses met in new exercise articles (issue 9, events, second round).

Every text is made up for the test in the style of wire copy; the exercise names are invented
(they are not in the lexicon), so each case rests on a general rule, named in its comment.
"""

from __future__ import annotations

import pytest
from event_helpers import PUBLISHED, named

from geo.extract.dates import _clause_tense
from geo.extract.events import extract_events
from geo.extract.mentions import extract_mentions


@pytest.mark.parametrize(("text", "expected"), [
    # a country's short name ("UAE"), its long form ("Democratic Republic of Congo") and a
    # name opened by an elided French article with a curly apostrophe ("Cote d’Ivoire")
    ("Exercise Amber Reef began on Monday with troops from the UAE, Cote d’Ivoire and the "
     "Democratic Republic of Congo.", ("Amber Reef", {"AE", "CI", "CD"})),
    ("Amber Reef 2024 started on Monday with troops from Côte d'Ivoire and the Republic of "
     "Congo.", ("Amber Reef 2024", {"CI", "CG"})),
    # an ampersand inside a country's name ("Sao Tome & Principe", "Trinidad & Tobago")
    ("Exercise Amber Reef began on Monday with ships from Sao Tome & Principe, Trinidad & "
     "Tobago and Ghana.", ("Amber Reef", {"ST", "TT", "GH"})),
    # "planning" before an exercise noun is a kind of exercise, not a plan: the sentence
    # listing the sides is about the exercise just opened, and folds into it
    ("Thai and U.S. officials opened the annual Amber Cobra exercises on Tuesday. Singapore, "
     "Japan and Malaysia are full participants in the two-week planning and field exercises, "
     "which are co-hosted by the Thai army and the U.S. Marines.",
     ("Amber Cobra", {"TH", "US", "SG", "JP", "MY"})),
])
def test_new_article_participants(text, expected, geocoder, lexicon):
    assert named(text, geocoder, lexicon) == expected


@pytest.mark.parametrize(("clause", "tense"), [
    ("Singapore and Japan are full participants in the planning and field exercises", "unknown"),
    ("The staffs held a command post and planning exercise", "past"),
    ("The navy is planning to hold drills in the Baltic", "future"),
    ("Both armies were planning joint drills", "future"),
    ("Officials are planning for a larger exercise", "future"),
])
def test_planning_as_a_noun_is_no_future(clause, tense):
    assert _clause_tense(clause) == tense


@pytest.mark.parametrize(("text", "expected"), [
    # a capitalised name its sentence defines as an exercise, without an exercise word or a
    # year next to it ("Cobra Gold is among the largest ... exercises")
    ("More than 20 countries took their places when Amber Gold got underway on Tuesday. Amber "
     "Gold is among the largest multinational military exercises in Asia. The countries "
     "sending their armed forces to participate are Thailand, the U.S., Singapore and Japan.",
     ("Amber Gold", {"TH", "US", "SG", "JP"})),
    ("Amber Partner is a cooperatively-led multinational training exercise between Georgia and "
     "Poland. It started on Monday.", ("Amber Partner", {"GE", "PL"})),
])
def test_name_defined_as_an_exercise(text, expected, geocoder, lexicon):
    assert named(text, geocoder, lexicon) == expected


def test_a_defining_sentence_needs_a_name(geocoder, lexicon):
    """A sentence opened by a common word defines no name ("This drill is a test ...")."""
    text = ("The Russian army began drills on Monday. This drill is a test of the troops' "
            "readiness, the ministry said.")
    mentions = extract_mentions(text, geocoder, lexicon)
    names = [c.event.name for c in extract_events(text, mentions, lexicon, geocoder,
                                                  published=PUBLISHED)
             if c.event.name_basis == "stated"]
    assert names == []


@pytest.mark.parametrize(("text", "expected"), [
    # one regional adjective before the exercise word says where, not which; the name after
    # the exercise word is the name
    ("The Caribbean exercise Amber Lance began on Monday with troops from Jamaica and Belize.",
     ("Amber Lance", {"JM", "BZ"})),
    ("The annual Caribbean exercise began on Monday with troops from Jamaica and Belize.",
     (None, {"JM", "BZ"})),
    # with a second word the adjective opens a name
    ("Arctic Challenge 2024 began on Monday with troops from Norway and Sweden.",
     ("Arctic Challenge 2024", {"NO", "SE"})),
])
def test_a_regional_adjective_alone_is_no_name(text, expected, geocoder, lexicon):
    assert named(text, geocoder, lexicon) == expected


def test_places_in_a_sentence_in_capitals(geocoder, lexicon):
    """Wire copy in capitals: its places are read as in ordinary case ("TURKEY" and "CHINA"
    are among the commonest English words, yet countries), with the text's own surface; the
    sentence in ordinary case next to it is read as before."""
    text = ("Drills began on Monday near Lublin. TROOPS FROM POLAND, TURKEY AND CHINA ARE "
            "TAKING PART IN THE EXERCISE NEAR THE CITY OF RZESZOW.")
    found = {m.surface: m for m in extract_mentions(text, geocoder, lexicon) if m.place}
    assert {"Lublin", "POLAND", "TURKEY", "CHINA", "RZESZOW"} <= set(found)
    assert {found[s].place.country_code for s in ("POLAND", "TURKEY", "CHINA")} == {
        "PL", "TR", "CN"}
    assert abs(found["RZESZOW"].place.lat - 50.04) < 0.1
    assert all(text[m.start:m.end] == s for s, m in found.items())
