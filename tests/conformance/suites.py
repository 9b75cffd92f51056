"""The public example suites and what each example's reference HTML shows.

Takes the spec files in this folder (CommonMark's ``spec.txt``, GFM's ``extensions.txt``
and the extension examples of GFM's ``spec.txt``); gives :class:`Example` objects and, for
each, :class:`Shape`: the texts a reader sees, the heading levels, the list nesting, the
code blocks, the hard breaks, links and tables of its reference rendering. The writers'
outputs are read into the same :class:`Shape` (``tests/conformance/outputs.py``) and
compared (``tests/test_conformance.py``).

Raw HTML is shown as text by design, so for an example that contains raw HTML the
reference is the rendering of the same Markdown with raw HTML disabled (markdown-it-py's
CommonMark renderer with ``html: False``, which escapes it), without HTML comments, which
samizdat drops.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lxml import html as lxml_html
from markdown_it import MarkdownIt

HERE = Path(__file__).parent
FENCE = "`" * 32
GFM_EXTENSIONS = ("table", "strikethrough", "autolink", "tagfilter")  # GFM spec.txt example tags run here


@dataclass(frozen=True)
class Example:
    suite: str  # "commonmark", "gfm-extensions", "gfm-spec"
    number: int  # as the spec numbers it (GFM spec: its own numbering)
    section: str
    markdown: str
    html: str  # the reference rendering
    tag: str = ""  # GFM's extension tag ("table", "strikethrough"…)

    @property
    def id(self) -> str:
        return f"{self.suite}-{self.number}"

    @property
    def raw_html(self) -> bool:
        """Whether the example holds raw HTML (which samizdat shows as text)."""
        return _has_raw_html(self.markdown, self.suite != "commonmark")


def read_examples(path: Path, suite: str, tags: tuple[str, ...] | None = None) -> list[Example]:
    """Examples of one spec file in the spec's own format; ``tags``: only examples with one of
    these tags (``example table``), else every untagged and tagged example."""
    found: list[Example] = []
    lines = path.read_text(encoding="utf-8").split("\n")
    section, number, index = "", 0, 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("#"):
            section = line.lstrip("#").strip()
        if line.startswith(FENCE + " example"):
            tag = line[len(FENCE) + len(" example"):].strip()
            index += 1
            markdown: list[str] = []
            while lines[index] != ".":
                markdown.append(lines[index])
                index += 1
            index += 1
            reference: list[str] = []
            while lines[index] != FENCE:
                reference.append(lines[index])
                index += 1
            number += 1
            if tags is None or tag in tags:
                found.append(Example(suite, number, section, _tabs("\n".join(markdown)) + "\n", _tabs("\n".join(reference)) + "\n", tag))
        index += 1
    return found


def _tabs(text: str) -> str:
    return text.replace("\u2192", "\t")  # the spec shows tabs as →


@cache
def all_examples() -> tuple[Example, ...]:
    return (
        *read_examples(HERE / "commonmark" / "spec.txt", "commonmark"),
        *read_examples(HERE / "gfm" / "extensions.txt", "gfm-extensions"),
        *read_examples(HERE / "gfm" / "spec.txt", "gfm-spec", GFM_EXTENSIONS),
    )


# --- raw HTML ----------------------------------------------------------------------------

def _parser(html: bool, gfm: bool) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": html})
    if gfm:
        md.enable(["table", "strikethrough"])
    return md


def _has_raw_html(markdown: str, gfm: bool) -> bool:
    def walk(tokens: list) -> bool:  # type: ignore[type-arg]
        return any(t.type in ("html_block", "html_inline") or walk(t.children or []) for t in tokens)

    return walk(_parser(True, gfm).parse(markdown))


_COMMENT = re.compile(r"<!--(?:>|->|.*?-->)", re.DOTALL)


def reference_html(example: Example) -> str:
    """What samizdat is meant to show: the spec's rendering, or with raw HTML as text."""
    if not example.raw_html:
        return example.html
    gfm = example.suite != "commonmark"
    escaped = _parser(False, gfm).render(_without_comment_blocks(example.markdown, gfm))
    return _escaped_without_comments(escaped)


def _without_comment_blocks(markdown: str, gfm: bool) -> str:
    """``markdown`` without its HTML comment blocks (which may hold blank lines: read as
    text, they would be paragraphs of their own)."""
    lines = markdown.split("\n")
    for token in _parser(True, gfm).parse(markdown):
        if token.type == "html_block" and token.content.startswith("<!--") and token.map:
            for number in range(*token.map):
                lines[number] = ""
    return "\n".join(lines)


def _escaped_without_comments(rendered: str) -> str:
    """The html=False rendering with the text of HTML comments taken out (samizdat drops them)."""
    tree = lxml_html.fragment_fromstring(rendered or "<p></p>", create_parent="div")
    for node in tree.iter():
        for attr in ("text", "tail"):
            value = getattr(node, attr)
            if value and "<!--" in value:
                setattr(node, attr, _COMMENT.sub("", value))
    return lxml_html.tostring(tree, encoding="unicode")


