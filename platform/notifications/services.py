"""Creating, listing and reading notifications, and the choice of e-mails.

Notifications are created by the subscribers (`subscribers.py`) inside the transaction of the
action they report, so that a refused or failed action tells no one.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import joinedload

from platform.accounts.models import User
from platform.database import isoformat, utcnow
from platform.extensions import db
from platform.ideas.models import Follow
from platform.notifications.models import (
    EmailFrequency,
    Notification,
    NotificationSettings,
)
from platform.rules import RuleError

PER_PAGE = 20


class NotificationError(RuleError):
    """A rule refused the change; `message` says why, `field` names the form field."""


def notify(kind, recipient_ids, *, actor_id=None, **links):
    """Tell each recipient once about what `actor_id` did; the actor is never told.

    `links` name the rows the notification points at (idea_id, comment_id, ...).
    Return the ids of the accounts told.
    """
    recipients = {r for r in recipient_ids if r is not None and r != actor_id}
    if recipients:  # deleted accounts hear nothing more
        recipients = sorted(
            db.session.scalars(
                select(User.id).where(User.id.in_(recipients), User.deleted_at.is_(None))
            )
        )
    if recipients:
        now = utcnow()
        db.session.execute(
            insert(Notification),
            [
                {"recipient_id": r, "kind": kind, "actor_id": actor_id, "created_at": now, **links}
                for r in recipients
            ],
        )
    return recipients


def follower_ids(problem_id):
    return set(db.session.scalars(select(Follow.user_id).where(Follow.problem_id == problem_id)))


def unread_count(user):
    if not user.is_authenticated:
        return 0
    return db.session.scalar(
        select(func.count()).where(
            Notification.recipient_id == user.id, Notification.read_at.is_(None)
        )
    )


def with_links(query):
    """Load what a notification's text and link need, in the same query."""
    return query.options(
        joinedload(Notification.actor),
        joinedload(Notification.problem),
        joinedload(Notification.comment),
        joinedload(Notification.prototype),
        joinedload(Notification.experiment),
        joinedload(Notification.feedback),
        joinedload(Notification.status_change),
        joinedload(Notification.survey),
    )


def notifications_query(user):
    """The account's notifications, newest first."""
    return with_links(
        select(Notification)
        .where(Notification.recipient_id == user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )


def notifications_page(user, page=1):
    """One page of the account's notifications, newest first."""
    return db.paginate(notifications_query(user), page=page, per_page=PER_PAGE, error_out=False)


def notification_for(user, notification_id):
    """The account's own notification, or None (another account's does not exist for it)."""
    return db.session.scalar(
        select(Notification).where(
            Notification.id == notification_id, Notification.recipient_id == user.id
        )
    )


def mark_read(user, notification):
    if notification.recipient_id == user.id and notification.read_at is None:
        notification.read_at = utcnow()
        db.session.flush()


def mark_all_read(user):
    """Mark every unread notification of the account as read; return how many there were."""
    return db.session.execute(
        update(Notification)
        .where(Notification.recipient_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount


def settings_of(user):
    """The account's e-mail settings; an account that never chose gets the default, unsaved."""
    return db.session.get(NotificationSettings, user.id) or NotificationSettings(
        user_id=user.id, email_frequency=EmailFrequency.DAILY
    )


def set_email_frequency(user, frequency):
    """Choose how often notifications come by e-mail: daily digest, at once, or never."""
    try:
        frequency = EmailFrequency(frequency)
    except ValueError:
        raise NotificationError(
            _l("Choose one of the options in the list."), "email_frequency"
        ) from None
    settings = settings_of(user)
    settings.email_frequency = frequency
    db.session.add(settings)
    db.session.flush()
    return settings


# Accounts -----------------------------------------------------------------------------------


def erase_account(user):
    """A deleted account keeps no notification and no setting."""
    db.session.execute(delete(Notification).where(Notification.recipient_id == user.id))
    db.session.execute(delete(NotificationSettings).where(NotificationSettings.user_id == user.id))


def export_account(user):
    """The account's part of its data export: its e-mail choice and its notifications."""
    rows = db.session.scalars(
        select(Notification).where(Notification.recipient_id == user.id).order_by(Notification.id)
    )
    return {
        "notification_email": settings_of(user).email_frequency.value,
        "notifications": [
            {
                "kind": n.kind.value,
                "created_at": isoformat(n.created_at),
                "read_at": isoformat(n.read_at),
                "emailed_at": isoformat(n.emailed_at),
            }
            for n in rows
        ],
    }
