"""Translations through Word: export a document's messages as a DOCX table, import them back.

Translators in small organisations work in Word, not Poedit. ``export_docx`` writes
``<slug>.<lang>.docx`` with one table (ID | Source | Translation | Status), one row per
:class:`entries.Entry`; ``import_docx`` reads the Translation column back into
``locales/<lang>/LC_MESSAGES/<slug>.po``.

The ID of a row is ``<msgctxt>|<sha1(msgid)[:10]>|<sha1(exported msgstr)[:6]>``. The first
two parts find the message again and tell whether its source changed since the export: such
a row is refused and reported, never written over the new source. The last part tells a
cell the translator left alone from one they edited, so an old export does not undo a
translation fixed in the PO file meanwhile; when both the cell and the PO file changed, the
row is a conflict (:mod:`conflicts`) that import reports and keeps, but does not settle.
The document slug and language are stored three times (core properties, a visible info
line, the file name) so a file that went through LibreOffice, Google Docs or a rename
still imports.

Filled-in tables come back by e-mail, so import treats the file as untrusted:
:mod:`untrusted_docx` checks the archive before python-docx parses it; the document the
file names only selects one of the project's own documents (it never becomes a path);
each row's Source must be the source its ID stands for, and no two rows may share an ID.
The XLIFF exchange (:mod:`xliff`) uses the same IDs and the same rules (``merge``, ``save``).
"""

from __future__ import annotations

import copy
import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from zipfile import BadZipFile

from babel import Locale
from babel.messages.catalog import Catalog, Message
from docx import Document as open_docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.parts.coreprops import CorePropertiesPart
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.oxml.table import CT_Tbl, CT_Tc
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml.etree import XMLSyntaxError, _Element

from samizdat import model as m
from samizdat.atomic import atomic_target
from samizdat.config import CONFIG_NAME, Config
from samizdat.content import discover, slug_of
from samizdat.errors import Diagnostic, SamizdatError, Severity, did_you_mean, error
from samizdat.localize import pofile
from samizdat.localize.catalogs import po_path, read_catalog
from samizdat.render.docx import properties
from samizdat.translate import review
from samizdat.translate.conflicts import Conflict, add_conflicts, conflicts_path
from samizdat.translate.entries import FUZZY, UNTRANSLATED, Catalogue, Entry, catalogue
from samizdat.translate.untrusted_docx import quoted, read_docx

HEADER = ("ID", "Source", "Translation", "Status")
WIDTHS_MM = (38, 100, 105, 24)  # landscape A4 less 15 mm margins: 267 mm
IDENTIFIER = "samizdat-translation"  # core property ``identifier``: samizdat-translation:<slug>:<lang>
INSTRUCTIONS_LANG = "en-GB"  # the fixed English text samizdat writes itself
HASH_LENGTH = 10
TEXT_HASH_LENGTH = 6
SHADING = {FUZZY: "FFE699", UNTRANSLATED: "F8CBAD"}
GREY = RGBColor(0x80, 0x80, 0x80)

ROW_ID = re.compile(rf"^(?P<context>.*)\|(?P<digest>[0-9a-f]{{{HASH_LENGTH}}})(?:\|(?P<exported>[0-9a-f]{{{TEXT_HASH_LENGTH}}}))?$")
_LOC = re.compile(r"^\S+:\d+$")
_INFO = re.compile(r"document:\s*(?P<slug>[\w.-]+)\s*·\s*language:\s*(?P<lang>[\w-]+)", re.IGNORECASE)
_NAME = re.compile(r"^(?P<slug>[\w-]+)\.(?P<lang>[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]+)?)(?:\W.*)?$")

INSTRUCTIONS = (
    "Write your translation of each row in the Translation column. Keep the markers as they "
    "are: **bold**, *italic*, [link text](address) (translate the text, keep the address) "
    "and footnote calls such as [^label]. Do not edit the ID or Source columns. Rows marked "
    "fuzzy have a translation of an older source: check and correct them. An empty cell "
    "changes nothing."
)


