"""Locale typography on the model's text: quotation marks, apostrophes, dashes, no-break spaces.

Written here because Babel does not ship CLDR's delimiter data: the quotation marks, the
dash and the words that must not end a line come from the language's profile
(:mod:`samizdat.languages`, CLDR ``delimiters`` and typesetting practice). A quotation inside another
takes the language's other marks (“…‘…’…” in English, «…„…“…» in Belarusian and Russian);
at the top level a quotation the author typed with single quotes keeps single marks where
the language has them (English ‘…’), else takes the main ones («…»).

Only plain text is touched: never code, link targets, text the author escaped (``\\"``,
``\\-``: :attr:`model.Text.literal`), or raw HTML, which samizdat shows as typed.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markdown_it.common.html_re import HTML_TAG_RE

from samizdat import model as m
from samizdat.languages import Language


@dataclass(frozen=True)
class Marks:
    open: str
    close: str
    inner_open: str
    inner_close: str
    dash: str  # what a spaced hyphen becomes



APOSTROPHE = "\u2019"  # in every language (Belarusian too: сям’я)
SINGLE = ("\u2018", "\u201a")  # inner marks that are single quotes: an author's '…' keeps them

_NUMBER_WORD = re.compile(r"(?<![\w.,])(\d[\d.,\u00a0]*\d|\d)[ \t](?=[^\W\d_]|%|№)")
_INITIAL = re.compile(r"(?<![\w.])([^\W\d_]\.)([ \t])(?=[^\W\d_])")
_OPENERS = set(" \t\n\u00a0([{\u2014\u2013-/")  # after these a quotation mark opens


@dataclass(frozen=True)
class _Open:
    typed: str  # '"' or "'"
    close: str
    inner: bool  # uses the language's inner marks


class _Typesetter:
    """Walks a segment's text in reading order, keeping open quotations across inlines."""

    def __init__(self, marks: Marks, short_words: re.Pattern[str] | None, language: Language):
        self.marks, self.short_words, self.language = marks, short_words, language
        self.previous = " "  # the character before, as typed
        self.after_open = False  # the character before was an opening mark
        self.open: list[_Open] = []

    def text(self, value: str, following: str) -> str:
        """``value`` set in the language; ``following`` is the first character after it."""
        out, start = [], 0
        for tag in HTML_TAG_RE.finditer(value):  # raw HTML, shown as typed
            out.append(self.plain(value[start:tag.start()], tag.group(0)[:1]))
            out.append(tag.group(0))
            self.see(tag.group(0))
            start = tag.end()
        out.append(self.plain(value[start:], following))
        return "".join(out)

    def plain(self, value: str, following: str) -> str:
        value = re.sub(r" -{1,3} ", self.marks.dash, value)
        if self.marks.dash.startswith("\u00a0"):  # a dash the translator typed after a plain space must not start a line
            value = re.sub(r"(?<=\S) ([\u2013\u2014])(?=\s)", "\u00a0\\1", value)
        out: list[str] = []
        for index, char in enumerate(value):
            if char in "\"'":
                out.append(self.quote(char, value[index + 1] if index + 1 < len(value) else following))
            else:
                out.append(char)
                self.after_open = False
            self.previous = char
        result = "".join(out)
        if self.language.nobreak_numbers:  # 458 votes, 2026 г., 18 %: the number stays with its word
            result = _NUMBER_WORD.sub("\\1\u00a0", result)
        if self.language.nobreak_initials:  # S. Cichanouska, А. Лукашэнка
            result = _INITIAL.sub(lambda match: match.group(1) + ("\u00a0" if match.group(1)[0].isupper() else match.group(2)), result)
        if not self.short_words:
            return result
        joined = self.short_words.sub("\\1\u00a0", result)
        if following and not following.isspace():  # the next word is a link's or emphasis's (render/html.py keeps them together)
            joined = self.short_words.sub("\\1\u00a0", joined + "\ufdd1")[:-1]
        return joined

    def see(self, value: str) -> None:
        """Text left as it is (code, an escape, a tag) still stands before what follows."""
        if value:
            self.previous, self.after_open = value[-1], False

    def quote(self, char: str, after: str) -> str:
        """The mark for a typed quote; ``after`` is the character after it."""
        opens = self.previous in _OPENERS or self.after_open
        self.after_open = False
        if char == "'":
            if self.previous.isalnum() and after.isalnum():
                return APOSTROPHE  # don't, сям'я, O'Brien
            if opens and after.isdigit():
                return APOSTROPHE  # the '90s
            if opens and after and not after.isspace():
                return self.push("'")
            return self.close("'") or APOSTROPHE  # the students' union
        if opens and after and not after.isspace():
            return self.push('"')
        return self.close('"') or self.push('"')

    def push(self, typed: str) -> str:
        if self.open:
            inner = not self.open[-1].inner
        else:
            inner = typed == "'" and self.marks.inner_open in SINGLE
        marks = self.marks
        self.open.append(_Open(typed, marks.inner_close if inner else marks.close, inner))
        self.after_open = True
        return marks.inner_open if inner else marks.open

    def close(self, typed: str) -> str:
        """The closing mark of the innermost quotation opened with ``typed``, if any."""
        if not any(quotation.typed == typed for quotation in self.open):
            return ""
        while self.open:
            quotation = self.open.pop()
            if quotation.typed == typed:
                return quotation.close
        return ""


