"""JSON Schemas (2020-12) of what the API answers: the `components.schemas` of its OpenAPI
document. Objects have `additionalProperties: false` and every property required (null when
empty), so that the tests, which validate every response against them, catch a field they do not
describe."""

from platform.api import params, services
from platform.ideas.models import ProblemStatus
from platform.surveys.models import QuestionKind
from platform.transparency import figures

STRING = {"type": "string"}
COUNT = {"type": "integer", "minimum": 0}
ID = {"type": "integer", "minimum": 1}
BOOLEAN = {"type": "boolean"}
URL = {"type": "string", "format": "uri"}
MOMENT = {"type": "string", "format": "date-time", "description": "UTC, RFC 3339"}
# Lists show the stages of `services.PROBLEM_STATUSES`; a problem's own address also the others.
READABLE_PROBLEM_STATUSES = [s.value for s in ProblemStatus if s is not ProblemStatus.PENDING]


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema):
    if "$ref" in schema:
        return {"anyOf": [schema, {"type": "null"}]}
    return {**schema, "type": [schema["type"], "null"]}


def described(schema, description):
    return {**schema, "description": description}


def obj(properties, description=None, required=None):
    """An object whose properties are all present (unless `required` says otherwise)."""
    schema = {
        "type": "object",
        "properties": properties,
        "required": list(properties if required is None else required),
        "additionalProperties": False,
    }
    if description:
        schema["description"] = description
    return schema


def array(items):
    return {"type": "array", "items": items}


# Schemas ------------------------------------------------------------------------------------

NAMED = obj(
    {
        "slug": STRING,
        "name": obj({"fr": STRING, "en": STRING, "es": STRING}, "The name in each language."),
    },
    "A theme or district of the city.",
)
PERSON = obj(
    {"display_name": described(STRING, "The name the person chose to show; never an e-mail.")},
    "Someone as the public pages name them; null when the account was deleted.",
)

PROBLEM_PROPERTIES = {
    "id": ID,
    "url": described(URL, "Its public page."),
    "title": STRING,
    "description": described(STRING, "As written, in Markdown."),
    "status": {"type": "string", "enum": READABLE_PROBLEM_STATUSES},
    "theme": ref("Named"),
    "district": nullable(ref("Named")),
    "author": nullable(ref("Person")),
    "supports_count": COUNT,
    "comments_count": COUNT,
    "followers_count": COUNT,
    "merged_into_id": described(nullable(ID), "The problem it was merged into, as a duplicate."),
    "prototype_ids": array(ID),
    "experiment_ids": array(ID),
    "created_at": MOMENT,
    "updated_at": MOMENT,
}
PROBLEM = obj(PROBLEM_PROPERTIES, "A problem (an idea) proposed to the lab.")


def event(kind, description, **properties):
    return obj({"kind": {"const": kind}, "at": MOMENT, **properties}, description)


TIMELINE_EVENT = {
    "oneOf": [
        event("proposed", "The problem was proposed.", actor=nullable(ref("Person"))),
        event(
            "status_changed",
            "The problem moved to another stage, with the lab's public note.",
            from_status={"type": "string", "enum": [s.value for s in ProblemStatus]},
            status={"type": "string", "enum": [s.value for s in ProblemStatus]},
            note=STRING,
            actor=nullable(ref("Person")),
        ),
        event("duplicate_merged_in", "A duplicate was merged into this problem.", problem_id=ID),
        event("experiment_opened", "An experiment opened for sign-up.", experiment_id=ID),
        event("results_published", "An experiment's results were published.", experiment_id=ID),
        event("survey_opened", "A survey started taking answers.", survey_id=ID),
        event("survey_results_published", "A survey's results were published.", survey_id=ID),
        event(
            "prototype_version_published",
            "A prototype, or a new version of it, was published.",
            prototype_id=ID,
            version={"type": "integer", "minimum": 1},
        ),
    ]
}
PROBLEM_DETAIL = obj(
    {**PROBLEM_PROPERTIES, "timeline": array(ref("TimelineEvent"))},
    "A problem with its public timeline, oldest event first.",
)