def source_hash(text: str, length: int = HASH_LENGTH) -> str:
    """The first hex digits of the text's SHA-1: short, stable, changes with the text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


def row_id(entry: Entry) -> str:
    """``<msgctxt>|<source hash>|<exported translation hash>``, what import looks rows up by."""
    exported = source_hash(one_line(entry.translation), TEXT_HASH_LENGTH)
    return f"{entry.segment.context}|{source_hash(entry.segment.source)}|{exported}"


# --- export ----------------------------------------------------------------------------


def exportable(config: Config, docs: list[m.Document], lang: str) -> Iterator[Catalogue]:
    """The catalogues of ``docs`` written in the source language, for an export to ``lang``
    (a target language whose catalogs are current with their sources)."""
    check_target_language(config, lang)
    for doc in docs:
        if doc.lang == config.source_language:
            rows = catalogue(doc, lang, config)
            check_catalog_current(config, rows)
            yield rows


def export_docx(config: Config, docs: list[m.Document], lang: str, out_dir: Path) -> list[Path]:
    """Write ``out_dir/<slug>.<lang>.docx`` for each source-language document; return the paths."""
    written: list[Path] = []
    for rows in exportable(config, docs, lang):
        target = out_dir / f"{rows.doc.slug}.{lang}.docx"
        with atomic_target(target) as temp:
            _build(config, rows).save(str(temp))
        written.append(target)
    return written


def check_target_language(config: Config, lang: str) -> None:
    if lang not in config.languages:
        raise error(CONFIG_NAME, None, f"language '{lang}' is not configured{did_you_mean(lang, config.languages)}")
    if lang == config.source_language:
        raise error(CONFIG_NAME, None, f"'{lang}' is the source language; there is nothing to translate into it")


def check_catalog_current(config: Config, rows: Catalogue) -> None:
    """Refuse to export rows the catalog lacks: their translations could not be imported."""
    if rows.catalog is None:
        raise error(config.rel(rows.path), None, "catalog not found; run 'samizdat translate extract' first")
    missing = [e for e in rows.entries if e.message is None]
    if missing:
        raise SamizdatError(
            Diagnostic(e.segment.loc.path, e.segment.loc.line, f"not in {config.rel(rows.path)}; run 'samizdat translate extract' first")
            for e in missing
        )


def _build(config: Config, rows: Catalogue) -> DocxDocument:
    doc, lang = rows.doc, rows.lang
    target_tag, source_tag = config.bcp47(lang), config.bcp47(config.source_language)
    word = open_docx()
    _landscape_a4(word)
    properties.set_language(word, target_tag)
    _set_core_properties(word, rows, target_tag)
    heading = word.add_heading(f"{doc.meta.title.plain()} — {_language_name(config, lang)}", level=1)
    _tag_runs(heading, source_tag)
    info = word.add_paragraph(
        f"samizdat translation · document: {doc.slug} · language: {lang} ({target_tag}) · "
        f"source: {doc.path} · exported {datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    )
    _small_grey(info, INSTRUCTIONS_LANG)
    _tag_runs(word.add_paragraph(INSTRUCTIONS), INSTRUCTIONS_LANG)
    _add_table(word, rows.entries, source_tag)
    return word


def _landscape_a4(word: DocxDocument) -> None:
    section = word.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(15)
    section.top_margin = section.bottom_margin = Mm(15)


def _set_core_properties(word: DocxDocument, rows: Catalogue, tag: str) -> None:
    props = word.core_properties
    props.identifier = f"{IDENTIFIER}:{rows.doc.slug}:{rows.lang}"
    props.title = f"{rows.doc.meta.title.plain()} ({rows.lang})"
    props.subject = "samizdat translation exchange"
    props.language = tag
    props.keywords = f"samizdat, {rows.doc.slug}, {rows.lang}"


def _language_name(config: Config, lang: str) -> str:
    try:
        name = Locale.parse(config.locale_for(lang)).get_language_name(config.source_language)
    except (ValueError, TypeError):
        name = None
    return f"{name} ({lang})" if name else lang


def _add_table(word: DocxDocument, entries: tuple[Entry, ...], source_tag: str) -> Table:
    table = word.add_table(rows=1, cols=len(HEADER))
    table.style = "Table Grid"
    table.autofit = False
    for index, width in enumerate(WIDTHS_MM):
        table.columns[index].width = Mm(width)
    header = table.rows[0]
    _repeat_as_header(header)
    for cell, name in zip(header.cells, HEADER):
        cell.text = name
        _shade(cell, "D9D9D9")
        for run in cell.paragraphs[0].runs:
            run.bold = True
            _lang(run, INSTRUCTIONS_LANG)
    for entry in entries:
        _add_row(table, entry, source_tag)
    for row in table.rows:
        for cell, width in zip(row.cells, WIDTHS_MM):
            cell.width = Mm(width)
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.space_after = Pt(2)
    return table


def _add_row(table: Table, entry: Entry, source_tag: str) -> None:
    id_cell, source_cell, translation_cell, status_cell = table.add_row().cells
    id_cell.text = row_id(entry)
    id_cell.add_paragraph(str(entry.segment.loc))
    for paragraph in id_cell.paragraphs:
        _small_grey(paragraph, source_tag, no_proof=True)
    source_cell.text = entry.segment.source
    _tag_runs(source_cell.paragraphs[0], source_tag)
    translation_cell.text = entry.translation
    status_cell.text = entry.state
    _small_grey(status_cell.paragraphs[0], INSTRUCTIONS_LANG)
    if entry.state in SHADING:
        _shade(status_cell, SHADING[entry.state])


def _repeat_as_header(row: _Row) -> None:
    """Mark the row as a header so Word repeats it at the top of every page."""
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _shade(cell: _Cell, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _small_grey(paragraph: Paragraph, tag: str, no_proof: bool = False) -> None:
    for run in paragraph.runs:
        run.font.size = Pt(7.5)
        run.font.color.rgb = GREY
        _lang(run, tag)
        if no_proof:
            run._r.get_or_add_rPr().append(OxmlElement("w:noProof"))


def _tag_runs(paragraph: Paragraph, tag: str) -> None:
    for run in paragraph.runs:
        _lang(run, tag)


def _lang(run: Run, tag: str) -> None:
    """Tag one run's language (source text and samizdat's own words are not the target's)."""
    rpr = run._r.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)


