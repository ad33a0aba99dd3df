"""PLACEHOLDER — replaced by the partnerships work."""
from flask import Blueprint

bp = Blueprint("partnerships", __name__)


@bp.get("/partnerships")
def directory():
    return "partnerships"


@bp.get("/p/<slug>")
def workspace(slug):
    return slug
