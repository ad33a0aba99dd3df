"""What moderation tells the people it concerns, in their own language.

Each notice is a notification kind "moderation.<what>.<reason>" (for example
"moderation.autohidden.spam"): the sentence and the reason's name are rendered when the
notification is read or e-mailed, in the reader's language. The moderator's own words (free
text, in the language they wrote it) are on the notice page the notification links to.
"""

from __future__ import annotations

from flask_babel import gettext as _

from hub.moderation.models import REASON_LABELS
from hub.notifications.services import notify, register_kind

NOTICES = {
    "autohidden": lambda subject, reason: _(
        "Your contribution “%(subject)s” is hidden until a moderator has reviewed it: several "
        "people reported it (reason: %(reason)s).", subject=subject, reason=reason),
    "hidden": lambda subject, reason: _(
        "A moderator hid your contribution “%(subject)s” (reason: %(reason)s).",
        subject=subject, reason=reason),
    "deleted": lambda subject, reason: _(
        "A moderator removed your contribution “%(subject)s” (reason: %(reason)s).",
        subject=subject, reason=reason),
    "restored": lambda subject, reason: _(
        "Your contribution “%(subject)s” has been reviewed and is visible again.",
        subject=subject),
    "warned": lambda subject, reason: _(
        "A moderator sent you a warning about “%(subject)s” (reason: %(reason)s).",
        subject=subject, reason=reason),
    "suspended": lambda subject, reason: _(
        "A moderator suspended your account for a while because of “%(subject)s” "
        "(reason: %(reason)s). You can still read the hub.", subject=subject, reason=reason),
    "locked": lambda subject, reason: _(
        "A moderator locked your thread “%(subject)s” (reason: %(reason)s).",
        subject=subject, reason=reason),
    "approved": lambda subject, reason: _(
        "Your reply in “%(subject)s” has been approved: everyone can read it now.",
        subject=subject),
    "rejected": lambda subject, reason: _(
        "Your reply in “%(subject)s” was not approved (reason: %(reason)s).",
        subject=subject, reason=reason),
}
# The queue's actions and the notice each of them sends the author (None: no notice).
ACTION_NOTICES = {
    "hide": "hidden", "delete": "deleted", "restore": "restored", "warn": "warned",
    "suspend": "suspended", "lock": "locked", "approve": "approved", "reject": "rejected",
    "dismiss": None,
}


def kind(notice: str, reason: str) -> str:
    return f"moderation.{notice}.{reason}"


def _describer(notice: str, reason: str):
    def describe(n) -> str:
        label = REASON_LABELS.get(reason, reason)
        return NOTICES[notice](n.subject, str(label))

    return describe


for _notice in NOTICES:
    for _reason in REASON_LABELS:
        register_kind(kind(_notice, _reason), _describer(_notice, _reason))


def tell(user, notice: str, reason: str, *, actor, subject: str, url: str,
         partnership_id: int | None, target: tuple[str, int | None]) -> None:
    """Notify `user` (in-app, and by e-mail as they prefer) of what moderation did."""
    if user is None:
        return
    reason = reason if reason in REASON_LABELS else "other"
    notify(user, kind(notice, reason), actor=actor, subject=subject, url=url,
           partnership_id=partnership_id, target_type=target[0], target_id=target[1])
