"""The PO grammar as GNU gettext reads it: a lexer and parser that refuse what msgfmt refuses.

Babel's reader forgives too much: a string without its closing quote loses its last
character instead of failing, an unknown escape passes through, ``msgstr[1]`` without
``msgid_plural`` is taken as read. This module follows gettext's ``po-lex.c`` and
``po-gram-gen.y`` instead: tokens (not lines), keywords, ``"…"`` strings with C escapes,
``#~`` obsolete and ``#|`` previous entries, and the same error for the same mistake, on
the same line (see tests/localize/broken_po).

It works on bytes decoded as Latin-1, one character per byte: the PO syntax is ASCII, so
the structure is found before the charset is known, and ``\\xNN`` escapes are bytes as in
gettext. :mod:`samizdat.localize.pocharset` then decodes each string in the declared charset.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field


class PoProblems(ValueError):
    """Everything wrong with one PO file: (line or None, message) pairs, in file order."""

    def __init__(self, problems: list[tuple[int | None, str]]) -> None:
        super().__init__("; ".join(f"{line}: {message}" for line, message in problems))
        self.problems = problems


@dataclass
class Entry:
    """One PO entry; strings are still Latin-1 text standing for bytes until decoded."""

    line: int  # the msgid line (Babel's Message.lineno)
    msgstr_line: int  # the msgstr (or msgstr[0]) line, where msgfmt reports a bad translation
    msgid: str
    plural: str | None
    strings: list[str]
    context: str | None = None
    comments: list[str] = field(default_factory=list)  # each comment line without its '#'
    previous: list[str] = field(default_factory=list)  # the #| msgid[, msgid_plural]
    previous_context: str | None = None
    obsolete: bool = False


@dataclass
class _Token:
    kind: str
    line: int
    value: str = ""
    obsolete: bool = False


_KEYWORDS = {"domain", "msgid", "msgid_plural", "msgstr", "msgctxt"}
_PREVIOUS_KEYWORDS = {"msgid", "msgid_plural", "msgctxt"}
_SPACE = re.compile(r"[ \t\r\f\v]+")
_NAME = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
_NUMBER = re.compile(r"[0-9]+")
# A quoted string up to its closing quote; without one, up to the end of the line.
_STRING = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)(")?')
_ESCAPE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9A-Fa-f]+)|(.))", re.DOTALL)
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "\\": "\\", '"': '"'}
_EOT = "\x04"  # gettext's msgctxt separator in .mo files


def _unescape(body: str, line: int, problems: list[tuple[int | None, str]]) -> str:
    """The value of a string's body; numeric escapes are bytes, as in gettext."""
    if "\\" not in body:
        return body

    def replace(match: re.Match[str]) -> str:
        octal, hexa, other = match.groups()
        if octal is not None:
            return chr(int(octal, 8) & 0xFF)
        if hexa is not None:
            return chr(int(hexa, 16) & 0xFF)
        if other in _SIMPLE_ESCAPES:
            return _SIMPLE_ESCAPES[other]
        problems.append((line, f"invalid PO file: unknown escape sequence '\\{other}' in a string (write '\\\\' for a backslash)"))
        return " "

    return _ESCAPE.sub(replace, body)


def _tokens(text: str, problems: list[tuple[int | None, str]]) -> Iterator[_Token]:
    """gettext's ``po_gram_lex``: whitespace, comments, keywords, strings, numbers, brackets."""
    for number, line in enumerate(text.split("\n"), 1):
        obsolete = previous = False
        pos, end = 0, len(line)
        while pos < end:
            char = line[pos]
            if char in " \t\r\f\v":
                pos = _SPACE.match(line, pos).end()  # type: ignore[union-attr]
            elif char == "#":
                following = line[pos + 1 : pos + 2]
                if following == "~":
                    obsolete, pos = True, pos + 2
                    if line[pos : pos + 1] == "|":
                        previous, pos = True, pos + 1
                elif following == "|":
                    previous, pos = True, pos + 2
                else:
                    yield _Token("comment", number, line[pos + 1 :], obsolete)
                    pos = end
            elif char == '"':
                match = _STRING.match(line, pos)
                assert match is not None  # the pattern matches any '"'
                body, closed = match.groups()
                if not closed:
                    problems.append((number, 'invalid PO file: the string has no closing quote (")'))
                value = _unescape(body, number, problems)
                if _EOT in value:
                    problems.append((number, "invalid PO file: a string holds the control character EOT (\\004), which .mo files reserve"))
                yield _Token("prev_string" if previous else "string", number, value, obsolete)
                pos = match.end()
            elif char.isascii() and (char.isalpha() or char in "_$"):
                name = _NAME.match(line, pos).group()  # type: ignore[union-attr]
                pos += len(name)
                if name in (_PREVIOUS_KEYWORDS if previous else _KEYWORDS):
                    yield _Token(("prev_" if previous else "") + name, number, name, obsolete)
                else:
                    problems.append((number, f"invalid PO file: unknown keyword '{name}'"))
                    yield _Token("name", number, name, obsolete)
            elif char.isascii() and char.isdigit():
                digits = _NUMBER.match(line, pos).group()  # type: ignore[union-attr]
                pos += len(digits)
                yield _Token("number", number, digits, obsolete)
            elif char in "[]":
                pos += 1
                yield _Token(char, number, char, obsolete)
            else:
                pos += 1
                yield _Token("junk", number, char, obsolete)
    while True:
        yield _Token("eof", number)


