"""What can be translated, in one small registry.

For each kind of content — forum post, thread title, document description, exchange posting,
good-practice field — a `TranslationTarget` knows how to load it, read a field's original text and
language, render the field (Markdown, plain text or a one-line title), find the partnership whose
glossary applies, and who may read it (through hub/permissions.py).
"""

from __future__ import annotations

from flask import url_for

from hub import permissions
from hub.exchange.models import Posting
from hub.extensions import db
from hub.forum.models import Post, Thread
from hub.goodpractices.models import TRANSLATABLE_FIELDS, GoodPractice
from hub.library.models import Document

# How a field is shown: "markdown" (rendered and sanitised), "plain" (line breaks kept) or
# "inline" (a title, one line of text).
FORMATS = ("markdown", "plain", "inline")


class TranslationTarget:
    key = ""
    model: type = object
    fields: dict[str, str] = {}

    def load(self, target_id: int):
        return db.session.get(self.model, target_id)

    def text(self, obj, field: str) -> str:
        return getattr(obj, field, "") or ""

    def language(self, obj, field: str) -> str:
        return getattr(obj, "language", "") or ""

    def format(self, field: str) -> str:
        return self.fields.get(field, "plain")

    def partnership_id(self, obj) -> int | None:
        return getattr(obj, "partnership_id", None)

    def can_view(self, user, obj) -> bool:
        return False

    def url(self, obj) -> str:
        return ""


class PostTarget(TranslationTarget):
    key, model, fields = "post", Post, {"body": "markdown"}

    def partnership_id(self, post: Post) -> int | None:
        return post.thread.partnership_id

    def can_view(self, user, post: Post) -> bool:
        return (
            not post.is_deleted
            and permissions.can_see_thread(user, post.thread)
            and permissions.can_see_held_post(user, post)
            and permissions.can_see_post_text(user, post)
        )

    def url(self, post: Post) -> str:
        thread = post.thread
        return url_for("forum.show_post", slug=thread.partnership.slug, thread_id=thread.id,
                       post_id=post.id)


class ThreadTarget(TranslationTarget):
    key, model, fields = "thread", Thread, {"title": "inline"}

    def can_view(self, user, thread: Thread) -> bool:
        return permissions.can_see_thread(user, thread)

    def url(self, thread: Thread) -> str:
        return url_for("forum.thread", slug=thread.partnership.slug, thread_id=thread.id)


class DocumentTarget(TranslationTarget):
    key, model, fields = "document", Document, {"description": "plain"}

    def can_view(self, user, document: Document) -> bool:
        return document.deleted_at is None and permissions.can_see_document(user, document)

    def url(self, document: Document) -> str:
        return url_for("library.document", document_id=document.id)


class PostingTarget(TranslationTarget):
    key, model = "posting", Posting
    fields = {"title": "inline", "description": "markdown", "eligibility": "markdown"}

    def can_view(self, user, posting: Posting) -> bool:
        return permissions.can_see_posting_content(user, posting)

    def url(self, posting: Posting) -> str:
        return url_for("exchange.posting", slug=posting.partnership.slug, posting_id=posting.id)


class GoodPracticeTarget(TranslationTarget):
    key, model = "good_practice", GoodPractice
    fields = {name: ("inline" if name == "title" else "markdown") for name in TRANSLATABLE_FIELDS}

    def language(self, practice: GoodPractice, field: str) -> str:
        return practice.language_of(field)

    def can_view(self, user, practice: GoodPractice) -> bool:
        return permissions.can_view_good_practice(user, practice)

    def url(self, practice: GoodPractice) -> str:
        return url_for("good_practices.entry", practice_id=practice.id)


TARGETS: dict[str, TranslationTarget] = {
    t.key: t for t in (PostTarget(), ThreadTarget(), DocumentTarget(), PostingTarget(),
                       GoodPracticeTarget())
}


def get_target(key: str) -> TranslationTarget | None:
    return TARGETS.get(key)
