"""A segment's inline Markdown as text a translator writes and markup they must keep.

CAT tools (Trados, memoQ, Phrase) show inline codes as tags that a translator moves but
cannot edit. :func:`split` cuts a msgid into text runs and :class:`Code` pieces: the
opening and closing markers of each span (``**`` … ``**``, ``[`` … ``](url)``, the
image's ``![`` … ``](src)``), and whole footnote calls, code spans, cross-references,
autolinks and line breaks. Each code keeps the exact Markdown it was cut from, so the
pieces join back into the msgid byte for byte, and the text inside a link or an emphasis
stays the translator's to write. :func:`join` builds a translation from text and codes in
whatever order the translator left them, and refuses a code that is missing, repeated,
not in the source, or a pair closed before it opens or across another pair.

The cuts follow markdown-it's parse of the segment (:func:`markdown.inline_nodes`, what the
build converts), not regular expressions of their own. A segment whose syntax tree cannot
be matched to its text is one text run without codes: still exact, only unprotected.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial

from markdown_it.common.normalize_url import normalizeLinkText
from markdown_it.helpers import parseLinkDestination, parseLinkTitle
from markdown_it.tree import SyntaxTreeNode

from samizdat.content import crossref
from samizdat.content.markdown import inline_nodes

OPEN, CLOSE, SOLO = "open", "close", "standalone"

# XLIFF 1.2 ctype of each span's markers (x-: samizdat's own) and of the standalone codes
SPANS = {"strong": "bold", "em": "italic", "s": "x-strikeout", "sup": "x-superscript", "sub": "x-subscript"}
LINK, IMAGE = "link", "x-image"
FOOTNOTE, CODE, CROSSREF, AUTOLINK, LINE_BREAK, CONTROL = "x-footnote", "x-code", "x-crossref", "x-autolink", "lb", "x-control"

_SOFT_BREAK = re.compile(r" *\n[ \t]*")
_HARD_BREAK = re.compile(r"(?:\\| {2,})\n[ \t]*")
_SPACE = re.compile(r"[ \t\n]*")
_AUTOLINK = re.compile(r"<[^<>\s]*>")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # characters XML 1.0 cannot hold


@dataclass(frozen=True)
class Code:
    """A piece of markup. A pair's opening and closing codes share their ``id``."""

    id: str
    role: str  # OPEN, CLOSE or SOLO
    markdown: str  # exactly as the segment has it
    ctype: str  # what it is, in XLIFF 1.2's words

    @property
    def native(self) -> str:
        """The Markdown as an XML element can hold it, for a translator to see."""
        return xml_text(self.markdown)

    def shown(self, limit: int = 40) -> str:
        return self.native if len(self.native) <= limit else self.native[: limit - 1] + "…"


Piece = str | Code


@dataclass(frozen=True)
class Tag:
    """An inline element of a translation as the file has it: which code it names."""

    role: str
    id: str
    line: int | None
    element: str  # "ph", "bpt"…, for messages


@dataclass(frozen=True)
class Problem:
    line: int | None
    message: str


class BrokenCodes(Exception):
    """What is wrong with a translation's codes; ``text`` is the translation built from the
    codes that are right (an export whose translation lacked some is still recognised)."""

    def __init__(self, problems: list[Problem], text: str):
        super().__init__("; ".join(p.message for p in problems))
        self.problems, self.text = problems, text


class _Unmatched(Exception):
    """The syntax tree does not fit the text here (a construct this module does not know)."""


def split(source: str, note_labels: set[str]) -> tuple[Piece, ...]:
    """``source`` as text runs and codes; ``"".join(markdown(pieces)) == source`` always."""
    cutter = _Cutter(source)
    try:
        cutter.walk(inline_nodes(source, note_labels))
        cutter.text(source[cutter.pos:])  # trailing spaces the parser trimmed
    except _Unmatched:
        return (source,)
    return tuple(cutter.pieces)


def markdown(pieces: Iterable[Piece]) -> str:
    return "".join(p if isinstance(p, str) else p.markdown for p in pieces)


def xml_text(text: str) -> str:
    """``text`` with the characters XML cannot hold shown as U+FFFD (codes keep them)."""
    return _NOT_XML.sub("\ufffd", text)


