"""Background work: run in-process after the request's commit, or on RQ when REDIS_URL is set.

Services call `after_commit(func, *args)`; nothing runs if the transaction rolls back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from flask import Flask, current_app, g, has_request_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from hub.extensions import db

log = logging.getLogger(__name__)
_PENDING = "hub_pending_jobs"


def after_commit(func: Callable, *args) -> None:
    """Schedule `func(*args)` (a module-level function) for after the next successful commit."""
    db.session.info.setdefault(_PENDING, []).append((func, args))


@event.listens_for(Session, "after_commit")
def _move_to_ready(session: Session) -> None:
    pending = session.info.pop(_PENDING, [])
    if not pending:
        return
    if has_request_context():
        g.setdefault("ready_jobs", []).extend(pending)
    else:
        # Outside a request (CLI, job worker): the caller runs them via run_ready().
        session.info.setdefault("hub_ready_jobs", []).extend(pending)


@event.listens_for(Session, "after_rollback")
def _discard(session: Session) -> None:
    session.info.pop(_PENDING, None)


def run(func: Callable, *args) -> None:
    if current_app.config["JOBS_INLINE"]:
        try:
            func(*args)
        except Exception:  # a job must never break the request that scheduled it
            log.exception("job %s failed", getattr(func, "__name__", func))
        return
    from redis import Redis
    from rq import Queue

    Queue("hub", connection=Redis.from_url(current_app.config["REDIS_URL"])).enqueue(
        "hub.jobs.run_in_worker", f"{func.__module__}:{func.__qualname__}", *args
    )


def run_ready() -> None:
    jobs = g.pop("ready_jobs", []) if has_request_context() else []
    jobs += db.session.info.pop("hub_ready_jobs", [])
    for func, args in jobs:
        run(func, *args)


def run_in_worker(path: str, *args) -> None:
    """RQ entry point: build the app and call the job in its context."""
    import importlib

    from hub import create_app

    module_name, name = path.split(":")
    func = getattr(importlib.import_module(module_name), name)
    app = create_app(None)
    with app.app_context():
        func(*args)


def register(app: Flask) -> None:
    @app.after_request
    def _run_jobs(response):
        run_ready()
        return response
