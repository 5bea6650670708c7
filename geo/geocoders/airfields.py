"""Airfields, air bases and airports from airportsdata: the long tail the curated rows miss.

An article names an airfield by a proper name and a head noun ("Kunsan Air Base", "the Lida
airfield", "Severomorsk-1 airfield", "Bamako airport", "Fairchild Air Force Base") or by its
ICAO code in brackets ("Lida airfield (UMDD)"). The airportsdata package (MIT licence, about
28,000 aerodromes with an ICAO code, their name, city, subdivision, country and runway
coordinate) covers the ones nobody curated. The runway coordinate is the truth for an air
base, so a place found here is precise to a few kilometres.

Why it never reads a word as an airfield:

* only a query that **ends with an airfield head noun** (or carries a bracketed ICAO code) is
  looked up: a name alone ("Amari", "Lowell") never is;
* the name before the head must be written as a proper name (capitalised) and must not be
  one common English word ("the main airport", "a new airport", "the Regional airport");
* the name must equal the row's name without its own head and qualifiers ("Kunsan Air
  Base" -> "kunsan"), that name without a leading city ("Minsk Machulishchy" ->
  "machulishchy"), or the row's city or subdivision ("Bamako airport"), also in the other
  romanisations of :class:`geo.geocoders.gazetteer.Gazetteer` ("-sky"/"-skiy", "-ia"/"-iya");
* when the article's countries are known the row's country must be one of them;
* a city with several airfields far apart (more than 50 km) names none of them.

The table is read once per process, on first use (a few hundred milliseconds, a few MB).
"""

from __future__ import annotations

import csv
import importlib.metadata
import importlib.resources
import math
import re
import threading
from collections.abc import Sequence
from typing import NamedTuple

from geo.geocoders.gazetteer import Gazetteer, common_english_words, normalize_name
from geo.model.place import Place

__all__ = ["AirfieldTable", "airfield_head", "airfield_table", "find_airfield"]


#: Head nouns that say a name is an airfield, in normalised form, longest first.
_HEADS: tuple[str, ...] = tuple(sorted((
    "air base", "airbase", "air force base", "afb", "air station", "naval air station",
    "naval air base", "naval air facility", "air reserve base", "air national guard base",
    "air force station", "naval station", "airfield", "air field", "army airfield",
    "army air field", "military airfield", "military airport", "aerodrome", "airport", "airstrip",
), key=len, reverse=True))

#: Heads that name a military site (else the place is an airport building).
_MILITARY_HEADS = frozenset(h for h in _HEADS if h not in ("airport", "aerodrome", "airstrip"))

#: Trailing words of an airportsdata name that are its head or a qualifier, not its name.
_ROW_TAIL_WORDS = frozenset((
    "airport", "airports", "international", "intl", "regional", "municipal", "domestic", "air",
    "base", "airbase", "afb", "airfield", "field", "aerodrome", "airstrip", "strip", "station",
    "naval", "force", "army", "national", "guard", "reserve", "joint", "heliport", "airpark",
    "facility", "support", "marine", "corps", "military", "navy",
    # abbreviations of US and allied bases' names ("Homestead Arb Airport")
    "afs", "angb", "arb", "aaf", "ab", "nas", "ns", "naf", "nab", "mcas", "jrb",
))

#: Bracketed parts of a name ("Whidbey Island Nas (Ault Field) Airport") are a second name.
_BRACKETED = re.compile(r"\([^)]*\)")

#: Words in a row's name that make it a military airfield.
_MILITARY_WORDS = frozenset((
    "base", "airbase", "afb", "naval", "military", "army", "force", "marine", "corps", "station",
    "arb", "aaf", "nas", "ns", "naf", "nab", "mcas", "jrb", "angb", "afs", "raf", "rnas",
))

_ICAO_IN_BRACKETS = re.compile(r"\(\s*([A-Z]{4})\s*\)")

#: Candidates of one city spread over more than this are different airfields.
_SAME_PLACE_KM = 50.0

#: Precision of a runway coordinate for the site it stands for.
_PRECISION_KM = 3.0


class _Row(NamedTuple):
    icao: str
    iata: str
    name: str
    city: str
    subdivision: str
    country: str
    lat: float
    lon: float


#: How a row is indexed under a key, best first: by its name, its name without its city,
#: its name without its first word, its city, its subdivision.
_BY: tuple[str, ...] = ("name", "name without its city", "name without its first word", "city",
                        "subdivision")


#: Heads written before the name ("Naval Air Station Whidbey Island", "Coast Guard Air
#: Station Kodiak", "RAF Lakenheath"), in normalised form, longest first; a service's name
#: may open them.
_PREFIX_HEADS: tuple[str, ...] = tuple(sorted((
    "naval air station", "air station", "air force station", "air base", "naval air facility",
    "naval station", "marine corps air station", "raf", "rnas", "raaf base",
), key=len, reverse=True))
_SERVICE_WORDS: tuple[str, ...] = ("coast guard ", "marine corps ", "us ", "royal ")


def airfield_head(query: str) -> tuple[str, str] | None:
    """``(name, head)`` of a query with an airfield head noun after (or, in a few fixed
    forms, before) the name, normalised.

    >>> airfield_head("Kunsan Air Base")
    ('kunsan', 'air base')
    >>> airfield_head("Severomorsk-1 airfield")
    ('severomorsk 1', 'airfield')
    >>> airfield_head("Coast Guard Air Station Kodiak")
    ('kodiak', 'air station')
    >>> airfield_head("Kunsan") is None
    True
    """
    key = normalize_name(query)
    for head in _HEADS:
        if key.endswith(" " + head):
            name = key[: -len(head) - 1].strip()
            return (name, head) if name else None
    rest = key
    for service in _SERVICE_WORDS:
        if rest.startswith(service):
            rest = rest[len(service):]
            break
    for head in _PREFIX_HEADS:
        if rest.startswith(head + " "):
            name = rest[len(head) + 1:].strip()
            return (name, head) if name else None
    return None


def _core(words: list[str]) -> list[str]:
    """A row name's words without its trailing head and qualifiers."""
    while words and words[-1] in _ROW_TAIL_WORDS:
        words = words[:-1]
    return words


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


