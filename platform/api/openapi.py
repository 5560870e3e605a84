"""The OpenAPI 3.1 document of the open data API, served at /api/openapi.json.

Written as Python data next to the code it describes; its schemas are in `schemas.py`.
"""

from platform.api import params, services
from platform.api.schemas import ID, SCHEMAS, STRING, ref

LICENCE = {"name": "Licence Ouverte / Open Licence 2.0 (Etalab)", "identifier": "etalab-2.0"}


# Parameters ---------------------------------------------------------------------------------


def query(name, schema, description):
    return {"name": name, "in": "query", "required": False, "schema": schema,
            "description": description}  # fmt: skip


SINCE = {"type": "string", "examples": ["2025-01-31", "2025-01-31T08:00:00Z"]}
PARAMETERS = {
    "limit": query(
        "limit",
        {
            "type": "integer",
            "minimum": 1,
            "maximum": params.MAX_LIMIT,
            "default": params.DEFAULT_LIMIT,
        },
        "Items per page.",
    ),
    "cursor": query("cursor", STRING, "Opaque: take it from `links.next` of the previous page."),
    "lang": query(
        "lang", {"type": "string", "enum": ["fr", "en", "es"]}, "Language of error messages."
    ),
    "theme": query("theme", STRING, "A theme's slug."),
    "district": query("district", STRING, "A district's slug."),
    "problem_status": query(
        "status",
        {"type": "string", "enum": services.PROBLEM_STATUSES},
        "Problems at this stage.",
    ),
    "created_since": query("created_since", SINCE, "Created at or after (ISO 8601; UTC if bare)."),
    "updated_since": query("updated_since", SINCE, "Changed at or after (ISO 8601; UTC if bare)."),
    "problem": query("problem", ID, "Only those of this problem (its id)."),
    "idea": {
        **query("idea", ID, "Former name of `problem`, still accepted."),
        "deprecated": True,
    },
    "prototype_status": query(
        "status", {"type": "string", "enum": services.PROTOTYPE_STATUSES}, "Open or closed."
    ),
    "method": query("method", {"type": "string", "enum": services.METHODS}, "Method used."),
    "months": query(
        "months",
        {
            "type": "integer",
            "minimum": 1,
            "maximum": params.MAX_MONTHS,
            "default": params.DEFAULT_MONTHS,
        },
        "Months of participation_by_month, the current one included.",
    ),
    "experiment_status": query(
        "status", {"type": "string", "enum": services.EXPERIMENT_STATUSES}, "Stage of sign-up."
    ),
    "survey_status": query(
        "status",
        {"type": "string", "enum": services.SURVEY_STATUSES},
        "Open, closed, or with published results.",
    ),
}


def parameters(*names):
    return [{"$ref": f"#/components/parameters/{name}"} for name in names]


PROBLEM_FILTERS = ("theme", "district", "problem_status", "created_since", "updated_since")
PROTOTYPE_FILTERS = ("problem", "idea", "prototype_status", "created_since", "updated_since")
EXPERIMENT_FILTERS = (
    "problem", "idea", "method", "experiment_status", "created_since", "updated_since",
)  # fmt: skip
SURVEY_FILTERS = ("problem", "survey_status", "created_since", "updated_since")
PAGING = ("limit", "cursor", "lang")


# Responses ----------------------------------------------------------------------------------

CACHING_HEADERS = {
    "ETag": {"description": "Strong hash of the body.", "schema": STRING},
    "Last-Modified": {"description": "Newest change among the items.", "schema": STRING},
    "Cache-Control": {"schema": STRING, "example": "public, max-age=60"},
}


def json_response(schema, description):
    return {
        "description": description,
        "headers": CACHING_HEADERS,
        "content": {"application/json": {"schema": ref(schema)}},
    }


def error_response(description):
    return {"description": description, "content": {"application/json": {"schema": ref("Error")}}}


NOT_MODIFIED = {"description": "Not modified since the ETag or date the client sent."}
BAD_REQUEST = error_response("Unknown parameter, or a value that is not valid.")


