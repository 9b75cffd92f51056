"""WordprocessingML building blocks: elements, runs and paragraphs as lxml trees.

Takes tag names, attribute values and text; gives python-docx ``oxml`` elements (plain lxml
elements with python-docx's element classes where it has them). Every module of the DOCX
renderer builds XML through these few helpers, so namespace handling, child order and
text escaping live in one place. Nothing here decides a font or a colour: the look comes
from styles in the reference document.
"""

from __future__ import annotations

import re

from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from lxml import etree

Element = etree._Element

# XML 1.0 forbids most control characters; a stray one in content must not break the file.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def el(tag: str, attrs: dict[str, str | int] | None = None, *children: Element | None) -> Element:
    """``el("w:jc", {"w:val": "center"})``: a new element with prefixed attribute names."""
    element = OxmlElement(tag)
    for name, value in (attrs or {}).items():
        element.set(qn(name), str(value))
    for child in children:
        if child is not None:
            element.append(child)
    return element


def sub(parent: Element, tag: str, attrs: dict[str, str | int] | None = None) -> Element:
    """Append a new child to ``parent`` and return it."""
    child = el(tag, attrs)
    parent.append(child)
    return child


def clean(text: str) -> str:
    """``text`` without the characters XML cannot hold."""
    return _FORBIDDEN.sub("", text)


# --- paragraphs ----------------------------------------------------------------------


def paragraph(style_id: str | None = None) -> Element:
    """An empty ``w:p``, in ``style_id`` when given (else the default paragraph style)."""
    p = el("w:p")
    if style_id:
        p.append(el("w:pPr", None, el("w:pStyle", {"w:val": style_id})))
    return p


def paragraph_properties(p: Element) -> Element:
    """The ``w:pPr`` of ``p``, created as its first child when missing."""
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = el("w:pPr")
        p.insert(0, ppr)
    return ppr


# Child order of w:pPr (ECMA-376 §17.3.1.26), for the few children the renderer sets.
_PPR_ORDER = ["w:pStyle", "w:keepNext", "w:keepLines", "w:numPr", "w:pBdr", "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc"]


def set_paragraph_property(p: Element, child: Element) -> None:
    """Put ``child`` (e.g. a ``w:numPr`` or ``w:jc``) into ``p``'s pPr in schema order."""
    ppr = paragraph_properties(p)
    tag = child.tag
    existing = ppr.find(tag)
    if existing is not None:
        ppr.replace(existing, child)
        return
    order = [qn(name) for name in _PPR_ORDER]
    position = order.index(tag) if tag in order else len(order)
    for index, sibling in enumerate(ppr):
        if sibling.tag in order and order.index(sibling.tag) > position:
            ppr.insert(index, child)
            return
    ppr.append(child)


# --- runs ----------------------------------------------------------------------------


def run(text: str = "", properties: Element | None = None) -> Element:
    """A ``w:r`` holding ``text``; tabs become ``w:tab``, newlines ``w:br``."""
    r = el("w:r")
    if properties is not None and len(properties):
        r.append(properties)
    add_text(r, text)
    return r


def add_text(r: Element, text: str) -> None:
    """Append ``text`` to run ``r`` as ``w:t`` pieces separated by tabs, breaks and soft hyphens."""
    for index, line in enumerate(clean(text).split("\n")):
        if index:
            sub(r, "w:br")
        for part_index, piece in enumerate(line.split("\t")):
            if part_index:
                sub(r, "w:tab")
            for hyphen_index, word_part in enumerate(piece.split("\u00ad")):
                if hyphen_index:
                    sub(r, "w:softHyphen")  # Word shows a U+00AD inside w:t as a hyphen
                if word_part:
                    t = sub(r, "w:t")
                    t.text = word_part
                    if word_part != word_part.strip():
                        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def run_properties(
    style_id: str | None = None,
    *,
    bold: bool = False,
    italic: bool = False,
    highlight: str | None = None,
    superscript: bool = False,
    strike: bool = False,
    subscript: bool = False,
) -> Element:
    """A ``w:rPr`` with its children in schema order (§17.3.2.28)."""
    rpr = el("w:rPr")
    if style_id:
        sub(rpr, "w:rStyle", {"w:val": style_id})
    if bold:
        sub(rpr, "w:b")
    if italic:
        sub(rpr, "w:i")
    if strike:
        sub(rpr, "w:strike")
    if highlight:
        sub(rpr, "w:highlight", {"w:val": highlight})
    if superscript or subscript:
        sub(rpr, "w:vertAlign", {"w:val": "superscript" if superscript else "subscript"})
    return rpr


# --- containers ----------------------------------------------------------------------


def append_block(container: Element, block: Element) -> None:
    """Add a ``w:p`` or ``w:tbl`` at the end of a body, cell, note, header or footer.

    In a body the final ``w:sectPr`` must stay last. Two tables in a row would be merged
    into one by Word, so an empty paragraph is put between them.
    """
    sect_pr = container.find(qn("w:sectPr")) if container.tag == qn("w:body") else None
    children = [child for child in container if child is not sect_pr]
    if block.tag == qn("w:tbl") and children and children[-1].tag == qn("w:tbl"):
        append_block(container, paragraph())
    if sect_pr is not None:
        sect_pr.addprevious(block)
    else:
        container.append(block)


def last_block(container: Element) -> Element | None:
    """The last paragraph or table of ``container``, ignoring a body's ``w:sectPr``."""
    blocks = [child for child in container if child.tag in (qn("w:p"), qn("w:tbl"))]
    return blocks[-1] if blocks else None

