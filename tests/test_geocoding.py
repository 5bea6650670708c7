"""Tests of the geocoding interface: Place, the registry, and the Nominatim wrapper.

The Nominatim tests inject a fake geopy-style client and a fake clock/sleep: no socket is
ever opened (an autouse fixture makes any socket creation fail) and nothing sleeps.
"""

from __future__ import annotations

import dataclasses
import json
import math
import socket
from pathlib import Path
from typing import Any

import pytest
from geopy.exc import GeocoderServiceError, GeocoderTimedOut, GeocoderUnavailable
from geopy.location import Location

from geo.errors import ConfigurationError, GeocodingError, InvalidCoordinateError
from geo.geocoders.base import Geocoder
from geo.geocoders.gazetteer import OfflineGeocoder, get_gazetteer
from geo.geocoders.nominatim import NominatimGeocoder, parse_nominatim
from geo.geocoders.registry import SERVICE_TO_GEOCODER, geocode, get_geocoder
from geo.model.place import Candidate, Place

UA = "drillmap-tests/0.1 (tests@example.org)"


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("tests must not open sockets")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture(scope="session")
def offline(cache_root: Path) -> OfflineGeocoder:
    return OfflineGeocoder(gazetteer=get_gazetteer(cache_dir=cache_root))


# --------------------------------------------------------------------------------------
# Place
# --------------------------------------------------------------------------------------


def test_place_is_frozen_slotted_and_validated() -> None:
    p = Place(name="Minsk", lat=53.9, lon=27.57, country_code="by", kind="capital")
    assert p.country_code == "BY"
    assert (p.latitude, p.longitude, p.point) == (53.9, 27.57, (53.9, 27.57))
    assert p.address == "Minsk, BY"
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.lat = 0.0  # type: ignore[misc]
    assert not hasattr(p, "__dict__")
    for lat, lon in [(91.0, 0.0), (-90.5, 0.0), (0.0, 181.0), (math.nan, 0.0), (0.0, math.inf)]:
        with pytest.raises(InvalidCoordinateError):
            Place(name="x", lat=lat, lon=lon)
    with pytest.raises(InvalidCoordinateError):
        Place(name="x", lat="north", lon=0.0)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="precision"):
        Place(name="x", lat=0, lon=0, precision_km=-1)
    with pytest.raises(ValueError, match="country_code"):
        Place(name="x", lat=0, lon=0, country_code="BLR")


def test_place_with_geometry_is_hashable_and_serialisable() -> None:
    geom = {"type": "Polygon", "coordinates": [[(0, 0), (1, 0), (1, 1), (0, 0)]]}
    cand = Candidate("Other", "US", "city", 10, 1.0, 2.0, "GeoNames 1")
    p = Place(
        name="Sea", lat=0.5, lon=0.7, kind="sea", geometry=geom, candidates=[cand, "text"],
        raw={"k": (1, 2)},
    )  # fmt: skip
    assert isinstance(hash(p), int)
    assert p.candidates == (cand, "text")
    d = json.loads(json.dumps(p.to_dict()))
    assert d["geometry"]["coordinates"][0][1] == [1, 0]
    assert d["candidates"][0]["name"] == "Other" and d["candidates"][1] == "text"
    assert d["raw"] == {"k": [1, 2]}
    with pytest.raises(TypeError):
        p.raw["new"] = 1  # type: ignore[index]
    assert "pop. 10" in cand.describe()


# --------------------------------------------------------------------------------------
# Registry
# --------------------------------------------------------------------------------------


def test_registry(cache_root) -> None:
    assert set(SERVICE_TO_GEOCODER) == {"offline", "nominatim"}
    g = get_geocoder()
    assert isinstance(g, OfflineGeocoder) and isinstance(g, Geocoder)
    assert g.geocode("Minsk").country_code == "BY"
    assert isinstance(get_geocoder("nominatim", user_agent=UA, _client=object()), Geocoder)
    with pytest.raises(ConfigurationError, match="unknown geocoder"):
        get_geocoder("google")
    with pytest.raises(ConfigurationError):
        get_geocoder("nominatim")  # no user agent


def test_module_level_geocode_uses_offline(cache_root) -> None:
    p = geocode("Kiev")
    assert p.country_code == "UA"
    ranked = geocode("Brest", exactly_one=False, country_bias=["FR"])
    assert [x.country_code for x in ranked][0] == "FR"


