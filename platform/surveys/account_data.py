"""What the surveys keep about an account: its responses, and the surveys it organises.

An anonymous survey's response names no account: it is found again by the account's keyed hash
(`services.respondent_key`), for the account's own export only. Deleting the account removes
its unsent drafts; its sent responses stay in the results, cut from it (no account, and a
random key in place of its hash, so that nothing can link them back). It no longer organises.
"""

import secrets

from sqlalchemy import delete, or_, select, update

from platform.account_data import Part
from platform.database import isoformat
from platform.extensions import db
from platform.surveys.models import (
    Survey,
    SurveyAnswer,
    SurveyOption,
    SurveyQuestion,
    SurveyResponse,
    survey_organiser,
)
from platform.surveys.services import respondent_key


def _responses_of(user):
    """The account's responses, named by its account or, in anonymous surveys, by its key."""
    anonymous = db.session.scalars(select(Survey.id).where(Survey.is_anonymous.is_(True))).all()
    keys = [respondent_key(survey_id, user.id) for survey_id in anonymous]
    return (
        or_(SurveyResponse.user_id == user.id, SurveyResponse.respondent_key.in_(keys))
        if keys
        else SurveyResponse.user_id == user.id
    )


def export_responses(user):
    rows = db.session.execute(
        select(SurveyResponse, Survey.title, Survey.is_anonymous)
        .join(Survey, Survey.id == SurveyResponse.survey_id)
        .where(_responses_of(user))
        .order_by(SurveyResponse.id)
    ).all()
    answers = {}
    option = SurveyOption.__table__.alias("answer_option")
    row_option = SurveyOption.__table__.alias("answer_row")
    for response_id, prompt, label, row_label, rank, number, text in db.session.execute(
        select(
            SurveyAnswer.response_id, SurveyQuestion.prompt, option.c.label, row_option.c.label,
            SurveyAnswer.rank, SurveyAnswer.number, SurveyAnswer.text,
        )
        .join(SurveyQuestion, SurveyQuestion.id == SurveyAnswer.question_id)
        .outerjoin(option, option.c.id == SurveyAnswer.option_id)
        .outerjoin(row_option, row_option.c.id == SurveyAnswer.row_option_id)
        .where(SurveyAnswer.response_id.in_([response.id for response, *_ in rows]))
        .order_by(SurveyAnswer.id)
    ):  # fmt: skip
        answers.setdefault(response_id, []).append(
            {
                "question": prompt,
                "option": label,
                "row": row_label,
                "rank": rank,
                "number": number,
                "text": text,
            }  # fmt: skip
        )
    return {
        "survey_responses": [
            {
                "survey_id": response.survey_id,
                "title": title,
                "anonymous": is_anonymous,
                "sent_at": isoformat(response.submitted_at),
                "answers": answers.get(response.id, []),
            }
            for response, title, is_anonymous in rows
        ]
    }


def erase_responses(user):
    mine = _responses_of(user)
    db.session.execute(
        delete(SurveyResponse)
        .where(mine, SurveyResponse.submitted_at.is_(None))
        .execution_options(synchronize_session=False)
    )
    for response_id in db.session.scalars(select(SurveyResponse.id).where(mine)).all():
        db.session.execute(
            update(SurveyResponse)
            .where(SurveyResponse.id == response_id)
            .values(user_id=None, respondent_key=f"erased-{secrets.token_hex(24)}")
            .execution_options(synchronize_session=False)
        )
    db.session.execute(delete(survey_organiser).where(survey_organiser.c.user_id == user.id))


PART = Part("surveys", export=export_responses, erase=erase_responses, position=45)
