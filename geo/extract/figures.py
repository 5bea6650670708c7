"""Find force figures (troops, aircraft, ships, tanks) in a clause."""

from __future__ import annotations

import re

from geo.extract.dates import _NUMBER_WORDS
from geo.extract.lexicon import Lexicon
from geo.extract.mentions import _named_ships
from geo.extract.results import ForceFigures
from geo.model.event import ForceFigure

__all__ = ["find_force_figures", "ship_counts"]


_QUALIFIER = (r"(?:(?i:(about|around|some|up to|nearly|almost|over|more than|at least"
              r"|approximately|roughly|as many as|several|a few|fewer than|less than|under"
              r"|an estimated|estimated))\s+)?")


_NUMBER = (r"(\d{1,3}(?:[,\u00a0 ]\d{3})+|\d+(?:\.\d+)?|(?i:a|an|one|two|three|four|five|six"
           r"|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
           r"|eighteen|nineteen|twenty|thirty|forty|fifty|several|a few|dozens of|hundreds of"
           r"|thousands of|tens of thousands of))")


_SCALE = r"(?:\s+(thousand|million|hundred))?"


_TROOPS = re.compile(
    r"\b" + _QUALIFIER + _NUMBER + _SCALE + r"\s+(?:(?:[A-Z][a-z]+|military|active|extra"
    r"|additional|more|combat|ground|elite|of\s+(?:their|its|the))\s+){0,2}"
    r"(troops|soldiers|servicemen|service members|servicepeople|personnel|paratroopers|marines"
    r"|military personnel|reservists|conscripts)\b")


_AIRCRAFT = re.compile(
    r"\b" + _QUALIFIER + _NUMBER + _SCALE + r"\s+(?:(?:military|combat|fighter|attack|transport"
    r"|[A-Z][a-z]+)\s+){0,2}(aircraft and helicopters|planes and helicopters|aircraft"
    r"|warplanes|planes|fighter jets|jets|bombers|helicopters|fighters)\b")


_TANKS = re.compile(r"\b" + _QUALIFIER + _NUMBER + _SCALE + r"\s+(?:(?:main battle|battle"
                    r"|[A-Z][a-z]+)\s+)?(tanks)\b")


_SHIP_COUNT = re.compile(
    r"\b" + _QUALIFIER + _NUMBER + r"\s+(?:(?:other|more|diesel|nuclear|large|small|landing"
    r"|patrol|supply|missile|anti-submarine|naval|surface|combat|military|support|[A-Z][a-z]+"
    r"|U\.S\.|US|UK)[ -]){0,3}(ships?|vessels?|warships?|destroyers?|frigates?|corvettes?|cruisers?"
    r"|submarines?|boats?|tankers?|minesweepers?|landing ships?|aircraft carriers?|carriers?"
    r"|icebreakers?)\b")


_FLAGSHIP = re.compile(r"\bthe\s+[\"“]?flagship\b", re.IGNORECASE)

#: A word each pattern's match ends with (case as in the pattern): a clause holding none of
#: a pattern's words cannot match it, and skips its slow search (most clauses count nothing).
_TROOP_WORDS = ("troops", "soldiers", "servicemen", "service members", "servicepeople",
                "personnel", "paratroopers", "marines", "reservists", "conscripts")
_AIRCRAFT_WORDS = ("aircraft", "planes", "jets", "bombers", "helicopters", "fighters")
_TANK_WORDS = ("tanks",)
_SHIP_WORDS = ("ship", "vessel", "destroyer", "frigate", "corvette", "cruiser", "submarine",
               "boat", "tanker", "minesweeper", "carrier", "icebreaker")


def _search(pattern: re.Pattern[str], words: tuple[str, ...], clause: str
            ) -> re.Match[str] | None:
    """``pattern.search(clause)``, skipped when the clause holds none of its ``words``."""
    return pattern.search(clause) if any(w in clause for w in words) else None


def _number_value(number: str, scale: str | None) -> int | None:
    word = number.lower()
    if word in ("several", "a few", "dozens of", "hundreds of", "thousands of",
                "tens of thousands of"):
        if scale:
            return None
        return None
    if word in _NUMBER_WORDS:
        value: float = _NUMBER_WORDS[word]
    else:
        try:
            value = float(re.sub(r"[,\u00a0 ]", "", number))
        except ValueError:
            return None
    factor = {"thousand": 1000, "million": 1_000_000, "hundred": 100}.get((scale or "").lower(), 1)
    return int(round(value * factor))


def _figure(m: re.Match[str]) -> ForceFigure:
    qualifier, number, scale = (m.group(1) or "").lower(), m.group(2), m.group(3)
    value = _number_value(number, scale)
    text = " ".join(x for x in (m.group(1), number, scale) if x)
    if number.lower() in ("several", "a few") and not qualifier:
        qualifier = number.lower()
    return ForceFigure(value=value, qualifier=qualifier, text=text)


def _ship_matches(clause: str) -> list[re.Match[str]]:
    if not any(w in clause for w in _SHIP_WORDS):
        return []
    return [sm for sm in _SHIP_COUNT.finditer(clause)
            if not re.search(r"aircraft\s*$", clause[:sm.start(3)])]


def ship_counts(clause: str) -> list[tuple[int, int, int | None, str]]:
    """Each count of ships in a clause: ``(start, end, number, words before the class)``.

    The words say whose ships they are when a nationality stands there:

    >>> [(n, w) for _, _, n, w in ship_counts("three Chinese destroyers and two Russian frigates")]
    [(3, 'Chinese'), (2, 'Russian')]
    """
    out = []
    for sm in _ship_matches(clause):
        words = clause[sm.end(2):sm.start(3)].strip(" -")
        out.append((sm.start(), sm.end(), _figure(sm).value, words))
    return out


def find_force_figures(clause: str) -> ForceFigures:
    """Troops, aircraft and helicopters, ships (counted by class) and tanks in a clause.

    Ships named by class are added up: "2 destroyers, 2 patrol boats, a supply ship and a
    diesel submarine" is 6 ships; "the flagship ..., and four other ships" is 5.

    >>> f = find_force_figures("up to 200,000 military personnel and nearly 300 tanks")
    >>> (f.troops.value, f.troops.qualifier, f.tanks.value)
    (200000, 'up to', 300)
    """
    troops = aircraft = ships = tanks = None
    m = _search(_TROOPS, _TROOP_WORDS, clause)
    if m:
        troops = _figure(m)
    m = _search(_AIRCRAFT, _AIRCRAFT_WORDS, clause)
    if m and not re.match(r"\s+(?:carriers?)\b", clause[m.end():]):
        aircraft = _figure(m)
    m = _search(_TANKS, _TANK_WORDS, clause)
    if m:
        tanks = _figure(m)
    ship_matches = _ship_matches(clause)
    total = 0
    parts: list[str] = []
    qualifier = ""
    exact = True
    for sm in ship_matches:
        fig = _figure(sm)
        if fig.value is None:
            exact = False
            continue
        total += fig.value
        qualifier = qualifier or fig.qualifier
        parts.append(sm.group(0).strip())
    if _FLAGSHIP.search(clause) and ship_matches:
        total += 1
        parts.insert(0, "the flagship")
    if parts and exact:
        ships = ForceFigure(value=total, qualifier=qualifier, text="; ".join(parts))
    elif ship_matches:
        ships = _figure(ship_matches[0])
    named = tuple(n for _, _, n in _named_ships(clause, Lexicon.from_entries([])))
    return ForceFigures(troops=troops, aircraft_helicopters=aircraft, ships=ships, tanks=tanks,
                        named_ships=named)
