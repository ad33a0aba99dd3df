"""Imports every model so that SQLAlchemy and Alembic know the whole schema."""

from hub.accounts.models import AccountToken, User, UserLanguage
from hub.moderation.models import ModerationAction
from hub.outbox.models import OutboxMessage
from hub.partnerships.models import Invitation, Membership, Partnership, PartnershipTown
from hub.towns.models import Town

__all__ = [
    "AccountToken",
    "Invitation",
    "Membership",
    "ModerationAction",
    "OutboxMessage",
    "Partnership",
    "PartnershipTown",
    "Town",
    "User",
    "UserLanguage",
]
