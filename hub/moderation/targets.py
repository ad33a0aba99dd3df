"""What can be flagged and moderated, in one small registry.

For each kind of target — post, thread, document, exchange posting, user profile — a `Target`
knows how to load it, name it, take a snapshot of it, find its partnership and author, hide,
restore and delete it, and who may see it. Everything else in moderation is written once,
against this interface.
"""

from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select
from sqlalchemy.orm import joinedload, selectinload

from hub import permissions
from hub.accounts.models import User
from hub.db import utcnow
from hub.exchange.models import Posting
from hub.extensions import db
from hub.forum.models import Post, PostRevision, Reaction, Subscription, Thread, ThreadRead
from hub.library.models import Document, DocumentVersion
from hub.notifications.services import url_context

EXCERPT_CHARS = 3000

# Every action the queue knows, in the order its buttons are shown.
ACTIONS = {
    "approve": _l("Approve"),
    "reject": _l("Reject"),
    "dismiss": _l("Dismiss the flags"),
    "hide": _l("Hide"),
    "restore": _l("Restore"),
    "delete": _l("Delete"),
    "warn": _l("Warn the author"),
    "suspend": _l("Suspend the author"),
    "lock": _l("Lock the thread"),
}


class Target:
    key = ""
    audit_type = ""
    noun = _l("Item")
    model: type = object
    hideable = True
    actions: tuple[str, ...] = ("dismiss", "hide", "restore", "delete", "warn", "suspend")

    # --- loading -------------------------------------------------------------------------
    def load(self, target_id: int):
        return db.session.get(self.model, target_id)

    def load_many(self, ids) -> dict[int, object]:
        ids = set(ids)
        if not ids:
            return {}
        stmt = select(self.model).where(self.model.id.in_(ids)).options(*self.load_options())
        return {row.id: row for row in db.session.scalars(stmt)}

    def load_options(self) -> tuple:
        """Relationships the queue reads, loaded with the objects (no query per row)."""
        return (joinedload(self.model.partnership),)

    # --- what it is -----------------------------------------------------------------------
    def label(self, obj) -> str:
        return getattr(obj, "title", "")[:255]

    def language(self, obj) -> str:
        return getattr(obj, "language", "") or ""

    def partnership_id(self, obj) -> int | None:
        return getattr(obj, "partnership_id", None)

    def author_id(self, obj) -> int | None:
        return getattr(obj, "created_by_id", None)

    def author(self, obj) -> User | None:
        author_id = self.author_id(obj)
        return db.session.get(User, author_id) if author_id else None

    def url(self, obj) -> str:
        return ""

    def snapshot(self, obj) -> dict:
        """The content as it is now, as plain data (kept in the flag as evidence)."""
        return {"title": self.label(obj), "body": "", "format": "text", "facts": []}

    def can_view(self, user, obj) -> bool:
        return False

    def changed_since(self, obj, snapshot: dict) -> bool:
        """Edited since the snapshot was taken (compared without further queries)."""
        now = (self.label(obj), getattr(obj, "description", ""))
        return now != (snapshot.get("title", ""), snapshot.get("body", ""))

    # --- state and changes ------------------------------------------------------------------
    def is_hidden(self, obj) -> bool:
        return getattr(obj, "hidden_at", None) is not None

    def is_gone(self, obj) -> bool:
        return getattr(obj, "deleted_at", None) is not None

    def available(self, obj, action: str) -> bool:
        """Whether `action` makes sense for the item in its present state."""
        if action not in self.actions:
            return False
        if action == "hide":
            return self.hideable and not self.is_hidden(obj) and not self.is_gone(obj)
        if action == "restore":
            return self.hideable and self.is_hidden(obj) and not self.is_gone(obj)
        if action == "delete":
            return not self.is_gone(obj)
        return True

    def hide(self, obj, actor) -> None:
        obj.hidden_at = utcnow()

    def restore(self, obj) -> None:
        obj.hidden_at = None

    def delete(self, obj, actor) -> None:
        raise NotImplementedError

    def thread_of(self, obj) -> Thread | None:
        return None


def _path(endpoint: str, **values) -> str:
    with url_context():  # also outside requests (demo data, commands)
        return url_for(endpoint, **values)


