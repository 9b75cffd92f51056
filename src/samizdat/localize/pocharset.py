"""The charset a PO file declares, honoured or refused: never guessed.

gettext decodes a catalog in the charset of its header's ``Content-Type`` and so does
samizdat, with Python's codecs. What cannot be decoded faithfully is an error on the line
of the first bad byte: a file not valid in its charset, a charset Python does not know,
non-ASCII text with no charset at all, charsets whose multibyte characters can hide a
``"`` or ``\\`` (gettext needs iconv tricks for those), and — the common accident — a UTF-8
file whose header says KOI8-R or CP1251, which every single-byte charset "decodes" into
mojibake. Real KOI8-R or CP1251 Cyrillic text is never valid UTF-8 (a letter followed by
a space or a quote already is not), so that check cannot refuse a genuine file.
"""

from __future__ import annotations

import codecs
import re
from functools import cache

from samizdat.localize.posyntax import Entry

_CHARSET = re.compile(r"charset=([^ \t\n]*)")
_ASCII = bytes(range(128))


def declared(header: Entry | None) -> str | None:
    """The ``charset=`` value of the header entry, as gettext finds it (anywhere in msgstr)."""
    if header is None:
        return None
    match = _CHARSET.search(header.strings[0])
    return match.group(1) if match else None


@cache
def _codec(name: str) -> str | None:
    """Python's codec for a charset name, or None when Python has none."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


@cache
def _ascii_safe(codec: str) -> bool:
    """True when ASCII bytes mean ASCII and no multibyte character contains '"', '\\' or a newline."""
    try:
        if _ASCII.decode(codec) != _ASCII.decode("ascii"):
            return False
    except UnicodeDecodeError:
        return False
    for lead in range(0x80, 0x100):
        for trail in b'"\\\n':
            try:
                if len(bytes([lead, trail]).decode(codec)) == 1:
                    return False
            except UnicodeDecodeError:
                continue
    return True


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _first_non_ascii(data: bytes) -> int | None:
    match = re.search(rb"[\x80-\xff]", data)
    return match.start() if match else None


def codec_for(data: bytes, header: Entry | None) -> tuple[str | None, list[tuple[int | None, str]]]:
    """The codec to decode ``data`` with, or the problems that forbid decoding it."""
    charset = declared(header)
    non_ascii = _first_non_ascii(data)
    if non_ascii is None:
        return "ascii", []  # every charset gettext accepts reads ASCII the same way
    where = _line_of(data, non_ascii)
    charset_line = field_line(data, header, "charset=")
    if charset is None:
        return None, [(where, "the header declares no charset (add \"Content-Type: text/plain; charset=UTF-8\\n\"), so the text on this line cannot be read")]
    codec = _codec(charset)
    if codec is None:
        return None, [(charset_line, f"charset={charset} is not a known character set; save the file as UTF-8 and declare charset=UTF-8")]
    if not _ascii_safe(codec):
        return None, [(charset_line, f"charset={charset} is not supported in PO files here; save the file as UTF-8 and declare charset=UTF-8")]
    if codec != "utf-8":
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return None, [(charset_line, f"the header declares charset={charset}, but the text is UTF-8 (it would read as mojibake); declare charset=UTF-8")]
    try:
        data.decode(codec)
    except UnicodeDecodeError as exc:
        name = "UTF-8" if codec == "utf-8" else charset
        hint = "save the file as UTF-8" if codec == "utf-8" else "save the file in that charset, or as UTF-8 and declare charset=UTF-8"
        return None, [(_line_of(data, exc.start), f"not valid {name} (byte 0x{data[exc.start]:02x}); {hint}")]
    return codec, []


def field_line(data: bytes, header: Entry | None, needle: str) -> int | None:
    """The line of the header string that holds ``needle`` (the header's msgstr line if none)."""
    if header is None:
        return None
    lines = data.split(b"\n")
    for number in range(header.msgstr_line, len(lines) + 1):
        text = lines[number - 1].strip()
        if needle.encode() in text:
            return number
        if number > header.msgstr_line and not text.startswith(b'"'):
            break
    return header.msgstr_line


def decode(entries: list[Entry], codec: str) -> list[tuple[int | None, str]]:
    """Decode every string and comment in place; escapes (``\\xNN``) may still make bad bytes."""
    problems: list[tuple[int | None, str]] = []

    def text(value: str, where: int) -> str:
        if value.isascii():
            return value
        try:
            return value.encode("latin-1").decode(codec)
        except UnicodeDecodeError:
            problems.append((where, f"an escape sequence makes a string that is not valid in charset {codec}"))
            return value

    for entry in entries:
        entry.msgid = text(entry.msgid, entry.line)
        entry.plural = text(entry.plural, entry.line) if entry.plural is not None else None
        entry.context = text(entry.context, entry.line) if entry.context is not None else None
        entry.strings = [text(s, entry.msgstr_line) for s in entry.strings]
        entry.comments = [text(c, entry.line) for c in entry.comments]
        entry.previous = [text(p, entry.line) for p in entry.previous]
        if entry.previous_context is not None:
            entry.previous_context = text(entry.previous_context, entry.line)
    return problems
