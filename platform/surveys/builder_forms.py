"""Forms of the survey builder: the shape of what is sent; the rules are in `builder.py`.

Several of these forms share a page, so those repeated per item take a `prefix` (their fields'
names and ids then start with it, and stay unique on the page).
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectMultipleField, StringField, TextAreaField

from platform.forms import ChoiceField, WholeNumberField, max_length, required, strip
from platform.forms import options as select_options
from platform.surveys.builder import (
    END_LABEL_MAX,
    HELP_MAX,
    OPTION_MAX,
    OPTIONS_TEXT_MAX,
    PROMPT_MAX,
    SECTION_DESCRIPTION_MAX,
    SECTION_TITLE_MAX,
)
from platform.surveys.models import QuestionKind


class SectionForm(FlaskForm):
    title = StringField(
        _l("Title of the section"),
        validators=[required(_l("Give the section a title.")), max_length(SECTION_TITLE_MAX)],
        filters=[strip],
        render_kw={"maxlength": SECTION_TITLE_MAX},
    )
    description = TextAreaField(
        _l("Description"),
        validators=[max_length(SECTION_DESCRIPTION_MAX)],
        filters=[strip],
        description=_l("Optional: shown at the top of the section's page."),
        render_kw={"rows": 3},
    )

    def section_fields(self):
        return {"title": self.title.data, "description": self.description.data}


class ButtonForm(FlaskForm):
    """A button's form: its CSRF field only (delete)."""


class MoveForm(FlaskForm):
    """Up or down; an unknown direction is refused by the rule, with its message."""

    direction = HiddenField()


class SectionChoiceForm(FlaskForm):
    """Move a question to another section (one per question on the builder's page)."""

    section_id = ChoiceField(_l("Move to the section"), coerce=int)

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.section_id.choices = select_options(
            (s.id, _l("%(n)s. %(title)s", n=s.position, title=s.title)) for s in sections
        )


class OptionForm(FlaskForm):
    """Rename one option (one per option on the question's page)."""

    label = StringField(
        _l("Option"),
        validators=[required(_l("Write the option.")), max_length(OPTION_MAX)],
        filters=[strip],
        render_kw={"maxlength": OPTION_MAX},
    )


class ConditionField(SelectMultipleField):
    """The ticked options of earlier questions, as ids; which ones are allowed is a rule."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, coerce=int, validate_choice=False, **kwargs)

    def process_formdata(self, valuelist):
        try:
            self.data = [int(value) for value in valuelist]
        except ValueError:
            self.data = []
            raise ValueError(_l("Choose options from the list.")) from None


class OptionalNumberField(WholeNumberField):
    """A whole number that may be left empty (then None)."""

    def process_formdata(self, valuelist):
        if valuelist and not str(valuelist[0]).strip():
            self.data = None
            return
        super().process_formdata(valuelist)


class QuestionWordingForm(FlaskForm):
    """What may still be corrected once the survey has responses."""

    prompt = StringField(
        _l("Question"),
        validators=[required(_l("Write the question.")), max_length(PROMPT_MAX)],
        filters=[strip],
        render_kw={"maxlength": PROMPT_MAX},
    )
    help_text = TextAreaField(
        _l("Hint"),
        validators=[max_length(HELP_MAX)],
        filters=[strip],
        description=_l("Optional: shown under the question, to help answer it."),
        render_kw={"rows": 2},
    )
    low_label = StringField(
        _l("Label of the lowest value"),
        validators=[max_length(END_LABEL_MAX)],
        filters=[strip],
        description=_l("Scale only, optional: for instance “Not at all”."),
        render_kw={"maxlength": END_LABEL_MAX},
    )
    high_label = StringField(
        _l("Label of the highest value"),
        validators=[max_length(END_LABEL_MAX)],
        filters=[strip],
        description=_l("Scale only, optional: for instance “Completely”."),
        render_kw={"maxlength": END_LABEL_MAX},
    )

    def wording_fields(self):
        return {
            "prompt": self.prompt.data,
            "help_text": self.help_text.data,
            "low_label": self.low_label.data,
            "high_label": self.high_label.data,
        }


SCALE_CHOICES = [("1-5", _l("From 1 to 5")), ("0-10", _l("From 0 to 10"))]


def scale_value(value):
    """The scale "1-5" as (1, 5); None for anything else (the rule says which scales exist)."""
    low, _sep, high = (value or "").partition("-")
    try:
        return int(low), int(high)
    except ValueError:
        return None


class QuestionForm(QuestionWordingForm):
    """A question with its settings: for a new question, or while the survey has no response.

    The hidden `structure` field tells the route that the settings were sent too (a form shown
    before the first response may come back after it: the rule then refuses any change)."""

    structure = HiddenField(default="1")
    kind = ChoiceField(
        _l("Kind of question"),
        choices=select_options((kind.value, kind.label) for kind in QuestionKind),
        default=QuestionKind.SINGLE_CHOICE.value,
    )
    is_required = BooleanField(_l("An answer is required"))
    options = TextAreaField(
        _l("Options, one per line"),
        validators=[max_length(OPTIONS_TEXT_MAX)],
        description=_l(
            "Single or multiple choice and ranking: at least two. Matrix: its columns, at least "
            "two."
        ),
        render_kw={"rows": 5},
    )
    has_other = BooleanField(
        _l("Offer “Other (please specify)”"),
        description=_l("Single or multiple choice only."),
    )
    min_choices = OptionalNumberField(
        _l("Fewest choices"),
        description=_l("Multiple choice only, optional."),
        render_kw={"inputmode": "numeric"},
    )
    max_choices = OptionalNumberField(
        _l("Most choices"),
        description=_l("Multiple choice only, optional."),
        render_kw={"inputmode": "numeric"},
    )
    rows = TextAreaField(
        _l("Rows of the matrix, one per line"),
        validators=[max_length(OPTIONS_TEXT_MAX)],
        description=_l("Matrix only: each row gets one answer among the columns."),
        render_kw={"rows": 4},
    )
    scale = ChoiceField(
        _l("Values of the scale"),
        choices=select_options(SCALE_CHOICES),
        default="1-5",
        validate_choice=False,
        description=_l("Scale only."),
    )
    condition = ConditionField(_l("Show this question only if…"))

    def __init__(self, *args, adding=False, **kwargs):
        """`adding`: the question exists, its options are listed apart; those typed here are
        added to them."""
        super().__init__(*args, **kwargs)
        if adding:
            self.options.label.text = _l("Options to add, one per line")
            self.rows.label.text = _l("Rows to add, one per line")

    @staticmethod
    def data_of(question):
        return {
            **{name: getattr(question, name) for name in (
                "prompt", "help_text", "low_label", "high_label", "is_required", "has_other",
                "min_choices", "max_choices")},
            "kind": question.kind.value,
            "scale": f"{question.scale_min}-{question.scale_max}"
            if question.scale_min is not None else "1-5",
            "condition": [o.id for o in question.condition_options],
        }  # fmt: skip

    def structure_fields(self):
        return {
            "kind": self.kind.data,
            "is_required": self.is_required.data,
            "has_other": self.has_other.data,
            "min_choices": self.min_choices.data,
            "max_choices": self.max_choices.data,
            "scale": scale_value(self.scale.data),
            "options": self.options.data,
            "rows": self.rows.data,
            "condition": self.condition.data or [],
        }

    def question_fields(self):
        return {**self.wording_fields(), **self.structure_fields()}
