"""Each public figure against the known dataset of conftest.py, computed by hand."""

from datetime import date

import pytest

from platform.database import utcnow
from platform.experiments.models import Method
from platform.transparency import figures, periods, year_review
from tests.transparency.conftest import YEAR, at

ZERO = {"problems": 0, "supports": 0, "comments": 0, "feedbacks": 0, "sign_ups": 0}


@pytest.fixture
def compute(app, dataset):
    """Run a figure function inside a request (names come in the request's language)."""

    def run(function, *args, **kwargs):
        with app.test_request_context():
            return function(*args, **kwargs)

    return run


def test_participation_by_month_counts_public_contributions(compute):
    rows = compute(figures.participation_by_month, date(YEAR, 1, 1), 12)
    by_month = {row["month"]: row for row in rows}
    assert [row["month"] for row in rows] == [f"{YEAR}-{m:02d}" for m in range(1, 13)]
    # January: problems i1 (a) and i2 (b), supports of a and b on i1, b's comment on i1.
    assert by_month[f"{YEAR}-01"] == {
        "month": f"{YEAR}-01", "problems": 2, "supports": 2, "comments": 1, "feedbacks": 0,
        "sign_ups": 0, "participants": 2,
    }  # fmt: skip
    # February: the withdrawn problem, the deleted and the hidden comments are left out; c's
    # support at 23:59:59 UTC on the last day is February's.
    assert by_month[f"{YEAR}-02"] == {
        "month": f"{YEAR}-02", "problems": 0, "supports": 1, "comments": 1, "feedbacks": 0,
        "sign_ups": 0, "participants": 1,
    }  # fmt: skip
    # March: i3 (not the hidden nor the pending problem), a's support on i3 (not b's on the hidden
    # problem), c's comment on i3 (not a's on the hidden problem), a's and b's feedback (not c's
    # hidden one): c, a and b took part.
    assert by_month[f"{YEAR}-03"] == {
        "month": f"{YEAR}-03", "problems": 1, "supports": 1, "comments": 1, "feedbacks": 2,
        "sign_ups": 0, "participants": 3,
    }  # fmt: skip
    # April: d's comment on the prototype, a's and d's feedback, a's and b's places in e1 (not
    # c's turn on the waiting list).
    assert by_month[f"{YEAR}-04"] == {
        "month": f"{YEAR}-04", "problems": 0, "supports": 0, "comments": 1, "feedbacks": 2,
        "sign_ups": 2, "participants": 3,
    }  # fmt: skip
    # June: d's place in e2. July: sign-ups to a draft and to a hidden experiment do not count.
    assert by_month[f"{YEAR}-06"] == {
        "month": f"{YEAR}-06", **ZERO, "sign_ups": 1, "participants": 1,
    }  # fmt: skip
    for month in (5, *range(7, 13)):
        assert by_month[f"{YEAR}-{month:02d}"] == {
            "month": f"{YEAR}-{month:02d}", **ZERO, "participants": 0,
        }  # fmt: skip


def test_participation_window_can_span_two_years(compute):
    rows = compute(figures.participation_by_month, date(YEAR - 1, 11, 20), 3)
    assert [row["month"] for row in rows] == [f"{YEAR - 1}-11", f"{YEAR - 1}-12", f"{YEAR}-01"]
    # November: i7 and i8 proposed, c's support on i7; December: c's feedback on p3.
    assert [(row["problems"], row["supports"], row["feedbacks"]) for row in rows] == [
        (2, 1, 0), (0, 0, 1), (2, 2, 0),
    ]  # fmt: skip


def test_participation_totals_count_each_participant_once(compute):
    start, end = periods.year_bounds(YEAR)
    totals = compute(figures.participation_totals, start, end)
    # Sums of the months above; a, b, c and d all took part.
    assert totals == {
        "problems": 3, "supports": 4, "comments": 4, "feedbacks": 4, "sign_ups": 3,
        "participants": 4,
    }  # fmt: skip


