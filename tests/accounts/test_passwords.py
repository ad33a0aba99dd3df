"""The password rules shared by every form that sets a password."""

from __future__ import annotations

import pytest

from hub.accounts.passwords import COMMON_PASSWORDS, MAX_LENGTH, password_problem


def test_the_common_list_is_substantial():
    assert len(COMMON_PASSWORDS) >= 200


@pytest.mark.parametrize(
    "password",
    [
        "correct-horse-battery",
        "Kırmızı elma ağacı 7",
        "Ελληνικός καφές σκέτος",
        "xxx7Qz!kP2m",
        "pasted-from-a-manager:7fG#kq2!Lm9xW",
    ],
)
def test_good_passwords_pass(password):
    assert password_problem(password, email="ayse@example.org", display_name="Ayşe Yılmaz") is None


@pytest.mark.parametrize(
    "password",
    [
        "short",
        "x" * (MAX_LENGTH + 1),
        "password",
        "Password123!",
        "qwertyuiop",
        "12345678",
        "iloveyou2024",
        "Galatasaray1905",
        "şifre2024şifre",  # a common word, repeated around digits, is still that word
        "aaaaaaaa",
        "abababab",
        "twinning-demo",
        "TwinningHub!2024",
        "ayse@example.org",
        "ayse1990!",
        "Yilmaz-family-7",
        "AyşeYılmaz42",
    ],
)
def test_weak_passwords_are_refused(password):
    problem = password_problem(password, email="ayse@example.org", display_name="Ayşe Yılmaz")
    assert problem  # a translated sentence the form shows next to the field


def test_short_names_do_not_forbid_ordinary_words():
    # "Ali" is too short to be a meaningful part of a password check.
    assert password_problem("malibu-sunset-91", email="al@example.org", display_name="Ali") is None


def test_exactly_the_limits_are_accepted():
    assert password_problem("Zq7!kP2m") is None
    assert password_problem(("Zq7!kP2m" * 40)[:MAX_LENGTH]) is None