class _Cutter:
    def __init__(self, source: str):
        self.source, self.pos = source, 0
        self.pieces: list[Piece] = []
        self.count = 0

    def walk(self, nodes: list[SyntaxTreeNode]) -> None:
        for node in nodes:
            kind = node.type
            if kind == "text":
                self.text_with_references(self.take(node.content))
            elif kind == "text_special":  # an escape or entity, as typed
                self.text(self.take(node.markup))
            elif kind == "softbreak":
                self.text(self.take_pattern(_SOFT_BREAK))
            elif kind == "hardbreak":
                self.solo(self.take_pattern(_HARD_BREAK), LINE_BREAK)
            elif kind == "code_inline":
                self.solo(self.take_code(node.markup), CODE)
            elif kind == "footnote_ref":
                self.solo(self.take(f"[^{node.meta['label']}]"), FOOTNOTE)
            elif kind in SPANS:
                self.pair(node, self.take(node.markup), SPANS[kind], partial(self.take, node.markup))
            elif kind == "link" and node.markup == "autolink":
                self.solo(self.take_autolink(node), AUTOLINK)
            elif kind == "link":
                self.pair(node, self.take("["), LINK, self.take_link_end)
            elif kind == "image":
                self.pair(node, self.take("!["), IMAGE, self.take_link_end)
            else:
                raise _Unmatched

    def pair(self, node: SyntaxTreeNode, opening: str, ctype: str, closing: Callable[[], str]) -> None:
        self.count += 1
        ident = str(self.count)
        self.pieces.append(Code(ident, OPEN, opening, ctype))
        self.walk(node.children)
        self.pieces.append(Code(ident, CLOSE, closing(), ctype))

    def solo(self, markdown: str, ctype: str) -> None:
        self.count += 1
        self.pieces.append(Code(str(self.count), SOLO, markdown, ctype))

    def text(self, text: str) -> None:
        """Plain text; a character XML cannot carry becomes a code of its own."""
        position = 0
        for match in _NOT_XML.finditer(text):
            self.plain(text[position:match.start()])
            self.solo(match.group(0), CONTROL)
            position = match.end()
        self.plain(text[position:])

    def plain(self, text: str) -> None:
        if text and self.pieces and isinstance(self.pieces[-1], str):
            self.pieces[-1] += text
        elif text:
            self.pieces.append(text)

    def text_with_references(self, text: str) -> None:
        """Text, with each ``@fig:x`` a code; a form after it (``{gen}``) stays text, since
        the translator chooses the case their sentence needs."""
        position = 0
        for match in crossref.REFERENCE.finditer(text):
            self.text(text[position:match.start()])
            self.solo(text[match.start():match.end(1)], CROSSREF)
            position = match.end(1)
        self.text(text[position:])

    def take(self, expected: str) -> str:
        if not self.source.startswith(expected, self.pos):
            raise _Unmatched
        self.pos += len(expected)
        return expected

    def take_pattern(self, pattern: re.Pattern[str]) -> str:
        match = pattern.match(self.source, self.pos)
        if match is None:
            raise _Unmatched
        self.pos = match.end()
        return match.group(0)

    def take_code(self, fence: str) -> str:
        """A code span: its backtick run, then the first run of the same length."""
        start = self.pos
        self.take(fence)
        closing = re.compile(rf"(?<!`){fence}(?!`)").search(self.source, self.pos)
        if closing is None:
            raise _Unmatched
        self.pos = closing.end()
        return self.source[start:self.pos]

    def take_autolink(self, node: SyntaxTreeNode) -> str:
        """``<https://…>`` whole, or a bare address (the tree holds it decoded: %C3%A9 as é)."""
        if self.source.startswith("<", self.pos):
            return self.take_pattern(_AUTOLINK)
        shown = "".join(child.content for child in node.children)
        end = self.pos + len(shown)
        limit = len(self.source) if (space := re.compile(r"[\s<]").search(self.source, self.pos)) is None else space.start()
        while end <= limit:
            if normalizeLinkText(self.source[self.pos:end]) == shown:
                return self.take(self.source[self.pos:end])
            end += 1
        raise _Unmatched

    def take_link_end(self) -> str:
        """``](destination "title")``, read as markdown-it's link rule reads it."""
        start, src = self.pos, self.source
        self.take("](")
        self.take_pattern(_SPACE)
        destination = parseLinkDestination(src, self.pos, len(src))
        if destination.ok:
            self.pos = destination.pos
            before_title = self.pos
            self.take_pattern(_SPACE)
            if self.pos > before_title and self.pos < len(src) and src[self.pos] != ")":
                title = parseLinkTitle(src, self.pos, len(src))
                if title.ok:
                    self.pos = title.pos
                    self.take_pattern(_SPACE)
        self.take(")")
        return src[start:self.pos]


# --- back from a translation ------------------------------------------------------------------