def test_recent_months_end_with_the_current_month():
    assert figures.recent_months(12, date(2026, 3, 15)) == date(2025, 4, 1)
    assert figures.recent_months(1, date(2026, 1, 31)) == date(2026, 1, 1)
    assert periods.add_months(date(2025, 12, 1), 1) == date(2026, 1, 1)


def test_funnel_counts_every_stage_a_problem_went_through(compute):
    # Public problems: i1 (adopted), i2 (selected, then not retained), i3 (proposed), i7
    # (prototyping), i8 (selected); the hidden, pending and withdrawn ones are left out.
    assert compute(figures.funnel) == [
        {"stage": "proposed", "problems": 5},
        {"stage": "selected", "problems": 4},
        {"stage": "prototyping", "problems": 2},
        {"stage": "experimenting", "problems": 1},
        {"stage": "adopted", "problems": 1},
    ]


def test_funnel_counts_a_problem_without_timeline_at_its_current_stage(compute, make_problem):
    from platform.ideas.models import ProblemStatus

    make_problem(status=ProblemStatus.EXPERIMENTING)
    assert [row["problems"] for row in compute(figures.funnel)] == [6, 5, 3, 2, 1]


def test_contributions_by_theme(compute):
    # Mobilité: i1 and i2, i1's three supports, i1's two visible comments (i2's is hidden).
    # Propreté: i3, i7 and i8 (not the hidden problem), supports on i3 and i7, c's comment on i3.
    assert compute(figures.contributions_by_theme) == [
        {"slug": "mobilite", "name": "Mobilité", "problems": 2, "supports": 3, "comments": 2},
        {"slug": "proprete", "name": "Propreté", "problems": 3, "supports": 2, "comments": 1},
    ]


def test_contributions_by_district_end_with_the_whole_city(compute):
    # Le Port: i1, i3 and i7; the whole city: i2 and i8.
    assert compute(figures.contributions_by_district) == [
        {"slug": "port", "name": "Le Port", "problems": 3, "supports": 5, "comments": 3},
        {"slug": None, "name": None, "problems": 2, "supports": 0, "comments": 0},
    ]


def test_experiments_by_method_count_confirmed_participants(compute):
    rows = compute(figures.experiments_by_method)
    assert [row["method"] for row in rows] == list(Method)
    found = {row["method"]: (row["experiments"], row["participants"]) for row in rows}
    # e1: a and b (c waits); e2: d; the draft and the hidden experiments are left out.
    assert found == {
        **dict.fromkeys(Method, (0, 0)),
        Method.FIELD_EXPERIMENT: (1, 2),
        Method.INTERVIEW: (1, 1),
    }


def test_experiments_by_method_over_a_period(compute):
    start, end = periods.year_bounds(YEAR - 1)
    rows = compute(figures.experiments_by_method, start, end)
    assert all(row["experiments"] == row["participants"] == 0 for row in rows)


def test_report_years_run_from_the_first_public_problem_to_this_year(compute):
    assert list(compute(year_review.report_years)) == [YEAR - 1, YEAR, YEAR + 1]


def test_report_years_without_data_is_this_year(app):
    with app.test_request_context():
        assert list(year_review.report_years()) == [utcnow().year]


def test_yearly_key_figures(compute):
    report = compute(year_review.yearly_report, YEAR)
    assert report["year"] == YEAR
    assert report["key_figures"] == {
        # The year's participation (see the months above).
        "problems": 3, "supports": 4, "comments": 4, "feedbacks": 4, "sign_ups": 3,
        "participants": 4,
        # Selected during the year: i1, i2 (i7 and i8 the year before); prototyping: i1, i7;
        # experimenting and adopted: i1.
        "selected": 2, "prototyping": 2, "experimenting": 1, "adopted": 1,
        # p1 (versions 1 and 2) and p3 (version 2; version 1 the year before).
        "prototypes": 2, "prototype_versions": 3,
        # e1 (with results) and e2.
        "experiments": 2, "experiments_with_results": 1,
        # No survey in this dataset (tests/surveys/test_report.py counts them).
        "surveys": 0, "surveys_with_results": 0, "survey_responses": 0,
    }  # fmt: skip
    assert len(report["participation"]) == 12


