"""PO files read as strictly as ``msgfmt --check`` and written in linear time.

Reading: :mod:`posyntax` parses (gettext's grammar, so a missing quote or a bad escape is
an error instead of a silently changed translation), :mod:`pocharset` decodes in the
declared charset, :mod:`pochecks` applies msgfmt's checks; only then is a Babel
:class:`Catalog` built, previous msgids (``#| msgid``, which Babel's reader drops) included.
A catalog read is written back as UTF-8.

Writing: Babel's ``write_po`` formats every string with ``normalize``, whose word-splitting
regular expression backtracks over each long unbroken run of letters or punctuation —
quadratic: a 40,000-character token takes half a minute. This writer produces the same
bytes (gettext's layout, wrapped at 76 columns, ``#| msgid`` lines where gettext puts them)
with a splitting expression that can only start a hyphenated word where a run begins.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterator

from babel.core import UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.util import TextWrapper

from samizdat.localize import pocharset, pochecks, posyntax
from samizdat.localize.posyntax import Entry, PoProblems

__all__ = ["PoProblems", "normalize", "plural_count", "read", "write", "write_file"]

WIDTH = 76


def plural_count(lang: str) -> int:
    return Catalog(locale=lang).num_plurals


def read(data: bytes, lang: str | None) -> Catalog:
    """The catalog in PO bytes; raises :class:`PoProblems` for anything msgfmt would refuse."""
    if data.startswith(codecs.BOM_UTF8):
        raise PoProblems([(1, "the file starts with a byte order mark (BOM), which gettext refuses; save it as UTF-8 without BOM")])
    entries = posyntax.parse(data.decode("latin-1"))
    if not entries:
        raise PoProblems([(None, "no PO entries, not even the header; run 'samizdat translate extract' to create the catalog")])
    header = next((e for e in entries if pochecks.is_header(e)), None)
    codec, problems = pocharset.codec_for(data, header)
    if codec is None:
        raise PoProblems(problems)
    problems = pocharset.decode(entries, codec)
    problems += pochecks.duplicates(entries)
    plural_problems, often = pochecks.plural_forms(entries, header, lang)
    problems += plural_problems + pochecks.translations(entries, often, lang)
    if problems:
        raise PoProblems(sorted(problems, key=lambda problem: problem[0] or 0))
    return _catalog(entries, lang)


_LOCATION = re.compile(r"\u2068[^\u2069]*\u2069(?::-?\d+)?|\S+")


def _catalog(entries: list[Entry], lang: str | None) -> Catalog:
    """A Babel catalog of parsed entries, as Babel's own reader would build it."""
    catalog = Catalog(locale=lang)
    for entry in entries:
        locations: list[tuple[str, int]] = []  # Babel's type; a location without a line has None
        flags: list[str] = []
        auto_comments: list[str] = []
        user_comments: list[str] = []
        for comment in entry.comments:
            if comment.startswith(":"):
                for location in _LOCATION.findall(comment[1:]):
                    filename, colon, line = location.rpartition(":")
                    if colon and line.lstrip("-").isdigit():
                        locations.append((filename.strip("\u2068\u2069"), int(line)))
                    else:
                        locations.append((location.strip("\u2068\u2069"), None))  # type: ignore[arg-type]
            elif comment.startswith(","):
                flags += [flag.strip() for flag in comment[1:].split(",") if flag.strip()]
            elif comment.startswith("."):
                if comment[1:].strip():
                    auto_comments.append(comment[1:].strip())
            else:
                user_comments.append(comment.strip())
        msgid: str | tuple[str, str] = entry.msgid if entry.plural is None else (entry.msgid, entry.plural)
        string: str | tuple[str, ...] = entry.strings[0]
        if entry.plural is not None:
            string = tuple(entry.strings) + ("",) * (catalog.num_plurals - len(entry.strings))
        message = Message(
            msgid, string, locations, flags, auto_comments, user_comments,
            previous_id=list(entry.previous), lineno=entry.line, context=entry.context,
        )
        if entry.obsolete:
            catalog.obsolete[(entry.msgid, entry.context) if entry.context is not None else entry.msgid] = message
            continue
        try:
            catalog[msgid] = message
        except (ValueError, UnknownLocaleError) as exc:  # Babel parses dates, Language, nplurals
            raise PoProblems([(entry.msgstr_line, f"invalid header: {exc}")]) from None
    catalog.charset = "utf-8"
    return catalog


