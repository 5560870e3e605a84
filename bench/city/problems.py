"""The problems, their supports and follows, and their path through the lab's process.

Supports follow a power law (a few problems gather most of them) and statuses the lab's
process (most problems are proposed); the stored counters are written from these very rows.
"""

from array import array

from bench import words
from bench.city.base import DAY, allocate, between, power_law
from platform.ideas.models import Follow, Problem, ProblemStatus, StatusChange, Support
from platform.text import fold

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


def write_problems(city):
    n = city.sizes["problems"]
    rng = city.rng
    statuses = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()), k=n)
    created = sorted(between(rng, city.start + 30 * DAY, city.now - 3600) for _ in range(n))
    ids = list(city.ids(Problem, n))
    accepts = [s not in (ProblemStatus.PENDING, ProblemStatus.MERGED) for s in statuses]
    hidden = [ok and rng.random() < 0.003 for ok in accepts]
    listed = [
        ok and s.is_listed and not h for ok, s, h in zip(accepts, statuses, hidden, strict=True)
    ]

    # Supports: a power law over the problems that could gather them.
    caps = [len(city.account_ids) - 1 if ok else 0 for ok in accepts]
    supports = allocate(city.sizes["supports"], power_law(n, rng, 1.3), caps, rng)
    # The longest thread goes to the most supported problem still open to everyone.
    candidates = [i for i in range(n) if listed[i] and statuses[i] != ProblemStatus.NOT_RETAINED]
    big = max(candidates or range(n), key=lambda i: supports[i])
    proto_share = min(city.sizes["comments"] // 20, 3 * city.sizes["prototypes"])
    rest = city.sizes["comments"] - city.sizes["big_thread"] - proto_share
    comment_caps = [
        max(1, city.sizes["big_thread"] // 2) if s != ProblemStatus.PENDING else 0 for s in statuses
    ]
    comment_caps[big] = 0
    comments = allocate(rest, power_law(n, rng, 1.5), comment_caps, rng)
    comments[big] = city.sizes["big_thread"]
    deleted = [sum(rng.random() < 0.01 for _ in range(c)) for c in comments]
    city.prototype_comment_share = city.sizes["comments"] - sum(comments)

    city.problem = {
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
            theme_id, slug = rng.choice(city.themes)
            subject, capital = city.subject(slug)
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
            share = (created[i] - city.start) / (city.now - city.start)
            author = city.account_ids[rng.randrange(max(1, int(len(city.account_ids) * share)))]
            city.problem["author"].append(author)
            city.problem["theme"].append(slug)
            status = statuses[i]
            merged_into = None
            if status == ProblemStatus.MERGED and listed_before:
                merged_into = rng.choice(listed_before)
            if listed[i]:
                listed_before.append(problem_id)
            followers = 0 if status == ProblemStatus.MERGED else supports[i] + 1
            yield (
                problem_id, title[:150], description, fold(f"{title}\n{description}"),
                theme_id, rng.choice(city.districts)[0] if rng.random() < 0.85 else None,
                author, status.value, merged_into, hidden[i],
                "Contenu hors sujet." if hidden[i] else "",
                supports[i], comments[i] - deleted[i], followers, created[i], created[i],
                rng.randrange(2**31 - 1) if shuffled else None,
            )  # fmt: skip

    city.write(
        Problem,
        ["id", "title", "description", "search_text", "theme_id", "district_id", "author_id",
         "status", "merged_into_id", "is_hidden", "hidden_reason", "supports_count",
         "comments_count", "followers_count", "created_at", "updated_at", "shuffle_key"],
        rows(),
    )  # fmt: skip
    city.manifest["big_thread_problem"] = ids[big]
    city.manifest["big_thread"] = city.sizes["big_thread"]
    open_ones = [ids[i] for i in range(n) if listed[i] and statuses[i] == ProblemStatus.PROPOSED]
    city.manifest["support_problems"] = rng.sample(open_ones, min(1000, len(open_ones)))


def write_supports_and_follows(city):
    """Supports, and the follows they imply: the author and every supporter follow."""
    rng = city.rng
    problem = city.problem
    supporters, moments = [], []
    for i, count in enumerate(problem["supports"]):
        supporters.append(array("I", city.sample_accounts(count, exclude=problem["author"][i])))
        start = problem["created"][i]
        moments.append(array("d", (between(rng, start, city.now, 2) for _ in range(count))))

    # Ids are read before the rows stream: the connection is busy during a COPY.
    support_ids = iter(city.ids(Support, city.sizes["supports"]))
    follow_ids = iter(city.ids(Follow, city.sizes["supports"] + len(problem["ids"])))

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
    city.write(Support, columns, support_rows())
    city.write(Follow, columns, follow_rows())


def write_timelines(city):
    """Every change of stage, with the lab's public note, up to the problem's status."""
    rng = city.rng
    problem = city.problem
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

    first_id = city.writer.next_id(StatusChange.__table__)

    def rows():
        next_id = first_id
        for i, problem_id in enumerate(problem["ids"]):
            previous, moment = ProblemStatus.PROPOSED, problem["created"][i]
            for to_status in steps(problem["status"][i]):
                moment = between(rng, moment, min(moment + 120 * DAY, city.now))
                if to_status == ProblemStatus.WITHDRAWN:
                    actor = problem["author"][i]
                elif to_status == ProblemStatus.MERGED:
                    actor = rng.choice(city.moderators)
                else:
                    actor = rng.choice(city.agents)
                yield (next_id, problem_id, actor, previous.value, to_status.value,
                       notes[to_status], moment)  # fmt: skip
                next_id += 1
                previous = to_status

    city.write(
        StatusChange,
        ["id", "idea_id", "actor_id", "from_status", "to_status", "note", "created_at"],
        rows(),
    )
