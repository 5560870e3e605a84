"""Demo notifications for `seed-demo`: a history already read, and a few new ones for Camille.

The other features' demo data goes through their services, so their signals have already created
the notifications; here they get the dates of what they report, and all but Camille's latest
are marked read and e-mailed, so that the header shows a count and a first `send-digests` run
sends one digest rather than one to every demo account.
"""

from datetime import timedelta

from sqlalchemy import select

from platform.database import utcnow
from platform.extensions import db
from platform.notifications.models import Kind, Notification
from platform.notifications.services import with_links

UNREAD_FOR_CAMILLE = 4


def _happened_at(n):
    """When the thing reported happened, as the demo data dated it."""
    match n.kind:
        case Kind.COMMENT | Kind.REPLY:
            return n.comment.created_at
        case Kind.STATUS_CHANGED:
            return n.status_change.created_at
        case Kind.PROTOTYPE_PUBLISHED:
            return n.prototype.published_at
        case Kind.EXPERIMENT_OPENED:
            return n.experiment.opened_at
        case Kind.RESULTS_PUBLISHED:
            return n.experiment.results_published_at
    return None


def seed_notifications(accounts):
    """Date the notifications the demo created, and leave only Camille's newest unread."""
    db.session.flush()
    now = utcnow()
    notifications = db.session.scalars(with_links(select(Notification))).all()
    for n in notifications:
        n.created_at = min(_happened_at(n) or n.created_at, now)
    camille = next(a for a in accounts if a.email == "camille.martin@example.org")
    newest = sorted(
        (n for n in notifications if n.recipient_id == camille.id),
        key=lambda n: (n.created_at, n.id),
        reverse=True,
    )[:UNREAD_FOR_CAMILLE]
    for n in notifications:
        if n not in newest:
            n.read_at = n.emailed_at = min(n.created_at + timedelta(hours=2), now)
    db.session.flush()
