"""Reads for the exchange: the boards, one posting, applications, placements.

Board pages load postings with their towns, partnership (and its towns) and languages in a
fixed number of queries, whatever the number of cards.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, and_, exists, false, or_, select
from sqlalchemy.orm import joinedload, selectinload

from hub import permissions, storage
from hub.accounts.models import User
from hub.db import utcnow
from hub.exchange.models import (
    Application,
    Placement,
    Posting,
    PostingLanguage,
    level_rank,
)
from hub.extensions import db
from hub.partnerships.models import Partnership, PartnershipTown
from hub.towns.models import Town

PER_PAGE = 20


@dataclass
class Filters:
    kind: str | None = None
    format: str | None = None
    theme: str | None = None
    town_id: int | None = None
    country: str | None = None
    language: str | None = None  # a language the posting requires
    written_in: str | None = None  # the language the posting is written in
    date_from: date | None = None
    date_to: date | None = None
    closed: bool = False


def _card_options():
    return (
        joinedload(Posting.town),
        joinedload(Posting.host_town),
        joinedload(Posting.partnership)
        .selectinload(Partnership.partner_towns)
        .joinedload(PartnershipTown.town),
        selectinload(Posting.languages),
    )


def _member_partnership_ids(user: User | None) -> list[int]:
    return [pid for pid, m in permissions.memberships_of(user).items() if m.is_active]


def _visible(user: User | None, partnership: Partnership | None, include_private: bool):
    """Open/closed postings the reader may see on a board (drafts never appear on boards)."""
    visible = [Posting.visibility == "public"]
    if permissions.is_hub_member(user):
        visible.append(Posting.visibility == "hub")
    if partnership is not None:
        if include_private:
            visible.append(Posting.partnership_id == partnership.id)
    else:
        ids = _member_partnership_ids(user)
        if ids:
            visible.append(Posting.partnership_id.in_(ids))
    return or_(*visible)


def board(
    user: User | None,
    *,
    partnership: Partnership | None = None,
    include_private: bool = False,
    filters: Filters | None = None,
    today: date | None = None,
    include_hidden: bool = False,
) -> Select:
    """Postings for a board: one partnership's, or every public partnership's (hub-wide).
    Postings hidden by moderation are left out unless `include_hidden` (moderators)."""
    f = filters or Filters()
    today = today or utcnow().date()
    stmt = (
        select(Posting)
        .join(Partnership, Partnership.id == Posting.partnership_id)
        .where(Partnership.status != "proposed")
        .where(_visible(user, partnership, include_private))
        .options(*_card_options())
    )
    if partnership is not None:
        stmt = stmt.where(Posting.partnership_id == partnership.id)
    if not include_hidden:
        stmt = stmt.where(Posting.hidden_at.is_(None))
    if f.closed:
        past = and_(Posting.status == "open", Posting.deadline < today)
        stmt = stmt.where(or_(Posting.status == "closed", past)).order_by(
            Posting.deadline.desc(), Posting.id.desc()
        )
    else:
        stmt = stmt.where(Posting.status == "open", Posting.deadline >= today).order_by(
            Posting.deadline, Posting.id
        )
    if f.kind:
        stmt = stmt.where(Posting.kind == f.kind)
    if f.format:
        stmt = stmt.where(Posting.format == f.format)
    if f.theme:
        stmt = stmt.where(Posting.theme == f.theme)
    if f.town_id:
        stmt = stmt.where(or_(Posting.town_id == f.town_id, Posting.host_town_id == f.town_id))
    if f.country:
        in_country = select(Town.id).where(Town.country == f.country)
        stmt = stmt.where(
            or_(Posting.town_id.in_(in_country), Posting.host_town_id.in_(in_country))
        )
    if f.language:
        stmt = stmt.where(
            exists().where(
                PostingLanguage.posting_id == Posting.id, PostingLanguage.language == f.language
            )
        )
    if f.written_in:
        stmt = stmt.where(Posting.language == f.written_in)
    if f.date_from:
        stmt = stmt.where(Posting.latest_end >= f.date_from)
    if f.date_to:
        stmt = stmt.where(Posting.earliest_start <= f.date_to)
    return stmt


def unpublished(user: User | None, partnership: Partnership) -> Select:
    """Drafts of the reader, and what their town's staff submitted for approval (coordinators)."""
    m = permissions.membership(user, partnership)
    if m is None or not m.is_active:
        return select(Posting).where(false())
    mine = and_(Posting.created_by_id == user.id, Posting.status.in_(("draft", "submitted")))
    condition = mine
    if m.is_coordinator:
        condition = or_(mine, and_(Posting.status == "submitted", Posting.town_id == m.town_id))
    return (
        select(Posting)
        .where(Posting.partnership_id == partnership.id, condition)
        .options(*_card_options())
        .order_by(Posting.updated_at.desc())
    )


