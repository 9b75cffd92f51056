"""Hyperlinks and the bookmarks they can point at.

Takes a link target and the story part being written; gives a real ``w:hyperlink``
element: an external relationship (``r:id``) for URLs, a ``w:anchor`` for ``#fragment``
links to a heading. Headings get bookmarks named from their anchors, so such links work
in Word. The link's look is the "Hyperlink" character style, applied by the caller.
"""

from __future__ import annotations

import re

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.parts.story import StoryPart

from samizdat.render.docx.wordml import Element, clean, el

MAX_BOOKMARK = 40  # Word ignores longer bookmark names


def bookmark_name(anchor: str) -> str:
    """``what-it-asks`` → ``what_it_asks``: letters, digits and ``_``, starting with a letter."""
    name = re.sub(r"\W", "_", anchor)
    if not name or not name[0].isalpha():
        name = "h_" + name
    return name[:MAX_BOOKMARK]


def hyperlink(part: StoryPart, url: str, title: str = "") -> Element:
    """An empty ``w:hyperlink`` to ``url``; append the link text runs to it."""
    attrs: dict[str, str | int] = {"w:history": 1}
    if url.startswith("#") and len(url) > 1:
        attrs["w:anchor"] = bookmark_name(url[1:])
    else:
        attrs["r:id"] = part.relate_to(url, RT.HYPERLINK, is_external=True)
    if title:
        attrs["w:tooltip"] = clean(title)
    return el("w:hyperlink", attrs)


def bookmark(paragraph: Element, anchor: str, ident: int) -> None:
    """Wrap the content of ``paragraph`` in a bookmark called after ``anchor``."""
    start = el("w:bookmarkStart", {"w:id": ident, "w:name": bookmark_name(anchor)})
    end = el("w:bookmarkEnd", {"w:id": ident})
    ppr = paragraph.find(qn("w:pPr"))
    paragraph.insert(1 if ppr is not None else 0, start)
    paragraph.append(end)
