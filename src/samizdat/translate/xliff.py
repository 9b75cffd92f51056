"""Translations through CAT tools: a document's messages as XLIFF 1.2, imported back.

Trados, memoQ and Phrase read XLIFF, not PO, and protect inline tags. ``export_xliff``
writes ``<slug>.<lang>.xlf``: one ``<file>`` whose ``original`` is the content file, with
the source and target languages as BCP 47 tags, and one ``<trans-unit>`` per message
(:class:`entries.Entry`). A unit's id is the Word exchange's row ID (msgctxt, source hash,
exported translation hash), so import applies the same rules: a unit whose source changed
since the export is refused, and one changed both in the PO file and in the XLIFF is a
conflict (:mod:`conflicts`). Its ``<target>`` state is ``translated``,
``needs-review-translation`` (fuzzy) or ``new``; a location and a note give the content
file and line.

The Markdown markup of a message becomes inline codes (:mod:`placeholders`): ``<bpt>`` and
``<ept>`` around the text of a link or an emphasis, ``<ph>`` for footnote calls, code
spans, cross-references; each holds the Markdown it stands for, so a translator sees
what it is. Import reads only each code's id and takes its Markdown from the project's
own msgid: the file cannot change a link's address. A missing, repeated or unknown code
is an error at its line, and the unit is not imported.

XLIFF 1.2, not 2.x: it is the version Trados, memoQ, Phrase, OmegaT and Okapi all read
and write. It is written with lxml rather than translate-toolkit's ``xliff`` store, which
writes 1.1 unless its skeleton is replaced, cannot write ``state="new"``, and creates its
inline placeables outside the XLIFF namespace. The file comes back from outside, so it is
untrusted: at most :data:`MAX_FILE_BYTES`, read by defusedxml's expat reader first (a DTD
or entity refused before anything is parsed), then by lxml without entities or network.
"""

from __future__ import annotations

import copy
import dataclasses
import io
from collections import Counter
from pathlib import Path
from xml.sax import SAXException, SAXParseException
from xml.sax.handler import ContentHandler
from xml.sax.xmlreader import Locator

from babel.messages.catalog import Catalog, Message
from defusedxml import DefusedXmlException
from defusedxml.expatreader import DefusedExpatParser
from lxml import etree

import samizdat
from samizdat import model as m
from samizdat.atomic import write_bytes
from samizdat.config import Config
from samizdat.content import discover, load_document
from samizdat.errors import Diagnostic, Severity, did_you_mean, error
from samizdat.localize.catalogs import po_path, read_catalog
from samizdat.translate import placeholders
from samizdat.translate.entries import FUZZY, TRANSLATED, UNTRANSLATED, Catalogue, Entry
from samizdat.translate.placeholders import CLOSE, OPEN, SOLO, BrokenCodes, Code, Piece, Problem, Tag
from samizdat.translate.untrusted_docx import quoted
from samizdat.translate.wordexchange import (
    MAX_TRANSLATION_CHARS,
    ROW_ID,
    ImportResult,
    catalog_index,
    exportable,
    location,
    merge,
    one_line,
    row_id,
    save,
    successor,
    untouched,
)

NS = "urn:oasis:names:tc:xliff:document:1.2"
NAMESPACES = (NS, "urn:oasis:names:tc:xliff:document:1.1")  # read both: 1.1 files differ in nothing used here
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
DATATYPE = "x-markdown"
STATES = {TRANSLATED: "translated", FUZZY: "needs-review-translation", UNTRANSLATED: "new"}
CONFIRMED = {"translated", "signed-off", "final"}  # a fuzzy unit left as it was, then confirmed: no longer fuzzy
ELEMENTS = {OPEN: "bpt", CLOSE: "ept", SOLO: "ph"}
MAX_FILE_BYTES = 16 << 20
"""A larger file is refused unread. An export of the sample briefing is 30 kB; a document of
5,000 paragraphs, with its translation and the tags a CAT tool adds, stays under 8 MB."""

INSTRUCTIONS = (
    "Exported by samizdat from Markdown. The tags stand for Markdown markup (bold, italic, links, "
    "footnote calls, code): translate the text between them and keep every tag once, in the order "
    "the translation needs. A unit whose tags are missing or doubled is not imported."
)


# --- export ----------------------------------------------------------------------------


