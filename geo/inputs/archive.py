"""Read a news archive (JSON lines, CSV or Parquet) in partitions that workers read themselves.

An archive holds one article per line (``.jsonl``/``.ndjson``), row (``.csv``) or Parquet row
(``.parquet``/``.pq``), with these keys or columns (other ones are ignored):

======== ========= ==============================================================
key      required  meaning
======== ========= ==============================================================
text     yes       the article: plain text, Markdown or HTML
title    no        headline (default: the text's first line)
url      no        where it was published (names the article in messages)
published no       ``2024-03-12``, ``2024-03``, ``2024`` or an ISO timestamp
======== ========= ==============================================================

:func:`plan_partitions` splits the file into byte ranges (JSON lines, CSV: cut at record
boundaries, a quoted newline inside a CSV field included) or row ranges (Parquet), so a
partition is a few numbers: a worker reads its own slice of the file (:func:`read_partition`)
and no article text travels through a scheduler. A bad record (not JSON, no text, undecodable)
is read as an :class:`ArchiveRecord` with a ``problem``; it never stops the others.
"""

from __future__ import annotations

import bisect
import csv
import io
import itertools
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from geo.errors import DataFormatError

__all__ = ["ARCHIVE_COLUMNS", "ArchivePart", "ArchiveRecord", "archive_format", "plan_partitions",
           "read_partition"]


#: The keys (columns) an archive record may have; only ``text`` is required.
ARCHIVE_COLUMNS = ("text", "title", "url", "published")

_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv",
            ".parquet": "parquet", ".pq": "parquet"}

_CHUNK_BYTES = 1 << 20
_CSV_FIELD_LIMIT = 64 * 1024 * 1024  # an article of a few MB is one CSV field


@dataclass(frozen=True, slots=True)
class ArchivePart:
    """One partition: records ``first_row`` ... ``first_row + rows - 1`` of the archive.

    ``start``/``stop`` are byte offsets (JSON lines, CSV) or row offsets (Parquet); ``header``
    is the CSV header line a worker needs to read a slice from the middle of the file.
    """

    index: int
    start: int
    stop: int
    first_row: int
    rows: int
    header: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ArchiveRecord:
    """One article of an archive, or why it could not be read (``problem``).

    ``row`` is its 1-based position: the line of a JSON-lines file, the record of a CSV file
    (header not counted), the row of a Parquet file.
    """

    row: int
    text: str = ""
    title: str = ""
    url: str = ""
    published: str = ""
    problem: str = ""


def archive_format(path: str | Path) -> str:
    """``"jsonl"``, ``"csv"`` or ``"parquet"`` from the file name; DataFormatError otherwise.

    >>> archive_format("crawl-2024.ndjson")
    'jsonl'
    """
    suffix = Path(path).suffix.lower()
    if suffix not in _FORMATS:
        raise DataFormatError(f"unknown archive format {suffix or '(no extension)'!r}; use "
                              f".jsonl, .csv or .parquet", path=path)
    return _FORMATS[suffix]


def plan_partitions(path: str | Path, partitions: int) -> list[ArchivePart]:
    """Split an archive into at most ``partitions`` parts of about equal size (one pass).

    Raises :class:`DataFormatError` for a missing or unreadable file, an unknown format, or a
    CSV or Parquet file without a ``text`` column.
    """
    if partitions < 1:
        raise ValueError(f"partitions must be at least 1, got {partitions!r}")
    path = Path(path)
    kind = archive_format(path)
    if not path.is_file():
        raise DataFormatError("no such archive file", path=path)
    try:
        if kind == "parquet":
            return _plan_parquet(path, partitions)
        return _plan_lines(path, partitions, csv_quotes=kind == "csv")
    except OSError as exc:
        raise DataFormatError(f"cannot read the archive: {exc.strerror or exc}",
                              path=path) from exc


