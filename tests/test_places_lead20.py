"""Place mentions in wording found by the ninth session's new dev articles (issue 9).
Made-up sentences."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("sentence", "model", "places"), [
    ("Some 100 aircraft take part, including the F-15E Strike Eagle, F-16C Fighting Falcon "
     "and FA-18D Hornet.", "Falcon", 0),
    ("Units from the United States include a frigate and 3 H-60 Blackhawk Helicopters.",
     "Blackhawk", 1),
    ("Japan and the US will hold drills on Okinawa's remote islands in October. The GSDF's "
     "transport aircraft will fly from Ishigaki to Naha. This will be the first time that a "
     "GSDF Osprey will fly over Okinawa.", "Osprey", 5),
])
def test_an_aircraft_models_name_is_no_place(sentence, model, places, read) -> None:
    found = read(sentence)
    assert not any(model in s for s in found)
    assert len(found) == places  # the real places are still read


def test_a_place_after_a_designation_with_a_nationality_still_counts(read) -> None:
    found = read("Two Su-30 Russian fighters flew from Kaliningrad.")
    assert found["Kaliningrad"].place.country_code == "RU"


@pytest.mark.parametrize(("sentence", "places"), [
    ("The fleet sailed in the Pacific and Arctic Oceans.",
     {"Pacific": "Pacific Ocean", "Arctic Oceans": "Arctic Ocean"}),
    ("Ships exercised in the Baltic and the Caspian seas.",
     {"Baltic": "Baltic Sea", "Caspian seas": "Caspian Sea"}),
    ("Warships patrolled the southern Caribbean and the eastern Caribbean.",
     {"southern Caribbean": "Caribbean Sea", "eastern Caribbean": "Caribbean Sea"}),
])
def test_seas_that_share_a_head_noun_or_a_direction(sentence, places, read) -> None:
    found = read(sentence)
    assert {s: m.place.name for s, m in found.items()} == places


def test_rivers_named_after_their_plural_head_are_places(read) -> None:
    found = read("Troops will build crossings over the rivers of Neman and Berezina.")
    assert set(found) == {"Neman", "Berezina"}


@pytest.mark.parametrize(("sentence", "places"), [
    ("China will dispatch the Baotou, its most powerful guided missile destroyer, to the "
     "exercise.", {"China"}),
    ("HMC ships Ville De Québec and Glace Bay joined boarding exercises at sea near Nuuk.",
     {"Nuuk"}),
])
def test_ships_named_after_towns_are_no_places(sentence, places, read) -> None:
    assert set(read(sentence)) == places
