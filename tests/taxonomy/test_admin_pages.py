"""Admins keep the themes and districts that problems and accounts name; nobody else can."""

import pytest
from sqlalchemy import func, select

from platform.accounts.models import User
from platform.extensions import db
from platform.ideas.models import Problem
from platform.roles import Role
from platform.taxonomy.models import District, Theme
from platform.text import fold
from tests.support.pages import text

MODELS = {"themes": Theme, "districts": District}


def named(model, slug, fr, position=0):
    return model(
        slug=slug, name_fr=fr, name_en=f"{fr} (en)", name_es=f"{fr} (es)", position=position
    )


@pytest.fixture
def make_item(app):
    """Store a theme or a district directly and return it, detached and loaded."""

    def make(kind, slug, fr, position=0):
        with app.app_context():
            item = named(MODELS[kind], slug, fr, position)
            db.session.add(item)
            db.session.commit()
            db.session.refresh(item)
            return item

    return make


@pytest.fixture
def make_problem(app, make_user):
    """Store a problem directly (no service) under a theme and, optionally, a district."""

    def make(theme, district=None):
        author = make_user()
        with app.app_context():
            problem = Problem(
                title="Des bancs à l'arrêt de bus",
                description="Il n'y a nulle part où s'asseoir.",
                search_text=fold("Des bancs à l'arrêt de bus"),
                theme_id=theme.id,
                district_id=district.id if district else None,
                author_id=author.id,
            )
            db.session.add(problem)
            db.session.commit()
            db.session.refresh(problem)
            return problem

    return make


def stored(fetch, kind):
    """What the table holds, as (slug, name_fr, name_en, name_es, position) in display order."""
    model = MODELS[kind]
    rows = fetch(lambda s: s.scalars(select(model).order_by(model.position, model.id)).all())
    return [(r.slug, r.name_fr, r.name_en, r.name_es, r.position) for r in rows]


def values(**changes):
    data = {
        "name_fr": "Vie nocturne",
        "name_en": "Night life",
        "name_es": "Vida nocturna",
        "slug": "vie-nocturne",
        "position": "5",
    }
    data.update(changes)
    return data


@pytest.fixture
def as_admin(client, auth, admin):
    auth.login(admin)
    return client


@pytest.mark.parametrize("kind", ["themes", "districts"])
def test_admin_adds_an_item(as_admin, fetch, kind):
    response = as_admin.post(f"/admin/{kind}", data=values())
    assert response.status_code == 302
    assert response.headers["Location"] == f"/admin/{kind}"
    assert stored(fetch, kind) == [
        ("vie-nocturne", "Vie nocturne", "Night life", "Vida nocturna", 5)
    ]
    page = text(as_admin.get(response.headers["Location"]))
    assert "« Vie nocturne » est ajouté" in page


@pytest.mark.parametrize("kind", ["themes", "districts"])
def test_list_shows_every_name_slug_and_position_in_order(as_admin, make_item, kind):
    make_item(kind, "second", "Deuxième", position=2)
    make_item(kind, "first", "Premier", position=1)
    page = text(as_admin.get(f"/admin/{kind}"))
    assert page.index("Premier") < page.index("Deuxième")
    for expected in ("Premier (en)", "Premier (es)", "<code>first</code>", "<td>1</td>"):
        assert expected in page


def test_theme_list_counts_the_problems_that_use_each_theme(as_admin, make_item, make_problem):
    used = make_item("themes", "mobilite", "Mobilité")
    make_problem(used)
    make_problem(used)
    page = text(as_admin.get("/admin/themes"))
    row = page.split('lang="fr">Mobilité</th>')[1].split("</tr>")[0]
    assert "<td>2</td>" in row


def test_list_speaks_the_page_language(as_admin, make_item):
    item = make_item("themes", "mobilite", "Mobilité")
    page = text(as_admin.get("/admin/themes?lang=es"))
    assert "<h1>Temas</h1>" in page
    assert '<th scope="row" lang="es">Mobilité (es)</th>' in page
    assert 'Eliminar<span class="visually-hidden"> – Mobilité (es)</span>' in page
    assert f"/admin/themes/{item.id}/edit" in page


@pytest.mark.parametrize("kind", ["themes", "districts"])
def test_admin_edits_an_item(as_admin, make_item, fetch, kind):
    item = make_item(kind, "port", "Le Port")
    form = text(as_admin.get(f"/admin/{kind}/{item.id}/edit"))
    assert 'value="Le Port (en)"' in form
    response = as_admin.post(
        f"/admin/{kind}/{item.id}/edit",
        data=values(name_fr="Le Vieux-Port", slug="vieux-port", position="3"),
    )
    assert response.status_code == 302
    assert stored(fetch, kind) == [
        ("vieux-port", "Le Vieux-Port", "Night life", "Vida nocturna", 3)
    ]
    assert "« Le Vieux-Port » est enregistré" in text(as_admin.get(response.headers["Location"]))


