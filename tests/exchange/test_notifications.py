"""Who hears of what, in their own language: in the hub and by e-mail."""

from __future__ import annotations

from sqlalchemy import select

from hub.exchange import services
from hub.extensions import db
from hub.notifications.models import Notification
from hub.notifications.services import describe
from tests.exchange.conftest import finish


def notified(kind: str) -> set[int]:
    db.session.expire_all()
    return set(db.session.scalars(select(Notification.user_id).where(Notification.kind == kind)))


def test_each_step_tells_the_right_people(world, make_posting, make_application, outbox):
    posting = make_posting(status="draft", author=world.host_staff)
    services.submit_posting(posting, world.host_staff)
    finish()
    assert notified("exchange.posting_submitted") == {world.host_coordinator.id}
    services.publish_posting(posting, world.host_coordinator)
    finish()
    assert notified("exchange.posting_published") == {world.host_staff.id}

    application = make_application(posting)
    assert notified("exchange.applied") == {world.sending_coordinator.id}
    services.endorse(application, world.sending_coordinator, endorsed=True, note="")
    finish()
    assert notified("exchange.endorsed") == {world.sending_staff.id}
    assert notified("exchange.to_decide") == {world.host_coordinator.id}
    services.decide(application, world.host_coordinator, decision="accept", message="")
    finish()
    assert notified("exchange.accepted") == {world.sending_staff.id}
    # Both coordinators: the sending one (the deciding host coordinator did it themself).
    assert notified("exchange.accepted_other") == {world.sending_coordinator.id}

    # Every e-mail went out in its recipient's language.
    locales = {m.recipient: m.locale for m in outbox()}
    assert locales[world.sending_staff.email] == "de"
    assert locales[world.host_coordinator.email] == "tr"
    assert locales[world.host_staff.email] == "tr"


def test_sentences_name_the_actor_and_the_posting(world, make_application):
    application = make_application(status="declined")
    n = db.session.scalar(select(Notification).where(Notification.kind == "exchange.declined"))
    assert n.user_id == world.sending_staff.id
    assert describe(n) == (
        "Ayşe Yılmaz declined your application to “Bütçe müdürlüğünde iki haftalık staj”"
    )
    assert n.url == f"/p/nilufer-darmstadt/exchange/applications/{application.id}"


def test_withdrawal_tells_whoever_was_to_act(world, make_application):
    application = make_application(status="endorsed")
    services.withdraw(application, world.sending_staff)
    finish()
    assert notified("exchange.withdrawn") == {world.host_coordinator.id}
