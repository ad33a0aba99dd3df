"""Slugs from names in Turkish, German, Polish, Greek, Bulgarian and other scripts."""

from __future__ import annotations

import pytest

from hub.text import fold, slugify, transliterate, unique_slug


@pytest.mark.parametrize(
    "name, slug",
    [
        ("Nilüfer", "nilufer"),
        ("Şahinbey", "sahinbey"),
        ("Çankaya", "cankaya"),
        ("Ağrı", "agri"),
        ("İzmir–Köln", "izmir-koln"),
        ("ISPARTA", "isparta"),
        ("İSTANBUL", "istanbul"),
        ("Kraków", "krakow"),
        ("Łódź", "lodz"),
        ("Gdańsk", "gdansk"),
        ("Düsseldorf", "dusseldorf"),
        ("Gießen", "giessen"),
        ("Østfold", "ostfold"),
        ("Θεσσαλονίκη", "thessaloniki"),
        ("Αθήνα", "athina"),
        ("Ηράκλειο", "irakleio"),
        ("Κέρκυρα", "kerkyra"),
        ("Δήμος Νέας Σμύρνης", "dimos-neas-smyrnis"),
        ("Μπαλί", "bali"),
        ("Пловдив", "plovdiv"),
        ("София", "sofiya"),
        ("Търговище", "targovishte"),
        ("Благоевград", "blagoevgrad"),
        ("Йоаким Груево", "yoakim-gruevo"),
        ("Nilüfer – Darmstadt", "nilufer-darmstadt"),
        ("Şahinbey · Θεσσαλονίκη · Пловдив", "sahinbey-thessaloniki-plovdiv"),
        ("  --Bursa  (2024)-- ", "bursa-2024"),
        ("Sveti Vlas's twin", "sveti-vlas-s-twin"),
    ],
)
def test_slugify(name, slug):
    assert slugify(name) == slug


def test_slugify_gives_empty_string_when_nothing_is_transliterable():
    assert slugify("北京") == ""
    assert slugify("") == ""
    assert slugify("—") == ""


def test_slugify_keeps_to_the_maximum_length_without_trailing_dash():
    slug = slugify("Şahinbey " * 30, max_length=20)
    assert len(slug) <= 20
    assert not slug.endswith("-")


def test_transliterate_keeps_ascii():
    assert transliterate("Bursa 16") == "bursa 16"


def test_unique_slug_counts_up():
    taken = {"nilufer", "nilufer-2"}
    assert unique_slug("nilufer", taken.__contains__) == "nilufer-3"
    assert unique_slug("bursa", taken.__contains__) == "bursa"


def test_unique_slug_uses_fallback_for_empty_base():
    assert unique_slug("", set().__contains__, fallback="town") == "town"
    assert unique_slug("", {"town"}.__contains__, fallback="town") == "town-2"


def test_unique_slug_suffix_fits_the_maximum_length():
    base = "a" * 100
    slug = unique_slug(base, {base}.__contains__, max_length=100)
    assert slug.endswith("-2")
    assert len(slug) == 100


def test_fold_ignores_case_and_accents():
    assert fold("Çek Cumhuriyeti") == fold("cek cumhuriyeti")
    assert fold("Işık") == "isik"
    assert sorted(["Zambiya", "Çin", "Cezayir"], key=fold) == ["Cezayir", "Çin", "Zambiya"]
