"""Published results are kept by each process (`platform/surveys/cache.py`): the next request
reads them without computing anything, and every change to what they show is on the very next
request, whichever process answers it: picking or withdrawing a quotation, a moderator hiding or
restoring one, reports hiding one. The reader's own parts (the "Report" buttons with their CSRF
token, the organisers' links) are never kept; only published surveys are; the cache is bounded.

Texts are checked through what does not depend on the catalogs being translated: ids, quoted
texts, numbers formatted the reader's way."""

import dataclasses
import re

import pytest
from sqlalchemy import select, update

from platform.database import utcnow
from platform.extensions import db
from platform.surveys import results as results_module
from platform.surveys.cache import ResultsCache, results_cache
from platform.surveys.models import Survey, SurveyAnswer, SurveyStatus
from tests.conftest import AuthActions
from tests.support.pages import text
from tests.surveys import test_results as support
from tests.surveys.test_results import EVERY_KIND, choice

every_kind = support.every_kind  # published: three sent responses, a draft, two quotations
respond = support.respond

IDEA = "Mon voisin Jean Dupont est bruyant."  # written, not quoted
QUOTED = "Des bancs à l'ombre."  # quoted, by `citizen`
OTHER = "À cheval"  # quoted, an "other" answer


def results_url(built):
    return f"/surveys/{built.id}/results"


@pytest.fixture
def computed(monkeypatch):
    """The surveys whose figures were computed, in order."""
    calls = []
    compute = results_module.compute_figures

    def counting(survey):
        calls.append(survey.id)
        return compute(survey)

    monkeypatch.setattr(results_module, "compute_figures", counting)
    return calls


def statements(client, url, count_queries):
    with count_queries() as counter:
        response = client.get(url)
        assert response.status_code == 200, url
    return counter.statements


def answer_id(fetch, written):
    return fetch(lambda s: s.scalar(select(SurveyAnswer.id).where(SurveyAnswer.text == written)))


def stamp_of(fetch, built):
    return fetch(lambda s: s.scalar(select(Survey.updated_at).where(Survey.id == built.id)))


def quote(client, built, answer, state):
    response = client.post(f"/surveys/{built.id}/answers/{answer}/quote", data={"state": state})
    assert response.status_code == 302
    return response


def moderate(client, action, answer):
    data = {"target_type": "survey_answer", "target_id": str(answer), "reason": "Insulte"}
    response = client.post(f"/moderation/{action}", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:500]


# Kept ---------------------------------------------------------------------------------------


def test_the_second_request_reads_the_kept_results(app, client, every_kind, computed,
                                                   count_queries):  # fmt: skip
    url = results_url(every_kind)
    client.get("/")  # what every first request loads
    first = statements(client, url, count_queries)
    second = statements(client, url, count_queries)
    assert computed == [every_kind.id]  # once
    # Not the 11 queries of the figures: the structure (5), the responses, the respondents per
    # question, the options, the texts, the scales and the numbers.
    assert len(first) - len(second) == 11
    # Of the answers, only the quotations are read again (one query, a few rows).
    assert len([s for s in first if "survey_answer" in s]) == 6
    [quotations] = [s for s in second if "survey_answer" in s]
    assert "quoted_at IS NOT NULL" in quotations
    assert not any("count(" in s for s in second if "survey_answer" in s or "survey_question" in s)
    assert results_cache(app).hits == 1


def without_tokens(html):
    """A page without its CSRF tokens (signed with the time, to the second)."""
    return re.sub(r'(csrf[-_]token"? (?:content|value)=")[^"]+', r"\1", html)


def test_the_kept_page_is_the_computed_page(client, every_kind):
    url = results_url(every_kind) + "?lang=en"
    first = client.get(url).get_data(as_text=True)
    second = client.get(url).get_data(as_text=True)
    assert without_tokens(second) == without_tokens(first)
    assert second.count('role="img"') == 4  # its charts, with their tables
    assert "66.7%" in second


def test_the_survey_page_and_the_api_read_the_same_kept_results(client, every_kind, computed):
    assert client.get(results_url(every_kind)).status_code == 200
    page = text(client.get(f"/surveys/{every_kind.id}"))
    data = client.get(f"/api/v1/surveys/{every_kind.id}").json["data"]["results"]
    assert computed == [every_kind.id]
    assert QUOTED in page and OTHER in page
    assert data["respondents"] == 3
    questions = {q["prompt"]: q for part in data["sections"] for q in part["questions"]}
    assert questions["Une idée ?"]["quotations"] == [QUOTED]


def test_the_charts_are_kept_in_each_language(app, client, every_kind, computed):
    url = results_url(every_kind)
    english = text(client.get(url + "?lang=en"))
    french = text(client.get(url + "?lang=fr"))
    assert without_tokens(text(client.get(url + "?lang=en"))) == without_tokens(english)
    assert "66.7%" in english and "66.7%" not in french
    assert "66,7%" in french
    assert set(results_cache(app).peek(every_kind.id).fragments) == {"en", "fr"}
    assert computed == [every_kind.id]  # the figures once, their HTML once per language


