"""Experiments on the problems the lab took up, their organisers and sign-ups (confirmed up
to capacity, the rest waiting)."""

from bench import words
from bench.city.base import DAY, allocate, between, power_law
from bench.city.problems import WITH_EXPERIMENTS
from platform.experiments.models import Experiment, SignUp, experiment_organiser


def write_experiments(city):
    rng = city.rng
    problem = city.problem
    n = city.sizes["experiments"]
    at_stage = [
        i for i, s in enumerate(problem["status"]) if s in WITH_EXPERIMENTS and problem["listed"][i]
    ]
    pool = at_stage or [i for i, ok in enumerate(problem["listed"]) if ok]
    methods = list(words.METHOD_TITLES)
    ids = list(city.ids(Experiment, n))
    statuses = rng.choices(["draft", "open", "closed", "completed"], weights=[5, 40, 20, 35], k=n)
    capacities = [rng.randint(8, 60) for _ in range(n)]
    caps = [
        0 if s == "draft" else c if s == "completed" else c + c // 2
        for s, c in zip(statuses, capacities, strict=True)
    ]
    caps = [min(cap, len(city.account_ids)) for cap in caps]
    sign_ups = allocate(city.sizes["sign_ups"], power_law(n, rng, 1.5), caps, rng)
    experiment_rows, organisers, sign_up_rows = [], [], []
    next_sign_up = city.writer.next_id(SignUp.__table__)
    best = None
    for k, experiment_id in enumerate(ids):
        i = rng.choice(pool)
        status, capacity = statuses[k], capacities[k]
        method = rng.choice(methods)
        version_id = None
        if method == "prototype_test" and city.versions:
            version_id = rng.choice(city.versions)[0]
        if status in ("draft", "open"):
            starts = city.now + rng.uniform(2, 60) * DAY
        elif status == "closed":
            starts = city.now + rng.uniform(-10, 5) * DAY
        else:
            starts = city.now - rng.uniform(30, 700) * DAY
        ends = starts + rng.choice((2 / 24, 3 / 24, 1, 7, 30)) * DAY
        created = starts - rng.uniform(20, 60) * DAY
        opened = None if status == "draft" else created + DAY
        results = (
            "Les participantes et participants ont confirmé l'intérêt de la solution."
            if status == "completed"
            else ""
        )
        subject, _capital = city.subject(problem["theme"][i])
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
        for organiser in rng.sample(city.agents, min(len(city.agents), rng.randint(1, 2))):
            organisers.append((experiment_id, organiser))
        last = min(starts, city.now)
        moments = sorted(between(rng, opened or created, last) for _ in range(sign_ups[k]))
        for position, (user_id, moment) in enumerate(
            zip(city.sample_accounts(sign_ups[k]), moments, strict=False)
        ):
            state = "confirmed" if position < capacity else "waiting"
            sign_up_rows.append((next_sign_up, experiment_id, user_id, state, moment, None))
            next_sign_up += 1
        if status == "open" and (best is None or sign_ups[k] > best[1]):
            best = (experiment_id, sign_ups[k])
    city.write(
        Experiment,
        ["id", "idea_id", "prototype_version_id", "method", "title", "description",
         "involvement", "location", "is_online", "starts_at", "ends_at", "capacity", "status",
         "participants_count", "waiting_count", "opened_at", "results",
         "results_published_at", "is_hidden", "created_at", "updated_at"],
        experiment_rows,
    )  # fmt: skip
    city.write(experiment_organiser, ["experiment_id", "user_id"], organisers)
    city.write(
        SignUp,
        ["id", "experiment_id", "user_id", "status", "created_at", "promoted_at"],
        sign_up_rows,
    )
    city.manifest["experiment"] = best[0] if best else ids[0]
