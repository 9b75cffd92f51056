"""Every construct a writer may use arrives in every output, in the source language and in a
translation: one document holding all of them is built through the CLI to PDF, DOCX, the
web page and Markdown, and each output is opened and read back (pdftotext and pypdf,
python-docx and the WordprocessingML, lxml, the Markdown reader)."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path

import lxml.html
import pytest
from babel.messages.pofile import read_po, write_po
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from lxml import etree
from pypdf import PdfReader

from samizdat import model as m
from samizdat.config import load_config
from samizdat.content import load_document
from samizdat.errors import Report
from samizdat.localize import localize
from samizdat.render.html import render_html
from tests.render.test_markdown_writer import LOC, emphasised, inline, line, read_back, segment, shape, tidy
from tests.support import copy_project, pdf_text, run_cli, write_doc

BODY = """\
# Level one {#custom-id}

A ~~struck~~ word, H~2~O and 2^10^, see https://example.org/path, www.example.com or
info@example.org.^[An inline note with *emphasis*.]

<!-- check this figure -->

Text with <!-- an inline remark --> a hidden remark.

- [ ] Open task
- [x] Done task

Term one
: Its definition.

| The first line
|    indented by three
| the last line

![Hemicycle](ep-resolution-briefing/hemicycle.png "Seats by group")

## Level two

### Level three

#### Level four

##### Level five

###### Level six

> Quote text
>
> - quoted item
>
> ```
> quoted code
> ```
>
> ## Quoted heading
>
> > Nested quote
"""
SHOWN = ["struck", "H2O", "210", "https://example.org/path", "www.example.com", "info@example.org", "An inline note with emphasis",
         "a hidden remark", "Open task", "Done task", "Term one", "Its definition", "The first line", "indented by three",
         "Seats by group", "Level six", "quoted item", "quoted code", "Quoted heading", "Nested quote"]
HIDDEN = ["~~", "^10^", "~2~", "[ ]", "[x]", "{#", "<!--", "-->", "check this figure", "an inline remark", "^["]
BE = "Бел"  # prefix of every Belarusian test translation
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1], "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project plus content/constructs.md, translated into Belarusian, built once."""
    project = copy_project(tmp_path_factory.mktemp("constructs"))
    write_doc(project, "constructs.md", "---\ntitle: Every construct\n---\n\n" + BODY)
    assert run_cli(project, "translate", "extract").returncode == 0
    po = project / "locales" / "be" / "LC_MESSAGES" / "constructs.po"
    with po.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if message.id:
            message.string = f"{BE} {message.id}"
    with po.open("wb") as handle:
        write_po(handle, catalog)
    result = run_cli(project, "build", "-q", "content/constructs.md", "--lang", "en,be", "--format", "pdf,docx,html,md")
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="module")
def sample_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("generated"))


def output(project: Path, lang: str, fmt: str) -> Path:
    return project / "build" / lang / f"constructs.{fmt}"


def docx_xml(path: Path, part: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(part))


def docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as package:
        return " ".join("".join(etree.fromstring(package.read(name)).itertext())
                        for name in package.namelist() if name.startswith("word/") and name.endswith(".xml"))


# --- translation -------------------------------------------------------------------------


def test_each_text_is_a_segment_named_for_translators(project: Path) -> None:
    with (project / "locales" / "constructs.pot").open("rb") as handle:
        entries = {(message.context, message.id) for message in read_po(handle) if message.id}
    for expected in [("task", "Open task"), ("task", "Done task"), ("definition term", "Term one"), ("definition", "Its definition."),
                     ("image title", "Seats by group"), ("footnote", "An inline note with *emphasis*."),
                     ("line block", "The first line\\\n\u00a0\u00a0\u00a0indented by three\\\nthe last line")]:
        assert expected in entries
    ids = " ".join(message_id for _, message_id in entries)
    assert "check this figure" not in ids and "an inline remark" not in ids and "^[" not in ids


# --- PDF ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "be"])
def test_pdf_shows_every_construct_and_no_markup(project: Path, lang: str) -> None:
    text = pdf_text(output(project, lang, "pdf"))
    shown = SHOWN if lang == "en" else [f"{BE} {text}" for text in ("Open task", "Term one", "The first line", "Seats by group",
                                                                    "An inline note with emphasis", "Nested quote", "Level six")]
    for expected in shown:
        assert expected in text, expected
    for hidden in HIDDEN:
        assert hidden not in text, hidden


