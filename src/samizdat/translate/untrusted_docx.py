"""A DOCX from outside (a volunteer's e-mail attachment), checked before any parser sees it.

python-docx trusts its file: it inflates every part whole and hands the XML to lxml, so
a 1 MB archive that inflates to a gibibyte takes gigabytes of memory, and a DTD's nested
entities stop lxml with an error nobody can act on. :func:`read_docx` refuses such a file
from the numbers in the ZIP directory alone (members, sizes, compression ratio), then
inflates every part as a stream, counting the bytes, and passes each XML part through a
parser that refuses DTDs, entities and external references (defusedxml's expat reader).
It returns the bytes it checked, so what python-docx then opens is exactly what passed.

The limits are far above what Word, LibreOffice or Google Docs write for a translation
table: an export of the sample handout is 40 kB, its largest part 430 kB.
"""

from __future__ import annotations

import io
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from xml.sax import SAXException, SAXParseException
from xml.sax.handler import ContentHandler
from xml.sax.xmlreader import AttributesImpl

from defusedxml import DefusedXmlException
from defusedxml.expatreader import DefusedExpatParser

from samizdat.errors import error

MIB = 1 << 20
MAX_FILE_BYTES = 16 * MIB  # the .docx itself; read into memory once
MAX_DIRECTORY_BYTES = 256 * 1024  # the ZIP's list of members, which zipfile reads whole
MAX_MEMBERS = 1000  # Word writes about 15; images and embedded fonts add a few each
MAX_PART_BYTES = 32 * MIB  # one part inflated: a 5,000-row export's table is about 7 MB
MAX_TOTAL_BYTES = 64 * MIB  # all parts inflated
MAX_RATIO = 200  # inflated : deflated; Word's XML packs 5-40:1, a zip bomb about 1000:1
RATIO_FROM_BYTES = MIB  # smaller parts may pack as tightly as they like: the totals bound them

MAIN_DOCUMENT = "word/document.xml"
MAIN_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CONTENT_TYPES = "[Content_Types].xml"
_CHUNK = 64 * 1024
_END_RECORD = b"PK\x05\x06"
_END_RECORD_SIZE = 22
_NOT_DOCX = "not a Word document (.docx); save it as .docx and try again"


def read_docx(path: Path, shown: str) -> bytes:
    """The file's bytes, once its container and XML are known to be safe to parse."""
    if not path.is_file():
        raise error(shown, None, "file not found")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise error(shown, None, f"{_mib(size)}, more than a translation export can be ({_mib(MAX_FILE_BYTES)}); refused")
    data = path.read_bytes()
    _check_directory_size(data, shown)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:  # the bytes python-docx will open
            members = archive.infolist()
            _check_sizes(members, shown)
            types = _content_types(archive, shown)
            for info in members:  # every part, so that python-docx meets no damage the checks missed
                if info.filename == CONTENT_TYPES:
                    continue
                if _is_xml(info.filename, types):
                    _scan(archive, info, ContentHandler(), shown)
                else:
                    for _ in _chunks(archive, info, shown):
                        pass
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, struct.error):  # ValueError: bad offsets, names
        raise error(shown, None, _NOT_DOCX + " (the archive is damaged)") from None
    except (NotImplementedError, RuntimeError) as exc:  # encrypted, or an unknown compression method
        raise error(shown, None, f"{_NOT_DOCX} ({exc})") from None
    return data


def _check_directory_size(data: bytes, shown: str) -> None:
    """Refuse a huge member list before zipfile reads it into memory.

    zipfile builds an object per member as it opens the archive: 200,000 empty members in
    a 16 MB file take 190 MB and 3 s. The end record (the last 22 bytes, before an
    optional comment, found the way zipfile finds it) says how large the list is.
    """
    end = data.rfind(_END_RECORD, max(0, len(data) - _END_RECORD_SIZE - 0xFFFF))
    if end < 0 or end + _END_RECORD_SIZE > len(data):
        raise error(shown, None, _NOT_DOCX)
    count, directory = struct.unpack_from("<HL", data, end + 10)
    if count > MAX_MEMBERS or directory > MAX_DIRECTORY_BYTES:  # ZIP64 marks (0xFFFF…) land here too
        raise error(shown, None, f"the archive lists more than {MAX_MEMBERS} parts; not a translation export, refused")


