"""Reading a target's comments one page at a time, so that 2,000 comments cost what 20 do.

A page holds up to COMMENTS_PER_PAGE top-level comments, oldest first, each with its first
REPLIES_SHOWN replies; a longer thread has its own page (`thread`), its replies paged in turn.
Pages are keyset-paginated on (created_at, id): a link names the comment the next page starts
after (or before), so pages stay right while comments are added, and no page counts what it skips.
Every page costs a fixed number of queries.
"""

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, tuple_, union_all
from sqlalchemy.orm import aliased, joinedload

from platform.comments.models import Comment
from platform.comments.services import CommentError
from platform.extensions import db

# Every comment carries its reply and report forms: 20 threads of up to 1 + 3 comments keep
# the page near 100 KB and its rendering within the 50 ms budget (50 threads took over 100 ms).
COMMENTS_PER_PAGE = 20
REPLIES_SHOWN = 3  # under each comment of a page; the others on the thread's own page
REPLIES_PER_PAGE = 50

NOT_HERE = _l("This comment does not exist here: here are the first comments.")


@dataclass
class CommentPage:
    """Top-level comments with their replies (`comments`), or one `thread` with a page of its
    replies; `earlier` and `later` name the comments the neighbouring pages start from."""

    comments: list = field(default_factory=list)
    thread: Comment | None = None
    earlier: int | None = None
    later: int | None = None
    error: str | None = None

    @property
    def shown(self):
        return sum(1 + count_tree(comment.replies) for comment in self.comments)


def count_tree(replies):
    return sum(1 + count_tree(reply.replies) for reply in replies)


def comment_page(target, *, comments_after=None, comments_before=None, comment=None,
                 thread=None, latest=False):  # fmt: skip
    """The page of `target`'s comments that the arguments name (comment ids), the first by default.

    `comment` is the page that shows that comment (a link to it from elsewhere); `latest` the
    last page. Raise CommentError when a comment named is not one of this target's.
    """
    if comment is not None:
        found, root, rank = _locate(target, comment)
        if root.id == found.id or rank < REPLIES_SHOWN:
            return _top_level_page(target, root, inclusive=True)
        return _thread_page(target, root, found, inclusive=True)
    if thread is not None:
        root = _find(target, thread)
        anchor_id = comments_after or comments_before
        anchor = _find(target, anchor_id, thread=root) if anchor_id else None
        return _thread_page(target, root, anchor, before=comments_before is not None)
    anchor_id = comments_after or comments_before
    anchor = _find(target, anchor_id) if anchor_id else None
    return _top_level_page(target, anchor, before=comments_before is not None or latest)


def _top_level_page(target, anchor, *, before=False, inclusive=False):
    column = getattr(Comment, target.comment_target_key)
    query = select(Comment).where(column == target.id, Comment.parent_id.is_(None))
    # Ordered by parent_id too (all NULL here): PostgreSQL then reads the thread index in order
    # and stops at the page's end; it does not infer that `IS NULL` fixes the column, and
    # sorted all of a large problem's comments instead.
    roots, earlier, later = _window(
        query, anchor, COMMENTS_PER_PAGE, before, inclusive, fixed=(Comment.parent_id,)
    )
    _attach_first_replies(target, roots)
    return CommentPage(roots, earlier=earlier, later=later)


def _thread_page(target, root, anchor, *, before=False, inclusive=False):
    replies = _replies_under(target, [root.id])
    query = select(Comment).where(Comment.id.in_(select(replies.c.id)))
    replies_page, earlier, later = _window(query, anchor, REPLIES_PER_PAGE, before, inclusive)
    root.replies, root.hidden_replies = _tree(replies_page), 0
    root.replies_count = db.session.scalar(select(func.count()).select_from(replies))
    return CommentPage([root], thread=root, earlier=earlier, later=later)


def _window(query, anchor, limit, before, inclusive, fixed=()):
    """Up to `limit` rows of `query` in thread order, after (or before) `anchor`, and the ids the
    pages before and after them start from (None at either end). `fixed` columns, which have a
    single value in `query`, lead the order so that it matches an index."""
    key, unbounded = _key(), query
    order = (*fixed, Comment.created_at, Comment.id)
    if anchor is not None:
        mark = (anchor.created_at, anchor.id)
        if before:
            query = query.where(key <= mark if inclusive else key < mark)
        else:
            query = query.where(key >= mark if inclusive else key > mark)
    if before:
        order = tuple(column.desc() for column in order)
    rows = db.session.scalars(
        query.options(joinedload(Comment.author)).order_by(*order).limit(limit + 1)
    ).all()
    more, rows = len(rows) > limit, rows[:limit]
    if before:
        rows.reverse()
    if not rows:
        return rows, None, None
    if before:
        return rows, rows[0].id if more else None, rows[-1].id if anchor is not None else None
    if inclusive:
        # Linked to from elsewhere: is there anything before the comment the page starts at?
        anything_before = db.session.scalar(select(unbounded.where(key < mark).exists()))
        return rows, rows[0].id if anything_before else None, rows[-1].id if more else None
    return rows, rows[0].id if anchor is not None else None, rows[-1].id if more else None


