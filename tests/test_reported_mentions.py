"""Which names drillmap reports as place mentions: governments, adjectives and people are
not places; a capital where something happens, a dateline and a country are (issue 9)."""

from __future__ import annotations

import pytest

from geo.extract.lexicon import load_lexicon
from geo.extract.mentions import extract_mentions, reported_place_mentions
from geo.geocoders.registry import get_geocoder
from geo.services.ingest import ingest_text
from geo.store.sqlite import Store


@pytest.fixture(scope="module")
def reported():
    """``reported(text)``: the surfaces drillmap reports as place mentions in ``text``."""
    geocoder, lexicon = get_geocoder("offline"), load_lexicon()

    def run(text: str) -> list[str]:
        return [m.surface for m in reported_place_mentions(
            text, extract_mentions(text, geocoder, lexicon))]

    return run


@pytest.mark.parametrize(("text", "government"), [
    ("Beijing condemned on Thursday a joint naval drill in the South China Sea.", "Beijing"),
    ("The patrols caused tensions, disrupting Manila's ties with Beijing.", "Manila"),
    ("The patrols caused tensions, disrupting Manila's ties with Beijing.", "Beijing"),
    ("It was the latest expulsion since Moscow invaded Ukraine.", "Moscow"),
    ("Japan lodged a protest against Beijing after ships entered the waters.", "Beijing"),
    ("Islamabad reacted by downsizing its diplomatic ties with New Delhi.", "Islamabad"),
    ("The deployment incited strong reactions from the Kremlin on Monday.", "Kremlin"),
    ("The drills mark a collaborative effort between Moscow, Beijing, and Tehran.", "Tehran"),
    ("Pashinian said that Yerevan had “frozen” its membership in the CSTO.", "Yerevan"),
    ("The envoys agreed to get Pyongyang to abandon its nuclear weapons.", "Pyongyang"),
    ("They condemned Pyongyang's \"repeated ballistic missile launches\" in the talks.",
     "Pyongyang"),
    ("The envoy arrived by 12:00 local time (13:00 Kyiv time) in Warsaw.", "Kyiv"),
    ("Pentagon spokesman Col. Steve Warren said the encounter was routine.", "Pentagon"),
])
def test_a_name_standing_for_a_government_is_no_place_mention(reported, text,
                                                              government) -> None:
    assert government not in reported(text)


@pytest.mark.parametrize(("text", "place"), [
    ("Troops gathered near Moscow on Friday.", "Moscow"),
    ("Drills began on Kunashir island, the ministry in Moscow said.", "Moscow"),
    ("Ministers met halfway between the summits in Wales in 2014 and Warsaw in 2016.",
     "Warsaw"),
    ("Russia considers this exercise to be a provocation.", "Russia"),
    ("It is not planned to dock in Georgetown, a source said.", "Georgetown"),
])
def test_a_place_stays_a_place_mention(reported, text, place) -> None:
    assert place in reported(text)


@pytest.mark.parametrize(("text", "place"), [
    ("Tokyo: Japan lodged a protest against Beijing on Friday.", "Tokyo"),
    ("BISHKEK. KAZINFORM The joint drills began in Kyrgyzstan.", "BISHKEK"),
    ("Washington, 15 August 1996 (RFE/RL) -- Some 1,100 soldiers arrived.", "Washington"),
    ("The island lies about 100 km from the capital, Tallinn.", "Tallinn"),
])
def test_a_dateline_or_an_appositive_capital_is_located_not_a_government(read, reported,
                                                                         text, place) -> None:
    found = read(text)[place]
    assert found.locative and not found.metonym
    assert place in reported(text)


def test_an_adjective_before_a_territory_noun_is_read_but_not_reported(read,
                                                                       reported) -> None:
    text = "Russian drones flew into Polish airspace and crossed into Russian territorial waters."
    assert read(text)["Polish airspace"].place.country_code == "PL"  # still read, for claims
    assert "Polish airspace" not in reported(text)
    assert "Russian territorial waters" not in reported(text)


@pytest.mark.parametrize(("text", "adjective"), [
    ("Hayashi and his U.S. and South Korean counterparts shared the view.", "U.S."),
    ("Last week, U.S. Joint Task Force personnel arrived in Djibouti.", "U.S."),
    ("The exercises ran under the supervision of the US Africa command, Africom.", "US"),
])
def test_an_abbreviated_country_before_a_pair_or_a_command_is_an_adjective(read, text,
                                                                           adjective) -> None:
    assert adjective not in read(text)


@pytest.mark.parametrize(("text", "person"), [
    ("Lee discussed the launch with his U.S. and Japanese counterparts, Seth Bailey and "
     "Akihiro Okochi, respectively.", "Bailey"),
    ("They met Japan's National Security Advisor Takeo Akiba on Thursday.", "Takeo"),
])
def test_a_name_introduced_by_its_role_is_a_person(read, text, person) -> None:
    assert not any(person in surface for surface in read(text))


def test_a_role_noun_in_an_outlets_name_introduces_no_person(read) -> None:
    found = read("According to a statement seen by The Diplomat, South Korea will join the "
                 "drills.")
    assert "South Korea" in found


def test_the_ingest_result_reports_places_and_the_store_keeps_the_flagged_names() -> None:
    with Store(":memory:") as store:
        result = ingest_text("Beijing condemned the drills held near Pyongyang on Tuesday.",
                             published="2024-01-04", store=store)
        stored = store.mentions(result.article_id)
    assert [m.surface for m in result.mentions] == ["Pyongyang"]
    assert result.message.startswith("1 place mentions")
    assert [(m["surface"], m["metonym"]) for m in stored] == [("Beijing", True),
                                                              ("Pyongyang", False)]
