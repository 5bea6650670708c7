"""Distance from an event site to the nearest point of a border."""

from __future__ import annotations

from dataclasses import dataclass

from geo.geometry import borders

__all__ = ["SiteMeasurement"]


@dataclass(frozen=True, slots=True)
class SiteMeasurement:
    """Distance from one event site to the nearest point of one country's border."""

    event_id: str
    article_id: str
    surface: str
    place_name: str
    lat: float
    lon: float
    precision_km: float
    border_iso2: str
    border_name: str
    distance_km: float
    bearing_deg: float
    nearest_lat: float
    nearest_lon: float
    inside: bool
    dataset: str = borders.BORDER_DATASET

    @property
    def label(self) -> str:
        """Short label such as ``103 km to Ukraine (NE 10m)``."""
        approx = "~" if self.precision_km >= 5 else ""
        return (f"{approx}{self.distance_km:.0f} km to {self.border_name} "
                f"({borders.BORDER_DATASET_SHORT})")
