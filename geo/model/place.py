"""A resolved place: frozen, validated coordinates with kind, precision and source."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, NamedTuple

from geo.errors import InvalidCoordinateError

__all__ = ["Candidate", "PLACE_KINDS", "Place", "place_from_dict", "place_to_dict"]


#: Kinds used by the geocoders of this package.  The set is open (providers may report
#: other kinds), but these are the ones the dashboard knows how to draw.
PLACE_KINDS: frozenset[str] = frozenset(
    {
        "capital",
        "city",
        "town",
        "village",
        "district",
        "training ground",
        "military area",
        "building",
        "island",
        "sea",
        "water",
        "region",
        "country",
        "continent",
        "organisation-area",
        "other",
    }
)


class Candidate(NamedTuple):
    """A light description of one candidate a geocoder considered for a query.

    Attributes
    ----------
    name : str
        Primary name of the candidate (e.g. ``"St. Petersburg"``).
    country_code : str
        ISO 3166-1 alpha-2 code, ``""`` for international waters / unknown.
    kind : str
        Kind of feature (``"city"``, ``"village"``, ``"country"``, ...).
    population : int
        Population as given by the source, 0 when unknown.
    lat, lon : float
        WGS84 coordinates in degrees.
    source : str
        Where the record comes from (``"GeoNames 4171563"``).
    """

    name: str
    country_code: str
    kind: str
    population: int
    lat: float
    lon: float
    source: str

    def describe(self) -> str:
        """One-line description, e.g. ``"St. Petersburg, US (city, pop. 257,083; GeoNames 1)"``."""
        where = f", {self.country_code}" if self.country_code else ""
        pop = f", pop. {self.population:,}" if self.population else ""
        return f"{self.name}{where} ({self.kind}{pop}; {self.source})"


#: Leaf types that are JSON as they are (exact types; subclasses take the general path).
_PLAIN_JSON_TYPES = frozenset({str, int, bool, type(None)})


def _jsonable(value: Any) -> Any:
    """Deep-convert mappings/tuples/NamedTuples into plain JSON types."""
    kind = type(value)  # exact built-in types first: the slower (ABC) checks below agree
    if kind in _PLAIN_JSON_TYPES:
        return value
    if kind is float:
        return value if math.isfinite(value) else None
    if kind is list or kind is tuple:
        return [_jsonable(v) for v in value]
    if kind is dict:
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, Candidate):
        return {k: _jsonable(v) for k, v in value._asdict().items()}
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


@dataclass(frozen=True, slots=True)
class Place:
    """One geocoding result: a named point, how precise it is, and where it comes from.

    Parameters
    ----------
    name : str
        Name of the place as the source spells it (``"Saint Petersburg"``).
    lat, lon : float
        WGS84 latitude/longitude in degrees; validated (finite, ``|lat| <= 90``,
        ``|lon| <= 180``).
    country_code : str
        ISO 3166-1 alpha-2 code (upper case), ``""`` for international waters or unknown.
    kind : str
        What the place is: one of :data:`PLACE_KINDS` in practice (``"city"``,
        ``"training ground"``, ``"sea"``, ``"country"``, ...).
    precision_km : float
        How far the true site may be from ``(lat, lon)``: a few km for a town, the
        radius of the area for a region or sea.  A town centre standing in for a
        training ground is *not* precise, and ``note`` says so.
    source : str
        Provenance, e.g. ``"GeoNames 625144"``, ``"data/places.csv line 7"``,
        ``"Nominatim node 123 (cached)"``.
    query : str
        The query string that produced this result.
    candidates : tuple
        The other candidates considered (:class:`Candidate` tuples or short strings),
        best first.
    geometry : Mapping or None
        GeoJSON geometry (lon/lat order) for areas such as seas; ``None`` for points.
    note : str
        Caveats for the analyst ("town centre of Ruzhany stands in for ...").
    raw : Mapping
        Source-specific extras (GeoNames id, ``area_iso2`` for countries, provider JSON).

    Notes
    -----
    The class mimics enough of :class:`geopy.location.Location` (``latitude``,
    ``longitude``, ``point``, ``address``, ``raw``) to be used where geopy results are.
    ``geometry`` and ``raw`` do not take part in hashing.
    """

    name: str
    lat: float
    lon: float
    country_code: str = ""
    kind: str = "other"
    precision_km: float = 5.0
    source: str = ""
    query: str = ""
    candidates: tuple[Candidate | str, ...] = ()
    geometry: Mapping[str, Any] | None = field(default=None, hash=False)
    note: str = ""
    raw: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}), hash=False)

    def __post_init__(self) -> None:
        try:
            lat = float(self.lat)
            lon = float(self.lon)
        except (TypeError, ValueError) as exc:
            raise InvalidCoordinateError(
                f"coordinates of {self.name!r} are not numbers: {self.lat!r}, {self.lon!r}"
            ) from exc
        if not (math.isfinite(lat) and math.isfinite(lon)):
            raise InvalidCoordinateError(
                f"coordinates of {self.name!r} are not finite: {lat}, {lon}"
            )
        if abs(lat) > 90.0:
            raise InvalidCoordinateError(
                f"latitude of {self.name!r} out of range: {lat} (lat/lon swapped?)"
            )
        if abs(lon) > 180.0:
            raise InvalidCoordinateError(f"longitude of {self.name!r} out of range: {lon}")
        precision = float(self.precision_km)
        if not math.isfinite(precision) or precision < 0:
            raise ValueError(f"precision_km of {self.name!r} must be a finite number >= 0")
        if not isinstance(self.kind, str) or not self.kind:
            raise ValueError(f"kind of {self.name!r} must be a non-empty string")
        cc = (self.country_code or "").upper()
        if cc and (len(cc) != 2 or not cc.isalpha()):
            raise ValueError(f"country_code of {self.name!r} must be ISO2 or '': {cc!r}")
        object.__setattr__(self, "lat", lat)
        object.__setattr__(self, "lon", lon)
        object.__setattr__(self, "precision_km", precision)
        object.__setattr__(self, "country_code", cc)
        object.__setattr__(self, "candidates", tuple(self.candidates))
        if not isinstance(self.raw, MappingProxyType):
            object.__setattr__(self, "raw", MappingProxyType(dict(self.raw or {})))

    # geopy.Location look-alikes -------------------------------------------------------
    @property
    def latitude(self) -> float:
        """Latitude in degrees (geopy compatibility)."""
        return self.lat

    @property
    def longitude(self) -> float:
        """Longitude in degrees (geopy compatibility)."""
        return self.lon

    @property
    def point(self) -> tuple[float, float]:
        """``(lat, lon)`` tuple (geopy compatibility)."""
        return (self.lat, self.lon)

    @property
    def address(self) -> str:
        """``"name, CC"`` (geopy compatibility)."""
        return f"{self.name}, {self.country_code}" if self.country_code else self.name

    @property
    def is_area(self) -> bool:
        """True when the map should draw an area rather than a point (sea, country, ...)."""
        return self.geometry is not None or "area_iso2" in self.raw

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-friendly ``dict`` of all fields (candidates as dicts, tuples as lists)."""
        return {
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "country_code": self.country_code,
            "kind": self.kind,
            "precision_km": self.precision_km,
            "source": self.source,
            "query": self.query,
            "candidates": _jsonable(self.candidates),
            "geometry": _jsonable(self.geometry) if self.geometry is not None else None,
            "note": self.note,
            "raw": _jsonable(self.raw),
        }


def place_to_dict(place: Place) -> dict[str, Any]:
    """A :class:`Place` as a JSON-friendly dict (inverse of :func:`place_from_dict`)."""
    return place.to_dict()


def place_from_dict(data: Mapping[str, Any]) -> Place:
    """Rebuild a :class:`Place` from :func:`place_to_dict` output (validates coordinates)."""
    candidates = tuple(
        Candidate(**c) if isinstance(c, Mapping) else str(c) for c in data.get("candidates") or ()
    )
    return Place(
        name=str(data["name"]), lat=float(data["lat"]), lon=float(data["lon"]),
        country_code=str(data.get("country_code") or ""), kind=str(data.get("kind") or "other"),
        precision_km=float(data.get("precision_km") or 0.0), source=str(data.get("source") or ""),
        query=str(data.get("query") or ""), candidates=candidates,
        geometry=data.get("geometry"), note=str(data.get("note") or ""),
        raw=dict(data.get("raw") or {}),
    )
