"""Rows turned into the API's JSON objects and CSV rows, as `openapi.py` describes them.

Only what the public pages show: display names (pseudonyms chosen by the people themselves),
never an e-mail address, an account id or a participant's name; no comment or feedback text.
The data is the same in every language: names of themes and districts come in all three.
"""

from datetime import UTC

from flask import url_for

from platform.taxonomy.models import NamedInEveryLanguage

LANGUAGES = ("fr", "en", "es")


def iso(moment):
    """A UTC date-time in RFC 3339 (`2025-01-31T08:00:00Z`), or None."""
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def named(item: NamedInEveryLanguage | None):
    if item is None:
        return None
    return {
        "slug": item.slug,
        "name": {lang: getattr(item, f"name_{lang}") for lang in LANGUAGES},
    }


def person(user):
    """How the pages name someone: their display name; None for a deleted account."""
    return {"display_name": user.display_name} if user is not None else None


def problem_data(problem, prototype_ids=(), experiment_ids=()):
    return {
        "id": problem.id,
        "url": url_for("ideas.show", problem_id=problem.id, _external=True),
        "title": problem.title,
        "description": problem.description,
        "status": problem.status.value,
        "theme": named(problem.theme),
        "district": named(problem.district),
        "author": person(problem.author),
        "supports_count": problem.supports_count,
        "comments_count": problem.comments_count,
        "followers_count": problem.followers_count,
        "merged_into_id": problem.merged_into_id,
        "prototype_ids": list(prototype_ids),
        "experiment_ids": list(experiment_ids),
        "created_at": iso(problem.created_at),
        "updated_at": iso(problem.updated_at),
    }


def timeline_entry(event):
    """One event of a problem's story (`platform.timeline`) as the API tells it."""
    entry = {"at": iso(event.at), "kind": event.kind}
    item = event.subject
    if event.kind == "proposed":
        entry["actor"] = person(item.author)
    elif event.kind == "status_changed":
        entry |= {
            "from_status": item.from_status.value,
            "status": item.to_status.value,
            "note": item.note,
            "actor": person(item.actor),
        }
    elif event.kind == "duplicate_merged_in":
        entry["problem_id"] = item.id
    elif event.kind in ("experiment_opened", "results_published"):
        entry["experiment_id"] = item.id
    elif event.kind in ("survey_opened", "survey_results_published"):
        entry["survey_id"] = item.id
    elif event.kind == "prototype_version_published":
        prototype, version = item
        entry |= {"prototype_id": prototype.id, "version": version.number}
    return entry


def problem_detail(problem, story):
    prototype_ids = sorted(prototype.id for prototype in story.items("prototypes"))
    experiment_ids = sorted(experiment.id for experiment in story.items("experiments"))
    data = problem_data(problem, prototype_ids, experiment_ids)
    data["timeline"] = [timeline_entry(event) for event in story.events]
    return data


def version_data(prototype, version):
    # The first version is published with the prototype; later ones when they are added.
    published = prototype.published_at if version.number == 1 else version.created_at
    average = version.average_rating
    return {
        "number": version.number,
        "published_at": iso(published),
        "changes": version.changes,
        "feedbacks_count": version.feedbacks_count,
        "average_rating": round(average, 2) if average is not None else None,
    }


def prototype_data(prototype, versions):
    return {
        "id": prototype.id,
        "url": url_for("prototypes.show", prototype_id=prototype.id, _external=True),
        "problem_id": prototype.problem_id,
        "title": prototype.title,
        "summary": prototype.summary,
        "description": prototype.description,
        "status": prototype.status.value,
        "versions_count": prototype.versions_count,
        "feedbacks_count": sum(version.feedbacks_count for version in versions),
        "comments_count": prototype.comments_count,
        "versions": [version_data(prototype, version) for version in versions],
        "published_at": iso(prototype.published_at),
        "updated_at": iso(prototype.updated_at),
        "closed_at": iso(prototype.closed_at),
    }


def experiment_data(experiment, tested_versions):
    tested = tested_versions.get(experiment.prototype_version_id)
    return {
        "id": experiment.id,
        "url": url_for("experiments.show", experiment_id=experiment.id, _external=True),
        "calendar_url": url_for(
            "experiments.calendar", experiment_id=experiment.id, _external=True
        ),
        "problem_id": experiment.problem_id,
        "title": experiment.title,
        "method": experiment.method.value,
        "status": experiment.status.value,
        "description": experiment.description,
        "involvement": experiment.involvement,
        "location": experiment.location,
        "is_online": experiment.is_online,
        "starts_at": iso(experiment.starts_at),
        "ends_at": iso(experiment.ends_at),
        "capacity": experiment.capacity,
        "participants_count": experiment.participants_count,
        "waiting_count": experiment.waiting_count,
        "places_left": experiment.places_left,
        "prototype_version": (
            {"prototype_id": tested[0], "number": tested[1]} if tested is not None else None
        ),
        "opened_at": iso(experiment.opened_at),
        "results": experiment.results if experiment.results_published_at else None,
        "results_published_at": iso(experiment.results_published_at),
        "updated_at": iso(experiment.updated_at),
    }