# --- import ----------------------------------------------------------------------------

MAX_TRANSLATION_CHARS = 20_000
"""A longer Translation cell is refused. The sample's longest paragraph is 312 characters,
a long briefing paragraph 2,000, and a translation runs up to a third longer than its
source; 20,000 characters (eight pages) in one cell is a document pasted into the wrong
place, not a paragraph's translation. The limit also bounds what one row costs the PO
writer (200,000 characters kept Babel's busy for over five minutes)."""


@dataclass
class ImportResult:
    """What one import did; ``diagnostics`` holds one per refused or conflicting row."""

    path: Path
    po: Path
    slug: str
    lang: str
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    refused: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    conflicts_file: Path | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def written(self) -> bool:
        return self.updated > 0


@dataclass(frozen=True)
class _RowText:
    number: int  # 1-based, header row not counted
    id_text: str
    loc: str | None
    source: str
    translation: str


def import_docx(config: Config, path: Path) -> ImportResult:
    """Read the Translation column of an export back into its PO file (only rows still valid).

    The file is untrusted: its container is checked before parsing, it names its catalog
    only by choosing among the project's documents, and each row must carry a known ID
    with that ID's source text, once.
    """
    shown = config.rel(path)
    word = _open(path, shown)
    table, columns = _find_table(word, shown)
    slug, lang = _identify(word, path, shown, config)
    po = po_path(config, lang, slug)
    cached = read_catalog(po, lang, config)
    if cached is None:
        raise error(shown, None, f"{config.rel(po)} not found; was the document renamed or removed?")
    catalog = copy.deepcopy(cached)  # read_catalog's copy is shared; never mutate it
    rows = list(_rows(table, columns))
    _check_same_document(rows, catalog, shown, config.rel(po))
    result = ImportResult(path, po, slug, lang)
    index = catalog_index(catalog)
    duplicates = _duplicates(rows)
    for row in rows:
        _apply(row, index, duplicates, catalog, result, shown)
    save(config, result, catalog, "Word")
    return result


