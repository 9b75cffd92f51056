"""What every block and inline writer needs to know, in one immutable value.

Takes the pieces ``render`` sets up (the localized document, the reference's styles, the
numbering and footnote writers, the text area); gives :class:`RenderContext`. Writers
that go into another story (a footnote) or another kind of box (a callout, a quote)
pass on a copy made with :meth:`RenderContext.with_`, so the part that owns relationships
and the default paragraph style always match where the XML is going.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from docx.parts.story import StoryPart

from samizdat import model as m
from samizdat.config import Config
from samizdat.render.docx.footnotes import Footnotes
from samizdat.render.docx.numbering import Numbering
from samizdat.render.docx.styles import StyleSheet
from samizdat.render.docx.wordml import Element

BlocksWriter = Callable[["RenderContext", Sequence[m.Block], Element], None]


@dataclass(frozen=True)
class RenderContext:
    doc: m.Document
    config: Config
    doc_dir: Path  # folder of the content file: image paths are relative to it
    part: StoryPart  # the part being written: owner of hyperlink and image relationships
    styles: StyleSheet
    numbering: Numbering
    footnotes: Footnotes
    render_blocks: BlocksWriter  # the block dispatcher, for notes and nested content
    text_width: int  # EMU between the margins
    text_height: int  # EMU between top and bottom margins
    paragraph_style: str | None = None  # style id of a plain paragraph here (None: Normal)
    list_depth: int = 0
    in_note: bool = False
    quote_depth: int = 0  # block quotes around what is being written (see ``quotes``)
    quote_container: Element | None = None  # where the innermost quote writes: a note or a box inside it starts again
    inner_notes: dict[str, str] | None = None  # in a note: the notes it calls → their marks (a, b, …)
    bookmark_ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    soft_hyphens: Callable[[str], str] | None = None  # the language's hyphenation rules; None in headings

    def with_(self, **changes: object) -> RenderContext:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    @property
    def text_width_twips(self) -> int:
        return self.text_width // 635
