"""Settings come from the environment, with safe defaults."""

import stat

from platform import create_app
from platform.config import normalise_database_url, settings_from_environment


def test_secret_key_is_generated_once_into_the_instance_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    instance = tmp_path / "instance"
    first = create_app({"INSTANCE_PATH": str(instance)})
    key_file = instance / "secret_key"
    assert key_file.exists()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(first.config["SECRET_KEY"]) >= 64
    second = create_app({"INSTANCE_PATH": str(instance)})
    assert second.config["SECRET_KEY"] == first.config["SECRET_KEY"]
    for app in (first, second):
        with app.app_context():
            from platform.extensions import db

            db.engine.dispose()


def test_secret_key_from_the_environment_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    app = create_app({"INSTANCE_PATH": str(tmp_path)})
    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert not (tmp_path / "secret_key").exists()
    with app.app_context():
        from platform.extensions import db

        db.engine.dispose()


def test_defaults(monkeypatch, tmp_path):
    for name in ["DATABASE_URL", "REDIS_URL", "DEFAULT_LOCALE", "RATELIMIT_ENABLED", "APP_ENV"]:
        monkeypatch.delenv(name, raising=False)
    settings = settings_from_environment(tmp_path)
    assert settings["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'platform.db'}"
    assert settings["BABEL_DEFAULT_LOCALE"] == "fr"
    assert settings["REDIS_URL"] is None
    assert settings["RATELIMIT_STORAGE_URI"] == "memory://"
    assert settings["RATELIMIT_ENABLED"] is True
    assert settings["SESSION_COOKIE_SECURE"] is False


def test_environment_settings(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgres://app@db.internal/city")
    monkeypatch.setenv("REDIS_URL", "redis://cache.internal:6379/0")
    monkeypatch.setenv("RATELIMIT_ENABLED", "false")
    monkeypatch.setenv("DEFAULT_LOCALE", "es")
    settings = settings_from_environment(tmp_path)
    assert settings["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://app@db.internal/city"
    assert settings["RATELIMIT_STORAGE_URI"] == "redis://cache.internal:6379/0"
    assert settings["RATELIMIT_ENABLED"] is False
    assert settings["BABEL_DEFAULT_LOCALE"] == "es"


def test_database_url_normalisation():
    assert normalise_database_url("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"
    assert normalise_database_url("sqlite:///x.db") == "sqlite:///x.db"


def test_uploads_go_to_the_instance_folder_unless_told_otherwise(monkeypatch, tmp_path):
    monkeypatch.delenv("UPLOAD_FOLDER", raising=False)
    settings = settings_from_environment(tmp_path)
    assert settings["UPLOAD_FOLDER"] == str((tmp_path / "uploads").resolve())
    monkeypatch.setenv("UPLOAD_FOLDER", str(tmp_path / "shared"))
    assert settings_from_environment(tmp_path)["UPLOAD_FOLDER"] == str(tmp_path / "shared")


def test_requests_may_carry_more_than_one_image_allows(tmp_path):
    # So that a photo slightly over the cap gets the form's message rather than a 413 page.
    settings = settings_from_environment(tmp_path)
    assert settings["MAX_CONTENT_LENGTH"] > settings["MAX_IMAGE_BYTES"]