def _plan_parquet(path: Path, partitions: int) -> list[ArchivePart]:
    try:
        meta = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises ArrowInvalid and friends for a broken file
        raise DataFormatError(f"not a Parquet file ({exc})", path=path) from exc
    names = meta.schema_arrow.names
    if "text" not in names:
        raise DataFormatError(f"no 'text' column (columns: {', '.join(names)})", path=path)
    total = meta.metadata.num_rows
    count = min(partitions, total)
    bounds = [total * k // count for k in range(count + 1)] if count else []
    return [ArchivePart(i, a, b, a + 1, b - a)
            for i, (a, b) in enumerate(itertools.pairwise(bounds))]


def _record_starts(path: Path, *, csv_quotes: bool) -> Iterator[int]:
    """Byte offset of every record start (a line; for CSV, a line not inside quotes)."""
    offset = 0
    inside = False  # in a quoted CSV field that runs over a line break
    with path.open("rb") as handle:
        for line in handle:
            if not inside:
                yield offset
            if csv_quotes and line.count(b'"') % 2:
                inside = not inside
            offset += len(line)


def _plan_lines(path: Path, partitions: int, *, csv_quotes: bool) -> list[ArchivePart]:
    size = path.stat().st_size
    starts = _record_starts(path, csv_quotes=csv_quotes)
    header: tuple[str, ...] = ()
    if csv_quotes:
        first = next(starts, None)
        data_start = next(starts, size) if first is not None else size
        with path.open("rb") as handle:
            head = handle.read(data_start).decode("utf-8-sig", errors="replace")
        header = tuple(next(csv.reader(io.StringIO(head)), []))
        if "text" not in header:
            raise DataFormatError(f"no 'text' column in the header ({', '.join(header)})",
                                  path=path)
        offsets = [data_start, *starts]
    else:
        offsets = list(starts)
    if not offsets or offsets[0] >= size:
        return []
    count = min(partitions, len(offsets))
    first, total = offsets[0], size - offsets[0]
    cuts = [0]  # index into offsets of each part's first record
    for k in range(1, count):
        at = bisect.bisect_left(offsets, first + total * k / count)
        cuts.append(min(max(at, cuts[-1] + 1), len(offsets) - (count - k)))
    cuts.append(len(offsets))
    bounds = [*offsets, size]
    return [ArchivePart(i, bounds[a], bounds[b], a + 1, b - a, header)
            for i, (a, b) in enumerate(itertools.pairwise(cuts))]


def read_partition(path: str | Path, part: ArchivePart) -> Iterator[ArchiveRecord]:
    """The records of one partition, in archive order (bad ones with a ``problem``)."""
    path = Path(path)
    kind = archive_format(path)
    if kind == "parquet":
        yield from _read_parquet(path, part)
        return
    with path.open("rb") as handle:
        handle.seek(part.start)
        data = handle.read(part.stop - part.start)
    if part.start == 0:
        data = data.removeprefix(b"\xef\xbb\xbf")  # a byte-order mark
    if kind == "csv":
        yield from _read_csv(data, part)
    else:
        yield from _read_jsonl(data, part)


def _read_jsonl(data: bytes, part: ArchivePart) -> Iterator[ArchiveRecord]:
    for n, raw in enumerate(data.splitlines()):
        row = part.first_row + n
        if not raw.strip():
            continue  # blank lines are allowed between records
        try:
            value = json.loads(raw)
        except (UnicodeDecodeError, ValueError) as exc:
            yield ArchiveRecord(row, problem=f"not a JSON object ({exc})")
            continue
        if not isinstance(value, dict):
            yield ArchiveRecord(row, problem=f"not a JSON object but {type(value).__name__}")
            continue
        yield _record(row, value)


def _read_csv(data: bytes, part: ArchivePart) -> Iterator[ArchiveRecord]:
    csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
    text = data.decode("utf-8", errors="replace")
    reader = csv.reader(io.StringIO(text, newline=""))
    for n in range(part.rows):
        row = part.first_row + n
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield ArchiveRecord(row, problem=f"malformed CSV record ({exc})")
            continue
        if "\ufffd" in "".join(fields):
            yield ArchiveRecord(row, problem="not UTF-8 text")
            continue
        if len(fields) != len(part.header):
            yield ArchiveRecord(row, problem=f"{len(fields)} fields, the header has "
                                             f"{len(part.header)}")
            continue
        yield _record(row, dict(zip(part.header, fields, strict=True)))


def _read_parquet(path: Path, part: ArchivePart) -> Iterator[ArchiveRecord]:
    meta = pq.ParquetFile(path)
    columns = [c for c in ARCHIVE_COLUMNS if c in meta.schema_arrow.names]
    row = 0  # 0-based index of the next row of the file
    for group in range(meta.metadata.num_row_groups):
        n = meta.metadata.row_group(group).num_rows
        if row + n <= part.start or row >= part.stop:
            row += n
            continue
        table = meta.read_row_group(group, columns=columns)
        lo, hi = max(part.start - row, 0), min(part.stop - row, n)
        for i, values in enumerate(table.slice(lo, hi - lo).to_pylist()):
            yield _record(row + lo + i + 1, values)
        row += n


def _text_of(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _record(row: int, values: Mapping[str, Any]) -> ArchiveRecord:
    text = values.get("text")
    if not isinstance(text, str) or not text.strip():
        return ArchiveRecord(row, url=_text_of(values.get("url")).strip(),
                             problem="no article text (key 'text')")
    return ArchiveRecord(row, text=text, title=_text_of(values.get("title")).strip(),
                         url=_text_of(values.get("url")).strip(),
                         published=_text_of(values.get("published")).strip())