def save(config: Config, result: ImportResult, catalog: Catalog, kind: str) -> None:
    """The end of an import: conflicts added to their file first, then the PO file written
    if anything changed; ``kind`` names the imported file's format ("Word", "XLIFF")."""
    shown, po = config.rel(result.path), config.rel(result.po)
    if result.conflicts:
        result.conflicts_file = conflicts_path(config, result.slug, result.lang)
        for conflict in result.conflicts:
            result.diagnostics.append(_conflict_warning(conflict, shown, config.rel(result.conflicts_file), kind))
        try:
            add_conflicts(result.conflicts_file, result.conflicts, shown, po, kind)
        except OSError as exc:  # before the PO file is written: the imported texts are never only in memory
            raise error(config.rel(result.conflicts_file), None, f"cannot write the conflicts ({exc.strerror}); nothing was imported") from None
    if result.updated:
        review.drop_stale(catalog)  # a translation changed in Word is no longer the one reviewed
        catalog.revision_date = datetime.now(UTC)
        with atomic_target(result.po) as temp:
            temp.write_bytes(pofile.write(catalog))


def _open(path: Path, shown: str) -> DocxDocument:
    data = read_docx(path, shown)
    try:
        word = open_docx(io.BytesIO(data))
    except (PackageNotFoundError, BadZipFile, KeyError, ValueError, XMLSyntaxError):
        raise error(shown, None, "not a Word document (.docx); save it as .docx and try again") from None
    if word.element.tag != qn("w:document") or word.element.body is None:
        raise error(shown, None, "not a Word document (.docx): word/document.xml has no document body; the file is damaged")
    return word


def _find_table(word: DocxDocument, shown: str) -> tuple[CT_Tbl, dict[str, int]]:
    """The first table whose header row names all the exchange columns, and their indices.

    Rows are read as the ``w:tc`` elements they hold: python-docx's ``row.cells`` repeats a
    cell for every grid column it spans, and a span of 200 million is one attribute.
    """
    for table in word.element.body.tbl_lst:
        if not table.tr_lst:
            continue
        names = [_cell_text(tc).strip().lower() for tc in table.tr_lst[0].tc_lst]
        wanted = [h.lower() for h in HEADER]
        if all(name in names for name in wanted):
            return table, {h: names.index(h.lower()) for h in HEADER}
    raise error(
        shown, None,
        f"not a samizdat translation export: no table with the columns {' | '.join(HEADER)}; "
        "export one with 'samizdat translate export'",
    )


def _identify(word: DocxDocument, path: Path, shown: str, config: Config) -> tuple[str, str]:
    """Slug and language: core properties, else the info line, else the file name.

    Each is text from the file, so it only selects: a configured target language and one
    of the project's documents, whose catalog path the project builds itself.
    """
    found = _from_properties(word) or _from_info_line(word) or _from_name(path)
    if found is None:
        raise error(shown, None, "cannot tell which document and language this export is for; keep the name <slug>.<lang>.docx")
    slug, lang = found
    if lang not in config.translated:
        raise error(shown, None, f"language '{quoted(lang)}' is not a configured target language{did_you_mean(lang, config.languages)}")
    documents = sorted(slug_of(source) for source in discover(config))
    if slug not in documents:
        raise error(
            shown, None,
            f"the file names the document '{quoted(slug)}', which is not a document of this project "
            f"({', '.join(documents)}){did_you_mean(slug, documents)}; nothing was imported",
        )
    return slug, lang


def _from_properties(word: DocxDocument) -> tuple[str, str] | None:
    """From the core properties part, found without ``word.core_properties``: that recurses
    forever when the package's core-properties relationship leads to the document itself."""
    try:
        part = word.part.package.part_related_by(RT.CORE_PROPERTIES)
    except (KeyError, ValueError):  # none, or several
        return None
    if not isinstance(part, CorePropertiesPart):
        return None
    parts = (part.core_properties.identifier or "").split(":")
    return (parts[1], parts[2]) if len(parts) == 3 and parts[0] == IDENTIFIER else None


