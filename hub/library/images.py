"""Images: decompression-bomb check, location data removed, thumbnails.

Location data is removed without re-encoding the picture: JPEG segments are copied with the
GPS block taken out of the EXIF data (the orientation stays) and XMP/IPTC blocks dropped; PNG
and WebP chunks holding EXIF or XMP are dropped. The pixels are never touched.
"""

from __future__ import annotations

import io
import struct
import tempfile
import warnings
from typing import BinaryIO

from flask import current_app
from flask_babel import format_decimal
from PIL import Image, ImageOps

GPS_IFD = 0x8825
_SPOOL = 8 * 1024 * 1024
_XMP_KEYWORDS = (
    b"XML:com.adobe.xmp",
    b"Raw profile type exif",
    b"Raw profile type xmp",
    b"Raw profile type iptc",
    b"Raw profile type APP1",
)
_FORMATS = {"png": "PNG", "jpeg": "JPEG", "webp": "WEBP", "gif": "GIF"}


def check(stream: BinaryIO, kind: str, filename: str) -> tuple[int, int]:
    """Width and height; Refused when the image is damaged or has too many pixels."""
    from hub.library.sniff import refuse

    limit = current_app.config["HUB_IMAGE_MAX_PIXELS"]
    too_large = refuse("pixels", filename, megapixels=format_decimal(limit / 1_000_000))
    stream.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(stream) as image:
                if image.format != _FORMATS[kind]:
                    raise ValueError("format mismatch")
                width, height = image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise too_large from error
    except Exception as error:
        raise refuse("damaged", filename) from error
    finally:
        stream.seek(0)
    if width * height > limit:
        raise too_large
    return width, height


def remove_location(stream: BinaryIO, kind: str) -> BinaryIO | None:
    """A cleaned copy of the image when it carries location data (EXIF GPS, XMP, IPTC)."""
    stream.seek(0)
    try:
        cleaner = {"jpeg": _clean_jpeg, "png": _clean_png, "webp": _clean_webp}.get(kind)
        if cleaner is None:
            return None
        out = tempfile.SpooledTemporaryFile(max_size=_SPOOL)  # noqa: SIM115 - returned open
        changed = cleaner(stream, out)
        if not changed:
            out.close()
            return None
        out.seek(0)
        return out
    finally:
        stream.seek(0)


def _copy(src: BinaryIO, dst: BinaryIO, length: int | None = None) -> None:
    while length is None or length > 0:
        chunk = src.read(1024 * 1024 if length is None else min(length, 1024 * 1024))
        if not chunk:
            return
        dst.write(chunk)
        if length is not None:
            length -= len(chunk)


def _exif_without_gps(data: bytes) -> bytes | None:
    """EXIF APP1 payload without the GPS block; None to drop it (unreadable)."""
    try:
        exif = Image.Exif()
        exif.load(data)
        if GPS_IFD not in exif:
            return data
        del exif[GPS_IFD]
        return exif.tobytes()
    except Exception:
        return None


def _clean_jpeg(src: BinaryIO, dst: BinaryIO) -> bool:
    changed = False
    dst.write(src.read(2))  # SOI
    while True:
        marker = src.read(2)
        if len(marker) < 2 or marker[0] != 0xFF:
            dst.write(marker)
            _copy(src, dst)
            return changed
        code = marker[1]
        if code == 0xDA or code == 0xD9 or 0xD0 <= code <= 0xD7 or code == 0x01:
            dst.write(marker)  # start of scan (or a marker without payload): copy the rest
            _copy(src, dst)
            return changed
        length_bytes = src.read(2)
        if len(length_bytes) < 2:
            dst.write(marker + length_bytes)
            return changed
        length = struct.unpack(">H", length_bytes)[0]
        payload = src.read(max(length - 2, 0))
        if code == 0xE1 and payload.startswith(b"Exif\x00\x00"):
            cleaned = _exif_without_gps(payload)
            if cleaned == payload:
                dst.write(marker + length_bytes + payload)
                continue
            changed = True
            if cleaned is not None and len(cleaned) + 2 <= 0xFFFF:
                dst.write(marker + struct.pack(">H", len(cleaned) + 2) + cleaned)
            continue
        if (code == 0xE1 and payload.startswith(b"http://ns.adobe.com/")) or code == 0xED:
            changed = True  # XMP or Photoshop/IPTC block: may name or locate the place
            continue
        dst.write(marker + length_bytes + payload)


def _clean_png(src: BinaryIO, dst: BinaryIO) -> bool:
    changed = False
    dst.write(src.read(8))
    while True:
        header = src.read(8)
        if len(header) < 8:
            dst.write(header)
            return changed
        length, chunk_type = struct.unpack(">I4s", header)
        drop = chunk_type == b"eXIf"
        if chunk_type in (b"tEXt", b"iTXt", b"zTXt") and length < 16 * 1024 * 1024:
            data = src.read(length)
            crc = src.read(4)
            keyword = data.split(b"\x00", 1)[0]
            if keyword in _XMP_KEYWORDS:
                changed = True
                continue
            dst.write(header + data + crc)
            continue
        if drop:
            src.seek(length + 4, io.SEEK_CUR)
            changed = True
            continue
        dst.write(header)
        _copy(src, dst, length + 4)
        if chunk_type == b"IEND":
            return changed


def _clean_webp(src: BinaryIO, dst: BinaryIO) -> bool:
    riff = src.read(12)
    chunks: list[tuple[bytes, int, int]] = []  # fourcc, offset, size
    changed = False
    while True:
        header = src.read(8)
        if len(header) < 8:
            break
        fourcc, size = struct.unpack("<4sI", header)
        offset = src.tell()
        if fourcc in (b"EXIF", b"XMP "):
            changed = True
        else:
            chunks.append((fourcc, offset, size))
        src.seek(size + (size & 1), io.SEEK_CUR)
    if not changed:
        return False
    body = sum(8 + size + (size & 1) for _fourcc, _offset, size in chunks)
    dst.write(riff[:4] + struct.pack("<I", 4 + body) + riff[8:12])
    for fourcc, offset, size in chunks:
        src.seek(offset)
        dst.write(struct.pack("<4sI", fourcc, size))
        if fourcc == b"VP8X":
            payload = bytearray(src.read(size))
            payload[0] &= ~0x0C & 0xFF  # no EXIF, no XMP flags
            dst.write(bytes(payload))
        else:
            _copy(src, dst, size)
        if size & 1:
            dst.write(b"\x00")
            src.seek(1, io.SEEK_CUR)
    return True


def thumbnail(stream: BinaryIO, size: int = 480) -> bytes | None:
    """A small WebP (PNG where WebP is missing) preview, upright; None when it cannot be made."""
    from PIL import features

    stream.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(stream) as image:
                image.draft("RGB", (size * 2, size * 2))
                picture = ImageOps.exif_transpose(image)
                picture.thumbnail((size, size))
                if picture.mode not in ("RGB", "RGBA"):
                    picture = picture.convert("RGBA" if "transparency" in picture.info else "RGB")
                out = io.BytesIO()
                if features.check("webp"):
                    picture.save(out, "WEBP", quality=80)
                else:
                    picture.save(out, "PNG")
                return out.getvalue()
    except Exception:
        return None
    finally:
        stream.seek(0)
