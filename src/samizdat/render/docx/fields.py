"""Word fields, and the localized "Page X of Y" line built from them.

Takes a field instruction (``PAGE``, ``NUMPAGES``) or the translated page template;
gives runs with complex fields (``w:fldChar`` begin/separate/end), which Word and
LibreOffice both update when they lay out the pages. The words around the numbers come
from the catalog (``terms.PAGE_OF``), so "Старонка 2 з 4" keeps its own word order.
"""

from __future__ import annotations

import re

from samizdat.render.docx.wordml import Element, el, run

_PLACEHOLDER = re.compile(r"(%\((?:page|pages)\)s)")
FIELD_FOR = {"%(page)s": "PAGE", "%(pages)s": "NUMPAGES"}


def field_runs(instruction: str, placeholder: str = "1") -> list[Element]:
    """The runs of one complex field; ``placeholder`` shows until the field is updated."""
    return [*field_start(f"{instruction} \\* MERGEFORMAT"), run(placeholder), field_end()]


def field_start(instruction: str) -> list[Element]:
    """The opening runs of a field whose result (runs, or whole paragraphs, as a table of
    contents has) follows, up to :func:`field_end`."""
    return [
        el("w:r", None, el("w:fldChar", {"w:fldCharType": "begin"})),
        el("w:r", None, _instr(f" {instruction} ")),
        el("w:r", None, el("w:fldChar", {"w:fldCharType": "separate"})),
    ]


def field_end() -> Element:
    return el("w:r", None, el("w:fldChar", {"w:fldCharType": "end"}))


def _instr(text: str) -> Element:
    instr = el("w:instrText")
    instr.text = text
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return instr


def page_of_runs(template: str) -> list[Element]:
    """Runs for a template like ``"Page %(page)s of %(pages)s"``, numbers as fields."""
    runs: list[Element] = []
    for piece in _PLACEHOLDER.split(template):
        if piece in FIELD_FOR:
            runs.extend(field_runs(FIELD_FOR[piece]))
        elif piece:
            runs.append(run(piece.replace("%%", "%")))
    return runs
