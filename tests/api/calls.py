"""Every request the API tests make: each endpoint, each filter, a second page, the errors."""

from urllib.parse import parse_qsl, urlsplit


def calls(world):
    """(path template in the OpenAPI document, URL) for every case the API serves."""
    problems, one = "/api/v1/ideas", "/api/v1/ideas/{problem_id}"
    prototypes, experiments, stats = "/api/v1/prototypes", "/api/v1/experiments", "/api/v1/stats"
    found = [
        (problems, "/api/v1/ideas"),
        (problems, f"/api/v1/ideas?theme={world.theme}"),
        (problems, f"/api/v1/ideas?district={world.district}"),
        (problems, "/api/v1/ideas?status=selected"),
        (problems, "/api/v1/ideas?created_since=2000-01-31"),
        (problems, "/api/v1/ideas?updated_since=2000-01-31T08:00:00Z"),
        (problems, "/api/v1/ideas?updated_since=2999-01-01"),
        (problems, f"/api/v1/ideas?theme={world.theme}&district={world.district}&status=proposed"
                "&created_since=2000-01-01&updated_since=2000-01-01&limit=1&lang=en"),
        (problems, "/api/v1/ideas?limit=1"),
        (problems, "/api/v1/ideas?limit=0"),
        (problems, "/api/v1/ideas?limit=101"),
        (problems, "/api/v1/ideas?limit=ten"),
        (problems, "/api/v1/ideas?cursor=bm9wZQ"),
        (problems, "/api/v1/ideas?theme=nowhere"),
        (problems, "/api/v1/ideas?status=pending"),
        (problems, "/api/v1/ideas?created_since=yesterday"),
        (problems, "/api/v1/ideas?created_since=0001-01-01T00:00:00%2B14:00"),
        (problems, "/api/v1/ideas?colour=blue"),
        (problems, "/api/v1/ideas?status=proposed&status=selected"),
        (one, f"/api/v1/ideas/{world.proposed}"),
        (one, f"/api/v1/ideas/{world.selected}?lang=es"),
        (one, f"/api/v1/ideas/{world.withdrawn}"),
        (one, f"/api/v1/ideas/{world.merged}"),
        (one, f"/api/v1/ideas/{world.orphan}"),
        (one, f"/api/v1/ideas/{world.pending}"),
        (one, f"/api/v1/ideas/{world.hidden}"),
        (one, "/api/v1/ideas/999999999"),
        (one, f"/api/v1/ideas/{world.proposed}?limit=1"),
        (prototypes, "/api/v1/prototypes"),
        (prototypes, f"/api/v1/prototypes?problem={world.selected}"),
        (prototypes, "/api/v1/prototypes?status=open"),
        (prototypes, "/api/v1/prototypes?status=closed&created_since=2000-01-01"),
        (prototypes, "/api/v1/prototypes?updated_since=2000-01-01&limit=100"),
        (prototypes, "/api/v1/prototypes?status=draft"),
        (prototypes, "/api/v1/prototypes?problem=first"),
        (prototypes, f"/api/v1/prototypes?problem={world.pending}"),
        (experiments, "/api/v1/experiments"),
        (experiments, "/api/v1/experiments?limit=1"),
        (experiments, "/api/v1/experiments?method=workshop"),
        (experiments, "/api/v1/experiments?status=completed"),
        (experiments, f"/api/v1/experiments?problem={world.selected}&method=survey&status=completed"
                      "&created_since=2000-01-01&updated_since=2000-01-01"),
        (experiments, "/api/v1/experiments?method=dance"),
        (experiments, "/api/v1/experiments?status=draft"),
        (experiments, f"/api/v1/experiments?problem={world.hidden}"),
        ("/api/v1/surveys", "/api/v1/surveys"),
        ("/api/v1/surveys", "/api/v1/surveys?limit=1"),
        ("/api/v1/surveys", "/api/v1/surveys?status=published"),
        ("/api/v1/surveys", f"/api/v1/surveys?problem={world.selected}&status=open"
                            "&created_since=2000-01-01&updated_since=2000-01-01"),
        ("/api/v1/surveys", "/api/v1/surveys?status=draft"),
        ("/api/v1/surveys", f"/api/v1/surveys?problem={world.hidden}"),
        ("/api/v1/surveys/{survey_id}", f"/api/v1/surveys/{world.published_survey}"),
        ("/api/v1/surveys/{survey_id}", f"/api/v1/surveys/{world.open_survey}?lang=en"),
        ("/api/v1/surveys/{survey_id}", f"/api/v1/surveys/{world.draft_survey}"),
        ("/api/v1/surveys/{survey_id}", f"/api/v1/surveys/{world.hidden_survey}"),
        ("/api/v1/surveys/{survey_id}", f"/api/v1/surveys/{world.open_survey}?limit=1"),
        (stats, "/api/v1/stats"),
        (stats, "/api/v1/stats?months=1&lang=en"),
        (stats, "/api/v1/stats?months=121"),
        (stats, "/api/v1/stats?theme=x"),
    ]  # fmt: skip
    for collection in ("ideas", "prototypes", "experiments"):
        template = f"/api/v1/{collection}.csv"
        found += [
            (template, template),
            (template, f"{template}?status=nope"),
            (template, f"{template}?limit=5"),  # exports have no pages
        ]
    found += [
        ("/api/v1/ideas.csv", f"/api/v1/ideas.csv?theme={world.other_theme}&status=selected"),
        ("/api/v1/prototypes.csv", f"/api/v1/prototypes.csv?problem={world.selected}"),
        ("/api/v1/experiments.csv", "/api/v1/experiments.csv?method=workshop&lang=en"),
    ]
    return found


def get(client, url, **kwargs):
    """GET and read the whole body (a streamed CSV ends its request context when read)."""
    response = client.get(url, **kwargs)
    response.get_data()
    response.close()
    return response


def fetch_all(client, world):
    """[(template, url, response)] for every call, following each `next` link once more."""
    responses = []
    for template, url in calls(world):
        response = get(client, url)
        responses.append((template, url, response))
        if response.is_json and (response.json.get("links") or {}).get("next"):
            parts = urlsplit(response.json["links"]["next"])
            next_url = f"{parts.path}?{parts.query}"
            responses.append((template, next_url, get(client, next_url)))
    return responses


def query_names(url):
    return {name for name, _ in parse_qsl(urlsplit(url).query)}


def text_of(response):
    return response.get_data(as_text=True)