def export_xliff(config: Config, docs: list[m.Document], lang: str, out_dir: Path) -> list[Path]:
    """Write ``out_dir/<slug>.<lang>.xlf`` for each source-language document; return the paths."""
    written: list[Path] = []
    for rows in exportable(config, docs, lang):
        target = out_dir / f"{rows.doc.slug}.{lang}.xlf"
        write_bytes(target, _xliff(config, rows))
        written.append(target)
    return written


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _xliff(config: Config, rows: Catalogue) -> bytes:
    root = etree.Element(_q("xliff"), version="1.2", nsmap={None: NS})  # type: ignore[dict-item]  # lxml-stubs: the default namespace's key is None
    file = etree.SubElement(root, _q("file"), {
        "original": rows.doc.path,
        "source-language": config.bcp47(config.source_language),
        "target-language": config.bcp47(rows.lang),
        "datatype": DATATYPE,
        "tool-id": "samizdat",
    })
    header = etree.SubElement(file, _q("header"))
    etree.SubElement(header, _q("tool"), {"tool-id": "samizdat", "tool-name": "samizdat", "tool-version": samizdat.__version__})
    etree.SubElement(header, _q("note")).text = INSTRUCTIONS
    body = etree.SubElement(file, _q("body"))
    labels = set(rows.doc.notes)
    for entry in rows.entries:
        _unit(body, entry, labels)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _unit(body: etree._Element, entry: Entry, labels: set[str]) -> None:
    segment = entry.segment
    unit = etree.SubElement(body, _q("trans-unit"), id=row_id(entry))
    if segment.context:
        unit.set("resname", segment.context)
    unit.set(XML_SPACE, "preserve")
    codes = placeholders.split(segment.source, labels)
    _write_inline(etree.SubElement(unit, _q("source")), codes)
    target = etree.SubElement(unit, _q("target"), state=STATES[entry.state])
    if entry.translation:
        _write_inline(target, _same_ids(placeholders.split(entry.translation, labels), codes))
    places = etree.SubElement(unit, _q("context-group"), purpose="location")
    etree.SubElement(places, _q("context"), {"context-type": "sourcefile"}).text = segment.loc.path
    etree.SubElement(places, _q("context"), {"context-type": "linenumber"}).text = str(segment.loc.line)
    etree.SubElement(unit, _q("note"), {"from": "samizdat"}).text = f"{segment.loc} · {segment.context or 'text'}"
    previous = entry.message.previous_id if entry.message is not None and entry.state == FUZZY else None
    if previous:
        etree.SubElement(unit, _q("note"), {"from": "samizdat"}).text = f"translated from an earlier source: {previous[0]}"


def _same_ids(pieces: tuple[Piece, ...], source: tuple[Piece, ...]) -> list[Piece]:
    """The translation's codes under the ids of the source's identical codes, so a CAT tool
    pairs them; a code the source lacks (an address changed, markup added) stays as text,
    for the translator to see and put right."""
    def keyed(codes: tuple[Piece, ...]) -> dict[str, tuple[str, ...]]:
        found: dict[str, tuple[str, ...]] = {}
        for code in codes:
            if isinstance(code, Code):
                found[code.id] = (*found.get(code.id, (code.ctype,)), code.markdown)
        return found

    free: dict[tuple[str, ...], list[str]] = {}
    for ident, key in keyed(source).items():
        free.setdefault(key, []).append(ident)
    ids = {ident: free[key].pop(0) for ident, key in keyed(pieces).items() if free.get(key)}
    out: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, Code) and piece.id in ids:
            out.append(dataclasses.replace(piece, id=ids[piece.id]))
        else:
            out.append(piece if isinstance(piece, str) else piece.markdown)
    return out


def _write_inline(element: etree._Element, pieces: tuple[Piece, ...] | list[Piece]) -> None:
    last: etree._Element | None = None
    for piece in pieces:
        if isinstance(piece, str):
            text = placeholders.xml_text(piece)
            if last is None:
                element.text = (element.text or "") + text
            else:
                last.tail = (last.tail or "") + text
            continue
        last = etree.SubElement(element, _q(ELEMENTS[piece.role]), id=piece.id)
        if piece.role != CLOSE:
            last.set("ctype", piece.ctype)
        last.text = piece.native


# --- import ----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class _Unit:
    element: etree._Element
    ident: str
    line: int | None


