"""Every curated military site lies in the country its row names (issue 9 item 4).

A coordinate copied with a swapped sign, a transposed digit or the wrong namesake lands in
another country or at sea; checking each row against the Natural Earth borders catches that
without the network.  Naval bases, coastal ranges and air bases on spits may sit just off the
10 m coastline, and sovereign base areas carry no code, so a point outside every country is
accepted within 30 km of its own country; a point inside another country never is.
"""

from __future__ import annotations

import pytest

from geo.geocoders.gazetteer import CuratedPlace
from geo.geometry import borders

MILITARY_KINDS = ("military area", "training ground")
COAST_SLACK_KM = 30.0


def _military_rows(curated_rows: dict[str, CuratedPlace]) -> list[CuratedPlace]:
    return [row for row in curated_rows.values() if row.kind in MILITARY_KINDS]


def test_there_are_many_military_rows_and_each_names_a_known_country(
        curated_rows: dict[str, CuratedPlace]) -> None:
    rows = _military_rows(curated_rows)
    assert len(rows) >= 400
    known = set(borders.country_codes())
    assert [row.name for row in rows if row.country_code not in known] == []


def test_every_military_row_lies_in_its_country_or_just_off_its_coast(
        curated_rows: dict[str, CuratedPlace]) -> None:
    misplaced = []
    for row in _military_rows(curated_rows):
        at = borders.country_at(row.lat, row.lon)
        if at == row.country_code:
            continue
        if at is None:
            away = borders.border_distance_one(row.lat, row.lon, row.country_code)
            if away.distance_km <= COAST_SLACK_KM:
                continue
        misplaced.append((row.name, row.country_code, at))
    assert misplaced == []


@pytest.mark.parametrize(("lat", "lon", "code"), [
    (48.586111, -45.72, "RU"),  # Kapustin Yar with the sign of its longitude lost: at sea
    (37.0906, -127.03, "KR"),  # Osan Air Base with the sign of its longitude lost: Pacific
    (52.86322, 24.89357, "PL"),  # Ruzhany (Belarus) filed under Poland
])
def test_the_check_rejects_a_misfiled_coordinate(lat: float, lon: float, code: str) -> None:
    at = borders.country_at(lat, lon)
    assert at != code
    if at is None:
        assert borders.border_distance_one(lat, lon, code).distance_km > COAST_SLACK_KM
