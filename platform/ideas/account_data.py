"""What the problems keep about an account: the problems it proposed, supported and follows.

Deleting the account keeps its problems and status changes under "Deleted account" (the link is
cut) and its supports (they still count, anonymous); its follows go, each counter with it.
"""

from sqlalchemy import delete, select, update

from platform.account_data import Part
from platform.database import isoformat
from platform.extensions import db
from platform.ideas.models import Follow, Problem, StatusChange, Support


def export_problems(user):
    problems = db.session.scalars(
        select(Problem).where(Problem.author_id == user.id).order_by(Problem.id)
    )
    return {
        "problems": [
            {
                "id": problem.id,
                "title": problem.title,
                "description": problem.description,
                "status": problem.status.value,
                "created_at": isoformat(problem.created_at),
            }
            for problem in problems
        ],
        "supports": _marks(Support, user),
        "follows": _marks(Follow, user),
    }


def _marks(model, user):
    rows = db.session.execute(
        select(model.problem_id, Problem.title, model.created_at)
        .join(Problem, Problem.id == model.problem_id)
        .where(model.user_id == user.id)
        .order_by(model.id)
    )
    return [
        {"problem_id": problem_id, "title": title, "created_at": isoformat(created_at)}
        for problem_id, title, created_at in rows
    ]


def erase_problems(user):
    for model, column in ((Problem, Problem.author_id), (StatusChange, StatusChange.actor_id)):
        db.session.execute(
            update(model).where(column == user.id).values({column.key: None}),
            execution_options={"synchronize_session": False},
        )
    followed = select(Follow.problem_id).where(Follow.user_id == user.id).scalar_subquery()
    db.session.execute(
        update(Problem)
        .where(Problem.id.in_(followed))
        .values(followers_count=Problem.followers_count - 1),
        execution_options={"synchronize_session": False},
    )
    db.session.execute(delete(Follow).where(Follow.user_id == user.id))


PART = Part("problems", export=export_problems, erase=erase_problems, position=20)
