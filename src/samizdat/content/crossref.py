"""Cross-references in the source: ids on figures, tables and headings, ``@fig:votes``
calls, and their numbers.

The syntax is pandoc-crossref's, so a document reads the same in both tools:

* ``![Caption](chart.png){#fig:votes}``, ``::: chart votes {#fig:votes}``: a figure;
* ``Table: Caption {#tbl:groups}`` (or ``: Caption …``), the paragraph after a table: its
  caption and id;
* ``## Heading {#sec:demands}``: a section;
* ``@fig:votes``, ``@tbl:groups``, ``@sec:demands`` in text: "Figure 1", "Table 1", the
  section's title. ``@fig:votes{gen}`` asks for a grammatical case (``gen``, ``dat``,
  ``acc``, ``ins``, ``loc``), ``@fig:votes{num}`` for the number alone, so that a
  translator writes the word the sentence needs (see ``localize.crossref``). ``\\@`` is a
  literal at sign.

Takes converted blocks and inlines; gives them with :class:`model.CrossRef` inlines,
:class:`model.Numbered` ids and numbers (figures and tables that have an id, counted in
document order), and reports ids and references that do not fit at ``file:line``.
"""

from __future__ import annotations

import dataclasses
import re

from samizdat import model as m
from samizdat.errors import Report, did_you_mean

PREFIXES = {"fig": "figure", "tbl": "table", "sec": "section"}
FORMS = ("gen", "dat", "acc", "ins", "loc", "num")  # grammatical cases, or the number alone; none: nominative
REFERENCE = re.compile(r"(?<![\w@\\])@((?:fig|tbl|sec):\w(?:[\w:.-]*\w)?)(?:\{(\w*)\})?")
ATTRIBUTE = re.compile(r"\s*\{#([^\s{}]+)\}\s*$")
TABLE_CAPTION = re.compile(r"^(?:Table)?:\s+")


def split_references(text: str, literal: list[str]) -> list[m.Inline]:
    """``text`` as text and :class:`model.CrossRef` inlines; an unknown form is kept as text
    and added to ``literal`` (a warning that it is shown as typed)."""
    out: list[m.Inline] = []
    position = 0
    for match in REFERENCE.finditer(text):
        target, form = match.group(1), match.group(2)
        end = match.end()
        if form is not None and form not in FORMS:
            literal.append(f"'{{{form}}}' after @{target} is not a form ({', '.join(FORMS)}) and is shown as text")
            form, end = None, match.end(1)
        if match.start() > position:
            out.append(m.Text(text[position:match.start()]))
        out.append(m.CrossRef(target, form or ""))
        position = end
    if position < len(text):
        out.append(m.Text(text[position:]))
    return out


def split_id(text: str) -> tuple[str, str]:
    """``"votes {#fig:votes}"`` → ``("votes", "fig:votes")``; no id: ``(text, "")``."""
    match = ATTRIBUTE.search(text)
    return (text[: match.start()], match.group(1)) if match else (text, "")


def only_id(text: str) -> str:
    """The id of a text that is nothing but ``{#id}`` (after an image), else ''."""
    rest, ident = split_id(text)
    return "" if rest.strip() else ident


def table_captions(blocks: tuple[m.Block, ...]) -> tuple[m.Block, ...]:
    """A paragraph ``Table: …`` right after a table becomes that table's caption."""
    out: list[m.Block] = []
    for block in blocks:
        previous = out[-1] if out else None
        if (isinstance(block, m.Paragraph) and isinstance(previous, m.Table) and previous.caption is None
                and TABLE_CAPTION.match(block.text.source)):
            source, ident = split_id(TABLE_CAPTION.sub("", block.text.source))
            caption = m.Segment(source, _strip(block.text.inlines, ident), block.text.loc, "table caption")
            out[-1] = dataclasses.replace(previous, caption=caption, numbered=m.Numbered(ident))
        else:
            out.append(block)
    return tuple(out)


def _strip(inlines: tuple[m.Inline, ...], ident: str) -> tuple[m.Inline, ...]:
    """The caption's inlines without the ``Table:`` prefix and the ``{#id}``."""
    nodes = list(inlines)
    if nodes and isinstance(nodes[0], m.Text):
        nodes[0] = m.Text(TABLE_CAPTION.sub("", nodes[0].text))
    if ident and nodes and isinstance(nodes[-1], m.Text):
        nodes[-1] = m.Text(ATTRIBUTE.sub("", nodes[-1].text))
    return tuple(node for node in nodes if node != m.Text(""))


