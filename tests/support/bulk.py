"""Cheap bulk inserts for the "many" side of scale tests: one INSERT per table, not one per row,
and counters set as the platform keeps them. Call inside an app context; the caller commits."""

import uuid
from datetime import timedelta

from sqlalchemy import insert, select, update

from platform.accounts.models import User
from platform.comments.models import Comment
from platform.database import utcnow
from platform.extensions import db
from platform.roles import Role


def add_users(n, role=Role.CITIZEN):
    """Create `n` accounts (that cannot sign in) and return their ids."""
    tag = uuid.uuid4().hex[:8]
    rows = [
        {
            "email": f"bulk-{tag}-{i}@example.org",
            "display_name": f"Personne {i}",
            "role": role,
            "password_hash": "!",
            "accepted_terms_at": utcnow(),
        }
        for i in range(n)
    ]
    db.session.execute(insert(User), rows)
    return db.session.scalars(
        select(User.id).where(User.email.like(f"bulk-{tag}-%")).order_by(User.id)
    ).all()


def add_comments(target, author_ids, roots, replies=0, start=None):
    """Add `roots` top-level comments to `target`, oldest first one second apart, each with
    `replies` replies (a reply in three answering the previous reply); return the roots' ids."""
    key = target.comment_target_key
    column = getattr(Comment, key)
    start = start or utcnow() - timedelta(days=2)
    known = set(db.session.scalars(select(Comment.id).where(column == target.id)))

    def row(i, when, depth=0, parent_id=None):
        return {
            key: target.id,
            "author_id": author_ids[i % len(author_ids)],
            "body": f"Commentaire {i}",
            "depth": depth,
            "parent_id": parent_id,
            "created_at": when,
        }

    db.session.execute(
        insert(Comment), [row(i, start + timedelta(seconds=i)) for i in range(roots)]
    )
    root_ids = [
        id_
        for id_ in db.session.scalars(
            select(Comment.id)
            .where(column == target.id, Comment.parent_id.is_(None))
            .order_by(Comment.created_at, Comment.id)
        )
        if id_ not in known
    ]
    later = start + timedelta(seconds=roots)
    for j in range(replies):  # one INSERT per rank of reply, all roots at once
        when = later + timedelta(seconds=j)
        if j % 3 == 2:
            parents = db.session.scalars(
                select(Comment.id).where(
                    Comment.parent_id.in_(root_ids),
                    Comment.created_at == when - timedelta(seconds=1),
                )
            ).all()
            db.session.execute(
                insert(Comment), [row(j, when, 2, parent_id) for parent_id in parents]
            )
        else:
            db.session.execute(insert(Comment), [row(j, when, 1, root) for root in root_ids])
    model = type(target)
    db.session.execute(
        update(model)
        .where(model.id == target.id)
        .values(comments_count=model.comments_count + roots * (1 + replies))
    )
    return root_ids
