"""The audit log: one entry per moderation or administration action, written and read here."""

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from platform.extensions import db
from platform.moderation.models import ActionType, ModerationAction, TargetType


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


def _known(enum_class, value):
    """The member named by a filter's value, or None: an unknown value filters nothing."""
    try:
        return enum_class(value)
    except ValueError:
        return None


def audit_log_page(action="", target="", actor=None, *, page=1, per_page=50):
    """A page of the log, newest first, with the filters it applied (unknown ones are dropped).

    `action` and `target` are the values of an `ActionType` and a `TargetType`; `actor` an
    account's id.
    """
    action, target = _known(ActionType, action), _known(TargetType, target)
    query = select(ModerationAction).options(joinedload(ModerationAction.actor))
    if action is not None:
        query = query.where(ModerationAction.action == action)
    if target is not None:
        query = query.where(ModerationAction.target_type == target)
    if actor:
        query = query.where(ModerationAction.actor_id == actor)
    query = query.order_by(ModerationAction.created_at.desc(), ModerationAction.id.desc())
    applied = {
        "action": action.value if action else "",
        "target": target.value if target else "",
        "actor": actor or "",
    }
    return db.paginate(query, page=page, per_page=per_page, error_out=False), applied