def board_towns(partnership: Partnership | None) -> Select:
    """Towns to filter by: the partnership's, or those of every approved partnership."""
    partner_towns = select(PartnershipTown.town_id)
    if partnership is not None:
        partner_towns = partner_towns.where(PartnershipTown.partnership_id == partnership.id)
    else:
        partner_towns = partner_towns.join(
            Partnership, Partnership.id == PartnershipTown.partnership_id
        ).where(Partnership.status != "proposed")
    return select(Town).where(Town.id.in_(partner_towns)).order_by(Town.latin_name)


def posting_in(partnership: Partnership, posting_id: int) -> Select:
    return (
        select(Posting)
        .where(Posting.id == posting_id, Posting.partnership_id == partnership.id)
        .options(*_card_options(), joinedload(Posting.created_by))
    )


def public_postings(partnership: Partnership, limit: int = 5) -> Select:
    """For the public profile: open postings marked public, nearest deadline first."""
    return (
        select(Posting)
        .where(
            Posting.partnership_id == partnership.id,
            Posting.status == "open",
            Posting.visibility == "public",
            Posting.deadline >= utcnow().date(),
            Posting.hidden_at.is_(None),
        )
        .options(joinedload(Posting.town), joinedload(Posting.host_town))
        .order_by(Posting.deadline, Posting.id)
        .limit(limit)
    )


# --- "suits you" ----------------------------------------------------------------------------

@dataclass
class Reader:
    """What "suits you" needs to know about the reader, loaded once per page."""

    languages: dict[str, int]  # code → level rank
    town_by_partnership: dict[int, int]
    town_id: int | None

    @classmethod
    def of(cls, user: User | None) -> Reader | None:
        if user is None or not user.is_authenticated:
            return None
        return cls(
            languages={ul.language: level_rank(ul.level) for ul in user.languages},
            town_by_partnership={
                pid: m.town_id for pid, m in permissions.memberships_of(user).items()
                if m.is_active
            },
            town_id=user.town_id,
        )

    def languages_fit(self, posting: Posting) -> bool:
        return all(
            self.languages.get(req.language, 0) >= level_rank(req.level)
            for req in posting.languages
        )

    def town_fits(self, posting: Posting) -> bool:
        """The reader's town is another partner town of the posting's partnership."""
        town_id = self.town_by_partnership.get(posting.partnership_id, self.town_id)
        if town_id is None or town_id == posting.town_id:
            return False
        return any(pt.town_id == town_id for pt in posting.partnership.partner_towns)

    def suits(self, posting: Posting) -> bool:
        return self.town_fits(posting) and self.languages_fit(posting)


# --- applications ---------------------------------------------------------------------------

def _application_options():
    return (
        joinedload(Application.applicant),
        joinedload(Application.sending_town),
        joinedload(Application.posting).joinedload(Posting.town),
        joinedload(Application.posting).joinedload(Posting.partnership),
        joinedload(Application.placement),
    )


def application_in(partnership: Partnership, application_id: int) -> Select:
    return (
        select(Application)
        .join(Posting, Posting.id == Application.posting_id)
        .where(Application.id == application_id, Posting.partnership_id == partnership.id)
        .options(*_application_options(), joinedload(Application.endorsed_by),
                 joinedload(Application.decided_by))
    )


def application_of(user: User, posting: Posting) -> Select:
    return select(Application).where(
        Application.posting_id == posting.id, Application.applicant_id == user.id
    )


