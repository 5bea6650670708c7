"""Distance claims as read from text, their verdicts, and the checked claim."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from geo.model.kinds import Verdict
from geo.model.measurement import SiteMeasurement
from geo.model.place import Place

__all__ = [
    "KM_PER_MILE",
    "KM_PER_NAUTICAL_MILE",
    "ClaimCheck",
    "ClaimVerdict",
    "DistanceClaimText",
    "ReferenceLine",
    "StatedPosition",
]


KM_PER_MILE = 1.609344


KM_PER_NAUTICAL_MILE = 1.852


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
    #: What the distance is measured to: "border", "coast", "line" or "point" (a place).
    reference_kind: str = ""
    #: Upper end of a stated range ("two to five kilometres"), in km; None for one figure.
    stated_max_km: float | None = None

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


#: Short forms of compass words, for map labels ("southeast" -> "SE").
_COMPASS_SHORT = {"north": "N", "south": "S", "east": "E", "west": "W"}


@dataclass(frozen=True, slots=True)
class StatedPosition:
    """Where a claim about no named site puts what it is about ("warships about 280 km
    southeast of Cape Erimo"): the point the wording gives and the sector of points it allows.

    A compass word names a sector, not a bearing (an eight-point word spans 45 degrees, a
    sixteen-point word 22.5), and a figure is rounded, so the stated point is only the
    middle of ``bearing_deg ± half_width_deg`` and ``min_km``-``max_km`` from the reference.
    """

    lat: float
    lon: float
    reference_name: str
    reference_lat: float
    reference_lon: float
    direction: str
    stated_km: float
    bearing_deg: float
    half_width_deg: float
    min_km: float
    max_km: float

    @property
    def label(self) -> str:
        """``~280 km SE of Cape Erimo``: the short form shown beside the point on maps."""
        short = "".join(_COMPASS_SHORT.get(w, w) for w in _compass_words(self.direction))
        return f"~{self.stated_km:.0f} km {short} of {self.reference_name}"

    @property
    def description(self) -> str:
        """The position in words, with the area the wording allows."""
        return (f"{self.lat:.2f}, {self.lon:.2f} ({self.stated_km:.0f} km {self.direction} of "
                f"{self.reference_name}; the wording allows {self.min_km:.0f}-"
                f"{self.max_km:.0f} km at bearings {self.bearing_deg - self.half_width_deg:.1f}"
                f"-{self.bearing_deg + self.half_width_deg:.1f} degrees)")

    def to_dict(self) -> dict[str, object]:
        """Plain dict for JSON (the store keeps it with the claim's reading)."""
        return asdict(self)


def _compass_words(direction: str) -> list[str]:
    """``"southsoutheast"`` -> ``["south", "south", "east"]``."""
    words: list[str] = []
    rest = direction
    while rest:
        word = next((w for w in _COMPASS_SHORT if rest.startswith(w)), None)
        if word is None:  # not a compass word: keep it whole
            return [direction]
        words.append(word)
        rest = rest[len(word):]
    return words


@dataclass(frozen=True, slots=True)
class ClaimCheck:
    """A distance claim from an article, the site and reference it is about, and the verdict."""

    article_id: str
    sentence: str
    claim: DistanceClaimText
    subject_surface: str
    subject: Place | None
    reference_iso2: str
    reference: Place | None
    verdict: ClaimVerdict | None
    event_ids: tuple[str, ...] = ()
    problem: str = ""
    #: For a claim about no named site: the position it states (None otherwise).
    stated_position: StatedPosition | None = None

    @property
    def label(self) -> str:
        """``article: ~150 km · measured: 103 km · off by 47 km``."""
        stated = f"{'~' if self.claim.qualifier else ''}{self.claim.stated_km:.0f} km"
        if self.verdict is None:
            return f"article: {stated} · not checked ({self.problem})"
        v = self.verdict
        tail = (f"off by {abs(v.difference_km):.0f} km" if v.verdict == Verdict.FLAGGED
                else "consistent")
        return f"article: {stated} · measured: {v.computed_km:.0f} km · {tail}"

    def is_about(self, measurement: SiteMeasurement) -> bool:
        """Whether this claim states the distance a border measurement measured: the same
        site and the same border. The one rule maps, tables and KML pair them by."""
        return (bool(self.reference_iso2) and self.reference_iso2 == measurement.border_iso2
                and self.subject_surface == measurement.surface)


@dataclass(frozen=True, slots=True)
class ReferenceLine:
    """A line distances are stated to (the DMZ, the Northern Limit Line, a median line).

    ``points`` are ``(lat, lon)`` vertices; ``source`` cites where they come from.
    """

    name: str
    aliases: tuple[str, ...]
    points: tuple[tuple[float, float], ...]
    source: str
    note: str = ""

    def names(self) -> tuple[str, ...]:
        """The name and its aliases."""
        return (self.name, *self.aliases)
