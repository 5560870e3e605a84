"""What the prototypes' rules accept: the length of each text, the questions asked, a rating;
and the error every rule raises when it refuses. Forms read the same limits."""

from flask_babel import lazy_gettext as _l

from platform.i18n import local_number
from platform.prototypes.models import QuestionKind
from platform.rules import RuleError

TITLE_MAX = 150
SUMMARY_MAX = 300
DESCRIPTION_MAX = 10_000
QUESTION_MAX = 300
QUESTIONS_MAX = 5
ANSWER_MAX = 2_000
ALT_TEXT_MAX = 250


class PrototypeError(RuleError):
    """A rule refused the action; `message` says why, `field` names the form field."""


def clean_text(value, maximum, field, empty_message, long_message):
    """Return `value` stripped, or refuse it when it is empty or longer than `maximum`."""
    value = (value or "").strip()
    if not value:
        raise PrototypeError(empty_message, field)
    if len(value) > maximum:
        raise PrototypeError(long_message, field)
    return value


def clean_fields(title, summary, description):
    """Return the prototype's title, summary and description, checked."""
    return (
        clean_text(title, TITLE_MAX, "title", _l("Give the prototype a title."),
                   _l("A title has at most %(n)s characters.", n=TITLE_MAX)),
        clean_text(summary, SUMMARY_MAX, "summary", _l("Summarise the prototype in a sentence."),
                   _l("A summary has at most %(n)s characters.", n=SUMMARY_MAX)),
        clean_description(description, "description", _l("Describe the prototype.")),
    )  # fmt: skip


def clean_description(value, field, empty_message):
    """Check a Markdown text: a prototype's description or what changed in a version."""
    long_message = _l(
        "A description has at most %(n)s characters.", n=local_number(DESCRIPTION_MAX)
    )
    return clean_text(value, DESCRIPTION_MAX, field, empty_message, long_message)


def clean_questions(questions):
    """Keep the questions that have a text; there must be one to five."""
    cleaned = []
    for text, kind in questions:
        text = (text or "").strip()
        if not text:
            continue
        if len(text) > QUESTION_MAX:
            raise PrototypeError(
                _l("A question has at most %(n)s characters.", n=QUESTION_MAX), "questions"
            )
        try:
            cleaned.append((text, QuestionKind(kind)))
        except ValueError:
            raise PrototypeError(
                _l("Choose a kind of answer for each question."), "questions"
            ) from None
    if not 1 <= len(cleaned) <= QUESTIONS_MAX:
        raise PrototypeError(
            _l("Ask between 1 and %(n)s things you want to learn.", n=QUESTIONS_MAX), "questions"
        )
    return cleaned


def clean_rating(value):
    """Return the overall rating as a whole number from 1 to 5."""
    try:
        rating = int(value)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise PrototypeError(_l("Give an overall rating from 1 to 5."), "rating")
    return rating


def clean_alt_text(value):
    """Check the description of an image, for people who cannot see it."""
    return clean_text(
        value, ALT_TEXT_MAX, "alt_text", _l("Describe the image for people who cannot see it."),
        _l("A description has at most %(n)s characters.", n=ALT_TEXT_MAX),
    )  # fmt: skip
