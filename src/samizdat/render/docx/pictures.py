"""Pictures: a project image file → an inline ``w:drawing`` with its alt text.

Takes an image path already resolved by ``samizdat.assets.resolve`` (so it is inside the
project) and its alternative text; gives a run holding the picture, scaled to fit the
text area and never enlarged, with the alt text in ``wp:docPr/@descr`` where Word and
screen readers look for it. Also renumbers drawing ids once the document is complete,
because each story part counts its own and Word wants them unique.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docx.image.exceptions import UnrecognizedImageError
from docx.image.image import Image
from docx.opc.part import XmlPart
from docx.oxml.ns import qn

from samizdat import model as m
from samizdat.errors import error
from samizdat.render.docx.wordml import Element, clean, el

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

    from samizdat.render.docx.context import RenderContext

MAX_HEIGHT_SHARE = 0.7  # a picture never takes more than this share of the text height


def picture_run(ctx: RenderContext, path: Path, alt: str, loc: m.Loc) -> Element:
    """A ``w:r`` with the picture at ``path``, fitted to the text area."""
    try:
        image = Image.from_file(str(path))
    except UnrecognizedImageError:
        raise error(loc.path, loc.line, f"'{path.name}': this image type cannot go into DOCX; use PNG, JPEG or GIF") from None
    width, height = image.width, image.height
    scale = min(1.0, ctx.text_width / width if width else 1.0, ctx.text_height * MAX_HEIGHT_SHARE / height if height else 1.0)
    inline = ctx.part.new_pic_inline(str(path), width=int(width * scale), height=int(height * scale))
    inline.docPr.set("descr", clean(alt))
    return el("w:r", None, el("w:drawing", None, inline))


def renumber_drawings(document: DocxDocument) -> None:
    """Give every ``wp:docPr`` in every story a distinct id, in document order."""
    ident = 0
    for part in document.part.package.iter_parts():
        if isinstance(part, XmlPart):
            for doc_pr in part.element.iter(qn("wp:docPr")):
                ident += 1
                doc_pr.set("id", str(ident))
                doc_pr.set("name", f"Picture {ident}")
