"""The two database engines behind :class:`geo.store.sqlite.Store`: SQLite and PostgreSQL.

The store writes its SQL once, in a portable form both engines read: ``?`` placeholders,
``INSERT ... ON CONFLICT``, the reserved word ``"end"`` quoted, insertion order as ``rowid``
(a real column on PostgreSQL). A backend supplies what differs: how to connect, how a write
transaction takes the write lock, how another connection's commit is noticed, how the schema
is created and migrated (numbered SQL files per engine, each applied in the opening
transaction), and how a foreign or damaged database is refused before anything is written.

=============  ============================================  ====================================
               SQLite (embedded default)                     PostgreSQL + PostGIS (a team)
=============  ============================================  ====================================
write lock     ``BEGIN IMMEDIATE`` (one writer per file)     ``pg_advisory_xact_lock`` (one
                                                             writer per database)
snapshot       ``BEGIN`` under WAL                           ``REPEATABLE READ READ ONLY``
others' commit ``PRAGMA data_version``                       ``meta.revision``, counted by every
                                                             write transaction
migrations     ``schema.sql`` + ``migrations/NNNN_*.sql``    ``migrations/postgresql/NNNN_*.sql``
geometry       ``lat``/``lon`` columns                       also ``geography`` points, GeoJSON
                                                             areas, GiST indexes
=============  ============================================  ====================================
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol

from geo.errors import ConfigurationError, DatabaseUnusableError
from geo.settings import DatabaseLocation

if TYPE_CHECKING:
    import psycopg

__all__ = ["Backend", "Connection", "PostgresBackend", "Row", "SqliteBackend", "open_backend"]


class Cursor(Protocol):
    """What the store reads from an executed statement (``sqlite3.Cursor`` has it all)."""

    rowcount: int

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """A connection the store's portable SQL runs on (``sqlite3.Connection`` is one)."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Any: ...


def _statements(text: str) -> tuple[str, ...]:
    """The statements of an SQL file: comment lines dropped, split at each ';' ending a line."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("--")]
    return tuple(s for s in "\n".join(lines).split(";\n") if s.strip())


@cache
def _sql_files(folder: str) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """``(version, statements)`` of each ``NNNN_*.sql`` in a package folder, in order."""
    root = resources.files("geo.store")
    for part in folder.split("/"):
        root = root / part
    out = []
    for item in root.iterdir():
        if item.name.endswith(".sql"):
            out.append((int(item.name.split("_", 1)[0]),
                        _statements(item.read_text(encoding="utf-8"))))
    return tuple(sorted(out))


class Backend:
    """One engine: a connection plus what the store cannot say in portable SQL."""

    #: ``"sqlite"`` or ``"postgresql"``.
    name = ""

    def __init__(self, location: DatabaseLocation) -> None:
        self.location = location
        self.conn: Connection

    def begin_write(self) -> None:
        """Start a transaction that holds the database's write lock until it ends."""
        raise NotImplementedError

    def begin_read(self) -> None:
        """Start a read-only transaction that sees one committed state."""
        raise NotImplementedError

    def before_commit(self) -> None:
        """Run last inside every write transaction (PostgreSQL counts it)."""

    def commit(self) -> None:
        """End the write transaction, keeping its writes."""
        self.conn.execute("COMMIT")

    def end_read(self) -> None:
        """End a read transaction."""
        self.conn.execute("COMMIT")

    def rollback(self) -> None:
        """End the transaction, dropping its writes."""
        self.conn.execute("ROLLBACK")

    def others_version(self) -> int:
        """A number that changes when another connection commits."""
        raise NotImplementedError

    def migrate(self, newest: int) -> None:
        """Create or upgrade the schema to ``newest`` inside the open write transaction."""
        raise NotImplementedError

    def integrity_check(self) -> str:
        """``"ok"`` when the engine finds the database sound, else what it found."""
        raise NotImplementedError

    def table_names(self) -> list[str]:
        """drillmap's tables, by name."""
        raise NotImplementedError

    def has_rowid(self, table: str) -> bool:
        """Whether ``ORDER BY rowid`` gives the table's insertion order."""
        raise NotImplementedError

    @contextmanager
    def translated_errors(self) -> Iterator[None]:
        """Turn the driver's "this database cannot be used" errors into ours."""
        yield

    def close(self) -> None:
        """Close the connection."""
        raise NotImplementedError


