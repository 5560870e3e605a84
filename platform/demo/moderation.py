"""Demo reports, moderators' decisions, a merge and a suspension, in French, for `seed-demo`."""

import random
from datetime import timedelta

from sqlalchemy import select
from werkzeug.security import generate_password_hash

from platform.accounts.models import User
from platform.accounts.services import find_account
from platform.comments.models import Comment
from platform.comments.services import post_comment
from platform.database import utcnow
from platform.demo.accounts import DEMO_PASSWORD, handle
from platform.extensions import db
from platform.ideas import services as problems
from platform.ideas.models import LISTED_STATUSES, Problem, ProblemStatus
from platform.moderation import services
from platform.moderation.merge import merge_problems
from platform.moderation.models import ActionType, ModerationAction, Report, ReportReason
from platform.moderation.suspensions import suspend_account
from platform.roles import Role
from platform.taxonomy.models import Theme

SPAM, OFFENSIVE = ReportReason.SPAM, ReportReason.OFFENSIVE
OFF_TOPIC, PERSONAL_DATA = ReportReason.OFF_TOPIC, ReportReason.PERSONAL_DATA

# The data is laid out by hand, one contribution per block: the formatter leaves it alone.
# fmt: off

# An advertiser who joined two days ago, posted a problem and a comment, and is suspended for
# good once readers have reported both. People are named by their folded first name.
SPAMMER = ("Offres Exceptionnelles", "promo.bonsplans@example.org")
SPAM_PROBLEM = (
    "Gagnez un iPhone ! Cliquez ici…",
    "FÉLICITATIONS !!! Vous faites partie des 100 habitants tirés au sort pour recevoir un "
    "iPhone 16 à 1 €. Il ne reste que quelques exemplaires : rendez-vous vite sur "
    "www.bons-plans-express.example, entrez votre adresse et votre numéro de carte bancaire "
    "pour les frais de port. Offre valable aujourd'hui seulement !",
)
SPAM_COMMENT = (
    "Marre d'attendre ? Gagnez un iPhone 16 et des bons d'achat de 500 € en deux clics sur "
    "www.bons-plans-express.example. 100 % gratuit, des gagnants chaque jour !!!"
)
SPAM_REPORTERS = 3
SUSPENSION_REASON = "Publicité répétée (spam)."

# Comments reported by readers, and what the moderator did. "problem": a few words of the title
# of the problem a new comment is written on, by "author", "days_ago"; "existing": a few words of
# a comment already there. "reporters" report it in this order for "reason", the first with the
# "note". "dismiss" or "hide": the moderator's decision and its reason; neither: left open.
CASES = [
    {
        "problem": "faute d'une pièce", "author": "olivier", "days_ago": 3.4,
        "text":
            "Le vrai problème, ce sont les agents d'accueil : des incapables et des "
            "tire-au-flanc, payés avec nos impôts pour nous renvoyer chez nous au moindre papier "
            "qui manque. Ils font exprès de ne rien expliquer pour avoir moins de dossiers à "
            "traiter, tout le monde le sait.",
        "reporters": ["sarah"], "reason": OFFENSIVE,
        "note": "Propos insultants envers les agents d'accueil.",
    },
    {
        "existing": "un des seuls coins vivants",
        "reporters": ["bernadette", "olivier"], "reason": OFF_TOPIC,
        "dismiss":
            "Un avis différent, mais qui parle bien du bruit rue des Carmes : le commentaire "
            "reste en ligne.",
    },
    {
        "problem": "trouver le bon service", "author": "emre", "days_ago": 2.6,
        "text":
            "À l'état civil, c'est Mme Sandrine Vallet, au guichet 3, qui m'a renvoyé trois fois "
            "du bâtiment B au bâtiment A sans même lever les yeux. Elle est là le mardi et le "
            "jeudi : évitez ces jours-là si vous pouvez.",
        "reporters": ["mei"], "reason": PERSONAL_DATA,
        "note": "Le nom complet d'une agente et ses jours de présence.",
        "hide": "Données personnelles : le nom d'un agent est cité.",
    },
    {
        "problem": "trottinettes", "author": "moussa", "days_ago": 1.3,
        "text":
            "Quelqu'un sait pourquoi la boulangerie du bout de la rue Victor-Hugo est fermée "
            "depuis trois semaines ? Il n'y a aucune affiche sur la porte.",
        "reporters": ["elodie", "ana"], "reason": OFF_TOPIC,
    },
]

# Two problems about the same thing, found by words of their titles: the less supported one is
# merged into the other.
DUPLICATES = ("horaires de bus", "illisibles")
MERGE_NOTE = "Même problème que « {title} » : les soutiens ont été regroupés."
MERGEABLE = {ProblemStatus.PROPOSED, ProblemStatus.SELECTED}

# fmt: on


def _problem(words):
    """The first listed, visible problem whose title contains `words`, or None."""
    return db.session.scalar(
        select(Problem)
        .where(
            Problem.title.icontains(words), Problem.status.in_(LISTED_STATUSES), ~Problem.is_hidden
        )
        .order_by(Problem.id)
        .limit(1)
    )


