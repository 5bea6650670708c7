"""What every geocoder shares: the protocol, ranking by context, the answer cache."""

from __future__ import annotations

import contextlib
import math
import os
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Protocol, runtime_checkable

from geo.model.place import Candidate, Place
from geo.settings import cache_dir

__all__ = ["Geocoder", "default_cache_dir"]


def default_cache_dir() -> Path:
    """drillmap's cache directory (see :func:`geo.settings.cache_dir`), not created here.

    The offline gazetteer keeps its prebuilt index under ``<cache>/gazetteer`` and the
    Nominatim geocoder its answers under ``<cache>/nominatim``.
    """
    return cache_dir(create=False)


def _atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (temporary file in the same directory + rename).

    A reader never sees a half-written file, and concurrent writers of the same content
    simply replace each other.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@runtime_checkable
class Geocoder(Protocol):
    """What every drillmap geocoder provides (geopy-shaped)."""

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
        """Geocode ``query``; see :meth:`geo.geocoders.gazetteer.OfflineGeocoder.geocode`."""
        ...


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _rank_by_context(
    places: list[Place], country_bias: Sequence[str], kind_hint: str | None
) -> list[Place]:
    """Stable re-ranking: candidates in ``country_bias`` and of kind ``kind_hint`` first."""
    bias = {c.upper() for c in country_bias}
    hint = (kind_hint or "").strip().lower()

    def key(item: tuple[int, Place]) -> tuple[int, int, int]:
        i, p = item
        return (p.country_code not in bias, bool(hint) and p.kind != hint, i)

    return [p for _, p in sorted(enumerate(places), key=key)]


def _with_candidates(places: list[Place]) -> list[Place]:
    """Give each place the others as :class:`Candidate` descriptions."""
    cands = [
        Candidate(
            p.name,
            p.country_code,
            p.kind,
            int(p.raw.get("population", 0) or 0),
            p.lat,
            p.lon,
            p.source,
        )
        for p in places
    ]
    return [
        replace(p, candidates=tuple(c for j, c in enumerate(cands) if j != i))
        for i, p in enumerate(places)
    ]
