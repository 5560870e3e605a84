"""Full-text search of problems: words, not syntax; ranked; in step with every change."""

import pytest
from sqlalchemy import text as sql

from platform.extensions import db
from platform.ideas import services
from platform.ideas.models import Problem, ProblemStatus
from platform.search import fts5_query, rebuild_search_index, search_words
from tests.ideas.test_list import titles
from tests.support.pages import text


def search(client, query):
    response = client.get("/ideas/", query_string={"q": query})
    assert response.status_code == 200, text(response)
    return titles(response)


@pytest.fixture
def corpus(make_problem, other_theme, add_supports, make_user):
    bikes = make_problem(
        title="Vélos volés devant la gare",
        description="Il faut un abri fermé pour les vélos des voyageurs.",
    )
    shelter = make_problem(
        title="Abri de bus sans toit",
        description="Les cyclistes attendent sous la pluie, leur vélo à la main.",
        theme_id=other_theme.id,
    )
    bins = make_problem(title="Poubelles pleines le lundi", description="Ramassage trop rare.")
    add_supports(shelter, [make_user() for _ in range(3)])
    return bikes, shelter, bins


def test_search_folds_case_accents_and_plurals(client, corpus):
    bikes, shelter, _ = corpus
    assert set(search(client, "VELO")) == {bikes.title, shelter.title}
    assert search(client, "velo piscine") == []  # every word must match
    assert search(client, "volés gare") == [bikes.title]
    assert search(client, "poubelle") == ["Poubelles pleines le lundi"]


def test_title_matches_rank_before_description_matches(client, corpus):
    bikes, shelter, _ = corpus
    # "abri" is in the title of one and the description of the other.
    assert search(client, "abri") == [shelter.title, bikes.title]
    # "vélo": in the title of one only.
    assert search(client, "vélo") == [bikes.title, shelter.title]


def test_a_chosen_order_replaces_relevance(client, corpus):
    bikes, shelter, _ = corpus
    assert titles(client.get("/ideas/?q=velo&sort=top")) == [shelter.title, bikes.title]
    assert titles(client.get("/ideas/?q=velo&sort=new")) == [shelter.title, bikes.title]


def test_search_combines_with_filters(client, corpus, other_theme):
    _, shelter, _ = corpus
    assert titles(client.get(f"/ideas/?q=velo&theme={other_theme.slug}")) == [shelter.title]
    assert titles(client.get("/ideas/?q=velo&status=selected")) == []


@pytest.mark.parametrize(
    "status",
    [ProblemStatus.PENDING, ProblemStatus.WITHDRAWN, ProblemStatus.MERGED, ProblemStatus.SELECTED],
)
def test_search_shows_what_the_list_shows(client, make_problem, status):
    make_problem(title="Lampadaires éteints", status=status)
    make_problem(title="Lampadaires cassés", is_hidden=True)
    expected = ["Lampadaires éteints"] if status.is_listed else []
    assert search(client, "lampadaires") == expected


def test_hiding_a_problem_takes_it_out_of_results_at_once(app, client, make_problem):
    problem = make_problem(title="Graffitis sur le pont")
    assert search(client, "graffitis") == [problem.title]
    with app.app_context():
        db.session.get(Problem, problem.id).is_hidden = True
        db.session.commit()
    assert search(client, "graffitis") == []


def test_editing_a_problem_changes_what_finds_it(app, client, make_problem, make_user, theme):
    author = make_user()
    problem = make_problem(author=author, title="Trottoir glissant", description="Du verglas.")
    assert search(client, "verglas") == ["Trottoir glissant"]
    with app.test_request_context():
        services.update_problem(
            author,
            db.session.get(Problem, problem.id),
            title="Trottoir défoncé",
            description="Des racines soulèvent les dalles.",
            theme_id=theme.id,
        )
        db.session.commit()
    assert search(client, "verglas") == []
    assert search(client, "glissant") == []
    assert search(client, "racines") == ["Trottoir défoncé"]
    assert search(client, "defonce") == ["Trottoir défoncé"]


HOSTILE = [
    '"',
    '"velo',
    "*",
    "velo*",
    "OR",
    "velo OR gare",
    "NEAR(velo gare)",
    "-velo",
    "velo -gare",
    "title:velo",
    "^velo",
    "velo AND NOT gare",
    "{title description}: velo",
    "'; DROP TABLE idea; --",
    "\\",
    "%_",
    "🚲 vélo",
    "自行车",
    "   ",
    "x" * 500,
    ("velo " * 100).strip(),
]


@pytest.mark.parametrize("query", HOSTILE)
def test_any_input_is_words_never_syntax(client, corpus, query):
    bikes, shelter, _ = corpus
    found = search(client, query)
    if "velo" in query.lower() or "vélo" in query:
        assert set(found) <= {bikes.title, shelter.title}
    assert "Poubelles pleines le lundi" not in found or query.strip() == ""


def test_only_punctuation_matches_nothing(client, corpus):
    response = client.get("/ideas/?q=***")
    assert response.status_code == 200
    assert titles(response) == []
    assert "Aucun problème ne correspond" in text(response)


def test_words_are_folded_quoted_and_bounded():
    assert search_words("Les VÉLOS de la gare") == ["velos", "gare"]
    assert search_words("les de la") == ["les", "de", "la"]  # only common words: keep them
    assert search_words('OR NEAR( "x" -y*') == ["or", "near", "x", "y"]
    assert len(search_words("mot " * 50 + " ".join(f"m{n}" for n in range(50)))) == 16
    assert fts5_query(["or", "near"]) == '"or" AND "near"'
    assert fts5_query(["a", "b"], any_word=True) == '"a" OR "b"'


def test_rebuild_reindexes_every_problem(app, client, make_problem):
    make_problem(title="Fontaine à sec")
    with app.app_context():
        if db.session.get_bind().dialect.name == "sqlite":
            db.session.execute(sql("INSERT INTO idea_fts (idea_fts) VALUES ('delete-all')"))
            db.session.commit()
            assert search(client, "fontaine") == []
        rebuild_search_index()
        db.session.commit()
    assert search(client, "fontaine") == ["Fontaine à sec"]


def test_rebuild_command(runner, make_problem):
    make_problem(title="Fontaine à sec")
    result = runner.invoke(args=["search", "rebuild"])
    assert result.exit_code == 0, result.output
    assert "rebuilt" in result.output


def test_new_problem_is_found_at_once(client, auth, citizen, theme):
    auth.login(citizen)
    response = client.post(
        "/ideas/new",
        data={
            "title": "Passage piéton effacé",
            "description": "Les bandes blanches ont disparu rue Haute.",
            "theme": theme.id,
            "district": 0,
            "similar_checked": "1",
        },
    )
    assert response.status_code == 302
    assert search(client, "pieton efface") == ["Passage piéton effacé"]
