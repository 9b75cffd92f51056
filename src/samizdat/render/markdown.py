"""Model → Markdown: the localized edition as CommonMark with YAML front matter.

Takes a localized document; gives the text an editor pastes into a website CMS or a
newsletter: the same constructs samizdat reads (GFM tables, task lists and strikethrough,
footnotes, definition lists, line blocks, heading ids, ``:::`` boxes and charts), written so
that reading it back gives the same model. Text is written from the
parsed inlines, never from a msgid, so translations and typography are what the other
editions print; every character that could start markup is escaped.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

import yaml

from samizdat import model as m
from samizdat.content.markdown import slugify

_ESCAPE = re.compile(r"([\\`*_\[\]<>&|~^])")  # markup anywhere in a line
_AUTOLINK = re.compile(r"(?i)\b(?:https?|mailto|xmpp)(?=:)|\bwww(?=\.)|(?=@)")  # where GFM would start a link
_RAW_SPANS = {m.Superscript: "^", m.Subscript: "~"}  # their text is read as typed: every mark and space escaped
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # ASCII punctuation: CommonMark escapes any of it
_BOXES = {True: "[x] ", False: "[ ] ", None: ""}
_TRAILING_ATTRIBUTES = re.compile(r"\{[^{}]*\}\s*$")  # would read back as a heading's {#id}
# markup only at the start of a line; a hyphen only where it starts a list item or a rule
_LEADING = re.compile(r"^(\s*)([#>+=:]|-(?=\s|$)|-(?=[-\s]*$)|\d+(?=[.)]))")
_LEADING_SPACE = re.compile(r"^[ \t]+")
_INDENT = "    "


# --- inlines -----------------------------------------------------------------------------


def inlines(nodes: tuple[m.Inline, ...], in_table: bool = False) -> str:
    """Inline Markdown for ``nodes`` (escaped text, emphasis, links, code, notes, images)."""
    return _protect_start(_children(nodes, in_table))


def _merged(nodes: tuple[m.Inline, ...]) -> list[m.Inline]:
    """Adjacent emphasis of one kind, or code spans, as one: ``*a**b*`` would read back as
    other markup (no Markdown reads as two such nodes side by side)."""
    out: list[m.Inline] = []
    for node in nodes:
        if isinstance(node, m.SPANS) and out and type(out[-1]) is type(node):
            out[-1] = type(node)((*out[-1].children, *node.children))
        elif isinstance(node, m.Code) and out and isinstance(out[-1], m.Code):  # their backticks would run together
            out[-1] = m.Code(out[-1].text + node.text)
        else:
            out.append(node)
    return out


def _inline(node: m.Inline, in_table: bool) -> str:
    if isinstance(node, m.Text):
        return _PUNCTUATION.sub(r"\\\1", node.text) if node.literal else _text(node.text)
    if isinstance(node, m.Emph):
        return f"*{_children(node.children, in_table)}*"
    if isinstance(node, m.Strong):
        return f"**{_children(node.children, in_table)}**"
    if isinstance(node, m.Code):
        return _code_span(node.text.replace("|", "\\|") if in_table else node.text)  # GFM: a pipe ends a cell even in code
    if isinstance(node, m.Link):
        title = f' "{_title(node.title)}"' if node.title else ""
        return f"[{_children(node.children, in_table)}]({_destination(node.url)}{title})"
    if isinstance(node, m.LineBreak):
        return " " if in_table else "\\\n"
    if isinstance(node, m.NoteRef):
        return f"[^{node.label}]"
    if isinstance(node, m.InlineImage):
        title = f' "{_title(node.title)}"' if node.title else ""
        return f"![{_text(node.alt)}]({_destination(node.src)}{title})"
    if isinstance(node, (m.Superscript, m.Subscript)):  # a no-break space cannot be written there: it becomes a space
        text = _PUNCTUATION.sub(r"\\\1", m.plain_text(node.children))
        return _RAW_SPANS[type(node)] + re.sub(r"[ \u00a0]", r"\\ ", text) + _RAW_SPANS[type(node)]
    if isinstance(node, m.Strikeout):
        return _joined(_joined("~~", _children(node.children, in_table)), "~~")
    if isinstance(node, m.CrossRef):
        return f"@{node.target}" + (f"{{{node.form}}}" if node.form else "")
    raise TypeError(f"no Markdown for inline {type(node).__name__}")


def _children(nodes: tuple[m.Inline, ...], in_table: bool) -> str:
    out = ""
    for node in _merged(nodes):
        out = _joined(out, _inline(node, in_table))
    return out


def _joined(left: str, right: str) -> str:
    """``left + right``, with an empty comment between a closing ``~~`` and a ``~``: three
    tildes in a row would read as one run, and ``~~gone~~~2~`` lose its subscript."""
    return f"{left}<!---->{right}" if left.endswith("~~") and right.startswith("~") else left + right


def _text(text: str) -> str:
    escaped = _ESCAPE.sub(r"\\\1", text.replace("\n", " "))
    # 'https\:', 'www\.', '\@' stay text (an escaped at sign is no cross-reference either)
    escaped = _AUTOLINK.sub(lambda match: match.group(0) + "\\", escaped)
    return escaped[:-1] + "\\!" if escaped.endswith("!") else escaped  # '!' + a link would be an image


def _protect_start(text: str) -> str:
    """Escape what would make the first characters of a line a heading, list, quote, rule or
    (white space: an entity, as '&#9;foo' was written) indented code."""
    lines = text.split("\n")
    return "\n".join(_LEADING_SPACE.sub(lambda match: "".join(f"&#{ord(c)};" for c in match.group(0)),
                                         _LEADING.sub(lambda match: _escape_leading(match), line)) for line in lines)


def _escape_leading(match: re.Match[str]) -> str:
    space, marker = match.group(1), match.group(2)
    if marker == "-":  # as a character reference: a backslash would mark it as escaped by the author
        return f"{space}&#45;"
    return f"{space}{marker}\\" if marker[0].isdigit() else f"{space}\\{marker}"


def _code_span(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {text} " if text.startswith("`") or text.endswith("`") or (text.strip() == "" and text) else text
    return f"{fence}{padded}{fence}"


def _destination(url: str) -> str:
    if re.search(r"[\s()<>]", url):
        return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"
    return url.replace("\\", "\\\\")


def _ident(numbered: m.Numbered) -> str:
    return f"{{#{numbered.ident}}}" if numbered.ident else ""


def _title(title: str) -> str:
    return title.replace("\\", "\\\\").replace('"', '\\"')


# --- blocks ------------------------------------------------------------------------------


class Writer:
    """Blocks → Markdown lines; one method per block type, looked up in ``rules``."""

    def __init__(self) -> None:
        self.follows_list = False
        self.rules: dict[type, Callable[[Any], list[str]]] = {
            m.Heading: self.heading,
            m.Paragraph: lambda b: inlines(b.text.inlines).split("\n"),
            m.BulletList: lambda b: self.list_items(b.items, lambda n, other: "*" if other else "-"),
            m.OrderedList: lambda b: self.list_items(b.items, lambda n, other: f"{b.start + n}{')' if other else '.'}"),
            m.Quote: self.quote,
            m.Table: self.table,
            m.Callout: self.callout,
            m.Figure: lambda b: [f"![{_text(b.alt.plain())}]({_destination(b.src)}{_figure_title(b)}){_ident(b.numbered)}"],
            m.Chart: self.chart,
            m.CodeBlock: self.code,
            m.Rule: lambda b: ["___"],  # '- ---' or '* ***' would be a rule, not a list item holding one
            m.TaskList: self.task_list,
            m.DefinitionList: self.definition_list,
            m.LineBlock: self.line_block,
        }

    def blocks(self, blocks: tuple[m.Block, ...]) -> list[str]:
        out: list[str] = []
        previous: str | None = None
        for block in blocks:
            rule = self.rules.get(type(block))
            if rule is None:
                raise TypeError(f"no Markdown for block {type(block).__name__}")
            if out:
                out.append("")
            if previous == _kind(block) == "DefinitionList":  # the second would join the first: an empty comment parts them
                out += ["<!---->", ""]
            # a list right after a list of its kind takes the other marker, or they would join
            self.follows_list = previous == _kind(block) and not self.follows_list
            outer = self.follows_list
            out.extend(rule(block))
            self.follows_list, previous = outer, _kind(block)
        self.follows_list = False
        return out

    def heading(self, block: m.Heading) -> list[str]:
        """The anchor is written as ``{#id}`` when reading the text would not give it back
        (a translated heading keeps the anchor links point at)."""
        text = inlines(block.text.inlines).replace("\\\n", " ").replace("\n", " ")
        text = _TRAILING_ATTRIBUTES.sub(lambda match: "\\" + match.group(0), text)
        text = re.sub(r"(?<!\\)(#+)$", r"\\\1", text)  # not a closing sequence
        given = f" {{#{block.anchor}}}" if block.anchor and block.anchor != slugify(block.text.plain()) else ""
        return [f"{'#' * block.level} {text}{given}"]

    def list_items(self, items: tuple[tuple[m.Block, ...], ...], marker: Callable[[int, bool], str],
                   boxes: tuple[bool | None, ...] = ()) -> list[str]:
        other = self.follows_list
        out: list[str] = []
        tight = all(len(item) <= 1 and all(isinstance(b, m.Paragraph) for b in item) for item in items)
        for number, item in enumerate(items):
            if out and not tight:
                out.append("")
            bullet = marker(number, other)
            lines = self.blocks(item) or [""]
            pad = " " * (len(bullet) + 1)
            out.append(f"{bullet} {_BOXES[boxes[number]] if boxes else ''}{lines[0]}".rstrip())
            out.extend(f"{pad}{line}" if line else "" for line in lines[1:])
        return out

    def task_list(self, block: m.TaskList) -> list[str]:
        if block.start is None:
            return self.list_items(block.items, lambda n, other: "*" if other else "-", block.done)
        start = block.start
        return self.list_items(block.items, lambda n, other: f"{start + n}{')' if other else '.'}", block.done)

    def definition_list(self, block: m.DefinitionList) -> list[str]:
        """``Term`` then ``: definition``, the definition's further lines indented under it."""
        out: list[str] = []
        for item in block.items:
            if out:
                out.append("")
            out.append(inlines(item.term.inlines, in_table=True))  # a term is one line
            for definition in item.definitions:
                lines = self.blocks(definition) or [""]
                out.append(f": {lines[0]}".rstrip())
                out.extend(f"  {line}" if line else "" for line in lines[1:])
        return out

    def line_block(self, block: m.LineBlock) -> list[str]:
        """``| line`` for each line; leading no-break spaces stay as they are."""
        lines: list[list[m.Inline]] = [[]]
        for node in block.text.inlines:
            if isinstance(node, m.LineBreak):
                lines.append([])
            else:
                lines[-1].append(node)
        return [f"| {inlines(tuple(line), in_table=True)}".rstrip() for line in lines]

    def quote(self, block: m.Quote) -> list[str]:
        return [f"> {line}" if line else ">" for line in self.blocks(block.blocks)]

    def table(self, block: m.Table) -> list[str]:
        def row(cells: tuple[m.Cell, ...]) -> str:
            return "| " + " | ".join(inlines(cell.text.inlines, in_table=True) for cell in cells) + " |"

        width = len(block.head) or max((len(r) for r in block.rows), default=1)
        head = block.head or tuple(m.Cell(m.Segment("", (), block.loc)) for _ in range(width))
        rule = {"left": ":---", "center": ":---:", "right": "---:"}
        caption = inlines(block.caption.inlines).replace("\n", " ") if block.caption else ""
        captioned = ["", " ".join(filter(None, ("Table:", caption, _ident(block.numbered))))] if caption or block.numbered.ident else []
        return [row(head), "| " + " | ".join(rule.get(cell.align, "---") for cell in head) + " |",
                *(row(cells) for cells in block.rows), *captioned]

    def callout(self, block: m.Callout) -> list[str]:
        title = f" {inlines(block.title.inlines)}" if block.title else ""
        return self.fenced(f"{block.kind}{title}", self.blocks(block.blocks))

    def chart(self, block: m.Chart) -> list[str]:
        return self.fenced(" ".join(filter(None, ("chart", block.kind, _ident(block.numbered)))), inlines(block.caption.inlines).split("\n") if block.caption else [])

    def fenced(self, info: str, body: list[str]) -> list[str]:
        """A ``:::`` box, its fence longer than any box inside it (so the inner ``:::`` closes the inner one)."""
        inner = max((len(line) - len(line.lstrip(":")) for line in body if line.startswith(":::")), default=0)
        fence = ":" * max(3, inner + 1)
        return [f"{fence} {info}", *body, fence]

    def code(self, block: m.CodeBlock) -> list[str]:
        mark = "~" if "`" in block.language else "`"  # a backtick fence's info string may hold no backtick
        longest = max((len(run) for run in re.findall(rf"^\s*({mark}{{3,}})", block.text, re.M)), default=0)
        fence = mark * max(3, longest + 1)
        return [f"{fence}{block.language}", *block.text.rstrip("\n").split("\n"), fence] if block.text else [fence + block.language, fence]

    def notes(self, doc: m.Document) -> list[str]:
        out: list[str] = []
        for label in doc.note_order:
            lines = self.blocks(doc.notes.get(label, ())) or [""]
            out += ["", f"[^{label}]: {lines[0]}".rstrip()]
            out += [f"{_INDENT}{line}" if line else "" for line in lines[1:]]
        return out


def _kind(block: m.Block) -> str:
    """The block's type name; a task list is the kind of list it would join when written
    after one: bullets or numbers."""
    if isinstance(block, m.TaskList):
        return "BulletList" if block.start is None else "OrderedList"
    return type(block).__name__


def _figure_title(block: m.Figure) -> str:
    return f' "{_title(inlines(block.title.inlines))}"' if block.title else ""


def _images_moved(doc: m.Document, href: Callable[[str, m.Loc], str]) -> m.Document:
    def figure(block: Any) -> Any:
        return dataclasses.replace(block, src=href(block.src, block.loc)) if isinstance(block, m.Figure) else block

    def segment(seg: m.Segment) -> m.Segment:
        return dataclasses.replace(seg, inlines=_inline_images(seg.inlines, lambda src: href(src, seg.loc)))

    blocks = m.map_segments(m.map_blocks(doc.blocks, figure), segment)
    notes = {label: m.map_segments(m.map_blocks(body, figure), segment) for label, body in doc.notes.items()}
    return dataclasses.replace(doc, blocks=blocks, notes=notes)


def _links_moved(doc: m.Document, href: Callable[[str], str | None]) -> m.Document:
    def segment(seg: m.Segment) -> m.Segment:
        return dataclasses.replace(seg, inlines=_inline_links(seg.inlines, href))

    return dataclasses.replace(doc, blocks=m.map_segments(doc.blocks, segment),
                               notes={label: m.map_segments(body, segment) for label, body in doc.notes.items()})


def _inline_links(nodes: tuple[m.Inline, ...], href: Callable[[str], str | None]) -> tuple[m.Inline, ...]:
    out: list[m.Inline] = []
    for node in nodes:
        if isinstance(node, m.Link):
            url = href(node.url)
            children = _inline_links(node.children, href)
            out += [m.Link(url, children, node.title)] if url is not None else children
        elif isinstance(node, (m.Emph, m.Strong)):
            out.append(type(node)(_inline_links(node.children, href)))
        else:
            out.append(node)
    return tuple(out)


def _inline_images(nodes: tuple[m.Inline, ...], href: Callable[[str], str]) -> tuple[m.Inline, ...]:
    out: list[m.Inline] = []
    for node in nodes:
        if isinstance(node, m.InlineImage):
            node = m.InlineImage(href(node.src), node.alt, node.title)
        elif isinstance(node, m.SPANS):
            node = type(node)(_inline_images(node.children, href))
        elif isinstance(node, m.Link):
            node = m.Link(node.url, _inline_images(node.children, href), node.title)
        out.append(node)
    return tuple(out)


def _one_line(segment: m.Segment) -> str:
    return inlines(segment.inlines).replace("\\\n", " ").replace("\n", " ")


def front_matter(doc: m.Document) -> str:
    """The YAML header: the localized texts and the document's settings."""
    meta = doc.meta
    values: dict[str, Any] = {"title": inlines(meta.title.inlines).replace("\n", " ")}
    for key in ("subtitle", "summary", "organisation"):
        segment = getattr(meta, key)
        if segment is not None:
            values[key] = _one_line(segment)
    values["lang"] = doc.lang
    values["template"] = meta.template
    if meta.date is not None:
        values["date"] = meta.date
    if meta.author is not None:
        values["author"] = _one_line(meta.author)
    if meta.pages is not None:
        values["pages"] = meta.pages
    if meta.toc is not None:
        values["toc"] = meta.toc
    if meta.languages:
        values["languages"] = list(meta.languages)
    if meta.data:
        values["data"] = meta.data
    text = yaml.safe_dump(values, allow_unicode=True, sort_keys=False, default_flow_style=False, width=10_000)
    return f"---\n{text}---\n"


def render(doc: m.Document, image_href: Callable[[str, m.Loc], str] | None = None,
           link_href: Callable[[str], str | None] | None = None) -> str:
    """The whole document as Markdown text; ``image_href`` gives each image's address in
    the output (the build copies images beside it), else they keep their source paths;
    ``link_href`` each link's (None: the text without a link), else they stay as written."""
    if image_href is not None:
        doc = _images_moved(doc, image_href)
    if link_href is not None:
        doc = _links_moved(doc, link_href)
    writer = Writer()
    body = writer.blocks(doc.blocks) + writer.notes(doc)
    return front_matter(doc) + "\n" + "\n".join(body).rstrip() + "\n"


__all__ = ["render", "inlines", "front_matter"]
