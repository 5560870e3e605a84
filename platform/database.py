"""Column types and engine set-up shared by every feature's models."""

from datetime import UTC, datetime

from flask import has_request_context, request
from sqlalchemy import DateTime, Enum, event, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.types import TypeDecorator

from platform.extensions import db


def utcnow():
    """Return the current time, timezone-aware in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """A datetime stored in UTC and always read back timezone-aware, on SQLite as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTCDateTime column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def isoformat(value):
    """A moment as ISO 8601 text, or None: how exports and the API write dates."""
    return value.isoformat() if value is not None else None


def enum_type(enum_class, name):
    """A string column holding an enum's values, checked by a named CHECK constraint.

    Stored as VARCHAR rather than a native PostgreSQL ENUM, so that adding a value is a plain
    migration on both backends.
    """
    return Enum(
        enum_class,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=20,
        values_callable=lambda members: [member.value for member in members],
    )


def configure_sqlite(engine):
    """Give SQLite real transactions (and savepoints), foreign keys, WAL and a busy timeout.

    pysqlite opens transactions lazily and mishandles SAVEPOINT; SQLAlchemy's documented remedy is
    to switch its own handling off and emit BEGIN ourselves. A request that may write (any method
    but GET/HEAD/OPTIONS) takes the write lock at once with BEGIN IMMEDIATE: two transactions
    that read first and write later would otherwise deadlock, and SQLite answers one of them
    "database is locked" instead of waiting. Readers are never blocked (WAL).
    """
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA busy_timeout = 10000")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        writing = has_request_context() and request.method not in ("GET", "HEAD", "OPTIONS")
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def database_reachable():
    """Whether the database answers a trivial query (the health check)."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return False
    return True
