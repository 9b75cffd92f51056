"""Markdown → model, with markdown-it-py: CommonMark, GFM (tables, strikethrough, autolinks,
task lists), footnotes and inline notes, definition lists, ``^sup^`` and ``~sub~``, pandoc's
line blocks and heading ids (:mod:`samizdat.content.syntax`), ``:::`` boxes.

Takes a document body; gives model blocks whose every text is a :class:`Segment` with its
source line. Raw HTML is disabled at the parser, so it reaches no output as markup; HTML
comments are recognised only to be dropped. The converter dispatches on the syntax-tree
node type through one table per level.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.html_re import HTML_TAG_RE
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.gfm_autolink import gfm_autolink_plugin
from mdit_py_plugins.subscript import sub_plugin
from mdit_py_plugins.superscript import superscript_plugin

from samizdat import model as m
from samizdat.content import crossref, syntax
from samizdat.errors import Report, did_you_mean
from samizdat.theme import CHART

BOX_KINDS = ("note", "key-facts", "warning", CHART)  # the built-in theme's; a project's theme declares its own
NOTE_BLOCKS = (m.Paragraph, m.BulletList, m.OrderedList, m.Quote, m.CodeBlock, m.TaskList, m.DefinitionList, m.LineBlock)  # what fits at a page bottom
_CONTROL = re.compile(r"[\x00-\x08\x0c\x0e-\x1f\x7f]")  # invisible, and no font draws them
MAX_NESTING = 30  # lists in quotes in boxes…, or emphasis in links…: deeper is a mistake
_CONTAINERS = ("bullet_list_open", "ordered_list_open", "blockquote_open", "container_box_open")
TYPOGRAPHIC = "\"'-"  # characters typography would change: escaped, they stay as typed
SAFE_LINK = re.compile(r"^(https?:|mailto:|#|[^:]*$)", re.IGNORECASE)  # web, mail, anchors, relative


def make_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False, "maxNesting": 3 * MAX_NESTING})
    # Accept every URL at parse time so a refused one becomes a clear error with its line
    # (links here, images in samizdat.assets) instead of silently turning into plain text.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    md.enable(["table", "strikethrough"])
    # Escapes and entities stay separate tokens, so text a writer escaped (\\<b>, \\[^1]) is
    # told apart from markup shown literally by mistake (see InlineConverter.text).
    md.disable("text_join")
    md.use(footnote_plugin, inline=False)  # inline notes: syntax.inline_note, which labels them
    md.use(container_plugin, "box", validate=lambda params, *_: bool(params.strip()))
    md.use(deflist_plugin)
    md.use(gfm_autolink_plugin)
    md.use(superscript_plugin)
    md.use(sub_plugin)
    md.use(syntax.syntax_plugin)
    return md


_PARSER = make_parser()


def normalize_source(text: str) -> str:
    """Whitespace-normalised inline Markdown: re-wrapping a paragraph keeps its msgid."""
    text = re.sub(r"[ \t]{2,}\n", "\\\\\n", text.strip())  # trailing-spaces hard break → backslash form
    return re.sub(r"(?<!\\)[ \t]*\n[ \t]*", " ", text)


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[^\w]+", "-", text, flags=re.UNICODE).strip("-_") or "section"


def shown_literally(text: str) -> list[str]:
    """Markup in plain text that a reader will see as typed: raw HTML (samizdat never passes
    it through) and footnote calls to notes the document does not define."""
    found = []
    tags = list(dict.fromkeys(match.group(0)[:40] for match in HTML_TAG_RE.finditer(text)))
    if tags:
        shown = ", ".join(f"'{tag}'" for tag in tags[:3]) + (", …" if len(tags) > 3 else "")
        found.append(f"raw HTML {shown} is shown as text, not as markup (escape it as \\< to mean it literally)")
    found += [f"footnote call [^{label}] has no footnote '[^{label}]: …' and is shown as text" for label in _CALL.findall(text)]
    if "<!--" in text:
        found.append("'<!--' starts an HTML comment that is never closed with '-->', so it is shown as text")
    if "^[" in text:
        found.append("'^[' is shown as text: an inline note ^[…] needs its closing ']' and stands only in the body "
                     "(a box title, the front matter or a translation calls a note defined in the body: [^label])")
    return found


class InlineConverter:
    """Inline syntax nodes → model inlines. ``note_labels`` receives footnote calls in order."""

    def __init__(self, on_note: Callable[[str], None] | None = None):
        self.on_note = on_note or (lambda label: None)
        self.refused: list[str] = []  # link targets that are not web, mail or anchors
        self.literal: list[str] = []  # markup shown as text (:func:`shown_literally`), for a warning
        self.rewrites: list[tuple[str, str]] = []  # (source, replacement) for the msgid: comments go, inline notes are called
        self.after_comment = False  # a comment was just dropped: the space before it is the only one kept
        self.rules: dict[str, Callable[[SyntaxTreeNode], list[m.Inline]]] = {
            "text": self.text,
            "text_special": self.text_special,
            "softbreak": lambda n: [m.Text(" ")],
            "hardbreak": lambda n: [m.LineBreak()],
            "code_inline": lambda n: [m.Code(n.content)],
            "em": lambda n: [m.Emph(self.convert(n.children))],
            "strong": lambda n: [m.Strong(self.convert(n.children))],
            "s": lambda n: [m.Strikeout(self.convert(n.children))],
            "sup": lambda n: [m.Superscript(self.convert(n.children))],
            "sub": lambda n: [m.Subscript(self.convert(n.children))],
            "html_comment": self.comment,
            "link": self.link,
            "image": self.image,
            "footnote_ref": self.footnote_ref,
        }

    def convert(self, nodes: list[SyntaxTreeNode]) -> tuple[m.Inline, ...]:
        out: list[m.Inline] = []
        for node in nodes:
            gap = self.after_comment and node.type != "html_comment"
            self.after_comment = self.after_comment and not gap  # a span's own text is not after the comment
            rule = self.rules.get(node.type)
            items: list[m.Inline] = rule(node) if rule else [m.Text(node.content)]
            if gap:
                items = self.close_gap(out, items)
            for item in items:
                if isinstance(item, m.Text) and out and isinstance(out[-1], m.Text) and out[-1].literal == item.literal:
                    out[-1] = m.Text(out[-1].text + item.text, item.literal)
                else:
                    out.append(item)
        if self.after_comment and out and isinstance(out[-1], m.Text):  # a comment ended the text
            out[-1] = m.Text(out[-1].text.rstrip())
        self.after_comment = False
        return tuple(out)

    def comment(self, node: SyntaxTreeNode) -> list[m.Inline]:
        """An HTML comment: dropped here and from the msgid."""
        self.rewrites.append((node.content, ""))
        self.after_comment = True
        return []

    def close_gap(self, out: list[m.Inline], items: list[m.Inline]) -> list[m.Inline]:
        """After a dropped comment, the space on its right goes when there is one on its left."""
        self.after_comment = False
        if items and isinstance(items[0], m.Text) and (not out or isinstance(out[-1], m.Text) and out[-1].text[-1:].isspace()):
            items = [m.Text(items[0].text.lstrip()), *items[1:]]
        return [item for item in items if item != m.Text("")]

    def rewrite(self, source: str) -> str:
        """``source`` (a segment's Markdown) as its msgid: what the conversion dropped or moved
        is dropped or called there too; the pending rewrites are used up."""
        for old, new in self.rewrites:
            at = source.find(old)
            if at >= 0:
                left, right = source[:at], source[at + len(old):]
                if not new and (not left or left[-1:].isspace()):
                    right = right.lstrip()
                source = left + new + right
        self.rewrites.clear()
        return source

    def text(self, node: SyntaxTreeNode) -> list[m.Inline]:
        """Text; U+000B (Word's line break on the clipboard) breaks the line, other controls go."""
        self.literal += shown_literally(node.content)
        out: list[m.Inline] = []
        for index, piece in enumerate(node.content.split("\x0b")):
            if index:
                out.append(m.LineBreak())
            piece = _CONTROL.sub("", piece)
            if piece:
                out.extend(crossref.split_references(piece, self.literal))
        return out

    def text_special(self, node: SyntaxTreeNode) -> list[m.Inline]:
        """An escape or an entity: shown as it is on purpose. An escaped quotation mark or
        hyphen is marked literal, for typography to leave it straight."""
        return [m.Text(node.content, literal=node.info == "escape" and node.content in TYPOGRAPHIC)]

    def link(self, node: SyntaxTreeNode) -> list[m.Inline]:
        href = str(node.attrs.get("href", ""))
        if node.info == "auto" and href.lower().startswith("xmpp:"):  # a GFM autolink to a chat address: its text is enough
            return list(self.convert(node.children))
        if not SAFE_LINK.match(href):
            self.refused.append(href)
            return list(self.convert(node.children))  # the text stays; the link does not
        return [m.Link(href, self.convert(node.children), str(node.attrs.get("title") or ""))]

    def image(self, node: SyntaxTreeNode) -> list[m.Inline]:
        return [m.InlineImage(str(node.attrs.get("src", "")), m.plain_text(self.convert(node.children)), str(node.attrs.get("title") or ""))]

    def footnote_ref(self, node: SyntaxTreeNode) -> list[m.Inline]:
        label = str(node.meta["label"])
        if "raw" in node.meta:  # an inline note ^[…]: its text is the note's own segment
            self.rewrites.append((node.meta["raw"], f"[^{label}]"))
        self.on_note(label)
        return [m.NoteRef(label)]


def without_comments(source: str) -> str:
    """Inline Markdown parsed on its own (a box title, a front-matter value) without its HTML
    comments: its msgid, which the comments never reach."""
    if "<!--" not in source:
        return source
    converter = InlineConverter()
    tokens = _PARSER.parseInline(source, {syntax.NO_INLINE_NOTES: True})
    converter.convert(SyntaxTreeNode(tokens).children[0].children if tokens else [])
    return converter.rewrite(source)


def parse_inlines(source: str, note_labels: set[str], on_note: Callable[[str], None] | None = None,
                  literal: list[str] | None = None) -> tuple[m.Inline, ...]:
    """Parse one segment's inline Markdown (a translation, say) in a document's context.

    ``note_labels`` are the footnotes the document defines, so ``[^1]`` in a translation
    becomes a footnote call exactly as in the source. ``literal`` receives what
    :func:`shown_literally` finds.
    """
    converter = InlineConverter(on_note)
    inlines = converter.convert(inline_nodes(source, note_labels))
    if literal is not None:
        literal.extend(converter.literal)
    return inlines


def inline_nodes(source: str, note_labels: set[str]) -> list[SyntaxTreeNode]:
    """The syntax tree :func:`parse_inlines` converts: for code that needs the markup as
    written (the delimiters, a link's address as typed), not only what it means."""
    labels = sorted(label for label in note_labels if f"[^{label}]" in source)  # the plugin emits every one it is given
    env: dict[str, Any] = {
        syntax.NO_INLINE_NOTES: True,
        "footnotes": {
            "refs": {f":{label}": i for i, label in enumerate(labels)},
            "list": {i: {"label": label, "count": 0} for i, label in enumerate(labels)},
        }
    }
    tokens = _PARSER.parseInline(source, env)
    return SyntaxTreeNode(tokens).children[0].children if tokens else []


class BlockConverter:
    """Block syntax nodes → model blocks, each carrying its file line."""

    def __init__(self, path: str, first_line: int, data: dict[str, Any], report: Report, labels: frozenset[str] | set[str] = frozenset(),
                 box_kinds: tuple[str, ...] = BOX_KINDS):
        self.path, self.first_line, self.data, self.report = path, first_line, data, report
        self.box_kinds = box_kinds
        self.labels = set(labels)  # every footnote the document defines, for calls outside paragraphs
        self.notes: dict[str, tuple[m.Block, ...]] = {}
        self.anchors: set[str] = set()
        self.given_ids: dict[str, int] = {}  # heading id → line, for the ids written as {#id}: auto anchors avoid them
        self.call_locs: dict[str, m.Loc] = {}  # where each note is first called: an inline note's text is there
        self.at = m.Loc(path, first_line)  # the segment being converted
        self.kinds: list[str] = ["paragraph"]  # what a paragraph is part of: its msgctxt
        self.inline = InlineConverter(self._saw_note)
        self.rules: dict[str, Callable[[SyntaxTreeNode], list[m.Block]]] = {
            "paragraph": self.paragraph,
            "heading": self.heading,
            "bullet_list": lambda n: [self.task_list(n) if self.has_tasks(n) else m.BulletList(self.items(n), self.loc(n))],
            "ordered_list": lambda n: [self.task_list(n) if self.has_tasks(n)
                                       else m.OrderedList(self.items(n), self.loc(n), int(n.attrs.get("start", 1)))],
            "blockquote": lambda n: [m.Quote(self.within("quote", n.children), self.loc(n))],
            "table": self.table,
            "container_box": self.box,
            "fence": lambda n: [m.CodeBlock(n.content, n.info.strip(), self.loc(n))],
            "code_block": lambda n: [m.CodeBlock(n.content, "", self.loc(n))],
            "hr": lambda n: [m.Rule(self.loc(n))],
            "footnote_block": self.footnote_block,
            "html_comment_block": lambda n: [],
            "line_block": lambda n: [m.LineBlock(self.segment(n.children[0], self.loc(n), "line block"), self.loc(n))],
            "dl": self.definition_list,
        }

    def _saw_note(self, label: str) -> None:
        self.call_locs.setdefault(label, self.at)

    def loc(self, node: SyntaxTreeNode, fallback: int = 0) -> m.Loc:
        line = node.map[0] if node.map else fallback
        return m.Loc(self.path, self.first_line + line)

    def segment(self, inline_node: SyntaxTreeNode, loc: m.Loc, kind: str = "") -> m.Segment:
        self.at = loc
        inlines = self.inline.convert(inline_node.children)
        self.refused_links(loc)
        self.literal_markup(loc)
        return m.Segment(normalize_source(self.inline.rewrite(inline_node.content)), inlines, loc, kind or self.kinds[-1])

    def refused_links(self, loc: m.Loc) -> None:
        """Report links converted so far whose scheme is not allowed (javascript:, file:…)."""
        for href in self.inline.refused:
            self.report.error(self.path, loc.line, f"link to '{href[:60]}' is not allowed: use web (https://), mail (mailto:) or #anchor links")
        self.inline.refused.clear()

    def literal_markup(self, loc: m.Loc) -> None:
        """Warn about markup converted so far that readers will see as typed."""
        for what in dict.fromkeys(self.inline.literal):
            self.report.warning(self.path, loc.line, what)
        self.inline.literal.clear()

    def blocks(self, nodes: list[SyntaxTreeNode]) -> tuple[m.Block, ...]:
        out: list[m.Block] = []
        for node in nodes:
            rule = self.rules.get(node.type)
            if rule is None:
                self.report.error(self.path, self.loc(node).line, f"unsupported Markdown construct '{node.type}'")
                continue
            out.extend(rule(node))
        return crossref.table_captions(tuple(out))

    def paragraph(self, node: SyntaxTreeNode) -> list[m.Block]:
        inline = node.children[0]
        loc = self.loc(node)
        parts = [c for c in inline.children if not (c.type == "text" and not c.content.strip())]
        ident = crossref.only_id("".join(c.content for c in parts[1:])) if all(c.type == "text" for c in parts[1:]) else ""
        if parts and parts[0].type == "image" and (len(parts) == 1 or ident):  # ![caption](src){#fig:id}
            image = parts[0]
            alt_source = normalize_source(image.content)
            alt = m.Segment(alt_source, self.inline.convert(image.children), loc, "image alt text")
            self.literal_markup(loc)
            if not alt_source:
                self.report.warning(self.path, loc.line, "image has no alt text; screen-reader users will not know what it shows")
            return [m.Figure(str(image.attrs.get("src", "")), alt, loc, title=self.image_title(image, loc), numbered=m.Numbered(ident))]
        return [m.Paragraph(self.segment(inline, loc))]

    def image_title(self, image: SyntaxTreeNode, loc: m.Loc) -> m.Segment | None:
        """``![alt](src "title")``: the title as its own segment (a caption line, a tooltip)."""
        source = normalize_source(without_comments(str(image.attrs.get("title") or "")))
        if not source:
            return None
        title = m.Segment(source, parse_inlines(source, self.labels, self._saw_note, self.inline.literal), loc, "image title")
        self.literal_markup(loc)
        return title

    def heading(self, node: SyntaxTreeNode) -> list[m.Block]:
        segment = self.segment(node.children[0], self.loc(node), "heading")
        given = str(node.attrs.get("id", ""))
        if given:
            if self.given_ids.get(given, segment.loc.line) != segment.loc.line:
                self.report.error(self.path, segment.loc.line, f"heading id '#{given}' is already given to the heading at line {self.given_ids[given]}")
            self.anchors.add(given)
            return [m.Heading(int(node.tag[1]), segment, given)]
        anchor = base = slugify(segment.plain())
        counter = 2
        while anchor in self.anchors or anchor in self.given_ids:
            anchor, counter = f"{base}-{counter}", counter + 1
        self.anchors.add(anchor)
        return [m.Heading(int(node.tag[1]), segment, anchor)]

    def has_tasks(self, node: SyntaxTreeNode) -> bool:
        return any("task" in item.meta for item in node.children)

    def task_list(self, node: SyntaxTreeNode) -> m.TaskList:
        """A list some of whose items start with a box (``syntax.task_items`` marked them)."""
        done = tuple(item.meta.get("task") for item in node.children)
        items = tuple(self.within("list item" if box is None else "task", item.children) for item, box in zip(node.children, done))
        start = int(node.attrs.get("start", 1)) if node.type == "ordered_list" else None
        return m.TaskList(items, done, self.loc(node), start)

    def definition_list(self, node: SyntaxTreeNode) -> list[m.Block]:
        """``dt``/``dd`` runs as terms, each with the definitions that follow it."""
        items: list[m.Definition] = []
        for child in node.children:
            if child.type == "dt":
                items.append(m.Definition(self.segment(child.children[0], self.loc(child, node.map[0] if node.map else 0), "definition term"), ()))
            elif items:
                items[-1] = m.Definition(items[-1].term, (*items[-1].definitions, self.within("definition", child.children)))
        return [m.DefinitionList(tuple(items), self.loc(node))]

    def within(self, kind: str, nodes: list[SyntaxTreeNode]) -> tuple[m.Block, ...]:
        """Convert ``nodes`` with their paragraphs marked as part of ``kind`` (list item…)."""
        self.kinds.append(kind)
        try:
            return self.blocks(nodes)
        finally:
            self.kinds.pop()

    def items(self, node: SyntaxTreeNode) -> tuple[tuple[m.Block, ...], ...]:
        return tuple(self.within("list item", item.children) for item in node.children)

    def table(self, node: SyntaxTreeNode) -> list[m.Block]:
        head: tuple[m.Cell, ...] = ()
        rows: list[tuple[m.Cell, ...]] = []
        for section in node.children:
            for row in section.children:
                loc = self.loc(row, fallback=section.map[0] if section.map else 0)
                cells = tuple(
                    m.Cell(self.segment(cell.children[0], loc, f"table {'header' if section.type == 'thead' else 'cell'}"), _align(cell.attrs.get("style")))
                    for cell in row.children
                )
                if section.type == "thead":
                    head = cells
                else:
                    rows.append(cells)
        return [m.Table(head, tuple(rows), self.loc(node))]

    def box(self, node: SyntaxTreeNode) -> list[m.Block]:
        loc = self.loc(node)
        kind, _, title = node.info.strip().partition(" ")
        if kind not in self.box_kinds:
            self.report.error(self.path, loc.line, f"unknown box '::: {kind}'{did_you_mean(kind, self.box_kinds)}; known: {', '.join(self.box_kinds)}")
            return []
        if node.nester_tokens and not node.nester_tokens.closing.markup:  # closed by the end of its parent
            self.report.warning(self.path, loc.line, f"box '::: {kind}' is never closed: add a line ':::' where it ends; "
                                                     "everything after it up to the end of the enclosing box or document is inside it")
        children = self.within("chart caption" if kind == CHART else "box", node.children)
        if kind == CHART:
            key, ident = crossref.split_id(title)
            return self.chart(key.strip(), children, loc, ident)
        title_segment = None
        if title.strip():
            source = normalize_source(without_comments(title))
            title_segment = m.Segment(source, parse_inlines(source, self.labels, self._saw_note, self.inline.literal), loc, "box title")
            self.literal_markup(loc)
        return [m.Callout(kind, title_segment, children, loc)]

    def chart(self, key: str, children: tuple[m.Block, ...], loc: m.Loc, ident: str = "") -> list[m.Block]:
        series = self.data.get(key)
        if not key or not isinstance(series, dict) or not series:
            known = ", ".join(k for k, v in self.data.items() if isinstance(v, dict)) or "none"
            self.report.error(
                self.path, loc.line,
                f"'::: chart {key}' needs a mapping 'data: {{{key or 'name'}: {{label: number, …}}}}' in the front matter"
                f"{did_you_mean(key, self.data) if key else ''} (mappings in data: {known})",
            )
            return []
        bad = [k for k, v in series.items() if isinstance(v, bool) or not isinstance(v, (int, float))]
        if bad:
            self.report.error(self.path, loc.line, f"chart data '{key}': values must be numbers ({', '.join(map(str, bad))})")
            return []
        captions = [b for b in children if isinstance(b, m.Paragraph)]
        return [m.Chart(key, dict(series), captions[0].text if captions else None, loc, numbered=m.Numbered(ident))]

    def footnote_block(self, node: SyntaxTreeNode) -> list[m.Block]:
        for note in node.children:
            label = str(note.meta["label"])
            if note.children and note.children[0].type == "paragraph" and not note.children[0].map:  # an inline note: no line of its own
                line = self.call_locs.get(label, self.at).line - self.first_line
                note.children[0].nester_tokens.opening.map = [line, line + 1]  # type: ignore[union-attr]
            blocks = self.within("footnote", [c for c in note.children if c.type != "footnote_anchor"])
            for block in blocks:
                if not isinstance(block, NOTE_BLOCKS):
                    where = getattr(block, "loc", None) or getattr(getattr(block, "text", None), "loc", None)
                    self.report.error(self.path, where.line if where else None,
                                      f"footnote [^{label}] holds a {type(block).__name__.lower()}; footnotes hold paragraphs, lists, quotes and code")
            self.notes[label] = blocks
        return []


def _align(style: Any) -> str:
    match = re.search(r"text-align:\s*(\w+)", str(style or ""))
    return match.group(1) if match else ""


@dataclass
class Body:
    blocks: tuple[m.Block, ...]
    notes: dict[str, tuple[m.Block, ...]]


def too_deep(tokens: list[Any]) -> tuple[int, str] | None:
    """(0-based line, what) of the first construct nested beyond MAX_NESTING, or None.

    Counted as the author wrote it: a list in a list is two levels (markdown-it counts
    four tokens), and checked before markdown-it's own limit would silently drop text.
    """
    depth, last_line = 0, 0
    for token in tokens:
        last_line = token.map[0] if token.map else last_line
        if token.type in _CONTAINERS:
            depth += 1
        elif token.type.replace("_close", "_open") in _CONTAINERS:
            depth -= 1
        if depth > MAX_NESTING or token.level >= 3 * MAX_NESTING - 1:
            return last_line, "lists, quotes or boxes"
        if any(child.level > MAX_NESTING for child in token.children or ()):
            return last_line, "emphasis or links"
    return None


_CALL = re.compile(r"\[\^([^\]\s]+)\]")
_BOX_TITLE = re.compile(r"^ {0,3}:::+[ \t]*\S+[ \t]+(.*)$", re.MULTILINE)
_MARKER = "samizdat-calls-from-outside-paragraphs"


def parse_body(body: str, path: str, first_line: int, data: dict[str, Any], report: Report,
               outside_calls: tuple[str, ...] = (), box_kinds: tuple[str, ...] = BOX_KINDS) -> Body:
    """Parse a body. ``outside_calls`` are footnote labels cited in the front matter.

    markdown-it keeps only the footnotes a paragraph of the body calls; calls from front
    matter and box titles are parsed on their own, so a hidden paragraph calling them is
    appended (and dropped again) to keep their definitions.
    """
    calls = [*outside_calls, *(label for title in _BOX_TITLE.findall(body) for label in _CALL.findall(title))]
    if calls:
        body = f"{body}\n\n{_MARKER}{''.join(f'[^{label}]' for label in dict.fromkeys(calls))}\n"
    env: dict[str, Any] = {}
    tokens = _PARSER.parse(body, env)
    labels = {key[1:] for key in env.get("footnotes", {}).get("refs", {})}
    labels |= {entry["label"] for entry in env.get("footnotes", {}).get("list", {}).values() if entry.get("label")}
    converter = BlockConverter(path, first_line, data, report, labels, box_kinds)
    for token in tokens:
        if token.type == "heading_open" and token.attrGet("id") and token.map:
            converter.given_ids.setdefault(str(token.attrGet("id")), first_line + token.map[0])
    deep = too_deep(tokens)
    if deep is not None:
        line, what = deep
        report.error(path, first_line + line, f"{what} nested more than {MAX_NESTING} levels deep; samizdat stops at {MAX_NESTING}")
        return Body((), {})
    blocks = converter.blocks(SyntaxTreeNode(tokens).children)
    if calls and blocks and isinstance(blocks[-1], m.Paragraph) and blocks[-1].text.source.startswith(_MARKER):
        blocks = blocks[:-1]
    return Body(blocks, converter.notes)