def orm_objects(value):
    """The ORM objects reachable from `value` (dataclasses, lists, tuples, dicts)."""
    if isinstance(value, db.Model):
        return [value]
    if dataclasses.is_dataclass(value):
        value = [getattr(value, f.name) for f in dataclasses.fields(value)]
    elif isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    elif not isinstance(value, list | tuple):
        return []
    return [found for part in value for found in orm_objects(part)]


def test_only_plain_data_is_kept(app, client, every_kind):
    client.get(results_url(every_kind))
    kept = results_cache(app).peek(every_kind.id)
    assert kept.respondents == 3
    assert orm_objects(kept) == []
    # The quotations are the request's: none is kept.
    assert all(item.quotations == [] for item in kept.questions)


# What stays the reader's --------------------------------------------------------------------


def report_forms(html):
    return html.count('name="target_type" value="survey_answer"')


def test_report_buttons_and_links_are_the_readers_own(client, auth, agent, citizen, make_user,
                                                      every_kind):  # fmt: skip
    url = results_url(every_kind)
    link = f"/surveys/{every_kind.id}/questions/{every_kind.q('Une idée ?')}/answers"
    auth.login(agent)  # the first request: an organiser's
    assert link in client.get(url).get_data(as_text=True)
    auth.logout()
    visitor = client.get(url).get_data(as_text=True)
    assert link not in visitor and report_forms(visitor) == 0
    auth.login(citizen)  # wrote one of the two quotations
    assert report_forms(client.get(url).get_data(as_text=True)) == 1
    auth.logout()
    auth.login(make_user())
    html = client.get(url).get_data(as_text=True)
    assert report_forms(html) == 2
    [token] = set(re.findall(r'<meta name="csrf-token" content="([^"]+)"', html))
    assert set(re.findall(r'name="csrf_token" value="([^"]+)"', html)) == {token}


# Changes are seen on the next request -------------------------------------------------------


def test_picking_and_withdrawing_a_quotation_show_at_once(client, auth, agent, every_kind, fetch):
    url = results_url(every_kind)
    assert IDEA not in text(client.get(url))
    auth.login(agent)
    before = stamp_of(fetch, every_kind)
    quote(client, every_kind, answer_id(fetch, IDEA), "on")
    assert stamp_of(fetch, every_kind) > before  # in the same transaction as the pick
    assert IDEA in text(client.get(url))
    assert IDEA in text(client.get(f"/surveys/{every_kind.id}"))
    picked = stamp_of(fetch, every_kind)
    quote(client, every_kind, answer_id(fetch, IDEA), "on")  # the same state: nothing changes
    assert stamp_of(fetch, every_kind) == picked
    quote(client, every_kind, answer_id(fetch, IDEA), "off")
    assert stamp_of(fetch, every_kind) > picked
    assert IDEA not in text(client.get(url))
    assert QUOTED in text(client.get(url))


def test_a_moderator_hiding_and_restoring_a_quotation_shows_at_once(
    client, auth, moderator, every_kind, fetch
):
    url = results_url(every_kind)
    api = f"/api/v1/surveys/{every_kind.id}"
    assert QUOTED in text(client.get(url)) and QUOTED in client.get(api).text
    auth.login(moderator)
    before = stamp_of(fetch, every_kind)
    moderate(client, "hide", answer_id(fetch, QUOTED))
    assert stamp_of(fetch, every_kind) > before  # the `moderation_decision` signal
    assert QUOTED not in text(client.get(url))
    assert QUOTED not in client.get(api).text
    assert OTHER in text(client.get(url))
    hidden = stamp_of(fetch, every_kind)
    moderate(client, "restore", answer_id(fetch, QUOTED))
    assert stamp_of(fetch, every_kind) > hidden
    assert QUOTED in text(client.get(url))
    assert QUOTED in client.get(api).text


def test_reports_hiding_a_quotation_show_at_once(app, client, auth, make_user, moderator,
                                                 every_kind, fetch):  # fmt: skip
    """Reports hide a quotation, and a moderator dismissing them shows it again, without a
    moderation decision's signal: the quotations are read by every request."""
    url = results_url(every_kind)
    assert OTHER in text(client.get(url))
    for _ in range(app.config["MODERATION_AUTO_HIDE_REPORTS"]):
        reporter = app.test_client()
        AuthActions(reporter).login(make_user())
        response = reporter.post(
            "/moderation/report",
            data={"target_type": "survey_answer", "target_id": str(answer_id(fetch, OTHER)),
                  "reason": "spam", "note": "", "back": "/"},
        )  # fmt: skip
        assert response.status_code == 302
    assert OTHER not in text(client.get(url))
    assert QUOTED in text(client.get(url))
    auth.login(moderator)
    moderate(client, "dismiss", answer_id(fetch, OTHER))
    assert OTHER in text(client.get(url))


def test_a_moderation_decision_on_something_else_leaves_the_stamps(
    client, auth, moderator, make_problem, every_kind, fetch
):
    problem = make_problem()
    auth.login(moderator)
    before = stamp_of(fetch, every_kind)
    response = client.post(
        "/moderation/hide", data={"target_type": "idea", "target_id": str(problem.id),
                                  "reason": "Hors sujet"},
    )  # fmt: skip
    assert response.status_code == 302
    assert stamp_of(fetch, every_kind) == before


