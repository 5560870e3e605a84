"""Surveys of the lab: their sections, questions of every kind, and the responses citizens sent
(one per account and survey), with the answers stored as `platform.surveys.models` says: one
row per chosen option, per ranked option (`rank`), per matrix row (`row_option_id` and the
column in `option_id`), one `number` for a scale or a number, one `text` for a text or an
"other" choice (`is_other`).

Every answer keeps its question's rules: only visible questions are answered (a conditional
question only when its source, a choice question of an earlier section, got one of its
options), required ones always, choices within min/max, ranks a permutation of the options,
scale values within the scale. `responses_count` is the number of submitted responses written
here; drafts of responses (no `submitted_at`) are left on open surveys, uncounted.
"""

import hashlib

from sqlalchemy import select

from bench import words
from bench.city.base import DAY, allocate, between
from bench.city.problems import WITH_EXPERIMENTS
from platform.prototypes.models import Prototype, PrototypeStatus
from platform.surveys.models import (
    QuestionKind,
    Survey,
    SurveyAnswer,
    SurveyOption,
    SurveyQuestion,
    SurveyResponse,
    SurveySection,
    SurveyStatus,
    survey_condition_option,
    survey_organiser,
)

K = QuestionKind
STATUS_WEIGHTS = {
    SurveyStatus.DRAFT: 10,
    SurveyStatus.OPEN: 35,
    SurveyStatus.CLOSED: 20,
    SurveyStatus.PUBLISHED: 35,
}
SECTION_TITLES = ["Vous et votre quartier", "Vos usages", "Votre avis", "Vos idées"]

# Question templates per kind; "{s}" is the survey's subject, "{place}" its place.
SINGLE = [
    ("Vous êtes :", ["Habitant·e du quartier", "Habitant·e d'un autre quartier",
                     "Commerçant·e", "Salarié·e dans le quartier"]),
    ("À quelle fréquence êtes-vous concerné·e par les {s} ?",
     ["Tous les jours", "Chaque semaine", "Chaque mois", "Rarement", "Jamais"]),
    ("Avez-vous déjà signalé un problème de {s} ?", ["Oui", "Non", "Je ne sais plus"]),
    ("Quel moment de la journée vous convient le mieux ?",
     ["Le matin", "Le midi", "L'après-midi", "Le soir"]),
]  # fmt: skip
MULTIPLE = [
    ("Comment vous déplacez-vous {place} ?",
     ["À pied", "À vélo", "En bus", "En tram", "En voiture", "En trottinette"]),
    ("Qu'est-ce qui vous gêne le plus avec les {s} ?",
     ["Le manque d'entretien", "L'éclairage", "Le bruit", "La distance", "Les horaires",
      "La signalisation"]),
    ("Par quels moyens souhaitez-vous être informé·e ?",
     ["Le site de la ville", "Le journal municipal", "Les affiches", "Les réseaux sociaux",
      "Le conseil de quartier"]),
]  # fmt: skip
SCALE = [
    ("Êtes-vous satisfait·e des {s} aujourd'hui ?", (1, 5), "Pas du tout", "Tout à fait"),
    ("Quelle importance donnez-vous à ce sujet ?", (1, 5), "Aucune", "Très grande"),
    ("Recommanderiez-vous la solution à vos voisins ?", (0, 10), "Pas du tout probable",
     "Très probable"),
    ("Vous sentez-vous en sécurité {place} ?", (0, 10), "Jamais", "Toujours"),
]  # fmt: skip
RANKING = [
    ("Classez ces priorités pour les {s}",
     ["L'accessibilité", "La sécurité", "La propreté", "Le coût", "La rapidité des travaux"]),
    ("Classez ces pistes de solution",
     ["Un essai de trois mois", "Une concertation", "Des travaux durables",
      "Une meilleure information"]),
]  # fmt: skip
MATRIX = [
    ("Comment jugez-vous ces aspects des {s} ?",
     ["La propreté", "L'accessibilité", "L'éclairage", "La sécurité"],
     ["Très bien", "Bien", "Moyen", "Mauvais"]),
    ("Quand êtes-vous concerné·e ?", ["En semaine", "Le samedi", "Le dimanche"],
     ["Le matin", "L'après-midi", "Le soir", "Jamais"]),
]  # fmt: skip
NUMBER = [
    ("Combien de fois par mois êtes-vous concerné·e par les {s} ?", 30),
    ("Combien de minutes accepteriez-vous de marcher pour y accéder ?", 30),
    ("Combien de personnes compte votre foyer ?", 7),
]
SHORT_TEXT = [
    "En un mot, comment décririez-vous les {s} ?",
    "Quel endroit précis vous pose problème ?",
]
LONG_TEXT = [
    "Racontez-nous une situation que vous avez vécue.",
    "Qu'aimeriez-vous voir changer en priorité ?",
    "Avez-vous une autre idée à partager avec le laboratoire ?",
]
TEMPLATES = {
    K.SINGLE_CHOICE: SINGLE, K.MULTIPLE_CHOICE: MULTIPLE, K.SCALE: SCALE, K.RANKING: RANKING,
    K.MATRIX: MATRIX, K.NUMBER: NUMBER, K.SHORT_TEXT: SHORT_TEXT, K.LONG_TEXT: LONG_TEXT,
}  # fmt: skip
SHORT_ANSWERS = [
    "Insuffisant", "Correct", "Vieillissant", "Pratique", "Dangereux", "Sale", "Agréable",
    "Mal placé", "Trop rare", "Bruyant",
]  # fmt: skip
OTHER_ANSWERS = [
    "Ça dépend des jours", "Avec ma fille", "En fauteuil roulant", "Je ne suis pas concerné·e",
    "Avec l'association du quartier", "Autrement",
]  # fmt: skip
# The extra questions of a long survey: the kinds people answer most.
EXTRA_KINDS = [K.SINGLE_CHOICE, K.SINGLE_CHOICE, K.MULTIPLE_CHOICE, K.SCALE, K.SCALE, K.NUMBER,
               K.SHORT_TEXT, K.LONG_TEXT]  # fmt: skip
