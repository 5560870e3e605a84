"""The files an experiment's page offers: its iCalendar (RFC 5545) event and, for the
lab, the CSV list of its participants and waiting list."""

import csv
import io
from datetime import UTC
from typing import NamedTuple
from urllib.parse import urlsplit

from flask import url_for
from flask_babel import format_datetime
from flask_babel import gettext as _

from platform.database import utcnow
from platform.experiments import services
from platform.text import spreadsheet_safe


class Export(NamedTuple):
    """A file to download; `is_private` ones (personal data) must not be kept by caches."""

    body: str
    mimetype: str
    filename: str
    is_private: bool = False


def calendar_file(experiment):
    """The experiment as one calendar event, linking to its page."""
    url = url_for("experiments.show", experiment_id=experiment.id, _external=True)
    body = _ics(experiment, url, urlsplit(url).hostname)
    return Export(body, "text/calendar", f"experiment-{experiment.id}.ics")


def participants_file(experiment):
    """Participants in arrival order, then the waiting list with each one's position."""
    participants, waiting = services.sign_ups(experiment)
    rows = [
        (s.user.display_name, s.user.email, _("Participant"), "", format_datetime(s.created_at))
        for s in participants
    ] + [
        (s.user.display_name, s.user.email, _("Waiting list"), n, format_datetime(s.created_at))
        for n, s in enumerate(waiting, 1)
    ]
    headers = [_("Name"), _("E-mail address"), _("Status"), _("Position"), _("Signed up on")]
    body = _csv(headers, rows)
    return Export(body, "text/csv", f"participants-{experiment.id}.csv", is_private=True)


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


def _ics(experiment, url, host):
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


def _csv(headers, rows):
    """CSV with a byte-order mark, so that spreadsheet programs read the accents right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([spreadsheet_safe(str(value)) for value in row])
    return "\ufeff" + buffer.getvalue()
