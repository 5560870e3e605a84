"""Quotations: the free texts (and "other" texts) organisers pick to publish with the results.

Only a text can be quoted, from a sent response of the survey; a quotation that moderators hid
cannot be quoted again (a moderator restoring it shows it again). Picking takes an explicit
state, so that sending the same choice twice changes nothing. A change bumps the survey's
`updated_at`, the stamp of its published results (`cache.py`) and of its open data.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from platform.database import utcnow
from platform.extensions import db
from platform.surveys import cache
from platform.surveys.models import SurveyAnswer, SurveyQuestion, SurveyResponse
from platform.surveys.services import SurveyError

NOT_A_TEXT = _l("Only a written answer can be published as a quotation.")
HIDDEN = _l("A moderator hid this answer: it cannot be published as a quotation again.")


def _of_sent_responses(survey):
    return (
        select(SurveyAnswer)
        .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
        .where(SurveyResponse.survey_id == survey.id, SurveyResponse.submitted_at.is_not(None))
    )


def text_question(survey, question_id):
    """The survey's question whose texts organisers read (a text, or a choice with "other"),
    or None."""
    question = db.session.scalar(
        select(SurveyQuestion).where(
            SurveyQuestion.id == question_id, SurveyQuestion.survey_id == survey.id
        )
    )
    if question is None or not (question.kind.is_text or question.has_other):
        return None
    return question


def answers_page(survey, question, page=1, per_page=50):
    """One page of the texts written for `question` in sent responses, oldest first."""
    query = (
        _of_sent_responses(survey)
        .where(
            SurveyAnswer.question_id == question.id,
            SurveyAnswer.text.is_not(None),
            SurveyAnswer.text != "",
        )
        .order_by(SurveyAnswer.id)
    )
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def find_answer(survey, answer_id):
    """An answer of a sent response of `survey` (with its question), or None."""
    return db.session.scalar(
        _of_sent_responses(survey)
        .join(SurveyAnswer.question)
        .options(contains_eager(SurveyAnswer.question))
        .where(SurveyAnswer.id == answer_id)
    )


def is_quotable(answer):
    """A written answer: the text of a text question, or an "other" text."""
    return bool(answer.text) and (answer.question.kind.is_text or answer.is_other)


def set_quotation(actor, survey, answer, quoted):
    """Publish (`quoted`) or withdraw an answer as a quotation; the same state twice is a no-op."""
    if not is_quotable(answer):
        raise SurveyError(NOT_A_TEXT)
    if quoted and answer.is_hidden:
        raise SurveyError(HIDDEN)
    if quoted and answer.quoted_at is None:
        answer.quoted_at = utcnow()
        cache.touch(survey)
    elif not quoted and answer.quoted_at is not None:
        answer.quoted_at = None
        cache.touch(survey)
    db.session.flush()
    return answer
