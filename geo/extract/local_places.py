"""Places of local news that the gazetteer lacks or names another way (pure, no I/O).

General news (wildfires, floods, storms, road closures) names rivers, forests, parks, roads,
neighbourhoods and hamlets that no offline source holds. Their names still tell the reader
that a place is meant, by a head noun ("Kuma River", "Washpool State Forest"), a suffix
("Nangok-dong"), a prefix of direction ("Vest-Finnmark"), a frame ("the Clisbako area",
"between Stabbursdalen and Lakselv") or the company they keep (a list of places). Each rule
here finds such a mention; it is resolved when the gazetteer or the article locates it
(resolved to the named part's area, the neighbourhood's city, the town a bridge is named
after), and otherwise listed unresolved, so the analyst sees it and nothing is invented.

:func:`with_local_places` runs after the gazetteer rules of :mod:`geo.extract.mentions` and
before the context resolution there.
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from geo.extract.lexicon import Lexicon
from geo.geocoders.gazetteer import DEMONYMS, common_english_words
from geo.model.mention import Mention
from geo.model.place import Candidate, Place

__all__ = ["CIVIL_BODY", "with_local_places"]

GeocodeFn = Callable[[str, tuple[str, ...], "str | None"], "Place | None"]
LocativeFn = Callable[[str, int, Sequence[Mention]], tuple[bool, str]]
MaskedFn = Callable[[int, int], bool]

# A capitalised word of a name: an upper-case letter, then letters, inner apostrophes and
# hyphens ("Sør-Troms", "Su’ao", "Ærø").
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"
_WORD = rf"[{_UPPER}][\w'’]*(?:-[^\W\d_][\w'’]*)*"

#: Civil bodies of a town or province that name it: "the Gangwon Fire Headquarters", "the
#: Kent Fire Service", "Southland Civil Defence". The place they are named after is a place
#: mention (as for police and councils in :mod:`geo.extract.mentions`).
CIVIL_BODY = re.compile(
    r"(?:Rural\s+)?Fire\s+(?:Headquarters|Service|Services|Authority|Brigade|Station)"
    r"|Fire\s+and\s+(?:Emergency|Rescue)(?:\s+Service)?|Civil\s+Defen[cs]e"
    r"|(?:Provincial|Regional|District|Municipal|Metropolitan)\s+(?:Government|Office)")

# Head nouns of natural features, protected areas and roads: the whole name is a place even
# when the gazetteer does not know it ("Kuma River", "Willi Willi National Park"). These are
# areas or lines, not towns: listed unresolved rather than put at a namesake town.
_AREA_HEADS = frozenset({
    "River", "Forest", "Glacier", "Valley", "Mountains", "Hills", "Desert", "Plateau",
    "Canyon", "Gorge", "Highway", "Expressway", "Motorway", "Freeway", "Tunnel", "Wetlands",
})
# Heads that make a place only after a word saying what kind of park or reserve it is
# ("National Park", "Nature Reserve"; "Central Park" or "the reserve" are left alone).
_QUALIFIED_HEADS = {
    "Park": frozenset({"National", "State", "Provincial", "Regional", "Marine", "Forest",
                       "Wilderness", "Conservation"}),
    "Reserve": frozenset({"Nature", "Game", "Marine", "Forest", "Wildlife", "Biosphere",
                          "Natural", "Conservation"}),
}
# Heads of structures named after their town ("Dornoch Bridge", "Mintlaw Station"): located
# at that town when the article's country has a town of that name; otherwise a bridge is
# listed unresolved (a bridge is always a place) and a station left out.
_TOWN_STRUCTURE_HEADS = frozenset({"Bridge", "Station"})
# Heads of communities with their own land ("Marcel Colomb First Nation", "Pimicikamak Cree
# Nation", "Pine Ridge Reservation"): located at their namesake town of the article's
# country, else listed unresolved.
_COMMUNITY_HEADS = frozenset({"First Nation", "Cree Nation", "Reservation"})
# "Palaui Island", "Kinmen Island": an island, or a town named so ("Long Island"); else the
# island a name inside reads as ("Taiwan Island" is Taiwan), else listed unresolved.
_ISLAND_HEADS = frozenset({"Island", "Islands"})
_HEADS = "|".join(sorted({*_AREA_HEADS, *_QUALIFIED_HEADS, *_TOWN_STRUCTURE_HEADS,
                          *_COMMUNITY_HEADS, *_ISLAND_HEADS}, key=lambda h: (-len(h), h)))
_FEATURE = re.compile(rf"((?:{_WORD}[ \t]+){{1,4}})({_HEADS})\b")
_NEXT_CAPITALISED = re.compile(r"[ \t]+[A-Z]")
_FEATURE_KINDS = frozenset({"water", "sea", "physical", "region", "county", "district",
                            "island", "training ground", "military area"})
_TOWN_KINDS = frozenset({"city", "town", "village", "capital"})

# Compass and inner/outer prefixes of Scandinavian and Finnish place names: "Vest-Finnmark"
# (West Finnmark), "Sør-Troms", "Indre Troms" (inner Troms), "Västra Götaland", "Pohjois-
# Karjala". The name is the part of the area named after the prefix.
_NORDIC_PREFIX = re.compile(
    r"(?<![\w-])(Nord|Nordre|Sør|Søndre|Syd|Øst|Østre|Vest|Vestre|Midt|Indre|Ytre|Norra|Södra|"
    r"Östra|Västra|Mellersta|Pohjois|Etelä|Itä|Länsi|Keski)(?:-|[ \t]+)([A-ZÆØÅÄÖ][\w'’]+)")

# Korean and Japanese administrative suffixes, romanised with a hyphen. Korean: neighbourhood
# (-dong), village (-ri), town (-eup), township (-myeon), ward (-gu), county (-gun), city
# (-si). Japanese: ward (-ku), city (-shi), town (-machi, -cho), village (-mura), prefecture
# (-ken). The suffix says which country's unit it is.
_UNIT_COUNTRY = {"dong": "KR", "ri": "KR", "eup": "KR", "myeon": "KR", "gu": "KR", "gun": "KR",
                 "si": "KR", "ku": "JP", "shi": "JP", "machi": "JP", "cho": "JP", "mura": "JP",
                 "ken": "JP"}
_EAST_ASIAN_UNIT = re.compile(
    r"(?<![\w-])([A-Z][a-z]+(?:-[a-z]+)?)-(" + "|".join(_UNIT_COUNTRY) + r")\b")
#: Both Koreas name their units alike ("Punggye-ri", "Kilju-gun" lie in the North): a name the
#: gazetteer knows whole counts in either.
_KOREAS = frozenset({"KR", "KP"})
#: Units inside a city: located at the city the article puts them in.
_WITHIN_CITY = frozenset({"dong", "ri", "eup", "myeon", "gu", "ku"})
# A capitalised word right before a hyphenated name makes it a person's given name ("Kim
# Yu-ri", "Lee Sang-gu"); a possessive ("Seoul's Jung-gu") does not.
_FAMILY_NAME_BEFORE = re.compile(r"[A-Z][a-z]+[ \t]+$")

# "the Clisbako area", "the Big Creek area": a name framed as an area of the map.
_NAMED_AREA = re.compile(rf"\b[Tt]he[ \t]+(?:[a-z]+[ \t]+)?((?:{_WORD}[ \t]+){{0,2}}{_WORD})"
                         r"[ \t]+area\b")

# A list of names: "Lyngen, Tromsø, Sør-Troms, Lofoten and Vesterålen, Ofoten, Salten and the
# Svartisen". Items are one to three capitalised words.
_ITEM = rf"{_WORD}(?:[ \t]+{_WORD}){{0,2}}"
_LIST = re.compile(
    rf"(?:the[ \t]+)?{_ITEM}(?:(?:[ \t]*,[ \t]*(?:and[ \t]+|or[ \t]+)?|[ \t]+(?:and|or)[ \t]+)"
    rf"(?:the[ \t]+)?{_ITEM})+")
_LIST_SEPARATOR = re.compile(r"[ \t]*,[ \t]*(?:and[ \t]+|or[ \t]+)?|[ \t]+(?:and|or)[ \t]+")
_LIST_MIN_PLACES = 2

# The two ends of a route or stretch: "between Stabbursdalen and Lakselv", "from Olderfjord –
# Honningsvåg", "from Kyiv to Lviv".
_ROUTE = re.compile(rf"\b(?:between|from)[ \t]+(?:the[ \t]+)?({_ITEM})[ \t]*(?:and|to|–|—|-)"
                    rf"[ \t]*(?:the[ \t]+)?({_ITEM})")

# A place named after a road number: "E6 Sennalandet", "E69 Nordkapptunnelen" (the stretch
# or tunnel of that road at the place).
_ROAD_PLACE = re.compile(rf"\b(?:[A-Z]{{1,2}}-?\d{{1,3}}[A-Z]?)[ \t]+(?:(?:over|across|at|through)"
                         rf"[ \t]+)?({_WORD})(?![\w-])")

# A name placed relative to a place: "Bora Ridge near Evans Head", "Bretti, northwest of
# Taree", "Torrington north of Glen Innes".
_DIRECTION = (r"(?:north|south|east|west)(?:-?(?:east|west))?|(?:north|south)(?:east|west)"
              r"(?:ern)?")
_RELATIVE = re.compile(
    rf"({_ITEM}),?[ \t]+(?:just[ \t]+)?(?:near|outside|(?:{_DIRECTION})[ \t]+of)[ \t]+"
    rf"(?:the[ \t]+)?({_ITEM})")
# A name inside a named feature or a feature inside a named place: "Carrai East in Willi
# Willi National Park", "Washpool State Forest in Coombadjha".
_INSIDE = re.compile(rf"({_ITEM})[ \t]+in[ \t]+(?:the[ \t]+)?({_ITEM})")

_ROAD_WORDS = re.compile(r"\b(?:[Rr]oads?|[Hh]ighways?|[Mm]otorways?|[Tt]unnels?|[Tt]raffic"
                         r"|[Dd]rivers?|[Ll]anes?|[Rr]outes?|[Bb]ridges?|closed|reopened)\b")


def _sentence_around(text: str, pos: int) -> str:
    """The sentence around ``pos``: between the last and the next full stop, line break,
    question or exclamation mark."""
    start = max(text.rfind(c, 0, pos) for c in ".!?\n") + 1
    ends = [e for e in (text.find(c, pos) for c in ".!?\n") if e >= 0]
    return text[start:min(ends) if ends else len(text)]


#: Words of the calendar and other capitalised words that are never the unknown place of a
#: list, a route or a road ("Monday and Tuesday", "from January to March").
_NEVER_PLACES = frozenset(
    w.lower() for w in (*calendar.day_name, *calendar.month_name, "Mr", "Mrs", "Ms", "Dr")
    if w)
#: Last words of streets, trails and tracks (drillmap leaves streets out, see the street mask
#: of :mod:`geo.extract.mentions`).
_WAY_WORDS = frozenset({"Trail", "Track", "Walk", "Way", "Drive", "Road", "Rd", "Street", "St",
                        "Lane", "Avenue", "Ave", "Close", "Crescent", "Terrace", "Place"})
_FUNCTION_WORDS = frozenset({"the", "a", "an", "and", "or", "of", "in", "on", "at", "to",
                             "for", "from", "by", "with", "this", "that", "these", "those"})
_NOT_A_PLACE_CATEGORIES = ("outlet", "organisation", "platform", "weapon", "exercise_name",
                           "not_a_place", "person", "org_word", "unit_word", "person_title",
                           "given_name", "role_noun", "common_word", "seat_of_government")


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _overlapping(mentions: Sequence[Mention], start: int, end: int) -> list[Mention]:
    return [m for m in mentions if m.start < end and start < m.end]


def _unknown_name(name: str, lexicon: Lexicon, look: GeocodeFn, *, given_names: bool = False
                  ) -> bool:
    """Whether ``name`` may be a place no rule read: capitalised words with lower-case letters
    (no acronym), no calendar word, nothing of the lexicon (a person, an organisation, a
    title, an ordinary word), no nationality, no ordinary English word on its own.

    ``given_names``: a given name or a word may be the name (before a head noun that says
    what kind of place it is and that often honours a person: "Wayne Township", "Jefferson
    Parish")."""
    words = name.split()
    if not words or not all(_capitalised(w) for w in words):
        return False
    if not any(c.islower() for c in name) or any(w.lower() in _NEVER_PLACES for w in words):
        return False
    if len(words) == 1 and name.lower() in common_english_words() and not given_names:
        return False
    if any(lexicon.has(category, name) for category in _NOT_A_PLACE_CATEGORIES
           if not (given_names and category == "given_name")):
        return False
    if any(lexicon.has(category, w) for w in words
           for category in ("org_word", "unit_word", "person_title")):
        return False
    if len(words) > 1 and lexicon.has("given_name", words[0]) and not given_names:
        return False  # "Walt Cobb"
    if len(words) > 1 and words[-1] in _WAY_WORDS:
        return False  # a street or a trail ("Liberation Trail"), not a place of the map
    found = look(name, (), None)
    return found is None or found.raw.get("match_stage") != "demonym"


class _Builder:
    """Adds mentions to an article's list, replacing shorter readings inside a new span."""

    def __init__(self, text: str, mentions: Sequence[Mention], locative: LocativeFn,
                 masked: MaskedFn) -> None:
        self.text = text
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.locative = locative
        self.masked = masked

    def covered(self, start: int, end: int) -> bool:
        """A mention already covers the whole span."""
        return any(m.start <= start and end <= m.end for m in self.mentions)

    def add(self, start: int, end: int, query: str, place: Place | None, note: str) -> bool:
        """Add a mention of ``text[start:end]`` unless a mention covers it or it is masked;
        mentions inside the span (a shorter reading of its words) give way."""
        if self.masked(start, end) or self.covered(start, end):
            return False
        inside = _overlapping(self.mentions, start, end)
        if any(m.start < start or m.end > end for m in inside):
            return False  # it would cut another mention: the rules there decide
        kept = [m for m in self.mentions if m not in inside]
        before = [m for m in kept if m.end <= start]
        locative, prep = self.locative(self.text, start, before)
        kept.append(Mention(
            article_id="", sentence="", surface=self.text[start:end], start=start, end=end,
            query=query, place=place, metonym=False, locative=locative, preposition=prep,
            origin="machine", note=note if place is None else (
                f"{place.note + '; ' if place.note else ''}{note}"), found_by="rules"))
        self.mentions = sorted(kept, key=lambda m: m.start)
        return True

    def reread(self, start: int, end: int, place: Place | None, note: str) -> bool:
        """Give the mention of exactly ``text[start:end]`` another reading (a river listed
        after "rivers" is no namesake town); add it when there is none."""
        same = [m for m in self.mentions if (m.start, m.end) == (start, end)]
        if not same:
            return self.add(start, end, self.text[start:end], place, note)
        self.mentions = sorted(
            [m for m in self.mentions if m not in same]
            + [replace(same[0], place=place, note=note, origin="machine")],
            key=lambda m: m.start)
        return True

    def resolved_at(self, start: int, end: int) -> Mention | None:
        """The resolved place mention that covers the span, if any."""
        return next((m for m in self.mentions if m.start <= start and end <= m.end
                     and m.place is not None and not m.metonym), None)


def with_local_places(text: str, mentions: Sequence[Mention], look: GeocodeFn,
                      bias: tuple[str, ...], lexicon: Lexicon, *, locative: LocativeFn,
                      masked: MaskedFn) -> list[Mention]:
    """The article's mentions with the local places the rules of this module find."""
    b = _Builder(text, mentions, locative, masked)
    _nordic_parts(b, look, bias)
    _admin_tails(b)
    _coasts(b)
    _admin_heads(b, look, lexicon)
    _features(b, look, bias)
    _prefixed_features(b, look, bias)
    _longer_names(b, look, bias)
    _national_qualifiers(b, look)
    _east_asian_units(b, look, bias)
    _barangays(b, look, lexicon)
    _named_areas(b, look, bias, lexicon)
    _route_ends(b, look, bias, lexicon)
    _relative_names(b, look, lexicon)
    _inside_features(b, look, lexicon)
    _list_members(b, look, bias, lexicon)
    _framed_names(b, look, bias, lexicon)
    _road_places(b, look, bias, lexicon)
    _listed_rivers(b, look, lexicon)
    _slash_lists(b, look, bias, lexicon)
    _short_site_names(b, lexicon, look)
    _settlements_including(b, look, bias, lexicon)
    _named_villages(b, look, bias, lexicon)
    _listed_villages(b, look, bias, lexicon)
    _named_islands(b, look, bias, lexicon)
    _parts_of_the_island(b)
    _bare_area_names(b, lexicon, look)
    _capitals_named_like_their_country(b)
    _areas_of_a_possessive_country(b, look)
    _lower_case_features(b, lexicon, look)
    _named_camps(b, lexicon, look)
    return b.mentions


def _nordic_parts(b: _Builder, look: GeocodeFn, bias: tuple[str, ...]) -> None:
    """"Vest-Finnmark", "Indre Troms": the part of the named county or region."""
    for m in _NORDIC_PREFIX.finditer(b.text):
        surface = m.group(0)
        whole = look(surface, bias, "region")
        if whole is not None and whole.kind in ("region", "county"):
            b.add(m.start(), m.end(), surface, whole, "")
            continue
        area = look(m.group(2), bias, "region")
        if area is None or area.kind not in ("region", "county"):
            continue
        part = replace(area, query=surface)
        b.add(m.start(), m.end(), surface, part,
              f"a part ({m.group(1)!r}) of {area.name!r}: located at its centre, within its "
              "extent")


_ADMIN_TAIL = re.compile(r"[ \t]+(?:Regional[ \t]+)?(District|County|Municipality|Borough|"
                         r"Shire|Prefecture|Province)\b(?![ \t]+[A-Z])")


def _admin_tails(b: _Builder) -> None:
    """"the Cariboo Region District": an admin head after a resolved area's name is part of
    the name (the gazetteer stripped one generic word; the rest is the same area)."""
    for m in list(b.mentions):
        if m.place is None or m.place.kind not in ("region", "county", "district"):
            continue
        tail = _ADMIN_TAIL.match(b.text, m.end)
        if tail is None:
            continue
        b.add(m.start, tail.end(), b.text[m.start:tail.end()], m.place,
              f"{tail.group(1).lower()} of {m.place.name!r}")


# A name before the word for its kind of local area: "Raigad district", "Wayne Township",
# "Harstad municipality".
_ADMIN_HEAD = re.compile(
    rf"({_WORD}(?:[ \t]+{_WORD}){{0,2}})[ \t]+(Township|[Mm]unicipality|[Bb]orough|Parish|"
    r"[Dd]istrict|County|[Pp]refecture|Shire|[Kk]ommune|Local[ \t]+Government[ \t]+Area|LGA)"
    r"\b(?![ \t]+[A-Z])")
#: Heads of local areas often named after a person ("Wayne Township", "Jefferson Parish").
_NAMESAKE_HEADS = frozenset({"township", "parish", "county", "borough"})


def _admin_heads(b: _Builder, look: GeocodeFn, lexicon: Lexicon) -> None:
    """A name followed by the word for its kind of local area is that area: located at the
    place the name alone resolves to (a town standing in for its municipality), else listed
    unresolved."""
    for m in _ADMIN_HEAD.finditer(b.text):
        start = _item_start(b.text, m.start(1), m.end(1))
        if start >= m.end(1) or b.covered(start, m.end()):
            continue
        inside = [x for x in _overlapping(b.mentions, start, m.end()) if x.place is not None]
        head = m.group(2).lower()
        surface = b.text[start:m.end()]
        if len(inside) == 1 and (inside[0].start, inside[0].end) == (start, m.end(1)):
            place = inside[0].place
            assert place is not None
            b.add(start, m.end(), surface, replace(place, query=surface),
                  f"the {head} of {place.name!r}: located at it")
        elif not inside and _unknown_name(b.text[start:m.end(1)], lexicon, look,
                                          given_names=head in _NAMESAKE_HEADS):
            b.add(start, m.end(), surface, None, f"a named {head}: not in the gazetteer")


# "the NSW mid-north coast", "Queensland's north coast": a stretch of an area's coast.
_COAST = re.compile(r"(?:['’]s)?[ \t]+((?:(?:mid|far|upper|lower)-?[ \t]?)?"
                    r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?[ \t-]+coast)\b")


def _coasts(b: _Builder) -> None:
    """"the NSW mid-north coast": the coast of a resolved area, in a direction (located at
    the area, within its extent)."""
    for m in list(b.mentions):
        if m.place is None or m.metonym or m.place.kind not in ("region", "county"):
            continue
        coast = _COAST.match(b.text, m.end)
        if coast is None:
            continue
        surface = coast.group(1)
        b.add(coast.start(1), coast.end(1), surface, replace(m.place, query=surface),
              f"the {coast.group(1)} of {m.place.name!r}: located at the area, within its "
              "extent")


def _features(b: _Builder, look: GeocodeFn, bias: tuple[str, ...]) -> None:
    """Names ending in a feature's head noun ("Kuma River", "Washpool State Forest")."""
    for m in _FEATURE.finditer(b.text):
        head = m.group(2)
        if _NEXT_CAPITALISED.match(b.text, m.end()):
            continue  # the run goes on: "Highway Patrol", "River Plate", "Forest Service"
        # The name: the words before the head, after a leading "The" or other function word.
        words = [(w.start(), w.group(0)) for w in re.finditer(r"\S+", b.text[:m.end(1)])
                 if w.start() >= m.start(1)]
        while words and words[0][1].lower() in _FUNCTION_WORDS:
            words = words[1:]
        if not words:
            continue
        if head in _QUALIFIED_HEADS and (len(words) < 2
                                         or words[-1][1] not in _QUALIFIED_HEADS[head]):
            continue  # "Central Park"; "National Park" alone names no park
        start, end = words[0][0], m.end()
        surface = b.text[start:end]
        if head in _TOWN_STRUCTURE_HEADS:
            core = b.text[start:m.start(2)].strip()
            town = look(core, bias, None)
            if (town is None or town.kind not in _TOWN_KINDS
                    or (bias and town.country_code not in bias)
                    or core.lower() in common_english_words()):
                if head == "Bridge" and core.lower() not in common_english_words():
                    # a bridge is a place whatever it is named after: listed, not dropped
                    b.add(start, end, surface, None, "a named bridge: not in the gazetteer")
                continue
            b.add(start, end, surface, replace(town, query=surface),
                  f"the {head.lower()} named after {town.name!r}: located at the town")
            continue
        if head in _COMMUNITY_HEADS:
            core = b.text[start:m.start(2)].strip()
            town = look(core, bias, None)
            if (town is not None and town.kind in _TOWN_KINDS and bias
                    and town.country_code in bias):
                b.add(start, end, surface, replace(town, query=surface),
                      f"the community of {town.name!r}: located at the town")
            else:
                b.add(start, end, surface, None,
                      f"a named {head} (a community): not in the gazetteer")
            continue
        place = look(surface, bias, None)
        if head in _ISLAND_HEADS:
            inside = [x.place for x in _overlapping(b.mentions, start, end)
                      if x.place is not None and x.place.kind in ("island", "country")]
            if place is None and len(inside) == 1:
                place = replace(inside[0], query=surface)
            note = ""
            if place is None and head == "Island":
                core = b.text[start:m.start(2)].strip()
                town = _island_reading(b, look(core, bias, None), bias, core)
                if town is not None and town.kind in _TOWN_KINDS:
                    place = replace(town, query=surface)
                    note = f"the island's namesake town {town.name!r} stands in for it"
            b.add(start, end, surface, place,
                  note if place is not None else "a named island: not in the gazetteer")
            continue
        if place is not None and place.kind not in _FEATURE_KINDS and not (
                place.source.startswith("data/")):
            place = None  # a namesake town is no reading of a river or a forest
        b.add(start, end, surface, place,
              "" if place is not None else f"a named {head.lower()}: not in the gazetteer")


# Head words before the name: "Lake Tahoe", "Loch Ness", "River Severn", "Mount Hood",
# "Isle of Skye". A mountain, cape or isle is small enough for a namesake town of the
# article's country to stand in for it ("Mount Fuji" at Fuji); a lake or a river is not.
_PREFIX_FEATURE = re.compile(
    rf"(?<![\w'’-])(Mount|Mt\.?|Lake|Loch|Lough|River|Cape|Isle[ \t]+of)[ \t]+"
    rf"((?:St\.?[ \t]+|Ste\.?[ \t]+)?{_WORD}(?:[ \t]+{_WORD}){{0,2}})")
_POINT_PREFIXES = frozenset({"Mount", "Mt", "Mt.", "Cape", "Isle of"})
_CAPITALISED_BEFORE = re.compile(r"[A-Z][\w'’-]*[ \t]+$")


def _prefixed_features(b: _Builder, look: GeocodeFn, bias: tuple[str, ...]) -> None:
    """Names after a feature's head word ("Lake Tahoe", "Mount Hood", "Isle of Skye")."""
    for m in _PREFIX_FEATURE.finditer(b.text):
        before = _CAPITALISED_BEFORE.search(b.text[max(0, m.start() - 40):m.start()])
        if _NEXT_CAPITALISED.match(b.text, m.end()) or (
                before is not None and before.group(0).split()[0].lower() not in _FUNCTION_WORDS):
            continue  # part of a longer name ("Crater Lake Lodge"); "The Isle of Skye" is not
        start, end = m.start(), m.end()
        if b.covered(start, end):
            continue
        surface = b.text[start:end]
        place = look(surface, bias, None)
        note = ""
        if place is None:
            head = " ".join(m.group(1).split())
            inside = [x for x in _overlapping(b.mentions, start, end) if x.place is not None]
            namesake = inside[0].place if len(inside) == 1 else None
            if (head in _POINT_PREFIXES and namesake is not None
                    and namesake.country_code in bias and namesake.kind in _TOWN_KINDS):
                place = replace(namesake, query=surface)
                note = f"located at the namesake town {namesake.name!r}"
            else:
                note = f"a named {head.lower()}: not in the gazetteer"
        b.add(start, end, surface, place, note)


# A resolved name is only part of a longer name when a word that makes place names is
# glued to it: a hyphen ("Spassk-Dalny", "Stockton-on-Tees", "Kami-Amakusa"), a word before
# it ("Little Saskatchewan", "Lake St. Martin") or a head word after it ("Willard Beach",
# "Casco Bay", "Ontario St").
_HYPHEN_AFTER = re.compile(rf"(?:-(?:on|upon|in|under|le|la|sur|en|am|an|de)?-?{_WORD})+")
_HYPHEN_BEFORE = re.compile(rf"{_WORD}-(?:(?:on|upon|in|under|le|la|sur|en|am|an|de)-)?$")
_NAME_WORD_BEFORE = re.compile(
    r"(?<![\w'’.-])(?:Little|Great|Upper|Lower|Old|Big|Grand|Port|Fort|Point|Glen|Lake|"
    r"Mount|Cape|Isle)[ \t]+$")
_NAME_HEAD_AFTER = re.compile(
    r"[ \t]+(?:Beach|Bay|Dam|Creek|Harbou?r|Heights|Falls|Springs|Point|Reservoir|Island|"
    r"Islands|Lagoon|Estate|Plains|(?:St|Rd|Ave)\b\.?|dam|reservoir|weir)(?![\w'’-])"
    r"(?![ \t]*[A-Z])")


_AND_NAME_AFTER = re.compile(rf"[ \t]+(?:and|&)[ \t]+{_WORD}(?:[ \t]+{_WORD})?")
_AREA_KINDS = frozenset({"country", "region", "county"})


def _longer_names(b: _Builder, look: GeocodeFn, bias: tuple[str, ...]) -> None:
    """A resolved name that is part of a longer name is read as that name, never as the
    shorter one: the longer name is resolved if the gazetteer knows it ("Spassk-Dalny"),
    else listed unresolved ("Little Saskatchewan" is no part of the province). Hyphenated
    names the gazetteer does not know are left alone: a hyphen also joins two names
    ("the Russia-Ukraine war")."""
    for m in list(b.mentions):
        if m.place is None or m.place.source.startswith("data/"):
            continue
        start, end = m.start, m.end
        hyphenated, head = False, None
        if (before := _HYPHEN_BEFORE.search(b.text[max(0, start - 40):start])) is not None:
            start, hyphenated = start - len(before.group(0)), True
        elif (word := _NAME_WORD_BEFORE.search(b.text[max(0, start - 12):start])) is not None:
            start -= len(word.group(0))
        if (after := _HYPHEN_AFTER.match(b.text, end)) is not None:
            end, hyphenated = after.end(), True
        elif (head := _NAME_HEAD_AFTER.match(b.text, end)) is not None:
            end = head.end()
        if (start, end) == (m.start, m.end):
            both = _AND_NAME_AFTER.match(b.text, end)
            whole = look(b.text[start:both.end()], bias, None) if both is not None else None
            if both is not None and whole is not None and whole.kind in _AREA_KINDS:
                # "Dumfries and Galloway", "Trinidad and Tobago": one area, not the town
                b.add(start, both.end(), b.text[start:both.end()], whole, "")
            continue
        if b.masked(start, end):
            continue
        surface = b.text[start:end]
        place = look(surface, bias, None)
        if place is None and hyphenated:
            continue  # two names joined ("Russia-Ukraine war", "US-Japan alliance")
        if place is None and head is not None and head.group(0).strip().startswith(
                "Island") and m.place.kind in ("island", "country"):
            place = replace(m.place, query=surface)  # "Taiwan Island" is Taiwan
        b.add(start, end, surface, place,
              "" if place is not None else
              f"a longer name than {m.surface!r}: not in the gazetteer, not read as "
              f"{m.place.name!r}")


# A nationality adjective right before a name: "Swedish Lapland", "Norwegian Finnmark".
_NATIONALITY_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][a-z]+)[ \t]+$")
_QUALIFIABLE_KINDS = frozenset({"region", "county", "district", *_TOWN_KINDS})