class PostTarget(Target):
    key, audit_type, noun, model = "post", "forum_post", _l("Post"), Post
    actions = ("approve", "reject", "dismiss", "hide", "restore", "delete", "warn", "suspend",
               "lock")

    def label(self, post: Post) -> str:
        return post.thread.title[:255]

    def load_options(self) -> tuple:
        return (joinedload(Post.thread).joinedload(Thread.partnership),)

    def changed_since(self, post: Post, snapshot: dict) -> bool:
        return post.body != snapshot.get("body", "")

    def author_id(self, post: Post) -> int | None:
        return post.author_id

    def partnership_id(self, post: Post) -> int | None:
        return post.thread.partnership_id

    def url(self, post: Post) -> str:
        thread = post.thread
        return _path("forum.show_post", slug=thread.partnership.slug, thread_id=thread.id,
                     post_id=post.id)

    def snapshot(self, post: Post) -> dict:
        thread = post.thread
        return {
            "title": thread.title, "body": post.body, "format": "markdown",
            "facts": [["partnership", thread.partnership.name],
                      ["visibility", thread.visibility],
                      ["written", post.created_at.isoformat()]],
        }

    def can_view(self, user, post: Post) -> bool:
        return (
            not post.is_deleted
            and permissions.can_see_thread(user, post.thread)
            and permissions.can_see_held_post(user, post)
        )

    def available(self, post: Post, action: str) -> bool:
        pending = post.approval == "pending" and not post.is_deleted
        if action in {"approve", "reject"}:
            return pending
        if pending and action in {"dismiss", "hide", "restore"}:
            return False  # a post waiting for approval is approved or rejected
        if action == "lock":
            return not post.thread.locked
        return super().available(post, action)

    def delete(self, post: Post, actor) -> None:
        post.deleted_at = utcnow()
        post.deleted_by_id = actor.id if actor is not None else None
        if post.thread.solution_post_id == post.id:
            post.thread.solution_post_id = None

    def thread_of(self, post: Post) -> Thread:
        return post.thread


class ThreadTarget(Target):
    key, audit_type, noun, model = "thread", "forum_thread", _l("Thread"), Thread
    actions = ("dismiss", "hide", "restore", "delete", "warn", "suspend", "lock")

    def author_id(self, thread: Thread) -> int | None:
        return thread.author_id

    def changed_since(self, thread: Thread, snapshot: dict) -> bool:
        return thread.title != snapshot.get("title", "")

    def url(self, thread: Thread) -> str:
        return _path("forum.thread", slug=thread.partnership.slug, thread_id=thread.id)

    def snapshot(self, thread: Thread) -> dict:
        first = db.session.scalar(
            select(Post).where(Post.thread_id == thread.id).order_by(Post.id).limit(1)
        )
        return {
            "title": thread.title, "body": first.body if first else "", "format": "markdown",
            "facts": [["partnership", thread.partnership.name],
                      ["visibility", thread.visibility],
                      ["written", thread.created_at.isoformat()]],
        }

    def can_view(self, user, thread: Thread) -> bool:
        return permissions.can_see_thread(user, thread)

    def is_gone(self, thread: Thread) -> bool:
        return False  # a deleted thread is gone from the database

    def available(self, thread: Thread, action: str) -> bool:
        if action == "lock":
            return not thread.locked
        return super().available(thread, action)

    def delete(self, thread: Thread, actor) -> None:
        """A thread is deleted for good, with its posts (the flags keep the snapshot)."""
        post_ids = select(Post.id).where(Post.thread_id == thread.id)
        for model, column in ((PostRevision, PostRevision.post_id), (Reaction, Reaction.post_id)):
            db.session.execute(delete(model).where(column.in_(post_ids)))
        for model in (Subscription, ThreadRead, Post):
            db.session.execute(delete(model).where(model.thread_id == thread.id))
        db.session.delete(thread)

    def thread_of(self, thread: Thread) -> Thread:
        return thread


