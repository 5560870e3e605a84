"""The layout, public pages, error pages, security headers and the health check."""

import re

import pytest

from platform import create_app
from tests.support.pages import text

PUBLIC_PAGES = ["/", "/terms", "/accessibility", "/auth/login", "/auth/register"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_has_the_accessible_layout(client, path):
    response = client.get(path)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert page.count("<h1") == 1
    assert '<a class="skip-link" href="#main">' in page
    assert '<main id="main"' in page
    assert "<header" in page and "<footer" in page
    assert re.search(r'<nav class="language-nav" aria-label="[^"]+">', page)
    assert '<meta name="viewport"' in page
    # Scripts only enhance (everything works without them) and never run inline.
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/js/enhance.js" defer>']


@pytest.mark.parametrize("path", [*PUBLIC_PAGES, "/healthz", "/missing-page"])
def test_security_headers_on_every_response(client, path):
    headers = client.get(path).headers
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_stylesheet_is_served_locally(client):
    page = client.get("/").get_data(as_text=True)
    hrefs = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page)
    assert hrefs and all(href.startswith("/static/") for href in hrefs)
    stylesheet = client.get(hrefs[0])
    assert stylesheet.status_code == 200
    assert stylesheet.content_type.startswith("text/css")
    stylesheet.close()


def test_form_fields_have_labels_and_hints(client):
    page = client.get("/auth/register").get_data(as_text=True)
    for field in ["email", "display_name", "password", "terms"]:
        assert (
            f'<label for="{field}"' in page
            or f'<label class="checkbox-label" for="{field}"' in page
        )
    assert 'aria-describedby="email-hint"' in page


@pytest.mark.parametrize(
    ("path", "status", "title"),
    [
        ("/no-such-page", 404, "Page introuvable"),
        ("/auth/logout", 405, "Action non autorisée"),
    ],
)
def test_error_pages_are_translated(client, path, status, title):
    response = client.get(path)
    assert response.status_code == status
    assert title in text(response)
    assert "<h1>" in response.get_data(as_text=True)


def test_404_in_spanish(client):
    assert "Página no encontrada" in text(client.get("/no-such-page?lang=es"))


def test_403_page(client, auth, citizen):
    auth.login(citizen)
    response = client.get("/admin/users")
    assert response.status_code == 403
    assert "Accès refusé" in text(response)


def test_500_page_is_translated_and_rolls_back(app, client):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/boom")
    def boom():
        raise RuntimeError("unexpected")

    response = client.get("/boom?lang=es")
    assert response.status_code == 500
    assert "Algo salió mal" in text(response)


def test_healthz_reports_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_healthz_reports_unreachable_database(tmp_path):
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/missing/dir/db.sqlite",
            "SECRET_KEY": "x",
            "INSTANCE_PATH": str(tmp_path / "instance"),
        }
    )
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unreachable"
    with app.app_context():
        from platform.extensions import db

        db.engine.dispose()
