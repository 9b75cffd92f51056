"""Page furniture: the running head (document title) and the "Page X of Y" footer.

Takes the opened reference document and the localized document; gives the text of every
header and footer the reference's sections use: default, first page (when the section
has "different first page", where the masthead stands instead of a running head) and
even pages (when the settings ask for them). The words come from the catalog, the look
from the "Header" and "Footer" styles. Whatever text the reference had there is replaced.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Union

from samizdat.localize import terms
from samizdat.render.docx import fields, wordml
from samizdat.render.docx.context import RenderContext
from samizdat.render.docx.wordml import Element

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.section import _Footer, _Header

    HeaderOrFooter = Union[_Header, _Footer]


def write_header_footer(document: DocxDocument, ctx: RenderContext) -> None:
    header_style = ctx.styles.paragraph("Header")
    footer_style = ctx.styles.paragraph("Footer")
    title = ctx.doc.meta.title.plain()
    template = ctx.doc.ui.pgettext(*terms.PAGE_OF) if ctx.doc.ui is not None else terms.PAGE_OF[1]
    even_pages = document.settings.odd_and_even_pages_header_footer

    def running_head() -> Element:
        p = wordml.paragraph(header_style)
        p.append(wordml.run(title))
        return p

    def page_line() -> Element:
        p = wordml.paragraph(footer_style)
        p.extend(fields.page_of_runs(template))
        return p

    for section in document.sections:
        headers: list[HeaderOrFooter] = [section.header]
        footers: list[HeaderOrFooter] = [section.footer]
        if even_pages:
            headers.append(section.even_page_header)
            footers.append(section.even_page_footer)
        if section.different_first_page_header_footer:
            _fill(section.first_page_header, wordml.paragraph())
            footers.append(section.first_page_footer)
        for header in headers:
            _fill(header, running_head())
        for footer in footers:
            _fill(footer, page_line())


def _fill(header_or_footer: HeaderOrFooter, paragraph: Element) -> None:
    header_or_footer.is_linked_to_previous = False
    root = header_or_footer.part.element
    for child in list(root):
        root.remove(child)
    root.append(paragraph)