def test_pdf_bookmarks_keep_six_heading_levels(project: Path) -> None:
    outline = PdfReader(output(project, "en", "pdf")).outline
    titles = []
    level = outline
    while isinstance(level, list) and level:
        titles.append(level[0].title if not isinstance(level[0], list) else None)
        level = level[1] if len(level) > 1 else None
    assert titles == ["Every construct", "Level one", "Level two", "Level three", "Level four", "Level five", "Level six"]


def test_check_finds_no_problem(project: Path) -> None:
    result = run_cli(project, "check", "content/constructs.md", "--lang", "en,be")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 problems" in result.stdout


# --- HTML --------------------------------------------------------------------------------


def test_web_page_has_every_construct(project: Path) -> None:
    source = output(project, "en", "html").read_text(encoding="utf-8")
    page = lxml.html.fromstring(source)
    main = page.xpath("//main")[0]
    assert [e.text_content() for e in main.xpath(".//del")] == ["struck"]
    assert [e.text_content() for e in main.xpath(".//sub")] == ["2"] and "10" in [e.text_content() for e in main.xpath(".//sup")]
    hrefs = main.xpath(".//a/@href")
    assert {"https://example.org/path", "http://www.example.com", "mailto:info@example.org"} <= set(hrefs)
    boxes = main.xpath(".//li//input[@type='checkbox']")
    assert len(boxes) == 2 and all(box.get("disabled") is not None for box in boxes)
    assert [box.get("checked") is not None for box in boxes] == [False, True]
    assert [e.text_content() for e in main.xpath(".//dl/dt")] == ["Term one"]
    assert [e.text_content().strip() for e in main.xpath(".//dl/dd")] == ["Its definition."]
    heading = page.get_element_by_id("custom-id")
    assert (heading.tag, heading.text_content()) == ("h2", "Level one")
    levels = [(e.tag, e.get("aria-level"), e.text_content()) for e in main.xpath(".//*[starts-with(text(), 'Level ')]")]
    assert levels == [("h2", None, "Level one"), ("h3", None, "Level two"), ("h4", None, "Level three"), ("h5", None, "Level four"),
                      ("h6", None, "Level five"), ("p", "7", "Level six")]
    assert main.xpath(".//p[@aria-level='7']/@role") == ["heading"]
    assert main.xpath(".//img/@title") == ["Seats by group"]
    assert "Seats by group" in main.xpath(".//figcaption")[0].text_content()
    (lines,) = main.xpath(".//*[contains(@class, 'line-block')]")
    assert len(lines.xpath(".//br")) == 2 and "\u00a0\u00a0\u00a0indented by three" in lines.text_content()
    assert main.xpath(".//blockquote//blockquote")
    assert "An inline note with emphasis" in page.xpath("//section[contains(@class, 'notes')]")[0].text_content()
    for hidden in ("check this figure", "an inline remark", "~~", "{#", "[ ]"):
        assert hidden not in source


def test_print_html_draws_task_boxes_without_glyphs(project: Path) -> None:
    config = load_config(project)
    doc = localize(load_document(project / "content" / "constructs.md", config), "en", config, Report())
    page = lxml.html.fromstring(render_html(doc, config))
    boxes = page.xpath("//li//*[contains(@class, 'task-box')]")
    assert [box.get("class") for box in boxes] == ["task-box", "task-box done"]
    assert all(not box.text_content() for box in boxes)


# --- DOCX --------------------------------------------------------------------------------


def runs_with(root: etree._Element, prop: str) -> list[str]:
    return ["".join(r.itertext()) for r in root.iter(W + "r") if r.find(f"w:rPr/{prop}", NS) is not None]