RESULTS_NOTE = (
    "Merci aux habitantes et habitants qui ont répondu. Les réponses confirment les "
    "priorités du quartier ; le laboratoire en tient compte pour la suite."
)


def respondent_key(survey_id, account_id):
    """The bench's stand-in for the platform's keyed hash: unique per survey and account."""
    return hashlib.sha256(f"bench:{survey_id}:{account_id}".encode()).hexdigest()


def write_surveys(city):
    rng = city.rng
    n = city.sizes["surveys"]
    ids = list(city.ids(Survey, n))
    # One of each state first (so that a small city still has each page), then by weight.
    statuses = [SurveyStatus.PUBLISHED, SurveyStatus.OPEN, SurveyStatus.CLOSED, SurveyStatus.DRAFT]
    statuses = statuses[:n] + rng.choices(
        list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()), k=max(0, n - 4)
    )
    # Submitted responses: a power law over the surveys that took answers; the largest share
    # goes to a published survey, whose results page is the one measured.
    caps = [0 if s is SurveyStatus.DRAFT else len(city.account_ids) for s in statuses]
    counts = allocate(city.sizes["survey_responses"], zipf(n, rng), caps, rng)
    published = [k for k, s in enumerate(statuses) if s is SurveyStatus.PUBLISHED]
    top, heaviest = max(published, key=lambda k: counts[k]), max(range(n), key=counts.__getitem__)
    counts[top], counts[heaviest] = counts[heaviest], counts[top]
    open_ones = [k for k, s in enumerate(statuses) if s is SurveyStatus.OPEN]
    draft_counts = allocate(
        city.sizes["survey_drafts"] if open_ones else 0,
        [1.0] * len(open_ones),
        [len(city.account_ids) - counts[k] for k in open_ones],
        rng,
    )
    drafts = dict(zip(open_ones, draft_counts, strict=True))

    writer = SurveyWriter(city)
    links = Links(city)
    # Half are about a problem the lab took up, some of those about one of its prototypes.
    linked = ["prototype"] * round(n * 0.15) + ["problem"] * round(n * 0.35)
    linked += [None] * (n - len(linked))
    rng.shuffle(linked)
    survey_rows, organisers = [], []
    for k, survey_id in enumerate(ids):
        status = statuses[k]
        dates = survey_dates(city, status)
        problem_id, prototype_id, theme = links.pick(dates["created"], linked[k])
        subject, capital = city.subject(theme)
        place = rng.choice(words.PLACES)
        anonymous = rng.random() < 0.15
        questions = writer.structure(survey_id, subject, place, full=k == top)
        first = writer.responses(survey_id, questions, dates, counts[k], drafts.get(k, 0),
                                 anonymous, quoting=status is SurveyStatus.PUBLISHED)  # fmt: skip
        author = rng.choice(city.agents)
        organisers.append((survey_id, author))
        if rng.random() < 0.4 and len(city.agents) > 1:
            organisers.append((survey_id, rng.choice([a for a in city.agents if a != author])))
        changed = max(m for m in (dates["created"], dates["opened"], dates["closed"],
                                  dates["published"]) if m)  # fmt: skip
        survey_rows.append(
            (
                survey_id,
                f"Enquête : {subject} {place}"[:150],
                f"{capital} : dites-nous ce que vous en pensez. Dix minutes suffisent.",
                problem_id,
                prototype_id,
                dates["opens"],
                dates["closes"],
                status.value,
                anonymous,
                counts[k],
                first,
                dates["opened"],
                dates["closed"],
                dates["published"],
                RESULTS_NOTE if status is SurveyStatus.PUBLISHED else "",
                False,
                author,
                dates["created"],
                changed,
            )  # fmt: skip
        )
    city.write(
        Survey,
        ["id", "title", "introduction", "idea_id", "prototype_id", "opens_at", "closes_at",
         "status", "is_anonymous", "responses_count", "locked_at", "opened_at", "closed_at",
         "results_published_at", "results_note", "is_hidden", "created_by_id", "created_at",
         "updated_at"],
        survey_rows,
    )  # fmt: skip
    city.write(survey_organiser, ["survey_id", "user_id"], organisers)
    writer.flush()
    by_count = sorted(range(n), key=lambda k: (-counts[k], ids[k]))
    answering = next((k for k in by_count if statuses[k] is SurveyStatus.OPEN), top)
    city.manifest["survey_results"] = ids[top]
    city.manifest["survey_results_responses"] = counts[top]
    city.manifest["survey"] = ids[answering]
    city.manifest["survey_responses"] = counts[answering]


