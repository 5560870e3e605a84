"""The state shared by every part of the generated city, and the arithmetic that sizes it."""

import random
from datetime import UTC, datetime

from bench import words
from bench.bulk import BulkWriter

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
    "surveys": 40,
    "survey_responses": 50_000,  # submitted; about ten answer rows each
    "survey_drafts": 300,  # responses started, not sent (on open surveys)
}
SEARCH_TERMS = "pistes cyclables"  # two words of one subject: about 1 problem in 64 matches
DAY = 86_400.0
BIG_TABLES = {
    "idea",
    "support",
    "follow",
    "comment",
    "survey_answer",
}  # their indexes are built after loading


def sizes_for(scale):
    """How many rows of each kind a scale asks for (at least one of each)."""
    sizes = {name: max(1, round(count * scale)) for name, count in AT_SCALE_1.items()}
    sizes["accounts"] = max(sizes["accounts"], 40)
    sizes["surveys"] = max(sizes["surveys"], 4)  # one of each state: draft, open, closed, published
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
    """One generated dataset: the random source, the clock, the ids handed out so far.

    The parts written later read what the earlier ones left here (the accounts, the problems,
    the prototype versions...), so the order of `bench.generate.STEPS` matters, and so does
    every draw from `rng`: the same seed gives the same data.
    """

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
        # Filled in by the parts, in the order they run.
        self.districts, self.themes = [], []  # (id, slug)
        self.account_ids, self.moderators, self.agents = [], [], []
        self.problem = {}  # column name -> one value per problem, in id order
        self.prototype_comment_share = 0  # the comments left over for the prototypes
        self.hidden_comments = []  # (id, moment), for the moderation log
        self.versions = []  # the prototype versions' rows

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