def _replies_under(target, root_ids):
    """The replies under the given top-level comments (id, root_id, created_at), one level at a
    time (MAX_DEPTH is 2), each read from the target's thread index on (target, parent_id, ...).

    Two selects joined by UNION ALL rather than `parent_id IN (...) OR parent_id IN (subquery)`:
    PostgreSQL cannot serve that OR with an index and scanned and hashed the whole table."""
    key = target.comment_target_key
    parent = aliased(Comment)
    replies = select(Comment.id, Comment.parent_id.label("root_id"), Comment.created_at).where(
        getattr(Comment, key) == target.id, Comment.parent_id.in_(root_ids)
    )
    replies_to_replies = (
        select(Comment.id, parent.parent_id, Comment.created_at)
        .join(parent, Comment.parent_id == parent.id)
        .where(
            getattr(parent, key) == target.id,
            parent.parent_id.in_(root_ids),
            getattr(Comment, key) == target.id,
        )
    )
    return union_all(replies, replies_to_replies).subquery("thread")


def _attach_first_replies(target, roots):
    """Give each root its first REPLIES_SHOWN replies as a tree and its number of replies, in
    one query whatever the size of the threads."""
    for root in roots:
        root.replies, root.replies_count, root.hidden_replies = [], 0, 0
    if not roots:
        return
    thread = _replies_under(target, [root.id for root in roots])
    ranked = select(
        thread.c.id,
        thread.c.root_id,
        func.row_number()
        .over(partition_by=thread.c.root_id, order_by=(thread.c.created_at, thread.c.id))
        .label("rank"),
        func.count().over(partition_by=thread.c.root_id).label("total"),
    ).subquery()
    rows = db.session.execute(
        select(Comment, ranked.c.root_id, ranked.c.total)
        .join(ranked, ranked.c.id == Comment.id)
        .where(ranked.c.rank <= REPLIES_SHOWN)
        .options(joinedload(Comment.author))
        .order_by(Comment.created_at, Comment.id)
    ).all()
    by_root = {root.id: root for root in roots}
    replies = {}
    for reply, reply_root_id, total in rows:
        replies.setdefault(reply_root_id, []).append(reply)
        by_root[reply_root_id].replies_count = total
        by_root[reply_root_id].hidden_replies = max(total - REPLIES_SHOWN, 0)
    for root_id, group in replies.items():
        by_root[root_id].replies = _tree(group)


def _tree(replies):
    """Nest replies under their parent when it is among them; the others stay at the top."""
    by_id = {reply.id: reply for reply in replies}
    top = []
    for reply in replies:
        reply.replies = []
    for reply in replies:
        parent = by_id.get(reply.parent_id)
        (parent.replies if parent else top).append(reply)
    return top


def _find(target, comment_id, *, thread=None):
    """A top-level comment of the target, or a reply in `thread`; else CommentError."""
    found, root = _with_root(target, comment_id)
    is_top_level = found.id == root.id
    if is_top_level if thread is None else (not is_top_level and root.id == thread.id):
        return found
    raise CommentError(NOT_HERE)


def _locate(target, comment_id):
    """The comment, the top-level comment of its thread, and how many replies of that thread
    precede it (0 for a top-level comment)."""
    found, root = _with_root(target, comment_id)
    if found.id == root.id:
        return found, root, 0
    thread = _replies_under(target, [root.id])
    rank = db.session.scalar(
        select(func.count())
        .select_from(thread)
        .where(tuple_(thread.c.created_at, thread.c.id) < (found.created_at, found.id))
    )
    return found, root, rank


def _with_root(target, comment_id):
    """One of the target's comments and the top-level comment of its thread, in one query."""
    column = getattr(Comment, target.comment_target_key)
    parent, root = aliased(Comment), aliased(Comment)
    row = db.session.execute(
        select(Comment, root)
        .outerjoin(parent, Comment.parent_id == parent.id)
        .join(root, root.id == func.coalesce(parent.parent_id, Comment.parent_id, Comment.id))
        .where(Comment.id == comment_id, column == target.id)
        .options(joinedload(Comment.author), joinedload(root.author))
    ).first()
    if row is None:
        raise CommentError(NOT_HERE)
    return row


def _key():
    """The order of a thread: by time, then by id for comments sent in the same instant."""
    return tuple_(Comment.created_at, Comment.id)