def collection(tag, summary, schema, filters):
    return {
        "get": {
            "tags": [tag],
            "summary": summary,
            "parameters": parameters(*filters, *PAGING),
            "responses": {
                "200": json_response(schema, "One page, ordered by id."),
                "304": NOT_MODIFIED,
                "400": BAD_REQUEST,
            },
        }
    }


def export(tag, summary, filters):
    return {
        "get": {
            "tags": [tag],
            "summary": summary,
            "description": "Every matching item, one row each, UTF-8 with a byte-order mark. "
            "Text starting with = + - @ is prefixed with ' so that spreadsheets do not run it.",
            "parameters": parameters(*filters, "lang"),
            "responses": {
                "200": {
                    "description": "CSV with a header row.",
                    "content": {"text/csv": {"schema": STRING}},
                },
                "400": BAD_REQUEST,
            },
        }
    }


PATHS = {
    "/api/v1/ideas": collection("problems", "Published problems", "ProblemPage", PROBLEM_FILTERS),
    "/api/v1/ideas.csv": export("problems", "Published problems as CSV", PROBLEM_FILTERS),
    "/api/v1/ideas/{problem_id}": {
        "get": {
            "tags": ["problems"],
            "summary": "One problem with its timeline",
            "description": "Withdrawn and merged problems can be read here, as on their page; "
            "problems hidden by moderation or awaiting it cannot.",
            "parameters": [
                {"name": "problem_id", "in": "path", "required": True, "schema": ID},
                *parameters("lang"),
            ],
            "responses": {
                "200": json_response("ProblemResponse", "The problem."),
                "304": NOT_MODIFIED,
                "400": BAD_REQUEST,
                "404": error_response("No problem with this id can be read."),
            },
        }
    },
    "/api/v1/prototypes": collection(
        "prototypes", "Published prototypes", "PrototypePage", PROTOTYPE_FILTERS
    ),
    "/api/v1/prototypes.csv": export(
        "prototypes", "Published prototypes as CSV", PROTOTYPE_FILTERS
    ),
    "/api/v1/experiments": collection(
        "experiments", "Published experiments", "ExperimentPage", EXPERIMENT_FILTERS
    ),
    "/api/v1/experiments.csv": export(
        "experiments", "Published experiments as CSV", EXPERIMENT_FILTERS
    ),
    "/api/v1/surveys": collection("surveys", "Surveys", "SurveyPage", SURVEY_FILTERS),
    "/api/v1/surveys/{survey_id}": {
        "get": {
            "tags": ["surveys"],
            "summary": "One survey with its questionnaire and, once published, its results",
            "parameters": [
                {"name": "survey_id", "in": "path", "required": True, "schema": ID},
                *parameters("lang"),
            ],
            "responses": {
                "200": json_response("SurveyResponse", "The survey."),
                "304": NOT_MODIFIED,
                "400": BAD_REQUEST,
                "404": error_response("No survey with this id can be read."),
            },
        }
    },
    "/api/v1/stats": {
        "get": {
            "tags": ["stats"],
            "summary": "Participation figures",
            "parameters": parameters("months", "lang"),
            "responses": {
                "200": json_response("Stats", "The figures."),
                "304": NOT_MODIFIED,
                "400": BAD_REQUEST,
            },
        }
    },
}

DESCRIPTION = """\
What the platform's public pages show, as data: problems proposed by citizens and city agents,
the lab's prototypes, experiments and surveys (with their published results), and figures about
participation. Read-only, no sign-in.

No personal data: people appear only under the display name they chose (null for a deleted
account); e-mail addresses, participants' names, comments and testers' feedback are never
published; survey results are aggregates, with only the quotations the lab chose to publish.
Content hidden by moderation, awaiting moderation, or still a draft is left out.

Lists are pages of at most 100 items ordered by id; follow `links.next` until it is null.
Responses carry an ETag (send it back in If-None-Match for a 304) and Last-Modified, and may
be cached for 60 seconds.
"""


def openapi_document():
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Open data API",
            "version": "1.2.0",
            "description": DESCRIPTION,
            "license": LICENCE,
        },
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "paths": PATHS,
        "components": {"schemas": SCHEMAS, "parameters": PARAMETERS},
        "tags": [
            {"name": name} for name in ("problems", "prototypes", "experiments", "surveys", "stats")
        ],
    }
