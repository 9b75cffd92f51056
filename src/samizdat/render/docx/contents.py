"""The table of contents of a Word document: a real TOC field, its entries already there.

Takes the localized document (``meta.toc`` decided) and the body; gives a "TOC Heading"
paragraph with the translated word and a ``TOC`` field over the document's heading
levels, whose cached result holds one "TOC n" paragraph per entry: a link to the
heading's bookmark, a tab and a ``PAGEREF`` field. So Word and LibreOffice show the
entries as soon as the file opens; the page numbers are theirs to fill, because only they
know where their pages break — the settings ask Word to update fields on opening
(``w:updateFields``), and LibreOffice updates them with Tools ▸ Update.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

from samizdat.localize import terms
from samizdat.render import toc
from samizdat.render.docx import fields, hyperlinks, wordml
from samizdat.render.docx.context import RenderContext
from samizdat.render.docx.footnotes import AFTER_FOOTNOTE_PR
from samizdat.render.docx.wordml import Element, append_block, el


def write_contents(ctx: RenderContext, body: Element) -> None:
    entries = toc.entries(ctx.doc)
    if not ctx.doc.meta.toc or not entries or ctx.doc.ui is None:
        return
    title = wordml.paragraph(ctx.styles.paragraph("TOC Heading"))
    title.append(wordml.run(ctx.doc.ui.pgettext(*terms.CONTENTS)))
    append_block(body, title)
    levels = sorted({entry.heading_level for entry in entries})
    instruction = f'TOC \\o "{levels[0]}-{levels[-1]}" \\h \\z \\u'
    for index, entry in enumerate(entries):
        p = wordml.paragraph(ctx.styles.paragraph(f"toc {entry.heading_level}"))
        if index == 0:
            p.extend(fields.field_start(instruction))
        bookmark = hyperlinks.bookmark_name(entry.anchor)
        link = el("w:hyperlink", {"w:anchor": bookmark, "w:history": 1})
        link.append(wordml.run(entry.text))
        link.append(el("w:r", None, el("w:tab")))
        link.extend(fields.field_runs(f"PAGEREF {bookmark} \\h", placeholder=""))
        p.append(link)
        if index == len(entries) - 1:
            p.append(fields.field_end())
        append_block(body, p)


def update_fields_on_open(document: DocxDocument) -> None:
    """Ask Word to update the fields (the contents' page numbers) when it opens the file."""
    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is not None:
        return
    update = el("w:updateFields", {"w:val": "true"})
    later = {qn(tag) for tag in ("w:hdrShapeDefaults", "w:footnotePr", *AFTER_FOOTNOTE_PR)}
    for child in settings:
        if child.tag in later:
            child.addprevious(update)
            return
    settings.append(update)
