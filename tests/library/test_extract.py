"""Text extraction per format, search normalisation, snippets, image cleaning and sniffing."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest
from PIL import Image

from hub.library import images, samples
from hub.library.extract import extract_text
from hub.library.sniff import Refused, sniff
from hub.library.textnorm import normalise, query_words, snippet

SENTENCE = "Çalıştay İzmir’de yapıldı; Σχέδιο δράσης; План за действие"


@pytest.mark.parametrize(
    "kind, content",
    [
        ("docx", samples.docx(["Başlık", SENTENCE])),
        ("odt", samples.odf("text", ["Başlık", SENTENCE])),
        ("xlsx", samples.xlsx(["Başlık", SENTENCE])),
        ("ods", samples.odf("spreadsheet", ["Başlık", SENTENCE])),
        ("pptx", samples.pptx(["Başlık", SENTENCE])),
        ("odp", samples.odf("presentation", ["Başlık", SENTENCE])),
        ("text", f"Başlık\n{SENTENCE}\n".encode()),
        ("markdown", f"# Başlık\n\n{SENTENCE}\n".encode()),
        ("csv", f"başlık;metin\n1;{SENTENCE}\n".encode("utf-8-sig")),
    ],
)
def test_extraction_per_format(kind, content):
    media_type = "text/plain; charset=utf-8" if kind in {"text", "markdown", "csv"} else ""
    text = extract_text(io.BytesIO(content), kind, media_type)
    assert SENTENCE in text
    assert "\ufeff" not in text


def test_pdf_extraction():
    content = samples.pdf(
        ["Protokoll der Sitzung", "Abfallwirtschaft und Kompostierung in Darmstadt"]
    )
    text = extract_text(io.BytesIO(content), "pdf")
    assert "Kompostierung" in text
    assert "Protokoll der Sitzung" in text


def test_xlsx_sheet_names_are_searchable():
    text = extract_text(io.BytesIO(samples.xlsx(["x"])), "xlsx")
    assert "Bütçe" in text


def test_legacy_turkish_text_is_decoded():
    content = "Şehir meclisi kararı".encode("cp1254")
    sniffed = sniff(io.BytesIO(content), "karar.txt", language="tr")
    assert sniffed.media_type == "text/plain; charset=windows-1254"
    assert extract_text(io.BytesIO(content), "text", sniffed.media_type) == "Şehir meclisi kararı"


def test_utf16_text():
    content = "Çalıştay notları".encode("utf-16")
    sniffed = sniff(io.BytesIO(content), "notlar.txt")
    assert sniffed.kind == "text"
    assert extract_text(io.BytesIO(content), "text", sniffed.media_type) == "Çalıştay notları"


def test_extraction_is_capped():
    text = extract_text(io.BytesIO(b"abc " * 100_000), "text", "text/plain", max_chars=1000)
    assert len(text) <= 1000


def test_xml_entity_bombs_are_not_expanded():
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", bomb)
    with pytest.raises(Exception):  # noqa: B017 - defusedxml refuses entity declarations
        extract_text(io.BytesIO(buffer.getvalue()), "docx")


def test_broken_pdf_raises():
    with pytest.raises(Exception):  # noqa: B017 - the caller records "failed"
        extract_text(io.BytesIO(b"%PDF-1.4\nnot really a pdf"), "pdf")


# --- search normalisation -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, query",
    [
        ("Çalıştay", "calistay"),
        ("ÇALIŞTAY", "çalıştay"),
        ("İZMİR", "izmir"),
        ("izmir", "İZMİR"),
        ("Kırklareli", "KIRKLARELI"),
        ("Straße", "strasse"),
        ("Θεσσαλονίκη", "θεσσαλονικη"),
        ("ΣΧΈΔΙΟ ΔΡΆΣΗΣ", "σχεδιο δρασης"),
        ("Łódź", "lodz"),
        ("København", "kobenhavn"),
        ("Пловдив", "пловдив"),
    ],
)
def test_normalised_search_matches(text, query):
    words = query_words(query)
    assert all(word in normalise(text) for word in words)


def test_normalise_keeps_one_character_per_space():
    assert normalise("a\tb\n\nc") == "a b  c"


def test_snippet_shows_original_text_around_match():
    original = "Giriş. " + "dolgu " * 100 + "Nilüfer Çalıştayı sonuçları burada. " + "son " * 100
    result = snippet(original, normalise(original), query_words("calistayi"))
    assert "Nilüfer Çalıştayı sonuçları" in result
    assert result.startswith("… ") and result.endswith(" …")
    assert len(result) < 260


def test_snippet_without_match_is_empty():
    assert snippet("Merhaba", normalise("Merhaba"), ["yok"]) == ""


# --- images ---------------------------------------------------------------------------------


def _gps(data: bytes) -> bool:
    with Image.open(io.BytesIO(data)) as picture:
        return 0x8825 in picture.getexif()


def test_jpeg_location_removed_orientation_kept():
    original = samples.image("jpeg", exif_gps=True)
    assert _gps(original)
    with images.remove_location(io.BytesIO(original), "jpeg") as cleaned:
        data = cleaned.read()
    assert not _gps(data)
    with Image.open(io.BytesIO(data)) as picture:
        assert picture.getexif().get(0x0112) == 1
        assert picture.size == (64, 48)
    # the compressed picture was copied, not re-encoded
    assert data[data.index(b"\xff\xda") :] == original[original.index(b"\xff\xda") :]


def test_jpeg_without_location_is_left_alone():
    assert images.remove_location(io.BytesIO(samples.image("jpeg")), "jpeg") is None


def test_png_and_webp_exif_removed():
    for kind in ("png", "webp"):
        original = samples.image(kind, exif_gps=True)
        assert _gps(original), kind
        with images.remove_location(io.BytesIO(original), kind) as stream:
            cleaned = stream.read()
        assert not _gps(cleaned), kind
        with Image.open(io.BytesIO(cleaned)) as picture:
            picture.load()
            assert picture.size == (64, 48)


def test_png_xmp_text_chunk_removed():
    original = samples.image("png")
    xmp = (
        b"XML:com.adobe.xmp\x00\x00\x00\x00\x00"
        b"<x:xmpmeta><exif:GPSLatitude>40,12N</exif:GPSLatitude></x:xmpmeta>"
    )
    import zlib

    chunk = (
        struct.pack(">I", len(xmp)) + b"iTXt" + xmp + struct.pack(">I", zlib.crc32(b"iTXt" + xmp))
    )
    with_xmp = original[:33] + chunk + original[33:]
    with images.remove_location(io.BytesIO(with_xmp), "png") as stream:
        cleaned = stream.read()
    assert b"GPSLatitude" not in cleaned
    assert cleaned == original


def test_thumbnail_is_small_webp():
    thumb = images.thumbnail(io.BytesIO(samples.image("png", (2000, 1000))))
    with Image.open(io.BytesIO(thumb)) as picture:
        assert picture.format == "WEBP"
        assert max(picture.size) == 480


def test_thumbnail_of_damaged_image_is_none():
    assert images.thumbnail(io.BytesIO(b"\x89PNG\r\n\x1a\nbroken")) is None


def test_decompression_bomb_refused(app):
    bomb = samples.image("png", (9000, 9000))
    with pytest.raises(Refused) as refusal:
        sniff(io.BytesIO(bomb), "bomb.png")
    assert refusal.value.reason == "pixels"