# Babel's WORD_SEP (whitespace, a hyphenated word up to its hyphen, an em-dash of "--"),
# except that a hyphenated word may only start where a run of letters or of punctuation
# begins. re.split tries every position; Babel's pattern re-scans the whole run from each
# one. A match could never start inside a run anyway: the run's start matches first.
_WORD_SEP = re.compile(
    r"(\s+|"
    r"(?!(?<=\w)\w)(?!(?<=[^\s\w])[^\s\w])[^\s\w]*\w+[a-zA-Z]-(?=\w+[a-zA-Z])|"
    r"(?<=[\w\!\"\'\&\.\,\?])-{2,}(?=\w))"
)


def _escape(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n").replace('"', '\\"')
    return f'"{escaped}"'


def normalize(text: str, prefix: str = "", width: int = WIDTH) -> str:
    """A string as PO lines: Babel's ``normalize`` (same output), in linear time."""
    prefixlen = len(prefix)
    lines: list[str] = []
    for line in text.splitlines(True):
        if len(_escape(line)) + prefixlen <= width:
            lines.append(line)
            continue
        chunks = _WORD_SEP.split(line)
        chunks.reverse()
        while chunks:
            buffer: list[str] = []
            size = 2
            while chunks:
                length = len(_escape(chunks[-1])) - 2 + prefixlen
                if size + length < width:
                    buffer.append(chunks.pop())
                    size += length
                else:
                    if not buffer:  # a chunk longer than the line goes on a line of its own
                        buffer.append(chunks.pop())
                    break
            lines.append("".join(buffer))
    if len(lines) <= 1:
        return _escape(text)
    if not lines[-1]:
        del lines[-1]
        lines[-1] += "\n"
    return '""\n' + "\n".join(prefix + _escape(line) for line in lines)


def write(catalog: Catalog) -> bytes:
    """PO bytes in the layout of Babel's ``write_po`` (unsorted), with ``#| msgid`` lines."""
    return "".join(_po_lines(catalog)).encode("utf-8")


def write_file(path: os.PathLike[str] | str, catalog: Catalog) -> None:
    with open(path, "wb") as handle:
        handle.write(write(catalog))


_comments = TextWrapper(width=WIDTH, break_long_words=False)
_header = TextWrapper(width=WIDTH, subsequent_indent="# ", break_long_words=False)


def _po_lines(catalog: Catalog) -> Iterator[str]:
    for message in catalog:
        if not message.id:
            yield "\n".join(line for raw in catalog.header_comment.splitlines() for line in _header.wrap(raw)) + "\n"
        yield from _comment_lines(message)
        yield from _message_lines(catalog, message)
        yield "\n"
    for message in catalog.obsolete.values():
        for comment in message.user_comments:
            yield from _wrapped(comment, "")
        yield from _message_lines(catalog, message, "#~ ")
        yield "\n"


def _wrapped(comment: str, kind: str) -> Iterator[str]:
    for line in _comments.wrap(comment):
        yield f"#{kind} {line.strip()}\n"


def _comment_lines(message: Message) -> Iterator[str]:
    for comment in message.user_comments:
        yield from _wrapped(comment, "")
    for comment in message.auto_comments:
        yield from _wrapped(comment, ".")
    try:
        locations = sorted(message.locations, key=lambda loc: (loc[0], loc[1] if isinstance(loc[1], int) else -1))
    except TypeError:
        locations = list(message.locations)
    shown: dict[str, None] = {}
    for filename, lineno in locations:
        name = filename.replace(os.sep, "/")
        if " " in name or "\t" in name:
            name = "\u2068" + name.strip("\u2068\u2069") + "\u2069"
        shown[f"{name}:{lineno:d}" if lineno else name] = None
    yield from _wrapped(" ".join(shown), ":")
    if message.flags:
        yield "#" + ", ".join(["", *sorted(message.flags)]) + "\n"


def _message_lines(catalog: Catalog, message: Message, prefix: str = "") -> Iterator[str]:
    if message.id and message.previous_id:
        previous = [message.previous_id] if isinstance(message.previous_id, str) else list(message.previous_id)
        mark = prefix.rstrip() + "| " if prefix else "#| "
        for keyword, text in zip(("msgid", "msgid_plural"), previous):
            yield f"{mark}{keyword} {normalize(text, prefix=mark)}\n"
    if message.context:
        yield f"{prefix}msgctxt {normalize(message.context, prefix=prefix)}\n"
    if isinstance(message.id, (list, tuple)):
        yield f"{prefix}msgid {normalize(message.id[0], prefix=prefix)}\n"
        yield f"{prefix}msgid_plural {normalize(message.id[1], prefix=prefix)}\n"
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        for index in range(catalog.num_plurals):
            form = strings[index] if index < len(strings) else ""
            yield f"{prefix}msgstr[{index:d}] {normalize(form or '', prefix=prefix)}\n"
    else:
        yield f"{prefix}msgid {normalize(message.id, prefix=prefix)}\n"
        yield f"{prefix}msgstr {normalize(str(message.string or ''), prefix=prefix)}\n"