def _national_qualifiers(b: _Builder, look: GeocodeFn) -> None:
    """A nationality before a region's or town's name says which country's it is: "Swedish
    Lapland" is no part of Finnish Lappi. The name is read in that country when the
    gazetteer has it there; a town, or a name matched only as an alternate name, that it has
    only abroad is listed unresolved; an area of another country read by its own name
    ("Russian Crimea") is kept. The adjective becomes part of the mention."""
    for m in list(b.mentions):
        p = m.place
        if (p is None or p.kind not in _QUALIFIABLE_KINDS or p.source.startswith("data/")
                or any(w[:1].islower() for w in m.surface.split())):
            continue  # "the Russian Kant military base": whose base, not whose town
        adjective = _NATIONALITY_BEFORE.search(b.text[max(0, m.start - 20):m.start])
        if adjective is None:
            continue
        country = DEMONYMS.get(adjective.group(1).lower(), "")
        if len(country) != 2 or not country.isupper():
            continue  # not a nationality ("Northern"), or a continent's ("European")
        start = m.start - len(adjective.group(0))
        surface = b.text[start:m.end]
        if p.country_code == country:
            b.add(start, m.end, surface, replace(p, query=surface),
                  f"qualified by {adjective.group(1)!r}")
            continue
        there = look(m.query, (country,), None)
        if there is not None and there.country_code == country:
            b.add(start, m.end, surface, replace(there, query=surface),
                  f"{adjective.group(1)}: read in that country")
        elif p.kind in _TOWN_KINDS or p.raw.get("matched") == "alternate name":
            b.add(start, m.end, surface, None,
                  f"{adjective.group(1)}: the gazetteer has {m.surface!r} only in another "
                  f"country ({p.name}, {p.country_code}); not read there")


