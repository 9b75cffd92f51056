"""Property-based tests: generated Markdown documents never crash samizdat and lose no text.

Documents are made of headings, paragraphs (emphasis, strong, code, links, footnote calls,
hard and soft breaks), bullet and ordered lists (nested, tight and loose), block quotes,
GFM tables, footnotes, ``:::`` boxes, charts, figures and code blocks, in English and
Belarusian/Russian words (ў, і, ё…), with punctuation, quotes of every language, ``<``,
``&``, entities and text that looks like raw HTML; the renderer properties also use any
printable Unicode (combining marks, right-to-left, emoji, Markdown punctuation in words).
For each document:

* loading and localizing raise nothing but :class:`SamizdatError` (also for arbitrary
  bodies and front matter, and for nesting of any depth, which may be refused with a line);
* every word written reaches the model (Markdown parsing drops nothing);
* every segment's text (split at footnote calls, ``tests.support.pieces``) and every code
  line is in the text of the HTML page and of the DOCX (body, tables and
  ``word/footnotes.xml``), in the source language and as marked fallbacks in be and ru.

PDFs are too slow for hypothesis; one generated document (fixed seed) plus a hand-made
nasty one goes through the whole build to PDF and is read back with pdftotext. The last
section pins wrong output found while writing these properties.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, example, given, seed, settings
from hypothesis import strategies as st
from lxml import etree
from lxml import html as lxml_html

from samizdat import model as m
from samizdat.config import Config, load_config
from samizdat.content import load_document
from samizdat.errors import Report, SamizdatError
from samizdat.localize import localize
from samizdat.render import docx as docx_renderer
from samizdat.render.html import render_html
from tests.support import copy_project, pdf_text, pieces, run_cli, squash

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# --- text ------------------------------------------------------------------------------

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZабвгдеёжзійклмнопрстуўфхцчшщыьэюяАБВГДЕЁЖЗІЙКЛМНОПРСТУЎФХЦЧШЫЬЭЮЯ"
VOCABULARY = [
    "Belarus", "Strasbourg", "resolution", "vote", "prisoners", "Tsikhanouskaya", "OSCE",
    "Беларусь", "ўсе", "і", "ёсць", "Ціханоўская", "вызваленне", "сям", "Лукашэнка", "у", "в",
    "Европа", "голосов", "её", "ещё", "a", "I", "Q",
]
# Between words: punctuation, quotes of every language, dashes, and text that looks like markup.
SEPARATORS = [
    " ", " ", " ", ", ", ". ", "; ", ": ", "! ", "? ", " – ", " — ", " - ", " -- ", "’", "'", " \"", "\" ",
    " «", "» ", " „", "“ ", " (", ") ", " / ", " … ", " < ", " > ", " & ", " && ", " <b> ", " </b> ",
    " <script>alert(1)</script> ", " <!-- note --> ", " &amp; ", " &lt;tag&gt; ", " &nbsp; ", " #1 ",
    " 458 ", " 2026 ", " 84% ", " \\* ", " a<b ", " x & y ", " [brackets] ", " {braces} ", " ~tilde~ ",
]

# Words of letters only (so the words test can find each one again) …
words = st.one_of(st.sampled_from(VOCABULARY), st.text(alphabet=LETTERS, min_size=1, max_size=9))
# … and, for the renderers, any printable text: combining marks, right-to-left, emoji, zero-width,
# Markdown and HTML punctuation inside words.
any_words = st.one_of(words, st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=6))


@st.composite
def plain_run(draw, min_words: int = 1, max_words: int = 6, w=words) -> str:
    """Words joined by separators; starts and ends with a word (no block markers, flanking ok)."""
    items = draw(st.lists(w, min_size=min_words, max_size=max_words))
    out = [items[0]]
    for word in items[1:]:
        out.append(draw(st.sampled_from(SEPARATORS)))
        out.append(word)
    return "".join(out)


@st.composite
def inline(draw, depth: int = 0, in_table: bool = False, links: bool = True, notes: list | None = None, w=words) -> str:
    """One line of inline Markdown that starts and ends with a word."""
    parts = [draw(plain_run(w=w))]
    for _ in range(draw(st.integers(0, 4))):
        kinds = ["plain", "code"] + (["em", "strong"] if depth < 3 else []) + (["link"] if links else [])
        kinds += ["note"] if notes is not None else []
        kinds += ["hardbreak", "softbreak"] if not in_table else []
        kind = draw(st.sampled_from(kinds))
        if kind == "plain":
            piece = draw(plain_run(w=w))
        elif kind == "code":
            code = draw(st.text(alphabet=LETTERS + " <>&*_[]#|-", min_size=1, max_size=12)).replace("|", "")
            piece = f"`{code or 'x'}`"
        elif kind == "em":
            piece = f"*{draw(inline(depth + 1, in_table, links, None, w))}*"
        elif kind == "strong":
            piece = f"**{draw(inline(depth + 1, in_table, links, None, w))}**"
        elif kind == "link":
            target = draw(st.sampled_from(["https://www.europarl.europa.eu/", "https://example.org/a?b=1&c=2", "#a-heading", "mailto:x@example.org"]))
            piece = f"[{draw(inline(depth + 1, in_table, False, None, w))}]({target})"
        elif kind == "note":
            label = str(len(notes) + 1)
            notes.append(label)
            parts[-1] += f"[^{label}]"
            continue
        elif kind == "hardbreak":
            parts[-1] += "\\\n" + draw(plain_run(w=w))
            continue
        else:
            parts[-1] += "\n" + draw(plain_run(w=w))
            continue
        parts.append(piece)
    line = " ".join(parts)
    if not re.search(r"[\w]$", line):  # end on a word so the next separator cannot flank wrongly
        line += " " + draw(st.sampled_from(VOCABULARY))
    return line


# --- blocks ----------------------------------------------------------------------------


@st.composite
def list_block(draw, depth: int, notes: list, w=words) -> str:
    ordered = draw(st.booleans())
    start = draw(st.integers(1, 30)) if ordered else 1
    items = []
    for number in range(draw(st.integers(1, 4))):
        marker = f"{start + number}." if ordered else draw(st.sampled_from(["-", "*", "+"]))
        pad = " " * (len(marker) + 1)
        text = draw(inline(notes=notes, w=w)).replace("\n", "\n" + pad)
        item = f"{marker} {text}"
        if depth < 3 and draw(st.integers(0, 3)) == 0:
            child = draw(list_block(depth + 1, notes, w))
            item += "\n\n" + "\n".join(pad + line if line else line for line in child.split("\n"))
        items.append(item)
    # a blank line between items makes a loose list: paragraphs inside items (both are tested)
    return ("\n\n" if draw(st.booleans()) else "\n").join(items)


@st.composite
def table_block(draw, notes: list, w=words) -> str:
    columns = draw(st.integers(1, 4))
    align = draw(st.lists(st.sampled_from(["---", ":---", "---:", ":---:"]), min_size=columns, max_size=columns))
    rows = [[draw(inline(in_table=True, notes=notes, w=w)).replace("|", "\\|") for _ in range(columns)] for _ in range(draw(st.integers(1, 4)))]
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join([lines[0], "| " + " | ".join(align) + " |", *lines[1:]])


@st.composite
def quote_block(draw, notes: list, w=words) -> str:
    inner = draw(st.lists(st.one_of(inline(notes=notes, w=w), list_block(2, notes, w)), min_size=1, max_size=3))
    text = "\n\n".join(inner)
    return "\n".join("> " + line if line else ">" for line in text.split("\n"))


@st.composite
def box_block(draw, notes: list, w=words) -> str:
    kind = draw(st.sampled_from(["note", "key-facts", "warning"]))
    title = draw(st.one_of(st.just(""), plain_run(max_words=4, w=w)))
    inner = draw(st.lists(st.one_of(inline(notes=notes, w=w), list_block(1, notes, w)), min_size=1, max_size=3))
    return f"::: {kind} {title}".rstrip() + "\n" + "\n\n".join(inner) + "\n:::"


@st.composite
def block(draw, notes: list, w=words) -> str:
    kind = draw(st.sampled_from(["heading", "paragraph", "paragraph", "list", "quote", "table", "box", "code", "rule", "figure", "chart"]))
    if kind == "heading":
        return "#" * draw(st.integers(1, 4)) + " " + draw(inline(links=False, w=w)).replace("\\\n", " ").replace("\n", " ")
    if kind == "paragraph":
        return draw(inline(notes=notes, w=w))
    if kind == "list":
        return draw(list_block(0, notes, w))
    if kind == "quote":
        return draw(quote_block(notes, w))
    if kind == "table":
        return draw(table_block(notes, w))
    if kind == "box":
        return draw(box_block(notes, w))
    if kind == "code":
        return "```\n" + draw(plain_run(w=w)) + "\n```"
    if kind == "figure":  # content/picture.png is put there by the fixture
        return f"![{draw(plain_run(max_words=4, w=w))}](picture.png)"
    if kind == "chart":  # the front matter always has data.votes
        return "::: chart votes\n" + draw(inline(links=False, w=w)) + "\n:::"
    return "---"


def yaml_string(text: str) -> str:
    """A YAML double-quoted string (JSON's, with what YAML may not hold raw escaped too)."""
    quoted = json.dumps(text, ensure_ascii=False)
    return re.sub(r"[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", lambda c: f"\\u{ord(c.group()):04x}", quoted)


@st.composite
def documents(draw, w=words) -> str:
    """A whole content file: valid front matter, blocks, footnote definitions."""
    notes: list[str] = []
    blocks = draw(st.lists(block(notes, w), min_size=1, max_size=8))
    front = [
        "---",
        f"title: {yaml_string(draw(inline(links=False, w=w)).replace(chr(10), ' ').replace(chr(92), ''))}",
        f"template: {draw(st.sampled_from(['briefing', 'handout']))}",
    ]
    if draw(st.booleans()):
        front.append(f"subtitle: {yaml_string(draw(plain_run(w=w)))}")
    if draw(st.booleans()):
        front.append(f"summary: {yaml_string(draw(plain_run(max_words=12, w=w)))}")
    front.append("date: 2026-11-24")
    front.append("data: {votes: {for: 458, against: 18, abstained: 84}}")
    front.append("---")
    # a note's text starts with a word: '[^1]: # x' would be a heading, which notes do not hold
    definitions = [f"[^{label}]: Note {draw(inline(w=w))}" for label in notes]
    return "\n".join(front) + "\n\n" + "\n\n".join(blocks + definitions) + "\n"


# --- fixtures and readers --------------------------------------------------------------


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Config:
    project = copy_project(tmp_path_factory.mktemp("properties"))
    shutil.copyfile(project / "content" / "ep-resolution-briefing" / "hemicycle.png", project / "content" / "picture.png")
    return load_config(project)


def load(config: Config, text: str, name: str = "generated.md", lang: str | None = None) -> m.Document:
    """Load a content file and localize it: into the source language, or into another one
    (there is no catalog for generated documents, so every segment is a marked fallback)."""
    path = config.content_dir / name
    path.write_text(text, encoding="utf-8")
    return localize(load_document(path, config), lang or config.source_language, config, Report())


# Characters XML 1.0 cannot hold: the DOCX renderer drops them (render/docx/wordml.py).
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def normalize(text: str) -> str:
    text = _NOT_XML.sub("", text).replace("\u00a0", " ").replace("\u00ad", "")
    return re.sub(r"\s+", " ", text).strip()


def code_blocks(blocks: tuple[m.Block, ...]) -> list[str]:
    found = []
    for b in blocks:
        if isinstance(b, m.CodeBlock):
            found.append(b.text)
        elif isinstance(b, (m.Quote, m.Callout)):
            found += code_blocks(b.blocks)
        elif isinstance(b, (m.BulletList, m.OrderedList)):
            for item in b.items:
                found += code_blocks(item)
    return found


def segment_pieces(doc: m.Document) -> list[str]:
    """What a reader must find: every segment's text between footnote calls, every code line
    (the author is a document property, not printed on the page)."""
    texts = [p for s in m.iter_segments(doc) if s is not doc.meta.author for p in pieces(s)]
    texts += [line for text in code_blocks(doc.blocks) for line in text.splitlines()]
    return [normalize(t) for t in texts if normalize(t)]


def html_text(page: str) -> str:
    tree = lxml_html.document_fromstring(re.sub(r"<br\s*/?>", "<br>\n", page))
    return normalize(tree.body.text_content())


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(path: Path) -> str:
    """The text of the body (paragraphs, tables, text boxes) and of the footnotes, as Word shows it."""
    out = []
    with zipfile.ZipFile(path) as archive:
        for part in ("word/document.xml", "word/footnotes.xml"):
            if part not in archive.namelist():
                continue
            root = etree.fromstring(archive.read(part))
            for paragraph in root.iter(f"{W}p"):
                text = []
                for node in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br"):
                    if node.tag == f"{W}t":
                        text.append(node.text or "")
                    else:
                        text.append(" ")
                out.append("".join(text))
    return normalize("\n".join(out))


def words_of(source: str) -> list[str]:
    """The words the generator put into a document's body (letters only: the words strategy)."""
    body = source.split("\n---\n", 1)[1]
    body = re.sub(r"\]\([^)]*\)", "]", body)  # link and image targets are not text
    body = re.sub(r"\[\^\d+\]", " ", body)  # footnote calls and labels
    body = re.sub(r"&(amp|lt|gt|nbsp);", " ", body)  # entities are decoded, not kept
    body = re.sub(r"<!--.*?-->", " ", body, flags=re.S)  # HTML comments are dropped
    body = re.sub(r"^::: chart votes$", "", body, flags=re.M)
    body = re.sub(r"^:::.*$", lambda m_: m_.group(0).split(" ", 2)[2] if m_.group(0).count(" ") >= 2 else "", body, flags=re.M)
    return re.findall(r"[^\W\d_]+", body)


def model_text(doc: m.Document) -> str:
    return normalize(" ".join([s.plain() for s in m.iter_segments(doc)] + code_blocks(doc.blocks)))


# --- properties ------------------------------------------------------------------------


@SETTINGS
@given(source=documents())
def test_generated_documents_load_and_keep_every_word(config: Config, source: str) -> None:
    doc = load(config, source)  # valid documents: any exception fails, SamizdatError included
    text = model_text(doc)
    lost = [w for w in words_of(source) if w not in text]
    assert not lost, f"words missing from the model: {lost}"


@SETTINGS
@given(source=documents(any_words), lang=st.sampled_from(["en", "en", "be", "ru"]))
@example(source='---\ntitle: "Strasbourg"\n---\n\nThe *vote* [\xa0[ab](https://example.org/) today.\n', lang="en")  # a space lost before a joined link
def test_html_keeps_every_segment(config: Config, source: str, lang: str) -> None:
    doc = load(config, source, lang=lang)
    text = html_text(render_html(doc, config))
    missing = [p for p in segment_pieces(doc) if p not in text]
    assert not missing, f"not in the HTML: {missing}"


@SETTINGS
@given(source=documents(any_words), lang=st.sampled_from(["en", "en", "be", "ru"]))
def test_docx_keeps_every_segment(config: Config, source: str, lang: str) -> None:
    doc = load(config, source, lang=lang)
    target = config.root / "out" / "generated.docx"
    target.parent.mkdir(exist_ok=True)
    docx_renderer.render(doc, config, target)
    text = docx_text(target)
    missing = [p for p in segment_pieces(doc) if p not in text]
    assert not missing, f"not in the DOCX: {missing}"


# Arbitrary text where the generator above is careful: only SamizdatError may come out.
junk = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)
markdownish = st.lists(st.sampled_from(["# ", "- ", "1. ", "> ", "::: note ", "::: chart votes", ":::", "| a | b |\n|---|---|", "[^1]", "[^1]: n",
                                       "*", "**", "_", "`", "```", "![x](y.png)", "[l](u)", "<b>", "&amp;", "\n", "\n\n", "    ", "\t", "ў", "Ё", "\\"]),
                       max_size=60).map("".join)


