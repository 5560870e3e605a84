"""Surveys in a real browser: an agent builds one with a conditional question, a citizen answers
it with JavaScript, the agent publishes the results; another citizen answers the demo canteen
survey with JavaScript switched off, ranking by keyboard, the conditions deciding which pages
come. Selectors use forms' addresses and field names, not texts, where the texts are long."""

import re
from datetime import datetime, timedelta

from playwright.sync_api import expect

from platform.demo.surveys_text import CANTEEN as CANTEEN_SURVEY
from tests.e2e.conftest import sign_in
from tests.e2e.test_journeys import CAMILLE, SOPHIE, YANIS, suffix

CANTEEN = CANTEEN_SURVEY["title"]


def send(page, action_end):
    """Press the submit button of the form whose address ends with `action_end`."""
    page.locator(f"main form[action$='{action_end}'] button[type=submit]").first.click()


def add_question(page, link, kind, prompt, options="", condition=None):
    page.locator(link).click()
    page.select_option("#kind", kind)
    page.fill("#prompt", prompt)
    if options:
        page.fill("#options", options)
    if condition:
        page.get_by_label(condition, exact=True).check()
    page.locator("main form[action$='/questions/new'] button[type=submit]").click()
    expect(page.get_by_text(prompt).first).to_be_visible()


def test_agent_builds_a_conditional_survey_a_citizen_answers_and_results_are_published(new_page):
    tag = suffix()
    title = f"Enquête sur les horaires {tag}"
    agent = new_page()
    sign_in(agent, SOPHIE)
    agent.goto("/surveys/new")
    agent.fill("#title", title)
    agent.fill("#introduction", "Deux questions, une minute.")
    now = datetime.now()
    agent.fill("#opens_at", (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    agent.fill("#closes_at", (now + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"))
    send(agent, "/surveys/new")
    expect(agent).to_have_url(re.compile(r"/surveys/\d+/build$"))
    survey_url = agent.url.removesuffix("/build")

    add_question(agent, "a[href$='/questions/new']", "single_choice",
                 "Venez-vous le samedi ?", "Oui\nNon")  # fmt: skip
    agent.locator("main form[action$='/sections'] input[type=text]").first.fill("Le samedi")
    send(agent, "/sections")
    add_question(agent, "main a[href$='/questions/new'] >> nth=1", "long_text",
                 "Que faites-vous le samedi ?", condition="Oui")  # fmt: skip
    agent.goto(survey_url)
    send(agent, "/open")
    expect(agent.locator(".badge-survey-open")).to_be_visible()

    citizen = new_page()
    sign_in(citizen, CAMILLE)
    citizen.goto(survey_url)
    citizen.locator("main a[href$='/answer']").click()
    expect(citizen).to_have_url(re.compile(r"/answer/1$"))
    citizen.get_by_label("Oui", exact=True).check()
    send(citizen, "/answer/1")
    # "Oui": the conditional question of the second part is asked.
    expect(citizen).to_have_url(re.compile(r"/answer/2$"))
    citizen.get_by_label("Que faites-vous le samedi ?").fill("Le marché, puis la médiathèque.")
    send(citizen, "/answer/2")
    expect(citizen).to_have_url(re.compile(r"/answer/review$"))
    expect(citizen.get_by_text("Le marché, puis la médiathèque.")).to_be_visible()
    send(citizen, "/answer/submit")
    expect(citizen).to_have_url(re.compile(rf"{re.escape(survey_url)}$"))
    expect(citizen.locator(".flash-success").first).to_be_visible()

    agent.goto(survey_url)
    agent.once("dialog", lambda dialog: dialog.accept())  # "Close the survey now?"
    send(agent, "/close")
    expect(agent.locator(".badge-survey-closed")).to_be_visible()
    agent.fill("textarea[name=note]", "Le samedi compte pour tout le monde.")
    send(agent, "/publish")
    expect(agent.locator("#results-title")).to_be_visible()

    citizen.goto(survey_url)
    results = citizen.locator("section.results")
    expect(results.get_by_text("Le samedi compte pour tout le monde.")).to_be_visible()
    # One respondent, who chose "Oui": 100 %, in the chart and in the table beside it.
    expect(results.get_by_role("img", name=re.compile("1"))).not_to_have_count(0)
    expect(results.locator("td", has_text="100")).not_to_have_count(0)
    # Free texts stay private until the lab publishes them as quotations.
    expect(results.get_by_text("Le marché, puis la médiathèque.")).to_have_count(0)


def choose_rank_by_keyboard(page, select, rank):
    """Focus the select, then press the down arrow `rank` times ("Rank 1" is the first)."""
    select.focus()
    for _ in range(rank):
        page.keyboard.press("ArrowDown")


def test_without_javascript_a_citizen_answers_the_canteen_survey_as_the_conditions_say(
    browser, server
):
    context = browser.new_context(base_url=server, java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, YANIS)
        page.goto("/surveys/")
        page.get_by_role("link", name=CANTEEN).click()
        survey_url = page.url
        page.locator("main a[href$='/answer']").click()
        expect(page).to_have_url(re.compile(r"/answer/1$"))

        # "Jamais": the questions about the meals do not apply, their part is skipped.
        page.get_by_label("Jamais", exact=True).check()
        send(page, "/answer/1")
        expect(page).to_have_url(re.compile(r"/answer/3$"))

        # Changing the first answer brings the part about the meals in.
        page.goto(survey_url + "/answer/1")
        page.get_by_label("Tous les jours", exact=True).check()
        page.get_by_label("Le goût").check()
        send(page, "/answer/1")
        expect(page).to_have_url(re.compile(r"/answer/2$"))
        page.get_by_label(re.compile(r"^8$")).check()
        selects = page.locator("main select")
        expect(selects).to_have_count(4)
        for index in range(4):
            choose_rank_by_keyboard(page, selects.nth(index), 4 - index)
        assert [selects.nth(i).input_value() for i in range(4)] != ["", "", "", ""]
        send(page, "/answer/2")
        expect(page).to_have_url(re.compile(r"/answer/3$"))
        page.get_by_label("La qualité des repas – Bon").check()
        send(page, "/answer/3")
        expect(page).to_have_url(re.compile(r"/answer/review$"))
        expect(page.get_by_text("Le goût")).to_be_visible()
        send(page, "/answer/submit")
        expect(page).to_have_url(re.compile(rf"{re.escape(survey_url)}$"))
        expect(page.locator(".flash-success").first).to_be_visible()
    finally:
        context.close()
