"""Who may do what with comments."""

from platform.comments.services import edit_window
from platform.database import utcnow
from platform.roles import Role


def is_comment_author(user, comment):
    return user.is_authenticated and comment.author_id == user.id


def can_comment(user, target):
    return user.is_authenticated and target is not None and target.accepts_comments


def can_read_hidden_comment(user, _comment=None):
    """Moderators read what moderation hid, to decide on it; others see a tombstone."""
    return user.is_authenticated and user.has_role(Role.MODERATOR)


def can_edit_comment(user, comment):
    """The author, within the edit window, while the comment stands."""
    return (
        is_comment_author(user, comment)
        and not comment.is_deleted
        and utcnow() - comment.created_at <= edit_window()
    )


def can_delete_comment(user, comment):
    return is_comment_author(user, comment) and not comment.is_deleted
