"""axe-core finds no WCAG 2.1 A/AA violation on the main pages, in every language, at 320 and
1280 pixels wide, signed out and signed in (DESIGN.md §9)."""

import re
from importlib.resources import files

import pytest

from platform.demo.surveys_text import CANTEEN as CANTEEN_SURVEY
from platform.demo.surveys_text import ELEVATOR as ELEVATOR_SURVEY
from platform.demo.surveys_text import ID_CARD as ID_CARD_SURVEY
from tests.e2e.conftest import sign_in

CANTEEN, ELEVATOR, ID_CARD = (s["title"] for s in (CANTEEN_SURVEY, ELEVATOR_SURVEY, ID_CARD_SURVEY))

AXE = (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

PUBLIC = [
    "/", "/ideas/", "/ideas/?sort=top&theme=mobilite", "{problem}", "/prototypes/", "{prototype}",
    "/experiments/", "{experiment}", "/surveys/", "{survey}", "{published_survey}",
    "{published_survey}/results", "/stats", "{report}", "/terms", "/accessibility",
    "/auth/login", "/auth/register", "/no-such-page",
]  # fmt: skip
SIGNED_IN = {
    "camille.martin@example.org": [
        "/ideas/new",
        "/account/",
        "/account/password",
        "{problem}",
        "/notifications/",
        "/notifications/settings",
        "/account/delete",
        "{survey}/answer/1",
        "{survey}/answer/3",
        "{survey}/answer/review",
    ],
    "sophie.bernard@example.org": [
        "{prototype}",
        "{experiment}",
        "{new_version}",
        "{survey}",
        "{survey}/build",
        "{draft_survey}/build",
        "{draft_question}",
        "{survey}/results",
        "{text_answers}",
        "/surveys/new",
    ],
    "karim.haddad@example.org": ["/moderation/", "/moderation/log"],
    "admin@example.org": ["/admin/users", "/admin/themes", "/admin/districts"],
}


def first_link(page, list_path, prefix):
    """The first link of the list to one item's page (`prefix` followed by its id)."""
    page.goto(list_path)
    hrefs = page.locator(f"main a[href^='{prefix}']").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )
    return next(href for href in hrefs if re.fullmatch(rf"{re.escape(prefix)}\d+", href))


@pytest.fixture(scope="module")
def paths(browser, server):
    context = browser.new_context(base_url=server)
    page = context.new_page()
    found = {
        "problem": first_link(page, "/ideas/?sort=discussed", "/ideas/"),
        "prototype": first_link(page, "/prototypes/", "/prototypes/"),
        "experiment": first_link(page, "/experiments/", "/experiments/"),
        "report": first_link(page, "/stats", "/report/"),
    }
    found["new_version"] = found["prototype"] + "/versions/new"
    surveys = {s["title"]: s for s in page.request.get("/api/v1/surveys").json()["data"]}
    found["survey"] = f"/surveys/{surveys[CANTEEN]['id']}"
    published = surveys[ID_CARD]["id"]
    found["published_survey"] = f"/surveys/{published}"
    detail = page.request.get(f"/api/v1/surveys/{published}").json()["data"]
    texts = [
        q["id"] for s in detail["sections"] for q in s["questions"] if q["kind"] == "long_text"
    ]
    found["text_answers"] = f"/surveys/{published}/questions/{texts[0]}/answers"
    sign_in(page, "sophie.bernard@example.org")
    page.goto("/surveys/")  # the draft is listed for the lab only
    found["draft_survey"] = page.get_by_role("link", name=ELEVATOR).first.get_attribute("href")
    page.goto(found["draft_survey"] + "/build")
    found["draft_question"] = page.locator(
        "main a[href$='/edit'][href*='/questions/']"
    ).first.get_attribute("href")
    context.close()
    return found


def violations(page):
    page.evaluate(AXE)  # the test's own context bypasses the site's CSP for this script only
    return page.evaluate(
        """async rules => (await axe.run(document, {runOnly: rules})).violations.map(
            v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')}`)""",
        RULES,
    )


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("lang", ["fr", "en", "es"])
@pytest.mark.parametrize("account", [None, *SIGNED_IN])
def test_no_accessibility_violations(browser, server, paths, account, lang, width):
    context = browser.new_context(
        base_url=server, viewport={"width": width, "height": 900}, bypass_csp=True
    )
    page = context.new_page()
    try:
        page.goto(f"/?lang={lang}")
        if account:
            sign_in(page, account)
        found = {}
        for path in PUBLIC if account is None else SIGNED_IN[account]:
            page.goto(path.format(**paths))
            assert page.locator("html").get_attribute("lang") == lang
            problems = violations(page)
            if problems:
                found[path] = problems
        assert found == {}
    finally:
        context.close()
