"""One occurrence of a place name in an article and how it was resolved: the one Mention type.

Curated mentions (from ``data/mentions.csv``), machine-found ones (extraction) and stored ones
(the database) are all this type; ``origin`` says which.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from geo.model.place import Place

__all__ = ["Mention"]


@dataclass(frozen=True, slots=True)
class Mention:
    """A place named in an article: its character span, the geocoder query and the place.

    ``metonym`` marks a place standing for a government ("Moscow says"): a mention but never
    an event site. ``locative`` tells whether a locative preposition governs it ("in
    Belarus"), ``preposition`` which one. ``origin`` is ``"curated"``, ``"machine"`` or
    ``"correction"`` (an analyst's correction of the same name was applied). ``found_by`` says
    which finder proposed the span: ``"rules"`` (the gazetteer and lexicon rules; also every
    curated mention), ``"ner"`` (only the statistical named-entity model) or ``"rules+ner"``
    (both, with the same span; the model reads only the sentences where it can change a
    mention). ``article_id`` is empty while extraction works on a bare text.
    """

    article_id: str
    surface: str
    query: str
    start: int
    end: int
    sentence: str
    place: Place | None
    kind_hint: str = ""
    note: str = ""
    metonym: bool = False
    locative: bool = False
    preposition: str = ""
    origin: str = "machine"
    found_by: str = "rules"

    @property
    def resolved(self) -> bool:
        """Whether the geocoder found a place."""
        return self.place is not None

    def to_dict(self) -> dict[str, Any]:
        """Flat JSON-friendly dict (the fields ``python -m geo ingest --json`` prints)."""
        p = self.place
        return {
            "surface": self.surface, "start": self.start, "end": self.end, "query": self.query,
            "name": p.name if p else None, "lat": p.lat if p else None,
            "lon": p.lon if p else None, "country_code": p.country_code if p else None,
            "kind": p.kind if p else None, "precision_km": p.precision_km if p else None,
            "source": p.source if p else None, "metonym": self.metonym,
            "locative": self.locative, "origin": self.origin, "found_by": self.found_by,
            "note": self.note,
        }
