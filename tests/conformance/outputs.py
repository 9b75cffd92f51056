"""Every example through samizdat's loader and writers, read back as a :class:`Shape`.

Takes the examples of ``suites``; gives, per example and writer, what happened: refused at
load (the diagnostics), crashed (the exception), or the :class:`Shape` of the output. Runs
in-process with the library functions the build calls (``load_document``, ``localize``,
``render_html`` + WeasyPrint, ``docx.render``, ``web.render``, ``markdown.render``):

* HTML: the web page (``build/<lang>/<slug>.html``), its body and notes;
* DOCX: ``word/document.xml`` and ``word/footnotes.xml``, by paragraph style and numbering;
* Markdown: the file read back through the loader (what an editor pastes somewhere else);
* PDF: the examples are laid out in batches of :data:`PDF_BATCH`, each starting on a new
  page under a marker line, one WeasyPrint document per batch (one per example would take
  minutes); ``pdftotext -bbox-layout`` gives each page's text and word positions. A batch
  that fails is laid out again one example at a time, so a crash names its example.
"""

from __future__ import annotations

import re
import subprocess
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from samizdat import model as m
from samizdat.config import Config, load_config
from samizdat.content import load_document
from samizdat.errors import Report, SamizdatError
from samizdat.localize import localize
from tests.conformance.suites import Example, Shape, html_shape

WRITERS = ("html", "docx", "md", "pdf")
PDF_BATCH = 120
CONFIG = """\
[project]
name = "Conformance"
source_language = "en"
languages = ["en"]
formats = ["pdf", "docx", "html", "md"]

[fonts]
serif = "PT Serif"
sans = "PT Sans"
mono = "PT Mono"
"""
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FRONT_MATTER_STYLES = ("title", "masthead", "subtitle", "summary")
MARKER = "[[conformance example {}]]"


@dataclass
class Outcome:
    """What one writer (or the loader) made of one example."""

    shape: Shape | None = None
    refused: list[str] = field(default_factory=list)  # the loader's error messages
    crash: str = ""  # an exception other than SamizdatError, with its traceback
    pdf_lines: list[list[tuple[str, float, float]]] = field(default_factory=list)  # PDF: per line, words with x positions


def project(root: Path) -> Config:
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "samizdat.toml").write_text(CONFIG, encoding="utf-8")
    return load_config(root)


def _crash() -> str:
    return traceback.format_exc(limit=-6)


