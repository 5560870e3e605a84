"""Forms for registering, signing in and managing one's account."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, StringField
from wtforms.validators import EqualTo

from platform.config import LANGUAGES
from platform.forms import (
    ChoiceField,
    HoneypotMixin,
    length_between,
    max_length,
    options,
    required,
    strip,
)
from platform.i18n import LANGUAGE_NAMES


class RegisterForm(HoneypotMixin, FlaskForm):
    email = EmailField(
        _l("E-mail address"),
        validators=[required(_l("Enter your e-mail address.")), max_length(254)],
        filters=[strip],
        description=_l("We use it to sign you in and, if you wish, to tell you what happened."),
        render_kw={"autocomplete": "email", "spellcheck": "false"},
    )
    display_name = StringField(
        _l("Name shown to others"),
        validators=[
            required(_l("Enter the name to show with your contributions.")),
            length_between(2, 80),
        ],
        filters=[strip],
        description=_l("Your first name, a nickname or your full name: it will be public."),
        render_kw={"autocomplete": "nickname"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[required(_l("Choose a password."))],
        description=_l("At least 10 characters. Three unrelated words make a strong password."),
        render_kw={"autocomplete": "new-password"},
    )
    terms = BooleanField(
        _l("I have read and accept the terms of use"),
        validators=[required(_l("You must accept the terms of use to create an account."))],
    )


class SignInForm(FlaskForm):
    email = EmailField(
        _l("E-mail address"),
        validators=[required(_l("Enter your e-mail address."))],
        filters=[strip],
        render_kw={"autocomplete": "email", "spellcheck": "false"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[required(_l("Enter your password."))],
        render_kw={"autocomplete": "current-password"},
    )
    next = HiddenField()


class SettingsForm(FlaskForm):
    display_name = StringField(
        _l("Name shown to others"),
        validators=[
            required(_l("Enter the name to show with your contributions.")),
            length_between(2, 80),
        ],
        filters=[strip],
        render_kw={"autocomplete": "nickname"},
    )
    locale = ChoiceField(
        _l("Language"),
    )
    district = ChoiceField(
        _l("Your district"),
        coerce=int,
        description=_l("Optional. It helps the lab know which neighbourhoods take part."),
    )

    def __init__(self, *args, districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.districts = districts
        self.district.choices = options(
            [(0, _l("I prefer not to say"))] + [(d.id, d.name) for d in districts]
        )
        self.locale.choices = options((code, LANGUAGE_NAMES[code]) for code in LANGUAGES)

    @staticmethod
    def data_of(user, locale):
        """What the form shows first: the account's settings (`locale`: the language in use)."""
        return {
            "display_name": user.display_name,
            "locale": user.locale or locale,
            "district": user.district_id or 0,
        }

    def settings(self):
        """The sent values, as `services.update_settings` takes them."""
        district = next((d for d in self.districts if d.id == self.district.data), None)
        return {
            "display_name": self.display_name.data,
            "locale": self.locale.data,
            "district": district,
        }


class PasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"),
        validators=[required(_l("Enter your current password."))],
        render_kw={"autocomplete": "current-password"},
    )
    new_password = PasswordField(
        _l("New password"),
        validators=[required(_l("Choose a new password."))],
        description=_l("At least 10 characters. Three unrelated words make a strong password."),
        render_kw={"autocomplete": "new-password"},
    )
    confirm_password = PasswordField(
        _l("New password again"),
        validators=[
            required(_l("Enter the new password again.")),
            EqualTo("new_password", message=_l("The two new passwords are different.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )
