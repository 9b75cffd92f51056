"""The table of contents: whether a document has one, and its entries.

Takes a localized document and the theme; gives the entries every writer draws (the
document's sections, two levels deep, with their anchors) and the decision: the front
matter's ``toc: true``/``false``, else the template's ``toc_from_pages`` rule — a table of
contents once the PDF takes more pages than that, in every format, so the DOCX and the web
page of a long briefing have one too. The PDF's page numbers come from WeasyPrint
(``target-counter``); the DOCX holds a real TOC field.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from samizdat import model as m
from samizdat.config import Config


@dataclass(frozen=True)
class Entry:
    level: int  # 1: a top section, 2: a section in it
    heading_level: int  # the heading's own level (DOCX: "TOC n" for "Heading n")
    anchor: str
    text: str


def entries(doc: m.Document) -> tuple[Entry, ...]:
    """The document's top-level headings of the two highest levels it uses, in order."""
    headings = [block for block in doc.blocks if isinstance(block, m.Heading) and block.anchor]
    if not headings:
        return ()
    top = min(heading.level for heading in headings)
    return tuple(Entry(heading.level - top + 1, heading.level, heading.anchor, heading.text.plain())
                 for heading in headings if heading.level <= top + 1)


def threshold(doc: m.Document, config: Config) -> int | None:
    """The page count above which the document's template wants a table of contents."""
    return config.theme.template(doc.meta.template).toc_from_pages


def decided(doc: m.Document, config: Config, pages: Callable[[], int]) -> m.Document:
    """``doc`` with ``meta.toc`` True or False: the front matter's choice, else the theme's
    rule on ``pages()`` (the PDF's page count without a table of contents; only counted
    when the rule applies)."""
    want = doc.meta.toc
    if want is None:
        limit = threshold(doc, config)
        want = bool(limit) and pages() > limit  # type: ignore[operator]
    return dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, toc=bool(want) and bool(entries(doc))))
