"""Read the gold corpus of real articles (``tests/corpus/``): one strict JSON file per article.

The schema is described in ``tests/corpus/README.md``. Every problem raises
:class:`geo.errors.DataFormatError` naming the file and the offending key, e.g.
``.../x.json: places[2].surface 'Pskov' does not occur in the text``.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo.errors import DataFormatError
from geo.model.event import ORGANISATIONS, PARTICIPANT_CODE

__all__ = [
    "CLAIM_UNITS",
    "EVENT_TYPES",
    "GENRES",
    "PLACE_KINDS",
    "REFERENCE_KINDS",
    "SPLITS",
    "GoldArticle",
    "GoldClaim",
    "GoldEvent",
    "GoldNonPlace",
    "GoldPlace",
    "corpus_files",
    "load_corpus",
    "load_gold_article",
]

#: The two splits: tune on ``dev``, report on ``test``.
SPLITS: tuple[str, ...] = ("dev", "test")

#: ``exercise`` reports at least one exercise; the other two report none.
GENRES: tuple[str, ...] = ("exercise", "no-exercise", "general")

PLACE_KINDS: tuple[str, ...] = (
    "country", "region", "city", "sea", "strait", "island", "peninsula", "physical", "base",
    "training_ground", "district", "line", "other",
)

EVENT_TYPES: tuple[str, ...] = (
    "land", "air", "naval", "strategic", "command-staff", "patrol", "combined",
)

CLAIM_UNITS: tuple[str, ...] = ("km", "mi", "nmi", "m")

REFERENCE_KINDS: tuple[str, ...] = ("border", "coast", "line", "point")

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")  # YYYY, YYYY-MM or YYYY-MM-DD
_ARTICLE_KEYS = ("id", "url", "outlet", "title", "published", "theatre", "genre", "split",
                 "text", "places", "non_places", "events", "claims")


@dataclass(frozen=True, slots=True)
class GoldPlace:
    """A place name as written in the text, its kind and where it is (if known)."""

    surface: str
    kind: str
    lat: float | None
    lon: float | None
    point: bool
    geonames_id: int | None = None
    coord_source: str = ""

    @property
    def has_coordinates(self) -> bool:
        """Whether the gold gives a latitude and longitude."""
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True, slots=True)
class GoldNonPlace:
    """A trap: a string that looks like a place but is not one here (ship, person, ...)."""

    surface: str
    why: str


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """An exercise the article reports; ``name`` is None when the article names none."""

    name: str | None
    type: str
    start: str | None
    end: str | None
    participants: tuple[str, ...]
    places: tuple[str, ...] = ()
    figures: tuple[tuple[str, str], ...] = ()
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class GoldClaim:
    """A stated distance; a ``distractor`` (journey, weapon range, size) locates no site."""

    text: str
    number: float
    unit: str
    reference: str | None
    reference_kind: str | None
    subject: str | None
    distractor: bool
    number_max: float | None = None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One article of the corpus with its hand-made gold annotations."""

    id: str
    url: str
    outlet: str
    title: str
    published: str
    theatre: str
    genre: str
    split: str
    text: str
    places: tuple[GoldPlace, ...]
    non_places: tuple[GoldNonPlace, ...]
    events: tuple[GoldEvent, ...]
    claims: tuple[GoldClaim, ...]
    path: Path | None = field(default=None, compare=False)

    @property
    def theatre_group(self) -> str:
        """The theatre, with every ``general news (...)`` folded into ``general news``."""
        return "general news" if self.theatre.startswith("general news") else self.theatre


