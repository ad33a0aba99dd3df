"""The library's views, gathered on one blueprint (see blueprint.py for what they share)."""

from hub.library import routes_documents, routes_files, routes_folders, routes_list  # noqa: F401
from hub.library.blueprint import bp

__all__ = ["bp"]
