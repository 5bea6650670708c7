"""One occurrence of a place name in an article and how it was resolved."""

from __future__ import annotations

from dataclasses import dataclass

from geo.model.place import Place

__all__ = ["ResolvedMention"]


@dataclass(frozen=True, slots=True)
class ResolvedMention:
    """One occurrence of a place name in an article and how it was resolved."""

    article_id: str
    surface: str
    query: str
    start: int
    end: int
    sentence: str
    place: Place | None
    kind_hint: str = ""
    note: str = ""

    @property
    def resolved(self) -> bool:
        """Whether the geocoder found a place."""
        return self.place is not None
