"""Forum throughput: a thread page with 50 posts against a bare Flask page, served the same way.

    .venv/bin/python bench/bench_forum.py [--seconds 5] [--clients 4]

Both apps run on werkzeug's threaded server on a free local port; a few client threads send
GET requests over HTTP for a fixed time. Prints requests per second for the bare page, the
thread page for a visitor (public thread) and for a signed-in member (private thread, which
also writes the read marker), the ratio to the bare page, the SQL statements per thread page,
and how long the 100 KB pathological Markdown inputs take to render.
"""

from __future__ import annotations

import argparse
import http.client
import logging
import sys
import tempfile
import threading
import time
from pathlib import Path

from flask import Flask
from sqlalchemy import event
from werkzeug.serving import make_server

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hub import create_app  # noqa: E402
from hub.db import utcnow  # noqa: E402
from hub.extensions import db  # noqa: E402
from hub.forum import services  # noqa: E402
from hub.forum.models import Post, Reaction  # noqa: E402
from hub.sanitize import render_markdown  # noqa: E402
from tests import factories  # noqa: E402

BODY = (
    "Bizde **organik atık** haftada iki kez toplanıyor.\n\n"
    "- Yaz: haftada üç\n- Kış: haftada bir\n\n"
    "| Yıl | Oran |\n|---|---|\n| 2023 | %7 |\n| 2024 | %2,5 |\n\n"
    "> Wir haben die Biotonne neu ausgeschrieben.\n\n"
    "Ayrıntılar: https://example.org/ihale ve [şartname](/p/bench/library/documents/1)."
)


def build_hub(database: Path) -> tuple[Flask, dict[str, str]]:
    app = create_app({
        "ENV_NAME": "testing",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
        "RATELIMIT_ENABLED": False,
    })
    app.logger.disabled = True
    with app.app_context(), app.test_request_context():
        db.create_all()
        p = factories.partnership(slug="bench", name="Nilüfer – Darmstadt")
        people = [factories.user(display_name=n) for n in
                  ("Ayşe Yılmaz", "Jürgen Schäfer", "Claire Dubois", "Γιώργος Παπαδόπουλος")]
        for person in people:
            factories.membership(person, p)
        urls = {}
        for visibility in ("public", "members"):
            thread = services.create_thread(
                p, people[0], title=f"Atık toplama ({visibility})", body=BODY,
                theme="environment", language="tr", visibility=visibility,
            )
            posts = [Post(thread_id=thread.id, author_id=people[i % 4].id, language="tr",
                          body=f"{i}. {BODY}", created_at=utcnow()) for i in range(49)]
            db.session.add_all(posts)
            db.session.flush()
            thread.last_post_id = posts[-1].id
            for post in posts[::2]:
                db.session.add(Reaction(post_id=post.id, user_id=people[1].id, kind="helpful"))
            urls[visibility] = f"/p/bench/forum/{thread.id}"
        member = people[2]
        db.session.commit()
        cookie = app.session_interface.get_signing_serializer(app).dumps(
            {"_user_id": member.get_id(), "_fresh": True}
        )
    return app, {"visitor": urls["public"], "member": urls["members"], "cookie": cookie}


def bare_app() -> Flask:
    app = Flask("bare")

    @app.get("/")
    def index():
        return "<!doctype html><title>bare</title><p>Hello</p>"

    return app


def serve(app: Flask):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


def hammer(port: int, path: str, seconds: float, clients: int, cookie: str = "") -> float:
    count = 0
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds
    headers = {"Cookie": f"session={cookie}"} if cookie else {}

    def worker():
        nonlocal count
        done = 0
        while time.perf_counter() < deadline:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            conn.close()
            if response.status != 200:
                raise SystemExit(f"{path}: HTTP {response.status}")
            done += 1
        with lock:
            count += done

    started = time.perf_counter()
    workers = [threading.Thread(target=worker) for _ in range(clients)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return count / (time.perf_counter() - started)


def statements_per_page(app: Flask, path: str, cookie: str = "") -> int:
    client = app.test_client()
    if cookie:
        client.set_cookie("session", cookie)
    with app.app_context():
        client.get(path)
        counter = {"n": 0}

        def count(*_args):
            counter["n"] += 1

        event.listen(db.engine, "before_cursor_execute", count)
        try:
            client.get(path)
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
    return counter["n"]


def pathological_timings() -> list[tuple[str, float]]:
    inputs = {
        "brackets": "[" * 100_000, "stars": "*a" * 50_000, "emphasis": "_a*" * 33_000,
        "links": "[a](<" * 20_000, "table": "|a" * 25_000 + "\n" + "|-" * 25_000,
        "nested": ("[" * 50 + "a" + "](" * 50) * 1_000,
    }
    results = []
    for name, source in inputs.items():
        start = time.perf_counter()
        render_markdown(source + str(time.time_ns()))  # never from the cache
        results.append((name, time.perf_counter() - start))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as tmp:
        hub, urls = build_hub(Path(tmp) / "bench.sqlite3")
        servers = {"bare": serve(bare_app()), "hub": serve(hub)}
        try:
            bare = hammer(servers["bare"].port, "/", args.seconds, args.clients)
            visitor = hammer(servers["hub"].port, urls["visitor"], args.seconds, args.clients)
            member = hammer(servers["hub"].port, urls["member"], args.seconds, args.clients,
                            urls["cookie"])
        finally:
            for server in servers.values():
                server.shutdown()
                server.server_close()
        print(f"werkzeug threaded server, {args.clients} clients, {args.seconds:g} s each")
        print(f"  bare Flask page                         {bare:8.1f} req/s")
        print(f"  thread page, 50 posts, visitor          {visitor:8.1f} req/s "
              f"({visitor / bare:.0%} of bare)")
        print(f"  thread page, 50 posts, signed-in member {member:8.1f} req/s "
              f"({member / bare:.0%} of bare)")
        print(f"  SQL statements per thread page: visitor "
              f"{statements_per_page(hub, urls['visitor'])}, member "
              f"{statements_per_page(hub, urls['member'], urls['cookie'])}")
        print("100 KB pathological Markdown, render time:")
        for name, seconds in pathological_timings():
            print(f"  {name:<10} {seconds * 1000:8.1f} ms")
        with hub.app_context():
            db.engine.dispose()


if __name__ == "__main__":
    main()