def survey_data(survey):
    return {
        "id": survey.id,
        "url": url_for("surveys.show", survey_id=survey.id, _external=True),
        "problem_id": survey.problem_id,
        "prototype_id": survey.prototype_id,
        "title": survey.title,
        "introduction": survey.introduction,
        "status": survey.status.value,
        "phase": survey.phase.value,
        "is_anonymous": survey.is_anonymous,
        "opens_at": iso(survey.opens_at),
        "closes_at": iso(survey.closes_at),
        "responses_count": survey.responses_count,
        "results_published_at": iso(survey.results_published_at),
        "created_at": iso(survey.created_at),
        "updated_at": iso(survey.updated_at),
    }


def _question_data(question):
    return {
        "id": question.id,
        "prompt": question.prompt,
        "help_text": question.help_text,
        "kind": question.kind.value,
        "is_required": question.is_required,
        "has_other": question.has_other,
        "min_choices": question.min_choices,
        "max_choices": question.max_choices,
        "scale_min": question.scale_min,
        "scale_max": question.scale_max,
        "low_label": question.low_label,
        "high_label": question.high_label,
        "options": [{"id": o.id, "label": o.label} for o in question.options],
        "rows": [{"id": o.id, "label": o.label} for o in question.rows],
        "condition": (
            {
                "question_id": question.condition_question_id,
                "option_ids": sorted(o.id for o in question.condition_options),
            }
            if question.condition_question_id
            else None
        ),
    }


def survey_detail(survey, sections, results):
    """A survey with its questionnaire and, once published, its aggregated results (never a
    free text that was not published as a quotation, never who answered what)."""
    return {
        **survey_data(survey),
        "results_note": survey.results_note if survey.is_published else None,
        "sections": [
            {
                "position": section.position,
                "title": section.title,
                "description": section.description,
                "questions": [_question_data(question) for question in section.questions],
            }
            for section in sections
        ],
        "results": results,
    }


def last_modified(rows):
    """The newest creation or change among `rows`, for the Last-Modified header."""
    moments = [moment for row in rows for moment in (row.created_at, row.updated_at) if moment]
    return max(moments, default=None)


# CSV: the same objects, flattened to one row each. ------------------------------------------


def _name(field, lang):
    return lambda data: (data[field] or {}).get("name", {}).get(lang)


def _slug(field):
    return lambda data: (data[field] or {}).get("slug")


def _plain(field):
    return lambda data: data[field]


PROBLEM_COLUMNS = {
    "id": _plain("id"),
    "url": _plain("url"),
    "title": _plain("title"),
    "description": _plain("description"),
    "status": _plain("status"),
    "theme": _slug("theme"),
    **{f"theme_name_{lang}": _name("theme", lang) for lang in LANGUAGES},
    "district": _slug("district"),
    **{f"district_name_{lang}": _name("district", lang) for lang in LANGUAGES},
    "author": lambda data: (data["author"] or {}).get("display_name"),
    "supports_count": _plain("supports_count"),
    "comments_count": _plain("comments_count"),
    "followers_count": _plain("followers_count"),
    "merged_into_id": _plain("merged_into_id"),
    "created_at": _plain("created_at"),
    "updated_at": _plain("updated_at"),
}

PROTOTYPE_COLUMNS = {
    name: _plain(name)
    for name in (
        "id", "url", "problem_id", "title", "summary", "description", "status", "versions_count",
        "feedbacks_count", "comments_count", "published_at", "updated_at", "closed_at",
    )
}  # fmt: skip
PROTOTYPE_COLUMNS["latest_average_rating"] = lambda data: (
    data["versions"][-1]["average_rating"] if data["versions"] else None
)

SURVEY_COLUMNS = {
    name: _plain(name)
    for name in (
        "id", "url", "problem_id", "prototype_id", "title", "status", "phase", "is_anonymous",
        "opens_at", "closes_at", "responses_count", "results_published_at", "created_at",
        "updated_at",
    )
}  # fmt: skip

EXPERIMENT_COLUMNS = {
    name: _plain(name)
    for name in (
        "id", "url", "problem_id", "title", "method", "status", "description", "involvement",
        "location", "is_online", "starts_at", "ends_at", "capacity", "participants_count",
        "waiting_count", "places_left", "opened_at", "results", "results_published_at",
        "updated_at",
    )
}  # fmt: skip


def stats_data(figures, themes, districts):
    """The public figures of `platform.transparency.figures`, with themes and districts named in
    every language like elsewhere in the API."""

    def by(rows, key, named_items):
        return [{key: named(named_items.get(row["slug"])), **_counts(row)} for row in rows]

    return {
        "totals": figures["totals"],
        "participation_by_month": figures["participation_by_month"],
        "by_theme": by(figures["by_theme"], "theme", themes),
        "by_district": by(figures["by_district"], "district", districts),
        "funnel": [
            {"stage": str(row["stage"]), "problems": row["problems"]} for row in figures["funnel"]
        ],
        "experiments_by_method": [
            {**row, "method": str(row["method"])} for row in figures["experiments_by_method"]
        ],
        "surveys": figures["surveys"],
    }


def _counts(row):
    return {"problems": row["problems"], "supports": row["supports"], "comments": row["comments"]}
