"""Factories: plain functions that add rows and flush. Fixtures in conftest.py wrap them."""

from __future__ import annotations

import itertools
from datetime import date
from functools import lru_cache

from werkzeug.security import generate_password_hash

from hub.accounts.models import User, UserLanguage
from hub.db import utcnow
from hub.extensions import db
from hub.partnerships.models import Membership, Partnership, PartnershipTown
from hub.towns.models import Town

PASSWORD = "correct-horse-battery"  # noqa: S105 - test fixture
_seq = itertools.count(1)


def user(
    email: str | None = None,
    *,
    display_name: str | None = None,
    password: str = PASSWORD,
    site_role: str = "user",
    verified: bool = True,
    locale: str = "en",
    town: Town | None = None,
    languages: dict[str, str] | None = None,
) -> User:
    n = next(_seq)
    u = User(
        email=email or f"user{n}@example.org",
        display_name=display_name or f"User {n}",
        locale=locale,
        site_role=site_role,
        verified_at=utcnow() if verified else None,
        town=town,
    )
    u.password_hash = _password_hash(password)
    for code, level in (languages or {}).items():
        u.languages.append(UserLanguage(language=code, level=level))
    db.session.add(u)
    db.session.flush()
    return u


@lru_cache(maxsize=8)
def _password_hash(password: str) -> str:
    """A real scrypt hash, computed once per password: hashing is slow by design."""
    return generate_password_hash(password, method="scrypt")


def town(
    native_name: str | None = None,
    *,
    latin_name: str | None = None,
    country: str = "TR",
    slug: str | None = None,
    **fields,
) -> Town:
    n = next(_seq)
    native_name = native_name or f"Town {n}"
    t = Town(
        slug=slug or f"town-{n}",
        native_name=native_name,
        latin_name=latin_name or native_name,
        country=country,
        official_languages=fields.pop("official_languages", ["tr"] if country == "TR" else []),
        **fields,
    )
    db.session.add(t)
    db.session.flush()
    return t


def partnership(
    towns: list[Town] | None = None,
    *,
    name: str | None = None,
    slug: str | None = None,
    status: str = "active",
    **fields,
) -> Partnership:
    n = next(_seq)
    towns = towns or [town(country="TR"), town(country="DE")]
    p = Partnership(
        slug=slug or f"partnership-{n}",
        name=name or f"Partnership {n}",
        description=fields.pop("description", "A partnership for tests."),
        founded_on=fields.pop("founded_on", date(2010, 5, 1)),
        status=status,
        themes=fields.pop("themes", ["environment"]),
        activity_types=fields.pop("activity_types", ["study_visits"]),
        working_languages=fields.pop("working_languages", ["tr", "de", "en"]),
        approved_at=utcnow() if status != "proposed" else None,
        **fields,
    )
    p.partner_towns = [PartnershipTown(town=t) for t in towns]
    db.session.add(p)
    db.session.flush()
    return p


def membership(
    u: User, p: Partnership, t: Town | None = None, *, role: str = "staff", status: str = "active"
) -> Membership:
    m = Membership(user=u, partnership=p, town=t or p.towns[0], role=role, status=status)
    db.session.add(m)
    db.session.flush()
    return m