# Between a ward and the city it is in: other wards, "and", commas, then "in" or "of" ("Nishi-ku
# and Kita-ku in Hiroshima", "Jangsa-dong of Sokcho").
_TO_CITY = re.compile(r"(?:[ \t]*(?:,|and|[A-Z][a-z]+-[a-z]+))*[ \t]+(?:in|of)[ \t]+"
                      r"(?:the[ \t]+city[ \t]+of[ \t]+)?")


def _city_after(b: _Builder, pos: int, country: str) -> Place | None:
    """The town of ``country`` the text puts a ward in right after it ("... in Hiroshima")."""
    link = _TO_CITY.match(b.text, pos)
    if link is None:
        return None
    city = next((x for x in b.mentions if x.start == link.end()), None)
    if (city is None or city.place is None or city.place.country_code != country
            or city.place.kind not in _TOWN_KINDS):
        return None
    return city.place


def _unit_country_holds(place: Place, country: str) -> bool:
    """Whether ``place`` lies in the country a unit word implies (either Korea for a Korean
    word)."""
    return place.country_code == country or (
        country in _KOREAS and place.country_code in _KOREAS)


def _east_asian_units(b: _Builder, look: GeocodeFn, bias: tuple[str, ...]) -> None:
    """"Nangok-dong", "Gangneung-si", "Nishi-ku": a Korean or Japanese administrative unit.
    A city, county or prefecture is looked up by its name; a neighbourhood, village or ward
    is located at the city of its country the article names last before it ("the Nangok-dong
    area of the city"), with a city's precision; what cannot be located is listed
    unresolved."""
    for m in _EAST_ASIAN_UNIT.finditer(b.text):
        if _FAMILY_NAME_BEFORE.search(b.text[max(0, m.start() - 30):m.start()]):
            continue
        surface, unit = m.group(0), m.group(2)
        country = _UNIT_COUNTRY[unit]
        city_after = _city_after(b, m.end(), country) if unit in _WITHIN_CITY else None
        if city_after is not None:
            b.add(m.start(), m.end(), surface,
                  replace(city_after, query=surface,
                          precision_km=max(city_after.precision_km, 10.0)),
                  f"a {unit!r} (neighbourhood, village or ward) of {city_after.name!r}: "
                  "located at the city")
            continue
        place = look(surface, bias, None)
        if place is not None and _unit_country_holds(place, country):
            b.add(m.start(), m.end(), surface, place, "")
            continue
        if unit not in _WITHIN_CITY:
            core = look(m.group(1), bias, None)
            if core is not None and _unit_country_holds(core, country):
                b.add(m.start(), m.end(), surface, replace(core, query=surface),
                      f"{unit!r}: the administrative unit of {core.name!r}")
            else:
                b.add(m.start(), m.end(), surface, None,
                      f"a {country} administrative unit ({unit!r}): not in the gazetteer")
            continue
        cities = [x for x in b.mentions if x.end <= m.start() and x.place is not None
                  and x.place.country_code == country and x.place.kind in _TOWN_KINDS]
        if not cities:
            b.add(m.start(), m.end(), surface, None,
                  f"a {country} neighbourhood, village or ward ({unit!r}): not in the "
                  "gazetteer")
            continue
        city = cities[-1].place
        assert city is not None
        located = replace(city, query=surface, precision_km=max(city.precision_km, 10.0))
        b.add(m.start(), m.end(), surface, located,
              f"a {unit!r} (neighbourhood, village or ward) of {city.name!r}: located at the "
              "city")