def test_docx_has_every_construct(project: Path) -> None:
    path = output(project, "en", "docx")
    root = docx_xml(path)
    assert runs_with(root, "w:strike") == ["struck"]
    assert [r for r in runs_with(root, "w:vertAlign[@w:val='superscript']") if r] == ["10"]
    assert runs_with(root, "w:vertAlign[@w:val='subscript']") == ["2"]
    with zipfile.ZipFile(path) as package:
        rels = package.read("word/_rels/document.xml.rels").decode()
    for url in ("https://example.org/path", "http://www.example.com", "mailto:info@example.org"):
        assert f'Target="{url}"' in rels
    assert [i.text.strip() for i in root.iter(W + "instrText")].count("FORMCHECKBOX") == 2
    assert [d.get(W + "val") for d in root.iter(W + "default")] == ["0", "1"]
    styles = {"".join(p.itertext()): (p.find("w:pPr/w:pStyle", NS).get(W + "val") if p.find("w:pPr/w:pStyle", NS) is not None else "")
              for p in root.iter(W + "p")}
    assert [styles[f"Level {name}"] for name in ("one", "two", "three", "four", "five", "six")] == [f"Heading{n}" for n in range(1, 7)]
    assert (styles["Term one"], styles["Its definition."]) == ("DefinitionTerm", "Definition")
    assert "custom_id" in [b.get(W + "name") for b in root.iter(W + "bookmarkStart")]
    (lines,) = [p for p in root.iter(W + "p") if "indented by three" in "".join(p.itertext())]
    assert len(lines.findall(".//w:br", NS)) == 2 and "\u00a0\u00a0\u00a0indented by three" in "".join(lines.itertext())
    (picture,) = root.iter("{%s}docPr" % NS["wp"])
    assert (picture.get("descr"), picture.get("title")) == ("Hemicycle", "Seats by group")
    assert "An inline note with emphasis" in "".join(docx_xml(path, "word/footnotes.xml").itertext())
    text = docx_text(path)
    for hidden in HIDDEN:
        assert hidden not in text, hidden


def effective_indent(p: etree._Element, styles: etree._Element, numbering: etree._Element) -> int:
    """The left indent Word gives paragraph ``p``: its own, else its list level's, else its style's."""
    direct = p.find("w:pPr/w:ind", NS)
    if direct is not None:
        return int(direct.get(W + "left", "0"))
    num = p.find("w:pPr/w:numPr", NS)
    style_id = p.find("w:pPr/w:pStyle", NS)
    chain = []
    while style_id is not None:
        style = styles.find(f"w:style[@w:styleId='{style_id.get(W + 'val')}']", NS)
        chain.append(style)
        style_id = style.find("w:basedOn", NS) if style is not None else None
    if num is None:
        num = next((s.find("w:pPr/w:numPr", NS) for s in chain if s is not None and s.find("w:pPr/w:numPr", NS) is not None), None)
    if num is not None:
        num_id, level = num.find("w:numId", NS).get(W + "val"), num.find("w:ilvl", NS)
        abstract = numbering.find(f"w:num[@w:numId='{num_id}']/w:abstractNumId", NS).get(W + "val")
        lvl = numbering.find(f"w:abstractNum[@w:abstractNumId='{abstract}']/w:lvl[@w:ilvl='{level.get(W + 'val') if level is not None else 0}']", NS)
        return int(lvl.find("w:pPr/w:ind", NS).get(W + "left"))
    for style in chain:
        ind = style.find("w:pPr/w:ind", NS) if style is not None else None
        if ind is not None:
            return int(ind.get(W + "left", "0"))
    return 0


def left_border(p: etree._Element, styles: etree._Element) -> bool:
    if p.find("w:pPr/w:pBdr/w:left", NS) is not None:
        return True
    style_id = p.find("w:pPr/w:pStyle", NS)
    style = styles.find(f"w:style[@w:styleId='{style_id.get(W + 'val')}']", NS) if style_id is not None else None
    return style is not None and style.find("w:pPr/w:pBdr/w:left", NS) is not None


def test_docx_quotes_keep_their_lists_code_headings_and_nesting(project: Path) -> None:
    path = output(project, "en", "docx")
    root, styles, numbering = docx_xml(path), docx_xml(path, "word/styles.xml"), docx_xml(path, "word/numbering.xml")
    paragraphs = {"".join(p.xpath(".//w:t/text()", namespaces=NS)): p for p in root.iter(W + "p")}
    indent = {text: effective_indent(paragraphs[text], styles, numbering)
              for text in ("Quote text", "quoted item", "quoted code", "Quoted heading", "Nested quote", "Open task", "Level two")}
    assert indent["Level two"] == 0
    assert indent["quoted item"] > effective_indent(paragraphs["Open task"], styles, numbering) > 0  # a list in a quote is indented further
    assert indent["quoted code"] > 0 and indent["Quoted heading"] > 0
    assert indent["Nested quote"] > indent["Quote text"] > 0
    for text in ("Quote text", "quoted item", "quoted code", "Quoted heading", "Nested quote"):
        assert left_border(paragraphs[text], styles), text
    assert paragraphs["Quoted heading"].find("w:pPr/w:pStyle", NS).get(W + "val") == "Heading2"


# --- Markdown ----------------------------------------------------------------------------