def import_xliff(config: Config, path: Path) -> ImportResult:
    """Read the targets of an exported XLIFF back into its PO file (only units still valid)."""
    shown = config.rel(path)
    root = _parse(path, shown)
    file = _file(root, shown)
    source, lang = _identify(file, shown, config)
    doc = load_document(source, config)
    po = po_path(config, lang, doc.slug)
    cached = read_catalog(po, lang, config)
    if cached is None:
        raise error(shown, None, f"{config.rel(po)} not found; run 'samizdat translate extract' and export again")
    catalog = copy.deepcopy(cached)  # read_catalog's copy is shared; never mutate it
    namespace = etree.QName(root).namespace or NS
    units = [_Unit(u, u.get("id", ""), _line(u)) for u in file.iter(f"{{{namespace}}}trans-unit")]
    result = ImportResult(path, po, doc.slug, lang)
    twice = Counter(unit.ident for unit in units)
    index = catalog_index(catalog)
    for unit in units:
        _apply(unit, namespace, twice[unit.ident] > 1, index, catalog, set(doc.notes), result, shown)
    save(config, result, catalog, "XLIFF")
    return result


def _parse(path: Path, shown: str) -> etree._Element:
    """The file's root element, once the file is known to be small, XML, and free of DTDs."""
    if not path.is_file():
        raise error(shown, None, "file not found")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise error(shown, None, f"{size / (1 << 20):,.1f} MB, more than an XLIFF export can be ({MAX_FILE_BYTES >> 20} MB); refused")
    data = path.read_bytes()
    reader = DefusedExpatParser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
    reader.setContentHandler(_DepthLimit(shown))
    try:
        reader.parse(io.BytesIO(data))
    except DefusedXmlException:
        raise error(shown, None, "the file declares a DTD or entities, which XLIFF files never need; refused") from None
    except SAXParseException as exc:
        raise error(shown, exc.getLineNumber(), f"not an XLIFF file: the XML is broken at column {exc.getColumnNumber()} "
                                                f"({exc.getMessage()}); export it again from your CAT tool") from None
    except SAXException as exc:
        raise error(shown, None, f"not an XLIFF file ({exc.getMessage()})") from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:  # expat and libxml2 agree on XML; kept so that they never need to
        raise error(shown, exc.lineno, f"not an XLIFF file: the XML cannot be read ({exc.msg})") from None


MAX_DEPTH = 100
"""Elements nested deeper are refused. An export nests trans-units 5 deep and its tags one
or two more; the limit keeps a hostile file of nested tags away from lxml (which stops at
256 with a message about its own options) and from samizdat's own walk of a target."""


class _DepthLimit(ContentHandler):
    def __init__(self, shown: str) -> None:
        super().__init__()
        self.shown, self.depth = shown, 0
        self.locator: Locator | None = None

    def setDocumentLocator(self, locator: Locator) -> None:
        self.locator = locator

    def startElement(self, name: str, attrs: object) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            line = self.locator.getLineNumber() if self.locator is not None else None
            raise error(self.shown, line, f"elements nested more than {MAX_DEPTH} deep; not an XLIFF export, refused")

    def endElement(self, name: str) -> None:
        self.depth -= 1


def _file(root: etree._Element, shown: str) -> etree._Element:
    qname = etree.QName(root)
    if qname.localname != "xliff" or qname.namespace not in NAMESPACES:
        version = f" version {root.get('version')}" if qname.localname == "xliff" and root.get("version") else ""
        raise error(shown, _line(root), f"not an XLIFF 1.2 file (its root is <{quoted(qname.localname)}>{quoted(version)}); "
                                            "export XLIFF 1.2 from your CAT tool")
    files = root.findall(f"{{{qname.namespace}}}file")
    if len(files) != 1:
        raise error(shown, _line(root), f"the file holds {len(files)} <file> elements; a samizdat export holds one document")
    return files[0]


def _identify(file: etree._Element, shown: str, config: Config) -> tuple[Path, str]:
    """The content file and language the ``<file>`` names, chosen among the project's own."""
    original = file.get("original", "")
    documents = {config.rel(path): path for path in discover(config)}
    if original not in documents:
        raise error(shown, _line(file), f"the file is for '{quoted(original)}', which is not a document of this project "
                                            f"({', '.join(documents)}){did_you_mean(original, documents)}; nothing was imported")
    tag = file.get("target-language", "")
    langs = {key.lower(): lang for lang in config.translated for key in (lang, config.bcp47(lang))}
    lang = langs.get(tag.replace("_", "-").lower())
    if lang is None:
        raise error(shown, _line(file), f"target-language '{quoted(tag)}' is not a configured target language "
                                            f"({', '.join(sorted(set(langs.values())))}); nothing was imported")
    return documents[original], lang


