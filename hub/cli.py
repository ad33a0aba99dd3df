"""Command-line tools: `flask --app hub <command>`."""

from __future__ import annotations

from flask import Flask


def register_commands(app: Flask) -> None:
    pass