class Run:
    """All examples through all writers, each computed once, on first use."""

    def __init__(self, root: Path, examples: tuple[Example, ...]):
        self.root, self.examples = root, {example.id: example for example in examples}
        self.config = project(root)
        self.out = root / "out"
        self.out.mkdir(exist_ok=True)
        self.loaded: dict[str, m.Document | Outcome] = {}
        self.results: dict[str, dict[str, Outcome]] = {writer: {} for writer in WRITERS}

    def path(self, example: Example) -> Path:
        return self.root / "content" / f"{example.id}.md"

    def load(self, example: Example) -> m.Document | Outcome:
        if example.id not in self.loaded:
            path = self.path(example)
            path.write_text(f"---\ntitle: Example {example.number}\n---\n{example.markdown}", encoding="utf-8")
            try:
                self.loaded[example.id] = localize(load_document(path, self.config), "en", self.config, Report())
            except SamizdatError as exc:
                self.loaded[example.id] = Outcome(refused=[d.message for d in exc.diagnostics if d.severity.name == "ERROR"])
            except Exception:
                self.loaded[example.id] = Outcome(crash=_crash())
        return self.loaded[example.id]

    def outcome(self, example: Example, writer: str) -> Outcome:
        if example.id not in self.results[writer]:
            if writer == "pdf":
                self._pdf_all()
            else:
                self.results[writer][example.id] = self._one(example, writer)
        return self.results[writer][example.id]

    def _one(self, example: Example, writer: str) -> Outcome:
        doc = self.load(example)
        if isinstance(doc, Outcome):
            return doc
        try:
            return Outcome(shape=READERS[writer](self, doc, example))
        except SamizdatError as exc:
            return Outcome(refused=[d.message for d in exc.diagnostics])
        except Exception:
            return Outcome(crash=_crash())

    # --- writers ---------------------------------------------------------------------------

    def html(self, doc: m.Document, example: Example) -> Shape:
        from samizdat.render import web

        target = self.out / f"{example.id}.html"
        web.render(doc, self.config, target, ["en"])
        page = etree.HTML(target.read_text(encoding="utf-8"))
        parts = page.xpath('//div[@class="body"] | //section[@class="notes"]')
        fragment = "".join(etree.tostring(part, encoding="unicode", method="html") for part in parts)
        # the page's <h1> is the document's title: its headings start at <h2>
        return html_shape(fragment, skip=("note-call", "note-back"), apparatus=("notes",), title_level=1)

    def docx(self, doc: m.Document, example: Example) -> Shape:
        from samizdat.render import docx

        target = self.out / f"{example.id}.docx"
        docx.render(doc, self.config, target)
        return docx_shape(target)

    def md(self, doc: m.Document, example: Example) -> Shape:
        from samizdat.render import markdown

        target = self.out / f"{example.id}.md"
        target.write_text(markdown.render(doc), encoding="utf-8")
        return model_shape(load_document(target, self.config))

    def _pdf_all(self) -> None:
        from samizdat.render.html import render_html

        pages: list[tuple[Example, str]] = []
        for example in self.examples.values():
            doc = self.load(example)
            if isinstance(doc, Outcome):
                self.results["pdf"][example.id] = doc
                continue
            try:
                pages.append((example, render_html(doc, self.config)))
            except SamizdatError as exc:
                self.results["pdf"][example.id] = Outcome(refused=[d.message for d in exc.diagnostics])
            except Exception:
                self.results["pdf"][example.id] = Outcome(crash=_crash())
        for start in range(0, len(pages), PDF_BATCH):
            self._pdf_batch(pages[start:start + PDF_BATCH])

    def _pdf_batch(self, batch: list[tuple[Example, str]]) -> None:
        from samizdat.render import pdf

        first = self.load(batch[0][0])
        assert isinstance(first, m.Document)
        target = self.out / f"batch-{batch[0][0].id}.pdf"
        try:
            document = pdf.layout(first, combined(batch), self.config)
            pdf.write(document, first, target, self.config.profile(None), self.config)
        except Exception:
            if len(batch) == 1:
                self.results["pdf"][batch[0][0].id] = Outcome(crash=_crash())
            else:
                for one in batch:
                    self._pdf_batch([one])
            return
        for example, pages in pdf_pages_by_example(target, [example for example, _ in batch]).items():
            self.results["pdf"][example.id] = Outcome(shape=Shape(full_text="\n".join(pages.text)), pdf_lines=pages.lines)


READERS: dict[str, Callable[[Run, m.Document, Example], Shape]] = {"html": Run.html, "docx": Run.docx, "md": Run.md}


def combined(batch: list[tuple[Example, str]]) -> str:
    """One print page of several examples: the first page's HTML with every example's main
    content in its ``<main>``, each on a new page under its marker line."""
    sections = []
    for example, page in batch:
        main = re.search(r"<main>(.*)</main>", page, re.DOTALL)
        assert main is not None
        sections.append(f'<section style="break-before: page"><p>{MARKER.format(example.id)}</p>{main.group(1)}</section>')
    page = batch[0][1]
    start, end = page.index("<main>") + len("<main>"), page.rindex("</main>")
    return page[:start] + "".join(sections) + page[end:]


# --- reading outputs -------------------------------------------------------------------------


