"""Find dates in article text, resolved against the publication date."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from geo.extract.mentions import _MONTHS, _REPORTING_VERBS, _WEEKDAYS
from geo.extract.results import DateMention
from geo.model.event import PartialDate

__all__ = ["find_dates"]


# A month's name or abbreviation as a whole word ("15th Marine" holds no "Mar").
_MONTH_RE = (r"(?:January|February|March|April|May|June|July|August|September|October|November"
             r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?![a-z])\.?")


_DAY_RE = r"(\d{1,2})(?:st|nd|rd|th)?"


_YEAR_RE = r"((?:19|20)\d{2})"


_WEEKDAY_RE = r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"


_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "a dozen": 12,
    "dozen": 12, "a couple of": 2,
}


_DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("range_dm", re.compile(
        r"\b(?:from\s+|between\s+)?" + _DAY_RE + r"\s*(?:-|–|—|to|and|until|till)\s*" + _DAY_RE
        + r"\s+(" + _MONTH_RE + r")(?:,?\s+" + _YEAR_RE + r")?", re.IGNORECASE)),
    ("range_md", re.compile(
        r"\b(?:from\s+|between\s+)?(" + _MONTH_RE + r")\s+" + _DAY_RE
        + r"\s*(?:-|–|—|to|and|until|till)\s*" + _DAY_RE + r"(?:,?\s+" + _YEAR_RE + r")?",
        re.IGNORECASE)),
    ("range_dmdm", re.compile(
        r"\b(?:from\s+)?" + _DAY_RE + r"\s+(" + _MONTH_RE + r")\s*(?:-|–|—|to|until|till)\s*"
        + _DAY_RE + r"\s+(" + _MONTH_RE + r")(?:,?\s+" + _YEAR_RE + r")?", re.IGNORECASE)),
    ("dm", re.compile(r"\b" + _DAY_RE + r"\s+(?:of\s+)?(" + _MONTH_RE + r")(?:,?\s+"
                      + _YEAR_RE + r")?", re.IGNORECASE)),
    ("md", re.compile(r"\b(" + _MONTH_RE + r")\s+" + _DAY_RE + r"(?!\d)(?:,?\s+" + _YEAR_RE
                      + r")?", re.IGNORECASE)),
    ("my", re.compile(r"\b(?:(early|mid|late)[- ])?(" + _MONTH_RE + r")\s+" + _YEAR_RE,
                      re.IGNORECASE)),
    ("month_alt", re.compile(
        r"\b(?:in|during|by|until|since|from|for|this|next|last|early|late|mid|mid-"
        r"|the end of|the beginning of|the start of)\s+(?:(early|mid|late)[- ]|the\s+)?("
        + _MONTH_RE + r")(?:\s+or\s+(" + _MONTH_RE + r"))?(\s+(?:last|next|this)\s+year)?\b",
        re.IGNORECASE)),
    ("weekday", re.compile(
        r"\b(?:(on|until|till|through|thru|by|from|last|next|this|earlier|later|late|early)\s+)?"
        r"(?:(earlier|later|on)\s+)?" + _WEEKDAY_RE + r"\b")),
    ("relative", re.compile(
        r"\b(early next year|later this year|earlier this year|late next year|early this year"
        r"|next year|this year|last year|next month|this month|last month|next week|this week"
        r"|last week|in recent weeks|recent weeks|in recent months|in the coming (?:weeks|months)"
        r"|the following day|the next day|today|yesterday|tomorrow)\b", re.IGNORECASE)),
    ("year", re.compile(r"\b(?:in|since|during|by|until|for)\s+" + _YEAR_RE + r"\b")),
]


#: The kinds of :data:`_DATE_PATTERNS` that cannot match without a digit (a day or a year).
_KINDS_WITH_DIGITS = frozenset({"iso", "range_dm", "range_md", "range_dmdm", "dm", "md", "my",
                                "year"})
_DIGIT = re.compile(r"\d")

_OFFSET = re.compile(
    r"\b(a|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(day|week|month)s?\s+"
    r"(before|after|ahead of|prior to)\b", re.IGNORECASE)


def _month_number(word: str) -> int:
    return _MONTHS[word.lower().rstrip(".")]


def _resolve_year(month: int, published: PartialDate | None, tense: str) -> int | None:
    """Year of a month named without one: the next such month for future, last for past."""
    if published is None or published.value is None:
        return None
    pub = published.value
    if published.precision == "year":
        return pub.year
    if tense == "future":
        return pub.year if month >= pub.month else pub.year + 1
    if tense == "past":
        return pub.year if month <= pub.month else pub.year - 1
    # Unknown tense: the nearest such month.
    return min((pub.year - 1, pub.year, pub.year + 1),
               key=lambda y: abs((y - pub.year) * 12 + month - pub.month))


def _month_range(year: int, first: int, last: int) -> tuple[PartialDate, PartialDate]:
    a, b = sorted((first, last))
    return PartialDate(date(year, a, 1), "month"), PartialDate(date(year, b, 1), "month")


def _coarsen(day: date, published: PartialDate | None) -> PartialDate:
    """A day computed from the publication date is only as precise as that date."""
    if published is None or published.value is None:
        return PartialDate(None, "unknown")
    if published.precision == "day":
        return PartialDate(day, "day")
    if published.precision == "month":
        return PartialDate(date(day.year, day.month, 1), "month")
    return PartialDate(date(day.year, 1, 1), "year")


def _clause_tense(clause: str) -> str:
    """``future``, ``past``, ``present`` or ``unknown`` from the verbs of a clause."""
    low = clause.lower()
    present = re.search(r"\b(?:are|is) (?:conducting|holding|being (?:held|organi[sz]ed"
                        r"|conducted|staged)|under way|underway|taking part)|\bcontinues? to\b"
                        r"|\bcontinuing\b|\bongoing\b"
                        r"|\bcurrently\b|\bdue to (?:run|end|last|continue)\b", low)
    if present and not re.search(r"\bwill\b", low):
        return "present"
    if re.search(r"\b(?:will|shall|would|going to|plans? to|planned|planning (?:to|for|on)"
                 r"|(?:is|are|was|were) planning|is to|are to"
                 r"|to be held|to hold|to conduct|due to|scheduled|upcoming|next|intends?"
                 r"|expected to|could be held|may hold|might|proposal to)\b", low):
        return "future"
    if re.search(r"\b(?:are|is) (?:conducting|holding|being held|under way|underway|taking part)"
                 r"|\bcontinues?\b|\bcontinuing\b|\bongoing\b|\bcurrently\b", low):
        return "present"
    if re.search(r"\b(?:held|conducted|took part|completed|was|were|did|had|ended|finished"
                 r"|launched|last year|last month|ago|patrolled|sent|carried out|staged)\b", low):
        return "past"
    return "unknown"


def find_dates(text: str, published: PartialDate | None = None, *, tense: str | None = None
               ) -> list[DateMention]:
    """Find date expressions and resolve them against the publication date.

    Parameters
    ----------
    text : str
        A sentence or clause (tense is read from it unless ``tense`` is given).
    published : PartialDate, optional
        Publication date of the article and its precision. A weekday ("on Monday") resolves to
        a day only when the publication day is known; otherwise to its month or year.
    tense : str, optional
        ``future``, ``past``, ``present`` or ``unknown``: decides whether "in September" is the
        next or the last September.

    Returns
    -------
    list of DateMention
        Left to right, non-overlapping (the longest expression wins).

    Examples
    --------
    >>> pub = PartialDate(date(2022, 12, 19), "day")
    >>> [str(d.first) + ".." + str(d.last) for d in find_dates("from 21-27 December", pub)]
    ['2022-12-21..2022-12-27']
    >>> [str(d.first) for d in find_dates("they will hold drills in September", pub)]
    ['2023-09']
    """
    tense = tense or _clause_tense(text)
    pub = published if published is not None and published.value is not None else None
    pub_year = pub.value.year if pub is not None and pub.value is not None else None
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in taken)

    def year_or_resolve(y: str | None, month: int) -> int | None:
        return int(y) if y else _resolve_year(month, pub, tense)

    def day_date(y: int | None, month: int, day: int) -> PartialDate:
        if y is None:
            return PartialDate(None, "unknown")
        try:
            return PartialDate(date(y, month, day), "day")
        except ValueError:
            return PartialDate(None, "unknown")

    has_digit = _DIGIT.search(text) is not None
    for kind, pattern in _DATE_PATTERNS:
        if kind in _KINDS_WITH_DIGITS and not has_digit:
            continue  # most clauses hold no number: their day, month-year and year forms
        for m in pattern.finditer(text):
            s, e = m.start(), m.end()
            if not free(s, e):
                continue
            first = last = PartialDate(None, "unknown")
            role = "event"
            g = m.groups()
            if kind == "iso":
                try:
                    first = last = PartialDate(date(int(g[0]), int(g[1]), int(g[2])), "day")
                except ValueError:
                    continue
            elif kind == "range_dm":
                month = _month_number(g[2])
                y = year_or_resolve(g[3], month)
                first, last = day_date(y, month, int(g[0])), day_date(y, month, int(g[1]))
            elif kind == "range_md":
                month = _month_number(g[0])
                y = year_or_resolve(g[3], month)
                first, last = day_date(y, month, int(g[1])), day_date(y, month, int(g[2]))
            elif kind == "range_dmdm":
                m1, m2 = _month_number(g[1]), _month_number(g[3])
                y2 = year_or_resolve(g[4], m2)
                y1 = None if y2 is None else (y2 if m1 <= m2 else y2 - 1)
                first, last = day_date(y1, m1, int(g[0])), day_date(y2, m2, int(g[2]))
            elif kind in ("dm", "md"):
                day_s, month_s = (g[0], g[1]) if kind == "dm" else (g[1], g[0])
                if int(day_s) > 31:
                    continue
                month = _month_number(month_s)
                first = last = day_date(year_or_resolve(g[2], month), month, int(day_s))
                if re.search(r"\b(?:until|till|through)\s+(?:the\s+)?$", text[max(0, s - 14):s],
                             re.IGNORECASE) or _END_VERB_BEFORE.search(text[max(0, s - 30):s]):
                    role = "until"  # "will last until September 16", "will end on May 20"
            elif kind == "my":
                month = _month_number(g[1])
                first = last = PartialDate(date(int(g[2]), month, 1), "month")
            elif kind == "month_alt":
                month = _month_number(g[1])
                other = _month_number(g[2]) if g[2] else month
                rel = (g[3] or "").strip().lower()
                if pub_year is None:
                    y = None
                elif rel.startswith("last"):
                    y = pub_year - 1
                elif rel.startswith("next"):
                    y = pub_year + 1
                elif rel.startswith("this"):
                    y = pub_year
                else:
                    y = _resolve_year(min(month, other) if tense == "future" else max(
                        month, other), pub, tense)
                if y is not None:
                    first, last = _month_range(y, month, other)
                if m.group(0).lower().startswith(("until", "by")):
                    role = "until"
            elif kind == "weekday":
                lead = (g[0] or "").lower()
                mid = (g[1] or "").lower()
                weekday = _WEEKDAYS[g[2].lower()]
                ending = _END_VERB_BEFORE.search(text[max(0, s - 30):s])
                if ending and lead in ("", "on") and not ending.group("past"):
                    lead = "until"  # "the exercise ends on Friday": this week's, still ahead
                if lead in ("through", "thru"):
                    lead = "until"  # "set to continue through Friday": the end, still ahead
                first = last = _resolve_weekday(weekday, pub, tense, lead or mid)
                if lead in ("until", "till", "by") or ending:
                    role = "until"
            elif kind == "relative":
                first, last = _resolve_relative(g[0].lower(), pub, text[:s], found)
                if first.value is None and last.value is None and g[0].lower() not in (
                        "the following day", "the next day"):
                    pass
            elif kind == "year":
                first = last = PartialDate(date(int(g[0]), 1, 1), "year")
            taken.append((s, e))
            found.append(DateMention(s, e, m.group(0), first, last, role))
    found.sort(key=lambda d: d.start)
    found = _apply_offsets(text, found)
    return [_mark_reporting(text, d) for d in found]


#: A verb that ends an event right before its date ("the exercise ends on Friday", "wrapped
#: up on Sunday"): the date is when it ends, not when it is held. ``past`` marks a past form.
_END_VERB_BEFORE = re.compile(
    r"\b(?:(?P<past>ended|concluded|wrapped\s+up|finished)|end|ends|ending|conclude|concludes"
    r"|concluding|wrap\s+up|wraps\s+up|wrapping\s+up|finish|finishes|finishing)"
    r"\s+(?:on\s+)?(?:the\s+)?$", re.IGNORECASE)


def _resolve_weekday(weekday: int, pub: PartialDate | None, tense: str, lead: str
                     ) -> PartialDate:
    if pub is None or pub.value is None:
        return PartialDate(None, "unknown")
    if pub.precision != "day":
        return _coarsen(pub.value, pub)
    base = pub.value
    if lead in ("until", "till", "by", "next") or (tense == "future" and lead not in (
            "last", "earlier")):
        delta = (weekday - base.weekday()) % 7
        if lead == "next" and delta == 0:
            delta = 7
    else:
        delta = -((base.weekday() - weekday) % 7)
        if lead == "last" and delta == 0:
            delta = -7
    return PartialDate(base + timedelta(days=delta), "day")


def _resolve_relative(phrase: str, pub: PartialDate | None, before: str,
                      earlier: Sequence[DateMention]) -> tuple[PartialDate, PartialDate]:
    unknown = PartialDate(None, "unknown")
    if phrase in ("the following day", "the next day", "tomorrow", "today", "yesterday"):
        anchors = [d for d in earlier if d.last.value is not None]
        shift = {"the following day": 1, "the next day": 1, "tomorrow": 1, "today": 0,
                 "yesterday": -1}[phrase]
        if phrase in ("the following day", "the next day") and anchors:
            base = anchors[-1].last
        else:
            base = pub or unknown
        if base.value is None:
            return unknown, unknown
        if base.precision == "day":
            day = PartialDate(base.value + timedelta(days=shift), "day")
        else:
            day = base
        return day, day
    if pub is None or pub.value is None:
        return unknown, unknown
    y, mo = pub.value.year, pub.value.month
    month_known = pub.precision in ("day", "week", "month")

    def month(yy: int, mm: int) -> PartialDate:
        return PartialDate(date(yy, mm, 1), "month")

    def year(yy: int) -> PartialDate:
        return PartialDate(date(yy, 1, 1), "year")

    if phrase in ("early next year",):
        return month(y + 1, 1), month(y + 1, 4)
    if phrase == "late next year":
        return month(y + 1, 9), month(y + 1, 12)
    if phrase == "early this year":
        return month(y, 1), month(y, 4)
    if phrase == "next year":
        return year(y + 1), year(y + 1)
    if phrase == "last year":
        return year(y - 1), year(y - 1)
    if phrase == "this year":
        return year(y), year(y)
    if phrase == "later this year":
        return (month(y, mo), month(y, 12)) if month_known else (year(y), year(y))
    if phrase == "earlier this year":
        return (month(y, 1), month(y, mo)) if month_known else (year(y), year(y))
    if not month_known:
        return year(y), year(y)
    if phrase in ("next month",):
        nxt = date(y, mo, 28) + timedelta(days=7)
        return month(nxt.year, nxt.month), month(nxt.year, nxt.month)
    if phrase == "last month":
        prev = date(y, mo, 1) - timedelta(days=1)
        return month(prev.year, prev.month), month(prev.year, prev.month)
    if phrase == "this month":
        return month(y, mo), month(y, mo)
    if phrase in ("next week", "this week", "last week"):
        if pub.precision != "day":
            return month(y, mo), month(y, mo)
        shift = {"next week": 7, "this week": 0, "last week": -7}[phrase]
        return (PartialDate(pub.value + timedelta(days=shift), "week"),) * 2
    if phrase in ("in recent weeks", "recent weeks", "in recent months"):
        start = pub.value - timedelta(days=60 if "months" in phrase else 28)
        return month(start.year, start.month), month(y, mo)
    if phrase.startswith("in the coming"):
        end = pub.value + timedelta(days=90 if "months" in phrase else 28)
        return month(y, mo), month(end.year, end.month)
    return PartialDate(None, "unknown"), PartialDate(None, "unknown")


def _apply_offsets(text: str, found: list[DateMention]) -> list[DateMention]:
    """"Two weeks before Russia's invasion of Ukraine, on 24 February": shift from the anchor."""
    out = list(found)
    for m in _OFFSET.finditer(text):
        amount_s, unit, direction = m.group(1).lower(), m.group(2).lower(), m.group(3).lower()
        amount = int(amount_s) if amount_s.isdigit() else _NUMBER_WORDS.get(amount_s, 1)
        anchor = next((d for d in out if d.start > m.end() and d.start - m.end() < 90
                       and d.first.value is not None and d.first.precision == "day"), None)
        if anchor is None:
            continue
        sign = -1 if direction in ("before", "prior to", "ahead of") else 1
        days = amount * {"day": 1, "week": 7, "month": 30}[unit]
        base = anchor.first.value
        assert base is not None  # the anchor was chosen among mentions with a day
        shifted = base + timedelta(days=sign * days)
        precision = "day" if unit == "day" else "week" if unit == "week" else "month"
        if precision == "month":
            shifted = date(shifted.year, shifted.month, 1)
        value = PartialDate(shifted, precision)
        out[out.index(anchor)] = replace(anchor, role="anchor")
        out.append(DateMention(m.start(), anchor.end, text[m.start():anchor.end], value, value,
                               "event"))
    out.sort(key=lambda d: d.start)
    return out


def _mark_reporting(text: str, d: DateMention) -> DateMention:
    """Dates of *saying* ("said on Monday", "On Monday, Interfax reported"), of a decision
    ("adopted in December 2014") or of what has held since a year ("since 2013") are not
    event dates."""
    if d.role in ("anchor", "until"):
        return d
    if d.text.lower().startswith("since") and d.first.precision == "year":
        return replace(d, role="since")  # "which, since 2013, has been one of NATO's ..."
    before = text[max(0, d.start - 40):d.start].lower()
    after = text[d.end:d.end + 60].lower()
    verbs = "|".join(_REPORTING_VERBS)
    if re.search(r"\b(?:" + verbs + r")\s+(?:on\s+|earlier\s+|late\s+|early\s+)?$", before):
        return replace(d, role="reporting")
    if re.search(r"\b(?:adopted|signed|approved|decided|established|founded|ratified|agreed)"
                 r"\s+(?:in|on)\s+$", before):
        return replace(d, role="reporting")  # "a decision adopted in December 2014"
    if re.search(r"\b(?:statement|decree|interview|briefing|report|announcement)\s+"
                 r"(?:\w+\s+)?(?:on\s+|published\s+|issued\s+)?$", before):
        return replace(d, role="reporting")
    at_start = not text[:d.start].strip()
    said_after = re.match(r"\s*,?\s*(?:[A-Z]?[\w'’-]+\s+){0,5}(?:" + verbs + r")\b",
                          text[d.end:d.end + 70])
    acted_after = re.match(r"\s*,?\s*(?:[\w'’-]+\s+){0,5}(?:held|conducted|patrolled|began"
                           r"|started|will|would)\b", after)
    if at_start and said_after and not acted_after:
        return replace(d, role="reporting")
    if re.match(r"\s+(?:asked|met|spoke|visited|wrote|tweeted)\b", after):
        return replace(d, role="reporting")
    return d
