"""Strict reading of curated CSV files: every error names the file and line."""

from __future__ import annotations

import codecs
import csv
import io
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path

from geo.errors import DataFormatError

__all__ = ["MAX_CSV_BYTES", "iter_csv_rows", "read_csv_text"]


#: Largest curated CSV file read, 64 MiB (the bundled ones are under 1 MiB together).
MAX_CSV_BYTES = 64 * 1024 * 1024


def read_csv_text(path: str | Path) -> str:
    """A curated CSV file as text: UTF-8, with or without a byte-order mark.

    Only a regular file is read, and at most :data:`MAX_CSV_BYTES` (a FIFO or a device would
    hang or never end). Spreadsheet programs save "CSV UTF-8" with a BOM; it is accepted. A
    byte that is not UTF-8 (a Latin-1 export, say) is reported with its line.

    Raises
    ------
    DataFormatError
        Naming the file (and the line of a byte that is not UTF-8).
    """
    path = Path(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise DataFormatError("not a regular file", path=path)
        with path.open("rb") as handle:
            raw = handle.read(MAX_CSV_BYTES + 1)
    except OSError as exc:
        raise DataFormatError(f"cannot open: {exc.strerror or exc}", path=path) from exc
    if len(raw) > MAX_CSV_BYTES:
        raise DataFormatError(f"larger than {MAX_CSV_BYTES // 2**20} MiB: not a curated "
                              "data file", path=path)
    body = raw[len(codecs.BOM_UTF8):] if raw.startswith(codecs.BOM_UTF8) else raw
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = body.count(b"\n", 0, exc.start) + 1
        byte = body[exc.start:exc.start + 1].hex()
        raise DataFormatError(f"not UTF-8 text at line {line} (byte 0x{byte}); save the file "
                              "as UTF-8", path=path, line=line) from None


def iter_csv_rows(
    path: str | Path, required: Sequence[str]
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line_number, row)`` for each data row, values stripped.

    The header is line 1. A missing column, a row with too many or too few fields, or an
    undecodable file raises :class:`DataFormatError` naming the line.
    """
    path = Path(path)
    handle = io.StringIO(read_csv_text(path), newline="")
    reader = csv.DictReader(handle)
    try:
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
    except csv.Error as exc:
        raise DataFormatError(f"CSV syntax: {exc}", path=path, line=reader.line_num) from exc
