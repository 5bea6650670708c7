"""Exception hierarchy for drillmap: one base, specific subclasses that also subclass builtins."""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "ConcurrentEditError",
    "ConfigurationError",
    "DataFormatError",
    "DatabaseUnusableError",
    "GeoError",
    "GeocodingError",
    "InvalidCoordinateError",
    "UnknownCountryError",
]


class GeoError(Exception):
    """Base class of every error raised by :mod:`geo`."""


class ConfigurationError(GeoError, ValueError):
    """A component was configured wrongly (e.g. an online geocoder without a user agent)."""


class InvalidCoordinateError(GeoError, ValueError):
    """A latitude/longitude pair is not finite or out of range (lat/lon swapped?)."""


class UnknownCountryError(GeoError, KeyError):
    """A country code is not in the border dataset."""

    def __str__(self) -> str:  # KeyError quotes its message; keep it readable
        return str(self.args[0]) if self.args else ""


class GeocodingError(GeoError):
    """A geocoder failed for a reason other than "not found" (not found is ``None``)."""


class DataFormatError(GeoError, ValueError):
    """A curated data file or an input file is malformed; names the file and line."""

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None):
        self.path = None if path is None else Path(path)
        self.line = line
        where = ""
        if self.path is not None:
            where = f"{self.path}"
            if line is not None:
                where += f", line {line}"
            where += ": "
        super().__init__(f"{where}{message}")


class DatabaseUnusableError(DataFormatError):
    """The database cannot be used at all: not a drillmap database, damaged, or unreachable.

    Never caught per article or per row: whatever was being done stops, and nothing is written.
    """


class ConcurrentEditError(GeoError):
    """Someone else changed a record since the analyst opened it (no lost update)."""
