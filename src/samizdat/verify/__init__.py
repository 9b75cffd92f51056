"""``samizdat check``: verify the outputs themselves, not just the inputs.

Takes built outputs and the localized documents they were made from; gives diagnostics:

* fidelity — every segment of the document is in the output's text, body in order
  (hyphenation, line breaks and letter case do not count); a missing one is reported at
  its source line;
* tofu — every character is in a configured font, and a PDF embeds no other font (not for
  a web page: a browser draws a missing character from another font);
* links — links, footnote references, images and internal destinations resolve.
* clipping — no text of a PDF stands outside its page (a table wider than the page).

``build --strict`` runs it on what it wrote.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from samizdat import model as m
from samizdat import writers
from samizdat.config import Config
from samizdat.errors import Diagnostic
from samizdat.verify import fonts
from samizdat.verify.text import squash


@dataclass(frozen=True)
class Output:
    doc: m.Document  # localized
    fmt: str
    path: Path


def pieces(segment: m.Segment) -> list[str]:
    """A segment's text cut at footnote calls (an output puts a number there) and inline
    images (their alt text is the picture's description, not text on the page)."""
    out: list[str] = [""]

    def walk(inlines: tuple[m.Inline, ...]) -> None:
        for node in inlines:
            if isinstance(node, (m.NoteRef, m.InlineImage)):
                out.append("")
            elif isinstance(node, (*m.SPANS, m.Link)):
                walk(node.children)
            else:
                out[-1] += m.plain_text((node,))

    walk(segment.inlines)
    return [p for p in out if squash(p)]


def _collect(found: list[m.Segment], segment: m.Segment) -> m.Segment:
    found.append(segment)
    return segment


def fidelity(output: Output, text: str, config: Config) -> list[Diagnostic]:
    doc, where = output.doc, config.rel(output.path)
    flat = squash(text)
    found: list[Diagnostic] = []
    meta = doc.meta
    body: list[m.Segment] = [s for s in (meta.organisation, meta.title, meta.subtitle, meta.summary) if s]  # page order
    m.map_segments(doc.blocks, lambda s: _collect(body, s))
    notes: list[m.Segment] = []
    m.map_segments(tuple(doc.notes[label] for label in doc.note_order), lambda s: _collect(notes, s))
    position = 0
    for segment in body:
        for piece in pieces(segment):
            wanted = squash(piece)
            at = flat.find(wanted, position)
            if at >= 0:
                position = at + len(wanted)
            elif wanted in flat:
                found.append(Diagnostic(segment.loc.path, segment.loc.line, f"out of order in {where}: {_short(piece)}"))
            else:
                found.append(Diagnostic(segment.loc.path, segment.loc.line, f"missing from {where}: {_short(piece)}"))
    for segment in notes:
        for piece in pieces(segment):
            if squash(piece) not in flat:
                found.append(Diagnostic(segment.loc.path, segment.loc.line, f"footnote missing from {where}: {_short(piece)}"))
    return found


def tofu(output: Output, text: str, config: Config) -> list[Diagnostic]:
    """Characters the text fonts (serif and sans: body and headings) cannot draw."""
    text_families = tuple(dict.fromkeys(config.fonts[k] for k in ("serif", "sans") if k in config.fonts))
    where = config.rel(output.path)
    found = [
        Diagnostic(output.doc.path, _line_of(output.doc, char),
                   f"{', '.join(lacking)} {'has' if len(lacking) == 1 else 'have'} no {fonts.describe(char)}, "
                   f"used in {where} ({output.doc.lang})")
        for char, lacking in fonts.uncovered(text, text_families).items()
    ]
    writer = writers.get(output.fmt)
    if writer.embedded_fonts:
        families = tuple(dict.fromkeys(config.fonts.values()))
        for name in sorted(writer.call("embedded_fonts", output.path)):
            if fonts.family_of(name, families) is None:
                found.append(Diagnostic(where, None, f"text is set in '{name}', a fallback font, not one of {', '.join(families)}"))
    return found


def _line_of(doc: m.Document, char: str) -> int | None:
    for segment in m.iter_segments(doc):
        if char in segment.plain():
            return segment.loc.line
    return None


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= width else text[: width - 1] + "…")


def verify(outputs: list[Output], config: Config) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for output in outputs:
        where = config.rel(output.path)
        if not output.path.is_file():
            found.append(Diagnostic(where, None, "not built (run 'samizdat build')"))
            continue
        writer = writers.get(output.fmt)
        if not writer.read_text:
            continue
        text = writer.call("read_text", output.path)
        found += fidelity(output, text, config)
        if writer.own_fonts:
            found += tofu(output, text, config)
        problems = writer.call("link_problems", output.path) if writer.link_problems else []
        found += [Diagnostic(where, None, problem) for problem in problems]
        if writer.clipped_text:
            found += clipped(output, writer.call("clipped_text", output.path), config)
    return found


def clipped(output: Output, pages: list[tuple[int, list[str]]], config: Config) -> list[Diagnostic]:
    """One problem per page with text outside it, at the line of the segment that text
    belongs to when one holds it (else at the output)."""
    found = []
    segments = m.iter_segments(output.doc)
    for page, words in pages:
        shown = ", ".join(repr(word) for word in words[:4]) + (f" and {len(words) - 4} more" if len(words) > 4 else "")
        message = f"page {page} of {config.rel(output.path)} cuts off text outside the page: {shown}"
        holder = next((s for s in segments if all(squash(word) in squash(s.plain()) for word in words[:1])), None)
        found.append(Diagnostic(holder.loc.path, holder.loc.line, message) if holder else Diagnostic(config.rel(output.path), None, message))
    return found
