"""Real Word footnotes: the ``footnotes.xml`` part and the notes written into it.

Takes the opened reference document and, for each footnote call, the note's blocks;
gives a ``w:footnote`` per call in ``word/footnotes.xml`` (its paragraphs in the
"Footnote Text" style, opened by a ``w:footnoteRef`` mark) and the body run with a
``w:footnoteReference`` that points at it. Word numbers notes itself, by position.

python-docx 1.2 does not model footnotes, so this module registers :class:`FootnotesPart`
(a story part like the document body: it can own hyperlink and image relationships) for
the footnotes content type, and adds the part, with Word's two separator notes, when a
reference document lacks it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import PartFactory
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml
from docx.parts.story import StoryPart

from samizdat.render.docx import wordml
from samizdat.render.docx.wordml import Element, el, sub

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.package import Package

    from samizdat.render.docx.context import RenderContext

SEPARATOR_IDS = (-1, 0)  # Word 2010+ numbers the separator and continuation notes so

_SEPARATORS = "".join(
    f'<w:footnote w:type="{kind}" w:id="{ident}"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    f"<w:r><w:{kind}/></w:r></w:p></w:footnote>"
    for kind, ident in zip(("separator", "continuationSeparator"), SEPARATOR_IDS)
)


class FootnotesPart(StoryPart):
    """``word/footnotes.xml``: a story part, so notes can hold links and pictures."""

    @classmethod
    def new(cls, package: Package) -> FootnotesPart:
        element = parse_xml(f"<w:footnotes {nsdecls('w', 'r', 'wp', 'a', 'pic')}>{_SEPARATORS}</w:footnotes>")
        return cls(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, element, package)


PartFactory.part_type_for[CT.WML_FOOTNOTES] = FootnotesPart


def ensure_footnotes_part(document: DocxDocument) -> FootnotesPart:
    """The document's footnotes part, added (with separators) when the reference lacks it.

    Notes the reference itself had belong to its removed sample body, so only Word's
    separator notes are kept.
    """
    for rel in document.part.rels.values():
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            part = rel.target_part
            if not isinstance(part, FootnotesPart):
                raise TypeError("footnotes part was read before samizdat.render.docx.footnotes was imported")
            for note in part.element.findall(qn("w:footnote")):
                if note.get(qn("w:type"), "normal") == "normal":
                    part.element.remove(note)
            _ensure_separators(part.element)
            return part
    part = FootnotesPart.new(document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    _declare_separators(document.settings.element)
    return part


# Children of w:settings that come after w:footnotePr (ECMA-376 §17.15.1.78).
AFTER_FOOTNOTE_PR = ("w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema",
                      "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
                      "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown",
                      "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags",
                      "w:decimalSymbol", "w:listSeparator")


def _declare_separators(settings: Element) -> None:
    """Name the separator notes in the settings, as Word does."""
    if settings.find(qn("w:footnotePr")) is not None:
        return
    footnote_pr = el("w:footnotePr")
    for ident in SEPARATOR_IDS:
        sub(footnote_pr, "w:footnote", {"w:id": ident})
    later = {qn(tag) for tag in AFTER_FOOTNOTE_PR}
    for child in settings:
        if child.tag in later:
            child.addprevious(footnote_pr)
            return
    settings.append(footnote_pr)


def _ensure_separators(root: Element) -> None:
    types = {note.get(qn("w:type")) for note in root.iter(qn("w:footnote"))}
    if "separator" not in types or "continuationSeparator" not in types:
        for note in reversed(parse_xml(f"<w:footnotes {nsdecls('w')}>{_SEPARATORS}</w:footnotes>").findall(qn("w:footnote"))):
            if note.get(qn("w:type")) not in types:
                root.insert(0, note)


class Footnotes:
    """Writes notes into the footnotes part, numbering ``w:id`` after the existing ones."""

    def __init__(self, part: FootnotesPart):
        self.part = part
        ids = [int(note.get(qn("w:id"), "0")) for note in part.element.iter(qn("w:footnote"))]
        self._next = max([0, *ids]) + 1

    def new_note(self) -> tuple[int, Element]:
        ident = self._next
        self._next += 1
        note = sub(self.part.element, "w:footnote", {"w:id": ident})
        return ident, note


def note_reference(ctx: RenderContext, label: str) -> Element:
    """The body run calling note ``label``; the note itself is written now.

    A note called twice is written twice, as pandoc does: Word has no shared footnotes.
    Word allows no note inside a note, so a call inside a note is a superscript letter
    (a, b, …) and the note it calls follows in the same Word footnote, after the outer
    note's text, opened by that letter: nothing of it is lost, and Word's own numbering
    of the notes in the text stays as it is.
    """
    if ctx.inner_notes is not None:
        mark = ctx.inner_notes.setdefault(label, _letter(len(ctx.inner_notes)))
        return wordml.run(mark, _mark_properties(ctx))
    ident, note = ctx.footnotes.new_note()
    inner: dict[str, str] = {}
    note_ctx = ctx.with_(part=ctx.footnotes.part, paragraph_style=ctx.styles.paragraph("Footnote Text"), in_note=True,
                         inner_notes=inner)
    _write_note(note_ctx, label, note, el("w:r", None, _mark_properties(ctx), el("w:footnoteRef")))
    written: set[str] = set()
    while pending := [called for called in inner if called not in written]:  # an inner note may call more
        for called in pending:
            written.add(called)
            _write_note(note_ctx, called, note, wordml.run(inner[called], _mark_properties(ctx)))
    return el("w:r", None, _mark_properties(ctx), el("w:footnoteReference", {"w:id": ident}))


def _write_note(ctx: RenderContext, label: str, note: Element, mark: Element) -> None:
    """Append note ``label``'s blocks to ``note``, its first paragraph opened by ``mark``."""
    start = len(note)
    ctx.render_blocks(ctx, ctx.doc.notes.get(label, ()), note)
    first = note[start] if len(note) > start else None
    if first is None or first.tag != qn("w:p"):
        first = wordml.paragraph(ctx.paragraph_style)
        note.insert(start, first)
    ppr = first.find(qn("w:pPr"))
    at = 1 if ppr is not None else 0
    first.insert(at, wordml.run(" "))
    first.insert(at, mark)


def _letter(index: int) -> str:
    """0 → 'a', 25 → 'z', 26 → 'aa': marks of the notes called inside one note."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _mark_properties(ctx: RenderContext) -> Element:
    style = ctx.styles.character("Footnote Reference")
    # Without the style a note number would sit on the baseline; superscript is its meaning.
    return wordml.run_properties(style, superscript=style is None)