PROTOTYPE_VERSION = obj(
    {
        "number": {"type": "integer", "minimum": 1},
        "published_at": nullable(MOMENT),
        "changes": described(STRING, "What changed since the previous version (Markdown)."),
        "feedbacks_count": COUNT,
        "average_rating": described(
            nullable({"type": "number", "minimum": 1, "maximum": 5}), "Overall rating, 1 to 5."
        ),
    }
)
PROTOTYPE = obj(
    {
        "id": ID,
        "url": URL,
        "problem_id": ID,
        "title": STRING,
        "summary": STRING,
        "description": described(STRING, "Markdown."),
        "status": {"type": "string", "enum": services.PROTOTYPE_STATUSES},
        "versions_count": COUNT,
        "feedbacks_count": described(COUNT, "Testers' feedback, all versions together."),
        "comments_count": COUNT,
        "versions": described(array(ref("PrototypeVersion")), "Oldest first: the last is current."),
        "published_at": nullable(MOMENT),
        "updated_at": MOMENT,
        "closed_at": nullable(MOMENT),
    },
    "A prototype of a solution, tested by citizens version after version.",
)
EXPERIMENT = obj(
    {
        "id": ID,
        "url": URL,
        "calendar_url": described(URL, "The event as iCalendar."),
        "problem_id": ID,
        "title": STRING,
        "method": {"type": "string", "enum": services.METHODS},
        "status": {"type": "string", "enum": services.EXPERIMENT_STATUSES},
        "description": described(STRING, "Markdown."),
        "involvement": described(STRING, "What taking part asks of a participant."),
        "location": STRING,
        "is_online": BOOLEAN,
        "starts_at": MOMENT,
        "ends_at": MOMENT,
        "capacity": COUNT,
        "participants_count": COUNT,
        "waiting_count": COUNT,
        "places_left": COUNT,
        "prototype_version": nullable(
            obj(
                {"prototype_id": ID, "number": {"type": "integer", "minimum": 1}},
                "The prototype version it tests.",
            )
        ),  # fmt: skip
        "opened_at": nullable(MOMENT),
        "results": described(nullable(STRING), "Markdown, once published."),
        "results_published_at": nullable(MOMENT),
        "updated_at": MOMENT,
    },
    "Something citizens sign up for (an interview, a workshop, a field test...). Participants "
    "are counted, never named.",
)


def page(item):
    return obj(
        {
            "data": array(ref(item)),
            "meta": obj(
                {
                    "limit": {"type": "integer", "minimum": 1, "maximum": params.MAX_LIMIT},
                    "count": described(COUNT, "Items in this page."),
                    "next_cursor": nullable(STRING),
                }
            ),
            "links": obj(
                {"self": URL, "next": described(nullable(URL), "The next page; null on the last.")}
            ),
        }
    )


ERROR = obj(
    {
        "error": obj(
            {
                "code": described(STRING, "Stable, for programs: invalid_parameter, not_found..."),
                "message": described(STRING, "For people, in the language asked with ?lang=."),
            }
        )
    }
)

PERCENT = nullable({"type": "number", "minimum": 0, "maximum": 100})
NUMBER = {"type": "number"}
COUNTED_OPTION = obj({"id": ID, "label": STRING, "count": COUNT, "percent": PERCENT})
SURVEY_QUESTION_RESULT = obj(
    {
        "id": ID,
        "position": ID,
        "prompt": STRING,
        "kind": {"type": "string", "enum": [k.value for k in QuestionKind]},
        "respondents": described(COUNT, "Sent responses that answered the question."),
        "options": described(
            array(COUNTED_OPTION),
            "Choices: each option counted on its own, in % of the question's respondents (a "
            "multiple choice may add up to more than 100).",
        ),
        "other": obj({"count": COUNT, "percent": PERCENT}, "“Other (please specify)”."),
        "scale": obj(
            {
                "min": {"type": "integer"},
                "max": {"type": "integer"},
                "low_label": STRING,
                "high_label": STRING,
                "mean": nullable(NUMBER),
                "distribution": array(
                    obj({"value": {"type": "integer"}, "count": COUNT, "percent": PERCENT})
                ),
            }
        ),
        "ranking": described(
            array(obj({"id": ID, "label": STRING, "score": COUNT, "first": COUNT})),
            "Borda scores, best first: ranked r-th of n, an option scores n − r points; "
            "`first`: how often it came first.",
        ),
        "matrix": obj(
            {
                "columns": array(obj({"id": ID, "label": STRING})),
                "rows": array(
                    obj(
                        {
                            "id": ID,
                            "label": STRING,
                            "respondents": COUNT,
                            "counts": array(COUNT),
                            "percents": array(PERCENT),
                        }
                    )
                ),
            },
            "Counts per row, in the order of the columns.",
        ),
        "number": obj(
            {
                "count": COUNT,
                "mean": nullable(NUMBER),
                "median": nullable(NUMBER),
                "min": nullable(NUMBER),
                "max": nullable(NUMBER),
            }
        ),
        "texts": described(COUNT, "Free answers given (their texts are not published)."),
        "quotations": described(array(STRING), "The free answers the lab published."),
    },
    "One question's figures; which keys are present depends on its kind.",
    required=["id", "position", "prompt", "kind", "respondents"],
)
SURVEY_RESULTS = obj(
    {
        "respondents": described(COUNT, "Sent responses."),
        "sections": array(obj({"title": STRING, "questions": array(ref("SurveyQuestionResult"))})),
    },
    "A survey's published results: aggregates only.",
)
SURVEY = obj(
    {
        "id": ID,
        "url": URL,
        "problem_id": nullable(ID),
        "prototype_id": nullable(ID),
        "title": STRING,
        "introduction": described(STRING, "Markdown."),
        "status": {"type": "string", "enum": services.SURVEY_STATUSES},
        "phase": described(
            {"type": "string", "enum": ["scheduled", "open", "closed", "published"]},
            "What it does now: an open survey is scheduled before its opening time and closed "
            "after its closing time.",
        ),
        "is_anonymous": described(BOOLEAN, "Responses are kept without their account."),
        "opens_at": MOMENT,
        "closes_at": MOMENT,
        "responses_count": described(COUNT, "Responses sent (drafts are not counted)."),
        "results_published_at": nullable(MOMENT),
        "created_at": MOMENT,
        "updated_at": MOMENT,
    },
    "A survey of the lab (the “enquête” stage). Respondents are counted, never named.",
)
LABELLED = obj({"id": ID, "label": STRING})
SURVEY_QUESTION = obj(
    {
        "id": ID,
        "prompt": STRING,
        "help_text": STRING,
        "kind": {"type": "string", "enum": [k.value for k in QuestionKind]},
        "is_required": BOOLEAN,
        "has_other": described(BOOLEAN, "Offers “other (please specify)”."),
        "min_choices": nullable(COUNT),
        "max_choices": nullable(COUNT),
        "scale_min": nullable({"type": "integer"}),
        "scale_max": nullable({"type": "integer"}),
        "low_label": STRING,
        "high_label": STRING,
        "options": described(array(LABELLED), "Choices; for a matrix, its columns."),
        "rows": described(array(LABELLED), "A matrix's rows."),
        "condition": described(
            nullable(obj({"question_id": ID, "option_ids": array(ID)})),
            "Asked only to those who chose one of these options of an earlier question.",
        ),
    }
)
SURVEY_DETAIL = obj(
    {
        **SURVEY["properties"],
        "results_note": described(
            nullable(STRING), "The lab's reading (Markdown), once published."
        ),
        "sections": array(
            obj(
                {
                    "position": ID,
                    "title": STRING,
                    "description": STRING,
                    "questions": array(ref("SurveyQuestion")),
                }
            )
        ),
        "results": described(
            nullable(ref("SurveyResults")),
            "Once the results are published: the figures of every question and the quotations "
            "the lab published; never another free text, never who answered what.",
        ),
    },
    "A survey with its questionnaire and, once published, its results.",
)