def _check_sizes(members: list[zipfile.ZipInfo], shown: str) -> None:
    """Sizes as the ZIP directory declares them, before inflating anything."""
    if len(members) > MAX_MEMBERS:
        raise error(shown, None, f"{len(members)} parts in the archive, more than {MAX_MEMBERS}; not a translation export, refused")
    total = 0
    for info in members:
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise error(shown, None, f"{_NOT_DOCX} ({quoted(info.filename)} is packed with a method Word does not use)")
        if info.file_size > MAX_PART_BYTES or info.compress_size > MAX_FILE_BYTES:
            raise error(shown, None, f"{quoted(info.filename)} would inflate to {_mib(info.file_size)} (the limit is "
                                     f"{_mib(MAX_PART_BYTES)} a part); not a translation export, refused")
        if info.file_size > RATIO_FROM_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise error(shown, None, f"{quoted(info.filename)} is packed {info.file_size // max(info.compress_size, 1)}:1 "
                                     f"(a zip bomb?); Word's files pack less than {MAX_RATIO}:1; refused")
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise error(shown, None, f"the parts would inflate to {_mib(total)} (the limit is {_mib(MAX_TOTAL_BYTES)}); "
                                 "not a translation export, refused")


class _TypesHandler(ContentHandler):
    """Collects ``[Content_Types].xml``: content types by extension and by part name."""

    def __init__(self) -> None:
        super().__init__()
        self.defaults: dict[str, str] = {}
        self.overrides: dict[str, str] = {}

    def startElement(self, name: str, attrs: AttributesImpl) -> None:
        local = name.rpartition(":")[2]
        if local == "Default" and len(self.defaults) < MAX_MEMBERS:
            self.defaults[attrs.get("Extension", "").lower()] = attrs.get("ContentType", "")
        elif local == "Override" and len(self.overrides) < MAX_MEMBERS:
            self.overrides[attrs.get("PartName", "").lstrip("/").lower()] = attrs.get("ContentType", "")


def _content_types(archive: zipfile.ZipFile, shown: str) -> _TypesHandler:
    """What the package says each part is; a Word document must say it has a main document."""
    names = {info.filename for info in archive.infolist()}
    if CONTENT_TYPES not in names or MAIN_DOCUMENT not in names:
        missing = CONTENT_TYPES if CONTENT_TYPES not in names else MAIN_DOCUMENT
        raise error(shown, None, f"{_NOT_DOCX} (it has no {missing})")
    types = _TypesHandler()
    _scan(archive, archive.getinfo(CONTENT_TYPES), types, shown)
    declared = _content_type(MAIN_DOCUMENT, types)
    if declared != MAIN_CONTENT_TYPE:
        what = f"'{quoted(declared)}'" if declared else "nothing"
        raise error(shown, None, f"{_NOT_DOCX} ({CONTENT_TYPES} declares {what} for {MAIN_DOCUMENT}, not a Word document)")
    return types


def _content_type(name: str, types: _TypesHandler) -> str | None:
    """The part's content type, looked up as python-docx does: by name, else by extension."""
    lowered = name.lower()
    return types.overrides.get(lowered) or types.defaults.get(lowered.rpartition(".")[2])


def _is_xml(name: str, types: _TypesHandler) -> bool:
    """Whether python-docx may parse the part as XML: relationships, XML content types, and
    parts of no known type (an unknown type is no proof of harmlessness)."""
    declared = _content_type(name, types)
    return name.lower().endswith(".rels") or declared is None or "xml" in declared


def _chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo, shown: str) -> Iterator[bytes]:
    """One part inflated as a stream, never more than its declared size allows (zipfile
    stops there itself; this bound does not depend on it)."""
    inflated = 0
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            inflated += len(chunk)
            if inflated > min(info.file_size, MAX_PART_BYTES):
                raise error(shown, None, f"{quoted(info.filename)} inflates to more than the archive says; the file is forged, refused")
            yield chunk


def _scan(archive: zipfile.ZipFile, info: zipfile.ZipInfo, handler: ContentHandler, shown: str) -> None:
    """Stream one XML part through expat with DTDs, entities and external references refused."""
    parser = DefusedExpatParser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
    parser.setContentHandler(handler)
    try:
        for chunk in _chunks(archive, info, shown):
            parser.feed(chunk)
        parser.close()
    except DefusedXmlException:
        raise error(shown, None, f"{quoted(info.filename)} declares a DTD or entities, which Word never writes; refused") from None
    except SAXException as exc:
        raise error(shown, None, f"{quoted(info.filename)} is not well-formed XML ({_reason(exc)}); the file is damaged: "
                                 "save it again from Word") from None


def _reason(exc: SAXException) -> str:
    if isinstance(exc, SAXParseException):
        return f"line {exc.getLineNumber()}, column {exc.getColumnNumber()}: {exc.getMessage()}"
    return exc.getMessage()


def quoted(text: str, limit: int = 120) -> str:
    """Text from the file, fit for a one-line message: control characters (a terminal's
    escape sequences, line breaks) shown escaped, and shortened (a cell may hold pages)."""
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return "".join(repr(c)[1:-1] if unicodedata.category(c) == "Cc" else c for c in text)


def _mib(size: int) -> str:
    return f"{size / MIB:,.1f} MB" if size < 1 << 30 else f"{size / (1 << 30):,.1f} GB"