def test_an_item_keeps_its_own_slug_when_edited(as_admin, make_item, fetch):
    item = make_item("districts", "port", "Le Port")
    response = as_admin.post(f"/admin/districts/{item.id}/edit", data=values(slug="port"))
    assert response.status_code == 302
    assert stored(fetch, "districts")[0][0] == "port"


@pytest.mark.parametrize("kind", ["themes", "districts"])
def test_admin_deletes_an_unused_item(as_admin, make_item, fetch, kind):
    item = make_item(kind, "port", "Le Port")
    response = as_admin.post(f"/admin/{kind}/{item.id}/delete")
    assert response.status_code == 302
    assert stored(fetch, kind) == []
    assert "« Le Port » est supprimé" in text(as_admin.get(response.headers["Location"]))


BAD_INPUTS = [
    pytest.param({"name_fr": ""}, "Saisissez le nom en français.", id="empty-french-name"),
    pytest.param({"name_en": "   "}, "Saisissez le nom en anglais.", id="blank-english-name"),
    pytest.param(
        {"name_es": "x" * 101}, "Saisissez 100 caractères au maximum.", id="name-over-100"
    ),
    pytest.param({"slug": ""}, "Saisissez l'identifiant.", id="empty-slug"),
    pytest.param(
        {"slug": "Vie Nocturne"},
        "Utilisez seulement des lettres minuscules sans accents",
        id="slug-with-capitals-and-space",
    ),
    pytest.param(
        {"slug": "vie--nocturne"},
        "Utilisez seulement des lettres minuscules sans accents",
        id="slug-with-double-hyphen",
    ),
    pytest.param(
        {"slug": "élan"},
        "Utilisez seulement des lettres minuscules sans accents",
        id="slug-with-accent",
    ),
    pytest.param({"slug": "a" * 61}, "Saisissez 60 caractères au maximum.", id="slug-over-60"),
    pytest.param({"slug": "port"}, "Cet identifiant est déjà utilisé.", id="duplicate-slug"),
    pytest.param(
        {"position": "deux"}, "Saisissez un nombre entier, comme 3.", id="position-not-integer"
    ),
    pytest.param({"position": ""}, "Saisissez un nombre entier, comme 3.", id="position-empty"),
    pytest.param(
        {"position": "99999999999"},
        "Saisissez un nombre entier entre 0 et 9999.",
        id="position-too-large",
    ),
]


@pytest.mark.parametrize("kind", ["themes", "districts"])
@pytest.mark.parametrize(("changes", "message"), BAD_INPUTS)
def test_bad_input_on_adding_is_refused_with_a_message(
    as_admin, make_item, fetch, kind, changes, message
):
    make_item(kind, "port", "Le Port")
    before = stored(fetch, kind)
    response = as_admin.post(f"/admin/{kind}", data=values(**changes))
    assert response.status_code == 400
    page = text(response)
    assert message in page
    assert "<title>Erreur :" in page
    assert stored(fetch, kind) == before


@pytest.mark.parametrize(("changes", "message"), BAD_INPUTS)
def test_bad_input_on_editing_is_refused_with_a_message(
    as_admin, make_item, fetch, changes, message
):
    # Both kinds share the form and the service: adding is checked for each, editing for one.
    kind = "themes"
    make_item(kind, "port", "Le Port")
    item = make_item(kind, "gare", "La Gare", position=1)
    before = stored(fetch, kind)
    response = as_admin.post(f"/admin/{kind}/{item.id}/edit", data=values(**changes))
    assert response.status_code == 400
    assert message in text(response)
    assert stored(fetch, kind) == before


def test_duplicate_slug_caught_only_by_the_database_is_refused(app, make_item, monkeypatch):
    """Two admins adding the same slug at once: the unique constraint has the last word."""
    from platform.taxonomy import services

    make_item("themes", "port", "Le Port")
    monkeypatch.setattr(services, "_checked_slug", lambda model, item, slug: slug)
    with app.test_request_context():
        with pytest.raises(services.TaxonomyError) as refused:
            services.create_named_item(
                Theme, slug="port", name_fr="a", name_en="b", name_es="c", position=0
            )
        assert refused.value.field == "slug"
        assert db.session.scalar(select(func.count()).select_from(Theme)) == 1


