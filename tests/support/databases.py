"""Throw-away databases: a SQLite file, or a PostgreSQL database made and dropped per run."""

import os
import uuid
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from platform.config import normalise_database_url


def postgres_base_url():
    """The PostgreSQL server to test on, from TEST_DATABASE_URL, or None for SQLite."""
    url = os.environ.get("TEST_DATABASE_URL")
    return normalise_database_url(url) if url else None


@contextmanager
def temporary_database(directory):
    """Yield the URL of an empty database that is removed afterwards."""
    base = postgres_base_url()
    if base is None:
        path = Path(directory) / f"test-{uuid.uuid4().hex[:8]}.db"
        yield f"sqlite:///{path}"
        path.unlink(missing_ok=True)
        return
    name = f"test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
