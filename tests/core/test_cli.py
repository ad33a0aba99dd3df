"""Command-line tools other than the demo data: the outbox and the translation workflow."""

from __future__ import annotations

from babel.messages.pofile import read_po
from sqlalchemy import select

from hub import cli
from hub.db import utcnow
from hub.outbox.models import OutboxMessage


def test_outbox_send_delivers_due_messages(app, db):
    db.session.add(
        OutboxMessage(
            recipient="şule@example.org", subject="Davet", body_text="Merhaba\n", locale="tr",
            next_attempt_at=utcnow(),
        )
    )
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["outbox", "send"])
    assert result.exit_code == 0, result.output
    assert "1 e-mail(s) sent." in result.output
    db.session.expire_all()
    assert db.session.scalars(select(OutboxMessage)).one().sent_at is not None


def test_outbox_send_with_nothing_due(app):
    result = app.test_cli_runner().invoke(args=["outbox", "send"])
    assert "0 e-mail(s) sent." in result.output


def test_source_catalogue_translates_every_message_to_itself(tmp_path, monkeypatch):
    po = tmp_path / "en" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "Hello %(name)s"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Welcome"\nmsgstr "Welcome back"\n\n'
        'msgid "%(num)d town"\nmsgid_plural "%(num)d towns"\nmsgstr[0] ""\nmsgstr[1] ""\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(cli, "TRANSLATIONS", tmp_path)
    assert cli.complete_source_catalogue() == 3
    with po.open("rb") as infile:
        catalog = read_po(infile)
    assert catalog["Hello %(name)s"].string == "Hello %(name)s"
    assert catalog["Welcome"].string == "Welcome" and not catalog["Welcome"].fuzzy
    assert catalog["%(num)d town"].string == ("%(num)d town", "%(num)d towns")
    assert cli.complete_source_catalogue() == 0
