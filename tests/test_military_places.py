"""Places in military news that the capitalised-run rules missed, and its traps (issue 9).

Sentences of our own, written like wire copy on exercises, deployments and incidents; each
asserts where the place lands (or that a trap is left out or flagged), not only that
something was found.
"""

from __future__ import annotations

import pytest
from mention_helpers import near as _near


def test_lower_case_training_ground_nouns_continue_the_name(read) -> None:
    found = read("Troops trained at the Vaziani drill ground near Tbilisi, then at the "
                 "Kuznetsky maneuvering field.")
    drill = found["Vaziani drill ground"]
    assert drill.place.kind == "military area" and drill.place.country_code == "GE"
    assert _near(drill, 41.6947, 45.0467)
    assert "Kuznetsky maneuvering field" in found  # the noun joins the name, found or not


def test_a_range_named_in_the_masculine_is_at_the_stanitsa_near_the_articles_town(read) -> None:
    # "Rayevsky" reads as the stanitsa Rayevskaya near Novorossiysk, not the larger town
    # Rayevskiy in Bashkortostan: the article's other place decides between the namesakes.
    found = read("Paratroopers from Russia and Serbia held drills at the Rayevsky "
                 "maneuvering field in Novorossiysk.")
    site = found["Rayevsky maneuvering field"]
    assert site.place.kind == "training ground"
    assert _near(site, 44.83571, 37.55577)


def test_the_town_a_site_stands_in_decides_even_beside_a_wide_area(read) -> None:
    # The Soviet Union is located at Moscow: too wide to pull the site towards it; the
    # town after "in" says where the site is.
    found = read("Paratroopers from Russia and Belarus, once republics of the Soviet Union, "
                 "held drills at the Rayevsky maneuvering field in Novorossiysk.")
    assert _near(found["Rayevsky maneuvering field"], 44.83571, 37.55577)
    assert "near 'Novorossiysk'" in found["Rayevsky maneuvering field"].note


def test_a_site_named_in_quotes_after_its_noun(read) -> None:
    found = read('The drills ended at the mountain training center "Edelweiss" in '
                 "Issyk-Kul region.")
    site = found["Edelweiss"]
    assert site.place.kind == "training ground" and site.place.country_code == "KG"


def test_the_country_in_an_institutions_name_is_a_place(read) -> None:
    found = read("The Chief of the General Staff of the Armed Forces of the Kyrgyz "
                 "Republic Rayimberdi Duyshenbiev summed up the results.")
    assert found["Kyrgyz Republic"].place.country_code == "KG"
    assert found["Kyrgyz Republic"].place.kind == "country"


def test_the_port_of_a_capital_is_the_city_not_the_country(read) -> None:
    found = read("The landing ship docked at the Port of Djibouti to take on supplies.")
    port = found["Port of Djibouti"]
    assert port.place.kind in ("capital", "city")
    assert _near(port, 11.589, 43.145)
    assert "Djibouti" not in found


def test_an_area_named_with_its_countrys_possessive(read) -> None:
    found = read("The drills are held at seven ranges in eastern Siberia, Russia’s Far East "
                 "and the Sea of Japan.")
    far_east = found["Far East"]
    assert far_east.place.country_code == "RU" and far_east.place.kind == "region"


def test_a_reference_line_in_lower_case_near_the_articles_places(read) -> None:
    near_korea = read("North Korean soldiers working north of Seoul crossed the military "
                      "demarcation line on Tuesday.")
    line = near_korea["military demarcation line"]
    assert line.place.source.startswith("data/")
    assert _near(line, 38.31553, 127.53315, 5)
    elsewhere = read("Farmers in Kansas painted the military demarcation line of a "
                     "parade ground.")
    assert "military demarcation line" not in elsewhere  # no place near the DMZ


def test_islands_of_the_kurils_and_the_gulf_of_finland_and_historic_states(read) -> None:
    found = read("Russia deployed Bastion missiles on Paramushir and on Matua Island. "
                 "Jets flew near Vaindloo Island. Belarus was part of the Soviet Union.")
    assert _near(found["Matua Island"], 48.09, 153.20, 10)
    assert _near(found["Vaindloo Island"], 59.814, 26.362, 5)
    assert found["Paramushir"].place.kind == "island"
    assert found["Soviet Union"].place.kind == "region"


@pytest.mark.parametrize(("text", "trap"), [
    ("The US close air support was integrated with ground forces.", "US"),
    ("Philippine and U.S. troops fired two U.S. howitzers.", "U.S."),
    ("Troops will take part, including Georgian, U.S., British and French personnel.", "U.S."),
    ("Former prime minister and high-ranking EU representative Kaja Kallas spoke.", "EU"),
    ("Water was fired from a Chinese coast guard ship near the shoal.", "Chinese coast"),
    ("South Korea resumed anti-Pyongyang propaganda broadcasts on Sunday.", "Pyongyang"),
    ("The corvettes Hero of the Russian Federation Aldar Tsydenzhapov sailed.",
     "Russian Federation"),
    ("The Yuncheng and Chaohu warships will escort the convoy.", "Yuncheng"),
    ("The task force comprises the supply ship Chaohu Lake and two frigates.", "Chaohu"),
    ("The exercise included Maritime Key Terrain Security Operations in Palawan.",
     "Maritime"),
])
def test_military_news_traps_are_not_places(read, text, trap) -> None:
    assert trap not in read(text)


def test_a_rank_abbreviation_starts_a_persons_name(read) -> None:
    # Martinez is also a town in California, which the article names.
    found = read("Troops from the United States and Japan train in California and Okinawa. "
                 "“We are ready,” said Lt. Gen. Jerry P. Martinez, commander of US Forces "
                 "Japan. Martinez added that the drills in the United States would continue.")
    assert "California" in found
    assert "Martinez" not in found


@pytest.mark.parametrize(("text", "capitals"), [
    ("The drills show growing defence cooperation between Moscow and Beijing.",
     ("Moscow", "Beijing")),
    ("The parade spotlighted growing strategic ties between Beijing, Moscow and Pyongyang.",
     ("Beijing", "Moscow", "Pyongyang")),
    ("Beijing last week staged unprecedented war games around the island.", ("Beijing",)),
])
def test_capitals_in_relations_and_state_acts_stand_for_governments(read, text,
                                                                    capitals) -> None:
    found = read(text)
    for name in capitals:
        assert found[name].metonym, name
        assert not found[name].locative


def test_a_capital_where_something_happens_stays_a_site(read) -> None:
    found = read("Talks were held in Beijing, and troops moved between Moscow and Tver.")
    assert not found["Beijing"].metonym
    assert not found["Moscow"].metonym
