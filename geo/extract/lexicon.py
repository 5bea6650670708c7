"""The extraction lexicon: terms that look like places but are not, with sources."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from geo.errors import DataFormatError
from geo.inputs.csvfiles import iter_csv_rows
from geo.model.text import normalize_term
from geo.settings import exercise_series_path, lexicon_path

__all__ = ["LEXICON_CATEGORIES", "Lexicon", "LexiconEntry", "default_lexicon_path",
           "load_exercise_series", "load_lexicon"]


#: Categories a lexicon row may have, and what each does to a capitalised run.
LEXICON_CATEGORIES: dict[str, str] = {
    "person_title": "the capitalised words after it are a person's name",
    "role_noun": "a lower-case noun whose following capitalised words are a person's name",
    "given_name": "a given name; with a following capitalised word it is a person's name",
    "person": "a person's surname (never a place)",
    "outlet": "a news outlet or agency (never a place)",
    "organisation": "an organisation or alliance (never a place)",
    "org_word": "head word that makes a capitalised run an organisation's name",
    "unit_word": "head word that makes a capitalised run a military unit's name",
    "platform": "a social-media platform (never a place)",
    "weapon": "a weapon system (never a place)",
    "exercise_name": "the stem of a named exercise (never a place)",
    "not_a_place": "a bloc or direction that names no territory",
    "common_word": "an English word GeoNames also lists as a town: a place only in a longer name",
    "seat_of_government": "a building that stands for a government (mention, usually metonym)",
    "place_noun": "lower-case noun continuing a name into a place name (kind_hint = its kind)",
    "geo_noun": "lower-case noun turning a nationality adjective into a territory",
}


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """One lexicon row: a term, what it is, an optional kind hint, and where it comes from."""

    term: str
    category: str
    kind_hint: str = ""
    source: str = ""


@dataclass(frozen=True)
class Lexicon:
    """Vocabulary the extractor needs that is about the world rather than grammar.

    Build it with :meth:`from_entries`; :func:`geo.extract.lexicon.load_lexicon` reads the bundled
    ``data/extraction_lexicon.csv``.
    """

    by_category: Mapping[str, Mapping[str, LexiconEntry]]

    @classmethod
    def from_entries(cls, entries: Iterable[LexiconEntry]) -> Lexicon:
        """Index entries by category and normalised term; unknown categories raise ValueError."""
        table: dict[str, dict[str, LexiconEntry]] = {c: {} for c in LEXICON_CATEGORIES}
        for entry in entries:
            if entry.category not in table:
                raise ValueError(f"unknown lexicon category {entry.category!r} for "
                                 f"{entry.term!r}; known: {sorted(table)}")
            table[entry.category].setdefault(normalize_term(entry.term), entry)
        return cls(by_category=table)

    def has(self, category: str, term: str) -> bool:
        """Whether ``term`` (any case) is listed under ``category``."""
        return normalize_term(term) in self.by_category.get(category, {})

    def get(self, category: str, term: str) -> LexiconEntry | None:
        """The entry for ``term`` under ``category``, or None."""
        return self.by_category.get(category, {}).get(normalize_term(term))

    def terms(self, category: str) -> list[str]:
        """All terms of a category, longest first (for building alternations)."""
        return list(self._sorted_terms.get(category, ()))

    @cached_property
    def _sorted_terms(self) -> dict[str, tuple[str, ...]]:
        """Every category's terms, longest first: sorted once, as the extractors ask for them
        for every article."""
        return {category: tuple(sorted((e.term for e in entries.values()),
                                       key=lambda t: (-len(t), t)))
                for category, entries in self.by_category.items()}


def default_lexicon_path() -> Path:
    """The bundled ``data/extraction_lexicon.csv``."""
    return lexicon_path()


@cache
def _load_series_cached(path: str, mtime_ns: int) -> tuple[LexiconEntry, ...]:
    entries = []
    for line, row in iter_csv_rows(path, ("name", "variants", "organiser", "source")):
        if not row["name"] or not row["organiser"] or not row["source"].startswith("http"):
            raise DataFormatError("name, organiser and a cited page (http...) are required",
                                  path=path, line=line)
        for term in (row["name"], *(v.strip() for v in row["variants"].split("|") if v.strip())):
            entries.append(LexiconEntry(term, "exercise_name", "", row["source"]))
    return tuple(entries)


def load_exercise_series(path: str | Path | None = None) -> tuple[LexiconEntry, ...]:
    """The names of recurring exercise series (``data/exercise_series.csv``: name, variants
    and acronyms separated by "|", the usual organiser, a cited page), as ``exercise_name``
    entries: a series name is an exercise's name, alone or with its edition ("Cobra Gold",
    "Cobra Gold 2024"). Whether an article reports an edition is read from its sentences."""
    p = Path(path) if path is not None else exercise_series_path()
    try:
        mtime = p.stat().st_mtime_ns
    except OSError as exc:
        raise DataFormatError(f"cannot read the exercise series: {exc.strerror}",
                              path=p) from exc
    return _load_series_cached(str(p), mtime)


@cache
def _load_lexicon_cached(path: str, mtime_ns: int,
                         series: tuple[LexiconEntry, ...] = ()) -> Lexicon:
    entries = []
    for line, row in iter_csv_rows(path, ("term", "category", "kind_hint", "source")):
        if not row["term"] or not row["source"]:
            raise DataFormatError("term and source are required", path=path, line=line)
        entries.append(LexiconEntry(row["term"], row["category"], row["kind_hint"],
                                    row["source"]))
    try:
        return Lexicon.from_entries([*entries, *series])
    except ValueError as exc:
        raise DataFormatError(str(exc), path=path) from exc


def load_lexicon(path: str | Path | None = None,
                 series_path: str | Path | None = None) -> Lexicon:
    """Read the extraction lexicon with the exercise series' names (cached until the files
    change; :func:`load_exercise_series`)."""
    p = Path(path) if path is not None else default_lexicon_path()
    try:
        mtime = p.stat().st_mtime_ns
    except OSError as exc:
        raise DataFormatError(f"cannot read the lexicon: {exc.strerror}", path=p) from exc
    return _load_lexicon_cached(str(p), mtime, load_exercise_series(series_path))
