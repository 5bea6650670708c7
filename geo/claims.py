"""Distance claims in article text ("about 150 kilometers (93 miles) north of the ... border").

:func:`find_distance_claims` parses the wording (pure text, no geography); :func:`judge_claim`
compares a stated distance with a computed one and gives a verdict with the tolerance it used.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

__all__ = [
    "COMPASS_DEG",
    "ClaimVerdict",
    "DistanceClaimText",
    "find_distance_claims",
    "judge_claim",
    "tolerance_km",
]

KM_PER_MILE = 1.609344
KM_PER_NAUTICAL_MILE = 1.852

#: Azimuth of each compass word, degrees clockwise from north.
COMPASS_DEG: dict[str, float] = {
    "north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0,
    "southwest": 225.0, "west": 270.0, "northwest": 315.0,
}

_QUALIFIERS = (
    "about", "around", "some", "roughly", "approximately", "nearly", "almost", "just",
    "up to", "within", "less than", "under", "more than", "over", "at least", "only",
)
_CLAIM = re.compile(
    r"(?:(?P<qualifier>" + "|".join(re.escape(q) for q in _QUALIFIERS) + r")\s+)?"
    r"(?P<number>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*-?\s*"
    r"(?P<unit>kilometers|kilometres|kilometer|kilometre|km|nautical miles|miles|mile|mi)\b"
    r"(?:\s*\((?P<alt>[^)]{1,40})\))?"
    r"(?:\s+(?P<direction>(?:north|south)(?:-?(?:east|west))?|east|west))?"
    r"\s+(?P<prep>of|from|away from|off)\s+"
    r"(?P<reference>[^.;:!?()\n]{2,80}?)"
    r"(?=\s*(?:[.;:!?()\n]|,|\s+(?:and|where|which|while|in|on|at|near|according)\b|$))",
    re.IGNORECASE,
)
_BORDER_REF = (
    re.compile(r"^(?:the\s+)?(?P<name>[\w'’. -]+?)\s+(?:border|frontier)s?$", re.IGNORECASE),
    re.compile(r"^(?:the\s+)?(?:border|frontier)s?\s+(?:with|of)\s+(?P<name>[\w'’. -]+)$",
               re.IGNORECASE),
)


@dataclass(frozen=True, slots=True)
class DistanceClaimText:
    """A distance claim as worded: stated value, unit, direction and reference."""

    start: int
    end: int
    text: str
    stated_value: float
    unit: str
    stated_km: float
    qualifier: str
    direction: str
    reference_text: str
    reference_name: str
    reference_is_border: bool

    def to_dict(self) -> dict[str, object]:
        """Plain dict for tables and JSON."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ClaimVerdict:
    """Stated vs computed distance and what to make of it."""

    stated_km: float
    computed_km: float
    difference_km: float
    tolerance_km: float
    verdict: str  # "consistent", "flagged" or "unchecked"
    direction_ok: bool | None
    explanation: str

    def to_dict(self) -> dict[str, object]:
        """Plain dict for tables and JSON."""
        return asdict(self)


def _unit_to_km(unit: str) -> tuple[str, float]:
    unit = unit.lower()
    if unit.startswith("nautical"):
        return "nmi", KM_PER_NAUTICAL_MILE
    if unit.startswith("mi"):
        return "mi", KM_PER_MILE
    return "km", 1.0


def find_distance_claims(text: str) -> list[DistanceClaimText]:
    """Find distance statements in ``text``.

    >>> c = find_distance_claims("held about 150 kilometers (93 miles) north of the Ukrainian "
    ...                          "border.")[0]
    >>> (c.stated_km, c.direction, c.reference_name, c.reference_is_border)
    (150.0, 'north', 'Ukrainian', True)
    >>> round(find_distance_claims("25 miles from the border")[0].stated_km, 1)
    40.2
    """
    claims: list[DistanceClaimText] = []
    for match in _CLAIM.finditer(text):
        value = float(match["number"].replace(",", ""))
        unit, factor = _unit_to_km(match["unit"])
        reference = " ".join(match["reference"].split()).strip(" ,")
        name, is_border = reference, False
        for pattern in _BORDER_REF:
            border = pattern.match(reference)
            if border:
                name, is_border = border["name"].strip(), True
                break
        if reference.lower() in ("the border", "border", "the frontier"):
            name, is_border = "", True
        name = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
        name = re.sub(r"['’]s$", "", name)
        direction = (match["direction"] or "").lower().replace("-", "")
        claims.append(DistanceClaimText(
            start=match.start(), end=match.end(), text=match.group(0), stated_value=value,
            unit=unit, stated_km=value * factor, qualifier=(match["qualifier"] or "").lower(),
            direction=direction, reference_text=reference, reference_name=name,
            reference_is_border=is_border,
        ))
    return claims


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
    verdict = "consistent" if ok and direction_ok is not False else "flagged"
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
