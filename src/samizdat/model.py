"""The document model: typed blocks and inlines, in the spirit of pandoc's AST.

Readers produce it, ``localize`` maps it to another language, renderers consume it. It
imports nothing from parsers, renderers or the CLI. Every piece of translatable text is a
:class:`Segment`: the inline Markdown it came from (the gettext msgid), its parsed inlines
and where it stands in the source, so any stage can say ``content/x.md:12``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol, Union


@dataclass(frozen=True)
class Loc:
    """A source location: the file (relative to the project) and a 1-based line."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


# --- inlines -------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """Plain text. ``literal``: a quotation mark or hyphen the author escaped (``\\"``,
    ``\\-``) to have it printed as typed, so typography leaves it alone."""

    text: str
    literal: bool = False


@dataclass(frozen=True)
class Emph:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Strikeout:
    """``~~text~~``: text shown struck through (a withdrawn demand, a corrected figure)."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Superscript:
    """``2^10^``: raised text (pandoc's syntax; a space inside is written ``\\ ``)."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Subscript:
    """``H~2~O``: lowered text (pandoc's syntax)."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Code:
    text: str


@dataclass(frozen=True)
class Link:
    url: str
    children: tuple[Inline, ...]
    title: str = ""


@dataclass(frozen=True)
class LineBreak:
    pass


@dataclass(frozen=True)
class NoteRef:
    """A footnote call; the note's blocks live in :attr:`Document.notes` under ``label``."""

    label: str


@dataclass(frozen=True)
class InlineImage:
    src: str
    alt: str
    title: str = ""  # ![alt](src "title"): a tooltip; translated with the paragraph that holds it


@dataclass(frozen=True)
class CrossRef:
    """``@fig:votes``: a reference to a numbered figure or table, or a section, of the same
    document. ``form`` is the grammatical case the sentence needs ("gen", "loc"…; "" for
    the nominative) or "num" for the number alone; ``shown`` is what it reads as in the
    document's language ("Figure 2", "малюнка 2"), set by ``localize``."""

    target: str
    form: str = ""
    shown: str = ""


Inline = Union[Text, Emph, Strong, Strikeout, Superscript, Subscript, Code, Link, LineBreak, NoteRef, InlineImage, CrossRef]
SPANS = (Emph, Strong, Strikeout, Superscript, Subscript)  # inlines that only style their children


@dataclass(frozen=True)
class Segment:
    """One translatable unit of text.

    ``source`` is the whitespace-normalised inline Markdown (the msgid); ``inlines`` is
    what renderers draw. ``fallback`` is set by ``localize`` when a translation was
    wanted but missing, so renderers can mark the passage.
    """

    source: str
    inlines: tuple[Inline, ...]
    loc: Loc
    context: str = ""  # msgctxt: what the text is ("heading", "list item", "title"…), shown to translators
    fallback: bool = False

    def plain(self) -> str:
        return plain_text(self.inlines)

    def __str__(self) -> str:
        """The plain text: what ``{{ meta.author }}`` prints in a theme written when the
        author was a plain string."""
        return self.plain()


# --- blocks --------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    level: int
    text: Segment
    anchor: str


@dataclass(frozen=True)
class Paragraph:
    text: Segment


@dataclass(frozen=True)
class BulletList:
    items: tuple[tuple[Block, ...], ...]
    loc: Loc


@dataclass(frozen=True)
class OrderedList:
    items: tuple[tuple[Block, ...], ...]
    loc: Loc
    start: int = 1


@dataclass(frozen=True)
class TaskList:
    """A list with check boxes (GFM ``- [ ] to do``, ``- [x] done``).

    ``done`` has one entry per item: True ticked, False open, None an item without a box
    (GFM lets the two mix). Bullets when ``start`` is None, else numbered from ``start``.
    """

    items: tuple[tuple[Block, ...], ...]
    done: tuple[bool | None, ...]
    loc: Loc
    start: int | None = None


@dataclass(frozen=True)
class Definition:
    """One term of a definition list and its definitions, each a run of blocks."""

    term: Segment
    definitions: tuple[tuple[Block, ...], ...]


@dataclass(frozen=True)
class DefinitionList:
    """``Term`` then ``: definition`` lines (pandoc's syntax): a glossary, a list of actors."""

    items: tuple[Definition, ...]
    loc: Loc


@dataclass(frozen=True)
class LineBlock:
    """Lines kept as written (pandoc's ``| line``): a poem, an address. One segment with a
    :class:`LineBreak` between lines; leading spaces are no-break spaces, so they stay."""

    text: Segment
    loc: Loc


@dataclass(frozen=True)
class Quote:
    blocks: tuple[Block, ...]
    loc: Loc


@dataclass(frozen=True)
class Cell:
    text: Segment
    align: str = ""  # "", "left", "center", "right"


@dataclass(frozen=True)
class Numbered:
    """What a figure or table that can be referred to carries: its id (``{#tbl:x}``), its
    number in the document (0: not numbered) and its caption label in the document's
    language ("Table 1. "), set by ``localize``."""

    ident: str = ""
    number: int = 0
    label: str = ""


@dataclass(frozen=True)
class Table:
    caption: Segment | None = field(default=None, kw_only=True)  # 'Table: …' after it; shown above it, so read first
    head: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    loc: Loc
    numbered: Numbered = Numbered()


@dataclass(frozen=True)
class Callout:
    """A ``::: kind Title`` box: ``note``, ``key-facts``, ``warning``…"""

    kind: str
    title: Segment | None
    blocks: tuple[Block, ...]
    loc: Loc
    label: str = ""  # shown when there is no title: the kind's label from the theme, set by localize


@dataclass(frozen=True)
class Figure:
    """A paragraph that is only an image; ``alt`` and ``title`` are translatable, ``src`` is not."""

    src: str
    alt: Segment
    loc: Loc
    title: Segment | None = None  # ![alt](src "title"): shown under the caption, and as the tooltip
    numbered: Numbered = Numbered()


@dataclass(frozen=True)
class Bar:
    """One value of a chart, with its label and value text already in the document language."""

    key: str
    value: float
    label: str
    display: str


@dataclass(frozen=True)
class Chart:
    """A figure drawn from front-matter ``data:`` (``::: chart votes``); ``bars`` are
    filled by ``localize`` so renderers draw localized labels without knowing about Babel."""

    kind: str
    data: dict[str, Any]
    caption: Segment | None
    loc: Loc
    bars: tuple[Bar, ...] = ()
    numbered: Numbered = Numbered()


@dataclass(frozen=True)
class CodeBlock:
    text: str
    language: str
    loc: Loc


@dataclass(frozen=True)
class Rule:
    loc: Loc


Block = Union[
    Heading, Paragraph, BulletList, OrderedList, Quote, Table, Callout, Figure, Chart, CodeBlock, Rule,
    TaskList, DefinitionList, LineBlock,
]


# --- the document --------------------------------------------------------------------


@dataclass(frozen=True)
class Meta:
    """Front matter, validated. Text fields are segments so they can be translated."""

    title: Segment
    lang: str
    template: str
    subtitle: Segment | None = None
    summary: Segment | None = None
    organisation: Segment | None = None
    author: Segment | None = None
    date: date | None = None
    data: dict[str, Any] = field(default_factory=dict)
    pages: int | None = None  # page budget; None: the template's default
    toc: bool | None = None  # table of contents; None: the template's rule (toc_from_pages) decides
    languages: tuple[str, ...] = ()  # the languages it is published in; empty: every configured one

    def publishes(self, lang: str) -> bool:
        """Whether this document has an edition in ``lang`` (front matter ``languages``)."""
        return not self.languages or lang in self.languages


class UI(Protocol):
    """Interface words and CLDR formatting in one language; supplied by ``localize``."""

    lang: str

    def gettext(self, message: str, **variables: Any) -> str: ...

    def pgettext(self, context: str, message: str) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int, **variables: Any) -> str: ...

    def npgettext(self, context: str, singular: str, plural: str, n: int, **variables: Any) -> str: ...

    def date(self, value: date, format: str = "long") -> str: ...

    def number(self, value: float) -> str: ...

    def percent(self, value: float) -> str: ...


