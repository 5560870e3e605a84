"""Calendar months and years in UTC, the periods every public figure is counted over: in Python
for the bounds, in SQL for grouping rows by month."""

from datetime import UTC, date, datetime

from sqlalchemy import String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class year_month(FunctionElement):  # noqa: N801 - used like a SQL function
    """The calendar month ('2026-03') of a UTC timestamp column, on SQLite and PostgreSQL.

    Written without bound parameters, so that the same expression in SELECT and GROUP BY is the
    same text for PostgreSQL.
    """

    type = String()
    name = "year_month"
    inherit_cache = True


@compiles(year_month)
def _year_month_sqlite(element, compiler, **kw):
    # SQLite stores UTC timestamps as text: "2026-03-14 09:30:00.000000".
    return f"strftime('%Y-%m', {compiler.process(element.clauses, **kw)})"


@compiles(year_month, "postgresql")
def _year_month_postgresql(element, compiler, **kw):
    return f"to_char({compiler.process(element.clauses, **kw)} AT TIME ZONE 'UTC', 'YYYY-MM')"


def month_key(day):
    """'2026-03' for any date or datetime in March 2026."""
    return f"{day.year:04d}-{day.month:02d}"


def month_start(key):
    """The first instant (UTC) of the month '2026-03'."""
    year, month = (int(part) for part in key.split("-"))
    return datetime(year, month, 1, tzinfo=UTC)


def add_months(day, months):
    """The first day of the month `months` after (or before) the month of `day`."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def year_bounds(year):
    """The first instant of `year` and of the next one, in UTC."""
    return datetime(year, 1, 1, tzinfo=UTC), datetime(year + 1, 1, 1, tzinfo=UTC)
