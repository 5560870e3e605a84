"""Forms for proposing problems and moving them along."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import ValidationError

from platform.forms import ChoiceField, HoneypotMixin, max_length, options, required, strip
from platform.ideas.services import DESCRIPTION_MAX, NOTE_MAX, TITLE_MAX


class ProblemForm(HoneypotMixin, FlaskForm):
    title = StringField(
        _l("Title"),
        validators=[required(_l("Give your problem a title.")), max_length(TITLE_MAX)],
        filters=[strip],
        description=_l("In one sentence, what does not work? At most 150 characters."),
        render_kw={"maxlength": TITLE_MAX},
    )
    description = TextAreaField(
        _l("Description"),
        validators=[required(_l("Describe the problem.")), max_length(DESCRIPTION_MAX)],
        filters=[strip],
        description=_l(
            "Who is affected, when, where, and what you have tried. You may suggest a solution. "
            "Markdown is accepted: **bold**, *italics*, lists, links."
        ),
        render_kw={"rows": 10},
    )
    theme = ChoiceField(_l("Theme"), coerce=int)
    district = ChoiceField(
        _l("District"), coerce=int, description=_l("Optional: where does it happen?")
    )
    similar_checked = HiddenField()

    def __init__(self, *args, themes=(), districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.theme.choices = options([(0, _l("Choose a theme"))] + [(t.id, t.name) for t in themes])
        self.district.choices = options(
            [(0, _l("The whole city / not specific"))] + [(d.id, d.name) for d in districts]
        )

    def validate_theme(self, field):
        if not field.data:
            raise ValidationError(_l("Choose one of the themes in the list."))

    @staticmethod
    def data_of(problem):
        """The form's values for changing `problem`."""
        return {
            "title": problem.title,
            "description": problem.description,
            "theme": problem.theme_id,
            "district": problem.district_id or 0,
        }

    def problem_fields(self):
        """What was sent, as the services `create_problem` and `update_problem` take it."""
        return {
            "title": self.title.data,
            "description": self.description.data,
            "theme_id": self.theme.data,
            "district_id": self.district.data or None,
        }


class StatusForm(FlaskForm):
    status = ChoiceField(_l("New stage"))
    note = TextAreaField(
        _l("Public note"),
        validators=[max_length(NOTE_MAX)],
        filters=[strip],
        description=_l(
            "Explain the decision to everyone following the problem. "
            "Required when it is not retained."
        ),
        render_kw={"rows": 3},
    )

    def __init__(self, *args, transitions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = options((s.value, s.label) for s in transitions)
