"""The form that confirms deleting one's account."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField

from platform.forms import required


class DeleteAccountForm(FlaskForm):
    password = PasswordField(
        _l("Your password"),
        validators=[required(_l("Enter your password to confirm."))],
        render_kw={"autocomplete": "current-password"},
    )
