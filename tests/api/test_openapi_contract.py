"""The OpenAPI document is the API's contract: every response the API gives, for every filter,
page and error, is one the document describes, field by field."""

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.api.calls import calls, fetch_all, get, query_names

DOCUMENT_URI = "urn:platform:openapi"


@pytest.fixture
def document(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.json


def pointer(*parts):
    return "/".join(str(part).replace("~", "~0").replace("/", "~1") for part in parts)


def validator(document, *path):
    """A validator for the schema at `path` in the document, its $refs resolved in the document."""
    registry = Registry().with_resource(
        DOCUMENT_URI, Resource.from_contents(document, default_specification=DRAFT202012)
    )
    return Draft202012Validator(
        {"$ref": f"{DOCUMENT_URI}#/{pointer(*path)}"},
        registry=registry,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def operation(document, template):
    return document["paths"][template]["get"]


def parameter_names(document, template):
    names = set()
    for parameter in operation(document, template)["parameters"]:
        if "$ref" in parameter:
            parameter = document["components"]["parameters"][parameter["$ref"].split("/")[-1]]
        if parameter["in"] == "query":
            names.add(parameter["name"])
    return names


def test_document_is_openapi_3_1_under_the_open_licence(document):
    assert document["openapi"] == "3.1.0"
    assert document["info"]["license"]["identifier"] == "etalab-2.0"
    assert "Licence Ouverte" in document["info"]["license"]["name"]


def test_every_schema_of_the_document_is_valid_json_schema(document):
    for name, schema in document["components"]["schemas"].items():
        Draft202012Validator.check_schema(schema), name
    for parameter in document["components"]["parameters"].values():
        Draft202012Validator.check_schema(parameter["schema"])


def test_document_describes_every_api_route(app, document):
    routes = {
        rule.rule.replace("<int:problem_id>", "{problem_id}").replace(
            "<int:survey_id>", "{survey_id}"
        )
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/")
    }
    assert routes == set(document["paths"])


def test_every_response_matches_the_document(client, world, document):
    seen = set()
    for template, url, response in fetch_all(client, world):
        status = str(response.status_code)
        responses = operation(document, template)["responses"]
        assert status in responses, (url, status, response.get_data(as_text=True))
        if status == "200":  # what the API accepted, the document describes
            assert query_names(url) <= parameter_names(document, template), url
        content = responses[status]["content"]
        if template.endswith(".csv") and status == "200":
            assert response.mimetype in content, url
            continue
        assert response.mimetype == "application/json" and "application/json" in content, url
        schema_path = ("paths", template, "get", "responses", status, "content",
                       "application/json", "schema")  # fmt: skip
        errors = list(validator(document, *schema_path).iter_errors(response.json))
        assert not errors, (url, [f"{list(e.absolute_path)}: {e.message}" for e in errors][:5])
        seen.add((template, status))
    documented = {
        (template, status)
        for template, item in document["paths"].items()
        for status, response in item["get"]["responses"].items()
        if "application/json" in response.get("content", {})
    }
    assert documented - seen == set(), "add calls for these documented responses"


def test_calls_cover_every_documented_path(world, document):
    assert {template for template, _ in calls(world)} == set(document["paths"])


def test_not_modified_is_documented_where_it_is_answered(client, world, document):
    for template in document["paths"]:
        url = template.replace("{problem_id}", str(world.proposed))
        first = get(client, url)
        again = get(client, url, headers={"If-None-Match": first.headers.get("ETag", '"x"')})
        status = str(again.status_code)
        assert status in operation(document, template)["responses"], (url, status)


def test_errors_outside_the_documented_paths_are_json_too(client, document):
    for url, status in (
        ("/api/v1/ideas/first", 404),
        ("/api/v1/nothing", 404),
        ("/api/v2/ideas", 404),
    ):
        response = client.get(url)
        assert response.status_code == status
        errors = list(validator(document, "components", "schemas", "Error").iter_errors(
            response.json
        ))  # fmt: skip
        assert not errors, url


def test_the_api_refuses_other_methods_in_json(client):
    response = client.post("/api/v1/ideas", data={})
    assert response.status_code in (400, 405)  # 400: the CSRF check answers first
    assert response.is_json and "error" in response.json
