"""Reads for the forum. Every page runs a fixed number of statements, whatever its size.

Reply and unread counts are counted by correlated subqueries in the same statement as the
threads; reactions of a page's posts come in one grouped statement.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, and_, case, exists, func, or_, select
from sqlalchemy.orm import aliased, contains_eager, joinedload

from hub.accounts.models import User
from hub.extensions import db
from hub.forum.models import (
    REACTION_KINDS,
    Post,
    PostRevision,
    Reaction,
    Subscription,
    Thread,
    ThreadRead,
)
from hub.partnerships.models import Membership, Partnership

THREADS_PER_PAGE = 20
POSTS_PER_PAGE = 50
STATUSES = ("open", "solved", "locked")


@dataclass
class Page:
    items: list
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


@dataclass
class ThreadRow:
    thread: Thread
    reply_count: int
    last_post: Post | None
    last_author: User | None
    unread_count: int = 0
    ever_read: bool = False


@dataclass
class Filters:
    theme: str | None = None
    language: str | None = None
    status: str | None = None
    unread: bool = False
    mine: bool = False


def _signed_in(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


def _apply_filters(stmt: Select, user, filters: Filters, read) -> Select:
    if filters.theme:
        stmt = stmt.where(Thread.theme == filters.theme)
    if filters.language:
        stmt = stmt.where(Thread.language == filters.language)
    if filters.status == "open":
        stmt = stmt.where(Thread.locked.is_(False), Thread.solution_post_id.is_(None))
    elif filters.status == "solved":
        stmt = stmt.where(Thread.solution_post_id.is_not(None))
    elif filters.status == "locked":
        stmt = stmt.where(Thread.locked.is_(True))
    if _signed_in(user) and read is not None:
        if filters.unread:
            stmt = stmt.where(Thread.last_post_id > func.coalesce(read.last_read_post_id, 0))
        if filters.mine:
            wrote = exists().where(Post.thread_id == Thread.id, Post.author_id == user.id)
            stmt = stmt.where(or_(Thread.author_id == user.id, wrote))
    return stmt


def _scope(stmt: Select, user, partnership: Partnership | None, include_private: bool,
           include_hidden: bool = False) -> Select:
    stmt = stmt.join(Thread.partnership).where(Partnership.status != "proposed")
    if partnership is not None:
        stmt = stmt.where(Thread.partnership_id == partnership.id)
    if not include_private:
        stmt = stmt.where(Thread.visibility == "public")
    if not include_hidden:  # hidden by moderation: listed for coordinators and moderators
        stmt = stmt.where(Thread.hidden_at.is_(None))
    return stmt


def thread_page(
    user,
    *,
    partnership: Partnership | None = None,
    include_private: bool = False,
    include_hidden: bool = False,
    filters: Filters | None = None,
    page: int = 1,
    per_page: int = THREADS_PER_PAGE,
) -> Page:
    """Threads, pinned first (inside one partnership), then by last activity. Two statements."""
    filters = filters or Filters()
    read = aliased(ThreadRead) if _signed_in(user) else None

    def base(*columns) -> Select:
        stmt = _scope(select(*columns), user, partnership, include_private, include_hidden)
        if read is not None:
            stmt = stmt.outerjoin(
                read, and_(read.thread_id == Thread.id, read.user_id == user.id)
            )
        return _apply_filters(stmt, user, filters, read)

    total = db.session.scalar(base(func.count(Thread.id))) or 0
    last, last_author = aliased(Post), aliased(User)
    replies = (
        select(func.count(Post.id) - 1)
        .where(Post.thread_id == Thread.id, Post.approval == "approved")
        .scalar_subquery()
    )
    columns = [Thread, replies.label("reply_count"), last, last_author]
    if read is not None:
        unread = (
            select(func.count(Post.id))
            .where(Post.thread_id == Thread.id)
            .where(Post.id > func.coalesce(read.last_read_post_id, 0))
            .correlate_except(Post)
            .scalar_subquery()
        )
        columns += [unread.label("unread_count"), read.id.label("read_id")]
    stmt = (
        base(*columns)
        .outerjoin(last, last.id == Thread.last_post_id)
        .outerjoin(last_author, last_author.id == last.author_id)
        .options(contains_eager(Thread.partnership), joinedload(Thread.author))
    )
    order = [Thread.last_activity_at.desc(), Thread.id.desc()]
    if partnership is not None:
        order.insert(0, Thread.pinned.desc())
    page = max(1, page)
    rows = db.session.execute(
        stmt.order_by(*order).offset((page - 1) * per_page).limit(per_page)
    ).all()
    items = [
        ThreadRow(
            thread=row[0],
            reply_count=max(0, row[1] or 0),
            last_post=row[2],
            last_author=row[3],
            unread_count=(row[4] or 0) if read is not None else 0,
            ever_read=read is not None and row[5] is not None,
        )
        for row in rows
    ]
    return Page(items=items, page=page, per_page=per_page, total=total)


def public_threads_of(partnership: Partnership, limit: int = 5) -> list[ThreadRow]:
    """The partnership's latest public threads (for its public profile)."""
    return thread_page(None, partnership=partnership, per_page=limit).items


def thread_by_id(partnership: Partnership, thread_id: int) -> Select:
    return (
        select(Thread)
        .where(Thread.id == thread_id, Thread.partnership_id == partnership.id)
        .options(joinedload(Thread.author))
    )


