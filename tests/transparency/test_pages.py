"""`/stats` and `/report/<year>`: every figure as a chart and a table, in the reader's language,
for a fixed number of queries."""

import re
from datetime import timedelta

import pytest

from platform.database import utcnow
from platform.extensions import db
from platform.ideas.models import ProblemStatus
from platform.prototypes.models import PrototypeStatus
from tests.support.pages import text
from tests.transparency.conftest import YEAR, Builder, at

THIS_YEAR = YEAR + 1


def table(page, figure_id):
    """The rows of a figure's table: [[header, cell, ...], ...]."""
    found = re.search(
        rf'<details class="chart-table" id="{figure_id}-table".*?</details>', page, re.S
    )
    assert found, f"no table for {figure_id}"
    rows = re.findall(r"<tr>(.*?)</tr>", found.group(0), re.S)
    return [
        [cell.strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in rows[1:]
    ]


def test_stats_show_the_funnel(client, dataset):
    page = text(client.get("/stats"))
    assert table(page, "funnel") == [
        ["Proposé", "5", "100\u00a0%"],
        ["Retenu par le Lab", "4", "80\u00a0%"],
        ["Prototypage", "2", "40\u00a0%"],
        ["Expérimentation", "1", "20\u00a0%"],
        ["Adopté", "1", "20\u00a0%"],
    ]


def test_stats_show_contributions_by_theme_and_district(client, dataset):
    page = text(client.get("/stats"))
    assert table(page, "themes") == [["Mobilité", "2", "3", "2"], ["Propreté", "3", "2", "1"]]
    assert table(page, "districts") == [
        ["Le Port", "3", "5", "3"],
        ["Toute la ville", "2", "0", "0"],
    ]


def test_stats_show_experiments_by_method(client, dataset):
    rows = table(text(client.get("/stats")), "methods")
    assert ["Entretien", "1", "1"] in rows
    assert ["Expérimentation de terrain", "1", "2"] in rows
    assert len(rows) == 7


def test_stats_show_participation_over_the_last_twelve_months(app, client, people, theme):
    a, b = people["a"], people["b"]
    now = utcnow()
    with app.app_context():
        build = Builder()
        problem = build.problem("now", a, theme, None, now, ProblemStatus.PROPOSED)
        build.support(problem, b, now)
        # Thirteen months ago: outside the window.
        build.problem("old", b, theme, None, now - timedelta(days=400), ProblemStatus.PROPOSED)
        db.session.commit()
    page = text(client.get("/stats"))
    contributions = table(page, "participation-contributions")
    assert len(contributions) == 12
    assert contributions[-1][1:] == ["1", "1", "0", "0", "0"]
    assert all(row[1:] == ["0"] * 5 for row in contributions[:-1])
    assert table(page, "participation-participants")[-1][1] == "2"


def test_every_stats_figure_is_a_chart_with_a_text_alternative(client, dataset):
    page = text(client.get("/stats"))
    for figure_id in (
        "participation-contributions", "participation-participants", "funnel", "themes",
        "districts", "methods",
    ):  # fmt: skip
        figure = re.search(rf'<figure class="chart" id="{figure_id}">(.*?)</figure>', page, re.S)
        assert figure, figure_id
        assert 'role="img"' in figure.group(1) and "<desc" in figure.group(1)


def test_stats_link_to_the_yearly_reports(client, dataset):
    page = client.get("/stats").get_data(as_text=True)
    for year in (YEAR - 1, YEAR, THIS_YEAR):
        assert f'href="/report/{year}"' in page


def test_numbers_are_written_the_readers_way(client, app, people, theme):
    a = people["a"]
    with app.app_context():
        build = Builder()
        for n in range(1234):
            build.problem(f"n{n}", a, theme, None, utcnow(), ProblemStatus.PROPOSED)
        db.session.commit()
    assert table(text(client.get("/stats")), "funnel")[0][1] == "1\u202f234"
    assert table(text(client.get("/stats?lang=en")), "funnel")[0][1] == "1,234"


@pytest.mark.parametrize(
    ("lang", "titles"),
    [
        ("fr", ["Statistiques", "De la proposition à l'adoption", "Expérimentations par méthode"]),
        ("es", ["Estadísticas", "De la propuesta a la adopción", "Experimentaciones por método"]),
    ],
)
def test_stats_in_french_and_spanish(client, dataset, lang, titles):
    page = text(client.get(f"/stats?lang={lang}"))
    for title in titles:
        assert title in page


def report(client, year=YEAR, lang=None):
    response = client.get(f"/report/{year}" + (f"?lang={lang}" if lang else ""))
    assert response.status_code == 200
    return text(response)


def test_report_shows_the_key_figures_of_the_year(client, dataset):
    page = report(client)
    rows = dict(re.findall(r'<tr><th scope="row">([^<]+)</th><td>([^<]+)</td></tr>', page))
    assert rows == {
        "Personnes participantes": "4",
        "Problèmes proposés": "3",
        "Soutiens": "4",
        "Commentaires": "4",
        "Avis sur les prototypes": "4",
        "Inscriptions aux expérimentations": "3",
        "Problèmes retenus par le Lab": "2",
        "Problèmes entrés en prototypage": "2",
        "Problèmes entrés en expérimentation": "1",
        "Problèmes dont la solution a été adoptée": "1",
        "Prototypes publiés ou améliorés": "2",
        "Versions de prototypes publiées": "3",
        "Expérimentations menées": "2",
        "Expérimentations aux résultats publiés": "1",
        "Enquêtes ouvertes": "0",
        "Enquêtes avec des résultats publiés": "0",
        "Réponses aux enquêtes": "0",
    }


def test_report_shows_participation_month_by_month(client, dataset):
    rows = table(report(client), "participation-contributions")
    assert [row[0] for row in rows][:2] == [f"janvier {YEAR}", f"février {YEAR}"]
    assert rows[2][1:] == ["1", "1", "1", "2", "0"]
    assert len(rows) == 12


def test_report_lists_the_problems_that_moved_forward_with_their_timeline(client, dataset):
    page = report(client)
    section = page[page.index('id="problems-title"') : page.index('id="prototypes-title"')]
    titles = re.findall(r'<h3><a href="[^"]+/ideas/\d+">([^<]+)</a></h3>', section)
    assert titles == ["Problème i1", "Problème i7", "Problème i2"]
    assert f"1 décembre {YEAR - 1}" in section and f"15 juin {YEAR}" in section
    assert "Problème i3" not in section and "Problème hidden" not in page


def test_report_shows_each_prototypes_feedback_trend(client, dataset):
    page = report(client)
    assert table(page, f"prototype-{dataset['p1']}-trend") == [
        ["Version 1", f"1 mars {YEAR}", "2", "3,0"],
        ["Version 2", f"1 avril {YEAR}", "2", "4,5"],
    ]
    assert table(page, f"prototype-{dataset['p3']}-trend")[1] == [
        "Version 2", f"5 janvier {YEAR}", "0", "–",
    ]  # fmt: skip


def test_report_shows_experiments_with_participants_and_results(client, dataset):
    page = report(client)
    section = page[page.index('id="experiments-title"') :]
    assert "Expérience e1" in section and "Expérience e2" in section
    assert "Expérience draft-experiment" not in section
    assert (
        "2 participants" in section and "Des résultats <strong>encourageants</strong>." in section
    )
    assert "Résultats pas encore publiés." in section
    assert ["Expérimentation de terrain", "1", "2"] in table(page, "methods")


def test_report_links_to_the_other_years(client, dataset):
    page = client.get(f"/report/{YEAR}").get_data(as_text=True)
    assert f'<a href="/report/{YEAR}" aria-current="page">{YEAR}</a>' in page
    assert f'href="/report/{YEAR - 1}"' in page and f'href="/report/{THIS_YEAR}"' in page


def test_report_of_a_year_without_activity_says_so(client, dataset):
    page = report(client, YEAR - 1)
    assert "Aucune expérimentation n'a eu lieu cette année." in page
    page = report(client, THIS_YEAR)
    assert "Aucun problème n'a avancé cette année." in page
    assert "L'année n'est pas finie" in page


@pytest.mark.parametrize("year", [YEAR - 2, THIS_YEAR + 1, 1, 99999])
def test_report_outside_the_years_with_data_is_not_found(client, dataset, year):
    response = client.get(f"/report/{year}")
    assert response.status_code == 404
    assert "Page introuvable" in text(response)


@pytest.mark.parametrize("path", ["/report/abc", "/report/-1", "/report/2026.5", "/report/"])
def test_bad_years_are_not_found(client, path):
    assert client.get(path).status_code == 404


def test_report_of_this_year_exists_without_any_data(client):
    assert client.get(f"/report/{THIS_YEAR}").status_code == 200
    assert client.get(f"/report/{THIS_YEAR - 1}").status_code == 404


@pytest.mark.parametrize(
    ("lang", "titles"),
    [
        ("fr", [f"Rapport annuel {YEAR}", "Chiffres clés", "Problèmes qui ont avancé"]),
        ("es", [f"Informe anual {YEAR}", "Cifras clave", "Problemas que avanzaron"]),
    ],
)
def test_report_in_french_and_spanish(client, dataset, lang, titles):
    page = report(client, lang=lang)
    for title in titles:
        assert title in page


def test_report_tables_are_open_for_reading_and_printing(client, dataset):
    page = client.get(f"/report/{YEAR}").get_data(as_text=True)
    assert '<details class="chart-table" id="participation-contributions-table" open>' in page
    assert 'href="/static/css/print.css" media="print"' in page


def more_data(app, people, theme, district, dataset):
    """Twice as much of everything, in the same year: more rows, more problems, prototypes..."""
    a, b, c, d = (people[name] for name in "abcd")
    build = Builder()
    with app.app_context():
        for n in range(6):
            problem = build.problem(
                f"x{n}", a, theme, district, at(1, 3 + n), ProblemStatus.ADOPTED, [
                    (ProblemStatus.SELECTED, at(2, 1)), (ProblemStatus.PROTOTYPING, at(3, 1)),
                    (ProblemStatus.EXPERIMENTING, at(4, 1)), (ProblemStatus.ADOPTED, at(5, 1)),
                ],
            )  # fmt: skip
            for user in (b, c, d):
                build.support(problem, user, at(1, 20))
                build.comment(problem, user, at(1, 21))
            prototype, versions = build.prototype(
                f"px{n}", problem, at(3, 1), [at(3, 1), at(4, 1), at(5, 1)], PrototypeStatus.CLOSED
            )
            for version in versions:
                build.feedback(version, b, 4, at(5, 2))
            from platform.experiments.models import Method

            experiment = build.experiment(f"ex{n}", problem, Method.WORKSHOP, at(6, 3, 9))
            build.sign_up(experiment, c, at(5, 20))
        db.session.commit()


@pytest.mark.parametrize("path", ["/stats", f"/report/{YEAR}"])
def test_pages_cost_a_fixed_number_of_queries(
    app, client, count_queries, people, theme, district, dataset, path
):
    client.get(path)
    with count_queries() as few:
        assert client.get(path).status_code == 200
    more_data(app, people, theme, district, dataset)
    with count_queries() as many:
        assert client.get(path).status_code == 200
    assert many.count == few.count
    assert few.count <= 20


@pytest.mark.parametrize("path", ["/stats", f"/report/{YEAR}", f"/report/{THIS_YEAR}"])
def test_pages_are_well_formed(client, dataset, path):
    from tests.test_valid_html import problems

    assert problems(client.get(path)) == []


def test_stats_without_any_data(client):
    page = text(client.get("/stats"))
    assert table(page, "funnel")[0] == ["Proposé", "0", "–"]
    assert len(table(page, "participation-contributions")) == 12
