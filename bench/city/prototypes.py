"""Prototypes of the problems the lab took up, their versions, questions and feedback."""

from bench import words
from bench.city.base import DAY, allocate, between, power_law
from bench.city.comments import COMMENT_COLUMNS, comment_rows
from bench.city.problems import WITH_PROTOTYPES
from platform.comments.models import Comment
from platform.prototypes.models import (
    Answer,
    Feedback,
    Prototype,
    PrototypeVersion,
    Question,
)


def write_prototypes(city):
    rng = city.rng
    problem = city.problem
    n = city.sizes["prototypes"]
    at_stage = [
        i for i, s in enumerate(problem["status"]) if s in WITH_PROTOTYPES and problem["listed"][i]
    ]
    pool = at_stage or [i for i, ok in enumerate(problem["listed"]) if ok]
    ids = list(city.ids(Prototype, n))
    statuses = rng.choices(["draft", "open", "closed"], weights=[10, 60, 30], k=n)
    version_counts = [
        1 if s == "draft" else rng.choices([1, 2, 3, 4], weights=[4, 3, 2, 1])[0] for s in statuses
    ]
    published = [s != "draft" for s in statuses]
    comments = allocate(
        city.prototype_comment_share,
        power_law(n, rng, 1.5),
        [len(city.account_ids) if ok else 0 for ok in published],
        rng,
    )
    deleted = [sum(rng.random() < 0.01 for _ in range(c)) for c in comments]
    prototype_rows, versions, created_of = [], [], []
    next_version = city.writer.next_id(PrototypeVersion.__table__)
    for k, prototype_id in enumerate(ids):
        i = rng.choice(pool)
        subject, capital = city.subject(problem["theme"][i])
        created = between(
            rng, max(problem["created"][i], city.now - 400 * DAY), city.now - 60 * DAY
        )
        published_at = created + DAY if published[k] else None
        moment = published_at or created
        for number in range(1, version_counts[k] + 1):
            if number > 1:
                moment += rng.uniform(7, 20) * DAY
            versions.append([next_version, prototype_id, number, moment])
            next_version += 1
        closed_at = moment + 10 * DAY if statuses[k] == "closed" else None
        created_of.append(created)
        prototype_rows.append(
            (
                prototype_id,
                problem["ids"][i],
                rng.choice(city.agents),
                f"Prototype : {subject} {rng.choice(words.PLACES)}"[:150],
                f"{capital} : une solution testée avec les habitantes et habitants.",
                " ".join(rng.sample(words.SUGGESTIONS, 3)),
                statuses[k],
                False,
                version_counts[k],
                comments[k] - deleted[k],
                created,
                closed_at or moment,
                published_at,
                closed_at,
            )  # fmt: skip
        )
    city.write(
        Prototype,
        ["id", "idea_id", "author_id", "title", "summary", "description", "status",
         "is_hidden", "versions_count", "comments_count", "created_at", "updated_at",
         "published_at", "closed_at"],
        prototype_rows,
    )  # fmt: skip
    write_prototype_versions(city, ids, statuses, versions)
    targets = zip(ids, created_of, comments, deleted, strict=True)
    first = city.writer.next_id(Comment.__table__)
    city.write(Comment, COMMENT_COLUMNS, comment_rows(city, "prototype_id", targets, first))


def write_prototype_versions(city, prototype_ids, statuses, versions):
    """Versions with their questions, and feedback (with answers) on published ones."""
    rng = city.rng
    status_of = dict(zip(prototype_ids, statuses, strict=True))
    latest = {}
    for version in versions:
        latest[version[1]] = version
    collecting = [status_of[v[1]] != "draft" for v in versions]
    counts = allocate(
        city.sizes["feedbacks"],
        power_law(len(versions), rng, 1.3),
        [len(city.account_ids) - 1 if ok else 0 for ok in collecting],
        rng,
    )
    questions, feedback, answers = [], [], []
    next_question = city.writer.next_id(Question.__table__)
    next_feedback = city.writer.next_id(Feedback.__table__)
    next_answer = city.writer.next_id(Answer.__table__)
    version_rows = []
    for version, count in zip(versions, counts, strict=True):
        version_id, prototype_id, number, moment = version
        is_latest = latest[prototype_id] is version
        closed = (moment + 15 * DAY) if not is_latest else None
        if is_latest and status_of[prototype_id] == "closed":
            closed = moment + 10 * DAY
        asked = []
        for position, (question, kind) in enumerate(words.QUESTIONS):
            questions.append((next_question, version_id, position, question, kind))
            asked.append((next_question, kind))
            next_question += 1
        rating_sum = 0
        end = min(closed or city.now, city.now)
        for user_id in city.sample_accounts(count):
            rating = min(5, max(1, round(rng.gauss(2.8 + 0.4 * number, 1.1))))
            rating_sum += rating
            moment_given = between(rng, moment, end, 1.5)
            comment = rng.choice(words.FEEDBACK_COMMENTS) if rng.random() < 0.3 else ""
            feedback.append((next_feedback, version_id, user_id, rating, comment, False, "",
                             moment_given, moment_given))  # fmt: skip
            for question_id, kind in asked:
                if kind == "scale" and rng.random() < 0.85:
                    answers.append((next_answer, next_feedback, question_id, None,
                                    min(5, max(1, rating + rng.randint(-1, 1)))))  # fmt: skip
                    next_answer += 1
                elif kind == "text" and rng.random() < 0.35:
                    answers.append((next_answer, next_feedback, question_id,
                                    rng.choice(words.FEEDBACK_COMMENTS), None))  # fmt: skip
                    next_answer += 1
            next_feedback += 1
        version_rows.append(
            (
                version_id,
                prototype_id,
                number,
                "" if number == 1 else "Version revue après les retours des testeurs.",
                moment,
                closed,
                count,
                rating_sum,
            )  # fmt: skip
        )
    city.write(
        PrototypeVersion,
        ["id", "prototype_id", "number", "changes", "created_at", "closed_at",
         "feedbacks_count", "rating_sum"],
        version_rows,
    )  # fmt: skip
    city.write(Question, ["id", "version_id", "position", "text", "kind"], questions)
    city.write(
        Feedback,
        ["id", "version_id", "user_id", "rating", "comment", "is_hidden", "hidden_reason",
         "created_at", "updated_at"],
        feedback,
    )  # fmt: skip
    city.write(Answer, ["id", "feedback_id", "question_id", "text_value", "scale_value"], answers)
    city.versions = version_rows
    # The prototype page to measure: an open one whose current version has most feedback.
    open_latest = [
        row for row in version_rows if status_of[row[1]] == "open" and latest[row[1]][0] == row[0]
    ]
    if open_latest:
        city.manifest["prototype"] = max(open_latest, key=lambda row: row[6])[1]
    else:
        city.manifest["prototype"] = next(
            (p for p in prototype_ids if status_of[p] != "draft"), None
        )
