"""Pure text helpers shared by every layer: sentence splitting and term normalisation."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

__all__ = ["normalize_term", "sentence_at", "split_sentences"]


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")


_ABBREVIATIONS = ("St.", "Dec.", "Jan.", "Feb.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Mr.",
                  "Mrs.", "Dr.", "Gen.", "Lt.", "Col.", "U.S.", "U.K.", "No.", "Gov.", "Jr.")


def split_sentences(text: str) -> list[tuple[int, int, str]]:
    """Split text into sentences with their character spans.

    Paragraph breaks always end a sentence; common abbreviations ("St.", "Dec.") do not. The
    split of the last few texts is kept (an article's mentions, claims and events all ask for
    it): asking again costs a dictionary look-up, not a new pass over the text.
    """
    return list(_split_sentences(text))


def sentence_at(text: str, offset: int) -> str:
    """The sentence of ``text`` that contains character ``offset`` ("" between sentences).

    >>> sentence_at("Troops left. They reached Brest.", 20)
    'They reached Brest.'
    """
    spans = _split_sentences(text)
    i = bisect.bisect_right(_starts(text), offset) - 1
    if i >= 0:
        start, end, sentence = spans[i]
        if start <= offset < end:
            return sentence
    return ""


@lru_cache(maxsize=8)
def _starts(text: str) -> tuple[int, ...]:
    return tuple(s for s, _, _ in _split_sentences(text))


@lru_cache(maxsize=8)
def _split_sentences(text: str) -> tuple[tuple[int, int, str], ...]:
    out: list[tuple[int, int, str]] = []
    offset = 0
    for paragraph in text.split("\n"):
        start = 0
        for match in _SENTENCE_END.finditer(paragraph):
            head = paragraph[start : match.start()].rstrip()
            if any(head.endswith(a) for a in _ABBREVIATIONS) or re.search(r"\b[A-Z]\.$", head):
                continue
            piece = paragraph[start : match.start()].strip()
            if piece:
                s = offset + paragraph.index(piece, start)
                out.append((s, s + len(piece), piece))
            start = match.end()
        piece = paragraph[start:].strip()
        if piece:
            s = offset + paragraph.index(piece, start)
            out.append((s, s + len(piece), piece))
        offset += len(paragraph) + 1
    return tuple(out)


_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


@lru_cache(maxsize=1 << 16)
def normalize_term(text: str) -> str:
    """Key used for lexicon and correction look-ups: casefolded, one space, plain apostrophes.

    Cached (a bounded cache): the readers look the same words up hundreds of thousands of
    times over a batch of articles.

    >>> normalize_term("  Belarus\u2019   Ministry ")
    "belarus' ministry"
    """
    return " ".join(text.translate(_APOSTROPHES).split()).casefold()
