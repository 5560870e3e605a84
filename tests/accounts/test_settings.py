"""Account settings and password change."""

from platform.accounts.models import User
from platform.demo.taxonomy import seed_districts
from platform.extensions import db
from tests.conftest import PASSWORD, AuthActions
from tests.support.pages import text


def districts(app):
    with app.app_context():
        made = seed_districts()
        db.session.commit()
        return [(d.id, d.name_fr) for d in made]


def test_settings_change_name_language_and_district(app, client, auth, citizen, fetch):
    district_id, district_name = districts(app)[2]
    auth.login(citizen)
    page = client.get("/account/")
    assert district_name in text(page)
    response = client.post(
        "/account/",
        data={"display_name": "  Nouveau Nom ", "locale": "es", "district": str(district_id)},
    )
    assert response.status_code == 302
    stored = fetch(lambda s: s.get(User, citizen.id))
    assert (stored.display_name, stored.locale, stored.district_id) == (
        "Nouveau Nom",
        "es",
        district_id,
    )
    assert '<html lang="es">' in client.get("/").get_data(as_text=True)


def test_settings_district_can_be_left_unsaid(app, client, auth, make_user, fetch):
    district_id, _name = districts(app)[0]
    user = make_user(district_id=district_id)
    auth.login(user)
    client.post("/account/", data={"display_name": "X Y", "locale": "fr", "district": "0"})
    assert fetch(lambda s: s.get(User, user.id)).district_id is None


def test_settings_refuse_bad_input_and_change_nothing(app, client, auth, citizen, fetch):
    auth.login(citizen)
    for data, message in [
        ({"display_name": "", "locale": "fr", "district": "0"}, "Saisissez le nom"),
        ({"display_name": "x" * 81, "locale": "fr", "district": "0"}, "entre 2 et 80"),
        (
            {"display_name": "Ok Name", "locale": "de", "district": "0"},
            "Choisissez l'une des options",
        ),
        ({"display_name": "Ok Name", "locale": "fr", "district": "99999"}, "Choisissez l'une des"),
        ({"display_name": "Ok Name", "locale": "fr", "district": "abc"}, "Choisissez l'une des"),
    ]:
        response = client.post("/account/", data=data)
        assert response.status_code == 400, data
        assert message in text(response), data
    stored = fetch(lambda s: s.get(User, citizen.id))
    assert (stored.display_name, stored.locale) == (citizen.display_name, citizen.locale)


def test_change_password_then_sign_in_with_the_new_one(client, auth, citizen, fetch):
    auth.login(citizen)
    response = client.post(
        "/account/password",
        data={
            "current_password": PASSWORD,
            "new_password": "riviere pont lanterne",
            "confirm_password": "riviere pont lanterne",
        },
    )
    assert response.status_code == 302
    assert client.get("/account/").status_code == 200  # this session stays signed in
    auth.logout()
    assert auth.login(citizen, PASSWORD).status_code == 400
    assert auth.login(citizen, "riviere pont lanterne").status_code == 302


def test_change_password_signs_out_other_sessions(app, client, auth, citizen):
    other = app.test_client()  # a second browser
    auth.login(citizen)
    AuthActions(other).login(citizen)
    assert other.get("/account/").status_code == 200
    client.post(
        "/account/password",
        data={
            "current_password": PASSWORD,
            "new_password": "riviere pont lanterne",
            "confirm_password": "riviere pont lanterne",
        },
    )
    assert other.get("/account/").status_code == 302


def test_change_password_refuses_bad_input(client, auth, citizen, fetch):
    auth.login(citizen)
    before = fetch(lambda s: s.get(User, citizen.id)).password_hash
    for data, message in [
        (
            {
                "current_password": "wrong one!",
                "new_password": "riviere pont lanterne",
                "confirm_password": "riviere pont lanterne",
            },
            "mot de passe actuel",
        ),
        (
            {"current_password": PASSWORD, "new_password": "court", "confirm_password": "court"},
            "au moins 10 caractères",
        ),
        (
            {
                "current_password": PASSWORD,
                "new_password": "riviere pont lanterne",
                "confirm_password": "autre chose",
            },
            "sont différents",
        ),
    ]:
        response = client.post("/account/password", data=data)
        assert response.status_code == 400, data
        assert message in text(response), data
    assert fetch(lambda s: s.get(User, citizen.id)).password_hash == before
