"""The hostile-input corpus: query values (query_values.json) and upload files.

Upload files are built here rather than kept as binaries, so each one says
what it is; every builder returns bytes.
"""

import io
import json
import re
import struct
import zipfile
from pathlib import Path

from openpyxl import Workbook
from PIL import Image

from tests.utils import png_bytes

_DATA = json.loads((Path(__file__).parent / "query_values.json").read_text(encoding="utf-8"))


def query_values():
    """Every hostile query value, plus long runs of Chinese and of ASCII."""
    values = list(_DATA["values"])
    for length in _DATA["long_lengths"]:
        values += ["快" * length, "a" * length]
    return values


def png_bomb():
    """A PNG of 10000x10000 1-bit pixels: about 12 KB that decodes to 100 million pixels."""
    buffer = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(buffer, "PNG")
    return buffer.getvalue()


def gif_bomb(frames=40, size=4_000):
    """A GIF of 40 frames of 4000x4000: each frame alone is allowed, together far too many.

    Written by hand so it stays a few hundred bytes: the frames share one tiny
    block of image data, which a decoder would stretch over the whole canvas.
    """
    screen = struct.pack("<HHBBB", size, size, 0x80, 0, 0) + b"\x00\x00\x00\xff\xff\xff"
    loop = b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00"
    frame = (
        b"\x21\xf9\x04\x00\x0a\x00\x00\x00"  # graphic control: 0.1 s per frame
        + b"\x2c"
        + struct.pack("<HHHHB", 0, 0, size, size, 0)
        + b"\x02\x02\x44\x01\x00"  # LZW code size 2, one sub-block, end
    )
    return b"GIF89a" + screen + loop + frame * frames + b"\x3b"


def truncated_png():
    return png_bytes(200, 150)[:100]


def truncated_jpeg():
    data = png_bytes(200, 150, image_format="JPEG")
    return data[: len(data) // 2]


def gif_header_with_html():
    """A GIF signature and screen descriptor, then HTML and script instead of image data."""
    return (
        b"GIF89a\x01\x00\x01\x00\x00\x00\x00"
        + b"<html><script>alert(document.cookie)</script></html>"
    )


def png_with_zip_appended():
    """A valid PNG followed by a ZIP archive: both programs read it."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("payload.html", "<script>alert(1)</script>")
    return png_bytes() + archive.getvalue()


def gif_with_html_appended():
    """A valid GIF followed by HTML and script after its trailer."""
    return png_bytes(image_format="GIF") + b"<html><script>alert(1)</script></html>"


def svg_with_script():
    return (
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
        b"<script>alert(document.domain)</script></svg>"
    )


def elf_executable():
    """The start of a 64-bit Linux executable."""
    return b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 200


def windows_executable():
    """An MZ header with a PE offset, as a Windows .exe starts."""
    return b"MZ\x90\x00" + b"\x00" * 56 + struct.pack("<I", 64) + b"PE\x00\x00" + b"\x00" * 200


def png_with_bad_checksum():
    data = bytearray(png_bytes())
    # Corrupt the first IDAT's data but keep the length: the CRC no longer matches.
    position = data.index(b"IDAT") + 8
    data[position] ^= 0xFF
    return bytes(data)


IMAGE_UPLOADS = {
    # name: (file name, bytes builder, content type)
    "png_bomb": ("bomb.png", png_bomb, "image/png"),
    "gif_bomb": ("frames.gif", gif_bomb, "image/gif"),
    "truncated_png": ("truncated.png", truncated_png, "image/png"),
    "truncated_jpeg": ("truncated.jpg", truncated_jpeg, "image/jpeg"),
    "png_bad_checksum": ("checksum.png", png_with_bad_checksum, "image/png"),
    "gif_header_html": ("polyglot.gif", gif_header_with_html, "image/gif"),
    "gif_html_appended": ("appended.gif", gif_with_html_appended, "image/gif"),
    "png_zip_appended": ("polyglot.png", png_with_zip_appended, "image/png"),
    "svg_script": ("drawing.svg", svg_with_script, "image/svg+xml"),
    "svg_renamed_png": ("drawing.png", svg_with_script, "image/png"),
    "zero_bytes": ("empty.png", lambda: b"", "image/png"),
    "elf_as_jpg": ("photo.jpg", elf_executable, "image/jpeg"),
    "mz_as_png": ("photo.png", windows_executable, "image/png"),
    "html_as_jpg": ("page.jpg", lambda: b"<html><script>alert(1)</script></html>", "image/jpeg"),
}


def rewritten_xlsx(rows, rewrite):
    """An XLSX of ``rows`` written by openpyxl, each member then passed through
    ``rewrite(name, data) -> data``: how a file openpyxl would refuse to write is made."""
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    plain = io.BytesIO()
    workbook.save(plain)
    crafted = io.BytesIO()
    with (
        zipfile.ZipFile(plain) as source,
        zipfile.ZipFile(crafted, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for member in source.infolist():
            out.writestr(member.filename, rewrite(member.filename, source.read(member.filename)))
    return crafted.getvalue()


def xlsx_with_dimension(rows, ref="A1:XFD2000", stray_cell=None):
    """A small valid XLSX whose first sheet claims the range ``ref``.

    The sheet XML is rewritten: its ``<dimension>`` says ``ref`` (A1:XFD2000
    is 2000 rows of 16,384 columns), and with ``stray_cell`` ("XFD2000") one
    cell with text is added there. The file stays a few KB whatever it claims.
    """

    def rewrite(name, data):
        if name != "xl/worksheets/sheet1.xml":
            return data
        text = data.decode("utf-8")
        text = re.sub(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>', text)
        if stray_cell:
            row_number = re.sub(r"\D", "", stray_cell)
            text = text.replace(
                "</sheetData>",
                f'<row r="{row_number}"><c r="{stray_cell}" t="inlineStr">'
                f"<is><t>stray</t></is></c></row></sheetData>",
            )
        return text.encode("utf-8")

    return rewritten_xlsx(rows, rewrite)


def xlsx_bomb(member_bytes=110 * 1024 * 1024, chunk=b" " * (1024 * 1024)):
    """A valid XLSX with one more member of ``member_bytes`` spaces: a few hundred KB
    that inflate to over 100 MB (a zip bomb; spaces compress about a thousand times)."""
    plain = io.BytesIO()
    workbook = Workbook()
    workbook.active.append(["key", "title"])
    workbook.save(plain)
    with (
        zipfile.ZipFile(plain, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/padding.xml", "w", force_zip64=True) as member,
    ):
        for _ in range(member_bytes // len(chunk)):
            member.write(chunk)
    return plain.getvalue()


def xlsx_with_long_text(rows, placeholder, text):
    """An XLSX whose cell ``placeholder`` holds ``text``, however long.

    openpyxl cuts what it writes at Excel's 32,767 characters a cell, so the
    text goes into the XML after saving; a reader takes it as it is.
    """

    def rewrite(name, data):
        return data.replace(placeholder.encode(), text.encode()) if name.endswith(".xml") else data

    return rewritten_xlsx(rows, rewrite)