CONTRIBUTION_COUNTS = {kind: COUNT for kind in figures.CONTRIBUTIONS} | {
    "participants": described(COUNT, "Distinct accounts that made these contributions.")
}
TOPIC_COUNTS = {"problems": COUNT, "supports": COUNT, "comments": COUNT}
STATS = obj(
    {
        "data": obj(
            {
                "totals": obj(CONTRIBUTION_COUNTS, "Public contributions since the beginning."),
                "participation_by_month": array(
                    obj(
                        {
                            "month": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"},
                            **CONTRIBUTION_COUNTS,
                        }
                    )
                ),  # fmt: skip
                "by_theme": array(obj({"theme": ref("Named"), **TOPIC_COUNTS})),
                "by_district": array(
                    obj(
                        {
                            "district": described(nullable(ref("Named")), "null: the whole city."),
                            **TOPIC_COUNTS,
                        }
                    )
                ),  # fmt: skip
                "funnel": array(
                    obj(
                        {
                            "stage": {"type": "string", "enum": [s.value for s in figures.STAGES]},
                            "problems": described(COUNT, "Problems that reached this stage."),
                        }
                    )
                ),
                "experiments_by_method": array(
                    obj(
                        {
                            "method": {"type": "string", "enum": services.METHODS},
                            "experiments": COUNT,
                            "participants": described(COUNT, "Confirmed sign-ups."),
                        }
                    )
                ),
                "surveys": obj(
                    {
                        "surveys": described(COUNT, "Surveys opened."),
                        "surveys_with_results": COUNT,
                        "survey_responses": described(COUNT, "Responses sent to them."),
                    }
                ),
            }
        )
    },
    "Figures about participation, computed from what the public can see (as on /stats).",
)

SCHEMAS = {
    "Named": NAMED,
    "Person": PERSON,
    "Problem": PROBLEM,
    "ProblemDetail": PROBLEM_DETAIL,
    "TimelineEvent": TIMELINE_EVENT,
    "PrototypeVersion": PROTOTYPE_VERSION,
    "Prototype": PROTOTYPE,
    "Experiment": EXPERIMENT,
    "ProblemPage": page("Problem"),
    "PrototypePage": page("Prototype"),
    "ExperimentPage": page("Experiment"),
    "ProblemResponse": obj({"data": ref("ProblemDetail")}),
    "Survey": SURVEY,
    "SurveyQuestion": SURVEY_QUESTION,
    "SurveyDetail": SURVEY_DETAIL,
    "SurveyResults": SURVEY_RESULTS,
    "SurveyQuestionResult": SURVEY_QUESTION_RESULT,
    "SurveyPage": page("Survey"),
    "SurveyResponse": obj({"data": ref("SurveyDetail")}),
    "Stats": STATS,
    "Error": ERROR,
}
