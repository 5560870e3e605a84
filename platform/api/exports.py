"""CSV exports: every matching row, streamed batch by batch, safe to open in a spreadsheet."""

import csv
import io

from flask import Response, stream_with_context

from platform.database import utcnow
from platform.text import spreadsheet_safe

# Spreadsheet programs read UTF-8 without a byte-order mark as their local encoding and break
# every accent; the mark costs three bytes and other CSV readers skip it.
BYTE_ORDER_MARK = "\ufeff"


def cell(value):
    """A value as a CSV cell; text that a spreadsheet would run as a formula is made inert."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return spreadsheet_safe(value) if isinstance(value, str) else value


def _drain(buffer):
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def csv_chunks(columns, batches):
    """The header row, then one chunk of CSV text per batch of API objects."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    yield BYTE_ORDER_MARK + _drain(buffer)
    for batch in batches:
        for data in batch:
            writer.writerow([cell(value(data)) for value in columns.values()])
        yield _drain(buffer)


def csv_response(name, columns, batches):
    """A streamed CSV download named `<name>-<date>.csv`."""
    response = Response(
        stream_with_context(csv_chunks(columns, batches)), content_type="text/csv; charset=utf-8"
    )
    filename = f"{name}-{utcnow():%Y-%m-%d}.csv"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.cache_control.public = True
    response.cache_control.max_age = 60
    return response