def without_sources(blocks: tuple[m.Block, ...]) -> tuple[m.Block, ...]:
    """Images are copied beside the edition under another name: compare all but that."""
    return m.map_blocks(blocks, lambda b: dataclasses.replace(b, src="") if isinstance(b, m.Figure) else b)


@pytest.mark.parametrize("lang", ["en", "be"])
def test_markdown_edition_reads_back_the_same(project: Path, lang: str) -> None:
    config = load_config(project)
    doc = localize(load_document(project / "content" / "constructs.md", config), lang, config, Report())
    edition = output(project, lang, "md")
    text = edition.read_text(encoding="utf-8")
    assert "<!--" not in text and "{#custom-id}" in text
    copy = project / "content" / f"readback-{lang}.md"
    copy.write_text(re.sub(r"\]\(assets/", "](../build/" + lang + "/assets/", text), encoding="utf-8")
    try:
        back = load_document(copy, config)
    finally:
        copy.unlink()
    assert shape(without_sources(back.blocks)) == shape(without_sources(doc.blocks))
    assert shape(back.notes) == shape(doc.notes)
    assert [h.anchor for h in back.blocks if isinstance(h, m.Heading)] == [h.anchor for h in doc.blocks if isinstance(h, m.Heading)]


# --- generated documents -----------------------------------------------------------------

ODD = "*_`[]<>&|~^\\#:@./!() \u00a0абвЎў"
raised = st.text(alphabet=st.sampled_from(list("ab1") + list(ODD.replace("\u00a0", ""))), min_size=1, max_size=8)
linkish = st.sampled_from(["https://example.org", "www.example.com", "info@example.org", "xmpp:a@b.org", "^[note]", "{#id}", "a~b~", "2^10^"])
extra_inline = st.one_of(
    inline,
    raised.map(lambda t: m.Superscript((m.Text(t),))),
    raised.map(lambda t: m.Subscript((m.Text(t),))),
    emphasised.map(lambda t: m.Strikeout((t,))),
    linkish.map(m.Text),
)
extra_line = st.lists(extra_inline, min_size=1, max_size=5).map(tidy).filter(lambda n: all(
    not isinstance(node, (m.Emph, m.Strong, m.Strikeout, m.Link)) or node.children[0].text == node.children[0].text.strip(" \u00a0")
    for node in n))
extra_paragraph = extra_line.map(lambda n: m.Paragraph(segment(n)))
verse = st.lists(st.builds(lambda pad, n: (m.Text("\u00a0" * pad), *n) if pad else n, st.integers(0, 3), extra_line), min_size=1, max_size=3).map(
    lambda lines: m.LineBlock(segment(tuple(node for i, line in enumerate(lines) for node in ((m.LineBreak(),) if i else ()) + line)), LOC))
extra_block = st.one_of(
    extra_paragraph,
    st.builds(lambda n, level, anchor: m.Heading(level, segment(n), anchor), extra_line, st.integers(1, 6), st.from_regex(r"[a-z][a-z0-9:-]{0,8}", fullmatch=True)),
    st.builds(lambda items, done, start: m.TaskList(tuple((p,) for p in items), tuple(done[:len(items)]) + (None,) * (len(items) - len(done)), LOC, start),
              st.lists(extra_paragraph, min_size=1, max_size=3), st.lists(st.sampled_from([True, False, None]), min_size=1, max_size=3),
              st.sampled_from([None, 1, 4])).filter(lambda b: any(d is not None for d in b.done)),
    st.lists(st.builds(lambda term, ds: m.Definition(segment(term), tuple((d,) for d in ds)), line, st.lists(extra_paragraph, min_size=1, max_size=2)),
             min_size=1, max_size=2).map(lambda items: m.DefinitionList(tuple(items), LOC)),
    verse,
    st.lists(extra_paragraph, min_size=1, max_size=2).map(lambda ps: m.Quote((ps[0], m.Quote(tuple(ps), LOC)), LOC)),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(blocks=st.lists(extra_block, min_size=1, max_size=4))
def test_generated_documents_with_every_construct_read_back_the_same(sample_project: Path, blocks: list[m.Block]) -> None:
    headings = [b.anchor for b in blocks if isinstance(b, m.Heading)]
    assume(len(set(headings)) == len(headings))
    title = segment((m.Text("Title"),))
    doc = m.Document("x", "content/x.md", m.Meta(title, "en", "briefing"), tuple(blocks), {}, (), "en")
    back = read_back(doc, sample_project / "content", sample_project)
    assert shape(back.blocks) == shape(doc.blocks)
    assert [b.anchor for b in back.blocks if isinstance(b, m.Heading)] == headings
