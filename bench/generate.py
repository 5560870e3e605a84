"""Generate a city-scale dataset for the benchmarks, with bulk inserts.

    DATABASE_URL=sqlite:////tmp/bench.db .venv/bin/python -m bench.generate --scale 1

At scale 1: 200,000 accounts, 100,000 problems, 1,000,000 supports, 300,000 comments (one problem
with 2,000), 2,000 prototypes with 50,000 feedbacks, 5,000 experiments with 100,000 sign-ups.
The database must have been migrated (`flask --app app db upgrade`). The same seed gives the
same data. Every account has the demo password, hashed once.

Supports and comments follow a power law (a few problems gather most of them); statuses follow
the lab's process (most problems are proposed); the stored counters are written from the very
rows generated, and `bench.counters.counter_drift` checks them afterwards.
"""

import json
import random
import time
from array import array
from datetime import UTC, datetime

import click
from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError
from werkzeug.security import generate_password_hash

import app as entry_point  # the project's `platform` package, not the standard module (§5.1)
from bench import words
from bench.bulk import BulkWriter
from bench.counters import counter_drift
from platform.accounts.demo import DEMO_PASSWORD
from platform.accounts.models import User
from platform.comments.models import Comment
from platform.experiments.models import Experiment, SignUp, experiment_organiser
from platform.extensions import db
from platform.ideas.models import Follow, Problem, ProblemStatus, StatusChange, Support
from platform.moderation.models import ModerationAction, Report
from platform.prototypes.models import (
    Answer,
    Feedback,
    Prototype,
    PrototypeVersion,
    Question,
)
from platform.taxonomy.demo import seed_districts, seed_themes
from platform.text import fold

AT_SCALE_1 = {
    "accounts": 200_000,
    "problems": 100_000,
    "supports": 1_000_000,
    "comments": 300_000,
    "big_thread": 2_000,
    "prototypes": 2_000,
    "feedbacks": 50_000,
    "experiments": 5_000,
    "sign_ups": 100_000,
}
SEARCH_TERMS = "pistes cyclables"  # two words of one subject: about 1 problem in 64 matches
DAY = 86_400.0
BIG_TABLES = {"idea", "support", "follow", "comment"}  # their indexes are built after loading

STATUS_WEIGHTS = {
    ProblemStatus.PROPOSED: 70,
    ProblemStatus.SELECTED: 7,
    ProblemStatus.PROTOTYPING: 5,
    ProblemStatus.EXPERIMENTING: 3,
    ProblemStatus.ADOPTED: 3,
    ProblemStatus.NOT_RETAINED: 8,
    ProblemStatus.MERGED: 2,
    ProblemStatus.WITHDRAWN: 1.5,
    ProblemStatus.PENDING: 0.5,
}
# The lab's path through the process, and the stage a problem was dropped from.
LAB_PATH = [
    ProblemStatus.PROPOSED,
    ProblemStatus.SELECTED,
    ProblemStatus.PROTOTYPING,
    ProblemStatus.EXPERIMENTING,
    ProblemStatus.ADOPTED,
]
WITH_PROTOTYPES = (ProblemStatus.PROTOTYPING, ProblemStatus.EXPERIMENTING, ProblemStatus.ADOPTED)
WITH_EXPERIMENTS = (ProblemStatus.SELECTED, *WITH_PROTOTYPES)


