"""What a good practice comes from and points to: threads, posts, documents and completed
placements of the hub (which keep their own permissions) and outside links.

Sources are written one per line, "label URL" or just "URL"; links to the hub's own pages are
recognised and stored as references, so that a private thread is linked only for the people
who may read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import current_app, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from hub import permissions
from hub.exchange.models import Placement
from hub.extensions import db
from hub.goodpractices.models import GoodPracticeSource
from hub.moderation.targets import TARGETS
from hub.notifications.services import absolute, url_context

# Pages of the hub that become references: endpoint → (kind, name of the id in the URL).
ENDPOINT_KINDS = {
    "forum.thread": ("thread", "thread_id"),
    "forum.show_post": ("post", "post_id"),
    "library.document": ("document", "document_id"),
    "exchange.placement": ("placement", "placement_id"),
}


class SourceError(ValueError):
    pass


class PlacementKind:
    """A completed placement: what the posting was about and where it took place."""

    def load(self, target_id: int) -> Placement | None:
        return db.session.get(Placement, target_id)

    def load_many(self, ids) -> dict[int, Placement]:
        stmt = select(Placement).where(Placement.id.in_(set(ids))).options(
            joinedload(Placement.posting), joinedload(Placement.partnership)
        )
        return {p.id: p for p in db.session.scalars(stmt)} if ids else {}

    def label(self, placement: Placement) -> str:
        return placement.posting.title[:255]

    def language(self, placement: Placement) -> str:
        return placement.posting.language

    def partnership_id(self, placement: Placement) -> int:
        return placement.partnership_id

    def url(self, placement: Placement) -> str:
        with url_context():
            return url_for("exchange.placement", slug=placement.partnership.slug,
                           placement_id=placement.id)

    def can_view(self, user, placement: Placement) -> bool:
        return permissions.can_view_placement(user, placement)


KINDS = {"thread": TARGETS["thread"], "post": TARGETS["post"],
         "document": TARGETS["document"], "placement": PlacementKind()}


def kind_of(name: str):
    return KINDS.get(name)


def partnership_of(kind: str, obj):
    if kind == "post":
        return obj.thread.partnership
    return obj.partnership


@dataclass
class SourceLink:
    """A source as one reader sees it: a link, or a note that it exists without the link."""

    label: str
    url: str
    note: str = ""
    language: str = ""


def parse_sources(text: str) -> list[dict]:
    """Lines → source values; raises SourceError (a translated message) on the first bad one."""
    base = urlsplit(current_app.config["HUB_BASE_URL"])
    adapter = current_app.url_map.bind(base.netloc or "localhost")
    found: list[dict] = []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        label, _sep, url = line.rpartition(" ")
        label = label.strip().rstrip(":–—-").strip()[:255]
        parts = urlsplit(url)
        if url.startswith("/") and not url.startswith("//"):
            path = parts.path
        elif parts.scheme in {"http", "https"} and parts.netloc:
            if parts.netloc != base.netloc:
                found.append({"kind": "link", "target_id": None, "url": url[:500],
                              "label": label})
                continue
            path = parts.path
        else:
            raise SourceError(_("Line %(number)s: please give a link that starts with "
                                "https:// (or a page of the hub).", number=number))
        try:
            endpoint, values = adapter.match(path, method="GET")
        except (HTTPException, RequestRedirect):
            raise SourceError(_("Line %(number)s: this page does not exist in the hub.",
                                number=number)) from None
        if endpoint in ENDPOINT_KINDS:
            kind, id_name = ENDPOINT_KINDS[endpoint]
            if KINDS[kind].load(values[id_name]) is None:
                raise SourceError(_("Line %(number)s: this page does not exist in the hub.",
                                    number=number))
            found.append({"kind": kind, "target_id": values[id_name], "url": path[:500],
                          "label": label})
        else:
            found.append({"kind": "link", "target_id": None, "url": path[:500], "label": label})
    return found


def sources_text(sources: list[GoodPracticeSource]) -> str:
    """The stored sources as the lines the curation form shows."""
    lines = []
    for s in sources:
        url = absolute(s.url) if s.url.startswith("/") else s.url
        lines.append(f"{s.label} {url}".strip())
    return "\n".join(lines)


def links_for(user, sources: list[GoodPracticeSource]) -> list[SourceLink]:
    """What `user` may see of the sources: a statement per kind of reference, whatever their
    number."""
    wanted: dict[str, set[int]] = {}
    for s in sources:
        if s.kind in KINDS and s.target_id:
            wanted.setdefault(s.kind, set()).add(s.target_id)
    loaded = {kind: KINDS[kind].load_many(ids) for kind, ids in wanted.items()}
    links = []
    for s in sources:
        if s.kind not in KINDS:
            links.append(SourceLink(label=s.label or s.url, url=s.url))
            continue
        kind = KINDS[s.kind]
        obj = loaded.get(s.kind, {}).get(s.target_id)
        if obj is None or (s.kind == "document" and obj.deleted_at is not None):
            links.append(SourceLink(label=s.label, url="",
                                    note=_("This source is no longer available.")))
        elif kind.can_view(user, obj):
            links.append(SourceLink(label=s.label or kind.label(obj), url=kind.url(obj),
                                    language=kind.language(obj)))
        else:
            links.append(SourceLink(label="", url="", note=_(
                "A source in the workspace of “%(partnership)s”, for its members only.",
                partnership=partnership_of(s.kind, obj).name)))
    return links
