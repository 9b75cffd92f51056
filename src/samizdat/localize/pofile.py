"""PO files through Babel, plus the previous-msgid comments (``#| msgid``) Babel mishandles.

Babel's ``read_po`` ignores ``#|`` lines and ``write_po`` wraps a long previous msgid in
the middle of its quoted string, so the old source of a fuzzy entry — what a translator
needs to see what changed — is lost or corrupted (python-babel/babel#206). Everything else
is Babel's; this module only carries ``Message.previous_id`` across a write and a read.
"""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileParser, denormalize, normalize, write_po

WIDTH = 76
_MARK = "samizdat-previous-msgid:"


class DuplicateMessage(ValueError):
    """The same msgid (and msgctxt) twice: Babel keeps one; msgfmt refuses the file."""

    def __init__(self, msgid: str, lineno: int, first: int) -> None:
        super().__init__(msgid)
        self.msgid, self.lineno, self.first = msgid, lineno, first


class _Parser(PoFileParser):
    """Babel's parser, refusing duplicate entries instead of merging them silently."""

    def _add_message(self) -> None:
        if not self.obsolete and self.messages:
            msgid = self.messages[0].denormalize() if len(self.messages) == 1 else tuple(m.denormalize() for m in self.messages)
            existing = self.catalog.get(msgid, context=self.context.denormalize() if self.context else None)
            if existing is not None and msgid:
                shown = msgid if isinstance(msgid, str) else msgid[0]
                raise DuplicateMessage(shown, self.offset + 1, existing.lineno or 0)
        super()._add_message()


def plural_count(lang: str) -> int:
    return Catalog(locale=lang).num_plurals


def read(data: bytes, lang: str | None) -> Catalog:
    """Parse PO bytes (Babel, strict) and restore each message's previous msgid."""
    catalog = Catalog(locale=lang)
    _Parser(catalog, ignore_obsolete=False, abort_invalid=True).parse(io.BytesIO(data))
    lines = data.decode("utf-8", errors="replace").splitlines()
    for message in catalog:
        # Babel reads "#| …" lines as translator comments ("| …"); they are not.
        message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
        if not message.id or not message.lineno:
            continue
        previous = _previous_block(lines, message.lineno - 1)
        if previous:
            message.previous_id = previous
    return catalog


def _previous_block(lines: list[str], index: int) -> list[str]:
    """The ``#|`` lines just above line ``index`` (0-based), decoded to msgid[, msgid_plural]."""
    start = index
    while start > 0 and lines[start - 1].startswith(("#", "msgctxt", '"')):
        start -= 1
    parts: dict[str, list[str]] = {}
    key = None
    for line in lines[start:index]:
        if not line.startswith("#|"):
            continue
        body = line[2:].strip()
        for keyword in ("msgid_plural", "msgid", "msgctxt"):
            if body.startswith(keyword + " "):
                key, body = keyword, body[len(keyword) + 1 :]
                break
        if key:
            parts.setdefault(key, []).append(body)
    found = [denormalize("\n".join(parts[k])) for k in ("msgid", "msgid_plural") if k in parts]
    return found


def write(catalog: Catalog) -> bytes:
    """PO bytes with previous msgids written as gettext does (``#| msgid ""`` + lines)."""
    pending: dict[str, list[str]] = {}
    for number, message in enumerate(catalog):
        if message.id and message.previous_id:
            mark = f"{_MARK}{number}"
            pending[mark] = _previous_lines(message.previous_id)
            message.auto_comments.append(mark)
    buffer = io.BytesIO()
    try:
        write_po(buffer, catalog, width=WIDTH, sort_output=False, include_previous=False)
    finally:
        for message in catalog:
            message.auto_comments = [c for c in message.auto_comments if not c.startswith(_MARK)]
    out: list[str] = []
    waiting: list[str] = []
    for line in buffer.getvalue().decode("utf-8").split("\n"):
        if line.startswith(f"#. {_MARK}"):
            waiting = pending[line[3:].strip()]
            continue
        if waiting and line.startswith(("msgctxt ", "msgid ")):
            out.extend(waiting)
            waiting = []
        out.append(line)
    return "\n".join(out).encode("utf-8")


def _previous_lines(previous_id: list[str] | tuple[str, ...]) -> list[str]:
    lines = [f"#| msgid {normalize(previous_id[0], prefix='#| ', width=WIDTH)}"]
    if len(previous_id) > 1:
        lines.append(f"#| msgid_plural {normalize(previous_id[1], prefix='#| ', width=WIDTH)}")
    return "\n".join(lines).split("\n")


def write_file(path: Path, catalog: Catalog) -> None:
    path.write_bytes(write(catalog))
