"""The online edition on a handout: QR code (PNG, Word takes no SVG) with its address beside it.

Takes the localized document; appends a borderless two-cell table — the code, then the
localized label and the link — after the front matter, as the PDF shows it beside the
summary. Nothing is written when samizdat.toml has no ``[links] online``.
"""

from __future__ import annotations

import io

from samizdat.links import online_url, qr_png
from samizdat.localize import terms
from samizdat.render.docx import hyperlinks, tables, wordml
from samizdat.render.docx.context import RenderContext
from samizdat.render.docx.wordml import Element, append_block

QR_EMU = 20 * 36000  # 20 mm


def write_online(ctx: RenderContext, body: Element) -> None:
    url = online_url(ctx.doc, ctx.config)
    if not url or not ctx.config.theme.template(ctx.doc.meta.template).online_code or ctx.doc.ui is None:
        return
    qr_width = QR_EMU // 635 + 200  # twips, with a little air
    tbl = tables.new_table(None, [qr_width, ctx.text_width_twips - qr_width], header_row=False)
    tr = tables.add_row(tbl)
    code = tables.add_cell(tr, qr_width, valign="center")
    picture = ctx.part.new_pic_inline(io.BytesIO(qr_png(url)), width=QR_EMU, height=QR_EMU)
    picture.docPr.set("descr", url)
    code.append(wordml.el("w:p", None, wordml.el("w:r", None, wordml.el("w:drawing", None, picture))))
    text = tables.add_cell(tr, ctx.text_width_twips - qr_width, valign="center")
    p = wordml.paragraph(ctx.styles.paragraph("Caption"))
    p.append(wordml.run(ctx.doc.ui.pgettext(*terms.ONLINE_LABEL), wordml.run_properties(bold=True)))
    p.append(wordml.el("w:r", None, wordml.el("w:br")))
    link = hyperlinks.hyperlink(ctx.part, url)
    link.append(wordml.run(url, wordml.run_properties(ctx.styles.character("Hyperlink"))))
    p.append(link)
    text.append(p)
    append_block(body, tbl)
