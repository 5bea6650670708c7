"""Find stated distances ("about 150 km north of the Ukrainian border") in text."""

from __future__ import annotations

import re

from geo.model.claim import KM_PER_MILE, KM_PER_NAUTICAL_MILE, DistanceClaimText

__all__ = ["COMPASS_DEG", "find_distance_claims"]


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
