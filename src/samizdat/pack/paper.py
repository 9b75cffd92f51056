"""Paper sizes: the finished page a reader holds, and the sheet the print shop feeds.

Takes a page-size name from a pack file (A4, A5, Letter) and an imposition; gives the
:class:`Paper` of the page (with its CSS ``size`` for WeasyPrint) and of the sheet it is
printed on. Without imposition a page is printed on a sheet of its own size; ``2-up`` and
``booklet`` put two pages side by side on a landscape sheet twice the size: A5 pages on
A4, A4 on A3, Letter on Tabloid (11 × 17 in).
"""

from __future__ import annotations

from dataclasses import dataclass

MM = 72 / 25.4  # PostScript points per millimetre


@dataclass(frozen=True)
class Paper:
    name: str  # as people write it: 'A4', 'Letter'
    width: float  # portrait, in points
    height: float
    css: str  # the value of CSS '@page { size: … }'


PAPERS: dict[str, Paper] = {
    "A3": Paper("A3", 297 * MM, 420 * MM, "A3"),
    "A4": Paper("A4", 210 * MM, 297 * MM, "A4"),
    "A5": Paper("A5", 148 * MM, 210 * MM, "A5"),
    "Letter": Paper("Letter", 612.0, 792.0, "letter"),
    "Tabloid": Paper("Tabloid", 792.0, 1224.0, "11in 17in"),
}
PAGE_SIZES = ("A4", "A5", "Letter")  # what a pack item may ask for
_DOUBLE = {"A5": "A4", "A4": "A3", "Letter": "Tabloid"}  # the sheet that holds two pages side by side


def page_size(name: str) -> Paper | None:
    """The page size a pack item names, case-insensitively; None when it is not one we print."""
    for known in PAGE_SIZES:
        if name.strip().lower() == known.lower():
            return PAPERS[known]
    return None


def sheet_for(page: str, imposition: str) -> Paper:
    """The sheet a page of size ``page`` is printed on with ``imposition``."""
    return PAPERS[page] if imposition == "none" else PAPERS[_DOUBLE[page]]
