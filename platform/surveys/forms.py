"""Forms of a survey's settings and of publishing its results (the builder's are in
`builder_forms.py`; answers are read by `answering.py`, question by question)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import InputRequired

from platform.forms import ChoiceField, LocalDateTimeField, max_length, options, required, strip
from platform.surveys.services import TEXT_MAX, TITLE_MAX


class SurveyForm(FlaskForm):
    title = StringField(
        _l("Title"),
        validators=[required(_l("Give the survey a title.")), max_length(TITLE_MAX)],
        filters=[strip],
        render_kw={"maxlength": TITLE_MAX},
    )
    introduction = TextAreaField(
        _l("Introduction"),
        validators=[max_length(TEXT_MAX)],
        filters=[strip],
        description=_l(
            "What the survey is for, how long it takes, what the lab will do with the answers. "
            "Markdown is accepted."
        ),
        render_kw={"rows": 6},
    )
    opens_at = LocalDateTimeField(
        _l("Opens on"), validators=[InputRequired(_l("Give the opening date and time."))]
    )
    closes_at = LocalDateTimeField(
        _l("Closes on"), validators=[InputRequired(_l("Give the closing date and time."))]
    )
    problem_id = ChoiceField(_l("Problem"), coerce=int)
    prototype_id = ChoiceField(_l("Prototype"), coerce=int)
    is_anonymous = BooleanField(
        _l("Answers are anonymous"),
        description=_l(
            "Responses are kept without the account that sent them, and exports hold no "
            "identity. This cannot change once someone has answered."
        ),
    )

    def __init__(self, *args, problems=(), prototypes=(), **kwargs):
        """`problems`, `prototypes`: (id, title) a survey may be linked to."""
        super().__init__(*args, **kwargs)
        self.problem_id.choices = options([(0, _l("None"))] + list(problems))
        self.prototype_id.choices = options([(0, _l("None"))] + list(prototypes))

    @staticmethod
    def data_of(survey):
        return {
            "title": survey.title,
            "introduction": survey.introduction,
            "opens_at": survey.opens_at,
            "closes_at": survey.closes_at,
            "problem_id": survey.problem_id or 0,
            "prototype_id": survey.prototype_id or 0,
            "is_anonymous": survey.is_anonymous,
        }

    def survey_fields(self):
        """What was sent, as `create_survey` and `update_survey` take it."""
        return {
            "title": self.title.data,
            "introduction": self.introduction.data,
            "opens_at": self.opens_at.data,
            "closes_at": self.closes_at.data,
            "problem_id": self.problem_id.data or None,
            "prototype_id": self.prototype_id.data or None,
            "is_anonymous": self.is_anonymous.data,
        }


class PublishForm(FlaskForm):
    note = TextAreaField(
        _l("What the lab takes from it"),
        validators=[max_length(TEXT_MAX)],
        filters=[strip],
        description=_l(
            "Optional: the lab's reading of the results, shown above them. Markdown is accepted."
        ),
        render_kw={"rows": 5},
    )
