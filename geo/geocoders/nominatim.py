"""The optional online geocoder (Nominatim through geopy): polite, cached, rate-limited."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from geo.errors import ConfigurationError, GeocodingError
from geo.geocoders.base import (
    Geocoder,
    _atomic_write_bytes,
    _haversine_km,
    _rank_by_context,
    _with_candidates,
    default_cache_dir,
)
from geo.geocoders.gazetteer import OfflineGeocoder, normalize_name
from geo.model.place import Place

__all__ = ["NominatimGeocoder", "parse_nominatim"]


#: User agents that identify nobody: geopy's default, library defaults, doc samples.
_GENERIC_USER_AGENTS = frozenset(
    {
        "app",
        "application",
        "drillmap",
        "example",
        "geoapiexercises",
        "geocoder",
        "geopy",
        "my-app",
        "my-application",
        "my_app",
        "my_application",
        "my_user_agent",
        "myapp",
        "myapplication",
        "nominatim",
        "python",
        "specify_your_app_name_here",
        "test",
        "testing",
        "user-agent",
        "user_agent",
        "useragent",
        "your_app_name",
        "your-app-name",
    }
)


_GENERIC_USER_AGENT_PREFIXES = ("geopy/", "python-requests/", "python-urllib/", "curl/", "wget/")


def _check_user_agent(user_agent: str) -> str:
    ua = (user_agent or "").strip()
    if not ua:
        raise ConfigurationError(
            "NominatimGeocoder needs a user_agent identifying your application and a contact, "
            "e.g. 'drillmap/0.1 (analyst@example.org)' (OpenStreetMap usage policy)"
        )
    low = ua.lower()
    if low in _GENERIC_USER_AGENTS or low.startswith(_GENERIC_USER_AGENT_PREFIXES):
        raise ConfigurationError(
            f"user_agent {ua!r} is a generic/sample value; Nominatim blocks those. Use one that "
            "names your application and a contact, e.g. 'drillmap/0.1 (analyst@example.org)'"
        )
    return ua


_NOMINATIM_PLACE_KINDS = {
    "city": "city",
    "town": "town",
    "village": "village",
    "hamlet": "village",
    "isolated_dwelling": "village",
    "suburb": "district",
    "quarter": "district",
    "neighbourhood": "district",
    "city_district": "district",
    "borough": "district",
    "county": "region",
    "state": "region",
    "province": "region",
    "region": "region",
    "state_district": "region",
    "municipality": "region",
    "country": "country",
    "continent": "continent",
    "sea": "sea",
    "ocean": "sea",
    "island": "island",
    "islet": "island",
    "archipelago": "island",
}


def _nominatim_kind(raw: Mapping[str, Any]) -> str:
    category = str(raw.get("category") or raw.get("class") or "")
    typ = str(raw.get("type") or "")
    addresstype = str(raw.get("addresstype") or "")
    if category == "place" and typ in _NOMINATIM_PLACE_KINDS:
        return _NOMINATIM_PLACE_KINDS[typ]
    if category == "boundary":
        return _NOMINATIM_PLACE_KINDS.get(addresstype, "region")
    if category == "natural":
        if typ in ("sea", "bay", "strait", "ocean"):
            return "sea"
        if typ in ("water", "lake"):
            return "water"
    if category == "military" or (category == "landuse" and typ == "military"):
        return "training ground" if typ in ("range", "training_area") else "military area"
    if category in ("building", "historic", "tourism", "amenity", "office"):
        return "building"
    if addresstype in _NOMINATIM_PLACE_KINDS:
        return _NOMINATIM_PLACE_KINDS[addresstype]
    return "other"


def parse_nominatim(raw: Mapping[str, Any], query: str, *, cached: bool = False) -> Place:
    """Turn one Nominatim JSON record into a :class:`Place` (pure function, no I/O).

    Parameters
    ----------
    raw : Mapping
        One element of Nominatim's ``/search`` answer (``format=json`` or ``jsonv2``),
        ideally requested with ``addressdetails=1`` so the country code is present.
    query : str
        The query that produced it (stored in :attr:`Place.query`).
    cached : bool, optional
        Mark the source as coming from drillmap's on-disk cache.

    Returns
    -------
    Place
        ``precision_km`` is half the diagonal of the record's bounding box (at least
        0.05 km), ``geometry`` the record's ``geojson`` if it is a (Multi)Polygon.

    Raises
    ------
    GeocodingError
        When the record has no usable coordinates.
    """
    try:
        lat = float(raw["lat"])
        lon = float(raw["lon"])
    except (KeyError, TypeError, ValueError) as exc:
        raise GeocodingError(
            f"Nominatim record for {query!r} has no usable lat/lon: {raw!r}"
        ) from exc
    display = str(raw.get("display_name") or "")
    name = str(raw.get("name") or display.split(",")[0].strip() or query)
    address = raw.get("address") or {}
    cc = str(address.get("country_code") or "").upper() if isinstance(address, Mapping) else ""
    if len(cc) != 2 or not cc.isalpha():
        cc = ""
    precision = 1.0
    bbox = raw.get("boundingbox")
    if isinstance(bbox, (list, tuple)) and len(bbox) == 4:
        try:
            south, north, west, east = (float(v) for v in bbox)
            precision = max(0.05, _haversine_km(south, west, north, east) / 2.0)
        except (TypeError, ValueError):
            precision = 1.0
    geometry = raw.get("geojson")
    if not (isinstance(geometry, Mapping) and geometry.get("type") in ("Polygon", "MultiPolygon")):
        geometry = None
    osm = f"{raw.get('osm_type', '')} {raw.get('osm_id', '')}".strip()
    source = f"Nominatim {osm}".strip() + (" (cached)" if cached else "")
    note = "OpenStreetMap data (c) OpenStreetMap contributors, ODbL"
    if display:
        note = f"{display}. {note}"
    return Place(
        name=name,
        lat=lat,
        lon=lon,
        country_code=cc,
        kind=_nominatim_kind(raw),
        precision_km=precision,
        source=source,
        query=query,
        geometry=geometry,
        note=note,
        raw=dict(raw),
    )


class _SeamedRateLimiter:
    """Factory for a geopy RateLimiter whose clock and sleep can be injected (tests)."""

    @staticmethod
    def create(
        func: Callable[..., Any],
        *,
        min_delay_seconds: float,
        clock: Callable[[], float] | None,
        sleep: Callable[[float], None] | None,
    ) -> Any:
        from geopy.extra.rate_limiter import RateLimiter

        class _Limiter(RateLimiter):  # type: ignore[misc]  # geopy ships no type hints
            def _clock(self) -> float:
                return clock() if clock is not None else super()._clock()

            def _sleep(self, seconds: float) -> None:
                if sleep is not None:
                    sleep(seconds)
                else:
                    super()._sleep(seconds)

        # No retries and no swallowing: an error must reach us so that we fall back to
        # the offline gazetteer instead of caching a wrong "not found".
        return _Limiter(
            func,
            min_delay_seconds=min_delay_seconds,
            max_retries=0,
            error_wait_seconds=min_delay_seconds,
            swallow_exceptions=False,
        )


class NominatimGeocoder:
    """Online geocoder on OpenStreetMap's Nominatim, rate limited, cached, with offline fallback.

    Never the default: the dashboard must work without a network.  Use it to look up names
    the offline gazetteer lacks, then curate them into ``data/places.csv``.

    Parameters
    ----------
    user_agent : str
        Identifies your application and a contact (Nominatim usage policy).  Empty or
        generic/sample values (geopy's default, ``"my-application"``, ...) raise
        :class:`~geo.errors.ConfigurationError`.
    cache_dir : str or Path, optional
        Where answers are cached as JSON files; default ``default_cache_dir()/"nominatim"``.
    min_delay_seconds : float, optional
        Minimum delay between requests; must be >= 1.0 (usage policy).
    fallback : Geocoder, "offline" or None, optional
        Used when Nominatim fails (network error, timeout, service error).  ``"offline"``
        (default) uses the shared :class:`geo.geocoders.gazetteer.OfflineGeocoder`; ``None`` raises
        :class:`~geo.errors.GeocodingError` instead.
    timeout : float, optional
        Per-request timeout in seconds.
    language : str, optional
        Preferred language of names (``Accept-Language``).
    limit : int, optional
        How many candidates to request per query.
    domain : str, optional
        Nominatim host (e.g. a self-hosted instance).
    clock, sleep : callable, optional
        Seams for the rate limiter's clock and sleep (tests inject fakes; default: real).
    _client : object, optional
        Object with a geopy-style ``geocode(query, **kwargs)`` method used instead of
        :class:`geopy.geocoders.Nominatim` (tests inject a fake; never opens sockets).
    """

    def __init__(
        self,
        *,
        user_agent: str = "",
        cache_dir: str | os.PathLike[str] | None = None,
        min_delay_seconds: float = 1.0,
        fallback: Geocoder | str | None = "offline",
        timeout: float = 10.0,
        language: str = "en",
        limit: int = 10,
        domain: str | None = None,
        clock: Callable[[], float] | None = None,
        sleep: Callable[[float], None] | None = None,
        _client: Any = None,
    ) -> None:
        self.user_agent = _check_user_agent(user_agent)
        if not (isinstance(min_delay_seconds, (int, float)) and min_delay_seconds >= 1.0):
            raise ConfigurationError(
                f"min_delay_seconds must be >= 1.0 for Nominatim (usage policy), got "
                f"{min_delay_seconds!r}"
            )
        if isinstance(fallback, str) and fallback != "offline":
            raise ConfigurationError(
                f"fallback must be a geocoder, 'offline' or None: {fallback!r}"
            )
        if limit < 1:
            raise ConfigurationError(f"limit must be >= 1, got {limit!r}")
        self.cache_dir = (
            Path(cache_dir) if cache_dir is not None else default_cache_dir() / "nominatim"
        )
        self.min_delay_seconds = float(min_delay_seconds)
        self.timeout = timeout
        self.language = language
        self.limit = int(limit)
        self.domain = domain
        self._fallback_spec = fallback
        self._fallback: Geocoder | None = None
        self._client = _client
        self._clock = clock
        self._sleep = sleep
        self._limited: Any = None
        self._lock = threading.Lock()
        #: Number of requests actually sent to the client (cache misses).
        self.requests_made = 0

    # -- plumbing ----------------------------------------------------------------------
    def _get_limited(self) -> Any:
        with self._lock:
            if self._limited is None:
                client = self._client
                if client is None:
                    from geopy.geocoders import Nominatim

                    kwargs: dict[str, Any] = {
                        "user_agent": self.user_agent,
                        "timeout": self.timeout,
                    }
                    if self.domain:
                        kwargs["domain"] = self.domain
                    client = self._client = Nominatim(**kwargs)
                self._limited = _SeamedRateLimiter.create(
                    client.geocode,
                    min_delay_seconds=self.min_delay_seconds,
                    clock=self._clock,
                    sleep=self._sleep,
                )
            return self._limited

    def _get_fallback(self) -> Geocoder | None:
        spec = self._fallback_spec
        if spec is None:
            return None
        if self._fallback is None:
            if isinstance(spec, str):  # __init__ accepts no string but "offline"

                self._fallback = OfflineGeocoder()
            else:
                self._fallback = spec
        return self._fallback

    def _params(self) -> dict[str, Any]:
        return {
            "limit": self.limit,
            "language": self.language,
            "addressdetails": True,
            "domain": self.domain or "nominatim.openstreetmap.org",
        }

    def cache_path(self, query: str) -> Path:
        """Return the cache file for ``query`` (hash of the normalised query + request params)."""

        payload = json.dumps(
            {"q": normalize_name(query), **self._params()}, sort_keys=True, ensure_ascii=True
        )
        digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()
        return self.cache_dir / digest[:2] / f"{digest}.json"

    def _read_cache(self, path: Path) -> list[dict[str, Any]] | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            results = data["results"]
            if not isinstance(results, list):
                return None
            return [dict(r) for r in results]
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or corrupt: ask again

    # -- public ------------------------------------------------------------------------
    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        country_bias: Sequence[str] = (),
        kind_hint: str | None = None,
        within: tuple[str, str] | None = None,
        near: Sequence[tuple[float, float]] = (),
    ) -> Place | list[Place] | None:
        """Geocode ``query`` with Nominatim (cache first, offline gazetteer on failure).

        ``within`` narrows the country bias to the qualifying country; ``near`` is used only
        by the offline gazetteer (Nominatim ranks by its own importance).

        Parameters
        ----------
        query : str
            Free-text place name.
        exactly_one : bool, optional
            Return the best :class:`Place` (default) or a list sorted best first.
        country_bias : sequence of str, optional
            ISO2 codes mentioned by the article; matching candidates are moved first
            (Nominatim's own order is kept otherwise).  Not part of the cache key.
        kind_hint : str, optional
            Preferred kind (``"sea"``, ``"training ground"``, ...); moves matches first.

        Returns
        -------
        Place, list of Place or None
            ``None`` (or ``[]``) when Nominatim found nothing.

        Raises
        ------
        GeocodingError
            When Nominatim failed and no fallback is configured.
        """
        if not isinstance(query, str) or not query.strip():
            return None if exactly_one else []
        if within is not None and within[0]:
            country_bias = (within[0], *country_bias)
        path = self.cache_path(query)
        results = self._read_cache(path)
        cached = results is not None
        if results is None:
            limited = self._get_limited()
            try:
                from geopy.exc import GeopyError
            except ImportError:  # pragma: no cover - geopy is a dependency
                GeopyError = Exception  # noqa: N806
            try:
                self.requests_made += 1
                answer = limited(
                    query,
                    exactly_one=False,
                    limit=self.limit,
                    addressdetails=True,
                    language=self.language,
                    timeout=self.timeout,
                )
            except (GeopyError, OSError) as exc:
                return self._fall_back(query, exc, exactly_one, country_bias, kind_hint)
            results = [dict(getattr(loc, "raw", loc)) for loc in (answer or [])]
            record = {
                "query": query,
                "params": self._params(),
                "fetched_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "results": results,
            }
            with contextlib.suppress(OSError):  # a read-only cache must not break geocoding
                _atomic_write_bytes(
                    path, json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8")
                )
        places: list[Place] = []
        for raw in results:
            try:
                places.append(parse_nominatim(raw, query, cached=cached))
            except GeocodingError:
                continue
        places = _with_candidates(_rank_by_context(places, country_bias, kind_hint))
        if exactly_one:
            return places[0] if places else None
        return places

    def _fall_back(
        self,
        query: str,
        exc: BaseException,
        exactly_one: bool,
        country_bias: Sequence[str],
        kind_hint: str | None,
    ) -> Place | list[Place] | None:
        fallback = self._get_fallback()
        reason = f"{type(exc).__name__}: {exc}".strip().rstrip(":")
        if fallback is None:
            raise GeocodingError(f"Nominatim failed for {query!r} ({reason})") from exc
        result = fallback.geocode(
            query, exactly_one=exactly_one, country_bias=country_bias, kind_hint=kind_hint
        )

        def mark(p: Place) -> Place:
            note = f"Nominatim unavailable ({reason}); offline gazetteer used instead."
            return replace(
                p,
                source=f"{p.source} (offline fallback)",
                note=f"{p.note} {note}".strip(),
            )

        if result is None:
            return None
        if isinstance(result, list):
            return [mark(p) for p in result]
        return mark(result)
