"""The form of a theme or a district: its name in every language, slug and position."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import NumberRange, Regexp

from platform.forms import WholeNumberField, max_length, required, strip
from platform.taxonomy.services import (
    NAME_MAX,
    NAME_REQUIRED,
    POSITION_MAX,
    SLUG_FORMAT_MESSAGE,
    SLUG_MAX,
    SLUG_PATTERN,
)


def name_field(label, column, lang):
    return StringField(
        label,
        validators=[required(NAME_REQUIRED[column]), max_length(NAME_MAX)],
        filters=[strip],
        # The value is in that language, whatever the page's: assistive technologies read it so.
        render_kw={"lang": lang, "maxlength": NAME_MAX},
    )


class NamedItemForm(FlaskForm):
    """A theme or a district: its name in every language, its slug and its display position."""

    name_fr = name_field(_l("Name in French"), "name_fr", "fr")
    name_en = name_field(_l("Name in English"), "name_en", "en")
    name_es = name_field(_l("Name in Spanish"), "name_es", "es")
    slug = StringField(
        _l("Identifier (slug)"),
        validators=[
            required(_l("Enter the identifier.")),
            max_length(SLUG_MAX),
            Regexp(SLUG_PATTERN, message=SLUG_FORMAT_MESSAGE),
        ],
        filters=[strip],
        description=_l(
            "Lowercase letters without accents, digits and hyphens, like green-spaces. It appears "
            "in the addresses of filtered lists of problems."
        ),
        render_kw={"maxlength": SLUG_MAX, "spellcheck": "false", "autocapitalize": "none"},
    )
    position = WholeNumberField(
        _l("Position"),
        validators=[
            NumberRange(
                min=0,
                max=POSITION_MAX,
                message=_l("Enter a whole number between %(min)s and %(max)s."),
            )
        ],
        description=_l("Lists show the lowest positions first."),
        render_kw={"min": 0, "max": POSITION_MAX},
    )