# "Barangay Taglibi", "Brgy. San Isidro": a barangay, the Philippines' smallest unit (a village
# or a city's quarter).
_BARANGAY = re.compile(rf"\b(?:Barangay|Brgy\.|Bgy\.)[ \t]+({_WORD}(?:[ \t]+{_WORD}){{0,2}})")


#: Words of the bodies and officers named after the word "Barangay" (a council, a captain,
#: its peace-keeping "tanod", a hall, a health station).
_BARANGAY_BODY_WORDS = frozenset({
    "Team", "Council", "Hall", "Captain", "Chairman", "Chairperson", "Chairwoman", "Official",
    "Officials", "Tanod", "Tanods", "Office", "Health", "Peace", "Police", "Station",
    "School", "Center", "Centre", "Assembly", "Kagawad", "Elections", "Affairs", "Development",
})


def _barangays(b: _Builder, look: GeocodeFn, lexicon: Lexicon) -> None:
    """A barangay lies in the Philippine town the article names last before it: located
    there with a town's precision (10 km at least), else listed unresolved. A body named
    after the word ("the Barangay Peace Action Team", "Barangay Captain X") is none."""
    for m in _BARANGAY.finditer(b.text):
        start, end = m.start(), m.end()
        if (not _unknown_name(m.group(1), lexicon, look)
                and look(m.group(1), ("PH",), None) is None) or any(
                w in _BARANGAY_BODY_WORDS for w in m.group(1).split()):
            continue
        towns = [x.place for x in b.mentions if x.end <= start and x.place is not None
                 and x.place.country_code == "PH" and x.place.kind in _TOWN_KINDS]
        surface = b.text[start:end]  # "Taglibi" alone, read inside it, gives way
        if towns:
            town = towns[-1]
            b.add(start, end, surface,
                  replace(town, query=surface, precision_km=max(town.precision_km, 10.0)),
                  f"a barangay (village) of {town.name!r}: located at the town")
        else:
            b.add(start, end, surface, None, "a barangay (village): not in the gazetteer")