# --- shapes ------------------------------------------------------------------------------

CUT = "\u2063"  # where a footnote call stood: the texts on either side are compared apart
LINE_BREAK = "\u2028"  # where a <br> stands in a block's text (white space to the text comparison)
BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "td", "th", "li", "dt", "dd", "blockquote", "div",
          "ul", "ol", "table", "thead", "tbody", "tr", "hr", "dl", "section", "figure", "figcaption"}


@dataclass
class Shape:
    """What a reader finds in one rendering of an example."""

    texts: list[str] = field(default_factory=list)  # text of each block (nested blocks on their own)
    headings: list[tuple[int, str]] = field(default_factory=list)  # (level 1–6, text)
    items: list[tuple[str, int]] = field(default_factory=list)  # ("ul"/"ol", depth) per list item, in order
    code: list[str] = field(default_factory=list)  # text of each code block, exactly
    breaks: int = 0  # hard line breaks outside code
    links: int = 0
    tables: list[tuple[int, int]] = field(default_factory=list)  # (rows, columns) per table, header row included
    tasks: int = 0  # task list items (checkboxes)
    full_text: str = ""  # everything, for containment checks

    @property
    def after_breaks(self) -> list[str]:
        """The text that follows each hard line break (it must start a line of its own)."""
        return [line for text in self.texts for line in text.split(LINE_BREAK)[1:] if line.strip()]


def html_shape(fragment: str, skip: tuple[str, ...] = (), apparatus: tuple[str, ...] = (), title_level: int = 0) -> Shape:
    """The shape of an HTML fragment (a reference rendering, or samizdat's web page body).
    ``skip``: CSS classes of elements that are not content (note numbers, back-links);
    ``apparatus``: classes of the notes section, whose headings and list items (the notes
    themselves) are not the document's; ``title_level``: the heading level of a page's
    title, which the document's headings come below."""
    tree = lxml_html.fragment_fromstring(fragment or "<p></p>", create_parent="div")
    for node in list(tree.iter()):
        if isinstance(node.tag, str) and set(node.get("class", "").split()) & set(skip):
            node.tail = CUT + (node.tail or "")  # a note number: writers number notes their own way
            node.drop_tree()
    shape = Shape(full_text=tree.text_content())
    for node in tree.iter():
        if not isinstance(node.tag, str):
            continue
        tag = node.tag
        if tag in BLOCKS:
            text = _own_text(node)
            if text.strip():
                shape.texts.append(text)
        in_notes = any(set(a.get("class", "").split()) & set(apparatus) for a in node.iterancestors())
        level = int(tag[1]) if tag in ("h1", "h2", "h3", "h4", "h5", "h6") else int(node.get("aria-level", "0") or 0)
        if level and not in_notes:  # <p role="heading" aria-level="7">: a level below <h6>
            shape.headings.append((level - title_level, node.text_content()))
        elif tag == "li" and not in_notes:
            lists = [a for a in node.iterancestors() if a.tag in ("ul", "ol")]
            shape.items.append((lists[0].tag, len(lists)))
        elif tag == "pre":
            shape.code.append(node.text_content())
        elif tag == "br":
            shape.breaks += 1
        elif tag == "a" and node.get("href") is not None:
            shape.links += 1
        elif tag == "table":
            rows = [row for row in node.iter("tr")]
            shape.tables.append((len(rows), max((len(row.findall("th")) + len(row.findall("td")) for row in rows), default=0)))
        elif tag == "input" and node.get("type") == "checkbox":
            shape.tasks += 1
    return shape


def _own_text(node: lxml_html.HtmlElement) -> str:
    """Text of ``node``, a line break where it has one, without the text of block elements
    inside it (they count on their own)."""
    parts = [node.text or ""]
    for child in node:
        if isinstance(child.tag, str) and child.tag == "br":
            parts.append(LINE_BREAK)
        elif isinstance(child.tag, str) and child.tag not in BLOCKS:
            parts.append(_own_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def reference_shape(example: Example) -> Shape:
    return html_shape(reference_html(example), skip=("footnote-ref", "footnote-backref"), apparatus=("footnotes",))


# --- text comparison ---------------------------------------------------------------------

_IGNORED = re.compile(r"[\s\u00ad\u200b\u2060\ufeff\"'\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a"
                      r"\-\u2010\u2011\u2012\u2013\u2014\u2015]")


def comparable(text: str) -> str:
    """Text as compared: NFC, without white space (line breaks, hyphenation at line ends) and
    without quotation marks and dashes (typography turns "…" into “…” and -- into –)."""
    return _IGNORED.sub("", unicodedata.normalize("NFC", text))


def lost_texts(reference: Shape, output_text: str) -> list[str]:
    """Texts of the reference that ``output_text`` does not show."""
    found = comparable(output_text)
    return [text for text in reference.texts if any(comparable(piece) not in found for piece in text.split(CUT))]
