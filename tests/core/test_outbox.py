"""E-mail through the outbox: rendered in the recipient's language, sent over SMTP when
MAIL_URL is set, kept and retried while the server is down — never lost."""

from __future__ import annotations

import socket
import socketserver
import threading
from contextlib import contextmanager
from datetime import timedelta
from email import message_from_bytes, policy

from hub.db import utcnow
from hub.extensions import db
from hub.outbox.models import OutboxMessage
from hub.outbox.services import deliver_pending


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP to accept messages (EHLO, MAIL, RCPT, DATA, QUIT)."""

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        self.reply("220 test SMTP ready")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            command = line.decode("ascii", "replace").strip().upper()
            if command.startswith(("EHLO", "HELO")):
                self.reply("250-test\r\n250 8BITMIME")
            elif command.startswith(("MAIL", "RCPT", "RSET", "NOOP")):
                self.reply("250 OK")
            elif command == "DATA":
                self.reply("354 go on")
                data = b""
                while (chunk := self.rfile.readline()) != b".\r\n":
                    data += chunk[1:] if chunk.startswith(b"..") else chunk
                self.server.received.append(data)
                self.reply("250 queued")
            elif command == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 not implemented")


@contextmanager
def smtp_server():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SMTPHandler)
    server.daemon_threads = True
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _queue(subject: str = "Hoş geldiniz, Şükrü", body: str = "Çalıştay İzmir'de.") -> int:
    message = OutboxMessage(
        recipient="sukru@example.org", subject=subject, body_text=body, locale="tr",
        next_attempt_at=utcnow(),
        headers={"List-Unsubscribe": "<http://hub.test/notifications/unsubscribe/t>"},
    )
    db.session.add(message)
    db.session.commit()
    return message.id


def test_without_mail_url_messages_are_logged_and_kept(app, caplog):
    message_id = _queue()
    with caplog.at_level("INFO", logger="hub.mail"):
        assert deliver_pending() == 1
    message = db.session.get(OutboxMessage, message_id)
    assert message.sent_at is not None
    assert "Hoş geldiniz, Şükrü" in caplog.text


def test_smtp_delivery_keeps_unicode(app):
    message_id = _queue()
    with smtp_server() as server:
        app.config["MAIL_URL"] = f"smtp://127.0.0.1:{server.server_address[1]}"
        try:
            assert deliver_pending() == 1
        finally:
            app.config["MAIL_URL"] = ""
    [raw] = server.received
    mail = message_from_bytes(raw, policy=policy.default)
    assert mail["To"] == "sukru@example.org"
    assert mail["Subject"] == "Hoş geldiniz, Şükrü"
    assert mail["Content-Language"] == "tr"
    assert mail["List-Unsubscribe"] == "<http://hub.test/notifications/unsubscribe/t>"
    assert "Çalıştay İzmir'de." in mail.get_content()
    assert db.session.get(OutboxMessage, message_id).sent_at is not None


def test_server_down_keeps_the_message_and_retries_later(app):
    message_id = _queue()
    port = _free_port()  # nothing listens there
    app.config["MAIL_URL"] = f"smtp://127.0.0.1:{port}"
    try:
        assert deliver_pending() == 0
        message = db.session.get(OutboxMessage, message_id)
        assert message.sent_at is None
        assert message.attempts == 1
        assert message.last_error
        assert message.next_attempt_at > utcnow()
        # Not due yet: a second run does not hammer the server.
        assert deliver_pending() == 0
        assert db.session.get(OutboxMessage, message_id).attempts == 1

        # The server is back and the pause is over: the message goes out.
        message.next_attempt_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
        with smtp_server() as server:
            app.config["MAIL_URL"] = f"smtp://127.0.0.1:{server.server_address[1]}"
            assert deliver_pending() == 1
        assert len(server.received) == 1
    finally:
        app.config["MAIL_URL"] = ""
    message = db.session.get(OutboxMessage, message_id)
    assert message.sent_at is not None and message.attempts == 2 and message.last_error is None