def _named_areas(b: _Builder, look: GeocodeFn, bias: tuple[str, ...], lexicon: Lexicon
                 ) -> None:
    """"the Clisbako area": the name of an area of the map."""
    for m in _NAMED_AREA.finditer(b.text):
        name = m.group(1)
        if b.covered(m.start(1), m.end(1)) or not _unknown_name(name, lexicon, look):
            continue
        b.add(m.start(1), m.end(1), name, None, "named as an area: not in the gazetteer")


def _route_ends(b: _Builder, look: GeocodeFn, bias: tuple[str, ...], lexicon: Lexicon
                ) -> None:
    """"between Stabbursdalen and Lakselv": when one end of a route is a place, so is the
    other: the gazetteer's town of that name in the article's country or near its towns,
    else listed unresolved."""
    for m in _ROUTE.finditer(b.text):
        ends = [(m.start(1), m.end(1)), (m.start(2), m.end(2))]
        known = [b.resolved_at(s, e) for s, e in ends]
        for (s, e), other in zip(ends, reversed(known), strict=True):
            if other is None or b.covered(s, e):
                continue
            name = b.text[s:e]
            if not _unknown_name(name, lexicon, look):
                continue
            _add_local_town(b, s, e, name, look, bias, "an end of a route",
                            "the gazetteer's town of that name in the article's country")


def _item_start(text: str, start: int, end: int) -> int:
    """Where a name item starts, after leading function words ("At Llangothlin")."""
    for w in re.finditer(r"\S+", text[start:end]):
        if w.group(0).lower() not in _FUNCTION_WORDS:
            return start + w.start()
    return end


_SENTENCE_START = re.compile(r"(?:^|[.!?][\"”’)]?[ \t]+|\n[ \t]*)$")


def _relative_names(b: _Builder, look: GeocodeFn, lexicon: Lexicon) -> None:
    """"Bora Ridge near Evans Head": a name placed near or in a direction from a resolved
    place is a place (listed unresolved: its distance is not stated)."""
    for m in _RELATIVE.finditer(b.text):
        anchor = b.resolved_at(m.start(2), m.end(2))
        s = _item_start(b.text, m.start(1), m.end(1))
        if anchor is None or s >= m.end(1) or _overlapping(b.mentions, s, m.end(1)):
            continue
        name = b.text[s:m.end(1)]
        if " " not in name and _SENTENCE_START.search(b.text[max(0, s - 3):s] or "\n"):
            continue  # "Wildfires near Kelowna": one word capitalised as a sentence opens
        if _unknown_name(name, lexicon, look):
            b.add(s, m.end(1), name, None,
                  f"placed relative to {anchor.surface!r}: not in the gazetteer")


def _inside_features(b: _Builder, look: GeocodeFn, lexicon: Lexicon) -> None:
    """"Carrai East in Willi Willi National Park", "Washpool State Forest in Coombadjha":
    a name in a named feature, or the name a feature lies in, is a place."""
    features = [m for m in b.mentions if m.note.startswith("a named ")]
    for m in _INSIDE.finditer(b.text):
        s = _item_start(b.text, m.start(1), m.end(1))
        ends = [(s, m.end(1)), (m.start(2), m.end(2))]
        for (a, e), (c, d) in zip(ends, reversed(ends), strict=True):
            if not _overlapping(features, c, d) or a >= e or _overlapping(b.mentions, a, e):
                continue
            name = b.text[a:e]
            if _unknown_name(name, lexicon, look):
                b.add(a, e, name, None, "named with a feature it lies in or contains: not "
                                        "in the gazetteer")


