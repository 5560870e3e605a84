"""The application factory behind `platform.create_app()`."""

import os
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from platform import cli, demo, errors, i18n, security
from platform.config import ROOT, load_secret_key, settings_from_environment
from platform.database import configure_sqlite
from platform.extensions import babel, csrf, db, limiter, login_manager, migrate
from platform.text import render_markdown


def build_app(config=None):
    """Create and wire the application; see `platform.create_app`."""
    config = dict(config or {})
    instance_path = config.pop("INSTANCE_PATH", None) or os.environ.get("INSTANCE_PATH")
    instance_path = str(Path(instance_path or ROOT / "instance").resolve())
    app = Flask("platform", instance_path=instance_path, instance_relative_config=True)
    Path(instance_path).mkdir(parents=True, exist_ok=True)

    app.config.update(settings_from_environment(instance_path))
    app.config.update(config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = load_secret_key(instance_path)

    db.init_app(app)
    with app.app_context():
        configure_sqlite(db.engine)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale, timezone_selector=i18n.select_timezone)
    login_manager.init_app(app)

    _register_blueprints(app)
    app.add_template_filter(render_markdown, "markdown")
    i18n.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    cli.init_app(app)
    demo.init_app(app)
    _commit_at_end_of_request(app)
    _trust_proxies(app)
    return app


def _register_blueprints(app):
    """Register every feature, from the lowest layer up (docs/architecture.md): a feature's
    set-up may rely on what the ones below it registered."""
    from platform.accounts import bp as accounts_bp
    from platform.admin import bp as admin_bp
    from platform.api import bp as api_bp
    from platform.comments import bp as comments_bp
    from platform.experiments import bp as experiments_bp
    from platform.ideas import bp as problems_bp
    from platform.main import bp as main_bp
    from platform.moderation import bp as moderation_bp
    from platform.notifications import bp as notifications_bp
    from platform.personal_data import bp as personal_data_bp
    from platform.prototypes import bp as prototypes_bp
    from platform.surveys import bp as surveys_bp
    from platform.taxonomy import bp as taxonomy_bp
    from platform.timeline import bp as timeline_bp
    from platform.transparency import bp as transparency_bp

    app.register_blueprint(timeline_bp)
    app.register_blueprint(taxonomy_bp, url_prefix="/admin")
    app.register_blueprint(accounts_bp)
    app.register_blueprint(comments_bp, url_prefix="/comments")
    app.register_blueprint(problems_bp, url_prefix="/ideas")
    app.register_blueprint(prototypes_bp, url_prefix="/prototypes")
    app.register_blueprint(experiments_bp, url_prefix="/experiments")
    app.register_blueprint(surveys_bp, url_prefix="/surveys")
    app.register_blueprint(moderation_bp, url_prefix="/moderation")
    app.register_blueprint(notifications_bp, url_prefix="/notifications")
    app.register_blueprint(transparency_bp)
    app.register_blueprint(personal_data_bp)
    app.register_blueprint(admin_bp, url_prefix="/admin")
    app.register_blueprint(api_bp, url_prefix="/api")
    app.register_blueprint(main_bp)


def _trust_proxies(app):
    """Take the client's address and scheme from the TRUSTED_PROXIES nearest forwarding hops.

    Only as many as are really there: a client could otherwise write its own X-Forwarded-For
    and pick the address its rate limits are counted against.
    """
    hops = app.config["TRUSTED_PROXIES"]
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)


def _commit_at_end_of_request(app):
    """Commit once per request, after the view succeeded (DESIGN.md §5, flow of a request).

    Services only flush. A response of 400 or more (a form re-shown with its errors, a refused
    action, an error page) commits nothing: the session is rolled back when the request ends.
    """

    @app.after_request
    def commit_session(response):
        if response.status_code < 400:
            db.session.commit()
        else:
            db.session.rollback()
        return response