@SETTINGS
@given(body=st.one_of(junk, markdownish), header=st.sampled_from(["title: T", "title: T\ndata: {votes: {for: 1}}", "title: [T]", "title: T\ndate: 2026-02-30"]))
def test_any_body_loads_or_says_why(config: Config, body: str, header: str) -> None:
    try:
        doc = load(config, f"---\n{header}\n---\n\n{body}\n", "junk.md")
    except SamizdatError as exc:
        assert exc.diagnostics and all(d.path == "content/junk.md" for d in exc.diagnostics), exc.diagnostics
        return
    render_html(doc, config)


@SETTINGS
@given(header=st.text(st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_any_front_matter_loads_or_says_why(config: Config, header: str) -> None:
    try:
        load(config, f"---\n{header}\n---\n\nBody.\n", "junk.md")
    except SamizdatError as exc:
        assert exc.diagnostics and all(d.line is None or d.line >= 1 for d in exc.diagnostics)


# --- one document through the whole build, to PDF ----------------------------------------


@settings(max_examples=1, deadline=None, phases=[Phase.generate], database=None)
@seed(20261124)
@given(source=documents())
def test_generated_document_pdf_keeps_every_segment(source: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    project = copy_project(tmp_path_factory.mktemp("nasty-pdf"))
    nasty = source + "\n" + NASTY
    (project / "content" / "nasty.md").write_text(nasty, encoding="utf-8")
    result = run_cli(project, "build", "--format", "pdf", "--lang", "en", "content/nasty.md")
    assert result.returncode == 0, result.stderr
    text = squash(pdf_text(project / "build" / "en" / "nasty.pdf"))
    config = load_config(project)
    doc = localize(load_document(project / "content" / "nasty.md", config), "en", config, Report())
    missing = [p for p in segment_pieces(doc) if squash(p) not in text]
    assert not missing, f"not in the PDF: {missing}"


NASTY = """
## Ў і ё: «квоты» і „цытаты“ — <b>не HTML</b> & <script>alert(1)</script>

Сям'я & "friends" -- a < b > c, 100 % of *emphasis with `code <i>` inside* and **strong [link](https://example.org/?a=1&b=2)**.

| Колонка & | <td>cell</td> |
|:--|--:|
| ўсё `code` | escaped \\| pipe |

> Quote with a footnote.[^nasty]
>
> - nested ў list
>   1. ordered і

::: warning Увага <warning>
Box text & more.
:::

[^nasty]: A note with **Ё** and <br> text.
"""


# --- nesting depth ---------------------------------------------------------------------


@st.composite
def nested(draw) -> tuple[str, list[str]]:
    """Lists and quotes nested 1–40 deep, a word at each level, then a closing paragraph."""
    kinds = draw(st.lists(st.sampled_from(["-", "1.", ">"]), min_size=1, max_size=40))
    lines, prefix, expected = [], "", []
    for depth, kind in enumerate(kinds):
        word = f"level{depth}"
        expected.append(word)
        lines.append(f"{prefix}{kind} {word}")
        prefix += "> " if kind == ">" else " " * (len(kind) + 1)
    expected.append("closing")
    return "\n".join(lines) + "\n\nclosing words.\n", expected


@SETTINGS
@given(case=nested())
def test_any_nesting_depth_keeps_text_or_says_why(config: Config, case: tuple[str, list[str]]) -> None:
    body, expected = case
    try:
        doc = load(config, "---\ntitle: Nested\n---\n\n" + body, "nested.md")
    except SamizdatError as exc:  # a clear refusal with a line is acceptable
        assert all(d.line for d in exc.diagnostics), exc.diagnostics
        return
    text = model_text(doc)
    assert [w for w in expected if w not in text] == []
    render_html(doc, config)


# --- wrong output found while writing these properties (valid input, known bugs) ---------


def build_one(project: Path, name: str, text: str, fmt: str = "pdf"):
    (project / "content" / name).write_text(text, encoding="utf-8")
    result = run_cli(project, "build", "--format", fmt, "--lang", "en", f"content/{name}")
    assert result.returncode == 0, result.stderr
    return result


def test_chart_at_top_level_is_drawn(project: Path) -> None:
    """The control for the next test: two top-level charts show their bars and values."""
    build_one(project, "charts.md", "---\ntitle: Charts\ndata: {votes: {for: 458, against: 18, abstained: 84}}\n---\n\n"
                                    "::: chart votes\nFirst chart.\n:::\n\n::: chart votes\nSecond chart.\n:::\n")
    text = squash(pdf_text(project / "build" / "en" / "charts.pdf"))
    assert text.count("458") == 2 and text.count("against") == 2, text


def test_chart_inside_a_list_or_quote_is_drawn(project: Path) -> None:
    build_one(project, "nested-chart.md", (
        "---\ntitle: Nested charts\ndata: {votes: {for: 458, against: 18, abstained: 84}}\n---\n\n"
        "- A list item\n\n  ::: chart votes\n  Chart in a list.\n  :::\n\n"
        "> ::: chart votes\n> Chart in a quote.\n> :::\n"
    ))
    text = squash(pdf_text(project / "build" / "en" / "nested-chart.pdf"))
    assert "chartinalist" in text and "chartinaquote" in text
    assert text.count("458") == 2 and text.count("against") == 2, text


def test_ordered_list_may_start_at_zero(config: Config) -> None:
    doc = load(config, "---\ntitle: Zero\n---\n\n0. zero\n1. one\n", "zero.md")
    (block,) = doc.blocks
    assert isinstance(block, m.OrderedList) and block.start == 0
    assert '<ol start="0">' in render_html(doc, config)


def test_footnote_call_in_summary_or_box_title_is_a_footnote(config: Config) -> None:
    doc = load(config, "---\ntitle: Notes\nsummary: A summary with a note.[^s]\n---\n\n"
                       "::: note Box title[^b]\nBox text.\n:::\n\n[^s]: Summary note.\n[^b]: Box title note.\n", "notes.md")
    text = html_text(render_html(doc, config))
    assert "[^" not in text, text
    assert "Summary note." in text and "Box title note." in text


def test_list_in_a_footnote_stays_in_the_footnote_in_the_pdf(project: Path) -> None:
    build_one(project, "note-list.md", "---\ntitle: Note with a list\n---\n\nBody paragraph.[^n]\n\nLast body paragraph.\n\n"
                                       "[^n]: Note paragraph.\n\n    - note item alpha\n    - note item beta\n")
    text = pdf_text(project / "build" / "en" / "note-list.pdf")
    # the footnote area is below the body: the note's list must follow the body's last paragraph
    assert text.index("Last body paragraph") < text.index("Note paragraph") < text.index("note item alpha"), text


def test_line_break_pasted_from_word_is_a_line_break(project: Path) -> None:
    result = build_one(project, "pasted.md", "---\ntitle: Pasted\n---\n\nPasted from Word:\x0bnext line.\n", "pdf,docx")
    assert ".notdef" not in result.stderr, result.stderr
    assert "Word:next" not in docx_text(project / "build" / "en" / "pasted.docx")
