"""Forms for publishing prototypes and versions, and for giving feedback."""

from flask import request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import FieldList, Form, FormField, RadioField, StringField, TextAreaField

from platform.forms import ChoiceField, max_length, options, required, strip
from platform.prototypes.models import QuestionKind
from platform.prototypes.validation import (
    ALT_TEXT_MAX,
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


def submitted_questions(form):
    """The (text, kind) pairs typed in the question slots, empty ones included."""
    return [(entry.form.text.data, entry.form.kind.data) for entry in form.questions]


def questions_data(questions):
    """Slot data that repeats `questions` (a version starts with the previous one's)."""
    return {"questions": [{"text": q.text, "kind": q.kind.value} for q in questions]}


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

    def prototype_fields(self):
        """The keyword arguments of `update_prototype`."""
        return {
            "title": self.title.data,
            "summary": self.summary.data,
            "description": self.description.data,
        }


class PrototypeForm(PrototypeFields):
    questions = question_list()

    def prototype_fields(self):
        """The keyword arguments of `create_prototype`."""
        return super().prototype_fields() | {"questions": submitted_questions(self)}


class VersionForm(FlaskForm):
    changes = TextAreaField(
        _l("What changed in this version"),
        validators=[required(_l("Say what changed in this version.")), max_length(DESCRIPTION_MAX)],
        filters=[strip],
        description=_l("What you changed after the feedback on the previous version."),
        render_kw={"rows": 6},
    )
    questions = question_list()

    def version_fields(self):
        """The keyword arguments of `add_version`."""
        return {"changes": self.changes.data, "questions": submitted_questions(self)}


def sent_answers(formdata):
    """Answers sent as q-<question id>; a malformed name is an unknown question."""
    answers = {}
    for name, value in formdata.items():
        if name.startswith("q-"):
            number = name[2:]
            answers[int(number) if number.isdigit() else -1] = value
    return answers


class FeedbackForm(FlaskForm):
    """The overall rating and comment; answers to the version's questions, whose fields depend
    on the version, are read apart into `answers` ({question id: value})."""

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

    def __init__(self, *args, answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if answers is None:
            answers = sent_answers(request.form) if self.is_submitted() else {}
        self.answers = answers

    def feedback_fields(self):
        """The keyword arguments of `give_feedback`."""
        return {"rating": self.rating.data, "answers": self.answers, "comment": self.comment.data}


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
            max_length(ALT_TEXT_MAX),
        ],
        filters=[strip],
        description=_l("What the image shows, for people who cannot see it."),
        render_kw={"maxlength": ALT_TEXT_MAX},
    )
