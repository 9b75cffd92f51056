"""Side-by-side edition: two localized documents → one Word file, a two-column table.

Row *i* holds block *i* in each language (localization maps segments one to one, so the
two documents have the same blocks in the same order). The left language is the
document's proofing language; every run of the right column carries its own ``w:lang``
so Word checks each column in its language. Headings and captions of the right column
get no bookmarks, so each anchor exists once.
"""

from __future__ import annotations

import dataclasses

from docx.oxml.ns import qn

from samizdat import model as m
from samizdat.languages import hyphenation
from samizdat.render.docx import blocks, front_matter, properties, tables, wordml
from samizdat.render.docx.context import RenderContext
from samizdat.render.docx.wordml import Element, append_block, sub


def write_body(left_ctx: RenderContext, right: m.Document, body: Element) -> None:
    """Append the two-column table of ``left_ctx.doc`` and ``right`` to ``body``."""
    right_ctx = left_ctx.with_(doc=right, soft_hyphens=hyphenation.hyphenator(left_ctx.config.language(right.lang).hyphenation_rules))
    half = left_ctx.text_width_twips // 2
    tbl = tables.new_table(left_ctx.styles.table("Bilingual Table", "Table Grid", "Normal Table"), [half, half], header_row=False)
    contexts = (left_ctx.with_(text_width=left_ctx.text_width // 2 - 114300), right_ctx.with_(text_width=right_ctx.text_width // 2 - 114300))

    def row(write) -> None:
        tr = tables.add_row(tbl, cant_split=False)
        for index, ctx in enumerate(contexts):
            tc = tables.add_cell(tr, half)
            write(ctx, tc, index)
            tables.finish_cell(tc)
            if index == 1:
                tag_language(tc, properties.language_tag(right))

    row(lambda ctx, tc, _: front_matter.render_front_matter(ctx, tc))
    for left_block, right_block in zip(left_ctx.doc.blocks, right.blocks, strict=True):
        row(lambda ctx, tc, index, pair=(left_block, right_block): _block(ctx, pair[index], tc, index))
    append_block(body, tbl)


def _block(ctx: RenderContext, block: m.Block, cell: Element, index: int) -> None:
    if index == 1 and isinstance(block, m.Heading):
        block = m.Heading(block.level, block.text, "")  # anchors live in the left column only
    elif index == 1 and isinstance(block, (m.Figure, m.Chart, m.Table)):
        block = dataclasses.replace(block, numbered=dataclasses.replace(block.numbered, ident=""))
    blocks.render_blocks(ctx, [block], cell)


def tag_language(container: Element, tag: str) -> None:
    """Give every run below ``container`` the proofing language ``tag``."""
    for r in container.iter(qn("w:r")):
        rpr = r.find(qn("w:rPr"))
        if rpr is None:
            rpr = wordml.el("w:rPr")
            r.insert(0, rpr)
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = sub(rpr, "w:lang")
        lang.set(qn("w:val"), tag)


