"""Hostile translation exports for the import tests: a real export, then edited the way a
damaged or malicious file would be (with zipfile and lxml, below python-docx's checks)."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.table import Table, _Cell
from lxml import etree

from samizdat.config import load_config
from samizdat.content import discover, load_document
from samizdat.translate.wordexchange import export_docx

HANDOUT = "ep-vote-handout"
DOCUMENT = "word/document.xml"
CORE = "docProps/core.xml"
GIB = 1 << 30

BILLION_LAUGHS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + b"".join(
        b' <!ENTITY lol%d "%s">\n' % (level, b"".join(b"&lol%s;" % (b"" if level == 1 else b"%d" % (level - 1)) for _ in range(10)))
        for level in range(1, 10)
    )
    + b']>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)


def export(project: Path, lang: str = "be") -> Path:
    """The handout exported as ``translate export --lang <lang>`` writes it, into build/translations/."""
    config = load_config(project)
    docs = [load_document(p, config) for p in discover(config)]
    export_docx(config, docs, lang, config.output_dir / "translations")
    return config.output_dir / "translations" / f"{HANDOUT}.{lang}.docx"


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def write_parts(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def replace_part(path: Path, name: str, data: bytes) -> None:
    write_parts(path, {**parts(path), name: data})


def set_identifier(path: Path, identifier: str) -> None:
    """The core property import reads the document name from (``dc:identifier``)."""
    root = etree.fromstring(parts(path)[CORE])
    (node,) = root.findall("{http://purl.org/dc/elements/1.1/}identifier")
    node.text = identifier
    replace_part(path, CORE, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def edit_table(path: Path, edit: Callable[[Table], None]) -> None:
    """Edit the exchange table as a translator would in Word."""
    word = Document(str(path))
    edit(word.tables[0])
    word.save(str(path))


def row_with(table: Table, fragment: str) -> list[_Cell]:
    rows = [row.cells for row in table.rows[1:] if fragment in row.cells[1].text]
    assert len(rows) == 1, fragment
    return rows[0]


def row_number(table: Table, fragment: str) -> int:
    """The row's number as import reports it (the header row not counted)."""
    return next(i for i, row in enumerate(table.rows) if i and fragment in row.cells[1].text)


def zip_bomb(path: Path, inflated: int = GIB, declared: int | None = None) -> None:
    """Replace word/document.xml with ``inflated`` bytes of zeros deflated to about 1/1000.

    zipfile would spend seconds deflating a gibibyte; a deflate stream flushed with
    Z_FULL_FLUSH has no back-references across the flush, so one deflated mebibyte repeated
    is a valid stream of the repeated mebibyte. ``declared`` writes another size into the
    headers: a lying archive.
    """
    chunk = b"\0" * (1 << 20)
    deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = deflater.compress(chunk) + deflater.flush(zlib.Z_FULL_FLUSH)
    count = inflated // len(chunk)
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    members = [(name, _deflate(data), zlib.crc32(data), len(data)) for name, data in parts(path).items() if name != DOCUMENT]
    members.append((DOCUMENT, piece * count + deflater.flush(), crc, inflated if declared is None else declared))
    path.write_bytes(_zip(members))


def damage(path: Path, name: str) -> None:
    """Replace a part's deflated bytes with bytes that do not inflate (its CRC still the old one)."""
    members = [(member, _deflate(data), zlib.crc32(data), len(data)) for member, data in parts(path).items()]
    path.write_bytes(_zip([(n, b"\xff" * len(d) if n == name else d, crc, size) for n, d, crc, size in members]))


def _deflate(data: bytes) -> bytes:
    deflater = zlib.compressobj(6, zlib.DEFLATED, -15)
    return deflater.compress(data) + deflater.flush()


def _zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A ZIP archive of already deflated members: (name, deflated bytes, CRC-32, size)."""
    out, directory = io.BytesIO(), io.BytesIO()
    for name, data, crc, size in members:
        encoded = name.encode()
        offset = out.tell()
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21, crc, len(data), size, len(encoded), 0))
        out.write(encoded)
        out.write(data)
        directory.write(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0x21, crc, len(data), size,
                                    len(encoded), 0, 0, 0, 0, 0, offset))
        directory.write(encoded)
    start = out.tell()
    out.write(directory.getvalue())
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory.getvalue()), start, 0))
    return out.getvalue()
