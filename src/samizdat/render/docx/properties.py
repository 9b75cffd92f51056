"""Document-wide settings: the proofing language and the core properties.

Takes the localized document; sets ``w:lang`` in the styles' ``docDefaults`` (and in
any style that names a language of its own) to the document's BCP 47 tag, so Word
spell-checks Belarusian as Belarusian; and fills ``docProps/core.xml`` (title, author,
subject, language) with dates fixed to the document's date at 00:00 UTC, so two builds
of the same text give the same file.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING

from docx.oxml.ns import qn

from samizdat import model as m
from samizdat.config import Config
from samizdat.render.docx.wordml import clean, el, sub

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

FALLBACK_DATE = date(2000, 1, 1)  # when a document has no date: fixed, so builds repeat
MAX_PROPERTY = 255  # python-docx (and Word's dialog) limit core text properties to this


def language_tag(doc: m.Document) -> str:
    return doc.bcp47 or doc.lang


def set_language(document: DocxDocument, tag: str) -> None:
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = el("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = el("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = sub(rpr_default, "w:rPr")
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = sub(rpr, "w:lang")
    lang.set(qn("w:val"), tag)
    # A style the designer saved with its own language would escape the default.
    for style_lang in styles.iterfind(f"{qn('w:style')}/{qn('w:rPr')}/{qn('w:lang')}"):
        if style_lang.get(qn("w:val")):
            style_lang.set(qn("w:val"), tag)
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), tag)


def author_of(doc: m.Document, config: Config) -> str:
    """The author in the document's language: its own or samizdat.toml's (both translated),
    else its organisation."""
    named = doc.meta.author or doc.meta.organisation
    return named.plain() if named is not None else config.name


def set_core_properties(document: DocxDocument, doc: m.Document, config: Config) -> None:
    props = document.core_properties
    author = author_of(doc, config)
    stamp = datetime.combine(doc.meta.date or FALLBACK_DATE, time(0, 0), tzinfo=UTC)
    props.title = _fit(doc.meta.title.plain())
    props.subject = _fit(doc.meta.summary.plain()) if doc.meta.summary is not None else ""
    props.author = _fit(author)
    props.last_modified_by = _fit(author)
    props.language = language_tag(doc)
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp
    props.revision = 1
    for name in ("keywords", "comments", "category", "content_status", "identifier", "version"):
        if getattr(props, name):  # the reference's own notes are not this document's
            setattr(props, name, "")


def _fit(text: str, limit: int = MAX_PROPERTY) -> str:
    """``text`` on one line, cut at a word boundary with an ellipsis if over ``limit``."""
    text = clean(" ".join(text.split()))
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "\u2026"
