"""A cleaned news article and its curated publication facts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from geo.model.text import sentence_at, split_sentences

__all__ = ["Article", "ArticleMeta"]


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """Curated facts about one article from ``data/articles.csv`` (publication date and basis)."""

    id: str
    file: str
    part: int
    title: str
    published: date | None
    published_precision: str  # "day", "month", "year" or "" when nothing supports a date
    date_basis: str  # "stated", "derived" or "none"
    date_evidence: str
    date_reasoning: str = ""
    line: int = 0


@dataclass(frozen=True, slots=True)
class Article:
    """One cleaned article.

    ``text`` is the cleaned text, one paragraph per line; every character span in the project
    (mentions, quotes) refers to it.
    """

    id: str
    file: str
    part: int
    title: str
    text: str
    published: date | None = None
    published_precision: str = ""
    date_basis: str = "none"
    date_evidence: str = ""
    date_reasoning: str = ""
    dropped_lines: tuple[str, ...] = field(default=(), repr=False)

    @property
    def published_label(self) -> str:
        """Publication date at its known precision: ``2022-12-19``, ``2022-02``, ``2023`` or ""."""
        if self.published is None:
            return ""
        if self.published_precision == "year":
            return f"{self.published.year}"
        if self.published_precision == "month":
            return self.published.strftime("%Y-%m")
        return self.published.isoformat()

    @property
    def sentences(self) -> list[tuple[int, int, str]]:
        """Sentences of :attr:`text` as ``(start, end, sentence)``."""
        return split_sentences(self.text)

    def sentence_at(self, offset: int) -> str:
        """Return the sentence that contains character ``offset`` (binary search)."""
        return sentence_at(self.text, offset)