def post_in_thread(thread: Thread, post_id: int) -> Select:
    return select(Post).where(Post.id == post_id, Post.thread_id == thread.id)


def post_count(thread: Thread) -> int:
    return db.session.scalar(select(func.count(Post.id)).where(Post.thread_id == thread.id)) or 0


def posts_page(thread: Thread, page: int, per_page: int = POSTS_PER_PAGE) -> list[Post]:
    stmt = (
        select(Post)
        .where(Post.thread_id == thread.id)
        .options(joinedload(Post.author))
        .order_by(Post.id)
        .offset((max(1, page) - 1) * per_page)
        .limit(per_page)
    )
    return list(db.session.scalars(stmt))


def posts_after(thread: Thread, after_id: int, limit: int = 200) -> list[Post]:
    stmt = (
        select(Post)
        .where(Post.thread_id == thread.id, Post.id > after_id)
        .options(joinedload(Post.author))
        .order_by(Post.id)
        .limit(limit)
    )
    return list(db.session.scalars(stmt))


def new_posts_since(thread: Thread, after_id: int) -> tuple[int, int | None]:
    """(how many posts came after `after_id`, the newest id): one cheap indexed statement."""
    count, newest = db.session.execute(
        select(func.count(Post.id), func.max(Post.id)).where(
            Post.thread_id == thread.id, Post.id > after_id, Post.approval == "approved"
        )
    ).one()
    return count or 0, newest


def page_of_post(thread: Thread, post_id: int, per_page: int = POSTS_PER_PAGE) -> int:
    before = db.session.scalar(
        select(func.count(Post.id)).where(Post.thread_id == thread.id, Post.id < post_id)
    ) or 0
    return before // per_page + 1


def first_unread_post_id(thread: Thread, user) -> int | None:
    last_read = read_marker(user, thread)
    return db.session.scalar(
        select(func.min(Post.id)).where(Post.thread_id == thread.id, Post.id > last_read)
    )


def reaction_summary(post_ids: list[int], user) -> dict[int, dict[str, tuple[int, bool]]]:
    """{post id: {kind: (count, reacted by user)}} for every kind, in one grouped statement."""
    summary = {pid: {kind: (0, False) for kind in REACTION_KINDS} for pid in post_ids}
    if not post_ids:
        return summary
    uid = user.id if _signed_in(user) else -1
    rows = db.session.execute(
        select(
            Reaction.post_id,
            Reaction.kind,
            func.count(Reaction.id),
            func.sum(case((Reaction.user_id == uid, 1), else_=0)),
        )
        .where(Reaction.post_id.in_(post_ids))
        .group_by(Reaction.post_id, Reaction.kind)
    )
    for post_id, kind, count, mine in rows:
        if kind in REACTION_KINDS:
            summary[post_id][kind] = (count, bool(mine))
    return summary


def member_badges(partnership: Partnership, user_ids: set[int]) -> dict[int, Membership]:
    """Active memberships of the given authors: their role and the town they represent."""
    if not user_ids:
        return {}
    stmt = (
        select(Membership)
        .where(
            Membership.partnership_id == partnership.id,
            Membership.user_id.in_(user_ids),
            Membership.status == "active",
        )
        .options(joinedload(Membership.town))
    )
    return {m.user_id: m for m in db.session.scalars(stmt)}


def read_marker(user, thread: Thread) -> int:
    if not _signed_in(user):
        return 0
    return db.session.scalar(
        select(ThreadRead.last_read_post_id).where(
            ThreadRead.user_id == user.id, ThreadRead.thread_id == thread.id
        )
    ) or 0


def is_following(user, thread: Thread) -> bool:
    if not _signed_in(user):
        return False
    return db.session.scalar(
        select(Subscription.id).where(
            Subscription.user_id == user.id, Subscription.thread_id == thread.id
        )
    ) is not None


def followers(thread: Thread) -> list[User]:
    """Who follows the thread and may still read it (members only, for a private thread)."""
    stmt = (
        select(User)
        .join(Subscription, Subscription.user_id == User.id)
        .where(Subscription.thread_id == thread.id, User.deleted_at.is_(None))
    )
    if thread.visibility != "public":
        stmt = stmt.join(
            Membership,
            and_(
                Membership.user_id == User.id,
                Membership.partnership_id == thread.partnership_id,
                Membership.status == "active",
            ),
        )
    return list(db.session.scalars(stmt.order_by(User.id)))


def mention_candidates(thread: Thread) -> list[User]:
    """Who can be @mentioned: active members, and in a public thread also its participants."""
    members = select(Membership.user_id).where(
        Membership.partnership_id == thread.partnership_id, Membership.status == "active"
    )
    condition = User.id.in_(members)
    if thread.visibility == "public":
        condition = or_(
            condition, User.id.in_(select(Post.author_id).where(Post.thread_id == thread.id))
        )
    stmt = select(User).where(condition, User.deleted_at.is_(None)).order_by(User.display_name)
    return list(db.session.scalars(stmt))


def revisions_of(post: Post) -> list[PostRevision]:
    stmt = (
        select(PostRevision)
        .where(PostRevision.post_id == post.id)
        .options(joinedload(PostRevision.editor))
        .order_by(PostRevision.id.desc())
    )
    return list(db.session.scalars(stmt))