def sizes_for(scale):
    """How many rows of each kind a scale asks for (at least one of each)."""
    sizes = {name: max(1, round(count * scale)) for name, count in AT_SCALE_1.items()}
    sizes["accounts"] = max(sizes["accounts"], 40)
    sizes["big_thread"] = min(AT_SCALE_1["big_thread"], sizes["comments"] // 2)
    return sizes


def allocate(total, weights, caps, rng):
    """Split `total` into integers proportional to `weights`, none above its cap."""
    room = sum(caps)
    total = min(total, room)
    weight_sum = sum(weights) or 1.0
    counts = [min(cap, int(total * w / weight_sum)) for w, cap in zip(weights, caps, strict=True)]
    missing = total - sum(counts)
    open_slots = [i for i, (n, cap) in enumerate(zip(counts, caps, strict=True)) if n < cap]
    while missing > 0:
        i = open_slots[rng.randrange(len(open_slots))]
        if counts[i] < caps[i]:
            counts[i] += 1
            missing -= 1
        else:
            open_slots.remove(i)
    return counts


def power_law(n, rng, alpha):
    return [rng.paretovariate(alpha) for _ in range(n)]


def between(rng, start, end, skew=1.0):
    """A moment between two others; skew > 1 crowds it towards the start."""
    return start + (end - start) * rng.random() ** skew


class City:
    """One generated dataset: the random source, the clock, the ids handed out so far."""

    def __init__(self, session, scale=1.0, seed=2026, now=None):
        self.rng = random.Random(seed)
        self.scale = scale
        self.seed = seed
        self.sizes = sizes_for(scale)
        self.writer = BulkWriter(session)
        self.session = session
        now = now or datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        self.now = now.timestamp()
        self.start = self.now - 3 * 365 * DAY
        self.manifest = {"scale": scale, "seed": seed, "search": SEARCH_TERMS}

    # Helpers ------------------------------------------------------------------------------

    def ids(self, model, count):
        table = model.__table__
        first = self.writer.next_id(table)
        return range(first, first + count)

    def write(self, model, columns, rows):
        table = getattr(model, "__table__", model)
        if table.name in BIG_TABLES:
            with self.writer.indexes_deferred(table):
                return self.writer.insert(table, columns, rows)
        return self.writer.insert(table, columns, rows)

    def subject(self, theme_slug):
        subject = self.rng.choice(words.SUBJECTS[theme_slug])
        return subject, subject[0].upper() + subject[1:]

    def sample_accounts(self, count, exclude=None):
        """`count` distinct account ids (not `exclude`)."""
        picked = self.rng.sample(
            range(len(self.account_ids)), min(count + 1, len(self.account_ids))
        )
        chosen = [self.account_ids[i] for i in picked if self.account_ids[i] != exclude]
        return chosen[:count]

    # The generation, table by table --------------------------------------------------------

    def generate(self):
        self.taxonomy()
        self.accounts()
        self.problems()
        self.supports_and_follows()
        self.timelines()
        self.problem_comments()
        self.prototypes()
        self.experiments()
        self.moderation()
        self.writer.reset_sequences(
            model.__table__
            for model in (
                User, Problem, Support, Follow, StatusChange, Comment, Prototype, PrototypeVersion,
                Question, Feedback, Answer, Experiment, SignUp, ModerationAction, Report,
            )
        )  # fmt: skip
        self.manifest["rows"] = dict(self.writer.counts)
        self.manifest["seconds"] = {k: round(v, 1) for k, v in self.writer.seconds.items()}
        return self.manifest

    def taxonomy(self):
        self.districts = [(d.id, d.slug) for d in seed_districts()]
        self.themes = [(t.id, t.slug) for t in seed_themes()]
        self.manifest["filter"] = {"theme": self.themes[0][1], "district": self.districts[0][1]}

    def accounts(self):
        n = self.sizes["accounts"]
        rng = self.rng
        ids = self.ids(User, n)
        self.account_ids = list(ids)
        admins, moderators = 1, max(1, n // 10_000)
        agents = max(2, n // 1_000)
        self.moderators = self.account_ids[admins : admins + moderators]
        self.agents = self.account_ids[admins + moderators : admins + moderators + agents]
        self.citizens_from = admins + moderators + agents
        roles = ["admin"] * admins + ["moderator"] * moderators + ["agent"] * agents
        password_hash = generate_password_hash(DEMO_PASSWORD)  # once, for every account
        span = self.now - self.start

        def rows():
            for i, account_id in enumerate(ids):
                created = self.start + span * 0.95 * i / n + rng.random() * 3600
                name = f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.LAST_INITIALS)}."
                yield (
                    account_id,
                    f"habitant{account_id}@bench.example.org",
                    name,
                    password_hash,
                    roles[i] if i < len(roles) else "citizen",
                    rng.choice(("fr", "fr", "fr", "fr", "es", "en", None)),
                    rng.choice(self.districts)[0] if rng.random() < 0.7 else None,
                    f"{rng.getrandbits(96):024x}",
                    created,
                    created,
                    created + rng.random() * (self.now - created) if rng.random() < 0.6 else None,
                )

        self.write(
            User,
            ["id", "email", "display_name", "password_hash", "role", "locale", "district_id",
             "session_token", "accepted_terms_at", "created_at", "last_sign_in_at"],
            rows(),
        )  # fmt: skip
        citizens = self.account_ids[self.citizens_from :]
        self.manifest["accounts"] = [
            f"habitant{account_id}@bench.example.org" for account_id in citizens[:64]
        ]
        self.manifest["password"] = DEMO_PASSWORD

    def problems(self):
        n = self.sizes["problems"]
        rng = self.rng
        statuses = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()), k=n)
        created = sorted(between(rng, self.start + 30 * DAY, self.now - 3600) for _ in range(n))
        ids = list(self.ids(Problem, n))
        accepts = [s not in (ProblemStatus.PENDING, ProblemStatus.MERGED) for s in statuses]
        hidden = [ok and rng.random() < 0.003 for ok in accepts]
        listed = [
            ok and s.is_listed and not h for ok, s, h in zip(accepts, statuses, hidden, strict=True)
        ]

        # Supports: a power law over the problems that could gather them.
        caps = [len(self.account_ids) - 1 if ok else 0 for ok in accepts]
        supports = allocate(self.sizes["supports"], power_law(n, rng, 1.3), caps, rng)
        # The longest thread goes to the most supported problem still open to everyone.
        candidates = [
            i for i in range(n) if listed[i] and statuses[i] != ProblemStatus.NOT_RETAINED
        ]
        big = max(candidates or range(n), key=lambda i: supports[i])
        proto_share = min(self.sizes["comments"] // 20, 3 * self.sizes["prototypes"])
        rest = self.sizes["comments"] - self.sizes["big_thread"] - proto_share
        comment_caps = [
            max(1, self.sizes["big_thread"] // 2) if s != ProblemStatus.PENDING else 0
            for s in statuses
        ]
        comment_caps[big] = 0
        comments = allocate(rest, power_law(n, rng, 1.5), comment_caps, rng)
        comments[big] = self.sizes["big_thread"]
        deleted = [sum(rng.random() < 0.01 for _ in range(c)) for c in comments]
        self.prototype_comment_share = self.sizes["comments"] - sum(comments)

        self.problem = {
            "ids": ids,
            "status": statuses,
            "created": created,
            "author": [],
            "theme": [],
            "supports": supports,
            "comments": comments,
            "deleted": deleted,
            "hidden": hidden,
            "listed": listed,
        }
        listed_before = []
        # The indexed random order of the list (when the model has it): one key per problem.
        shuffled = "shuffle_key" in Problem.__table__.c

        def rows():
            for i, problem_id in enumerate(ids):
                theme_id, slug = rng.choice(self.themes)
                subject, capital = self.subject(slug)
                place = rng.choice(words.PLACES)
                title = rng.choice(words.TITLE_PATTERNS).format(s=subject, S=capital, place=place)
                description = " ".join(
                    [
                        rng.choice(words.OBSERVATIONS).format(s=subject, place=place),
                        rng.choice(words.EFFECTS),
                        *([rng.choice(words.SUGGESTIONS)] if rng.random() < 0.7 else []),
                    ]
                )
                # An author who already had an account at the time.
                share = (created[i] - self.start) / (self.now - self.start)
                author = self.account_ids[rng.randrange(max(1, int(len(self.account_ids) * share)))]
                self.problem["author"].append(author)
                self.problem["theme"].append(slug)
                status = statuses[i]
                merged_into = None
                if status == ProblemStatus.MERGED and listed_before:
                    merged_into = rng.choice(listed_before)
                if listed[i]:
                    listed_before.append(problem_id)
                followers = 0 if status == ProblemStatus.MERGED else supports[i] + 1
                yield (
                    problem_id, title[:150], description, fold(f"{title}\n{description}"),
                    theme_id, rng.choice(self.districts)[0] if rng.random() < 0.85 else None,
                    author, status.value, merged_into, hidden[i],
                    "Contenu hors sujet." if hidden[i] else "",
                    supports[i], comments[i] - deleted[i], followers, created[i], created[i],
                    rng.randrange(2**31 - 1) if shuffled else None,
                )  # fmt: skip

        self.write(
            Problem,
            ["id", "title", "description", "search_text", "theme_id", "district_id", "author_id",
             "status", "merged_into_id", "is_hidden", "hidden_reason", "supports_count",
             "comments_count", "followers_count", "created_at", "updated_at", "shuffle_key"],
            rows(),
        )  # fmt: skip
        self.manifest["big_thread_problem"] = ids[big]
        self.manifest["big_thread"] = self.sizes["big_thread"]
        open_ones = [
            ids[i] for i in range(n) if listed[i] and statuses[i] == ProblemStatus.PROPOSED
        ]
        self.manifest["support_problems"] = rng.sample(open_ones, min(1000, len(open_ones)))

    def supports_and_follows(self):
        """Supports, and the follows they imply: the author and every supporter follow."""
        rng = self.rng
        problem = self.problem
        supporters, moments = [], []
        for i, count in enumerate(problem["supports"]):
            supporters.append(array("I", self.sample_accounts(count, exclude=problem["author"][i])))
            start = problem["created"][i]
            moments.append(array("d", (between(rng, start, self.now, 2) for _ in range(count))))

        # Ids are read before the rows stream: the connection is busy during a COPY.
        support_ids = iter(self.ids(Support, self.sizes["supports"]))
        follow_ids = iter(self.ids(Follow, self.sizes["supports"] + len(problem["ids"])))

        def support_rows():
            for i, problem_id in enumerate(problem["ids"]):
                for user_id, moment in zip(supporters[i], moments[i], strict=True):
                    yield next(support_ids), problem_id, user_id, moment

        def follow_rows():
            for i, problem_id in enumerate(problem["ids"]):
                if problem["status"][i] == ProblemStatus.MERGED:
                    continue  # its followers moved to the problem it was merged into
                yield next(follow_ids), problem_id, problem["author"][i], problem["created"][i]
                for user_id, moment in zip(supporters[i], moments[i], strict=True):
                    yield next(follow_ids), problem_id, user_id, moment

        columns = ["id", "idea_id", "user_id", "created_at"]
        self.write(Support, columns, support_rows())
        self.write(Follow, columns, follow_rows())

    def timelines(self):
        """Every change of stage, with the lab's public note, up to the problem's status."""
        rng = self.rng
        problem = self.problem
        notes = {
            ProblemStatus.SELECTED: "Le Lab retient ce problème pour la prochaine saison.",
            ProblemStatus.PROTOTYPING: "Un premier prototype est en préparation.",
            ProblemStatus.EXPERIMENTING: "Le prototype part en test sur le terrain.",
            ProblemStatus.ADOPTED: "La solution est adoptée et sera généralisée.",
            ProblemStatus.NOT_RETAINED: "Le Lab ne peut pas traiter ce problème pour l'instant.",
            ProblemStatus.WITHDRAWN: "",
            ProblemStatus.MERGED: "Doublon d'un autre problème.",
        }

        def steps(status):
            if status in LAB_PATH:
                return LAB_PATH[1 : LAB_PATH.index(status) + 1]
            if status == ProblemStatus.NOT_RETAINED:
                return [*LAB_PATH[1 : rng.randrange(1, 4)], status]
            if status in (ProblemStatus.MERGED, ProblemStatus.WITHDRAWN):
                return [status]
            return []

        first_id = self.writer.next_id(StatusChange.__table__)

        def rows():
            next_id = first_id
            for i, problem_id in enumerate(problem["ids"]):
                previous, moment = ProblemStatus.PROPOSED, problem["created"][i]
                for to_status in steps(problem["status"][i]):
                    moment = between(rng, moment, min(moment + 120 * DAY, self.now))
                    if to_status == ProblemStatus.WITHDRAWN:
                        actor = problem["author"][i]
                    elif to_status == ProblemStatus.MERGED:
                        actor = rng.choice(self.moderators)
                    else:
                        actor = rng.choice(self.agents)
                    yield (next_id, problem_id, actor, previous.value, to_status.value,
                           notes[to_status], moment)  # fmt: skip
                    next_id += 1
                    previous = to_status

        self.write(
            StatusChange,
            ["id", "idea_id", "actor_id", "from_status", "to_status", "note", "created_at"],
            rows(),
        )

    def comment_rows(self, key, targets, first_id):
        """Comments on each target (id, created, count, deleted), a third of them replies."""
        rng = self.rng
        next_id = first_id
        self.hidden_comments = getattr(self, "hidden_comments", [])
        for target_id, created, count, deleted in targets:
            if not count:
                continue
            removed = set(rng.sample(range(count), deleted))
            thread = []  # (id, depth, parent) of this target's comments so far
            moments = sorted(between(rng, created, self.now, 1.5) for _ in range(count))
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
                    self.hidden_comments.append((next_id, moment))
                body = "" if is_deleted else " ".join(rng.sample(words.COMMENTS, rng.randint(1, 2)))
                target = {key: target_id}
                yield (
                    next_id, target.get("idea_id"), target.get("prototype_id"), parent,
                    rng.choice(self.account_ids), depth, body, moment,
                    moment + DAY if is_deleted else None, is_hidden,
                    "Propos injurieux." if is_hidden else "",
                )  # fmt: skip
                next_id += 1

    COMMENT_COLUMNS = [
        "id", "idea_id", "prototype_id", "parent_id", "author_id", "depth", "body", "created_at",
        "deleted_at", "is_hidden", "hidden_reason",
    ]  # fmt: skip

    def problem_comments(self):
        problem = self.problem
        targets = zip(
            problem["ids"], problem["created"], problem["comments"], problem["deleted"], strict=True
        )
        first = self.writer.next_id(Comment.__table__)
        self.write(Comment, self.COMMENT_COLUMNS, self.comment_rows("idea_id", targets, first))

    def prototypes(self):
        rng = self.rng
        problem = self.problem
        n = self.sizes["prototypes"]
        at_stage = [
            i
            for i, s in enumerate(problem["status"])
            if s in WITH_PROTOTYPES and problem["listed"][i]
        ]
        pool = at_stage or [i for i, ok in enumerate(problem["listed"]) if ok]
        ids = list(self.ids(Prototype, n))
        statuses = rng.choices(["draft", "open", "closed"], weights=[10, 60, 30], k=n)
        version_counts = [
            1 if s == "draft" else rng.choices([1, 2, 3, 4], weights=[4, 3, 2, 1])[0]
            for s in statuses
        ]
        published = [s != "draft" for s in statuses]
        comments = allocate(
            self.prototype_comment_share,
            power_law(n, rng, 1.5),
            [len(self.account_ids) if ok else 0 for ok in published],
            rng,
        )
        deleted = [sum(rng.random() < 0.01 for _ in range(c)) for c in comments]
        prototype_rows, versions, created_of = [], [], []
        next_version = self.writer.next_id(PrototypeVersion.__table__)
        for k, prototype_id in enumerate(ids):
            i = rng.choice(pool)
            subject, capital = self.subject(problem["theme"][i])
            created = between(
                rng, max(problem["created"][i], self.now - 400 * DAY), self.now - 60 * DAY
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
                    rng.choice(self.agents),
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
        self.write(
            Prototype,
            ["id", "idea_id", "author_id", "title", "summary", "description", "status",
             "is_hidden", "versions_count", "comments_count", "created_at", "updated_at",
             "published_at", "closed_at"],
            prototype_rows,
        )  # fmt: skip
        self.prototype_versions(ids, statuses, versions)
        targets = zip(ids, created_of, comments, deleted, strict=True)
        first = self.writer.next_id(Comment.__table__)
        self.write(Comment, self.COMMENT_COLUMNS, self.comment_rows("prototype_id", targets, first))

    def prototype_versions(self, prototype_ids, statuses, versions):
        """Versions with their questions, and feedback (with answers) on published ones."""
        rng = self.rng
        status_of = dict(zip(prototype_ids, statuses, strict=True))
        latest = {}
        for version in versions:
            latest[version[1]] = version
        collecting = [status_of[v[1]] != "draft" for v in versions]
        counts = allocate(
            self.sizes["feedbacks"],
            power_law(len(versions), rng, 1.3),
            [len(self.account_ids) - 1 if ok else 0 for ok in collecting],
            rng,
        )
        questions, feedback, answers = [], [], []
        next_question = self.writer.next_id(Question.__table__)
        next_feedback = self.writer.next_id(Feedback.__table__)
        next_answer = self.writer.next_id(Answer.__table__)
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
            end = min(closed or self.now, self.now)
            for user_id in self.sample_accounts(count):
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
        self.write(
            PrototypeVersion,
            ["id", "prototype_id", "number", "changes", "created_at", "closed_at",
             "feedbacks_count", "rating_sum"],
            version_rows,
        )  # fmt: skip
        self.write(Question, ["id", "version_id", "position", "text", "kind"], questions)
        self.write(
            Feedback,
            ["id", "version_id", "user_id", "rating", "comment", "is_hidden", "hidden_reason",
             "created_at", "updated_at"],
            feedback,
        )  # fmt: skip
        self.write(
            Answer, ["id", "feedback_id", "question_id", "text_value", "scale_value"], answers
        )
        self.versions = version_rows
        # The prototype page to measure: an open one whose current version has most feedback.
        open_latest = [
            row
            for row in version_rows
            if status_of[row[1]] == "open" and latest[row[1]][0] == row[0]
        ]
        if open_latest:
            self.manifest["prototype"] = max(open_latest, key=lambda row: row[6])[1]
        else:
            self.manifest["prototype"] = next(
                (p for p in prototype_ids if status_of[p] != "draft"), None
            )

    def experiments(self):
        rng = self.rng
        problem = self.problem
        n = self.sizes["experiments"]
        at_stage = [
            i
            for i, s in enumerate(problem["status"])
            if s in WITH_EXPERIMENTS and problem["listed"][i]
        ]
        pool = at_stage or [i for i, ok in enumerate(problem["listed"]) if ok]
        methods = list(words.METHOD_TITLES)
        ids = list(self.ids(Experiment, n))
        statuses = rng.choices(
            ["draft", "open", "closed", "completed"], weights=[5, 40, 20, 35], k=n
        )
        capacities = [rng.randint(8, 60) for _ in range(n)]
        caps = [
            0 if s == "draft" else c if s == "completed" else c + c // 2
            for s, c in zip(statuses, capacities, strict=True)
        ]
        caps = [min(cap, len(self.account_ids)) for cap in caps]
        sign_ups = allocate(self.sizes["sign_ups"], power_law(n, rng, 1.5), caps, rng)
        experiment_rows, organisers, sign_up_rows = [], [], []
        next_sign_up = self.writer.next_id(SignUp.__table__)
        best = None
        for k, experiment_id in enumerate(ids):
            i = rng.choice(pool)
            status, capacity = statuses[k], capacities[k]
            method = rng.choice(methods)
            version_id = None
            if method == "prototype_test" and self.versions:
                version_id = rng.choice(self.versions)[0]
            if status in ("draft", "open"):
                starts = self.now + rng.uniform(2, 60) * DAY
            elif status == "closed":
                starts = self.now + rng.uniform(-10, 5) * DAY
            else:
                starts = self.now - rng.uniform(30, 700) * DAY
            ends = starts + rng.choice((2 / 24, 3 / 24, 1, 7, 30)) * DAY
            created = starts - rng.uniform(20, 60) * DAY
            opened = None if status == "draft" else created + DAY
            results = (
                "Les participantes et participants ont confirmé l'intérêt de la solution."
                if status == "completed"
                else ""
            )
            subject, _capital = self.subject(problem["theme"][i])
            online = method in ("survey", "interview") and rng.random() < 0.5
            place = "En ligne" if online else f"Maison de quartier, {rng.choice(words.PLACES)}"
            confirmed = min(sign_ups[k], capacity)
            waiting = sign_ups[k] - confirmed
            experiment_rows.append(
                (
                    experiment_id,
                    problem["ids"][i],
                    version_id,
                    method,
                    f"{words.METHOD_TITLES[method]} : {subject}"[:150],
                    f"Nous cherchons des volontaires pour travailler sur les {subject}.",
                    "Une séance d'environ deux heures, sans préparation.",
                    place[:300],
                    online,
                    starts,
                    ends,
                    capacity,
                    status,
                    confirmed,
                    waiting,
                    opened,
                    results,
                    ends + 7 * DAY if status == "completed" else None,
                    False,
                    created,
                    opened or created,
                )  # fmt: skip
            )
            for organiser in rng.sample(self.agents, min(len(self.agents), rng.randint(1, 2))):
                organisers.append((experiment_id, organiser))
            last = min(starts, self.now)
            moments = sorted(between(rng, opened or created, last) for _ in range(sign_ups[k]))
            for position, (user_id, moment) in enumerate(
                zip(self.sample_accounts(sign_ups[k]), moments, strict=False)
            ):
                state = "confirmed" if position < capacity else "waiting"
                sign_up_rows.append((next_sign_up, experiment_id, user_id, state, moment, None))
                next_sign_up += 1
            if status == "open" and (best is None or sign_ups[k] > best[1]):
                best = (experiment_id, sign_ups[k])
        self.write(
            Experiment,
            ["id", "idea_id", "prototype_version_id", "method", "title", "description",
             "involvement", "location", "is_online", "starts_at", "ends_at", "capacity", "status",
             "participants_count", "waiting_count", "opened_at", "results",
             "results_published_at", "is_hidden", "created_at", "updated_at"],
            experiment_rows,
        )  # fmt: skip
        self.write(experiment_organiser, ["experiment_id", "user_id"], organisers)
        self.write(
            SignUp,
            ["id", "experiment_id", "user_id", "status", "created_at", "promoted_at"],
            sign_up_rows,
        )
        self.manifest["experiment"] = best[0] if best else ids[0]

    def moderation(self):
        """The log of every hidden problem and comment, and a few reports still open."""
        rng = self.rng
        problem = self.problem
        hidden = [
            ("idea", problem_id, problem["created"][i] + DAY, "Contenu hors sujet.")
            for i, problem_id in enumerate(problem["ids"])
            if problem["hidden"][i]
        ]
        hidden += [
            ("comment", comment_id, moment + 3600, "Propos injurieux.")
            for comment_id, moment in self.hidden_comments
        ]
        actions = [
            (number, rng.choice(self.moderators), "hide", kind, target_id, reason, "",
             min(moment, self.now))
            for number, (kind, target_id, moment, reason) in enumerate(
                hidden, start=self.writer.next_id(ModerationAction.__table__)
            )
        ]  # fmt: skip
        self.write(
            ModerationAction,
            ["id", "actor_id", "action", "target_type", "target_id", "reason", "details",
             "created_at"],
            actions,
        )  # fmt: skip
        reported = rng.sample(problem["ids"], max(1, len(problem["ids"]) // 500))
        reports = [
            (number, "idea", problem_id, rng.choice(self.account_ids),
             rng.choice(["spam", "off_topic", "offensive"]), "",
             self.now - rng.uniform(0, 30) * DAY)
            for number, problem_id in enumerate(
                reported, start=self.writer.next_id(Report.__table__)
            )
        ]  # fmt: skip
        self.write(
            Report,
            ["id", "target_type", "target_id", "reporter_id", "reason", "note", "created_at"],
            reports,
        )


def rebuild_search_index(session):
    """Fill the full-text index when the platform has one (`platform/search.py`); return what
    happened, for the report (a schema without its index yet is said, not fatal)."""
    try:
        from platform.search import rebuild_search_index as rebuild
    except ImportError:
        return "none"
    try:
        with session.begin_nested():
            rebuild()
    except DBAPIError as error:
        return f"not rebuilt: {str(error.orig).splitlines()[0]}"
    return "rebuilt"


def generate(session, scale=1.0, seed=2026, now=None):
    """Add a city's worth of data through `session` (not committed); return the manifest:
    rows written per table, and the pages worth measuring."""
    manifest = City(session, scale=scale, seed=seed, now=now).generate()
    manifest["search_index"] = rebuild_search_index(session)
    return manifest


def prepare_sqlite_for_load(engine):
    """Durability is not needed while loading a throw-away database: skip the fsyncs.

    The pragma cannot change inside a transaction, so it is set on every new connection.
    """
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def no_fsync(dbapi_connection, _record):
        dbapi_connection.execute("PRAGMA synchronous = OFF")

    engine.dispose()


def analyse(session):
    """Give the query planner statistics about the new rows."""
    engine = session.get_bind()
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
    else:
        session.execute(text("ANALYZE"))
        session.commit()


@click.command()
@click.option("--scale", default=1.0, show_default=True, help="1 = the city-scale dataset.")
@click.option("--seed", default=2026, show_default=True, help="Same seed, same data.")
@click.option("--manifest", type=click.Path(dir_okay=False), help="Write the manifest here.")
def main(scale, seed, manifest):
    """Fill the database named by DATABASE_URL (already migrated) with a city's data."""
    with entry_point.app.app_context():
        started = time.monotonic()
        prepare_sqlite_for_load(db.engine)
        result = generate(db.session, scale=scale, seed=seed)
        db.session.commit()
        loaded = time.monotonic() - started
        analyse(db.session)
        drift = counter_drift(db.session)
        result["load_seconds"] = round(loaded, 1)
        result["analyse_seconds"] = round(time.monotonic() - started - loaded, 1)
        result["counter_drift"] = drift
    for table, count in sorted(result["rows"].items()):
        click.echo(f"{table:<22} {count:>10,}", err=True)
    click.echo(
        f"Loaded in {result['load_seconds']} s, analysed in {result['analyse_seconds']} s;"
        f" counters that differ from their rows: {sum(drift.values())}",
        err=True,
    )
    if manifest:
        with open(manifest, "w") as f:
            json.dump(result, f, indent=2)
    if any(drift.values()):
        raise SystemExit(f"stored counters differ from their rows: {drift}")


if __name__ == "__main__":
    main()
