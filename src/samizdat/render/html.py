"""Model → HTML: the body by node type through one rule table, the page by Jinja2.

Takes a localized :class:`model.Document`; gives an HTML string for WeasyPrint (or a
browser). Every text is escaped here or by Jinja's autoescape; nothing from content is
emitted as raw markup. Footnotes are emitted in place as ``<span class="footnote">`` so
WeasyPrint can float them to the page bottom (``float: footnote``).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from samizdat import assets, doclinks, inputs, theme
from samizdat import model as m
from samizdat.config import Config
from samizdat.errors import error
from samizdat.languages import hyphenation
from samizdat.links import online_url, qr_svg
from samizdat.localize import terms
from samizdat.render import toc

NBSP = "\u00a0"
SHORT_LINK = 30  # characters of link text that may be kept on one line with the word before it


class BodyRenderer:
    """Renders blocks and inlines; ``rules`` maps each node type to its method."""

    def __init__(self, doc: m.Document, config: Config, env: jinja2.Environment, cmyk: bool = False):
        self.doc, self.config, self.env = doc, config, env
        self.colours = config.theme.palette(cmyk)  # for SVG, which cannot read the stylesheet's var(--…)
        self.doc_dir = assets.document_dir(doc, config.root)
        self.in_note = False
        self.inner_notes: list[tuple[str, str]] = []  # notes called inside the note being drawn, with their anchors
        self.note_anchors = itertools.count(1)
        self.table_numbers = itertools.count(1)
        self.in_link = False  # a cross-reference inside a link is text: links do not nest
        self.id_prefix = ""  # set when two languages share one page, so anchors stay unique
        self.loc = m.Loc(doc.path, 0)  # of the segment being rendered, for messages
        self.in_heading = False  # headings and the page's own fields become bookmarks and metadata: no soft hyphens
        self.soft_hyphens = hyphenation.hyphenator(config.language(doc.lang).hyphenation_rules)
        self.rules: dict[type, Callable[[Any], str]] = {
            m.Heading: self.heading,
            m.Paragraph: self.paragraph,
            m.BulletList: lambda b: self.list_("ul", b.items, ""),
            m.OrderedList: lambda b: self.list_("ol", b.items, f' start="{b.start}"' if b.start != 1 else "", b.start),
            m.Quote: lambda b: (f'<span class="note-quote">{self.blocks(b.blocks)}</span>' if self.in_note
                                else f"<blockquote>{self.blocks(b.blocks)}</blockquote>"),
            m.Table: self.table,
            m.Callout: self.callout,
            m.Figure: self.figure,
            m.Chart: self.chart,
            m.CodeBlock: lambda b: (f'<code class="note-code">{escape(b.text)}</code>' if self.in_note
                                    else f"<pre><code>{escape(b.text)}</code></pre>"),
            m.Rule: lambda b: "<hr>",
            m.Text: lambda n: str(escape(self.hyphenate(n.text))),
            m.Emph: lambda n: f"<em>{self.inlines(n.children)}</em>",
            m.Strong: lambda n: f"<strong>{self.inlines(n.children)}</strong>",
            m.Code: lambda n: f"<code>{escape(n.text)}</code>",
            m.Link: self.link,
            m.LineBreak: lambda n: "<br>",
            m.NoteRef: self.note,
            m.InlineImage: self.inline_image,
            m.Strikeout: lambda n: f"<del>{self.inlines(n.children)}</del>",
            m.Superscript: lambda n: f"<sup>{self.inlines(n.children)}</sup>",
            m.Subscript: lambda n: f"<sub>{self.inlines(n.children)}</sub>",
            m.TaskList: self.task_list,
            m.DefinitionList: self.definition_list,
            m.LineBlock: lambda b: (f'<span class="note-para line-block">{self.segment(b.text)}</span>' if self.in_note
                                    else f'<div class="line-block">{self.segment(b.text)}</div>'),
            m.CrossRef: self.crossref,
        }

    def render(self, node: Any) -> str:
        return self.rules[type(node)](node)

    def blocks(self, blocks: tuple[m.Block, ...]) -> str:
        return "\n".join(self.render(b) for b in blocks)

    def inlines(self, inlines: tuple[m.Inline, ...]) -> str:
        out, index = [], 0
        while index < len(inlines):
            node, following = inlines[index], inlines[index + 1] if index + 1 < len(inlines) else None
            if isinstance(node, m.Text) and node.text.endswith(NBSP) and isinstance(following, m.Link):
                out.append(self.joined_to_link(node, following))
                index += 2
                continue
            out.append(self.render(node))
            index += 1
        return "".join(out)

    def joined_to_link(self, node: m.Text, link: m.Link) -> str:
        """A short word the typography joined to the link after it ("на tsikhanouskaya.org").
        WeasyPrint cannot go back to the break before that word once the link does not fit
        (Kozea/WeasyPrint#163) and stretches the line instead, so the word and a short link
        are kept on one line together; before a long link the word keeps a plain space."""
        head, space, word = node.text[:-1].rpartition(" ")
        if len(m.plain_text(link.children)) > SHORT_LINK:
            return self.render(m.Text(node.text[:-1] + " ")) + self.render(link)
        before = self.render(m.Text(head + space)) if space else ""  # " [" after an emphasis keeps its space
        return f'{before}<span style="white-space: nowrap">{self.render(m.Text(word + NBSP))}{self.render(link)}</span>'


    def segment(self, segment: m.Segment) -> str:
        self.loc = segment.loc
        html = self.inlines(segment.inlines)
        if segment.fallback:  # translation missing: show the source, visibly, in its own language
            return f'<span class="fallback" lang="{escape(self.doc.meta.lang)}">{html}</span>'
        return html

    def hyphenate(self, text: str) -> str:
        """Soft hyphens where the language's own rules break words (the PDF's body text)."""
        return self.soft_hyphens(text) if self.soft_hyphens and not self.in_heading else text

    def unhyphenated(self, segment: m.Segment) -> str:
        self.in_heading = True
        try:
            return self.segment(segment)
        finally:
            self.in_heading = False

    # blocks

    def heading(self, block: m.Heading) -> str:
        """Level n is ``<h(n+1)>``: the page's one ``<h1>`` is the title (level 0). Level 6
        has no HTML element left, so it is a paragraph with the heading role, at ARIA level 7."""
        level, anchor = max(block.level, 1) + 1, escape(self.id_prefix + block.anchor)
        text = self.unhyphenated(block.text)
        if level > 6:
            return f'<p class="h{level}" role="heading" aria-level="{level}" id="{anchor}">{text}</p>'
        return f'<h{level} id="{anchor}">{text}</h{level}>'

    def paragraph(self, block: m.Paragraph) -> str:
        if self.in_note:  # a <p> inside the calling <p> would end it: note paragraphs are spans
            return f'<span class="note-para">{self.segment(block.text)}</span>'
        return f"<p>{self.segment(block.text)}</p>"

    def list_(self, tag: str, items: tuple[tuple[m.Block, ...], ...], attrs: str, start: int = 1) -> str:
        if self.in_note:  # inside the calling <p>: spans only, or the parser would end the paragraph
            marks = [f"{start + i}." for i in range(len(items))] if tag == "ol" else ["•"] * len(items)
            rendered = "".join(f'<span class="note-item"><span class="note-mark">{mark}</span> {self.blocks(item)}</span>'
                               for mark, item in zip(marks, items))
            return f'<span class="note-list">{rendered}</span>'
        rendered = "".join(f"<li>{self.blocks(item)}</li>" for item in items)
        return f"<{tag}{attrs}>{rendered}</{tag}>"

    def task_list(self, block: m.TaskList) -> str:
        marks = ["•" if block.start is None else f"{block.start + i}." for i in range(len(block.items))]
        rendered = []
        for item, done, mark in zip(block.items, block.done, marks):
            if self.in_note:  # spans, as for other lists in notes; the box stands where the mark would
                lead = "" if done is not None else f'<span class="note-mark">{mark}</span> '
                rendered.append(f'<span class="note-item">{lead}{self.task_item(item, done)}</span>')
            else:
                kind = "" if done is None else ' class="task"'
                rendered.append(f"<li{kind}>{self.task_item(item, done)}</li>")
        if self.in_note:
            return f'<span class="note-list">{"".join(rendered)}</span>'
        tag = "ul" if block.start is None else "ol"
        start = f' start="{block.start}"' if block.start not in (None, 1) else ""
        return f'<{tag} class="task-list"{start}>{"".join(rendered)}</{tag}>'

    def task_item(self, blocks: tuple[m.Block, ...], done: bool | None) -> str:
        """An item's blocks; with a box, it starts the first paragraph (:meth:`task_box`)."""
        if done is None or not blocks or not isinstance(blocks[0], m.Paragraph):
            return self.blocks(blocks)
        first = f"{self.task_box(done)} {self.segment(blocks[0].text)}"
        return (f'<span class="note-para">{first}</span>' if self.in_note else f"<p>{first}</p>") + self.blocks(blocks[1:])

    def task_box(self, done: bool) -> str:
        """A box drawn by the stylesheet (no font has ☐ and ☑ that every theme can rely on)."""
        return f'<span class="task-box{" done" if done else ""}"></span>'

    def definition_list(self, block: m.DefinitionList) -> str:
        if self.in_note:
            return "".join(f'<span class="note-para"><strong>{self.segment(item.term)}</strong></span>'
                           + "".join(f'<span class="note-definition">{self.blocks(d)}</span>' for d in item.definitions)
                           for item in block.items)
        return "<dl>" + "".join(f"<dt>{self.segment(item.term)}</dt>" + "".join(f"<dd>{self.blocks(d)}</dd>" for d in item.definitions)
                                for item in block.items) + "</dl>"

    def ident(self, numbered: m.Numbered) -> str:
        return f' id="{escape(self.id_prefix + numbered.ident)}"' if numbered.ident else ""

    def caption(self, numbered: m.Numbered, text: m.Segment | None) -> str:
        """A caption's text after its number ("Figure 2. "), if it has one."""
        label = f'<span class="caption-label">{escape(numbered.label)}</span>' if numbered.label else ""
        return label + (self.segment(text) if text is not None else "")

    def table(self, block: m.Table) -> str:
        def cells(row: tuple[m.Cell, ...], tag: str) -> str:
            out = []
            for cell in row:
                align = f' class="align-{cell.align}"' if cell.align else ""
                scope = ' scope="col"' if tag == "th" else ""
                out.append(f"<{tag}{align}{scope}>{self.segment(cell.text)}</{tag}>")
            return "<tr>" + "".join(out) + "</tr>"

        head = f"<thead>{cells(block.head, 'th')}</thead>" if block.head else ""
        body = "".join(cells(row, "td") for row in block.rows)
        caption = self.caption(block.numbered, block.caption)
        caption = f"<caption>{caption}</caption>" if caption else ""
        ident = f"{self.id_prefix}{next(self.table_numbers)}"  # for the PDF to fit a table too wide (render.wide_tables)
        return (f'<table{self.ident(block.numbered)} data-table="{escape(ident)}" data-line="{block.loc.line}">'
                f"{caption}{head}<tbody>{body}</tbody></table>")

    def callout(self, block: m.Callout) -> str:
        title = f'<p class="callout-title">{self.segment(block.title)}</p>' if block.title else (
            f'<p class="callout-title">{escape(block.label)}</p>' if block.label else "")
        return f'<aside class="callout callout-{escape(block.kind)}">{title}{self.blocks(block.blocks)}</aside>'

    def figure(self, block: m.Figure) -> str:
        image = assets.picture(block.src, block.loc, self.doc_dir, self.config.root)
        alt = escape(block.alt.plain())
        title = f' title="{escape(block.title.plain())}"' if block.title else ""
        shown_title = f'<span class="figure-title">{self.segment(block.title)}</span>' if block.title else ""
        return (
            f'<figure{self.ident(block.numbered)}><img src="{escape(self.asset_href(image))}" alt="{alt}"{title}>'
            f"<figcaption>{self.caption(block.numbered, block.alt)}{shown_title}</figcaption></figure>"
        )

    def asset_href(self, image: assets.Picture) -> str:
        """How the print page refers to a project image (served by the PDF's URL fetcher)."""
        return assets.asset_url(image, self.config.root)

    def chart(self, block: m.Chart) -> str:
        caption = self.caption(block.numbered, block.caption)
        svg = self.env.get_template("chart.svg.j2").render(chart=block, doc=self.doc, fonts=self.config.fonts, colours=self.colours, caption_text=block.caption.plain() if block.caption else "")
        return f'<figure{self.ident(block.numbered)} class="chart chart-{escape(block.kind)}">{svg}<figcaption>{caption}</figcaption></figure>'

    # inlines

    link_style: doclinks.Style = "online"  # a PDF travels alone: other documents by their online address

    def link(self, node: m.Link) -> str:
        href = doclinks.href(node.url, self.doc, self.config, self.link_style)
        if href is None:  # another document, and no online address to give
            return self.inlines(node.children)
        title = f' title="{escape(node.title)}"' if node.title else ""
        outer, self.in_link = self.in_link, True
        try:
            return f'<a href="{escape(href)}"{title}>{self.inlines(node.children)}</a>'
        finally:
            self.in_link = outer

    def crossref(self, node: m.CrossRef) -> str:
        """The reference ("Figure 2") as a link to what it names (an internal link in the PDF)."""
        if self.in_link:
            return str(escape(node.shown))
        return f'<a class="crossref" href="#{escape(self.id_prefix + node.target)}">{escape(node.shown)}</a>'

    def note(self, node: m.NoteRef) -> str:
        """The note, floated to the page bottom where it is called.

        WeasyPrint numbers a note floated inside another note before the outer one, so a
        note's own calls are drawn as notes that follow it in the text instead (hidden calls),
        numbered in reading order; the call inside the note shows that number through an
        anchor placed right after the inner note (``target-counter`` in print.css).
        """
        if self.in_note:
            anchor = f"{self.id_prefix}after-note-{next(self.note_anchors)}"
            self.inner_notes.append((node.label, anchor))
            return f'<span class="inner-note-call" data-note="#{escape(anchor)}"></span>'
        return self.floated_note(node.label, "footnote")

    def floated_note(self, label: str, kind: str, anchor: str = "") -> str:
        """The note, its anchor (when called from a note), then the notes it calls."""
        outer, self.inner_notes, self.in_note = self.inner_notes, [], True
        try:
            html = f'<span class="{kind}">{self.blocks(self.doc.notes.get(label, ()))}</span>'
            inner = self.inner_notes
        finally:
            self.in_note, self.inner_notes = False, outer
        html += f'<span id="{escape(anchor)}"></span>' if anchor else ""
        return html + "".join(self.floated_note(called, "footnote inner-note", at) for called, at in inner)

    def inline_image(self, node: m.InlineImage) -> str:
        image = assets.picture(node.src, self.loc, self.doc_dir, self.config.root)
        title = f' title="{escape(node.title)}"' if node.title else ""
        return f'<img class="inline" src="{escape(self.asset_href(image))}" alt="{escape(node.alt)}"{title}>'