def _from_info_line(word: DocxDocument) -> tuple[str, str] | None:
    for paragraph in word.paragraphs[:6]:
        if match := _INFO.search(paragraph.text):
            return match["slug"], match["lang"]
    return None


def _from_name(path: Path) -> tuple[str, str] | None:
    match = _NAME.match(path.name)
    return (match["slug"], match["lang"]) if match else None


def _check_same_document(rows: list[_RowText], catalog: Catalog, shown: str, po: str) -> None:
    """Rows from one content file, a catalog of another: the file was misidentified."""
    exported = {row.loc.rsplit(":", 1)[0] for row in rows if row.loc}
    current = {where for message in catalog if message.id for where, _ in message.locations}
    if exported and current and not exported & current:
        raise error(
            shown, None,
            f"this is an export of {quoted(', '.join(sorted(exported)))}, but {po} translates {', '.join(sorted(current))}; "
            "was the file renamed?",
        )


def catalog_index(catalog: Catalog) -> dict[tuple[str, str], Message]:
    """Messages by (msgctxt, source hash): what an exported ID names."""
    return {(m.context or "", source_hash(m.id)): m for m in catalog if m.id and isinstance(m.id, str)}


def _rows(table: CT_Tbl, columns: dict[str, int]) -> Iterator[_RowText]:
    for number, tr in enumerate(table.tr_lst[1:], 1):
        cells = tr.tc_lst
        if len(cells) <= max(columns.values()):
            continue
        id_lines = [line.strip() for line in _cell_text(cells[columns["ID"]]).split("\n") if line.strip()]
        loc = next((line for line in id_lines[1:] if _LOC.match(line)), None)
        yield _RowText(
            number,
            id_lines[0] if id_lines else "",
            loc,
            _cell_text(cells[columns["Source"]]).strip(),
            one_line(_cell_text(cells[columns["Translation"]])),
        )


def _duplicates(rows: list[_RowText]) -> dict[tuple[str, str], list[int]]:
    """Row numbers of every ID held by more than one row with its source (a pasted row:
    neither may win). A row whose Source cell does not match its ID is refused for that."""
    numbers: dict[tuple[str, str], list[int]] = {}
    for row in rows:
        if (match := ROW_ID.match(row.id_text)) and source_hash(row.source) == match["digest"]:
            numbers.setdefault((match["context"], match["digest"]), []).append(row.number)
    return {key: found for key, found in numbers.items() if len(found) > 1}


def _apply(
    row: _RowText, index: dict[tuple[str, str], Message], duplicates: dict[tuple[str, str], list[int]],
    catalog: Catalog, result: ImportResult, shown: str,
) -> None:
    match = ROW_ID.match(row.id_text)
    key = (match["context"], match["digest"]) if match else None
    same_id = duplicates.get(key, []) if key else []
    if not row.translation and not same_id:
        result.skipped += 1
        return
    message = index.get(key) if key else None
    reason = _invalid(row, match, same_id)
    if reason is None and message is None:  # a well-formed row whose source is gone from the catalog
        message = successor(catalog, *key) if key else None
        reason = ("the source changed since the export, so the translation was not imported; export again and "
                  f"translate the new source (exported source: '{quoted(row.source)}')")
    if reason is not None:
        result.refused += 1
        result.diagnostics.append(Diagnostic(shown, None, f"row {row.number}{_where(message, row)}: {reason}", Severity.WARNING))
        return
    assert match is not None and message is not None
    merge(message, row.translation, match["exported"], f"row {row.number}", result)


def _invalid(row: _RowText, match: re.Match[str] | None, same_id: list[int]) -> str | None:
    """Why a row cannot be imported whatever the catalog holds, or None."""
    if match is None:
        return (f"the ID cell was changed ('{quoted(row.id_text)}'), so its message cannot be found; "
                f"translation not imported (source: '{quoted(row.source)}')")
    if source_hash(row.source) != match["digest"]:
        return ("the Source cell is not the source this ID stands for (was the ID copied from another row, or the "
                f"source edited?); translation not imported (source: '{quoted(row.source)}')")
    if same_id:
        others = [str(number) for number in same_id if number != row.number]
        return f"the same ID as row{'s' if len(others) > 1 else ''} {', '.join(others)}; none is imported: keep one row per ID"
    if len(row.translation) > MAX_TRANSLATION_CHARS:
        return (f"the translation is {len(row.translation):,} characters long, more than {MAX_TRANSLATION_CHARS:,} "
                "(a whole document in one cell?); not imported")
    return None


