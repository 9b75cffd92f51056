"""DOCX renderer: a localized :class:`model.Document` → an editable Word file.

Takes a document from ``localize`` and the project configuration; gives a ``.docx`` at
``target``. Following pandoc, the look comes entirely from a reference document
(``templates/<template>.docx`` or ``templates/reference.docx``): its styles, numbering,
page setup and theme are kept, its body is replaced, and only the body, the header and
footer text, the footnotes, the proofing language and the core properties are generated.

The pipeline, one module per stage:

* ``reference``    open the reference document, empty its body, measure its text area
* ``footnotes``    make sure a footnotes part exists (and write notes into it)
* ``properties``   proofing language (``w:lang``) and core properties
* ``front_matter`` masthead, title, subtitle, summary
* ``contents``     the table of contents, a TOC field (``toc: true``)
* ``blocks``       the body, dispatched by node type (``tables``, ``charts``, ``pictures``)
* ``inlines``      runs, ``hyperlinks``, note calls, inline pictures
* ``furniture``    running head and "Page X of Y" footer (``fields``)
* ``archive``      repackage with fixed timestamps: identical input, identical bytes

Errors in the user's input (an image that cannot be found) propagate as
:class:`SamizdatError` from ``samizdat.assets``.
"""

from __future__ import annotations

import io
from pathlib import Path

from docx.document import Document as DocxDocument

from samizdat import assets
from samizdat import model as m
from samizdat.config import Config
from samizdat.languages import hyphenation
from samizdat.render.docx import (
    archive,
    bilingual,
    blocks,
    contents,
    footnotes,
    front_matter,
    furniture,
    online,
    pictures,
    properties,
    reference,
)
from samizdat.render.docx.context import RenderContext
from samizdat.render.docx.numbering import Numbering
from samizdat.render.docx.styles import StyleSheet

__all__ = ["render", "render_bilingual"]


def render(doc: m.Document, config: Config, target: Path) -> None:
    """Write ``doc`` (localized) as a Word document to ``target``."""
    document, ctx = _prepare(doc, config)
    body = document.element.body
    front_matter.render_front_matter(ctx, body)
    online.write_online(ctx, body)
    contents.write_contents(ctx, body)
    if doc.meta.toc:
        contents.update_fields_on_open(document)
    blocks.render_blocks(ctx, doc.blocks, body)
    _finish(document, ctx, target)


def render_bilingual(left: m.Document, right: m.Document, config: Config, target: Path) -> None:
    """Write two localized editions of one document side by side (see ``bilingual``)."""
    document, ctx = _prepare(left, config)
    bilingual.write_body(ctx, right, document.element.body)
    _finish(document, ctx, target)


def _prepare(doc: m.Document, config: Config) -> tuple[DocxDocument, RenderContext]:
    """The emptied reference document and the context every writer receives."""
    if doc.ui is None:
        raise ValueError("render() needs a localized document: call samizdat.localize.localize() first")
    document = reference.open_reference(reference.reference_path(doc, config), config)
    reference.clear_body(document)
    notes_part = footnotes.ensure_footnotes_part(document)
    properties.set_language(document, properties.language_tag(doc))
    properties.set_core_properties(document, doc, config)
    width, height = reference.text_area(document)
    ctx = RenderContext(
        doc=doc,
        config=config,
        doc_dir=assets.document_dir(doc, config.root),
        part=document.part,
        styles=StyleSheet(document.styles.element),
        numbering=Numbering(document),
        footnotes=footnotes.Footnotes(notes_part),
        render_blocks=blocks.render_blocks,
        text_width=width,
        text_height=height,
        soft_hyphens=hyphenation.hyphenator(config.language(doc.lang).hyphenation_rules),
    )
    return document, ctx


def _finish(document: DocxDocument, ctx: RenderContext, target: Path) -> None:
    furniture.write_header_footer(document, ctx)
    pictures.renumber_drawings(document)
    buffer = io.BytesIO()
    document.save(buffer)
    target.write_bytes(archive.reproducible(buffer.getvalue(), archive.zip_timestamp(ctx.doc.meta.date)))