def _apply(unit: _Unit, namespace: str, doubled: bool, index: dict[tuple[str, str], Message], catalog: Catalog,
           labels: set[str], result: ImportResult, shown: str) -> None:
    target = unit.element.find(f"{{{namespace}}}target")
    items = _items(target, namespace) if target is not None else []
    if target is None or all(isinstance(item, str) and not item.strip() for item in items):
        result.skipped += 1
        return
    match = ROW_ID.match(unit.ident)
    message = index.get((match["context"], match["digest"])) if match else None
    codes: tuple[Piece, ...] = ()
    reason = None
    if match is None:
        reason = "its id was changed, so its message cannot be found; not imported"
    elif doubled:
        reason = "another unit has the same id; neither is imported: keep one unit per id"
    elif message is None:
        message = successor(catalog, match["context"], match["digest"])
        reason = "the source changed since the export, so the translation was not imported; export again and translate the new source"
    else:  # parsed only now: a file of a million copies of one unit costs no parsing
        codes = placeholders.split(str(message.id), labels)
        if _source_text(unit.element.find(f"{{{namespace}}}source"), namespace, codes) != one_line(str(message.id)):
            reason = "its <source> is not the source its id stands for (was the source edited, or the id copied?); not imported"
    if reason is not None or match is None or message is None:
        result.refused += 1
        result.diagnostics.append(_diagnostic(shown, unit, message, Problem(unit.line, reason or ""), Severity.WARNING))
        return
    problems: list[Problem] = []
    try:
        translation = placeholders.join(items, codes, _line(target))
    except BrokenCodes as exc:
        translation, problems = exc.text, exc.problems
    exported = match["exported"]
    if untouched(translation, exported):
        confirmed = message.fuzzy and target.get("state") in CONFIRMED and untouched(str(message.string), exported)
        if not confirmed:
            result.unchanged += 1
        elif problems:
            result.refused += 1
            result.diagnostics += [_diagnostic(shown, unit, message, p, Severity.ERROR, "; not confirmed") for p in problems]
        else:  # reviewed in the CAT tool and confirmed as it was
            message.flags.discard("fuzzy")
            message.previous_id = []
            result.updated += 1
    elif problems:
        result.refused += 1
        result.diagnostics += [_diagnostic(shown, unit, message, p, Severity.ERROR, "; translation not imported") for p in problems]
    elif len(translation) > MAX_TRANSLATION_CHARS:
        result.refused += 1
        reason = f"the translation is {len(translation):,} characters long, more than {MAX_TRANSLATION_CHARS:,}; not imported"
        result.diagnostics.append(_diagnostic(shown, unit, message, Problem(_line(target), reason), Severity.WARNING))
    else:
        merge(message, translation, exported, f"line {_line(target)}", result)


def _diagnostic(shown: str, unit: _Unit, message: Message | None, problem: Problem, severity: Severity, then: str = "") -> Diagnostic:
    where = f" ({location(message)})" if message is not None else ""
    return Diagnostic(shown, problem.line or unit.line, f"unit '{quoted(unit.ident, 60)}'{where}: {problem.message}{then}", severity)


def _source_text(source: etree._Element | None, namespace: str, codes: tuple[Piece, ...]) -> str | None:
    """The ``<source>`` as Markdown, or None if its codes do not fit the message's."""
    if source is None:
        return None
    try:
        return one_line(placeholders.join(_items(source, namespace), codes, _line(source), tidy=False))
    except BrokenCodes:
        return None


def _line(element: etree._Element) -> int | None:
    line = element.sourceline  # typed as "..." by lxml-stubs
    return line if isinstance(line, int) else None


def _items(element: etree._Element, namespace: str) -> list[str | Tag]:
    """An element's text and inline tags in reading order. A ``<g>`` is a pair around its
    content; ``<mrk>`` (a CAT tool's segment or comment mark) is only its content."""
    out: list[str | Tag] = [element.text] if element.text else []
    for child in element:
        if isinstance(child.tag, str):  # not a comment or processing instruction
            qname = etree.QName(child)
            name = qname.localname if qname.namespace == namespace else qname.text
            tag = Tag(_ROLES.get(name, "unknown"), child.get("id", ""), _line(child), name)
            if name == "g":
                out += [Tag(OPEN, tag.id, tag.line, name), *_items(child, namespace), Tag(CLOSE, tag.id, tag.line, name)]
            elif name == "mrk":
                out += _items(child, namespace)
            else:
                out.append(tag)
        if child.tail:
            out.append(child.tail)
    return out


_ROLES = {"bpt": OPEN, "ept": CLOSE, "ph": SOLO, "x": SOLO}