# --------------------------------------------------------------------------------------
# Nominatim
# --------------------------------------------------------------------------------------

MINSK_RAW = {
    "place_id": 123,
    "osm_type": "relation",
    "osm_id": 59195,
    "lat": "53.9024716",
    "lon": "27.5618225",
    "category": "boundary",
    "type": "administrative",
    "addresstype": "city",
    "name": "Minsk",
    "display_name": "Minsk, Belarus",
    "address": {"city": "Minsk", "country": "Belarus", "country_code": "by"},
    "boundingbox": ["53.7998", "54.0237", "27.3816", "27.7677"],
    "importance": 0.8,
}
MINSK_US_RAW = {
    **MINSK_RAW,
    "osm_id": 1,
    "lat": "40.0",
    "lon": "-80.0",
    "display_name": "Minsk, Ohio, United States",
    "address": {"country_code": "us"},
    "boundingbox": ["39.99", "40.01", "-80.01", "-79.99"],
}


class FakeClient:
    """geopy-shaped client: records calls, returns canned Locations or raises."""

    def __init__(self, answers: dict[str, Any] | None = None, exc: Exception | None = None):
        self.answers = answers or {}
        self.exc = exc
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def geocode(self, query: str, **kwargs: Any) -> list[Location] | None:
        self.calls.append((query, kwargs))
        if self.exc is not None:
            raise self.exc
        raws = self.answers.get(query)
        if not raws:
            return None
        return [Location(r["display_name"], (float(r["lat"]), float(r["lon"])), r) for r in raws]


