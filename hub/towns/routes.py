"""PLACEHOLDER — replaced by the towns work."""
from flask import Blueprint

bp = Blueprint("towns", __name__)


@bp.get("/towns")
def directory():
    return "towns"
