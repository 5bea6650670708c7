"""Strict reading of curated CSV files: every error names the file and line."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from pathlib import Path

from geo.errors import DataFormatError

__all__ = ["iter_csv_rows"]


def iter_csv_rows(
    path: str | Path, required: Sequence[str]
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line_number, row)`` for each data row, values stripped.

    The header is line 1. A missing column, a row with too many or too few fields, or an
    undecodable file raises :class:`DataFormatError` naming the line.
    """
    path = Path(path)
    try:
        handle = path.open(newline="", encoding="utf-8")
    except OSError as exc:
        raise DataFormatError(f"cannot open: {exc.strerror}", path=path) from exc
    with handle:
        try:
            reader = csv.DictReader(handle)
            fields = reader.fieldnames or []
            missing = [c for c in required if c not in fields]
            if missing:
                raise DataFormatError(f"missing column(s) {missing}; header is {fields}",
                                      path=path, line=1)
            for row in reader:
                line = reader.line_num
                if None in row:
                    raise DataFormatError(
                        f"{len(fields) + len(row[None])} fields, header has {len(fields)}",
                        path=path, line=line)
                if any(value is None for value in row.values()):
                    raise DataFormatError(f"too few fields, header has {len(fields)}",
                                          path=path, line=line)
                if not any(value.strip() for value in row.values()):
                    continue
                yield line, {key: value.strip() for key, value in row.items()}
        except UnicodeDecodeError as exc:
            raise DataFormatError(f"not UTF-8 text ({exc.reason})", path=path) from exc
        except csv.Error as exc:
            raise DataFormatError(f"CSV syntax: {exc}", path=path,
                                  line=reader.line_num) from exc