def test_theme_used_by_a_problem_is_not_deleted(as_admin, make_item, make_problem, fetch):
    theme = make_item("themes", "mobilite", "Mobilité")
    problem = make_problem(theme)
    response = as_admin.post(f"/admin/themes/{theme.id}/delete")
    assert response.status_code == 302
    page = text(as_admin.get(response.headers["Location"]))
    assert "Le thème « Mobilité » ne peut pas être supprimé : 1 problème l'utilise." in page
    assert stored(fetch, "themes") == [
        ("mobilite", "Mobilité", "Mobilité (en)", "Mobilité (es)", 0)
    ]
    assert fetch(lambda s: s.get(Problem, problem.id)).theme_id == theme.id


def test_deleting_a_district_leaves_its_problems_and_accounts_without_one(
    as_admin, make_item, make_problem, make_user, fetch
):
    theme = make_item("themes", "mobilite", "Mobilité")
    district = make_item("districts", "port", "Le Port")
    kept = make_item("districts", "gare", "La Gare")
    resident = make_user(district_id=district.id)
    neighbour = make_user(district_id=kept.id)
    problem = make_problem(theme, district)
    response = as_admin.post(f"/admin/districts/{district.id}/delete")
    assert response.status_code == 302
    assert [row[0] for row in stored(fetch, "districts")] == ["gare"]
    assert fetch(lambda s: s.get(User, resident.id)).district_id is None
    assert fetch(lambda s: s.get(Problem, problem.id)).district_id is None
    assert fetch(lambda s: s.get(User, neighbour.id)).district_id == kept.id


@pytest.mark.parametrize("kind", ["themes", "districts"])
@pytest.mark.parametrize("action", ["edit", "delete"])
def test_missing_item_is_404(as_admin, kind, action):
    response = as_admin.post(f"/admin/{kind}/999999/{action}", data=values())
    assert response.status_code == 404


ROUTES = [
    ("get", "/admin/{kind}"),
    ("post", "/admin/{kind}"),
    ("get", "/admin/{kind}/{id}/edit"),
    ("post", "/admin/{kind}/{id}/edit"),
    ("post", "/admin/{kind}/{id}/delete"),
]


def request_route(client, method, route, kind, item):
    url = route.format(kind=kind, id=item.id)
    if method == "get":
        return client.get(url)
    return client.post(url, data=values(slug="intrus"))


@pytest.mark.parametrize("kind", ["themes", "districts"])
@pytest.mark.parametrize(("method", "route"), ROUTES)
@pytest.mark.parametrize("role", [Role.CITIZEN, Role.AGENT, Role.MODERATOR])
def test_only_admins_manage_themes_and_districts(
    client, auth, make_user, make_item, fetch, kind, method, route, role
):
    item = make_item(kind, "port", "Le Port")
    auth.login(make_user(role))
    assert request_route(client, method, route, kind, item).status_code == 403
    assert [row[0] for row in stored(fetch, kind)] == ["port"]


@pytest.mark.parametrize("kind", ["themes", "districts"])
@pytest.mark.parametrize(("method", "route"), ROUTES)
def test_visitor_is_sent_to_sign_in(client, make_item, fetch, kind, method, route):
    item = make_item(kind, "port", "Le Port")
    response = request_route(client, method, route, kind, item)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")
    assert [row[0] for row in stored(fetch, kind)] == ["port"]


def test_admin_pages_share_a_sub_navigation(as_admin):
    for url in ("/admin/users", "/admin/themes", "/admin/districts"):
        page = text(as_admin.get(url))
        nav = page.split('<nav class="sub-nav" aria-label="Administration">')[1].split("</nav>")[0]
        assert f'<a href="{url}" aria-current="page">' in nav
        for link in ("/admin/users", "/admin/themes", "/admin/districts"):
            assert f'href="{link}"' in nav


def district_fields(**changes):
    return {
        "slug": "port",
        "name_fr": "Le Port",
        "name_en": "The Harbour",
        "name_es": "El Puerto",
        "position": 0,
        **changes,
    }


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name_fr": " "}, "name_fr"),
        ({"name_es": "x" * 101}, "name_es"),
        ({"slug": "Port"}, "slug"),
        ({"slug": "port-"}, "slug"),
        ({"slug": "a" * 61}, "slug"),
        ({"position": -1}, "position"),
        ({"position": None}, "position"),
    ],
)
def test_service_applies_the_rules_without_the_form(app, changes, field):
    """The rules hold for every caller, not only for the admin pages' form."""
    from platform.taxonomy import services

    with app.test_request_context():
        with pytest.raises(services.TaxonomyError) as refused:
            services.create_named_item(District, **district_fields(**changes))
        assert refused.value.field == field
        assert db.session.scalar(select(func.count()).select_from(District)) == 0


def test_service_trims_names_and_slug(app):
    from platform.taxonomy import services

    with app.test_request_context():
        item = services.create_named_item(
            District, **district_fields(slug=" port\n", name_fr=" Le Port ")
        )
        assert (item.slug, item.name_fr) == ("port", "Le Port")
