"""The DOCX renderer, tested on real documents reopened with python-docx and lxml.

Small documents are written into a throwaway project in ``tmp_path`` (a copy of
``samizdat.toml`` and the built-in theme's ``reference.docx``); the sample publication is rendered
from the repository itself. Assertions read the WordprocessingML, not bytes, except where
the point is reproducibility.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree
from pypdf import PdfReader

from samizdat import model as m
from samizdat.config import Config, load_config
from samizdat.content import load_document
from samizdat.errors import Report, SamizdatError
from samizdat.localize import localize, terms
from samizdat.render.docx import render
from samizdat.render.docx.styles import StyleSheet
from samizdat.theme import BUILTIN

ROOT = Path(__file__).resolve().parents[2]
HANDOUT = ROOT / "content" / "ep-vote-handout.md"
BRIEFING = ROOT / "content" / "ep-resolution-briefing" / "index.md"
NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
W = "{%s}" % NS["w"]


# --- helpers -------------------------------------------------------------------------


def localized(path: Path, lang: str, root: Path = ROOT) -> tuple[m.Document, Config]:
    config = load_config(root)
    return localize(load_document(path, config), lang, config, Report()), config


def render_sample(tmp_path: Path, path: Path = HANDOUT, lang: str = "en") -> Path:
    doc, config = localized(path, lang)
    target = tmp_path / f"{doc.slug}.{lang}.docx"
    render(doc, config, target)
    return target


def small_project(tmp_path: Path, body: str, front: str = "") -> Path:
    """A project with one content file, ``content/doc.md``; returns its path."""
    shutil.copy(ROOT / "samizdat.toml", tmp_path / "samizdat.toml")
    (tmp_path / "templates").mkdir()
    (tmp_path / "content").mkdir()
    source = tmp_path / "content" / "doc.md"
    source.write_text(f"---\ntitle: A small test\ndate: 2026-01-15\n{front}---\n\n{body}\n", encoding="utf-8")
    return source


def render_small(tmp_path: Path, body: str, front: str = "", lang: str = "en") -> Path:
    source = small_project(tmp_path, body, front)
    doc, config = localized(source, lang, tmp_path)
    target = tmp_path / f"doc.{lang}.docx"
    render(doc, config, target)
    return target


def subdir(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    return folder


def xml(path: Path, part: str) -> etree._Element:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(part))


def body_paragraphs(path: Path) -> list[tuple[str, str]]:
    """(style id, text) of each body paragraph, tables included, in order."""
    out = []
    for p in xml(path, "word/document.xml").iter(W + "p"):
        style = p.find("w:pPr/w:pStyle", NS)
        out.append((style.get(W + "val") if style is not None else "", "".join(p.itertext())))
    return out


def style_of(path: Path, text: str) -> str:
    return next(style for style, content in body_paragraphs(path) if content == text)


# --- the sample publication ----------------------------------------------------------


def test_title_masthead_and_body_text(tmp_path: Path) -> None:
    document = docx.Document(str(render_sample(tmp_path)))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert paragraphs[0] == ("Masthead", "Belarus Briefings \u00b7 24 November 2026")
    assert paragraphs[1] == ("Title", "Europe stands with the people of Belarus")
    assert paragraphs[2] == ("Subtitle", "The European Parliament\u2019s resolution in brief")
    assert paragraphs[3][0] == "Summary"
    assert ("Heading 1", "A clear majority") in paragraphs
    assert any(text.startswith("The European Parliament adopted its resolution") for _, text in paragraphs)


@pytest.mark.parametrize(("lang", "tag"), [("en", "en-GB"), ("be", "be-BY"), ("ru", "ru-RU")])
def test_language_in_style_defaults(tmp_path: Path, lang: str, tag: str) -> None:
    path = render_sample(tmp_path, lang=lang)
    lang_el = xml(path, "word/styles.xml").find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert lang_el.get(W + "val") == tag
    assert lang_el.get(W + "bidi")  # complex-script language kept
    assert docx.Document(str(path)).core_properties.language == tag


def test_belarusian_date_and_page_words(tmp_path: Path) -> None:
    doc, config = localized(HANDOUT, "be")
    path = tmp_path / "be.docx"
    render(doc, config, path)
    masthead = body_paragraphs(path)[0][1]
    assert doc.ui.date(doc.meta.date) in masthead
    footer_text = "".join(xml(path, "word/footer1.xml").itertext())
    before_number = doc.ui.pgettext(*terms.PAGE_OF).split("%(page)s")[0]
    assert footer_text.startswith(before_number)


def test_real_footnotes(tmp_path: Path) -> None:
    path = render_sample(tmp_path)
    notes = xml(path, "word/footnotes.xml")
    types = [note.get(W + "type") for note in notes.findall("w:footnote", NS)]
    assert types[:2] == ["separator", "continuationSeparator"]
    (note,) = [n for n in notes.findall("w:footnote", NS) if n.get(W + "type") is None]
    assert "she won the 2020 presidential election" in "".join(note.itertext()).replace("\u00a0", " ")
    first = note.find("w:p", NS)
    assert first.find("w:pPr/w:pStyle", NS).get(W + "val") == "FootnoteText"
    assert first.find("w:r/w:footnoteRef", NS) is not None
    (reference,) = xml(path, "word/document.xml").iter(W + "footnoteReference")
    assert reference.get(W + "id") == note.get(W + "id")
    assert reference.getparent().find("w:rPr/w:rStyle", NS).get(W + "val") == "FootnoteReference"


def test_real_hyperlinks_with_external_relationships(tmp_path: Path) -> None:
    path = render_sample(tmp_path)
    rels = {
        rel.get("Id"): rel
        for rel in xml(path, "word/_rels/document.xml.rels").findall("rel:Relationship", NS)
    }
    links = list(xml(path, "word/document.xml").iter(W + "hyperlink"))
    targets = {}
    for link in links:
        rel = rels[link.get("{%s}id" % NS["r"])]
        assert rel.get("Type") == HYPERLINK and rel.get("TargetMode") == "External"
        assert link.find("w:r/w:rPr/w:rStyle", NS).get(W + "val") == "Hyperlink"
        targets[rel.get("Target")] = "".join(link.itertext())
    assert targets == {
        "https://www.europarl.europa.eu/": "European Parliament\u2019s website",
        "https://tsikhanouskaya.org/": "tsikhanouskaya.org",
        "https://briefings.example.org/en/ep-vote-handout/": "https://briefings.example.org/en/ep-vote-handout/",
    }


def test_core_properties(tmp_path: Path) -> None:
    props = docx.Document(str(render_sample(tmp_path))).core_properties
    assert props.title == "Europe stands with the people of Belarus"
    assert props.author == props.last_modified_by == "Belarus Briefings editorial team"
    assert props.subject.startswith("The European Parliament has condemned repression")
    assert props.language == "en-GB"
    assert props.created.isoformat().startswith("2026-11-24T00:00:00")
    assert props.modified == props.created and props.revision == 1


def test_picture_with_alt_text_fits_the_text_width(tmp_path: Path) -> None:
    path = render_sample(tmp_path, BRIEFING)
    document = docx.Document(str(path))
    (shape,) = document.inline_shapes
    section = document.sections[0]
    assert shape.width <= section.page_width - section.left_margin - section.right_margin
    (doc_pr,) = xml(path, "word/document.xml").iter("{%s}docPr" % NS["wp"])
    alt = "Hemicycle diagram of the vote: 458\u00a0members in favour, 18\u00a0against and 84\u00a0abstaining"  # numbers keep their words
    assert doc_pr.get("descr") == alt
    assert style_of(path, alt) == "Caption"
    assert any(name.startswith("word/media/") for name in zipfile.ZipFile(path).namelist())


def test_chart_shows_every_label_and_value(tmp_path: Path) -> None:
    doc, config = localized(HANDOUT, "be")
    path = tmp_path / "chart.docx"
    render(doc, config, path)
    (chart,) = [b for b in doc.blocks if isinstance(b, m.Chart)]
    (table,) = [t for t in xml(path, "word/document.xml").iter(W + "tbl")
                if t.find("w:tblPr/w:tblStyle", NS) is not None
                and t.find("w:tblPr/w:tblStyle", NS).get(W + "val") == "SamizdatChart"]
    rows = ["".join(row.itertext()) for row in table.findall("w:tr", NS)]
    assert rows == [bar.label + bar.display for bar in chart.bars]
    bar_cells = [row.findall("w:tc", NS)[3] for row in table.findall("w:tr", NS)]
    spans = [int(cell.find("w:tcPr/w:tcW", NS).get(W + "w")) for cell in bar_cells]
    assert spans[0] > spans[2] > spans[1]  # 458 > 84 > 18
    assert style_of(path, chart.caption.plain()) == "Caption"


def test_two_renders_are_byte_identical(tmp_path: Path) -> None:
    first = render_sample(subdir(tmp_path, "a"), BRIEFING)
    second = render_sample(subdir(tmp_path, "b"), BRIEFING)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as package:
        names = package.namelist()
        assert names[0] == "[Content_Types].xml"
        assert {info.date_time for info in package.infolist()} == {(2026, 11, 24, 0, 0, 0)}


def test_header_has_the_title_and_footer_page_fields(tmp_path: Path) -> None:
    document = docx.Document(str(render_sample(tmp_path)))
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "Europe stands with the people of Belarus"
    for footer in (section.footer, section.first_page_footer):
        instructions = [t.text.split()[0] for t in footer._element.iter(W + "instrText")]
        assert instructions == ["PAGE", "NUMPAGES"]
        assert footer.paragraphs[0].text.startswith("Page ")
        assert footer.paragraphs[0].style.name == "Footer"


# --- small documents -----------------------------------------------------------------


def test_heading_levels_map_to_heading_styles(tmp_path: Path) -> None:
    names = ("One", "Two", "Three", "Four", "Five", "Six")
    path = render_small(tmp_path, "".join(f"{'#' * n} {name}\n\n" for n, name in enumerate(names, 1)) + "Text.")
    assert [style_of(path, text) for text in names] == [f"Heading{n}" for n in range(1, 7)]
    assert style_of(path, "Text.") == ""  # Normal


def test_every_ordered_list_restarts(tmp_path: Path) -> None:
    body = "1. one\n2. two\n\nBetween.\n\n1. again\n2. and again\n\nBetween.\n\n3. three\n4. four"
    path = render_small(tmp_path, body)
    document = xml(path, "word/document.xml")
    numbering = xml(path, "word/numbering.xml")
    by_text = {"".join(p.itertext()): p for p in document.iter(W + "p")}
    num_ids = [by_text[text].find("w:pPr/w:numPr/w:numId", NS).get(W + "val") for text in ("one", "again", "three")]
    assert len(set(num_ids)) == 3
    assert by_text["two"].find("w:pPr/w:numPr/w:numId", NS).get(W + "val") == num_ids[0]
    nums = {num.get(W + "numId"): num for num in numbering.findall("w:num", NS)}
    starts = [nums[n].find("w:lvlOverride/w:startOverride", NS).get(W + "val") for n in num_ids]
    assert starts == ["1", "1", "3"]
    # all on the abstract definition the "List Number" style uses
    style_num = xml(path, "word/styles.xml").find("w:style[@w:styleId='ListNumber']/w:pPr/w:numPr/w:numId", NS).get(W + "val")
    abstract = {nums[n].find("w:abstractNumId", NS).get(W + "val") for n in [*num_ids, style_num]}
    assert len(abstract) == 1
    assert style_of(path, "one") == "ListNumber"


def test_nested_lists_use_levels_and_level_styles(tmp_path: Path) -> None:
    path = render_small(tmp_path, "- outer\n  - inner\n    1. deep\n- second")
    document = xml(path, "word/document.xml")
    by_text = {"".join(p.itertext()): p for p in document.iter(W + "p")}
    levels = {text: by_text[text].find("w:pPr/w:numPr/w:ilvl", NS).get(W + "val") for text in ("outer", "inner", "deep", "second")}
    assert levels == {"outer": "0", "inner": "1", "deep": "2", "second": "0"}
    assert style_of(path, "outer") == "ListBullet"
    assert style_of(path, "inner") == "ListBullet2"
    assert style_of(path, "deep") == "ListNumber2"


def test_table_style_header_row_and_alignment(tmp_path: Path) -> None:
    body = "| Left | Centre | Right |\n|:-----|:------:|------:|\n| a | b | c |"
    path = render_small(tmp_path, body)
    (table,) = xml(path, "word/document.xml").iter(W + "tbl")
    assert table.find("w:tblPr/w:tblStyle", NS).get(W + "val") == "SamizdatTable"
    header, row = table.findall("w:tr", NS)
    assert header.find("w:trPr/w:tblHeader", NS) is not None
    assert row.find("w:trPr/w:tblHeader", NS) is None
    aligns = [p.find("w:pPr/w:jc", NS).get(W + "val") for p in row.iter(W + "p")]
    assert aligns == ["left", "center", "right"]
    assert style_of(path, "Left") == "TableHeading" and style_of(path, "a") == "TableText"


def test_callout_box_quote_code_and_rule(tmp_path: Path) -> None:
    body = "::: note Why it matters\nInside the box.\n:::\n\n> Quoted.\n\n```\ncode line\n```\n\n---\n\nAfter."
    path = render_small(tmp_path, body)
    (table,) = xml(path, "word/document.xml").iter(W + "tbl")
    assert table.find("w:tblPr/w:tblStyle", NS).get(W + "val") == "CalloutBox"
    assert [style_of(path, t) for t in ("Why it matters", "Inside the box.", "Quoted.", "code line")] == [
        "CalloutTitle", "Callout", "Quote", "Code"]
    assert "HorizontalRule" in [style for style, _ in body_paragraphs(path)]


def test_inline_formatting(tmp_path: Path) -> None:
    path = render_small(tmp_path, "Plain *italic* **bold** `code`  \nafter break.")
    runs = {"".join(r.itertext()): r for r in xml(path, "word/document.xml").iter(W + "r")}
    assert runs["italic"].find("w:rPr/w:i", NS) is not None
    assert runs["bold"].find("w:rPr/w:b", NS) is not None
    assert runs["code"].find("w:rPr/w:rStyle", NS).get(W + "val") == "CodeChar"
    assert any(r.find("w:br", NS) is not None for r in runs.values())


def test_notes_own_their_links_and_headings_their_bookmarks(tmp_path: Path) -> None:
    body = (
        "Text[^a] and again[^a], see [below](#second-part).\n\n## Second part\n\nEnd.\n\n"
        "[^a]: A note with [a link](https://example.org/).\n\n    Its second paragraph."
    )
    path = render_small(tmp_path, body)
    notes = [n for n in xml(path, "word/footnotes.xml").findall("w:footnote", NS) if n.get(W + "type") is None]
    assert len(notes) == 2  # a note called twice is written twice
    assert ["".join(p.itertext()) for p in notes[0].findall("w:p", NS)] == [" A note with a link.", "Its second paragraph."]
    (link_rel,) = xml(path, "word/_rels/footnotes.xml.rels").findall("rel:Relationship", NS)
    assert link_rel.get("Target") == "https://example.org/" and link_rel.get("TargetMode") == "External"
    document = xml(path, "word/document.xml")
    (anchor,) = [h.get(W + "anchor") for h in document.iter(W + "hyperlink")]
    (bookmark,) = [b.get(W + "name") for b in document.iter(W + "bookmarkStart")]
    assert anchor == bookmark == "second_part"


def test_missing_translation_is_highlighted(tmp_path: Path) -> None:
    english = render_small(subdir(tmp_path, "en"), "Some text.")
    belarusian = render_small(subdir(tmp_path, "be"), "Some text.", lang="be")
    assert not list(xml(english, "word/document.xml").iter(W + "highlight"))
    marks = [h.get(W + "val") for h in xml(belarusian, "word/document.xml").iter(W + "highlight")]
    assert marks and set(marks) == {"yellow"}


def test_missing_image_is_a_samizdat_error(tmp_path: Path) -> None:
    with pytest.raises(SamizdatError, match="image not found"):
        render_small(tmp_path, "![A picture](missing.png)")


def test_reference_without_footnotes_part_gets_one(tmp_path: Path) -> None:
    source = small_project(tmp_path, "Text with a note.[^n]\n\n[^n]: The note.")
    docx.Document().save(str(tmp_path / "templates" / "reference.docx"))  # python-docx's plain template
    doc, config = localized(source, "en", tmp_path)
    target = tmp_path / "plain.docx"
    render(doc, config, target)
    notes = xml(target, "word/footnotes.xml")
    assert "The note." in "".join(notes.itertext())
    assert len(notes.findall("w:footnote", NS)) == 3
    assert next(xml(target, "word/document.xml").iter(W + "footnoteReference")) is not None


def test_template_reference_document_overrides_the_default(tmp_path: Path) -> None:
    source = small_project(tmp_path, "Text.", front="template: handout\n")
    own = docx.Document(str(BUILTIN / "reference.docx"))
    own.styles.add_style("Handout Marker", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    own.save(str(tmp_path / "templates" / "handout.docx"))
    doc, config = localized(source, "en", tmp_path)
    target = tmp_path / "handout.docx"
    render(doc, config, target)
    assert "Handout Marker" in [s.name for s in docx.Document(str(target)).styles]


def test_reference_document_has_the_styles_the_renderer_uses() -> None:
    document = docx.Document(str(BUILTIN / "reference.docx"))
    names = {style.name for style in document.styles}
    wanted = {
        "Normal", "Title", "Subtitle", *(f"Heading {n}" for n in range(1, 7)), "List Bullet", "List Bullet 2",
        "Definition Term", "Definition", "Line Block",
        "List Number", "List Number 2", "Quote", "Caption", "Hyperlink", "footnote text", "footnote reference",
        "Callout", "Callout Title", "Callout Box", "Summary", "Masthead", "Code", "Code Char", "Header", "Footer",
        "Samizdat Table", "Samizdat Chart", "Chart Bar", "Chart Track",
    }
    assert not {name.lower() for name in wanted} - {name.lower() for name in names}
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    with zipfile.ZipFile(BUILTIN / "reference.docx") as package:
        assert "word/footnotes.xml" in package.namelist()


def test_style_lookup_prefers_words_built_in_over_libreoffices_own() -> None:
    styles = etree.fromstring(
        f'<w:styles xmlns:w="{NS["w"]}">'
        '<w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="Caption"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Caption1"><w:name w:val="caption"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Footnote"><w:name w:val="Footnote Text"/></w:style>'
        "</w:styles>"
    )
    sheet = StyleSheet(styles)
    assert sheet.paragraph("Caption") == "Caption1"
    assert sheet.paragraph("Footnote Text") == "Footnote"  # renamed id, found by name
    assert sheet.paragraph("Callout Title", "Caption") == "Caption1"  # fallback
    assert sheet.paragraph("Callout") is None and sheet.character("Caption") is None


def test_reference_script_is_reproducible(tmp_path: Path) -> None:
    script = ROOT / "scripts" / "make-reference-docx"
    outputs = [tmp_path / "one.docx", tmp_path / "two.docx"]
    for output in outputs:
        subprocess.run([sys.executable, str(script), str(output)], check=True, capture_output=True, timeout=60)
    assert outputs[0].read_bytes() == outputs[1].read_bytes()
    numbering = xml(outputs[0], "word/numbering.xml")
    assert {num.get(W + "numId") for num in numbering.findall("w:num", NS)} == {"1", "2"}


# --- LibreOffice can read it ---------------------------------------------------------


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_the_handout(tmp_path: Path) -> None:
    source = render_sample(tmp_path)
    out = tmp_path / "pdf"
    profile = (tmp_path / "lo-profile").as_uri()  # a private profile: no clash with a running soffice
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(out), str(source)],
        capture_output=True, timeout=180,
    )
    pdf = out / (source.stem + ".pdf")
    assert pdf.is_file(), "LibreOffice produced no PDF"  # soffice exits 0 even when it fails
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Europe stands with the people of Belarus" in " ".join(text.split())