def join(items: Sequence[str | Tag], codes: Sequence[Piece], line: int | None, tidy: bool = True) -> str:
    """A translation's Markdown from its text and tags, each tag standing for the source's
    code of that id and role. ``tidy`` moves spaces a CAT tool left just inside emphasis
    markers (``** word**``, which Markdown would show as typed) outside them.

    Raises :class:`BrokenCodes` listing every code missing, repeated, unknown or crossed.
    """
    expected = {(c.id, c.role): c for c in codes if isinstance(c, Code)}
    seen: dict[tuple[str, str], Tag] = {}
    problems: list[Problem] = []
    pieces: list[Piece] = []
    for item in items:
        if isinstance(item, str):
            pieces.append(re.sub(r"[ \t]*\n[ \t\n]*", " ", item))  # a msgid is one line; a line break is a code
            continue
        code = expected.get((item.id, item.role))
        if code is None:
            problems.append(Problem(item.line, f"<{item.element} id=\"{item.id}\"> is not a placeholder of this unit's source; delete it"))
        elif (item.id, item.role) in seen:
            problems.append(Problem(item.line, f"placeholder {_name(code)} is there twice (also at line {seen[item.id, item.role].line}); keep one"))
        else:
            seen[item.id, item.role] = item
            pieces.append(code)
    problems += [Problem(line, f"placeholder {_name(code)} is missing; put it back where the translation needs it")
                 for key, code in expected.items() if key not in seen]
    if not problems:
        problems = _crossed(pieces, seen)
    text = _render(pieces, tidy).strip(" \t")
    if problems:
        raise BrokenCodes(problems, text)
    return text


def _name(code: Code) -> str:
    """``2 ('[^1]')``, ``1 (closing '**')``: the id a CAT tool shows, and what it stands for."""
    role = {OPEN: "opening ", CLOSE: "closing ", SOLO: ""}[code.role]
    return f"{code.id} ({role}'{code.shown()}')"


def _crossed(pieces: list[Piece], seen: dict[tuple[str, str], Tag]) -> list[Problem]:
    """Pairs must close after they open and nest: ``**[a**](url)`` is no Markdown."""
    open_pairs: list[Code] = []
    for piece in pieces:
        if not isinstance(piece, Code) or piece.role == SOLO:
            continue
        if piece.role == OPEN:
            open_pairs.append(piece)
        elif open_pairs and open_pairs[-1].id == piece.id:
            open_pairs.pop()
        else:
            where = seen[piece.id, piece.role].line
            if any(p.id == piece.id for p in open_pairs):
                inner = open_pairs[-1]
                return [Problem(where, f"placeholder pair {piece.id} ('{piece.shown()}') closes inside pair {inner.id} "
                                       f"('{inner.shown()}'); a pair must close inside the pair it opened in")]
            return [Problem(where, f"placeholder {_name(piece)} comes before its opening; swap them")]
    return []


def _render(pieces: list[Piece], tidy: bool) -> str:
    out, carry = "", ""  # carry: spaces moved out of a span, written after its closing marker
    for index, piece in enumerate(pieces):
        if isinstance(piece, Code):
            out += piece.markdown + carry
            carry = ""
            continue
        text = piece
        opening = _span(pieces, index - 1, OPEN) if tidy else None
        if opening is not None and text[:1].isspace():
            stripped = text.lstrip()
            before = out[: len(out) - len(opening.markdown)]
            if before and not _hugs(before[-1], _OPENING_PUNCTUATION):  # "(** x**)" → "(**x**)", not "( **x**)"
                out = before + text[: len(text) - len(stripped)] + opening.markdown
            text = stripped
        if tidy and _span(pieces, index + 1, CLOSE) is not None and text[-1:].isspace():
            stripped = text.rstrip()
            following = pieces[index + 2] if index + 2 < len(pieces) else ""
            carry = "" if isinstance(following, str) and _hugs(following[:1], _CLOSING_PUNCTUATION) else text[len(stripped):]
            text = stripped
        out += text
    return out


_OPENING_PUNCTUATION = ("Ps", "Pi")  # ( [ « “
_CLOSING_PUNCTUATION = ("Pe", "Pf", "Po")  # ) ] » ” . , ; : ! ?


def _hugs(char: str, categories: tuple[str, ...]) -> bool:
    """Whether a space moved out of a span next to ``char`` would be one too many: ``char``
    is a space already, the end of the text, or punctuation that sits against a word."""
    return not char or char.isspace() or unicodedata.category(char) in categories


def _span(pieces: list[Piece], index: int, role: str) -> Code | None:
    """The emphasis-like marker (not a link's) with ``role`` at ``index``, if it is one."""
    piece = pieces[index] if 0 <= index < len(pieces) else None
    return piece if isinstance(piece, Code) and piece.role == role and piece.ctype in SPANS.values() else None