def heading_id(block: m.Heading) -> m.Heading:
    """A heading whose text still ends in ``{#id}`` (the parser left it there) takes it as
    its anchor; the id is neither shown nor translated."""
    source, ident = split_id(block.text.source)
    last = block.text.inlines[-1] if block.text.inlines else None
    if not ident or not isinstance(last, m.Text) or not ATTRIBUTE.search(last.text):
        return block
    inlines = (*block.text.inlines[:-1], m.Text(ATTRIBUTE.sub("", last.text)))
    text = dataclasses.replace(block.text, source=source.rstrip(), inlines=tuple(i for i in inlines if i != m.Text("")))
    return dataclasses.replace(block, text=text, anchor=ident)


def number(doc: m.Document, report: Report) -> m.Document:
    """Number the figures and tables that have an id, in document order; report ids with
    the wrong prefix or given twice, and references to ids the document lacks."""
    counts = {"fig": 0, "tbl": 0}
    seen: dict[str, int] = {}

    def visit(block: m.Block) -> m.Block:
        if isinstance(block, m.Heading):
            block = heading_id(block)
            if ":" in block.anchor:
                _declare(doc, block.anchor, "sec", block.text.loc.line, seen, report)
            return block
        if not isinstance(block, (m.Figure, m.Chart, m.Table)) or not block.numbered.ident:
            return block
        kind = "tbl" if isinstance(block, m.Table) else "fig"
        if not _declare(doc, block.numbered.ident, kind, block.loc.line, seen, report):
            return block
        counts[kind] += 1
        return dataclasses.replace(block, numbered=dataclasses.replace(block.numbered, number=counts[kind]))

    blocks = m.map_blocks(doc.blocks, visit)
    doc = dataclasses.replace(doc, blocks=blocks)
    check_references(doc, seen, report)
    return doc


def _declare(doc: m.Document, ident: str, kind: str, line: int, seen: dict[str, int], report: Report) -> bool:
    prefix = ident.partition(":")[0]
    if prefix != kind:
        if kind != "sec" or prefix in PREFIXES:
            report.error(doc.path, line, f"the id '#{ident}' of a {PREFIXES[kind]} must start with '{kind}:' (e.g. #{kind}:{ident.partition(':')[2] or ident})")
        return False
    if ident in seen:
        report.error(doc.path, line, f"the id '#{ident}' is also given at line {seen[ident]}")
        return False
    seen[ident] = line
    return True


def references(segment: m.Segment) -> list[m.CrossRef]:
    found: list[m.CrossRef] = []

    def walk(nodes: tuple[m.Inline, ...]) -> None:
        for node in nodes:
            if isinstance(node, m.CrossRef):
                found.append(node)
            elif isinstance(getattr(node, "children", None), tuple):  # emphasis, links…
                walk(node.children)  # type: ignore[union-attr]

    walk(segment.inlines)
    return found


def check_references(doc: m.Document, ids: dict[str, int], report: Report) -> None:
    """Every ``@id`` of the document (front matter and notes too) names one of ``ids``."""
    for segment in m.iter_segments(doc):
        for ref in references(segment):
            if ref.target not in ids:
                known = [ident for ident in ids if ident.startswith(ref.target.partition(":")[0] + ":")]
                report.error(segment.loc.path, segment.loc.line,
                             f"@{ref.target} refers to no {PREFIXES[ref.target.partition(':')[0]]} of this document"
                             f"{did_you_mean(ref.target, known)}; give one the id {{#{ref.target}}}")


def ids(doc: m.Document) -> dict[str, m.Block]:
    """The blocks that references can name, by id (after :func:`number`)."""
    found: dict[str, m.Block] = {}

    def visit(block: m.Block) -> m.Block:
        if isinstance(block, m.Heading) and block.anchor.startswith("sec:"):
            found[block.anchor] = block
        if isinstance(block, (m.Figure, m.Chart, m.Table)) and block.numbered.number:
            found[block.numbered.ident] = block
        return block

    m.map_blocks(doc.blocks, visit)
    return found