def _list_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The items of a list match, each without a leading function word ("In", "the")."""
    items: list[tuple[int, int]] = []
    pos = start
    for sep in [*_LIST_SEPARATOR.finditer(text, start, end), None]:
        stop = sep.start() if sep is not None else end
        for w in re.finditer(r"\S+", text[pos:stop]):
            if w.group(0).lower() not in _FUNCTION_WORDS:
                items.append((pos + w.start(), stop))
                break
        pos = sep.end() if sep is not None else end
    return items


def _list_members(b: _Builder, look: GeocodeFn, bias: tuple[str, ...], lexicon: Lexicon
                  ) -> None:
    """Names listed with places are places: a list with at least two resolved places (or
    one, first, after "in" or "at") and no other kind of name (a person, an organisation)
    makes its unknown names places: a town's namesake near the listed towns, else listed
    unresolved."""
    for m in _LIST.finditer(b.text):
        items = _list_items(b.text, m.start(), m.end())
        places = [b.resolved_at(s, e) for s, e in items]
        resolved = sum(p is not None for p in places)
        if resolved < _LIST_MIN_PLACES and not (
                resolved and len(items) >= _LIST_MIN_ITEMS_AFTER_AT
                and _LOCATIVE_BEFORE.search(b.text[max(0, items[0][0] - 12):items[0][0]])):
            continue  # one place, in a list after "at", "in" or "to", also makes a list
        unknown = [(s, e) for (s, e), p in zip(items, places, strict=True) if p is None
                   and not _overlapping(b.mentions, s, e)]
        if not all(_unknown_name(b.text[s:e], lexicon, look) for s, e in unknown):
            continue  # a person or an organisation in the list: not a list of places
        towns = [p.place for p in places if p is not None and p.place is not None
                 and _list_anchor(p.place)]
        for s, e in unknown:
            name = b.text[s:e]
            place = _namesake_near(look(name, bias, None), towns)
            if place is not None:
                b.add(s, e, name, place, "listed with places: its namesake near them")
            elif (among := _among_list_mates(name, towns)) is not None:
                b.add(s, e, name, among, "listed with places: located among them")
            else:
                b.add(s, e, name, None, "listed with places: not in the gazetteer")


# "the community of Sherridon", "the Town of Lynn Lake", "the villages of X and Y": names
# after a noun for a settlement and "of".
_SETTLEMENT_FRAME = re.compile(
    rf"\b(?i:towns?|villages?|communit(?:y|ies)|hamlets?|settlements?)[ \t]+of[ \t]+"
    rf"({_ITEM}(?:(?:[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+){_ITEM})*)")


# A reporting verb right after a name: the name is the one who speaks, not a list item.
_SPEAKS_AFTER = re.compile(
    r"[ \t]+(?:said|says|told|added|explained|noted|stated|wrote|warned|confirmed)\b")


def _framed_names(b: _Builder, look: GeocodeFn, bias: tuple[str, ...], lexicon: Lexicon
                  ) -> None:
    """Names the text calls a town, village or community are places: the gazetteer's town of
    that name when it lies in a country the article is about or near its other towns (the
    frame says it is a town, whatever its size: "the town of Doboj" in news of Bosnia),
    listed unresolved otherwise (a person or an organisation is left out)."""
    for m in _SETTLEMENT_FRAME.finditer(b.text):
        if b.text[m.start()].isupper() and _CAPITALISED_BEFORE.search(
                b.text[max(0, m.start() - 40):m.start()]):
            continue  # "the Economic Community of West African States": an organisation
        for s, e in _list_items(b.text, m.start(1), m.end(1)):
            name = b.text[s:e]
            if _overlapping(b.mentions, s, e) or not _unknown_name(name, lexicon, look):
                continue
            if s > m.start(1) and _SPEAKS_AFTER.match(b.text, e):
                continue  # "the hamlet of Kimmirut, Whitecross said": the speaker
            _add_local_town(b, s, e, name, look, bias, "named as a settlement",
                            "the gazetteer's town of that name in the article's country")


# "homes at risk at Warwick, Millmerran, Cecil Plains and Cooby Creek", "roads out of the town
# to Clonakilty, Crossbarry, and Kilbritain", "the collapsed sections are at Bil Bil, Bulkanotu
# and Bura": a list of three or more after a locative preposition, one item of it a place, is
# a list of places.
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|on|near|around|to)[ \t]+$")
_LIST_MIN_ITEMS_AFTER_AT = 3  # "at Dingwall Station and the Kessock Bridge" is no such list


#: A town listed with towns lies within this of one of them ("Grantham, Gatton, Minden and
#: Prenzlau": villages of one valley).
_LIST_NEIGHBOUR_KM = 100.0


#: Listed places sharing a first word with an unknown list-mate and lying within this of each
#: other locate it ("Gili Trawangan, Gili Meno and Gili Air": three islets 5 km apart, one
#: family of names). Villages listed together without such a name say too little: in
#: "Grantham, Gatton, Minden and Prenzlau" Prenzlau lies beyond the first two.
_LIST_CLUSTER_KM = 10.0


def _list_anchor(place: Place) -> bool:
    """Whether a listed place can say where its list-mates are: a town, or an island small
    enough for a namesake within ``_LIST_NEIGHBOUR_KM`` of it to be near it ("Iturup,
    Kunashir, Shikotan and Habomai")."""
    return place.kind in _TOWN_KINDS or (
        place.kind == "island" and place.precision_km <= _LIST_NEIGHBOUR_KM)


def _among_list_mates(name: str, mates: Sequence[Place]) -> Place | None:
    """A listed name the gazetteer lacks, located among its list-mates when they all share
    its first word ("Gili Meno" among "Gili Trawangan" and "Gili Air") and two or more of them
    lie within ``_LIST_CLUSTER_KM`` of each other: their centre, with a precision that reaches
    the farthest of them and 10 km beyond (a family of names listed together names
    neighbours; a list spread wider says nothing about where one item is)."""
    family = name.split()[0]
    points = [m for m in mates if m.precision_km <= _LIST_CLUSTER_KM
              and len(name.split()) > 1 and m.name.split()[0] == family]
    if len(points) < 2 or len(points) != len(mates):
        return None
    if max(_great_circle_km(a.lat, a.lon, c.lat, c.lon) for a in points for c in points
           ) > _LIST_CLUSTER_KM:
        return None
    lat = sum(m.lat for m in points) / len(points)
    lon = sum(m.lon for m in points) / len(points)
    reach = max(_great_circle_km(lat, lon, m.lat, m.lon) + m.precision_km for m in points)
    mates_named = ", ".join(repr(m.name) for m in points)
    note = (f"listed with {mates_named}, which lie within {_LIST_CLUSTER_KM:.0f} km of each "
            f"other: located among them (the gazetteer lacks {name!r})")
    return replace(points[0], name=name, query=name, lat=lat, lon=lon,
                   precision_km=round(reach + 10.0, 1), source="listed places", note=note,
                   candidates=(), raw={"among": [m.name for m in points]})


def _namesake_near(place: Place | None, towns: Sequence[Place]) -> Place | None:
    """``place`` if it is a town within ``_LIST_NEIGHBOUR_KM`` of one of ``towns``."""
    if place is None or place.kind not in _TOWN_KINDS:
        return None
    if any(_great_circle_km(place.lat, place.lon, t.lat, t.lon) <= _LIST_NEIGHBOUR_KM
           for t in towns):
        return place
    return None


def _town_of_the_article(b: _Builder, place: Place | None, bias: tuple[str, ...]
                         ) -> Place | None:
    """``place`` if it is a town in a country the article is about (``bias``) or near one of
    the towns the article resolved; a namesake elsewhere is no reading of a name the text
    frames as a local place."""
    if place is None or place.kind not in _TOWN_KINDS:
        return None
    if place.country_code and place.country_code in bias:
        return place
    towns = [m.place for m in b.mentions if m.place is not None and m.place.kind in _TOWN_KINDS]
    return _namesake_near(place, towns)


def _add_local_town(b: _Builder, start: int, end: int, name: str, look: GeocodeFn,
                    bias: tuple[str, ...], framing: str,
                    found: str = "the gazetteer's town of the article's country") -> None:
    """Add a name the text frames as a local place (``framing``): the gazetteer's town of
    that name when it lies in the article's country or near its towns
    (:func:`_town_of_the_article`), else listed unresolved; the note says which."""
    town = _town_of_the_article(b, look(name, bias, None), bias)
    b.add(start, end, name, town,
          f"{framing}: {found if town is not None else 'not in the gazetteer'}")


def _great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (spherical Earth, radius 6371 km): enough to say "near"."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _road_places(b: _Builder, look: GeocodeFn, bias: tuple[str, ...], lexicon: Lexicon
                 ) -> None:
    """"E6 Sennalandet": the place a numbered road's stretch or tunnel is named after, in a
    sentence about roads (so "F-16 Fighting Falcon" is no road)."""
    for m in _ROAD_PLACE.finditer(b.text):
        name = m.group(1)
        if b.covered(m.start(1), m.end(1)) or not _unknown_name(name, lexicon, look):
            continue
        if not _ROAD_WORDS.search(_sentence_around(b.text, m.start())):
            continue
        b.add(m.start(1), m.end(1), name, None,
              "a place on a numbered road: not in the gazetteer")


# Names a lower-case "river" or "rivers" introduces or closes: "the rivers Jacuí, Sinos and
# Caí", "the river Kabali", "the Duruji and Shoreokhevi rivers" (news translated into English
# and wire copy write the head in lower case, and a plural head serves a whole list).
_RIVERS_BEFORE = re.compile(
    rf"(?<![\w'’-])rivers?[ \t]+({_ITEM}(?:(?:{_LIST_SEPARATOR.pattern}){_ITEM})*)")
_RIVERS_AFTER = re.compile(
    rf"({_ITEM}(?:(?:{_LIST_SEPARATOR.pattern}){_ITEM})*)[ \t]+rivers\b")
# "along Seti river in Baitadi": one name before a lower-case singular "river" (English news of
# South Asia and Africa write it so); the name is a river, not a namesake town.
_RIVER_AFTER = re.compile(rf"(?<![\w'’-])({_WORD})[ \t]+river\b(?![ \t]+[A-Z])")
_WATER_KINDS = frozenset({"water", "sea", "physical"})


def _listed_rivers(b: _Builder, look: GeocodeFn, lexicon: Lexicon) -> None:
    """Names after "the river(s)" or before "rivers" are rivers: listed unresolved, never
    put at a namesake town ("Jacuí" of "the rivers Jacuí, Sinos" is not the town of Jacuí in
    Minas Gerais); a water feature the gazetteer knows keeps its reading."""
    spans: list[tuple[int, int]] = []
    for m in _RIVERS_BEFORE.finditer(b.text):
        if m.group(0).startswith("river ") and not _PRECEDED_BY_THE.search(
                b.text[max(0, m.start() - 5):m.start()]):
            continue  # "river Kabali" only after "the": "a river Jacob crossed" is no name
        spans += _list_items(b.text, m.start(1), m.end(1))
    for m in _RIVERS_AFTER.finditer(b.text):
        spans += _list_items(b.text, m.start(1), m.end(1))
    for m in _RIVER_AFTER.finditer(b.text):
        if b.text[m.start(1):m.end(1)].lower() not in _FUNCTION_WORDS:
            spans.append((m.start(1), m.end(1)))
    for s, e in spans:
        name = b.text[s:e]
        known = [x for x in _overlapping(b.mentions, s, e)]
        if any((x.start, x.end) != (s, e) for x in known):
            continue  # another reading spans more or less than the name: leave it
        if known and (known[0].place is None or known[0].place.kind in _WATER_KINDS):
            continue  # already read as an unknown or a water feature
        if not known and not _unknown_name(name, lexicon, look):
            continue
        b.reread(s, e, None, "a river (named with 'river' or 'rivers'): not in the gazetteer")


_PRECEDED_BY_THE = re.compile(r"\b[Tt]he[ \t]+$")

# Names joined by slashes: "CHARSADDA/NOWSHERA" (a dateline of two towns), "the Tilshead/
# Chitterne road".
_SLASHED = re.compile(rf"(?<![\w/])({_WORD}(?:/{_WORD})+)(?![\w/])")


def _slash_lists(b: _Builder, look: GeocodeFn, bias: tuple[str, ...], lexicon: Lexicon
                 ) -> None:
    """Names joined by slashes with a resolved place are places too: the gazetteer's town
    of the article's country or near its towns, else listed unresolved."""
    for m in _SLASHED.finditer(b.text):
        items, pos = [], m.start(1)
        for part in m.group(1).split("/"):
            items.append((pos, pos + len(part)))
            pos += len(part) + 1
        if not any(b.resolved_at(s, e) for s, e in items):
            continue
        for s, e in items:
            name = b.text[s:e]
            if not any(c.islower() for c in name):
                name = name.title()  # a dateline in capitals: "CHARSADDA/NOWSHERA"
            if _overlapping(b.mentions, s, e) or not _unknown_name(name, lexicon, look):
                continue
            _add_local_town(b, s, e, name, look, bias, "joined by '/' to a place")


