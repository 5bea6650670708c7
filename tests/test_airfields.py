"""Airfields named in news resolve to airportsdata's runway coordinate (geo.geocoders.airfields).

Each expected coordinate is read here, independently of drillmap, from airportsdata's own
CSV; for five bases it is also checked against a second, cited source (a Wikipedia
coordinate, an official aeronautical publication). The sentences are made up, one or more
per theatre; the traps are common words before "airport" and "the airport" alone.
"""

from __future__ import annotations

import csv
import importlib.resources
import math

import pytest

from geo.geocoders.airfields import airfield_table
from geo.geocoders.registry import get_geocoder


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def _airportsdata_row(icao: str) -> tuple[float, float]:
    """The row of ``icao`` in airportsdata's CSV, read with the csv module alone."""
    path = importlib.resources.files("airportsdata") / "airports.csv"
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["icao"] == icao:
                return float(row["lat"]), float(row["lon"])
    raise AssertionError(f"{icao} not in airportsdata")


#: A second source for six airfields: (lat, lon), where it is stated in the comment.
SECOND_SOURCE = {
    # https://wikiclassic.com/wiki/Eareckson_AS (en.wikipedia copy) 52°42′44″N 174°06′49″E
    "PASY": (52.71222, 174.11361),
    # https://a.osmarks.net/content/wikipedia_en_all_maxi_2020-08/A/Nanchang_Changbei_International_Airport
    # 28°51′54″N 115°54′00″E
    "ZSCN": (28.865, 115.9),
    # https://www.ais.fi/eaip/001-2024_2024_01_25/eAIP/EF-AD%202%20EFUT%20-%20UTTI%201-en-GB.html
    # (Finnish AIP, EFUT AD 2.2 ARP 605347N 0265617E)
    "EFUT": (60.89639, 26.93806),
    # https://en.m.wikipedia.org/wiki/Lhasa_Gonggar_Airport 29°17′52″N 090°54′43″E
    "ZULS": (29.29778, 90.91194),
    # https://en.wikipedia.org/wiki/Warsaw%E2%80%93Modlin_Mazovia_Airport 52°27′04″N 020°39′06″E
    "EPMO": (52.45111, 20.65167),
    # https://en.m.wikipedia.org/wiki/Qayyarah_Airfield_West 35°45′57″N 043°07′18″E
    "ORQW": (35.76583, 43.12167),
}


# (theatre, sentence, the airfield as written, ICAO of the row). None of these airfields is
# a curated row of data/places.csv: before airportsdata each was missed, or read as a town
# more than 5 km away (Ramenskoye, Qayyarah) or as a namesake village far away (Blagodatnoye).
CASES = [
    ("Korea", "US F-35s flew from Yangyang airport in South Korea on Monday.",
     "Yangyang airport", "RKNY"),
    ("Korea", "The drill ended at Ulsan airport, South Korea.", "Ulsan airport", "RKPU"),
    ("Japan", "Japanese F-2 jets returned to Metabaru Air Base in Japan.",
     "Metabaru Air Base", "RJDM"),
    ("Taiwan", "Cadets trained at Gangshan Air Force Base in southern Taiwan.",
     "Gangshan Air Force Base", "RCAY"),
    ("Russia", "The Su-57 prototypes were shown at the Ramenskoye airfield in Russia.",
     "Ramenskoye airfield", "UUBW"),
    ("Russia", "Russian Su-30s deployed to the Blagodatnoye air base in Russia's Far East.",
     "Blagodatnoye air base", "UHK1"),
    ("Russia", "The bombers refuelled at Kirovsk-Apatity airport in Russia.",
     "Kirovsk-Apatity airport", "ULMK"),
    ("Belarus", "Russian transport aircraft landed at Gomel airport in Belarus.",
     "Gomel airport", "UMGG"),
    ("China", "Chinese J-20 fighters were seen at Nanchang Changbei airport in China.",
     "Nanchang Changbei airport", "ZSCN"),
    ("China", "PLA transport aircraft flew into Lhasa Gonggar airport in China.",
     "Lhasa Gonggar airport", "ZULS"),
    ("NATO Europe", "NATO helicopters gathered at Utti Air Base in Finland.",
     "Utti Air Base", "EFUT"),
    ("NATO Europe", "US transport aircraft used Warsaw Modlin airport in Poland.",
     "Warsaw Modlin airport", "EPMO"),
    ("Middle East", "Coalition aircraft left the Qayyarah West airfield in Iraq.",
     "Qayyarah West airfield", "ORQW"),
    ("Middle East", "The delegation landed at Hamad International Airport in Qatar.",
     "Hamad International Airport", "OTHH"),
    ("US", "The radar at Eareckson Air Station in Alaska watched the Russian missile test.",
     "Eareckson Air Station", "PASY"),
    ("US", "A C-130 from Coast Guard Air Station Kodiak in Alaska tracked the Chinese ships.",
     "Coast Guard Air Station Kodiak", "PADQ"),
    ("US", "Growlers from Naval Air Station Whidbey Island in Washington joined the drill.",
     "Naval Air Station Whidbey Island", "KNUW"),
    ("US", "HOMESTEAD AIR RESERVE BASE, Fla. -- US special forces met their allies.",
     "HOMESTEAD AIR RESERVE BASE", "KHST"),
]


