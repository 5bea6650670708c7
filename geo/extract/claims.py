"""Find stated distances ("about 150 km north of the Ukrainian border") in text.

A claim is a figure (digits or words: "twelve", "two to five", "10-15"), a unit (km, miles,
nautical miles, metres), an optional compass direction and what it is measured to: a border
("the Polish border"), a coast ("the island's coast", "the coast of Taiwan"), a line ("the
DMZ", "the median line") or a place ("the city of Xiamen"). Spelled-out numbers are read with
the number-parser library. Journeys ("flew 2,000 km from ...") and weapon ranges ("a range
of 300 km") locate nothing and are not claims.
"""

from __future__ import annotations

import re
from functools import lru_cache

from number_parser import parse_number

from geo.model.claim import KM_PER_MILE, KM_PER_NAUTICAL_MILE, DistanceClaimText

__all__ = ["COMPASS_DEG", "REFERENCE_KINDS", "find_distance_claims"]


#: Azimuth of each compass word, degrees clockwise from north.
COMPASS_DEG: dict[str, float] = {
    "north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0,
    "southwest": 225.0, "west": 270.0, "northwest": 315.0,
    "northnortheast": 22.5, "eastnortheast": 67.5, "eastsoutheast": 112.5,
    "southsoutheast": 157.5, "southsouthwest": 202.5, "westsouthwest": 247.5,
    "westnorthwest": 292.5, "northnorthwest": 337.5,
}

#: What a distance can be measured to.
REFERENCE_KINDS = ("border", "coast", "line", "point")

_QUALIFIERS = (
    "about", "around", "some", "roughly", "approximately", "nearly", "almost", "just",
    "up to", "within", "less than", "under", "more than", "over", "at least", "only",
    "as close as", "as near as", "closer than",
)

#: Qualifiers that place something near a reference even after a verb of movement ("sailed
#: within 12 nautical miles of", "came as close as 24 nautical miles from").
_POSITIONAL = ("within", "less than", "under", "as close as", "as near as", "closer than")

#: Qualifiers after which "to" names what something came close to ("came as close as 20
#: nautical miles to the island").
_CLOSE_TO = ("as close as", "as near as", "closer than")

_NUMBER_WORD = (r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|"
                r"forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozen)")
_WORDS = rf"(?:(?:a|an)\s+)?{_NUMBER_WORD}(?:(?:\s+and\s+|[\s-]+){_NUMBER_WORD})*"
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_NUM = rf"(?:{_DIGITS}|{_WORDS})"

_CLAIM = re.compile(
    r"(?:(?P<qualifier>" + "|".join(re.escape(q) for q in _QUALIFIERS) + r")\s+)?"
    r"(?:between\s+)?"
    rf"(?P<number>{_NUM})"
    rf"(?:\s*(?:-|–|to|or|and)\s*(?P<number2>{_NUM}))?\s*-?\s*"
    r"(?P<unit>kilometers|kilometres|kilometer|kilometre|km|nautical\s+miles?|nmi|NM|nm|miles|"
    r"mile|mi|metres|meters|metre|meter)\b"
    r"(?:\s*\((?P<alt>[^)]{1,40})\))?"
    r"(?:\s+(?:to\s+the\s+)?(?P<direction>(?:(?:north|south|east|west)-?)?(?:north|south)"
    r"(?:[- ]?(?:east|west))?|(?:(?:north|south)-?)?(?:east|west)"
    r"|(?-i:NNE|NNW|SSE|SSW|ENE|ESE|WNW|WSW|NE|NW|SE|SW|N|S|E|W)(?=\s)))?"
    r"\s+(?P<prep>of|from|away from|across from|inland from|offshore from|off|to|inside|into)\s+"
    r"(?P<reference>[^.;:!?()\n]{2,80}?)"
    r"(?=\s*(?:[.;:!?()\n]|,|\s+(?:and|where|which|while|in|on|at|near|according|as|when|"
    r"after|before|during|amid|to|within|inside|across|separating|dividing|was|were|is|are|has|have|"
    r"had|will|would)\b|$))",
    re.IGNORECASE,
)

