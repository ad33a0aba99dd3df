"""Twinning Hub: the shared workplace of town-twinning partnerships."""

from __future__ import annotations

import logging
import os

from flask import Flask

from hub.config import CONFIGS, ROOT, check_production


def create_app(config: str | dict | None = None) -> Flask:
    """Build the app. `config` is a config name, a mapping of overrides, or None (HUB_ENV)."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(ROOT / "instance"),
    )
    configure_settings(app, config)
    configure_logging(app)
    configure_extensions(app)
    configure_i18n(app)
    configure_templates(app)
    configure_blueprints(app)
    configure_errors(app)
    configure_requests(app)
    configure_cli(app)
    return app


def configure_settings(app: Flask, config: str | dict | None) -> None:
    overrides = config if isinstance(config, dict) else {}
    name = config if isinstance(config, str) else overrides.get("ENV_NAME")
    name = name or os.environ.get("HUB_ENV", "development")
    app.config.from_object(CONFIGS[name])
    app.config.update(overrides)
    if app.config["ENV_NAME"] == "production":
        check_production(app.config)
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("postgres://") or uri.startswith("postgresql://"):
        # psycopg 3 is the driver we install.
        uri = "postgresql+psycopg://" + uri.split("://", 1)[1]
        app.config["SQLALCHEMY_DATABASE_URI"] = uri
    if uri.startswith("sqlite:///"):
        os.makedirs(app.instance_path, exist_ok=True)


def configure_logging(app: Flask) -> None:
    if not app.debug and not app.testing:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
        # Alembic announces each of its plugins at import: noise in every `flask` command.
        logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)


def configure_extensions(app: Flask) -> None:
    from hub.extensions import csrf, db, htmx, limiter, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    htmx.init_app(app)
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    limiter.init_app(app)
    login_manager.init_app(app)
    from hub.accounts.login import configure_login

    configure_login(app)
    import hub.models  # noqa: F401 - every model registered before the first query


def configure_i18n(app: Flask) -> None:
    from hub.extensions import babel
    from hub.i18n import escape_lazy_strings, select_locale, select_timezone

    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    escape_lazy_strings()


def configure_templates(app: Flask) -> None:
    from hub.templating import register_template_helpers

    register_template_helpers(app)


def configure_blueprints(app: Flask) -> None:
    from hub.accounts.routes import bp as accounts
    from hub.admin.proposals import bp as proposals
    from hub.admin.routes import bp as admin
    from hub.core.routes import bp as core
    from hub.forum.routes import bp as forum
    from hub.library.routes import bp as library
    from hub.notifications.routes import bp as notifications
    from hub.partnerships.routes import bp as partnerships
    from hub.towns.routes import bp as towns

    for blueprint in (core, accounts, towns, partnerships, admin, proposals, library):
        app.register_blueprint(blueprint)
    app.register_blueprint(forum)
    app.register_blueprint(notifications)
    from hub.exchange.routes import bp as exchange

    app.register_blueprint(exchange)
    from hub.goodpractices.routes import bp as good_practices
    from hub.moderation.routes import bp as moderation

    app.register_blueprint(moderation)
    app.register_blueprint(good_practices)
    from hub.search.routes import bp as search

    app.register_blueprint(search)
    from hub.translations.routes import bp as translations

    app.register_blueprint(translations)


def configure_errors(app: Flask) -> None:
    from hub.core.errors import register_error_handlers

    register_error_handlers(app)


def configure_requests(app: Flask) -> None:
    from hub.core.lifecycle import register_request_hooks

    register_request_hooks(app)


def configure_cli(app: Flask) -> None:
    from hub.cli import register_commands

    register_commands(app)
