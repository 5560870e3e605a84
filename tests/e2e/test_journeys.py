"""End-to-end journeys through the platform in a real browser, in French (the default).

Each journey creates its own problems, prototypes and experiments (titles with a unique suffix)
because the server's database is shared by every e2e test of the session.

Keyboard paths: registration (journey 1) is done with the keyboard only; the overall rating of
the prototype feedback (journey 2) is chosen with the arrow keys; the report form (journey 4) is
opened, filled and sent with the keyboard; in journey 3 a citizen reaches the waiting-list button
with the Tab key and presses Enter.
"""

import re
from datetime import datetime, timedelta
from uuid import uuid4

from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

CAMILLE = "camille.martin@example.org"
YANIS = "yanis.benali@example.org"
LUCIA = "lucia.fernandez@example.org"
SOPHIE = "sophie.bernard@example.org"
KARIM = "karim.haddad@example.org"


def tab_to(page, target, limit=80):
    """Press Tab, as a keyboard user would, until `target` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError("the element cannot be reached with the Tab key")


def suffix():
    return uuid4().hex[:6]


def propose(page, title, description="Un problème décrit pour un test de bout en bout."):
    """Propose a problem from a signed-in page and return its URL."""
    page.goto("/ideas/new")
    page.fill("#title", title)
    page.fill("#description", description)
    page.select_option("#theme", index=1)
    with page.expect_navigation():  # the next page is either the problem or similar problems
        page.get_by_role("button", name="Continuer").click()
    if page.get_by_role("heading", name="Des problèmes semblables existent déjà").count():
        page.get_by_role("button", name="Publier mon problème").click()
    expect(page.locator("h1")).to_have_text(title)
    return page.url


def select_problem(page, url):
    """As the lab, move a proposed problem to "selected"."""
    page.goto(url)
    page.select_option("#status", "selected")
    page.fill("#note", "Retenu par le laboratoire pour un test.")
    page.get_by_role("button", name="Modifier l'étape").click()
    expect(page.locator(".badge-selected").first).to_be_visible()


def test_citizen_registers_proposes_supports_comments_replies_and_switches_language(new_page):
    page = new_page()
    tag = suffix()
    name = f"Nadia {tag}"
    page.goto("/auth/register")
    # Keyboard only: focus the first field, then type, Tab, Space and Enter.
    page.focus("#email")
    page.keyboard.type(f"nadia.{tag}@example.org")
    page.keyboard.press("Tab")
    expect(page.locator("#display_name")).to_be_focused()
    page.keyboard.type(name)
    page.keyboard.press("Tab")
    expect(page.locator("#password")).to_be_focused()
    page.keyboard.type("tram velo boulangerie")
    page.keyboard.press("Tab")
    expect(page.locator("#terms")).to_be_focused()
    page.keyboard.press("Space")
    expect(page.locator("#terms")).to_be_checked()
    page.keyboard.press("Enter")
    expect(page.locator(".account-nav")).to_contain_text(name)

    title = f"Bancs absents à l'arrêt de bus {tag}"
    mine = propose(page, title, "Aucun banc pour attendre le bus, pénible pour les aînés.")

    # Support the first listed problem that is not ours.
    page.goto("/ideas/?sort=top")
    button = (
        page.locator(".list-card")
        .filter(has_not_text=title)
        .get_by_role("button", name=re.compile("^Soutenir"))
    )
    problem_id = button.first.locator("xpath=ancestor::form").get_attribute("data-problem")
    counter = page.locator(f"[data-role=supports-count][data-problem='{problem_id}']").first
    before = int(re.search(r"\d+", counter.inner_text()).group())
    page.locator(f"form.support-form[data-problem='{problem_id}'] button").click()
    expect(counter).to_contain_text(f"{before + 1} soutien")
    page.reload()
    expect(counter).to_contain_text(f"{before + 1} soutien")

    # Comment on our problem, then reply to the comment.
    page.goto(mine)
    comment = f"Il faudrait au moins deux bancs {tag}."
    page.fill("#body", comment)
    page.get_by_role("button", name="Publier mon commentaire").click()
    item = page.locator(".comment-list > li.comment").filter(has_text=comment)
    expect(item).to_be_visible()
    item.locator("summary", has_text="Répondre").first.click()
    reply = f"Et un abri contre la pluie {tag}."
    item.locator("textarea[name=body]").first.fill(reply)
    item.get_by_role("button", name="Envoyer ma réponse").first.click()
    item = page.locator(".comment-list > li.comment").filter(has_text=comment)
    expect(item.locator(".comment-body").first).to_have_text(comment)
    expect(item.locator(".replies .comment-body")).to_have_text(reply)

    # Switch to Spanish.
    page.locator(".language-nav").get_by_role("link", name="Español").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator(".main-nav")).to_contain_text("Problemas")


def test_agent_selects_publishes_prototype_and_version_then_citizen_gives_feedback(new_page):
    tag = suffix()
    citizen = new_page()
    sign_in(citizen, CAMILLE)
    problem_url = propose(citizen, f"Horaires de la médiathèque illisibles {tag}")

    agent = new_page()
    sign_in(agent, SOPHIE)
    select_problem(agent, problem_url)
    agent.get_by_role("link", name="Lancer un prototype").click()
    prototype_title = f"Affiche d'horaires simplifiée {tag}"
    agent.fill("#title", prototype_title)
    agent.fill("#summary", "Une affiche lisible en un coup d'œil.")
    agent.fill("#description", "Une affiche A3 avec les horaires en grand, par jour.")
    agent.fill("#questions-0-text", "Trouvez-vous l'heure de fermeture facilement ?")
    agent.select_option("#questions-0-kind", "scale")
    agent.get_by_role("button", name="Publier pour les tests").click()
    expect(agent.locator("h1")).to_have_text(prototype_title)
    prototype_url = agent.url

    agent.get_by_role("link", name="Publier une nouvelle version").click()
    agent.fill("#changes", "Les jours fériés sont indiqués en rouge.")
    agent.get_by_role("button", name="Publier cette version").click()
    expect(agent.locator("#current-title")).to_have_text("Version 2")

    citizen.goto(prototype_url)
    # Keyboard: focus the first rating radio, then the arrow keys move the choice to 4.
    citizen.locator("#rating input[type=radio]").first.focus()
    citizen.keyboard.press("Space")
    for _ in range(3):
        citizen.keyboard.press("ArrowRight")
    expect(citizen.locator("#rating").get_by_label("4", exact=True)).to_be_checked()
    scale = citizen.locator(".feedback-panel fieldset").filter(
        has_text="Trouvez-vous l'heure de fermeture facilement ?"
    )
    scale.get_by_label("5", exact=True).check()
    citizen.get_by_role("button", name="Envoyer mon avis").click()
    expect(citizen.get_by_text("1 testeur", exact=False).first).to_be_visible()


def test_agent_opens_experiment_citizens_join_until_full_and_one_waits(new_page):
    tag = suffix()
    citizen = new_page()
    sign_in(citizen, CAMILLE)
    problem_url = propose(citizen, f"Trop d'attente au guichet de l'état civil {tag}")

    agent = new_page()
    sign_in(agent, SOPHIE)
    select_problem(agent, problem_url)
    agent.get_by_role("link", name="Préparer une expérimentation").click()
    start = (datetime.now() + timedelta(days=5)).replace(hour=14, minute=0)
    end = start + timedelta(hours=2)
    title = f"Atelier file d'attente {tag}"
    agent.select_option("#method", "workshop")
    agent.fill("#title", title)
    agent.fill("#description", "Imaginer ensemble un accueil plus rapide.")
    agent.fill("#involvement", "Deux heures d'atelier en petit groupe.")
    agent.fill("#location", "Mairie, salle du conseil")
    agent.fill("#starts_at", start.strftime("%Y-%m-%dT%H:%M"))
    agent.fill("#ends_at", end.strftime("%Y-%m-%dT%H:%M"))
    agent.fill("#capacity", "2")
    agent.get_by_role("button", name="Préparer l'expérimentation").click()
    expect(agent.locator("h1")).to_have_text(title)
    agent.get_by_role("button", name="Ouvrir les inscriptions").click()
    experiment_url = agent.url

    for email in (CAMILLE, YANIS):
        page = new_page()
        sign_in(page, email)
        page.goto(experiment_url)
        page.get_by_role("button", name="S'inscrire", exact=True).click()
        expect(page.get_by_text("Vous êtes inscrit(e).").first).to_be_visible()

    page = new_page()
    sign_in(page, LUCIA)
    page.goto(experiment_url + "?lang=fr")  # Lucía's account speaks Spanish; this page, French
    # Keyboard only: Tab through the page until the button has the focus, then Enter.
    tab_to(page, page.get_by_role("button", name="S'inscrire sur la liste d'attente"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("numéro 1 sur la liste d'attente").first).to_be_visible()

    agent.goto(experiment_url)
    panel = agent.locator(".lab-panel")
    expect(panel.get_by_role("heading", name="2 participants")).to_be_visible()
    expect(panel.get_by_role("heading", name="1 personne sur la liste d'attente")).to_be_visible()


def test_moderator_handles_a_report(new_page):
    tag = suffix()
    author = new_page()
    sign_in(author, YANIS)
    title = f"Achetez mes chaussures pas chères {tag}"
    problem_url = propose(author, title, "Promotion sur des chaussures, rien à voir avec la ville.")
    problem_id = problem_url.rstrip("/").rsplit("/", 1)[-1]

    reporter = new_page()
    sign_in(reporter, CAMILLE)
    reporter.goto(problem_url)
    # Keyboard: open the disclosure with Enter, choose the reason, Tab to the button, Enter.
    report = reporter.locator("aside details.report")
    report.locator("summary").focus()
    reporter.keyboard.press("Enter")
    reason = report.locator("select[name=reason]")
    expect(reason).to_be_visible()
    reason.select_option("off_topic")
    report.locator("textarea[name=note]").focus()
    reporter.keyboard.type("Publicité.")
    reporter.keyboard.press("Tab")
    expect(report.get_by_role("button", name=re.compile("Envoyer le signalement"))).to_be_focused()
    reporter.keyboard.press("Enter")
    expect(reporter.locator(".flash-success")).to_be_visible()

    moderator = new_page()
    sign_in(moderator, KARIM)
    moderator.goto("/moderation/")
    entry = moderator.locator("ul.queue > li").filter(has_text=title)
    expect(entry).to_be_visible()
    entry.locator(f"#hide-idea-{problem_id}").fill("Publicité sans rapport avec la ville.")
    entry.get_by_role("button", name=re.compile("^Masquer")).click()
    expect(moderator.locator(".flash-success")).to_be_visible()

    visitor = new_page()
    visitor.goto(problem_url)
    expect(visitor.locator("h1")).to_have_text("Masqué par la modération")


def test_withdrawing_a_problem_asks_first_and_cancelling_keeps_it(new_page):
    """The confirmation of a POST button (data-confirm): dismissed, nothing is sent."""
    page = new_page()
    sign_in(page, CAMILLE)
    url = propose(page, f"Un banc cassé près de l'école {suffix()}")
    withdraw = page.get_by_role("button", name="Retirer mon problème")
    asked = []

    def answer(dialog, accept):
        asked.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, accept=False))
    withdraw.click()
    expect(withdraw).to_be_visible()
    assert asked == [
        "Retirer ce problème\u00a0? Il reste consultable mais n'apparaît plus dans la liste."
    ]
    page.goto(url)
    expect(page.get_by_text("Son auteur a retiré ce problème")).to_have_count(0)

    page.once("dialog", lambda dialog: answer(dialog, accept=True))
    with page.expect_navigation():
        withdraw.click()
    expect(page.get_by_text("Son auteur a retiré ce problème")).to_be_visible()
