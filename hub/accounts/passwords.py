"""Password rules, used by every form that sets a password.

Long enough, not absurdly long, not one of the passwords every attacker tries first, and not
built from the account's own e-mail address, name or this site's name. Pasting is welcome:
password managers make the strongest passwords.
"""

from __future__ import annotations

import re
import unicodedata

from flask_babel import gettext as _
from flask_babel import ngettext

MIN_LENGTH = 8
MAX_LENGTH = 256

# Well-known common passwords and the words they are built from. A password is refused when it
# equals one of them once case, digits and punctuation are set aside ("Dragon2024!" -> "dragon").
COMMON_PASSWORDS = frozenset(
    """
    123456 1234567 12345678 123456789 1234567890 0123456789 987654321 0987654321 111111 1111111
    11111111 000000 00000000 121212 123123 123321 654321 666666 696969 112233 123qwe 1q2w3e
    1q2w3e4r 1q2w3e4r5t 1qaz2wsx qazwsx qwerty qwertz qwertyu qwertyui qwertyuiop asdfgh asdfghjk
    asdfghjkl zxcvbn zxcvbnm azerty qweasd qweasdzxc abc123 abcd1234 abcdef abcdefg abcdefgh
    aaaaaa password passwort passwd passw0rd p4ssw0rd pass motdepasse contrasena contraseña
    parola parool sifre şifre haslo hasło salasana jelszo jelszó heslo geslo lozinka senha
    wachtwoord losenord adgangskode kodeord passord iloveyou iloveu loveme lovely letmein
    welcome welcome1 admin administrator root toor user guest login default changeme secret
    master access trustno1 whatever nothing qwerty123 starwars dragon monkey shadow sunshine
    princess football baseball soccer hockey basketball superman batman spiderman pokemon
    michael jordan jennifer jessica michelle ashley daniel charlie thomas robert hunter ranger
    buster tigger ginger pepper cheese cookie chocolate summer winter autumn spring flower
    freedom killer hello hellohello internet computer samsung apple google facebook twitter
    instagram youtube linkedin microsoft windows linux banana orange purple yellow silver golden
    diamond angel angels blessed forever family friends friend myspace mustang corvette ferrari
    porsche mercedes harley matrix hannah jordan23 maggie bailey peanut snoopy tinkerbell
    liverpool chelsea arsenal barcelona realmadrid galatasaray fenerbahce besiktas trabzonspor
    istanbul ankara turkiye türkiye turkey europe london berlin paris athens sofia
    zaq12wsx zaq1zaq1 q1w2e3r4 q1w2e3r4t5 a1b2c3d4 asdf1234 qwer1234 test test123 testing
    demo sample example nopassword unknown secure security letmein1 passpass mypassword
    mypass newpassword oldpassword changeit temp temporary
    """.split()
)

# This site's own name and the words its users would reach for first.
SITE_WORDS = frozenset(
    """
    twinning twinninghub twinhub hub towntwinning sistercity sistercities kardessehir
    kardeşşehir partnership partnerships municipality belediye
    """.split()
)
SITE_SUBSTRINGS = ("twinning",)


def _squash(text: str) -> str:
    """Lower-case letters without accents, for comparisons that ignore case, digits,
    punctuation and diacritics ("Yılmaz-1990!" -> "yilmaz", "Şifre" -> "sifre")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("ı", "i"))
    return "".join(c for c in decomposed if c.isalpha() and not unicodedata.combining(c))


def _repeated_unit(text: str) -> str:
    """The shortest piece that `text` repeats ("hellohello" -> "hello")."""
    for size in range(1, len(text) // 2 + 1):
        if len(text) % size == 0 and text[:size] * (len(text) // size) == text:
            return text[:size]
    return text


_COMMON_SQUASHED = frozenset(filter(None, (_squash(word) for word in COMMON_PASSWORDS)))
_SITE_SQUASHED = frozenset(_squash(word) for word in SITE_WORDS)


def _email_words(email: str | None) -> list[str]:
    if not email or "@" not in email:
        return []
    local = email.rsplit("@", 1)[0].split("+", 1)[0]
    words = [_squash(local)] + [_squash(part) for part in re.split(r"[._\-]", local)]
    return [w for w in words if len(w) >= 3]


def _name_words(display_name: str | None) -> list[str]:
    if not display_name:
        return []
    words = [_squash(display_name)] + [_squash(part) for part in display_name.split()]
    return [w for w in words if len(w) >= 4]


def password_problem(
    password: str, *, email: str | None = None, display_name: str | None = None
) -> str | None:
    """The first reason to refuse `password` (a translated sentence), or None if it is fine."""
    length = len(password)
    if length < MIN_LENGTH:
        return ngettext(
            "Use at least %(num)d character.", "Use at least %(num)d characters.", MIN_LENGTH
        )
    if length > MAX_LENGTH:
        return ngettext(
            "Use at most %(num)d character.", "Use at most %(num)d characters.", MAX_LENGTH
        )
    folded = password.casefold()
    squashed = _squash(password)
    if email and folded.strip() == email.casefold().strip():
        return _("Your password must not be your e-mail address or your name.")
    for word in _email_words(email) + _name_words(display_name):
        if word in squashed:
            return _("Your password must not be your e-mail address or your name.")
    if squashed in _SITE_SQUASHED or any(word in squashed for word in SITE_SUBSTRINGS):
        return _("Your password must not contain the name of this site.")
    if folded in COMMON_PASSWORDS or _repeated_unit(squashed) in _COMMON_SQUASHED:
        return _("This password is too common. Please choose one that is harder to guess.")
    if len(set(folded)) < 4:
        return _("This password uses too few different characters.")
    return None
