"""Block writers: the document model's blocks → Word paragraphs and tables.

Takes blocks and a container (the body, a table cell, a footnote); appends ``w:p`` and
``w:tbl`` elements to it. ``render_blocks`` dispatches on the node type through
``BLOCK_WRITERS``, one ``render_<type>`` function each, in the manner of
markdown-it-py's renderer rules. Every paragraph gets a style of the reference document
and no direct font or colour: headings "Heading 1–6", lists "List Bullet"/"List Number"
(2 for nested levels; task items a check box field, ``checkboxes``), "Quote" (nesting in
``quotes``), "Code", "Figure" + "Caption", definition lists "Definition Term" +
"Definition", line blocks "Line Block", and callouts a one-cell "Callout Box" table
holding "Callout Title" and "Callout" paragraphs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from docx.oxml.ns import qn

from samizdat import assets
from samizdat import model as m
from samizdat.render.docx import charts, checkboxes, hyperlinks, pictures, quotes, tables, wordml
from samizdat.render.docx.context import RenderContext
from samizdat.render.docx.inlines import write_segment
from samizdat.render.docx.numbering import MAX_LEVEL
from samizdat.render.docx.wordml import Element, append_block, el

MAX_HEADING = 6


def render_blocks(ctx: RenderContext, blocks: Sequence[m.Block], container: Element) -> None:
    for block in blocks:
        BLOCK_WRITERS[type(block)](ctx, block, container)


def styled_paragraph(ctx: RenderContext, style: str | None, segment: m.Segment | None, container: Element) -> Element:
    p = wordml.paragraph(style)
    if segment is not None:
        write_segment(ctx, p, segment)
    append_block(container, p)
    return p


def render_heading(ctx: RenderContext, block: m.Heading, container: Element) -> None:
    level = min(max(block.level, 1), MAX_HEADING)
    # a reference without "Heading 5" gets the deepest heading style it has
    p = styled_paragraph(ctx.with_(soft_hyphens=None),  # headings make the contents field: whole words
                         ctx.styles.paragraph(*(f"Heading {n}" for n in range(level, 0, -1))), block.text, container)
    if block.anchor and not ctx.in_note:
        hyperlinks.bookmark(p, block.anchor, next(ctx.bookmark_ids))


def render_paragraph(ctx: RenderContext, block: m.Paragraph, container: Element) -> None:
    styled_paragraph(ctx, ctx.paragraph_style, block.text, container)


# --- lists ---------------------------------------------------------------------------


def render_bullet_list(ctx: RenderContext, block: m.BulletList, container: Element) -> None:
    _render_list(ctx, block.items, container, "List Bullet", ctx.numbering.bullet())


def render_ordered_list(ctx: RenderContext, block: m.OrderedList, container: Element) -> None:
    level = min(ctx.list_depth, MAX_LEVEL)
    _render_list(ctx, block.items, container, "List Number", ctx.numbering.ordered(level, block.start))


def render_task_list(ctx: RenderContext, block: m.TaskList, container: Element) -> None:
    if block.start is None:
        _render_list(ctx, block.items, container, "List Bullet", ctx.numbering.bullet(), block.done)
    else:
        num_id = ctx.numbering.ordered(min(ctx.list_depth, MAX_LEVEL), block.start)
        _render_list(ctx, block.items, container, "List Number", num_id, block.done)


def _render_list(ctx: RenderContext, items: Sequence[Sequence[m.Block]], container: Element, base: str, num_id: int,
                 boxes: Sequence[bool | None] = ()) -> None:
    """Items as numbered paragraphs at this depth; an item's later blocks continue it.

    Level 0 uses ``base`` ("List Bullet"), deeper levels ``base 2`` (or ``base 3``…
    when the reference has it). ``w:numPr`` on the paragraph picks the list and level.
    A task item (``boxes``) starts with a check box: instead of the bullet, after the number.
    """
    depth = min(ctx.list_depth, MAX_LEVEL)
    names = [f"{base} {n}" for n in range(depth + 1, 1, -1)] if depth else []
    item_style = ctx.styles.paragraph(*names, base, "List Paragraph")
    continue_names = [f"List Continue {n}" for n in range(depth + 1, 1, -1)] if depth else []
    continue_style = ctx.styles.paragraph(*continue_names, "List Continue", "List Paragraph")
    inner = ctx.with_(list_depth=ctx.list_depth + 1)
    for index, item in enumerate(items):
        first, rest = (item[0], item[1:]) if item and isinstance(item[0], m.Paragraph) else (None, item)
        p = styled_paragraph(ctx, item_style, first.text if first else None, container)
        numbering = el("w:numPr", None, el("w:ilvl", {"w:val": depth}), el("w:numId", {"w:val": num_id}))
        wordml.set_paragraph_property(p, numbering)
        if boxes and boxes[index] is not None:
            checkboxes.start_with_box(p, bool(boxes[index]), ctx.numbering.indent(num_id, depth) if base == "List Bullet" else None)
        for block in rest:
            if isinstance(block, m.Paragraph):
                styled_paragraph(ctx, continue_style, block.text, container)
            else:
                render_blocks(inner, [block], container)


# --- boxes ---------------------------------------------------------------------------


def render_definition_list(ctx: RenderContext, block: m.DefinitionList, container: Element) -> None:
    definition = ctx.with_(paragraph_style=ctx.styles.paragraph("Definition", "List Continue") or ctx.paragraph_style)
    for item in block.items:
        styled_paragraph(ctx, ctx.styles.paragraph("Definition Term") or ctx.paragraph_style, item.term, container)
        for blocks in item.definitions:
            render_blocks(definition, blocks, container)


def render_line_block(ctx: RenderContext, block: m.LineBlock, container: Element) -> None:
    """One paragraph, its lines parted by ``w:br``; leading spaces are no-break spaces already."""
    styled_paragraph(ctx, ctx.styles.paragraph("Line Block") or ctx.paragraph_style, block.text, container)


def render_callout(ctx: RenderContext, block: m.Callout, container: Element) -> None:
    """A one-cell table in the "Callout Box" table style (per kind: "Callout Box note")."""
    _space_before_box(ctx, container)
    width = ctx.text_width_twips
    style = ctx.styles.table(f"Callout Box {block.kind}", "Callout Box")
    tbl = tables.new_table(style, [width], header_row=False)
    tc = tables.add_cell(tables.add_row(tbl, cant_split=False), width)
    if block.title is not None:
        styled_paragraph(ctx, ctx.styles.paragraph("Callout Title", "Callout"), block.title, tc)
    elif block.label:
        p = styled_paragraph(ctx, ctx.styles.paragraph("Callout Title", "Callout"), None, tc)
        p.append(wordml.run(block.label))
    render_blocks(ctx.with_(paragraph_style=ctx.styles.paragraph("Callout")), block.blocks, tc)
    tables.finish_cell(tc)
    append_block(container, tbl)
    _space_after_box(ctx, container)


def render_table(ctx: RenderContext, block: m.Table, container: Element) -> None:
    _space_before_box(ctx, container)
    _caption(ctx, block.numbered, block.caption, container)  # above the table, as Word puts it
    append_block(container, tables.build_table(ctx, block))
    _space_after_box(ctx, container)


def _caption(ctx: RenderContext, numbered: m.Numbered, text: m.Segment | None, container: Element) -> Element | None:
    """A "Caption" paragraph: the number ("Figure 2. "), the text, and a bookmark named after
    the id, which cross-references link to."""
    if not numbered.label and text is None:
        return None
    p = wordml.paragraph(ctx.styles.paragraph("Caption"))
    if numbered.label:
        p.append(wordml.run(numbered.label, wordml.run_properties(bold=True)))
    if text is not None:
        write_segment(ctx, p, text)
    if numbered.ident:
        hyperlinks.bookmark(p, numbered.ident, next(ctx.bookmark_ids))
    append_block(container, p)
    return p


def _space_before_box(ctx: RenderContext, container: Element) -> None:
    """List items sit close together; a box straight after a list gets a "Spacer" too."""
    previous = wordml.last_block(container)
    if previous is not None and previous.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None:
        _space_after_box(ctx, container)


def _space_after_box(ctx: RenderContext, container: Element) -> None:
    """Tables carry no space after them in Word; a "Spacer" paragraph gives it, if styled."""
    spacer = ctx.styles.paragraph("Spacer")
    if spacer and container.tag != qn("w:tc"):
        append_block(container, wordml.paragraph(spacer))


# --- figures and charts --------------------------------------------------------------


def render_figure(ctx: RenderContext, block: m.Figure, container: Element) -> None:
    image = assets.picture(block.src, block.loc, ctx.doc_dir, ctx.config.root)
    p = wordml.paragraph(ctx.styles.paragraph("Figure", "Captioned Figure"))
    p.append(pictures.picture_run(ctx, image, block.alt.plain(), block.loc, block.title.plain() if block.title else ""))
    append_block(container, p)
    caption = _caption(ctx, block.numbered, block.alt if block.alt.plain().strip() else None, container)
    if block.title:  # under the caption, on a line of its own
        if caption is None:
            caption = styled_paragraph(ctx, ctx.styles.paragraph("Caption"), None, container)
        else:
            caption.append(el("w:r", None, el("w:br")))
        write_segment(ctx, caption, block.title)


def render_chart(ctx: RenderContext, block: m.Chart, container: Element) -> None:
    _space_before_box(ctx, container)
    append_block(container, charts.build_chart(ctx, block))
    if block.caption is not None or block.numbered.label:
        _caption(ctx, block.numbered, block.caption, container)
    else:
        _space_after_box(ctx, container)


# --- code and rules ------------------------------------------------------------------


def render_code_block(ctx: RenderContext, block: m.CodeBlock, container: Element) -> None:
    p = wordml.paragraph(ctx.styles.paragraph("Code", "Source Code"))
    p.append(wordml.run(block.text.rstrip("\n")))
    append_block(container, p)


def render_rule(ctx: RenderContext, block: m.Rule, container: Element) -> None:
    style = ctx.styles.paragraph("Horizontal Rule")
    if style:  # without the style (its border) an empty paragraph would say nothing
        append_block(container, wordml.paragraph(style))


BLOCK_WRITERS: dict[type, Callable[[RenderContext, Any, Element], None]] = {
    m.Heading: render_heading,
    m.Paragraph: render_paragraph,
    m.BulletList: render_bullet_list,
    m.OrderedList: render_ordered_list,
    m.Quote: quotes.render_quote,
    m.Table: render_table,
    m.Callout: render_callout,
    m.Figure: render_figure,
    m.Chart: render_chart,
    m.CodeBlock: render_code_block,
    m.Rule: render_rule,
    m.TaskList: render_task_list,
    m.DefinitionList: render_definition_list,
    m.LineBlock: render_line_block,
}