def _leaves(nodes: tuple[m.Inline, ...]) -> Iterator[m.Inline]:
    """The inlines that hold no other inlines, in reading order."""
    for node in nodes:
        children = getattr(node, "children", None)
        if isinstance(children, tuple):
            yield from _leaves(children)
        else:
            yield node


def _rebuild(nodes: tuple[m.Inline, ...], leaves: Iterator[m.Inline]) -> tuple[m.Inline, ...]:
    """``nodes`` with their leaves replaced, in order, by ``leaves``."""
    out: list[m.Inline] = []
    for node in nodes:
        children = getattr(node, "children", None)
        if isinstance(children, tuple):
            changes: dict[str, Any] = {"children": _rebuild(children, leaves)}  # Emph, Link… alike
            out.append(dataclasses.replace(node, **changes))
        else:
            out.append(next(leaves))
    return tuple(out)


def _shown(node: m.Inline) -> str:
    if isinstance(node, (m.Text, m.Code)):
        return node.text
    return "\n" if isinstance(node, m.LineBreak) else ""


def marks(language: Language) -> Marks:
    return Marks(*language.quotes, dash=language.dash)


@lru_cache(maxsize=32)
def _no_break_after(count: int, letters: str, words: tuple[str, ...]) -> re.Pattern[str] | None:
    """Words that must not end a line: any of up to ``count`` of the language's ``letters``
    (any letter when empty), and ``words``; the space after them becomes a no-break space."""
    letter = f"[{letters}]" if letters else r"[^\W\d_]"
    choices = ([f"{letter}{{1,{count}}}"] if count else []) + [re.escape(word) for word in sorted(words, key=len, reverse=True)]
    if not choices:
        return None
    return re.compile(rf"(?<![\w\u00a0\-\u2010])((?:{'|'.join(choices)}))\s(?=\S)", re.IGNORECASE)  # 'па-за ім': not a word of its own


def apply(segment: m.Segment, language: Language) -> m.Segment:
    """The segment with the typography of ``language`` (its own language's, for a fallback)."""
    setter = _Typesetter(marks(language), _no_break_after(language.nobreak_letters, language.letters, language.nobreak_after), language)
    leaves = list(_leaves(segment.inlines))
    following = [""] * len(leaves)  # the first character shown after each leaf
    upcoming = ""
    for index in range(len(leaves) - 1, -1, -1):
        following[index] = upcoming
        upcoming = _shown(leaves[index])[:1] or upcoming
    done: list[m.Inline] = []
    for leaf, after in zip(leaves, following):
        if isinstance(leaf, m.Text) and not leaf.literal:
            done.append(m.Text(setter.text(leaf.text, after)))
        else:
            setter.see(_shown(leaf))
            done.append(leaf)
    done = _long_last_line(done, language.min_last_line)
    if done == leaves:
        return segment
    return dataclasses.replace(segment, inlines=_rebuild(segment.inlines, iter(done)))


def _long_last_line(leaves: list[m.Inline], least: int) -> list[m.Inline]:
    """A paragraph's last line holds at least ``least`` characters where its last text can
    join words: the space before a short last word («…усіх сіл.») becomes a no-break space,
    twice at most, so a narrow table cell is never forced wider."""
    texts = [index for index, leaf in enumerate(leaves) if isinstance(leaf, m.Text) and not leaf.literal]
    if not least or not texts or sum(len(_shown(leaf)) for leaf in leaves) < 10 * least:
        return leaves  # a heading, a label or a cell: too short to have a last line of its own
    last = texts[-1]
    if any(_shown(leaf).strip() for leaf in leaves[last + 1:]):
        return leaves  # the segment ends in a link or code: that is where its last line breaks
    leaf = leaves[last]
    assert isinstance(leaf, m.Text)
    text = leaf.text
    for _ in range(2):
        tail = text.rstrip()
        space = max(tail.rfind(" "), tail.rfind("\t"))
        if space <= 0 or len(tail) - space - 1 >= least or len(tail[space + 1:].replace("\u00a0", " ")) >= least:
            break
        if len(tail[space + 1:]) + len(tail[:space].split()[-1]) > 2 * least:
            break  # two long words: let the line breaker have them
        text = text[:space] + "\u00a0" + text[space + 1:]
        if len(tail) - (tail.rfind(" ", 0, space) + 1) >= least:
            break
    return leaves if text == leaf.text else [*leaves[:last], m.Text(text), *leaves[last + 1:]]