def template_loader(templates_dir: Path) -> jinja2.BaseLoader:
    """Templates read through ``samizdat.inputs``: a build renders the bytes it fingerprinted."""

    def load(name: str) -> tuple[str, str, Callable[[], bool]] | None:
        parts = name.replace("\\", "/").split("/")
        if any(part in ("", ".", "..") for part in parts):
            return None  # never outside the templates folder
        path = templates_dir.joinpath(*parts)
        try:
            source = inputs.read_bytes(path).decode("utf-8")
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return None
        digest = inputs.digest(path)
        return source, str(path), lambda: inputs.digest(path) == digest

    return jinja2.FunctionLoader(load)


def environment(config: Config) -> jinja2.Environment:
    """The Jinja environment of the project's theme (its layers, first match wins)."""
    return _environment(config.theme.layers)


@lru_cache(maxsize=8)
def _environment(layers: tuple[Path, ...]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([template_loader(layer) for layer in layers]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css_string"] = css_string
    return env


@contextmanager
def template_errors(config: Config) -> Iterator[None]:
    """Jinja's exceptions as ``templates/x.j2:LINE: error: …`` (a designer's mistake, not a crash)."""
    try:
        yield
    except jinja2.TemplateSyntaxError as exc:
        raise error(_template_path(exc.filename or exc.name or "?", config), exc.lineno, f"template syntax: {exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        raise error(f"{config.rel(config.templates_dir)}/{exc.name}", None, "template not found") from None
    except (jinja2.TemplateError, TypeError, ValueError, KeyError, AttributeError) as exc:
        where = _template_frame(exc.__traceback__)
        if where is None:
            raise
        raise error(_template_path(where[0], config), where[1], f"template error: {exc}") from None


def _template_frame(tb: Any) -> tuple[str, int] | None:
    """The innermost template line in a traceback (Jinja rewrites frames to point at it)."""
    found = None
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".j2", ".html", ".svg")):
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _template_path(filename: str, config: Config) -> str:
    path = Path(filename) if Path(filename).is_absolute() else config.theme.find(filename)
    return theme.shown(path, config.root) if path else f"{config.rel(config.templates_dir)}/{filename}"


def css_string(text: str) -> Markup:
    """A text as a CSS string literal (for ``content:`` in @page rules)."""
    escaped = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ")
    return Markup(f'"{escaped}"')


def css_counters(template: str) -> Markup:
    """'Page %(page)s of %(pages)s' → '"Page " counter(page) " of " counter(pages)'."""
    import re

    parts = re.split(r"(%\((?:page|pages)\)s)", template)
    out = []
    for part in parts:
        if part == "%(page)s":
            out.append("counter(page)")
        elif part == "%(pages)s":
            out.append("counter(pages)")
        elif part:
            out.append(str(css_string(part)))
    return Markup(" ".join(out))


def _context(doc: m.Document, config: Config, env: jinja2.Environment, cmyk: bool = False) -> dict[str, Any]:
    """What a page template sees of one localized document (colours in CMYK for print)."""
    if doc.ui is None:
        raise ValueError("rendering needs a localized document (localize() sets doc.ui)")
    ui = doc.ui
    body = BodyRenderer(doc, config, env, cmyk)
    return dict(
        gettext=ui.gettext,
        _=ui.gettext,
        ngettext=ui.ngettext,
        pgettext=ui.pgettext,
        npgettext=ui.npgettext,
        renderer=body,
        doc=doc,
        meta=doc.meta,
        ui=ui,
        fonts=config.fonts,
        project=config.name,
        segment=lambda s: Markup(body.unhyphenated(s)) if s else "",
        page_of=css_counters(ui.pgettext(*terms.PAGE_OF)),
        date=ui.date(doc.meta.date) if doc.meta.date else "",
        iso_date=doc.meta.date.isoformat() if doc.meta.date else "",
        online_url=online_url(doc, config),
        qr_svg=lambda url, title="": Markup(qr_svg(url, title, body.colours.get("ink", "#000000"))),
        colours=body.colours,
        toc=toc.entries(doc) if doc.meta.toc else (),
    )


def render_html(doc: m.Document, config: Config, cmyk: bool = False) -> str:
    """The full HTML page of a localized document; ``cmyk``: its SVG colours for print."""
    env = environment(config)
    with template_errors(config):
        context = _context(doc, config, env, cmyk)
        body = Markup(context["renderer"].blocks(doc.blocks))
        return env.get_template(config.theme.template(doc.meta.template).html).render(**context, body=body)


def render_bilingual_html(left: m.Document, right: m.Document, config: Config, cmyk: bool = False) -> str:
    """One page with two languages side by side, block by block.

    Possible because localization maps segments one to one: both documents have the same
    blocks in the same order, so row *i* holds block *i* in each language.
    """
    env = environment(config)
    with template_errors(config):
        one, two = _context(left, config, env, cmyk), _context(right, config, env, cmyk)
        two["renderer"].id_prefix = f"{right.lang}-"
        rows = [
            (Markup(one["renderer"].render(a)), Markup(two["renderer"].render(b)))
            for a, b in zip(left.blocks, right.blocks, strict=True)
        ]
        return env.get_template(config.theme.bilingual.html).render(**one, left=one, right=two, rows=rows)
