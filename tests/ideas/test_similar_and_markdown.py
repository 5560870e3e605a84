"""Finding similar problems by their words, and rendering descriptions safely."""

from platform.ideas.listing import find_similar
from platform.text import keywords, render_markdown


def test_similar_finds_a_title_sharing_its_main_words(app, make_problem):
    target = make_problem(title="Les bus de nuit ne passent plus dans le quartier Nord")
    make_problem(title="Piscine municipale fermée le dimanche")
    make_problem(title="Nuit blanche : trop de bruit")
    with app.test_request_context():
        found = find_similar("Plus aucun bus de nuit au quartier Nord !")
    assert [problem.id for problem in found][0] == target.id
    assert all("Piscine" not in problem.title for problem in found)


def test_similar_needs_more_than_one_common_word(app, make_problem):
    make_problem(title="Trottoirs encombrés par les trottinettes")
    with app.test_request_context():
        assert find_similar("Les poubelles débordent sur les trottoirs du centre") == []


def test_keywords_drop_short_and_common_words():
    assert keywords("Les vélos de la Gare sont volés, les vélos !") == ["velos", "gare", "voles"]


def test_markdown_is_rendered_and_sanitized():
    html = render_markdown(
        "# Titre\n\n**gras** <script>alert(1)</script> [lien](javascript:alert(1)) "
        "[ok](https://example.org) <img src=x onerror=alert(1)>"
    )
    assert "<h2>Titre</h2>" in html
    assert "<strong>gras</strong>" in html
    assert "<script>" not in html and "onerror" not in html.split("&lt;img")[0]
    assert "javascript:" not in html.replace("[lien](javascript:alert(1))", "")
    assert '<a href="https://example.org" rel="nofollow noopener noreferrer">ok</a>' in html
