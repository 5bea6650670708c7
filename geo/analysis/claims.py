"""Judge a stated distance against a measured one, with a tolerance."""

from __future__ import annotations

from geo.extract.claims import COMPASS_DEG
from geo.model.claim import ClaimVerdict, DistanceClaimText
from geo.model.kinds import Verdict

__all__ = ["judge_claim", "tolerance_km"]


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
    if claim.qualifier in ("up to", "within", "less than", "under"):
        ok = diff <= tol
    elif claim.qualifier in ("more than", "over", "at least"):
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
