"""Endpoints of the open data API: pages of JSON, one problem, CSV exports, the OpenAPI document.

GET only, the same answer for everyone (who is signed in is never looked at), so responses are
publicly cacheable: a strong ETag of the body, Last-Modified, and 304 to conditional requests.
"""

import hashlib
import json

from flask import Response, request, url_for
from flask_babel import lazy_gettext as _l

from platform.api import bp, params, services
from platform.api.exports import csv_response
from platform.api.openapi import openapi_document
from platform.api.params import ApiError
from platform.api.serializers import (
    EXPERIMENT_COLUMNS,
    PROBLEM_COLUMNS,
    PROTOTYPE_COLUMNS,
    experiment_data,
    last_modified,
    problem_data,
    problem_detail,
    prototype_data,
    stats_data,
    survey_data,
    survey_detail,
)
from platform.errors import api_error
from platform.experiments.models import Experiment
from platform.ideas.filters import ProblemFilters
from platform.ideas.models import Problem
from platform.prototypes.models import Prototype
from platform.surveys import results as survey_results
from platform.surveys import services as survey_services
from platform.surveys.models import Survey
from platform.taxonomy.services import list_districts, list_themes
from platform.transparency import figures

PAGING = {"limit", "cursor"}
PROBLEM_FILTERS = {"theme", "district", "status", "created_since", "updated_since"}
# `idea` is the former name of the `problem` filter, still accepted (docs/api.md, changelog).
PROTOTYPE_FILTERS = {"problem", "idea", "status", "created_since", "updated_since"}
EXPERIMENT_FILTERS = {"problem", "idea", "method", "status", "created_since", "updated_since"}
SURVEY_FILTERS = {"problem", "status", "created_since", "updated_since"}
MAX_AGE = 60


@bp.errorhandler(ApiError)
def refuse(error):
    return api_error(error.status, error.code, error.message)


