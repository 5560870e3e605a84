"""Testers' feedback on the version being tested: an overall rating, answers to the version's
questions and a comment. One per account and version, changed at will while the version is open.

Like every rule, these take the acting user, flush and never commit.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from platform.database import utcnow
from platform.extensions import db
from platform.i18n import local_number
from platform.prototypes.models import Answer, Feedback, PrototypeVersion, QuestionKind
from platform.prototypes.queries import latest_version, questions_of
from platform.prototypes.validation import ANSWER_MAX, PrototypeError, clean_rating

NOT_COLLECTING = _l("This prototype is not collecting feedback.")


def _clean_answers(version, answers):
    """Check answers against the version's own questions: {question_id: value} → rows."""
    questions = {q.id: q for q in questions_of(version)}
    cleaned = {}
    for question_id, value in answers.items():
        question = questions.get(question_id)
        if question is None:
            raise PrototypeError(
                _l("One of the answers is to a question this version does not ask.")
            )
        value = (value or "").strip() if isinstance(value, str) else value
        if value in ("", None):
            continue
        if question.kind is QuestionKind.SCALE:
            cleaned[question_id] = (None, _scale_value(value, question_id))
        else:
            if len(value) > ANSWER_MAX:
                raise PrototypeError(
                    _l("An answer has at most %(n)s characters.", n=local_number(ANSWER_MAX)),
                    f"q-{question_id}",
                )
            cleaned[question_id] = (value, None)
    return cleaned


def _scale_value(value, question_id):
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if not 1 <= number <= 5:
        raise PrototypeError(_l("Answers on a scale go from 1 to 5."), f"q-{question_id}")
    return number


def _clean_comment(comment):
    comment = (comment or "").strip()
    if len(comment) > ANSWER_MAX:
        raise PrototypeError(
            _l("A comment has at most %(n)s characters.", n=local_number(ANSWER_MAX)), "comment"
        )
    return comment


def _find_feedback(user, version):
    return db.session.scalar(
        select(Feedback).where(Feedback.version_id == version.id, Feedback.user_id == user.id)
    )


def give_feedback(user, prototype, *, rating, answers, comment=""):
    """Record (or update) the account's feedback on the version now being tested."""
    if not prototype.is_collecting_feedback:
        raise PrototypeError(NOT_COLLECTING)
    version = latest_version(prototype)
    if version.closed_at is not None:
        raise PrototypeError(_l("This version no longer collects feedback."))
    rating = clean_rating(rating)
    cleaned = _clean_answers(version, answers)
    comment = _clean_comment(comment)
    feedback = _find_feedback(user, version)
    if feedback is None:
        feedback = Feedback(version_id=version.id, user_id=user.id, rating=rating, comment=comment)
        try:
            with db.session.begin_nested():
                db.session.add(feedback)
        except IntegrityError:
            raise PrototypeError(_l("Your feedback on this version is already recorded.")) from None
        delta_count, delta_sum = 1, rating
    else:
        delta_count, delta_sum = 0, rating - feedback.rating
        feedback.rating, feedback.comment, feedback.updated_at = rating, comment, utcnow()
        for answer in db.session.scalars(select(Answer).where(Answer.feedback_id == feedback.id)):
            db.session.delete(answer)
        db.session.flush()
    for question_id, (text_value, scale_value) in cleaned.items():
        db.session.add(
            Answer(feedback_id=feedback.id, question_id=question_id, text_value=text_value,
                   scale_value=scale_value)
        )  # fmt: skip
    _count_rating(version, delta_count, delta_sum)
    db.session.flush()
    return feedback


def _count_rating(version, delta_count, delta_sum):
    """Move the version's stored counters in the database itself: two testers at once both count."""
    db.session.execute(
        update(PrototypeVersion)
        .where(PrototypeVersion.id == version.id)
        .values(
            feedbacks_count=PrototypeVersion.feedbacks_count + delta_count,
            rating_sum=PrototypeVersion.rating_sum + delta_sum,
        )
        .execution_options(synchronize_session=False)
    )


def feedback_of(user, version):
    """The account's feedback on a version with its answers as {question_id: value}, or None."""
    if not user.is_authenticated:
        return None
    feedback = _find_feedback(user, version)
    if feedback is None:
        return None
    feedback.answers = {
        a.question_id: a.text_value if a.scale_value is None else a.scale_value
        for a in db.session.scalars(select(Answer).where(Answer.feedback_id == feedback.id))
    }
    return feedback