def merge(message: Message, translation: str, exported: str | None, at: str, result: ImportResult) -> None:
    """Three texts: the one exported (``exported``, its hash, ends the ID), the PO file's
    now, the imported one (found ``at`` "row 3" of the file).

    Only the imported one changed: import it. Only the PO file changed: keep it, so an old
    export does not undo a fix. Both changed, differently: a conflict, for a person to settle.
    """
    current = one_line(str(message.string or ""))
    if current == one_line(translation) or untouched(translation, exported):
        result.unchanged += 1
    elif exported and source_hash(current, TEXT_HASH_LENGTH) != exported:
        po_text = str(message.string)  # as it is, line breaks and all: the conflicts file keeps it whole
        result.conflicts.append(Conflict(at, location(message), message.context or "", str(message.id), po_text, translation))
    else:
        message.string = translation
        message.flags.discard("fuzzy")
        message.previous_id = []
        result.updated += 1


def untouched(translation: str, exported: str | None) -> bool:
    """The file still holds what was exported: the PO's newer translation must stay."""
    return bool(exported) and source_hash(one_line(translation), TEXT_HASH_LENGTH) == exported


def _conflict_warning(conflict: Conflict, shown: str, conflicts_file: str, kind: str) -> Diagnostic:
    return Diagnostic(
        shown, None,
        f"{conflict.at} ({conflict.where}): changed in the PO file since the export and in {kind}; the PO file "
        f"keeps its text, both are in {conflicts_file} (PO file now: '{quoted(conflict.po_text)}'; "
        f"{kind}: '{quoted(conflict.imported_text)}')",
        Severity.WARNING,
    )


def location(message: Message) -> str:
    """'content/x.md:12', the message's first place in the content."""
    return f"{message.locations[0][0]}:{message.locations[0][1]}" if message.locations else ""


def _place(message: Message | None, row: _RowText) -> str:
    """'content/x.md:12': from the catalog when the row's message is known, else from the row."""
    if message is not None and message.locations:
        return location(message)
    return quoted(row.loc) if row.loc else ""


def _where(message: Message | None, row: _RowText) -> str:
    place = _place(message, row)
    return f" ({place})" if place else ""


def successor(catalog: Catalog, context: str, digest: str) -> Message | None:
    """The message that replaced an exported one: fuzzy with the exported msgid as previous."""
    for message in catalog:
        previous = message.previous_id[0] if message.previous_id else None
        if previous and (message.context or "") == context and source_hash(previous) == digest:
            return message
    return None


# --- text and files --------------------------------------------------------------------

_DELETED = {qn("w:del"), qn("w:moveFrom")}


def _cell_text(tc: CT_Tc) -> str:
    """A cell's text as a translator sees it, tracked insertions in and deletions out.

    python-docx's ``cell.text`` skips runs inside ``w:ins``, so a translation typed with
    Track Changes on would be lost.
    """
    return "\n".join(_paragraph_text(p) for p in tc.iter(qn("w:p")))


def _paragraph_text(p: _Element) -> str:
    pieces: list[str] = []
    for node in p.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:noBreakHyphen")):
        if any(ancestor.tag in _DELETED for ancestor in node.iterancestors()):
            continue
        if node.tag == qn("w:t"):
            pieces.append(node.text or "")
        elif node.tag == qn("w:tab"):
            pieces.append("\t")
        elif node.tag == qn("w:noBreakHyphen"):
            pieces.append("\u2011")
        else:
            pieces.append("\n")
    return "".join(pieces)


def one_line(text: str) -> str:
    """Trimmed, line breaks to single spaces (a msgid is one line of inline Markdown)."""
    return re.sub(r"[ \t]*\n[ \t\n]*", " ", text.strip())


