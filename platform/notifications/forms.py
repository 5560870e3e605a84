"""The form choosing which e-mails an account receives."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField

from platform.forms import options, required
from platform.notifications.models import EmailFrequency

CHOOSE = _l("Choose one of the options in the list.")


class EmailSettingsForm(FlaskForm):
    email_frequency = RadioField(
        _l("E-mails about your notifications"),
        choices=options((f.value, f.label) for f in EmailFrequency),
        validators=[required(CHOOSE)],
        invalid_choice_message=CHOOSE,
        description=_l("Your notifications are always on this site; e-mail only repeats them."),
    )