@pytest.fixture(scope="module")
def geocoder():
    return get_geocoder("offline")


@pytest.mark.parametrize(("theatre", "text", "surface", "icao"), CASES,
                         ids=[c[3] for c in CASES])
def test_airfield_resolves_to_its_runway(read, theatre, text, surface, icao):
    truth = _airportsdata_row(icao)
    mentions = read(text)
    hit = [m for s, m in mentions.items() if m.place is not None and (surface in s or s in surface)
           and len(s) > len(surface) // 2]
    assert hit, f"{surface!r} not found in {list(mentions)}"
    place = hit[0].place
    assert _haversine_km(place.lat, place.lon, *truth) <= 5.0, (theatre, place)
    if icao in SECOND_SOURCE:
        assert _haversine_km(place.lat, place.lon, *SECOND_SOURCE[icao]) <= 10.0
    if place.source.startswith("airportsdata"):
        assert place.source.endswith(f"ICAO {icao}")


def test_five_cases_have_a_second_source():
    assert len({c[3] for c in CASES} & set(SECOND_SOURCE)) >= 5


def test_curated_row_wins_over_airportsdata(geocoder):
    """Engels air base is a curated row (data/places.csv): its coordinate, not the table's."""
    place = geocoder.geocode("Engels air base", country_bias=("RU",))
    assert place is not None and not place.source.startswith("airportsdata")
    assert abs(place.lat - 51.480833) < 1e-4 and abs(place.lon - 46.207778) < 1e-4


def test_numbered_russian_fields():
    """"Severomorsk-1" and "Severomorsk-3" are two airfields of one town: the number
    decides (the curated rows stand for them in articles; the table is asked here)."""
    table = airfield_table()
    one = table.find("Severomorsk-1 airfield", ("RU",))
    three = table.find("the Severomorsk-3 air base", ("RU",))
    assert one is not None and one.source.endswith("ICAO ULAK")
    assert three is not None and three.source.endswith("ICAO XLMV")
    assert _haversine_km(one.lat, one.lon, *_airportsdata_row("ULAK")) <= 5.0


def test_country_of_the_article_must_agree(geocoder):
    """Utti Air Base is in Finland: an article whose countries are Japan and Korea does not
    get it, one about Finland does."""
    assert airfield_table().find("Utti Air Base", ("JP", "KR")) is None
    place = geocoder.geocode("Utti Air Base", country_bias=("JP", "KR"))
    assert place is None or not place.source.startswith("airportsdata")
    assert airfield_table().find("Utti Air Base", ("FI",)) is not None


@pytest.mark.parametrize("text", [
    "The main airport was closed for two hours after the drone sighting.",
    "A new airport will be built near the border.",
    "Officials said the airport was busy.",
    "The military airport and the Regional airport stayed open.",
    "Troops guarded the International Airport overnight.",
])
def test_common_words_before_airport_are_no_place(read, text):
    mentions = read(text)
    assert not [s for s in mentions if "airport" in s.lower()], list(mentions)


def test_no_head_noun_no_airfield():
    """A name alone is never read as an airfield ("Amari" is a word; "Lowell" a town)."""
    table = airfield_table()
    assert table.find("Amari", ()) is None
    assert table.find("the airport", ()) is None
    assert table.find("Field", ()) is None


def test_icao_code_in_brackets():
    table = airfield_table()
    place = table.find("Lida airfield (UMDD)", ("BY",))
    assert place is not None and place.source.endswith("ICAO UMDD")
    assert table.find("an airfield (UMDD)", ("FI",)) is None  # not in the article's countries
    assert table.find("(ABCD)", ()) is None


def test_the_x_base_is_an_airfield_only_where_the_sentence_speaks_of_aircraft(read):
    """"The X base" is an air base in a sentence about aircraft, never elsewhere."""
    airy = read("Japanese F-2 fighters returned to the Metabaru base in Japan.")
    assert airy["Metabaru base"].place.source.endswith("ICAO RJDM")
    assert "Metabaru base" not in read("Soldiers returned to the Metabaru base in Japan.")
