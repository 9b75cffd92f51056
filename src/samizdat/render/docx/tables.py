"""Word tables: the generic ``w:tbl`` builder and Markdown tables drawn with it.

Takes a :class:`model.Table` (or column widths, for charts and callout boxes); gives a
``w:tbl`` in a table style of the reference document ("Samizdat Table"), with the header
row marked ``w:tblHeader`` (repeated on each page, read as a header by screen readers),
cell paragraphs in "Table Heading" / "Table Text" and the column alignment of the
Markdown. Column widths follow the text each column holds, since a fixed layout is the
one Word and LibreOffice agree on.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.oxml.ns import qn

from samizdat import model as m
from samizdat.render.docx import wordml
from samizdat.render.docx.context import RenderContext
from samizdat.render.docx.inlines import write_segment
from samizdat.render.docx.wordml import Element, el, sub

JUSTIFY = {"left": "left", "center": "center", "right": "right"}


def new_table(style_id: str | None, widths: Sequence[int], *, header_row: bool = True) -> Element:
    """An empty ``w:tbl`` of fixed column ``widths`` (twips), as wide as their sum."""
    tbl = el("w:tbl")
    tbl_pr = sub(tbl, "w:tblPr")
    if style_id:
        sub(tbl_pr, "w:tblStyle", {"w:val": style_id})
    sub(tbl_pr, "w:tblW", {"w:w": sum(widths), "w:type": "dxa"})
    sub(tbl_pr, "w:tblLayout", {"w:type": "fixed"})
    # Which conditional parts of the table style apply: only the header row, no banding.
    sub(tbl_pr, "w:tblLook", {
        "w:val": "0620" if header_row else "0600", "w:firstRow": int(header_row), "w:lastRow": 0,
        "w:firstColumn": 0, "w:lastColumn": 0, "w:noHBand": 1, "w:noVBand": 1,
    })
    grid = sub(tbl, "w:tblGrid")
    for width in widths:
        sub(grid, "w:gridCol", {"w:w": width})
    return tbl


def add_row(tbl: Element, *, header: bool = False, cant_split: bool = True) -> Element:
    tr = sub(tbl, "w:tr")
    if header or cant_split:
        tr_pr = sub(tr, "w:trPr")
        if cant_split:
            sub(tr_pr, "w:cantSplit")
        if header:
            sub(tr_pr, "w:tblHeader")
    return tr


def add_cell(tr: Element, width: int, *, span: int = 1, valign: str | None = None) -> Element:
    tc = sub(tr, "w:tc")
    tc_pr = sub(tc, "w:tcPr")
    sub(tc_pr, "w:tcW", {"w:w": width, "w:type": "dxa"})
    if span > 1:
        sub(tc_pr, "w:gridSpan", {"w:val": span})
    if valign:
        sub(tc_pr, "w:vAlign", {"w:val": valign})
    return tc


def finish_cell(tc: Element) -> None:
    """A cell must end with a paragraph; add an empty one when it does not."""
    last = wordml.last_block(tc)
    if last is None or last.tag != qn("w:p"):
        tc.append(wordml.paragraph())


def column_widths(rows: Sequence[Sequence[m.Cell]], total: int) -> list[int]:
    """Widths (twips) sharing ``total`` by how much text each column holds.

    A column gets room for its longest word at least, and long prose columns take the
    rest, so "Area | What the Parliament asks for" does not split 50/50.
    """
    columns = max((len(row) for row in rows), default=1)
    weights: list[float] = []
    for index in range(columns):
        cells = [row[index].text.plain() for row in rows if index < len(row)]
        longest_word = max((len(word) for text in cells for word in text.split()), default=1)
        longest_text = max((len(text) for text in cells), default=1)
        weights.append(max(longest_word * 1.3, min(longest_text, 45.0), 4.0))
    widths = [int(total * weight / sum(weights)) for weight in weights]
    widths[-1] += total - sum(widths)
    return widths


def build_table(ctx: RenderContext, table: m.Table) -> Element:
    rows = [table.head, *table.rows] if table.head else list(table.rows)
    widths = column_widths(rows, ctx.text_width_twips)
    style = ctx.styles.table("Samizdat Table", "Table Grid")
    tbl = new_table(style, widths, header_row=bool(table.head))
    heading_style = ctx.styles.paragraph("Table Heading", "Table Text")
    text_style = ctx.styles.paragraph("Table Text")
    for row_index, row in enumerate(rows):
        header = bool(table.head) and row_index == 0
        tr = add_row(tbl, header=header)
        for index, width in enumerate(widths):
            tc = add_cell(tr, width)
            p = wordml.paragraph(heading_style if header else text_style)
            if index < len(row):
                cell = row[index]
                if cell.align in JUSTIFY:
                    wordml.set_paragraph_property(p, el("w:jc", {"w:val": JUSTIFY[cell.align]}))
                write_segment(ctx, p, cell.text)
            tc.append(p)
    return tbl
