"""The exchange's notifications: the kinds (each a sentence rendered in the reader's language),
who is told, and the links they carry.

The kinds are registered with the notifications feature at import; `notify()` stores the actor's
name and the posting's title, so the sentence can be rendered later in the reader's language.
"""

from __future__ import annotations

from flask import current_app, has_request_context, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from hub.accounts.models import User
from hub.exchange.models import Application, Placement, Posting
from hub.extensions import db
from hub.notifications.services import notify, register_kind
from hub.partnerships.models import Membership

SENTENCES = {
    "exchange.posting_submitted": lambda n: _(
        "%(actor)s asks you to approve the posting “%(subject)s”",
        actor=n.actor_name, subject=n.subject,
    ),
    "exchange.posting_published": lambda n: _(
        "%(actor)s approved your posting “%(subject)s”: it is open now",
        actor=n.actor_name, subject=n.subject,
    ),
    "exchange.posting_returned": lambda n: _(
        "%(actor)s sent your posting “%(subject)s” back to you as a draft",
        actor=n.actor_name, subject=n.subject,
    ),
    "exchange.posting_full": lambda n: _(
        "Every place of “%(subject)s” is taken: the offer has closed", subject=n.subject
    ),
    "exchange.applied": lambda n: _(
        "%(actor)s applied to “%(subject)s” and waits for your endorsement",
        actor=n.actor_name, subject=n.subject,
    ),
    "exchange.to_decide": lambda n: _(
        "A new endorsed application to “%(subject)s” waits for your decision",
        subject=n.subject,
    ),
    "exchange.endorsed": lambda n: _(
        "%(actor)s endorsed your application to “%(subject)s”",
        actor=n.actor_name, subject=n.subject,
    ),
    "exchange.not_endorsed": lambda n: _(
        "%(actor)s did not endorse your application to “%(subject)s”",
        actor=n.actor_name, subject=n.subject,
    ),
    "exchange.shortlisted": lambda n: _(
        "%(actor)s put your application to “%(subject)s” on the shortlist",
        actor=n.actor_name, subject=n.subject,
    ),
    "exchange.accepted": lambda n: _(
        "%(actor)s accepted your application to “%(subject)s”",
        actor=n.actor_name, subject=n.subject,
    ),
    "exchange.declined": lambda n: _(
        "%(actor)s declined your application to “%(subject)s”",
        actor=n.actor_name, subject=n.subject,
    ),
    "exchange.accepted_other": lambda n: _(
        "%(actor)s accepted an application to “%(subject)s”",
        actor=n.actor_name, subject=n.subject,
    ),
    "exchange.declined_other": lambda n: _(
        "%(actor)s declined an application to “%(subject)s”",
        actor=n.actor_name, subject=n.subject,
    ),
    "exchange.withdrawn": lambda n: _(
        "%(actor)s withdrew their application to “%(subject)s”",
        actor=n.actor_name, subject=n.subject,
    ),
    "exchange.report_written": lambda n: _(
        "%(actor)s wrote their report on the exchange “%(subject)s”",
        actor=n.actor_name, subject=n.subject,
    ),
    "exchange.placement_changed": lambda n: _(
        "%(actor)s changed the agreed dates or objectives of “%(subject)s”",
        actor=n.actor_name, subject=n.subject,
    ),
}

for _kind, _describe in SENTENCES.items():
    register_kind(_kind, _describe)


def coordinators_of(partnership_id: int, town_id: int) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .join(Membership, Membership.user_id == User.id)
            .where(
                Membership.partnership_id == partnership_id,
                Membership.town_id == town_id,
                Membership.role == "coordinator",
                Membership.status == "active",
                User.deleted_at.is_(None),
            )
            .order_by(User.id)
        )
    )


def tell(users, kind: str, actor: User | None, subject: str, url: str, partnership_id: int,
          target: tuple[str, int]) -> None:
    seen: set[int] = set()
    for user in users:
        if user is None or user.id in seen:
            continue
        seen.add(user.id)
        notify(user, kind, actor=actor, subject=subject, url=url, partnership_id=partnership_id,
               target_type=target[0], target_id=target[1])


def _path(endpoint: str, **values) -> str:
    """A local link for a notification, also outside a request (demo data, commands)."""
    if has_request_context():
        return url_for(endpoint, **values)
    with current_app.test_request_context(base_url=current_app.config["HUB_BASE_URL"]):
        return url_for(endpoint, **values)


def posting_path(posting: Posting) -> str:
    return _path("exchange.posting", slug=posting.partnership.slug, posting_id=posting.id)


def application_path(application: Application) -> str:
    posting = application.posting
    return _path("exchange.application", slug=posting.partnership.slug,
                 application_id=application.id)


def placement_path(placement: Placement) -> str:
    return _path("exchange.placement", slug=placement.partnership.slug,
                 placement_id=placement.id)
