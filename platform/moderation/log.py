"""Writing to the audit log: one entry per moderation or administration action."""

from platform.extensions import db
from platform.moderation.models import ModerationAction


def log_action(actor, action, target_type, target_id, reason="", details=""):
    """Record an action in the append-only moderation log."""
    entry = ModerationAction(
        actor_id=actor.id if actor is not None else None,
        action=action,
        target_type=target_type,
        target_id=target_id,
        reason=(reason or "").strip(),
        details=(details or "")[:300],
    )
    db.session.add(entry)
    db.session.flush()
    return entry
