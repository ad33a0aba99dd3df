"""Reads for moderation: the queue (one row per flagged item), an item's record, the author's
history and the audit log. A queue page runs a fixed number of statements, whatever its size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Select, and_, case, func, or_, select

from hub import permissions
from hub.accounts.models import User
from hub.db import fold, folded
from hub.extensions import db
from hub.moderation.models import APPROVAL, Flag, ModerationAction
from hub.moderation.targets import TARGETS, Target

PER_PAGE = 20
LOG_PER_PAGE = 50
HISTORY_SIZE = 5


@dataclass
class QueueFilters:
    type: str = ""
    mine: bool = False  # only items in the languages the moderator reads
    page: int = 1


@dataclass
class History:
    """What moderation has seen of an author before."""

    flagged_items: int = 0
    actions: list[ModerationAction] = field(default_factory=list)


@dataclass
class QueueItem:
    target: Target
    target_id: int
    obj: object | None  # None when the content is gone from the database
    first: Flag  # the earliest open flag: its snapshot is the content as first flagged
    flags: list[Flag]
    language: str
    in_my_languages: bool
    author: User | None
    history: History

    @property
    def key(self) -> str:
        return f"item-{self.target.key}-{self.target_id}"

    @property
    def partnership_id(self) -> int | None:
        return self.first.partnership_id

    @property
    def is_open(self) -> bool:
        return any(f.is_open for f in self.flags)

    @property
    def reporters(self) -> int:
        return len({f.reporter_id for f in self.flags if f.is_open and f.reporter_id})

    @property
    def earlier_flagged_items(self) -> int:
        """Other items of the same author that were flagged (this one not counted)."""
        counted = any(f.reason != APPROVAL for f in self.flags)
        return max(0, self.history.flagged_items - (1 if counted else 0))

    @property
    def waits_for_approval(self) -> bool:
        return any(f.reason == APPROVAL and f.is_open for f in self.flags)

    @property
    def gone(self) -> bool:
        return self.obj is None or self.target.is_gone(self.obj)

    @property
    def changed(self) -> bool:
        """The content is no longer what was flagged (edited since)."""
        return not self.gone and self.target.changed_since(self.obj, self.first.snapshot)

    def available(self, action: str) -> bool:
        if self.obj is None:  # gone from the database: only the flags are left to settle
            return action == "dismiss"
        return self.target.available(self.obj, action)


def reader_languages(user) -> list[str]:
    """The languages the moderator reads (their spoken languages, from their account)."""
    if not permissions._signed_in(user):
        return []
    return [lang.language for lang in user.languages]


def _scoped(stmt: Select, user) -> Select:
    if permissions.is_moderator(user):
        return stmt
    return stmt.where(Flag.partnership_id.in_(permissions.coordinated_partnership_ids(user)))


def queue_statement(user, filters: QueueFilters) -> Select:
    """Open items: one row each (type, id, first flag id, language), the moderator's
    languages first, then the most-flagged, then the oldest."""
    languages = reader_languages(user)
    language = func.max(Flag.language)
    stmt = _scoped(
        select(Flag.target_type, Flag.target_id, func.min(Flag.id).label("first_id"),
               language.label("language"))
        .where(Flag.resolved_at.is_(None))
        .group_by(Flag.target_type, Flag.target_id),
        user,
    )
    if filters.type in TARGETS:
        stmt = stmt.where(Flag.target_type == filters.type)
    order = [func.count(Flag.id).desc(), func.min(Flag.created_at), func.min(Flag.id)]
    if languages:
        mine = language.in_(languages)
        if filters.mine:
            stmt = stmt.having(mine)
        order.insert(0, case((mine, 0), else_=1))
    return stmt.order_by(*order)


@dataclass
class QueuePage:
    items: list[QueueItem]
    page: int
    total: int
    per_page: int = PER_PAGE

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def queue_page(user, filters: QueueFilters) -> QueuePage:
    stmt = queue_statement(user, filters)
    total = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    page = min(max(1, filters.page), max(1, -(-(total or 0) // PER_PAGE)))
    rows = db.session.execute(stmt.offset((page - 1) * PER_PAGE).limit(PER_PAGE)).all()
    keys = [(r.target_type, r.target_id) for r in rows if r.target_type in TARGETS]
    return QueuePage(load_items(user, keys, open_only=True), page, total or 0)


def load_items(user, keys: list[tuple[str, int]], *, open_only: bool) -> list[QueueItem]:
    """The queue items for (type, id) pairs, in that order, with flags, objects and history."""
    if not keys:
        return []
    condition = or_(*(and_(Flag.target_type == t, Flag.target_id == i) for t, i in keys))
    stmt = select(Flag).where(condition).order_by(Flag.id)
    if open_only:
        stmt = stmt.where(Flag.resolved_at.is_(None))
    flags: dict[tuple[str, int], list[Flag]] = {}
    for f in db.session.scalars(stmt):
        flags.setdefault((f.target_type, f.target_id), []).append(f)
    objects = {
        key: TARGETS[key].load_many({i for t, i in keys if t == key})
        for key in {t for t, _i in keys}
    }
    author_ids = {f[0].author_id for f in flags.values() if f and f[0].author_id}
    authors = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(author_ids)))}
    histories = author_histories(author_ids)
    languages = set(reader_languages(user))
    items = []
    for key in keys:
        found = flags.get(key)
        if not found:
            continue
        open_flags = [f for f in found if f.is_open]
        first = open_flags[0] if open_flags else found[0]
        items.append(QueueItem(
            target=TARGETS[key[0]], target_id=key[1], obj=objects[key[0]].get(key[1]),
            first=first, flags=found, language=first.language,
            in_my_languages=first.language in languages,
            author=authors.get(first.author_id),
            history=histories.get(first.author_id, History()),
        ))
    return items


def load_item(user, target: Target, target_id: int) -> QueueItem | None:
    """One item with all its flags, open and settled (its page, and a row after an action)."""
    items = load_items(user, [(target.key, target_id)], open_only=False)
    return items[0] if items else None


def author_histories(author_ids: set[int]) -> dict[int, History]:
    """Items of theirs flagged before and the latest actions concerning them: two statements."""
    if not author_ids:
        return {}
    histories = {uid: History() for uid in author_ids}
    flagged = db.session.execute(
        select(Flag.author_id, Flag.target_type, Flag.target_id)
        .where(Flag.author_id.in_(author_ids), Flag.reason != APPROVAL)
        .distinct()
    )
    for author_id, _type, _id in flagged:
        histories[author_id].flagged_items += 1
    actions = db.session.scalars(
        select(ModerationAction)
        .where(ModerationAction.subject_user_id.in_(author_ids))
        .order_by(ModerationAction.created_at.desc(), ModerationAction.id.desc())
        .limit(HISTORY_SIZE * len(author_ids))
    )
    for row in actions:
        history = histories[row.subject_user_id]
        if len(history.actions) < HISTORY_SIZE:
            history.actions.append(row)
    return histories


def actions_on(target: Target, target_id: int) -> list[ModerationAction]:
    return list(db.session.scalars(
        select(ModerationAction)
        .where(ModerationAction.target_type == target.audit_type,
               ModerationAction.target_id == target_id)
        .order_by(ModerationAction.created_at.desc(), ModerationAction.id.desc())
    ))


def last_flag_of(target: Target, target_id: int) -> Flag | None:
    return db.session.scalar(
        select(Flag).where(Flag.target_type == target.key, Flag.target_id == target_id)
        .order_by(Flag.id.desc()).limit(1)
    )


# --- the audit log --------------------------------------------------------------------------

@dataclass
class LogFilters:
    actor: str = ""
    action: str = ""
    target_type: str = ""
    date_from: date | None = None
    date_to: date | None = None


def log_statement(filters: LogFilters) -> Select:
    stmt = select(ModerationAction)
    if filters.actor:
        stmt = stmt.where(folded(ModerationAction.actor_name).contains(
            fold(filters.actor), autoescape=True))
    if filters.action:
        stmt = stmt.where(ModerationAction.action == filters.action)
    if filters.target_type:
        stmt = stmt.where(ModerationAction.target_type == filters.target_type)
    if filters.date_from:
        start = datetime.combine(filters.date_from, time.min, tzinfo=UTC)
        stmt = stmt.where(ModerationAction.created_at >= start)
    if filters.date_to:
        end = datetime.combine(filters.date_to + timedelta(days=1), time.min, tzinfo=UTC)
        stmt = stmt.where(ModerationAction.created_at < end)
    return stmt.order_by(ModerationAction.created_at.desc(), ModerationAction.id.desc())


def logged_actions() -> list[str]:
    """The action codes the log holds (for its filter)."""
    return list(db.session.scalars(
        select(ModerationAction.action).distinct().order_by(ModerationAction.action)
    ))


def logged_target_types() -> list[str]:
    return list(db.session.scalars(
        select(ModerationAction.target_type).distinct().order_by(ModerationAction.target_type)
    ))
