"""Load news articles from text files and clean them without losing text a reader needs."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from geo.errors import DataFormatError
from geo.inputs.csvfiles import iter_csv_rows
from geo.model.article import Article, ArticleMeta
from geo.model.text import split_sentences

__all__ = [
    "BOILERPLATE_LINES",
    "clean_text",
    "load_article_file",
    "load_article_metadata",
    "load_articles",
    "read_text_file",
    "split_articles",
]


#: Whole lines that are site furniture, not article text (compared case-insensitively).
#: Source: the seed pages in ``seeds/`` (CNN "Related Articles"/"Back to top button", a Bitnami
#: demo banner, Asharq Al-Awsat share widget "TT").
BOILERPLATE_LINES: frozenset[str] = frozenset(
    {
        "back to top button",
        "close bitnami banner",
        "bitnami",
        "related articles",
        "related",
        "advertisement",
        "share",
        "tt",
        "read more",
    }
)


_WIDGET_NOISE = re.compile(r"^(?:\d{1,4}|[A-Z]{1,3})$")  # share counters, lone letters


_HEADLINE_MAX_CHARS = 140


_HEADER_WINDOW_LINES = 12


def _norm_line(line: str) -> str:
    """Normalise a line for duplicate detection: NFKC, collapse whitespace, casefold."""
    return " ".join(unicodedata.normalize("NFKC", line).split()).casefold()


def _is_boilerplate(line: str) -> bool:
    stripped = line.strip()
    return _norm_line(stripped) in BOILERPLATE_LINES or bool(_WIDGET_NOISE.match(stripped))


def _looks_like_headline(line: str) -> bool:
    """A headline is short and does not end like a sentence."""
    stripped = line.strip()
    return (
        0 < len(stripped) <= _HEADLINE_MAX_CHARS
        and stripped[-1] not in ".!?\"”’:;"
        and len(stripped.split()) >= 3
    )


def read_text_file(path: str | Path) -> str:
    """Read an article file as text with a clear error for binary or undecodable input."""
    path = Path(path)
    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        raise DataFormatError("binary file, not text", path=path)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DataFormatError("text is neither UTF-8 nor Windows-1252", path=path)


def _header_starts(lines: Sequence[str]) -> list[int]:
    """Indices of lines that open an article: a headline repeated within the next few lines.

    News pages print the headline, then a caption, then the headline again; a second article
    appended to a page brings its own such block.
    """
    starts: list[int] = []
    norm = [_norm_line(x) for x in lines]
    i = 0
    while i < len(lines):
        if _looks_like_headline(lines[i]):
            window = norm[i + 1 : i + 1 + _HEADER_WINDOW_LINES]
            if norm[i] in window:
                starts.append(i)
                # Skip the rest of this header block (the repeats of the same headline).
                last_repeat = i + 1 + max(k for k, n in enumerate(window) if n == norm[i])
                i = last_repeat + 1
                continue
        i += 1
    return starts


def split_articles(text: str) -> list[tuple[str, list[str]]]:
    """Split raw page text into ``(headline, lines)`` per article.

    A header block (a repeated headline) that follows body text starts a new article. The
    headline is ``""`` when the page has none.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    starts = _header_starts(lines)
    # The first header opens the first article even if a lead paragraph precedes it only when
    # nothing but noise precedes it; otherwise text before it belongs to an untitled article.
    cuts: list[int] = []
    for start in starts:
        before = [x for x in lines[(cuts[-1] if cuts else 0) : start] if x.strip()]
        body_before = [x for x in before if not _is_boilerplate(x)]
        if not cuts:
            cuts.append(0 if body_before else start)
            if body_before and start != 0:
                cuts.append(start)
        elif body_before:
            cuts.append(start)
    if not cuts:
        cuts = [0]
    pieces: list[tuple[str, list[str]]] = []
    for k, cut in enumerate(cuts):
        end = cuts[k + 1] if k + 1 < len(cuts) else len(lines)
        chunk = lines[cut:end]
        headline = chunk[0].strip() if cut in starts else ""
        pieces.append((headline, chunk))
    return pieces


def clean_text(lines: Iterable[str]) -> tuple[str, tuple[str, ...]]:
    """Drop boilerplate and repeated lines (captions, repeated headline and lead).

    Returns the cleaned text (one paragraph per line) and the dropped lines.
    """
    kept: list[str] = []
    dropped: list[str] = []
    seen: set[str] = set()
    for line in lines:
        stripped = " ".join(line.split())
        if not stripped:
            continue
        key = _norm_line(stripped)
        if _is_boilerplate(stripped) or key in seen:
            dropped.append(stripped)
            continue
        seen.add(key)
        kept.append(stripped)
    return "\n".join(kept), tuple(dropped)