class FakeTime:
    """Clock and sleep for the rate limiter: sleeping advances the clock."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def _nominatim(tmp_path: Path, client: FakeClient, fake_time: FakeTime | None = None, **kw: Any):
    fake_time = fake_time or FakeTime()
    return NominatimGeocoder(
        user_agent=UA,
        cache_dir=tmp_path / "nominatim",
        clock=fake_time.clock,
        sleep=fake_time.sleep,
        _client=client,
        **kw,
    )


@pytest.mark.parametrize(
    "ua", ["", "   ", "geopy/2.5.0", "my-application", "MyApp", "specify_your_app_name_here",
           "python-requests/2.31", "test"]
)  # fmt: skip
def test_nominatim_rejects_generic_user_agents(ua) -> None:
    with pytest.raises(ConfigurationError, match="user_agent|user agent"):
        NominatimGeocoder(user_agent=ua, _client=FakeClient())


def test_nominatim_rejects_geopy_default_user_agent() -> None:
    from geopy.geocoders import options

    with pytest.raises(ConfigurationError):
        NominatimGeocoder(user_agent=options.default_user_agent, _client=FakeClient())


def test_nominatim_requires_policy_delay() -> None:
    with pytest.raises(ConfigurationError, match="min_delay"):
        NominatimGeocoder(user_agent=UA, min_delay_seconds=0.5, _client=FakeClient())


def test_parse_nominatim_is_pure() -> None:
    p = parse_nominatim(MINSK_RAW, "Minsk")
    assert (p.name, p.country_code, p.kind) == ("Minsk", "BY", "city")
    assert p.lat == pytest.approx(53.9024716) and p.lon == pytest.approx(27.5618225)
    assert 5 < p.precision_km < 30  # half the bbox diagonal
    assert p.source == "Nominatim relation 59195"
    assert p.query == "Minsk" and p.raw["place_id"] == 123
    assert parse_nominatim(MINSK_RAW, "Minsk", cached=True).source.endswith("(cached)")
    sea = parse_nominatim(
        {
            "lat": "29", "lon": "125", "class": "natural", "type": "sea", "name": "East China Sea",
            "geojson": {"type": "Polygon", "coordinates": [[[120, 25], [130, 25], [130, 33],
                                                            [120, 25]]]},
        },
        "East China Sea",
    )  # fmt: skip
    assert sea.kind == "sea" and sea.country_code == "" and sea.geometry["type"] == "Polygon"
    with pytest.raises(GeocodingError):
        parse_nominatim({"display_name": "nowhere"}, "x")


def test_nominatim_caches_answers_and_not_found(tmp_path) -> None:
    client = FakeClient({"Minsk": [MINSK_RAW]})
    nom = _nominatim(tmp_path, client)
    first = nom.geocode("Minsk")
    assert first.country_code == "BY" and "(cached)" not in first.source
    assert len(client.calls) == 1
    query, kwargs = client.calls[0]
    assert query == "Minsk" and kwargs["addressdetails"] is True and kwargs["exactly_one"] is False
    assert nom.cache_path("Minsk").is_file()

    # Same normalised query: served from the cache; also by a new instance (re-runs offline).
    assert nom.geocode("  minsk ").source.endswith("(cached)")
    again = _nominatim(tmp_path, FakeClient(exc=GeocoderUnavailable("offline")))
    assert again.geocode("Minsk").name == "Minsk"
    assert len(client.calls) == 1

    # "Not found" is an answer too.
    assert nom.geocode("Nowhereville") is None
    assert nom.geocode("Nowhereville", exactly_one=False) == []
    assert len(client.calls) == 2
    cached = json.loads(nom.cache_path("Nowhereville").read_text())
    assert cached["results"] == [] and cached["query"] == "Nowhereville"


def test_nominatim_corrupt_cache_file_is_refetched(tmp_path) -> None:
    client = FakeClient({"Minsk": [MINSK_RAW]})
    nom = _nominatim(tmp_path, client)
    nom.geocode("Minsk")
    nom.cache_path("Minsk").write_text("{truncated")
    assert nom.geocode("Minsk").country_code == "BY"
    assert len(client.calls) == 2


def test_nominatim_country_bias_reranks(tmp_path) -> None:
    client = FakeClient({"Minsk": [MINSK_US_RAW, MINSK_RAW]})
    nom = _nominatim(tmp_path, client)
    assert nom.geocode("Minsk").country_code == "US"  # provider order without context
    best = nom.geocode("Minsk", country_bias=["BY"])
    assert best.country_code == "BY"
    assert [c.country_code for c in best.candidates] == ["US"]
    assert len(client.calls) == 1  # bias is applied locally, not part of the cache key


@pytest.mark.parametrize(
    "exc",
    [
        GeocoderUnavailable("503"),
        GeocoderTimedOut("timeout"),
        GeocoderServiceError("500"),
        OSError("network unreachable"),
    ],
)
def test_nominatim_falls_back_to_offline(tmp_path, offline, exc) -> None:
    client = FakeClient(exc=exc)
    nom = _nominatim(tmp_path, client, fallback=offline)
    p = nom.geocode("St. Petersburg", country_bias=["RU"])
    assert p.country_code == "RU" and p.source.startswith("GeoNames 498817")
    assert "offline fallback" in p.source
    assert "Nominatim unavailable" in p.note and type(exc).__name__ in p.note
    # Failures are not cached: the next call asks again.
    nom.geocode("St. Petersburg")
    assert len(client.calls) == 2
    assert not nom.cache_path("St. Petersburg").exists()
    many = nom.geocode("St. Petersburg", exactly_one=False)
    assert all("offline fallback" in x.source for x in many)


def test_nominatim_default_fallback_is_the_offline_gazetteer(tmp_path, cache_root) -> None:
    nom = _nominatim(tmp_path, FakeClient(exc=GeocoderUnavailable("down")))
    assert nom.geocode("Ruzhansky training grounds").country_code == "BY"


def test_nominatim_without_fallback_raises(tmp_path) -> None:
    nom = _nominatim(tmp_path, FakeClient(exc=GeocoderUnavailable("down")), fallback=None)
    with pytest.raises(GeocodingError, match="GeocoderUnavailable"):
        nom.geocode("Minsk")


def test_nominatim_respects_min_delay(tmp_path) -> None:
    fake = FakeTime()
    client = FakeClient({"A": [MINSK_RAW], "B": [MINSK_RAW], "C": [MINSK_RAW]})
    nom = _nominatim(tmp_path, client, fake, min_delay_seconds=1.5)
    nom.geocode("A")
    assert fake.sleeps == []
    nom.geocode("B")  # immediately after: must wait the full delay
    assert fake.sleeps == [pytest.approx(1.5)]
    nom.geocode("A")  # cached: no request, no wait
    assert fake.sleeps == [pytest.approx(1.5)]
    fake.now += 5.0  # long pause: no wait needed
    nom.geocode("C")
    assert fake.sleeps == [pytest.approx(1.5)]
    assert [q for q, _ in client.calls] == ["A", "B", "C"]
    assert nom.requests_made == 3


def test_nominatim_empty_query(tmp_path) -> None:
    client = FakeClient()
    nom = _nominatim(tmp_path, client)
    assert nom.geocode("  ") is None
    assert nom.geocode("", exactly_one=False) == []
    assert client.calls == []
