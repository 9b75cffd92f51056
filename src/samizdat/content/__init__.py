"""Content stage: read ``content/<slug>.md`` or ``content/<slug>/index.md`` into the model.

Takes a project configuration and content paths; gives validated :class:`model.Document`
objects in the source language, or raises :class:`SamizdatError` with every problem found.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from samizdat import assets, doclinks, images, inputs
from samizdat import model as m
from samizdat.config import Config
from samizdat.content import crossref, frontmatter, notes, project_strings
from samizdat.content.markdown import normalize_source, parse_body, parse_inlines, without_comments
from samizdat.errors import Report, SamizdatError, did_you_mean, error

MAX_BYTES = 2_000_000  # a briefing is kilobytes; anything this large is a mistake


def discover(config: Config) -> list[Path]:
    """Every document in the content folder, sorted: ``x.md`` and ``x/index.md``."""
    folder = config.content_dir
    if not folder.is_dir():
        raise error(config.rel(folder), None, "content folder not found")
    found = [p for p in folder.glob("*.md") if p.is_file()]
    found += [p for p in folder.glob("*/index.md") if p.is_file()]
    found.sort()
    check_slugs(found, config)
    return found


# Names of catalogs beside the documents' in locales/<lang>/LC_MESSAGES/, and what they hold.
RESERVED_SLUGS = {"templates": "the interface catalog", "project": "the catalog of samizdat.toml's texts"}


def check_slugs(paths: list[Path], config: Config) -> None:
    """Each document names its outputs and catalogs by its slug: two with one slug would
    overwrite each other's PDF and PO file."""
    from samizdat.errors import Report

    report, seen = Report(), dict[str, Path]()
    for path in paths:
        slug = slug_of(path)
        if slug in RESERVED_SLUGS:
            report.error(config.rel(path), None, f"the name '{slug}' is reserved for {RESERVED_SLUGS[slug]}; rename the file")
        elif slug in seen:
            report.error(config.rel(path), None, f"'{slug}' is also the name of {config.rel(seen[slug])}: both would write build/<lang>/{slug}.* and {slug}.po")
        seen.setdefault(slug, path)
    report.raise_errors()


def slug_of(path: Path) -> str:
    return path.parent.name if path.name == "index.md" else path.stem


def referenced_images(blocks: tuple[m.Block, ...], notes: dict[str, tuple[m.Block, ...]]) -> list[tuple[str, m.Loc]]:
    """Every image a document points at (figures and inline images), with where."""
    images: list[tuple[str, m.Loc]] = []

    def visit_inlines(segment: m.Segment) -> m.Segment:
        def walk(inlines: tuple[m.Inline, ...]) -> None:
            for node in inlines:
                if isinstance(node, m.InlineImage):
                    images.append((node.src, segment.loc))
                elif isinstance(node, (*m.SPANS, m.Link)):
                    walk(node.children)

        walk(segment.inlines)
        return segment

    def visit_block(block: m.Block) -> m.Block:
        if isinstance(block, m.Figure):
            images.append((block.src, block.loc))
        return block

    m.map_blocks((blocks, tuple(notes.values())), visit_block)
    m.map_segments((blocks, tuple(notes.values())), visit_inlines)
    return images


def _check_images(blocks: tuple[m.Block, ...], notes: dict, folder: Path, config: Config, report: Report) -> None:
    """Every image must resolve inside the project and be within the size limits (read
    from its header) now, not halfway through a build."""
    for src, loc in referenced_images(blocks, notes):
        try:
            path = assets.resolve(src, loc, folder, config.root)
        except SamizdatError as exc:
            report.items.extend(exc.diagnostics)
            continue
        report.items.extend(images.check(path, assets.IMAGE_TYPES[path.suffix.lower()], src, loc, config.too_large_images))


def _check_links(segments: list[m.Segment], rel: str, config: Config, report: Report) -> None:
    """Every relative link must name another document of the project (see ``doclinks``)."""
    for segment in segments:
        for message in doclinks.problems(segment, rel, config):
            report.error(segment.loc.path, segment.loc.line, message)
    first = doclinks.any_document_link(segments, rel, config)
    if first is not None and not config.online_url:
        report.warning(first.loc.path, first.loc.line, "links to other documents have no address in the PDF and DOCX editions "
                                                       "without samizdat.toml [links] online: their text is printed without a link")