def _newer_error(location: DatabaseLocation, version: int, newest: int) -> ConfigurationError:
    return ConfigurationError(f"{location}: schema version {version} is newer than this "
                              f"drillmap ({newest}); upgrade drillmap")


def _foreign_error(location: DatabaseLocation, tables: Sequence[str]) -> DatabaseUnusableError:
    shown = ", ".join(sorted(tables)[:5]) + (" ..." if len(tables) > 5 else "")
    return DatabaseUnusableError(
        f"not a drillmap database (it holds other tables: {shown}); it was left untouched: "
        "name a new file or an empty database with --db or DRILLMAP_DB", path=str(location))


# --------------------------------------------------------------------------- SQLite
_ADD_COLUMN = re.compile(r"\s*ALTER\s+TABLE\s+(\w+)\s+ADD\s+COLUMN\s+(\w+)", re.IGNORECASE)
#: What SQLite (or Python's sqlite3, decoding a text column) says of a damaged file.
_DAMAGED = ("malformed", "not a database", "corrupt", "Could not decode to UTF-8")


class SqliteBackend(Backend):
    """An embedded SQLite file (WAL, one writer at a time, readers never blocked)."""

    name = "sqlite"

    def __init__(self, location: DatabaseLocation, *, timeout_s: float,
                 from_template: bool = True) -> None:
        super().__init__(location)
        path = location.path
        assert path is not None
        if str(path) != ":memory:":
            if path.is_dir():
                raise ConfigurationError(f"database path {str(path)!r} is a directory")
            path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.sqlite = sqlite3.connect(str(path), timeout=timeout_s, isolation_level=None,
                                      check_same_thread=False)
        self.sqlite.row_factory = sqlite3.Row
        self.conn = self.sqlite
        try:
            with self.translated_errors():
                if str(path) == ":memory:" and from_template:
                    _copy_new_database_template(self.sqlite)
                self.sqlite.execute(f"PRAGMA busy_timeout = {int(timeout_s * 1000)}")
                self._refuse_unusable()
                self.sqlite.execute("PRAGMA journal_mode = WAL")
                self.sqlite.execute("PRAGMA synchronous = NORMAL")
                self.sqlite.execute("PRAGMA foreign_keys = ON")
        except BaseException:
            self.sqlite.close()
            raise

    def _refuse_unusable(self) -> None:
        """Refuse a foreign or damaged file before writing a byte to it."""
        tables = [r[0] for r in self.sqlite.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        if tables and not {"meta", "articles"} <= set(tables):
            raise _foreign_error(self.location, tables)
        if tables and str(self.path) != ":memory:":
            found = self.integrity_check(quick=True)
            if found != "ok":
                raise self._damaged(found)

    def _damaged(self, detail: str) -> DatabaseUnusableError:
        return DatabaseUnusableError(
            f"damaged database ({detail.splitlines()[0]}); nothing was written to it: restore "
            "it from a backup, or name another file with --db or DRILLMAP_DB",
            path=str(self.location))

    @contextmanager
    def translated_errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.DatabaseError as exc:
            text = str(exc)
            if not any(word in text for word in _DAMAGED):
                raise
            if "not a database" in text:
                raise DatabaseUnusableError(f"not a drillmap database ({text})",
                                            path=str(self.location)) from exc
            raise self._damaged(text) from exc

    def begin_write(self) -> None:
        self.sqlite.execute("BEGIN IMMEDIATE")

    def begin_read(self) -> None:
        self.sqlite.execute("BEGIN")

    def others_version(self) -> int:
        return int(self.sqlite.execute("PRAGMA data_version").fetchone()[0])

    def migrate(self, newest: int) -> None:
        conn = self.sqlite
        for statement in _sql_files_sqlite_schema():
            conn.execute(statement)  # executescript() would COMMIT the transaction
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        version = int(row[0]) if row else 1
        if version > newest:
            raise _newer_error(self.location, version, newest)
        for number, statements in _sql_files("migrations"):
            if number > version:
                for statement in statements:
                    if not self._column_exists(statement):
                        conn.execute(statement)
                version = number
        conn.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (str(version),))

    def _column_exists(self, statement: str) -> bool:
        """Whether ``statement`` adds a column the table already has (then it is skipped).

        SQLite has no ``ADD COLUMN IF NOT EXISTS``; a database whose recorded version is older
        than its columns (one restored or rebuilt by hand) must still open.
        """
        m = _ADD_COLUMN.match(statement)
        if m is None:
            return False
        table, column = m.groups()
        return any(r[1] == column for r in self.sqlite.execute(f"PRAGMA table_info({table})"))

    def integrity_check(self, *, quick: bool = False) -> str:
        pragma = "quick_check" if quick else "integrity_check"
        try:
            rows = self.sqlite.execute(f"PRAGMA {pragma}").fetchall()
        except sqlite3.DatabaseError as exc:
            return str(exc)
        return "\n".join(str(r[0]) for r in rows)

    def table_names(self) -> list[str]:
        return [r[0] for r in self.sqlite.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name")]

    def has_rowid(self, table: str) -> bool:
        return True

    def close(self) -> None:
        self.sqlite.close()


#: Held while a new in-memory database is copied from the template (one copy at a time).
_TEMPLATE_LOCK = threading.Lock()


@cache
def _new_database_template() -> sqlite3.Connection:
    """An in-memory database that :meth:`SqliteBackend.migrate` brought from empty to the
    newest schema (every migration file applied), built once per process."""
    newest = max((number for number, _ in _sql_files("migrations")), default=1)
    template = SqliteBackend(DatabaseLocation(path=Path(":memory:")), timeout_s=1.0,
                             from_template=False)
    template.begin_write()
    template.migrate(newest)
    template.commit()
    return template.sqlite


def _copy_new_database_template(target: sqlite3.Connection) -> None:
    """Fill a new, empty ``:memory:`` database with the template's schema (the backup API).

    Copying ~0.03 ms instead of executing every ``CREATE`` and migration (~2.4 ms) counts when
    each pasted article is read into its own throw-away database; :meth:`SqliteBackend.migrate`
    then finds the newest schema and only checks and records its version.
    """
    with _TEMPLATE_LOCK:
        _new_database_template().backup(target)


@cache
def _sql_files_sqlite_schema() -> tuple[str, ...]:
    """The statements of ``schema.sql`` (SQLite version 1, run at every open), read once."""
    return _statements((resources.files("geo.store") / "schema.sql").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- PostgreSQL
class Row(tuple[Any, ...]):
    """A PostgreSQL row read like ``sqlite3.Row``: by position, by column name, ``dict(row)``."""

    _names: tuple[str, ...]

    def __new__(cls, values: Sequence[Any], names: tuple[str, ...]) -> Row:
        row = super().__new__(cls, values)
        row._names = names
        return row

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._names.index(key))
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        """The column names, in order."""
        return list(self._names)


def _row_factory(cursor: Any) -> Any:
    names = tuple(c.name for c in cursor.description or ())
    return lambda values: Row(values, names)


_PLACEHOLDER = re.compile(r"'(?:[^']|'')*'|\?|%")


@cache
def postgres_sql(sql: str) -> str:
    """The store's portable SQL in psycopg's form: ``?`` -> ``%s``, a literal ``%`` doubled.

    Examples
    --------
    >>> postgres_sql("SELECT id FROM t WHERE a = ? AND b LIKE 'x%?'")
    "SELECT id FROM t WHERE a = %s AND b LIKE 'x%%?'"
    """
    def swap(m: re.Match[str]) -> str:
        token = m.group(0)
        if token == "?":
            return "%s"
        if token == "%":
            return "%%"
        return token.replace("%", "%%")

    return _PLACEHOLDER.sub(swap, sql)


class _PostgresConnection:
    """A psycopg connection that runs the store's portable SQL (see :func:`postgres_sql`).

    A connection the server dropped (a restart, an idle timeout, an administrator) is opened
    again at the next statement that starts a transaction or runs on its own; a transaction
    it broke fails (the server rolled it back: nothing of it was written).
    """

    def __init__(self, location: DatabaseLocation, timeout_s: float) -> None:
        self.location = location
        self.timeout_s = timeout_s
        self.in_transaction = False
        # Start-up: the driver loads with the first PostgreSQL connection only, so a SQLite
        # database's app does not import it before its first map (README, "Performance").
        import psycopg

        #: The psycopg module (its errors are caught by :class:`PostgresBackend` too).
        self.driver: ModuleType = psycopg
        self.raw = self._connect()

    def _connect(self) -> psycopg.Connection[Any]:
        assert self.location.url is not None
        try:
            raw: psycopg.Connection[Any] = self.driver.connect(
                self.location.url, autocommit=True, connect_timeout=10,
                row_factory=_row_factory)
        except self.driver.Error as exc:
            raise _unreachable(self.location, exc) from exc
        raw.execute(f"SET lock_timeout = {int(self.timeout_s * 1000)}")
        return raw

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Any:
        begins = sql.startswith("BEGIN")
        try:
            cursor = self.raw.execute(postgres_sql(sql), tuple(parameters))
        except self.driver.OperationalError as exc:
            if not (self.raw.closed or self.raw.broken):
                raise
            lost = self.in_transaction and not begins
            self.in_transaction = False
            if sql == "ROLLBACK":
                return None  # the server ended the session: it rolled the transaction back
            if lost or sql == "COMMIT":
                raise _unreachable(self.location, exc) from exc
            self.raw.close()
            self.raw = self._connect()
            cursor = self.raw.execute(postgres_sql(sql), tuple(parameters))
        if begins:
            self.in_transaction = True
        elif sql in ("COMMIT", "ROLLBACK"):
            self.in_transaction = False
        return cursor


def _unreachable(location: DatabaseLocation, exc: Exception) -> DatabaseUnusableError:
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return DatabaseUnusableError(f"cannot reach the PostgreSQL database ({first})",
                                 path=str(location))


#: One writer at a time per database, as SQLite's file lock: the key of the advisory lock.
_WRITE_LOCK_KEY = 0x6472696C6C6D6170 & 0x7FFFFFFFFFFFFFFF  # "drillmap"


class PostgresBackend(Backend):
    """A PostgreSQL database with PostGIS: the shared store of a team of analysts."""

    name = "postgresql"

    def __init__(self, location: DatabaseLocation, *, timeout_s: float) -> None:
        super().__init__(location)
        self.conn = self.postgres = _PostgresConnection(location, timeout_s)
        self._own_commits = 0

    def begin_write(self) -> None:
        self.conn.execute("BEGIN")
        self.conn.execute(f"SELECT pg_advisory_xact_lock({_WRITE_LOCK_KEY})")

    def begin_read(self) -> None:
        self.conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")

    def before_commit(self) -> None:
        self.conn.execute("UPDATE meta SET value = CAST(CAST(value AS bigint) + 1 AS text) "
                          "WHERE key = 'revision'")

    def commit(self) -> None:
        super().commit()
        self._own_commits += 1

    def others_version(self) -> int:
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()
        return (int(row[0]) if row else 0) - self._own_commits

    def _tables(self) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = "
            "current_schema() AND table_type = 'BASE TABLE' AND table_name != "
            "'spatial_ref_sys' ORDER BY table_name")]

    def migrate(self, newest: int) -> None:
        tables = self._tables()
        if tables and not {"meta", "articles"} <= set(tables):
            raise _foreign_error(self.location, tables)
        version = 0
        if tables:
            row = self.conn.execute(
                "SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            version = int(row[0]) if row else 0
        if version > newest:
            raise _newer_error(self.location, version, newest)
        for number, statements in _sql_files("migrations/postgresql"):
            if number > version:
                try:
                    for statement in statements:
                        self.conn.execute(statement)
                except self.postgres.driver.Error as exc:
                    first = str(exc).strip().splitlines()[0]
                    raise DatabaseUnusableError(
                        f"cannot bring the database to schema version {number} ({first}); "
                        "nothing was changed. The database's owner must run CREATE EXTENSION "
                        "postgis in it once, and drillmap's user needs the right to create "
                        "tables there", path=str(self.location)) from exc
                version = number
        self.conn.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                          "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                          (str(version),))

    def integrity_check(self) -> str:
        # PostgreSQL checks pages as it reads them; a full read of every table finds damage.
        try:
            for table in self._tables():
                self.conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()
        except self.postgres.driver.errors.DataCorrupted as exc:
            return str(exc)
        return "ok"

    def table_names(self) -> list[str]:
        return self._tables()

    def has_rowid(self, table: str) -> bool:
        return self.conn.execute(
            "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = ? AND column_name = 'rowid'", (table,)).fetchone() is not None

    def close(self) -> None:
        self.postgres.raw.close()


def open_backend(location: DatabaseLocation, *, timeout_s: float) -> Backend:
    """Connect to the database ``location`` names (nothing is created or changed yet)."""
    if location.backend == "postgresql":
        return PostgresBackend(location, timeout_s=timeout_s)
    return SqliteBackend(location, timeout_s=timeout_s)

