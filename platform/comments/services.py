"""Posting, editing and deleting comments on any commentable target (reading: `threads`)."""

from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import update

from platform.comments.models import MAX_DEPTH, Comment
from platform.database import utcnow
from platform.extensions import db
from platform.rules import RuleError
from platform.signals import comment_posted

MAX_LENGTH = 2000


class CommentError(RuleError):
    """A rule refused the comment; `message` says why."""


def edit_window():
    return timedelta(minutes=current_app.config.get("COMMENT_EDIT_MINUTES", 15))


def edit_closed_message():
    minutes = int(edit_window().total_seconds() // 60)
    return _l("Comments can only be changed in the %(n)s minutes after they are sent.", n=minutes)


def clean_body(body):
    body = (body or "").strip()
    if not body:
        raise CommentError(_l("Write your comment before sending it."))
    if len(body) > MAX_LENGTH:
        raise CommentError(_l("A comment has at most %(n)s characters.", n=MAX_LENGTH))
    return body


def find_comment(comment_id):
    """The comment with this id, deleted or not, or None."""
    return db.session.get(Comment, comment_id)


def _count(target, delta):
    model = type(target)
    db.session.execute(
        update(model)
        .where(model.id == target.id)
        .values(comments_count=model.comments_count + delta)
        .execution_options(synchronize_session=False)
    )


def post_comment(author, target, body, parent_id=None):
    """Add a comment (or a reply) to `target` and count it."""
    body = clean_body(body)
    if not target.accepts_comments:
        raise CommentError(_l("This page no longer accepts comments."))
    key = target.comment_target_key
    depth, parent = 0, None
    if parent_id is not None:
        parent = db.session.get(Comment, parent_id)
        if parent is None or getattr(parent, key) != target.id:
            raise CommentError(_l("The comment you reply to does not exist."))
        if parent.is_deleted:
            raise CommentError(_l("The comment you reply to was deleted."))
        if parent.depth >= MAX_DEPTH:  # keep threads readable: answer beside the deepest reply
            parent = db.session.get(Comment, parent.parent_id)
        depth = parent.depth + 1
    comment = Comment(
        author_id=author.id, body=body, depth=depth, parent_id=parent and parent.id,
        **{key: target.id},
    )  # fmt: skip
    db.session.add(comment)
    db.session.flush()
    _count(target, +1)
    comment_posted.send(
        current_app._get_current_object(), comment=comment, target=target, author=author
    )
    return comment


def edit_comment(user, comment, body):
    """Change one's comment within the edit window."""
    body = clean_body(body)
    if comment.is_deleted:
        raise CommentError(_l("This comment was deleted."))
    if utcnow() - comment.created_at > edit_window():
        raise CommentError(edit_closed_message())
    comment.body = body
    comment.edited_at = utcnow()
    db.session.flush()


def delete_comment(user, comment, target):
    """Delete a comment, leaving a tombstone so that its replies stay in their thread."""
    if comment.is_deleted:
        raise CommentError(_l("This comment was already deleted."))
    comment.body = ""
    comment.deleted_at = utcnow()
    db.session.flush()
    _count(target, -1)
