"""iCalendar (RFC 5545) and CSV exports of an experiment."""

import csv
import io
from datetime import UTC

from platform.database import utcnow
from platform.text import spreadsheet_safe


def _escape(text):
    return (
        (text or "")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line):
    """Cut lines longer than 75 octets, as RFC 5545 §3.1 requires, without splitting a character."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode()) > (75 if not out else 74):
            out.append(current)
            current = ""
        current += char
    out.append(current)
    return "\r\n ".join(out)


def _utc(moment):
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def ics_for(experiment, url, host):
    """One event, with times in UTC so that every calendar shows them in its own time zone."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Co-design platform//Experiments//FR",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:experiment-{experiment.id}@{host}",
        f"DTSTAMP:{_utc(utcnow())}",
        f"DTSTART:{_utc(experiment.starts_at)}",
        f"DTEND:{_utc(experiment.ends_at)}",
        f"SUMMARY:{_escape(experiment.title)}",
        f"DESCRIPTION:{_escape(experiment.involvement)}",
        f"LOCATION:{_escape(experiment.location)}",
        f"URL:{url}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def participants_csv(headers, rows):
    """CSV with a byte-order mark, so that spreadsheet programs read the accents right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([spreadsheet_safe(str(value)) for value in row])
    return "\ufeff" + buffer.getvalue()
