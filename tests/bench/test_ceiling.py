"""The bare-Flask ceiling renders the list's own card macro, so a change to that macro (or to
the shared macros it imports) must keep it rendering."""

import json

from bench.ceiling import create_app

CARD = {
    "id": 7,
    "title": "Des bancs au parc",
    "status": "proposed",
    "status_label": "Proposé",
    "theme": "Espaces verts",
    "district": None,
    "supports_count": 3,
    "comments_count": 1,
}


def test_ceiling_renders_the_cards_with_the_list_macro(tmp_path):
    cards = tmp_path / "cards.json"
    cards.write_text(json.dumps({"total": 1, "cards": [CARD]}))
    response = create_app(cards).test_client().get("/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'href="/ideas/7"' in page
    assert "Des bancs au parc" in page
    assert "/auth/login?next=/ideas/7" in page