class AirfieldTable:
    """airportsdata's rows indexed by name, city and ICAO code (see the module docstring)."""

    def __init__(self) -> None:
        self.version = importlib.metadata.version("airportsdata")
        self._rows: list[_Row] = []
        self._by_key: dict[str, list[tuple[int, int]]] = {}  # key -> [(row, _BY index)]
        self._by_icao: dict[str, int] = {}
        path = importlib.resources.files("airportsdata") / "airports.csv"
        with path.open(encoding="utf-8") as fh:
            records = csv.reader(fh)
            columns = {name: i for i, name in enumerate(next(records))}
            icao, iata, name, city, subd, country, lat, lon = (columns[c] for c in (
                "icao", "iata", "name", "city", "subd", "country", "lat", "lon"))
            for rec in records:
                if rec[icao] in self._by_icao:
                    continue  # the file repeats a few rows
                self._add(_Row(rec[icao], rec[iata], rec[name], rec[city], rec[subd],
                               rec[country], float(rec[lat]), float(rec[lon])))

    def __len__(self) -> int:
        return len(self._rows)

    def _index(self, key: str, row: int, by: int) -> None:
        if key:
            self._by_key.setdefault(key, []).append((row, by))

    def _add(self, row: _Row) -> None:
        i = len(self._rows)
        self._rows.append(row)
        self._by_icao[row.icao] = i
        words = _core(normalize_name(_BRACKETED.sub(" ", row.name)).split())
        core = " ".join(words)
        self._index(core, i, 0)
        city = normalize_name(row.city)
        if city and core.startswith(city + " "):  # "Minsk Machulishchy"
            self._index(core[len(city) + 1:], i, 1)
        if len(words) > 1:  # "Prince Sultan": an article may drop an honorific
            self._index(" ".join(words[1:]), i, 2)
        self._index(city, i, 3)
        if row.subdivision:
            self._index(normalize_name(row.subdivision), i, 4)

    def _place(self, row: _Row, query: str, head: str, how: str) -> Place:
        military = head in _MILITARY_HEADS or not _MILITARY_WORDS.isdisjoint(
            normalize_name(row.name).split())
        return Place(
            name=row.name, lat=row.lat, lon=row.lon, country_code=row.country,
            kind="military area" if military else "building", precision_km=_PRECISION_KM,
            source=f"airportsdata {self.version}, ICAO {row.icao}", query=query,
            note=f"the airfield {row.name!r} ({how}); its runway coordinate",
            raw={"icao": row.icao, "iata": row.iata, "city": row.city,
                 "subdivision": row.subdivision, "match_stage": "exact", "matched": how},
        )

    def by_icao(self, icao: str, query: str = "") -> Place | None:
        """The airfield of an ICAO code (``None`` when the table has none)."""
        i = self._by_icao.get(icao.upper())
        return None if i is None else self._place(self._rows[i], query or icao, "", "ICAO code")

    def find(self, query: str, country_bias: Sequence[str]) -> Place | None:
        """The airfield ``query`` names, or ``None`` (see the module docstring's rules).

        Parameters
        ----------
        query : str
            The name as written with its head noun ("Kunsan Air Base") or with its ICAO code
            in brackets ("Lida airfield (UMDD)").
        country_bias : sequence of str
            ISO2 codes of the article's countries; when given the row must be in one.
        """
        bias = {c.upper() for c in country_bias if c}
        code = _ICAO_IN_BRACKETS.search(query)
        if code is not None:
            place = self.by_icao(code.group(1), query)
            if place is not None and (not bias or place.country_code in bias):
                return place
            query = query[: code.start()].strip()
        parsed = airfield_head(query)
        if parsed is None:
            return None
        name, head = parsed
        name = " ".join(_core(name.split())) or name  # "Hamad International Airport"
        first = name.split()[0]
        written = next((w for w in query.split() if normalize_name(w).startswith(first)), "")
        if not written[:1].isupper():
            return None  # "the main airport": not a proper name
        if " " not in name and name in common_english_words():
            return None  # "the Regional airport", "the Main airport"
        variants = [name, *(v for v, _ in Gazetteer._ending_variants(name)),
                    *(v for v, _ in Gazetteer._adjectival_variants(name))]
        for tier in ((0, 1), (2,), (3,), (4,)):
            if tier == (2,) and not bias:
                continue  # a part of a name only within the article's countries
            keys = [k for v in variants for k in self._by_key.get(v, ()) if k[1] in tier]
            rows = list(dict.fromkeys(row for row, _ in keys))
            if bias:
                rows = [r for r in rows if self._rows[r].country in bias]
            if not rows:
                continue
            chosen = self._choose(rows, head)
            if chosen is None:
                return None
            how = _BY[next(by for row, by in keys if row == chosen)]
            return self._place(self._rows[chosen], query, head, f"matched by {how}")
        return None

    def _choose(self, rows: list[int], head: str) -> int | None:
        """One row of several: a military one for a military head, then one with an IATA
        code (scheduled flights). When they lie far apart, the only one with an IATA code
        (the city's airport among airstrips), else ``None``."""
        if head in _MILITARY_HEADS and any(self._military(r) for r in rows):
            rows = [r for r in rows if self._military(r)]  # "Homestead Air Reserve Base"
        first = self._rows[rows[0]]
        if any(_distance_km(first.lat, first.lon, self._rows[r].lat, self._rows[r].lon)
               > _SAME_PLACE_KM for r in rows[1:]):
            served = [r for r in rows if self._rows[r].iata]
            return served[0] if len(served) == 1 else None

        return min(rows, key=lambda r: (not self._military(r) and head in _MILITARY_HEADS,
                                        not self._rows[r].iata, r))

    def _military(self, row: int) -> bool:
        return not _MILITARY_WORDS.isdisjoint(normalize_name(self._rows[row].name).split())


def find_airfield(query: str, country_bias: Sequence[str] = ()) -> Place | None:
    """The airfield ``query`` names (see :meth:`AirfieldTable.find`); the table is read only
    for a query with an airfield head noun or a bracketed ICAO code."""
    if airfield_head(query) is None and _ICAO_IN_BRACKETS.search(query) is None:
        return None
    return airfield_table().find(query, country_bias)


_table: AirfieldTable | None = None
_table_lock = threading.Lock()


def airfield_table() -> AirfieldTable:
    """The process-wide :class:`AirfieldTable`, read on first use."""
    global _table
    with _table_lock:
        if _table is None:
            _table = AirfieldTable()
        return _table