def load_document(path: Path, config: Config, report: Report | None = None) -> m.Document:
    """Read and validate one content file. Errors are collected, then raised together."""
    own_report = report is None
    report = report or Report()
    rel = config.rel(path)
    try:
        raw = inputs.read_bytes(path)
    except FileNotFoundError:
        raise error(rel, None, "file not found") from None
    except OSError as exc:
        raise error(rel, None, f"cannot read: {exc.strerror}") from None
    if len(raw) > MAX_BYTES:
        raise error(rel, None, f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise error(rel, line, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # Windows and old Mac line endings

    fm = frontmatter.parse(text, rel, report, config.source_language, config.defaults, tuple(config.theme.templates))
    values = fm.values
    if "title" not in values:
        if own_report:
            report.raise_errors()
        raise SamizdatError(report.errors)
    lang = values["lang"]
    if lang not in config.languages:
        report.error(rel, fm.lines.get("lang", 2), f"language '{lang}' is not in samizdat.toml's languages ({', '.join(config.languages)})")
        raise SamizdatError(report.errors)

    cited = tuple(label for key in ("title", "subtitle", "summary", "organisation") if isinstance(values.get(key), str)
                  for label in re.findall(r"\[\^([^\]\s]+)\]", values[key]))
    body = parse_body(fm.body, rel, fm.body_line, values.get("data", {}), report, cited, config.theme.box_kinds)

    shared = project_strings.segments(config)

    def meta_segment(key: str) -> m.Segment | None:
        if key not in values:
            return shared.get(key)  # samizdat.toml's, translated once in project.po
        source = normalize_source(without_comments(str(values[key])))
        inlines = parse_inlines(source, set(body.notes))
        return m.Segment(source, inlines, m.Loc(rel, fm.lines.get(key, 2)), context=key)

    meta = m.Meta(
        title=meta_segment("title"),  # type: ignore[arg-type]
        lang=lang,
        template=values["template"],
        subtitle=meta_segment("subtitle"),
        summary=meta_segment("summary"),
        organisation=meta_segment("organisation"),
        author=meta_segment("author"),
        date=values.get("date"),
        data=values.get("data", {}),
        pages=values.get("pages"),
        toc=values.get("toc"),
        languages=_languages(values, fm.lines, rel, config, report),
    )
    note_order = notes.reading_order((meta, body.blocks), body.notes)  # a summary may cite a note too
    report.items.extend(notes.check(body.notes))
    for label in body.notes:
        if label not in note_order:
            report.warning(rel, fm.body_line, f"footnote [^{label}] is defined but never referenced")
    _check_images(body.blocks, body.notes, path.parent, config, report)
    doc = crossref.number(m.Document(
        slug=slug_of(path),
        path=rel,
        meta=meta,
        blocks=body.blocks,
        notes=body.notes,
        note_order=note_order,
        lang=lang,
        locale=config.locale_for(lang),
    ), report)
    _check_links(m.iter_segments(doc), rel, config, report)
    if own_report:
        report.raise_errors()
    return number_duplicates(doc)


def _languages(values: dict, lines: dict[str, int], rel: str, config: Config, report: Report) -> tuple[str, ...]:
    """Front matter ``languages``: a subset of the project's, the document's own among them."""
    if "languages" not in values:
        return ()
    line = lines.get("languages", 2)
    chosen = values["languages"]
    for lang in chosen:
        if not isinstance(lang, str) or lang not in config.languages:
            report.error(rel, line, f"languages: '{lang}' is not in samizdat.toml's languages ({', '.join(config.languages)})"
                         f"{did_you_mean(str(lang), config.languages)}")
    if values["lang"] not in chosen:
        report.error(rel, line, f"languages: the list must hold the document's own language '{values['lang']}'")
    return tuple(str(lang) for lang in chosen)


def number_duplicates(doc: m.Document) -> m.Document:
    """Give the 2nd, 3rd… identical segment of the same kind its own msgctxt ("paragraph #2"),
    so that each place can be translated on its own; the first keeps the plain kind."""
    seen: dict[tuple[str, str], int] = {}

    def number(segment: m.Segment) -> m.Segment:
        key = (segment.context, segment.source)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] == 1:
            return segment
        return dataclasses.replace(segment, context=f"{segment.context} #{seen[key]}")

    meta = m.map_segments(doc.meta, number)
    blocks = m.map_segments(doc.blocks, number)
    notes = {label: m.map_segments(doc.notes[label], number) for label in doc.note_order}
    notes.update({label: blocks_ for label, blocks_ in doc.notes.items() if label not in notes})
    return dataclasses.replace(doc, meta=meta, blocks=blocks, notes=notes)
