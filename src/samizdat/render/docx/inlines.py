"""Inline writers: a segment's inlines → runs, hyperlinks, note calls and pictures.

Takes a :class:`model.Segment` (or inlines) and the paragraph to fill; gives ``w:r`` runs
and ``w:hyperlink`` elements appended to it. Dispatch is by node type through
``INLINE_WRITERS``; formatting that nests (emphasis inside a link) travels down as a
:class:`RunFormat`. Emphasis and strong are direct italic/bold, strikethrough, superscript
and subscript direct ``w:strike`` and ``w:vertAlign``; code and links use the
"Code Char" and "Hyperlink" character styles. A segment whose translation is missing
(``fallback``) is highlighted so an editor sees which passages still need a translator.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from samizdat import assets, doclinks
from samizdat import model as m
from samizdat.render.docx import footnotes, hyperlinks, pictures, wordml
from samizdat.render.docx.context import RenderContext
from samizdat.render.docx.wordml import Element, el

FALLBACK_HIGHLIGHT = "yellow"


@dataclass(frozen=True)
class RunFormat:
    bold: bool = False
    italic: bool = False
    code: bool = False
    link: bool = False
    highlight: bool = False
    strike: bool = False
    superscript: bool = False
    subscript: bool = False


def write_segment(ctx: RenderContext, parent: Element, segment: m.Segment) -> None:
    """Append the runs of ``segment`` to paragraph ``parent``."""
    write_inlines(ctx, parent, segment.inlines, RunFormat(highlight=segment.fallback), segment.loc)


def write_inlines(ctx: RenderContext, parent: Element, inlines: Sequence[m.Inline], fmt: RunFormat, loc: m.Loc) -> None:
    for node in inlines:
        INLINE_WRITERS[type(node)](ctx, parent, node, fmt, loc)


def _properties(ctx: RenderContext, fmt: RunFormat) -> Element:
    style = None
    if fmt.link:
        style = ctx.styles.character("Hyperlink")
    elif fmt.code:
        style = ctx.styles.character("Code Char", "Verbatim Char")
    return wordml.run_properties(
        style, bold=fmt.bold, italic=fmt.italic, highlight=FALLBACK_HIGHLIGHT if fmt.highlight else None,
        strike=fmt.strike, superscript=fmt.superscript, subscript=fmt.subscript,
    )


def write_text(ctx: RenderContext, parent: Element, node: m.Text, fmt: RunFormat, loc: m.Loc) -> None:
    if node.text:  # a newline in text (written '&#10;') is white space, as in HTML, not a line break
        text = ctx.soft_hyphens(node.text) if ctx.soft_hyphens and not fmt.code else node.text
        parent.append(wordml.run(text.replace("\n", " "), _properties(ctx, fmt)))


def write_emph(ctx: RenderContext, parent: Element, node: m.Emph, fmt: RunFormat, loc: m.Loc) -> None:
    write_inlines(ctx, parent, node.children, dataclasses.replace(fmt, italic=True), loc)


def write_strong(ctx: RenderContext, parent: Element, node: m.Strong, fmt: RunFormat, loc: m.Loc) -> None:
    write_inlines(ctx, parent, node.children, dataclasses.replace(fmt, bold=True), loc)


def write_strikeout(ctx: RenderContext, parent: Element, node: m.Strikeout, fmt: RunFormat, loc: m.Loc) -> None:
    write_inlines(ctx, parent, node.children, dataclasses.replace(fmt, strike=True), loc)


def write_superscript(ctx: RenderContext, parent: Element, node: m.Superscript, fmt: RunFormat, loc: m.Loc) -> None:
    write_inlines(ctx, parent, node.children, dataclasses.replace(fmt, superscript=True, subscript=False), loc)


def write_subscript(ctx: RenderContext, parent: Element, node: m.Subscript, fmt: RunFormat, loc: m.Loc) -> None:
    write_inlines(ctx, parent, node.children, dataclasses.replace(fmt, subscript=True, superscript=False), loc)


def write_code(ctx: RenderContext, parent: Element, node: m.Code, fmt: RunFormat, loc: m.Loc) -> None:
    parent.append(wordml.run(node.text, _properties(ctx, dataclasses.replace(fmt, code=True))))


def write_link(ctx: RenderContext, parent: Element, node: m.Link, fmt: RunFormat, loc: m.Loc) -> None:
    url = doclinks.href(node.url, ctx.doc, ctx.config, "online")
    if url is None:  # another document, and no online address to give: the text stays
        write_inlines(ctx, parent, node.children, fmt, loc)
        return
    link = hyperlinks.hyperlink(ctx.part, url, node.title)
    parent.append(link)
    write_inlines(ctx, link, node.children, dataclasses.replace(fmt, link=True), loc)


def write_line_break(ctx: RenderContext, parent: Element, node: m.LineBreak, fmt: RunFormat, loc: m.Loc) -> None:
    parent.append(el("w:r", None, el("w:br")))


def write_note_ref(ctx: RenderContext, parent: Element, node: m.NoteRef, fmt: RunFormat, loc: m.Loc) -> None:
    parent.append(footnotes.note_reference(ctx, node.label))


def write_inline_image(ctx: RenderContext, parent: Element, node: m.InlineImage, fmt: RunFormat, loc: m.Loc) -> None:
    image = assets.picture(node.src, loc, ctx.doc_dir, ctx.config.root)
    parent.append(pictures.picture_run(ctx, image, node.alt, loc, node.title))


def write_crossref(ctx: RenderContext, parent: Element, node: m.CrossRef, fmt: RunFormat, loc: m.Loc) -> None:
    """The reference ("Figure 2") as a link to the bookmark of its caption or heading (text only inside a link)."""
    if fmt.link:
        parent.append(wordml.run(node.shown, _properties(ctx, fmt)))
        return
    link = hyperlinks.hyperlink(ctx.part, f"#{node.target}")
    link.append(wordml.run(node.shown, _properties(ctx, fmt)))
    parent.append(link)


INLINE_WRITERS: dict[type, Callable[[RenderContext, Element, Any, RunFormat, m.Loc], None]] = {
    m.Text: write_text,
    m.Emph: write_emph,
    m.Strong: write_strong,
    m.Code: write_code,
    m.Link: write_link,
    m.LineBreak: write_line_break,
    m.NoteRef: write_note_ref,
    m.InlineImage: write_inline_image,
    m.Strikeout: write_strikeout,
    m.Superscript: write_superscript,
    m.Subscript: write_subscript,
    m.CrossRef: write_crossref,
}
