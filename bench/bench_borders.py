"""Benchmark geo.geometry.borders: ``python bench/bench_borders.py [--points N] [--country UA]``.

Prints dataset load time (cold: parse the Natural Earth zip; warm: from the WKB cache),
points per second for random points within 200 km of a country's border and 200-3000 km
away (exact mode, one thread and the default thread count), and the maximum error against
an independent brute-force reference (outline densified to ~100 m, Geod.inv to every
sample). No assertions: figures depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import shapely
from pyproj import Geod

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo.geometry import borders  # noqa: E402 - after sys.path

GEOD = Geod(ellps="WGS84")
RUZHANY = (52.8658, 24.8914)


def _first_call_seconds(cache: str) -> float:
    """Wall time of import + first country lookup in a fresh interpreter."""
    code = ("import time; t = time.perf_counter(); from geo import borders; "
            "borders.country_codes(); print(time.perf_counter() - t)")
    env = {**os.environ, "DRILLMAP_CACHE_DIR": cache, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True,
                         capture_output=True, text=True)
    return float(out.stdout.strip())


def _import_seconds() -> float:
    code = ("import time; t = time.perf_counter(); import numpy, shapely, pyproj, shapefile; "
            "import geo.geometry.borders; print(time.perf_counter() - t)")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True,
                         capture_output=True, text=True)
    return float(out.stdout.strip())


def bench_load() -> None:
    print(f"dataset: {borders.BORDER_DATASET}")
    print("  imports (numpy, shapely, pyproj, pyshp, geo.geometry.borders): "
          f"{_import_seconds():.3f} s")
    with tempfile.TemporaryDirectory() as tmp:
        cold = _first_call_seconds(tmp)
        warm = _first_call_seconds(tmp)
    print(f"  first call incl. imports, cold (parse zip, write cache): {cold:.3f} s")
    print(f"  first call incl. imports, warm (WKB cache):               {warm:.3f} s")
    path = borders._zip_path()
    t = time.perf_counter()
    data = borders._parse_zip(path)
    parse = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as tmp:
        file = Path(tmp) / "c.npz"
        key = borders._cache_key(path)
        borders._write_cache(file, key, data)
        t = time.perf_counter()
        borders._read_cache(file, key)
        read = time.perf_counter() - t
    print(f"  parse zip only: {parse:.3f} s; read cache only: {read:.3f} s "
          f"({len(data['iso2'])} countries)")


def sample_points(code: str, n: int, min_km: float, max_km: float, seed: int):
    """Random points at ``min_km..max_km`` (uniform) from random points of the outline."""
    rng = np.random.default_rng(seed)
    lon0, lat0, lon1, lat1 = borders._outline_edges(borders.country_geometry(code))
    _, _, length = GEOD.inv(lon0, lat0, lon1, lat1)
    e = rng.choice(lon0.size, n, p=length / length.sum())
    t = rng.random(n)
    lon = lon0[e] + t * (lon1 - lon0)[e]
    lat = lat0[e] + t * (lat1 - lat0)[e]
    lon, lat, _ = GEOD.fwd(lon, lat, rng.uniform(0, 360, n),
                           rng.uniform(min_km * 1000, max_km * 1000, n))
    return lat, lon


def reference(code: str) -> tuple[np.ndarray, np.ndarray]:
    """The outline densified to ~100 m (lon/lat straight edges), antimeridian cuts dropped."""
    lons, lats = [], []
    geom = borders.country_geometry(code)
    for ring in shapely.get_rings(shapely.get_parts(geom)):
        xy = shapely.get_coordinates(ring)
        a, b = xy[:-1], xy[1:]
        cut = (np.abs(a[:, 0]) > 179.9999999) & (np.abs(b[:, 0]) > 179.9999999)
        a, b = a[~cut], b[~cut]
        _, _, d = GEOD.inv(a[:, 0], a[:, 1], b[:, 0], b[:, 1])
        n = np.maximum(1, np.ceil(d / 100.0)).astype(int)
        idx = np.repeat(np.arange(len(a)), n)
        t = (np.arange(idx.size) - (np.cumsum(n) - n)[idx]) / n[idx]
        lons += [a[idx, 0] + t * (b - a)[idx, 0], b[:, 0]]
        lats += [a[idx, 1] + t * (b - a)[idx, 1], b[:, 1]]
    return np.concatenate(lons), np.concatenate(lats)


def brute_km(lat: float, lon: float, ref: tuple[np.ndarray, np.ndarray]) -> float:
    rlon, rlat = ref
    _, _, d = GEOD.inv(np.full(rlon.size, lon), np.full(rlon.size, lat), rlon, rlat)
    return float(d.min()) / 1000.0


def bench_speed(code: str, n: int) -> None:
    t = time.perf_counter()
    borders._outline(code)
    print(f"\n{code} outline index build: {time.perf_counter() - t:.3f} s "
          f"({sum(c.lon0.size for c in borders._outline(code).clusters)} edges, "
          f"{len(borders._outline(code).clusters)} clusters)")
    for label, lo, hi in (("within 200 km", 0.0, 200.0), ("200-3000 km away", 200.0, 3000.0)):
        lat, lon = sample_points(code, n, lo, hi, seed=int(hi))
        for workers in (1, None):
            best = float("inf")
            for _ in range(3):
                t = time.perf_counter()
                borders.border_distance(lat, lon, code, workers=workers)
                best = min(best, time.perf_counter() - t)
            who = "1 thread " if workers == 1 else f"{borders._default_workers()} threads"
            print(f"  {n} points {label:17s} {who}: {n / best:>10,.0f} points/s "
                  f"(best of 3)")


def bench_error(code: str, n: int) -> None:
    ref = reference(code)
    lat_a, lon_a = sample_points(code, n // 2, 0.0, 200.0, seed=11)
    lat_b, lon_b = sample_points(code, n - n // 2, 200.0, 3000.0, seed=12)
    lat, lon = np.r_[lat_a, lat_b], np.r_[lon_a, lon_b]
    got = borders.border_distance(lat, lon, code).distance_km
    want = np.array([brute_km(a, o, ref) for a, o in zip(lat, lon, strict=True)])
    err = np.abs(got - want) * 1000.0
    print(f"\nmax |error| vs brute force ({ref[0].size:,} samples at ~100 m) on {n} points: "
          f"{err.max():.2f} m (median {np.median(err):.3f} m; the reference itself "
          f"overestimates by up to ~{50 ** 2 / 2 / 1000:.1f} m at 1 km)")
    print(f"  ours minus reference: min {(got - want).min() * 1000:.2f} m, "
          f"max {(got - want).max() * 1000:.3f} m (should be <= 0)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--points", type=int, default=20_000)
    parser.add_argument("--country", default="UA")
    parser.add_argument("--error-points", type=int, default=50)
    args = parser.parse_args()
    bench_load()
    bench_speed(args.country, args.points)
    bench_error(args.country, args.error_points)
    d = borders.border_distance_one(*RUZHANY, "UA")
    print(f"\nRuzhany (Belarus) -> Ukraine: {d.distance_km:.1f} km, bearing "
          f"{d.bearing_deg:.0f} deg, nearest {d.nearest_lat:.4f}, {d.nearest_lon:.4f} "
          f"[{borders.BORDER_DATASET}]")


if __name__ == "__main__":
    main()
