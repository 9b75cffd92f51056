"""Imposition: put the pages of several documents onto print-shop sheets, with pypdf.

Takes sections (one built PDF per document × language, in print order) and an imposition;
gives one print-ready PDF whose pages are sheet sides, printed duplex, and where each
section lies in it. Sheet counts everywhere in the pack come from :func:`sides`, the same
layout that is drawn, so the manifest cannot disagree with the file.

Layouts (a *side* is one face of a sheet; each sheet has a front and a back):

``none``
    One page per side, pages as built (with 3 mm bleed and crop marks, trimmed by the shop
    to the TrimBox). A section with an odd number of pages gets a blank back, so the next
    section starts on a new sheet. Sheets per copy: ceil(pages / 2).

``2-up``
    Step and repeat: a landscape sheet twice the page size carries the *same* page twice,
    side by side; the back carries the next page twice. Cut down the middle, every sheet
    gives two copies, each leaf with the right back. (Putting pages 1 and 2 on one side and
    3 and 4 on the back looks "in order" but is wrong once cut: duplex printing puts page 4
    behind page 1.) Sheets per set: ceil(pages / 2); a set makes 2 copies, so sheets per
    copy are ceil(pages / 2) / 2 and an odd number of copies gives one spare.

``booklet``
    Saddle stitch: pages padded with blank pages to a multiple of 4, then the outer sheet's
    front holds [last, first], its back [second, second-last], and so on inwards. Printed
    duplex flipping on the short edge, folded and stapled. Sheets per copy: padded pages / 4.

Imposed sheets use trimmed pages (no bleed, no marks): two pages abut at the fold or cut,
where one page's bleed would cover its neighbour and crop marks would land on the text;
the sheet is exactly twice the page, so any office or digital press prints it as is.
Link annotations are dropped: paper has no links, and their targets would dangle.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.generic import NameObject, RectangleObject

from samizdat import __version__
from samizdat.atomic import atomic_target
from samizdat.pack.paper import Paper

Side = tuple[int | None, ...]  # page index (0-based) per slot, left to right; None = blank


def sides(pages: int, imposition: str) -> list[Side]:
    """The sheet sides of one copy (one set for 2-up), front and back alternating."""
    if imposition == "none":
        padded = pages + pages % 2
        return [(i if i < pages else None,) for i in range(padded)]
    if imposition == "2-up":
        padded = pages + pages % 2
        return [(i, i) if i < pages else (None, None) for i in range(padded)]
    if imposition == "booklet":
        padded = max(4, math.ceil(pages / 4) * 4)

        def page(i: int) -> int | None:
            return i if i < pages else None

        out: list[Side] = []
        for sheet in range(padded // 4):
            out.append((page(padded - 1 - 2 * sheet), page(2 * sheet)))  # front: [last, first]
            out.append((page(2 * sheet + 1), page(padded - 2 - 2 * sheet)))  # back: [second, second-last]
        return out
    raise ValueError(f"unknown imposition {imposition!r}")


def sheets_per_set(pages: int, imposition: str) -> int:
    """Sheets (printed both sides) for one set of a document: one copy, or two for 2-up."""
    return len(sides(pages, imposition)) // 2


def copies_per_set(imposition: str) -> int:
    """How many finished copies one set of sheets gives once cut."""
    return 2 if imposition == "2-up" else 1


@dataclass(frozen=True)
class Section:
    """One document in one language, to be imposed; ``label`` names it in the bookmarks."""

    pdf: Path
    label: str


@dataclass(frozen=True)
class Placement:
    """Where a section landed in the print file: sides (PDF pages) first..last, 1-based."""

    first: int
    last: int
    pages: int  # pages of the document
    sheets: int  # sheets of one set

    @property
    def range(self) -> str:
        return f"{self.first}–{self.last}"


def impose(sections: list[Section], imposition: str, page: Paper, sheet: Paper, target: Path, title: str) -> list[Placement]:
    """Write the print file for one (paper, imposition) group; returns each section's place."""
    writer = PdfWriter()
    placements: list[Placement] = []
    for section in sections:
        reader = PdfReader(section.pdf)
        source = list(reader.pages)
        for src in source:
            if "/Annots" in src:
                del src["/Annots"]  # in memory only: the built PDF is not touched
        layout = sides(len(source), imposition)
        first = len(writer.pages) + 1
        for side in layout:
            if imposition == "none":
                _add_page(writer, source, side[0])
            else:
                _add_sheet_side(writer, source, side, sheet)
        writer.add_outline_item(title=section.label, page_number=first - 1)
        placements.append(Placement(first, len(writer.pages), len(source), len(layout) // 2))
    writer.add_metadata({"/Title": title, "/Producer": f"samizdat {__version__} (pypdf)", "/Creator": "samizdat pack"})
    writer.page_mode = "/UseOutlines"
    with atomic_target(target) as temp:
        with temp.open("wb") as handle:
            writer.write(handle)
    return placements


def _add_page(writer: PdfWriter, source: list[PageObject], index: int | None) -> None:
    """A page as built, or a blank one with the same boxes (mediabox with bleed, trim box)."""
    if index is not None:
        writer.add_page(source[index])
        return
    model = source[0]
    blank = writer.add_blank_page(float(model.mediabox.width), float(model.mediabox.height))
    for box in ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox"):
        if box in model:
            blank[NameObject(box)] = RectangleObject(model[box])  # type: ignore[arg-type]  # an array of four numbers


def _add_sheet_side(writer: PdfWriter, source: list[PageObject], side: Side, sheet: Paper) -> None:
    """A landscape sheet side with the slot pages drawn into equal slots; empty slots stay blank."""
    width, height = sheet.height, sheet.width  # landscape
    target = writer.add_blank_page(width, height)
    slot_width = width / len(side)
    for slot, index in enumerate(side):
        if index is None:
            continue
        src = source[index]
        if src.rotation:
            src.transfer_rotation_to_content()
        box = src.trimbox
        scale = min(slot_width / float(box.width), height / float(box.height))
        x = slot * slot_width + (slot_width - float(box.width) * scale) / 2
        y = (height - float(box.height) * scale) / 2
        op = Transformation().translate(-float(box.left), -float(box.bottom)).scale(scale, scale).translate(x, y)
        target.merge_transformed_page(src, op, over=True, expand=False)