# The head words of a site named once in full and later without them: "the Wadi Shadiya
# training range ... the battalion assigned to Wadi Shadiya".
_SITE_TAIL = re.compile(
    r"[ \t]+(?:(?:live[- ]fire|firing|training|artillery|air|bombing|test)[ \t]+)?"
    r"(?:range|ranges|ground|grounds|area|polygon|base|airfield|camp|Range|Ranges|"
    r"Training[ \t]+Area|Training[ \t]+Ground)$")


def _short_site_names(b: _Builder, lexicon: Lexicon, look: GeocodeFn) -> None:
    """A site named in full ("Wadi Shadiya training range") is meant again by the name
    without its head words ("Wadi Shadiya"): the same reading, resolved or not."""
    for site in list(b.mentions):
        tail = _SITE_TAIL.search(site.surface)
        if tail is None or " " not in site.surface[:tail.start()].strip():
            continue  # one word before the head ("Camp", "Air") is too weak to look for
        core = site.surface[:tail.start()].strip()
        for m in re.finditer(rf"(?<![\w'’-]){re.escape(core)}(?![\w'’-])", b.text):
            if m.start() == site.start or _overlapping(b.mentions, m.start(), m.end()):
                continue
            if _NEXT_CAPITALISED.match(b.text, m.end()) or not _unknown_name(core, lexicon,
                                                                               look):
                continue
            b.add(m.start(), m.end(), core, site.place,
                  f"the short form of {site.surface!r}" + (
                      "" if site.place is not None else ": not in the gazetteer"))


# Settlements described, then listed: "affected villages and towns in various union councils
# in Tangi tehsil, including Abazai, Katozai, Tarnab", "hit the region's villages, such as
# Omahu and Fernhill". The list follows "including", "such as" or "namely" in the sentence
# that names the kind of settlement.
_SETTLEMENTS_INCLUDING = re.compile(
    rf"\b(?i:villages|towns|communities|hamlets|settlements|suburbs|localities)\b[^.!?\n]{{0,80}}?"
    rf",?[ \t]+(?:including|such[ \t]+as|namely)[ \t]+"
    rf"({_ITEM}(?:(?:{_LIST_SEPARATOR.pattern}){_ITEM})*)")


def _settlements_including(b: _Builder, look: GeocodeFn, bias: tuple[str, ...],
                           lexicon: Lexicon) -> None:
    """Names listed after "villages ... including" are settlements: the gazetteer's town of
    the article's country or near its towns, else listed unresolved."""
    for m in _SETTLEMENTS_INCLUDING.finditer(b.text):
        items = _list_items(b.text, m.start(1), m.end(1))
        unknown = [(s, e) for s, e in items if not _overlapping(b.mentions, s, e)]
        if not all(_unknown_name(b.text[s:e], lexicon, look) for s, e in unknown):
            continue  # a person or an organisation in the list: not a list of settlements
        for s, e in unknown:
            name = b.text[s:e]
            _add_local_town(b, s, e, name, look, bias, "listed as a settlement")


# "a family from Mulanjo village in Madogo Division": a name before a lower-case word for a
# settlement.
_NAME_VILLAGE = re.compile(rf"({_WORD}(?:[ \t]+{_WORD}){{0,2}})[ \t]+(village|hamlet)\b")
# A people's adjective in "-ese" ("the Arakanese village", "a Burmese hamlet") describes the
# settlement; it is not its name.
_PEOPLE_ADJECTIVE = re.compile(r"[A-Z][a-z]+ese")
# "Arakanese village Kai Gyee": a name right after the word is the settlement's (the word
# before it describes it).
_VILLAGE_NAME = re.compile(rf"\b(village|hamlet)[ \t]+({_WORD}(?:[ \t]+{_WORD}){{0,2}})")


def _named_villages(b: _Builder, look: GeocodeFn, bias: tuple[str, ...], lexicon: Lexicon
                    ) -> None:
    """A name before "village" or "hamlet" is a settlement: the gazetteer's town of the
    article's country or near its towns, else listed unresolved."""
    spans = [(m.start(1), m.end(1), m.group(2)) for m in _NAME_VILLAGE.finditer(b.text)
             if not _VILLAGE_NAME.match(b.text, m.start(2))]
    spans += [(m.start(2), m.end(2), m.group(1)) for m in _VILLAGE_NAME.finditer(b.text)]
    for start, end, word in spans:
        s = _item_start(b.text, start, end)
        if s >= end or _overlapping(b.mentions, s, end):
            continue
        name = b.text[s:end]
        if not _unknown_name(name, lexicon, look) or _PEOPLE_ADJECTIVE.fullmatch(name):
            continue
        _add_local_town(b, s, end, name, look, bias, f"named as a {word}")


_POSSESSIVE_AFTER = re.compile(r"['’]s[ \t]+$")


def _areas_of_a_possessive_country(b: _Builder, look: GeocodeFn) -> None:
    """"Georgia's Western Region of Kakheti": an area named after a country's possessive
    lies in that country. A reading in another country (Uganda's Western Region) is read
    again in the owner's country, else listed unresolved, never put on another continent."""
    mentions = list(b.mentions)
    for owner, m in zip(mentions, mentions[1:], strict=False):
        if (owner.place is None or owner.place.kind != "country" or m.place is None
                or m.place.kind in ("country", "continent")
                or m.place.country_code in ("", owner.place.country_code)
                or not _POSSESSIVE_AFTER.fullmatch(b.text[owner.end:m.start])):
            continue
        again = look(m.query or m.surface, (owner.place.country_code,), None)
        if again is not None and again.country_code == owner.place.country_code:
            b.reread(m.start, m.end, again, f"an area of {owner.place.name!r}, named with "
                                            "its possessive")
        else:
            b.reread(m.start, m.end, None, f"named as an area of {owner.place.name!r}: not "
                                           "in the gazetteer there")


# A name before a lower-case feature word: "Sambisa forest", "the Gudrukhi river", "the
# Pankisi gorge", "the Mayu mountain range" (translated news and wire copy write the head in
# lower case).
_LOWER_FEATURE = re.compile(
    rf"({_WORD}(?:[ \t]+{_WORD})?)[ \t]+(river|forest|valley|gorge|desert|hills|"
    r"mountain[ \t]+range|mountains|plateau|peninsula|delta|swamp|lagoon|creek|reservoir)\b")


def _lower_case_features(b: _Builder, lexicon: Lexicon, look: GeocodeFn) -> None:
    """An unknown name before a lower-case feature word is that feature: listed unresolved.
    Only names no rule read: a known place before the word keeps its reading ("the Jordan
    valley")."""
    for m in _LOWER_FEATURE.finditer(b.text):
        s = _item_start(b.text, m.start(1), m.end(1))
        if s >= m.end(1) or _overlapping(b.mentions, s, m.end()):
            continue
        name = b.text[s:m.end(1)]
        if not _unknown_name(name, lexicon, look) or look(name, (), None) is not None:
            continue
        b.add(s, m.end(), b.text[s:m.end()], None,
              f"a named {m.group(2)}: not in the gazetteer")


# "Camp Linton", "Camp Bondsteel", "Camp Norio": a military camp named after its head word.
_NAMED_CAMP = re.compile(rf"(?<![\w'’-])Camp[ \t]+({_WORD})(?![ \t]+[A-Z])")


def _named_camps(b: _Builder, lexicon: Lexicon, look: GeocodeFn) -> None:
    """"Camp X" is a base: listed unresolved when no rule read it (the gazetteer's namesake
    town of X is no reading of the camp)."""
    for m in _NAMED_CAMP.finditer(b.text):
        if _overlapping(b.mentions, m.start(), m.end()) or lexicon.has("given_name", m.group(1)):
            continue
        b.add(m.start(), m.end(), m.group(0), None, "a named camp (a base): not in the "
                                                    "gazetteer")


# "Mogola, Ngaiwa, Tongule and Warsele villages": a list of names before a plural lower-case
# noun for settlements (the noun serves every item).
_VILLAGES_AFTER = re.compile(
    rf"({_ITEM}(?:(?:{_LIST_SEPARATOR.pattern}){_ITEM})+)[ \t]+(villages|hamlets|settlements)\b")


def _listed_villages(b: _Builder, look: GeocodeFn, bias: tuple[str, ...], lexicon: Lexicon
                     ) -> None:
    """Names listed before "villages" or "hamlets" are settlements: the gazetteer's town of
    the article's country or near its towns, else listed unresolved (a list holding a person
    or an organisation is left alone)."""
    for m in _VILLAGES_AFTER.finditer(b.text):
        items = _list_items(b.text, m.start(1), m.end(1))
        unknown = [(s, e) for s, e in items if not _overlapping(b.mentions, s, e)]
        if not all(_unknown_name(b.text[s:e], lexicon, look) for s, e in unknown):
            continue
        for s, e in unknown:
            name = b.text[s:e]
            _add_local_town(b, s, e, name, look, bias, f"listed as one of the {m.group(2)}")


