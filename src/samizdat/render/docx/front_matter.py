"""The opening of the document: masthead, title, subtitle and summary.

Takes the localized front matter (``Document.meta``) and the document's interface
words; gives the first paragraphs of the body: "Masthead" (organisation · date in the
document's locale), "Title", "Subtitle" and "Summary". Each is a segment like any other,
so an untranslated title is highlighted as well.
"""

from __future__ import annotations

from samizdat.render.docx import wordml
from samizdat.render.docx.blocks import styled_paragraph
from samizdat.render.docx.context import RenderContext
from samizdat.render.docx.inlines import write_segment
from samizdat.render.docx.wordml import Element, append_block

SEPARATOR = " \u00b7 "  # organisation · date


def render_front_matter(ctx: RenderContext, body: Element) -> None:
    ctx = ctx.with_(soft_hyphens=None)  # the title and the masthead are never hyphenated
    meta, styles = ctx.doc.meta, ctx.styles
    masthead = wordml.paragraph(styles.paragraph("Masthead"))
    if meta.organisation is not None:
        write_segment(ctx, masthead, meta.organisation)
    elif ctx.config.name:
        masthead.append(wordml.run(ctx.config.name))
    if meta.date is not None and ctx.doc.ui is not None:
        if len(masthead) > 1:
            masthead.append(wordml.run(SEPARATOR))
        masthead.append(wordml.run(ctx.doc.ui.date(meta.date)))
    if len(masthead) > 1:
        append_block(body, masthead)
    styled_paragraph(ctx, styles.paragraph("Title"), meta.title, body)
    if meta.subtitle is not None:
        styled_paragraph(ctx, styles.paragraph("Subtitle"), meta.subtitle, body)
    if meta.summary is not None:
        styled_paragraph(ctx, styles.paragraph("Summary", "Abstract"), meta.summary, body)
