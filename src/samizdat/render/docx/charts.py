"""Charts as Word tables: one row per bar, the bar a shaded run of cells.

Takes a localized :class:`model.Chart` (its ``bars`` carry the label and value text in the
document language); gives a ``w:tbl`` in the "Samizdat Chart" table style: label, value
text, then the bar. The bar area is cut into grid columns at each bar's end, so a bar
spans exactly ``value / max`` of it; the filled cells hold a paragraph in the
"Chart Bar" style and the rest one in "Chart Track", and those styles' shading draws the
bar. It stays editable, readable without pictures, and its colours stay in the
reference document.
"""

from __future__ import annotations

from samizdat import model as m
from samizdat.render.docx import wordml
from samizdat.render.docx.context import RenderContext
from samizdat.render.docx.tables import add_cell, add_row, new_table
from samizdat.render.docx.wordml import Element

LABEL_SHARE, VALUE_SHARE, GAP_SHARE = 0.24, 0.17, 0.025  # of the text width; the bar takes the rest
MIN_BAR = 40  # twips: a non-zero value stays visible
MIN_VALUE = 1500  # twips (26 mm)


def bar_lengths(bars: tuple[m.Bar, ...], area: int) -> list[int]:
    """Each bar's length in twips, the largest filling ``area``."""
    top = max((bar.value for bar in bars), default=0.0)
    if top <= 0:
        return [0 for _ in bars]
    return [0 if bar.value <= 0 else max(MIN_BAR, min(area, round(area * bar.value / top))) for bar in bars]


def build_chart(ctx: RenderContext, chart: m.Chart) -> Element:
    total = ctx.text_width_twips
    label_w, value_w, gap_w = (int(total * share) for share in (LABEL_SHARE, VALUE_SHARE, GAP_SHARE))
    value_w = max(value_w, MIN_VALUE)  # "458 галасоў" on one line, even in a half-width column
    area = total - label_w - value_w - gap_w
    lengths = bar_lengths(chart.bars, area)
    stops = sorted({length for length in lengths if 0 < length < area} | {area})
    bar_columns = [end - start for start, end in zip([0, *stops], stops)]

    styles = ctx.styles
    label_style = styles.paragraph("Chart Label", "Table Text")
    value_style = styles.paragraph("Chart Value", "Chart Label", "Table Text")
    track_style = styles.paragraph("Chart Track")
    tbl = new_table(styles.table("Samizdat Chart"), [label_w, value_w, gap_w, *bar_columns], header_row=False)
    for bar, length in zip(chart.bars, lengths):
        tr = add_row(tbl)
        for width, style, text in ((label_w, label_style, bar.label), (value_w, value_style, bar.display), (gap_w, label_style, "")):
            p = wordml.paragraph(style)
            if text:
                p.append(wordml.run(text))
            add_cell(tr, width, valign="center").append(p)
        filled = stops.index(length) + 1 if length else 0
        bar_style = styles.paragraph(f"Chart Bar {bar.key}", "Chart Bar")
        if filled:
            add_cell(tr, length, span=filled, valign="center").append(wordml.paragraph(bar_style))
        if filled < len(stops):
            add_cell(tr, area - length, span=len(stops) - filled, valign="center").append(wordml.paragraph(track_style))
    return tbl