@dataclass(frozen=True)
class Document:
    slug: str
    path: str  # relative to the project root
    meta: Meta
    blocks: tuple[Block, ...]
    notes: dict[str, tuple[Block, ...]]
    note_order: tuple[str, ...]  # labels in order of first reference
    lang: str  # the language this instance is in (== meta.lang until localized)
    locale: str = ""  # CLDR locale used for formatting, e.g. "be_BY"
    bcp47: str = ""  # language tag for outputs, e.g. "be-BY"
    ui: UI | None = None  # set by localize

    @property
    def directory(self) -> str:
        return self.path.rsplit("/", 1)[0] if "/" in self.path else ""


# --- generic helpers -----------------------------------------------------------------


def plain_text(inlines: tuple[Inline, ...] | list[Inline]) -> str:
    out: list[str] = []
    for node in inlines:
        if isinstance(node, (Text, Code)):
            out.append(node.text)
        elif isinstance(node, (*SPANS, Link)):
            out.append(plain_text(node.children))
        elif isinstance(node, LineBreak):
            out.append("\n")
        elif isinstance(node, InlineImage):
            out.append(node.alt)
        elif isinstance(node, CrossRef):
            out.append(node.shown)
    return "".join(out)


def map_segments(node: Any, fn: Callable[[Segment], Segment]) -> Any:
    """Rebuild ``node`` (a block, tuple, Meta…) with every Segment replaced by ``fn(segment)``.

    One generic walk serves extraction and translation alike, so a new block type needs
    no change in ``localize``.
    """
    if isinstance(node, Segment):
        return fn(node)
    if isinstance(node, tuple):
        return tuple(map_segments(item, fn) for item in node)
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        changes = {}
        for f in dataclasses.fields(node):
            value = getattr(node, f.name)
            if isinstance(value, (Segment, tuple)) or dataclasses.is_dataclass(value):
                changes[f.name] = map_segments(value, fn)
        return dataclasses.replace(node, **changes) if changes else node
    return node


def map_blocks(node: Any, fn: Callable[[Any], Any]) -> Any:
    """Rebuild ``node`` with ``fn`` applied to every block at any depth (inner blocks first):
    a chart in a list item or a quote is reached like one at the top level."""
    if isinstance(node, tuple):
        return tuple(map_blocks(item, fn) for item in node)
    if dataclasses.is_dataclass(node) and not isinstance(node, (type, Segment)):
        changes = {f.name: map_blocks(getattr(node, f.name), fn) for f in dataclasses.fields(node)
                   if isinstance(getattr(node, f.name), tuple)}
        node = dataclasses.replace(node, **changes) if changes else node
        return fn(node)
    return node


def iter_segments(doc: Document) -> list[Segment]:
    """All segments of a document in reading order: front matter, body, then notes."""
    found: list[Segment] = []

    def collect(segment: Segment) -> Segment:
        found.append(segment)
        return segment

    map_segments(doc.meta, collect)
    map_segments(doc.blocks, collect)
    for label in doc.note_order:
        map_segments(doc.notes[label], collect)
    return found
