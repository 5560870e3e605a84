"""Comment threads (on problems here, on prototypes from `bench.city.prototypes`) and the
moderation log of everything hidden."""

from bench import words
from bench.city.base import DAY, between
from platform.comments.models import Comment
from platform.moderation.models import ModerationAction, Report

COMMENT_COLUMNS = [
    "id", "idea_id", "prototype_id", "parent_id", "author_id", "depth", "body", "created_at",
    "deleted_at", "is_hidden", "hidden_reason",
]  # fmt: skip


def comment_rows(city, key, targets, first_id):
    """Comments on each target (id, created, count, deleted), a third of them replies."""
    rng = city.rng
    next_id = first_id
    for target_id, created, count, deleted in targets:
        if not count:
            continue
        removed = set(rng.sample(range(count), deleted))
        thread = []  # (id, depth, parent) of this target's comments so far
        moments = sorted(between(rng, created, city.now, 1.5) for _ in range(count))
        for position, moment in enumerate(moments):
            depth, parent = 0, None
            if thread and rng.random() < 0.35:
                parent_id, parent_depth, grand_parent = rng.choice(thread)
                if parent_depth >= 2:  # as the service does: answer beside the deepest reply
                    parent_id, parent_depth = grand_parent, 1
                depth, parent = parent_depth + 1, parent_id
            thread.append((next_id, depth, parent))
            is_deleted = position in removed
            is_hidden = not is_deleted and rng.random() < 0.005
            if is_hidden:
                city.hidden_comments.append((next_id, moment))
            body = "" if is_deleted else " ".join(rng.sample(words.COMMENTS, rng.randint(1, 2)))
            target = {key: target_id}
            yield (
                next_id, target.get("idea_id"), target.get("prototype_id"), parent,
                rng.choice(city.account_ids), depth, body, moment,
                moment + DAY if is_deleted else None, is_hidden,
                "Propos injurieux." if is_hidden else "",
            )  # fmt: skip
            next_id += 1


def write_problem_comments(city):
    problem = city.problem
    targets = zip(
        problem["ids"], problem["created"], problem["comments"], problem["deleted"], strict=True
    )
    first = city.writer.next_id(Comment.__table__)
    city.write(Comment, COMMENT_COLUMNS, comment_rows(city, "idea_id", targets, first))


def write_moderation(city):
    """The log of every hidden problem and comment, and a few reports still open."""
    rng = city.rng
    problem = city.problem
    hidden = [
        ("idea", problem_id, problem["created"][i] + DAY, "Contenu hors sujet.")
        for i, problem_id in enumerate(problem["ids"])
        if problem["hidden"][i]
    ]
    hidden += [
        ("comment", comment_id, moment + 3600, "Propos injurieux.")
        for comment_id, moment in city.hidden_comments
    ]
    actions = [
        (number, rng.choice(city.moderators), "hide", kind, target_id, reason, "",
         min(moment, city.now))
        for number, (kind, target_id, moment, reason) in enumerate(
            hidden, start=city.writer.next_id(ModerationAction.__table__)
        )
    ]  # fmt: skip
    city.write(
        ModerationAction,
        ["id", "actor_id", "action", "target_type", "target_id", "reason", "details",
         "created_at"],
        actions,
    )  # fmt: skip
    reported = rng.sample(problem["ids"], max(1, len(problem["ids"]) // 500))
    reports = [
        (number, "idea", problem_id, rng.choice(city.account_ids),
         rng.choice(["spam", "off_topic", "offensive"]), "",
         city.now - rng.uniform(0, 30) * DAY)
        for number, problem_id in enumerate(
            reported, start=city.writer.next_id(Report.__table__)
        )
    ]  # fmt: skip
    city.write(
        Report,
        ["id", "target_type", "target_id", "reporter_id", "reason", "note", "created_at"],
        reports,
    )