#: A distance set in apposition after a place name with its reference left to the reader
#: ("Landslides were also reported in Nenton, about 35km to the north, where ..."; "they
#: took refuge in Mucojo, about two kilometres away."): the name is the site and the
#: reference is the place the sentence was about before it, so the claim names none.
_APPOSITION_CLAIM = re.compile(
    r"(?<=\w),\s+"
    r"(?:(?P<qualifier>" + "|".join(re.escape(q) for q in _QUALIFIERS) + r")\s+)?"
    rf"(?P<number>{_NUM})"
    rf"(?:\s*(?:-|–|to|or)\s*(?P<number2>{_NUM}))?\s*-?\s*"
    r"(?P<unit>kilometers|kilometres|kilometer|kilometre|km|nautical\s+miles?|nmi|miles|mile|"
    r"metres|meters|metre|meter)\b"
    r"(?:\s*\((?P<alt>[^)]{1,40})\))?"
    r"\s+(?:away|to\s+the\s+(?P<direction>(?:north|south)(?:-?(?:east|west))?|east|west))"
    r"(?=\s*[,.;)]|\s+(?:and|where|which)\b)",
    re.IGNORECASE,
)

#: A capitalised name ending just before the apposition's comma, not a sentence's first word
#: ("However, 30 km away" names nothing).
#: A place noun may follow the name ("the Mucojo administrative post, about two kilometres
#: away").
_NAME_BEFORE = re.compile(
    r"(?<![.!?\n]\s)(?<=\s)[A-Z][\w'’.-]*(?:(?:\s+[a-z]+)?\s+(?:post|village|town|city|base|"
    r"district|camp|region|province|island|port|airport|airfield|settlement|county))?$")

