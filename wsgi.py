"""WSGI entry point: `gunicorn wsgi:app` (set HUB_ENV=production and SECRET_KEY)."""

from hub import create_app

app = create_app()
