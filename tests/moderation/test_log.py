"""The audit log page: filters, pages, htmx, bad input; and no way to change it."""

from __future__ import annotations

from datetime import timedelta

from hub.db import utcnow
from hub.extensions import db
from hub.moderation.models import ModerationAction
from hub.moderation.services import record_action


def seed(world):
    def row(actor, action, target_type, target_id, label, reason="", days_ago=0):
        return ModerationAction(
            actor_id=actor.id, actor_name=actor.display_name, action=action,
            target_type=target_type, target_id=target_id, target_label=label, reason=reason,
            created_at=utcnow() - timedelta(days=days_ago),
        )

    db.session.add_all([
        row(world.moderator, "moderation.hide", "forum_thread", world.public.id,
            "Gençlik meclisi", "Hakaret içeriyor"),
        row(world.moderator2, "moderation.warn", "user", world.author.id, "Ayşe Yılmaz",
            "Uyarı"),
        row(world.admin, "town.create", "town", 1, "Θεσσαλονίκη", days_ago=10),
    ])
    db.session.commit()


def test_filters(client, login_as, world):
    seed(world)
    login_as(world.moderator)
    html = client.get("/moderation/log").get_data(as_text=True)
    assert "3 entries" in html and "Θεσσαλονίκη" in html and "Town added" in html
    html = client.get("/moderation/log?actor=παπαδοπ").get_data(as_text=True)
    assert "1 entry" in html and "Uyarı" in html
    html = client.get("/moderation/log?action=moderation.hide").get_data(as_text=True)
    assert "1 entry" in html and "Hakaret içeriyor" in html
    html = client.get("/moderation/log?target_type=town").get_data(as_text=True)
    assert "1 entry" in html and "Θεσσαλονίκη" in html
    since = (utcnow() - timedelta(days=2)).date().isoformat()
    html = client.get(f"/moderation/log?date_from={since}").get_data(as_text=True)
    assert "2 entries" in html and "Θεσσαλονίκη" not in html
    fragment = client.htmx_get(f"/moderation/log?date_from={since}").get_data(as_text=True)
    assert "<html" not in fragment and 'id="log-results"' in fragment


def test_bad_filter_is_422_and_keeps_the_input(client, login_as, world):
    seed(world)
    login_as(world.moderator)
    response = client.get("/moderation/log?actor=Kasia&date_from=2025-13-45")
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and 'value="Kasia"' in html
    response = client.get("/moderation/log?date_from=2025-05-02&date_to=2025-05-01")
    assert response.status_code == 422
    assert "The end date cannot be before the start date." in response.get_data(as_text=True)
    assert client.get("/moderation/log?action=nonsense").status_code == 422


def test_pages(client, login_as, world):
    for i in range(55):
        record_action(world.moderator, "moderation.warn", "user", world.author.id, f"Satır {i}")
    db.session.commit()
    login_as(world.admin)
    first = client.get("/moderation/log").get_data(as_text=True)
    assert "Satır 54" in first and "Satır 0<" not in first and "Next page" in first
    second = client.get("/moderation/log?page=2").get_data(as_text=True)
    assert "Satır 0<" in second and "Satır 54" not in second


def test_nothing_in_the_log_can_be_changed_through_the_app(app, world):
    seed(world)
    rules = [r for r in app.url_map.iter_rules() if r.rule.startswith("/moderation/log")]
    assert [sorted(r.methods - {"HEAD", "OPTIONS"}) for r in rules] == [["GET"]]


def test_bad_filter_with_htmx_explains_in_the_fragment(client, login_as, world):
    login_as(world.moderator)
    response = client.htmx_get("/moderation/log?date_from=2025-05-02&date_to=2025-05-01")
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "<html" not in html
    assert "Until: The end date cannot be before the start date." in html