_BORDER_REF = (
    # "Norway's border with Russia": the border with the second country is measured
    re.compile(r"^(?:the\s+)?[\w'’. -]+?['’]s\s+(?:border|frontier)s?\s+with\s+(?:the\s+)?"
               r"(?P<name>[\w'’. -]+)$", re.IGNORECASE),
    re.compile(r"^(?:the\s+)?(?P<name>[\w'’. -]+?)\s+(?:border|frontier)s?$", re.IGNORECASE),
    re.compile(r"^(?:the\s+)?(?:border|frontier)s?\s+(?:with|of)\s+(?P<name>[\w'’. -]+)$",
               re.IGNORECASE),
    re.compile(r"^(?:the\s+)?(?:border|frontier)s?\s+between\s+(?:the\s+)?"
               r"(?P<name>[\w'’. -]+\s+and\s+(?:the\s+)?[\w'’. -]+)$", re.IGNORECASE),
)
#: "The border between X and Y": the claim pattern ends the reference at "and"; the second
#: country is read after it.
_BORDER_BETWEEN = re.compile(r"^(?:the\s+)?(?:border|frontier)s?\s+between\s+(?:the\s+)?"
                             r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?$")
_BORDER_BETWEEN_SECOND = re.compile(r"\s+and\s+(?:the\s+)?(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z]"
                                    r"[\w'’-]*)?)")
_COAST_REF = (
    re.compile(r"^(?:the\s+)?(?P<name>[\w'’. -]+?)(?:['’]s)?\s+(?:coast|coastline|shores?)$",
               re.IGNORECASE),
    re.compile(r"^(?:the\s+)?(?:coast|coastline|shores?)\s+of\s+(?:the\s+)?(?P<name>[\w'’. -]+)$",
               re.IGNORECASE),
)
#: A country's territory, airspace or waters ("10 km inside Romanian territory"): measured
#: from that country's border.
_TERRITORY_REF = re.compile(r"^(?:the\s+)?(?P<name>[\w'’. -]+?)\s+(?:territory|airspace|"
                            r"(?:territorial\s+)?waters)$", re.IGNORECASE)
#: The owner before a named place ("Taiwan's Orchid Island", "Russia's Kamchatka Peninsula"):
#: the place is named by what follows.
_POSSESSIVE_OWNER = re.compile(r"^(?:the\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?['’]s\s+(?=[A-Z])")
_LINE_REF = re.compile(
    r"^(?:the\s+)?(?P<name>(?:inter-korean\s+)?(?:dmz|demilitari[sz]ed\s+zone|military\s+"
    r"demarcation\s+line|mdl|northern\s+limit\s+line|nll|median\s+line|(?:[\w'’. -]+\s+)?"
    r"median\s+line|cent(?:re|er)\s+line|line\s+of\s+(?:actual\s+)?control|lac|loc"
    r"|line\s+of\s+contact|contact\s+line|front\s*line|front|ceasefire\s+line"
    r"|armistice\s+line|line\s+of\s+separation|green\s+line)"
    r"(?:\s+of\s+the\s+[\w'’. -]+)?)$", re.IGNORECASE)
_POINT_PREFIX = re.compile(r"^(?:the\s+)?(?:[A-Z][\w'’-]*\s+)?(?:city|town|port|village|island"
                           r"|base|capital)\s+of\s+", re.IGNORECASE)
#: The same noun before a name in apposition: "the capital Minsk", "the port city Odesa".
_POINT_APPOSITION = re.compile(r"^(?:[Tt]he\s+)?(?:[A-Z][\w'’-]*\s+)?(?:(?:port|border|coastal)"
                               r"\s+)?(?:city|town|port|village|island|base|capital)\s+(?=[A-Z])")

#: A side after a name ("Taiwan's southwestern coast", "the island's south coast"): part of no
#: name.
_SIDE_ADJECTIVE = re.compile(
    r"(?:['’]s)?(?:\s+(?:(?:north|south)-?)?(?:north|south|east|west)(?:ern)?)?$",
    re.IGNORECASE)

#: Compass abbreviations as printed in seismology and shipping reports ("12 km NNE of"): upper
#: case only, so the word "of" or a name never reads as one.
_COMPASS_ABBREVIATION = {
    "N": "north", "NNE": "northnortheast", "NE": "northeast", "ENE": "eastnortheast",
    "E": "east", "ESE": "eastsoutheast", "SE": "southeast", "SSE": "southsoutheast",
    "S": "south", "SSW": "southsouthwest", "SW": "southwest", "WSW": "westsouthwest",
    "W": "west", "WNW": "westnorthwest", "NW": "northwest", "NNW": "northnorthwest",
}

#: What the distance is measured to when it only spans a gap between the moving things
#: themselves ("came within 91 metres of each other"): no site, so no claim.
_MUTUAL_REFERENCE = re.compile(r"^(?:each\s+other|one\s+another|it|them|him|her)\b",
                               re.IGNORECASE)

#: A moving craft as the reference ("came within 50 metres of the patrol plane"): the gap
#: between two craft at one moment, which places no site on a map.
_CRAFT_REFERENCE = re.compile(
    r"^(?:the|a|an|its|their|another)\s+(?:[\w'’-]+\s+){0,3}?(?:plane|aircraft|airplane|"
    r"airliner|jet|fighter|bomber|helicopter|drone|ship|vessel|warship|destroyer|frigate|"
    r"corvette|cruiser|carrier|submarine|boat|cutter|tanker|trawler)s?\b", re.IGNORECASE)

#: A felt or heard effect before the figure ("was felt up to 50 km away from Izmir",
#: "buildings shook up to 200 km from Ankara") gives how far the effect reached, not where
#: a site is; a compass direction still makes it a position.
_EFFECT_REACH = re.compile(
    r"\b(?:felt|heard|shook|shaken|shaking|tremors?|jolted|rattled)\b\W+(?:[\w-]+\W+){0,3}$",
    re.IGNORECASE)

#: The centre of a quake or blast measured to without a compass direction ("damage within
#: 45 km of the epicentre") is a radius of effect around the event, not a site's position;
#: with a direction ("a village 10 km south of the epicentre") it still locates the site.
_EVENT_CENTRE = re.compile(r"^(?:the\s+)?(?:quake['’]s\s+|earthquake['’]s\s+)?"
                           r"(?:epicent(?:re|er)|hypocent(?:re|er)|blast|explosion)s?$",
                           re.IGNORECASE)

#: A verb of coming down or passing by just before the figure ("the missile fell 100 km from
#: Vladivostok", "the rocket passed 500 km from the border") states where the thing ended
#: or came closest: a position, even after a word of weapons or flight.
_END_POSITION = re.compile(
    r"\b(?:fell|falls?|falling|landed|lands?|landing|splashed\s+down|came\s+down|crashed|"
    r"struck|strikes?|hit|hits|"
    r"impacted|dropped|passed|passing|passes)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)

#: Words just before a figure that make it a journey, a size or a weapon's reach.
_NOT_A_LOCATION = re.compile(
    r"(?:\b(?:flew|flown|fly|flying|sailed|sail|sailing|travell?ed|travel|marched|drove|driven|"
    r"covered|covering|journey|trip|voyage|route|fired|launched|struck|hit|moved|advanced|"
    r"walked|penetrated|long|wide|deep|high|altitude|depth|length|spans?|spanning|"
    r"stretch(?:es|ing)?|reach(?:es|ed|ing)?)|(?:\ba|its|their|with|has|have|had)\s+range|"
    r"\branges?\s+of|\bradius\s+of|\bmissiles?|\brockets?)\W+(?:\w+\W+){0,3}$",
    re.IGNORECASE)


#: A reference that is a border, coast or line: "N km of" it, with no direction
#: and no "within", is a stretch of the line ("221 km of the IB"), not a distance from it.
_LINE_HEAD = re.compile(r"(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:border|borders|frontier|boundary|coast"
                        r"|coastline|shoreline|line|IB|LoC|LOC|DMZ|NLL)\b")


#: A size or a reach before the figure ("at a depth of 10 km off the coast", "a range of
#: 300 km"): a measure of the thing, whatever follows.
_A_SIZE = re.compile(r"\b(?:depth|deep|altitude|height|high|long|length|wide|width|range|radius)"
                     r"\W+(?:\w+\W+){0,3}$", re.IGNORECASE)


def _value(text: str) -> float | None:
    digits = text.replace(",", "")
    try:
        return float(digits)
    except ValueError:
        pass
    words = re.sub(r"^(?:a|an)\s+", "one ", text.strip(), flags=re.IGNORECASE)
    number = parse_number(words.lower())
    return float(number) if number is not None else None


def _unit_to_km(unit: str) -> tuple[str, float]:
    unit = " ".join(unit.lower().split())
    if unit.startswith("nautical") or unit in ("nmi", "nm"):
        return "nmi", KM_PER_NAUTICAL_MILE
    if unit.startswith("mi"):
        return "mi", KM_PER_MILE
    if unit.startswith("met"):
        return "m", 0.001
    return "km", 1.0


#: A reference that is only a kind of place ("the capital", "the port city"), and its name in
#: apposition after a comma (", Minsk").
_BARE_POINT_NOUN = re.compile(r"^(?:the\s+)?(?:(?:port|border|coastal|regional)\s+)?(?:city|town"
                              r"|port|village|capital|island|base)$", re.IGNORECASE)
_NAME_AFTER_NOUN = re.compile(
    r",\s+(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})(?=\s*[,.;:]|$)")


def _reference(reference: str) -> tuple[str, str]:
    """``(kind, name)`` of what a distance is measured to."""
    if reference.lower() in ("the border", "border", "the frontier", "the borders"):
        return "border", ""
    if reference.lower() in ("the coast", "coast", "the coastline", "the shore"):
        return "coast", ""
    for pattern in _BORDER_REF:
        found = pattern.match(reference)
        if found:
            return "border", found["name"].strip()
    for pattern in _COAST_REF:
        found = pattern.match(reference)
        if found:
            return "coast", _SIDE_ADJECTIVE.sub("", found["name"].strip())
    line = _LINE_REF.match(reference)
    if line:
        return "line", line["name"].strip()
    territory = _TERRITORY_REF.match(reference)
    if territory:
        return "border", territory["name"].strip()
    name = _POINT_APPOSITION.sub("", _POINT_PREFIX.sub("", reference))
    return "point", _POSSESSIVE_OWNER.sub("", name)


#: Every unit :data:`_CLAIM` reads, as a whole word (any case): a text without one states no
#: distance (checked before the scan).
_UNIT_WORD = re.compile(r"(?:kilomet(?:er|re)s?|km|nmi|nm|miles?|mi|met(?:er|re)s?)\b",
                        re.IGNORECASE)


def find_distance_claims(text: str) -> list[DistanceClaimText]:
    """Find distance statements in ``text``.

    >>> c = find_distance_claims("held about 150 kilometers (93 miles) north of the Ukrainian "
    ...                          "border.")[0]
    >>> (c.stated_km, c.direction, c.reference_name, c.reference_kind)
    (150.0, 'north', 'Ukrainian', 'border')
    >>> round(find_distance_claims("25 miles from the border")[0].stated_km, 1)
    40.2
    >>> c = find_distance_claims("within twelve nautical miles of the island's coast.")[0]
    >>> (round(c.stated_km, 2), c.reference_kind, c.reference_name)
    (22.22, 'coast', 'island')
    >>> c = find_distance_claims("two to five kilometres from the DMZ.")[0]
    >>> (c.stated_km, c.stated_max_km, c.reference_kind, c.reference_name)
    (2.0, 5.0, 'line', 'DMZ')
    >>> find_distance_claims("missiles with a range of 300 km from the launch site.")
    []
    """
    return list(_claims_in(text))


@lru_cache(maxsize=8)
def _claims_in(text: str) -> tuple[DistanceClaimText, ...]:
    """The claims of one text, kept for the last few texts: an article is read for its
    claims when it is extracted and again when its claims are checked."""
    if _UNIT_WORD.search(text) is None:
        return ()  # most articles state no distance: skip the slow scan for one
    claims: list[DistanceClaimText] = []
    for match in _CLAIM.finditer(text):
        # "sailed 60 nautical miles north of X" places the ship at the end of the sentence's
        # movement: a compass direction with "of" is a position, never a journey or a reach.
        qualifier = " ".join((match["qualifier"] or "").lower().split())
        if match["prep"].lower() == "to" and qualifier not in _CLOSE_TO:
            continue  # "sailed 300 km to Guam" is a journey; "as close as 20 km to" a position
        if match["prep"].lower() in ("inside", "into") and not _TERRITORY_REF.match(
                " ".join(match["reference"].split())):
            continue  # only "10 km inside Romanian territory" measures from a border
        # "60 km off the coast" says where something is whatever the verb before it
        before = text[max(0, match.start() - 60):match.start()]
        positional = (qualifier in _POSITIONAL
                      or match["prep"].lower() == "off" and not _A_SIZE.search(before)
                      or bool(match["direction"]) and match["prep"].lower() == "of")
        if (not positional and _NOT_A_LOCATION.search(before)
                and not _END_POSITION.search(before)):
            continue
        value = _value(match["number"])
        if value is None:
            continue
        high = _value(match["number2"]) if match["number2"] else None
        unit, factor = _unit_to_km(match["unit"])
        reference = " ".join(match["reference"].split()).strip(" ,")
        end = match.end()
        second = (_BORDER_BETWEEN_SECOND.match(text, end)
                  if _BORDER_BETWEEN.match(reference) else None)
        if second:  # "the border between Russia and Ukraine": the reference is both
            reference, end = f"{reference} and {second['name']}", second.end()
        named = _NAME_AFTER_NOUN.match(text, end) if _BARE_POINT_NOUN.match(reference) else None
        if named:  # "45 km north-west of the capital, Minsk": the name after the noun
            reference, end = f"{reference} {named['name']}", named.end()
        if match["prep"].lower() == "of" and not match["direction"] \
                and qualifier not in _POSITIONAL and _LINE_HEAD.match(reference):
            continue  # "of which 221 km of the IB ... fall in Jammu": a length of the line
        if _MUTUAL_REFERENCE.match(reference) or _CRAFT_REFERENCE.match(reference) or (
                not match["direction"] and (_EVENT_CENTRE.match(reference)
                                            or _EFFECT_REACH.search(before))):
            continue
        kind, name = _reference(reference)
        name = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
        name = re.sub(r"['’]s$", "", name)
        direction = _COMPASS_ABBREVIATION.get(match["direction"] or "") or (
            match["direction"] or "").lower().replace("-", "").replace(" ", "")
        claims.append(DistanceClaimText(
            start=match.start(), end=end, text=text[match.start():end], stated_value=value,
            unit=unit, stated_km=value * factor, qualifier=(match["qualifier"] or "").lower(),
            direction=direction, reference_text=reference, reference_name=name,
            reference_is_border=kind == "border", reference_kind=kind,
            stated_max_km=high * factor if high is not None and high > value else None,
        ))
    claims.extend(_apposition_claims(text))
    claims.extend(_radius_claims(text))
    return tuple(sorted(claims, key=lambda c: c.start))


#: A radius around a reference ("within a 50-kilometre radius of Kaliningrad", "in a 30 km
#: radius around the city").
_RADIUS_CLAIM = re.compile(
    r"\b(?P<qualifier>within|inside|in)\s+an?\s+"
    rf"(?P<number>{_NUM})\s*-?\s*"
    r"(?P<unit>kilometers|kilometres|kilometer|kilometre|km|nautical[\s-]+miles?|miles?)\s+"
    r"(?:radius|zone|perimeter)\s+(?:of|around|from)\s+"
    r"(?P<reference>[^.;:!?()\n,]{2,60}?)(?=\s*(?:[.;:!?()\n,]|\s+(?:and|where|which|while|in|on"
    r"|at|near|was|were|is|are)\b|$))", re.IGNORECASE)


def _radius_claims(text: str) -> list[DistanceClaimText]:
    """Claims worded as a radius around a reference (:data:`_RADIUS_CLAIM`): "within" it."""
    claims = []
    for match in _RADIUS_CLAIM.finditer(text):
        value = _value(match["number"])
        if value is None:
            continue
        unit, factor = _unit_to_km(match["unit"])
        reference = " ".join(match["reference"].split())
        kind, name = _reference(reference)
        name = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
        claims.append(DistanceClaimText(
            start=match.start(), end=match.end(), text=match.group(0), stated_value=value,
            unit=unit, stated_km=value * factor, qualifier="within", direction="",
            reference_text=reference, reference_name=name,
            reference_is_border=kind == "border", reference_kind=kind, stated_max_km=None,
        ))
    return claims


def _apposition_claims(text: str) -> list[DistanceClaimText]:
    """Claims worded as an apposition with no reference ("Nenton, about 35km to the
    north,"): see :data:`_APPOSITION_CLAIM`."""
    claims = []
    for match in _APPOSITION_CLAIM.finditer(text):
        if not _NAME_BEFORE.search(text[max(0, match.start() - 60):match.start()]):
            continue
        value = _value(match["number"])
        if value is None:
            continue
        high = _value(match["number2"]) if match["number2"] else None
        unit, factor = _unit_to_km(match["unit"])
        start = match.start("number") if not match["qualifier"] else match.start("qualifier")
        claims.append(DistanceClaimText(
            start=start, end=match.end(), text=text[start:match.end()], stated_value=value,
            unit=unit, stated_km=value * factor, qualifier=(match["qualifier"] or "").lower(),
            direction=(match["direction"] or "").lower().replace("-", ""), reference_text="",
            reference_name="", reference_is_border=False, reference_kind="point",
            stated_max_km=high * factor if high is not None and high > value else None,
        ))
    return claims