class _SyntaxError(Exception):
    pass


class _Parser:
    """gettext's ``po-gram-gen.y`` by recursive descent; stops at the first syntax error."""

    def __init__(self, text: str) -> None:
        self.problems: list[tuple[int | None, str]] = []
        self._tokens = _tokens(text, self.problems)
        self.token = next(self._tokens)

    def _take(self) -> _Token:
        token, self.token = self.token, next(self._tokens)
        return token

    def _fail(self, token: _Token | None = None) -> _SyntaxError:
        token = token or self.token
        shown = {"eof": "the end of the file", "string": "a string", "prev_string": "a string", "comment": "a comment"}
        what = shown.get(token.kind, f"'{token.value}'")
        self.problems.append((token.line, f"invalid PO file: syntax error at {what}"))
        return _SyntaxError()

    def _strings(self, kind: str, first: _Token) -> str:
        """One or more strings after a keyword, joined; all obsolete or none."""
        if self.token.kind != kind:
            raise self._fail()
        parts = []
        while self.token.kind == kind:
            token = self._take()
            self._same_obsolete(first, token)
            parts.append(token.value)
        return "".join(parts)

    def _same_obsolete(self, first: _Token, token: _Token) -> None:
        problem = (token.line, "invalid PO file: inconsistent use of #~ within one entry")
        if token.obsolete != first.obsolete and problem not in self.problems:
            self.problems.append(problem)

    def entries(self) -> list[Entry]:
        entries: list[Entry] = []
        comments: list[str] = []
        try:
            while self.token.kind != "eof":
                kind = self.token.kind
                if kind == "comment":
                    comments.append(self._take().value)
                elif kind == "domain":
                    token = self._take()
                    self._strings("string", token)
                    self.problems.append((token.line, "invalid PO file: 'domain' directives are not supported (one catalog per file)"))
                elif kind in ("msgid", "msgctxt", "prev_msgid", "prev_msgctxt"):
                    entry = self._entry(comments)
                    if entry is not None:
                        entries.append(entry)
                    comments = []
                else:
                    raise self._fail()
        except _SyntaxError:
            pass
        return entries

    def _entry(self, comments: list[str]) -> Entry | None:
        first = self.token
        previous: list[str] = []
        previous_context = None
        if first.kind.startswith("prev_"):
            if self.token.kind == "prev_msgctxt":
                previous_context = self._strings("prev_string", self._take())
            if self.token.kind != "prev_msgid":
                raise self._fail()
            previous.append(self._strings("prev_string", self._take()))
            if self.token.kind == "prev_msgid_plural":
                previous.append(self._strings("prev_string", self._take()))
            if self.token.kind not in ("msgid", "msgctxt"):
                raise self._fail()
            first = self.token
        context = None
        if self.token.kind == "msgctxt":
            context = self._strings("string", self._take())
            if self.token.kind != "msgid":
                raise self._fail()
        keyword = self._take()
        self._same_obsolete(first, keyword)
        msgid = self._strings("string", keyword)
        plural = None
        if self.token.kind == "msgid_plural":
            plural = self._strings("string", self._take())
        if self.token.kind != "msgstr":
            missing = "msgstr[]" if plural is not None else "msgstr"
            self.problems.append((keyword.line, f"invalid PO file: the entry has no '{missing}'"))
            return None
        msgstr = self._take()
        self._same_obsolete(first, msgstr)
        if self.token.kind == "[":
            strings = self._plural_forms(msgstr)
            if plural is None:
                self.problems.append((keyword.line, "invalid PO file: 'msgstr[N]' forms without 'msgid_plural'"))
                return None
        elif plural is not None:
            raise self._fail()
        else:
            strings = [self._strings("string", first)]
        return Entry(
            keyword.line, msgstr.line, msgid, plural, strings, context, comments, previous, previous_context, first.obsolete
        )

    def _plural_forms(self, msgstr: _Token) -> list[str]:
        """``msgstr[0] "…" msgstr[1] "…"``: indexes must count up from 0."""
        strings: list[str] = []
        while True:
            self._take()  # '['
            if self.token.kind != "number":
                raise self._fail()
            index = int(self._take().value)
            if self.token.kind != "]":
                raise self._fail()
            self._take()
            if index != len(strings):
                what = "the first plural form must be msgstr[0]" if not strings else f"msgstr[{index}] where msgstr[{len(strings)}] belongs"
                self.problems.append((msgstr.line, f"invalid PO file: {what}"))
            strings.append(self._strings("string", msgstr))
            if self.token.kind != "msgstr":
                return strings
            msgstr = self._take()
            if self.token.kind != "[":
                raise self._fail()


def parse(text: str) -> list[Entry]:
    """The entries of a PO file given as Latin-1 text; raises :class:`PoProblems`."""
    parser = _Parser(text)
    entries = parser.entries()
    if parser.problems:
        raise PoProblems(parser.problems)
    return entries