# Several processes --------------------------------------------------------------------------


def test_two_processes_never_show_stale_results(app, client, auth, new_app, agent, moderator,
                                                every_kind, fetch):  # fmt: skip
    other = new_app()
    other_client = other.test_client()
    url = results_url(every_kind)
    for reader in (client, other_client):
        assert IDEA not in text(reader.get(url))
        assert QUOTED in text(reader.get(url))
    assert every_kind.id in results_cache(app) and every_kind.id in results_cache(other)
    assert results_cache(app) is not results_cache(other)

    AuthActions(other_client).login(agent)  # the organiser picks through the other process
    quote(other_client, every_kind, answer_id(fetch, IDEA), "on")
    misses = results_cache(app).misses
    assert IDEA in text(client.get(url))
    assert results_cache(app).misses == misses + 1  # the stamp changed: computed again

    auth.login(moderator)  # a moderator hides one through the first
    moderate(client, "hide", answer_id(fetch, QUOTED))
    misses = results_cache(other).misses
    page = text(other_client.get(url))
    assert QUOTED not in page and IDEA in page
    assert results_cache(other).misses == misses + 1


def test_a_bumped_stamp_makes_every_process_compute_again(app, client, new_app, every_kind,
                                                         respond, computed):  # fmt: skip
    """Whatever changes published figures bumps the stamp; every process then computes them
    again on its next request (here a late response, which a published survey never takes)."""
    other_client = new_app().test_client()
    url = results_url(every_kind) + "?lang=en"
    for reader in (client, other_client):
        assert "3 responses sent" in text(reader.get(url))
    respond(every_kind, choice("Venez-vous ?", "Oui"))
    with app.app_context():
        db.session.execute(
            update(Survey).where(Survey.id == every_kind.id).values(updated_at=utcnow())
        )
        db.session.commit()
    for reader in (client, other_client):
        assert "4 responses sent" in text(reader.get(url))
    assert computed == [every_kind.id] * 4  # twice in each process


# Only published surveys, and only so many ----------------------------------------------------


@pytest.mark.parametrize("state", [SurveyStatus.OPEN, SurveyStatus.CLOSED])
def test_the_organisers_live_results_are_never_kept(app, client, auth, agent, make_survey, respond,
                                                    computed, state):  # fmt: skip
    built = make_survey(sections=EVERY_KIND, status=state)
    respond(built, choice("Venez-vous ?", "Oui"))
    auth.login(agent)
    url = results_url(built) + "?lang=en"
    assert "1 response sent" in text(client.get(url))
    respond(built, choice("Venez-vous ?", "Non"))
    assert "2 responses sent" in text(client.get(url))
    assert computed == [built.id, built.id]
    assert len(results_cache(app)) == 0


def test_publishing_shows_the_results_at_once(app, client, auth, agent, make_survey, respond):
    built = make_survey(sections=EVERY_KIND, status=SurveyStatus.CLOSED)
    respond(built, choice("Venez-vous ?", "Oui"))
    auth.login(agent)
    assert client.get(results_url(built)).status_code == 200
    response = client.post(f"/surveys/{built.id}/publish", data={"note": ""})
    assert response.status_code == 302
    auth.logout()
    assert "1 response sent" in text(client.get(results_url(built) + "?lang=en"))
    assert built.id in results_cache(app)


def test_the_cache_is_bounded(new_app, make_survey, respond, computed):
    small = new_app(SURVEY_RESULTS_CACHE_SIZE=2)
    reader = small.test_client()
    surveys = [make_survey(sections=EVERY_KIND, status=SurveyStatus.PUBLISHED) for _ in range(3)]
    for built in surveys:
        respond(built, choice("Venez-vous ?", "Oui"))
        assert reader.get(results_url(built)).status_code == 200
    kept = results_cache(small)
    assert len(kept) == 2
    assert surveys[0].id not in kept  # the least recently read left first
    assert reader.get(results_url(surveys[1])).status_code == 200  # kept: read, not computed
    assert reader.get(results_url(surveys[0])).status_code == 200  # computed again
    assert surveys[2].id not in kept and len(kept) == 2
    assert computed == [surveys[0].id, surveys[1].id, surveys[2].id, surveys[0].id]


def test_one_entry_per_survey_a_new_stamp_replaces_the_old():
    kept = ResultsCache(size=2)
    kept.put(1, "a", "first")
    assert kept.get(1, "a") == "first"
    assert kept.get(1, "b") is None  # another stamp: not used, and dropped
    assert len(kept) == 0
    kept.put(1, "b", "second")
    kept.put(2, "b", "other")
    assert kept.get(1, "b") == "second"  # read last: 2 leaves first
    kept.put(3, "b", "third")
    assert (1 in kept, 2 in kept, 3 in kept) == (True, False, True)
    assert (kept.hits, kept.misses) == (2, 1)
