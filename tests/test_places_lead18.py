"""Places found by probing with made-up sentences in the seventh session (issue 9). Every
sentence is made up; each coordinate names its source."""

from __future__ import annotations

import pytest
from geopy.distance import geodesic

from geo.extract.mentions import extract_mentions


def _place_of(text: str, surface: str, geocoder, lexicon):
    (mention,) = [m for m in extract_mentions(text, geocoder, lexicon) if m.surface == surface]
    assert mention.place is not None
    return mention.place


@pytest.mark.parametrize("text", [
    "Iran seized a tanker in the Gulf near Abu Musa on Thursday.",
    "Navies from three states patrolled the Gulf after the seizure.",
])
def test_the_gulf_is_the_persian_gulf_not_papua_new_guineas_province(text, geocoder,
                                                                     lexicon) -> None:
    place = _place_of(text, "Gulf", geocoder, lexicon)
    assert place.name == "Persian Gulf" and place.country_code in ("", None)


def test_a_name_with_es_inside_is_one_place(geocoder, lexicon) -> None:
    """Dar es Salaam, GeoNames 160263: -6.82349, 39.26951."""
    text = "The frigates called at Djibouti, Djibouti; Dar es Salaam, Tanzania; and Mombasa."
    place = _place_of(text, "Dar es Salaam", geocoder, lexicon)
    assert geodesic((place.lat, place.lon), (-6.82349, 39.26951)).km < 10


def test_an_island_named_after_its_town_is_found_by_the_town(geocoder, lexicon) -> None:
    """Okushiri, GeoNames 2038728 (42.17213, 139.51228), the town on Okushiri Island."""
    text = "The warships sailed about 110 kilometres southwest of Okushiri Island."
    place = _place_of(text, "Okushiri Island", geocoder, lexicon)
    assert place.kind == "island"
    assert geodesic((place.lat, place.lon), (42.17213, 139.51228)).km < 25


def test_a_gh_spelling_finds_the_g_spelling(geocoder, lexicon) -> None:
    """Dagestan (RU-DA, GeoNames 567293): a point inside the republic, about 42.7, 47.1."""
    place = _place_of("Marines landed in Daghestan on Monday.", "Daghestan", geocoder, lexicon)
    assert place.country_code == "RU"
    assert geodesic((place.lat, place.lon), (42.7, 47.1)).km < 150


def test_the_us_gulf_coast_is_not_the_persian_gulf(geocoder, lexicon) -> None:
    """Gulfport, Mississippi (GeoNames 4428667), the curated row's point on the Gulf Coast."""
    text = "Chilean and U.S. special forces trained on the U.S. Gulf Coast in January."
    (mention,) = [m for m in extract_mentions(text, geocoder, lexicon) if "Gulf" in m.surface]
    assert mention.place is not None and mention.place.country_code == "US"
    assert geodesic((mention.place.lat, mention.place.lon), (30.367, -89.093)).km < 1


def test_the_gulf_cooperation_council_is_no_gulf(geocoder, lexicon) -> None:
    text = "Ministers of the Gulf Cooperation Council met in Riyadh on Monday."
    assert [m.surface for m in extract_mentions(text, geocoder, lexicon)] == ["Riyadh"]


def test_an_island_is_not_found_by_another_towns_alternate_name(geocoder, lexicon) -> None:
    """Minami-kojima in the Senkakus (25.745, 123.475) is not in the gazetteer: unresolved,
    rather than Koshima, 850 km away, which lists "Minamikojima" among its other names."""
    text = ("Four Chinese coast guard vessels sailed off Uotsuri Island and Minami-Kojima Island "
            "in the Senkaku Islands on Monday.")
    (mention,) = [m for m in extract_mentions(text, geocoder, lexicon)
                  if m.surface == "Minami-Kojima Island"]
    assert mention.place is None or geodesic(
        (mention.place.lat, mention.place.lon), (25.745, 123.475)).km < 25
