"""Text a PDF draws outside its page: cut off on screen and in print, though a text
extractor still finds it (so the fidelity check alone cannot see it).

Reads any PDF with PDFium (pypdfium2), which gives every character's box; a character is
outside when its box leaves the page's TrimBox (the page as trimmed: the MediaBox less
the bleed), more than a rounding error. A print PDF's slug, the margin beyond its BleedBox,
holds printer's marks and the slug line (:mod:`samizdat.render.marks`): text wholly there
is not page text.
"""

from __future__ import annotations

from pathlib import Path

TOLERANCE = 0.5  # PDF points


def pdf_clipped(path: Path) -> list[tuple[int, list[str]]]:
    """Pages (1-based) with text outside them, and that text, word by word."""
    import pypdfium2 as pdfium

    found = []
    document = pdfium.PdfDocument(path)
    try:
        for number in range(len(document)):
            page = document[number]
            left, bottom, right, top = page.get_trimbox()
            slug = page.get_bleedbox() != page.get_mediabox()
            b_left, b_bottom, b_right, b_top = page.get_bleedbox()
            text = page.get_textpage()
            words: list[str] = []
            current = ""
            for index in range(text.count_chars()):
                char = text.get_text_range(index, 1)
                outside = False
                if char.strip():
                    x0, y0, x1, y1 = text.get_charbox(index)
                    outside = x0 < left - TOLERANCE or x1 > right + TOLERANCE or y0 < bottom - TOLERANCE or y1 > top + TOLERANCE
                    if slug and (x1 < b_left or x0 > b_right or y1 < b_bottom or y0 > b_top):
                        outside = False  # the slug line
                if outside:
                    current += char
                elif current:
                    words.append(current)
                    current = ""
            if current:
                words.append(current)
            if words:
                found.append((number + 1, words))
    finally:
        document.close()
    return found
