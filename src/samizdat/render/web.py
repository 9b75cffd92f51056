"""Model → a standalone web page: the ``html`` format.

Takes a localized :class:`model.Document`; writes ``build/<lang>/<slug>.html``, one file
with its stylesheet inline, plus the document's images under ``build/<lang>/assets/``.
The body is drawn by the print renderer's :class:`~samizdat.render.html.BodyRenderer`
with three differences for a screen: footnotes become numbered calls and a notes section
with back-links (print floats them to the page bottom instead), images are referenced by
relative URLs to copies beside the page (never ``file://``), and wide tables scroll in
their own box on a phone. The page links the same document in the other configured
languages and its PDF and DOCX editions.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import jinja2
from markupsafe import Markup, escape

from samizdat import assets, atomic, inputs, writers
from samizdat import model as m
from samizdat.config import Config
from samizdat.render.html import BodyRenderer, _context, environment, template_errors

ASSETS = "assets"  # folder beside the page, shared by the documents of one language


class WebBodyRenderer(BodyRenderer):
    """The print body renderer with web footnotes, relative images and scrolling tables.

    Images are copied to ``asset_dir`` under a name that carries a hash of their content,
    so two documents' ``figure.png`` never collide and a rebuild rewrites nothing.
    """

    def __init__(self, doc: m.Document, config: Config, env: jinja2.Environment, asset_dir: Path):
        super().__init__(doc, config, env)
        self.asset_dir = asset_dir
        self.numbers = {label: n for n, label in enumerate(doc.note_order, 1)}
        self.calls: dict[str, list[str]] = {}  # note label → ids of its calls, in page order
        self.rules[m.NoteRef] = self.note_call
        self.link_style = "web"  # other documents: their pages beside this one
        self.soft_hyphens = None  # copied or searched text must not carry them

    # footnotes: a numbered call here, the note in notes_section()

    def note_id(self, label: str) -> str:
        return f"{self.id_prefix}fn-{self.numbers[label]}"

    def note_call(self, node: m.NoteRef) -> str:
        if node.label not in self.doc.notes:
            return ""
        self.numbers.setdefault(node.label, len(self.numbers) + 1)
        ids = self.calls.setdefault(node.label, [])
        ref = f"{self.id_prefix}fnref-{self.numbers[node.label]}" + (f"-{len(ids) + 1}" if ids else "")
        ids.append(ref)
        number = self.numbers[node.label]
        return (f'<sup class="note-call"><a href="#{escape(self.note_id(node.label))}" id="{escape(ref)}" '
                f'role="doc-noteref">{number}</a></sup>')

    def notes_section(self, heading: str, back: str) -> str:
        """The notes called so far, each ending in links back to its calls; call it last."""
        items, done = [], set()
        while pending := [label for label in self.numbers if label in self.calls and label not in done]:
            for label in pending:  # a note may call another note: loop until none is new
                done.add(label)
                links = "".join(
                    f' <a class="note-back" href="#{escape(ref)}" role="doc-backlink" aria-label="{escape(back)}">'
                    f'↩\ufe0e{"<sup>" + str(i) + "</sup>" if len(self.calls[label]) > 1 else ""}</a>'
                    for i, ref in enumerate(self.calls[label], 1)
                )
                number = self.numbers[label]  # value=: the list follows the calls' numbers, whatever is left out
                items.append((number, f'<li id="{escape(self.note_id(label))}" value="{number}" role="doc-endnote">'
                                      f"{self.note_blocks(self.doc.notes[label], links)}</li>"))
        if not items:
            return ""
        notes = "".join(item for _, item in sorted(items))
        title_id = f"{self.id_prefix}notes-title"
        return (f'<section class="notes" role="doc-endnotes" aria-labelledby="{title_id}">'
                f'<h2 id="{title_id}">{escape(heading)}</h2><ol>{notes}</ol></section>')

    def note_blocks(self, blocks: tuple[m.Block, ...], links: str) -> str:
        """A note's blocks, the back-links inside its last paragraph when it ends in one."""
        if blocks and isinstance(blocks[-1], m.Paragraph):
            return self.blocks(blocks[:-1]) + f"<p>{self.segment(blocks[-1].text)}{links}</p>"
        return self.blocks(blocks) + f"<p>{links}</p>"

    # images: copied beside the page, referenced relatively (the print renderer's hook)

    def asset_href(self, image: assets.Picture) -> str:
        return publish(image, self.asset_dir)

    # task lists: a real, read-only check box, which browsers and screen readers announce

    def task_box(self, done: bool) -> str:
        return f'<input type="checkbox" class="task-box" disabled{" checked" if done else ""}>'

    # tables: a phone scrolls a wide table inside its box, not the whole page

    def table(self, block: m.Table) -> str:
        return f'<div class="table-scroll" tabindex="0">{super().table(block)}</div>'


