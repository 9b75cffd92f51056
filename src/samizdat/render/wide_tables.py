"""Tables wider than their column in the PDF: fitted the way the theme says, or refused at their line.

A table of fourteen columns of figures cannot wrap its way into an A4 column: WeasyPrint
lets it run past the right edge, where the page cuts it off. After layout every table is
measured against the box it stands in (the text column, a box, one side of a bilingual
page). One that is wider is fitted as its template's ``wide_tables`` (theme.toml) says:

* ``shrink`` (the default): its type is set smaller, down to :data:`MIN_SCALE` of the
  design size (cell padding written in ``em`` shrinks with it);
* ``landscape``: it gets a page of its own, turned sideways, and is shrunk as well when
  that is still not enough;
* ``refuse``: the build fails.

A table that still does not fit fails the build at its line: a table never loses columns.
The HTML renderer marks each table with ``data-table`` (an id) and ``data-line``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from samizdat import model as m
from samizdat.errors import Diagnostic, SamizdatError

MIN_SCALE = 0.6  # a shrunk table's type: at least 60 % of its design size
LANDSCAPE = "samizdat-landscape"  # the named page of tables turned sideways
TOLERANCE = 0.5  # CSS px: rounding, not overflow
ROUNDS = 4  # layouts spent shrinking, at most
PX_PER_MM = 96 / 25.4


@dataclass(frozen=True)
class Overflow:
    table: str  # its data-table id
    line: int | None  # where it stands in the content file
    columns: int
    width: float  # CSS px
    room: float  # the width of the box it stands in
    font_size: float  # its type size now, CSS px


def overflows(document: Any) -> dict[str, Overflow]:
    """Tables of a laid-out document wider than the box they stand in, by id (widest part)."""
    from weasyprint.formatting_structure.boxes import TableBox

    found: dict[str, Overflow] = {}

    def walk(box: Any, ancestors: tuple[Any, ...]) -> Iterator[Overflow]:
        if isinstance(box, TableBox) and box.element is not None and box.element.get("data-table") and len(ancestors) >= 2:
            column = ancestors[-2]  # the table's wrapper is as wide as the table; the box around it is not
            right, room_right = box.border_box_x() + box.border_width(), column.content_box_x() + column.width
            if right > room_right + TOLERANCE:
                line = box.element.get("data-line")
                yield Overflow(box.element.get("data-table"), int(line) if line and line.isdigit() else None,
                               _columns(box), box.border_width(), room_right - box.border_box_x(), box.style["font_size"])
        for child in getattr(box, "children", ()):
            yield from walk(child, (*ancestors, box))

    for page in document.pages:
        for overflow in walk(page._page_box, ()):
            known = found.get(overflow.table)
            if known is None or overflow.width - overflow.room > known.width - known.room:
                found[overflow.table] = overflow
    return found


def _columns(table: Any) -> int:
    rows = [row for group in table.children for row in getattr(group, "children", ())]
    return max((len(row.children) for row in rows), default=0)


def fit(document: Any, render: Callable[[str], Any], strategy: str, paper: str, doc: m.Document) -> Any:
    """``document``, or a new layout (``render(extra_css)``) in which every table fits."""
    found = overflows(document)
    if not found:
        return document
    if strategy == "refuse":
        raise _too_wide(doc, found, "the theme's wide_tables = \"refuse\": split the table or shorten its cells, "
                                    "or set wide_tables = \"shrink\" or \"landscape\" for the template in theme.toml")
    css = ""
    if strategy == "landscape":
        css = f"@page {LANDSCAPE} {{ size: {paper} landscape; }}\n" + "".join(
            f'table[data-table="{table}"] {{ page: {LANDSCAPE}; }}\n' for table in found)
        document = render(css)
        found = overflows(document)
    design = {table: overflow.font_size for table, overflow in found.items()}
    scales = dict.fromkeys(found, 1.0)
    for _ in range(ROUNDS):
        if not found or all(scales[table] <= MIN_SCALE + 1e-9 for table in found):
            break
        for table, overflow in found.items():
            scales[table] = max(MIN_SCALE, scales[table] * overflow.room / overflow.width * 0.98)
        document = render(css + "".join(f'table[data-table="{table}"] {{ font-size: {design[table] * scale:.2f}px !important; }}\n'
                                        for table, scale in scales.items()))
        found = overflows(document)
    if found:
        advice = (f"even with its type at {MIN_SCALE:.0%} of the design size"
                  + (" on a landscape page" if strategy == "landscape" else "")
                  + ": split the table or shorten its cells"
                  + ("" if strategy == "landscape" else ", or set wide_tables = \"landscape\" for the template in theme.toml"))
        raise _too_wide(doc, found, advice)
    return document


def _too_wide(doc: m.Document, found: dict[str, Overflow], advice: str) -> SamizdatError:
    return SamizdatError(
        Diagnostic(doc.path, overflow.line, f"table with {overflow.columns} columns is {(overflow.width - overflow.room) / PX_PER_MM:.0f} mm "
                                            f"wider than the {overflow.room / PX_PER_MM:.0f} mm it has in the '{doc.lang}' PDF, {advice}")
        for overflow in found.values())