@dataclass
class PdfPages:
    """An example's pages: text in reading order, and lines made from word positions."""

    text: list[str] = field(default_factory=list)
    lines: list[list[tuple[str, float, float]]] = field(default_factory=list)


def pdf_pages_by_example(path: Path, examples: list[Example]) -> dict[Example, PdfPages]:
    """Each example's pages, from the page with its marker to the next marker's.

    pdftotext's lines keep reading order (a table cell's lines together) but split at wide
    gaps, such as a tab in code; the position lines (words whose tops are within 2 pt,
    left to right) keep a code line whole."""
    xhtml = subprocess.run(["pdftotext", "-bbox-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True).stdout
    tree = etree.fromstring(xhtml, etree.XMLParser(recover=True, huge_tree=True))
    by_marker = {MARKER.format(example.id): example for example in examples}
    found: dict[Example, PdfPages] = {}
    current: PdfPages | None = None
    for page in tree.iter("{*}page"):
        text = [" ".join(word.text or "" for word in line.iter("{*}word")) for line in page.iter("{*}line")]
        marker = next((by_marker[line] for line in text if line in by_marker), None)
        if marker is not None:
            current = found[marker] = PdfPages()
        if current is None:
            continue
        current.text += [line for line in text if line not in by_marker]
        current.lines += [line for line in _position_lines(page) if " ".join(word for word, _, _ in line) not in by_marker]
    return found


def _position_lines(page: etree._Element) -> list[list[tuple[str, float, float]]]:
    words = sorted((float(w.get("yMin", 0)), float(w.get("xMin", 0)), float(w.get("xMax", 0)), w.text or "") for w in page.iter("{*}word"))
    lines: list[list[tuple[float, float, float, str]]] = []
    for word in words:
        if lines and abs(word[0] - lines[-1][0][0]) < 2:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [[(text, x0, x1) for _, x0, x1, text in sorted(line, key=lambda w: w[1])] for line in lines]


def docx_shape(path: Path) -> Shape:
    with zipfile.ZipFile(path) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        styles = etree.fromstring(archive.read("word/styles.xml"))
        numbering = etree.fromstring(archive.read("word/numbering.xml")) if "word/numbering.xml" in archive.namelist() else None
        notes = etree.fromstring(archive.read("word/footnotes.xml")) if "word/footnotes.xml" in archive.namelist() else None
    names = {s.get(W + "styleId"): (s.find(W + "name").get(W + "val") or "").lower()  # type: ignore[union-attr]
             for s in styles.iter(W + "style") if s.find(W + "name") is not None}
    formats = _list_formats(numbering)
    shape = Shape()
    texts: list[str] = []
    stories = [body] + ([notes] if notes is not None else [])
    for story in stories:
        for p in story.iter(W + "p"):
            in_notes = story is notes
            style_element = p.find(f"{W}pPr/{W}pStyle")
            style = names.get(style_element.get(W + "val"), "") if style_element is not None else ""
            if style in FRONT_MATTER_STYLES:
                continue
            text = _docx_text(p)
            texts.append(text)
            if text.strip():
                shape.texts.append(text)
            heading = re.fullmatch(r"heading (\d)", style)
            if heading and not in_notes:
                shape.headings.append((int(heading.group(1)), text))
            num = p.find(f"{W}pPr/{W}numPr")
            if num is not None and not in_notes:
                ilvl = num.find(W + "ilvl")  # absent: the first level
                level = int(ilvl.get(W + "val", "0")) if ilvl is not None else 0
                num_id = num.find(W + "numId").get(W + "val", "")  # type: ignore[union-attr]
                # numbering 0: no marker (a task's check box stands there); the style ('List Bullet 2') says
                bullet = style.startswith("list bullet") if num_id == "0" else formats.get((num_id, level)) == "bullet"
                depth = re.search(r"(\d)$", style) if num_id == "0" else None
                level = int(depth.group(1)) - 1 if depth else level
                shape.items.append(("ul" if bullet else "ol", level + 1))
            if style in ("code", "source code"):
                shape.code.append(text)
            else:
                shape.breaks += sum(1 for br in p.iter(W + "br") if br.get(W + "type") in (None, "textWrapping"))
        shape.links += sum(1 for _ in story.iter(W + "hyperlink"))
    for table in body.iter(W + "tbl"):
        rows = table.findall(W + "tr")
        shape.tables.append((len(rows), max((len(row.findall(W + "tc")) for row in rows), default=0)))
    shape.full_text = "\n".join(texts)
    return shape


def _docx_text(p: etree._Element) -> str:
    """A paragraph's text, tabs and breaks included; not the space after a note's number."""
    out = []
    for run in p.iter(W + "r"):
        if run.find(W + "footnoteRef") is not None:
            out.append("\0")
        for node in run.iter(W + "t", W + "tab", W + "br"):
            out.append(node.text or "" if node.tag == W + "t" else "\t" if node.tag == W + "tab" else "\n")
    return "".join(out).replace("\0 ", "").replace("\0", "")


def _list_formats(numbering: etree._Element | None) -> dict[tuple[str, int], str]:
    """(numId, level) → numFmt ("bullet", "decimal"…)."""
    if numbering is None:
        return {}
    abstract = {a.get(W + "abstractNumId"): {int(lvl.get(W + "ilvl", "0")): (lvl.find(W + "numFmt").get(W + "val") if lvl.find(W + "numFmt") is not None else "")  # type: ignore[union-attr]
                                             for lvl in a.findall(W + "lvl")}
                for a in numbering.iter(W + "abstractNum")}
    out: dict[tuple[str, int], str] = {}
    for num in numbering.iter(W + "num"):
        ref = num.find(W + "abstractNumId")
        for level, fmt in abstract.get(ref.get(W + "val") if ref is not None else "", {}).items():
            out[(num.get(W + "numId", ""), level)] = fmt or ""
    return out


def model_shape(doc: m.Document) -> Shape:
    """The shape of a document as samizdat's own model holds it (the Markdown read back)."""
    shape = Shape()

    def inlines(nodes: tuple[m.Inline, ...]) -> None:
        for node in nodes:
            if isinstance(node, m.LineBreak):
                shape.breaks += 1
            elif isinstance(node, m.Link):
                shape.links += 1
            if isinstance(node, m.SPANS) or isinstance(node, m.Link):
                inlines(node.children)

    def segment(seg: m.Segment) -> m.Segment:
        shape.texts.append(seg.plain())
        inlines(seg.inlines)
        return seg

    def blocks(items: tuple[m.Block, ...], depth: int = 0, in_notes: bool = False) -> None:
        for block in items:
            if isinstance(block, (m.BulletList, m.OrderedList, m.TaskList)):
                bullets = isinstance(block, m.BulletList) or isinstance(block, m.TaskList) and block.start is None
                for item in block.items:
                    if not in_notes:
                        shape.items.append(("ul" if bullets else "ol", depth + 1))
                    blocks(item, depth + 1, in_notes)
            elif isinstance(block, (m.Quote, m.Callout)):
                m.map_segments(getattr(block, "title", None), segment)
                blocks(block.blocks, depth, in_notes)
            elif isinstance(block, m.CodeBlock):
                shape.code.append(block.text)
                shape.texts.append(block.text)
            else:
                if isinstance(block, m.Heading):
                    shape.headings.append((block.level, block.text.plain()))
                elif isinstance(block, m.Table):
                    shape.tables.append((len(block.rows) + bool(block.head), max(len(row) for row in (block.head, *block.rows))))
                m.map_segments(block, segment)

    segment(doc.meta.title)
    blocks(doc.blocks)
    for label in doc.note_order:
        blocks(doc.notes[label], in_notes=True)
    shape.full_text = "\n".join(shape.texts)
    return shape
