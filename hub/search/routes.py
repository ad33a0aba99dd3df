"""/search — one search over everything the viewer may open — and `flask --app hub search …`."""

from __future__ import annotations

import time

import click
from flask import Blueprint, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user

from hub.extensions import db
from hub.htmx import render_page
from hub.search import engine_for, registry, service
from hub.search.query import MAX_CHARS, MAX_ITEMS, parse

bp = Blueprint("search", __name__, cli_group="search")

PERIOD_LABELS = {
    "week": _l("In the past week"),
    "month": _l("In the past month"),
    "year": _l("In the past year"),
}
SORT_LABELS = {"relevance": _l("Best match first"), "newest": _l("Newest first")}


def problem_message(problem: str | None) -> str:
    if problem == "only_excluded":
        return _("Add at least one word to look for: words with a minus in front are only left "
                 "out of the results.")
    if problem == "no_words":
        return _("There is nothing to look for in this search: type at least one word of "
                 "letters or digits.")
    return ""


def note_messages(notes: list[str]) -> list[str]:
    messages = []
    if "shortened" in notes:
        messages.append(ngettext(
            "Your search was very long: only its first character was used.",
            "Your search was very long: only its first %(num)s characters were used.",
            MAX_CHARS,
        ))
    if "too_many" in notes:
        messages.append(ngettext(
            "Only the first word or phrase of your search was used.",
            "Only the first %(num)s words and phrases of your search were used.",
            MAX_ITEMS,
        ))
    return messages


@bp.get("/search")
def search():
    query = parse(request.args.get("q", ""))
    filters = service.Filters.from_args(request.args)
    choices = service.partnership_choices()
    found = service.search(current_user, query, filters, choices) if query.ok else None
    return render_page(
        "search/page.html", "search/_results.html",
        query=query, filters=filters, found=found, choices=choices,
        types=registry.types(), types_by_name={t.name: t for t in registry.types()},
        periods=PERIOD_LABELS, sorts=SORT_LABELS, candidates=service.CANDIDATES,
        problem=problem_message(query.problem), notes=note_messages(query.notes),
    )


@bp.cli.command("reindex")
@click.option("--type", "kinds", multiple=True,
              help="Only this kind (partnership, town, thread, post, document, posting, "
                   "good_practice, glossary_term); repeat for several. Default: rebuild "
                   "everything.")
def reindex_command(kinds: tuple[str, ...]) -> None:
    """Rebuild the search index from the data."""
    from hub.search.sync import reindex

    unknown = [k for k in kinds if registry.get(k) is None]
    if unknown:
        raise click.BadParameter(", ".join(unknown), param_hint="--type")
    started = time.monotonic()

    def progress(done: int, total: int) -> None:
        if done == total or done % 100_000 == 0:
            click.echo(f"  {done}/{total}")

    counts = reindex(list(kinds) or None, echo=progress)
    db.session.commit()
    engine = engine_for(db.session).name
    total = sum(counts.values())
    click.echo(f"Indexed {total} rows on {engine} in {time.monotonic() - started:.1f} s: "
               + ", ".join(f"{kind} {n}" for kind, n in counts.items()))
