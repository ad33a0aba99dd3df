"""Imports every model so that SQLAlchemy and Alembic know the whole schema."""

from hub.accounts.models import AccountToken, User, UserLanguage
from hub.exchange import models as exchange_models  # noqa: F401 - Posting, Application …
from hub.forum.models import Post, PostRevision, Reaction, Subscription, Thread, ThreadRead
from hub.goodpractices import models as good_practice_models  # noqa: F401 - GoodPractice …
from hub.library.models import Document, DocumentDownload, DocumentVersion, Folder  # noqa: F401
from hub.moderation.models import Flag, ModerationAction
from hub.notifications.models import Notification
from hub.outbox.models import OutboxMessage
from hub.partnerships.models import Invitation, Membership, Partnership, PartnershipTown
from hub.search.models import SearchEntry  # noqa: F401 - the index (with its DDL and hooks)
from hub.towns.models import Town
from hub.translations.models import ContentTranslation, GlossaryTerm  # noqa: F401

__all__ = [
    "AccountToken",
    "Flag",
    "Invitation",
    "Membership",
    "ModerationAction",
    "Notification",
    "OutboxMessage",
    "Partnership",
    "PartnershipTown",
    "Post",
    "PostRevision",
    "Reaction",
    "Subscription",
    "Thread",
    "ThreadRead",
    "Town",
    "User",
    "UserLanguage",
]
