"""Who may do what with comments."""

from platform.comments.services import edit_window
from platform.database import utcnow


def can_comment(user, target):
    return user.is_authenticated and target is not None and target.accepts_comments


def can_edit_comment(user, comment):
    """The author, within the edit window, while the comment stands."""
    return (
        user.is_authenticated
        and comment.author_id == user.id
        and not comment.is_deleted
        and utcnow() - comment.created_at <= edit_window()
    )


def can_delete_comment(user, comment):
    return user.is_authenticated and comment.author_id == user.id and not comment.is_deleted