def _report(item, kind, reporters, reason, note, rng, now):
    """Report the item by each reporter in turn, at times between its creation and now."""
    start = max(item.created_at, now - timedelta(days=5))
    times = sorted(start + (now - start) * rng.uniform(0.1, 0.9) for _ in reporters)
    for position, (reporter, when) in enumerate(zip(reporters, times, strict=True)):
        report = services.report_content(
            reporter, kind, item.id, reason, note if position == 0 else ""
        )
        report.created_at = when


def _seed_spam(moderator, citizens, rng, now):
    """An advertiser's problem and comment, hidden after reports; the account is suspended."""
    name, email = SPAMMER
    spammer = find_account(email)
    if spammer is None:
        spammer = User(
            email=email, display_name=name, role=Role.CITIZEN, locale="fr",
            accepted_terms_at=utcnow(),
        )  # fmt: skip
        spammer.password_hash = generate_password_hash(DEMO_PASSWORD)
        spammer.created_at = spammer.accepted_terms_at = now - timedelta(days=2, hours=6)
        db.session.add(spammer)
        db.session.flush()
    if spammer.is_suspended:
        return
    theme = db.session.scalar(select(Theme).order_by(Theme.position, Theme.id).limit(1))
    popular = db.session.scalar(
        select(Problem)
        .where(Problem.status.in_(LISTED_STATUSES), ~Problem.is_hidden)
        .order_by(Problem.supports_count.desc(), Problem.id)
        .limit(1)
    )
    title, description = SPAM_PROBLEM
    problem = problems.create_problem(
        spammer, title=title, description=description, theme_id=theme.id
    )
    # With pre-moderation on, the demo shows a problem that got through, as when it is off.
    problem.status = ProblemStatus.PROPOSED
    problem.created_at = problem.updated_at = now - timedelta(days=2, hours=5, minutes=12)
    items = [("idea", problem)]
    if popular is not None:
        comment = post_comment(spammer, popular, SPAM_COMMENT)
        comment.created_at = now - timedelta(days=2, hours=4, minutes=37)
        items.append(("comment", comment))
    for kind, item in items:
        # The third report hides the item until a moderator decides.
        reporters = rng.sample(citizens, SPAM_REPORTERS)
        _report(item, kind, reporters, SPAM, "", rng, now)
    suspend_account(moderator, spammer, until=None, reason=SUSPENSION_REASON, hide_content=True)


def _seed_case(moderator, people, case, rng, now):
    """Have readers report a comment, and the moderator decide on it if the case says so."""
    if "existing" in case:
        comment = db.session.scalar(
            select(Comment)
            .where(Comment.body.contains(case["existing"]), Comment.deleted_at.is_(None))
            .order_by(Comment.id)
            .limit(1)
        )
    else:
        problem = _problem(case["problem"])
        if problem is None or case["author"] not in people:
            return  # a database seeded before may lack this problem or this citizen
        comment = post_comment(people[case["author"]], problem, case["text"])
        comment.created_at = now - timedelta(days=case["days_ago"])
    if comment is None or comment.is_hidden:
        return
    reporters = [
        people[name]
        for name in case["reporters"]
        if name in people and people[name].id != comment.author_id
    ]
    if not reporters:
        return
    _report(comment, "comment", reporters, case["reason"], case.get("note", ""), rng, now)
    if "dismiss" in case:
        services.dismiss_reports(moderator, "comment", comment.id, case["dismiss"])
    elif "hide" in case:
        services.hide_content(moderator, "comment", comment.id, case["hide"])


def _seed_merge(moderator):
    """Merge the less supported of two duplicate problems into the other, if both are open."""
    query = select(Problem).order_by(Problem.id)
    for words in DUPLICATES:
        query = query.where(Problem.title.icontains(words))
    pair = db.session.scalars(query).all()
    if len(pair) != 2 or any(
        problem.status not in MERGEABLE or problem.merged_into_id is not None or problem.is_hidden
        for problem in pair
    ):
        return
    source, target = sorted(pair, key=lambda problem: (problem.supports_count, -problem.id))
    merge_problems(moderator, source, target, MERGE_NOTE.format(title=target.title))


def seed_moderation(accounts):
    """Add demo reports and moderation decisions, unless some exist already.

    The log already holds the stage changes the moderator made while the problems were seeded;
    any other entry, or any report, means moderation has been seeded (or used) before.
    """
    if (
        db.session.scalar(select(Report.id).limit(1)) is not None
        or db.session.scalar(
            select(ModerationAction.id)
            .where(ModerationAction.action != ActionType.CHANGE_STATUS)
            .limit(1)
        )
        is not None
    ):
        return
    now, camille, moderator = utcnow(), accounts[0], accounts[4]
    # Camille, the demo citizen people sign in as, reports nothing: her report buttons stay free.
    citizens = db.session.scalars(
        select(User)
        .where(
            User.role == Role.CITIZEN,
            User.id != camille.id,
            User.email != SPAMMER[1],
            User.suspended_until.is_(None),
        )
        .order_by(User.id)
    ).all()
    people = {handle(user): user for user in citizens}
    rng = random.Random(2026)  # varied but identical from one run to the next
    _seed_spam(moderator, citizens, rng, now)
    for case in CASES:
        _seed_case(moderator, people, case, rng, now)
    _seed_merge(moderator)
    db.session.flush()
