"""Task list boxes: Word's own check box form field, ticked or not.

No PT font has ☐ and ☑ (nor do many others), and a glyph from another font is replaced
differently by each word processor; a ``FORMCHECKBOX`` field is drawn by Word and
LibreOffice themselves, at the size of the text around it. A bullet item's box stands
where its bullet would: the numbering is switched off for that paragraph and the list
level's hanging indent kept.
"""

from __future__ import annotations

import copy

from docx.oxml.ns import qn

from samizdat.render.docx import wordml
from samizdat.render.docx.wordml import Element, el


def check_box(done: bool) -> list[Element]:
    """The runs of one check box field (Word writes no field result for it: it draws it)."""
    data = el("w:ffData", None, el("w:name", {"w:val": ""}), el("w:enabled"), el("w:calcOnExit", {"w:val": 0}),
              el("w:checkBox", None, el("w:sizeAuto"), el("w:default", {"w:val": int(done)})))
    instruction = el("w:instrText")
    instruction.text = " FORMCHECKBOX "
    instruction.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return [
        el("w:r", None, el("w:fldChar", {"w:fldCharType": "begin"}, data)),
        el("w:r", None, instruction),
        el("w:r", None, el("w:fldChar", {"w:fldCharType": "end"})),
    ]


def start_with_box(p: Element, done: bool, bullet_indent: Element | None) -> None:
    """Put a box at the start of list paragraph ``p``. With ``bullet_indent`` (the list
    level's ``w:ind``) the box replaces the bullet; without, it follows the number."""
    runs = check_box(done)
    if bullet_indent is not None:
        wordml.set_paragraph_property(p, el("w:numPr", None, el("w:numId", {"w:val": 0})))
        wordml.set_paragraph_property(p, copy.deepcopy(bullet_indent))
        runs.append(el("w:r", None, el("w:tab")))
    else:
        runs.append(wordml.run(" "))
    at = 1 if p.find(qn("w:pPr")) is not None else 0
    for offset, run in enumerate(runs):
        p.insert(at + offset, run)
