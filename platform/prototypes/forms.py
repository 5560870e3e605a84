"""Forms for publishing prototypes and versions, and for giving feedback."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import FieldList, Form, FormField, RadioField, StringField, TextAreaField

from platform.forms import ChoiceField, max_length, options, required, strip
from platform.prototypes.models import QuestionKind
from platform.prototypes.services import (
    ANSWER_MAX,
    DESCRIPTION_MAX,
    QUESTION_MAX,
    QUESTIONS_MAX,
    SUMMARY_MAX,
    TITLE_MAX,
)


class QuestionEntry(Form):
    """One "what we want to learn" question (a sub-form: the page's form carries the CSRF)."""

    text = StringField(
        _l("Question"), validators=[max_length(QUESTION_MAX)], filters=[strip],
        render_kw={"maxlength": QUESTION_MAX},
    )  # fmt: skip
    kind = ChoiceField(
        _l("Kind of answer"), choices=options((k.value, k.label) for k in QuestionKind)
    )


def question_list():
    return FieldList(FormField(QuestionEntry), min_entries=QUESTIONS_MAX, max_entries=QUESTIONS_MAX)


class PrototypeFields(FlaskForm):
    title = StringField(
        _l("Title"),
        validators=[required(_l("Give the prototype a title.")), max_length(TITLE_MAX)],
        filters=[strip],
        render_kw={"maxlength": TITLE_MAX},
    )
    summary = StringField(
        _l("Summary"),
        validators=[
            required(_l("Summarise the prototype in a sentence.")),
            max_length(SUMMARY_MAX),
        ],
        filters=[strip],
        description=_l("One sentence shown in lists."),
        render_kw={"maxlength": SUMMARY_MAX},
    )
    description = TextAreaField(
        _l("Description"),
        validators=[required(_l("Describe the prototype.")), max_length(DESCRIPTION_MAX)],
        filters=[strip],
        description=_l("What it is, how to try it, where and when. Markdown is accepted."),
        render_kw={"rows": 8},
    )


class PrototypeForm(PrototypeFields):
    questions = question_list()


class VersionForm(FlaskForm):
    changes = TextAreaField(
        _l("What changed in this version"),
        validators=[required(_l("Say what changed in this version.")), max_length(DESCRIPTION_MAX)],
        filters=[strip],
        description=_l("What you changed after the feedback on the previous version."),
        render_kw={"rows": 6},
    )
    questions = question_list()


class FeedbackForm(FlaskForm):
    """The overall rating and comment; answers to the version's questions are read apart."""

    rating = RadioField(
        _l("Overall, how useful is this prototype?"),
        choices=options((n, str(n)) for n in range(1, 6)),
        coerce=int,
        validators=[required(_l("Give an overall rating from 1 to 5."))],
        invalid_choice_message=_l("Give an overall rating from 1 to 5."),
        invalid_value_message=_l("Give an overall rating from 1 to 5."),
        description=_l("1: not useful at all, 5: very useful."),
    )
    comment = TextAreaField(
        _l("Anything else to tell the lab?"),
        validators=[max_length(ANSWER_MAX)],
        filters=[strip],
        description=_l("Optional."),
        render_kw={"rows": 4},
    )


class ImageForm(FlaskForm):
    image = FileField(
        _l("Image"),
        validators=[FileRequired(_l("Choose an image file."))],
        description=_l("JPEG, PNG or WebP, at most 5 MB. Location data in photos is removed."),
        render_kw={"accept": "image/jpeg,image/png,image/webp"},
    )
    alt_text = StringField(
        _l("Description of the image"),
        validators=[
            required(_l("Describe the image for people who cannot see it.")),
            max_length(250),
        ],
        filters=[strip],
        description=_l("What the image shows, for people who cannot see it."),
        render_kw={"maxlength": 250},
    )