# "the small island of Elafonissos", "the island of Tanna", "Tanna island": a name the text
# calls an island (the capitalised "Tanna Island" is a feature name, read by _features).
_ISLAND_OF = re.compile(
    rf"\b(?i:island)[ \t]+of[ \t]+({_WORD}(?:[ \t]+{_WORD})?)")
_NAME_ISLAND = re.compile(rf"(?<![\w'’-])({_WORD})[ \t]+island\b(?![ \t]+(?:[A-Z]|of\b))")
# "the St Kilda archipelago", "the Chagos archipelago": the name of a group of islands.
_NAME_ARCHIPELAGO = re.compile(
    rf"(?<![\w'’-])({_WORD}(?:[ \t]+{_WORD})?)[ \t]+archipelago\b(?![ \t]+[A-Z])")
# An article before "X island" makes X a description ("off an Alaskan island", "the Greek
# island of Evia"), not the island's name.
_ARTICLE_BEFORE = re.compile(r"\b(?:[Aa]n?|[Tt]he)[ \t]+$")
_ISLAND_READINGS = frozenset({"island", "country", "region", "county"})


def _country_named_elsewhere(b: _Builder, country: str, surface: str) -> bool:
    """Whether a mention of another name than ``surface`` lies in ``country`` (a namesake
    city of a million people puts its country among the article's own: that is no sign)."""
    return any(m.place is not None and m.place.country_code == country
               and m.surface != surface for m in b.mentions)


def _island_reading(b: _Builder, place: Place | None, bias: tuple[str, ...], surface: str
                    ) -> Place | None:
    """What a name the text calls an island may be located at: the gazetteer's island, or its
    town in a country the article's other places lie in (a village often bears its island's
    name: Elafonisos); never a namesake town abroad ("Tanna" of Vanuatu is not Thane)."""
    if place is None or not _country_named_elsewhere(b, place.country_code, surface):
        return None
    if place.kind in _ISLAND_READINGS:
        return place
    return _town_of_the_article(b, place, bias)


def _named_islands(b: _Builder, look: GeocodeFn, bias: tuple[str, ...], lexicon: Lexicon
                   ) -> None:
    """A name the text calls an island is a place: located at the gazetteer's island or at a
    town of the article's country bearing its name, else listed unresolved; every mention of
    that name read as a namesake town abroad is read again so."""
    islands: dict[str, Place | None] = {}
    framed = [(m.start(1), m.end(1), m.end(1)) for m in _ISLAND_OF.finditer(b.text)]
    framed += [(m.start(1), m.end(1), m.end()) for m in _NAME_ISLAND.finditer(b.text)
               if not _ARTICLE_BEFORE.search(b.text, max(0, m.start() - 5), m.start())]
    framed += [(m.start(1), m.end(1), m.end(1)) for m in _NAME_ARCHIPELAGO.finditer(b.text)]
    for s, e, end in framed:
        name = b.text[s:e]
        known = [x for x in _overlapping(b.mentions, s, end)]
        if any(x.start < s or x.end > end for x in known):
            continue  # a longer reading ("Long Island Sound") decides
        if not known and not _unknown_name(name, lexicon, look):
            continue
        hinted = look(f"{name} Island", bias, "island")  # the gazetteer's island, if any
        first = hinted if hinted is not None and hinted.kind == "island" else (
            known[0].place if known else look(name, bias, None))
        place = _island_reading(b, first, bias, name)
        islands[name] = place
        note = "named as an island" + ("" if place is not None else ": not in the gazetteer")
        if known:
            b.reread(known[0].start, known[0].end, place, note) if (
                known[0].start, known[0].end) == (s, end) else None
        if not b.covered(s, end):
            b.add(s, end, b.text[s:end], place, note)
    for m in list(b.mentions):
        if m.surface not in islands or m.place is None or m.place.kind not in _TOWN_KINDS:
            continue
        island = islands[m.surface]
        if island is None:
            b.reread(m.start, m.end, None,
                     "named as an island elsewhere in the article: not a namesake town abroad")
        elif island.kind == "island":
            b.reread(m.start, m.end, replace(island, query=m.surface),
                     "named as an island elsewhere in the article: the island")


# "the Kubura district of the island", "the village of X on the island": a part the text puts
# on the island it named before.
_PART_OF_THE_ISLAND = re.compile(
    rf"\b[Tt]he[ \t]+({_WORD}(?:[ \t]+{_WORD})?)[ \t]+(?:district|village|area|quarter|"
    rf"port|harbou?r)[ \t]+(?:of|on)[ \t]+the[ \t]+island\b")
#: An island small enough for a part of it to be located at its point within 25 km or so.
_SMALL_ISLAND_KM = 30.0


def _parts_of_the_island(b: _Builder) -> None:
    """A named part of "the island" ("the Kubura district of the island") lies on the island
    the article named last before it: located there with the island's precision, when that
    island is small (a part of Borneo could be anywhere on it)."""
    for m in _PART_OF_THE_ISLAND.finditer(b.text):
        islands = [x for x in b.mentions if x.end <= m.start() and x.place is not None
                   and x.place.kind == "island"]
        if not islands or (island := islands[-1].place) is None or (
                island.precision_km > _SMALL_ISLAND_KM):
            continue
        start, end = m.start(1), m.end(1)
        known = _overlapping(b.mentions, start, end)
        if any(x.place is not None for x in known):
            continue  # the gazetteer knew the part
        located = replace(island, query=b.text[start:end])
        note = f"a part of the island {island.name!r}: located at the island"
        for x in known:
            b.reread(x.start, x.end, replace(located, query=x.surface), note)
        if not known:
            b.add(start, end, b.text[start:end], located, note)


# A local area named with its type word ("Bugesera district", "Borno State"), then bare.
_AREA_TYPE_TAIL = re.compile(
    r"[ \t]+(?:[Dd]istrict|County|[Cc]ounty|[Pp]rovince|[Mm]unicipality|State|"
    r"Local[ \t]+Government[ \t]+Area|LGA|[Pp]refecture|[Dd]epartment)$")
#: Readings of an area named with its type word that its bare name may take.
_BARE_AREA_KINDS = frozenset({"region", "county", "district"})


def _bare_area_names(b: _Builder, lexicon: Lexicon, look: GeocodeFn) -> None:
    """"the exercise is under way in Bugesera district ... the academy in Bugesera": an area
    the article named with its type word is the same area when the name later stands alone
    (the gazetteer indexes second-level areas with their type word only)."""
    areas: dict[str, Mention] = {}
    for m in b.mentions:
        tail = _AREA_TYPE_TAIL.search(m.surface)
        if tail is None or tail.start() == 0:
            continue
        stem = m.surface[:tail.start()].strip()
        if m.place is not None and m.place.kind not in _BARE_AREA_KINDS:
            continue
        if stem and stem[0].isupper() and stem.lower() not in _FUNCTION_WORDS:
            areas.setdefault(stem, m)
    for stem, area in areas.items():
        for hit in re.finditer(rf"(?<![\w'’-]){re.escape(stem)}(?![\w'’-])", b.text):
            s, e = hit.start(), hit.end()
            if _overlapping(b.mentions, s, e) or not _unknown_name(stem, lexicon, look):
                continue
            b.add(s, e, stem, area.place,
                  f"the area named {area.surface!r} earlier in the article")


_CAPITAL_KINDS = frozenset({"capital", "city", "town"})


_COMMA_GAP = re.compile(r",[ \t]+")


def _repeated_after_comma(text: str, end: int, name: str) -> bool:
    """Whether ``text`` goes on at ``end`` with a comma, spaces and ``name`` again as a whole
    word ("Djibouti, Djibouti"); without a pattern per name, as every country is asked."""
    gap = _COMMA_GAP.match(text, end)
    if gap is None or not text.startswith(name, gap.end()):
        return False
    after = text[gap.end() + len(name):gap.end() + len(name) + 1]
    return not (after.isalnum() or after in ("_", "-", "'", "’"))


def _capitals_named_like_their_country(b: _Builder) -> None:
    """"Djibouti, Djibouti and Port Louis, Mauritius": a country's name right before a comma
    and the same name is the city of that name in it (the city, then its country, as for
    "Port Louis, Mauritius"), located at the gazetteer's candidate city."""
    for m in list(b.mentions):
        place = m.place
        if place is None or place.kind != "country":
            continue
        if not _repeated_after_comma(b.text, m.end, m.surface):
            continue
        city = next((c for c in place.candidates if isinstance(c, Candidate)
                     and c.kind in _CAPITAL_KINDS
                     and c.country_code == place.country_code
                     and c.name.lower() == place.name.lower()), None)
        if city is None:
            continue
        b.reread(m.start, m.end, replace(
            place, name=city.name, lat=city.lat, lon=city.lon, kind=city.kind,
            precision_km=min(place.precision_km, 10.0), source=city.source, geometry=None,
            raw={**dict(place.raw), "area_iso2": None}),
            f"the city {city.name!r} named with its country after a comma")