class DocumentTarget(Target):
    key, audit_type, noun, model = "document", "library_document", _l("Document"), Document

    def changed_since(self, document: Document, snapshot: dict) -> bool:
        version = next((v for k, v in snapshot.get("facts", []) if k == "version"), "")
        return super().changed_since(document, snapshot) or (
            version != "" and version != str(document.current_version_number)
        )

    def url(self, document: Document) -> str:
        return _path("library.document", slug=document.partnership.slug,
                     document_id=document.id)

    def snapshot(self, document: Document) -> dict:
        version = db.session.scalar(
            select(DocumentVersion).where(
                DocumentVersion.document_id == document.id,
                DocumentVersion.number == document.current_version_number,
            )
        )
        facts = [["partnership", document.partnership.name],
                 ["visibility", document.visibility]]
        excerpt = ""
        if version is not None:
            facts += [["filename", version.filename], ["version", str(version.number)],
                      ["sha256", version.sha256]]
            excerpt = (version.extracted_text or "")[:EXCERPT_CHARS]
        return {"title": document.title, "body": document.description or "", "format": "text",
                "excerpt": excerpt, "facts": facts}

    def can_view(self, user, document: Document) -> bool:
        return document.deleted_at is None and permissions.can_see_document(user, document)

    def delete(self, document: Document, actor) -> None:
        """To the library's trash (purged after HUB_TRASH_DAYS), and hidden for good measure:
        restored from the trash, it would still wait for a moderator."""
        now = utcnow()
        document.deleted_at = now
        document.deleted_by_id = actor.id if actor is not None else None
        document.hidden_at = document.hidden_at or now


class PostingTarget(Target):
    key, audit_type, noun, model = "posting", "exchange_posting", _l("Exchange posting"), Posting

    @property
    def hideable(self) -> bool:  # the column arrives with the exchange's moderation hook
        return hasattr(Posting, "hidden_at")

    def changed_since(self, posting: Posting, snapshot: dict) -> bool:
        body = "\n\n".join(part for part in (posting.description, posting.eligibility) if part)
        return (posting.title, body) != (snapshot.get("title"), snapshot.get("body"))

    def url(self, posting: Posting) -> str:
        return _path("exchange.posting", slug=posting.partnership.slug, posting_id=posting.id)

    def snapshot(self, posting: Posting) -> dict:
        body = "\n\n".join(part for part in (posting.description, posting.eligibility) if part)
        return {
            "title": posting.title, "body": body, "format": "text",
            "facts": [["partnership", posting.partnership.name],
                      ["visibility", posting.visibility], ["contact", posting.contact],
                      ["department", posting.department]],
        }

    def can_view(self, user, posting: Posting) -> bool:
        return permissions.can_see_posting_content(user, posting)

    def is_gone(self, posting: Posting) -> bool:
        return posting.status == "closed" and posting.closed_reason == "moderation"

    def delete(self, posting: Posting, actor) -> None:
        """Closed and hidden: applications stay with the people who made them."""
        now = utcnow()
        posting.status = "closed"
        posting.closed_reason = "moderation"
        posting.closed_at = now
        if self.hideable:
            posting.hidden_at = posting.hidden_at or now


class UserTarget(Target):
    key, audit_type, noun, model = "user", "user", _l("Profile"), User
    hideable = False
    actions = ("dismiss", "warn", "suspend")

    def label(self, user: User) -> str:
        return user.display_name[:255]

    def language(self, user: User) -> str:
        return user.locale or ""

    def load_options(self) -> tuple:
        return (joinedload(User.town), selectinload(User.languages))

    def changed_since(self, user: User, snapshot: dict) -> bool:
        return user.display_name != snapshot.get("title", "")

    def partnership_id(self, user: User) -> int | None:
        return None

    def author_id(self, user: User) -> int | None:
        return user.id

    def author(self, user: User) -> User:
        return user

    def snapshot(self, user: User) -> dict:
        languages = ", ".join(f"{lang.language} {lang.level}" for lang in user.languages)
        return {
            "title": user.display_name, "body": "", "format": "text",
            "facts": [["town", user.town.native_name if user.town else ""],
                      ["languages", languages],
                      ["member_since", user.created_at.isoformat()]],
        }

    def can_view(self, viewer, user: User) -> bool:
        return user.deleted_at is None and permissions._signed_in(viewer)


TARGETS: dict[str, Target] = {
    t.key: t for t in (PostTarget(), ThreadTarget(), DocumentTarget(), PostingTarget(),
                       UserTarget())
}
AUDIT_TYPES = {t.audit_type: t.noun for t in TARGETS.values()}


def get_target(key: str) -> Target | None:
    return TARGETS.get(key)


def target_for(obj) -> Target | None:
    for target in TARGETS.values():
        if isinstance(obj, target.model):
            return target
    return None
