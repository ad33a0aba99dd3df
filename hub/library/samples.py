"""Small, valid files of every accepted type, made in code (demo data, tests, benchmarks)."""

# ruff: noqa: E501 - the XML templates read best on one line each

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

from PIL import Image


def pdf(lines: list[str] | str, *, padding: int = 0) -> bytes:
    """A one-page PDF showing `lines` (Latin-1 text) in Helvetica.

    `padding` adds an unused binary stream of that many bytes (for large-upload benchmarks).
    """
    if isinstance(lines, str):
        lines = [lines]
    commands = ["BT", "/F1 14 Tf", "72 760 Td", "18 TL"]
    for line in lines:
        text = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        commands.append(f"({text}) Tj T*")
    commands.append("ET")
    content = "\n".join(commands).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    if padding:
        objects.append(b"<< /Length %d >>\nstream\n" % padding + b"\x00" * padding + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _zip(members: dict[str, str | bytes], *, first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if first:
            archive.writestr(
                zipfile.ZipInfo(first), members.pop(first), compress_type=zipfile.ZIP_STORED
            )
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


_CT = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/{part}" ContentType="{ct}"/></Types>'
_RELS = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="{part}"/></Relationships>'
_OOXML = "application/vnd.openxmlformats-officedocument."


def docx(paragraphs: list[str] | str) -> bytes:
    if isinstance(paragraphs, str):
        paragraphs = [paragraphs]
    body = "".join(f"<w:p><w:r><w:t>{escape(p)}</w:t></w:r></w:p>" for p in paragraphs)
    return _zip(
        {
            "[Content_Types].xml": _CT.format(
                part="word/document.xml", ct=_OOXML + "wordprocessingml.document.main+xml"
            ),
            "_rels/.rels": _RELS.format(part="word/document.xml"),
            "word/document.xml": '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            + body
            + "</w:body></w:document>",
        }
    )


def xlsx(cells: list[str] | str, *, macros: bool = False) -> bytes:
    if isinstance(cells, str):
        cells = [cells]
    strings = "".join(f"<si><t>{escape(c)}</t></si>" for c in cells)
    rows = "".join(
        f'<row r="{i + 1}"><c r="A{i + 1}" t="s"><v>{i}</v></c></row>' for i in range(len(cells))
    )
    main = _OOXML + "spreadsheetml.sheet.main+xml"
    if macros:
        main = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
    members: dict[str, str | bytes] = {
        "[Content_Types].xml": _CT.format(part="xl/workbook.xml", ct=main),
        "_rels/.rels": _RELS.format(part="xl/workbook.xml"),
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Bütçe" sheetId="1"/></sheets></workbook>',
        "xl/sharedStrings.xml": '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + strings
        + "</sst>",
        "xl/worksheets/sheet1.xml": '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + rows
        + "</sheetData></worksheet>",
    }
    if macros:
        members["xl/vbaProject.bin"] = b"\xd0\xcf\x11\xe0macro"
    return _zip(members)


def pptx(slides: list[str] | str) -> bytes:
    if isinstance(slides, str):
        slides = [slides]
    members: dict[str, str | bytes] = {
        "[Content_Types].xml": _CT.format(
            part="ppt/presentation.xml", ct=_OOXML + "presentationml.presentation.main+xml"
        ),
        "_rels/.rels": _RELS.format(part="ppt/presentation.xml"),
        "ppt/presentation.xml": '<?xml version="1.0" encoding="UTF-8"?><p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>',
    }
    for number, text in enumerate(slides, start=1):
        members[f"ppt/slides/slide{number}.xml"] = (
            '<?xml version="1.0" encoding="UTF-8"?><p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:cSld><p:spTree><p:sp><p:txBody>'
            f"<a:p><a:r><a:t>{escape(text)}</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>"
        )
    return _zip(members)


_ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"'
)
_ODF_BODY = {
    "text": ("text", "<text:p>{}</text:p>"),
    "spreadsheet": (
        "spreadsheet",
        '<table:table table:name="Sayfa1"><table:table-row><table:table-cell><text:p>{}</text:p></table:table-cell></table:table-row></table:table>',
    ),
    "presentation": (
        "presentation",
        '<draw:page draw:name="1"><draw:frame><draw:text-box><text:p>{}</text:p></draw:text-box></draw:frame></draw:page>',
    ),
}


def odf(kind: str, paragraphs: list[str] | str) -> bytes:
    """kind: "text" (ODT), "spreadsheet" (ODS) or "presentation" (ODP)."""
    if isinstance(paragraphs, str):
        paragraphs = [paragraphs]
    element, template = _ODF_BODY[kind]
    body = "".join(template.format(escape(p)) for p in paragraphs)
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODF_NS}>'
        f"<office:body><office:{element}>{body}</office:{element}></office:body></office:document-content>"
    )
    return _zip(
        {
            "mimetype": f"application/vnd.oasis.opendocument.{kind}",
            "content.xml": content,
            "META-INF/manifest.xml": '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>',
        },
        first="mimetype",
    )


def image(kind: str = "png", size: tuple[int, int] = (64, 48), *, exif_gps: bool = False) -> bytes:
    """A small picture; with `exif_gps` it carries a GPS position in its EXIF data."""
    picture = Image.new("RGB", size, (200, 30, 40))
    out = io.BytesIO()
    options: dict = {}
    if exif_gps:
        exif = Image.Exif()
        exif[0x0112] = 1  # orientation
        exif[0x010F] = "Twinning Camera"
        exif[0x8825] = {1: "N", 2: (40.0, 12.0, 49.0), 3: "E", 4: (28.0, 59.0, 15.0)}
        options["exif"] = exif.tobytes()
    picture.save(out, {"png": "PNG", "jpeg": "JPEG", "webp": "WEBP", "gif": "GIF"}[kind], **options)
    return out.getvalue()
