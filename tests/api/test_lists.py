"""Lists show what the public pages list, filtered, in pages that follow one another by id."""

from platform.api.params import encode_cursor


def ids(response):
    assert response.status_code == 200, response.get_data(as_text=True)
    return [item["id"] for item in response.json["data"]]


def test_problems_lists_exactly_the_listed_problems(client, world):
    # Withdrawn, merged, pending and hidden problems are not listed (as on /ideas/).
    assert ids(client.get("/api/v1/ideas")) == world.listed


def test_withdrawn_and_merged_problems_are_readable_by_their_address(client, world):
    assert client.get(f"/api/v1/ideas/{world.withdrawn}").json["data"]["status"] == "withdrawn"
    merged = client.get(f"/api/v1/ideas/{world.merged}").json["data"]
    assert merged["merged_into_id"] == world.proposed


def test_pending_and_hidden_problems_are_not_found(client, world):
    for problem_id in (world.pending, world.hidden):
        response = client.get(f"/api/v1/ideas/{problem_id}")
        assert response.status_code == 404
        assert response.json["error"]["code"] == "not_found"
        assert (
            response.json["error"]["message"]
            == f"Aucun problème publié n'a l'identifiant {problem_id}."
        )


def test_deleted_accounts_have_no_author(client, world):
    assert client.get(f"/api/v1/ideas/{world.orphan}").json["data"]["author"] is None


def test_problem_links_its_public_prototypes_and_experiments_only(client, world):
    for url in (f"/api/v1/ideas/{world.selected}", "/api/v1/ideas"):
        data = client.get(url).json["data"]
        problem = (
            data if isinstance(data, dict) else next(i for i in data if i["id"] == world.selected)
        )
        assert problem["prototype_ids"] == [world.prototype]
        assert problem["experiment_ids"] == sorted([world.workshop, world.survey])


def test_problem_timeline_tells_the_story_oldest_first(client, world):
    timeline = client.get(f"/api/v1/ideas/{world.selected}").json["data"]["timeline"]
    kinds = [event["kind"] for event in timeline]
    assert kinds[0] == "proposed"
    assert {"status_changed", "prototype_version_published", "experiment_opened",
            "results_published"} <= set(kinds)  # fmt: skip
    selected = next(e for e in timeline if e.get("status") == "selected")
    assert selected["note"] == "Le lab s'en saisit." and selected["actor"] == {
        "display_name": "Sophie"
    }
    assert [e["at"] for e in timeline] == sorted(e["at"] for e in timeline)


def test_prototypes_and_experiments_leave_out_drafts_and_hidden_ones(client, world):
    assert ids(client.get("/api/v1/prototypes")) == [world.prototype]
    assert ids(client.get("/api/v1/experiments")) == [world.workshop, world.survey]


def test_experiments_count_participants_without_naming_them(client, world):
    workshop = client.get("/api/v1/experiments?method=workshop").json["data"][0]
    assert (workshop["participants_count"], workshop["waiting_count"]) == (1, 1)
    assert workshop["places_left"] == 0
    assert workshop["results"] is None
    assert workshop["prototype_version"] == {"prototype_id": world.prototype, "number": 2}


def test_results_are_published_with_the_experiment(client, world):
    survey = client.get("/api/v1/experiments?status=completed").json["data"][0]
    assert survey["results"] == "Les usagers veulent des bancs."


def test_prototypes_show_their_versions_and_feedback_counts(client, world):
    prototype = client.get("/api/v1/prototypes").json["data"][0]
    assert prototype["versions_count"] == 2 and prototype["feedbacks_count"] == 1
    assert [v["number"] for v in prototype["versions"]] == [1, 2]
    assert prototype["versions"][-1]["average_rating"] == 4


def test_filters_narrow_the_lists(client, world):
    assert ids(client.get(f"/api/v1/ideas?district={world.district}")) == [world.proposed]
    assert ids(client.get(f"/api/v1/ideas?theme={world.other_theme}")) == [world.selected]
    assert ids(client.get("/api/v1/ideas?status=prototyping")) == [world.selected]
    assert ids(client.get("/api/v1/ideas?created_since=2999-01-01")) == []
    assert (
        ids(client.get("/api/v1/ideas?updated_since=2000-01-01T00:00:00%2B02:00")) == world.listed
    )
    assert ids(client.get(f"/api/v1/prototypes?problem={world.proposed}")) == []
    assert ids(client.get(f"/api/v1/experiments?problem={world.selected}&method=survey")) == [
        world.survey
    ]


def test_the_former_name_of_the_problem_filter_still_works(client, world):
    """`idea` was the filter's name before the API said `problem` (docs/api.md, changelog)."""
    assert ids(client.get(f"/api/v1/experiments?idea={world.selected}&method=survey")) == [
        world.survey
    ]
    assert ids(client.get(f"/api/v1/prototypes?idea={world.proposed}")) == []
    refused = client.get("/api/v1/prototypes?idea=0").json["error"]["message"]
    assert refused == "« idea » doit être un nombre entier supérieur à 0."


def test_pages_follow_one_another_by_id_until_next_is_null(client, world):
    seen, url = [], "/api/v1/ideas?limit=1"
    while url:
        page = client.get(url).json
        assert page["meta"]["limit"] == 1 and page["meta"]["count"] == len(page["data"])
        seen += [item["id"] for item in page["data"]]
        url = page["links"]["next"]
    assert seen == world.listed


def test_a_cursor_keeps_the_filters(client, world):
    page = client.get(f"/api/v1/ideas?theme={world.theme}&limit=1").json
    assert f"theme={world.theme}" in page["links"]["next"]
    cursor = encode_cursor(world.listed[-1])
    assert ids(client.get(f"/api/v1/ideas?cursor={cursor}")) == []


def test_bad_input_answers_400_with_a_translated_message(client, world):
    cases = {
        "/api/v1/ideas?limit=500": "« limit » doit être un nombre entier de 1 à 100.",
        "/api/v1/ideas?cursor=!!!": (
            "Ce curseur n'est pas valide : suivez le lien « next » de la page précédente."
        ),
        "/api/v1/ideas?theme=lune": (
            "Valeur inconnue « lune » pour « theme ». Valeurs acceptées : mobilite, proprete."
        ),
        "/api/v1/ideas?sort=top": (
            "Paramètre inconnu « sort ». Paramètres acceptés : created_since, cursor, "
            "district, lang, limit, status, theme, updated_since."
        ),
        "/api/v1/experiments?problem=0": "« problem » doit être un nombre entier supérieur à 0.",
        "/api/v1/prototypes?updated_since=hier": (
            "« updated_since » doit être une date comme 2025-01-31 ou 2025-01-31T08:00:00Z."
        ),
        "/api/v1/ideas?limit=1&limit=2": "Indiquez le paramètre « limit » une seule fois.",
    }
    for url, message in cases.items():
        response = client.get(url)
        assert response.status_code == 400, url
        assert response.json["error"]["message"] == message, url
    english = client.get("/api/v1/ideas?limit=0&lang=en").json["error"]["message"]
    assert english == "“limit” must be a whole number from 1 to 100."


def test_unknown_filter_values_change_nothing_and_say_which(client, world):
    response = client.get(f"/api/v1/experiments?problem={world.draft_experiment + 1000}")
    assert response.status_code == 400
    assert response.json["error"]["code"] == "invalid_parameter"