def test_yearly_report_lists_problems_that_moved_forward_with_their_timeline(compute, dataset):
    problems = compute(year_review.problems_moved_forward, YEAR)
    # Furthest stage first: i1 adopted, i7 prototyping, i2 selected (then not retained).
    assert [p["id"] for p in problems] == [dataset["i1"], dataset["i7"], dataset["i2"]]
    assert [p["reached"] for p in problems] == ["adopted", "prototyping", "selected"]
    timelines = [[(step["status"], step["at"]) for step in p["timeline"]] for p in problems]
    assert timelines == [
        [("proposed", at(1, 15)), ("selected", at(2, 1)), ("prototyping", at(3, 1)),
         ("experimenting", at(5, 1)), ("adopted", at(9, 1))],
        [("proposed", at(11, 1, year=YEAR - 1)), ("selected", at(12, 1, year=YEAR - 1)),
         ("prototyping", at(6, 15))],
        [("proposed", at(1, 20)), ("selected", at(2, 10)), ("not_retained", at(4, 1))],
    ]  # fmt: skip


def test_timeline_stops_at_the_end_of_the_year(compute, dataset):
    # In YEAR - 1, i7 and i8 were selected; i7's prototyping came the year after.
    problems = compute(year_review.problems_moved_forward, YEAR - 1)
    assert [p["id"] for p in problems] == [dataset["i8"], dataset["i7"]]
    assert [step["status"] for step in problems[1]["timeline"]] == ["proposed", "selected"]


def test_yearly_report_prototypes_and_their_feedback_trend(compute, dataset):
    prototypes = compute(year_review.prototypes_of_year, YEAR)
    # p3 was first published the year before, p1 during the year; the draft and the hidden
    # prototype are left out. Averages: p1 v1 (2 + 4) / 2, c's hidden 5 left out; v2 (4 + 5) / 2.
    assert prototypes == [
        {
            "id": dataset["p3"], "title": "Prototype p3", "problem_id": dataset["i8"],
            "problem_title": "Problème i8",
            "versions": [
                {"number": 1, "published_at": at(12, 10, year=YEAR - 1), "feedbacks": 1,
                 "average_rating": 3.0},
                {"number": 2, "published_at": at(1, 5), "feedbacks": 0, "average_rating": None},
            ],
        },
        {
            "id": dataset["p1"], "title": "Prototype p1", "problem_id": dataset["i1"],
            "problem_title": "Problème i1",
            "versions": [
                {"number": 1, "published_at": at(3, 1), "feedbacks": 2, "average_rating": 3.0},
                {"number": 2, "published_at": at(4, 1), "feedbacks": 2, "average_rating": 4.5},
            ],
        },
    ]  # fmt: skip


def test_feedback_trend_counts_feedback_until_the_end_of_the_year(compute, dataset):
    # p3's first version, published in December of YEAR - 1, then had 1 tester.
    [p3] = compute(year_review.prototypes_of_year, YEAR - 1)
    assert p3["id"] == dataset["p3"]
    assert [(v["number"], v["feedbacks"]) for v in p3["versions"]] == [(1, 1)]


def test_yearly_report_experiments_and_their_results(compute, dataset):
    experiments = compute(year_review.experiments_of_year, YEAR)
    assert [
        (e["id"], e["method"], e["participants"], e["results"]) for e in experiments
    ] == [
        (dataset["e1"], "field_experiment", 2, "Des résultats **encourageants**."),
        (dataset["e2"], "interview", 1, ""),
    ]  # fmt: skip


def test_a_year_without_activity_has_an_empty_report(compute):
    report = compute(year_review.yearly_report, YEAR + 1)
    assert report["problems"] == report["prototypes"] == report["experiments"] == []
    assert set(report["key_figures"].values()) == {0}
