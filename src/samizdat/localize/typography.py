"""Locale typography on the model's text: quotation marks, dashes, no-break spaces.

Written here because Babel does not ship CLDR's delimiter data: the quotation marks of
each language are the small table below (CLDR ``delimiters``). Works on Text inlines only,
so code spans and URLs are never touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from samizdat import model as m


@dataclass(frozen=True)
class Marks:
    open: str
    close: str
    inner_open: str
    inner_close: str
    dash: str  # what a spaced hyphen becomes


MARKS: dict[str, Marks] = {
    "en": Marks("\u201c", "\u201d", "\u2018", "\u2019", " \u2013 "),
    "be": Marks("\u00ab", "\u00bb", "\u201e", "\u201c", "\u00a0\u2014 "),
    "ru": Marks("\u00ab", "\u00bb", "\u201e", "\u201c", "\u00a0\u2014 "),
    "uk": Marks("\u00ab", "\u00bb", "\u201e", "\u201c", "\u00a0\u2014 "),
    "de": Marks("\u201e", "\u201c", "\u201a", "\u2018", " \u2013 "),
    "fr": Marks("\u00ab\u00a0", "\u00a0\u00bb", "\u201c", "\u201d", " \u2013 "),
    "pl": Marks("\u201e", "\u201d", "\u00ab", "\u00bb", " \u2013 "),
}

# One-letter words that must not end a line in Belarusian and Russian typesetting.
_SHORT_WORD = re.compile(r"(?<![\w\u00a0])([а-яёіўА-ЯЁІЎ])\s(?=\S)")
_OPENERS = set(" \t\n\u00a0([{\u2014\u2013-/")


class _Quoter:
    def __init__(self, marks: Marks, short_words: bool):
        self.marks, self.short_words = marks, short_words
        self.previous = " "
        self.depth = 0

    def text(self, value: str) -> str:
        value = re.sub(r" -{1,3} ", self.marks.dash, value)
        out: list[str] = []
        for char in value:
            if char == '"':
                if self.previous in _OPENERS or self.depth == 0:
                    char = self.marks.open if self.depth == 0 else self.marks.inner_open
                    self.depth += 1
                else:
                    self.depth -= 1
                    char = self.marks.close if self.depth == 0 else self.marks.inner_close
            elif char == "'":
                char = "\u2019"  # apostrophe (Belarusian too: сям’я)
            out.append(char)
            self.previous = char
        result = "".join(out)
        if self.short_words:
            result = _SHORT_WORD.sub("\\1\u00a0", result)
        return result

    def inlines(self, nodes: tuple[m.Inline, ...]) -> tuple[m.Inline, ...]:
        out: list[m.Inline] = []
        for node in nodes:
            if isinstance(node, m.Text):
                out.append(m.Text(self.text(node.text)))
            elif isinstance(node, m.SPANS):
                out.append(type(node)(self.inlines(node.children)))
            elif isinstance(node, m.Link):
                out.append(m.Link(node.url, self.inlines(node.children), node.title))
            else:
                if isinstance(node, m.Code):
                    self.previous = node.text[-1:] or self.previous
                out.append(node)
        return tuple(out)


def apply(segment: m.Segment, lang: str) -> m.Segment:
    """The segment with typography of ``lang`` (its own language, for a fallback)."""
    marks = MARKS.get(lang.split("_")[0], MARKS["en"])
    quoter = _Quoter(marks, short_words=lang.split("_")[0] in ("be", "ru", "uk"))
    inlines = quoter.inlines(segment.inlines)
    return segment if inlines == segment.inlines else m.Segment(
        segment.source, inlines, segment.loc, segment.context, segment.fallback
    )
