"""Time the main pages on the demo data: `make bench` (or `.venv/bin/python bench/pages.py`).

Builds the app on a temporary SQLite file (or BENCH_DATABASE_URL), loads the demo data, and
requests each page a number of times in-process, as a visitor and as a signed-in staff member.
Prints the median and 95th percentile time and the number of SQL statements per request.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import event, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hub import create_app, demo  # noqa: E402
from hub.accounts.models import User  # noqa: E402
from hub.extensions import db, limiter  # noqa: E402

PAGES = ["/", "/partnerships", "/partnerships?country=TR", "/towns", "/p/nilufer-darmstadt"]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "50"))


def measure(client, url: str, engine) -> tuple[list[float], int, int]:
    statements = 0

    def count(*_args):
        nonlocal statements
        statements += 1

    event.listen(engine, "before_cursor_execute", count)
    try:
        times, status = [], 0
        for _ in range(ROUNDS):
            start = time.perf_counter()
            status = client.get(url).status_code
            times.append((time.perf_counter() - start) * 1000)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return times, status, statements // ROUNDS


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
        app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": url})
        limiter.enabled = False
        with app.app_context():
            db.create_all()
            demo.load()
            db.session.commit()
            staff = db.session.scalar(select(User).where(User.email == demo.email_for("staff.tr")))
            staff_id = staff.get_id()
            engine = db.engine
        # Requests run outside this context, each with its own session, as in production.
        header = ("page", "who", "status", "median ms", "p95 ms", "SQL")
        print("{:<30} {:<8} {:>6} {:>10} {:>8} {:>4}".format(*header))
        for who in ("visitor", "staff"):
            client = app.test_client()
            if who == "staff":
                with client.session_transaction() as session:
                    session["_user_id"] = staff_id
                    session["_fresh"] = True
            for page in PAGES:
                times, status, sql = measure(client, page, engine)
                p95 = statistics.quantiles(times, n=20)[-1]
                print(
                    f"{page:<30} {who:<8} {status:>6} {statistics.median(times):>10.1f} "
                    f"{p95:>8.1f} {sql:>4}"
                )
        engine.dispose()

if __name__ == "__main__":
    main()