def zipf(n, rng):
    """Weights of a power law by rank (the k-th survey gathers 1/k of the first one's
    responses), in a random order: at scale 1 the largest survey has about a quarter of them,
    whatever the seed (drawing Pareto weights for 40 surveys gives it anything from 10 to 85 %)."""
    ranks = list(range(1, n + 1))
    rng.shuffle(ranks)
    return [1.0 / rank for rank in ranks]


def survey_dates(city, status):
    """Coherent moments for a survey in `status` (POSIX seconds; None when not reached)."""
    rng, now = city.rng, city.now
    if status is SurveyStatus.DRAFT:
        opens = now + rng.uniform(5, 30) * DAY
        created = now - rng.uniform(1, 20) * DAY
    elif status is SurveyStatus.OPEN:
        opens = now - rng.uniform(2, 40) * DAY
    elif status is SurveyStatus.CLOSED:
        opens = now - rng.uniform(50, 200) * DAY
    else:
        opens = now - rng.uniform(100, 700) * DAY
    closes = opens + rng.choice((14, 21, 30, 45)) * DAY
    if status is SurveyStatus.OPEN:
        closes = max(closes, now + rng.uniform(2, 20) * DAY)
    if status is not SurveyStatus.DRAFT:
        created = opens - rng.uniform(5, 30) * DAY
    opened = None if status is SurveyStatus.DRAFT else opens - rng.uniform(0, 3) * DAY
    closed = published = None
    if status is SurveyStatus.CLOSED:
        closed = closes - rng.choice((0, 0, 0, rng.uniform(1, 5))) * DAY
    if status is SurveyStatus.PUBLISHED:
        closed = closes
        published = min(closes + rng.uniform(3, 20) * DAY, now - DAY)
    # Answers are taken from the opening time until the survey closes (or now).
    last = min(closed or closes, now)
    return {"created": created, "opened": opened, "opens": opens, "closes": closes,
            "closed": closed, "published": published, "last": last}  # fmt: skip


class Links:
    """What a survey is about: about half a problem the lab took up, some a prototype of it."""

    def __init__(self, city):
        self.city = city
        problem = city.problem
        self.pool = [
            i
            for i, s in enumerate(problem["status"])
            if s in WITH_EXPERIMENTS and problem["listed"][i]
        ] or [i for i, ok in enumerate(problem["listed"]) if ok]
        index_of = {problem_id: i for i, problem_id in enumerate(problem["ids"])}
        self.prototypes = [
            (prototype_id, index_of[problem_id], published.timestamp())
            for prototype_id, problem_id, published in city.session.execute(
                select(Prototype.id, Prototype.problem_id, Prototype.published_at)
                .where(Prototype.status != PrototypeStatus.DRAFT, Prototype.is_hidden.is_(False))
                .order_by(Prototype.id)
            )
            if published is not None and problem["listed"][index_of[problem_id]]
        ]

    def pick(self, created, link):
        """(problem id, prototype id, theme slug) for a survey prepared at `created` about
        `link`: "prototype", "problem" or None."""
        city, rng, problem = self.city, self.city.rng, self.city.problem
        if link == "prototype" and self.prototypes:
            earlier = [p for p in self.prototypes if p[2] < created] or self.prototypes
            prototype_id, i, _published = rng.choice(earlier)
            return problem["ids"][i], prototype_id, problem["theme"][i]
        if link and self.pool:
            earlier = [i for i in self.pool if problem["created"][i] < created] or self.pool
            i = rng.choice(earlier)
            return problem["ids"][i], None, problem["theme"][i]
        return None, None, rng.choice(city.themes)[1]


