"""The exchange's routes, in modules by area, all on the one blueprint of blueprint.py."""

from hub.exchange import (  # noqa: F401 - the modules register their views on `bp`
    routes_applications,
    routes_board,
    routes_indicators,
    routes_placements,
    routes_postings,
)
from hub.exchange.blueprint import bp

__all__ = ["bp"]