ASSET_NAME = re.compile(r".+-[0-9a-f]{10}\.[a-z0-9]+")  # what asset_href writes: stem-hash.ext
ASSET_REF = re.compile(rf"""["'(]{ASSETS}/([^"'()\s]+)""")


def publish(image: assets.Picture, asset_dir: Path) -> str:
    """Copy an image beside the pages under a content-hashed name; gives its relative href.
    The bytes are those the load check passed: an SVG sanitized, so it cannot run scripts."""
    name = f"{image.path.stem}-{hashlib.sha256(image.data).hexdigest()[:10]}{image.path.suffix.lower()}"
    target = asset_dir / name
    if not target.is_file() or target.read_bytes() != image.data:
        atomic.write_bytes(target, image.data)
    return f"{ASSETS}/{quote(name)}"


def asset_publisher(doc: m.Document, config: Config, asset_dir: Path) -> Callable[[str, m.Loc], str]:
    """``(src, loc) → href`` for another edition that sits beside the web pages (Markdown)."""
    folder = assets.document_dir(doc, config.root)
    return lambda src, loc: publish(assets.picture(src, loc, folder, config.root), asset_dir)


def prune_assets(folder: Path) -> list[Path]:
    """Delete images in ``folder/assets`` that no web page in ``folder`` refers to any more
    (an edited image gets a new name, so the old one would stay forever); gives what went."""
    assets = folder / ASSETS
    if not assets.is_dir():
        return []
    used = {unquote(name) for page in [*folder.glob("*.html"), *folder.glob("*.md")]
            for name in ASSET_REF.findall(page.read_text(encoding="utf-8", errors="replace"))}
    gone = [path for path in sorted(assets.iterdir())
            if path.is_file() and ASSET_NAME.fullmatch(path.name) and path.name not in used]
    for path in gone:
        path.unlink()
    return gone


def css_string(text: str) -> str:
    """Text as a CSS string literal that is also safe inside <style>."""
    out = []
    for char in str(text):
        if char in '\\"<>&' or ord(char) < 0x20:
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def language_links(doc: m.Document, config: Config, languages: list[str] | None = None) -> list[dict[str, Any]]:
    """The document's language editions (``languages``, else every configured one), each
    named in its own language; the page's own language is always among them."""
    links = []
    for lang in config.languages:
        if languages is not None and lang not in languages and lang != doc.lang:
            continue
        links.append(dict(
            lang=lang,
            tag=config.bcp47(lang),
            name=config.language(lang).name,
            href=f"../{lang}/{doc.slug}.html",
            current=lang == doc.lang,
        ))
    return links


def stylesheet(config: Config) -> Markup:
    """The web stylesheet of the project's templates, to be inlined in a <style> element."""
    paths = [path for name in config.theme.web.css if (path := config.theme.find(name))]
    css = "\n".join(inputs.read_bytes(path).decode("utf-8", errors="replace") for path in paths)
    fonts = config.fonts
    variables = (
        ":root {\n"
        f"  --font-serif: {css_string(fonts.get('serif', 'PT Serif'))};\n"
        f"  --font-sans: {css_string(fonts.get('sans', 'PT Sans'))};\n"
        f"  --font-mono: {css_string(fonts.get('mono', 'PT Mono'))};\n"
        "}\n"
    )
    return Markup(variables + css.replace("</", "<\\/"))  # the file cannot end the <style> element


def render_page(doc: m.Document, config: Config, asset_dir: Path, languages: list[str] | None = None) -> str:
    """The web page of a localized document as a string; images are copied to ``asset_dir``."""
    env = environment(config)
    with template_errors(config):
        context = _context(doc, config, env)
        body = WebBodyRenderer(doc, config, env, asset_dir)
        context.update(renderer=body, segment=lambda s: Markup(body.segment(s)) if s else "")
        downloads = [fmt for fmt in writers.downloads() if fmt in config.formats]
        return env.get_template(config.theme.web.html).render(
            **context,
            body=Markup(body.blocks(doc.blocks)),
            notes=lambda heading, back: Markup(body.notes_section(heading, back)),
            languages=language_links(doc, config, languages),
            downloads={fmt: f"{doc.slug}.{fmt}" for fmt in downloads},
            stylesheet=stylesheet(config),
        )


def render(doc: m.Document, config: Config, target: Path, languages: list[str] | None = None) -> None:
    """Write the web page of ``doc`` to ``target`` (the build writes to a temporary file
    beside the final one); its images go to the ``assets`` folder beside it."""
    target.write_text(render_page(doc, config, target.parent / ASSETS, languages), encoding="utf-8")