class _Reader:
    """Typed access to one file's JSON values; every error names the file and the key."""

    def __init__(self, path: Path):
        self.path = path

    def fail(self, message: str) -> DataFormatError:
        return DataFormatError(message, path=self.path)

    def obj(self, value: Any, where: str) -> Mapping[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(f"{where} must be an object, got {type(value).__name__}")
        return value

    def items(self, obj: Mapping[str, Any], key: str, where: str) -> list[Any]:
        value = self.field(obj, key, where)
        if not isinstance(value, list):
            raise self.fail(f"{where}{key} must be a list, got {type(value).__name__}")
        return value

    def field(self, obj: Mapping[str, Any], key: str, where: str) -> Any:
        if key not in obj:
            raise self.fail(f"{where}{key} is missing")
        return obj[key]

    def text(self, obj: Mapping[str, Any], key: str, where: str, *, optional: bool = False,
             choices: Sequence[str] = (), pattern: re.Pattern[str] | None = None) -> str | None:
        value = self.field(obj, key, where)
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{where}{key} must be a non-empty string, got {value!r}")
        if choices and value not in choices:
            raise self.fail(f"{where}{key} must be one of {', '.join(choices)}; got {value!r}")
        if pattern is not None and not pattern.fullmatch(value):
            raise self.fail(f"{where}{key} {value!r} does not match {pattern.pattern}")
        return value

    def string(self, obj: Mapping[str, Any], key: str, where: str, **kw: Any) -> str:
        value = self.text(obj, key, where, **kw)
        assert value is not None  # optional=False
        return value

    def plain(self, obj: Mapping[str, Any], key: str, where: str) -> str:
        value = self.field(obj, key, where)
        if not isinstance(value, str):
            raise self.fail(f"{where}{key} must be a string, got {value!r}")
        return value

    def number(self, obj: Mapping[str, Any], key: str, where: str, *, optional: bool = False,
               limit: float | None = None) -> float | None:
        value = obj.get(key) if optional else self.field(obj, key, where)
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(
                value):
            raise self.fail(f"{where}{key} must be a number, got {value!r}")
        if limit is not None and abs(value) > limit:
            raise self.fail(f"{where}{key} must be within -{limit:g}..{limit:g}, got {value!r}")
        return float(value)

    def flag(self, obj: Mapping[str, Any], key: str, where: str) -> bool:
        value = self.field(obj, key, where)
        if not isinstance(value, bool):
            raise self.fail(f"{where}{key} must be true or false, got {value!r}")
        return value

    def in_text(self, value: str, text: str, where: str) -> str:
        if value not in text:
            raise self.fail(f"{where} {value!r} does not occur in the text")
        return value


def _place(r: _Reader, raw: Any, where: str, text: str) -> GoldPlace:
    obj = r.obj(raw, where)
    w = f"{where}."
    surface = r.in_text(r.string(obj, "surface", w), text, f"{w}surface")
    lat = r.number(obj, "lat", w, optional=True, limit=90)
    lon = r.number(obj, "lon", w, optional=True, limit=180)
    if (lat is None) != (lon is None):
        raise r.fail(f"{where} ({surface!r}) gives only one of lat and lon")
    geonames_id = obj.get("geonames_id")
    if geonames_id is not None and (isinstance(geonames_id, bool)
                                    or not isinstance(geonames_id, int)):
        raise r.fail(f"{w}geonames_id must be an integer or null, got {geonames_id!r}")
    source = obj.get("coord_source") or ""
    if not isinstance(source, str):
        raise r.fail(f"{w}coord_source must be a string, got {source!r}")
    return GoldPlace(surface=surface, kind=r.string(obj, "kind", w, choices=PLACE_KINDS),
                     lat=lat, lon=lon, point=r.flag(obj, "point", w), geonames_id=geonames_id,
                     coord_source=source)


def _non_place(r: _Reader, raw: Any, where: str, text: str) -> GoldNonPlace:
    obj = r.obj(raw, where)
    w = f"{where}."
    return GoldNonPlace(surface=r.in_text(r.string(obj, "surface", w), text, f"{w}surface"),
                        why=r.string(obj, "why", w))


def _event(r: _Reader, raw: Any, where: str, text: str,
           surfaces: frozenset[str]) -> GoldEvent:
    obj = r.obj(raw, where)
    w = f"{where}."
    participants = r.items(obj, "participants", w)
    for code in participants:
        if not isinstance(code, str) or not PARTICIPANT_CODE.fullmatch(code):
            raise r.fail(f"{w}participants: {code!r} is not an ISO 3166 alpha-2 code or one of "
                         f"{', '.join(ORGANISATIONS)}")
    places = r.items(obj, "places", w)
    for name in places:
        if name not in surfaces:
            raise r.fail(f"{w}places: {name!r} is not the surface of one of the places")
    figures = r.field(obj, "figures", w)
    if not isinstance(figures, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in figures.items()):
        raise r.fail(f"{w}figures must be an object of strings, got {figures!r}")
    evidence = r.text(obj, "evidence", w, optional=True) or ""
    if evidence:
        r.in_text(evidence, text, f"{w}evidence")
    return GoldEvent(name=r.text(obj, "name", w, optional=True),
                     type=r.string(obj, "type", w, choices=EVENT_TYPES),
                     start=r.text(obj, "start", w, optional=True, pattern=_DATE),
                     end=r.text(obj, "end", w, optional=True, pattern=_DATE),
                     participants=tuple(participants), places=tuple(places),
                     figures=tuple(sorted(figures.items())), evidence=evidence)


def _claim(r: _Reader, raw: Any, where: str, text: str) -> GoldClaim:
    obj = r.obj(raw, where)
    w = f"{where}."
    number = r.number(obj, "number", w)
    assert number is not None  # optional=False
    return GoldClaim(text=r.in_text(r.string(obj, "text", w), text, f"{w}text"), number=number,
                     unit=r.string(obj, "unit", w, choices=CLAIM_UNITS),
                     reference=r.text(obj, "reference", w, optional=True),
                     reference_kind=r.text(obj, "reference_kind", w, optional=True,
                                           choices=REFERENCE_KINDS),
                     subject=r.text(obj, "subject", w, optional=True),
                     distractor=r.flag(obj, "distractor", w),
                     number_max=r.number(obj, "number_max", w, optional=True))


def load_gold_article(path: str | Path) -> GoldArticle:
    """Read and check one corpus file.

    Raises
    ------
    DataFormatError
        Not UTF-8 JSON, a key missing or of the wrong type, a value outside the schema, a
        surface, claim or evidence that does not occur in the text, or an id that is not the
        file name.
    """
    path = Path(path)
    r = _Reader(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise r.fail(f"not UTF-8 text ({exc.reason})") from exc
    except json.JSONDecodeError as exc:
        raise DataFormatError(f"not valid JSON: {exc.msg} (column {exc.colno})", path=path,
                              line=exc.lineno) from exc
    except OSError as exc:
        raise r.fail(f"cannot read: {exc.strerror or exc}") from exc
    obj = r.obj(raw, "the file")
    unknown = sorted(set(obj) - set(_ARTICLE_KEYS))
    if unknown:
        raise r.fail(f"unknown key(s) {unknown}; expected {list(_ARTICLE_KEYS)}")
    article_id = r.string(obj, "id", "", pattern=_ID)
    if article_id != path.stem:
        raise r.fail(f"id {article_id!r} is not the file name without .json ({path.stem!r})")
    text = r.string(obj, "text", "")
    places = tuple(_place(r, p, f"places[{i}]", text)
                   for i, p in enumerate(r.items(obj, "places", "")))
    seen: set[str] = set()
    for i, p in enumerate(places):
        if p.surface in seen:
            raise r.fail(f"places[{i}].surface {p.surface!r} is listed twice")
        seen.add(p.surface)
    surfaces = frozenset(seen)
    return GoldArticle(
        id=article_id, url=r.plain(obj, "url", ""), outlet=r.plain(obj, "outlet", ""),
        title=r.plain(obj, "title", ""),
        published=r.string(obj, "published", "", pattern=_DATE),
        theatre=r.string(obj, "theatre", ""), genre=r.string(obj, "genre", "", choices=GENRES),
        split=r.string(obj, "split", "", choices=SPLITS), text=text, places=places,
        non_places=tuple(_non_place(r, p, f"non_places[{i}]", text)
                         for i, p in enumerate(r.items(obj, "non_places", ""))),
        events=tuple(_event(r, e, f"events[{i}]", text, surfaces)
                     for i, e in enumerate(r.items(obj, "events", ""))),
        claims=tuple(_claim(r, c, f"claims[{i}]", text)
                     for i, c in enumerate(r.items(obj, "claims", ""))),
        path=path,
    )


def corpus_files(folder: str | Path) -> list[Path]:
    """The ``*.json`` files of a corpus, sorted; ``folder`` or its ``articles/`` subfolder.

    Raises
    ------
    DataFormatError
        The folder does not exist or holds no ``.json`` file.
    """
    root = Path(folder)
    if (root / "articles").is_dir():
        root = root / "articles"
    if not root.is_dir():
        raise DataFormatError("no such corpus folder", path=root)
    files = sorted(root.glob("*.json"))
    if not files:
        raise DataFormatError("no .json article files in the corpus folder", path=root)
    return files


def load_corpus(folder: str | Path, split: str = "all") -> tuple[GoldArticle, ...]:
    """Read every article of a corpus folder and keep one split (``dev``, ``test`` or ``all``).

    Every file is checked, whatever the split, so a broken file is never silently skipped.

    Raises
    ------
    ValueError
        ``split`` is not ``dev``, ``test`` or ``all``.
    DataFormatError
        A file is malformed (see :func:`load_gold_article`).
    """
    if split not in (*SPLITS, "all"):
        raise ValueError(f"split must be dev, test or all, got {split!r}")
    articles = [load_gold_article(p) for p in corpus_files(folder)]
    return tuple(a for a in articles if split == "all" or a.split == split)
