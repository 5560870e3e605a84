"""Form helpers shared by every feature."""

from datetime import datetime
from typing import NamedTuple
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Length, StopValidation

from platform.rules import RuleError


def required(message=None):
    return DataRequired(message=message or _l("This field is required."))


def max_length(n):
    return Length(max=n, message=_l("Enter at most %(max)d characters."))


def length_between(low, high):
    return Length(min=low, max=high, message=_l("Enter between %(min)d and %(max)d characters."))


def strip(value):
    return value.strip() if isinstance(value, str) else value


def is_safe_next_url(target):
    """Whether `target` is a path on this site (never another host) to go back to."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def add_error(form, field_name, message):
    """Attach a service's message to the form field it concerns (or to the form)."""
    field = getattr(form, field_name, None) if field_name else None
    if field is not None:
        field.errors = [*field.errors, message] if isinstance(field.errors, list) else [message]
    else:
        form.form_errors.append(message)


class Sent(NamedTuple):
    """What became of a sent form: `ok` when the service accepted it, with what it returned."""

    ok: bool
    result: object = None


def attempt(form, service, *args, **kwargs):
    """Run `service(*args, **kwargs)`, the rule behind a valid form: `Sent(True, result)`, or
    `Sent(False)` when the rule refused, its message put on the form field it names."""
    try:
        return Sent(True, service(*args, **kwargs))
    except RuleError as error:
        add_error(form, error.field, error.message)
        return Sent(False)


def submit(form, service, *args, **kwargs):
    """Validate a sent form, then `attempt` its service; `Sent(False)` when it was not sent or
    is not valid, so that the route shows the form again."""
    if not form.validate_on_submit():
        return Sent(False)
    return attempt(form, service, *args, **kwargs)


def form_status(*forms):
    """400 when a form is shown again with its errors, 200 otherwise."""
    return 400 if any(form.errors for form in forms) else 200


def options(pairs):
    """Select options from (value, label) pairs."""
    return [SelectChoice(value=value, label=label) for value, label in pairs]


class ChoiceField(SelectField):
    """A select whose refusal of an unknown or malformed value speaks the platform's words."""

    def __init__(self, *args, **kwargs):
        message = _l("Choose one of the options in the list.")
        kwargs.setdefault("invalid_choice_message", message)
        kwargs.setdefault("invalid_value_message", message)
        super().__init__(*args, **kwargs)


class WholeNumberField(IntegerField):
    """An integer field whose refusal of a malformed value speaks the platform's words, once."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("invalid_value_message", _l("Enter a whole number, like 3."))
        super().__init__(*args, **kwargs)

    def pre_validate(self, form):
        # A value that is not a number already has its message: range checks would only repeat it.
        if self.process_errors:
            raise StopValidation()


class HoneypotField(StringField):
    """A field people never see (macro `honeypot`); only a robot filling every field fills it."""

    def __init__(self, label=None, **kwargs):
        super().__init__(label or _l("Leave this field empty"), **kwargs)

    def pre_validate(self, form):
        if self.data:
            # Deliberately vague: a robot learns nothing about why it was refused.
            raise StopValidation(_l("Your message could not be sent. Please try again."))


class HoneypotMixin:
    """Add the honeypot field `website` to a public contribution form (a filled one answers 400)."""

    website = HoneypotField()


class LocalDateTimeField(StringField):
    """A date and time typed in the city's time zone (an HTML datetime-local input)."""

    FORMAT = "%Y-%m-%dT%H:%M"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("render_kw", {"type": "datetime-local"})
        super().__init__(*args, **kwargs)

    def _value(self):
        if isinstance(self.data, datetime):
            zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
            return self.data.astimezone(zone).strftime(self.FORMAT)
        return self.raw_data[0] if self.raw_data else ""

    def process_formdata(self, valuelist):
        self.data = None
        if not valuelist or not valuelist[0].strip():
            return
        try:
            naive = datetime.strptime(valuelist[0].strip()[:16], self.FORMAT)
        except ValueError:
            raise ValueError(_l("Enter a date and time, like 2026-03-14 18:30.")) from None
        self.data = naive.replace(tzinfo=ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"]))
