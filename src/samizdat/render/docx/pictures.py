"""Pictures: a project image → an inline ``w:drawing`` with its alt text.

Takes an image already resolved and checked by ``samizdat.assets.picture`` (inside the
project, within the size limits) and its alternative text; gives a run holding the
picture, scaled to fit the text area and never enlarged, with the alt text in
``wp:docPr/@descr`` where Word and screen readers look for it. Also renumbers drawing ids once the document is complete,
because each story part counts its own and Word wants them unique.
"""

from __future__ import annotations

from io import BytesIO
from typing import TYPE_CHECKING

from docx.image.exceptions import (
    InvalidImageStreamError,
    UnexpectedEndOfFileError,
    UnrecognizedImageError,
)
from docx.image.image import Image
from docx.opc.part import XmlPart
from docx.oxml.ns import qn

from samizdat import model as m
from samizdat.assets import Picture
from samizdat.errors import error
from samizdat.render.docx.wordml import Element, clean, el

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

    from samizdat.render.docx.context import RenderContext

MAX_HEIGHT_SHARE = 0.7  # a picture never takes more than this share of the text height


def picture_run(ctx: RenderContext, picture: Picture, alt: str, loc: m.Loc, title: str = "") -> Element:
    """A ``w:r`` with the picture, fitted to the text area; ``title`` (``![alt](src "title")``)
    goes where Word keeps a picture's title."""
    name = picture.path.name
    try:
        image = Image.from_blob(picture.data)
    except UnrecognizedImageError:
        raise error(loc.path, loc.line, f"'{name}': this image type cannot go into DOCX; use PNG, JPEG or GIF") from None
    except (UnexpectedEndOfFileError, InvalidImageStreamError):
        raise error(loc.path, loc.line, f"'{name}' cannot be read: it is truncated or damaged") from None
    width, height = image.width, image.height
    scale = min(1.0, ctx.text_width / width if width else 1.0, ctx.text_height * MAX_HEIGHT_SHARE / height if height else 1.0)
    inline = ctx.part.new_pic_inline(BytesIO(picture.data), width=int(width * scale), height=int(height * scale))
    inline.docPr.set("descr", clean(alt))
    if title:
        inline.docPr.set("title", clean(title))
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
