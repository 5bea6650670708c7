"""Judge a stated distance against a measured one, with a tolerance."""

from __future__ import annotations

from pyproj import Geod

from geo.extract.claims import COMPASS_DEG
from geo.geometry.borders import country_at
from geo.model.claim import ClaimVerdict, DistanceClaimText, StatedPosition
from geo.model.kinds import Verdict
from geo.model.place import PLACE_KINDS, Place

__all__ = ["STATED_SOURCE", "judge_claim", "place_at_stated_position", "stated_position",
           "tolerance_km"]


_GEOD = Geod(ellps="WGS84")


#: Qualifiers that bound a distance from above ("within 24 nautical miles") or below.
UPPER_BOUNDS = ("up to", "within", "less than", "under")
LOWER_BOUNDS = ("more than", "over", "at least")


def tolerance_km(stated_km: float, qualifier: str, *, site_precision_km: float = 0.0) -> float:
    """Tolerance for comparing a stated distance: looser for "about", plus the site's precision.

    A rounded figure ("about 150 km") is taken to mean within 10 % (at least 10 km); an
    unqualified figure within 5 % (at least 5 km). The uncertainty of the site's location is
    added, so a town centre standing in for a training ground does not cause false flags.
    """
    loose = qualifier in ("about", "around", "some", "roughly", "approximately", "nearly",
                          "almost", "just")
    base = max(10.0, 0.10 * stated_km) if loose else max(5.0, 0.05 * stated_km)
    return base + max(0.0, site_precision_km)


def _angle_diff(a: float, b: float) -> float:
    return abs((a - b + 180.0) % 360.0 - 180.0)


def judge_claim(
    claim: DistanceClaimText,
    computed_km: float,
    *,
    site_precision_km: float = 0.0,
    bearing_site_to_reference_deg: float | None = None,
) -> ClaimVerdict:
    """Compare a claim with the computed distance.

    ``up to``/``within``/``less than`` claims only fail when the computed distance is larger;
    ``more than``/``over``/``at least`` only when smaller. The stated direction ("north of the
    border") is checked against the bearing from the reference to the site within 67.5 degrees.
    """
    tol = tolerance_km(claim.stated_km, claim.qualifier, site_precision_km=site_precision_km)
    diff = computed_km - claim.stated_km
    if claim.qualifier in UPPER_BOUNDS:
        ok = diff <= tol
    elif claim.qualifier in LOWER_BOUNDS:
        ok = diff >= -tol
    else:
        ok = abs(diff) <= tol
    direction_ok: bool | None = None
    if claim.direction and bearing_site_to_reference_deg is not None:
        from_reference = (bearing_site_to_reference_deg + 180.0) % 360.0
        direction_ok = _angle_diff(from_reference, COMPASS_DEG[claim.direction]) <= 67.5
    verdict = (Verdict.CONSISTENT if ok and direction_ok is not False
               else Verdict.FLAGGED)
    parts = [
        f"stated {claim.qualifier + ' ' if claim.qualifier else ''}{claim.stated_km:.0f} km, "
        f"measured {computed_km:.0f} km, "
        f"{'off by' if not ok else 'difference'} {abs(diff):.0f} km "
        f"(tolerance {tol:.0f} km)"
    ]
    if direction_ok is False:
        parts.append(f"the site is not {claim.direction} of the reference")
    return ClaimVerdict(
        stated_km=claim.stated_km, computed_km=computed_km, difference_km=diff,
        tolerance_km=tol, verdict=verdict, direction_ok=direction_ok,
        explanation="; ".join(parts),
    )


def stated_position(claim: DistanceClaimText, reference: Place) -> StatedPosition | None:
    """The position a claim states from a place ("about 280 km southeast of Cape Erimo").

    The point is the stated distance along the middle of the stated compass direction; the
    sector around it is what the wording allows: the direction's width (45 degrees for an
    eight-point word, 22.5 for a sixteen-point one) and the distance give or take the
    tolerance :func:`judge_claim` uses (from 0 for "within"; a stated range widens it). None
    when the claim gives no direction or only a lower bound ("more than 100 km"), which
    states no position.
    """
    if not claim.direction or claim.qualifier in LOWER_BOUNDS:
        return None
    bearing = COMPASS_DEG[claim.direction]
    half_width = 11.25 if bearing % 45.0 else 22.5
    tol = tolerance_km(claim.stated_km, claim.qualifier)
    far_km = claim.stated_max_km if claim.stated_max_km is not None else claim.stated_km
    near_km = 0.0 if claim.qualifier in UPPER_BOUNDS else max(0.0, claim.stated_km - tol)
    middle_km = (claim.stated_km + far_km) / 2
    lon, lat, _ = _GEOD.fwd(reference.lon, reference.lat, bearing, middle_km * 1000.0)
    return StatedPosition(
        lat=round(lat, 5), lon=round(lon, 5), reference_name=reference.name,
        reference_lat=reference.lat, reference_lon=reference.lon, direction=claim.direction,
        stated_km=middle_km, bearing_deg=bearing, half_width_deg=half_width, min_km=near_km,
        max_km=far_km + tol)


#: ``Place.source`` of a place known only from a distance its article states.
STATED_SOURCE = "stated in the article"


def place_at_stated_position(position: StatedPosition, *, name: str, query: str,
                             claim_text: str, kind: str = "other") -> Place:
    """A place with no coordinate of its own, put where its article's distance puts it ("the
    village of X, about 30 km north of Y").

    Its precision is the farthest corner of the sector the wording allows (see
    :class:`StatedPosition`), so the map shows an honest area, and ``raw["stated_by"]`` keeps
    the claim's words so that claim is never "checked" against its own placement.
    """
    corners = [(position.bearing_deg + side * position.half_width_deg, km)
               for side in (-1.0, 1.0) for km in (position.min_km, position.max_km)]
    lons, lats, _ = _GEOD.fwd([position.reference_lon] * 4, [position.reference_lat] * 4,
                              [b for b, _ in corners], [km * 1000.0 for _, km in corners])
    _, _, metres = _GEOD.inv([position.lon] * 4, [position.lat] * 4, lons, lats)
    country = country_at(position.lat, position.lon)
    return Place(
        name=name, lat=position.lat, lon=position.lon, country_code=country or "",
        kind=kind if kind in PLACE_KINDS else "other",
        precision_km=round(max(metres) / 1000.0, 1), source=STATED_SOURCE, query=query,
        note=(f"no coordinate found; placed where the article puts it ({claim_text!r}): "
              f"{position.description}"),
        raw={"stated_by": claim_text})
