"""Insert many rows fast through the session's own connection: COPY on PostgreSQL, executemany
in large batches on SQLite. Going past the ORM is what makes a million rows load in seconds.

Rows are plain tuples; timestamps are given as POSIX seconds (cheap to compute in bulk) and
converted here to what each database stores for a `UTCDateTime` column.
"""

import time
from collections import Counter
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import islice

from sqlalchemy import func, inspect, select, text

from platform.database import UTCDateTime

BATCH = 10_000


def _postgresql_time(seconds):
    return datetime.fromtimestamp(seconds, UTC)


def _sqlite_time(seconds):
    # The format SQLAlchemy's SQLite DATETIME writes, so that values sort as text.
    return datetime.fromtimestamp(seconds, UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def _column_default(column):
    """A function giving the value of an omitted column, for each row (columns added to the
    models after this generator was written get their own default, as the ORM would give)."""
    default = column.default
    if default is not None:
        if default.is_scalar:
            return lambda: default.arg
        return lambda: default.arg(None)
    if column.nullable:
        return lambda: None
    raise ValueError(f"bench generator: give a value for {column.table.name}.{column.name}")


class BulkWriter:
    """Write rows into tables, inside the session's current transaction."""

    def __init__(self, session):
        connection = session.connection()
        self.session = session
        self.dialect = connection.dialect.name
        self.dbapi = connection.connection.driver_connection
        self.counts = Counter()
        self.seconds = Counter()  # generating and writing, per table

    def next_id(self, table):
        """The first free id of a table, so that the generator can name rows before writing."""
        return (self.session.scalar(select(func.max(table.c.id))) or 0) + 1

    def insert(self, table, columns, rows):
        """Insert `rows` (tuples in the order of `columns`) into `table`; return how many.

        Only the columns the database has are written: a column a model gained before its
        migration ran is left out, and one the migration added gets the model's default.
        """
        existing = {c["name"] for c in inspect(self.session.connection()).get_columns(table.name)}
        kept = [i for i, name in enumerate(columns) if name in existing and name in table.c]
        omitted = [
            c
            for c in table.columns
            if c.name in existing and c.name not in columns and c.server_default is None
        ]
        names = [*(columns[i] for i in kept), *(c.name for c in omitted)]
        defaults = [_column_default(c) for c in omitted]
        times = [
            position
            for position, i in enumerate(kept)
            if isinstance(table.c[columns[i]].type, UTCDateTime)
        ]
        convert = _postgresql_time if self.dialect == "postgresql" else _sqlite_time
        everything = len(kept) == len(columns)

        def prepared():
            for row in rows:
                values = list(row) if everything else [row[i] for i in kept]
                for i in times:
                    if values[i] is not None:
                        values[i] = convert(values[i])
                values.extend(default() for default in defaults)
                yield values

        quoted = ", ".join(f'"{name}"' for name in names)
        started = time.monotonic()
        written = 0
        if self.dialect == "postgresql":
            sql = f'COPY "{table.name}" ({quoted}) FROM STDIN'
            with self.dbapi.cursor() as cursor, cursor.copy(sql) as copy:
                for row in prepared():
                    copy.write_row(row)
                    written += 1
        else:
            marks = ", ".join("?" * len(names))
            sql = f'INSERT INTO "{table.name}" ({quoted}) VALUES ({marks})'  # noqa: S608 - our names
            stream = prepared()
            while batch := list(islice(stream, BATCH)):
                self.dbapi.executemany(sql, batch)
                written += len(batch)
        self.counts[table.name] += written
        self.seconds[table.name] += time.monotonic() - started
        return written

    @contextmanager
    def indexes_deferred(self, table):
        """On PostgreSQL, drop a table's plain indexes while it loads and build them after:
        one sorted build is many times faster than a million insertions into each index.
        Indexes behind constraints (primary key, unique) stay, so the rules keep holding."""
        if self.dialect != "postgresql":
            yield
            return
        definitions = self.session.execute(
            text(
                "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x"
                " JOIN pg_class i ON i.oid = x.indexrelid"
                " JOIN pg_class t ON t.oid = x.indrelid"
                " WHERE t.relname = :table AND t.relnamespace = current_schema()::regnamespace"
                " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)"
            ),
            {"table": table.name},
        ).all()
        for name, _definition in definitions:
            self.session.execute(text(f'DROP INDEX "{name}"'))
        yield
        for _name, definition in definitions:
            self.session.execute(text(definition))

    def reset_sequences(self, tables):
        """Move PostgreSQL's id sequences past the ids written here (SQLite needs nothing)."""
        if self.dialect != "postgresql":
            return
        for table in tables:
            sequence = f"pg_get_serial_sequence('\"{table.name}\"', 'id')"
            highest = f'SELECT max(id) FROM "{table.name}"'  # noqa: S608 - a model's table name
            self.session.execute(text(f"SELECT setval({sequence}, ({highest}))"))
