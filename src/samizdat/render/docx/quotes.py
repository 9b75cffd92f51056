"""Block quotes that keep what they hold, at any depth.

Takes a :class:`model.Quote` and the container it goes into; gives its blocks, each marked
as quoted. The quote's own paragraphs are in the reference's "Quote" style, whose left
indent and border draw the first level. Anything else a quote holds keeps its own style
(a list its numbering, code its shading, a heading its outline level) and gets the
quote's mark as direct paragraph properties: its own left indent plus one step per quote
level, and the "Quote" style's left border. A quote in a quote is one step further in;
tables are indented by the same steps. The step is the "Quote" style's left indent.
"""

from __future__ import annotations

import copy

from docx.oxml.ns import qn

from samizdat import model as m
from samizdat.render.docx import wordml
from samizdat.render.docx.context import RenderContext
from samizdat.render.docx.wordml import Element, el

DEFAULT_STEP = 340  # twips per level when the "Quote" style has no left indent
_TBL_PR_AFTER_IND = ("w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")


def render_quote(ctx: RenderContext, block: m.Quote, container: Element) -> None:
    style = ctx.styles.paragraph("Quote", "Block Text")
    depth = ctx.quote_depth + 1 if ctx.quote_container is container else 1  # a note or a box starts again
    known = list(container)
    seen = {id(child) for child in known}
    ctx.render_blocks(ctx.with_(paragraph_style=style, quote_depth=depth, quote_container=container), block.blocks, container)
    step = _left(ctx.styles.paragraph_property(style, "w:ind")) or DEFAULT_STEP
    for child in container:
        if id(child) not in seen:
            if child.tag == qn("w:p"):
                _mark_paragraph(ctx, child, style, depth, step)
            elif child.tag == qn("w:tbl"):
                _indent_table(child, depth * step)


def _mark_paragraph(ctx: RenderContext, p: Element, quote_style: str | None, depth: int, step: int) -> None:
    ppr = wordml.paragraph_properties(p)
    if ppr.find(f"{qn('w:pBdr')}/{qn('w:left')}") is not None:
        return  # an inner quote marked it already
    style_element = ppr.find(qn("w:pStyle"))
    style = style_element.get(qn("w:val")) if style_element is not None else None
    if style == quote_style:
        if depth == 1:
            return  # the style is the first level
        own, left = ctx.styles.paragraph_property(quote_style, "w:ind"), depth * step
    else:
        own = _own_indent(ctx, ppr, style)
        left = _left(own) + depth * step
    indent = copy.deepcopy(own) if own is not None else el("w:ind")
    indent.set(qn("w:left"), str(left))
    if indent.get(qn("w:start")) is not None:
        indent.set(qn("w:start"), str(left))
    wordml.set_paragraph_property(p, indent)
    line = ctx.styles.paragraph_property(quote_style, "w:pBdr")
    line = line.find(qn("w:left")) if line is not None else None
    _set_left_border(p, copy.deepcopy(line) if line is not None else el("w:left", {"w:val": "nil"}))


def _own_indent(ctx: RenderContext, ppr: Element, style: str | None) -> Element | None:
    """The indent a paragraph has without the quote: its own, its list level's, its style's."""
    direct = ppr.find(qn("w:ind"))
    if direct is not None:
        return direct
    numbering = ppr.find(qn("w:numPr")) if ppr.find(qn("w:numPr")) is not None else ctx.styles.paragraph_property(style, "w:numPr")
    num_id = numbering.find(qn("w:numId")) if numbering is not None else None
    if numbering is not None and num_id is not None and num_id.get(qn("w:val"), "0") != "0":
        level = numbering.find(qn("w:ilvl"))
        return ctx.numbering.indent(int(num_id.get(qn("w:val"), "0")), int(level.get(qn("w:val"), "0")) if level is not None else 0)
    return ctx.styles.paragraph_property(style, "w:ind")


def _left(indent: Element | None) -> int:
    if indent is None:
        return 0
    return int(indent.get(qn("w:left")) or indent.get(qn("w:start")) or 0)


def _set_left_border(p: Element, left: Element) -> None:
    borders = wordml.paragraph_properties(p).find(qn("w:pBdr"))
    if borders is None:
        wordml.set_paragraph_property(p, el("w:pBdr", None, left))
        return
    top = borders.find(qn("w:top"))  # schema order: top, left, bottom, right, between, bar
    borders.insert(borders.index(top) + 1 if top is not None else 0, left)


def _indent_table(tbl: Element, indent: int) -> None:
    tbl_pr = tbl.find(qn("w:tblPr"))
    if tbl_pr is None or tbl_pr.find(qn("w:tblInd")) is not None:
        return  # an inner quote indented it already
    ind = el("w:tblInd", {"w:w": indent, "w:type": "dxa"})
    later = [child for child in tbl_pr if child.tag in {qn(tag) for tag in _TBL_PR_AFTER_IND}]
    if later:
        later[0].addprevious(ind)
    else:
        tbl_pr.append(ind)
