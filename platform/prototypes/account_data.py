"""What the prototypes keep about an account: the prototypes it published and the feedback it
gave, both kept under "Deleted account" once the account is deleted (the link is cut)."""

from sqlalchemy import select, update

from platform.account_data import Part
from platform.database import isoformat
from platform.extensions import db
from platform.prototypes.models import Answer, Feedback, Prototype, PrototypeVersion


def export_prototypes(user):
    prototypes = db.session.scalars(
        select(Prototype).where(Prototype.author_id == user.id).order_by(Prototype.id)
    )
    return {
        "prototypes": [
            {
                "id": prototype.id,
                "title": prototype.title,
                "summary": prototype.summary,
                "description": prototype.description,
                "created_at": isoformat(prototype.created_at),
            }
            for prototype in prototypes
        ],
        "feedback": _feedback(user),
    }


def _feedback(user):
    feedback = db.session.execute(
        select(Feedback, PrototypeVersion.prototype_id, PrototypeVersion.number)
        .join(PrototypeVersion, PrototypeVersion.id == Feedback.version_id)
        .where(Feedback.user_id == user.id)
        .order_by(Feedback.id)
    ).all()
    answers = {}
    for answer in db.session.scalars(
        select(Answer)
        .join(Feedback, Feedback.id == Answer.feedback_id)
        .where(Feedback.user_id == user.id)
        .order_by(Answer.id)
    ):
        answers.setdefault(answer.feedback_id, []).append(
            {
                "question_id": answer.question_id,
                "text": answer.text_value,
                "scale": answer.scale_value,
            }
        )
    return [
        {
            "prototype_id": prototype_id,
            "version": number,
            "rating": item.rating,
            "comment": item.comment,
            "answers": answers.get(item.id, []),
            "created_at": isoformat(item.created_at),
        }
        for item, prototype_id, number in feedback
    ]


def erase_prototypes(user):
    for model, column in ((Prototype, Prototype.author_id), (Feedback, Feedback.user_id)):
        db.session.execute(
            update(model).where(column == user.id).values({column.key: None}),
            execution_options={"synchronize_session": False},
        )


PART = Part("prototypes", export=export_prototypes, erase=erase_prototypes, position=30)