@bp.after_request
def open_to_every_origin(response):
    """Open data: any web page may read it from the browser (nothing here needs a cookie)."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def cached_json(body, modified=None):
    """A JSON response with validators; 304 when the client's copy is still the current one.

    Only the ETag decides a 304: counters (supports, comments, participants) change without
    changing an item's `updated_at`, so `If-Modified-Since` alone could keep a stale copy.
    Last-Modified is set after the check, as information.
    """
    payload = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    response = Response(payload, mimetype="application/json")
    response.set_etag(hashlib.sha256(payload).hexdigest())
    response.cache_control.public = True
    response.cache_control.max_age = MAX_AGE
    response = response.make_conditional(request)
    if modified is not None:
        response.last_modified = modified
    return response


def page_response(data, rows, more, limit):
    cursor = params.encode_cursor(rows[-1].id) if more else None
    next_url = None
    if cursor:
        args = {**request.args.to_dict(), "cursor": cursor}
        next_url = url_for(request.endpoint, **args, _external=True)
    body = {
        "data": data,
        "meta": {"limit": limit, "count": len(data), "next_cursor": cursor},
        "links": {"self": request.url, "next": next_url},
    }
    return cached_json(body, last_modified(rows))


# Filters ------------------------------------------------------------------------------------


def problem_filter():
    """The id of a problem a visitor can read, named by `problem` (or by its former name `idea`),
    or None when absent."""
    if params.text("problem") and params.text("idea"):
        raise params.invalid(_l("Give “problem” only: “idea” is its former name."))
    problem_id = params.identifier("idea" if params.text("idea") else "problem")
    if problem_id is not None and services.visible_problem(problem_id) is None:
        raise params.invalid(_l("No published problem has the id %(id)s.", id=problem_id))
    return problem_id


def dated(query, model):
    return services.since(
        query,
        model,
        created_since=params.since("created_since"),
        updated_since=params.since("updated_since"),
    )


def problems_selection():
    """The problems the filters name; the list page reads the same filters (`ProblemFilters`)."""
    filters = ProblemFilters.parse(
        request.args, themes=list_themes, districts=list_districts, with_paging=False
    )
    if filters.refused:
        raise params.refused(filters.refused[0])
    return dated(services.problems_query(filters), Problem)


def prototypes_selection():
    query = services.prototypes_query(
        problem_id=problem_filter(),
        status=params.choice("status", services.PROTOTYPE_STATUSES),
    )
    return dated(query, Prototype)


def experiments_selection():
    query = services.experiments_query(
        problem_id=problem_filter(),
        method=params.choice("method", services.METHODS),
        status=params.choice("status", services.EXPERIMENT_STATUSES),
    )
    return dated(query, Experiment)


def surveys_selection():
    query = services.surveys_query(
        problem_id=problem_filter(), status=params.choice("status", services.SURVEY_STATUSES)
    )
    return dated(query, Survey)


# Representations of a batch of rows (a page, or a slice of an export) ----------------------


def problems_data(problems):
    prototype_ids, experiment_ids = services.linked_ids(problems)
    return [
        problem_data(problem, prototype_ids[problem.id], experiment_ids[problem.id])
        for problem in problems
    ]


def prototypes_data(prototypes):
    versions = services.versions_of(prototypes)
    return [prototype_data(prototype, versions[prototype.id]) for prototype in prototypes]


def experiments_data(experiments):
    tested = services.tested_versions(experiments)
    return [experiment_data(experiment, tested) for experiment in experiments]


FILTERS = {
    Problem: PROBLEM_FILTERS,
    Prototype: PROTOTYPE_FILTERS,
    Experiment: EXPERIMENT_FILTERS,
    Survey: SURVEY_FILTERS,
}


def paged(selection, model, represent):
    params.check_names(FILTERS[model] | PAGING)
    query = selection()
    limit = params.limit()
    rows, more = services.page_of(query, model, after=params.after_id(), limit=limit)
    return page_response(represent(rows), rows, more, limit)


def exported(name, selection, model, represent, columns):
    params.check_names(FILTERS[model])
    query = selection()  # checked before the first byte is sent: bad filters still answer 400
    batches = (represent(rows) for rows in services.batches_of(query, model))
    return csv_response(name, columns, batches)


# Endpoints ----------------------------------------------------------------------------------


@bp.route("/openapi.json")
def openapi():
    params.check_names(set())
    return cached_json(openapi_document())


@bp.route("/v1/ideas")
def problems():
    return paged(problems_selection, Problem, problems_data)


@bp.route("/v1/ideas.csv")
def problems_csv():
    # The export has no columns for linked items: no need to read them.
    return exported(
        "ideas", problems_selection, Problem, lambda rows: map(problem_data, rows), PROBLEM_COLUMNS
    )


@bp.route("/v1/ideas/<int:problem_id>")
def problem(problem_id):
    params.check_names(set())
    found = services.visible_problem(problem_id)
    if found is None:
        raise ApiError(
            404, "not_found", _l("No published problem has the id %(id)s.", id=problem_id)
        )
    story = services.story_of(found)
    modified = max([found.created_at, found.updated_at] + [event.at for event in story.events])
    return cached_json({"data": problem_detail(found, story)}, modified)


@bp.route("/v1/prototypes")
def prototypes():
    return paged(prototypes_selection, Prototype, prototypes_data)


@bp.route("/v1/prototypes.csv")
def prototypes_csv():
    return exported(
        "prototypes", prototypes_selection, Prototype, prototypes_data, PROTOTYPE_COLUMNS
    )


@bp.route("/v1/experiments")
def experiments():
    return paged(experiments_selection, Experiment, experiments_data)


@bp.route("/v1/experiments.csv")
def experiments_csv():
    return exported(
        "experiments", experiments_selection, Experiment, experiments_data, EXPERIMENT_COLUMNS
    )


@bp.route("/v1/surveys")
def surveys():
    return paged(surveys_selection, Survey, lambda rows: [survey_data(s) for s in rows])


@bp.route("/v1/surveys/<int:survey_id>")
def survey(survey_id):
    params.check_names(set())
    found = services.visible_survey(survey_id)
    if found is None:
        raise ApiError(404, "not_found", _l("No open survey has the id %(id)s.", id=survey_id))
    sections = survey_services.load_structure(found)
    results = None
    if found.is_published:
        results = survey_results.open_data(survey_results.survey_results(found))
    modified = max(m for m in (found.updated_at, found.results_published_at) if m)
    return cached_json({"data": survey_detail(found, sections, results)}, modified)


@bp.route("/v1/stats")
def stats():
    params.check_names({"months"})
    months = params.number("months", params.DEFAULT_MONTHS, params.MAX_MONTHS)
    result = {
        "totals": figures.participation_totals(),
        "participation_by_month": figures.participation_by_month(
            figures.recent_months(months), months
        ),
        "by_theme": figures.contributions_by_theme(),
        "by_district": figures.contributions_by_district(),
        "funnel": figures.funnel(),
        "experiments_by_method": figures.experiments_by_method(),
        "surveys": figures.survey_totals(),
    }
    themes = {theme.slug: theme for theme in list_themes()}
    districts = {district.slug: district for district in list_districts()}
    return cached_json({"data": stats_data(result, themes, districts)})
