"""What the comments keep about an account: the comments it wrote, kept under "Deleted account"
once the account is deleted (the link to it is cut)."""

from sqlalchemy import select, update

from platform.account_data import Part
from platform.comments.models import Comment
from platform.database import isoformat
from platform.extensions import db


def export_comments(user):
    comments = db.session.scalars(
        select(Comment).where(Comment.author_id == user.id).order_by(Comment.id)
    )
    return {
        "comments": [
            {
                "id": comment.id,
                "problem_id": comment.problem_id,
                "prototype_id": comment.prototype_id,
                "in_reply_to": comment.parent_id,
                "body": comment.body,
                "created_at": isoformat(comment.created_at),
                "edited_at": isoformat(comment.edited_at),
                "deleted_at": isoformat(comment.deleted_at),
            }
            for comment in comments
        ]
    }


def erase_comments(user):
    db.session.execute(
        update(Comment).where(Comment.author_id == user.id).values(author_id=None),
        execution_options={"synchronize_session": False},
    )


PART = Part("comments", export=export_comments, erase=erase_comments, position=10)