def applications_for_posting(user: User, posting: Posting) -> Select:
    """What the reader may see of a posting's applications (none for most people)."""
    partnership = posting.partnership
    m = permissions.membership(user, partnership)
    if m is None or not m.is_coordinator:
        return select(Application).where(false())
    stmt = select(Application).where(Application.posting_id == posting.id)
    if m.town_id == posting.town_id:
        stmt = stmt.where(Application.endorsed_at.is_not(None))
    else:
        stmt = stmt.where(Application.sending_town_id == m.town_id)
    return stmt.options(*_application_options()).order_by(Application.created_at)


def to_endorse(user: User, partnership: Partnership) -> Select:
    """Applications of the reader's town's staff waiting for their endorsement."""
    m = permissions.membership(user, partnership)
    if m is None or not m.is_coordinator:
        return select(Application).where(false())
    return (
        select(Application)
        .join(Posting, Posting.id == Application.posting_id)
        .where(
            Posting.partnership_id == partnership.id,
            Application.sending_town_id == m.town_id,
            Application.status == "submitted",
            Application.applicant_id != user.id,
        )
        .options(*_application_options())
        .order_by(Application.created_at)
    )


def to_decide(user: User, partnership: Partnership) -> Select:
    """Endorsed applications to the reader's town's offers, waiting for a decision."""
    m = permissions.membership(user, partnership)
    if m is None or not m.is_coordinator:
        return select(Application).where(false())
    return (
        select(Application)
        .join(Posting, Posting.id == Application.posting_id)
        .where(
            Posting.partnership_id == partnership.id,
            Posting.town_id == m.town_id,
            Application.status.in_(("endorsed", "shortlisted")),
        )
        .options(*_application_options())
        .order_by(Application.created_at)
    )


def my_applications(user: User, partnership: Partnership) -> Select:
    return (
        select(Application)
        .join(Posting, Posting.id == Application.posting_id)
        .where(Posting.partnership_id == partnership.id, Application.applicant_id == user.id)
        .options(*_application_options())
        .order_by(Application.created_at.desc())
    )


def cv_hashes() -> Select:
    """Stored files that CVs refer to (the file store's housekeeping must keep them)."""
    return select(Application.cv_sha256).where(Application.cv_sha256.is_not(None)).distinct()


storage.register_references(cv_hashes)


def is_cv(sha256: str) -> bool:
    return db.session.scalar(
        select(Application.id).where(Application.cv_sha256 == sha256).limit(1)
    ) is not None


# --- placements -----------------------------------------------------------------------------

def _placement_options():
    return (
        joinedload(Placement.participant),
        joinedload(Placement.sending_town),
        joinedload(Placement.host_town),
        joinedload(Placement.posting),
        joinedload(Placement.partnership),
        selectinload(Placement.reports),
    )


def placement_in(partnership: Partnership, placement_id: int) -> Select:
    return (
        select(Placement)
        .where(Placement.id == placement_id, Placement.partnership_id == partnership.id)
        .options(*_placement_options())
    )


def placements_of(user: User, partnership: Partnership) -> Select:
    """Placements the reader takes part in or coordinates (for their town)."""
    m = permissions.membership(user, partnership)
    condition = Placement.participant_id == user.id
    if m is not None and m.is_coordinator:
        condition = or_(
            condition,
            Placement.host_town_id == m.town_id,
            Placement.sending_town_id == m.town_id,
        )
    return (
        select(Placement)
        .where(Placement.partnership_id == partnership.id, condition)
        .options(*_placement_options())
        .order_by(Placement.start_on.desc())
    )


def placements_for_indicators(partnership: Partnership) -> Select:
    return (
        select(Placement)
        .where(Placement.partnership_id == partnership.id)
        .options(
            joinedload(Placement.posting),
            joinedload(Placement.sending_town),
            joinedload(Placement.host_town),
        )
        .order_by(Placement.start_on, Placement.id)
    )


def nominated_placements() -> Select:
    """For the moderation queue: placements nominated as good practices, oldest first."""
    return (
        select(Placement)
        .where(Placement.nominated_at.is_not(None))
        .options(*_placement_options())
        .order_by(Placement.nominated_at)
    )