def load_article_file(path: str | Path, *, root: str | Path | None = None) -> list[Article]:
    """Read one file and return its cleaned article(s), ids ``<stem>`` and ``<stem>-2`` ...

    ``root`` makes the stored file name relative (e.g. ``seeds/000_x.txt``).
    """
    path = Path(path)
    raw = read_text_file(path)
    file_name = path.name if root is None else path.relative_to(root).as_posix()
    stem = path.stem.split("_", 1)[0]
    articles: list[Article] = []
    for part, (headline, lines) in enumerate(split_articles(raw)):
        text, dropped = clean_text(lines)
        if not text:
            continue
        title = headline or split_sentences(text)[0][2] if text else ""
        article_id = stem if part == 0 else f"{stem}-{part + 1}"
        articles.append(
            Article(id=article_id, file=file_name, part=part, title=title, text=text,
                    dropped_lines=dropped)
        )
    return articles


_META_COLUMNS = (
    "id", "file", "part", "title", "published", "published_precision", "date_basis",
    "date_evidence", "date_reasoning",
)


def _parse_partial_date(value: str, precision: str, *, path: Path, line: int) -> date | None:
    if not value:
        if precision:
            raise DataFormatError("published_precision given without a date", path=path,
                                  line=line)
        return None
    patterns = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}
    if precision not in patterns:
        raise DataFormatError(f"published_precision must be day, month or year, got "
                              f"{precision!r}", path=path, line=line)
    if not re.fullmatch(patterns[precision], value):
        raise DataFormatError(f"published {value!r} does not match precision {precision!r}",
                              path=path, line=line)
    parts = [int(x) for x in value.split("-")] + [1, 1]
    try:
        return date(parts[0], parts[1], parts[2])
    except ValueError as exc:
        raise DataFormatError(f"published {value!r}: {exc}", path=path, line=line) from exc


def load_article_metadata(path: str | Path) -> dict[str, ArticleMeta]:
    """Read ``data/articles.csv``; a malformed row raises :class:`DataFormatError` with its line."""
    path = Path(path)
    metas: dict[str, ArticleMeta] = {}
    for line, row in iter_csv_rows(path, _META_COLUMNS):
        article_id = row["id"]
        if not article_id:
            raise DataFormatError("empty id", path=path, line=line)
        if article_id in metas:
            raise DataFormatError(f"duplicate id {article_id!r}", path=path, line=line)
        if not row["part"].isdigit():
            raise DataFormatError(f"part must be a number, got {row['part']!r}", path=path,
                                  line=line)
        basis = row["date_basis"]
        if basis not in ("stated", "derived", "none"):
            raise DataFormatError(f"date_basis must be stated, derived or none, got {basis!r}",
                                  path=path, line=line)
        precision = row["published_precision"]
        published = _parse_partial_date(row["published"], precision, path=path, line=line)
        if (published is None) != (basis == "none"):
            raise DataFormatError("date_basis is 'none' exactly when published is empty",
                                  path=path, line=line)
        metas[article_id] = ArticleMeta(
            id=article_id, file=row["file"], part=int(row["part"]), title=row["title"],
            published=published, published_precision=precision, date_basis=basis,
            date_evidence=row["date_evidence"], date_reasoning=row["date_reasoning"], line=line,
        )
    return metas


def load_articles(
    files: Iterable[str | Path],
    *,
    metadata: dict[str, ArticleMeta] | None = None,
    root: str | Path | None = None,
) -> tuple[list[Article], list[str]]:
    """Load many files; one bad file does not stop the others.

    Returns the articles and a list of error messages (one per file that could not be read).
    Curated metadata (date, basis) is attached by article id; its evidence must occur verbatim
    in the article text, otherwise the mismatch is reported as an error.
    """
    articles: list[Article] = []
    errors: list[str] = []
    for file in sorted(Path(f) for f in files):
        try:
            loaded = load_article_file(file, root=root)
        except (OSError, DataFormatError) as exc:
            errors.append(str(exc))
            continue
        if not loaded:
            errors.append(f"{file}: no article text after cleaning")
        for article in loaded:
            meta = (metadata or {}).get(article.id)
            if meta is not None:
                article = replace(
                    article, title=meta.title or article.title, published=meta.published,
                    published_precision=meta.published_precision, date_basis=meta.date_basis,
                    date_evidence=meta.date_evidence, date_reasoning=meta.date_reasoning,
                )
                for piece in filter(None, (p.strip() for p in meta.date_evidence.split("|"))):
                    if piece not in article.text:
                        errors.append(f"data/articles.csv, line {meta.line}: date evidence "
                                      f"{piece!r} not found in article {article.id}")
            articles.append(article)
    return articles, errors