class SurveyWriter:
    """Builds the surveys' structures and responses, and writes them table by table."""

    def __init__(self, city):
        self.city = city
        self.rng = city.rng
        self.next = {
            model: city.writer.next_id(model.__table__)
            for model in (
                SurveySection,
                SurveyQuestion,
                SurveyOption,
                SurveyResponse,
                SurveyAnswer,
            )  # fmt: skip
        }
        self.sections, self.questions, self.options, self.conditions = [], [], [], []
        self.response_rows, self.answers = [], []

    def take(self, model):
        value = self.next[model]
        self.next[model] += 1
        return value

    # Structure -------------------------------------------------------------------------------

    def structure(self, survey_id, subject, place, full=False):
        """Sections, questions and options of one survey; return its questions, in order, as
        dicts the responses read (kind, rules, options with their popularity)."""
        rng = self.rng
        n_questions = 12 if full else rng.randint(6, 12)
        n_sections = rng.randint(3 if full else 2, 4)
        # A single choice opens the survey (the source of conditions); every kind when there
        # is room for all (always in the `full` one), the most answered ones after.
        # Rankings and matrices (a row per option or line) are in about half of the surveys.
        others = [
            k
            for k in K
            if k is not K.SINGLE_CHOICE
            and (full or k not in (K.RANKING, K.MATRIX) or rng.random() < 0.5)
        ]
        rng.shuffle(others)
        kinds = [K.SINGLE_CHOICE, *others][:n_questions]
        kinds += rng.choices(EXTRA_KINDS, k=n_questions - len(kinds))
        rng.shuffle(kinds)
        kinds.remove(K.SINGLE_CHOICE)
        kinds.insert(0, K.SINGLE_CHOICE)
        cuts = sorted(rng.sample(range(1, n_questions), n_sections - 1))
        bounds = list(zip([0, *cuts], [*cuts, n_questions], strict=True))
        used = {kind: rng.sample(range(len(t)), len(t)) for kind, t in TEMPLATES.items()}
        conditional = rng.random() < 0.5 or full
        questions = []
        for position, (start, end) in enumerate(bounds, start=1):
            section_id = self.take(SurveySection)
            title = SECTION_TITLES[position - 1] if position < n_sections else "Pour finir"
            self.sections.append((section_id, survey_id, position, title, ""))
            for q_position, kind in enumerate(kinds[start:end], start=1):
                choice = used[kind].pop(0) if used[kind] else rng.randrange(len(TEMPLATES[kind]))
                question = self.question(survey_id, section_id, q_position, kind,
                                         TEMPLATES[kind][choice], subject, place)  # fmt: skip
                question["section"] = position
                questions.append(question)
        # A few questions of later sections are shown only after some choices of an earlier one.
        if conditional:
            sources = [q for q in questions if q["kind"].is_choice and q["section"] < n_sections]
            for source in sources[: 2 if full else 1]:
                later = [
                    q
                    for q in questions
                    if q["section"] > source["section"] and q["condition"] is None
                    and q not in sources
                ]  # fmt: skip
                if not later:
                    continue
                target = rng.choice(later)
                chosen = rng.sample(source["options"], rng.randint(1, 2))
                target["condition"] = (source["id"], frozenset(chosen))
                for option_id in chosen:
                    self.conditions.append((target["id"], option_id))
        for q in questions:
            self.questions.append(
                (q["id"], survey_id, q["section_id"], q["position"], q["kind"].value, q["prompt"],
                 "", q["required"], q["other"], q["min"], q["max"], q["scale"][0], q["scale"][1],
                 q["labels"][0], q["labels"][1], q["condition"][0] if q["condition"] else None)
            )  # fmt: skip
        return questions

    def question(self, survey_id, section_id, position, kind, template, subject, place):
        rng = self.rng
        prompt = template if isinstance(template, str) else template[0]
        q = {
            "id": self.take(SurveyQuestion), "section_id": section_id, "position": position,
            "kind": kind, "prompt": prompt.format(s=subject, place=place)[:300],
            "required": False, "other": False, "min": None, "max": None, "scale": (None, None),
            "labels": ("", ""), "condition": None, "options": [], "rows": [], "weights": None,
        }  # fmt: skip
        if kind.is_choice:
            q["other"] = rng.random() < 0.35
            q["required"] = kind is K.SINGLE_CHOICE and rng.random() < 0.6
            self.add_options(q, template[1])
            if kind is K.MULTIPLE_CHOICE and rng.random() < 0.7:
                q["min"] = rng.choice((None, 1))
                q["max"] = rng.randint(2, 3)
                q["required"] = q["min"] is not None
        elif kind is K.RANKING:
            self.add_options(q, template[1])
        elif kind is K.MATRIX:
            self.add_options(q, template[2])
            for r_position, label in enumerate(template[1], start=1):
                row_id = self.take(SurveyOption)
                self.options.append((row_id, q["id"], r_position, label, True))
                q["rows"].append(row_id)
            q["weights"] = [self.popularity(len(q["options"])) for _ in q["rows"]]
            q["required"] = rng.random() < 0.3
        elif kind is K.SCALE:
            _prompt, (low, high), low_label, high_label = template
            q["scale"], q["labels"] = (low, high), (low_label, high_label)
            q["required"] = rng.random() < 0.5
            q["weights"] = self.popularity(high - low + 1, skew=True)
        elif kind is K.NUMBER:
            q["top"] = template[1]
        return q

    def add_options(self, q, labels):
        for o_position, label in enumerate(labels, start=1):
            option_id = self.take(SurveyOption)
            self.options.append((option_id, q["id"], o_position, label, False))
            q["options"].append(option_id)
        if q["weights"] is None:
            q["weights"] = self.popularity(len(labels))

    def popularity(self, n, skew=False):
        """How often each choice is picked: uneven, and for a scale peaked around one value."""
        rng = self.rng
        if skew:
            peak = rng.uniform(0.3, 0.9) * (n - 1)
            return [1.0 / (1.0 + abs(v - peak)) ** 1.5 for v in range(n)]
        return [rng.paretovariate(1.5) for _ in range(n)]

    # Responses -------------------------------------------------------------------------------

    def responses(self, survey_id, questions, dates, submitted, drafts, anonymous, quoting):
        """`submitted` sent responses and `drafts` unsent ones, one per account; return when
        the first was started (the survey's `locked_at`), or None."""
        rng, city = self.rng, self.city
        if not submitted + drafts:
            return None
        accounts = city.sample_accounts(submitted + drafts)
        start, last = dates["opens"], dates["last"]
        sections = max(q["section"] for q in questions)
        long_texts = []  # where the submitted long texts are in self.answers, for quotations
        first = None
        for position, account_id in enumerate(accounts):
            response_id = self.take(SurveyResponse)
            is_draft = position >= submitted
            moment = between(rng, start, last, 1.6)
            started = max(start, moment - rng.uniform(120, 1800))
            first = started if first is None else min(first, started)
            reached = rng.randint(1, sections) if is_draft else sections
            self.response_rows.append(
                (
                    response_id,
                    survey_id,
                    respondent_key(survey_id, account_id),
                    None if anonymous else account_id,
                    self.section_of(questions, reached),
                    None if is_draft else moment,
                    started,
                    moment,
                )  # fmt: skip
            )
            answered = reached if not is_draft else reached - 1
            shown = [q for q in questions if q["section"] <= answered]
            self.answer(response_id, shown, None if is_draft else long_texts)
        if quoting:  # the organisers picked a few long texts between closing and publishing
            closed, published = dates["closed"], dates["published"]
            for i in rng.sample(long_texts, min(len(long_texts), rng.randint(3, 6))):
                row = self.answers[i]
                quoted = closed + rng.uniform(0.2, 0.9) * (published - closed)
                self.answers[i] = (*row[:9], quoted, *row[10:])
        return first

    @staticmethod
    def section_of(questions, position):
        return next(q["section_id"] for q in questions if q["section"] == position)

    def answer(self, response_id, questions, long_texts=None):
        """The answer rows of one response to `questions` (its sections reached, in order);
        where its long texts are go to `long_texts`, if given."""
        rng, rows = self.rng, self.answers
        chosen = {}  # question id -> option ids picked, for the conditions
        for q in questions:
            condition = q["condition"]
            if condition is not None and not (chosen.get(condition[0], frozenset()) & condition[1]):
                continue  # not shown
            kind = q["kind"]
            if not q["required"] and rng.random() < (0.55 if kind.is_text else 0.08):
                continue  # left blank
            question_id = q["id"]
            if kind is K.SINGLE_CHOICE:
                if q["other"] and rng.random() < 0.06:
                    rows.append(self.row(response_id, question_id, text=rng.choice(OTHER_ANSWERS),
                                         other=True))  # fmt: skip
                    chosen[question_id] = frozenset()
                else:
                    option_id = rng.choices(q["options"], weights=q["weights"])[0]
                    rows.append(self.row(response_id, question_id, option=option_id))
                    chosen[question_id] = frozenset((option_id,))
            elif kind is K.MULTIPLE_CHOICE:
                count = len(q["options"])
                low, high = q["min"] or 1, q["max"] or count
                wanted = rng.randint(low, high) if q["max"] else 1 + int(rng.expovariate(0.9))
                picked = self.ordered(q["options"], q["weights"])[: min(wanted, high)]
                for option_id in picked:
                    rows.append(self.row(response_id, question_id, option=option_id))
                if q["other"] and len(picked) < high and rng.random() < 0.08:
                    rows.append(self.row(response_id, question_id, text=rng.choice(OTHER_ANSWERS),
                                         other=True))  # fmt: skip
                chosen[question_id] = frozenset(picked)
            elif kind is K.RANKING:
                for rank, option_id in enumerate(self.ordered(q["options"], q["weights"]), 1):
                    rows.append(self.row(response_id, question_id, option=option_id, rank=rank))
            elif kind is K.MATRIX:
                for row_id, weights in zip(q["rows"], q["weights"], strict=True):
                    option_id = rng.choices(q["options"], weights=weights)[0]
                    rows.append(self.row(response_id, question_id, option=option_id, row=row_id))
            elif kind is K.SCALE:
                low, high = q["scale"]
                value = rng.choices(range(low, high + 1), weights=q["weights"])[0]
                rows.append(self.row(response_id, question_id, number=float(value)))
            elif kind is K.NUMBER:
                value = min(q["top"], int(rng.expovariate(3 / q["top"])) + 1)
                rows.append(self.row(response_id, question_id, number=float(value)))
            elif kind is K.SHORT_TEXT:
                rows.append(self.row(response_id, question_id, text=rng.choice(SHORT_ANSWERS)))
            else:
                text = " ".join(rng.sample(words.COMMENTS + words.SUGGESTIONS, rng.randint(1, 3)))
                if long_texts is not None:
                    long_texts.append(len(rows))
                rows.append(self.row(response_id, question_id, text=text))

    def ordered(self, options, weights):
        """The options in a weighted random order (the popular ones first, mostly)."""
        rng = self.rng
        keys = [rng.random() ** (1.0 / w) for w in weights]
        return [o for _key, o in sorted(zip(keys, options, strict=True), reverse=True)]

    def row(self, response_id, question_id, option=None, row=None, rank=None, number=None,
            text=None, other=False):  # fmt: skip
        return (self.take(SurveyAnswer), response_id, question_id, option, row, rank, number,
                text, other, None, False, "")  # fmt: skip

    def flush(self):
        city = self.city
        city.write(SurveySection, ["id", "survey_id", "position", "title", "description"],
                   self.sections)  # fmt: skip
        city.write(
            SurveyQuestion,
            ["id", "survey_id", "section_id", "position", "kind", "prompt", "help_text",
             "is_required", "has_other", "min_choices", "max_choices", "scale_min", "scale_max",
             "low_label", "high_label", "condition_question_id"],
            self.questions,
        )  # fmt: skip
        city.write(SurveyOption, ["id", "question_id", "position", "label", "is_row"],
                   self.options)  # fmt: skip
        city.write(survey_condition_option, ["question_id", "option_id"], self.conditions)
        city.write(
            SurveyResponse,
            ["id", "survey_id", "respondent_key", "user_id", "section_id", "submitted_at",
             "created_at", "updated_at"],
            self.response_rows,
        )  # fmt: skip
        city.write(
            SurveyAnswer,
            ["id", "response_id", "question_id", "option_id", "row_option_id", "rank", "number",
             "text", "is_other", "quoted_at", "is_hidden", "hidden_reason"],
            self.answers,
        )  # fmt: skip
